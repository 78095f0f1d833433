/* SPDX-License-Identifier: MIT */
/*
 * ec_p256: P-256 point multiplication by a secret scalar.  Field elements
 * are four 64-bit limbs (least significant first) in Montgomery form
 * (R = 2^256), always fully reduced below p; points are homogeneous
 * projective (X:Y:Z), the point at infinity (0:1:0).  Nothing here
 * branches on, or indexes memory with, the scalar or any value derived
 * from it: windows are read at fixed positions, table entries are picked
 * by scanning the whole table with masks, and the formulas are complete.
 * tests/ct/ct_ec_p256.c checks that under valgrind.
 */
#include <string.h>

#include "ec_p256.h"

#ifdef __SIZEOF_INT128__

#include "ec_p256_table.h"

typedef unsigned __int128 u128;

/* p = 2^256 - 2^224 + 2^192 + 2^96 - 1 */
static const uint64_t P[4] = {
	0xffffffffffffffff, 0x00000000ffffffff, 0, 0xffffffff00000001
};
/* R^2 mod p: a product with it brings a value into Montgomery form. */
static const uint64_t RR[4] = {
	0x0000000000000003, 0xfffffffbffffffff,
	0xfffffffffffffffe, 0x00000004fffffffd
};
/* The curve's b, and 1, in Montgomery form. */
static const uint64_t B_M[4] = {
	0xd89cdf6229c4bddf, 0xacf005cd78843090,
	0xe5a220abf7212ed6, 0xdc30061d04874834
};
static const uint64_t ONE_M[4] = {
	0x0000000000000001, 0xffffffff00000000,
	0xffffffffffffffff, 0x00000000fffffffe
};
static const uint64_t ONE[4] = { 1, 0, 0, 0 };

struct pt {
	uint64_t x[4];
	uint64_t y[4];
	uint64_t z[4];
};

/* All ones when a == b, else 0, without a branch. */
static uint64_t
eq_mask(uint64_t a, uint64_t b)
{
	uint64_t x = a ^ b;

	return ((x | (0 - x)) >> 63) - 1;
}

/* d = s where m is all ones; d unchanged where m is 0. */
static void
ct_copy(uint64_t *d, const uint64_t *s, size_t n, uint64_t m)
{
	size_t i;

	for (i = 0; i < n; i++) {
		d[i] ^= m & (d[i] ^ s[i]);
	}
}

/*
 * The field code is written out limb by limb: loops over u128 values
 * cost three times the instructions at -Oz (measured with callgrind).
 * A borrow is bit 127 of a u128 difference.
 */
#define BORROW(x) ((uint64_t)((x) >> 127))

/*
 * r = hi:t mod p, for hi:t < 2p: hi:t >= p exactly when hi:t + (2^256 - p)
 * reaches 2^256, and then its low 256 bits are hi:t - p.  (2^256 - p is
 * ONE_M; an add chain compiles shorter than a borrow chain.)
 */
static void
fe_norm(uint64_t *r, uint64_t t0, uint64_t t1, uint64_t t2, uint64_t t3,
    uint64_t hi)
{
	uint64_t s0, s1, s2, s3;
	uint64_t m;
	u128 x;

	x = (u128)t0 + ONE_M[0];
	s0 = (uint64_t)x;
	x = (u128)t1 + ONE_M[1] + (uint64_t)(x >> 64);
	s1 = (uint64_t)x;
	x = (u128)t2 + ONE_M[2] + (uint64_t)(x >> 64);
	s2 = (uint64_t)x;
	x = (u128)t3 + ONE_M[3] + (uint64_t)(x >> 64);
	s3 = (uint64_t)x;
	m = 0 - (hi | (uint64_t)(x >> 64));
	r[0] = (s0 & m) | (t0 & ~m);
	r[1] = (s1 & m) | (t1 & ~m);
	r[2] = (s2 & m) | (t2 & ~m);
	r[3] = (s3 & m) | (t3 & ~m);
}

static void
fe_add(uint64_t *r, const uint64_t *a, const uint64_t *b)
{
	uint64_t s0, s1, s2, s3;
	u128 x;

	x = (u128)a[0] + b[0];
	s0 = (uint64_t)x;
	x = (u128)a[1] + b[1] + (uint64_t)(x >> 64);
	s1 = (uint64_t)x;
	x = (u128)a[2] + b[2] + (uint64_t)(x >> 64);
	s2 = (uint64_t)x;
	x = (u128)a[3] + b[3] + (uint64_t)(x >> 64);
	s3 = (uint64_t)x;
	fe_norm(r, s0, s1, s2, s3, (uint64_t)(x >> 64));
}

