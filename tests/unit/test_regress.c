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
#include "t_tls.h"
#include "x509.h"

#define CORPUS "tests/fuzz/corpus/"

static unsigned char input[X509_CHAIN_CAP];
static unsigned char message[X509_CHAIN_CAP];
static struct t_conn conn;		/* big: keep off the stack */

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
 * is "20=001010000 00Z", sent split in small records.  BearSSL 0.6's
 * br_x509_decoder read 400+ bytes past its month table (UBSan: index 614
 * out of bounds for t0_datablock[186], x509_decoder.c:639) when the old
 * capture class fed it in chunks.  Now our client reassembles the
 * Certificate message and reads the leaf with our own parser: the
 * handshake must fail with "malformed", the chain kept for the verdict.
 * Replayed as a TLS 1.2 server would send it, in 7-byte records.
 */
static void
decoder_split_date(void)
{
	static const unsigned char sh[] = {
		HS_SERVER_HELLO, 0, 0, 45, 3, 3,
		1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
		17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
		0, 0xc0, 0x2f, 0, 0, 5, 0xff, 1, 0, 1, 0
	};
	size_t len = slurp(CORPUS "fuzz_verify/crash-bearssl-decoder-split-date");
	size_t leaf = der_len(input, len);
	struct put w;
	size_t msg;
	size_t list;

	if (len == 0 || t_conn_start(&conn, 0x0301, SPEC_TLS13) < 0) {
		return;
	}
	put_init(&w, message, sizeof message);
	put_u8(&w, HS_CERTIFICATE);
	msg = put_open(&w, 3);
	list = put_open(&w, 3);
	put_u24(&w, leaf);
	put_bytes(&w, input, leaf);
	put_close(&w, list, 3);
	put_close(&w, msg, 3);
	t_conn_records(&conn, REC_HANDSHAKE, sh, sizeof sh, 16384);
	t_conn_records(&conn, REC_HANDSHAKE, message, w.len, 7);
	CHECK_INT(t_conn_step(&conn), TLS_FAIL, "split bad date: fails");
	CHECK_INT(conn.res.err, CK_E_X509_MALFORMED,
	    "split bad date: malformed");
	CHECK_INT(conn.s.cap_err, CK_E_X509_MALFORMED,
	    "split bad date: the chain's problem");
	CHECK_INT(conn.chain.n, 1, "split bad date: leaf kept");
	CHECK(conn.chain.len[0] == leaf &&
	    memcmp(conn.chain.buf, input, leaf) == 0);
	t_conn_end(&conn);
}

int
main(void)
{
	decoder_split_date();
	return t_exit();
}
