/* SPDX-License-Identifier: MIT */
/*
 * test_x509: host-name rules (libpq's verify-full), dates, days left, DN
 * text, the server's Certificate message (cert_take), and x509_verify
 * on chains made by tests/unit/data/mkfixtures.sh.  The policy's "now" is fixed at
 * 2030-01-01T00:00:00Z, inside the fixtures' windows, so the real date
 * never matters.
 */
#include <stdlib.h>

#include "pem.h"
#include "t.h"
#include "t_chain.h"
#include "x509.h"
#include "x509_cert.h"
#include "t_tls.h"

/* 2030-01-01T00:00:00Z */
#define NOW INT64_C(1893456000)

static struct x509_chain chain;		/* big: keep off the stack */

static size_t
unhex(const char *s, unsigned char *out, size_t cap)
{
	size_t n = 0;
	unsigned v;

	while (s[0] != '\0' && s[1] != '\0' && n < cap) {
		sscanf(s, "%2x", &v);
		out[n++] = (unsigned char)v;
		s += 2;
	}
	return n;
}

/* ---- host names ---------------------------------------------------------- */

struct host_case {
	const char *file;		/* leaf PEM in T_DATA */
	const char *host;
	enum ck_err want_err;
	const char *want_detail;	/* NULL: not checked */
};

static const struct host_case host_cases[] = {
	{ "host-wild.pem", "a.example.test", CK_E_OK, NULL },
	{ "host-wild.pem", "A.EXAMPLE.Test", CK_E_OK, NULL },
	{ "host-wild.pem", "exact.example.test", CK_E_OK, NULL },
	{ "host-wild.pem", "example.test", CK_E_X509_HOSTNAME,
	    "*.example.test, f*.other.test, Exact.Example.Test, "
	    "not example.test" },
	{ "host-wild.pem", "a.b.example.test", CK_E_X509_HOSTNAME, NULL },
	{ "host-wild.pem", ".example.test", CK_E_X509_HOSTNAME, NULL },
	{ "host-wild.pem", "foo.other.test", CK_E_X509_HOSTNAME, NULL },
	{ "host-wild.pem", "f.other.test", CK_E_X509_HOSTNAME, NULL },
	{ "host-wild.pem", "wild.example.test", CK_E_OK, NULL },
	/* IP host: no iPAddress SAN, so the CN is tried (and listed). */
	{ "host-wild.pem", "10.0.0.1", CK_E_X509_HOSTNAME,
	    "*.example.test, f*.other.test, Exact.Example.Test, "
	    "wild.example.test, not 10.0.0.1" },
	{ "host-cn.pem", "cn.example.test", CK_E_OK, NULL },
	{ "host-cn.pem", "CN.Example.TEST", CK_E_OK, NULL },
	{ "host-cn.pem", "x.example.test", CK_E_X509_HOSTNAME,
	    "cn.example.test, not x.example.test" },
	{ "host-ipcn.pem", "10.0.0.1", CK_E_OK, NULL },
	{ "host-ipcn.pem", "10.0.0.9", CK_E_X509_HOSTNAME,
	    "10.0.0.1, not 10.0.0.9" },
	{ "host-dns-ipcn.pem", "10.0.0.2", CK_E_OK, NULL },
	{ "host-dns-ipcn.pem", "dns.example.test", CK_E_OK, NULL },
	{ "host-dns-ipcn.pem", "other.example.test", CK_E_X509_HOSTNAME,
	    "dns.example.test, not other.example.test" },
	{ "host-ip.pem", "10.1.2.3", CK_E_OK, NULL },
	{ "host-ip.pem", "2001:db8::1", CK_E_OK, NULL },
	{ "host-ip.pem", "2001:DB8:0:0::1", CK_E_OK, NULL },
	{ "host-ip.pem", "10.1.2.4", CK_E_X509_HOSTNAME,
	    "10.1.2.3, 2001:db8::1, not 10.1.2.4" },
	{ "host-ip.pem", "ip.example.test", CK_E_OK, NULL },
	{ "host-ip.pem", "x.example.test", CK_E_X509_HOSTNAME,
	    "10.1.2.3, 2001:db8::1, ip.example.test, not x.example.test" },
	{ "host-none.pem", "a.example.test", CK_E_X509_NO_NAMES,
	    "a.example.test" },
	{ "host-none.pem", "10.0.0.1", CK_E_X509_NO_NAMES, "10.0.0.1" },
	{ "host-nul.pem", "nul.example.test", CK_E_X509_NAME_NUL,
	    "nul.example.test\\x00.evil.test" },
	{ "rsa-leaf.pem", "leaf.example.test", CK_E_OK, NULL },
	{ "rsa-leaf.pem", "127.0.0.1", CK_E_OK, NULL },
	{ "rsa-leaf.pem", "::1", CK_E_OK, NULL },
	{ "rsa-leaf.pem", "0:0:0:0:0:0:0:1", CK_E_OK, NULL },
	{ "rsa-leaf.pem", "127.0.0.2", CK_E_X509_HOSTNAME,
	    "leaf.example.test, 127.0.0.1, ::1, not 127.0.0.2" },
	/* A DNS host never matches an IP. */
	{ "rsa-leaf.pem", "127.0.0.1.example.test", CK_E_X509_HOSTNAME,
	    NULL },
	/* IPv4 hosts in every inet_aton form match an iPAddress... */
	{ "rsa-leaf.pem", "127.000.000.001", CK_E_OK, NULL },
	{ "rsa-leaf.pem", "0x7f.0.0.1", CK_E_OK, NULL },
	{ "rsa-leaf.pem", "0177.0.0.01", CK_E_OK, NULL },
	{ "rsa-leaf.pem", "2130706433", CK_E_OK, NULL },
	{ "rsa-leaf.pem", "127.1", CK_E_OK, NULL },
	{ "rsa-leaf.pem", "::ffff:127.0.0.1", CK_E_X509_HOSTNAME, NULL },
	/* ...but a CN only as text (libpq compares the CN as a name). */
	{ "host-ipcn.pem", "10.000.000.001", CK_E_X509_HOSTNAME,
	    "10.0.0.1, not 10.000.000.001" },
	/* A %scope makes a DNS name, as inet_pton refuses it: no IP match,
	 * and the dNSName bars the CN. */
	{ "rsa-leaf.pem", "::1%lo", CK_E_X509_HOSTNAME,
	    "leaf.example.test, 127.0.0.1, ::1, not ::1%lo" },
	{ "host-ip.pem", "2001:db8::1%1", CK_E_X509_HOSTNAME,
	    "10.1.2.3, 2001:db8::1, ip.example.test, not 2001:db8::1%1" },
	/* The first CN in DER order, not the last. */
	{ "host-2cn.pem", "first.test", CK_E_OK, NULL },
	{ "host-2cn.pem", "second.test", CK_E_X509_HOSTNAME,
	    "first.test, not second.test" },
	{ "host-mvrdn.pem", "aa.test", CK_E_OK, NULL },
	{ "host-mvrdn.pem", "zz.test", CK_E_X509_HOSTNAME,
	    "aa.test, not zz.test" },
	/* An IP host meets dNSName wildcards (libpq's name rule). */
	{ "host-ipwild.pem", "127.0.0.1", CK_E_OK, NULL },
	{ "host-ipwild.pem", "10.0.0.1", CK_E_OK, NULL },
	{ "host-ipwild.pem", "10.0.0.2", CK_E_X509_HOSTNAME,
	    "*.0.0.1, ipwild.test, not 10.0.0.2" },
	{ "host-ipwild.pem", "1.10.0.0.1", CK_E_X509_HOSTNAME, NULL },
	{ "host-ipwild.pem", "a.0.0.1", CK_E_OK, NULL },
	/* An iPAddress of another length is an error for any host. */
	{ "host-badip.pem", "badip.test", CK_E_X509_MALFORMED,
	    "certificate 1: iPAddress of 5 bytes" },
	{ "host-badip.pem", "1.2.3.4", CK_E_X509_MALFORMED, NULL },
	/* The CN's raw bytes: UCS-2 holds NULs. */
	{ "host-bmpcn.pem", "bmp.test", CK_E_X509_NAME_NUL,
	    "\\x00b\\x00m\\x00p\\x00.\\x00t\\x00e\\x00s\\x00t" },
	{ "ec-leaf.pem", "ec.example.test", CK_E_OK, NULL },
	{ "ec-leaf.pem", "ec.example.test.", CK_E_X509_HOSTNAME, NULL },
	{ "ec-leaf.pem", "", CK_E_X509_HOSTNAME, "ec.example.test, not " },
};

