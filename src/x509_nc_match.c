/* SPDX-License-Identifier: MIT */
/*
 * x509_nc_match: one name against one name constraint of its type, by
 * OpenSSL 3.0's rules (v3_ncons.c nc_dns, nc_email, nc_email_eai,
 * nc_uri, nc_ip, nc_dn with x_name.c's canonical form), so that
 * x509_nc's verdicts are libpq's.  Reads the caller's bytes in place.
 */
#include <string.h>

#include "x509.h"
#include "x509_nc.h"
#include "x509_nc_int.h"

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* ASCII case-insensitive equality whatever the locale (OpenSSL's
 * ia5ncasecmp: "I" and "i" match in Turkish too). */
static bool
case_eq(const unsigned char *a, const unsigned char *b, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (lower(a[i]) != lower(b[i])) {
			return false;
		}
	}
	return true;
}

/* The last c in p[0..len), or NULL (OpenSSL uses the last '@'). */
static const unsigned char *
last_of(const unsigned char *p, size_t len, int c)
{
	while (len > 0) {
		if (p[--len] == c) {
			return p + len;
		}
	}
	return NULL;
}

/*
 * dNSName (nc_dns): an empty constraint matches everything; otherwise
 * the name equals it or adds labels on its left, the label boundary
 * being the constraint's own leading dot or a dot in the name.
 */
/* see x509_nc_int.h */
int
x509_nc_match_dns(const unsigned char *n, size_t nlen,
    const unsigned char *b, size_t blen)
{
	if (blen == 0) {
		return X509_NC_OK;
	}
	if (nlen < blen || (nlen > blen && b[0] != '.' &&
	    n[nlen - blen - 1] != '.') || !case_eq(n + nlen - blen, b, blen)) {
		return X509_NC_VIOLATION;
	}
	return X509_NC_OK;
}

/*
 * rfc822Name (nc_email): a constraint with '@' is a mailbox (local part
 * compared byte for byte, or any local part when the '@' comes first), a
 * leading dot any host below it, else exactly one host.
 */
/* see x509_nc_int.h */
int
x509_nc_match_email(const unsigned char *n, size_t nlen,
    const unsigned char *b, size_t blen)
{
	const unsigned char *nat = last_of(n, nlen, '@');
	const unsigned char *bat = last_of(b, blen, '@');
	const unsigned char *bhost = b;
	size_t local;

	if (nat == NULL) {
		return X509_NC_UNSUPPORTED;
	}
	if (bat == NULL && blen > 0 && b[0] == '.') {
		return nlen > blen && case_eq(n + nlen - blen, b, blen) ?
		    X509_NC_OK : X509_NC_VIOLATION;
	}
	if (bat != NULL) {
		local = (size_t)(bat - b);
		if (local > 0) {
			if (local != (size_t)(nat - n)) {
				return X509_NC_VIOLATION;
			}
			if (memchr(b, 0, local) != NULL ||
			    memchr(n, 0, local) != NULL) {
				return X509_NC_UNSUPPORTED;
			}
			if (memcmp(b, n, local) != 0) {
				return X509_NC_VIOLATION;
			}
		}
		bhost = bat + 1;
	}
	blen -= (size_t)(bhost - b);
	nlen -= (size_t)(nat + 1 - n);
	return blen == nlen && case_eq(bhost, nat + 1, nlen) ?
	    X509_NC_OK : X509_NC_VIOLATION;
}

/*
 * SmtpUTF8Mailbox against an rfc822Name constraint, as OpenSSL 3.0's
 * nc_email_eai does it (checked with its CLI): the constraint, turned
 * from A-labels to U-labels, must equal the host after the last '@'
 * ignoring ASCII case.  A leading dot keeps itself and is prefixed
 * with another, and a constraint with '@' is compared whole with the
 * host, so neither matches a real address.  We do not decode A-labels:
 * a constraint with "xn--" is unsupported here.
 */
/* see x509_nc_int.h */
int
x509_nc_match_eai(const unsigned char *n, size_t nlen,
    const unsigned char *b, size_t blen)
{
	const unsigned char *at;
	size_t i;

	if (memchr(b, 0, blen) != NULL || n == NULL ||
	    (at = last_of(n, nlen, '@')) == NULL) {
		return X509_NC_UNSUPPORTED;
	}
	for (i = 0; i + 4 <= blen; i++) {
		if ((i == 0 || b[i - 1] == '.') &&
		    case_eq(b + i, (const unsigned char *)"xn--", 4)) {
			return X509_NC_UNSUPPORTED;
		}
	}
	if (blen > 0 && b[0] == '.') {
		return nlen > blen + 1 && n[nlen - blen - 1] == '.' &&
		    case_eq(n + nlen - blen, b, blen) ?
		    X509_NC_OK : X509_NC_VIOLATION;
	}
	at++;
	return (size_t)(n + nlen - at) == blen && case_eq(at, b, blen) ?
	    X509_NC_OK : X509_NC_VIOLATION;
}

