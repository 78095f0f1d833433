/* SPDX-License-Identifier: MIT */
/*
 * test_pgconf: postgresql.conf as PostgreSQL reads it (src/pgconf.h).
 * A table of one-file texts with the value (or syntax error) wanted;
 * every row marked "pg15" was checked against PostgreSQL 15's own
 * "postgres -C" on the same text.  Then includes on disk: include,
 * include_if_exists, include_dir order, relative paths, recursion, the
 * depth limit, postgresql.auto.conf last, unreadable files; and
 * parse_bool.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include "pgconf.h"
#include "t.h"

struct conf_case {
	const char *name;
	const char *text;
	enum pgconf_key key;
	const char *want;		/* NULL: not set */
	unsigned want_line;
	const char *want_problem;	/* NULL: none; else a prefix */
};

static const struct conf_case cases[] = {
	{ "plain", "ssl = on\n", PGCONF_SSL, "on", 1, NULL },
	{ "no equals sign (pg15)", "SSL on\n", PGCONF_SSL, "on", 1, NULL },
	{ "name in any case", "Ssl_Cert_File = 'a'\n", PGCONF_SSL_CERT_FILE,
	    "a", 1, NULL },
	{ "quoted path with blank", "ssl_cert_file = '/a/b c.pem'\n",
	    PGCONF_SSL_CERT_FILE, "/a/b c.pem", 1, NULL },
	{ "doubled quote (pg15)", "ssl_ciphers = 'it''s'\n", PGCONF_SSL_CIPHERS,
	    "it's", 1, NULL },
	{ "backslash quote (pg15)", "ssl_ciphers = 'a\\'b'\n",
	    PGCONF_SSL_CIPHERS, "a'b", 1, NULL },
	{ "octal escape (pg15)", "ssl_ciphers = 'x\\101y'\n",
	    PGCONF_SSL_CIPHERS, "xAy", 1, NULL },
	{ "letter escapes", "ssl_ciphers = 'a\\tb\\qc'\n", PGCONF_SSL_CIPHERS,
	    "a\tbqc", 1, NULL },
	{ "octal NUL ends the value", "ssl_ciphers = 'ab\\0cd'\n",
	    PGCONF_SSL_CIPHERS, "ab", 1, NULL },
	{ "unquoted string with dash (pg15)", "ssl_cert_file = a-b.crt\n",
	    PGCONF_SSL_CERT_FILE, "a-b.crt", 1, NULL },
	{ "unquoted file.ext is a qualified id (pg15)",
	    "ssl_cert_file = server.crt\n", PGCONF_SSL_CERT_FILE, NULL, 0,
	    "syntax error, near token \"server.crt\"" },
	{ "unquoted absolute path (pg15)", "ssl_cert_file = /etc/x.pem\n",
	    PGCONF_SSL_CERT_FILE, NULL, 0, "syntax error, near token \"/\"" },
	{ "unquoted address (pg15)", "listen_addresses = 127.0.0.1\n",
	    PGCONF_LISTEN_ADDRESSES, NULL, 0,
	    "syntax error, near token \".0\"" },
	{ "hex integer (pg15)", "port=0x10\n", PGCONF_PORT, "0x10", 1, NULL },
	{ "integer with unit", "port = 5432kB\n", PGCONF_PORT, "5432kB", 1,
	    NULL },
	{ "comment after value", "port = 5433 # the port\n", PGCONF_PORT,
	    "5433", 1, NULL },
	{ "comment holding quotes", "ssl = 'on' # 'x' = y\n", PGCONF_SSL,
	    "on", 1, NULL },
	{ "last setting wins", "port = 1\n\n# x\nport = 2\n", PGCONF_PORT, "2",
	    4, NULL },
	{ "CRLF lines", "ssl = on\r\nport = 7\r\n", PGCONF_PORT, "7", 2, NULL },
	{ "no final newline", "port = 9", PGCONF_PORT, "9", 1, NULL },
	{ "junk after value", "ssl = on off\n", PGCONF_SSL, NULL, 0,
	    "syntax error, near token \"off\"" },
	{ "no name", "= on\n", PGCONF_SSL, NULL, 0,
	    "syntax error, near token \"=\"" },
	{ "no value", "ssl =\n", PGCONF_SSL, NULL, 0,
	    "syntax error, near end of line" },
	{ "unterminated quote", "ssl_ciphers = 'abc\nport = 3\n",
	    PGCONF_PORT, "3", 2, "syntax error, near token \"'\"" },
	{ "error resyncs at the next line", "ssl = on off\nssl = off\n",
	    PGCONF_SSL, "off", 2, "syntax error" },
	{ "qualified name is a setting of its own", "x.ssl = on\n",
	    PGCONF_SSL, NULL, 0, NULL },
	{ "qualified id is no value", "ssl = a.b\n", PGCONF_SSL, NULL, 0,
	    "syntax error" },
	{ "real value", "port = 1.5e3\n", PGCONF_PORT, "1.5e3", 1, NULL },
	{ "vertical tab is no blank", "ssl\v= on\n", PGCONF_SSL, NULL, 0,
	    "syntax error" },
	{ "NUL byte", "ssl = o\0n\n", PGCONF_SSL, NULL, 0, "syntax error" },
	{ "high bytes are letters", "ssl_ciphers = \xc3\xa9t\xc3\xa9\n",
	    PGCONF_SSL_CIPHERS, "\xc3\xa9t\xc3\xa9", 1, NULL },
	{ "include not followed here", "include 'x.conf'\n", PGCONF_SSL, NULL,
	    0, "include not followed" },
	{ "empty include name", "include ''\n", PGCONF_SSL, NULL, 0,
	    "empty configuration file name" },
};

