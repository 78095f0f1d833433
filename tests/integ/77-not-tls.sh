#!/bin/bash
# SPDX-License-Identifier: MIT
# A server that answers our ClientHello with something that is not TLS is
# named for what it said, quoted, instead of a TLS version problem:
# pgbouncer with client TLS (its ErrorResponse to a direct ClientHello:
# --pg-negotiation=direct fails clearly, auto falls back to SSLRequest,
# plain TLS suggests --postgres), Exim and vsftpd probed without
# --starttls, nginx on a plain HTTP port.  Real daemons from Debian's
# packages, on free loopback ports (tests/peers/daemons.sh).
. "$(dirname "$0")/../lib.sh"
. "$TESTS_DIR/peers/daemons.sh"
pki_make
A=127.0.0.1
PGB_ERR='a PostgreSQL error, not TLS: "client sent partial pkt in startup phase"'

# ---- pgbouncer ----------------------------------------------------------------
start_pgbouncer tls
S=$A:$PGB_PORT
SUITE='[A-Za-z0-9_, -]+'
check_run "pgbouncer, SSLRequest" 0 out="$S: ok, expires in 100 days" \
    -- "$CCHECK" -P --pg-negotiation=postgres -r "$ROOT" "$S"
check_run "pgbouncer, direct fails clearly" 2 \
    err="$S: server does not accept direct TLS: it answered with $PGB_ERR" \
    -- "$CCHECK" -P --pg-negotiation=direct -r "$ROOT" "$S"
check_run "pgbouncer, auto falls back" 0 out="$S: ok, expires in 100 days" \
    -- "$CCHECK" -P --pg-negotiation=auto -r "$ROOT" "$S"
check_run "pgbouncer, auto, chain says postgres" 0 \
    out~="$S: 2 certificates \(postgres, negotiation postgres, TLSv1\.3, $SUITE\).*" \
    -- "$CCHECK" chain -P --pg-negotiation=auto -r "$ROOT" "$S"
check_run "pgbouncer, auto falls back, unknown CA" 2 \
    err="$S: x509: certificate signed by unknown authority" \
    -- "$CCHECK" -P --pg-negotiation=auto -r "$OTHER_ROOT" "$S"
check_run "pgbouncer, plain TLS: try --postgres" 2 \
    err="$S: server answered with $PGB_ERR (try --postgres)" \
    -- "$CCHECK" -r "$ROOT" "$S"
check_run "pgbouncer, JSON names the reason" 2 \
    out~='.*"error":"server answered with a PostgreSQL error, not TLS: \\"client sent partial pkt in startup phase\\" \(try --postgres\)".*' \
    -- "$CCHECK" -j -r "$ROOT" "$S"
# Each direct ClientHello (direct, three auto, plain, JSON) is one connection
# pgbouncer closes for a partial startup packet: auto tried once.
n=$(grep -c 'closing because: client sent partial pkt in startup phase' \
    "$PGB_LOG")
if [ "$n" -eq 6 ]; then
	ok "pgbouncer, one direct attempt per probe"
else
	notok "pgbouncer, one direct attempt per probe" "$n in its log, want 6"
fi

# ---- services that speak first -------------------------------------------------
start_exim plain no
check_run "Exim without --starttls" 2 \
    err~="$(re_quote "$A:$SMTP_PORT: server answered with an SMTP greeting, not TLS: \"220 mx.example.test ESMTP Exim ")[^\"]*\" \(try --starttls\)" \
    -- "$CCHECK" -r "$ROOT" "$A:$SMTP_PORT"
check_run "Exim with -S still works as before" 2 \
    err="$A:$SMTP_PORT: server does not offer STARTTLS: \"250-mx.example.test Hello ccheck.invalid [127.0.0.1]\"" \
    -- "$CCHECK" -S -r "$ROOT" "$A:$SMTP_PORT"
start_vsftpd plain no
check_run "vsftpd without --starttls" 2 \
    err~="$(re_quote "$A:$FTP_PORT: server answered with an FTP greeting, not TLS: \"220 (vsFTPd ")[0-9.]+\)\" \(try --starttls=ftp\)" \
    -- "$CCHECK" -r "$ROOT" "$A:$FTP_PORT"

# ---- HTTP -----------------------------------------------------------------------
start_nginx plain
check_run "nginx, plain HTTP port" 2 \
    err="$A:$HTTP_PORT: server answered with HTTP, not TLS: \"HTTP/1.1 400 Bad Request\"" \
    -- "$CCHECK" -r "$ROOT" "$A:$HTTP_PORT"
check_run "nginx, direct PostgreSQL" 2 \
    err="$A:$HTTP_PORT: server does not accept direct TLS: it answered with HTTP, not TLS: \"HTTP/1.1 400 Bad Request\"" \
    -- "$CCHECK" -P --pg-negotiation=direct -r "$ROOT" "$A:$HTTP_PORT"
finish
