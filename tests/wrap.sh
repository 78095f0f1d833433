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
