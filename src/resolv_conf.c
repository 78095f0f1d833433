/* SPDX-License-Identifier: MIT */
/*
 * resolv_conf: what resolv.c works from, read once per run: resolv.conf,
 * /etc/hosts, IP literals, and the order found addresses go out in.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ip.h"
#include "resolv.h"
#include "resolv_int.h"
#include "spec.h"

/* A literal's text: INET6_ADDRSTRLEN, '%' and an interface name. */
#define LITERAL_CAP (INET6_ADDRSTRLEN + 1 + IF_NAMESIZE)


static unsigned char
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* see resolv_int.h */
void
resolv_map_v4(const unsigned char *a4, uint16_t port,
    struct sockaddr_in6 *s6)
{
	memset(s6, 0, sizeof *s6);
	s6->sin6_family = AF_INET6;
	s6->sin6_port = htons(port);
	s6->sin6_addr.s6_addr[10] = 0xff;
	s6->sin6_addr.s6_addr[11] = 0xff;
	memcpy(&s6->sin6_addr.s6_addr[12], a4, 4);
}

/* see resolv_int.h */
int
resolv_literal(const char *s, size_t len, bool allow_scope, uint16_t port,
    struct sockaddr_in6 *s6)
{
	char buf[LITERAL_CAP];
	unsigned char a[16];
	unsigned long idx = 0;
	const char *scope;

	if (len == 0 || len >= sizeof buf) {
		return 0;
	}
	memcpy(buf, s, len);
	buf[len] = '\0';
	switch (ip_parse(buf, len, a, &scope)) {
	case 4:
		resolv_map_v4(a, port, s6);
		return 4;
	case 16:
		break;
	default:
		return 0;
	}
	if (scope != NULL) {
		if (!allow_scope) {
			return 0;
		}
		if (spec_parse_ulong(scope, 1, UINT32_MAX, &idx) < 0) {
			idx = if_nametoindex(scope);
			if (idx == 0) {
				return 0;
			}
		}
	}
	memset(s6, 0, sizeof *s6);
	s6->sin6_family = AF_INET6;
	s6->sin6_port = htons(port);
	memcpy(&s6->sin6_addr, a, 16);
	s6->sin6_scope_id = (uint32_t)idx;
	return 6;
}

/* Option value after "name:" on a line, capped; junk leaves *v alone. */
static void
option(const char *line, const char *name, unsigned lo, unsigned cap,
    unsigned *v)
{
	char num[12];
	size_t name_len = strlen(name);
	const char *p = line;
	unsigned long n;
	size_t l;

	/* strchr, not strstr: musl's strstr is 1.3 KB for this alone. */
	while ((p = strchr(p, name[0])) != NULL &&
	    strncmp(p, name, name_len) != 0) {
		p++;
	}
	if (p == NULL) {
		return;
	}
	p += name_len;
	for (l = 0; p[l] >= '0' && p[l] <= '9' && l < sizeof num - 1; l++) {
		num[l] = p[l];
	}
	num[l] = '\0';
	/* Digits then a blank or the end, as musl reads it with strtoul. */
	if (p[l] != '\0' && !resolv_is_blank(p[l])) {
		return;
	}
	if (spec_parse_ulong(num, 0, 999999999, &n) < 0) {
		return;
	}
	*v = n < lo ? lo : n > cap ? cap : (unsigned)n;
}

/* "trust-ad" as a word of an options line (glibc 2.31). */
static void
trust_ad(const char *p, bool *v)
{
	static const char w[] = "trust-ad";
	size_t l;

	for (;;) {
		while (resolv_is_blank(*p)) {
			p++;
		}
		if (*p == '\0') {
			return;
		}
		for (l = 0; p[l] != '\0' && !resolv_is_blank(p[l]); l++) {
		}
		if (l == sizeof w - 1 && memcmp(p, w, l) == 0) {
			*v = true;
		}
		p += l;
	}
}

/* Does line start with keyword followed by a blank? */
static const char *
keyword(const char *line, const char *kw)
{
	size_t l = strlen(kw);

	if (strncmp(line, kw, l) != 0 || !resolv_is_blank(line[l])) {
		return NULL;
	}
	line += l;
	while (resolv_is_blank(*line)) {
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
		for (l = 0; p[l] != '\0' && !resolv_is_blank(p[l]); l++) {
		}
		if (c->n_ns < RESOLV_NS_MAX &&
		    resolv_literal(p, l, true, 53, &c->ns[c->n_ns]) != 0) {
			c->n_ns++;
		}
	} else if ((p = keyword(line, "options")) != NULL) {
		option(p, "ndots:", 0, RESOLV_NDOTS_MAX, &c->ndots);
		option(p, "timeout:", 1, RESOLV_TIMEOUT_MAX_S, &c->timeout_s);
		option(p, "attempts:", 1, RESOLV_ATTEMPTS_MAX, &c->attempts);
		trust_ad(p, &c->is_trust_ad);
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
		resolv_map_v4(lo, 53, &c->ns[0]);
		c->n_ns = 1;
	}
	c->family = AF_INET;
	for (i = 0; i < c->n_ns; i++) {
		if (!resolv_is_mapped(&c->ns[i])) {
			c->family = AF_INET6;
		}
	}
}