static void
fe_sub(uint64_t *r, const uint64_t *a, const uint64_t *b)
{
	uint64_t d0, d1, d2, d3;
	uint64_t m;
	u128 x;

	x = (u128)a[0] - b[0];
	d0 = (uint64_t)x;
	x = (u128)a[1] - b[1] - BORROW(x);
	d1 = (uint64_t)x;
	x = (u128)a[2] - b[2] - BORROW(x);
	d2 = (uint64_t)x;
	x = (u128)a[3] - b[3] - BORROW(x);
	d3 = (uint64_t)x;
	/* a < b: add p back. */
	m = 0 - BORROW(x);
	x = (u128)d0 + (P[0] & m);
	r[0] = (uint64_t)x;
	x = (u128)d1 + (P[1] & m) + (uint64_t)(x >> 64);
	r[1] = (uint64_t)x;
	x = (u128)d2 + (uint64_t)(x >> 64);
	r[2] = (uint64_t)x;
	r[3] = d3 + (P[3] & m) + (uint64_t)(x >> 64);
}

/* acc (u128) + top: a 192-bit accumulator */
#define ACC(x, y) do { \
	u128 z_ = (u128)(x) * (y); \
	acc += z_; \
	top += acc < z_; \
} while (0)
#define ADDC(v) do { \
	acc += (v); \
	top += acc < (v); \
} while (0)
/* shift the accumulator down a limb */
#define SHIFT() do { \
	acc = acc >> 64 | (u128)top << 64; \
	top = 0; \
} while (0)

