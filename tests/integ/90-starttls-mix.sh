#!/bin/bash
# SPDX-License-Identifier: MIT
# The STARTTLS issue's "done when": one input file mixing postgres://,
# smtp://, imap://, ldap://, mysql:// and plain TLS entries (plus pop3://
# and a SPEC without scheme under a global --postgres), each against its
# real daemon, checked in one run, with -n 1 and -n 8, in input order;
# the same SPECs on the command line; a failing entry among them.
. "$(dirname "$0")/../lib.sh"
. "$TESTS_DIR/peers/daemons.sh"
pki_make
A=127.0.0.1
start_pg "$PKI/leaf-ec.chain.pem" "$PKI/leaf-ec.key"
start_exim mix yes
start_dovecot mix yes
start_slapd mix yes
start_mariadb mix yes
start_s_server plain "$PKI/leaf-ec.pem" "$PKI/leaf-ec.key" "$PKI/int.pem"
TLS_PORT=$PORT

specs=(
    "postgres://$A:$PG_PORT"
    "smtp://$A:$SMTP_PORT"
    "imap://localhost:$IMAP_PORT"
    "ldap://$A:$LDAP_PORT"
    "mysql://$A:$MYSQL_PORT"
    "$A:$TLS_PORT"
    "pop3://$A:$POP3_PORT"
    "postgresql://localhost:$PG_PORT"
    "tls://$A:$TLS_PORT"
)
{
	echo "# endpoints of one appliance"
	printf '%s\n' "${specs[@]}"
} >"$T/endpoints.list"
want=$(for s in "${specs[@]}"; do echo "$s: ok, expires in 100 days"; done)

check_run "input file, mixed protocols" 0 out="$want" \
    -- "$CCHECK" -r "$ROOT" -i "$T/endpoints.list"
check_run "input file, mixed protocols, -n 8" 0 out="$want" \
    -- "$CCHECK" -r "$ROOT" -n 8 -i "$T/endpoints.list"
check_run "command line, mixed protocols, -n 8" 0 out="$want" \
    -- "$CCHECK" -r "$ROOT" -n 8 "${specs[@]}"
check_run "global --postgres for a SPEC without scheme" 0 \
    out="$A:$PG_PORT: ok, expires in 100 days
smtp://$A:$SMTP_PORT: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" -P "$A:$PG_PORT" "smtp://$A:$SMTP_PORT"
# A wrong protocol for a port fails that entry only.
check_run "one wrong entry among them, -n 8" 2 out="$want" \
    err~="imap://$A:$SMTP_PORT: unexpected reply from server: \"220 mx\.example\.test ESMTP Exim [^\"]*\"" \
    -- "$CCHECK" -r "$ROOT" -n 8 "${specs[@]}" "imap://$A:$SMTP_PORT"
finish
