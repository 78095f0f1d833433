/* SPDX-License-Identifier: MIT */
/*
 * ecdsa_vrfy: u1 G + u2 Q with u1 = e/s, u2 = r/s mod n (SEC 1 4.1.4),
 * then X/Z^2 mod n = r.  Both scalars are recoded as width-w NAFs and
 * walked together from the top: one doubling per bit, one addition per
 * non-zero digit (about 1/(w+1) of them).  Q's odd multiples (Q, 3Q, ...,
 * 15Q) are computed here, Jacobian; G's come affine from the build
 * (ec64_tab.h), which saves their computation and makes their additions
 * cheaper, for P-256 (most certificates) only: P-384's and P-521's
 * tables would cost 2 KB, and those curves compute G's like Q's.
 */
#include <string.h>

#include "ecdsa_vrfy.h"

#ifdef __SIZEOF_INT128__

#include "ec64.h"
#include "ec64_tab.h"
#include "ec_p256.h"
#include "mont64.h"

#define K EC64_MAX_LIMBS

/* Q's window: 8 odd multiples.  Width 4 costs 8 more additions than it
 * saves on P-256, width 6 as many in the table as in the walk. */
#define WQ 5
#define QN (1 << (WQ - 2))

/* Digits of a NAF: one more than the bits of the scalar. */
#define NAF_CAP (64 * K + 1)

/* x = the big-endian integer s (any length), when 1 <= x < n. */
static int
scalar(const struct ec64_curve *c, uint64_t *x, const unsigned char *s,
    size_t len)
{
	while (len > 0 && s[0] == 0) {
		s++;
		len--;
	}
	if (len == 0 || len > c->len) {
		return 0;
	}
	mont64_decode(x, c->k, s, len);
	return mont64_cmp(x, c->n, c->k) < 0;
}

/* e = the hash's leftmost nbits bits, mod n (SEC 1 4.1.4 step 5, as
 * BearSSL's br_ecdsa_i31_bits2int: whole bytes, then a shift). */
static void
bits2int(const struct ec64_curve *c, uint64_t *e, const unsigned char *h,
    size_t len)
{
	size_t k = c->k;
	unsigned sc = 0;
	size_t i;

	if (len > (c->nbits + 7) / 8u) {
		len = (c->nbits + 7) / 8u;
	}
	if (8 * len > c->nbits) {
		sc = (unsigned)(8 * len - c->nbits);
	}
	mont64_decode(e, k, h, len);
	if (sc != 0) {
		for (i = 0; i + 1 < k; i++) {
			e[i] = (e[i] >> sc) | (e[i + 1] << (64 - sc));
		}
		e[k - 1] >>= sc;
	}
	if (mont64_cmp(e, c->n, k) >= 0) {
		mont64_sub(e, c->n, k);
	}
}

/* count (< 64) bits of u (k limbs, zero above) from bit pos. */
static unsigned
bits_at(const uint64_t *u, size_t k, size_t pos, unsigned count)
{
	size_t i = pos / 64;
	unsigned sh = (unsigned)(pos % 64);
	uint64_t v = i < k ? u[i] >> sh : 0;

	if (sh != 0 && i + 1 < k) {
		v |= u[i + 1] << (64 - sh);
	}
	return (unsigned)(v & ((1u << count) - 1));
}

/*
 * d = the width-w NAF of u (k limbs), least significant digit first;
 * returns the number of digits.  Walks the bits once: at each bit that
 * differs from the carry, the next w bits plus the carry make an odd
 * digit, negative (and a carry up) when they reach 2^(w-1).
 */
static size_t
wnaf(signed char *d, const uint64_t *u, size_t k, int w)
{
	size_t bits = 64 * k;
	size_t n = 0;
	size_t pos = 0;
	unsigned carry = 0;
	int dig;

	memset(d, 0, bits + 1);
	while (pos <= bits) {
		if (bits_at(u, k, pos, 1) == carry) {
			pos++;
			continue;
		}
		dig = (int)(bits_at(u, k, pos, (unsigned)w) + carry);
		carry = (unsigned)(dig >> (w - 1)) & 1;
		dig -= (int)(carry << w);
		d[pos] = (signed char)dig;
		n = pos + 1;
		pos += (size_t)w;
	}
	return n;
}

/* t = P, 3P, 5P, ... (QN points) for P = t[0]: 2P is the step. */
static void
odd_multiples(const struct ec64_curve *c, struct ec64_point *t)
{
	struct ec64_point d = t[0];
	size_t i;

	ec64_double(c, &d);
	for (i = 1; i < QN; i++) {
		t[i] = t[i - 1];
		ec64_add(c, &t[i], d.x, d.y, d.z, 0);
	}
}

