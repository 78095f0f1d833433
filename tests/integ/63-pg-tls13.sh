#!/bin/bash
# SPDX-License-Identifier: MIT
# The TLS 1.3 / 1.2 engine (issue 14) against PostgreSQL 15 (Debian's) and
# 17 (tests/pg17.sh): ssl_min_protocol_version TLSv1.3, then
# ssl_max_protocol_version TLSv1.2, ECDSA P-384, Ed25519 and RSA-PSS
# server keys, ssl_ecdh_curve secp384r1 (a HelloRetryRequest: ccheck's key
# shares are X25519 and P-256), through SSLRequest and, on 17, direct TLS.
# For each configuration the oracles go first: psql (libpq, sslmode
# verify-full) accepts, and openssl s_client -starttls postgres (and
# -alpn postgresql on 17) negotiates the parameters ccheck must report in
# --json and in the chain header.  Then the server log after ccheck's
# probes holds one "connection received" per probe and nothing else: one
# TCP connection each, no "could not accept SSL connection".
. "$(dirname "$0")/../lib.sh"

# tests/pg17.sh is idempotent: instant once build/pg17 holds the server.
PG17_BIN=${PG17_BIN:-}
if [ -z "$PG17_BIN" ]; then
	PG17_BIN=$(pg17_bin) || {
		diag "$(tail -n 20 "$T/pg17.log")"
		die "PostgreSQL 17 not available (tests/pg17.sh failed)"
	}
fi
PG15_BIN=$PG_BIN
NL='
'
pki_make
d=$PKI_DAY h=$PKI_HALF
LH='DNS:localhost, IP:127.0.0.1, IP:::1'
for k in p384:ec384 rsapss:rsapss; do
	pki_cert "leaf-${k%%:*}" int localhost $((-d)) $((100 * d + h)) leaf \
	    "$LH" "${k#*:}" || die "cannot make leaf-${k%%:*}"
done

PG_BIN=$PG17_BIN PG_NAME=pg17 start_pg "$PKI/leaf-ec.chain.pem" \
    "$PKI/leaf-ec.key"
"$PG17_BIN/postgres" -V | grep -q '^postgres (PostgreSQL) 17' ||
    die "$PG17_BIN/postgres is not PostgreSQL 17"
declare -A DATA LOGF PORTS BINS
DATA[17]=$PG_DATA LOGF[17]=$PG_LOG PORTS[17]=$PG_PORT BINS[17]=$PG17_BIN
PG_BIN=$PG15_BIN PG_NAME=pg15 start_pg "$PKI/leaf-ec.chain.pem" \
    "$PKI/leaf-ec.key"
DATA[15]=$PG_DATA LOGF[15]=$PG_LOG PORTS[15]=$PG_PORT BINS[15]=$PG15_BIN

# use V: the lib.sh PostgreSQL helpers (pg_conf, reload_pg...) act on
# PostgreSQL V.
use() {
	PG_DATA=${DATA[$1]} PG_LOG=${LOGF[$1]} PG_PORT=${PORTS[$1]}
	PG_BIN=${BINS[$1]}
	S=127.0.0.1:$PG_PORT
	AT="host=localhost hostaddr=127.0.0.1 port=$PG_PORT user=postgres dbname=postgres connect_timeout=5 sslmode=verify-full sslrootcert=$ROOT"
}

# log_settle: waits until the server log has not grown for 0.5 s (backends
# log their end after the client is gone), 5 s at most; prints its length.
log_settle() {
	local n m
	n=$(pg_log_lines)
	for _ in $(seq 10); do
		sleep 0.5
		m=$(pg_log_lines)
		[ "$m" = "$n" ] && break
		n=$m
	done
	echo "$n"
}

# want VERSION SUITE GROUP SCHEME
want() {
	W="$1 $2 $3 $4"
	W_VERSION=$1 W_SUITE=$2 W_GROUP=$3 W_SCHEME=$4
}

