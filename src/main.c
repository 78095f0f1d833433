/* SPDX-License-Identifier: MIT */
/*
 * main: the only exit().  Runs cli, then the probe loop with the chosen
 * output format (and --prometheus's file), and maps the results to the
 * exit status: 0 when every SPEC passed, 2 when any failed or the
 * metrics file could not be written, 1 for usage errors; --ready and
 * --nagios have their own.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "anchors.h"
#include "audit.h"
#include "cli.h"
#include "expect.h"
#include "fmt.h"
#include "identity.h"
#include "feed.h"
#include "loop.h"
#include "out.h"
#include "out_audit.h"
#include "out_promfile.h"
#include "passwd.h"
#include "pem.h"
#include "pgspec.h"
#include "server.h"
#include "setup.h"
#include "tls.h"
#include "verdict.h"
#include "version.h"

enum {
	EXIT_ALL_PASSED = 0,
	EXIT_USAGE = 1,
	EXIT_SOME_FAILED = 2
};

/* --ready: pg_isready's statuses, and ours for a failed check. */
enum {
	EXIT_READY_ACCEPTING = 0,
	EXIT_READY_REJECTING = 1,
	EXIT_READY_NO_RESPONSE = 2,
	EXIT_READY_NO_ATTEMPT = 3,
	EXIT_READY_CERT = 4
};

static int
usage_status(const struct cli *c)
{
	if (c->is_nagios) {
		return OUT_NAGIOS_UNKNOWN;
	}
	return c->is_ready ? EXIT_READY_NO_ATTEMPT : EXIT_USAGE;
}

/* One SPEC's --ready status: its readiness, else why it was not asked. */
static int
ready_status(const struct report *rep)
{
	switch (rep->ready) {
	case PG_READY_ACCEPTING:
		return EXIT_READY_ACCEPTING;
	case PG_READY_REJECTING:
		return EXIT_READY_REJECTING;
	case PG_READY_NO_RESPONSE:
		return EXIT_READY_NO_RESPONSE;
	default:
		if (rep->res.err == CK_E_OK || rep->res.err == CK_E_SPEC ||
		    rep->res.err == CK_E_INPUT) {
			return EXIT_READY_NO_ATTEMPT;	/* not PostgreSQL */
		}
		return ck_err_is_no_response(rep->res.err) ?
		    EXIT_READY_NO_RESPONSE : EXIT_READY_CERT;
	}
}

/*
 * --ready's role and database, as libpq defaults them: --user, PGUSER,
 * the login name; --dbname, PGDATABASE, the role.  Returns 0, or -1 after
 * a usage error.
 */
static int
ready_names(const struct cli *c, const char **user, const char **db)
{
	static char login[PG_NAME_MAX + 1];

	*user = c->user != NULL ? c->user : getenv("PGUSER");
	if (*user == NULL || **user == '\0') {
		if (passwd_name("/etc/passwd", geteuid(), login,
		    sizeof login) < 0) {
			cli_error("--ready: no user name: set --user or PGUSER");
			return -1;
		}
		*user = login;
	}
	/* NULL: each SPEC's role (a connection string may name its own). */
	*db = c->dbname != NULL ? c->dbname : getenv("PGDATABASE");
	if (*db != NULL && **db == '\0') {
		*db = NULL;
	}
	if (strlen(*user) > PG_NAME_MAX ||
	    (*db != NULL && strlen(*db) > PG_NAME_MAX)) {
		cli_error("--ready: user or database name longer than %d bytes",
		    PG_NAME_MAX);
		return -1;
	}
	return 0;
}

/* The output of a run, and what the exit status needs of its reports. */
struct emit {
	const struct out_format *fmt;
	const struct out_opts *opts;
	size_t n;			/* reports shown */
	long expiring;			/* CK_E_EXPIRES_SOON among them */
	int ready_status;		/* --ready: the worst */
	struct out_promfile *prom;	/* NULL: no --prometheus */
};

