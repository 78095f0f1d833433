/* SPDX-License-Identifier: MIT */
/*
 * identity: the client certificate and key of --client-cert/--client-key,
 * for servers that require one (PostgreSQL's clientcert=verify-ca).
 * Loaded once at startup into one heap allocation, which this module owns
 * (identity_free); every probe borrows it.
 */
#ifndef CK_IDENTITY_H
#define CK_IDENTITY_H

#include <stddef.h>

#include <bearssl.h>

/* Certificates sent: the client certificate and its intermediates. */
#define IDENTITY_CERTS_MAX 8

struct identity {
	br_x509_certificate chain[IDENTITY_CERTS_MAX];
	size_t chain_len;
	int key_type;			/* BR_KEYTYPE_RSA or BR_KEYTYPE_EC */
	br_rsa_private_key rsa;		/* points into mem */
	br_ec_private_key ec;		/* points into mem */
	unsigned char *mem;		/* the one allocation */
};

/*
 * Loads the PEM certificate chain cert_path and the private key key_path
 * (RSA or EC; PEM or DER, plain or encrypted: keyfile.h) and checks that
 * the key belongs to the first certificate.  The key file must pass
 * libpq's checks first: it exists, is a regular file, and has no group
 * or world access (group read allowed when root owns it).  password:
 * NUL-terminated, NULL or "" for none; only read.  Every copy of key
 * material made while loading is wiped.  Returns 0, or -1 with a
 * one-line reason in why (cap bytes); the key file's reasons are libpq's
 * sentences ("could not load private key file \"k.pem\": bad decrypt").
 */
int identity_load(struct identity *id, const char *cert_path,
    const char *key_path, const char *password, char *why, size_t cap);

/*
 * identity_load without libpq's mode check of the key file: for ccheck
 * audit, which judges a server's key by PostgreSQL's own rule (a
 * mismatch is still "certificate does not match private key file").
 */
int identity_load_unchecked(struct identity *id, const char *cert_path,
    const char *key_path, const char *password, char *why, size_t cap);

/*
 * Reads the password of --client-key-password-file: the first line of
 * path (without its "\n" or "\r\n"), as openssl's -passin file: does, into
 * out (cap bytes, NUL-terminated; a longer line is cut to cap - 1 bytes,
 * as libpq cuts sslpassword).  Every other copy is wiped.  Returns 0, or
 * -1 with a one-line reason in why.
 */
int identity_read_password(const char *path, char *out, size_t cap,
    char *why, size_t why_cap);

/* Frees what identity_load allocated. */
void identity_free(struct identity *id);

#endif
