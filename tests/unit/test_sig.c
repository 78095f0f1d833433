/* SPDX-License-Identifier: MIT */
/*
 * test_sig: sig_verify on self-signed certificates that the openssl CLI
 * made (tests/unit/data/mksig.sh): RSA PKCS#1 v1.5 with every hash,
 * RSA-PSS with several hashes, MGF1 hashes and salt lengths (and an
 * RSA-PSS key), ECDSA on P-256/384/521, and 50 random RSA-PSS
 * signatures, and Ed25519.  Each must verify with its own key and fail
 * with a flipped bit in the signed bytes or the signature, another key, a
 * key of the other type, and (PSS) another salt length.  Then malformed
 * algorithm identifiers, the cache, x509_cert's new fields, and
 * sig_verify_tls on a signature per SignatureScheme made by the openssl
 * CLI (tests/unit/data/mksigtls.sh), with TLS 1.3's rules.
 */
#include <stdlib.h>

#include "pem.h"
#include "sig.h"
#include "t.h"
#include "x509_cert.h"

#define FIX_DER_CAP 2048
#define FIX_MAX 96

struct fix {
	const char *file;		/* T_DATA name it came from */
	unsigned char der[FIX_DER_CAP];
	size_t len;
	struct x509_cert c;
	br_x509_pkey pk;
};

static struct fix fixes[FIX_MAX];	/* big: keep off the stack */
static size_t n_fixes;

static const unsigned char oid_pss[] = {
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a
};

/*
 * x509_cert reads no key out of an RSA-PSS SubjectPublicKeyInfo (it
 * reports it unsupported): its RSAPublicKey is the same as for RSA.
 */
static int
pss_key(struct fix *f)
{
	struct rd r;
	struct rd spki;
	struct rd bits;
	struct rd key;
	struct der_tlv n;
	struct der_tlv e;

	rd_init(&r, f->c.spki.p, f->c.spki.len);
	der_expect(&r, DER_SEQUENCE, &spki);
	der_expect(&spki, DER_SEQUENCE, NULL);
	der_expect(&spki, DER_BIT_STRING, &bits);
	rd_u8(&bits);
	der_expect(&bits, DER_SEQUENCE, &key);
	der_read(&key, &n);
	der_read(&key, &e);
	if (!rd_is_done(&key)) {
		return -1;
	}
	f->pk.key_type = BR_KEYTYPE_RSA;
	f->pk.key.rsa.n = (unsigned char *)(uintptr_t)n.val;
	f->pk.key.rsa.nlen = n.len;
	f->pk.key.rsa.e = (unsigned char *)(uintptr_t)e.val;
	f->pk.key.rsa.elen = e.len;
	return 0;
}

static int
add_cert(void *ctx, const unsigned char *der, size_t len, struct result *res)
{
	struct fix *f;

	(void)ctx;
	(void)res;
	if (n_fixes == FIX_MAX || len > FIX_DER_CAP) {
		return -1;
	}
	f = &fixes[n_fixes];
	memcpy(f->der, der, len);
	f->len = len;
	if (x509_cert_parse(f->der, len, &f->c) < 0) {
		return -1;
	}
	x509_cert_pkey(&f->c, &f->pk);
	if (der_oid_eq(f->c.key_oid.p, f->c.key_oid.len, oid_pss,
	    sizeof oid_pss) && pss_key(f) < 0) {
		return -1;
	}
	n_fixes++;
	return 0;
}

/* Loads every certificate of T_DATA name once; returns the first, or
 * NULL.  The others follow it in fixes[]. */
static struct fix *
load(const char *name)
{
	static unsigned char pem[256 * 1024];
	unsigned char tmp[FIX_DER_CAP];
	struct result res;
	char path[256];
	size_t len = 0;
	size_t first = n_fixes;
	size_t i;

	for (i = 0; i < n_fixes; i++) {
		if (strcmp(fixes[i].file, name) == 0) {
			return &fixes[i];
		}
	}
	memset(&res, 0, sizeof res);
	snprintf(path, sizeof path, T_DATA "%s", name);
	if (pem_file_read_buf(path, pem, sizeof pem, &len, &res) < 0 ||
	    pem_each_cert(pem, len, tmp, sizeof tmp, add_cert, NULL,
	    &res) <= 0) {
		t_report(0, __FILE__, __LINE__, path, "cannot load");
		return NULL;
	}
	for (i = first; i < n_fixes; i++) {
		fixes[i].file = name;
	}
	return &fixes[first];
}

static int
verify(const struct fix *f, const br_x509_pkey *pk)
{
	return sig_verify(pk, f->c.sig_alg.p, f->c.sig_alg.len, f->c.tbs.p,
	    f->c.tbs.len, f->c.sig_value.p, f->c.sig_value.len);
}

static bool
is_pss(const struct fix *f)
{
	return der_oid_eq(f->c.sig_oid.p, f->c.sig_oid.len, oid_pss,
	    sizeof oid_pss);
}

