#!/bin/bash
# SPDX-License-Identifier: MIT
# --dane (src/dane.c, the TLSA lookup in src/resolv.c) against a real
# validating resolver: in a private network and mount namespace, one
# unbound serves example.test (signed in the test with ldns-keygen and
# ldns-signzone) and plain.example.test (unsigned) as auth-zones on
# 127.0.0.2; a second unbound on 127.0.0.1 and 10.53.0.1 (an address on
# lo that is not loopback's) validates with example.test's key as its
# trust anchor, through stub zones.  /etc/resolv.conf is bind-mounted.
# openssl s_server serves the wildcard *.example.test chain; every host
# name below points at it and carries its own TLSA set.
if [ -z "${CK_IN_NETNS:-}" ]; then
	for c in unbound ldns-signzone ldns-keygen drill; do
		if ! command -v "$c" >/dev/null; then
			echo "not ok - 43-dane: setup: $c not installed (apt-get install unbound ldnsutils)"
			exit 1
		fi
	done
	if ! e=$(unshare --net --mount true 2>&1); then
		echo "not ok - 43-dane: setup: cannot make a network namespace (root needed; / a mount point, not a plain chroot): ${e%%$'\n'*}"
		exit 1
	fi
	CK_IN_NETNS=1 exec unshare --net --mount bash "$0" "$@"
fi
. "$(dirname "$0")/../lib.sh"

ip link set lo up || die "ip link set lo up"
ip addr add 10.53.0.1/32 dev lo || die "ip addr add 10.53.0.1"

dane_cleanup() {
	umount /etc/resolv.conf 2>/dev/null
	cleanup
}
trap dane_cleanup EXIT

RESOLV=$T/resolv.conf
: >"$RESOLV"
mount --bind "$RESOLV" /etc/resolv.conf || die "bind-mount resolv.conf"
use_resolv() {
	printf '%s\n' "$1" >"$RESOLV"
}

pki_make >/dev/null
start_s_server wild "$PKI/wildcard.pem" "$PKI/wildcard.key" "$PKI/int.pem"
P=$PORT
# The self-signed localhost certificate: DANE-EE's case, not libpq's.
start_s_server self "$PKI/selfsigned.pem" "$PKI/selfsigned.key"
PS=$PORT

