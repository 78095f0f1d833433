/* SPDX-License-Identifier: MIT */
/*
 * sig: one signature check over DER bytes.  The AlgorithmIdentifier is
 * read here with der.c's reader, the hashes are BearSSL's, the RSA
 * public operation rsa_pub.c's, ECDSA ecdsa_vrfy.c's; BearSSL 0.6 has no
 * RSA-PSS, so EMSA-PSS-VERIFY and MGF1 (RFC 8017 9.1.2, B.2.1) are
 * written here over the raw s^e; Ed25519 is ed25519.c's.  sig_verify_tls
 * maps a TLS SignatureScheme onto the same checks.
 * The cache keeps the SHA-256 of what was verified, so a hit costs one
 * pass of SHA-256 over the inputs instead of a public-key operation.
 */
#include <stdint.h>
#include <string.h>

#include "der.h"
#include "ec_p256.h"
#include "ecdsa_vrfy.h"
#include "ed25519.h"
#include "rsa_pub.h"
#include "sig.h"
#include "x509_cert.h"

/*
 * Sized for the CA certificates one run meets more than once: a run
 * probing many servers of one organisation sees a handful of
 * intermediates under a handful of roots.  A miss only costs time.
 */
#define SIG_CACHE_N	32

/* 4096 bits: BearSSL's BR_MAX_RSA_SIZE (inner.h, not public), the
 * largest modulus its RSA engines take. */
#define SIG_RSA_MAX_LEN	512

static unsigned char cache[SIG_CACHE_N][32];
static unsigned char cache_used[SIG_CACHE_N];
static unsigned cache_next;
static unsigned long ops;

/* The hashes by index; the BearSSL OID strings start with their length.
 * H_MD5SHA1, past the tables, is TLS 1.0's MD5 || SHA-1 (36 bytes, no
 * DigestInfo). */
enum { H_SHA1, H_SHA224, H_SHA256, H_SHA384, H_SHA512, H__N,
	H_MD5SHA1 = H__N };

static const br_hash_class *const hash_vt[H__N] = {
	&br_sha1_vtable, &br_sha224_vtable, &br_sha256_vtable,
	&br_sha384_vtable, &br_sha512_vtable
};

static const unsigned char *const hash_oid[H__N] = {
	BR_HASH_OID_SHA1, BR_HASH_OID_SHA224, BR_HASH_OID_SHA256,
	BR_HASH_OID_SHA384, BR_HASH_OID_SHA512
};

/* 1.2.840.113549.1.1.x (PKCS#1) and 1.2.840.10045.4.x (X9.62 ECDSA). */
static const unsigned char arc_pkcs1[] = {
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01
};
static const unsigned char arc_ecdsa[] = { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04 };
/* 1.3.101.112, RFC 8410 */
static const unsigned char oid_ed25519[] = { 0x2b, 0x65, 0x70 };

#define PKCS1_PSS	10
#define PKCS1_MGF1	8

enum alg_kind { K_RSA, K_PSS, K_ECDSA, K_ED25519 };

/* The key type each kind verifies with. */
static const unsigned char kind_key[] = {
	BR_KEYTYPE_RSA, BR_KEYTYPE_RSA, BR_KEYTYPE_EC, X509_KEYTYPE_ED25519
};

/* What the AlgorithmIdentifier says. */
struct alg {
	enum alg_kind kind;
	int hash;			/* H_* of the message */
	int mgf_hash;			/* PSS: H_* of MGF1 */
	uint32_t salt_len;		/* PSS */
};

static size_t
hash_len(int h)
{
	if (h == H_MD5SHA1) {
		return br_md5_SIZE + br_sha1_SIZE;
	}
	return (hash_vt[h]->desc >> BR_HASHDESC_OUT_OFF) &
	    BR_HASHDESC_OUT_MASK;
}

