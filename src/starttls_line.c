/* SPDX-License-Identifier: MIT */
/*
 * starttls_line: the line protocols.  Each reads the greeting, asks for
 * the capability list, looks for the STARTTLS keyword, asks for the
 * upgrade and waits for the go-ahead: SMTP and LMTP (RFC 3207, 2033),
 * IMAP (RFC 3501 6.2.1), POP3 (RFC 2595 4), FTP (RFC 4217 4), NNTP
 * (RFC 4642) and ManageSieve (RFC 5804 2.2).  Lines end in LF (CR
 * optional); one longer than FRAMER_IN_CAP fails in starttls.c.
 */
#include <string.h>
#include <strings.h>

#include "starttls_int.h"

/* Sent when the SPEC's name is an IP literal (RFC 2606 reserves it). */
#define HELLO_NAME_FALLBACK "ccheck.invalid"

/* One line at the start of f->in. */
struct line {
	const unsigned char *p;
	size_t len;			/* without the line end */
	size_t used;			/* with it: what to consume */
	unsigned code;			/* a reply's code, or 0 */
};

/* Takes the next complete line, noting it as the quote; false if none. */
static bool
next_line(struct framer *f, struct line *l)
{
	l->used = framer_line(f);
	if (l->used == 0) {
		return false;
	}
	l->p = f->in;
	l->len = framer_chomp(f->in, l->used);
	l->code = 0;
	framer_note(f, l->p, l->len);
	return true;
}

/* True when p[0..len) starts with word (any case), then a space or end. */
static bool
starts_word(const unsigned char *p, size_t len, const char *word)
{
	size_t n = strlen(word);

	return len >= n && strncasecmp((const char *)p, word, n) == 0 &&
	    (len == n || p[n] == ' ');
}

/* True when one of the space-separated words of p[0..len) is word. */
static bool
has_word(const unsigned char *p, size_t len, const char *word)
{
	size_t i = 0;

	while (i < len) {
		if (p[i] == ' ') {
			i++;
			continue;
		}
		if (starts_word(p + i, len - i, word)) {
			return true;
		}
		while (i < len && p[i] != ' ') {
			i++;
		}
	}
	return false;
}

/* The three-digit code starting p[0..len), then ' ', '-' or end; or 0. */
static unsigned
code_of(const unsigned char *p, size_t len)
{
	unsigned v = 0;
	size_t i;

	if (len < 3 || (len > 3 && p[3] != ' ' && p[3] != '-')) {
		return 0;
	}
	for (i = 0; i < 3; i++) {
		if (p[i] < '0' || p[i] > '9') {
			return 0;
		}
		v = v * 10 + (unsigned)(p[i] - '0');
	}
	return v < 100 ? 0 : v;
}

/* What coded_reply found. */
enum reply {
	REPLY_MORE,			/* no complete line yet */
	REPLY_LINE,			/* a line inside a multi-line reply */
	REPLY_DONE,			/* the last line: l->code is set */
	REPLY_BAD			/* not a reply line */
};

/*
 * One line of an SMTP or FTP reply: "DDD-text" lines, then "DDD text"
 * with the same code (RFC 5321 4.2.1, RFC 959 4.2; FTP allows any text
 * between the first and the last line).
 */
static enum reply
coded_reply(struct framer *f, struct line *l)
{
	unsigned code;

	if (!next_line(f, l)) {
		return REPLY_MORE;
	}
	code = code_of(l->p, l->len);
	if (f->code != 0) {
		if (code != f->code || (l->len > 3 && l->p[3] != ' ')) {
			return REPLY_LINE;
		}
		f->code = 0;
		l->code = code;
		return REPLY_DONE;
	}
	if (code == 0) {
		return REPLY_BAD;
	}
	if (l->len > 3 && l->p[3] == '-') {
		f->code = code;
		return REPLY_LINE;
	}
	l->code = code;
	return REPLY_DONE;
}

/* Queues "verb arg\r\n" (arg may be NULL); then is FRAMER_READ. */
static enum framer_want
command(struct framer *f, const char *verb, const char *arg)
{
	char buf[FRAMER_OUT_CAP];
	size_t v = strlen(verb);
	size_t a = arg != NULL ? strlen(arg) : 0;
	size_t n = 0;

	/* verb is ours; arg a checked DNS name of at most 253 bytes. */
	memcpy(buf, verb, v);
	n += v;
	if (arg != NULL) {
		buf[n++] = ' ';
		memcpy(buf + n, arg, a);
		n += a;
	}
	buf[n++] = '\r';
	buf[n++] = '\n';
	return framer_queue(f, buf, n, FRAMER_READ);
}

/* A command the server does not know: 500-504 (RFC 5321 4.2.4). */
static bool
is_unknown_command(unsigned code)
{
	return code >= 500 && code <= 504;
}

/* ---- SMTP and LMTP ------------------------------------------------------- */

