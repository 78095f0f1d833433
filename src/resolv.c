/* SPDX-License-Identifier: MIT */
/*
 * resolv: the per-target DNS lookup over one UDP socket, stepped by the
 * poll() loop.  Message bytes are dns.c's business, the configuration
 * resolv_conf.c's; this file decides whom to ask, when, and what an
 * answer means for the lookup.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fmt.h"
#include "ip.h"
#include "resolv.h"
#include "resolv_int.h"

/* Datagrams read per step: a flood of junk must not starve the loop. */
#define RECV_PER_STEP 32

/* "localhost" or a name under it, any case, a final '.' allowed. */
static enum resolv_status ask(struct resolv_query *q, int64_t now_ms,
    int *fd, struct result *res);

static bool
is_localhost(const char *name)
{
	static const char lh[] = "localhost";
	size_t nl = strlen(name);

	if (nl > 0 && name[nl - 1] == '.') {
		nl--;
	}
	if (nl < sizeof lh - 1 || !resolv_token_is(name + nl - (sizeof lh - 1),
	    sizeof lh - 1, lh, sizeof lh - 1)) {
		return false;
	}
	return nl == sizeof lh - 1 || name[nl - sizeof lh] == '.';
}

/* Fails the lookup: "NAME: reason", and what was ignored, if anything. */
static enum resolv_status __attribute__((format(printf, 3, 4)))
fail(const struct resolv_query *q, struct result *res, const char *fmt,
    ...)
{
	char why[RESULT_DETAIL_CAP];
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	if (q->n_ignored > 0) {
		result_fail(res, CK_E_RESOLVE, "%s: %s (ignored %u %s, "
		    "last: %s)", q->name, why, q->n_ignored,
		    q->n_ignored == 1 ? "reply" : "replies", q->ignored_why);
	} else {
		result_fail(res, CK_E_RESOLVE, "%s: %s", q->name, why);
	}
	return RESOLV_FAIL;
}

/* Server i's address as text, or "N name servers" when i is n_ns. */
static const char *
ns_text(const struct resolv_conf *c, size_t i, char *out, size_t cap)
{
	const struct sockaddr_in6 *s6;

	if (i >= c->n_ns) {
		fmt_snprintf(out, cap, "%zu name servers", c->n_ns);
		return out;
	}
	s6 = &c->ns[i];
	if (resolv_is_mapped(s6)) {
		ip_format(&s6->sin6_addr.s6_addr[12], 4, out, cap);
	} else {
		ip_format(s6->sin6_addr.s6_addr, 16, out, cap);
	}
	return out;
}

/* Server i in the socket's family, for sendto. */
static socklen_t
ns_sockaddr(const struct resolv_conf *c, size_t i,
    struct sockaddr_storage *ss)
{
	struct sockaddr_in s4;

	memset(ss, 0, sizeof *ss);
	if (c->family == AF_INET6) {
		memcpy(ss, &c->ns[i], sizeof c->ns[i]);
		return sizeof c->ns[i];
	}
	memset(&s4, 0, sizeof s4);
	s4.sin_family = AF_INET;
	s4.sin_port = c->ns[i].sin6_port;
	memcpy(&s4.sin_addr, &c->ns[i].sin6_addr.s6_addr[12], 4);
	memcpy(ss, &s4, sizeof s4);
	return sizeof s4;
}

/* Which server sent from: its index, or -1 (address or port differ). */
static int
ns_index(const struct resolv_conf *c, const struct sockaddr_storage *from)
{
	struct sockaddr_in6 s6;
	struct sockaddr_in s4;
	size_t i;

	if (from->ss_family == AF_INET) {
		memcpy(&s4, from, sizeof s4);
		resolv_map_v4((const unsigned char *)&s4.sin_addr,
		    ntohs(s4.sin_port), &s6);
	} else if (from->ss_family == AF_INET6) {
		memcpy(&s6, from, sizeof s6);
	} else {
		return -1;
	}
	for (i = 0; i < c->n_ns; i++) {
		if (s6.sin6_port == c->ns[i].sin6_port &&
		    memcmp(&s6.sin6_addr, &c->ns[i].sin6_addr, 16) == 0) {
			return (int)i;
		}
	}
	return -1;
}

static size_t
count_dots(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++) {
		n += *s == '.';
	}
	return n;
}

/*
 * Candidate idx into out (DNS_NAME_CAP): false when there is none; out
 * is "" for one that cannot be a name (too long).
 */
