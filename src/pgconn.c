/* SPDX-License-Identifier: MIT */
/*
 * pgconn: libpq connection strings to hosts and TLS settings.  Three
 * steps, as in libpq: the text is read into one value per keyword
 * (tokens from pgconn_lex, decoded into the arena pc->mem), the
 * environment fills what the text left out, then the values are checked
 * (pgconn_check.c) and the host lists split.  Messages keep libpq's
 * wording, never quoting what masking would hide (libpq itself quotes
 * a whole malformed URI, password included).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "ip.h"
#include "pgconn.h"
#include "pgconn_int.h"

/* see pgconn_int.h */
int
pgconn_fail(struct pgconn_vals *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(s->why, s->why_cap, fmt, ap);
	va_end(ap);
	return -1;
}

/* The hide map of a string that does not parse (it hides more). */
static const unsigned char *
hide_failed(struct pgconn_vals *s)
{
	if (!s->is_hide_failed) {
		pgconn_hide(s->text, true, s->hide);
		s->is_hide_failed = true;
	}
	return s->hide;
}

/* True when keyword kw's value came from bytes s->hide hides. */
static bool
is_hidden_kw(const struct pgconn_vals *s, int kw)
{
	return s->raw[kw] != NULL && pgconn_is_hidden(s->hide,
	    (size_t)(s->raw[kw] - s->text), s->raw_len[kw]);
}

/* see pgconn_int.h */
const char *
pgconn_shown(struct pgconn_vals *s, int kw, const char *v)
{
	hide_failed(s);
	return is_hidden_kw(s, kw) ? "xxxxx" : v;
}

/*
 * Room for len bytes and a NUL in the arena.  The arena is sized in run
 * so that this cannot fail; the check keeps a mistake there an error,
 * not an overflow.
 */
static char *
arena_take(struct pgconn_vals *s, size_t len)
{
	char *p;

	if (len >= s->cap - s->used) {
		return NULL;
	}
	p = s->arena + s->used;
	s->used += len + 1;
	p[len] = '\0';
	return p;
}

static char *
arena_copy(struct pgconn_vals *s, const char *src, size_t len)
{
	char *p = arena_take(s, len);

	if (p != NULL) {
		memcpy(p, src, len);
	}
	return p;
}

/*
 * Percent-decodes len bytes of src into the arena (decoding never
 * grows).  Returns the string, or NULL after pgconn_fail with libpq's
 * reason (without the token, which libpq quotes).
 */
static const char *
uri_decode(struct pgconn_vals *s, const char *src, size_t len)
{
	char *out = arena_take(s, len);
	size_t i;
	size_t o = 0;

	if (out == NULL) {
		pgconn_fail(s, "connection string too long");
		return NULL;
	}
	for (i = 0; i < len; i++) {
		int hi;
		int lo;

		if (src[i] != '%') {
			out[o++] = src[i];
			continue;
		}
		hi = i + 1 < len ? pgconn_hexval(src[i + 1]) : -1;
		lo = i + 2 < len ? pgconn_hexval(src[i + 2]) : -1;
		if (hi < 0 || lo < 0) {
			pgconn_fail(s, "invalid percent-encoded token");
			return NULL;
		}
		if (hi == 0 && lo == 0) {
			pgconn_fail(s, "forbidden value %%00 in "
			    "percent-encoded value");
			return NULL;
		}
		out[o++] = (char)(hi * 16 + lo);
		i += 2;
	}
	out[o] = '\0';
	return out;
}

/*
 * Records keyword kw = v, from raw[0, raw_len) of the text; the last
 * one given wins.  requiressl is libpq's conninfo_storeval rule:
 * sslmode=require when the value starts with '1', else prefer.
 */
static void
store(struct pgconn_vals *s, int kw, const char *v, const char *raw,
    size_t raw_len)
{
	if (kw == KW_REQUIRESSL) {
		kw = KW_SSLMODE;
		v = v[0] == '1' ? "require" : "prefer";
	}
	s->v[kw] = v;
	s->raw[kw] = raw;
	s->raw_len[kw] = raw_len;
}

