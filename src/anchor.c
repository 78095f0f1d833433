/* SPDX-License-Identifier: MIT */
/*
 * anchor: the record format of anchor.h, both ways.  Writing happens on
 * the build host (mkanchors) and at startup (--root-certs); reading
 * happens for every path validated, so it goes through the checked
 * reader (rd_*) and never trusts a length, even its own.
 */
#include <stdint.h>
#include <string.h>

#include "anchor.h"

#define KIND_CA		0x01
#define KIND_PACKED	0x02
#define KIND_KEY_SHIFT	2
#define KIND_KEY_MASK	0x03
#define KIND_CERT	0x10
#define KIND_UNUSED	0xe0

#define FIELD_MAX	0xffff		/* a u16 length */
/* A packed entry's value: one DER length byte, and code's 8 bits. */
#define VALUE_MAX	127
#define TYPE_BITS	5
#define NOT_AFTER_BITS	40

/*
 * Attribute types a packed Name can hold: X.520's (2.5.4.x) that CA
 * subjects use, PKCS #9 emailAddress, RFC 4519 domainComponent and uid.
 * The index is part of the record format: append only, 32 at most.
 */
static const struct {
	unsigned char len;
	unsigned char oid[10];
} dn_types[] = {
	{ 3, { 0x55, 0x04, 0x03 } },	/* CN */
	{ 3, { 0x55, 0x04, 0x04 } },	/* surname */
	{ 3, { 0x55, 0x04, 0x05 } },	/* serialNumber */
	{ 3, { 0x55, 0x04, 0x06 } },	/* C */
	{ 3, { 0x55, 0x04, 0x07 } },	/* L */
	{ 3, { 0x55, 0x04, 0x08 } },	/* ST */
	{ 3, { 0x55, 0x04, 0x09 } },	/* street */
	{ 3, { 0x55, 0x04, 0x0a } },	/* O */
	{ 3, { 0x55, 0x04, 0x0b } },	/* OU */
	{ 3, { 0x55, 0x04, 0x0c } },	/* title */
	{ 3, { 0x55, 0x04, 0x0d } },	/* description */
	{ 3, { 0x55, 0x04, 0x11 } },	/* postalCode */
	{ 3, { 0x55, 0x04, 0x2a } },	/* givenName */
	{ 3, { 0x55, 0x04, 0x2b } },	/* initials */
	{ 3, { 0x55, 0x04, 0x2c } },	/* generationQualifier */
	{ 3, { 0x55, 0x04, 0x2e } },	/* dnQualifier */
	{ 3, { 0x55, 0x04, 0x41 } },	/* pseudonym */
	{ 3, { 0x55, 0x04, 0x61 } },	/* organizationIdentifier */
	{ 9, { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01 } },
					/* emailAddress */
	{ 10, { 0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01,
	    0x19 } },			/* domainComponent */
	{ 10, { 0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01,
	    0x01 } },			/* uid */
};
#define DN_TYPES_N (sizeof dn_types / sizeof dn_types[0])
_Static_assert(DN_TYPES_N <= 1u << TYPE_BITS, "type index fits 5 bits");

/* String tags of a packed value; the index is part of the format too. */
static const unsigned char dn_tags[] = {
	DER_UTF8_STRING, DER_PRINTABLE_STRING, DER_TELETEX_STRING,
	DER_IA5_STRING, DER_UNIVERSAL_STRING, DER_BMP_STRING
};
#define DN_TAGS_N (sizeof dn_tags / sizeof dn_tags[0])
_Static_assert(DN_TAGS_N <= 1u << (8 - TYPE_BITS), "tag index fits 3 bits");

/* Bytes of a minimal DER length for len (len < 64 KiB here). */
static size_t
len_size(size_t len)
{
	return len < 0x80 ? 1 : len < 0x100 ? 2 : 3;
}

