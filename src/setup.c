/* SPDX-License-Identifier: MIT */
/*
 * setup: a run's files, loaded once for main and Munin mode alike.
 */
#include <string.h>

#include "anchors.h"
#include "fmt.h"
#include "pem.h"
#include "keyfile.h"
#include "setup.h"

/* The client certificate, with the key's password read, used, wiped. */
static int
load_identity(struct setup *st, const struct setup_files *f, char *why,
    size_t cap)
{
	char pw[KEYFILE_PASSWORD_MAX + 1];
	char text[RESULT_DETAIL_CAP + 256];
	int rc;

	pw[0] = '\0';
	if (f->client_key_password_file != NULL &&
	    identity_read_password(f->client_key_password_file, pw,
	    sizeof pw, text, sizeof text) < 0) {
		fmt_snprintf(why, cap, "%s %s", f->client_key_password_name,
		    text);
		return -1;
	}
	rc = identity_load(&st->id, f->client_cert, f->client_key, pw, text,
	    sizeof text);
	explicit_bzero(pw, sizeof pw);
	if (rc < 0) {
		fmt_snprintf(why, cap, "client certificate: %s", text);
	}
	return rc;
}

/* see setup.h */
int
setup_load(struct setup *st, const struct setup_files *f,
    struct loop_opts *lo, char *why, size_t cap)
{
	char text[RESULT_DETAIL_CAP + 64];
	struct result res;
	size_t i;

	memset(st, 0, sizeof *st);
	lo->anchors = &ck_anchors;
	if (f->root_certs != NULL) {
		memset(&res, 0, sizeof res);
		if (pem_load_anchors(f->root_certs, &st->anchors, &res) < 0) {
			fmt_snprintf(why, cap, "%s %s: %s", f->root_certs_name,
			    f->root_certs, result_format(&res, text,
			    sizeof text));
			return -1;
		}
		st->has_anchors = true;
		lo->anchors = &st->anchors;
	}
	for (i = 0; i < f->n_crls; i++) {
		memset(&res, 0, sizeof res);
		if (crl_set_add(&st->crls, f->crls[i], &res) < 0) {
			fmt_snprintf(why, cap, "%s %s: %s", f->crl_name,
			    f->crls[i], result_format(&res, text,
			    sizeof text));
			setup_free(st);
			return -1;
		}
	}
	lo->crls = f->n_crls > 0 ? &st->crls : NULL;
	if (f->client_cert != NULL) {
		if (load_identity(st, f, why, cap) < 0) {
			setup_free(st);
			return -1;
		}
		st->has_id = true;
		lo->identity = &st->id;
	}
	return 0;
}

/* see setup.h */
void
setup_free(struct setup *st)
{
	if (st->has_anchors) {
		pem_anchors_free(&st->anchors);
	}
	crl_set_free(&st->crls);
	if (st->has_id) {
		identity_free(&st->id);
	}
	memset(st, 0, sizeof *st);
}
