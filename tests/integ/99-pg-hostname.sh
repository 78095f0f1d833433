#!/bin/bash
# SPDX-License-Identifier: MIT
# Host names as libpq treats them, asked of psql itself (sslmode=verify-full)
# and of ccheck with the same connection string: the subject's first CN in
# DER order, not the last; IPv4 hosts in every inet_aton form against an
# iPAddress (but not against a CN, compared as text); wildcards that an IP
# host meets too; a %scope that makes an IPv6 host a DNS name.  Each case
# also states what libpq does, so a change in either side shows.  Then the
# SPEC forms, which connect to the address an inet_aton form means.
. "$(dirname "$0")/../lib.sh"

pki_make >/dev/null
d=$PKI_DAY

# leaf NAME SUBJECT SAN|- [openssl req args...]: an EC leaf by int whose
# subject keeps the order typed (-preserveDN), valid for 100 days.
leaf() {
	local n=$1 subj=$2 san=$3
	shift 3
	pki_key "$n" ec || return 1
	{
		printf '%s\n' '[x]' 'basicConstraints = CA:FALSE' \
		    'keyUsage = critical, digitalSignature' \
		    'extendedKeyUsage = serverAuth'
		[ "$san" = - ] || echo "subjectAltName = $san"
	} >"$PKI/$n.ext"
	openssl req -new -key "$PKI/$n.key" -subj "$subj" "$@" \
	    -out "$PKI/$n.csr" 2>>"$PKI/log" &&
	    openssl ca -batch -notext -config "$PKI/ca.cnf" -preserveDN \
	    -cert "$PKI/int.pem" -keyfile "$PKI/int.key" -in "$PKI/$n.csr" \
	    -out "$PKI/$n.pem" -startdate "$(pki_at $((-d)))" \
	    -enddate "$(pki_at $((100 * d + PKI_HALF)))" -extfile "$PKI/$n.ext" \
	    -extensions x >>"$PKI/log" 2>&1 &&
	    cat "$PKI/$n.pem" "$PKI/int.pem" >"$PKI/$n.chain.pem"
}
leaf twocn /CN=first.test/CN=second.test - &&
    leaf mvrdn /CN=zz.test+CN=aa.test - -multivalue-rdn &&
    leaf ipcn /CN=127.0.0.1 - &&
    leaf ipwild /CN=ipwild.test 'DNS:*.0.0.1' ||
    die "cannot make the host-name certificates"

start_pg "$PKI/leaf-ec.chain.pem" "$PKI/leaf-ec.key"
P=$PG_PORT
# IPv6 loopback as well, for the IPv6 and scoped hosts.
pg_conf listen_addresses '127.0.0.1,::1'
pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 15 restart \
    >"$T/pg_ctl.log" 2>&1 || die "PostgreSQL did not restart"

