/* SPDX-License-Identifier: MIT */
/*
 * pgspec: the SPEC texts of a run as struct specs.  Plain SPECs go
 * through spec_parse; libpq connection strings (pgconn) become one spec
 * per host, with --postgres semantics, and the PG* variables fill what
 * they, and plain --postgres SPECs, leave out.  Files follow libpq's
 * rules (which may be missing, ~/.postgresql's defaults for connection
 * strings: see the README).  Each distinct root file is loaded once
 * (pem_load_anchors), each distinct certificate/key pair once
 * (identity_load), and the specs borrow them.
 * Startup only.  This module owns everything it allocates (the spec
 * array, the masked texts, anchors and identities); it lives until exit.
 */
#ifndef CK_PGSPEC_H
#define CK_PGSPEC_H

#include <stddef.h>

#include "pgconn.h"
#include "spec.h"

/*
 * Parses the n texts (borrowed: they must outlive the specs) into a heap
 * array *out of *n_out specs (n_out >= n).  proto is the run's protocol
 * for plain SPECs; env (NULL: none) holds the PG* variables the command
 * line did not override.  A spec's text is the original, or for a
 * connection string a copy with passwords masked.  Returns 0, or -1 with
 * a one-line reason in why (cap bytes) naming the SPEC (masked).
 */
int pgspec_build(char **texts, size_t n, enum proto proto,
    const struct pgconn_env *env, struct spec **out, size_t *n_out,
    char *why, size_t cap);

#endif
