/* SPDX-License-Identifier: MIT */
/*
 * mont64: multi-precision integers on 64-bit limbs (least significant
 * first) and Montgomery products, for the public-key paths that verify
 * signatures (rsa_pub.c, ecdsa_vrfy.c).  Variable-time: the branches and
 * the loop counts depend on the values, so never for secrets.  Only where
 * the compiler has a 64x64->128 multiplication (__SIZEOF_INT128__).
 */
#ifndef CK_MONT64_H
#define CK_MONT64_H

#include <stddef.h>
#include <stdint.h>

/* Largest operand, in limbs: an 8192-bit RSA modulus. */
#define MONT64_MAX_LIMBS 128

/* Big-endian bytes s (len <= 8k) to the k limbs of a. */
void mont64_decode(uint64_t *a, size_t k, const unsigned char *s, size_t len);

/* The low len bytes of the k-limb a to big-endian s. */
void mont64_encode(unsigned char *s, size_t len, const uint64_t *a);

/* -1, 0 or 1 as a <, = or > b, both k limbs. */
int mont64_cmp(const uint64_t *a, const uint64_t *b, size_t k);

/* a += b modulo 2^(64k); returns the carry out (0 or 1). */
uint64_t mont64_add(uint64_t *a, const uint64_t *b, size_t k);

/* a -= b modulo 2^(64k); returns the borrow out (0 or 1). */
uint64_t mont64_sub(uint64_t *a, const uint64_t *b, size_t k);

/* -1/n mod 2^64 for an odd n0 (the least significant limb of n). */
uint64_t mont64_ninv(uint64_t n0);

/*
 * r = a b / 2^(64k) mod n for a, b < n, n odd and k <= MONT64_MAX_LIMBS;
 * ninv is mont64_ninv(n[0]).  r may be a or b.
 */
void mont64_mul(uint64_t *r, const uint64_t *a, const uint64_t *b,
    const uint64_t *n, uint64_t ninv, size_t k);

/* r = a^2 / 2^(64k) mod n, as mont64_mul(r, a, a, ...) but faster. */
void mont64_sqr(uint64_t *r, const uint64_t *a, const uint64_t *n,
    uint64_t ninv, size_t k);

/* r2 = 2^(128k) mod n (R^2, which brings a value into Montgomery form
 * by one mont64_mul), for n odd, n > 1 and its top limb non-zero. */
void mont64_r2(uint64_t *r2, const uint64_t *n, uint64_t ninv, size_t k);

/*
 * r = a 2^(64k) mod n, the Montgomery form of a < n, by one long
 * division: for a single conversion, cheaper than mont64_r2's squarings
 * and a product.  n's top limb non-zero; r may not alias a.
 */
void mont64_to_form(uint64_t *r, const uint64_t *a, const uint64_t *n,
    size_t k);

/* Largest operand of mont64_inv: P-521's 9 limbs. */
#define MONT64_INV_MAX_LIMBS 9

/*
 * r = 1/a mod m, for m odd, 0 < a < m, gcd(a, m) = 1 and k <=
 * MONT64_INV_MAX_LIMBS (binary extended Euclid).  r may be a.
 */
void mont64_inv(uint64_t *r, const uint64_t *a, const uint64_t *m, size_t k);

#endif
