/* SPDX-License-Identifier: MIT */
/*
 * test_nc: name constraints.  First every chain of nc-cases.txt, made by
 * tests/unit/data/mknc.sh with OpenSSL's verdict recorded: the
 * intermediate's constraints against the leaf must give the same
 * verdict class.  Then hand-built extensions and names for what the
 * openssl CLI cannot make: malformed encodings, minimum and maximum,
 * bad IP lengths, canonical directoryName forms, the why texts and the
 * names-times-constraints bound.
 */
#include <stdlib.h>

#include "pem.h"
#include "t.h"
#include "x509.h"
#include "x509_cert.h"
#include "x509_nc.h"

static struct x509_chain ch_int;	/* big: keep off the stack */
static struct x509_chain ch_leaf;

/* Loads one certificate of a fixture into ch and parses it into c. */
static int
load(const char *name, struct x509_chain *ch, struct x509_cert *c)
{
	char path[256];
	struct result res;

	snprintf(path, sizeof path, T_DATA "%s.pem", name);
	memset(&res, 0, sizeof res);
	if (pem_load_chain(path, ch, &res) < 0 || ch->n != 1 ||
	    x509_cert_parse(ch->buf + ch->off[0], ch->len[0], c) < 0) {
		t_report(0, __FILE__, __LINE__, path, "cannot load");
		return -1;
	}
	return 0;
}

/* OpenSSL's error number as our status. */
static int
status_of(const char *verdict)
{
	if (strcmp(verdict, "ok") == 0) {
		return X509_NC_OK;
	}
	if (strcmp(verdict, "47") == 0 || strcmp(verdict, "48") == 0) {
		return X509_NC_VIOLATION;
	}
	return X509_NC_UNSUPPORTED;	/* 49, 51, 52, 53, 1 */
}

static void
test_openssl_cases(void)
{
	char line[256];
	char nn[16];
	char in[32];
	char verdict[16];
	char name[64];
	char why[256];
	struct x509_cert ci;
	struct x509_cert cl;
	struct x509_nc nc;
	FILE *f = fopen(T_DATA "nc-cases.txt", "r");
	int n = 0;
	int rc;

	CHECK(f != NULL);
	while (f != NULL && fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "%15s %31s %15s", nn, in, verdict) != 3) {
			continue;
		}
		snprintf(name, sizeof name, "nc-int-%s", in);
		if (load(name, &ch_int, &ci) < 0) {
			continue;
		}
		snprintf(name, sizeof name, "nc-%s", nn);
		if (load(name, &ch_leaf, &cl) < 0) {
			continue;
		}
		n++;
		rc = ci.name_constraints.p == NULL ? -9 :
		    x509_nc_parse(ci.name_constraints.p,
		    ci.name_constraints.len, &nc);
		if (rc == 0) {
			rc = x509_nc_check(&nc, &cl, true, why, sizeof why);
		}
		line[strcspn(line, "\n")] = '\0';
		CHECKF(rc == status_of(verdict), "openssl case %s (got %d%s%s)",
		    line, rc, rc != 0 ? ": " : "", rc != 0 ? why : "");
		if (rc != X509_NC_OK) {
			CHECKF(why[0] != '\0', "case %s has a why", nn);
		}
	}
	if (f != NULL) {
		fclose(f);
	}
	CHECKF(n >= 60, "%d OpenSSL chains", n);
}

/* ---- hand-built DER ----------------------------------------------- */

struct der {
	unsigned char b[16384];
	size_t len;
};

static void
put(struct der *d, const void *p, size_t len)
{
	if (len > 0 && d->len + len <= sizeof d->b) {
		memcpy(d->b + d->len, p, len);
		d->len += len;
	}
}

/* Appends tag, a DER length and len bytes of p. */
static void
tlv(struct der *d, unsigned tag, const void *p, size_t len)
{
	unsigned char h[4];
	size_t n = 0;

	h[n++] = (unsigned char)tag;
	if (len < 0x80) {
		h[n++] = (unsigned char)len;
	} else {
		h[n++] = 0x82;
		h[n++] = (unsigned char)(len >> 8);
		h[n++] = (unsigned char)len;
	}
	put(d, h, n);
	put(d, p, len);
}