/*
 * URI (OpenSSL 3.0's nc_uri): the host is what follows the first
 * "://" up to the next ':' or else the next '/'; user information,
 * queries and IPv6 literals are not understood, so they take part in
 * the comparison.  A leading dot in the constraint matches hosts below
 * it, otherwise the host must equal it.
 */
/* see x509_nc_int.h */
int
x509_nc_match_uri(const unsigned char *n, size_t nlen,
    const unsigned char *b, size_t blen)
{
	const unsigned char *colon = memchr(n, ':', nlen);
	const unsigned char *host;
	const unsigned char *end;
	size_t hlen;

	if (colon == NULL || (size_t)(n + nlen - colon) < 3 ||
	    colon[1] != '/' || colon[2] != '/') {
		return X509_NC_UNSUPPORTED;
	}
	host = colon + 3;
	hlen = (size_t)(n + nlen - host);
	if ((end = memchr(host, ':', hlen)) != NULL ||
	    (end = memchr(host, '/', hlen)) != NULL) {
		hlen = (size_t)(end - host);
	}
	if (hlen == 0) {
		return X509_NC_UNSUPPORTED;
	}
	if (blen > 0 && b[0] == '.') {
		return hlen > blen && case_eq(host + hlen - blen, b, blen) ?
		    X509_NC_OK : X509_NC_VIOLATION;
	}
	return hlen == blen && case_eq(host, b, blen) ?
	    X509_NC_OK : X509_NC_VIOLATION;
}

/* iPAddress (nc_ip): address and mask; the other family never matches. */
/* see x509_nc_int.h */
int
x509_nc_match_ip(const unsigned char *n, size_t nlen,
    const unsigned char *b, size_t blen)
{
	size_t i;

	if ((nlen != 4 && nlen != 16) || (blen != 8 && blen != 32)) {
		return X509_NC_UNSUPPORTED;
	}
	if (nlen * 2 != blen) {
		return X509_NC_VIOLATION;
	}
	for (i = 0; i < nlen; i++) {
		if ((n[i] & b[nlen + i]) != (b[i] & b[nlen + i])) {
			return X509_NC_VIOLATION;
		}
	}
	return X509_NC_OK;
}

/*
 * A string value read one code point at a time in OpenSSL's canonical
 * form (x_name.c asn1_string_canon): converted to Unicode (the one-byte
 * types as Latin-1), ASCII whitespace trimmed at both ends and each
 * inner run made one space, ASCII letters lowered.
 */
struct canon {
	struct rd r;
	unsigned tag;
	bool is_started;
	long pending;			/* a code point after a space, or -1 */
};

/* Tags OpenSSL canonicalises (ASN1_MASK_CANON); others compare as is. */
static bool
is_canon_tag(unsigned tag)
{
	return tag == DER_UTF8_STRING || tag == DER_PRINTABLE_STRING ||
	    tag == DER_TELETEX_STRING || tag == DER_IA5_STRING ||
	    tag == 0x1a || tag == DER_BMP_STRING ||
	    tag == DER_UNIVERSAL_STRING;
}

/* The next code point: -1 at the end, -2 when the encoding is broken. */
static long
cp_next(struct canon *c)
{
	uint32_t v;
	unsigned n;
	unsigned b;

	if (c->r.left == 0) {
		return -1;
	}
	switch (c->tag) {
	case DER_BMP_STRING:
		v = rd_u16be(&c->r);
		break;
	case DER_UNIVERSAL_STRING:
		v = rd_u32be(&c->r);
		break;
	case DER_UTF8_STRING:
		v = rd_u8(&c->r);
		n = v >= 0xf0 ? 3 : v >= 0xe0 ? 2 : v >= 0xc0 ? 1 : 0;
		if (v >= 0x80 && (n == 0 || v >= 0xf8)) {
			return -2;
		}
		if (n > 0) {
			v &= 0x3fu >> n;	/* the lead byte's payload */
		}
		for (b = 0; b < n; b++) {
			unsigned x = rd_u8(&c->r);

			if ((x & 0xc0) != 0x80) {
				return -2;
			}
			v = v << 6 | (x & 0x3f);
		}
		/* Overlong forms are refused, as UTF8_getc does. */
		if ((n == 1 && v < 0x80) || (n == 2 && v < 0x800) ||
		    (n == 3 && v < 0x10000)) {
			return -2;
		}
		break;
	default:
		v = rd_u8(&c->r);
		break;
	}
	return c->r.bad || v > 0x10ffff ? -2 : (long)v;
}

