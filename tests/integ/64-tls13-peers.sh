#!/bin/bash
# SPDX-License-Identifier: MIT
# The TLS 1.3 engine (issue 14) against the TLS stacks of real daemons
# from Debian's packages, each on free loopback ports with its own
# configuration under $T and behind a counting relay (lib.sh start_relay):
# nginx with ssl_protocols TLSv1.3 (Mozilla's "modern" profile) and with an
# Ed25519 key, haproxy with ssl-min-ver TLSv1.3 and curves P-384 (a
# HelloRetryRequest), pgbouncer with client TLS (its default protocols and
# TLS 1.3 only) through SSLRequest, direct TLS (a clean refusal: pgbouncer
# answers a ClientHello with a PostgreSQL error) and auto (which falls
# back: two connections).  openssl s_client (and psql for pgbouncer)
# reaches each server first and must negotiate what ccheck is asserted to
# report.
. "$(dirname "$0")/../lib.sh"
. "$TESTS_DIR/peers/daemons.sh"
pki_make
NL='
'

# want VERSION SUITE GROUP SCHEME
want() {
	W="$1 $2 $3 $4"
	W_VERSION=$1 W_SUITE=$2 W_GROUP=$3 W_SCHEME=$4
}

# oracle NAME [S_CLIENT ARGS...]: s_client through the relay at $S with
# ccheck's groups, chain and address verified; an HTTP request unless
# -starttls is among the arguments.  Asserts it negotiated $W (and got an
# HTTP answer).
oracle() {
	local name=$1 out=$T/oracle-${1// /_}.out http=1 got
	shift
	[[ " $* " == *" -starttls "* ]] && http=0
	printf 'GET / HTTP/1.0\r\nHost: localhost\r\n\r\n' |
	    timeout 10 openssl s_client -trace -connect "$S" -ign_eof \
	    -CAfile "$ROOT" -verify_return_error -verify_ip 127.0.0.1 \
	    -groups X25519:P-256:P-384:P-521 "$@" >"$out" 2>&1
	got=$(tls_params "$out")
	if [ "$got" = "$W" ] && grep -q 'Verify return code: 0 (ok)' "$out" &&
	    { [ $http = 0 ] || grep -qiE 'HTTP/1\.[01] 200' "$out"; }; then
		ok "$name: openssl s_client negotiates $W"
	else
		diag "$(grep -vE '^ {6,}' "$out" | tail -n 30)"
		notok "$name: openssl s_client negotiates $W" "got '$got'"
	fi
	relay_mark
}

# ccheck_ok NAME [CCHECK ARGS...]: --json and chain report $W; one TCP
# connection each.  PROTO: the chain header's protocol part.
ccheck_ok() {
	local name=$1
	shift
	check_run "$name: ccheck --json" 0 \
	    out~="(.|$NL)*$(re_quote '"ok":true,')(.|$NL)*$(re_quote "\"tls_version\":\"$W_VERSION\",\"cipher_suite\":\"$W_SUITE\",\"key_exchange\":\"$W_GROUP\",\"signature_scheme\":\"$W_SCHEME\",")(.|$NL)*" \
	    -- "$CCHECK" -j -r "$ROOT" "$@" "$S"
	check_conns "$name: ccheck --json"
	check_run "$name: ccheck chain" 0 \
	    out~="$(re_quote "$S: 2 certificates ($PROTO, $W_VERSION, $W_SUITE, $W_GROUP, $W_SCHEME)")$NL(.|$NL)*" \
	    -- "$CCHECK" chain -r "$ROOT" "$@" "$S"
	check_conns "$name: ccheck chain"
}

# ---- nginx ----------------------------------------------------------------------
[ -x /usr/sbin/nginx ] || die "nginx not installed"
N13=$(free_port) && NED=$(free_port) || die "no free port"
nd=$T/nginx
mkdir -p "$nd"
cat >"$nd/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
pid $nd/nginx.pid;
error_log $nd/error.log;
events { worker_connections 16; }
http {
	access_log $nd/access.log;
	client_body_temp_path $nd/body;
	proxy_temp_path $nd/proxy;
	fastcgi_temp_path $nd/fastcgi;
	uwsgi_temp_path $nd/uwsgi;
	scgi_temp_path $nd/scgi;
	server {
		listen 127.0.0.1:$N13 ssl;
		ssl_certificate $PKI/leaf-ec.chain.pem;
		ssl_certificate_key $PKI/leaf-ec.key;
		ssl_protocols TLSv1.3;
		ssl_conf_command Ciphersuites TLS_CHACHA20_POLY1305_SHA256;
		return 200 "ok\n";
	}
	server {
		listen 127.0.0.1:$NED ssl;
		ssl_certificate $PKI/leaf-ed25519.chain.pem;
		ssl_certificate_key $PKI/leaf-ed25519.key;
		ssl_protocols TLSv1.2 TLSv1.3;
		ssl_conf_command Ciphersuites TLS_AES_128_GCM_SHA256;
		return 200 "ok\n";
	}
}
CONF
/usr/sbin/nginx -c "$nd/nginx.conf" -p "$nd" -e "$nd/error.log" \
    </dev/null >"$nd/stdout" 2>&1 &