/* A GeneralSubtree of one GeneralName (tag, value), with extra bytes
 * (minimum/maximum) after it. */
static void
subtree(struct der *d, unsigned tag, const void *v, size_t len,
    const char *extra, size_t extra_len)
{
	struct der s = { .len = 0 };

	tlv(&s, tag, v, len);
	put(&s, extra, extra_len);
	tlv(d, 0x30, s.b, s.len);
}

/* NameConstraints with lists p and e (NULL: absent). */
static void
nc_build(struct der *out, const struct der *p, const struct der *e)
{
	struct der s = { .len = 0 };

	if (p != NULL) {
		tlv(&s, 0xa0, p->b, p->len);
	}
	if (e != NULL) {
		tlv(&s, 0xa1, e->b, e->len);
	}
	out->len = 0;
	tlv(out, 0x30, s.b, s.len);
}

#define S(x) x, sizeof x - 1

static void
test_parse(void)
{
	static const struct {
		const char *what;
		const char *der;
		size_t len;
		int want;
	} cases[] = {
		{ "empty NameConstraints", S("\x30\x00"), 0 },
		{ "empty permitted list", S("\x30\x02\xa0\x00"), 0 },
		{ "both lists", S("\x30\x0c\xa0\x04\x30\x02\x82\x00"
		    "\xa1\x04\x30\x02\x87\x00"), 0 },
		{ "minimum 0 and maximum", S("\x30\x0c\xa0\x0a\x30\x08"
		    "\x82\x00\x80\x01\x00\x81\x01\x05"), 0 },
		{ "x400 and EDI and RID", S("\x30\x0e\xa0\x0c\x30\x02\xa3\x00"
		    "\x30\x02\xa5\x00\x30\x02\x88\x00"), 0 },
		{ "otherName", S("\x30\x0e\xa0\x0c\x30\x0a\xa0\x08\x06\x01\x2a"
		    "\xa0\x03\x0c\x01x"), 0 },
		{ "nothing", S(""), -1 },
		{ "not a SEQUENCE", S("\x31\x00"), -1 },
		{ "trailing byte", S("\x30\x00\x00"), -1 },
		{ "lists swapped", S("\x30\x08\xa1\x02\x30\x00\xa0\x02\x30\x00"),
		    -1 },
		{ "a third list", S("\x30\x02\xa2\x00"), -1 },
		{ "subtree not a SEQUENCE", S("\x30\x04\xa0\x02\x82\x00"), -1 },
		{ "empty subtree", S("\x30\x04\xa0\x02\x30\x00"), -1 },
		{ "tag [9]", S("\x30\x06\xa0\x04\x30\x02\x89\x00"), -1 },
		{ "constructed dNSName", S("\x30\x06\xa0\x04\x30\x02\xa2\x00"),
		    -1 },
		{ "primitive directoryName",
		    S("\x30\x06\xa0\x04\x30\x02\x84\x00"), -1 },
		{ "universal tag", S("\x30\x06\xa0\x04\x30\x02\x16\x00"), -1 },
		{ "directoryName not a Name",
		    S("\x30\x08\xa0\x06\x30\x04\xa4\x02\x31\x00"), -1 },
		{ "directoryName empty RDN",
		    S("\x30\x0a\xa0\x08\x30\x06\xa4\x04\x30\x02\x31\x00"), -1 },
		{ "directoryName trailing",
		    S("\x30\x0a\xa0\x08\x30\x06\xa4\x04\x30\x00\x05\x00"), -1 },
		{ "otherName without value",
		    S("\x30\x09\xa0\x07\x30\x05\xa0\x03\x06\x01\x2a"), -1 },
		{ "empty minimum", S("\x30\x08\xa0\x06\x30\x04\x82\x00\x80\x00"),
		    -1 },
		{ "junk after the name",
		    S("\x30\x08\xa0\x06\x30\x04\x82\x00\x05\x00"), -1 },
		{ "length past the end", S("\x30\x05\xa0\x02\x30\x00"), -1 },
	};
	struct x509_nc nc;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		CHECKF(x509_nc_parse((const unsigned char *)cases[i].der,
		    cases[i].len, &nc) == cases[i].want, "parse: %s",
		    cases[i].what);
	}
	x509_nc_parse((const unsigned char *)"\x30\x02\xa1\x00", 4, &nc);
	CHECK(nc.permitted.p == NULL && nc.excluded.p != NULL &&
	    nc.excluded.len == 0);
}

