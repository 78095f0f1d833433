#!/bin/bash
# SPDX-License-Identifier: MIT
# third_party/debian-deps' apt calls (issue 17), on a stub apt-get first
# in PATH: a lock that apt does not wait for itself (apt-get update's
# lists lock) is waited for, with one line on the screen naming the lock
# and its holder; a lock apt waits for (its "Waiting for cache lock"
# lines) is named on the screen once; any other failure is tried exactly
# once more, then the log's tail is shown.  Only --deb-src (an update) is
# run, so nothing on the machine changes: the deb-src entry must already
# be there (make check's deps step adds it).
. "$(dirname "$0")/../lib.sh"

# As another user debian-deps runs sudo apt-get, which would miss the stub.
[ "$(id -u)" -eq 0 ] || die "root needed (debian-deps runs apt-get through sudo otherwise)"
grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list \
    /etc/apt/sources.list.d/ ||
    die "no deb-src entry (third_party/debian-deps adds one)"

mkdir -p "$T/bin"
# The stub: call N of STUB_LOCKED first calls fails as apt-get update
# does on a held lists lock; STUB_WAIT prints apt's waiting lines;
# STUB_FAIL fails every call as a lost download does.
cat >"$T/bin/apt-get" <<'EOF'
#!/bin/sh
n=$(($(cat "$STUB_DIR/calls" 2>/dev/null || echo 0) + 1))
echo "$n" >"$STUB_DIR/calls"
echo "stub apt-get $* (call $n)"
if [ "$n" -le "${STUB_LOCKED:-0}" ]; then
	echo "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 4242 (apt-get)"
	echo "E: Unable to lock directory /var/lib/apt/lists/"
	exit 100
fi
if [ -n "${STUB_WAIT:-}" ]; then
	for i in 1 2 3; do
		echo "Waiting for cache lock: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 77 (unattended-upgr)..."
		sleep 0.4
	done
fi
if [ -n "${STUB_FAIL:-}" ]; then
	echo "E: Failed to fetch stub"
	exit 100
fi
exit 0
EOF
chmod 755 "$T/bin/apt-get"
deps=$TESTS_DIR/../third_party/debian-deps

# deps NAME [VAR=VALUE...]: one run of debian-deps --deb-src on the stub
# with a fresh stamp and log in $T/NAME; stdout+stderr in $T/NAME/screen.
deps() {
	local d=$T/$1
	shift
	mkdir -p "$d"
	env "$@" PATH="$T/bin:$PATH" STUB_DIR="$d" DEPS_RETRY_SLEEP=0.2 \
	    DEPS_LOG="$d/deps.log" DEPS_STAMP="$d/stamp" \
	    timeout 60 "$deps" --deb-src >"$d/screen" 2>&1
	echo $? >"$d/status"
}

# expect NAME STATUS CALLS SCREEN: the run's exit status, number of apt
# calls and exact screen.
expect() {
	local d=$T/$1 got
	got="$(cat "$d/status") $(cat "$d/calls" 2>/dev/null || echo 0)"
	if [ "$got" != "$2 $3" ]; then
		notok "$1" "exit status and apt calls '$got', want '$2 $3'"
	elif [ "$(cat "$d/screen")" != "$4" ]; then
		notok "$1" "screen: $(cat "$d/screen")"
	else
		ok "$1"
	fi
}

up="debian-deps: updating the package lists (log: $T/NAME/deps.log)"

deps lists-lock STUB_LOCKED=3
expect lists-lock 0 4 "${up/NAME/lists-lock}
debian-deps: waiting (up to 600 s) for /var/lib/apt/lists/lock, held by process 4242 (apt-get)"
if [ "$(grep -c 'stub apt-get' "$T/lists-lock/deps.log")" -eq 4 ]; then
	ok "lists-lock: every call's output in the log"
else
	notok "lists-lock: every call's output in the log" \
	    "$(cat "$T/lists-lock/deps.log")"
fi

deps dpkg-lock STUB_WAIT=1
expect dpkg-lock 0 1 "${up/NAME/dpkg-lock}
debian-deps: waiting (up to 600 s) for /var/lib/dpkg/lock-frontend, held by process 77 (unattended-upgr)"

deps no-lock
expect no-lock 0 1 "${up/NAME/no-lock}"
if [ -f "$T/no-lock/stamp" ]; then
	ok "no-lock: the stamp is written"
else
	notok "no-lock: the stamp is written" "no $T/no-lock/stamp"
fi

# A failure that is not a lock: two calls, the tail of the log, and the
# update's failure reported without stopping (a mirror missing one index).
deps lost STUB_FAIL=1
expect lost 0 2 "${up/NAME/lost}
debian-deps: apt-get update failed; the end of $T/lost/deps.log:
$(tail -n 15 "$T/lost/deps.log")
debian-deps: apt-get update reported errors"

# A lock held past the calls' budget is no reason to wait forever: the
# stub is locked for every call; with DEPS_LOCK_WAIT=1 the lock wait
# ends after a second, then one more try.
deps locked-long STUB_LOCKED=1000 DEPS_LOCK_WAIT=1
if [ "$(cat "$T/locked-long/status")" = 0 ] &&
    [ "$(cat "$T/locked-long/calls")" -le 10 ] &&
    [ "$(tail -n 1 "$T/locked-long/screen")" = "debian-deps: apt-get update reported errors" ]; then
	ok "locked-long: gives up after DEPS_LOCK_WAIT"
else
	notok "locked-long: gives up after DEPS_LOCK_WAIT" \
	    "status $(cat "$T/locked-long/status"), $(cat "$T/locked-long/calls") calls: $(cat "$T/locked-long/screen")"
fi

finish