static void
test_host(void)
{
	const char *files[2] = { NULL, NULL };
	struct result res;
	char what[128];
	size_t i;
	int rc;

	for (i = 0; i < sizeof host_cases / sizeof host_cases[0]; i++) {
		const struct host_case *c = &host_cases[i];

		snprintf(what, sizeof what, "host %s vs %s", c->host,
		    c->file);
		files[0] = c->file;
		if (chain_load(&chain, files) < 0) {
			continue;
		}
		memset(&res, 0, sizeof res);
		rc = x509_check_host(chain.buf, chain.len[0], c->host, &res);
		CHECK_INT(res.err, c->want_err, what);
		CHECK_INT(rc, c->want_err == CK_E_OK ? 0 : -1, what);
		if (c->want_detail != NULL) {
			CHECK_STR(res.detail, c->want_detail, what);
		}
	}
	memset(&res, 0, sizeof res);
	CHECK_INT(x509_check_host((const unsigned char *)"\x30\x00", 2,
	    "a.test", &res), -1, "host check on malformed DER");
	CHECK_INT(res.err, CK_E_X509_MALFORMED, "malformed DER reason");
}

/* ---- dates --------------------------------------------------------------- */

struct time_case {
	unsigned tag;
	const char *in;
	int want_rc;
	const char *want;		/* x509_time_format of the result */
};

