/* SPDX-License-Identifier: MIT */
/*
 * dns: encode queries (A, AAAA, TLSA) and parse their answers.  Names are compared
 * in wire form, lower-cased (RFC 4343: ASCII case does not matter), so a
 * label holding a '.' can never pass for two labels.
 */
#include <string.h>

#include "der.h"
#include "dns.h"

/* One resource record as read; owner in wire form. */
struct rr {
	unsigned char owner[DNS_WIRE_CAP];
	size_t owner_len;
	unsigned type;
	unsigned class;
	struct rd rdata;
};

static unsigned char
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* see dns.h */
size_t
dns_name_wire(const char *name, unsigned char *out)
{
	const char *s = name;
	const char *dot;
	size_t o = 0;
	size_t l;
	size_t i;

	if (*s == '\0') {
		return 0;
	}
	while (*s != '\0') {
		dot = strchr(s, '.');
		l = dot != NULL ? (size_t)(dot - s) : strlen(s);
		/* Room for the length octet, the label and the root. */
		if (l == 0 || l > 63 || o + 1 + l + 1 > DNS_WIRE_CAP) {
			return 0;
		}
		out[o++] = (unsigned char)l;
		for (i = 0; i < l; i++) {
			out[o++] = lower((unsigned char)s[i]);
		}
		s += l;
		if (*s == '.') {
			s++;
		}
	}
	out[o++] = 0;
	return o;
}

/* see dns.h */
size_t
dns_query_build(unsigned char *buf, size_t cap, uint16_t id,
    const char *name, unsigned qtype)
{
	unsigned char wire[DNS_WIRE_CAP];
	size_t n = dns_name_wire(name, wire);

	if (n == 0 || cap < 12 + n + 4) {
		return 0;
	}
	memset(buf, 0, 12);
	buf[0] = (unsigned char)(id >> 8);
	buf[1] = (unsigned char)id;
	buf[2] = 0x01;			/* RD: recursion desired */
	buf[5] = 1;			/* QDCOUNT */
	memcpy(buf + 12, wire, n);
	buf[12 + n] = (unsigned char)(qtype >> 8);
	buf[12 + n + 1] = (unsigned char)qtype;
	buf[12 + n + 2] = 0;
	buf[12 + n + 3] = DNS_C_IN;
	return 12 + n + 4;
}

/* see dns.h */
size_t
dns_query_dnssec(unsigned char *msg, size_t len, size_t cap)
{
	/* Root owner, type OPT (41), class = UDP size, TTL 0 (DO clear),
	 * no options (RFC 6891 6.1.2). */
	static const unsigned char opt[11] = {
		0, 0, 41, DNS_EDNS_CAP >> 8, DNS_EDNS_CAP & 0xff,
		0, 0, 0, 0, 0, 0
	};

	if (len < 12 || cap < len + sizeof opt) {
		return 0;
	}
	msg[3] |= 0x20;			/* AD */
	msg[11] = 1;			/* ARCOUNT */
	memcpy(msg + len, opt, sizeof opt);
	return len + sizeof opt;
}

/*
 * Reads the name at r into out (wire form, lower-cased) and moves r past
 * the name's bytes in place, up to and including the first pointer.  Each
 * pointer must point before the previous one's target (before the name
 * itself for the first): targets strictly decrease, so reading ends.
 * Returns the wire length, or 0 with *why set and r bad.
 */
static size_t
name_read(const unsigned char *msg, size_t len, struct rd *r,
    unsigned char *out, const char **why)
{
	struct rd cur = *r;
	size_t limit = (size_t)(r->p - msg);
	size_t olen = 0;
	size_t off;
	bool has_jumped = false;
	const unsigned char *p;
	unsigned c;
	size_t i;

	for (;;) {
		c = rd_u8(&cur);
		if ((c & 0xc0) == 0xc0) {
			off = (size_t)(c & 0x3f) << 8 | rd_u8(&cur);
			if (cur.bad) {
				break;
			}
			if (!has_jumped) {
				*r = cur;
				has_jumped = true;
			}
			if (off >= limit) {
				*why = "compression pointer not backwards";
				r->bad = 1;
				return 0;
			}
			limit = off;
			rd_init(&cur, msg + off, len - off);
			continue;
		}
		if ((c & 0xc0) != 0) {
			*why = "unknown label type";
			r->bad = 1;
			return 0;
		}
		if (olen + 1 + c > DNS_WIRE_CAP) {
			*why = "name longer than 255 octets";
			r->bad = 1;
			return 0;
		}
		p = rd_bytes(&cur, c);
		if (cur.bad) {
			break;
		}
		out[olen++] = (unsigned char)c;
		for (i = 0; i < c; i++) {
			out[olen++] = lower(p[i]);
		}
		if (c == 0) {
			if (!has_jumped) {
				*r = cur;
			}
			return olen;
		}
	}
	*why = "name cut short";
	r->bad = 1;
	return 0;
}

/* Reads one record; a CNAME's target must read too.  0 or -1 (*why). */
static int
rr_read(const unsigned char *msg, size_t len, struct rd *r, struct rr *rr,
    const char **why)
{
	unsigned char target[DNS_WIRE_CAP];
	struct rd t;
	size_t rdlen;

	rr->owner_len = name_read(msg, len, r, rr->owner, why);
	if (rr->owner_len == 0) {
		return -1;
	}
	rr->type = rd_u16be(r);
	rr->class = rd_u16be(r);
	(void)rd_u32be(r);		/* TTL: one run never outlives it */
	rdlen = rd_u16be(r);
	rr->rdata = rd_sub(r, rdlen);
	if (r->bad) {
		*why = "record cut short";
		return -1;
	}
	if (rr->type == DNS_T_CNAME) {
		t = rr->rdata;
		if (name_read(msg, len, &t, target, why) == 0) {
			return -1;
		}
	}
	return 0;
}

