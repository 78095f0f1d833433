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
#include <stdio.h>

#include "loop.h"
#include "spec.h"
#include "x509.h"

struct out_opts {
	bool is_quiet;			/* passes print nothing */
	/* --nagios: WARNING below warning_days, CRITICAL below
	 * critical_days (the loop's --min-days); 0: no such threshold. */
	long warning_days;
	long critical_days;
	/* Set by main before end(): a failure of the run itself (writing
	 * --prometheus), one line; NULL: none. */
	const char *run_error;
	bool is_dane;			/* --dane: JSON's "dane" field */
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
 * --nagios: the plugin guidelines' one status line "CCHECK STATE -
 * SUMMARY | PERFDATA", then, for several SPECs, one line per SPEC.  All
 * of it is printed by end(), so report() keeps the lines in memory (a
 * few hundred bytes per SPEC).  '|' in SPECs and reasons shows as '/',
 * control bytes as '?'.
 */
extern const struct out_format out_nagios;

/* Nagios states, in exit-status order. */
enum {
	OUT_NAGIOS_OK,
	OUT_NAGIOS_WARNING,
	OUT_NAGIOS_CRITICAL,
	OUT_NAGIOS_UNKNOWN
};

/* The state out_nagios's end() printed: its exit status. */
int out_nagios_state(void);

/*
 * Writes SPEC text as a perfdata label body (README): letters, digits and
 * "._:-@[]()/" as they are, any other byte as '_'.  f may not be NULL.
 */
void out_nagios_label(FILE *f, const char *text);

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

/*
 * True when the checks accepted rep's certificate (it passed, or failed
 * only a threshold or --expect-cert after them), so its days_left and
 * not_after are those of a verified path: the reports that show them.
 */
bool out_is_accepted(const struct report *rep);

/*
 * Writes "ok, expires in N days" (is_ok_word false: without "ok, ") or
 * the reason, each with out_who's note where the expiry is meant and
 * out_verified's, then "; DANE: ..." under --dane (dane_format) unless
 * DANE is the reason: the text output's line after "SPEC: ".  Returns
 * out.
 */
char *out_summary(const struct report *rep, bool is_ok_word, char *out,
    size_t cap);

/* Room for a reason (result_format), and for out_summary's whole line:
 * the reason, out_who's note and out_verified's. */
#define OUT_REASON_CAP 512
#define OUT_SUMMARY_CAP (OUT_REASON_CAP + X509_NAME_CAP + 32 + \
    OUT_VERIFIED_CAP + 2 + DANE_TEXT_CAP)

/*
 * What the verdict rests on: "full", "chain" (no name), "none" (dates),
 * "pinned" (--pin for the CA path, name checked) or "pinned-no-name";
 * NULL when no chain was judged.  JSON's "verification", Prometheus's
 * label.
 */
const char *out_verification(const struct report *rep);

/*
 * Writes s to f as a JSON string, quotes included: '"', '\\' and control
 * bytes escaped, bytes that are not UTF-8 as U+FFFD (the output always
 * parses).
 */
void out_json_str(FILE *f, const char *s);

/* Length of the valid UTF-8 sequence at s (1-4), or 0. */
size_t out_utf8_len(const unsigned char *s);

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
 * protocol and returns the exit status: 0 once values were printed (a
 * failed SPEC is a value U with its reason as extinfo, which munin's
 * thresholds judge, as munin-node plugins do), 1 for a bad environment.
 * See out_munin.c for the variables.
 */
int out_munin(int argc, char **argv);

/* Lists anchors for "ccheck roots": the count, then one subject a line. */
void out_roots(const struct anchor_set *a);

#endif
