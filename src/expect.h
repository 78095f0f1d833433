/* SPDX-License-Identifier: MIT */
/*
 * expect: --expect-cert, the "renewed but not reloaded" check.  The
 * certificate a server serves is compared with the one on disk (the
 * ssl_cert_file of postgresql.conf); loaded once at startup into one heap
 * allocation owned here (expect_free).
 */
#ifndef CK_EXPECT_H
#define CK_EXPECT_H

#include <stddef.h>

#include "err.h"
#include "x509.h"
#include "x509_info.h"

struct expect {
	const char *path;		/* borrowed, for the reason */
	unsigned char *der;		/* the file's first certificate */
	size_t len;
	char serial[X509_SERIAL_HEX_CAP];
};

/* Loads the first certificate of PEM file path.  Returns 0, or -1 with a
 * one-line reason in why. */
int expect_load(struct expect *e, const char *path, char *why, size_t cap);

/*
 * 0 when the leaf of ch is byte for byte the expected certificate, else -1
 * with res set to CK_E_CERT_CHANGED naming both serials.
 */
int expect_check(const struct expect *e, const struct x509_chain *ch,
    struct result *res);

/* Frees what expect_load allocated. */
void expect_free(struct expect *e);

#endif
