#!/bin/bash
# SPDX-License-Identifier: MIT
# libpq's language against a real PostgreSQL: URIs and keyword/value
# connection strings with every keyword ccheck honours, host lists, the
# PG* environment, passwords masked in text, TAP and JSON, malformed
# strings (exit 1, one line).  Then the differential test: for each
# certificate scenario of the test PKI and each sslmode, psql with the
# same connection string decides whether TLS verification passes, and
# ccheck must agree.
. "$(dirname "$0")/../lib.sh"
pki_make
start_pg "$PKI/leaf-ec.chain.pem" "$PKI/leaf-ec.key"
P=$PG_PORT
# No ~/.postgresql (libpq's default root.crt) and no PG* from the caller.
export HOME=$T/home
mkdir -p "$HOME"
unset PGHOST PGHOSTADDR PGPORT PGSSLMODE PGSSLROOTCERT PGSSLCERT PGSSLKEY \
    PGSSLSNI PGSSLNEGOTIATION PGUSER PGDATABASE PGPASSWORD
OK100="ok, expires in 100 days"
# What a weaker sslmode adds (tests/integ/51-verified.sh has them all).
NOTE_REQ=" (not verified: sslmode=require)"
NOTE_CA=" (chain verified, name not checked: sslmode=verify-ca)"

# ---- URIs ------------------------------------------------------------------
U="postgresql://localhost:$P/?sslrootcert=$ROOT"
check_run "uri, sslrootcert" 0 out="$U: $OK100" -- "$CCHECK" "$U"
U="postgres://127.0.0.1:$P?sslmode=verify-full&sslrootcert=$ROOT"
check_run "uri postgres://, verify-full" 0 out="$U: $OK100" -- "$CCHECK" "$U"
U="postgresql://app:s3cret@localhost:$P/appdb?sslrootcert=$ROOT&application_name=x"
M="postgresql://app:xxxxx@localhost:$P/appdb?sslrootcert=$ROOT&application_name=x"
check_run "uri, password masked (text)" 0 out="$M: $OK100" -- "$CCHECK" "$U"
check_run "uri, password masked (tap)" 0 out="TAP version 13
ok 1 - $M expires in 100 days (took X secs)
1..1" -- "$CCHECK" --tap "$U"
check_run "uri, password masked (json)" 0 \
    out~="\[.\{\"spec\":\"postgresql://app:xxxxx@localhost:$P/appdb\?sslrootcert=$(re_quote "$ROOT")&application_name=x\",\"protocol\":\"postgres\",\"pg_negotiation\":\"postgres\",\"ok\":true,.*" \
    -- "$CCHECK" --json "$U"
M2=${M/$ROOT/$OTHER_ROOT}
check_run "uri, password masked on failure" 2 \
    err="$M2: x509: certificate signed by unknown authority" \
    -- "$CCHECK" "${U/$ROOT/$OTHER_ROOT}" -r "$ROOT"
if "$CCHECK" -j "${U/$ROOT/$OTHER_ROOT}" 2>&1 | grep -q s3cret; then
	notok "json never shows the password" "s3cret in the output"
else
	ok "json never shows the password"
fi
U="postgresql://localhost:$P?sslrootcert=%2F${ROOT#/}&password=pw%21"
check_run "uri, percent-encoded path, query password masked" 0 \
    out="postgresql://localhost:$P?sslrootcert=%2F${ROOT#/}&password=xxxxx: $OK100" \
    -- "$CCHECK" "$U"
U="postgresql://[::1]:1,localhost:$P/db?sslrootcert=$ROOT&connect_timeout=3"
check_run "uri, two hosts (v6 refused, v4 ok)" 2 \
    out="$U (localhost:$P): $OK100" \
    err~="$(re_quote "$U ([::1]:1)"): (connection refused|.*unreachable.*|.*not available.*)" \
    -- "$CCHECK" "$U"
