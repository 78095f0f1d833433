/* SPDX-License-Identifier: MIT */
/*
 * tls_hs: the server's handshake messages in the order each version
 * allows, and our answering flight.  TLS 1.3 (RFC 8446 4): EncryptedExt-
 * ensions, CertificateRequest, Certificate, CertificateVerify, Finished;
 * TLS 1.0-1.2 (RFC 5246 7.4): Certificate, ServerKeyExchange,
 * CertificateRequest, ServerHelloDone, then CCS and Finished.  The
 * server's signature and Finished are checked before the handshake
 * counts as done; the chain itself is judged later, by the verdict.
 */
#include <string.h>

#include "der.h"
#include "identity.h"
#include "sig.h"
#include "spec.h"
#include "tls_int.h"
#include "x509_cert.h"

/* see tls_int.h */
void
hs_hash(struct tls_sess *s, const unsigned char *msg, size_t len)
{
	br_multihash_update(&s->transcript, msg, len);
}

/* see tls_int.h */
int
hs_fail(struct tls_sess *s, int alert, struct result *res, enum ck_err err,
    const char *why)
{
	if (alert >= 0) {
		rec_alert(s, alert);
	}
	if (why == NULL) {
		return result_fail(res, err, NULL);
	}
	return result_fail(res, err, "%s", why);
}

/* The leaf as parsed (cert_take checked it parses). */
static void
leaf(const struct tls_sess *s, struct x509_cert *c)
{
	(void)x509_cert_parse(s->chain->buf + s->chain->off[0],
	    s->chain->len[0], c);
}

/* Checks the server's signature sig over data under scheme. */
static int
check_signature(struct tls_sess *s, unsigned scheme, const unsigned char *data,
    size_t len, struct rd *sig, const char *what, struct result *res)
{
	struct x509_cert c;
	int st;

	leaf(s, &c);
	st = sig_verify_tls(&c, scheme, s->version == SPEC_TLS13, data, len,
	    sig->p, sig->left);
	if (st == SIG_OK) {
		s->scheme = s->version >= 0x0303 ? scheme : 0;
		return 0;
	}
	return hs_fail(s, 51, res, CK_E_TLS, what);
}

/* TLS 1.3 CertificateVerify (4.4.3), over the transcript so far. */
static int
server_certificate_verify(struct tls_sess *s, const unsigned char *msg,
    size_t len, struct result *res)
{
	static const char ctx[] = "TLS 1.3, server CertificateVerify";
	unsigned char content[64 + sizeof ctx + 48];
	struct rd r;
	struct rd sig;
	unsigned scheme;

	rd_init(&r, msg + 4, len - 4);
	scheme = rd_u16be(&r);
	sig = rd_sub(&r, rd_u16be(&r));
	if (!rd_is_done(&r)) {
		return hs_fail(s, ALERT_DECODE, res, CK_E_TLS,
		    "malformed CertificateVerify");
	}
	memset(content, ' ', 64);
	memcpy(content + 64, ctx, sizeof ctx);
	len = 64 + sizeof ctx + keys_transcript(s, content + 64 + sizeof ctx);
	return check_signature(s, scheme, content, len, &sig,
	    "server CertificateVerify signature is invalid", res);
}

