/* SPDX-License-Identifier: MIT */
/*
 * ec64: field and point arithmetic for the NIST curves, on mont64's
 * Montgomery products, or fe256's for ccheck's P-256 (c->fe).  The point
 * formulas are the a = -3 ones of the Explicit-Formulas Database
 * (dbl-2001-b, add-1998-cmo-2, madd for Z2 = 1); they fail only on P = Q
 * and on infinity, which ec64_add tests for first.
 */
#include <string.h>

#include "ec64.h"
#include "fe256.h"
#include "mont64.h"

#ifdef __SIZEOF_INT128__

#define K EC64_MAX_LIMBS

/*
 * The field operations, inlined where ec64.c calls them (a call and the
 * curve test cost a fifth of a P-256 addition); ec64_f* export them.
 */
#define INLINE static inline __attribute__((always_inline))

/* a + b or a - b mod p on mont64's loops. */
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

INLINE void
fmul(const struct ec64_curve *c, uint64_t *r, const uint64_t *a,
    const uint64_t *b)
{
	if (!c->fe) {
		mont64_mul(r, a, b, c->p, c->pinv, c->k);
	} else if (a == b) {
		fe256_sqr(r, a);
	} else {
		fe256_mul(r, a, b);
	}
}

INLINE void
fadd(const struct ec64_curve *c, uint64_t *r, const uint64_t *a,
    const uint64_t *b)
{
	if (c->fe) {
		fe256_add(r, a, b);
	} else {
		any_add(c, r, a, b, 0);
	}
}

INLINE void
fsub(const struct ec64_curve *c, uint64_t *r, const uint64_t *a,
    const uint64_t *b)
{
	if (c->fe) {
		fe256_sub(r, a, b);
	} else {
		any_add(c, r, a, b, 1);
	}
}

/* r = a - b - d. */
INLINE void
fsub2(const struct ec64_curve *c, uint64_t *r, const uint64_t *a,
    const uint64_t *b, const uint64_t *d)
{
	if (c->fe) {
		fe256_sub2(r, a, b, d);
	} else {
		any_add(c, r, a, b, 1);
		any_add(c, r, r, d, 1);
	}
}

/* see ec64.h */
void
ec64_fmul(const struct ec64_curve *c, uint64_t *r, const uint64_t *a,
    const uint64_t *b)
{
	fmul(c, r, a, b);
}

/* see ec64.h */
void
ec64_fadd(const struct ec64_curve *c, uint64_t *r, const uint64_t *a,
    const uint64_t *b)
{
	fadd(c, r, a, b);
}

/* see ec64.h */
void
ec64_fsub(const struct ec64_curve *c, uint64_t *r, const uint64_t *a,
    const uint64_t *b)
{
	fsub(c, r, a, b);
}

/* see ec64.h */
void
ec64_gpoint(const struct ec64_curve *c, size_t j, uint64_t *x, uint64_t *y)
{
	const uint64_t *g = c->g + 2 * c->k * j;

	if (c->fe) {
		fe256_from64(x, g);
		fe256_from64(y, g + 4);
		return;
	}
	memcpy(x, g, c->k * sizeof *x);
	memcpy(y, g + c->k, c->k * sizeof *y);
}

/* Limbs of a field element: fe256's five, or k. */
static size_t
flen(const struct ec64_curve *c)
{
	return c->fe ? FE256_LIMBS : c->k;
}

/* 1 when the field element a is 0 (fe256's need not be below p). */
static int
is_zero(const struct ec64_curve *c, const uint64_t *a)
{
	uint64_t acc = 0;
	size_t i;

	if (c->fe) {
		return fe256_is_zero(a) != 0;
	}
	for (i = 0; i < c->k; i++) {
		acc |= a[i];
	}
	return acc == 0;
}

/* r = a + b as an input to ec64_fmul only: fe256 takes the limbs'
 * sums uncarried (fe256.h). */