U="postgresql:///postgres?host=localhost&port=$P&sslrootcert=$ROOT"
check_run "uri, host and port in the query" 0 out="$U: $OK100" -- "$CCHECK" "$U"
U="postgresql://localhost:$P?ssl=true"
check_run "uri, ssl=true is sslmode=require" 0 out="$U: $OK100$NOTE_REQ" \
    -- "$CCHECK" "$U"
U="postgresql://localhost:$P?sslrootcert=system"
check_run "uri, sslrootcert=system (test root not in it)" 2 \
    err="$U: x509: certificate signed by unknown authority" -- "$CCHECK" "$U"

# ---- keyword/value -----------------------------------------------------------
K="host=localhost port=$P sslmode=verify-full sslrootcert=$ROOT"
check_run "kv, verify-full" 0 out="$K: $OK100" -- "$CCHECK" "$K"
K="host = 'localhost' port= '$P' sslrootcert='$ROOT' password='it\\'s secret'"
check_run "kv, quotes, escapes, blanks, password masked" 0 \
    out="host = 'localhost' port= '$P' sslrootcert='$ROOT' password=xxxxx: $OK100" \
    -- "$CCHECK" "$K"
K="host=localhost,127.0.0.1 port=$P sslrootcert=$ROOT"
check_run "kv, two hosts, one port" 0 out="$K (localhost:$P): $OK100
$K (127.0.0.1:$P): $OK100" -- "$CCHECK" "$K"
K="host=localhost,localhost port=$P,1 sslrootcert=$ROOT"
check_run "kv, two hosts, two ports" 2 out="$K (localhost:$P): $OK100" \
    err="$K (localhost:1): connection refused" -- "$CCHECK" "$K"
reload_pg_cert "$PKI/wrongname.chain.pem" "$PKI/wrongname.key"
K="host=db1.example.test hostaddr=127.0.0.1 port=$P sslrootcert=$ROOT"
check_run "kv, hostaddr connects, host is the name" 0 out="$K: $OK100" \
    -- "$CCHECK" "$K"
K="host=localhost port=$P sslrootcert=$ROOT"
check_run "kv, wrong name, verify-full by default" 2 \
    err~="$(re_quote "$K"): x509: certificate is valid for .*db1\.example\.test.*, not localhost" \
    -- "$CCHECK" "$K"
check_run "kv, wrong name, sslmode=verify-ca" 0 \
    out="$K sslmode=verify-ca: $OK100$NOTE_CA" \
    -- "$CCHECK" "$K sslmode=verify-ca"
check_run "kv, wrong name, require with sslrootcert is verify-ca" 0 \
    out="$K sslmode=require: $OK100$NOTE_CA" \
    -- "$CCHECK" "$K sslmode=require"
check_run "kv, unknown CA, sslmode=require without root" 0 \
    out="host=localhost port=$P sslmode=require: $OK100$NOTE_REQ" \
    -- "$CCHECK" -r "$OTHER_ROOT" "host=localhost port=$P sslmode=require"
check_run "kv, sslmode=prefer probes as require" 0 \
    out="host=localhost port=$P sslmode=prefer: $OK100$NOTE_REQ" \
    -- "$CCHECK" "host=localhost port=$P sslmode=prefer"
check_run "kv, unknown CA, sslmode=verify-ca" 2 \
    err="host=localhost port=$P sslmode=verify-ca sslrootcert=$OTHER_ROOT: x509: certificate signed by unknown authority" \
    -- "$CCHECK" "host=localhost port=$P sslmode=verify-ca sslrootcert=$OTHER_ROOT"
reload_pg_cert "$PKI/leaf-ec.chain.pem" "$PKI/leaf-ec.key"
K="host=localhost port=$P sslrootcert=$ROOT sslsni=0 sslnegotiation=postgres"
check_run "kv, sslsni=0, sslnegotiation=postgres" 0 out="$K: $OK100" \
    -- "$CCHECK" "$K"
