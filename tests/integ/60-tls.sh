#!/bin/bash
# SPDX-License-Identifier: MIT
# Plain TLS (no --postgres) against openssl s_server: valid ECDSA and RSA
# chains, wrong name, unknown CA, a TLS-1.3-only server, a certificate
# signed with Ed25519 and one with RSA-PSS (both verified), and
# IPv6 when the machine has ::1.
. "$(dirname "$0")/../lib.sh"
pki_make

start_s_server ec "$PKI/leaf-ec.pem" "$PKI/leaf-ec.key" "$PKI/int.pem"
S=127.0.0.1:$PORT
check_run "tls ecdsa chain" 0 out="$S: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" "$S"
check_run "tls ecdsa chain, localhost" 0 \
    out="localhost:$PORT: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" "localhost:$PORT"
check_run "tls ecdsa chain, --postgres against a TLS server" 2 \
    err~="$(re_quote "$S: ")(unexpected reply to SSL request|server closed the connection|connection error|timed out).*" \
    -- "$CCHECK" -P --timeout 3 -r "$ROOT" "$S"
check_run "tls wrong name" 2 \
    err~="$(re_quote "127.0.0.1(wrong.example.test):$PORT: x509: certificate is valid for ")localhost.*, not wrong\.example\.test" \
    -- "$CCHECK" -r "$ROOT" "127.0.0.1(wrong.example.test):$PORT"
check_run "tls unknown CA" 2 \
    err="$S: x509: certificate signed by unknown authority" \
    -- "$CCHECK" -r "$OTHER_ROOT" "$S"
check_run "tls unknown CA, --tap" 2 out="TAP version 13
not ok 1 - $S x509: certificate signed by unknown authority
1..1" -- "$CCHECK" -t -r "$OTHER_ROOT" "$S"

start_s_server rsa "$PKI/leaf-rsa.pem" "$PKI/leaf-rsa.key" "$PKI/int-rsa.pem"
S=127.0.0.1:$PORT
check_run "tls rsa chain" 0 out="$S: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" "$S"
check_run "tls rsa chain, -m 200" 2 err="$S: expires in 100 days" \
    -- "$CCHECK" -m 200 -r "$ROOT" "$S"

start_s_server tls13 "$PKI/leaf-ec.pem" "$PKI/leaf-ec.key" "$PKI/int.pem" \
    -tls1_3
S=127.0.0.1:$PORT
check_run "tls 1.3 only server" 2 \
    err~="$(re_quote "$S: server requires TLS 1.3").*" \
    -- "$CCHECK" -r "$ROOT" "$S"
start_s_server tls12 "$PKI/leaf-ec.pem" "$PKI/leaf-ec.key" "$PKI/int.pem" \
    -tls1_2
S=127.0.0.1:$PORT
check_run "tls 1.2 only server" 0 out="$S: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" "$S"

# The leaf's key is P-256 (the handshake works); its signature is Ed25519.
start_s_server edsig "$PKI/leaf-edsig.pem" "$PKI/leaf-edsig.key" \
    "$PKI/int-ed.pem"
S=127.0.0.1:$PORT
# libpq's OpenSSL verifies Ed25519, and so does ccheck (src/ed25519.c).
check_run "tls leaf signed with Ed25519" 0 \
    out="$S: ok, expires in 100 days" -- "$CCHECK" -r "$ROOT" "$S"
check_run "tls leaf signed with Ed25519, --skip-verify" 0 \
    out="$S: ok, expires in 100 days (not verified: --skip-verify)" \
    -- "$CCHECK" -s -r "$ROOT" "$S"

start_s_server pss "$PKI/leaf-pss.pem" "$PKI/leaf-pss.key" "$PKI/int-rsa.pem"
S=127.0.0.1:$PORT
# libpq's OpenSSL verifies RSA-PSS, and so does ccheck (src/sig.c).
check_run "tls leaf signed with RSA-PSS" 0 \
    out="$S: ok, expires in 100 days" -- "$CCHECK" -r "$ROOT" "$S"

