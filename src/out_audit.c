/* SPDX-License-Identifier: MIT */
/*
 * out_audit: ccheck audit's findings in the run's format: text (a
 * header per cluster, one line per finding), TAP (one test per finding,
 * "not ok" at or above --fail-on), JSON (one object, the schema in the
 * README) and Nagios (one status line, the worst finding first).
 */
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "out.h"
#include "out_audit.h"

/* "file:line", "file", or "" when there is no file. */
static void
put_where(const struct audit_finding *f)
{
	if (f->file[0] == '\0') {
		return;
	}
	fmt_printf(f->line > 0 ? "%s:%u: " : "%s: ", f->file, f->line);
}

/* A text or TAP line: no newline or control byte may split it. */
static void
put_line(const char *s)
{
	for (; *s != '\0'; s++) {
		putchar((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s);
	}
}

static void
text_finding(const struct out_audit *oa, const struct audit_finding *f)
{
	if (oa->is_quiet && f->sev < oa->fail_on) {
		return;
	}
	fmt_printf("  %-8s %s ", audit_sev_name(f->sev), f->id);
	put_where(f);
	put_line(f->text);
	if (f->advice[0] != '\0') {
		fputs("; fix: ", stdout);
		put_line(f->advice);
	}
	putchar('\n');
}

static void
tap_finding(struct out_audit *oa, const struct audit_cluster *ac,
    const struct audit_finding *f)
{
	oa->n_tests++;
	fmt_printf("%sok %zu - %s: %s %s ", f->sev >= oa->fail_on ? "not " :
	    "", oa->n_tests, ac->config, audit_sev_name(f->sev), f->id);
	put_where(f);
	put_line(f->text);
	putchar('\n');
}

static void
json_finding(const struct audit_finding *f, bool is_first)
{
	fmt_printf("%s{\"severity\":", is_first ? "" : ",");
	out_json_str(stdout, audit_sev_name(f->sev));
	fputs(",\"id\":", stdout);
	out_json_str(stdout, f->id);
	fputs(",\"file\":", stdout);
	if (f->file[0] != '\0') {
		out_json_str(stdout, f->file);
	} else {
		fputs("null", stdout);
	}
	fmt_printf(",\"line\":%u,\"message\":", f->line);
	out_json_str(stdout, f->text);
	fputs(",\"advice\":", stdout);
	if (f->advice[0] != '\0') {
		out_json_str(stdout, f->advice);
	} else {
		fputs("null", stdout);
	}
	putchar('}');
}

/* Each setting read, with the file and line that set it. */
static void
json_settings(const struct pgconf *pc)
{
	const struct pgconf_value *v;
	bool is_first = true;
	size_t k;

	fputs(",\"settings\":{", stdout);
	for (k = 0; pc != NULL && k < PGCONF__COUNT; k++) {
		v = &pc->v[k];
		if (!v->is_set) {
			continue;
		}
		fmt_printf("%s\"%s\":{\"value\":", is_first ? "" : ",",
		    pgconf_key_name((enum pgconf_key)k));
		out_json_str(stdout, v->text);
		fputs(",\"file\":", stdout);
		out_json_str(stdout, pgconf_file(&pc->log, v->at));
		fmt_printf(",\"line\":%u}", v->at.line);
		is_first = false;
	}
	putchar('}');
}

/* see out_audit.h */
void
out_audit_begin(struct out_audit *oa)
{
	if (oa->format == OUT_AUDIT_JSON) {
		fputs("{\"clusters\":[", stdout);
	}
}

/* see out_audit.h */
void
out_audit_cluster(struct out_audit *oa, const struct audit_cluster *ac)
{
	const struct audit_finding *f;
	size_t i;

	for (i = 0; i < ac->n; i++) {
		f = &ac->f[i];
		oa->count[f->sev]++;
		if (oa->worst_text[0] == '\0' || f->sev > oa->worst_sev) {
			oa->worst_sev = f->sev;
			fmt_snprintf(oa->worst_text, sizeof oa->worst_text,
			    "%s: %s", ac->config, f->text);
		}
	}
	switch (oa->format) {
	case OUT_AUDIT_TEXT:
		fmt_printf("%s", oa->n_clusters > 0 ? "\n" : "");
		put_line(ac->config);
		if (ac->data_dir[0] != '\0') {
			fputs(" (data directory ", stdout);
			put_line(ac->data_dir);
			putchar(')');
		}
		putchar('\n');
		for (i = 0; i < ac->n; i++) {
			text_finding(oa, &ac->f[i]);
		}
		break;
	case OUT_AUDIT_TAP:
		for (i = 0; i < ac->n; i++) {
			tap_finding(oa, ac, &ac->f[i]);
		}
		break;
	case OUT_AUDIT_JSON:
		fmt_printf("%s{\"config\":", oa->n_clusters > 0 ? "," : "");
		out_json_str(stdout, ac->config);
		fputs(",\"data_directory\":", stdout);
		if (ac->data_dir[0] != '\0') {
			out_json_str(stdout, ac->data_dir);
		} else {
			fputs("null", stdout);
		}
		fputs(",\"findings\":[", stdout);
		for (i = 0; i < ac->n; i++) {
			json_finding(&ac->f[i], i == 0);
		}
		fmt_printf("],\"dropped\":%zu", ac->n_dropped);
		json_settings(ac->conf);
		putchar('}');
		break;
	default:
		break;
	}
	oa->n_clusters++;
}

/* see out_audit.h */
int
out_audit_end(struct out_audit *oa)
{
	static const char *const state[] = { "OK", "WARNING", "CRITICAL" };
	bool is_failed = (oa->fail_on <= AUDIT_CRITICAL &&
	    oa->count[AUDIT_CRITICAL] > 0) || (oa->fail_on <= AUDIT_WARNING &&
	    oa->count[AUDIT_WARNING] > 0) || (oa->fail_on <= AUDIT_INFO &&
	    oa->count[AUDIT_INFO] > 0);
	int st = oa->count[AUDIT_CRITICAL] > 0 ? 2 :
	    oa->count[AUDIT_WARNING] > 0 ? 1 : 0;
	const char *s;

	switch (oa->format) {
	case OUT_AUDIT_TEXT:
		fmt_printf("%s%zu cluster%s: %zu critical, %zu warning, %zu "
		    "info\n", oa->n_clusters > 0 ? "\n" : "", oa->n_clusters,
		    oa->n_clusters == 1 ? "" : "s", oa->count[AUDIT_CRITICAL],
		    oa->count[AUDIT_WARNING], oa->count[AUDIT_INFO]);
		break;
	case OUT_AUDIT_TAP:
		fmt_printf("1..%zu\n", oa->n_tests);
		break;
	case OUT_AUDIT_JSON:
		fmt_printf("],\"critical\":%zu,\"warning\":%zu,\"info\":%zu,"
		    "\"fail_on\":\"%s\",\"failed\":%s}\n",
		    oa->count[AUDIT_CRITICAL], oa->count[AUDIT_WARNING],
		    oa->count[AUDIT_INFO], audit_sev_name(oa->fail_on),
		    is_failed ? "true" : "false");
		break;
	case OUT_AUDIT_NAGIOS:
		fmt_printf("CCHECK AUDIT %s - %zu critical, %zu warning, %zu "
		    "info", state[st], oa->count[AUDIT_CRITICAL],
		    oa->count[AUDIT_WARNING], oa->count[AUDIT_INFO]);
		if (st > 0) {
			fputs(": ", stdout);
			for (s = oa->worst_text; *s != '\0'; s++) {
				putchar(*s == '|' ? '/' :
				    (unsigned char)*s < 0x20 ? '?' : *s);
			}
		}
		fmt_printf(" | critical=%zu;;;0 warning=%zu;;;0 info=%zu;;;0\n",
		    oa->count[AUDIT_CRITICAL], oa->count[AUDIT_WARNING],
		    oa->count[AUDIT_INFO]);
		return st;
	}
	return is_failed ? 2 : 0;
}
