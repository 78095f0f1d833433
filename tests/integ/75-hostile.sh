#!/bin/bash
# SPDX-License-Identifier: MIT
# Hostile servers (tests/hostile/server.py): for each, ccheck fails with
# exit status 2 and one clear line, within --timeout plus 1 s, with a
# bounded peak RSS (tests/maxrss.c), and a good PostgreSQL target in the
# same run still passes.
. "$(dirname "$0")/../lib.sh"

TIMEOUT=2
# Deadline plus one second of margin, in ms.
MAXMS=$(((TIMEOUT + 1) * 1000))
# Peak RSS of a static ccheck is about 0.5 MiB; a hostile server must not
# move it much (KiB).
MAX_RSS_KB=${MAX_RSS_KB:-2048}

pki_make >/dev/null
start_pg "$PKI/leaf-ec.chain.pem" "$PKI/leaf-ec.key"
GOOD=postgres://127.0.0.1:$PG_PORT
GOOD_OUT="$GOOD: ok, expires in 100 days"

musl-gcc -static -Os -o "$T/maxrss" "$TESTS_DIR/maxrss.c" ||
    die "cannot build tests/maxrss.c"

# hostile SCENARIO [server.py args]: starts the server; sets HPORT.
hostile() {
	local pf=$T/hostile.$1.$RANDOM
	python3 "$TESTS_DIR/hostile/server.py" "$@" "$pf" --seconds 120 \
	    </dev/null >"$T/hostile-$1.log" 2>&1 &
	SERVER_PIDS+=($!)
	wait_for 5 test -s "$pf" || die "hostile server $1 did not start"
	HPORT=$(cat "$pf")
}

# rss NAME CCHECK-ARGS...: peak RSS within MAX_RSS_KB, exit status 2.
rss() {
	local name=$1 kb st cpu wall
	shift
	read -r kb st cpu wall < <("$T/maxrss" "$CCHECK" "$@")
	diag "$name: peak RSS $kb KiB, exit $st"
	if [ "$st" = 2 ] && [ "$kb" -le "$MAX_RSS_KB" ]; then
		ok "$name: peak RSS $kb KiB"
	else
		notok "$name: peak RSS" "$kb KiB (limit $MAX_RSS_KB), exit $st"
	fi
}

# attack NAME REASON PROTO_FLAG: the three checks against HPORT.  REASON
# is the exact text after "SPEC: ".  PROTO_FLAG is -P or "" (plain TLS).
attack() {
	local name=$1 reason=$2 flag=$3 spec=127.0.0.1:$HPORT
	local args=(--timeout "$TIMEOUT" -r "$PKI/root.pem")
	[ -n "$flag" ] && args+=("$flag")
	local want="err=$spec: $reason" want2
	# A REASON starting with "~" is an ERE.
	[ "${reason#\~}" != "$reason" ] &&
	    want="err~=$(re_quote "$spec: ")${reason#\~}"
	check_run "$name" 2 "$want" maxms=$MAXMS \
	    -- "$CCHECK" "${args[@]}" "$spec"
	rss "$name" "${args[@]}" "$spec"
	# Good target first and after: order of results is input order.
	if [ -n "$flag" ]; then
		spec=postgres://$spec
	fi
	want2="err=$spec: $reason"
	[ "${reason#\~}" != "$reason" ] &&
	    want2="err~=$(re_quote "$spec: ")${reason#\~}"
	check_run "$name: a good target in the same run passes" 2 \
	    out="$GOOD_OUT" "$want2" maxms=$MAXMS \
	    -- "$CCHECK" --timeout "$TIMEOUT" -r "$PKI/root.pem" "$GOOD" "$spec"
}

hostile silent
attack "accepts and never speaks (postgres)" \
    "timed out: after 2000 ms before TLS (waiting for the server)" -P
attack "accepts and never speaks (tls)" \
    "timed out: after 2000 ms during TLS handshake" ""

hostile drip
attack "one byte a second" "timed out: after 2000 ms during TLS handshake" ""

hostile garbage
attack "garbage answer to SSLRequest" \
    'unexpected reply to SSL request: "\x00\xffgarbage\x0d\x0a\x7f"' -P

hostile e-endless
attack "E and an endless message" "server rejected the SSL request" -P

# The server's FIN may arrive before our ClientHello (EOF) or after it
# (the kernel answers the ClientHello with an RST): both are right.
hostile s-close
REASON_RE='(server closed the connection: during TLS handshake|connection error: connection reset by peer)'
attack "S then close" "~$REASON_RE" -P

