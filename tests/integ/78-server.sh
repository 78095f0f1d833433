#!/bin/bash
# SPDX-License-Identifier: MIT
# ccheck server against real clients (curl, raw sockets, promtool) and
# real targets (openssl s_server, a silent server) on loopback: Go
# ccheck's API (paths, Accept, status codes, JSON fields), /probe parsed
# by promtool, /metrics, --allow refusing before any connection (a
# counting relay sees none), the cache and coalescing (8 concurrent
# requests, one connection at the target), hostile clients (slowloris,
# huge heads, pipelining, half-close, idle connections beyond the
# limit) while others are served, and
# SIGTERM finishing a probe in flight and exiting 0.
. "$(dirname "$0")/../lib.sh"
pki_make
command -v curl >/dev/null || die "curl is not installed"

start_s_server ec "$PKI/leaf-ec.pem" "$PKI/leaf-ec.key" "$PKI/int.pem"
TLS_PORT=$PORT
start_relay tls "$TLS_PORT"
TLS_RELAY=$RPORT
TLS_RELAY_LOG=$RELAY_LOG
start_silent_server
start_relay silent "$PORT"
SILENT=$RPORT
SILENT_LOG=$RELAY_LOG
# A listener that is not allowed: it must never see a connection.
start_relay denied "$TLS_PORT"
DENIED=$RPORT
DENIED_LOG=$RELAY_LOG

cat >"$T/ccheck.toml" <<EOF
# Go ccheck's file, with our [server] keys.
[check]
workers = 4
[server]
bind = "127.0.0.1:1"
prefix = ""
http_read = "1s"
allow = [ "127.0.0.1:$TLS_RELAY", "127.0.0.1:$SILENT" ]
EOF

SP=$(free_port) || die "no free port"
B=http://127.0.0.1:$SP
SLOG=$T/server.log
# Under make check-valgrind the server runs under memcheck too: it is
# what hostile clients talk to.  (Memcheck sees undefined values and bad
# stack and static accesses here; it cannot replace a static binary's
# malloc, so heap errors are the ASan unit tests' and fuzzers' part.)
# shellcheck disable=SC2086
${CCHECK_WRAP:-} "$CCHECK" server --config "$T/ccheck.toml" \
    --bind "127.0.0.1:$SP" -r "$ROOT" --timeout 2 \
    --allow "localhost:$TLS_RELAY" 2>"$SLOG" &
SRV=$!
SERVER_PIDS+=($SRV)
wait_for 30 file_has "$SLOG" "listening on" || die "ccheck server did not start: $(cat "$SLOG")"

# req NAME WANT_STATUS [CURL ARGS...] URL: status and body in $T/body.
req() {
	local name=$1 want=$2 got
	shift 2
	got=$(curl -s -o "$T/body" -D "$T/head" -w '%{http_code}' "$@")
	if [ "$got" = "$want" ]; then
		ok "$name: $want"
	else
		notok "$name: $want" "got $got: $(head -c 300 "$T/body")"
	fi
}

# body_is NAME TEXT / body_has NAME ERE
body_is() {
	if [ "$(cat "$T/body")" = "$2" ]; then
		ok "$1"
	else
		notok "$1" "body $(head -c 300 "$T/body")"
	fi
}
body_has() {
	if grep -Eq -- "$2" "$T/body"; then
		ok "$1"
	else
		notok "$1" "body $(head -c 300 "$T/body")"
	fi
}

S=127.0.0.1:$TLS_RELAY
relay_mark_tls() { RELAY_LOG=$TLS_RELAY_LOG; relay_mark; }

# ---- Go ccheck's API --------------------------------------------------------
relay_mark_tls
req "GET /plain/SPEC, Accept */*" 200 -H 'Accept: */*' "$B/plain/$S"
if python3 - "$T/body" "$S" <<'EOF'
import json, sys
raw = open(sys.argv[1]).read()
assert raw.endswith("]\n\n"), "Go's body ends in a blank line"
a = json.loads(raw)
assert len(a) == 1
e = a[0]
assert set(e) >= {"spec", "result", "error", "timestamp"}, e
assert e["spec"] == sys.argv[2] and e["error"] is None, e
r = e["result"]
assert r["protocol"] == 0 and r["success"] is True, r
assert r["days_left"] == 100 and r["expired"] is False, r
assert isinstance(r["delay"], int) and r["tls_version"].startswith("TLSv1"), r
assert r["cert_serial"] and r["cipher_suite"], r
import re
assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", e["timestamp"]), e
EOF
then ok "JSON: Go ccheck's fields"; else notok "JSON: Go ccheck's fields" "$(cat "$T/body")"; fi
check_conns "one probe for the first request"
file_has "$T/head" '^Content-Type: application/json' && ok "JSON content type" ||
    notok "JSON content type" "$(cat "$T/head")"