# Every suite family the client profile offers (src/tls.c), each against a
# server that allows only it, and two it leaves out on purpose.  The chain
# header names the version and suite actually negotiated.
suite_case() {
	local kind=$1 version=$2 suite=$3 flag=$4 int=$PKI/int.pem
	[ "$kind" = rsa ] && int=$PKI/int-rsa.pem
	start_s_server "suite-$suite" "$PKI/leaf-$kind.pem" \
	    "$PKI/leaf-$kind.key" "$int" "$flag" -cipher "$suite:@SECLEVEL=0"
	check_run "suite $suite, $version" 0 \
	    out~="$(re_quote "127.0.0.1:$PORT: 2 certificates (tls, $version, $suite)")(.|
)*" -- "$CCHECK" chain -r "$ROOT" "127.0.0.1:$PORT"
}
suite_case ec TLSv1.2 ECDHE-ECDSA-CHACHA20-POLY1305 -tls1_2
suite_case rsa TLSv1.2 ECDHE-RSA-CHACHA20-POLY1305 -tls1_2
suite_case ec TLSv1.2 ECDHE-ECDSA-AES128-GCM-SHA256 -tls1_2
suite_case rsa TLSv1.2 ECDHE-RSA-AES256-GCM-SHA384 -tls1_2
suite_case ec TLSv1.2 ECDHE-ECDSA-AES256-SHA384 -tls1_2
suite_case rsa TLSv1.2 ECDHE-RSA-AES128-SHA256 -tls1_2
suite_case rsa TLSv1.2 AES128-GCM-SHA256 -tls1_2
suite_case rsa TLSv1.2 AES256-SHA256 -tls1_2
suite_case rsa TLSv1.1 AES128-SHA -tls1_1
suite_case ec TLSv1.0 ECDHE-ECDSA-AES256-SHA -tls1
start_s_server dhe "$PKI/leaf-rsa.pem" "$PKI/leaf-rsa.key" \
    "$PKI/int-rsa.pem" -tls1_2 -cipher "DHE-RSA-AES128-GCM-SHA256"
check_run "suite DHE-RSA-AES128-GCM-SHA256: not offered" 2 \
    err="127.0.0.1:$PORT: remote error: tls: handshake failure" \
    -- "$CCHECK" -r "$ROOT" "127.0.0.1:$PORT"
start_s_server ccm "$PKI/leaf-ec.pem" "$PKI/leaf-ec.key" "$PKI/int.pem" \
    -tls1_2 -cipher "ECDHE-ECDSA-AES128-CCM"
check_run "suite ECDHE-ECDSA-AES128-CCM: not offered" 2 \
    err="127.0.0.1:$PORT: remote error: tls: handshake failure" \
    -- "$CCHECK" -r "$ROOT" "127.0.0.1:$PORT"

if python3 -c 'import socket; socket.socket(socket.AF_INET6).bind(("::1", 0))' \
    2>/dev/null; then
	P6=$(free_port) || die "no free port"
	openssl s_server -accept "[::1]:$P6" -6 -cert "$PKI/leaf-ec.pem" \
	    -key "$PKI/leaf-ec.key" -cert_chain "$PKI/int.pem" -www \
	    </dev/null >"$T/s6.log" 2>&1 &
	SERVER_PIDS+=($!)
	if wait_for 5 file_has "$T/s6.log" '^ACCEPT'; then
		check_run "tls ipv6 literal" 0 \
		    out="[::1]:$P6: ok, expires in 100 days" \
		    -- "$CCHECK" -r "$ROOT" "[::1]:$P6"
		check_run "tls ipv6 literal, name" 0 \
		    out="[::1](localhost):$P6: ok, expires in 100 days" \
		    -- "$CCHECK" -r "$ROOT" "[::1](localhost):$P6"
	else
		notok "tls ipv6 literal" "s_server on ::1 did not start"
	fi
else
	ok "tls ipv6 literal # SKIP no ::1 on this machine"
fi

# A leaf key BearSSL cannot use (RSA above 4096 bits): the handshake stops
# in capture, and the reason still says what the key is.
openssl req -x509 -newkey rsa:4200 -nodes -keyout "$T/big.key" \
    -out "$T/big.pem" -subj /CN=localhost -days 30 \
    -addext subjectAltName=DNS:localhost 2>"$T/big.log" ||
    die "cannot make an RSA-4200 certificate: $(head -n 1 "$T/big.log")"
start_s_server big "$T/big.pem" "$T/big.key"
S=127.0.0.1:$PORT
check_run "tls leaf with an RSA-4200 key" 2 \
    err="$S: x509: unsupported RSA key size 4200 bits" \
    -- "$CCHECK" -r "$ROOT" "$S"

finish
