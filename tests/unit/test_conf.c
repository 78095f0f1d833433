/* SPDX-License-Identifier: MIT */
/*
 * conf: a file with every key of Go ccheck's example ccheck.toml and its
 * values, read as Go's server would; the TOML forms such files use; then
 * each error with its exact "FILE:LINE: reason" text; Go durations.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "duration.h"
#include "t.h"

/* The keys and values of Go ccheck's example file, in its layout. */
static const char go_example[] =
    "# ccheck server settings, every value its default\n"
    "\n"
    "[check]\n"
    "workers         = 1\n"
    "min_days        = 15\n"
    "\n"
    "[tls]\n"
    "client_cert_pem = \"\"\n"
    "client_key_pem  = \"\"\n"
    "root_certs_pem  = \"\"\n"
    "skip_verify     = true\n"
    "\n"
    "[server]\n"
    "bind            = \"127.0.0.1:1981\"\n"
    "prefix          = \"\"\n"
    "behind_proxy    = false\n"
    "postgres        = false\n"
    "starttls        = false\n"
    "\n"
    "[timeout]\n"
    "http_idle       = \"30s\"\n"
    "http_read       = \"15s\"\n"
    "http_write      = \"15s\"\n"
    "idle_conn       = \"60s\"\n"
    "server_request  = \"60s\"\n"
    "smtp_connect    = \"5s\"\n"
    "smtp_ehlo       = \"10s\"\n"
    "smtp_greeting   = \"10s\"\n"
    "smtp_noop       = \"10s\"\n"
    "smtp_quit       = \"10s\"\n"
    "smtp_starttls   = \"10s\"\n"
    "smtp_tls        = \"10s\"\n"
    "tls_handshake   = \"10s\"\n";

static struct conf c;
static char why[512];

static int
parse(const char *text)
{
	conf_init(&c);
	why[0] = '\0';
	return conf_parse(text, strlen(text), "ccheck.toml", &c, why,
	    sizeof why);
}

static void
test_go_example(void)
{
	size_t i;

	CHECK(parse(go_example) == 0);
	CHECK_STR(why, "", "no error");
	CHECK_INT(c.workers, 1, "workers");
	CHECK_INT(c.min_days, 15, "min_days");
	CHECK(c.is_skip_verify && conf_set(&c, CONF_SKIP_VERIFY));
	CHECK_STR(c.bind, "127.0.0.1:1981", "bind");
	CHECK_STR(c.prefix, "", "prefix");
	CHECK(!c.is_behind_proxy && !c.is_postgres && !c.is_starttls);
	CHECK(conf_set(&c, CONF_STARTTLS) && !conf_set(&c, CONF_ALLOW));
	CHECK_INT(c.dur_ms[CONF_DUR_SMTP_CONNECT], 5000, "smtp_connect");
	CHECK_INT(c.dur_ms[CONF_DUR_TLS_HANDSHAKE], 10000, "tls_handshake");
	CHECK_INT(c.dur_ms[CONF_DUR_IDLE_CONN], 60000, "idle_conn");
	for (i = 0; i < CONF_DUR__COUNT; i++) {
		bool want = i >= CONF_DUR_HTTP_IDLE;

		CHECKF(conf_set(&c, (enum conf_key)(CONF_DUR_FIRST + i)) ==
		    want, "%s set: %d", conf_dur_name((enum conf_dur)i), want);
	}
	CHECK_STR(conf_dur_name(CONF_DUR_SERVER_HTTP_IDLE), "server.http_idle",
	    "dur name");
	/* Nothing set: Go's effective defaults. */
	conf_init(&c);
	CHECK_STR(c.bind, "127.0.0.1:1981", "default bind");
	CHECK(c.set == 0 && c.workers == 1 && c.min_days == 15 &&
	    !c.is_skip_verify && c.allow.n == 0);
	CHECK_INT(c.dur_ms[CONF_DUR_SERVER_HTTP_IDLE], 30000, "http_idle");
	CHECK_INT(c.dur_ms[CONF_DUR_SERVER_CACHE_TTL], 60000, "cache_ttl");
}

