#!/bin/bash
# SPDX-License-Identifier: MIT
# ccheck server's SIGHUP and its client slots, against openssl s_server
# on loopback: a root file replaced turns a failing target into a passing
# one (the cache forgotten), a CRL replaced revokes it, a broken file (the
# configuration, the roots, a missing file) keeps the old settings and
# says why, --allow changes in the file take effect while the flags'
# entries stay, a probe in flight across a reload finishes under the old
# roots and a request queued meanwhile runs under the new ones, 50
# reloads leak no descriptor and no memory; and with every client slot
# taken, an idle keep-alive connection makes room while 64 clients in
# the middle of a request make the next one 503.
. "$(dirname "$0")/../lib.sh"
pki_make
command -v curl >/dev/null || die "curl is not installed"

d=$PKI_DAY
pki_crl root-ok root $((-d)) $((30 * d)) &&
    pki_crl int-ok int $((-d)) $((30 * d)) &&
    pki_crl int-revoked int $((-d)) $((30 * d)) leaf-ec ||
    die "CRL generation failed: $(tail -n 5 "$PKI/log")"
cat "$PKI/root-ok.crl.pem" "$PKI/int-ok.crl.pem" >"$T/crl-ok.pem"
cat "$PKI/root-ok.crl.pem" "$PKI/int-revoked.crl.pem" >"$T/crl-revoked.pem"

start_s_server ec "$PKI/leaf-ec.pem" "$PKI/leaf-ec.key" "$PKI/int.pem"
TLS=$PORT
start_relay second "$TLS"
SECOND=$RPORT
RELAY_DELAY=2 start_relay slow "$TLS"
SLOW=$RPORT
SLOW_LOG=$RELAY_LOG

# conf ALLOW...: the configuration file, its roots in $T/roots.pem.
conf() {
	local a list=
	for a in "$@"; do
		list="$list${list:+, }\"$a\""
	done
	cat >"$T/ccheck.toml.new" <<-EOF
	[server]
	http_read = "30s"
	allow = [ $list ]
	[tls]
	root_certs_pem = "$T/roots.pem"
	client_cert_pem = "$PKI/client-ec.pem"
	client_key_pem = "$PKI/client-ec.key"
	EOF
	mv "$T/ccheck.toml.new" "$T/ccheck.toml"
}
conf "127.0.0.1:$TLS" "127.0.0.1:$SLOW"
cp "$OTHER_ROOT" "$T/roots.pem"
cp "$T/crl-ok.pem" "$T/crl.pem"

SP=$(free_port) || die "no free port"
B=http://127.0.0.1:$SP
SLOG=$T/server.log
# Under make check-valgrind the server runs under memcheck: its exit
# status (99 on an error) is checked after SIGTERM.  memcheck cannot
# replace a static binary's malloc, so it sees no leak: VmRSS does.
# shellcheck disable=SC2086
${CCHECK_WRAP:-} "$CCHECK" server --config "$T/ccheck.toml" \
    --bind "127.0.0.1:$SP" --crl "$T/crl.pem" --timeout 10 \
    --allow "localhost:$TLS" 2>"$SLOG" &
SRV=$!
SERVER_PIDS+=($SRV)
wait_for 30 file_has "$SLOG" "listening on" || die "ccheck server did not start: $(cat "$SLOG")"

# hup: SIGHUP, then waits until the server logged the new settings in use.
HUPS=0
reloaded() { [ "$(grep -c 'SIGHUP: new settings in use' "$SLOG")" -ge "$1" ]; }
hup() {
	HUPS=$((HUPS + 1))
	kill -HUP "$SRV"
	wait_for 30 reloaded "$HUPS" ||
	    notok "SIGHUP $HUPS: reloaded" "$(tail -n 3 "$SLOG")"
}
# hup_refused NAME ERE: SIGHUP, which must keep the old settings and log
# why (ERE).
KEPT=0
kept() { [ "$(grep -c 'SIGHUP: keeping the old settings: ' "$SLOG")" -ge "$1" ]; }
hup_refused() {
	KEPT=$((KEPT + 1))
	kill -HUP "$SRV"
	if wait_for 30 kept "$KEPT" &&
	    grep 'SIGHUP: keeping the old settings: ' "$SLOG" | tail -n 1 |
	    grep -Eq -- "$2"; then
		ok "$1: the old settings kept, the reason logged"
	else
		notok "$1: the old settings kept, the reason logged" \
		    "$(tail -n 3 "$SLOG")"
	fi
}

