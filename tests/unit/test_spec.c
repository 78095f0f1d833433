/* SPDX-License-Identifier: MIT */
/* spec: every SPEC form, and as many malformed ones. */
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spec.h"
#include "t.h"

static const struct {
	const char *text;
	enum proto proto;
	const char *want_err;		/* NULL: parses */
	const char *want_addr;
	const char *want_name;
	unsigned want_port;
} cases[] = {
	/* want proto: the scheme's when one is given, else the flag's. */
	{ "db:5433", PROTO_POSTGRES, NULL, "db", "db", 5433 },
	{ "db", PROTO_POSTGRES, NULL, "db", "db", 5432 },
	{ "db", PROTO_TLS, NULL, "db", "db", 443 },
	{ "127.0.0.1:1", PROTO_TLS, NULL, "127.0.0.1", "127.0.0.1", 1 },
	{ "[::1]:5432", PROTO_TLS, NULL, "::1", "::1", 5432 },
	{ "[::1]", PROTO_POSTGRES, NULL, "::1", "::1", 5432 },
	{ "::1", PROTO_TLS, NULL, "::1", "::1", 443 },
	{ "fe80::1:2", PROTO_TLS, NULL, "fe80::1:2", "fe80::1:2", 443 },
	{ "10.0.0.1(db.example.test):6432", PROTO_TLS, NULL,
	    "10.0.0.1", "db.example.test", 6432 },
	{ "10.0.0.1(db.example.test)", PROTO_POSTGRES, NULL,
	    "10.0.0.1", "db.example.test", 5432 },
	{ "[::1](db.example.test):7", PROTO_TLS, NULL,
	    "::1", "db.example.test", 7 },
	{ "::1(db):7", PROTO_TLS, NULL, "::1", "db", 7 },
	{ "db:65535", PROTO_TLS, NULL, "db", "db", 65535 },
	{ "postgres://db", PROTO_TLS, NULL, "db", "db", 5432 },
	{ "postgresql://db:6000/", PROTO_TLS, NULL, "db", "db", 6000 },
	{ "POSTGRES://db/", PROTO_TLS, NULL, "db", "db", 5432 },
	{ "https://[::1]/", PROTO_POSTGRES, NULL, "::1", "::1", 443 },
	{ "tls://10.0.0.1(db.example.test):7", PROTO_POSTGRES, NULL,
	    "10.0.0.1", "db.example.test", 7 },

	/*
	 * Go ccheck's unfoldSpec table: the server name in parentheses
	 * anywhere; empty parentheses name the address.
	 */
	{ "127.0.0.1:123", PROTO_TLS, NULL, "127.0.0.1", "127.0.0.1", 123 },
	{ "127.0.0.1(localhost):123", PROTO_TLS, NULL,
	    "127.0.0.1", "localhost", 123 },
	{ "(localhost)127.0.0.1:123", PROTO_TLS, NULL,
	    "127.0.0.1", "localhost", 123 },
	{ "127.0.0.1:123(localhost)", PROTO_TLS, NULL,
	    "127.0.0.1", "localhost", 123 },
	{ "127.0.0.1():123", PROTO_TLS, NULL, "127.0.0.1", "127.0.0.1", 123 },
	{ "()127.0.0.1:123", PROTO_TLS, NULL, "127.0.0.1", "127.0.0.1", 123 },
	{ "127.0.0.1:123()", PROTO_TLS, NULL, "127.0.0.1", "127.0.0.1", 123 },
	/* The same with a name, and without a port. */
	{ "db.example.test:5432(localhost)", PROTO_TLS, NULL,
	    "db.example.test", "localhost", 5432 },
	{ "(db.example.test)10.0.0.1", PROTO_POSTGRES, NULL,
	    "10.0.0.1", "db.example.test", 5432 },
	{ "10.0.0.1()", PROTO_TLS, NULL, "10.0.0.1", "10.0.0.1", 443 },
	{ "a():5", PROTO_TLS, NULL, "a", "a", 5 },
	{ "(::1)127.0.0.1:7", PROTO_TLS, NULL, "127.0.0.1", "::1", 7 },
	/* IPv6: brackets before a port; a bare literal has none. */
	{ "(db)[::1]:7", PROTO_TLS, NULL, "::1", "db", 7 },
	{ "[::1]:7(db)", PROTO_TLS, NULL, "::1", "db", 7 },
	{ "[::1]():7", PROTO_TLS, NULL, "::1", "::1", 7 },
	{ "()[::1]:7", PROTO_TLS, NULL, "::1", "::1", 7 },
	{ "[::1]:7()", PROTO_TLS, NULL, "::1", "::1", 7 },
	{ "[::1](db)", PROTO_TLS, NULL, "::1", "db", 443 },
	{ "(db)::1", PROTO_TLS, NULL, "::1", "db", 443 },
	{ "::1(db)", PROTO_TLS, NULL, "::1", "db", 443 },
	{ "::1:7(db)", PROTO_TLS, NULL, "::1:7", "db", 443 },
	{ "[fe80::1%1](db):7", PROTO_TLS, NULL, "fe80::1%1", "db", 7 },
	/* Schemes: the parentheses anywhere after "scheme://". */
	{ "postgres://(db)[::1]:5433", PROTO_TLS, NULL, "::1", "db", 5433 },
	{ "postgres://[::1]:5433(db)/", PROTO_TLS, NULL, "::1", "db", 5433 },
	{ "postgres://[::1](db)", PROTO_TLS, NULL, "::1", "db", 5432 },
	{ "smtp://(mx.example.test)10.0.0.1", PROTO_TLS, NULL,
	    "10.0.0.1", "mx.example.test", 25 },
	{ "tls://10.0.0.1:7()", PROTO_POSTGRES, NULL,
	    "10.0.0.1", "10.0.0.1", 7 },

	{ "", PROTO_TLS, "empty spec", NULL, NULL, 0 },
	{ "gopher://db", PROTO_TLS, "unknown scheme", NULL, NULL, 0 },
	{ "://db", PROTO_TLS, "unknown scheme", NULL, NULL, 0 },
	{ "postgres://", PROTO_TLS, "empty host", NULL, NULL, 0 },
	{ "postgres:///", PROTO_TLS, "empty host", NULL, NULL, 0 },
	{ "postgres://db//", PROTO_TLS, "invalid character in host",
	    NULL, NULL, 0 },
	{ "postgres://db:5432/x", PROTO_TLS, "invalid port", NULL, NULL, 0 },
	{ ":5432", PROTO_TLS, "empty host", NULL, NULL, 0 },
	{ "db:", PROTO_TLS, "invalid port", NULL, NULL, 0 },
	{ "db:0", PROTO_TLS, "invalid port", NULL, NULL, 0 },
	{ "db:65536", PROTO_TLS, "invalid port", NULL, NULL, 0 },
	{ "db:-1", PROTO_TLS, "invalid port", NULL, NULL, 0 },
	{ "db:+5", PROTO_TLS, "invalid port", NULL, NULL, 0 },
	{ "db:5432x", PROTO_TLS, "invalid port", NULL, NULL, 0 },
	{ "db:99999999999999999999", PROTO_TLS, "invalid port",
	    NULL, NULL, 0 },
	{ "[::1", PROTO_TLS, "missing ']' in IPv6 address",
	    NULL, NULL, 0 },
	{ "[]:5", PROTO_TLS, "empty host", NULL, NULL, 0 },
	{ "[::1]x", PROTO_TLS, "unexpected text after host",
	    NULL, NULL, 0 },
	{ "a(b", PROTO_TLS, "missing ')' after server name",
	    NULL, NULL, 0 },
	/* Nothing that could not be a host name is left in addr or name. */
	{ "127.0.0.1:123:4", PROTO_TLS,
	    "':' in a host that is not an IPv6 address", NULL, NULL, 0 },
	{ "db:5432:1", PROTO_TLS,
	    "':' in a host that is not an IPv6 address", NULL, NULL, 0 },
	{ "(x)db:5432:1", PROTO_TLS,
	    "':' in a host that is not an IPv6 address", NULL, NULL, 0 },
	{ "db:5432:1(x)", PROTO_TLS,
	    "':' in a host that is not an IPv6 address", NULL, NULL, 0 },
	{ "[a:b]:5", PROTO_TLS,
	    "':' in a host that is not an IPv6 address", NULL, NULL, 0 },
	{ "a(b:c):5", PROTO_TLS,
	    "':' in a host that is not an IPv6 address", NULL, NULL, 0 },
	{ "::1%lo:5", PROTO_TLS,
	    "':' in a host that is not an IPv6 address", NULL, NULL, 0 },
	{ "a:b", PROTO_TLS, "invalid port", NULL, NULL, 0 },
	{ "(a)(b)c:1", PROTO_TLS, "invalid character in host",
	    NULL, NULL, 0 },
	{ "a(b)(c):1", PROTO_TLS, "unexpected text after host",
	    NULL, NULL, 0 },
	{ "a(b):1(c)", PROTO_TLS, "invalid port", NULL, NULL, 0 },
	{ "a:5(b):6", PROTO_TLS, "unexpected text after host",
	    NULL, NULL, 0 },
	{ "a)b:1", PROTO_TLS, "invalid character in host", NULL, NULL, 0 },
	{ "a]b:1", PROTO_TLS, "invalid character in host", NULL, NULL, 0 },
	{ "a((b)):5", PROTO_TLS, "unexpected text after host",
	    NULL, NULL, 0 },
	{ "a((b):5", PROTO_TLS, "invalid character in host",
	    NULL, NULL, 0 },
	{ "[::1](db)x", PROTO_TLS, "unexpected text after host",
	    NULL, NULL, 0 },
	{ "(a", PROTO_TLS, "missing ')' after server name", NULL, NULL, 0 },
	{ "()", PROTO_TLS, "empty host", NULL, NULL, 0 },
	{ "(db)", PROTO_TLS, "empty host", NULL, NULL, 0 },
	{ "(db):5", PROTO_TLS, "empty host", NULL, NULL, 0 },
	{ "postgres://(db)", PROTO_TLS, "empty host", NULL, NULL, 0 },
	{ "a(b)c", PROTO_TLS, "unexpected text after host",
	    NULL, NULL, 0 },
	{ "d b:5", PROTO_TLS, "invalid character in host",
	    NULL, NULL, 0 },
	{ "a(b c):5", PROTO_TLS, "invalid character in host",
	    NULL, NULL, 0 },
	{ "u@db:5", PROTO_TLS, "invalid character in host",
	    NULL, NULL, 0 },
	{ "db\x01:5", PROTO_TLS, "invalid character in host",
	    NULL, NULL, 0 },
};

