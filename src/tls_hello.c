/* SPDX-License-Identifier: MIT */
/*
 * tls_hello: our one ClientHello, offering TLS 1.3 and 1.2 (and 1.0-1.1
 * when asked for) so that any server answers on the first connection,
 * and the server's answer to it: ServerHello or HelloRetryRequest, the
 * version and downgrade rules (RFC 8446 4.1.3), the extensions allowed,
 * and the ECDHE shares (X25519 and P-256 first; P-384 and P-521 after a
 * HelloRetryRequest).
 */
#include <string.h>

#include "der.h"
#include "ec_p256.h"
#include "spec.h"
#include "tls_int.h"

/* Extension types (RFC 8446 4.2 and the RFCs named). */
#define EXT_SERVER_NAME		0
#define EXT_SUPPORTED_GROUPS	10
#define EXT_EC_POINT_FORMATS	11
#define EXT_SIGNATURE_ALGS	13
#define EXT_ALPN		16
#define EXT_EMS			23	/* RFC 7627 */
#define EXT_SUPPORTED_VERSIONS	43
#define EXT_COOKIE		44
#define EXT_KEY_SHARE		51
#define EXT_RENEGOTIATION_INFO	0xff01	/* RFC 5746 */

static const uint16_t groups[] = {
	BR_EC_curve25519, BR_EC_secp256r1, BR_EC_secp384r1, BR_EC_secp521r1
};

/*
 * Signature schemes, most wanted first.  Ed448 is offered so that a
 * server with such a key still sends its certificate, whose key type
 * the failure then names.  No SHA-1: OpenSSL 3's security level 1 and
 * up refuses it in TLS 1.2 signatures.
 */
static const uint16_t schemes[] = {
	0x0403, 0x0503, 0x0603,		/* ecdsa_secp256r1_sha256 ... */
	0x0807, 0x0808,			/* ed25519, ed448 */
	0x0809, 0x080a, 0x080b,		/* rsa_pss_pss_sha256 ... */
	0x0804, 0x0805, 0x0806,		/* rsa_pss_rsae_sha256 ... */
	0x0401, 0x0501, 0x0601		/* rsa_pkcs1_sha256 ... */
};

/* The random of a HelloRetryRequest: SHA-256("HelloRetryRequest"). */
static const unsigned char hrr_random[32] = {
	0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c,
	0x02, 0x1e, 0x65, 0xb8, 0x91, 0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb,
	0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c
};

/* see tls_int.h */
size_t
hello_share_new(struct tls_sess *s, struct tls_share *sh, unsigned group,
    unsigned char *pub)
{
	const br_ec_impl *ec = ec_p256_impl();
	br_ec_private_key sk;

	sh->group = group;
	sh->sk_len = br_ec_keygen(&s->rng.vtable, ec, &sk, sh->sk,
	    (int)group);
	if (sh->sk_len == 0) {
		return 0;
	}
	return br_ec_compute_pub(ec, NULL, pub, &sk);
}

/* see tls_int.h */
int
hello_ecdh(struct tls_sess *s, const struct tls_share *sh,
    const unsigned char *pub, size_t pub_len)
{
	const br_ec_impl *ec = ec_p256_impl();
	unsigned char pt[133];
	size_t off;
	size_t xlen;
	uint32_t ok;

	if (pub_len == 0 || pub_len > sizeof pt) {
		return -1;
	}
	memcpy(pt, pub, pub_len);
	ok = ec->mul(pt, pub_len, sh->sk, sh->sk_len, (int)sh->group);
	off = ec->xoff((int)sh->group, &xlen);
	memcpy(s->secret, pt + off, xlen);
	s->secret_len = xlen;
	memset(pt, 0, sizeof pt);
	/* X25519: an all-zero result means a small-order point (7.4.2). */
	return ok && keys_differ(s->secret, pt, xlen) != 0 ? 0 : -1;
}

/* The versions offered, top first, into supported_versions. */
static void
put_versions(const struct tls_sess *s, struct put *w)
{
	size_t at = put_open(w, 1);
	unsigned v;

	for (v = s->vmax; v >= s->vmin && v >= 0x0301; v--) {
		put_u16(w, v);
	}
	put_close(w, at, 1);
}

static void
put_suites(const struct tls_sess *s, struct put *w)
{
	size_t at = put_open(w, 2);
	size_t i;

	for (i = 0; i < tls_suite_count; i++) {
		const struct tls_suite *su = &tls_suites[i];
		/* CBC with SHA-1 since TLS 1.0, the others since 1.2. */
		unsigned need = su->mac_len == 20 ? 0x0301 : 0x0303;

		if (su->kx == KX_NONE ? s->vmax >= SPEC_TLS13 :
		    s->vmin <= 0x0303 && need <= s->vmax) {
			put_u16(w, su->id);
		}
	}
	put_close(w, at, 2);
}

