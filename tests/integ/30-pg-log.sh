#!/bin/bash
# SPDX-License-Identifier: MIT
# Probing leaves no trace in PostgreSQL's log: with log_connections on, a
# batch of probes that pass and fail (wrong name, unknown CA, expiry
# threshold, skip-verify, TAP) adds one "connection received" line per
# probe and nothing else: no "could not accept SSL connection", no "EOF
# detected", no "connection reset", no FATAL from a startup packet.
. "$(dirname "$0")/../lib.sh"
pki_make
start_pg "$PKI/leaf-ec.chain.pem" "$PKI/leaf-ec.key"
P=$PG_PORT
S=127.0.0.1:$P

# log_lines_after N: the log from line N+1 on.
log_lines_after() {
	tail -n +"$(($1 + 1))" "$PG_LOG"
}

# check_log NAME BEFORE PROBES: the log gained exactly PROBES lines, each a
# "connection received".  Backends log their failures as they exit, after
# ccheck returns: wait until PROBES lines appeared and then a little more.
check_log() {
	local name=$1 before=$2 probes=$3 extra got
	wait_for 5 log_has_at_least "$before" "$probes"
	sleep 0.5
	got=$(log_lines_after "$before" | grep -c 'connection received')
	extra=$(log_lines_after "$before" | grep -v 'connection received')
	if [ -n "$extra" ]; then
		diag "unexpected server log lines:" "$extra"
		notok "$name" "server logged: $(printf '%s' "$extra" | head -n 3 |
		    sed -E 's/^[^]]*\] //' | tr '\n' '|')"
	elif [ "$got" -ne "$probes" ]; then
		notok "$name" "$got connections logged, want $probes"
	else
		ok "$name"
	fi
}
log_has_at_least() {
	[ "$(log_lines_after "$1" | grep -c 'connection received')" -ge "$2" ]
}

before=$(pg_log_lines)
check_run "pass" 0 out="$S: ok, expires in 100 days" \
    -- "$CCHECK" -P -r "$ROOT" "$S"
check_run "wrong name" 2 \
    err~="127\.0\.0\.1\(wrong\.example\.test\):$P: x509: certificate is valid for .*" \
    -- "$CCHECK" -P -r "$ROOT" "127.0.0.1(wrong.example.test):$P"
check_run "unknown CA" 2 \
    err="$S: x509: certificate signed by unknown authority" \
    -- "$CCHECK" -P -r "$OTHER_ROOT" "$S"
check_run "unknown CA, compiled-in roots" 2 \
    err="$S: x509: certificate signed by unknown authority" \
    -- "$CCHECK" -P "$S"
check_run "skip-verify" 0 \
    out="$S: ok, expires in 100 days (not verified: --skip-verify)" \
    -- "$CCHECK" -P -s -r "$OTHER_ROOT" "$S"
check_run "min-days" 2 err="$S: expires in 100 days" \
    -- "$CCHECK" -P -q -m 180 -r "$ROOT" "$S"
check_run "tap, three specs" 2 \
    out~="TAP version 13
ok 1 - $S expires in 100 days \(took X secs\)
not ok 2 - 127\.0\.0\.1\(wrong\.example\.test\):$P x509: certificate is valid for [^
]*
ok 3 - $S expires in 100 days \(took X secs\)
1\.\.3" -- "$CCHECK" -P -t -r "$ROOT" "$S" "127.0.0.1(wrong.example.test):$P" "$S"
check_log "server log clean after a batch of 9 probes" "$before" 9

# The same for an expired certificate and an RSA one.
reload_pg_cert "$PKI/expired.chain.pem" "$PKI/expired.key"
before=$(pg_log_lines)
check_run "expired" 2 \
    err~="$S: x509: certificate has expired: .*" \
    -- "$CCHECK" -P -r "$ROOT" "$S"
check_run "expired, skip-verify" 2 \
    err~="$S: x509: certificate has expired: .*" \
    -- "$CCHECK" -P -s -r "$ROOT" "$S"
check_log "server log clean after expired-certificate probes" "$before" 2

reload_pg_cert "$PKI/leaf-rsa.chain.pem" "$PKI/leaf-rsa.key"
before=$(pg_log_lines)
check_run "rsa" 0 out="$S: ok, expires in 100 days" \
    -- "$CCHECK" -P -r "$ROOT" "$S"
check_run "rsa, unknown CA" 2 \
    err="$S: x509: certificate signed by unknown authority" \
    -- "$CCHECK" -P -r "$OTHER_ROOT" "$S"
check_log "server log clean after RSA probes" "$before" 2

finish
