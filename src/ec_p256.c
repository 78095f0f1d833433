/* SPDX-License-Identifier: MIT */
/*
 * ec_p256: P-256 point multiplication by a secret scalar.  Field elements
 * are five limbs of 52 bits (least significant first; the top one up to
 * 49 bits) in Montgomery form (R = 2^260), below 2^257 but not always
 * below p: with 12 spare bits a limb, sums need no carry chain, which
 * GCC compiles poorly (saturated 64-bit limbs measured 1.7 times the
 * instructions).  Points are homogeneous projective (X:Y:Z), infinity
 * (0:1:0).  Nothing here branches on, or indexes memory with, the scalar
 * or any value derived from it: windows are read at fixed positions,
 * table entries are picked by scanning the whole table with masks, and
 * the formulas are complete.  tests/ct/ct_ec_p256.c checks that under
 * valgrind.
 */
#include <string.h>

#include "ec_p256.h"

#ifdef __SIZEOF_INT128__

#include "ec_p256_table.h"

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
/* R^2 mod p: a product with it brings a value into Montgomery form. */
static const uint64_t RR[5] = {
	0x0000000000300, 0xffffffff00000, 0xffffefffffffb, 0xfdfffffffffff,
	0x0000004ffffff
};
/* The curve's b, and 1, in Montgomery form; and 1. */
static const uint64_t B_M[5] = {
	0xdf6229c4bddfd, 0xca8843090d89c, 0x212ed6acf005c, 0x83415a220abf7,
	0x0c30061dd4874
};
static const uint64_t ONE_M[5] = {
	0x0000000000010, 0xf000000000000, 0xfffffffffffff, 0xffeffffffffff,
	0x00000000fffff
};
static const uint64_t ONE[5] = { 1, 0, 0, 0, 0 };