static bool
name_eq(const unsigned char *a, size_t alen, const unsigned char *b,
    size_t blen)
{
	return alen == blen && memcmp(a, b, alen) == 0;
}

/*
 * The qtype addresses of name cur among the first n records at ans,
 * following CNAMEs.  Every record was read once already.
 */
static enum dns_status
collect(const unsigned char *msg, size_t len, struct rd ans, size_t n,
    const unsigned char *want, size_t want_len, unsigned qtype,
    struct dns_answer *out)
{
	unsigned char cur[DNS_WIRE_CAP];
	unsigned char next[DNS_WIRE_CAP];
	size_t cur_len = want_len;
	size_t next_len;
	size_t alen = qtype == DNS_T_A ? 4 : qtype == DNS_T_AAAA ? 16 : 0;
	unsigned hops;
	struct rd r;
	struct rr rr;
	const unsigned char *p;
	size_t i;

	memcpy(cur, want, want_len);
	for (hops = 0;; hops++) {
		next_len = 0;
		r = ans;
		for (i = 0; i < n; i++) {
			(void)rr_read(msg, len, &r, &rr, &out->why);
			if (rr.class != DNS_C_IN ||
			    !name_eq(rr.owner, rr.owner_len, cur, cur_len)) {
				continue;
			}
			if (rr.type == qtype && alen == 0) {
				if (out->n_rdata == DNS_RDATA_MAX) {
					out->n_more++;
					continue;
				}
				/* The message is at most 64 KiB. */
				out->rdata[out->n_rdata].off =
				    (uint16_t)(rr.rdata.p - msg);
				out->rdata[out->n_rdata++].len =
				    (uint16_t)rr.rdata.left;
			} else if (rr.type == qtype) {
				if (rr.rdata.left != alen) {
					out->why =
					    "address of the wrong length";
					return DNS_MALFORMED;
				}
				p = rd_bytes(&rr.rdata, alen);
				if (out->n < DNS_ADDRS_MAX) {
					memcpy(out->addr[out->n++], p, alen);
				}
			} else if (rr.type == DNS_T_CNAME && next_len == 0) {
				next_len = name_read(msg, len, &rr.rdata,
				    next, &out->why);
			}
		}
		out->why = NULL;
		if (out->n + out->n_rdata + out->n_more > 0 ||
		    next_len == 0) {
			return DNS_ANSWER;
		}
		if (hops == DNS_CNAME_MAX) {
			out->why = "CNAME chain too long";
			return DNS_MALFORMED;
		}
		memcpy(cur, next, next_len);
		cur_len = next_len;
	}
}

/* see dns.h */
enum dns_status
dns_answer_parse(const unsigned char *msg, size_t len, uint16_t id,
    const char *name, unsigned qtype, struct dns_answer *out)
{
	unsigned char want[DNS_WIRE_CAP];
	unsigned char got[DNS_WIRE_CAP];
	size_t want_len;
	size_t got_len;
	unsigned flags;
	unsigned an;
	struct rd r;
	struct rd ans;
	struct rr rr;
	size_t n;

	memset(out, 0, sizeof *out);
	want_len = dns_name_wire(name, want);
	rd_init(&r, msg, len);
	if (rd_u16be(&r) != id) {
		out->why = r.bad ? "shorter than a header" : "wrong id";
		return DNS_IGNORE;
	}
	flags = rd_u16be(&r);
	if (rd_u16be(&r) != 1) {
		out->why = r.bad ? "shorter than a header" :
		    "not one question";
		return DNS_IGNORE;
	}
	an = rd_u16be(&r);
	rd_skip(&r, 4);			/* NSCOUNT, ARCOUNT: not read */
	if (r.bad) {
		out->why = "shorter than a header";
		return DNS_IGNORE;
	}
	if ((flags & 0x8000) == 0 || (flags & 0x7800) != 0) {
		out->why = "not a response to a query";
		return DNS_IGNORE;
	}
	got_len = name_read(msg, len, &r, got, &out->why);
	if (got_len == 0) {
		return DNS_IGNORE;
	}
	if (!name_eq(got, got_len, want, want_len) || want_len == 0 ||
	    rd_u16be(&r) != qtype || rd_u16be(&r) != DNS_C_IN) {
		out->why = r.bad ? "question cut short" : "another question";
		return DNS_IGNORE;
	}
	out->rcode = flags & 0x000f;
	out->is_truncated = (flags & 0x0200) != 0;
	out->is_ad = (flags & 0x0020) != 0;
	switch (out->rcode) {
	case 0:
		break;
	case 2:
		return DNS_SERVFAIL;
	case 3:
		return DNS_NXDOMAIN;
	case 5:
		return DNS_REFUSED;
	default:
		return DNS_RCODE;
	}
	ans = r;
	for (n = 0; n < an; n++) {
		if (rr_read(msg, len, &r, &rr, &out->why) < 0) {
			if (out->is_truncated) {
				break;	/* TC: use what arrived whole */
			}
			return DNS_MALFORMED;
		}
	}
	out->why = NULL;
	return collect(msg, len, ans, n, want, want_len, qtype, out);
}
