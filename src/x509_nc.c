/* SPDX-License-Identifier: MIT */
/*
 * x509_nc: name constraints judged as OpenSSL 3.0 judges them
 * (v3_ncons.c NAME_CONSTRAINTS_check and _check_CN, called from
 * x509_vfy.c check_name_constraints), since libpq's verdict is
 * OpenSSL's.  The names of a certificate are walked in OpenSSL's order
 * and the first failure wins, so the status matches OpenSSL's even when
 * several names are wrong.  Reads the caller's DER in place; the only
 * buffers are a decoded CN and the why text.
 */
#include <string.h>

#include "fmt.h"
#include "ip.h"
#include "x509.h"
#include "x509_nc.h"
#include "x509_nc_int.h"

/* GeneralName choices (RFC 5280 4.2.1.6): tag number in the low bits. */
enum {
	GN_OTHER = 0, GN_EMAIL, GN_DNS, GN_X400, GN_DIR, GN_EDI, GN_URI,
	GN_IP, GN_RID
};

/* OpenSSL's NAME_CHECK_MAX: names times constraints above this fail. */
#define NAME_CHECK_MAX (1ul << 20)

/* A CN decoded for the host-name test.  A DNS name is at most 253
 * bytes; a longer CN is refused rather than skipped (see cn_check). */
#define CN_CAP 256

/* Constraints of one type listed in a permitted-violation text. */
#define WHY_LIST_MAX 3

static const unsigned char oid_cn[] = { 0x55, 0x04, 0x03 };
static const unsigned char oid_email[] = {
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01
};
/* id-on-SmtpUTF8Mailbox (RFC 8398), 1.3.6.1.5.5.7.8.9 */
static const unsigned char oid_smtputf8[] = {
	0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x08, 0x09
};

/* One name of the certificate being judged. */
struct name {
	unsigned type;			/* GN_*: how it is compared */
	bool is_eai;			/* SmtpUTF8Mailbox: type is GN_EMAIL */
	bool is_cn;			/* a subject CN taken as a DNS name */
	const unsigned char *p;		/* GN_DIR: Name TLV; GN_OTHER: the
					 * otherName contents; else the
					 * string or address */
	size_t len;
	struct x509_bytes oid;		/* GN_OTHER: type-id contents */
	struct x509_bytes eai;		/* is_eai: the UTF8String contents,
					 * p NULL if the value is not one */
};

/* Where the why text is built; fmt_snprintf appends at len. */
struct why {
	char *s;
	size_t cap;
	size_t len;
};

static void __attribute__((format(printf, 2, 3)))
why_add(struct why *w, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (w->cap == 0 || w->len >= w->cap) {
		return;
	}
	va_start(ap, fmt);
	n = fmt_vsnprintf(w->s + w->len, w->cap - w->len, fmt, ap);
	va_end(ap);
	w->len += (size_t)n < w->cap - w->len ? (size_t)n : w->cap - w->len;
}

/*
 * Reads one GeneralName TLV t into its type and comparable bytes.  A
 * name (not a constraint: is_base false) that is an SmtpUTF8Mailbox
 * takes type GN_EMAIL, as OpenSSL's "effective type".  Returns 0, or -1
 * when malformed.
 */
