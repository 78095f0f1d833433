#!/bin/bash
# SPDX-License-Identifier: MIT
# The TLS 1.3 / 1.2 engine (issue 14) against openssl s_server and
# gnutls-serv: each TLS 1.3 cipher suite and group (P-384 and P-521 through
# HelloRetryRequest), the TLS 1.2 ECDHE suites and static RSA, every server
# key type (ECDSA P-256/384/521, RSA 2048/4096, RSA-PSS, Ed25519; Ed448
# fails naming its type), client certificates in both versions, a DHE-only
# server, extended master secret.  Every server sits behind a counting
# relay (lib.sh start_relay): each probe must make exactly one TCP
# connection.  openssl s_client (the oracle) reaches the same server
# first, and what it negotiated (version, suite, group, signature scheme,
# read from -trace) must be what ccheck is asserted to report in --json
# ("key_exchange", "signature_scheme") and in the chain header.
. "$(dirname "$0")/../lib.sh"
pki_make
NL='
'
d=$PKI_DAY h=$PKI_HALF
LH='DNS:localhost, IP:127.0.0.1, IP:::1'
leaf() {	# leaf NAME ISSUER KEYTYPE
	pki_cert "$1" "$2" localhost $((-d)) $((100 * d + h)) leaf "$LH" "$3" ||
	    { diag "$(tail -n 5 "$PKI/log")"; die "cannot make $1"; }
}
leaf leaf-p384 int ec384
leaf leaf-p521 int ec521
leaf leaf-rsa4096 int-rsa rsa4096
leaf leaf-rsapss int rsapss
leaf leaf-ed448 int ed448

# ---- servers ---------------------------------------------------------------

CASE_PIDS=()
stop_case() {
	local p
	for p in "${CASE_PIDS[@]}"; do
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	CASE_PIDS=()
}
issuer_of() {
	openssl x509 -in "$PKI/$1.pem" -noout -issuer -nameopt RFC2253 |
	    grep -q 'RSA Intermediate' && echo int-rsa || echo int
}

# ossl NAME LEAF [S_SERVER ARGS...]: openssl s_server -www serving
#   $PKI/LEAF (and its intermediate), behind a relay.  Sets S (the spec
#   ccheck probes), LOG (the server's output).
ossl() {
	local name=$1 lf=$2
	shift 2
	stop_case
	start_s_server "$name" "$PKI/$lf.pem" "$PKI/$lf.key" \
	    "$PKI/$(issuer_of "$lf").pem" "$@"
	CASE_PIDS+=("${SERVER_PIDS[-1]}")
	LOG=$S_SERVER_LOG
	start_relay "$name" "$PORT"
	CASE_PIDS+=("$RELAY_PID")
	S=127.0.0.1:$RPORT
}

# gnutls NAME LEAF PRIORITY [GNUTLS-SERV ARGS...]: gnutls-serv --http
#   serving $PKI/LEAF.chain.pem, behind a relay.  Sets S and LOG.
gnutls() {
	local name=$1 lf=$2 prio=$3 p
	shift 3
	stop_case
	command -v gnutls-serv >/dev/null || die "gnutls-serv not installed (gnutls-bin)"
	# gnutls-serv listens before it parses the priority string (and
	# then exits at the first connection): check it first.
	gnutls-cli --priority "$prio" --list >/dev/null 2>&1 ||
	    die "gnutls $name: bad priority string $prio"
	p=$(free_port) || die "no free port"
	LOG=$T/gnutls-$name.log
	gnutls-serv --http --port "$p" --x509certfile "$PKI/$lf.chain.pem" \
	    --x509keyfile "$PKI/$lf.key" --priority "$prio" "$@" \
	    </dev/null >"$LOG" 2>&1 &
	SERVER_PIDS+=($!)
	CASE_PIDS+=($!)
	wait_for 5 tcp_open "$p" || { diag "$(cat "$LOG")"; die "gnutls-serv $name did not start"; }
	start_relay "$name" "$p"
	CASE_PIDS+=("$RELAY_PID")
	S=127.0.0.1:$RPORT
}

# ---- the oracle ------------------------------------------------------------

