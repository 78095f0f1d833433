/* SPDX-License-Identifier: MIT */
/*
 * test_crl: crl_parse, crl_lookup and crl_set_add on CRLs made by
 * tests/unit/data/mkcrl.sh with "openssl ca -gencrl".  Expected times are
 * what "openssl crl -text" prints for each fixture, as seconds.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "crl.h"
#include "pem.h"
#include "t.h"

/* openssl crl -text: Last Update Jan  1 00:00:00 2025 GMT, Next Update
 * Jan  1 00:00:00 2035 GMT (every fixture). */
#define THIS_UPDATE INT64_C(1735689600)
#define NEXT_UPDATE INT64_C(2051222400)

static unsigned char der_buf[8192];
static size_t der_len;

/* Keeps the first block a pem_each_* walk hands over. */
static int
keep_first(void *ctx, const unsigned char *der, size_t len,
    struct result *res)
{
	(void)ctx;
	(void)res;
	if (der_len == 0 && len <= sizeof der_buf) {
		memcpy(der_buf, der, len);
		der_len = len;
	}
	return 0;
}

/* The first CRL (label "X509 CRL") or certificate (NULL) of a PEM file,
 * or the whole file when it is DER, into der_buf; 0 or -1. */
static int
load(const char *name, const char *label)
{
	static unsigned char tmp[8192];
	struct result res;
	char path[256];
	unsigned char *text;
	size_t len = 0;

	memset(&res, 0, sizeof res);
	der_len = 0;
	snprintf(path, sizeof path, T_DATA "%s", name);
	if (pem_file_read(path, &text, &len, &res) < 0) {
		return -1;
	}
	if (len > 0 && text[0] == 0x30 && len <= sizeof der_buf) {
		memcpy(der_buf, text, len);
		der_len = len;
	} else {
		pem_each_block(text, len, label, tmp, sizeof tmp, keep_first,
		    NULL, &res);
	}
	free(text);
	return der_len > 0 ? 0 : -1;
}

/* A certificate's serial (INTEGER contents, as x509_cert keeps it). */
static size_t
cert_serial(const char *name, unsigned char *out, size_t cap)
{
	struct x509_cert c;

	if (load(name, NULL) < 0 || x509_cert_parse(der_buf, der_len, &c) < 0 ||
	    c.serial.len > cap) {
		return 0;
	}
	memcpy(out, c.serial.p, c.serial.len);
	return c.serial.len;
}

static const struct parse_case {
	const char *file;
	bool want_next;
	bool want_revoked;
	bool want_delta;
	bool want_idp;
	bool want_unknown;
} parse_cases[] = {
	{ "crl-v1.pem", true, true, false, false, false },
	{ "crl-v2.pem", true, true, false, false, false },
	{ "crl-v2.der", true, true, false, false, false },
	{ "crl-empty.pem", true, false, false, false, false },
	{ "crl-idp.pem", true, true, false, true, false },
	{ "crl-delta.pem", true, true, true, false, false },
	/* critical cRLNumber and a critical private extension */
	{ "crl-crit.pem", true, true, false, false, true },
	/* no nextUpdate; an entry with a certificateIssuer */
	{ "crl-nonext.der", false, true, false, false, true },
};