static void
emit_report(void *ctx, size_t i, const struct spec *sp,
    const struct report *rep)
{
	struct emit *e = ctx;

	e->fmt->report(e->opts, i, sp, rep);
	e->n++;
	e->expiring += rep->res.err == CK_E_EXPIRES_SOON;
	/* Several SPECs: the highest status, the worst news. */
	if (ready_status(rep) > e->ready_status) {
		e->ready_status = ready_status(rep);
	}
	if (e->prom != NULL) {
		out_promfile_add(e->prom, sp, rep);
	}
}

static const struct out_format *
format_of(const struct cli *c)
{
	if (c->cmd == CLI_CHAIN) {
		return &out_chain;
	}
	if (c->is_ready) {
		return &out_ready;
	}
	switch (c->format) {
	case CLI_FORMAT_TAP:
		return &out_tap;
	case CLI_FORMAT_JSON:
		return &out_json;
	case CLI_FORMAT_EXPIRED:
		return &out_expired;
	case CLI_FORMAT_NAGIOS:
		return &out_nagios;
	default:
		return &out_text;
	}
}

static const char *
env_get(const char *name)
{
	return getenv(name);
}

/*
 * The PG* variables of libpq, for connection strings and --postgres
 * SPECs; a variable whose setting a flag makes is left out (the command
 * line wins).
 */
static void
pg_env(const struct cli *c, struct pgconn_env *pe)
{
	pgconn_env_read(pe, env_get);
	if (c->is_skip_verify) {
		pe->sslmode = NULL;
		pe->requiressl = NULL;
	}
	if (c->root_certs != NULL) {
		pe->sslrootcert = NULL;
		pe->no_defaults |= PGCONN_NO_ROOT_DEFAULT;
	}
	if (c->client_cert != NULL) {
		pe->sslcert = NULL;
		pe->sslkey = NULL;
		pe->no_defaults |= PGCONN_NO_CERT_DEFAULT;
	}
	if (c->n_crls > 0) {
		pe->sslcrl = NULL;
		pe->sslcrldir = NULL;
		pe->no_defaults |= PGCONN_NO_CRL_DEFAULT;
	}
}

/*
 * The command line's SPECs, checked before any probe, as libpq refuses a
 * bad connection string before connecting: each must parse, and its TLS
 * version range (its own ends, else the flags', else libpq's defaults)
 * must not have a minimum above the maximum.  *n gets the number of
 * specs they make.  Returns 0, or -1 after a usage error.  (An input
 * file's lines are checked as they are read: a bad one fails in place.)
 */
static int
check_args(const struct cli *c, struct pgspec *ps, const struct loop_opts *lo,
    size_t *n)
{
	static struct loop_spec ls;	/* 5 KiB: not on the stack */
	char why[RESULT_DETAIL_CAP + 512];
	struct result res;
	unsigned min;
	unsigned max;
	size_t i;
	size_t h;
	int rc;

	*n = 0;
	for (i = 0; i < c->n_specs; i++) {
		rc = 1;
		for (h = 0; h < (size_t)rc; h++) {
			rc = pgspec_next(ps, c->specs[i], h, &ls, why,
			    sizeof why);
			if (rc < 0) {
				break;
			}
			memset(&res, 0, sizeof res);
			if (verdict_tls_range(lo, &ls.spec, &min, &max,
			    &res) < 0 && res.err == CK_E_TLS_RANGE) {
				cli_error("%s: %s: minimum %s%s is above "
				    "maximum %s", ls.text, ck_strerror(res.err),
				    tls_version_name(min), ls.spec.tls_min ==
				    0 && lo->tls_min == 0 ? " (libpq's default)"
				    : "", tls_version_name(max));
				return -1;
			}
			(*n)++;
		}
		if (rc == -1) {
			cli_error("invalid spec \"%s\": %s", ls.text, why);
			return -1;
		}
		if (rc < 0) {
			cli_error("%s", why);
			return -1;
		}
	}
	return 0;
}