static void
test_cases(void)
{
	static struct pgconf pc;
	const struct conf_case *c;
	const struct pgconf_value *v;
	size_t len;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		c = &cases[i];
		pgconf_init(&pc);
		pc.log.is_no_files = true;
		len = strlen(c->text);
		if (strcmp(c->name, "NUL byte") == 0) {
			len = 10;
		}
		pgconf_parse(&pc, "t.conf", c->text, len, 0);
		v = &pc.v[c->key];
		if (c->want == NULL) {
			CHECKF(!v->is_set, "%s: not set", c->name);
		} else {
			CHECKF(v->is_set && strcmp(v->text, c->want) == 0 &&
			    v->at.line == c->want_line && strcmp(pgconf_file(
			    &pc.log, v->at), "t.conf") == 0,
			    "%s: \"%s\" at line %u", c->name, c->want,
			    c->want_line);
		}
		if (c->want_problem == NULL) {
			CHECKF(pc.log.n_problems == 0, "%s: no problem (%s)",
			    c->name, pc.log.n_problems > 0 ?
			    pc.log.problems[0].text : "");
		} else {
			CHECKF(pc.log.n_problems >= 1 && strncmp(
			    pc.log.problems[0].text, c->want_problem,
			    strlen(c->want_problem)) == 0, "%s: problem \"%s\" "
			    "(got \"%s\")", c->name, c->want_problem,
			    pc.log.n_problems > 0 ? pc.log.problems[0].text :
			    "");
		}
	}
}

static char dir[64];

static void
put(const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	if (f == NULL) {
		CHECKF(0, "write %s", path);
		return;
	}
	fputs(text, f);
	fclose(f);
}

static const char *
at(const struct pgconf *pc, enum pgconf_key k, char *out, size_t cap)
{
	const struct pgconf_value *v = &pc->v[k];
	const char *file = pgconf_file(&pc->log, v->at);
	const char *base = strrchr(file, '/');

	snprintf(out, cap, "%s=%s@%s:%u", pgconf_key_name(k), v->is_set ?
	    v->text : "-", base != NULL ? base + 1 : file, v->at.line);
	return out;
}

