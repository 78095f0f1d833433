#!/bin/bash
# SPDX-License-Identifier: MIT
# ccheck server against a real PostgreSQL on loopback: /postgres/SPEC
# (one that passes, one whose name the certificate does not carry: Go
# ccheck's JSON fields and our reason), /probe?module=postgres, the cache
# seen in PostgreSQL's own connection log; --prefix (the routes under it,
# 404 outside), --behind-proxy (the log carries X-Forwarded-For's first
# hop, only with the flag, and never a value that is not an address); and
# a real Prometheus (Debian's prometheus) scraping /probe with the scrape
# configuration of README "Server mode", until it reads
# ccheck_probe_success 1 for the PostgreSQL and 0 for the wrong name.
. "$(dirname "$0")/../lib.sh"
pki_make
command -v curl >/dev/null || die "curl is not installed"
start_pg "$PKI/leaf-ec.chain.pem" "$PKI/leaf-ec.key"
P=$PG_PORT
GOOD=127.0.0.1:$P
WRONG="127.0.0.1(wrong.example.test):$P"

SRV_PIDS=()
# start_server NAME [FLAGS...]: ccheck server on a free port, its log in
# $T/NAME.log; sets SP (its port) and SLOG.
start_server() {
	local name=$1
	shift
	SP=$(free_port) || die "no free port"
	SLOG=$T/$name.log
	# shellcheck disable=SC2086
	${CCHECK_WRAP:-} "$CCHECK" server --bind "127.0.0.1:$SP" -r "$ROOT" \
	    --timeout 5 "$@" 2>"$SLOG" &
	SERVER_PIDS+=($!)
	SRV_PIDS+=("$name:$!")
	wait_for 30 file_has "$SLOG" "listening on" || die "ccheck server $name did not start: $(cat "$SLOG")"
}

# req NAME WANT_STATUS [CURL ARGS...] URL: status and body in $T/body.
req() {
	local name=$1 want=$2 got
	shift 2
	got=$(curl -s -o "$T/body" -w '%{http_code}' "$@")
	if [ "$got" = "$want" ]; then
		ok "$name: $want"
	else
		notok "$name: $want" "got $got: $(head -c 300 "$T/body")"
	fi
}
body_has() {
	if grep -Eq -- "$2" "$T/body"; then
		ok "$1"
	else
		notok "$1" "body $(head -c 300 "$T/body")"
	fi
}
# last_log NAME SLOG ERE: the server's last log line matches ERE.
last_log() {
	if tail -n 1 "$2" | grep -Eq -- "$3"; then
		ok "$1"
	else
		notok "$1" "log: $(tail -n 1 "$2")"
	fi
}
# pg_conns: connections PostgreSQL has logged so far.
pg_conns() {
	grep -c 'connection received' "$PG_LOG"
}

start_server plain
B=http://127.0.0.1:$SP
PLAIN_LOG=$SLOG
PLAIN_PORT=$SP

# ---- /postgres/SPEC -----------------------------------------------------------
before=$(pg_conns)
req "/postgres/ a passing and a wrong name" 200 "$B/postgres/$GOOD,$WRONG"
if python3 - "$T/body" "$GOOD" "$WRONG" <<'EOF'
import json, sys
a = json.load(open(sys.argv[1]))
assert [e["spec"] for e in a] == sys.argv[2:], a
good, wrong = a[0], a[1]
r = good["result"]
assert good["error"] is None, good
assert r["protocol"] == 2 and r["success"] is True, r
assert r["days_left"] == 100 and r["expired"] is False, r
assert r["verification"] == "full" and r["tls_version"].startswith("TLSv1"), r
assert r["cert_serial"] and r["cipher_suite"] and r["delay"] > 0, r
r = wrong["result"]
assert r["protocol"] == 2 and r["success"] is False, r
# The certificate was read: its days are there, the verdict is not.
assert r["days_left"] == 100, r
assert wrong["error"] == ("x509: certificate is valid for localhost, "
    "127.0.0.1, ::1, not wrong.example.test"), wrong
EOF
then ok "JSON: the pass and the wrong name"; else notok "JSON: the pass and the wrong name" "$(head -c 600 "$T/body")"; fi
[ $(($(pg_conns) - before)) -eq 2 ] && ok "PostgreSQL saw two connections" ||
    notok "PostgreSQL saw two connections" "$(($(pg_conns) - before))"
