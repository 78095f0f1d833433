/* SPDX-License-Identifier: MIT */
/*
 * ec_p256: P-256 point multiplication by a secret scalar, on fe256's
 * field elements (five 52-bit limbs).  Points are homogeneous projective
 * (X:Y:Z), infinity (0:1:0), with Jacobian coordinates for mul's runs of
 * doublings.  Nothing here branches on, or indexes memory with, the
 * scalar or any value derived from it: windows are read at fixed
 * positions, table entries are picked by scanning the whole table with
 * masks, and the formulas are complete.  tests/ct/ct_ec_p256.c checks
 * that under valgrind.
 */
#include <string.h>

#include "ec_p256.h"

#ifdef __SIZEOF_INT128__

#include "ec_p256_table.h"
#include "fe256.h"
#include "x25519.h"

/* Coordinates of FE256_LIMBS limbs each. */
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
 * fe256_mul, fe256_sqr, MULS, fe256_add and fe256_sub's first operand
 * accept: used only where that is all the programs do with it.
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

	fe256_sqr(t0, p->z);		/* delta */
	fe256_sqr(t1, p->y);		/* gamma */
	fe256_mul(t2, p->x, t1);		/* beta */
	fe256_sub(t3, p->x, t0);
	for (i = 0; i < 5; i++) {	/* uncarried: only multiplied */
		t4[i] = p->x[i] + t0[i];
		r->z[i] = p->y[i] + p->z[i];
	}
	fe256_mul(t3, t3, t4);
	fe256_mul_small(t3, t3, 3);
	/* t3: alpha */
	fe256_sqr(r->z, r->z);
	fe256_sub(r->z, r->z, t1);
	fe256_sub(r->z, r->z, t0);
	fe256_mul_small(t2, t2, 4);
	fe256_sqr(r->x, t3);
	fe256_add(t4, t2, t2);
	fe256_sub(r->x, r->x, t4);
	fe256_sub(r->y, t2, r->x);
	fe256_mul(r->y, t3, r->y);
	fe256_sqr(t1, t1);
	fe256_mul_small(t1, t1, 8);
	fe256_sub(r->y, r->y, t1);
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
	memcpy(v[BB], fe256_b, sizeof v[BB]);
	for (i = 0; i < n; i++) {
		unsigned c = prog[i] & 15;
		uint64_t *d = v[prog[i] >> 8 & 15];
		const uint64_t *a = v[prog[i] >> 4 & 15];
		const uint64_t *b = v[c];

		switch (prog[i] >> 12) {
		case OP_MUL:
			fe256_mul(d, a, b);
			break;
		case OP_SQR:
			fe256_sqr(d, a);
			break;
		case OP_ADD:
			fe256_add(d, a, b);
			break;
		case OP_SUB:
			fe256_sub(d, a, b);
			break;
		case OP_ADDL:
			d[0] = a[0] + b[0];
			d[1] = a[1] + b[1];
			d[2] = a[2] + b[2];
			d[3] = a[3] + b[3];
			d[4] = a[4] + b[4];
			break;
		default:
			fe256_mul_small(d, a, c);
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
	uint64_t inf = fe256_is_zero(p->z);

	fe256_sqr(t, p->z);
	fe256_mul(r->y, p->y, t);
	ct_copy(r->y, fe256_one, 5, inf);
	fe256_mul(r->x, p->x, p->z);
	memcpy(r->z, p->z, sizeof r->z);
}

/* Back from Jacobian: (X Z, Y, Z^3).  r may alias p. */
static void
pt_from_jac(struct pt *r, const struct pt *p)
{
	uint64_t t[5];

	fe256_sqr(t, p->z);
	fe256_mul(r->x, p->x, p->z);
	fe256_mul(r->z, t, p->z);
	memcpy(r->y, p->y, sizeof r->y);
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

	if (len != 65 || s[0] != 0x04 || !fe256_decode(r->x, s + 1) ||
	    !fe256_decode(r->y, s + 33)) {
		return 0;
	}
	memcpy(r->z, fe256_one, sizeof r->z);
	/* y^2 = x^3 - 3x + b */
	fe256_sqr(t, r->x);
	fe256_mul(t, t, r->x);
	fe256_sub(t, t, r->x);
	fe256_sub(t, t, r->x);
	fe256_sub(t, t, r->x);
	fe256_add(t, t, fe256_b);
	fe256_sqr(u, r->y);
	fe256_sub(t, t, u);
	return fe256_is_zero(t) != 0;
}

/* 0x04, x, y; the point at infinity becomes 64 zero bytes, like BearSSL. */
static void
pt_encode(unsigned char *s, const struct pt *p)
{
	uint64_t zi[5];
	uint64_t t[5];

	fe256_inv(zi, p->z);
	s[0] = 0x04;
	fe256_mul(t, p->x, zi);
	fe256_encode(s + 1, t);
	fe256_mul(t, p->y, zi);
	fe256_encode(s + 33, t);
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
		t->y[i] = m & fe256_one[i];
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
		fe256_neg(ny, t.y);
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
	fe256_from64(g->x, w);
	fe256_from64(g->y, w + 4);
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
	memcpy(r->y, fe256_one, sizeof r->y);
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
 * Where the rest goes: X25519 to x25519.c, P-384 and P-521 to
 * br_ec_all_m31's own choice, named directly so that BearSSL's P-256
 * (p256_m31, 9 KB) is not linked in on our account.  Scalars longer than
 * 32 bytes (never from ccheck) go to the generic code too.
 */
static const br_ec_impl *
other(int curve)
{
	return curve == BR_EC_curve25519 ? x25519_impl() : &br_ec_prime_i31;
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
	if (fe256_is_zero(p.z)) {
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
