/* SPDX-License-Identifier: MIT */
/*
 * window: the ordered ring of jobs between input and output, and the
 * per-host count of running jobs.  Allocated once per run; nothing is
 * allocated while probing.
 */
#include <stdlib.h>
#include <string.h>

#include "window.h"

/* FNV-1a, 64 bits (the offset basis and prime of the FNV spec). */
#define FNV_BASIS 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

static uint64_t
fnv(uint64_t h, unsigned char c)
{
	return (h ^ c) * FNV_PRIME;
}

/* The host key of sp: its addr, without case, and its port. */
static uint64_t
host_of(const struct spec *sp)
{
	const char *p;
	uint64_t h = FNV_BASIS;

	if (sp->kind != SPEC_KIND_NET) {
		return 0;
	}
	for (p = sp->addr; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;

		h = fnv(h, c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	h = fnv(h, 0);			/* "a" port 1 is not "a\x01" */
	h = fnv(h, (unsigned char)(sp->port >> 8));
	h = fnv(h, (unsigned char)sp->port);
	return h != 0 ? h : 1;
}

/* see window.h */
int
window_init(struct window *w, size_t nslots, size_t per_host)
{
	memset(w, 0, sizeof *w);
	w->cap = nslots * WINDOW_JOBS_PER_SLOT;
	/* Running hosts <= nslots: the table stays at most half full. */
	w->hosts_cap = 4;
	while (w->hosts_cap <= 2 * nslots) {
		w->hosts_cap *= 2;
	}
	w->per_host = per_host;
	/* Pages of the ring become resident only as jobs reach them. */
	w->jobs = calloc(w->cap, sizeof *w->jobs);
	w->hosts = calloc(w->hosts_cap, sizeof *w->hosts);
	if (w->jobs == NULL || w->hosts == NULL) {
		window_free(w);
		return -1;
	}
	return 0;
}

/* see window.h */
void
window_free(struct window *w)
{
	free(w->jobs);
	free(w->hosts);
	w->jobs = NULL;
	w->hosts = NULL;
}

/* see window.h */
struct job *
window_tail(struct window *w)
{
	if (w->n == w->cap) {
		return NULL;
	}
	return &w->jobs[(w->head + w->n) % w->cap];
}

/* see window.h */
void
window_push(struct window *w, struct job *j)
{
	j->seq = w->seq_next++;
	j->host = host_of(&j->in.spec);
	memset(&j->rep, 0, sizeof j->rep);
	j->rep.proto = j->in.spec.proto;
	j->state = JOB_WAITING;
	j->is_shown = false;
	if (j->in.res.err != CK_E_OK) {
		j->rep.res = j->in.res;
		j->state = JOB_DONE;
	}
	w->n++;
}

/* see window.h */
struct job *
window_at(const struct window *w, size_t pos)
{
	return &w->jobs[(w->head + pos) % w->cap];
}

/* The entry of host h, or the empty one where it would go. */
static size_t
host_find(const struct window *w, uint64_t h)
{
	size_t mask = w->hosts_cap - 1;
	size_t i = (size_t)h & mask;

	while (w->hosts[i].host != 0 && w->hosts[i].host != h) {
		i = (i + 1) & mask;
	}
	return i;
}

/*
 * Empties entry i, moving later entries of its probe run back so that
 * every entry stays reachable from its home (Knuth's algorithm R).
 */
static void
host_delete(struct window *w, size_t i)
{
	size_t mask = w->hosts_cap - 1;
	size_t j = i;
	size_t home;

	for (;;) {
		j = (j + 1) & mask;
		if (w->hosts[j].host == 0) {
			break;
		}
		home = (size_t)w->hosts[j].host & mask;
		/* Stays when its home lies cyclically in (i, j]. */
		if (i <= j ? i < home && home <= j : i < home || home <= j) {
			continue;
		}
		w->hosts[i] = w->hosts[j];
		i = j;
	}
	w->hosts[i].host = 0;
	w->hosts[i].n = 0;
}

/* see window.h */
bool
window_may_start(const struct window *w, const struct job *j)
{
	if (j->state != JOB_WAITING) {
		return false;
	}
	return j->host == 0 ||
	    w->hosts[host_find(w, j->host)].n < w->per_host;
}

/* see window.h */
void
window_run(struct window *w, struct job *j)
{
	size_t i;

	j->state = JOB_RUNNING;
	if (j->host == 0) {
		return;
	}
	i = host_find(w, j->host);
	w->hosts[i].host = j->host;
	w->hosts[i].n++;
}

/* see window.h */
void
window_done(struct window *w, struct job *j)
{
	size_t i;

	if (j->state == JOB_RUNNING && j->host != 0) {
		i = host_find(w, j->host);
		if (w->hosts[i].host != 0 && --w->hosts[i].n == 0) {
			host_delete(w, i);
		}
	}
	j->state = JOB_DONE;
}

/* see window.h */
struct job *
window_head_done(const struct window *w)
{
	struct job *j;

	if (w->n == 0) {
		return NULL;
	}
	j = &w->jobs[w->head];
	return j->state == JOB_DONE ? j : NULL;
}

/* see window.h */
void
window_pop(struct window *w)
{
	w->head = (w->head + 1) % w->cap;
	w->n--;
}
