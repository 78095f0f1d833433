/* SPDX-License-Identifier: MIT */
/* pg: SSLRequest bytes and every kind of reply to it. */
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
	return t_exit();
}
