/* SPDX-License-Identifier: MIT */
/*
 * ed25519: verification of Ed25519 signatures (RFC 8032 5.1.7), which
 * BearSSL 0.6 does not have, with OpenSSL's acceptance rules so that
 * ccheck accepts exactly the certificates and handshakes libpq accepts.
 * SHA-512 is BearSSL's.  Only public data is handled, so the arithmetic
 * is variable-time and small rather than fast.  No allocation.
 */
#ifndef CK_ED25519_H
#define CK_ED25519_H

#include <stddef.h>

/*
 * Verifies the 64-byte signature sig (R || S) over msg/len (msg may be
 * NULL when len is 0) with the 32-byte public key pub.  As OpenSSL 3.0
 * does: S must be below the group order L; pub must decode to a curve
 * point (a y of p or more is taken modulo p, and x = 0 with the sign
 * bit set is taken as x = 0, as OpenSSL's decoder does); R is never
 * decoded, but [S]B - [k]A, k = SHA-512(R || pub || msg) mod L, is
 * encoded and compared byte for byte with R (the cofactorless check, so
 * a non-canonical R never verifies).  Small-order keys are not refused.
 * Returns 1 when the signature verifies, else 0.
 */
int ed25519_verify(const unsigned char pub[32], const unsigned char *msg,
    size_t len, const unsigned char sig[64]);

#endif
