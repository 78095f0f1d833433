/* SPDX-License-Identifier: MIT */
/*
 * out_tap: TAP version 13, one test point per SPEC in input order, the
 * plan last (the count is known only at the end of an input file).
 */
#include <stdio.h>

#include "fmt.h"
#include "out.h"

static void
tap_begin(const struct out_opts *o, size_t n)
{
	(void)o;
	(void)n;
	fmt_printf("TAP version 13\n");
}

static void
tap_report(const struct out_opts *o, size_t i, const struct spec *sp,
    const struct report *rep)
{
	char line[OUT_SUMMARY_CAP];
	long long ms = (long long)rep->elapsed_ms;

	(void)o;
	out_summary(rep, false, line, sizeof line);
	if (rep->res.err != CK_E_OK) {
		fmt_printf("not ok %zu - %s %s\n", i + 1, sp->text, line);
		return;
	}
	/* Integer milliseconds as S.SSS: no floating point in output. */
	fmt_printf("ok %zu - %s %s (took %lld.%03lld secs)\n", i + 1,
	    sp->text, line, ms / 1000, ms % 1000);
}

static void
tap_end(const struct out_opts *o, size_t n)
{
	(void)o;
	fmt_printf("1..%zu\n", n);
	fflush(stdout);
}

/* see out.h */
const struct out_format out_tap = { tap_begin, tap_report, tap_end };
