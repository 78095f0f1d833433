/* SPDX-License-Identifier: MIT */
/*
 * expect: comparing the served leaf with a certificate file.
 */
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "pem.h"

static int
keep_first(void *ctx, const unsigned char *der, size_t len,
    struct result *res)
{
	struct expect *e = ctx;

	(void)res;
	if (e->der != NULL) {
		return 0;
	}
	e->der = malloc(len);
	if (e->der == NULL) {
		return result_fail(res, CK_E_FILE, "out of memory");
	}
	memcpy(e->der, der, len);
	e->len = len;
	return 0;
}

/* see expect.h */
int
expect_load(struct expect *e, const char *path, char *why, size_t cap)
{
	unsigned char tmp[X509_CHAIN_CAP];
	struct x509_info info;
	struct result res;
	unsigned char *text;
	size_t len;
	long n;

	memset(e, 0, sizeof *e);
	memset(&res, 0, sizeof res);
	e->path = path;
	if (pem_file_read(path, &text, &len, &res) < 0) {
		result_format(&res, why, cap);
		return -1;
	}
	n = pem_each_cert(text, len, tmp, sizeof tmp, keep_first, e, &res);
	free(text);
	if (n == 0) {
		result_fail(&res, CK_E_PEM_NO_CERT, NULL);
	}
	if (n <= 0 || x509_info_fill(e->der, e->len, &info) < 0) {
		if (res.err == CK_E_OK) {
			result_fail(&res, CK_E_X509_MALFORMED, NULL);
		}
		result_format(&res, why, cap);
		expect_free(e);
		return -1;
	}
	memcpy(e->serial, info.serial, sizeof e->serial);
	return 0;
}

/* see expect.h */
int
expect_check(const struct expect *e, const struct x509_chain *ch,
    struct result *res)
{
	struct x509_info served;

	if (ch->n > 0 && ch->len[0] == e->len &&
	    memcmp(ch->buf + ch->off[0], e->der, e->len) == 0) {
		return 0;
	}
	if (ch->n == 0 || x509_info_fill(ch->buf + ch->off[0], ch->len[0],
	    &served) < 0) {
		return result_fail(res, CK_E_CERT_CHANGED, "%s", e->path);
	}
	return result_fail(res, CK_E_CERT_CHANGED, "%s (serial %s, not %s)",
	    e->path, served.serial, e->serial);
}

/* see expect.h */
void
expect_free(struct expect *e)
{
	free(e->der);
	memset(e, 0, sizeof *e);
}
