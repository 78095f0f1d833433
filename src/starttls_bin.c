/* SPDX-License-Identifier: MIT */
/*
 * starttls_bin: the preambles that are not lines.  LDAP's StartTLS
 * extended operation (RFC 4511 4.14, BER read through der.h), MySQL's
 * server greeting and SSL request packet (the client/server protocol,
 * Protocol::HandshakeV10 and Protocol::SSLRequest), and XMPP's stream
 * features and <starttls/> (RFC 6120 5.4).  Every multi-byte integer is
 * encoded and decoded byte by byte, so byte order never depends on the
 * host.
 */
#include <string.h>

#include "der.h"
#include "starttls_int.h"

/* Bytes of a binary reply shown when it is not the protocol. */
#define SHOW_BYTES 16

/*
 * Quotes the first bytes at p (at most SHOW_BYTES: a binary reply shows
 * no more than its first bytes usefully) and fails with err.
 */
static size_t
fail_bytes(struct framer *f, const unsigned char *p, size_t len,
    enum ck_err err, enum framer_want *want, struct result *res)
{
	framer_note(f, p, len < SHOW_BYTES ? len : SHOW_BYTES);
	return framer_fail(f, err, want, res);
}

/* Fails with err and "CODE, \"TEXT\"" as the detail (text escaped). */
static size_t
fail_code(enum ck_err err, const char *what, unsigned code,
    const unsigned char *text, size_t len, enum framer_want *want,
    struct result *res)
{
	char q[100];

	ck_escape(q, sizeof q, text, len);
	*want = FRAMER_FAIL;
	result_fail(res, err, "%s %u, \"%s\"", what, code, q);
	return 0;
}

/* ---- LDAP: ExtendedRequest 1.3.6.1.4.1.1466.20037, messageID 1 ----------- */

/* The LDAP application tags we send and read (RFC 4511 4.12). */
#define LDAP_EXTENDED_REQ	0x77	/* [APPLICATION 23] */
#define LDAP_EXTENDED_RESP	0x78	/* [APPLICATION 24] */
#define LDAP_REQUEST_NAME	0x80	/* [0] LDAPOID */
#define BER_ENUMERATED		0x0a
/* resultCode protocolError: the server does not know the operation. */
#define LDAP_PROTOCOL_ERROR	2

static const char ldap_starttls_oid[] = "1.3.6.1.4.1.1466.20037";

/* see starttls_int.h */
enum framer_want
framer_ldap_start(struct framer *f, struct result *res)
{
	unsigned char req[64];
	size_t oid_len = sizeof ldap_starttls_oid - 1;	/* 22 */
	size_t n = 0;

	(void)res;
	/* LDAPMessage ::= SEQUENCE { messageID 1, extendedReq [23] {
	 * requestName [0] "1.3.6.1.4.1.1466.20037" } }, all short-form. */
	req[n++] = DER_SEQUENCE;
	req[n++] = (unsigned char)(3 + 2 + 2 + oid_len);
	req[n++] = DER_INTEGER;
	req[n++] = 1;
	req[n++] = 1;			/* messageID */
	req[n++] = LDAP_EXTENDED_REQ;
	req[n++] = (unsigned char)(2 + oid_len);
	req[n++] = LDAP_REQUEST_NAME;
	req[n++] = (unsigned char)oid_len;
	memcpy(req + n, ldap_starttls_oid, oid_len);
	n += oid_len;
	return framer_queue(f, req, n, FRAMER_READ);
}

/* A small non-negative INTEGER or ENUMERATED; r->bad if not one. */
static unsigned
small_int(struct rd *r, unsigned tag)
{
	struct rd v;
	unsigned x = 0;

	if (der_expect(r, tag, &v) < 0 || v.left == 0 || v.left > 3 ||
	    (v.p[0] & 0x80) != 0) {
		r->bad = 1;
		return 0;
	}
	while (v.left > 0) {
		x = x << 8 | rd_u8(&v);
	}
	return x;
}

