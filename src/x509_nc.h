/* SPDX-License-Identifier: MIT */
/*
 * x509_nc: name constraints (RFC 5280 4.2.1.10) with OpenSSL's matching
 * rules, as libpq's OpenSSL applies them: every CA's constraints to every
 * certificate below it on the path (self-issued intermediates skipped),
 * on the subject Name (directoryName; emailAddress attributes as
 * rfc822Name), on each subjectAltName entry of a constrained type
 * (dNSName, iPAddress, rfc822Name, directoryName, URI), and, for the
 * leaf when it has no dNSName SAN, on each subject CN that looks like a
 * host name, as a dNSName.  Critical or not makes no difference.
 * Everything points into the caller's DER; no allocation.
 */
#ifndef CK_X509_NC_H
#define CK_X509_NC_H

#include <stdbool.h>
#include <stddef.h>

#include "x509_cert.h"

/* A NameConstraints extension, read. */
struct x509_nc {
	struct x509_bytes permitted;	/* GeneralSubtrees contents; p NULL
					 * when absent */
	struct x509_bytes excluded;
};

/*
 * Parses the extension value ext/len (the OCTET STRING's contents) into
 * nc.  RFC 5280: minimum 0 and no maximum in every subtree, at least
 * one of the two lists present.  Returns 0, or -1 when malformed.
 */
int x509_nc_parse(const unsigned char *ext, size_t len, struct x509_nc *nc);

enum x509_nc_status {
	X509_NC_OK = 0,
	X509_NC_VIOLATION = -1,		/* outside permitted or in excluded */
	X509_NC_UNSUPPORTED = -2,	/* a name or constraint form OpenSSL
					 * also refuses to judge */
	X509_NC_MALFORMED = -3
};

/*
 * Checks certificate c (is_leaf: the end-entity, whose CN is checked
 * too when it has no dNSName SAN) against nc.  On anything but
 * X509_NC_OK, writes what failed to why (cap bytes), as
 *   "DNS name db.other.test (permitted: .corp.test)"
 *   "IP address 10.0.0.1 (excluded: 10.0.0.0/8)"
 * listing for a permitted violation the first few permitted subtrees of
 * that type.  Returns an enum x509_nc_status.
 */
int x509_nc_check(const struct x509_nc *nc, const struct x509_cert *c,
    bool is_leaf, char *why, size_t cap);

#endif