static bool
candidate(const struct resolv_query *q, unsigned idx, char *out)
{
	const char *name = q->name;
	const char *d = q->conf->search;
	size_t nl = strlen(name);
	size_t dl;
	unsigned k;
	unsigned n = 0;

	if (nl > 0 && name[nl - 1] == '.') {
		if (idx > 0) {
			return false;
		}
		memcpy(out, name, nl + 1);
		return true;
	}
	if (count_dots(name) >= q->conf->ndots) {
		if (idx == 0) {
			memcpy(out, name, nl + 1);
			return true;
		}
		k = idx - 1;
	} else {
		k = idx;
	}
	for (;;) {
		while (resolv_is_blank(*d)) {
			d++;
		}
		if (*d == '\0') {
			break;
		}
		for (dl = 0; d[dl] != '\0' && !resolv_is_blank(d[dl]); dl++) {
		}
		if (n++ == k) {
			if (nl + 1 + dl < DNS_NAME_CAP) {
				memcpy(out, name, nl);
				out[nl] = '.';
				memcpy(out + nl + 1, d, dl);
				out[nl + 1 + dl] = '\0';
			} else {
				out[0] = '\0';
			}
			return true;
		}
		d += dl;
	}
	/* Past the search list: the name as it is, when not tried first. */
	if (count_dots(name) < q->conf->ndots && k == n) {
		memcpy(out, name, nl + 1);
		return true;
	}
	return false;
}

/* Sends the queries not yet answered to every server not failed. */
static int
send_round(struct resolv_query *q, int fd, struct result *res)
{
	static const unsigned qtype[2] = { DNS_T_A, DNS_T_AAAA };
	const struct resolv_conf *c = q->conf;
	unsigned char msg[DNS_QUERY_CAP];
	struct sockaddr_storage ss;
	socklen_t sl;
	size_t len;
	size_t i;
	int sent = 0;
	int err = 0;
	int k;

	for (k = 0; k < 2; k++) {
		if (q->is_done[k]) {
			continue;
		}
		len = dns_query_build(msg, sizeof msg, q->id[k], q->qname,
		    q->tlsa != NULL ? DNS_T_TLSA : qtype[k]);
		if (q->tlsa != NULL) {
			len = dns_query_dnssec(msg, len, sizeof msg);
		}
		for (i = 0; i < c->n_ns; i++) {
			if (q->ns_failed[k] & (1u << i)) {
				continue;
			}
			sl = ns_sockaddr(c, i, &ss);
			if (sendto(fd, msg, len, MSG_NOSIGNAL,
			    (struct sockaddr *)&ss, sl) >= 0) {
				sent++;
			} else {
				err = errno;
			}
		}
	}
	if (sent == 0 && err != 0) {
		res->sys = err;
		(void)fail(q, res, "cannot send to the name server: %s",
		    strerror(err));
		return -1;
	}
	return 0;
}

/* Starts candidate q->cand, or the next valid one; fails after the last. */
static enum resolv_status
next_candidate(struct resolv_query *q, int fd, int64_t now_ms,
    struct result *res)
{
	unsigned char wire[DNS_WIRE_CAP];
	unsigned char ids[4];
	ssize_t n;

	for (;; q->cand++) {
		if (!candidate(q, q->cand, q->qname)) {
			if (!q->has_asked) {
				return fail(q, res, "not a valid DNS name");
			}
			return fail(q, res, q->has_nodata ?
			    "no A or AAAA record" :
			    "name does not exist (NXDOMAIN)");
		}
		if (q->qname[0] != '\0' && dns_name_wire(q->qname, wire) != 0) {
			q->has_asked = true;
			break;
		}
	}
	do {
		n = getrandom(ids, sizeof ids, 0);
	} while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof ids) {
		res->sys = n < 0 ? errno : EIO;
		return fail(q, res, "no random query id: %s",
		    strerror(res->sys));
	}
	q->id[0] = (uint16_t)(ids[0] << 8 | ids[1]);
	q->id[1] = (uint16_t)(ids[2] << 8 | ids[3]);
	if (q->id[1] == q->id[0]) {
		q->id[1] ^= 1;		/* each reply must name its query */
	}
	memset(q->is_done, 0, sizeof q->is_done);
	memset(q->is_failed, 0, sizeof q->is_failed);
	memset(q->ns_failed, 0, sizeof q->ns_failed);
	q->is_done[1] = q->tlsa != NULL;	/* one query: TLSA */
	q->cand_start_ms = now_ms;
	q->rounds = 1;
	q->wake_ms = now_ms + (int64_t)q->conf->timeout_s * 1000 /
	    q->conf->attempts;
	if (send_round(q, fd, res) < 0) {
		return RESOLV_FAIL;
	}
	return RESOLV_AGAIN;
}