static void
test_parse(void)
{
	struct x509_cert ca;
	static unsigned char subject[512];
	size_t subject_len = 0;
	struct crl c;
	size_t i;

	if (load("crl-ca.pem", NULL) == 0 &&
	    x509_cert_parse(der_buf, der_len, &ca) == 0 &&
	    ca.subject.len <= sizeof subject) {
		subject_len = ca.subject.len;
		memcpy(subject, ca.subject.p, subject_len);
	}
	CHECK(subject_len > 0);
	for (i = 0; i < sizeof parse_cases / sizeof parse_cases[0]; i++) {
		const struct parse_case *pc = &parse_cases[i];

		CHECKF(load(pc->file, "X509 CRL") == 0, "%s: loads", pc->file);
		CHECKF(crl_parse(der_buf, der_len, &c) == 0, "%s: parses",
		    pc->file);
		CHECKF(c.issuer.len == subject_len &&
		    memcmp(c.issuer.p, subject, subject_len) == 0,
		    "%s: issuer is the CA's subject", pc->file);
		CHECKF(c.this_update == THIS_UPDATE, "%s: thisUpdate",
		    pc->file);
		CHECKF(c.has_next_update == pc->want_next &&
		    c.next_update == (pc->want_next ? NEXT_UPDATE : 0),
		    "%s: nextUpdate", pc->file);
		CHECKF((c.revoked.p != NULL && c.revoked.len > 0) ==
		    pc->want_revoked, "%s: revoked", pc->file);
		CHECKF(c.is_delta == pc->want_delta, "%s: delta", pc->file);
		CHECKF(c.has_idp == pc->want_idp, "%s: idp", pc->file);
		CHECKF(c.has_unknown_critical == pc->want_unknown,
		    "%s: unknown critical", pc->file);
		CHECKF(c.der.p == der_buf && c.der.len == der_len,
		    "%s: der", pc->file);
		/* tbs, then the algorithm, then the BIT STRING (3 bytes of
		 * header before an ECDSA signature of up to 72 bytes). */
		CHECKF(c.tbs.p == der_buf + (der_buf[1] == 0x82 ? 4 : 3) &&
		    c.sig_alg.p == c.tbs.p + c.tbs.len &&
		    c.sig.p == c.sig_alg.p + c.sig_alg.len + 3 &&
		    c.sig.p + c.sig.len == der_buf + der_len,
		    "%s: tbs, algorithm, signature", pc->file);
		/* ecdsa-with-SHA256, no parameters */
		CHECKF(c.sig_alg.len == 12 && c.sig_alg.p[11] == 0x02,
		    "%s: signature algorithm", pc->file);
	}
}

static const struct lookup_case {
	const char *file;
	unsigned char serial[10];
	size_t serial_len;
	int want;
	int64_t want_when;
	int want_reason;
} lookup_cases[] = {
	{ "crl-v2.pem", { 0x10, 0x01 }, 2, 1, INT64_C(1735787045), -1 },
	{ "crl-v2.pem", { 0x00, 0x10, 0x01 }, 3, 1, INT64_C(1735787045), -1 },
	{ "crl-v2.pem", { 0x0a }, 1, 1, INT64_C(1738555506), 5 },
	{ "crl-v2.pem", { 0x03 }, 1, 1, INT64_C(1741064767), 6 },
	{ "crl-v2.pem", { 0x05 }, 1, 1, INT64_C(1743833228), 1 },
	/* the top-bit serial, with and without its 00 */
	{ "crl-v2.pem", { 0x00, 0x8f, 1, 2, 3, 4, 5, 6, 7, 8 }, 10, 1,
	    INT64_C(1740830400), 1 },
	{ "crl-v2.pem", { 0x8f, 1, 2, 3, 4, 5, 6, 7, 8 }, 9, 1,
	    INT64_C(1740830400), 1 },
	{ "crl-v2.pem", { 0x8f, 1, 2, 3, 4, 5, 6, 7 }, 8, 0, 0, 0 },
	{ "crl-v2.pem", { 0x10, 0x02 }, 2, 0, 0, 0 },
	{ "crl-v2.pem", { 0x01 }, 1, 0, 0, 0 },
	{ "crl-v2.pem", { 0x0a, 0x00 }, 2, 0, 0, 0 },
	{ "crl-v2.pem", { 0 }, 0, 0, 0, 0 },
	{ "crl-v1.pem", { 0x0b }, 1, 1, INT64_C(1746515289), -1 },
	{ "crl-v1.pem", { 0x0a }, 1, 0, 0, 0 },
	{ "crl-empty.pem", { 0x10, 0x01 }, 2, 0, 0, 0 },
	{ "crl-nonext.der", { 0x77 }, 1, 1, THIS_UPDATE, -1 },
};

