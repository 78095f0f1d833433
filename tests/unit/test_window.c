/* SPDX-License-Identifier: MIT */
/*
 * test_window: the ordered ring and the --per-host counts (src/window.h).
 * Jobs come out in input order whatever order they finish in; the ring
 * refuses a job past its capacity; a host at its limit cannot start, a
 * name counts without case and with its port, files are never limited;
 * and the hash table's deletions keep every count right (a random walk
 * checked against plain counting).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "window.h"

/* Pushes a job for addr:port (NULL addr: a file), or returns NULL. */
static struct job *
add(struct window *w, const char *addr, unsigned port)
{
	struct job *j = window_tail(w);

	if (j == NULL) {
		return NULL;
	}
	memset(&j->in, 0, sizeof j->in);
	j->in.spec.kind = addr != NULL ? SPEC_KIND_NET : SPEC_KIND_FILE;
	snprintf(j->in.spec.addr, sizeof j->in.spec.addr, "%s",
	    addr != NULL ? addr : "");
	j->in.spec.port = (uint16_t)port;
	window_push(w, j);
	return j;
}

static void
test_order(void)
{
	struct window w;
	struct job *j[8];
	size_t i;

	CHECK(window_init(&w, 2, 8) == 0);
	CHECK(w.cap == 2 * WINDOW_JOBS_PER_SLOT);
	for (i = 0; i < w.cap; i++) {
		j[i] = add(&w, "h", 1);
		CHECK(j[i] != NULL && j[i]->seq == i);
	}
	CHECKF(add(&w, "h", 1) == NULL, "full at %zu jobs", w.cap);
	/* Finish them last first: none shows until the first is done. */
	for (i = w.cap; i-- > 1;) {
		window_run(&w, j[i]);
		window_done(&w, j[i]);
		CHECK(window_head_done(&w) == NULL);
	}
	window_run(&w, j[0]);
	window_done(&w, j[0]);
	for (i = 0; i < w.cap; i++) {
		struct job *h = window_head_done(&w);

		CHECKF(h != NULL && h->seq == i, "shown in order: %zu", i);
		if (h == NULL) {
			break;
		}
		window_pop(&w);
	}
	CHECK(w.n == 0 && window_head_done(&w) == NULL);
	/* The ring wraps: seq goes on. */
	j[0] = add(&w, "h", 1);
	CHECK(j[0] != NULL && j[0]->seq == 8);
	/* A failed SPEC is done when pushed. */
	j[1] = window_tail(&w);
	memset(&j[1]->in, 0, sizeof j[1]->in);
	result_fail(&j[1]->in.res, CK_E_SPEC, "bad");
	window_push(&w, j[1]);
	CHECK(j[1]->state == JOB_DONE && j[1]->rep.res.err == CK_E_SPEC);
	window_free(&w);
}

static void
test_per_host(void)
{
	struct window w;
	struct job *a1;
	struct job *a2;
	struct job *a3;
	struct job *b;
	struct job *f;

	CHECK(window_init(&w, 4, 2) == 0);
	a1 = add(&w, "db.example", 5432);
	a2 = add(&w, "DB.Example", 5432);	/* the same host */
	a3 = add(&w, "db.example", 5432);
	b = add(&w, "db.example", 5433);	/* another port */
	CHECK(window_may_start(&w, a1));
	window_run(&w, a1);
	CHECK(window_may_start(&w, a2));
	window_run(&w, a2);
	CHECK(!window_may_start(&w, a3));	/* at 2 */
	CHECK(window_may_start(&w, b));
	CHECK(!window_may_start(&w, a1));	/* running, not waiting */
	window_done(&w, a1);
	CHECK(window_may_start(&w, a3));
	window_run(&w, a3);
	window_done(&w, a2);
	window_done(&w, a3);
	window_pop(&w);
	window_pop(&w);
	window_pop(&w);
	/* Files are never limited. */
	window_run(&w, b);
	f = add(&w, NULL, 0);
	window_run(&w, f);
	f = add(&w, NULL, 0);
	window_run(&w, f);
	f = add(&w, NULL, 0);
	CHECK(f != NULL && f->host == 0 && window_may_start(&w, f));
	window_free(&w);
}

/* Many hosts in and out of the table, against plain counting. */
static void
test_random(void)
{
	enum { SLOTS = 64, HOSTS = 200, STEPS = 20000 };
	static size_t want[HOSTS];
	struct job *running[SLOTS];
	size_t n_running = 0;
	struct window w;
	char name[32];
	unsigned seed = 1;
	size_t bad = 0;
	size_t i;
	size_t k;

	CHECK(window_init(&w, SLOTS, 3) == 0);
	for (i = 0; i < STEPS; i++) {
		seed = seed * 1103515245 + 12345;
		if (n_running == SLOTS || (n_running > 0 && (seed >> 16) & 1)) {
			k = (seed >> 17) % n_running;
			window_done(&w, running[k]);
			want[running[k]->in.spec.port]--;
			running[k] = running[--n_running];
			continue;
		}
		while (w.n > 0 && window_at(&w, 0)->state != JOB_RUNNING) {
			window_pop(&w);
		}
		if (w.n == w.cap) {
			continue;
		}
		k = (seed >> 8) % HOSTS;
		snprintf(name, sizeof name, "h%zu", k);
		running[n_running] = add(&w, name, (unsigned)k);
		if (window_may_start(&w, running[n_running]) != (want[k] < 3)) {
			bad++;
		}
		if (want[k] < 3) {
			window_run(&w, running[n_running++]);
			want[k]++;
		} else {
			window_done(&w, running[n_running]);
		}
	}
	CHECKF(bad == 0, "%zu of %d steps disagreed with plain counting", bad,
	    STEPS);
	window_free(&w);
}

int
main(void)
{
	test_order();
	test_per_host();
	test_random();
	return t_exit();
}
