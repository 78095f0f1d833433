/* SPDX-License-Identifier: MIT */
/*
 * pgconn: libpq connection strings to hosts and TLS settings.  Two
 * phases, as in libpq: the text is parsed into one value per keyword
 * (decoded into the arena pc->mem), then the values are resolved (the
 * environment fills gaps, lists are split, modes checked).  Messages
 * keep libpq's wording where libpq has one, without the URI it quotes
 * (it may hold a password).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "ip.h"
#include "pgconn.h"
#include "pgconn_int.h"

/* Keywords ccheck acts on; their values live in struct vals. */
enum kw {
	KW_HOST,
	KW_HOSTADDR,
	KW_PORT,
	KW_SSLMODE,
	KW_SSLROOTCERT,
	KW_SSLCERT,
	KW_SSLKEY,
	KW_SSLPASSWORD,
	KW_SSLSNI,
	KW_SSLNEGOTIATION,
	KW_SSLCRL,
	KW_SSLCRLDIR,
	KW_USER,
	KW_DBNAME,
	KW__COUNT
};

static const char *const kw_name[KW__COUNT] = {
	[KW_HOST] = "host",
	[KW_HOSTADDR] = "hostaddr",
	[KW_PORT] = "port",
	[KW_SSLMODE] = "sslmode",
	[KW_SSLROOTCERT] = "sslrootcert",
	[KW_SSLCERT] = "sslcert",
	[KW_SSLKEY] = "sslkey",
	[KW_SSLPASSWORD] = "sslpassword",
	[KW_SSLSNI] = "sslsni",
	[KW_SSLNEGOTIATION] = "sslnegotiation",
	[KW_SSLCRL] = "sslcrl",
	[KW_SSLCRLDIR] = "sslcrldir",
	[KW_USER] = "user",
	[KW_DBNAME] = "dbname"
};

/*
 * libpq 17 and 18 keywords that do not change what ccheck checks: they
 * are accepted and ignored (libpq would refuse an unknown one).  Nothing
 * is ever sent with them: --ready sends only user and dbname.
 */
static const char *const kw_ignored[] = {
	"password", "passfile", "channel_binding", "connect_timeout",
	"client_encoding", "options", "application_name",
	"fallback_application_name", "keepalives", "keepalives_idle",
	"keepalives_interval", "keepalives_count", "tcp_user_timeout",
	"sslcompression", "sslcertmode", "sslkeylogfile", "requirepeer", "ssl_min_protocol_version",
	"ssl_max_protocol_version", "min_protocol_version",
	"max_protocol_version", "gssencmode", "krbsrvname", "gsslib",
	"gssdelegation", "replication", "target_session_attrs",
	"load_balance_hosts", "require_auth", "oauth_issuer",
	"oauth_client_id", "oauth_client_secret", "oauth_scope"
};

static const char uri_prefix_long[] = "postgresql://";
static const char uri_prefix_short[] = "postgres://";

/* The parse state: values by keyword, and a bump arena for them. */
struct vals {
	const char *v[KW__COUNT];	/* NULL: not given */
	char *arena;			/* pc->mem */
	size_t used;
	size_t cap;
	char *why;
	size_t why_cap;
};

static int fail(struct vals *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
fail(struct vals *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(s->why, s->why_cap, fmt, ap);
	va_end(ap);
	return -1;
}

/* see pgconn_int.h */
bool
pgconn_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	    c == '\r';
}

/*
 * Room for len bytes and a NUL in the arena.  The arena is sized in
 * parse_alloc so that this cannot fail; the check keeps a mistake there
 * an error, not an overflow.
 */
static char *
arena_take(struct vals *s, size_t len)
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

