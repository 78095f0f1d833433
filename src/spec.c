/* SPDX-License-Identifier: MIT */
/*
 * spec: SPEC parsing, with the syntax of Go's ccheck (addr(name):port for
 * a name other than the address) so its users can switch unchanged.
 */
#include <stdbool.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "ip.h"
#include "spec.h"

/* see spec.h */
int
spec_parse_ulong(const char *s, unsigned long lo, unsigned long hi,
    unsigned long *out)
{
	unsigned long v = 0;

	if (*s == '\0') {
		return -1;
	}
	for (; *s != '\0'; s++) {
		unsigned long d = (unsigned long)(*s - '0');

		if (*s < '0' || *s > '9' || d > hi || v > (hi - d) / 10) {
			return -1;
		}
		v = v * 10 + d;
	}
	if (v < lo) {
		return -1;
	}
	*out = v;
	return 0;
}

/* see spec.h */
int
spec_tls_version_parse(const char *s, unsigned *out)
{
	static const char *const names[] = {
		"TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"
	};
	unsigned i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcasecmp(s, names[i]) == 0) {
			*out = 0x0301 + i;	/* wire numbers, in order */
			return 0;
		}
	}
	return -1;
}

/*
 * Copies len bytes of s into a host field; returns why it cannot be one,
 * else NULL.  Brackets and parentheses belong to the SPEC syntax, and a
 * ':' only to an IPv6 literal: what is left in a host could not be a
 * name, and must never reach DNS ("db:5432(x)" once did).
 */
static const char *
copy_host(char *dst, const char *s, size_t len)
{
	unsigned char ip[16];
	size_t i;

	if (len == 0) {
		return "empty host";
	}
	if (len >= SPEC_HOST_CAP) {
		return "host name too long";
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		/* Names and literals are printable; reject the rest early. */
		if (c <= 0x20 || c >= 0x7f || strchr("/@()[]", c) != NULL) {
			return "invalid character in host";
		}
	}
	if (memchr(s, ':', len) != NULL && ip_parse(s, len, ip, NULL) != 16) {
		return "':' in a host that is not an IPv6 address";
	}
	memcpy(dst, s, len);
	dst[len] = '\0';
	return NULL;
}

static const char *
parse_port(const char *s, const char *end, uint16_t *port)
{
	char digits[8];
	unsigned long v;

	if ((size_t)(end - s) >= sizeof digits) {
		return "invalid port";
	}
	memcpy(digits, s, (size_t)(end - s));
	digits[end - s] = '\0';
	if (spec_parse_ulong(digits, 1, 65535, &v) < 0) {
		return "invalid port";
	}
	*port = (uint16_t)v;
	return NULL;
}

/* First c in [s, end), or NULL. */
static const char *
find(const char *s, const char *end, char c)
{
	const char *p = memchr(s, c, (size_t)(end - s));

	return p;
}

static bool
is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/*
 * Whether text, which the network syntax read as net_ok (with has_port),
 * is the path of a file: the path exists, and a '/' says it is one, or
 * the text is no well-formed host:port SPEC.  So a file named
 * "db.example.com:5432" in the working directory never turns that SPEC
 * into an offline check; "./db.example.com:5432" reads it.
 */
static bool
is_file_spec(const char *text, const char *path, bool net_ok, bool has_port)
{
	return (strchr(text, '/') != NULL || !net_ok || !has_port) &&
	    is_file(path);
}

/*
 * "FILE(name)": a file SPEC with the host name to check.  Returns the
 * length of FILE, or 0 when text is no such SPEC.
 */
static size_t
file_with_name(const char *text, bool net_ok, bool has_port)
{
	char path[4096];
	const char *open = strrchr(text, '(');
	size_t len = strlen(text);

	if (open == NULL || open == text || text[len - 1] != ')' ||
	    (size_t)(open - text) >= sizeof path) {
		return 0;
	}
	memcpy(path, text, (size_t)(open - text));
	path[open - text] = '\0';
	return is_file_spec(text, path, net_ok, has_port) ?
	    (size_t)(open - text) : 0;
}

/*
 * "scheme://" sets the protocol and default port; returns where the host
 * starts, or NULL for an unknown scheme.
 */
static const char *
parse_scheme(const char *text, struct spec *sp)
{
	/* A scheme has no ':', so its "://" starts at the first ':'. */
	const char *sep = strchr(text, ':');
	const struct proto_info *pi;

	if (sep == NULL || strncmp(sep, "://", 3) != 0) {
		return text;
	}
	pi = proto_by_scheme(text, (size_t)(sep - text));
	if (pi == NULL) {
		return NULL;
	}
	sp->proto = pi->proto;
	sp->port = pi->port;
	return sep + 3;
}

