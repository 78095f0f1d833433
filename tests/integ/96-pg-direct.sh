#!/bin/bash
# SPDX-License-Identifier: MIT
# Direct TLS (PostgreSQL 17: ClientHello at once, ALPN "postgresql") with
# --pg-negotiation=postgres|direct|auto, against a real PostgreSQL 17
# (Debian 13's, fetched by tests/pg17.sh) and the system's PostgreSQL 15,
# which does not accept direct TLS: direct fails with a clear reason, auto
# falls back to SSLRequest on a fresh connection.  `chain` says which
# negotiation worked.  A TLS server without ALPN fails direct.  Direct
# probes leave nothing but "connection received" in PostgreSQL 17's log.
. "$(dirname "$0")/../lib.sh"

# tests/pg17.sh is idempotent: instant once build/pg17 holds the server.
PG17_BIN=${PG17_BIN:-}
if [ -z "$PG17_BIN" ]; then
	PG17_BIN=$(pg17_bin) || {
		diag "$(tail -n 20 "$T/pg17.log")"
		die "PostgreSQL 17 not available (tests/pg17.sh failed)"
	}
fi
PG15_BIN=$PG_BIN

pki_make
PG_BIN=$PG17_BIN PG_NAME=pg17 start_pg "$PKI/leaf-ec.chain.pem" \
    "$PKI/leaf-ec.key"
P17=$PG_PORT
LOG17=$PG_LOG
S17=127.0.0.1:$P17
"$PG17_BIN/postgres" -V | grep -q '^postgres (PostgreSQL) 17' ||
    die "$PG17_BIN/postgres is not PostgreSQL 17"
PG_BIN=$PG15_BIN PG_NAME=pg15 start_pg "$PKI/leaf-ec.chain.pem" \
    "$PKI/leaf-ec.key"
P15=$PG_PORT
S15=127.0.0.1:$P15

SUITE='[A-Za-z0-9_, -]+'
before17=$(wc -l <"$LOG17")

# ---- PostgreSQL 17 ----------------------------------------------------------
for m in postgres direct auto; do
	check_run "17, $m" 0 out="$S17: ok, expires in 100 days" \
	    -- "$CCHECK" -P --pg-negotiation=$m -r "$ROOT" "$S17"
done
check_run "17, postgres, chain says postgres" 0 \
    out~="$S17: 2 certificates \(postgres, negotiation postgres, TLSv1\.3, $SUITE\).*" \
    -- "$CCHECK" chain -P --pg-negotiation=postgres -r "$ROOT" "$S17"
check_run "17, direct, chain says direct" 0 \
    out~="$S17: 2 certificates \(postgres, negotiation direct, TLSv1\.3, $SUITE\).*" \
    -- "$CCHECK" chain -P --pg-negotiation=direct -r "$ROOT" "$S17"
check_run "17, auto, chain says direct" 0 \
    out~="$S17: 2 certificates \(postgres, negotiation direct, TLSv1\.3, $SUITE\).*" \
    -- "$CCHECK" chain -P --pg-negotiation=auto -r "$ROOT" "$S17"
check_run "17, direct, scheme" 0 \
    out="postgres://$S17: ok, expires in 100 days" \
    -- "$CCHECK" --pg-negotiation=direct -r "$ROOT" "postgres://$S17"
# Failing twins: a certificate failure over direct TLS is that failure,
# never a reason to fall back.
check_run "17, direct, unknown CA" 2 \
    err="$S17: x509: certificate signed by unknown authority" \
    -- "$CCHECK" -P --pg-negotiation=direct -r "$OTHER_ROOT" "$S17"
check_run "17, auto, unknown CA" 2 \
    err="$S17: x509: certificate signed by unknown authority" \
    -- "$CCHECK" -P --pg-negotiation=auto -r "$OTHER_ROOT" "$S17"
check_run "17, direct, wrong name" 2 \
    err~="127\.0\.0\.1\(wrong\.example\.test\):$P17: x509: certificate is valid for .*" \
    -- "$CCHECK" -P --pg-negotiation=direct -r "$ROOT" \
    "127.0.0.1(wrong.example.test):$P17"