# oracle NAME [S_CLIENT ARGS...]: openssl s_client through the relay,
#   offering what ccheck offers (groups X25519, P-256, P-384, P-521),
#   verifying chain and address against the test root, sending one HTTP
#   request (both servers here answer it; the answer proves the server
#   accepted the whole handshake, client certificate included).  Sets
#   O_GOT to "VERSION SUITE GROUP SCHEME" in ccheck's vocabulary (group
#   "rsa" and scheme "null" for static RSA key exchange), O_HTTP to 1
#   when the server answered, O_OUT to the output file.
oracle() {
	local name=$1 out=$T/oracle-$1.out
	shift
	printf 'GET / HTTP/1.0\r\n\r\n' | timeout 10 openssl s_client -trace \
	    -connect "$S" -ign_eof -CAfile "$ROOT" -verify_return_error \
	    -verify_ip 127.0.0.1 -groups X25519:P-256:P-384:P-521 "$@" \
	    >"$out" 2>&1
	O_OUT=$out
	O_GOT=$(tls_params "$out")
	O_HTTP=0
	# -trace output and the data received share stdout: no anchor.
	grep -qiE 'HTTP/1\.[01] 200' "$out" && O_HTTP=1
	O_VERIFIED=0
	grep -q 'Verify return code: 0 (ok)' "$out" && O_VERIFIED=1
}

# want VERSION SUITE GROUP SCHEME: what the next case must negotiate.
want() {
	W_VERSION=$1 W_SUITE=$2 W_GROUP=$3 W_SCHEME=$4
}

# oracle_ok NAME [S_CLIENT ARGS...]: the oracle negotiates exactly the
#   wanted parameters, verifies the chain, gets an HTTP answer.
oracle_ok() {
	local name=$1
	shift
	oracle "$name" "$@"
	local w="$W_VERSION $W_SUITE $W_GROUP $W_SCHEME"
	if [ "$O_GOT" = "$w" ] && [ "$O_VERIFIED" = 1 ] && [ "$O_HTTP" = 1 ]; then
		ok "$name: openssl s_client negotiates $w"
	else
		diag "s_client output:" "$(grep -vE '^ {6,}' "$O_OUT" | tail -n 40)"
		notok "$name: openssl s_client negotiates $w" \
		    "got '$O_GOT', verified $O_VERIFIED, http $O_HTTP"
	fi
	relay_mark
}

# ccheck_ok NAME [CCHECK ARGS...]: --json reports the wanted parameters
#   right after "cipher_suite" and ok; chain's header names them; one TCP
#   connection each.
ccheck_ok() {
	local name=$1 sch='"'$W_SCHEME'"'
	shift
	[ "$W_SCHEME" = null ] && sch=null
	check_run "$name: ccheck --json" 0 \
	    out~="(.|$NL)*$(re_quote '"ok":true,')(.|$NL)*$(re_quote "\"tls_version\":\"$W_VERSION\",\"cipher_suite\":\"$W_SUITE\",\"key_exchange\":\"$W_GROUP\",\"signature_scheme\":$sch,")(.|$NL)*" \
	    -- "$CCHECK" -j -r "$ROOT" "$@" "$S"
	check_conns "$name: ccheck --json"
	local hdr="$W_VERSION, $W_SUITE, $W_GROUP, $W_SCHEME"
	[ "$W_SCHEME" = null ] && hdr="$W_VERSION, $W_SUITE, $W_GROUP"
	check_run "$name: ccheck chain" 0 \
	    out~="$(re_quote "$S: 2 certificates (tls, $hdr)")$NL(.|$NL)*" \
	    -- "$CCHECK" chain -r "$ROOT" "$@" "$S"
	check_conns "$name: ccheck chain"
}

# tls_case NAME LEAF VERSION SUITE GROUP SCHEME [S_SERVER ARGS...]
tls_case() {
	local name=$1 lf=$2
	want "$3" "$4" "$5" "$6"
	shift 6
	ossl "$name" "$lf" "$@"
	oracle_ok "$name"
	ccheck_ok "$name"
}

# ---- the relay counts what it should ------------------------------------------
ossl relay leaf-ec -tls1_3
oracle relay
check_conns "relay self-test, one s_client"
oracle relay
oracle relay
check_conns "relay self-test, two s_clients" 2

# ---- TLS 1.3: each cipher suite, each group -------------------------------------
V3=TLSv1.3
for cs in TLS_AES_128_GCM_SHA256 TLS_AES_256_GCM_SHA384 \
    TLS_CHACHA20_POLY1305_SHA256; do
	tls_case "1.3 $cs" leaf-ec $V3 $cs x25519 ecdsa_secp256r1_sha256 \
	    -tls1_3 -ciphersuites $cs
