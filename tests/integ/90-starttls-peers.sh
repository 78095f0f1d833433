#!/bin/bash
# SPDX-License-Identifier: MIT
# STARTTLS against scripted peers (tests/peers/dialog.py): for every
# framer a server that does not offer STARTTLS, one that refuses it and
# one that sends an over-long line or message, with the exact reason and
# the exact bytes ccheck sent; endless continuation lines, injection after
# the go-ahead, auto-detection of a non-mail greeting; NNTP end to end
# (greeting, CAPABILITIES, STARTTLS, 382, then a real TLS handshake with
# Python's ssl) because no NNTP daemon from Debian runs here (see
# README); and the --starttls command line.
. "$(dirname "$0")/../lib.sh"
pki_make
A=127.0.0.1
PEERS=()

# peer NAME < SCRIPT: a listener NAME playing SCRIPT; sets PORT_NAME.
peer() {
	local p
	p=$(free_port) || die "no free port"
	cat >"$T/peer-$1.txt"
	printf -v "PORT_$1" '%s' "$p"
	PEERS+=("$1:$p:$T/peer-$1.txt")
}
# sent NAME: what the clients sent to NAME, one repr line per connection.
sent() {
	cat "$T/peer-$1.txt.got" 2>/dev/null
}
# check_sent NAME WANT: the last connection to NAME sent exactly WANT.
check_sent() {
	local got
	got=$(sent "$1" | tail -n 1)
	if [ "$got" = "$2" ]; then
		ok "$1: bytes sent"
	else
		notok "$1: bytes sent" "got $got, want $2"
	fi
}
LONG=$(printf '%05000d' 0)