# oracles NAME: psql accepts; s_client through SSLRequest (and on 17
# directly, ALPN postgresql) negotiates $W with a verified chain.
oracles() {
	local name=$1 out got ways=(postgres)
	psql_verdict "$AT"
	if [ "$PSQL_VERDICT" = accept ]; then
		ok "$name: psql (verify-full) accepts"
	else
		notok "$name: psql (verify-full) accepts" \
		    "psql ${PSQL_VERDICT}s: $PSQL_ERR"
	fi
	[ "$V" = 17 ] && ways+=(direct)
	for w in "${ways[@]}"; do
		out=$T/oracle-$V-${name// /_}-$w.out
		local how=(-starttls postgres)
		[ "$w" = direct ] && how=(-alpn postgresql)
		timeout 10 openssl s_client -trace -connect "$S" "${how[@]}" \
		    -CAfile "$ROOT" -verify_return_error -verify_ip 127.0.0.1 \
		    -groups X25519:P-256:P-384:P-521 </dev/null >"$out" 2>&1
		got=$(tls_params "$out")
		if [ "$got" = "$W" ] && grep -q 'Verify return code: 0 (ok)' "$out"; then
			ok "$name: openssl s_client ($w) negotiates $W"
		else
			diag "$(grep -vE '^ {6,}' "$out" | tail -n 30)"
			notok "$name: openssl s_client ($w) negotiates $W" "got '$got'"
		fi
	done
}

# probes NAME: ccheck through SSLRequest (--json and chain) and, on 17,
# direct TLS (--json), each reporting $W; then the log check.
probes() {
	local name=$1 before n=2 sch='"'$W_SCHEME'"'
	before=$(log_settle)
	local js
	js="$(re_quote "\"tls_version\":\"$W_VERSION\",\"cipher_suite\":\"$W_SUITE\",\"key_exchange\":\"$W_GROUP\",\"signature_scheme\":$sch,")"
	check_run "$name: ccheck --postgres --json" 0 \
	    out~="(.|$NL)*$(re_quote '"ok":true,')(.|$NL)*$js(.|$NL)*" \
	    -- "$CCHECK" -j -P --pg-negotiation=postgres -r "$ROOT" "$S"
	check_run "$name: ccheck --postgres chain" 0 \
	    out~="$(re_quote "$S: 2 certificates (postgres, negotiation postgres, $W_VERSION, $W_SUITE, $W_GROUP, $W_SCHEME)")$NL(.|$NL)*" \
	    -- "$CCHECK" chain -P --pg-negotiation=postgres -r "$ROOT" "$S"
	if [ "$V" = 17 ]; then
		check_run "$name: ccheck direct --json" 0 \
		    out~="(.|$NL)*$(re_quote '"ok":true,')(.|$NL)*$js(.|$NL)*" \
		    -- "$CCHECK" -j -P --pg-negotiation=direct -r "$ROOT" "$S"
		check_run "$name: ccheck auto chain, direct" 0 \
		    out~="$(re_quote "$S: 2 certificates (postgres, negotiation direct, $W_VERSION, $W_SUITE, $W_GROUP, $W_SCHEME)")$NL(.|$NL)*" \
		    -- "$CCHECK" chain -P --pg-negotiation=auto -r "$ROOT" "$S"
		n=4
	fi
	check_pg_log "$name" "$before" "$n"
}

# check_pg_log NAME BEFORE PROBES: the log after line BEFORE holds PROBES
# "connection received" lines and nothing else.
check_pg_log() {
	local name=$1 before=$2 probes=$3 extra got
	log_settle >/dev/null
	got=$(tail -n +"$((before + 1))" "$PG_LOG" | grep -c 'connection received')
	extra=$(tail -n +"$((before + 1))" "$PG_LOG" | grep -v 'connection received')
	if [ -n "$extra" ]; then
		diag "unexpected server log lines:" "$extra"
		notok "$name: server log: $probes connections, nothing else" \
		    "server logged: $(printf '%s' "$extra" | head -n 3 |
		    sed -E 's/^[^]]*\] //' | tr '\n' '|')"
	elif [ "$got" -ne "$probes" ]; then
		notok "$name: server log: $probes connections, nothing else" \
		    "$got connections logged"
	else
		ok "$name: server log: $probes connections, nothing else"
	fi
}

# config NAME CERT VERSION SUITE GROUP SCHEME [KEY VALUE]...: sets the
# server's certificate and settings (reload), then oracles and probes.
config() {
	local name="$V: $1" lf=$2
	want "$3" "$4" "$5" "$6"
	shift 6
	pg_install_cert "$PKI/$lf.chain.pem" "$PKI/$lf.key"
	pg_conf ssl_min_protocol_version TLSv1.2
	pg_conf ssl_max_protocol_version ''
	pg_conf ssl_ecdh_curve prime256v1
	while [ $# -ge 2 ]; do
		pg_conf "$1" "$2"
		shift 2
	done
	reload_pg
	oracles "$name"
	probes "$name"
}

# PostgreSQL's defaults: ssl_prefer_server_ciphers on (OpenSSL's TLS 1.3
# order puts AES-256 first; ssl_ciphers HIGH:MEDIUM gives the same in
# 1.2), ssl_ecdh_curve prime256v1: the one group, P-256 (ccheck's second
# key share, no HelloRetryRequest).
A256=TLS_AES_256_GCM_SHA384
for V in 15 17; do
	use $V
	config "TLS 1.3 only" leaf-ec TLSv1.3 $A256 secp256r1 \
	    ecdsa_secp256r1_sha256 ssl_min_protocol_version TLSv1.3
	config "TLS 1.2 only" leaf-ec TLSv1.2 ECDHE-ECDSA-AES256-GCM-SHA384 \
	    secp256r1 ecdsa_secp256r1_sha256 ssl_max_protocol_version TLSv1.2
	config "P-384 key" leaf-p384 TLSv1.3 $A256 secp256r1 \
	    ecdsa_secp384r1_sha384 ssl_min_protocol_version TLSv1.3
	config "Ed25519 key" leaf-ed25519 TLSv1.3 $A256 secp256r1 ed25519
	config "RSA-PSS key" leaf-rsapss TLSv1.3 $A256 secp256r1 \
	    rsa_pss_pss_sha256
	config "RSA-PSS key, TLS 1.2" leaf-rsapss TLSv1.2 \
	    ECDHE-RSA-AES256-GCM-SHA384 secp256r1 rsa_pss_pss_sha256 \
	    ssl_max_protocol_version TLSv1.2
	config "ssl_ecdh_curve secp384r1 (HelloRetryRequest)" leaf-ec TLSv1.3 \
	    $A256 secp384r1 ecdsa_secp256r1_sha256 ssl_ecdh_curve secp384r1 \
	    ssl_min_protocol_version TLSv1.3
	config "ssl_ecdh_curve secp384r1, TLS 1.2" leaf-ec TLSv1.2 \
	    ECDHE-ECDSA-AES256-GCM-SHA384 secp384r1 ecdsa_secp256r1_sha256 \
	    ssl_ecdh_curve secp384r1 ssl_max_protocol_version TLSv1.2
done

finish