INLINE void
fadd_lazy(const struct ec64_curve *c, uint64_t *r, const uint64_t *a,
    const uint64_t *b)
{
	size_t i;

	if (!c->fe) {
		fadd(c, r, a, b);
		return;
	}
	for (i = 0; i < FE256_LIMBS; i++) {
		r[i] = a[i] + b[i];
	}
}

/* r = m a for m = 3, 4 or 8: one pass of carries on fe256. */
INLINE void
fsmall(const struct ec64_curve *c, uint64_t *r, const uint64_t *a,
    unsigned m)
{
	uint64_t t[K];

	if (c->fe) {
		fe256_mul_small(r, a, m);
		return;
	}
	memcpy(t, a, c->k * sizeof *t);
	fadd(c, r, t, t);
	if (m == 3) {
		fadd(c, r, r, t);
		return;
	}
	for (m /= 2; m > 1; m /= 2) {
		fadd(c, r, r, r);
	}
}

/* see ec64.h */
void
ec64_double(const struct ec64_curve *c, struct ec64_point *p)
{
	uint64_t delta[K], gamma[K], beta[K], alpha[K], t[K];

	if (is_zero(c, p->z)) {
		return;
	}
	fmul(c, delta, p->z, p->z);
	fmul(c, gamma, p->y, p->y);
	fmul(c, beta, p->x, gamma);
	/* alpha = 3 (X - delta)(X + delta), a = -3 */
	fsub(c, t, p->x, delta);
	fadd_lazy(c, alpha, p->x, delta);
	fmul(c, alpha, alpha, t);
	fsmall(c, alpha, alpha, 3);
	/* Z3 = (Y + Z)^2 - gamma - delta */
	fadd_lazy(c, p->z, p->y, p->z);
	fmul(c, p->z, p->z, p->z);
	fsub2(c, p->z, p->z, gamma, delta);
	/* X3 = alpha^2 - 8 beta */
	fsmall(c, beta, beta, 4);
	fmul(c, p->x, alpha, alpha);
	fsub2(c, p->x, p->x, beta, beta);
	/* Y3 = alpha (4 beta - X3) - 8 gamma^2 */
	fsub(c, beta, beta, p->x);
	fmul(c, p->y, alpha, beta);
	fmul(c, gamma, gamma, gamma);
	fsmall(c, gamma, gamma, 8);
	fsub(c, p->y, p->y, gamma);
}

/* see ec64.h */
void
ec64_add(const struct ec64_curve *c, struct ec64_point *p,
    const uint64_t *qx, const uint64_t *qy, const uint64_t *qz, int neg)
{
	uint64_t u1[K], u2[K], s1[K], s2[K], h[K], r[K], t[K];
	uint64_t ny[K];
	size_t k = flen(c);

	if (neg) {
		memset(ny, 0, sizeof ny);
		fsub(c, ny, ny, qy);
		qy = ny;
	}
	if (qz != NULL && is_zero(c, qz)) {
		return;
	}
	if (is_zero(c, p->z)) {
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
		fmul(c, t, qz, qz);
		fmul(c, u1, p->x, t);
		fmul(c, t, t, qz);
		fmul(c, s1, p->y, t);
	} else {
		memcpy(u1, p->x, k * sizeof *u1);
		memcpy(s1, p->y, k * sizeof *s1);
	}
	fmul(c, t, p->z, p->z);
	fmul(c, u2, qx, t);
	fmul(c, t, t, p->z);
	fmul(c, s2, qy, t);
	fsub(c, h, u2, u1);
	fsub(c, r, s2, s1);
	if (is_zero(c, h)) {
		if (is_zero(c, r)) {
			ec64_double(c, p);
		} else {
			memset(p->z, 0, k * sizeof *p->z);	/* P = -Q */
		}
		return;
	}
	/* Z3 = Z1 Z2 H */
	if (qz != NULL) {
		fmul(c, p->z, p->z, qz);
	}
	fmul(c, p->z, p->z, h);
	/* X3 = r^2 - H^3 - 2 U1 H^2; Y3 = r (U1 H^2 - X3) - S1 H^3 */
	fmul(c, t, h, h);
	fmul(c, u1, u1, t);
	fmul(c, t, t, h);
	fmul(c, p->x, r, r);
	fsub2(c, p->x, p->x, u1, u1);
	fsub(c, p->x, p->x, t);
	fsub(c, u1, u1, p->x);
	fmul(c, p->y, r, u1);
	fmul(c, t, t, s1);
	fsub(c, p->y, p->y, t);
}