/* Both queries of the candidate are settled: addresses, failure or on. */
static enum resolv_status
conclude(struct resolv_query *q, int fd, int64_t now_ms,
    struct net_addrs *out, struct result *res)
{
	char ns[IP_TEXT_CAP];
	const char *from;

	if (q->found.n4 + q->found.n6 > 0) {
		resolv_found_addrs(&q->found, q->port, out);
		return RESOLV_DONE;
	}
	if (q->is_failed[0] || q->is_failed[1]) {
		from = ns_text(q->conf, q->conf->n_ns > 1 ? q->conf->n_ns :
		    q->fail_ns, ns, sizeof ns);
		switch (q->fail_st) {
		case DNS_SERVFAIL:
			return fail(q, res, "name server failure (SERVFAIL "
			    "from %s)", from);
		case DNS_REFUSED:
			return fail(q, res, "query refused (REFUSED by %s)",
			    from);
		default:
			return fail(q, res, "name server error (rcode %u "
			    "from %s)", q->fail_rcode, from);
		}
	}
	q->cand++;
	return next_candidate(q, fd, now_ms, res);
}

static void
ignore(struct resolv_query *q, const char *why)
{
	q->n_ignored++;
	q->ignored_why = why;
}

/* Server i is on loopback: 127.0.0.0/8 or ::1. */
static bool
ns_is_loopback(const struct resolv_conf *c, size_t i)
{
	const struct sockaddr_in6 *s6 = &c->ns[i];

	if (resolv_is_mapped(s6)) {
		return s6->sin6_addr.s6_addr[12] == 127;
	}
	return IN6_IS_ADDR_LOOPBACK(&s6->sin6_addr);
}

/* A TLSA answer from server i (ANSWER or NXDOMAIN) into q->tlsa. */
static void
tlsa_answer(struct resolv_query *q, size_t i, enum dns_status st,
    const unsigned char *msg, const struct dns_answer *ans)
{
	struct dane_tlsa *t = q->tlsa;
	char ns[IP_TEXT_CAP];
	size_t j;

	ns_text(q->conf, i, ns, sizeof ns);
	if (st == DNS_NXDOMAIN) {
		t->lookup = DANE_L_NXDOMAIN;
		return;
	}
	if (ans->is_truncated) {
		/* Records may be missing: matching what came could say
		 * "no match" of a set that holds one. */
		t->lookup = DANE_L_FAILED;
		fmt_snprintf(t->why, sizeof t->why, "answer from %s "
		    "truncated (TC) at %d bytes; ccheck does not retry over "
		    "TCP", ns, DNS_EDNS_CAP);
		return;
	}
	for (j = 0; j < ans->n_rdata; j++) {
		if (dane_rec_parse(msg + ans->rdata[j].off, ans->rdata[j].len,
		    &t->rec[t->n]) == 0) {
			t->n++;
			dane_ta_keep(t, msg + ans->rdata[j].off,
			    ans->rdata[j].len);
		}
	}
	t->is_more = ans->n_more > 0;
	if (t->n == 0 && !t->is_more) {
		t->lookup = DANE_L_NODATA;
	} else if (!ans->is_ad) {
		t->lookup = DANE_L_UNVALIDATED;
		fmt_snprintf(t->why, sizeof t->why, "no AD bit from %s", ns);
	} else if (!q->conf->is_trust_ad && !ns_is_loopback(q->conf, i)) {
		/* glibc and Postfix: an AD bit from across the network
		 * proves nothing unless the path to it is trusted. */
		t->lookup = DANE_L_UNVALIDATED;
		fmt_snprintf(t->why, sizeof t->why, "AD bit from %s, not on "
		    "loopback, and no options trust-ad", ns);
	} else {
		t->lookup = DANE_L_VALIDATED;
	}
}

/* One datagram from from. */
static enum resolv_status
datagram(struct resolv_query *q, int fd, int64_t now_ms,
    const unsigned char *msg, size_t len,
    const struct sockaddr_storage *from, struct net_addrs *out,
    struct result *res)
{
	const struct resolv_conf *c = q->conf;
	char ns[IP_TEXT_CAP];
	struct dns_answer ans;
	struct sockaddr_in6 s6;
	enum dns_status st;
	unsigned id;
	size_t j;
	int i;
	int k;