static void
hash_bytes(int h, const void *a, size_t a_len, const void *b, size_t b_len,
    const void *c, size_t c_len, unsigned char *out)
{
	br_hash_compat_context hc;

	hash_vt[h]->init(&hc.vtable);
	hash_vt[h]->update(&hc.vtable, a, a_len);
	hash_vt[h]->update(&hc.vtable, b, b_len);
	hash_vt[h]->update(&hc.vtable, c, c_len);
	hash_vt[h]->out(&hc.vtable, out);
}

/* AlgorithmIdentifier parameters that must be absent or NULL. */
static bool
params_empty(struct rd *a)
{
	struct der_tlv t;

	if (a->left == 0) {
		return !a->bad;
	}
	return der_read(a, &t) == 0 && t.tag == DER_NULL && t.len == 0 &&
	    rd_is_done(a);
}

/* A hash AlgorithmIdentifier (RFC 4055 HashAlgorithm): H_*, or -1. */
static int
read_hash_alg(struct rd *r)
{
	struct rd a;
	struct der_tlv oid;
	int h;

	der_expect(r, DER_SEQUENCE, &a);
	if (der_read(&a, &oid) < 0 || oid.tag != DER_OID ||
	    !params_empty(&a)) {
		return -1;
	}
	for (h = 0; h < H__N; h++) {
		if (der_oid_eq(oid.val, oid.len, hash_oid[h] + 1,
		    hash_oid[h][0])) {
			return h;
		}
	}
	return -1;
}

/* A small non-negative INTEGER's value, the only thing in r; -1 when
 * negative, above 2^32 - 1 or not minimal (OpenSSL rejects that padding). */
static int64_t
read_uint(struct rd *r)
{
	struct der_tlv t;
	uint64_t v = 0;
	size_t i;

	if (der_read(r, &t) < 0 || t.tag != DER_INTEGER || t.len == 0 ||
	    t.len > 5 || (t.val[0] & 0x80) || !rd_is_done(r) ||
	    (t.len > 1 && t.val[0] == 0 && !(t.val[1] & 0x80))) {
		return -1;
	}
	for (i = 0; i < t.len; i++) {
		v = v << 8 | t.val[i];
	}
	return v > UINT32_MAX ? -1 : (int64_t)v;
}

/*
 * RSASSA-PSS-params (RFC 4055 3.1), explicit tags, every field with a
 * default: SHA-1, MGF1 with SHA-1, salt 20, trailer 1.  Defaults written
 * out are accepted, as OpenSSL accepts them.  Returns 0 or -1.
 */
static int
read_pss_params(struct rd *r, struct alg *al)
{
	struct rd p;
	struct rd f;
	struct rd mgf;
	struct der_tlv oid;
	int64_t v;

	al->hash = H_SHA1;
	al->mgf_hash = H_SHA1;
	al->salt_len = 20;
	if (der_expect(r, DER_SEQUENCE, &p) < 0 || !rd_is_done(r)) {
		return -1;
	}
	if (der_peek(&p) == DER_CTX_CONS(0)) {
		der_expect(&p, DER_CTX_CONS(0), &f);
		al->hash = read_hash_alg(&f);
		if (al->hash < 0 || !rd_is_done(&f)) {
			return -1;
		}
	}
	if (der_peek(&p) == DER_CTX_CONS(1)) {
		der_expect(&p, DER_CTX_CONS(1), &f);
		der_expect(&f, DER_SEQUENCE, &mgf);
		if (der_read(&mgf, &oid) < 0 || oid.tag != DER_OID ||
		    oid.len != sizeof arc_pkcs1 + 1 ||
		    memcmp(oid.val, arc_pkcs1, sizeof arc_pkcs1) != 0 ||
		    oid.val[sizeof arc_pkcs1] != PKCS1_MGF1) {
			return -1;
		}
		al->mgf_hash = read_hash_alg(&mgf);
		if (al->mgf_hash < 0 || !rd_is_done(&mgf) ||
		    !rd_is_done(&f)) {
			return -1;
		}
	}
	if (der_peek(&p) == DER_CTX_CONS(2)) {
		der_expect(&p, DER_CTX_CONS(2), &f);
		if ((v = read_uint(&f)) < 0) {
			return -1;
		}
		al->salt_len = (uint32_t)v;
	}
	if (der_peek(&p) == DER_CTX_CONS(3)) {
		der_expect(&p, DER_CTX_CONS(3), &f);
		if (read_uint(&f) != 1) {
			return -1;	/* only trailerFieldBC (0xbc) exists */
		}
	}
	return rd_is_done(&p) ? 0 : -1;
}

