/* SPDX-License-Identifier: MIT */
/*
 * pg: SSLRequest and the one-byte answer to it; the ErrorResponse and
 * startup messages ccheck reads or sends around it.
 */
#include <errno.h>
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
int
pg_error_parse(const unsigned char *buf, size_t len, struct pg_error *e)
{
	struct rd r;
	struct rd body;
	uint32_t mlen;
	unsigned code;
	int rc = 1;

	memset(e, 0, sizeof *e);
	rd_init(&r, buf, len);
	if (rd_u8(&r) != 'E') {
		return r.bad ? 0 : -1;
	}
	mlen = rd_u32be(&r);
	if (r.bad) {
		return 0;
	}
	if (mlen < 4) {
		return -1;
	}
	/* The whole message, or what there is of it. */
	if (mlen - 4 > r.left) {
		rc = 0;
	}
	body = rd_sub(&r, rc == 0 ? r.left : mlen - 4);
	while ((code = rd_u8(&body)) != 0 && !body.bad) {
		const unsigned char *v = body.p;
		size_t vlen = 0;

		while (rd_u8(&body) != 0 && !body.bad) {
			vlen++;
		}
		if (body.bad) {
			break;
		}
		if (code == 'C' && e->sqlstate == NULL) {
			e->sqlstate = v;
			e->sqlstate_len = vlen;
		} else if (code == 'M' && e->message == NULL) {
			e->message = v;
			e->message_len = vlen;
		}
	}
	return rc;
}

/* see pg.h */
bool
pg_direct_refused(struct result *res)
{
	char was[RESULT_DETAIL_CAP];
	const char *why;

	if (res->err == CK_E_EOF) {
		why = "it closed the connection at the ClientHello";
	} else if (res->err == CK_E_IO &&
	    (res->sys == ECONNRESET || res->sys == EPIPE)) {
		why = "it reset the connection at the ClientHello";
	} else if (res->err == CK_E_NOT_TLS) {
		/* The answer names itself: no guess at the version. */
		memcpy(was, res->detail, sizeof was);
		memset(res, 0, sizeof *res);
		result_fail(res, CK_E_PG_NO_DIRECT, "it answered with %s", was);
		return true;
	} else {
		return false;
	}
	memset(res, 0, sizeof *res);
	result_fail(res, CK_E_PG_NO_DIRECT, "%s (PostgreSQL before 17?)",
	    why);
	return true;
}

/* see pg.h */
enum pg_ready
pg_ready_parse(const unsigned char *buf, size_t len, char sqlstate[6])
{
	struct pg_error e;
	int rc;

	sqlstate[0] = '\0';
	if (len == 0) {
		return PG_READY_NONE;
	}
	/* The type byte decides, but for an 'E' and its SQLSTATE. */
	if (buf[0] == 'R') {
		return PG_READY_ACCEPTING;
	}
	rc = pg_error_parse(buf, len, &e);
	if (rc < 0) {
		return PG_READY_NO_RESPONSE;
	}
	/* The whole message, or what fits in the buffer. */
	if (rc == 0 && len < PG_READY_REPLY_CAP) {
		return PG_READY_NONE;
	}
	if (e.sqlstate_len != 5) {
		return PG_READY_NO_RESPONSE;
	}
	memcpy(sqlstate, e.sqlstate, 5);
	sqlstate[5] = '\0';
	return strcmp(sqlstate, "57P03") == 0 ? PG_READY_REJECTING :
	    PG_READY_ACCEPTING;
}
