/* SPDX-License-Identifier: MIT */
/* sniff: what a server's first bytes after our ClientHello look like.
 * The answers are real ones: pgbouncer 1.18 with client TLS, Exim 4.96,
 * nginx 1.22 on a plain HTTP port, OpenSSH, vsftpd 3.0.3, Dovecot 2.3. */
#include <string.h>

#include "sniff.h"
#include "t.h"

/* pgbouncer 1.18's answer to a direct ClientHello (client_tls_sslmode
 * require): it read the record header as a startup packet's length. */
#define PGBOUNCER "E\0\0\0=SFATAL\0C08P01\0Mclient sent partial pkt in " \
    "startup phase\0\0"

/* A reply and its length, NULs included. */
#define R(s) s, sizeof s - 1

static const struct {
	const char *name;
	const char *reply;
	size_t len;
	bool is_hinted;
	int want_rc;
	const char *want_detail;
} cases[] = {
	{ "TLS handshake record", "\x16\x03\x03\x00\x31\x02", 6, true, 0,
	    "" },
	{ "TLS alert record", "\x15\x03\x01\x00\x02\x02\x46", 7, true, 0,
	    "" },
	{ "TLS 1.0 record header", "\x16\x03\x01", 3, true, 0, "" },
	/* Too short to tell: the engine decides. */
	{ "one handshake byte", "\x16", 1, true, 0, "" },
	{ "handshake type, version 2", "\x16\x02\x00", 3, true, -1,
	    "something that is not TLS: \"\\x16\\x02\\x00\"" },
	{ "application data first", "\x17\x03\x03\x00\x01", 5, true, -1,
	    "something that is not TLS: "
	    "\"\\x17\\x03\\x03\\x00\\x01\"" },
	{ "pgbouncer's error", PGBOUNCER, sizeof PGBOUNCER - 1, true, -1,
	    "a PostgreSQL error, not TLS: \"client sent partial pkt in "
	    "startup phase\" (try --postgres)" },
	{ "pgbouncer's error, direct (no hint)", PGBOUNCER,
	    sizeof PGBOUNCER - 1, false, -1,
	    "a PostgreSQL error, not TLS: \"client sent partial pkt in "
	    "startup phase\"" },
	{ "PostgreSQL error cut before M", PGBOUNCER, 20, true, -1,
	    "something that is not TLS: "
	    "\"E\\x00\\x00\\x00=SFATAL\\x00C08P01\\x00M\"" },
	{ "PostgreSQL error, message cut", PGBOUNCER, 30, true, -1,
	    "something that is not TLS: "
	    "\"E\\x00\\x00\\x00=SFATAL\\x00C08P01\\x00Mclient sen\"" },
	{ "E with a length below 4", "E\0\0\0\x02Mx\0\0", 9, true, -1,
	    "something that is not TLS: "
	    "\"E\\x00\\x00\\x00\\x02Mx\\x00\\x00\"" },
	{ "PostgreSQL error, message with escapes",
	    "E\0\0\0\x0fM\x1b[31mred\n\0\0", 16, false, -1,
	    "a PostgreSQL error, not TLS: \"\\x1b[31mred\\x0a\"" },
	{ "Exim", R("220 mx.example.test ESMTP Exim 4.96 Tue, 02 Dec 2026 "
	    "17:22:51 +0000\r\n"), true, -1,
	    "an SMTP greeting, not TLS: \"220 mx.example.test ESMTP Exim 4.96 "
	    "Tue, 02 Dec 2026 17:22:51 +0000\" (try --starttls)" },
	{ "SMTP, multi-line greeting", "220-mx.example.test\r\n220 ok\r\n",
	    29, true, -1,
	    "an SMTP greeting, not TLS: \"220-mx.example.test\" "
	    "(try --starttls)" },
	{ "SMTP, no hint", "220 mx\r\n", 8, false, -1,
	    "an SMTP greeting, not TLS: \"220 mx\"" },
	{ "SMTP, line cut at the quote's end",
	    "220 mx.example.test ESMTP Exim 4.96 Tue, 02 Dec 2026 17:22:51 "
	    "+0000 and a long tail\r\n", 86, true, -1,
	    "an SMTP greeting, not TLS: \"220 mx.example.test ESMTP Exim 4.96 "
	    "Tue, 02 Dec 2026 17:22:51 +0000 and ...\" (try --starttls)" },
	{ "vsftpd", "220 (vsFTPd 3.0.3)\r\n", 20, true, -1,
	    "an FTP greeting, not TLS: \"220 (vsFTPd 3.0.3)\" "
	    "(try --starttls=ftp)" },
	{ "FTP on the second line is SMTP's", "220 mx\r\nFTP\r\n", 13, true,
	    -1, "an SMTP greeting, not TLS: \"220 mx\" (try --starttls)" },
	{ "Dovecot IMAP", "* OK [CAPABILITY IMAP4rev1] Dovecot ready.\r\n",
	    44, true, -1,
	    "an IMAP greeting, not TLS: \"* OK [CAPABILITY IMAP4rev1] Dovecot "
	    "ready.\" (try --starttls)" },
	{ "Dovecot POP3", "+OK Dovecot ready.\r\n", 20, true, -1,
	    "a POP3 greeting, not TLS: \"+OK Dovecot ready.\" "
	    "(try --starttls)" },
	{ "nginx, plain HTTP port", "HTTP/1.1 400 Bad Request\r\nServer: "
	    "nginx\r\n", 41, true, -1,
	    "HTTP, not TLS: \"HTTP/1.1 400 Bad Request\"" },
	{ "OpenSSH", "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n", 40, true,
	    -1, "an SSH banner, not TLS: "
	    "\"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\"" },
	{ "prefix longer than the answer", "HTTP", 4, true, -1,
	    "something that is not TLS: \"HTTP\"" },
	{ "garbage", "\x00\xffgarbage\r\n\x7f", 12, true, -1,
	    "something that is not TLS: \"\\x00\\xffgarbage\"" },
	{ "binary, cut", "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a", 10,
	    true, -1, "something that is not TLS: "
	    "\"\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\\x09\"" },
	{ "one NUL byte", "\0", 1, true, -1,
	    "something that is not TLS: \"\\x00\"" },
};

int
main(void)
{
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		unsigned char buf[SNIFF_CAP];
		struct result res;
		int rc;

		/* An exact copy: the sanitizer build sees any read past. */
		memcpy(buf, cases[i].reply, cases[i].len);
		memset(&res, 0, sizeof res);
		rc = sniff_reply(buf, cases[i].len, cases[i].is_hinted, &res);
		CHECKF(rc == cases[i].want_rc &&
		    res.err == (rc == 0 ? CK_E_OK : CK_E_NOT_TLS) &&
		    strcmp(res.detail, cases[i].want_detail) == 0,
		    "%s (got %d, %s, \"%s\")", cases[i].name, rc,
		    ck_strerror(res.err), res.detail);
	}
	return t_exit();
}
