#!/bin/bash
# SPDX-License-Identifier: MIT
# The loop fails closed under descriptor and memory limits.  With more
# workers than RLIMIT_NOFILE allows, -n is capped (one line on stderr) and
# every SPEC is reported, against openssl s_server and a closed port.  With
# every descriptor taken, or no memory for the workers, each target fails
# with its reason.  And when poll() itself fails (the limit lowered under
# a running ccheck, below its number of workers: EINVAL), every target in
# flight and every one not started is reported as an internal error, in
# every output format, exit status 2.
. "$(dirname "$0")/../lib.sh"
pki_make

# limited N CMD...: CMD with at most N descriptors (soft and hard).
limited() {
	local n=$1
	shift
	(ulimit -n "$n" && exec "$@")
}

# repeat N TEXT: TEXT N times, one per line, without the last newline.
repeat() {
	local i
	for ((i = 0; i < $1; i++)); do
		[ "$i" -gt 0 ] && echo
		printf '%s' "$2"
	done
}

CAPPED='ccheck: -n 60 capped to [0-9]+: 40 file descriptors, [0-9]+ in use'

start_s_server ec "$PKI/leaf-ec.pem" "$PKI/leaf-ec.key" "$PKI/int.pem"
S=127.0.0.1:$PORT
mapfile -t SPECS < <(repeat 60 "$S"; echo)
check_run "ulimit -n 40, -n 60, 60 SPECs against s_server" 0 \
    out="$(repeat 60 "$S: ok, expires in 100 days")" err~="$CAPPED" \
    -- limited 40 "$CCHECK" -n 60 -r "$ROOT" "${SPECS[@]}"

C=127.0.0.1:$(free_port) || die "no free port"
mapfile -t SPECS < <(repeat 60 "$C"; echo)
check_run "ulimit -n 40, -n 60, 60 SPECs, closed port" 2 \
    err~="$CAPPED
$(re_quote "$(repeat 60 "$C: connection refused")")" \
    -- limited 40 "$CCHECK" -n 60 "${SPECS[@]}"
TAP="TAP version 13"
for ((i = 1; i <= 60; i++)); do
	TAP+=$'\n'"not ok $i - $C connection refused"
done
check_run "ulimit -n 40, -n 60, 60 SPECs, closed port, --tap" 2 \
    out="$TAP
1..60" err~="$CAPPED" \
    -- limited 40 "$CCHECK" -t -n 60 "${SPECS[@]}"
check_run "ulimit -n 40, -n 60, 2 SPECs: not capped" 2 \
    err="$(repeat 2 "$C: connection refused")" \
    -- limited 40 "$CCHECK" -n 60 "$C" "$C"
check_run "ulimit -n 100, -n 60: not capped" 2 \
    err="$(repeat 60 "$C: connection refused")" \
    -- limited 100 "$CCHECK" -n 60 "${SPECS[@]}"

# Every descriptor taken before ccheck starts: one worker, and each kind
# of target says why it could not go on.
# (Python: bash keeps descriptors of its own, closed on exec.)
full() {
	python3 -c 'import os, resource, sys
resource.setrlimit(resource.RLIMIT_NOFILE, (16, 16))
try:
    while True:
        os.set_inheritable(os.open("/dev/null", os.O_RDONLY), True)
except OSError:
    pass
os.execv(sys.argv[1], sys.argv[1:])' "$@"
}
NOFD_CONF="/etc/resolv.conf: No file descriptors available"
check_run "no descriptor free" 2 \
    err="ccheck: -n 4 capped to 1: 16 file descriptors, 16 in use
$C: could not connect: no file descriptors available
db.example.test:5432: could not resolve host: db.example.test: $NOFD_CONF
$PKI/leaf-ec.pem: could not read file: no file descriptors available" \
    -- full "$CCHECK" -n 4 "$C" db.example.test:5432 "$PKI/leaf-ec.pem"

