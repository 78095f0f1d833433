/* SPDX-License-Identifier: MIT */
/*
 * resolv: resolv.conf and /etc/hosts, read once, and the per-target DNS
 * lookup over one UDP socket, stepped by the poll() loop.  Message bytes
 * are dns.c's business; this file decides whom to ask, when, and what an
 * answer means for the lookup.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "resolv.h"
#include "spec.h"

/* A literal's text: INET6_ADDRSTRLEN, '%' and an interface name. */
#define LITERAL_CAP (INET6_ADDRSTRLEN + 1 + IF_NAMESIZE)

/* Datagrams read per step: a flood of junk must not starve the loop. */
#define RECV_PER_STEP 32

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static unsigned char
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* v4 as v4-mapped IPv6: one form for servers of both families. */
static void
map_v4(const unsigned char *a4, uint16_t port, struct sockaddr_in6 *s6)
{
	memset(s6, 0, sizeof *s6);
	s6->sin6_family = AF_INET6;
	s6->sin6_port = htons(port);
	s6->sin6_addr.s6_addr[10] = 0xff;
	s6->sin6_addr.s6_addr[11] = 0xff;
	memcpy(&s6->sin6_addr.s6_addr[12], a4, 4);
}

/*
 * Parses an IP literal (len bytes of s) into *s6 (IPv4 mapped) with port.
 * A %scope is taken only when allow_scope.  Returns 4 or 6, 0 when it is
 * not a literal.
 */
static int
literal(const char *s, size_t len, bool allow_scope, uint16_t port,
    struct sockaddr_in6 *s6)
{
	char buf[LITERAL_CAP];
	unsigned char a[16];
	unsigned long idx = 0;
	char *pct;

	if (len == 0 || len >= sizeof buf) {
		return 0;
	}
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (inet_pton(AF_INET, buf, a) == 1) {
		map_v4(a, port, s6);
		return 4;
	}
	pct = strchr(buf, '%');
	if (pct != NULL) {
		if (!allow_scope) {
			return 0;
		}
		*pct++ = '\0';
		if (spec_parse_ulong(pct, 1, UINT32_MAX, &idx) < 0) {
			idx = if_nametoindex(pct);
			if (idx == 0) {
				return 0;
			}
		}
	}
	if (inet_pton(AF_INET6, buf, a) != 1) {
		return 0;
	}
	memset(s6, 0, sizeof *s6);
	s6->sin6_family = AF_INET6;
	s6->sin6_port = htons(port);
	memcpy(&s6->sin6_addr, a, 16);
	s6->sin6_scope_id = (uint32_t)idx;
	return 6;
}

static bool
is_mapped(const struct sockaddr_in6 *s6)
{
	return IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr);
}

/* Option value after "name:" on a line, capped; junk leaves *v alone. */
static void
option(const char *line, const char *name, unsigned lo, unsigned cap,
    unsigned *v)
{
	char num[12];
	const char *p = strstr(line, name);
	unsigned long n;
	size_t l;

	if (p == NULL) {
		return;
	}
	p += strlen(name);
	for (l = 0; p[l] >= '0' && p[l] <= '9' && l < sizeof num - 1; l++) {
		num[l] = p[l];
	}
	num[l] = '\0';
	/* Digits then a blank or the end, as musl reads it with strtoul. */
	if (p[l] != '\0' && !is_blank(p[l])) {
		return;
	}
	if (spec_parse_ulong(num, 0, 999999999, &n) < 0) {
		return;
	}
	*v = n < lo ? lo : n > cap ? cap : (unsigned)n;
}

/* Does line start with keyword followed by a blank? */
static const char *
keyword(const char *line, const char *kw)
{
	size_t l = strlen(kw);

	if (strncmp(line, kw, l) != 0 || !is_blank(line[l])) {
		return NULL;
	}
	line += l;
	while (is_blank(*line)) {
		line++;
	}
	return line;
}

