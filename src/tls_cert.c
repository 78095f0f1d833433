/* SPDX-License-Identifier: MIT */
/*
 * tls_cert: certificates in the handshake.  The server's Certificate
 * message becomes the captured chain in place (the verdict comes after
 * the handshake, from x509_verify); the leaf's key must be one we can
 * check the server's signature with.  Ours: the client certificate and
 * its CertificateVerify signature (RSA PKCS#1 or PSS, ECDSA).
 */
#include <string.h>

#include "der.h"
#include "ec_p256.h"
#include "identity.h"
#include "sig.h"
#include "spec.h"
#include "tls_int.h"
#include "x509_cert.h"

/* see tls_int.h */
int
cert_take(struct tls_sess *s, unsigned char *msg, size_t len,
    struct result *res)
{
	struct x509_chain *ch = s->chain;
	struct x509_cert c;
	struct rd r;
	struct rd list;

	rd_init(&r, msg + 4, len - 4);
	if (s->version == SPEC_TLS13 && rd_u8(&r) != 0) {
		return hs_fail(s, ALERT_DECODE, res, CK_E_TLS,
		    "server certificate with a request context");
	}
	list = rd_sub(&r, rd_u24be(&r));
	ch->n = 0;
	ch->used = 0;
	while (!rd_is_done(&list) && !list.bad && rd_is_done(&r)) {
		size_t clen = rd_u24be(&list);
		const unsigned char *der = rd_bytes(&list, clen);

		/* TLS 1.3 extensions per certificate: none asked for. */
		if (s->version == SPEC_TLS13) {
			rd_skip(&list, rd_u16be(&list));
		}
		/* cert_data<1..2^24-1>: an empty one is malformed, even
		 * last in the list. */
		if (der == NULL || clen == 0 || list.bad) {
			list.bad = 1;
			break;
		}
		if (ch->n == X509_CERTS_MAX) {
			return hs_fail(s, ALERT_HANDSHAKE_FAILURE, res,
			    CK_E_CHAIN_TOO_BIG, "more than 10 certificates");
		}
		/* Down to the front: der is always after buf + used. */
		memmove(ch->buf + ch->used, der, clen);
		ch->off[ch->n] = ch->used;
		ch->len[ch->n] = clen;
		ch->used += clen;
		ch->n++;
	}
	if (!rd_is_done(&list) || !rd_is_done(&r)) {
		return hs_fail(s, ALERT_DECODE, res, CK_E_TLS,
		    "malformed Certificate message");
	}
	if (ch->n == 0) {
		return hs_fail(s, ALERT_DECODE, res, CK_E_NO_CERT, NULL);
	}
	/* The verdict parses the chain again later, and says more. */
	if (x509_cert_parse(ch->buf, ch->len[0], &c) < 0) {
		s->cap_err = CK_E_X509_MALFORMED;
		return hs_fail(s, 42, res, CK_E_X509_MALFORMED, NULL);
	}
	if (x509_cert_supported(&c, X509_CHECK_KEY, s->why,
	    sizeof s->why) < 0) {
		s->cap_err = CK_E_X509_UNSUPPORTED;
		return hs_fail(s, 43, res, CK_E_X509_UNSUPPORTED, s->why);
	}
	return 0;
}

/* The hash a SignatureScheme we sign with uses. */
static const br_hash_class *
scheme_hash(unsigned scheme)
{
	switch (scheme) {
	case 0x0501: case 0x0503: case 0x0805:
		return &br_sha384_vtable;
	case 0x0603: case 0x0806:
		return &br_sha512_vtable;
	default:
		return &br_sha256_vtable;
	}
}

/* see tls_int.h */
void
cert_choose(struct tls_sess *s, struct rd *offered)
{
	/* Ours in order; ECDSA bound to the key's curve in TLS 1.3. */
	static const uint16_t rsa13[] = { 0x0804, 0x0805, 0x0806 };
	static const uint16_t rsa12[] = { 0x0401, 0x0501, 0x0804, 0x0805 };
	static const uint16_t ec12[] = { 0x0403, 0x0503 };
	const struct identity *id = s->id;
	uint16_t ec13[1];
	const uint16_t *want;
	size_t n;
	size_t i;

	s->is_cert_requested = true;
	s->client_scheme = 0;
	if (id == NULL) {
		return;
	}
	if (s->version < 0x0303) {
		s->client_scheme = 1;	/* MD5+SHA-1 or SHA-1: no choice */
		return;
	}
	if (id->key_type == BR_KEYTYPE_RSA) {
		want = s->version == SPEC_TLS13 ? rsa13 : rsa12;
		n = s->version == SPEC_TLS13 ? 3 : 4;
	} else if (s->version == SPEC_TLS13) {
		ec13[0] = id->ec.curve == BR_EC_secp256r1 ? 0x0403 :
		    id->ec.curve == BR_EC_secp384r1 ? 0x0503 : 0x0603;
		want = ec13;
		n = 1;
	} else {
		want = ec12;
		n = 2;
	}
	for (i = 0; i < n && s->client_scheme == 0; i++) {
		struct rd r = *offered;

		while (!rd_is_done(&r) && !r.bad) {
			if (rd_u16be(&r) == want[i]) {
				s->client_scheme = want[i];
				break;
			}
		}
	}
}