done
# P-256 is the second key share; P-384 and P-521 need a HelloRetryRequest
# (the oracle needs one for P-256 as well: OpenSSL sends one key share).
for g in X25519:x25519 P-256:secp256r1 P-384:secp384r1 P-521:secp521r1; do
	tls_case "1.3 group ${g%%:*}" leaf-ec $V3 TLS_AES_128_GCM_SHA256 \
	    "${g#*:}" ecdsa_secp256r1_sha256 -tls1_3 \
	    -ciphersuites TLS_AES_128_GCM_SHA256 -groups "${g%%:*}"
done
# A server that knows x25519 and P-384 but prefers P-384: it still takes
# the share it was sent (no HelloRetryRequest when a share fits).
tls_case "1.3 P-384 preferred, x25519 share used" leaf-ec $V3 \
    TLS_AES_128_GCM_SHA256 x25519 ecdsa_secp256r1_sha256 -tls1_3 \
    -ciphersuites TLS_AES_128_GCM_SHA256 -groups P-384:X25519

# ---- TLS 1.2: the ECDHE AEAD suites, a group, static RSA --------------------------
V2=TLSv1.2
for cs in ECDHE-ECDSA-AES128-GCM-SHA256 ECDHE-ECDSA-AES256-GCM-SHA384 \
    ECDHE-ECDSA-CHACHA20-POLY1305; do
	tls_case "1.2 $cs" leaf-ec $V2 $cs x25519 ecdsa_secp256r1_sha256 \
	    -tls1_2 -cipher $cs
done
for cs in ECDHE-RSA-AES128-GCM-SHA256 ECDHE-RSA-AES256-GCM-SHA384 \
    ECDHE-RSA-CHACHA20-POLY1305; do
	tls_case "1.2 $cs" leaf-rsa $V2 $cs x25519 rsa_pss_rsae_sha256 \
	    -tls1_2 -cipher $cs -sigalgs rsa_pss_rsae_sha256
done
tls_case "1.2 group P-384" leaf-ec $V2 ECDHE-ECDSA-AES128-GCM-SHA256 \
    secp384r1 ecdsa_secp256r1_sha256 -tls1_2 \
    -cipher ECDHE-ECDSA-AES128-GCM-SHA256 -groups P-384
tls_case "1.2 static RSA" leaf-rsa $V2 AES128-GCM-SHA256 rsa null \
    -tls1_2 -cipher AES128-GCM-SHA256

# ---- server key types -------------------------------------------------------------
A1=TLS_AES_128_GCM_SHA256
tls_case "key P-384, 1.3" leaf-p384 $V3 $A1 x25519 ecdsa_secp384r1_sha384 \
    -tls1_3 -ciphersuites $A1
tls_case "key P-521, 1.3" leaf-p521 $V3 $A1 x25519 ecdsa_secp521r1_sha512 \
    -tls1_3 -ciphersuites $A1
tls_case "key RSA-2048, 1.3" leaf-rsa $V3 $A1 x25519 rsa_pss_rsae_sha256 \
    -tls1_3 -ciphersuites $A1 -sigalgs rsa_pss_rsae_sha256
tls_case "key RSA-4096, 1.3, SHA-512" leaf-rsa4096 $V3 $A1 x25519 \
    rsa_pss_rsae_sha512 -tls1_3 -ciphersuites $A1 -sigalgs rsa_pss_rsae_sha512
tls_case "key RSA-PSS, 1.3" leaf-rsapss $V3 $A1 x25519 rsa_pss_pss_sha256 \
    -tls1_3 -ciphersuites $A1 -sigalgs rsa_pss_pss_sha256
tls_case "key RSA-PSS, 1.3, SHA-384" leaf-rsapss $V3 $A1 x25519 \
    rsa_pss_pss_sha384 -tls1_3 -ciphersuites $A1 -sigalgs rsa_pss_pss_sha384
tls_case "key Ed25519, 1.3" leaf-ed25519 $V3 $A1 x25519 ed25519 \
    -tls1_3 -ciphersuites $A1
E2=ECDHE-ECDSA-AES128-GCM-SHA256 R2=ECDHE-RSA-AES128-GCM-SHA256
tls_case "key P-384, 1.2" leaf-p384 $V2 $E2 x25519 ecdsa_secp384r1_sha384 \
    -tls1_2 -cipher $E2 -sigalgs ecdsa_secp384r1_sha384
