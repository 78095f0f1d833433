/* SPDX-License-Identifier: MIT */
/*
 * x509_ext: the extensions of a certificate that path validation reads
 * (RFC 5280 4.2), and which critical ones count as handled.  The set of
 * handled extensions is OpenSSL's (X509_supported_extension): libpq
 * refuses a chain with any other critical extension, so we do too.
 */
#include <string.h>

#include "fmt.h"
#include "x509_cert.h"

/* id-ce 2.5.29.x: the OID contents are 55 1d x. */
#define CE_SKI		0x0e
#define CE_KU		0x0f
#define CE_SAN		0x11
#define CE_BC		0x13
#define CE_NC		0x1e
#define CE_CRL_DP	0x1f
#define CE_POLICIES	0x20
#define CE_POLICY_MAP	0x21
#define CE_AKID		0x23
#define CE_POLICY_CONS	0x24
#define CE_EKU		0x25
#define CE_INHIBIT_ANY	0x36

/* Other extensions OpenSSL handles when critical. */
static const unsigned char oid_ns_type[] = {
	0x60, 0x86, 0x48, 0x01, 0x86, 0xf8, 0x42, 0x01, 0x01
};
static const unsigned char oid_ocsp_nocheck[] = {
	0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x05
};
/* id-pe 1.3.6.1.5.5.7.1.x: sbgp-ipAddrBlock (7), autonomousSysNum (8),
 * proxyCertInfo (14). */
static const unsigned char arc_pe[] = {
	0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x01
};

/* id-kp 1.3.6.1.5.5.7.3.x, and the named purposes we print. */
static const unsigned char arc_kp[] = {
	0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03
};
static const char *const kp_names[] = {
	NULL, "serverAuth", "clientAuth", "codeSigning", "emailProtection",
	NULL, NULL, NULL, "timeStamping", "OCSPSigning"
};
static const unsigned char oid_any_eku[] = { 0x55, 0x1d, 0x25, 0x00 };
static const unsigned char oid_ns_sgc[] = {
	0x60, 0x86, 0x48, 0x01, 0x86, 0xf8, 0x42, 0x04, 0x01
};
static const unsigned char oid_ms_sgc[] = {
	0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x0a, 0x03, 0x03
};

/* The id-ce number of OID o, or -1 when o is not 2.5.29.x. */
static int
ce_number(const struct der_tlv *o)
{
	if (o->len == 3 && o->val[0] == 0x55 && o->val[1] == 0x1d) {
		return o->val[2];
	}
	return -1;
}

static bool
is_handled(const struct der_tlv *o)
{
	switch (ce_number(o)) {
	case CE_KU: case CE_SAN: case CE_BC: case CE_NC: case CE_CRL_DP:
	case CE_POLICIES: case CE_POLICY_MAP: case CE_POLICY_CONS:
	case CE_EKU: case CE_INHIBIT_ANY:
		return true;
	default:
		break;
	}
	if (o->len == sizeof arc_pe + 1 &&
	    memcmp(o->val, arc_pe, sizeof arc_pe) == 0) {
		return o->val[o->len - 1] == 7 || o->val[o->len - 1] == 8 ||
		    o->val[o->len - 1] == 14;
	}
	return der_oid_eq(o->val, o->len, oid_ns_type, sizeof oid_ns_type) ||
	    der_oid_eq(o->val, o->len, oid_ocsp_nocheck,
	    sizeof oid_ocsp_nocheck);
}

/* BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE,
 *   pathLenConstraint INTEGER (0..MAX) OPTIONAL } */
static void
parse_bc(struct rd *r, struct x509_cert *c)
{
	struct rd bc;
	struct der_tlv t;
	size_t i;

	der_expect(r, DER_SEQUENCE, &bc);
	if (der_optional(&bc, DER_BOOLEAN, &t) == 1) {
		if (t.len != 1) {
			bc.bad = 1;
		} else {
			c->is_ca = t.val[0] != 0;
		}
	}
	if (der_optional(&bc, DER_INTEGER, &t) == 1) {
		if (t.len == 0 || (t.val[0] & 0x80)) {
			bc.bad = 1;	/* empty or negative */
		}
		/* Beyond any real chain: keep it from overflowing. */
		c->path_len = 0;
		for (i = 0; i < t.len && c->path_len < 0x10000; i++) {
			c->path_len = c->path_len << 8 | t.val[i];
		}
	}
	c->has_basic_constraints = true;
	r->bad |= bc.bad || !rd_is_done(&bc);
}