/* Checks extension ext against fixture leaf, wanting rc and why. */
static void
check_ext(int line, const struct der *ext, const char *leaf, bool is_leaf,
    int want, const char *want_why)
{
	struct x509_cert c;
	struct x509_nc nc;
	char why[256];
	int rc;

	if (load(leaf, &ch_leaf, &c) < 0) {
		return;
	}
	if (x509_nc_parse(ext->b, ext->len, &nc) < 0) {
		t_report(0, __FILE__, line, leaf, "extension does not parse");
		return;
	}
	rc = x509_nc_check(&nc, &c, is_leaf, why, sizeof why);
	t_int_eq(rc, want, __FILE__, line, leaf);
	if (want_why != NULL) {
		t_str_eq(why, want_why, __FILE__, line, "why");
	}
}

static const unsigned char ip10[] = { 10, 0, 0, 0, 255, 0, 0, 0 };
static const unsigned char ip_bad[] = { 10, 0, 0, 0, 255 };

static void
test_hand_built(void)
{
	struct der p = { .len = 0 };
	struct der e = { .len = 0 };
	struct der ext;
	int i;

	/* An empty dNSName constraint matches every name. */
	subtree(&p, 0x82, "", 0, NULL, 0);
	nc_build(&ext, &p, NULL);
	check_ext(__LINE__, &ext, "nc-05", true, X509_NC_OK, "");
	nc_build(&ext, NULL, &p);
	check_ext(__LINE__, &ext, "nc-01", true, X509_NC_VIOLATION,
	    "DNS name example.com (excluded: )");
	/* An empty directoryName matches every subject. */
	p.len = 0;
	subtree(&p, 0xa4, "\x30\x00", 2, NULL, 0);
	nc_build(&ext, &p, NULL);
	check_ext(__LINE__, &ext, "nc-39", true, X509_NC_OK, "");

	/* A 5-byte IP constraint: unsupported once an IP name meets it,
	 * but not after a match, and never without IP names. */
	p.len = 0;
	subtree(&p, 0x87, ip_bad, sizeof ip_bad, NULL, 0);
	subtree(&p, 0x87, ip10, sizeof ip10, NULL, 0);
	nc_build(&ext, &p, NULL);
	check_ext(__LINE__, &ext, "nc-17", true, X509_NC_UNSUPPORTED,
	    "IP address 10.1.2.3 against constraint (bad length)");
	check_ext(__LINE__, &ext, "nc-01", true, X509_NC_OK, "");
	p.len = 0;
	subtree(&p, 0x87, ip10, sizeof ip10, NULL, 0);
	subtree(&p, 0x87, ip_bad, sizeof ip_bad, NULL, 0);
	nc_build(&ext, &p, NULL);
	check_ext(__LINE__, &ext, "nc-17", true, X509_NC_OK, "");
	check_ext(__LINE__, &ext, "nc-18", true, X509_NC_UNSUPPORTED, NULL);
	/* Lengths are checked before families, as OpenSSL's nc_ip does. */
	check_ext(__LINE__, &ext, "nc-19", true, X509_NC_UNSUPPORTED,
	    "IP address 2001:db8::1 against constraint (bad length)");
	p.len = 0;
	subtree(&p, 0x87, ip10, sizeof ip10, NULL, 0);
	subtree(&p, 0x87, "\xc0\xa8\0\0\xff\xff\0\0", 8, NULL, 0);
	nc_build(&ext, &p, NULL);
	check_ext(__LINE__, &ext, "nc-19", true, X509_NC_VIOLATION,
	    "IP address 2001:db8::1 (permitted: 10.0.0.0/8, 192.168.0.0/16)");
	p.len = 0;
	subtree(&p, 0x87, "\xc0\0\x01\0\xff\0\xff\0", 8, NULL, 0);
	nc_build(&ext, NULL, &p);
	check_ext(__LINE__, &ext, "nc-22", true, X509_NC_VIOLATION,
	    "IP address 192.168.1.1 (excluded: 192.0.1.0/255.0.255.0)");

	/* Minimum other than 0, or a maximum: refused for that type. */
	p.len = 0;
	subtree(&p, 0x82, S("example.com"), S("\x80\x01\x01"));
	nc_build(&ext, &p, NULL);
	check_ext(__LINE__, &ext, "nc-01", true, X509_NC_UNSUPPORTED,
	    "name constraint with a minimum or maximum");
	check_ext(__LINE__, &ext, "nc-17", true, X509_NC_OK, "");
	p.len = 0;
	subtree(&p, 0x82, S("example.com"), S("\x80\x01\x00"));
	nc_build(&ext, &p, NULL);
	check_ext(__LINE__, &ext, "nc-01", true, X509_NC_OK, "");
	p.len = 0;
	subtree(&p, 0x82, S("example.com"), NULL, 0);
	subtree(&p, 0x82, S("other.test"), S("\x81\x01\x03"));
	nc_build(&ext, &p, NULL);
	check_ext(__LINE__, &ext, "nc-01", true, X509_NC_UNSUPPORTED, NULL);

	/* x400Address and ediPartyName constraints are only judged against
	 * names of their type, which certificates do not carry. */
	p.len = 0;
	subtree(&p, 0xa3, "", 0, NULL, 0);
	subtree(&p, 0xa5, "", 0, NULL, 0);
	nc_build(&ext, &p, &p);
	check_ext(__LINE__, &ext, "nc-37", true, X509_NC_OK, "");

	/* The why texts, and the CN only for a leaf. */
	p.len = 0;
	subtree(&p, 0x82, S("example.com"), NULL, 0);
	nc_build(&ext, &p, NULL);
	check_ext(__LINE__, &ext, "nc-05", true, X509_NC_VIOLATION,
	    "DNS name other.test (permitted: example.com)");
	check_ext(__LINE__, &ext, "nc-07", true, X509_NC_VIOLATION,
	    "CN x.other.test (permitted: example.com)");
	check_ext(__LINE__, &ext, "nc-07", false, X509_NC_OK, "");
	for (i = 0; i < 4; i++) {
		subtree(&p, 0x82, S("a.test"), NULL, 0);
	}
	subtree(&p, 0x87, ip10, sizeof ip10, NULL, 0);
	nc_build(&ext, &p, NULL);
	check_ext(__LINE__, &ext, "nc-05", true, X509_NC_VIOLATION,
	    "DNS name other.test (permitted: example.com, a.test, a.test, "
	    "...)");
	p.len = 0;
	subtree(&p, 0x86, S("host.test"), NULL, 0);
	nc_build(&ext, &p, NULL);
	check_ext(__LINE__, &ext, "nc-52", true, X509_NC_UNSUPPORTED,
	    "URI urn:host.test against constraint host.test");
	e.len = 0;
	subtree(&e, 0x81, S("x@other.test"), NULL, 0);
	nc_build(&ext, NULL, &e);
	check_ext(__LINE__, &ext, "nc-31", true, X509_NC_VIOLATION,
	    "email address x@other.test (excluded: x@other.test)");

	/* An SmtpUTF8Mailbox against an A-label constraint: we do not
	 * decode punycode, so we refuse to judge. */
	p.len = 0;
	subtree(&p, 0x81, S("xn--bcher-kva.test"), NULL, 0);
	nc_build(&ext, &p, NULL);
	check_ext(__LINE__, &ext, "nc-35", true, X509_NC_UNSUPPORTED, NULL);
	check_ext(__LINE__, &ext, "nc-24", true, X509_NC_VIOLATION, NULL);
}

