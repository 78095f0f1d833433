/* SPDX-License-Identifier: MIT */
/*
 * ec64: field and point arithmetic for the NIST curves, on mont64's
 * Montgomery products.  The point formulas are the a = -3 ones of the
 * Explicit-Formulas Database (dbl-2001-b, add-1998-cmo-2, madd for Z2 =
 * 1); they fail only on P = Q and on infinity, which ec64_add tests for
 * first.
 */
#include <string.h>

#include "ec64.h"
#include "mont64.h"

#ifdef __SIZEOF_INT128__

#define K EC64_MAX_LIMBS

typedef unsigned __int128 u128;

/*
 * A P-256 verification spends most of its instructions in the field
 * product, and mont64_mul's loops on a run-time k cost about 1,000
 * instructions a product on 4 limbs; mul_p256 below, unrolled on P-256's
 * p, about 340.  P-384 and P-521 stay on mont64's loops: few
 * certificates use them, and each unrolled copy costs kilobytes.  Only
 * P-256 has k = 4.
 */
static const uint64_t p256_p[4] = {
	0xffffffffffffffff, 0x00000000ffffffff, 0x0000000000000000,
	0xffffffff00000001
};

/*
 * P-256's Montgomery product: the 4 x 4 limb product by columns (a
 * three-word accumulator), then four reduction steps.  -1/p mod 2^64 is
 * 1, so each step's multiplier m is the lowest limb itself, and m p needs
 * two products: m p0 + m is m 2^64 exactly (p0 = 2^64 - 1), p2 is 0.
 */
static __attribute__((noinline, no_stack_protector, optimize("O2"))) void
mul_p256(uint64_t *r, const uint64_t *a, const uint64_t *b)
{
	uint64_t t[8], d[4];
	uint64_t c2 = 0, extra = 0, m, bw;
	u128 acc = 0, pr;
	int i, j, c1, c3;

#pragma GCC unroll 8
	for (i = 0; i < 7; i++) {
#pragma GCC unroll 4
		for (j = i < 4 ? 0 : i - 3; j <= i && j < 4; j++) {
			pr = (u128)a[j] * b[i - j];
			acc += pr;
			c2 += acc < pr;
		}
		t[i] = (uint64_t)acc;
		acc = (acc >> 64) | ((u128)c2 << 64);
		c2 = 0;
	}
	t[7] = (uint64_t)acc;
#pragma GCC unroll 4
	for (i = 0; i < 4; i++) {
		m = t[i];
		acc = (u128)m * p256_p[1] + t[i + 1] + m;
		t[i + 1] = (uint64_t)acc;
		acc = (acc >> 64) + t[i + 2];
		t[i + 2] = (uint64_t)acc;
		acc = (acc >> 64) + (u128)m * p256_p[3] + t[i + 3];
		t[i + 3] = (uint64_t)acc;
		acc = (acc >> 64) + t[i + 4] + extra;
		t[i + 4] = (uint64_t)acc;
		extra = (uint64_t)(acc >> 64);
	}
	/* t[4..7] + extra 2^256 < 2p: less p when that does not borrow. */
	bw = 0;
	for (i = 0; i < 4; i++) {
		c1 = __builtin_sub_overflow(t[i + 4], p256_p[i], &d[i]);
		c3 = __builtin_sub_overflow(d[i], bw, &d[i]);
		bw = (uint64_t)(c1 | c3);
	}
	m = extra == 0 && bw != 0;
	for (i = 0; i < 4; i++) {
		r[i] = m ? t[i + 4] : d[i];
	}
}

/*
 * r = a + b or a - b mod p, on a constant k and p (a template).  Carries
 * through __builtin_*_overflow: GCC compiles 128-bit sums into twice the
 * instructions here.
 */
static inline __attribute__((always_inline)) void
add_k(uint64_t *r, const uint64_t *a, const uint64_t *b, const uint64_t *p,
    size_t k, int is_sub)
{
	uint64_t t[K];
	uint64_t d[K];
	uint64_t cy = 0;
	uint64_t bw = 0;
	uint64_t x;
	size_t i;
	int c1, c2;

#pragma GCC unroll 9
	for (i = 0; i < k; i++) {
		if (is_sub) {
			c1 = __builtin_sub_overflow(a[i], b[i], &x);
			c2 = __builtin_sub_overflow(x, cy, &t[i]);
		} else {
			c1 = __builtin_add_overflow(a[i], b[i], &x);
			c2 = __builtin_add_overflow(x, cy, &t[i]);
		}
		cy = (uint64_t)(c1 | c2);
	}
	/* a + b >= p, or a - b < 0: one p off. */
#pragma GCC unroll 9
	for (i = 0; i < k; i++) {
		if (is_sub) {
			c1 = __builtin_add_overflow(t[i], p[i], &x);
			c2 = __builtin_add_overflow(x, bw, &d[i]);
		} else {
			c1 = __builtin_sub_overflow(t[i], p[i], &x);
			c2 = __builtin_sub_overflow(x, bw, &d[i]);
		}
		bw = (uint64_t)(c1 | c2);
	}
	cy = is_sub ? cy != 0 : cy != 0 || bw == 0;
#pragma GCC unroll 9
	for (i = 0; i < k; i++) {
		r[i] = cy ? d[i] : t[i];
	}
}

