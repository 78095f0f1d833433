/* SPDX-License-Identifier: MIT */
/*
 * target: one slot's state machine, from resolving to the polite close,
 * within the target's deadline.  Each step does what the descriptor
 * allows without blocking and says what to wait for next.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "fmt.h"
#include "ip.h"
#include "pem.h"
#include "target.h"
#include "verdict.h"

/*
 * After our close_notify, how long to wait for the server's close before
 * closing anyway.  Servers answer at once; this only bounds a silent one.
 */
#define CLOSE_GRACE_MS 1000

/* see target.h */
int64_t
target_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static bool
is_ip_literal(const char *s)
{
	unsigned char buf[16];

	return ip_parse(s, strlen(s), buf, NULL) != 0;
}

/* see target.h */
void
target_close_fd(struct target *t)
{
	if (t->fd >= 0) {
		close(t->fd);
		t->fd = -1;
	}
}

/* see target.h */
void
target_finish(struct target *t)
{
	/* --dane on a target that never reached a verdict: the lookup's
	 * outcome is still worth a line. */
	if (t->tlsa.lookup != DANE_L_NONE && t->rep->dane.state ==
	    DANE_S_NONE) {
		dane_match(&t->tlsa, NULL, false, t->spec->name,
		    t->spec->port, &t->rep->dane);
	}
	target_close_fd(t);
	t->rep->elapsed_ms = target_now_ms() - t->start_ms;
	t->state = T_DONE;
}

static void start_tls(const struct loop_opts *o, struct target *t);
static void start_tlsa(const struct loop_opts *o, struct target *t);
static void start_resolve(const struct loop_opts *o, struct target *t,
    int64_t now);

static void
want_to_state(const struct loop_opts *o, struct target *t,
    enum framer_want want)
{
	switch (want) {
	case FRAMER_WRITE:
		t->events = POLLOUT;
		break;
	case FRAMER_READ:
		t->events = POLLIN;
		break;
	case FRAMER_TLS:
		t->rep->proto = t->u.fr.proto;	/* before TLS reuses it */
		start_tls(o, t);
		break;
	case FRAMER_FAIL:
		target_finish(t);
		break;
	}
}

static void
after_connect(const struct loop_opts *o, struct target *t)
{
	if (t->is_direct) {
		start_tls(o, t);
		return;
	}
	t->state = T_PREAMBLE;
	want_to_state(o, t, framer_start(&t->u.fr, t->spec->proto,
	    t->spec->name, &t->rep->res));
}

/* Tries addresses from addr_idx on; the last failure is the reason. */
static void
try_connect(const struct loop_opts *o, struct target *t)
{
	int rc;

	for (; t->addr_idx < t->addrs.n; t->addr_idx++) {
		/* Each address starts clean; the last one's reason stays. */
		memset(&t->rep->res, 0, sizeof t->rep->res);
		rc = net_connect_start(&t->addrs, t->addr_idx, &t->fd,
		    &t->rep->res);
		if (rc == 0) {
			after_connect(o, t);
			return;
		}
		if (rc == 1) {
			t->state = T_CONNECT;
			t->events = POLLOUT;
			return;
		}
	}
	target_finish(t);
}

static void
start_tls(const struct loop_opts *o, struct target *t)
{
	const char *name = t->spec->name;

	if (tls_start(&t->u.tls, is_ip_literal(name) || t->spec->is_no_sni ?
	    NULL : name, t->spec->identity != NULL ? t->spec->identity :
	    o->identity, t->is_direct ? PG_ALPN : NULL, t->tls_min,
	    t->tls_max, &t->chain, &t->rep->res) < 0) {
		target_finish(t);
		return;
	}
	if (o->is_ready && t->spec->proto == PROTO_POSTGRES) {
		tls_keep_open(&t->u.tls);
	}
	t->state = T_HANDSHAKE;
	t->events = POLLOUT;
}

/* A file SPEC: its chain, judged as a server's would be. */
static void
judge_file(const struct loop_opts *o, struct target *t)
{
	const struct spec *sp = t->spec;
	char path[4096];

	if (sp->path_len >= sizeof path) {
		result_fail(&t->rep->res, CK_E_FILE, "path too long");
		return;
	}
	memcpy(path, sp->text, sp->path_len);
	path[sp->path_len] = '\0';
	if (pem_load_chain(path, &t->chain, &t->rep->res) == 0) {
		verdict_judge(o, sp, &t->chain, NULL, t->rep);
	}
}

