/* SPDX-License-Identifier: MIT */
/*
 * libcrypto_diff: our public-key fast paths against OpenSSL's libcrypto
 * (the library under the openssl CLI and libpq), on many random inputs:
 *   rsa        rsa_pub's x^e mod n against BN_mod_exp: random odd moduli
 *              of 1 to 1024 bytes (the usual sizes often, all-ones and
 *              top-bit-per-limb moduli), e of 3, 65537 or random, x of 0,
 *              1, n-2, n-1, n (refused) or random;
 *   p256-mulgen, p256-mul
 *              ec_p256's constant-time k G and k P against EC_POINT_mul,
 *              full-length, short and sparse scalars, P a random point
 *              or, now and then, one with a bit flipped (refused unless
 *              libcrypto can decode it);
 *   ecdsa-p256, ecdsa-p384, ecdsa-p521
 *              ecdsa_vrfy_raw against ECDSA_do_verify: libcrypto's keys
 *              and signatures over random hashes of 1 to 67 bytes, valid,
 *              with a bit flipped in r or s, the hash or the key (a key
 *              libcrypto cannot decode must be refused), random r and s.
 *   x25519     x25519.c's mul (through ec_p256_impl(), as ccheck calls
 *              it) against EVP_PKEY_derive and its mulgen against the
 *              public key libcrypto derives: scalars mostly of 32 bytes,
 *              short ones zero-extended; u random with any top bit, small
 *              (0 to 255) or near p (p - 20 to p + 19); an all-zero result
 *              (small order) is where libcrypto's derive fails.
 * Each comparison is one case.  LIBCRYPTO_DIFF_N cases per operation
 * (default 2000), LIBCRYPTO_DIFF_SEED, LIBCRYPTO_DIFF_OPS (a comma list of
 * the names above; default all).  Prints one t.h line per operation.
 * Built on the host against glibc and libcrypto (make check-crypto, make
 * check runs it as tests/integ/69-libcrypto-diff.sh).
 */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>

#include "ec_p256.h"
#include "ecdsa_vrfy.h"
#include "rsa_pub.h"
#include "t.h"

static long count;
static long differ;

static void
mismatch(const char *op, long i, const char *what)
{
	if (++differ <= 5) {
		fprintf(stderr, "# %s case %ld: %s\n", op, i, what);
	}
}

/* BN to big-endian bytes, left-padded to len. */
static void
bn_out(const BIGNUM *b, unsigned char *out, size_t len)
{
	if (BN_bn2binpad(b, out, (int)len) < 0) {
		abort();
	}
}

/* ---- RSA ---------------------------------------------------------------- */

static size_t
rsa_modulus(unsigned char *n)
{
	size_t nlen, j;

	switch (t_next() % 4) {
	case 0: nlen = 1 + t_next() % 24; break;
	case 1: nlen = (size_t[]){ 128, 256, 384, 512 }[t_next() % 4]; break;
	case 2: nlen = t_next() % 64 ? 1 + t_next() % 512 : 513 + t_next() % 512;
		break;
	default: nlen = 256; break;
	}
	t_fill(n, nlen);
	switch (t_next() % 8) {
	case 0:
		memset(n, 0xff, nlen);
		break;
	case 1:
		for (j = 8; j <= nlen; j += 8) {
			n[nlen - j] |= 0x80;	/* each limb's top bit */
		}
		break;
	default:
		break;
	}
	n[0] |= t_next() % 2 ? 0x80 : 1;
	n[nlen - 1] |= 1;
	if (nlen == 1 && n[0] == 1) {
		n[0] = 3;
	}
	return nlen;
}

