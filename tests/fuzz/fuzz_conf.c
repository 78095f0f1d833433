/* SPDX-License-Identifier: MIT */
/*
 * fuzz_conf: conf_parse on a whole ccheck.toml, and duration_parse on
 * the same bytes.  An error must be one terminated line naming the
 * file; a success must leave every string field terminated.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "duration.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static struct conf c;
	char why[256];
	uint32_t ms;

	conf_init(&c);
	if (conf_parse((const char *)data, len, "f", &c, why, sizeof why) <
	    0) {
		if (strncmp(why, "f:", 2) != 0 || strchr(why, '\n') != NULL) {
			abort();
		}
	} else if (strlen(c.bind) >= sizeof c.bind ||
	    strlen(c.prefix) >= sizeof c.prefix ||
	    strlen(c.root_certs_pem) >= sizeof c.root_certs_pem ||
	    c.workers < 1 || c.workers > 4096 || c.allow.n > ALLOW_MAX) {
		abort();
	}
	if (duration_parse((const char *)data, len, &ms) == 0 && len == 0) {
		abort();
	}
	return 0;
}
