/* SPDX-License-Identifier: MIT */
/*
 * test_anchor: the anchor record format both ways.  Fixture roots and
 * hand-made Names go through anchor_encode and back (which Names pack,
 * and that every one comes back byte for byte); notAfter at the edges
 * of 40 bits; then malformed and truncated records, which the reader
 * must refuse; and the compiled-in anchors must read as a whole.
 */
#include <stdlib.h>
#include <string.h>

#include "anchor.h"
#include "anchors.h"
#include "pem.h"
#include "t.h"
#include "x509_cert.h"

/* Hex text to bytes; returns the byte count. */
static size_t
unhex(const char *s, unsigned char *out, size_t cap)
{
	size_t n = 0;

	while (s[0] != '\0' && s[1] != '\0' && n < cap) {
		char b[3] = { s[0], s[1], '\0' };

		out[n++] = (unsigned char)strtoul(b, NULL, 16);
		s += 2;
	}
	return n;
}

/* Encodes d, reads it back, compares; returns is_dn_packed or -1. */
static int
round_trip(const struct x509_ta_desc *d, const char *what)
{
	static unsigned char rec[X509_CHAIN_CAP + 64];
	unsigned char buf[ANCHOR_DN_CAP];
	struct anchor_set s;
	struct anchor_iter it;
	struct anchor a;
	const unsigned char *dn;
	size_t len;
	size_t dn_len;

	len = anchor_encode(d, NULL, 0);
	CHECKF(len > 0, "%s: measured", what);
	CHECKF(anchor_encode(d, rec, len - 1) == 0, "%s: cap too small",
	    what);
	CHECKF(anchor_encode(d, rec, sizeof rec) == len, "%s: encoded", what);
	CHECKF(anchor_set_init(&s, rec, len) == 0 && s.n == 1,
	    "%s: one record", what);
	anchor_iter_init(&it, &s);
	if (anchor_next(&it, &a) != 1) {
		CHECKF(0, "%s: decoded", what);
		return -1;
	}
	CHECKF(anchor_next(&it, &a) == 0, "%s: then the end", what);
	anchor_iter_init(&it, &s);
	anchor_next(&it, &a);
	dn = anchor_dn(&a, buf, &dn_len);
	CHECKF(dn_len == d->dn.len && memcmp(dn, d->dn.p, dn_len) == 0,
	    "%s: Name comes back", what);
	CHECKF(anchor_dn_eq(&a, d->dn.p, d->dn.len), "%s: Name equal", what);
	CHECKF(!anchor_dn_eq(&a, d->dn.p, d->dn.len - 1),
	    "%s: shorter Name differs", what);
	CHECKF(a.not_after == d->not_after, "%s: notAfter", what);
	CHECKF(a.flags == d->flags, "%s: flags", what);
	CHECKF(a.pkey.key_type == d->key_type, "%s: key type", what);
	if (d->key_type == BR_KEYTYPE_RSA) {
		CHECKF(a.pkey.key.rsa.nlen == d->rsa_n.len &&
		    memcmp(a.pkey.key.rsa.n, d->rsa_n.p, d->rsa_n.len) == 0 &&
		    a.pkey.key.rsa.elen == d->rsa_e.len &&
		    memcmp(a.pkey.key.rsa.e, d->rsa_e.p, d->rsa_e.len) == 0,
		    "%s: RSA key", what);
	} else {
		CHECKF(a.pkey.key.ec.curve == d->curve &&
		    a.pkey.key.ec.qlen == d->ec_q.len &&
		    memcmp(a.pkey.key.ec.q, d->ec_q.p, d->ec_q.len) == 0,
		    "%s: EC key", what);
	}
	return a.is_dn_packed;
}

/* ---- fixtures ------------------------------------------------------------ */

struct fixture_case {
	const char *file;
	unsigned char want_key;
	unsigned want_flags;
};

static const struct fixture_case fixture_cases[] = {
	{ "rsa-root.pem", BR_KEYTYPE_RSA, BR_X509_TA_CA },
	{ "ec-root.pem", BR_KEYTYPE_EC, BR_X509_TA_CA },
	{ "old-root.pem", BR_KEYTYPE_RSA, BR_X509_TA_CA },
	{ "self-leaf.pem", BR_KEYTYPE_EC, 0 },
	{ "ec-leaf.pem", BR_KEYTYPE_EC, 0 },
};

