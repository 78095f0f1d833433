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

/* An entry of a CRL's index: where it starts in revoked, where its
 * serial starts in it (leading zeros skipped), and its length. */
struct crl_ref {
	uint32_t off;
	uint16_t skip;
	uint16_t len;
};

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
	bool has_unknown_critical;	/* see below */
	size_t n_entries;		/* revokedCertificates entries */
	/* Filled when a set keeps the CRL (crl_set_add); zero after
	 * crl_parse: */
	const struct crl_ref *by_serial; /* entries sorted by serial;
					 * NULL: crl_lookup walks them */
	unsigned char tbs_hash[64];	/* sig_digest of tbs */
	size_t tbs_hash_len;		/* 0: none (Ed25519 signs the
					 * message; unsupported algorithms) */
};

/*
 * has_unknown_critical: OpenSSL 3.0's EXFLAG_CRITICAL, which makes
 * x509_vfy.c fail any certificate checked against the CRL with
 * "unhandled critical CRL extension".  Set for a critical CRL extension
 * other than issuingDistributionPoint, authorityKeyIdentifier and
 * deltaCRLIndicator (the three OpenSSL handles; a critical cRLNumber or
 * freshestCRL is unhandled), and for a critical entry extension other
 * than certificateIssuer (a critical reasonCode is unhandled).  Unlike
 * OpenSSL, a certificateIssuer entry extension, critical or not, sets it
 * too: it moves that entry and all later ones to another issuer
 * (indirect CRLs), which we do not model.  OpenSSL accepts such a CRL
 * and simply skips those entries when their issuer differs.
 *
 * is_delta: without X509_V_FLAG_USE_DELTAS and
 * X509_V_FLAG_EXTENDED_CRL_SUPPORT (libpq sets neither), OpenSSL 3.0's
 * get_crl_score never reaches its "don't process deltas" test (it sits in
 * the else branch of the extended-support test), so a delta CRL is used
 * like a complete one: "openssl verify -crl_check -CRLfile delta.pem"
 * reports a certificate it lists as revoked.
 */

/*
 * Parses DER CRL der/len into c.  Checks the whole structure: version
 * (absent or v2), inner and outer signature AlgorithmIdentifiers equal
 * byte for byte, issuer (a Name), thisUpdate, optional nextUpdate,
 * revokedCertificates (each entry: INTEGER serial, revocationDate,
 * optional entry extensions; a reasonCode must be a one-byte
 * ENUMERATED), crlExtensions (v2 only; cRLNumber and deltaCRLIndicator
 * INTEGERs, authorityKeyIdentifier and issuingDistributionPoint
 * SEQUENCEs, none of them twice), a signature BIT STRING with no unused
 * bits, nothing trailing.  Stricter than OpenSSL on extensions in a v1
 * CRL and on duplicated extensions (OpenSSL loads both).  Returns 0, or
 * -1 when malformed (c then undefined).
 */
int crl_parse(const unsigned char *der, size_t len, struct crl *c);

/*
 * Looks serial (INTEGER contents as in the certificate, x509_cert's
 * serial) up in c: a binary search when c is indexed, else a walk over
 * every entry.  Leading zero bytes are ignored on both sides, so a
 * serial with its top bit set matches with or without its 00.  The first
 * matching entry counts.  Returns 1 when listed, with *when
 * (revocationDate) and *reason (the CRLReason code, -1 when the entry
 * has none) filled; 0 when not listed; -1 when c's entries are
 * malformed (never after crl_parse succeeded on c).  A reason of 8,
 * removeFromCRL, means "no longer revoked" to OpenSSL (it only appears
 * in delta CRLs); deciding that is the caller's.
 */
int crl_lookup(const struct crl *c, const unsigned char *serial,
    size_t serial_len, int64_t *when, int *reason);

/*
 * Sorts the entries of c (as crl_parse left it) by serial into refs
 * (c->n_entries of them) and points c->by_serial there, so crl_lookup
 * searches instead of walking.  An entry whose serial is over 64 KiB
 * leaves c unindexed (crl_lookup walks).  crl_set_add indexes each CRL
 * so; tests and fuzz_crl call it on their own.
 */
void crl_index(struct crl *c, struct crl_ref *refs);

/* CRLReason removeFromCRL: the entry says the certificate is not
 * revoked (after a hold); OpenSSL treats it so. */
#define CRL_REASON_REMOVE 8

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

/* One CRL of a set, with what it owns. */
struct crl_held {
	struct crl crl;			/* indexed: by_serial, tbs_hash */
	unsigned char *der;		/* the CRL's bytes */
	struct crl_ref *refs;		/* crl.by_serial's array */
};

/*
 * The CRLs loaded, each parsed, its entries sorted by serial and its
 * tbsCertList hashed once, when added, so a probe neither parses, walks
 * nor hashes a CRL again (a CA's CRL can hold hundreds of thousands of
 * entries).  Zeroed: empty.
 */
struct crl_set {
	struct crl_held *v;		/* n of them; owned */
	size_t n;
	size_t cap;
};

/*
 * Adds the CRLs of path to s, each checked with crl_parse: a file holding
 * one DER CRL (it starts with a SEQUENCE and parses) or PEM "X509 CRL"
 * blocks (at least one; other blocks are ignored), or a directory, every
 * regular file of which (symbolic links followed, subdirectories not) is
 * read so, in byte order of names; there a file holding no CRL is
 * skipped.  A file over CRL_FILE_CAP, one that cannot be read, holds no
 * CRL (not in a directory) or a CRL block that does not parse fails, and
 * so fails a whole directory.  res then gets CK_E_FILE (errno in
 * res->sys), CK_E_PEM_MALFORMED or CK_E_CRL_MALFORMED with a detail
 * "PATH: WHY" naming the file (inside a directory, the file in it), e.g.
 * "x509: malformed CRL: /etc/crl/ab12cd34.r0: CRL 2", or CK_E_FILE
 * ENOMEM.  Returns 0, or -1 with s holding the CRLs it held before.
 * Allocates (each CRL's bytes and index): for start-up only.
 *
 * Where libpq differs (for its caller to weigh): OpenSSL reads sslcrl
 * as PEM only, and also takes the certificates in it as trust anchors;
 * it reads only HASH.rN names in sslcrldir, and only when a certificate
 * needs that issuer's CRL; and when sslcrl cannot be loaded (a DER file,
 * a malformed CRL), libpq silently turns CRL checking off.
 */
int crl_set_add(struct crl_set *s, const char *path, struct result *res);

/* Frees what s owns and empties it. */
void crl_set_free(struct crl_set *s);

/* Where a walk over a set has got to. */
struct crl_iter {
	const struct crl_set *s;
	size_t i;
};

/* Starts a walk over s at its first CRL. */
void crl_iter_init(struct crl_iter *it, const struct crl_set *s);

/* The next CRL of the set, indexed (valid until the set changes), or
 * NULL at the end. */
const struct crl *crl_next(struct crl_iter *it);

#endif
