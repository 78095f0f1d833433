/* SPDX-License-Identifier: MIT */
/*
 * server_http: the clients of `ccheck server`: reading request heads
 * (http.h), routing them, answering from the cache or waiting for its
 * probes, writing answers without blocking, one log line per request.
 * One request per connection is in progress at a time, so pipelined
 * requests are answered in order; their bytes wait in the client's
 * buffer, which is not read further until the answer is written.
 */
/* accept4(): GNU and BSD, not POSIX (glibc wants this; musl takes it). */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "fmt.h"
#include "out.h"
#include "proto.h"
#include "server_int.h"
#include "spec.h"
#include "x509.h"

static const char prom_type[] = "text/plain; version=0.0.4; charset=utf-8";

/* One request, parsed: shared, as only one client is parsed at a time. */
static struct http_req req;

/* see server_int.h */
void
srv_client_close(struct srv *s, struct client *cl)
{
	size_t i;

	for (i = 0; i < cl->n_ents; i++) {
		cache_put(&s->cache, cl->ents[i]);
	}
	cl->n_ents = 0;
	if (cl->fd >= 0) {
		close(cl->fd);
	}
	cl->fd = -1;
	cl->state = CL_FREE;
}

/* Waits for the next request: from its first byte, read_ms. */
static void
read_next(struct srv *s, struct client *cl, int64_t now)
{
	http_parser_reset(&cl->p);
	cl->state = CL_READ;
	cl->has_start = cl->in_len > 0;
	cl->deadline_ms = now + (cl->has_start ? s->set.read_ms :
	    s->set.idle_ms);
	cl->idle_from_ms = now;
}

/*
 * Makes room by closing the client idle longest between requests (or
 * since it connected), as HTTP lets a server close an idle persistent
 * connection at any time (RFC 9112 9.6): otherwise 64 clients holding
 * connections open would lock every other one out.  One whose next
 * request has arrived, unread yet, is not idle.  Returns the freed
 * slot, or NULL when every client has a request in progress.
 */
static struct client *
evict(struct srv *s)
{
	struct client *v = NULL;
	struct client *cl;
	char b;
	size_t i;

	for (i = 0; i < SERVER_CLIENTS; i++) {
		cl = &s->cl[i];
		if (cl->state != CL_READ || cl->has_start || (v != NULL &&
		    cl->idle_from_ms >= v->idle_from_ms) ||
		    recv(cl->fd, &b, 1, MSG_PEEK | MSG_DONTWAIT) > 0) {
			continue;
		}
		v = cl;
	}
	if (v != NULL) {
		srv_client_close(s, v);
	}
	return v;
}

/* see server_int.h */
void
srv_accept(struct srv *s, int64_t now)
{
	static const char busy[] = "HTTP/1.1 503 Service Unavailable\r\n"
	    "Content-Length: 0\r\nConnection: close\r\n\r\n";
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	struct client *cl = NULL;
	size_t i;
	ssize_t w;
	int fd;

	fd = accept4(s->lfd, (struct sockaddr *)&ss, &len,
	    SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd < 0) {
		return;		/* EAGAIN, a reset in the backlog, EMFILE */
	}
	for (i = 0; i < SERVER_CLIENTS && cl == NULL; i++) {
		if (s->cl[i].state == CL_FREE) {
			cl = &s->cl[i];
		}
	}
	if (cl == NULL && (cl = evict(s)) == NULL) {
		s->dropped++;
		w = send(fd, busy, sizeof busy - 1, MSG_NOSIGNAL);
		(void)w;
		close(fd);
		return;
	}
	/* The head and the body are two sends: without this, Nagle holds
	 * the body until the client's delayed ACK of the head (40 ms for
	 * every answer on a kept connection). */
	(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &(int){1}, sizeof(int));
	memset(cl, 0, offsetof(struct client, in));
	cl->fd = fd;
	if (ss.ss_family == AF_INET) {
		ip_format((unsigned char *)&((struct sockaddr_in *)&ss)->
		    sin_addr, 4, cl->peer, sizeof cl->peer);
	} else if (ss.ss_family == AF_INET6) {
		ip_format((unsigned char *)&((struct sockaddr_in6 *)&ss)->
		    sin6_addr, 16, cl->peer, sizeof cl->peer);
	} else {
		strcpy(cl->peer, "-");
	}
	cl->in_len = 0;
	read_next(s, cl, now);
}

