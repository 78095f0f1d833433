/* SPDX-License-Identifier: MIT */
/*
 * target: one worker slot of the loop and the state machine that walks a
 * SPEC through resolve, connect, protocol preamble, TLS handshake,
 * verdict, --ready's startup reply and the polite close.  The loop owns
 * the slots (loop.c) and the jobs they run (window.h); a slot embeds all
 * the buffers a probe needs, so nothing is allocated while probing.
 */
#ifndef CK_TARGET_H
#define CK_TARGET_H

#include <stdbool.h>
#include <stdint.h>

#include "dane.h"
#include "loop.h"
#include "net.h"
#include "pg.h"
#include "resolv.h"
#include "starttls.h"
#include "tls.h"
#include "window.h"

enum tstate {
	T_IDLE,				/* free for the next SPEC */
	T_TLSA,				/* --dane: TLSA query in flight */
	T_RESOLVE,			/* DNS query in flight */
	T_CONNECT,			/* connect in progress */
	T_PREAMBLE,			/* SSLRequest or STARTTLS dialogue */
	T_HANDSHAKE,
	T_READY_WRITE,			/* --ready: StartupMessage over TLS */
	T_READY_READ,			/* --ready: its first reply */
	T_CLOSE,			/* close_notify sent, draining */
	T_DONE				/* report written */
};

struct target {
	struct job *job;		/* in the window, while not idle */
	const struct spec *spec;	/* &job->in.spec */
	struct report *rep;		/* &job->rep */
	enum tstate state;
	int fd;				/* -1 when closed */
	short events;			/* what poll() should wait for */
	int64_t start_ms;		/* CLOCK_MONOTONIC */
	int64_t deadline_ms;
	int64_t close_by_ms;
	size_t addr_idx;		/* address being tried */
	bool is_direct;			/* PostgreSQL: ClientHello at once */
	unsigned tls_min;		/* the versions allowed (verdict.h) */
	unsigned tls_max;
	bool can_fall_back;		/* auto: SSLRequest not tried yet */
	struct net_addrs addrs;
	struct x509_chain chain;
	const struct resolv_conf *rc;	/* borrowed from the loop */
	struct dane_tlsa tlsa;		/* --dane: the lookup's outcome */
	/* --ready: the StartupMessage, then the reply (app_len bytes). */
	size_t app_len;
	size_t app_done;		/* bytes of the message sent */
	unsigned char app[PG_READY_REPLY_CAP];
	union {				/* each ends before the next starts */
		struct resolv_query rq;
		struct framer fr;
		struct tls_sess tls;
	} u;
};

/*
 * The slot budget: the mono I/O buffer (16.3 KiB), the captured chain
 * (16 KiB), BearSSL's client context (about 4 KiB), the
 * addresses (1 KiB) and --dane's TLSA records (1.3 KiB).  The preamble's buffers share the TLS space.
 */
_Static_assert(sizeof(struct target) <= 44 * 1024, "per-target budget");

/* CLOCK_MONOTONIC in milliseconds. */
int64_t target_now_ms(void);

/* Closes t's descriptor, if open. */
void target_close_fd(struct target *t);

/* Ends t's probe: closed, elapsed time set, T_DONE. */
void target_finish(struct target *t);

/*
 * Starts job (borrowed until t is idle again) in idle slot t: a file is
 * judged at once (T_DONE); a network SPEC starts resolving or connecting,
 * or fails at once (T_DONE) with its reason in job->rep.
 */
void target_start(const struct loop_opts *o, const struct resolv_conf *rc,
    struct target *t, struct job *job);

/*
 * Advances t (neither idle nor done) after poll(): revents may be 0 when
 * only time passed; a passed deadline fails the target with the stage it
 * was in.
 */
void target_advance(const struct loop_opts *o, struct target *t,
    short revents, int64_t now);

#endif