/* The SPEC's sslnegotiation, else --pg-negotiation, else postgres. */
static enum spec_pg_neg
pg_negotiation(const struct loop_opts *o, const struct spec *sp)
{
	enum spec_pg_neg neg = sp->pg_neg;

	if (neg == SPEC_PG_NEG_DEFAULT) {
		neg = o->pg_neg;
	}
	return neg == SPEC_PG_NEG_DEFAULT ? SPEC_PG_NEG_POSTGRES : neg;
}

/* see target.h */
void
target_start(const struct loop_opts *o, const struct resolv_conf *rc,
    struct target *t, struct job *job)
{
	struct report *rep = &job->rep;
	enum spec_pg_neg neg;

	t->job = job;
	t->spec = &job->in.spec;
	t->rep = rep;
	t->fd = -1;
	t->start_ms = target_now_ms();
	t->deadline_ms = t->start_ms + o->timeout_ms;
	t->addr_idx = 0;
	t->chain.n = 0;
	t->chain.used = 0;
	t->tlsa.lookup = DANE_L_NONE;
	memset(rep, 0, sizeof *rep);
	rep->proto = t->spec->proto;
	neg = pg_negotiation(o, t->spec);
	t->is_direct = t->spec->proto == PROTO_POSTGRES &&
	    neg != SPEC_PG_NEG_POSTGRES;
	t->can_fall_back = t->is_direct && neg == SPEC_PG_NEG_AUTO;

	if (t->spec->kind == SPEC_KIND_FILE) {
		judge_file(o, t);
		target_finish(t);
		return;
	}
	/* A range ccheck cannot honour fails before any connection. */
	if (verdict_tls_range(o, t->spec, &t->tls_min, &t->tls_max,
	    &rep->res) < 0) {
		target_finish(t);
		return;
	}
	t->rc = rc;
	if (o->dane != DANE_OFF) {
		start_tlsa(o, t);
		return;
	}
	start_resolve(o, t, t->start_ms);
}

/* A TLSA lookup that failed: its reason kept for the DANE line. */
static void
tlsa_failed(struct target *t, const struct result *why)
{
	char line[RESULT_DETAIL_CAP];
	const char *d = why->detail;
	const char *p = strstr(d, ".: ");

	t->tlsa.lookup = DANE_L_FAILED;
	/* resolv's "_PORT._tcp.HOST.: reason": the DANE line names the
	 * set already */
	if (d[0] == '_' && p != NULL) {
		d = p + 3;
	}
	fmt_snprintf(t->tlsa.why, sizeof t->tlsa.why, "%s",
	    why->err == CK_E_TIMEOUT ? result_format(why, line, sizeof line) :
	    d);
}

/*
 * --dane: the TLSA lookup comes first, in the same slot and deadline;
 * whatever it finds, the probe goes on (DANE is judged with the chain).
 */
static void
start_tlsa(const struct loop_opts *o, struct target *t)
{
	struct result why;

	memset(&why, 0, sizeof why);
	switch (resolv_tlsa_start(&t->u.rq, t->rc, t->spec->name,
	    t->spec->port, t->start_ms, &t->fd, &t->tlsa, &why)) {
	case RESOLV_AGAIN:
		t->state = T_TLSA;
		t->events = POLLIN;
		return;
	case RESOLV_FAIL:
		tlsa_failed(t, &why);
		break;
	default:
		break;
	}
	start_resolve(o, t, t->start_ms);
}

static void
start_resolve(const struct loop_opts *o, struct target *t, int64_t now)
{
	switch (resolv_start(&t->u.rq, t->rc, t->spec->addr, t->spec->port,
	    now, &t->fd, &t->addrs, &t->rep->res)) {
	case RESOLV_DONE:
		try_connect(o, t);
		return;
	case RESOLV_AGAIN:
		t->state = T_RESOLVE;
		t->events = POLLIN;
		return;
	default:
		target_finish(t);
		return;
	}
}

/* The TLSA answer arrived, or the lookup ended: on to the addresses. */
static void
step_tlsa(const struct loop_opts *o, struct target *t, short revents,
    int64_t now)
{
	struct result why;

	memset(&why, 0, sizeof why);
	switch (resolv_step(&t->u.rq, t->fd, now, revents != 0, &t->addrs,
	    &why)) {
	case RESOLV_AGAIN:
		return;
	case RESOLV_FAIL:
		tlsa_failed(t, &why);
		break;
	default:
		break;
	}
	target_close_fd(t);
	start_resolve(o, t, now);
}

/* A reply arrived or a resend is due; the UDP socket goes once done. */
static void
step_resolve(const struct loop_opts *o, struct target *t, short revents,
    int64_t now)
{
	switch (resolv_step(&t->u.rq, t->fd, now, revents != 0, &t->addrs,
	    &t->rep->res)) {
	case RESOLV_AGAIN:
		return;
	case RESOLV_DONE:
		target_close_fd(t);
		try_connect(o, t);
		return;
	default:
		target_finish(t);
		return;
	}
}

