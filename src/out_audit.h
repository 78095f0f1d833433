/* SPDX-License-Identifier: MIT */
/*
 * out_audit: how ccheck audit prints its clusters' findings (text, TAP,
 * JSON, Nagios), and the exit status they come to.  The caller owns the
 * struct out_audit, zeroed except format, fail_on and is_quiet.
 */
#ifndef CK_OUT_AUDIT_H
#define CK_OUT_AUDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "audit.h"

enum out_audit_format {
	OUT_AUDIT_TEXT,
	OUT_AUDIT_TAP,
	OUT_AUDIT_JSON,
	OUT_AUDIT_NAGIOS
};

struct out_audit {
	enum out_audit_format format;
	enum audit_sev fail_on;		/* --fail-on */
	bool is_quiet;			/* text: hide findings below fail_on */
	size_t n_clusters;
	size_t n_tests;			/* TAP */
	size_t count[AUDIT_CRITICAL + 1];	/* findings per severity */
	enum audit_sev worst_sev;	/* Nagios: the first of the worst */
	char worst_text[PGCONF_PATH_CAP + AUDIT_TEXT_CAP];
};

/* Opens the output (JSON's object). */
void out_audit_begin(struct out_audit *oa);

/* Prints one cluster's findings and counts them. */
void out_audit_cluster(struct out_audit *oa, const struct audit_cluster *ac);

/*
 * Closes the output (text's summary, TAP's plan, JSON's totals, Nagios's
 * status line) and returns the exit status: 2 when any finding is at or
 * above fail_on, else 0; Nagios: 2 with a critical finding, 1 with a
 * warning, else 0.
 */
int out_audit_end(struct out_audit *oa);

#endif