static void
test_lookup(void)
{
	unsigned char serial[32];
	size_t serial_len;
	struct crl c;
	int64_t when;
	int reason;
	size_t i;
	int rc;

	for (i = 0; i < sizeof lookup_cases / sizeof lookup_cases[0]; i++) {
		const struct lookup_case *lc = &lookup_cases[i];

		if (load(lc->file, "X509 CRL") < 0 ||
		    crl_parse(der_buf, der_len, &c) < 0) {
			CHECKF(0, "lookup %zu: %s loads", i, lc->file);
			continue;
		}
		when = 0;
		reason = 0;
		rc = crl_lookup(&c, lc->serial, lc->serial_len, &when,
		    &reason);
		CHECKF(rc == lc->want && when == lc->want_when &&
		    reason == lc->want_reason,
		    "lookup %zu: %s: %d, %lld, %d", i, lc->file, rc,
		    (long long)when, reason);
	}

	/* Serials as the certificates carry them. */
	serial_len = cert_serial("crl-leaf-revoked.pem", serial,
	    sizeof serial);
	CHECK(serial_len == 10 && serial[0] == 0 && serial[1] == 0x8f);
	load("crl-v2.pem", "X509 CRL");
	crl_parse(der_buf, der_len, &c);
	CHECK(crl_lookup(&c, serial, serial_len, &when, &reason) == 1 &&
	    reason == 1);
	serial_len = cert_serial("crl-leaf-ok.pem", serial, sizeof serial);
	load("crl-v2.pem", "X509 CRL");
	crl_parse(der_buf, der_len, &c);
	CHECK(serial_len > 0 &&
	    crl_lookup(&c, serial, serial_len, &when, &reason) == 0);

	/* Entries that do not parse: -1. */
	c.revoked.len = 7;
	CHECK(crl_lookup(&c, serial, serial_len, &when, &reason) == -1);
}

static void
test_reason_names(void)
{
	CHECK_STR(crl_reason_name(-1), "unspecified", "no reason");
	CHECK_STR(crl_reason_name(0), "unspecified", "0");
	CHECK_STR(crl_reason_name(1), "keyCompromise", "1");
	CHECK_STR(crl_reason_name(2), "cACompromise", "2");
	CHECK_STR(crl_reason_name(5), "cessationOfOperation", "5");
	CHECK_STR(crl_reason_name(6), "certificateHold", "6");
	CHECK_STR(crl_reason_name(7), "unspecified", "7 is unused");
	CHECK_STR(crl_reason_name(8), "removeFromCRL", "8");
	CHECK_STR(crl_reason_name(10), "aACompromise", "10");
	CHECK_STR(crl_reason_name(11), "unspecified", "11");
	CHECK_STR(crl_reason_name(127), "unspecified", "127");
}