/*
 * Rebuilds f's RSA-PSS AlgorithmIdentifier with the salt length moved by
 * delta (the [2] field written even when it was the default 20, a
 * trailerField dropped), into out.  Returns the length, or 0.
 */
static size_t
pss_with_salt(const struct fix *f, int delta, unsigned char *out, size_t cap)
{
	unsigned char body[128];
	size_t k = 0;
	struct rd r;
	struct rd a;
	struct rd p;
	struct rd s;
	struct der_tlv t;
	struct der_tlv i;
	long salt = 20;

	rd_init(&r, f->c.sig_alg.p, f->c.sig_alg.len);
	der_expect(&r, DER_SEQUENCE, &a);
	der_expect(&a, DER_OID, NULL);
	der_expect(&a, DER_SEQUENCE, &p);
	while (!p.bad && p.left > 0) {
		der_read(&p, &t);
		if (t.tag == DER_CTX_CONS(2)) {
			rd_init(&s, t.val, t.len);
			der_read(&s, &i);
			for (salt = 0; i.len > 0; i.len--, i.val++) {
				salt = salt << 8 | *i.val;
			}
		} else if (t.tag != DER_CTX_CONS(3) &&
		    k + t.raw_len <= sizeof body) {
			memcpy(body + k, t.raw, t.raw_len);
			k += t.raw_len;
		}
	}
	/* Salt 0 has no "- 1": 2 is as wrong. */
	salt += salt + delta < 0 ? 2 : delta;
	if (p.bad || salt < 0 || salt > 0x7fff || k + 7 > sizeof body ||
	    k + 7 + 15 > cap) {
		return 0;
	}
	body[k++] = DER_CTX_CONS(2);
	body[k++] = salt < 128 ? 3 : 4;
	body[k++] = DER_INTEGER;
	body[k++] = salt < 128 ? 1 : 2;
	if (salt >= 128) {
		body[k++] = (unsigned char)(salt >> 8);
	}
	body[k++] = (unsigned char)salt;
	/* SEQUENCE { OID rsassaPss, SEQUENCE { body } }, short lengths. */
	out[0] = DER_SEQUENCE;
	out[1] = (unsigned char)(11 + 2 + k);
	out[2] = DER_OID;
	out[3] = sizeof oid_pss;
	memcpy(out + 4, oid_pss, sizeof oid_pss);
	out[13] = DER_SEQUENCE;
	out[14] = (unsigned char)k;
	memcpy(out + 15, body, k);
	return 15 + k;
}

/* Every check on one certificate; other: a key of the same type that did
 * not sign it, alien: a key of the other type. */
static void
check_fix(const char *name, const struct fix *f, const struct fix *other,
    const struct fix *alien)
{
	unsigned char tbs[FIX_DER_CAP];
	unsigned char sig[1024];
	unsigned char alg[256];
	size_t alg_len;

	CHECKF(verify(f, &f->pk) == SIG_OK, "%s: verifies", name);
	memcpy(tbs, f->c.tbs.p, f->c.tbs.len);
	tbs[f->c.tbs.len / 2] ^= 0x10;
	CHECKF(sig_verify(&f->pk, f->c.sig_alg.p, f->c.sig_alg.len, tbs,
	    f->c.tbs.len, f->c.sig_value.p, f->c.sig_value.len) == SIG_BAD,
	    "%s: flipped signed bit is bad", name);
	memcpy(sig, f->c.sig_value.p, f->c.sig_value.len);
	sig[f->c.sig_value.len - 1] ^= 0x01;
	CHECKF(sig_verify(&f->pk, f->c.sig_alg.p, f->c.sig_alg.len,
	    f->c.tbs.p, f->c.tbs.len, sig, f->c.sig_value.len) == SIG_BAD,
	    "%s: flipped signature bit is bad", name);
	CHECKF(verify(f, &other->pk) == SIG_BAD, "%s: other key is bad",
	    name);
	CHECKF(verify(f, &alien->pk) == SIG_UNSUPPORTED,
	    "%s: other key type is unsupported", name);
	if (!is_pss(f)) {
		return;
	}
	alg_len = pss_with_salt(f, 0, alg, sizeof alg);
	CHECKF(alg_len > 0 && sig_verify(&f->pk, alg, alg_len, f->c.tbs.p,
	    f->c.tbs.len, f->c.sig_value.p, f->c.sig_value.len) == SIG_OK,
	    "%s: explicit salt length verifies", name);
	alg_len = pss_with_salt(f, 1, alg, sizeof alg);
	CHECKF(alg_len > 0 && sig_verify(&f->pk, alg, alg_len, f->c.tbs.p,
	    f->c.tbs.len, f->c.sig_value.p, f->c.sig_value.len) == SIG_BAD,
	    "%s: salt length + 1 is bad", name);
	alg_len = pss_with_salt(f, -1, alg, sizeof alg);
	CHECKF(alg_len > 0 && sig_verify(&f->pk, alg, alg_len, f->c.tbs.p,
	    f->c.tbs.len, f->c.sig_value.p, f->c.sig_value.len) == SIG_BAD,
	    "%s: salt length - 1 is bad", name);
}

