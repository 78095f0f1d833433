#!/bin/bash
# SPDX-License-Identifier: MIT
# The differential test of ecdsa_vrfy against the openssl CLI: writes N
# cases (default 150) as "CURVE PUB HASH SIG WANT" lines (CURVE 23, 24 or
# 25, BearSSL's ids for P-256, P-384, P-521; PUB the uncompressed point,
# HASH the digest, SIG the DER signature, all hex; WANT openssl's
# verdict) into OUT.  Keys come from `openssl genpkey`, messages of 1 to
# 300 random bytes are signed with `openssl dgst -SHA -sign` (SHA-1 to
# SHA-512, so hashes shorter and longer than n); then each signature is
# kept, or changed: a flipped bit in the message, r, s or the key, s
# replaced by n - s (valid too), r by r + n (out of range), another key.
# `openssl dgst -SHA -verify` gives every verdict.  Then
# test_ecdsa_vrfy OUT compares.
#
#   usage: tests/unit/ecdsa-diff.sh OUT [N]
set -eu
out=$1
n=${2:-150}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

CURVES=(prime256v1 secp384r1 secp521r1)
IDS=(23 24 25)
LENS=(32 48 66)
ORDERS=(
	ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551
	ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973
	01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409
)
SHAS=(sha1 sha224 sha256 sha384 sha512)

hex() { od -An -v -tx1 "$1" | tr -d ' \n'; }
unhex() { printf '%s' "$1" | sed 's/../\\x&/g' | xargs -0 printf '%b'; }

# flip HEX [FROM]: one random bit of HEX flipped, in byte FROM or later.
flip() {
	local h=$1 from=${2:-0} i b
	i=$((from + RANDOM % (${#h} / 2 - from)))
	b=$((16#${h:2*i:2} ^ (1 << (RANDOM % 8))))
	printf '%s%02x%s' "${h:0:2*i}" "$b" "${h:2*i+2}"
}

# arith A B OP: A + B or A - B (OP + or -), big-endian hex of A's
# length; the carry or borrow out dropped.
arith() {
	local a=$1 b=$2 op=$3 i c=0 v r=
	while [ ${#b} -lt ${#a} ]; do b=0$b; done
	for ((i = ${#a} / 2 - 1; i >= 0; i--)); do
		if [ "$op" = + ]; then
			v=$((16#${a:2*i:2} + 16#${b:2*i:2} + c))
			c=$((v >> 8))
		else
			v=$((16#${a:2*i:2} - 16#${b:2*i:2} - c))
			c=$((v < 0 ? 1 : 0))
		fi
		r=$(printf '%02x' $((v & 255)))$r
	done
	printf '%s' "$r"
}

# The DER signature SIG as "R S" (hex, each of the curve's length).
split_der() {
	local d=$1 len=$2 o=4 l r s
	[ "${d:2:2}" = 81 ] && o=6
	l=$((16#${d:o+2:2}))
	r=${d:o+4:2*l}
	o=$((o + 4 + 2 * l))
	l=$((16#${d:o+2:2}))
	s=${d:o+4:2*l}
	printf '%s %s' "$(fit "$r" "$len")" "$(fit "$s" "$len")"
}

# fit HEX LEN: HEX as exactly LEN bytes (leading zero bytes added or cut).
fit() {
	local h=$1
	while [ ${#h} -gt $((2 * $2)) ]; do h=${h:2}; done
	while [ ${#h} -lt $((2 * $2)) ]; do h=00$h; done
	printf '%s' "$h"
}

# int HEX: a DER INTEGER of the unsigned HEX (minimal, sign byte added).
int() {
	local h=$1
	while [ ${#h} -gt 2 ] && [ "${h:0:2}" = 00 ]; do h=${h:2}; done
	[ $((16#${h:0:1})) -ge 8 ] && h=00$h
	printf '02%02x%s' $((${#h} / 2)) "$h"
}

# der R S: the SEQUENCE of the two INTEGERs.
der() {
	local b
	b=$(int "$1")$(int "$2")
	if [ $((${#b} / 2)) -ge 128 ]; then
		printf '3081%02x%s' $((${#b} / 2)) "$b"
	else
		printf '30%02x%s' $((${#b} / 2)) "$b"
	fi
}

# verdict SPKIHEAD PUB SHA MSGFILE SIG: openssl's 1 or 0.
verdict() {
	unhex "$1$2" >"$T/pub.der"
	unhex "$5" >"$T/sig"
	if openssl pkey -pubin -inform DER -in "$T/pub.der" \
	    -out "$T/pub.pem" 2>/dev/null &&
	    openssl dgst "-$3" -verify "$T/pub.pem" -signature "$T/sig" \
	    "$4" >/dev/null 2>&1; then
		echo 1
	else
		echo 0
	fi
}

# key CURVE NAME: NAME.pem and NAME.pub (the point, hex), NAME.head (the
# SubjectPublicKeyInfo's bytes before the point, hex).
key() {
	local d
	openssl genpkey -algorithm EC -pkeyopt "ec_paramgen_curve:$1" \
	    -out "$T/$2.pem"
	openssl pkey -in "$T/$2.pem" -pubout -outform DER -out "$T/$2.der"
	d=$(hex "$T/$2.der")
	printf '%s' "${d: -$((2 * (1 + 2 * len)))}" >"$T/$2.pub"
	printf '%s' "${d:0:${#d}-2*(1+2*len)}" >"$T/$2.head"
}

: >"$out"
k=0
while [ "$k" -lt "$n" ]; do
	c=$((k % 3))
	len=${LENS[$c]}
	if [ $((k % 24)) -lt 3 ]; then
		key "${CURVES[$c]}" "key$c"
		key "${CURVES[$c]}" "other$c"
	fi
	sha=${SHAS[$((RANDOM % 5))]}
	openssl rand -out "$T/msg" $((RANDOM % 300 + 1))
	openssl dgst "-$sha" -sign "$T/key$c.pem" -out "$T/sig.der" "$T/msg"
	sig=$(hex "$T/sig.der")
	pub=$(cat "$T/key$c.pub")
	read -r r s <<<"$(split_der "$sig" "$len")"
	case $((k / 3 % 8)) in
	0 | 1) ;;
	2) unhex "$(flip "$(hex "$T/msg")")" >"$T/msg" ;;
	3) sig=$(der "$(flip "$r")" "$s") ;;
	4) sig=$(der "$r" "$(flip "$s")") ;;
	5) pub=$(flip "$pub" 1) ;;
	6)	# s and n - s both verify; r + n is out of range
		if [ $((RANDOM % 2)) -eq 0 ]; then
			sig=$(der "$r" "$(arith "${ORDERS[$c]}" "$s" -)")
		else
			sig=$(der "$(arith "00$r" "${ORDERS[$c]}" +)" "$s")
		fi
		;;
	7) pub=$(cat "$T/other$c.pub") ;;
	esac
	hash=$(openssl dgst "-$sha" -binary "$T/msg" | od -An -v -tx1 |
	    tr -d ' \n')
	printf '%s %s %s %s %s\n' "${IDS[$c]}" "$pub" "$hash" "$sig" \
	    "$(verdict "$(cat "$T/key$c.head")" "$pub" "$sha" "$T/msg" \
	    "$sig")" >>"$out"
	k=$((k + 1))
done
