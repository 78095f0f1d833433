/* SPDX-License-Identifier: MIT */
/* pg: SSLRequest bytes and every kind of reply to it; --ready's
 * StartupMessage and the classification of its first reply; the
 * ErrorResponse fields; which direct-TLS failures mean "no direct TLS". */
#include <errno.h>
#include <string.h>

#include "pg.h"
#include "t.h"

static const struct {
	const char *name;
	const char *reply;
	size_t len;
	int want_rc;
	enum ck_err want_err;
	const char *want_detail;
} cases[] = {
	{ "S alone starts TLS", "S", 1, 0, CK_E_OK, "" },
	{ "N: no TLS", "N", 1, -1, CK_E_PG_NO_TLS, "" },
	{ "N then junk: still no TLS", "Nxyz", 4, -1, CK_E_PG_NO_TLS, "" },
	{ "E: rejected, message not echoed",
	    "E\0\0\0\x20SFATAL\0Munsupported frontend", 35, -1,
	    CK_E_PG_REJECTED, "" },
	{ "S plus bytes: injection", "S\x16\x03\x03", 4, -1,
	    CK_E_INJECTED, "CVE-2021-23222" },
	{ "S plus one byte", "SS", 2, -1, CK_E_INJECTED, "CVE-2021-23222" },
	{ "HTTP server", "HTTP/1.1 400 Bad", 16, -1, CK_E_PG_PROTOCOL,
	    "\"HTTP/1.1 400 Bad\"" },
	{ "TLS record: not postgres", "\x15\x03\x01\x00\x02\x02\x46", 7, -1,
	    CK_E_PG_PROTOCOL, "\"\\x15\\x03\\x01\\x00\\x02\\x02F\"" },
	{ "NUL byte", "\0", 1, -1, CK_E_PG_PROTOCOL, "\"\\x00\"" },
	{ "long junk is cut to 16 bytes", "0123456789abcdefghij", 20, -1,
	    CK_E_PG_PROTOCOL, "\"0123456789abcdef\"" },
	{ "lower-case s is not S", "s", 1, -1, CK_E_PG_PROTOCOL, "\"s\"" },
};

/* First replies to a StartupMessage (E = ErrorResponse, R = auth). */
#define E57P03 "E\0\0\0\x2dSFATAL\0VFATAL\0C57P03\0Mthe database " \
    "is shut\0\0"
static const struct {
	const char *name;
	const char *reply;
	size_t len;
	enum pg_ready want;
	const char *want_sqlstate;
} ready_cases[] = {
	{ "R: SASL request", "R\0\0\0\x17\0\0\0\x0aSCRAM-SHA-256\0\0", 24,
	    PG_READY_ACCEPTING, "" },
	{ "R: AuthenticationOk", "R\0\0\0\x08\0\0\0\0", 9,
	    PG_READY_ACCEPTING, "" },
	{ "R, header only so far", "R\0\0\0\x08", 5, PG_READY_ACCEPTING, "" },
	{ "57P03: rejecting", E57P03, 46, PG_READY_REJECTING, "57P03" },
	{ "28000: accepting", "E\0\0\0\x17SFATAL\0C28000\0Mno\0\0", 24,
	    PG_READY_ACCEPTING, "28000" },
	{ "E cut before C: more to read", E57P03, 20, PG_READY_NONE, "" },
	{ "E without C: no response", "E\0\0\0\x0fSFATAL\0Mno\0\0", 16,
	    PG_READY_NO_RESPONSE, "" },
	{ "E with a 4-byte C: no response",
	    "E\0\0\0\x0c" "C5703\0\0", 13, PG_READY_NO_RESPONSE, "" },
	{ "E length below 4", "E\0\0\0\x02", 5, PG_READY_NO_RESPONSE, "" },
	{ "E field not terminated", "E\0\0\0\x08" "C57P", 9,
	    PG_READY_NO_RESPONSE, "" },
	{ "E alone: more to read", "E", 1, PG_READY_NONE, "" },
	{ "E and half a length: more to read", "E\0\0", 3, PG_READY_NONE, "" },
	{ "R alone: the type decides", "R", 1, PG_READY_ACCEPTING, "" },
	{ "nothing yet", "", 0, PG_READY_NONE, "" },
	{ "N: not a reply to a startup", "N", 1, PG_READY_NO_RESPONSE, "" },
	{ "HTTP: no response", "HTTP/1.1 400", 12, PG_READY_NO_RESPONSE, "" },
};

