/* SPDX-License-Identifier: MIT */
/*
 * test_regress: one case for every crash or sanitizer report the fuzzers
 * found (make fuzz); each input is also kept in tests/fuzz/corpus/NAME/
 * under a name starting with "crash-".  A case replays the input the way
 * its harness did and checks that the outcome is a reason, not a fault;
 * under make check-asan a regression shows up as a sanitizer abort.
 */
#include <stdio.h>
#include <stdlib.h>

#include "t.h"
#include "x509.h"

#define CORPUS "tests/fuzz/corpus/"

static unsigned char input[X509_CHAIN_CAP];
static struct x509_chain captured;

static size_t
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	if (f == NULL) {
		t_report(0, __FILE__, __LINE__, path, "cannot open");
		return 0;
	}
	n = fread(input, 1, sizeof input, f);
	fclose(f);
	return n;
}

/* Length of the DER element at p from its header (long form 1-4 bytes). */
static size_t
der_len(const unsigned char *p, size_t len)
{
	size_t body = 0;
	size_t i;
	unsigned nb;

	if (len < 2) {
		return len;
	}
	if (p[1] < 0x80) {
		return p[1] + 2u <= len ? p[1] + 2u : len;
	}
	nb = p[1] & 0x7f;
	if (nb == 0 || nb > 4 || len < 2u + nb) {
		return len;
	}
	for (i = 0; i < nb; i++) {
		body = body << 8 | p[2 + i];
	}
	return body <= len - 2 - nb ? 2 + nb + body : len;
}

/*
 * fuzz_verify, crash-bearssl-decoder-split-date: a leaf whose notBefore
 * is "20=001010000 00Z", handed to the capture class in small chunks (as
 * TLS records may split it).  BearSSL 0.6's br_x509_decoder read 400+
 * bytes past its month table (UBSan: index 614 out of bounds for
 * t0_datablock[186], x509_decoder.c:639).  The capture now reads the
 * leaf's key with our own parser; the verdict must be "malformed".
 */
static void
decoder_split_date(void)
{
	struct x509_capture xc;
	const br_x509_class **vt;
	size_t len = slurp(CORPUS "fuzz_verify/crash-bearssl-decoder-split-date");
	size_t leaf = der_len(input, len);
	size_t off;
	size_t step;
	unsigned br;

	if (len == 0) {
		return;
	}
	x509_capture_init(&xc, &captured);
	vt = &xc.vtable;
	(*vt)->start_chain(vt, "localhost");
	(*vt)->start_cert(vt, (uint32_t)leaf);
	for (off = 0; off < leaf; off += step) {
		step = leaf - off < 7 ? leaf - off : 7;
		(*vt)->append(vt, input + off, step);
	}
	(*vt)->end_cert(vt);
	br = (*vt)->end_chain(vt);
	CHECK(br != 0);
	CHECK_INT(xc.err, CK_E_X509_MALFORMED, "split bad date: malformed");
	CHECK((*vt)->get_pkey(vt, NULL) == NULL);
}

int
main(void)
{
	decoder_split_date();
	return t_exit();
}
