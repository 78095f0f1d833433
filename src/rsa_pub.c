/* SPDX-License-Identifier: MIT */
/*
 * rsa_pub: x^e mod n for verification, in Montgomery form on 64-bit limbs
 * (least significant first), R = 2^(64k) for a k-limb modulus.  Getting
 * into the form needs R^2 mod n, which here costs a few doublings and
 * log2(64k) squarings instead of a long division: R mod n comes from
 * doubling 2^(bits-1), and R^2 mod n is the Montgomery form of 2^(64k),
 * the power of Montgomery 2 (= 2R mod n), where a product by 2 is a
 * doubling.
 */
#include <string.h>

#include "rsa_pub.h"

/*
 * BearSSL's PKCS#1 v1.5 signature padding check (its inner.h; exported by
 * libbearssl.a, stable in the 0.6 we pin).
 */
uint32_t br_rsa_pkcs1_sig_unpad(const unsigned char *sig, size_t sig_len,
    const unsigned char *hash_oid, size_t hash_len,
    unsigned char *hash_out);

#ifdef __SIZEOF_INT128__

typedef unsigned __int128 u128;

#define LIMBS (RSA_PUB_MAX_LEN / 8)

/* Big-endian bytes to k limbs. */
static void
decode(uint64_t *a, size_t k, const unsigned char *s, size_t len)
{
	size_t i;

	memset(a, 0, k * sizeof *a);
	for (i = 0; i < len; i++) {
		a[i / 8] |= (uint64_t)s[len - 1 - i] << (8 * (i % 8));
	}
}

static void
encode(unsigned char *s, size_t len, const uint64_t *a)
{
	size_t i;

	for (i = 0; i < len; i++) {
		s[len - 1 - i] = (unsigned char)(a[i / 8] >> (8 * (i % 8)));
	}
}

/* -1, 0 or 1 as a <, = or > b. */
static int
cmp(const uint64_t *a, const uint64_t *b, size_t k)
{
	while (k-- > 0) {
		if (a[k] != b[k]) {
			return a[k] < b[k] ? -1 : 1;
		}
	}
	return 0;
}

/* a -= b, modulo 2^(64k). */
static void
sub(uint64_t *a, const uint64_t *b, size_t k)
{
	uint64_t borrow = 0;
	size_t i;

	for (i = 0; i < k; i++) {
		uint64_t d = a[i] - b[i] - borrow;

		borrow = (a[i] < b[i]) | ((a[i] == b[i]) & borrow);
		a[i] = d;
	}
}

/* a = 2a mod n, for a < n. */
static void
dbl(uint64_t *a, const uint64_t *n, size_t k)
{
	uint64_t top = a[k - 1] >> 63;
	size_t i;

	for (i = k - 1; i > 0; i--) {
		a[i] = (a[i] << 1) | (a[i - 1] >> 63);
	}
	a[0] <<= 1;
	if (top != 0 || cmp(a, n, k) >= 0) {
		sub(a, n, k);
	}
}

/* -Oz spills the 128-bit sums to the stack; O2 keeps them in registers. */
#define HOT __attribute__((optimize("O2")))

/* r = a b R^-1 mod n, for a, b < n (CIOS); r may be a or b. */
static HOT void
montmul(uint64_t *r, const uint64_t *a, const uint64_t *b,
    const uint64_t *n, uint64_t n0, size_t k)
{
	uint64_t t[LIMBS + 2];
	size_t i;
	size_t j;

	memset(t, 0, (k + 2) * sizeof *t);
	for (i = 0; i < k; i++) {
		u128 c = 0;
		uint64_t m;

		for (j = 0; j < k; j++) {
			c += (u128)a[j] * b[i] + t[j];
			t[j] = (uint64_t)c;
			c >>= 64;
		}
		c += t[k];
		t[k] = (uint64_t)c;
		t[k + 1] = (uint64_t)(c >> 64);
		m = t[0] * n0;
		c = ((u128)m * n[0] + t[0]) >> 64;
		for (j = 1; j < k; j++) {
			c += (u128)m * n[j] + t[j];
			t[j - 1] = (uint64_t)c;
			c >>= 64;
		}
		c += t[k];
		t[k - 1] = (uint64_t)c;
		t[k] = t[k + 1] + (uint64_t)(c >> 64);
	}
	/* t < 2n: one subtraction at most. */
	if (t[k] != 0 || cmp(t, n, k) >= 0) {
		sub(t, n, k);
	}
	memcpy(r, t, k * sizeof *t);
}

/*
 * r = a^2 R^-1 mod n, for a < n: the square's cross products once and
 * doubled, then Montgomery's reduction; about two thirds of montmul's
 * work, and 28 of a 2048-bit verification's 30 products are squares.
 */
