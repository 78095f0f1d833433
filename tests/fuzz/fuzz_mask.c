/* SPDX-License-Identifier: MIT */
/*
 * fuzz_mask: no password ever shows.  The input drives a generator of
 * connection strings that hold a marker password (upper case; nothing
 * else generated has upper case) in a URI's userinfo, in a URI's
 * ?password= or ?sslpassword=, percent-encoded or not, and in a
 * keyword/value password= or sslpassword=, quoted or escaped, around
 * random fragments full of the characters that delimit tokens.  Then
 * neither pgconn_mask's text, nor pgconn_parse's error, nor a host or
 * file name the parse does not mark hidden may hold a byte of the
 * marker, raw (the only upper case generated; decoded names may hold
 * other upper case, so there two adjacent marker bytes count) or encoded (%41, %43,
 * %45, %4b, %4d, %52, %53, %54: the fragments have no digit 2, 3, 4).
 * The raw input is also parsed and masked as it is, for the sanitizers.
 *
 * The one rule a generated password keeps: in a URI's userinfo it has
 * no unencoded '@' (RFC 3986 wants %40; with one, libpq and a reader
 * disagree on where the password ends, and ccheck refuses the '@' it
 * finds in a host).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pgconn.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

#define OUT_CAP 2048

struct gen {
	const uint8_t *p;
	size_t len;
	char out[OUT_CAP];
	size_t n;
};

static unsigned
take(struct gen *g)
{
	if (g->len == 0) {
		return 0;
	}
	g->len--;
	return *g->p++;
}

static void
put(struct gen *g, const char *s, size_t len)
{
	if (g->n + len < OUT_CAP) {
		memcpy(g->out + g->n, s, len);
		g->n += len;
	}
}

static void
puts_(struct gen *g, const char *s)
{
	put(g, s, strlen(s));
}

/* A fragment of up to 15 characters from alphabet. */
static void
frag(struct gen *g, const char *alphabet)
{
	unsigned n = take(g) % 16;
	size_t k = strlen(alphabet);

	while (n-- > 0) {
		put(g, &alphabet[take(g) % k], 1);
	}
}

/* Lower case, digits and every delimiter of both syntaxes. */
static const char any[] = "abcxyz0159 /?:@&=,[]'\\%#.-_";
static const char no_at[] = "abcxyz0159 /?:&=,[]'\\%#.-_";
static const char no_at_colon[] = "abcxyz0159 /?&=,[]'\\%#.-_";
static const char no_amp[] = "abcxyz0159 /?:@=,[]'\\%#.-_";
static const char hostport[] = "abcxyz0159:,.-_[]";
static const char *const marker = "SECRETMARK";

/* The marker, each byte percent-encoded or not as the input says. */
static void
marker_encoded(struct gen *g, unsigned bits)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	for (i = 0; marker[i] != '\0'; i++) {
		if (bits & (1u << (i % 8))) {
			char e[3] = { '%', hex[(unsigned char)marker[i] >> 4],
			    hex[marker[i] & 15] };

			put(g, e, 3);
		} else {
			put(g, &marker[i], 1);
		}
	}
}

/* A keyword/value value holding the marker: quoted or escaped. */
static void
kv_value(struct gen *g, bool is_quoted)
{
	struct gen raw;
	size_t i;

	memset(&raw, 0, sizeof raw);
	raw.p = g->p;
	raw.len = g->len;
	frag(&raw, any);
	puts_(&raw, marker);
	frag(&raw, any);
	g->p = raw.p;
	g->len = raw.len;
	if (is_quoted) {
		puts_(g, "'");
	}
	for (i = 0; i < raw.n; i++) {
		char c = raw.out[i];

		if (c == '\\' || c == '\'' || (!is_quoted && c == ' ')) {
			put(g, "\\", 1);
		}
		put(g, &c, 1);
	}
	if (is_quoted) {
		puts_(g, "'");
	}
}

