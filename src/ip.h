/* SPDX-License-Identifier: MIT */
/*
 * ip: the text of an IPv4 or IPv6 address, as musl's inet_ntop writes it,
 * without inet_ntop: musl's formats with snprintf, which would link its
 * vfprintf (10 KB, see fmt.h) for this alone.  Being ours, the text is
 * also the same under glibc (sanitizer and fuzz builds).
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

#endif