hostile s-inject
attack "S and injected bytes (CVE-2021-23222)" \
    "server sent data before the TLS handshake (possible injection, CVE-2021-23222)" -P

hostile alert
attack "TLS alert" "remote error: tls: handshake failure" ""

# Junk where a ServerHello belongs: named as not TLS, quoted; a direct
# PostgreSQL ClientHello fails as direct TLS refused, and auto falls back
# to SSLRequest on a new connection (which gets the junk too).
hostile junk
attack "junk for a ClientHello" \
    'server answered with something that is not TLS: "\x00\xffjunk"' ""
check_run "junk for a direct ClientHello" 2 \
    err="127.0.0.1:$HPORT: server does not accept direct TLS: it answered with something that is not TLS: \"\\x00\\xffjunk\"" \
    maxms=$MAXMS -- "$CCHECK" --timeout "$TIMEOUT" -r "$PKI/root.pem" -P \
    --pg-negotiation=direct "127.0.0.1:$HPORT"
check_run "junk, auto falls back to SSLRequest" 2 \
    err="127.0.0.1:$HPORT: unexpected reply to SSL request: \"\\x00\\xffjunk\\x0d\\x0a\\x7f\"" \
    maxms=$MAXMS -- "$CCHECK" --timeout "$TIMEOUT" -r "$PKI/root.pem" -P \
    --pg-negotiation=auto "127.0.0.1:$HPORT"

hostile reset
attack "reset mid-handshake" "connection error: connection reset by peer" ""

# 50 certificates: the leaf, then the intermediate 49 times.
{
	cat "$PKI/leaf-ec.pem"
	for i in $(seq 49); do cat "$PKI/int.pem"; done
} >"$T/chain50.pem"
hostile tls --cert "$T/chain50.pem" --key "$PKI/leaf-ec.key"
attack "chain of 50 certificates" "certificate chain too large" ""

# A 100 KB certificate: a private extension of 100,000 bytes.
big=$(head -c 100000 /dev/zero | tr '\0' A)
printf '[req]\ndistinguished_name=dn\nprompt=no\n[dn]\nCN=localhost\n[ext]\nsubjectAltName=DNS:localhost\n1.3.6.1.4.1.99999.1=ASN1:UTF8String:%s\n' \
    "$big" >"$T/big.cnf"
openssl req -x509 -new -key "$PKI/leaf-ec.key" -config "$T/big.cnf" \
    -extensions ext -days 30 -out "$T/big.pem" 2>"$T/big.log" ||
    die "cannot make the 100 KB certificate: $(head -n 1 "$T/big.log")"
diag "big certificate: $(openssl x509 -in "$T/big.pem" -outform DER |
    wc -c) bytes of DER"
hostile tls --cert "$T/big.pem" --key "$PKI/leaf-ec.key"
attack "100 KB certificate" "certificate chain too large" ""

# Malformed extensions that OpenSSL still loads and serves (it refuses a
# subjectAltName that does not parse): a subjectAltName whose dNSName
# holds a 0xff byte (not IA5) and whose iPAddress is 5 bytes long, and a
# critical private extension whose value is not DER.  Signed by int.
# GeneralNames: [2] "local\xffhost", [7] 7f000001ff
printf '[req]\ndistinguished_name=dn\nprompt=no\n[dn]\nCN=localhost\n[ext]\nsubjectAltName=DER:%s\n1.3.6.1.4.1.99999.2=critical,DER:ffff\n' \
    "3013820a6c6f63616cff686f737487057f000001ff" >"$T/badext.cnf"
openssl req -new -key "$PKI/leaf-ec.key" -config "$T/badext.cnf" \
    -out "$T/badext.csr" 2>"$T/badext.log" &&
    openssl x509 -req -in "$T/badext.csr" -CA "$PKI/int.pem" \
    -CAkey "$PKI/int.key" -set_serial 77 -days 30 -extfile "$T/badext.cnf" \
    -extensions ext -out "$T/badext.pem" 2>>"$T/badext.log" ||
    die "cannot make badext: $(head -n 1 "$T/badext.log")"
cat "$PKI/int.pem" >>"$T/badext.pem"
hostile tls --cert "$T/badext.pem" --key "$PKI/leaf-ec.key"
attack "certificate with malformed extensions" \
    "x509: unhandled critical extension: 1.3.6.1.4.1.99999.2 in \"CN=localhost\"" ""

finish