static void
test_fixtures(void)
{
	static struct x509_chain ch;
	struct x509_ta_desc d;
	struct result res;
	char path[256];
	size_t i;

	for (i = 0; i < sizeof fixture_cases / sizeof fixture_cases[0]; i++) {
		const struct fixture_case *c = &fixture_cases[i];

		snprintf(path, sizeof path, T_DATA "%s", c->file);
		memset(&res, 0, sizeof res);
		if (pem_load_chain(path, &ch, &res) < 0 ||
		    x509_ta_describe(ch.buf + ch.off[0], ch.len[0], &d, NULL,
		    0) < 0) {
			CHECKF(0, "%s: loads", c->file);
			continue;
		}
		CHECKF(d.key_type == c->want_key && d.flags == c->want_flags,
		    "%s: described", c->file);
		/* mkfixtures.sh names are "CN=..." or "O=...,CN=...". */
		CHECKF(round_trip(&d, c->file) == 1, "%s: Name packed",
		    c->file);
	}
}

/* ---- Names: which pack, and all come back -------------------------------- */

static const unsigned char rsa_n[] = { 0xc5, 0x01, 0x02, 0x03 };
static const unsigned char rsa_e[] = { 0x01, 0x00, 0x01 };

/* A CA anchor with a dummy RSA key and Name dn/len. */
static void
desc_init(struct x509_ta_desc *d, const unsigned char *dn, size_t len)
{
	memset(d, 0, sizeof *d);
	d->dn.p = dn;
	d->dn.len = len;
	d->flags = BR_X509_TA_CA;
	d->key_type = BR_KEYTYPE_RSA;
	d->rsa_n.p = rsa_n;
	d->rsa_n.len = sizeof rsa_n;
	d->rsa_e.p = rsa_e;
	d->rsa_e.len = sizeof rsa_e;
	d->not_after = INT64_C(2840140800);
}

struct name_case {
	const char *name;
	const char *hex;		/* the Name in DER */
	bool want_packed;
};

static const struct name_case name_cases[] = {
	{ "CN=a", "300c310a300806035504030c0161", true },
	{ "C, O, CN", "3031310b30090603550406130255533110300e060355040a0c07"
	    "4578616d706c653110300e06035504031307526f6f74204341", true },
	{ "emailAddress, DC", "3036311e301c06092a864886f70d010901160f6361"
	    "406578616d706c652e7465737431143012060a0992268993f22c64011916"
	    "0474657374", true },
	{ "BMPString", "300d310b300906035504031e0200e9", true },
	{ "empty Name", "3000", false },
	{ "multi-valued RDN", "30163114300806035504030c01613008060355040a0c"
	    "0162", false },
	{ "unknown type", "300c310a300806032a03040c0161", false },
	{ "OCTET STRING value", "300c310a30080603550403040161", false },
	{ "empty RDN", "30023100", false },
	{ "SET length not minimal", "300d31810a300806035504030c0161", false },
	{ "trailing byte in Name", "300d310a300806035504030c016100", false },
};

static void
test_names(void)
{
	unsigned char dn[ANCHOR_DN_CAP + 64];
	struct x509_ta_desc d;
	size_t len;
	size_t i;

	for (i = 0; i < sizeof name_cases / sizeof name_cases[0]; i++) {
		const struct name_case *c = &name_cases[i];

		len = unhex(c->hex, dn, sizeof dn);
		desc_init(&d, dn, len);
		CHECKF(round_trip(&d, c->name) == c->want_packed,
		    "%s: %s", c->name, c->want_packed ? "packed" : "DER");
	}
}

/* CN=<n times 'x'>, UTF8String; returns the Name's length. */
static size_t
cn_of(size_t n, unsigned char *out)
{
	size_t v = n;
	size_t seq = 5 + 1 + (v < 128 ? 1 : 2) + v;
	size_t set = 1 + (seq < 128 ? 1 : 2) + seq;
	size_t at = 0;

	out[at++] = 0x30;
	if (set + 1 + (set < 128 ? 1 : 2) < 128) {
		out[at++] = (unsigned char)(1 + (set < 128 ? 1 : 2) + set);
	} else {
		out[at++] = 0x81;
		out[at++] = (unsigned char)(1 + (set < 128 ? 1 : 2) + set);
	}
	out[at++] = 0x31;
	if (set >= 128) {
		out[at++] = 0x81;
	}
	out[at++] = (unsigned char)set;
	out[at++] = 0x30;
	if (seq >= 128) {
		out[at++] = 0x81;
	}
	out[at++] = (unsigned char)seq;
	memcpy(out + at, "\x06\x03\x55\x04\x03\x0c", 6);
	at += 6;
	if (v >= 128) {
		out[at++] = 0x81;
	}
	out[at++] = (unsigned char)v;
	memset(out + at, 'x', v);
	return at + v;
}