/* Writes len as a minimal DER length at out; returns its bytes. */
static size_t
len_put(unsigned char *out, size_t len)
{
	size_t n = len_size(len);

	if (n == 1) {
		out[0] = (unsigned char)len;
	} else if (n == 2) {
		out[0] = 0x81;
		out[1] = (unsigned char)len;
	} else {
		out[0] = 0x82;
		out[1] = (unsigned char)(len >> 8);
		out[2] = (unsigned char)len;
	}
	return n;
}

/*
 * One attribute as an RDN in DER: SET { SEQUENCE { OID, tag value } }.
 * Writes it at out unless out is NULL; returns its bytes either way.
 */
static size_t
rdn_put(unsigned char *out, unsigned type, unsigned tag,
    const unsigned char *val, size_t val_len)
{
	size_t seq = 2 + dn_types[type].len + 2 + val_len;
	size_t set = 1 + len_size(seq) + seq;
	size_t n = 0;

	if (out == NULL) {
		return 1 + len_size(set) + set;
	}
	out[n++] = DER_SET;
	n += len_put(out + n, set);
	out[n++] = DER_SEQUENCE;
	n += len_put(out + n, seq);
	out[n++] = DER_OID;
	out[n++] = dn_types[type].len;
	memcpy(out + n, dn_types[type].oid, dn_types[type].len);
	n += dn_types[type].len;
	out[n++] = (unsigned char)tag;
	out[n++] = (unsigned char)val_len;
	memcpy(out + n, val, val_len);
	return n + val_len;
}

/*
 * Expands packed Name pk/pk_len into DER at out (cap bytes; out NULL:
 * measure only).  Returns the DER length, or 0 when pk is malformed or
 * the DER would pass cap (every Name is at least 2 bytes).
 */
static size_t
dn_expand(const unsigned char *pk, size_t pk_len, unsigned char *out,
    size_t cap)
{
	struct rd r;
	size_t body = 0;
	size_t at;
	int pass;

	/* Pass 0 measures the Name's contents for its header; 1 writes. */
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			at = 1 + len_size(body);
			if (at + body > cap) {
				return 0;
			}
			if (out == NULL) {
				return at + body;
			}
			out[0] = DER_SEQUENCE;
			len_put(out + 1, body);
		} else {
			at = 0;
		}
		rd_init(&r, pk, pk_len);
		while (r.left > 0) {
			unsigned code = rd_u8(&r);
			unsigned val_len = rd_u8(&r);
			const unsigned char *val = rd_bytes(&r, val_len);
			unsigned type = code & ((1u << TYPE_BITS) - 1);
			unsigned tag = code >> TYPE_BITS;

			if (r.bad || type >= DN_TYPES_N || tag >= DN_TAGS_N ||
			    val_len > VALUE_MAX) {
				return 0;
			}
			at += rdn_put(pass == 1 ? out + at : NULL, type,
			    dn_tags[tag], val, val_len);
			if (at > cap) {
				return 0;
			}
		}
		body = at;
	}
	return at;
}

static int
type_index(const struct der_tlv *oid)
{
	size_t i;

	for (i = 0; i < DN_TYPES_N; i++) {
		if (der_oid_eq(oid->val, oid->len, dn_types[i].oid,
		    dn_types[i].len)) {
			return (int)i;
		}
	}
	return -1;
}

static int
tag_index(unsigned tag)
{
	size_t i;

	for (i = 0; i < DN_TAGS_N; i++) {
		if (dn_tags[i] == tag) {
			return (int)i;
		}
	}
	return -1;
}

/*
 * Packs DER Name dn/len into out (ANCHOR_DN_CAP bytes: packing only
 * shrinks) and sets *out_len.  Returns 0, or -1 when the Name cannot be
 * packed so that it expands back to exactly the same bytes.
 */
