/* SPDX-License-Identifier: MIT */
/*
 * x509_name: names in certificates.  The host-name check follows libpq's
 * sslmode=verify-full (not BearSSL's, which knows no IP addresses), and
 * distinguished names are printed as RFC 4514 text for reports.
 */
#include <string.h>

#include "ip.h"
#include "x509.h"
#include "x509_cert.h"

/* GeneralName tags (RFC 5280 4.2.1.6), implicit and primitive. */
#define GN_DNS		DER_CTX(2)
#define GN_IP		DER_CTX(7)

/* Longest decoded attribute value printed: 64 characters (RFC 5280's
 * ub-common-name) of up to 4 UTF-8 bytes each. */
#define NAME_VALUE_CAP 256

static const unsigned char oid_cn[] = { 0x55, 0x04, 0x03 };

/* Short names of RFC 4514 section 3, plus those OpenSSL and Go print. */
static const struct {
	unsigned char oid[10];
	size_t len;
	const char *name;
} attr_names[] = {
	{ { 0x55, 0x04, 0x03 }, 3, "CN" },
	{ { 0x55, 0x04, 0x05 }, 3, "SERIALNUMBER" },
	{ { 0x55, 0x04, 0x06 }, 3, "C" },
	{ { 0x55, 0x04, 0x07 }, 3, "L" },
	{ { 0x55, 0x04, 0x08 }, 3, "ST" },
	{ { 0x55, 0x04, 0x09 }, 3, "STREET" },
	{ { 0x55, 0x04, 0x0a }, 3, "O" },
	{ { 0x55, 0x04, 0x0b }, 3, "OU" },
	{ { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01 }, 9,
	    "emailAddress" },
	{ { 0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x19 }, 10,
	    "DC" },
	{ { 0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x01 }, 10,
	    "UID" },
};

/* A bounded string under construction; a cut is marked with "...". */
struct sbuf {
	char *s;
	size_t cap;
	size_t len;
	bool is_cut;
};

static void
sb_init(struct sbuf *b, char *s, size_t cap)
{
	b->s = s;
	b->cap = cap;
	b->len = 0;
	b->is_cut = false;
	if (cap > 0) {
		s[0] = '\0';
	}
}

static void
sb_putc(struct sbuf *b, char c)
{
	if (b->len + 1 < b->cap) {
		b->s[b->len++] = c;
		b->s[b->len] = '\0';
	} else {
		b->is_cut = true;
	}
}

static void
sb_puts(struct sbuf *b, const char *s)
{
	while (*s != '\0') {
		sb_putc(b, *s++);
	}
}

static void
sb_finish(struct sbuf *b)
{
	size_t at;

	if (b->is_cut && b->cap >= 4) {
		at = b->len < b->cap - 4 ? b->len : b->cap - 4;
		memcpy(b->s + at, "...", 4);
	}
}

static void
put_utf8(unsigned char *out, size_t cap, size_t *o, uint32_t cp, bool *ok)
{
	unsigned char u[4];
	size_t n;
	size_t i;

	if (cp >= 0xd800 && cp <= 0xdfff) {
		cp = '?';	/* a lone surrogate: print, do not fail */
	}
	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (unsigned char)(0xc0 | cp >> 6);
		u[1] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (unsigned char)(0xe0 | cp >> 12);
		u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 3;
	} else if (cp < 0x110000) {
		u[0] = (unsigned char)(0xf0 | cp >> 18);
		u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 4;
	} else {
		u[0] = '?';
		n = 1;
	}
	if (*o + n > cap) {
		*ok = false;
		return;
	}
	for (i = 0; i < n; i++) {
		out[(*o)++] = u[i];
	}
}

