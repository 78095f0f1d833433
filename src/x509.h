/* SPDX-License-Identifier: MIT */
/*
 * x509: everything we decide about certificates.  During the handshake
 * the TLS client only copies the chain the server sends; after the
 * handshake x509_verify
 * (x509_path.c) builds a path and decides it as libpq's OpenSSL would:
 * signatures, extensions, name constraints, revocation, dates, the host
 * name (libpq's rules), and computes days left.  No allocation; contexts
 * belong to the caller.
 */
#ifndef CK_X509_H
#define CK_X509_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <bearssl.h>

#include "der.h"
#include "err.h"

/*
 * Bytes of DER for all certificates one server sends.  Real chains (leaf
 * and one or two intermediates, RSA-4096 at worst) measure 3-7 KiB; twice
 * the worst we saw still fits.  More is an error, never a truncation.
 */
#define X509_CHAIN_CAP 16384
/* Certificates in one chain: leaf, intermediates, cross-signs and a root. */
#define X509_CERTS_MAX 10
/* A subject DN as text (RFC 4514), truncated with "..." past this. */
#define X509_NAME_CAP 160

/* The certificates as the server sent them, in its order. */
struct x509_chain {
	size_t n;			/* certificates stored */
	size_t used;			/* bytes of buf in use */
	size_t off[X509_CERTS_MAX];
	size_t len[X509_CERTS_MAX];
	unsigned char buf[X509_CHAIN_CAP];
};

/* Trust anchors with their notAfter, as records (anchor.h). */
struct anchor_set;

/* Which certificate set the earliest expiry. */
enum x509_role {
	X509_ROLE_LEAF,
	X509_ROLE_INTERMEDIATE,
	X509_ROLE_ROOT			/* a trust anchor */
};

struct crl_set;
struct pin_set;

struct x509_policy {
	const struct anchor_set *anchors;	/* NULL: none */
	const struct crl_set *crls;	/* NULL: no revocation check */
	/* Non-NULL: only certificates (sent, or in the root file) whose
	 * key is pinned are trusted, and any of them ends a path. */
	const struct pin_set *pins;
	const char *host;		/* DNS name or IP literal; NULL: none */
	bool is_skip_verify;		/* dates only: no chain, no name */
	bool is_partial_chain;		/* any anchor ends a path */
	int64_t now;			/* seconds since the epoch, UTC */
};

struct x509_verdict {
	int64_t not_before;		/* the leaf's */
	int64_t not_after;		/* earliest on the path, anchor included */
	long days_left;			/* whole days until not_after */
	enum x509_role role;		/* whose not_after that is */
	char who[X509_NAME_CAP];	/* its subject, when not the leaf */
};

/*
 * Decides a captured chain under pol, as libpq's OpenSSL would
 * (x509_path.c).  Order of checks: every certificate parses; the leaf's
 * dates; unless is_skip_verify: a path to a trusted root (unknown CA,
 * not a self-signed root, pin mismatch), the dates of each certificate
 * on it, unsupported algorithms, unhandled critical extensions, CA
 * flags, the server-authentication purpose (EKU, key usage), path
 * lengths, name constraints, revocation (with crls), signatures, then
 * the host name.  Fills v whenever the leaf parsed (even on failure, so
 * reports can still show dates).  Returns 0, or -1 with res filled
 * (sticky).  Not reentrant (its state is static: 7 KiB).
 */
int x509_verify(const struct x509_chain *ch, const struct x509_policy *pol,
    struct x509_verdict *v, struct result *res);

/*
 * libpq's verify-full host-name rules on one DER certificate; see the
 * comment above the definition.  Returns 0 on a match, else -1 with res
 * set to CK_E_X509_HOSTNAME / X509_NO_NAMES / X509_NAME_NUL /
 * X509_MALFORMED.
 */
int x509_check_host(const unsigned char *der, size_t len, const char *host,
    struct result *res);

/*
 * Writes DER Name dn as RFC 4514 text ("CN=a,O=b", last RDN first, as
 * Go prints it) into out (cap bytes, NUL-terminated, "..." when cut).
 * Malformed input gives "<malformed name>".  Returns out.
 */
char *x509_dn_format(const unsigned char *dn, size_t len, char *out,
    size_t cap);

/* Formats t as RFC 3339 UTC "2026-11-28T00:00:00Z" into out[21]. */
void x509_time_format(int64_t t, char out[21]);

/*
 * The one walker of Names (RFC 5280 4.1.2.4), in DER order.  Reads the
 * next RDN of Name contents name (the SEQUENCE's contents) into rdn, a
 * reader over the SET's contents.  Returns 1, 0 when name is done, or -1
 * when malformed (not a SET, an empty SET; name->bad then set).
 */
int x509_name_next_rdn(struct rd *name, struct rd *rdn);

/*
 * Reads the next AttributeTypeAndValue of RDN contents rdn: oid gets the
 * OID TLV, val the value TLV (any tag).  Returns 1, 0 when rdn is done,
 * or -1 when malformed (rdn->bad then set).
 */
int x509_rdn_next(struct rd *rdn, struct der_tlv *oid, struct der_tlv *val);

/*
 * Decodes an attribute value t of a string type into out (cap bytes, not
 * NUL-terminated): UTF-8 for BMPString and UniversalString, the bytes as
 * they are for UTF8String and the one-byte types (Printable, Teletex,
 * IA5, Numeric, Visible).  Returns the length, or -1 for a type that is
 * not a string, a broken BMP or Universal string, or more than cap bytes.
 */
long x509_string_decode(const struct der_tlv *t, unsigned char *out,
    size_t cap);

/* Whole days from now until t, truncated toward zero (Go's ccheck). */
long x509_days_left(int64_t t, int64_t now);

#endif
