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

static int
probe(const struct cli *c)
{
	struct x509_anchors file_anchors;
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
	specs = calloc(c->n_specs, sizeof *specs);
	reports = calloc(c->n_specs, sizeof *reports);
	if (specs == NULL || reports == NULL) {
		cli_error("out of memory for %zu specs", c->n_specs);
		return EXIT_USAGE;
	}
	for (i = 0; i < c->n_specs; i++) {
		bad = spec_parse(c->specs[i], c->proto, &specs[i]);
		if (bad != NULL) {
			cli_error("invalid spec \"%s\": %s", c->specs[i], bad);
			return EXIT_USAGE;
		}
	}
	lo.specs = specs;
	lo.n = c->n_specs;
	lo.num_workers = c->num_workers;
	lo.timeout_ms = (int64_t)c->timeout_s * 1000;
	lo.is_skip_verify = c->is_skip_verify;
	lo.min_days = c->min_days;
	oo.is_quiet = c->is_quiet;
	e.fmt = c->format == CLI_FORMAT_TAP ? &out_tap : &out_text;
	e.opts = &oo;

	e.fmt->begin(&oo, lo.n);
	failed = loop_run(&lo, reports, emit_report, &e);
	if (failed < 0) {
		cli_error("cannot allocate %zu workers: %s", lo.num_workers,
		    strerror(errno));
		return EXIT_USAGE;
	}
	e.fmt->end(&oo, lo.n);
	return failed > 0 ? EXIT_SOME_FAILED : EXIT_ALL_PASSED;
}

int
main(int argc, char **argv)
{
	struct cli c;

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
		exit(probe(&c));
	}
}