struct fix_case {
	const char *file;
	const char *other;		/* same key type, another key */
};

static const struct fix_case fix_cases[] = {
	{ "sig-rsa-sha1.pem", "sig-pss-r2049.pem" },
	{ "sig-rsa-sha224.pem", "sig-pss-r2049.pem" },
	{ "sig-rsa-sha256.pem", "sig-pss-r2049.pem" },
	{ "sig-rsa-sha384.pem", "sig-pss-key.pem" },
	{ "sig-rsa-sha512.pem", "sig-pss-r1031.pem" },
	{ "sig-pss-sha256-32.pem", "sig-pss-key.pem" },
	{ "sig-pss-sha256-digest.pem", "sig-pss-r2049.pem" },
	{ "sig-pss-sha384-max.pem", "sig-pss-r1031.pem" },
	{ "sig-pss-sha512-0.pem", "sig-pss-key.pem" },
	{ "sig-pss-sha1-20.pem", "sig-pss-key.pem" },
	{ "sig-pss-sha256-mgf1sha1.pem", "sig-pss-key.pem" },
	{ "sig-pss-key.pem", "sig-rsa-sha256.pem" },
	{ "sig-pss-r2049.pem", "sig-rsa-sha256.pem" },
	{ "sig-pss-r1031.pem", "sig-rsa-sha256.pem" },
	{ "sig-ec-p256-sha256.pem", "sig-ec-p384-sha384.pem" },
	{ "sig-ec-p256-sha1.pem", "ec-leaf.pem" },
	{ "sig-ec-p256-sha512.pem", "ec-int.pem" },
	{ "sig-ec-p384-sha384.pem", "sig-ec-p521-sha512.pem" },
	{ "sig-ec-p384-sha256.pem", "sig-ec-p256-sha256.pem" },
	{ "sig-ec-p521-sha512.pem", "sig-ec-p256-sha256.pem" },
	{ "sig-ec-p521-sha224.pem", "sig-ec-p384-sha384.pem" },
	{ "sig-tls-ed25519.pem", "ed25519-leaf.pem" },
};

static void
test_fixtures(void)
{
	const struct fix *rsa = load("sig-rsa-sha256.pem");
	const struct fix *ec = load("sig-ec-p256-sha256.pem");
	const struct fix *pss = load("sig-pss-key.pem");
	const struct fix *f;
	const struct fix *other;
	size_t i;
	size_t first;

	if (rsa == NULL || ec == NULL || pss == NULL) {
		return;
	}
	for (i = 0; i < sizeof fix_cases / sizeof fix_cases[0]; i++) {
		f = load(fix_cases[i].file);
		other = load(fix_cases[i].other);
		if (f == NULL || other == NULL) {
			continue;
		}
		check_fix(fix_cases[i].file, f, other,
		    f->pk.key_type == BR_KEYTYPE_RSA ? ec : rsa);
	}
	first = n_fixes;
	if (load("sig-pss-random.pem") == NULL) {
		return;
	}
	CHECK_INT(n_fixes - first, 50, "random PSS signatures loaded");
	for (i = first; i < n_fixes; i++) {
		char name[64];

		snprintf(name, sizeof name, "sig-pss-random.pem #%zu",
		    i - first);
		/* The RSA-PSS key signed none of them. */
		check_fix(name, &fixes[i], pss, ec);
	}
}

/* ---- algorithm identifiers ---------------------------------------------- */

static size_t
unhex(const char *s, unsigned char *out, size_t cap)
{
	size_t n = 0;
	unsigned v;

	while (s[0] != '\0' && s[1] != '\0' && n < cap) {
		if (s[0] == ' ') {
			s++;
			continue;
		}
		sscanf(s, "%2x", &v);
		out[n++] = (unsigned char)v;
		s += 2;
	}
	return n;
}

/* Pieces of the identifiers below, as hex. */
#define OID_PSS		"06092a864886f70d01010a"
#define SHA256_NULL	"300d0609608648016503040201 0500"
#define SHA256_BARE	"300b0609608648016503040201"
#define MGF1_SHA256	"301a06092a864886f70d010108" SHA256_NULL

struct alg_case {
	const char *fix;		/* whose key, tbs and signature */
	const char *alg_hex;
	int want;
};