/* ":port" at s, or nothing; sets sp->has_port. */
static const char *
parse_colon_port(const char *s, const char *end, struct spec *sp)
{
	if (s == end) {
		return NULL;
	}
	if (*s != ':') {
		return "unexpected text after host";
	}
	sp->has_port = true;
	return parse_port(s + 1, end, &sp->port);
}

/*
 * host, host:port, [v6], [v6]:port or a bare v6 (two ':' or more: no
 * port) in [s, end), into sp->addr and sp->port.
 */
static const char *
parse_host_port(const char *s, const char *end, struct spec *sp)
{
	const char *host_end;
	const char *rest;
	const char *why;

	if (s < end && *s == '[') {
		s++;
		host_end = find(s, end, ']');
		if (host_end == NULL) {
			return "missing ']' in IPv6 address";
		}
		rest = host_end + 1;
	} else {
		host_end = find(s, end, ':');
		if (host_end == NULL || find(host_end + 1, end, ':') != NULL) {
			host_end = end;
		}
		rest = host_end;
	}
	if ((why = copy_host(sp->addr, s, (size_t)(host_end - s))) != NULL) {
		return why;
	}
	return parse_colon_port(rest, end, sp);
}

/*
 * The network forms.  The server name goes in parentheses anywhere, as
 * Go ccheck's unfoldSpec reads it: "addr(name):port", "(name)addr:port"
 * or "addr:port(name)"; "()" names the address itself.
 */
static const char *
parse_net(const char *text, struct spec *sp)
{
	const char *host;
	const char *end;
	const char *open;
	const char *close;
	const char *why;

	host = parse_scheme(text, sp);
	if (host == NULL) {
		return "unknown scheme";
	}
	end = host + strlen(host);
	if (host != text && end > host && end[-1] == '/') {
		end--;			/* a URI may end in "/": no path */
	}
	open = find(host, end, '(');
	if (open == NULL) {
		why = parse_host_port(host, end, sp);
		close = NULL;
	} else if ((close = find(open, end, ')')) == NULL) {
		return "missing ')' after server name";
	} else if (open == host) {
		why = parse_host_port(close + 1, end, sp);
	} else if (close + 1 == end) {
		why = parse_host_port(host, open, sp);
	} else {
		/* In the middle: all before it is the host, a port after. */
		why = parse_host_port(host, open, sp);
		if (why == NULL && sp->has_port) {
			why = "unexpected text after host";
		}
		if (why == NULL) {
			why = parse_colon_port(close + 1, end, sp);
		}
	}
	if (why != NULL) {
		return why;
	}
	if (close == NULL || close == open + 1) {
		strcpy(sp->name, sp->addr);
		return NULL;
	}
	return copy_host(sp->name, open + 1, (size_t)(close - open - 1));
}

/* see spec.h */
const char *
spec_parse_net(const char *text, enum proto proto, struct spec *sp)
{
	memset(sp, 0, sizeof *sp);
	sp->text = text;
	sp->proto = proto;
	sp->port = proto_default_port(proto);
	sp->kind = SPEC_KIND_NET;
	return *text == '\0' ? "empty spec" : parse_net(text, sp);
}

/* see spec.h */
const char *
spec_parse(const char *text, enum proto proto, struct spec *sp)
{
	const char *why;
	bool has_port;
	size_t len = strlen(text);
	size_t path_len = len;

	memset(sp, 0, sizeof *sp);
	sp->text = text;
	sp->proto = proto;
	sp->port = proto_default_port(proto);
	if (len == 0) {
		return "empty spec";
	}
	sp->kind = SPEC_KIND_NET;
	why = parse_net(text, sp);
	has_port = sp->has_port;
	if (!is_file_spec(text, text, why == NULL, has_port) &&
	    (path_len = file_with_name(text, why == NULL, has_port)) == 0) {
		return why;
	}
	memset(sp, 0, sizeof *sp);
	sp->text = text;
	sp->proto = proto;
	sp->port = proto_default_port(proto);
	sp->kind = SPEC_KIND_FILE;
	sp->path_len = path_len;
	if (path_len == len) {
		return NULL;
	}
	return copy_host(sp->name, text + path_len + 1, len - path_len - 2);
}
