#!/bin/bash
# SPDX-License-Identifier: MIT
# Network failures, with and without --postgres: a closed port (refused), a
# server that accepts and never answers (must fail within --timeout), a
# name that does not resolve.
. "$(dirname "$0")/../lib.sh"

C=$(free_port) || die "no free port"
S=127.0.0.1:$C
check_run "refused, --postgres" 2 err="$S: connection refused" \
    -- "$CCHECK" -P "$S"
check_run "refused, plain TLS" 2 err="$S: connection refused" \
    -- "$CCHECK" "$S"
check_run "refused, --tap" 2 out="TAP version 13
not ok 1 - $S connection refused
1..1" -- "$CCHECK" -P --tap "$S"
check_run "refused, --quiet" 2 err="$S: connection refused" \
    -- "$CCHECK" -P -q "$S"

start_silent_server
S=127.0.0.1:$PORT
# --timeout 2 covers everything: the SSLRequest reply never comes.
check_run "silent server, --postgres --timeout 2" 2 \
    err~="$(re_quote "$S: timed out")(: .*)?" maxms=3000 \
    -- "$CCHECK" -P --timeout 2 "$S"
if [ "$LAST_MS" -lt 1500 ]; then
	notok "silent server waited for the deadline" "gave up after $LAST_MS ms"
else
	ok "silent server waited for the deadline"
fi
check_run "silent server, plain TLS --timeout 2" 2 \
    err~="$(re_quote "$S: timed out")(: .*)?" maxms=3000 \
    -- "$CCHECK" --timeout 2 "$S"
check_run "silent server, --timeout 1" 2 \
    err~="$(re_quote "$S: timed out")(: .*)?" maxms=2000 \
    -- "$CCHECK" -P --timeout 1 "$S"
# Two silent targets share one deadline each, run concurrently or not:
# both report, in order.
check_run "silent server twice, --tap" 2 \
    out~="TAP version 13
not ok 1 - $(re_quote "$S timed out")[^
]*
not ok 2 - $(re_quote "$S timed out")[^
]*
1\.\.2" maxms=5000 \
    -- "$CCHECK" -P -t --timeout 2 "$S" "$S"

check_run "unresolvable name" 2 \
    err~="nonexistent\.invalid:5432: could not resolve host.*" maxms=12000 \
    -- "$CCHECK" -P --timeout 5 nonexistent.invalid:5432
check_run "unresolvable name, default port" 2 \
    err~="nonexistent\.invalid: could not resolve host.*" maxms=12000 \
    -- "$CCHECK" -P --timeout 5 nonexistent.invalid

finish