static void
diff_rsa(BN_CTX *ctx, int unused)
{
	static unsigned char e3[] = { 3 }, e65537[] = { 1, 0, 1 };
	unsigned char n[RSA_PUB_MAX_LEN], e[RSA_PUB_MAX_LEN];
	unsigned char x[RSA_PUB_MAX_LEN], want[RSA_PUB_MAX_LEN];
	BIGNUM *bn = BN_new(), *be = BN_new(), *bx = BN_new(), *br = BN_new();
	br_rsa_public_key pk;
	size_t nlen;
	long i;
	int over;

	(void)unused;
	for (i = 0; i < count; i++) {
		nlen = rsa_modulus(n);
		pk.n = n;
		pk.nlen = nlen;
		switch (t_next() % 4) {
		case 0: pk.e = e3; pk.elen = 1; break;
		case 1: pk.e = e65537; pk.elen = 3; break;
		default:
			/* Long exponents on short moduli only: time. */
			pk.elen = 1 + t_next() % (nlen <= 64 && t_next() % 8 == 0 ?
			    nlen : 4);
			t_fill(e, pk.elen);
			pk.e = e;
			break;
		}
		t_fill(x, nlen);
		switch (t_next() % 8) {
		case 0: memset(x, 0, nlen); break;
		case 1: memset(x, 0, nlen); x[nlen - 1] = 1; break;
		case 2: memcpy(x, n, nlen); x[nlen - 1]--; break;
		case 3: memcpy(x, n, nlen); break;
		case 4: memcpy(x, n, nlen); x[nlen - 1] -= 2; break;
		default: x[0] &= n[0]; break;
		}
		BN_bin2bn(n, (int)nlen, bn);
		BN_bin2bn(pk.e, (int)pk.elen, be);
		BN_bin2bn(x, (int)nlen, bx);
		over = BN_cmp(bx, bn) >= 0;
		if (!over) {
			BN_mod_exp(br, bx, be, bn, ctx);
			bn_out(br, want, nlen);
		}
		if (rsa_pub(x, nlen, &pk) != !over) {
			mismatch("rsa", i, over ? "x >= n accepted" :
			    "refused");
		} else if (!over && memcmp(x, want, nlen) != 0) {
			mismatch("rsa", i, "x^e mod n differs");
		}
	}
	BN_free(bn);
	BN_free(be);
	BN_free(bx);
	BN_free(br);
}

/* ---- P-256 scalar multiplication ------------------------------------------ */

/* A scalar below n: full length mostly, short or sparse now and then. */
static size_t
p256_scalar(unsigned char *k)
{
	size_t klen = t_next() % 8 ? 32 : 1 + t_next() % 32;

	t_fill(k, klen);
	if (t_next() % 8 == 0) {
		memset(k, 0, klen);
		k[t_next() % klen] = (unsigned char)(1u << t_next() % 8);
	}
	if (klen == 32) {
		k[0] &= 0x7f;
	}
	return klen;
}

static int
point_out(const EC_GROUP *g, const EC_POINT *p, unsigned char *out,
    BN_CTX *ctx)
{
	if (EC_POINT_is_at_infinity(g, p)) {
		memset(out, 0, 65);
		out[0] = 4;
		return 1;
	}
	return EC_POINT_point2oct(g, p, POINT_CONVERSION_UNCOMPRESSED, out,
	    65, ctx) == 65;
}

static void
diff_p256(BN_CTX *ctx, int gen)
{
	const br_ec_impl *ours = ec_p256_impl();
	EC_GROUP *g = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
	EC_POINT *p = EC_POINT_new(g), *r = EC_POINT_new(g);
	BIGNUM *bk = BN_new(), *bk2 = BN_new();
	unsigned char k[32], k2[32], pt[65], got[65], want[65];
	const char *op = gen ? "p256-mulgen" : "p256-mul";
	size_t klen;
	long i;

	for (i = 0; i < count; i++) {
		klen = p256_scalar(k);
		BN_bin2bn(k, (int)klen, bk);
		if (gen) {
			EC_POINT_mul(g, r, bk, NULL, NULL, ctx);
			ours->mulgen(got, k, klen, BR_EC_secp256r1);
		} else {
			t_fill(k2, 32);
			k2[0] &= 0x7f;
			BN_bin2bn(k2, 32, bk2);
			EC_POINT_mul(g, p, bk2, NULL, NULL, ctx);
			point_out(g, p, pt, ctx);
			if (t_next() % 16 == 0) {
				pt[1 + t_next() % 64] ^= 1u << t_next() % 8;
			}
			memcpy(got, pt, 65);
			if (EC_POINT_oct2point(g, p, pt, 65, ctx) != 1) {
				if (ours->mul(got, 65, k, klen,
				    BR_EC_secp256r1) != 0) {
					mismatch(op, i, "a bad point taken");
				}
				continue;
			}
			EC_POINT_mul(g, r, NULL, p, bk, ctx);
			if (ours->mul(got, 65, k, klen, BR_EC_secp256r1) != 1) {
				mismatch(op, i, "a good point refused");
				continue;
			}
		}
		point_out(g, r, want, ctx);
		if (memcmp(got, want, 65) != 0) {
			mismatch(op, i, "point differs");
		}
	}
	BN_free(bk);
	BN_free(bk2);
	EC_POINT_free(p);
	EC_POINT_free(r);
	EC_GROUP_free(g);
}

/* ---- ECDSA verification ------------------------------------------------- */

struct curve {
	const char *op;
	int nid;
	int br;
	size_t len;			/* bytes of n and of a coordinate */
};

static const struct curve curves[3] = {
	{ "ecdsa-p256", NID_X9_62_prime256v1, BR_EC_secp256r1, 32 },
	{ "ecdsa-p384", NID_secp384r1, BR_EC_secp384r1, 48 },
	{ "ecdsa-p521", NID_secp521r1, BR_EC_secp521r1, 66 },
};

