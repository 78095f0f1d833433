/* SPDX-License-Identifier: MIT */
/*
 * pin: parsing pins and matching them against a captured chain.
 */
#include <string.h>

#include "pem.h"
#include "pin.h"
#include "x509_cert.h"
#include "x509_info.h"

#define PIN_PREFIX "sha256//"
/* 32 bytes in base64 with padding. */
#define PIN_B64_LEN 44

/* see pin.h */
int
pin_add(struct pin_set *set, const char *s, const char **why)
{
	unsigned char *out;
	unsigned long acc = 0;
	size_t bits = 0;
	size_t o = 0;
	size_t i;
	int v;

	const char *whole = s;

	if (strncmp(s, PIN_PREFIX, strlen(PIN_PREFIX)) != 0) {
		*why = "a pin starts with sha256//";
		return -1;
	}
	s += strlen(PIN_PREFIX);
	/* 43 characters carry 258 bits; the 44th is the "=" pad. */
	if (strlen(s) != PIN_B64_LEN || s[PIN_B64_LEN - 1] != '=') {
		*why = "a pin is 44 base64 characters (a SHA-256)";
		return -1;
	}
	if (set->n == PIN_MAX) {
		*why = "too many pins";
		return -1;
	}
	out = set->sha256[set->n];
	for (i = 0; i < PIN_B64_LEN - 1; i++) {
		if ((v = pem_b64_value(s[i])) < 0) {
			*why = "a pin is base64 (A-Z a-z 0-9 + /)";
			return -1;
		}
		acc = acc << 6 | (unsigned long)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (unsigned char)(acc >> bits);
		}
	}
	/* The two bits left over must be zero in a canonical encoding. */
	if ((acc & ((1ul << bits) - 1)) != 0 || o != 32) {
		*why = "not a canonical base64 SHA-256";
		return -1;
	}
	set->text[set->n++] = whole;
	return 0;
}

/* see pin.h */
bool
pin_match(const struct pin_set *set, const struct x509_cert *c)
{
	br_sha256_context h;
	unsigned char d[32];
	size_t i;

	br_sha256_init(&h);
	br_sha256_update(&h, c->spki.p, c->spki.len);
	br_sha256_out(&h, d);
	for (i = 0; i < set->n; i++) {
		if (memcmp(d, set->sha256[i], sizeof d) == 0) {
			return true;
		}
	}
	return false;
}

/* see pin.h */
int
pin_mismatch(const struct pin_set *set, const unsigned char *leaf,
    size_t len, struct result *res)
{
	struct x509_info info;

	x509_info_fill(leaf, len, &info);
	return result_fail(res, CK_E_PIN_MISMATCH, "sha256//%s (leaf), want %s",
	    info.spki_sha256, set->text[0]);
}
