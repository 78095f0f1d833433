#!/bin/bash
# SPDX-License-Identifier: MIT
# ECDSA verification (ecdsa_vrfy.c) against OpenSSL:
# tests/unit/ecdsa-diff.sh makes ECDSA_DIFF_N cases (default 120: P-256,
# P-384 and P-521 keys from the openssl CLI, signatures from `openssl
# dgst -sign` over SHA-1 to SHA-512, many changed) with openssl's
# verdicts, and test_ecdsa_vrfy (UNITDIR, else the unit/ directory
# beside CCHECK) must agree on every one.
. "$(dirname "$0")/../lib.sh"

UNIT=${UNITDIR:-$(dirname "$CCHECK")/unit}/test_ecdsa_vrfy
[ -x "$UNIT" ] || die "$UNIT not built (make $UNIT)"
N=${ECDSA_DIFF_N:-120}
"$TESTS_DIR/unit/ecdsa-diff.sh" "$T/cases" "$N" >"$T/gen.log" 2>&1 ||
    die "ecdsa-diff.sh failed: $(tail -n 3 "$T/gen.log" | tr '\n' '|')"
if "$UNIT" "$T/cases" >"$T/diff.out" 2>&1; then
	ok "$N random ECDSA verdicts agree with openssl ($(awk \
	    '$5 == 1' "$T/cases" | wc -l) valid)"
else
	grep '^not ok' "$T/diff.out" | head -n 5 | while IFS= read -r l; do
		diag "$l"
	done
	notok "$N random ECDSA verdicts agree with openssl" \
	    "$(grep -c '^not ok' "$T/diff.out") differ"
fi
finish