static const struct time_case time_cases[] = {
	{ DER_UTC_TIME, "700101000000Z", 0, "1970-01-01T00:00:00Z" },
	{ DER_UTC_TIME, "491231235959Z", 0, "2049-12-31T23:59:59Z" },
	{ DER_UTC_TIME, "500101000000Z", 0, "1950-01-01T00:00:00Z" },
	{ DER_UTC_TIME, "991231235959Z", 0, "1999-12-31T23:59:59Z" },
	{ DER_UTC_TIME, "000229120000Z", 0, "2000-02-29T12:00:00Z" },
	{ DER_UTC_TIME, "240229000000Z", 0, "2024-02-29T00:00:00Z" },
	{ DER_GENERALIZED_TIME, "20500101000000Z", 0,
	    "2050-01-01T00:00:00Z" },
	{ DER_GENERALIZED_TIME, "99991231235959Z", 0,
	    "9999-12-31T23:59:59Z" },
	{ DER_GENERALIZED_TIME, "19500101000000Z", 0,
	    "1950-01-01T00:00:00Z" },
	{ DER_GENERALIZED_TIME, "20380119031408Z", 0,
	    "2038-01-19T03:14:08Z" },
	{ DER_GENERALIZED_TIME, "24000229000000Z", 0,
	    "2400-02-29T00:00:00Z" },
	{ DER_UTC_TIME, "230229000000Z", -1, NULL },
	{ DER_GENERALIZED_TIME, "21000229000000Z", -1, NULL },
	{ DER_UTC_TIME, "2401010000Z", -1, NULL },
	{ DER_UTC_TIME, "2401010000000", -1, NULL },
	{ DER_UTC_TIME, "241301000000Z", -1, NULL },
	{ DER_UTC_TIME, "240001000000Z", -1, NULL },
	{ DER_UTC_TIME, "240132000000Z", -1, NULL },
	{ DER_UTC_TIME, "240431000000Z", -1, NULL },
	{ DER_UTC_TIME, "240101240000Z", -1, NULL },
	{ DER_UTC_TIME, "240101006000Z", -1, NULL },
	{ DER_UTC_TIME, "24010100000aZ", -1, NULL },
	{ DER_UTC_TIME, "-40101000000Z", -1, NULL },
	{ DER_GENERALIZED_TIME, "20240101000000.5Z", -1, NULL },
	{ DER_GENERALIZED_TIME, "240101000000Z", -1, NULL },
	{ DER_UTC_TIME, "20240101000000Z", -1, NULL },
	{ DER_OCTET_STRING, "240101000000Z", -1, NULL },
};

static void
test_time(void)
{
	struct der_tlv t;
	char out[21];
	int64_t v;
	size_t i;

	for (i = 0; i < sizeof time_cases / sizeof time_cases[0]; i++) {
		const struct time_case *c = &time_cases[i];

		memset(&t, 0, sizeof t);
		t.tag = c->tag;
		t.val = (const unsigned char *)c->in;
		t.len = strlen(c->in);
		v = 0;
		CHECK_INT(x509_time_parse(&t, &v), c->want_rc, c->in);
		if (c->want != NULL) {
			x509_time_format(v, out);
			CHECK_STR(out, c->want, c->in);
		}
	}
	t.tag = DER_UTC_TIME;
	t.val = (const unsigned char *)"700101000000Z";
	t.len = 13;
	x509_time_parse(&t, &v);
	CHECK_INT(v, 0, "epoch is 0");
	t.tag = DER_GENERALIZED_TIME;
	t.val = (const unsigned char *)"20380119031408Z";
	t.len = 15;
	x509_time_parse(&t, &v);
	CHECK_INT(v, INT64_C(2147483648), "2038 is past 32 bits");
	CHECK_INT(x509_days_from_civil(2030, 1, 1) * 86400, NOW, "NOW");
	CHECK_INT(x509_days_from_civil(1969, 12, 31), -1, "day before epoch");
	x509_time_format(-1, out);
	CHECK_STR(out, "1969-12-31T23:59:59Z", "format before the epoch");
	x509_time_format(INT64_C(253402300800), out);	/* year 10000 */
	CHECK_STR(out, "****-**-**T**:**:**Z", "format past year 9999");
	x509_time_format(INT64_C(253402300799), out);
	CHECK_STR(out, "9999-12-31T23:59:59Z", "format of the last second");

	CHECK_INT(x509_days_left(NOW, NOW), 0, "days_left now");
	CHECK_INT(x509_days_left(NOW + 86399, NOW), 0, "days_left <1 day");
	CHECK_INT(x509_days_left(NOW + 86400, NOW), 1, "days_left 1 day");
	CHECK_INT(x509_days_left(NOW + 2 * 86400 - 1, NOW), 1,
	    "days_left truncates");
	CHECK_INT(x509_days_left(NOW - 1, NOW), 0, "days_left -1 s");
	CHECK_INT(x509_days_left(NOW - 86401, NOW), -1,
	    "days_left toward zero");
}

/* ---- distinguished names ------------------------------------------------- */

struct dn_case {
	const char *name;
	const char *hex;
	size_t cap;			/* 0: X509_NAME_CAP */
	const char *want;
};