/*
 * The P-256 instance.  Its arrays are indexed by constants only (the
 * loops are unrolled into registers), so the stack protector's canary,
 * a fifth of a field addition's instructions, guards nothing.
 */
static __attribute__((noinline, no_stack_protector)) void
add_p256(uint64_t *r, const uint64_t *a, const uint64_t *b, int is_sub)
{
	if (is_sub) {
		add_k(r, a, b, p256_p, 4, 1);
	} else {
		add_k(r, a, b, p256_p, 4, 0);
	}
}

/* see ec64.h */
void
ec64_fmul(const struct ec64_curve *c, uint64_t *r, const uint64_t *a,
    const uint64_t *b)
{
	if (c->k == 4) {
		mul_p256(r, a, b);
	} else {
		mont64_mul(r, a, b, c->p, c->pinv, c->k);
	}
}

/* The other curves, on mont64's loops (add_k unrolled for a run-time k
 * would be 2 KB). */
static __attribute__((noinline)) void
any_add(const struct ec64_curve *c, uint64_t *r, const uint64_t *a,
    const uint64_t *b, int is_sub)
{
	uint64_t t[K];
	size_t k = c->k;

	memcpy(t, a, k * sizeof *t);
	if (is_sub) {
		if (mont64_sub(t, b, k) != 0) {
			mont64_add(t, c->p, k);
		}
	} else if (mont64_add(t, b, k) != 0 || mont64_cmp(t, c->p, k) >= 0) {
		mont64_sub(t, c->p, k);
	}
	memcpy(r, t, k * sizeof *r);
}

/* see ec64.h */
void
ec64_fadd(const struct ec64_curve *c, uint64_t *r, const uint64_t *a,
    const uint64_t *b)
{
	if (c->k == 4) {
		add_p256(r, a, b, 0);
	} else {
		any_add(c, r, a, b, 0);
	}
}

/* see ec64.h */
void
ec64_fsub(const struct ec64_curve *c, uint64_t *r, const uint64_t *a,
    const uint64_t *b)
{
	if (c->k == 4) {
		add_p256(r, a, b, 1);
	} else {
		any_add(c, r, a, b, 1);
	}
}

static int
is_zero(const uint64_t *a, size_t k)
{
	uint64_t acc = 0;
	size_t i;

	for (i = 0; i < k; i++) {
		acc |= a[i];
	}
	return acc == 0;
}

/* see ec64.h */
void
ec64_double(const struct ec64_curve *c, struct ec64_point *p)
{
	uint64_t delta[K], gamma[K], beta[K], alpha[K], t[K];

	if (is_zero(p->z, c->k)) {
		return;
	}
	ec64_fmul(c, delta, p->z, p->z);
	ec64_fmul(c, gamma, p->y, p->y);
	ec64_fmul(c, beta, p->x, gamma);
	/* alpha = 3 (X - delta)(X + delta), a = -3 */
	ec64_fsub(c, t, p->x, delta);
	ec64_fadd(c, alpha, p->x, delta);
	ec64_fmul(c, alpha, alpha, t);
	ec64_fadd(c, t, alpha, alpha);
	ec64_fadd(c, alpha, alpha, t);
	/* Z3 = (Y + Z)^2 - gamma - delta */
	ec64_fadd(c, p->z, p->y, p->z);
	ec64_fmul(c, p->z, p->z, p->z);
	ec64_fsub(c, p->z, p->z, gamma);
	ec64_fsub(c, p->z, p->z, delta);
	/* X3 = alpha^2 - 8 beta */
	ec64_fadd(c, beta, beta, beta);
	ec64_fadd(c, beta, beta, beta);
	ec64_fmul(c, p->x, alpha, alpha);
	ec64_fsub(c, p->x, p->x, beta);
	ec64_fsub(c, p->x, p->x, beta);
	/* Y3 = alpha (4 beta - X3) - 8 gamma^2 */
	ec64_fsub(c, beta, beta, p->x);
	ec64_fmul(c, p->y, alpha, beta);
	ec64_fmul(c, gamma, gamma, gamma);
	ec64_fadd(c, gamma, gamma, gamma);
	ec64_fadd(c, gamma, gamma, gamma);
	ec64_fadd(c, gamma, gamma, gamma);
	ec64_fsub(c, p->y, p->y, gamma);
}

