/* SPDX-License-Identifier: MIT */
/*
 * verdict: what one target's captured chain comes to, once per target:
 * the mode (verify-full, verify-ca, none) the SPEC and the run ask for,
 * path validation and the host name (x509), --pin, --expect-cert, then
 * the thresholds (--min-days, --min-hours, --min-remaining).  Also the
 * better explanation of a failed handshake the chain can give.  loop.c
 * drives targets and calls these; it decides nothing about trust.
 */
#ifndef CK_VERDICT_H
#define CK_VERDICT_H

#include "loop.h"

/*
 * Judges chain ch, captured from SPEC sp (or read from its file), under
 * the run's options o into rep (res, verdict, has_verdict).  With tlsa
 * (--dane's lookup; NULL: none), rep->dane is matched after the PKIX
 * verdict (dane.h) and, when dane_is_failure under o->dane, fails the
 * target with CK_E_DANE, unless it failed already.  Failure is sticky
 * in rep->res.
 */
void verdict_judge(const struct loop_opts *o, const struct spec *sp,
    const struct x509_chain *ch, const struct dane_tlsa *tlsa,
    struct report *rep);

/*
 * After a failed handshake: when the chain captured so far shows why
 * (an unsupported key or signature, a malformed certificate), that
 * reason replaces the engine's in rep->res.
 */
void verdict_explain_failure(const struct loop_opts *o,
    const struct spec *sp, const struct x509_chain *ch, struct report *rep);

/*
 * The TLS versions SPEC sp is probed with, both ends set (0x0301 ...
 * SPEC_TLS13) in *min and *max: each end is sp's own (a connection
 * string's ssl_min_protocol_version / ssl_max_protocol_version), else the
 * run's (--tls-min / --tls-max), else TLSv1.2 for a PostgreSQL minimum
 * (libpq's default), TLSv1 for another, and TLSv1.3 for a maximum.
 * Returns 0, or -1 with res failed when no probe can honour the range
 * (nothing need be sent): CK_E_TLS_RANGE when *min > *max (main refuses
 * such a run as a usage error first, as libpq does).
 */
int verdict_tls_range(const struct loop_opts *o, const struct spec *sp,
    unsigned *min, unsigned *max, struct result *res);

/* The time every date is judged at: --at, else now. */
int64_t verdict_now(const struct loop_opts *o);

#endif