/* see x509.h */
long
x509_string_decode(const struct der_tlv *t, unsigned char *out, size_t cap)
{
	size_t o = 0;
	size_t i;
	bool ok = true;

	switch (t->tag) {
	case DER_UTF8_STRING:
	case DER_PRINTABLE_STRING:
	case DER_TELETEX_STRING:
	case DER_IA5_STRING:
	case 0x12:	/* NumericString */
	case 0x1a:	/* VisibleString */
		if (t->len > cap) {
			return -1;
		}
		memcpy(out, t->val, t->len);
		return (long)t->len;
	case DER_BMP_STRING:
		if (t->len % 2 != 0) {
			return -1;
		}
		for (i = 0; i < t->len && ok; i += 2) {
			put_utf8(out, cap, &o,
			    (uint32_t)t->val[i] << 8 | t->val[i + 1], &ok);
		}
		return ok ? (long)o : -1;
	case DER_UNIVERSAL_STRING:
		if (t->len % 4 != 0) {
			return -1;
		}
		for (i = 0; i < t->len && ok; i += 4) {
			put_utf8(out, cap, &o, (uint32_t)t->val[i] << 24 |
			    (uint32_t)t->val[i + 1] << 16 |
			    (uint32_t)t->val[i + 2] << 8 | t->val[i + 3], &ok);
		}
		return ok ? (long)o : -1;
	default:
		return -1;
	}
}

/* Appends value bytes with RFC 4514 section 2.4 escaping; bytes outside
 * printable ASCII become \HH so reports stay printable. */
static void
put_value(struct sbuf *b, const unsigned char *v, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;
	unsigned c;

	for (i = 0; i < len; i++) {
		c = v[i];
		if (c < 0x20 || c >= 0x7f) {
			sb_putc(b, '\\');
			sb_putc(b, hex[c >> 4]);
			sb_putc(b, hex[c & 15]);
			continue;
		}
		if (strchr(",+\"\\<>;", (int)c) != NULL ||
		    (i == 0 && (c == '#' || c == ' ')) ||
		    (i == len - 1 && c == ' ')) {
			sb_putc(b, '\\');
		}
		sb_putc(b, (char)c);
	}
}

/* Appends "#" and the hex of a whole value TLV (RFC 4514 2.4). */
static void
put_hex_value(struct sbuf *b, const struct der_tlv *t)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	sb_putc(b, '#');
	for (i = 0; i < t->raw_len; i++) {
		sb_putc(b, hex[t->raw[i] >> 4]);
		sb_putc(b, hex[t->raw[i] & 15]);
	}
}

static void
put_attr(struct sbuf *b, const struct der_tlv *oid, const struct der_tlv *val)
{
	unsigned char text[NAME_VALUE_CAP];
	char dotted[64];
	size_t i;
	long n;

	for (i = 0; i < sizeof attr_names / sizeof attr_names[0]; i++) {
		if (der_oid_eq(oid->val, oid->len, attr_names[i].oid,
		    attr_names[i].len)) {
			break;
		}
	}
	if (i < sizeof attr_names / sizeof attr_names[0]) {
		sb_puts(b, attr_names[i].name);
		sb_putc(b, '=');
		n = x509_string_decode(val, text, sizeof text);
		if (n >= 0) {
			put_value(b, text, (size_t)n);
			return;
		}
	} else {
		sb_puts(b, x509_oid_format(oid->val, oid->len, dotted,
		    sizeof dotted));
		sb_putc(b, '=');
	}
	put_hex_value(b, val);
}

/* see x509.h */
int
x509_name_next_rdn(struct rd *name, struct rd *rdn)
{
	if (name->bad || name->left == 0) {
		return name->bad ? -1 : 0;
	}
	if (der_expect(name, DER_SET, rdn) < 0 || rdn->left == 0) {
		name->bad = 1;
		return -1;
	}
	return 1;
}

/* see x509.h */
int
x509_rdn_next(struct rd *rdn, struct der_tlv *oid, struct der_tlv *val)
{
	struct rd atv;

	if (rdn->bad || rdn->left == 0) {
		return rdn->bad ? -1 : 0;
	}
	if (der_expect(rdn, DER_SEQUENCE, &atv) < 0 ||
	    der_read(&atv, oid) < 0 || oid->tag != DER_OID ||
	    der_read(&atv, val) < 0 || !rd_is_done(&atv)) {
		rdn->bad = 1;
		return -1;
	}
	return 1;
}

/*
 * Walks the RDNs of Name contents r and appends RDN number idx (0 is the
 * first in DER order).  Returns -1 when the name is malformed.
 */
static int
put_rdn(struct rd name, size_t idx, struct sbuf *b)
{
	struct rd set;
	struct der_tlv oid;
	struct der_tlv val;
	size_t i = 0;
	bool is_first = true;
	int rc;

	while (x509_name_next_rdn(&name, &set) == 1) {
		if (i++ != idx) {
			continue;
		}
		while ((rc = x509_rdn_next(&set, &oid, &val)) == 1) {
			if (!is_first) {
				sb_putc(b, '+');
			}
			is_first = false;
			put_attr(b, &oid, &val);
		}
		return rc;
	}
	return -1;
}

