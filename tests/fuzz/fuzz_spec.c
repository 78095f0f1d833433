/* SPDX-License-Identifier: MIT */
/*
 * fuzz_spec: spec_parse for each protocol, and the one number parser,
 * on a SPEC as it would come from argv (a C string).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct spec sp;
	unsigned long v;
	char *s;
	int p;

	s = malloc(len + 1);
	if (s == NULL) {
		return 0;
	}
	memcpy(s, data, len);
	s[len] = '\0';
	for (p = 0; p < PROTO__COUNT; p++) {
		if (spec_parse(s, (enum proto)p, &sp) == NULL &&
		    sp.kind == SPEC_KIND_NET) {
			/* Fields must be terminated and within bounds. */
			if (strlen(sp.addr) >= sizeof sp.addr ||
			    strlen(sp.name) >= sizeof sp.name ||
			    sp.port == 0) {
				abort();
			}
		}
	}
	if (spec_parse_ulong(s, 0, 65535, &v) == 0 && v > 65535) {
		abort();
	}
	if (spec_parse_ulong(s, 1, (unsigned long)-1, &v) == 0 && v < 1) {
		abort();
	}
	free(s);
	return 0;
}
