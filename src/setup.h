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

/* Frees what st holds. */
void setup_free(struct setup *st);

#endif
