#!/bin/bash
# SPDX-License-Identifier: MIT
# Many targets: --input-file (comments, blanks, CRLF, stdin, command line
# first), --num-workers (results in input order under concurrency, TAP
# numbering too, one timeout of wall time rather than the sum), and
# --show-expired (exactly the SPECs that need attention on stdout, other
# failures on stderr).  Usage errors for each.
. "$(dirname "$0")/../lib.sh"
pki_make
start_s_server ec "$PKI/leaf-ec.pem" "$PKI/leaf-ec.key" "$PKI/int.pem"
S=$PORT
start_silent_server
Q=$PORT
C=$(free_port) || die "no free port"
OK=localhost:$S
SOON=$PKI/soon.chain.pem
EXP=$PKI/expired.chain.pem
UNK=$PKI/unknownca.chain.pem
ISHORT=$PKI/leaf-intshort.chain.pem
REF=127.0.0.1:$C
SIL=127.0.0.1:$Q
U="(see ccheck --help)"

# ---- input files --------------------------------------------------------------

# Comments (whole-line and trailing), blank and white-space-only lines,
# leading/trailing blanks, a CRLF line and a last line without a newline.
L=$T/list
printf '%s\n' "# a comment" "" "   " "$OK   # trailing comment" \
    "	$SOON	" >"$L"
printf '%s\r\n' "$REF" >>"$L"
printf '%s' "$EXP" >>"$L"
want_l="TAP version 13
ok 1 - $OK expires in 100 days (took X secs)
ok 2 - $SOON expires in 20 days (took X secs)
not ok 3 - $REF connection refused
not ok 4 - $EXP x509: certificate has expired: current time NOW is after $(rfc3339 "${NOT_AFTER[expired]}")
1..4"
check_run "input file: comments, blanks, CRLF, no final newline" 2 \
    out="$want_l" -- "$CCHECK" -t -r "$ROOT" -i "$L"
check_run "--input-file long form" 2 out="$want_l" \
    -- "$CCHECK" -t -r "$ROOT" --input-file "$L"
check_run "-i - reads stdin" 2 out="$want_l" \
    -- sh -c '"$1" -t -r "$2" -i - <"$3"' sh "$CCHECK" "$ROOT" "$L"
check_run "-i - from a pipe" 2 out="$want_l" \
    -- sh -c 'cat "$3" | "$1" -t -r "$2" -i -' sh "$CCHECK" "$ROOT" "$L"
# Command-line SPECs come first, whichever side of -i they are on.
check_run "command line first, then the file" 2 out="TAP version 13
ok 1 - $PKI/leaf-ec.chain.pem expires in 100 days (took X secs)
ok 2 - $OK expires in 100 days (took X secs)
ok 3 - $SOON expires in 20 days (took X secs)
not ok 4 - $REF connection refused
not ok 5 - $EXP x509: certificate has expired: current time NOW is after $(rfc3339 "${NOT_AFTER[expired]}")
1..5" -- "$CCHECK" -t -r "$ROOT" -i "$L" "$PKI/leaf-ec.chain.pem"
# A file holding only passing SPECs: exit 0, text output in order.
printf '%s\n' "$SOON" "$OK" >"$T/good"
check_run "all pass from a file" 0 out="$SOON: ok, expires in 20 days
$OK: ok, expires in 100 days" -- "$CCHECK" -r "$ROOT" -i "$T/good"

# Usage errors: exit 1, nothing on stdout, one reason on stderr.
check_run "missing input file" 1 \
    err="ccheck: --input-file $T/nope: No such file or directory" \
    -- "$CCHECK" -i "$T/nope" "$OK"
check_run "missing input file, with --json" 1 \
    err="ccheck: --input-file $T/nope: No such file or directory" \
    -- "$CCHECK" -j -i "$T/nope"
check_run "input file is a directory" 1 \
    err="ccheck: --input-file $T: Is a directory" -- "$CCHECK" -i "$T"
: >"$T/empty"
check_run "empty input file, no SPEC" 1 \
    err~="ccheck: no SPEC given.*" -- "$CCHECK" -i "$T/empty"
printf '# nothing\n\n  \n' >"$T/comments"
check_run "comments-only input file" 1 \
    err~="ccheck: no SPEC given.*" -- "$CCHECK" -i "$T/comments"
check_run "-i - with empty stdin" 1 err~="ccheck: no SPEC given.*" \
    -- "$CCHECK" -i -

# A line that is no SPEC fails in its place (the file is read as the run
# goes, so earlier SPECs may have been probed): exit 2, the others go on.
python3 -c 'import sys; print("a" * 5000)' >"$T/long"
echo "$REF" >>"$T/long"
check_run "over-long line: a failure in its place" 2 \
    err="$T/long:1: input line longer than 4096 bytes
