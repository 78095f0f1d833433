/* SPDX-License-Identifier: MIT */
/*
 * allow: every entry form and as many refusals; then what a list allows
 * and, for each rule, the near miss it must refuse (a suffix that is not
 * a label, one label too many or too few, the next network, another
 * port, an address against a name pattern, a PEM-file SPEC).
 */
#include <string.h>

#include "allow.h"
#include "spec.h"
#include "t.h"

static const struct {
	const char *entry;
	const char *want_err;		/* NULL: accepted */
} entries[] = {
	{ "*.db.example.com:5432", NULL },
	{ "DB.Example.COM", NULL },
	{ "db.example.com.:443", NULL },
	{ "**.corp.example", NULL },
	{ "**", NULL },
	{ "*", NULL },
	{ "a.*.example.com:*", NULL },
	{ "10.0.0.0/8", NULL },
	{ "10.0.0.0/8:5432", NULL },
	{ "127.0.0.1:5432", NULL },
	{ "127.0.0.1", NULL },
	{ "[::1]:5432", NULL },
	{ "::1", NULL },
	{ "[2001:db8::]/32:5432", NULL },
	{ "2001:db8::/32", NULL },
	{ "2001:db8::/32:5", NULL },
	{ "0.0.0.0/0", NULL },
	{ "::ffff:192.0.2.0/120", NULL },
	/* refused */
	{ "", "bad --allow entry" },
	{ "db*.example.com", "* must be a whole label (or ** the first)" },
	{ "a.**.example.com", "* must be a whole label (or ** the first)" },
	{ "***.example.com", "* must be a whole label (or ** the first)" },
	{ "a*", "* must be a whole label (or ** the first)" },
	{ "db..example.com", "bad host name" },
	{ ".example.com", "bad host name" },
	{ "db example.com", "bad host name" },
	{ "db/example", "bad address before the prefix length" },
	{ "db.example.com:0", "port must be 1-65535 or *" },
	{ "db.example.com:65536", "port must be 1-65535 or *" },
	{ "db.example.com:", "port must be 1-65535 or *" },
	{ "db.example.com:+1", "port must be 1-65535 or *" },
	{ "10.0.0.0/33", "prefix length too long for the address" },
	{ "10.0.0.0/", "bad prefix length" },
	{ "10.0.0.0/-1", "bad prefix length" },
	{ "10.1.0.0/8", "address has bits set past the prefix length" },
	{ "2001:db8::1/32", "address has bits set past the prefix length" },
	{ "10.0.0.0/8:", "port must be 1-65535 or *" },
	{ "10.0.0.0/8x", "junk after the address" },
	{ "[10.0.0.1]:5432", "bad IPv6 address in brackets" },
	{ "[::1", "bad IPv6 address in brackets" },
	{ "[::1]x", "junk after the address" },
	{ "fe80::1%eth0", "no interface scope in --allow" },
	{ "example.123", "a name cannot end in a numeric label; "
	    "write an address or a CIDR" },
	{ "10.0.0.256", "a name cannot end in a numeric label; "
	    "write an address or a CIDR" },
};