# No memory for the slot pool (1000 slots of about 40 KiB, 16 MB of
# address space): every SPEC says so.
mapfile -t SPECS < <(repeat 1000 "$C"; echo)
nomem() (
	ulimit -v 16000 && exec "$@"
)
check_run "no memory for 1000 workers" 2 \
    err="$(repeat 1000 "$C: internal error: calloc: out of memory")" \
    -- nomem "$CCHECK" -n 1000 "${SPECS[@]}"
check_run "no memory for 1000 workers, --tap" 2 \
    out~="TAP version 13
(not ok [0-9]+ - $(re_quote "$C internal error: calloc: out of memory")
){1000}1\.\.1000" \
    -- nomem "$CCHECK" -t -n 1000 "${SPECS[@]}"

# ---- poll() fails under a running ccheck --------------------------------
#
# SPEC 1 goes to a server that closes its connection when told to; SPECs
# 2 to 40 go to one that never answers.  With -n 16, sixteen targets wait
# in poll().  The limit is then lowered to SPEC 1's descriptor + 1 (below
# 16) and SPEC 1's server closes: SPEC 1 fails on its own, SPEC 17 takes
# its descriptor, and the next poll() over 16 descriptors fails with
# EINVAL: SPECs 2 to 17 were in flight, 18 to 40 never started.  (All go
# to one address and port: --per-host 40 lets 16 of them run.)

# release_server: holds every connection until $T/release exists, then
# drains and closes them (the never-closing one is lib.sh's
# start_silent_server).  Sets PORT.
release_server() {
	local ready=$T/hold.$RANDOM
	PORT=$(free_port) || die "no free port"
	python3 -c '
import os, select, socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(128)
open(sys.argv[2], "w").close()
held = []
while True:
    r, _, _ = select.select([s], [], [], 0.05)
    if r:
        held.append(s.accept()[0])
    if os.path.exists(sys.argv[3]):
        for c in held:
            c.setblocking(False)
            try:
                c.recv(65536)
            except OSError:
                pass
            c.close()
        held = []
' "$PORT" "$ready" "$T/release" </dev/null >/dev/null 2>&1 &
	SERVER_PIDS+=($!)
	wait_for 5 test -e "$ready" || die "release server did not start"
}
release_server
A=127.0.0.1:$PORT
start_silent_server
# Each SPEC its own text (Munin shows a SPEC once): B2 to B40.
SPECS=("$A")
for ((i = 2; i <= 40; i++)); do
	B[i]="127.0.0.1(h$i.test):$PORT"
	SPECS+=("${B[i]}")
done

# sockets PID: its socket descriptors, lowest first.
sockets() {
	local l
	for l in /proc/"$1"/fd/*; do
		case $(readlink "$l" 2>/dev/null) in
		socket:*) echo "${l##*/}" ;;
		esac
	done | sort -n
}

# in_poll PID: all 16 sockets open and asleep (ccheck sleeps only in
# poll()).
in_poll() {
	[ "$(sockets "$1" | wc -l)" -ge 16 ] &&
	    [ "$(cut -d' ' -f3 /proc/"$1"/stat 2>/dev/null)" = S ]
}

# poll_fail NAME ARGS...: starts ccheck ARGS (or Munin mode when NAME is
# munin) in the background, output in $T/NAME.{out,err,rc}.
poll_fail() {
	local name=$1
	shift
	if [ "$name" = munin ]; then
		MUNIN_VERSION=1 tls_spec="${SPECS[*]}" num_workers=16 per_host=40 \
		    "$CCHECK" >"$T/$name.out" 2>"$T/$name.err" </dev/null &
	else
		"$CCHECK" --timeout 10 -n 16 --per-host 40 "$@" "${SPECS[@]}" \
		    >"$T/$name.out" 2>"$T/$name.err" </dev/null &
	fi
	PIDS[$name]=$!
}

