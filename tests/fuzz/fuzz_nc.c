/* SPDX-License-Identifier: MIT */
/*
 * fuzz_nc: random bytes as a nameConstraints extension value
 * (x509_nc_parse, then x509_nc_check against fixed leaves of
 * tests/unit/data, as a leaf and as an intermediate), and the same bytes
 * as a leaf's subject Name against fixed constraints (the canonical
 * directoryName comparison, emailAddress and CN checks).  The why text
 * must always be NUL-terminated within its buffer.  Run from the
 * repository root, as make fuzz does.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pem.h"
#include "x509.h"
#include "x509_cert.h"
#include "x509_nc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

/* Leaves with every kind of name the fixtures have. */
static const char *const leaves[] = {
	"nc-05", "nc-10", "nc-19", "nc-31", "nc-35", "nc-41", "nc-44",
	"nc-45", "nc-51", "nc-57", "nc-59", "nc-61"
};
/* Intermediates whose constraints meet fuzzed subjects. */
static const char *const ints[] = {
	"nc-int-dir", "nc-int-dns", "nc-int-email", "nc-int-mixed"
};

#define N_LEAVES (sizeof leaves / sizeof leaves[0])
#define N_INTS (sizeof ints / sizeof ints[0])

static struct x509_chain chains[N_LEAVES + N_INTS];
static struct x509_cert certs[N_LEAVES + N_INTS];
static struct x509_nc ncs[N_INTS];

static void
load_all(void)
{
	static int is_loaded;
	struct result res;
	char path[128];
	size_t i;

	if (is_loaded) {
		return;
	}
	for (i = 0; i < N_LEAVES + N_INTS; i++) {
		strcpy(path, "tests/unit/data/");
		strcat(path, i < N_LEAVES ? leaves[i] : ints[i - N_LEAVES]);
		strcat(path, ".pem");
		memset(&res, 0, sizeof res);
		if (pem_load_chain(path, &chains[i], &res) < 0 ||
		    chains[i].n != 1 || x509_cert_parse(chains[i].buf,
		    chains[i].len[0], &certs[i]) < 0) {
			abort();	/* not run from the repository root */
		}
		if (i >= N_LEAVES && x509_nc_parse(
		    certs[i].name_constraints.p, certs[i].name_constraints.len,
		    &ncs[i - N_LEAVES]) < 0) {
			abort();
		}
	}
	is_loaded = 1;
}

static void
check(const struct x509_nc *nc, const struct x509_cert *c, bool is_leaf)
{
	char why[160];
	char tiny[6];
	int rc;

	rc = x509_nc_check(nc, c, is_leaf, why, sizeof why);
	if (rc > 0 || rc < X509_NC_MALFORMED || strlen(why) >= sizeof why ||
	    (rc != X509_NC_OK && why[0] == '\0')) {
		abort();
	}
	if (x509_nc_check(nc, c, is_leaf, tiny, sizeof tiny) != rc ||
	    strlen(tiny) >= sizeof tiny ||
	    x509_nc_check(nc, c, is_leaf, NULL, 0) != rc) {
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct x509_nc nc;
	struct x509_cert c;
	unsigned char *buf;
	size_t i;

	load_all();
	buf = malloc(len ? len : 1);
	if (buf == NULL) {
		return 0;
	}
	memcpy(buf, data, len);
	if (x509_nc_parse(buf, len, &nc) == 0) {
		for (i = 0; i < N_LEAVES; i++) {
			check(&nc, &certs[i], true);
			check(&nc, &certs[i], false);
		}
	}
	for (i = 0; i < N_INTS; i++) {
		c = certs[0];
		c.subject.p = buf;
		c.subject.len = len;
		check(&ncs[i], &c, true);
	}
	free(buf);
	return 0;
}
