#!/bin/bash
# SPDX-License-Identifier: MIT
# The TLS protocol version range (issue 13): --tls-min / --tls-max (and a
# connection string's ssl_min_protocol_version / ssl_max_protocol_version)
# against openssl s_server speaking one version, or several, and against
# PostgreSQL with ssl_min_protocol_version / ssl_max_protocol_version set,
# where psql (libpq) judges the same server; its wording is recorded in
# the log next to ccheck's.  ccheck speaks TLS 1.0-1.3, all offered in one
# ClientHello.
. "$(dirname "$0")/../lib.sh"
pki_make

ec() {
	start_s_server "$1" "$PKI/leaf-ec.pem" "$PKI/leaf-ec.key" \
	    "$PKI/int.pem" "${@:2}"
	S=127.0.0.1:$PORT
}
# OpenSSL 3 allows TLS 1.0 and 1.1 only at security level 0.
old=(-cipher 'DEFAULT@SECLEVEL=0')
range() {
	echo "$S: server speaks $1"
}
# hdr VERSION: the chain header names the version negotiated.
hdr() {
	echo "$(re_quote "$S: 2 certificates (tls, $1, ")[^)]*\)(.|
)*"
}

# ---- a TLS 1.2-only server ---------------------------------------------------
ec tls12 -tls1_2
check_run "1.2 server, --tls-min TLSv1.2" 0 \
    out="$S: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" --tls-min TLSv1.2 "$S"
check_run "1.2 server, --tls-max TLSv1.2" 0 \
    out="$S: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" --tls-max TLSv1.2 "$S"
check_run "1.2 server, --tls-min TLSv1 --tls-max tlsv1.3 (any case)" 0 \
    out="$S: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" --tls-min TLSv1 --tls-max tlsv1.3 "$S"
check_run "1.2 server, --tls-max TLSv1.1" 2 \
    err="$(range "none of the allowed range TLSv1.0-TLSv1.1 (remote error: tls: protocol version not supported)")" \
    -- "$CCHECK" -r "$ROOT" --tls-max TLSv1.1 "$S"
check_run "1.2 server, --tls-min TLSv1.3" 2 \
    err="$(range "none of the allowed range TLSv1.3-TLSv1.3 (remote error: tls: protocol version not supported)")" \
    -- "$CCHECK" -r "$ROOT" --tls-min TLSv1.3 "$S"
check_run "1.2 server, --tls-min TLSv1.3 --tls-max TLSv1.3, --json" 2 \
    out~="(.|
)*$(re_quote '{"spec":"'"$S"'",')(.|
)*$(re_quote '"error":"server speaks none of the allowed range TLSv1.3-TLSv1.3 (remote error: tls: protocol version not supported)"')(.|
)*" -- "$CCHECK" -j -r "$ROOT" --tls-min TLSv1.3 --tls-max TLSv1.3 "$S"

# ---- TLS 1.1 and 1.0 only --------------------------------------------------------
ec tls11 -tls1_1 "${old[@]}"
check_run "1.1 server, no range" 0 out~="$(hdr TLSv1.1)" \
    -- "$CCHECK" chain -r "$ROOT" "$S"
check_run "1.1 server, --tls-min TLSv1.1 --tls-max TLSv1.1" 0 \
    out="$S: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" --tls-min TLSv1.1 --tls-max TLSv1.1 "$S"
# One ClientHello lists the versions allowed: an older server refuses.
check_run "1.1 server, --tls-min TLSv1.2" 2 \
    err="$(range "none of the allowed range TLSv1.2-TLSv1.3 (remote error: tls: protocol version not supported)")" \
    -- "$CCHECK" -r "$ROOT" --tls-min TLSv1.2 "$S"
check_run "1.1 server, --tls-max TLSv1" 2 \
    err="$(range "none of the allowed range TLSv1.0-TLSv1.0 (remote error: tls: protocol version not supported)")" \
    -- "$CCHECK" -r "$ROOT" --tls-max TLSv1 "$S"
