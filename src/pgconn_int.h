/* SPDX-License-Identifier: MIT */
/*
 * pgconn_int: what the connection-string modules share, and nothing
 * else uses: libpq 17's keyword table (pgconn_kw.c), the one tokenizer
 * (pgconn_lex.c) that both the parser (pgconn.c) and the masking
 * (pgconn_mask.c) read strings with, and the map of the bytes masking
 * hides, which the parser consults before it quotes any text in an
 * error.  Parsing and masking cannot disagree on where a value starts or
 * ends, because there is only one place that decides it.
 */
#ifndef CK_PGCONN_INT_H
#define CK_PGCONN_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "pgconn.h"

/*
 * libpq 17's PQconninfoOptions (fe-connect.c), in its order, then
 * requiressl (which conninfo_storeval turns into sslmode) and the
 * keywords libpq 18 added: X(ID, keyword).  The environment variables
 * behind them are pgconn_kw.c's table.
 */
#define PGCONN_KEYWORDS(X) \
	X(SERVICE, "service") \
	X(USER, "user") \
	X(PASSWORD, "password") \
	X(PASSFILE, "passfile") \
	X(CHANNEL_BINDING, "channel_binding") \
	X(CONNECT_TIMEOUT, "connect_timeout") \
	X(DBNAME, "dbname") \
	X(HOST, "host") \
	X(HOSTADDR, "hostaddr") \
	X(PORT, "port") \
	X(CLIENT_ENCODING, "client_encoding") \
	X(OPTIONS, "options") \
	X(APPLICATION_NAME, "application_name") \
	X(FALLBACK_APPLICATION_NAME, "fallback_application_name") \
	X(KEEPALIVES, "keepalives") \
	X(KEEPALIVES_IDLE, "keepalives_idle") \
	X(KEEPALIVES_INTERVAL, "keepalives_interval") \
	X(KEEPALIVES_COUNT, "keepalives_count") \
	X(TCP_USER_TIMEOUT, "tcp_user_timeout") \
	X(SSLMODE, "sslmode") \
	X(SSLNEGOTIATION, "sslnegotiation") \
	X(SSLCOMPRESSION, "sslcompression") \
	X(SSLCERT, "sslcert") \
	X(SSLKEY, "sslkey") \
	X(SSLCERTMODE, "sslcertmode") \
	X(SSLPASSWORD, "sslpassword") \
	X(SSLROOTCERT, "sslrootcert") \
	X(SSLCRL, "sslcrl") \
	X(SSLCRLDIR, "sslcrldir") \
	X(SSLSNI, "sslsni") \
	X(REQUIREPEER, "requirepeer") \
	X(REQUIRE_AUTH, "require_auth") \
	X(SSL_MIN_PROTOCOL_VERSION, "ssl_min_protocol_version") \
	X(SSL_MAX_PROTOCOL_VERSION, "ssl_max_protocol_version") \
	X(GSSENCMODE, "gssencmode") \
	X(KRBSRVNAME, "krbsrvname") \
	X(GSSLIB, "gsslib") \
	X(GSSDELEGATION, "gssdelegation") \
	X(REPLICATION, "replication") \
	X(TARGET_SESSION_ATTRS, "target_session_attrs") \
	X(LOAD_BALANCE_HOSTS, "load_balance_hosts") \
	X(REQUIRESSL, "requiressl") \
	X(MIN_PROTOCOL_VERSION, "min_protocol_version") \
	X(MAX_PROTOCOL_VERSION, "max_protocol_version") \
	X(SSLKEYLOGFILE, "sslkeylogfile") \
	X(OAUTH_ISSUER, "oauth_issuer") \
	X(OAUTH_CLIENT_ID, "oauth_client_id") \
	X(OAUTH_CLIENT_SECRET, "oauth_client_secret") \
	X(OAUTH_SCOPE, "oauth_scope")

#define PGCONN_KW_ENUM(id, name) KW_##id,
enum pgconn_kw {
	PGCONN_KEYWORDS(PGCONN_KW_ENUM)
	KW__COUNT
};
#undef PGCONN_KW_ENUM

/* Keyword k (len bytes, case-sensitive as in libpq), or -1. */
int pgconn_kw_find(const char *k, size_t len);

/* The keyword's name. */
const char *pgconn_kw_name(int kw);

/* env's value for keyword kw (NULL: unset, or no variable read). */
const char *pgconn_env_get(const struct pgconn_env *env, int kw);

/*
 * True when a value of key k (len bytes) is a secret: password,
 * sslpassword, oauth_client_secret, in any case (a misspelt "PASSWORD"
 * is refused, but its value is still hidden).  With is_encoded, k is a
 * URI query key and %XX escapes are decoded first.
 */
bool pgconn_is_secret(const char *k, size_t len, bool is_encoded);

/* ---- the parse state ---------------------------------------------- */

/*
 * One value per keyword, as libpq keeps them after conninfo_parse and
 * conninfo_add_defaults, and where in the text each came from, so that
 * an error never quotes a value taken from where a password may be.
 */
struct pgconn_vals {
	const char *v[KW__COUNT];	/* NULL: not given */
	const char *raw[KW__COUNT];	/* its span in text; NULL: not
					 * from the text */
	size_t raw_len[KW__COUNT];
	const char *text;
	unsigned char *hide;		/* pgconn_hide of text */
	bool is_hide_failed;		/* hide was made with is_failed */
	char *arena;			/* pc->mem */
	size_t used;
	size_t cap;
	char *why;
	size_t why_cap;
};

