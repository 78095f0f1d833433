#!/bin/bash
# SPDX-License-Identifier: MIT
# The differential test of ed25519_verify against the openssl CLI:
# writes N cases (default 200) as "PUB MSG SIG WANT" lines (hex; MSG "-"
# when empty; WANT openssl's verdict) into OUT.  Keys come from
# `openssl genpkey -algorithm ed25519`, messages of 1 to 2000 random
# bytes are signed with `openssl pkeyutl -sign -rawin`; then each
# signature is kept, or corrupted: a flipped bit in the message, R, S or
# the key, S + L (the same equation, S out of range), the top bits of S
# set, a random key, and the eight points of small order as keys.
# `openssl pkeyutl -verify -rawin` gives every verdict.  Then
# test_ed25519 OUT compares.
#
#   usage: tests/unit/ed25519-diff.sh OUT [N]
set -eu
out=$1
n=${2:-200}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# The order L and the small-order points (canonical encodings).
L=edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010
SMALL=(
	0100000000000000000000000000000000000000000000000000000000000000
	ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f
	0000000000000000000000000000000000000000000000000000000000000000
	0000000000000000000000000000000000000000000000000000000000000080
	c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a
	c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa
	26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05
	26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85
)
B=5866666666666666666666666666666666666666666666666666666666666666

hex() { od -An -v -tx1 "$1" | tr -d ' \n'; }
unhex() { printf '%s' "$1" | sed 's/../\\x&/g' | xargs -0 printf '%b'; }

# flip HEX: one random bit of HEX flipped.
flip() {
	local h=$1 i b
	i=$((RANDOM % (${#h} / 2)))
	b=$((16#${h:2*i:2} ^ (1 << (RANDOM % 8))))
	printf '%s%02x%s' "${h:0:2*i}" "$b" "${h:2*i+2}"
}

# add_l S: S + L, little-endian, 32 bytes (the carry out dropped).
add_l() {
	local s=$1 i c=0 v r=
	for ((i = 0; i < 32; i++)); do
		v=$((16#${s:2*i:2} + 16#${L:2*i:2} + c))
		r+=$(printf '%02x' $((v & 255)))
		c=$((v >> 8))
	done
	printf '%s' "$r"
}

# verdict PUB MSGFILE SIG: openssl's 1 or 0.
verdict() {
	unhex "302a300506032b6570032100$1" >"$T/pub.der"
	unhex "$3" >"$T/sig"
	if openssl pkey -pubin -inform DER -in "$T/pub.der" \
	    -out "$T/pub.pem" 2>/dev/null &&
	    openssl pkeyutl -verify -pubin -inkey "$T/pub.pem" -rawin \
	    -in "$2" -sigfile "$T/sig" >/dev/null 2>&1; then
		echo 1
	else
		echo 0
	fi
}

: >"$out"
k=0
while [ "$k" -lt "$n" ]; do
	if [ $((k % 10)) -eq 0 ]; then
		openssl genpkey -algorithm ed25519 -out "$T/key.pem"
		openssl pkey -in "$T/key.pem" -pubout -outform DER \
		    -out "$T/pub.der"
		pub=$(hex "$T/pub.der")
		pub=${pub:24}
	fi
	# openssl pkeyutl cannot read an empty message: 1 byte at least.
	len=$((RANDOM % 4 == 0 ? RANDOM % 2000 + 1 : RANDOM % 64 + 1))
	openssl rand -out "$T/msg" "$len"
	openssl pkeyutl -sign -inkey "$T/key.pem" -rawin -in "$T/msg" \
	    -out "$T/sig.bin"
	sig=$(hex "$T/sig.bin")
	msg=$(hex "$T/msg")
	p=$pub
	case $((k % 10)) in
	0 | 1) ;;
	2) msg=$(flip "$msg") ;;
	3) sig=$(flip "${sig:0:64}")${sig:64} ;;
	4) sig=${sig:0:64}$(flip "${sig:64}") ;;
	5) p=$(flip "$p") ;;
	6) sig=${sig:0:64}$(add_l "${sig:64}") ;;
	7) sig=${sig:0:126}$(printf '%02x' $((16#${sig:126} | 0xe0))) ;;
	8) p=$(openssl rand -hex 32) ;;
	9)	# a small-order key; R = B, S = 1 verifies when [k]A = 0
		p=${SMALL[$((k / 10 % 8))]}
		sig=${B}01$(printf '%062d' 0)
		;;
	esac
	unhex "$msg" >"$T/msg"
	printf '%s %s %s %s\n' "$p" "$msg" "$sig" \
	    "$(verdict "$p" "$T/msg" "$sig")" >>"$out"
	k=$((k + 1))
done