static const struct alg_case alg_cases[] = {
	/* What openssl wrote for sig-pss-sha256-32, then variants: hash
	 * without NULL; [2] twice; trailerField 1 and 2; negative salt;
	 * salt with a needless zero byte (OpenSSL: illegal padding); salt
	 * above 2^32 - 1; salt 2^32 - 1 (longer than any key); fields out
	 * of order. */
	{ "sig-pss-sha256-32.pem", "3041" OID_PSS "3034 a00f" SHA256_NULL
	    "a11c" MGF1_SHA256 "a203020120", SIG_OK },
	{ "sig-pss-sha256-32.pem", "303f" OID_PSS "3032 a00d" SHA256_BARE
	    "a11c" MGF1_SHA256 "a203020120", SIG_OK },
	{ "sig-pss-sha256-32.pem", "3046" OID_PSS "3039 a00f" SHA256_NULL
	    "a11c" MGF1_SHA256 "a203020120 a203020101", SIG_UNSUPPORTED },
	{ "sig-pss-sha256-32.pem", "3046" OID_PSS "3039 a00f" SHA256_NULL
	    "a11c" MGF1_SHA256 "a203020120 a303020101", SIG_OK },
	{ "sig-pss-sha256-32.pem", "3046" OID_PSS "3039 a00f" SHA256_NULL
	    "a11c" MGF1_SHA256 "a203020120 a303020102", SIG_UNSUPPORTED },
	{ "sig-pss-sha256-32.pem", "3041" OID_PSS "3034 a00f" SHA256_NULL
	    "a11c" MGF1_SHA256 "a2030201ff", SIG_UNSUPPORTED },
	{ "sig-pss-sha256-32.pem", "3042" OID_PSS "3035 a00f" SHA256_NULL
	    "a11c" MGF1_SHA256 "a20402020020", SIG_UNSUPPORTED },
	{ "sig-pss-sha256-32.pem", "3046" OID_PSS "3039 a00f" SHA256_NULL
	    "a11c" MGF1_SHA256 "a208020600ffffffffff", SIG_UNSUPPORTED },
	{ "sig-pss-sha256-32.pem", "3045" OID_PSS "3038 a00f" SHA256_NULL
	    "a11c" MGF1_SHA256 "a207020500ffffffff", SIG_BAD },
	{ "sig-pss-sha256-32.pem", "3041" OID_PSS "3034 a203020120 a00f"
	    SHA256_NULL "a11c" MGF1_SHA256, SIG_UNSUPPORTED },
	/* MGF OID 1.2.840.113549.1.1.9, hash MD5, hash with parameters */
	{ "sig-pss-sha256-32.pem", "3041" OID_PSS "3034 a00f" SHA256_NULL
	    "a11c 301a06092a864886f70d010109" SHA256_NULL "a203020120",
	    SIG_UNSUPPORTED },
	{ "sig-pss-sha256-32.pem", "303e" OID_PSS "3031 a00c"
	    "300a06082a864886f70d0205" "a11c" MGF1_SHA256 "a203020120",
	    SIG_UNSUPPORTED },
	{ "sig-pss-sha256-32.pem", "3042" OID_PSS "3035 a010"
	    "300e0609608648016503040201020101" "a11c" MGF1_SHA256
	    "a203020120", SIG_UNSUPPORTED },
	{ "sig-pss-sha256-32.pem", "300b" OID_PSS, SIG_UNSUPPORTED },
	{ "sig-pss-sha256-32.pem", "300d" OID_PSS "0500", SIG_UNSUPPORTED },
	/* all defaults: SHA-1, salt 20, so sig-pss-sha1-20 verifies and a
	 * SHA-256 signature does not */
	{ "sig-pss-sha1-20.pem", "300d" OID_PSS "3000", SIG_OK },
	{ "sig-pss-sha256-32.pem", "300d" OID_PSS "3000", SIG_BAD },
	/* a byte after the parameters */
	{ "sig-pss-sha256-32.pem", "3042" OID_PSS "3034 a00f" SHA256_NULL
	    "a11c" MGF1_SHA256 "a203020120 00", SIG_UNSUPPORTED },
	/* sha256WithRSAEncryption: NULL, absent, other parameters */
	{ "sig-rsa-sha256.pem", "300d06092a864886f70d01010b0500", SIG_OK },
	{ "sig-rsa-sha256.pem", "300b06092a864886f70d01010b", SIG_OK },
	{ "sig-rsa-sha256.pem", "300e06092a864886f70d01010b020100",
	    SIG_UNSUPPORTED },
	{ "sig-rsa-sha256.pem", "300f06092a864886f70d01010b0500 0000",
	    SIG_UNSUPPORTED },
	/* md5WithRSAEncryption, sha256 with the ECDSA key's signature */
	{ "sig-rsa-sha256.pem", "300d06092a864886f70d0101040500",
	    SIG_UNSUPPORTED },
	{ "sig-rsa-sha256.pem", "", SIG_UNSUPPORTED },
	/* Ed25519: parameters absent (RFC 8410 3), not NULL */
	{ "sig-tls-ed25519.pem", "300506032b6570", SIG_OK },
	{ "sig-tls-ed25519.pem", "300706032b65700500", SIG_UNSUPPORTED },
	{ "sig-tls-ed25519.pem", "300506032b6571", SIG_UNSUPPORTED },
	{ "sig-rsa-sha256.pem", "30", SIG_UNSUPPORTED },
	{ "sig-rsa-sha256.pem", "300d06092a864886f70d01010b0500 00",
	    SIG_UNSUPPORTED },
	/* ecdsa-with-SHA256: absent, NULL, ecdsa-with-SHA512 on a SHA-256
	 * signature, 4.3.5 and 4.2 unknown */
	{ "sig-ec-p256-sha256.pem", "300a06082a8648ce3d040302", SIG_OK },
	{ "sig-ec-p256-sha256.pem", "300c06082a8648ce3d0403020500", SIG_OK },
	{ "sig-ec-p256-sha256.pem", "300a06082a8648ce3d040304", SIG_BAD },
	{ "sig-ec-p256-sha256.pem", "300a06082a8648ce3d040305",
	    SIG_UNSUPPORTED },
	{ "sig-ec-p256-sha256.pem", "300906072a8648ce3d0402",
	    SIG_UNSUPPORTED },
	{ "sig-ec-p256-sha256.pem", "300d06092a864886f70d01010b0500",
	    SIG_UNSUPPORTED },
};

