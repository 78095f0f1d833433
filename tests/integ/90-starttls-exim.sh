#!/bin/bash
# SPDX-License-Identifier: MIT
# SMTP STARTTLS against Exim (Debian's exim4-daemon-light) on a free port
# with its own configuration under $T: by scheme, --starttls=smtp, auto
# (-S), the EHLO name; the same daemon without tls_advertise_hosts offers
# no STARTTLS; probing leaves no TLS error in Exim's log.
. "$(dirname "$0")/../lib.sh"
. "$TESTS_DIR/peers/daemons.sh"
pki_make
start_exim tls yes
P=$SMTP_PORT A=127.0.0.1
check_run "smtp://" 0 out="smtp://$A:$P: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" "smtp://$A:$P"
check_run "smtp:// by name" 0 out="smtp://localhost:$P: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" "smtp://localhost:$P"
check_run "--starttls=smtp" 0 out="$A:$P: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" --starttls=smtp "$A:$P"
check_run "-S (auto: 220 is SMTP), TAP" 0 \
    out~="TAP version 13
ok 1 - $A:$P expires in 100 days \(took X secs\)
1\.\.1" \
    -- "$CCHECK" -r "$ROOT" -S -t "$A:$P"
check_run "smtp: unknown root" 2 \
    err="smtp://$A:$P: x509: certificate signed by unknown authority" \
    -- "$CCHECK" -r "$OTHER_ROOT" "smtp://$A:$P"
check_run "smtp: -m 200" 2 err="smtp://$A:$P: expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" -m 200 "smtp://$A:$P"
# Exim logs the EHLO name it was given with each TLS error or rejection.
if grep -Eqi 'TLS error|SSL_|handshake' "$T/exim-tls/log/mainlog" \
    "$T/exim-tls/log/rejectlog" 2>/dev/null; then
	notok "no TLS errors in exim's log" "$(grep -Ei 'TLS|SSL' \
	    "$T/exim-tls/log/mainlog" | head -n 3 | tr '\n' '|')"
else
	ok "no TLS errors in exim's log"
fi

start_exim plain no
P=$SMTP_PORT
check_run "no tls_advertise_hosts: no STARTTLS" 2 \
    err="smtp://$A:$P: server does not offer STARTTLS: \"250-mx.example.test Hello ccheck.invalid [127.0.0.1]\"" \
    -- "$CCHECK" -r "$ROOT" "smtp://$A:$P"
check_run "no STARTTLS, EHLO localhost" 2 \
    err="smtp://localhost:$P: server does not offer STARTTLS: \"250-mx.example.test Hello localhost [127.0.0.1]\"" \
    -- "$CCHECK" -r "$ROOT" "smtp://localhost:$P"
finish
