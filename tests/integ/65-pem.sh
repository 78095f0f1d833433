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

# A chain checked for a host name before it is deployed: FILE(name).
check_run "pem chain with its name" 0 out="$F(localhost): ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" "$F(localhost)"
check_run "pem chain with its IP address" 0 \
    out="$F(127.0.0.1): ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" "$F(127.0.0.1)"
check_run "pem chain with another name" 2 \
    err="$F(db.example.test): x509: certificate is valid for localhost, 127.0.0.1, ::1, not db.example.test" \
    -- "$CCHECK" -r "$ROOT" "$F(db.example.test)"
check_run "pem chain, a name with -s is not checked" 0 \
    out="$F(db.example.test): ok, expires in 100 days (not verified: --skip-verify)" \
    -- "$CCHECK" -s -r "$ROOT" "$F(db.example.test)"

# --at: every date as of another time (the leaf was issued a day ago for
# 100 days and 12 hours).
at() { date -u -d "@$(($(date +%s) + $1 * PKI_DAY))" +%Y-%m-%dT%H:%M:%SZ; }
check_run "--at in 40 days" 0 out="$F: ok, expires in 60 days" \
    -- "$CCHECK" -r "$ROOT" --at "$(at 40)" "$F"
# (midnight UTC of that day: 9 or 10 days, by the time of day now)
check_run "--at as a date, -m counts from it" 2 \
    err~="$(re_quote "$F: expires in ")(9|10) days" \
    -- "$CCHECK" -r "$ROOT" --at "$(date -u -d '+91 days' +%F)" "$F"
# (the test library shows every "current time" as NOW)
check_run "--at after the leaf's notAfter" 2 \
    err~="$(re_quote "$F: x509: certificate has expired: current time NOW is after ").*" \
    -- "$CCHECK" -r "$ROOT" --at "$(at 101)" "$F"
check_run "--at before the leaf's notBefore" 2 \
    err~="$(re_quote "$F: x509: certificate is not yet valid: current time NOW is before ").*" \
    -- "$CCHECK" -r "$ROOT" --at "$(at -2)" "$F"
for v in 2027-13-01 2027-02-29 2027-01-01T25:00:00Z 2027-01-01T00:00:00 \
    2027-01-01x '' 2027-1-1; do
	check_run "--at '$v' is a usage error" 1 \
	    err="ccheck: invalid --at \"$v\": want YYYY-MM-DD or RFC 3339 (2027-01-31T12:00:00Z) (see ccheck --help)" \
	    -- "$CCHECK" -r "$ROOT" --at "$v" "$F"
done
# The same instant as "in 40 days", written 2 hours east and west of UTC.
t=$(($(date +%s) + 40 * PKI_DAY))
east=$(date -u -d "@$((t + 7200))" +%Y-%m-%dT%H:%M:%S)+02:00
west=$(date -u -d "@$((t - 7200))" +%Y-%m-%dT%H:%M:%S)-02:00
check_run "--at with an offset east of UTC" 0 out="$F: ok, expires in 60 days" \
    -- "$CCHECK" -r "$ROOT" --at "$east" "$F"
check_run "--at with an offset west of UTC" 0 out="$F: ok, expires in 60 days" \
    -- "$CCHECK" -r "$ROOT" --at "$west" "$F"

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
check_run "pem signed with Ed25519" 0 out="$F: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" "$F"
F=$PKI/leaf-pss.chain.pem
check_run "pem signed with RSA-PSS" 0 out="$F: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" "$F"

# A file named like a SPEC does not turn the SPEC into a file check: a
# host:port SPEC is probed (here a closed port: refused); a '/' reads it.
CLOSED=$(free_port) || die "no free port"
mkdir "$T/cwd" && cp "$PKI/leaf-ec.chain.pem" "$T/cwd/127.0.0.1:$CLOSED" &&
    cp "$PKI/leaf-ec.chain.pem" "$T/cwd/localhost" || die "cwd files"
cd "$T/cwd" || die "cd $T/cwd"
check_run "a file named host:port: probed, not read" 2 \
    err="127.0.0.1:$CLOSED: connection refused" \
    -- "$CCHECK" --timeout 2 -r "$ROOT" "127.0.0.1:$CLOSED"
check_run "a file named host:port(name): probed, not read" 2 \
    err="127.0.0.1:$CLOSED(localhost): connection refused" \
    -- "$CCHECK" --timeout 2 -r "$ROOT" "127.0.0.1:$CLOSED(localhost)"
check_run "./host:port: read" 0 \
    out="./127.0.0.1:$CLOSED: ok, expires in 100 days" \
    -- "$CCHECK" --timeout 2 -r "$ROOT" "./127.0.0.1:$CLOSED"
check_run "./host:port(name): read, name checked" 0 \
    out="./127.0.0.1:$CLOSED(localhost): ok, expires in 100 days" \
    -- "$CCHECK" --timeout 2 -r "$ROOT" "./127.0.0.1:$CLOSED(localhost)"
check_run "a file named like a SPEC without a port: read" 0 \
    out="localhost: ok, expires in 100 days" \
    -- "$CCHECK" --timeout 2 -r "$ROOT" localhost
check_run "FILE(name) in the working directory" 2 \
    err="localhost(db.example.test): x509: certificate is valid for localhost, 127.0.0.1, ::1, not db.example.test" \
    -- "$CCHECK" --timeout 2 -r "$ROOT" "localhost(db.example.test)"
cd - >/dev/null || die "cd back"

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

# Netscape cert type on the leaf: OpenSSL's sslserver purpose refuses a
# type without the SSL server bit; ccheck must agree with openssl verify.
d=$PKI_DAY
for t in client server; do
	PKI_EXT="nsCertType = $t" pki_cert "ns-$t" int localhost $((-d)) \
	    $((100 * d + PKI_HALF)) leaf "DNS:localhost" ec ||
	    die "cannot make ns-$t"
	F=$PKI/ns-$t.chain.pem
	if openssl verify -no-CApath -no-CAstore -purpose sslserver \
	    -CAfile "$ROOT" -untrusted "$PKI/int.pem" "$PKI/ns-$t.pem" \
	    >/dev/null 2>&1; then
		want=0
	else
		want=2
	fi
	[ "$t:$want" = client:2 ] || [ "$t:$want" = server:0 ] ||
	    die "openssl verify says $want for nsCertType=$t"
	if [ "$want" = 0 ]; then
		check_run "nsCertType=$t, as openssl verify" 0 \
		    out="$F(localhost): ok, expires in 100 days" \
		    -- "$CCHECK" -r "$ROOT" "$F(localhost)"
	else
		check_run "nsCertType=$t, as openssl verify" 2 \
		    err="$F(localhost): x509: certificate \"CN=localhost\" is not valid for server authentication (Netscape certificate type)" \
		    -- "$CCHECK" -r "$ROOT" "$F(localhost)"
	fi
done

finish