/* libcrypto's verdict on the raw inputs: a key it cannot decode (off the
 * curve, a coordinate >= p) or r, s out of [1, n-1] is a refusal. */
static int
ref_verify(const struct curve *cv, EC_KEY *key, const unsigned char *q,
    size_t qlen, const unsigned char *h, size_t hlen,
    const unsigned char *sig, BN_CTX *ctx)
{
	const EC_GROUP *g = EC_KEY_get0_group(key);
	EC_POINT *pt = EC_POINT_new(g);
	ECDSA_SIG *s = ECDSA_SIG_new();
	int ok = 0;

	if (q[0] == 4 && EC_POINT_oct2point(g, pt, q, qlen, ctx) == 1 &&
	    EC_KEY_set_public_key(key, pt) == 1) {
		ECDSA_SIG_set0(s, BN_bin2bn(sig, (int)cv->len, NULL),
		    BN_bin2bn(sig + cv->len, (int)cv->len, NULL));
		ok = ECDSA_do_verify(h, (int)hlen, s, key) == 1;
	}
	ECDSA_SIG_free(s);
	EC_POINT_free(pt);
	return ok;
}

/* r or s of 0, 1, n-1, n, n+1 or all ones (len bytes). */
static void
edge(unsigned char *out, size_t len, const BIGNUM *n)
{
	BIGNUM *b = BN_dup(n);
	int d = (int)(t_next() % 6);

	if (d < 2) {
		BN_set_word(b, (BN_ULONG)d);
	} else if (d < 5) {
		BN_add_word(b, 1);
		BN_sub_word(b, (BN_ULONG)(4 - d));	/* n-1, n, n+1 */
	}
	if (d == 5) {
		memset(out, 0xff, len);
	} else {
		bn_out(b, out, len);
	}
	BN_free(b);
}

static void
diff_ecdsa(BN_CTX *ctx, int ci)
{
	const struct curve *cv = &curves[ci];
	EC_KEY *key = NULL, *vk = EC_KEY_new_by_curve_name(cv->nid);
	unsigned char q[133], q2[133], h[67], h2[67], sig[132], bad[132];
	size_t qlen = 1 + 2 * cv->len, hlen = 1;
	br_ec_public_key pk2 = { cv->br, q2, qlen };
	const BIGNUM *n = EC_GROUP_get0_order(EC_KEY_get0_group(vk));
	long i, valid = 0, signed_n = 0;
	int kind, want, got;

	for (i = 0; i < count; i++) {
		kind = (int)(i % 6);
		if (kind == 0) {
			if (i % 48 == 0) {
				EC_KEY_free(key);
				key = EC_KEY_new_by_curve_name(cv->nid);
				EC_KEY_generate_key(key);
				EC_POINT_point2oct(EC_KEY_get0_group(key),
				    EC_KEY_get0_public_key(key),
				    POINT_CONVERSION_UNCOMPRESSED, q, qlen,
				    ctx);
			}
			hlen = 1 + t_next() % 67;
			t_fill(h, hlen);
			ECDSA_SIG *s = ECDSA_do_sign(h, (int)hlen, key);
			bn_out(ECDSA_SIG_get0_r(s), sig, cv->len);
			bn_out(ECDSA_SIG_get0_s(s), sig + cv->len, cv->len);
			ECDSA_SIG_free(s);
			signed_n++;
		}
		memcpy(bad, sig, 2 * cv->len);
		memcpy(h2, h, hlen);
		memcpy(q2, q, qlen);
		switch (kind) {
		case 0: break;
		case 1: bad[t_next() % (2 * cv->len)] ^= 1u << t_next() % 8; break;
		case 2: h2[t_next() % hlen] ^= 1u << t_next() % 8; break;
		case 3: q2[1 + t_next() % (qlen - 1)] ^= 1u << t_next() % 8; break;
		case 4: t_fill(bad, 2 * cv->len); break;
		default:
			edge(bad + (t_next() % 2) * cv->len, cv->len, n);
			break;
		}
		want = ref_verify(cv, vk, q2, qlen, h2, hlen, bad, ctx);
		got = (int)ecdsa_vrfy_raw(NULL, h2, hlen, &pk2, bad,
		    2 * cv->len);
		valid += kind == 0 && got == 1;
		if (got != want) {
			mismatch(cv->op, i, want ? "refused" : "accepted");
		}
	}
	if (signed_n != valid) {
		mismatch(cv->op, 0, "a valid signature refused");
	}
	EC_KEY_free(key);
	EC_KEY_free(vk);
}

/* ---- X25519 ---------------------------------------------------------- */

/* libcrypto's X25519(k, u) into out; 0 when its derive refuses (a
 * small-order u: the result would be all zeros). */
