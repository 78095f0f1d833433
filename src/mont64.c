/* SPDX-License-Identifier: MIT */
/*
 * mont64: limb arithmetic shared by the verification paths.  The
 * Montgomery product is CIOS (Koc, Acar and Kaliski 1996): one pass per
 * limb of b, multiplying and reducing together, so the temporary is k + 2
 * limbs whatever the operand size.  Into the form: a single value by a
 * long division (mont64_to_form); many under one modulus by a product
 * with R^2 mod n, which mont64_r2 finds with a few doublings and
 * log2(64k) squarings: R mod n comes from doubling 2^(bits-1), and R^2
 * mod n is the Montgomery form of 2^(64k), the power of Montgomery 2
 * (= 2R mod n), where a product by 2 is a doubling.
 */
#include <string.h>

#include "mont64.h"

#ifdef __SIZEOF_INT128__

typedef unsigned __int128 u128;

/* -Oz spills the 128-bit sums to the stack; O2 keeps them in registers. */
#define HOT __attribute__((optimize("O2")))

/* see mont64.h */
void
mont64_decode(uint64_t *a, size_t k, const unsigned char *s, size_t len)
{
	size_t i;

	memset(a, 0, k * sizeof *a);
	for (i = 0; i < len; i++) {
		a[i / 8] |= (uint64_t)s[len - 1 - i] << (8 * (i % 8));
	}
}

/* see mont64.h */
void
mont64_encode(unsigned char *s, size_t len, const uint64_t *a)
{
	size_t i;

	for (i = 0; i < len; i++) {
		s[len - 1 - i] = (unsigned char)(a[i / 8] >> (8 * (i % 8)));
	}
}

/* see mont64.h */
int
mont64_cmp(const uint64_t *a, const uint64_t *b, size_t k)
{
	while (k-- > 0) {
		if (a[k] != b[k]) {
			return a[k] < b[k] ? -1 : 1;
		}
	}
	return 0;
}

/* see mont64.h */
uint64_t
mont64_add(uint64_t *a, const uint64_t *b, size_t k)
{
	u128 c = 0;
	size_t i;

	for (i = 0; i < k; i++) {
		c += (u128)a[i] + b[i];
		a[i] = (uint64_t)c;
		c >>= 64;
	}
	return (uint64_t)c;
}

/* see mont64.h */
uint64_t
mont64_sub(uint64_t *a, const uint64_t *b, size_t k)
{
	uint64_t borrow = 0;
	size_t i;

	for (i = 0; i < k; i++) {
		uint64_t d = a[i] - b[i] - borrow;

		borrow = (a[i] < b[i]) | ((a[i] == b[i]) & borrow);
		a[i] = d;
	}
	return borrow;
}

/* see mont64.h */
uint64_t
mont64_ninv(uint64_t n0)
{
	uint64_t inv = n0;
	int i;

	/* n is its own inverse to 3 bits; each Newton step doubles that. */
	for (i = 0; i < 5; i++) {
		inv *= 2 - n0 * inv;
	}
	return -inv;
}

/* see mont64.h */
HOT void
mont64_mul(uint64_t *r, const uint64_t *a, const uint64_t *b,
    const uint64_t *n, uint64_t ninv, size_t k)
{
	uint64_t t[MONT64_MAX_LIMBS + 2];
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
		m = t[0] * ninv;
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
	if (t[k] != 0 || mont64_cmp(t, n, k) >= 0) {
		mont64_sub(t, n, k);
	}
	memcpy(r, t, k * sizeof *t);
}

/* see mont64.h; the square's cross products once and doubled, then
 * Montgomery's reduction: about two thirds of mont64_mul's work. */
HOT void
mont64_sqr(uint64_t *r, const uint64_t *a, const uint64_t *n, uint64_t ninv,
    size_t k)
{
	uint64_t t[2 * MONT64_MAX_LIMBS];
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
		uint64_t m = t[i] * ninv;
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
	if (hi != 0 || mont64_cmp(t + k, n, k) >= 0) {
		mont64_sub(t + k, n, k);
	}
	memcpy(r, t + k, k * sizeof *t);
}

/* a = 2a mod n, for a < n. */
static void
dbl(uint64_t *a, const uint64_t *n, size_t k)
{
	uint64_t top = mont64_add(a, a, k);

	if (top != 0 || mont64_cmp(a, n, k) >= 0) {
		mont64_sub(a, n, k);
	}
}

/* see mont64.h */
void
mont64_r2(uint64_t *r2, const uint64_t *n, uint64_t ninv, size_t k)
{
	size_t bits = 64 * k - (size_t)__builtin_clzll(n[k - 1]);
	size_t i;
	int b;

	/* 2^(bits-1) < n, doubled to R mod n, then to 2R mod n. */
	memset(r2, 0, k * sizeof *r2);
	r2[(bits - 1) / 64] = (uint64_t)1 << ((bits - 1) % 64);
	for (i = bits - 1; i <= 64 * k; i++) {
		dbl(r2, n, k);
	}
	for (b = 62 - __builtin_clzll(64 * k); b >= 0; b--) {
		mont64_sqr(r2, r2, n, ninv, k);
		if (((64 * k) >> b) & 1) {
			dbl(r2, n, k);
		}
	}
}

/* see mont64.h; Knuth's algorithm D (TAOCP 4.3.1) on 64-bit digits,
 * the divisor shifted so its top bit is set, the remainder kept. */