/* see ecdsa_vrfy.h */
uint32_t
ecdsa_vrfy_raw(const br_ec_impl *impl, const void *hash, size_t hash_len,
    const br_ec_public_key *pk, const void *sig, size_t sig_len)
{
	const unsigned char *sb = sig;
	const struct ec64_curve *c;
	struct ec64_curve cv;
	const unsigned char *bp;
	size_t blen;
	struct ec64_point q[QN];
	struct ec64_point gj[QN];
	struct ec64_point acc;
	const struct ec64_point *p;
	uint64_t n[K], r[K], s[K], e[K], t[K];
	signed char d1[NAF_CAP], d2[NAF_CAP];
	uint64_t gx[K], gy[K];
	size_t k, n1, n2, i, j;
	int ci, is_gj;

	(void)impl;
	ci = pk->curve - BR_EC_secp256r1;
	if (ci < 0 || ci > 2 || (sig_len & 1) != 0) {
		return 0;
	}
	/* n, and G where the build made no table, from BearSSL's curve
	 * definitions: copies here would cost a page of file. */
	cv = ec64_curves[ci];
	c = &cv;
	k = c->k;
	bp = ec_p256_impl()->order(pk->curve, &blen);
	mont64_decode(n, k, bp, blen);
	cv.n = n;
	if (!scalar(c, r, sb, sig_len / 2) ||
	    !scalar(c, s, sb + sig_len / 2, sig_len / 2) ||
	    !ec64_decode(c, &q[0], pk->q, pk->qlen)) {
		return 0;
	}
	bits2int(c, e, hash, hash_len);

	/* 1/(s/R) = R/s, and a Montgomery product by it divides by s. */
	memset(t, 0, sizeof t);
	t[0] = 1;
	mont64_mul(s, s, t, c->n, c->ninv, k);
	mont64_inv(s, s, c->n, k);
	mont64_mul(e, e, s, c->n, c->ninv, k);
	mont64_mul(t, r, s, c->n, c->ninv, k);
	n2 = wnaf(d2, t, k, WQ);
	odd_multiples(c, q);
	/* Without a table of G's multiples, they are made like Q's. */
	is_gj = c->gw < WQ;
	if (is_gj) {
		bp = ec_p256_impl()->generator(pk->curve, &blen);
		ec64_decode(c, &gj[0], bp, blen);
		odd_multiples(c, gj);
	}
	n1 = wnaf(d1, e, k, is_gj ? WQ : (int)c->gw);

	memset(&acc, 0, sizeof acc);
	for (i = n1 > n2 ? n1 : n2; i-- > 0;) {
		ec64_double(c, &acc);
		if (i < n2 && d2[i] != 0) {
			p = &q[(d2[i] < 0 ? -d2[i] : d2[i]) >> 1];
			ec64_add(c, &acc, p->x, p->y, p->z, d2[i] < 0);
		}
		if (i < n1 && d1[i] != 0) {
			j = (size_t)((d1[i] < 0 ? -d1[i] : d1[i]) >> 1);
			if (is_gj) {
				ec64_add(c, &acc, gj[j].x, gj[j].y, gj[j].z,
				    d1[i] < 0);
			} else {
				ec64_gpoint(c, j, gx, gy);
				ec64_add(c, &acc, gx, gy, NULL, d1[i] < 0);
			}
		}
	}
	return (uint32_t)ec64_x_is(c, &acc, r);
}

#else

/* see ecdsa_vrfy.h: BearSSL's, without 64-bit products. */
uint32_t
ecdsa_vrfy_raw(const br_ec_impl *impl, const void *hash, size_t hash_len,
    const br_ec_public_key *pk, const void *sig, size_t sig_len)
{
	return br_ecdsa_vrfy_raw_get_default()(impl, hash, hash_len, pk, sig,
	    sig_len);
}

#endif

/* see ecdsa_vrfy.h */
uint32_t
ecdsa_vrfy_asn1(const br_ec_impl *impl, const void *hash, size_t hash_len,
    const br_ec_public_key *pk, const void *sig, size_t sig_len)
{
	/* BearSSL's bound (ecdsa_i31_vrfy_asn1.c): a malformed DER
	 * signature may grow when made raw, so twice the largest. */
	unsigned char raw[4 * 66 + 24];

	if (sig_len > sizeof raw / 2) {
		return 0;
	}
	memcpy(raw, sig, sig_len);
	sig_len = br_ecdsa_asn1_to_raw(raw, sig_len);
	return ecdsa_vrfy_raw(impl, hash, hash_len, pk, raw, sig_len);
}
