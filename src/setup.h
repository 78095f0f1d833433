/* SPDX-License-Identifier: MIT */
/*
 * setup: what a run loads before it probes (a root file, CRLs, a client
 * certificate), shared by the command line (main) and Munin mode, so
 * both trust and revoke alike.  Everything is loaded once, at start.
 */
#ifndef CK_SETUP_H
#define CK_SETUP_H

#include <stdbool.h>
#include <stddef.h>

#include "anchor.h"
#include "crl.h"
#include "identity.h"
#include "loop.h"

/* The files a run names; NULL or 0: none.  *_name: how the user wrote
 * the setting ("--root-certs", "root_certs"), for error messages. */
struct setup_files {
	const char *root_certs;
	const char *root_certs_name;
	const char *const *crls;
	size_t n_crls;
	const char *crl_name;
	const char *client_cert;
	const char *client_key;
	const char *client_key_password_file;	/* NULL: no password */
	const char *client_key_password_name;	/* its flag or setting */
};

/* What setup_load loaded, owned until setup_free. */
struct setup {
	struct anchor_set anchors;
	bool has_anchors;
	struct crl_set crls;
	struct identity id;
	bool has_id;
};

/*
 * Loads f into st and points lo's anchors (the compiled-in ones when f
 * names no root file), crls and identity at it.  Returns 0, or -1 with
 * a one-line reason in why (cap bytes) and nothing left loaded.
 */
int setup_load(struct setup *st, const struct setup_files *f,
    struct loop_opts *lo, char *why, size_t cap);

/*
 * Raises the soft RLIMIT_NOFILE to the hard limit, then returns how many
 * of want workers the descriptors allow (at least 1): a target holds one
 * descriptor at a time, and those already open (stdin, stdout, stderr,
 * any inherited) stay open.  When it caps, writes why ("capped to 37: 40
 * file descriptors, 3 in use", cap bytes) for the caller to print after
 * its own name for the setting; otherwise why is "".
 */
size_t setup_workers(size_t want, char *why, size_t cap);

/* Frees what st holds. */
void setup_free(struct setup *st);

#endif
