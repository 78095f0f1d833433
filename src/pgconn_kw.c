/* SPDX-License-Identifier: MIT */
/*
 * pgconn_kw: libpq 17's keywords, the environment variables behind
 * them, and which values hide secrets.
 */
#include <stddef.h>
#include <string.h>

#include "pgconn_int.h"

#define PGCONN_KW_NAME(id, name, env) name,
static const char *const kw_name[KW__COUNT] = {
	PGCONN_KEYWORDS(PGCONN_KW_NAME)
};
#undef PGCONN_KW_NAME

#define PGCONN_KW_ENV(id, name, env) env,
static const char *const kw_env[KW__COUNT] = {
	PGCONN_KEYWORDS(PGCONN_KW_ENV)
};
#undef PGCONN_KW_ENV

/* see pgconn_int.h */
int
pgconn_kw_find(const char *k, size_t len)
{
	int i;

	for (i = 0; i < KW__COUNT; i++) {
		if (strlen(kw_name[i]) == len &&
		    memcmp(kw_name[i], k, len) == 0) {
			return i;
		}
	}
	return -1;
}

/* see pgconn_int.h */
const char *
pgconn_kw_name(int kw)
{
	return kw_name[kw];
}

/* see pgconn_int.h */
const char *
pgconn_kw_env(int kw)
{
	return kw_env[kw];
}

/* Where each variable lives in struct pgconn_env; NO_ENV: not read. */
#define NO_ENV ((size_t)-1)

static size_t
env_off(int kw)
{
	switch (kw) {
	case KW_SERVICE: return offsetof(struct pgconn_env, service);
	case KW_CHANNEL_BINDING:
		return offsetof(struct pgconn_env, channel_binding);
	case KW_CONNECT_TIMEOUT:
		return offsetof(struct pgconn_env, connect_timeout);
	case KW_HOST: return offsetof(struct pgconn_env, host);
	case KW_HOSTADDR: return offsetof(struct pgconn_env, hostaddr);
	case KW_PORT: return offsetof(struct pgconn_env, port);
	case KW_SSLMODE: return offsetof(struct pgconn_env, sslmode);
	case KW_SSLNEGOTIATION:
		return offsetof(struct pgconn_env, sslnegotiation);
	case KW_SSLCERT: return offsetof(struct pgconn_env, sslcert);
	case KW_SSLKEY: return offsetof(struct pgconn_env, sslkey);
	case KW_SSLCERTMODE: return offsetof(struct pgconn_env, sslcertmode);
	case KW_SSLROOTCERT: return offsetof(struct pgconn_env, sslrootcert);
	case KW_SSLCRL: return offsetof(struct pgconn_env, sslcrl);
	case KW_SSLCRLDIR: return offsetof(struct pgconn_env, sslcrldir);
	case KW_SSLSNI: return offsetof(struct pgconn_env, sslsni);
	case KW_REQUIRE_AUTH:
		return offsetof(struct pgconn_env, require_auth);
	case KW_SSL_MIN_PROTOCOL_VERSION:
		return offsetof(struct pgconn_env, ssl_min_protocol_version);
	case KW_SSL_MAX_PROTOCOL_VERSION:
		return offsetof(struct pgconn_env, ssl_max_protocol_version);
	case KW_GSSENCMODE: return offsetof(struct pgconn_env, gssencmode);
	case KW_TARGET_SESSION_ATTRS:
		return offsetof(struct pgconn_env, target_session_attrs);
	case KW_LOAD_BALANCE_HOSTS:
		return offsetof(struct pgconn_env, load_balance_hosts);
	case KW_REQUIRESSL: return offsetof(struct pgconn_env, requiressl);
	default: return NO_ENV;
	}
}

/* see pgconn_int.h */
const char *
pgconn_env_get(const struct pgconn_env *env, int kw)
{
	size_t off = env_off(kw);

	return off == NO_ENV ? NULL :
	    *(const char *const *)(const void *)((const char *)env + off);
}

/* see pgconn.h */
void
pgconn_env_read(struct pgconn_env *env, const char *(*get)(const char *))
{
	int kw;

	memset(env, 0, sizeof *env);
	for (kw = 0; kw < KW__COUNT; kw++) {
		size_t off = env_off(kw);

		if (off != NO_ENV) {
			*(const char **)(void *)((char *)env + off) =
			    get(kw_env[kw]);
		}
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
