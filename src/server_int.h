/* SPDX-License-Identifier: MIT */
/*
 * server_int: what server.c (setup, signals, the loop's hooks) and
 * server_http.c (clients, routes, answers, logs) share.
 */
#ifndef CK_SERVER_INT_H
#define CK_SERVER_INT_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "allow.h"
#include "cache.h"
#include "conf.h"
#include "http.h"
#include "ip.h"
#include "server.h"
#include "setup.h"

/* Bodies the server writes itself: errors and /metrics. */
#define SRV_BODY_CAP 8192
/* A response head: status line, Date, type, length, Connection. */
#define SRV_HEAD_CAP 256
/* The request line as logged, escaped. */
#define SRV_LINE_CAP 256

enum cl_state {
	CL_FREE,
	CL_READ,			/* reading a request head */
	CL_WAIT,			/* its SPECs are being probed */
	CL_WRITE			/* writing the response */
};

/* What the body of a response is made of. */
enum cl_body {
	BODY_OWN,			/* body[] */
	BODY_JSON,			/* "[", the entries' JSON, "]\n\n" */
	BODY_TEXT,			/* the entries' lines */
	BODY_PROM			/* the one entry's metrics */
};

struct client {
	enum cl_state state;
	int fd;
	int64_t deadline_ms;
	int64_t idle_from_ms;		/* CL_READ: waiting since */
	bool has_start;			/* CL_READ: a request began */
	bool is_close;			/* close after this response */
	bool is_head;			/* HEAD: no body */
	unsigned n_requests;
	char peer[IP_TEXT_CAP];
	char from[IP_TEXT_CAP];		/* X-Forwarded-For, or peer */
	char line[SRV_LINE_CAP];	/* the request line, escaped */
	struct http_parser p;
	char in[HTTP_HEAD_CAP];
	size_t in_len;
	/* The request's SPECs: cache entries it holds a reference on. */
	size_t ents[SERVER_SPECS];
	size_t n_ents;
	unsigned n_miss;
	unsigned n_hit;
	unsigned n_joined;
	int64_t start_ms;
	/* The response: head, then pieces of the body. */
	int status;
	enum cl_body body_kind;
	enum http_media media;
	char head[SRV_HEAD_CAP];
	size_t head_len;
	char body[SRV_BODY_CAP];
	size_t body_len;
	size_t piece;			/* 0: head; then the body's pieces */
	size_t off;			/* bytes of that piece written */
};

/*
 * The settings the flags and the file (--config) make, the flags first:
 * read at start and again on each SIGHUP (server.c).
 */
struct srv_set {
	struct allow_list allow;
	char prefix[CONF_PREFIX_CAP];	/* "" or "/api/ccheck" */
	size_t prefix_len;
	bool is_behind_proxy;
	uint32_t read_ms;		/* a request head, from its first byte */
	uint32_t idle_ms;		/* between requests */
	uint32_t write_ms;		/* a response */
	uint32_t ttl_ms;		/* the cache's */
	/* For the probes (loop_opts): pointers into srv.loaded[]. */
	bool is_skip_verify;
	const struct anchor_set *anchors;
	const struct crl_set *crls;
	const struct identity *identity;
};

struct srv {
	int lfd;			/* listener; -1 once closed */
	int sig_fd;			/* self-pipe's read end */
	bool is_term;			/* SIGTERM or SIGINT seen */
	/*
	 * The settings: the HTTP side in use since the last load, the
	 * probes' since the last swap.  A SIGHUP loads the files into
	 * loaded[!cur] (is_reload) while probes in flight go on with
	 * loaded[cur]; once none is in flight, the loop's options point
	 * at the new ones, the old are freed and the cache emptied.
	 */
	struct srv_set set;
	const struct cli *cli;
	const char *conf_path;		/* NULL: no file */
	struct loop_opts *lo;
	struct setup loaded[2];
	unsigned cur;
	bool is_reload;
	bool is_hup_again;		/* a SIGHUP came meanwhile */
	struct cache cache;
	uint64_t requests;		/* answered */
	uint64_t refused;		/* 403 */
	uint64_t dropped;		/* closed for a deadline or too many */
	struct client cl[SERVER_CLIENTS];
	/* prepare's entries: a client's index, or SRV_FD_*. */
	long map[SERVER_CLIENTS + 2];
};

#define SRV_FD_LISTEN (-1)
#define SRV_FD_SIGNAL (-2)

/*
 * Takes a new connection from the listener.  With every client slot
 * taken, the one idle longest between requests makes room; with none
 * idle, the new one is answered 503.
 */
void srv_accept(struct srv *s, int64_t now);

/* A client's descriptor is ready (revents) or its deadline passed. */
void srv_client_event(struct srv *s, struct client *cl, short revents,
    int64_t now);

/* A CL_WAIT client whose every SPEC is done gets its answer. */
void srv_client_check(struct srv *s, struct client *cl, int64_t now);

/* Closes cl's connection and drops its references. */
void srv_client_close(struct srv *s, struct client *cl);

#endif
