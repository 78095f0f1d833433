/* SPDX-License-Identifier: MIT */
/*
 * sniff: the server's first bytes after our ClientHello, looked at before
 * the TLS engine reads them.  A TLS server answers with a record header:
 * handshake (22) or alert (21), version 3.x.  Anything else is another
 * protocol speaking (an SMTP greeting, pgbouncer's ErrorResponse), which
 * the engine would read as a record header and report as a version
 * problem; sniff names it instead.
 */
#ifndef CK_SNIFF_H
#define CK_SNIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

/*
 * Bytes the caller looks at: a greeting line, or a PostgreSQL
 * ErrorResponse (pgbouncer's to a ClientHello is 62 bytes), shown from
 * them; what is longer is cut in the quote anyway.
 */
#define SNIFF_CAP 128

/*
 * Judges the first len bytes (1 to SNIFF_CAP) a server sent in answer to
 * our ClientHello.  Returns 0 when they may start a TLS record (one byte
 * 21 or 22 is taken as a start).  Else -1 with res failed as
 * CK_E_NOT_TLS, the detail saying what the bytes look like (HTTP, an SSH
 * banner, an SMTP, FTP, IMAP or POP3 greeting, a PostgreSQL error,
 * else "something that is not TLS") with a quote of them, escaped and
 * cut; is_hinted adds the flag that would reach that service ("try
 * --starttls").
 */
int sniff_reply(const unsigned char *buf, size_t len, bool is_hinted,
    struct result *res);

#endif