# ---- SMTP -------------------------------------------------------------------
peer smtp_no <<'S'
> 220 mx.example.test ESMTP\r\n
<
> 250-mx.example.test\r\n250-SIZE 1000\r\n250 HELP\r\n
<
S
peer smtp_refused <<'S'
> 220 mx ESMTP\r\n
<
> 250-mx\r\n250 STARTTLS\r\n
<
> 454 4.7.0 TLS not available due to local problem\r\n
S
peer smtp_long <<S
> 220 $LONG\r\n
S
peer smtp_endless <<'S'
repeat 2000 > 220-and on and on and on and on and on and on and on and on\r\n
S
peer smtp_inject <<'S'
> 220 mx\r\n
<
> 250 STARTTLS\r\n
<
> 220 go ahead\r\n250 injected\r\n
S
peer auto_http <<'S'
> HTTP/1.1 400 Bad Request\r\n
S
# ---- LMTP, IMAP, POP3, FTP, NNTP, ManageSieve ---------------------------------
peer lmtp_no <<'S'
> 220 lmtp ready\r\n
<
> 250-lmtp\r\n250 PIPELINING\r\n
S
peer lmtp_refused <<'S'
> 220 lmtp ready\r\n
<
> 250-lmtp\r\n250 STARTTLS\r\n
<
> 502 5.5.2 not now\r\n
S
peer lmtp_long <<S
> 220 lmtp\r\n
<
> 250-$LONG\r\n
S
peer imap_no <<'S'
> * OK ready\r\n
<
> * CAPABILITY IMAP4rev1 AUTH=PLAIN\r\na OK done\r\n
S
peer imap_refused <<'S'
> * OK ready\r\n
<
> * CAPABILITY IMAP4rev1 STARTTLS\r\na OK done\r\n
<
> b NO [UNAVAILABLE] TLS not available\r\n
S
peer imap_long <<S
> * OK $LONG\r\n
S
peer pop3_no <<'S'
> +OK ready\r\n
<
> +OK\r\nTOP\r\nUIDL\r\n.\r\n
S
peer pop3_refused <<'S'
> +OK ready\r\n
<
> +OK\r\nSTLS\r\n.\r\n
<
> -ERR TLS not available\r\n
S
peer pop3_long <<S
> +OK ready\r\n
<
> +OK\r\n$LONG\r\n.\r\n
S
peer ftp_no <<'S'
> 220 ftp\r\n
<
> 502 AUTH not implemented\r\n
S
peer ftp_refused <<'S'
> 220 ftp\r\n
<
> 534 Request denied for policy reasons.\r\n
S
peer ftp_long <<S
> 220-welcome\r\n$LONG\r\n220 ready\r\n
S
peer nntp_ok <<S
# Modelled on INN 2.7's nnrpd (RFC 3977 5.1, 5.2; RFC 4642 2.2).
> 200 news.example.test InterNetNews NNRP server INN 2.7.1 ready (posting ok)\r\n
<
> 101 Capability list:\r\nVERSION 2\r\nIMPLEMENTATION INN 2.7.1\r\nAUTHINFO\r\nHDR\r\nLIST ACTIVE ACTIVE.TIMES COUNTS DISTRIB.PATS DISTRIBUTIONS HEADERS MODERATORS MOTD NEWSGROUPS OVERVIEW.FMT SUBSCRIPTIONS\r\nNEWNEWS\r\nOVER\r\nPOST\r\nREADER\r\nSTARTTLS\r\n.\r\n
<
> 382 Begin TLS negotiation now\r\n
tls $PKI/leaf-ec.chain.pem $PKI/leaf-ec.key
S
peer nntp_no <<'S'
> 201 news ready (no posting)\r\n
<
> 101 Capability list:\r\nVERSION 2\r\nREADER\r\n.\r\n
S
peer nntp_refused <<'S'
> 200 news ready\r\n
<
> 101 Capability list:\r\nVERSION 2\r\nSTARTTLS\r\n.\r\n
<
> 580 Can not initiate TLS negotiation\r\n
S
peer nntp_long <<S
> 200 $LONG\r\n
S
peer sieve_no <<'S'
> "IMPLEMENTATION" "scripted"\r\n"SASL" "PLAIN"\r\nOK "ready"\r\n
S
peer sieve_refused <<'S'
> "IMPLEMENTATION" "scripted"\r\n"STARTTLS"\r\nOK "ready"\r\n
<
> NO "TLS not configured"\r\n
S
peer sieve_long <<S
> "SIEVE" "$LONG"\r\n
S
# ---- LDAP, MySQL, XMPP --------------------------------------------------------
peer ldap_no <<'S'
<N 31
> \x30\x2b\x02\x01\x01\x78\x26\x0a\x01\x02\x04\x00\x04\x1funsupported extended operation.
S
peer ldap_refused <<'S'
<N 31
> \x30\x1e\x02\x01\x01\x78\x19\x0a\x01\x34\x04\x00\x04\x12TLS not configured
S
peer ldap_long <<'S'
<N 31
> \x30\x84\x00\x01\x00\x00\x02\x01\x01
S
peer mysql_no <<'S'
> \x19\x00\x00\x00\x0a5.7.99\x00\x01\x00\x00\x00abcdefgh\x00\xff\xf7\x21\x02
S
peer mysql_refused <<'S'
> \x1d\x00\x00\x00\xff\x10\x04#08004Too many connections
S
peer mysql_long <<'S'
> \x00\x00\x01\x00\x0a
S
peer xmpp_no <<'S'
<N 135
> <?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='1' from='localhost' version='1.0'><stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>
S
peer xmpp_refused <<'S'
<N 135
> <?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='1' from='localhost' version='1.0'><stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:features>
<N 51
> <failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:stream>
S
peer xmpp_long <<S
<N 135
> <?xml version='1.0'?><stream:stream xmlns='jabber:client' id='1' version='1.0'><stream:features>$LONG
S

READY=$T/peers.ready
python3 "$TESTS_DIR/peers/dialog.py" "$READY" "${PEERS[@]}" \
    </dev/null >"$T/peers.log" 2>&1 &