last_log "log: two probes" "$PLAIN_LOG" "\"GET /postgres/$GOOD,.* HTTP/1.1\" 200 [0-9]+ probes=2 cached=0"
before=$(pg_conns)
req "/postgres/ again, text" 200 -H 'Accept: text/plain' "$B/postgres/$GOOD"
body_has "text: ok" "^$GOOD: ok, expires in 100 days$"
[ "$(pg_conns)" -eq "$before" ] && ok "cached: PostgreSQL saw no connection" ||
    notok "cached: PostgreSQL saw no connection" "$(($(pg_conns) - before))"
req "/plain/ against PostgreSQL" 200 "$B/plain/localhost:$P"
body_has "plain TLS to PostgreSQL fails in the element" '"success":false'
req "/postgres-direct/ against PostgreSQL 15" 200 "$B/postgres-direct/localhost:$P"
body_has "direct TLS to PostgreSQL 15 fails in the element" '"success":false'

# ---- /probe?module=postgres -------------------------------------------------
req "/probe module=postgres" 200 "$B/probe?target=localhost:$P&module=postgres"
body_has "/probe: success 1" "^ccheck_probe_success\{target=\"localhost:$P\"\} 1$"
body_has "/probe: days left" "^ccheck_cert_days_left\{target=\"localhost:$P\",verification=\"full\"\} 100$"
body_has "/probe: the leaf" "^ccheck_cert_expiry_seconds\{target=\"localhost:$P\",depth=\"0\",subject=\"CN=localhost\""
req "/probe module=postgres, wrong name" 200 "$B/probe?target=$WRONG&module=postgres"
body_has "/probe wrong name: success 0" "^ccheck_probe_success\{target=\"$(re_quote "$WRONG")\"\} 0$"
grep -q '^ccheck_cert_days_left{' "$T/body" &&
    notok "/probe wrong name: no days left" "$(grep days_left "$T/body")" ||
    ok "/probe wrong name: no days left"
req "/probe PostgreSQL without module (tls)" 200 "$B/probe?target=localhost:$P"
body_has "/probe module tls: success 0" "^ccheck_probe_success\{target=\"localhost:$P\"\} 0$"

# ---- --behind-proxy: the log's first field ----------------------------------
req "no --behind-proxy: X-Forwarded-For" 200 \
    -H 'X-Forwarded-For: 203.0.113.7' "$B/metrics"
last_log "no --behind-proxy: the peer is logged" "$PLAIN_LOG" '^127\.0\.0\.1 - - \[.*"GET /metrics '

start_server proxy --behind-proxy --prefix /ccheck
X=http://127.0.0.1:$SP
XLOG=$SLOG
file_has "$XLOG" '^Running in behind-proxy mode$' && ok "behind-proxy: said at start" ||
    notok "behind-proxy: said at start" "$(cat "$XLOG")"
req "XFF: two hops" 200 -H 'X-Forwarded-For: 203.0.113.7, 10.0.0.1' "$X/ccheck/metrics"
last_log "XFF: the first hop is logged" "$XLOG" '^203\.0\.113\.7 - - \['
req "XFF: IPv6" 200 -H 'X-Forwarded-For: 2001:DB8::0:1' "$X/ccheck/metrics"
last_log "XFF: IPv6 in its canonical form" "$XLOG" '^2001:db8::1 - - \['
req "X-Real-IP" 200 -H 'X-Real-IP: 198.51.100.2' "$X/ccheck/metrics"
last_log "X-Real-IP is logged" "$XLOG" '^198\.51\.100\.2 - - \['
req "XFF wins over X-Real-IP" 200 -H 'X-Real-IP: 198.51.100.2' \
    -H 'X-Forwarded-For: 203.0.113.8' "$X/ccheck/metrics"
last_log "XFF wins over X-Real-IP: logged" "$XLOG" '^203\.0\.113\.8 - - \['
req "no XFF" 200 "$X/ccheck/metrics"
last_log "no XFF: the peer" "$XLOG" '^127\.0\.0\.1 - - \['
# Forged values: text that would forge a log line's fields, a name, an
# address with a zone.  None is written; the peer is.
for v in '203.0.113.9 - - [01/Jan/2000] "GET / HTTP/1.1" 200' \
    'evil.example.com' '"><script>' 'fe80::1%eth0' '999.1.1.1' ''; do
	req "forged XFF '$v'" 200 -H "X-Forwarded-For: $v" "$X/ccheck/metrics"
	last_log "forged XFF '$v': the peer is logged" "$XLOG" \
	    '^127\.0\.0\.1 - - \[[^]]*\] "GET /ccheck/metrics HTTP/1\.1" 200 '
