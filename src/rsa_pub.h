/* SPDX-License-Identifier: MIT */
/*
 * rsa_pub: the RSA public operation for signature verification, faster
 * than BearSSL's for the exponents certificates use.  BearSSL's
 * br_rsa_i62_public is constant-time: a 5-bit window table and a
 * multiplication for every window, 59 Montgomery products for e = 65537.
 * Public data needs no such care, so this one multiplies only where e
 * has a one bit: 16 squarings and a product for 65537, on 64-bit limbs.
 * Targets without a 64x64->128 multiplication use BearSSL's code.
 * Never for RSA encryption (TLS 1.2's key transport): there the base is
 * the secret, and this code branches on it.
 */
#ifndef CK_RSA_PUB_H
#define CK_RSA_PUB_H

#include <stddef.h>
#include <stdint.h>

#include <bearssl.h>

/* Largest modulus, in bytes: 8192 bits. */
#define RSA_PUB_MAX_LEN 1024

/*
 * br_rsa_public's contract: x (xlen bytes, big-endian; xlen must be the
 * modulus's length without leading zero bytes) becomes x^e mod n.
 * Returns 1, or 0 when x >= n, xlen is wrong, n is even or longer than
 * RSA_PUB_MAX_LEN (x is then unspecified).  Variable-time: for public
 * values only.
 */
uint32_t rsa_pub(unsigned char *x, size_t xlen, const br_rsa_public_key *pk);

/*
 * br_rsa_pkcs1_vrfy's contract on rsa_pub: the PKCS#1 v1.5 signature x
 * (xlen bytes, the modulus's length) checked with BearSSL's padding rules
 * for hash_oid (NULL: the raw MD5+SHA-1 of TLS 1.0/1.1); 1 with the hash
 * (hash_len bytes) in hash_out, else 0.
 */
uint32_t rsa_pub_pkcs1_vrfy(const unsigned char *x, size_t xlen,
    const unsigned char *hash_oid, size_t hash_len,
    const br_rsa_public_key *pk, unsigned char *hash_out);

#endif
