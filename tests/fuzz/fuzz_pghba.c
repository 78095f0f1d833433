/* SPDX-License-Identifier: MIT */
/*
 * fuzz_pghba: pghba_parse on a whole pg_hba.conf (includes are not
 * followed: is_no_files).  Every rule's words and every problem must be
 * NUL-terminated, lines within the text, counts within their bounds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pghba.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static struct pghba hb;
	const struct pghba_rule *r;
	size_t lines = 1;
	size_t i;

	for (i = 0; i < len; i++) {
		lines += data[i] == '\n';
	}
	pghba_init(&hb);
	hb.log.is_no_files = true;
	pghba_parse(&hb, "f", (const char *)data, len, 0);
	if (hb.n_rules > PGHBA_RULES_MAX ||
	    hb.log.n_problems > PGCONF_PROBLEMS_MAX) {
		abort();
	}
	for (i = 0; i < hb.n_rules; i++) {
		r = &hb.rules[i];
		if (memchr(r->address, '\0', sizeof r->address) == NULL ||
		    memchr(r->method, '\0', sizeof r->method) == NULL ||
		    memchr(r->clientcert, '\0', sizeof r->clientcert) == NULL ||
		    r->method[0] == '\0' || r->at.line < 1 ||
		    r->at.line > lines || (r->type == PGHBA_LOCAL &&
		    r->address[0] != '\0')) {
			abort();
		}
	}
	for (i = 0; i < hb.log.n_problems; i++) {
		if (memchr(hb.log.problems[i].text, '\0',
		    sizeof hb.log.problems[i].text) == NULL ||
		    hb.log.problems[i].at.line > lines) {
			abort();
		}
	}
	return 0;
}