static void
test_malformed(void)
{
	static unsigned char copy[8192];
	struct crl c;
	size_t len;
	size_t i;
	size_t bad = 0;
	size_t at = 0;

	/* Every prefix of a CRL, and every prefix of a v2 one. */
	CHECK(load("crl-v1.pem", "X509 CRL") == 0);
	for (len = 0; len < der_len; len++) {
		memcpy(copy, der_buf, len);
		bad += crl_parse(copy, len, &c) == -1;
	}
	CHECK_INT(bad, der_len, "v1: every cut is malformed");
	CHECK(load("crl-nonext.der", NULL) == 0);
	bad = 0;
	for (len = 0; len < der_len; len++) {
		memcpy(copy, der_buf, len);
		bad += crl_parse(copy, len, &c) == -1;
	}
	CHECK_INT(bad, der_len, "nonext: every cut is malformed");

	/* A byte after the CRL. */
	CHECK(load("crl-v2.der", NULL) == 0);
	memcpy(copy, der_buf, der_len);
	copy[der_len] = 0;
	CHECK(crl_parse(copy, der_len + 1, &c) == -1);

	/* Outer algorithm ecdsa-with-SHA384, inner SHA256: the last
	 * occurrence of the OID is the outer one. */
	for (i = 0; i + 10 <= der_len; i++) {
		if (memcmp(der_buf + i, "\x06\x08\x2a\x86\x48\xce\x3d\x04\x03"
		    "\x02", 10) == 0) {
			at = i + 9;
		}
	}
	CHECK(at > 100);
	memcpy(copy, der_buf, der_len);
	CHECK(crl_parse(copy, der_len, &c) == 0);
	copy[at] = 0x03;
	CHECK(crl_parse(copy, der_len, &c) == -1);

	/* version 2 (v3): not a CRL version.  The DER starts 30 82 LL LL
	 * 30 82 LL LL 02 01 01. */
	memcpy(copy, der_buf, der_len);
	CHECK(copy[8] == 0x02 && copy[10] == 0x01);
	copy[10] = 0x02;
	CHECK(crl_parse(copy, der_len, &c) == -1);
	copy[10] = 0x00;
	CHECK(crl_parse(copy, der_len, &c) == -1);

	/* Extensions in a v1 CRL: the v2 CRL with its version cut out and
	 * both lengths fixed. */
	memcpy(copy, der_buf, 8);
	memcpy(copy + 8, der_buf + 11, der_len - 11);
	len = der_len - 3;
	copy[2] = (unsigned char)((len - 4) >> 8);
	copy[3] = (unsigned char)(len - 4);
	copy[6] = (unsigned char)((((unsigned)der_buf[6] << 8 |
	    der_buf[7]) - 3) >> 8);
	copy[7] = (unsigned char)(der_buf[7] - 3);
	CHECK(crl_parse(copy, len, &c) == -1);

	/* Signature BIT STRING with unused bits. */
	memcpy(copy, der_buf, der_len);
	for (i = der_len - 1; i > 0 && !(copy[i - 1] == 0x03 &&
	    copy[i + 1] == 0x00 && (size_t)copy[i] + i + 1 == der_len); i--) {
	}
	CHECK(i > 0);
	copy[i + 1] = 0x01;
	CHECK(crl_parse(copy, der_len, &c) == -1);

	/* Garbage. */
	CHECK(crl_parse((const unsigned char *)"\x30\x00", 2, &c) == -1);
	CHECK(crl_parse((const unsigned char *)"\x30\x03\x30\x01\x00", 5,
	    &c) == -1);
	CHECK(crl_parse(NULL, 0, &c) == -1);
}

/* Writes text to a fresh file in dir; returns its path (static). */
static const char *
write_file(const char *dir, const char *name, const char *text)
{
	static char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	if (f != NULL) {
		fputs(text, f);
		fclose(f);
	}
	return path;
}