/* Apache's Common Log Format, the date in RFC 3339, and our counts. */
static void
log_request(const struct srv *s, const struct client *cl, size_t len,
    int64_t now)
{
	char date[21];

	(void)s;
	x509_time_format((int64_t)time(NULL), date);
	fmt_fprintf(stderr, "%s - - [%s] \"%s\" %d %zu probes=%u cached=%u "
	    "joined=%u ms=%lld\n", cl->from, date, cl->line, cl->status, len,
	    cl->n_miss, cl->n_hit, cl->n_joined,
	    (long long)(now - cl->start_ms));
}

/* The pieces of the body; NULL after the last.  Piece 0 is the head. */
static const char *
piece(const struct srv *s, const struct client *cl, size_t k, size_t *len)
{
	static const char unrendered[] = "{\"error\":\"result too large\"}";
	const struct cache_entry *e;

	if (k == 0) {
		*len = cl->head_len;
		return cl->head;
	}
	k--;
	switch (cl->body_kind) {
	case BODY_OWN:
		*len = cl->body_len;
		return k == 0 ? cl->body : NULL;
	case BODY_PROM:
		e = &s->cache.e[cl->ents[0]];
		*len = e->prom_len;
		return k == 0 ? e->prom : NULL;
	case BODY_TEXT:
		if (k >= cl->n_ents) {
			return NULL;
		}
		e = &s->cache.e[cl->ents[k]];
		*len = e->text_len;
		return e->text;
	default:
		/* "[" e0 "," e1 ... "]\n\n" */
		if (k == 2 * cl->n_ents) {
			*len = 3;
			return "]\n\n";
		}
		if (k > 2 * cl->n_ents) {
			return NULL;
		}
		if (k % 2 == 0) {
			*len = 1;
			return k == 0 ? "[" : ",";
		}
		e = &s->cache.e[cl->ents[k / 2]];
		if (e->json_len == 0) {
			*len = sizeof unrendered - 1;
			return unrendered;
		}
		*len = e->json_len;
		return e->json;
	}
}

/* Writes the head for the body's pieces and starts writing. */
static void
respond(struct srv *s, struct client *cl, int64_t now)
{
	const char *type;
	size_t body_len = 0;
	size_t len;
	size_t k;

	/* HEAD too: the length GET's body would have. */
	for (k = 1; piece(s, cl, k, &len) != NULL; k++) {
		body_len += len;
	}
	switch (cl->body_kind) {
	case BODY_PROM:
		type = prom_type;
		break;
	case BODY_OWN:
		type = cl->media == HTTP_MEDIA_NONE ? "text/plain; "
		    "charset=utf-8" : http_media_type(cl->media);
		if (cl->status == 200 && cl->media == HTTP_MEDIA_NONE) {
			type = prom_type;	/* /metrics */
		}
		break;
	default:
		type = http_media_type(cl->media);
	}
	if (++cl->n_requests >= SERVER_REQUESTS || s->is_term) {
		cl->is_close = true;
	}
	cl->head_len = http_response_head(cl->head, sizeof cl->head,
	    cl->status, type, body_len, !cl->is_close, (int64_t)time(NULL));
	s->requests++;
	s->refused += cl->status == 403;
	log_request(s, cl, body_len, now);
	cl->state = CL_WRITE;
	cl->piece = 0;
	cl->off = 0;
	cl->deadline_ms = now + s->set.write_ms;
}