void
mont64_to_form(uint64_t *r, const uint64_t *a, const uint64_t *n, size_t k)
{
	uint64_t u[2 * MONT64_MAX_LIMBS + 1], v[MONT64_MAX_LIMBS];
	uint64_t qhat, rhat, borrow, carry;
	unsigned s = (unsigned)__builtin_clzll(n[k - 1]);
	size_t i, j;
	u128 q, p, t;

	if (k == 1) {
		r[0] = (uint64_t)(((u128)a[0] << 64) % n[0]);
		return;
	}
	/* v = n << s; u = (a 2^(64k)) << s, 2k + 1 digits. */
	for (i = k - 1; i > 0; i--) {
		v[i] = (n[i] << s) | (s ? n[i - 1] >> (64 - s) : 0);
	}
	v[0] = n[0] << s;
	memset(u, 0, k * sizeof *u);
	u[2 * k] = s ? a[k - 1] >> (64 - s) : 0;
	for (i = k - 1; i > 0; i--) {
		u[k + i] = (a[i] << s) | (s ? a[i - 1] >> (64 - s) : 0);
	}
	u[k] = a[0] << s;

	/* a < n: k quotient digits, from the top. */
	for (j = k; j-- > 0;) {
		t = ((u128)u[j + k] << 64) | u[j + k - 1];
		q = t / v[k - 1];
		t -= q * v[k - 1];
		while (q >> 64 != 0 || (u128)(uint64_t)q * v[k - 2] >
		    ((t << 64) | u[j + k - 2])) {
			q--;
			t += v[k - 1];
			if (t >> 64 != 0) {
				break;
			}
		}
		qhat = (uint64_t)q;
		/* u[j .. j + k] -= qhat v */
		borrow = 0;
		carry = 0;
		for (i = 0; i < k; i++) {
			p = (u128)qhat * v[i] + carry;
			carry = (uint64_t)(p >> 64);
			rhat = u[i + j] - (uint64_t)p - borrow;
			borrow = (u[i + j] < (uint64_t)p) |
			    ((u[i + j] - (uint64_t)p) < borrow);
			u[i + j] = rhat;
		}
		rhat = u[j + k] - carry - borrow;
		borrow = (u[j + k] < carry) | ((u[j + k] - carry) < borrow);
		u[j + k] = rhat;
		if (borrow) {
			/* qhat was one too big (rare): add v back. */
			u[j + k] += mont64_add(u + j, v, k);
		}
	}
	/* The remainder is u[0 .. k] >> s. */
	for (i = 0; i < k; i++) {
		r[i] = (u[i] >> s) | (s ? u[i + 1] << (64 - s) : 0);
	}
}

/*
 * u, even and not 0, divided by its factor 2^t (its trailing zeros, up
 * to 63 a pass), and x < m by 2^t mod m in one product: with q = -x/m
 * mod 2^t (minv = -1/m mod 2^64), x + q m is a multiple of 2^t below
 * 2^t m.
 */
static void
shift_out_twos(uint64_t *u, uint64_t *x, const uint64_t *m, uint64_t minv,
    size_t k)
{
	uint64_t y[MONT64_INV_MAX_LIMBS + 1];
	uint64_t q;
	unsigned t;
	size_t i;
	u128 c;

	while ((u[0] & 1) == 0) {
		t = u[0] != 0 ? (unsigned)__builtin_ctzll(u[0]) : 63;
		for (i = 0; i + 1 < k; i++) {
			u[i] = (u[i] >> t) | (u[i + 1] << (64 - t));
		}
		u[k - 1] >>= t;
		q = (x[0] * minv) & (((uint64_t)1 << t) - 1);
		c = 0;
		for (i = 0; i < k; i++) {
			c += (u128)q * m[i] + x[i];
			y[i] = (uint64_t)c;
			c >>= 64;
		}
		y[k] = (uint64_t)c;
		for (i = 0; i < k; i++) {
			x[i] = (y[i] >> t) | (y[i + 1] << (64 - t));
		}
	}
}

static int
is_one(const uint64_t *a, size_t k)
{
	uint64_t acc = a[0] ^ 1;
	size_t i;

	for (i = 1; i < k; i++) {
		acc |= a[i];
	}
	return acc == 0;
}

/* see mont64.h; keeps u = x1 a and v = x2 a (mod m) while u and v shrink
 * to their gcd, 1. */
void
mont64_inv(uint64_t *r, const uint64_t *a, const uint64_t *m, size_t k)
{
	uint64_t u[MONT64_INV_MAX_LIMBS], v[MONT64_INV_MAX_LIMBS];
	uint64_t x1[MONT64_INV_MAX_LIMBS], x2[MONT64_INV_MAX_LIMBS];
	uint64_t zero[MONT64_INV_MAX_LIMBS] = { 0 };
	uint64_t minv = mont64_ninv(m[0]);

	memcpy(u, a, k * sizeof *u);
	memcpy(v, m, k * sizeof *v);
	memset(x1, 0, k * sizeof *x1);
	memset(x2, 0, k * sizeof *x2);
	x1[0] = 1;
	while (!is_one(u, k) && !is_one(v, k)) {
		if (mont64_cmp(u, zero, k) == 0) {
			break;		/* gcd(a, m) != 1: a contract breach */
		}
		shift_out_twos(u, x1, m, minv, k);
		shift_out_twos(v, x2, m, minv, k);
		if (mont64_cmp(u, v, k) >= 0) {
			mont64_sub(u, v, k);
			if (mont64_sub(x1, x2, k) != 0) {
				mont64_add(x1, m, k);
			}
		} else {
			mont64_sub(v, u, k);
			if (mont64_sub(x2, x1, k) != 0) {
				mont64_add(x2, m, k);
			}
		}
	}
	memcpy(r, is_one(u, k) ? x1 : x2, k * sizeof *r);
}

#endif