/* A keyword/value pair. */
static int
read_pair(struct pgconn_vals *s, const struct pgconn_tok *t)
{
	int kw = pgconn_kw_find(t->key, t->key_len);
	char *v;

	if (kw < 0) {
		bool is_hidden = pgconn_is_hidden(hide_failed(s),
		    (size_t)(t->key - s->text), t->key_len);

		return pgconn_fail(s, "invalid connection option \"%.*s\"",
		    is_hidden ? 5 : (int)t->key_len, is_hidden ? "xxxxx" :
		    t->key);
	}
	if ((v = arena_take(s, t->val_len)) == NULL) {
		return pgconn_fail(s, "connection string too long");
	}
	pgconn_kv_unquote(t->val, t->val_len, v);
	store(s, kw, v, t->val, t->val_len);
	return 0;
}

/* A URI's ?key=value, decoded; ssl=true is JDBC's sslmode=require. */
static int
read_param(struct pgconn_vals *s, const struct pgconn_tok *t)
{
	const char *k = uri_decode(s, t->key, t->key_len);
	const char *v = k != NULL ? uri_decode(s, t->val, t->val_len) : NULL;
	int kw;

	if (v == NULL) {
		return -1;
	}
	if (strcmp(k, "ssl") == 0 && strcmp(v, "true") == 0) {
		k = "sslmode";
		v = "require";
	}
	kw = pgconn_kw_find(k, strlen(k));
	if (kw < 0) {
		bool is_hidden = pgconn_is_hidden(hide_failed(s),
		    (size_t)(t->key - s->text), t->key_len);

		return pgconn_fail(s, "invalid URI query parameter: \"%s\"",
		    is_hidden ? "xxxxx" : k);
	}
	store(s, kw, v, t->val, t->val_len);
	return 0;
}

/* A URI's host list as libpq gathers it: hosts and ports each as a
 * comma list, still encoded, then decoded whole. */
struct uri_hosts {
	char *hosts;
	char *ports;
	size_t hosts_len;
	size_t ports_len;
	size_t n;
	bool has_port;
	const char *from;		/* the span they came from */
	const char *to;
};

static void
list_add(char *list, size_t *len, bool is_first, const char *piece,
    size_t plen)
{
	if (!is_first) {
		list[(*len)++] = ',';
	}
	memcpy(list + *len, piece, plen);
	*len += plen;
	list[*len] = '\0';
}

/* Stores the gathered lists, as libpq does: only when not empty. */
static int
hosts_store(struct pgconn_vals *s, struct uri_hosts *h)
{
	const char *v;
	size_t raw_len = (size_t)(h->to - h->from);

	if (h->n == 0) {
		return 0;
	}
	h->n = 0;
	if (h->hosts_len > 0) {
		if ((v = uri_decode(s, h->hosts, h->hosts_len)) == NULL) {
			return -1;
		}
		store(s, KW_HOST, v, h->from, raw_len);
	}
	if (h->has_port) {
		if ((v = uri_decode(s, h->ports, h->ports_len)) == NULL) {
			return -1;
		}
		store(s, KW_PORT, v, h->from, raw_len);
	}
	return 0;
}