SERVER_PIDS+=($!)
wait_for 5 test -e "$READY" ||
    die "scripted peers did not start: $(tail -n 1 "$T/peers.log")"

run() {	# run NAME WANT_ERR SPEC [ARGS...]
	local name=$1 want=$2 spec=$3
	shift 3
	check_run "$name" 2 err="$spec: $want" \
	    -- "$CCHECK" -r "$ROOT" --timeout 5 "$@" "$spec"
}
TOO_LINE="server reply too long: a line of more than 4096 bytes"

run smtp_no 'server does not offer STARTTLS: "250-mx.example.test"' \
    "smtp://localhost:$PORT_smtp_no"
check_sent smtp_no "b'EHLO localhost\\r\\n'"
run smtp_no_ip 'server does not offer STARTTLS: "250-mx.example.test"' \
    "smtp://$A:$PORT_smtp_no"
check_sent smtp_no "b'EHLO ccheck.invalid\\r\\n'"
run smtp_refused 'server refused STARTTLS: "454 4.7.0 TLS not available due to local problem"' \
    "smtp://localhost:$PORT_smtp_refused"
check_sent smtp_refused "b'EHLO localhost\\r\\nSTARTTLS\\r\\n'"
run smtp_long "$TOO_LINE" "smtp://$A:$PORT_smtp_long"
run smtp_endless "server reply too long: more than 65536 bytes before TLS" \
    "smtp://$A:$PORT_smtp_endless"
run smtp_inject "server sent data before the TLS handshake (possible injection, CVE-2011-0411)" \
    "smtp://$A:$PORT_smtp_inject"
run auto_http 'unexpected reply from server: "HTTP/1.1 400 Bad Request"' \
    "$A:$PORT_auto_http" -S
run auto_refused 'server refused STARTTLS: "b NO [UNAVAILABLE] TLS not available"' \
    "$A:$PORT_imap_refused" --starttls

run lmtp_no 'server does not offer STARTTLS: "250-lmtp"' \
    "lmtp://localhost:$PORT_lmtp_no"
check_sent lmtp_no "b'LHLO localhost\\r\\n'"
run lmtp_refused 'server refused STARTTLS: "502 5.5.2 not now"' \
    "lmtp://$A:$PORT_lmtp_refused"
run lmtp_long "$TOO_LINE" "lmtp://$A:$PORT_lmtp_long"

run imap_no 'server does not offer STARTTLS: "* CAPABILITY IMAP4rev1 AUTH=PLAIN"' \
    "imap://$A:$PORT_imap_no"
check_sent imap_no "b'a CAPABILITY\\r\\n'"
run imap_refused 'server refused STARTTLS: "b NO [UNAVAILABLE] TLS not available"' \
    "imap://$A:$PORT_imap_refused"
check_sent imap_refused "b'a CAPABILITY\\r\\nb STARTTLS\\r\\n'"
run imap_long "$TOO_LINE" "imap://$A:$PORT_imap_long"

run pop3_no 'server does not offer STARTTLS: "+OK"' "pop3://$A:$PORT_pop3_no"
check_sent pop3_no "b'CAPA\\r\\n'"
run pop3_refused 'server refused STARTTLS: "-ERR TLS not available"' \
    "pop3://$A:$PORT_pop3_refused"
check_sent pop3_refused "b'CAPA\\r\\nSTLS\\r\\n'"
run pop3_long "$TOO_LINE" "pop3://$A:$PORT_pop3_long"

run ftp_no 'server does not offer STARTTLS: "502 AUTH not implemented"' \
    "ftp://$A:$PORT_ftp_no"
check_sent ftp_no "b'AUTH TLS\\r\\n'"
run ftp_refused 'server refused STARTTLS: "534 Request denied for policy reasons."' \
    "ftp://$A:$PORT_ftp_refused"
run ftp_long "$TOO_LINE" "ftp://$A:$PORT_ftp_long"

