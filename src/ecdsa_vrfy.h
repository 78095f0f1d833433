/* SPDX-License-Identifier: MIT */
/*
 * ecdsa_vrfy: ECDSA signature verification on P-256, P-384 and P-521,
 * about ten times fewer instructions than BearSSL's br_ecdsa_i31_vrfy_*
 * (32-bit limbs, a constant-time double-and-add for each of the two
 * scalars).  Verification handles public values only, so this one is
 * variable-time: 64-bit limbs (ec64.c), Shamir's trick over width-w NAFs
 * of u1 and u2, and a table of odd multiples of the generator computed on
 * the build host (host/mkecgen.c).  Targets without a 64x64->128
 * multiplication use BearSSL's code.
 */
#ifndef CK_ECDSA_VRFY_H
#define CK_ECDSA_VRFY_H

#include <stddef.h>
#include <stdint.h>

#include <bearssl.h>

/*
 * br_ecdsa_vrfy's contract for a raw signature (r || s, each sig_len / 2
 * bytes, big-endian): 1 when it is valid for hash (hash_len bytes, any
 * length: truncated to n's bit length as BearSSL does) and the
 * uncompressed public key pk on P-256, P-384 or P-521, else 0: other
 * curves, a key of the wrong length or prefix, not on the curve or with a
 * coordinate not below p, an odd sig_len, r or s outside [1, n-1].  impl
 * is used only where BearSSL's code runs (no 64-bit products): there it
 * is br_ecdsa_i31_vrfy_raw (or i15) with impl.  Never reads beyond the
 * given lengths; no allocation.
 */
uint32_t ecdsa_vrfy_raw(const br_ec_impl *impl, const void *hash,
    size_t hash_len, const br_ec_public_key *pk, const void *sig,
    size_t sig_len);

/* The same for an ASN.1 DER signature (SEQUENCE of two INTEGERs), read by
 * BearSSL's br_ecdsa_asn1_to_raw as br_ecdsa_i31_vrfy_asn1 does. */
uint32_t ecdsa_vrfy_asn1(const br_ec_impl *impl, const void *hash,
    size_t hash_len, const br_ec_public_key *pk, const void *sig,
    size_t sig_len);

#endif
