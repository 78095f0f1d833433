#!/bin/bash
# SPDX-License-Identifier: MIT
# Output formats against tests/golden: text (passes on stdout, failures on
# stderr) and TAP, for a mix of passing and failing specs in the order
# given; elapsed times are normalised.
. "$(dirname "$0")/../lib.sh"
G=$TESTS_DIR/golden
pki_make
start_pg "$PKI/wildcard.chain.pem" "$PKI/wildcard.key"
P=$PG_PORT
C=$(free_port) || die "no free port"
PEM=$PKI/soon.chain.pem

specs=("127.0.0.1(db.example.test):$P" "127.0.0.1(wrong.test):$P"
    "127.0.0.1:$C" "127.0.0.1(api.example.test):$P" "127.0.0.1:$P")

# 127.0.0.1 with a *.example.test certificate: an IP literal never
# matches a DNS SAN (the certificate has no IP SAN and no CN fallback
# applies since the CN is no IP either).
check_run "tap mix" 2 outfile="$G/tap-mix.expected" \
    -- "$CCHECK" -P --tap -r "$ROOT" "${specs[@]}"
check_run "tap mix, -t" 2 outfile="$G/tap-mix.expected" \
    -- "$CCHECK" -P -t -r "$ROOT" "${specs[@]}"
check_run "text mix" 2 outfile="$G/text-mix.stdout.expected" \
    errfile="$G/text-mix.stderr.expected" \
    -- "$CCHECK" -P -r "$ROOT" "${specs[@]}"
check_run "text mix, --quiet" 2 errfile="$G/text-mix.stderr.expected" \
    -- "$CCHECK" -P -q -r "$ROOT" "${specs[@]}"
check_run "tap, all pass" 0 out="TAP version 13
ok 1 - ${specs[0]} expires in 100 days (took X secs)
1..1" -- "$CCHECK" -P -t -r "$ROOT" "${specs[0]}"
check_run "tap, --quiet all pass" 0 \
    out~="(TAP version 13
ok 1 - $(re_quote "${specs[0]}") expires in 100 days \(took X secs\)
1\.\.1)?" -- "$CCHECK" -P -t -q -r "$ROOT" "${specs[0]}"
# A PEM file among network targets; -m 60 fails the 20-day PEM file only.
check_run "tap, min-days, pem file" 2 outfile="$G/tap-min-days.expected" \
    -- "$CCHECK" -P -t -m 60 -r "$ROOT" "${specs[0]}" "$PEM" "${specs[2]}"

finish