static void
test_forms(void)
{
	CHECK(parse("\xef\xbb\xbf[check]\nworkers = 2\n") == 0 &&
	    c.workers == 2);		/* a UTF-8 BOM, as editors write */
	CHECK(parse("") == 0 && c.set == 0);
	CHECK(parse("  # only a comment\r\n\r\n\t\n") == 0);
	CHECK(parse("[Server]\r\nBIND = 'a:1' # literal\r\n\"prefix\" = "
	    "\"/ccheck\"\r\n") == 0);
	CHECK_STR(c.bind, "a:1", "CRLF, literal string, any case");
	CHECK_STR(c.prefix, "/ccheck", "quoted key");
	CHECK(parse("[ check ]\nworkers = +1_024\n") == 0);
	CHECK_INT(c.workers, 1024, "underscore, plus");
	CHECK(parse("[check]\nworkers=\"8\"\nmin_days = \"0\"\n") == 0);
	CHECK(c.workers == 8 && c.min_days == 0);
	CHECK(parse("[tls]\nskip_verify = \"True\"\n") == 0 && c.is_skip_verify);
	CHECK(parse("[tls]\nskip_verify = 0\n") == 0 && !c.is_skip_verify);
	CHECK(parse("[tls]\nroot_certs_pem = \"C:\\\\ca\\u00e9\\t.pem\"") == 0);
	CHECK_STR(c.root_certs_pem, "C:\\ca\xc3\xa9\t.pem", "escapes, no EOL");
	CHECK(parse("[server]\nallow = [\n  \"*.db.example.com:5432\", # pg\n"
	    "  '10.0.0.0/8',\n\n  \"[::1]:5432\",\n]\nbind = \"x:1\"\n") == 0);
	CHECK_INT(c.allow.n, 3, "allow over lines, trailing comma");
	CHECK(allow_match(&c.allow, "a.db.example.com", 5432));
	CHECK(!allow_match(&c.allow, "a.db.example.com", 5433));
	CHECK_STR(c.bind, "x:1", "a key after the array");
	CHECK(parse("[server]\nallow = []\n") == 0 && c.allow.n == 0 &&
	    conf_set(&c, CONF_ALLOW));
	CHECK(parse("[server]\ncache_ttl = \"2m\"\nhttp_idle = \"1.5s\"\n"
	    "[timeout]\nsmtp_tls = \"1h2m3.5s\"\n") == 0);
	CHECK_INT(c.dur_ms[CONF_DUR_SERVER_CACHE_TTL], 120000, "cache_ttl");
	CHECK_INT(c.dur_ms[CONF_DUR_SERVER_HTTP_IDLE], 1500, "http_idle");
	CHECK_INT(c.dur_ms[CONF_DUR_SMTP_TLS], 3723500, "smtp_tls");
}

