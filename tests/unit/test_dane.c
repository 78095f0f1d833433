/* SPDX-License-Identifier: MIT */
/*
 * dane: TLSA RDATA as read (usable or not), RFC 7671 matching against
 * ec-chain.pem (ec.example.test and its intermediate) with digests
 * openssl computed, the failure rule of --dane and --dane=require, and
 * the words.  Also dns.c's TLSA side: the AD/EDNS query, an answer's
 * record data, AD bit, CNAME and the DNS_RDATA_MAX bound; resolv.conf's
 * options trust-ad.
 */
#include <string.h>

#include "dane.h"
#include "dns.h"
#include "pem.h"
#include "resolv.h"
#include "t.h"
#include "t_chain.h"
#include "x509_cert.h"

/* openssl x509 -pubkey | openssl pkey -pubin -outform DER | sha256sum */
static const char leaf_spki256[] =
    "8a6dd64974a0bdb58fe3e240c445ba9470db97e753dd7b13d8ba8fea7b5aeff5";
static const char leaf_spki512[] =
    "c737fe3e9b0016f0907e7e62208e920a11b7984b3ddbedf0c59ddeaf42656e69"
    "1ee8db79721040e45db3553a3532b1c91b952a9e65ff8760fdfa25d068bf08f1";
static const char leaf_cert256[] =
    "244ba0cbf70436d6f24bdd78c810e68a5997fbecfb4c1123dcfd05adcaf2bc3a";
static const char leaf_spki[] =
    "3059301306072a8648ce3d020106082a8648ce3d0301070342000446e1d48e045e"
    "3ccff29ece494a181975ddc370fe639df07fb7b16b92092ad2bbc9bedd027e4a8f"
    "6db23308bc672b9ca7965e9f27b5aed022cd17c51c302c9224";
static const char int_spki256[] =
    "090bb669a13c4638ca756cc5b45cc938d5760257643db60ec94ca09182b59937";

static struct x509_chain chain;

/* "U S M hex" into rd; returns its length. */
static size_t
rdata(unsigned char *rd, unsigned u, unsigned s, unsigned m, const char *hex)
{
	size_t n = 3;
	unsigned v;

	rd[0] = (unsigned char)u;
	rd[1] = (unsigned char)s;
	rd[2] = (unsigned char)m;
	for (; hex[0] != '\0' && hex[1] != '\0'; hex += 2) {
		sscanf(hex, "%2x", &v);
		rd[n++] = (unsigned char)v;
	}
	return n;
}

/* A validated set of one record. */
static void
one(struct dane_tlsa *t, unsigned u, unsigned s, unsigned m, const char *hex)
{
	unsigned char rd[512];

	memset(t, 0, sizeof *t);
	t->lookup = DANE_L_VALIDATED;
	if (dane_rec_parse(rd, rdata(rd, u, s, m, hex), &t->rec[0]) == 0) {
		t->n = 1;
	}
}

static void
check_parse(void)
{
	unsigned char rd[512];
	struct dane_rec r;
	size_t n;

	CHECK(dane_rec_parse((const unsigned char *)"\x03\x01\x01", 3, &r) ==
	    -1);
	n = rdata(rd, 3, 1, 1, leaf_spki256);
	CHECK(dane_rec_parse(rd, n, &r) == 0 && r.is_usable && r.len == 32 &&
	    r.usage == 3 && r.selector == 1 && r.mtype == 1 &&
	    r.digest[0] == 0x8a && r.head[3] == 0x49);
	CHECK(dane_rec_parse(rd, n - 1, &r) == 0 && !r.is_usable);
	CHECK(dane_rec_parse(rd, rdata(rd, 3, 1, 2, leaf_spki256), &r) == 0 &&
	    !r.is_usable);
	CHECK(dane_rec_parse(rd, rdata(rd, 3, 1, 2, leaf_spki512), &r) == 0 &&
	    r.is_usable && r.len == 64);
	CHECK(dane_rec_parse(rd, rdata(rd, 4, 1, 1, leaf_spki256), &r) == 0 &&
	    !r.is_usable);
	CHECK(dane_rec_parse(rd, rdata(rd, 3, 2, 1, leaf_spki256), &r) == 0 &&
	    !r.is_usable);
	CHECK(dane_rec_parse(rd, rdata(rd, 3, 1, 3, leaf_spki256), &r) == 0 &&
	    !r.is_usable);
	/* Matching type 0: any length, kept as its SHA-256. */
	CHECK(dane_rec_parse(rd, rdata(rd, 3, 1, 0, leaf_spki), &r) == 0 &&
	    r.is_usable && r.len == 91 && r.digest[0] == 0x8a);
	CHECK(dane_rec_parse(rd, rdata(rd, 3, 1, 0, "ab"), &r) == 0 &&
	    r.is_usable && r.len == 1);
}

