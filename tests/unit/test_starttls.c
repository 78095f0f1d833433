/* SPDX-License-Identifier: MIT */
/*
 * starttls: every framer fed scripted dialogues, once with each server
 * turn in one read and once byte by byte: what it sends (exactly), what
 * it wants at the end, and the reason.  Then generated hostile input:
 * an over-long line and endless continuation lines for each line
 * protocol.
 */
#include <stdlib.h>
#include <string.h>

#include "starttls.h"
#include "t.h"

/* One turn: the server sends (S), we send (C), the server closes (E). */
struct turn {
	char who;
	const char *b;
	size_t len;
};
#define S(x) { 'S', x, sizeof x - 1 }
#define C(x) { 'C', x, sizeof x - 1 }
#define E { 'E', "", 0 }

#define MAX_TURNS 10

struct tcase {
	const char *title;
	enum proto proto;
	const char *name;		/* NULL: "mail.example.test" */
	bool is_whole_only;		/* meaningless byte by byte */
	struct turn turns[MAX_TURNS];
	enum framer_want want;		/* after the last turn */
	enum ck_err want_err;
	const char *want_detail;
	enum proto want_proto;		/* PROTO_TLS: proto unchanged */
};

#define LDAP_REQ "\x30\x1d\x02\x01\x01\x77\x18\x80\x16" \
	"1.3.6.1.4.1.1466.20037"
#define XMPP_OPEN(to) "<?xml version='1.0'?><stream:stream " \
	"xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/" \
	"streams' version='1.0' to='" to "'>"
#define XMPP_SERVER_OPEN "<?xml version='1.0'?><stream:stream " \
	"xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/" \
	"streams' id='f00' from='mail.example.test' version='1.0'>"
#define XMPP_STARTTLS "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"
/* 32-byte SSL request, sequence 1: long password, 4.1, SSL, secure. */
#define MYSQL_SSLREQ "\x20\x00\x00\x01" "\x01\x8a\x00\x00" \
	"\x00\x00\x00\x01" "\x21" \
	"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
/* A HandshakeV10 greeting cut after the lower capability flags. */
#define MYSQL_HELLO(caps) "\x19\x00\x00\x00" "\x0a" "8.0.0\0" \
	"\x01\x00\x00\x00" "abcdefgh" "\x00" caps "\x21" "\x02\x00"