static const struct {
	const char *host;
	unsigned port;
	bool want;
} matches[] = {
	/* *.db.example.com:5432: one label, that port */
	{ "a.db.example.com", 5432, true },
	{ "A.DB.EXAMPLE.COM.", 5432, true },
	{ "a.db.example.com", 5433, false },
	{ "db.example.com", 5432, false },
	{ "a.b.db.example.com", 5432, false },
	{ "evil-db.example.com", 5432, false },
	{ "a.evil-db.example.com", 5432, false },
	{ "a.db.example.com.evil.net", 5432, false },
	{ "a.db.example.co", 5432, false },
	{ "adb.example.com", 5432, false },
	/* www.example.com (any port), also written with a trailing dot */
	{ "www.example.com", 1, true },
	{ "WWW.example.com.", 65535, true },
	{ "xwww.example.com", 443, false },
	{ "www.example.com..", 443, false },
	/* **.corp.example: one label or more */
	{ "a.corp.example", 443, true },
	{ "a.b.c.corp.example", 443, true },
	{ "corp.example", 443, false },
	{ "acorp.example", 443, false },
	/* a.*.example.net:* */
	{ "a.x.example.net", 9, true },
	{ "a.x.y.example.net", 9, false },
	{ "b.x.example.net", 9, false },
	{ "x.example.net", 9, false },
	/* 10.0.0.0/8:5432 and 127.0.0.1:5432 */
	{ "10.0.0.1", 5432, true },
	{ "10.255.255.255", 5432, true },
	{ "10.0.0.1", 5433, false },
	{ "11.0.0.1", 5432, false },
	{ "9.255.255.255", 5432, false },
	{ "::ffff:10.1.2.3", 5432, true },
	{ "012.0.0.1", 5432, true },		/* inet_aton: octal 10 */
	{ "167772161", 5432, true },		/* 10.0.0.1 */
	{ "127.0.0.1", 5432, true },
	{ "127.0.0.2", 5432, false },
	{ "127.0.0.1", 5431, false },
	/* [2001:db8::]/32:5432 */
	{ "2001:db8:ffff::1", 5432, true },
	{ "2001:db9::1", 5432, false },
	{ "2001:db8::1", 443, false },
	/* an address never matches a name pattern, nor a name a CIDR */
	{ "10.0.0.1", 443, false },
	{ "10.0.0.1.", 5432, false },
	{ "1.2.3.4.5", 443, false },
	{ "a.db.example.com", 0, false },
	{ "", 5432, false },
	{ "a.db.example.com/x", 5432, false },
	{ "a..db.example.com", 5432, false },
};

static void
test_entries(void)
{
	struct allow_list l;
	size_t i;
	const char *why;

	for (i = 0; i < sizeof entries / sizeof entries[0]; i++) {
		allow_init(&l);
		why = allow_add(&l, entries[i].entry);
		CHECK_STR(why != NULL ? why : "(accepted)",
		    entries[i].want_err != NULL ? entries[i].want_err :
		    "(accepted)", entries[i].entry);
		CHECKF(l.n == (why == NULL ? 1u : 0u) && (why == NULL ||
		    l.text_used == 0), "%s: list unchanged on error",
		    entries[i].entry);
	}
}

static void
test_matches(void)
{
	static struct allow_list l;
	static const char *const list[] = {
		"*.db.example.com:5432", "WWW.example.com.", "**.corp.example",
		"a.*.example.net:*", "10.0.0.0/8:5432", "127.0.0.1:5432",
		"[2001:db8::]/32:5432",
	};
	size_t i;

	allow_init(&l);
	for (i = 0; i < sizeof list / sizeof list[0]; i++) {
		CHECKF(allow_add(&l, list[i]) == NULL, "add %s", list[i]);
	}
	for (i = 0; i < sizeof matches / sizeof matches[0]; i++) {
		CHECKF(allow_match(&l, matches[i].host,
		    (uint16_t)matches[i].port) == matches[i].want,
		    "%s port %u: %s", matches[i].host, matches[i].port,
		    matches[i].want ? "allowed" : "refused");
	}
}

static void
test_wide(void)
{
	static struct allow_list l;

	/* An empty list allows nothing. */
	allow_init(&l);
	CHECK(!allow_match(&l, "127.0.0.1", 5432));
	CHECK(!allow_match(&l, "localhost", 5432));
	/* "**" is every name but no address; "*" a single label. */
	CHECK(allow_add(&l, "**") == NULL);
	CHECK(allow_match(&l, "a.b.c", 1));
	CHECK(!allow_match(&l, "127.0.0.1", 1));
	CHECK(!allow_match(&l, "::1", 1));
	allow_init(&l);
	CHECK(allow_add(&l, "*") == NULL);
	CHECK(allow_match(&l, "localhost", 5432));
	CHECK(!allow_match(&l, "db.local", 5432));
	/* 0.0.0.0/0 is every IPv4 address, no IPv6 but the mapped ones. */
	allow_init(&l);
	CHECK(allow_add(&l, "0.0.0.0/0") == NULL);
	CHECK(allow_match(&l, "192.0.2.1", 1));
	CHECK(allow_match(&l, "::ffff:192.0.2.1", 1));
	CHECK(!allow_match(&l, "2001:db8::1", 1));
	CHECK(!allow_match(&l, "db.example.com", 1));
	/* A mapped CIDR entry matches the plain IPv4 address. */
	allow_init(&l);
	CHECK(allow_add(&l, "::ffff:192.0.2.0/120") == NULL);
	CHECK(allow_match(&l, "192.0.2.200", 443));
	CHECK(!allow_match(&l, "192.0.3.1", 443));
	/* Odd prefix lengths cut inside a byte. */
	allow_init(&l);
	CHECK(allow_add(&l, "192.0.2.64/27") == NULL);
	CHECK(allow_match(&l, "192.0.2.95", 1));
	CHECK(!allow_match(&l, "192.0.2.96", 1));
	CHECK(!allow_match(&l, "192.0.2.63", 1));
	/* A scoped request address is matched by its address. */
	allow_init(&l);
	CHECK(allow_add(&l, "fe80::/10") == NULL);
	CHECK(allow_match(&l, "fe80::1%1", 1));
}

