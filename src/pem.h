/* SPDX-License-Identifier: MIT */
/*
 * pem: PEM files to DER certificates, for PEM files given as targets and
 * for --root-certs.  Decoding is our own, in br_pem_decoder's grammar
 * (bounded, CRLF or LF, text between blocks ignored); only CERTIFICATE and
 * X509 CERTIFICATE blocks are used (private keys and, for crl.c, any
 * label through their own functions), other blocks are skipped.  Errors go
 * to a struct result: CK_E_FILE (with errno in res->sys),
 * CK_E_PEM_NO_CERT, CK_E_PEM_MALFORMED, CK_E_CHAIN_TOO_BIG.
 */
#ifndef CK_PEM_H
#define CK_PEM_H

#include <stddef.h>

#include "anchor.h"
#include "err.h"
#include "x509.h"

/*
 * Largest PEM file we read.  Distribution bundles measure about 220 KiB
 * (Mozilla's ~150 roots); 8 MiB is far beyond any real bundle, yet a
 * wrong path (a disk image, /dev/zero) fails at once instead of eating
 * memory.  Larger files fail with CK_E_FILE and sys EFBIG.
 */
#define PEM_FILE_CAP (8u * 1024 * 1024)

/*
 * Reads the whole file path (at most PEM_FILE_CAP bytes) into one heap
 * allocation stored in *data (NUL-terminated, *len excludes the NUL).
 * The caller frees *data with free().  Returns 0, or -1 with res set to
 * CK_E_FILE and res->sys the errno (EFBIG when too large, ENOMEM); *data
 * is then NULL.  For startup only: it allocates.
 */
int pem_file_read(const char *path, unsigned char **data, size_t *len,
    struct result *res);

/* Like pem_file_read with a limit of cap bytes instead of PEM_FILE_CAP
 * (CRL files, crl.h, may be far larger than certificate bundles). */
int pem_file_read_cap(const char *path, size_t cap, unsigned char **data,
    size_t *len, struct result *res);

/*
 * Like pem_file_read into the caller's buf of cap bytes (no allocation,
 * no NUL added); a file larger than cap fails with EFBIG.
 */
int pem_file_read_buf(const char *path, unsigned char *buf, size_t cap,
    size_t *len, struct result *res);

/*
 * Called for each certificate found, in file order: der/len is valid only
 * during the call.  Return 0 to go on, -1 to stop (the callback has then
 * filled the result).
 */
typedef int (*pem_cert_fn)(void *ctx, const unsigned char *der, size_t len,
    struct result *res);

/*
 * Decodes the PEM text pem/len and calls fn for every certificate block,
 * decoding each into tmp (cap bytes, caller-owned).  A certificate larger
 * than cap fails with CK_E_PEM_MALFORMED; a block cut short or bad
 * Base64 too.  Returns the number of certificates seen (0 is not an
 * error here), or -1 with res set.
 */
long pem_each_cert(const unsigned char *pem, size_t len, unsigned char *tmp,
    size_t cap, pem_cert_fn fn, void *ctx, struct result *res);

/*
 * Like pem_each_cert, for private keys ("PRIVATE KEY", "RSA PRIVATE KEY",
 * "EC PRIVATE KEY"): fn receives each key's DER.  Returns the number of
 * keys, or -1 with res set.
 */
long pem_each_key(const unsigned char *pem, size_t len, unsigned char *tmp,
    size_t cap, pem_cert_fn fn, void *ctx, struct result *res);

/*
 * Like pem_each_cert, for the blocks labelled label (e.g. "X509 CRL"):
 * fn receives each block's DER; other blocks are skipped.  A block
 * larger than cap fails with CK_E_PEM_MALFORMED (cap >= len is always
 * enough: Base64 only grows its data).  Returns the number of such
 * blocks, or -1 with res set.  label NULL means the certificate labels,
 * as pem_each_cert.
 */
long pem_each_block(const unsigned char *pem, size_t len, const char *label,
    unsigned char *tmp, size_t cap, pem_cert_fn fn, void *ctx,
    struct result *res);

/*
 * Loads the certificates of PEM file path into ch, in file order, with
 * the capture's limits (X509_CERTS_MAX, X509_CHAIN_CAP: more is
 * CK_E_CHAIN_TOO_BIG).  No certificate: CK_E_PEM_NO_CERT.  Streams the
 * file through a fixed buffer: no allocation, so it may run while
 * probing.  Returns 0 or -1 with res set.
 */
int pem_load_chain(const char *path, struct x509_chain *ch,
    struct result *res);

/*
 * Loads every certificate of PEM file path that BearSSL can use as a
 * trust anchor (see x509_ta_describe in x509_cert.h) into *out, with its
 * notAfter, as the records the compiled-in anchors use (anchor.h), in
 * file order.  Certificates it cannot represent (unsupported key, broken
 * DER) are skipped; if none remains: CK_E_PEM_NO_CERT.  On success *out
 * points into one heap allocation that the caller releases with
 * pem_anchors_free(out).  Returns 0, or -1 with res set and *out empty.
 */
int pem_load_anchors(const char *path, struct anchor_set *out,
    struct result *res);

/* The value of Base64 digit c (RFC 4648's alphabet), or -1. */
int pem_b64_value(int c);

/* Frees what pem_load_anchors allocated and empties *a.  a may be empty. */
void pem_anchors_free(struct anchor_set *a);

#endif