/* Formats why; returns -1.  Quote values only through pgconn_shown. */
int pgconn_fail(struct pgconn_vals *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * v (a value of keyword kw, or a piece of it) as an error may quote it:
 * "xxxxx" when kw's value came from text that masking hides (judged as
 * for a string that does not parse).
 */
const char *pgconn_shown(struct pgconn_vals *s, int kw, const char *v);

/*
 * libpq's pqConnectOptions2 checks of everything but the hosts, in its
 * order, and ccheck's own refusals (sslmode=disable, service,
 * gssencmode=require); fills pc's TLS settings.  is_conninfo: a
 * connection string (libpq's default TLSv1.2 minimum is filled in).
 * Returns 0 or -1 after pgconn_fail.
 */
int pgconn_check_tls(struct pgconn_vals *s, struct pgconn *pc,
    bool is_conninfo);

/*
 * The checks libpq makes when it connects: connect_timeout, then the
 * keepalive settings (only while keepalives is on, as libpq).
 */
int pgconn_check_connect(struct pgconn_vals *s);

/*
 * libpq's parse_int_param: strtol's syntax (leading blanks, a sign),
 * trailing blanks allowed, an int's range.  Returns 0 and *out, or -1.
 */
int pgconn_parse_int(const char *v, long *out);

/* ---- the tokenizer ------------------------------------------------- */

enum pgconn_tok_kind {
	PGCONN_TOK_PAIR,		/* keyword = value, or ?key=value */
	PGCONN_TOK_USER,		/* URI: user (key), password (val) */
	PGCONN_TOK_HOST,		/* URI: one host (key), port (val) */
	PGCONN_TOK_DBNAME		/* URI: the path after the hosts (val) */
};

/*
 * One token: spans of the text, raw (quotes, backslashes and %XX still
 * in them).  val is NULL when absent (a URI user without ':', a host
 * without ':port'), else val_len may be 0.
 */
struct pgconn_tok {
	enum pgconn_tok_kind kind;
	const char *key;
	size_t key_len;
	const char *val;
	size_t val_len;
};

/* Why a string is malformed; the texts are pgconn_lex_why's. */
enum pgconn_lex_err {
	PGCONN_LEX_OK,
	PGCONN_LEX_NO_EQUALS,		/* quotes the keyword */
	PGCONN_LEX_UNTERMINATED,
	PGCONN_LEX_URI_NO_EQUALS,
	PGCONN_LEX_URI_EXTRA_EQUALS,
	PGCONN_LEX_V6_OPEN,
	PGCONN_LEX_V6_EMPTY,
	PGCONN_LEX_URI_CHAR		/* quotes a character and position */
};

struct pgconn_lex {
	const char *text;
	const char *p;
	size_t prefix;			/* URI prefix length; 0: keyword/value */
	int state;
	bool is_prev_secret;		/* the last pair's value is a secret */
	bool has_user;			/* URI: a user[:password]@ was found */
	enum pgconn_lex_err err;
	const char *err_at;		/* what follows is never shown */
	const char *quote;		/* what the message quotes */
	size_t quote_len;
};

/* Starts reading text (NUL-terminated, borrowed). */
void pgconn_lex_init(struct pgconn_lex *lx, const char *text);

/*
 * The next token into *t: 1, or 0 at the end, or -1 on a malformed
 * string (lx->err, lx->err_at and lx->quote set; every later call
 * returns -1).  Follows libpq's conninfo_parse (keyword/value) and
 * conninfo_uri_parse_options/_params (URIs) step by step.
 */
int pgconn_lex_next(struct pgconn_lex *lx, struct pgconn_tok *t);

/*
 * libpq's message for lx->err into why (cap bytes), quoting what the
 * message quotes unless a byte of it is hidden (then "xxxxx").
 */
void pgconn_lex_why(const struct pgconn_lex *lx, const unsigned char *hide,
    char *why, size_t cap);

/*
 * A keyword/value value (raw, quoted or not) with libpq's escapes
 * removed, into out (room for len + 1 bytes); returns the length.
 */
size_t pgconn_kv_unquote(const char *raw, size_t len, char *out);

/* ---- what masking hides -------------------------------------------- */

/* hide[i] bits: the byte is hidden; "xxxxx" goes before byte i even if
 * nothing there is hidden (an empty password). */
#define PGCONN_HIDE 1
#define PGCONN_HIDE_MARK 2
#define PGCONN_HIDE_KEY 4		/* internal: a secret's keyword */

/*
 * Fills hide (strlen(text) + 1 bytes) for text: the value of every
 * secret keyword, a URI's password (see pgconn_mask's header comment
 * for how far it reaches: further with is_failed, for a string that does
 * not parse), and everything after a syntax error.  In a URI, or a
 * string that does not parse, any "password" that is not a secret's
 * keyword (say, the value of a mistyped keyword before it) hides all
 * that follows.
 */
void pgconn_hide(const char *text, bool is_failed, unsigned char *hide);

/* True when a byte of text[off, off + len) is hidden. */
bool pgconn_is_hidden(const unsigned char *hide, size_t off, size_t len);

/* Locale-free isspace(): the set libpq skips. */
bool pgconn_is_space(char c);

/* Value of hex digit c, or -1. */
int pgconn_hexval(char c);

/* Length of a "postgresql://" or "postgres://" prefix of text, or 0. */
size_t pgconn_uri_prefix_len(const char *text);

#endif