req "Accept application/json" 200 -H 'Accept: application/json' "$B/plain/$S"
check_conns "cached: no connection for the second" 0
file_has "$SLOG" "\"GET /plain/$S HTTP/1.1\" 200 [0-9]+ probes=0 cached=1" &&
    ok "log: a cache hit" || notok "log: a cache hit" "$(tail -n 3 "$SLOG")"
req "Accept text/plain" 200 -H 'Accept: text/plain' "$B/plain/$S,localhost:$TLS_RELAY"
body_is "text: one line per SPEC, in request order" "$S: ok, expires in 100 days
localhost:$TLS_RELAY: ok, expires in 100 days"
req "Accept text/html: 415" 415 -H 'Accept: text/html' "$B/plain/$S"
body_is "415 body: Go's" '{"error":"only Content-Type application/json or application/text are supported"}'
req "Accept 'text/plain, */*' weighed (Go: 415)" 200 -H 'Accept: text/plain, */*' "$B/plain/$S"
req "unknown protocol: 400" 400 -H 'Accept: */*' "$B/nope/$S"
body_is "400 body: Go's" '{"error":"unsupported protocol nope"}'
req "no route: 404" 404 "$B/plain"
body_is "404 body: Go's" "404 page not found"
req "three segments: 404" 404 "$B/plain/$S/x"
req "POST: 405" 405 -X POST "$B/plain/$S"
req "a bad SPEC: 400" 400 "$B/plain/a:b:c"
req "starttls route exists" 200 "$B/starttls/$S"
body_has "starttls against a TLS server fails in the element" '"success":false'

# ---- --allow ----------------------------------------------------------------
RELAY_LOG=$DENIED_LOG
relay_mark
req "not allowed: 403" 403 "$B/plain/127.0.0.1:$DENIED"
req "one SPEC not allowed fails the list: 403" 403 "$B/plain/$S,127.0.0.1:$DENIED"
req "/probe not allowed: 403" 403 "$B/probe?target=127.0.0.1:$DENIED"
req "a name that resolves to an allowed address: 403" 403 "$B/plain/localhost:$DENIED"
req "a PEM file is never read: 403" 403 "$B/plain/ccheck.toml"
check_conns "no connection for any refused request" 0

# ---- /probe and /metrics ----------------------------------------------------
req "/probe" 200 "$B/probe?target=$S&module=tls"
# promtool parses it; its one lint is the unit of ccheck_cert_days_left,
# a name the exporter keeps (53-prometheus).
check_run "/probe: promtool check metrics" 3 \
    err="ccheck_cert_days_left use base unit \"seconds\" instead of \"days\"" \
    -- sh -c 'promtool check metrics <"$1"' sh "$T/body"
body_has "/probe: ccheck_probe_success 1" "^ccheck_probe_success\{target=\"$S\"\} 1$"
body_has "/probe: days left" "^ccheck_cert_days_left\{.*\} 100$"
body_has "/probe: per certificate" "^ccheck_cert_expiry_seconds\{"
req "/probe without target: 400" 400 "$B/probe"
req "/probe unknown module: 400" 400 "$B/probe?target=$S&module=gopher"
req "/metrics" 200 "$B/metrics"
if promtool check metrics <"$T/body" >"$T/promtool.out" 2>&1; then
	ok "/metrics: promtool check metrics"
else
	notok "/metrics: promtool check metrics" "$(cat "$T/promtool.out")"
fi
body_has "/metrics: refused counted" '^ccheck_server_refused_total [1-9]'
body_has "/metrics: cache hits counted" '^ccheck_server_cache_hits_total [1-9]'

# ---- coalescing -------------------------------------------------------------
RELAY_LOG=$SILENT_LOG
relay_mark
for i in 1 2 3 4 5 6 7 8; do
	curl -s -o "$T/co.$i" -w '%{http_code}\n' "$B/plain/127.0.0.1:$SILENT" \
	    >"$T/co.$i.code" &
done
answered() { [ "$(cat "$T"/co.*.code 2>/dev/null | grep -c 200)" -eq 8 ]; }
wait_for 10 answered ||
    notok "coalescing: 8 answers" "$(cat "$T"/co.*.code)"
