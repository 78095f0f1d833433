#!/bin/bash
# SPDX-License-Identifier: MIT
# Regenerates the fixtures of test_sig's sig_verify_tls cases: one
# self-signed certificate per key (sig-tls-rsa.pem rsaEncryption 2048,
# sig-tls-pss.pem an RSASSA-PSS key, sig-tls-p256/p384/p521.pem,
# sig-tls-ed25519.pem) and sig-tls.txt, one handshake signature made by
# the openssl CLI per line:
#   CERT SCHEME DATA SIG
# (SCHEME the SignatureScheme in hex, 0000 for TLS 1.0's MD5 || SHA-1;
# DATA and SIG in hex).  Run from the repository root:
# tests/unit/data/mksigtls.sh.  The output is committed.
set -eu
cd "$(dirname "$0")"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 \
    -out "$T/rsa.key"
openssl genpkey -quiet -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 \
    -out "$T/pss.key"
for c in 256 384 521; do
	openssl genpkey -quiet -algorithm EC \
	    -pkeyopt ec_paramgen_curve:P-$c -out "$T/p$c.key"
done
openssl genpkey -quiet -algorithm ED25519 -out "$T/ed25519.key"
for k in rsa pss p256 p384 p521 ed25519; do
	openssl req -x509 -new -key "$T/$k.key" -subj "/CN=sig-tls-$k" \
	    -days 7300 -out "sig-tls-$k.pem"
done

hex() { od -An -v -tx1 "$1" | tr -d ' \n'; }

# line KEY SCHEME: a fresh random message signed under SCHEME.
line() {
	local k=$1 s=$2 md
	openssl rand -out "$T/data" $((RANDOM % 300 + 1))
	case $s in
	0000)	# PKCS#1 v1.5 type 1 over MD5 || SHA-1, no DigestInfo
		{ openssl dgst -md5 -binary "$T/data"
		  openssl dgst -sha1 -binary "$T/data"; } >"$T/h36"
		openssl pkeyutl -sign -inkey "$T/$k.key" -in "$T/h36" \
		    -pkeyopt rsa_padding_mode:pkcs1 -out "$T/sig" ;;
	0807)
		openssl pkeyutl -sign -rawin -inkey "$T/$k.key" \
		    -in "$T/data" -out "$T/sig" ;;
	*)
		case $s in
		02*) md=sha1 ;; 04* | 0804 | 0809) md=sha256 ;;
		05* | 0805 | 080a) md=sha384 ;; *) md=sha512 ;;
		esac
		case $s in
		08*) set -- -sigopt rsa_padding_mode:pss \
		    -sigopt rsa_pss_saltlen:digest -sigopt rsa_mgf1_md:$md ;;
		*) set -- ;;
		esac
		openssl dgst -"$md" -sign "$T/$k.key" "$@" -out "$T/sig" \
		    "$T/data" ;;
	esac
	printf 'sig-tls-%s.pem %s %s %s\n' "$k" "$s" "$(hex "$T/data")" \
	    "$(hex "$T/sig")"
}

{
	for s in 0000 0201 0401 0501 0601 0804 0805 0806; do
		line rsa $s
	done
	for s in 0809 080a 080b; do
		line pss $s
	done
	line p256 0203
	line p256 0403
	line p384 0503
	line p521 0603
	# TLS 1.2 does not bind the curve: SHA-384 with P-256, SHA-256
	# with P-521.
	line p256 0503
	line p521 0403
	line ed25519 0807
	line ed25519 0807
} >sig-tls.txt