static const struct {
	const char *text;
	const char *want;
} errors[] = {
	{ "workers = 1\n", "ccheck.toml:1: key workers outside a table" },
	{ "[check]\nworker = 1\n",
	    "ccheck.toml:2: unknown key worker in [check]" },
	{ "[tls]\n\n# x\nroot_cert_pem = \"/ca.pem\"\n",
	    "ccheck.toml:4: unknown key root_cert_pem in [tls]" },
	{ "[check]\nbind = \"a\"\n",
	    "ccheck.toml:2: unknown key bind in [check]" },
	{ "[tls]\n\"a\\u0001\" = 1\n",
	    "ccheck.toml:2: unknown key a\\x01 in [tls]" },
	{ "[prometheus]\n", "ccheck.toml:1: unknown table [prometheus] "
	    "(known: check, tls, server, timeout)" },
	{ "[check]\n[check]\n", "ccheck.toml:2: table [check] given twice" },
	{ "[check]\nworkers = 1\nWorkers = 2\n",
	    "ccheck.toml:3: workers given twice in [check]" },
	{ "[check.sub]\n", "ccheck.toml:1: dotted keys are not supported; "
	    "write [table] and key = value" },
	{ "[server]\nserver.bind = \"a\"\n", "ccheck.toml:2: dotted keys are "
	    "not supported; write [table] and key = value" },
	{ "[[check]]\n", "ccheck.toml:1: arrays of tables ([[...]]) are not "
	    "supported" },
	{ "[check\n", "ccheck.toml:1: expected ']'" },
	{ "[check] x\n", "ccheck.toml:1: expected the end of the line after "
	    "the table name" },
	{ "[check]\nworkers 1\n", "ccheck.toml:2: expected '=' after "
	    "workers" },
	{ "[check]\nworkers = 1 2\n", "ccheck.toml:2: expected the end of "
	    "the line after the value" },
	{ "[check]\nworkers =\n", "ccheck.toml:2: expected a value" },
	{ "[check]\nworkers = 0\n", "ccheck.toml:2: workers: expected an "
	    "integer from 1 to 4096" },
	{ "[check]\nworkers = -1\n", "ccheck.toml:2: workers: expected an "
	    "integer from 1 to 4096" },
	{ "[check]\nworkers = \"4x\"\n", "ccheck.toml:2: workers: expected "
	    "an integer from 1 to 4096" },
	{ "[check]\nmin_days = 36501\n", "ccheck.toml:2: min_days: expected "
	    "an integer from 0 to 36500" },
	{ "[check]\nworkers = 01\n", "ccheck.toml:2: expected a string, an "
	    "integer, a boolean or an array of strings (TOML floats, dates "
	    "and other bases are not supported)" },
	{ "[check]\nworkers = 1.5\n", "ccheck.toml:2: expected a string, an "
	    "integer, a boolean or an array of strings (TOML floats, dates "
	    "and other bases are not supported)" },
	{ "[check]\nworkers = 0x10\n", "ccheck.toml:2: expected a string, an "
	    "integer, a boolean or an array of strings (TOML floats, dates "
	    "and other bases are not supported)" },
	{ "[check]\nworkers = 1__0\n", "ccheck.toml:2: expected a string, an "
	    "integer, a boolean or an array of strings (TOML floats, dates "
	    "and other bases are not supported)" },
	{ "[check]\nworkers = 99999999999\n",
	    "ccheck.toml:2: integer out of range" },
	{ "[tls]\nskip_verify = yes\n", "ccheck.toml:2: expected a string, "
	    "an integer, a boolean or an array of strings (TOML floats, dates "
	    "and other bases are not supported)" },
	{ "[tls]\nskip_verify = \"yes\"\n",
	    "ccheck.toml:2: skip_verify: expected true or false" },
	{ "[tls]\nskip_verify = 2\n",
	    "ccheck.toml:2: skip_verify: expected true or false" },
	{ "[tls]\nroot_certs_pem = 1\n",
	    "ccheck.toml:2: root_certs_pem: expected a string" },
	{ "[tls]\nroot_certs_pem = [\"a\"]\n", "ccheck.toml:2: root_certs_pem: "
	    "expected a single value, not an array" },
	{ "[tls]\nroot_certs_pem = \"a\n", "ccheck.toml:2: unterminated "
	    "string" },
	{ "[tls]\nroot_certs_pem = \"\"\"a\"\"\"\n", "ccheck.toml:2: "
	    "multi-line strings are not supported" },
	{ "[tls]\nroot_certs_pem = \"\\x41\"\n", "ccheck.toml:2: bad escape "
	    "in a string" },
	{ "[tls]\nroot_certs_pem = \"\\u0000\"\n", "ccheck.toml:2: bad \\u "
	    "escape" },
	{ "[tls]\nroot_certs_pem = \"\\ud800\"\n", "ccheck.toml:2: bad \\u "
	    "escape" },
	{ "[tls]\nroot_certs_pem = \"a\x01\"\n", "ccheck.toml:2: control "
	    "character in a string" },
	{ "[tls]\nroot_certs_pem = { a = 1 }\n", "ccheck.toml:2: inline "
	    "tables are not supported" },
	{ "[timeout]\nsmtp_tls = 30\n", "ccheck.toml:2: smtp_tls: a duration "
	    "needs a unit, such as \"30s\" (Go ccheck reads 30 as "
	    "nanoseconds)" },
	{ "[timeout]\nsmtp_tls = \"30\"\n", "ccheck.toml:2: smtp_tls: expected "
	    "a duration such as \"30s\", \"1m30s\" or \"500ms\"" },
	{ "[timeout]\nsmtp_tls = \"-5s\"\n", "ccheck.toml:2: smtp_tls: "
	    "expected a duration such as \"30s\", \"1m30s\" or \"500ms\"" },
	{ "[server]\nallow = \"10.0.0.0/8\"\n", "ccheck.toml:2: allow: "
	    "expected an array of strings" },
	{ "[server]\nallow = [\n\"10.0.0.0/8\",\n\"10.1.0.0/8\"]\n",
	    "ccheck.toml:4: allow: \"10.1.0.0/8\": address has bits set past "
	    "the prefix length" },
	{ "[server]\nallow = [\"a\" \"b\"]\n",
	    "ccheck.toml:2: allow: expected ',' or ']'" },
	{ "[server]\nallow = [1]\n",
	    "ccheck.toml:2: allow: expected an array of strings" },
	{ "[server]\nallow = [\"a\"\n", "ccheck.toml:3: allow: unterminated "
	    "array" },
	{ "[server]\nallow = [", "ccheck.toml:2: allow: unterminated "
	    "array" },
	{ "[server]\nbind = \"a\"\r\r\n", "ccheck.toml:2: expected the end of "
	    "the line after the value" },
	{ "[server]\n# a\x01\n", "ccheck.toml:2: control character in a "
	    "comment" },
	{ "[server]\n\nbind = \"a\0\"\n", "ccheck.toml:3: NUL byte in the "
	    "file" },
	{ "= 1\n", "ccheck.toml:1: expected a key or [table]" },
};