tls_case "key RSA-2048, 1.2, PKCS#1" leaf-rsa $V2 $R2 x25519 \
    rsa_pkcs1_sha256 -tls1_2 -cipher $R2 -sigalgs rsa_pkcs1_sha256
tls_case "key RSA-4096, 1.2, PKCS#1 SHA-384" leaf-rsa4096 $V2 $R2 x25519 \
    rsa_pkcs1_sha384 -tls1_2 -cipher $R2 -sigalgs rsa_pkcs1_sha384
tls_case "key RSA-PSS, 1.2" leaf-rsapss $V2 $R2 x25519 rsa_pss_pss_sha256 \
    -tls1_2 -cipher $R2 -sigalgs rsa_pss_pss_sha256
# Ed448: offered so that the certificate arrives; the failure names it.
ossl ed448 leaf-ed448 -tls1_3
want $V3 TLS_AES_256_GCM_SHA384 x25519 ed448
oracle_ok "key Ed448, 1.3"
check_run "key Ed448, 1.3: ccheck names the key type" 2 \
    err~="$(re_quote "$S: ").*Ed448.*" -- "$CCHECK" -r "$ROOT" "$S"
check_conns "key Ed448, 1.3: ccheck"

# ---- a DHE-only server ---------------------------------------------------------------
ossl dhe leaf-rsa -tls1_2 -cipher DHE-RSA-AES128-GCM-SHA256
oracle dhe
if [ "$O_GOT" = "$V2 DHE-RSA-AES128-GCM-SHA256 ffdhe rsa_pss_rsae_sha256" ] &&
    [ "$O_HTTP" = 1 ]; then
	ok "DHE only: openssl s_client negotiates DHE-RSA-AES128-GCM-SHA256"
else
	notok "DHE only: openssl s_client negotiates DHE-RSA-AES128-GCM-SHA256" \
	    "got '$O_GOT', http $O_HTTP"
fi
relay_mark
check_run "DHE only: ccheck says why" 2 \
    err="$S: tls handshake failed: server offers only finite-field DHE key exchange, which ccheck does not support" \
    -- "$CCHECK" -r "$ROOT" "$S"
check_conns "DHE only: ccheck"

# ---- client certificates --------------------------------------------------------------
# -Verify 1 requires a certificate; -verify_return_error fails the
# handshake for one the server does not trust.  In TLS 1.3 the server
# judges the client's certificate after its own Finished: the oracle's
# HTTP answer, and ccheck's verdict, come only when it accepted.
CV=(-Verify 1 -CAfile "$ROOT" -verify_return_error)
for v in 1_3 1_2; do
	ver=TLSv${v/_/.}
	ossl "client-$v" leaf-ec -tls$v "${CV[@]}"
	for k in ec rsa; do
		cc=(-cert "$PKI/client-$k.pem" -key "$PKI/client-$k.key"
		    -cert_chain "$PKI/$( [ $k = rsa ] && echo int-rsa || echo int).pem")
		oracle "client-$v-$k" "${cc[@]}"
		if [ "${O_GOT%% *}" = "$ver" ] && [ "$O_HTTP" = 1 ]; then
			ok "client cert $k, $ver: s_client accepted"
		else
			diag "$(grep -vE '^ {6,}' "$O_OUT" | tail -n 20)"
			notok "client cert $k, $ver: s_client accepted" \
			    "got '$O_GOT', http $O_HTTP"
		fi
		relay_mark
		check_run "client cert $k, $ver: ccheck" 0 \
		    out="$S: ok, expires in 100 days" -- "$CCHECK" -r "$ROOT" \
		    -c "$PKI/client-$k.chain.pem" -k "$PKI/client-$k.key" "$S"
		check_conns "client cert $k, $ver: ccheck"
	done
	oracle "client-$v-none"
	if [ "$O_HTTP" = 0 ] && grep -qiE 'alert|error' "$O_OUT"; then
		ok "no client cert, $ver: s_client refused by the server"
	else
		notok "no client cert, $ver: s_client refused by the server" \
		    "http $O_HTTP: $(grep -i alert "$O_OUT" | head -n 1)"
	fi
	relay_mark
	check_run "no client cert, $ver: ccheck reports the server's alert" 2 \
	    err~="$(re_quote "$S: remote error: tls: ").*" \
	    -- "$CCHECK" -r "$ROOT" "$S"
	check_conns "no client cert, $ver: ccheck"
	oracle "client-$v-other" -cert "$PKI/client-other.pem" \
	    -key "$PKI/client-other.key" -cert_chain "$PKI/other-int.pem"
	if [ "$O_HTTP" = 0 ] && grep -qiE 'alert' "$O_OUT"; then
		ok "untrusted client cert, $ver: s_client refused by the server"
	else
		notok "untrusted client cert, $ver: s_client refused by the server" \
		    "http $O_HTTP: $(grep -i alert "$O_OUT" | head -n 1)"
	fi
	relay_mark
	check_run "untrusted client cert, $ver: ccheck reports the alert" 2 \
	    err~="$(re_quote "$S: remote error: tls: ").*" \
	    -- "$CCHECK" -r "$ROOT" -c "$PKI/client-other.chain.pem" \
	    -k "$PKI/client-other.key" "$S"
	check_conns "untrusted client cert, $ver: ccheck"
