#!/bin/bash
# SPDX-License-Identifier: MIT
# --client-cert / --client-key: RSA and EC keys in PKCS#1, SEC1 and PKCS#8,
# against PostgreSQL with clientcert=verify-ca (which checks the certificate
# during the handshake when one is sent) and openssl s_server -Verify
# (which requires one); a key that is not the certificate's; a client
# certificate from a CA the server does not trust.
. "$(dirname "$0")/../lib.sh"

pki_make >/dev/null
start_pg "$PKI/leaf-ec.chain.pem" "$PKI/leaf-ec.key"
cp "$PKI/root.pem" "$PG_DATA/root.crt" && pg_own "$PG_DATA/root.crt"
pg_conf ssl_ca_file root.crt
echo 'hostssl all all 127.0.0.1/32 trust clientcert=verify-ca' \
    >"$PG_DATA/pg_hba.conf"
pg_own "$PG_DATA/pg_hba.conf"
reload_pg
pg=127.0.0.1:$PG_PORT
ok_line="$pg: ok, expires in 100 days"

openssl pkcs8 -topk8 -nocrypt -in "$PKI/client-rsa.key" -out "$T/rsa.p8"
openssl rsa -in "$PKI/client-rsa.key" -traditional -out "$T/rsa.p1" \
    2>/dev/null
openssl ec -in "$PKI/client-ec.key" -out "$T/ec.sec1" 2>/dev/null
grep -q 'BEGIN RSA PRIVATE KEY' "$T/rsa.p1" &&
    grep -q 'BEGIN EC PRIVATE KEY' "$T/ec.sec1" &&
    grep -q 'BEGIN PRIVATE KEY' "$T/rsa.p8" ||
    die "could not make PKCS#1/SEC1/PKCS#8 key files"

before=$(pg_log_lines)
for key in "$T/rsa.p8" "$T/rsa.p1"; do
	check_run "pg, RSA client key ${key##*.}" 0 out="$ok_line" -- \
	    "$CCHECK" -P -r "$ROOT" -c "$PKI/client-rsa.chain.pem" -k "$key" \
	    "$pg"
done
for key in "$PKI/client-ec.key" "$T/ec.sec1"; do
	check_run "pg, EC client key ${key##*/}" 0 out="$ok_line" -- \
	    "$CCHECK" -P -r "$ROOT" -c "$PKI/client-ec.chain.pem" -k "$key" \
	    "$pg"
done
# The server accepted every certificate: only connection lines logged.
extra=$(tail -n +"$((before + 1))" "$PG_LOG" | grep -v 'connection received')
if [ -z "$extra" ]; then
	ok "pg accepted the client certificates quietly"
else
	notok "pg accepted the client certificates quietly" "$extra"
fi

check_run "pg, client certificate from an untrusted CA" 2 \
    err="$pg: remote error: tls: unknown certificate authority" -- \
    "$CCHECK" -P -r "$ROOT" -c "$PKI/client-other.chain.pem" \
    -k "$PKI/client-other.key" "$pg"

check_run "key of another certificate" 1 \
    err="ccheck: client certificate: certificate does not match private key file \"$T/rsa.p1\"" \
    -- "$CCHECK" -P -r "$ROOT" -c "$PKI/client-ec.chain.pem" \
    -k "$T/rsa.p1" "$pg"
cp "$PKI/client-ec.pem" "$T/cert-as-key.pem" && chmod 600 "$T/cert-as-key.pem"
check_run "key file without a key" 1 \
    err="ccheck: client certificate: could not load private key file \"$T/cert-as-key.pem\": unsupported" \
    -- "$CCHECK" -P -r "$ROOT" -c "$PKI/client-ec.chain.pem" \
    -k "$T/cert-as-key.pem" "$pg"
check_run "certificate file without a certificate" 1 \
    err~="ccheck: client certificate: .*: no certificate in PEM file" \
    -- "$CCHECK" -P -r "$ROOT" -c "$PKI/client-ec.key" \
    -k "$PKI/client-ec.key" "$pg"
check_run "--client-cert alone" 1 \
    err="ccheck: --client-cert and --client-key go together (see ccheck --help)" \
    -- "$CCHECK" -P -c "$PKI/client-ec.pem" "$pg"

# s_server -Verify fails the handshake without a client certificate.
start_s_server verify "$PKI/leaf-ec.pem" "$PKI/leaf-ec.key" \
    "$PKI/int.pem" -Verify 2 -CAfile "$ROOT"
check_run "s_server -Verify, with a certificate" 0 \
    out="127.0.0.1:$PORT: ok, expires in 100 days" -- \
    "$CCHECK" -r "$ROOT" -c "$PKI/client-ec.chain.pem" \
    -k "$PKI/client-ec.key" "127.0.0.1:$PORT"
check_run "s_server -Verify, without a certificate" 2 \
    err~="127\.0\.0\.1:$PORT: remote error: tls: .*" -- \
    "$CCHECK" -r "$ROOT" "127.0.0.1:$PORT"

finish