static int
name_read(const struct der_tlv *t, bool is_base, struct name *nm)
{
	struct rd r;
	struct rd inner;
	struct der_tlv x;
	struct der_tlv y;
	unsigned num = t->tag & 0x1f;
	bool is_cons = (t->tag & 0x20) != 0;

	memset(nm, 0, sizeof *nm);
	nm->type = num;
	nm->p = t->val;
	nm->len = t->len;
	if ((t->tag & 0xc0) != 0x80 || num > GN_RID ||
	    is_cons != (num == GN_OTHER || num == GN_X400 || num == GN_DIR ||
	    num == GN_EDI)) {
		return -1;
	}
	rd_init(&r, t->val, t->len);
	if (num == GN_DIR) {
		/* [4] is EXPLICIT: the contents are one whole Name. */
		der_read(&r, &x);
		rd_init(&inner, x.val, x.len);
		nm->p = x.raw;
		nm->len = x.raw_len;
		if (x.tag != DER_SEQUENCE || !rd_is_done(&r)) {
			return -1;
		}
		while (x509_name_next_rdn(&inner, &r) == 1) {
			while (x509_rdn_next(&r, &x, &y) == 1) {
			}
			inner.bad |= r.bad;
		}
		return inner.bad ? -1 : 0;
	}
	if (num == GN_OTHER) {
		der_read(&r, &x);
		nm->oid.p = x.val;
		nm->oid.len = x.len;
		der_expect(&r, DER_CTX_CONS(0), &inner);
		der_read(&inner, &x);
		if (nm->oid.p == NULL || !rd_is_done(&inner) ||
		    !rd_is_done(&r)) {
			return -1;
		}
		if (!is_base && der_oid_eq(nm->oid.p, nm->oid.len, oid_smtputf8,
		    sizeof oid_smtputf8)) {
			nm->type = GN_EMAIL;
			nm->is_eai = true;
			if (x.tag == DER_UTF8_STRING) {
				nm->eai.p = x.val;
				nm->eai.len = x.len;
			}
		}
	}
	return 0;
}

/* Reads a GeneralSubtree; *is_minmax: a minimum other than 0 or any
 * maximum, which OpenSSL refuses once a name of that type meets it. */
static int
subtree_read(struct rd *list, struct der_tlv *base, bool *is_minmax)
{
	struct rd st;
	struct der_tlv t;
	struct name nm;
	size_t i;

	der_expect(list, DER_SEQUENCE, &st);
	der_read(&st, base);
	if (st.bad || name_read(base, true, &nm) < 0) {
		return -1;
	}
	*is_minmax = false;
	if (der_optional(&st, DER_CTX(0), &t) == 1) {
		for (i = 0; i < t.len; i++) {
			*is_minmax |= t.val[i] != 0;
		}
		if (t.len == 0) {
			return -1;
		}
	}
	if (der_optional(&st, DER_CTX(1), &t) == 1) {
		*is_minmax = true;
	}
	return rd_is_done(&st) ? 0 : -1;
}

/* see x509_nc.h */
int
x509_nc_parse(const unsigned char *ext, size_t len, struct x509_nc *nc)
{
	struct rd r;
	struct rd seq;
	struct rd list;
	struct der_tlv t;
	struct der_tlv base;
	bool is_minmax;
	int i;

	memset(nc, 0, sizeof *nc);
	rd_init(&r, ext, len);
	der_expect(&r, DER_SEQUENCE, &seq);
	if (!rd_is_done(&r)) {
		return -1;
	}
	for (i = 0; i < 2; i++) {
		if (der_optional(&seq, DER_CTX_CONS((unsigned)i), &t) != 1) {
			continue;
		}
		(i == 0 ? &nc->permitted : &nc->excluded)->p = t.val;
		(i == 0 ? &nc->permitted : &nc->excluded)->len = t.len;
		rd_init(&list, t.val, t.len);
		while (list.left > 0) {
			if (subtree_read(&list, &base, &is_minmax) < 0) {
				return -1;
			}
		}
	}
	return rd_is_done(&seq) ? 0 : -1;
}

/* Subtrees in a list (its contents); a list absent counts 0. */
static size_t
subtree_count(struct x509_bytes list)
{
	struct rd r;
	size_t n = 0;

	rd_init(&r, list.p, list.len);
	while (r.left > 0 && der_expect(&r, DER_SEQUENCE, NULL) == 0) {
		n++;
	}
	return n;
}

static const char *const type_names[] = {
	"otherName", "email address", "DNS name", "x400Address",
	"directory name", "ediPartyName", "URI", "IP address", "registeredID"
};