static void
fe_mul(uint64_t *r, const uint64_t *a, const uint64_t *b)
{
	uint64_t m0, m1, m2, m3, r0, r1, r2, r3;
	uint64_t top = 0;
	u128 acc = 0;

	ACC(a[0], b[0]);
	m0 = (uint64_t)acc;		/* acc + m0 p: low limb m0 - m0 = 0 */
	acc = (acc >> 64) + m0;		/* + carry of m0 (2^64 - 1) + m0 */
	ACC(a[0], b[1]); ACC(a[1], b[0]); ACC(m0, P[1]);
	m1 = (uint64_t)acc;
	SHIFT(); ADDC(m1);
	ACC(a[0], b[2]); ACC(a[1], b[1]); ACC(a[2], b[0]); ACC(m1, P[1]);
	m2 = (uint64_t)acc;
	SHIFT(); ADDC(m2);
	ACC(a[0], b[3]); ACC(a[1], b[2]); ACC(a[2], b[1]); ACC(a[3], b[0]);
	ACC(m0, P[3]); ACC(m2, P[1]);
	m3 = (uint64_t)acc;
	SHIFT(); ADDC(m3);
	ACC(a[1], b[3]); ACC(a[2], b[2]); ACC(a[3], b[1]); ACC(m1, P[3]);
	ACC(m3, P[1]);
	r0 = (uint64_t)acc;
	SHIFT();
	ACC(a[2], b[3]); ACC(a[3], b[2]); ACC(m2, P[3]);
	r1 = (uint64_t)acc;
	SHIFT();
	ACC(a[3], b[3]); ACC(m3, P[3]);
	r2 = (uint64_t)acc;
	SHIFT();
	r3 = (uint64_t)acc;
	fe_norm(r, r0, r1, r2, r3, (uint64_t)(acc >> 64));
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

static void
fe_inv(uint64_t *r, const uint64_t *a)
{
	uint64_t v[7][4];
	size_t i;
	int n;

	memcpy(v[IA], a, sizeof v[IA]);
	for (i = 0; i < sizeof inv_chain / sizeof inv_chain[0]; i++) {
		const unsigned char *c = inv_chain[i];

		fe_mul(v[c[3]], v[c[1]], v[c[1]]);
		for (n = 1; n < c[0]; n++) {
			fe_mul(v[c[3]], v[c[3]], v[c[3]]);
		}
		fe_mul(v[c[3]], v[c[3]], v[c[2]]);
	}
	memcpy(r, v[IT], sizeof v[IT]);
}

/*
 * The formulas of Renes, Costello and Batina (2016) for a = -3, complete
 * (right for equal, opposite and infinite inputs, so nothing to branch
 * on), as programs over a register file: 2 bytes a step instead of a
 * call's 15 bytes of code.  Inputs (X1:Y1:Z1), (X2:Y2:Z2) and b; result
 * (X3:Y3:Z3).
 */
enum { X1, Y1, Z1, X2, Y2, Z2, X3, Y3, Z3, BB, T0, T1, T2, T3, T4, NREG };
enum { OP_MUL, OP_ADD, OP_SUB };
#define MUL(d, a, b) (OP_MUL << 12 | (d) << 8 | (a) << 4 | (b))
#define ADD(d, a, b) (OP_ADD << 12 | (d) << 8 | (a) << 4 | (b))
#define SUB(d, a, b) (OP_SUB << 12 | (d) << 8 | (a) << 4 | (b))

/* Algorithm 4: P1 + P2, any two points. */
static const uint16_t prog_add[] = {
	MUL(T0, X1, X2), MUL(T1, Y1, Y2), MUL(T2, Z1, Z2), ADD(T3, X1, Y1),
	ADD(T4, X2, Y2), MUL(T3, T3, T4), ADD(T4, T0, T1), SUB(T3, T3, T4),
	ADD(T4, Y1, Z1), ADD(X3, Y2, Z2), MUL(T4, T4, X3), ADD(X3, T1, T2),
	SUB(T4, T4, X3), ADD(X3, X1, Z1), ADD(Y3, X2, Z2), MUL(X3, X3, Y3),
	ADD(Y3, T0, T2), SUB(Y3, X3, Y3), MUL(Z3, BB, T2), SUB(X3, Y3, Z3),
	ADD(Z3, X3, X3), ADD(X3, X3, Z3), SUB(Z3, T1, X3), ADD(X3, T1, X3),
	MUL(Y3, BB, Y3), ADD(T1, T2, T2), ADD(T2, T1, T2), SUB(Y3, Y3, T2),
	SUB(Y3, Y3, T0), ADD(T1, Y3, Y3), ADD(Y3, T1, Y3), ADD(T1, T0, T0),
	ADD(T0, T1, T0), SUB(T0, T0, T2), MUL(T1, T4, Y3), MUL(T2, T0, Y3),
	MUL(Y3, X3, Z3), ADD(Y3, Y3, T2), MUL(X3, T3, X3), SUB(X3, X3, T1),
	MUL(Z3, T4, Z3), MUL(T1, T3, T0), ADD(Z3, Z3, T1)
};

/* Algorithm 5: P1 + P2 with Z2 = 1 (P2 affine, never infinity). */
static const uint16_t prog_add_affine[] = {
	MUL(T0, X1, X2), MUL(T1, Y1, Y2), ADD(T3, X2, Y2), ADD(T4, X1, Y1),
	MUL(T3, T3, T4), ADD(T4, T0, T1), SUB(T3, T3, T4), MUL(T4, Y2, Z1),
	ADD(T4, T4, Y1), MUL(Y3, X2, Z1), ADD(Y3, Y3, X1), MUL(Z3, BB, Z1),
	SUB(X3, Y3, Z3), ADD(Z3, X3, X3), ADD(X3, X3, Z3), SUB(Z3, T1, X3),
	ADD(X3, T1, X3), MUL(Y3, BB, Y3), ADD(T1, Z1, Z1), ADD(T2, T1, Z1),
	SUB(Y3, Y3, T2), SUB(Y3, Y3, T0), ADD(T1, Y3, Y3), ADD(Y3, T1, Y3),
	ADD(T1, T0, T0), ADD(T0, T1, T0), SUB(T0, T0, T2), MUL(T1, T4, Y3),
	MUL(T2, T0, Y3), MUL(Y3, X3, Z3), ADD(Y3, Y3, T2), MUL(X3, T3, X3),
	SUB(X3, X3, T1), MUL(Z3, T4, Z3), MUL(T1, T3, T0), ADD(Z3, Z3, T1)
};

/* Algorithm 6: 2 P1. */
static const uint16_t prog_dbl[] = {
	MUL(T0, X1, X1), MUL(T1, Y1, Y1), MUL(T2, Z1, Z1), MUL(T3, X1, Y1),
	ADD(T3, T3, T3), MUL(Z3, X1, Z1), ADD(Z3, Z3, Z3), MUL(Y3, BB, T2),
	SUB(Y3, Y3, Z3), ADD(X3, Y3, Y3), ADD(Y3, X3, Y3), SUB(X3, T1, Y3),
	ADD(Y3, T1, Y3), MUL(Y3, X3, Y3), MUL(X3, X3, T3), ADD(T3, T2, T2),
	ADD(T2, T2, T3), MUL(Z3, BB, Z3), SUB(Z3, Z3, T2), SUB(Z3, Z3, T0),
	ADD(T3, Z3, Z3), ADD(Z3, Z3, T3), ADD(T3, T0, T0), ADD(T0, T3, T0),
	SUB(T0, T0, T2), MUL(T0, T0, Z3), ADD(Y3, Y3, T0), MUL(T0, Y1, Z1),
	ADD(T0, T0, T0), MUL(Z3, T0, Z3), SUB(X3, X3, Z3), MUL(Z3, T0, T1),
	ADD(Z3, Z3, Z3), ADD(Z3, Z3, Z3)
};

/*
 * Doubling in Jacobian coordinates (x = X/Z^2, y = Y/Z^3), a = -3
 * (dbl-2001-b of the Explicit-Formulas Database): 8 products where
 * algorithm 6 takes 13, and also complete on a curve of prime order
 * (no point of order 2), provided infinity is (0:Y:0) with Y != 0.
 */
static const uint16_t prog_jdbl[] = {
	MUL(T0, Z1, Z1), MUL(T1, Y1, Y1), MUL(T2, X1, T1), SUB(T3, X1, T0),
	ADD(T4, X1, T0), MUL(T3, T3, T4), ADD(T4, T3, T3), ADD(T3, T3, T4),
	ADD(Z3, Y1, Z1), MUL(Z3, Z3, Z3), SUB(Z3, Z3, T1), SUB(Z3, Z3, T0),
	ADD(T2, T2, T2), ADD(T2, T2, T2), MUL(X3, T3, T3), SUB(X3, X3, T2),
	SUB(X3, X3, T2), SUB(Y3, T2, X3), MUL(Y3, T3, Y3), MUL(T1, T1, T1),
	ADD(T1, T1, T1), ADD(T1, T1, T1), ADD(T1, T1, T1), SUB(Y3, Y3, T1)
};

/* r = the program's result on p and q (q may be NULL); r may alias. */
static void
pt_run(struct pt *r, const struct pt *p, const struct pt *q,
    const uint16_t *prog, size_t n)
{
	uint64_t v[NREG][4];
	size_t i;

	memcpy(v + X1, p, sizeof *p);
	if (q != NULL) {
		memcpy(v + X2, q, sizeof *q);
	}
	memcpy(v[BB], B_M, sizeof v[BB]);
	for (i = 0; i < n; i++) {
		uint64_t *d = v[prog[i] >> 8 & 15];
		const uint64_t *a = v[prog[i] >> 4 & 15];
		const uint64_t *b = v[prog[i] & 15];

		switch (prog[i] >> 12) {
		case OP_MUL:
			fe_mul(d, a, b);
			break;
		case OP_ADD:
			fe_add(d, a, b);
			break;
		default:
			fe_sub(d, a, b);
			break;
		}
	}
	memcpy(r, v + X3, sizeof *r);
}

static void
pt_add(struct pt *r, const struct pt *p, const struct pt *q)
{
	pt_run(r, p, q, prog_add, sizeof prog_add / sizeof prog_add[0]);
}

/* q's z is not read: q must be affine and not infinity. */
static void
pt_add_affine(struct pt *r, const struct pt *p, const struct pt *q)
{
	pt_run(r, p, q, prog_add_affine,
	    sizeof prog_add_affine / sizeof prog_add_affine[0]);
}

static void
pt_dbl(struct pt *r, const struct pt *p)
{
	pt_run(r, p, NULL, prog_dbl, sizeof prog_dbl / sizeof prog_dbl[0]);
}

/*
 * The window loop of pt_mul doubles in Jacobian coordinates and adds in
 * projective ones: (X:Y:Z) is (X Z, Y Z^2, Z) in Jacobian, infinity
 * (0:Y:0) becoming (0, 1, 0) by a mask.  r may alias p.
 */
static void
pt_to_jac(struct pt *r, const struct pt *p)
{
	uint64_t t[4];
	uint64_t inf = eq_mask(p->z[0] | p->z[1] | p->z[2] | p->z[3], 0);

	fe_mul(t, p->z, p->z);
	fe_mul(r->y, p->y, t);
	ct_copy(r->y, ONE_M, 4, inf);
	fe_mul(r->x, p->x, p->z);
	memcpy(r->z, p->z, sizeof r->z);
}

/* Back from Jacobian: (X Z, Y, Z^3).  r may alias p. */
static void
pt_from_jac(struct pt *r, const struct pt *p)
{
	uint64_t t[4];

	fe_mul(t, p->z, p->z);
	fe_mul(r->x, p->x, p->z);
	fe_mul(r->z, t, p->z);
	memcpy(r->y, p->y, sizeof r->y);
}

/* Big-endian bytes to limbs, and back. */
static void
fe_decode(uint64_t *r, const unsigned char *s)
{
	int i;

	memset(r, 0, 4 * sizeof *r);
	for (i = 0; i < 32; i++) {
		r[i / 8] |= (uint64_t)s[31 - i] << (8 * (i % 8));
	}
}

static void
fe_encode(unsigned char *s, const uint64_t *a)
{
	int i;

	for (i = 0; i < 32; i++) {
		s[31 - i] = (unsigned char)(a[i / 8] >> (8 * (i % 8)));
	}
}

/* Whether a < p (public values: may branch). */
static int
fe_lt_p(const uint64_t *a)
{
	int i;

	for (i = 3; i >= 0; i--) {
		if (a[i] != P[i]) {
			return a[i] < P[i];
		}
	}
	return 0;
}

/*
 * The peer's point, public: 0x04, x, y with x, y < p on the curve, into
 * Montgomery form.  Returns 0 for anything else, as p256_decode does.
 */
static int
pt_decode(struct pt *r, const unsigned char *s, size_t len)
{
	uint64_t t[4];
	uint64_t u[4];

	if (len != 65 || s[0] != 0x04) {
		return 0;
	}
	fe_decode(r->x, s + 1);
	fe_decode(r->y, s + 33);
	if (!fe_lt_p(r->x) || !fe_lt_p(r->y)) {
		return 0;
	}
	fe_mul(r->x, r->x, RR);
	fe_mul(r->y, r->y, RR);
	memcpy(r->z, ONE_M, sizeof r->z);
	/* y^2 = x^3 - 3x + b */
	fe_mul(t, r->x, r->x);
	fe_mul(t, t, r->x);
	fe_sub(t, t, r->x);
	fe_sub(t, t, r->x);
	fe_sub(t, t, r->x);
	fe_add(t, t, B_M);
	fe_mul(u, r->y, r->y);
	return memcmp(t, u, sizeof t) == 0;
}

/* 0x04, x, y; the point at infinity becomes 64 zero bytes, like BearSSL. */
static void
pt_encode(unsigned char *s, const struct pt *p)
{
	uint64_t zi[4];
	uint64_t t[4];

	fe_inv(zi, p->z);
	fe_mul(zi, zi, ONE);		/* out of Montgomery form */
	s[0] = 0x04;
	fe_mul(t, p->x, zi);
	fe_encode(s + 1, t);
	fe_mul(t, p->y, zi);
	fe_encode(s + 33, t);
}

/* Bit i (0: least significant) of a 32-byte big-endian scalar. */
static uint64_t
kbit(const unsigned char *k, int i)
{
	return (uint64_t)(k[31 - i / 8] >> (i % 8)) & 1;
}

/*
 * r = k p, 4-bit fixed windows from the top, each entry of the 16-point
 * table read in turn and kept under a mask.
 */
static void
pt_mul(struct pt *r, const struct pt *p, const unsigned char *k)
{
	struct pt tab[16];
	struct pt t;
	uint64_t w;
	int i;
	int j;

	memset(&tab[0], 0, sizeof tab[0]);
	memcpy(tab[0].y, ONE_M, sizeof tab[0].y);
	tab[1] = *p;
	for (i = 2; i < 16; i++) {
		pt_add_affine(&tab[i], &tab[i - 1], p);
	}
	memset(r, 0, sizeof *r);
	for (i = 63; i >= 0; i--) {
		w = kbit(k, 4 * i) | kbit(k, 4 * i + 1) << 1 |
		    kbit(k, 4 * i + 2) << 2 | kbit(k, 4 * i + 3) << 3;
		memset(&t, 0, sizeof t);
		for (j = 0; j < 16; j++) {
			uint64_t m = eq_mask(w, (uint64_t)j);

			ct_copy(t.x, tab[j].x, 4, m);
			ct_copy(t.y, tab[j].y, 4, m);
			ct_copy(t.z, tab[j].z, 4, m);
		}
		if (i == 63) {
			*r = t;
			continue;
		}
		pt_to_jac(r, r);
		for (j = 0; j < 4; j++) {
			pt_run(r, r, NULL, prog_jdbl,
			    sizeof prog_jdbl / sizeof prog_jdbl[0]);
		}
		pt_from_jac(r, r);
		pt_add(r, r, &t);
	}
}

/*
 * r = k G by the comb of ec_p256_table.h: 64 doublings, each followed by
 * the addition of the entry for bits i, 64+i, 128+i and 192+i of k
 * (entry 0, no addition, is taken by a mask like the others).
 */
static void
pt_mulgen(struct pt *r, const unsigned char *k)
{
	struct pt t;
	struct pt g;
	uint64_t w;
	int i;
	int j;

	memset(r, 0, sizeof *r);
	memcpy(r->y, ONE_M, sizeof r->y);
	for (i = 63; i >= 0; i--) {
		pt_dbl(r, r);
		w = kbit(k, i) | kbit(k, i + 64) << 1 |
		    kbit(k, i + 128) << 2 | kbit(k, i + 192) << 3;
		memset(&g, 0, sizeof g);
		for (j = 0; j < 15; j++) {
			uint64_t m = eq_mask(w, (uint64_t)j + 1);

			ct_copy(g.x, ec_p256_comb[j], 4, m);
			ct_copy(g.y, ec_p256_comb[j] + 4, 4, m);
		}
		pt_add_affine(&t, r, &g);
		w = ~eq_mask(w, 0);
		ct_copy(r->x, t.x, 4, w);
		ct_copy(r->y, t.y, 4, w);
		ct_copy(r->z, t.z, 4, w);
	}
}

/* A scalar of klen <= 32 bytes, left-padded to 32. */
static void
scalar32(unsigned char *k32, const unsigned char *k, size_t klen)
{
	memset(k32, 0, 32 - klen);
	memcpy(k32 + 32 - klen, k, klen);
}

static const unsigned char *
api_generator(int curve, size_t *len)
{
	return br_ec_get_default()->generator(curve, len);
}

static const unsigned char *
api_order(int curve, size_t *len)
{
	return br_ec_get_default()->order(curve, len);
}

static size_t
api_xoff(int curve, size_t *len)
{
	return br_ec_get_default()->xoff(curve, len);
}

static uint32_t
api_mul(unsigned char *g, size_t glen, const unsigned char *k, size_t klen,
    int curve)
{
	unsigned char k32[32];
	struct pt p;
	struct pt r;

	if (curve != BR_EC_secp256r1 || klen > 32) {
		return br_ec_get_default()->mul(g, glen, k, klen, curve);
	}
	if (!pt_decode(&p, g, glen)) {
		return 0;
	}
	scalar32(k32, k, klen);
	pt_mul(&r, &p, k32);
	pt_encode(g, &r);
	return 1;
}

static size_t
api_mulgen(unsigned char *out, const unsigned char *k, size_t klen,
    int curve)
{
	unsigned char k32[32];
	struct pt r;

	if (curve != BR_EC_secp256r1 || klen > 32) {
		return br_ec_get_default()->mulgen(out, k, klen, curve);
	}
	scalar32(k32, k, klen);
	pt_mulgen(&r, k32);
	pt_encode(out, &r);
	return 65;
}

static uint32_t
api_muladd(unsigned char *a, const unsigned char *b, size_t len,
    const unsigned char *x, size_t xlen, const unsigned char *y,
    size_t ylen, int curve)
{
	return br_ec_get_default()->muladd(a, b, len, x, xlen, y, ylen,
	    curve);
}

/* br_ec_all_m31's curves: P-256, P-384, P-521 and Curve25519. */
static const br_ec_impl impl = {
	(uint32_t)1 << BR_EC_secp256r1 | (uint32_t)1 << BR_EC_secp384r1 |
	    (uint32_t)1 << BR_EC_secp521r1 | (uint32_t)1 << BR_EC_curve25519,
	&api_generator,
	&api_order,
	&api_xoff,
	&api_mul,
	&api_mulgen,
	&api_muladd
};

/* see ec_p256.h */
const br_ec_impl *
ec_p256_impl(void)
{
	return &impl;
}

#else

/* see ec_p256.h */
const br_ec_impl *
ec_p256_impl(void)
{
	return br_ec_get_default();
}

#endif
