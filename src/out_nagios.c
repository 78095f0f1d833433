/* SPDX-License-Identifier: MIT */
/*
 * out_nagios: --nagios, the Nagios plugin guidelines as Debian's
 * monitoring-plugins follow them: one status line "CCHECK STATE - TEXT |
 * PERFDATA", states OK, WARNING, CRITICAL and UNKNOWN as exit statuses 0
 * to 3, and for several SPECs the long output, one line per SPEC, after
 * it.  The status line depends on every SPEC, so report() gathers the
 * perfdata and the lines in memory and end() prints them all.
 *
 * Thresholds are ranges as the guidelines write them: "30:" alerts below
 * 30 (a plain "30" would alert above 30 days, which Monitoring::Plugin and
 * Icinga read literally).  A SPEC whose days the checks did not accept
 * has the value U.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "out.h"

/* The worst SPEC's "SPEC: SUMMARY" in the status line, cut to fit. */
#define WORST_CAP 1024
/* One SPEC's perfdata values: "-9223372036854775808;36500:;36500:;0;". */
#define VALUES_CAP 64

static const char *const state_name[] = {
	"OK", "WARNING", "CRITICAL", "UNKNOWN"
};

static const char *const count_name[] = {
	"ok", "warning", "critical", "unknown"
};

/* monitoring-plugins' max_state(): CRITICAL, WARNING, UNKNOWN, OK. */
static const unsigned char state_rank[] = { 0, 2, 3, 1 };

static struct {
	FILE *perf;			/* "'LABEL_days'=VALUES" each */
	char *perf_buf;
	size_t perf_len;
	FILE *lines;			/* the long output */
	char *lines_buf;
	size_t lines_len;
	size_t n;
	size_t n_state[4];
	size_t n_noted;			/* out_verified's note: weaker */
	int state;			/* the worst so far */
	bool has_worst_days;
	long worst_days;
	char worst[WORST_CAP];
	char values[VALUES_CAP];	/* the first SPEC's */
	int final;			/* what end() printed */
} ng;

/* Writes s with '|' (perfdata's separator) as '/', control bytes '?'. */
static void
put_clean(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		putc(c == '|' ? '/' : c < 0x20 || c == 0x7f ? '?' : c, f);
	}
}

/* see out.h */
void
out_nagios_label(FILE *f, const char *text)
{
	for (; *text != '\0'; text++) {
		char c = *text;

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || (c != '\0' &&
		    strchr("._:-@[]()/", c) != NULL))) {
			c = '_';
		}
		putc(c, f);
	}
}

static int
state_of(const struct out_opts *o, const struct report *rep)
{
	if (rep->res.err == CK_E_INTERNAL) {
		return OUT_NAGIOS_UNKNOWN;
	}
	if (rep->res.err != CK_E_OK) {
		return OUT_NAGIOS_CRITICAL;
	}
	return rep->verdict.days_left < o->warning_days ?
	    OUT_NAGIOS_WARNING : OUT_NAGIOS_OK;
}

/* "30:" (alert below 30), or "" for no threshold. */
static const char *
range(long days, char *out, size_t cap)
{
	out[0] = '\0';
	if (days > 0) {
		fmt_snprintf(out, cap, "%ld:", days);
	}
	return out;
}

static void
nagios_begin(const struct out_opts *o, size_t n)
{
	(void)o;
	(void)n;
	memset(&ng, 0, sizeof ng);
	/* NULL (no memory) is remembered: end() says UNKNOWN. */
	ng.perf = open_memstream(&ng.perf_buf, &ng.perf_len);
	ng.lines = open_memstream(&ng.lines_buf, &ng.lines_len);
}