static void
test_algs(void)
{
	unsigned char alg[256];
	const struct alg_case *ac;
	const struct fix *f;
	size_t len;
	size_t i;

	for (i = 0; i < sizeof alg_cases / sizeof alg_cases[0]; i++) {
		ac = &alg_cases[i];
		if ((f = load(ac->fix)) == NULL) {
			continue;
		}
		len = unhex(ac->alg_hex, alg, sizeof alg);
		CHECKF(sig_verify(&f->pk, alg, len, f->c.tbs.p, f->c.tbs.len,
		    f->c.sig_value.p, f->c.sig_value.len) == ac->want,
		    "alg %zu (%s) gives %d", i, ac->alg_hex, ac->want);
	}
}

/* Keys sig_verify cannot use: an unsupported curve, an empty or even
 * modulus, a key type 0; signatures of the wrong size. */
static void
test_keys(void)
{
	const struct fix *rsa = load("sig-rsa-sha256.pem");
	const struct fix *pss = load("sig-pss-sha256-32.pem");
	const struct fix *ec = load("sig-ec-p256-sha256.pem");
	unsigned char sig[1024];
	unsigned char n[600];
	br_x509_pkey pk;

	if (rsa == NULL || pss == NULL || ec == NULL) {
		return;
	}
	pk = ec->pk;
	pk.key.ec.curve = BR_EC_secp256k1;
	CHECK(verify(ec, &pk) == SIG_UNSUPPORTED);
	pk.key.ec.curve = BR_EC_curve25519;
	CHECK(verify(ec, &pk) == SIG_UNSUPPORTED);
	pk = rsa->pk;
	pk.key_type = 0;
	CHECK(verify(rsa, &pk) == SIG_UNSUPPORTED);
	pk.key_type = BR_KEYTYPE_RSA;
	pk.key.rsa.nlen = 0;
	CHECK(verify(rsa, &pk) == SIG_UNSUPPORTED);
	memcpy(n, rsa->pk.key.rsa.n, rsa->pk.key.rsa.nlen);
	n[rsa->pk.key.rsa.nlen - 1] ^= 1;
	pk.key.rsa.n = n;
	pk.key.rsa.nlen = rsa->pk.key.rsa.nlen;
	CHECK(verify(rsa, &pk) == SIG_UNSUPPORTED);
	memset(n, 0xff, sizeof n);
	pk.key.rsa.nlen = 513;
	CHECK(verify(rsa, &pk) == SIG_UNSUPPORTED);
	/* Leading zeros in the modulus are not part of its length. */
	memset(n, 0, 3);
	memcpy(n + 3, rsa->pk.key.rsa.n, rsa->pk.key.rsa.nlen);
	pk.key.rsa.nlen = rsa->pk.key.rsa.nlen + 3;
	CHECK(verify(rsa, &pk) == SIG_OK);
	memcpy(n + 3, pss->pk.key.rsa.n, pss->pk.key.rsa.nlen);
	CHECK(verify(pss, &pk) == SIG_OK);

	/* PKCS#1 wants exactly the modulus length; PSS takes a shorter
	 * number as OpenSSL does, but never a longer one. */
	sig[0] = 0;
	memcpy(sig + 1, rsa->c.sig_value.p, rsa->c.sig_value.len);
	CHECK(sig_verify(&rsa->pk, rsa->c.sig_alg.p, rsa->c.sig_alg.len,
	    rsa->c.tbs.p, rsa->c.tbs.len, sig, rsa->c.sig_value.len + 1) ==
	    SIG_BAD);
	memcpy(sig + 1, pss->c.sig_value.p, pss->c.sig_value.len);
	CHECK(sig_verify(&pss->pk, pss->c.sig_alg.p, pss->c.sig_alg.len,
	    pss->c.tbs.p, pss->c.tbs.len, sig, pss->c.sig_value.len + 1) ==
	    SIG_BAD);
	CHECK(sig_verify(&pss->pk, pss->c.sig_alg.p, pss->c.sig_alg.len,
	    pss->c.tbs.p, pss->c.tbs.len, sig, 0) == SIG_BAD);
	CHECK(sig_verify(&rsa->pk, rsa->c.sig_alg.p, rsa->c.sig_alg.len,
	    rsa->c.tbs.p, rsa->c.tbs.len, sig, 0) == SIG_BAD);
	CHECK(sig_verify(&ec->pk, ec->c.sig_alg.p, ec->c.sig_alg.len,
	    ec->c.tbs.p, ec->c.tbs.len, sig, 0) == SIG_BAD);
}

