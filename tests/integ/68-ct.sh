#!/bin/bash
# SPDX-License-Identifier: MIT
# The key exchange in constant time: tests/ct/ct_ec_p256.c and
# tests/ct/ct_x25519.c (built by make check into build/ct, or CT_DIR) run
# P-256's and X25519's mul and mulgen under valgrind memcheck with the
# scalar marked undefined, and memcheck must report nothing: no branch
# and no memory address may depend on the key.  Each control run branches
# on the scalar on purpose and must be caught, or the check itself is
# blind.  Skipped only when valgrind is not installed.
. "$(dirname "$0")/../lib.sh"

DIR=${CT_DIR:-$TESTS_DIR/../build/ct}
VG="valgrind -q --error-exitcode=99"

# ct_check NAME BINARY CHECKS: the run (CHECKS ok lines) and its control.
ct_check() {
	local name=$1 bin=$DIR/$2 checks=$3 rc
	if ! command -v valgrind >/dev/null 2>&1; then
		ok "$name mul and mulgen constant-time # SKIP valgrind is not installed"
		return
	fi
	[ -x "$bin" ] || die "$bin not built (make build/ct/$2)"
	$VG "$bin" >"$T/out" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ] && [ "$(grep -c '^ok - ' "$T/out")" -eq "$checks" ]; then
		ok "$name mul and mulgen: memcheck sees no use of the secret scalar"
	else
		diag "$(head -n 20 "$T/out")"
		notok "$name mul and mulgen: memcheck sees no use of the secret scalar" \
		    "exit $rc, $(grep -c '^==' "$T/out") memcheck lines"
	fi
	$VG "$bin" control >"$T/out" 2>&1
	rc=$?
	if [ "$rc" -eq 99 ] && grep -q 'depends on uninitialised' "$T/out"; then
		ok "$name: a branch on the scalar (control run) is caught"
	else
		notok "$name: a branch on the scalar (control run) is caught" "exit $rc"
	fi
}

ct_check P-256 ct_ec_p256 16
ct_check X25519 ct_x25519 24
finish
