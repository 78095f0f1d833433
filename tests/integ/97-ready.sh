#!/bin/bash
# SPDX-License-Identifier: MIT
# --ready, pg_isready's readiness after the certificate check, against a
# real PostgreSQL 15: accepting (trust, and a role with password
# authentication, which leaves no log line), rejecting (a real 57P03: a
# smart shutdown waiting for an open session says "the database system is
# shutting down"), no response (stopped), a certificate failure (status 4),
# and usage errors (status 3, pg_isready's "no attempt").
. "$(dirname "$0")/../lib.sh"
pki_make
start_pg "$PKI/leaf-ec.chain.pem" "$PKI/leaf-ec.key"
P=$PG_PORT
S=127.0.0.1:$P
SOCK=$T/pg/sock
ACC="$S - accepting connections (certificate ok, expires in 100 days)"

psql_sock() {
	pg_as "$PG_BIN/psql" -X -q -h "$SOCK" -p "$P" -U postgres -d postgres \
	    -v ON_ERROR_STOP=1 "$@"
}
log_after() {
	tail -n +"$(($1 + 1))" "$PG_LOG"
}
log_has() {
	log_after "$1" | grep -q -- "$2"
}

check_run "accepting, --user postgres" 0 out="$ACC" \
    -- "$CCHECK" --ready --user postgres -r "$ROOT" "$S"
check_run "accepting, PGUSER" 0 out="$ACC" \
    -- env PGUSER=postgres "$CCHECK" --ready -r "$ROOT" "$S"
check_run "accepting, --quiet" 0 \
    -- "$CCHECK" --ready -q --user postgres -r "$ROOT" "$S"
check_run "accepting, postgres:// SPEC" 0 \
    out="postgres://$S - accepting connections (certificate ok, expires in 100 days)" \
    -- "$CCHECK" --ready --user postgres -r "$ROOT" "postgres://$S"
# An error other than 57P03 still means the server is up (pg_isready).
before=$(pg_log_lines)
check_run "accepting, role that does not exist" 0 out="$ACC" \
    -- "$CCHECK" --ready --user nosuchrole -r "$ROOT" "$S"
wait_for 5 log_has "$before" 'role "nosuchrole" does not exist'
if log_has "$before" 'FATAL:  role "nosuchrole" does not exist'; then
	ok "role that does not exist: the FATAL line the README names"
else
	notok "role that does not exist: the FATAL line the README names" \
	    "not in the log: $(log_after "$before" | tr '\n' '|')"
fi

# A connection string's own user and dbname are sent (issue 5), and win
# over --user: the role that does not exist must reach the server.
U="postgresql://postgres@$S/postgres?sslrootcert=$ROOT"
check_run "accepting, URI user" 0 \
    out="$U - accepting connections (certificate ok, expires in 100 days)" \
    -- "$CCHECK" --ready --user nosuchrole "$U"
U="postgresql://nosuchrole@$S/postgres?sslrootcert=$ROOT"
before=$(pg_log_lines)
check_run "accepting, URI role that does not exist" 0 \
    out="$U - accepting connections (certificate ok, expires in 100 days)" \
    -- "$CCHECK" --ready --user postgres "$U"
wait_for 5 log_has "$before" 'role "nosuchrole" does not exist'
if log_has "$before" 'FATAL:  role "nosuchrole" does not exist'; then
	ok "URI role that does not exist: the URI's user was sent"
else
	notok "URI role that does not exist: the URI's user was sent" \
	    "not in the log: $(log_after "$before" | tr '\n' '|')"
fi
K="host=127.0.0.1 port=$P user=nosuchkw dbname=postgres sslrootcert=$ROOT"
before=$(pg_log_lines)
check_run "accepting, keyword user" 0 \
    out="$K - accepting connections (certificate ok, expires in 100 days)" \
    -- "$CCHECK" --ready --user postgres "$K"
wait_for 5 log_has "$before" 'role "nosuchkw" does not exist' ||
    notok "keyword user: the string's user was sent" \
    "not in the log: $(log_after "$before" | tr '\n' '|')"
U="postgresql://$(printf 'u%.0s' {1..64})@$S/postgres?sslrootcert=$ROOT"
check_run "URI user name too long" 4 \
    err="$U: unexpected reply from server: user name in the connection string longer than 63 bytes, not sent" \
    -- "$CCHECK" --ready --user postgres "$U"

# A role with password authentication: the request is never answered, and
# the server logs nothing but the connection.
psql_sock -c "CREATE ROLE probe LOGIN PASSWORD 'never-sent'" ||
    die "cannot create role probe"
{
	echo "hostssl all probe 127.0.0.1/32 scram-sha-256"
	cat "$PG_DATA/pg_hba.conf"
} >"$T/hba" && cat "$T/hba" >"$PG_DATA/pg_hba.conf"
reload_pg
before=$(pg_log_lines)
check_run "accepting, role with password" 0 out="$ACC" \
    -- "$CCHECK" --ready --user probe -r "$ROOT" "$S"
sleep 0.5
extra=$(log_after "$before" | grep -v 'connection received')
if [ -z "$extra" ]; then
	ok "role with password: log clean"