static void
test_spec(void)
{
	static struct allow_list l;
	struct spec sp;

	allow_init(&l);
	CHECK(allow_add(&l, "127.0.0.1:5432") == NULL);
	CHECK(allow_add(&l, "**") == NULL);
	/* matched where it connects, whatever name it checks */
	CHECK(spec_parse("127.0.0.1(evil.example):5432", PROTO_POSTGRES,
	    &sp) == NULL);
	CHECK(allow_spec(&l, &sp));
	CHECK(spec_parse("10.9.9.9(db.example.com):5432", PROTO_POSTGRES,
	    &sp) == NULL);
	CHECK(!allow_spec(&l, &sp));
	/* the default port counts */
	CHECK(spec_parse("127.0.0.1", PROTO_POSTGRES, &sp) == NULL);
	CHECK(allow_spec(&l, &sp));
	CHECK(spec_parse("127.0.0.1", PROTO_TLS, &sp) == NULL);
	CHECK(!allow_spec(&l, &sp));
	/* a PEM file is never allowed, even under "**" */
	CHECK(spec_parse(T_DATA "self-ca.pem", PROTO_TLS, &sp) == NULL &&
	    sp.kind == SPEC_KIND_FILE);
	CHECK(!allow_spec(&l, &sp));
}

/* Room: ALLOW_MAX entries, then an error that leaves the list as it was. */
static void
test_full(void)
{
	static struct allow_list l;
	char name[300];
	size_t i;

	allow_init(&l);
	for (i = 0; i < ALLOW_MAX; i++) {
		CHECKF(allow_add(&l, "10.0.0.0/8") == NULL, "entry %zu", i);
	}
	CHECK_STR(allow_add(&l, "10.0.0.0/8"), "too many --allow entries",
	    "full");
	CHECK_INT(l.n, ALLOW_MAX, "n unchanged");
	allow_init(&l);
	memset(name, 'a', 63);
	memcpy(name + 63, ".", 1);
	memset(name + 64, 'b', 63);
	memcpy(name + 127, ".", 1);
	memset(name + 128, 'c', 63);
	memcpy(name + 191, ".", 1);
	memset(name + 192, 'd', 61);
	name[253] = '\0';
	CHECK(allow_add(&l, name) == NULL);
	CHECK(allow_match(&l, name, 1));
	name[253] = 'd';
	name[254] = '\0';
	CHECK_STR(allow_add(&l, name), "bad host name", "254 characters");
	allow_init(&l);
	name[63] = 'a';			/* a label of 127 */
	name[253] = '\0';
	CHECK_STR(allow_add(&l, name), "bad host name", "64-byte label");
	/* names fill the text: 16 of 254 bytes fit in 4096, not 17 */
	name[63] = '.';
	allow_init(&l);
	for (i = 0; i < 16; i++) {
		CHECKF(allow_add(&l, name) == NULL, "long name %zu", i);
	}
	CHECK_STR(allow_add(&l, name), "too many --allow names", "text full");
	CHECK_INT(l.n, 16, "n unchanged");
	CHECK(l.text_used <= ALLOW_TEXT_CAP);
}

int
main(void)
{
	test_entries();
	test_matches();
	test_wide();
	test_spec();
	test_full();
	return t_exit();
}