/* A PSS signature whose number has a leading zero byte (one in 256 do)
 * verifies from its shortened form, as in OpenSSL. */
static void
test_pss_short(void)
{
	const struct fix *f = load("sig-pss-short.pem");

	if (f == NULL) {
		return;
	}
	CHECK(f->c.sig_value.len == 256 && f->c.sig_value.p[0] == 0);
	CHECK(verify(f, &f->pk) == SIG_OK);
	CHECK(sig_verify(&f->pk, f->c.sig_alg.p, f->c.sig_alg.len, f->c.tbs.p,
	    f->c.tbs.len, f->c.sig_value.p + 1, f->c.sig_value.len - 1) ==
	    SIG_OK);
}

/* ---- the cache ----------------------------------------------------------- */

static void
test_cache(void)
{
	const struct fix *rsa = load("sig-rsa-sha256.pem");
	const struct fix *ec = load("sig-ec-p256-sha256.pem");
	const struct fix *rnd = load("sig-pss-random.pem");
	unsigned char sig[1024];
	unsigned char tbs[4096];
	unsigned long ops;
	size_t i;

	if (rsa == NULL || ec == NULL || rnd == NULL ||
	    rsa->c.tbs.len > sizeof tbs) {
		return;
	}
	sig_cache_clear();
	ops = sig_ops();
	CHECK(verify(rsa, &rsa->pk) == SIG_OK);
	CHECK(verify(rsa, &rsa->pk) == SIG_OK);
	CHECK_INT(sig_ops() - ops, 1, "two verifications, one operation");
	CHECK(verify(ec, &ec->pk) == SIG_OK);
	CHECK(verify(ec, &ec->pk) == SIG_OK);
	CHECK_INT(sig_ops() - ops, 2, "EC: one more");
	/* Failures are not remembered, and a change is a miss. */
	memcpy(sig, rsa->c.sig_value.p, rsa->c.sig_value.len);
	sig[0] ^= 0x80;
	for (i = 0; i < 2; i++) {
		CHECK(sig_verify(&rsa->pk, rsa->c.sig_alg.p,
		    rsa->c.sig_alg.len, rsa->c.tbs.p, rsa->c.tbs.len, sig,
		    rsa->c.sig_value.len) == SIG_BAD);
	}
	CHECK_INT(sig_ops() - ops, 4, "failures cost each time");
	/* Other signed bytes under a cached signature: a miss (the key is
	 * their hash), and bad. */
	memcpy(tbs, rsa->c.tbs.p, rsa->c.tbs.len);
	tbs[rsa->c.tbs.len - 1] ^= 1;
	CHECK(sig_verify(&rsa->pk, rsa->c.sig_alg.p, rsa->c.sig_alg.len, tbs,
	    rsa->c.tbs.len, rsa->c.sig_value.p,
	    rsa->c.sig_value.len) == SIG_BAD);
	CHECK_INT(sig_ops() - ops, 5, "changed signed bytes miss the cache");
	ops++;		/* the counts below leave that one out */
	/* Unsupported never reaches the key. */
	CHECK(verify(rsa, &ec->pk) == SIG_UNSUPPORTED);
	CHECK_INT(sig_ops() - ops, 4, "unsupported costs nothing");
	sig_cache_clear();
	CHECK(verify(rsa, &rsa->pk) == SIG_OK);
	CHECK_INT(sig_ops() - ops, 5, "cleared cache misses");

	/* 40 more successes: round robin drops the oldest first. */
	for (i = 0; i < 40; i++) {
		CHECK(verify(&rnd[i], &rnd[i].pk) == SIG_OK);
	}
	ops = sig_ops();
	CHECK(verify(&rnd[39], &rnd[39].pk) == SIG_OK);
	CHECK(verify(&rnd[8], &rnd[8].pk) == SIG_OK);
	CHECK_INT(sig_ops() - ops, 0, "the last 32 are still there");
	CHECK(verify(rsa, &rsa->pk) == SIG_OK);
	CHECK(verify(&rnd[0], &rnd[0].pk) == SIG_OK);
	CHECK_INT(sig_ops() - ops, 2, "the oldest were dropped");
}

/* ---- a digest given: sig_digest, sig_verify_digest ---------------------- */

static int
verify_digest(const struct fix *f, const unsigned char *d, size_t d_len)
{
	return sig_verify_digest(&f->pk, f->c.sig_alg.p, f->c.sig_alg.len,
	    f->c.tbs.p, f->c.tbs.len, d, d_len, f->c.sig_value.p,
	    f->c.sig_value.len);
}

