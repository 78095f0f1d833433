/* SPDX-License-Identifier: MIT */
/*
 * x25519: the Montgomery ladder of RFC 7748 section 5 over GF(2^255 - 19)
 * on five 51-bit limbs (least significant first).  2^255 = 19 mod p
 * folds a product's high half back as 19 times itself.  Bounds, which
 * the ladder keeps: mul and sqr take limbs below 2^54 (each column then
 * stays below 2^115) and give limbs below 2^51 + 2^18; add gives the
 * limb-wise sum; sub adds 4p first, so it wants b's limbs below 2^53 - 76
 * (a product's or a sum of two) and gives limbs below 2^54.  The scalar
 * only ever enters through masks (cswap); its bits are read at fixed
 * positions.
 */
#include <string.h>

#include "x25519.h"

#ifdef __SIZEOF_INT128__

typedef unsigned __int128 u128;

#define M51 0x7ffffffffffffu

/*
 * At -Oz GCC keeps the short loops rolled and the helpers out of line:
 * 0.64 M instructions an X25519; O2 on the products and the ladder, with
 * the adds, subtractions and swaps inlined, 0.56 M (README).
 */
#ifdef __clang__
#define HOT			/* clang has no per-function optimize */
#else
#define HOT __attribute__((optimize("O2")))
#endif
#define INLINE inline __attribute__((always_inline))

/* see the top of the file */
static INLINE void
fe_add(uint64_t *r, const uint64_t *a, const uint64_t *b)
{
	int i;

	for (i = 0; i < 5; i++) {
		r[i] = a[i] + b[i];
	}
}

/* r = a + 4p - b; 4p's limbs are 2^53 - 76 and 2^53 - 4. */
static INLINE void
fe_sub(uint64_t *r, const uint64_t *a, const uint64_t *b)
{
	int i;

	r[0] = a[0] + 0x1fffffffffffb4u - b[0];
	for (i = 1; i < 5; i++) {
		r[i] = a[i] + 0x1ffffffffffffcu - b[i];
	}
}

/*
 * The five 128-bit columns of a product (each below 2^115) to limbs:
 * carry up, the carry out of the top limb (below 2^64) back into limb 0
 * times 19, and what that carries into limb 1, which may then pass 2^51
 * by up to 2^18.
 */
static INLINE void
fe_carry(uint64_t *r, u128 c0, u128 c1, u128 c2, u128 c3, u128 c4)
{
	u128 t;

	c1 += (uint64_t)(c0 >> 51);
	c2 += (uint64_t)(c1 >> 51);
	c3 += (uint64_t)(c2 >> 51);
	c4 += (uint64_t)(c3 >> 51);
	t = (u128)19 * (uint64_t)(c4 >> 51) + ((uint64_t)c0 & M51);
	r[0] = (uint64_t)t & M51;
	r[1] = ((uint64_t)c1 & M51) + (uint64_t)(t >> 51);
	r[2] = (uint64_t)c2 & M51;
	r[3] = (uint64_t)c3 & M51;
	r[4] = (uint64_t)c4 & M51;
}

static HOT void
fe_mul(uint64_t *r, const uint64_t *a, const uint64_t *b)
{
	uint64_t b1 = 19 * b[1];
	uint64_t b2 = 19 * b[2];
	uint64_t b3 = 19 * b[3];
	uint64_t b4 = 19 * b[4];

	fe_carry(r,
	    (u128)a[0] * b[0] + (u128)a[1] * b4 + (u128)a[2] * b3 +
	    (u128)a[3] * b2 + (u128)a[4] * b1,
	    (u128)a[0] * b[1] + (u128)a[1] * b[0] + (u128)a[2] * b4 +
	    (u128)a[3] * b3 + (u128)a[4] * b2,
	    (u128)a[0] * b[2] + (u128)a[1] * b[1] + (u128)a[2] * b[0] +
	    (u128)a[3] * b4 + (u128)a[4] * b3,
	    (u128)a[0] * b[3] + (u128)a[1] * b[2] + (u128)a[2] * b[1] +
	    (u128)a[3] * b[0] + (u128)a[4] * b4,
	    (u128)a[0] * b[4] + (u128)a[1] * b[3] + (u128)a[2] * b[2] +
	    (u128)a[3] * b[1] + (u128)a[4] * b[0]);
}

/* r = a^2: the cross products once, doubled. */
static HOT void
fe_sqr(uint64_t *r, const uint64_t *a)
{
	uint64_t d0 = 2 * a[0];
	uint64_t d1 = 2 * a[1];
	uint64_t a3 = 19 * a[3];
	uint64_t a4 = 19 * a[4];

	fe_carry(r,
	    (u128)a[0] * a[0] + (u128)d1 * a4 + (u128)(2 * a[2]) * a3,
	    (u128)d0 * a[1] + (u128)(2 * a[2]) * a4 + (u128)a[3] * a3,
	    (u128)d0 * a[2] + (u128)a[1] * a[1] + (u128)(2 * a[3]) * a4,
	    (u128)d0 * a[3] + (u128)d1 * a[2] + (u128)a[4] * a4,
	    (u128)d0 * a[4] + (u128)d1 * a[3] + (u128)a[2] * a[2]);
}