/* Every token of the text into s->v. */
static int
read_text(struct pgconn_vals *s)
{
	struct pgconn_lex lx;
	struct pgconn_tok t;
	struct uri_hosts h;
	size_t rest;
	const char *v;
	int rc;

	memset(&h, 0, sizeof h);
	pgconn_lex_init(&lx, s->text);
	/* Each list byte comes from a distinct byte of the text (a host,
	 * a port or the ',' between them). */
	rest = strlen(s->text);
	if (lx.prefix > 0 && ((h.hosts = arena_take(s, rest)) == NULL ||
	    (h.ports = arena_take(s, rest)) == NULL)) {
		return pgconn_fail(s, "connection string too long");
	}
	while ((rc = pgconn_lex_next(&lx, &t)) > 0) {
		if (t.kind == PGCONN_TOK_HOST) {
			if (h.n == 0) {
				h.from = t.key;
			}
			list_add(h.hosts, &h.hosts_len, h.n == 0, t.key,
			    t.key_len);
			list_add(h.ports, &h.ports_len, h.n == 0,
			    t.val != NULL ? t.val : "", t.val_len);
			h.has_port |= t.val != NULL;
			h.to = t.val != NULL ? t.val + t.val_len :
			    t.key + t.key_len;
			h.n++;
			continue;
		}
		if (hosts_store(s, &h) < 0) {
			return -1;
		}
		switch (t.kind) {
		case PGCONN_TOK_USER:
			v = uri_decode(s, t.key, t.key_len);
			if (v == NULL || (t.val != NULL &&
			    uri_decode(s, t.val, t.val_len) == NULL)) {
				return -1;
			}
			/* libpq stores the user only when it is not empty. */
			if (*v != '\0') {
				store(s, KW_USER, v, t.key, t.key_len);
			}
			break;
		case PGCONN_TOK_DBNAME:
			if ((v = uri_decode(s, t.val, t.val_len)) == NULL) {
				return -1;
			}
			if (*v != '\0') {
				store(s, KW_DBNAME, v, t.val, t.val_len);
			}
			break;
		default:
			if ((lx.prefix > 0 ? read_param(s, &t) :
			    read_pair(s, &t)) < 0) {
				return -1;
			}
			break;
		}
	}
	if (rc < 0) {
		pgconn_lex_why(&lx, hide_failed(s), s->why, s->why_cap);
		return -1;
	}
	return hosts_store(s, &h);
}

/*
 * What the environment fills: every variable of a keyword the text left
 * out (an empty variable counts, as in libpq), and PGREQUIRESSL, which
 * libpq reads only when neither the text nor PGSSLMODE set sslmode.
 */
static int
read_env(struct pgconn_vals *s, const struct pgconn_env *env)
{
	int kw;

	for (kw = 0; kw < KW__COUNT; kw++) {
		const char *e = pgconn_env_get(env, kw);

		if (e == NULL || s->v[kw] != NULL || kw == KW_REQUIRESSL) {
			continue;
		}
		if ((s->v[kw] = arena_copy(s, e, strlen(e))) == NULL) {
			return pgconn_fail(s, "connection string too long");
		}
	}
	if (s->v[KW_SSLMODE] == NULL && env->requiressl != NULL &&
	    env->requiressl[0] == '1') {
		s->v[KW_SSLMODE] = "require";
	}
	return 0;
}

/* see pgconn.h */
bool
pgconn_is_conninfo(const char *text)
{
	return pgconn_uri_prefix_len(text) > 0 || strchr(text, '=') != NULL;
}

/* Splits the comma list in place into out; returns the count (an
 * empty list is one empty entry), or -1 when over max. */
static long
split(char *list, char **out, size_t max)
{
	size_t n = 0;
	char *p = list;

	for (;;) {
		char *comma = strchr(p, ',');

		if (n == max) {
			return -1;
		}
		out[n++] = p;
		if (comma == NULL) {
			return (long)n;
		}
		*comma = '\0';
		p = comma + 1;
	}
}

/* A copy of keyword kw's list, split; 0 entries when not given. */
static long
split_kw(struct pgconn_vals *s, int kw, char **out)
{
	char *list;
	long n;

	if (s->v[kw] == NULL || *s->v[kw] == '\0') {
		return 0;
	}
	if ((list = arena_copy(s, s->v[kw], strlen(s->v[kw]))) == NULL) {
		return pgconn_fail(s, "connection string too long");
	}
	if ((n = split(list, out, PGCONN_HOSTS_MAX)) < 0) {
		return pgconn_fail(s, "more than %d hosts", PGCONN_HOSTS_MAX);
	}
	return n;
}

