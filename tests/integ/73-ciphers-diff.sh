#!/bin/bash
# SPDX-License-Identifier: MIT
# Differential test of ssl_ciphers strings against OpenSSL itself: for
# every string of tests/unit/data/cipher-strings.txt (PostgreSQL's
# default, Mozilla's and other published profiles, typos, stray
# characters, each prefix and @command) and of the generated ones below
# (every alias word and every suite name alone, removed with "-" and
# "!", joined with "+"), `openssl ciphers` gives the TLS 1.2-and-below
# suites it selects (or "error"), and test_ciphers (UNITDIR, else the
# unit/ directory beside CCHECK) must select the same stock suites.
. "$(dirname "$0")/../lib.sh"

UNIT=${UNITDIR:-$(dirname "$CCHECK")/unit}/test_ciphers
[ -x "$UNIT" ] || die "$UNIT not built (make $UNIT)"
command -v openssl >/dev/null || die "no openssl"
diag "oracle: $(openssl version)"

ALIASES="ALL COMPLEMENTOFALL COMPLEMENTOFDEFAULT kRSA kEDH kDHE DH kEECDH
kECDHE ECDH kPSK kRSAPSK kECDHEPSK kDHEPSK kSRP aRSA aDSS DSS aNULL aECDSA
ECDSA aPSK aSRP EDH DHE EECDH ECDHE NULL RSA ADH AECDH PSK SRP 3DES RC4
IDEA SEED eNULL AES128 AES256 AES AESGCM AESCCM AESCCM8 CAMELLIA128
CAMELLIA256 CAMELLIA CHACHA20 ARIA ARIAGCM ARIA128 ARIA256 CBC MD5 SHA1 SHA
SHA256 SHA384 SSLv3 TLSv1 TLSv1.0 TLSv1.2 LOW MEDIUM HIGH FIPS
EDH-DSS-DES-CBC3-SHA EDH-RSA-DES-CBC3-SHA kGOST aGOST GOST89 RC2 DES EXPORT
DEFAULT UNKNOWNWORD"
{
	cat "$TESTS_DIR/unit/data/cipher-strings.txt"
	for a in $ALIASES; do
		printf '%s\n' "$a" "ALL:COMPLEMENTOFALL:!$a" "ALL:-$a" \
		    "ALL:-$a:$a" "ALL:!$a:$a" "HIGH+$a" "$a+HIGH" "$a+SHA1" \
		    "kECDHE+$a" "$a+COMPLEMENTOFDEFAULT" "$a+TLSv1"
	done
	openssl ciphers 'ALL:COMPLEMENTOFALL' | tr ':' '\n' | grep -v '^TLS_' |
	    while IFS= read -r s; do
		printf '%s\n' "$s" "ALL:!$s" "$s+HIGH" "$s+SHA256"
	done
} >"$T/strings"

# One case per line: STRING<TAB>sorted names, or STRING<TAB>error.
while IFS= read -r s; do
	if out=$(openssl ciphers -- "$s" 2>/dev/null); then
		got=$(printf '%s\n' "$out" | tr ':' '\n' | grep -v '^TLS_' |
		    sort | paste -sd: -)
	else
		got=error
	fi
	printf '%s\t%s\n' "$s" "$got"
done <"$T/strings" >"$T/cases"
N=$(wc -l <"$T/cases")

if "$UNIT" "$T/cases" >"$T/diff.out" 2>&1; then
	ok "$N cipher strings: the suites selected agree with openssl ciphers"
else
	grep '^not ok' "$T/diff.out" | head -n 8 | while IFS= read -r l; do
		diag "${l:0:400}"
	done
	notok "$N cipher strings: the suites selected agree with openssl ciphers" \
	    "$(grep -c '^not ok' "$T/diff.out") differ"
fi
finish
