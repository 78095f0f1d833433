/* SPDX-License-Identifier: MIT */
/*
 * pgconn_mask: connection strings as reports show them, with every
 * secret replaced by "xxxxx".  It reads the text with pgconn_lex, the
 * tokenizer the parser reads it with, so a value ends for the masking
 * exactly where it ends for libpq.
 */
#include <stdlib.h>
#include <string.h>

#include "pgconn_int.h"

static const char masked[] = "xxxxx";

static void
hide_span(unsigned char *hide, size_t from, size_t to)
{
	hide[from] |= PGCONN_HIDE_MARK;
	for (; from < to; from++) {
		hide[from] |= PGCONN_HIDE;
	}
}

/* The last '@' of text[from, to), or NULL. */
static const char *
last_at(const char *text, size_t from, size_t to)
{
	const char *at = NULL;
	size_t i;

	for (i = from; i < to; i++) {
		if (text[i] == '@') {
			at = text + i;
		}
	}
	return at;
}

/*
 * A URI's password.  libpq ends the userinfo at the first '@' before any
 * '/'; a password with an unencoded '/', '?' or '@' makes libpq read
 * part of it as a host, a port or a path (postgresql://app:s3cr/et@db
 * has the port "s3cr").  So the hidden part runs from the first ':'
 * after "//" to the latest of: libpq's '@', the last '@' before the
 * first '?', and, when libpq found no userinfo or the string does not
 * parse, the last '@' of all.  That hides too much in rare strings
 * (a '@' in a query value after a port), never too little.
 */
static void
hide_userinfo(const char *text, const struct pgconn_lex *lx,
    const char *user_at, bool is_failed, unsigned char *hide)
{
	size_t len = strlen(text);
	const char *q = strchr(text + lx->prefix, '?');
	const char *end = user_at;
	const char *at;
	const char *colon;

	at = last_at(text, lx->prefix, q != NULL ? (size_t)(q - text) : len);
	if (at != NULL && (end == NULL || at > end)) {
		end = at;
	}
	if (!lx->has_user || is_failed) {
		at = last_at(text, lx->prefix, len);
		if (at != NULL && (end == NULL || at > end)) {
			end = at;
		}
	}
	if (end == NULL) {
		return;
	}
	colon = memchr(text + lx->prefix, ':', (size_t)(end - text) -
	    lx->prefix);
	if (colon != NULL) {
		hide_span(hide, (size_t)(colon + 1 - text),
		    (size_t)(end - text));
	}
}

/* Length of "password" (any case, a byte maybe %XX) at p, or 0. */
static size_t
word_at(const char *p)
{
	static const char word[] = "password";
	const char *q = p;
	size_t j;

	for (j = 0; word[j] != '\0'; j++) {
		char c = *q;

		if (c == '%' && pgconn_hexval(q[1]) >= 0 &&
		    pgconn_hexval(q[2]) >= 0) {
			c = (char)(pgconn_hexval(q[1]) * 16 + pgconn_hexval(q[2]));
			q += 2;
		}
		if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != word[j]) {
			return 0;
		}
		q++;
	}
	return (size_t)(q - p);
}

/*
 * In a URI, or a string that does not parse, a "password" (any case,
 * encoded or not) where no secret's keyword is may still introduce one,
 * as libpq would have read it but for a slip before it ("x= password=
 * ..." makes "password" the value of "x"): hide from there on.
 */
static void
hide_orphans(const char *text, size_t len, unsigned char *hide)
{
	size_t i;
	size_t n;

	for (i = 0; i < len; i++) {
		if ((n = word_at(text + i)) > 0 &&
		    !(hide[i] & PGCONN_HIDE_KEY)) {
			/* Show the "=" that would follow a keyword. */
			for (i += n; pgconn_is_space(text[i]); i++) {
			}
			if (text[i] == '=') {
				for (i++; pgconn_is_space(text[i]); i++) {
				}
			}
			hide_span(hide, i, len);
			return;
		}
	}
}