static int
dn_pack(const unsigned char *dn, size_t len, unsigned char *out,
    size_t *out_len)
{
	unsigned char back[ANCHOR_DN_CAP];
	struct rd r;
	struct rd name;
	size_t n = 0;

	if (len > ANCHOR_DN_CAP) {
		return -1;
	}
	rd_init(&r, dn, len);
	if (der_expect(&r, DER_SEQUENCE, &name) < 0 || !rd_is_done(&r)) {
		return -1;
	}
	while (name.left > 0) {
		struct rd set;
		struct rd seq;
		struct der_tlv oid;
		struct der_tlv val;
		int type;
		int tag;

		if (der_expect(&name, DER_SET, &set) < 0 ||
		    der_expect(&set, DER_SEQUENCE, &seq) < 0 ||
		    !rd_is_done(&set) || der_read(&seq, &oid) < 0 ||
		    der_read(&seq, &val) < 0 || !rd_is_done(&seq) ||
		    oid.tag != DER_OID) {
			return -1;	/* multi-valued RDN, or not DER */
		}
		type = type_index(&oid);
		tag = tag_index(val.tag);
		if (type < 0 || tag < 0 || val.len > VALUE_MAX) {
			return -1;
		}
		out[n++] = (unsigned char)((unsigned)tag << TYPE_BITS |
		    (unsigned)type);
		out[n++] = (unsigned char)val.len;
		memcpy(out + n, val.val, val.len);
		n += val.len;
	}
	/* Lengths in long form where short would do, say, do not come
	 * back: such a Name stays DER. */
	if (dn_expand(out, n, back, sizeof back) != len ||
	    memcmp(back, dn, len) != 0) {
		return -1;
	}
	*out_len = n;
	return 0;
}

/* Writes v's low nbytes at out, big-endian; returns nbytes. */
static size_t
put_be(unsigned char *out, uint64_t v, size_t nbytes)
{
	size_t i;

	for (i = 0; i < nbytes; i++) {
		out[i] = (unsigned char)(v >> (8 * (nbytes - 1 - i)));
	}
	return nbytes;
}

/* Writes a u16 length and the bytes; returns how many were written. */
static size_t
put_field(unsigned char *out, const unsigned char *p, size_t len)
{
	put_be(out, len, 2);
	memcpy(out + 2, p, len);
	return 2 + len;
}

static bool
field_ok(size_t len)
{
	return len >= 1 && len <= FIELD_MAX;
}

/* see anchor.h */
size_t
anchor_encode(const struct x509_ta_desc *d, unsigned char *out, size_t cap)
{
	unsigned char packed[ANCHOR_DN_CAP];
	const unsigned char *dn = d->dn.p;
	size_t dn_len = d->dn.len;
	int64_t lim = INT64_C(1) << (NOT_AFTER_BITS - 1);
	size_t len_cert = 0;
	unsigned kind;
	size_t len;
	size_t n;

	kind = (unsigned)d->key_type << KIND_KEY_SHIFT;
	if (d->flags & BR_X509_TA_CA) {
		kind |= KIND_CA;
	}
	if (d->cert.p != NULL) {
		if (!field_ok(d->cert.len)) {
			return 0;
		}
		kind |= KIND_CERT;
		len_cert = 2 + d->cert.len;
	}
	/* An empty Name packs to nothing; "30 00" it stays. */
	if (dn_pack(d->dn.p, d->dn.len, packed, &n) == 0 && n > 0) {
		kind |= KIND_PACKED;
		dn = packed;
		dn_len = n;
	}
	if (d->not_after < -lim || d->not_after >= lim ||
	    !field_ok(dn_len)) {
		return 0;
	}
	len = 1 + NOT_AFTER_BITS / 8 + 2 + dn_len + len_cert;
	if (d->key_type == BR_KEYTYPE_RSA && field_ok(d->rsa_n.len) &&
	    field_ok(d->rsa_e.len)) {
		len += 2 + d->rsa_n.len + 2 + d->rsa_e.len;
	} else if (d->key_type == BR_KEYTYPE_EC && field_ok(d->ec_q.len) &&
	    d->curve > 0 && d->curve <= 0xff) {
		len += 1 + 2 + d->ec_q.len;
	} else if (d->key_type == X509_KEYTYPE_ED25519 &&
	    field_ok(d->ec_q.len)) {
		len += 2 + d->ec_q.len;
	} else {
		return 0;
	}
	if (out == NULL) {
		return len;
	}
	if (cap < len) {
		return 0;
	}
	n = 0;
	out[n++] = (unsigned char)kind;
	/* Two's complement in 40 bits: the low bits of the uint64_t. */
	n += put_be(out + n, (uint64_t)d->not_after, NOT_AFTER_BITS / 8);
	n += put_field(out + n, dn, dn_len);
	if (d->key_type == BR_KEYTYPE_RSA) {
		n += put_field(out + n, d->rsa_n.p, d->rsa_n.len);
		n += put_field(out + n, d->rsa_e.p, d->rsa_e.len);
	} else {
		if (d->key_type == BR_KEYTYPE_EC) {
			out[n++] = (unsigned char)d->curve;
		}
		n += put_field(out + n, d->ec_q.p, d->ec_q.len);
	}
	if (d->cert.p != NULL) {
		put_field(out + n, d->cert.p, d->cert.len);
	}
	return len;
}

