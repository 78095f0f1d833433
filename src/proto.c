/* SPDX-License-Identifier: MIT */
/*
 * proto: scheme names and default ports (IANA's service registry), in
 * one table.
 */
#include <strings.h>

#include "proto.h"

/* Schemes first by protocol; the first entry of a protocol names it. */
static const struct proto_info protos[] = {
	{ "tls", PROTO_TLS, 443 },
	{ "https", PROTO_TLS, 443 },
	{ "postgres", PROTO_POSTGRES, 5432 },
	{ "postgresql", PROTO_POSTGRES, 5432 },
	{ "smtp", PROTO_SMTP, 25 },
	{ "submission", PROTO_SMTP, 587 },
	{ "lmtp", PROTO_LMTP, 24 },
	{ "imap", PROTO_IMAP, 143 },
	{ "pop3", PROTO_POP3, 110 },
	{ "ftp", PROTO_FTP, 21 },
	{ "ldap", PROTO_LDAP, 389 },
	{ "mysql", PROTO_MYSQL, 3306 },
	{ "mariadb", PROTO_MYSQL, 3306 },
	{ "xmpp", PROTO_XMPP, 5222 },
	{ "nntp", PROTO_NNTP, 119 },
	{ "sieve", PROTO_SIEVE, 4190 },
	{ "managesieve", PROTO_SIEVE, 4190 },
	/* --starttls without a name: the greeting tells (ccheck's -S). */
	{ "auto", PROTO_STARTTLS_AUTO, 25 },
	/* Implicit TLS: TLS from the first byte, on the protocol's port. */
	{ "smtps", PROTO_TLS, 465 },
	{ "imaps", PROTO_TLS, 993 },
	{ "pop3s", PROTO_TLS, 995 },
	{ "ldaps", PROTO_TLS, 636 },
};

#define N_PROTOS (sizeof protos / sizeof protos[0])

/* see proto.h */
const struct proto_info *
proto_by_scheme(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < N_PROTOS; i++) {
		if (strncasecmp(protos[i].scheme, s, len) == 0 &&
		    protos[i].scheme[len] == '\0') {
			return &protos[i];
		}
	}
	return NULL;
}

static const struct proto_info *
first_of(enum proto p)
{
	size_t i;

	for (i = 0; i < N_PROTOS; i++) {
		if (protos[i].proto == p) {
			return &protos[i];
		}
	}
	return &protos[0];
}

/* see proto.h */
const char *
proto_name(enum proto p)
{
	return first_of(p)->scheme;
}

/* see proto.h */
uint16_t
proto_default_port(enum proto p)
{
	return first_of(p)->port;
}