done
file_has "$XLOG" 'evil|script|2000|eth0|999' &&
    notok "no forged text in the log" "$(grep -E 'evil|script|2000|eth0|999' "$XLOG")" ||
    ok "no forged text in the log"

# ---- --prefix ---------------------------------------------------------------
req "prefix: /postgres/" 200 "$X/ccheck/postgres/$GOOD"
body_has "prefix: /postgres/ answered" '"success":true'
req "prefix: /probe" 200 "$X/ccheck/probe?target=$GOOD&module=postgres"
body_has "prefix: /probe answered" "^ccheck_probe_success\{target=\"$GOOD\"\} 1$"
req "prefix: /metrics" 200 "$X/ccheck/metrics"
for path in "/postgres/$GOOD" "/probe?target=$GOOD" /metrics /ccheck \
    /ccheck/ "/ccheckx/postgres/$GOOD" "/x/ccheck/metrics" "/CCHECK/metrics"; do
	req "prefix: $path outside" 404 "$X$path"
done
file_has "$PLAIN_LOG" 'evil' && notok "the other server's log is its own" "$PLAIN_LOG" ||
    ok "the other server's log is its own"

# ---- HTTP/1.0 keep-alive (ab -k, old monitoring agents) ---------------------
# An HTTP/1.0 client keeps a connection only when the response says
# keep-alive; else it waits for the close (ab -k hung 30 s before).
out=$(python3 -c '
import socket, sys
c = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
c.settimeout(5)
def get(ka):
    c.sendall(b"GET /metrics HTTP/1.0\r\n" +
        (b"Connection: Keep-Alive\r\n" if ka else b"") + b"\r\n")
    d = b""
    while b"\r\n\r\n" not in d:
        d += c.recv(65536)
    head, body = d.split(b"\r\n\r\n", 1)
    n = int([l for l in head.split(b"\r\n") if l.lower().startswith(b"content-length:")][0].split(b":")[1])
    while len(body) < n:
        body += c.recv(65536)
    conn = [l for l in head.split(b"\r\n") if l.lower().startswith(b"connection:")]
    return head.split(b"\r\n")[0].decode() + " " + b",".join(conn).decode()
print(get(True))
print(get(True))
print(get(False))
print("then", "closed" if c.recv(100) == b"" else "open")
' "$PLAIN_PORT" 2>&1)
[ "$out" = "HTTP/1.1 200 OK Connection: keep-alive
HTTP/1.1 200 OK Connection: keep-alive
HTTP/1.1 200 OK Connection: close
then closed" ] && ok "HTTP/1.0: keep-alive said and kept, then close" ||
    notok "HTTP/1.0: keep-alive said and kept, then close" "$(echo "$out" | tr '\n' '|')"

# 20 answers on one kept connection: the head and the body are two
# sends, and with Nagle on the body waited for the client's delayed ACK,
# 40 ms each (at least 800 ms; Prometheus keeps its connections).
ms=$(python3 -c '
import socket, sys, time
c = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
c.settimeout(5)
t0 = time.time()
for i in range(20):
    c.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
    d = b""
    while b"\r\n\r\n" not in d:
        d += c.recv(65536)
    head, body = d.split(b"\r\n\r\n", 1)
    n = int([l for l in head.split(b"\r\n") if l.lower().startswith(b"content-length:")][0].split(b":")[1])
    while len(body) < n:
        body += c.recv(65536)
print(round((time.time() - t0) * 1000))
' "$PLAIN_PORT" 2>&1)
diag "20 answers on one connection: $ms ms"
[ "$ms" -lt 600 ] 2>/dev/null && ok "keep-alive: 20 answers within 600 ms" ||
    notok "keep-alive: 20 answers within 600 ms" "$ms"

# stop_servers: SIGTERM; each exits 0 (under make check-valgrind, 99
# when memcheck found an error).
stop_servers() {
	local s st
	for s in "${SRV_PIDS[@]}"; do
		kill -TERM "${s#*:}"
		wait "${s#*:}"
		st=$?
		[ "$st" -eq 0 ] && ok "server ${s%%:*}: SIGTERM, exit 0" ||
		    notok "server ${s%%:*}: SIGTERM, exit 0" "status $st"
	done
}

# ---- a real Prometheus ------------------------------------------------------
# README's example, with its targets and the server's address replaced:
# db1 by the PostgreSQL, db2 by the wrong name.
if ! command -v prometheus >/dev/null; then
	ok "Prometheus scrapes /probe # SKIP prometheus is not installed"
	stop_servers
	finish
fi
{
	printf 'global: { scrape_interval: 1s, scrape_timeout: 1s }\n'
	awk '/^Prometheus, blackbox style:/ { on = 1; next }
	    on && /^```yaml/ { inside = 1; next }
	    inside && /^```/ { exit }
	    inside { print }' "$TESTS_DIR/../README.md" |
	    sed -e "s/db1\.example\.com:5432/localhost:$P/" \
	    -e "s/db2\.example\.com:5432/$WRONG/" \
	    -e "s/127\.0\.0\.1:1981/127.0.0.1:$PLAIN_PORT/g"
} >"$T/prometheus.yml"
grep -q "localhost:$P" "$T/prometheus.yml" && grep -q "127.0.0.1:$PLAIN_PORT" "$T/prometheus.yml" ||
    die "README's scrape configuration not found: $(cat "$T/prometheus.yml")"
diag "prometheus.yml:" "$(cat "$T/prometheus.yml")"
check_run "promtool check config" 0 out~="Checking .*SUCCESS.*" \
    -- promtool check config "$T/prometheus.yml"
PP=$(free_port) || die "no free port"
prometheus --config.file "$T/prometheus.yml" --storage.tsdb.path "$T/data" \
    --web.listen-address "127.0.0.1:$PP" >"$T/prometheus.log" 2>&1 </dev/null &
SERVER_PIDS+=($!)
wait_for 30 tcp_open "$PP" || die "prometheus did not start: $(tail -n 5 "$T/prometheus.log")"

# query EXPR: Prometheus' answer as "labels value" lines, sorted.
query() {
	curl -s --data-urlencode "query=$1" "http://127.0.0.1:$PP/api/v1/query" |
	    python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["status"] == "success", d
for r in d["data"]["result"]:
    m = r["metric"]
    print(",".join("%s=%s" % kv for kv in sorted(m.items()) if kv[0] != "__name__"), r["value"][1])
' | sort
}
WANT_SUCCESS="instance=$WRONG,job=ccheck-postgres,target=$WRONG 0
instance=localhost:$P,job=ccheck-postgres,target=localhost:$P 1"
WANT_UP="instance=$WRONG,job=ccheck-postgres 1
instance=127.0.0.1:$PLAIN_PORT,job=ccheck 1
instance=localhost:$P,job=ccheck-postgres 1"
# Each job's first scrape comes at its own offset within the interval.
scraped() {
	[ "$(query ccheck_probe_success)" = "$WANT_SUCCESS" ] &&
	    [ "$(query up)" = "$WANT_UP" ]
}
if wait_for 60 scraped; then
	ok "Prometheus: ccheck_probe_success 1 for PostgreSQL, 0 for the wrong name"
else
	notok "Prometheus: ccheck_probe_success 1 for PostgreSQL, 0 for the wrong name" \
	    "$(query ccheck_probe_success | tr '\n' '|')"
fi
got=$(query up)
[ "$got" = "$WANT_UP" ] && ok "Prometheus: up 1 for both targets and the server" ||
    notok "Prometheus: up 1 for both targets and the server" "$(echo "$got" | tr '\n' '|')"
# Days only where the checks accepted the certificate.
got=$(query 'ccheck_cert_days_left{job="ccheck-postgres"}' | tr '\n' '|')
[ "$got" = "instance=localhost:$P,job=ccheck-postgres,target=localhost:$P,verification=full 100|" ] &&
    ok "Prometheus: days left, for the pass only" ||
    notok "Prometheus: days left, for the pass only" "$got"
got=$(query 'ccheck_server_probes_total{job="ccheck"} > 0' | wc -l)
[ "$got" -eq 1 ] && ok "Prometheus: the server's own metrics" ||
    notok "Prometheus: the server's own metrics" "$got series"
file_has "$PLAIN_LOG" "\"GET /probe\?module=postgres&target=localhost%3A$P HTTP/1\.1\" 200" &&
    ok "log: Prometheus' request" ||
    notok "log: Prometheus' request" "$(grep probe "$PLAIN_LOG" | tail -n 2)"
stop_servers
finish
