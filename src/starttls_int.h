/* SPDX-License-Identifier: MIT */
/*
 * starttls_int: what the protocol files of the starttls module share, not
 * for other modules.  starttls.c holds the generic part and the table of
 * protocols; starttls_line.c the line protocols (SMTP, LMTP, IMAP, POP3,
 * FTP, NNTP, ManageSieve); starttls_bin.c the others (LDAP, MySQL,
 * XMPP).
 */
#ifndef CK_STARTTLS_INT_H
#define CK_STARTTLS_INT_H

#include "starttls.h"

/*
 * One protocol.  start queues the first bytes (FRAMER_WRITE) or waits
 * for a greeting (FRAMER_READ).  input consumes what is complete at the
 * start of f->in and returns how many bytes it consumed, setting *want:
 * FRAMER_READ (consumed 0: need more bytes), FRAMER_WRITE (a command is
 * queued), FRAMER_TLS or FRAMER_FAIL (res set).
 */
struct framer_ops {
	enum proto proto;
	enum framer_want (*start)(struct framer *f, struct result *res);
	size_t (*input)(struct framer *f, enum framer_want *want,
	    struct result *res);
	const char *eof_detail;		/* reason detail for an early EOF */
};

/*
 * Queues len bytes (at most FRAMER_OUT_CAP, else abort(): the callers'
 * data is ours) and forgets the previous reply's quote.  then is what to want
 * once they are sent (FRAMER_READ or FRAMER_TLS).  Returns FRAMER_WRITE.
 */
enum framer_want framer_queue(struct framer *f, const void *p, size_t len,
    enum framer_want then);

/*
 * Length of the first complete line in f->in, LF included, or 0 when no
 * LF has arrived yet.  A bare LF ends a line too (lenient, as servers
 * are).
 */
size_t framer_line(const struct framer *f);

/* len without a final "\r\n" or "\n". */
size_t framer_chomp(const unsigned char *p, size_t len);

/* Keeps p[0..len) as the quote when this reply has none yet. */
void framer_note(struct framer *f, const unsigned char *p, size_t len);

/*
 * Fails with err, the detail being the quote ("\"...\"", escaped) or
 * nothing when there is none.  Sets *want to FRAMER_FAIL; returns 0 so a
 * protocol can write "return framer_fail(...)" from input.
 */
size_t framer_fail(struct framer *f, enum ck_err err, enum framer_want *want,
    struct result *res);

/*
 * True when the name is safe to send as a host name (letters, digits,
 * '-', '.', at most 253 bytes) and not an IPv4 literal (ip_parse).
 */
bool framer_is_dns_name(const char *name);

/*
 * The protocols of starttls_line.c and starttls_bin.c, as struct
 * framer_ops wants them.  Protocols where the server speaks first start
 * with framer_await.
 */
enum framer_want framer_await(struct framer *f, struct result *res);
size_t framer_smtp_input(struct framer *f, enum framer_want *want,
    struct result *res);
size_t framer_lmtp_input(struct framer *f, enum framer_want *want,
    struct result *res);
size_t framer_imap_input(struct framer *f, enum framer_want *want,
    struct result *res);
size_t framer_pop3_input(struct framer *f, enum framer_want *want,
    struct result *res);
size_t framer_ftp_input(struct framer *f, enum framer_want *want,
    struct result *res);
size_t framer_nntp_input(struct framer *f, enum framer_want *want,
    struct result *res);
size_t framer_sieve_input(struct framer *f, enum framer_want *want,
    struct result *res);
size_t framer_ldap_input(struct framer *f, enum framer_want *want,
    struct result *res);
size_t framer_mysql_input(struct framer *f, enum framer_want *want,
    struct result *res);
size_t framer_xmpp_input(struct framer *f, enum framer_want *want,
    struct result *res);
enum framer_want framer_ldap_start(struct framer *f, struct result *res);
enum framer_want framer_xmpp_start(struct framer *f, struct result *res);

#endif