static int
probe(const struct cli *c)
{
	struct setup_files files;
	struct setup loaded;
	struct expect ex;
	struct loop_opts lo;
	struct out_opts oo;
	struct emit e;
	struct pgspec ps;
	struct out_promfile prom;
	struct pgconn_env pe;
	static struct feed feed;	/* 8 KiB of input buffer */
	char why[RESULT_DETAIL_CAP + 512];
	char prom_why[RESULT_DETAIL_CAP + 512];
	long failed;
	size_t n_args;
	size_t want;

	memset(&lo, 0, sizeof lo);
	files.root_certs = c->root_certs;
	files.root_certs_name = "--root-certs";
	files.crls = c->crls;
	files.n_crls = c->n_crls;
	files.crl_name = "--crl";
	files.client_cert = c->client_cert;
	files.client_key = c->client_key;
	files.client_key_password_file = c->client_key_password_file;
	files.client_key_password_name = "--client-key-password-file";
	if (setup_load(&loaded, &files, &lo, why, sizeof why) < 0) {
		cli_fail("%s", why);
		return usage_status(c);
	}
	if (c->expect_cert != NULL) {
		if (expect_load(&ex, c->expect_cert, why, sizeof why) < 0) {
			cli_fail("--expect-cert %s: %s", c->expect_cert, why);
			return usage_status(c);
		}
		lo.expect = &ex;
	}
	lo.is_partial_chain = c->is_partial_chain;
	lo.dane = c->dane;
	lo.has_at = c->has_at;
	lo.at = c->at;
	lo.pins = &c->pins;
	lo.min_hours = c->min_hours;
	lo.min_remaining_pct = c->min_remaining_pct;
	lo.timeout_ms = (int64_t)c->timeout_s * 1000;
	lo.is_skip_verify = c->is_skip_verify;
	lo.min_days = c->format == CLI_FORMAT_NAGIOS ? c->critical_days :
	    c->min_days;
	lo.pg_neg = c->pg_neg;
	lo.is_ready = c->is_ready;
	lo.tls_min = c->tls_min;
	lo.tls_max = c->tls_max;
	lo.per_host = c->per_host;
	pg_env(c, &pe);
	pgspec_init(&ps, c->proto, &pe);
	/* Opened before the descriptors are counted: it holds one. */
	if (feed_open(&feed, &ps, c->specs, c->n_specs, c->input_file, why,
	    sizeof why) < 0) {
		cli_fail("--input-file %s", why);
		return usage_status(c);
	}
	if (feed_is_empty(&feed)) {
		cli_error("no SPEC given (the input file holds none)");
		return usage_status(c);
	}
	if (check_args(c, &ps, &lo, &n_args) < 0) {
		return usage_status(c);
	}
	if (c->is_ready && ready_names(c, &lo.user, &lo.dbname) < 0) {
		return usage_status(c);
	}
	/* Only the workers the SPECs can use need descriptors; an input
	 * file's length is not known before the end. */
	want = c->num_workers;
	if (c->input_file == NULL && n_args < want) {
		want = n_args;
	}
	lo.num_workers = setup_workers(want, why, sizeof why);
	if (why[0] != '\0') {
		fmt_fprintf(stderr, "ccheck: -n %zu %s\n", c->num_workers, why);
	}
	lo.next = feed_next;
	lo.next_ctx = &feed;
	memset(&oo, 0, sizeof oo);
	oo.is_quiet = c->is_quiet;
	oo.warning_days = c->warning_days;
	oo.critical_days = c->critical_days;
	oo.is_dane = c->dane != DANE_OFF;
	memset(&e, 0, sizeof e);
	e.fmt = format_of(c);
	/* --prometheus shows each certificate of the chain. */
	lo.is_keep_chain = e.fmt == &out_json || e.fmt == &out_chain ||
	    c->prometheus != NULL;
	e.opts = &oo;
	e.prom = NULL;
	/* Last before probing: nothing between here and the commit exits,
	 * so the temporary file is always renamed or removed. */
	if (c->prometheus != NULL) {
		if (out_promfile_open(&prom, c->prometheus, why,
		    sizeof why) < 0) {
			cli_fail("--prometheus: %s", why);
			return usage_status(c);
		}
		e.prom = &prom;
	}

	e.fmt->begin(&oo, 0);
	failed = loop_run(&lo, emit_report, &e);
	feed_close(&feed);
	if (e.prom != NULL && out_promfile_commit(e.prom, prom_why,
	    sizeof prom_why) < 0) {
		/* Nagios shows it in its status line, others on stderr. */
		fmt_snprintf(why, sizeof why, "--prometheus: %s", prom_why);
		oo.run_error = why;
		if (e.fmt != &out_nagios) {
			fflush(stdout);
			cli_fail("%s", why);
		}
		failed++;
	}
	e.fmt->end(&oo, e.n);
	if (e.fmt == &out_nagios) {
		return out_nagios_state();
	}
	if (e.fmt == &out_expired) {
		failed -= e.expiring;
	}
	if (c->is_ready) {
		return e.ready_status;
	}
	return failed > 0 ? EXIT_SOME_FAILED : EXIT_ALL_PASSED;
}

