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
	PROTO__COUNT
};

struct proto_info {
	const char *scheme;		/* URI scheme, also --starttls=NAME */
	enum proto proto;
	uint16_t port;			/* default port */
};

/*
 * The entry for scheme s (len bytes, case-insensitive), e.g. "postgres",
 * "postgresql", "smtps"; NULL when unknown.
 */
const struct proto_info *proto_by_scheme(const char *s, size_t len);

/* Short lower-case name of p for reports: "tls", "postgres", ... */
const char *proto_name(enum proto p);

/* Default port of p when a SPEC names none. */
uint16_t proto_default_port(enum proto p);

#endif
