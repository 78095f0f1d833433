/* SPDX-License-Identifier: MIT */
/*
 * pg: SSLRequest and the one-byte answer to it.
 */
#include "pg.h"

/* see pg.h */
const unsigned char pg_sslrequest[PG_SSLREQUEST_LEN] = {
	0x00, 0x00, 0x00, 0x08,		/* length, self included */
	0x04, 0xd2, 0x16, 0x2f		/* 1234 << 16 | 5679 */
};

/* Shown bytes of an unexpected reply: enough to recognise a protocol. */
#define QUOTE_LEN 16

/* see pg.h */
int
pg_reply_parse(const unsigned char *buf, size_t len, struct result *res)
{
	char quoted[4 * QUOTE_LEN + 4];

	switch (buf[0]) {
	case 'S':
		if (len != 1) {
			return result_fail(res, CK_E_INJECTED,
			    "CVE-2021-23222");
		}
		return 0;
	case 'N':
		return result_fail(res, CK_E_PG_NO_TLS, NULL);
	case 'E':
		return result_fail(res, CK_E_PG_REJECTED, NULL);
	default:
		ck_escape(quoted, sizeof quoted, buf,
		    len < QUOTE_LEN ? len : QUOTE_LEN);
		return result_fail(res, CK_E_PG_PROTOCOL, "\"%s\"", quoted);
	}
}
