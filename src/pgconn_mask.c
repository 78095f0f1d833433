/* SPDX-License-Identifier: MIT */
/*
 * pgconn_mask: connection strings as reports show them, with every
 * password replaced.  Split from pgconn.c (the parser); both read the
 * same syntax through pgconn_int.h.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "pgconn.h"
#include "pgconn_int.h"

/* Keywords whose values pgconn_mask hides. */
static const char *const kw_secret[] = {
	"password", "sslpassword", "oauth_client_secret"
};

static bool
is_secret(const char *k, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof kw_secret / sizeof kw_secret[0]; i++) {
		if (strlen(kw_secret[i]) == len &&
		    memcmp(kw_secret[i], k, len) == 0) {
			return true;
		}
	}
	return false;
}

/* A URI query key, decoded leniently (bad escapes kept as they are),
 * compared with the secret keywords: "pass%77ord" is still a password. */
static bool
is_secret_encoded(const char *k, size_t len)
{
	char buf[32];
	size_t i;
	size_t o = 0;

	for (i = 0; i < len && o < sizeof buf; i++) {
		if (k[i] == '%' && i + 2 < len && pgconn_hexval(k[i + 1]) >= 0 &&
		    pgconn_hexval(k[i + 2]) >= 0) {
			buf[o++] = (char)(pgconn_hexval(k[i + 1]) * 16 +
			    pgconn_hexval(k[i + 2]));
			i += 2;
		} else {
			buf[o++] = k[i];
		}
	}
	return i == len && is_secret(buf, o);
}

struct mask {
	char *out;
	size_t len;
};

static void
put(struct mask *m, const char *s, size_t len)
{
	memcpy(m->out + m->len, s, len);
	m->len += len;
}

static const char masked[] = "xxxxx";

/* see pgconn.h */
char *
pgconn_mask(const char *text)
{
	size_t len = strlen(text);
	size_t prefix = pgconn_uri_prefix_len(text);
	const char *p = text;
	struct mask m;

	/*
	 * Each hidden value becomes 5 bytes; it was introduced by at least
	 * one byte of its own ("=" or ":"), so twice the text plus 5 is
	 * always enough.
	 */
	m.out = malloc(2 * len + sizeof masked);
	m.len = 0;
	if (m.out == NULL) {
		return NULL;
	}
	if (prefix > 0) {
		const char *start = text + prefix;
		const char *q;

		p = start;
		while (*p != '\0' && *p != '@' && *p != '/') {
			p++;
		}
		put(&m, text, (size_t)(start - text));
		if (*p == '@') {
			const char *colon = memchr(start, ':',
			    (size_t)(p - start));

			if (colon != NULL) {
				put(&m, start, (size_t)(colon + 1 - start));
				put(&m, masked, sizeof masked - 1);
				start = p;
			}
		}
		q = strchr(start, '?');
		if (q == NULL) {
			put(&m, start, strlen(start));
			m.out[m.len] = '\0';
			return m.out;
		}
		put(&m, start, (size_t)(q + 1 - start));
		p = q + 1;
		while (*p != '\0') {
			const char *param = p;
			const char *eq;

			while (*p != '\0' && *p != '&') {
				p++;
			}
			eq = memchr(param, '=', (size_t)(p - param));
			if (eq != NULL && is_secret_encoded(param,
			    (size_t)(eq - param))) {
				put(&m, param, (size_t)(eq + 1 - param));
				put(&m, masked, sizeof masked - 1);
			} else {
				put(&m, param, (size_t)(p - param));
			}
			if (*p == '&') {
				put(&m, "&", 1);
				p++;
			}
		}
		m.out[m.len] = '\0';
		return m.out;
	}
	/* keyword/value: the tokens of parse_kv, copied but for secrets. */
	while (*p != '\0') {
		const char *k;
		size_t klen;
		const char *v;
		bool secret;

		if (pgconn_is_space(*p)) {
			put(&m, p++, 1);
			continue;
		}
		k = p;
		while (*p != '\0' && *p != '=' && !pgconn_is_space(*p)) {
			p++;
		}
		klen = (size_t)(p - k);
		while (pgconn_is_space(*p)) {
			p++;
		}
		if (*p != '=') {
			put(&m, k, (size_t)(p - k));
			continue;
		}
		p++;
		while (pgconn_is_space(*p)) {
			p++;
		}
		secret = is_secret(k, klen);
		put(&m, k, (size_t)(p - k));
		v = p;
		if (*p == '\'') {
			for (p++; *p != '\0' && *p != '\''; p++) {
				if (*p == '\\' && p[1] != '\0') {
					p++;
				}
			}
			if (*p == '\'') {
				p++;
			}
		} else {
			for (; *p != '\0' && !pgconn_is_space(*p); p++) {
				if (*p == '\\' && p[1] != '\0') {
					p++;
				}
			}
		}
		if (secret) {
			put(&m, masked, sizeof masked - 1);
		} else {
			put(&m, v, (size_t)(p - v));
		}
	}
	m.out[m.len] = '\0';
	return m.out;
}