	i = ns_index(c, from);
	if (i < 0) {
		ignore(q, "reply from an address not asked");
		return RESOLV_AGAIN;
	}
	if (len < 2) {
		ignore(q, "shorter than a header");
		return RESOLV_AGAIN;
	}
	id = (unsigned)msg[0] << 8 | msg[1];
	k = id == q->id[0] ? 0 : id == q->id[1] ? 1 : -1;
	if (k < 0) {
		ignore(q, "wrong id");
		return RESOLV_AGAIN;
	}
	if (q->is_done[k]) {
		return RESOLV_AGAIN;	/* another server's copy */
	}
	st = dns_answer_parse(msg, len, q->id[k], q->qname,
	    q->tlsa != NULL ? DNS_T_TLSA : k == 0 ? DNS_T_A : DNS_T_AAAA,
	    &ans);
	switch (st) {
	case DNS_IGNORE:
		ignore(q, ans.why);
		return RESOLV_AGAIN;
	case DNS_ANSWER:
	case DNS_NXDOMAIN:
		if (q->tlsa != NULL) {
			tlsa_answer(q, (size_t)i, st, msg, &ans);
			return RESOLV_DONE;
		}
		break;
	default:
		break;
	}
	switch (st) {
	case DNS_MALFORMED:
		return fail(q, res, "malformed answer from %s: %s",
		    ns_text(c, (size_t)i, ns, sizeof ns), ans.why);
	case DNS_ANSWER:
		for (j = 0; j < ans.n; j++) {
			if (k == 0) {
				resolv_map_v4(ans.addr[j], 0, &s6);
			} else {
				memset(&s6, 0, sizeof s6);
				memcpy(&s6.sin6_addr, ans.addr[j], 16);
			}
			resolv_found_add(&q->found, &s6);
		}
		q->has_nodata |= ans.n == 0;
		q->is_done[k] = true;
		break;
	case DNS_NXDOMAIN:
		q->is_done[k] = true;
		break;
	default:			/* SERVFAIL, REFUSED, another rcode */
		q->ns_failed[k] |= (unsigned char)(1u << i);
		q->fail_st = st;
		q->fail_rcode = ans.rcode;
		q->fail_ns = (size_t)i;
		if (q->ns_failed[k] == (1u << c->n_ns) - 1) {
			q->is_done[k] = true;
			q->is_failed[k] = true;
		}
		break;
	}
	if (q->is_done[0] && q->is_done[1]) {
		return conclude(q, fd, now_ms, out, res);
	}
	return RESOLV_AGAIN;
}

/* see resolv.h */
enum resolv_status
resolv_start(struct resolv_query *q, const struct resolv_conf *c,
    const char *name, uint16_t port, int64_t now_ms, int *fd,
    struct net_addrs *out, struct result *res)
{
	static const unsigned char lo4[4] = { 127, 0, 0, 1 };
	struct sockaddr_in6 s6;
	struct sockaddr_in s4;

	memset(q, 0, sizeof *q);
	q->conf = c;
	q->name = name;
	q->port = port;
	*fd = -1;
	out->n = 0;
	if (resolv_literal(name, strlen(name), true, port, &s6) != 0) {
		memset(&out->ss[0], 0, sizeof out->ss[0]);
		if (resolv_is_mapped(&s6)) {
			memset(&s4, 0, sizeof s4);
			s4.sin_family = AF_INET;
			s4.sin_port = htons(port);
			memcpy(&s4.sin_addr, &s6.sin6_addr.s6_addr[12], 4);
			memcpy(&out->ss[0], &s4, sizeof s4);
			out->len[0] = sizeof s4;
		} else {
			memcpy(&out->ss[0], &s6, sizeof s6);
			out->len[0] = sizeof s6;
		}
		out->n = 1;
		return RESOLV_DONE;
	}
	if (c->load_errno != 0) {
		return fail(q, res, "%s: %s", c->load_what,
		    strerror(c->load_errno));
	}
	if (c->is_hosts_too_big) {
		return fail(q, res, "/etc/hosts is larger than %d MiB",
		    RESOLV_HOSTS_CAP >> 20);
	}
	if (c->hosts != NULL &&
	    resolv_hosts_find(c->hosts, c->hosts_len, name, &q->found)) {
		resolv_found_addrs(&q->found, port, out);
		return RESOLV_DONE;
	}
	if (is_localhost(name)) {
		resolv_map_v4(lo4, 0, &s6);
		resolv_found_add(&q->found, &s6);
		memset(&s6, 0, sizeof s6);
		s6.sin6_addr = in6addr_loopback;
		resolv_found_add(&q->found, &s6);
		resolv_found_addrs(&q->found, port, out);
		return RESOLV_DONE;
	}
	return ask(q, now_ms, fd, res);
}