static const struct tcase cases[] = {
	/* ---- SMTP ---- */
	{ "smtp: starttls", PROTO_SMTP, NULL, false, {
	    S("220 mx.example.test ESMTP\r\n"),
	    C("EHLO mail.example.test\r\n"),
	    S("250-mx.example.test\r\n250-PIPELINING\r\n250-STARTTLS\r\n"
	      "250 HELP\r\n"),
	    C("STARTTLS\r\n"),
	    S("220 2.0.0 Ready to start TLS\r\n") },
	    FRAMER_TLS, CK_E_OK, "", PROTO_TLS },
	{ "smtp: multi-line greeting, bare LF, last line STARTTLS",
	    PROTO_SMTP, NULL, false, {
	    S("220-mx.example.test ESMTP\n220-no UCE\n220 hello\n"),
	    C("EHLO mail.example.test\r\n"),
	    S("250-mx.example.test\n250 starttls\n"),
	    C("STARTTLS\r\n"),
	    S("220 go ahead\n") },
	    FRAMER_TLS, CK_E_OK, "", PROTO_TLS },
	{ "smtp: ip literal: EHLO ccheck.invalid", PROTO_SMTP, "127.0.0.1",
	    false, {
	    S("220 mx\r\n"),
	    C("EHLO ccheck.invalid\r\n"),
	    S("250-mx\r\n250 STARTTLS\r\n"),
	    C("STARTTLS\r\n"),
	    S("220 go\r\n") },
	    FRAMER_TLS, CK_E_OK, "", PROTO_TLS },
	{ "smtp: ipv6 literal: EHLO ccheck.invalid", PROTO_SMTP, "::1",
	    false, {
	    S("220 mx\r\n"),
	    C("EHLO ccheck.invalid\r\n") },
	    FRAMER_READ, CK_E_OK, "", PROTO_TLS },
	{ "smtp: STARTTLS not offered", PROTO_SMTP, NULL, false, {
	    S("220 mx ESMTP\r\n"),
	    C("EHLO mail.example.test\r\n"),
	    S("250-mx.example.test Hello\r\n250-SIZE 10240000\r\n"
	      "250 HELP\r\n") },
	    FRAMER_FAIL, CK_E_NO_STARTTLS, "\"250-mx.example.test Hello\"",
	    PROTO_TLS },
	{ "smtp: STARTTLS as a parameter is not the keyword", PROTO_SMTP,
	    NULL, false, {
	    S("220 mx\r\n"),
	    C("EHLO mail.example.test\r\n"),
	    S("250-mx\r\n250-X-STARTTLS\r\n250 AUTH STARTTLS\r\n") },
	    FRAMER_FAIL, CK_E_NO_STARTTLS, "\"250-mx\"", PROTO_TLS },
	{ "smtp: EHLO unknown (HELO-only server)", PROTO_SMTP, NULL, false, {
	    S("220 old mx\r\n"),
	    C("EHLO mail.example.test\r\n"),
	    S("502 5.5.2 Error: command not recognized\r\n") },
	    FRAMER_FAIL, CK_E_NO_STARTTLS,
	    "\"502 5.5.2 Error: command not recognized\"", PROTO_TLS },
	{ "smtp: STARTTLS refused", PROTO_SMTP, NULL, false, {
	    S("220 mx\r\n"),
	    C("EHLO mail.example.test\r\n"),
	    S("250-mx\r\n250 STARTTLS\r\n"),
	    C("STARTTLS\r\n"),
	    S("454 4.7.0 TLS not available due to local problem\r\n") },
	    FRAMER_FAIL, CK_E_STARTTLS_REFUSED,
	    "\"454 4.7.0 TLS not available due to local problem\"",
	    PROTO_TLS },
	{ "smtp: greeting 554", PROTO_SMTP, NULL, false, {
	    S("554 5.3.2 no service for you\r\n") },
	    FRAMER_FAIL, CK_E_PROTOCOL, "\"554 5.3.2 no service for you\"",
	    PROTO_TLS },
	{ "smtp: ssh server", PROTO_SMTP, NULL, false, {
	    S("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n") },
	    FRAMER_FAIL, CK_E_PROTOCOL, "\"SSH-2.0-OpenSSH_9.2p1 Debian-2\"",
	    PROTO_TLS },
	{ "smtp: control bytes are escaped", PROTO_SMTP, NULL, false, {
	    S("\x1b[31m\x7f\x80\r\n") },
	    FRAMER_FAIL, CK_E_PROTOCOL, "\"\\x1b[31m\\x7f\\x80\"", PROTO_TLS },
	{ "smtp: 220 and TLS bytes in one read: injection", PROTO_SMTP, NULL,
	    true, {
	    S("220 mx\r\n"),
	    C("EHLO mail.example.test\r\n"),
	    S("250 STARTTLS\r\n"),
	    C("STARTTLS\r\n"),
	    S("220 go\r\n\x16\x03\x03") },
	    FRAMER_FAIL, CK_E_INJECTED, "CVE-2011-0411", PROTO_TLS },
	{ "smtp: a reply queued before our command", PROTO_SMTP, NULL, true, {
	    S("220 mx\r\n250 STARTTLS\r\n") },
	    FRAMER_FAIL, CK_E_PROTOCOL, "\"250 STARTTLS\\x0d\\x0a\"",
	    PROTO_TLS },
	{ "smtp: closes after greeting", PROTO_SMTP, NULL, false, {
	    S("220 mx\r\n"),
	    C("EHLO mail.example.test\r\n"),
	    E },
	    FRAMER_FAIL, CK_E_EOF, "during SMTP", PROTO_TLS },
	{ "smtp: reply line 1 is quoted, cut at 100", PROTO_SMTP, NULL,
	    false, {
	    S("220 mx\r\n"),
	    C("EHLO mail.example.test\r\n"),
	    S("250-0123456789012345678901234567890123456789012345678901234"
	      "567890123456789012345678901234567890123456789012345678901234"
	      "56789\r\n250 HELP\r\n") },
	    FRAMER_FAIL, CK_E_NO_STARTTLS,
	    "\"250-012345678901234567890123456789012345678901234567890123456"
	    "78901234567890123456789012345678901...\"", PROTO_TLS },
	/* ---- LMTP ---- */
	{ "lmtp: starttls", PROTO_LMTP, NULL, false, {
	    S("220 lmtp.example.test Dovecot ready.\r\n"),
	    C("LHLO mail.example.test\r\n"),
	    S("250-lmtp.example.test\r\n250-8BITMIME\r\n250-STARTTLS\r\n"
	      "250 PIPELINING\r\n"),
	    C("STARTTLS\r\n"),
	    S("220 2.0.0 Begin TLS.\r\n") },
	    FRAMER_TLS, CK_E_OK, "", PROTO_TLS },
	{ "lmtp: no STARTTLS", PROTO_LMTP, NULL, false, {
	    S("220 lmtp\r\n"),
	    C("LHLO mail.example.test\r\n"),
	    S("250-lmtp\r\n250 PIPELINING\r\n") },
	    FRAMER_FAIL, CK_E_NO_STARTTLS, "\"250-lmtp\"", PROTO_TLS },
	/* ---- IMAP ---- */
	{ "imap: starttls", PROTO_IMAP, NULL, false, {
	    S("* OK [CAPABILITY IMAP4rev1 STARTTLS] Dovecot ready.\r\n"),
	    C("a CAPABILITY\r\n"),
	    S("* CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS STARTTLS "
	      "LOGINDISABLED\r\na OK Pre-login capabilities listed.\r\n"),
	    C("b STARTTLS\r\n"),
	    S("b OK Begin TLS negotiation now.\r\n") },
	    FRAMER_TLS, CK_E_OK, "", PROTO_TLS },
	{ "imap: untagged lines around, lower-case keyword", PROTO_IMAP, NULL,
	    false, {
	    S("* OK hi\r\n"),
	    C("a CAPABILITY\r\n"),
	    S("* OK still here\r\n* CAPABILITY imap4rev1 starttls\r\n"
	      "a OK done\r\n"),
	    C("b STARTTLS\r\n"),
	    S("* OK about to\r\nb OK go\r\n") },
	    FRAMER_TLS, CK_E_OK, "", PROTO_TLS },
	{ "imap: no STARTTLS", PROTO_IMAP, NULL, false, {
	    S("* OK ready\r\n"),
	    C("a CAPABILITY\r\n"),
	    S("* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\na OK done\r\n") },
	    FRAMER_FAIL, CK_E_NO_STARTTLS,
	    "\"* CAPABILITY IMAP4rev1 AUTH=PLAIN\"", PROTO_TLS },
	{ "imap: STARTTLS refused", PROTO_IMAP, NULL, false, {
	    S("* OK ready\r\n"),
	    C("a CAPABILITY\r\n"),
	    S("* CAPABILITY IMAP4rev1 STARTTLS\r\na OK done\r\n"),
	    C("b STARTTLS\r\n"),
	    S("b NO [UNAVAILABLE] TLS support isn't enabled.\r\n") },
	    FRAMER_FAIL, CK_E_STARTTLS_REFUSED,
	    "\"b NO [UNAVAILABLE] TLS support isn't enabled.\"", PROTO_TLS },
	{ "imap: BYE greeting", PROTO_IMAP, NULL, false, {
	    S("* BYE too many connections\r\n") },
	    FRAMER_FAIL, CK_E_PROTOCOL, "\"* BYE too many connections\"",
	    PROTO_TLS },
	{ "imap: CAPABILITY answered BAD", PROTO_IMAP, NULL, false, {
	    S("* OK ready\r\n"),
	    C("a CAPABILITY\r\n"),
	    S("a BAD what\r\n") },
	    FRAMER_FAIL, CK_E_PROTOCOL, "\"a BAD what\"", PROTO_TLS },
	{ "imap: injection after b OK", PROTO_IMAP, NULL, true, {
	    S("* OK ready\r\n"),
	    C("a CAPABILITY\r\n"),
	    S("* CAPABILITY STARTTLS\r\na OK\r\n"),
	    C("b STARTTLS\r\n"),
	    S("b OK go\r\n* OK injected\r\n") },
	    FRAMER_FAIL, CK_E_INJECTED, "CVE-2011-0411", PROTO_TLS },
	/* ---- POP3 ---- */
	{ "pop3: stls", PROTO_POP3, NULL, false, {
	    S("+OK Dovecot ready.\r\n"),
	    C("CAPA\r\n"),
	    S("+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nSTLS\r\n"
	      "SASL PLAIN\r\n.\r\n"),
	    C("STLS\r\n"),
	    S("+OK Begin TLS negotiation now.\r\n") },
	    FRAMER_TLS, CK_E_OK, "", PROTO_TLS },
	{ "pop3: no STLS", PROTO_POP3, NULL, false, {
	    S("+OK ready\r\n"),
	    C("CAPA\r\n"),
	    S("+OK Capability list follows\r\nTOP\r\nXSTLS\r\n.\r\n") },
	    FRAMER_FAIL, CK_E_NO_STARTTLS, "\"+OK Capability list follows\"",
	    PROTO_TLS },
	{ "pop3: no CAPA", PROTO_POP3, NULL, false, {
	    S("+OK ready\r\n"),
	    C("CAPA\r\n"),
	    S("-ERR unknown command\r\n") },
	    FRAMER_FAIL, CK_E_NO_STARTTLS, "\"-ERR unknown command\"",
	    PROTO_TLS },
	{ "pop3: STLS refused", PROTO_POP3, NULL, false, {
	    S("+OK ready\r\n"),
	    C("CAPA\r\n"),
	    S("+OK\r\nSTLS\r\n.\r\n"),
	    C("STLS\r\n"),
	    S("-ERR [SYS/TEMP] TLS not available\r\n") },
	    FRAMER_FAIL, CK_E_STARTTLS_REFUSED,
	    "\"-ERR [SYS/TEMP] TLS not available\"", PROTO_TLS },
	{ "pop3: -ERR greeting", PROTO_POP3, NULL, false, {
	    S("-ERR go away\r\n") },
	    FRAMER_FAIL, CK_E_PROTOCOL, "\"-ERR go away\"", PROTO_TLS },
	{ "pop3: injection after +OK", PROTO_POP3, NULL, true, {
	    S("+OK ready\r\n"),
	    C("CAPA\r\n"),
	    S("+OK\r\nSTLS\r\n.\r\n"),
	    C("STLS\r\n"),
	    S("+OK go\r\nX") },
	    FRAMER_FAIL, CK_E_INJECTED, "CVE-2011-0411", PROTO_TLS },
	/* ---- FTP ---- */
	{ "ftp: auth tls", PROTO_FTP, NULL, false, {
	    S("220 (vsFTPd 3.0.3)\r\n"),
	    C("AUTH TLS\r\n"),
	    S("234 Proceed with negotiation.\r\n") },
	    FRAMER_TLS, CK_E_OK, "", PROTO_TLS },
	{ "ftp: multi-line greeting with free text lines", PROTO_FTP, NULL,
	    false, {
	    S("220-Welcome\r\n  to the archive\r\n220-more\r\n220 ready\r\n"),
	    C("AUTH TLS\r\n"),
	    S("234 AUTH TLS successful\r\n") },
	    FRAMER_TLS, CK_E_OK, "", PROTO_TLS },
	{ "ftp: 530 to AUTH (vsftpd without ssl_enable)", PROTO_FTP, NULL,
	    false, {
	    S("220 ftp\r\n"),
	    C("AUTH TLS\r\n"),
	    S("530 Please login with USER and PASS.\r\n") },
	    FRAMER_FAIL, CK_E_NO_STARTTLS,
	    "\"530 Please login with USER and PASS.\"", PROTO_TLS },
	{ "ftp: AUTH TLS refused", PROTO_FTP, NULL, false, {
	    S("220 ftp\r\n"),
	    C("AUTH TLS\r\n"),
	    S("534 Request denied for policy reasons.\r\n") },
	    FRAMER_FAIL, CK_E_STARTTLS_REFUSED,
	    "\"534 Request denied for policy reasons.\"", PROTO_TLS },
	{ "ftp: AUTH unknown command", PROTO_FTP, NULL, false, {
	    S("220 ftp\r\n"),
	    C("AUTH TLS\r\n"),
	    S("500 AUTH not understood\r\n") },
	    FRAMER_FAIL, CK_E_NO_STARTTLS, "\"500 AUTH not understood\"",
	    PROTO_TLS },
	{ "ftp: 421 greeting", PROTO_FTP, NULL, false, {
	    S("421 There are too many connections.\r\n") },
	    FRAMER_FAIL, CK_E_PROTOCOL,
	    "\"421 There are too many connections.\"", PROTO_TLS },
	/* ---- NNTP ---- */
	{ "nntp: starttls", PROTO_NNTP, NULL, false, {
	    S("200 news.example.test InterNetNews NNRP server ready\r\n"),
	    C("CAPABILITIES\r\n"),
	    S("101 Capability list:\r\nVERSION 2\r\nREADER\r\nSTARTTLS\r\n"
	      "LIST ACTIVE NEWSGROUPS\r\n.\r\n"),
	    C("STARTTLS\r\n"),
	    S("382 Begin TLS negotiation now\r\n") },
	    FRAMER_TLS, CK_E_OK, "", PROTO_TLS },
	{ "nntp: 201 greeting, no STARTTLS", PROTO_NNTP, NULL, false, {
	    S("201 news ready (no posting)\r\n"),
	    C("CAPABILITIES\r\n"),
	    S("101 Capability list:\r\nVERSION 2\r\nREADER\r\n.\r\n") },
	    FRAMER_FAIL, CK_E_NO_STARTTLS, "\"101 Capability list:\"",
	    PROTO_TLS },
	{ "nntp: STARTTLS refused", PROTO_NNTP, NULL, false, {
	    S("200 ready\r\n"),
	    C("CAPABILITIES\r\n"),
	    S("101 Capability list:\r\nSTARTTLS\r\n.\r\n"),
	    C("STARTTLS\r\n"),
	    S("580 Can not initiate TLS negotiation\r\n") },
	    FRAMER_FAIL, CK_E_STARTTLS_REFUSED,
	    "\"580 Can not initiate TLS negotiation\"", PROTO_TLS },
	{ "nntp: 502 greeting", PROTO_NNTP, NULL, false, {
	    S("502 You have no permission to talk.\r\n") },
	    FRAMER_FAIL, CK_E_PROTOCOL,
	    "\"502 You have no permission to talk.\"", PROTO_TLS },
	/* ---- ManageSieve ---- */
	{ "sieve: starttls", PROTO_SIEVE, NULL, false, {
	    S("\"IMPLEMENTATION\" \"Dovecot Pigeonhole\"\r\n"
	      "\"SIEVE\" \"fileinto reject envelope\"\r\n"
	      "\"NOTIFY\" \"mailto\"\r\n\"SASL\" \"\"\r\n\"STARTTLS\"\r\n"
	      "\"VERSION\" \"1.0\"\r\nOK \"Dovecot ready.\"\r\n"),
	    C("STARTTLS\r\n"),
	    S("OK \"Begin TLS negotiation now.\"\r\n") },
	    FRAMER_TLS, CK_E_OK, "", PROTO_TLS },
	{ "sieve: no STARTTLS", PROTO_SIEVE, NULL, false, {
	    S("\"IMPLEMENTATION\" \"x\"\r\n\"SASL\" \"PLAIN\"\r\nOK\r\n") },
	    FRAMER_FAIL, CK_E_NO_STARTTLS, "\"\"IMPLEMENTATION\" \"x\"\"",
	    PROTO_TLS },
	{ "sieve: STARTTLS refused", PROTO_SIEVE, NULL, false, {
	    S("\"STARTTLS\"\r\nOK \"ready\"\r\n"),
	    C("STARTTLS\r\n"),
	    S("NO \"TLS not configured\"\r\n") },
	    FRAMER_FAIL, CK_E_STARTTLS_REFUSED, "\"NO \"TLS not configured\"\"",
	    PROTO_TLS },
	{ "sieve: BYE greeting", PROTO_SIEVE, NULL, false, {
	    S("BYE \"too many\"\r\n") },
	    FRAMER_FAIL, CK_E_PROTOCOL, "\"BYE \"too many\"\"", PROTO_TLS },
	/* ---- auto ---- */
	{ "auto: 220 is SMTP", PROTO_STARTTLS_AUTO, NULL, false, {
	    S("220 mx ESMTP\r\n"),
	    C("EHLO mail.example.test\r\n"),
	    S("250-mx\r\n250 STARTTLS\r\n"),
	    C("STARTTLS\r\n"),
	    S("220 go\r\n") },
	    FRAMER_TLS, CK_E_OK, "", PROTO_SMTP },
	{ "auto: * OK is IMAP", PROTO_STARTTLS_AUTO, NULL, false, {
	    S("* OK ready\r\n"),
	    C("a CAPABILITY\r\n"),
	    S("* CAPABILITY IMAP4rev1 STARTTLS\r\na OK\r\n"),
	    C("b STARTTLS\r\n"),
	    S("b OK\r\n") },
	    FRAMER_TLS, CK_E_OK, "", PROTO_IMAP },
	{ "auto: +OK is POP3", PROTO_STARTTLS_AUTO, NULL, false, {
	    S("+OK ready\r\n"),
	    C("CAPA\r\n"),
	    S("+OK\r\nSTLS\r\n.\r\n"),
	    C("STLS\r\n"),
	    S("+OK\r\n") },
	    FRAMER_TLS, CK_E_OK, "", PROTO_POP3 },
	{ "auto: multi-line 220 greeting", PROTO_STARTTLS_AUTO, NULL, false, {
	    S("220-mx\r\n220 mx\r\n"),
	    C("EHLO mail.example.test\r\n") },
	    FRAMER_READ, CK_E_OK, "", PROTO_SMTP },
	{ "auto: an HTTP server", PROTO_STARTTLS_AUTO, NULL, false, {
	    S("HTTP/1.1 400 Bad Request\r\n") },
	    FRAMER_FAIL, CK_E_PROTOCOL, "\"HTTP/1.1 400 Bad Request\"",
	    PROTO_STARTTLS_AUTO },
	{ "auto: closes at once", PROTO_STARTTLS_AUTO, NULL, false, {
	    E },
	    FRAMER_FAIL, CK_E_EOF, "before the greeting",
	    PROTO_STARTTLS_AUTO },
	/* ---- LDAP ---- */
	{ "ldap: starttls", PROTO_LDAP, NULL, false, {
	    C(LDAP_REQ),
	    S("\x30\x0c\x02\x01\x01\x78\x07\x0a\x01\x00\x04\x00\x04\x00") },
	    FRAMER_TLS, CK_E_OK, "", PROTO_TLS },
	{ "ldap: starttls, responseName, long-form length", PROTO_LDAP, NULL,
	    false, {
	    C(LDAP_REQ),
	    S("\x30\x84\x00\x00\x00\x24\x02\x01\x01\x78\x1f\x0a\x01\x00"
	      "\x04\x00\x04\x00\x8a\x16" "1.3.6.1.4.1.1466.20037") },
	    FRAMER_TLS, CK_E_OK, "", PROTO_TLS },
	{ "ldap: protocolError: not offered", PROTO_LDAP, NULL, false, {
	    C(LDAP_REQ),
	    S("\x30\x2c\x02\x01\x01\x78\x27\x0a\x01\x02\x04\x00\x04\x20"
	      "unsupported extended operation\n\x01") },
	    FRAMER_FAIL, CK_E_NO_STARTTLS,
	    "resultCode 2, \"unsupported extended operation\\x0a\\x01\"",
	    PROTO_TLS },
	{ "ldap: unavailable: refused", PROTO_LDAP, NULL, false, {
	    C(LDAP_REQ),
	    S("\x30\x1e\x02\x01\x01\x78\x19\x0a\x01\x34\x04\x00\x04\x12"
	      "TLS not configured") },
	    FRAMER_FAIL, CK_E_STARTTLS_REFUSED,
	    "resultCode 52, \"TLS not configured\"", PROTO_TLS },
	{ "ldap: notice of disconnection", PROTO_LDAP, NULL, false, {
	    C(LDAP_REQ),
	    S("\x30\x0c\x02\x01\x00\x78\x07\x0a\x01\x34\x04\x00\x04\x00") },
	    FRAMER_FAIL, CK_E_STARTTLS_REFUSED, "resultCode 52, \"\"",
	    PROTO_TLS },
	{ "ldap: wrong message id", PROTO_LDAP, NULL, false, {
	    C(LDAP_REQ),
	    S("\x30\x0c\x02\x01\x07\x78\x07\x0a\x01\x00\x04\x00\x04\x00") },
	    FRAMER_FAIL, CK_E_PROTOCOL,
	    "\"0\\x0c\\x02\\x01\\x07x\\x07\\x0a\\x01\\x00\\x04\\x00\\x04\\x00\"",
	    PROTO_TLS },
	{ "ldap: inner length past the message", PROTO_LDAP, NULL, false, {
	    C(LDAP_REQ),
	    S("\x30\x05\x02\x01\x01\x78\x7f") },
	    FRAMER_FAIL, CK_E_PROTOCOL, "\"0\\x05\\x02\\x01\\x01x\\x7f\"",
	    PROTO_TLS },
	{ "ldap: 2 GiB message", PROTO_LDAP, NULL, false, {
	    C(LDAP_REQ),
	    S("\x30\x84\x7f\xff\xff\xff") },
	    FRAMER_FAIL, CK_E_TOO_LONG,
	    "an LDAP message of more than 4096 bytes", PROTO_TLS },
	{ "ldap: indefinite length", PROTO_LDAP, NULL, false, {
	    C(LDAP_REQ),
	    S("\x30\x80") },
	    FRAMER_FAIL, CK_E_TOO_LONG,
	    "an LDAP message of more than 4096 bytes", PROTO_TLS },
	{ "ldap: injection after success", PROTO_LDAP, NULL, true, {
	    C(LDAP_REQ),
	    S("\x30\x0c\x02\x01\x01\x78\x07\x0a\x01\x00\x04\x00\x04\x00"
	      "\x16") },
	    FRAMER_FAIL, CK_E_INJECTED, "CVE-2011-0411", PROTO_TLS },
	{ "ldap: not LDAP (byte by byte: 1 byte to quote)", PROTO_LDAP, NULL,
	    true, {
	    C(LDAP_REQ),
	    S("220 mx\r\n") },
	    FRAMER_FAIL, CK_E_PROTOCOL, "\"220 mx\\x0d\\x0a\"", PROTO_TLS },
	{ "ldap: closes", PROTO_LDAP, NULL, false, {
	    C(LDAP_REQ),
	    E },
	    FRAMER_FAIL, CK_E_EOF, "in reply to the LDAP StartTLS request",
	    PROTO_TLS },
	/* ---- MySQL ---- */
	{ "mysql: ssl request", PROTO_MYSQL, NULL, false, {
	    S(MYSQL_HELLO("\x00\x08")),
	    C(MYSQL_SSLREQ) },
	    FRAMER_TLS, CK_E_OK, "", PROTO_TLS },
	{ "mysql: no CLIENT_SSL", PROTO_MYSQL, NULL, false, {
	    S(MYSQL_HELLO("\xff\xf7")) },
	    FRAMER_FAIL, CK_E_NO_STARTTLS, "\"8.0.0\"", PROTO_TLS },
	{ "mysql: error packet", PROTO_MYSQL, NULL, false, {
	    S("\x1d\x00\x00\x00\xff\x10\x04#08004Too many connections") },
	    FRAMER_FAIL, CK_E_STARTTLS_REFUSED,
	    "error 1040, \"Too many connections\"", PROTO_TLS },
	{ "mysql: error packet without SQLSTATE", PROTO_MYSQL, NULL, false, {
	    S("\x13\x00\x00\x00\xff\x6a\x04Host not allowed") },
	    FRAMER_FAIL, CK_E_STARTTLS_REFUSED,
	    "error 1130, \"Host not allowed\"", PROTO_TLS },
	{ "mysql: protocol 9", PROTO_MYSQL, NULL, false, {
	    S("\x02\x00\x00\x00\x09x") },
	    FRAMER_FAIL, CK_E_PROTOCOL, "\"\\x02\\x00\\x00\\x00\\x09x\"",
	    PROTO_TLS },
	{ "mysql: greeting cut short", PROTO_MYSQL, NULL, false, {
	    S("\x09\x00\x00\x00\x0a" "8.0\0abcd") },
	    FRAMER_FAIL, CK_E_PROTOCOL,
	    "\"\\x09\\x00\\x00\\x00\\x0a8.0\\x00abcd\"", PROTO_TLS },
	{ "mysql: version without NUL", PROTO_MYSQL, NULL, false, {
	    S("\x04\x00\x00\x00\x0a" "8.0") },
	    FRAMER_FAIL, CK_E_PROTOCOL, "\"\\x04\\x00\\x00\\x00\\x0a8.0\"",
	    PROTO_TLS },
	{ "mysql: sequence 1 greeting", PROTO_MYSQL, NULL, false, {
	    S("\x01\x00\x00\x01\x0a") },
	    FRAMER_FAIL, CK_E_PROTOCOL, "\"\\x01\\x00\\x00\\x01\\x0a\"",
	    PROTO_TLS },
	{ "mysql: 16 MiB packet", PROTO_MYSQL, NULL, false, {
	    S("\xff\xff\xff\x00") },
	    FRAMER_FAIL, CK_E_TOO_LONG, "a MySQL packet of 16777215 bytes",
	    PROTO_TLS },
	{ "mysql: bytes after the greeting", PROTO_MYSQL, NULL, true, {
	    S(MYSQL_HELLO("\x00\x08") "\x16\x03") },
	    FRAMER_FAIL, CK_E_PROTOCOL, "\"\\x16\\x03\"", PROTO_TLS },
	{ "mysql: closes", PROTO_MYSQL, NULL, false, {
	    E },
	    FRAMER_FAIL, CK_E_EOF, "before the MySQL greeting", PROTO_TLS },
	/* ---- XMPP ---- */
	{ "xmpp: starttls", PROTO_XMPP, NULL, false, {
	    C(XMPP_OPEN("mail.example.test")),
	    S(XMPP_SERVER_OPEN "<stream:features><starttls xmlns='urn:ietf:"
	      "params:xml:ns:xmpp-tls'><required/></starttls>"
	      "</stream:features>"),
	    C(XMPP_STARTTLS),
	    S("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>") },
	    FRAMER_TLS, CK_E_OK, "", PROTO_TLS },
	{ "xmpp: proceed with an end tag, keepalive before", PROTO_XMPP, NULL,
	    false, {
	    C(XMPP_OPEN("mail.example.test")),
	    S(XMPP_SERVER_OPEN "<stream:features><starttls xmlns='urn:ietf:"
	      "params:xml:ns:xmpp-tls'/></stream:features>"),
	    C(XMPP_STARTTLS),
	    S(" \n<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'>"
	      "</proceed>") },
	    FRAMER_TLS, CK_E_OK, "", PROTO_TLS },
	{ "xmpp: name with a quote is not sent", PROTO_XMPP, "a'b", false, {
	    C(XMPP_OPEN("ccheck.invalid")) },
	    FRAMER_READ, CK_E_OK, "", PROTO_TLS },
	{ "xmpp: no starttls", PROTO_XMPP, NULL, false, {
	    C(XMPP_OPEN("mail.example.test")),
	    S(XMPP_SERVER_OPEN "<stream:features><mechanisms xmlns='urn:"
	      "ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism>"
	      "</mechanisms></stream:features>") },
	    FRAMER_FAIL, CK_E_NO_STARTTLS,
	    "\"<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:"
	    "xmpp-sasl'><mechanism>PLAIN</mechanis...\"",
	    PROTO_TLS },
	{ "xmpp: empty features", PROTO_XMPP, NULL, false, {
	    C(XMPP_OPEN("mail.example.test")),
	    S(XMPP_SERVER_OPEN "<stream:features/>") },
	    FRAMER_FAIL, CK_E_NO_STARTTLS, "\"<stream:features/>\"",
	    PROTO_TLS },
	{ "xmpp: failure", PROTO_XMPP, NULL, false, {
	    C(XMPP_OPEN("mail.example.test")),
	    S(XMPP_SERVER_OPEN "<stream:features><starttls xmlns='urn:ietf:"
	      "params:xml:ns:xmpp-tls'/></stream:features>"),
	    C(XMPP_STARTTLS),
	    S("<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>") },
	    FRAMER_FAIL, CK_E_STARTTLS_REFUSED,
	    "\"<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>\"",
	    PROTO_TLS },
	{ "xmpp: host-unknown", PROTO_XMPP, NULL, false, {
	    C(XMPP_OPEN("mail.example.test")),
	    S(XMPP_SERVER_OPEN "<stream:error><host-unknown xmlns='urn:ietf:"
	      "params:xml:ns:xmpp-streams'/></stream:error>") },
	    FRAMER_FAIL, CK_E_PROTOCOL,
	    "\"<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:"
	    "xmpp-streams'/></stream:error>\"", PROTO_TLS },
	{ "xmpp: injection after proceed", PROTO_XMPP, NULL, true, {
	    C(XMPP_OPEN("mail.example.test")),
	    S(XMPP_SERVER_OPEN "<stream:features><starttls/>"
	      "</stream:features>"),
	    C(XMPP_STARTTLS),
	    S("<proceed/>\x16\x03") },
	    FRAMER_FAIL, CK_E_INJECTED, "CVE-2011-0411", PROTO_TLS },
	{ "xmpp: something else", PROTO_XMPP, NULL, false, {
	    C(XMPP_OPEN("mail.example.test")),
	    S(XMPP_SERVER_OPEN "<stream:features><starttls/>"
	      "</stream:features>"),
	    C(XMPP_STARTTLS),
	    S("<iq type='get'/>") },
	    FRAMER_FAIL, CK_E_PROTOCOL, "\"<iq type='get'/>\"", PROTO_TLS },
	/* ---- PostgreSQL through the same driver ---- */
	{ "postgres: S", PROTO_POSTGRES, NULL, false, {
	    C("\x00\x00\x00\x08\x04\xd2\x16\x2f"),
	    S("S") },
	    FRAMER_TLS, CK_E_OK, "", PROTO_TLS },
	{ "postgres: S and more", PROTO_POSTGRES, NULL, true, {
	    C("\x00\x00\x00\x08\x04\xd2\x16\x2f"),
	    S("SX") },
	    FRAMER_FAIL, CK_E_INJECTED, "CVE-2021-23222", PROTO_TLS },
	{ "tls: TLS at once", PROTO_TLS, NULL, false, { { 0, NULL, 0 } },
	    FRAMER_TLS, CK_E_OK, "", PROTO_TLS },
};