/* Moves the preamble's bytes; the framer decides what comes next. */
static void
step_preamble(const struct loop_opts *o, struct target *t)
{
	struct framer *f = &t->u.fr;
	const unsigned char *out;
	unsigned char *in;
	size_t len;
	ssize_t n;

	if (t->events == POLLOUT) {
		out = framer_out(f, &len);
		n = send(t->fd, out, len, MSG_NOSIGNAL);
		if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
			return;
		}
		if (n < 0) {
			result_fail_sys(&t->rep->res, CK_E_IO, errno);
			target_finish(t);
			return;
		}
		want_to_state(o, t, framer_sent(f, (size_t)n));
		return;
	}
	in = framer_in(f, &len);
	n = recv(t->fd, in, len, 0);
	if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
		return;
	}
	if (n <= 0) {
		if (n < 0) {
			result_fail_sys(&t->rep->res, CK_E_IO, errno);
		} else {
			framer_eof(f, &t->rep->res);
		}
		target_finish(t);
		return;
	}
	want_to_state(o, t, framer_received(f, (size_t)n, &t->rep->res));
}

/*
 * auto: direct TLS was refused, so start again with SSLRequest on a fresh
 * connection to the same address, within the same deadline.  Returns
 * false when there is nothing to fall back to.
 */
static bool
fall_back(const struct loop_opts *o, struct target *t)
{
	if (!t->can_fall_back) {
		return false;
	}
	target_close_fd(t);
	t->is_direct = false;
	t->can_fall_back = false;
	t->chain.n = 0;
	t->chain.used = 0;
	try_connect(o, t);
	return true;
}

static void step_tls(const struct loop_opts *o, struct target *t);
static void step_ready(const struct loop_opts *o, struct target *t);

/* close_notify, then drain until the server closes or CLOSE_GRACE_MS. */
static void
begin_close(const struct loop_opts *o, struct target *t)
{
	t->state = T_CLOSE;
	t->close_by_ms = target_now_ms() + CLOSE_GRACE_MS;
	if (t->close_by_ms > t->deadline_ms) {
		t->close_by_ms = t->deadline_ms;
	}
	step_tls(o, t);
}

/*
 * --ready's StartupMessage into t->app.  A connection string's own user
 * and dbname win over the run's (libpq: the string over the environment);
 * a string that names a user but no database gets that user as the
 * database.  The run's names were checked by main; a string's longer
 * than PG_NAME_MAX fails the target with CK_E_PROTOCOL (nothing was sent:
 * the server would cut the name, and another role would be asked for).
 * Returns 0, or -1 with the result failed.
 */
static int
ready_start(const struct loop_opts *o, struct target *t)
{
	const struct spec *sp = t->spec;
	const char *user = sp->user != NULL ? sp->user : o->user;
	const char *db;

	/* libpq's order: the string's, the run's (--dbname, PGDATABASE),
	 * then the role. */
	db = sp->dbname != NULL ? sp->dbname : o->dbname != NULL ? o->dbname :
	    user;
	if (strlen(user) > PG_NAME_MAX || strlen(db) > PG_NAME_MAX) {
		return result_fail(&t->rep->res, CK_E_PROTOCOL, "%s name in "
		    "the connection string longer than %d bytes, not sent",
		    strlen(user) > PG_NAME_MAX ? "user" : "database",
		    PG_NAME_MAX);
	}
	t->app_len = pg_startup_build(t->app, sizeof t->app, user, db);
	return 0;
}

static void
step_tls(const struct loop_opts *o, struct target *t)
{
	enum tls_status st;
	const char *alpn;

	if (t->state == T_CLOSE) {
		if (tls_close_step(&t->u.tls, t->fd, &t->events) == TLS_DONE) {
			target_finish(t);
		}
		return;
	}
	st = tls_handshake_step(&t->u.tls, t->fd, &t->events, &t->rep->res);
	if (st == TLS_AGAIN) {
		return;
	}
	if (st == TLS_FAIL) {
		if (t->is_direct && pg_direct_refused(&t->rep->res) &&
		    fall_back(o, t)) {
			return;
		}
		verdict_explain_failure(o, t->spec, &t->chain, t->rep);
		target_finish(t);
		return;
	}
	alpn = tls_alpn(&t->u.tls);
	if (t->is_direct && (alpn == NULL || strcmp(alpn, PG_ALPN) != 0)) {
		/* A TLS server, but not PostgreSQL's direct TLS. */
		if (fall_back(o, t)) {
			return;
		}
		result_fail(&t->rep->res, CK_E_PG_NO_DIRECT,
		    "no ALPN " PG_ALPN);
	}
	tls_params(&t->u.tls, &t->rep->tls_version, &t->rep->cipher_suite,
	    &t->rep->kx_group, &t->rep->sig_scheme);
	if (t->spec->proto == PROTO_POSTGRES) {
		t->rep->negotiation = t->is_direct ? SPEC_PG_NEG_DIRECT :
		    SPEC_PG_NEG_POSTGRES;
	}
	verdict_judge(o, t->spec, &t->chain, o->dane != DANE_OFF ? &t->tlsa :
	    NULL, t->rep);
	if (o->is_ready && t->spec->proto == PROTO_POSTGRES &&
	    t->rep->res.err == CK_E_OK && ready_start(o, t) == 0) {
		t->app_done = 0;
		t->state = T_READY_WRITE;
		t->events = POLLOUT;
		step_ready(o, t);
		return;
	}
	begin_close(o, t);
}