/* An error of our own: status, and pre and what as JSON or text. */
static void
answer(struct srv *s, struct client *cl, int status, const char *pre,
    const char *what, int64_t now)
{
	char msg[HTTP_URI_CAP + 128];
	struct cache_mem m;
	FILE *f;

	cl->status = status;
	cl->body_kind = BODY_OWN;
	cl->body_len = 0;
	fmt_snprintf(msg, sizeof msg, "%s%s", pre, what);
	f = cache_mem_open(&m);
	if (f != NULL) {
		if (cl->media == HTTP_MEDIA_JSON) {
			fputs("{\"error\":", f);
			out_json_str(f, msg);
			fputs("}\n\n", f);
		} else {
			fmt_fprintf(f, "%s\n", msg);
		}
		cl->body_len = cache_mem_take(&m, f, cl->body,
		    sizeof cl->body);
	}
	respond(s, cl, now);
}

/* /metrics: the cache's counters and the server's. */
static void
metrics(struct srv *s, struct client *cl, int64_t now)
{
	size_t i;
	size_t open = 0;
	struct cache_mem m;
	FILE *f;

	for (i = 0; i < SERVER_CLIENTS; i++) {
		open += s->cl[i].state != CL_FREE;
	}
	cl->status = 200;
	cl->body_kind = BODY_OWN;
	cl->media = HTTP_MEDIA_NONE;
	cl->body_len = 0;
	f = cache_mem_open(&m);
	if (f != NULL) {
		cache_metrics(&s->cache, f);
		cache_family(f, "ccheck_server_requests_total", "counter",
		    "Requests answered.", s->requests);
		cache_family(f, "ccheck_server_refused_total", "counter",
		    "Requests refused (403: a target not allowed).",
		    s->refused);
		cache_family(f, "ccheck_server_dropped_total", "counter",
		    "Connections closed for a deadline or refused for too "
		    "many.", s->dropped);
		cache_family(f, "ccheck_server_connections", "gauge",
		    "Open connections.", open);
		cl->body_len = cache_mem_take(&m, f, cl->body,
		    sizeof cl->body);
	}
	if (cl->body_len == 0) {
		answer(s, cl, 500, "metrics too large", "", now);
		return;
	}
	respond(s, cl, now);
}

/*
 * A protocol as a route or module names it: Go ccheck's postgres, plain
 * and starttls, ours postgres-direct and tls, and any scheme (smtp,
 * imaps, ...).  *port: the scheme's default port when it has its own
 * (smtps 465), else 0.  Returns 0, or -1 when unknown.
 */
static int
protocol(const char *name, size_t len, enum proto *p, enum spec_pg_neg *neg,
    uint16_t *port)
{
	const struct proto_info *pi;

	*neg = SPEC_PG_NEG_DEFAULT;
	*port = 0;
	if (len == 5 && memcmp(name, "plain", 5) == 0) {
		*p = PROTO_TLS;
		return 0;
	}
	if (len == 8 && memcmp(name, "starttls", 8) == 0) {
		*p = PROTO_STARTTLS_AUTO;
		return 0;
	}
	if (len == 15 && memcmp(name, "postgres-direct", 15) == 0) {
		*p = PROTO_POSTGRES;
		*neg = SPEC_PG_NEG_DIRECT;
		return 0;
	}
	if ((pi = proto_by_scheme(name, len)) == NULL) {
		return -1;
	}
	*p = pi->proto;
	if (pi->port != proto_default_port(pi->proto)) {
		*port = pi->port;
	}
	return 0;
}

/*
 * The SPECs of list (comma-separated, n bytes): each parsed, each
 * allowed, then each an entry of the cache.  Answers the errors itself
 * and returns -1; else 0 with cl->ents filled.
 */
static int
take_specs(struct srv *s, struct client *cl, char *list, enum proto p,
    enum spec_pg_neg neg, uint16_t port, int64_t now)
{
	static struct spec sp;	/* 600 bytes: not on the stack */
	enum cache_how how;
	char *spec[SERVER_SPECS];
	const char *why;
	size_t n = 0;
	size_t i;
	long e;
	char *c;

