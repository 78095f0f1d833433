/* SPDX-License-Identifier: MIT */
/*
 * fuzz: what the libFuzzer harnesses share.  Each harness defines
 * LLVMFuzzerTestOneInput and calls the same entry points as the unit
 * tests; this header only splits an input into DER elements, the way a
 * server's Certificate message is a list of certificates.  Header-only
 * and static, like tests/unit/t.h.
 */
#ifndef CK_FUZZ_H
#define CK_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "x509.h"

/*
 * Length of the DER element starting at p (header and contents), taken
 * from its header, or all of len when the header is broken or claims more
 * than is there: the tail then becomes one last (malformed) certificate.
 */
static size_t __attribute__((unused))
fuzz_der_len(const uint8_t *p, size_t len)
{
	size_t hdr = 2;
	size_t body;
	size_t i;
	unsigned nb;

	if (len < 2) {
		return len;
	}
	if (p[1] < 0x80) {
		body = p[1];
	} else {
		nb = p[1] & 0x7f;
		if (nb == 0 || nb > 4 || len < 2 + (size_t)nb) {
			return len;
		}
		body = 0;
		for (i = 0; i < nb; i++) {
			body = body << 8 | p[2 + i];
		}
		hdr += nb;
	}
	if (body > len - hdr) {
		return len;
	}
	return hdr + body;
}

/*
 * Splits data/len into DER elements and appends each to ch as a
 * certificate, the way the capture class stores what a server sends.
 * Stops at X509_CERTS_MAX or X509_CHAIN_CAP (as the capture does).
 */
static void __attribute__((unused))
fuzz_chain_from(const uint8_t *data, size_t len, struct x509_chain *ch)
{
	size_t n;

	ch->n = 0;
	ch->used = 0;
	while (len > 0 && ch->n < X509_CERTS_MAX) {
		n = fuzz_der_len(data, len);
		if (n > sizeof ch->buf - ch->used) {
			break;
		}
		ch->off[ch->n] = ch->used;
		ch->len[ch->n] = n;
		memcpy(ch->buf + ch->used, data, n);
		ch->used += n;
		ch->n++;
		data += n;
		len -= n;
	}
}

#endif
