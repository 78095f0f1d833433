/* SPDX-License-Identifier: MIT */
/*
 * fuzz_pem: pem_each_cert on a PEM file's text (a --root-certs bundle or
 * a PEM target), every certificate found then through x509_cert_parse
 * and x509_ta_describe as pem_load_anchors does.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pem.h"
#include "x509_cert.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

static unsigned char tmp[X509_CHAIN_CAP];

static int
each(void *ctx, const unsigned char *der, size_t len, struct result *res)
{
	struct x509_cert c;
	struct x509_ta_desc d;
	size_t *n = ctx;

	(void)res;
	x509_cert_parse(der, len, &c);
	x509_ta_describe(der, len, &d, NULL, 0);
	return ++*n < 64 ? 0 : -1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct result res;
	unsigned char *pem;
	size_t n = 0;

	pem = malloc(len ? len : 1);
	if (pem == NULL) {
		return 0;
	}
	memcpy(pem, data, len);
	memset(&res, 0, sizeof res);
	pem_each_cert(pem, len, tmp, sizeof tmp, each, &n, &res);
	/* A small buffer: certificates larger than it must fail cleanly. */
	memset(&res, 0, sizeof res);
	pem_each_cert(pem, len, tmp, 300, each, &n, &res);
	free(pem);
	return 0;
}