/* One attribute of a hand-built Name: OID contents (length first). */
struct attr {
	const char *oid;
	unsigned tag;
	const char *v;
	size_t len;
};

#define OID_O "\x03\x55\x04\x0a"
#define OID_CN "\x03\x55\x04\x03"
#define OID_EMAIL "\x09\x2a\x86\x48\x86\xf7\x0d\x01\x09\x01"
#define A(oid, tag, v) { oid, tag, v, sizeof v - 1 }

/* A Name of one RDN per attribute. */
static void
name_build(struct der *out, size_t n, const struct attr *a)
{
	struct der s = { .len = 0 };
	struct der atv;
	struct der set;
	size_t i;

	for (i = 0; i < n; i++) {
		atv.len = 0;
		tlv(&atv, 0x06, a[i].oid + 1, (size_t)a[i].oid[0]);
		tlv(&atv, a[i].tag, a[i].v, a[i].len);
		set.len = 0;
		tlv(&set, 0x30, atv.b, atv.len);
		tlv(&s, 0x31, set.b, set.len);
	}
	out->len = 0;
	tlv(out, 0x30, s.b, s.len);
}

/* A leaf with its subject replaced by hand-built Name subj. */
static int
check_subject(const struct der *ext, const struct der *subj, bool is_leaf,
    char *why, size_t cap)
{
	struct x509_cert c;
	struct x509_nc nc;

	if (load("nc-09", &ch_leaf, &c) < 0 ||
	    x509_nc_parse(ext->b, ext->len, &nc) < 0) {
		return -99;
	}
	c.subject.p = subj->b;
	c.subject.len = subj->len;
	return x509_nc_check(&nc, &c, is_leaf, why, cap);
}

