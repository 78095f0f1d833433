/* SPDX-License-Identifier: MIT */
/*
 * ip: address text, byte for byte what musl 1.2's inet_ntop prints (the
 * wants below are its output), and as many refusals: other lengths and
 * buffers one byte short.
 */
#include <stdbool.h>
#include <string.h>

#include "ip.h"
#include "t.h"

static const struct {
	const char *addr;		/* the bytes, as a string literal */
	size_t len;
	size_t cap;			/* 0: IP_TEXT_CAP */
	const char *want;		/* NULL: refused */
} cases[] = {
	{ "\x7f\0\0\x01", 4, 0, "127.0.0.1" },
	{ "\0\0\0\0", 4, 0, "0.0.0.0" },
	{ "\xff\xff\xff\xff", 4, 0, "255.255.255.255" },
	{ "\xc0\xa8\x00\x0a", 4, 0, "192.168.0.10" },
	{ "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x01", 16, 0, "::1" },
	{ "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16, 0, "::" },
	{ "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x01", 16, 0,
	    "2001:db8::1" },
	{ "\xfe\x80\0\0\0\0\0\0\0\0\0\0\0\x0a\0\x0b", 16, 0, "fe80::a:b" },
	{ "\x00\x01\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16, 0, "1::" },
	/* one zero group stays (RFC 5952 4.2.2) */
	{ "\0\x01\0\0\0\x02\0\x03\0\x04\0\x05\0\x06\0\x07", 16, 0,
	    "1:0:2:3:4:5:6:7" },
	{ "\0\x01\0\x02\0\x03\0\x04\0\x05\0\x06\0\x07\0\0", 16, 0,
	    "1:2:3:4:5:6:7:0" },
	{ "\0\x01\0\x02\0\x03\0\x04\0\x05\0\x06\0\0\0\0", 16, 0,
	    "1:2:3:4:5:6::" },
	/* the longest run wins; measured in text, an inner run beats an
	 * outer one of as many groups; else the first */
	{ "\0\x01\0\0\0\0\0\x02\0\0\0\0\0\0\0\x03", 16, 0, "1:0:0:2::3" },
	{ "\0\x01\0\0\0\0\0\x02\0\0\0\0\0\x03\0\x04", 16, 0,
	    "1::2:0:0:3:4" },
	{ "\0\0\0\0\0\x01\0\0\0\0\0\x02\0\x03\0\x04", 16, 0,
	    "0:0:1::2:3:4" },
	{ "\0\0\0\0\0\x01\0\x02\0\x03\0\x04\0\0\0\0", 16, 0,
	    "::1:2:3:4:0:0" },
	/* IPv4-mapped only; IPv4-compatible and others stay hexadecimal */
	{ "\0\0\0\0\0\0\0\0\0\0\xff\xff\x01\x02\x03\x04", 16, 0,
	    "::ffff:1.2.3.4" },
	{ "\0\0\0\0\0\0\0\0\0\0\xff\xff\0\0\0\0", 16, 0, "::ffff:0.0.0.0" },
	{ "\0\0\0\0\0\0\0\0\0\0\0\0\x01\x02\x03\x04", 16, 0, "::102:304" },
	{ "\0\0\0\0\0\0\0\0\0\0\xff\xfe\0\x01\0\x02", 16, 0,
	    "::fffe:1:2" },
	{ "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff",
	    16, 0, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" },
	/* room: the text and its NUL, or nothing */
	{ "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff",
	    16, 40, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" },
	{ "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff",
	    16, 39, NULL },
	{ "\xff\xff\xff\xff", 4, 16, "255.255.255.255" },
	{ "\xff\xff\xff\xff", 4, 15, NULL },
	{ "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16, 3, "::" },
	{ "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16, 2, NULL },
	{ "\0\0\0\0", 4, 1, NULL },
	/* other lengths: name constraints carry 8 or 32 bytes */
	{ "\x7f\0\0\x01\xff\0\0\0", 8, 0, NULL },
	{ "\x7f\0\0", 3, 0, NULL },
	{ "", 0, 0, NULL },
	{ "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 15, 0, NULL },
};

int
main(void)
{
	char out[IP_TEXT_CAP + 8];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t cap = cases[i].cap != 0 ? cases[i].cap : IP_TEXT_CAP;
		const char *got;
		bool is_kept;

		memset(out, '#', sizeof out);
		got = ip_format((const unsigned char *)cases[i].addr,
		    cases[i].len, out, cap);
		if (cases[i].want == NULL) {
			is_kept = out[0] == '#';
			CHECKF(got == NULL && is_kept,
			    "row %zu (%zu bytes, cap %zu) is refused", i,
			    cases[i].len, cap);
			continue;
		}
		CHECKF(got == out && strcmp(out, cases[i].want) == 0,
		    "row %zu: want \"%s\", got \"%s\"", i, cases[i].want,
		    got != NULL ? got : "(refused)");
	}
	return t_exit();
}
