/* SPDX-License-Identifier: MIT */
/*
 * fuzz_pgconf: pgconf_parse on a whole postgresql.conf (includes are not
 * followed: is_no_files).  Every kept value and problem must be
 * NUL-terminated within its buffer, every line within the text, and the
 * counts within their bounds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pgconf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static struct pgconf pc;
	size_t lines = 1;
	size_t i;

	for (i = 0; i < len; i++) {
		lines += data[i] == '\n';
	}
	pgconf_init(&pc);
	pc.log.is_no_files = true;
	pgconf_parse(&pc, "f", (const char *)data, len, 0);
	if (pc.log.n_files != 1 || pc.log.n_problems > PGCONF_PROBLEMS_MAX) {
		abort();
	}
	for (i = 0; i < PGCONF__COUNT; i++) {
		if (memchr(pc.v[i].text, '\0', sizeof pc.v[i].text) == NULL ||
		    (pc.v[i].is_set && (pc.v[i].at.file != 0 ||
		    pc.v[i].at.line < 1 || pc.v[i].at.line > lines))) {
			abort();
		}
	}
	for (i = 0; i < pc.log.n_problems; i++) {
		if (memchr(pc.log.problems[i].text, '\0',
		    sizeof pc.log.problems[i].text) == NULL ||
		    pc.log.problems[i].at.line > lines) {
			abort();
		}
	}
	return 0;
}
