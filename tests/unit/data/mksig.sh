#!/bin/sh
# SPDX-License-Identifier: MIT
# Regenerates the sig-*.pem certificates test_sig reads.  Run from the
# repository root: tests/unit/data/mksig.sh.  The output is committed;
# this script documents how it was made.  Every certificate is
# self-signed, so its own public key verifies it: test_sig takes the key,
# tbsCertificate, signatureAlgorithm and signature out of each one.
# sig-pss-random.pem holds 50 RSA-PSS signatures with random key sizes
# (moduli of 8k, 8k+1 and 8k+7 bits, so every emBits case), hashes, MGF1
# hashes and salt lengths.
set -eu
cd "$(dirname "$0")"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

key() {	# file genpkey-args...
	f=$1
	shift
	openssl genpkey -quiet "$@" -out "$T/$f"
}
key rsa.key -algorithm RSA -pkeyopt rsa_keygen_bits:2048
key pss.key -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048
key p256.key -algorithm EC -pkeyopt ec_paramgen_curve:P-256
key p384.key -algorithm EC -pkeyopt ec_paramgen_curve:P-384
key p521.key -algorithm EC -pkeyopt ec_paramgen_curve:P-521
key r1031.key -algorithm RSA -pkeyopt rsa_keygen_bits:1031
key r2049.key -algorithm RSA -pkeyopt rsa_keygen_bits:2049
key r3072.key -algorithm RSA -pkeyopt rsa_keygen_bits:3072

# cert OUT KEY MD [SIGOPT...]: sh has no locals, so c_* names are its own.
cert() {
	c_out=$1
	c_key=$2
	c_md=$3
	shift 3
	c_opts=
	for c_o in "$@"; do
		c_opts="$c_opts -sigopt $c_o"
	done
	# shellcheck disable=SC2086
	openssl req -x509 -new -key "$T/$c_key" -"$c_md" $c_opts \
	    -subj "/CN=$c_out" -days 3650 -out "$T/$c_out.pem"
}

for md in sha1 sha224 sha256 sha384 sha512; do
	cert rsa-"$md" rsa.key "$md"
	mv "$T/rsa-$md.pem" sig-rsa-"$md".pem
done

PSS=rsa_padding_mode:pss
cert pss-sha256-32 rsa.key sha256 $PSS rsa_pss_saltlen:32
cert pss-sha256-digest rsa.key sha256 $PSS rsa_pss_saltlen:digest
cert pss-sha384-max rsa.key sha384 $PSS rsa_pss_saltlen:max
cert pss-sha512-0 rsa.key sha512 $PSS rsa_pss_saltlen:0
cert pss-sha1-20 rsa.key sha1 $PSS rsa_pss_saltlen:20
cert pss-sha256-mgf1sha1 rsa.key sha256 $PSS rsa_mgf1_md:sha1
cert pss-key pss.key sha256
cert pss-r2049 r2049.key sha256 $PSS rsa_pss_saltlen:max
cert pss-r1031 r1031.key sha512 $PSS rsa_pss_saltlen:max
for f in pss-sha256-32 pss-sha256-digest pss-sha384-max pss-sha512-0 \
    pss-sha1-20 pss-sha256-mgf1sha1 pss-key pss-r2049 pss-r1031; do
	mv "$T/$f.pem" sig-"$f".pem
done

for c in p256:sha256 p256:sha1 p256:sha512 p384:sha384 p384:sha256 \
    p521:sha512 p521:sha224; do
	k=${c%%:*}
	md=${c#*:}
	cert "ec-$k-$md" "$k.key" "$md"
	mv "$T/ec-$k-$md.pem" sig-ec-"$k"-"$md".pem
done

# rand LIMIT: a number in [0, LIMIT).
rand() {
	echo $(( $(od -An -N2 -tu2 /dev/urandom) % $1 ))
}
hlen() {
	case $1 in
	sha1) echo 20 ;; sha224) echo 28 ;; sha256) echo 32 ;;
	sha384) echo 48 ;; sha512) echo 64 ;;
	esac
}
: >sig-pss-random.pem
i=0
while [ $i -lt 50 ]; do
	set -- r1031:1031 r2049:2049 rsa:2048 r3072:3072
	shift "$(rand 4)"
	k=${1%%:*}
	bits=${1#*:}
	set -- sha1 sha224 sha256 sha384 sha512
	shift "$(rand 5)"
	md=$1
	set -- sha1 sha224 sha256 sha384 sha512
	shift "$(rand 5)"
	mgf=$1
	# RFC 8017 9.1.1: emLen = ceil((modBits - 1) / 8) >= hLen + sLen + 2
	max=$(( (bits + 6) / 8 - $(hlen "$md") - 2 ))
	salt=$(rand $((max + 1)))
	cert "rand$i" "$k.key" "$md" $PSS rsa_mgf1_md:"$mgf" \
	    rsa_pss_saltlen:"$salt"
	cat "$T/rand$i.pem" >>sig-pss-random.pem
	i=$((i + 1))
done

# One RSA-PSS signature in 256 is a number with a leading zero byte;
# OpenSSL also takes it with that byte left out.  Try until one is.
i=0
while :; do
	cert short rsa.key sha256 $PSS rsa_pss_saltlen:32
	b=$(openssl x509 -in "$T/short.pem" -outform DER | tail -c 256 |
	    od -An -N1 -tu1 | tr -d ' ')
	if [ "$b" = 0 ]; then
		mv "$T/short.pem" sig-pss-short.pem
		break
	fi
	i=$((i + 1))
	[ $i -lt 5000 ] || { echo "mksig: no short signature" >&2; exit 1; }
done