/* see anchor.h */
int
anchor_set_init(struct anchor_set *s, const unsigned char *rec, size_t len)
{
	struct anchor_iter it;
	struct anchor a;
	int rc;

	s->rec = len > 0 ? rec : NULL;
	s->len = len;
	s->n = 0;
	anchor_iter_init(&it, s);
	while ((rc = anchor_next(&it, &a)) > 0) {
		s->n++;
	}
	if (rc < 0) {
		memset(s, 0, sizeof *s);
		return -1;
	}
	return 0;
}

/* see anchor.h */
void
anchor_iter_init(struct anchor_iter *it, const struct anchor_set *s)
{
	if (s == NULL) {
		rd_init(&it->r, NULL, 0);
	} else {
		rd_init(&it->r, s->rec, s->len);
	}
}

/* Reads a u16 length and that many bytes (at least one). */
static const unsigned char *
rd_field(struct rd *r, size_t *len)
{
	*len = rd_u16be(r);
	if (*len == 0) {
		r->bad = 1;
	}
	return rd_bytes(r, *len);
}

/*
 * BearSSL's key structures point at non-const bytes, though it only
 * reads anchors; the round trip through uintptr_t drops the const
 * without a -Wcast-qual warning.
 */
static unsigned char *
unconst(const unsigned char *p)
{
	return (unsigned char *)(uintptr_t)p;
}

