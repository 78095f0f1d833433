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
