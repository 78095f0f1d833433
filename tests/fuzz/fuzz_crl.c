/* SPDX-License-Identifier: MIT */
/*
 * fuzz_crl: one DER CRL through crl_parse and, when it parses, crl_lookup
 * with serials taken from the input itself (its last bytes, with and
 * without a 00 in front) and from every entry (so lookups hit), plus
 * crl_reason_name on what a hit returns.  Every lookup is made twice,
 * walking the entries and through crl_index's sorted index: the two
 * answers must be the same.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

/* The same CRL unindexed (walked) and indexed. */
static struct crl walked;
static struct crl indexed;

static void
lookup(const unsigned char *serial, size_t len)
{
	int64_t when = 0;
	int64_t when_i = 0;
	int reason = -1;
	int reason_i = -1;
	int rc;

	rc = crl_lookup(&walked, serial, len, &when, &reason);
	/* crl_parse checked every entry: lookups never fail after it. */
	if (rc < 0) {
		abort();
	}
	if (rc == 1 && crl_reason_name(reason) == NULL) {
		abort();
	}
	if (crl_lookup(&indexed, serial, len, &when_i, &reason_i) != rc ||
	    when_i != when || reason_i != reason) {
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	unsigned char *der;
	unsigned char serial[9];
	struct crl_ref *refs;
	struct crl c;
	struct rd r;
	struct rd ent;
	struct der_tlv t;
	size_t n;

	/* A copy of exactly len bytes, so ASan sees any read past it. */
	der = malloc(len ? len : 1);
	if (der == NULL) {
		return 0;
	}
	memcpy(der, data, len);
	if (crl_parse(der, len, &c) == 0) {
		if (c.sig_alg.p + c.sig_alg.len > c.sig.p ||
		    c.sig.p + c.sig.len != der + len ||
		    c.tbs.p + c.tbs.len != c.sig_alg.p) {
			abort();
		}
		walked = c;
		indexed = c;
		refs = malloc((c.n_entries + 1) * sizeof *refs);
		if (refs == NULL) {
			free(der);
			return 0;
		}
		crl_index(&indexed, refs);
		if (c.n_entries > 0 && indexed.by_serial == NULL &&
		    len < 65536) {
			abort();	/* only a serial over 64 KiB walks */
		}
		n = len < 8 ? len : 8;
		serial[0] = 0;
		memcpy(serial + 1, der + len - n, n);
		lookup(serial, n + 1);
		lookup(serial + 1, n);
		lookup(serial, 0);
		/* Each entry's own serial must be found. */
		rd_init(&r, c.revoked.p, c.revoked.len);
		while (r.left > 0 && der_expect(&r, DER_SEQUENCE, &ent) == 0 &&
		    der_read(&ent, &t) == 0) {
			lookup(t.val, t.len);
			if (crl_lookup(&c, t.val, t.len, &(int64_t){ 0 },
			    &(int){ 0 }) != 1) {
				abort();
			}
		}
		free(refs);
	}
	free(der);
	return 0;
}