static void
test_long_host(void)
{
	char text[SPEC_HOST_CAP + 8];
	struct spec sp;

	memset(text, 'a', sizeof text);
	text[SPEC_HOST_CAP - 1] = '\0';		/* 255 bytes: fits */
	CHECK(spec_parse(text, PROTO_TLS, &sp) == NULL);
	text[SPEC_HOST_CAP - 1] = 'a';
	text[SPEC_HOST_CAP] = '\0';		/* 256 bytes: does not */
	CHECK(spec_parse(text, PROTO_TLS, &sp) != NULL &&
	    strcmp(spec_parse(text, PROTO_TLS, &sp),
	    "host name too long") == 0);
}

static void
test_scheme_sets_proto(void)
{
	struct spec sp;

	CHECK(spec_parse("postgres://db", PROTO_TLS, &sp) == NULL &&
	    sp.proto == PROTO_POSTGRES);
	CHECK(spec_parse("https://db", PROTO_POSTGRES, &sp) == NULL &&
	    sp.proto == PROTO_TLS);
	CHECK(spec_parse("db", PROTO_POSTGRES, &sp) == NULL &&
	    sp.proto == PROTO_POSTGRES);
}

static void
test_file(void)
{
	struct spec sp;

	/* An existing regular file is a PEM target; a directory is not. */
	CHECK(spec_parse("tests/unit/test_spec.c", PROTO_TLS, &sp) ==
	    NULL && sp.kind == SPEC_KIND_FILE);
	CHECK(spec_parse("tests", PROTO_TLS, &sp) == NULL &&
	    sp.kind == SPEC_KIND_NET);
}