/* see pgconn_int.h */
void
pgconn_hide(const char *text, bool is_failed, unsigned char *hide)
{
	size_t len = strlen(text);
	struct pgconn_lex lx;
	struct pgconn_tok t;
	const char *user_at = NULL;
	bool is_prev_secret = false;
	int rc;

	memset(hide, 0, len + 1);
	pgconn_lex_init(&lx, text);
	while ((rc = pgconn_lex_next(&lx, &t)) > 0) {
		bool is_secret;
		size_t from;

		if (t.kind == PGCONN_TOK_USER) {
			user_at = lx.p - 1;
			continue;
		}
		if (t.kind != PGCONN_TOK_PAIR) {
			continue;
		}
		from = (size_t)(t.val - text);
		is_secret = pgconn_is_secret(t.key, t.key_len, lx.prefix > 0);
		if (is_secret) {
			hide_span(hide, from, from + t.val_len);
			for (from = (size_t)(t.key - text);
			    from < (size_t)(t.key - text) + t.key_len; from++) {
				hide[from] |= PGCONN_HIDE_KEY;
			}
		} else if (is_prev_secret &&
		    pgconn_kw_find(t.key, t.key_len) < 0) {
			/* "password=my secret=x": an unknown keyword right
			 * after a password is likely more of it. */
			from = (size_t)(t.key - text);
			hide_span(hide, from, (size_t)(t.val - text) +
			    t.val_len);
			is_secret = true;
		}
		is_prev_secret = is_secret;
	}
	if (rc < 0 && *lx.err_at != '\0') {
		/* Past a syntax error nothing is known: hide it all. */
		hide_span(hide, (size_t)(lx.err_at - text), len);
	}
	if (lx.prefix > 0) {
		hide_userinfo(text, &lx, user_at, is_failed || rc < 0, hide);
	}
	/* In a URI even one that parses: postgresql://db?password=p@ss
	 * is, to libpq, the user "db?password=p" at the host "ss". */
	if (is_failed || rc < 0 || lx.prefix > 0) {
		hide_orphans(text, len, hide);
	}
}

/* see pgconn_int.h */
bool
pgconn_is_hidden(const unsigned char *hide, size_t off, size_t len)
{
	size_t i;

	for (i = off; i < off + len; i++) {
		if (hide[i] & PGCONN_HIDE) {
			return true;
		}
	}
	return false;
}

/* see pgconn.h */
char *
pgconn_mask(const char *text)
{
	size_t len = strlen(text);
	unsigned char *hide = malloc(len + 1);
	struct pgconn pc;
	char why[8];
	char *out;
	size_t i;
	size_t o = 0;
	bool is_failed;

	/*
	 * Each "xxxxx" replaces at least the one byte that introduced it
	 * ("=", ":" or the first byte hidden), and marks are never
	 * adjacent, so 6 bytes per byte of text are always enough.
	 */
	out = malloc(6 * len + sizeof masked);
	if (hide == NULL || out == NULL) {
		free(hide);
		free(out);
		return NULL;
	}
	/* Whether it parses decides how far a URI's password reaches;
	 * the environment cannot change where its parts are. */
	is_failed = pgconn_parse(text, NULL, &pc, why, sizeof why) < 0;
	if (!is_failed) {
		pgconn_free(&pc);
	}
	pgconn_hide(text, is_failed, hide);
	for (i = 0; i <= len; i++) {
		bool is_run = i > 0 && (hide[i - 1] & PGCONN_HIDE);

		if ((hide[i] & PGCONN_HIDE_MARK) && !is_run) {
			memcpy(out + o, masked, sizeof masked - 1);
			o += sizeof masked - 1;
		}
		if (i < len && !(hide[i] & PGCONN_HIDE)) {
			out[o++] = text[i];
		}
	}
	out[o] = '\0';
	free(hide);
	return out;
}
