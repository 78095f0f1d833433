/* SPDX-License-Identifier: MIT */
/*
 * pin: public key pins in curl's --pinnedpubkey form, "sha256//BASE64",
 * the SHA-256 of a certificate's SubjectPublicKeyInfo.  A pin replaces
 * the CA as the reason to trust: it must match the leaf or a certificate
 * that chains from it.
 */
#ifndef CK_PIN_H
#define CK_PIN_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "x509.h"

/* Pins one run may name: a key and its planned successors. */
#define PIN_MAX 16

struct pin_set {
	size_t n;
	const char *text[PIN_MAX];	/* as given; borrowed, for reports */
	unsigned char sha256[PIN_MAX][32];
};

/*
 * Adds the pin text s ("sha256//" + 44 base64 characters; borrowed: it
 * must outlive set) to set.
 * Returns 0, or -1 with a static one-line reason in *why.
 */
int pin_add(struct pin_set *set, const char *s, const char **why);

/*
 * Whether a pin of set matches the leaf of ch or a certificate that
 * chains from it by issuer and subject.  Returns 0 on a match, else -1
 * with res set to CK_E_PIN_MISMATCH: "sha256//LEAF (leaf), want
 * sha256//FIRST".
 */
int pin_check(const struct pin_set *set, const struct x509_chain *ch,
    struct result *res);

#endif