done
# A CertificateRequest longer than the reassembly area (the chain
# buffer's 16 KiB): a CA list of the system bundle and forty more names.
# It streams past, hashed; the signature algorithms at its start still
# choose how ccheck signs, and the server takes the signature.
mkdir -p "$T/many"
cat /etc/ssl/certs/ca-certificates.crt "$ROOT" >"$T/many/cas.pem"
for i in $(seq 1 40); do
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	    -keyout "$T/many/k.pem" -out "$T/many/c.pem" -days 2 -subj \
	    "/O=Organisation with a rather long name, number $i/OU=Certification authorities of department $i/CN=Test authority number $i with a long name" \
	    2>/dev/null && cat "$T/many/c.pem" >>"$T/many/cas.pem"
done
for v in 1_3 1_2; do
	ver=TLSv${v/_/.}
	ossl "client-big-$v" leaf-ec -tls$v -Verify 1 -CAfile "$T/many/cas.pem" \
	    -verify_return_error -trace
	relay_mark
	check_run "client cert, long CertificateRequest, $ver: ccheck" 0 \
	    out="$S: ok, expires in 100 days" -- "$CCHECK" -r "$ROOT" \
	    -c "$PKI/client-ec.chain.pem" -k "$PKI/client-ec.key" "$S"
	check_conns "client cert, long CertificateRequest, $ver: ccheck"
	if grep -Eq 'CertificateRequest, Length=(1[7-9]|[2-9][0-9])[0-9]{3}$' \
	    "$LOG"; then
		ok "long CertificateRequest, $ver: over 16 KiB"
	else
		notok "long CertificateRequest, $ver: over 16 KiB" \
		    "$(grep 'CertificateRequest' "$LOG" | head -n 1)"
	fi
done
# The certificate ccheck sends without --client-cert is empty: the
# server's trace shows a Certificate message with no certificates (the
# oracle's first, to prove the trace shows it).
ossl client-empty leaf-ec -tls1_3 -Verify 1 -CAfile "$ROOT" -trace
# empty_cert_after N: the server's trace after line N has an empty
# client Certificate.
empty_cert_after() {
	sleep 0.2
	tail -n +"$(($1 + 1))" "$LOG" | grep -A3 -E '^ +Certificate, Length=4$' |
	    grep -q 'certificate_list, length=0'
}
for who in oracle ccheck; do
	n=$(wc -l <"$LOG")
	if [ $who = oracle ]; then
		oracle client-empty
	else
		"$CCHECK" -r "$ROOT" "$S" >/dev/null 2>&1
	fi
	if empty_cert_after "$n"; then
		ok "no client cert: $who sent an empty Certificate"
	else
		notok "no client cert: $who sent an empty Certificate" \
		    "no empty certificate_list in the server's trace"
	fi
done

