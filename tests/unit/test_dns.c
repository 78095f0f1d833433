/* SPDX-License-Identifier: MIT */
/* dns: names in wire form, the query bytes, and answers to a query for
 * db.example.test (id 0x1234), valid and hostile; resolv's pure parts:
 * resolv.conf, /etc/hosts and the order of found addresses. */
#include <arpa/inet.h>
#include <string.h>

#include "dns.h"
#include "resolv.h"
#include "t.h"

/* A message: the literal and its length (NULs inside). */
#define M(s) (const unsigned char *)(s), sizeof(s) - 1

#define ID "\x12\x34"
#define COUNTS(an) "\x00\x01" an "\x00\x00\x00\x00"
#define OK ID "\x81\x80"
/* db.example.test at offset 12; example.test at 15. */
#define QNAME "\x02" "db" "\x07" "example" "\x04" "test" "\x00"
#define QA QNAME "\x00\x01\x00\x01"
#define QAAAA QNAME "\x00\x1c\x00\x01"
#define RR_HDR(type, rdlen) type "\x00\x01\x00\x00\x00\x3c\x00" rdlen
#define A_LO "\xc0\x0c" RR_HDR("\x00\x01", "\x04") "\x7f\x00\x00\x01"
#define A_2 "\xc0\x0c" RR_HDR("\x00\x01", "\x04") "\x0a\x00\x00\x02"

