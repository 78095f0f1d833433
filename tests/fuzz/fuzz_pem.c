/* SPDX-License-Identifier: MIT */
/*
 * fuzz_pem: pem_each_cert on a PEM file's text (a --root-certs bundle or
 * a PEM target), every certificate found then through x509_cert_parse
 * and x509_ta_describe as pem_load_anchors does; and differentially: our
 * decoder must find the same certificates, and fail where BearSSL's
 * br_pem_decoder (whose grammar it follows) fails.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <bearssl.h>

#include "pem.h"
#include "x509_cert.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

static unsigned char tmp[X509_CHAIN_CAP];

static int
each(void *ctx, const unsigned char *der, size_t len, struct result *res)
{
	struct x509_cert c;
	struct x509_ta_desc d;
	size_t *n = ctx;

	(void)res;
	x509_cert_parse(der, len, &c);
	x509_ta_describe(der, len, &d, NULL, 0);
	return ++*n < 64 ? 0 : -1;
}

/* Every certificate's DER, back to back, and where each ends. */
struct found {
	unsigned char buf[1 << 16];
	size_t len;
	size_t ends[64];
	size_t n;
	bool is_over;
};

static struct found ours;
static struct found theirs;

static int
collect(void *ctx, const unsigned char *der, size_t len, struct result *res)
{
	struct found *f = ctx;

	(void)res;
	if (f->n == 64 || len > sizeof f->buf - f->len) {
		f->is_over = true;
		return -1;
	}
	memcpy(f->buf + f->len, der, len);
	f->len += len;
	f->ends[f->n++] = f->len;
	return 0;
}

static void
br_dest(void *ctx, const void *src, size_t len)
{
	struct found *f = ctx;

	if (len > sizeof f->buf - f->len) {
		f->is_over = true;
		return;
	}
	memcpy(f->buf + f->len, src, len);
	f->len += len;
}

static bool
br_is_cert(const char *name)
{
	size_t n = strlen(name);

	/* What pem.c's name_is accepts; blanks never reach here. */
	while (n > 0 && name[n - 1] == '-') {
		n--;
	}
	return (n == 11 && memcmp(name, "CERTIFICATE", 11) == 0) ||
	    (n == 16 && memcmp(name, "X509 CERTIFICATE", 16) == 0);
}

/* BearSSL's decoder over data and a final newline: 0, or -1 at an error. */
static int
br_decode(const uint8_t *data, size_t len, struct found *f)
{
	br_pem_decoder_context pc;
	bool is_cert = false;
	int pass;

	br_pem_decoder_init(&pc);
	for (pass = 0; pass < 2; pass++) {
		const unsigned char *p = pass == 0 ? data :
		    (const unsigned char *)"\n";
		size_t n = pass == 0 ? len : 1;

		while (n > 0) {
			size_t k = br_pem_decoder_push(&pc, p, n);

			p += k;
			n -= k;
			switch (br_pem_decoder_event(&pc)) {
			case BR_PEM_BEGIN_OBJ:
				is_cert = br_is_cert(br_pem_decoder_name(&pc));
				br_pem_decoder_setdest(&pc, is_cert ? br_dest :
				    NULL, f);
				break;
			case BR_PEM_END_OBJ:
				if (is_cert && f->n < 64) {
					f->ends[f->n++] = f->len;
				} else if (is_cert) {
					f->is_over = true;
				}
				break;
			case BR_PEM_ERROR:
				return -1;
			default:
				break;
			}
		}
	}
	return 0;
}

/*
 * The inputs where the two may differ on purpose: a CR or a long line
 * in a banner (BearSSL counts a CR against its 127-byte name and leaves
 * a stale byte for it); and a block the text ends in, which we refuse
 * ("missing END line") and BearSSL leaves open.
 */
static bool
is_comparable(const uint8_t *data, size_t len)
{
	size_t i;
	size_t line = 0;

	for (i = 0; i < len; i++) {
		if (data[i] == '\r') {
			return false;
		}
		line = data[i] == '\n' ? 0 : line + 1;
		if (line > 100) {
			return false;
		}
	}
	return true;
}

static void
differential(const uint8_t *data, size_t len)
{
	struct result res;
	long got;
	int want;

	if (!is_comparable(data, len)) {
		return;
	}
	memset(&ours, 0, sizeof ours);
	memset(&theirs, 0, sizeof theirs);
	memset(&res, 0, sizeof res);
	got = pem_each_cert(data, len, tmp, sizeof tmp, collect, &ours,
	    &res);
	want = br_decode(data, len, &theirs);
	if (ours.is_over || theirs.is_over) {
		return;
	}
	/* A block cut short: BearSSL has no event for it, we fail. */
	if (got < 0 && res.err != CK_E_PEM_MALFORMED) {
		return;
	}
	if ((got < 0) != (want < 0)) {
		if (got < 0 && want == 0 && strstr(res.detail, "END") != NULL) {
			return;
		}
		abort();
	}
	if (want == 0 && (ours.n != theirs.n || ours.len != theirs.len ||
	    memcmp(ours.buf, theirs.buf, ours.len) != 0 ||
	    memcmp(ours.ends, theirs.ends, ours.n * sizeof ours.ends[0]) !=
	    0)) {
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct result res;
	unsigned char *pem;
	size_t n = 0;

	pem = malloc(len ? len : 1);
	if (pem == NULL) {
		return 0;
	}
	memcpy(pem, data, len);
	memset(&res, 0, sizeof res);
	pem_each_cert(pem, len, tmp, sizeof tmp, each, &n, &res);
	/* A small buffer: certificates larger than it must fail cleanly. */
	memset(&res, 0, sizeof res);
	pem_each_cert(pem, len, tmp, 300, each, &n, &res);
	differential(pem, len);
	free(pem);
	return 0;
}