# NAME|CERT|HOST|HOSTADDR|WANT: WANT is what libpq does: 0 accept, 2 refuse
# the name, noaddr no address (getaddrinfo takes an interface name only
# for a link-local address).
SCEN=(
	"two CNs, the first|twocn|first.test|127.0.0.1|0"
	"two CNs, the second|twocn|second.test|127.0.0.1|2"
	"multi-valued RDN, first in DER|mvrdn|aa.test|127.0.0.1|0"
	"multi-valued RDN, first typed|mvrdn|zz.test|127.0.0.1|2"
	"IP SAN, dotted quad|iponly|127.0.0.1||0"
	"IP SAN, octal zeros|iponly|127.000.000.001||0"
	"IP SAN, hexadecimal|iponly|0x7f.0.0.1||0"
	"IP SAN, two parts|iponly|127.1||0"
	"IP SAN, one number|iponly|2130706433||0"
	"IP SAN, out of range|iponly|127.0.0.256|127.0.0.1|2"
	"IP SAN, v4-mapped IPv6 host|iponly|::ffff:127.0.0.1|127.0.0.1|2"
	"IP in the CN only|ipcn|127.0.0.1||0"
	"IP in the CN only, octal zeros|ipcn|127.000.000.001||2"
	"IP host, dNSName wildcard|ipwild|127.0.0.1||0"
	"IP host, dNSName wildcard, other|ipwild|127.0.0.2|127.0.0.1|2"
	"IPv6 host|leaf-ec|::1||0"
	"IPv6 host, long form|leaf-ec|0:0:0:0:0:0:0:1||0"
	"IPv6 host, scoped by index|leaf-ec|::1%1||2"
	"IPv6 host, scoped by index, hostaddr|leaf-ec|localhost|::1%1|0"
	"IPv6 host, scoped by name|leaf-ec|::1%lo||noaddr"
)
cur=
for s in "${SCEN[@]}"; do
	IFS='|' read -r name cert host addr want <<<"$s"
	if [ "$cert" != "$cur" ]; then
		reload_pg_cert "$PKI/$cert.chain.pem" "$PKI/$cert.key"
		cur=$cert
	fi
	ci="host=$host port=$P"
	[ -n "$addr" ] && ci="$ci hostaddr=$addr"
	ci="$ci sslmode=verify-full sslrootcert=$ROOT user=postgres"
	ci="$ci dbname=postgres connect_timeout=5"
	env -i PATH="$PATH" HOME="$T" psql "$ci" -XAtqc 'select 1' \
	    >"$T/psql.out" 2>"$T/psql.err" </dev/null
	ps=$?
	"$CCHECK" --min-days 0 "$ci" >"$T/cc.out" 2>"$T/cc.err" </dev/null
	cs=$?
	diag "$name: psql $ps ($(head -c 200 "$T/psql.err" | tr '\n' ' ')), ccheck $cs ($(cat "$T/cc.out" "$T/cc.err" | tr '\n' ' '))"
	ps=$([ "$ps" = 0 ] && echo 0 || echo 2)
	if [ "$want" = noaddr ]; then
		if grep -q 'could not translate host name' "$T/psql.err" &&
		    grep -q ': could not resolve host: ' "$T/cc.err"; then
			ok "$name: psql and ccheck find no address"
		else
			notok "$name" "psql exit $ps, ccheck exit $cs"
		fi
	elif [ "$ps" = 2 ] && ! grep -q 'does not match host name' "$T/psql.err"; then
		notok "$name" "psql failed for a reason other than the host name"
	elif [ "$ps" != "$want" ]; then
		notok "$name" "psql exit $ps, libpq was thought to give $want"
	elif [ "$cs" != "$ps" ]; then
		notok "$name" "psql $([ "$ps" = 0 ] && echo accepts || echo refuses), ccheck exit $cs"
	else
		ok "$name: psql and ccheck $([ "$ps" = 0 ] && echo accept || echo refuse)"
	fi
done

# SPEC forms: the inet_aton form is connected to as the address it means
# and checked against the IP SAN; a scoped IPv6 host is a DNS name; a
# part out of range makes a name (looked up, not found).
reload_pg_cert "$PKI/leaf-ec.chain.pem" "$PKI/leaf-ec.key"
check_run "SPEC 127.000.000.001" 0 \
    out="127.000.000.001:$P: ok, expires in 100 days" -- \
    "$CCHECK" -P -r "$ROOT" "127.000.000.001:$P"
check_run "SPEC 0x7f.1" 0 out="0x7f.1:$P: ok, expires in 100 days" -- \
    "$CCHECK" -P -r "$ROOT" "0x7f.1:$P"
check_run "SPEC [::1]" 0 out="[::1]:$P: ok, expires in 100 days" -- \
    "$CCHECK" -P -r "$ROOT" "[::1]:$P"
check_run "SPEC [::1%1]" 2 \
    err~=".*: x509: certificate is valid for localhost, 127\.0\.0\.1, ::1, not ::1%1" \
    -- "$CCHECK" -P -r "$ROOT" "[::1%1]:$P"
# An interface scope only on a link-local address (getaddrinfo refuses
# ::1%lo, so psql cannot connect either); never asked of DNS.
check_run "SPEC [::1%lo]" 1 \
    err="ccheck: invalid spec \"[::1%lo]:$P\": ':' in a host that is not an IPv6 address (see ccheck --help)" \
    -- "$CCHECK" -P -r "$ROOT" --timeout 3 "[::1%lo]:$P"
check_run "SPEC 127.0.0.256 is a name, not an address" 2 \
    err~="127\.0\.0\.256:$P: could not resolve host: 127\.0\.0\.256: .*" \
    -- "$CCHECK" -P -r "$ROOT" --timeout 3 "127.0.0.256:$P"

finish
