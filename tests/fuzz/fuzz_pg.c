/* SPDX-License-Identifier: MIT */
/* fuzz_pg: pg_reply_parse on what a server answers to SSLRequest. */
#include <stdint.h>
#include <string.h>

#include "pg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	unsigned char buf[PG_REPLY_CAP];
	struct result res;

	/* The caller reads at most PG_REPLY_CAP bytes and never calls with
	 * none (recv returning 0 is end of file); a copy of exactly len
	 * bytes lets ASan see any read past them. */
	if (len == 0 || len > sizeof buf) {
		return 0;
	}
	memcpy(buf, data, len);
	memset(&res, 0, sizeof res);
	pg_reply_parse(buf, len, &res);
	res.detail[sizeof res.detail - 1] = '\0';
	(void)strlen(res.detail);
	return 0;
}