K="host=localhost port=$P sslrootcert=$ROOT sslcert=$PKI/client-ec.pem sslkey=$PKI/client-ec.key"
check_run "kv, sslcert/sslkey load" 0 out="$K: $OK100" -- "$CCHECK" "$K"
K="host=localhost port=$P user=u dbname=d application_name=a connect_timeout=4 options='-c x=1' target_session_attrs=any sslrootcert=$ROOT"
check_run "kv, ignored keywords" 0 out="$K: $OK100" -- "$CCHECK" "$K"
check_run "kv and plain SPEC together" 0 \
    out="host=localhost port=$P sslrootcert=$ROOT: $OK100
127.0.0.1:$P: $OK100" \
    -- "$CCHECK" -P -r "$ROOT" "host=localhost port=$P sslrootcert=$ROOT" "127.0.0.1:$P"
printf '%s\n' "# a connection string per line" "host=localhost port=$P password=pw sslrootcert=$ROOT" >"$T/specs"
check_run "kv in --input-file, masked" 0 \
    out="host=localhost port=$P password=xxxxx sslrootcert=$ROOT: $OK100" \
    -- "$CCHECK" -i "$T/specs"

# ---- environment ---------------------------------------------------------------
check_run "env PGHOST PGPORT PGSSLROOTCERT fill a string" 0 \
    out="sslmode=verify-full: $OK100" \
    -- env PGHOST=localhost PGPORT=$P PGSSLROOTCERT=$ROOT "$CCHECK" "sslmode=verify-full"
check_run "env PGHOSTADDR" 0 out="host=localhost port=$P: $OK100" \
    -- env PGHOSTADDR=127.0.0.1 PGSSLROOTCERT=$ROOT "$CCHECK" "host=localhost port=$P"
check_run "env PGSSLROOTCERT for a --postgres SPEC" 0 \
    out="localhost:$P: $OK100" \
    -- env PGSSLROOTCERT=$ROOT "$CCHECK" -P "localhost:$P"
# PGPORT fills the port a --postgres SPEC leaves out, as libpq would.
check_run "env PGPORT for a --postgres SPEC without a port" 0 \
    out="localhost: $OK100" \
    -- env PGPORT=$P "$CCHECK" -P -r "$ROOT" localhost
check_run "env PGPORT, (name)addr" 0 out="(localhost)127.0.0.1: $OK100" \
    -- env PGPORT=$P "$CCHECK" -P -r "$ROOT" "(localhost)127.0.0.1"
check_run "env PGPORT, the SPEC's port wins" 0 out="localhost:$P: $OK100" \
    -- env PGPORT=1 "$CCHECK" -P -r "$ROOT" "localhost:$P"
echo localhost >"$T/portless"
check_run "env PGPORT, -i" 0 out="localhost: $OK100" \
    -- env PGPORT=$P "$CCHECK" -P -r "$ROOT" -i "$T/portless"
check_run "env PGPORT invalid" 1 \
    err="ccheck: PG* environment: invalid port number: \"54x\" (see ccheck --help)" \
    -- env PGPORT=54x "$CCHECK" -P localhost
check_run "env PGPORT, not for a TLS SPEC" 2 \
    err~="localhost: .*" \
    -- env PGPORT=$P "$CCHECK" --timeout 2 -r "$ROOT" localhost
check_run "env: the string wins" 2 \
    err="host=localhost port=$P sslrootcert=$OTHER_ROOT: x509: certificate signed by unknown authority" \
    -- env PGSSLROOTCERT=$ROOT "$CCHECK" "host=localhost port=$P sslrootcert=$OTHER_ROOT"
check_run "env: -r wins over PGSSLROOTCERT" 2 \
    err="localhost:$P: x509: certificate signed by unknown authority" \
    -- env PGSSLROOTCERT=$ROOT "$CCHECK" -P -r "$OTHER_ROOT" "localhost:$P"
check_run "env PGSSLMODE=require for a --postgres SPEC" 0 \
    out="localhost:$P: $OK100$NOTE_REQ" \
    -- env PGSSLMODE=require "$CCHECK" -P -r "$OTHER_ROOT" "localhost:$P"
