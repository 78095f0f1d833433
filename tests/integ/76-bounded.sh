#!/bin/bash
# SPDX-License-Identifier: MIT
# Bounded memory and --per-host.  SPECs are read from the input as slots
# free up, and a result is kept only until it can be shown in input
# order: peak RSS (tests/maxrss.c) with 10,000 and 100,000 lines of a
# closed port (-n 64) is the same, under 8 MiB, and stays so while a
# silent server at the head holds later output back.  Results stay in
# input order while a slow target holds back more SPECs than the window
# keeps.  --per-host: a listener on loopback records how many of its
# connections are open at once: 20 SPECs of it with -n 32 never exceed 8
# (the default) or 2 (--per-host 2), while SPECs of another host, after
# them in the input, are probed before the first host's last ones.
. "$(dirname "$0")/../lib.sh"

musl-gcc -static -Os -o "$T/maxrss" "$TESTS_DIR/maxrss.c" ||
    die "cannot build tests/maxrss.c"
C=127.0.0.1:$(free_port) || die "no free port"
start_silent_server
SIL=127.0.0.1:$PORT
# Slack for pages a longer run happens to touch (KiB).
SLACK_KB=256
MAX_KB=8192

# ---- peak RSS does not grow with the input ----------------------------------

for n in 10000 100000; do
	yes "$C" | head -n "$n" >"$T/l$n"
done
read -r kb10 st10 _ < <("$T/maxrss" "$CCHECK" -q -n 64 -i "$T/l10000")
read -r kb100 st100 _ < <("$T/maxrss" "$CCHECK" -q -n 64 -i "$T/l100000")
diag "peak RSS, -n 64: 10,000 lines $kb10 KiB, 100,000 lines $kb100 KiB"
if [ "$st10" = 2 ] && [ "$st100" = 2 ] &&
    [ "$kb100" -le $((kb10 + SLACK_KB)) ] && [ "$kb100" -le "$MAX_KB" ]; then
	ok "peak RSS does not grow: $kb10 KiB for 10,000 lines, $kb100 KiB for 100,000"
else
	notok "peak RSS does not grow" "$kb10 KiB (exit $st10), then $kb100 KiB (exit $st100); limit +$SLACK_KB, $MAX_KB"
fi
# A silent server first: 255 later results wait for it (the window of
# -n 64), then reading stops until its deadline; memory stays the same.
{ echo "$SIL"; cat "$T/l100000"; } >"$T/slow100000"
read -r kbs sts _ < <("$T/maxrss" "$CCHECK" -q -n 64 --timeout 1 \
    -i "$T/slow100000")
diag "peak RSS with a silent head: $kbs KiB"
if [ "$sts" = 2 ] && [ "$kbs" -le $((kb10 + SLACK_KB)) ]; then
	ok "a silent head holds output back in bounded memory: $kbs KiB"
else
	notok "a silent head holds output back in bounded memory" \
	    "$kbs KiB (exit $sts), limit $((kb10 + SLACK_KB))"
fi
# Every line is reported, numbered in order.
"$CCHECK" -t -n 64 -i "$T/slow100000" --timeout 1 >"$T/tap" 2>&1
if [ "$(head -n 2 "$T/tap" | tail -n 1)" = "not ok 1 - $SIL timed out: after 1000 ms during TLS handshake" ] &&
    [ "$(tail -n 2 "$T/tap" | head -n 1)" = "not ok 100001 - $C connection refused" ] &&
    [ "$(tail -n 1 "$T/tap")" = "1..100001" ] &&
    awk 'NR > 1 && /^not ok/ { if ($3 != NR - 1) exit 1 }' "$T/tap"; then
	ok "100,001 lines: every one reported in input order"
else
	notok "100,001 lines: every one reported in input order" \
	    "$(head -n 3 "$T/tap" | tr '\n' '|') ... $(tail -n 3 "$T/tap" | tr '\n' '|')"
fi

# ---- input order while a slow target holds back -----------------------------

# -n 2 keeps a window of 8: the silent server at the head holds back 7
# finished results, reading stops, and 30 more wait for its deadline;
# then the second silent one, at the end.  All in input order, in about
# two timeouts.
want="TAP version 13
not ok 1 - $SIL timed out: after 1000 ms during TLS handshake"
printf '%s\n' "$SIL" >"$T/order"
for ((i = 2; i <= 31; i++)); do
	echo "$C" >>"$T/order"
	want+=$'\n'"not ok $i - $C connection refused"
done
echo "$SIL" >>"$T/order"
want+=$'\n'"not ok 32 - $SIL timed out: after 1000 ms during TLS handshake"$'\n'"1..32"
check_run "a slow head: output in input order, -n 2" 2 out="$want" \
    maxms=3500 -- "$CCHECK" -t -n 2 --timeout 1 -i "$T/order"
