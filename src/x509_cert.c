/* SPDX-License-Identifier: MIT */
/*
 * x509_cert: reads one DER certificate with the checked reader in der.c
 * and converts its dates: every field the path validator reads (the
 * extensions are x509_ext.c's), algorithm names for reasons, and trust
 * anchor descriptions.
 */
#include <string.h>

#include "fmt.h"
#include "x509_cert.h"

/* OID contents (no tag, no length), RFC 5280, 3279, 4055, 5480, 8410. */
static const unsigned char oid_rsa[] = {
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01
};
/* id-RSASSA-PSS as a key: an RSA key meant for PSS signatures only. */
static const unsigned char oid_rsa_pss[] = {
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a
};
static const unsigned char oid_ec[] = {
	0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01
};
static const unsigned char oid_ed25519[] = { 0x2b, 0x65, 0x70 };
static const unsigned char oid_p256[] = {
	0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07
};
static const unsigned char oid_p384[] = { 0x2b, 0x81, 0x04, 0x00, 0x22 };
static const unsigned char oid_p521[] = { 0x2b, 0x81, 0x04, 0x00, 0x23 };

/* Prefixes of the PKCS#1 (1.2.840.113549.1.1.x) and ECDSA signature
 * (1.2.840.10045.4.x) arcs; the last byte(s) pick the hash. */
static const unsigned char arc_pkcs1[] = {
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01
};
static const unsigned char arc_ecdsa[] = { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04 };

/* Names for algorithms BearSSL cannot use, as Go spells most of them. */
struct oid_name {
	unsigned char oid[10];
	size_t len;
	const char *name;
};

static const struct oid_name key_names[] = {
	{ { 0x2b, 0x65, 0x70 }, 3, "Ed25519" },
	{ { 0x2b, 0x65, 0x71 }, 3, "Ed448" },
	{ { 0x2b, 0x65, 0x6e }, 3, "X25519" },
	{ { 0x2b, 0x65, 0x6f }, 3, "X448" },
	{ { 0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x01 }, 7, "DSA" },
	{ { 0x2a, 0x86, 0x48, 0xce, 0x3e, 0x02, 0x01 }, 7, "DH" },
};

static const struct oid_name sig_names[] = {
	{ { 0x2b, 0x65, 0x70 }, 3, "Ed25519" },
	{ { 0x2b, 0x65, 0x71 }, 3, "Ed448" },
	{ { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x04 }, 9,
	    "MD5-RSA" },
	{ { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x02 }, 9,
	    "MD2-RSA" },
	{ { 0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x03 }, 7, "DSA-SHA1" },
	{ { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, 0x02 }, 9,
	    "DSA-SHA256" },
};

/* Signatures we verify (sig.c), as Go's crypto/x509 names them. */
static const struct oid_name sig_known[] = {
	{ { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x05 }, 9,
	    "SHA1-RSA" },
	{ { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0e }, 9,
	    "SHA224-RSA" },
	{ { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b }, 9,
	    "SHA256-RSA" },
	{ { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c }, 9,
	    "SHA384-RSA" },
	{ { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0d }, 9,
	    "SHA512-RSA" },
	{ { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a }, 9,
	    "RSA-PSS" },
	{ { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x01 }, 7, "ECDSA-SHA1" },
	{ { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x01 }, 8,
	    "ECDSA-SHA224" },
	{ { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02 }, 8,
	    "ECDSA-SHA256" },
	{ { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03 }, 8,
	    "ECDSA-SHA384" },
	{ { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x04 }, 8,
	    "ECDSA-SHA512" },
};

static const struct oid_name curve_names[] = {
	{ { 0x2b, 0x81, 0x04, 0x00, 0x0a }, 5, "secp256k1" },
	{ { 0x2b, 0x81, 0x04, 0x00, 0x21 }, 5, "P-224" },
	{ { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x01 }, 8, "P-192" },
	{ { 0x2b, 0x24, 0x03, 0x03, 0x02, 0x08, 0x01, 0x01, 0x07 }, 9,
	    "brainpoolP256r1" },
	{ { 0x2b, 0x24, 0x03, 0x03, 0x02, 0x08, 0x01, 0x01, 0x0b }, 9,
	    "brainpoolP384r1" },
	{ { 0x2b, 0x24, 0x03, 0x03, 0x02, 0x08, 0x01, 0x01, 0x0d }, 9,
	    "brainpoolP512r1" },
};