static void
test_has_port(void)
{
	struct spec sp;

	CHECK(spec_parse("db", PROTO_POSTGRES, &sp) == NULL && !sp.has_port);
	CHECK(spec_parse("db(x)", PROTO_POSTGRES, &sp) == NULL &&
	    !sp.has_port);
	CHECK(spec_parse("[::1]", PROTO_POSTGRES, &sp) == NULL &&
	    !sp.has_port);
	CHECK(spec_parse("db:5432", PROTO_POSTGRES, &sp) == NULL &&
	    sp.has_port);
	CHECK(spec_parse("(x)db:5432", PROTO_POSTGRES, &sp) == NULL &&
	    sp.has_port);
	CHECK(spec_parse("db(x):5432", PROTO_POSTGRES, &sp) == NULL &&
	    sp.has_port);
}

static void
touch(const char *name)
{
	int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	CHECKF(fd >= 0, "create %s", name);
	if (fd >= 0) {
		close(fd);
	}
}

static void
want_file(const char *text, size_t path_len, const char *name)
{
	struct spec sp;
	const char *err = spec_parse(text, PROTO_TLS, &sp);

	CHECKF(err == NULL && sp.kind == SPEC_KIND_FILE &&
	    sp.path_len == path_len && strcmp(sp.name, name) == 0,
	    "\"%s\" is the file \"%.*s\", name \"%s\" (%s)", text,
	    (int)path_len, text, name, err != NULL ? err : "parsed");
}

static void
want_net(const char *text, const char *addr, const char *name,
    unsigned port)
{
	struct spec sp;
	const char *err = spec_parse(text, PROTO_TLS, &sp);

	CHECKF(err == NULL && sp.kind == SPEC_KIND_NET &&
	    strcmp(sp.addr, addr) == 0 && strcmp(sp.name, name) == 0 &&
	    sp.port == port, "\"%s\" is probed at %s (%s) port %u (%s)",
	    text, addr, name, port, err != NULL ? err : "parsed");
}