# probe NAME SPEC WANT: GET /plain/SPEC is 200 and its "success" WANT;
# WANT false takes an ERE for the error after it.
probe() {
	local name=$1 spec=$2 want=$3 err=${4:-} code
	code=$(curl -s -o "$T/body" -w '%{http_code}' "$B/plain/$spec")
	if [ "$code" = 200 ] &&
	    grep -q "\"success\":$want" "$T/body" &&
	    grep -Eq -- "\"error\":${err:-null}" "$T/body"; then
		ok "$name"
	else
		notok "$name" "$code $(head -c 300 "$T/body")"
	fi
}
# status NAME SPEC WANT: GET /plain/SPEC answers WANT.
status() {
	local code
	code=$(curl -s -o "$T/body" -w '%{http_code}' "$B/plain/$2")
	[ "$code" = "$3" ] && ok "$1: $3" || notok "$1: $3" "$code $(head -c 200 "$T/body")"
}

# ---- roots and CRLs ---------------------------------------------------------
S=127.0.0.1:$TLS
probe "root A (another CA): unknown authority" "$S" false \
    '"x509: certificate signed by unknown authority"'
cp "$ROOT" "$T/roots.pem"
hup
probe "root B in the file, SIGHUP: the same SPEC passes (cache emptied)" \
    "$S" true
cp "$T/crl-revoked.pem" "$T/crl.pem"
hup
probe "--crl file replaced, SIGHUP: revoked" "$S" false '"x509: certificate .*revoked'
cp "$T/crl-ok.pem" "$T/crl.pem"
hup
probe "--crl file restored, SIGHUP: passes" "$S" true

# ---- what fails to load changes nothing -------------------------------------
# Each time a SPEC text not asked before, so that no cached result answers.
cp "$T/ccheck.toml" "$T/ccheck.toml.good"
echo 'root_cert_pem = "/nonexistent"' >>"$T/ccheck.toml"
hup_refused "a misspelt key" "ccheck.toml:[0-9]+: .*root_cert_pem"
probe "after it, still verified with root B" "localhost:$TLS" true
cp "$T/ccheck.toml.good" "$T/ccheck.toml"
echo "not a certificate" >"$T/roots.pem"
hup_refused "a root file without certificates" "root_certs_pem $T/roots.pem: "
probe "after it, still verified with root B" "127.0.0.1(localhost):$TLS" true
rm "$T/roots.pem"
hup_refused "a missing root file" "root_certs_pem $T/roots.pem: "
probe "after it, still verified with root B" "127.0.0.1(127.0.0.1):$TLS" true
cp "$OTHER_ROOT" "$T/roots.pem"
: >"$T/crl.pem"
hup_refused "an empty --crl file" "--crl $T/crl.pem: "
probe "after it, still root B, not revoked" "localhost(localhost):$TLS" true
cp "$T/crl-ok.pem" "$T/crl.pem"
cp "$ROOT" "$T/roots.pem"
rm "$T/ccheck.toml"
hup_refused "a missing --config file" "--config $T/ccheck.toml: "
status "after it, the old allow list" "127.0.0.1:$SECOND" 403
cp "$T/ccheck.toml.good" "$T/ccheck.toml"

# ---- --allow ----------------------------------------------------------------
conf "127.0.0.1:$TLS" "127.0.0.1:$SLOW" "127.0.0.1:$SECOND"
hup
status "allowed by the reloaded file" "127.0.0.1:$SECOND" 200
conf "127.0.0.1:$SLOW"
hup
status "taken out of the file" "127.0.0.1:$SECOND" 403
status "taken out of the file, cached before" "$S" 403
status "the --allow flag's entry stays" "localhost:$TLS" 200

# ---- a probe in flight ------------------------------------------------------
# The relay waits 2 s before it connects onward: the probe is in flight
# while the roots change.  It finishes under root B; a request that
# arrives meanwhile waits, then runs under root A, as does the same SPEC
# asked again (its result made under root B forgotten).  A second SIGHUP
# meanwhile is applied after the first.
RELAY_LOG=$SLOW_LOG
relay_mark
curl -s -o "$T/flight" "$B/plain/127.0.0.1:$SLOW" &
FLIGHT=$!
conns() { [ "$(wc -l <"$SLOW_LOG")" -gt "$RELAY_MARK" ]; }
wait_for 20 conns || notok "in flight: the probe connected" "no connection"
cp "$OTHER_ROOT" "$T/roots.pem"
kill -HUP "$SRV"
draining() { file_has "$SLOG" 'SIGHUP: new settings loaded; 1 probes in flight finish first'; }
wait_for 30 draining && ok "in flight: the reload waits for it, logged" ||
    notok "in flight: the reload waits for it, logged" "$(tail -n 3 "$SLOG")"
curl -s -o "$T/queued" "$B/plain/127.0.0.1(localhost):$SLOW" &
QUEUED=$!
# A second SIGHUP while the first waits: read once the first is in use.
conf "127.0.0.1:$SLOW" "127.0.0.1:$SECOND"
kill -HUP "$SRV"
HUPS=$((HUPS + 2))
wait "$FLIGHT"
grep -q '"success":true' "$T/flight" &&
    ok "in flight across SIGHUP: finished under the old roots" ||
    notok "in flight across SIGHUP: finished under the old roots" "$(cat "$T/flight")"
