/* SPDX-License-Identifier: MIT */
/*
 * ip: address text.  The IPv6 rule works on the text, as musl's
 * inet_ntop does: print every group, then replace the longest run that
 * starts the text with "0" or at a ':' and spans at least four bytes of
 * ':' and '0' (so two zero groups, RFC 5952 section 4.2.2) by "::".
 * Groups have no leading zeros, so such a run only ever covers whole
 * zero groups.
 */
#include <string.h>

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
