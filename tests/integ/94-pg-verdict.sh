#!/bin/bash
# SPDX-License-Identifier: MIT
# The path validator end to end (issue 12): for each server chain below,
# psql (libpq, OpenSSL) and ccheck judge the same PostgreSQL with the
# same connection string, and each scenario asserts both that they agree
# and that the verdict is the one expected, so a PKI that silently stops
# making what it claims fails too.  Extended key usage, name constraints
# (critical or not), the first CN without SANs, a root file holding only
# an intermediate, CRLs (sslcrl, sslcrldir), RSA-PSS; then --pin against a
# forged chain (ccheck only: libpq has no pins).
. "$(dirname "$0")/../lib.sh"

pki_make
d=$PKI_DAY
F=$((-d))			# issued a day ago
L=$((100 * d + PKI_HALF))	# leaves: 100 days left
Y=$((5 * 365 * d))		# intermediates: 5 years
lh='DNS:localhost, IP:127.0.0.1'
{
	# 1-3: extended key usage, of the leaf and of the intermediate.
	PKI_EXT='extendedKeyUsage = clientAuth' \
	    pki_cert eku-client int localhost $F $L leaf "$lh" ec &&
	PKI_EXT='extendedKeyUsage = clientAuth' \
	    pki_cert int-client root "ccheck clientAuth Intermediate CA" \
	    $F $Y int - ec &&
	pki_cert leaf-intclient int-client localhost $F $L leaf "$lh" ec &&
	PKI_EXT='extendedKeyUsage = serverAuth, clientAuth' \
	    pki_cert eku-both int localhost $F $L leaf "$lh" ec &&
	# 4-6: name constraints on the intermediate.
	PKI_EXT='nameConstraints = permitted;DNS:.corp.test' \
	    pki_cert int-nc-corp root "ccheck corp.test Intermediate CA" \
	    $F $Y int - ec &&
	pki_cert leaf-nc-corp int-nc-corp localhost $F $L leaf "$lh" ec &&
	PKI_EXT='nameConstraints = critical, permitted;DNS:localhost, permitted;IP:127.0.0.1/255.255.255.255' \
	    pki_cert int-nc-lh root "ccheck localhost Intermediate CA" \
	    $F $Y int - ec &&
	pki_cert leaf-nc-lh int-nc-lh localhost $F $L leaf "$lh" ec &&
	PKI_EXT='nameConstraints = critical, excluded;DNS:localhost' \
	    pki_cert int-nc-excl root "ccheck not-localhost Intermediate CA" \
	    $F $Y int - ec &&
	pki_cert leaf-nc-excl int-nc-excl localhost $F $L leaf "$lh" ec &&
	# 7: no SAN, two CNs.
	pki_cert cn-first int "localhost/CN=other.example.test" $F $L leaf - ec &&
	pki_cert cn-second int "other.example.test/CN=localhost" $F $L leaf - \
	    ec &&
	# 9: CRLs, one per CA; "expired": nextUpdate a day ago.
	pki_crl root-ok root $F $((30 * d)) &&
	pki_crl int-ok int $F $((30 * d)) &&
	pki_crl int-revoked int $F $((30 * d)) leaf-ec &&
	pki_crl int-expired int $((-10 * d)) $F &&
	# 11: a forgery of the intermediate: its name and key identifier,
	# another key; a leaf it signs looks issued by int but for the
	# signature.
	PKI_EXT="subjectKeyIdentifier = $(openssl x509 -in "$PKI/int.pem" \
	    -noout -ext subjectKeyIdentifier | sed -n '2s/ //gp')" \
	    pki_cert evil self "ccheck Test Intermediate CA" $F $Y root - ec &&
	pki_cert forged evil localhost $F $L leaf "$lh" ec
} || {
	diag "openssl log:" "$(tail -n 20 "$PKI/log")"
	die "PKI generation failed"
}
cat "$PKI/forged.pem" "$PKI/int.pem" >"$PKI/forged.chain.pem"
for f in ok:int-ok revoked:int-revoked expired:int-expired; do
	cat "$PKI/root-ok.crl.pem" "$PKI/${f#*:}.crl.pem" >"$PKI/crl-${f%%:*}.pem"
	mkdir "$PKI/crldir-${f%%:*}"
	cp "$PKI/root-ok.crl.pem" "$PKI/${f#*:}.crl.pem" "$PKI/crldir-${f%%:*}"
	openssl rehash "$PKI/crldir-${f%%:*}" 2>>"$PKI/log" ||
	    die "openssl rehash failed"
done
# Sanity: the CRLs and the revocation are what the names say.
openssl crl -in "$PKI/int-revoked.crl.pem" -noout -text |
    grep -q "Serial Number: $(openssl x509 -in "$PKI/leaf-ec.pem" -noout \
    -serial | cut -d= -f2)" || die "int-revoked.crl.pem does not list leaf-ec"