wait "$QUEUED"
grep -q '"x509: certificate signed by unknown authority"' "$T/queued" &&
    ok "queued during the reload: probed under the new roots" ||
    notok "queued during the reload: probed under the new roots" "$(cat "$T/queued")"
wait_for 30 reloaded "$HUPS" && ok "in flight: two SIGHUPs, both in use" ||
    notok "in flight: two SIGHUPs, both in use" "$(tail -n 3 "$SLOG")"
status "the second SIGHUP's allow list" "127.0.0.1:$SECOND" 200
probe "in flight, asked again: the new roots" "127.0.0.1:$SLOW" false \
    '"x509: certificate signed by unknown authority"'
cp "$ROOT" "$T/roots.pem"
hup

# ---- 50 reloads -------------------------------------------------------------
fds() { ls "/proc/$SRV/fd" | wc -l; }
rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$SRV/status"; }
hup
hup
fd0=$(fds)
rss0=$(rss)
for i in $(seq 50); do
	hup
done
fd1=$(fds)
rss1=$(rss)
diag "50 reloads: $fd0 -> $fd1 descriptors, VmRSS $rss0 -> $rss1 kB"
[ "$fd0" -eq "$fd1" ] && ok "50 reloads: no descriptor leaked" ||
    notok "50 reloads: no descriptor leaked" "$fd0 -> $fd1"
# Each reload allocates the roots, the CRLs and the client key again:
# not freeing the old ones adds some 330 kB here (450 kB under valgrind).
if [ $((rss1 - rss0)) -lt 64 ]; then
	ok "50 reloads: VmRSS did not grow"
else
	notok "50 reloads: VmRSS did not grow" "$rss0 -> $rss1 kB"
fi
probe "after 50 reloads: verified with root B" "localhost:$TLS" true

# ---- client slots -----------------------------------------------------------
conf "127.0.0.1:$TLS"
hup
# raw PYTHON: runs a client script with H (host) and P (port) set.
raw() {
	python3 -c "import socket, sys, time
H, P = '127.0.0.1', $SP
def ask(c, path, close=False):
    c.sendall(b'GET ' + path + b' HTTP/1.1\r\nHost: x\r\n' +
        (b'Connection: close\r\n' if close else b'') + b'\r\n')
    d = b''
    while b'\r\n\r\n' not in d:
        d += c.recv(65536)
    head, body = d.split(b'\r\n\r\n', 1)
    n = int([l for l in head.split(b'\r\n') if l.lower().startswith(b'content-length:')][0].split(b':')[1])
    while len(body) < n:
        body += c.recv(65536)
    return head.split(b'\r\n')[0].decode()
$1" "${@:2}" 2>&1
}
out=$(raw '
idle = []
for i in range(64):
    c = socket.create_connection((H, P))
    assert ask(c, b"/metrics") == "HTTP/1.1 200 OK"
    idle.append(c)
c = socket.create_connection((H, P))
print(ask(c, b"/plain/127.0.0.1:'"$TLS"'", True))
idle[0].settimeout(5)
print("longest idle:", "closed" if idle[0].recv(100) == b"" else "open")
print("latest:", ask(idle[63], b"/metrics"))
')
[ "$out" = "HTTP/1.1 200 OK
longest idle: closed
latest: HTTP/1.1 200 OK" ] &&
    ok "64 idle keep-alive clients: the longest idle makes room for a new one" ||
    notok "64 idle keep-alive clients: the longest idle makes room for a new one" "$out"
out=$(raw '
busy = []
for i in range(64):
    c = socket.create_connection((H, P))
    c.sendall(b"GET /metrics HTTP/1.1\r\n")
    busy.append(c)
time.sleep(0.5 if len(sys.argv) < 2 else 3)
c = socket.create_connection((H, P))
c.settimeout(10)
c.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
print(c.recv(100).split(b"\r\n")[0].decode())
' ${CCHECK_WRAP:+slow})
[ "$out" = "HTTP/1.1 503 Service Unavailable" ] &&
    ok "64 clients in the middle of a request: 503" ||
    notok "64 clients in the middle of a request: 503" "$out"
served() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$B/metrics")" = 200 ]; }
wait_for 10 served && ok "the busy ones gone: served again" ||
    notok "the busy ones gone: served again" "still refused"

# ---- SIGTERM ----------------------------------------------------------------
kill -TERM "$SRV"
wait "$SRV"
st=$?
[ "$st" -eq 0 ] && ok "SIGTERM: exit 0 (under valgrind: no error)" ||
    notok "SIGTERM: exit 0 (under valgrind: no error)" "status $st: $(tail -n 5 "$SLOG")"
finish