static void
test_errors(void)
{
	size_t i;
	size_t len;

	for (i = 0; i < sizeof errors / sizeof errors[0]; i++) {
		conf_init(&c);
		why[0] = '\0';
		/* sizeof - 1 keeps an embedded NUL: only the last case */
		len = strlen(errors[i].text);
		if (strstr(errors[i].want, "NUL") != NULL) {
			len += 1 + strlen(errors[i].text + len + 1);
		}
		CHECKF(conf_parse(errors[i].text, len, "ccheck.toml", &c, why,
		    sizeof why) == -1, "case %zu fails", i);
		CHECK_STR(why, errors[i].want, "error text");
	}
	/* a path over its cap */
	{
		static char big[CONF_PATH_CAP + 64];

		memcpy(big, "[tls]\nroot_certs_pem = \"", 24);
		memset(big + 24, 'a', CONF_PATH_CAP);
		memcpy(big + 24 + CONF_PATH_CAP, "\"\n", 3);
		CHECK(parse(big) == -1);
		CHECK_STR(why, "ccheck.toml:2: string longer than 1023 bytes",
		    "long path");
		big[24 + CONF_PATH_CAP - 1] = '"';
		big[24 + CONF_PATH_CAP] = '\n';
		big[24 + CONF_PATH_CAP + 1] = '\0';
		CHECK(parse(big) == 0 && strlen(c.root_certs_pem) == 1023);
		memcpy(big, "[server]\nprefix = \"", 19);
		memset(big + 19, 'p', 300);
		memcpy(big + 319, "\"\n", 3);
		CHECK(parse(big) == -1);
		CHECK_STR(why, "ccheck.toml:2: prefix: longer than 255 bytes",
		    "long prefix");
	}
}