static void
test_names(void)
{
	static const struct {
		const char *what;
		struct attr a[2];
		size_t n;
		int want;
	} dn_cases[] = {
		{ "inner spaces collapse",
		    { A(OID_O, 0x0c, "Ex \t  ample") }, 1, X509_NC_OK },
		{ "BMPString equals",
		    { A(OID_O, 0x1e, "\0E\0x\0 \0a\0m\0p\0l\0e") }, 1,
		    X509_NC_OK },
		{ "TeletexString", { A(OID_O, 0x14, "EX AMPLE") }, 1,
		    X509_NC_OK },
		{ "Latin-1 is not UTF-8",
		    { A(OID_O, 0x14, "ex ampl\xc3\xa9") }, 1,
		    X509_NC_VIOLATION },
		{ "NumericString not canonicalised",
		    { A(OID_O, 0x12, "ex ample") }, 1, X509_NC_VIOLATION },
		{ "spaces removed differ", { A(OID_O, 0x0c, "example") }, 1,
		    X509_NC_VIOLATION },
		{ "longer name below", { A(OID_O, 0x0c, "ex ample"),
		    A(OID_CN, 0x0c, "x") }, 2, X509_NC_OK },
		{ "broken UTF-8", { A(OID_O, 0x0c, "ex\xc3") }, 1,
		    X509_NC_MALFORMED },
		{ "overlong UTF-8", { A(OID_O, 0x0c, "\xc1\xa5x ample") }, 1,
		    X509_NC_MALFORMED },
		{ "odd BMPString", { A(OID_O, 0x1e, "\0e\0") }, 1,
		    X509_NC_MALFORMED },
	};
	static const struct {
		const char *what;
		struct attr a[1];
		bool is_leaf;
		int want;
	} cn_cases[] = {
		{ "CN with an inner NUL",
		    { A(OID_CN, 0x0c, "a\0b.other.test") }, true,
		    X509_NC_UNSUPPORTED },
		{ "CN with a trailing NUL",
		    { A(OID_CN, 0x0c, "a.example.com\0") }, true, X509_NC_OK },
		{ "CN not a string", { A(OID_CN, 0x02, "\x01") }, true,
		    X509_NC_UNSUPPORTED },
		{ "CN BMPString outside",
		    { A(OID_CN, 0x1e, "\0a\0.\0b") }, true,
		    X509_NC_VIOLATION },
		{ "CN of an intermediate", { A(OID_CN, 0x0c, "a.b") }, false,
		    X509_NC_OK },
		{ "emailAddress UTF8String",
		    { A(OID_EMAIL, 0x0c, "a@b.test") }, false,
		    X509_NC_UNSUPPORTED },
		{ "emailAddress IA5String",
		    { A(OID_EMAIL, 0x16, "a@b.test") }, false, X509_NC_OK },
		{ "emailAddress without @",
		    { A(OID_EMAIL, 0x16, "b.test") }, false,
		    X509_NC_UNSUPPORTED },
	};
	static const struct attr base_o[] = { A(OID_O, 0x13, "  EX  AMPLE ") };
	static const struct attr x_o[] = { A(OID_O, 0x0c, "x") };
	struct der p = { .len = 0 };
	struct der base;
	struct der ext;
	struct der subj;
	char why[256];
	size_t i;
	int rc;

	name_build(&base, 1, base_o);
	subtree(&p, 0xa4, base.b, base.len, NULL, 0);
	nc_build(&ext, &p, NULL);
	for (i = 0; i < sizeof dn_cases / sizeof dn_cases[0]; i++) {
		name_build(&subj, dn_cases[i].n, dn_cases[i].a);
		rc = check_subject(&ext, &subj, false, why, sizeof why);
		CHECKF(rc == dn_cases[i].want, "dirName: %s (%d %s)",
		    dn_cases[i].what, rc, why);
	}
	name_build(&subj, 1, x_o);
	check_subject(&ext, &subj, false, why, sizeof why);
	CHECK_STR(why, "directory name O=x (permitted: O=\\  EX  AMPLE\\ )",
	    "dirName why");

	p.len = 0;
	subtree(&p, 0x82, S("example.com"), NULL, 0);
	subtree(&p, 0x81, S("b.test"), NULL, 0);
	nc_build(&ext, &p, NULL);
	for (i = 0; i < sizeof cn_cases / sizeof cn_cases[0]; i++) {
		name_build(&subj, 1, cn_cases[i].a);
		rc = check_subject(&ext, &subj, cn_cases[i].is_leaf, why,
		    sizeof why);
		CHECKF(rc == cn_cases[i].want, "%s (%d %s)",
		    cn_cases[i].what, rc, why);
	}
}