static void
put_key_shares(struct tls_sess *s, struct put *w)
{
	size_t list = put_open(w, 2);
	size_t i;

	for (i = 0; i < 2 && s->share[i].group != 0; i++) {
		unsigned char pub[133];
		size_t len;

		/* A retry keeps no old share: only the group asked for. */
		len = hello_share_new(s, &s->share[i], s->share[i].group, pub);
		put_u16(w, s->share[i].group);
		put_u16(w, len);
		put_bytes(w, pub, len);
		if (len == 0) {
			w->bad = true;
		}
	}
	put_close(w, list, 2);
}

static void
put_extensions(struct tls_sess *s, struct put *w)
{
	bool has13 = s->vmax >= SPEC_TLS13;
	bool has12 = s->vmin <= 0x0303;
	size_t at = put_open(w, 2);
	size_t ext;
	size_t i;

	if (s->sni != NULL) {
		put_u16(w, EXT_SERVER_NAME);
		ext = put_open(w, 2);
		put_u16(w, strlen(s->sni) + 3);
		put_u8(w, 0);		/* host_name */
		put_u16(w, strlen(s->sni));
		put_bytes(w, s->sni, strlen(s->sni));
		put_close(w, ext, 2);
	}
	put_u16(w, EXT_SUPPORTED_GROUPS);
	put_u16(w, 2 + sizeof groups);
	put_u16(w, sizeof groups);
	for (i = 0; i < sizeof groups / sizeof groups[0]; i++) {
		put_u16(w, groups[i]);
	}
	if (has12) {
		static const unsigned char fixed[] = {
			0, EXT_EC_POINT_FORMATS, 0, 2, 1, 0,	/* uncompressed */
			0, EXT_EMS, 0, 0,
			0xff, 0x01, 0, 1, 0	/* renegotiation_info, empty */
		};
		put_bytes(w, fixed, sizeof fixed);
	}
	if (s->vmax >= 0x0303) {
		put_u16(w, EXT_SIGNATURE_ALGS);
		put_u16(w, 2 + sizeof schemes);
		put_u16(w, sizeof schemes);
		for (i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
			put_u16(w, schemes[i]);
		}
	}
	if (s->alpn != NULL) {
		put_u16(w, EXT_ALPN);
		put_u16(w, strlen(s->alpn) + 3);
		put_u16(w, strlen(s->alpn) + 1);
		put_u8(w, strlen(s->alpn));
		put_bytes(w, s->alpn, strlen(s->alpn));
	}
	if (has13) {
		put_u16(w, EXT_SUPPORTED_VERSIONS);
		ext = put_open(w, 2);
		put_versions(s, w);
		put_close(w, ext, 2);
		if (s->cookie_len > 0) {
			put_u16(w, EXT_COOKIE);
			put_u16(w, s->cookie_len + 2);
			put_u16(w, s->cookie_len);
			put_bytes(w, s->cookie, s->cookie_len);
		}
		put_u16(w, EXT_KEY_SHARE);
		ext = put_open(w, 2);
		put_key_shares(s, w);
		put_close(w, ext, 2);
	}
	put_close(w, at, 2);
}

/* see tls_int.h */
int
hello_send(struct tls_sess *s, struct result *res)
{
	size_t start;
	size_t end;
	size_t msg;
	struct put w;

	if (!s->is_hrr) {
		br_hmac_drbg_generate(&s->rng, s->client_random, 32);
		br_hmac_drbg_generate(&s->rng, s->session_id, 32);
		s->share[0].group = BR_EC_curve25519;
		s->share[1].group = BR_EC_secp256r1;
	}
	rec_window(s, &start, &end);
	put_init(&w, s->buf + start, end - start);
	put_u8(&w, HS_CLIENT_HELLO);
	msg = put_open(&w, 3);
	put_u16(&w, s->vmax > 0x0303 ? 0x0303 : s->vmax);
	put_bytes(&w, s->client_random, 32);
	/* Middlebox compatibility (RFC 8446 D.4): a session id with 1.3. */
	put_u8(&w, s->vmax >= SPEC_TLS13 ? 32 : 0);
	if (s->vmax >= SPEC_TLS13) {
		put_bytes(&w, s->session_id, 32);
	}
	put_suites(s, &w);
	put_u8(&w, 1);
	put_u8(&w, 0);			/* null compression */
	put_extensions(s, &w);
	put_close(&w, msg, 3);
	if (w.bad) {
		return hs_fail(s, -1, res, CK_E_INTERNAL, "ClientHello");
	}
	hs_hash(s, s->buf + start, w.len);
	return rec_seal(s, REC_HANDSHAKE, start, w.len);
}