static void
generate(struct gen *g)
{
	unsigned mode = take(g) % 5;
	unsigned bits = take(g);

	switch (mode) {
	case 0:		/* URI userinfo */
	case 1:
		puts_(g, bits & 1 ? "postgresql://" : "postgres://");
		frag(g, no_at_colon);
		puts_(g, ":");
		frag(g, no_at);
		if (mode == 1) {
			marker_encoded(g, take(g));
		} else {
			puts_(g, marker);
		}
		frag(g, no_at);
		puts_(g, "@");
		frag(g, any);
		break;
	case 2:		/* URI ?password=, after hosts, a path, parameters */
		puts_(g, "postgresql://");
		frag(g, hostport);
		if (bits & 32) {
			puts_(g, "/");
			frag(g, no_at_colon);
		}
		puts_(g, "?");
		if (bits & 1) {
			frag(g, any);
			puts_(g, "&");
		}
		puts_(g, bits & 2 ? "sslpassword=" : bits & 4 ? "pass%77ord=" :
		    "password=");
		frag(g, no_amp);
		if (bits & 8) {
			marker_encoded(g, take(g));
		} else {
			puts_(g, marker);
		}
		frag(g, no_amp);
		if (bits & 16) {
			puts_(g, "&");
			frag(g, any);
		}
		break;
	default:	/* keyword/value */
		frag(g, any);
		puts_(g, " ");
		puts_(g, bits & 1 ? "sslpassword" : "password");
		puts_(g, bits & 2 ? " = " : "=");
		kv_value(g, mode == 3);
		puts_(g, " ");
		frag(g, any);
		break;
	}
	g->out[g->n] = '\0';
}

/* Aborts when s holds an encoded byte of the marker, or (is_strict)
 * any upper case, or else two adjacent bytes of the marker (messages
 * have upper case words of their own: SSL, URI, IPv6). */
static void
check(const char *s, bool is_strict)
{
	static const char *const encoded[] = {
		"%41", "%43", "%45", "%4b", "%4d", "%52", "%53", "%54"
	};
	size_t i;

	if (s == NULL) {
		return;
	}
	for (i = 0; i < sizeof encoded / sizeof encoded[0]; i++) {
		if (strstr(s, encoded[i]) != NULL) {
			abort();
		}
	}
	for (i = 0; s[i] != '\0'; i++) {
		if (is_strict && s[i] >= 'A' && s[i] <= 'Z') {
			abort();
		}
	}
	for (i = 0; marker[i + 1] != '\0'; i++) {
		char two[3] = { marker[i], marker[i + 1], '\0' };

		if (strstr(s, two) != NULL) {
			abort();
		}
	}
}

static void
run(const char *text, bool is_marked)
{
	struct pgconn pc;
	char why[512];
	char *m = pgconn_mask(text);
	size_t i;

	if (is_marked) {
		check(m, true);
	}
	free(m);
	why[0] = '\0';
	if (pgconn_parse(text, NULL, &pc, why, sizeof why) < 0) {
		if (is_marked) {
			check(why, false);
		}
		return;
	}
	for (i = 0; is_marked && i < pc.n; i++) {
		if (!pc.host[i].is_hidden) {
			check(pc.host[i].addr, false);
			check(pc.host[i].name, false);
		}
	}
	if (is_marked && !pc.is_hidden_files) {
		check(pc.rootcert, false);
		check(pc.crl, false);
		check(pc.crldir, false);
		check(pc.cert, false);
		check(pc.key, false);
	}
	pgconn_free(&pc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct gen g;
	char *raw = malloc(len + 1);

	if (raw == NULL) {
		return 0;
	}
	memcpy(raw, data, len);
	raw[len] = '\0';
	run(raw, false);
	free(raw);
	memset(&g, 0, sizeof g);
	g.p = data;
	g.len = len;
	generate(&g);
	run(g.out, true);
	return 0;
}
