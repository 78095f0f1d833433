#!/bin/bash
# SPDX-License-Identifier: MIT
# PostgreSQL (--postgres) with certificates that fail: wrong host, expired,
# not yet valid, unknown CA, self-signed (and --skip-verify), an expired
# intermediate, an expired root, wildcards, IP SAN mismatch, and ssl=off.
. "$(dirname "$0")/../lib.sh"
pki_make
start_pg "$PKI/leaf-ec.chain.pem" "$PKI/leaf-ec.key"
P=$PG_PORT
S=127.0.0.1:$P

W="127.0.0.1(wrong.example.test):$P"
check_run "wrong host" 2 \
    err~="$(re_quote "$W: x509: certificate is valid for ")localhost.*, not wrong\.example\.test" \
    -- "$CCHECK" -P -r "$ROOT" "$W"
check_run "wrong host, --skip-verify" 0 \
    out="$W: ok, expires in 100 days (not verified: --skip-verify)" \
    -- "$CCHECK" -P -s -r "$ROOT" "$W"
W2="127.0.0.1(127.0.0.2):$P"
check_run "wrong ip" 2 \
    err~="$(re_quote "$W2: x509: certificate is valid for ").*, not 127\.0\.0\.2" \
    -- "$CCHECK" -P -r "$ROOT" "$W2"
check_run "unknown CA (other --root-certs)" 2 \
    err="$S: x509: certificate signed by unknown authority" \
    -- "$CCHECK" -P -r "$OTHER_ROOT" "$S"
check_run "unknown CA, --skip-verify" 0 \
    out="$S: ok, expires in 100 days (not verified: --skip-verify)" \
    -- "$CCHECK" -P --skip-verify -r "$OTHER_ROOT" "$S"

reload_pg_cert "$PKI/wrongname.chain.pem" "$PKI/wrongname.key"
check_run "wrong host, names listed" 2 \
    err="$W: x509: certificate is valid for db1.example.test, db2.example.test, not wrong.example.test" \
    -- "$CCHECK" -P -r "$ROOT" "$W"
W3="127.0.0.1(db2.example.test):$P"
check_run "second SAN matches" 0 out="$W3: ok, expires in 100 days" \
    -- "$CCHECK" -P -r "$ROOT" "$W3"
W3="127.0.0.1(DB1.Example.TEST):$P"
check_run "SAN match is case-insensitive" 0 \
    out="$W3: ok, expires in 100 days" \
    -- "$CCHECK" -P -r "$ROOT" "$W3"

reload_pg_cert "$PKI/wildcard.chain.pem" "$PKI/wildcard.key"
for h in db.example.test X-1.EXAMPLE.test; do
	W="127.0.0.1($h):$P"
	check_run "wildcard matches $h" 0 out="$W: ok, expires in 100 days" \
	    -- "$CCHECK" -P -r "$ROOT" "$W"
done
for h in a.b.example.test example.test db.example.test.evil; do
	W="127.0.0.1($h):$P"
	check_run "wildcard does not match $h" 2 \
	    err="$W: x509: certificate is valid for *.example.test, not $h" \
	    -- "$CCHECK" -P -r "$ROOT" "$W"
done

reload_pg_cert "$PKI/expired.chain.pem" "$PKI/expired.key"
want="$S: x509: certificate has expired: current time NOW is after $(rfc3339 "${NOT_AFTER[expired]}")"
check_run "expired leaf" 2 err="$want" -- "$CCHECK" -P -r "$ROOT" "$S"
check_run "expired leaf, --skip-verify still fails" 2 err="$want" \
    -- "$CCHECK" -P -s -r "$ROOT" "$S"
check_run "expired leaf, -q" 2 err="$want" \
    -- "$CCHECK" -P -q -r "$ROOT" "$S"

reload_pg_cert "$PKI/notyet.chain.pem" "$PKI/notyet.key"
want="$S: x509: certificate is not yet valid: current time NOW is before $(rfc3339 "${NOT_BEFORE[notyet]}")"
check_run "not yet valid leaf" 2 err="$want" -- "$CCHECK" -P -r "$ROOT" "$S"

reload_pg_cert "$PKI/unknownca.chain.pem" "$PKI/unknownca.key"
check_run "unknown CA (leaf+intermediate of another root)" 2 \
    err="$S: x509: certificate signed by unknown authority" \
    -- "$CCHECK" -P -r "$ROOT" "$S"
check_run "unknown CA, trusted through its own root" 0 \
    out="$S: ok, expires in 100 days" \
    -- "$CCHECK" -P -r "$PKI/roots-both.pem" "$S"

reload_pg_cert "$PKI/selfsigned.chain.pem" "$PKI/selfsigned.key"
check_run "self-signed" 2 \
    err="$S: x509: certificate signed by unknown authority" \
    -- "$CCHECK" -P -r "$ROOT" "$S"
check_run "self-signed, --skip-verify" 0 \
    out="$S: ok, expires in 100 days (not verified: --skip-verify)" \
    -- "$CCHECK" -P --skip-verify -r "$ROOT" "$S"
check_run "self-signed, -s, compiled-in roots" 0 \
    out="$S: ok, expires in 100 days (not verified: --skip-verify)" -- "$CCHECK" -P -s "$S"
check_run "self-signed, compiled-in roots" 2 \
    err="$S: x509: certificate signed by unknown authority" \
    -- "$CCHECK" -P "$S"

reload_pg_cert "$PKI/leaf-intexp.chain.pem" "$PKI/leaf-intexp.key"
check_run "expired intermediate" 2 \
    err~="$(re_quote "$S: x509: certificate has expired: current time NOW is after $(rfc3339 "${NOT_AFTER[int-expired]}") (intermediate ")[^)]*CN=ccheck Expired Intermediate CA[^)]*\)" \
    -- "$CCHECK" -P -r "$ROOT" "$S"

reload_pg_cert "$PKI/leaf-rootexp.chain.pem" "$PKI/leaf-rootexp.key"
check_run "expired root" 2 \
    err~="$(re_quote "$S: x509: certificate has expired: current time NOW is after $(rfc3339 "${NOT_AFTER[root-expired]}") (root ")[^)]*CN=ccheck Expired Root CA[^)]*\)" \
    -- "$CCHECK" -P -r "$PKI/root-expired.pem" "$S"

reload_pg_cert "$PKI/leaf-ec.chain.pem" "$PKI/leaf-ec.key" off
check_run "ssl=off" 2 err="$S: server does not support TLS" \
    -- "$CCHECK" -P -r "$ROOT" "$S"
check_run "ssl=off, --tap" 2 \
    out="TAP version 13
not ok 1 - $S server does not support TLS
1..1" -- "$CCHECK" -P -t -r "$ROOT" "$S"
reload_pg_cert "$PKI/leaf-ec.chain.pem" "$PKI/leaf-ec.key" on
check_run "ssl=on again" 0 out="$S: ok, expires in 100 days" \
    -- "$CCHECK" -P -r "$ROOT" "$S"

finish
