#!/bin/bash
# SPDX-License-Identifier: MIT
# Differential test of connection strings against libpq: every libpq 17
# keyword with valid, invalid and missing-file values, PG* variables and
# the default files in ~/.postgresql.  For each case psql (libpq 17 from
# tests/pg17.sh when it can run, else the system's psql 15, and then the
# cases only libpq 17 knows are skipped) and ccheck get the same string,
# the same environment and the same HOME, against one PostgreSQL, and
# their verdicts must agree: usage (libpq refuses the string: ccheck
# exits 1), accept (libpq connects: ccheck exits 0), refuse (the TLS
# handshake or the certificate check fails: ccheck exits 2).  A planned
# difference (README) names the verdict ccheck gives instead.
. "$(dirname "$0")/../lib.sh"
pki_make
start_pg "$PKI/leaf-ec.chain.pem" "$PKI/leaf-ec.key"
P=$PG_PORT

# libpq 17: psql of Debian 13's packages, with their own loader.
PSQL=(psql)
LIBPQ=15
if BIN=$("$TESTS_DIR/pg17.sh" 2>"$T/pg17.log"); then
	R=$(cd -P "$BIN/../../../../.." && pwd)
	LD=$R/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2
	PSQL17=("$LD" --library-path "$R/usr/lib/x86_64-linux-gnu:$R/lib/x86_64-linux-gnu" "$R/usr/lib/postgresql/17/bin/psql")
	if "${PSQL17[@]}" --version 2>/dev/null | grep -q ' 17\.'; then
		PSQL=("${PSQL17[@]}")
		LIBPQ=17
	fi
fi
diag "oracle: libpq $LIBPQ ($("${PSQL[@]}" --version))"

# Files: client keys as libpq wants them (owner-only).
install -m 600 "$PKI/client-ec.key" "$T/client.key"
cp "$PKI/client-ec.pem" "$T/client.pem"
NONE=$T/none

# home KIND: a fresh HOME, with ~/.postgresql as KIND says.
home() {
	local h
	h=$(mktemp -d "$T/home.XXXXXX") || die "mktemp"
	mkdir -p "$h/.postgresql"
	case $1 in
	root-good) cp "$ROOT" "$h/.postgresql/root.crt" ;;
	root-other) cp "$OTHER_ROOT" "$h/.postgresql/root.crt" ;;
	cert-nokey) cp "$T/client.pem" "$h/.postgresql/postgresql.crt" ;;
	cert-key) cp "$T/client.pem" "$h/.postgresql/postgresql.crt"
		install -m 600 "$T/client.key" "$h/.postgresql/postgresql.key" ;;
	esac
	echo "$h"
}

# verdicts CONNINFO HOME ENV...: sets PQ_V, PQ_ERR, CC_V, CC_OUT.
verdicts() {
	local ci=$1 h=$2 st
	shift 2
	env -i PATH="$PATH" HOME="$h" LC_ALL=C TZ=UTC "$@" \
	    "${PSQL[@]}" "$ci" -XAtqc 'select 1' >"$T/pq.out" 2>"$T/pq.err" </dev/null
	st=$?
	PQ_ERR=$(tr '\n' ' ' <"$T/pq.err" | sed 's/ *$//')
	if [ "$st" = 0 ]; then
		PQ_V=accept
	elif [[ $PQ_ERR =~ invalid\ (connection\ option|integer\ value|port\ number|SSL\ protocol|URI|percent)|invalid\ \"?[a-z_]+\"?\ value|could\ not\ match|missing\ \"=\"|unterminated|weak\ sslmode|root\ certificate\ file\ .*does\ not\ exist|certificate\ present,\ but\ not\ private\ key|could\ not\ parse\ network\ address|definition\ of\ service|require_auth\ method|key/value\ separator ]]; then
		PQ_V=usage
	elif [[ $PQ_ERR =~ SSL|certificate|TLS|alert ]]; then
		PQ_V=refuse
	else
		PQ_V=other
	fi
	env -i PATH="$PATH" HOME="$h" LC_ALL=C TZ=UTC "$@" \
	    "$CCHECK" --min-days 0 --timeout 5 "$ci" >"$T/cc.out" 2>&1 </dev/null
	st=$?
	CC_OUT=$(tr '\n' ' ' <"$T/cc.out" | sed 's/ *$//')
	case $st in
	0) CC_V=accept ;;
	1) CC_V=usage ;;
	2) CC_V=refuse ;;
	*) CC_V="exit $st" ;;
	esac
}