static const struct dn_case dn_cases[] = {
	{ "last RDN first", "3025310b3009060355040613025553310a3008060355"
	    "040a0c0162310a300806035504030c0161", 0, "CN=a,O=b,C=US" },
	{ "comma", "300e310c300a06035504030c03612c62", 0, "CN=a\\,b" },
	{ "leading and trailing space",
	    "300f310d300b06035504030c0420237820", 0, "CN=\\ #x\\ " },
	{ "leading hash", "300d310b300906035504030c022378", 0, "CN=\\#x" },
	{ "specials", "30123110300e06035504030c0771223c3e3b2b5c", 0,
	    "CN=q\\\"\\<\\>\\;\\+\\\\" },
	{ "multi-valued RDN", "30163114300806035504030c01613008060355040a"
	    "130162", 0, "CN=a+O=b" },
	{ "unknown OID", "300c310a300806032a0304130178", 0,
	    "1.2.3.4=#130178" },
	{ "BMPString", "3011310f300d06035504031e060041006200e9", 0,
	    "CN=Ab\\C3\\A9" },
	{ "control byte", "300d310b300906035504030c026101", 0, "CN=a\\01" },
	{ "DC and emailAddress", "302f31143012060a0992268993f22c64011916047465"
	    "73743117301506092a864886f70d01090116086140622e74657374", 0,
	    "emailAddress=a@b.test,DC=test" },
	{ "empty name", "3000", 0, "" },
	{ "cut with dots", "300e310c300a06035504030c03612c62", 6, "CN..." },
	{ "not a string", "300c310a30080603550403020105", 0, "CN=#020105" },
	{ "odd BMPString", "300e310c300a06035504031e03004100", 0,
	    "CN=#1e03004100" },
	{ "RDN not a SET", "30023000", 0, "<malformed name>" },
	{ "empty RDN", "30023100", 0, "<malformed name>" },
	{ "truncated", "300e310c300a06035504030c0361", 0,
	    "<malformed name>" },
	{ "trailing bytes", "300030", 0, "<malformed name>" },
	{ "not a SEQUENCE", "3100", 0, "<malformed name>" },
	{ "ATV without value", "3009310730050603550403", 0,
	    "<malformed name>" },
	{ "ATV with extra", "300f310d300b06035504030c0161020100", 0,
	    "<malformed name>" },
	{ "nothing", "", 0, "<malformed name>" },
};

static void
test_dn(void)
{
	unsigned char der[256];
	char out[X509_NAME_CAP];
	size_t len;
	size_t i;

	for (i = 0; i < sizeof dn_cases / sizeof dn_cases[0]; i++) {
		const struct dn_case *c = &dn_cases[i];

		len = unhex(c->hex, der, sizeof der);
		x509_dn_format(der, len, out, c->cap != 0 ? c->cap :
		    sizeof out);
		CHECK_STR(out, c->want, c->name);
	}
}

/* ---- x509_verify --------------------------------------------------------- */

#define F(...) { __VA_ARGS__, NULL }

struct verify_case {
	const char *name;
	const char *files[6];		/* the chain as sent, in order */
	const char *anchors;		/* PEM in T_DATA */
	const char *host;
	bool is_skip_verify;
	int corrupt;			/* 1: flip a leaf signature byte;
					 * 2: cut certificate 2 short */
	enum ck_err want_err;
	const char *want_detail;	/* NULL: not checked */
	enum x509_role want_role;
	const char *want_not_after;	/* x509_time_format; NULL: none */
};

