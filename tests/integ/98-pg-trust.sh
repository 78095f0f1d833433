#!/bin/bash
# SPDX-License-Identifier: MIT
# PostgreSQL depth: --pin (a snakeoil certificate trusted by its key),
# --expect-cert (renewed on disk but not reloaded), and the thresholds for
# short-lived certificates (--min-hours, --min-remaining).
. "$(dirname "$0")/../lib.sh"

pki_make >/dev/null
lh='DNS:localhost, IP:127.0.0.1, IP:::1'
d=$PKI_DAY
# Short-lived leaves: issued a day ago for 6 days, and for 45 days.
pki_cert six int localhost $((-d)) $((5 * d + PKI_HALF)) leaf "$lh" ec &&
    pki_cert fortyfive int localhost $((-40 * d)) $((5 * d + PKI_HALF)) \
    leaf "$lh" ec || die "cannot make short-lived certificates"

start_pg "$PKI/selfsigned.pem" "$PKI/selfsigned.key"
pg=127.0.0.1:$PG_PORT

pin_self=$(pki_pin "$PKI/selfsigned.pem")
pin_leaf=$(pki_pin "$PKI/leaf-ec.pem")
pin_int=$(pki_pin "$PKI/int.pem")
pin_root=$(pki_pin "$PKI/root.pem")

# Snakeoil: self-signed, no CA file, trusted by its pin.
check_run "self-signed, no pin" 2 \
    err="$pg: x509: certificate signed by unknown authority" -- \
    "$CCHECK" -P "$pg"
check_run "self-signed, pinned" 0 \
    out="$pg: ok, expires in 100 days (pinned key)" -- \
    "$CCHECK" -P --pin "$pin_self" "$pg"
check_run "self-signed, pinned among others" 0 \
    out="$pg: ok, expires in 100 days (pinned key)" -- \
    "$CCHECK" -P --pin "$pin_int" --pin "$pin_self" "$pg"
check_run "self-signed, wrong pin" 2 \
    err="$pg: public key pin mismatch: $pin_self (leaf), want $pin_leaf" -- \
    "$CCHECK" -P --pin "$pin_leaf" "$pg"
check_run "pinned, wrong name still fails" 2 \
    err="127.0.0.1(db.example.test):$PG_PORT: x509: certificate is valid for localhost, 127.0.0.1, not db.example.test" \
    -- "$CCHECK" -P --pin "$pin_self" "127.0.0.1(db.example.test):$PG_PORT"
check_run "malformed pin" 1 \
    err="ccheck: invalid --pin \"sha256//abc\": a pin is 44 base64 characters (a SHA-256) (see ccheck --help)" \
    -- "$CCHECK" -P --pin sha256//abc "$pg"
check_run "pin without sha256//" 1 \
    err="ccheck: invalid --pin \"${pin_self#sha256//}\": a pin starts with sha256// (see ccheck --help)" \
    -- "$CCHECK" -P --pin "${pin_self#sha256//}" "$pg"

# A CA-issued chain: the intermediate's pin counts (it is sent and on the
# path), the root's does not (never sent).
reload_pg_cert "$PKI/leaf-ec.chain.pem" "$PKI/leaf-ec.key"
check_run "pin of the intermediate" 0 \
    out="$pg: ok, expires in 100 days (pinned key)" \
    -- "$CCHECK" -P --pin "$pin_int" "$pg"
check_run "pin of a root that is not sent" 2 \
    err="$pg: public key pin mismatch: $pin_leaf (leaf), want $pin_root" \
    -- "$CCHECK" -P --pin "$pin_root" "$pg"

# Renewed but not reloaded: the file changes, the server still serves the
# old certificate until pg_ctl reload.
cp "$PKI/leaf-ec.pem" "$T/server.crt"
check_run "expect-cert, same certificate" 0 \
    out="$pg: ok, expires in 100 days" -- \
    "$CCHECK" -P -r "$ROOT" --expect-cert "$T/server.crt" "$pg"
cp "$PKI/six.pem" "$T/server.crt"
old_serial=$(openssl x509 -in "$PKI/leaf-ec.pem" -noout -serial | cut -d= -f2 | tr A-F a-f)
new_serial=$(openssl x509 -in "$PKI/six.pem" -noout -serial | cut -d= -f2 | tr A-F a-f)
check_run "expect-cert, renewed on disk, not reloaded" 2 \
    err="$pg: server is serving a different certificate than $T/server.crt (serial $old_serial, not $new_serial): reload the server?" \
    -- "$CCHECK" -P -r "$ROOT" --expect-cert "$T/server.crt" "$pg"
reload_pg_cert "$PKI/six.chain.pem" "$PKI/six.key"
check_run "expect-cert, after pg_ctl reload" 0 \
    out="$pg: ok, expires in 5 days" -- \
    "$CCHECK" -P -r "$ROOT" -m 0 --expect-cert "$T/server.crt" "$pg"
check_run "expect-cert, no such file" 1 \
    err~="ccheck: --expect-cert $T/nothing: could not read file: no such file or directory" \
    -- "$CCHECK" -P -r "$ROOT" --expect-cert "$T/nothing" "$pg"

# Thresholds: a 6-day certificate with 5.5 days left.
check_run "6-day certificate, default --min-days 15" 2 \
    err="$pg: expires in 5 days" -- "$CCHECK" -P -r "$ROOT" "$pg"
check_run "6-day certificate, --min-hours 48" 0 \
    out="$pg: ok, expires in 5 days" -- \
    "$CCHECK" -P -r "$ROOT" -m 0 --min-hours 48 "$pg"
check_run "6-day certificate, --min-hours 200" 2 \
    err~="$(re_quote "$pg"): expires in 13[12] hours" -- \
    "$CCHECK" -P -r "$ROOT" -m 0 --min-hours 200 "$pg"
check_run "6-day certificate, --min-remaining 50" 0 \
    out="$pg: ok, expires in 5 days" -- \
    "$CCHECK" -P -r "$ROOT" -m 0 --min-remaining 50 "$pg"
# A 45-day certificate 40 days in: 5.5 of 45.5 days, 12% left.
reload_pg_cert "$PKI/fortyfive.chain.pem" "$PKI/fortyfive.key"
check_run "45-day certificate, --min-remaining 33" 2 \
    err="$pg: only 12% of the certificate's lifetime remains (5 days)" -- \
    "$CCHECK" -P -r "$ROOT" -m 0 --min-remaining 33 "$pg"
check_run "45-day certificate, --min-remaining 10" 0 \
    out="$pg: ok, expires in 5 days" -- \
    "$CCHECK" -P -r "$ROOT" -m 0 --min-remaining 10 "$pg"
check_run "bad --min-remaining" 1 \
    err="ccheck: invalid value \"101\" for --min-remaining: want a whole number from 0 to 100 (see ccheck --help)" \
    -- "$CCHECK" -P --min-remaining 101 "$pg"

finish