/* Reads the signatureAlgorithm TLV alg/len into al.  Returns 0 or -1. */
static int
read_alg(const unsigned char *alg, size_t len, struct alg *al)
{
	/* Last arc of 1.2.840.113549.1.1.x / 1.2.840.10045.4.3.x by H_*. */
	static const unsigned char rsa_arc[H__N] = { 5, 14, 11, 12, 13 };
	struct rd r;
	struct rd a;
	struct der_tlv oid;
	unsigned last;
	int h;

	memset(al, 0, sizeof *al);
	rd_init(&r, alg, len);
	if (der_expect(&r, DER_SEQUENCE, &a) < 0 || !rd_is_done(&r) ||
	    der_read(&a, &oid) < 0 || oid.tag != DER_OID || oid.len == 0) {
		return -1;
	}
	last = oid.val[oid.len - 1];
	if (oid.len == sizeof arc_pkcs1 + 1 &&
	    memcmp(oid.val, arc_pkcs1, sizeof arc_pkcs1) == 0) {
		if (last == PKCS1_PSS) {
			al->kind = K_PSS;
			return read_pss_params(&a, al);
		}
		al->kind = K_RSA;
		for (h = 0; h < H__N && rsa_arc[h] != last; h++) {
		}
	} else if (oid.len == sizeof arc_ecdsa + 1 &&
	    memcmp(oid.val, arc_ecdsa, sizeof arc_ecdsa) == 0 && last == 1) {
		al->kind = K_ECDSA;
		h = H_SHA1;
	} else if (oid.len == sizeof arc_ecdsa + 2 &&
	    memcmp(oid.val, arc_ecdsa, sizeof arc_ecdsa) == 0 &&
	    oid.val[oid.len - 2] == 3 && last >= 1 && last <= 4) {
		al->kind = K_ECDSA;
		h = H_SHA224 + (int)last - 1;
	} else if (der_oid_eq(oid.val, oid.len, oid_ed25519,
	    sizeof oid_ed25519)) {
		/* RFC 8410 3: parameters absent, and OpenSSL takes no
		 * NULL here.  SHA-512 is inside the algorithm. */
		al->kind = K_ED25519;
		al->hash = H_SHA512;
		return rd_is_done(&a) ? 0 : -1;
	} else {
		return -1;
	}
	/* RFC 3279 2.2.1 wants NULL for PKCS#1 and RFC 5758 3.2 nothing
	 * for ECDSA; both forms are met in the wild and OpenSSL takes
	 * both. */
	if (h == H__N || !params_empty(&a)) {
		return -1;
	}
	al->hash = h;
	return 0;
}

/* MGF1 (RFC 8017 B.2.1): XORs the mask from seed into out (len bytes). */
static void
mgf1_xor(int h, const unsigned char *seed, size_t seed_len,
    unsigned char *out, size_t len)
{
	unsigned char ctr[4];
	unsigned char t[64];
	size_t hl = hash_len(h);
	size_t i;
	size_t k;
	uint32_t c;

	for (c = 0, i = 0; i < len; c++) {
		ctr[0] = (unsigned char)(c >> 24);
		ctr[1] = (unsigned char)(c >> 16);
		ctr[2] = (unsigned char)(c >> 8);
		ctr[3] = (unsigned char)c;
		hash_bytes(h, seed, seed_len, ctr, 4, NULL, 0, t);
		for (k = 0; k < hl && i < len; k++, i++) {
			out[i] ^= t[k];
		}
	}
}