/* Printable, no blanks: what a host name or literal can be. */
static int
copy_host(struct pgconn_vals *s, char *dst, const char *src)
{
	size_t len = strlen(src);
	size_t i;

	if (len >= SPEC_HOST_CAP) {
		return pgconn_fail(s, "host name too long");
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)src[i];

		if (c <= 0x20 || c >= 0x7f) {
			return pgconn_fail(s, "invalid character in host");
		}
		/* No name holds one; a password with an unencoded '@' puts
		 * its tail here (libpq would look it up in the DNS). */
		if (c == '@') {
			return pgconn_fail(s, "invalid character \"@\" in host "
			    "(a URI's password needs %%40 for it)");
		}
	}
	memcpy(dst, src, len + 1);
	return 0;
}

/* One host of the lists: checked as libpq checks it when it connects. */
static int
resolve_host(struct pgconn_vals *s, struct pgconn *pc, struct pgconn_host *h,
    const char *name, const char *addr, const char *port)
{
	unsigned char buf[16];
	long v;

	if (*name == '/' || *name == '@') {
		return pgconn_fail(s, "unix-domain sockets are not supported "
		    "(host=%s)", pgconn_shown(s, KW_HOST, name));
	}
	if (*addr != '\0') {
		if (ip_parse(addr, strlen(addr), buf, NULL) == 0) {
			return pgconn_fail(s, "could not parse network address "
			    "\"%s\": Name or service not known",
			    pgconn_shown(s, KW_HOSTADDR, addr));
		}
		if (*name == '\0' && pc->verify == SPEC_VERIFY_FULL) {
			return pgconn_fail(s, "host name must be specified "
			    "for a verified SSL connection");
		}
	} else if (*name == '\0') {
		return pgconn_fail(s, "unix-domain sockets are not supported "
		    "(no host given)");
	}
	if (copy_host(s, h->addr, *addr != '\0' ? addr : name) < 0 ||
	    copy_host(s, h->name, *name != '\0' ? name : addr) < 0) {
		return -1;
	}
	h->port = 5432;
	if (*port != '\0') {
		if (pgconn_parse_int(port, &v) < 0) {
			return pgconn_fail(s, "invalid integer value \"%s\" for "
			    "connection option \"port\"",
			    pgconn_shown(s, KW_PORT, port));
		}
		if (v < 1 || v > 65535) {
			return pgconn_fail(s, "invalid port number: \"%s\"",
			    pgconn_shown(s, KW_PORT, port));
		}
		h->port = (uint16_t)v;
	}
	h->is_hidden = is_hidden_kw(s, KW_HOST) ||
	    is_hidden_kw(s, KW_HOSTADDR) || is_hidden_kw(s, KW_PORT);
	return 0;
}

/* Builds pc->host[] from the host, hostaddr and port lists, counted as
 * pqConnectOptions2 counts them. */
static int
resolve_hosts(struct pgconn_vals *s, struct pgconn *pc)
{
	char *hosts[PGCONN_HOSTS_MAX];
	char *addrs[PGCONN_HOSTS_MAX];
	char *ports[PGCONN_HOSTS_MAX];
	long nh;
	long na;
	long np;
	long n;
	long i;

	if ((nh = split_kw(s, KW_HOST, hosts)) < 0 ||
	    (na = split_kw(s, KW_HOSTADDR, addrs)) < 0 ||
	    (np = split_kw(s, KW_PORT, ports)) < 0) {
		return -1;
	}
	if (nh > 0 && na > 0 && nh != na) {
		return pgconn_fail(s, "could not match %ld host names to %ld "
		    "hostaddr values", nh, na);
	}
	n = na > 0 ? na : nh > 0 ? nh : 1;
	if (np > 1 && np != n) {
		return pgconn_fail(s, "could not match %ld port numbers to %ld "
		    "hosts", np, n);
	}
	for (i = 0; i < n; i++) {
		if (resolve_host(s, pc, &pc->host[i], nh > 0 ? hosts[i] : "",
		    na > 0 ? addrs[i] : "", np == 0 ? "" :
		    ports[np == 1 ? 0 : i]) < 0) {
			return -1;
		}
	}
	pc->n = (size_t)n;
	return 0;
}

/* An empty value counts as not given for the file keywords. */
static const char *
nonempty(const char *v)
{
	return v != NULL && *v != '\0' ? v : NULL;
}