BASE="host=localhost port=$P user=postgres dbname=postgres"
# NAME | KEYWORDS after BASE | HOME kind | VAR=value ... | 17 (needs libpq
# 17) | planned difference: ccheck's verdict, why
CASES=(
	"plain verify-full|sslmode=verify-full sslrootcert=$ROOT||||"
	"sslmode=require|sslmode=require||||"
	"sslmode=prefer|sslmode=prefer||||"
	"sslmode=allow|sslmode=allow||||"
	"sslmode=verify-ca|sslmode=verify-ca sslrootcert=$ROOT||||"
	"sslmode=bogus|sslmode=bogus||||"
	"sslmode empty|sslmode=''||||"
	"sslmode=disable|sslmode=disable||||usage: ccheck probes TLS"
	"requiressl=1|requiressl=1||||"
	"requiressl=0|requiressl=0 sslrootcert=$ROOT||||"
	"requiressl=1 beats an earlier sslmode|sslmode=verify-full requiressl=1||||"
	"sslrootcert other CA, require|sslmode=require sslrootcert=$OTHER_ROOT||||"
	"sslrootcert missing, require|sslmode=require sslrootcert=$NONE||||"
	"sslrootcert missing, verify-ca|sslmode=verify-ca sslrootcert=$NONE||||"
	"sslrootcert missing, verify-full|sslmode=verify-full sslrootcert=$NONE||||"
	"sslrootcert=system|sslrootcert=system||||"
	"sslrootcert=system, require|sslrootcert=system sslmode=require||||"
	"sslcert missing|sslmode=require sslcert=$NONE sslkey=$NONE||||"
	"sslcert missing, key given|sslmode=require sslcert=$NONE sslkey=$T/client.key||||"
	"sslcert and sslkey|sslmode=require sslcert=$T/client.pem sslkey=$T/client.key||||"
	"sslcert, key missing|sslmode=require sslcert=$T/client.pem sslkey=$NONE||||"
	"sslcert, default key missing|sslmode=require sslcert=$T/client.pem||||"
	"sslcrl missing|sslmode=verify-full sslrootcert=$ROOT sslcrl=$NONE||||"
	"sslcrldir missing|sslmode=verify-full sslrootcert=$ROOT sslcrldir=$NONE||||"
	"sslcrl missing, sslcrldir missing|sslmode=verify-full sslrootcert=$ROOT sslcrl=$NONE sslcrldir=$NONE||||"
	"sslcrldir missing, no root file|sslmode=require sslcrldir=$NONE||||"
	"sslcrldir missing, system roots|sslrootcert=system sslcrldir=$NONE||||"
	"sslsni=0|sslmode=require sslsni=0||||"
	"sslsni=yes|sslmode=require sslsni=yes||||"
	"sslcompression=1|sslmode=require sslcompression=1||||"
	"sslpassword|sslmode=require sslpassword=secret||||"
	"sslnegotiation=postgres|sslmode=require sslnegotiation=postgres||||"
	"sslnegotiation=direct without sslmode|sslnegotiation=direct|||17|"
	"sslnegotiation=bogus|sslnegotiation=bogus|||17|"
	"sslcertmode=disable|sslmode=require sslcertmode=disable sslcert=$T/client.pem sslkey=$T/client.key|||17|"
	"sslcertmode=allow|sslmode=require sslcertmode=allow|||17|"
	"sslcertmode=require|sslmode=require sslcertmode=require|||17|accept: a probe does not see whether the server asks for a certificate"
	"sslcertmode=bogus|sslcertmode=bogus|||17|"
	"channel_binding=disable|sslmode=require channel_binding=disable||||"
	"channel_binding=require|sslmode=require channel_binding=require||||accept: a probe does not authenticate"
	"channel_binding=invalid_value|channel_binding=invalid_value||||"
	"gssencmode=disable|sslmode=require gssencmode=disable||||"
	"gssencmode=prefer|sslmode=require gssencmode=prefer||||"
	"gssencmode=require|gssencmode=require||||usage: GSSAPI encryption is not TLS"
	"gssencmode=bogus|gssencmode=bogus||||"
	"ssl_min_protocol_version=TLSv1.2|sslmode=require ssl_min_protocol_version=TLSv1.2||||"
	"ssl_min_protocol_version=tlsv1|sslmode=require ssl_min_protocol_version=tlsv1||||"
	"ssl_max_protocol_version=TLSv1.2|sslmode=require ssl_max_protocol_version=TLSv1.2||||"
	"ssl_min_protocol_version empty|sslmode=require ssl_min_protocol_version=''||||"
	"ssl_min_protocol_version=incorrect_tls|ssl_min_protocol_version=incorrect_tls||||"
	"ssl_max_protocol_version=incorrect_tls|ssl_max_protocol_version=incorrect_tls||||"
	"TLS range 1.2..1.1|ssl_min_protocol_version=TLSv1.2 ssl_max_protocol_version=TLSv1.1||||"
	"TLS max 1.1 (default min 1.2)|ssl_max_protocol_version=TLSv1.1||||"
	"require_auth=bogus|require_auth=bogus|||17|"
	"require_auth=md5,!password|require_auth=md5,!password|||17|"
	"require_auth=!password|sslmode=require require_auth=!password|||17|"
	"require_auth=password|sslmode=require require_auth=password|||17|accept: a probe does not authenticate"
	"target_session_attrs=any|sslmode=require target_session_attrs=any||||"
	"target_session_attrs=bogus|target_session_attrs=bogus||||"
	"target_session_attrs=standby|sslmode=require target_session_attrs=standby||||accept: a probe does not ask the server what it is"
	"load_balance_hosts=random|sslmode=require load_balance_hosts=random|||17|"
	"load_balance_hosts=bogus|load_balance_hosts=bogus|||17|"
	"connect_timeout=x|connect_timeout=x||||"
	"connect_timeout=-1|sslmode=require connect_timeout=-1||||"
	"keepalives=x|keepalives=x||||"
	"keepalives=0, bad idle|sslmode=require keepalives=0 keepalives_idle=x||||"
	"keepalives_idle=x|keepalives_idle=x||||"
	"keepalives_interval=x|keepalives_interval=x||||"
	"keepalives_count=x|keepalives_count=x||||"
	"tcp_user_timeout=x|tcp_user_timeout=x||||"
	"port=x|port=x||||"
	"port=0|port=0||||"
	"hostaddr|hostaddr=127.0.0.1 sslmode=verify-full sslrootcert=$ROOT||||"
	"hostaddr=bogus|hostaddr=bogus||||"
	"host/hostaddr counts|host=localhost,localhost hostaddr=127.0.0.1||||"
	"other keywords|sslmode=require passfile=$NONE client_encoding=UTF8 options='-c search_path=x' application_name=a fallback_application_name=f krbsrvname=k gsslib=gssapi requirepeer=x replication=false password=p||||"
	"gssdelegation|sslmode=require gssdelegation=0|||17|"
	"unknown keyword|sslmdoe=require||||"
	"service|service=nonexistent||||"
	"libpq 18 keyword|sslmode=require sslkeylogfile=$NONE|||17|accept: libpq 18's keywords are accepted"
	"PGSSLMODE=bogus|||PGSSLMODE=bogus||"
	"PGSSLMODE=require|||PGSSLMODE=require||"
	"PGREQUIRESSL=1 with system roots|sslrootcert=system||PGREQUIRESSL=1|17|"
	"PGCHANNELBINDING=bogus|||PGCHANNELBINDING=bogus||"
	"PGSSLMINPROTOCOLVERSION=bogus|||PGSSLMINPROTOCOLVERSION=bogus||"
	"PGSSLMAXPROTOCOLVERSION=TLSv1.1|||PGSSLMAXPROTOCOLVERSION=TLSv1.1||"
	"PGGSSENCMODE=bogus|||PGGSSENCMODE=bogus||"
	"PGTARGETSESSIONATTRS=bogus|||PGTARGETSESSIONATTRS=bogus||"
	"PGSSLCERTMODE=bogus|||PGSSLCERTMODE=bogus|17|"
	"PGCONNECT_TIMEOUT=x|||PGCONNECT_TIMEOUT=x||"
	"PGSSLROOTCERT missing, verify-ca|sslmode=verify-ca||PGSSLROOTCERT=$NONE||"
	"PGSSLCERT missing|sslmode=require||PGSSLCERT=$NONE||"
	"~/.postgresql/root.crt, require|sslmode=require|root-good|||"
	"~/.postgresql/root.crt other CA, require|sslmode=require|root-other|||"
	"~/.postgresql/root.crt, verify-full|sslmode=verify-full|root-good|||"
	"~/.postgresql/postgresql.crt without key|sslmode=require|cert-nokey|||"
	"~/.postgresql/postgresql.crt and key|sslmode=require|cert-key|||"
	"no root.crt, verify-ca|sslmode=verify-ca||||refuse: no root file means the built-in anchors"
)
for c in "${CASES[@]}"; do
	IFS='|' read -r name kw hk envs need diff <<<"$c"
	if [ "$need" = 17 ] && [ "$LIBPQ" != 17 ]; then
		ok "$name # SKIP libpq $LIBPQ does not know it"
		continue
	fi
	h=$(home "$hk")
	read -r -a ev <<<"$envs"
	verdicts "$BASE $kw" "$h" "${ev[@]}"
	diag "$name: libpq $PQ_V ($PQ_ERR); ccheck $CC_V ($CC_OUT)"
	if [ -n "$diff" ]; then
		if [ "$CC_V" = "${diff%%:*}" ] && [ "$PQ_V" != "$CC_V" ]; then
			ok "$name (planned: libpq $PQ_V, ccheck $CC_V)"
		else
			notok "$name" "planned difference ($diff) not seen: libpq $PQ_V, ccheck $CC_V"
		fi
	elif [ "$PQ_V" = other ]; then
		notok "$name" "libpq failed for another reason: $PQ_ERR"
	elif [ "$PQ_V" = "$CC_V" ]; then
		ok "$name ($CC_V)"
	else
		notok "$name" "libpq ${PQ_V}s, ccheck ${CC_V}s"
	fi
done
finish