/*
 * EMSA-PSS-VERIFY (RFC 8017 9.1.2) of em (em_len bytes, the whole s^e
 * mod n, so one leading byte more than emLen when modBits - 1 is a
 * multiple of 8) for a modulus of mod_bits.  em is destroyed.
 */
static bool
pss_check(const struct alg *al, const unsigned char *m_hash,
    unsigned char *em, size_t em_len, unsigned mod_bits)
{
	unsigned char h2[64];
	size_t hl = hash_len(al->hash);
	unsigned em_bits = mod_bits - 1;
	unsigned top = 8 * (unsigned)em_len - em_bits;	/* 1 to 8 bits */
	unsigned char *db;
	size_t db_len;
	size_t ps_len;
	size_t i;

	if (top == 8) {
		if (em[0] != 0) {
			return false;
		}
		em++;
		em_len--;
		top = 0;
	}
	/* Written so a salt length near 2^32 cannot wrap a 32-bit size_t. */
	if (al->salt_len > em_len || em_len - al->salt_len < hl + 2 ||
	    em[em_len - 1] != 0xbc ||
	    (em[0] >> (8 - top)) != 0) {
		return false;
	}
	db = em;
	db_len = em_len - hl - 1;
	mgf1_xor(al->mgf_hash, em + db_len, hl, db, db_len);
	db[0] &= (unsigned char)(0xff >> top);
	ps_len = db_len - al->salt_len - 1;
	for (i = 0; i < ps_len; i++) {
		if (db[i] != 0) {
			return false;
		}
	}
	if (db[ps_len] != 0x01) {
		return false;
	}
	/* H' = Hash(M'), M' = 8 zero bytes || mHash || salt. */
	memset(h2, 0, 8);
	hash_bytes(al->hash, h2, 8, m_hash, hl, db + db_len - al->salt_len,
	    al->salt_len, h2);
	return memcmp(h2, em + db_len, hl) == 0;
}

/* Bits in the big-endian number n (no leading zero byte). */
static unsigned
bit_len(const unsigned char *n, size_t len)
{
	unsigned bits = (unsigned)(len - 1) * 8;
	unsigned top = n[0];

	while (top != 0) {
		bits++;
		top >>= 1;
	}
	return bits;
}

static int
rsa_verify(const br_rsa_public_key *pk, const struct alg *al,
    const unsigned char *m_hash, const unsigned char *sig, size_t sig_len)
{
	unsigned char buf[SIG_RSA_MAX_LEN];
	unsigned char out[64];
	br_rsa_public_key k = *pk;
	size_t hl = hash_len(al->hash);

	while (k.nlen > 0 && k.n[0] == 0) {
		k.n++;
		k.nlen--;
	}
	if (k.nlen == 0 || k.nlen > sizeof buf || k.elen == 0 ||
	    !(k.n[k.nlen - 1] & 1)) {
		return SIG_UNSUPPORTED;
	}
	ops++;
	if (al->kind == K_RSA) {
		/* OpenSSL's RSA_verify wants exactly the modulus length. */
		if (sig_len != k.nlen || !rsa_pub_pkcs1_vrfy(sig, sig_len,
		    al->hash == H_MD5SHA1 ? NULL : hash_oid[al->hash], hl, &k,
		    out)) {
			return SIG_BAD;
		}
		return memcmp(out, m_hash, hl) == 0 ? SIG_OK : SIG_BAD;
	}
	/* OpenSSL's raw RSA takes a shorter number as if zero-padded. */
	if (sig_len > k.nlen) {
		return SIG_BAD;
	}
	memset(buf, 0, k.nlen - sig_len);
	memcpy(buf + k.nlen - sig_len, sig, sig_len);
	if (!rsa_pub(buf, k.nlen, &k)) {
		return SIG_BAD;
	}
	return pss_check(al, m_hash, buf, k.nlen, bit_len(k.n, k.nlen)) ?
	    SIG_OK : SIG_BAD;
}