/* see anchor.h */
int
anchor_next(struct anchor_iter *it, struct anchor *a)
{
	struct rd *r = &it->r;
	const unsigned char *p;
	unsigned kind;
	unsigned key;
	uint64_t t;
	size_t len;

	memset(a, 0, sizeof *a);
	if (r->bad) {
		return -1;
	}
	if (r->left == 0) {
		return 0;
	}
	kind = rd_u8(r);
	t = (uint64_t)rd_u8(r) << 32;
	t |= rd_u32be(r);
	/* Sign-extend bit 39 without shifting into the sign bit. */
	if (t >> (NOT_AFTER_BITS - 1)) {
		a->not_after = (int64_t)t - (INT64_C(1) << NOT_AFTER_BITS);
	} else {
		a->not_after = (int64_t)t;
	}
	a->flags = kind & KIND_CA ? BR_X509_TA_CA : 0;
	a->is_dn_packed = (kind & KIND_PACKED) != 0;
	a->dn = rd_field(r, &a->dn_len);
	key = kind >> KIND_KEY_SHIFT & KIND_KEY_MASK;
	a->pkey.key_type = (unsigned char)key;
	if (key == BR_KEYTYPE_RSA) {
		p = rd_field(r, &len);
		a->pkey.key.rsa.n = unconst(p);
		a->pkey.key.rsa.nlen = len;
		p = rd_field(r, &len);
		a->pkey.key.rsa.e = unconst(p);
		a->pkey.key.rsa.elen = len;
	} else if (key != 0) {
		/* EC, or Ed25519 without the curve byte. */
		if (key == BR_KEYTYPE_EC) {
			a->pkey.key.ec.curve = (int)rd_u8(r);
		}
		p = rd_field(r, &len);
		a->pkey.key.ec.q = unconst(p);
		a->pkey.key.ec.qlen = len;
	} else {
		r->bad = 1;
	}
	if (kind & KIND_CERT) {
		a->cert = rd_field(r, &a->cert_len);
	}
	if (kind & KIND_UNUSED) {
		r->bad = 1;
	}
	if (!r->bad) {
		a->dn_der_len = a->is_dn_packed ?
		    dn_expand(a->dn, a->dn_len, NULL, ANCHOR_DN_CAP) :
		    a->dn_len;
		r->bad = a->dn_der_len == 0;
	}
	if (r->bad) {
		memset(a, 0, sizeof *a);
		return -1;
	}
	return 1;
}

/* see anchor.h */
const unsigned char *
anchor_dn(const struct anchor *a, unsigned char buf[ANCHOR_DN_CAP],
    size_t *len)
{
	if (!a->is_dn_packed) {
		*len = a->dn_len;
		return a->dn;
	}
	*len = dn_expand(a->dn, a->dn_len, buf, ANCHOR_DN_CAP);
	return buf;
}

/* see anchor.h */
bool
anchor_dn_eq(const struct anchor *a, const unsigned char *dn, size_t len)
{
	unsigned char buf[ANCHOR_DN_CAP];
	const unsigned char *p;
	size_t n;

	/* Most anchors differ in length: no expansion for those. */
	if (len != a->dn_der_len) {
		return false;
	}
	p = anchor_dn(a, buf, &n);
	return n == len && memcmp(p, dn, len) == 0;
}

static bool
bytes_eq(const unsigned char *a, size_t a_len, struct x509_bytes b)
{
	return a_len == b.len && memcmp(a, b.p, a_len) == 0;
}

/* see anchor.h */
bool
anchor_record_is(const unsigned char *rec, size_t len,
    const struct x509_ta_desc *d, bool *is_packed)
{
	unsigned char buf[ANCHOR_DN_CAP];
	struct anchor_set s;
	struct anchor_iter it;
	struct anchor a;
	const unsigned char *dn;
	size_t dn_len;
	const br_x509_pkey *k = &a.pkey;

	if (anchor_set_init(&s, rec, len) < 0 || s.n != 1) {
		return false;
	}
	anchor_iter_init(&it, &s);
	if (anchor_next(&it, &a) != 1) {
		return false;
	}
	if (is_packed != NULL) {
		*is_packed = a.is_dn_packed;
	}
	dn = anchor_dn(&a, buf, &dn_len);
	if (!bytes_eq(dn, dn_len, d->dn) || a.not_after != d->not_after ||
	    a.flags != d->flags || k->key_type != d->key_type ||
	    (a.cert != NULL) != (d->cert.p != NULL) ||
	    (a.cert != NULL && !bytes_eq(a.cert, a.cert_len, d->cert))) {
		return false;
	}
	if (d->key_type == BR_KEYTYPE_RSA) {
		return bytes_eq(k->key.rsa.n, k->key.rsa.nlen, d->rsa_n) &&
		    bytes_eq(k->key.rsa.e, k->key.rsa.elen, d->rsa_e);
	}
	return k->key.ec.curve == d->curve &&
	    bytes_eq(k->key.ec.q, k->key.ec.qlen, d->ec_q);
}
