/* SPDX-License-Identifier: MIT */
/*
 * allow: the --allow list of `ccheck server`, the targets a request may
 * name.  A server that connects wherever a request says is an open proxy
 * and port scanner, so every SPEC of a request is matched here before
 * anything is resolved or connected, and whatever no entry allows is
 * refused (403).  An empty list allows nothing.
 *
 * Entries (case-insensitive):
 *   HOST[:PORT]        a DNS name; "*" as a whole label matches exactly
 *                      one label ("*.db.example.com" allows
 *                      a.db.example.com, not a.b.db.example.com, not
 *                      db.example.com, not evil-db.example.com), and a
 *                      leading "**" label one or more ("**.example.com").
 *                      "*" never matches part of a label ("db*.x" is an
 *                      error), never an IP literal, and never a name
 *                      whose last label is all digits (no such TLD:
 *                      such a name is a mistyped address, RFC 3696 2).
 *   ADDR[:PORT]        an IPv4 or IPv6 address, IPv6 in brackets when a
 *                      port follows: 127.0.0.1:5432, [::1]:5432, ::1
 *   CIDR[:PORT]        10.0.0.0/8, 10.0.0.0/8:5432, 2001:db8::/32,
 *                      [2001:db8::]/32:5432; bits past the prefix must
 *                      be zero (10.1.0.0/8 is an error, not 10.0.0.0/8)
 * PORT is 1-65535 or "*"; without it every port matches.
 *
 * A SPEC is matched by where ccheck connects (spec.addr and spec.port),
 * not by the name it checks: "10.0.0.5(db.example.com):5432" needs
 * 10.0.0.5 allowed.  A DNS name is matched as text, before resolution:
 * an allowed name that resolves to an address outside every CIDR is
 * still probed (DNS is the operator's, and "*.db.example.com:5432"
 * would otherwise need the addresses too), so allow only zones whose
 * records you trust.  An IP literal matches only address and CIDR
 * entries, never a name pattern; its interface scope (fe80::1%eth0)
 * is not looked at.  IPv4-mapped IPv6 addresses (::ffff:10.0.0.1) are
 * matched as the IPv4 address they reach.
 * A PEM-file SPEC is never allowed: a request must not read local files.
 */
#ifndef CK_ALLOW_H
#define CK_ALLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct spec;

/* Entries in one list: a deployment names a few zones and networks. */
#define ALLOW_MAX 64
/* Text of every name pattern together, NULs included. */
#define ALLOW_TEXT_CAP 4096

struct allow_entry {
	bool is_net;			/* address/CIDR, else name pattern */
	uint16_t port;			/* 0: any port */
	uint8_t alen;			/* is_net: 4 or 16 */
	uint8_t prefix;			/* is_net: bits that must match */
	unsigned char addr[16];		/* is_net: network order */
	uint16_t off;			/* !is_net: pattern at text + off */
};

struct allow_list {
	struct allow_entry e[ALLOW_MAX];
	size_t n;
	char text[ALLOW_TEXT_CAP];	/* lower-case patterns, NUL-ended */
	size_t text_used;
};

/* Empties l. */
void allow_init(struct allow_list *l);

/*
 * Adds the entry s (NUL-terminated) to l.  Returns NULL, or a static
 * one-line reason s is not an entry or does not fit; l is then
 * unchanged.
 */
const char *allow_add(struct allow_list *l, const char *s);

/*
 * True when an entry of l allows connecting to host (an IP literal as
 * ip_parse reads it, or a DNS name; one trailing dot is ignored) on
 * port.  False for an empty host or port 0.
 */
bool allow_match(const struct allow_list *l, const char *host,
    uint16_t port);

/* allow_match on where sp connects; false for a PEM-file SPEC. */
bool allow_spec(const struct allow_list *l, const struct spec *sp);

#endif
