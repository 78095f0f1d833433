#!/bin/bash
# SPDX-License-Identifier: MIT
# The differential test of path validation: tests/x509diff/gen.sh makes
# X509DIFF_N random chains (default 300) from X509DIFF_SEED into
# build/x509diff/ (X509DIFF_DIR), each with the verdict of `openssl verify`
# adjusted to libpq's host name rule (see gen.sh); ccheck judges each one
# with --at (the case's check time), --crl when the case has CRLs, and once
# more with --partial-chain for the cases marked PARTIAL.  exit 0 must
# match accept, exit 2 reject.  tests/x509diff/deliberate.txt lists the
# differences we keep on purpose; they count as ok with a note.
#
# Long runs: make x509diff X509DIFF_N=3000.  Under valgrind (CCHECK_WRAP,
# make check-valgrind) the default is 60: memcheck looks for memory
# errors, which the first cases reach as well as the rest.
. "$(dirname "$0")/../lib.sh"

TOP=$(cd "$TESTS_DIR/.." && pwd)
if [ -n "${CCHECK_WRAP:-}" ]; then
	N=${X509DIFF_N:-60}
else
	N=${X509DIFF_N:-300}
fi
SEED=${X509DIFF_SEED:-1207}
OUT=${X509DIFF_DIR:-$TOP/build/x509diff}
DELIB=$TESTS_DIR/x509diff/deliberate.txt

mkdir -p "$OUT" || die "cannot create $OUT"
t0=$(date +%s)
"$TESTS_DIR/x509diff/gen.sh" "$OUT" "$N" "$SEED" >"$T/gen.log" 2>&1 ||
    die "gen.sh failed: $(tail -n 3 "$T/gen.log" | tr '\n' '|')"
t1=$(date +%s)
diag "generated $N cases (seed $SEED) in $((t1 - t0)) s into $OUT"

# The rules: "ERE || reason" per line; ERE is matched against
# "DESC => ccheck X, openssl Y" ("DESC [partial] => ..." for the
# --partial-chain run).
RULES=()
REASONS=()
while IFS= read -r line || [ -n "$line" ]; do
	case $line in
	'#'* | '') continue ;;
	esac
	RULES+=("${line%% || *}")
	REASONS+=("${line#* || }")
done <"$DELIB"

# deliberate TEXT: sets WHY_DELIB to the reason of the first rule that
# matches TEXT; false when none does.
deliberate() {
	local i
	for i in "${!RULES[@]}"; do
		if [[ $1 =~ ${RULES[i]} ]]; then
			WHY_DELIB=${REASONS[i]}
			return 0
		fi
	done
	return 1
}

NDIS=0
NDELIB=0
NRUNS=0
: >"$T/dis"

# judge I DIR PARTIAL WANT OPENSSL_WHY
judge() {
	local i=$1 d=$2 partial=$3 want=$4 owhy=$5 args st got msg tag=
	args=(--min-days 0 --at "$AT" -r "$d/root.pem")
	[ "$HASCRL" = 1 ] && args+=(--crl "$d/crl.pem")
	if [ "$partial" = 1 ]; then
		args+=(--partial-chain)
		tag=" [partial]"
	fi
	timeout 20 "$CCHECK" "${args[@]}" "$d/chain.pem($NAME)" \
	    >"$T/out" 2>"$T/err" </dev/null
	st=$?
	NRUNS=$((NRUNS + 1))
	case $st in
	0) got=accept ;;
	2) got=reject ;;
	*) got="exit $st" ;;
	esac
	msg=$(head -n 1 "$T/err" | sed "s|^$d/chain.pem($NAME): ||")
	if [ "$got" = "$want" ]; then
		ok "case $i$tag: $DESC"
		return
	fi
	local text="$DESC$tag => ccheck $got, openssl $want"
	if deliberate "$text"; then
		NDELIB=$((NDELIB + 1))
		ok "case $i$tag: $DESC # deliberate: $WHY_DELIB"
		return
	fi
	NDIS=$((NDIS + 1))
	notok "case $i$tag: $DESC" \
	    "ccheck said $got${msg:+ ($msg)}, openssl said $want${owhy:+ ($owhy)}"
	printf '%s\t%s\t%s\t%s\n' "$got" "${owhy%%;*}" "$msg" "$i$tag" \
	    >>"$T/dis"
}

t0=$(date +%s)
for ((i = 1; i <= N; i++)); do
	d=$OUT/$(printf %04d "$i")
	NAME= ISIP= ATTIME= AT= HASCRL= PARTIAL= DESC=
	VERDICT= WHY= PVERDICT= PWHY=
	. "$d/case.env" && . "$d/oracle.txt" || die "case $i: unreadable"
	judge "$i" "$d" 0 "$VERDICT" "$WHY"
	[ "$PARTIAL" = 1 ] && judge "$i" "$d" 1 "$PVERDICT" "$PWHY"
done
t1=$(date +%s)
diag "$NRUNS ccheck runs in $((t1 - t0)) s"
if [ -s "$T/dis" ]; then
	# By category: ccheck's verdict, openssl's first error (with the
	# depth removed), ccheck's message; count and first case.
	diag "disagreements by category (count, ccheck, openssl's first error, ccheck's message, first case):"
	diag "$(sed -E 's/[0-9]+ at [0-9]+ depth lookup: //' "$T/dis" |
	    sed -E 's/\t[^\t]*$//' | sort | uniq -c | sort -rn |
	    while read -r c rest; do
		    first=$(sed -E 's/[0-9]+ at [0-9]+ depth lookup: //' "$T/dis" |
			grep -F "$rest" | head -n 1 | cut -f 4)
		    printf '%s\t%s\tcase %s\n' "$c" "$rest" "$first"
	    done)"
fi
echo "x509diff: $N cases, $NRUNS runs, $NDIS disagreements, $NDELIB deliberate" >&2
finish