	for (c = list;; c++) {
		if (n == SERVER_SPECS) {
			answer(s, cl, 400, "too many SPECs in one "
			    "request", "", now);
			return -1;
		}
		spec[n++] = c;
		if ((c = strchr(c, ',')) == NULL) {
			break;
		}
		*c = '\0';
	}
	for (i = 0; i < n; i++) {
		if ((why = spec_parse_net(spec[i], p, &sp)) != NULL) {
			answer(s, cl, 400, "invalid spec: ", why, now);
			return -1;
		}
		if (!allow_spec(&s->set.allow, &sp)) {
			answer(s, cl, 403, "target not allowed: ",
			    spec[i], now);
			return -1;
		}
	}
	for (i = 0; i < n; i++) {
		e = cache_get(&s->cache, spec[i], p, neg, port,
		    now, &how);
		if (e < 0) {
			answer(s, cl, 503, "too many probes at once",
			    "", now);
			return -1;
		}
		cl->ents[cl->n_ents++] = (size_t)e;
		cl->n_miss += how == CACHE_MISS;
		cl->n_hit += how == CACHE_HIT;
		cl->n_joined += how == CACHE_JOINED;
	}
	return 0;
}

/* Routes req (the path without the prefix at path). */
static void
route(struct srv *s, struct client *cl, char *path, int64_t now)
{
	enum spec_pg_neg neg;
	enum proto p;
	uint16_t port;
	char *slash;

	if (strcmp(path, "/metrics") == 0) {
		metrics(s, cl, now);
		return;
	}
	if (strcmp(path, "/probe") == 0) {
		/* Prometheus' Accept lists its formats: no 415 here. */
		cl->media = HTTP_MEDIA_TEXT;
		if (!req.has_target || req.target[0] == '\0') {
			answer(s, cl, 400, "missing target parameter",
			    "", now);
			return;
		}
		if (protocol(req.has_module ? req.module : "tls",
		    req.has_module ? strlen(req.module) : 3, &p, &neg,
		    &port) < 0) {
			answer(s, cl, 400, "unknown module ", req.module,
			    now);
			return;
		}
		if (strchr(req.target, ',') != NULL) {
			answer(s, cl, 400, "one target per probe", "", now);
			return;
		}
		if (take_specs(s, cl, req.target, p, neg, port, now) == 0) {
			cl->body_kind = BODY_PROM;
			cl->state = CL_WAIT;
		}
		return;
	}
	/* /{protocol}/{speclist}: one segment each, as Go's mux. */
	slash = path[0] == '/' ? strchr(path + 1, '/') : NULL;
	if (slash == NULL || slash == path + 1 || slash[1] == '\0' ||
	    strchr(slash + 1, '/') != NULL) {
		cl->media = HTTP_MEDIA_NONE;
		answer(s, cl, 404, "404 page not found", "", now);
		return;
	}
	if (cl->media == HTTP_MEDIA_NONE) {
		cl->media = HTTP_MEDIA_JSON;
		answer(s, cl, 415, "only Content-Type application/json "
		    "or application/text are supported", "", now);
		return;
	}
	*slash = '\0';
	if (protocol(path + 1, (size_t)(slash - path - 1), &p, &neg,
	    &port) < 0) {
		answer(s, cl, 400, "unsupported protocol ", path + 1, now);
		return;
	}
	if (take_specs(s, cl, slash + 1, p, neg, port, now) == 0) {
		cl->body_kind = cl->media == HTTP_MEDIA_JSON ? BODY_JSON :
		    BODY_TEXT;
		cl->state = CL_WAIT;
	}
}

/* A whole request head is in req: note it, drop it from the buffer. */
static void
handle(struct srv *s, struct client *cl, int64_t now)
{
	ck_escape(cl->line, sizeof cl->line, (const unsigned char *)cl->in,
	    req.line_len);
	strcpy(cl->from, s->set.is_behind_proxy &&
	    req.forwarded_for[0] != '\0' ? req.forwarded_for : cl->peer);
	cl->is_head = req.method == HTTP_HEAD;
	cl->is_close = !req.is_keep_alive;
	cl->media = req.media;
	cl->n_miss = cl->n_hit = cl->n_joined = 0;
	cl->start_ms = now;
	memmove(cl->in, cl->in + req.head_len, cl->in_len - req.head_len);
	cl->in_len -= req.head_len;
	if (s->set.prefix_len > 0 && (strncmp(req.path, s->set.prefix,
	    s->set.prefix_len) != 0 || req.path[s->set.prefix_len] != '/')) {
		cl->media = HTTP_MEDIA_NONE;
		answer(s, cl, 404, "404 page not found", "", now);
		return;
	}
	route(s, cl, req.path + s->set.prefix_len, now);
	srv_client_check(s, cl, now);
}