static const struct verify_case verify_cases[] = {
	{ "RSA chain", F("rsa-chain.pem"), "bundle.pem",
	    "leaf.example.test", false, 0, CK_E_OK, NULL, X509_ROLE_LEAF,
	    "2040-01-01T00:00:00Z" },
	{ "RSA chain, IP host", F("rsa-chain.pem"), "bundle.pem",
	    "127.0.0.1", false, 0, CK_E_OK, NULL, X509_ROLE_LEAF, NULL },
	{ "RSA chain, no host", F("rsa-chain.pem"), "bundle.pem", NULL,
	    false, 0, CK_E_OK, NULL, X509_ROLE_LEAF, NULL },
	{ "ECDSA chain", F("ec-chain.pem"), "bundle.pem", "ec.example.test",
	    false, 0, CK_E_OK, NULL, X509_ROLE_LEAF,
	    "2040-01-01T00:00:00Z" },
	{ "out of order, extra certs",
	    F("rsa-leaf.pem", "ec-int.pem", "rsa-root.pem", "other-root.pem",
	    "rsa-int.pem"), "bundle.pem", "leaf.example.test", false, 0,
	    CK_E_OK, NULL, X509_ROLE_LEAF, NULL },
	{ "wrong host", F("rsa-chain.pem"), "bundle.pem", "www.example.test",
	    false, 0, CK_E_X509_HOSTNAME,
	    "leaf.example.test, 127.0.0.1, ::1, not www.example.test",
	    X509_ROLE_LEAF, NULL },
	{ "expired leaf", F("leaf-expired.pem", "rsa-int.pem"), "bundle.pem",
	    "expired.example.test", false, 0, CK_E_X509_EXPIRED,
	    "current time 2030-01-01T00:00:00Z is after "
	    "2025-01-01T00:00:00Z", X509_ROLE_LEAF, "2025-01-01T00:00:00Z" },
	{ "expired leaf, insecure", F("leaf-expired.pem", "rsa-int.pem"),
	    "bundle.pem", NULL, true, 0, CK_E_X509_EXPIRED, NULL,
	    X509_ROLE_LEAF, "2025-01-01T00:00:00Z" },
	{ "not yet valid", F("leaf-notyet.pem", "rsa-int.pem"), "bundle.pem",
	    "soon.example.test", false, 0, CK_E_X509_NOT_YET,
	    "current time 2030-01-01T00:00:00Z is before "
	    "2031-01-01T00:00:00Z", X509_ROLE_LEAF, NULL },
	{ "expired intermediate",
	    F("leaf-under-expired.pem", "int-expired.pem"), "bundle.pem",
	    "under.example.test", false, 0, CK_E_X509_EXPIRED,
	    "current time 2030-01-01T00:00:00Z is after 2025-01-01T00:00:00Z"
	    " (intermediate CN=ccheck expired intermediate)",
	    X509_ROLE_INTERMEDIATE, "2025-01-01T00:00:00Z" },
	{ "unknown CA, root sent", F("other-leaf.pem", "other-root.pem"),
	    "bundle.pem", "other.example.test", false, 0,
	    CK_E_X509_UNKNOWN_CA, "", X509_ROLE_LEAF, NULL },
	{ "unknown CA, no root", F("other-leaf.pem"), "bundle.pem",
	    "other.example.test", false, 0, CK_E_X509_UNKNOWN_CA, "",
	    X509_ROLE_LEAF, NULL },
	{ "unknown CA, insecure", F("other-leaf.pem", "other-root.pem"),
	    "bundle.pem", "nobody.test", true, 0, CK_E_OK, NULL,
	    X509_ROLE_LEAF, "2040-01-01T00:00:00Z" },
	{ "missing intermediate", F("rsa-leaf.pem"), "bundle.pem",
	    "leaf.example.test", false, 0, CK_E_X509_UNKNOWN_CA, NULL,
	    X509_ROLE_LEAF, NULL },
	{ "other anchors", F("rsa-chain.pem"), "ec-root.pem",
	    "leaf.example.test", false, 0, CK_E_X509_UNKNOWN_CA, NULL,
	    X509_ROLE_LEAF, NULL },
	/* libpq: a path ends at a self-signed root of the file. */
	{ "intermediate as anchor", F("rsa-chain.pem"), "rsa-int.pem",
	    "leaf.example.test", false, 0, CK_E_X509_NOT_ROOT,
	    "\"CN=ccheck test RSA intermediate\" from the root file, which is not "
	    "a self-signed root; libpq needs the root (or use "
	    "--partial-chain)", X509_ROLE_LEAF, NULL },
	{ "self-signed CA leaf trusted", F("self-ca.pem"), "self-ca.pem",
	    "self.example.test", false, 0, CK_E_OK, NULL, X509_ROLE_LEAF,
	    "2040-01-01T00:00:00Z" },
	{ "self-signed non-CA leaf trusted", F("self-leaf.pem"),
	    "self-leaf.pem", "self.example.test", false, 0, CK_E_OK, NULL,
	    X509_ROLE_LEAF, NULL },
	{ "self-signed leaf untrusted", F("self-leaf.pem"), "bundle.pem",
	    "self.example.test", false, 0, CK_E_X509_UNKNOWN_CA, NULL,
	    X509_ROLE_LEAF, NULL },
	{ "expired root", F("old-leaf.pem", "old-int.pem"), "old-root.pem",
	    "old.example.test", false, 0, CK_E_X509_EXPIRED,
	    "current time 2030-01-01T00:00:00Z is after 2025-01-01T00:00:00Z"
	    " (root CN=ccheck old root)", X509_ROLE_ROOT,
	    "2025-01-01T00:00:00Z" },
	/* The path verifies nothing with the leaf's key (OpenSSL agrees);
	 * the handshake takes it (test_cert_take). */
	{ "Ed25519 leaf", F("ed25519-leaf.pem", "rsa-int.pem"), "bundle.pem",
	    "ed.example.test", false, 0, CK_E_OK, NULL, X509_ROLE_LEAF, NULL },
	{ "RSA-PSS signature", F("pss-leaf.pem", "rsa-int.pem"), "bundle.pem",
	    "pss.example.test", false, 0, CK_E_OK, NULL, X509_ROLE_LEAF,
	    NULL },
	{ "bad signature", F("rsa-chain.pem"), "bundle.pem",
	    "leaf.example.test", false, 1, CK_E_X509_BAD_SIG, NULL,
	    X509_ROLE_LEAF, NULL },
	{ "malformed intermediate", F("rsa-chain.pem"), "bundle.pem",
	    "leaf.example.test", false, 2, CK_E_X509_MALFORMED,
	    "certificate 2", X509_ROLE_LEAF, "2040-01-01T00:00:00Z" },
	{ "leaf is not a CA", F("rsa-leaf.pem", "host-cn.pem"), "bundle.pem",
	    NULL, false, 0, CK_E_X509_UNKNOWN_CA, NULL, X509_ROLE_LEAF,
	    NULL },
};

