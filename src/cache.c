/* SPDX-License-Identifier: MIT */
/*
 * cache: the server's results by SPEC, the loop's source of SPECs, and
 * the rendering of each finished probe (see cache.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cache.h"
#include "fmt.h"
#include "out.h"
#include "out_prom.h"
#include "target.h"
#include "tls.h"
#include "x509.h"
#include "x509_info.h"

/* see cache.h */
void
cache_init(struct cache *c, int64_t ttl_ms)
{
	memset(c, 0, sizeof *c);
	c->ttl_ms = ttl_ms;
}

static bool
is_fresh(const struct cache *c, const struct cache_entry *e, int64_t now)
{
	return e->state != CACHE_DONE || (!e->is_stale &&
	    now - e->done_ms < c->ttl_ms);
}

/* see cache.h */
void
cache_flush(struct cache *c, int64_t ttl_ms)
{
	size_t i;

	c->ttl_ms = ttl_ms;
	for (i = 0; i < CACHE_ENTRIES; i++) {
		if (c->e[i].state != CACHE_DONE) {
			continue;
		}
		c->e[i].is_stale = true;
		if (c->e[i].refs == 0) {
			c->e[i].state = CACHE_FREE;
		}
	}
}

/* see cache.h */
long
cache_get(struct cache *c, const char *key, enum proto proto,
    enum spec_pg_neg neg, uint16_t port, int64_t now_ms,
    enum cache_how *how)
{
	struct cache_entry *e;
	long spare = -1;
	size_t i;

	if (strlen(key) >= CACHE_KEY_CAP) {
		return -1;
	}
	for (i = 0; i < CACHE_ENTRIES; i++) {
		e = &c->e[i];
		if (e->state != CACHE_FREE && e->proto == proto &&
		    e->neg == neg && e->port == port &&
		    strcmp(e->key, key) == 0 && is_fresh(c, e, now_ms)) {
			*how = e->state == CACHE_DONE ? CACHE_HIT :
			    CACHE_JOINED;
			c->st.hits += *how == CACHE_HIT;
			c->st.joined += *how == CACHE_JOINED;
			e->refs++;
			return (long)i;
		}
		/* A free entry, else the stalest finished one unused. */
		if (e->refs == 0 && (e->state == CACHE_FREE ||
		    (e->state == CACHE_DONE && (spare < 0 ||
		    (c->e[spare].state == CACHE_DONE &&
		    e->done_ms < c->e[spare].done_ms))))) {
			spare = (long)i;
		}
	}
	if (spare < 0) {
		c->st.full++;
		return -1;
	}
	e = &c->e[spare];
	e->state = CACHE_QUEUED;
	e->is_stale = false;
	e->proto = proto;
	e->neg = neg;
	e->port = port;
	strcpy(e->key, key);
	e->ticket = c->ticket_next++;
	e->refs = 1;
	c->st.misses++;
	*how = CACHE_MISS;
	return spare;
}

/* see cache.h */
void
cache_put(struct cache *c, size_t i)
{
	if (c->e[i].refs > 0) {
		c->e[i].refs--;
	}
}

/* see cache.h */
bool
cache_has_queued(const struct cache *c)
{
	size_t i;

	for (i = 0; i < CACHE_ENTRIES; i++) {
		if (c->e[i].state == CACHE_QUEUED) {
			return true;
		}
	}
	return false;
}

/* see cache.h */
int
cache_next(void *ctx, struct loop_spec *out)
{
	struct cache *c = ctx;
	struct cache_entry *e = NULL;
	const char *why;
	size_t i;

	for (i = 0; i < CACHE_ENTRIES; i++) {
		if (c->e[i].state == CACHE_QUEUED &&
		    (e == NULL || c->e[i].ticket < e->ticket)) {
			e = &c->e[i];
		}
	}
	if (e == NULL) {
		return 0;
	}
	memset(&out->res, 0, sizeof out->res);
	strcpy(out->text, e->key);
	/* The server parsed it before queueing: this cannot fail. */
	why = spec_parse_net(out->text, e->proto, &out->spec);
	if (why != NULL) {
		result_fail(&out->res, CK_E_SPEC, "%s", why);
	}
	out->spec.pg_neg = e->neg;
	if (e->port != 0 && !out->spec.has_port) {
		out->spec.port = e->port;
	}
	e->state = CACHE_RUNNING;
	e->seq = c->seq_next++;
	c->running++;
	return 1;
}

