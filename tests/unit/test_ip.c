/* SPDX-License-Identifier: MIT */
/*
 * ip: address text, byte for byte what musl 1.2's inet_ntop prints (the
 * wants below are its output), and as many refusals: other lengths and
 * buffers one byte short.  Then literals: ip_parse accepts what glibc's
 * inet_aton and inet_pton(AF_INET6) accept (the IPv4 wants were checked
 * against glibc 2.36's inet_aton) and refuses the rest.
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

static const struct {
	const char *text;
	int want_len;			/* 0: not a literal */
	const char *want_addr;		/* want_len bytes */
	const char *want_scope;		/* NULL: none */
} parse_cases[] = {
	{ "192.0.2.1", 4, "\xc0\x00\x02\x01", NULL },
	{ "127.0.0.1", 4, "\x7f\0\0\x01", NULL },
	/* inet_aton forms: octal, hexadecimal, fewer parts */
	{ "192.000.002.001", 4, "\xc0\x00\x02\x01", NULL },
	{ "127.000.000.001", 4, "\x7f\0\0\x01", NULL },
	{ "0xC0.0.2.1", 4, "\xc0\x00\x02\x01", NULL },
	{ "0Xc0.0x0.0X2.0x01", 4, "\xc0\x00\x02\x01", NULL },
	{ "0300.0.02.01", 4, "\xc0\x00\x02\x01", NULL },
	{ "010.0.0.1", 4, "\x08\0\0\x01", NULL },
	{ "3221225985", 4, "\xc0\x00\x02\x01", NULL },
	{ "0xc0000201", 4, "\xc0\x00\x02\x01", NULL },
	{ "030000001001", 4, "\xc0\x00\x02\x01", NULL },
	{ "192.0.513", 4, "\xc0\x00\x02\x01", NULL },
	{ "192.131585", 4, "\xc0\x02\x02\x01", NULL },
	{ "127.1", 4, "\x7f\0\0\x01", NULL },
	{ "0", 4, "\0\0\0\0", NULL },
	{ "4294967295", 4, "\xff\xff\xff\xff", NULL },
	{ "0xffffffff", 4, "\xff\xff\xff\xff", NULL },
	{ "1.0xffffff", 4, "\x01\xff\xff\xff", NULL },
	{ "1.2.0xffff", 4, "\x01\x02\xff\xff", NULL },
	{ "0x00000000000000000001", 4, "\0\0\0\x01", NULL },
	/* past a part's range, junk, empty parts */
	{ "4294967296", 0, NULL, NULL },
	{ "99999999999999999999999", 0, NULL, NULL },
	{ "1.16777216", 0, NULL, NULL },
	{ "1.2.65536", 0, NULL, NULL },
	{ "1.2.3.256", 0, NULL, NULL },
	{ "256.0.0.1", 0, NULL, NULL },
	{ "0x100.0.0.1", 0, NULL, NULL },
	{ "1.2.3.4.5", 0, NULL, NULL },
	{ "1.2.3.4.", 0, NULL, NULL },
	{ ".1.2.3", 0, NULL, NULL },
	{ "1..2", 0, NULL, NULL },
	{ "08.0.0.1", 0, NULL, NULL },
	{ "019", 0, NULL, NULL },
	{ "0x", 0, NULL, NULL },
	{ "0x.0.0.1", 0, NULL, NULL },
	{ "0xg", 0, NULL, NULL },
	{ "1.2.3.4a", 0, NULL, NULL },
	{ "+1.2.3.4", 0, NULL, NULL },
	{ "-1", 0, NULL, NULL },
	{ " 1.2.3.4", 0, NULL, NULL },
	{ "1.2.3.4 ", 0, NULL, NULL },
	{ "1.2.3.4%lo", 0, NULL, NULL },
	{ "", 0, NULL, NULL },
	{ "a.example.test", 0, NULL, NULL },
	{ "1e3", 0, NULL, NULL },
	/* IPv6, as inet_pton, and a scope after '%' */
	{ "::1", 16, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x01", NULL },
	{ "0:0:0:0:0:0:0:1", 16, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x01",
	    NULL },
	{ "2001:DB8::1", 16,
	    "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x01", NULL },
	{ "::ffff:192.0.2.1", 16,
	    "\0\0\0\0\0\0\0\0\0\0\xff\xff\xc0\x00\x02\x01", NULL },
	{ "fe80::1%lo", 16,
	    "\xfe\x80\0\0\0\0\0\0\0\0\0\0\0\0\0\x01", "lo" },
	{ "::1%2", 16, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x01", "2" },
	{ "ff02::1%eth0", 16,
	    "\xff\x02\0\0\0\0\0\0\0\0\0\0\0\0\0\x01", "eth0" },
	{ "FEBF::1%x", 16,
	    "\xfe\xbf\0\0\0\0\0\0\0\0\0\0\0\0\0\x01", "x" },
	/* an interface name on an address that is not link-local */
	{ "::1%lo", 0, NULL, NULL },
	{ "::1%1x", 0, NULL, NULL },
	{ "fec0::1%lo", 0, NULL, NULL },
	{ "ff05::1%lo", 0, NULL, NULL },
	{ "::1%", 0, NULL, NULL },
	{ "%lo", 0, NULL, NULL },
	{ "::ffff:192.000.002.001", 0, NULL, NULL },
	{ "::ffff:0xc0.0.2.1", 0, NULL, NULL },
	{ "::ffff:192.0.513", 0, NULL, NULL },
	{ "1:2:3:4:5:6:7:8:9", 0, NULL, NULL },
	{ "1::2::3", 0, NULL, NULL },
	{ "12345::1", 0, NULL, NULL },
	{ "[::1]", 0, NULL, NULL },
	{ ":::1", 0, NULL, NULL },
	{ "::1 ", 0, NULL, NULL },
	{ "1:2:3:4:5:6:7:8:9:10:11:12:13:14:15:16:17:18:19:20", 0, NULL, NULL },
};

static void
test_parse(void)
{
	unsigned char a[16];
	const char *scope;
	size_t i;
	int got;

	for (i = 0; i < sizeof parse_cases / sizeof parse_cases[0]; i++) {
		const char *t = parse_cases[i].text;
		const char *ws = parse_cases[i].want_scope;

		memset(a, 0xee, sizeof a);
		got = ip_parse(t, strlen(t), a, &scope);
		CHECKF(got == parse_cases[i].want_len &&
		    (got == 0 || memcmp(a, parse_cases[i].want_addr,
		    (size_t)got) == 0),
		    "\"%s\" parses to %d bytes, got %d", t,
		    parse_cases[i].want_len, got);
		if (got != 0) {
			CHECKF(ws != NULL ? scope != NULL &&
			    strcmp(scope, ws) == 0 : scope == NULL,
			    "\"%s\" has scope %s", t, ws != NULL ? ws :
			    "(none)");
		}
	}
	/* The length bounds the text: no NUL needed, none allowed. */
	CHECKF(ip_parse("10.0.0.19", 8, a, NULL) == 4 &&
	    memcmp(a, "\x0a\0\0\x01", 4) == 0, "the first 8 bytes only");
	CHECKF(ip_parse("::1%12!", 6, a, &scope) == 16 &&
	    strncmp(scope, "12", 2) == 0, "a scope ends at len");
	CHECKF(ip_parse("1.2.3.4\0", 8, a, NULL) == 0, "a NUL is refused");
	CHECKF(ip_parse("1.2\0.3", 6, a, NULL) == 0, "an inner NUL too");
}

int
main(void)
{
	char out[IP_TEXT_CAP + 8];
	size_t i;

	test_parse();

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