static int
ec_verify(const br_ec_public_key *pk, const unsigned char *m_hash,
    size_t hl, const unsigned char *sig, size_t sig_len)
{
	const br_ec_impl *ec = ec_p256_impl();

	if (pk->curve < BR_EC_secp256r1 || pk->curve > BR_EC_secp521r1 ||
	    !((ec->supported_curves >> pk->curve) & 1)) {
		return SIG_UNSUPPORTED;
	}
	ops++;
	return ecdsa_vrfy_asn1(ec, m_hash, hl, pk, sig, sig_len) ?
	    SIG_OK : SIG_BAD;
}

/* Ed25519 over the message itself (no prehash), key in pk->key.ec. */
static int
ed_verify(const br_ec_public_key *pk, const unsigned char *msg,
    size_t len, const unsigned char *sig, size_t sig_len)
{
	if (pk->qlen != 32) {
		return SIG_UNSUPPORTED;
	}
	ops++;
	return sig_len == 64 && ed25519_verify(pk->q, msg, len, sig) ?
	    SIG_OK : SIG_BAD;
}

/* One check with the message hashed (not for Ed25519). */
static int
verify_hashed(const br_x509_pkey *key, const struct alg *al,
    const unsigned char *m_hash, const unsigned char *sig, size_t sig_len)
{
	if (key->key_type == BR_KEYTYPE_RSA) {
		return rsa_verify(&key->key.rsa, al, m_hash, sig, sig_len);
	}
	return ec_verify(&key->key.ec, m_hash, hash_len(al->hash), sig,
	    sig_len);
}

/* Feeds a length (4 bytes) then the bytes, so fields cannot run into
 * each other in the cache key. */
static void
key_put(br_sha256_context *h, const void *p, size_t len)
{
	unsigned char l[4];

	l[0] = (unsigned char)(len >> 24);
	l[1] = (unsigned char)(len >> 16);
	l[2] = (unsigned char)(len >> 8);
	l[3] = (unsigned char)len;
	br_sha256_update(h, l, 4);
	br_sha256_update(h, p, len);
}

/* see sig.h */
size_t
sig_digest(const unsigned char *alg, size_t alg_len,
    const unsigned char *signed_der, size_t signed_len, unsigned char *out)
{
	struct alg al;

	if (read_alg(alg, alg_len, &al) < 0 || al.kind == K_ED25519) {
		return 0;
	}
	hash_bytes(al.hash, signed_der, signed_len, NULL, 0, NULL, 0, out);
	return hash_len(al.hash);
}

/* see sig.h */
int
sig_verify_digest(const br_x509_pkey *key, const unsigned char *alg,
    size_t alg_len, const unsigned char *signed_der, size_t signed_len,
    const unsigned char *digest, size_t digest_len,
    const unsigned char *sig, size_t sig_len)
{
	struct alg al;
	br_sha256_context h;
	unsigned char id[32];
	unsigned char m_hash[64];
	unsigned char kt = key->key_type;
	unsigned i;
	int rc;

	if (read_alg(alg, alg_len, &al) < 0 || kt != kind_key[al.kind]) {
		return SIG_UNSUPPORTED;
	}
	br_sha256_init(&h);
	key_put(&h, &kt, 1);
	if (kt == BR_KEYTYPE_RSA) {
		key_put(&h, key->key.rsa.n, key->key.rsa.nlen);
		key_put(&h, key->key.rsa.e, key->key.rsa.elen);
	} else {
		key_put(&h, &key->key.ec.curve, sizeof key->key.ec.curve);
		key_put(&h, key->key.ec.q, key->key.ec.qlen);
	}
	key_put(&h, alg, alg_len);
	/* A verdict depends on the message's hash only (Ed25519's on the
	 * message): keyed on it, the signed bytes are hashed once. */
	if (al.kind == K_ED25519) {
		key_put(&h, signed_der, signed_len);
	} else if (digest == NULL) {
		hash_bytes(al.hash, signed_der, signed_len, NULL, 0, NULL, 0,
		    m_hash);
		key_put(&h, m_hash, hash_len(al.hash));
	} else if (digest_len == hash_len(al.hash)) {
		memcpy(m_hash, digest, digest_len);
		key_put(&h, m_hash, digest_len);
	} else {
		return SIG_UNSUPPORTED;		/* not sig_digest's */
	}
	key_put(&h, sig, sig_len);
	br_sha256_out(&h, id);
	for (i = 0; i < SIG_CACHE_N; i++) {
		if (cache_used[i] && memcmp(cache[i], id, sizeof id) == 0) {
			return SIG_OK;
		}
	}
	if (al.kind == K_ED25519) {
		rc = ed_verify(&key->key.ec, signed_der, signed_len, sig,
		    sig_len);
	} else {
		rc = verify_hashed(key, &al, m_hash, sig, sig_len);
	}
	if (rc == SIG_OK) {
		/* Round robin: the oldest entry goes first. */
		memcpy(cache[cache_next], id, sizeof id);
		cache_used[cache_next] = 1;
		cache_next = (cache_next + 1) % SIG_CACHE_N;
	}
	return rc;
}