else
	notok "role with password: log clean" \
	    "$(printf '%s' "$extra" | sed -E 's/^[^]]*\] //' | tr '\n' '|')"
fi

# Direct TLS refused by PostgreSQL 15: auto falls back; direct is a TLS
# failure, not "no response".
check_run "accepting, auto falls back" 0 out="$ACC" \
    -- "$CCHECK" --ready --user postgres --pg-negotiation=auto -r "$ROOT" "$S"
check_run "direct refused" 4 \
    err="$S: server does not accept direct TLS: it closed the connection at the ClientHello (PostgreSQL before 17?)" \
    -- "$CCHECK" --ready --user postgres --pg-negotiation=direct -r "$ROOT" \
    "$S"

# Certificate failures: their own status, the reason on stderr.
check_run "unknown CA" 4 \
    err="$S: x509: certificate signed by unknown authority" \
    -- "$CCHECK" --ready --user postgres -r "$OTHER_ROOT" "$S"
check_run "wrong name" 4 \
    err~="127\.0\.0\.1\(wrong\.example\.test\):$P: x509: certificate is valid for .*" \
    -- "$CCHECK" --ready --user postgres -r "$ROOT" \
    "127.0.0.1(wrong.example.test):$P"
check_run "min-days" 4 err="$S: expires in 100 days" \
    -- "$CCHECK" --ready --user postgres -m 101 -r "$ROOT" "$S"

# No --user and no PGUSER: the login name of the effective uid, read from
# /etc/passwd as libpq's getpwuid() would (the tests run as root, a role
# this server does not have), and a uid /etc/passwd does not list.
before=$(pg_log_lines)
check_run "accepting, login name as the role" 0 out="$ACC" \
    -- env -u PGUSER "$CCHECK" --ready -r "$ROOT" "$S"
me=$(id -un)
wait_for 5 log_has "$before" "role \"$me\" does not exist"
if log_has "$before" "role \"$me\" does not exist"; then
	ok "login name as the role: $me reached the server"
else
	notok "login name as the role: $me reached the server" \
	    "not in the log: $(log_after "$before" | tr '\n' '|')"
fi
uid=54321
while getent passwd "$uid" >/dev/null; do uid=$((uid + 1)); done
check_run "no user name: uid $uid not in /etc/passwd" 3 \
    err="ccheck: --ready: no user name: set --user or PGUSER (see ccheck --help)" \
    -- env -u PGUSER setpriv --reuid="$uid" --regid="$uid" --clear-groups \
    "$CCHECK" --ready "$S"

# Usage errors: pg_isready's 3 ("no attempt"), even before --ready.
check_run "usage error" 3 \
    err="ccheck: unknown option --bogus (see ccheck --help)" \
    -- "$CCHECK" --bogus --ready "$S"
check_run "user name too long" 3 \
    err="ccheck: invalid value for --user: want 1 to 63 bytes (see ccheck --help)" \
    -- "$CCHECK" --ready --user "$(printf 'u%.0s' {1..64})" "$S"
check_run "usage error without --ready" 1 \
    err="ccheck: unknown option --bogus (see ccheck --help)" \
    -- "$CCHECK" --bogus "$S"

# Rejecting: a smart shutdown waits for the open session, and meanwhile
# answers every new connection with 57P03 "the database system is
# shutting down", after TLS and the StartupMessage.
psql_sock -c "SELECT pg_sleep(30)" >/dev/null 2>&1 &
SERVER_PIDS+=($!)
session_open() {
	psql_sock -A -t -c "SELECT count(*) FROM pg_stat_activity
	    WHERE query LIKE 'SELECT pg_sleep%'" 2>/dev/null | grep -qx 1
}
wait_for 5 session_open || die "the pg_sleep session did not start"
before=$(pg_log_lines)
pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" -m smart -W stop >/dev/null 2>&1 ||
    die "pg_ctl stop -m smart failed"
wait_for 5 log_has "$before" 'received smart shutdown request' ||
    die "no smart shutdown"
check_run "rejecting (shutting down)" 1 \
    out="$S - rejecting connections (certificate ok, expires in 100 days)" \
    -- "$CCHECK" --ready --user postgres -r "$ROOT" "$S"
check_run "rejecting, certificate failure wins" 4 \
    err="$S: x509: certificate signed by unknown authority" \
    -- "$CCHECK" --ready --user postgres -r "$OTHER_ROOT" "$S"
check_run "rejecting, two SPECs" 1 \
    out="$S - rejecting connections (certificate ok, expires in 100 days)
$S - rejecting connections (certificate ok, expires in 100 days)" \
    -- "$CCHECK" --ready --user postgres -r "$ROOT" "$S" "$S"

# No response: stopped.
pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 10 stop >/dev/null 2>&1 ||
    die "pg_ctl stop -m fast failed"
check_run "no response (stopped)" 2 out="$S - no response" \
    err="$S: connection refused" \
    -- "$CCHECK" --ready --user postgres -r "$ROOT" "$S"
check_run "no response, quiet" 2 err="$S: connection refused" \
    -- "$CCHECK" --ready -q --user postgres -r "$ROOT" "$S"

finish
