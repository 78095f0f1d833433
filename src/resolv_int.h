/* SPDX-License-Identifier: MIT */
/*
 * resolv_int: what resolv.c (the lookup) and resolv_conf.c (its
 * configuration) share; not for other modules.
 */
#ifndef CK_RESOLV_INT_H
#define CK_RESOLV_INT_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "resolv.h"

/* Blanks between resolv.conf and hosts words ('\r': files from DOS). */
static inline bool
resolv_is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static inline bool
resolv_is_mapped(const struct sockaddr_in6 *s6)
{
	return IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr);
}

/* a4 (4 bytes) as a v4-mapped IPv6 address with port: one form for
 * addresses of both families. */
void resolv_map_v4(const unsigned char *a4, uint16_t port,
    struct sockaddr_in6 *s6);

/*
 * Parses the IP literal of len bytes at s into *s6 (IPv4 mapped) with
 * port; a %scope (an index or an interface name) only when allow_scope.
 * Returns 4 or 6, or 0 when it is not a literal.
 */
int resolv_literal(const char *s, size_t len, bool allow_scope,
    uint16_t port, struct sockaddr_in6 *s6);

/* Adds s6 to f by family, unless that family is full. */
void resolv_found_add(struct resolv_found *f, const struct sockaddr_in6 *s6);

/* Token [p, p+l) equals name (nl bytes) but for ASCII case. */
bool resolv_token_is(const char *p, size_t l, const char *name, size_t nl);

#endif