$REF: connection refused" -- "$CCHECK" -i "$T/long"
check_run "over-long line, TAP" 2 out="TAP version 13
not ok 1 - $T/long:1 input line longer than 4096 bytes
not ok 2 - $REF connection refused
1..2" -- "$CCHECK" -t -i "$T/long"
printf '%s\nbad\0spec\n%s\n' "$OK" "$REF" >"$T/nul"
check_run "NUL byte: a failure, the rest not read" 2 \
    out="$OK: ok, expires in 100 days" \
    err="$T/nul:2: input line holds a NUL byte: the rest of the input is not read" \
    -- "$CCHECK" -r "$ROOT" -i "$T/nul"
printf '%s\nx:0\n%s\n' "$REF" "$REF" >"$T/badspec"
check_run "invalid SPEC line: a failure in its place" 2 \
    err="$REF: connection refused
x:0: invalid spec: invalid port
$REF: connection refused" -- "$CCHECK" -i "$T/badspec"
check_run "invalid SPEC on the command line: usage, nothing probed" 1 \
    err="ccheck: invalid spec \"x:0\": invalid port $U" \
    -- "$CCHECK" -i "$T/badspec" x:0
check_run "stdin: the line is named stdin:N" 2 \
    err="$REF: connection refused
x:0: invalid spec: invalid port
$REF: connection refused
stdin:4: input line longer than 4096 bytes
$REF: connection refused" \
    -- sh -c 'cat "$1" "$2" | "$3" -i -' sh "$T/badspec" "$T/long" "$CCHECK"
check_run "-i without a value" 1 \
    err="ccheck: option -i needs a value $U" -- "$CCHECK" -i
check_run "--input-file without a value" 1 \
    err="ccheck: option --input-file needs a value $U" \
    -- "$CCHECK" --input-file

# ---- --num-workers: input order under concurrency -----------------------------

# Two silent servers (first and third) and fast SPECs around them: with
# -n 8 the fast results finish first but print after the silent ones, in
# input order, and the run takes one timeout, not two.
printf '%s\n' "$SIL" "$OK" "$SIL" "$SOON" "$REF" "$EXP" "$OK" >"$T/conc"
want_c="TAP version 13
not ok 1 - $SIL timed out: after 2000 ms during TLS handshake
ok 2 - $OK expires in 100 days (took X secs)
not ok 3 - $SIL timed out: after 2000 ms during TLS handshake
ok 4 - $SOON expires in 20 days (took X secs)
not ok 5 - $REF connection refused
not ok 6 - $EXP x509: certificate has expired: current time NOW is after $(rfc3339 "${NOT_AFTER[expired]}")
ok 7 - $OK expires in 100 days (took X secs)
1..7"
check_run "-n 8: input order, TAP numbering, one timeout of wall time" 2 \
    out="$want_c" maxms=3800 \
    -- "$CCHECK" -t -n 8 --timeout 2 -r "$ROOT" -i "$T/conc"
want_c1=${want_c//2000 ms/1000 ms}
if [ "$LAST_MS" -ge 1900 ]; then
	ok "-n 8 waited for the silent servers (${LAST_MS} ms)"
else
	notok "-n 8 waited for the silent servers" "took only $LAST_MS ms"
fi
check_run "--num-workers 2: the same output" 2 out="$want_c1" maxms=1900 \
    -- "$CCHECK" -t --num-workers 2 --timeout 1 -r "$ROOT" -i "$T/conc"
# -n 1 (the default) does one at a time: the two timeouts add up.
check_run "default -n 1: same output, serial" 2 out="$want_c1" \
    -- "$CCHECK" -t --timeout 1 -r "$ROOT" -i "$T/conc"
if [ "$LAST_MS" -ge 1950 ]; then
	ok "-n 1 is serial (${LAST_MS} ms for two timeouts)"
else
	notok "-n 1 is serial" "two 1 s timeouts took only $LAST_MS ms"
fi
# Text output under concurrency: passes on stdout, failures on stderr,
# each stream in input order.  Under valgrind (check-valgrind) every
# handshake is many times slower: the deadline grows, or a good server's
# turn in the loop comes after it.
TO=1
[ -z "${CCHECK_WRAP:-}" ] || TO=5
check_run "-n 8 text: each stream in input order" 2 \
    out="$OK: ok, expires in 100 days
$SOON: ok, expires in 20 days
$OK: ok, expires in 100 days" \
    err="$SIL: timed out: after ${TO}000 ms during TLS handshake
$SIL: timed out: after ${TO}000 ms during TLS handshake
$REF: connection refused
$EXP: x509: certificate has expired: current time NOW is after $(rfc3339 "${NOT_AFTER[expired]}")" \
    maxms=1900 -- "$CCHECK" -n 8 --timeout "$TO" -r "$ROOT" -i "$T/conc"

# Many SPECs, fewer workers than SPECs: 60 lines, -n 7, numbering 1..60.
: >"$T/many"
want_m="TAP version 13"
for i in $(seq 1 60); do
	case $((i % 3)) in
	0) s=$OK; r="ok $i - $OK expires in 100 days (took X secs)" ;;
	1) s=$REF; r="not ok $i - $REF connection refused" ;;
	2) s=$SOON; r="ok $i - $SOON expires in 20 days (took X secs)" ;;
	esac
	echo "$s" >>"$T/many"
	want_m="$want_m
