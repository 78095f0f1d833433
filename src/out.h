/* SPDX-License-Identifier: MIT */
/*
 * out: the report formats.  One file per format (out_text.c, out_tap.c),
 * each reading only the SPEC and its report.  Reports arrive in input
 * order.
 */
#ifndef CK_OUT_H
#define CK_OUT_H

#include <stdbool.h>
#include <stddef.h>

#include "loop.h"
#include "spec.h"
#include "x509.h"

struct out_opts {
	bool is_quiet;			/* passes print nothing */
};

/*
 * begin comes before the first report, when the number of SPECs is not
 * known yet (an input file is read as the run goes: n is 0); end gets
 * the number of reports shown.
 */
struct out_format {
	void (*begin)(const struct out_opts *o, size_t n);
	void (*report)(const struct out_opts *o, size_t i,
	    const struct spec *sp, const struct report *rep);
	void (*end)(const struct out_opts *o, size_t n);
};

/*
 * Text: passes on stdout as "SPEC: ok, expires in N days", failures on
 * stderr as "SPEC: REASON"; each with out_verified's note, if any.
 */
extern const struct out_format out_text;

/*
 * TAP version 13: "ok N - SPEC expires in D days (took S.SSS secs)",
 * out_verified's note before "(took".
 */
extern const struct out_format out_tap;

/*
 * --show-expired, grep-like: the SPECs whose certificates expire within
 * --min-days (or have expired) on stdout, one a line; reasons on stderr
 * as in text.  An expiring SPEC is a match, not a failure (Go's ccheck).
 */
extern const struct out_format out_expired;

/* --json: an array of objects (README).  Needs the kept chain. */
extern const struct out_format out_json;

/*
 * --ready: pg_isready's "SPEC - accepting connections" and the like on
 * stdout, with the certificate verdict; reasons on stderr.
 */
extern const struct out_format out_ready;

/* "ccheck chain": each certificate sent, readable.  Needs the chain. */
extern const struct out_format out_chain;

/*
 * Writes " (intermediate CN=...)" or " (root CN=...)" when the earliest
 * expiry on the path is not the leaf's, else "".  Returns out.
 */
char *out_who(const struct report *rep, char *out, size_t cap);

/* Room for out_verified's longest note, "; " or " (" and ")" included. */
#define OUT_VERIFIED_CAP 64

/*
 * Writes pre, what the verdict rests on, and post when that is less than
 * verify-full: "not verified: sslmode=require", "chain verified, name not
 * checked: sslmode=verify-ca", "not verified: --skip-verify", "pinned
 * key" (--pin stood in for the CA path; the name was checked) or "pinned
 * key, name not checked: sslmode=verify-ca"; else "" (a full
 * verification, no chain judged, or a failure of the checks themselves:
 * only a pass, a threshold or --expect-cert get the note).  The sslmode
 * named is the one applied: allow and prefer probe as require, and
 * require with a root file as verify-ca.  Returns out.
 */
char *out_verified(const struct report *rep, const char *pre,
    const char *post, char *out, size_t cap);

/*
 * Munin plugin mode (MUNIN_VERSION set): SPECs and thresholds from
 * munin-node's environment; argv[1] may be "config".  Prints munin's
 * protocol and returns the exit status (0, 2 when a SPEC failed, 1 for a
 * bad environment).  See out_munin.c for the variables.
 */
int out_munin(int argc, char **argv);

/* Lists anchors for "ccheck roots": the count, then one subject a line. */
void out_roots(const struct anchor_set *a);

#endif
