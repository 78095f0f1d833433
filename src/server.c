/* SPDX-License-Identifier: MIT */
/*
 * server: `ccheck server`'s settings (flags over Go ccheck's ccheck.toml
 * over defaults, read again on SIGHUP), its listener and signals, and
 * its hooks into the probe loop: the cache is the loop's source of
 * SPECs, the listener and the clients are polled in the loop's round
 * (see server.h).
 */
/* pipe2(): GNU and BSD, not POSIX (glibc wants this; musl takes it). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "duration.h"
#include "fmt.h"
#include "server_int.h"
#include "setup.h"
#include "target.h"

/* Workers when neither -n nor [check] workers says (Go's default is 1,
 * which holds every request behind one slow target). */
#define SERVER_WORKERS 16
/* The listener's backlog: connections the kernel queues for us. */
#define SERVER_BACKLOG 128

static int sig_pipe[2] = { -1, -1 };

static void
on_signal(int sig)
{
	unsigned char b = (unsigned char)sig;
	int saved = errno;
	ssize_t n;

	n = write(sig_pipe[1], &b, 1);
	(void)n;
	errno = saved;
}

/* The self-pipe: a signal wakes poll() whenever it comes. */
static int
signals(void)
{
	struct sigaction sa;

	if (pipe2(sig_pipe, O_NONBLOCK | O_CLOEXEC) < 0) {
		return -1;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	return 0;
}

/*
 * ADDR:PORT as Go's net.Listen takes it, for IP literals: 127.0.0.1:1981,
 * [::1]:1981, :1981 (every IPv4 address).  Returns the listening socket,
 * or -1 with why.
 */
static int
listen_on(const char *bind_to, char *why, size_t cap)
{
	struct sockaddr_in6 a6;
	struct sockaddr_in a4;
	unsigned char addr[16];
	const char *colon = strrchr(bind_to, ':');
	const char *host = bind_to;
	const char *scope = NULL;
	size_t hlen;
	unsigned long port;
	int alen = 0;
	int fd;
	int one = 1;

	if (colon == NULL || spec_parse_ulong(colon + 1, 1, 65535,
	    &port) < 0) {
		fmt_snprintf(why, cap, "--bind %s: want ADDR:PORT", bind_to);
		return -1;
	}
	hlen = (size_t)(colon - host);
	if (hlen >= 2 && host[0] == '[' && host[hlen - 1] == ']') {
		host++;
		hlen -= 2;
	}
	if (hlen == 0) {
		alen = 4;
		memset(addr, 0, 4);
	} else if ((alen = ip_parse(host, hlen, addr, &scope)) <= 0 ||
	    scope != NULL) {
		fmt_snprintf(why, cap, "--bind %s: not an IP address and port",
		    bind_to);
		return -1;
	}
	fd = socket(alen == 4 ? AF_INET : AF_INET6, SOCK_STREAM |
	    SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		fmt_snprintf(why, cap, "socket: %s", strerror(errno));
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	memset(&a4, 0, sizeof a4);
	memset(&a6, 0, sizeof a6);
	a4.sin_family = AF_INET;
	a4.sin_port = htons((uint16_t)port);
	memcpy(&a4.sin_addr, addr, 4);
	a6.sin6_family = AF_INET6;
	a6.sin6_port = htons((uint16_t)port);
	memcpy(&a6.sin6_addr, addr, 16);
	if ((alen == 4 ? bind(fd, (struct sockaddr *)&a4, sizeof a4) :
	    bind(fd, (struct sockaddr *)&a6, sizeof a6)) < 0 ||
	    listen(fd, SERVER_BACKLOG) < 0) {
		fmt_snprintf(why, cap, "--bind %s: %s", bind_to,
		    strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static void reload(struct srv *s);

/* The probes take s->set's settings, loaded[!cur]; the old are freed. */
static void
take(struct srv *s)
{
	s->lo->anchors = s->set.anchors;
	s->lo->crls = s->set.crls;
	s->lo->identity = s->set.identity;
	s->lo->is_skip_verify = s->set.is_skip_verify;
	setup_free(&s->loaded[s->cur]);
	s->cur = !s->cur;
}

/*
 * A reload takes over once no probe is in flight (those hold the old
 * anchors, CRLs and client certificate); results made under the old
 * settings are forgotten.
 */
static void
swap(struct srv *s)
{
	take(s);
	s->is_reload = false;
	cache_flush(&s->cache, s->set.ttl_ms);
	fmt_fprintf(stderr, "ccheck: SIGHUP: new settings in use (%zu allow "
	    "entries, cache emptied)\n", s->set.allow.n);
	if (s->is_hup_again) {
		s->is_hup_again = false;
		reload(s);
	}
}

/*
 * loop_next_fn: the cache's queue, but none while a reload waits for the
 * probes in flight; the end once SIGTERM's work is done.
 */
static int
next(void *ctx, struct loop_spec *out)
{
	struct srv *s = ctx;
	size_t i;

	while (s->is_reload && s->cache.running == 0) {
		swap(s);
	}
	if (!s->is_reload && cache_next(&s->cache, out) == 1) {
		return 1;
	}
	if (!s->is_term) {
		return 0;
	}
	for (i = 0; i < SERVER_CLIENTS; i++) {
		if (s->cl[i].state == CL_WAIT || s->cl[i].state == CL_WRITE) {
			return 0;
		}
	}
	return -1;
}

/* Stops taking requests: closes the listener and the idle clients. */
static void
terminate(struct srv *s)
{
	size_t i;

	s->is_term = true;
	if (s->lfd >= 0) {
		close(s->lfd);
		s->lfd = -1;
	}
	for (i = 0; i < SERVER_CLIENTS; i++) {
		if (s->cl[i].state == CL_READ) {
			srv_client_close(s, &s->cl[i]);
		}
	}
}

/* The signals the pipe holds. */
static void
drain_signals(struct srv *s)
{
	unsigned char b[16];
	ssize_t n;
	ssize_t i;

	while ((n = read(s->sig_fd, b, sizeof b)) > 0) {
		for (i = 0; i < n; i++) {
			if (b[i] == SIGHUP) {
				reload(s);
			} else if (!s->is_term) {
				fmt_fprintf(stderr, "ccheck: %s: finishing "
				    "the requests in flight\n", b[i] ==
				    SIGTERM ? "SIGTERM" : "SIGINT");
				terminate(s);
			}
		}
	}
}

/* loop_opts.prepare: answers ready, then what to poll and until when. */
static size_t
prepare(void *ctx, struct pollfd *pfd, size_t cap, int64_t now,
    int64_t *wait_ms)
{
	struct srv *s = ctx;
	size_t n = 0;
	size_t i;

	pfd[n].fd = s->sig_fd;
	pfd[n].events = POLLIN;
	s->map[n++] = SRV_FD_SIGNAL;
	if (s->lfd >= 0) {
		pfd[n].fd = s->lfd;
		pfd[n].events = POLLIN;
		s->map[n++] = SRV_FD_LISTEN;
	}
	for (i = 0; i < SERVER_CLIENTS && n < cap; i++) {
		struct client *cl = &s->cl[i];

		srv_client_check(s, cl, now);
		if (cl->state != CL_READ && cl->state != CL_WRITE) {
			continue;
		}
		pfd[n].fd = cl->fd;
		pfd[n].events = cl->state == CL_READ ? POLLIN : POLLOUT;
		s->map[n++] = (long)i;
		if (*wait_ms < 0 || cl->deadline_ms - now < *wait_ms) {
			*wait_ms = cl->deadline_ms > now ?
			    cl->deadline_ms - now : 0;
		}
	}
	return n;
}

/* loop_opts.dispatch: signals, new connections, client events. */
static void
dispatch(void *ctx, const struct pollfd *pfd, size_t n, int64_t now)
{
	struct srv *s = ctx;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		if (s->map[i] == SRV_FD_SIGNAL && pfd[i].revents != 0) {
			drain_signals(s);
		} else if (s->map[i] == SRV_FD_LISTEN && pfd[i].revents != 0) {
			/* A few at a time: clients already in get served. */
			for (k = 0; k < 16 && s->lfd >= 0; k++) {
				srv_accept(s, now);
			}
		} else if (s->map[i] >= 0) {
			srv_client_event(s, &s->cl[s->map[i]], pfd[i].revents,
			    now);
		}
	}
}

/* Failures of configure and load besides -1, the file (--config). */
#define LOAD_USAGE (-2)
#define LOAD_FILES (-3)

/*
 * Flags over the file at path (NULL: none) over defaults: the settings
 * into *set, the file into *cf, the files to load into *files (pointing
 * into c and *cf).  Returns 0; -1 with why when the file is wrong,
 * LOAD_USAGE when a flag is (a usage error).
 */
static int
configure(const struct cli *c, const char *path, struct conf *cf,
    struct srv_set *set, struct setup_files *files, char *why, size_t cap)
{
	char text[CONF_PATH_CAP + 256];
	const char *prefix;
	const char *err;
	uint32_t ms;
	size_t i;

	conf_init(cf);
	if (path != NULL && conf_load(path, cf, text, sizeof text) < 0) {
		fmt_snprintf(why, cap, "--config %s", text);
		return -1;
	}
	set->allow = cf->allow;
	for (i = 0; i < c->n_allow; i++) {
		if ((err = allow_add(&set->allow, c->allow[i])) != NULL) {
			fmt_snprintf(why, cap, "invalid --allow \"%s\": %s",
			    c->allow[i], err);
			return LOAD_USAGE;
		}
	}
	if (set->allow.n == 0) {
		/* Safe by default: this host only. */
		allow_add(&set->allow, "127.0.0.0/8");
		allow_add(&set->allow, "::1");
		allow_add(&set->allow, "localhost");
	}
	prefix = c->prefix != NULL ? c->prefix : cf->prefix;
	set->prefix_len = strlen(prefix);
	if (set->prefix_len >= sizeof set->prefix || (set->prefix_len > 0 &&
	    (prefix[0] != '/' || prefix[set->prefix_len - 1] == '/'))) {
		fmt_snprintf(why, cap, "invalid --prefix \"%s\": want /PATH, "
		    "without a trailing /", prefix);
		return LOAD_USAGE;
	}
	memcpy(set->prefix, prefix, set->prefix_len + 1);
	set->is_behind_proxy = c->is_behind_proxy || cf->is_behind_proxy;
	set->read_ms = cf->dur_ms[CONF_DUR_SERVER_HTTP_READ];
	set->idle_ms = cf->dur_ms[CONF_DUR_SERVER_HTTP_IDLE];
	set->write_ms = cf->dur_ms[CONF_DUR_SERVER_HTTP_WRITE];
	ms = cf->dur_ms[CONF_DUR_SERVER_CACHE_TTL];
	if (c->cache_ttl != NULL && duration_parse(c->cache_ttl,
	    strlen(c->cache_ttl), &ms) < 0) {
		fmt_snprintf(why, cap, "invalid --cache-ttl \"%s\": want a "
		    "duration (60s, 5m)", c->cache_ttl);
		return LOAD_USAGE;
	}
	set->ttl_ms = ms;
	memset(files, 0, sizeof *files);
	files->root_certs = c->root_certs != NULL ? c->root_certs :
	    cf->root_certs_pem[0] != '\0' ? cf->root_certs_pem : NULL;
	files->root_certs_name = c->root_certs != NULL ? "--root-certs" :
	    "root_certs_pem";
	files->crls = c->crls;
	files->n_crls = c->n_crls;
	files->crl_name = "--crl";
	files->client_cert = c->client_cert;
	files->client_key = c->client_key;
	if (c->client_cert == NULL && cf->client_cert_pem[0] != '\0') {
		files->client_cert = cf->client_cert_pem;
		files->client_key = cf->client_key_pem;
	}
	files->client_key_password_file = c->client_key_password_file;
	files->client_key_password_name = "--client-key-password-file";
	set->is_skip_verify = c->is_skip_verify || cf->is_skip_verify;
	if (cf->is_skip_verify && !c->is_skip_verify) {
		/* Go ccheck's server ignored it; ours honours it. */
		fmt_fprintf(stderr, "ccheck: warning: %s sets skip_verify: "
		    "chains and names are not verified\n", path);
	}
	return 0;
}

/*
 * configure, then the root, CRL and client certificate files into
 * s->loaded[!s->cur], which nothing uses yet.  Returns configure's
 * value, or LOAD_FILES with why when a file cannot be loaded.
 */
static int
load(struct srv *s, struct conf *cf, struct srv_set *set, char *why,
    size_t cap)
{
	struct setup_files files;
	struct loop_opts lo;
	int rc;

	if ((rc = configure(s->cli, s->conf_path, cf, set, &files, why,
	    cap)) < 0) {
		return rc;
	}
	memset(&lo, 0, sizeof lo);
	if (setup_load(&s->loaded[!s->cur], &files, &lo, why, cap) < 0) {
		return LOAD_FILES;
	}
	set->anchors = lo.anchors;
	set->crls = lo.crls;
	set->identity = lo.identity;
	return 0;
}

/*
 * SIGHUP: the file and the files it and the flags name, read again.
 * What fails to load changes nothing: the old settings stay, whole.
 * The HTTP side (the allow list, the prefix, the deadlines) changes at
 * once; the probes' side waits for swap().
 */
static void
reload(struct srv *s)
{
	static struct srv_set set;	/* 6 KiB each: not on the stack */
	static struct conf cf;
	char why[CONF_PATH_CAP + 512];

	if (s->is_reload) {
		/* The one loaded must be in use before it is replaced. */
		s->is_hup_again = true;
		return;
	}
	if (load(s, &cf, &set, why, sizeof why) < 0) {
		fmt_fprintf(stderr, "ccheck: SIGHUP: keeping the old "
		    "settings: %s\n", why);
		return;
	}
	s->set = set;
	s->is_reload = true;
	if (s->cache.running > 0) {
		fmt_fprintf(stderr, "ccheck: SIGHUP: new settings loaded; "
		    "%zu probes in flight finish first\n", s->cache.running);
	}
}

/* see server.h */
int
server_run(const struct cli *c)
{
	static struct srv s;	/* 1.1 MiB of clients and cache: static */
	static struct conf cf;
	struct loop_opts lo;
	char why[CONF_PATH_CAP + 512];
	const char *bind_to;
	size_t want;
	size_t i;
	int rc;

	memset(&lo, 0, sizeof lo);
	s.cli = c;
	s.lo = &lo;
	s.conf_path = c->config;
	if (s.conf_path == NULL && access("/etc/ccheck.toml", F_OK) == 0) {
		s.conf_path = "/etc/ccheck.toml";
	}
	if ((rc = load(&s, &cf, &s.set, why, sizeof why)) == LOAD_USAGE) {
		cli_error("%s", why);
		return 1;
	}
	if (rc < 0) {
		cli_fail("%s", why);
		return rc == LOAD_FILES ? 2 : 1;
	}
	take(&s);
	cache_init(&s.cache, s.set.ttl_ms);
	bind_to = c->bind != NULL ? c->bind : cf.bind;
	if (signals() < 0 || (s.lfd = listen_on(bind_to, why,
	    sizeof why)) < 0) {
		cli_fail("%s", s.lfd < 0 ? why : "pipe: no descriptors");
		return 2;
	}
	s.sig_fd = sig_pipe[0];
	for (i = 0; i < SERVER_CLIENTS; i++) {
		s.cl[i].fd = -1;
	}
	want = c->has_num_workers ? c->num_workers : conf_set(&cf,
	    CONF_WORKERS) ? cf.workers : SERVER_WORKERS;
	/* The clients' descriptors come out of the same limit. */
	lo.num_workers = setup_workers(want + SERVER_CLIENTS + 2, why,
	    sizeof why);
	lo.num_workers = lo.num_workers > SERVER_CLIENTS + 2 + 1 ?
	    lo.num_workers - SERVER_CLIENTS - 2 : 1;
	if (lo.num_workers > want) {
		lo.num_workers = want;
	}
	lo.timeout_ms = (int64_t)c->timeout_s * 1000;
	lo.per_host = c->per_host;
	lo.pins = &c->pins;
	lo.is_partial_chain = c->is_partial_chain;
	lo.tls_min = c->tls_min;
	lo.tls_max = c->tls_max;
	lo.pg_neg = c->pg_neg;
	lo.dane = c->dane;
	lo.is_keep_chain = true;	/* each certificate in /probe */
	lo.is_unordered = true;
	lo.next = next;
	lo.next_ctx = &s;
	lo.prepare = prepare;
	lo.dispatch = dispatch;
	lo.io_ctx = &s;
	lo.io_cap = SERVER_CLIENTS + 2;
	if (s.set.is_behind_proxy) {
		fmt_fprintf(stderr, "Running in behind-proxy mode\n");
	}
	fmt_fprintf(stderr, "ccheck: listening on %s (%zu workers, cache "
	    "%u ms, %zu allow entries)\n", bind_to, lo.num_workers,
	    (unsigned)s.cache.ttl_ms, s.set.allow.n);
	loop_run(&lo, cache_report, &s.cache);
	for (i = 0; i < SERVER_CLIENTS; i++) {
		if (s.cl[i].state != CL_FREE) {
			srv_client_close(&s, &s.cl[i]);
		}
	}
	setup_free(&s.loaded[0]);
	setup_free(&s.loaded[1]);
	fmt_fprintf(stderr, "ccheck: stopped after %llu requests\n",
	    (unsigned long long)s.requests);
	return 0;
}