/* see x509.h */
char *
x509_dn_format(const unsigned char *dn, size_t len, char *out, size_t cap)
{
	struct rd r;
	struct rd name;
	struct rd probe;
	struct sbuf b;
	size_t n = 0;
	size_t i;

	sb_init(&b, out, cap);
	rd_init(&r, dn, len);
	if (der_expect(&r, DER_SEQUENCE, &name) < 0 || !rd_is_done(&r)) {
		goto bad;
	}
	probe = name;
	while (probe.left > 0) {
		if (der_expect(&probe, DER_SET, NULL) < 0) {
			goto bad;
		}
		n++;
	}
	/* RFC 4514 2.1: the last RDN of the sequence comes first. */
	for (i = n; i-- > 0;) {
		if (put_rdn(name, i, &b) < 0) {
			goto bad;
		}
		if (i > 0) {
			sb_putc(&b, ',');
		}
	}
	sb_finish(&b);
	return out;
bad:
	sb_init(&b, out, cap);
	sb_puts(&b, "<malformed name>");
	sb_finish(&b);
	return out;
}

static int
ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* ASCII case-insensitive equality of len bytes, whatever the locale. */
static bool
case_eq(const unsigned char *a, const char *b, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (ascii_lower(a[i]) != ascii_lower((unsigned char)b[i])) {
			return false;
		}
	}
	return true;
}

/*
 * libpq's name rule for one dNSName or CN against host, whatever the
 * host's type (an IP host meets wildcards too; see below).
 */
static bool
dns_match(const unsigned char *name, size_t len, const char *host)
{
	size_t hlen = strlen(host);
	const char *tail;

	if (len == hlen && case_eq(name, host, len)) {
		return true;
	}
	if (len < 3 || name[0] != '*' || name[1] != '.') {
		return false;
	}
	tail = strchr(host, '.');
	if (tail == NULL || tail == host) {
		return false;
	}
	return len - 1 == strlen(tail) && case_eq(name + 1, tail, len - 1);
}

/* Whether esc is already an item of the ", "-separated list. */
static bool
list_has(const struct sbuf *b, const char *esc)
{
	size_t n = strlen(esc);
	const char *p = b->s;

	while (p != NULL && p < b->s + b->len) {
		if (strncmp(p, esc, n) == 0 &&
		    (p + n == b->s + b->len || strncmp(p + n, ", ", 2) == 0)) {
			return true;
		}
		while ((p = strchr(p, ',')) != NULL && p[1] != ' ') {
			p++;
		}
		p = p != NULL ? p + 2 : NULL;
	}
	return false;
}

/*
 * Appends one name tried to the list for the mismatch message, once: a
 * CN that repeats a SAN (the usual case) is not listed twice.
 */
static void
list_add(struct sbuf *b, const unsigned char *name, size_t len)
{
	char esc[X509_NAME_CAP];

	ck_escape(esc, sizeof esc, name, len);
	if (list_has(b, esc)) {
		return;
	}
	if (b->len > 0) {
		sb_puts(b, ", ");
	}
	sb_puts(b, esc);
}

/*
 * Finds the first CN of subject Name TLV dn in DER order (the RDN
 * sequence, then each SET as encoded), which is OpenSSL's
 * X509_NAME_get_index_by_NID(name, NID_commonName, -1) that libpq asks;
 * RFC 4514 text prints it last.  False when there is none.
 */
static bool
first_cn(struct x509_bytes dn, struct der_tlv *cn)
{
	struct rd r;
	struct rd name;
	struct rd set;
	struct der_tlv oid;
	struct der_tlv val;

	rd_init(&r, dn.p, dn.len);
	der_expect(&r, DER_SEQUENCE, &name);
	while (x509_name_next_rdn(&name, &set) == 1) {
		while (x509_rdn_next(&set, &oid, &val) == 1) {
			if (der_oid_eq(oid.val, oid.len, oid_cn,
			    sizeof oid_cn)) {
				*cn = val;
				return true;
			}
		}
	}
	return false;
}