/* see sig.h */
int
sig_verify(const br_x509_pkey *key, const unsigned char *alg,
    size_t alg_len, const unsigned char *signed_der, size_t signed_len,
    const unsigned char *sig, size_t sig_len)
{
	return sig_verify_digest(key, alg, alg_len, signed_der, signed_len,
	    NULL, 0, sig, sig_len);
}

/* A TLS SignatureScheme (RFC 8446 4.2.3, RFC 5246 7.4.1.4.1 for the
 * TLS 1.2 pairs) and what it wants. */
struct tls_scheme {
	uint16_t code;
	unsigned char kind;		/* K_* */
	unsigned char hash;		/* H_* */
	unsigned char curve;		/* ECDSA in TLS 1.3: BR_EC_*; 0 */
	unsigned char flags;		/* TLS_* */
};

#define TLS_NOT13	1u	/* refused in TLS 1.3 (PKCS#1, SHA-1) */
#define TLS_PSS_KEY	2u	/* rsa_pss_pss_*: an RSASSA-PSS key */

static const struct tls_scheme tls_schemes[] = {
	{ SIG_TLS_RSA_MD5SHA1, K_RSA, H_MD5SHA1, 0, TLS_NOT13 },
	{ 0x0201, K_RSA, H_SHA1, 0, TLS_NOT13 },
	{ 0x0401, K_RSA, H_SHA256, 0, TLS_NOT13 },
	{ 0x0501, K_RSA, H_SHA384, 0, TLS_NOT13 },
	{ 0x0601, K_RSA, H_SHA512, 0, TLS_NOT13 },
	{ 0x0203, K_ECDSA, H_SHA1, 0, TLS_NOT13 },
	{ 0x0403, K_ECDSA, H_SHA256, BR_EC_secp256r1, 0 },
	{ 0x0503, K_ECDSA, H_SHA384, BR_EC_secp384r1, 0 },
	{ 0x0603, K_ECDSA, H_SHA512, BR_EC_secp521r1, 0 },
	{ 0x0804, K_PSS, H_SHA256, 0, 0 },
	{ 0x0805, K_PSS, H_SHA384, 0, 0 },
	{ 0x0806, K_PSS, H_SHA512, 0, 0 },
	{ 0x0807, K_ED25519, H_SHA512, 0, 0 },
	{ 0x0809, K_PSS, H_SHA256, 0, TLS_PSS_KEY },
	{ 0x080a, K_PSS, H_SHA384, 0, TLS_PSS_KEY },
	{ 0x080b, K_PSS, H_SHA512, 0, TLS_PSS_KEY },
};

