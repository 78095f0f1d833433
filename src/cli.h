/* SPDX-License-Identifier: MIT */
/*
 * cli: the command line.  The only module that knows flag spellings (those
 * of Go's ccheck, so scripts switch by changing a path) and the --help
 * text.  Usage errors are printed here, as one line on stderr.
 */
#ifndef CK_CLI_H
#define CK_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "audit.h"
#include "dane.h"
#include "pin.h"
#include "spec.h"

/* --allow entries on one command line (allow.h's list holds as many). */
#define CLI_ALLOW_MAX 64

/* --crl files and directories one run may name. */
#define CLI_CRL_MAX 16

enum cli_cmd {
	CLI_PROBE,			/* check SPECs */
	CLI_ROOTS,			/* list the compiled-in anchors */
	CLI_CHAIN,			/* dump each SPEC's chain */
	CLI_SERVER,			/* ccheck server: HTTP API */
	CLI_AUDIT,			/* ccheck audit: PostgreSQL clusters */
	CLI_HELP,
	CLI_VERSION
};

enum cli_format {
	CLI_FORMAT_TEXT,
	CLI_FORMAT_TAP,
	CLI_FORMAT_JSON,
	CLI_FORMAT_EXPIRED,		/* --show-expired */
	CLI_FORMAT_NAGIOS
};

struct cli {
	enum cli_cmd cmd;
	enum cli_format format;
	const char *format_flag;	/* the flag that chose it, or NULL */
	enum proto proto;
	bool is_quiet;
	bool is_skip_verify;
	long min_days;			/* 0: no threshold */
	/* --nagios: --warning, and --critical or else --min-days; 0: no
	 * threshold. */
	bool is_nagios;			/* --nagios: usage errors are UNKNOWN */
	long warning_days;
	long critical_days;
	const char *prometheus;		/* --prometheus FILE; NULL: none */
	long timeout_s;
	size_t num_workers;
	size_t per_host;		/* --per-host, >= 1 */
	const char *root_certs;		/* NULL: compiled-in anchors */
	const char *input_file;		/* NULL: none; "-": stdin */
	const char *expect_cert;	/* NULL: no --expect-cert */
	long min_hours;			/* 0: no threshold */
	long min_remaining_pct;		/* 0: no threshold */
	struct pin_set pins;		/* --pin, repeatable */
	enum spec_pg_neg pg_neg;	/* --pg-negotiation; DEFAULT: none */
	bool is_ready;			/* --ready (pg_isready) */
	const char *user;		/* --user; NULL: PGUSER, login name */
	const char *dbname;		/* --dbname; NULL: PGDATABASE, user */
	const char *client_cert;	/* NULL: none; then client_key too */
	const char *client_key;
	const char *client_key_password_file;	/* NULL: none */
	bool has_at;			/* --at: judge as of at, not now */
	int64_t at;			/* seconds since the epoch, UTC */
	bool is_partial_chain;		/* --partial-chain */
	enum dane_mode dane;		/* --dane[=require] */
	/* --tls-min / --tls-max: 0x0301 (TLSv1) ... 0x0304; 0: none. */
	unsigned tls_min;
	unsigned tls_max;
	const char *crls[CLI_CRL_MAX];	/* --crl, repeatable */
	size_t n_crls;
	/* ccheck server; NULL, false or 0: not on the command line. */
	const char *bind;		/* --bind ADDR:PORT */
	const char *prefix;		/* --prefix /api/ccheck */
	bool is_behind_proxy;		/* --behind-proxy, -B */
	const char *config;		/* --config FILE */
	const char *cache_ttl;		/* --cache-ttl DURATION */
	const char *allow[CLI_ALLOW_MAX];	/* --allow, repeatable */
	size_t n_allow;
	bool has_num_workers;		/* -n was given */
	const char *names[AUDIT_NAMES_MAX];	/* audit --name */
	size_t n_names;
	enum audit_sev fail_on;		/* audit --fail-on */
	bool has_fail_on;
	char **specs;			/* borrowed from argv */
	size_t n_specs;			/* may be 0 with input_file */
};

/*
 * Fills c from argv.  Returns 0, or -1 after printing a one-line usage
 * error on stderr (the caller exits with status 1).  With --nagios
 * anywhere in argv, this and every later cli_error and cli_fail print
 * "CCHECK UNKNOWN - MESSAGE" on stdout instead, as Nagios reads only
 * that (the caller exits with 3).
 */
int cli_parse(int argc, char **argv, struct cli *c);

/* Prints the --help text on stdout. */
void cli_help(void);

/* Prints a one-line usage error, "ccheck: MESSAGE", on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Prints "ccheck: " and the formatted message to stderr, without the
 * help hint: for a file that cannot be read or used, which no other
 * option would fix.
 */
void cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