static void
test_digest(void)
{
	static const char *const files[] = {
		"sig-rsa-sha256.pem", "sig-ec-p256-sha256.pem",
		"sig-pss-key.pem"
	};
	const struct fix *f;
	unsigned char d[64];
	size_t d_len;
	size_t i;

	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		if ((f = load(files[i])) == NULL) {
			continue;
		}
		sig_cache_clear();
		d_len = sig_digest(f->c.sig_alg.p, f->c.sig_alg.len,
		    f->c.tbs.p, f->c.tbs.len, d);
		CHECKF(d_len == sig_hash_bits(f->c.sig_alg.p,
		    f->c.sig_alg.len) / 8, "%s: digest length %zu", files[i],
		    d_len);
		CHECKF(verify_digest(f, d, d_len) == SIG_OK, "%s: its digest "
		    "verifies", files[i]);
		CHECKF(verify_digest(f, NULL, 0) == SIG_OK, "%s: NULL hashes "
		    "here", files[i]);
		/* The digest is what is checked, not the bytes beside it. */
		sig_cache_clear();
		d[0] ^= 1;
		CHECKF(verify_digest(f, d, d_len) == SIG_BAD, "%s: another "
		    "digest is bad", files[i]);
		CHECKF(verify_digest(f, d, d_len - 1) == SIG_UNSUPPORTED,
		    "%s: a digest of another length", files[i]);
	}
	/* Ed25519 signs the message: no digest, and one given is not
	 * used. */
	if ((f = load("sig-tls-ed25519.pem")) != NULL) {
		CHECK(sig_digest(f->c.sig_alg.p, f->c.sig_alg.len, f->c.tbs.p,
		    f->c.tbs.len, d) == 0);
		memset(d, 0, sizeof d);
		CHECK(verify_digest(f, d, 32) == SIG_OK);
	}
}

/* ---- x509_cert's signature fields ---------------------------------------- */

static void
test_cert_fields(void)
{
	struct fix *f = load("sig-rsa-sha256.pem");
	static unsigned char der[FIX_DER_CAP];
	struct x509_cert c;
	char why[96];
	size_t at;

	if (f == NULL) {
		return;
	}
	CHECK(f->c.tbs.p == f->der + 4);
	CHECK(f->c.sig_alg.p == f->c.tbs.p + f->c.tbs.len);
	CHECK_INT(f->c.sig_alg.len, 15, "sig_alg is the whole TLV");
	CHECK_INT(f->c.sig_value.len, 256, "sig_value skips unused bits");
	CHECK(f->c.sig_value.p + f->c.sig_value.len == f->der + f->len);
	at = (size_t)(f->c.sig_value.p - f->der) - 1;
	memcpy(der, f->der, f->len);
	CHECK(x509_cert_parse(der, f->len, &c) == 0);
	der[at] = 1;
	CHECK(x509_cert_parse(der, f->len, &c) < 0);
	CHECK(f->pk.key_type == BR_KEYTYPE_RSA);
	CHECK(f->pk.key.rsa.n == f->c.rsa_n.p);
	CHECK(f->pk.key.rsa.elen == f->c.rsa_e.len);
	CHECK(!f->c.is_rsa_pss_key);
	if ((f = load("sig-tls-pss.pem")) != NULL) {
		CHECK(f->c.key_type == BR_KEYTYPE_RSA && f->c.is_rsa_pss_key);
	}
	if ((f = load("sig-tls-ed25519.pem")) != NULL) {
		CHECK(f->c.key_type == X509_KEYTYPE_ED25519);
		CHECK(f->c.ed_key.len == 32 && f->pk.key.ec.qlen == 32);
		CHECK(x509_cert_supported(&f->c, X509_CHECK_KEY |
		    X509_CHECK_SIG, NULL, 0) == 0);
		CHECK(x509_cert_sig_key_type(&f->c) == X509_KEYTYPE_ED25519);
		CHECK(sig_hash_bits(f->c.sig_alg.p, f->c.sig_alg.len) == 512);
	}
	if ((f = load("ed448-leaf.pem")) != NULL) {
		CHECK(x509_cert_supported(&f->c, X509_CHECK_KEY, why,
		    sizeof why) < 0);
		CHECK_STR(why, "public key algorithm Ed448", "Ed448 key");
		CHECK(x509_cert_supported(&f->c, X509_CHECK_SIG, why,
		    sizeof why) < 0);
		CHECK_STR(why, "signature algorithm Ed448", "Ed448 signature");
	}
}

/* ---- sig_verify_tls ------------------------------------------------------ */

/* One line of sig-tls.txt (tests/unit/data/mksigtls.sh). */
struct tls_case {
	const struct fix *f;
	unsigned scheme;
	unsigned char data[512];
	size_t len;
	unsigned char sig[600];
	size_t sig_len;
};

/* What TLS 1.3 says of scheme with f's key: PKCS#1 and SHA-1 refused,
 * the ECDSA curve bound. */