static void
test_verify(void)
{
	struct anchor_set anchors;
	struct x509_policy pol;
	struct x509_verdict v;
	struct result res;
	char path[256];
	char when[21];
	size_t i;
	int rc;

	for (i = 0; i < sizeof verify_cases / sizeof verify_cases[0]; i++) {
		const struct verify_case *c = &verify_cases[i];

		memset(&res, 0, sizeof res);
		snprintf(path, sizeof path, T_DATA "%s", c->anchors);
		if (pem_load_anchors(path, &anchors, &res) < 0 ||
		    chain_load(&chain, c->files) < 0) {
			t_report(0, __FILE__, __LINE__, c->name, "fixtures");
			continue;
		}
		if (c->corrupt == 1) {
			chain.buf[chain.off[0] + chain.len[0] - 1] ^= 1;
		} else if (c->corrupt == 2) {
			chain.len[1] -= 1;
		}
		memset(&pol, 0, sizeof pol);
		pol.anchors = &anchors;
		pol.host = c->host;
		pol.is_skip_verify = c->is_skip_verify;
		pol.now = NOW;
		rc = x509_verify(&chain, &pol, &v, &res);
		CHECK_INT(res.err, c->want_err, c->name);
		CHECK_INT(rc, c->want_err == CK_E_OK ? 0 : -1, c->name);
		if (c->want_detail != NULL) {
			CHECK_STR(res.detail, c->want_detail, c->name);
		}
		CHECK_INT(v.role, c->want_role, c->name);
		if (c->want_not_after != NULL) {
			x509_time_format(v.not_after, when);
			CHECK_STR(when, c->want_not_after, c->name);
			CHECK_INT(v.days_left,
			    x509_days_left(v.not_after, NOW), c->name);
		}
		pem_anchors_free(&anchors);
	}
}

static void
test_verify_edges(void)
{
	static const char *const rsa[] = { "rsa-chain.pem", NULL };
	struct anchor_set anchors;
	struct x509_policy pol;
	struct x509_verdict v;
	struct result res;

	memset(&res, 0, sizeof res);
	memset(&pol, 0, sizeof pol);
	pol.now = NOW;
	chain.n = 0;
	CHECK_INT(x509_verify(&chain, &pol, &v, &res), -1, "empty chain");
	CHECK_INT(res.err, CK_E_NO_CERT, "empty chain reason");

	chain_load(&chain, rsa);
	memset(&res, 0, sizeof res);
	CHECK_INT(x509_verify(&chain, &pol, &v, &res), -1, "no anchors");
	CHECK_INT(res.err, CK_E_X509_UNKNOWN_CA, "no anchors reason");

	chain.len[0] = 10;
	memset(&res, 0, sizeof res);
	CHECK_INT(x509_verify(&chain, &pol, &v, &res), -1, "leaf cut");
	CHECK_INT(res.err, CK_E_X509_MALFORMED, "leaf cut reason");
	CHECK_STR(res.detail, "certificate 1", "leaf cut detail");

	/* Sticky: a result that already failed keeps its first reason. */
	chain_load(&chain, rsa);
	memset(&res, 0, sizeof res);
	result_fail(&res, CK_E_TIMEOUT, NULL);
	pem_load_anchors(T_DATA "bundle.pem", &anchors, &res);
	pol.anchors = &anchors;
	pol.host = "wrong.test";
	CHECK_INT(x509_verify(&chain, &pol, &v, &res), -1, "sticky");
	CHECK_INT(res.err, CK_E_TIMEOUT, "sticky reason");
	pem_anchors_free(&anchors);

	/* Root anchors counted: validity reaches the root's 2060 only if
	 * nothing earlier; here the leaf's 2040 is the earliest. */
	memset(&res, 0, sizeof res);
	pem_load_anchors(T_DATA "rsa-root.pem", &anchors, &res);
	pol.anchors = &anchors;
	pol.host = NULL;
	pol.now = x509_days_from_civil(2039, 12, 31) * 86400;
	CHECK_INT(x509_verify(&chain, &pol, &v, &res), 0, "one day left");
	CHECK_INT(v.days_left, 1, "one day left: days_left");
	pem_anchors_free(&anchors);
}

/* ---- the server's Certificate message ----------------------------------- */

static struct x509_chain src;
static struct t_conn conn;		/* big: keep off the stack */

/*
 * Writes the Certificate message of n_certs of src's certificates, filled
 * up with junk when src has fewer (TLS 1.3 form
 * when version is, each entry with ext_len bytes of extensions) at
 * conn.chain.buf, where take_handshake hands it over, and runs
 * cert_take on it.
 */