static HOT void
montsqr(uint64_t *r, const uint64_t *a, const uint64_t *n, uint64_t n0,
    size_t k)
{
	uint64_t t[2 * LIMBS];
	uint64_t hi;
	size_t i;
	size_t j;

	memset(t, 0, 2 * k * sizeof *t);
	for (i = 0; i < k; i++) {
		u128 c = 0;

		for (j = i + 1; j < k; j++) {
			c += (u128)a[i] * a[j] + t[i + j];
			t[i + j] = (uint64_t)c;
			c >>= 64;
		}
		t[i + k] = (uint64_t)c;
	}
	hi = 0;
	for (i = 0; i < 2 * k; i++) {
		uint64_t w = t[i];

		t[i] = (w << 1) | hi;
		hi = w >> 63;
	}
	hi = 0;
	for (i = 0; i < k; i++) {
		u128 sq = (u128)a[i] * a[i];
		u128 c = (u128)t[2 * i] + (uint64_t)sq + hi;

		t[2 * i] = (uint64_t)c;
		c = (c >> 64) + t[2 * i + 1] + (uint64_t)(sq >> 64);
		t[2 * i + 1] = (uint64_t)c;
		hi = (uint64_t)(c >> 64);
	}
	/* a^2 < n^2 < nR: the reduction leaves less than 2n. */
	hi = 0;
	for (i = 0; i < k; i++) {
		uint64_t m = t[i] * n0;
		u128 c = 0;

		for (j = 0; j < k; j++) {
			c += (u128)m * n[j] + t[i + j];
			t[i + j] = (uint64_t)c;
			c >>= 64;
		}
		c += (u128)t[i + k] + hi;
		t[i + k] = (uint64_t)c;
		hi = (uint64_t)(c >> 64);
	}
	if (hi != 0 || cmp(t + k, n, k) >= 0) {
		sub(t + k, n, k);
	}
	memcpy(r, t + k, k * sizeof *t);
}

/* see rsa_pub.h */
uint32_t
rsa_pub(unsigned char *x, size_t xlen, const br_rsa_public_key *pk)
{
	uint64_t n[LIMBS], r2[LIMBS], xm[LIMBS], y[LIMBS];
	const unsigned char *nb = pk->n;
	const unsigned char *e = pk->e;
	size_t nlen = pk->nlen;
	size_t elen = pk->elen;
	size_t k, bits, i;
	uint64_t inv, n0;
	int b, top;

	while (nlen > 0 && nb[0] == 0) {
		nb++;
		nlen--;
	}
	if (nlen == 0 || nlen > RSA_PUB_MAX_LEN || xlen != nlen ||
	    (nb[nlen - 1] & 1) == 0 || (nlen == 1 && nb[0] == 1)) {
		return 0;
	}
	k = (nlen + 7) / 8;
	decode(n, k, nb, nlen);
	decode(xm, k, x, xlen);
	if (cmp(xm, n, k) >= 0) {
		return 0;
	}
	/* -1/n mod 2^64: n is its own inverse to 3 bits, Newton doubles. */
	inv = n[0];
	for (i = 0; i < 5; i++) {
		inv *= 2 - n[0] * inv;
	}
	n0 = -inv;

	/* 2^(bits-1) < n, doubled to R mod n (y), then to 2R mod n (r2). */
	bits = 64 * k - (size_t)__builtin_clzll(n[k - 1]);
	memset(y, 0, k * sizeof *y);
	y[(bits - 1) / 64] = (uint64_t)1 << ((bits - 1) % 64);
	for (i = bits - 1; i < 64 * k; i++) {
		dbl(y, n, k);
	}
	memcpy(r2, y, k * sizeof *y);
	dbl(r2, n, k);
	/* Montgomery 2 to the power 64k: R^2 mod n. */
	for (b = 62 - __builtin_clzll(64 * k); b >= 0; b--) {
		montsqr(r2, r2, n, n0, k);
		if (((64 * k) >> b) & 1) {
			dbl(r2, n, k);
		}
	}
	montmul(xm, xm, r2, n, n0, k);

	/* y is Montgomery 1 (R mod n) until e's first one bit. */
	top = 0;
	for (i = 0; i < elen; i++) {
		for (b = 7; b >= 0; b--) {
			if (top) {
				montsqr(y, y, n, n0, k);
			}
			if ((e[i] >> b) & 1) {
				if (top) {
					montmul(y, y, xm, n, n0, k);
				} else {
					memcpy(y, xm, k * sizeof *y);
					top = 1;
				}
			}
		}
	}
	memset(xm, 0, k * sizeof *xm);
	xm[0] = 1;
	montmul(y, y, xm, n, n0, k);
	encode(x, xlen, y);
	return 1;
}

#else

/* see rsa_pub.h: BearSSL's, without 64-bit products. */
uint32_t
rsa_pub(unsigned char *x, size_t xlen, const br_rsa_public_key *pk)
{
	return br_rsa_public_get_default()(x, xlen, pk);
}

#endif

/* see rsa_pub.h */
uint32_t
rsa_pub_pkcs1_vrfy(const unsigned char *x, size_t xlen,
    const unsigned char *hash_oid, size_t hash_len,
    const br_rsa_public_key *pk, unsigned char *hash_out)
{
	unsigned char em[RSA_PUB_MAX_LEN];

	if (xlen > sizeof em) {
		return 0;
	}
	memcpy(em, x, xlen);
	return rsa_pub(em, xlen, pk) &&
	    br_rsa_pkcs1_sig_unpad(em, xlen, hash_oid, hash_len, hash_out);
}