/*
 * ccheck audit: each cluster in turn (one at a time: a cluster's
 * configuration and findings live in static buffers), printed as it is
 * done.  Exit 2 when any finding reaches --fail-on; Nagios's states.
 */
static int
audit(const struct cli *c)
{
	static struct audit_cluster ac;
	static char targets[AUDIT_CLUSTERS_MAX][PGCONF_PATH_CAP];
	struct setup_files files;
	struct setup loaded;
	struct loop_opts lo;
	struct audit_opts ao;
	struct out_audit oa;
	char why[RESULT_DETAIL_CAP + 512];
	size_t n;
	size_t i;

	memset(&files, 0, sizeof files);
	memset(&lo, 0, sizeof lo);
	files.root_certs = c->root_certs;
	files.root_certs_name = "--root-certs";
	if (setup_load(&loaded, &files, &lo, why, sizeof why) < 0) {
		cli_fail("%s", why);
		return usage_status(c);
	}
	memset(&ao, 0, sizeof ao);
	memcpy(ao.names, c->names, sizeof ao.names);
	ao.n_names = c->n_names;
	ao.min_days = c->min_days;
	ao.anchors = lo.anchors;
	ao.now = c->has_at ? c->at : (int64_t)time(NULL);
	ao.timeout_ms = (int64_t)c->timeout_s * 1000;
	audit_host_names(&ao);
	n = c->n_specs;
	if (n == 0) {
		n = audit_default_targets(targets, AUDIT_CLUSTERS_MAX);
		if (n == 0) {
			cli_error("no cluster found: name a data directory or "
			    "postgresql.conf, or set PGDATA");
			return usage_status(c);
		}
	}
	memset(&oa, 0, sizeof oa);
	oa.format = c->format == CLI_FORMAT_TAP ? OUT_AUDIT_TAP :
	    c->format == CLI_FORMAT_JSON ? OUT_AUDIT_JSON :
	    c->format == CLI_FORMAT_NAGIOS ? OUT_AUDIT_NAGIOS : OUT_AUDIT_TEXT;
	oa.fail_on = c->fail_on;
	oa.is_quiet = c->is_quiet;
	out_audit_begin(&oa);
	for (i = 0; i < n; i++) {
		audit_cluster(&ao, c->n_specs > 0 ? c->specs[i] : targets[i],
		    &ac);
		out_audit_cluster(&oa, &ac);
	}
	return out_audit_end(&oa);
}

int
main(int argc, char **argv)
{
	struct cli c;

	if (getenv("MUNIN_VERSION") != NULL) {
		exit(out_munin(argc, argv));
	}
	if (cli_parse(argc, argv, &c) < 0) {
		return usage_status(&c);
	}
	switch (c.cmd) {
	case CLI_HELP:
		cli_help();
		return EXIT_ALL_PASSED;
	case CLI_VERSION:
		fmt_printf("ccheck %s (BearSSL 0.6, %zu trust anchors, "
		    "slot %zu bytes)\n", CK_VERSION, ck_anchors.n,
		    loop_slot_bytes());
		return EXIT_ALL_PASSED;
	case CLI_ROOTS:
		out_roots(&ck_anchors);
		return EXIT_ALL_PASSED;
	case CLI_SERVER:
		exit(server_run(&c));
	case CLI_AUDIT:
		exit(audit(&c));
	default:
		exit(probe(&c));	/* CLI_PROBE, CLI_CHAIN */
	}
}