static size_t
mail_input(struct framer *f, const char *hello, enum framer_want *want,
    struct result *res)
{
	struct line l;
	enum reply r = coded_reply(f, &l);

	*want = FRAMER_READ;
	if (r == REPLY_MORE) {
		return 0;
	}
	if (r == REPLY_BAD) {
		return framer_fail(f, CK_E_PROTOCOL, want, res);
	}
	/* EHLO keywords: "250-STARTTLS" or "250 STARTTLS" (RFC 3207 4). */
	if (f->step == 1 && l.len > 4 &&
	    starts_word(l.p + 4, l.len - 4, "STARTTLS")) {
		f->has_starttls = true;
	}
	if (r == REPLY_LINE) {
		return l.used;
	}
	switch (f->step) {
	case 0:
		if (l.code != 220) {
			return framer_fail(f, CK_E_PROTOCOL, want, res);
		}
		f->step = 1;
		*want = command(f, hello, framer_is_dns_name(f->name) ?
		    f->name : HELLO_NAME_FALLBACK);
		return l.used;
	case 1:
		if (l.code != 250) {
			return framer_fail(f, is_unknown_command(l.code) ?
			    CK_E_NO_STARTTLS : CK_E_PROTOCOL, want, res);
		}
		if (!f->has_starttls) {
			return framer_fail(f, CK_E_NO_STARTTLS, want, res);
		}
		f->step = 2;
		*want = command(f, "STARTTLS", NULL);
		return l.used;
	default:
		if (l.code != 220) {
			return framer_fail(f, CK_E_STARTTLS_REFUSED, want, res);
		}
		*want = FRAMER_TLS;
		return l.used;
	}
}

/* see starttls_int.h */
size_t
framer_smtp_input(struct framer *f, enum framer_want *want,
    struct result *res)
{
	return mail_input(f, "EHLO", want, res);
}

/* see starttls_int.h */
size_t
framer_lmtp_input(struct framer *f, enum framer_want *want,
    struct result *res)
{
	return mail_input(f, "LHLO", want, res);
}

/* ---- FTP: AUTH TLS, 234 ------------------------------------------------ */

/* see starttls_int.h */
size_t
framer_ftp_input(struct framer *f, enum framer_want *want,
    struct result *res)
{
	struct line l;
	enum reply r = coded_reply(f, &l);

	*want = FRAMER_READ;
	if (r == REPLY_MORE) {
		return 0;
	}
	if (r == REPLY_BAD) {
		return framer_fail(f, CK_E_PROTOCOL, want, res);
	}
	if (r == REPLY_LINE) {
		return l.used;
	}
	if (f->step == 0) {
		if (l.code != 220) {
			return framer_fail(f, CK_E_PROTOCOL, want, res);
		}
		f->step = 1;
		*want = command(f, "AUTH TLS", NULL);
		return l.used;
	}
	if (l.code != 234) {
		/*
		 * 500-504: no AUTH, or not TLS (RFC 4217 4, RFC 2228); 530:
		 * "log in first", vsftpd's answer to AUTH without ssl_enable.
		 */
		return framer_fail(f, is_unknown_command(l.code) ||
		    l.code == 530 ? CK_E_NO_STARTTLS : CK_E_STARTTLS_REFUSED,
		    want, res);
	}
	*want = FRAMER_TLS;
	return l.used;
}

/* ---- IMAP: a CAPABILITY, b STARTTLS ------------------------------------- */

/* see starttls_int.h */
size_t
framer_imap_input(struct framer *f, enum framer_want *want,
    struct result *res)
{
	struct line l;

	*want = FRAMER_READ;
	if (!next_line(f, &l)) {
		return 0;
	}
	switch (f->step) {
	case 0:
		/* PREAUTH will not offer STARTTLS; CAPABILITY tells. */
		if (!starts_word(l.p, l.len, "* OK") &&
		    !starts_word(l.p, l.len, "* PREAUTH")) {
			return framer_fail(f, CK_E_PROTOCOL, want, res);
		}
		f->step = 1;
		*want = command(f, "a CAPABILITY", NULL);
		return l.used;
	case 1:
		if (starts_word(l.p, l.len, "* CAPABILITY")) {
			if (has_word(l.p, l.len, "STARTTLS")) {
				f->has_starttls = true;
			}
			return l.used;
		}
		if (starts_word(l.p, l.len, "*")) {
			return l.used;	/* other untagged data */
		}
		if (!starts_word(l.p, l.len, "a OK")) {
			return framer_fail(f, CK_E_PROTOCOL, want, res);
		}
		if (!f->has_starttls) {
			return framer_fail(f, CK_E_NO_STARTTLS, want, res);
		}
		f->step = 2;
		*want = command(f, "b STARTTLS", NULL);
		return l.used;
	default:
		if (starts_word(l.p, l.len, "*")) {
			return l.used;
		}
		if (starts_word(l.p, l.len, "b OK")) {
			*want = FRAMER_TLS;
			return l.used;
		}
		if (starts_word(l.p, l.len, "b")) {
			return framer_fail(f, CK_E_STARTTLS_REFUSED, want,
			    res);
		}
		return framer_fail(f, CK_E_PROTOCOL, want, res);
	}
}

