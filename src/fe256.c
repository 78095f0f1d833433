/* SPDX-License-Identifier: MIT */
/*
 * fe256: the P-256 field on 52-bit limbs (see fe256.h).  Products are
 * Montgomery's, by columns; p = -1 mod 2^52 makes each column's factor
 * its own low bits, and p's limbs (2^52 - 1, 2^44 - 1, 0, 2^36,
 * 2^48 - 2^16) make most of the reduction shifts.
 */
#include <string.h>

#include "fe256.h"

#ifdef __SIZEOF_INT128__

typedef unsigned __int128 u128;

#define M52 0xfffffffffffffu
#define M48 0xffffffffffffu

/*
 * p = 2^256 - 2^224 + 2^192 + 2^96 - 1: 52-bit limbs 2^52 - 1, 2^44 - 1,
 * 0, P3 and P4; and as four 64-bit limbs, for the canonical form.
 */
#define P3 0x1000000000u
#define P4 0xffffffff0000u
static const uint64_t P64[4] = {
	0xffffffffffffffff, 0x00000000ffffffff, 0, 0xffffffff00000001
};
/* 2^256 mod p, to fold the bits above 2^256 back in. */
static const uint64_t C[5] = {
	0x0000000000001, 0xff00000000000, 0xfffffffffffff, 0xfffefffffffff,
	0x000000000ffff
};
/* 4p with every limb above 2^52: a - b + K never goes negative. */
static const uint64_t K[5] = {
	0x2ffffffffffffc, 0x203ffffffffffd, 0x1ffffffffffffe,
	0x20003ffffffffe, 0x3fffffffbfffe
};

/* see fe256.h */
const uint64_t fe256_one[FE256_LIMBS] = {
	0x0000000000010, 0xf000000000000, 0xfffffffffffff, 0xffeffffffffff,
	0x00000000fffff
};

/* see fe256.h */
const uint64_t fe256_b[FE256_LIMBS] = {
	0xdf6229c4bddfd, 0xca8843090d89c, 0x212ed6acf005c, 0x83415a220abf7,
	0x0c30061dd4874
};

/*
 * Limbs below 2^62 (value below 2^262) to an element: carry, fold the
 * bits from 2^256 up (q < 64) as q (2^256 mod p), carry again; the value
 * is then below 2^256 + 2^230.  Written out: GCC keeps loops at -Oz.
 */
static void
carry(uint64_t *r, uint64_t r0, uint64_t r1, uint64_t r2, uint64_t r3,
    uint64_t r4)
{
	uint64_t q;

	r1 += r0 >> 52;
	r2 += r1 >> 52;
	r3 += r2 >> 52;
	r4 += r3 >> 52;
	q = r4 >> 48;
	r0 = (r0 & M52) + q * C[0];
	r1 = (r1 & M52) + q * C[1];
	r2 = (r2 & M52) + q * C[2];
	r3 = (r3 & M52) + q * C[3];
	r4 = (r4 & M48) + q * C[4];
	r1 += r0 >> 52;
	r2 += r1 >> 52;
	r3 += r2 >> 52;
	r[0] = r0 & M52;
	r[1] = r1 & M52;
	r[2] = r2 & M52;
	r[3] = r3 & M52;
	r[4] = r4 + (r3 >> 52);
}

/* see fe256.h */
void
fe256_add(uint64_t *r, const uint64_t *a, const uint64_t *b)
{
	carry(r, a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3],
	    a[4] + b[4]);
}

/* see fe256.h */
void
fe256_sub(uint64_t *r, const uint64_t *a, const uint64_t *b)
{
	carry(r, a[0] + K[0] - b[0], a[1] + K[1] - b[1],
	    a[2] + K[2] - b[2], a[3] + K[3] - b[3], a[4] + K[4] - b[4]);
}

/* see fe256.h; 2K: each limb of K covers one element's. */
void
fe256_sub2(uint64_t *r, const uint64_t *a, const uint64_t *b,
    const uint64_t *d)
{
	carry(r, a[0] + 2 * K[0] - b[0] - d[0],
	    a[1] + 2 * K[1] - b[1] - d[1], a[2] + 2 * K[2] - b[2] - d[2],
	    a[3] + 2 * K[3] - b[3] - d[3], a[4] + 2 * K[4] - b[4] - d[4]);
}

#define MM(x, y) (acc += (u128)(x) * (y))
/*
 * Column k done: m = its low 52 bits, which p = -1 mod 2^52 makes the
 * Montgomery factor.  acc + m (2^52 - 1) has 52 low zero bits and
 * carries acc / 2^52 + m; with m (2^44 - 1) for the next column,
 * that is acc / 2^52 + m 2^44.
 */