/* see pgconn_int.h */
int
pgconn_hexval(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

/*
 * Percent-decodes len bytes of s into the arena (decoding never grows).
 * Returns the string, or NULL after fail() with libpq's reason.
 */
static const char *
uri_decode(struct vals *s, const char *src, size_t len)
{
	char *out = arena_take(s, len);
	size_t i;
	size_t o = 0;

	if (out == NULL) {
		fail(s, "connection string too long");
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
			fail(s, "invalid percent-encoded token");
			return NULL;
		}
		if (hi == 0 && lo == 0) {
			fail(s, "forbidden value %%00 in percent-encoded "
			    "value");
			return NULL;
		}
		out[o++] = (char)(hi * 16 + lo);
		i += 2;
	}
	out[o] = '\0';
	return out;
}

/* Index in kw_name of keyword k (len bytes), -1 when ignored, -2 when
 * unknown. */
static int
kw_lookup(const char *k, size_t len)
{
	size_t i;

	for (i = 0; i < KW__COUNT; i++) {
		if (strlen(kw_name[i]) == len &&
		    memcmp(kw_name[i], k, len) == 0) {
			return (int)i;
		}
	}
	for (i = 0; i < sizeof kw_ignored / sizeof kw_ignored[0]; i++) {
		if (strlen(kw_ignored[i]) == len &&
		    memcmp(kw_ignored[i], k, len) == 0) {
			return -1;
		}
	}
	return -2;
}

/*
 * Records keyword k (NUL-terminated) = v; the last one given wins.  An
 * unknown k fails in the words of its source, a URI's query or not.
 */
static int
store(struct vals *s, const char *k, const char *v, bool is_uri)
{
	int i = kw_lookup(k, strlen(k));

	if (i == -2) {
		if (strcmp(k, "service") == 0) {
			return fail(s, "service files are not supported "
			    "(service=%s)", v);
		}
		if (is_uri) {
			return fail(s, "invalid URI query parameter: \"%s\"",
			    k);
		}
		return fail(s, "invalid connection option \"%s\"", k);
	}
	if (i >= 0) {
		s->v[i] = v;
	}
	return 0;
}

/*
 * keyword = value pairs, libpq's conninfo_parse: blanks separate pairs
 * and may surround '='; a value is single-quoted or runs to a blank; a
 * backslash takes the next character literally in both.
 */
static int
parse_kv(struct vals *s, const char *p)
{
	for (;;) {
		const char *k;
		size_t klen;
		char *kw;
		char *val;
		size_t o = 0;

		while (pgconn_is_space(*p)) {
			p++;
		}
		if (*p == '\0') {
			return 0;
		}
		k = p;
		while (*p != '\0' && *p != '=' && !pgconn_is_space(*p)) {
			p++;
		}
		klen = (size_t)(p - k);
		while (pgconn_is_space(*p)) {
			p++;
		}
		kw = arena_take(s, klen);
		if (kw == NULL) {
			return fail(s, "connection string too long");
		}
		memcpy(kw, k, klen);
		if (*p != '=') {
			return fail(s, "missing \"=\" after \"%s\" in "
			    "connection info string", kw);
		}
		p++;
		while (pgconn_is_space(*p)) {
			p++;
		}
		/* The value is never longer than what is left of the text. */
		val = arena_take(s, strlen(p));
		if (val == NULL) {
			return fail(s, "connection string too long");
		}
		if (*p == '\'') {
			p++;
			for (;;) {
				if (*p == '\0') {
					return fail(s, "unterminated quoted "
					    "string in connection info string");
				}
				if (*p == '\\' && p[1] != '\0') {
					p++;
				} else if (*p == '\'') {
					p++;
					break;
				}
				val[o++] = *p++;
			}
		} else {
			while (*p != '\0' && !pgconn_is_space(*p)) {
				if (*p == '\\' && p[1] != '\0') {
					p++;
				} else if (*p == '\\') {
					p++;	/* a final lone backslash */
					continue;
				}
				val[o++] = *p++;
			}
		}
		val[o] = '\0';
		/* val is the arena's last string: give back what it left. */
		s->used = (size_t)(val - s->arena) + o + 1;
		if (store(s, kw, val, false) < 0) {
			return -1;
		}
	}
}

/* Appends ",piece" (or piece, for the first) to a comma list whose room
 * was taken from the arena by the caller. */
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

