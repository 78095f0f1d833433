/* SPDX-License-Identifier: MIT */
/*
 * starttls: the generic half of every preamble (buffers, bounds, the
 * injection check, quoting the server's reply) and the table of protocol
 * state machines.  A protocol supplies start (queue the first bytes or
 * wait for a greeting) and input (consume what is complete in f->in,
 * queue a reply, or decide); see starttls_int.h.  PostgreSQL and the
 * auto-detection live here, the line protocols in starttls_line.c, LDAP,
 * MySQL and XMPP in starttls_bin.c.
 */
#include <stdlib.h>
#include <string.h>

#include "ip.h"
#include "pg.h"
#include "starttls_int.h"

/* see starttls_int.h */
enum framer_want
framer_queue(struct framer *f, const void *p, size_t len,
    enum framer_want then)
{
	/* Our own bytes, so a programmer error. */
	CK_ASSERT(len > 0 && len <= sizeof f->out);
	memcpy(f->out, p, len);
	f->out_len = len;
	f->out_off = 0;
	f->then = then;
	f->has_quote = false;		/* the next line starts a reply */
	return FRAMER_WRITE;
}

/* see starttls_int.h */
size_t
framer_line(const struct framer *f)
{
	const unsigned char *lf = memchr(f->in, '\n', f->in_len);

	return lf != NULL ? (size_t)(lf - f->in) + 1 : 0;
}

/* see starttls_int.h */
size_t
framer_chomp(const unsigned char *p, size_t len)
{
	if (len > 0 && p[len - 1] == '\n') {
		len--;
	}
	if (len > 0 && p[len - 1] == '\r') {
		len--;
	}
	return len;
}

/* see starttls_int.h */
void
framer_note(struct framer *f, const unsigned char *p, size_t len)
{
	if (f->has_quote) {
		return;
	}
	if (len > sizeof f->quote) {
		len = sizeof f->quote;
	}
	memcpy(f->quote, p, len);
	f->quote_len = len;
	f->has_quote = true;
}

/* About 100 characters of quote: a reason stays one readable line. */
#define QUOTE_SHOWN 100

/* see starttls_int.h */
size_t
framer_fail(struct framer *f, enum ck_err err, enum framer_want *want,
    struct result *res)
{
	char q[QUOTE_SHOWN];

	*want = FRAMER_FAIL;
	if (!f->has_quote) {
		result_fail(res, err, NULL);
		return 0;
	}
	ck_escape(q, sizeof q, f->quote, f->quote_len);
	result_fail(res, err, "\"%s\"", q);
	return 0;
}

/* see starttls_int.h */
bool
framer_is_dns_name(const char *name)
{
	size_t len = strlen(name);
	size_t i;
	bool has_alpha = false;
	unsigned char a[16];

	if (len == 0 || len > 253) {
		return false;
	}
	for (i = 0; i < len; i++) {
		char c = name[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
			has_alpha = true;
		} else if (!(c >= '0' && c <= '9') && c != '-' && c != '.') {
			return false;
		}
	}
	/* Digits and dots only, or "0x7f.1": an IPv4 literal (IPv6 has
	 * ':'). */
	return has_alpha && ip_parse(name, len, a, NULL) == 0;
}

/* see starttls_int.h */
enum framer_want
framer_await(struct framer *f, struct result *res)
{
	(void)f;
	(void)res;
	return FRAMER_READ;
}

/* ---- PostgreSQL: SSLRequest, then one byte ------------------------------ */

static enum framer_want
pg_start(struct framer *f, struct result *res)
{
	(void)res;
	return framer_queue(f, pg_sslrequest, sizeof pg_sslrequest,
	    FRAMER_READ);
}

static size_t
pg_input(struct framer *f, enum framer_want *want, struct result *res)
{
	/* The whole read goes to pg_reply_parse: it judges extra bytes. */
	if (pg_reply_parse(f->in, f->in_len, res) < 0) {
		*want = FRAMER_FAIL;
		return 0;
	}
	*want = FRAMER_TLS;
	return 1;
}

/* ---- auto: the greeting says SMTP, IMAP or POP3 (ccheck's -S) ----------- */

static size_t
auto_input(struct framer *f, enum framer_want *want, struct result *res)
{
	size_t len = framer_line(f);

	if (len == 0) {
		*want = FRAMER_READ;
		return 0;
	}
	/* The line stays in f->in: the chosen protocol reads it again. */
	if (len >= 3 && memcmp(f->in, "220", 3) == 0) {
		f->proto = PROTO_SMTP;
		return framer_smtp_input(f, want, res);
	}
	if (len >= 4 && memcmp(f->in, "* OK", 4) == 0) {
		f->proto = PROTO_IMAP;
		return framer_imap_input(f, want, res);
	}
	if (len >= 3 && memcmp(f->in, "+OK", 3) == 0) {
		f->proto = PROTO_POP3;
		return framer_pop3_input(f, want, res);
	}
	framer_note(f, f->in, framer_chomp(f->in, len));
	return framer_fail(f, CK_E_PROTOCOL, want, res);
}

