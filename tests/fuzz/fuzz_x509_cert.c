/* SPDX-License-Identifier: MIT */
/*
 * fuzz_x509_cert: one DER certificate through our own reader
 * (x509_cert_parse), then everything that reads a parsed certificate:
 * x509_cert_supported, x509_dn_format on its names, x509_ta_describe and
 * its anchor record read back (anchor_encode and the reader, a packed
 * Name's round trip included), and x509_check_host with DNS names, IP
 * literals and a wildcard.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "anchor.h"
#include "x509.h"
#include "x509_cert.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

static const char *const hosts[] = {
	"localhost", "db.example.test", "a.b.example.test", "127.0.0.1",
	"::1", "2001:db8::1", "example.test", ""
};

/* A record must read back as exactly what was encoded. */
static void
read_back(const struct x509_ta_desc *d, const unsigned char *rec,
    size_t len)
{
	struct anchor_set s;
	struct anchor_iter it;
	struct anchor a;

	if (len == 0) {
		return;
	}
	if (!anchor_record_is(rec, len, d, NULL)) {
		abort();
	}
	anchor_set_init(&s, rec, len);
	anchor_iter_init(&it, &s);
	if (anchor_next(&it, &a) != 1 ||
	    !anchor_dn_eq(&a, d->dn.p, d->dn.len)) {
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct x509_cert c;
	struct x509_ta_desc d;
	struct result res;
	unsigned char *der;
	unsigned char *rec;
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
		x509_cert_supported(&c, X509_CHECK_KEY | X509_CHECK_SIG, why,
		    sizeof why);
		x509_cert_supported(&c, X509_CHECK_KEY, NULL, 0);
		x509_cert_is_self_issued(&c);
		x509_dn_format(c.subject.p, c.subject.len, name, sizeof name);
		x509_dn_format(c.issuer.p, c.issuer.len, tiny, sizeof tiny);
		x509_oid_format(c.sig_oid.p, c.sig_oid.len, tiny, sizeof tiny);
		x509_oid_format(c.key_oid.p, c.key_oid.len, why, sizeof why);
	}
	if (x509_ta_describe(der, len, &d, why, sizeof why) == 0) {
		size_t rec_len = anchor_encode(&d, NULL, 0);

		/* Exact size again, so a read past the record shows. */
		rec = malloc(rec_len ? rec_len : 1);
		if (rec != NULL) {
			read_back(&d, rec, anchor_encode(&d, rec, rec_len));
			free(rec);
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
