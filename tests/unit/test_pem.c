/* SPDX-License-Identifier: MIT */
/*
 * test_pem: PEM files as chains and as trust anchors.  Variants (CRLF,
 * cut Base64, no END line, junk between blocks) are built at run time
 * from the committed fixtures into a temporary file.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "pem.h"
#include "t.h"
#include "x509.h"

static struct x509_chain chain;
static char tmp_path[64];

/* The text of fixture name (static buffer). */
static const char *
fixture(const char *name)
{
	static char text[3][32768];
	static int slot;
	struct result res;
	char path[256];
	size_t len = 0;
	char *t = text[slot++ % 3];

	memset(&res, 0, sizeof res);
	snprintf(path, sizeof path, T_DATA "%s", name);
	if (pem_file_read_buf(path, (unsigned char *)t, sizeof text[0] - 1,
	    &len, &res) < 0) {
		t_report(0, __FILE__, __LINE__, path, "cannot read");
	}
	t[len] = '\0';
	return t;
}

/* Writes s to the temporary file and returns its path. */
static const char *
write_tmp(const char *s, size_t len)
{
	FILE *f = fopen(tmp_path, "wb");

	if (f == NULL || fwrite(s, 1, len, f) != len || fclose(f) != 0) {
		t_report(0, __FILE__, __LINE__, tmp_path, "cannot write");
	}
	return tmp_path;
}

/* Text of fixture name with every "\n" turned into "\r\n". */
static const char *
to_crlf(const char *name, size_t *len)
{
	static char out[65536];
	const char *s = fixture(name);
	size_t o = 0;

	for (; *s != '\0' && o + 2 < sizeof out; s++) {
		if (*s == '\n') {
			out[o++] = '\r';
		}
		out[o++] = *s;
	}
	*len = o;
	return out;
}

struct chain_case {
	const char *name;
	const char *text;		/* NULL: use file */
	const char *file;
	enum ck_err want_err;
	size_t want_n;
};

static char buf_junk[40000];
static char buf_cut[40000];
static char buf_noend[40000];
static char buf_key[40000];
static char buf_x509[40000];
static char buf_bad64[40000];

static void
make_variants(void)
{
	const char *leaf = fixture("rsa-leaf.pem");
	const char *inter = fixture("rsa-int.pem");
	char *p;

	snprintf(buf_junk, sizeof buf_junk,
	    "subject=leaf\nissuer: whatever\n%s\nsome text\n\n%s\ntrailer\n",
	    leaf, inter);
	/* Base64 cut in the middle of a quartet. */
	snprintf(buf_cut, sizeof buf_cut, "%s", leaf);
	p = strstr(buf_cut, "\n-----END");
	if (p != NULL) {
		memmove(p - 3, p, strlen(p) + 1);
	}
	snprintf(buf_noend, sizeof buf_noend, "%s", leaf);
	p = strstr(buf_noend, "-----END");
	if (p != NULL) {
		*p = '\0';
	}
	snprintf(buf_key, sizeof buf_key, "-----BEGIN PRIVATE KEY-----\n"
	    "MC4CAQAwBQYDK2VwBCIEIGg3aXa2b5s2rB0r0o0O0p0q0r0s0t0u0v0w0x0y0z01\n"
	    "-----END PRIVATE KEY-----\n");
	snprintf(buf_x509, sizeof buf_x509, "%s", leaf);
	p = buf_x509;
	while ((p = strstr(p, " CERTIFICATE")) != NULL) {
		memmove(p + 5, p, strlen(p) + 1);
		memcpy(p, " X509", 5);
		p += 17;
	}
	snprintf(buf_bad64, sizeof buf_bad64, "%s", leaf);
	p = strstr(buf_bad64, "-----\n");
	if (p != NULL) {
		p[10] = '!';
	}
}

