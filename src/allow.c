/* SPDX-License-Identifier: MIT */
/*
 * allow: parsing and matching --allow entries.  Name patterns are
 * compared label by label from the right, so a pattern can only ever
 * match whole labels; addresses as bytes under a prefix mask, after
 * IPv4-mapped IPv6 became IPv4 on both sides (Linux connects
 * ::ffff:10.0.0.1 to 10.0.0.1 over a dual-stack socket).
 */
#include <string.h>

#include "allow.h"
#include "ip.h"
#include "spec.h"

/* RFC 1035 2.3.4: 253 characters of name, 63 of label. */
#define NAME_MAX_LEN 253
#define LABEL_MAX_LEN 63

static const unsigned char mapped[12] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
};

/* see allow.h */
void
allow_init(struct allow_list *l)
{
	l->n = 0;
	l->text_used = 0;
}

static int
lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static bool
is_label_char(int c)
{
	c = lc(c);
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
	    c == '_';
}

/* ::ffff:a.b.c.d becomes a.b.c.d; *prefix follows when not NULL. */
static int
unmap(unsigned char a[16], int alen, unsigned *prefix)
{
	if (alen != 16 || memcmp(a, mapped, 12) != 0 ||
	    (prefix != NULL && *prefix < 96)) {
		return alen;
	}
	memmove(a, a + 12, 4);
	if (prefix != NULL) {
		*prefix -= 96;
	}
	return 4;
}

/* "*" or 1-65535; 0 for "*". */
static const char *
parse_port(const char *s, uint16_t *port)
{
	unsigned long v;

	if (strcmp(s, "*") == 0) {
		*port = 0;
		return NULL;
	}
	if (spec_parse_ulong(s, 1, 65535, &v) < 0) {
		return "port must be 1-65535 or *";
	}
	*port = (uint16_t)v;
	return NULL;
}

/* After an address: "[/LEN][:PORT]". */
static const char *
parse_net_rest(const char *rest, struct allow_entry *e)
{
	unsigned long v;
	char num[4];
	size_t n;
	size_t i;
	unsigned bits;

	bits = e->alen * 8u;
	if (*rest == '/') {
		n = strspn(rest + 1, "0123456789");
		if (n == 0 || n >= sizeof num) {
			return "bad prefix length";
		}
		memcpy(num, rest + 1, n);
		num[n] = '\0';
		if (spec_parse_ulong(num, 0, bits, &v) < 0) {
			return "prefix length too long for the address";
		}
		bits = (unsigned)v;
		rest += 1 + n;
	}
	/* Host bits set is most likely a typo for another network. */
	for (i = bits; i < e->alen * 8u; i++) {
		if (e->addr[i / 8] & (0x80 >> (i % 8))) {
			return "address has bits set past the prefix length";
		}
	}
	e->alen = (uint8_t)unmap(e->addr, e->alen, &bits);
	e->prefix = (uint8_t)bits;
	e->is_net = true;
	if (*rest == ':') {
		return parse_port(rest + 1, &e->port);
	}
	return *rest == '\0' ? NULL : "junk after the address";
}

/*
 * Checks a name pattern (is_pattern: '*' labels allowed) or a host name:
 * labels of 1-63 label characters, 253 in all, the last not numeric.
 * Returns NULL and sets *len to the length without one trailing dot,
 * or the reason.
 */
static const char *
check_name(const char *s, size_t *len, bool is_pattern)
{
	size_t n = *len;
	size_t i;
	size_t start = 0;
	bool is_digits = true;

	if (n > 0 && s[n - 1] == '.') {
		n--;
	}
	if (n == 0 || n > NAME_MAX_LEN) {
		return "bad host name";
	}
	for (i = 0; i <= n; i++) {
		if (i < n && s[i] != '.') {
			if (!is_label_char(s[i]) && !(is_pattern &&
			    s[i] == '*')) {
				return "bad host name";
			}
			is_digits = is_digits && s[i] >= '0' && s[i] <= '9';
			continue;
		}
		if (i == start || i - start > LABEL_MAX_LEN) {
			return "bad host name";
		}
		/* '*' alone, or "**" as the first label; never a part. */
		if (memchr(s + start, '*', i - start) != NULL &&
		    i - start != 1 && !(i == 2 && s[0] == '*' &&
		    s[1] == '*')) {
			return "* must be a whole label (or ** the first)";
		}
		if (i == n && is_digits) {
			return "a name cannot end in a numeric label; "
			    "write an address or a CIDR";
		}
		start = i + 1;
		is_digits = true;
	}
	*len = n;
	return NULL;
}

static const char *
add_name(struct allow_list *l, const char *s, size_t n, struct allow_entry *e)
{
	const char *why = check_name(s, &n, true);
	size_t i;

	if (why != NULL) {
		return why;
	}
	if (n + 1 > sizeof l->text - l->text_used) {
		return "too many --allow names";
	}
	e->off = (uint16_t)l->text_used;
	for (i = 0; i < n; i++) {
		l->text[l->text_used++] = (char)lc((unsigned char)s[i]);
	}
	l->text[l->text_used++] = '\0';
	return NULL;
}