/* One line of resolv.conf, NUL-terminated, no newline. */
static void
conf_line(struct resolv_conf *c, char *line)
{
	const char *p;
	size_t l;

	if ((p = keyword(line, "nameserver")) != NULL) {
		for (l = 0; p[l] != '\0' && !is_blank(p[l]); l++) {
		}
		if (c->n_ns < RESOLV_NS_MAX &&
		    literal(p, l, true, 53, &c->ns[c->n_ns]) != 0) {
			c->n_ns++;
		}
	} else if ((p = keyword(line, "options")) != NULL) {
		option(p, "ndots:", 0, RESOLV_NDOTS_MAX, &c->ndots);
		option(p, "timeout:", 1, RESOLV_TIMEOUT_MAX_S, &c->timeout_s);
		option(p, "attempts:", 1, RESOLV_ATTEMPTS_MAX, &c->attempts);
	} else if ((p = keyword(line, "search")) != NULL ||
	    (p = keyword(line, "domain")) != NULL) {
		l = strlen(p);
		if (l < sizeof c->search) {
			memcpy(c->search, p, l + 1);
		}
	}
}

/* see resolv.h */
void
resolv_conf_parse(struct resolv_conf *c, const char *text, size_t len)
{
	static const unsigned char lo[4] = { 127, 0, 0, 1 };
	char line[RESOLV_SEARCH_CAP + 16];
	size_t i = 0;
	size_t l;
	size_t k;

	memset(c, 0, sizeof *c);
	c->ndots = RESOLV_NDOTS_DEFAULT;
	c->timeout_s = RESOLV_TIMEOUT_DEFAULT_S;
	c->attempts = RESOLV_ATTEMPTS_DEFAULT;
	while (i < len) {
		for (l = 0; i + l < len && text[i + l] != '\n'; l++) {
		}
		/* An overlong line is skipped whole, as musl skips it. */
		if (l < sizeof line) {
			memcpy(line, text + i, l);
			line[l] = '\0';
			for (k = 0; k < l; k++) {
				if (line[k] == '\0') {
					break;
				}
			}
			if (k == l) {
				conf_line(c, line);
			}
		}
		i += l + 1;
	}
	if (c->n_ns == 0) {
		map_v4(lo, 53, &c->ns[0]);
		c->n_ns = 1;
	}
	c->family = AF_INET;
	for (i = 0; i < c->n_ns; i++) {
		if (!is_mapped(&c->ns[i])) {
			c->family = AF_INET6;
		}
	}
}

/*
 * Reads path whole into a buffer allocated here (cap bytes at most).
 * Returns it (*len set) or NULL: missing, unreadable or, with *is_big
 * set, larger than cap.
 */
static char *
slurp(const char *path, size_t cap, size_t *len, bool *is_big)
{
	struct stat st;
	char *buf;
	size_t got = 0;
	ssize_t n;
	int fd;

	*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		return NULL;
	}
	if (fstat(fd, &st) < 0 || st.st_size < 0) {
		close(fd);
		return NULL;
	}
	if ((uint64_t)st.st_size > cap) {
		*is_big = true;
		close(fd);
		return NULL;
	}
	buf = malloc((size_t)st.st_size + 1);
	while (buf != NULL && got < (size_t)st.st_size) {
		n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n <= 0) {
			break;		/* shrank while read: keep what came */
		}
		got += (size_t)n;
	}
	close(fd);
	*len = got;
	return buf;
}

/* see resolv.h */
void
resolv_conf_load(struct resolv_conf *c)
{
	char *text;
	size_t len;
	size_t i;
	size_t n;
	bool is_big = false;
	int s;

	text = slurp("/etc/resolv.conf", RESOLV_CONF_CAP, &len, &is_big);
	resolv_conf_parse(c, text != NULL ? text : "", len);
	free(text);
	if (c->family == AF_INET6) {
		s = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (s >= 0) {
			close(s);
		} else {
			/* No IPv6 here: keep the IPv4 servers, as musl. */
			c->family = AF_INET;
			for (i = n = 0; i < c->n_ns; i++) {
				if (is_mapped(&c->ns[i])) {
					c->ns[n++] = c->ns[i];
				}
			}
			c->n_ns = n;
		}
	}
	c->hosts = slurp("/etc/hosts", RESOLV_HOSTS_CAP, &c->hosts_len,
	    &c->is_hosts_too_big);
}

