/* SPDX-License-Identifier: MIT */
/*
 * fuzz_input: input_parse on the text of a list (the trimming rule the
 * incremental reader shares), then every SPEC it yields through
 * spec_parse, as the command line would.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "spec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct input in;
	struct spec sp;
	char why[128];
	char *text;
	size_t i;

	text = malloc(len + 1);
	if (text == NULL) {
		return 0;
	}
	memcpy(text, data, len);
	text[len] = '\0';
	memset(&in, 0, sizeof in);
	if (input_parse(&in, text, len, why, sizeof why) == 0) {
		for (i = 0; i < in.n; i++) {
			if (strlen(in.specs[i]) > INPUT_LINE_MAX) {
				abort();	/* a line's copy, bounded */
			}
			spec_parse(in.specs[i], PROTO_TLS, &sp);
		}
	} else if (memchr(why, '\0', sizeof why) == NULL) {
		abort();
	}
	input_free(&in);
	free(text);
	return 0;
}