static void
check_match(void)
{
	static const char *const files[] = { "ec-chain.pem", NULL };
	static const struct {
		unsigned u, s, m;
		const char *hex;
		bool is_pkix;
		enum dane_state want;
		unsigned depth;
	} cases[] = {
		{ 3, 1, 1, leaf_spki256, false, DANE_S_MATCH, 0 },
		{ 3, 1, 2, leaf_spki512, false, DANE_S_MATCH, 0 },
		{ 3, 0, 1, leaf_cert256, false, DANE_S_MATCH, 0 },
		{ 3, 1, 0, leaf_spki, false, DANE_S_MATCH, 0 },
		{ 2, 1, 1, int_spki256, false, DANE_S_MATCH, 1 },
		{ 1, 1, 1, leaf_spki256, true, DANE_S_MATCH, 0 },
		{ 0, 1, 1, int_spki256, true, DANE_S_MATCH, 1 },
		/* PKIX usages need the path. */
		{ 1, 1, 1, leaf_spki256, false, DANE_S_NO_MATCH, 0 },
		{ 0, 1, 1, int_spki256, false, DANE_S_NO_MATCH, 0 },
		/* EE records match the leaf only, TA records above it. */
		{ 3, 1, 1, int_spki256, false, DANE_S_NO_MATCH, 0 },
		{ 2, 1, 1, leaf_spki256, false, DANE_S_NO_MATCH, 0 },
		{ 3, 0, 1, leaf_spki256, false, DANE_S_NO_MATCH, 0 },
		{ 3, 1, 0, "3059", false, DANE_S_NO_MATCH, 0 },
		{ 3, 1, 1, "8a6d", false, DANE_S_UNUSABLE, 0 },
	};
	struct dane_tlsa t;
	struct dane_report r;
	size_t i;

	if (chain_load(&chain, files) < 0) {
		return;
	}
	CHECK(chain.n == 2);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		one(&t, cases[i].u, cases[i].s, cases[i].m, cases[i].hex);
		dane_match(&t, &chain, cases[i].is_pkix, "db", 5432, &r);
		CHECKF(r.state == cases[i].want && r.depth == cases[i].depth,
		    "match %u %u %u %.8s pkix %d: state %d depth %u",
		    cases[i].u, cases[i].s, cases[i].m, cases[i].hex,
		    cases[i].is_pkix, (int)r.state, r.depth);
	}
	/* The second record matches; the first is named when none does. */
	one(&t, 3, 1, 1, int_spki256);
	t.rec[1] = t.rec[0];
	t.rec[1].usage = 2;
	t.n = 2;
	dane_match(&t, &chain, false, "db", 5432, &r);
	CHECK(r.state == DANE_S_MATCH && r.rec.usage == 2 && r.depth == 1);
	/* PKIX-EE matched without the path: said so. */
	one(&t, 1, 1, 1, leaf_spki256);
	dane_match(&t, &chain, false, "db", 5432, &r);
	CHECK(r.state == DANE_S_NO_MATCH && r.is_pkix_needed);
	dane_match(&t, NULL, false, "db", 5432, &r);
	CHECK(r.state == DANE_S_NO_CERT);
	dane_match(NULL, &chain, true, "db", 5432, &r);
	CHECK(r.state == DANE_S_NONE);
	t.lookup = DANE_L_UNVALIDATED;
	strcpy(t.why, "no AD bit from 127.0.0.1");
	dane_match(&t, &chain, true, "db", 5432, &r);
	CHECK(r.state == DANE_S_UNVALIDATED);
}

/* "U S 0" with whole data: DER (len bytes) as one validated record,
 * kept as dane_ta_keep keeps it. */
static void
one_der(struct dane_tlsa *t, unsigned u, unsigned s, const unsigned char *der,
    size_t len)
{
	unsigned char rd[1024];

	memset(t, 0, sizeof *t);
	t->lookup = DANE_L_VALIDATED;
	rd[0] = (unsigned char)u;
	rd[1] = (unsigned char)s;
	rd[2] = 0;
	memcpy(rd + 3, der, len);
	if (dane_rec_parse(rd, len + 3, &t->rec[0]) == 0) {
		t->n = 1;
		dane_ta_keep(t, rd, len + 3);
	}
}

/*
 * RFC 7671 5.2.2: a 2 0 0 or 2 1 0 record of a TA the server does not
 * send (ec-chain.pem stops at the intermediate) matches when its key
 * signed the topmost certificate sent; not a digest, not another key.
 */