static void
test_chain(void)
{
	struct chain_case cases[] = {
		{ "one certificate", NULL, "rsa-leaf.pem", CK_E_OK, 1 },
		{ "chain file", NULL, "rsa-chain.pem", CK_E_OK, 2 },
		{ "bundle", NULL, "bundle.pem", CK_E_OK, 2 },
		{ "text between blocks", buf_junk, NULL, CK_E_OK, 2 },
		{ "X509 CERTIFICATE name", buf_x509, NULL, CK_E_OK, 1 },
		{ "only a key", buf_key, NULL, CK_E_PEM_NO_CERT, 0 },
		{ "empty file", "", NULL, CK_E_PEM_NO_CERT, 0 },
		{ "no PEM at all", "hello\nworld\n", NULL, CK_E_PEM_NO_CERT,
		    0 },
		{ "binary garbage", "\x30\x82\x01\x00\xff\x00\x01", NULL,
		    CK_E_PEM_NO_CERT, 0 },
		{ "base64 cut short", buf_cut, NULL, CK_E_PEM_MALFORMED, 0 },
		{ "no END line", buf_noend, NULL, CK_E_PEM_MALFORMED, 0 },
		{ "bad base64 character", buf_bad64, NULL, CK_E_PEM_MALFORMED,
		    0 },
		{ "missing file", NULL, "no-such-file.pem", CK_E_FILE, 0 },
	};
	struct result res;
	char path[256];
	const char *p;
	size_t i;
	int rc;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct chain_case *c = &cases[i];

		if (c->text != NULL) {
			p = write_tmp(c->text, c->text == buf_key ||
			    c->text[0] != '\x30' ? strlen(c->text) : 7);
		} else {
			snprintf(path, sizeof path, T_DATA "%s", c->file);
			p = path;
		}
		memset(&res, 0, sizeof res);
		rc = pem_load_chain(p, &chain, &res);
		CHECK_INT(res.err, c->want_err, c->name);
		CHECK_INT(rc, c->want_err == CK_E_OK ? 0 : -1, c->name);
		if (c->want_err == CK_E_OK) {
			CHECK_INT(chain.n, c->want_n, c->name);
		}
	}
	memset(&res, 0, sizeof res);
	pem_load_chain(T_DATA "no-such-file.pem", &chain, &res);
	CHECK_INT(res.sys, ENOENT, "missing file: errno");
}

static void
test_crlf_and_order(void)
{
	struct x509_chain lf;
	struct result res;
	const char *s;
	size_t len;

	memset(&res, 0, sizeof res);
	pem_load_chain(T_DATA "rsa-chain.pem", &chain, &res);
	lf = chain;
	s = to_crlf("rsa-chain.pem", &len);
	write_tmp(s, len);
	CHECK_INT(pem_load_chain(tmp_path, &chain, &res), 0, "CRLF chain");
	CHECK_INT(chain.n, 2, "CRLF: two certificates");
	CHECK(chain.used == lf.used &&
	    memcmp(chain.buf, lf.buf, lf.used) == 0);
	CHECK(chain.off[1] == chain.len[0]);
}

/* More certificates, or more bytes, than a captured chain may hold. */
static void
test_too_big(void)
{
	static char big[200000];
	const char *leaf = fixture("rsa-leaf.pem");
	struct result res;
	size_t o = 0;
	int i;

	for (i = 0; i <= X509_CERTS_MAX; i++) {
		o += (size_t)snprintf(big + o, sizeof big - o, "%s", leaf);
	}
	write_tmp(big, o);
	memset(&res, 0, sizeof res);
	CHECK_INT(pem_load_chain(tmp_path, &chain, &res), -1, "11 certs");
	CHECK_INT(res.err, CK_E_CHAIN_TOO_BIG, "11 certs: reason");

	/* Ten certificates of ~1.9 KiB overflow X509_CHAIN_CAP (16 KiB). */
	o = 0;
	for (i = 0; i < 9; i++) {
		o += (size_t)snprintf(big + o, sizeof big - o, "%s%s", leaf,
		    fixture("rsa-root.pem"));
	}
	write_tmp(big, o);
	memset(&res, 0, sizeof res);
	CHECK_INT(pem_load_chain(tmp_path, &chain, &res), -1, "too many bytes");
	CHECK_INT(res.err, CK_E_CHAIN_TOO_BIG, "too many bytes: reason");

	/* Reading into a small buffer: EFBIG, not truncation. */
	{
		unsigned char small[100];
		size_t len;

		memset(&res, 0, sizeof res);
		CHECK_INT(pem_file_read_buf(T_DATA "rsa-leaf.pem", small,
		    sizeof small, &len, &res), -1, "file too big for buffer");
		CHECK_INT(res.err, CK_E_FILE, "file too big: reason");
		CHECK_INT(res.sys, EFBIG, "file too big: errno");
	}
}

