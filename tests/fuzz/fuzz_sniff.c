/* SPDX-License-Identifier: MIT */
/*
 * fuzz_sniff: sniff_reply on what a server answers to a ClientHello,
 * with the PostgreSQL ErrorResponse parser under it.  The first byte
 * picks is_hinted; the rest is the answer.
 */
#include <stdint.h>
#include <string.h>

#include "sniff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	unsigned char buf[SNIFF_CAP];
	struct result res;

	/* The caller peeks at most SNIFF_CAP bytes and never calls with
	 * none; a copy of exactly len bytes lets ASan see any read past. */
	if (len < 2 || len - 1 > sizeof buf) {
		return 0;
	}
	memcpy(buf, data + 1, len - 1);
	memset(&res, 0, sizeof res);
	if (sniff_reply(buf, len - 1, data[0] & 1, &res) < 0 &&
	    res.err != CK_E_NOT_TLS) {
		__builtin_trap();
	}
	res.detail[sizeof res.detail - 1] = '\0';
	(void)strlen(res.detail);
	return 0;
}
