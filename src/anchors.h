/* SPDX-License-Identifier: MIT */
/*
 * anchors: the trust anchors compiled into ccheck.  The definition is
 * generated at build time by src/host/mkanchors.c from a PEM bundle
 * (CA_BUNDLE) into $(B)/anchors.c; see the Makefile.
 */
#ifndef CK_ANCHORS_H
#define CK_ANCHORS_H

#include "anchor.h"

/*
 * Every CA of the bundle that BearSSL can represent, with its notAfter,
 * as one const array of records (anchor.h) in bundle order.
 */
extern const struct anchor_set ck_anchors;

#endif