static int
take(unsigned version, size_t n_certs, size_t ext_len, struct result *res)
{
	static const unsigned char ext[8] = { 0, 5, 0, 4, 1, 0, 0, 0 };
	struct tls_sess *s = &conn.s;
	struct put w;
	size_t msg;
	size_t list;
	size_t i;

	memset(s, 0, offsetof(struct tls_sess, buf));
	s->version = version;
	s->chain = &conn.chain;
	put_init(&w, conn.chain.buf, sizeof conn.chain.buf);
	put_u8(&w, HS_CERTIFICATE);
	msg = put_open(&w, 3);
	if (version == SPEC_TLS13) {
		put_u8(&w, 0);
	}
	list = put_open(&w, 3);
	for (i = 0; i < n_certs; i++) {
		/* Past src's: the leaf's first 100 bytes, never parsed. */
		size_t off = i < src.n ? src.off[i] : 0;
		size_t len = i < src.n ? src.len[i] : 100;

		put_u24(&w, len);
		put_bytes(&w, src.buf + off, len);
		if (version == SPEC_TLS13) {
			put_u16(&w, ext_len);
			put_bytes(&w, ext, ext_len);
		}
	}
	put_close(&w, list, 3);
	put_close(&w, msg, 3);
	memset(res, 0, sizeof *res);
	if (w.bad) {
		t_report(0, __FILE__, __LINE__, "Certificate too big", NULL);
		return 0;
	}
	return cert_take(s, conn.chain.buf, w.len, res);
}

/* One leaf whose key we cannot use: the reason names it. */
static void
unusable_leaf(const char *file, const char *why)
{
	const char *files[2] = { file, NULL };
	struct result res;
	char what[128];

	chain_load(&src, files);
	snprintf(what, sizeof what, "%s: refused", file);
	CHECK_INT(take(SPEC_TLS13, 1, 0, &res), -1, what);
	snprintf(what, sizeof what, "%s: reason", file);
	CHECK_INT(res.err, CK_E_X509_UNSUPPORTED, what);
	CHECK_INT(conn.s.cap_err, CK_E_X509_UNSUPPORTED, what);
	snprintf(what, sizeof what, "%s: why", file);
	CHECK_STR(res.detail, why, what);
	CHECK_STR(conn.s.why, why, what);
	snprintf(what, sizeof what, "%s: chain kept for the verdict", file);
	CHECK_INT(conn.chain.n, 1, what);
	CHECK(conn.chain.len[0] == src.len[0] &&
	    memcmp(conn.chain.buf, src.buf, src.len[0]) == 0);
}

static void
test_cert_take(void)
{
	static const char *const rsa[] = { "rsa-chain.pem", NULL };
	static const char *const ed[] = { "ed25519-leaf.pem", NULL };
	static const unsigned char junk[] = { 0x30, 0x02, 0x05 };
	struct result res;

	/* Both forms, compacted in place to the DER certificates. */
	chain_load(&src, rsa);
	CHECK_INT(take(0x0303, 2, 0, &res), 0, "TLS 1.2 Certificate");
	CHECK_INT(conn.chain.n, 2, "TLS 1.2: two certificates");
	CHECK(conn.chain.used == src.used && conn.chain.off[1] ==
	    src.off[1] && memcmp(conn.chain.buf, src.buf, src.used) == 0);
	CHECK_INT(conn.s.cap_err, CK_E_OK, "TLS 1.2: no chain problem");
	CHECK_INT(take(SPEC_TLS13, 2, 8, &res), 0,
	    "TLS 1.3 Certificate with extensions");
	CHECK_INT(conn.chain.n, 2, "TLS 1.3: two certificates");
	CHECK(conn.chain.used == src.used && conn.chain.len[1] ==
	    src.len[1] && memcmp(conn.chain.buf, src.buf, src.used) == 0);
	/* Again on the same chain: emptied first. */
	CHECK_INT(take(SPEC_TLS13, 1, 0, &res), 0, "Certificate again");
	CHECK_INT(conn.chain.n, 1, "again: one certificate");
	CHECK_INT(conn.chain.used, src.len[0], "again: only the leaf");

	/* No certificate. */
	CHECK_INT(take(SPEC_TLS13, 0, 0, &res), -1, "empty Certificate");
	CHECK_INT(res.err, CK_E_NO_CERT, "empty Certificate: reason");
	CHECK_INT(conn.chain.n, 0, "empty Certificate: no chain");
	CHECK_INT(take(0x0303, 0, 0, &res), -1, "empty 1.2 Certificate");
	CHECK_INT(res.err, CK_E_NO_CERT, "empty 1.2 Certificate: reason");

	/* Ten fit (only the leaf must parse), eleven do not. */
	CHECK_INT(take(SPEC_TLS13, X509_CERTS_MAX, 0, &res), 0,
	    "ten certificates");
	CHECK_INT(conn.chain.n, X509_CERTS_MAX, "ten kept");
	CHECK_INT(take(SPEC_TLS13, X509_CERTS_MAX + 1, 0, &res), -1,
	    "eleven certificates");
	CHECK_INT(res.err, CK_E_CHAIN_TOO_BIG, "eleven: reason");
	CHECK_STR(res.detail, "more than 10 certificates", "eleven: detail");
	CHECK_INT(take(0x0303, X509_CERTS_MAX + 1, 0, &res), -1,
	    "eleven certificates, TLS 1.2");
	CHECK_INT(res.err, CK_E_CHAIN_TOO_BIG, "eleven, TLS 1.2: reason");

	/* An empty entry. */
	src.len[1] = 0;
	CHECK_INT(take(0x0303, 2, 0, &res), -1, "empty certificate entry");
	CHECK_INT(res.err, CK_E_TLS, "empty certificate entry: reason");
	CHECK_STR(res.detail, "malformed Certificate message",
	    "empty certificate entry: detail");

	/* A garbage leaf: malformed, the chain kept. */
	src.n = 1;
	src.off[0] = 0;
	src.len[0] = sizeof junk;
	memcpy(src.buf, junk, sizeof junk);
	CHECK_INT(take(SPEC_TLS13, 1, 0, &res), -1, "garbage leaf");
	CHECK_INT(res.err, CK_E_X509_MALFORMED, "garbage leaf: reason");
	CHECK_INT(conn.s.cap_err, CK_E_X509_MALFORMED, "garbage leaf: kept");
	CHECK_INT(conn.chain.n, 1, "garbage leaf: chain kept");

	/* Keys: Ed25519 is usable now (sig_verify_tls), Ed448 and RSA
	 * above 4096 bits are not. */
	chain_load(&src, ed);
	CHECK_INT(take(SPEC_TLS13, 1, 0, &res), 0, "Ed25519 leaf taken");
	unusable_leaf("ed448-leaf.pem", "public key algorithm Ed448");
	unusable_leaf("rsa8192-leaf.pem", "RSA key size 8192 bits");
}