/* see sig.h */
int
sig_verify_tls(const struct x509_cert *leaf, unsigned scheme,
    bool is_tls13, const unsigned char *data, size_t len,
    const unsigned char *sig, size_t sig_len)
{
	const struct tls_scheme *ts = NULL;
	br_x509_pkey pk;
	br_md5_context md5;
	struct alg al;
	unsigned char m_hash[64];
	size_t i;

	for (i = 0; i < sizeof tls_schemes / sizeof tls_schemes[0]; i++) {
		if (tls_schemes[i].code == scheme) {
			ts = &tls_schemes[i];
		}
	}
	x509_cert_pkey(leaf, &pk);
	/* An RSASSA-PSS key only with rsa_pss_pss_*, an rsaEncryption
	 * one with the others (RFC 8446 4.2.3). */
	if (ts == NULL || pk.key_type != kind_key[ts->kind] ||
	    (is_tls13 && ((ts->flags & TLS_NOT13) || (ts->curve != 0 &&
	    ts->curve != pk.key.ec.curve))) ||
	    (pk.key_type == BR_KEYTYPE_RSA &&
	    leaf->is_rsa_pss_key != ((ts->flags & TLS_PSS_KEY) != 0))) {
		return SIG_BAD;
	}
	if (ts->kind == K_ED25519) {
		return ed_verify(&pk.key.ec, data, len, sig, sig_len);
	}
	memset(&al, 0, sizeof al);
	al.kind = ts->kind;
	al.hash = ts->hash;
	/* RFC 8446 4.2.3: MGF1 with the same hash, salt as long as it. */
	al.mgf_hash = ts->hash;
	al.salt_len = (uint32_t)hash_len(ts->hash);
	if (ts->hash == H_MD5SHA1) {
		br_md5_init(&md5);
		br_md5_update(&md5, data, len);
		br_md5_out(&md5, m_hash);
		hash_bytes(H_SHA1, data, len, NULL, 0, NULL, 0,
		    m_hash + br_md5_SIZE);
	} else {
		hash_bytes(ts->hash, data, len, NULL, 0, NULL, 0, m_hash);
	}
	return verify_hashed(&pk, &al, m_hash, sig, sig_len);
}

/* see sig.h */
unsigned
sig_hash_bits(const unsigned char *alg, size_t alg_len)
{
	struct alg al;

	if (read_alg(alg, alg_len, &al) < 0) {
		return 0;
	}
	return (unsigned)hash_len(al.hash) * 8;
}

/* see sig.h */
unsigned long
sig_ops(void)
{
	return ops;
}

/* see sig.h */
void
sig_cache_clear(void)
{
	memset(cache_used, 0, sizeof cache_used);
	cache_next = 0;
}

/* see sig.h */
int
sig_pss_encode(const br_hash_class *hash, const unsigned char *m_hash,
    const unsigned char *salt, unsigned char *em, size_t em_len,
    unsigned mod_bits)
{
	unsigned char *db;
	size_t hl;
	size_t db_len;
	int h;

	for (h = 0; h < H__N && hash_vt[h] != hash; h++) {
	}
	hl = h < H__N ? hash_len(h) : 0;
	/* emLen = ceil((modBits - 1) / 8): one byte less when modBits - 1
	 * is a multiple of 8, as in pss_check. */
	if (h == H__N || em_len < 2 * hl + 3 || (mod_bits + 7) / 8 != em_len) {
		return -1;
	}
	if ((mod_bits - 1) % 8 == 0) {
		*em++ = 0;
		em_len--;
	}
	db_len = em_len - hl - 1;
	db = em;
	/* H = Hash(8 zero bytes || mHash || salt), stored after DB. */
	memset(db, 0, 8);
	hash_bytes(h, db, 8, m_hash, hl, salt, hl, em + db_len);
	memset(db, 0, db_len - hl - 1);
	db[db_len - hl - 1] = 0x01;
	memcpy(db + db_len - hl, salt, hl);
	mgf1_xor(h, em + db_len, hl, db, db_len);
	db[0] &= (unsigned char)(0xff >> (8 * em_len - (mod_bits - 1)));
	em[em_len - 1] = 0xbc;
	return 0;
}