/*
 * Bytes of the BER element at the start of p[0..len): 0 while its header
 * is incomplete, SIZE_MAX when the length cannot be ours (indefinite,
 * more than 4 length bytes: LDAP forbids the first, RFC 4511 5.1).
 */
static size_t
ber_size(const unsigned char *p, size_t len)
{
	size_t n;
	size_t i;
	size_t v = 0;

	if (len < 2) {
		return 0;
	}
	if (p[1] < 0x80) {
		return 2 + (size_t)p[1];
	}
	n = p[1] & 0x7f;
	if (n == 0 || n > 4) {
		return (size_t)-1;
	}
	if (len < 2 + n) {
		return 0;
	}
	for (i = 0; i < n; i++) {
		v = v << 8 | p[2 + i];
	}
	if (v > FRAMER_IN_CAP) {
		return (size_t)-1;
	}
	return 2 + n + v;
}

/* see starttls_int.h */
size_t
framer_ldap_input(struct framer *f, enum framer_want *want,
    struct result *res)
{
	struct rd r;
	struct rd msg;
	struct rd resp;
	struct rd diag;
	size_t size;
	unsigned id;
	unsigned code;

	*want = FRAMER_READ;
	if (f->in[0] != DER_SEQUENCE) {
		return fail_bytes(f, f->in, f->in_len, CK_E_PROTOCOL, want,
		    res);
	}
	size = ber_size(f->in, f->in_len);
	if (size == (size_t)-1 || size > sizeof f->in) {
		*want = FRAMER_FAIL;
		result_fail(res, CK_E_TOO_LONG, "an LDAP message of more than "
		    "%u bytes", (unsigned)sizeof f->in);
		return 0;
	}
	if (size == 0 || f->in_len < size) {
		return 0;
	}
	rd_init(&r, f->in, size);
	der_expect(&r, DER_SEQUENCE, &msg);
	id = small_int(&msg, DER_INTEGER);
	der_expect(&msg, LDAP_EXTENDED_RESP, &resp);
	code = small_int(&resp, BER_ENUMERATED);
	der_expect(&resp, DER_OCTET_STRING, NULL);	/* matchedDN */
	der_expect(&resp, DER_OCTET_STRING, &diag);
	/* messageID 0: a Notice of Disconnection (RFC 4511 4.4.1). */
	if (r.bad || msg.bad || resp.bad || diag.bad || id > 1) {
		return fail_bytes(f, f->in, size, CK_E_PROTOCOL, want, res);
	}
	if (code == LDAP_PROTOCOL_ERROR) {
		return fail_code(CK_E_NO_STARTTLS, "resultCode", code, diag.p,
		    diag.left, want, res);
	}
	if (code != 0 || id != 1) {
		return fail_code(CK_E_STARTTLS_REFUSED, "resultCode", code,
		    diag.p, diag.left, want, res);
	}
	*want = FRAMER_TLS;
	return size;
}

/* ---- MySQL / MariaDB: greeting, then the SSL request packet ------------- */

/* Capability flags (include/mysql_com.h of both servers). */
#define MYSQL_LONG_PASSWORD	0x00000001u
#define MYSQL_PROTOCOL_41	0x00000200u
#define MYSQL_SSL		0x00000800u
#define MYSQL_SECURE_CONN	0x00008000u
/* The one handshake protocol since MySQL 3.21. */
#define MYSQL_PROTOCOL_V10	10
#define MYSQL_ERR_PACKET	0xff
/* Payload of Protocol::SSLRequest: caps, max packet, charset, filler. */
#define MYSQL_SSLREQ_LEN	32
/* utf8_general_ci: a character set every server of the family knows. */
#define MYSQL_CHARSET		0x21

static void
put_u32le(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v & 0xff);
	p[1] = (unsigned char)(v >> 8 & 0xff);
	p[2] = (unsigned char)(v >> 16 & 0xff);
	p[3] = (unsigned char)(v >> 24 & 0xff);
}

static unsigned
rd_u16le(struct rd *r)
{
	unsigned lo = rd_u8(r);

	return lo | rd_u8(r) << 8;
}

