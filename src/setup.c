/* SPDX-License-Identifier: MIT */
/*
 * setup: a run's files, loaded once for main and Munin mode alike.
 */
#include <string.h>

#include "anchors.h"
#include "fmt.h"
#include "pem.h"
#include "setup.h"

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
		if (identity_load(&st->id, f->client_cert, f->client_key, text,
		    sizeof text) < 0) {
			fmt_snprintf(why, cap, "client certificate: %s", text);
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
