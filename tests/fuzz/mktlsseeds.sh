#!/bin/bash
# SPDX-License-Identifier: MIT
# tests/fuzz/mktlsseeds.sh: writes the seed corpus of fuzz_tls,
# tests/fuzz/corpus/fuzz_tls/, from real servers: the bytes that openssl
# s_server (TLS 1.3 and 1.2, RSA and ECDSA keys of tests/unit/data, with
# and without a certificate request, a HelloRetryRequest) sends back to
# the harness's own fixed ClientHello, captured on 127.0.0.1.  Crash
# inputs (crash-*) are kept.  Run from the repository root after
# make fuzz-build; needs openssl and python3.
# usage: tests/fuzz/mktlsseeds.sh
set -eu
C=tests/fuzz/corpus/fuzz_tls
D=tests/unit/data
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$C"
find "$C" -type f ! -name 'crash-*' -delete
FUZZ_TLS_HELLO=$T/hello build/fuzz/fuzz_tls -runs=0 >/dev/null 2>&1
test -s "$T/hello"

# capture NAME S_SERVER-ARGS...: the server's answer, until it is quiet.
capture() {
	local name=$1 port
	shift
	port=$((20000 + RANDOM % 20000))
	openssl s_server -accept "127.0.0.1:$port" -naccept 1 -quiet \
	    -no_ticket "$@" >/dev/null 2>&1 </dev/null &
	local pid=$!
	python3 - "$port" "$T/hello" "$C/$name" <<'PY'
import socket, sys, time
port, hello, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
for _ in range(50):
    try:
        s = socket.create_connection(("127.0.0.1", port))
        break
    except OSError:
        time.sleep(0.1)
s.sendall(open(hello, "rb").read())
s.settimeout(1.0)
got = b""
try:
    while True:
        b = s.recv(65536)
        if not b:
            break
        got += b
except socket.timeout:
    pass
open(out, "wb").write(got)
PY
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	test -s "$C/$name"
}

RSA="-cert $D/key-rsa.crt -key $D/key-rsa.pem"
EC="-cert $D/key-ec.crt -key $D/key-ec.pem"
capture tls13-rsa $RSA -tls1_3
capture tls13-ec $EC -tls1_3
capture tls13-rsa-certreq $RSA -tls1_3 -verify 1
capture tls13-hrr-p384 $RSA -tls1_3 -groups P-384
capture tls12-ecdhe-rsa $RSA -tls1_2
capture tls12-ecdhe-ec $EC -tls1_2
capture tls12-rsa-kx $RSA -tls1_2 -cipher AES128-GCM-SHA256
capture tls12-cbc $RSA -tls1_2 -cipher ECDHE-RSA-AES128-SHA
capture tls12-rsa-certreq $RSA -tls1_2 -verify 1
capture tls11-ecdhe-rsa $RSA -tls1_1 -cipher ECDHE-RSA-AES128-SHA:@SECLEVEL=0
ls -l "$C"