# 3 postgres (one chain) + 4 direct + 4 auto, minus nothing: 10 probes,
# each one "connection received" line and nothing else (no "invalid
# length of startup packet", no "could not accept SSL connection").
probes=10
log_after() {
	tail -n +"$((before17 + 1))" "$LOG17"
}
log_has_probes() {
	[ "$(log_after | grep -c 'connection received')" -ge "$probes" ]
}
wait_for 5 log_has_probes
sleep 0.5
extra=$(log_after | grep -v 'connection received')
got=$(log_after | grep -c 'connection received')
if [ -n "$extra" ]; then
	diag "unexpected server log lines:" "$extra"
	notok "17, server log clean" "server logged: $(printf '%s' "$extra" |
	    head -n 3 | sed -E 's/^[^]]*\] //' | tr '\n' '|')"
elif [ "$got" -ne "$probes" ]; then
	notok "17, server log clean" "$got connections logged, want $probes"
else
	ok "17, server log clean"
fi

# --ready over direct TLS (after the log check: a session that starts logs
# "connection authorized").
check_run "17, direct, --ready" 0 \
    out="$S17 - accepting connections (certificate ok, expires in 100 days)" \
    -- "$CCHECK" --ready --user postgres --pg-negotiation=direct \
    -r "$ROOT" "$S17"

# ---- PostgreSQL 15 ----------------------------------------------------------
check_run "15, postgres" 0 out="$S15: ok, expires in 100 days" \
    -- "$CCHECK" -P --pg-negotiation=postgres -r "$ROOT" "$S15"
check_run "15, direct fails clearly" 2 \
    err="$S15: server does not accept direct TLS: it closed the connection at the ClientHello (PostgreSQL before 17?)" \
    -- "$CCHECK" -P --pg-negotiation=direct -r "$ROOT" "$S15"
check_run "15, auto falls back" 0 out="$S15: ok, expires in 100 days" \
    -- "$CCHECK" -P --pg-negotiation=auto -r "$ROOT" "$S15"
check_run "15, auto, chain says postgres" 0 \
    out~="$S15: 2 certificates \(postgres, negotiation postgres, TLSv1\.3, $SUITE\).*" \
    -- "$CCHECK" chain -P --pg-negotiation=auto -r "$ROOT" "$S15"
check_run "15, auto falls back, unknown CA" 2 \
    err="$S15: x509: certificate signed by unknown authority" \
    -- "$CCHECK" -P --pg-negotiation=auto -r "$OTHER_ROOT" "$S15"
check_run "15 and 17, auto, one run" 0 \
    out="$S15: ok, expires in 100 days
$S17: ok, expires in 100 days" \
    -- "$CCHECK" -P -n 2 --pg-negotiation=auto -r "$ROOT" "$S15" "$S17"

# ---- a TLS server that is not PostgreSQL 17 ---------------------------------
start_s_server noalpn "$PKI/leaf-ec.pem" "$PKI/leaf-ec.key" "$PKI/int.pem"
check_run "TLS without ALPN, direct" 2 \
    err="127.0.0.1:$PORT: server does not accept direct TLS: no ALPN postgresql" \
    -- "$CCHECK" -P --pg-negotiation=direct -r "$ROOT" "127.0.0.1:$PORT"
start_s_server alpn "$PKI/leaf-ec.pem" "$PKI/leaf-ec.key" "$PKI/int.pem" \
    -alpn postgresql
check_run "TLS with ALPN postgresql, direct" 0 \
    out="127.0.0.1:$PORT: ok, expires in 100 days" \
    -- "$CCHECK" -P --pg-negotiation=direct -r "$ROOT" "127.0.0.1:$PORT"

# ---- the flag ----------------------------------------------------------------
check_run "unknown mode" 1 \
    err='ccheck: unknown mode "tls" for --pg-negotiation: want postgres, direct or auto (see ccheck --help)' \
    -- "$CCHECK" -P --pg-negotiation=tls "$S17"
check_run "plain TLS ignores it" 0 \
    out="127.0.0.1:$PORT: ok, expires in 100 days" \
    -- "$CCHECK" --pg-negotiation=direct -r "$ROOT" "127.0.0.1:$PORT"

finish