# hexdump: stdin as lower-case hex, one line.
hexdump() {
	od -An -v -tx1 | tr -d ' \n'
}
der() {
	openssl x509 -in "$1" -outform DER
}
spki() {
	openssl x509 -in "$1" -pubkey -noout | openssl pkey -pubin -outform DER
}
LEAF_311=$(spki "$PKI/wildcard.pem" | sha256sum | cut -d' ' -f1)
LEAF_312=$(spki "$PKI/wildcard.pem" | sha512sum | cut -d' ' -f1)
LEAF_301=$(der "$PKI/wildcard.pem" | sha256sum | cut -d' ' -f1)
LEAF_300=$(der "$PKI/wildcard.pem" | hexdump)
INT_211=$(spki "$PKI/int.pem" | sha256sum | cut -d' ' -f1)
# The root, which the server does not send: whole, its key, its digest;
# and a root that signed nothing served.
ROOT_200=$(der "$PKI/root.pem" | hexdump)
ROOT_210=$(spki "$PKI/root.pem" | hexdump)
ROOT_201=$(der "$PKI/root.pem" | sha256sum | cut -d' ' -f1)
OTHER_200=$(der "$PKI/other-root.pem" | hexdump)
SELF_311=$(spki "$PKI/selfsigned.pem" | sha256sum | cut -d' ' -f1)
ZERO=0000000000000000000000000000000000000000000000000000000000000000
# ccheck chain's own 3 1 1 must be what openssl computes (the published
# record and the matcher agree).
[ -n "$LEAF_311" ] && [ ${#LEAF_300} -gt 200 ] || die "fixture hashes"

Z=$T/zones
mkdir -p "$Z"
{
	cat <<EOF
\$ORIGIN example.test.
\$TTL 300
@ SOA ns.example.test. h.example.test. 1 3600 600 86400 300
@ NS ns.example.test.
ns A 127.0.0.2
EOF
	for h in ee ta full sha512 exact pkix bad none nodata cname unusable \
	    bogus many big self tafull taspki taother tadigest; do
		echo "$h A 127.0.0.1"
	done
	cat <<EOF
_$P._tcp.ee TLSA 3 1 1 $LEAF_311
_$P._tcp.ta TLSA 2 1 1 $INT_211
_$P._tcp.full TLSA 3 0 1 $LEAF_301
_$P._tcp.sha512 TLSA 3 1 2 $LEAF_312
_$P._tcp.exact TLSA 3 0 0 $LEAF_300
_$P._tcp.pkix TLSA 1 1 1 $LEAF_311
_$P._tcp.bad TLSA 3 1 1 $ZERO
_$P._tcp.bad TLSA 3 1 1 ${ZERO%0}1
_$P._tcp.bad TLSA 2 1 1 ${ZERO%0}2
_$P._tcp.nodata TXT "no TLSA here"
_$P._tcp.cname CNAME _$P._tcp.ee
_$P._tcp.unusable TLSA 3 1 1 abcd
_$P._tcp.unusable TLSA 4 1 1 $LEAF_311
_$P._tcp.bogus TLSA 3 1 1 $LEAF_311
_$P._tcp.tafull TLSA 2 0 0 $ROOT_200
_$P._tcp.taspki TLSA 2 1 0 $ROOT_210
_$P._tcp.taother TLSA 2 0 0 $OTHER_200
_$P._tcp.tadigest TLSA 2 0 1 $ROOT_201
_$PS._tcp.self TLSA 3 1 1 $SELF_311
EOF
	# Twenty records (about 1,000 bytes): the matching one last, past
	# the sixteen kept.  Forty SHA-512 records do not fit 1232 bytes.
	for i in $(seq 1 19); do
		printf '_%s._tcp.many TLSA 3 1 1 %064x\n' "$P" "$i"
	done
	echo "_$P._tcp.many TLSA 3 1 1 $LEAF_311"
	for i in $(seq 1 40); do
		printf '_%s._tcp.big TLSA 3 1 2 %0128x\n' "$P" "$i"
	done
} >"$Z/example.test"
(cd "$Z" && K=$(ldns-keygen -a ECDSAP256SHA256 -k example.test) &&
    ldns-signzone -n example.test "$K" && grep DNSKEY "$K.key" >anchor) ||
    die "ldns-signzone"
# bogus: a record changed after signing; its RRSIG no longer verifies.
sed -i "s/\(_$P\._tcp\.bogus\.example\.test\.[[:space:]].*TLSA[[:space:]]*3 1 1 \)[0-9a-fA-F]*/\1$ZERO/" \
    "$Z/example.test.signed"
grep -q "_$P._tcp.bogus.*$ZERO" "$Z/example.test.signed" ||
    die "could not corrupt the bogus record"
cat >"$Z/plain" <<EOF
\$ORIGIN plain.example.test.
\$TTL 300
@ SOA ns.example.test. h.example.test. 1 3600 600 86400 300
@ NS ns.example.test.
@ A 127.0.0.1
_$P._tcp TLSA 3 1 1 $LEAF_311
EOF

unbound_conf() {
	cat <<EOF
server:
  port: 53
  username: ""
  chroot: ""
  directory: "$Z"
  pidfile: ""
  use-syslog: no
  logfile: ""
  verbosity: 1
  do-daemonize: no
  access-control: 127.0.0.0/8 allow
  access-control: 10.53.0.0/24 allow
  local-zone: "test." nodefault
  # Records in the zone's order: which sixteen of twenty are kept stays
  # the same from run to run.
  rrset-roundrobin: no
EOF
}
{
	unbound_conf
	cat <<EOF
  interface: 127.0.0.2
auth-zone:
  name: "example.test."
  zonefile: "$Z/example.test.signed"
  for-downstream: yes
  for-upstream: no
auth-zone:
  name: "plain.example.test."
  zonefile: "$Z/plain"
  for-downstream: yes
  for-upstream: no
EOF
} >"$Z/auth.conf"
{
	unbound_conf
	cat <<EOF
  interface: 127.0.0.1
  interface: 10.53.0.1
  do-not-query-localhost: no
  module-config: "validator iterator"
  trust-anchor-file: "$Z/anchor"
  domain-insecure: "plain.example.test."
  val-log-level: 2
stub-zone:
  name: "example.test."
  stub-addr: 127.0.0.2
stub-zone:
  name: "plain.example.test."
  stub-addr: 127.0.0.2
EOF
} >"$Z/val.conf"
for u in auth val; do
	unbound-checkconf "$Z/$u.conf" >/dev/null || die "unbound-checkconf $u"
	unbound -d -c "$Z/$u.conf" >"$T/unbound-$u.log" 2>&1 &
	SERVER_PIDS+=($!)
done
answers() {
	drill "@$1" "$2" "${3:-A}" 2>/dev/null | grep -q 'rcode: NOERROR'
}
wait_for 5 answers 127.0.0.2 ee.example.test || die "auth unbound"
wait_for 5 answers 127.0.0.1 ee.example.test || die "validating unbound"
drill -D @127.0.0.1 "_$P._tcp.ee.example.test" TLSA | grep -q 'flags:.* ad' ||
    die "unbound does not validate example.test"

use_resolv "nameserver 127.0.0.1
options timeout:2 attempts:2"
R=(-r "$PKI/root.pem" --timeout 6)
OKL="ok, expires in 100 days"
name() {
	echo "_$P._tcp.$1.example.test"
}
match() {
	local what=$1 host=$2 rec=$3 kind=$4 tail=${5:-the served certificate}
	check_run "$what" 0 \
	    out="$host.example.test:$P: $OKL; DANE: TLSA $rec (${kind}) of $(name "$host") matches $tail" \
	    -- "$CCHECK" "${R[@]}" --dane "$host.example.test:$P"
}
match "3 1 1 matches the leaf" ee "3 1 1 ${LEAF_311:0:8}…" DANE-EE
match "2 1 1 matches the intermediate" ta "2 1 1 ${INT_211:0:8}…" DANE-TA \
    "the served chain at depth 1"
match "3 0 1 (the whole certificate)" full "3 0 1 ${LEAF_301:0:8}…" DANE-EE
match "3 1 2 (SHA-512)" sha512 "3 1 2 ${LEAF_312:0:8}…" DANE-EE
match "3 0 0 (the certificate itself)" exact "3 0 0 ${LEAF_300:0:8}…" \
    DANE-EE
match "1 1 1 with the PKIX path" pkix "1 1 1 ${LEAF_311:0:8}…" PKIX-EE
match "a CNAME to the TLSA set" cname "3 1 1 ${LEAF_311:0:8}…" DANE-EE
check_run "--dane=require, a match" 0 \
    out="ee.example.test:$P: $OKL; DANE: TLSA 3 1 1 ${LEAF_311:0:8}… (DANE-EE) of $(name ee) matches the served certificate" \
    -- "$CCHECK" "${R[@]}" --dane=require "ee.example.test:$P"

# Validated records that match nothing fail under --dane.
check_run "validated, no match: fails" 2 \
    err="bad.example.test:$P: DANE: no TLSA record of $(name bad) matches the served certificate (2 1 1 00000000…)" \
    -- "$CCHECK" "${R[@]}" --dane "bad.example.test:$P"
check_run "without --dane the same server passes" 0 \
    out="bad.example.test:$P: $OKL" \
    -- "$CCHECK" "${R[@]}" "bad.example.test:$P"
# PKIX-EE never stands in for the PKIX path: without -r the root is
# unknown, and the record's match does not count.
check_run "1 1 1 without the PKIX path: no match" 2 \
    err="pkix.example.test:$P: x509: certificate signed by unknown authority; DANE: no TLSA record of $(name pkix) matches the served certificate (1 1 1 ${LEAF_311:0:8}…): a PKIX record matched, but the chain does not verify" \
    -- "$CCHECK" --timeout 6 --dane "pkix.example.test:$P"
# DANE-EE matches a self-signed certificate, but ccheck's verdict is
# libpq's: the failure stands, the match is shown beside it.
check_run "DANE-EE match never makes a refused certificate ok" 2 \
    err="self.example.test:$PS: x509: certificate signed by unknown authority; DANE: TLSA 3 1 1 ${SELF_311:0:8}… (DANE-EE) of _$PS._tcp.self.example.test matches the served certificate" \
    -- "$CCHECK" "${R[@]}" --dane=require "self.example.test:$PS"

# DANE-TA of a TA the server does not send (RFC 7671 5.2.2): a whole
# record (2 0 0, 2 1 0) stands for it when its key signed the topmost
# certificate sent; a digest (2 0 1) cannot, nor a key that signed
# nothing served.
match "2 0 0 of a TA not sent: its key signed the top" tafull \
    "2 0 0 ${ROOT_200:0:8}…" DANE-TA \
    "the served chain at depth 2 (its trust anchor, not sent)"
match "2 1 0 of a TA not sent" taspki "2 1 0 ${ROOT_210:0:8}…" DANE-TA \
    "the served chain at depth 2 (its trust anchor, not sent)"
check_run "2 0 0 of another root: no match" 2 \
    err="taother.example.test:$P: DANE: no TLSA record of $(name taother) matches the served certificate (2 0 0 ${OTHER_200:0:8}…)" \
    -- "$CCHECK" "${R[@]}" --dane "taother.example.test:$P"
check_run "2 0 1 of a TA not sent: no match (a digest holds no key)" 2 \
    err="tadigest.example.test:$P: DANE: no TLSA record of $(name tadigest) matches the served certificate (2 0 1 ${ROOT_201:0:8}…)" \
    -- "$CCHECK" "${R[@]}" --dane "tadigest.example.test:$P"

# No TLSA: a note with --dane, a failure with --dane=require.
check_run "NXDOMAIN: a note" 0 \
    out="none.example.test:$P: $OKL; DANE: no TLSA record ($(name none) does not exist)" \
    -- "$CCHECK" "${R[@]}" --dane "none.example.test:$P"
check_run "NXDOMAIN, --dane=require: fails" 2 \
    err="none.example.test:$P: DANE: no TLSA record ($(name none) does not exist)" \
    -- "$CCHECK" "${R[@]}" --dane=require "none.example.test:$P"
check_run "NODATA: a note" 0 \
    out="nodata.example.test:$P: $OKL; DANE: no TLSA record at $(name nodata)" \
    -- "$CCHECK" "${R[@]}" --dane "nodata.example.test:$P"
check_run "NODATA, --dane=require: fails" 2 \
    err="nodata.example.test:$P: DANE: no TLSA record at $(name nodata)" \
    -- "$CCHECK" "${R[@]}" --dane=require "nodata.example.test:$P"
check_run "unusable records only: a note" 0 \
    out="unusable.example.test:$P: $OKL; DANE: no usable TLSA record of $(name unusable) (3 1 1 abcd)" \
    -- "$CCHECK" "${R[@]}" --dane "unusable.example.test:$P"
check_run "unusable records, --dane=require: fails" 2 \
    err="unusable.example.test:$P: DANE: no usable TLSA record of $(name unusable) (3 1 1 abcd)" \
    -- "$CCHECK" "${R[@]}" --dane=require "unusable.example.test:$P"

# Without a validated answer.
check_run "unsigned zone: not validated" 0 \
    out="plain.example.test:$P: $OKL; DANE: TLSA found but not DNSSEC-validated (_$P._tcp.plain.example.test: no AD bit from 127.0.0.1)" \
    -- "$CCHECK" "${R[@]}" --dane "plain.example.test:$P"
check_run "unsigned zone, --dane=require: fails" 2 \
    err="plain.example.test:$P: DANE: TLSA found but not DNSSEC-validated (_$P._tcp.plain.example.test: no AD bit from 127.0.0.1)" \
    -- "$CCHECK" "${R[@]}" --dane=require "plain.example.test:$P"
check_run "bogus signature: the lookup fails (SERVFAIL)" 2 \
    err="bogus.example.test:$P: DANE: TLSA lookup of $(name bogus) failed: name server failure (SERVFAIL from 127.0.0.1)" \
    -- "$CCHECK" "${R[@]}" --dane=require "bogus.example.test:$P"
check_run "bogus signature, --dane: a note" 0 \
    out="bogus.example.test:$P: $OKL; DANE: TLSA lookup of $(name bogus) failed: name server failure (SERVFAIL from 127.0.0.1)" \
    -- "$CCHECK" "${R[@]}" --dane "bogus.example.test:$P"
check_run "truncated answer: no TCP, a clear reason" 2 \
    err="big.example.test:$P: DANE: TLSA lookup of $(name big) failed: answer from 127.0.0.1 truncated (TC) at 1232 bytes; ccheck does not retry over TCP" \
    -- "$CCHECK" "${R[@]}" --dane=require "big.example.test:$P"
check_run "more than 16 records: only the first tried" 2 \
    err="many.example.test:$P: DANE: no TLSA record of $(name many) matches the served certificate (3 1 1 00000000…, only the first 16 tried)" \
    -- "$CCHECK" "${R[@]}" --dane "many.example.test:$P"
check_run "an IP address: no lookup" 0 \
    out="127.0.0.1:$P: $OKL (not verified: --skip-verify); DANE: no TLSA lookup for an IP address" \
    -- "$CCHECK" --skip-verify --dane "127.0.0.1:$P"

# The authoritative server itself validates nothing: no AD.
use_resolv "nameserver 127.0.0.2"
check_run "a non-validating server: no AD" 0 \
    out="ee.example.test:$P: $OKL; DANE: TLSA found but not DNSSEC-validated ($(name ee): no AD bit from 127.0.0.2)" \
    -- "$CCHECK" "${R[@]}" --dane "ee.example.test:$P"
# The validating resolver, but not on loopback: AD is not believed
# unless resolv.conf says trust-ad.
use_resolv "nameserver 10.53.0.1"
check_run "AD from a server not on loopback: not trusted" 2 \
    err="ee.example.test:$P: DANE: TLSA found but not DNSSEC-validated ($(name ee): AD bit from 10.53.0.1, not on loopback, and no options trust-ad)" \
    -- "$CCHECK" "${R[@]}" --dane=require "ee.example.test:$P"
use_resolv "nameserver 10.53.0.1
options edns0 trust-ad"
match "AD from a server not on loopback, options trust-ad" ee \
    "3 1 1 ${LEAF_311:0:8}…" DANE-EE

# A name server that never answers: the TLSA lookup gives up after
# resolv.conf's timeout, and the probe goes on (the address is literal).
use_resolv "nameserver 127.0.0.9
options timeout:1 attempts:1"
check_run "no answer to the TLSA query: a note, the probe goes on" 0 \
    out="127.0.0.1(ee.example.test):$P: $OKL; DANE: TLSA lookup of $(name ee) failed: no answer from 127.0.0.9 within 1000 ms" \
    maxms=3000 -- "$CCHECK" "${R[@]}" --dane "127.0.0.1(ee.example.test):$P"

# Every output format.
use_resolv "nameserver 127.0.0.1"
check_run "TAP" 2 \
    out="TAP version 13
ok 1 - ee.example.test:$P expires in 100 days; DANE: TLSA 3 1 1 ${LEAF_311:0:8}… (DANE-EE) of $(name ee) matches the served certificate (took X secs)
not ok 2 - bad.example.test:$P DANE: no TLSA record of $(name bad) matches the served certificate (2 1 1 00000000…)
1..2" \
    -- "$CCHECK" "${R[@]}" --dane --tap "ee.example.test:$P" \
    "bad.example.test:$P"
check_run "JSON" 0 \
    out="{\"status\":\"match\",\"name\":\"$(name ta)\",\"record\":\"2 1 1 $INT_211\",\"depth\":1,\"message\":\"DANE: TLSA 2 1 1 ${INT_211:0:8}… (DANE-TA) of $(name ta) matches the served chain at depth 1\"}
{\"status\":\"nxdomain\",\"name\":\"$(name none)\",\"record\":null,\"depth\":null,\"message\":\"DANE: no TLSA record ($(name none) does not exist)\"}" \
    -- sh -c '"$@" | python3 -c "import json,sys; [print(json.dumps(o[\"dane\"], separators=(\",\",\":\"), ensure_ascii=False)) for o in json.load(sys.stdin)]"' \
    sh "$CCHECK" "${R[@]}" --dane --json "ta.example.test:$P" \
    "none.example.test:$P"
check_run "JSON without --dane: no dane field" 0 out="False" \
    -- sh -c '"$@" | python3 -c "import json,sys; print(\"dane\" in json.load(sys.stdin)[0])"' \
    sh "$CCHECK" "${R[@]}" --json "ee.example.test:$P"
# Several name servers: a dead or refusing first one does not stop the
# lookup, the others answer (ccheck asks every one at once, as musl; glibc
# asks them in turn).  127.0.0.3 refuses everyone.
{
	unbound_conf
	# the later line wins for the same block
	printf '  interface: 127.0.0.3\n  access-control: 127.0.0.0/8 refuse\n'
} >"$Z/refuse.conf"
unbound -d -c "$Z/refuse.conf" >"$T/unbound-refuse.log" 2>&1 &
SERVER_PIDS+=($!)
refused() {
	drill @127.0.0.3 ee.example.test A 2>/dev/null | grep -q 'rcode: REFUSED'
}
wait_for 5 refused || die "refusing unbound"
EE_OK="ee.example.test:$P: $OKL; DANE: TLSA 3 1 1 ${LEAF_311:0:8}… (DANE-EE) of $(name ee) matches the served certificate"
use_resolv "nameserver 127.0.0.9
nameserver 127.0.0.1
options timeout:2 attempts:1"
check_run "first name server dead: the second one answers" 0 out="$EE_OK" \
    maxms=1500 -- "$CCHECK" "${R[@]}" --dane=require "ee.example.test:$P"
use_resolv "nameserver 127.0.0.3
nameserver 127.0.0.1
options timeout:2 attempts:1"
check_run "first name server refuses: the second one answers" 0 \
    out="$EE_OK" \
    maxms=1500 -- "$CCHECK" "${R[@]}" --dane=require "ee.example.test:$P"
use_resolv "nameserver 127.0.0.9
nameserver 127.0.0.3
nameserver 127.0.0.1
options timeout:2 attempts:1"
check_run "the third of three name servers answers" 0 out="$EE_OK" \
    maxms=1500 -- "$CCHECK" "${R[@]}" --dane=require "ee.example.test:$P"
use_resolv "nameserver 127.0.0.3
options timeout:2 attempts:1"
# unbound's refusal carries no question: ignored as a reply to something
# else (glibc ignores it too), so the lookup waits out its timeout.
check_run "the only name server refuses: the TLSA lookup fails" 2 \
    err~="127\.0\.0\.1\(ee\.example\.test\):$P: DANE: TLSA lookup of $(name ee) failed: no answer from 127\.0\.0\.3 within 2000 ms \(ignored 1 reply, last: not one question\)" \
    maxms=3000 -- "$CCHECK" "${R[@]}" --dane=require "127.0.0.1(ee.example.test):$P"

# ccheck server --dane: the DANE line in each answer, and --dane's rule
# in its verdicts.
use_resolv "nameserver 127.0.0.1"
srv_dane() {
	local sp slog
	sp=$(free_port) || die "no free port"
	slog=$T/server$sp.log
	"$CCHECK" server --bind "127.0.0.1:$sp" "${R[@]}" "$@" \
	    --allow "*.example.test" 2>"$slog" &
	SERVER_PIDS+=($!)
	wait_for 30 file_has "$slog" "listening on" ||
	    die "ccheck server did not start: $(cat "$slog")"
	SB=http://127.0.0.1:$sp
}
# get NAME WANT URL [CURL ARGS...]: the body holds the text WANT.
get() {
	local name=$1 want=$2 url=$3 body
	shift 3
	body=$(curl -s "$@" "$url")
	case $body in
	*"$want"*) ok "$name" ;;
	*) notok "$name" "body '${body:0:400}', want '$want'" ;;
	esac
}
srv_dane --dane
get "server --dane: JSON's dane field" \
    "\"success\":true,\"days_left\":100,\"expired\":false" \
    "$SB/tls/ee.example.test:$P"
get "server --dane: JSON's dane field (text)" \
    "\"dane\":\"DANE: TLSA 3 1 1 ${LEAF_311:0:8}… (DANE-EE) of $(name ee) matches the served certificate\"},\"error\":null" \
    "$SB/tls/ee.example.test:$P"
get "server --dane: a validated set that matches nothing fails" \
    "\"error\":\"DANE: no TLSA record of $(name bad) matches the served certificate (2 1 1 00000000…)\"" \
    "$SB/tls/bad.example.test:$P"
get "server --dane: the text answer" "$EE_OK" \
    "$SB/tls/ee.example.test:$P" -H "Accept: application/text"
get "server --dane: /probe counts the DANE failure" \
    "ccheck_probe_success{target=\"bad.example.test:$P\"} 0" \
    "$SB/probe?target=bad.example.test:$P&module=tls"
get "server --dane: no TLSA is only a note" \
    "\"dane\":\"DANE: no TLSA record ($(name none) does not exist)\"},\"error\":null" \
    "$SB/tls/none.example.test:$P"
srv_dane --dane=require
get "server --dane=require: no TLSA fails" \
    "\"error\":\"DANE: no TLSA record ($(name none) does not exist)\"" \
    "$SB/tls/none.example.test:$P"
srv_dane
body=$(curl -s "$SB/tls/bad.example.test:$P")
case $body in
*'"success":true'*dane*) notok "server without --dane: no DANE" "$body" ;;
*'"success":true'*) ok "server without --dane: no DANE" ;;
*) notok "server without --dane: no DANE" "body '$body'" ;;
esac

check_run "--dane=maybe: usage error" 1 \
    err~="ccheck: unknown mode \"maybe\" for --dane: want --dane or --dane=require.*" \
    -- "$CCHECK" --dane=maybe "ee.example.test:$P"

finish