/* see starttls_int.h */
size_t
framer_mysql_input(struct framer *f, enum framer_want *want,
    struct result *res)
{
	unsigned char req[4 + MYSQL_SSLREQ_LEN];
	const unsigned char *version;
	const unsigned char *nul;
	struct rd r;
	size_t len;
	size_t vlen;
	unsigned caps;
	unsigned code;

	*want = FRAMER_READ;
	if (f->in_len < 4) {
		return 0;
	}
	/* Packet header: 3-byte little-endian length, sequence number. */
	len = (size_t)f->in[0] | (size_t)f->in[1] << 8 | (size_t)f->in[2] << 16;
	if (len > sizeof f->in - 4) {
		*want = FRAMER_FAIL;
		result_fail(res, CK_E_TOO_LONG, "a MySQL packet of %lu bytes",
		    (unsigned long)len);
		return 0;
	}
	if (f->in_len < 4 + len) {
		return 0;
	}
	if (f->in[3] != 0 || len == 0) {
		return fail_bytes(f, f->in, 4 + len, CK_E_PROTOCOL, want, res);
	}
	rd_init(&r, f->in + 4, len);
	switch (rd_u8(&r)) {
	case MYSQL_ERR_PACKET:
		/* Too many connections, host not allowed, ...: code, text. */
		code = rd_u16le(&r);
		if (r.left > 0 && r.p[0] == '#') {
			rd_skip(&r, 6);		/* '#' and the SQLSTATE */
		}
		return fail_code(CK_E_STARTTLS_REFUSED, "error", code,
		    r.bad ? NULL : r.p, r.bad ? 0 : r.left, want, res);
	case MYSQL_PROTOCOL_V10:
		break;
	default:
		return fail_bytes(f, f->in, 4 + len, CK_E_PROTOCOL, want, res);
	}
	version = r.p;
	nul = r.left > 0 ? memchr(r.p, '\0', r.left) : NULL;
	vlen = nul != NULL ? (size_t)(nul - version) : 0;
	rd_skip(&r, nul != NULL ? vlen + 1 : r.left + 1);
	rd_skip(&r, 4 + 8 + 1);	/* connection id, auth data, filler */
	caps = rd_u16le(&r);	/* the lower half of the flags */
	if (r.bad) {
		return fail_bytes(f, f->in, 4 + len, CK_E_PROTOCOL, want, res);
	}
	if ((caps & MYSQL_SSL) == 0) {
		framer_note(f, version, vlen);
		return framer_fail(f, CK_E_NO_STARTTLS, want, res);
	}
	memset(req, 0, sizeof req);
	req[0] = MYSQL_SSLREQ_LEN;	/* length 32, little-endian */
	req[3] = 1;			/* sequence: after the greeting */
	put_u32le(req + 4, MYSQL_LONG_PASSWORD | MYSQL_PROTOCOL_41 |
	    MYSQL_SSL | MYSQL_SECURE_CONN);
	put_u32le(req + 8, 16u << 20);	/* max packet: 16 MiB */
	req[12] = MYSQL_CHARSET;	/* then 23 zero bytes */
	*want = framer_queue(f, req, sizeof req, FRAMER_TLS);
	return 4 + len;
}

/* ---- XMPP: stream header, features, <starttls/>, <proceed/> ------------- */

static const char xmpp_open[] =
    "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
    "xmlns:stream='http://etherx.jabber.org/streams' version='1.0' to='";
static const char xmpp_starttls[] =
    "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";

/* Where needle starts in p[0..len), or NULL. */
static const unsigned char *
find(const unsigned char *p, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	size_t i;

	for (i = 0; n <= len && i <= len - n; i++) {
		if (memcmp(p + i, needle, n) == 0) {
			return p + i;
		}
	}
	return NULL;
}

/* Safe inside to='...': a DNS name or an IP literal. */
static bool
is_attr_safe(const char *s)
{
	size_t len = strlen(s);
	size_t i;

	if (len == 0 || len > 253) {
		return false;
	}
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == ':')) {
			return false;
		}
	}
	return true;
}