/* Parses what the buffer holds; answers when a head is whole. */
static void
parse(struct srv *s, struct client *cl, int64_t now)
{
	switch (http_parse(&cl->p, cl->in, cl->in_len, &req)) {
	case HTTP_PARSE_AGAIN:
		return;
	case HTTP_PARSE_DONE:
		handle(s, cl, now);
		return;
	default:
		ck_escape(cl->line, sizeof cl->line,
		    (const unsigned char *)cl->in, req.line_len);
		strcpy(cl->from, cl->peer);
		cl->is_head = false;
		cl->is_close = true;
		cl->media = HTTP_MEDIA_JSON;
		cl->n_miss = cl->n_hit = cl->n_joined = 0;
		cl->start_ms = now;
		cl->in_len = 0;
		answer(s, cl, req.status, req.why, "", now);
	}
}

/* see server_int.h */
void
srv_client_check(struct srv *s, struct client *cl, int64_t now)
{
	size_t i;

	if (cl->state != CL_WAIT) {
		return;
	}
	for (i = 0; i < cl->n_ents; i++) {
		if (s->cache.e[cl->ents[i]].state != CACHE_DONE) {
			return;
		}
	}
	cl->status = 200;
	respond(s, cl, now);
}

/* Writes what the socket takes; then the next request, or close. */
static void
flush(struct srv *s, struct client *cl, int64_t now)
{
	const char *p;
	size_t len;
	ssize_t n;
	size_t i;

	while ((cl->piece == 0 || !cl->is_head) &&
	    (p = piece(s, cl, cl->piece, &len)) != NULL) {
		if (cl->off < len) {
			n = send(cl->fd, p + cl->off, len - cl->off,
			    MSG_NOSIGNAL | MSG_DONTWAIT);
			if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
				return;
			}
			if (n <= 0) {
				srv_client_close(s, cl);
				return;
			}
			cl->off += (size_t)n;
			continue;
		}
		cl->piece++;
		cl->off = 0;
	}
	for (i = 0; i < cl->n_ents; i++) {
		cache_put(&s->cache, cl->ents[i]);
	}
	cl->n_ents = 0;
	if (cl->is_close) {
		/* Our FIN first, so the client reads the whole answer. */
		shutdown(cl->fd, SHUT_WR);
		srv_client_close(s, cl);
		return;
	}
	read_next(s, cl, now);
	parse(s, cl, now);
}

/* Reads what the socket has; parses when something came. */
static void
fill(struct srv *s, struct client *cl, int64_t now)
{
	ssize_t n;

	n = recv(cl->fd, cl->in + cl->in_len, sizeof cl->in - cl->in_len,
	    MSG_DONTWAIT);
	if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
		return;
	}
	if (n <= 0) {
		/* The peer ended (or reset) before a whole head. */
		srv_client_close(s, cl);
		return;
	}
	if (!cl->has_start) {
		cl->has_start = true;
		cl->deadline_ms = now + s->set.read_ms;
	}
	cl->in_len += (size_t)n;
	parse(s, cl, now);
}

/* see server_int.h */
void
srv_client_event(struct srv *s, struct client *cl, short revents,
    int64_t now)
{
	if (cl->state == CL_READ && revents != 0) {
		fill(s, cl, now);
	} else if (cl->state == CL_WRITE && revents != 0) {
		flush(s, cl, now);
	}
	if ((cl->state == CL_READ || cl->state == CL_WRITE) &&
	    now >= cl->deadline_ms) {
		if (cl->state == CL_READ && cl->has_start) {
			fmt_fprintf(stderr, "%s - - dropped: no whole request "
			    "within %u ms\n", cl->peer, s->set.read_ms);
		}
		s->dropped += cl->has_start || cl->state == CL_WRITE;
		srv_client_close(s, cl);
	}
}
