/* SPDX-License-Identifier: MIT */
/*
 * proto: the protocols a SPEC can name: their URI schemes, default ports,
 * and whether TLS starts at once or after a preamble (SSLRequest,
 * STARTTLS).  The one table of protocol names.
 */
#ifndef CK_PROTO_H
#define CK_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum proto {
	PROTO_TLS,			/* TLS from the first byte */
	PROTO_POSTGRES,			/* SSLRequest, then TLS */
	PROTO_SMTP,			/* EHLO, STARTTLS (RFC 3207) */
	PROTO_LMTP,			/* LHLO, STARTTLS (RFC 2033) */
	PROTO_IMAP,			/* CAPABILITY, STARTTLS (RFC 3501) */
	PROTO_POP3,			/* CAPA, STLS (RFC 2595) */
	PROTO_FTP,			/* AUTH TLS (RFC 4217) */
	PROTO_LDAP,			/* StartTLS extended op (RFC 4511) */
	PROTO_MYSQL,			/* greeting, SSL request packet */
	PROTO_XMPP,			/* stream, <starttls/> (RFC 6120) */
	PROTO_NNTP,			/* CAPABILITIES, STARTTLS (RFC 4642) */
	PROTO_SIEVE,			/* ManageSieve STARTTLS (RFC 5804) */
	PROTO_STARTTLS_AUTO,		/* SMTP, IMAP or POP3 by greeting */
	PROTO__COUNT
};

struct proto_info {
	const char *scheme;		/* URI scheme, also --starttls=NAME */
	enum proto proto;
	uint16_t port;			/* default port */
};

/*
 * The entry for scheme s (len bytes, case-insensitive), e.g. "postgres",
 * "postgresql", "smtps"; NULL when unknown.  Implicit-TLS schemes (smtps,
 * imaps, pop3s, ldaps, https) map to PROTO_TLS with their own port.
 */
const struct proto_info *proto_by_scheme(const char *s, size_t len);

/*
 * Short lower-case name of p for reports: "tls", "postgres", "smtp", ...;
 * "auto" for PROTO_STARTTLS_AUTO.
 */
const char *proto_name(enum proto p);

/* Default port of p when a SPEC names none. */
uint16_t proto_default_port(enum proto p);

#endif
