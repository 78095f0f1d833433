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
 * Everything points into the caller's DER; no allocation.  Known
 * differences from OpenSSL: an SmtpUTF8Mailbox against a constraint
 * with an "xn--" label is unsupported here (no punycode decoding); a
 * CN longer than 256 bytes is unsupported; trailing bytes after the
 * extension's SEQUENCE are malformed (OpenSSL ignores them); a
 * multi-valued RDN compares as a set, not a multiset.
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
 * nc, checking the whole structure: each GeneralSubtree a known
 * GeneralName (a directoryName a well-formed Name, an otherName an OID
 * and an [0] value) with optional [0] minimum and [1] maximum, nothing
 * trailing.  As OpenSSL, it accepts what RFC 5280 forbids but OpenSSL
 * only refuses when a name meets it: empty lists, no list at all, a
 * minimum other than 0 or a maximum (x509_nc_check then says
 * X509_NC_UNSUPPORTED).  Returns 0, or -1 when malformed.
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
 * Checks certificate c (is_leaf: the end-entity, whose CNs are checked
 * too when it has no dNSName SAN) against nc, a result of
 * x509_nc_parse, as OpenSSL 3.0's NAME_CONSTRAINTS_check and _check_CN
 * do, in their order, stopping at the first failure:
 *  - names times subtrees above 2^20 (OpenSSL's NAME_CHECK_MAX):
 *    X509_NC_UNSUPPORTED;
 *  - the subject, when not empty, as a directoryName: the constraint's
 *    RDNs must equal the subject's first RDNs, attribute values
 *    compared in OpenSSL's canonical form (string types case-folded in
 *    ASCII, spaces trimmed and runs collapsed; other types byte for
 *    byte); then each emailAddress attribute as an rfc822Name (one that
 *    is not an IA5String is X509_NC_UNSUPPORTED, constraints or not);
 *  - each SAN: dNSName, rfc822Name, URI, iPAddress, directoryName, an
 *    otherName SmtpUTF8Mailbox as an rfc822Name (see x509_nc.c for
 *    OpenSSL 3.0's odd rules there); a name of another type meeting a
 *    constraint of its type (and, for otherName, type-id) is
 *    X509_NC_UNSUPPORTED, as are bad name or constraint syntax (an IP
 *    constraint not of 8 or 32 bytes, an email without '@', a URI
 *    without "scheme://host") met while matching;
 *  - for a leaf without a dNSName SAN, each CN that is a host name
 *    (OpenSSL's cn2dnsid: letters, digits, '_', inner '-' and '.', at
 *    least one '.', so no wildcard) as a dNSName; a CN with an inner NUL
 *    or that is no string is X509_NC_UNSUPPORTED.
 * Names of a type with permitted subtrees must match one; none may
 * match an excluded one.  Critical or not makes no difference.
 * On anything but X509_NC_OK, writes what failed to why (cap bytes,
 * NUL-terminated, cut when longer; why may be NULL only when cap is 0),
 * as
 *   "DNS name db.other.test (permitted: .corp.test)"
 *   "CN db.other.test (permitted: .corp.test)"
 *   "IP address 10.0.0.1 (excluded: 10.0.0.0/8)"
 *   "directory name CN=x,O=Other (permitted: O=Corp)"
 *   "URI urn:x against constraint host.test"
 * listing for a permitted violation the first three permitted subtrees
 * of that type (", ..." after them).  Returns an enum x509_nc_status;
 * X509_NC_MALFORMED for names that do not parse (c's subject or SAN).
 */
int x509_nc_check(const struct x509_nc *nc, const struct x509_cert *c,
    bool is_leaf, char *why, size_t cap);

#endif
