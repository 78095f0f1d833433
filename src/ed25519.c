/* SPDX-License-Identifier: MIT */
/*
 * ed25519: field arithmetic modulo p = 2^255 - 19 on sixteen signed
 * 64-bit limbs of 16 bits each (radix 2^16: every product fits in 64
 * bits without a 128-bit type, so the same code runs on all four
 * targets), points in extended coordinates (X:Y:Z:T) on the twisted
 * Edwards curve -x^2 + y^2 = 1 + d x^2 y^2, and one bit-by-bit double
 * scalar multiplication.  The addition law used is complete for this
 * curve, so it doubles too and one formula is all the code there is.
 * The constants d and sqrt(-1) are computed, not tabulated, and the base
 * point is decoded from its RFC 8032 encoding: a few hundred field
 * multiplications per check buy back code size.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <bearssl.h>

#include "ed25519.h"

#define FE_N 16

/* A field element: value = sum of v[i] * 2^(16 i), limbs may be out of
 * [0, 2^16) and negative between carries. */
struct fe {
	int64_t v[FE_N];
};

struct pt {
	struct fe x, y, z, t;
};

/* The group order L = 2^252 + 27742317777372353535851937790883648493,
 * little-endian. */
static const unsigned char order_l[32] = {
	0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58,
	0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10
};

static void
fe_small(struct fe *o, int64_t n)
{
	memset(o, 0, sizeof *o);
	o->v[0] = n;
}

/*
 * Brings every limb into [0, 2^16), folding the carry out of the top
 * limb back in as 38 (2^256 = 38 mod p).  The shift of a negative limb
 * is arithmetic on every compiler we build with (GCC documents it).
 */
static void
fe_carry(struct fe *o)
{
	int64_t c;
	int i;

	for (i = 0; i < FE_N; i++) {
		c = o->v[i] >> 16;
		o->v[i] -= c * 65536;
		if (i < FE_N - 1) {
			o->v[i + 1] += c;
		} else {
			o->v[0] += 38 * c;
		}
	}
}

static void
fe_add(struct fe *o, const struct fe *a, const struct fe *b)
{
	int i;

	for (i = 0; i < FE_N; i++) {
		o->v[i] = a->v[i] + b->v[i];
	}
}

static void
fe_sub(struct fe *o, const struct fe *a, const struct fe *b)
{
	int i;

	for (i = 0; i < FE_N; i++) {
		o->v[i] = a->v[i] - b->v[i];
	}
}

/* o = a * b; o may be a or b.  Inputs are sums or differences of at most
 * two carried elements, so each limb is below 2^18 in magnitude and the
 * 31 column sums stay far inside 63 bits. */
static void
fe_mul(struct fe *o, const struct fe *a, const struct fe *b)
{
	int64_t t[2 * FE_N - 1];
	int i;
	int j;

	memset(t, 0, sizeof t);
	for (i = 0; i < FE_N; i++) {
		for (j = 0; j < FE_N; j++) {
			t[i + j] += a->v[i] * b->v[j];
		}
	}
	for (i = 0; i < FE_N - 1; i++) {
		t[i] += 38 * t[i + FE_N];
	}
	memcpy(o->v, t, sizeof o->v);
	fe_carry(o);
	fe_carry(o);
}

/*
 * o = a^e for e = 2^(top + 1) - 1 - zeros: every bit from top down to 0
 * set except those in zeros (the exponents below all have that shape).
 */
static void
fe_pow(struct fe *o, const struct fe *a, int top, unsigned zeros)
{
	struct fe c = *a;
	int i;

	for (i = top - 1; i >= 0; i--) {
		fe_mul(&c, &c, &c);
		if (i >= 8 || !((zeros >> i) & 1)) {
			fe_mul(&c, &c, a);
		}
	}
	*o = c;
}

/* a^(p-2) = 1/a; p - 2 = 2^255 - 21. */
static void
fe_inv(struct fe *o, const struct fe *a)
{
	fe_pow(o, a, 254, 0x14);
}

