#!/bin/sh
# SPDX-License-Identifier: MIT
# Regenerates the certificates test_x509 and test_pem read.  Run from the
# repository root: tests/unit/data/mkfixtures.sh.  The output is committed;
# this script documents how it was made.  Dates are fixed with
# "openssl ca -startdate/-enddate" so the tests, which set the policy's
# "now" to 2030-01-01T00:00:00Z, never depend on the real date.
# The other fixtures have their own scripts, each run the same way:
# mkcrl.sh (crl-*, test_crl), mknc.sh (nc-*, test_nc), mksig.sh (sig-*,
# test_sig) and mkpath.sh (path-*, test_path, with OpenSSL's verdict on
# each chain checked as it runs).
set -eu
cd "$(dirname "$0")"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# A minimal CA configuration: openssl ca keeps its database in $T.
cp ca.cnf "$T/ca.cnf"
cat >>"$T/ca.cnf" <<'CNF'
[root]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[int]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[leaf]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = $ENV::SAN
[nosan]
basicConstraints = CA:FALSE
[selfca]
basicConstraints = critical, CA:TRUE
subjectAltName = DNS:self.example.test
[selfleaf]
basicConstraints = critical, CA:FALSE
subjectAltName = DNS:self.example.test
CNF
: >"$T/index.txt"
echo 1000 >"$T/serial"
export T SAN=DNS:unused.example.test

key() {	# name type
	case $2 in
	rsa) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 ;;
	ec256) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 ;;
	ec384) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 ;;
	ed25519) openssl genpkey -algorithm ED25519 ;;
	esac >"$T/$1.key" 2>/dev/null
}

# cert name keytype subject issuer|self ext start end [extra ca opts]
# ($REQOPT: extra options for openssl req.)
cert() {
	n=$1 kt=$2 subj=$3 iss=$4 ext=$5 start=$6 end=$7
	shift 7
	key "$n" "$kt"
	openssl req -new -key "$T/$n.key" -subj "$subj" -out "$T/$n.csr" \
	    ${REQOPT:-}
	if [ "$iss" = self ]; then
		set -- -selfsign -keyfile "$T/$n.key" "$@"
	else
		set -- -cert "$iss.pem" -keyfile "$T/$iss.key" "$@"
	fi
	openssl ca -batch -notext -config "$T/ca.cnf" -extensions "$ext" \
	    -startdate "$start" -enddate "$end" -in "$T/$n.csr" \
	    -out "$n.pem" "$@" 2>/dev/null
}

A=20200101000000Z	# start of most windows
Z=20400101000000Z	# end (UTCTime in the certificate)
G=20600101000000Z	# end after 2049: GeneralizedTime

cert rsa-root rsa /CN=ccheck\ test\ RSA\ root/O=ccheck self root $A $G
cert rsa-int rsa /CN=ccheck\ test\ RSA\ intermediate rsa-root int $A $Z
SAN=DNS:leaf.example.test,IP:127.0.0.1,IP:::1 \
cert rsa-leaf rsa /CN=leaf.example.test rsa-int leaf $A $Z
cat rsa-leaf.pem rsa-int.pem >rsa-chain.pem

cert ec-root ec384 /CN=ccheck\ test\ EC\ root self root $A $G
cert ec-int ec256 /CN=ccheck\ test\ EC\ intermediate ec-root int $A $Z
SAN=DNS:ec.example.test cert ec-leaf ec256 /CN=ec.example.test ec-int leaf $A $Z
cat ec-leaf.pem ec-int.pem >ec-chain.pem

SAN=DNS:expired.example.test cert leaf-expired rsa \
    /CN=expired.example.test rsa-int leaf 20200101000000Z 20250101000000Z
SAN=DNS:soon.example.test cert leaf-notyet rsa /CN=soon.example.test \
    rsa-int leaf 20310101000000Z $Z
cert int-expired rsa /CN=ccheck\ expired\ intermediate rsa-root int \
    $A 20250101000000Z
