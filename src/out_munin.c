/* SPDX-License-Identifier: MIT */
/*
 * out_munin: munin plugin mode, as Go's ccheck has it.  When munin-node
 * runs us (MUNIN_VERSION is set), the SPECs and thresholds come from the
 * environment its plugin-conf.d sets: pg_spec, tls_spec, starttls_spec
 * (blank-separated SPECs) and their *_list files (one SPEC a line), with
 * title, category, max_life, warning, critical, num_workers, per_host,
 * root_certs, client_cert, client_key and client_key_password_file.
 * "config" describes the graph; no argument fetches: "LABEL.value DAYS",
 * or "LABEL.value U" and "LABEL.extinfo WHY" when a SPEC failed, exit
 * status 0 either way (munin-node plugins exit 0 once they fetched).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "input.h"
#include "out.h"
#include "setup.h"

/* A munin field name: "v" + protocol + SPEC, alphanumerics and "_". */
#define LABEL_CAP (SPEC_HOST_CAP + 32)
#define LINE_CAP 512

/* The three environment lists and the protocol each one speaks. */
static const struct {
	const char *var;
	enum proto proto;
} sources[] = {
	{ "pg_spec", PROTO_POSTGRES },
	{ "tls_spec", PROTO_TLS },
	{ "starttls_spec", PROTO_STARTTLS_AUTO },
};

#define N_SOURCES (sizeof sources / sizeof sources[0])

struct munin {
	struct input in[N_SOURCES];	/* one list per protocol */
	char *env_copy[N_SOURCES];	/* blank-separated lists, split */
	struct spec *specs;
	size_t n;
};

/* Whole number from the environment, or def when unset or not a number. */
static unsigned long
env_num(const char *name, unsigned long def)
{
	const char *v = getenv(name);
	unsigned long n;

	if (v == NULL || spec_parse_ulong(v, 1, 100000, &n) < 0) {
		return def;
	}
	return n;
}

static const char *
env_str(const char *name, const char *def)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0' ? v : def;
}

static void
label_of(const struct spec *sp, char *out, size_t cap)
{
	size_t o = 0;
	const char *p;

	o = (size_t)fmt_snprintf(out, cap, "v%s_", proto_name(sp->proto));
	for (p = sp->text; *p != '\0' && o + 1 < cap; p++) {
		char c = *p;

		if (c >= 'A' && c <= 'Z') {
			c = (char)(c - 'A' + 'a');
		} else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
			c = '_';
		}
		out[o++] = c;
	}
	out[o] = '\0';
}

/* One munin field per SPEC: a SPEC in a list and a variable counts once. */
static bool
is_listed(const struct munin *m, const struct spec *sp)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		if (m->specs[i].proto == sp->proto &&
		    strcmp(m->specs[i].text, sp->text) == 0) {
			return true;
		}
	}
	return false;
}

/* Gathers every SPEC of the environment.  Returns 0, or -1 with why. */
static int
gather(struct munin *m, char *why, size_t cap)
{
	size_t i;
	size_t k;
	char list_var[32];
	char *copy;
	char *p;

	for (i = 0; i < N_SOURCES; i++) {
		const char *v = getenv(sources[i].var);

		fmt_snprintf(list_var, sizeof list_var, "%s_list",
		    sources[i].var);
		if (input_load(&m->in[i], getenv(list_var), why, cap) < 0) {
			return -1;
		}
		if (v == NULL) {
			continue;
		}
		copy = strdup(v);
		if (copy == NULL) {
			fmt_snprintf(why, cap, "out of memory");
			return -1;
		}
		m->env_copy[i] = copy;
		for (p = copy; *p != '\0'; p++) {
			if (*p == ' ' || *p == '\t') {
				*p = '\n';
			}
		}
		if (input_parse(&m->in[i], copy, strlen(copy), why, cap) < 0) {
			return -1;
		}
		m->n += m->in[i].n;
	}
	m->specs = calloc(m->n ? m->n : 1, sizeof *m->specs);
	if (m->specs == NULL) {
		fmt_snprintf(why, cap, "out of memory");
		return -1;
	}
	m->n = 0;
	for (i = 0; i < N_SOURCES; i++) {
		for (k = 0; k < m->in[i].n; k++) {
			const char *bad = spec_parse(m->in[i].specs[k],
			    sources[i].proto, &m->specs[m->n]);

			if (bad != NULL) {
				fmt_snprintf(why, cap,
				    "%s: invalid spec \"%s\": %s",
				    sources[i].var, m->in[i].specs[k], bad);
				return -1;
			}
			m->n += !is_listed(m, &m->specs[m->n]);
		}
	}
	return 0;
}

