/* SPDX-License-Identifier: MIT */
/* pg: SSLRequest bytes and every kind of reply to it; --ready's
 * StartupMessage and the classification of its first reply. */
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
	return t_exit();
}
