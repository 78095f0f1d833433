/* SPDX-License-Identifier: MIT */
/*
 * sniff: names a non-TLS answer to a ClientHello from its first bytes.
 * Whatever is quoted is unauthenticated (anyone on the path could have
 * written it; libpq hides such text since CVE-2024-10977): it is shown
 * in quotes, escaped and cut, as what the server said, after ccheck's
 * own reason.
 */
#include <string.h>

#include "pg.h"
#include "sniff.h"

/*
 * A quote, escaped, its NUL included: room for a greeting's host and
 * software name; what is longer ends in "...".
 */
#define QUOTE_CAP 76

/*
 * Services that speak first, told by how their first line starts and,
 * for FTP (which greets with 220 as SMTP does), by a word in it.  One
 * string of entries, each four NUL-terminated fields (prefix, word, what,
 * hint; an empty prefix or word matches anything), the last matching
 * every answer (its empty hint is the literal's own final NUL): a table
 * of pointers would cost more than its text.
 */
static const char greetings[] =
	"HTTP/\0\0HTTP, not TLS\0\0"
	"SSH-\0\0an SSH banner, not TLS\0\0"
	"220\0FTP\0an FTP greeting, not TLS\0 (try --starttls=ftp)\0"
	"220\0\0an SMTP greeting, not TLS\0 (try --starttls)\0"
	"* OK\0\0an IMAP greeting, not TLS\0 (try --starttls)\0"
	"+OK\0\0a POP3 greeting, not TLS\0 (try --starttls)\0"
	"\0\0something that is not TLS\0";

/* The field after f in greetings. */
static const char *
next_field(const char *f)
{
	return f + strlen(f) + 1;
}

/* Length of the first line (up to CR or LF) of buf. */
static size_t
line_len(const unsigned char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len && buf[i] != '\r' && buf[i] != '\n'; i++) {
		continue;
	}
	return i;
}

/* Does word occur in buf (case matters)?  The empty word does. */
static bool
has_word(const unsigned char *buf, size_t len, const char *word)
{
	size_t wlen = strlen(word);
	size_t i;

	for (i = 0; i + wlen <= len; i++) {
		if (memcmp(buf + i, word, wlen) == 0) {
			return true;
		}
	}
	return false;
}

/* see sniff.h */
int
sniff_reply(const unsigned char *buf, size_t len, bool is_hinted,
    struct result *res)
{
	const unsigned char *text = buf;
	char quoted[QUOTE_CAP];
	const char *p = greetings;
	const char *word;
	const char *what;
	const char *hint;
	struct pg_error e;
	size_t qlen = line_len(buf, len);

	/* Alert (21) or handshake (22), version 3.x (RFC 8446 5.1). */
	if ((buf[0] == 21 || buf[0] == 22) && (len < 2 || buf[1] == 3)) {
		return 0;
	}
	for (;;) {
		size_t plen = strlen(p);

		word = p + plen + 1;
		what = next_field(word);
		hint = next_field(what);
		if (len >= plen && memcmp(buf, p, plen) == 0 &&
		    has_word(buf, qlen, word)) {
			break;
		}
		p = next_field(hint);
	}
	/* The message alone: its severity is always FATAL here. */
	if (pg_error_parse(buf, len, &e) >= 0 && e.message != NULL) {
		what = "a PostgreSQL error, not TLS";
		hint = " (try --postgres)";
		text = e.message;
		qlen = e.message_len;
	}
	ck_escape(quoted, sizeof quoted, text, qlen);
	return result_fail(res, CK_E_NOT_TLS, "%s: \"%s\"%s", what,
	    quoted, is_hinted ? hint : "");
}
