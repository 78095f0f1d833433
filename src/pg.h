/* SPDX-License-Identifier: MIT */
/*
 * pg: the PostgreSQL SSLRequest preamble (protocol 3, "SSL Session
 * Encryption").  A framer that never touches a socket: the caller sends
 * pg_sslrequest, feeds what it reads to pg_reply_parse, and starts TLS on
 * the same socket when told to.
 */
#ifndef CK_PG_H
#define CK_PG_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

/*
 * The ALPN protocol name of PostgreSQL 17's direct TLS (no SSLRequest):
 * the server requires it in the ClientHello and selects it.
 */
#define PG_ALPN "postgresql"

/* Int32 length 8, then Int32 80877103 (1234 << 16 | 5679), big-endian. */
#define PG_SSLREQUEST_LEN 8
extern const unsigned char pg_sslrequest[PG_SSLREQUEST_LEN];

/*
 * Bytes the caller reads for the reply.  The answer is one byte; reading
 * more lets us see bytes that follow an 'S' (which must not exist) and
 * keeps the start of an 'E' message for nothing but its first byte.
 */
#define PG_REPLY_CAP 64

/*
 * Judges the first len bytes the server sent after SSLRequest (len >= 1).
 * Returns 0 when the reply is exactly 'S' (start TLS now).  Otherwise -1
 * with res set: 'N' → CK_E_PG_NO_TLS; 'E' → CK_E_PG_REJECTED (the message
 * is not echoed: it is unauthenticated, CVE-2024-10977); 'S' followed by
 * more bytes → CK_E_INJECTED (CVE-2021-23222); anything else →
 * CK_E_PG_PROTOCOL with the bytes quoted and escaped.
 */
int pg_reply_parse(const unsigned char *buf, size_t len, struct result *res);

/* The fields of an ErrorResponse that ccheck shows or judges. */
struct pg_error {
	const unsigned char *sqlstate;	/* 'C': "08P01" */
	const unsigned char *message;	/* 'M': the primary message */
	size_t sqlstate_len;
	size_t message_len;
};

/*
 * Reads the ErrorResponse at the start of buf (len bytes; protocol 3:
 * 'E', an Int32 length counting itself, then fields, each a code byte
 * and a NUL-terminated string, until a 0 byte).  e receives the first
 * field of each code, pointing into buf (NULL and 0 when absent); a field
 * cut by the end of buf or by the message length is absent.  Returns 1
 * when the whole message was in buf, 0 when buf ends inside it (len < 5
 * included), -1 when buf is not an ErrorResponse (not 'E', or a length
 * below 4).
 */
int pg_error_parse(const unsigned char *buf, size_t len, struct pg_error *e);

/*
 * After a direct ClientHello (--pg-negotiation=direct or auto) failed
 * with res: was it because the server does not accept direct TLS?
 * PostgreSQL before 17 reads the record header as the length of a
 * startup packet, finds it too long and closes (or resets, with our
 * bytes unread); pgbouncer and others answer with something that is not
 * TLS (CK_E_NOT_TLS).  If so, rewrites res as CK_E_PG_NO_DIRECT, saying
 * which, and returns true; else leaves res alone.
 */
bool pg_direct_refused(struct result *res);

/*
 * Readiness (--ready), as pg_isready decides it from the server's first
 * reply to a StartupMessage.
 */
enum pg_ready {
	PG_READY_NONE,			/* not asked, or not reached */
	PG_READY_ACCEPTING,		/* 'R', or 'E' with another SQLSTATE */
	PG_READY_REJECTING,		/* 'E' 57P03: starting, stopping... */
	PG_READY_NO_RESPONSE		/* no reply, or not one of those */
};

/*
 * A role or database name: PostgreSQL keeps NAMEDATALEN - 1 = 63 bytes
 * and cuts longer ones; we refuse them instead (the caller checks).
 */
#define PG_NAME_MAX 63

/*
 * StartupMessage: length, protocol 3.0, "user" and "database" with their
 * values, "application_name" ccheck, and the final NUL; the names are at
 * most PG_NAME_MAX bytes each, so 4 + 4 + 5 + 64 + 9 + 64 + 17 + 7 + 1.
 */
#define PG_STARTUP_CAP 192

/*
 * Writes the StartupMessage for user and db (non-NULL, 1 to PG_NAME_MAX
 * bytes, no NUL inside) into buf (cap >= PG_STARTUP_CAP).  Returns its
 * length, or 0 when a name is empty or too long.
 */
size_t pg_startup_build(unsigned char *buf, size_t cap, const char *user,
    const char *db);

/*
 * Bytes kept of the first reply.  An authentication request is 9 to
 * about 30 bytes; an ErrorResponse before authentication holds severity,
 * SQLSTATE, message and source location, a few hundred bytes.  The
 * SQLSTATE comes early ("S", "V", then "C"): when a longer message is cut
 * here, what was kept still holds it.
 */
#define PG_READY_REPLY_CAP 1024

/*
 * Classifies the first len bytes of the server's reply.  Returns
 * PG_READY_NONE while the first message is incomplete and more may
 * follow (len < PG_READY_REPLY_CAP); else the verdict, as pg_isready's
 * libpq (PQping) gives it: 'R' accepting; 'E' with SQLSTATE 57P03
 * (cannot_connect_now) rejecting, with another SQLSTATE accepting, with
 * none no response; anything else no response.  sqlstate (6 bytes)
 * receives the SQLSTATE of an 'E', else "".
 */
enum pg_ready pg_ready_parse(const unsigned char *buf, size_t len,
    char sqlstate[6]);

#endif
