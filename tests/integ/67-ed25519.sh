#!/bin/bash
# SPDX-License-Identifier: MIT
# Ed25519 against OpenSSL.  First the primitive: tests/unit/ed25519-diff.sh
# makes ED25519_DIFF_N cases (default 200: keys and signatures from the
# openssl CLI, many corrupted, small-order keys) with openssl's verdicts,
# and test_ed25519 (UNITDIR, else the unit/ directory beside CCHECK)
# must agree on every one.  Then chains as PEM targets, each judged by
# ccheck and by `openssl verify -auth_level 2 -purpose sslserver`, which
# must agree: Ed25519 root -> intermediate -> leaf, an RSA root over an
# Ed25519 leaf, an Ed25519 root over an RSA leaf, a flipped bit in an
# Ed25519 signature, a leaf signed by another Ed25519 key than its
# issuer's, and an Ed448 intermediate (named as unsupported: ccheck
# differs there on purpose).
. "$(dirname "$0")/../lib.sh"

UNIT=${UNITDIR:-$(dirname "$CCHECK")/unit}/test_ed25519
[ -x "$UNIT" ] || die "$UNIT not built (make $UNIT)"
N=${ED25519_DIFF_N:-200}
"$TESTS_DIR/unit/ed25519-diff.sh" "$T/cases" "$N" >"$T/gen.log" 2>&1 ||
    die "ed25519-diff.sh failed: $(tail -n 3 "$T/gen.log" | tr '\n' '|')"
if "$UNIT" "$T/cases" >"$T/diff.out" 2>&1; then
	ok "$N random Ed25519 verdicts agree with openssl"
else
	grep '^not ok' "$T/diff.out" | head -n 5 | while IFS= read -r l; do
		diag "$l"
	done
	notok "$N random Ed25519 verdicts agree with openssl" \
	    "$(grep -c '^not ok' "$T/diff.out") differ"
fi

# cert NAME KEYALG ISSUER|self EXT [CN]: NAME.pem and NAME.key in $T.
# Authorities live 60 days, leaves 30: the leaf's date is the chain's,
# however many seconds the key generation between them takes.
cat >"$T/ext.cnf" <<'EOF'
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost
EOF
cert() {
	local n=$1 alg=$2 iss=$3 ext=$4 cn=${5:-ccheck ed $1}
	case $alg in
	rsa) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 ;;
	*) openssl genpkey -algorithm "$alg" ;;
	esac >"$T/$n.key" 2>/dev/null || die "key $n"
	openssl req -new -key "$T/$n.key" -subj "/CN=$cn" \
	    -out "$T/$n.csr" || die "csr $n"
	if [ "$iss" = self ]; then
		set -- -signkey "$T/$n.key"
	else
		set -- -CA "$T/$iss.pem" -CAkey "$T/$iss.key" -CAcreateserial \
		    -CAserial "$T/serial"
	fi
	openssl x509 -req -in "$T/$n.csr" -days "$([ "$ext" = ca ] && echo 60 || echo 30)" -extfile "$T/ext.cnf" \
	    -extensions "$ext" -out "$T/$n.pem" "$@" 2>/dev/null ||
	    die "cert $n"
}
cert edroot ed25519 self ca
cert edint ed25519 edroot ca
cert edleaf ed25519 edint leaf
cert rsaroot rsa self ca
cert edleaf2 ed25519 rsaroot leaf
cert rsaleaf rsa edroot leaf
# A second key named like edint, and a leaf it signs: a forgery in
# edint's name.
cert fakeint ed25519 edroot ca "ccheck ed edint"
cert forged ed25519 fakeint leaf
cert ed448int ed448 edroot ca
cert ed448leaf ed25519 ed448int leaf

# edleaf with one bit of its signature flipped (the last byte).
openssl x509 -in "$T/edleaf.pem" -outform DER -out "$T/edleaf.der"
len=$(wc -c <"$T/edleaf.der")
{
	head -c $((len - 1)) "$T/edleaf.der"
	tail -c 1 "$T/edleaf.der" | od -An -tu1 |
	    awk '{ printf "%c", ($1 + 0) == 0 ? 1 : 0 }'
} >"$T/flipped.der"
openssl x509 -inform DER -in "$T/flipped.der" -out "$T/flipped.pem" ||
    die "flipped leaf"

# chain_case DESC ROOT LEAF [INTERMEDIATE]: ccheck agrees with openssl.
chain_case() {
	local desc=$1 root=$2 leaf=$3 int=${4:-} want=2 chain=$T/$1.chain
	set -- -no-CApath -no-CAstore -auth_level 2 -purpose sslserver \
	    -CAfile "$T/$root.pem"
	cat "$T/$leaf.pem" >"$chain"
	if [ -n "$int" ]; then
		set -- "$@" -untrusted "$T/$int.pem"
		cat "$T/$int.pem" >>"$chain"
	fi
	if openssl verify "$@" "$T/$leaf.pem" >/dev/null 2>&1; then
		want=0
	fi
	if [ "$want" = 0 ]; then
		check_run "$desc (openssl: ok)" 0 \
		    out~="$(re_quote "$chain: ok, expires in ")(29|30) days" \
		    -- "$CCHECK" -r "$T/$root.pem" "$chain"
	else
		check_run "$desc (openssl: refused)" 2 \
		    err~="$(re_quote "$chain: x509: ").*" \
		    -- "$CCHECK" -r "$T/$root.pem" "$chain"
	fi
}
chain_case ed-chain edroot edleaf edint
chain_case rsa-root-ed-leaf rsaroot edleaf2
chain_case ed-root-rsa-leaf edroot rsaleaf
chain_case ed-flipped-sig edroot flipped edint
chain_case ed-forged edroot forged edint
chain_case ed-wrong-root rsaroot edleaf edint

# openssl accepts Ed448; ccheck names it (the leaf's signature first).
F=$T/ed448.chain
cat "$T/ed448leaf.pem" "$T/ed448int.pem" >"$F"
check_run "Ed448 intermediate: named as unsupported" 2 \
    err="$F: x509: unsupported signature algorithm Ed448" \
    -- "$CCHECK" -r "$T/edroot.pem" "$F"

finish
