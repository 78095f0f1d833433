/* SPDX-License-Identifier: MIT */
/*
 * keyfile: a private key file's bytes to a decoded BearSSL key, as
 * libpq's SSL_use_PrivateKey_file reads them: PEM first ("PRIVATE KEY",
 * "RSA PRIVATE KEY", "EC PRIVATE KEY" or "ENCRYPTED PRIVATE KEY", the
 * first such block; other blocks and text around them are skipped), then
 * DER (PKCS#1, SEC1 or PKCS#8, not encrypted: OpenSSL does not decrypt
 * DER there).  Encrypted keys: PKCS#8 with PBES2 (PBKDF2 with HMAC-SHA1,
 * SHA-224, SHA-256, SHA-384 or SHA-512; AES-128/192/256-CBC or
 * DES-EDE3-CBC) and OpenSSL's traditional PEM encryption ("Proc-Type:
 * 4,ENCRYPTED", "DEK-Info: AES-256-CBC,IV", the same ciphers).  The
 * cryptography is pbe.h's.  No allocation.
 */
#ifndef CK_KEYFILE_H
#define CK_KEYFILE_H

#include <stddef.h>

#include <bearssl.h>

/*
 * libpq hands OpenSSL at most 1023 bytes of sslpassword (it truncates
 * longer ones, with a warning); keyfile_decode uses as many.
 */
#define KEYFILE_PASSWORD_MAX 1023

enum keyfile_status {
	KEYFILE_OK,
	KEYFILE_UNSUPPORTED,	/* no key OpenSSL would read */
	KEYFILE_BAD_DECRYPT,	/* encrypted: no password, or a wrong one */
	KEYFILE_BAD_SCHEME	/* encrypted in a way ccheck cannot read */
};

/*
 * Decodes the key file text (len bytes; header lines of a traditional
 * encrypted PEM block are overwritten with blanks) into kd, using tmp
 * (cap bytes, caller-owned; it holds the key's DER and plaintext, which
 * the caller wipes; a block larger than cap is KEYFILE_UNSUPPORTED).  pw is the NUL-terminated password, NULL or "" for
 * none (an encrypted key then fails with KEYFILE_BAD_DECRYPT, as libpq
 * does when it cannot prompt).  A wrong password is KEYFILE_BAD_DECRYPT
 * whether the padding or the decrypted key is what fails.  Returns
 * KEYFILE_OK with kd holding an RSA or EC key, or the reason.
 */
enum keyfile_status keyfile_decode(unsigned char *text, size_t len,
    const char *pw, unsigned char *tmp, size_t cap,
    br_skey_decoder_context *kd);

/*
 * The reason in OpenSSL's words, as libpq appends it to "could not load
 * private key file": "unsupported", "bad decrypt"; ccheck's own words
 * for what OpenSSL reads and ccheck does not.
 */
const char *keyfile_strerror(enum keyfile_status st);

#endif
