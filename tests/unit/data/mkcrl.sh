#!/bin/sh
# SPDX-License-Identifier: MIT
# Regenerates the CRL fixtures test_crl reads (crl-*.pem, crl-*.der,
# crl-dir/).  Run from the repository root: tests/unit/data/mkcrl.sh.
# The output is committed; this script documents how it was made.  All
# CRLs come from "openssl ca -gencrl" with fixed -crl_lastupdate /
# -crl_nextupdate and fixed revocation dates (written into the database
# after "openssl ca -revoke"), except crl-nonext.der, which openssl ca
# cannot make (it always writes nextUpdate): that one is the v2 CRL's
# parts reassembled without nextUpdate, with one more entry carrying a
# certificateIssuer, and signed again with the CA key.
set -eu
cd "$(dirname "$0")"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

cp ca.cnf "$T/ca.cnf"
cat >>"$T/ca.cnf" <<'CNF'
[leaf]
basicConstraints = CA:FALSE
subjectAltName = DNS:crl.example.test
crlDistributionPoints = URI:http://crl.example.test/ca.crl
[v2]
authorityKeyIdentifier = keyid:always
[idp]
authorityKeyIdentifier = keyid:always
issuingDistributionPoint = critical, @idp_sect
[idp_sect]
fullname = URI:http://crl.example.test/ca.crl
onlyuser = TRUE
[delta]
authorityKeyIdentifier = keyid:always
2.5.29.27 = critical, DER:02:01:01
[crit]
2.5.29.20 = critical, DER:02:01:07
1.3.6.1.4.1.55555.1 = critical, DER:05:00
CNF
: >"$T/index.txt"
export T
ca() {
	openssl ca -batch -config "$T/ca.cnf" -cert crl-ca.pem \
	    -keyfile "$T/ca.key" "$@" 2>/dev/null
}
gencrl() {	# out extensions-section|-  [more openssl ca options]
	out=$1 ext=$2
	shift 2
	if [ "$ext" = - ]; then
		set -- "$@"
	else
		set -- -crlexts "$ext" "$@"
	fi
	ca -gencrl -crl_lastupdate 20250101000000Z \
	    -crl_nextupdate 20350101000000Z "$@" -out "$out"
}

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
    -out "$T/ca.key"
openssl req -x509 -new -key "$T/ca.key" -subj "/O=ccheck/CN=ccheck CRL CA" \
    -days 36500 -addext "keyUsage = critical, keyCertSign, cRLSign" \
    -out crl-ca.pem

# Two leaves: the revoked one has a serial with the top bit set (its DER
# INTEGER starts with 00).
leaf() {	# name serial
	echo "$2" >"$T/serial"
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
	    -out "$T/$1.key"
	openssl req -new -key "$T/$1.key" -subj "/CN=crl.example.test" \
	    -out "$T/$1.csr"
	ca -extensions leaf -startdate 20250101000000Z \
	    -enddate 20400101000000Z -in "$T/$1.csr" -out "$T/$1.pem"
	openssl x509 -in "$T/$1.pem" -out "crl-$1.pem"
}
leaf leaf-revoked 8F0102030405060708
leaf leaf-ok 1002

# Revoked: the first leaf (keyCompromise, with openssl ca -crl_reason),
# and database lines for serials with no certificate: 1001 without a
# reason, 0A cessationOfOperation, 03 certificateHold with its hold
# instruction (an entry extension), 05 keyCompromise with a compromise
# time (invalidityDate, another entry extension).
ca -revoke "$T/leaf-revoked.pem" -crl_reason keyCompromise
sed 's/^R\t\([^\t]*\)\t[0-9]*Z,/R\t\1\t250301120000Z,/' "$T/index.txt" \
    >"$T/i" && mv "$T/i" "$T/index.txt"
rev() {	# revocationDate[,reason...] serial
	printf 'R\t400101000000Z\t%s\t%s\tunknown\t/CN=%s\n' "$1" "$2" "$2" \
	    >>"$T/index.txt"
}
rev 250102030405Z 1001
rev 250203040506Z,cessationOfOperation 0A
rev 250304050607Z,certificateHold,holdInstructionReject 03
rev 250405060708Z,keyTime,20250101000000Z 05