/* The canonical little-endian encoding of a (below p). */
static void
fe_pack(unsigned char out[32], const struct fe *a)
{
	struct fe t = *a;
	struct fe m;
	int i;
	int k;

	/* After one pass only limb 0 can be out of range. */
	do {
		fe_carry(&t);
	} while ((uint64_t)t.v[0] > 0xffff);
	/* Now 0 <= t < 2^256 < 3p: subtract p while it fits. */
	for (k = 0; k < 2; k++) {
		m.v[0] = t.v[0] - 0xffed;
		for (i = 1; i < FE_N; i++) {
			m.v[i] = t.v[i] - (i == FE_N - 1 ? 0x7fff : 0xffff) -
			    ((m.v[i - 1] >> 16) & 1);
			m.v[i - 1] &= 0xffff;
		}
		if (!((m.v[FE_N - 1] >> 16) & 1)) {
			t = m;
		}
	}
	for (i = 0; i < FE_N; i++) {
		out[2 * i] = (unsigned char)t.v[i];
		out[2 * i + 1] = (unsigned char)(t.v[i] >> 8);
	}
}

/* 255 bits of in (the top bit ignored), not reduced. */
static void
fe_unpack(struct fe *o, const unsigned char in[32])
{
	int i;

	for (i = 0; i < FE_N; i++) {
		o->v[i] = in[2 * i] | (int64_t)in[2 * i + 1] << 8;
	}
	o->v[FE_N - 1] &= 0x7fff;
}

static bool
fe_eq(const struct fe *a, const struct fe *b)
{
	unsigned char x[32];
	unsigned char y[32];

	fe_pack(x, a);
	fe_pack(y, b);
	return memcmp(x, y, 32) == 0;
}

static int
fe_parity(const struct fe *a)
{
	unsigned char x[32];

	fe_pack(x, a);
	return x[0] & 1;
}

/* d = -121665 / 121666. */
static void
curve_d(struct fe *d)
{
	struct fe n;

	fe_small(&n, 121666);
	fe_inv(d, &n);
	fe_small(&n, -121665);
	fe_mul(d, d, &n);
}

/*
 * Decodes a point (RFC 8032 5.1.3), but as OpenSSL's decoder does: y is
 * not checked against p, and x = 0 with the sign bit set is not refused.
 * Returns 0, or -1 when no x exists.
 */
static int
pt_decode(struct pt *p, const unsigned char in[32], const struct fe *d)
{
	struct fe one;
	struct fe u;
	struct fe v;
	struct fe t;
	struct fe w;

	fe_small(&one, 1);
	fe_unpack(&p->y, in);
	fe_mul(&u, &p->y, &p->y);
	fe_mul(&v, &u, d);
	fe_sub(&u, &u, &one);		/* u = y^2 - 1 */
	fe_add(&v, &v, &one);		/* v = d y^2 + 1 */
	/* x = u v^3 (u v^7)^((p-5)/8), (p - 5) / 8 = 2^252 - 3. */
	fe_mul(&t, &v, &v);
	fe_mul(&t, &t, &v);		/* v^3 */
	fe_mul(&w, &t, &t);
	fe_mul(&w, &w, &v);
	fe_mul(&w, &w, &u);		/* u v^7 */
	fe_pow(&w, &w, 251, 0x2);
	fe_mul(&w, &w, &t);
	fe_mul(&p->x, &w, &u);
	fe_mul(&t, &p->x, &p->x);
	fe_mul(&t, &t, &v);		/* v x^2 */
	if (!fe_eq(&t, &u)) {
		fe_add(&t, &t, &u);
		fe_small(&w, 0);
		if (!fe_eq(&t, &w)) {
			return -1;
		}
		/* v x^2 = -u: x times sqrt(-1) = 2^((p-1)/4). */
		fe_small(&w, 2);
		fe_pow(&w, &w, 252, 0x4);
		fe_mul(&p->x, &p->x, &w);
	}
	if (fe_parity(&p->x) != in[31] >> 7) {
		fe_small(&t, 0);
		fe_sub(&p->x, &t, &p->x);
	}
	fe_small(&p->z, 1);
	fe_mul(&p->t, &p->x, &p->y);
	return 0;
}

/* o = a + b (add-2008-hwcd-3); complete on this curve, so a may be b.
 * d2 is 2d. */