static void
test_set(void)
{
	struct crl_set s;
	struct crl_iter it;
	const struct crl *c;
	struct result res;
	char dir[] = "/tmp/test_crl.XXXXXX";
	char want[600];
	const char *path;
	int64_t when;
	int reason;
	int fd;

	memset(&s, 0, sizeof s);
	memset(&res, 0, sizeof res);

	/* PEM with two CRLs, then DER: the set grows. */
	CHECK(crl_set_add(&s, T_DATA "crl-two.pem", &res) == 0);
	CHECK_INT(s.n, 2, "two.pem: 2 CRLs");
	CHECK(crl_set_add(&s, T_DATA "crl-v2.der", &res) == 0);
	CHECK_INT(s.n, 3, "then v2.der: 3 CRLs");
	crl_iter_init(&it, &s);
	CHECK((c = crl_next(&it)) != NULL && c->has_next_update &&
	    c->by_serial != NULL && c->tbs_hash_len == 32 &&
	    crl_lookup(c, (const unsigned char *)"\x0a", 1, &when,
	    &reason) == 1);
	CHECK((c = crl_next(&it)) != NULL &&
	    crl_lookup(c, (const unsigned char *)"\x0b", 1, &when,
	    &reason) == 1);
	CHECK((c = crl_next(&it)) != NULL &&
	    crl_lookup(c, (const unsigned char *)"\x0a", 1, &when,
	    &reason) == 1);
	CHECK(crl_next(&it) == NULL);
	CHECK(res.err == CK_E_OK);
	crl_set_free(&s);
	CHECK(s.v == NULL && s.n == 0 && s.cap == 0);

	/* A hashed directory: NAME.r0, a certificate (skipped), and an
	 * empty CRL, in name order. */
	CHECK(crl_set_add(&s, T_DATA "crl-dir", &res) == 0);
	CHECK_INT(s.n, 2, "dir: 2 CRLs");
	crl_iter_init(&it, &s);
	CHECK((c = crl_next(&it)) != NULL && c->revoked.len > 0);
	CHECK((c = crl_next(&it)) != NULL && c->revoked.p == NULL &&
	    c->by_serial == NULL);
	CHECK(crl_next(&it) == NULL);

	/* Failures leave the set as it was and name the path. */
	CHECK(crl_set_add(&s, T_DATA "crl-none.pem", &res) == -1);
	CHECK(res.err == CK_E_FILE && res.sys == ENOENT);
	CHECK_STR(res.detail, T_DATA "crl-none.pem: no such file or "
	    "directory", "missing file");
	CHECK_INT(s.n, 2, "missing file: set unchanged");
	memset(&res, 0, sizeof res);
	CHECK(crl_set_add(&s, T_DATA "crl-ca.pem", &res) == -1);
	CHECK(res.err == CK_E_CRL_MALFORMED);
	CHECK_STR(res.detail, T_DATA "crl-ca.pem: no X509 CRL block",
	    "certificate file");

	if (mkdtemp(dir) == NULL) {
		CHECK(0);
		crl_set_free(&s);
		return;
	}
	/* A CRL block holding 30 00, after a good one. */
	memset(&res, 0, sizeof res);
	path = write_file(dir, "bad.pem",
	    "-----BEGIN X509 CRL-----\nMAA=\n-----END X509 CRL-----\n");
	CHECK(crl_set_add(&s, path, &res) == -1);
	CHECK(res.err == CK_E_CRL_MALFORMED);
	snprintf(want, sizeof want, "%s: CRL 1", path);
	CHECK_STR(res.detail, want, "bad block");
	CHECK_INT(s.n, 2, "bad block: set unchanged");
	unlink(path);

	/* A good block, then that bad one: the good one, already kept, is
	 * given back (ASan's leak check sees it freed). */
	{
		char text[8192];
		FILE *f = fopen(T_DATA "crl-v2.pem", "r");
		size_t n = f != NULL ? fread(text, 1, sizeof text - 64, f) : 0;

		if (f != NULL) {
			fclose(f);
		}
		snprintf(text + n, sizeof text - n, "%s",
		    "-----BEGIN X509 CRL-----\nMAA=\n-----END X509 CRL-----\n");
		memset(&res, 0, sizeof res);
		path = write_file(dir, "bad.pem", text);
		CHECK(n > 0 && crl_set_add(&s, path, &res) == -1);
		snprintf(want, sizeof want, "%s: CRL 2", path);
		CHECK_STR(res.detail, want, "good block, bad block");
		CHECK_INT(s.n, 2, "good block, bad block: set unchanged");
	}

	/* In a directory, the bad file fails the whole directory. */
	memset(&res, 0, sizeof res);
	CHECK(crl_set_add(&s, dir, &res) == -1);
	CHECK_STR(res.detail, want, "bad file in a directory");
	unlink(path);

	/* A DER file that is not a CRL, alone and in a directory. */
	path = write_file(dir, "cert.der", "\x30\x03\x02\x01\x01");
	memset(&res, 0, sizeof res);
	CHECK(crl_set_add(&s, path, &res) == -1);
	snprintf(want, sizeof want, "%s: not a DER CRL", path);
	CHECK_STR(res.detail, want, "DER, not a CRL");
	memset(&res, 0, sizeof res);
	CHECK(crl_set_add(&s, dir, &res) == 0);
	CHECK_INT(s.n, 2, "directory without CRLs: nothing added");
	unlink(path);

	/* Bad Base64 in a CRL block. */
	path = write_file(dir, "b64.pem",
	    "-----BEGIN X509 CRL-----\nM!AA\n-----END X509 CRL-----\n");
	memset(&res, 0, sizeof res);
	CHECK(crl_set_add(&s, path, &res) == -1);
	CHECK(res.err == CK_E_PEM_MALFORMED);
	unlink(path);

	/* Over the cap: refused before reading it all. */
	path = write_file(dir, "big.pem", "");
	fd = open(path, O_WRONLY);
	CHECK(fd >= 0 && ftruncate(fd, (off_t)CRL_FILE_CAP + 1) == 0);
	close(fd);
	memset(&res, 0, sizeof res);
	CHECK(crl_set_add(&s, path, &res) == -1);
	CHECK(res.err == CK_E_FILE);
	snprintf(want, sizeof want, "%s: larger than 64 MiB", path);
	CHECK_STR(res.detail, want, "too large");
	unlink(path);
	rmdir(dir);
	CHECK_INT(s.n, 2, "after the failures: set unchanged");
	/* and still indexed: the first entry's serial is found. */
	crl_iter_init(&it, &s);
	c = crl_next(&it);
	CHECK(c != NULL && c->by_serial != NULL && crl_lookup(c,
	    c->revoked.p + c->by_serial[0].off + c->by_serial[0].skip,
	    c->by_serial[0].len, &when, &reason) == 1);
	crl_set_free(&s);
}