/* Appends a name or constraint value of type as text. */
static void
put_value(struct why *w, unsigned type, const unsigned char *p, size_t len)
{
	char text[X509_NAME_CAP];
	char ip[IP_TEXT_CAP];
	unsigned bits = 0;
	size_t half = len / 2;
	size_t i;

	if (type == GN_DIR) {
		why_add(w, "%s", x509_dn_format(p, len, text, sizeof text));
		return;
	}
	if (type == GN_IP && (len == 8 || len == 32)) {
		for (i = 0; i < half && p[half + i] == 0xff; i++) {
			bits += 8;
		}
		if (i < half) {
			unsigned m = p[half + i];

			while (m & 0x80) {
				bits++;
				m = (m << 1) & 0xff;
			}
			/* Any bit set past the first 0 is a mask CIDR
			 * cannot write: print it as an address. */
			while (++i < half && m == 0) {
				m = p[half + i];
			}
			if (m != 0) {
				why_add(w, "%s/",
				    ip_format(p, half, ip, sizeof ip));
				why_add(w, "%s",
				    ip_format(p + half, half, ip, sizeof ip));
				return;
			}
		}
		why_add(w, "%s/%u", ip_format(p, half, ip, sizeof ip), bits);
		return;
	}
	if (type == GN_IP && ip_format(p, len, ip, sizeof ip) != NULL) {
		why_add(w, "%s", ip);
		return;
	}
	ck_escape(text, sizeof text, p, len);
	why_add(w, "%s", type == GN_IP ? "(bad length)" : text);
}

static void
put_name(struct why *w, const struct name *nm)
{
	if (nm->is_cn) {
		why_add(w, "CN ");
	} else {
		why_add(w, "%s ", type_names[nm->type]);
	}
	if (nm->is_eai) {
		put_value(w, GN_EMAIL, nm->eai.p, nm->eai.len);
	} else if (nm->type == GN_OTHER) {
		char dotted[64];

		why_add(w, "%s", x509_oid_format(nm->oid.p, nm->oid.len,
		    dotted, sizeof dotted));
	} else {
		put_value(w, nm->type, nm->p, nm->len);
	}
}

/* Whether constraint base (a name_read result) is of nm's type: for an
 * otherName, of the same type-id too (OpenSSL 3.0.19 checks it). */
static bool
is_same_type(const struct name *nm, const struct name *base)
{
	if (nm->type != base->type) {
		return false;
	}
	return nm->type != GN_OTHER || (nm->oid.len == base->oid.len &&
	    memcmp(nm->oid.p, base->oid.p, nm->oid.len) == 0);
}

/* nc_match_single: one name against one constraint of its type. */
static int
match_one(const struct name *nm, const struct name *base, struct why *w)
{
	int rc;

	if (nm->is_eai) {
		rc = x509_nc_match_eai(nm->eai.p, nm->eai.len, base->p,
		    base->len);
	} else {
		switch (nm->type) {
		case GN_EMAIL:
			rc = x509_nc_match_email(nm->p, nm->len, base->p, base->len);
			break;
		case GN_DNS:
			rc = x509_nc_match_dns(nm->p, nm->len, base->p, base->len);
			break;
		case GN_DIR:
			rc = x509_nc_match_dir(nm->p, nm->len, base->p, base->len);
			break;
		case GN_URI:
			rc = x509_nc_match_uri(nm->p, nm->len, base->p, base->len);
			break;
		case GN_IP:
			rc = x509_nc_match_ip(nm->p, nm->len, base->p, base->len);
			break;
		default:
			why_add(w, "%s name constraint",
			    type_names[nm->type]);
			return X509_NC_UNSUPPORTED;
		}
	}
	if (rc == X509_NC_UNSUPPORTED) {
		put_name(w, nm);
		why_add(w, " against constraint ");
		put_value(w, base->type, base->p, base->len);
	}
	return rc;
}

/*
 * nc_match: a name with permitted subtrees of its type must match one;
 * it must match no excluded subtree of its type.  A minimum or maximum
 * fails on every subtree of the type seen, even after a match, and any
 * failure but a mismatch ends the check, as in OpenSSL.
 */