#define REDUCE(m) do { \
	(m) = (uint64_t)acc & M52; \
	acc = (acc >> 52) + ((u128)(m) << 44); \
} while (0)
#define OUT(r) do { \
	(r) = (uint64_t)acc & M52; \
	acc >>= 52; \
} while (0)

/*
 * r = a b / 2^260 mod p by columns (product scanning), each m p added in
 * the columns it reaches (p's limb 2 is 0).  Inputs below 2^257 give a
 * result below 2^257 (a b / 2^260 + p); no column passes 2^108.  r may
 * alias a or b.
 */
/* see fe256.h */
void
fe256_mul(uint64_t *r, const uint64_t *a, const uint64_t *b)
{
	uint64_t m0, m1, m2, m3, m4;
	u128 acc = 0;

	MM(a[0], b[0]);
	REDUCE(m0);
	MM(a[0], b[1]); MM(a[1], b[0]);
	REDUCE(m1);
	MM(a[0], b[2]); MM(a[1], b[1]); MM(a[2], b[0]);
	REDUCE(m2);
	MM(a[0], b[3]); MM(a[1], b[2]); MM(a[2], b[1]); MM(a[3], b[0]);
	MM(m0, P3);
	REDUCE(m3);
	MM(a[0], b[4]); MM(a[1], b[3]); MM(a[2], b[2]); MM(a[3], b[1]);
	MM(a[4], b[0]); MM(m1, P3); MM(m0, P4);
	REDUCE(m4);
	MM(a[1], b[4]); MM(a[2], b[3]); MM(a[3], b[2]); MM(a[4], b[1]);
	MM(m2, P3); MM(m1, P4);
	OUT(r[0]);
	MM(a[2], b[4]); MM(a[3], b[3]); MM(a[4], b[2]); MM(m3, P3);
	MM(m2, P4);
	OUT(r[1]);
	MM(a[3], b[4]); MM(a[4], b[3]); MM(m4, P3); MM(m3, P4);
	OUT(r[2]);
	MM(a[4], b[4]); MM(m4, P4);
	OUT(r[3]);
	r[4] = (uint64_t)acc;
}

/* r = a^2 / 2^260 mod p: fe256_mul with each cross product taken once. */
/* see fe256.h */
void
fe256_sqr(uint64_t *r, const uint64_t *a)
{
	uint64_t m0, m1, m2, m3, m4;
	uint64_t d0 = 2 * a[0], d1 = 2 * a[1], d2 = 2 * a[2], d3 = 2 * a[3];
	u128 acc = 0;

	MM(a[0], a[0]);
	REDUCE(m0);
	MM(d0, a[1]);
	REDUCE(m1);
	MM(d0, a[2]); MM(a[1], a[1]);
	REDUCE(m2);
	MM(d0, a[3]); MM(d1, a[2]); MM(m0, P3);
	REDUCE(m3);
	MM(d0, a[4]); MM(d1, a[3]); MM(a[2], a[2]); MM(m1, P3);
	MM(m0, P4);
	REDUCE(m4);
	MM(d1, a[4]); MM(d2, a[3]); MM(m2, P3); MM(m1, P4);
	OUT(r[0]);
	MM(d2, a[4]); MM(a[3], a[3]); MM(m3, P3); MM(m2, P4);
	OUT(r[1]);
	MM(d3, a[4]); MM(m4, P3); MM(m3, P4);
	OUT(r[2]);
	MM(a[4], a[4]); MM(m4, P4);
	OUT(r[3]);
	r[4] = (uint64_t)acc;
}

/* Four 64-bit limbs (below 2^256) to five of 52 bits. */
/* see fe256.h */
void
fe256_from64(uint64_t *r, const uint64_t *w)
{
	r[0] = w[0] & M52;
	r[1] = (w[0] >> 52 | w[1] << 12) & M52;
	r[2] = (w[1] >> 40 | w[2] << 24) & M52;
	r[3] = (w[2] >> 28 | w[3] << 36) & M52;
	r[4] = w[3] >> 16;
}

/*
 * The value of a (below 2^257 < 3p) mod p as four 64-bit limbs: p taken
 * away twice where it fits, under masks.
 */
static void
canon(uint64_t *w, const uint64_t *a)
{
	uint64_t d[4];
	uint64_t hi;
	uint64_t m;
	u128 x;
	int n;
	int i;

	w[0] = a[0] | a[1] << 52;
	w[1] = a[1] >> 12 | a[2] << 40;
	w[2] = a[2] >> 24 | a[3] << 28;
	w[3] = a[3] >> 36 | a[4] << 16;
	hi = a[4] >> 48;
	for (n = 0; n < 2; n++) {
		x = 0;
		for (i = 0; i < 4; i++) {
			x = (u128)w[i] - P64[i] - (uint64_t)(x >> 127);
			d[i] = (uint64_t)x;
		}
		x = (u128)hi - (uint64_t)(x >> 127);
		m = (uint64_t)(x >> 127) - 1;	/* no borrow: take d */
		for (i = 0; i < 4; i++) {
			w[i] ^= m & (w[i] ^ d[i]);
		}
		hi = (hi & ~m) | ((uint64_t)x & m);
	}
}