static void
nagios_report(const struct out_opts *o, size_t i, const struct spec *sp,
    const struct report *rep)
{
	char line[OUT_SUMMARY_CAP];
	char note[OUT_VERIFIED_CAP];
	char warn[24];
	char crit[24];
	char days[24];
	char values[VALUES_CAP];
	int st = state_of(o, rep);
	bool has_days = out_is_accepted(rep);

	(void)i;
	out_summary(rep, st != OUT_NAGIOS_WARNING, line, sizeof line);
	ng.n++;
	ng.n_state[st]++;
	ng.n_noted += out_verified(rep, "", "", note, sizeof note)[0] != '\0';
	/* The worst state, its first SPEC; fewest days among OK/WARNING. */
	if (ng.n == 1 || state_rank[st] > state_rank[ng.state] ||
	    (st == ng.state && has_days && (!ng.has_worst_days ||
	    rep->verdict.days_left < ng.worst_days) &&
	    st <= OUT_NAGIOS_WARNING)) {
		ng.state = st;
		ng.has_worst_days = has_days;
		ng.worst_days = rep->verdict.days_left;
		fmt_snprintf(ng.worst, sizeof ng.worst, "%s: %s", sp->text,
		    line);
	}
	fmt_snprintf(days, sizeof days, "%ld", rep->verdict.days_left);
	fmt_snprintf(values, sizeof values, "%s;%s;%s;0;",
	    has_days ? days : "U", range(o->warning_days, warn, sizeof warn),
	    range(o->critical_days, crit, sizeof crit));
	if (ng.n == 1) {
		memcpy(ng.values, values, sizeof values);
	}
	if (ng.perf != NULL) {
		fmt_fprintf(ng.perf, "%s'", ng.n > 1 ? " " : "");
		out_nagios_label(ng.perf, sp->text);
		fmt_fprintf(ng.perf, "_days'=%s", values);
	}
	if (ng.lines != NULL && !(o->is_quiet && st == OUT_NAGIOS_OK)) {
		fmt_fprintf(ng.lines, "%s: ", state_name[st]);
		put_clean(ng.lines, sp->text);
		fputs(": ", ng.lines);
		put_clean(ng.lines, line);
		putc('\n', ng.lines);
	}
}

static void
nagios_end(const struct out_opts *o, size_t n)
{
	static const int order[] = {
		OUT_NAGIOS_CRITICAL, OUT_NAGIOS_WARNING, OUT_NAGIOS_UNKNOWN,
		OUT_NAGIOS_OK
	};
	const char *sep = "";
	bool is_oom;
	int st = ng.state;
	size_t k;

	(void)n;
	is_oom = ng.perf == NULL || ng.lines == NULL || fflush(ng.perf) != 0 ||
	    fflush(ng.lines) != 0 || ferror(ng.perf) || ferror(ng.lines);
	if (ng.n == 0 || is_oom || (o->run_error != NULL &&
	    state_rank[st] < state_rank[OUT_NAGIOS_UNKNOWN])) {
		st = OUT_NAGIOS_UNKNOWN;
	}
	fmt_printf("CCHECK %s - ", state_name[st]);
	if (ng.n == 0 || is_oom) {
		fmt_printf("%s\n", ng.n == 0 ? "no SPEC was checked" :
		    "internal error: out of memory");
	} else {
		if (o->run_error != NULL) {
			put_clean(stdout, o->run_error);
			fputs("; ", stdout);
		}
		for (k = 0; k < 4 && ng.n > 1; k++) {
			if (ng.n_state[order[k]] > 0) {
				fmt_printf("%s%zu %s", sep,
				    ng.n_state[order[k]], count_name[order[k]]);
				sep = ", ";
			}
		}
		if (ng.n > 1 && ng.n_noted > 0) {
			fmt_printf(", %zu not verify-full", ng.n_noted);
		}
		fputs(ng.n > 1 ? "; " : "", stdout);
		put_clean(stdout, ng.worst);
		if (ng.n == 1) {
			fmt_printf(" | 'days'=%s\n", ng.values);
		} else {
			fputs(" | ", stdout);
			fwrite(ng.perf_buf, 1, ng.perf_len, stdout);
			putchar('\n');
			fwrite(ng.lines_buf, 1, ng.lines_len, stdout);
		}
	}
	fflush(stdout);
	ng.final = st;
	if (ng.perf != NULL) {
		fclose(ng.perf);
	}
	if (ng.lines != NULL) {
		fclose(ng.lines);
	}
	free(ng.perf_buf);
	free(ng.lines_buf);
}

/* see out.h */
int
out_nagios_state(void)
{
	return ng.final;
}

/* see out.h */
const struct out_format out_nagios = { nagios_begin, nagios_report,
    nagios_end };