/* r = c a for c < 2^17 (a's limbs below 2^54). */
static HOT void
fe_mul_small(uint64_t *r, const uint64_t *a, uint32_t c)
{
	fe_carry(r, (u128)a[0] * c, (u128)a[1] * c, (u128)a[2] * c,
	    (u128)a[3] * c, (u128)a[4] * c);
}

/* r = a^(2^n), n >= 1. */
static void
fe_sqr_n(uint64_t *r, const uint64_t *a, int n)
{
	fe_sqr(r, a);
	while (--n > 0) {
		fe_sqr(r, r);
	}
}

/*
 * r = a^(p - 2) = 1/a (0 for 0), p - 2 = 2^255 - 21, by the usual chain:
 * a^(2^k - 1) for k = 5, 10, 20, 40, 50, 100, 200, 250, then 5 squarings
 * and a^11.  254 squarings, 11 multiplications, the same for every a.
 */
static void
fe_inv(uint64_t *r, const uint64_t *a)
{
	uint64_t a2[5], a9[5], a11[5], e5[5], e10[5], e50[5], e100[5];
	uint64_t t[5];

	fe_sqr(a2, a);
	fe_sqr_n(t, a2, 2);
	fe_mul(a9, t, a);
	fe_mul(a11, a9, a2);
	fe_sqr(t, a11);
	fe_mul(e5, t, a9);			/* 2^5 - 1 */
	fe_sqr_n(t, e5, 5);
	fe_mul(e10, t, e5);			/* 2^10 - 1 */
	fe_sqr_n(t, e10, 10);
	fe_mul(t, t, e10);			/* 2^20 - 1 */
	fe_sqr_n(e50, t, 20);
	fe_mul(t, e50, t);			/* 2^40 - 1 */
	fe_sqr_n(t, t, 10);
	fe_mul(e50, t, e10);			/* 2^50 - 1 */
	fe_sqr_n(t, e50, 50);
	fe_mul(e100, t, e50);			/* 2^100 - 1 */
	fe_sqr_n(t, e100, 100);
	fe_mul(t, t, e100);			/* 2^200 - 1 */
	fe_sqr_n(t, t, 50);
	fe_mul(t, t, e50);			/* 2^250 - 1 */
	fe_sqr_n(t, t, 5);
	fe_mul(r, t, a11);			/* 2^255 - 21 */
}

static uint64_t
load64(const unsigned char *s)
{
	uint64_t w = 0;
	int i;

	for (i = 7; i >= 0; i--) {
		w = w << 8 | s[i];
	}
	return w;
}

static void
store64(unsigned char *s, uint64_t w)
{
	int i;

	for (i = 0; i < 8; i++) {
		s[i] = (unsigned char)(w >> 8 * i);
	}
}

/* 32 little-endian bytes, bit 255 dropped, to limbs (not reduced mod p). */
static void
fe_decode(uint64_t *r, const unsigned char *s)
{
	r[0] = load64(s) & M51;
	r[1] = load64(s + 6) >> 3 & M51;
	r[2] = load64(s + 12) >> 6 & M51;
	r[3] = load64(s + 19) >> 1 & M51;
	r[4] = load64(s + 24) >> 12 & M51;
}

/*
 * a (a product: limbs below 2^51 + 2^18) reduced mod p, as 32
 * little-endian bytes.  After two carry passes (the top carry folded in
 * as 19) the value v is below 2^255; v >= p exactly when v + 19 reaches
 * 2^255, and then v - p is v + 19 without that bit: chosen by mask.
 */
static void
fe_encode(unsigned char *s, const uint64_t *a)
{
	uint64_t h[5];
	uint64_t t[5];
	uint64_t m;
	int i;

	memcpy(h, a, sizeof h);
	for (i = 0; i < 4; i++) {
		h[i + 1] += h[i] >> 51;
		h[i] &= M51;
	}
	h[0] += 19 * (h[4] >> 51);
	h[4] &= M51;
	for (i = 0; i < 4; i++) {
		h[i + 1] += h[i] >> 51;
		h[i] &= M51;
	}
	t[0] = h[0] + 19;
	for (i = 0; i < 4; i++) {
		t[i + 1] = h[i + 1] + (t[i] >> 51);
		t[i] &= M51;
	}
	m = 0 - (t[4] >> 51);
	t[4] &= M51;
	for (i = 0; i < 5; i++) {
		h[i] ^= m & (h[i] ^ t[i]);
	}
	store64(s, h[0] | h[1] << 51);
	store64(s + 8, h[1] >> 13 | h[2] << 38);
	store64(s + 16, h[2] >> 26 | h[3] << 25);
	store64(s + 24, h[3] >> 39 | h[4] << 12);
}

/* Swaps a and b (five limbs each) when m is all ones; nothing when 0. */
static INLINE void
cswap(uint64_t *a, uint64_t *b, uint64_t m)
{
	uint64_t t;
	int i;

	for (i = 0; i < 5; i++) {
		t = m & (a[i] ^ b[i]);
		a[i] ^= t;
		b[i] ^= t;
	}
}

