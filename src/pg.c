/* SPDX-License-Identifier: MIT */
/*
 * pg: SSLRequest and the one-byte answer to it.
 */
#include <string.h>

#include "der.h"
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

/* Appends a NUL-terminated string; the caller checked the room. */
static size_t
put_str(unsigned char *buf, size_t off, const char *s)
{
	size_t len = strlen(s) + 1;

	memcpy(buf + off, s, len);
	return off + len;
}

/* see pg.h */
size_t
pg_startup_build(unsigned char *buf, size_t cap, const char *user,
    const char *db)
{
	size_t ulen = strlen(user);
	size_t dlen = strlen(db);
	size_t off = 8;

	if (cap < PG_STARTUP_CAP || ulen == 0 || ulen > PG_NAME_MAX ||
	    dlen == 0 || dlen > PG_NAME_MAX) {
		return 0;
	}
	off = put_str(buf, off, "user");
	off = put_str(buf, off, user);
	off = put_str(buf, off, "database");
	off = put_str(buf, off, db);
	off = put_str(buf, off, "application_name");
	off = put_str(buf, off, "ccheck");
	buf[off++] = 0;
	buf[0] = (unsigned char)(off >> 24);
	buf[1] = (unsigned char)(off >> 16);
	buf[2] = (unsigned char)(off >> 8);
	buf[3] = (unsigned char)off;
	buf[4] = 0x00;			/* protocol 3.0: 196608 */
	buf[5] = 0x03;
	buf[6] = 0x00;
	buf[7] = 0x00;
	return off;
}

/* see pg.h */
enum pg_ready
pg_ready_parse(const unsigned char *buf, size_t len, char sqlstate[6])
{
	struct rd r;
	struct rd body;
	unsigned type;
	uint32_t mlen;
	unsigned field;
	const unsigned char *v;

	sqlstate[0] = '\0';
	rd_init(&r, buf, len);
	type = rd_u8(&r);
	if (r.bad) {
		return PG_READY_NONE;
	}
	/* The type byte decides, but for an 'E' and its SQLSTATE. */
	if (type == 'R') {
		return PG_READY_ACCEPTING;
	}
	if (type != 'E') {
		return PG_READY_NO_RESPONSE;
	}
	mlen = rd_u32be(&r);
	if (r.bad) {
		return PG_READY_NONE;	/* len < 5 < PG_READY_REPLY_CAP */
	}
	if (mlen < 4) {
		return PG_READY_NO_RESPONSE;
	}
	/* The whole message, or what fits in the buffer. */
	if (mlen - 4 > r.left && len < PG_READY_REPLY_CAP) {
		return PG_READY_NONE;
	}
	body = rd_sub(&r, mlen - 4 > r.left ? r.left : mlen - 4);
	/* Fields: a code byte and a NUL-terminated value, until a 0. */
	while ((field = rd_u8(&body)) != 0 && !body.bad) {
		size_t vlen = 0;

		v = body.p;
		while (rd_u8(&body) != 0 && !body.bad) {
			vlen++;
		}
		if (body.bad) {
			break;
		}
		if (field == 'C' && vlen == 5) {
			memcpy(sqlstate, v, 5);
			sqlstate[5] = '\0';
			break;
		}
	}
	if (sqlstate[0] == '\0') {
		return PG_READY_NO_RESPONSE;
	}
	return strcmp(sqlstate, "57P03") == 0 ? PG_READY_REJECTING :
	    PG_READY_ACCEPTING;
}