# v1: no crlnumber file, no extensions section and no entry extensions
# (openssl ca makes a v2 CRL for any of them), so no version field.
cp "$T/index.txt" "$T/index.full"
: >"$T/index.txt"
rev 250102030405Z 1001
rev 250506070809Z 0B
gencrl crl-v1.pem -
mv "$T/index.full" "$T/index.txt"
echo 07 >"$T/crlnumber"
sed -i 's|^serial = .*|&\ncrlnumber = $ENV::T/crlnumber|' "$T/ca.cnf"
gencrl crl-v2.pem v2
openssl crl -in crl-v2.pem -outform DER -out crl-v2.der
gencrl crl-idp.pem idp
gencrl crl-delta.pem delta
cat crl-v2.pem crl-v1.pem >crl-two.pem

# crit: a critical cRLNumber (OpenSSL does not handle it) and a critical
# private extension, without the crlnumber file.
sed -i '/^crlnumber = /d' "$T/ca.cnf"
gencrl crl-crit.pem crit

# empty: a v2 CRL with no revokedCertificates.
: >"$T/index.txt"
echo 08 >"$T/crlnumber"
sed -i 's|^serial = .*|&\ncrlnumber = $ENV::T/crlnumber|' "$T/ca.cnf"
gencrl crl-empty.pem v2

# nonext: crl-v2's tbsCertList elements (d=2 in asn1parse) minus
# nextUpdate, one entry added, then signed.
tlv() {	# tag-byte file: the DER element (definite length) of the file
	n=$(wc -c <"$2")
	o() { printf "\\$(printf %03o "$1")"; }
	o "$1"
	if [ "$n" -lt 128 ]; then
		o "$n"
	elif [ "$n" -lt 256 ]; then
		o 129; o "$n"
	else
		o 130; o $((n >> 8)); o $((n & 255))
	fi
	cat "$2"
}
part() {	# der offset header-len len: bytes of one element
	tail -c +$(($2 + 1)) "$1" | head -c $(($3 + $4))
}
openssl asn1parse -inform DER -in crl-v2.der | sed -n \
    's/^ *\([0-9]*\):d=2 *hl=\([0-9]*\) *l= *\([0-9]*\) .*/\1 \2 \3/p' \
    >"$T/parts"
# parts: offset hl l, for: version sigalg issuer thisUpdate nextUpdate
# revoked [0]
set -- $(cat "$T/parts")
shift 3
part crl-v2.der "$1" "$2" "$3" >"$T/alg"
part crl-v2.der "$4" "$5" "$6" >"$T/issuer"
part crl-v2.der "$7" "$8" "$9" >"$T/this"
shift 12
part crl-v2.der "$1" "$2" "$3" >"$T/revoked"
part crl-v2.der "$4" "$5" "$6" >"$T/exts"
# The new entry: serial 0x77, revoked 2025-01-01, certificateIssuer
# (critical, as RFC 5280 5.3.3 wants) naming the CA.
tail -c +$(($2 + 1)) "$T/revoked" >"$T/entries"
tlv 164 "$T/issuer" >"$T/dirname"		# [4] directoryName
tlv 48 "$T/dirname" >"$T/gn"			# GeneralNames
tlv 4 "$T/gn" >"$T/octets"
{ printf '\006\003\125\035\035\001\001\377'; cat "$T/octets"; } >"$T/ext"
tlv 48 "$T/ext" >"$T/ext1"
tlv 48 "$T/ext1" >"$T/exts1"
{ printf '\002\001\167\027\015250101000000Z'; cat "$T/exts1"; } >"$T/e"
tlv 48 "$T/e" >>"$T/entries"
tlv 48 "$T/entries" >"$T/revoked2"
{ printf '\002\001\001'; cat "$T/alg" "$T/issuer" "$T/this" \
    "$T/revoked2" "$T/exts"; } >"$T/tbs0"
tlv 48 "$T/tbs0" >"$T/tbs"
openssl dgst -sha256 -sign "$T/ca.key" -out "$T/sig" "$T/tbs"
{ printf '\000'; cat "$T/sig"; } >"$T/sig0"
tlv 3 "$T/sig0" >"$T/bits"
cat "$T/tbs" "$T/alg" "$T/bits" >"$T/crl0"
tlv 48 "$T/crl0" >crl-nonext.der
openssl crl -inform DER -in crl-nonext.der -noout -verify \
    -CAfile crl-ca.pem

# A hashed directory as openssl rehash makes it, plus a file that holds
# no CRL (a certificate), which directory loading skips.
rm -rf crl-dir
mkdir crl-dir
cp crl-v2.pem "crl-dir/$(openssl crl -in crl-v2.pem -hash -noout).r0"
cp crl-leaf-ok.pem crl-dir/leaf.pem
cp crl-empty.pem crl-dir/zz-empty.pem