/* see cache.h */
void
cache_timestamp(int64_t t, char out[24])
{
	char iso[21];

	x509_time_format(t, iso);	/* 2026-12-03T12:00:00Z */
	iso[10] = ' ';
	iso[19] = '\0';
	fmt_snprintf(out, 24, "%s UTC", iso);
}

/* Go ccheck's protocol numbers: plain TLS, STARTTLS, PostgreSQL. */
static int
go_protocol(enum proto p)
{
	return p == PROTO_TLS ? 0 : p == PROTO_POSTGRES ? 2 : 1;
}

/* key (the JSON up to a value's colon), then v as a JSON string. */
static void
str_field(FILE *f, const char *key, const char *v)
{
	fputs(key, f);
	out_json_str(f, v);
}

/*
 * Go ccheck's CertResult for one SPEC: spec, result, error, timestamp.
 * The result has Go's scalar fields; Go's whole x509.Certificate
 * structs (cert, peer_certificates, verified_chains) are left out, and
 * error is the reason's text (Go marshals most errors as {}).
 */
static void
render_json(FILE *f, const struct cache_entry *e, const struct report *rep,
    int64_t now)
{
	struct x509_info in;
	const struct x509_chain *ch = rep->chain;
	char why[RESULT_DETAIL_CAP + 128];
	char dane[DANE_TEXT_CAP];
	char ts[24];
	bool has = rep->has_verdict;

	str_field(f, "{\"spec\":", e->key);
	fmt_fprintf(f, ",\"result\":{\"protocol\":%d,\"success\":%s,"
	    "\"days_left\":%ld,\"expired\":%s,\"delay\":%lld",
	    go_protocol(rep->proto), rep->res.err == CK_E_OK ? "true" :
	    "false", has ? rep->verdict.days_left : -1L,
	    has && rep->verdict.not_after < now ? "true" : "false",
	    (long long)rep->elapsed_ms * 1000000LL);
	if (ch != NULL && ch->n > 0 &&
	    x509_info_fill(ch->buf + ch->off[0], ch->len[0], &in) == 0) {
		str_field(f, ",\"cert_serial\":", in.serial);
	}
	if (rep->tls_version != 0) {
		str_field(f, ",\"tls_version\":",
		    tls_version_name(rep->tls_version));
		str_field(f, ",\"cipher_suite\":",
		    tls_suite_name(rep->cipher_suite));
	}
	if (has) {
		x509_time_format(rep->verdict.not_after, ts);
		str_field(f, ",\"not_after\":", ts);
	}
	if (out_verification(rep) != NULL) {
		str_field(f, ",\"verification\":", out_verification(rep));
	}
	if (rep->dane.state != DANE_S_NONE) {
		str_field(f, ",\"dane\":", dane_format(&rep->dane, dane,
		    sizeof dane));
	}
	if (rep->res.err == CK_E_OK) {
		fputs("},\"error\":null", f);
	} else {
		str_field(f, "},\"error\":", result_format(&rep->res, why,
		    sizeof why));
	}
	cache_timestamp(now, ts);
	str_field(f, ",\"timestamp\":", ts);
	putc('}', f);
}

/* see cache.h */
FILE *
cache_mem_open(struct cache_mem *m)
{
	m->p = NULL;
	m->len = 0;
	return open_memstream(&m->p, &m->len);
}

/* see cache.h */
size_t
cache_mem_take(struct cache_mem *m, FILE *f, char *buf, size_t cap)
{
	bool is_bad = ferror(f) != 0;
	size_t len;

	is_bad |= fclose(f) != 0;	/* the length is known once flushed */
	len = m->len;
	if (is_bad || len > cap) {
		len = 0;
	}
	if (len > 0) {
		memcpy(buf, m->p, len);
	}
	free(m->p);
	return len;
}

/*
 * Renders into buf (cap bytes, less one: room a C string would need)
 * with fn.  Returns the length, or 0 when it did not fit.
 */
static size_t
render(char *buf, size_t cap, void (*fn)(FILE *, const struct cache_entry *,
    const struct spec *, const struct report *, int64_t),
    const struct cache_entry *e, const struct spec *sp,
    const struct report *rep, int64_t now)
{
	struct cache_mem m;
	FILE *f = cache_mem_open(&m);

	if (f == NULL) {
		return 0;
	}
	fn(f, e, sp, rep, now);
	return cache_mem_take(&m, f, buf, cap - 1);
}