# ---- extended master secret (RFC 7627) ------------------------------------------------
# OpenSSL 3.0 and GnuTLS 3.7 cannot require it (OpenSSL 3.2's FIPS
# provider can); what can be checked is that ccheck offers it and the
# server takes it: s_server -trace shows the extension in the ClientHello
# it received and in the ServerHello it sent (the oracle's first).
ossl ems leaf-ec -tls1_2 -cipher $E2 -trace
ems_lines() {
	sleep 0.2
	grep -c 'extension_type=extended_master_secret(23)' "$LOG"
}
for who in oracle ccheck; do
	n=$(ems_lines)
	if [ $who = oracle ]; then
		oracle ems
	else
		"$CCHECK" -r "$ROOT" "$S" >"$T/ems.out" 2>&1
	fi
	n=$(($(ems_lines) - n))
	if [ "$n" -eq 2 ]; then
		ok "EMS: $who offers extended_master_secret, the server echoes it"
	else
		notok "EMS: $who offers extended_master_secret, the server echoes it" \
		    "$n extended_master_secret lines in the server's trace, want 2"
	fi
done
relay_mark
# A server with EMS switched off: TLS 1.2 without it still works.
cat >"$T/noems.cnf" <<EOF
openssl_conf = oc
[oc]
ssl_conf = sc
[sc]
system_default = sd
[sd]
Options = -ExtendedMasterSecret
EOF
OPENSSL_CONF=$T/noems.cnf ossl noems leaf-ec -tls1_2 -cipher $E2 -trace
want $V2 $E2 x25519 ecdsa_secp256r1_sha256
oracle_ok "no EMS, 1.2"
if sed -n '/ServerHello, Length/,/^$/p' "$LOG" | grep -q extended_master_secret; then
	notok "no EMS, 1.2: server does not send EMS" "it does"
else
	ok "no EMS, 1.2: server does not send EMS"
fi
ccheck_ok "no EMS, 1.2"

# ---- gnutls-serv: a second TLS 1.3 implementation ------------------------------------
G="NORMAL:-VERS-ALL:+VERS-TLS1.3:-CIPHER-ALL:-GROUP-ALL:-SIGN-ALL"
gnutls g13 leaf-ec "$G:+AES-128-GCM:+GROUP-X25519:+SIGN-ECDSA-SECP256R1-SHA256"
want $V3 TLS_AES_128_GCM_SHA256 x25519 ecdsa_secp256r1_sha256
oracle_ok "gnutls 1.3"
ccheck_ok "gnutls 1.3"
gnutls g13-hrr leaf-ec "$G:+CHACHA20-POLY1305:+GROUP-SECP384R1:+SIGN-ECDSA-SECP256R1-SHA256"
want $V3 TLS_CHACHA20_POLY1305_SHA256 secp384r1 ecdsa_secp256r1_sha256
oracle_ok "gnutls 1.3 P-384 (HelloRetryRequest)"
ccheck_ok "gnutls 1.3 P-384 (HelloRetryRequest)"
gnutls g13-rsa leaf-rsa "$G:+AES-256-GCM:+GROUP-SECP256R1:+SIGN-RSA-PSS-RSAE-SHA384"
want $V3 TLS_AES_256_GCM_SHA384 secp256r1 rsa_pss_rsae_sha384
oracle_ok "gnutls 1.3 RSA, P-256"
ccheck_ok "gnutls 1.3 RSA, P-256"
gnutls g13-ed leaf-ed25519 "$G:+AES-128-GCM:+GROUP-X25519:+SIGN-EDDSA-ED25519"
want $V3 TLS_AES_128_GCM_SHA256 x25519 ed25519
oracle_ok "gnutls 1.3 Ed25519"
ccheck_ok "gnutls 1.3 Ed25519"
G2="NORMAL:-VERS-ALL:+VERS-TLS1.2:-CIPHER-ALL:-GROUP-ALL:-SIGN-ALL:-KX-ALL"
gnutls g12 leaf-ec "$G2:+ECDHE-ECDSA:+AES-256-GCM:+GROUP-X25519:+SIGN-ECDSA-SHA256"
want $V2 ECDHE-ECDSA-AES256-GCM-SHA384 x25519 ecdsa_secp256r1_sha256
oracle_ok "gnutls 1.2"
ccheck_ok "gnutls 1.2"
gnutls g12-noems leaf-rsa "$G2:+ECDHE-RSA:+CHACHA20-POLY1305:+GROUP-SECP256R1:+SIGN-RSA-SHA256:%NO_SESSION_HASH"
want $V2 ECDHE-RSA-CHACHA20-POLY1305 secp256r1 rsa_pkcs1_sha256
oracle_ok "gnutls 1.2 without EMS"
ccheck_ok "gnutls 1.2 without EMS"
stop_case

finish