struct pt {
	uint64_t x[5];
	uint64_t y[5];
	uint64_t z[5];
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

/* *d = *s where m is all ones, in one pass. */
static void
pt_ct_copy(struct pt *d, const struct pt *s, uint64_t m)
{
	int i;

	for (i = 0; i < 5; i++) {
		d->x[i] ^= m & (d->x[i] ^ s->x[i]);
		d->y[i] ^= m & (d->y[i] ^ s->y[i]);
		d->z[i] ^= m & (d->z[i] ^ s->z[i]);
	}
}

/*
 * Limbs below 2^62 (value below 2^262) to the form above: carry, fold the
 * bits from 2^256 up (q < 64) as q (2^256 mod p), carry again; the value
 * is then below 2^256 + 2^230.  Written out: GCC keeps loops at -Oz.
 */
static void
fe_carry(uint64_t *r, uint64_t r0, uint64_t r1, uint64_t r2, uint64_t r3,
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

static void
fe_add(uint64_t *r, const uint64_t *a, const uint64_t *b)
{
	fe_carry(r, a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3],
	    a[4] + b[4]);
}

static void
fe_sub(uint64_t *r, const uint64_t *a, const uint64_t *b)
{
	fe_carry(r, a[0] + K[0] - b[0], a[1] + K[1] - b[1],
	    a[2] + K[2] - b[2], a[3] + K[3] - b[3], a[4] + K[4] - b[4]);
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
static void
fe_mul(uint64_t *r, const uint64_t *a, const uint64_t *b)
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

/* r = a^2 / 2^260 mod p: fe_mul with each cross product taken once. */
static void
fe_sqr(uint64_t *r, const uint64_t *a)
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
static void
fe_from64(uint64_t *r, const uint64_t *w)
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
fe_canon(uint64_t *w, const uint64_t *a)
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
		ct_copy(w, d, 4, m);
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

static void
fe_inv(uint64_t *r, const uint64_t *a)
{
	uint64_t v[7][5];
	size_t i;
	int n;

	memcpy(v[IA], a, sizeof v[IA]);
	for (i = 0; i < sizeof inv_chain / sizeof inv_chain[0]; i++) {
		const unsigned char *c = inv_chain[i];

		fe_sqr(v[c[3]], v[c[1]]);
		for (n = 1; n < c[0]; n++) {
			fe_sqr(v[c[3]], v[c[3]]);
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
enum { OP_MUL, OP_SQR, OP_ADD, OP_SUB, OP_ADDL, OP_MULS };
#define OP(o, d, a, b) ((o) << 12 | (d) << 8 | (a) << 4 | (b))
#define MUL(d, a, b) OP((a) == (b) ? OP_SQR : OP_MUL, d, a, b)
#define ADD(d, a, b) OP(OP_ADD, d, a, b)
#define SUB(d, a, b) OP(OP_SUB, d, a, b)
/* d = a c for a small constant c (2..15): one carry where sums take two. */
#define MULS(d, a, c) OP(OP_MULS, d, a, c)
/*
 * A sum left uncarried (limbs below 2^53, value below 2^258), which
 * fe_mul, fe_sqr, MULS, fe_add and fe_sub's first operand accept: used
 * only where that is all the programs do with it.
 */
#define ADDL(d, a, b) OP(OP_ADDL, d, a, b)

/* Algorithm 4: P1 + P2, any two points. */
static const uint16_t prog_add[] = {
	MUL(T0, X1, X2), MUL(T1, Y1, Y2), MUL(T2, Z1, Z2), ADDL(T3, X1, Y1),
	ADDL(T4, X2, Y2), MUL(T3, T3, T4), ADD(T4, T0, T1), SUB(T3, T3, T4),
	ADDL(T4, Y1, Z1), ADDL(X3, Y2, Z2), MUL(T4, T4, X3), ADD(X3, T1, T2),
	SUB(T4, T4, X3), ADDL(X3, X1, Z1), ADDL(Y3, X2, Z2), MUL(X3, X3, Y3),
	ADD(Y3, T0, T2), SUB(Y3, X3, Y3), MUL(Z3, BB, T2), SUB(X3, Y3, Z3),
	MULS(X3, X3, 3), SUB(Z3, T1, X3), ADDL(X3, T1, X3), MUL(Y3, BB, Y3),
	MULS(T2, T2, 3), SUB(Y3, Y3, T2), SUB(Y3, Y3, T0), MULS(Y3, Y3, 3),
	MULS(T0, T0, 3), SUB(T0, T0, T2), MUL(T1, T4, Y3), MUL(T2, T0, Y3),
	MUL(Y3, X3, Z3), ADD(Y3, Y3, T2), MUL(X3, T3, X3), SUB(X3, X3, T1),
	MUL(Z3, T4, Z3), MUL(T1, T3, T0), ADD(Z3, Z3, T1)
};

/* Algorithm 5: P1 + P2 with Z2 = 1 (P2 affine, never infinity). */
static const uint16_t prog_add_affine[] = {
	MUL(T0, X1, X2), MUL(T1, Y1, Y2), ADDL(T3, X2, Y2), ADDL(T4, X1, Y1),
	MUL(T3, T3, T4), ADD(T4, T0, T1), SUB(T3, T3, T4), MUL(T4, Y2, Z1),
	ADDL(T4, T4, Y1), MUL(Y3, X2, Z1), ADDL(Y3, Y3, X1), MUL(Z3, BB, Z1),
	SUB(X3, Y3, Z3), MULS(X3, X3, 3), SUB(Z3, T1, X3), ADDL(X3, T1, X3),
	MUL(Y3, BB, Y3), MULS(T2, Z1, 3), SUB(Y3, Y3, T2), SUB(Y3, Y3, T0),
	MULS(Y3, Y3, 3), MULS(T0, T0, 3), SUB(T0, T0, T2), MUL(T1, T4, Y3),
	MUL(T2, T0, Y3), MUL(Y3, X3, Z3), ADD(Y3, Y3, T2), MUL(X3, T3, X3),
	SUB(X3, X3, T1), MUL(Z3, T4, Z3), MUL(T1, T3, T0), ADD(Z3, Z3, T1)
};

/* Algorithm 6: 2 P1. */
static const uint16_t prog_dbl[] = {
	MUL(T0, X1, X1), MUL(T1, Y1, Y1), MUL(T2, Z1, Z1), MUL(T3, X1, Y1),
	ADDL(T3, T3, T3), MUL(Z3, X1, Z1), ADD(Z3, Z3, Z3), MUL(Y3, BB, T2),
	SUB(Y3, Y3, Z3), MULS(Y3, Y3, 3), SUB(X3, T1, Y3), ADDL(Y3, T1, Y3),
	MUL(Y3, X3, Y3), MUL(X3, X3, T3), MULS(T2, T2, 3), MUL(Z3, BB, Z3),
	SUB(Z3, Z3, T2), SUB(Z3, Z3, T0), MULS(Z3, Z3, 3), MULS(T0, T0, 3),
	SUB(T0, T0, T2), MUL(T0, T0, Z3), ADD(Y3, Y3, T0), MUL(T0, Y1, Z1),
	ADDL(T0, T0, T0), MUL(Z3, T0, Z3), SUB(X3, X3, Z3), MUL(Z3, T0, T1),
	MULS(Z3, Z3, 4)
};

/*
 * r = 2p in Jacobian coordinates (x = X/Z^2, y = Y/Z^3), a = -3
 * (dbl-2001-b of the Explicit-Formulas Database): 8 products where
 * algorithm 6 takes 13, and complete on a curve of prime order (no point
 * of order 2) when infinity is (0:Y:0) with Y != 0.  Written out, not a
 * program: mul runs it 255 times.  r may alias p.
 */
static void
pt_jdbl(struct pt *r, const struct pt *p)
{
	uint64_t t0[5], t1[5], t2[5], t3[5], t4[5];
	int i;

	fe_sqr(t0, p->z);		/* delta */
	fe_sqr(t1, p->y);		/* gamma */
	fe_mul(t2, p->x, t1);		/* beta */
	fe_sub(t3, p->x, t0);
	for (i = 0; i < 5; i++) {	/* uncarried: only multiplied */
		t4[i] = p->x[i] + t0[i];
		r->z[i] = p->y[i] + p->z[i];
	}
	fe_mul(t3, t3, t4);
	fe_carry(t3, 3 * t3[0], 3 * t3[1], 3 * t3[2], 3 * t3[3], 3 * t3[4]);
	/* t3: alpha */
	fe_sqr(r->z, r->z);
	fe_sub(r->z, r->z, t1);
	fe_sub(r->z, r->z, t0);
	fe_carry(t2, 4 * t2[0], 4 * t2[1], 4 * t2[2], 4 * t2[3], 4 * t2[4]);
	fe_sqr(r->x, t3);
	fe_add(t4, t2, t2);
	fe_sub(r->x, r->x, t4);
	fe_sub(r->y, t2, r->x);
	fe_mul(r->y, t3, r->y);
	fe_sqr(t1, t1);
	fe_carry(t1, 8 * t1[0], 8 * t1[1], 8 * t1[2], 8 * t1[3], 8 * t1[4]);
	fe_sub(r->y, r->y, t1);
}

/* r = the program's result on p and q (q may be NULL); r may alias. */
static void
pt_run(struct pt *r, const struct pt *p, const struct pt *q,
    const uint16_t *prog, size_t n)
{
	uint64_t v[NREG][5];
	size_t i;

	memcpy(v + X1, p, sizeof *p);
	if (q != NULL) {
		memcpy(v + X2, q, sizeof *q);
	}
	memcpy(v[BB], B_M, sizeof v[BB]);
	for (i = 0; i < n; i++) {
		unsigned c = prog[i] & 15;
		uint64_t *d = v[prog[i] >> 8 & 15];
		const uint64_t *a = v[prog[i] >> 4 & 15];
		const uint64_t *b = v[c];

		switch (prog[i] >> 12) {
		case OP_MUL:
			fe_mul(d, a, b);
			break;
		case OP_SQR:
			fe_sqr(d, a);
			break;
		case OP_ADD:
			fe_add(d, a, b);
			break;
		case OP_SUB:
			fe_sub(d, a, b);
			break;
		case OP_ADDL:
			d[0] = a[0] + b[0];
			d[1] = a[1] + b[1];
			d[2] = a[2] + b[2];
			d[3] = a[3] + b[3];
			d[4] = a[4] + b[4];
			break;
		default:
			fe_carry(d, a[0] * c, a[1] * c, a[2] * c, a[3] * c,
			    a[4] * c);
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
	uint64_t t[5];
	uint64_t inf;

	fe_canon(t, p->z);
	inf = eq_mask(t[0] | t[1] | t[2] | t[3], 0);
	fe_sqr(t, p->z);
	fe_mul(r->y, p->y, t);
	ct_copy(r->y, ONE_M, 5, inf);
	fe_mul(r->x, p->x, p->z);
	memcpy(r->z, p->z, sizeof r->z);
}

/* Back from Jacobian: (X Z, Y, Z^3).  r may alias p. */
static void
pt_from_jac(struct pt *r, const struct pt *p)
{
	uint64_t t[5];

	fe_sqr(t, p->z);
	fe_mul(r->x, p->x, p->z);
	fe_mul(r->z, t, p->z);
	memcpy(r->y, p->y, sizeof r->y);
}

/* Big-endian bytes to four 64-bit limbs, and back. */
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
		if (a[i] != P64[i]) {
			return a[i] < P64[i];
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
	uint64_t t[5];
	uint64_t u[5];
	uint64_t w[4];

	if (len != 65 || s[0] != 0x04) {
		return 0;
	}
	fe_decode(w, s + 1);
	if (!fe_lt_p(w)) {
		return 0;
	}
	fe_from64(r->x, w);
	fe_decode(w, s + 33);
	if (!fe_lt_p(w)) {
		return 0;
	}
	fe_from64(r->y, w);
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
	fe_canon(w, t);
	fe_canon(t, u);
	return memcmp(t, w, sizeof w) == 0;
}

/* 0x04, x, y; the point at infinity becomes 64 zero bytes, like BearSSL. */
static void
pt_encode(unsigned char *s, const struct pt *p)
{
	uint64_t zi[5];
	uint64_t t[5];
	uint64_t w[4];

	fe_inv(zi, p->z);
	fe_mul(zi, zi, ONE);		/* out of Montgomery form */
	s[0] = 0x04;
	fe_mul(t, p->x, zi);
	fe_canon(w, t);
	fe_encode(s + 1, w);
	fe_mul(t, p->y, zi);
	fe_canon(w, t);
	fe_encode(s + 33, w);
}

/* Bit i (0: least significant; 0 outside 0..255) of a 32-byte scalar. */
static uint64_t
kbit(const unsigned char *k, int i)
{
	if (i < 0 || i > 255) {
		return 0;
	}
	return (uint64_t)(k[31 - i / 8] >> (i % 8)) & 1;
}

/*
 * The signed digit of window i (bits 5i-1 to 5i+4, the lowest shared with
 * the window below; Booth's recoding): k = sum of d 32^i over i = 0..51,
 * with d in -16..16.  Returns |d|, and *neg all ones when d < 0.
 */
static uint64_t
booth5(const unsigned char *k, int i, uint64_t *neg)
{
	uint64_t in = 0;
	uint64_t d;
	int j;

	for (j = 5; j >= 0; j--) {
		in = in << 1 | kbit(k, 5 * i - 1 + j);
	}
	*neg = 0 - (in >> 5);
	d = ((63 - in) & *neg) | (in & ~*neg);
	return (d >> 1) + (d & 1);
}

/* t = tab[d - 1], or infinity for d = 0, reading every entry. */
static void
pt_lookup(struct pt *t, const struct pt *tab, uint64_t d)
{
	uint64_t m;
	int i;
	int j;

	m = eq_mask(d, 0);
	for (i = 0; i < 5; i++) {
		t->x[i] = 0;
		t->y[i] = m & ONE_M[i];
		t->z[i] = 0;
	}
	for (j = 0; j < 16; j++) {
		m = eq_mask(d, (uint64_t)j + 1);
		for (i = 0; i < 5; i++) {
			t->x[i] |= m & tab[j].x[i];
			t->y[i] |= m & tab[j].y[i];
			t->z[i] |= m & tab[j].z[i];
		}
	}
}

/*
 * r = k p: signed 5-bit windows from the top, 5 Jacobian doublings and
 * one complete addition each; every entry of the table of p..16p is read
 * and kept under a mask, and the negation is taken under one too.
 */
static void
pt_mul(struct pt *r, const struct pt *p, const unsigned char *k)
{
	struct pt tab[16];
	struct pt t;
	uint64_t ny[5];
	uint64_t neg;
	uint64_t d;
	int i;
	int j;

	tab[0] = *p;
	for (i = 1; i < 16; i++) {
		pt_add_affine(&tab[i], &tab[i - 1], p);
	}
	for (i = 51; i >= 0; i--) {
		d = booth5(k, i, &neg);
		pt_lookup(&t, tab, d);
		fe_carry(ny, K[0] - t.y[0], K[1] - t.y[1], K[2] - t.y[2],
		    K[3] - t.y[3], K[4] - t.y[4]);
		ct_copy(t.y, ny, 5, neg);
		if (i == 51) {
			*r = t;
			continue;
		}
		pt_to_jac(r, r);
		for (j = 0; j < 5; j++) {
			pt_jdbl(r, r);
		}
		pt_from_jac(r, r);
		pt_add(r, r, &t);
	}
}

/* The affine entry i (0: none, left zero) of comb c, in masked reads. */
static void
comb_get(struct pt *g, int c, uint64_t i)
{
	uint64_t w[8];
	int j;
	int l;

	memset(w, 0, sizeof w);
	for (j = 0; j < 15; j++) {
		uint64_t m = eq_mask(i, (uint64_t)j + 1);

		for (l = 0; l < 8; l++) {
			w[l] |= m & ec_p256_comb[c][j][l];
		}
	}
	fe_from64(g->x, w);
	fe_from64(g->y, w + 4);
}

/*
 * r = k G by the combs of ec_p256_table.h: EC_P256_COMB_D doublings, each
 * followed by one addition per comb, of the entry for bits i + D (4c + j),
 * j = 0..3, of k (entry 0, no addition, is taken by a mask like the
 * others).
 */
static void
pt_mulgen(struct pt *r, const unsigned char *k)
{
	struct pt t;
	struct pt g;
	uint64_t w;
	int i;
	int c;
	int j;

	memset(r, 0, sizeof *r);
	memcpy(r->y, ONE_M, sizeof r->y);
	memset(&g, 0, sizeof g);
	for (i = EC_P256_COMB_D - 1; i >= 0; i--) {
		pt_dbl(r, r);
		for (c = 0; c < EC_P256_COMBS; c++) {
			w = 0;
			for (j = 3; j >= 0; j--) {
				w = w << 1 | kbit(k, i + EC_P256_COMB_D *
				    (4 * c + j));
			}
			comb_get(&g, c, w);
			pt_add_affine(&t, r, &g);
			pt_ct_copy(r, &t, ~eq_mask(w, 0));
		}
	}
}

/* A scalar of klen <= 32 bytes, left-padded to 32. */
static void
scalar32(unsigned char *k32, const unsigned char *k, size_t klen)
{
	memset(k32, 0, 32 - klen);
	memcpy(k32 + 32 - klen, k, klen);
}

/*
 * Where the rest goes: br_ec_all_m31's own choices for X25519, P-384 and
 * P-521, named directly so that BearSSL's P-256 (p256_m31, 9 KB) is not
 * linked in on our account.  Scalars longer than 32 bytes (never from
 * ccheck) go to the generic code too.
 */
static const br_ec_impl *
other(int curve)
{
	return curve == BR_EC_curve25519 ? &br_ec_c25519_m31 :
	    &br_ec_prime_i31;
}

static const unsigned char *
api_generator(int curve, size_t *len)
{
	return other(curve)->generator(curve, len);
}

static const unsigned char *
api_order(int curve, size_t *len)
{
	return other(curve)->order(curve, len);
}

static size_t
api_xoff(int curve, size_t *len)
{
	return other(curve)->xoff(curve, len);
}

static uint32_t
api_mul(unsigned char *g, size_t glen, const unsigned char *k, size_t klen,
    int curve)
{
	unsigned char k32[32];
	struct pt p;
	struct pt r;

	if (curve != BR_EC_secp256r1 || klen > 32) {
		return other(curve)->mul(g, glen, k, klen, curve);
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
		return other(curve)->mulgen(out, k, klen, curve);
	}
	scalar32(k32, k, klen);
	pt_mulgen(&r, k32);
	pt_encode(out, &r);
	return 65;
}

/* Whether the big-endian k is 0 (public here: may branch). */
static int
is_zero(const unsigned char *k, size_t len)
{
	while (len > 0 && k[len - 1] == 0) {
		len--;
	}
	return len == 0;
}

/*
 * a = x a + y b (b NULL: the generator), for ECDSA verification: public
 * data, but the constant-time pieces are already here and 3 times
 * faster than p256_m31's.  0 for a bad point, a zero scalar (BearSSL's
 * contract) or a sum at infinity.
 */
static uint32_t
api_muladd(unsigned char *a, const unsigned char *b, size_t len,
    const unsigned char *x, size_t xlen, const unsigned char *y,
    size_t ylen, int curve)
{
	unsigned char k32[32];
	uint64_t z[4];
	struct pt p;
	struct pt q;

	if (curve != BR_EC_secp256r1 || xlen > 32 || ylen > 32) {
		return other(curve)->muladd(a, b, len, x, xlen, y, ylen,
		    curve);
	}
	if (!pt_decode(&p, a, len) || (b != NULL && !pt_decode(&q, b, len)) ||
	    is_zero(x, xlen) || is_zero(y, ylen)) {
		return 0;
	}
	scalar32(k32, x, xlen);
	pt_mul(&p, &p, k32);
	scalar32(k32, y, ylen);
	if (b != NULL) {
		pt_mul(&q, &q, k32);
	} else {
		pt_mulgen(&q, k32);
	}
	pt_add(&p, &p, &q);
	fe_canon(z, p.z);
	if ((z[0] | z[1] | z[2] | z[3]) == 0) {
		return 0;
	}
	pt_encode(a, &p);
	return 1;
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