SAN=DNS:under.example.test cert leaf-under-expired rsa \
    /CN=under.example.test int-expired leaf $A $Z

cert other-root rsa /CN=ccheck\ unknown\ root self root $A $G
SAN=DNS:other.example.test cert other-leaf rsa /CN=other.example.test \
    other-root leaf $A $Z

cert self-ca rsa /CN=self.example.test self selfca $A $Z
cert self-leaf ec256 /CN=self.example.test self selfleaf $A $Z

cert old-root rsa /CN=ccheck\ old\ root self root 20100101000000Z \
    20250101000000Z
cert old-int rsa /CN=ccheck\ old\ intermediate old-root int $A $Z
SAN=DNS:old.example.test cert old-leaf rsa /CN=old.example.test old-int \
    leaf $A $Z

SAN=DNS:ed.example.test cert ed25519-leaf ed25519 /CN=ed.example.test \
    rsa-int leaf $A $Z
SAN=DNS:pss.example.test cert pss-leaf rsa /CN=pss.example.test rsa-int \
    leaf $A $Z -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32

# Host-name cases (all issued by rsa-int).
SAN='DNS:*.example.test,DNS:f*.other.test,DNS:Exact.Example.Test' \
cert host-wild ec256 /CN=wild.example.test rsa-int leaf $A $Z
cert host-cn ec256 /CN=cn.example.test rsa-int nosan $A $Z
cert host-ipcn ec256 /CN=10.0.0.1 rsa-int nosan $A $Z
SAN=DNS:dns.example.test cert host-dns-ipcn ec256 /CN=10.0.0.2 rsa-int \
    leaf $A $Z
SAN='IP:10.1.2.3,IP:2001:db8::1' cert host-ip ec256 /CN=ip.example.test \
    rsa-int leaf $A $Z
cert host-none ec256 /O=No\ Names rsa-int nosan $A $Z
# dNSName "nul.example.test\0.evil.test", written as raw DER.
SAN=DER:301d821b6e756c2e6578616d706c652e74657374\
002e6576696c2e74657374 \
cert host-nul ec256 /CN=nul.example.test rsa-int leaf $A $Z

# libpq's host rules (test_x509's host cases): self-signed, as only the
# leaf's names matter.  Two CNs, DER order first.test then second.test;
# a two-CN RDN (DER sorts aa.test first whatever the order typed); a
# wildcard that an IP host meets too; an iPAddress of 5 bytes; a CN in a
# BMPString.
cert host-2cn ec256 /CN=first.test/CN=second.test self nosan $A $Z \
    -preserveDN
REQOPT=-multivalue-rdn cert host-mvrdn ec256 /CN=zz.test+CN=aa.test self \
    nosan $A $Z -preserveDN
SAN='DNS:*.0.0.1' cert host-ipwild ec256 /CN=ipwild.test self leaf $A $Z
SAN=DER:300787050102030405 cert host-badip ec256 /CN=badip.test self \
    leaf $A $Z
printf '[req]\ndistinguished_name = dn\nstring_mask = MASK:0x800\n[dn]\n' \
    >"$T/bmp.cnf"
REQOPT="-config $T/bmp.cnf" cert host-bmpcn ec256 /CN=bmp.test self nosan \
    $A $Z -preserveDN

cat rsa-root.pem ec-root.pem >bundle.pem

# Ed448 (unsupported: only named), self-signed.
openssl req -x509 -newkey ed448 -nodes -keyout /dev/null \
    -subj /CN=ed448.example.test -days 7300 \
    -addext subjectAltName=DNS:ed448.example.test -out ed448-leaf.pem \
    2>/dev/null

# RSA-8192 (unsupported: BearSSL's RSA stops at 4096 bits), self-signed.
openssl req -x509 -newkey rsa:8192 -nodes -keyout /dev/null \
    -subj /CN=rsa8192.example.test -days 7300 \
    -addext subjectAltName=DNS:rsa8192.example.test -out rsa8192-leaf.pem \
    2>/dev/null