declare -A PIDS
poll_fail text
poll_fail tap -t
poll_fail json --json
poll_fail expired --show-expired
poll_fail ready --ready -P --user u
poll_fail chain chain
poll_fail munin
for name in "${!PIDS[@]}"; do
	pid=${PIDS[$name]}
	if ! wait_for 5 in_poll "$pid"; then
		notok "poll fails, $name" "ccheck never waited on 16 sockets"
		continue
	fi
	lim=$(($(sockets "$pid" | head -1) + 1))
	if [ "$lim" -ge 16 ]; then
		diag "descriptors below SPEC 1's: $lim"
		notok "poll fails, $name" "too many inherited descriptors"
		continue
	fi
	python3 -c 'import resource, sys
n = int(sys.argv[2])
resource.prlimit(int(sys.argv[1]), resource.RLIMIT_NOFILE, (n, n))' \
	    "$pid" "$lim" || notok "poll fails, $name" "prlimit failed"
done
touch "$T/release"
for name in "${!PIDS[@]}"; do
	wait "${PIDS[$name]}"
	echo $? >"$T/$name.rc"
done

POLL="internal error: poll: invalid argument"
# SPEC 1: the server closed its connection, before TLS with -P.
EOF_WHY="server closed the connection: during TLS handshake"
EOF_A="$A: $EOF_WHY"

# expect_file NAME FILE STATUS WANT: the run's FILE (out or err) is WANT.
expect_file() {
	local name=$1 file=$2 status=$3 want=$4 got rc
	got=$(cat "$T/$name.$file")
	rc=$(cat "$T/$name.rc")
	diag "$name: exit $rc" "$name.$file:" "$got"
	if [ "$rc" != "$status" ]; then
		notok "poll fails, $name, std$file" "exit status $rc, want $status"
	elif [ "$got" != "$want" ]; then
		notok "poll fails, $name, std$file" "$file differs: $(head -c 300 \
		    "$T/$name.$file" | tr '\n' '|')"
	else
		ok "poll fails, $name, std$file"
	fi
}

# each LINE: LINE with @ replaced by B2 to B40, one per line.
each() {
	local i
	for ((i = 2; i <= 40; i++)); do
		printf '%s\n' "${1//@/${B[i]}}"
	done
}

expect_file text err 2 "$EOF_A
$(each "@: $POLL")"
TAP="TAP version 13
not ok 1 - $A $EOF_WHY"
for ((i = 2; i <= 40; i++)); do
	TAP+=$'\n'"not ok $i - ${B[i]} $POLL"
done
expect_file tap out 2 "$TAP
1..40"
expect_file expired err 2 "$EOF_A
$(each "@: $POLL")"
expect_file ready out 2 "$A - no response
$(each "@ - no response")"
expect_file ready err 2 "$A: server closed the connection: in reply to \
the SSL request
$(each "@: $POLL")"
expect_file chain out 2 "$A: 0 certificates
  verification failed: $EOF_WHY
$(each "
@: 0 certificates
  verification failed: $POLL")"
# munin labels: "v", the protocol, the SPEC with [^a-z0-9] as "_".
label() {
	local l=${1//[^a-z0-9]/_}
	echo "vtls_$l"
}
MUNIN="$(label "$A").value U
$(label "$A").extinfo $EOF_WHY"
for ((i = 2; i <= 40; i++)); do
	MUNIN+=$'\n'"$(label "${B[i]}").value U"
	MUNIN+=$'\n'"$(label "${B[i]}").extinfo $POLL"
done
# munin-node plugins exit 0 once they fetched: failures are the values.
expect_file munin out 0 "$MUNIN"
n=$(grep -c "\"error\":\"$POLL\"" "$T/json.out")
if [ "$(cat "$T/json.rc")" = 2 ] && [ "$n" = 39 ] &&
    [ "$(grep -c '"spec":' "$T/json.out")" = 40 ]; then
	ok "poll fails, json"
else
	diag "$(cat "$T/json.out")"
	notok "poll fails, json" "exit $(cat "$T/json.rc"), $n internal errors"
fi

finish