/* see resolv.h */
void
resolv_conf_free(struct resolv_conf *c)
{
	if (c != NULL) {
		free(c->hosts);
		c->hosts = NULL;
		c->hosts_len = 0;
	}
}

static void
found_add(struct resolv_found *f, const struct sockaddr_in6 *s6)
{
	if (is_mapped(s6)) {
		if (f->n4 < NET_ADDRS_MAX) {
			memcpy(f->a4[f->n4++], &s6->sin6_addr.s6_addr[12], 4);
		}
	} else if (f->n6 < NET_ADDRS_MAX) {
		memcpy(f->a6[f->n6++], &s6->sin6_addr, 16);
	}
}

/* Token [p, p+l) equals name (nl bytes) but for ASCII case? */
static bool
token_is(const char *p, size_t l, const char *name, size_t nl)
{
	size_t i;

	if (l != nl) {
		return false;
	}
	for (i = 0; i < l; i++) {
		if (lower((unsigned char)p[i]) != lower((unsigned char)name[i])) {
			return false;
		}
	}
	return true;
}

/* One hosts line [p, stop), comment cut: does it name name? */
static bool
hosts_line(const char *p, const char *stop, const char *name, size_t nl,
    struct resolv_found *f)
{
	struct sockaddr_in6 s6;
	const char *addr;
	const char *t;
	size_t al;

	while (p < stop && is_blank(*p)) {
		p++;
	}
	addr = p;
	while (p < stop && !is_blank(*p)) {
		p++;
	}
	al = (size_t)(p - addr);
	while (p < stop) {
		while (p < stop && is_blank(*p)) {
			p++;
		}
		t = p;
		while (p < stop && !is_blank(*p)) {
			p++;
		}
		if (p > t && token_is(t, (size_t)(p - t), name, nl)) {
			if (literal(addr, al, false, 0, &s6) == 0) {
				return false;	/* musl skips it too */
			}
			found_add(f, &s6);
			return true;
		}
	}
	return false;
}

/* see resolv.h */
bool
resolv_hosts_find(const char *text, size_t len, const char *name,
    struct resolv_found *f)
{
	size_t nl = strlen(name);
	const char *nul;
	const char *hash;
	size_t i = 0;
	size_t l;
	bool is_found = false;

	if (nl > 1 && name[nl - 1] == '.') {
		nl--;
	}
	while (i < len) {
		nul = memchr(text + i, '\n', len - i);
		l = nul != NULL ? (size_t)(nul - (text + i)) : len - i;
		hash = memchr(text + i, '#', l);
		if (hosts_line(text + i, hash != NULL ? hash : text + i + l,
		    name, nl, f)) {
			is_found = true;
		}
		i += l + 1;
	}
	return is_found;
}

/* see resolv.h */
void
resolv_found_addrs(const struct resolv_found *f, uint16_t port,
    struct net_addrs *out)
{
	size_t keep6 = f->n6 < NET_ADDRS_MAX / 2 ? f->n6 : NET_ADDRS_MAX / 2;
	size_t k4 = f->n4 < NET_ADDRS_MAX - keep6 ? f->n4 :
	    NET_ADDRS_MAX - keep6;
	size_t k6 = f->n6 < NET_ADDRS_MAX - k4 ? f->n6 : NET_ADDRS_MAX - k4;
	struct sockaddr_in s4;
	struct sockaddr_in6 s6;
	size_t i;

