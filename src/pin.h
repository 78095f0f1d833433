/* SPDX-License-Identifier: MIT */
/*
 * pin: public key pins in curl's --pinnedpubkey form, "sha256//BASE64",
 * the SHA-256 of a certificate's SubjectPublicKeyInfo.  A pin replaces
 * the CA as the reason to trust: the path validator (x509_path.c) trusts
 * only certificates whose key is pinned, the leaf's or a CA's on a path
 * it validates, signatures included.
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

struct x509_cert;

/* True when the SHA-256 of c's SubjectPublicKeyInfo is a pin of set. */
bool pin_match(const struct pin_set *set, const struct x509_cert *c);

/*
 * Fails res with CK_E_PIN_MISMATCH, "sha256//LEAF (leaf), want
 * sha256//FIRST", for the leaf DER leaf/len.  Returns -1.
 */
int pin_mismatch(const struct pin_set *set, const unsigned char *leaf,
    size_t len, struct result *res);

#endif
