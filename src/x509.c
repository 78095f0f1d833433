/* SPDX-License-Identifier: MIT */
/*
 * x509: the capturing X.509 class used during the handshake, and dates
 * as text and days.  Capture only copies what the server sends, so a
 * bad certificate never aborts the handshake in a way the server logs;
 * x509_path.c decides the copy afterwards.
 */
#include <string.h>

#include "fmt.h"
#include "x509.h"
#include "x509_cert.h"

static struct x509_capture *
cap_of(const br_x509_class **ctx)
{
	return (struct x509_capture *)(void *)ctx;
}

static void
cap_start_chain(const br_x509_class **ctx, const char *server_name)
{
	struct x509_capture *xc = cap_of(ctx);

	(void)server_name;	/* names are checked after the handshake */
	xc->chain->n = 0;
	xc->chain->used = 0;
	xc->err = CK_E_OK;
	xc->why[0] = '\0';
	xc->cert_idx = -1;
	xc->is_leaf_ok = false;
}

static void
cap_start_cert(const br_x509_class **ctx, uint32_t length)
{
	struct x509_capture *xc = cap_of(ctx);
	struct x509_chain *ch = xc->chain;

	xc->cert_idx++;
	if (xc->err != CK_E_OK) {
		return;
	}
	if (ch->n >= X509_CERTS_MAX || length > X509_CHAIN_CAP - ch->used) {
		xc->err = CK_E_CHAIN_TOO_BIG;
		return;
	}
	ch->off[ch->n] = ch->used;
	ch->len[ch->n] = 0;
	ch->n++;
}

static void
cap_append(const br_x509_class **ctx, const unsigned char *buf, size_t len)
{
	struct x509_capture *xc = cap_of(ctx);
	struct x509_chain *ch = xc->chain;

	if (xc->err != CK_E_OK || ch->n == 0) {
		return;
	}
	/* BearSSL promises the chunks add up to start_cert's length, which
	 * fitted; checked anyway, since a broken promise would overflow. */
	if (len > X509_CHAIN_CAP - ch->used) {
		xc->err = CK_E_CHAIN_TOO_BIG;
		return;
	}
	memcpy(ch->buf + ch->used, buf, len);
	ch->used += len;
	ch->len[ch->n - 1] += len;
}

static void
cap_end_cert(const br_x509_class **ctx)
{
	(void)ctx;	/* the leaf is read whole, in end_chain */
}

/*
 * The leaf's key for the handshake, read by our own certificate parser
 * from the captured copy (the verdict parses the same bytes later), so
 * BearSSL's streaming decoder is not linked: 3 KB, and it read past a
 * table on dates split across records (tests/unit/test_regress.c).
 */
static unsigned
cap_end_chain(const br_x509_class **ctx)
{
	struct x509_capture *xc = cap_of(ctx);
	struct x509_cert c;

	if (xc->err == CK_E_OK && xc->chain->n == 0) {
		xc->err = CK_E_NO_CERT;
	}
	if (xc->err == CK_E_CHAIN_TOO_BIG) {
		return BR_ERR_X509_LIMIT_EXCEEDED;
	}
	if (xc->err == CK_E_NO_CERT) {
		return BR_ERR_X509_EMPTY_CHAIN;
	}
	if (x509_cert_parse(xc->chain->buf + xc->chain->off[0],
	    xc->chain->len[0], &c) < 0) {
		xc->err = CK_E_X509_MALFORMED;
		return BR_ERR_X509_INVALID_VALUE;
	}
	if (x509_cert_supported(&c, X509_CHECK_KEY, xc->why,
	    sizeof xc->why) < 0) {
		xc->err = CK_E_X509_UNSUPPORTED;
		return BR_ERR_X509_UNSUPPORTED;
	}
	/* sig.c verifies Ed25519, BearSSL's handshake cannot use it. */
	if (c.key_type == X509_KEYTYPE_ED25519) {
		fmt_snprintf(xc->why, sizeof xc->why, "public key algorithm "
		    "Ed25519");
		xc->err = CK_E_X509_UNSUPPORTED;
		return BR_ERR_X509_UNSUPPORTED;
	}
	/* Pointers into the chain, which outlives the handshake. */
	x509_cert_pkey(&c, &xc->pkey);
	xc->is_leaf_ok = true;
	return 0;
}

static const br_x509_pkey *
cap_get_pkey(const br_x509_class *const *ctx, unsigned *usages)
{
	const struct x509_capture *xc;

	xc = (const struct x509_capture *)(const void *)ctx;
	if (usages != NULL) {
		*usages = BR_KEYTYPE_KEYX | BR_KEYTYPE_SIGN;
	}
	return xc->is_leaf_ok ? &xc->pkey : NULL;
}

static const br_x509_class capture_vtable = {
	sizeof(struct x509_capture),
	cap_start_chain,
	cap_start_cert,
	cap_append,
	cap_end_cert,
	cap_end_chain,
	cap_get_pkey
};

/* see x509.h */
void
x509_capture_init(struct x509_capture *xc, struct x509_chain *chain)
{
	memset(xc, 0, sizeof *xc);
	xc->vtable = &capture_vtable;
	xc->chain = chain;
	cap_start_chain(&xc->vtable, NULL);
}

/* Floor division, so times before 1970 land on the right day. */
static int64_t
floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Writes v as exactly n decimal digits, zero-padded. */
static void
put_digits(char *out, unsigned v, unsigned n)
{
	while (n-- > 0) {
		out[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* see x509.h */
void
x509_time_format(int64_t t, char out[21])
{
	/* Howard Hinnant's civil_from_days, the inverse of
	 * x509_days_from_civil. */
	int64_t z = floor_div(t, 86400);
	int64_t secs = t - z * 86400;
	int64_t era;
	int64_t doe;
	int64_t yoe;
	int64_t doy;
	int64_t mp;
	int64_t y;
	int64_t m;
	int64_t d;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y = yoe + era * 400 + (m <= 2);
	if (y < 0 || y > 9999) {
		/* Not a date a certificate can hold; keep the 20 chars. */
		memcpy(out, "****-**-**T**:**:**Z", 21);
		return;
	}
	put_digits(out, (unsigned)y, 4);
	out[4] = '-';
	put_digits(out + 5, (unsigned)m, 2);
	out[7] = '-';
	put_digits(out + 8, (unsigned)d, 2);
	out[10] = 'T';
	put_digits(out + 11, (unsigned)(secs / 3600), 2);
	out[13] = ':';
	put_digits(out + 14, (unsigned)(secs / 60 % 60), 2);
	out[16] = ':';
	put_digits(out + 17, (unsigned)(secs % 60), 2);
	out[19] = 'Z';
	out[20] = '\0';
}

/* see x509.h */
long
x509_days_left(int64_t t, int64_t now)
{
	return (long)((t - now) / 86400);
}