/* TLS 1.2 ServerKeyExchange for ECDHE (RFC 8422 5.4). */
static int
server_key_exchange(struct tls_sess *s, const unsigned char *msg,
    size_t len, struct result *res)
{
	unsigned char signed_data[64 + 4 + 133];
	const unsigned char *params = msg + 4;
	struct rd r;
	struct rd point;
	struct rd sig;
	unsigned group;
	unsigned scheme;
	size_t params_len;
	bool is_rsa;

	rd_init(&r, params, len - 4);
	if (rd_u8(&r) != 3) {		/* named_curve */
		return hs_fail(s, ALERT_HANDSHAKE_FAILURE, res, CK_E_TLS,
		    "server key exchange without a named curve");
	}
	group = rd_u16be(&r);
	point = rd_sub(&r, rd_u8(&r));
	params_len = (size_t)(r.p - params);
	is_rsa = s->suite->kx == KX_ECDHE_RSA;
	scheme = s->version >= 0x0303 ? rd_u16be(&r) : is_rsa ?
	    SIG_TLS_RSA_MD5SHA1 : 0x0203;
	sig = rd_sub(&r, rd_u16be(&r));
	if (!rd_is_done(&r) || params_len > sizeof signed_data - 64) {
		return hs_fail(s, ALERT_DECODE, res, CK_E_TLS,
		    "malformed ServerKeyExchange");
	}
	/* The suite names the signature's kind (RFC 8422 5.1.2). */
	if (s->version >= 0x0303 && is_rsa != ((scheme & 0xff) == 1 ||
	    (scheme >= 0x0804 && scheme <= 0x0806) ||
	    (scheme >= 0x0809 && scheme <= 0x080b))) {
		return hs_fail(s, ALERT_ILLEGAL_PARAMETER, res, CK_E_TLS,
		    "server key exchange signed with a key the suite does "
		    "not use");
	}
	memcpy(signed_data, s->client_random, 32);
	memcpy(signed_data + 32, s->server_random, 32);
	memcpy(signed_data + 64, params, params_len);
	if (check_signature(s, scheme, signed_data, 64 + params_len, &sig,
	    "server key exchange signature is invalid", res) < 0) {
		return -1;
	}
	s->kx_pub_len = hello_share_new(s, &s->share[0], group, s->kx_pub);
	if (s->kx_pub_len == 0 || hello_ecdh(s, &s->share[0], point.p,
	    point.left) < 0) {
		memset(s->share, 0, sizeof s->share);
		return hs_fail(s, ALERT_ILLEGAL_PARAMETER, res, CK_E_TLS,
		    "server key exchange with a group or point we cannot "
		    "use");
	}
	memset(s->share, 0, sizeof s->share);
	s->group = group;
	return 0;
}

/*
 * CertificateRequest (RFC 8446 4.3.2, RFC 5246 7.4.4): which of our
 * signature schemes the server takes.  is_cut: only the message's start
 * is here (hs_request_cut), so what follows the signature algorithms
 * may be missing.
 */
static int
certificate_request(struct tls_sess *s, const unsigned char *msg,
    size_t len, bool is_cut, struct result *res)
{
	struct rd r;
	struct rd algs;

	rd_init(&r, msg + 4, len - 4);
	rd_init(&algs, NULL, 0);
	algs.bad = 1;
	if (s->version == SPEC_TLS13) {
		struct rd ctx = rd_sub(&r, rd_u8(&r));
		struct rd exts = is_cut ? r : rd_sub(&r, rd_u16be(&r));

		if (is_cut) {
			rd_skip(&exts, 2);
			rd_skip(&r, r.left);
		}
		if (ctx.left > sizeof s->req_ctx) {
			return hs_fail(s, ALERT_DECODE, res, CK_E_TLS,
			    "certificate request context too long");
		}
		if (ctx.left > 0) {	/* else p may be NULL */
			memcpy(s->req_ctx, ctx.p, ctx.left);
		}
		s->req_ctx_len = ctx.left;
		while (!rd_is_done(&exts) && !exts.bad) {
			unsigned type = rd_u16be(&exts);
			struct rd x = rd_sub(&exts, rd_u16be(&exts));

			if (type == 13 && !x.bad) {	/* signature_algorithms */
				algs = rd_sub(&x, rd_u16be(&x));
			}
		}
		r.bad |= exts.bad && !is_cut;
	} else {
		rd_skip(&r, rd_u8(&r));	/* certificate_types */
		if (s->version >= 0x0303) {
			algs = rd_sub(&r, rd_u16be(&r));
		} else {
			algs.bad = 0;	/* none before TLS 1.2 */
		}
		rd_skip(&r, is_cut ? r.left : rd_u16be(&r));	/* CA names */
	}
	if (!rd_is_done(&r) || algs.bad) {
		return hs_fail(s, ALERT_DECODE, res, CK_E_TLS,
		    "malformed CertificateRequest");
	}
	cert_choose(s, &algs);
	return 0;
}

