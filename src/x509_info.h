/* SPDX-License-Identifier: MIT */
/*
 * x509_info: what reports show of one certificate: names, serial,
 * algorithms, fingerprints.  Text only, into caller-owned fixed fields.
 */
#ifndef CK_X509_INFO_H
#define CK_X509_INFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "x509.h"

/*
 * RFC 5280 4.1.2.2 caps serials at 20 octets (40 hex digits); a longer,
 * hostile one is cut with "...".
 */
#define X509_SERIAL_HEX_CAP 44
/* Algorithm and key names: "ECDSA-SHA256", "RSA-4096", dotted OIDs. */
#define X509_ALG_CAP 48

struct x509_info {
	char subject[X509_NAME_CAP];
	char issuer[X509_NAME_CAP];
	char serial[X509_SERIAL_HEX_CAP];	/* lower-case hex */
	char sig_alg[X509_ALG_CAP];
	char key[X509_ALG_CAP];
	bool is_ca;
	int64_t not_before;
	int64_t not_after;
	char sha256[65];		/* of the DER, lower-case hex */
	char spki_sha256[45];		/* base64, curl's --pinnedpubkey */
	char spki_sha256_hex[65];	/* TLSA selector 1, matching type 1 */
};

/* Fills out from a DER certificate.  Returns 0, or -1 if it is malformed. */
int x509_info_fill(const unsigned char *der, size_t len,
    struct x509_info *out);

/* Called for the i-th name (from 0) that x509_info_names selects. */
typedef void (*x509_name_fn)(void *ctx, size_t i, const char *name);

/*
 * Calls fn for the subjectAltName dNSName entries of a DER certificate
 * (is_ip false) or its iPAddress entries (is_ip true), as text, in
 * certificate order; names are escaped (ck_escape).  Returns how many;
 * 0 for a malformed certificate.
 */
size_t x509_info_names(const unsigned char *der, size_t len, bool is_ip,
    x509_name_fn fn, void *ctx);

#endif