static const struct {
	const char *s;
	long long want_ms;			/* -1: refused */
} durations[] = {
	{ "0", 0 }, { "+0", 0 }, { "0s", 0 }, { "5s", 5000 },
	{ "1m30s", 90000 }, { "500ms", 500 }, { "1.5h", 5400000 },
	{ "2h45m", 9900000 }, { ".5s", 500 }, { "1.s", 1000 },
	{ "1us", 1 }, { "1\xc2\xb5s", 1 }, { "1\xce\xbcs", 1 },
	{ "1ns", 1 }, { "999999ns", 1 }, { "1000000ns", 1 },
	{ "1000001ns", 2 }, { "1h0.0000000001s", 3600000 },
	{ "0.1234567891s", 124 }, { "10s10s", 20000 }, { "1ms1ns", 2 },
	{ "1193h2m47.295s", 4294967295 },
	{ "1193h2m47.296s", -1 }, { "2562047h47m16.854775807s", -1 },
	{ "2562048h", -1 }, { "99999999999999999999s", -1 },
	{ "", -1 }, { "+", -1 }, { "-1s", -1 }, { "-0", -1 }, { "30", -1 },
	{ "1", -1 }, { "s", -1 }, { ".s", -1 }, { "1S", -1 }, { "1sec", -1 },
	{ "1 s", -1 }, { "1.5.5s", -1 }, { "1d", -1 }, { "1\xc2s", -1 },
};

static void
test_durations(void)
{
	uint32_t ms;
	size_t i;
	int rc;

	for (i = 0; i < sizeof durations / sizeof durations[0]; i++) {
		ms = 7;
		rc = duration_parse(durations[i].s,
		    strlen(durations[i].s), &ms);
		if (durations[i].want_ms < 0) {
			CHECKF(rc == -1, "duration \"%s\" refused",
			    durations[i].s);
		} else {
			CHECKF(rc == 0 && ms == (uint32_t)durations[i].want_ms,
			    "duration \"%s\" = %lld ms (got %d, %u)",
			    durations[i].s, durations[i].want_ms, rc, ms);
		}
	}
}

static void
test_load(void)
{
	char path[] = "/tmp/ccheck-conf-XXXXXX";
	static char big[CONF_FILE_MAX + 2];
	FILE *f;
	int fd;

	conf_init(&c);
	CHECK(conf_load("/nonexistent/ccheck.toml", &c, why, sizeof why) ==
	    -1);
	CHECK_STR(why, "/nonexistent/ccheck.toml: No such file or directory",
	    "missing file");
	fd = mkstemp(path);
	CHECK(fd >= 0);
	f = fdopen(fd, "w");
	fputs(go_example, f);
	fclose(f);
	conf_init(&c);
	CHECK(conf_load(path, &c, why, sizeof why) == 0);
	CHECK(c.is_skip_verify && conf_set(&c, (enum conf_key)(CONF_DUR_FIRST +
	    CONF_DUR_TLS_HANDSHAKE)));
	f = fopen(path, "a");
	fputs("[server] # ours\nallow = [\"127.0.0.1:5432\"]\n", f);
	fclose(f);
	conf_init(&c);
	CHECK(conf_load(path, &c, why, sizeof why) == -1);
	CHECK(strncmp(why, path, strlen(path)) == 0 && strcmp(why +
	    strlen(path), ":34: table [server] given twice") == 0);
	/* CONF_FILE_MAX bytes pass, one more does not */
	conf_init(&c);
	f = fopen(path, "w");
	fputs("[tls]\nskip_verify = false\n", f);
	memset(big, '#', sizeof big - 1);
	fwrite(big, 1, CONF_FILE_MAX - 26, f);
	fclose(f);
	CHECK(conf_load(path, &c, why, sizeof why) == 0);
	f = fopen(path, "a");
	fputs("#", f);
	fclose(f);
	CHECK(conf_load(path, &c, why, sizeof why) == -1);
	CHECK(strstr(why, ": larger than 65536 bytes") != NULL);
	unlink(path);
}

int
main(void)
{
	test_go_example();
	test_forms();
	test_errors();
	test_durations();
	test_load();
	return t_exit();
}