/* see tls_int.h */
void
cert_write(struct tls_sess *s, struct put *w)
{
	const struct identity *id = s->id;
	size_t msg;
	size_t list;
	size_t i;

	put_u8(w, HS_CERTIFICATE);
	msg = put_open(w, 3);
	if (s->version == SPEC_TLS13) {
		put_u8(w, s->req_ctx_len);
		put_bytes(w, s->req_ctx, s->req_ctx_len);
	}
	list = put_open(w, 3);
	for (i = 0; s->client_scheme != 0 && i < id->chain_len; i++) {
		put_u24(w, id->chain[i].data_len);
		put_bytes(w, id->chain[i].data, id->chain[i].data_len);
		if (s->version == SPEC_TLS13) {
			put_u16(w, 0);
		}
	}
	put_close(w, list, 3);
	put_close(w, msg, 3);
}

/*
 * Signs m_hash (of hash) with the identity's key: PKCS#1 v1.5 (oid NULL:
 * no DigestInfo, TLS 1.0/1.1's MD5+SHA-1), PSS when is_pss, or ECDSA.
 * Returns the signature's length, 0 on failure.
 */
static size_t
sign(struct tls_sess *s, const br_hash_class *hash, const unsigned char *oid,
    const unsigned char *m_hash, size_t hash_len, bool is_pss,
    unsigned char *sig)
{
	const struct identity *id = s->id;
	size_t mlen = (id->rsa.n_bitlen + 7) / 8;
	unsigned char salt[64];

	if (id->key_type == BR_KEYTYPE_EC) {
		return br_ecdsa_sign_asn1_get_default()(ec_p256_impl(),
		    hash, m_hash, &id->ec, sig);
	}
	if (mlen > 512) {
		return 0;
	}
	if (!is_pss) {
		return br_rsa_pkcs1_sign_get_default()(oid, m_hash, hash_len,
		    &id->rsa, sig) ? mlen : 0;
	}
	br_hmac_drbg_generate(&s->rng, salt, hash_len);
	if (sig_pss_encode(hash, m_hash, salt, sig, mlen,
	    id->rsa.n_bitlen) < 0) {
		return 0;
	}
	return br_rsa_private_get_default()(sig, &id->rsa) ? mlen : 0;
}

/* see tls_int.h */
int
cert_verify_write(struct tls_sess *s, struct put *w)
{
	static const char ctx13[] = "TLS 1.3, client CertificateVerify";
	const br_hash_class *hash = scheme_hash(s->client_scheme);
	unsigned char m_hash[64];
	unsigned char sig[512];
	size_t hlen = (hash->desc >> BR_HASHDESC_OUT_OFF) & BR_HASHDESC_OUT_MASK;
	size_t msg;
	size_t n;

	if (s->version == SPEC_TLS13) {
		/* 64 spaces, the context string, 0, the transcript hash. */
		br_hash_compat_context hc;
		unsigned char pad[64];
		unsigned char th[48];
		size_t thlen = keys_transcript(s, th);

		memset(pad, ' ', sizeof pad);
		hash->init(&hc.vtable);
		hash->update(&hc.vtable, pad, sizeof pad);
		hash->update(&hc.vtable, ctx13, sizeof ctx13);
		hash->update(&hc.vtable, th, thlen);
		hash->out(&hc.vtable, m_hash);
	} else if (s->version < 0x0303) {
		keys_transcript(s, m_hash);	/* MD5 || SHA-1 */
		hash = &br_sha1_vtable;
		hlen = 20;
	} else {
		br_multihash_out(&s->transcript, hlen == 48 ? br_sha384_ID :
		    br_sha256_ID, m_hash);
	}
	if (s->version < 0x0303 && s->id->key_type == BR_KEYTYPE_RSA) {
		n = sign(s, hash, NULL, m_hash, 36, false, sig);
	} else if (s->version < 0x0303) {
		n = sign(s, hash, NULL, m_hash + 16, 20, false, sig);
	} else {
		n = sign(s, hash, hash == &br_sha256_vtable ? BR_HASH_OID_SHA256 :
		    hash == &br_sha384_vtable ? BR_HASH_OID_SHA384 :
		    BR_HASH_OID_SHA512, m_hash, hlen,
		    (s->client_scheme >> 8) == 8, sig);
	}
	if (n == 0) {
		return -1;
	}
	put_u8(w, HS_CERTIFICATE_VERIFY);
	msg = put_open(w, 3);
	if (s->version >= 0x0303) {
		put_u16(w, s->client_scheme);
	}
	put_u16(w, n);
	put_bytes(w, sig, n);
	put_close(w, msg, 3);
	return 0;
}