# --per-host defers SPECs of one host: later hosts finish first, but
# are shown in their place.  Six silent SPECs, two at a time: three
# rounds of the 1 s timeout.
: >"$T/defer"
want="TAP version 13"
for ((i = 1; i <= 12; i++)); do
	if [ $((i % 2)) = 1 ]; then
		echo "$SIL" >>"$T/defer"
		want+=$'\n'"not ok $i - $SIL timed out: after 1000 ms during TLS handshake"
	else
		echo "$C" >>"$T/defer"
		want+=$'\n'"not ok $i - $C connection refused"
	fi
done
want+=$'\n'"1..12"
check_run "--per-host 2: deferred SPECs shown in their place" 2 \
    out="$want" maxms=4500 \
    -- "$CCHECK" -t -n 8 --per-host 2 --timeout 1 -i "$T/defer"
if [ "$LAST_MS" -ge 2900 ]; then
	ok "--per-host 2: six silent SPECs took three rounds (${LAST_MS} ms)"
else
	notok "--per-host 2: six silent SPECs took three rounds" \
	    "only $LAST_MS ms"
fi

# ---- --per-host against a listener that counts ------------------------------

# counting_server NAME: accepts, holds each connection 0.3 s, closes it;
# logs "OPEN-NOW EPOCH-SECONDS" per accept to $T/NAME.log.  Sets PORT.
counting_server() {
	local ready=$T/count.$1.ready
	PORT=$(free_port) || die "no free port"
	python3 -c '
import select, socket, sys, time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(128)
log = open(sys.argv[3], "a")
open(sys.argv[2], "w").close()
held = []
while True:
    now = time.monotonic()
    wait = min([t for _, t in held], default=now + 1) - now
    r, _, _ = select.select([s], [], [], max(wait, 0))
    now = time.monotonic()
    for c, t in [h for h in held if h[1] <= now]:
        c.close()
        held.remove((c, t))
    if r:
        held.append((s.accept()[0], now + 0.3))
        log.write("%d %.6f\n" % (len(held), time.time()))
        log.flush()
' "$PORT" "$ready" "$T/$1.log" </dev/null >/dev/null 2>&1 &
	SERVER_PIDS+=($!)
	wait_for 5 test -e "$ready" || die "counting server $1 did not start"
}

# per_host NAME LIMIT CCHECK-ARGS...: 20 SPECs of host A, then 5 of host
# B; A's peak of open connections is LIMIT, and B's first connection
# comes before A's last (when A's SPECs have to wait).
per_host() {
	local name=$1 limit=$2 a b i max first_b last_a
	shift 2
	counting_server "$name-a"
	a=127.0.0.1:$PORT
	counting_server "$name-b"
	b=127.0.0.1:$PORT
	: >"$T/$name.list"
	for ((i = 0; i < 20; i++)); do
		# Names differ; the address and port are one host.
		echo "127.0.0.1(h$i.test):${a#*:}" >>"$T/$name.list"
	done
	for ((i = 0; i < 5; i++)); do
		echo "$b" >>"$T/$name.list"
	done
	"$CCHECK" -n 32 --timeout 5 "$@" -i "$T/$name.list" \
	    >"$T/$name.out" 2>"$T/$name.err"
	diag "$name: $(wc -l <"$T/$name.err") lines on stderr," \
	    "A: $(tr '\n' ' ' <"$T/$name-a.log")"
	max=$(sort -n "$T/$name-a.log" | tail -n 1 | cut -d' ' -f1)
	if [ "$(wc -l <"$T/$name-a.log")" = 20 ] && [ "$max" = "$limit" ]; then
		ok "$name: 20 probes of one host, at most $limit at once"
	else
		notok "$name: at most $limit at once" "$(wc -l <"$T/$name-a.log") connections, $max at once"
	fi
	first_b=$(head -n 1 "$T/$name-b.log" | cut -d' ' -f2)
	last_a=$(tail -n 1 "$T/$name-a.log" | cut -d' ' -f2)
	# (With 20 allowed nothing of A waits: nothing to starve B.)
	if [ "$limit" -ge 20 ]; then
		:
	elif [ "$(wc -l <"$T/$name-b.log")" = 5 ] &&
	    python3 -c 'import sys; sys.exit(not float(sys.argv[1]) < float(sys.argv[2]))' \
	    "$first_b" "$last_a"; then
		ok "$name: the other host is probed while the first waits"
	else
		notok "$name: the other host is not starved" \
		    "B's first at $first_b, A's last at $last_a"
	fi
	if [ "$(wc -l <"$T/$name.err")" = 25 ]; then
		ok "$name: 25 SPECs, 25 reports"
	else
		notok "$name: 25 SPECs, 25 reports" "$(wc -l <"$T/$name.err")"
	fi
}
per_host "default --per-host" 8
per_host "--per-host 2" 2 --per-host 2
per_host "--per-host 20" 20 --per-host 20

check_run "--per-host 0" 1 \
    err~="ccheck: invalid value \"0\" for --per-host.*" \
    -- "$CCHECK" --per-host 0 "$C"
check_run "--per-host junk" 1 \
    err~="ccheck: invalid value \"2x\" for --per-host.*" \
    -- "$CCHECK" --per-host 2x "$C"

finish