static int
want13(const struct tls_case *tc)
{
	unsigned s = tc->scheme;

	if (s == 0 || (s & 0xff) == 0x01 || s == 0x0203) {
		return SIG_BAD;
	}
	if ((s & 0xff) == 0x03) {
		return tc->f->pk.key.ec.curve == (s == 0x0403 ?
		    BR_EC_secp256r1 : s == 0x0503 ? BR_EC_secp384r1 :
		    BR_EC_secp521r1) ? SIG_OK : SIG_BAD;
	}
	return SIG_OK;
}

static int
vtls(const struct fix *f, unsigned scheme, bool is13,
    const struct tls_case *tc)
{
	return sig_verify_tls(&f->c, scheme, is13, tc->data, tc->len, tc->sig,
	    tc->sig_len);
}

static void
test_tls(void)
{
	static char line[4096];
	static struct tls_case tc;
	const struct fix *rsa = load("sig-tls-rsa.pem");
	const struct fix *pss = load("sig-tls-pss.pem");
	const struct fix *p256 = load("sig-tls-p256.pem");
	const struct fix *ed = load("sig-tls-ed25519.pem");
	/* load() keeps the name it was given: string literals only. */
	const struct fix *p384 = load("sig-tls-p384.pem");
	const struct fix *p521 = load("sig-tls-p521.pem");
	const struct fix *other;
	char file[64];
	char data[1200];
	char sig[1300];
	FILE *in = fopen(T_DATA "sig-tls.txt", "r");
	unsigned n = 0;

	if (in == NULL || rsa == NULL || pss == NULL || p256 == NULL ||
	    ed == NULL || p384 == NULL || p521 == NULL) {
		CHECK(!"sig-tls fixtures");
		if (in != NULL) {
			fclose(in);
		}
		return;
	}
	while (fgets(line, sizeof line, in) != NULL) {
		if (sscanf(line, "%63s %x %1199s %1299s", file, &tc.scheme,
		    data, sig) != 4 || (tc.f = load(file)) == NULL) {
			CHECKF(0, "sig-tls.txt line %u", n + 1);
			continue;
		}
		n++;
		tc.len = unhex(data, tc.data, sizeof tc.data);
		tc.sig_len = unhex(sig, tc.sig, sizeof tc.sig);
		CHECKF(vtls(tc.f, tc.scheme, false, &tc) == SIG_OK,
		    "%s %04x: verifies in TLS 1.2", file, tc.scheme);
		CHECKF(vtls(tc.f, tc.scheme, true, &tc) == want13(&tc),
		    "%s %04x: TLS 1.3 says %d", file, tc.scheme, want13(&tc));
		tc.data[tc.len / 2] ^= 0x08;
		CHECKF(vtls(tc.f, tc.scheme, false, &tc) == SIG_BAD,
		    "%s %04x: flipped data bit", file, tc.scheme);
		tc.data[tc.len / 2] ^= 0x08;
		tc.sig[tc.sig_len - 2] ^= 0x40;
		CHECKF(vtls(tc.f, tc.scheme, false, &tc) == SIG_BAD,
		    "%s %04x: flipped signature bit", file, tc.scheme);
		tc.sig[tc.sig_len - 2] ^= 0x40;
		CHECKF(vtls(tc.f, tc.scheme, false, &tc) == SIG_OK,
		    "%s %04x: verifies again", file, tc.scheme);
		/* The same signature under another key: a key of the type
		 * with another value, or (RSA) of the other RSA kind. */
		other = tc.f == rsa ? pss : tc.f == pss ? rsa :
		    tc.f == ed ? p256 : ed;
		CHECKF(vtls(other, tc.scheme, false, &tc) == SIG_BAD,
		    "%s %04x: wrong key", file, tc.scheme);
		if (tc.scheme >= 0x0401 && tc.scheme <= 0x0601) {
			CHECKF(vtls(tc.f, tc.scheme + 0x100 > 0x0601 ? 0x0401 :
			    tc.scheme + 0x100, false, &tc) == SIG_BAD,
			    "%s %04x: another hash", file, tc.scheme);
		}
		if (tc.scheme >= 0x0804 && tc.scheme <= 0x0806) {
			CHECKF(vtls(tc.f, tc.scheme + 5, false, &tc) ==
			    SIG_BAD,
			    "%s %04x: as rsa_pss_pss", file, tc.scheme);
		}
		if (tc.scheme == 0x0807) {
			tc.sig_len--;
			CHECKF(vtls(tc.f, tc.scheme, false, &tc) == SIG_BAD,
			    "%s: 63-byte Ed25519 signature", file);
			CHECKF(vtls(tc.f, 0x0808, false, &tc) == SIG_BAD,
			    "%s: ed448 scheme", file);
		}
	}
	fclose(in);
	CHECK_INT(n, 19, "sig-tls.txt cases");
}

int
main(void)
{
	test_fixtures();
	test_algs();
	test_keys();
	test_pss_short();
	test_cache();
	test_digest();
	test_cert_fields();
	test_tls();
	return t_exit();
}