/*
 * Reads path whole into a buffer allocated here (cap bytes at most).
 * Returns it (*len set) or NULL: missing, unreadable or, with *is_big
 * set, larger than cap.  A failure that is not about the file (EMFILE,
 * ENOMEM) sets *sys, as musl's resolver fails the lookup on it.
 */
static char *
slurp(const char *path, size_t cap, size_t *len, bool *is_big, int *sys)
{
	struct stat st;
	char *buf;
	size_t got = 0;
	ssize_t n;
	int fd;

	*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno != ENOENT && errno != ENOTDIR &&
	    errno != EACCES) {
		*sys = errno;
	}
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
	if (buf == NULL) {
		*sys = ENOMEM;
	}
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
	int sys = 0;
	int s;

	text = slurp("/etc/resolv.conf", RESOLV_CONF_CAP, &len, &is_big,
	    &sys);
	resolv_conf_parse(c, text != NULL ? text : "", len);
	if (sys != 0) {
		c->load_what = "/etc/resolv.conf";
		c->load_errno = sys;
	}
	free(text);
	if (c->family == AF_INET6) {
		s = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (s >= 0) {
			close(s);
		} else if (errno != EAFNOSUPPORT && c->load_errno == 0) {
			c->load_what = "socket";	/* EMFILE, as musl */
			c->load_errno = errno;
		} else {
			/* No IPv6 here: keep the IPv4 servers, as musl. */
			c->family = AF_INET;
			for (i = n = 0; i < c->n_ns; i++) {
				if (resolv_is_mapped(&c->ns[i])) {
					c->ns[n++] = c->ns[i];
				}
			}
			c->n_ns = n;
		}
	}
	c->hosts = slurp("/etc/hosts", RESOLV_HOSTS_CAP, &c->hosts_len,
	    &c->is_hosts_too_big, &sys);
	if (sys != 0 && c->load_errno == 0) {
		c->load_what = "/etc/hosts";
		c->load_errno = sys;
	}
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

/* see resolv_int.h */
void
resolv_found_add(struct resolv_found *f, const struct sockaddr_in6 *s6)
{
	if (resolv_is_mapped(s6)) {
		if (f->n4 < NET_ADDRS_MAX) {
			memcpy(f->a4[f->n4++], &s6->sin6_addr.s6_addr[12], 4);
		}
	} else if (f->n6 < NET_ADDRS_MAX) {
		memcpy(f->a6[f->n6++], &s6->sin6_addr, 16);
	}
}

/* see resolv_int.h */
bool
resolv_token_is(const char *p, size_t l, const char *name, size_t nl)
{
	size_t i;

	if (l != nl) {
		return false;
	}
	for (i = 0; i < l; i++) {
		if (lower((unsigned char)p[i]) !=
		    lower((unsigned char)name[i])) {
			return false;
		}
	}
	return true;
}

/*
 * One hosts line [p, stop), comment cut: does it name name?  *canon is
 * set to the line's first name (the canonical one, as musl and glibc's
 * files backend give it), *canon_len to its length.
 */
static bool
hosts_line(const char *p, const char *stop, const char *name, size_t nl,
    struct resolv_found *f, const char **canon, size_t *canon_len)
{
	struct sockaddr_in6 s6;
	const char *addr;
	const char *t;
	size_t al;

	*canon = NULL;
	*canon_len = 0;

	while (p < stop && resolv_is_blank(*p)) {
		p++;
	}
	addr = p;
	while (p < stop && !resolv_is_blank(*p)) {
		p++;
	}
	al = (size_t)(p - addr);
	while (p < stop) {
		while (p < stop && resolv_is_blank(*p)) {
			p++;
		}
		t = p;
		while (p < stop && !resolv_is_blank(*p)) {
			p++;
		}
		if (*canon == NULL) {
			*canon = t;
			*canon_len = (size_t)(p - t);
		}
		if (p > t && resolv_token_is(t, (size_t)(p - t), name, nl)) {
			if (resolv_literal(addr, al, false, 0, &s6) == 0) {
				return false;	/* musl skips it too */
			}
			resolv_found_add(f, &s6);
			return true;
		}
	}
	return false;
}

/*
 * Every line naming name into f; the first one's canonical name into
 * canon/cap ("" when none; a name that does not fit is not copied).
 */
static bool
hosts_scan(const char *text, size_t len, const char *name,
    struct resolv_found *f, char *canon, size_t cap)
{
	size_t nl = strlen(name);
	const char *nul;
	const char *hash;
	const char *c;
	size_t cl;
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
		    name, nl, f, &c, &cl)) {
			if (!is_found && cl < cap) {
				memcpy(canon, c, cl);
				canon[cl] = '\0';
			}
			is_found = true;
		}
		i += l + 1;
	}
	return is_found;
}

/* see resolv.h */
bool
resolv_hosts_find(const char *text, size_t len, const char *name,
    struct resolv_found *f)
{
	return hosts_scan(text, len, name, f, NULL, 0);
}

/* see resolv.h */
bool
resolv_hosts_canon(const char *text, size_t len, const char *name,
    char *out, size_t cap)
{
	struct resolv_found f;

	memset(&f, 0, sizeof f);
	if (cap > 0) {
		out[0] = '\0';
	}
	return hosts_scan(text, len, name, &f, out, cap) && cap > 0 &&
	    out[0] != '\0';
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
