#!/bin/bash
# SPDX-License-Identifier: MIT
# x25519.c in constant time: tests/ct/ct_x25519.c (built by make check
# into build/ct, or CT_X25519) runs X25519 mul and mulgen under valgrind
# memcheck with the scalar marked undefined, and memcheck must report
# nothing: no branch and no memory address may depend on the key.  The
# control run branches on the scalar on purpose and must be caught, or
# the check itself is blind.  Skipped only when valgrind is not installed.
. "$(dirname "$0")/../lib.sh"

CT=${CT_X25519:-$TESTS_DIR/../build/ct/ct_x25519}
if ! command -v valgrind >/dev/null 2>&1; then
	ok "X25519 mul and mulgen constant-time # SKIP valgrind is not installed"
	finish
fi
[ -x "$CT" ] || die "$CT not built (make build/ct/ct_x25519)"
VG="valgrind -q --error-exitcode=99"

$VG "$CT" >"$T/out" 2>&1
rc=$?
if [ "$rc" -eq 0 ] && [ "$(grep -c '^ok - ' "$T/out")" -eq 24 ]; then
	ok "X25519 mul and mulgen: memcheck sees no use of the secret scalar"
else
	diag "$(head -n 20 "$T/out")"
	notok "X25519 mul and mulgen: memcheck sees no use of the secret scalar" \
	    "exit $rc, $(grep -c '^==' "$T/out") memcheck lines"
fi

$VG "$CT" control >"$T/out" 2>&1
rc=$?
if [ "$rc" -eq 99 ] && grep -q 'depends on uninitialised' "$T/out"; then
	ok "a branch on the scalar (control run) is caught"
else
	notok "a branch on the scalar (control run) is caught" "exit $rc"
fi
finish