/*
 * Need more bytes (0), or, with f->in full and no end in sight, fail:
 * XMPP has no lines, so the generic line bound would misname it.
 */
static size_t
too_long(struct framer *f, enum framer_want *want, struct result *res)
{
	if (f->in_len < sizeof f->in) {
		return 0;
	}
	*want = FRAMER_FAIL;
	result_fail(res, CK_E_TOO_LONG, "an XMPP element of more than %u "
	    "bytes", (unsigned)sizeof f->in);
	return 0;
}

/* see starttls_int.h */
enum framer_want
framer_xmpp_start(struct framer *f, struct result *res)
{
	unsigned char buf[FRAMER_OUT_CAP];
	const char *to = is_attr_safe(f->name) ? f->name : "ccheck.invalid";
	size_t a = sizeof xmpp_open - 1;
	size_t b = strlen(to);

	(void)res;
	/* 145 bytes and a name of at most 253: fits FRAMER_OUT_CAP. */
	memcpy(buf, xmpp_open, a);
	memcpy(buf + a, to, b);
	memcpy(buf + a + b, "'>", 2);
	return framer_queue(f, buf, a + b + 2, FRAMER_READ);
}

/* see starttls_int.h */
size_t
framer_xmpp_input(struct framer *f, enum framer_want *want,
    struct result *res)
{
	const unsigned char *p = f->in;
	size_t len = f->in_len;
	const unsigned char *at;
	const unsigned char *end;
	const unsigned char *gt;
	size_t skip = 0;

	*want = FRAMER_READ;
	if ((at = find(p, len, "<stream:error")) != NULL) {
		/* host-unknown and the like: the element names the cause. */
		if (find(at, (size_t)(p + len - at), "</stream:error>") ==
		    NULL) {
			return too_long(f, want, res);
		}
		framer_note(f, at, (size_t)(p + len - at));
		return framer_fail(f, CK_E_PROTOCOL, want, res);
	}
	if (f->step == 0) {
		/* The stream header and <stream:features>, in any split. */
		if ((end = find(p, len, "</stream:features>")) != NULL) {
			end += sizeof "</stream:features>" - 1;
		} else if ((end = find(p, len, "<stream:features/>")) != NULL) {
			end += sizeof "<stream:features/>" - 1;
		} else {
			return too_long(f, want, res);
		}
		if ((at = find(p, (size_t)(end - p), "<stream:features")) ==
		    NULL) {
			at = p;
		}
		if (find(p, (size_t)(end - p), "<starttls") == NULL) {
			framer_note(f, at, (size_t)(end - at));
			return framer_fail(f, CK_E_NO_STARTTLS, want, res);
		}
		f->step = 1;
		*want = framer_queue(f, xmpp_starttls, sizeof xmpp_starttls - 1,
		    FRAMER_READ);
		return (size_t)(end - p);
	}
	/* <proceed/> or <failure/> (RFC 6120 5.4.2.2, 5.4.2.3). */
	while (skip < len && (p[skip] == ' ' || p[skip] == '\n' ||
	    p[skip] == '\r' || p[skip] == '\t')) {
		skip++;		/* whitespace keepalives */
	}
	p += skip;
	len -= skip;
	if ((gt = memchr(p, '>', len)) == NULL) {
		return skip > 0 ? skip : too_long(f, want, res);
	}
	end = gt + 1;
	if (find(p, len, "<proceed") == p) {
		if (gt[-1] != '/') {
			/* <proceed ...></proceed>: wait for the end tag. */
			if ((at = find(end, (size_t)(p + len - end),
			    "</proceed>")) == NULL) {
				return skip > 0 ? skip : too_long(f, want, res);
			}
			end = at + sizeof "</proceed>" - 1;
		}
		*want = FRAMER_TLS;
		return skip + (size_t)(end - p);
	}
	framer_note(f, p, len);
	return framer_fail(f, find(p, len, "<failure") == p ?
	    CK_E_STARTTLS_REFUSED : CK_E_PROTOCOL, want, res);
}
