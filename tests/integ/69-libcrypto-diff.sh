#!/bin/bash
# SPDX-License-Identifier: MIT
# The public-key fast paths against OpenSSL's libcrypto:
# tests/crypto/libcrypto_diff.c (built by make check into build/host/crypto,
# or LIBCRYPTO_DIFF) compares rsa_pub, ec_p256's mul and mulgen,
# ecdsa_vrfy on P-256, P-384 and P-521 and x25519's mul and mulgen (one
# operation) with libcrypto on LIBCRYPTO_DIFF_N random cases per
# operation (default 2,000 here; make check-crypto runs a million).  Each
# operation is one check.
. "$(dirname "$0")/../lib.sh"

BIN=${LIBCRYPTO_DIFF:-$TESTS_DIR/../build/host/crypto/test_libcrypto}
[ -x "$BIN" ] || die "$BIN not built (make build/host/crypto/test_libcrypto)"
LIBCRYPTO_DIFF_N=${LIBCRYPTO_DIFF_N:-2000} "$BIN" >"$T/out" 2>"$T/err"
rc=$?
ops=0
while IFS= read -r l; do
	case $l in
	"ok - "*) ok "${l#ok - *: }"; ops=$((ops + 1)) ;;
	"not ok - "*) notok "${l#not ok - *: }" "see the log"; ops=$((ops + 1)) ;;
	esac
done <"$T/out"
diag "$(head -n 20 "$T/err")"
[ "$ops" -eq 7 ] || notok "seven operations compared" "$ops reported, exit $rc"
[ "$rc" -eq 0 ] || [ "$N_FAIL" -gt 0 ] || notok "exit status" "$rc"
finish