static const struct {
	const char *name;
	const unsigned char *msg;
	size_t len;
	unsigned qtype;
	enum dns_status want;
	size_t want_n;
	const char *want_first;		/* first address as text, or NULL */
	const char *want_why;		/* NULL: none */
} cases[] = {
	{ "one A", M(OK COUNTS("\x00\x01") QA A_LO), DNS_T_A, DNS_ANSWER, 1,
	    "127.0.0.1", NULL },
	{ "two A in order", M(OK COUNTS("\x00\x02") QA A_2 A_LO), DNS_T_A,
	    DNS_ANSWER, 2, "10.0.0.2", NULL },
	{ "NODATA", M(OK COUNTS("\x00\x00") QA), DNS_T_A, DNS_ANSWER, 0, NULL,
	    NULL },
	{ "NXDOMAIN", M(ID "\x81\x83" COUNTS("\x00\x00") QA), DNS_T_A,
	    DNS_NXDOMAIN, 0, NULL, NULL },
	{ "SERVFAIL", M(ID "\x81\x82" COUNTS("\x00\x00") QA), DNS_T_A,
	    DNS_SERVFAIL, 0, NULL, NULL },
	{ "REFUSED", M(ID "\x81\x85" COUNTS("\x00\x00") QA), DNS_T_A,
	    DNS_REFUSED, 0, NULL, NULL },
	{ "NOTIMP", M(ID "\x81\x84" COUNTS("\x00\x00") QA), DNS_T_A,
	    DNS_RCODE, 0, NULL, NULL },
	/* CNAME www.example.test at 45, then its A. */
	{ "CNAME then A", M(OK COUNTS("\x00\x02") QA "\xc0\x0c"
	    RR_HDR("\x00\x05", "\x06") "\x03" "www" "\xc0\x0f" "\xc0\x2d"
	    RR_HDR("\x00\x01", "\x04") "\x7f\x00\x00\x05"), DNS_T_A,
	    DNS_ANSWER, 1, "127.0.0.5", NULL },
	{ "A of the CNAME first, then the CNAME", M(OK COUNTS("\x00\x02") QA
	    "\x03" "www" "\xc0\x0f" RR_HDR("\x00\x01", "\x04")
	    "\x7f\x00\x00\x06" "\xc0\x0c" RR_HDR("\x00\x05", "\x02")
	    "\xc0\x21"), DNS_T_A, DNS_ANSWER, 1, "127.0.0.6", NULL },
	{ "CNAME alone: NODATA", M(OK COUNTS("\x00\x01") QA "\xc0\x0c"
	    RR_HDR("\x00\x05", "\x06") "\x03" "www" "\xc0\x0f"), DNS_T_A,
	    DNS_ANSWER, 0, NULL, NULL },
	{ "class CH ignored", M(OK COUNTS("\x00\x02") QA "\xc0\x0c"
	    "\x00\x01\x00\x03\x00\x00\x00\x3c\x00\x04\x0a\x00\x00\x09" A_LO),
	    DNS_T_A, DNS_ANSWER, 1, "127.0.0.1", NULL },
	{ "another owner ignored", M(OK COUNTS("\x00\x02") QA "\x05" "other"
	    "\x00" RR_HDR("\x00\x01", "\x04") "\x0a\x00\x00\x09" A_LO),
	    DNS_T_A, DNS_ANSWER, 1, "127.0.0.1", NULL },
	{ "AAAA record in an A answer ignored", M(OK COUNTS("\x00\x01") QA
	    "\xc0\x0c" RR_HDR("\x00\x1c", "\x10")
	    "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x01"), DNS_T_A, DNS_ANSWER, 0,
	    NULL, NULL },
	{ "AAAA", M(OK COUNTS("\x00\x01") QAAAA "\xc0\x0c"
	    RR_HDR("\x00\x1c", "\x10") "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x01"),
	    DNS_T_AAAA, DNS_ANSWER, 1, "::1", NULL },
	{ "names in any case", M(OK COUNTS("\x00\x01") "\x02" "DB" "\x07"
	    "ExAmPlE" "\x04" "TEST" "\x00\x00\x01\x00\x01" A_LO), DNS_T_A,
	    DNS_ANSWER, 1, "127.0.0.1", NULL },
	{ "TC: the whole records are used", M(ID "\x83\x80" COUNTS("\x00\x02")
	    QA A_LO "\xc0\x0c\x00"), DNS_T_A, DNS_ANSWER, 1, "127.0.0.1",
	    NULL },
	{ "authority junk never read", M(ID "\x81\x80\x00\x01\x00\x01\x00\x05"
	    "\x00\x00" QA A_LO "\xff\xff"), DNS_T_A, DNS_ANSWER, 1,
	    "127.0.0.1", NULL },

	{ "empty", M(""), DNS_T_A, DNS_IGNORE, 0, NULL,
	    "shorter than a header" },
	{ "header cut", M(OK "\x00\x01\x00"), DNS_T_A, DNS_IGNORE, 0, NULL,
	    "shorter than a header" },
	{ "wrong id", M("\x12\x35\x81\x80" COUNTS("\x00\x01") QA A_LO),
	    DNS_T_A, DNS_IGNORE, 0, NULL, "wrong id" },
	{ "a query, not a response", M(ID "\x01\x00" COUNTS("\x00\x00") QA),
	    DNS_T_A, DNS_IGNORE, 0, NULL, "not a response to a query" },
	{ "opcode STATUS", M(ID "\x91\x80" COUNTS("\x00\x00") QA), DNS_T_A,
	    DNS_IGNORE, 0, NULL, "not a response to a query" },
	{ "no question", M(ID "\x81\x80\x00\x00\x00\x00\x00\x00\x00\x00"),
	    DNS_T_A, DNS_IGNORE, 0, NULL, "not one question" },
	{ "two questions", M(ID "\x81\x80\x00\x02\x00\x00\x00\x00\x00\x00"
	    QA QA), DNS_T_A, DNS_IGNORE, 0, NULL, "not one question" },
	{ "another name", M(OK COUNTS("\x00\x01") "\x02" "dc" "\x07" "example"
	    "\x04" "test" "\x00\x00\x01\x00\x01" A_LO), DNS_T_A, DNS_IGNORE,
	    0, NULL, "another question" },
	{ "another type", M(OK COUNTS("\x00\x00") QAAAA), DNS_T_A,
	    DNS_IGNORE, 0, NULL, "another question" },
	{ "another class", M(OK COUNTS("\x00\x00") QNAME "\x00\x01\x00\x03"),
	    DNS_T_A, DNS_IGNORE, 0, NULL, "another question" },
	{ "question cut", M(OK COUNTS("\x00\x00") QNAME "\x00\x01"), DNS_T_A,
	    DNS_IGNORE, 0, NULL, "question cut short" },
	{ "question name cut", M(OK COUNTS("\x00\x00") "\x02" "db" "\x07"
	    "exa"), DNS_T_A, DNS_IGNORE, 0, NULL, "name cut short" },
	{ "question is a pointer to itself", M(OK COUNTS("\x00\x00")
	    "\xc0\x0c\x00\x01\x00\x01"), DNS_T_A, DNS_IGNORE, 0, NULL,
	    "compression pointer not backwards" },

	{ "owner points to itself", M(OK COUNTS("\x00\x01") QA "\xc0\x21"
	    RR_HDR("\x00\x01", "\x04") "\x7f\x00\x00\x01"), DNS_T_A,
	    DNS_MALFORMED, 0, NULL, "compression pointer not backwards" },
	{ "pointer ahead", M(OK COUNTS("\x00\x01") QA "\xc0\x40"
	    RR_HDR("\x00\x01", "\x04") "\x7f\x00\x00\x01"), DNS_T_A,
	    DNS_MALFORMED, 0, NULL, "compression pointer not backwards" },
	/* At 33: "\x01" "a" then a pointer back to 33: a loop that
	 * strictly backwards pointers cannot make. */
	{ "two-step loop", M(OK COUNTS("\x00\x01") QA "\x01" "a" "\xc0\x21"
	    RR_HDR("\x00\x01", "\x04") "\x7f\x00\x00\x01"), DNS_T_A,
	    DNS_MALFORMED, 0, NULL, "compression pointer not backwards" },
	{ "record cut", M(OK COUNTS("\x00\x01") QA "\xc0\x0c\x00\x01\x00"),
	    DNS_T_A, DNS_MALFORMED, 0, NULL, "record cut short" },
	{ "RDATA cut", M(OK COUNTS("\x00\x01") QA "\xc0\x0c"
	    RR_HDR("\x00\x01", "\x04") "\x7f\x00"), DNS_T_A, DNS_MALFORMED,
	    0, NULL, "record cut short" },
	{ "ANCOUNT 65535, one record", M(OK COUNTS("\xff\xff") QA A_LO),
	    DNS_T_A, DNS_MALFORMED, 0, NULL, "name cut short" },
	{ "A of 3 bytes", M(OK COUNTS("\x00\x01") QA "\xc0\x0c"
	    RR_HDR("\x00\x01", "\x03") "\x7f\x00\x00"), DNS_T_A,
	    DNS_MALFORMED, 0, NULL, "address of the wrong length" },
	{ "label type 01", M(OK COUNTS("\x00\x01") QA "\x41"
	    RR_HDR("\x00\x01", "\x04") "\x7f\x00\x00\x01"), DNS_T_A,
	    DNS_MALFORMED, 0, NULL, "unknown label type" },
	{ "CNAME target cut", M(OK COUNTS("\x00\x01") QA "\xc0\x0c"
	    RR_HDR("\x00\x05", "\x02") "\x03" "w"), DNS_T_A, DNS_MALFORMED, 0,
	    NULL, "name cut short" },
	/* db -> a.test (at 45) -> db: a CNAME loop. */
	{ "CNAME loop", M(OK COUNTS("\x00\x02") QA "\xc0\x0c"
	    RR_HDR("\x00\x05", "\x08") "\x01" "a" "\x04" "test" "\x00"
	    "\xc0\x2d" RR_HDR("\x00\x05", "\x02") "\xc0\x0c"), DNS_T_A,
	    DNS_MALFORMED, 0, NULL, "CNAME chain too long" },
};

