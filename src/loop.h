/* SPDX-License-Identifier: MIT */
/*
 * loop: the poll() driver.  A fixed pool of target slots walks each SPEC
 * through resolve, connect, protocol preamble, TLS handshake, verdict and
 * polite close, all within one deadline per target.  SPECs are pulled
 * from a source as slots free up, and reports are handed to the caller in
 * input order, whatever order targets finish in: memory depends on the
 * number of slots, not on the number of SPECs (window.h).
 */
#ifndef CK_LOOP_H
#define CK_LOOP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dane.h"
#include "err.h"
#include "expect.h"
#include "identity.h"
#include "pg.h"
#include "pin.h"
#include "spec.h"
#include "x509.h"

struct pollfd;

/* What one SPEC came to. */
struct report {
	struct result res;
	bool has_verdict;		/* a certificate was seen and parsed */
	struct x509_verdict verdict;
	int64_t elapsed_ms;
	enum proto proto;		/* spoken: auto-detect resolved */
	/* PostgreSQL: how TLS started, SPEC_PG_NEG_POSTGRES (SSLRequest)
	 * or SPEC_PG_NEG_DIRECT; SPEC_PG_NEG_DEFAULT otherwise. */
	enum spec_pg_neg negotiation;
	/* --ready: the verdict on the server's first reply to our
	 * StartupMessage (PG_READY_NONE: not reached), and the SQLSTATE
	 * of an ErrorResponse ("" otherwise). */
	enum pg_ready ready;
	char sqlstate[6];
	/*
	 * The checks the verdict rests on, once a chain was judged
	 * (SPEC_VERIFY_DEFAULT until then): FULL (the path to an anchor and
	 * the name; a PEM file has no name), CA (the path, not the name) or
	 * NONE (dates only).  is_pinned: a --pin stood in for the path.
	 * is_verify_flag: the SPEC left the mode to the command line, so a
	 * weaker one came from --skip-verify, not from an sslmode.
	 */
	enum spec_verify verified;
	bool is_pinned;
	bool is_verify_flag;
	unsigned tls_version;		/* 0x0303 etc.; 0: no handshake */
	unsigned cipher_suite;		/* IANA number; 0: no handshake */
	unsigned kx_group;		/* IANA NamedGroup; 0: RSA */
	unsigned sig_scheme;		/* server's SignatureScheme; 0: none */
	/* The chain as sent, while the report is being shown; NULL unless
	 * loop_opts.is_keep_chain. */
	const struct x509_chain *chain;
	/* --dane: the TLSA lookup and match (DANE_S_NONE without). */
	struct dane_report dane;
};

/*
 * Room for a SPEC's text: an input line (4096 bytes, input.h) with the
 * host a connection string's list adds to it ("... (addr(name):port)",
 * pgspec.c), or a masked password.
 */
#define LOOP_TEXT_CAP (4096 + 2 * SPEC_HOST_CAP + 64)
/*
 * --ready names of a connection string: PG_NAME_MAX bytes, one more to
 * tell a longer name (refused before sending, loop.c), and the NUL.
 */
#define LOOP_NAME_CAP (PG_NAME_MAX + 2)

/*
 * One SPEC as a source hands it to the loop.  The loop keeps it, in
 * place, until its report is shown: spec.text, spec.user and spec.dbname
 * point into the arrays here, or at memory that outlives the run.
 */
struct loop_spec {
	struct spec spec;
	/* CK_E_OK, or why this is no SPEC (a bad input line): it is then
	 * reported failed, in its place, and never probed. */
	struct result res;
	char text[LOOP_TEXT_CAP];
	char user[LOOP_NAME_CAP];
	char dbname[LOOP_NAME_CAP];
};

/*
 * A source of SPECs: fills *out and returns 1; returns 0 when it has none
 * right now but may have more later (a server's requests; the loop asks
 * again after its next poll() round), or -1 at the end of its input.
 * Called only when the loop has room to keep the SPEC (its window), and
 * a free slot to run it or a reason to fail it.
 */
typedef int (*loop_next_fn)(void *ctx, struct loop_spec *out);

/* --per-host's default: probes in flight to one host and port. */
#define LOOP_PER_HOST 8

