#!/bin/bash
# SPDX-License-Identifier: MIT
# Every output says when verification was weaker than verify-full: for
# each way to weaken it (--skip-verify, sslmode=require/prefer/verify-ca
# in a connection string or PGSSLMODE, require with a root file, --pin
# alone and with a weak mode) and for verify-full (no note), against a
# real PostgreSQL: text, TAP, JSON's "verification", --quiet with a
# failing threshold, --show-expired, the chain verdict and --ready; then
# --expect-cert (a note), failures of the checks themselves and a refused
# connection (no note; JSON names the mode, or null when no chain was
# judged).
. "$(dirname "$0")/../lib.sh"
pki_make
start_pg "$PKI/leaf-ec.chain.pem" "$PKI/leaf-ec.key"
P=$PG_PORT
# No ~/.postgresql and no PG* from the caller.
export HOME=$T/home
mkdir -p "$HOME"
unset PGHOST PGHOSTADDR PGPORT PGSSLMODE PGSSLROOTCERT PGSSLCERT PGSSLKEY \
    PGSSLSNI PGSSLNEGOTIATION PGUSER PGDATABASE PGPASSWORD
L=localhost:$P
KV="host=localhost port=$P"
PIN=$(pki_pin "$PKI/leaf-ec.pem")
NOT_VERIFIED="not verified"
CHAIN_ONLY="chain verified, name not checked"
PIN_ONLY="pinned key, name not checked"

# mode NAME: sets SPEC, CMD (the command before the SPEC), NOTE (what the
# text formats add) and JV (JSON's "verification").  A wrong root or no
# root at all shows that the weak modes really skip the chain.
mode() {
	NOTE=
	case $1 in
	full)
		SPEC=$L CMD=("$CCHECK" -P -r "$ROOT") JV=full ;;
	full-kv-beats-flag)
		SPEC="$KV sslmode=verify-full sslrootcert=$ROOT"
		CMD=("$CCHECK" -s) JV=full ;;
	skip)
		SPEC=$L CMD=("$CCHECK" -P -s -r "$OTHER_ROOT") JV=none
		NOTE=" ($NOT_VERIFIED: --skip-verify)" ;;
	require-kv)
		SPEC="$KV sslmode=require" CMD=("$CCHECK" -r "$OTHER_ROOT")
		JV=none NOTE=" ($NOT_VERIFIED: sslmode=require)" ;;
	prefer-kv)
		SPEC="$KV sslmode=prefer" CMD=("$CCHECK" -r "$OTHER_ROOT")
		JV=none NOTE=" ($NOT_VERIFIED: sslmode=require)" ;;
	require-env)
		SPEC=$L
		CMD=(env PGSSLMODE=require "$CCHECK" -P -r "$OTHER_ROOT")
		JV=none NOTE=" ($NOT_VERIFIED: sslmode=require)" ;;
	verify-ca-kv)
		SPEC="$KV sslmode=verify-ca sslrootcert=$ROOT"
		CMD=("$CCHECK") JV=chain
		NOTE=" ($CHAIN_ONLY: sslmode=verify-ca)" ;;
	require-root-kv)
		SPEC="$KV sslmode=require sslrootcert=$ROOT"
		CMD=("$CCHECK") JV=chain
		NOTE=" ($CHAIN_ONLY: sslmode=verify-ca)" ;;
	verify-ca-env)
		SPEC=$L
		CMD=(env PGSSLMODE=verify-ca PGSSLROOTCERT="$ROOT" "$CCHECK" -P)
		JV=chain NOTE=" ($CHAIN_ONLY: sslmode=verify-ca)" ;;
	pin)
		SPEC=$L CMD=("$CCHECK" -P --pin "$PIN") JV=pinned
		NOTE=" (pinned key)" ;;
	pin-verify-ca)
		SPEC="$KV sslmode=verify-ca sslrootcert=$OTHER_ROOT"
		CMD=("$CCHECK" --pin "$PIN") JV=pinned-no-name
		NOTE=" ($PIN_ONLY: sslmode=verify-ca)" ;;
	pin-skip)
		SPEC=$L CMD=("$CCHECK" -P -s --pin "$PIN") JV=pinned-no-name
		NOTE=" ($PIN_ONLY: --skip-verify)" ;;
	*) die "mode $1" ;;
	esac
}

# with_chain: CMD's words, one a line, with "chain" after the binary.
with_chain() {
	local w
	for w in "${CMD[@]}"; do
		printf '%s\n' "$w"
		[ "$w" = "$CCHECK" ] && printf 'chain\n'
	done
}

MODES=(full full-kv-beats-flag skip require-kv prefer-kv require-env
    verify-ca-kv require-root-kv verify-ca-env pin pin-verify-ca pin-skip)
for m in "${MODES[@]}"; do
	mode "$m"
	check_run "$m: text" 0 out="$SPEC: ok, expires in 100 days$NOTE" \
	    -- "${CMD[@]}" "$SPEC"
	check_run "$m: tap" 0 out="TAP version 13
