/* SPDX-License-Identifier: MIT */
/*
 * out_ready: --ready, pg_isready's lines with the certificate verdict.
 * "SPEC - accepting connections (certificate ok, expires in N days)" and
 * "rejecting connections", "no response", "no attempt" on stdout, as
 * pg_isready prints them; the reason of any failure on stderr, as
 * "SPEC: REASON" (a certificate failure prints only that line).
 * --quiet keeps the reasons only.
 */
#include <stdio.h>

#include "fmt.h"
#include "out.h"

/* A reason line: the message text plus a SAN list or a quoted reply. */
#define LINE_CAP 512

static void
ready_begin(const struct out_opts *o, size_t n)
{
	(void)o;
	(void)n;
}

static void
ready_report(const struct out_opts *o, size_t i, const struct spec *sp,
    const struct report *rep)
{
	char line[LINE_CAP];
	char who[X509_NAME_CAP + 32];
	char note[OUT_VERIFIED_CAP];
	const char *state;

	(void)i;
	switch (rep->ready) {
	case PG_READY_ACCEPTING:
		state = "accepting connections";
		break;
	case PG_READY_REJECTING:
		state = "rejecting connections";
		break;
	case PG_READY_NO_RESPONSE:
		state = "no response";
		break;
	default:
		/* Not reached: the probe failed before, or not PostgreSQL. */
		state = rep->res.err == CK_E_OK ? "no attempt" :
		    ck_err_is_no_response(rep->res.err) ? "no response" :
		    NULL;
		break;
	}
	if (state != NULL && !o->is_quiet) {
		fmt_printf("%s - %s", sp->text, state);
		if (rep->ready != PG_READY_NONE && rep->has_verdict) {
			fmt_printf(" (certificate ok, expires in %ld days%s%s)",
			    rep->verdict.days_left,
			    out_who(rep, who, sizeof who),
			    out_verified(rep, "; ", "", note, sizeof note));
		}
		putchar('\n');
	}
	if (rep->res.err != CK_E_OK) {
		fflush(stdout);
		fmt_fprintf(stderr, "%s: %s%s\n", sp->text,
		    result_format(&rep->res, line, sizeof line),
		    out_verified(rep, " (", ")", note, sizeof note));
	}
}

static void
ready_end(const struct out_opts *o, size_t n)
{
	(void)o;
	(void)n;
	fflush(stdout);
}

/* see out.h */
const struct out_format out_ready = {
	ready_begin,
	ready_report,
	ready_end
};