/*
 * A URI, libpq's conninfo_uri_parse_options: [user[:password]@]
 * hostspec[,hostspec...][/dbname][?param=value&...], hostspec being
 * host[:port] or [v6][:port].  Hosts and ports are gathered as comma
 * lists (still encoded; decoded whole, then split, as libpq does).
 */
static int
parse_uri(struct vals *s, const char *uri, size_t prefix_len)
{
	const char *start = uri + prefix_len;
	const char *p = start;
	char *hosts;
	char *ports;
	size_t hosts_len = 0;
	size_t ports_len = 0;
	bool has_port = false;
	bool is_first;
	const char *v;

	/* user:password@, looked for before the first '/' as libpq does. */
	while (*p != '\0' && *p != '@' && *p != '/') {
		p++;
	}
	if (*p == '@') {
		const char *colon = memchr(start, ':', (size_t)(p - start));
		const char *user_end = colon != NULL ? colon : p;

		if ((v = uri_decode(s, start, (size_t)(user_end - start))) ==
		    NULL || (colon != NULL && uri_decode(s, colon + 1,
		    (size_t)(p - colon - 1)) == NULL)) {
			return -1;
		}
		/* libpq stores the user only when it is not empty. */
		if (*v != '\0') {
			s->v[KW_USER] = v;
		}
		start = p + 1;
	}
	p = start;
	/*
	 * Every byte of either list comes from a distinct byte of the rest
	 * of the URI (a host, a port, or the ',' between them), so each
	 * needs no more room than that.
	 */
	hosts = arena_take(s, strlen(p));
	ports = arena_take(s, strlen(p));
	if (hosts == NULL || ports == NULL) {
		return fail(s, "connection string too long");
	}
	for (is_first = true;; is_first = false) {
		const char *h = p;
		const char *h_end;

		if (*p == '[') {
			h = ++p;
			while (*p != '\0' && *p != ']') {
				p++;
			}
			if (*p == '\0') {
				return fail(s, "end of string reached when "
				    "looking for matching \"]\" in IPv6 host "
				    "address in URI");
			}
			if (p == h) {
				return fail(s, "IPv6 host address may not be "
				    "empty in URI");
			}
			h_end = p++;
			if (*p != '\0' && *p != ':' && *p != '/' && *p != '?' &&
			    *p != ',') {
				return fail(s, "unexpected character \"%c\" at "
				    "position %d in URI (expected \":\" or "
				    "\"/\")", *p, (int)(p - uri + 1));
			}
		} else {
			while (*p != '\0' && *p != ':' && *p != '/' &&
			    *p != '?' && *p != ',') {
				p++;
			}
			h_end = p;
		}
		list_add(hosts, &hosts_len, is_first, h, (size_t)(h_end - h));
		if (*p == ':') {
			const char *port = ++p;

			while (*p != '\0' && *p != '/' && *p != '?' &&
			    *p != ',') {
				p++;
			}
			has_port = true;
			list_add(ports, &ports_len, is_first, port,
			    (size_t)(p - port));
		} else {
			list_add(ports, &ports_len, is_first, "", 0);
		}
		if (*p != ',') {
			break;
		}
		p++;
	}
	/* libpq stores the lists only when they say something. */
	if (hosts_len > 0) {
		if ((v = uri_decode(s, hosts, hosts_len)) == NULL) {
			return -1;
		}
		s->v[KW_HOST] = v;
	}
	if (has_port) {
		if ((v = uri_decode(s, ports, ports_len)) == NULL) {
			return -1;
		}
		s->v[KW_PORT] = v;
	}
	if (*p == '/') {
		const char *db = ++p;

		while (*p != '\0' && *p != '?') {
			p++;
		}
		if ((v = uri_decode(s, db, (size_t)(p - db))) == NULL) {
			return -1;
		}
		if (*v != '\0') {
			s->v[KW_DBNAME] = v;	/* as the user above */
		}
	}
	if (*p != '?') {
		return 0;
	}
	p++;
	while (*p != '\0') {
		const char *param = p;
		const char *eq = NULL;
		const char *key;
		const char *val;

		while (*p != '\0' && *p != '&') {
			if (*p == '=') {
				if (eq != NULL) {
					return fail(s, "extra key/value "
					    "separator \"=\" in URI query "
					    "parameter");
				}
				eq = p;
			}
			p++;
		}
		if (eq == NULL) {
			return fail(s, "missing key/value separator \"=\" in "
			    "URI query parameter");
		}
		key = uri_decode(s, param, (size_t)(eq - param));
		val = key != NULL ? uri_decode(s, eq + 1,
		    (size_t)(p - eq - 1)) : NULL;
		if (val == NULL) {
			return -1;
		}
		/* JDBC's spelling, which libpq accepts for compatibility. */
		if (strcmp(key, "ssl") == 0 && strcmp(val, "true") == 0) {
			key = "sslmode";
			val = "require";
		}
		if (store(s, key, val, true) < 0) {
			return -1;
		}
		if (*p == '&') {
			p++;
		}
	}
	return 0;
}