static void
json_fn(FILE *f, const struct cache_entry *e, const struct spec *sp,
    const struct report *rep, int64_t now)
{
	(void)sp;
	render_json(f, e, rep, now);
}

static void
text_fn(FILE *f, const struct cache_entry *e, const struct spec *sp,
    const struct report *rep, int64_t now)
{
	char line[OUT_SUMMARY_CAP];

	(void)sp;
	(void)now;
	fmt_fprintf(f, "%s: %s\n", e->key, out_summary(rep, true, line,
	    sizeof line));
}

static void
prom_fn(FILE *f, const struct cache_entry *e, const struct spec *sp,
    const struct report *rep, int64_t now)
{
	(void)e;
	(void)now;
	out_prom_target(f, sp, rep);
}

/* see cache.h */
void
cache_report(void *ctx, size_t i, const struct spec *sp,
    const struct report *rep)
{
	struct cache *c = ctx;
	struct cache_entry *e = NULL;
	struct report bare;
	int64_t now = (int64_t)time(NULL);
	size_t k;

	for (k = 0; k < CACHE_ENTRIES; k++) {
		if (c->e[k].state == CACHE_RUNNING && c->e[k].seq == i) {
			e = &c->e[k];
			break;
		}
	}
	if (e == NULL) {
		return;		/* cannot happen: every SPEC is an entry's */
	}
	c->running--;
	c->st.probes++;
	if (rep->res.err != CK_E_OK && (unsigned)rep->res.err < CK_E__COUNT) {
		c->st.failures[rep->res.err]++;
	}
	e->is_ok = rep->res.err == CK_E_OK;
	e->json_len = render(e->json, sizeof e->json, json_fn, e, sp, rep,
	    now);
	e->text_len = render(e->text, sizeof e->text, text_fn, e, sp, rep,
	    now);
	e->prom_len = render(e->prom, sizeof e->prom, prom_fn, e, sp, rep,
	    now);
	if (e->prom_len == 0) {
		/* A chain too long to list: the target's series only. */
		bare = *rep;
		bare.chain = NULL;
		e->prom_len = render(e->prom, sizeof e->prom, prom_fn, e, sp,
		    &bare, now);
	}
	e->done_ms = target_now_ms();
	e->state = CACHE_DONE;
}

static void
head(FILE *f, const char *name, const char *type, const char *help)
{
	fmt_fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", name, help, name,
	    type);
}

/* see cache.h */
void
cache_family(FILE *f, const char *name, const char *type, const char *help,
    uint64_t v)
{
	head(f, name, type, help);
	fmt_fprintf(f, "%s %llu\n", name, (unsigned long long)v);
}

/* see cache.h */
void
cache_metrics(const struct cache *c, FILE *f)
{
	static const char failures[] = "ccheck_server_probe_failures_total";
	const char *name;
	size_t queued = 0;
	size_t i;
	size_t k;

	for (i = 0; i < CACHE_ENTRIES; i++) {
		queued += c->e[i].state == CACHE_QUEUED;
	}
	cache_family(f, "ccheck_server_probes_total", "counter",
	    "Probes finished.", c->st.probes);
	head(f, failures, "counter", "Probes failed, by reason.");
	for (i = 1; i < CK_E__COUNT; i++) {
		if (c->st.failures[i] == 0) {
			continue;
		}
		fmt_fprintf(f, "%s{reason=\"", failures);
		name = ck_err_name((enum ck_err)i);
		for (k = 0; name[k] != '\0'; k++) {
			putc(name[k] >= 'A' && name[k] <= 'Z' ? name[k] + 32 :
			    name[k], f);
		}
		fmt_fprintf(f, "\"} %llu\n",
		    (unsigned long long)c->st.failures[i]);
	}
	cache_family(f, "ccheck_server_probes_in_flight", "gauge",
	    "Probes running now.", c->running);
	cache_family(f, "ccheck_server_probes_queued", "gauge",
	    "Probes waiting for a worker.", queued);
	cache_family(f, "ccheck_server_cache_hits_total", "counter",
	    "SPECs answered from the cache.", c->st.hits);
	cache_family(f, "ccheck_server_cache_joined_total", "counter",
	    "SPECs that joined a probe already queued or running.",
	    c->st.joined);
	cache_family(f, "ccheck_server_cache_misses_total", "counter",
	    "SPECs that started a probe.", c->st.misses);
	cache_family(f, "ccheck_server_cache_full_total", "counter",
	    "SPECs refused: no cache entry free (503).", c->st.full);
}
