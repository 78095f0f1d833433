/* SPDX-License-Identifier: MIT */
/*
 * pbe: the password-based decryption of encrypted private key files, on
 * BearSSL's constant-time primitives: PBKDF2 (RFC 8018 section 5.2) over
 * br_hmac, OpenSSL's EVP_BytesToKey (MD5, one iteration) for the
 * traditional "Proc-Type: 4,ENCRYPTED" PEM headers, and CBC decryption
 * (aes_ct, des_ct) with a PKCS#7 padding check.  No branch and no memory
 * address depends on the password, the derived key or the plaintext
 * until the one padding verdict (make check-ct runs this under valgrind
 * with those bytes marked secret).  No allocation; every secret this
 * module holds on its stack is wiped before it returns.
 */
#ifndef CK_PBE_H
#define CK_PBE_H

#include <stddef.h>
#include <stdint.h>

#include <bearssl.h>

/* The ciphers of encrypted key files (OpenSSL writes these four). */
enum pbe_cipher {
	PBE_AES128_CBC,
	PBE_AES192_CBC,
	PBE_AES256_CBC,
	PBE_DES_EDE3_CBC
};

/* Largest key and IV of those ciphers, in bytes. */
#define PBE_KEY_MAX 32
#define PBE_IV_MAX 16

/* Key and IV (= block) length of cipher c. */
size_t pbe_key_len(enum pbe_cipher c);
size_t pbe_iv_len(enum pbe_cipher c);

/*
 * PBKDF2 with HMAC over the hash dig (br_sha1_vtable, br_sha256_vtable,
 * ...): derives out_len bytes into out from the password pw/pw_len and
 * the salt, with iter iterations (iter >= 1).
 */
void pbe_pbkdf2(const br_hash_class *dig, const void *pw, size_t pw_len,
    const void *salt, size_t salt_len, uint32_t iter, void *out,
    size_t out_len);

/*
 * OpenSSL's EVP_BytesToKey with MD5 and one iteration, as PEM_do_header
 * calls it: out_len key bytes from the password and an 8-byte salt (the
 * first 8 bytes of the DEK-Info IV).
 */
void pbe_bytes_to_key(const void *pw, size_t pw_len,
    const unsigned char *salt, void *out, size_t out_len);

/*
 * Decrypts buf (len bytes) in place with cipher c in CBC mode under key
 * and iv (pbe_key_len / pbe_iv_len bytes; iv is not changed), then checks
 * and strips the PKCS#7 padding.  Returns 0 with *out_len the plaintext's
 * length, or -1 when len is not a positive multiple of the block or the
 * padding is wrong (one verdict for both: no padding oracle).
 */
int pbe_cbc_decrypt(enum pbe_cipher c, const unsigned char *key,
    const unsigned char *iv, unsigned char *buf, size_t len,
    size_t *out_len);

#endif
