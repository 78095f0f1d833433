#!/bin/bash
# SPDX-License-Identifier: MIT
# PEM files as targets: dates always, chain and expiry unless
# --skip-verify; chains out of order and with extra certificates.
. "$(dirname "$0")/../lib.sh"
pki_make

F=$PKI/leaf-ec.chain.pem
check_run "pem chain" 0 out="$F: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" "$F"
check_run "pem chain, --postgres makes no difference" 0 \
    out="$F: ok, expires in 100 days" -- "$CCHECK" -P -r "$ROOT" "$F"
check_run "pem chain, unknown CA" 2 \
    err="$F: x509: certificate signed by unknown authority" \
    -- "$CCHECK" -r "$OTHER_ROOT" "$F"
check_run "pem chain, -m 101" 2 err="$F: expires in 100 days" \
    -- "$CCHECK" -m 101 -r "$ROOT" "$F"
check_run "pem chain, tap" 0 out="TAP version 13
ok 1 - $F expires in 100 days (took X secs)
1..1" -- "$CCHECK" -t -r "$ROOT" "$F"

# leaf, an unrelated 30-day certificate, the root, then the intermediate.
F=$PKI/chain-ooo.pem
check_run "pem out of order + unrelated" 0 out="$F: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" "$F"

F=$PKI/leaf-ec.pem
check_run "pem leaf without its intermediate" 2 \
    err="$F: x509: certificate signed by unknown authority" \
    -- "$CCHECK" -r "$ROOT" "$F"
check_run "pem leaf without its intermediate, -s" 0 \
    out="$F: ok, expires in 100 days (not verified: --skip-verify)" \
    -- "$CCHECK" -s -r "$ROOT" "$F"

F=$PKI/selfsigned.pem
check_run "pem self-signed" 2 \
    err="$F: x509: certificate signed by unknown authority" \
    -- "$CCHECK" -r "$ROOT" "$F"
check_run "pem self-signed, -s" 0 \
    out="$F: ok, expires in 100 days (not verified: --skip-verify)" \
    -- "$CCHECK" -s "$F"

F=$PKI/expired.chain.pem
check_run "pem expired" 2 \
    err="$F: x509: certificate has expired: current time NOW is after $(rfc3339 "${NOT_AFTER[expired]}")" \
    -- "$CCHECK" -r "$ROOT" "$F"
F=$PKI/notyet.chain.pem
check_run "pem not yet valid" 2 \
    err="$F: x509: certificate is not yet valid: current time NOW is before $(rfc3339 "${NOT_BEFORE[notyet]}")" \
    -- "$CCHECK" -r "$ROOT" "$F"
F=$PKI/leaf-intshort.chain.pem
check_run "pem intermediate expires first" 0 \
    out~="$(re_quote "$F: ok, expires in 50 days (intermediate ")[^)]*CN=ccheck Short Intermediate CA[^)]*\)" \
    -- "$CCHECK" -r "$ROOT" "$F"
F=$PKI/leaf-intexp.chain.pem
check_run "pem expired intermediate" 2 \
    err~="$(re_quote "$F: x509: certificate has expired: current time NOW is after $(rfc3339 "${NOT_AFTER[int-expired]}") (intermediate ")[^)]*CN=ccheck Expired Intermediate CA[^)]*\)" \
    -- "$CCHECK" -r "$ROOT" "$F"
F=$PKI/leaf-edsig.chain.pem
check_run "pem signed with Ed25519" 2 \
    err~="$(re_quote "$F: x509: unsupported").*" \
    -- "$CCHECK" -r "$ROOT" "$F"
F=$PKI/leaf-pss.chain.pem
check_run "pem signed with RSA-PSS" 0 out="$F: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" "$F"

F=$T/not-a-cert.pem
echo "hello" >"$F"
check_run "pem file without a certificate" 2 \
    err="$F: no certificate in PEM file" -- "$CCHECK" -r "$ROOT" "$F"
F=$T/bad.pem
printf '%s\n' '-----BEGIN CERTIFICATE-----' 'AAAA!!!!' \
    '-----END CERTIFICATE-----' >"$F"
check_run "pem file with broken base64" 2 \
    err~="$(re_quote "$F: ")(malformed PEM file|x509: malformed certificate).*" \
    -- "$CCHECK" -r "$ROOT" "$F"

finish
