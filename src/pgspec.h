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
 * Called for each SPEC as it is read.  This module owns the files it
 * loads (anchors, identities, CRLs: at most PGSPEC_FILES_MAX), kept for
 * the run; a SPEC's own text and names are copied into its loop_spec.
 */
#ifndef CK_PGSPEC_H
#define CK_PGSPEC_H

#include <stddef.h>

#include "loop.h"
#include "pgconn.h"
#include "spec.h"

/* A file name: PATH_MAX's usual value. */
#define PGSPEC_PATH_CAP 4096

struct loaded_roots;
struct loaded_id;
struct loaded_crls;

/*
 * Distinct root, certificate/key and CRL files the connection strings
 * of one run may name, together: each loaded one stays until exit, so a
 * long input file naming a new file on every line must not grow memory
 * without bound.
 */
#define PGSPEC_FILES_MAX 64

/* The state of one run's SPECs: the files loaded so far, the PG* ones. */
struct pgspec {
	enum proto proto;		/* of plain SPECs */
	const struct pgconn_env *env;	/* NULL: none */
	struct pgconn envpc;		/* the PGSSL* settings, once read */
	bool has_envpc;
	struct loaded_roots *roots;
	struct loaded_id *ids;
	struct loaded_crls *crls;
	size_t n_loaded;		/* files in the three lists */
	char *why;			/* the caller's, during one call */
	size_t why_cap;
	/* libpq's ~/.postgresql ("" when there is no home, as libpq then
	 * looks for no default file) and which defaults flags replace. */
	char dir[PGSPEC_PATH_CAP];
	unsigned no_defaults;
};

/*
 * Starts ps for a run: proto is the run's protocol for plain SPECs; env
 * (NULL: none; borrowed for the run) holds the PG* variables the command
 * line did not override.
 */
void pgspec_init(struct pgspec *ps, enum proto proto,
    const struct pgconn_env *env);

/*
 * The host-th spec (from 0) of text (borrowed for the call) into *out:
 * a plain SPEC has one, a connection string one per host.  out->text is
 * the text as shown: the original, or for a connection string a copy
 * with passwords masked and, with several hosts, the host added; it is
 * set (cut to fit) even on failure, so the failure can be shown in the
 * SPEC's place.  Files named are loaded once per run and borrowed by
 * out->spec.  Returns the number of specs of text (> host); or -1 when
 * text is no SPEC, with the reason alone in why (cap bytes), never
 * quoting a password; or -2 when the PG* variables are wrong, with why
 * "PG* environment: REASON".
 */
int pgspec_next(struct pgspec *ps, const char *text, size_t host,
    struct loop_spec *out, char *why, size_t cap);

/* Frees what ps loaded (nothing may borrow it any more). */
void pgspec_free(struct pgspec *ps);

#endif