/*
 * --ready: sends the StartupMessage and reads until the first reply is
 * judged.  An authentication request is never answered: we close, and
 * the server ends the session without a word (it logs nothing for a
 * client that leaves during authentication).
 */
static void
step_ready(const struct loop_opts *o, struct target *t)
{
	struct report *rep = t->rep;
	enum tls_status st;
	size_t got;

	if (t->state == T_READY_WRITE) {
		st = tls_app_write(&t->u.tls, t->fd, t->app, t->app_len,
		    &t->app_done, &t->events, &rep->res);
		if (st == TLS_AGAIN) {
			return;
		}
		if (st == TLS_FAIL) {
			rep->ready = PG_READY_NO_RESPONSE;
			target_finish(t);
			return;
		}
		t->state = T_READY_READ;
		t->app_len = 0;
	}
	for (;;) {
		st = tls_app_read(&t->u.tls, t->fd, t->app + t->app_len,
		    sizeof t->app - t->app_len, &got, &t->events, &rep->res);
		if (st == TLS_AGAIN) {
			return;
		}
		if (st == TLS_FAIL) {
			rep->ready = PG_READY_NO_RESPONSE;
			target_finish(t);
			return;
		}
		t->app_len += got;
		rep->ready = pg_ready_parse(t->app, t->app_len, rep->sqlstate);
		if (rep->ready != PG_READY_NONE) {
			break;
		}
	}
	begin_close(o, t);
}

static const char *
stage_name(enum tstate st)
{
	switch (st) {
	case T_RESOLVE: return "while resolving";
	case T_CONNECT: return "while connecting";
	case T_PREAMBLE: return "before TLS (waiting for the server)";
	case T_HANDSHAKE: return "during TLS handshake";
	case T_READY_WRITE: return "sending the startup message";
	case T_READY_READ: return "waiting for the startup reply";
	default: return "";
	}
}

/* see target.h */
void
target_advance(const struct loop_opts *o, struct target *t, short revents,
    int64_t now)
{
	if (t->state == T_CLOSE && now >= t->close_by_ms) {
		target_finish(t);
		return;
	}
	if (t->state == T_TLSA && now >= t->deadline_ms) {
		resolv_timeout(&t->u.rq, o->timeout_ms, &t->rep->res);
		target_finish(t);
		return;
	}
	if (t->state == T_TLSA) {
		step_tlsa(o, t, revents, now);
		return;
	}
	if (t->state == T_RESOLVE && now >= t->deadline_ms) {
		resolv_timeout(&t->u.rq, o->timeout_ms, &t->rep->res);
		target_finish(t);
		return;
	}
	if (t->state != T_CLOSE && now >= t->deadline_ms) {
		result_fail(&t->rep->res, CK_E_TIMEOUT, "after %lld ms %s",
		    (long long)o->timeout_ms, stage_name(t->state));
		target_finish(t);
		return;
	}
	if (t->state == T_RESOLVE) {
		step_resolve(o, t, revents, now);
		return;
	}
	if (revents == 0) {
		return;
	}
	switch (t->state) {
	case T_CONNECT:
		if (net_connect_finish(t->fd, &t->rep->res) == 0) {
			after_connect(o, t);
			return;
		}
		target_close_fd(t);
		if (++t->addr_idx < t->addrs.n) {
			try_connect(o, t);
		} else {
			target_finish(t);
		}
		return;
	case T_PREAMBLE:
		step_preamble(o, t);
		return;
	case T_HANDSHAKE:
	case T_CLOSE:
		step_tls(o, t);
		return;
	case T_READY_WRITE:
	case T_READY_READ:
		step_ready(o, t);
		return;
	default:
		return;
	}
}