SERVER_PIDS+=($!)
wait_port "$N13" nginx "$nd/error.log"
PROTO=tls
start_relay nginx13 "$N13"
S=127.0.0.1:$RPORT
want TLSv1.3 TLS_CHACHA20_POLY1305_SHA256 x25519 ecdsa_secp256r1_sha256
oracle "nginx TLS 1.3 only"
ccheck_ok "nginx TLS 1.3 only"
start_relay nginx-ed "$NED"
S=127.0.0.1:$RPORT
want TLSv1.3 TLS_AES_128_GCM_SHA256 x25519 ed25519
oracle "nginx Ed25519"
ccheck_ok "nginx Ed25519"

# ---- haproxy --------------------------------------------------------------------
command -v haproxy >/dev/null || die "haproxy not installed"
HP=$(free_port) || die "no free port"
hd=$T/haproxy
mkdir -p "$hd"
cat "$PKI/leaf-ec.chain.pem" "$PKI/leaf-ec.key" >"$hd/site.pem"
cat >"$hd/haproxy.cfg" <<CONF
global
	pidfile $hd/haproxy.pid
defaults
	mode http
	timeout connect 5s
	timeout client 5s
	timeout server 5s
frontend tls13
	bind 127.0.0.1:$HP ssl crt $hd/site.pem ssl-min-ver TLSv1.3 ciphersuites TLS_AES_256_GCM_SHA384 curves P-384
	http-request return status 200 content-type text/plain string ok
CONF
haproxy -c -q -f "$hd/haproxy.cfg" >"$hd/check.log" 2>&1 ||
    die "haproxy configuration: $(head -n 3 "$hd/check.log")"
haproxy -db -f "$hd/haproxy.cfg" </dev/null >"$hd/log" 2>&1 &
SERVER_PIDS+=($!)
wait_port "$HP" haproxy "$hd/log"
start_relay haproxy "$HP"
S=127.0.0.1:$RPORT
want TLSv1.3 TLS_AES_256_GCM_SHA384 secp384r1 ecdsa_secp256r1_sha256
oracle "haproxy TLS 1.3 only, P-384 (HelloRetryRequest)"
ccheck_ok "haproxy TLS 1.3 only, P-384 (HelloRetryRequest)"

# ---- pgbouncer ------------------------------------------------------------------
PGB_ERR='a PostgreSQL error, not TLS: "client sent partial pkt in startup phase"'
PROTO="postgres, negotiation postgres"
for mode in default tls13; do
	extra=
	[ $mode = tls13 ] && extra='client_tls_protocols = tlsv1.3'
	PGB_EXTRA=$extra start_pgbouncer $mode
	start_relay "pgbouncer-$mode" "$PGB_PORT"
	S=127.0.0.1:$RPORT
	n="pgbouncer ($mode protocols)"
	# psql: verify-full passes; the login then fails at the backend that
	# is never reached (port 1), after TLS.
	psql_verdict "host=localhost hostaddr=127.0.0.1 port=$RPORT user=ccheck dbname=ccheck connect_timeout=5 sslmode=verify-full sslrootcert=$ROOT"
	if [ "$PSQL_VERDICT" != refuse ] && ! [[ $PSQL_ERR =~ SSL|certificate ]] &&
	    [ -n "$PSQL_ERR" ]; then
		ok "$n: psql (verify-full) gets past TLS"
	else
		notok "$n: psql (verify-full) gets past TLS" \
		    "psql ${PSQL_VERDICT}: $PSQL_ERR"
	fi
	relay_mark
	want TLSv1.3 TLS_AES_256_GCM_SHA384 x25519 ecdsa_secp256r1_sha256
	oracle "$n" -starttls postgres
	ccheck_ok "$n, SSLRequest" -P --pg-negotiation=postgres
	check_run "$n, direct: refused clearly" 2 \
	    err="$S: server does not accept direct TLS: it answered with $PGB_ERR" \
	    -- "$CCHECK" -P --pg-negotiation=direct -r "$ROOT" "$S"
	check_conns "$n, direct"
	check_run "$n, auto: falls back" 0 \
	    out~="$(re_quote "$S: 2 certificates (postgres, negotiation postgres, $W_VERSION, $W_SUITE, $W_GROUP, $W_SCHEME)")$NL(.|$NL)*" \
	    -- "$CCHECK" chain -P --pg-negotiation=auto -r "$ROOT" "$S"
	# The direct ClientHello, then SSLRequest on a fresh connection.
	check_conns "$n, auto" 2
done

finish