/* see ec64.h */
void
ec64_add(const struct ec64_curve *c, struct ec64_point *p,
    const uint64_t *qx, const uint64_t *qy, const uint64_t *qz, int neg)
{
	uint64_t u1[K], u2[K], s1[K], s2[K], h[K], r[K], t[K];
	uint64_t ny[K];
	size_t k = c->k;

	if (neg) {
		memset(ny, 0, sizeof ny);
		ec64_fsub(c, ny, ny, qy);
		qy = ny;
	}
	if (qz != NULL && is_zero(qz, k)) {
		return;
	}
	if (is_zero(p->z, k)) {
		if (qz != NULL) {
			memcpy(p->x, qx, k * sizeof *qx);
			memcpy(p->y, qy, k * sizeof *qy);
			memcpy(p->z, qz, k * sizeof *qz);
		} else {
			ec64_set_affine(c, p, qx, qy);
		}
		return;
	}
	/* U1 = X1 Z2^2, S1 = Y1 Z2^3; U2 = X2 Z1^2, S2 = Y2 Z1^3 */
	if (qz != NULL) {
		ec64_fmul(c, t, qz, qz);
		ec64_fmul(c, u1, p->x, t);
		ec64_fmul(c, t, t, qz);
		ec64_fmul(c, s1, p->y, t);
	} else {
		memcpy(u1, p->x, k * sizeof *u1);
		memcpy(s1, p->y, k * sizeof *s1);
	}
	ec64_fmul(c, t, p->z, p->z);
	ec64_fmul(c, u2, qx, t);
	ec64_fmul(c, t, t, p->z);
	ec64_fmul(c, s2, qy, t);
	ec64_fsub(c, h, u2, u1);
	ec64_fsub(c, r, s2, s1);
	if (is_zero(h, k)) {
		if (is_zero(r, k)) {
			ec64_double(c, p);
		} else {
			memset(p->z, 0, k * sizeof *p->z);	/* P = -Q */
		}
		return;
	}
	/* Z3 = Z1 Z2 H */
	if (qz != NULL) {
		ec64_fmul(c, p->z, p->z, qz);
	}
	ec64_fmul(c, p->z, p->z, h);
	/* X3 = r^2 - H^3 - 2 U1 H^2; Y3 = r (U1 H^2 - X3) - S1 H^3 */
	ec64_fmul(c, t, h, h);
	ec64_fmul(c, u1, u1, t);
	ec64_fmul(c, t, t, h);
	ec64_fmul(c, p->x, r, r);
	ec64_fsub(c, p->x, p->x, t);
	ec64_fsub(c, p->x, p->x, u1);
	ec64_fsub(c, p->x, p->x, u1);
	ec64_fsub(c, u1, u1, p->x);
	ec64_fmul(c, p->y, r, u1);
	ec64_fmul(c, t, t, s1);
	ec64_fsub(c, p->y, p->y, t);
}

/* see ec64.h */
void
ec64_set_affine(const struct ec64_curve *c, struct ec64_point *p,
    const uint64_t *x, const uint64_t *y)
{
	uint64_t one[K] = { 1 };

	memmove(p->x, x, c->k * sizeof *x);
	memmove(p->y, y, c->k * sizeof *y);
	/* Montgomery 1: R mod p = R^2 / R */
	ec64_fmul(c, p->z, c->r2, one);
}

/* see ec64.h */
int
ec64_decode(const struct ec64_curve *c, struct ec64_point *p,
    const unsigned char *q, size_t len)
{
	uint64_t lhs[K], rhs[K], t[K];
	size_t k = c->k;

	if (len != 1 + 2 * (size_t)c->len || q[0] != 0x04) {
		return 0;
	}
	mont64_decode(p->x, k, q + 1, c->len);
	mont64_decode(p->y, k, q + 1 + c->len, c->len);
	if (mont64_cmp(p->x, c->p, k) >= 0 || mont64_cmp(p->y, c->p, k) >= 0) {
		return 0;
	}
	ec64_fmul(c, p->x, p->x, c->r2);
	ec64_fmul(c, p->y, p->y, c->r2);
	/* y^2 = x^3 - 3x + b */
	ec64_fmul(c, lhs, p->y, p->y);
	ec64_fmul(c, rhs, p->x, p->x);
	ec64_fmul(c, rhs, rhs, p->x);
	ec64_fadd(c, t, p->x, p->x);
	ec64_fadd(c, t, t, p->x);
	ec64_fsub(c, rhs, rhs, t);
	ec64_fadd(c, rhs, rhs, c->bm);
	if (mont64_cmp(lhs, rhs, k) != 0) {
		return 0;
	}
	ec64_set_affine(c, p, p->x, p->y);
	return 1;
}

/* see ec64.h */
int
ec64_x_is(const struct ec64_curve *c, const struct ec64_point *p,
    const uint64_t *r)
{
	uint64_t zz[K], x[K], one[K], t[K];
	size_t k = c->k;

	if (is_zero(p->z, k)) {
		return 0;
	}
	/* X / Z^2 = r + j n (j = 0, or 1 when below p: n < p < 2n) avoids
	 * the inversion: X = (r + j n) Z^2, out of Montgomery form. */
	ec64_fmul(c, zz, p->z, p->z);
	memset(one, 0, sizeof one);
	one[0] = 1;
	ec64_fmul(c, x, p->x, one);
	ec64_fmul(c, t, r, zz);
	if (mont64_cmp(t, x, k) == 0) {
		return 1;
	}
	memcpy(t, r, k * sizeof *t);
	if (mont64_add(t, c->n, k) != 0 || mont64_cmp(t, c->p, k) >= 0) {
		return 0;
	}
	ec64_fmul(c, t, t, zz);
	return mont64_cmp(t, x, k) == 0;
}

#endif
