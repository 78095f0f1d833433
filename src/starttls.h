/* SPDX-License-Identifier: MIT */
/*
 * starttls: what a protocol says before TLS (PostgreSQL's SSLRequest,
 * the STARTTLS dialogues), as small state machines that never touch a
 * socket.  The caller moves bytes: it sends what framer_out holds, reads
 * into framer_in, and reports counts back; the framer answers what it
 * wants next.  Every read is bounded (a line, a packet, and a total), so
 * a hostile server gets a reason, never unbounded memory.
 */
#ifndef CK_STARTTLS_H
#define CK_STARTTLS_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "proto.h"

/*
 * One reply line or packet.  SMTP allows 512 octets a line (RFC 5321
 * 4.5.3.1.5); the longest line seen in practice is an IMAP CAPABILITY of
 * about 1 KiB.  4 KiB is room for both with margin.
 */
#define FRAMER_IN_CAP 4096
/*
 * What we send before TLS: a command line with a host name, or XMPP's
 * stream header (about 140 bytes and a name of at most 253).
 */
#define FRAMER_OUT_CAP 512
/*
 * Raw bytes kept of the first line of a reply, to quote in a reason.
 * More than the quote shows (about 100 characters after escaping), so a
 * cut is always marked with "...".
 */
#define FRAMER_QUOTE_CAP 120
/*
 * Bytes read before TLS, in total: a greeting and a capability list
 * never need more; endless continuation lines stop here.
 */
#define FRAMER_READ_MAX 65536

enum framer_want {
	FRAMER_WRITE,			/* send framer_out, then framer_sent */
	FRAMER_READ,			/* read into framer_in, framer_received */
	FRAMER_TLS,			/* start the handshake now */
	FRAMER_FAIL			/* res holds the reason */
};

struct framer {
	enum proto proto;		/* auto turns into the one detected */
	unsigned step;			/* the protocol's own state */
	const char *name;		/* host name for EHLO and the like */
	enum framer_want then;		/* once out[] is sent: READ or TLS */
	unsigned code;			/* reply code of a multi-line reply */
	bool has_starttls;		/* the capability list named it */
	bool has_quote;			/* quote[] holds this reply's line 1 */
	size_t quote_len;
	size_t in_len;			/* bytes in in[] not yet consumed */
	size_t total_in;		/* bytes read so far */
	size_t out_len;
	size_t out_off;			/* bytes of out[] already sent */
	unsigned char in[FRAMER_IN_CAP];
	unsigned char out[FRAMER_OUT_CAP];
	unsigned char quote[FRAMER_QUOTE_CAP];
};

/*
 * Starts the preamble of proto on a fresh connection.  name (borrowed) is
 * the server name, used where a protocol sends one (EHLO/LHLO when it is
 * a DNS name, else "ccheck.invalid"; XMPP's to='...').  PROTO_TLS wants
 * TLS at once.  PROTO_STARTTLS_AUTO reads the greeting and becomes
 * PROTO_SMTP ("220"), PROTO_IMAP ("* OK") or PROTO_POP3 ("+OK") in
 * f->proto; any other greeting fails with CK_E_PROTOCOL.
 */
enum framer_want framer_start(struct framer *f, enum proto proto,
    const char *name, struct result *res);

/* Bytes to send now (valid while the framer wants FRAMER_WRITE). */
const unsigned char *framer_out(const struct framer *f, size_t *len);

/*
 * n bytes of framer_out were sent.  Returns what the framer wants next:
 * FRAMER_WRITE while bytes are left, then FRAMER_READ, or FRAMER_TLS
 * where TLS follows our message at once (MySQL's SSL request).
 */
enum framer_want framer_sent(struct framer *f, size_t n);

/* Where to read to, and how much room there is (at least 1 byte). */
unsigned char *framer_in(struct framer *f, size_t *cap);

/*
 * n > 0 bytes were read into framer_in.  Parses what is complete.  When
 * the framer turns to TLS with bytes still unread, that is an injection
 * (CVE-2021-23222 for PostgreSQL, CVE-2011-0411 for STARTTLS): it fails
 * with CK_E_INJECTED.  Bytes left unread when we are to send a command
 * were sent out of turn: CK_E_PROTOCOL with them quoted.  A line or
 * packet longer than FRAMER_IN_CAP, or more than FRAMER_READ_MAX bytes in
 * all, fails with CK_E_TOO_LONG.  A server that does not offer TLS fails
 * with CK_E_NO_STARTTLS, one that refuses the upgrade with
 * CK_E_STARTTLS_REFUSED, and a reply that is not the protocol with
 * CK_E_PROTOCOL; the detail quotes the first line of the server's reply
 * (escaped, cut at about 100 characters).
 */
enum framer_want framer_received(struct framer *f, size_t n,
    struct result *res);

/* The server closed before TLS: fills res with the protocol's reason. */
void framer_eof(const struct framer *f, struct result *res);

#endif