check_run "1.1 server, --postgres-less default: TLSv1 allowed" 0 \
    out="$S: ok, expires in 100 days" -- "$CCHECK" -r "$ROOT" "$S"
ec tls10 -tls1 "${old[@]}"
check_run "1.0 server, --tls-min TLSv1.1" 2 \
    err="$(range "none of the allowed range TLSv1.1-TLSv1.3 (remote error: tls: protocol version not supported)")" \
    -- "$CCHECK" -r "$ROOT" --tls-min TLSv1.1 "$S"
check_run "1.0 server, --tls-max TLSv1" 0 out~="$(hdr TLSv1.0)" \
    -- "$CCHECK" chain -r "$ROOT" --tls-max TLSv1 "$S"

# ---- a server speaking 1.0 to 1.3: the maximum is what we offer ------------------
ec any "${old[@]}"
check_run "1.0-1.3 server, no range: TLS 1.3" 0 out~="$(hdr TLSv1.3)" \
    -- "$CCHECK" chain -r "$ROOT" "$S"
check_run "1.0-1.3 server, --tls-max TLSv1.1" 0 out~="$(hdr TLSv1.1)" \
    -- "$CCHECK" chain -r "$ROOT" --tls-max TLSv1.1 "$S"
check_run "1.0-1.3 server, --tls-max TLSv1" 0 out~="$(hdr TLSv1.0)" \
    -- "$CCHECK" chain -r "$ROOT" --tls-max TLSv1 "$S"
check_run "1.0-1.3 server, --tls-min TLSv1.2 --tls-max TLSv1.2" 0 \
    out~="$(hdr TLSv1.2)" \
    -- "$CCHECK" chain -r "$ROOT" --tls-min TLSv1.2 --tls-max TLSv1.2 "$S"

# ---- a TLS 1.3-only server --------------------------------------------------------
ec tls13 -tls1_3
check_run "1.3 server, no range" 0 out~="$(hdr TLSv1.3)" \
    -- "$CCHECK" chain -r "$ROOT" "$S"
check_run "1.3 server, --tls-min TLSv1.3" 0 \
    out="$S: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" --tls-min TLSv1.3 "$S"
check_run "1.3 server, --postgres-less --tls-min TLSv1.3 --tls-max TLSv1.3" 0 \
    out="$S: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" --tls-min TLSv1.3 --tls-max TLSv1.3 "$S"
check_run "1.3 server, --tls-max TLSv1.2" 2 \
    err="$(range "none of the allowed range TLSv1.0-TLSv1.2 (remote error: tls: protocol version not supported)")" \
    -- "$CCHECK" -r "$ROOT" --tls-max TLSv1.2 "$S"

# ---- usage errors ------------------------------------------------------------------
check_run "--tls-min above --tls-max" 1 \
    err="ccheck: invalid SSL protocol version range: --tls-min is above --tls-max (see ccheck --help)" \
    -- "$CCHECK" --tls-min TLSv1.2 --tls-max TLSv1.1 x:443
for v in TLSv1.0 SSLv3 TLSv1.4 '' tls1.2 'TLSv1.2 '; do
	check_run "bad --tls-min '$v'" 1 \
	    err="ccheck: invalid value \"$v\" for --tls-min: want TLSv1, TLSv1.1, TLSv1.2 or TLSv1.3 (see ccheck --help)" \
	    -- "$CCHECK" --tls-min "$v" x:443
done
check_run "bad --tls-max" 1 \
    err="ccheck: invalid value \"1.2\" for --tls-max: want TLSv1, TLSv1.1, TLSv1.2 or TLSv1.3 (see ccheck --help)" \
    -- "$CCHECK" --tls-max 1.2 x:443
check_run "--tls-max without value" 1 \
    err="ccheck: option --tls-max needs a value (see ccheck --help)" \
    -- "$CCHECK" x:443 --tls-max