check_run "env PGSSLMODE=require, --skip-verify not needed" 0 \
    out="localhost:$P: $OK100$NOTE_REQ" \
    -- env PGSSLMODE=require "$CCHECK" -P -r "$OTHER_ROOT" "localhost:$P"
check_run "env PGSSLMODE=verify-ca for a connection string" 2 \
    err="host=localhost port=$P: x509: certificate signed by unknown authority" \
    -- env PGSSLMODE=verify-ca "$CCHECK" -r "$OTHER_ROOT" "host=localhost port=$P"
check_run "env PGSSLMODE invalid" 1 \
    err="ccheck: PG* environment: invalid sslmode value: \"bogus\" (see ccheck --help)" \
    -- env PGSSLMODE=bogus "$CCHECK" -P "localhost:$P"
# libpq sends SNI only for a value starting with "1", and never complains.
check_run "env PGSSLSNI=2: no SNI, no error" 0 \
    out="host=localhost port=$P sslrootcert=$ROOT: $OK100" \
    -- env PGSSLSNI=2 "$CCHECK" "host=localhost port=$P sslrootcert=$ROOT"
check_run "env PGSSLMINPROTOCOLVERSION invalid" 1 \
    err="ccheck: invalid spec \"host=localhost\": invalid \"ssl_min_protocol_version\" value: \"TLSv9\" (see ccheck --help)" \
    -- env PGSSLMINPROTOCOLVERSION=TLSv9 "$CCHECK" "host=localhost"
check_run "env PGREQUIRESSL=1 is sslmode=require" 0 \
    out="host=localhost port=$P: $OK100$NOTE_REQ" \
    -- env PGREQUIRESSL=1 "$CCHECK" -r "$OTHER_ROOT" "host=localhost port=$P"
check_run "env PGPORT for a connection string without a port" 0 \
    out="host=localhost sslrootcert=$ROOT: $OK100" \
    -- env PGPORT=$P "$CCHECK" "host=localhost sslrootcert=$ROOT"

# ---- malformed: exit 1, one line ----------------------------------------------
bad() {
	check_run "malformed: $1" 1 \
	    err="ccheck: invalid spec \"$3\": $4 (see ccheck --help)" \
	    -- "$CCHECK" "$2"
}
bad "bad percent escape" "postgresql://u:pw@db%zz/" \
    "postgresql://u:xxxxx@db%zz/" "invalid percent-encoded token"
bad "%00" "postgresql://db/x%00" "postgresql://db/x%00" \
    "forbidden value %00 in percent-encoded value"
bad "unterminated quote" "host=db password='abc" "host=db password=xxxxx" \
    "unterminated quoted string in connection info string"
bad "missing =" "host=db port" "host=db port" \
    "missing \"=\" after \"port\" in connection info string"
bad "unknown keyword" "host=db sslmdoe=require" "host=db sslmdoe=require" \
    "invalid connection option \"sslmdoe\""
bad "unknown uri parameter" "postgresql://db?sslmdoe=require" \
    "postgresql://db?sslmdoe=require" \
    "invalid URI query parameter: \"sslmdoe\""
bad "unix socket" "postgresql:///dbname?host=/var/lib/postgresql" \
    "postgresql:///dbname?host=/var/lib/postgresql" \
    "unix-domain sockets are not supported (host=/var/lib/postgresql)"
bad "encoded unix socket" "postgresql://%2Fvar%2Flib%2Fpostgresql/dbname" \
    "postgresql://%2Fvar%2Flib%2Fpostgresql/dbname" \
    "unix-domain sockets are not supported (host=/var/lib/postgresql)"
bad "no host" "postgresql://" "postgresql://" \
    "unix-domain sockets are not supported (no host given)"
bad "sslmode=disable" "host=db sslmode=disable" "host=db sslmode=disable" \
    "sslmode=disable does not use TLS; ccheck needs require or stronger"
