/* SPDX-License-Identifier: MIT */
/*
 * mkecgen: build-host generator of ec64_tab.h, the curve constants of
 * ecdsa_vrfy.c in the form it computes with: for P-256, P-384 and P-521
 * (FIPS 186-4 D.1.2, SEC 2 2.4-2.6, below as 64-bit limbs), p, the
 * Montgomery constants, R^2 mod p, b, and the odd multiples G, 3G, ...,
 * (2^(W-1) - 1)G of the generator, affine, in Montgomery form (n and G
 * themselves come from BearSSL at run time).  "mkecgen W256 W384 W521"
 * writes C to stdout, with a table of width W for each curve (0: none).
 * Each point is decoded back through ec64_decode (on the curve,
 * coordinates below p) before it is written.  Never linked
 * into ccheck.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ec64.h"
#include "mont64.h"

#define K EC64_MAX_LIMBS

static const struct src {
	const char *name;
	size_t k, len;
	unsigned nbits;
	uint64_t p[K], n[K], b[K], gx[K], gy[K];
} curves[3] = {
	{ "p256", 4, 32, 256,
	  { 0xffffffffffffffff, 0x00000000ffffffff, 0x0000000000000000,
	    0xffffffff00000001 },
	  { 0xf3b9cac2fc632551, 0xbce6faada7179e84, 0xffffffffffffffff,
	    0xffffffff00000000 },
	  { 0x3bce3c3e27d2604b, 0x651d06b0cc53b0f6, 0xb3ebbd55769886bc,
	    0x5ac635d8aa3a93e7 },
	  { 0xf4a13945d898c296, 0x77037d812deb33a0, 0xf8bce6e563a440f2,
	    0x6b17d1f2e12c4247 },
	  { 0xcbb6406837bf51f5, 0x2bce33576b315ece, 0x8ee7eb4a7c0f9e16,
	    0x4fe342e2fe1a7f9b } },
	{ "p384", 6, 48, 384,
	  { 0x00000000ffffffff, 0xffffffff00000000, 0xfffffffffffffffe,
	    0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff },
	  { 0xecec196accc52973, 0x581a0db248b0a77a, 0xc7634d81f4372ddf,
	    0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff },
	  { 0x2a85c8edd3ec2aef, 0xc656398d8a2ed19d, 0x0314088f5013875a,
	    0x181d9c6efe814112, 0x988e056be3f82d19, 0xb3312fa7e23ee7e4 },
	  { 0x3a545e3872760ab7, 0x5502f25dbf55296c, 0x59f741e082542a38,
	    0x6e1d3b628ba79b98, 0x8eb1c71ef320ad74, 0xaa87ca22be8b0537 },
	  { 0x7a431d7c90ea0e5f, 0x0a60b1ce1d7e819d, 0xe9da3113b5f0b8c0,
	    0xf8f41dbd289a147c, 0x5d9e98bf9292dc29, 0x3617de4a96262c6f } },
	{ "p521", 9, 66, 521,
	  { 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff,
	    0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff,
	    0xffffffffffffffff, 0xffffffffffffffff, 0x00000000000001ff },
	  { 0xbb6fb71e91386409, 0x3bb5c9b8899c47ae, 0x7fcc0148f709a5d0,
	    0x51868783bf2f966b, 0xfffffffffffffffa, 0xffffffffffffffff,
	    0xffffffffffffffff, 0xffffffffffffffff, 0x00000000000001ff },
	  { 0xef451fd46b503f00, 0x3573df883d2c34f1, 0x1652c0bd3bb1bf07,
	    0x56193951ec7e937b, 0xb8b489918ef109e1, 0xa2da725b99b315f3,
	    0x929a21a0b68540ee, 0x953eb9618e1c9a1f, 0x0000000000000051 },
	  { 0xf97e7e31c2e5bd66, 0x3348b3c1856a429b, 0xfe1dc127a2ffa8de,
	    0xa14b5e77efe75928, 0xf828af606b4d3dba, 0x9c648139053fb521,
	    0x9e3ecb662395b442, 0x858e06b70404e9cd, 0x00000000000000c6 },
	  { 0x88be94769fd16650, 0x353c7086a272c240, 0xc550b9013fad0761,
	    0x97ee72995ef42640, 0x17afbd17273e662c, 0x98f54449579b4468,
	    0x5c8a5fb42c7d1bd9, 0x39296a789a3bc004, 0x0000000000000118 } },
};

/* Every limb, in one array: separate ones would each be padded to 32
 * bytes.  Widths 7 7 7 make it 1,560 limbs. */
static uint64_t limbs[2048];
static size_t n_limbs;

/* Appends a (n limbs) to limbs[], returns its offset. */
static size_t
add(const uint64_t *a, size_t n)
{
	size_t off = n_limbs;

	if (n_limbs + n > sizeof limbs / sizeof *limbs) {
		fprintf(stderr, "mkecgen: limbs[] too small\n");
		exit(1);
	}
	memcpy(limbs + n_limbs, a, n * sizeof *a);
	n_limbs += n;
	return off;
}

/* The affine point of P (plain Z inverted, then back in the form). */
static void
to_affine(const struct ec64_curve *c, struct ec64_point *p)
{
	uint64_t zi[K] = { 1 };
	uint64_t t[K];

	ec64_fmul(c, zi, p->z, zi);
	mont64_inv(zi, zi, c->p, c->k);
	ec64_fmul(c, zi, zi, c->r2);
	ec64_fmul(c, t, zi, zi);
	ec64_fmul(c, p->x, p->x, t);
	ec64_fmul(c, t, t, zi);
	ec64_fmul(c, p->y, p->y, t);
}