static const char *const want_names[] = {
	"WRITE", "READ", "TLS", "FAIL"
};

/*
 * Plays c against a fresh framer, feeding each server turn in one read
 * (is_bytewise false) or one byte a read.  Returns NULL when every turn
 * and the end matched, else why not (in buf).
 */
static const char *
play(const struct tcase *c, bool is_bytewise, char *buf, size_t cap)
{
	static struct framer f;		/* 8 KiB: not on the stack */
	struct result res;
	enum framer_want w;
	unsigned char got[FRAMER_OUT_CAP];
	size_t i;
	size_t k;

	memset(&res, 0, sizeof res);
	w = framer_start(&f, c->proto, c->name != NULL ? c->name :
	    "mail.example.test", &res);
	for (i = 0; i < MAX_TURNS && c->turns[i].who != 0; i++) {
		const struct turn *t = &c->turns[i];
		size_t n = 0;

		switch (t->who) {
		case 'C':
			while (w == FRAMER_WRITE) {
				const unsigned char *out;
				size_t len;
				size_t step;

				out = framer_out(&f, &len);
				step = is_bytewise ? 1 : len;
				if (n + step > sizeof got) {
					snprintf(buf, cap, "turn %zu: output "
					    "too long", i);
					return buf;
				}
				memcpy(got + n, out, step);
				n += step;
				w = framer_sent(&f, step);
			}
			if (n != t->len || memcmp(got, t->b, n) != 0) {
				char esc[200];

				ck_escape(esc, sizeof esc, got, n);
				snprintf(buf, cap, "turn %zu: sent \"%s\"", i,
				    esc);
				return buf;
			}
			break;
		case 'S':
			if (w != FRAMER_READ) {
				snprintf(buf, cap, "turn %zu: wants %s, not "
				    "READ (%s)", i, want_names[w],
				    ck_strerror(res.err));
				return buf;
			}
			for (k = 0; k < t->len && w == FRAMER_READ; k += n) {
				unsigned char *in;
				size_t room;

				in = framer_in(&f, &room);
				n = is_bytewise ? 1 : t->len - k;
				if (n > room) {
					n = room;
				}
				memcpy(in, t->b + k, n);
				w = framer_received(&f, n, &res);
			}
			break;
		case 'E':
			framer_eof(&f, &res);
			w = FRAMER_FAIL;
			break;
		}
	}
	if (w != c->want || res.err != c->want_err ||
	    strcmp(res.detail, c->want_detail) != 0) {
		snprintf(buf, cap, "wants %s, %s \"%s\"", want_names[w],
		    ck_strerror(res.err), res.detail);
		return buf;
	}
	if (c->want_proto != PROTO_TLS && f.proto != c->want_proto) {
		snprintf(buf, cap, "proto %d, want %d", (int)f.proto,
		    (int)c->want_proto);
		return buf;
	}
	return NULL;
}