/*
 * The host-name rules of libpq's sslmode=verify-full
 * (fe-secure-common.c, fe-secure-openssl.c), in the order applied:
 *  1. host is an IP address when ip_parse() accepts it without a %scope
 *     (libpq: inet_aton, every IPv4 form; inet_pton for IPv6, which
 *     knows no scope); otherwise it is a DNS name.
 *  2. Every subjectAltName entry is tried in certificate order, the
 *     first match or error ending the check:
 *     - dNSName: equal to host ignoring ASCII case; or a wildcard: the
 *       whole left-most label is exactly "*" and it stands for exactly
 *       one non-empty left-most label of host ("*.example.test" matches
 *       "a.example.test", not "example.test" nor "a.b.example.test";
 *       "f*.example.test" matches nothing).  An IP host is compared so
 *       too, wildcards included ("*.0.2.1" matches 192.0.2.1).  A name
 *       holding a NUL byte is an error, not a mismatch.
 *     - iPAddress: its 4 or 16 raw bytes equal the parsed host address
 *       (never for a DNS host); any other length is an error.
 *  3. The subject's first CN is tried only when the certificate has no
 *     subjectAltName of the host's own type (no dNSName for a DNS host,
 *     no iPAddress for an IP host, even if dNSNames exist), as the raw
 *     bytes of its string, like a dNSName: a BMPString CN holds NULs.
 *  4. No match: the error lists every name tried; no name at all gives
 *     "not valid for any names".
 */
/* see x509.h */
int
x509_check_host(const unsigned char *der, size_t len, const char *host,
    struct result *res)
{
	struct x509_cert c;
	struct rd san;
	struct der_tlv gn;
	struct der_tlv cn;
	unsigned char addr[16];
	char tried[RESULT_DETAIL_CAP];
	char ip_text[IP_TEXT_CAP];
	char host_text[X509_NAME_CAP];
	struct sbuf list;
	const char *scope;
	size_t addr_len;
	bool is_ip;
	bool has_own_type = false;

	if (x509_cert_parse(der, len, &c) < 0) {
		return result_fail(res, CK_E_X509_MALFORMED, "certificate 1");
	}
	addr_len = (size_t)ip_parse(host, strlen(host), addr, &scope);
	is_ip = addr_len != 0 && scope == NULL;
	/* Leave room for ", not HOST" after a long list. */
	sb_init(&list, tried, sizeof tried / 2);
	rd_init(&san, c.san.p, c.san.len);
	while (san.left > 0 && der_read(&san, &gn) == 0) {
		if (gn.tag == GN_DNS) {
			has_own_type |= !is_ip;
			if (memchr(gn.val, '\0', gn.len) != NULL) {
				ck_escape(tried, sizeof tried, gn.val, gn.len);
				return result_fail(res, CK_E_X509_NAME_NUL,
				    "%s", tried);
			}
			if (dns_match(gn.val, gn.len, host)) {
				return 0;
			}
			list_add(&list, gn.val, gn.len);
		} else if (gn.tag == GN_IP) {
			has_own_type |= is_ip;
			if (is_ip && gn.len == addr_len &&
			    memcmp(gn.val, addr, addr_len) == 0) {
				return 0;
			}
			/* libpq: "certificate contains IP address with
			 * invalid length". */
			if (ip_format(gn.val, gn.len, ip_text,
			    sizeof ip_text) == NULL) {
				return result_fail(res, CK_E_X509_MALFORMED,
				    "certificate 1: iPAddress of %zu bytes",
				    gn.len);
			}
			list_add(&list, (const unsigned char *)ip_text,
			    strlen(ip_text));
		}
	}
	if (!has_own_type && first_cn(c.subject, &cn)) {
		if (memchr(cn.val, '\0', cn.len) != NULL) {
			ck_escape(tried, sizeof tried, cn.val, cn.len);
			return result_fail(res, CK_E_X509_NAME_NUL, "%s",
			    tried);
		}
		if (dns_match(cn.val, cn.len, host)) {
			return 0;
		}
		list_add(&list, cn.val, cn.len);
	}
	sb_finish(&list);
	ck_escape(host_text, sizeof host_text, (const unsigned char *)host,
	    strlen(host));
	if (list.len == 0) {
		return result_fail(res, CK_E_X509_NO_NAMES, "%s", host_text);
	}
	return result_fail(res, CK_E_X509_HOSTNAME, "%s, not %s", tried,
	    host_text);
}
