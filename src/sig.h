/* SPDX-License-Identifier: MIT */
/*
 * sig: checks one signature over DER bytes with an issuer's public key,
 * the way certificates and CRLs are signed (RFC 5280 4.1.1.2/4.1.1.3):
 * RSA PKCS#1 v1.5 and RSA-PSS (RFC 4055, RFC 8017 EMSA-PSS with MGF1)
 * with SHA-1/224/256/384/512, ECDSA on P-256, P-384 and P-521 with
 * the same hashes, and Ed25519 (RFC 8410; ed25519.c).  Built on BearSSL's
 * hashes, its RSA public operation and its ECDSA verifier; the PSS
 * encoding and Ed25519 are ours.  Everything here is
 * public data (signatures are verified, never made), so variable time is
 * fine.  Successful checks are remembered in a small cache keyed by the
 * SHA-256 of key, algorithm, signed bytes and signature, so the same
 * intermediate under the same CA is verified once per run, not once per
 * target.  No allocation.
 */
#ifndef CK_SIG_H
#define CK_SIG_H

#include <stdbool.h>
#include <stddef.h>

#include <bearssl.h>

enum sig_status {
	SIG_OK = 0,
	SIG_BAD = -1,		/* does not verify */
	SIG_UNSUPPORTED = -2	/* algorithm, parameters or key we cannot use */
};

/*
 * Verifies sig (sig_len bytes: the signature BIT STRING's contents after
 * its unused-bits byte, which the caller checked is 0) over signed_der
 * (the whole signed TLV: tbsCertificate or tbsCertList) with key.  alg is
 * the whole signatureAlgorithm AlgorithmIdentifier TLV (so RSA-PSS
 * parameters come with it).  A key of another type than the algorithm
 * wants is SIG_UNSUPPORTED, as are an RSA modulus above 4096 bits or
 * even, and a curve other than P-256/384/521.  An Ed25519 key is
 * X509_KEYTYPE_ED25519 with its 32 bytes in key->key.ec (x509_cert_pkey).
 * PKCS#1 and ECDSA take absent or NULL parameters, Ed25519 only absent
 * ones (as OpenSSL); RSA-PSS wants its parameters (an empty
 * SEQUENCE means all defaults) and the exact salt length they give.  As
 * in OpenSSL, a PKCS#1 v1.5 signature must be exactly as long as the
 * modulus, an RSA-PSS one at most as long.  Only successes are cached;
 * the cache is a static array (one thread).  Returns an enum sig_status.
 */
int sig_verify(const br_x509_pkey *key, const unsigned char *alg,
    size_t alg_len, const unsigned char *signed_der, size_t signed_len,
    const unsigned char *sig, size_t sig_len);

/*
 * The digest sig_verify takes of signed_der (signed_len bytes) for the
 * signatureAlgorithm TLV alg, into out (64 bytes); its length, or 0
 * when alg signs the message itself (Ed25519) or is not one sig_verify
 * takes.  For bytes checked again and again (a CRL on every probe).
 */
size_t sig_digest(const unsigned char *alg, size_t alg_len,
    const unsigned char *signed_der, size_t signed_len, unsigned char *out);

/*
 * sig_verify with digest (digest_len bytes) as sig_digest gave it for
 * alg and signed_der, so the bytes are not hashed again; NULL: hashed
 * here.  Ed25519 reads signed_der whatever digest says.  A digest_len
 * other than alg's hash length is SIG_UNSUPPORTED.
 */
int sig_verify_digest(const br_x509_pkey *key, const unsigned char *alg,
    size_t alg_len, const unsigned char *signed_der, size_t signed_len,
    const unsigned char *digest, size_t digest_len,
    const unsigned char *sig, size_t sig_len);

struct x509_cert;

/* TLS 1.0/1.1's RSA signature: PKCS#1 v1.5 over MD5 || SHA-1, no
 * DigestInfo (RFC 4346 7.4.3); not a SignatureScheme code point. */
#define SIG_TLS_RSA_MD5SHA1 0x0000

/*
 * Verifies a TLS handshake signature (TLS 1.2 ServerKeyExchange, TLS 1.3
 * CertificateVerify) sig over data (the whole signed content, hashed
 * here) with the public key of certificate leaf, under SignatureScheme
 * scheme (RFC 8446 4.2.3: rsa_pkcs1_sha1/256/384/512, ecdsa_sha1,
 * ecdsa_secp256r1_sha256 ..., rsa_pss_rsae_*, rsa_pss_pss_*, ed25519)
 * or SIG_TLS_RSA_MD5SHA1.  is_tls13 applies TLS 1.3's rules: an ECDSA
 * scheme names the key's curve, PKCS#1 and SHA-1 schemes are refused
 * (SIG_BAD).  The key must suit the scheme (rsa_pss_pss_* wants an
 * RSASSA-PSS key, rsa_pss_rsae_* and PKCS#1 an rsaEncryption one): else
 * SIG_BAD, as for an unknown scheme.  Not cached.  Returns an enum
 * sig_status.
 */
int sig_verify_tls(const struct x509_cert *leaf, unsigned scheme,
    bool is_tls13, const unsigned char *data, size_t len,
    const unsigned char *sig, size_t sig_len);

/*
 * EMSA-PSS-ENCODE (RFC 8017 9.1.1) with MGF1 of the same hash and a salt
 * as long as the hash (TLS's rule, RFC 8446 4.2.3): m_hash and salt are
 * hash's output length; em receives the whole ceil(mod_bits / 8) bytes
 * to raise to the private exponent.  For signing client certificates.
 * Returns 0, or -1 when hash is not SHA-1/2 or the modulus too small.
 */
int sig_pss_encode(const br_hash_class *hash, const unsigned char *m_hash,
    const unsigned char *salt, unsigned char *em, size_t em_len,
    unsigned mod_bits);

/*
 * The output size in bits of the hash the signatureAlgorithm TLV alg
 * signs with (for RSA-PSS, its hashAlgorithm parameter): 160 for SHA-1,
 * 256 for SHA-256, 512 for Ed25519 (its SHA-512); 0 when sig_verify
 * would not take alg.
 */
unsigned sig_hash_bits(const unsigned char *alg, size_t alg_len);

/*
 * Public-key operations sig_verify has actually performed since the
 * start of the run (cache hits do not count): for tests and make bench.
 */
unsigned long sig_ops(void);

/* Empties the cache (tests). */
void sig_cache_clear(void);

#endif