static void
config(const struct munin *m)
{
	unsigned long warning = env_num("warning", 20);
	unsigned long critical = env_num("critical", 5);
	char label[LABEL_CAP];
	size_t i;

	fmt_printf("graph_title %s\n", env_str("title",
	    "Remaining TLS Certificate Life"));
	fmt_printf("graph_args --base 1000 -l 0 -u %lu\n",
	    env_num("max_life", 90));
	fmt_printf("graph_category %s\n", env_str("category", "security"));
	fmt_printf("graph_info Days left before the first certificate on each "
	    "verified path expires.\n");
	fmt_printf("graph_scale no\ngraph_vlabel Days left\n");
	for (i = 0; i < m->n; i++) {
		label_of(&m->specs[i], label, sizeof label);
		fmt_printf("%s.label %s %s\n", label,
		    proto_name(m->specs[i].proto), m->specs[i].text);
		fmt_printf("%s.info Status of %s using %s\n", label,
		    m->specs[i].text, proto_name(m->specs[i].proto));
		fmt_printf("%s.type GAUGE\n", label);
		fmt_printf("%s.warning %lu:\n", label, warning);
		fmt_printf("%s.critical %lu:\n", label, critical);
	}
}

static void
fetch_report(void *ctx, size_t i, const struct spec *sp,
    const struct report *rep)
{
	char label[LABEL_CAP];
	char line[LINE_CAP];

	(void)ctx;
	(void)i;
	label_of(sp, label, sizeof label);
	if (rep->res.err == CK_E_OK) {
		fmt_printf("%s.value %ld\n", label, rep->verdict.days_left);
		return;
	}
	fmt_printf("%s.value U\n", label);
	fmt_printf("%s.extinfo %s\n", label,
	    result_format(&rep->res, line, sizeof line));
}

/* The loop's source: m's specs, whose texts live until out_munin ends. */
struct munin_feed {
	const struct munin *m;
	size_t next;
};

static int
munin_next(void *ctx, struct loop_spec *out)
{
	struct munin_feed *f = ctx;

	if (f->next == f->m->n) {
		return -1;
	}
	memset(out, 0, sizeof *out);
	out->spec = f->m->specs[f->next++];
	return 1;
}

/* Fetches every SPEC of m: "FIELD.value" lines.  Returns the status. */
static int
fetch(struct munin *m)
{
	struct loop_opts lo;
	struct setup_files files;
	struct setup st;
	struct munin_feed feed;
	char why[RESULT_DETAIL_CAP + 128];
	const char *crl;
	memset(&lo, 0, sizeof lo);
	memset(&files, 0, sizeof files);
	files.root_certs = env_str("root_certs", NULL);
	files.root_certs_name = "root_certs";
	files.crls = &crl;
	files.n_crls = (crl = env_str("crl", NULL)) != NULL;
	files.crl_name = "crl";
	files.client_cert = env_str("client_cert", NULL);
	files.client_key = env_str("client_key", files.client_cert);
	files.client_key_password_file = env_str("client_key_password_file",
	    NULL);
	files.client_key_password_name = "client_key_password_file";
	if (setup_load(&st, &files, &lo, why, sizeof why) < 0) {
		fmt_fprintf(stderr, "ccheck: munin: %s\n", why);
		return 1;
	}
	feed.m = m;
	feed.next = 0;
	lo.next = munin_next;
	lo.next_ctx = &feed;
	lo.per_host = env_num("per_host", LOOP_PER_HOST);
	lo.num_workers = setup_workers(env_num("num_workers", 1) < m->n ?
	    env_num("num_workers", 1) : m->n, why, sizeof why);
	if (why[0] != '\0') {
		fmt_fprintf(stderr, "ccheck: munin: num_workers %lu %s\n",
		    env_num("num_workers", 1), why);
	}
	lo.timeout_ms = 10000;
	/* A failed SPEC is its value U and its extinfo: munin judges the
	 * values against the thresholds; the plugin itself succeeded. */
	loop_run(&lo, fetch_report, NULL);
	fflush(stdout);
	setup_free(&st);
	return 0;
}

/* see out.h */
int
out_munin(int argc, char **argv)
{
	struct munin m;
	char why[RESULT_DETAIL_CAP + 128];
	int status;
	size_t i;

	memset(&m, 0, sizeof m);
	if (argc > 2 || (argc == 2 && strcmp(argv[1], "config") != 0)) {
		fmt_fprintf(stderr, "ccheck: munin mode takes no argument or "
		    "\"config\"\n");
		return 1;
	}
	if (gather(&m, why, sizeof why) < 0) {
		fmt_fprintf(stderr, "ccheck: munin: %s\n", why);
		status = 1;
	} else if (argc == 2) {
		config(&m);
		status = 0;
	} else {
		status = fetch(&m);
	}
	for (i = 0; i < N_SOURCES; i++) {
		input_free(&m.in[i]);
		free(m.env_copy[i]);
	}
	free(m.specs);
	return status;
}