/* see tls_int.h */
int
hs_request_cut(struct tls_sess *s, const unsigned char *msg, size_t len,
    struct result *res)
{
	if ((s->expect != EXP_CERT_OR_REQUEST &&
	    s->expect != EXP_REQUEST_OR_DONE) || s->is_cert_requested) {
		return hs_fail(s, ALERT_UNEXPECTED, res, CK_E_TLS,
		    "unexpected handshake message");
	}
	return certificate_request(s, msg, len, true, res);
}

/* Encrypts a fresh premaster secret to the leaf's RSA key (RFC 5246
 * 7.4.7.1, PKCS#1 v1.5 type 2 padding) as the ClientKeyExchange body. */
static int
rsa_premaster(struct tls_sess *s, struct put *w)
{
	struct x509_cert c;
	br_x509_pkey pk;
	unsigned char em[512];
	size_t mlen;
	size_t i;

	leaf(s, &c);
	x509_cert_pkey(&c, &pk);
	mlen = pk.key.rsa.nlen;
	if (pk.key_type != BR_KEYTYPE_RSA || mlen > sizeof em || mlen < 64) {
		return -1;
	}
	s->secret[0] = 0x03;
	s->secret[1] = 0x03;
	if (s->vmax < 0x0303) {
		s->secret[1] = (unsigned char)s->vmax;
	}
	br_hmac_drbg_generate(&s->rng, s->secret + 2, 46);
	s->secret_len = 48;
	em[0] = 0;
	em[1] = 2;
	br_hmac_drbg_generate(&s->rng, em + 2, mlen - 51);
	for (i = 2; i < mlen - 49; i++) {
		while (em[i] == 0) {
			br_hmac_drbg_generate(&s->rng, em + i, 1);
		}
	}
	em[mlen - 49] = 0;
	memcpy(em + mlen - 48, s->secret, 48);
	if (!br_rsa_public_get_default()(em, mlen, &pk.key.rsa)) {
		return -1;
	}
	put_u16(w, mlen);
	put_bytes(w, em, mlen);
	return 0;
}

/* Queues a ChangeCipherSpec record. */
static void
send_ccs(struct tls_sess *s)
{
	size_t start;
	size_t end;

	rec_window(s, &start, &end);
	s->buf[start] = 1;
	(void)rec_seal(s, REC_CCS, start, 1);
}

/* Hashes what w got since at. */
static void
hash_since(struct tls_sess *s, const struct put *w, size_t at)
{
	hs_hash(s, w->p + at, w->len - at);
}

/* Our Certificate and CertificateVerify, when asked for, into w. */
static int
write_client_auth(struct tls_sess *s, struct put *w, struct result *res)
{
	size_t at = w->len;

	if (!s->is_cert_requested) {
		return 0;
	}
	cert_write(s, w);
	hash_since(s, w, at);
	if (s->client_scheme == 0) {
		return 0;
	}
	at = w->len;
	if (cert_verify_write(s, w) < 0) {
		return hs_fail(s, ALERT_INTERNAL, res, CK_E_TLS,
		    "could not sign with the client key");
	}
	hash_since(s, w, at);
	return 0;
}

/* TLS 1.3: after the server's Finished, ours (4.4.4), once the client
 * certificate is sent when asked for. */
static int
flight13(struct tls_sess *s, struct result *res)
{
	unsigned char fin[48];
	size_t hlen = s->suite->hash_len;
	size_t start;
	size_t end;
	size_t at;
	struct put w;

	keys_application13(s);
	rec_set13_read(s, s->s_secret);
	if (!s->is_hrr) {
		send_ccs(s);		/* middlebox compatibility, once */
	}
	rec_set13_write(s, s->c_secret);
	rec_window(s, &start, &end);
	put_init(&w, s->buf + start, end - start);
	if (write_client_auth(s, &w, res) < 0) {
		return -1;
	}
	at = w.len;
	keys_finished13(s, s->c_secret, fin);
	put_u8(&w, HS_FINISHED);
	put_u24(&w, hlen);
	put_bytes(&w, fin, hlen);
	if (w.bad) {
		return hs_fail(s, ALERT_INTERNAL, res, CK_E_TLS,
		    "client certificate chain too large to send");
	}
	hash_since(s, &w, at);
	(void)rec_seal(s, REC_HANDSHAKE, start, w.len);
	rec_set13_write(s, s->secret);
	memset(s->secret, 0, sizeof s->secret);
	memset(s->c_secret, 0, sizeof s->c_secret);
	s->is_done = true;
	s->expect = EXP_NOTHING;
	return 0;
}