static void
pt_add(struct pt *o, const struct pt *a, const struct pt *b,
    const struct fe *d2)
{
	struct fe pa;
	struct fe pb;
	struct fe pc;
	struct fe pd;
	struct fe t;

	fe_sub(&pa, &a->y, &a->x);
	fe_sub(&t, &b->y, &b->x);
	fe_mul(&pa, &pa, &t);
	fe_add(&pb, &a->y, &a->x);
	fe_add(&t, &b->y, &b->x);
	fe_mul(&pb, &pb, &t);
	fe_mul(&pc, &a->t, &b->t);
	fe_mul(&pc, &pc, d2);
	fe_mul(&pd, &a->z, &b->z);
	fe_add(&pd, &pd, &pd);
	fe_sub(&t, &pb, &pa);		/* E */
	fe_add(&pb, &pb, &pa);		/* H */
	fe_sub(&pa, &pd, &pc);		/* F */
	fe_add(&pd, &pd, &pc);		/* G */
	fe_mul(&o->x, &t, &pa);
	fe_mul(&o->y, &pd, &pb);
	fe_mul(&o->t, &t, &pb);
	fe_mul(&o->z, &pa, &pd);
}

/* Is the 32-byte little-endian number a at least b? */
static bool
sc_ge(const unsigned char *a, const unsigned char *b)
{
	int i;

	for (i = 31; i >= 0; i--) {
		if (a[i] != b[i]) {
			return a[i] > b[i];
		}
	}
	return true;
}

/* r = h mod L for the 64-byte little-endian h: bit by bit, shift in and
 * subtract L when it fits (r stays below 2L < 2^254). */
static void
sc_reduce(unsigned char r[32], const unsigned char h[64])
{
	unsigned c;
	int bit;
	int i;

	memset(r, 0, 32);
	for (bit = 511; bit >= 0; bit--) {
		c = (h[bit >> 3] >> (bit & 7)) & 1;
		for (i = 0; i < 32; i++) {
			c |= (unsigned)r[i] << 1;
			r[i] = (unsigned char)c;
			c >>= 8;
		}
		if (sc_ge(r, order_l)) {
			for (i = 0, c = 0; i < 32; i++) {
				c = (unsigned)r[i] - order_l[i] - c;
				r[i] = (unsigned char)c;
				c = (c >> 8) & 1;
			}
		}
	}
}

/* see ed25519.h */
int
ed25519_verify(const unsigned char pub[32], const unsigned char *msg,
    size_t len, const unsigned char sig[64])
{
	/* The base point: y = 4/5, x even. */
	static const unsigned char base_y[32] = {
		0x58, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
		0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
		0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
		0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66
	};
	br_sha512_context hc;
	unsigned char h[64];
	unsigned char k[32];
	unsigned char out[32];
	struct fe d;
	struct fe d2;
	struct pt a;
	struct pt b;
	struct pt r;
	int bit;

	if (sc_ge(sig + 32, order_l)) {
		return 0;
	}
	curve_d(&d);
	if (pt_decode(&a, pub, &d) < 0 || pt_decode(&b, base_y, &d) < 0) {
		return 0;
	}
	fe_add(&d2, &d, &d);
	/* -A, so one loop adds [S]B and [k](-A). */
	fe_small(&r.x, 0);
	fe_sub(&a.x, &r.x, &a.x);
	fe_sub(&a.t, &r.x, &a.t);
	br_sha512_init(&hc);
	br_sha512_update(&hc, sig, 32);
	br_sha512_update(&hc, pub, 32);
	br_sha512_update(&hc, msg, len);
	br_sha512_out(&hc, h);
	sc_reduce(k, h);
	/* The neutral element (0:1:1:0). */
	fe_small(&r.y, 1);
	r.z = r.y;
	r.t = r.x;
	for (bit = 252; bit >= 0; bit--) {
		pt_add(&r, &r, &r, &d2);
		if ((sig[32 + (bit >> 3)] >> (bit & 7)) & 1) {
			pt_add(&r, &r, &b, &d2);
		}
		if ((k[bit >> 3] >> (bit & 7)) & 1) {
			pt_add(&r, &r, &a, &d2);
		}
	}
	fe_inv(&d, &r.z);
	fe_mul(&r.x, &r.x, &d);
	fe_mul(&r.y, &r.y, &d);
	fe_pack(out, &r.y);
	out[31] |= (unsigned char)(fe_parity(&r.x) << 7);
	return memcmp(out, sig, 32) == 0;
}