static bool
oid_is(struct x509_bytes o, const unsigned char *want, size_t len)
{
	return der_oid_eq(o.p, o.len, want, len);
}

/* see x509_cert.h */
char *
x509_oid_format(const unsigned char *oid, size_t len, char *out, size_t cap)
{
	size_t i;
	size_t k = 0;
	uint32_t arc = 0;
	bool is_first = true;
	int n;

	if (cap == 0) {
		return out;
	}
	out[0] = '\0';
	/* Arcs above 2^32 in hostile OIDs print wrong: this is a message. */
	for (i = 0; i < len && k < cap; i++) {
		arc = (arc << 7) | (oid[i] & 0x7f);
		if (oid[i] & 0x80) {
			continue;
		}
		if (is_first) {
			n = fmt_snprintf(out + k, cap - k, "%u.%u",
			    (unsigned)(arc < 80 ? arc / 40 : 2),
			    (unsigned)(arc < 80 ? arc % 40 : arc - 80));
			is_first = false;
		} else {
			n = fmt_snprintf(out + k, cap - k, ".%u",
			    (unsigned)arc);
		}
		k += n > 0 ? (size_t)n : 0;
		arc = 0;
	}
	if (k >= cap && cap >= 4) {
		memcpy(out + cap - 4, "...", 4);
	}
	return out;
}

/* Writes the name of OID o from table t, or its dotted form, to out. */
static void
oid_text(struct x509_bytes o, const struct oid_name *t, size_t n,
    char *out, size_t cap)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (der_oid_eq(o.p, o.len, t[i].oid, t[i].len)) {
			fmt_snprintf(out, cap, "%s", t[i].name);
			return;
		}
	}
	x509_oid_format(o.p, o.len, out, cap);
}