/* ---- the index against the walk, on a CRL of many entries --------------- */

#define IDX_N 1000

/* out[n..]: tag, length (short or three-byte form), v; the new end. */
static size_t
tlv(unsigned char *out, size_t n, unsigned tag, const void *v, size_t len)
{
	out[n++] = (unsigned char)tag;
	if (len < 0x80) {
		out[n++] = (unsigned char)len;
	} else {
		out[n++] = 0x83;
		out[n++] = (unsigned char)(len >> 16);
		out[n++] = (unsigned char)(len >> 8);
		out[n++] = (unsigned char)len;
	}
	memmove(out + n, v, len);
	return n + len;
}

/* One lookup both ways; 0 when they agree. */
static int
both_ways(const struct crl *indexed, const struct crl *walked,
    const unsigned char *serial, size_t len, int want)
{
	int64_t w1 = 0;
	int64_t w2 = 0;
	int r1 = 0;
	int r2 = 0;
	int rc1 = crl_lookup(indexed, serial, len, &w1, &r1);
	int rc2 = crl_lookup(walked, serial, len, &w2, &r2);

	return rc1 != rc2 || w1 != w2 || r1 != r2 || (want >= 0 &&
	    rc1 != want);
}

/*
 * A CRL of IDX_N random serials, every eighth one again (the same
 * number, with or without a 00 in front), each with its own date and
 * every other one with a reason, so that the first of equal serials is
 * told from a later one: crl_lookup through the index must answer as
 * the walk over the entries does.
 */