static void
test_long_names(void)
{
	unsigned char dn[1024];
	unsigned char one[200];
	struct x509_ta_desc d;
	size_t rdn_len;
	size_t len;
	size_t i;

	/* 127 bytes: one length byte, long forms around it: packs. */
	len = cn_of(127, dn);
	desc_init(&d, dn, len);
	CHECK_INT(round_trip(&d, "value of 127"), 1, "value of 127 packed");
	/* 128 needs two length bytes in the value: stays DER. */
	len = cn_of(128, dn);
	desc_init(&d, dn, len);
	CHECK_INT(round_trip(&d, "value of 128"), 0, "value of 128 is DER");
	/* Past ANCHOR_DN_CAP: stays DER, and still a record.  Three
	 * RDNs of cn_of(100) without its "30 L" header (L < 128). */
	rdn_len = cn_of(100, one) - 2;
	dn[0] = 0x30;
	dn[1] = 0x82;
	dn[2] = (unsigned char)((3 * rdn_len) >> 8);
	dn[3] = (unsigned char)(3 * rdn_len);
	for (i = 0; i < 3; i++) {
		memcpy(dn + 4 + i * rdn_len, one + 2, rdn_len);
	}
	len = 4 + 3 * rdn_len;
	CHECK(len > ANCHOR_DN_CAP);
	desc_init(&d, dn, len);
	CHECK_INT(round_trip(&d, "long Name"), 0, "long Name is DER");
}

/* ---- notAfter, key types ------------------------------------------------- */

struct time_case {
	int64_t t;
	bool want_ok;
};

static const struct time_case time_cases[] = {
	{ 0, true },
	{ -1, true },
	{ INT64_C(253402300799), true },	/* 9999-12-31T23:59:59Z */
	{ -INT64_C(62167219200), true },	/* 0000-01-01T00:00:00Z */
	{ (INT64_C(1) << 39) - 1, true },
	{ -(INT64_C(1) << 39), true },
	{ INT64_C(1) << 39, false },
	{ -(INT64_C(1) << 39) - 1, false },
};

static void
test_times_and_keys(void)
{
	static const unsigned char cn[] = { 0x30, 0x0c, 0x31, 0x0a, 0x30,
	    0x08, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x01, 0x61 };
	static const unsigned char q[65] = { 0x04, 1, 2, 3 };
	struct x509_ta_desc d;
	char what[64];
	size_t i;

	for (i = 0; i < sizeof time_cases / sizeof time_cases[0]; i++) {
		desc_init(&d, cn, sizeof cn);
		d.not_after = time_cases[i].t;
		snprintf(what, sizeof what, "notAfter %lld",
		    (long long)time_cases[i].t);
		if (time_cases[i].want_ok) {
			round_trip(&d, what);
		} else {
			CHECKF(anchor_encode(&d, NULL, 0) == 0, "%s refused",
			    what);
		}
	}
	desc_init(&d, cn, sizeof cn);
	d.flags = 0;
	d.key_type = BR_KEYTYPE_EC;
	d.curve = BR_EC_secp256r1;
	d.ec_q.p = q;
	d.ec_q.len = sizeof q;
	round_trip(&d, "EC P-256, not a CA");
	d.key_type = X509_KEYTYPE_ED25519;
	d.curve = 0;
	d.ec_q.len = 32;
	round_trip(&d, "Ed25519, not a CA");
	d.key_type = 0;
	CHECK_INT(anchor_encode(&d, NULL, 0), 0, "unknown key type refused");
	desc_init(&d, cn, sizeof cn);
	d.rsa_e.len = 0;
	CHECK_INT(anchor_encode(&d, NULL, 0), 0, "empty exponent refused");
}

/* ---- malformed records --------------------------------------------------- */

/*
 * A good record: CA, packed Name, RSA; notAfter 2060-01-01; Name
 * "CN=a" packed as 00 01 61; n c5; e 03.
 */
#define GOOD "07" "00a9488000" "0003000161" "0001c5" "000103"

struct bad_case {
	const char *name;
	const char *hex;
	int want_rc;			/* anchor_set_init */
	size_t want_n;
};