static int
match_name(const struct x509_nc *nc, const struct name *nm, struct why *w)
{
	struct rd r;
	struct der_tlv t;
	struct name base;
	bool is_minmax;
	int state;
	int listed = 0;
	int rc;
	int i;

	for (i = 0; i < 2; i++) {
		state = 0;	/* 1: a subtree of the type, 2: matched */
		rd_init(&r, (i == 0 ? nc->permitted : nc->excluded).p,
		    (i == 0 ? nc->permitted : nc->excluded).len);
		while (r.left > 0) {
			if (subtree_read(&r, &t, &is_minmax) < 0 ||
			    name_read(&t, true, &base) < 0) {
				return X509_NC_MALFORMED;
			}
			if (!is_same_type(nm, &base)) {
				continue;
			}
			if (is_minmax) {
				why_add(w, "name constraint with a minimum "
				    "or maximum");
				return X509_NC_UNSUPPORTED;
			}
			if (state == 2) {
				continue;
			}
			state = 1;
			rc = match_one(nm, &base, w);
			if (rc == X509_NC_OK) {
				state = 2;
				if (i == 1) {
					put_name(w, nm);
					why_add(w, " (excluded: ");
					put_value(w, base.type, base.p,
					    base.len);
					why_add(w, ")");
					return X509_NC_VIOLATION;
				}
			} else if (rc != X509_NC_VIOLATION) {
				return rc;
			}
		}
		if (i == 0 && state == 1) {
			put_name(w, nm);
			why_add(w, " (permitted: ");
			rd_init(&r, nc->permitted.p, nc->permitted.len);
			while (r.left > 0 && subtree_read(&r, &t,
			    &is_minmax) == 0 &&
			    name_read(&t, true, &base) == 0) {
				if (!is_same_type(nm, &base)) {
					continue;
				}
				if (listed++ == WHY_LIST_MAX) {
					why_add(w, ", ...");
					break;
				}
				why_add(w, "%s", listed > 1 ? ", " : "");
				put_value(w, base.type, base.p, base.len);
			}
			why_add(w, ")");
			return X509_NC_VIOLATION;
		}
	}
	return X509_NC_OK;
}

/*
 * OpenSSL's cn2dnsid: whether a decoded CN is a host name.  Letters,
 * digits and '_' anywhere; '-' and '.' not first or last; a '.' not
 * next to another '.' or a '-'; and at least one '.', so a single
 * label ("localhost") and a wildcard ("*.a.test") are not names.
 */
static bool
is_dns_cn(const unsigned char *s, size_t len)
{
	bool has_dot = false;
	size_t i;
	unsigned c;

	for (i = 0; i < len; i++) {
		c = s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_') {
			continue;
		}
		if (i == 0 || i == len - 1) {
			return false;
		}
		if (c == '-') {
			continue;
		}
		if (c != '.' || s[i + 1] == '.' || s[i + 1] == '-' ||
		    s[i - 1] == '-') {
			return false;
		}
		has_dot = true;
	}
	return has_dot;
}

/*
 * NAME_CONSTRAINTS_check_CN: every CN that is a host name, as a
 * dNSName.  A CN that is no string or too long to decode is refused:
 * OpenSSL fails on the first and checks the second.
 */
static int
cn_check(const struct x509_nc *nc, struct x509_bytes dn, struct why *w)
{
	unsigned char text[CN_CAP];
	struct rd r;
	struct rd name;
	struct rd rdn;
	struct der_tlv oid;
	struct der_tlv val;
	struct name nm;
	long n;
	int rc;

	rd_init(&r, dn.p, dn.len);
	der_expect(&r, DER_SEQUENCE, &name);
	while (x509_name_next_rdn(&name, &rdn) == 1) {
		while (x509_rdn_next(&rdn, &oid, &val) == 1) {
			if (!der_oid_eq(oid.val, oid.len, oid_cn,
			    sizeof oid_cn)) {
				continue;
			}
			n = x509_string_decode(&val, text, sizeof text);
			if (n < 0) {
				why_add(w, "CN not decodable as a string");
				return X509_NC_UNSUPPORTED;
			}
			/* Trailing NULs are dropped; an inner one is
			 * refused, as OpenSSL does. */
			while (n > 0 && text[n - 1] == '\0') {
				n--;
			}
			if (memchr(text, 0, (size_t)n) != NULL) {
				why_add(w, "CN with a NUL byte");
				return X509_NC_UNSUPPORTED;
			}
			if (!is_dns_cn(text, (size_t)n)) {
				continue;
			}
			memset(&nm, 0, sizeof nm);
			nm.type = GN_DNS;
			nm.is_cn = true;
			nm.p = text;
			nm.len = (size_t)n;
			if ((rc = match_name(nc, &nm, w)) != X509_NC_OK) {
				return rc;
			}
		}
	}
	return name.bad || r.bad ? X509_NC_MALFORMED : X509_NC_OK;
}

