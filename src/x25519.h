/* SPDX-License-Identifier: MIT */
/*
 * x25519: constant-time X25519 (RFC 7748) on five 51-bit limbs with
 * 64x64->128 multiplications.  BearSSL 0.6's br_ec_c25519_m31 works on
 * 30-bit words and costs 2.0 M instructions per key share, a fifth of a
 * PostgreSQL probe; this one 0.53 M.  Targets without unsigned __int128
 * keep BearSSL's code.
 */
#ifndef CK_X25519_H
#define CK_X25519_H

#include <bearssl.h>

/*
 * A br_ec_impl for BR_EC_curve25519 alone (ec_p256_impl() forwards that
 * curve here), with br_ec_c25519_m31's contract exactly:
 *   mul(G, Glen, k, klen): 0 when Glen != 32 or klen > 32, G untouched;
 *     else G = X25519(k, G) and 1, whatever the result (all zeros from a
 *     small-order u included).  k is little-endian, zero-extended to 32
 *     bytes and clamped; G's top bit is ignored and a u of p or more is
 *     taken mod p.
 *   mulgen(R, k, klen): 32, R = X25519(k, 9); klen > 32 leaves R = 9.
 *   muladd: 0 (no ECDSA on this curve).  generator (9), order (2^255 - 1,
 *   not the group order: BearSSL's, for br_ec_keygen) and xoff (0): as
 *   BearSSL's.
 * mul and mulgen run in constant time: nothing branches on, or indexes
 * memory with, k (tests/ct/ct_x25519.c).  Never NULL.
 */
const br_ec_impl *x25519_impl(void);

#endif
