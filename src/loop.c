/* SPDX-License-Identifier: MIT */
/*
 * loop: worker slots, the ordered window of SPECs, and the poll() round.
 * Every slot is a small state machine (target.c); one poll() waits for
 * all of them.  Nothing is allocated while probing: the pool and the
 * window are allocated once, then slots and jobs are reset and reused.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "loop.h"
#include "target.h"
#include "window.h"

/* see loop.h */
size_t
loop_slot_bytes(void)
{
	return sizeof(struct target);
}

/* One run of loop_run: the slots, the window and the source's state. */
struct run {
	const struct loop_opts *o;
	struct resolv_conf conf;
	struct target *slots;
	struct pollfd *pfd;		/* nslots, then o->io_cap */
	size_t nslots;
	struct window w;
	bool is_end;			/* the source returned -1 */
	bool is_dry;			/* it returned 0: none right now */
	int fail_sys;			/* poll() failed: errno; else 0 */
	long failed;
};

/*
 * A finished target's report is ready.  Its slot is free at once, unless
 * the report needs the chain when shown: then it waits for release().
 */
static void
settle(struct run *r, struct target *t)
{
	if (t->state != T_DONE) {
		return;
	}
	window_done(&r->w, t->job);
	if (r->o->is_keep_chain) {
		t->rep->chain = &t->chain;
	} else {
		t->state = T_IDLE;
	}
}

/* Frees the slot that kept job's chain, once its report is shown. */
static void
release(struct run *r, const struct job *job)
{
	size_t i;

	for (i = 0; i < r->nslots; i++) {
		struct target *t = &r->slots[i];

		if (t->state == T_DONE && t->job == job) {
			t->rep->chain = NULL;
			t->state = T_IDLE;
			return;
		}
	}
}

/*
 * ccheck itself could not go on (a failed poll(), no memory): the reason
 * is internal, named after the call that failed, with errno's text.
 */
static void
fail_internal(struct result *res, const char *call, int sys)
{
	struct result why;

	memset(&why, 0, sizeof why);
	result_fail_sys(&why, CK_E_INTERNAL, sys);	/* lower case text */
	result_fail(res, CK_E_INTERNAL, "%s: %s", call, why.detail);
	res->sys = sys;
}

/* A SPEC that was never started: its report says why, nothing else. */
static void
fail_unstarted(struct report *rep, enum proto proto, const char *call,
    int sys)
{
	memset(rep, 0, sizeof *rep);
	rep->proto = proto;
	fail_internal(&rep->res, call, sys);
}

/*
 * poll() failed (EINVAL: more descriptors than RLIMIT_NOFILE allows;
 * ENOMEM): no target can make progress, so every one in flight fails now,
 * and every one waiting or still to be read fails when fill() reaches it;
 * all are shown.  Failing closed matters: a run that stopped here and
 * printed nothing used to exit 0.  A target already closing keeps its
 * verdict, which was reached before.
 */
static void
abandon(struct run *r, int sys)
{
	size_t i;

	r->fail_sys = sys;
	for (i = 0; i < r->nslots; i++) {
		struct target *t = &r->slots[i];

		if (t->state == T_IDLE || t->state == T_DONE) {
			continue;
		}
		if (t->state != T_CLOSE) {
			fail_internal(&t->rep->res, "poll", sys);
		}
		target_finish(t);
		settle(r, t);
	}
}

/* A free slot from *from on, or NULL. */
static struct target *
idle_slot(struct run *r, size_t *from)
{
	for (; *from < r->nslots; (*from)++) {
		if (r->slots[*from].state == T_IDLE) {
			return &r->slots[*from];
		}
	}
	return NULL;
}

/* One more SPEC from the source into the window.  Returns true if so. */
static bool
pull(struct run *r)
{
	struct job *j;

	if (r->is_end || (j = window_tail(&r->w)) == NULL) {
		return false;
	}
	switch (r->o->next(r->o->next_ctx, &j->in)) {
	case 1:
		window_push(&r->w, j);
		return true;
	case 0:
		r->is_dry = true;
		return false;
	default:
		r->is_end = true;
		return false;
	}
}