bad "system with verify-ca" "host=db sslrootcert=system sslmode=verify-ca" \
    "host=db sslrootcert=system sslmode=verify-ca" \
    "weak sslmode \"verify-ca\" may not be used with sslrootcert=system (use \"verify-full\")"
bad "port mismatch" "host=a,b,c port=1,2" "host=a,b,c port=1,2" \
    "could not match 2 port numbers to 3 hosts"
bad "bad port" "postgresql://db:54x2/" "postgresql://db:54x2/" \
    "invalid integer value \"54x2\" for connection option \"port\""
bad "port out of range" "postgresql://db:0/" "postgresql://db:0/" \
    "invalid port number: \"0\""
bad "password with a '/' (issue 13)" "postgresql://app:s3cr/et@db/x" \
    "postgresql://app:xxxxx@db/x" \
    "invalid integer value \"xxxxx\" for connection option \"port\""
bad "channel_binding" "host=db channel_binding=invalid_value" \
    "host=db channel_binding=invalid_value" \
    "invalid channel_binding value: \"invalid_value\""
bad "gssencmode" "host=db gssencmode=bogus" "host=db gssencmode=bogus" \
    "invalid gssencmode value: \"bogus\""
bad "sslcertmode" "host=db sslcertmode=bogus" "host=db sslcertmode=bogus" \
    "invalid sslcertmode value: \"bogus\""
bad "ssl_min_protocol_version" "host=db ssl_min_protocol_version=incorrect_tls" \
    "host=db ssl_min_protocol_version=incorrect_tls" \
    "invalid \"ssl_min_protocol_version\" value: \"incorrect_tls\""
bad "TLS version range" \
    "host=db ssl_min_protocol_version=TLSv1.2 ssl_max_protocol_version=TLSv1.1" \
    "host=db ssl_min_protocol_version=TLSv1.2 ssl_max_protocol_version=TLSv1.1" \
    "invalid SSL protocol version range"
bad "hostaddr not an address" "host=db hostaddr=db" "host=db hostaddr=db" \
    "could not parse network address \"db\": Name or service not known"
bad "missing sslrootcert file, verify-ca" \
    "host=db sslmode=verify-ca sslrootcert=$T/none.pem password=p" \
    "host=db sslmode=verify-ca sslrootcert=$T/none.pem password=xxxxx" \
    "root certificate file \"$T/none.pem\" does not exist"
# libpq: a missing root file under require, a missing client certificate:
# no error, nothing verified, no certificate sent (issue 13).
check_run "missing sslrootcert file, require" 0 \
    out="host=localhost port=$P sslmode=require sslrootcert=$T/none.pem: $OK100$NOTE_REQ" \
    -- "$CCHECK" "host=localhost port=$P sslmode=require sslrootcert=$T/none.pem"
check_run "missing sslcert and sslkey files" 0 \
    out="host=localhost port=$P sslrootcert=$ROOT sslcert=$T/none.pem sslkey=$T/none.key: $OK100" \
    -- "$CCHECK" "host=localhost port=$P sslrootcert=$ROOT sslcert=$T/none.pem sslkey=$T/none.key"
check_run "requiressl=1, sslsni=yes" 0 \
    out="host=localhost port=$P requiressl=1 sslsni=yes: $OK100$NOTE_REQ" \
    -- "$CCHECK" "host=localhost port=$P requiressl=1 sslsni=yes"
bad "sslcert without its key" "host=db sslcert=$PKI/client-ec.pem" \
    "host=db sslcert=$PKI/client-ec.pem" \
    "certificate present, but not private key file \"$HOME/.postgresql/postgresql.key\""
# ~/.postgresql/root.crt, as libpq: require then verifies like verify-ca.
mkdir -p "$HOME/.postgresql"
cp "$OTHER_ROOT" "$HOME/.postgresql/root.crt"
check_run "~/.postgresql/root.crt makes require verify" 2 \
    err="host=localhost port=$P sslmode=require: x509: certificate signed by unknown authority" \
    -- "$CCHECK" "host=localhost port=$P sslmode=require"