/* What a ServerHello's or EncryptedExtensions' extensions said. */
struct hello_ext {
	unsigned seen;			/* SEEN_* of those present */
	unsigned version;		/* supported_versions */
	unsigned group;			/* key_share's */
	struct rd share;		/* its key_exchange (not in HRR) */
	struct rd cookie;
};

#define SEEN_VERSIONS	(1u << 0)
#define SEEN_KEY_SHARE	(1u << 1)
#define SEEN_COOKIE	(1u << 2)
#define SEEN_EMS	(1u << 3)
#define SEEN_RENEG	(1u << 4)
#define SEEN_ALPN	(1u << 5)
#define SEEN_SNI	(1u << 6)
#define SEEN_POINTS	(1u << 7)
#define SEEN_GROUPS	(1u << 8)

/* Which may come where: anything else, or twice, is an error (OpenSSL's
 * client: unsupported_extension). */
#define ALLOW_SH12 (SEEN_EMS | SEEN_RENEG | SEEN_ALPN | SEEN_SNI | SEEN_POINTS)
#define ALLOW_SH13 (SEEN_VERSIONS | SEEN_KEY_SHARE)
#define ALLOW_HRR (SEEN_VERSIONS | SEEN_KEY_SHARE | SEEN_COOKIE)
#define ALLOW_EE (SEEN_ALPN | SEEN_SNI | SEEN_GROUPS)

/* Reads one extension of type from x into e; returns its SEEN_ bit, or
 * 0 when it is one we never offered or malformed. */
static unsigned
read_extension(const struct tls_sess *s, unsigned type, struct rd *x,
    bool is_hrr, struct hello_ext *e)
{
	struct rd list;
	struct rd name;

	switch (type) {
	case EXT_SUPPORTED_VERSIONS:
		e->version = rd_u16be(x);
		return SEEN_VERSIONS;
	case EXT_KEY_SHARE:
		e->group = rd_u16be(x);
		if (!is_hrr) {
			e->share = rd_sub(x, rd_u16be(x));
		}
		return SEEN_KEY_SHARE;
	case EXT_COOKIE:
		e->cookie = rd_sub(x, rd_u16be(x));
		return e->cookie.left > 0 ? SEEN_COOKIE : 0;
	case EXT_EMS:
		return SEEN_EMS;
	case EXT_RENEGOTIATION_INFO:
		/* An empty renegotiated_connection (RFC 5746 3.4). */
		return rd_u8(x) == 0 ? SEEN_RENEG : 0;
	case EXT_ALPN:
		list = rd_sub(x, rd_u16be(x));
		name = rd_sub(&list, rd_u8(&list));
		return s->alpn != NULL && rd_is_done(&list) && !list.bad &&
		    name.left == strlen(s->alpn) &&
		    memcmp(name.p, s->alpn, name.left) == 0 ? SEEN_ALPN : 0;
	case EXT_SERVER_NAME:
	case EXT_EC_POINT_FORMATS:
	case EXT_SUPPORTED_GROUPS:
		/* An acknowledgement or the server's preferences: unread. */
		rd_skip(x, x->left);
		return type == EXT_SERVER_NAME ? SEEN_SNI : type ==
		    EXT_SUPPORTED_GROUPS ? SEEN_GROUPS : SEEN_POINTS;
	default:
		return 0;
	}
}

/* Reads the extensions block r holds into e; -1 when malformed, when
 * one is repeated or one we did not offer comes. */
static int
read_extensions(const struct tls_sess *s, struct rd *r, bool is_hrr,
    struct hello_ext *e)
{
	memset(e, 0, sizeof *e);
	while (!rd_is_done(r) && !r->bad) {
		unsigned type = rd_u16be(r);
		struct rd x = rd_sub(r, rd_u16be(r));
		unsigned bit = read_extension(s, type, &x, is_hrr, e);

		if (bit == 0 || (e->seen & bit) != 0 || !rd_is_done(&x) ||
		    x.bad) {
			return -1;
		}
		e->seen |= bit;
	}
	return r->bad ? -1 : 0;
}

