/* SPDX-License-Identifier: MIT */
/*
 * crl: certificate revocation lists (RFC 5280 section 5) as libpq's
 * OpenSSL reads them for sslcrl / sslcrldir: parsing one DER CRL,
 * looking a serial number up in it, and loading a set of CRLs from a
 * file (PEM "X509 CRL" blocks, any number, or one DER CRL) or a
 * directory (every regular file in it, as OpenSSL's hashed directories
 * hold them: NAME.rN).  Which CRL applies to a certificate, its
 * signature and its dates are decided by the path validator (x509), not
 * here.  The set is allocated once at start; everything else points
 * into it.
 */
#ifndef CK_CRL_H
#define CK_CRL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "x509_cert.h"

/* One CRL, parsed; every pointer points into the DER it came from. */
struct crl {
	struct x509_bytes der;		/* the whole CertificateList */
	struct x509_bytes tbs;		/* tbsCertList, whole TLV: signed */
	struct x509_bytes sig_alg;	/* signatureAlgorithm, whole TLV */
	struct x509_bytes sig;		/* signature bits, after the
					 * unused-bits byte (which is 0) */
	struct x509_bytes issuer;	/* Name, whole TLV */
	int64_t this_update;		/* seconds since the epoch, UTC */
	int64_t next_update;
	bool has_next_update;
	struct x509_bytes revoked;	/* revokedCertificates contents;
					 * p NULL when absent */
	bool is_delta;			/* deltaCRLIndicator present */
	bool has_idp;			/* issuingDistributionPoint present */
	bool has_unknown_critical;	/* a critical CRL extension, or a
					 * critical entry extension, that
					 * OpenSSL does not handle */
};

/*
 * Parses DER CRL der/len into c.  Checks the whole structure: version
 * (absent or v2), inner and outer signature algorithms equal, issuer,
 * thisUpdate, optional nextUpdate, revokedCertificates (each entry:
 * serial, revocationDate, optional entry extensions), crlExtensions,
 * nothing trailing.  Returns 0, or -1 when malformed.
 */
int crl_parse(const unsigned char *der, size_t len, struct crl *c);

/*
 * Looks serial (INTEGER contents as in the certificate, x509_cert's
 * serial) up in c.  Returns 1 when listed, with *when (revocationDate)
 * and *reason (the CRLReason code, -1 when the entry has none) filled;
 * 0 when not listed; -1 when c's entries are malformed.
 */
int crl_lookup(const struct crl *c, const unsigned char *serial,
    size_t serial_len, int64_t *when, int *reason);

/* The name of CRLReason code (RFC 5280 5.3.1), e.g. "keyCompromise";
 * "unspecified" for -1 and unknown codes. */
const char *crl_reason_name(int reason);

/*
 * Largest file crl_set_add reads.  A CA revoking a million certificates
 * publishes a CRL of about 40 MB (some 38 bytes per entry), so 64 MiB
 * holds any CRL a PostgreSQL client plausibly names, while a wrong path
 * (a disk image) fails at once.  Larger files fail with CK_E_FILE.
 */
#define CRL_FILE_CAP (64u * 1024 * 1024)

/* DER CRLs back to back, each checked with crl_parse when loaded. */
struct crl_set {
	unsigned char *buf;		/* owned; NULL when empty */
	size_t len;
	size_t n;
};

/*
 * Adds the CRLs of path to s: a regular file holding PEM "X509 CRL"
 * blocks (at least one) or one DER CRL, or a directory, every regular
 * file of which is read so (files that hold no CRL are skipped, as
 * OpenSSL's directory lookup does).  A file or CRL that cannot be
 * read or parsed fails with res filled (CK_E_FILE, CK_E_CRL_MALFORMED)
 * naming the path.  Returns 0, or -1 with s unchanged.
 */
int crl_set_add(struct crl_set *s, const char *path, struct result *res);

/* Frees what s owns and empties it. */
void crl_set_free(struct crl_set *s);

/* Where a walk over a set has got to. */
struct crl_iter {
	const struct crl_set *s;
	size_t off;
};

void crl_iter_init(struct crl_iter *it, const struct crl_set *s);

/* Parses the next CRL of the set into *c.  Returns 1, or 0 at the end. */
int crl_next(struct crl_iter *it, struct crl *c);

#endif