/*
 * Starts waiting jobs in input order while slots are free, passing over
 * those whose host is at --per-host, and reads more SPECs from the source
 * only when no job in the window can start: SPECs are read as slots free
 * up, and the window bounds how far reading runs ahead.  After abandon(),
 * every waiting job and every one read fails instead.
 */
static void
fill(struct run *r)
{
	struct target *t = NULL;
	struct job *j;
	size_t from = 0;
	size_t pos;

	for (pos = 0;; pos++) {
		if (r->fail_sys == 0 && (t = idle_slot(r, &from)) == NULL) {
			return;
		}
		if (pos == r->w.n && !pull(r)) {
			return;
		}
		j = window_at(&r->w, pos);
		if (r->fail_sys != 0) {
			if (j->state == JOB_WAITING) {
				fail_unstarted(&j->rep, j->in.spec.proto,
				    "poll", r->fail_sys);
				window_done(&r->w, j);
			}
			continue;
		}
		if (!window_may_start(&r->w, j)) {
			continue;
		}
		window_run(&r->w, j);
		target_start(r->o, &r->conf, t, j);
		settle(r, t);
	}
}

/* Hands j's report to fn, once, and frees the slot keeping its chain. */
static void
report(struct run *r, struct job *j, loop_report_fn fn, void *ctx)
{
	if (j->is_shown) {
		return;
	}
	j->is_shown = true;
	r->failed += j->rep.res.err != CK_E_OK;
	fn(ctx, j->seq, &j->in.spec, &j->rep);
	if (r->o->is_keep_chain) {
		release(r, j);
	}
}

/*
 * Shows the finished jobs at the head (unordered: every finished job
 * first) and drops those at the head.  Returns how many slots or jobs
 * this freed.
 */
static size_t
show(struct run *r, loop_report_fn fn, void *ctx)
{
	struct job *j;
	size_t n = 0;
	size_t pos;

	for (pos = 0; r->o->is_unordered && pos < r->w.n; pos++) {
		j = window_at(&r->w, pos);
		if (j->state == JOB_DONE && !j->is_shown) {
			report(r, j, fn, ctx);
			n++;
		}
	}
	while ((j = window_head_done(&r->w)) != NULL) {
		report(r, j, fn, ctx);
		window_pop(&r->w);
		n++;
	}
	return n;
}

/*
 * The pool could not be allocated: each SPEC says so, read one at a time
 * into one job (a source that has none right now ends it: no loop runs).
 */
static long
fail_all(const struct loop_opts *o, loop_report_fn fn, void *ctx)
{
	static struct job scratch;	/* 6 KiB: not on the stack */
	size_t seq;

	for (seq = 0; o->next(o->next_ctx, &scratch.in) == 1; seq++) {
		if (scratch.in.res.err != CK_E_OK) {
			memset(&scratch.rep, 0, sizeof scratch.rep);
			scratch.rep.proto = scratch.in.spec.proto;
			scratch.rep.res = scratch.in.res;
		} else {
			fail_unstarted(&scratch.rep, scratch.in.spec.proto,
			    "calloc", ENOMEM);
		}
		fn(ctx, seq, &scratch.in.spec, &scratch.rep);
	}
	return (long)seq;
}

/*
 * The poll() timeout: the nearest deadline of a target in flight, or -1
 * when none is in flight (the caller then fills slots or stops).
 */