/* see tls_int.h */
int
hello_encrypted_extensions(struct tls_sess *s, const unsigned char *msg,
    size_t len, struct result *res)
{
	struct rd r;
	struct rd exts;
	struct hello_ext e;

	rd_init(&r, msg + 4, len - 4);
	exts = rd_sub(&r, rd_u16be(&r));
	if (!rd_is_done(&r) || r.bad || read_extensions(s, &exts, false,
	    &e) < 0 || (e.seen & ~ALLOW_EE) != 0) {
		return hs_fail(s, ALERT_ILLEGAL_PARAMETER, res, CK_E_TLS,
		    "malformed or unexpected EncryptedExtensions");
	}
	s->is_alpn_selected = (e.seen & SEEN_ALPN) != 0;
	return 0;
}

/* The version the server chose, judged against the range we offered. */
static int
choose_version(struct tls_sess *s, unsigned legacy,
    const struct hello_ext *e, struct result *res)
{
	const unsigned char *tail = s->server_random + 24;
	unsigned v = e->version != 0 ? e->version : legacy;
	unsigned top = s->vmax > 0x0303 ? 0x0303 : s->vmax;

	if ((e->version != 0 && (v != SPEC_TLS13 || s->vmax < SPEC_TLS13)) ||
	    (e->version == 0 && v > 0x0303)) {
		return hs_fail(s, ALERT_ILLEGAL_PARAMETER, res, CK_E_TLS,
		    "server chose a version we did not offer");
	}
	if (v < s->vmin || (e->version == 0 && v > top)) {
		rec_alert(s, ALERT_PROTOCOL_VERSION);
		if (v < 0x0300 || v > 0x0303) {
			return result_fail(res, CK_E_TLS_VERSION, "version "
			    "0x%04x, outside the allowed range %s-%s", v,
			    tls_version_name(s->vmin),
			    tls_version_name(s->vmax));
		}
		return result_fail(res, CK_E_TLS_VERSION, "%s, outside the "
		    "allowed range %s-%s", tls_version_name(v),
		    tls_version_name(s->vmin), tls_version_name(s->vmax));
	}
	/* RFC 8446 4.1.3: "DOWNGRD" then 1 (to 1.2) or 0 (below). */
	if (v < s->vmax && v <= 0x0303 && memcmp(tail, "DOWNGRD", 7) == 0 &&
	    (tail[7] == 1 || (tail[7] == 0 && s->vmax >= 0x0303))) {
		return hs_fail(s, ALERT_ILLEGAL_PARAMETER, res, CK_E_TLS,
		    "downgrade detected: the server speaks a newer version "
		    "than it chose");
	}
	s->version = v;
	return 0;
}

/* HelloRetryRequest (RFC 8446 4.1.4): one more ClientHello, one group. */
static int
retry(struct tls_sess *s, const unsigned char *msg, size_t len,
    const struct hello_ext *e, struct result *res)
{
	unsigned char hdr[4] = { HS_MESSAGE_HASH, 0, 0, 0 };
	unsigned char th[48];
	size_t i;

	if (s->is_hrr) {
		return hs_fail(s, ALERT_UNEXPECTED, res, CK_E_TLS,
		    "second HelloRetryRequest");
	}
	for (i = 0; i < sizeof groups / sizeof groups[0]; i++) {
		if (groups[i] == e->group) {
			break;
		}
	}
	if (i == sizeof groups / sizeof groups[0] ||
	    e->group == s->share[0].group || e->group == s->share[1].group ||
	    e->cookie.left > sizeof s->cookie) {
		return hs_fail(s, ALERT_ILLEGAL_PARAMETER, res, CK_E_TLS,
		    "HelloRetryRequest for a group we cannot use");
	}
	s->is_hrr = true;
	/* The transcript restarts with the first hello's hash (4.4.1). */
	hdr[3] = (unsigned char)keys_transcript(s, th);
	br_multihash_init(&s->transcript);
	hs_hash(s, hdr, 4);
	hs_hash(s, th, hdr[3]);
	hs_hash(s, msg, len);
	if (e->cookie.left > 0) {	/* else p may be NULL */
		memcpy(s->cookie, e->cookie.p, e->cookie.left);
	}
	s->cookie_len = e->cookie.left;
	memset(s->share, 0, sizeof s->share);
	s->share[0].group = e->group;
	/* The compatibility CCS goes before the second hello (D.4). */
	{
		size_t start;
		size_t end;

		rec_window(s, &start, &end);
		s->buf[start] = 1;
		rec_seal(s, REC_CCS, start, 1);
	}
	return hello_send(s, res);
}