/* ---- POP3 and NNTP: a dot-ended capability list -------------------------- */

/*
 * One line of a dot-terminated capability list (POP3 CAPA, RFC 2449;
 * NNTP CAPABILITIES, RFC 3977 5.2): notes the STARTTLS capability (verb),
 * and at the final "." sends verb or fails with "does not offer".
 */
static size_t
capa_line(struct framer *f, const struct line *l, const char *verb,
    enum framer_want *want, struct result *res)
{
	if (l->len == 1 && l->p[0] == '.') {
		if (!f->has_starttls) {
			return framer_fail(f, CK_E_NO_STARTTLS, want, res);
		}
		f->step = 3;
		*want = command(f, verb, NULL);
		return l->used;
	}
	if (starts_word(l->p, l->len, verb)) {
		f->has_starttls = true;
	}
	return l->used;
}

/* see starttls_int.h */
size_t
framer_pop3_input(struct framer *f, enum framer_want *want,
    struct result *res)
{
	struct line l;
	bool is_ok;

	*want = FRAMER_READ;
	if (!next_line(f, &l)) {
		return 0;
	}
	is_ok = starts_word(l.p, l.len, "+OK");
	switch (f->step) {
	case 0:
		if (!is_ok) {
			return framer_fail(f, CK_E_PROTOCOL, want, res);
		}
		f->step = 1;
		*want = command(f, "CAPA", NULL);
		return l.used;
	case 1:
		if (!is_ok) {
			/* No CAPA: RFC 2595 4 servers with STLS have it. */
			return framer_fail(f, starts_word(l.p, l.len, "-ERR") ?
			    CK_E_NO_STARTTLS : CK_E_PROTOCOL, want, res);
		}
		f->step = 2;
		return l.used;
	case 2:
		return capa_line(f, &l, "STLS", want, res);
	default:
		if (!is_ok) {
			return framer_fail(f, starts_word(l.p, l.len, "-ERR") ?
			    CK_E_STARTTLS_REFUSED : CK_E_PROTOCOL, want, res);
		}
		*want = FRAMER_TLS;
		return l.used;
	}
}

/* see starttls_int.h */
size_t
framer_nntp_input(struct framer *f, enum framer_want *want,
    struct result *res)
{
	struct line l;
	unsigned code;

	*want = FRAMER_READ;
	if (!next_line(f, &l)) {
		return 0;
	}
	code = code_of(l.p, l.len);
	switch (f->step) {
	case 0:
		/* 200 posting allowed, 201 not (RFC 3977 5.1.1). */
		if (code != 200 && code != 201) {
			return framer_fail(f, CK_E_PROTOCOL, want, res);
		}
		f->step = 1;
		*want = command(f, "CAPABILITIES", NULL);
		return l.used;
	case 1:
		if (code != 101) {
			return framer_fail(f, is_unknown_command(code) ?
			    CK_E_NO_STARTTLS : CK_E_PROTOCOL, want, res);
		}
		f->step = 2;
		return l.used;
	case 2:
		return capa_line(f, &l, "STARTTLS", want, res);
	default:
		if (code != 382) {
			return framer_fail(f, code != 0 ?
			    CK_E_STARTTLS_REFUSED : CK_E_PROTOCOL, want, res);
		}
		*want = FRAMER_TLS;
		return l.used;
	}
}

/* ---- ManageSieve: capabilities at once, then OK ------------------------- */

/* see starttls_int.h */
size_t
framer_sieve_input(struct framer *f, enum framer_want *want,
    struct result *res)
{
	struct line l;
	bool is_ok;
	bool is_no;

	*want = FRAMER_READ;
	if (!next_line(f, &l)) {
		return 0;
	}
	/* Responses: OK, NO or BYE, then a code or text (RFC 5804 1.3). */
	is_ok = starts_word(l.p, l.len, "OK");
	is_no = starts_word(l.p, l.len, "NO") || starts_word(l.p, l.len, "BYE");
	if (f->step == 0) {
		if (l.len > 0 && l.p[0] == '"') {
			if (starts_word(l.p, l.len, "\"STARTTLS\"")) {
				f->has_starttls = true;
			}
			return l.used;
		}
		if (!is_ok) {
			return framer_fail(f, CK_E_PROTOCOL, want, res);
		}
		if (!f->has_starttls) {
			return framer_fail(f, CK_E_NO_STARTTLS, want, res);
		}
		f->step = 1;
		*want = command(f, "STARTTLS", NULL);
		return l.used;
	}
	if (!is_ok) {
		return framer_fail(f, is_no ? CK_E_STARTTLS_REFUSED :
		    CK_E_PROTOCOL, want, res);
	}
	*want = FRAMER_TLS;
	return l.used;
}