static void
check_ta_unsent(void)
{
	static const char *const root_file[] = { "ec-root.pem", NULL };
	static struct x509_chain root;
	struct x509_cert c;
	struct dane_tlsa t;
	struct dane_report r;
	char line[DANE_TEXT_CAP];

	if (chain_load(&root, root_file) < 0 ||
	    x509_cert_parse(root.buf, root.len[0], &c) < 0) {
		CHECK(!"ec-root.pem loads");
		return;
	}
	one_der(&t, 2, 0, root.buf, root.len[0]);
	CHECK(t.ta_len == c.spki.len);
	dane_match(&t, &chain, false, "db", 5432, &r);
	CHECK(r.state == DANE_S_MATCH && r.depth == 2 && r.is_unsent);
	CHECK_STR(dane_format(&r, line, sizeof line), "DANE: TLSA 2 0 0 "
	    "308201ad\xe2\x80\xa6 (DANE-TA) of _5432._tcp.db matches the "
	    "served chain at depth 2 (its trust anchor, not sent)",
	    "the unsent TA's words");
	one_der(&t, 2, 1, c.spki.p, c.spki.len);
	dane_match(&t, &chain, false, "db", 5432, &r);
	CHECK(r.state == DANE_S_MATCH && r.depth == 2 && r.is_unsent);
	/* the intermediate is sent: matched there, at depth 1 */
	one_der(&t, 2, 0, chain.buf + chain.off[1], chain.len[1]);
	dane_match(&t, &chain, false, "db", 5432, &r);
	CHECK(r.state == DANE_S_MATCH && r.depth == 1 && !r.is_unsent);
	/* the leaf's key signed nothing sent */
	one_der(&t, 2, 0, chain.buf, chain.len[0]);
	dane_match(&t, &chain, false, "db", 5432, &r);
	CHECK(r.state == DANE_S_NO_MATCH);
	/* DANE-EE with whole data keeps no TA */
	one_der(&t, 3, 0, root.buf, root.len[0]);
	CHECK(t.ta_len == 0);
	/* a record that is no certificate: nothing kept */
	one_der(&t, 2, 0, c.spki.p, c.spki.len);
	CHECK(t.ta_len == 0);
}

static void
check_failure(void)
{
	static const struct {
		enum dane_state st;
		bool on;		/* --dane fails */
		bool req;		/* --dane=require fails */
	} cases[] = {
		{ DANE_S_NONE, false, false },
		{ DANE_S_MATCH, false, false },
		{ DANE_S_NO_MATCH, true, true },
		{ DANE_S_NO_CERT, false, true },
		{ DANE_S_UNUSABLE, false, true },
		{ DANE_S_NO_NAME, false, true },
		{ DANE_S_UNVALIDATED, false, true },
		{ DANE_S_NXDOMAIN, false, true },
		{ DANE_S_NODATA, false, true },
		{ DANE_S_FAILED, false, true },
	};
	struct dane_report r;
	size_t i;

	memset(&r, 0, sizeof r);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		r.state = cases[i].st;
		CHECKF(!dane_is_failure(&r, DANE_OFF) &&
		    dane_is_failure(&r, DANE_ON) == cases[i].on &&
		    dane_is_failure(&r, DANE_REQUIRE) == cases[i].req,
		    "failure rule for %s", dane_state_name(cases[i].st));
	}
}

static void
check_format(void)
{
	struct dane_tlsa t;
	struct dane_report r;
	char line[DANE_TEXT_CAP];
	char rec[DANE_REC_TEXT_CAP];

	one(&t, 3, 1, 1, "5a1f2c3d5a1f2c3d5a1f2c3d5a1f2c3d"
	    "5a1f2c3d5a1f2c3d5a1f2c3d5a1f2c3d");
	dane_match(&t, &chain, true, "db", 5432, &r);
	CHECK_STR(dane_format(&r, line, sizeof line), "DANE: no TLSA record "
	    "of _5432._tcp.db matches the served certificate "
	    "(3 1 1 5a1f2c3d\xe2\x80\xa6)", "the issue's example");
	CHECK_STR(dane_rec_format(&r.rec, true, rec, sizeof rec),
	    "3 1 1 5a1f2c3d5a1f2c3d5a1f2c3d5a1f2c3d5a1f2c3d5a1f2c3d5a1f2c3d"
	    "5a1f2c3d", "the whole digest");
	one(&t, 3, 1, 0, "abcd");
	CHECK_STR(dane_rec_format(&t.rec[0], true, rec, sizeof rec),
	    "3 1 0 abcd", "short data, whole");
	one(&t, 2, 1, 1, int_spki256);
	dane_match(&t, &chain, true, "db", 5432, &r);
	CHECK_STR(dane_format(&r, line, sizeof line), "DANE: TLSA 2 1 1 "
	    "090bb669\xe2\x80\xa6 (DANE-TA) of _5432._tcp.db matches the "
	    "served chain at depth 1", "a TA match");
	memset(&r, 0, sizeof r);
	CHECK_STR(dane_format(&r, line, sizeof line), "", "no --dane");
}