check_conns "coalescing: 8 concurrent requests, one connection"
n=$(grep -c "/plain/127.0.0.1:$SILENT HTTP/1.1\" 200 [0-9]* probes=1" "$SLOG")
j=$(grep -Ec "/plain/127.0.0.1:$SILENT HTTP/1.1\" 200 [0-9]* probes=0 cached=[01] joined=[01]" "$SLOG")
[ "$n" -eq 1 ] && [ "$j" -eq 7 ] && ok "coalescing: the log shows one probe, 7 joined" ||
    notok "coalescing: the log shows one probe, 7 joined" "probes=1: $n, others: $j"
grep -q '"error":"timed out' "$T/co.1" && ok "coalescing: the timeout in each" ||
    notok "coalescing: the timeout in each" "$(cat "$T/co.1")"

# ---- hostile clients --------------------------------------------------------
# raw PYTHON: runs a client script with H (host) and P (port) set.
raw() {
	python3 -c "import socket, sys, time
H, P = '127.0.0.1', $SP
$1" 2>&1
}
out=$(raw '
slow = socket.create_connection((H, P))
slow.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\n")
t0 = time.time()
# Meanwhile another client is served.
c = socket.create_connection((H, P))
c.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
d = b""
while True:
    b = c.recv(65536)
    if not b: break
    d += b
print("other", d.split(b"\r\n")[0].decode())
slow.settimeout(5)
try:
    r = slow.recv(100)
    print("slow", "closed" if r == b"" else r[:20], round(time.time() - t0))
except socket.timeout:
    print("slow still open")
')
[ "$out" = "other HTTP/1.1 200 OK
slow closed 1" ] && ok "slowloris dropped after http_read (1s), another served meanwhile" ||
    notok "slowloris dropped after http_read (1s), another served meanwhile" "$out"
out=$(raw '
c = socket.create_connection((H, P))
c.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n" + b"X-A: " + b"a" * 9000 + b"\r\n\r\n")
print(c.recv(100).split(b"\r\n")[0].decode())
')
[ "$out" = "HTTP/1.1 431 Request Header Fields Too Large" ] && ok "huge head: 431" ||
    notok "huge head: 431" "$out"
out=$(raw '
c = socket.create_connection((H, P))
c.sendall(b"GET /x HTTP/1.1\r\nHost: x\r\n\r\nGET /metrics HTTP/1.1\r\nHost: x\r\n\r\nGET /plain/'"$S"' HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
d = b""
while True:
    b = c.recv(65536)
    if not b: break
    d += b
import re
print(" ".join(m.decode() for m in re.findall(rb"HTTP/1.1 (\d+)", d)))
')
[ "$out" = "404 200 200" ] && ok "pipelining: three answers in order" ||
    notok "pipelining: three answers in order" "$out"
out=$(raw '
c = socket.create_connection((H, P))
c.sendall(b"GET /plain/'"$S"' HTTP/1.1\r\nHost: x\r\n\r\n")
c.shutdown(socket.SHUT_WR)
d = b""
while True:
    b = c.recv(65536)
    if not b: break
    d += b
print(d.split(b"\r\n")[0].decode(), d.endswith(b"]\n\n"))
')
[ "$out" = "HTTP/1.1 200 OK True" ] && ok "half-close after a request: answered whole" ||
    notok "half-close after a request: answered whole" "$out"
out=$(raw '
cs = [socket.create_connection((H, P)) for i in range(70)]
time.sleep(0.3)
c = socket.create_connection((H, P))
c.settimeout(3)
c.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
print(c.recv(100).split(b"\r\n")[0].decode())
')
# Connections that send nothing are idle: each new one closes the one
# idle longest (79-server-reload: 64 clients mid-request make it 503).
[ "$out" = "HTTP/1.1 200 OK" ] && ok "more than 64 connections sending nothing: the idle make room" ||
    notok "more than 64 connections sending nothing: the idle make room" "$out"
wait_for 5 tcp_open "$SP" && ok "server still listening" || notok "server still listening" "down"

# ---- SIGTERM ----------------------------------------------------------------
curl -s -o "$T/term" -w '%{http_code}' "$B/plain/127.0.0.1:$SILENT(term.test)" \
    >"$T/term.code" &
CURL=$!
sleep 0.5
kill -TERM "$SRV"
wait "$CURL"
[ "$(cat "$T/term.code")" = 200 ] && grep -q 'timed out' "$T/term" &&
    ok "SIGTERM: the probe in flight finished and was answered" ||
    notok "SIGTERM: the probe in flight finished and was answered" "$(cat "$T/term.code" "$T/term")"
wait "$SRV"
st=$?
[ "$st" -eq 0 ] && ok "SIGTERM: exit 0" || notok "SIGTERM: exit 0" "status $st"
file_has "$SLOG" 'SIGTERM: finishing' && ok "SIGTERM: logged" || notok "SIGTERM: logged" "$(tail -n 2 "$SLOG")"
finish