/*
 * A file is read only when it exists and the text holds a '/' or is no
 * SPEC with a port: files named like SPECs in the working directory.
 */
static void
test_file_named_like_spec(void)
{
	static const char *const names[] = {
		"db.example.test:5432", "chain.pem", "db.example.test",
		"x y:5", "10.0.0.1(db):7",
	};
	char dir[] = "/tmp/test_spec.XXXXXX";
	char cwd[4096];
	struct spec sp;
	size_t i;

	if (getcwd(cwd, sizeof cwd) == NULL || mkdtemp(dir) == NULL ||
	    chdir(dir) < 0) {
		CHECKF(0, "a scratch directory");
		return;
	}
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		touch(names[i]);
	}
	want_net("db.example.test:5432", "db.example.test",
	    "db.example.test", 5432);
	want_file("./db.example.test:5432", 22, "");
	want_net("db.example.test:5432(x)", "db.example.test", "x", 5432);
	want_file("./db.example.test:5432(x)", 22, "x");
	want_file("chain.pem", 9, "");
	want_file("chain.pem(db.test)", 9, "db.test");
	want_file("chain.pem(::1)", 9, "::1");
	want_net("chain.pem:443", "chain.pem", "chain.pem", 443);
	want_file("db.example.test", 15, "");	/* no port: the file */
	want_file("x y:5", 5, "");		/* no SPEC at all */
	want_net("10.0.0.1(db):7", "10.0.0.1", "db", 7);
	CHECK(spec_parse("chain.pem(a:b)", PROTO_TLS, &sp) != NULL &&
	    strcmp(spec_parse("chain.pem(a:b)", PROTO_TLS, &sp),
	    "':' in a host that is not an IPv6 address") == 0);
	CHECK(spec_parse("chain.pem()", PROTO_TLS, &sp) != NULL &&
	    strcmp(spec_parse("chain.pem()", PROTO_TLS, &sp),
	    "empty host") == 0);
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		unlink(names[i]);
	}
	CHECK(chdir(cwd) == 0 && rmdir(dir) == 0);
}

static const struct {
	const char *s;
	unsigned long lo, hi;
	int want_rc;
	unsigned long want;
} numbers[] = {
	{ "0", 0, 10, 0, 0 },
	{ "10", 0, 10, 0, 10 },
	{ "007", 0, 10, 0, 7 },
	{ "11", 0, 10, -1, 0 },
	{ "0", 1, 10, -1, 0 },
	{ "", 0, 10, -1, 0 },
	{ " 1", 0, 10, -1, 0 },
	{ "1 ", 0, 10, -1, 0 },
	{ "-1", 0, 10, -1, 0 },
	{ "1e3", 0, 10000, -1, 0 },
#if ULONG_MAX > 0xffffffffUL
	{ "18446744073709551616", 0, ULONG_MAX, -1, 0 },
	{ "18446744073709551615", 0, ULONG_MAX, 0, ULONG_MAX },
#else
	{ "4294967296", 0, ULONG_MAX, -1, 0 },
	{ "4294967295", 0, ULONG_MAX, 0, ULONG_MAX },
#endif
};

int
main(void)
{
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct spec sp;
		const char *err = spec_parse(cases[i].text, cases[i].proto,
		    &sp);

		if (cases[i].want_err != NULL) {
			CHECKF(err != NULL &&
			    strcmp(err, cases[i].want_err) == 0,
			    "\"%s\" fails with \"%s\" (got \"%s\")",
			    cases[i].text, cases[i].want_err,
			    err ? err : "no error");
			continue;
		}
		CHECKF(err == NULL && sp.kind == SPEC_KIND_NET &&
		    strcmp(sp.addr, cases[i].want_addr) == 0 &&
		    strcmp(sp.name, cases[i].want_name) == 0 &&
		    sp.port == cases[i].want_port &&
		    sp.text == cases[i].text,
		    "\"%s\" → %s (%s) port %u", cases[i].text,
		    cases[i].want_addr, cases[i].want_name,
		    cases[i].want_port);
	}
	for (i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
		unsigned long v = 12345;
		int rc = spec_parse_ulong(numbers[i].s, numbers[i].lo,
		    numbers[i].hi, &v);

		CHECKF(rc == numbers[i].want_rc &&
		    (rc != 0 || v == numbers[i].want),
		    "number \"%s\" in [%lu, %lu]", numbers[i].s,
		    numbers[i].lo, numbers[i].hi);
	}
	test_long_host();
	test_file();
	test_has_port();
	test_file_named_like_spec();
	test_scheme_sets_proto();
	return t_exit();
}
