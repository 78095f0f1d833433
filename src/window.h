/* SPDX-License-Identifier: MIT */
/*
 * window: the SPECs between the input and the output, in input order.
 * A ring of jobs: each waits (read, not started), runs (in a slot of the
 * loop) or is done (its report waits for those before it to be shown).
 * The ring's capacity bounds what a run holds, whatever the input's
 * length: a slow target at the head holds back at most cap - 1 later
 * SPECs, after which no new SPEC is read until it ends (its deadline).
 *
 * It also keeps --per-host: the number of running jobs per host, where
 * a host is the address a SPEC connects to as written (its addr, a name
 * compared without case, or an IP literal) and its port, before
 * resolving: two names of one server count apart, one name with several
 * addresses counts once.  Hosts are keyed by a 64-bit FNV-1a hash; two
 * hosts sharing a hash would only share a limit.  A waiting job whose
 * host is at the limit is passed over, so later SPECs of other hosts
 * start before it; it stays in the ring, so the deferred SPECs are
 * bounded by cap too.
 *
 * Owns two heap arrays, allocated by window_init, freed by window_free.
 */
#ifndef CK_WINDOW_H
#define CK_WINDOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "loop.h"

enum job_state {
	JOB_WAITING,
	JOB_RUNNING,
	JOB_DONE
};

struct job {
	struct loop_spec in;
	struct report rep;
	size_t seq;			/* input order, from 0 */
	uint64_t host;			/* 0: not limited (a file) */
	enum job_state state;
	bool is_shown;			/* reported (unordered), not popped */
};

struct host_count {
	uint64_t host;			/* 0: empty */
	size_t n;			/* running jobs */
};

struct window {
	struct job *jobs;		/* ring of cap */
	size_t cap;
	size_t head;			/* oldest job not shown */
	size_t n;			/* jobs in the ring */
	size_t seq_next;
	struct host_count *hosts;	/* open addressing, linear probing */
	size_t hosts_cap;		/* a power of two > 2 * running */
	size_t per_host;
};

/* Jobs per slot: how far a slow SPEC lets later ones run ahead. */
#define WINDOW_JOBS_PER_SLOT 4

/*
 * Allocates w for nslots running jobs at most (cap: nslots *
 * WINDOW_JOBS_PER_SLOT) and per_host (>= 1).  Returns 0, or -1 (ENOMEM)
 * with nothing allocated.
 */
int window_init(struct window *w, size_t nslots, size_t per_host);

/* Frees w's arrays. */
void window_free(struct window *w);

/*
 * The place of the next job, for the source to fill (its in), or NULL
 * when the ring is full.  Not in the ring until window_push.
 */
struct job *window_tail(struct window *w);

/*
 * Adds the job window_tail gave, filled: it gets its seq and host, and
 * waits; a job whose in.res failed is done at once with that result.
 */
void window_push(struct window *w, struct job *j);

/* The pos-th job from the head (pos < w->n). */
struct job *window_at(const struct window *w, size_t pos);

/* True when j waits and its host is below per_host. */
bool window_may_start(const struct window *w, const struct job *j);

/* j runs (counted for its host), or is done (no longer counted). */
void window_run(struct window *w, struct job *j);
void window_done(struct window *w, struct job *j);

/* The head job when it is done (to be shown, then popped), else NULL. */
struct job *window_head_done(const struct window *w);

/* Drops the head job (shown). */
void window_pop(struct window *w);

#endif
