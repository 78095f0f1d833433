/* SPDX-License-Identifier: MIT */
/*
 * fuzz_verify: x509_verify on a chain split from the input (concatenated
 * DER certificates, as a server's Certificate message carries them), with
 * the test roots of tests/unit/data as anchors, under three policies:
 * full verification of "localhost", of an IP literal, and --skip-verify.
 * Also hands the same certificates to cert_take as the server's
 * Certificate message, as the handshake does.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "pem.h"
#include "spec.h"
#include "tls_int.h"
#include "x509.h"

/* 2030-01-01T00:00:00Z, inside the fixtures' validity windows. */
#define NOW INT64_C(1893456000)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

static struct anchor_set anchors;
static struct x509_chain chain;
static struct x509_chain taken;
static struct tls_sess sess;

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

/*
 * The same certificates as the server's Certificate message, in the TLS
 * 1.2 and 1.3 forms, through cert_take: what the handshake does with
 * them (compacted in place, the leaf's key checked).
 */
static void
take(const struct x509_chain *ch, unsigned version)
{
	struct result res;
	struct put w;
	size_t msg;
	size_t list;
	size_t i;

	memset(&sess, 0, offsetof(struct tls_sess, buf));
	sess.version = version;
	sess.chain = &taken;
	put_init(&w, taken.buf, sizeof taken.buf);
	put_u8(&w, HS_CERTIFICATE);
	msg = put_open(&w, 3);
	if (version == SPEC_TLS13) {
		put_u8(&w, 0);
	}
	list = put_open(&w, 3);
	for (i = 0; i < ch->n; i++) {
		put_u24(&w, ch->len[i]);
		put_bytes(&w, ch->buf + ch->off[i], ch->len[i]);
		if (version == SPEC_TLS13) {
			put_u16(&w, 0);
		}
	}
	put_close(&w, list, 3);
	put_close(&w, msg, 3);
	if (w.bad) {
		return;		/* the driver refuses it before cert_take */
	}
	memset(&res, 0, sizeof res);
	(void)cert_take(&sess, taken.buf, w.len, &res);
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
	take(&chain, 0x0303);
	take(&chain, SPEC_TLS13);
	return 0;
}