$r"
done
want_m="$want_m
1..60"
check_run "60 SPECs, -n 7: all in order" 2 out="$want_m" maxms=10000 \
    -- "$CCHECK" -t -n 7 -r "$ROOT" -i "$T/many"
check_run "60 SPECs, -n 1024" 2 out="$want_m" maxms=10000 \
    -- "$CCHECK" -t -n 1024 -r "$ROOT" -i "$T/many"

check_run "-n 0" 1 err~="ccheck: invalid value \"0\" for --num-workers.*" \
    -- "$CCHECK" -n 0 "$OK"
check_run "-n junk" 1 err~="ccheck: invalid value \"8x\" for --num-workers.*" \
    -- "$CCHECK" -n 8x "$OK"
check_run "-n -1" 1 err~="ccheck: invalid value \"-1\" for --num-workers.*" \
    -- "$CCHECK" -n -1 "$OK"
check_run "-n 99999999999999999999" 1 \
    err~="ccheck: invalid value \"99999999999999999999\" for --num-workers.*" \
    -- "$CCHECK" -n 99999999999999999999 "$OK"
check_run "-n without a value" 1 \
    err="ccheck: option -n needs a value $U" -- "$CCHECK" -n

# ---- --show-expired -------------------------------------------------------------

# As Go's ccheck does it: a SPEC expiring within --min-days is listed on
# stdout (its "expires in N days" line goes to stderr) and is not an
# error; an expired one is listed and is an error; every other failure
# goes to stderr only; passing SPECs print nothing.  -m 30: soon (20 days)
# and expired are listed; leaf-intshort's own date is fine (100 days) but
# its intermediate ends in 50: not listed at 30, listed at 60.
printf '%s\n' "$OK" "$SOON" "$REF" "$EXP" "$UNK" "$ISHORT" >"$T/exp"
E_SOON="$SOON: expires in 20 days"
E_REF="$REF: connection refused"
E_EXP="$EXP: x509: certificate has expired: current time NOW is after $(rfc3339 "${NOT_AFTER[expired]}")"
E_UNK="$UNK: x509: certificate signed by unknown authority"
E_ISHORT="$ISHORT: expires in 50 days (intermediate CN=ccheck Short Intermediate CA)"
check_run "--show-expired -m 30" 2 out="$SOON
$EXP" err="$E_SOON
$E_REF
$E_EXP
$E_UNK" -- "$CCHECK" --show-expired -m 30 -r "$ROOT" -i "$T/exp"
check_run "--show-expired -m 60: the intermediate counts" 2 out="$SOON
$EXP
$ISHORT" err="$E_SOON
$E_REF
$E_EXP
$E_UNK
$E_ISHORT" -- "$CCHECK" --show-expired -m 60 -r "$ROOT" -i "$T/exp"
check_run "--show-expired default --min-days 15" 2 out="$EXP" \
    err="$E_REF
$E_EXP
$E_UNK" -- "$CCHECK" --show-expired -r "$ROOT" -i "$T/exp"
check_run "--show-expired -m 0: only the expired" 2 out="$EXP" \
    err="$E_REF
$E_EXP
$E_UNK" -- "$CCHECK" --show-expired -m 0 -r "$ROOT" -i "$T/exp"
check_run "--show-expired, nothing needs attention" 0 \
    -- "$CCHECK" --show-expired -m 30 -r "$ROOT" "$OK" "$ISHORT"
check_run "--show-expired, only expiring ones: listed, exit 0" 0 out="$OK
$SOON" err="$OK: expires in 100 days
$E_SOON" -- "$CCHECK" --show-expired -m 200 -r "$ROOT" "$OK" "$SOON"
check_run "--show-expired, an expired one: exit 2" 2 out="$EXP" \
    err="$E_EXP" -- "$CCHECK" --show-expired -r "$ROOT" "$OK" "$EXP"
check_run "--show-expired -n 8, silent first: input order" 2 out="$SOON
$EXP" err="$SIL: timed out: after ${TO}000 ms during TLS handshake
$E_SOON
$E_REF
$E_EXP
$E_UNK" maxms=2500 \
    -- "$CCHECK" --show-expired -n 8 --timeout "$TO" -m 30 -r "$ROOT" \
    "$SIL" -i "$T/exp"
check_run "--show-expired from stdin" 2 out="$SOON
$EXP" err="$E_SOON
$E_REF
$E_EXP
$E_UNK" -- sh -c '"$1" --show-expired -m 30 -r "$2" -i - <"$3"' \
    sh "$CCHECK" "$ROOT" "$T/exp"
check_run "--show-expired with --tap" 1 \
    err="ccheck: --show-expired and --tap cannot be used together $U" \
    -- "$CCHECK" --show-expired -t "$OK"
check_run "--show-expired with --json" 1 \
    err="ccheck: --show-expired and --json cannot be used together $U" \
    -- "$CCHECK" --show-expired -j "$OK"

finish
