/* SPDX-License-Identifier: MIT */
/* fuzz_dn: x509_dn_format on a DER Name, into a roomy and a tiny buffer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "x509.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char out[X509_NAME_CAP];
	char tiny[5];
	unsigned char *dn;

	dn = malloc(len ? len : 1);
	if (dn == NULL) {
		return 0;
	}
	memcpy(dn, data, len);
	x509_dn_format(dn, len, out, sizeof out);
	if (strlen(out) >= sizeof out) {
		abort();
	}
	x509_dn_format(dn, len, tiny, sizeof tiny);
	if (strlen(tiny) >= sizeof tiny) {
		abort();
	}
	free(dn);
	return 0;
}