check_run "nntp: scripted INN dialogue, then TLS" 0 \
    out="nntp://$A:$PORT_nntp_ok: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" "nntp://$A:$PORT_nntp_ok"
check_run "nntp: --starttls=nntp, name localhost" 0 \
    out="localhost:$PORT_nntp_ok: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" --starttls=nntp "localhost:$PORT_nntp_ok"
# Python's ssl reads the ClientHello itself: only the plain bytes show.
check_sent nntp_ok "b'CAPABILITIES\\r\\nSTARTTLS\\r\\n'"
run nntp_no 'server does not offer STARTTLS: "101 Capability list:"' \
    "nntp://$A:$PORT_nntp_no"
run nntp_refused 'server refused STARTTLS: "580 Can not initiate TLS negotiation"' \
    "nntp://$A:$PORT_nntp_refused"
check_sent nntp_refused "b'CAPABILITIES\\r\\nSTARTTLS\\r\\n'"
run nntp_long "$TOO_LINE" "nntp://$A:$PORT_nntp_long"

run sieve_no 'server does not offer STARTTLS: ""IMPLEMENTATION" "scripted""' \
    "sieve://$A:$PORT_sieve_no"
check_sent sieve_no "b''"
run sieve_refused 'server refused STARTTLS: "NO "TLS not configured""' \
    "sieve://$A:$PORT_sieve_refused"
check_sent sieve_refused "b'STARTTLS\\r\\n'"
run sieve_long "$TOO_LINE" "sieve://$A:$PORT_sieve_long"

run ldap_no 'server does not offer STARTTLS: resultCode 2, "unsupported extended operation."' \
    "ldap://$A:$PORT_ldap_no"
check_sent ldap_no "b'0\\x1d\\x02\\x01\\x01w\\x18\\x80\\x161.3.6.1.4.1.1466.20037'"
run ldap_refused 'server refused STARTTLS: resultCode 52, "TLS not configured"' \
    "ldap://$A:$PORT_ldap_refused"
run ldap_long "server reply too long: an LDAP message of more than 4096 bytes" \
    "ldap://$A:$PORT_ldap_long"

run mysql_no 'server does not offer STARTTLS: "5.7.99"' \
    "mysql://$A:$PORT_mysql_no"
check_sent mysql_no "b''"
run mysql_refused 'server refused STARTTLS: error 1040, "Too many connections"' \
    "mysql://$A:$PORT_mysql_refused"
run mysql_long "server reply too long: a MySQL packet of 65536 bytes" \
    "mysql://$A:$PORT_mysql_long"

run xmpp_no "server does not offer STARTTLS: \"<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanis...\"" \
    "xmpp://localhost:$PORT_xmpp_no"
check_sent xmpp_no "b\"<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0' to='localhost'>\""
run xmpp_refused "server refused STARTTLS: \"<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:stream>\"" \
    "xmpp://localhost:$PORT_xmpp_refused"
run xmpp_long "server reply too long: an XMPP element of more than 4096 bytes" \
    "xmpp://localhost:$PORT_xmpp_long"

# ---- the command line ----------------------------------------------------------
check_run "--starttls=bogus is a usage error" 1 \
    err="ccheck: unknown protocol \"bogus\" for --starttls: want smtp, lmtp, imap, pop3, ftp, ldap, mysql, xmpp, nntp, sieve or auto (see ccheck --help)" \
    -- "$CCHECK" --starttls=bogus "$A:1"
check_run "a scheme wins over --starttls" 2 \
    err="imap://$A:$PORT_imap_no: server does not offer STARTTLS: \"* CAPABILITY IMAP4rev1 AUTH=PLAIN\"" \
    -- "$CCHECK" -r "$ROOT" --starttls=smtp "imap://$A:$PORT_imap_no"
check_run "-S then --postgres: the last wins" 2 \
    err~="$A:$PORT_smtp_no: .*" \
    -- "$CCHECK" -r "$ROOT" --timeout 2 -S --postgres "$A:$PORT_smtp_no"
finish
