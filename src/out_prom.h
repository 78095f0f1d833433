/* SPDX-License-Identifier: MIT */
/*
 * out_prom: one SPEC's report as Prometheus metrics, in the text
 * exposition format (version 0.0.4).  The metric names are the
 * exporter's: --prometheus writes them for every SPEC (out_promfile.c),
 * and a server's /probe for one target, so both emit the same series.
 * The families, in order, and the README's table:
 *   ccheck_probe_success{target}            1 passed every check, else 0
 *   ccheck_probe_duration_seconds{target}   time spent on the SPEC
 *   ccheck_cert_not_after_seconds{target,verification}
 *   ccheck_cert_days_left{target,verification}
 *                                           the earliest expiry on the
 *                                           verified path; only when the
 *                                           checks accepted it
 *   ccheck_tls_version_info{target,version} 1, after a handshake
 *   ccheck_cert_expiry_seconds{target,depth,subject,issuer,serial}
 *                                           each certificate as sent
 * target is the SPEC as shown in every report (credentials masked).
 */
#ifndef CK_OUT_PROM_H
#define CK_OUT_PROM_H

#include <stdio.h>

#include "loop.h"
#include "spec.h"

/* The metric families above; samples of one family go together. */
#define OUT_PROM_FAMILIES 6

/* Writes family fam's (0 .. OUT_PROM_FAMILIES-1) # HELP and # TYPE. */
void out_prom_head(FILE *f, unsigned fam);

/*
 * Writes the samples of family fam for SPEC sp (none when the report has
 * nothing for it).  The per-certificate family reads rep->chain, so the
 * loop must keep chains (loop_opts.is_keep_chain).
 */
void out_prom_samples(FILE *f, unsigned fam, const struct spec *sp,
    const struct report *rep);

/* Every family's head and samples for one SPEC: a /probe answer. */
void out_prom_target(FILE *f, const struct spec *sp,
    const struct report *rep);

/*
 * Writes s as a label value, without the quotes: backslash, double quote
 * and line feed escaped as \\, \" and \n; bytes that are not UTF-8 as
 * U+FFFD, so a parser never refuses the file.
 */
void out_prom_label(FILE *f, const char *s);

#endif