static void
test_index(void)
{
	static const unsigned char alg[] = { 0x30, 0x0d, 0x06, 0x09, 0x2a,
		0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00 };
	static const unsigned char reason_ext[] = { 0x06, 0x03, 0x55, 0x1d,
		0x15, 0x04, 0x03, 0x0a, 0x01 };
	static unsigned char ser[IDX_N][22];
	static size_t ser_len[IDX_N];
	static unsigned char ents[IDX_N * 64];
	static unsigned char body[IDX_N * 64 + 256];
	static unsigned char der[IDX_N * 64 + 512];
	unsigned char one[96];
	unsigned char ext[32];
	unsigned char q[24];
	char dir[] = "/tmp/test_crl_idx.XXXXXX";
	char date[16];
	const char *path;
	struct crl_set s;
	struct crl_iter it;
	const struct crl *c;
	struct crl walked;
	struct result res;
	size_t n_ents = 0;
	size_t n;
	size_t i;
	size_t j;
	size_t k;
	int bad = 0;
	FILE *f;

	t_seed(getenv("CRL_INDEX_SEED"));
	for (i = 0; i < IDX_N; i++) {
		if (i > 0 && t_next() % 8 == 0) {
			j = t_next() % i;
			k = t_next() & 1;
			ser[i][0] = 0x00;
			memcpy(ser[i] + k, ser[j], ser_len[j]);
			ser_len[i] = ser_len[j] + k;
		} else {
			ser_len[i] = 1 + t_next() % 20;
			t_fill(ser[i], ser_len[i]);
		}
		n = tlv(one, 0, 0x02, ser[i], ser_len[i]);
		snprintf(date, sizeof date, "250101%02zu%02zu%02zuZ",
		    i / 3600 % 24, i / 60 % 60, i % 60);
		n = tlv(one, n, 0x17, date, 13);
		if (i % 2 == 1) {
			memcpy(q, reason_ext, sizeof reason_ext);
			q[sizeof reason_ext] = (unsigned char)(i % 11);
			k = tlv(ext, 0, 0x30, q, sizeof reason_ext + 1);
			n = tlv(one, n, 0x30, ext, k);
		}
		n_ents = tlv(ents, n_ents, 0x30, one, n);
	}
	n = tlv(body, 0, 0x02, "\x01", 1);
	memcpy(body + n, alg, sizeof alg);
	n = tlv(body, n + sizeof alg, 0x30, "", 0);
	n = tlv(body, n, 0x17, "250101000000Z", 13);
	n = tlv(body, n, 0x17, "350101000000Z", 13);
	n = tlv(body, n, 0x30, ents, n_ents);
	n = tlv(der, 0, 0x30, body, n);			/* tbsCertList */
	memcpy(der + n, alg, sizeof alg);
	n = tlv(der, n + sizeof alg, 0x03, "\0sig", 4);
	memcpy(body, der, n);
	n = tlv(der, 0, 0x30, body, n);

	memset(&s, 0, sizeof s);
	memset(&res, 0, sizeof res);
	if (mkdtemp(dir) == NULL || (path = write_file(dir, "big.der",
	    "")) == NULL) {
		CHECK(0);
		return;
	}
	f = fopen(path, "wb");
	CHECK(f != NULL && fwrite(der, 1, n, f) == n && fclose(f) == 0);
	CHECK(crl_set_add(&s, path, &res) == 0);
	unlink(path);
	rmdir(dir);
	crl_iter_init(&it, &s);
	c = crl_next(&it);
	if (c == NULL || crl_parse(der, n, &walked) < 0) {
		CHECK(0);
		crl_set_free(&s);
		return;
	}
	CHECK_INT(c->n_entries, IDX_N, "entries counted");
	CHECK(c->by_serial != NULL && walked.by_serial == NULL);
	for (i = 0; i < IDX_N; i++) {
		/* As listed, and with one 00 more in front. */
		q[0] = 0x00;
		memcpy(q + 1, ser[i], ser_len[i]);
		bad += both_ways(c, &walked, ser[i], ser_len[i], 1);
		bad += both_ways(c, &walked, q, ser_len[i] + 1, 1);
	}
	for (i = 0; i < IDX_N; i++) {
		k = 1 + t_next() % 21;
		t_fill(q, k);
		bad += both_ways(c, &walked, q, k, -1);
	}
	CHECK_INT(bad, 0, "index and walk agree (disagreements)");
	crl_set_free(&s);
}

int
main(void)
{
	test_parse();
	test_lookup();
	test_reason_names();
	test_malformed();
	test_set();
	test_index();
	return t_exit();
}
