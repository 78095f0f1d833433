/* SPDX-License-Identifier: MIT */
/*
 * x509_info: one certificate as text for the JSON and chain reports.
 */
#include <stdio.h>
#include <string.h>

#include <bearssl.h>

#include "ip.h"
#include "x509_cert.h"
#include "x509_info.h"

/* GeneralName tags (RFC 5280 4.2.1.6): [2] dNSName, [7] iPAddress. */
#define GN_DNS 0x82
#define GN_IP 0x87

static void
hex(char *out, size_t cap, const unsigned char *p, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;
	size_t o = 0;

	for (i = 0; i < len && o + 2 < cap; i++) {
		out[o++] = digits[p[i] >> 4];
		out[o++] = digits[p[i] & 15];
	}
	out[o] = '\0';
	if (i < len && cap >= 4) {
		memcpy(out + cap - 4, "...", 4);
	}
}

/* RFC 4648 base64 with padding: 32 bytes make 44 characters. */
static void
base64(char *out, const unsigned char *p, size_t len)
{
	static const char a[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i;
	size_t o = 0;

	for (i = 0; i + 2 < len; i += 3) {
		out[o++] = a[p[i] >> 2];
		out[o++] = a[(p[i] & 3) << 4 | p[i + 1] >> 4];
		out[o++] = a[(p[i + 1] & 15) << 2 | p[i + 2] >> 6];
		out[o++] = a[p[i + 2] & 63];
	}
	if (len - i == 1) {
		out[o++] = a[p[i] >> 2];
		out[o++] = a[(p[i] & 3) << 4];
		out[o++] = '=';
		out[o++] = '=';
	} else if (len - i == 2) {
		out[o++] = a[p[i] >> 2];
		out[o++] = a[(p[i] & 3) << 4 | p[i + 1] >> 4];
		out[o++] = a[(p[i + 1] & 15) << 2];
		out[o++] = '=';
	}
	out[o] = '\0';
}

static void
sha256(const unsigned char *p, size_t len, unsigned char out[32])
{
	br_sha256_context ctx;

	br_sha256_init(&ctx);
	br_sha256_update(&ctx, p, len);
	br_sha256_out(&ctx, out);
}

/* see x509_info.h */
int
x509_info_fill(const unsigned char *der, size_t len, struct x509_info *out)
{
	struct x509_cert c;
	unsigned char h[32];

	memset(out, 0, sizeof *out);
	if (x509_cert_parse(der, len, &c) < 0) {
		return -1;
	}
	x509_dn_format(c.subject.p, c.subject.len, out->subject,
	    sizeof out->subject);
	x509_dn_format(c.issuer.p, c.issuer.len, out->issuer,
	    sizeof out->issuer);
	/* DER's sign byte is not part of the number (openssl drops it). */
	while (c.serial.len > 1 && c.serial.p[0] == 0) {
		c.serial.p++;
		c.serial.len--;
	}
	hex(out->serial, sizeof out->serial, c.serial.p, c.serial.len);
	x509_sig_alg_format(&c, out->sig_alg, sizeof out->sig_alg);
	x509_key_format(&c, out->key, sizeof out->key);
	out->is_ca = c.is_ca;
	out->not_before = c.not_before;
	out->not_after = c.not_after;
	sha256(der, len, h);
	hex(out->sha256, sizeof out->sha256, h, sizeof h);
	sha256(c.spki.p, c.spki.len, h);
	base64(out->spki_sha256, h, sizeof h);
	hex(out->spki_sha256_hex, sizeof out->spki_sha256_hex, h, sizeof h);
	return 0;
}

/* see x509_info.h */
size_t
x509_info_names(const unsigned char *der, size_t len, bool is_ip,
    x509_name_fn fn, void *ctx)
{
	struct x509_cert c;
	struct rd san;
	struct der_tlv gn;
	char text[X509_NAME_CAP];
	size_t n = 0;

	if (x509_cert_parse(der, len, &c) < 0 || c.san.p == NULL) {
		return 0;
	}
	rd_init(&san, c.san.p, c.san.len);
	while (san.left > 0 && der_read(&san, &gn) == 0) {
		if (!is_ip && gn.tag == GN_DNS) {
			ck_escape(text, sizeof text, gn.val, gn.len);
			fn(ctx, n++, text);
		} else if (is_ip && gn.tag == GN_IP &&
		    ip_format(gn.val, gn.len, text, sizeof text) != NULL) {
			fn(ctx, n++, text);
		}
	}
	return n;
}