/* GeneralNames: only checked to be a list of TLVs; x509_name reads it. */
static void
parse_san(struct rd *r, struct x509_cert *c)
{
	struct rd names;
	struct der_tlv t;

	der_expect(r, DER_SEQUENCE, &names);
	c->san.p = names.p;
	c->san.len = names.left;
	while (!names.bad && names.left > 0) {
		der_read(&names, &t);
	}
	r->bad |= names.bad || c->san.p == NULL;
}

/*
 * The first 16 bits of a named-bit BIT STRING (KeyUsage, Netscape cert
 * type) with bit 0 as the lowest: bit i of the value is bit i of the
 * string.  Returns 0, or -1 with r->bad set when it is no BIT STRING.
 */
static int
read_named_bits(struct rd *r, unsigned *bits)
{
	struct der_tlv t;
	size_t i;
	unsigned k;

	if (der_read(r, &t) < 0 || t.tag != DER_BIT_STRING || t.len == 0 ||
	    t.val[0] > 7) {
		r->bad = 1;
		return -1;
	}
	*bits = 0;
	for (i = 1; i < t.len && i <= 2; i++) {
		for (k = 0; k < 8; k++) {
			if (t.val[i] & (0x80u >> k)) {
				*bits |= 1u << ((i - 1) * 8 + k);
			}
		}
	}
	return 0;
}

/* ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId */
static void
parse_eku(struct rd *r, struct x509_cert *c)
{
	struct rd list;
	struct der_tlv o;

	der_expect(r, DER_SEQUENCE, &list);
	c->eku_list.p = list.p;
	c->eku_list.len = list.left;
	while (!list.bad && list.left > 0) {
		if (der_read(&list, &o) < 0 || o.tag != DER_OID) {
			list.bad = 1;
		} else if (o.len == sizeof arc_kp + 1 &&
		    memcmp(o.val, arc_kp, sizeof arc_kp) == 0 &&
		    (o.val[o.len - 1] == 1 || o.val[o.len - 1] == 2)) {
			c->eku |= o.val[o.len - 1] == 1 ? X509_EKU_SERVER :
			    X509_EKU_CLIENT;
		} else if (der_oid_eq(o.val, o.len, oid_any_eku,
		    sizeof oid_any_eku)) {
			c->eku |= X509_EKU_ANY;
		} else if (der_oid_eq(o.val, o.len, oid_ns_sgc,
		    sizeof oid_ns_sgc) || der_oid_eq(o.val, o.len, oid_ms_sgc,
		    sizeof oid_ms_sgc)) {
			c->eku |= X509_EKU_SGC;
		} else {
			c->eku |= X509_EKU_OTHER;
		}
	}
	c->has_eku = true;
	r->bad |= list.bad;
}

/* AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] OPTIONAL,
 *   authorityCertIssuer [1], authorityCertSerialNumber [2] } */
static void
parse_akid(struct rd *r, struct x509_cert *c)
{
	struct rd akid;
	struct der_tlv t;

	der_expect(r, DER_SEQUENCE, &akid);
	if (der_optional(&akid, DER_CTX(0), &t) == 1) {
		c->akid.p = t.val;
		c->akid.len = t.len;
	}
	while (!akid.bad && akid.left > 0) {
		der_read(&akid, &t);
	}
	r->bad |= akid.bad;
}