/*
 * A Certificate message larger than the chain's buffer, through the
 * driver (take_handshake checks the message's length before any of it
 * is kept): TLS 1.2, plaintext.
 */
static void
test_cert_too_big(void)
{
	static const unsigned char sh[] = {
		HS_SERVER_HELLO, 0, 0, 45, 3, 3,
		1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
		17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
		0, 0xc0, 0x2f, 0, 0, 5, 0xff, 1, 0, 1, 0
	};
	static const unsigned char cert[] = {
		HS_CERTIFICATE, 0, 0x40, 0x03, 0, 0x40, 0
	};

	if (t_conn_start(&conn, 0x0301, SPEC_TLS13) < 0) {
		return;
	}
	t_conn_records(&conn, REC_HANDSHAKE, sh, sizeof sh, 16384);
	t_conn_records(&conn, REC_HANDSHAKE, cert, sizeof cert, 16384);
	CHECK_INT(t_conn_step(&conn), TLS_FAIL, "Certificate of 16 KB");
	CHECK_INT(conn.res.err, CK_E_CHAIN_TOO_BIG,
	    "Certificate of 16 KB: reason");
	CHECK_INT(conn.s.version, 0x0303, "Certificate of 16 KB: TLS 1.2");
	t_conn_end(&conn);
}

/* ---- trust anchors ------------------------------------------------------- */

static void
test_ta(void)
{
	static const char *const files[] = {
		"rsa-root.pem", "ec-root.pem", "self-leaf.pem",
		"ed25519-leaf.pem", NULL
	};
	struct x509_ta_desc d;
	char why[96];

	chain_load(&chain, files);
	CHECK_INT(x509_ta_describe(chain.buf + chain.off[0], chain.len[0], &d,
	    why, sizeof why), 0, "RSA root describes");
	CHECK_INT(d.flags, BR_X509_TA_CA, "RSA root is a CA");
	CHECK_INT(d.key_type, BR_KEYTYPE_RSA, "RSA root key");
	CHECK_INT(d.rsa_n.len, 256, "RSA-2048 modulus, no leading zero");
	CHECK_INT(x509_ta_describe(chain.buf + chain.off[1], chain.len[1], &d,
	    why, sizeof why), 0, "EC root describes");
	CHECK_INT(d.curve, BR_EC_secp384r1, "EC root on P-384");
	CHECK_INT(d.ec_q.len, 97, "P-384 point");
	CHECK_INT(x509_ta_describe(chain.buf + chain.off[2], chain.len[2], &d,
	    why, sizeof why), 0, "non-CA self-signed describes");
	CHECK_INT(d.flags, 0, "non-CA anchor: direct trust only");
	CHECK_INT(x509_ta_describe(chain.buf + chain.off[3], chain.len[3], &d,
	    why, sizeof why), 0, "Ed25519 describes");
	CHECK_INT(d.key_type, X509_KEYTYPE_ED25519, "Ed25519 anchor key");
	CHECK_INT(d.ec_q.len, 32, "Ed25519 key is 32 bytes");
	CHECK_INT(x509_ta_describe(chain.buf, 5, &d, why, sizeof why), -1,
	    "cut anchor");
	CHECK_STR(why, "malformed certificate", "cut anchor reason");
}

int
main(void)
{
	test_host();
	test_time();
	test_dn();
	test_verify();
	test_verify_edges();
	test_cert_take();
	test_cert_too_big();
	test_ta();
	return t_exit();
}