static void
test_anchors(void)
{
	struct anchor_set a;
	struct anchor_iter it;
	struct anchor an[2];
	struct result res;
	unsigned char *data;
	size_t len;
	char text[16384];

	memset(&res, 0, sizeof res);
	CHECK_INT(pem_load_anchors(T_DATA "bundle.pem", &a, &res), 0,
	    "bundle anchors");
	CHECK_INT(a.n, 2, "bundle: two anchors");
	anchor_iter_init(&it, &a);
	if (a.n == 2 && anchor_next(&it, &an[0]) == 1 &&
	    anchor_next(&it, &an[1]) == 1) {
		CHECK_INT(an[0].flags, BR_X509_TA_CA, "RSA root is CA");
		CHECK_INT(an[0].pkey.key_type, BR_KEYTYPE_RSA, "RSA key");
		CHECK_INT(an[1].pkey.key_type, BR_KEYTYPE_EC, "EC key");
		CHECK_INT(an[0].not_after, INT64_C(2840140800),
		    "RSA root notAfter 2060-01-01");
		CHECK_INT(anchor_next(&it, &an[0]), 0, "bundle: then the end");
	} else {
		CHECK(!"bundle: two records");
	}
	pem_anchors_free(&a);
	CHECK_INT(a.n, 0, "freed anchors are empty");

	/* Unusable certificates are skipped. */
	snprintf(text, sizeof text, "%s%s", fixture("ed448-leaf.pem"),
	    fixture("ec-root.pem"));
	write_tmp(text, strlen(text));
	memset(&res, 0, sizeof res);
	CHECK_INT(pem_load_anchors(tmp_path, &a, &res), 0, "skip Ed448");
	CHECK_INT(a.n, 1, "skip Ed448: one left");
	pem_anchors_free(&a);

	/* Ed25519 is usable now: an anchor for direct trust. */
	snprintf(text, sizeof text, "%s%s", fixture("ed25519-leaf.pem"),
	    fixture("ec-root.pem"));
	write_tmp(text, strlen(text));
	memset(&res, 0, sizeof res);
	CHECK_INT(pem_load_anchors(tmp_path, &a, &res), 0, "Ed25519 kept");
	CHECK_INT(a.n, 2, "Ed25519 kept: two anchors");
	pem_anchors_free(&a);

	write_tmp(fixture("ed448-leaf.pem"),
	    strlen(fixture("ed448-leaf.pem")));
	memset(&res, 0, sizeof res);
	CHECK_INT(pem_load_anchors(tmp_path, &a, &res), -1, "only Ed448");
	CHECK_INT(res.err, CK_E_PEM_NO_CERT, "only Ed448: reason");
	CHECK(a.rec == NULL && a.len == 0 && a.n == 0);

	write_tmp("no certificates here\n", 21);
	memset(&res, 0, sizeof res);
	CHECK_INT(pem_load_anchors(tmp_path, &a, &res), -1, "no PEM");
	CHECK_INT(res.err, CK_E_PEM_NO_CERT, "no PEM: reason");

	memset(&res, 0, sizeof res);
	CHECK_INT(pem_load_anchors(T_DATA "missing.pem", &a, &res), -1,
	    "missing bundle");
	CHECK_INT(res.err, CK_E_FILE, "missing bundle: reason");

	memset(&res, 0, sizeof res);
	CHECK_INT(pem_file_read(T_DATA "rsa-leaf.pem", &data, &len, &res), 0,
	    "read whole file");
	CHECK(data != NULL && len > 0 && data[len] == '\0');
	free(data);
}

/* One block labelled X: its bytes as hex, or "!" for malformed. */
struct grammar_case {
	const char *text;
	const char *want;
};

