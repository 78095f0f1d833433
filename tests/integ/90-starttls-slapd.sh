#!/bin/bash
# SPDX-License-Identifier: MIT
# LDAP StartTLS (extended operation 1.3.6.1.4.1.1466.20037) against
# OpenLDAP's slapd (Debian's slapd) on a free port with a minimal
# slapd.conf under $T; slapd without TLS answers protocolError
# "unsupported extended operation": no STARTTLS.
. "$(dirname "$0")/../lib.sh"
. "$TESTS_DIR/peers/daemons.sh"
pki_make
start_slapd tls yes
P=$LDAP_PORT A=127.0.0.1
check_run "ldap://" 0 out="ldap://$A:$P: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" "ldap://$A:$P"
check_run "--starttls=ldap, localhost" 0 \
    out="localhost:$P: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" --starttls=ldap "localhost:$P"
check_run "ldap: name mismatch" 2 \
    err~="ldap://$A\(ldap\.example\.test\):$P: x509: certificate is valid for .*, not ldap\.example\.test" \
    -- "$CCHECK" -r "$ROOT" "ldap://$A(ldap.example.test):$P"
check_run "ldap: -n 4, four at once" 0 \
    out="$(for i in 1 2 3 4; do echo "ldap://$A:$P: ok, expires in 100 days"; done)" \
    -- "$CCHECK" -r "$ROOT" -n 4 "ldap://$A:$P" "ldap://$A:$P" \
    "ldap://$A:$P" "ldap://$A:$P"

start_slapd plain no
P=$LDAP_PORT
check_run "slapd without TLS" 2 \
    err="ldap://$A:$P: server does not offer STARTTLS: resultCode 2, \"unsupported extended operation\"" \
    -- "$CCHECK" -r "$ROOT" "ldap://$A:$P"
finish
