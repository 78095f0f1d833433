#!/bin/bash
# SPDX-License-Identifier: MIT
# The command line: usage errors exit 1 with one line on stderr and
# nothing on stdout; --help, --version and "ccheck roots" exit 0.
. "$(dirname "$0")/../lib.sh"

one_line='[^
]+'
check_run "no spec" 1 err~="$one_line" -- "$CCHECK"
check_run "no spec, flags only" 1 err~="$one_line" -- "$CCHECK" -P -t
check_run "unknown long flag" 1 err~="$one_line" -- "$CCHECK" --bogus x:5432
check_run "unknown short flag" 1 err~="$one_line" -- "$CCHECK" -Z x:5432
for v in abc -1 12x '' 99999999999999999999 ' 5'; do
	check_run "bad --min-days '$v'" 1 err~="$one_line" \
	    -- "$CCHECK" --min-days "$v" x:5432
done
check_run "--min-days without value" 1 err~="$one_line" \
    -- "$CCHECK" --min-days
check_run "bad -m" 1 err~="$one_line" -- "$CCHECK" -m x x:5432
for v in abc 0 -1 ''; do
	check_run "bad --timeout '$v'" 1 err~="$one_line" \
	    -- "$CCHECK" --timeout "$v" x:5432
done
check_run "--root-certs file missing" 1 err~="$one_line" \
    -- "$CCHECK" -r "$T/missing.pem" x:5432
: >"$T/empty.pem"
check_run "--root-certs file without certificates" 1 err~="$one_line" \
    -- "$CCHECK" -r "$T/empty.pem" x:5432
check_run "bad spec: port out of range" 1 err~="$one_line" \
    -- "$CCHECK" -P 127.0.0.1:70000
check_run "bad spec: empty port" 1 err~="$one_line" \
    -- "$CCHECK" -P 127.0.0.1:
check_run "bad spec: unclosed bracket" 1 err~="$one_line" \
    -- "$CCHECK" -P '[::1:5432'

check_run "--help" 0 out~="(.|
)*FILE.pem\(name\)(.|
)*a libpq connection string(.|
)*--postgres(.|
)*--min-days(.|
)*--tap(.|
)*--root-certs(.|
)*" -- "$CCHECK" --help
# Every SPEC form (README's table and the connection strings) in --help.
check_run "--help: every SPEC form" 0 out~="(.|
)*host:port  host (.|
)*\[v6addr\]:port  \[v6addr\]  v6addr (.|
)*addr\(name\):port  \(name\)addr:port(.|
)*addr:port\(name\) (.|
)*FILE\.pem  FILE\.pem\(name\)(.|
)*scheme://SPEC (.|
)*'host=db sslmode=verify-full' (.|
)*postgresql://db/app(.|
)*" -- "$CCHECK" --help
check_run "-h" 0 out~="(.|
)*--quiet(.|
)*--skip-verify(.|
)*--timeout(.|
)*" -- "$CCHECK" -h
check_run "--version" 0 out~="$one_line" -- "$CCHECK" --version

# roots: the count, then that many subject DNs.
"$CCHECK" roots >"$T/roots" 2>"$T/roots.err"
st=$?
n=$(head -n 1 "$T/roots")
lines=$(($(wc -l <"$T/roots") - 1))
if [ "$st" -ne 0 ]; then
	notok "roots" "exit $st: $(head -n 1 "$T/roots.err")"
elif ! [[ $n =~ ^[0-9]+$ ]] || [ "$n" -lt 1 ]; then
	notok "roots" "first line '$n' is not a positive count"
elif [ "$lines" -ne "$n" ]; then
	notok "roots" "count $n but $lines names"
elif grep -vq '=' <(tail -n +2 "$T/roots"); then
	notok "roots" "a line without '=': $(tail -n +2 "$T/roots" |
	    grep -v '=' | head -n 1)"
else
	ok "roots ($n anchors)"
fi

# musl's getopt_long leaves a NULL in argv after permuting a trailing
# "-Pn" whose value is missing; this once crashed the error message.
check_run "missing value after a SPEC, bundled flags" 1 \
    err="ccheck: option -n needs a value (see ccheck --help)" -- \
    "$CCHECK" db.example.test -Pn
check_run "missing value of a long flag after a SPEC" 1 \
    err="ccheck: option --input-file needs a value (see ccheck --help)" -- \
    "$CCHECK" db.example.test --input-file

finish