# libpq's minimum for PostgreSQL is TLSv1.2: psql refuses
# "ssl_max_protocol_version=TLSv1.1" alone the same way.
check_run "--postgres --tls-max TLSv1.1: below libpq's default minimum" 1 \
    err="ccheck: db:5432: invalid SSL protocol version range: minimum TLSv1.2 (libpq's default) is above maximum TLSv1.1 (see ccheck --help)" \
    -- "$CCHECK" -P --tls-max TLSv1.1 db:5432
# Nothing listens on this port: the range is accepted, the refusal told.
P0=$(free_port) || die "no free port"
check_run "--postgres --tls-min TLSv1 --tls-max TLSv1.1" 2 \
    err="127.0.0.1:$P0: connection refused" \
    -- "$CCHECK" -P --tls-min TLSv1 --tls-max TLSv1.1 "127.0.0.1:$P0"

# ---- PostgreSQL, with psql's verdict next to ccheck's --------------------------------
start_pg "$PKI/leaf-ec.chain.pem" "$PKI/leaf-ec.key"
P=$PG_PORT
pg="127.0.0.1(localhost):$P"
at="host=localhost hostaddr=127.0.0.1 port=$P user=postgres dbname=postgres connect_timeout=5 sslmode=verify-full sslrootcert=$ROOT"

# both NAME WANT CONNINFO ERE CCHECK-ARGS...: psql on CONNINFO and ccheck
# with CCHECK-ARGS give verdict WANT; ccheck's line matches ": ERE$".
both() {
	local name=$1 want=$2 ci=$3 ere=$4 why=
	shift 4
	psql_verdict "$ci"
	ccheck_verdict --min-days 0 "$@"
	diag "$name: psql $PSQL_VERDICT (${PSQL_ERR:-connected})" \
	    "$name: ccheck $CCHECK_VERDICT ($CCHECK_OUT)"
	[ "$PSQL_VERDICT" = "$want" ] ||
	    why="psql ${PSQL_VERDICT}s (${PSQL_ERR:-connected}), want $want"
	[ "$CCHECK_VERDICT" = "$want" ] ||
	    why="${why:+$why; }ccheck ${CCHECK_VERDICT}s ($CCHECK_OUT), want $want"
	[[ $CCHECK_OUT =~ :\ $ere$ ]] ||
	    why="${why:+$why; }ccheck's line does not match /$ere/: $CCHECK_OUT"
	if [ -z "$why" ]; then
		ok "$name: both ${want}"
	else
		notok "$name" "$why"
	fi
}

# cs NAME WANT CONNINFO ERE: both, with ccheck given the same string.
cs() {
	both "$1, connection string" "$2" "$3" "$4" "$3"
}

pg_conf ssl_max_protocol_version TLSv1.2
reload_pg
both "pg TLS 1.2 only, TLSv1.3 required" refuse \
    "$at ssl_min_protocol_version=TLSv1.3" \
    "$(re_quote "server speaks none of the allowed range TLSv1.3-TLSv1.3 (remote error: tls: protocol version not supported)")" \
    -r "$ROOT" -P --tls-min TLSv1.3 "$pg"
cs "pg TLS 1.2 only, TLSv1.3 required" refuse \
    "$at ssl_min_protocol_version=TLSv1.3" \
    "$(re_quote "server speaks none of the allowed range TLSv1.3-TLSv1.3 (remote error: tls: protocol version not supported)")"
both "pg TLS 1.2 only, TLSv1.2 allowed" accept \
    "$at ssl_min_protocol_version=TLSv1.2 ssl_max_protocol_version=TLSv1.2" \
    "ok, expires in 100 days" \
    -r "$ROOT" -P --tls-min TLSv1.2 --tls-max TLSv1.2 "$pg"
cs "pg TLS 1.2 only, TLSv1.2 allowed" accept \
    "$at ssl_min_protocol_version=TLSv1.2 ssl_max_protocol_version=TLSv1.2" \
    "ok, expires in 100 days"