/*
 * For each protocol: server chunks that bring the framer to a state where
 * it reads a list (each followed by sending what it queued), and a line
 * it accepts there again and again.
 */
static const struct {
	enum proto proto;
	const char *pre[2];
	const char *line;
	const char *want_long;		/* reason detail for a line too long */
} hostiles[] = {
	{ PROTO_SMTP, { NULL, NULL }, "220-", "a line of more than 4096 bytes" },
	{ PROTO_LMTP, { "220 hi\r\n", NULL }, "250-",
	    "a line of more than 4096 bytes" },
	{ PROTO_FTP, { NULL, NULL }, "220-", "a line of more than 4096 bytes" },
	{ PROTO_IMAP, { "* OK hi\r\n", NULL }, "* ",
	    "a line of more than 4096 bytes" },
	{ PROTO_POP3, { "+OK hi\r\n", "+OK\r\n" }, "X",
	    "a line of more than 4096 bytes" },
	{ PROTO_NNTP, { "200 hi\r\n", "101 caps\r\n" }, "X",
	    "a line of more than 4096 bytes" },
	{ PROTO_SIEVE, { NULL, NULL }, "\"X\" ",
	    "a line of more than 4096 bytes" },
	{ PROTO_STARTTLS_AUTO, { NULL, NULL }, "220-",
	    "a line of more than 4096 bytes" },
	{ PROTO_XMPP, { NULL, NULL }, NULL,
	    "an XMPP element of more than 4096 bytes" },
};