ok 1 - $SPEC expires in 100 days$NOTE (took X secs)
1..1" -- "${CMD[@]}" -t "$SPEC"
	check_run "$m: json" 0 \
	    out~="\[.\{\"spec\":\"$(re_quote "$SPEC")\",\"protocol\":\"postgres\",\"pg_negotiation\":\"postgres\",\"ok\":true,\"error\":null,\"verification\":\"$JV\",\"days_left\":100,.*\}.\]" \
	    -- "${CMD[@]}" -j "$SPEC"
	check_run "$m: --quiet, threshold fails" 2 \
	    err="$SPEC: expires in 100 days$NOTE" \
	    -- "${CMD[@]}" -q -m 200 "$SPEC"
	check_run "$m: --show-expired" 0 out="$SPEC" \
	    err="$SPEC: expires in 100 days$NOTE" \
	    -- "${CMD[@]}" --show-expired -m 200 "$SPEC"
	mapfile -t CH < <(with_chain)
	if [ -n "$NOTE" ]; then
		verdict="  passed: expires in 100 days$NOTE"
	else
		verdict="  verified: expires in 100 days"
	fi
	check_run "$m: chain verdict" 0 out~=".*
$(re_quote "$verdict")" -- "${CH[@]}" "$SPEC"
done

# --ready: the note inside pg_isready's parenthesis.
for m in full skip require-kv verify-ca-kv pin; do
	mode "$m"
	check_run "$m: --ready" 0 \
	    out="$SPEC - accepting connections (certificate ok, expires in 100 days${NOTE:+; ${NOTE:2:-1}})" \
	    -- "${CMD[@]}" --ready --user postgres "$SPEC"
done

# A failing chain verdict: the weak mode's reason carries the note too.
mode skip
check_run "skip: chain, threshold fails" 2 \
    out~=".*
$(re_quote "  failed: expires in 100 days$NOTE")" \
    -- "$CCHECK" chain -P -s -m 200 -r "$OTHER_ROOT" "$SPEC"
# --expect-cert fails after the checks passed: the note stays.
mode require-kv
check_run "require-kv: --expect-cert mismatch" 2 \
    err="$SPEC: server is serving a different certificate than $PKI/leaf-rsa.pem (serial 1002, not 1004): reload the server?$NOTE" \
    -- "${CMD[@]}" --expect-cert "$PKI/leaf-rsa.pem" "$SPEC"
# A failure of the checks themselves says what failed, with no note
# ("chain verified" next to "unknown authority" would be false); JSON
# still names the mode applied.
mode verify-ca-kv
SPEC="$KV sslmode=verify-ca sslrootcert=$OTHER_ROOT"
check_run "verify-ca-kv: unknown CA, no note" 2 \
    err="$SPEC: x509: certificate signed by unknown authority" \
    -- "${CMD[@]}" "$SPEC"
check_run "verify-ca-kv: unknown CA, json chain" 2 \
    out~=".*\"ok\":false,\"error\":\"x509: certificate signed by unknown authority\",\"verification\":\"chain\",.*" \
    -- "${CMD[@]}" -j "$SPEC"
F=$PKI/expired.chain.pem
E="x509: certificate has expired: current time NOW is after $(rfc3339 "${NOT_AFTER[expired]}")"
check_run "skip: expired PEM file, text, no note" 2 err="$F: $E" \
    -- "$CCHECK" -s -r "$ROOT" "$F"
check_run "skip: expired PEM file, tap, no note" 2 out="TAP version 13
not ok 1 - $F $E
1..1" -- "$CCHECK" -s -t -r "$ROOT" "$F"
check_run "skip: expired PEM file, json none" 2 \
    out~=".*\"ok\":false,\"error\":\"$(re_quote "$E")\",\"verification\":\"none\",.*" \
    -- "$CCHECK" -s -j -r "$ROOT" "$F"
check_run "skip: expired PEM file, chain verdict" 2 \
    out~=".*
$(re_quote "  verification failed: $E")" -- "$CCHECK" chain -s -r "$ROOT" "$F"
# No chain judged: no note, and null in JSON.
C=$(free_port) || die "no free port"
check_run "skip: refused, no note" 2 err="127.0.0.1:$C: connection refused" \
    -- "$CCHECK" -P -s "127.0.0.1:$C"
check_run "skip: refused, json verification null" 2 \
    out~=".*\"error\":\"connection refused\",\"verification\":null,.*" \
    -- "$CCHECK" -P -s -j "127.0.0.1:$C"
# Two SPECs of one run, one weakened by its connection string.
check_run "mixed run: only the weak SPEC has a note" 0 \
    out="$L: ok, expires in 100 days
$KV sslmode=require: ok, expires in 100 days ($NOT_VERIFIED: sslmode=require)" \
    -- "$CCHECK" -P -r "$ROOT" "$L" "$KV sslmode=require"

finish
