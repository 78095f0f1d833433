/* SPDX-License-Identifier: MIT */
/*
 * cache: `ccheck server`'s results, one entry per SPEC text and protocol,
 * kept for a TTL, and the source the probe loop pulls from.  A request
 * for a SPEC that is queued or running joins it (coalescing: N requests,
 * one probe); one that finished within the TTL is answered from here, a
 * failure too, so neither a scraper nor a crowd makes the server hammer a
 * target.  Each finished probe is rendered at once, in every form an
 * answer may take (a Go ccheck JSON element, a text line, Prometheus
 * metrics), so no report or chain is kept.  Fixed capacity, no
 * allocation: when every entry is queued, running or held by a waiting
 * request, cache_get says so (the server answers 503).
 */
#ifndef CK_CACHE_H
#define CK_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "err.h"
#include "dane.h"
#include "loop.h"

/* Entries: SPECs queued, running or remembered at once. */
#define CACHE_ENTRIES 128
/* A SPEC's text: a host, a server name and a port, with room. */
#define CACHE_KEY_CAP 640
/* One JSON element: the SPEC twice escaped is the longest part; then
 * --dane's line. */
#define CACHE_JSON_CAP (4 * CACHE_KEY_CAP + DANE_TEXT_CAP)
/* One text line: the SPEC and out_summary's line (with --dane's). */
#define CACHE_TEXT_CAP (1024 + DANE_TEXT_CAP)
/* /probe's metrics: the families, and a series per certificate (a
 * subject and issuer label each, up to X509_NAME_CAP). */
#define CACHE_PROM_CAP 8192

enum cache_state {
	CACHE_FREE,
	CACHE_QUEUED,			/* waits for a slot of the loop */
	CACHE_RUNNING,			/* in the loop, as seq */
	CACHE_DONE			/* rendered; valid until done_ms + ttl */
};

struct cache_entry {
	enum cache_state state;
	enum proto proto;
	enum spec_pg_neg neg;
	uint16_t port;			/* 0: the SPEC's or proto's default */
	char key[CACHE_KEY_CAP];	/* the SPEC as requested */
	uint64_t ticket;		/* QUEUED: first come, first probed */
	size_t seq;			/* RUNNING: the loop's input order */
	size_t refs;			/* requests waiting for it */
	int64_t done_ms;
	bool is_stale;			/* DONE, but answers nobody new */
	bool is_ok;
	char json[CACHE_JSON_CAP];
	size_t json_len;
	char text[CACHE_TEXT_CAP];
	size_t text_len;
	char prom[CACHE_PROM_CAP];
	size_t prom_len;
};

/* The server's counters, for /metrics. */
struct cache_stats {
	uint64_t probes;		/* finished */
	uint64_t failures[CK_E__COUNT];	/* by reason */
	uint64_t hits;			/* answered from a finished entry */
	uint64_t joined;		/* joined a queued or running one */
	uint64_t misses;		/* queued a probe */
	uint64_t full;			/* no entry free: 503 */
};

struct cache {
	struct cache_entry e[CACHE_ENTRIES];
	int64_t ttl_ms;
	uint64_t ticket_next;
	size_t seq_next;		/* what the loop will number next */
	size_t running;
	struct cache_stats st;
};

enum cache_how {
	CACHE_HIT,
	CACHE_JOINED,
	CACHE_MISS
};

/* Empties c; results are kept ttl_ms (0: only for the waiting). */
void cache_init(struct cache *c, int64_t ttl_ms);

/*
 * The entry for SPEC text key (proto, neg; port: a protocol's default
 * port when the SPEC names none, else 0), now: a finished one within its
 * TTL, a queued or running one, else a new queued one (replacing the
 * stalest finished entry nobody waits for).  Takes a reference (drop it
 * with cache_put).  Returns its index and sets *how, or -1 when no
 * entry is free or key is too long (len >= CACHE_KEY_CAP).
 */
long cache_get(struct cache *c, const char *key, enum proto proto,
    enum spec_pg_neg neg, uint16_t port, int64_t now_ms,
    enum cache_how *how);

/*
 * Forgets every finished result, as the settings it was made under
 * (roots, CRLs, a client certificate) changed; one a request still
 * holds stays for that request only.  Results are kept ttl_ms from now
 * on.  Queued entries stay queued; none must be running.
 */
void cache_flush(struct cache *c, int64_t ttl_ms);

/* Drops a reference cache_get took. */
void cache_put(struct cache *c, size_t i);

/* True when some entry waits for a slot. */
bool cache_has_queued(const struct cache *c);

/*
 * loop_next_fn over a struct cache: the oldest queued entry as a SPEC
 * (spec_parse_net: never a file), or 0 when none is queued.
 */
int cache_next(void *ctx, struct loop_spec *out);

/* loop_report_fn: renders the report into its entry, which is DONE. */
void cache_report(void *ctx, size_t i, const struct spec *sp,
    const struct report *rep);

/*
 * Writes the cache's metrics (the Prometheus text format) to f: probes
 * finished, failures by reason, in flight, queued, hits, joins, misses.
 */
void cache_metrics(const struct cache *c, FILE *f);

/* One family of the text format with its one sample: # HELP, # TYPE
 * (type "counter" or "gauge") and "name v". */
void cache_family(FILE *f, const char *name, const char *type,
    const char *help, uint64_t v);

/*
 * A memory stream for rendering into a fixed buffer (open_memstream,
 * which the one-shot outputs link anyway, in place of fmemopen).
 * cache_mem_open returns the stream, or NULL (out of memory).
 * cache_mem_take closes it, copies what was written into buf and frees
 * it; returns the length, or 0 when a write failed, nothing was
 * written or it is longer than cap (buf then holds nothing useful).
 */
struct cache_mem {
	char *p;
	size_t len;
};
FILE *cache_mem_open(struct cache_mem *m);
size_t cache_mem_take(struct cache_mem *m, FILE *f, char *buf, size_t cap);

/* "2026-12-03 12:00:00 UTC" (Go ccheck's timestamp) of t into out[24]. */
void cache_timestamp(int64_t t, char out[24]);

#endif