static enum framer_want
feed(struct framer *f, const void *p, size_t len, struct result *res)
{
	unsigned char *in;
	size_t room;
	enum framer_want w;

	in = framer_in(f, &room);
	if (len > room) {
		len = room;
	}
	memcpy(in, p, len);
	w = framer_received(f, len, res);
	while (w == FRAMER_WRITE) {
		(void)framer_out(f, &len);
		w = framer_sent(f, len);
	}
	return w;
}

/*
 * After the preamble, feeds either one line without end (is_lines false:
 * must stop at FRAMER_IN_CAP) or the list line, 80 bytes with CRLF,
 * forever (must stop at FRAMER_READ_MAX).
 */
static void
hostile(size_t i, bool is_lines)
{
	static struct framer f;
	unsigned char line[80];
	struct result res;
	enum framer_want w;
	size_t total = 0;
	size_t j;

	memset(&res, 0, sizeof res);
	w = framer_start(&f, hostiles[i].proto, "mail.example.test", &res);
	while (w == FRAMER_WRITE) {
		size_t len;

		(void)framer_out(&f, &len);
		w = framer_sent(&f, len);
	}
	for (j = 0; j < 2 && hostiles[i].pre[j] != NULL; j++) {
		total += strlen(hostiles[i].pre[j]);
		w = feed(&f, hostiles[i].pre[j], strlen(hostiles[i].pre[j]),
		    &res);
	}
	memset(line, 'A', sizeof line);
	if (hostiles[i].line != NULL) {
		memcpy(line, hostiles[i].line, strlen(hostiles[i].line));
	}
	if (is_lines) {
		line[sizeof line - 2] = '\r';
		line[sizeof line - 1] = '\n';
	}
	while (w == FRAMER_READ && total < 2 * FRAMER_READ_MAX) {
		size_t room;

		(void)framer_in(&f, &room);
		total += room < sizeof line ? room : sizeof line;
		w = feed(&f, line, sizeof line, &res);
		if (!is_lines && hostiles[i].line != NULL) {
			memset(line, 'A', strlen(hostiles[i].line));
		}
	}
	if (is_lines) {
		CHECKF(w == FRAMER_FAIL && res.err == CK_E_TOO_LONG &&
		    strcmp(res.detail, "more than 65536 bytes before TLS") ==
		    0 && total > FRAMER_READ_MAX && total <= FRAMER_READ_MAX + 80,
		    "%s: endless list lines stop after %u bytes (%s, \"%s\", "
		    "read %zu)", proto_name(hostiles[i].proto), FRAMER_READ_MAX,
		    ck_strerror(res.err), res.detail, total);
		return;
	}
	CHECKF(w == FRAMER_FAIL && res.err == CK_E_TOO_LONG &&
	    (hostiles[i].want_long == NULL ||
	    strcmp(res.detail, hostiles[i].want_long) == 0) &&
	    total <= FRAMER_IN_CAP + 80,
	    "%s: a line without end stops at %u bytes (%s, \"%s\", read "
	    "%zu)", proto_name(hostiles[i].proto), FRAMER_IN_CAP,
	    ck_strerror(res.err), res.detail, total);
}