/* see x509_cert.h */
int64_t
x509_days_from_civil(int64_t year, unsigned month, unsigned day)
{
	/* Howard Hinnant's days_from_civil: eras of 400 years, years
	 * starting in March so the leap day comes last. */
	int64_t y = year - (month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 +
	    day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

static bool
is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Reads n decimal digits; -1 on anything else. */
static int
digits(const unsigned char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return -1;
		}
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* see x509_cert.h */
int
x509_time_parse(const struct der_tlv *t, int64_t *out)
{
	static const unsigned char mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	const unsigned char *s = t->val;
	int year;
	int mon;
	int day;
	int hh;
	int mm;
	int ss;
	int max;

	if (t->tag == DER_UTC_TIME && t->len == 13) {
		year = digits(s, 2);
		if (year >= 0) {
			/* RFC 5280 4.1.2.5.1: YY >= 50 is 19YY. */
			year += year < 50 ? 2000 : 1900;
		}
		s += 2;
	} else if (t->tag == DER_GENERALIZED_TIME && t->len == 15) {
		year = digits(s, 4);
		s += 4;
	} else {
		return -1;
	}
	mon = digits(s, 2);
	day = digits(s + 2, 2);
	hh = digits(s + 4, 2);
	mm = digits(s + 6, 2);
	ss = digits(s + 8, 2);
	if (year < 0 || mon < 1 || mon > 12 || day < 1 || hh < 0 ||
	    hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60 ||
	    s[10] != 'Z') {
		return -1;
	}
	max = mdays[mon - 1] + (mon == 2 && is_leap(year));
	if (day > max) {
		return -1;
	}
	*out = x509_days_from_civil(year, (unsigned)mon, (unsigned)day) *
	    86400 + hh * 3600 + mm * 60 + ss;
	return 0;
}

static void
strip_zeros(struct x509_bytes *b)
{
	while (b->len > 1 && b->p[0] == 0) {
		b->p++;
		b->len--;
	}
}

/* Name ::= SEQUENCE OF SET OF SEQUENCE { OID, ANY }: structure only. */
static void
parse_name(struct rd *r, struct x509_bytes *out)
{
	struct der_tlv t;
	struct rd name;
	struct rd set;
	struct rd atv;

	if (der_read(r, &t) < 0 || t.tag != DER_SEQUENCE) {
		r->bad = 1;
		return;
	}
	out->p = t.raw;
	out->len = t.raw_len;
	rd_init(&name, t.val, t.len);
	while (!name.bad && name.left > 0) {
		der_expect(&name, DER_SET, &set);
		do {
			der_expect(&set, DER_SEQUENCE, &atv);
			der_expect(&atv, DER_OID, NULL);
			der_read(&atv, &t);
			if (!rd_is_done(&atv)) {
				set.bad = 1;
			}
		} while (!set.bad && set.left > 0);
		name.bad |= set.bad;
	}
	r->bad |= name.bad;
}

/* see x509_cert.h */
void
x509_name_read(struct rd *r, struct x509_bytes *out)
{
	parse_name(r, out);
}

/* AlgorithmIdentifier: the OID's contents; parameters are skipped. */
static void
parse_alg(struct rd *r, struct x509_bytes *oid, struct der_tlv *params)
{
	struct rd a;
	struct der_tlv t;

	der_expect(r, DER_SEQUENCE, &a);
	der_read(&a, &t);
	if (t.tag != DER_OID) {
		a.bad = 1;
	}
	oid->p = t.val;
	oid->len = t.len;
	memset(params, 0, sizeof *params);
	if (a.left > 0) {
		der_read(&a, params);
	}
	if (!rd_is_done(&a)) {
		r->bad = 1;
	}
}

/* A positive INTEGER's contents with leading zeros stripped. */
static void
parse_uint(struct rd *r, struct x509_bytes *out)
{
	struct der_tlv t;

	if (der_read(r, &t) < 0 || t.tag != DER_INTEGER || t.len == 0 ||
	    (t.val[0] & 0x80)) {
		r->bad = 1;
		return;
	}
	out->p = t.val;
	out->len = t.len;
	strip_zeros(out);
}

static void
parse_spki(struct rd *r, struct x509_cert *c)
{
	struct rd spki;
	struct rd bits;
	struct rd key;
	struct der_tlv params;

	c->spki.p = r->p;
	der_expect(r, DER_SEQUENCE, &spki);
	c->spki.len = (size_t)(r->p - c->spki.p);
	parse_alg(&spki, &c->key_oid, &params);
	der_expect(&spki, DER_BIT_STRING, &bits);
	if (rd_u8(&bits) != 0 || !rd_is_done(&spki)) {
		r->bad = 1;	/* a key is whole bytes */
		return;
	}
	if (oid_is(c->key_oid, oid_rsa, sizeof oid_rsa) ||
	    oid_is(c->key_oid, oid_rsa_pss, sizeof oid_rsa_pss)) {
		der_expect(&bits, DER_SEQUENCE, &key);
		parse_uint(&key, &c->rsa_n);
		parse_uint(&key, &c->rsa_e);
		if (!rd_is_done(&key) || !rd_is_done(&bits)) {
			r->bad = 1;
		}
		c->key_type = BR_KEYTYPE_RSA;
		c->is_rsa_pss_key = c->key_oid.p[c->key_oid.len - 1] == 0x0a;
	} else if (oid_is(c->key_oid, oid_ed25519, sizeof oid_ed25519)) {
		/* RFC 8410 3: no parameters; the key is 32 bytes. */
		c->key_type = X509_KEYTYPE_ED25519;
		c->ed_key.p = bits.p;
		c->ed_key.len = bits.left;
		if (params.raw != NULL || bits.left != 32) {
			r->bad = 1;
		}
	} else if (oid_is(c->key_oid, oid_ec, sizeof oid_ec)) {
		c->key_type = BR_KEYTYPE_EC;
		c->ec_q.p = bits.p;
		c->ec_q.len = bits.left;
		if (params.tag == DER_OID) {
			c->curve_oid.p = params.val;
			c->curve_oid.len = params.len;
		}
		if (oid_is(c->curve_oid, oid_p256, sizeof oid_p256)) {
			c->curve = BR_EC_secp256r1;
		} else if (oid_is(c->curve_oid, oid_p384, sizeof oid_p384)) {
			c->curve = BR_EC_secp384r1;
		} else if (oid_is(c->curve_oid, oid_p521, sizeof oid_p521)) {
			c->curve = BR_EC_secp521r1;
		}
		if (c->ec_q.len == 0) {
			r->bad = 1;
		}
	}
}

/* see x509_cert.h */
int
x509_spki_parse(const unsigned char *der, size_t len, struct x509_cert *c)
{
	struct rd r;

	memset(c, 0, sizeof *c);
	rd_init(&r, der, len);
	parse_spki(&r, c);
	return r.bad || !rd_is_done(&r) ? -1 : 0;
}

/* see x509_cert.h */
int
x509_cert_parse(const unsigned char *der, size_t len, struct x509_cert *c)
{
	struct rd r;
	struct rd cert;
	struct rd tbs;
	struct rd validity;
	struct rd v;
	struct der_tlv t;
	struct der_tlv params;
	struct x509_bytes inner_sig;

	memset(c, 0, sizeof *c);
	c->path_len = -1;
	c->der.p = der;
	c->der.len = len;
	rd_init(&r, der, len);
	der_expect(&r, DER_SEQUENCE, &cert);
	if (!rd_is_done(&r)) {
		return -1;
	}
	c->tbs.p = cert.p;
	der_expect(&cert, DER_SEQUENCE, &tbs);
	c->tbs.len = (size_t)(cert.p - c->tbs.p);
	c->version = 1;
	if (der_peek(&tbs) == DER_CTX_CONS(0)) {
		der_expect(&tbs, DER_CTX_CONS(0), &v);
		der_read(&v, &t);
		if (t.tag != DER_INTEGER || t.len != 1 || t.val[0] > 2 ||
		    !rd_is_done(&v)) {
			return -1;
		}
		c->version = t.val[0] + 1u;
	}
	der_read(&tbs, &t);
	if (t.tag != DER_INTEGER || t.len == 0) {
		return -1;
	}
	c->serial.p = t.val;
	c->serial.len = t.len;
	parse_alg(&tbs, &inner_sig, &params);
	parse_name(&tbs, &c->issuer);
	der_expect(&tbs, DER_SEQUENCE, &validity);
	der_read(&validity, &t);
	if (tbs.bad || x509_time_parse(&t, &c->not_before) < 0) {
		return -1;
	}
	der_read(&validity, &t);
	if (x509_time_parse(&t, &c->not_after) < 0 ||
	    !rd_is_done(&validity)) {
		return -1;
	}
	parse_name(&tbs, &c->subject);
	parse_spki(&tbs, c);
	/* issuerUniqueID and subjectUniqueID (v2): skipped. */
	if (der_optional(&tbs, DER_CTX(1), &t) < 0 ||
	    der_optional(&tbs, DER_CTX(2), &t) < 0) {
		return -1;
	}
	if (der_peek(&tbs) == DER_CTX_CONS(3)) {
		if (c->version != 3) {
			return -1;
		}
		x509_ext_parse(&tbs, c);
	}
	if (!rd_is_done(&tbs)) {
		return -1;
	}
	c->sig_alg.p = cert.p;
	parse_alg(&cert, &c->sig_oid, &params);
	c->sig_alg.len = (size_t)(cert.p - c->sig_alg.p);
	der_expect(&cert, DER_BIT_STRING, &v);
	if (rd_u8(&v) != 0) {
		return -1;	/* RSA and ECDSA signatures are whole bytes */
	}
	c->sig_value.p = v.p;
	c->sig_value.len = v.left;
	if (!rd_is_done(&cert) || inner_sig.len != c->sig_oid.len ||
	    memcmp(inner_sig.p, c->sig_oid.p, inner_sig.len) != 0) {
		return -1;
	}
	return 0;
}

/* Bits in a big-endian number with no leading zero byte. */
static unsigned
bit_len(struct x509_bytes n)
{
	unsigned bits = (unsigned)(n.len - 1) * 8;
	unsigned top = n.p[0];

	while (top != 0) {
		bits++;
		top >>= 1;
	}
	return bits;
}

static bool
sig_is_supported(struct x509_bytes o)
{
	const unsigned char *last = o.p + o.len - 1;

	if (o.len == sizeof arc_pkcs1 + 1 &&
	    memcmp(o.p, arc_pkcs1, sizeof arc_pkcs1) == 0) {
		/* sha1 (5), RSASSA-PSS (10), sha256 (11), sha384 (12),
		 * sha512 (13), sha224 (14) WithRSAEncryption */
		return *last == 5 || (*last >= 10 && *last <= 14);
	}
	if (o.len == sizeof arc_ecdsa + 1 &&
	    memcmp(o.p, arc_ecdsa, sizeof arc_ecdsa) == 0) {
		return *last == 1;	/* ecdsa-with-SHA1 */
	}
	if (o.len == sizeof arc_ecdsa + 2 &&
	    memcmp(o.p, arc_ecdsa, sizeof arc_ecdsa) == 0) {
		/* ecdsa-with-SHA224 .. SHA512: 1.2.840.10045.4.3.1-4 */
		return o.p[o.len - 2] == 3 && *last >= 1 && *last <= 4;
	}
	return oid_is(o, oid_ed25519, sizeof oid_ed25519);
}

/* Can we use c's key?  0, or -1 with the reason in why (may be NULL). */
static int
key_supported(const struct x509_cert *c, char *why, size_t cap)
{
	char name[64];
	unsigned bits;

	name[0] = '\0';
	if (c->key_type == 0) {
		oid_text(c->key_oid, key_names,
		    sizeof key_names / sizeof key_names[0], name, sizeof name);
		fmt_snprintf(why, cap, "public key algorithm %s", name);
		return -1;
	}
	/* BearSSL's RSA: at most BR_MAX_RSA_SIZE (4096) bits; the floor of
	 * 128 bytes of modulus is the one BearSSL's own validator had. */
	bits = c->key_type == BR_KEYTYPE_RSA ? bit_len(c->rsa_n) : 0;
	if (c->key_type == BR_KEYTYPE_RSA && (bits > 4096 ||
	    c->rsa_n.len < 128)) {
		fmt_snprintf(why, cap, "RSA key size %u bits", bits);
		return -1;
	}
	if (c->key_type == BR_KEYTYPE_EC && c->curve == 0) {
		if (c->curve_oid.p == NULL) {
			fmt_snprintf(name, sizeof name, "explicit parameters");
		} else {
			oid_text(c->curve_oid, curve_names,
			    sizeof curve_names / sizeof curve_names[0], name,
			    sizeof name);
		}
		fmt_snprintf(why, cap, "elliptic curve %s", name);
		return -1;
	}
	return 0;
}

/* see x509_cert.h */
int
x509_cert_supported(const struct x509_cert *c, unsigned what, char *why,
    size_t cap)
{
	char name[64];
	char dummy[1];

	if (why == NULL) {
		why = dummy;
		cap = sizeof dummy;
	}
	if ((what & X509_CHECK_KEY) && key_supported(c, why, cap) < 0) {
		return -1;
	}
	if ((what & X509_CHECK_SIG) && !sig_is_supported(c->sig_oid)) {
		oid_text(c->sig_oid, sig_names,
		    sizeof sig_names / sizeof sig_names[0], name, sizeof name);
		fmt_snprintf(why, cap, "signature algorithm %s", name);
		return -1;
	}
	return 0;
}

/* see x509_cert.h */
unsigned char
x509_cert_sig_key_type(const struct x509_cert *c)
{
	struct x509_bytes o = c->sig_oid;

	if (o.len > sizeof arc_pkcs1 &&
	    memcmp(o.p, arc_pkcs1, sizeof arc_pkcs1) == 0) {
		return BR_KEYTYPE_RSA;
	}
	if (o.len > sizeof arc_ecdsa &&
	    memcmp(o.p, arc_ecdsa, sizeof arc_ecdsa) == 0) {
		return BR_KEYTYPE_EC;
	}
	return oid_is(o, oid_ed25519, sizeof oid_ed25519) ?
	    X509_KEYTYPE_ED25519 : 0;
}

/* see x509_cert.h */
void
x509_cert_pkey(const struct x509_cert *c, br_x509_pkey *pk)
{
	memset(pk, 0, sizeof *pk);
	/* BearSSL's key structs hold non-const pointers it never writes
	 * through for public keys. */
	if (c->key_type == BR_KEYTYPE_RSA) {
		pk->key_type = BR_KEYTYPE_RSA;
		pk->key.rsa.n = (unsigned char *)(uintptr_t)c->rsa_n.p;
		pk->key.rsa.nlen = c->rsa_n.len;
		pk->key.rsa.e = (unsigned char *)(uintptr_t)c->rsa_e.p;
		pk->key.rsa.elen = c->rsa_e.len;
	} else if (c->key_type == BR_KEYTYPE_EC) {
		pk->key_type = BR_KEYTYPE_EC;
		pk->key.ec.curve = c->curve;
		pk->key.ec.q = (unsigned char *)(uintptr_t)c->ec_q.p;
		pk->key.ec.qlen = c->ec_q.len;
	} else if (c->key_type == X509_KEYTYPE_ED25519) {
		pk->key_type = X509_KEYTYPE_ED25519;
		pk->key.ec.q = (unsigned char *)(uintptr_t)c->ed_key.p;
		pk->key.ec.qlen = c->ed_key.len;
	}
}

/* see x509_cert.h */
bool
x509_cert_is_self_issued(const struct x509_cert *c)
{
	return c->issuer.len == c->subject.len &&
	    memcmp(c->issuer.p, c->subject.p, c->issuer.len) == 0;
}

/* see x509_cert.h */
int
x509_ta_describe(const unsigned char *der, size_t len,
    struct x509_ta_desc *d, char *why, size_t cap)
{
	struct x509_cert c;

	memset(d, 0, sizeof *d);
	if (x509_cert_parse(der, len, &c) < 0) {
		if (why != NULL) {
			fmt_snprintf(why, cap, "malformed certificate");
		}
		return -1;
	}
	if (x509_cert_supported(&c, X509_CHECK_KEY, why, cap) < 0) {
		return -1;
	}
	d->dn = c.subject;
	if (c.is_ca || (c.version < 3 && x509_cert_is_self_issued(&c))) {
		d->flags = BR_X509_TA_CA;
	}
	d->key_type = c.key_type;
	d->rsa_n = c.rsa_n;
	d->rsa_e = c.rsa_e;
	d->curve = c.curve;
	d->ec_q = c.key_type == X509_KEYTYPE_ED25519 ? c.ed_key : c.ec_q;
	d->not_after = c.not_after;
	return 0;
}

/* see x509_cert.h */
char *
x509_sig_alg_format(const struct x509_cert *c, char *out, size_t cap)
{
	size_t i;

	for (i = 0; i < sizeof sig_known / sizeof sig_known[0]; i++) {
		if (oid_is(c->sig_oid, sig_known[i].oid, sig_known[i].len)) {
			fmt_snprintf(out, cap, "%s", sig_known[i].name);
			return out;
		}
	}
	oid_text(c->sig_oid, sig_names, sizeof sig_names / sizeof sig_names[0],
	    out, cap);
	return out;
}

/* see x509_cert.h */
char *
x509_key_format(const struct x509_cert *c, char *out, size_t cap)
{
	char name[64];

	if (c->key_type == BR_KEYTYPE_RSA) {
		fmt_snprintf(out, cap, "%s-%u", oid_is(c->key_oid, oid_rsa_pss,
		    sizeof oid_rsa_pss) ? "RSA-PSS" : "RSA", bit_len(c->rsa_n));
	} else if (c->key_type == BR_KEYTYPE_EC) {
		if (c->curve == BR_EC_secp256r1) {
			fmt_snprintf(out, cap, "EC P-256");
		} else if (c->curve == BR_EC_secp384r1) {
			fmt_snprintf(out, cap, "EC P-384");
		} else if (c->curve == BR_EC_secp521r1) {
			fmt_snprintf(out, cap, "EC P-521");
		} else {
			oid_text(c->curve_oid, curve_names, sizeof curve_names /
			    sizeof curve_names[0], name, sizeof name);
			fmt_snprintf(out, cap, "EC %s", name);
		}
	} else {
		oid_text(c->key_oid, key_names,
		    sizeof key_names / sizeof key_names[0], out, cap);
	}
	return out;
}