	out->n = 0;
	for (i = 0; i < k4; i++) {
		memset(&s4, 0, sizeof s4);
		s4.sin_family = AF_INET;
		s4.sin_port = htons(port);
		memcpy(&s4.sin_addr, f->a4[i], 4);
		memset(&out->ss[out->n], 0, sizeof out->ss[0]);
		memcpy(&out->ss[out->n], &s4, sizeof s4);
		out->len[out->n++] = sizeof s4;
	}
	for (i = 0; i < k6; i++) {
		memset(&s6, 0, sizeof s6);
		s6.sin6_family = AF_INET6;
		s6.sin6_port = htons(port);
		memcpy(&s6.sin6_addr, f->a6[i], 16);
		memset(&out->ss[out->n], 0, sizeof out->ss[0]);
		memcpy(&out->ss[out->n], &s6, sizeof s6);
		out->len[out->n++] = sizeof s6;
	}
}

/* "localhost" or a name under it, any case, a final '.' allowed. */
static bool
is_localhost(const char *name)
{
	static const char lh[] = "localhost";
	size_t nl = strlen(name);

	if (nl > 0 && name[nl - 1] == '.') {
		nl--;
	}
	if (nl < sizeof lh - 1 || !token_is(name + nl - (sizeof lh - 1),
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
	vsnprintf(why, sizeof why, fmt, ap);
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
		snprintf(out, cap, "%zu name servers", c->n_ns);
		return out;
	}
	s6 = &c->ns[i];
	if (is_mapped(s6)) {
		inet_ntop(AF_INET, &s6->sin6_addr.s6_addr[12], out,
		    (socklen_t)cap);
	} else {
		inet_ntop(AF_INET6, &s6->sin6_addr, out, (socklen_t)cap);
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
		map_v4((const unsigned char *)&s4.sin_addr, ntohs(s4.sin_port),
		    &s6);
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
		while (is_blank(*d)) {
			d++;
		}
		if (*d == '\0') {
			break;
		}
		for (dl = 0; d[dl] != '\0' && !is_blank(d[dl]); dl++) {
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
		    qtype[k]);
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
	char ns[INET6_ADDRSTRLEN];
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

/* One datagram from from. */
static enum resolv_status
datagram(struct resolv_query *q, int fd, int64_t now_ms,
    const unsigned char *msg, size_t len,
    const struct sockaddr_storage *from, struct net_addrs *out,
    struct result *res)
{
	const struct resolv_conf *c = q->conf;
	char ns[INET6_ADDRSTRLEN];
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
	    k == 0 ? DNS_T_A : DNS_T_AAAA, &ans);
	switch (st) {
	case DNS_IGNORE:
		ignore(q, ans.why);
		return RESOLV_AGAIN;
	case DNS_MALFORMED:
		return fail(q, res, "malformed answer from %s: %s",
		    ns_text(c, (size_t)i, ns, sizeof ns), ans.why);
	case DNS_ANSWER:
		for (j = 0; j < ans.n; j++) {
			if (k == 0) {
				map_v4(ans.addr[j], 0, &s6);
			} else {
				memset(&s6, 0, sizeof s6);
				memcpy(&s6.sin6_addr, ans.addr[j], 16);
			}
			found_add(&q->found, &s6);
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
	enum resolv_status st;
	int zero = 0;
	int s;

	memset(q, 0, sizeof *q);
	q->conf = c;
	q->name = name;
	q->port = port;
	*fd = -1;
	out->n = 0;
	if (literal(name, strlen(name), true, port, &s6) != 0) {
		memset(&out->ss[0], 0, sizeof out->ss[0]);
		if (is_mapped(&s6)) {
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
		map_v4(lo4, 0, &s6);
		found_add(&q->found, &s6);
		memset(&s6, 0, sizeof s6);
		s6.sin6_addr = in6addr_loopback;
		found_add(&q->found, &s6);
		resolv_found_addrs(&q->found, port, out);
		return RESOLV_DONE;
	}
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
resolv_step(struct resolv_query *q, int fd, int64_t now_ms,
    bool is_readable, struct net_addrs *out, struct result *res)
{
	unsigned char buf[DNS_UDP_CAP];
	struct sockaddr_storage from;
	socklen_t fl;
	enum resolv_status st;
	char ns[INET6_ADDRSTRLEN];
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