/* TLS 1.0-1.2: after ServerHelloDone, [Certificate] ClientKeyExchange
 * [CertificateVerify] ChangeCipherSpec Finished. */
static int
flight12(struct tls_sess *s, struct result *res)
{
	unsigned char fin[12];
	size_t start;
	size_t end;
	size_t at;
	size_t kx;
	struct put w;

	rec_window(s, &start, &end);
	put_init(&w, s->buf + start, end - start);
	if (s->is_cert_requested) {
		at = w.len;
		cert_write(s, &w);
		hash_since(s, &w, at);
	}
	at = w.len;
	put_u8(&w, HS_CLIENT_KEY_EXCHANGE);
	kx = put_open(&w, 3);
	if (s->suite->kx == KX_RSA) {
		if (rsa_premaster(s, &w) < 0) {
			return hs_fail(s, ALERT_INTERNAL, res, CK_E_TLS,
			    "could not encrypt to the server's RSA key");
		}
	} else {
		put_u8(&w, s->kx_pub_len);
		put_bytes(&w, s->kx_pub, s->kx_pub_len);
	}
	put_close(&w, kx, 3);
	hash_since(s, &w, at);
	keys_master12(s);
	if (s->is_cert_requested && s->client_scheme != 0) {
		at = w.len;
		if (cert_verify_write(s, &w) < 0) {
			return hs_fail(s, ALERT_INTERNAL, res, CK_E_TLS,
			    "could not sign with the client key");
		}
		hash_since(s, &w, at);
	}
	if (w.bad) {
		return hs_fail(s, ALERT_INTERNAL, res, CK_E_TLS,
		    "client certificate chain too large to send");
	}
	(void)rec_seal(s, REC_HANDSHAKE, start, w.len);
	send_ccs(s);
	keys_block12(s, true);
	keys_finished12(s, "client finished", fin);
	rec_window(s, &start, &end);
	put_init(&w, s->buf + start, end - start);
	put_u8(&w, HS_FINISHED);
	put_u24(&w, 12);
	put_bytes(&w, fin, 12);
	hash_since(s, &w, 0);
	(void)rec_seal(s, REC_HANDSHAKE, start, w.len);
	s->expect = EXP_CCS;
	return 0;
}

/* The server's Finished: 4.4.4 / RFC 5246 7.4.9. */
static int
server_finished(struct tls_sess *s, const unsigned char *msg, size_t len,
    struct result *res)
{
	unsigned char want[48];
	size_t n = s->version == SPEC_TLS13 ? s->suite->hash_len : 12;

	if (s->version == SPEC_TLS13) {
		keys_finished13(s, s->s_secret, want);
	} else {
		keys_finished12(s, "server finished", want);
	}
	if (len != 4 + n || keys_differ(want, msg + 4, n) != 0) {
		return hs_fail(s, 51, res, CK_E_TLS,
		    "server Finished does not verify");
	}
	hs_hash(s, msg, len);
	if (s->version < SPEC_TLS13) {
		s->is_done = true;
		s->expect = EXP_NOTHING;
		return 0;
	}
	return flight13(s, res);
}

/* After the handshake: tickets are dropped, a KeyUpdate followed. */
static int
post_handshake(struct tls_sess *s, const unsigned char *msg, size_t len,
    struct result *res)
{
	if (s->version == SPEC_TLS13 && msg[0] == HS_NEW_SESSION_TICKET) {
		return 0;
	}
	if (s->version == SPEC_TLS13 && msg[0] == HS_KEY_UPDATE && len == 5) {
		keys_expand_label(s, s->s_secret, "traffic upd", NULL, 0,
		    s->s_secret, s->suite->hash_len);
		rec_set13_read(s, s->s_secret);
		return 0;
	}
	if (s->version < SPEC_TLS13 && msg[0] == 0 && len == 4) {
		return 0;		/* HelloRequest: not answered */
	}
	return hs_fail(s, ALERT_UNEXPECTED, res, CK_E_TLS,
	    "unexpected message after the handshake");
}

