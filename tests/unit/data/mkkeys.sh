#!/bin/sh
# SPDX-License-Identifier: MIT
# Regenerates the key-*.pem / key-*.der files test_keyfile reads.  Run
# from the repository root: tests/unit/data/mkkeys.sh.  The output is
# committed; this script documents how it was made.  One RSA and one EC
# (P-256) key, each with a self-signed certificate, written by the
# openssl CLI in every form libpq reads: PEM and DER, PKCS#1 / SEC1 /
# PKCS#8, encrypted as PKCS#8 PBES2 (each PRF and cipher) and with
# OpenSSL's traditional Proc-Type/DEK-Info headers (each cipher), all
# with the password "secret"; plus forms ccheck refuses (encrypted DER,
# which OpenSSL does not decrypt there either; PBES1, scrypt and
# Camellia, which OpenSSL reads and ccheck does not).
set -eu
cd "$(dirname "$0")"
pw=pass:secret

for k in rsa ec; do
	if [ $k = rsa ]; then
		openssl genpkey -quiet -algorithm RSA \
		    -pkeyopt rsa_keygen_bits:2048 -out key-$k.pem
		trad="rsa -traditional"
	else
		openssl genpkey -quiet -algorithm EC \
		    -pkeyopt ec_paramgen_curve:P-256 -out key-$k.pem
		trad=ec		# writes SEC1 already; no -traditional
	fi
	openssl req -new -x509 -key key-$k.pem -subj "/CN=key-$k" \
	    -days 36500 -out key-$k.crt
	# Plain: PKCS#8 DER, traditional (PKCS#1 / SEC1) PEM and DER.
	openssl pkcs8 -topk8 -nocrypt -in key-$k.pem -outform DER \
	    -out key-$k-p8.der
	openssl $trad -in key-$k.pem -out key-$k-trad.pem \
	    2>/dev/null
	openssl $trad -in key-$k.pem -outform DER \
	    -out key-$k-trad.der 2>/dev/null
	# PKCS#8 PBES2: every PRF with AES-256, every cipher with SHA-256.
	for prf in sha1 sha224 sha256 sha384 sha512; do
		openssl pkcs8 -topk8 -v2 aes256 -v2prf hmacWith$(echo $prf |
		    tr a-z A-Z) -in key-$k.pem -passout $pw \
		    -out key-$k-p8-$prf-aes256.pem
	done
	for c in aes128 aes192 des3; do
		openssl pkcs8 -topk8 -v2 $c -in key-$k.pem -passout $pw \
		    -out key-$k-p8-sha256-$c.pem
	done
	# Traditional PEM encryption (EVP_BytesToKey, MD5).
	for c in aes128 aes192 aes256 des3; do
		openssl $trad -in key-$k.pem -$c -passout $pw \
		    -out key-$k-trad-$c.pem 2>/dev/null
	done
	# Refused: encrypted DER, PBES1, scrypt, Camellia.
	openssl pkcs8 -topk8 -v2 aes256 -in key-$k.pem -passout $pw \
	    -outform DER -out key-$k-p8-aes256.der
	openssl pkcs8 -topk8 -v1 PBE-SHA1-3DES -in key-$k.pem \
	    -passout $pw -out key-$k-p8-pbes1.pem
	openssl pkcs8 -topk8 -scrypt -in key-$k.pem -passout $pw \
	    -out key-$k-p8-scrypt.pem
	openssl $trad -in key-$k.pem -camellia128 \
	    -passout $pw -out key-$k-trad-camellia.pem 2>/dev/null
done