int
main(void)
{
	char why[512];
	const char *w;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		w = play(&cases[i], false, why, sizeof why);
		CHECKF(w == NULL, "%s%s%s", cases[i].title, w ? ": " : "",
		    w ? w : "");
		if (cases[i].is_whole_only) {
			continue;
		}
		w = play(&cases[i], true, why, sizeof why);
		CHECKF(w == NULL, "%s, byte by byte%s%s", cases[i].title,
		    w ? ": " : "", w ? w : "");
	}
	for (i = 0; i < sizeof hostiles / sizeof hostiles[0]; i++) {
		hostile(i, false);
		if (hostiles[i].line != NULL) {
			hostile(i, true);
		}
	}
	CHECK(strcmp(proto_name(PROTO_STARTTLS_AUTO), "auto") == 0);
	CHECK(proto_by_scheme("SMTP", 4)->proto == PROTO_SMTP);
	CHECK(proto_by_scheme("smtps", 5)->proto == PROTO_TLS &&
	    proto_by_scheme("smtps", 5)->port == 465);
	CHECK(proto_by_scheme("ldaps", 5)->port == 636);
	CHECK(proto_by_scheme("smt", 3) == NULL);
	CHECK(proto_default_port(PROTO_MYSQL) == 3306);
	CHECK(proto_default_port(PROTO_SIEVE) == 4190);
	return t_exit();
}