/* see ec64.h */
void
ec64_set_affine(const struct ec64_curve *c, struct ec64_point *p,
    const uint64_t *x, const uint64_t *y)
{
	uint64_t one[K] = { 1 };

	memmove(p->x, x, flen(c) * sizeof *x);
	memmove(p->y, y, flen(c) * sizeof *y);
	if (c->fe) {
		memcpy(p->z, fe256_one, sizeof fe256_one);
	} else {
		/* Montgomery 1: R mod p = R^2 / R */
		fmul(c, p->z, c->r2, one);
	}
}

/* see ec64.h */
int
ec64_decode(const struct ec64_curve *c, struct ec64_point *p,
    const unsigned char *q, size_t len)
{
	uint64_t lhs[K], rhs[K], t[K];
	size_t k = c->k;

	memset(p, 0, sizeof *p);
	if (len != 1 + 2 * (size_t)c->len || q[0] != 0x04) {
		return 0;
	}
	if (c->fe) {
		if (!fe256_decode(p->x, q + 1) || !fe256_decode(p->y, q + 33)) {
			return 0;
		}
	} else {
		mont64_decode(p->x, k, q + 1, c->len);
		mont64_decode(p->y, k, q + 1 + c->len, c->len);
		if (mont64_cmp(p->x, c->p, k) >= 0 ||
		    mont64_cmp(p->y, c->p, k) >= 0) {
			return 0;
		}
		fmul(c, p->x, p->x, c->r2);
		fmul(c, p->y, p->y, c->r2);
	}
	/* y^2 = x^3 - 3x + b */
	fmul(c, lhs, p->y, p->y);
	fmul(c, rhs, p->x, p->x);
	fmul(c, rhs, rhs, p->x);
	fadd(c, t, p->x, p->x);
	fadd(c, t, t, p->x);
	fsub(c, rhs, rhs, t);
	fadd(c, rhs, rhs, c->fe ? fe256_b : c->bm);
	fsub(c, t, lhs, rhs);
	if (!is_zero(c, t)) {
		return 0;
	}
	ec64_set_affine(c, p, p->x, p->y);
	return 1;
}

/* t = r Z^2 and x = X, both out of Montgomery form: equal mod p when
 * X / Z^2 = r.  r is plain (below 2^(64k)), zz Montgomery. */
static int
x_matches(const struct ec64_curve *c, const uint64_t *r, const uint64_t *zz,
    const uint64_t *x)
{
	uint64_t rf[K], t[K];

	memset(rf, 0, sizeof rf);
	if (c->fe) {
		fe256_from64(rf, r);
	} else {
		memcpy(rf, r, c->k * sizeof *rf);
	}
	fmul(c, t, rf, zz);
	fsub(c, t, t, x);
	return is_zero(c, t);
}

/* see ec64.h */
int
ec64_x_is(const struct ec64_curve *c, const struct ec64_point *p,
    const uint64_t *r)
{
	uint64_t zz[K], x[K], one[K], t[K];
	size_t k = c->k;

	if (is_zero(c, p->z)) {
		return 0;
	}
	/* X / Z^2 = r + j n (j = 0, or 1 when below p: n < p < 2n) avoids
	 * the inversion: X = (r + j n) Z^2, out of Montgomery form. */
	fmul(c, zz, p->z, p->z);
	memset(one, 0, sizeof one);
	one[0] = 1;
	fmul(c, x, p->x, one);
	if (x_matches(c, r, zz, x)) {
		return 1;
	}
	memcpy(t, r, k * sizeof *t);
	if (mont64_add(t, c->n, k) != 0 || mont64_cmp(t, c->p, k) >= 0) {
		return 0;
	}
	return x_matches(c, t, zz, x);
}

#endif
