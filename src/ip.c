/* SPDX-License-Identifier: MIT */
/*
 * ip: address text.  The IPv6 rule works on the text, as musl's
 * inet_ntop does: print every group, then replace the longest run that
 * starts the text with "0" or at a ':' and spans at least four bytes of
 * ':' and '0' (so two zero groups, RFC 5952 section 4.2.2) by "::".
 * Groups have no leading zeros, so such a run only ever covers whole
 * zero groups.
 *
 * IPv4 literals are parsed here rather than by inet_aton: glibc's (the
 * sanitizer build, and libpq on the systems we compare with) and musl's
 * agree on the forms but not on the edges, trailing blanks for one.
 * IPv6 goes to inet_pton, which both read alike and libpq uses too.
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

#include "fmt.h"
#include "ip.h"

/* see ip.h */
char *
ip_format(const unsigned char *addr, size_t len, char *out, size_t cap)
{
	char buf[IP_TEXT_CAP];
	const unsigned char *a = addr;
	size_t i;
	size_t run;
	size_t best = 0;
	size_t best_len = 3;		/* a run must be longer than ":0:" */

	if (len == 4) {
		fmt_snprintf(buf, sizeof buf, "%u.%u.%u.%u", a[0], a[1], a[2],
		    a[3]);
	} else if (len == 16) {
		/* ::ffff:0:0/96, IPv4-mapped: the last 32 bits as IPv4. */
		if (memcmp(a, "\0\0\0\0\0\0\0\0\0\0\377\377", 12) == 0) {
			fmt_snprintf(buf, sizeof buf,
			    "0:0:0:0:0:ffff:%u.%u.%u.%u", a[12], a[13], a[14],
			    a[15]);
		} else {
			fmt_snprintf(buf, sizeof buf,
			    "%x:%x:%x:%x:%x:%x:%x:%x",
			    256u * a[0] + a[1], 256u * a[2] + a[3],
			    256u * a[4] + a[5], 256u * a[6] + a[7],
			    256u * a[8] + a[9], 256u * a[10] + a[11],
			    256u * a[12] + a[13], 256u * a[14] + a[15]);
		}
		for (i = 0; buf[i] != '\0'; i++) {
			if (i > 0 && buf[i] != ':') {
				continue;
			}
			run = strspn(buf + i, ":0");
			if (run > best_len) {
				best = i;
				best_len = run;
			}
		}
		if (best_len > 3) {
			buf[best] = ':';
			buf[best + 1] = ':';
			memmove(buf + best + 2, buf + best + best_len,
			    i - best - best_len + 1);
		}
	} else {
		return NULL;
	}
	if (strlen(buf) >= cap) {
		return NULL;
	}
	memcpy(out, buf, strlen(buf) + 1);
	return out;
}

/* Value of c as a digit of any base up to 16; 16 for anything else. */
static unsigned
digit(char c)
{
	if (c >= '0' && c <= '9') {
		return (unsigned)(c - '0');
	}
	c = (char)(c | 0x20);
	return c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10) : 16;
}

/*
 * inet_aton's grammar, as both C libraries implement it with strtoul and
 * base 0: "0x" not followed by a hexadecimal digit is the number 0 and
 * then junk, and so is "08".
 */
static int
ipv4_parse(const char *s, size_t len, unsigned char out[4])
{
	uint32_t part[4];
	uint32_t last;
	uint64_t v;
	unsigned base;
	size_t n = 0;
	size_t i = 0;
	size_t k;

	for (;;) {
		if (n == 4 || i == len || digit(s[i]) > 9) {
			return 0;
		}
		base = s[i] != '0' ? 10 : 8;
		if (base == 8 && i + 2 < len && (s[i + 1] | 0x20) == 'x' &&
		    digit(s[i + 2]) < 16) {
			base = 16;
			i += 2;
		}
		for (v = 0; i < len && digit(s[i]) < base; i++) {
			v = v * base + digit(s[i]);
			if (v > UINT32_MAX) {
				return 0;
			}
		}
		part[n++] = (uint32_t)v;
		if (i == len) {
			break;
		}
		if (s[i++] != '.') {
			return 0;
		}
	}
	for (k = 0; k + 1 < n; k++) {
		if (part[k] > 255) {
			return 0;
		}
		out[k] = (unsigned char)part[k];
	}
	/* The last part fills bytes n-1..3: 5-n of them. */
	last = part[n - 1];
	if (n > 1 && last >> (8 * (5 - n)) != 0) {
		return 0;
	}
	for (k = 4; k-- > n - 1;) {
		out[k] = (unsigned char)(last & 0xff);
		last >>= 8;
	}
	return 4;
}

/* see ip.h */
int
ip_parse(const char *s, size_t len, unsigned char out[16],
    const char **scope)
{
	char buf[IP_TEXT_CAP];
	const char *pct = memchr(s, '%', len);
	size_t alen = pct != NULL ? (size_t)(pct - s) : len;

	if (scope != NULL) {
		*scope = NULL;
	}
	if (memchr(s, '\0', len) != NULL) {
		return 0;
	}
	if (ipv4_parse(s, len, out) != 0) {
		return 4;
	}
	if (alen >= sizeof buf || (pct != NULL && alen + 1 == len)) {
		return 0;
	}
	memcpy(buf, s, alen);
	buf[alen] = '\0';
	if (inet_pton(AF_INET6, buf, out) != 1) {
		return 0;
	}
	/* musl's and glibc's getaddrinfo take an interface name only for a
	 * link-local address, unicast (fe80::/10) or multicast (ff02::/16);
	 * "::1%lo" is looked up as a name, and found nowhere. */
	if (pct != NULL && strspn(pct + 1, "0123456789") != len - alen - 1 &&
	    !(out[0] == 0xfe && (out[1] & 0xc0) == 0x80) &&
	    !(out[0] == 0xff && (out[1] & 0x0f) == 0x02)) {
		return 0;
	}
	if (scope != NULL && pct != NULL) {
		*scope = pct + 1;
	}
	return 16;
}