static void
check_ready(void)
{
	static const unsigned char want_start[] = {
		0, 0, 0, 0x36, 0, 3, 0, 0,
		'u', 's', 'e', 'r', 0, 'b', 'o', 'b', 0,
		'd', 'a', 't', 'a', 'b', 'a', 's', 'e', 0, 'd', 'b', 0,
	};
	unsigned char buf[PG_STARTUP_CAP];
	unsigned char full[PG_READY_REPLY_CAP];
	char name[PG_NAME_MAX + 2];
	char st[6];
	size_t len;
	size_t i;

	len = pg_startup_build(buf, sizeof buf, "bob", "db");
	CHECK(len == 0x36);
	CHECK(memcmp(buf, want_start, sizeof want_start) == 0);
	CHECK(memcmp(buf + sizeof want_start, "application_name\0ccheck\0\0",
	    25) == 0);
	memset(name, 'n', sizeof name);
	name[PG_NAME_MAX] = '\0';
	CHECK(pg_startup_build(buf, sizeof buf, name, name) ==
	    8 + 5 + 9 + 17 + 7 + 1 + 2 * (PG_NAME_MAX + 1));
	name[PG_NAME_MAX] = 'n';
	name[PG_NAME_MAX + 1] = '\0';
	CHECK(pg_startup_build(buf, sizeof buf, name, "db") == 0);
	CHECK(pg_startup_build(buf, sizeof buf, "", "db") == 0);
	CHECK(pg_startup_build(buf, sizeof buf, "bob", "") == 0);
	CHECK(pg_startup_build(buf, sizeof buf - 1, "bob", "db") == 0);

	for (i = 0; i < sizeof ready_cases / sizeof ready_cases[0]; i++) {
		enum pg_ready got = pg_ready_parse(
		    (const unsigned char *)ready_cases[i].reply,
		    ready_cases[i].len, st);

		CHECKF(got == ready_cases[i].want &&
		    strcmp(st, ready_cases[i].want_sqlstate) == 0,
		    "%s (got %d, \"%s\")", ready_cases[i].name, (int)got, st);
	}
	/* A full buffer ends the wait: judged on what it holds. */
	memset(full, 'x', sizeof full);
#define CUT57 "E\0\0\x10\0SFATAL\0C57P03\0M"
#define CUTNO "E\0\0\x10\0SFATAL\0Mxx"
	memcpy(full, CUT57, sizeof CUT57 - 1);
	CHECK(pg_ready_parse(full, sizeof full, st) == PG_READY_REJECTING);
	memcpy(full, CUTNO, sizeof CUTNO - 1);
	CHECK(pg_ready_parse(full, sizeof full, st) == PG_READY_NO_RESPONSE);
	CHECK(pg_ready_parse(full, 4, st) == PG_READY_NONE);
}

/* pg_error_parse: the fields, and how much of the message there was. */
static void
check_error(void)
{
#define PGB "E\0\0\0=SFATAL\0C08P01\0Mclient sent partial pkt in " \
    "startup phase\0\0"
	const unsigned char *pgb = (const unsigned char *)PGB;
	struct pg_error e;

	CHECK(pg_error_parse(pgb, sizeof PGB - 1, &e) == 1);
	CHECK(e.sqlstate_len == 5 && memcmp(e.sqlstate, "08P01", 5) == 0);
	CHECK(e.message_len == 40 && memcmp(e.message, "client sent", 11) ==
	    0);
	/* Cut inside M: C is there, M is not; the message goes on. */
	CHECK(pg_error_parse(pgb, 30, &e) == 0);
	CHECK(e.sqlstate_len == 5 && e.message == NULL);
	CHECK(pg_error_parse(pgb, 4, &e) == 0 && e.sqlstate == NULL);
	CHECK(pg_error_parse(pgb, 0, &e) == 0);
	/* The length ends the fields, not the buffer: M lies past it. */
	CHECK(pg_error_parse((const unsigned char *)"E\0\0\0\x0b"
	    "C08P01\0Mx\0\0", 15, &e) == 1);
	CHECK(e.sqlstate_len == 5 && e.message == NULL);
	/* The first field of a code wins. */
	CHECK(pg_error_parse((const unsigned char *)"E\0\0\0\x0e"
	    "Ma\0Mbc\0C\0\0", 15, &e) == 1);
	CHECK(e.message_len == 1 && e.message[0] == 'a');
	CHECK(e.sqlstate != NULL && e.sqlstate_len == 0);
	CHECK(pg_error_parse((const unsigned char *)"E\0\0\0\x03", 5, &e) ==
	    -1);
	CHECK(pg_error_parse((const unsigned char *)"N", 1, &e) == -1);
	CHECK(pg_error_parse((const unsigned char *)"HTTP/1.1", 8, &e) == -1);
}