hashed=("$PKI"/crldir-ok/*.r0)
[ ${#hashed[@]} = 2 ] && [ -e "${hashed[0]}" ] ||
    die "openssl rehash did not make two hashed CRL names"

start_pg "$PKI/leaf-ec.chain.pem" "$PKI/leaf-ec.key"
P=$PG_PORT

# serve NAME: the server sends $PKI/NAME.chain.pem.  A reload PostgreSQL
# cannot apply keeps the old certificate, so what is served is read back
# with openssl's client, not assumed.
serve() {
	reload_pg_cert "$PKI/$1.chain.pem" "$PKI/$1.key"
	local got want
	got=$(openssl s_client -starttls postgres -connect "127.0.0.1:$P" \
	    </dev/null 2>/dev/null | openssl x509 -noout -fingerprint 2>&1)
	want=$(openssl x509 -in "$PKI/$1.pem" -noout -fingerprint)
	[ "$got" = "$want" ] || die "the server does not send $1 ($got)"
}

# judge NAME accept|refuse CONNINFO [ERE]: psql and ccheck on CONNINFO
# (plus user, dbname, connect_timeout) must both give the verdict; when
# ERE is given, ccheck's line must match ": ERE$" too.
judge() {
	local name=$1 want=$2 ere=${4:-}
	local ci="$3 user=postgres dbname=postgres connect_timeout=5" why=
	psql_verdict "$ci"
	ccheck_verdict --min-days 0 "$ci"
	diag "$name: psql $PSQL_VERDICT (${PSQL_ERR:-connected})" \
	    "$name: ccheck $CCHECK_VERDICT ($CCHECK_OUT)"
	[ "$PSQL_VERDICT" = "$want" ] ||
	    why="psql ${PSQL_VERDICT}s (${PSQL_ERR:-connected}), want $want"
	[ "$CCHECK_VERDICT" = "$PSQL_VERDICT" ] ||
	    why="${why:+$why; }ccheck ${CCHECK_VERDICT}s, psql ${PSQL_VERDICT}s ($CCHECK_OUT)"
	if [ -n "$ere" ] && ! [[ $CCHECK_OUT =~ :\ $ere$ ]]; then
		why="${why:+$why; }ccheck's line does not match /$ere/: $CCHECK_OUT"
	fi
	if [ -z "$why" ]; then
		ok "$name: both ${want}"
	else
		notok "$name" "$why"
	fi
}

at="host=localhost hostaddr=127.0.0.1 port=$P"
full="$at sslmode=verify-full sslrootcert=$ROOT"
ca="$at sslmode=verify-ca sslrootcert=$ROOT"

serve eku-client
judge "1. leaf EKU clientAuth only" refuse "$full" \
    'x509: certificate "CN=localhost" is not valid for server authentication \(extended key usage: clientAuth\)'
judge "1. leaf EKU clientAuth only, verify-ca" refuse "$ca"
serve leaf-intclient
judge "2. intermediate EKU clientAuth only" refuse "$full"
serve eku-both
judge "3. leaf EKU serverAuth and clientAuth" accept "$full"

serve leaf-nc-corp
judge "4. non-critical name constraints, localhost outside .corp.test" \
    refuse "$full" '.*DNS name localhost \(permitted: \.corp\.test\).*'
judge "4. name constraints violated, verify-ca" refuse "$ca"
serve leaf-nc-lh
judge "5. critical name constraints, localhost within" accept "$full"
judge "5. critical name constraints, host 127.0.0.1 within" accept \
    "host=127.0.0.1 port=$P sslmode=verify-full sslrootcert=$ROOT"
serve leaf-nc-excl
judge "6. critical name constraints, localhost excluded" refuse "$full" \
    '.*DNS name localhost \(excluded: localhost\).*'

serve cn-first
judge "7. no SAN, first CN localhost" accept "$full"
serve cn-second
judge "7. no SAN, second CN localhost" refuse "$full"
judge "7. no SAN, second CN localhost, verify-ca" accept "$ca"

serve leaf-ec
judge "8. sslrootcert holds only the intermediate" refuse \
    "$at sslmode=verify-full sslrootcert=$PKI/int.pem" \
    '.*which is not a self-signed root; libpq needs the root.*'
check_run "8. ccheck --partial-chain trusts the intermediate" 0 \
    out="$at sslmode=verify-full sslrootcert=$PKI/int.pem: ok, expires in 100 days" \
    -- "$CCHECK" --partial-chain "$at sslmode=verify-full sslrootcert=$PKI/int.pem"

judge "9. sslcrl, a CRL per CA, nothing revoked" accept \
    "$full sslcrl=$PKI/crl-ok.pem"
judge "9. sslcrl, the leaf revoked" refuse "$full sslcrl=$PKI/crl-revoked.pem"
judge "9. sslcrl, the leaf revoked, verify-ca" refuse \
    "$ca sslcrl=$PKI/crl-revoked.pem"
judge "9. sslcrl, only the root's CRL" refuse \
    "$full sslcrl=$PKI/root-ok.crl.pem"
judge "9. sslcrl, the intermediate's CRL expired" refuse \
    "$full sslcrl=$PKI/crl-expired.pem"
judge "9. sslcrldir, nothing revoked" accept "$full sslcrldir=$PKI/crldir-ok"
judge "9. sslcrldir, the leaf revoked" refuse \
    "$full sslcrldir=$PKI/crldir-revoked"
judge "9. sslcrldir, the intermediate's CRL expired" refuse \
    "$full sslcrldir=$PKI/crldir-expired"
judge "9. sslcrl names a missing file (libpq ignores it)" accept \
    "$full sslcrl=$T/no-such.crl"
serve eku-both
judge "9. sslcrl, a sibling of the revoked leaf" accept \
    "$full sslcrl=$PKI/crl-revoked.pem"

serve leaf-pss
judge "10. leaf signed with RSA-PSS" accept "$full"

# 11: the intermediate's key pinned, no CA file.  With the CA file, the
# forgery is a plain bad signature to both.
pg="127.0.0.1(localhost):$P"
serve forged
judge "11. forged leaf, the real intermediate sent" refuse "$full"
check_run "11. --pin of the intermediate, leaf signed by another key" 2 \
    err="$pg: x509: certificate signature is invalid: \"CN=localhost\"" \
    -- "$CCHECK" -P --pin "$(pki_pin "$PKI/int.pem")" "$pg"
serve leaf-ec
check_run "11. --pin of the intermediate, the genuine chain" 0 \
    out="$pg: ok, expires in 100 days (pinned key)" \
    -- "$CCHECK" -P --pin "$(pki_pin "$PKI/int.pem")" "$pg"

finish