struct loop_opts {
	loop_next_fn next;		/* the SPECs, in input order */
	void *next_ctx;
	size_t num_workers;		/* targets in flight, >= 1 */
	/* Targets in flight to one addr and port (spec.h: the host as
	 * written, before resolving); >= 1.  The rest wait (window.h). */
	size_t per_host;
	int64_t timeout_ms;		/* per target, everything included */
	const struct anchor_set *anchors;
	const struct crl_set *crls;	/* NULL: no revocation check */
	bool is_partial_chain;		/* any anchor may end a path */
	/* --tls-min / --tls-max, for SPECs whose own are 0 (the same
	 * encoding as spec.tls_min); 0: no limit. */
	unsigned tls_min;
	unsigned tls_max;
	bool has_at;			/* --at: dates as of at, not now */
	int64_t at;
	const struct identity *identity;	/* NULL: no client certificate */
	bool is_skip_verify;
	enum dane_mode dane;		/* --dane, --dane=require */
	long min_days;			/* 0: no threshold */
	long min_hours;			/* 0: no threshold */
	long min_remaining_pct;		/* of the leaf's lifetime; 0: none */
	const struct pin_set *pins;	/* NULL or empty: trust the CAs */
	const struct expect *expect;	/* NULL: no --expect-cert */
	/*
	 * --pg-negotiation, for PostgreSQL SPECs whose own pg_neg is
	 * SPEC_PG_NEG_DEFAULT; DEFAULT here means POSTGRES.  AUTO tries
	 * direct TLS and, when the server shows it does not accept it
	 * (closes, resets, answers with something that is not TLS, selects
	 * no ALPN), falls back to SSLRequest on a fresh connection within
	 * the same deadline.
	 */
	enum spec_pg_neg pg_neg;
	/*
	 * --ready: after a handshake that passed every check, PostgreSQL
	 * SPECs send a StartupMessage for user and dbname (1 to PG_NAME_MAX
	 * bytes each; borrowed; dbname NULL: the role) unless the SPEC names
	 * its own, and read the first reply (report.ready),
	 * never answering an authentication request, then close politely.
	 */
	bool is_ready;
	const char *user;
	const char *dbname;
	/*
	 * Keep each finished slot, with its chain, until its report is
	 * shown (JSON, chain dumps).  A slow target then holds back the
	 * slots that finish after it, for at most its deadline.
	 */
	bool is_keep_chain;
	/*
	 * Hand each report over as soon as its target is done, not in
	 * input order (a server must not hold one client's answer behind
	 * another's slow target).  The window still frees jobs in order,
	 * so a slow target at its head lets later SPECs run ahead by at
	 * most the window (window.h) until its deadline.
	 */
	bool is_unordered;
	/*
	 * The caller's own descriptors, polled with the targets' in each
	 * round (a server's listener and clients); NULL: none.  prepare
	 * fills at most io_cap entries of pfd and returns how many, and may
	 * lower *wait_ms (-1: no deadline of its own) to the nearest of its
	 * deadlines; dispatch then sees those entries with their revents
	 * (0 after a failed poll or a timeout).  now_ms: target_now_ms().
	 * Both run between SPECs, never inside the report callback.
	 * With prepare set, a source that has no SPEC right now is asked
	 * again only after the next round: the loop sleeps until a
	 * descriptor is ready or a deadline passes.
	 */
	size_t (*prepare)(void *ctx, struct pollfd *pfd, size_t cap,
	    int64_t now_ms, int64_t *wait_ms);
	void (*dispatch)(void *ctx, const struct pollfd *pfd, size_t n,
	    int64_t now_ms);
	void *io_ctx;
	size_t io_cap;
};

/*
 * Called once per SPEC, with its report (borrowed): in input order, or
 * as targets finish with loop_opts.is_unordered.
 */
typedef void (*loop_report_fn)(void *ctx, size_t i, const struct spec *sp,
    const struct report *rep);

/*
 * Probes every SPEC o->next gives, until it returns -1 and every report
 * was shown; fn sees each (i counts from 0 in input order) as soon as it
 * and all before it are done.  The slot pool and the window are
 * allocated here and freed before returning.
 *
 * Fails closed: fn sees every SPEC, in input order, whatever happens.
 * When the pool cannot be allocated, every SPEC fails with CK_E_INTERNAL
 * ("calloc: out of memory"); when poll() fails for a reason other than
 * EINTR, every target in flight or not yet started fails with
 * CK_E_INTERNAL ("poll: invalid argument", res.sys = errno).  poll()
 * refuses more than RLIMIT_NOFILE descriptors, so callers keep
 * o->num_workers within the limit (setup_workers).  Returns the number
 * of failed SPECs.
 */
long loop_run(const struct loop_opts *o, loop_report_fn fn, void *ctx);

/* Bytes of one target slot: what each in-flight target costs. */
size_t loop_slot_bytes(void);

#endif
