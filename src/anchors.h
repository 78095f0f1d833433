/* SPDX-License-Identifier: MIT */
/*
 * anchors: the trust anchors compiled into ccheck.  The definition is
 * generated at build time by src/host/mkanchors.c from a PEM bundle
 * (CA_BUNDLE) into $(B)/anchors.c; see the Makefile.
 */
#ifndef CK_ANCHORS_H
#define CK_ANCHORS_H

#include "x509.h"

/* Every CA of the bundle that BearSSL can represent, with its notAfter. */
extern const struct x509_anchors ck_anchors;

#endif
