/* SPDX-License-Identifier: MIT */
/*
 * pgconn: libpq's connection strings, keyword/value ("host=db port=5433
 * sslmode=verify-ca") and URI ("postgresql://user@db:5433/app?sslmode=
 * verify-full"), parsed by libpq's rules (fe-connect.c, documented in
 * "Connection Strings" of the libpq chapter) into what ccheck probes: one
 * host entry per host of a list, the TLS settings, and the user and
 * dbname that --ready sends.  Pure: it reads no environment and no file;
 * the caller passes the PG* variables in struct pgconn_env and loads the
 * files named.  Each parse owns one heap
 * allocation (pc->mem), freed by pgconn_free.
 *
 * Rules kept from libpq 17: keywords are case-sensitive; a value may be
 * single-quoted, with \' and \\ (a backslash escapes the next character
 * quoted or not); blanks around '=' are skipped; a keyword given twice
 * keeps its last value; requiressl=1... is sslmode=require, any other
 * requiressl sslmode=prefer; URIs decode %XX in every part and refuse
 * %00; "ssl=true" in a URI query means sslmode=require; host, hostaddr
 * and port take comma-separated lists and one port serves every host;
 * an environment variable fills only a keyword the string does not give
 * (PGREQUIRESSL only when sslmode is not set either); every keyword's
 * value is checked as libpq's pqConnectOptions2 checks it, with its
 * words; sslrootcert=system makes verify-full the default and refuses
 * weaker modes; sslnegotiation=direct needs sslmode require or stronger
 * (libpq's default is prefer); sslsni sends SNI only for a value that
 * starts with '1'.  Which files exist is pgspec's business: it makes
 * require verify-ca when a root certificate file loads.  Where ccheck
 * differs (see README): unix-domain sockets, service files,
 * sslmode=disable and gssencmode=require are errors; allow and prefer
 * mean require (a probe wants TLS); no sslmode at all means the run's
 * mode (verify-full unless --skip-verify), not libpq's prefer; libpq
 * 18's keywords are accepted.  Errors never quote what pgconn_mask
 * hides.
 */
#ifndef CK_PGCONN_H
#define CK_PGCONN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "spec.h"

/*
 * Hosts in one connection string.  libpq has no limit; a list longer than
 * a cluster's members plus its poolers is a mistake, and each host costs
 * about 520 bytes here.
 */
#define PGCONN_HOSTS_MAX 16

/* The PG* environment variables; NULL: unset (or overridden by a flag). */
struct pgconn_env {
	const char *host;		/* PGHOST */
	const char *hostaddr;		/* PGHOSTADDR */
	const char *port;		/* PGPORT */
	const char *sslmode;		/* PGSSLMODE */
	const char *sslrootcert;	/* PGSSLROOTCERT */
	const char *sslcert;		/* PGSSLCERT */
	const char *sslkey;		/* PGSSLKEY */
	const char *sslsni;		/* PGSSLSNI */
	const char *sslnegotiation;	/* PGSSLNEGOTIATION */
	const char *sslcrl;		/* PGSSLCRL */
	const char *sslcrldir;		/* PGSSLCRLDIR */
	/* Read to check them as libpq does; see the README's table. */
	const char *service;		/* PGSERVICE (an error: no files) */
	const char *channel_binding;	/* PGCHANNELBINDING */
	const char *connect_timeout;	/* PGCONNECT_TIMEOUT */
	const char *sslcertmode;	/* PGSSLCERTMODE */
	const char *require_auth;	/* PGREQUIREAUTH */
	const char *ssl_min_protocol_version;	/* PGSSLMINPROTOCOLVERSION */
	const char *ssl_max_protocol_version;	/* PGSSLMAXPROTOCOLVERSION */
	const char *gssencmode;		/* PGGSSENCMODE */
	const char *target_session_attrs;	/* PGTARGETSESSIONATTRS */
	const char *load_balance_hosts;	/* PGLOADBALANCEHOSTS */
	const char *requiressl;		/* PGREQUIRESSL: "1..." = require */
	/* Not PG* variables: where libpq's default files are, and which of
	 * them a flag replaces (pgspec reads them; pgconn does not). */
	const char *home;		/* HOME; NULL or "": /etc/passwd's */
	unsigned no_defaults;		/* PGCONN_NO_* */
};

/* struct pgconn_env's no_defaults: a flag (-r, --client-cert, --crl)
 * replaces ~/.postgresql/root.crt, postgresql.crt/.key, root.crl. */