static bool
is_space(long v)
{
	return v == ' ' || (v >= '\t' && v <= '\r');
}

static long
canon_next(struct canon *c)
{
	long v;

	if (c->pending >= 0) {
		v = c->pending;
		c->pending = -1;
		return lower((int)v);
	}
	v = cp_next(c);
	if (is_space(v)) {
		while (is_space(v)) {
			v = cp_next(c);
		}
		if (v >= 0 && c->is_started) {
			c->pending = v;
			return ' ';
		}
	}
	c->is_started = true;
	return v < 0x80 && v >= 0 ? lower((int)v) : v;
}

/* Values equal in canonical form: 1, 0 when not, -1 when broken. */
static int
value_eq(const struct der_tlv *a, const struct der_tlv *b)
{
	struct canon ca;
	struct canon cb;
	long x;
	long y;

	if (!is_canon_tag(a->tag) || !is_canon_tag(b->tag)) {
		return a->raw_len == b->raw_len &&
		    memcmp(a->raw, b->raw, a->raw_len) == 0;
	}
	memset(&ca, 0, sizeof ca);
	memset(&cb, 0, sizeof cb);
	rd_init(&ca.r, a->val, a->len);
	rd_init(&cb.r, b->val, b->len);
	ca.tag = a->tag;
	cb.tag = b->tag;
	ca.pending = cb.pending = -1;
	do {
		x = canon_next(&ca);
		y = canon_next(&cb);
		if (x == -2 || y == -2) {
			return -1;
		}
	} while (x == y && x != -1);
	return x == y;
}

/* Every attribute of RDN a has an equal one in RDN b: 1, 0, -1. */
static int
rdn_within(struct rd a, struct rd b)
{
	struct der_tlv oa;
	struct der_tlv va;
	struct der_tlv ob;
	struct der_tlv vb;
	struct rd scan;
	int found;
	int rc;

	while ((rc = x509_rdn_next(&a, &oa, &va)) == 1) {
		found = 0;
		scan = b;
		while (found == 0 && x509_rdn_next(&scan, &ob, &vb) == 1) {
			if (oa.len == ob.len &&
			    memcmp(oa.val, ob.val, oa.len) == 0) {
				found = value_eq(&va, &vb);
			}
		}
		if (found != 1) {
			return scan.bad ? -1 : found;
		}
	}
	return rc == 0 ? 1 : -1;
}

/*
 * directoryName (nc_dn): OpenSSL compares canonical encodings as bytes,
 * the constraint a prefix of the name; that is, its RDNs equal the
 * name's first RDNs, each as a set of canonical attributes.  (A set
 * with the same attribute twice compares as a set, not a multiset.)
 */
/* see x509_nc_int.h */
int
x509_nc_match_dir(const unsigned char *n, size_t nlen,
    const unsigned char *b, size_t blen)
{
	struct rd rn;
	struct rd rb;
	struct rd nn;
	struct rd bn;
	struct rd sn;
	struct rd sb;
	int rc;
	int eq;

	rd_init(&rn, n, nlen);
	rd_init(&rb, b, blen);
	der_expect(&rn, DER_SEQUENCE, &nn);
	der_expect(&rb, DER_SEQUENCE, &bn);
	if (rn.bad || rb.bad) {
		return X509_NC_MALFORMED;
	}
	while ((rc = x509_name_next_rdn(&bn, &sb)) == 1) {
		if ((rc = x509_name_next_rdn(&nn, &sn)) != 1) {
			return rc == 0 ? X509_NC_VIOLATION : X509_NC_MALFORMED;
		}
		eq = rdn_within(sb, sn);
		if (eq == 1) {
			eq = rdn_within(sn, sb);
		}
		if (eq != 1) {
			return eq == 0 ? X509_NC_VIOLATION : X509_NC_MALFORMED;
		}
	}
	return rc == 0 ? X509_NC_OK : X509_NC_MALFORMED;
}

