/* SPDX-License-Identifier: MIT */
/*
 * ec_p256: constant-time P-256 for key exchange, key generation and ECDSA
 * signing, on 64-bit limbs.  BearSSL 0.6's P-256 (p256_m31) works on
 * 30-bit words and costs about 5.7 M instructions per point
 * multiplication; this one uses 64x64->128 multiplications, complete
 * projective formulas (Renes, Costello, Batina 2016: no special case for
 * doubling or the point at infinity, so no branch to hide) and a
 * precomputed comb of the generator.  Targets without unsigned __int128
 * keep BearSSL's code.  X25519 goes to x25519.c, P-384 and P-521 to
 * BearSSL's br_ec_prime_i31.  muladd is here for
 * the interface's sake: ECDSA verification runs on ecdsa_vrfy.c.
 */
#ifndef CK_EC_P256_H
#define CK_EC_P256_H

#include <bearssl.h>

/*
 * The br_ec_impl to use wherever ccheck multiplies by a secret scalar,
 * and for the curves' constants (order, generator): br_ec_all_m31's
 * curves with P-256's replaced where 64-bit multiplication exists.  Same
 * contract as BearSSL's: mul returns 0 for a point that is not 65 bytes,
 * not 0x04-prefixed, with a coordinate >= p or off the curve (the buffer
 * is then left as it was); a scalar that is 0 or a multiple of n gives
 * 0x04 and 64 zero bytes, as BearSSL's does.  mul and mulgen take
 * scalars of up to 32 bytes in constant time (longer ones go to
 * BearSSL).  Never NULL.
 */
const br_ec_impl *ec_p256_impl(void);

#endif
