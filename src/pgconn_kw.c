/* SPDX-License-Identifier: MIT */
/*
 * pgconn_kw: libpq 17's keywords, the environment variables behind
 * them, and which values hide secrets.
 */
#include <stddef.h>
#include <string.h>

#include "pgconn_int.h"

/* The names, NUL-separated in keyword order: one string, no table of
 * pointers (startup only, so a walk costs nothing that matters). */
#define PGCONN_KW_NAME(id, name) name "\0"
static const char kw_names[] = PGCONN_KEYWORDS(PGCONN_KW_NAME);
#undef PGCONN_KW_NAME

/* see pgconn_int.h */
int
pgconn_kw_find(const char *k, size_t len)
{
	const char *p = kw_names;
	int i;

	for (i = 0; i < KW__COUNT; i++, p += strlen(p) + 1) {
		if (strlen(p) == len && memcmp(p, k, len) == 0) {
			return i;
		}
	}
	return -1;
}

/* see pgconn_int.h */
const char *
pgconn_kw_name(int kw)
{
	const char *p = kw_names;

	while (kw-- > 0) {
		p += strlen(p) + 1;
	}
	return p;
}

/*
 * The variables libpq reads that ccheck reads too, and where they live
 * in struct pgconn_env.  Not read: those of settings a probe never sends
 * (PGPASSWORD, PGOPTIONS, ...), and PGUSER and PGDATABASE, which --ready
 * reads itself.
 */
#define ENV(kw, field, name) { kw, offsetof(struct pgconn_env, field), name }
static const struct {
	unsigned char kw;
	unsigned short off;
	const char *name;
} env_map[] = {
	ENV(KW_SERVICE, service, "PGSERVICE"),
	ENV(KW_CHANNEL_BINDING, channel_binding, "PGCHANNELBINDING"),
	ENV(KW_CONNECT_TIMEOUT, connect_timeout, "PGCONNECT_TIMEOUT"),
	ENV(KW_HOST, host, "PGHOST"),
	ENV(KW_HOSTADDR, hostaddr, "PGHOSTADDR"),
	ENV(KW_PORT, port, "PGPORT"),
	ENV(KW_SSLMODE, sslmode, "PGSSLMODE"),
	ENV(KW_SSLNEGOTIATION, sslnegotiation, "PGSSLNEGOTIATION"),
	ENV(KW_SSLCERT, sslcert, "PGSSLCERT"),
	ENV(KW_SSLKEY, sslkey, "PGSSLKEY"),
	ENV(KW_SSLCERTMODE, sslcertmode, "PGSSLCERTMODE"),
	ENV(KW_SSLROOTCERT, sslrootcert, "PGSSLROOTCERT"),
	ENV(KW_SSLCRL, sslcrl, "PGSSLCRL"),
	ENV(KW_SSLCRLDIR, sslcrldir, "PGSSLCRLDIR"),
	ENV(KW_SSLSNI, sslsni, "PGSSLSNI"),
	ENV(KW_REQUIRE_AUTH, require_auth, "PGREQUIREAUTH"),
	ENV(KW_SSL_MIN_PROTOCOL_VERSION, ssl_min_protocol_version,
	    "PGSSLMINPROTOCOLVERSION"),
	ENV(KW_SSL_MAX_PROTOCOL_VERSION, ssl_max_protocol_version,
	    "PGSSLMAXPROTOCOLVERSION"),
	ENV(KW_GSSENCMODE, gssencmode, "PGGSSENCMODE"),
	ENV(KW_TARGET_SESSION_ATTRS, target_session_attrs,
	    "PGTARGETSESSIONATTRS"),
	ENV(KW_LOAD_BALANCE_HOSTS, load_balance_hosts, "PGLOADBALANCEHOSTS"),
	ENV(KW_REQUIRESSL, requiressl, "PGREQUIRESSL"),
};
#undef ENV

/* see pgconn_int.h */
const char *
pgconn_env_get(const struct pgconn_env *env, int kw)
{
	size_t i;

	for (i = 0; i < sizeof env_map / sizeof env_map[0]; i++) {
		if (env_map[i].kw == kw) {
			return *(const char *const *)(const void *)
			    ((const char *)env + env_map[i].off);
		}
	}
	return NULL;
}

/* see pgconn.h */
void
pgconn_env_read(struct pgconn_env *env, const char *(*get)(const char *))
{
	size_t i;

	memset(env, 0, sizeof *env);
	for (i = 0; i < sizeof env_map / sizeof env_map[0]; i++) {
		*(const char **)(void *)((char *)env + env_map[i].off) =
		    get(env_map[i].name);
	}
	env->home = get("HOME");
}

/* Keywords whose values are secrets, lower case. */
static const char *const kw_secret[] = {
	"password", "sslpassword", "oauth_client_secret"
};

/* see pgconn_int.h */
bool
pgconn_is_secret(const char *k, size_t len, bool is_encoded)
{
	char buf[32];
	size_t i;
	size_t o = 0;

	/* Decoded leniently: a bad escape is kept as it is. */
	for (i = 0; i < len && o < sizeof buf; i++) {
		int hi = i + 2 < len ? pgconn_hexval(k[i + 1]) : -1;
		int lo = i + 2 < len ? pgconn_hexval(k[i + 2]) : -1;
		char c = k[i];

		if (is_encoded && c == '%' && hi >= 0 && lo >= 0) {
			c = (char)(hi * 16 + lo);
			i += 2;
		}
		buf[o++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	if (i < len) {
		return false;
	}
	for (i = 0; i < sizeof kw_secret / sizeof kw_secret[0]; i++) {
		if (strlen(kw_secret[i]) == o &&
		    memcmp(kw_secret[i], buf, o) == 0) {
			return true;
		}
	}
	return false;
}
