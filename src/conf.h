/* SPDX-License-Identifier: MIT */
/*
 * conf: Go ccheck's ccheck.toml for `ccheck server --config FILE`, so a
 * deployment switches by changing the binary.  Every key Go ccheck reads
 * or its example file shows is accepted (tests/peers/go-ccheck-server.md
 * lists them and which ones Go itself ignores), plus two of ours,
 * [server] allow and cache_ttl.  Keys are matched without regard to case, as viper does.
 *
 * The TOML read is the subset such a file uses: [table] headers, bare or
 * quoted keys, basic and literal strings, decimal integers, booleans,
 * arrays of strings (over several lines too), # comments, LF or CRLF.
 * Anything else TOML allows (dotted keys, inline tables, floats, dates,
 * multi-line strings, [[arrays]]) is refused with its line, as are
 * TOML's own errors (a key twice, a table twice).
 *
 * Unlike viper, an unknown key or table is an error naming it: a
 * misspelt root_certs_pem that silently fell back to the public CAs
 * would trust more than the operator meant.  As viper does, a quoted
 * number or boolean ("4", "true") is read as one; unlike viper, a
 * duration must be a string with a unit ("30s"; Go reads 30 as 30 ns).
 * Durations are read by duration_parse (duration.h).
 * Startup only: conf_load allocates the file's bytes and frees them.
 */
#ifndef CK_CONF_H
#define CK_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "allow.h"

/* A configuration file bigger than this is not one. */
#define CONF_FILE_MAX (64u * 1024)
/* Paths of PEM files; host:port to bind; the URL prefix. */
#define CONF_PATH_CAP 1024
#define CONF_BIND_CAP 272
#define CONF_PREFIX_CAP 256

/* The durations of the file: (id, table, key, default in seconds); the
 * table a bare word. */
#define CONF_DURATIONS(X) \
	X(SERVER_HTTP_IDLE,    server,    "http_idle",      30) \
	X(SERVER_HTTP_READ,    server,    "http_read",      15) \
	X(SERVER_HTTP_WRITE,   server,    "http_write",     15) \
	X(SERVER_CACHE_TTL,    server,    "cache_ttl",      60) \
	X(HTTP_IDLE,           timeout,   "http_idle",      30) \
	X(HTTP_READ,           timeout,   "http_read",      15) \
	X(HTTP_WRITE,          timeout,   "http_write",     15) \
	X(IDLE_CONN,           timeout,   "idle_conn",      60) \
	X(SERVER_REQUEST,      timeout,   "server_request", 60) \
	X(SMTP_CONNECT,        timeout,   "smtp_connect",   5) \
	X(SMTP_EHLO,           timeout,   "smtp_ehlo",      10) \
	X(SMTP_GREETING,       timeout,   "smtp_greeting",  10) \
	X(SMTP_NOOP,           timeout,   "smtp_noop",      10) \
	X(SMTP_QUIT,           timeout,   "smtp_quit",      10) \
	X(SMTP_STARTTLS,       timeout,   "smtp_starttls",  10) \
	X(SMTP_TLS,            timeout,   "smtp_tls",       10) \
	X(TLS_HANDSHAKE,       timeout,   "tls_handshake",  10)

enum conf_dur {
#define X(id, table, key, dflt_s) CONF_DUR_##id,
	CONF_DURATIONS(X)
#undef X
	CONF_DUR__COUNT
};

/* What conf_set says was in the file: one bit per key. */
enum conf_key {
	CONF_WORKERS,
	CONF_MIN_DAYS,
	CONF_CLIENT_CERT_PEM,
	CONF_CLIENT_KEY_PEM,
	CONF_ROOT_CERTS_PEM,
	CONF_SKIP_VERIFY,
	CONF_BIND,
	CONF_PREFIX,
	CONF_BEHIND_PROXY,
	CONF_POSTGRES,
	CONF_STARTTLS,
	CONF_ALLOW,
	CONF_DUR_FIRST			/* + enum conf_dur */
};

struct conf {
	uint64_t set;			/* bit 1 << enum conf_key: in the file */
	unsigned long workers;		/* [check] 1-4096 */
	unsigned long min_days;		/* [check] 0-36500 */
	char client_cert_pem[CONF_PATH_CAP];	/* [tls]; "" : none */
	char client_key_pem[CONF_PATH_CAP];
	char root_certs_pem[CONF_PATH_CAP];
	bool is_skip_verify;
	char bind[CONF_BIND_CAP];	/* [server] */
	char prefix[CONF_PREFIX_CAP];
	bool is_behind_proxy;
	bool is_postgres;
	bool is_starttls;
	uint32_t dur_ms[CONF_DUR__COUNT];	/* rounded up to 1 ms */
	struct allow_list allow;	/* [server] allow = [ ... ] */
};

/* The defaults Go ccheck's server runs with
 * (see tests/peers/go-ccheck-server.md). */
void conf_init(struct conf *c);

/* True when the file set key k. */
bool conf_set(const struct conf *c, enum conf_key k);

/* The (table, key) name of duration d, for messages: "timeout.smtp_tls". */
const char *conf_dur_name(enum conf_dur d);

/*
 * Reads path (at most CONF_FILE_MAX bytes) into c, which conf_init
 * prepared; what the file sets replaces the defaults.  Returns 0, or -1
 * with a one-line reason in why (cap bytes): "PATH: reason" or
 * "PATH:LINE: reason".  c is unspecified after an error.
 */
int conf_load(const char *path, struct conf *c, char *why, size_t cap);

/*
 * Parses text (len bytes; NULs are an error) as conf_load does; name is
 * the file name for messages.  Returns 0, or -1 with why.
 */
int conf_parse(const char *text, size_t len, const char *name,
    struct conf *c, char *why, size_t cap);

#endif