static void
check_names(void)
{
	static const struct {
		const char *name;
		size_t want;
	} nc[] = {
		{ "a.b", 5 }, { "a.b.", 5 }, { "A.B", 5 }, { "", 0 },
		{ ".", 0 }, { "a..b", 0 }, { ".a", 0 }, { "a.b..", 0 },
	};
	unsigned char w[DNS_WIRE_CAP];
	char name[400];
	size_t i;

	for (i = 0; i < sizeof nc / sizeof nc[0]; i++) {
		CHECKF(dns_name_wire(nc[i].name, w) == nc[i].want,
		    "dns_name_wire(\"%s\") is %zu", nc[i].name, nc[i].want);
	}
	CHECK(dns_name_wire("A.b", w) == 5 && memcmp(w, "\1a\1b", 5) == 0);
	memset(name, 'x', 63);
	name[63] = '\0';
	CHECK(dns_name_wire(name, w) == 65);
	memset(name, 'x', 64);
	name[64] = '\0';
	CHECK(dns_name_wire(name, w) == 0);
	/* 4 labels of 63 and one of 1: 253 characters, 255 in wire form. */
	memset(name, 'x', 253);
	name[63] = name[127] = name[191] = name[251] = '.';
	name[253] = '\0';
	CHECK(dns_name_wire(name, w) == 255);
	name[253] = 'x';
	name[254] = '\0';
	CHECK(dns_name_wire(name, w) == 0);
}

