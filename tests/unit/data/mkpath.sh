#!/bin/sh
# SPDX-License-Identifier: MIT
# Regenerates the path-validation fixtures test_path reads: certificates
# path-*.pem, CRLs path-*.crl.pem and path-pins.txt (one "NAME PIN" line
# per pinned key, curl's sha256// form).  Run from the repository root:
# tests/unit/data/mkpath.sh.  The output is committed; this script
# documents how it was made.  Dates are fixed with "openssl ca
# -startdate/-enddate" (OpenSSL 3.0's x509 has no -not_before) and CRL
# dates with -crl_lastupdate/-crl_nextupdate, so the test, whose "now" is
# 2030-01-01T00:00:00Z, never depends on the real date.  At the end
# every chain is put to "openssl verify -purpose sslserver" at that time,
# and the script fails if OpenSSL's verdict is not the one written here
# (the oracle for test_path's table: "ok" or OpenSSL's error number).
set -eu
cd "$(dirname "$0")"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export T

# openssl ca keeps its database in $T; names stay as typed (-preserveDN),
# and twins may share a subject.  Extensions come from -extfile.
cp ca.cnf "$T/ca.cnf"
: >"$T/index.txt"
echo 1000 >"$T/serial"

key() {	# name type
	case $2 in
	rsa) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 ;;
	pss) openssl genpkey -algorithm RSA-PSS \
	    -pkeyopt rsa_keygen_bits:2048 ;;
	p256) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 ;;
	p384) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 ;;
	p521) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-521 ;;
	esac >"$T/$1.key" 2>/dev/null
}

# cert NAME KEYTYPE SUBJECT ISSUER|self START END EXTS [openssl ca opts]
# EXTS: extension lines separated by "|".  KEY=OTHER reuses OTHER's key.
# Writes $T/NAME.pem; the key stays in $T/NAME.key.
cert() {
	n=$1 kt=$2 subj=$3 iss=$4 start=$5 end=$6
	printf '%s\n' "$7" | tr '|' '\n' >"$T/$n.ext"
	shift 7
	if [ -n "${KEY:-}" ]; then
		cp "$T/$KEY.key" "$T/$n.key"
	else
		key "$n" "$kt"
	fi
	openssl req -new -key "$T/$n.key" -subj "$subj" -out "$T/$n.csr"
	if [ "$iss" = self ]; then
		set -- -selfsign -keyfile "$T/$n.key" "$@"
	else
		set -- -cert "$T/$iss.pem" -keyfile "$T/$iss.key" "$@"
	fi
	openssl ca -batch -notext -config "$T/ca.cnf" -preserveDN \
	    -extfile "$T/$n.ext" -startdate "$start" -enddate "$end" \
	    -in "$T/$n.csr" -out "$T/$n.pem" "$@" 2>/dev/null
}