cp "$ROOT" "$HOME/.postgresql/root.crt"
check_run "~/.postgresql/root.crt is the default sslrootcert" 0 \
    out="host=localhost port=$P: $OK100" -- "$CCHECK" "host=localhost port=$P"
check_run "-r beats ~/.postgresql/root.crt" 2 \
    err="host=localhost port=$P: x509: certificate signed by unknown authority" \
    -- "$CCHECK" -r "$OTHER_ROOT" "host=localhost port=$P"
rm -r "$HOME/.postgresql"

# ---- differential: psql and ccheck agree on TLS verification ----------------
# scenario: NAME CERT-BASENAME ROOT HOST [HOSTADDR]
SCEN=(
	"valid|leaf-ec|$ROOT|localhost|"
	"valid rsa|leaf-rsa|$ROOT|localhost|"
	"valid, ip literal|leaf-ec|$ROOT|127.0.0.1|"
	"wrong name|wrongname|$ROOT|localhost|"
	"right name via hostaddr|wrongname|$ROOT|db2.example.test|127.0.0.1"
	"wrong name via hostaddr|leaf-ec|$ROOT|db9.example.test|127.0.0.1"
	"expired|expired|$ROOT|localhost|"
	"not yet valid|notyet|$ROOT|localhost|"
	"unknown CA|unknownca|$ROOT|localhost|"
	"self-signed|selfsigned|$ROOT|localhost|"
	"self-signed, trusted|selfsigned|$PKI/selfsigned.pem|localhost|"
	"ip SAN, ip host|iponly|$ROOT|127.0.0.1|"
	"ip SAN, dns host|iponly|$ROOT|localhost|127.0.0.1"
	"wildcard match|wildcard|$ROOT|db.example.test|127.0.0.1"
	"wildcard, two labels|wildcard|$ROOT|a.db.example.test|127.0.0.1"
	"expired intermediate|leaf-intexp|$ROOT|localhost|"
	"root expired|leaf-rootexp|$PKI/root-expired.pem|localhost|"
)
MODES=(require require+root verify-ca verify-full)
for s in "${SCEN[@]}"; do
	IFS='|' read -r name cert root host addr <<<"$s"
	reload_pg_cert "$PKI/$cert.chain.pem" "$PKI/$cert.key"
	for mode in "${MODES[@]}"; do
		ci="host=$host port=$P"
		[ -n "$addr" ] && ci="$ci hostaddr=$addr"
		case $mode in
		require) ci="$ci sslmode=require" ;;
		require+root) ci="$ci sslmode=require sslrootcert=$root" ;;
		*) ci="$ci sslmode=$mode sslrootcert=$root" ;;
		esac
		ci="$ci user=postgres dbname=postgres connect_timeout=5"
		psql_verdict "$ci"
		ccheck_verdict --min-days 0 "$ci"
		diag "$name / $mode: psql $PSQL_VERDICT ($PSQL_ERR), ccheck $CCHECK_VERDICT ($CCHECK_OUT)"
		if [ "$PSQL_VERDICT" = other ]; then
			notok "differential: $name, $mode" \
			    "psql failed for a reason other than TLS"
			continue
		fi
		# ccheck checks the leaf's dates even under require, where
		# libpq checks nothing: stricter on purpose (README).
		if [ "$mode" = require ] && [ "$PSQL_VERDICT" = accept ] &&
		    [[ $CCHECK_OUT =~ x509:\ certificate\ (has\ expired|is\ not\ yet\ valid) ]]; then
			ok "differential: $name, $mode (psql passes; ccheck fails the leaf's dates on purpose)"
			continue
		fi
		if [ "$CCHECK_VERDICT" = "$PSQL_VERDICT" ]; then
			ok "differential: $name, $mode ($([ "$PSQL_VERDICT" = accept ] && echo pass || echo fail))"
		else
			notok "differential: $name, $mode" \
			    "psql ${PSQL_VERDICT}s, ccheck ${CCHECK_VERDICT}"
		fi
	done
done

finish