static void
check_query(void)
{
	static const unsigned char want[] = ID "\x01\x00" COUNTS("\x00\x00")
	    QAAAA;
	unsigned char q[DNS_QUERY_CAP];
	size_t n;

	n = dns_query_build(q, sizeof q, 0x1234, "DB.example.test.",
	    DNS_T_AAAA);
	CHECK(n == sizeof want - 1 && memcmp(q, want, n) == 0);
	CHECK(dns_query_build(q, 20, 0x1234, "db.example.test", 1) == 0);
	CHECK(dns_query_build(q, sizeof q, 1, "a..b", 1) == 0);
}

static void
check_answers(void)
{
	struct dns_answer a;
	enum dns_status st;
	char text[INET6_ADDRSTRLEN];
	size_t i;
	int ok;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		st = dns_answer_parse(cases[i].msg, cases[i].len, 0x1234,
		    "db.example.test", cases[i].qtype, &a);
		text[0] = '\0';
		if (a.n > 0) {
			inet_ntop(cases[i].qtype == DNS_T_A ? AF_INET :
			    AF_INET6, a.addr[0], text, sizeof text);
		}
		ok = st == cases[i].want && a.n == cases[i].want_n &&
		    (cases[i].want_first == NULL ||
		    strcmp(text, cases[i].want_first) == 0) &&
		    (cases[i].want_why == NULL ? a.why == NULL :
		    a.why != NULL && strcmp(a.why, cases[i].want_why) == 0);
		CHECKF(ok, "answer: %s (got status %d, %zu, %s, %s)",
		    cases[i].name, (int)st, a.n, text,
		    a.why != NULL ? a.why : "-");
	}
}

static void
check_conf(void)
{
	static const char many[] = "nameserver 10.0.0.1\n"
	    "nameserver\t::1\nnameserver 10.0.0.2\nnameserver 10.0.0.3\n";
	static const char opts[] = "options rotate ndots:20 timeout:0 "
	    "attempts:99\n";
	static const char junk[] = "options ndots:x timeout:3x attempts:\n"
	    "nameserver 300.1.1.1\nnameserverX 10.0.0.9\n# nameserver 1.1.1.1"
	    "\nsearch a.test b.test\ndomain c.test\n";
	char text[INET6_ADDRSTRLEN];
	struct resolv_conf c;

	resolv_conf_parse(&c, "", 0);
	inet_ntop(AF_INET6, &c.ns[0].sin6_addr, text, sizeof text);
	CHECK(c.n_ns == 1 && strcmp(text, "::ffff:127.0.0.1") == 0 &&
	    ntohs(c.ns[0].sin6_port) == 53 && c.family == AF_INET);
	CHECK(c.ndots == 1 && c.timeout_s == 5 && c.attempts == 2 &&
	    c.search[0] == '\0' && c.hosts == NULL);
	resolv_conf_parse(&c, many, sizeof many - 1);
	inet_ntop(AF_INET6, &c.ns[1].sin6_addr, text, sizeof text);
	CHECK(c.n_ns == 3 && strcmp(text, "::1") == 0 &&
	    c.family == AF_INET6);
	resolv_conf_parse(&c, opts, sizeof opts - 1);
	CHECK(c.ndots == 15 && c.timeout_s == 1 && c.attempts == 10);
	resolv_conf_parse(&c, junk, sizeof junk - 1);
	inet_ntop(AF_INET6, &c.ns[0].sin6_addr, text, sizeof text);
	CHECK(c.n_ns == 1 && strcmp(text, "::ffff:127.0.0.1") == 0);
	CHECK(c.ndots == 1 && c.timeout_s == 5 && c.attempts == 2);
	CHECK_STR(c.search, "c.test", "the last search or domain line");
}

