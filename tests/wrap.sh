# SPDX-License-Identifier: MIT
# tests/wrap.sh: sourced at the end of tests/lib.sh.  When CCHECK_WRAP is
# set (make check-valgrind sets it to a valgrind memcheck command line),
# every check_run whose command starts with "$CCHECK" runs it as
# "$CCHECK_WRAP $CCHECK ARGS...", so valgrind's errors (its exit status
# --error-exitcode, its report on stderr) fail the assertion.  maxms=
# limits are dropped in that mode: a wrapped run is many times slower and
# the deadlines are measured without it.  Commands that do not start with
# "$CCHECK" (chroot, other tools) run as they are.

if [ -n "${CCHECK_WRAP:-}" ]; then
	eval "check_run_plain() $(declare -f check_run | tail -n +2)"
	check_run() {
		local name=$1 status=$2 a
		local args=()
		shift 2
		while [ $# -gt 0 ]; do
			a=$1
			shift
			case $a in
			--) break ;;
			maxms=*) ;;
			*) args+=("$a") ;;
			esac
		done
		if [ "${1:-}" = "$CCHECK" ]; then
			# CCHECK_WRAP is a command line: split it on purpose.
			# shellcheck disable=SC2086
			check_run_plain "$name" "$status" "${args[@]}" -- \
			    $CCHECK_WRAP "$@"
		else
			check_run_plain "$name" "$status" "${args[@]}" -- "$@"
		fi
	}
fi

# ck ARGS...: "$CCHECK" ARGS, under CCHECK_WRAP when it is set, for runs
# whose output a script checks itself rather than through check_run.
# Valgrind's report goes to $T/wrap/PID.log (any user may write there:
# runuser runs ck's words too); finish fails the script when one is not
# empty, so an error counts even where the output still matched.
if [ -n "${CCHECK_WRAP:-}" ]; then
	mkdir -p "$T/wrap" && chmod 1777 "$T/wrap"
	CK=($CCHECK_WRAP "--log-file=$T/wrap/%p.log" "$CCHECK")
	eval "finish_plain() $(declare -f finish | tail -n +2)"
	finish() {
		local f
		for f in "$T"/wrap/*.log; do
			[ -s "$f" ] && notok "wrapped run: ${f##*/}" \
			    "$(head -c 600 "$f" | tr '\n' '|')"
		done
		finish_plain
	}
else
	CK=("$CCHECK")
fi
ck() {
	"${CK[@]}" "$@"
}
