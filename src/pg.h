/* SPDX-License-Identifier: MIT */
/*
 * pg: the PostgreSQL SSLRequest preamble (protocol 3, "SSL Session
 * Encryption").  A framer that never touches a socket: the caller sends
 * pg_sslrequest, feeds what it reads to pg_reply_parse, and starts TLS on
 * the same socket when told to.
 */
#ifndef CK_PG_H
#define CK_PG_H

#include <stddef.h>

#include "err.h"

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

#endif