/* One extension's value (the OCTET STRING's contents) into c. */
static void
parse_one(const struct der_tlv *oid, struct rd *val, struct x509_cert *c)
{
	struct der_tlv t;
	bool is_dup = false;

	switch (ce_number(oid)) {
	case CE_SAN:
		is_dup = c->san.p != NULL;
		parse_san(val, c);
		break;
	case CE_BC:
		is_dup = c->has_basic_constraints;
		parse_bc(val, c);
		break;
	case CE_KU:
		is_dup = c->has_key_usage;
		c->has_key_usage = read_named_bits(val, &c->key_usage) == 0;
		break;
	case CE_EKU:
		is_dup = c->has_eku;
		parse_eku(val, c);
		break;
	case CE_NC:
		is_dup = c->name_constraints.p != NULL;
		c->name_constraints.p = val->p;
		c->name_constraints.len = val->left;
		rd_skip(val, val->left);
		break;
	case CE_SKI:
		is_dup = c->ski.p != NULL;
		if (der_read(val, &t) == 0 && t.tag == DER_OCTET_STRING) {
			c->ski.p = t.val;
			c->ski.len = t.len;
		} else {
			val->bad = 1;
		}
		break;
	case CE_AKID:
		is_dup = c->akid.p != NULL;
		parse_akid(val, c);
		break;
	default:
		if (der_oid_eq(oid->val, oid->len, oid_ns_type,
		    sizeof oid_ns_type)) {
			is_dup = c->has_ns_type;
			c->has_ns_type = read_named_bits(val, &c->ns_type) == 0;
			break;
		}
		rd_skip(val, val->left);	/* not read: no opinion */
		break;
	}
	/* RFC 5280 4.2: an extension appears at most once. */
	if (is_dup || !rd_is_done(val)) {
		val->bad = 1;
	}
}

/* see x509_cert.h */
void
x509_ext_parse(struct rd *r, struct x509_cert *c)
{
	struct rd outer;
	struct rd list;
	struct rd ext;
	struct rd val;
	struct der_tlv oid;
	struct der_tlv t;
	bool is_critical;

	der_expect(r, DER_CTX_CONS(3), &outer);
	der_expect(&outer, DER_SEQUENCE, &list);
	if (!rd_is_done(&outer)) {
		r->bad = 1;
	}
	while (!list.bad && list.left > 0) {
		der_expect(&list, DER_SEQUENCE, &ext);
		der_read(&ext, &oid);
		if (oid.tag != DER_OID) {
			ext.bad = 1;
		}
		is_critical = false;
		if (der_optional(&ext, DER_BOOLEAN, &t) == 1) {
			ext.bad |= t.len != 1;
			is_critical = t.len == 1 && t.val[0] != 0;
		}
		der_expect(&ext, DER_OCTET_STRING, &val);
		if (!rd_is_done(&ext)) {
			list.bad = 1;
			break;
		}
		if (is_critical && !is_handled(&oid) && c->crit_oid.p == NULL) {
			c->crit_oid.p = oid.val;
			c->crit_oid.len = oid.len;
		}
		parse_one(&oid, &val, c);
		list.bad |= val.bad;
	}
	r->bad |= list.bad;
}

/* see x509_cert.h */
char *
x509_eku_format(const struct x509_cert *c, char *out, size_t cap)
{
	struct rd list;
	struct der_tlv o;
	size_t k = 0;
	char name[64];
	const char *text;
	int n;

	out[0] = '\0';
	rd_init(&list, c->eku_list.p, c->eku_list.len);
	while (list.left > 0 && der_read(&list, &o) == 0 && k < cap) {
		text = NULL;
		if (o.len == sizeof arc_kp + 1 &&
		    memcmp(o.val, arc_kp, sizeof arc_kp) == 0 &&
		    o.val[o.len - 1] < sizeof kp_names / sizeof kp_names[0]) {
			text = kp_names[o.val[o.len - 1]];
		} else if (der_oid_eq(o.val, o.len, oid_any_eku,
		    sizeof oid_any_eku)) {
			text = "anyExtendedKeyUsage";
		}
		if (text == NULL) {
			text = x509_oid_format(o.val, o.len, name, sizeof name);
		}
		n = fmt_snprintf(out + k, cap - k, "%s%s", k > 0 ? ", " : "",
		    text);
		k += n > 0 ? (size_t)n : 0;
	}
	return out;
}