static const struct bad_case bad_cases[] = {
	{ "good", GOOD, 0, 1 },
	{ "two good", GOOD GOOD, 0, 2 },
	{ "nothing", "", 0, 0 },
	{ "DER Name", "05" "00a9488000" "000e300c310a300806035504030c0161"
	    "0001c5" "000103", 0, 1 },
	{ "EC", "0a" "00a9488000" "0003000161" "17" "000104", 0, 1 },
	{ "unused kind bit", "17" "00a9488000" "0003000161" "0001c5"
	    "000103", -1, 0 },
	{ "key type 0", "03" "00a9488000" "0003000161" "0001c5" "000103", -1,
	    0 },
	{ "key type 3", "0f" "00a9488000" "0003000161" "0001c5" "000103", -1,
	    0 },
	{ "empty Name", "07" "00a9488000" "0000" "0001c5" "000103", -1, 0 },
	{ "empty modulus", "07" "00a9488000" "0003000161" "0000" "000103",
	    -1, 0 },
	{ "empty exponent", "07" "00a9488000" "0003000161" "0001c5" "0000",
	    -1, 0 },
	{ "empty point", "0a" "00a9488000" "0003000161" "17" "0000", -1, 0 },
	{ "packed type 31", "07" "00a9488000" "000300" "1f" "0161" "0001c5"
	    "000103", -1, 0 },
	{ "packed tag 6", "07" "00a9488000" "0003" "c0" "0161" "0001c5"
	    "000103", -1, 0 },
	{ "packed tag 7", "07" "00a9488000" "0003" "e0" "0161" "0001c5"
	    "000103", -1, 0 },
	{ "packed length 128, cut", "07" "00a9488000" "0002" "0080" "0001c5"
	    "000103", -1, 0 },
	{ "packed entry cut", "07" "00a9488000" "0002" "0001" "0001c5"
	    "000103", -1, 0 },
	{ "packed lone code", "07" "00a9488000" "0001" "00" "0001c5" "000103",
	    -1, 0 },
	{ "Name past record", "07" "00a9488000" "00ff000161", -1, 0 },
	{ "good, then a byte", GOOD "07", -1, 0 },
};

static void
test_bad(void)
{
	unsigned char rec[512];
	struct anchor_set s;
	struct anchor_iter it;
	struct anchor a;
	size_t len;
	size_t cut;
	size_t i;
	int rc;

	for (i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
		const struct bad_case *c = &bad_cases[i];

		len = unhex(c->hex, rec, sizeof rec);
		rc = anchor_set_init(&s, rec, len);
		CHECK_INT(rc, c->want_rc, c->name);
		CHECK_INT(s.n, c->want_n, c->name);
		if (rc < 0) {
			CHECKF(s.rec == NULL && s.len == 0, "%s: set empty",
			    c->name);
		}
	}

	/* Every cut of a good record is refused, and the error sticks. */
	len = unhex(GOOD, rec, sizeof rec);
	for (cut = 1; cut < len; cut++) {
		CHECKF(anchor_set_init(&s, rec, cut) < 0, "cut at %zu", cut);
	}
	s.rec = rec;
	s.len = len - 1;
	s.n = 1;
	anchor_iter_init(&it, &s);
	CHECK_INT(anchor_next(&it, &a), -1, "cut record");
	CHECK(a.dn == NULL && a.pkey.key_type == 0);
	CHECK_INT(anchor_next(&it, &a), -1, "cut record: sticks");
	anchor_iter_init(&it, NULL);
	CHECK_INT(anchor_next(&it, &a), 0, "no set: empty");

	/* A packed Name of 3 x 100 bytes expands past ANCHOR_DN_CAP. */
	len = unhex("07" "00a9488000" "0132", rec, sizeof rec);
	for (i = 0; i < 3; i++) {
		rec[len++] = 0x00;
		rec[len++] = 100;
		memset(rec + len, 'x', 100);
		len += 100;
	}
	len += unhex("0001c5" "000103", rec + len, sizeof rec - len);
	CHECK_INT(anchor_set_init(&s, rec, len), -1, "Name past the cap");
	/* Two of them fit (and read as exactly that DER). */
	rec[6] = 0x00;
	rec[7] = 0xcc;
	memmove(rec + 8 + 204, rec + 8 + 306, 6);
	len -= 102;
	CHECK_INT(anchor_set_init(&s, rec, len), 0, "Name within the cap");
}

/* ---- the compiled-in anchors --------------------------------------------- */

static void
test_builtin(void)
{
	unsigned char buf[ANCHOR_DN_CAP];
	struct anchor_set s;
	struct anchor_iter it;
	struct anchor a;
	size_t len;
	size_t n = 0;
	size_t bad = 0;

	CHECK_INT(anchor_set_init(&s, ck_anchors.rec, ck_anchors.len), 0,
	    "built-in records read");
	CHECK_INT(s.n, ck_anchors.n, "built-in count");
	anchor_iter_init(&it, &ck_anchors);
	while (anchor_next(&it, &a) > 0) {
		const unsigned char *dn = anchor_dn(&a, buf, &len);

		n++;
		bad += len < 2 || dn[0] != 0x30 || len != a.dn_der_len ||
		    !anchor_dn_eq(&a, dn, len);
	}
	CHECK_INT(n, ck_anchors.n, "built-in walk");
	CHECK_INT(bad, 0, "built-in Names are DER");
}

int
main(void)
{
	test_fixtures();
	test_names();
	test_long_names();
	test_times_and_keys();
	test_bad();
	test_builtin();
	return t_exit();
}