static void
check_hosts(void)
{
	static const char hosts[] = "127.0.0.1 localhost\n"
	    "# 10.0.0.1 db.test\n"
	    "10.0.0.2\tdb2.test db.test # 10.0.0.3 db.test\n"
	    "not-an-address db.test\n"
	    "::1 db.test\n"
	    "10.0.0.4 DB.TEST";
	struct resolv_found f;
	struct net_addrs a;
	char text[INET6_ADDRSTRLEN];
	size_t i;

	memset(&f, 0, sizeof f);
	CHECK(resolv_hosts_find(hosts, sizeof hosts - 1, "db.test.", &f));
	CHECK(f.n4 == 2 && f.n6 == 1 && f.a4[0][3] == 2 && f.a4[1][3] == 4);
	memset(&f, 0, sizeof f);
	CHECK(!resolv_hosts_find(hosts, sizeof hosts - 1, "db", &f));
	CHECK(!resolv_hosts_find(hosts, sizeof hosts - 1, "10.0.0.2", &f));
	CHECK(f.n4 == 0 && f.n6 == 0);

	/* The canonical name (hostname -f): the first line's first name. */
	{
		static const char h[] = "# 10.0.0.1 db\n"
		    "bad db.example.test db\n"
		    "127.0.1.1\tdb.example.test db # ok\n"
		    "10.0.0.9 other.test db\n";
		char canon[32];

		CHECK(resolv_hosts_canon(h, sizeof h - 1, "db", canon,
		    sizeof canon));
		CHECK_STR(canon, "db.example.test", "the canonical name");
		CHECK(resolv_hosts_canon(h, sizeof h - 1, "DB.example.test.",
		    canon, sizeof canon));
		CHECK_STR(canon, "db.example.test", "canonical of itself");
		CHECK(!resolv_hosts_canon(h, sizeof h - 1, "nope", canon,
		    sizeof canon) && canon[0] == '\0');
		CHECK(!resolv_hosts_canon(h, sizeof h - 1, "db", canon, 8));
	}

	/* Literals in inet_aton forms, as musl's hosts file and
	 * getaddrinfo read them: no lookup, the address they mean. */
	memset(&f, 0, sizeof f);
	CHECK(resolv_hosts_find("0x0a.0.0.5 hex.test\n", 20, "hex.test",
	    &f) && f.n4 == 1 && f.a4[0][0] == 10 && f.a4[0][3] == 5);
	{
		static const char *const lit[][2] = {
			{ "127.000.000.001", "127.0.0.1:5432" },
			{ "192.0.513", "192.0.2.1:5432" },
			{ "3221225985", "192.0.2.1:5432" },
			{ "::ffff:192.0.2.1", "192.0.2.1:5432" },
		};
		struct resolv_conf c;
		struct resolv_query q;
		struct result res;
		int fd;

		memset(&c, 0, sizeof c);
		for (i = 0; i < sizeof lit / sizeof lit[0]; i++) {
			memset(&res, 0, sizeof res);
			CHECK(resolv_start(&q, &c, lit[i][0], 5432, 0, &fd,
			    &a, &res) == RESOLV_DONE && fd == -1 && a.n == 1);
			CHECK_STR(net_addr_format(&a, 0, text, sizeof text),
			    lit[i][1], lit[i][0]);
		}
	}

	/* The order out: IPv4 first; with 8 and 8, 4 of each. */
	memset(&f, 0, sizeof f);
	for (i = 0; i < NET_ADDRS_MAX; i++) {
		f.a4[i][0] = 10;
		f.a4[i][3] = (unsigned char)i;
		f.a6[i][15] = (unsigned char)i;
	}
	f.n4 = 1;
	f.n6 = 1;
	resolv_found_addrs(&f, 443, &a);
	CHECK(a.n == 2 && a.ss[0].ss_family == AF_INET &&
	    a.ss[1].ss_family == AF_INET6);
	CHECK_STR(net_addr_format(&a, 1, text, sizeof text), "[::]:443",
	    "IPv6 second, with the port");
	f.n4 = f.n6 = NET_ADDRS_MAX;
	resolv_found_addrs(&f, 443, &a);
	CHECK(a.n == NET_ADDRS_MAX && a.ss[3].ss_family == AF_INET &&
	    a.ss[4].ss_family == AF_INET6);
	f.n6 = 2;
	resolv_found_addrs(&f, 443, &a);
	CHECK(a.n == NET_ADDRS_MAX && a.ss[5].ss_family == AF_INET &&
	    a.ss[6].ss_family == AF_INET6);
}

int
main(void)
{
	check_names();
	check_query();
	check_answers();
	check_conf();
	check_hosts();
	return t_exit();
}
