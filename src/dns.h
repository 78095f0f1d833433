/* SPDX-License-Identifier: MIT */
/*
 * dns: DNS messages (RFC 1035) as pure functions: a name in wire form, an
 * A or AAAA query, and the parse of an answer to it.  No sockets, no
 * clock, no allocation; the answer is untrusted and read only through
 * der.h's bounds-checked reader.  resolv.c sends and receives.
 */
#ifndef CK_DNS_H
#define CK_DNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A name in wire form is at most 255 octets, the root label included
 * (RFC 1035 3.1); as text that is 253 characters and the NUL. */
#define DNS_WIRE_CAP 255
#define DNS_NAME_CAP 256

/* The classic UDP bound (RFC 1035 4.2.1).  A and AAAA queries carry no
 * EDNS0 OPT record, so a server never sends more; a longer answer comes
 * truncated (TC). */
#define DNS_UDP_CAP 512

/*
 * The UDP size a TLSA query offers in its OPT record (dns_query_dnssec):
 * the DNS flag day 2020 value, which avoids IP fragmentation.  Sixteen
 * 3 1 1 records take about 800 bytes; a larger set comes truncated.
 */
#define DNS_EDNS_CAP 1232

/* Header, the name, type and class, and an OPT record (11 bytes). */
#define DNS_QUERY_CAP (12 + DNS_WIRE_CAP + 4 + 11)

/*
 * Addresses kept from one answer.  net.h's NET_ADDRS_MAX is what a target
 * tries; one answer never needs to give more than all of them.
 */
#define DNS_ADDRS_MAX 8

/*
 * CNAMEs followed within one answer section.  A 512-byte answer holds at
 * most about 40 records; real chains (CDNs) are 2 to 4 long, and a
 * longer one is a loop.
 */
#define DNS_CNAME_MAX 16

#define DNS_T_A		1
#define DNS_T_CNAME	5
#define DNS_T_AAAA	28
#define DNS_T_TLSA	52

/*
 * Record data kept from one answer for a type that is not an address
 * (TLSA): spans of the message.  1232 bytes hold at most about 100
 * records; past DNS_RDATA_MAX they are counted in n_more, not kept.
 */
#define DNS_RDATA_MAX 16
#define DNS_C_IN	1

enum dns_status {
	DNS_ANSWER,		/* NOERROR: out->n addresses, 0 is NODATA */
	DNS_NXDOMAIN,		/* the name does not exist */
	DNS_SERVFAIL,		/* the server could not answer */
	DNS_REFUSED,		/* the server will not answer us */
	DNS_RCODE,		/* another error: out->rcode */
	DNS_IGNORE,		/* not an answer to this query: out->why */
	DNS_MALFORMED		/* the answer to this query, unreadable:
				 * out->why */
};

struct dns_answer {
	size_t n;				/* addresses in addr */
	unsigned char addr[DNS_ADDRS_MAX][16];	/* 4 bytes used for A */
	unsigned rcode;				/* the header's RCODE */
	bool is_truncated;			/* TC: records are what fit */
	bool is_ad;				/* AD: the server says it
						 * validated the answer */
	/* Other qtypes: each record's data as [off, off + len) of msg. */
	size_t n_rdata;
	size_t n_more;				/* past DNS_RDATA_MAX */
	struct {
		uint16_t off;
		uint16_t len;
	} rdata[DNS_RDATA_MAX];
	const char *why;			/* static; NULL unless IGNORE
						 * or MALFORMED */
};

/*
 * Converts text name (dotted, an optional final '.' for the root) into
 * wire form, lower-cased, in out (DNS_WIRE_CAP bytes).  Returns its length
 * (the final zero octet included), or 0 when name is empty, has an empty
 * label or a label over 63 octets, or is longer than 255 octets in wire
 * form.
 */
size_t dns_name_wire(const char *name, unsigned char *out);

/*
 * Writes a recursive query (RD set) for name's qtype records, class IN,
 * with id, into buf (cap bytes; DNS_QUERY_CAP is always enough).  Returns
 * its length, or 0 when name is not a valid name (see dns_name_wire) or
 * cap is too small.
 */
size_t dns_query_build(unsigned char *buf, size_t cap, uint16_t id,
    const char *name, unsigned qtype);

/*
 * Makes query msg (len bytes, from dns_query_build; cap bytes of room)
 * ask for DNSSEC's verdict: the AD bit set (RFC 6840 5.7: the server
 * then says whether it validated the answer) and an EDNS0 OPT record
 * offering DNS_EDNS_CAP bytes, DO clear (no signatures wanted).
 * Returns the new length, or 0 when cap is too small.
 */
size_t dns_query_dnssec(unsigned char *msg, size_t len, size_t cap);

/*
 * Parses msg (len bytes, untrusted) as the answer to the query for name
 * and qtype with id.  A message that is not a response, has another id,
 * opcode or question is DNS_IGNORE: it may be spoofed or late, and the
 * caller keeps waiting.  For the right question the RCODE decides; with
 * NOERROR the answer section is read: every record must parse (a cut
 * record or an overlong count is DNS_MALFORMED, unless TC is set: then
 * the records that arrived whole are used), CNAMEs from name are followed
 * within the section (at most DNS_CNAME_MAX), and the qtype records of the
 * name reached, class IN, give the addresses, in the order received (at
 * most DNS_ADDRS_MAX); for a qtype other than A and AAAA they give
 * out->rdata (any length, at most DNS_RDATA_MAX; the rest are counted).
 * out->is_ad is the header's AD bit.  Records of other names, types and classes, and the
 * authority and additional sections, are ignored.  Compression pointers
 * must point backwards (RFC 1035 4.1.4 only allows earlier names), so no
 * loop can form.  Always fills out.
 */
enum dns_status dns_answer_parse(const unsigned char *msg, size_t len,
    uint16_t id, const char *name, unsigned qtype, struct dns_answer *out);

#endif