/*
 * r = a^(p-2) = 1/a (0 for 0) by a fixed chain.  With e_k = a^(2^k-1),
 * p-2 is 32 ones, 31 zeros and a one, 96 zeros, 94 ones, 0 and 1.  Each
 * step is v[dst] = v[src]^(2^n) v[mul].
 */
enum { IA, IE2, IE4, IE8, IE30, IE32, IT };
static const unsigned char inv_chain[][4] = {
	{ 1, IA, IA, IE2 }, { 2, IE2, IE2, IE4 }, { 4, IE4, IE4, IE8 },
	{ 8, IE8, IE8, IT }, { 8, IT, IE8, IT }, { 4, IT, IE4, IT },
	{ 2, IT, IE2, IE30 }, { 2, IE30, IE2, IE32 }, { 32, IE32, IA, IT },
	{ 128, IT, IE32, IT }, { 32, IT, IE32, IT }, { 30, IT, IE30, IT },
	{ 2, IT, IA, IT }
};

/* see fe256.h */
void
fe256_inv(uint64_t *r, const uint64_t *a)
{
	uint64_t v[7][5];
	size_t i;
	int n;

	memcpy(v[IA], a, sizeof v[IA]);
	for (i = 0; i < sizeof inv_chain / sizeof inv_chain[0]; i++) {
		const unsigned char *c = inv_chain[i];

		fe256_sqr(v[c[3]], v[c[1]]);
		for (n = 1; n < c[0]; n++) {
			fe256_sqr(v[c[3]], v[c[3]]);
		}
		fe256_mul(v[c[3]], v[c[3]], v[c[2]]);
	}
	memcpy(r, v[IT], sizeof v[IT]);
}

/* see fe256.h */
void
fe256_neg(uint64_t *r, const uint64_t *a)
{
	carry(r, K[0] - a[0], K[1] - a[1], K[2] - a[2], K[3] - a[3],
	    K[4] - a[4]);
}

/* see fe256.h */
void
fe256_mul_small(uint64_t *r, const uint64_t *a, unsigned c)
{
	carry(r, a[0] * c, a[1] * c, a[2] * c, a[3] * c, a[4] * c);
}

/* All ones when x is 0, else 0, without a branch. */
static uint64_t
zero_mask(uint64_t x)
{
	return ((x | (0 - x)) >> 63) - 1;
}

/*
 * see fe256.h.  An element's limbs are below 2^52 but the top one, so
 * each value has one form, and below 2^257 the multiples of p are 0, p
 * and 2p: three comparisons instead of a reduction.
 */
uint64_t
fe256_is_zero(const uint64_t *a)
{
	static const uint64_t pk[2][5] = {
		{ M52, 0xfffffffffffu, 0, P3, P4 },
		{ M52 - 1, 0x1fffffffffffu, 0, 2 * P3, 2 * P4 }
	};
	uint64_t z = 0, d1 = 0, d2 = 0;
	int i;

	for (i = 0; i < 5; i++) {
		z |= a[i];
		d1 |= a[i] ^ pk[0][i];
		d2 |= a[i] ^ pk[1][i];
	}
	return zero_mask(z) | zero_mask(d1) | zero_mask(d2);
}

/* see fe256.h */
int
fe256_decode(uint64_t *r, const unsigned char *s)
{
	static const uint64_t rr[5] = {		/* R^2 mod p */
		0x0000000000300, 0xffffffff00000, 0xffffefffffffb,
		0xfdfffffffffff, 0x0000004ffffff
	};
	uint64_t w[4];
	int i;

	memset(w, 0, sizeof w);
	for (i = 0; i < 32; i++) {
		w[i / 8] |= (uint64_t)s[31 - i] << (8 * (i % 8));
	}
	for (i = 3; i >= 0 && w[i] == P64[i]; i--) {
	}
	if (i < 0 || w[i] > P64[i]) {
		return 0;
	}
	fe256_from64(r, w);
	fe256_mul(r, r, rr);
	return 1;
}

/* see fe256.h */
void
fe256_encode(unsigned char *s, const uint64_t *a)
{
	static const uint64_t one[5] = { 1, 0, 0, 0, 0 };
	uint64_t t[5];
	uint64_t w[4];
	int i;

	fe256_mul(t, a, one);		/* out of Montgomery form */
	canon(w, t);
	for (i = 0; i < 32; i++) {
		s[31 - i] = (unsigned char)(w[i / 8] >> (8 * (i % 8)));
	}
}

#endif