/* Attributes of the subject; emailAddress ones are checked when
 * check_email, each then as an rfc822Name (must be an IA5String). */
static int
subject_walk(const struct x509_nc *nc, struct x509_bytes dn,
    bool is_check_email, size_t *n, struct why *w)
{
	struct rd r;
	struct rd name;
	struct rd rdn;
	struct der_tlv oid;
	struct der_tlv val;
	struct name nm;
	int rc;

	*n = 0;
	rd_init(&r, dn.p, dn.len);
	der_expect(&r, DER_SEQUENCE, &name);
	while (x509_name_next_rdn(&name, &rdn) == 1) {
		while ((rc = x509_rdn_next(&rdn, &oid, &val)) == 1) {
			++*n;
			if (!is_check_email || !der_oid_eq(oid.val, oid.len,
			    oid_email, sizeof oid_email)) {
				continue;
			}
			if (val.tag != DER_IA5_STRING) {
				why_add(w, "emailAddress not an IA5String");
				return X509_NC_UNSUPPORTED;
			}
			memset(&nm, 0, sizeof nm);
			nm.type = GN_EMAIL;
			nm.p = val.val;
			nm.len = val.len;
			if ((rc = match_name(nc, &nm, w)) != X509_NC_OK) {
				return rc;
			}
		}
		name.bad |= rc < 0;
	}
	return name.bad || r.bad ? X509_NC_MALFORMED : X509_NC_OK;
}

/* see x509_nc.h */
int
x509_nc_check(const struct x509_nc *nc, const struct x509_cert *c,
    bool is_leaf, char *why, size_t cap)
{
	struct why w = { why, cap, 0 };
	struct rd san;
	struct der_tlv t;
	struct name nm;
	size_t n_subject;
	size_t n_names;
	size_t n_cons;
	bool has_dns = false;
	int rc;

	if (cap > 0) {
		why[0] = '\0';
	}
	rc = subject_walk(nc, c->subject, false, &n_subject, &w);
	n_names = n_subject;
	rd_init(&san, c->san.p, c->san.len);
	while (rc == X509_NC_OK && san.left > 0) {
		if (der_read(&san, &t) < 0) {
			rc = X509_NC_MALFORMED;
		}
		has_dns |= t.tag == DER_CTX(GN_DNS);
		n_names++;
	}
	if (rc != X509_NC_OK) {
		why_add(&w, "malformed name");
		return rc;
	}
	/* OpenSSL's bound on the work of one check (NAME_CHECK_MAX). */
	n_cons = subtree_count(nc->permitted) + subtree_count(nc->excluded);
	if (n_names > 0 && n_cons > NAME_CHECK_MAX / n_names) {
		why_add(&w, "%zu names against %zu name constraints",
		    n_names, n_cons);
		return X509_NC_UNSUPPORTED;
	}
	if (n_subject > 0) {
		memset(&nm, 0, sizeof nm);
		nm.type = GN_DIR;
		nm.p = c->subject.p;
		nm.len = c->subject.len;
		rc = match_name(nc, &nm, &w);
		if (rc == X509_NC_OK) {
			rc = subject_walk(nc, c->subject, true, &n_subject,
			    &w);
		}
	}
	rd_init(&san, c->san.p, c->san.len);
	while (rc == X509_NC_OK && san.left > 0) {
		der_read(&san, &t);
		rc = name_read(&t, false, &nm) < 0 ? X509_NC_MALFORMED :
		    match_name(nc, &nm, &w);
	}
	if (rc == X509_NC_OK && is_leaf && !has_dns) {
		rc = cn_check(nc, c->subject, &w);
	}
	if (rc == X509_NC_MALFORMED && w.len == 0) {
		why_add(&w, "malformed name");
	}
	return rc;
}