/*
 * out = X25519(k, u) for a clamped 32-byte k (RFC 7748 5): the ladder
 * over bits 254..0, (x2:z2) = k' u and (x3:z3) = (k' + 1) u for the
 * scalar k' of the bits so far, swapped when the bit changes.  is_gen
 * (public) says u is 9, whose product is a short one (7% fewer
 * instructions).
 */
static HOT void
ladder(unsigned char *out, const unsigned char *k, const unsigned char *u,
    int is_gen)
{
	uint64_t x1[5], x2[5], z2[5], x3[5], z3[5];
	uint64_t a[5], aa[5], b[5], bb[5], e[5], c[5], d[5];
	uint64_t swap = 0;
	uint64_t bit;
	int i;

	fe_decode(x1, u);
	memset(x2, 0, sizeof x2);
	x2[0] = 1;
	memset(z2, 0, sizeof z2);
	memcpy(x3, x1, sizeof x3);
	memset(z3, 0, sizeof z3);
	z3[0] = 1;
	for (i = 254; i >= 0; i--) {
		bit = (uint64_t)(k[i >> 3] >> (i & 7) & 1);
		swap ^= bit;
		cswap(x2, x3, 0 - swap);
		cswap(z2, z3, 0 - swap);
		swap = bit;
		fe_add(a, x2, z2);
		fe_sqr(aa, a);
		fe_sub(b, x2, z2);
		fe_sqr(bb, b);
		fe_sub(e, aa, bb);
		fe_add(c, x3, z3);
		fe_sub(d, x3, z3);
		fe_mul(d, d, a);		/* DA */
		fe_mul(c, c, b);		/* CB */
		fe_add(a, d, c);
		fe_sqr(x3, a);
		fe_sub(b, d, c);
		fe_sqr(b, b);
		if (is_gen) {
			fe_mul_small(z3, b, 9);
		} else {
			fe_mul(z3, b, x1);
		}
		fe_mul(x2, aa, bb);
		fe_mul_small(a, e, 121665);
		fe_add(a, a, aa);
		fe_mul(z2, e, a);
	}
	cswap(x2, x3, 0 - swap);
	cswap(z2, z3, 0 - swap);
	fe_inv(z2, z2);
	fe_mul(x2, x2, z2);
	fe_encode(out, x2);
}

/*
 * BearSSL's constants: the generator u = 9, and as "order" 2^255 - 1, so
 * that br_ec_keygen draws any 255-bit scalar (clamping does the rest).
 * Our own, so that none of BearSSL's X25519 code is linked in.
 */
static const unsigned char nine[32] = { 9 };
static const unsigned char order[32] = {
	0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff
};

static const unsigned char *
api_generator(int curve, size_t *len)
{
	(void)curve;
	*len = sizeof nine;
	return nine;
}

static const unsigned char *
api_order(int curve, size_t *len)
{
	(void)curve;
	*len = sizeof order;
	return order;
}

/* The encoding is the x (u) coordinate alone, from byte 0. */
static size_t
api_xoff(int curve, size_t *len)
{
	(void)curve;
	*len = 32;
	return 0;
}

/*
 * BearSSL's checks and clamping (see x25519.h).  BearSSL also clears g's
 * top bit before reading it, which the result then overwrites; fe_decode
 * drops that bit instead.
 */
static uint32_t
mul(unsigned char *g, size_t glen, const unsigned char *kb, size_t kblen,
    int is_gen)
{
	unsigned char k[32];

	if (glen != 32 || kblen > 32) {
		return 0;
	}
	memcpy(k, kb, kblen);
	memset(k + kblen, 0, sizeof k - kblen);
	k[0] &= 0xf8;
	k[31] &= 0x7f;
	k[31] |= 0x40;
	ladder(g, k, g, is_gen);
	return 1;
}

static uint32_t
api_mul(unsigned char *g, size_t glen, const unsigned char *k, size_t klen,
    int curve)
{
	(void)curve;
	return mul(g, glen, k, klen, 0);
}

static size_t
api_mulgen(unsigned char *r, const unsigned char *k, size_t klen, int curve)
{
	(void)curve;
	memcpy(r, nine, sizeof nine);
	mul(r, sizeof nine, k, klen, 1);
	return sizeof nine;
}

static uint32_t
api_muladd(unsigned char *a, const unsigned char *b, size_t len,
    const unsigned char *x, size_t xlen, const unsigned char *y,
    size_t ylen, int curve)
{
	(void)a;
	(void)b;
	(void)len;
	(void)x;
	(void)xlen;
	(void)y;
	(void)ylen;
	(void)curve;
	return 0;
}

static const br_ec_impl impl = {
	(uint32_t)1 << BR_EC_curve25519,
	&api_generator,
	&api_order,
	&api_xoff,
	&api_mul,
	&api_mulgen,
	&api_muladd
};

/* see x25519.h */
const br_ec_impl *
x25519_impl(void)
{
	return &impl;
}

#else

/* see x25519.h */
const br_ec_impl *
x25519_impl(void)
{
	return &br_ec_c25519_m31;
}

#endif