A=20200101000000Z	# start of most windows
KID='subjectKeyIdentifier = hash|authorityKeyIdentifier = keyid'
NOKID='subjectKeyIdentifier = none|authorityKeyIdentifier = none'
BC='basicConstraints = critical, CA:TRUE'
KU='keyUsage = critical, keyCertSign, cRLSign'
CA="$BC|$KU|$KID"
LKU='keyUsage = critical, digitalSignature, keyEncipherment'
SRV='extendedKeyUsage = serverAuth'
LF="basicConstraints = CA:FALSE|$SRV|$KID"
NOKIDLF="basicConstraints = CA:FALSE|$SRV|$LKU|$NOKID"
# leaf NAME ISSUER HOST [EXTS [START [END]]]: a P-256 leaf for HOST with a
# DNS SAN, serverAuth and (unless EXTS replaces it) the usual keyUsage.
# (More arguments go to openssl ca, as for ca below.)
leaf() {
	l1=$1 l2=$2 l3=$3 l4=${4:-$LKU} l5=${5:-$A} l6=${6:-20400101000000Z}
	if [ $# -gt 6 ]; then shift 6; else shift $#; fi
	cert "$l1" p256 "/CN=$l3" "$l2" "$l5" "$l6" \
	    "$LF|subjectAltName = DNS:$l3|$l4" "$@"
}
# ca NAME ISSUER SUBJECT [EXTS [START [END [KEYTYPE [openssl ca opts]]]]]
ca() {
	c1=$1 c2=$2 c3=$3 c4=${4:-$CA} c5=${5:-$A} c6=${6:-20450101000000Z}
	c7=${7:-p256}
	if [ $# -gt 7 ]; then shift 7; else shift $#; fi
	cert "$c1" "$c7" "$c3" "$c2" "$c5" "$c6" "$c4" "$@"
}

# The main PKI: an RSA root and intermediate, a P-256 leaf.
ca path-root self '/CN=path root' "$CA" $A 20600101000000Z rsa
ca path-int path-root '/CN=path int' "$CA" $A 20450101000000Z rsa
leaf path-leaf path-int leaf.path.test
ca path-other-root self '/CN=path other root' "$CA" $A 20600101000000Z
# path-int's key cross-signed by the other root (ends 2031: must not count).
KEY=path-int
ca path-int-cross path-other-root '/CN=path int' "$CA" $A 20310101000000Z
KEY=
# A self-signed leaf, trusted directly.
SELF="basicConstraints = critical, CA:FALSE|$SRV|$LKU|$KID"
cert path-self p256 /CN=self.path.test self $A 20400101000000Z \
    "$SELF|subjectAltName = DNS:self.path.test"
# Same-named intermediates: without key identifiers only the signature
# tells them apart; with them the identifiers do.
ca path-twin-a path-root '/CN=path twin int' "$BC|$KU|$NOKID"
ca path-twin-b path-root '/CN=path twin int' "$BC|$KU|$NOKID"
cert path-twin-leaf p256 /CN=twin.path.test path-twin-a $A \
    20400101000000Z "$NOKIDLF|subjectAltName = DNS:twin.path.test"
ca path-kid-a path-root '/CN=path kid int'
ca path-kid-b path-root '/CN=path kid int'
leaf path-kid-leaf path-kid-a kid.path.test

# Forgery: a leaf naming path-int as issuer, without key identifiers,
# signed by another key under the same name.
ca fake-int self '/CN=path int' "$CA" $A 20450101000000Z rsa
cert path-forged-leaf p256 /CN=leaf.path.test fake-int $A 20400101000000Z \
    "$NOKIDLF|subjectAltName = DNS:leaf.path.test"

# Signatures: RSA-PSS by path-int; an intermediate with an RSA-PSS key
# (it signs with RSA-PSS); ECDSA by P-521, P-384 and P-256 keys, with
# SHA-512, SHA-384 and SHA-256.
leaf path-pss-leaf path-int pss.path.test "$LKU" $A 20400101000000Z \
    -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32
ca path-pss-int path-root '/CN=path pss int' "$CA" $A 20450101000000Z pss
leaf path-pss-int-leaf path-pss-int pssint.path.test
ca path-ec-root self '/CN=path EC root' "$CA" $A 20360101000000Z p521
ca path-ec-int path-ec-root '/CN=path EC int' "$CA" $A 20450101000000Z \
    p384 -md sha512
ca path-ec-int2 path-ec-int '/CN=path EC int 2' "$CA" $A 20450101000000Z \
    p256 -md sha384
leaf path-ec-leaf path-ec-int2 ec.path.test

# Critical extensions: an unknown one on a leaf and on an intermediate;
# certificatePolicies and nameConstraints, which OpenSSL handles.
UNK='1.3.6.1.4.1.55555.1 = critical, DER:05:00'
leaf path-crit-leaf path-int crit.path.test "$LKU|$UNK"
ca path-crit-int path-root '/CN=path crit int' "$CA|$UNK"
leaf path-crit-int-leaf path-crit-int critint.path.test
leaf path-critpol-leaf path-int critpol.path.test \
    "$LKU|certificatePolicies = critical, 1.3.6.1.4.1.55555.2"

# basicConstraints and keyUsage of CAs.
ca path-nobc-int path-root '/CN=path nobc int' "$KID"
leaf path-nobc-leaf path-nobc-int nobc.path.test
ca path-cafalse-int path-root '/CN=path cafalse int' \
    "basicConstraints = critical, CA:FALSE|$KU|$KID"
leaf path-cafalse-leaf path-cafalse-int cafalse.path.test
ca path-noks-int path-root '/CN=path noks int' \
    "$BC|keyUsage = critical, digitalSignature, cRLSign|$KID"
leaf path-noks-leaf path-noks-int noks.path.test
ca path-pl0-int path-root '/CN=path pathlen0 int' \
    "basicConstraints = critical, CA:TRUE, pathlen:0|$KU|$KID" $A \
    20380101000000Z
leaf path-pl0-leaf path-pl0-int pl0.path.test
ca path-pl0-sub path-pl0-int '/CN=path pathlen0 sub'
leaf path-pl0-sub-leaf path-pl0-sub pl0sub.path.test

# The server-authentication purpose.
leaf path-eku-client path-int client.path.test \
    "$LKU|extendedKeyUsage = clientAuth"
leaf path-eku-both path-int both.path.test \
    "$LKU|extendedKeyUsage = serverAuth, clientAuth"
leaf path-eku-any path-int any.path.test \
    "$LKU|extendedKeyUsage = anyExtendedKeyUsage"
leaf path-ku-certsign path-int certsign.path.test \
    'keyUsage = critical, keyCertSign'
leaf path-ku-ds path-int ds.path.test 'keyUsage = critical, digitalSignature'
ca path-eku-client-int path-root '/CN=path client int' \
    "$CA|extendedKeyUsage = clientAuth"
leaf path-eku-client-int-leaf path-eku-client-int clientint.path.test
ca path-eku-server-int path-root '/CN=path server int' \
    "$CA|extendedKeyUsage = serverAuth"
leaf path-eku-server-int-leaf path-eku-server-int serverint.path.test

# Name constraints: permitted (non-critical, critical), excluded, a leaf
# named only by its CN, and a self-issued intermediate (a key rollover of
# a CA whose directoryName constraint its own name does not meet).
ca path-nc-int path-root '/CN=path nc int' \
    "$CA|nameConstraints = permitted;DNS:.ok.path.test"
leaf path-nc-ok path-nc-int a.ok.path.test
leaf path-nc-bad path-nc-int a.bad.path.test
ca path-ncc-int path-root '/CN=path ncc int' \
    "$CA|nameConstraints = critical, permitted;DNS:.ok.path.test"
leaf path-ncc-ok path-ncc-int c.ok.path.test
leaf path-ncc-bad path-ncc-int c.bad.path.test
ca path-ncx-int path-root '/CN=path ncx int' \
    "$CA|nameConstraints = excluded;DNS:bad.path.test"
leaf path-ncx-ok path-ncx-int x.good.path.test
leaf path-ncx-bad path-ncx-int x.bad.path.test
cert path-nc-cn-ok p256 /CN=cn.ok.path.test path-nc-int $A \
    20400101000000Z "basicConstraints = CA:FALSE|$SRV|$LKU|$KID"
cert path-nc-cn-bad p256 /CN=cn.bad.path.test path-nc-int $A \
    20400101000000Z "basicConstraints = CA:FALSE|$SRV|$LKU|$KID"
ca path-ncdir-int path-root '/CN=path ncdir int' \
    "$CA|nameConstraints = critical, permitted;dirName:dir|[dir]|O = Allowed"
ca path-ncdir-roll path-ncdir-int '/CN=path ncdir int'
cert path-ncdir-leaf p256 /O=Allowed/CN=dir.path.test path-ncdir-roll $A \
    20400101000000Z "$LF|$LKU|subjectAltName = DNS:dir.path.test"
ca path-ncdir-sub path-ncdir-int '/CN=path ncdir sub'
cert path-ncdir-sub-leaf p256 /O=Allowed/CN=dirsub.path.test \
    path-ncdir-sub $A 20400101000000Z \
    "$LF|$LKU|subjectAltName = DNS:dirsub.path.test"

# Dates ("now" is 2030-01-01T00:00:00Z).
N=20300101000000Z
leaf path-leaf-expired path-int expired.path.test "$LKU" $A 20290101000000Z
leaf path-leaf-notyet path-int notyet.path.test "$LKU" 20310101000000Z
leaf path-leaf-end-now path-int endnow.path.test "$LKU" $A $N
leaf path-leaf-start-now path-int startnow.path.test "$LKU" $N
ca path-int-expired path-root '/CN=path expired int' "$CA" $A \
    20290101000000Z
leaf path-int-expired-leaf path-int-expired intexpired.path.test
ca path-int-notyet path-root '/CN=path notyet int' "$CA" 20310101000000Z
leaf path-int-notyet-leaf path-int-notyet intnotyet.path.test
ca path-root-expired self '/CN=path expired root' "$CA" $A 20290101000000Z
ca path-root-expired-int path-root-expired '/CN=path int of expired root'
leaf path-root-expired-leaf path-root-expired-int rootexpired.path.test
ca path-root-notyet self '/CN=path notyet root' "$CA" 20310101000000Z \
    20600101000000Z
ca path-root-notyet-int path-root-notyet '/CN=path int of notyet root'
leaf path-root-notyet-leaf path-root-notyet-int rootnotyet.path.test

# An intermediate whose keyUsage lacks cRLSign.
ca path-nocrlsign-int path-root '/CN=path nocrlsign int' \
    "$BC|keyUsage = critical, keyCertSign|$KID"
leaf path-nocrlsign-leaf path-nocrlsign-int nocrlsign.path.test
# Same name as path-int, another key: signs the forged CRL.
ca fake-crl-int self '/CN=path int' "$CA" $A 20450101000000Z rsa

# path-root's key and name in an older, expired self-signed certificate.
KEY=path-root
ca path-root-old self '/CN=path root' "$CA" 20100101000000Z 20290101000000Z
KEY=

for f in "$T"/path-*.pem; do
	cp "$f" .
done

# CRLs: each from its own database, entries written as openssl ca -revoke
# would ("R EXPIRY REVDATE[,REASON] SERIAL unknown DN").
cat >"$T/crl.cnf" <<'CNF'
[ca]
default_ca = d
[d]
database = $ENV::T/crl-index.txt
default_md = sha256
default_crl_days = 1
CNF
serial() {
	openssl x509 -in "$1.pem" -noout -serial | sed 's/serial=//'
}
# crl OUT ISSUER LAST NEXT [SERIAL REVDATE[,REASON]]...
crl() {
	out=$1 iss=$2 last=$3 next=$4
	shift 4
	: >"$T/crl-index.txt"
	while [ $# -ge 2 ]; do
		printf 'R\t400101000000Z\t%s\t%s\tunknown\t/CN=x\n' "$2" "$1" \
		    >>"$T/crl-index.txt"
		shift 2
	done
	openssl ca -batch -config "$T/crl.cnf" -gencrl -cert "$T/$iss.pem" \
	    -keyfile "$T/$iss.key" -crl_lastupdate "$last" \
	    -crl_nextupdate "$next" -out "$out" 2>/dev/null
}
L=20250101000000Z	# thisUpdate
U=20350101000000Z	# nextUpdate
crl path-root.crl.pem path-root $L $U
crl path-int.crl.pem path-int $L $U
crl path-int-revoked.crl.pem path-int $L $U \
    "$(serial path-leaf)" 290601120000Z,keyCompromise
crl path-root-revoked.crl.pem path-root $L $U \
    "$(serial path-int)" 290701000000Z,CACompromise
crl path-int-expired.crl.pem path-int 20200101000000Z 20290101000000Z
crl path-int-forged.crl.pem fake-crl-int $L $U
crl path-int-remove.crl.pem path-int $L $U \
    "$(serial path-leaf)" 290601120000Z,removeFromCRL
crl path-nocrlsign.crl.pem path-nocrlsign-int $L $U

# Pins: the SHA-256 of the SubjectPublicKeyInfo, base64.
for n in path-leaf path-int path-other-root; do
	printf '%s sha256//%s\n' "$n" "$(openssl x509 -in "$n.pem" -pubkey \
	    -noout | openssl pkey -pubin -outform DER |
	    openssl dgst -sha256 -binary | base64)"
done >path-pins.txt

# The oracle: v WANT ROOTFILE LEAF [SENT...] [-- openssl verify options].
# ROOTFILE "-" is an empty root file.
v() {
	case=$*
	want=$1 root=$2 lf=$3
	shift 3
	: >"$T/untrusted.pem"
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		cat "$1.pem" >>"$T/untrusted.pem"
		shift
	done
	[ $# -gt 0 ] && shift
	if [ "$root" = - ]; then
		: >"$T/root.pem"
	else
		cat "$root.pem" >"$T/root.pem"
	fi
	if [ -s "$T/untrusted.pem" ]; then
		set -- -untrusted "$T/untrusted.pem" "$@"
	fi
	got=$(openssl verify -no-CApath -no-CAstore -purpose sslserver \
	    -attime 1893456000 -CAfile "$T/root.pem" "$@" "$lf.pem" 2>&1 |
	    sed -n 's/^error \([0-9]*\) at .*/\1/p;s/.*: OK$/ok/p' | head -1)
	if [ "$got" != "$want" ]; then
		echo "mkpath: v $case: openssl says ${got:-?}" >&2
		exit 1
	fi
}
R=path-root
v ok $R path-leaf path-int
v 2 path-int path-leaf path-int
v ok path-int path-leaf path-int -- -partial_chain
v 20 path-other-root path-leaf path-int
v ok path-self path-self
v 20 path-leaf path-leaf
v 20 path-leaf path-leaf path-int
v 18 $R path-self
v ok $R path-leaf path-int path-root
v ok $R path-leaf path-int path-root-old
v 10 path-root-old path-leaf path-int path-root
v 19 path-other-root path-leaf path-int path-root
v ok $R path-twin-leaf path-twin-a
v 7 $R path-twin-leaf path-twin-b path-twin-a
v 7 $R path-twin-leaf path-twin-b
v ok $R path-kid-leaf path-kid-b path-kid-a
v ok $R path-leaf path-int path-int-cross path-other-root
v 19 $R path-leaf path-int-cross path-int path-other-root
v 7 $R path-forged-leaf path-int
v ok $R path-pss-leaf path-int
v ok $R path-pss-int-leaf path-pss-int
v ok path-ec-root path-ec-leaf path-ec-int2 path-ec-int
v 34 $R path-crit-leaf path-int
v 34 $R path-crit-int-leaf path-crit-int
v ok $R path-critpol-leaf path-int
v 79 $R path-nobc-leaf path-nobc-int
v 79 $R path-cafalse-leaf path-cafalse-int
v 79 $R path-noks-leaf path-noks-int
v ok $R path-pl0-leaf path-pl0-int
v 25 $R path-pl0-sub-leaf path-pl0-sub path-pl0-int
v 26 $R path-eku-client path-int
v ok $R path-eku-both path-int
v 26 $R path-eku-any path-int
v 26 $R path-ku-certsign path-int
v ok $R path-ku-ds path-int
v 26 $R path-eku-client-int-leaf path-eku-client-int
v ok $R path-eku-server-int-leaf path-eku-server-int
v ok $R path-nc-ok path-nc-int
v 47 $R path-nc-bad path-nc-int
v ok $R path-ncc-ok path-ncc-int
v 47 $R path-ncc-bad path-ncc-int
v ok $R path-ncx-ok path-ncx-int
v 48 $R path-ncx-bad path-ncx-int
v ok $R path-nc-cn-ok path-nc-int
v 47 $R path-nc-cn-bad path-nc-int
v ok $R path-ncdir-leaf path-ncdir-roll path-ncdir-int
v 47 $R path-ncdir-sub-leaf path-ncdir-sub path-ncdir-int
v 10 $R path-leaf-expired path-int
v 9 $R path-leaf-notyet path-int
v 10 $R path-leaf-end-now path-int
v ok $R path-leaf-start-now path-int
v 10 $R path-int-expired-leaf path-int-expired
v 9 $R path-int-notyet-leaf path-int-notyet
v 10 path-root-expired path-root-expired-leaf path-root-expired-int
v 9 path-root-notyet path-root-notyet-leaf path-root-notyet-int
C='-crl_check_all -CRLfile path-root.crl.pem'
v ok $R path-leaf path-int -- $C -CRLfile path-int.crl.pem
v 23 $R path-leaf path-int -- $C -CRLfile path-int-revoked.crl.pem
v 23 $R path-leaf path-int -- -crl_check_all -CRLfile \
    path-root-revoked.crl.pem -CRLfile path-int.crl.pem
v 3 $R path-leaf path-int -- $C
v 12 $R path-leaf path-int -- $C -CRLfile path-int-expired.crl.pem
v 8 $R path-leaf path-int -- $C -CRLfile path-int-forged.crl.pem
v 35 $R path-nocrlsign-leaf path-nocrlsign-int -- $C -CRLfile \
    path-nocrlsign.crl.pem
v ok $R path-leaf path-int -- $C -CRLfile path-int-remove.crl.pem