/* The file names, and whether any came from where a password may be. */
static void
resolve_files(struct pgconn_vals *s, struct pgconn *pc)
{
	static const int files[] = {
		KW_SSLROOTCERT, KW_SSLCRL, KW_SSLCRLDIR, KW_SSLCERT, KW_SSLKEY
	};
	size_t i;

	pc->rootcert = pc->is_system_roots ? NULL :
	    nonempty(s->v[KW_SSLROOTCERT]);
	pc->crl = nonempty(s->v[KW_SSLCRL]);
	pc->crldir = nonempty(s->v[KW_SSLCRLDIR]);
	pc->cert = nonempty(s->v[KW_SSLCERT]);
	pc->key = nonempty(s->v[KW_SSLKEY]);
	pc->sslpassword = nonempty(s->v[KW_SSLPASSWORD]);
	pc->user = nonempty(s->v[KW_USER]);
	pc->dbname = nonempty(s->v[KW_DBNAME]);
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		if (is_hidden_kw(s, files[i])) {
			pc->is_hidden_files = true;
		}
	}
}

/*
 * One arena per parse.  A URI's parts are copied at most twice (raw
 * lists, then decoded), values once more to be split, and each string
 * adds a NUL (at most one per byte of text); the environment adds its
 * own lengths.  12 * len + env + slack is above all of that; if a
 * mistake here made it short, arena_take fails with a reason rather
 * than overflowing.  The caller frees the arena once it has copied what
 * it needs.
 */
static int
run(const char *text, const struct pgconn_env *env, struct pgconn *pc,
    char *why, size_t cap, bool has_hosts)
{
	struct pgconn_vals s;
	struct pgconn_env none;
	size_t len = strlen(text);
	size_t need = 12 * len + 256;
	int kw;
	int rc;

	memset(pc, 0, sizeof *pc);
	memset(&s, 0, sizeof s);
	memset(&none, 0, sizeof none);
	if (env == NULL) {
		env = &none;
	}
	s.text = text;
	s.why = why;
	s.why_cap = cap;
	for (kw = 0; kw < KW__COUNT; kw++) {
		const char *e = pgconn_env_get(env, kw);

		if (e != NULL) {
			need += 4 * strlen(e) + 4;
		}
	}
	pc->mem = malloc(need);
	s.hide = malloc(len + 1);
	if (pc->mem == NULL || s.hide == NULL) {
		free(s.hide);
		pgconn_free(pc);
		fmt_snprintf(why, cap, "out of memory for a connection string");
		return -1;
	}
	s.arena = pc->mem;
	s.cap = need;
	pgconn_hide(text, false, s.hide);
	rc = read_text(&s);
	if (rc == 0) {
		rc = read_env(&s, env);
	}
	if (rc == 0) {
		rc = pgconn_check_tls(&s, pc, has_hosts);
	}
	if (rc == 0) {
		resolve_files(&s, pc);
		rc = pgconn_check_connect(&s);
	}
	if (rc == 0 && has_hosts) {
		rc = resolve_hosts(&s, pc);
	}
	free(s.hide);
	if (rc < 0) {
		pgconn_free(pc);
	}
	return rc;
}

/* see pgconn.h */
int
pgconn_parse(const char *text, const struct pgconn_env *env,
    struct pgconn *pc, char *why, size_t cap)
{
	return run(text, env, pc, why, cap, true);
}

/* see pgconn.h */
int
pgconn_settings(const struct pgconn_env *env, struct pgconn *pc,
    char *why, size_t cap)
{
	return run("", env, pc, why, cap, false);
}

/* see pgconn.h */
void
pgconn_free(struct pgconn *pc)
{
	free(pc->mem);
	pc->mem = NULL;
	pc->rootcert = NULL;
	pc->crl = NULL;
	pc->crldir = NULL;
	pc->cert = NULL;
	pc->key = NULL;
	pc->sslpassword = NULL;
	pc->user = NULL;
	pc->dbname = NULL;
}