static const struct grammar_case grammar[] = {
	{ "-----BEGIN X-----\nAAEC\n-----END X-----\n", "000102" },
	/* Padding: one and two bytes; the bits it drops must be zero. */
	{ "-----BEGIN X-----\nAA==\n-----END X-----\n", "00" },
	{ "-----BEGIN X-----\nAAE=\n-----END X-----\n", "0001" },
	{ "-----BEGIN X-----\nAB==\n-----END X-----\n", "!" },
	{ "-----BEGIN X-----\nAAF=\n-----END X-----\n", "!" },
	{ "-----BEGIN X-----\nA===\n-----END X-----\n", "!" },
	{ "-----BEGIN X-----\nAA=A\n-----END X-----\n", "!" },
	/* After padding: blanks, empty lines, then only the END line. */
	{ "-----BEGIN X-----\nAA== \t\n\n-----END X-----\n", "00" },
	{ "-----BEGIN X-----\nAA==AAEC\n-----END X-----\n", "!" },
	{ "-----BEGIN X-----\nAA==\nAAEC\n-----END X-----\n", "!" },
	/* Blanks anywhere in the data, quartets never across lines. */
	{ "-----BEGIN X-----\n A A\tE C \n\n-----END X-----\n", "000102" },
	{ "-----BEGIN X-----\nAA\nEC\n-----END X-----\n", "!" },
	/* The END line: at a line's first byte only, any case. */
	{ "-----BEGIN X-----\nAAEC\n -----END X-----\n", "!" },
	{ "-----BEGIN X-----\nAAEC-----END X-----\n", "!" },
	{ "-----BEGIN X-----\nAAEC\n-----end x\n", "000102" },
	{ "-----BEGIN X-----\nAAEC\n-----ENDX-----\n", "!" },
	{ "-----BEGIN X-----\nAA!C\n-----END X-----\n", "!" },
	/* Banners: any case, CRLF, text around; an empty name is none. */
	{ "-----begin x-----\r\nAAEC\r\n-----END X-----\r\n", "000102" },
	{ "junk\n-----BEGIN Y-----\nAAAA\n-----END Y-----\n"
	    "-----BEGIN X-----\nAAEC\n-----END X-----\nmore", "000102" },
	{ "-----BEGIN \n-----BEGIN X-----\nAAEC\n-----END X-----\n",
	    "000102" },
	{ " -----BEGIN X-----\nAAEC\n-----END X-----\n", "" },
	{ "-----BEGIN X-----\nAAEC\n", "!" },
	/* The last line needs no newline. */
	{ "-----BEGIN X-----\nAAEC\n-----END X-----", "000102" },
};

static int
hex_out(void *ctx, const unsigned char *der, size_t len, struct result *res)
{
	char *out = ctx;
	size_t i;

	(void)res;
	for (i = 0; i < len && strlen(out) + 3 < 64; i++) {
		snprintf(out + strlen(out), 3, "%02x", der[i]);
	}
	return 0;
}

static void
test_grammar(void)
{
	unsigned char tmp[64];
	struct result res;
	char got[64];
	size_t i;
	long n;

	for (i = 0; i < sizeof grammar / sizeof grammar[0]; i++) {
		memset(&res, 0, sizeof res);
		got[0] = '\0';
		n = pem_each_block((const unsigned char *)grammar[i].text,
		    strlen(grammar[i].text), "X", tmp, sizeof tmp, hex_out,
		    got, &res);
		if (n < 0) {
			snprintf(got, sizeof got, "!");
		}
		t_str_eq(got, grammar[i].want, __FILE__, __LINE__,
		    grammar[i].text);
	}
}

int
main(void)
{
	int fd;

	snprintf(tmp_path, sizeof tmp_path, "%s/test_pem.XXXXXX",
	    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	fd = mkstemp(tmp_path);
	if (fd < 0) {
		t_report(0, __FILE__, __LINE__, "mkstemp", strerror(errno));
		return t_exit();
	}
	close(fd);
	make_variants();
	test_chain();
	test_crlf_and_order();
	test_too_big();
	test_anchors();
	test_grammar();
	unlink(tmp_path);
	return t_exit();
}