/* pg_direct_refused: which failures of a direct ClientHello mean "no". */
static void
check_direct_refused(void)
{
	struct result res;

	memset(&res, 0, sizeof res);
	result_fail(&res, CK_E_EOF, "during TLS handshake");
	CHECK(pg_direct_refused(&res));
	CHECK(res.err == CK_E_PG_NO_DIRECT);
	CHECK_STR(res.detail, "it closed the connection at the ClientHello "
	    "(PostgreSQL before 17?)", "EOF: closed");

	memset(&res, 0, sizeof res);
	result_fail_sys(&res, CK_E_IO, ECONNRESET);
	CHECK(pg_direct_refused(&res));
	CHECK_STR(res.detail, "it reset the connection at the ClientHello "
	    "(PostgreSQL before 17?)", "ECONNRESET: reset");
	CHECK(res.sys == 0);

	memset(&res, 0, sizeof res);
	result_fail(&res, CK_E_NOT_TLS, "a PostgreSQL error, not TLS: \"x\"");
	CHECK(pg_direct_refused(&res));
	CHECK(res.err == CK_E_PG_NO_DIRECT);
	CHECK_STR(res.detail, "it answered with a PostgreSQL error, not TLS: "
	    "\"x\"", "not TLS: the answer named");

	/* A long quote is cut, and says so. */
	memset(&res, 0, sizeof res);
	memset(res.detail, 'q', sizeof res.detail - 1);
	res.err = CK_E_NOT_TLS;
	CHECK(pg_direct_refused(&res));
	CHECK(strlen(res.detail) == sizeof res.detail - 1);
	CHECK(strcmp(res.detail + sizeof res.detail - 4, "...") == 0);

	/* TLS spoken, then a failure: that failure, no fallback. */
	memset(&res, 0, sizeof res);
	result_fail(&res, CK_E_TLS_ALERT, "handshake failure");
	CHECK(!pg_direct_refused(&res));
	CHECK(res.err == CK_E_TLS_ALERT);
	memset(&res, 0, sizeof res);
	result_fail_sys(&res, CK_E_IO, ETIMEDOUT);
	CHECK(!pg_direct_refused(&res));
	memset(&res, 0, sizeof res);
	result_fail(&res, CK_E_X509_UNKNOWN_CA, NULL);
	CHECK(!pg_direct_refused(&res));
}

int
main(void)
{
	static const unsigned char want_req[] = {
		0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f
	};
	size_t i;

	CHECK(memcmp(pg_sslrequest, want_req, sizeof want_req) == 0);
	/* 80877103 as the protocol says, from its parts. */
	CHECK(((unsigned long)pg_sslrequest[4] << 24 |
	    (unsigned long)pg_sslrequest[5] << 16 |
	    (unsigned long)pg_sslrequest[6] << 8 | pg_sslrequest[7]) ==
	    80877103UL);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct result res;
		int rc;

		memset(&res, 0, sizeof res);
		rc = pg_reply_parse((const unsigned char *)cases[i].reply,
		    cases[i].len, &res);
		CHECKF(rc == cases[i].want_rc && res.err == cases[i].want_err &&
		    strcmp(res.detail, cases[i].want_detail) == 0,
		    "%s (got %d, %s, \"%s\")", cases[i].name, rc,
		    ck_strerror(res.err), res.detail);
	}
	check_ready();
	check_error();
	check_direct_refused();
	return t_exit();
}