/* see pgconn_int.h */
size_t
pgconn_uri_prefix_len(const char *text)
{
	if (strncmp(text, uri_prefix_long, sizeof uri_prefix_long - 1) == 0) {
		return sizeof uri_prefix_long - 1;
	}
	if (strncmp(text, uri_prefix_short, sizeof uri_prefix_short - 1) ==
	    0) {
		return sizeof uri_prefix_short - 1;
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

/* Printable, no blanks: what a host name or literal can be. */
static int
copy_host(struct vals *s, char *dst, const char *src)
{
	size_t len = strlen(src);
	size_t i;

	if (len >= SPEC_HOST_CAP) {
		return fail(s, "host name too long");
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)src[i];

		if (c <= 0x20 || c >= 0x7f) {
			return fail(s, "invalid character in host");
		}
	}
	memcpy(dst, src, len + 1);
	return 0;
}

static bool
is_ip_literal(const char *a)
{
	unsigned char buf[16];

	return ip_parse(a, strlen(a), buf, NULL) != 0;
}

/* Builds pc->host[] from the host, hostaddr and port lists. */
static int
resolve_hosts(struct vals *s, struct pgconn *pc)
{
	char *hosts[PGCONN_HOSTS_MAX];
	char *addrs[PGCONN_HOSTS_MAX];
	char *ports[PGCONN_HOSTS_MAX];
	long nh = 0;
	long na = 0;
	long np = 0;
	long n;
	long i;
	char *list;

	if (s->v[KW_HOST] != NULL) {
		list = arena_take(s, strlen(s->v[KW_HOST]));
		if (list == NULL) {
			return fail(s, "connection string too long");
		}
		strcpy(list, s->v[KW_HOST]);
		nh = split(list, hosts, PGCONN_HOSTS_MAX);
	}
	if (s->v[KW_HOSTADDR] != NULL) {
		list = arena_take(s, strlen(s->v[KW_HOSTADDR]));
		if (list == NULL) {
			return fail(s, "connection string too long");
		}
		strcpy(list, s->v[KW_HOSTADDR]);
		na = split(list, addrs, PGCONN_HOSTS_MAX);
	}
	if (nh < 0 || na < 0) {
		return fail(s, "more than %d hosts", PGCONN_HOSTS_MAX);
	}
	if (nh > 0 && na > 0 && nh != na) {
		return fail(s, "could not match %ld host names to %ld hostaddr "
		    "values", nh, na);
	}
	n = na > 0 ? na : nh > 0 ? nh : 1;
	if (s->v[KW_PORT] != NULL) {
		list = arena_take(s, strlen(s->v[KW_PORT]));
		if (list == NULL) {
			return fail(s, "connection string too long");
		}
		strcpy(list, s->v[KW_PORT]);
		np = split(list, ports, PGCONN_HOSTS_MAX);
		if (np < 0 || (np > 1 && np != n)) {
			return fail(s, "could not match %ld port numbers to "
			    "%ld hosts", np < 0 ? (long)PGCONN_HOSTS_MAX + 1 :
			    np, n);
		}
	}
	for (i = 0; i < n; i++) {
		struct pgconn_host *h = &pc->host[i];
		const char *name = nh > 0 ? hosts[i] : "";
		const char *addr = na > 0 ? addrs[i] : "";
		const char *port = np == 0 ? "" : ports[np == 1 ? 0 : i];
		unsigned long v;

		if (*name == '/' || *name == '@') {
			return fail(s, "unix-domain sockets are not supported "
			    "(host=%s)", name);
		}
		if (*addr != '\0') {
			if (!is_ip_literal(addr)) {
				return fail(s, "could not parse network "
				    "address \"%s\"", addr);
			}
			if (*name == '\0' && pc->verify == SPEC_VERIFY_FULL) {
				return fail(s, "host name must be specified "
				    "for a verified SSL connection");
			}
		} else if (*name == '\0') {
			return fail(s, "unix-domain sockets are not supported "
			    "(no host given)");
		}
		if (copy_host(s, h->addr, *addr != '\0' ? addr : name) < 0 ||
		    copy_host(s, h->name, *name != '\0' ? name : addr) < 0) {
			return -1;
		}
		h->port = 5432;
		if (*port != '\0') {
			if (spec_parse_ulong(port, 1, 65535, &v) < 0) {
				return fail(s, "invalid port number: \"%s\"",
				    port);
			}
			h->port = (uint16_t)v;
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

/* sslmode, sslrootcert, sslcert/sslkey, sslsni, sslnegotiation. */
static int
resolve_tls(struct vals *s, struct pgconn *pc)
{
	const char *mode = s->v[KW_SSLMODE];
	const char *root = nonempty(s->v[KW_SSLROOTCERT]);
	const char *sni = s->v[KW_SSLSNI];
	const char *neg = s->v[KW_SSLNEGOTIATION];

	pc->is_system_roots = root != NULL && strcmp(root, "system") == 0;
	pc->rootcert = pc->is_system_roots ? NULL : root;
	pc->verify = SPEC_VERIFY_DEFAULT;
	if (mode == NULL) {
		/* libpq 16+: system roots make verify-full the default. */
		if (pc->is_system_roots) {
			pc->verify = SPEC_VERIFY_FULL;
		}
	} else if (strcmp(mode, "disable") == 0) {
		return fail(s, "sslmode=disable does not use TLS; ccheck needs "
		    "require or stronger");
	} else if (strcmp(mode, "allow") == 0 ||
	    strcmp(mode, "prefer") == 0 || strcmp(mode, "require") == 0) {
		/* libpq: require with a root file verifies like verify-ca. */
		pc->verify = pc->rootcert != NULL ? SPEC_VERIFY_CA :
		    SPEC_VERIFY_NONE;
	} else if (strcmp(mode, "verify-ca") == 0) {
		pc->verify = SPEC_VERIFY_CA;
	} else if (strcmp(mode, "verify-full") == 0) {
		pc->verify = SPEC_VERIFY_FULL;
	} else {
		return fail(s, "invalid sslmode value: \"%s\"", mode);
	}
	if (pc->is_system_roots && pc->verify != SPEC_VERIFY_FULL) {
		return fail(s, "weak sslmode \"%s\" may not be used with "
		    "sslrootcert=system (use \"verify-full\")", mode);
	}
	pc->crl = nonempty(s->v[KW_SSLCRL]);
	pc->crldir = nonempty(s->v[KW_SSLCRLDIR]);
	pc->cert = nonempty(s->v[KW_SSLCERT]);
	pc->key = nonempty(s->v[KW_SSLKEY]);
	if (pc->cert != NULL && pc->key == NULL) {
		return fail(s, "sslcert needs sslkey (ccheck does not read "
		    "~/.postgresql/postgresql.key)");
	}
	pc->sslpassword = nonempty(s->v[KW_SSLPASSWORD]);
	if (pc->cert == NULL) {
		pc->key = NULL;	/* libpq ignores a key without a cert */
	}
	if (sni != NULL && strcmp(sni, "0") == 0) {
		pc->is_no_sni = true;
	} else if (sni != NULL && strcmp(sni, "1") != 0) {
		return fail(s, "invalid sslsni value: \"%s\"", sni);
	}
	if (neg == NULL) {
		pc->pg_neg = SPEC_PG_NEG_DEFAULT;
	} else if (strcmp(neg, "postgres") == 0) {
		pc->pg_neg = SPEC_PG_NEG_POSTGRES;
	} else if (strcmp(neg, "direct") == 0) {
		pc->pg_neg = SPEC_PG_NEG_DIRECT;
	} else {
		return fail(s, "invalid sslnegotiation value: \"%s\"", neg);
	}
	return 0;
}

/* Every variable of env, in keyword order. */
static const char *
env_val(const struct pgconn_env *env, int kw)
{
	switch (kw) {
	case KW_HOST: return env->host;
	case KW_HOSTADDR: return env->hostaddr;
	case KW_PORT: return env->port;
	case KW_SSLMODE: return env->sslmode;
	case KW_SSLROOTCERT: return env->sslrootcert;
	case KW_SSLCERT: return env->sslcert;
	case KW_SSLKEY: return env->sslkey;
	case KW_SSLSNI: return env->sslsni;
	case KW_SSLNEGOTIATION: return env->sslnegotiation;
	case KW_SSLCRL: return env->sslcrl;
	case KW_SSLCRLDIR: return env->sslcrldir;
	default: return NULL;	/* PGUSER, PGDATABASE: the caller's */
	}
}

/*
 * One arena per parse.  A URI's parts are copied at most twice (raw
 * lists, then decoded), the host, hostaddr and port values once more to
 * be split, and each string adds a NUL (at most one per byte of text);
 * the environment adds its own lengths.  12 * len + env + slack is
 * above all of that; if a mistake here made it short, arena_take fails
 * with a reason rather than overflowing.  The caller frees the arena
 * once it has copied what it needs.
 */
static int
run(const char *text, const struct pgconn_env *env, struct pgconn *pc,
    char *why, size_t cap, bool has_hosts)
{
	struct vals s;
	size_t need = 12 * strlen(text) + 256;
	size_t prefix;
	int kw;
	int rc;

	memset(pc, 0, sizeof *pc);
	memset(&s, 0, sizeof s);
	s.why = why;
	s.why_cap = cap;
	for (kw = 0; env != NULL && kw < KW__COUNT; kw++) {
		if (env_val(env, kw) != NULL) {
			need += 4 * strlen(env_val(env, kw)) + 4;
		}
	}
	pc->mem = malloc(need);
	if (pc->mem == NULL) {
		fmt_snprintf(why, cap, "out of memory for a connection string");
		return -1;
	}
	s.arena = pc->mem;
	s.cap = need;
	prefix = pgconn_uri_prefix_len(text);
	rc = prefix > 0 ? parse_uri(&s, text, prefix) : parse_kv(&s, text);
	for (kw = 0; rc == 0 && env != NULL && kw < KW__COUNT; kw++) {
		const char *e = env_val(env, kw);
		char *copy;

		if (s.v[kw] != NULL || e == NULL) {
			continue;
		}
		if ((copy = arena_take(&s, strlen(e))) == NULL) {
			rc = fail(&s, "connection string too long");
			break;
		}
		memcpy(copy, e, strlen(e));
		s.v[kw] = copy;
	}
	if (rc == 0) {
		rc = resolve_tls(&s, pc);
	}
	if (rc == 0) {
		pc->user = nonempty(s.v[KW_USER]);
		pc->dbname = nonempty(s.v[KW_DBNAME]);
	}
	if (rc == 0 && has_hosts) {
		rc = resolve_hosts(&s, pc);
	}
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
	pc->cert = NULL;
	pc->key = NULL;
	pc->sslpassword = NULL;
	pc->user = NULL;
	pc->dbname = NULL;
}
