/* SPDX-License-Identifier: MIT */
/*
 * ip: IP address literals.  ip_parse is the one place that decides
 * whether a host is an IP literal, for every module (SNI, hostaddr, the
 * resolver, the host-name check), so that they never disagree.
 * ip_format writes an address as musl's inet_ntop does, without
 * inet_ntop: musl's formats with snprintf, which would link its vfprintf
 * (10 KB, see fmt.h) for this alone.  Being ours, both behave the same
 * under glibc (sanitizer and fuzz builds).
 */
#ifndef CK_IP_H
#define CK_IP_H

#include <stddef.h>

/* Longest text, "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255", and NUL. */
#define IP_TEXT_CAP 46

/*
 * Writes the address addr[0..len) (network order; len 4 or 16) to out as
 * text: IPv4 dotted decimal; IPv6 in lower-case hexadecimal groups, the
 * longest run of two or more zero groups as "::" and ::ffff:a.b.c.d for
 * IPv4-mapped addresses.  Runs are measured in text, as musl does, so of
 * two runs of equal groups one inside the address wins over one at an
 * end ("0:0:1::2:3:4"), else the first wins.  Returns out, or
 * NULL, out untouched, when len is neither 4 nor 16 or the text and its
 * NUL do not fit in cap bytes.
 */
char *ip_format(const unsigned char *addr, size_t len, char *out,
    size_t cap);

/*
 * Parses the len bytes at s (no NUL needed) as an IP literal:
 *  - IPv4 in every form inet_aton(3) accepts, as libpq reads a host and
 *    glibc's and musl's getaddrinfo read a numeric host: one to four parts
 *    separated by '.', each decimal, octal after a leading '0', or
 *    hexadecimal after "0x" or "0X"; every part but the last is one byte,
 *    the last fills the remaining bytes.  So "192.000.002.001",
 *    "0xC0.0.2.1", "3221225985" and "192.0.513" are all 192.0.2.1 (and
 *    "010.0.0.1" is 8.0.0.1).  No sign, blank, empty part or trailing
 *    dot; a part past its range refuses the whole text.
 *  - IPv6 as inet_pton(AF_INET6) reads it (a dotted quad at the end only
 *    in strict decimal), optionally followed by '%' and a non-empty scope:
 *    digits (an interface index), or, for a link-local unicast or
 *    multicast address only, an interface name, as getaddrinfo takes
 *    them.  Whether that interface exists is not looked at here.
 * Returns 4 or 16 with the address in out (network order) and, when scope
 * is not NULL, *scope pointing at the scope's text inside s (it runs to
 * s + len) or NULL when there is none.  Returns 0 when s is not a
 * literal; out and *scope are then unspecified.  Callers that follow
 * libpq's host-name check treat a scoped address as a DNS name, as
 * libpq's inet_pton does (see x509_check_host).
 */
int ip_parse(const char *s, size_t len, unsigned char out[16],
    const char **scope);

#endif