/* ---- the table ------------------------------------------------------------ */

static const struct framer_ops framers[] = {
	{ PROTO_POSTGRES, pg_start, pg_input, "in reply to the SSL request" },
	{ PROTO_SMTP, framer_await, framer_smtp_input, "during SMTP" },
	{ PROTO_LMTP, framer_await, framer_lmtp_input, "during LMTP" },
	{ PROTO_IMAP, framer_await, framer_imap_input, "during IMAP" },
	{ PROTO_POP3, framer_await, framer_pop3_input, "during POP3" },
	{ PROTO_FTP, framer_await, framer_ftp_input, "during FTP" },
	{ PROTO_LDAP, framer_ldap_start, framer_ldap_input,
	    "in reply to the LDAP StartTLS request" },
	{ PROTO_MYSQL, framer_await, framer_mysql_input,
	    "before the MySQL greeting" },
	{ PROTO_XMPP, framer_xmpp_start, framer_xmpp_input, "during XMPP" },
	{ PROTO_NNTP, framer_await, framer_nntp_input, "during NNTP" },
	{ PROTO_SIEVE, framer_await, framer_sieve_input,
	    "during ManageSieve" },
	{ PROTO_STARTTLS_AUTO, framer_await, auto_input,
	    "before the greeting" },
};

static const struct framer_ops *
ops_of(enum proto p)
{
	size_t i;

	for (i = 0; i < sizeof framers / sizeof framers[0]; i++) {
		if (framers[i].proto == p) {
			return &framers[i];
		}
	}
	return NULL;
}

/* see starttls.h */
enum framer_want
framer_start(struct framer *f, enum proto proto, const char *name,
    struct result *res)
{
	const struct framer_ops *ops = ops_of(proto);

	f->proto = proto;
	f->step = 0;
	f->name = name;
	f->then = FRAMER_READ;
	f->code = 0;
	f->has_starttls = false;
	f->has_quote = false;
	f->quote_len = 0;
	f->in_len = 0;
	f->total_in = 0;
	f->out_len = 0;
	f->out_off = 0;
	if (ops == NULL) {
		return FRAMER_TLS;	/* TLS from the first byte */
	}
	return ops->start(f, res);
}

/* see starttls.h */
const unsigned char *
framer_out(const struct framer *f, size_t *len)
{
	*len = f->out_len - f->out_off;
	return f->out + f->out_off;
}

/* see starttls.h */
enum framer_want
framer_sent(struct framer *f, size_t n)
{
	f->out_off += n;
	if (f->out_off < f->out_len) {
		return FRAMER_WRITE;
	}
	f->out_len = 0;
	f->out_off = 0;
	return f->then;
}

/* see starttls.h */
unsigned char *
framer_in(struct framer *f, size_t *cap)
{
	*cap = sizeof f->in - f->in_len;
	return f->in + f->in_len;
}

/* see starttls.h */
enum framer_want
framer_received(struct framer *f, size_t n, struct result *res)
{
	enum framer_want want = FRAMER_READ;
	size_t used;

	f->in_len += n;
	f->total_in += n;
	if (f->total_in > FRAMER_READ_MAX) {
		result_fail(res, CK_E_TOO_LONG, "more than %u bytes before TLS",
		    (unsigned)FRAMER_READ_MAX);
		return FRAMER_FAIL;
	}
	while (f->in_len > 0) {
		/* Looked up each time: auto turns into the protocol it saw. */
		used = ops_of(f->proto)->input(f, &want, res);
		memmove(f->in, f->in + used, f->in_len - used);
		f->in_len -= used;
		if (want == FRAMER_FAIL) {
			return FRAMER_FAIL;
		}
		if (want == FRAMER_TLS && f->in_len > 0) {
			result_fail(res, CK_E_INJECTED, "%s",
			    f->proto == PROTO_POSTGRES ? "CVE-2021-23222" :
			    "CVE-2011-0411");
			return FRAMER_FAIL;
		}
		if (want == FRAMER_WRITE && f->in_len > 0) {
			/*
			 * Bytes before our command: a server that does not
			 * wait for us (or a man in the middle queueing a
			 * reply to come).  Never read them as the answer.
			 */
			f->has_quote = false;
			framer_note(f, f->in, f->in_len);
			framer_fail(f, CK_E_PROTOCOL, &want, res);
			return FRAMER_FAIL;
		}
		if (want != FRAMER_READ || used == 0) {
			break;
		}
	}
	if (want == FRAMER_READ && f->in_len == sizeof f->in) {
		result_fail(res, CK_E_TOO_LONG, "a line of more than %u bytes",
		    (unsigned)sizeof f->in);
		return FRAMER_FAIL;
	}
	return want;
}

/* see starttls.h */
void
framer_eof(const struct framer *f, struct result *res)
{
	const struct framer_ops *ops = ops_of(f->proto);

	result_fail(res, CK_E_EOF, "%s",
	    ops != NULL ? ops->eof_detail : "before TLS");
}