both "pg TLS 1.2 only, TLSv1-TLSv1.1 allowed" refuse \
    "$at ssl_min_protocol_version=TLSv1 ssl_max_protocol_version=TLSv1.1" \
    "$(re_quote "server speaks none of the allowed range TLSv1.0-TLSv1.1 (remote error: tls: protocol version not supported)")" \
    -r "$ROOT" -P --tls-min TLSv1 --tls-max TLSv1.1 "$pg"
cs "pg TLS 1.2 only, TLSv1-TLSv1.1 allowed" refuse \
    "$at ssl_min_protocol_version=TLSv1 ssl_max_protocol_version=TLSv1.1" \
    "$(re_quote "server speaks none of the allowed range TLSv1.0-TLSv1.1 (remote error: tls: protocol version not supported)")"

# A server that speaks TLS 1.0 and 1.1 only.
pg_conf ssl_min_protocol_version TLSv1
pg_conf ssl_max_protocol_version TLSv1.1
pg_conf ssl_ciphers 'DEFAULT:@SECLEVEL=0'
reload_pg
got=$(openssl s_client -starttls postgres -connect "127.0.0.1:$P" \
    -tls1_1 -cipher 'DEFAULT@SECLEVEL=0' </dev/null 2>/dev/null |
    sed -n 's/^ *Protocol *: *//p')
[ "$got" = TLSv1.1 ] || die "PostgreSQL does not speak TLS 1.1 ($got)"
# The range in supported_versions (as libpq's OpenSSL sends it): the
# server refuses; with a maximum of TLS 1.2 there is no such list, so
# the server chooses and ccheck names what it chose.
both "pg TLS 1.0-1.1 only, libpq's default minimum" refuse "$at" \
    "$(re_quote "server speaks none of the allowed range TLSv1.2-TLSv1.3 (remote error: tls: protocol version not supported)")" \
    -r "$ROOT" -P "$pg"
cs "pg TLS 1.0-1.1 only, libpq's default minimum" refuse "$at" \
    "$(re_quote "server speaks none of the allowed range TLSv1.2-TLSv1.3 (remote error: tls: protocol version not supported)")"
both "pg TLS 1.0-1.1 only, TLSv1.2 only" refuse \
    "$at ssl_min_protocol_version=TLSv1.2 ssl_max_protocol_version=TLSv1.2" \
    "$(re_quote "server speaks TLSv1.1, outside the allowed range TLSv1.2-TLSv1.2")" \
    -r "$ROOT" -P --tls-min TLSv1.2 --tls-max TLSv1.2 "$pg"
# libpq hands the range to OpenSSL, whose own policy (security level 2
# on Debian 12) refuses TLS 1.0/1.1 anyway; ccheck does not have that
# second gate, so here only ccheck's verdict is asserted.
psql_verdict "$at ssl_min_protocol_version=TLSv1"
diag "pg TLS 1.0-1.1 only, TLSv1 allowed: psql $PSQL_VERDICT (${PSQL_ERR:-connected})"
check_run "pg TLS 1.0-1.1 only, --tls-min TLSv1" 0 \
    out="$pg: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" -P --tls-min TLSv1 "$pg"
check_run "pg TLS 1.0-1.1 only, --tls-min TLSv1 --tls-max TLSv1" 0 \
    out~="$(re_quote "$pg: 2 certificates (postgres, negotiation postgres, TLSv1.0, ")[^)]*\)(.|
)*" -- "$CCHECK" chain -r "$ROOT" -P --tls-min TLSv1 --tls-max TLSv1 "$pg"
check_run "pg TLS 1.0-1.1 only, --tls-min TLSv1.1 --tls-max TLSv1.1" 0 \
    out="$pg: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" -P --tls-min TLSv1.1 --tls-max TLSv1.1 "$pg"

finish