#define PGCONN_NO_ROOT_DEFAULT 1u
#define PGCONN_NO_CERT_DEFAULT 2u
#define PGCONN_NO_CRL_DEFAULT 4u

struct pgconn_host {
	char addr[SPEC_HOST_CAP];	/* hostaddr, else host */
	char name[SPEC_HOST_CAP];	/* host, else hostaddr */
	uint16_t port;
	bool is_hidden;			/* taken from where a URI's password
					 * may be: never show addr, name */
};

struct pgconn {
	struct pgconn_host host[PGCONN_HOSTS_MAX];
	size_t n;			/* 0 after pgconn_settings */
	enum spec_verify verify;	/* DEFAULT: no sslmode given; NONE:
					 * allow, prefer, require (pgspec makes
					 * it CA when a root file loads) */
	enum spec_pg_neg pg_neg;	/* DEFAULT: no sslnegotiation */
	bool is_no_sni;			/* sslsni=0 */
	bool is_system_roots;		/* sslrootcert=system */
	const char *rootcert;		/* file; NULL: none or system */
	const char *crl;		/* sslcrl file; NULL: none */
	const char *crldir;		/* sslcrldir; NULL: none */
	const char *cert;		/* sslcert file; NULL: none */
	const char *key;		/* sslkey file; NULL: none */
	const char *sslpassword;	/* its password; NULL: none or empty */
	const char *user;		/* user; NULL: none or empty */
	const char *dbname;		/* dbname; NULL: none or empty */
	char *mem;			/* heap: the strings above */
	/* ssl_min/max_protocol_version as struct spec's tls_min/tls_max
	 * (0x0301..0x0304; 0: not set).  libpq's default minimum is
	 * TLSv1.2: pgconn_parse fills it when neither the string nor
	 * PGSSLMINPROTOCOLVERSION says (an empty value means "not set"). */
	unsigned tls_min;
	unsigned tls_max;
	bool has_sslmode;		/* sslmode given (string, PGSSLMODE,
					 * requiressl), not the default */
	bool is_cert_disabled;		/* sslcertmode=disable */
	bool is_cert_required;		/* sslcertmode=require */
	/* The file values (rootcert, crl, crldir, cert, key) came from
	 * where a URI's password may be: never quote them. */
	bool is_hidden_files;
};

/*
 * True when text is a connection string rather than a plain SPEC: it
 * starts with "postgresql://" or "postgres://" (lower case, as libpq
 * wants), or it holds an '='.
 */
bool pgconn_is_conninfo(const char *text);

/*
 * Parses the connection string text (borrowed), with env (NULL: no
 * variables) filling what it leaves out, into *pc.  Returns 0, or -1
 * with a one-line reason in why (cap bytes) that never quotes a
 * password; pc->mem is then freed.  Allocates pc->mem (ENOMEM is a
 * failure with a reason).
 */
int pgconn_parse(const char *text, const struct pgconn_env *env,
    struct pgconn *pc, char *why, size_t cap);

/*
 * The TLS settings of env alone (host, hostaddr and port are not used),
 * for a plain --postgres SPEC: pc->n is 0.  Returns as pgconn_parse.
 */
int pgconn_settings(const struct pgconn_env *env, struct pgconn *pc,
    char *why, size_t cap);

/*
 * A heap copy of text with every secret replaced by "xxxxx": the value
 * of password, sslpassword and oauth_client_secret (any case, keyword/
 * value or URI query, %XX or not), as pgconn_parse's own tokenizer cuts
 * it; a URI's password, from the first ':' after "//" to libpq's '@',
 * or further when the password holds an unencoded '/', '?' or '@' (to
 * the last '@' before the first '?', or of the whole string when libpq
 * finds no userinfo or the string does not parse); everything after a
 * syntax error; an unknown keyword right after a secret ("password=my
 * secret=x"); and in a URI or a string that does not parse, all that
 * follows a "password" that is not a secret's keyword.  It may hide
 * more than a password in odd strings, never less.  The caller frees
 * it; NULL when out of memory.
 */
char *pgconn_mask(const char *text);

/*
 * Fills env with every PG* variable ccheck reads (the table in the
 * README), each from get (getenv, or a test's stand-in; NULL: unset).
 */
void pgconn_env_read(struct pgconn_env *env,
    const char *(*get)(const char *name));

/* Frees pc->mem; pc may be zeroed or already freed. */
void pgconn_free(struct pgconn *pc);

#endif