/* see tls_int.h */
int
hello_server(struct tls_sess *s, const unsigned char *msg, size_t len,
    struct result *res)
{
	struct rd r;
	struct rd sid;
	struct hello_ext e;
	const unsigned char *random;
	const struct tls_suite *su;
	unsigned legacy;
	bool is_hrr;

	rd_init(&r, msg + 4, len - 4);
	legacy = rd_u16be(&r);
	random = rd_bytes(&r, 32);
	sid = rd_sub(&r, rd_u8(&r));
	su = tls_suite_find(rd_u16be(&r));
	if (rd_u8(&r) != 0 || r.bad) {
		return hs_fail(s, ALERT_DECODE, res, CK_E_TLS,
		    "malformed ServerHello");
	}
	memcpy(s->server_random, random, 32);
	is_hrr = memcmp(random, hrr_random, 32) == 0;
	memset(&e, 0, sizeof e);
	if (!rd_is_done(&r)) {
		struct rd exts = rd_sub(&r, rd_u16be(&r));

		if (!rd_is_done(&r) || read_extensions(s, &exts, is_hrr,
		    &e) < 0) {
			return hs_fail(s, ALERT_ILLEGAL_PARAMETER, res,
			    CK_E_TLS, "malformed or unexpected ServerHello "
			    "extension");
		}
	}
	if (choose_version(s, legacy, &e, res) < 0) {
		return -1;
	}
	if (su != NULL && su->kx == KX_DHE) {
		return hs_fail(s, ALERT_HANDSHAKE_FAILURE, res, CK_E_TLS,
		    "server offers only finite-field DHE key exchange, which "
		    "ccheck does not support");
	}
	if (su == NULL || (su->kx == KX_NONE) != (s->version == SPEC_TLS13) ||
	    (s->version < 0x0303 && su->mac_len != 20) ||
	    (s->suite != NULL && s->suite != su)) {
		return hs_fail(s, ALERT_ILLEGAL_PARAMETER, res, CK_E_TLS,
		    "server chose a cipher suite we did not offer");
	}
	s->suite = su;
	if (is_hrr) {
		if ((e.seen & ~ALLOW_HRR) != 0 || !(e.seen & SEEN_KEY_SHARE)) {
			return hs_fail(s, ALERT_ILLEGAL_PARAMETER, res,
			    CK_E_TLS, "malformed HelloRetryRequest");
		}
		return retry(s, msg, len, &e, res);
	}
	hs_hash(s, msg, len);
	if (s->version < SPEC_TLS13) {
		memset(s->share, 0, sizeof s->share);
		if ((e.seen & ~ALLOW_SH12) != 0) {
			return hs_fail(s, ALERT_ILLEGAL_PARAMETER, res,
			    CK_E_TLS, "unexpected ServerHello extension");
		}
		/* OpenSSL 3 refuses servers without RFC 5746. */
		if (!(e.seen & SEEN_RENEG)) {
			return hs_fail(s, ALERT_HANDSHAKE_FAILURE, res,
			    CK_E_TLS, "server does not support secure "
			    "renegotiation (RFC 5746)");
		}
		s->is_alpn_selected = (e.seen & SEEN_ALPN) != 0;
		s->is_ems = (e.seen & SEEN_EMS) != 0;
		s->expect = EXP_CERTIFICATE_12;
		return 0;
	}
	if ((e.seen & ~ALLOW_SH13) != 0 || !(e.seen & SEEN_KEY_SHARE) ||
	    sid.left != 32 || memcmp(sid.p, s->session_id, 32) != 0 ||
	    (e.group != s->share[0].group && e.group != s->share[1].group)) {
		return hs_fail(s, ALERT_ILLEGAL_PARAMETER, res, CK_E_TLS,
		    "malformed TLS 1.3 ServerHello");
	}
	if (hello_ecdh(s, e.group == s->share[0].group ? &s->share[0] :
	    &s->share[1], e.share.p, e.share.left) < 0) {
		memset(s->share, 0, sizeof s->share);
		return hs_fail(s, ALERT_ILLEGAL_PARAMETER, res, CK_E_TLS,
		    "server key share is invalid");
	}
	memset(s->share, 0, sizeof s->share);
	s->group = e.group;
	keys_handshake13(s);
	/* From here TLS 1.3 needs the suite's hash of the transcript only:
	 * the other would hash the certificates for nothing. */
	br_multihash_setimpl(&s->transcript, s->suite->hash_len == 48 ?
	    br_sha256_ID : br_sha384_ID, NULL);
	rec_set13_read(s, s->s_secret);
	s->expect = EXP_ENCRYPTED_EXTENSIONS;
	return 0;
}