#define ID "\x12\x34"
#define QTLSA "\x05_5432\x04_tcp\x02" "db\x04test\x00\x00\x34\x00\x01"
#define TLSA_RR(b) "\xc0\x0c\x00\x34\x00\x01\x00\x00\x00\x3c\x00\x05" \
    "\x03\x01\x01\xab" b

static void
check_dns(void)
{
	static const unsigned char two[] = ID "\x81\xa0\x00\x01\x00\x02"
	    "\x00\x00\x00\x00" QTLSA TLSA_RR("\x01") TLSA_RR("\x02");
	static const unsigned char noad[] = ID "\x81\x80\x00\x01\x00\x01"
	    "\x00\x00\x00\x00" QTLSA TLSA_RR("\x01");
	/* _5432._tcp.db.test CNAME _5432._tcp.x.test; its TLSA. */
	static const unsigned char cname[] = ID "\x81\xa0\x00\x01\x00\x02"
	    "\x00\x00\x00\x00" QTLSA "\xc0\x0c\x00\x05\x00\x01\x00\x00\x00\x3c"
	    "\x00\x13\x05_5432\x04_tcp\x01x\x04test\x00"
	    "\xc0\x30\x00\x34\x00\x01\x00\x00\x00\x3c\x00\x04\x03\x01\x01\xcd";
	unsigned char q[DNS_QUERY_CAP];
	unsigned char big[12 + 24 + 20 * 17];
	struct dns_answer a;
	struct resolv_conf c;
	size_t n;
	size_t i;

	n = dns_query_build(q, sizeof q, 0x1234, "_5432._tcp.db.test.",
	    DNS_T_TLSA);
	n = dns_query_dnssec(q, n, sizeof q);
	CHECK(n == 12 + 24 + 11 && q[3] == 0x20 && q[11] == 1 &&
	    memcmp(q + 36, "\x00\x00\x29\x04\xd0\x00\x00\x00\x00\x00\x00",
	    11) == 0);
	CHECK(dns_query_dnssec(q, n, n + 10) == 0);
	CHECK(dns_answer_parse(two, sizeof two - 1, 0x1234,
	    "_5432._tcp.db.test", DNS_T_TLSA, &a) == DNS_ANSWER &&
	    a.is_ad && a.n_rdata == 2 && a.n == 0 && a.rdata[1].len == 5 &&
	    two[a.rdata[1].off + 4] == 0x02);
	CHECK(dns_answer_parse(noad, sizeof noad - 1, 0x1234,
	    "_5432._tcp.db.test", DNS_T_TLSA, &a) == DNS_ANSWER &&
	    !a.is_ad && a.n_rdata == 1);
	CHECK(dns_answer_parse(cname, sizeof cname - 1, 0x1234,
	    "_5432._tcp.db.test", DNS_T_TLSA, &a) == DNS_ANSWER &&
	    a.n_rdata == 1 && cname[a.rdata[0].off + 3] == 0xcd);
	/* Twenty records: sixteen kept, four counted. */
	memcpy(big, two, 12 + 24);
	big[7] = 20;
	for (i = 0; i < 20; i++) {
		memcpy(big + 36 + 17 * i, TLSA_RR("\x07"), 17);
	}
	CHECK(dns_answer_parse(big, sizeof big, 0x1234, "_5432._tcp.db.test",
	    DNS_T_TLSA, &a) == DNS_ANSWER && a.n_rdata == DNS_RDATA_MAX &&
	    a.n_more == 4);
	resolv_conf_parse(&c, "options edns0 trust-ad\n", 23);
	CHECK(c.is_trust_ad);
	resolv_conf_parse(&c, "options trust-adx ndots:2\n", 26);
	CHECK(!c.is_trust_ad && c.ndots == 2);
	resolv_conf_parse(&c, "nameserver 127.0.0.1\n", 21);
	CHECK(!c.is_trust_ad);
}

int
main(void)
{
	check_parse();
	check_match();
	check_ta_unsent();
	check_failure();
	check_format();
	check_dns();
	return t_exit();
}