static void
test_includes(void)
{
	static struct pgconf pc;
	char path[256];
	char got[512];
	char sub[128];

	strcpy(dir, "/tmp/test_pgconf.XXXXXX");
	if (mkdtemp(dir) == NULL) {
		CHECK(!"mkdtemp");
		return;
	}
	snprintf(sub, sizeof sub, "%s/conf.d", dir);
	mkdir(sub, 0700);
	snprintf(sub, sizeof sub, "%s/conf.d/sub.conf", dir);
	mkdir(sub, 0700);		/* a directory named .conf: skipped */
	put("postgresql.conf", "port = 1\nssl = off\ninclude 'a.conf'\n"
	    "include_if_exists 'missing.conf'\ninclude_dir 'conf.d'\n"
	    "ssl_ciphers = 'main'\n");
	put("a.conf", "port = 2\nssl_cert_file = 'from-a'\n");
	put("conf.d/20-b.conf", "ssl_cert_file = 'from-b'\nport = 4\n");
	put("conf.d/10-a.conf", "ssl_cert_file = 'from-10'\nport = 3\n"
	    "ssl_ciphers = 'dir'\n");
	put("conf.d/.hidden.conf", "port = 99\n");
	put("conf.d/30-c.txt", "port = 98\n");
	put("postgresql.auto.conf", "ssl = on\n");
	snprintf(path, sizeof path, "%s/postgresql.conf", dir);
	pgconf_init(&pc);
	CHECK(pgconf_load(&pc, path) == 0);
	CHECK_INT(pc.log.n_problems, 0, "includes: no problems");
	CHECK_STR(at(&pc, PGCONF_PORT, got, sizeof got),
	    "port=4@20-b.conf:2", "include_dir files in name order");
	CHECK_STR(at(&pc, PGCONF_SSL_CERT_FILE, got, sizeof got),
	    "ssl_cert_file=from-b@20-b.conf:1", "last include wins");
	CHECK_STR(at(&pc, PGCONF_SSL_CIPHERS, got, sizeof got),
	    "ssl_ciphers=main@postgresql.conf:6", "a later line wins");
	CHECK_STR(at(&pc, PGCONF_SSL, got, sizeof got),
	    "ssl=on@postgresql.auto.conf:1", "postgresql.auto.conf last");
	CHECK_STR(pc.data_dir, dir, "data directory: the file's");

	/* a missing include and an unreadable directory are problems */
	put("postgresql.conf", "include 'missing.conf'\n"
	    "include_dir 'nodir'\nport = 5\n");
	pgconf_init(&pc);
	CHECK(pgconf_load(&pc, path) == 0);
	CHECK_INT(pc.log.n_problems, 2, "missing include and directory");
	CHECK(pc.log.n_problems == 2 && strncmp(pc.log.problems[0].text,
	    "could not open configuration file", 33) == 0 &&
	    pc.log.problems[0].at.line == 1);
	CHECK(pc.log.n_problems == 2 && strncmp(pc.log.problems[1].text,
	    "could not open configuration directory", 38) == 0 &&
	    pc.log.problems[1].at.line == 2);
	CHECK_STR(at(&pc, PGCONF_PORT, got, sizeof got),
	    "port=5@postgresql.conf:3", "parsing goes on after a problem");

	/* direct recursion */
	put("postgresql.conf", "include 'postgresql.conf'\n");
	pgconf_init(&pc);
	pgconf_load(&pc, path);
	CHECK(pc.log.n_problems == 1 && strncmp(pc.log.problems[0].text,
	    "configuration file recursion", 28) == 0);

	/* indirect recursion ends at the depth limit, as in PostgreSQL */
	put("postgresql.conf", "include 'a.conf'\n");
	put("a.conf", "port = 6\ninclude 'b.conf'\n");
	put("b.conf", "include 'a.conf'\n");
	pgconf_init(&pc);
	pgconf_load(&pc, path);
	CHECK(pc.log.n_problems == 1 && strstr(pc.log.problems[0].text,
	    "maximum nesting depth exceeded") != NULL);
	CHECK(pc.log.n_files == 1 + PGCONF_DEPTH_MAX + 1);

	/* depth 10 is allowed, 11 is not */
	put("postgresql.conf", "include 'd1.conf'\n");
	for (int d = 1; d <= 11; d++) {
		char name[32];
		char text[64];

		snprintf(name, sizeof name, "d%d.conf", d);
		snprintf(text, sizeof text, "port = %d\ninclude 'd%d.conf'\n",
		    d, d + 1);
		put(name, text);
	}
	put("d12.conf", "");
	pgconf_init(&pc);
	pgconf_load(&pc, path);
	CHECK_STR(at(&pc, PGCONF_PORT, got, sizeof got), "port=10@d10.conf:1",
	    "depth 10 read, 11 refused");
	CHECK(pc.log.n_problems == 1 && pc.log.problems[0].at.line == 2 &&
	    strstr(pc.log.problems[0].text, "d11.conf\": maximum nesting") !=
	    NULL);

	/* data_directory moves postgresql.auto.conf */
	snprintf(sub, sizeof sub, "%s/conf.d", dir);
	put("postgresql.conf", "data_directory = 'conf.d'\n");
	put("conf.d/postgresql.auto.conf", "ssl = yes\n");
	pgconf_init(&pc);
	pgconf_load(&pc, path);
	CHECK_STR(pc.data_dir, sub, "relative data_directory");
	CHECK_STR(at(&pc, PGCONF_SSL, got, sizeof got),
	    "ssl=yes@postgresql.auto.conf:1", "auto.conf of data_directory");

	/* the main file missing */
	snprintf(path, sizeof path, "%s/nothing.conf", dir);
	pgconf_init(&pc);
	CHECK(pgconf_load(&pc, path) == -1 && pc.log.n_problems == 1);
	snprintf(got, sizeof got, "rm -rf '%s'", dir);
	CHECK(system(got) == 0);
}

static void
test_bool(void)
{
	static const struct {
		const char *s;
		int want;		/* -1: invalid */
	} b[] = {
		{ "on", 1 }, { "ON", 1 }, { "off", 0 }, { "of", 0 }, { "o", -1 },
		{ "t", 1 }, { "tru", 1 }, { "true", 1 }, { "truex", -1 },
		{ "f", 0 }, { "yes", 1 }, { "y", 1 }, { "n", 0 }, { "no", 0 },
		{ "1", 1 }, { "0", 0 }, { "01", -1 }, { "", -1 }, { "onn", -1 }
	};
	bool v;
	size_t i;
	int rc;

	for (i = 0; i < sizeof b / sizeof b[0]; i++) {
		rc = pgconf_bool(b[i].s, &v);
		CHECKF(b[i].want < 0 ? rc == -1 : rc == 0 && v == b[i].want,
		    "parse_bool(\"%s\") = %d", b[i].s, b[i].want);
	}
}

int
main(void)
{
	test_cases();
	test_includes();
	test_bool();
	return t_exit();
}