/* OpenSSL refuses more than 2^20 names times constraints. */
static void
test_bound(void)
{
	static struct der p;
	static struct der ext;
	static unsigned char san[2 * 1100];
	struct x509_cert c;
	struct x509_nc nc;
	char why[128];
	int i;

	p.len = 0;
	for (i = 0; i < 1000; i++) {
		subtree(&p, 0x87, ip10, sizeof ip10, NULL, 0);
	}
	nc_build(&ext, &p, NULL);
	for (i = 0; i < 1100; i++) {
		san[2 * i] = 0x82;
		san[2 * i + 1] = 0;
	}
	if (load("nc-09", &ch_leaf, &c) < 0 ||
	    x509_nc_parse(ext.b, ext.len, &nc) < 0) {
		CHECK(0);
		return;
	}
	c.san.p = san;
	c.san.len = sizeof san;
	CHECK_INT(x509_nc_check(&nc, &c, true, why, sizeof why),
	    X509_NC_UNSUPPORTED, "1101 names x 1000 constraints");
	CHECK_STR(why, "1101 names against 1000 name constraints", "bound");
	c.san.len = 2 * 1000;
	CHECK_INT(x509_nc_check(&nc, &c, true, why, sizeof why), X509_NC_OK,
	    "1001 names x 1000 constraints");
	/* Malformed SAN bytes and a tiny why buffer. */
	c.san.len = 3;
	CHECK_INT(x509_nc_check(&nc, &c, true, why, 4), X509_NC_MALFORMED,
	    "SAN cut short");
	CHECK(strlen(why) == 3);
}

int
main(void)
{
	test_openssl_cases();
	test_parse();
	test_hand_built();
	test_names();
	test_bound();
	return t_exit();
}