/* see tls_int.h */
int
hs_message(struct tls_sess *s, unsigned char *msg, size_t len,
    struct result *res)
{
	unsigned type = msg[0];
	int rc;

	switch (s->expect) {
	case EXP_SERVER_HELLO:
		if (type != HS_SERVER_HELLO) {
			break;
		}
		return hello_server(s, msg, len, res);
	case EXP_ENCRYPTED_EXTENSIONS:
		if (type != HS_ENCRYPTED_EXTENSIONS) {
			break;
		}
		hs_hash(s, msg, len);
		s->expect = EXP_CERT_OR_REQUEST;
		return hello_encrypted_extensions(s, msg, len, res);
	case EXP_CERT_OR_REQUEST:
	case EXP_REQUEST_OR_DONE:
		if (type == HS_CERTIFICATE_REQUEST && !s->is_cert_requested) {
			hs_hash(s, msg, len);
			return certificate_request(s, msg, len, false, res);
		}
		if (s->expect == EXP_REQUEST_OR_DONE &&
		    type == HS_SERVER_HELLO_DONE && len == 4) {
			hs_hash(s, msg, len);
			return flight12(s, res);
		}
		/* FALLTHROUGH */
	case EXP_CERTIFICATE:
	case EXP_CERTIFICATE_12:
		if (type != HS_CERTIFICATE || s->expect == EXP_REQUEST_OR_DONE) {
			break;
		}
		/* Hashed first: the chain is compacted in place. */
		hs_hash(s, msg, len);
		s->expect = s->version == SPEC_TLS13 ? EXP_CERTIFICATE_VERIFY :
		    s->suite->kx == KX_RSA ? EXP_REQUEST_OR_DONE :
		    EXP_KEY_EXCHANGE;
		return cert_take(s, msg, len, res);
	case EXP_CERTIFICATE_VERIFY:
		if (type != HS_CERTIFICATE_VERIFY) {
			break;
		}
		rc = server_certificate_verify(s, msg, len, res);
		hs_hash(s, msg, len);
		s->expect = EXP_FINISHED;
		return rc;
	case EXP_KEY_EXCHANGE:
		if (type != HS_SERVER_KEY_EXCHANGE) {
			break;
		}
		rc = server_key_exchange(s, msg, len, res);
		hs_hash(s, msg, len);
		s->expect = EXP_REQUEST_OR_DONE;
		return rc;
	case EXP_FINISHED:
		if (type != HS_FINISHED) {
			break;
		}
		return server_finished(s, msg, len, res);
	case EXP_NOTHING:
		return post_handshake(s, msg, len, res);
	case EXP_CCS:
		break;
	}
	return hs_fail(s, ALERT_UNEXPECTED, res, CK_E_TLS,
	    "unexpected handshake message");
}

/* see tls_int.h */
int
hs_ccs(struct tls_sess *s, const unsigned char *p, size_t len,
    struct result *res)
{
	if (len != 1 || p[0] != 1) {
		return hs_fail(s, ALERT_DECODE, res, CK_E_TLS,
		    "malformed ChangeCipherSpec");
	}
	/* TLS 1.3: one ignored CCS before the server's Finished (D.4). */
	if ((s->version == SPEC_TLS13 || s->is_hrr) && !s->is_done &&
	    !s->saw_ccs) {
		s->saw_ccs = true;
		return 0;
	}
	if (s->version < SPEC_TLS13 && s->expect == EXP_CCS) {
		keys_block12(s, false);
		s->expect = EXP_FINISHED;
		return 0;
	}
	return hs_fail(s, ALERT_UNEXPECTED, res, CK_E_TLS,
	    "unexpected ChangeCipherSpec");
}
