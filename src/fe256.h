/* SPDX-License-Identifier: MIT */
/*
 * fe256: arithmetic modulo the P-256 prime p = 2^256 - 2^224 + 2^192 +
 * 2^96 - 1, for ec_p256.c, in constant time: no branch and no memory
 * address depends on a value.  An element is FE256_LIMBS limbs of 52 bits
 * (least significant first; the top one up to 49 bits) in Montgomery form
 * (x R mod p, R = 2^260), its value below 2^257 but not always below p.
 * With 12 spare bits a limb, sums need no carry chain, which GCC compiles
 * poorly (saturated 64-bit limbs measured 1.7 times the instructions).
 * The limb-by-limb sum of two elements, left uncarried (limbs below
 * 2^53, value below 2^258), is a valid input to fe256_mul, fe256_sqr,
 * fe256_mul_small and fe256_add, and as fe256_sub's and fe256_sub2's
 * first operand; to nothing else.  Outputs may alias inputs.  64-bit
 * targets only (unsigned __int128).
 */
#ifndef CK_FE256_H
#define CK_FE256_H

#include <stdint.h>

#define FE256_LIMBS 5

/* 1 and the curve's b, as elements. */
extern const uint64_t fe256_one[FE256_LIMBS];
extern const uint64_t fe256_b[FE256_LIMBS];

/* r = a + b; r = a - b; r = a - b - d (one pass of carries); r = -a;
 * r = c a for 0 <= c <= 15. */
void fe256_add(uint64_t *r, const uint64_t *a, const uint64_t *b);
void fe256_sub(uint64_t *r, const uint64_t *a, const uint64_t *b);
void fe256_sub2(uint64_t *r, const uint64_t *a, const uint64_t *b,
    const uint64_t *d);
void fe256_neg(uint64_t *r, const uint64_t *a);
void fe256_mul_small(uint64_t *r, const uint64_t *a, unsigned c);

/* r = a b; r = a^2; r = 1/a (0 for 0, by Fermat: 255 squarings). */
void fe256_mul(uint64_t *r, const uint64_t *a, const uint64_t *b);
void fe256_sqr(uint64_t *r, const uint64_t *a);
void fe256_inv(uint64_t *r, const uint64_t *a);

/* All ones when a is 0 mod p, else 0. */
uint64_t fe256_is_zero(const uint64_t *a);

/* An element from four 64-bit limbs already in Montgomery form (tables). */
void fe256_from64(uint64_t *r, const uint64_t *w);

/*
 * 32 big-endian bytes to an element; 0 (r unspecified) when the value is
 * p or more, else 1.  Branches on the bytes: for public values only.
 */
int fe256_decode(uint64_t *r, const unsigned char *s);

/* The value of a, reduced mod p, as 32 big-endian bytes. */
void fe256_encode(unsigned char *s, const uint64_t *a);

#endif
