/* SPDX-License-Identifier: MIT */
/*
 * spec: one SPEC of the command line or an input file, parsed into what
 * to connect to, which name to check, and how to speak to it.
 */
#ifndef CK_SPEC_H
#define CK_SPEC_H

#include <stdbool.h>
#include <stdint.h>

#include "proto.h"

/* A DNS name is at most 253 characters (RFC 1035); room for the NUL. */
#define SPEC_HOST_CAP 256

/* TLS 1.3's version number (RFC 8446): BearSSL 0.6 has no BR_TLS13. */
#define SPEC_TLS13 0x0304

enum spec_kind {
	SPEC_KIND_NET,			/* a server to probe */
	SPEC_KIND_FILE			/* a PEM file holding a chain */
};

/* How much a SPEC verifies: libpq's sslmode, or the command line's. */
enum spec_verify {
	SPEC_VERIFY_DEFAULT,		/* --skip-verify, else full */
	SPEC_VERIFY_FULL,		/* chain and name (verify-full) */
	SPEC_VERIFY_CA,			/* chain, no name (verify-ca) */
	SPEC_VERIFY_NONE		/* dates only (require) */
};

/* How a PostgreSQL SPEC starts TLS (libpq's sslnegotiation). */
enum spec_pg_neg {
	SPEC_PG_NEG_DEFAULT,		/* the command line's */
	SPEC_PG_NEG_POSTGRES,		/* SSLRequest first */
	SPEC_PG_NEG_DIRECT,		/* ClientHello at once, ALPN */
	SPEC_PG_NEG_AUTO		/* direct, then SSLRequest */
};

struct anchor_set;
struct crl_set;
struct identity;

struct spec {
	const char *text;		/* shown in reports; borrowed, and
					 * credentials already masked */
	enum spec_kind kind;
	enum proto proto;
	char addr[SPEC_HOST_CAP];	/* connect here (name or IP literal) */
	char name[SPEC_HOST_CAP];	/* SNI and name check */
	uint16_t port;
	bool has_port;			/* the text gave port (else default) */
	/* SPEC_KIND_FILE: the first path_len bytes of text name the file;
	 * name is "" or the host name to check ("chain.pem(db.test)"). */
	size_t path_len;
	/* Per-SPEC settings (libpq connection strings); zero: the run's. */
	enum spec_verify verify;
	enum spec_pg_neg pg_neg;
	bool is_no_sni;			/* sslsni=0 */
	/* ssl_min_protocol_version / ssl_max_protocol_version: BR_TLS10,
	 * BR_TLS11, BR_TLS12 (0x0303), SPEC_TLS13; 0: the run's. */
	unsigned tls_min;
	unsigned tls_max;
	const struct anchor_set *anchors;	/* borrowed; NULL: run's */
	const struct crl_set *crls;		/* borrowed; NULL: run's */
	const struct identity *identity;	/* borrowed; NULL: run's */
	/* --ready's StartupMessage names; borrowed; NULL: the run's. */
	const char *user;
	const char *dbname;
};

/*
 * Parses text (borrowed: it must outlive sp) into sp.  Network forms:
 *   host:port  host  [v6]:port  [v6]  v6
 * each optionally after "SCHEME://" (see proto.c; a trailing "/" is
 * allowed), and with the server name to send and check in parentheses
 * anywhere, as Go ccheck reads it: "addr(name):port", "(name)addr:port",
 * "addr:port(name)", the same without a port; empty parentheses name the
 * address.  A host holding '(', ')', '[', ']', '/', '@', a blank, or ':'
 * without being an IPv6 literal is an error.  A SPEC without a scheme
 * speaks proto.  A missing port is the scheme's or the protocol's default
 * (443 for TLS, 5432 for PostgreSQL).
 *
 * File forms: the path of an existing regular file (a PEM chain),
 * optionally followed by "(name)", the host name to check it for.  A
 * text is a file when that file exists and the text holds a '/' or is
 * no well-formed SPEC with a port: "db:5432" is probed even when a file
 * of that name exists, "./db:5432" is read.
 *
 * Returns NULL, or a static one-line reason the text is not a SPEC.
 */
const char *spec_parse(const char *text, enum proto proto, struct spec *sp);

/*
 * spec_parse's network forms only: never a file, and the file system is
 * not looked at (a server's request must not learn which files exist).
 */
const char *spec_parse_net(const char *text, enum proto proto,
    struct spec *sp);

/*
 * Decimal in [lo, hi]: no sign, no blanks, no junk, no overflow.  The one
 * number parser of ccheck.  Returns 0 and sets *out, or -1.
 */
int spec_parse_ulong(const char *s, unsigned long lo, unsigned long hi,
    unsigned long *out);

/*
 * A TLS version as libpq's ssl_min_protocol_version spells it: "TLSv1",
 * "TLSv1.1", "TLSv1.2" or "TLSv1.3", in any case (libpq compares with
 * pg_strcasecmp; it has no "TLSv1.0").  Returns 0 and sets *out to
 * 0x0301 (BR_TLS10) ... 0x0304 (SPEC_TLS13), or -1.
 */
int spec_tls_version_parse(const char *s, unsigned *out);

#endif
