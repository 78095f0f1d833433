/* SPDX-License-Identifier: MIT */
/*
 * fuzz_verify: x509_verify on a chain split from the input (concatenated
 * DER certificates, as a server's Certificate message carries them), with
 * the test roots of tests/unit/data as anchors, under three policies:
 * full verification of "localhost", of an IP literal, and --skip-verify.
 * Also feeds the same certificates through the capturing X.509 class the
 * handshake uses, in chunks, as BearSSL would.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "pem.h"
#include "x509.h"

/* 2030-01-01T00:00:00Z, inside the fixtures' validity windows. */
#define NOW INT64_C(1893456000)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

static struct anchor_set anchors;
static struct x509_chain chain;
static struct x509_chain captured;

/*
 * The roots the unit tests trust, all in one file made by the Makefile
 * (FUZZ_ANCHORS); loaded once.
 */
static void
load_anchors(void)
{
	struct result res;
	const char *path = getenv("FUZZ_ANCHORS");

	if (anchors.n != 0) {
		return;
	}
	memset(&res, 0, sizeof res);
	if (path == NULL || pem_load_anchors(path, &anchors, &res) < 0) {
		fprintf(stderr, "fuzz_verify: set FUZZ_ANCHORS to a PEM "
		    "file of roots (%s)\n", ck_strerror(res.err));
		exit(1);
	}
}

static void
capture(const struct x509_chain *ch)
{
	struct x509_capture xc;
	const br_x509_class **vt;
	size_t i;
	size_t off;
	size_t step;
	unsigned usages;

	x509_capture_init(&xc, &captured);
	vt = &xc.vtable;
	(*vt)->start_chain(vt, "localhost");
	for (i = 0; i < ch->n; i++) {
		(*vt)->start_cert(vt, (uint32_t)ch->len[i]);
		/* Uneven chunks, as records split a certificate. */
		for (off = 0; off < ch->len[i]; off += step) {
			step = 1 + (off * 7 + i) % 300;
			if (step > ch->len[i] - off) {
				step = ch->len[i] - off;
			}
			(*vt)->append(vt, ch->buf + ch->off[i] + off, step);
		}
		(*vt)->end_cert(vt);
	}
	(*vt)->end_chain(vt);
	(*vt)->get_pkey(vt, &usages);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static const char *const hosts[] = { "localhost", "127.0.0.1" };
	struct x509_policy pol;
	struct x509_verdict v;
	struct result res;
	size_t i;

	load_anchors();
	fuzz_chain_from(data, len, &chain);
	if (chain.n == 0) {
		return 0;
	}
	for (i = 0; i < 3; i++) {
		memset(&pol, 0, sizeof pol);
		pol.anchors = &anchors;
		pol.host = hosts[i % 2];
		pol.is_skip_verify = i == 2;
		pol.now = NOW;
		memset(&res, 0, sizeof res);
		memset(&v, 0, sizeof v);
		x509_verify(&chain, &pol, &v, &res);
	}
	capture(&chain);
	return 0;
}
