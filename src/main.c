/* SPDX-License-Identifier: MIT */
/*
 * main: the only exit().  Runs cli, then the probe loop with the chosen
 * output format, and maps the results to the exit status: 0 when every
 * SPEC passed, 2 when any failed, 1 for usage errors.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anchors.h"
#include "cli.h"
#include "expect.h"
#include "identity.h"
#include "input.h"
#include "loop.h"
#include "out.h"
#include "pem.h"
#include "version.h"

enum {
	EXIT_ALL_PASSED = 0,
	EXIT_USAGE = 1,
	EXIT_SOME_FAILED = 2
};

struct emit {
	const struct out_format *fmt;
	const struct out_opts *opts;
};

static void
emit_report(void *ctx, size_t i, const struct spec *sp,
    const struct report *rep)
{
	const struct emit *e = ctx;

	e->fmt->report(e->opts, i, sp, rep);
}

static const struct out_format *
format_of(const struct cli *c)
{
	if (c->cmd == CLI_CHAIN) {
		return &out_chain;
	}
	switch (c->format) {
	case CLI_FORMAT_TAP:
		return &out_tap;
	case CLI_FORMAT_JSON:
		return &out_json;
	case CLI_FORMAT_EXPIRED:
		return &out_expired;
	default:
		return &out_text;
	}
}

static int
probe(const struct cli *c)
{
	struct x509_anchors file_anchors;
	struct identity id;
	struct expect ex;
	struct input in;
	struct loop_opts lo;
	struct out_opts oo;
	struct emit e;
	struct spec *specs;
	struct report *reports;
	struct result res;
	char why[RESULT_DETAIL_CAP + 64];
	const char *bad;
	long failed;
	size_t i;

	memset(&lo, 0, sizeof lo);
	lo.anchors = &ck_anchors;
	if (c->root_certs != NULL) {
		memset(&res, 0, sizeof res);
		if (pem_load_anchors(c->root_certs, &file_anchors, &res) < 0) {
			cli_error("--root-certs %s: %s", c->root_certs,
			    result_format(&res, why, sizeof why));
			return EXIT_USAGE;
		}
		lo.anchors = &file_anchors;
	}
	if (c->client_cert != NULL) {
		if (identity_load(&id, c->client_cert, c->client_key, why,
		    sizeof why) < 0) {
			cli_error("client certificate: %s", why);
			return EXIT_USAGE;
		}
		lo.identity = &id;
	}
	if (c->expect_cert != NULL) {
		if (expect_load(&ex, c->expect_cert, why, sizeof why) < 0) {
			cli_error("--expect-cert %s: %s", c->expect_cert, why);
			return EXIT_USAGE;
		}
		lo.expect = &ex;
	}
	lo.pins = &c->pins;
	lo.min_hours = c->min_hours;
	lo.min_remaining_pct = c->min_remaining_pct;
	memset(&in, 0, sizeof in);
	if (input_load(&in, c->specs, c->n_specs, c->input_file, why,
	    sizeof why) < 0) {
		cli_error("--input-file %s", why);
		return EXIT_USAGE;
	}
	if (in.n == 0) {
		cli_error("no SPEC given (the input file holds none)");
		return EXIT_USAGE;
	}
	specs = calloc(in.n, sizeof *specs);
	reports = calloc(in.n, sizeof *reports);
	if (specs == NULL || reports == NULL) {
		cli_error("out of memory for %zu specs", in.n);
		return EXIT_USAGE;
	}
	for (i = 0; i < in.n; i++) {
		bad = spec_parse(in.specs[i], c->proto, &specs[i]);
		if (bad != NULL) {
			cli_error("invalid spec \"%s\": %s", in.specs[i], bad);
			return EXIT_USAGE;
		}
	}
	lo.specs = specs;
	lo.n = in.n;
	lo.num_workers = c->num_workers;
	lo.timeout_ms = (int64_t)c->timeout_s * 1000;
	lo.is_skip_verify = c->is_skip_verify;
	lo.min_days = c->min_days;
	oo.is_quiet = c->is_quiet;
	e.fmt = format_of(c);
	lo.is_keep_chain = e.fmt == &out_json || e.fmt == &out_chain;
	e.opts = &oo;

	e.fmt->begin(&oo, lo.n);
	failed = loop_run(&lo, reports, emit_report, &e);
	if (failed < 0) {
		cli_error("cannot allocate %zu workers: %s", lo.num_workers,
		    strerror(errno));
		return EXIT_USAGE;
	}
	e.fmt->end(&oo, lo.n);
	if (e.fmt == &out_expired) {
		for (i = 0; i < lo.n; i++) {
			failed -= reports[i].res.err == CK_E_EXPIRES_SOON;
		}
	}
	return failed > 0 ? EXIT_SOME_FAILED : EXIT_ALL_PASSED;
}

int
main(int argc, char **argv)
{
	struct cli c;

	if (getenv("MUNIN_VERSION") != NULL) {
		exit(out_munin(argc, argv));
	}
	if (cli_parse(argc, argv, &c) < 0) {
		return EXIT_USAGE;
	}
	switch (c.cmd) {
	case CLI_HELP:
		cli_help();
		return EXIT_ALL_PASSED;
	case CLI_VERSION:
		printf("ccheck %s (BearSSL 0.6, %zu trust anchors, "
		    "slot %zu bytes)\n", CK_VERSION, ck_anchors.n,
		    loop_slot_bytes());
		return EXIT_ALL_PASSED;
	case CLI_ROOTS:
		out_roots(&ck_anchors);
		return EXIT_ALL_PASSED;
	default:
		exit(probe(&c));	/* CLI_PROBE, CLI_CHAIN */
	}
}