/* see allow.h */
const char *
allow_add(struct allow_list *l, const char *s)
{
	struct allow_entry e;
	size_t len = strlen(s);
	const char *end;
	const char *colon;
	const char *why;
	size_t used = l->text_used;
	int alen;

	memset(&e, 0, sizeof e);
	if (l->n >= ALLOW_MAX) {
		return "too many --allow entries";
	}
	if (len == 0 || len > NAME_MAX_LEN + 7) {
		return "bad --allow entry";
	}
	if (s[0] == '[') {
		end = strchr(s, ']');
		if (end == NULL || (alen = ip_parse(s + 1, (size_t)(end - s -
		    1), e.addr, NULL)) != 16) {
			return "bad IPv6 address in brackets";
		}
		e.alen = 16;
		why = parse_net_rest(end + 1, &e);
	} else if ((end = strchr(s, '/')) != NULL) {
		alen = ip_parse(s, (size_t)(end - s), e.addr, NULL);
		if (alen == 0) {
			return "bad address before the prefix length";
		}
		e.alen = (uint8_t)alen;
		why = parse_net_rest(end, &e);
	} else if ((alen = ip_parse(s, len, e.addr, NULL)) != 0) {
		e.alen = (uint8_t)alen;
		why = parse_net_rest(s + len, &e);
	} else {
		colon = strrchr(s, ':');
		if (colon != NULL && strchr(s, ':') != colon) {
			return "an IPv6 address with a port needs brackets";
		}
		if (colon == NULL) {
			colon = s + len;
		}
		alen = ip_parse(s, (size_t)(colon - s), e.addr, NULL);
		if (alen != 0) {
			e.alen = (uint8_t)alen;
			why = parse_net_rest(colon, &e);
		} else {
			why = add_name(l, s, (size_t)(colon - s), &e);
			if (why == NULL && *colon == ':') {
				why = parse_port(colon + 1, &e.port);
			}
		}
	}
	/* A scoped address (fe80::1%eth0) names an interface, not a net. */
	if (why == NULL && e.is_net && strchr(s, '%') != NULL) {
		why = "no interface scope in --allow";
	}
	if (why != NULL) {
		l->text_used = used;
		return why;
	}
	l->e[l->n++] = e;
	return NULL;
}

static bool
net_match(const struct allow_entry *e, const unsigned char *a, int alen)
{
	unsigned full = e->prefix / 8u;
	unsigned rest = e->prefix % 8u;
	unsigned char mask;

	if (alen != e->alen || memcmp(a, e->addr, full) != 0) {
		return false;
	}
	if (rest == 0) {
		return true;
	}
	mask = (unsigned char)(0xff << (8 - rest));
	return (a[full] & mask) == e->addr[full];
}

/*
 * The last label of s[0..*n): returns its start and sets *llen; *n
 * becomes the length of what is left before its dot, *is_left whether
 * anything is.
 */
static const char *
last_label(const char *s, size_t *n, size_t *llen, bool *is_left)
{
	size_t i = *n;

	while (i > 0 && s[i - 1] != '.') {
		i--;
	}
	*llen = *n - i;
	*is_left = i > 0;
	*n = i > 0 ? i - 1 : 0;
	return s + i;
}

/* Pattern p (checked, lower case) against host h[0..hn) (checked). */
static bool
name_match(const char *p, const char *h, size_t hn)
{
	size_t pn = strlen(p);
	const char *pl;
	const char *hl;
	size_t pll;
	size_t hll;
	size_t i;
	bool is_p_left = true;
	bool is_h_left = true;

	while (is_p_left) {
		pl = last_label(p, &pn, &pll, &is_p_left);
		if (!is_p_left && pll == 2 && pl[0] == '*' && pl[1] == '*') {
			return is_h_left;	/* one host label or more */
		}
		if (!is_h_left) {
			return false;
		}
		hl = last_label(h, &hn, &hll, &is_h_left);
		if (pll == 1 && pl[0] == '*') {
			continue;		/* exactly this one label */
		}
		if (pll != hll) {
			return false;
		}
		for (i = 0; i < pll; i++) {
			if (pl[i] != lc((unsigned char)hl[i])) {
				return false;
			}
		}
	}
	return !is_h_left;
}

/* see allow.h */
bool
allow_match(const struct allow_list *l, const char *host, uint16_t port)
{
	unsigned char a[16];
	size_t hn = strlen(host);
	size_t i;
	int alen;
	bool is_name;

	if (hn == 0 || port == 0) {
		return false;
	}
	alen = ip_parse(host, hn, a, NULL);
	if (alen != 0) {
		alen = unmap(a, alen, NULL);
		is_name = false;
	} else {
		if (check_name(host, &hn, false) != NULL) {
			return false;
		}
		is_name = true;
	}
	for (i = 0; i < l->n; i++) {
		const struct allow_entry *e = &l->e[i];

		if (e->port != 0 && e->port != port) {
			continue;
		}
		if (is_name ? !e->is_net && name_match(l->text + e->off,
		    host, hn) : e->is_net && net_match(e, a, alen)) {
			return true;
		}
	}
	return false;
}

/* see allow.h */
bool
allow_spec(const struct allow_list *l, const struct spec *sp)
{
	return sp->kind == SPEC_KIND_NET && allow_match(l, sp->addr,
	    sp->port);
}
