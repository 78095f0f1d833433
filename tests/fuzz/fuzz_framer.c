/* SPDX-License-Identifier: MIT */
/*
 * fuzz_framer: the preamble state machines (starttls.h) fed a server's
 * bytes.  The first input byte picks the protocol; after that each read
 * takes a length byte and then that many bytes (at most what framer_in
 * offers), so splits across reads are explored too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "starttls.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

static struct framer fr;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	enum framer_want w;
	struct result res;
	const unsigned char *out;
	unsigned char *in;
	size_t olen;
	size_t cap;
	size_t n;
	int steps = 0;

	if (len < 1) {
		return 0;
	}
	memset(&res, 0, sizeof res);
	w = framer_start(&fr, (enum proto)(data[0] % PROTO__COUNT),
	    "db.example.test", &res);
	data++;
	len--;
	while (w == FRAMER_WRITE || w == FRAMER_READ) {
		if (++steps > 100000) {
			abort();	/* a framer that never decides */
		}
		if (w == FRAMER_WRITE) {
			out = framer_out(&fr, &olen);
			if (olen == 0 || olen > FRAMER_OUT_CAP) {
				abort();
			}
			(void)out[olen - 1];
			w = framer_sent(&fr, olen);
			continue;
		}
		if (len == 0) {
			framer_eof(&fr, &res);
			break;
		}
		in = framer_in(&fr, &cap);
		if (cap == 0) {
			abort();	/* the contract says at least 1 byte */
		}
		n = data[0] == 0 ? len - 1 : data[0];
		data++;
		len--;
		if (n > len) {
			n = len;
		}
		if (n > cap) {
			n = cap;
		}
		if (n == 0) {
			framer_eof(&fr, &res);
			break;
		}
		memcpy(in, data, n);
		data += n;
		len -= n;
		w = framer_received(&fr, n, &res);
	}
	return 0;
}
