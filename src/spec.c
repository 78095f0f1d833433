/* SPDX-License-Identifier: MIT */
/*
 * spec: SPEC parsing, with the syntax of Go's ccheck (addr(name):port for
 * a name other than the address) so its users can switch unchanged.
 */
#include <stdbool.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

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

/* Copies len bytes of s into a host field; NULL when it does not fit. */
static const char *
copy_host(char *dst, const char *s, size_t len)
{
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
		if (c <= 0x20 || c >= 0x7f || c == '/' || c == '@') {
			return "invalid character in host";
		}
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
 * "FILE(name)": a file SPEC with the host name to check.  Sets sp->kind
 * to SPEC_KIND_FILE when text is one; returns why the name is bad, else
 * NULL (also when text is no such SPEC).
 */
static const char *
file_with_name(const char *text, struct spec *sp)
{
	char path[4096];
	const char *open = strrchr(text, '(');
	size_t len = strlen(text);
	const char *why;

	if (open == NULL || text[len - 1] != ')' ||
	    (size_t)(open - text) >= sizeof path) {
		return NULL;
	}
	memcpy(path, text, (size_t)(open - text));
	path[open - text] = '\0';
	if (!is_file(path)) {
		return NULL;
	}
	why = copy_host(sp->name, open + 1, (size_t)(text + len - 1 - open - 1));
	if (why != NULL) {
		return why;
	}
	sp->kind = SPEC_KIND_FILE;
	sp->path_len = (size_t)(open - text);
	return NULL;
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

/* see spec.h */
const char *
spec_parse(const char *text, enum proto proto, struct spec *sp)
{
	const char *host;
	const char *host_end;
	const char *end;
	const char *rest;
	const char *open;
	const char *why;

	memset(sp, 0, sizeof *sp);
	sp->text = text;
	sp->proto = proto;
	sp->port = proto_default_port(proto);
	if (*text == '\0') {
		return "empty spec";
	}
	if (is_file(text)) {
		sp->kind = SPEC_KIND_FILE;
		sp->path_len = strlen(text);
		return NULL;
	}
	if ((why = file_with_name(text, sp)) != NULL || sp->kind ==
	    SPEC_KIND_FILE) {
		return why;
	}
	sp->kind = SPEC_KIND_NET;
	host = parse_scheme(text, sp);
	if (host == NULL) {
		return "unknown scheme";
	}
	end = host + strlen(host);
	if (host != text && end > host && end[-1] == '/') {
		end--;			/* a URI may end in "/": no path */
	}

	if (*host == '[') {
		host++;
		host_end = find(host, end, ']');
		if (host_end == NULL) {
			return "missing ']' in IPv6 address";
		}
		rest = host_end + 1;
	} else {
		open = find(host, end, '(');
		host_end = open != NULL ? open : find(host, end, ':');
		if (open == NULL && host_end != NULL &&
		    find(host_end + 1, end, ':') != NULL) {
			/* Two colons or more: a bare IPv6 literal, no port. */
			host_end = end;
		}
		if (host_end == NULL) {
			host_end = end;
		}
		rest = host_end;
	}
	if ((why = copy_host(sp->addr, host, (size_t)(host_end - host)))) {
		return why;
	}
	strcpy(sp->name, sp->addr);

	if (rest < end && *rest == '(') {
		const char *close = find(rest, end, ')');

		if (close == NULL) {
			return "missing ')' after server name";
		}
		why = copy_host(sp->name, rest + 1, (size_t)(close - rest - 1));
		if (why != NULL) {
			return why;
		}
		rest = close + 1;
	}
	if (rest < end && *rest == ':') {
		return parse_port(rest + 1, end, &sp->port);
	}
	if (rest != end) {
		return "unexpected text after host";
	}
	return NULL;
}