/* Opens the query's socket and asks for its first candidate. */
static enum resolv_status
ask(struct resolv_query *q, int64_t now_ms, int *fd, struct result *res)
{
	const struct resolv_conf *c = q->conf;
	enum resolv_status st;
	int zero = 0;
	int s;

	if (c->n_ns == 0) {
		return fail(q, res, "no usable name server");
	}
	s = socket(c->family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (s < 0) {
		res->sys = errno;
		return fail(q, res, "socket: %s", strerror(res->sys));
	}
	if (c->family == AF_INET6) {
		/* IPv4 servers are reached through v4-mapped addresses. */
		(void)setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, &zero,
		    sizeof zero);
	}
	st = next_candidate(q, s, now_ms, res);
	if (st != RESOLV_AGAIN) {
		close(s);
		return st;
	}
	*fd = s;
	return RESOLV_AGAIN;
}

/* see resolv.h */
enum resolv_status
resolv_tlsa_start(struct resolv_query *q, const struct resolv_conf *c,
    const char *host, uint16_t port, int64_t now_ms, int *fd,
    struct dane_tlsa *t, struct result *res)
{
	unsigned char a[16];
	size_t hl = strlen(host);

	memset(q, 0, sizeof *q);
	memset(t, 0, sizeof *t);
	q->conf = c;
	q->name = q->qname;
	q->port = port;
	q->tlsa = t;
	*fd = -1;
	if (hl == 0 || ip_parse(host, hl, a, NULL) != 0 || host[0] == '[') {
		t->lookup = DANE_L_NO_NAME;
		return RESOLV_DONE;
	}
	/* One absolute name: RFC 6698 3 names the TLSA of the host as
	 * the client was given it. */
	fmt_snprintf(q->tname, sizeof q->tname, "_%u._tcp.%s%s",
	    (unsigned)port, host, host[hl - 1] == '.' ? "" : ".");
	q->name = q->tname;
	return ask(q, now_ms, fd, res);
}

/* see resolv.h */
enum resolv_status
resolv_step(struct resolv_query *q, int fd, int64_t now_ms,
    bool is_readable, struct net_addrs *out, struct result *res)
{
	unsigned char buf[DNS_EDNS_CAP];
	struct sockaddr_storage from;
	socklen_t fl;
	enum resolv_status st;
	char ns[IP_TEXT_CAP];
	ssize_t n;
	unsigned i;

	for (i = 0; is_readable && i < RECV_PER_STEP; i++) {
		fl = sizeof from;
		memset(&from, 0, sizeof from);
		n = recvfrom(fd, buf, sizeof buf, 0, (struct sockaddr *)&from,
		    &fl);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0) {
			break;		/* EAGAIN: all read */
		}
		st = datagram(q, fd, now_ms, buf, (size_t)n, &from, out, res);
		if (st != RESOLV_AGAIN) {
			return st;
		}
	}
	if (now_ms < q->wake_ms) {
		return RESOLV_AGAIN;
	}
	if (q->rounds >= q->conf->attempts) {
		return fail(q, res, "no answer from %s within %u ms",
		    ns_text(q->conf, q->conf->n_ns > 1 ? q->conf->n_ns : 0,
		    ns, sizeof ns), q->conf->timeout_s * 1000);
	}
	q->rounds++;
	q->wake_ms = q->cand_start_ms + (int64_t)q->conf->timeout_s * 1000 *
	    q->rounds / q->conf->attempts;
	if (send_round(q, fd, res) < 0) {
		return RESOLV_FAIL;
	}
	return RESOLV_AGAIN;
}

/* see resolv.h */
int64_t
resolv_wake_ms(const struct resolv_query *q)
{
	return q->wake_ms;
}

/* see resolv.h */
void
resolv_timeout(const struct resolv_query *q, int64_t timeout_ms,
    struct result *res)
{
	if (q->n_ignored > 0) {
		result_fail(res, CK_E_TIMEOUT, "after %lld ms while resolving "
		    "%s (ignored %u %s, last: %s)", (long long)timeout_ms,
		    q->name, q->n_ignored, q->n_ignored == 1 ? "reply" :
		    "replies", q->ignored_why);
	} else {
		result_fail(res, CK_E_TIMEOUT, "after %lld ms while resolving "
		    "%s", (long long)timeout_ms, q->name);
	}
}