static int
ref_x25519(unsigned char *out, const unsigned char *k, const unsigned char *u)
{
	EVP_PKEY *sk = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, k,
	    32);
	EVP_PKEY *pk = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL, u,
	    32);
	EVP_PKEY_CTX *ctx = sk != NULL ? EVP_PKEY_CTX_new(sk, NULL) : NULL;
	size_t len = 32;
	int ok;

	if (ctx == NULL || pk == NULL) {
		abort();
	}
	ok = EVP_PKEY_derive_init(ctx) == 1 &&
	    EVP_PKEY_derive_set_peer(ctx, pk) == 1 &&
	    EVP_PKEY_derive(ctx, out, &len) == 1 && len == 32;
	ERR_clear_error();
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(pk);
	EVP_PKEY_free(sk);
	return ok;
}

static void
diff_x25519(BN_CTX *unused, int unused2)
{
	static const unsigned char zero[32];
	const br_ec_impl *ours = ec_p256_impl();
	unsigned char k[32], k32[32], u[32], got[32], want[32];
	size_t klen;
	size_t len;
	long i;
	EVP_PKEY *sk;

	(void)unused;
	(void)unused2;
	for (i = 0; i < count; i++) {
		klen = t_next() % 8 ? 32 : t_next() % 33;
		t_fill(k, klen);
		memset(k32, 0, sizeof k32);
		memcpy(k32, k, klen);
		t_fill(u, 32);
		switch (t_next() % 8) {
		case 0:
			memset(u + 1, 0, 31);
			break;
		case 1:
			memset(u, 0xff, 32);
			u[31] = 0x7f;
			u[0] = (unsigned char)(0xed - 20 + t_next() % 40);
			break;
		default:
			break;
		}
		/* mulgen: the public key */
		sk = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, k32,
		    32);
		len = 32;
		if (sk == NULL ||
		    EVP_PKEY_get_raw_public_key(sk, want, &len) != 1) {
			abort();
		}
		EVP_PKEY_free(sk);
		if (ours->mulgen(got, k, klen, BR_EC_curve25519) != 32 ||
		    memcmp(got, want, 32) != 0) {
			mismatch("x25519", i, "public key differs");
		}
		/* mul: the shared secret */
		memcpy(got, u, 32);
		if (ours->mul(got, 32, k, klen, BR_EC_curve25519) != 1) {
			mismatch("x25519", i, "refused");
		} else if (!ref_x25519(want, k32, u)) {
			if (memcmp(got, zero, 32) != 0) {
				mismatch("x25519", i, "libcrypto refuses, "
				    "not all zeros");
			}
		} else if (memcmp(got, want, 32) != 0) {
			mismatch("x25519", i, "shared secret differs");
		}
	}
}

static int
wanted(const char *ops, const char *op)
{
	size_t n = strlen(op);
	const char *p = ops;

	if (ops == NULL) {
		return 1;
	}
	while ((p = strstr(p, op)) != NULL) {
		if ((p == ops || p[-1] == ',') && (p[n] == ',' || p[n] == 0)) {
			return 1;
		}
		p += n;
	}
	return 0;
}

/* The operations, by name; each run compares count cases. */
static const struct op {
	const char *name;
	void (*run)(BN_CTX *ctx, int arg);
	int arg;
} ops_all[] = {
	{ "rsa", diff_rsa, 0 },
	{ "p256-mulgen", diff_p256, 1 },
	{ "p256-mul", diff_p256, 0 },
	{ "ecdsa-p256", diff_ecdsa, 0 },
	{ "ecdsa-p384", diff_ecdsa, 1 },
	{ "ecdsa-p521", diff_ecdsa, 2 },
	{ "x25519", diff_x25519, 0 },
};

int
main(void)
{
	const char *s = getenv("LIBCRYPTO_DIFF_N");
	const char *ops = getenv("LIBCRYPTO_DIFF_OPS");
	BN_CTX *ctx = BN_CTX_new();
	const struct op *op;
	clock_t t0;

	count = s != NULL ? atol(s) : 2000;
	if ((s = getenv("LIBCRYPTO_DIFF_SEED")) != NULL) {
		t_seed(s);
	}
	for (op = ops_all; op < ops_all + sizeof ops_all / sizeof *op; op++) {
		if (!wanted(ops, op->name)) {
			continue;
		}
		t0 = clock();
		differ = 0;
		op->run(ctx, op->arg);
		t_reportf(differ == 0, __FILE__, __LINE__,
		    "%s: %ld cases agree with libcrypto (%ld differ, %.1f s)",
		    op->name, count, differ,
		    (double)(clock() - t0) / CLOCKS_PER_SEC);
	}
	BN_CTX_free(ctx);
	return t_exit();
}
