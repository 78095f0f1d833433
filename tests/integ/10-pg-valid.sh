#!/bin/bash
# SPDX-License-Identifier: MIT
# PostgreSQL (--postgres) with certificates that pass: ECDSA and RSA chains,
# names (DNS, IP SAN, localhost resolving to two addresses), exact day
# counts, the earliest expiry coming from an intermediate or the root, an
# extra certificate on no path, --quiet and --min-days.  Each passing case
# has a failing twin (-m above the days left).
. "$(dirname "$0")/../lib.sh"
pki_make
start_pg "$PKI/leaf-ec.chain.pem" "$PKI/leaf-ec.key"
P=$PG_PORT
S=127.0.0.1:$P

check_run "ecdsa chain" 0 out="$S: ok, expires in 100 days" \
    -- "$CCHECK" --postgres -r "$ROOT" "$S"
check_run "ecdsa chain, short flags" 0 out="$S: ok, expires in 100 days" \
    -- "$CCHECK" -P -r "$ROOT" "$S"
check_run "ecdsa chain, name localhost" 0 \
    out="localhost:$P: ok, expires in 100 days" \
    -- "$CCHECK" -P -r "$ROOT" "localhost:$P"
check_run "ecdsa chain, addr(name)" 0 \
    out="127.0.0.1(localhost):$P: ok, expires in 100 days" \
    -- "$CCHECK" -P -r "$ROOT" "127.0.0.1(localhost):$P"
check_run "ecdsa chain, two root files" 0 out="$S: ok, expires in 100 days" \
    -- "$CCHECK" -P -r "$PKI/roots-both.pem" "$S"
check_run "ecdsa chain, --quiet" 0 \
    -- "$CCHECK" -P -q -r "$ROOT" "$S"
check_run "ecdsa chain, --quiet --min-days 180" 2 \
    err="$S: expires in 100 days" \
    -- "$CCHECK" --quiet --postgres --min-days 180 -r "$ROOT" "$S"
check_run "ecdsa chain, --min-days 101" 2 err="$S: expires in 100 days" \
    -- "$CCHECK" -P -m 101 -r "$ROOT" "$S"
check_run "ecdsa chain, --min-days 100" 0 \
    out="$S: ok, expires in 100 days" \
    -- "$CCHECK" -P -m 100 -r "$ROOT" "$S"
check_run "same spec twice" 0 \
    out="$S: ok, expires in 100 days
$S: ok, expires in 100 days" \
    -- "$CCHECK" -P -r "$ROOT" "$S" "$S"

# A certificate on no path (self-signed, 30 days) sits between the leaf
# and its issuer: same verdict as libpq, and its date does not count.
reload_pg_cert "$PKI/leaf-ec.mixed.pem" "$PKI/leaf-ec.key"
check_run "extra unrelated cert in chain" 0 \
    out="$S: ok, expires in 100 days" \
    -- "$CCHECK" -P -r "$ROOT" "$S"

reload_pg_cert "$PKI/leaf-rsa.chain.pem" "$PKI/leaf-rsa.key"
check_run "rsa chain" 0 out="$S: ok, expires in 100 days" \
    -- "$CCHECK" -P -r "$ROOT" "$S"
check_run "rsa chain, unknown root" 2 \
    err="$S: x509: certificate signed by unknown authority" \
    -- "$CCHECK" -P -r "$OTHER_ROOT" "$S"

reload_pg_cert "$PKI/iponly.chain.pem" "$PKI/iponly.key"
check_run "ip-only SAN, ip literal" 0 out="$S: ok, expires in 100 days" \
    -- "$CCHECK" -P -r "$ROOT" "$S"
check_run "ip-only SAN, dns name" 2 \
    err~="127\.0\.0\.1\(localhost\):$P: x509: certificate is (valid for [^
]*iponly\.example\.test[^
]*, not localhost|not valid for any names, but wanted to match localhost)" \
    -- "$CCHECK" -P -r "$ROOT" "127.0.0.1(localhost):$P"

# 20 days left: passes the default --min-days 15, fails -m 30.
reload_pg_cert "$PKI/soon.chain.pem" "$PKI/soon.key"
check_run "20 days, default min-days" 0 out="$S: ok, expires in 20 days" \
    -- "$CCHECK" -P -r "$ROOT" "$S"
check_run "20 days, -m 30" 2 err="$S: expires in 20 days" \
    -- "$CCHECK" -P -m 30 -r "$ROOT" "$S"
check_run "20 days, -q -m 30" 2 err="$S: expires in 20 days" \
    -- "$CCHECK" -P -q -m 30 -r "$ROOT" "$S"
check_run "20 days, -m 0 disables" 0 out="$S: ok, expires in 20 days" \
    -- "$CCHECK" -P -m 0 -r "$ROOT" "$S"

# The earliest notAfter on the path is the intermediate's (50 days).
reload_pg_cert "$PKI/leaf-intshort.chain.pem" "$PKI/leaf-intshort.key"
check_run "intermediate expires first" 0 \
    out~="$S: ok, expires in 50 days \(intermediate [^)]*CN=ccheck Short Intermediate CA[^)]*\)" \
    -- "$CCHECK" -P -r "$ROOT" "$S"
check_run "intermediate expires first, -m 60" 2 \
    err~="$S: expires in 50 days.*" \
    -- "$CCHECK" -P -m 60 -r "$ROOT" "$S"

# The earliest notAfter is the root's own (60 days): a trust anchor's date
# counts.
reload_pg_cert "$PKI/leaf-rootshort.chain.pem" "$PKI/leaf-rootshort.key"
check_run "root expires first" 0 \
    out~="$S: ok, expires in 60 days \(root [^)]*CN=ccheck Short Root CA[^)]*\)" \
    -- "$CCHECK" -P -r "$PKI/root-short.pem" "$S"
check_run "root expires first, -m 61" 2 \
    err~="$S: expires in 60 days.*" \
    -- "$CCHECK" -P -m 61 -r "$PKI/root-short.pem" "$S"

finish