/* Decodes the affine P through the byte form; 0 when that fails. */
static int
check(const struct ec64_curve *c, const struct ec64_point *p)
{
	uint64_t one[K] = { 1 };
	uint64_t t[K];
	unsigned char q[1 + 2 * 66];
	struct ec64_point back;

	q[0] = 0x04;
	ec64_fmul(c, t, p->x, one);
	mont64_encode(q + 1, c->len, t);
	ec64_fmul(c, t, p->y, one);
	mont64_encode(q + 1 + c->len, c->len, t);
	return ec64_decode(c, &back, q, 1 + 2 * c->len) &&
	    memcmp(back.x, p->x, c->k * sizeof *t) == 0 &&
	    memcmp(back.y, p->y, c->k * sizeof *t) == 0;
}

/* x 2^256 mod p (the form computed here) to fe256's x 2^260 mod p: four
 * doublings. */
static void
to_fe(const struct ec64_curve *c, uint64_t *x)
{
	int i;

	for (i = 0; i < 4; i++) {
		if (mont64_add(x, x, c->k) != 0 ||
		    mont64_cmp(x, c->p, c->k) >= 0) {
			mont64_sub(x, c->p, c->k);
		}
	}
}

/* Offsets in limbs[] of each curve's p, n, r2, bm and g. */
static size_t offs[3][5];

static int
curve(const struct src *s, int w, int fe, size_t *off)
{
	static uint64_t tab[64 * 2 * K];
	uint64_t r2[K], bm[K];
	struct ec64_curve c;
	struct ec64_point g, g2, p;
	size_t k = s->k;
	size_t n = w == 0 ? 0 : (size_t)1 << (w - 2);
	size_t i;

	memset(&c, 0, sizeof c);
	c.k = (uint16_t)k;
	c.len = (uint16_t)s->len;
	c.p = s->p;
	c.n = s->n;
	c.pinv = mont64_ninv(s->p[0]);
	c.ninv = mont64_ninv(s->n[0]);
	mont64_r2(r2, c.p, c.pinv, k);
	c.r2 = r2;
	ec64_fmul(&c, bm, s->b, r2);
	c.bm = bm;
	memset(&g, 0, sizeof g);
	ec64_fmul(&c, g.x, s->gx, r2);
	ec64_fmul(&c, g.y, s->gy, r2);
	g.z[0] = 1;
	ec64_fmul(&c, g.z, g.z, r2);
	g2 = g;
	ec64_double(&c, &g2);
	p = g;
	for (i = 0; i < n; i++) {
		struct ec64_point a = p;

		to_affine(&c, &a);
		if (!check(&c, &a)) {
			fprintf(stderr, "mkecgen: %s: %zuG is wrong\n",
			    s->name, 2 * i + 1);
			return -1;
		}
		if (fe) {
			to_fe(&c, a.x);
			to_fe(&c, a.y);
		}
		memcpy(tab + 2 * k * i, a.x, k * sizeof *tab);
		memcpy(tab + 2 * k * i + k, a.y, k * sizeof *tab);
		ec64_add(&c, &p, g2.x, g2.y, g2.z, 0);
	}
	off[0] = add(s->p, k);
	off[2] = add(r2, k);
	off[3] = add(bm, k);
	off[4] = add(tab, 2 * k * n);
	return 0;
}

int
main(int argc, char **argv)
{
	int w[3];
	size_t j;
	int i;

	for (i = 0; i < 3; i++) {
		w[i] = argc == 4 ? atoi(argv[1 + i]) : 0;
		if (w[i] != 0 && (w[i] < 3 || w[i] > 7)) {
			fprintf(stderr, "usage: mkecgen W256 W384 W521 "
			    "(3..7, or 0: no table)\n");
			return 1;
		}
	}
	printf("/* Generated by mkecgen %d %d %d (src/host/mkecgen.c) from its "
	    "curve\n * constants; do not edit. */\n", w[0], w[1], w[2]);
	for (i = 0; i < 3; i++) {
		if (curve(&curves[i], w[i], i == 0, offs[i]) != 0) {
			return 1;
		}
	}
	printf("\n/* p, R^2 mod p, b, G's odd multiples of each curve */\n"
	    "static const uint64_t ec64_limbs[%zu] = {", n_limbs);
	for (j = 0; j < n_limbs; j++) {
		printf("%s0x%016llxu,", j % 3 == 0 ? "\n\t" : " ",
		    (unsigned long long)limbs[j]);
	}
	printf("\n};\n\n/* P-256, P-384, P-521 */\n"
	    "static const struct ec64_curve ec64_curves[3] = {\n");
	for (i = 0; i < 3; i++) {
		const struct src *s = &curves[i];
		const size_t *o = offs[i];

		/* ccheck's P-256 computes on fe256's elements (ec64.h), its
		 * table in their form. */
		printf("\t{ %zu, %zu, %u, %d, %d, 0x%016llxu, 0x%016llxu,\n"
		    "\t  ec64_limbs + %zu, NULL, ec64_limbs + %zu, "
		    "ec64_limbs + %zu,\n\t  ",
		    s->k, s->len, s->nbits, w[i], i == 0,
		    (unsigned long long)mont64_ninv(s->p[0]),
		    (unsigned long long)mont64_ninv(s->n[0]),
		    o[0], o[2], o[3]);
		if (w[i] == 0) {
			printf("NULL },\n");
		} else {
			printf("ec64_limbs + %zu },\n", o[4]);
		}
	}
	printf("};\n");
	return 0;
}