static int64_t
prepare_poll(struct run *r, int64_t now)
{
	int64_t wait_ms = -1;
	size_t i;

	for (i = 0; i < r->nslots; i++) {
		struct target *t = &r->slots[i];
		int64_t until;

		r->pfd[i].fd = -1;
		r->pfd[i].revents = 0;
		if (t->state == T_IDLE || t->state == T_DONE) {
			continue;
		}
		r->pfd[i].fd = t->fd;
		r->pfd[i].events = t->events;
		until = t->state == T_CLOSE ? t->close_by_ms : t->deadline_ms;
		if ((t->state == T_RESOLVE || t->state == T_TLSA) &&
		    resolv_wake_ms(&t->u.rq) < until) {
			until = resolv_wake_ms(&t->u.rq);
		}
		until = until > now ? until - now : 0;
		if (wait_ms < 0 || until < wait_ms) {
			wait_ms = until;
		}
	}
	return wait_ms;
}

/*
 * A source with nothing right now and nothing in flight, and no
 * descriptors of the caller's to wake the loop: ask it again this often.
 */
#define DRY_WAIT_MS 10

/* see loop.h */
long
loop_run(const struct loop_opts *o, loop_report_fn fn, void *ctx)
{
	struct run r;
	size_t i;

	memset(&r, 0, sizeof r);
	r.o = o;
	r.nslots = o->num_workers;
	r.slots = calloc(r.nslots, sizeof *r.slots);
	r.pfd = calloc(r.nslots + (o->prepare != NULL ? o->io_cap : 0),
	    sizeof *r.pfd);
	if (r.slots == NULL || r.pfd == NULL ||
	    window_init(&r.w, r.nslots, o->per_host) < 0) {
		free(r.slots);
		free(r.pfd);
		return fail_all(o, fn, ctx);
	}
	/* Read once for the run: every target shares it. */
	resolv_conf_load(&r.conf);
	for (i = 0; i < r.nslots; i++) {
		r.slots[i].state = T_IDLE;
		r.slots[i].fd = -1;
	}
	for (;;) {
		int64_t now;
		int64_t wait_ms;
		int64_t io_wait_ms = -1;
		size_t shown;
		size_t nio = 0;
		int rc;

		r.is_dry = false;
		fill(&r);
		shown = show(&r, fn, ctx);
		if (r.is_end && r.w.n == 0) {
			break;
		}
		now = target_now_ms();
		wait_ms = prepare_poll(&r, now);
		if (wait_ms < 0 && shown > 0) {
			continue;	/* a slot was released: start more */
		}
		if (wait_ms < 0 && (!r.is_dry || o->prepare == NULL)) {
			wait_ms = r.is_dry ? DRY_WAIT_MS : 0;
		}
		if (o->prepare != NULL) {
			nio = o->prepare(o->io_ctx, r.pfd + r.nslots, o->io_cap,
			    now, &io_wait_ms);
		}
		if (io_wait_ms >= 0 && (wait_ms < 0 || io_wait_ms < wait_ms)) {
			wait_ms = io_wait_ms;
		}
		rc = poll(r.pfd, r.nslots + nio, wait_ms < 0 ? -1 :
		    wait_ms > 0 ? (int)wait_ms + 1 : 0);
		if (rc < 0 && errno != EINTR) {
			abandon(&r, errno);
			rc = 0;
		}
		now = target_now_ms();
		if (o->dispatch != NULL) {
			if (rc <= 0) {
				for (i = 0; i < nio; i++) {
					r.pfd[r.nslots + i].revents = 0;
				}
			}
			o->dispatch(o->io_ctx, r.pfd + r.nslots, nio, now);
		}
		if (r.fail_sys != 0) {
			continue;	/* show them all */
		}
		for (i = 0; i < r.nslots; i++) {
			struct target *t = &r.slots[i];

			if (t->state == T_IDLE || t->state == T_DONE) {
				continue;
			}
			target_advance(o, t, rc > 0 ? r.pfd[i].revents : 0, now);
			settle(&r, t);
		}
	}
	for (i = 0; i < r.nslots; i++) {
		target_close_fd(&r.slots[i]);
	}
	resolv_conf_free(&r.conf);
	window_free(&r.w);
	free(r.slots);
	free(r.pfd);
	return r.failed;
}
