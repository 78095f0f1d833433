/* SPDX-License-Identifier: MIT */
/*
 * fuzz_x509_cert: one DER certificate through our own reader
 * (x509_cert_parse), then everything that reads a parsed certificate:
 * x509_cert_supported, x509_dn_format on its names, x509_ta_describe and
 * x509_check_host with DNS names, IP literals and a wildcard.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "x509.h"
#include "x509_cert.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

static const char *const hosts[] = {
	"localhost", "db.example.test", "a.b.example.test", "127.0.0.1",
	"::1", "2001:db8::1", "example.test", ""
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct x509_cert c;
	struct x509_ta_desc d;
	struct result res;
	unsigned char *der;
	unsigned char *mem;
	char why[128];
	char name[X509_NAME_CAP];
	char tiny[8];
	size_t i;

	/* An exact-size heap copy: ASan catches a read one byte past. */
	der = malloc(len ? len : 1);
	if (der == NULL) {
		return 0;
	}
	memcpy(der, data, len);
	if (x509_cert_parse(der, len, &c) == 0) {
		x509_cert_supported(&c, true, why, sizeof why);
		x509_cert_supported(&c, false, NULL, 0);
		x509_cert_is_self_issued(&c);
		x509_dn_format(c.subject.p, c.subject.len, name, sizeof name);
		x509_dn_format(c.issuer.p, c.issuer.len, tiny, sizeof tiny);
		x509_oid_format(c.sig_oid.p, c.sig_oid.len, tiny, sizeof tiny);
		x509_oid_format(c.key_oid.p, c.key_oid.len, why, sizeof why);
	}
	if (x509_ta_describe(der, len, &d, why, sizeof why) == 0) {
		br_x509_trust_anchor ta;

		mem = malloc(x509_ta_size(&d) + 1);
		if (mem != NULL) {
			x509_ta_copy(&d, mem, &ta);
			free(mem);
		}
	}
	for (i = 0; i < sizeof hosts / sizeof hosts[0]; i++) {
		memset(&res, 0, sizeof res);
		x509_check_host(der, len, hosts[i], &res);
	}
	/* The whole input as a Name, too. */
	x509_dn_format(der, len, name, sizeof name);
	free(der);
	return 0;
}
