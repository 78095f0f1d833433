# SPDX-License-Identifier: MIT
# tests/lib.sh: sourced (by bash) from every tests/integ/NN-name.sh.
#
# Gives each script its own temporary directory ($T) and a trap that stops
# every server the script started and removes $T; result printers (ok,
# notok) whose lines tests/run counts; check_run, which runs one command and
# compares its exit status and exact stdout/stderr; free ports, bounded
# readiness waits; a PostgreSQL cluster (start_pg, reload_pg_cert, pg_conf),
# openssl s_server / silent servers, and a relay that counts the TCP
# connections a probe makes (start_relay, check_conns).  The PKI lives in
# tests/pki.sh, sourced at the end.
#
# Environment: CCHECK (required) names the binary under test.

set -u

if [ -z "${CCHECK:-}" ]; then
	echo "not ok - ${0##*/}: CCHECK is not set (path of the ccheck binary)"
	exit 1
fi
case $CCHECK in
/*) ;;
*) CCHECK=$PWD/$CCHECK ;;
esac
if [ ! -x "$CCHECK" ]; then
	echo "not ok - ${0##*/}: CCHECK=$CCHECK is not an executable"
	exit 1
fi
export CCHECK

TESTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TEST_NAME=${TEST_NAME:-$(basename "$0" .sh)}
# Every line a test prints about itself that is not a result starts with
# "# " so that tests/run never counts it.
export LC_ALL=C TZ=UTC

# 0711: the postgres user must be able to reach $T/pg.
T=$(mktemp -d "${TMPDIR:-/tmp}/ccheck-$TEST_NAME.XXXXXX") || exit 1
chmod 711 "$T"
SERVER_PIDS=()
PG_DATA=
PG_STARTED=()			# "PG_BIN|PG_DATA" of every start_pg

N_OK=0
N_FAIL=0

cleanup() {
	local pid
	for pid in "${SERVER_PIDS[@]}"; do
		kill "$pid" 2>/dev/null
	done
	local c
	for c in "${PG_STARTED[@]}"; do
		if [ -f "${c#*|}/postmaster.pid" ]; then
			pg_as "${c%%|*}/pg_ctl" -D "${c#*|}" -m immediate -w \
			    -t 10 stop >/dev/null 2>&1
		fi
	done
	for pid in "${SERVER_PIDS[@]}"; do
		wait "$pid" 2>/dev/null
	done
	if [ -n "${KEEP_TMP:-}" ]; then
		echo "# kept $T"
	else
		rm -rf "$T"
	fi
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- results ---------------------------------------------------------------

# ok NAME
ok() {
	echo "ok - $TEST_NAME: $1"
	N_OK=$((N_OK + 1))
}

# notok NAME WHY
notok() {
	echo "not ok - $TEST_NAME: $1: $2"
	N_FAIL=$((N_FAIL + 1))
}

# diag TEXT...: a comment line for the log
diag() {
	local l
	printf '%s\n' "$@" | while IFS= read -r l; do
		echo "# $l"
	done
}

# finish: the script's last line; exit status 1 when any assertion failed.
finish() {
	diag "$N_OK passed, $N_FAIL failed"
	[ "$N_FAIL" -eq 0 ]
	exit
}

# die WHY: set-up failed; one failure line, then exit.
die() {
	notok "setup" "$1"
	exit 1
}

# ---- running ccheck and comparing -------------------------------------------

# normalise: stdin → stdout with the fields that vary from run to run
# replaced: elapsed time, and the current time in date errors.  Day counts
# are replaced only when NORM_DAYS=1.
normalise() {
	local args=(
	    -e 's/\(took [0-9]+\.[0-9]+ secs\)/(took X secs)/g'
	    -e 's/current time [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/current time NOW/g'
	)
	if [ "${NORM_DAYS:-0}" = 1 ]; then
		args+=(-e 's/expires in -?[0-9]+ days/expires in N days/g')
	fi
	sed -E "${args[@]}"
}

# check_run NAME STATUS [ASSERTIONS...] -- CMD [ARGS...]
#
# Runs CMD (with stdin from /dev/null) and checks its exit status and output.
# Output is compared after normalise.  Assertions (each is one word + value):
#   out=TEXT      stdout is exactly TEXT (a trailing newline is implied
#                 unless TEXT is empty: empty means "no output at all")
#   err=TEXT      the same for stderr
#   out~=ERE      stdout (without its final newline) matches ^ERE$ (bash =~)
#   err~=ERE      the same for stderr
#   outfile=FILE  stdout equals FILE after FILE's @VAR@ are replaced by the
#                 values of shell variables VAR (see expand_golden)
#   errfile=FILE  the same for stderr
#   maxms=N       the command took less than N milliseconds
#   days          normalise day counts too ("expires in N days")
# Omitting out/err does not mean "anything": stdout and stderr are always
# checked, and default to empty.  Prints one ok/not ok line.
check_run() {
	local name=$1 want_status=$2
	shift 2
	local want_out= want_err= out_re= err_re= outfile= errfile= maxms= days=0
	local a
	while [ $# -gt 0 ]; do
		a=$1
		shift
		case $a in
		--) break ;;
		out=*) want_out=${a#out=} ;;
		err=*) want_err=${a#err=} ;;
		out~=*) out_re=${a#out~=} ;;
		err~=*) err_re=${a#err~=} ;;
		outfile=*) outfile=${a#outfile=} ;;
		errfile=*) errfile=${a#errfile=} ;;
		maxms=*) maxms=${a#maxms=} ;;
		days) days=1 ;;
		*) die "check_run $name: bad assertion '$a'" ;;
		esac
	done
	local d=$T/run.$$ t0 t1 status why= got_out got_err ms
	mkdir -p "$d"
	t0=$(date +%s%N)
	"$@" >"$d/out" 2>"$d/err" </dev/null
	status=$?
	t1=$(date +%s%N)
	ms=$(((t1 - t0) / 1000000))
	NORM_DAYS=$days normalise <"$d/out" >"$d/out.n"
	NORM_DAYS=$days normalise <"$d/err" >"$d/err.n"
	got_out=$(cat "$d/out.n")
	got_err=$(cat "$d/err.n")

	diag "\$ $*" "exit $status, ${ms} ms"
	[ -s "$d/out" ] && diag "stdout:" && diag "$(cat "$d/out")"
	[ -s "$d/err" ] && diag "stderr:" && diag "$(cat "$d/err")"

	if [ "$status" != "$want_status" ]; then
		why="exit status $status, want $want_status"
	fi
	if [ -n "$outfile" ]; then
		expand_golden "$outfile" >"$d/want"
		if ! diff -u "$d/want" "$d/out.n" >"$d/diff"; then
			why="${why:+$why; }stdout differs from ${outfile##*/}"
			diag "$(cat "$d/diff")"
		fi
	elif [ -n "$out_re" ]; then
		if ! [[ $got_out =~ ^$out_re$ ]]; then
			why="${why:+$why; }stdout '$(head -c 300 "$d/out.n")' does not match /$out_re/"
		fi
	else
		if [ -n "$want_out" ]; then
			printf '%s\n' "$want_out" >"$d/want"
		else
			: >"$d/want"
		fi
		if ! cmp -s "$d/want" "$d/out.n"; then
			why="${why:+$why; }stdout '$(head -c 300 "$d/out.n")', want '$want_out'"
		fi
	fi
	if [ -n "$errfile" ]; then
		expand_golden "$errfile" >"$d/want"
		if ! diff -u "$d/want" "$d/err.n" >"$d/diff"; then
			why="${why:+$why; }stderr differs from ${errfile##*/}"
			diag "$(cat "$d/diff")"
		fi
	elif [ -n "$err_re" ]; then
		if ! [[ $got_err =~ ^$err_re$ ]]; then
			why="${why:+$why; }stderr '$(head -c 300 "$d/err.n")' does not match /$err_re/"
		fi
	else
		if [ -n "$want_err" ]; then
			printf '%s\n' "$want_err" >"$d/want"
		else
			: >"$d/want"
		fi
		if ! cmp -s "$d/want" "$d/err.n"; then
			why="${why:+$why; }stderr '$(head -c 300 "$d/err.n")', want '$want_err'"
		fi
	fi
	if [ -n "$maxms" ] && [ "$ms" -ge "$maxms" ]; then
		why="${why:+$why; }took $ms ms, limit $maxms ms"
	fi
	rm -rf "$d"
	# Newlines in a why would break the one-line rule.
	why=$(printf '%s' "$why" | tr '\n' '|')
	if [ -z "$why" ]; then
		ok "$name"
	else
		notok "$name" "$why"
	fi
	LAST_MS=$ms
}

# expand_golden FILE: FILE with each @VAR@ replaced by the value of $VAR.
expand_golden() {
	local line var
	while IFS= read -r line || [ -n "$line" ]; do
		while [[ $line =~ @([A-Za-z_][A-Za-z0-9_]*)@ ]]; do
			var=${BASH_REMATCH[1]}
			line=${line//@$var@/${!var-}}
		done
		printf '%s\n' "$line"
	done <"$1"
}

# re_quote TEXT: TEXT with ERE metacharacters escaped, for err~= patterns.
re_quote() {
	printf '%s' "$1" | sed -E 's/[][\.*^$+?(){}|\/]/\\&/g'
}

# ---- ports and servers ------------------------------------------------------

# free_port: prints a TCP port on 127.0.0.1 that nothing listens on.  The
# kernel picks it (bind to port 0); it stays free unless another process
# takes it between here and our bind.  Callers run this in a command
# substitution, a subshell, so the ports handed out are remembered in a
# file, not a variable: the kernel draws from ~14k ports, and a script
# that takes 30 of them would otherwise be handed the same one twice in
# about 3% of runs.  tests/run shares one file (TEST_PORTS_FILE) among
# the scripts it runs side by side.
free_port() {
	local p i used=${TEST_PORTS_FILE:-$T/ports.used}
	for i in $(seq 20); do
		p=$(python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])') || return 1
		# The list is shared by the scripts tests/run runs side by
		# side: checked and extended under one lock.
		if (flock 9 && ! grep -qx "$p" "$used" 2>/dev/null &&
		    echo "$p" >>"$used") 9>>"$used.lock"; then
			echo "$p"
			return 0
		fi
	done
	return 1
}

# tcp_open PORT: true when something accepts on 127.0.0.1:PORT.
tcp_open() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# wait_for SECONDS CMD...: polls CMD every 50 ms until it succeeds; false
# after SECONDS.
wait_for() {
	local secs=$1 i=0
	shift
	while ! "$@"; do
		i=$((i + 1))
		if [ "$i" -ge $((secs * 20)) ]; then
			return 1
		fi
		sleep 0.05
	done
}

# file_has FILE ERE
file_has() {
	grep -Eq -- "$2" "$1" 2>/dev/null
}

# start_s_server NAME CERT KEY [CHAIN|-] [OPENSSL ARGS...]
#   Starts "openssl s_server -www" on 127.0.0.1 and a free port, in the
#   background; waits (5 s at most) until it listens.  Sets PORT and
#   S_SERVER_LOG (its output) and remembers the pid for cleanup.
start_s_server() {
	local name=$1 cert=$2 key=$3 chain=${4:--}
	shift 3
	[ $# -gt 0 ] && shift
	local log=$T/s_server-$name.log
	PORT=$(free_port) || die "no free port"
	local args=(-accept "127.0.0.1:$PORT" -cert "$cert" -key "$key" -www)
	[ "$chain" != - ] && args+=(-cert_chain "$chain")
	# Line-buffered: a test reads what it logs (-trace) while it runs.
	stdbuf -oL openssl s_server "${args[@]}" "$@" </dev/null >"$log" 2>&1 &
	SERVER_PIDS+=($!)
	S_SERVER_LOG=$log
	# s_server prints ACCEPT once it listens; no probe connection needed.
	if ! wait_for 5 file_has "$log" '^ACCEPT'; then
		diag "s_server log:" "$(cat "$log")"
		die "openssl s_server $name did not start"
	fi
}

# start_silent_server: a server that accepts TCP connections and never sends
# a byte.  Sets PORT.
start_silent_server() {
	local ready=$T/silent.$RANDOM
	PORT=$(free_port) || die "no free port"
	python3 -c '
import socket, sys, time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(64)
open(sys.argv[2], "w").close()
held = []
while True:
    c, _ = s.accept()
    held.append(c)
' "$PORT" "$ready" </dev/null >/dev/null 2>&1 &
	SERVER_PIDS+=($!)
	wait_for 5 test -e "$ready" || die "silent server did not start"
}

# start_fake_pg MODE: a fake PostgreSQL that reads one 8-byte SSLRequest
#   per connection (saved in hex, one line per connection, to $FAKE_PG_REQ)
#   and answers by MODE: N (no TLS), E (an ErrorResponse, as a server that
#   predates SSLRequest or rejects it), X (a byte that means nothing),
#   inject ("S" and more bytes in the same segment: CVE-2021-23222), close
#   (closes without answering).  Sets PORT.
start_fake_pg() {
	local ready=$T/fakepg.$RANDOM
	PORT=$(free_port) || die "no free port"
	FAKE_PG_REQ=$T/fakepg-$1.req
	python3 -c '
import socket, sys
mode, port, ready, req = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
msg = b"SFATAL\0VFATAL\0C0A000\0Mnot today, says the fake server\0\0"
replies = {
    "N": b"N",
    "E": b"E" + (4 + len(msg)).to_bytes(4, "big") + msg,
    "X": b"X",
    "inject": b"S" + b"\x16\x03\x03\x00\x05HELLO",
    "close": b"",
}
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", port))
s.listen(16)
open(ready, "w").close()
while True:
    c, _ = s.accept()
    c.settimeout(5)
    data = b""
    try:
        while len(data) < 8:
            b = c.recv(8 - len(data))
            if not b:
                break
            data += b
    except OSError:
        pass
    with open(req, "a") as f:
        f.write(data.hex() + "\n")
    try:
        if replies[mode]:
            c.sendall(replies[mode])
            c.recv(4096)
    except OSError:
        pass
    c.close()
' "$1" "$PORT" "$ready" "$FAKE_PG_REQ" </dev/null >"$T/fakepg-$1.log" 2>&1 &
	SERVER_PIDS+=($!)
	wait_for 5 test -e "$ready" || die "fake PostgreSQL ($1) did not start"
}

# start_relay NAME PORT: a TCP relay on 127.0.0.1 and a free port to
#   127.0.0.1:PORT that counts the connections it accepts: one line in
#   RELAY_LOG per accept, written before the relay connects onward.  Put
#   between a probe and any server, it proves how many TCP connections the
#   probe made (a fallback or retry shows as a second line).  Bytes pass
#   unchanged both ways and an EOF is passed on as a half-close; a reset
#   arrives as an EOF.  With RELAY_DELAY=SECONDS in the environment, it
#   waits that long after each accept before connecting onward (a slow
#   network: a probe stays in flight).  Sets RPORT and RELAY_LOG, and
#   marks the count (relay_mark).
start_relay() {
	local ready=$T/relay-$1.ready
	RPORT=$(free_port) || die "no free port"
	RELAY_LOG=$T/relay-$1.log
	: >"$RELAY_LOG"
	python3 -c '
import socket, sys, threading, time
port, target, ready, log = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
delay = float(sys.argv[5])
def pipe(a, b):
    try:
        while True:
            d = a.recv(65536)
            if not d:
                break
            b.sendall(d)
    except OSError:
        pass
    try:
        b.shutdown(socket.SHUT_WR)
    except OSError:
        pass
def serve(c):
    time.sleep(delay)
    try:
        u = socket.create_connection(("127.0.0.1", target), timeout=5)
        u.settimeout(None)
    except OSError:
        c.close()
        return
    t = threading.Thread(target=pipe, args=(u, c), daemon=True)
    t.start()
    pipe(c, u)
    t.join(30)
    c.close()
    u.close()
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", port))
s.listen(64)
open(ready, "w").close()
while True:
    c, _ = s.accept()
    with open(log, "a") as f:
        f.write("accept\n")
    threading.Thread(target=serve, args=(c,), daemon=True).start()
' "$RPORT" "$2" "$ready" "$RELAY_LOG" "${RELAY_DELAY:-0}" </dev/null >"$T/relay-$1.out" 2>&1 &
	SERVER_PIDS+=($!)
	RELAY_PID=$!
	wait_for 5 test -e "$ready" || die "relay $1 did not start"
	relay_mark
}

# relay_mark: the connections counted so far are not the next probe's.
relay_mark() {
	RELAY_MARK=$(wc -l <"$RELAY_LOG")
}

# check_conns NAME [WANT]: the relay accepted exactly WANT (default 1)
#   connections since the last mark; marks again.  A second connection is
#   made before the probe exits; the short wait lets the relay's accept
#   loop write it down.
check_conns() {
	local want=${2:-1} got
	sleep 0.1
	got=$(($(wc -l <"$RELAY_LOG") - RELAY_MARK))
	if [ "$got" -eq "$want" ]; then
		ok "$1: $want TCP connection$([ "$want" -eq 1 ] || echo s)"
	else
		notok "$1: $want TCP connection$([ "$want" -eq 1 ] || echo s)" \
		    "the relay accepted $got"
	fi
	relay_mark
}

# tls_params FILE: the output of "openssl s_client -trace" in FILE as
#   "VERSION SUITE GROUP SCHEME" in ccheck's JSON vocabulary: TLSv1.3,
#   TLS_AES_128_GCM_SHA256 (OpenSSL's names), the key-exchange group's
#   IANA name (x25519, secp256r1, ...; ffdhe for finite-field DHE, rsa
#   when there was none: static RSA) and the server's handshake signature
#   scheme (the first with a code point in the trace; null if none).
tls_params() {
	local v c g s
	# "New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384": printed even when
	# there is no session to print (PostgreSQL turns tickets off).
	v=$(sed -nE 's/^New, (TLSv[0-9.]+), Cipher is .*/\1/p' "$1" | head -n 1)
	c=$(sed -nE 's/^New, TLSv[0-9.]+, Cipher is (.*)/\1/p' "$1" | head -n 1)
	g=$(sed -n 's/^Server Temp Key: //p' "$1" | head -n 1)
	case $g in
	X25519,*) g=x25519 ;;
	X448,*) g=x448 ;;
	"ECDH, prime256v1,"*) g=secp256r1 ;;
	"ECDH, secp384r1,"*) g=secp384r1 ;;
	"ECDH, secp521r1,"*) g=secp521r1 ;;
	DH,*) g=ffdhe ;;
	"") g=rsa ;;
	esac
	# Certificates print "Signature Algorithm: ecdsa-with-SHA256", the
	# handshake "Signature Algorithm: ecdsa_secp256r1_sha256 (0x0403)".
	s=$(sed -nE 's/^ *Signature Algorithm: ([a-z0-9_]+) \(0x[0-9a-fA-F]{4}\)$/\1/p' \
	    "$1" | head -n 1)
	echo "$v $c $g ${s:-null}"
}

# ---- PostgreSQL ---------------------------------------------------------------

PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V |
    tail -n 1)}

# pg_as CMD...: runs CMD as the postgres user when we are root (initdb and
# postgres refuse to run as root), else as ourselves; from /, since the
# postgres user may not be allowed into the current directory.
pg_as() {
	if [ "$(id -u)" -eq 0 ]; then
		(cd / && runuser -u postgres -- "$@")
	else
		(cd / && "$@")
	fi
}

# pg_own FILE...: hand files to the user PostgreSQL runs as.
# pg17_bin: the bin directory of tests/pg17.sh's PostgreSQL 17 (fetched
#   once into build/pg17; pg17.sh's stderr in $T/pg17.log), one the
#   postgres user can run: as root in a tree that user cannot enter (a
#   clone in root's 0700 home), a copy in $T made of hard links (no data
#   copied; where $T is on another file system, start_pg says what to do).
pg17_bin() {
	local bin
	bin=$("$TESTS_DIR/pg17.sh" 2>"$T/pg17.log") || return 1
	if [ "$(id -u)" -eq 0 ] &&
	    ! runuser -u postgres -- test -x "$bin/initdb" &&
	    mkdir "$T/pg17-bin" &&
	    cp -al "$bin" "${bin%/bin}/root" "$T/pg17-bin/" 2>>"$T/pg17.log"; then
		bin=$T/pg17-bin/bin
	fi
	echo "$bin"
}

# pg_reaches FILE: as root, dies unless the postgres user can run FILE,
#   naming the first directory on the way it cannot enter (a tree cloned
#   under root's 0700 home: build/pg17's server cannot start from there).
pg_reaches() {
	[ "$(id -u)" -eq 0 ] || return 0
	runuser -u postgres -- test -x "$1" && return 0
	local d= part
	local IFS=/
	for part in ${1#/}; do
		d=$d/$part
		runuser -u postgres -- test -x "$d" || break
	done
	die "the postgres user cannot enter $d, on the way to $1: put the tree where others may enter (not under /root), or chmod o+x $d"
}

pg_own() {
	if [ "$(id -u)" -eq 0 ]; then
		chown postgres: "$@"
	fi
}

# pg_conf KEY VALUE: appends a setting (the last one wins) to
# postgresql.conf; takes effect at the next start or reload_pg.
pg_conf() {
	printf "%s = '%s'\n" "$1" "$2" >>"$PG_DATA/postgresql.conf"
}

# pg_install_cert CERT KEY: copies CERT (leaf first, then any chain) and KEY
# to server.crt / server.key in the data directory, owned by postgres,
# key mode 0600 (PostgreSQL refuses a key others can read).
pg_install_cert() {
	cp "$1" "$PG_DATA/server.crt.tmp" && cp "$2" "$PG_DATA/server.key.tmp" ||
	    die "cannot copy $1 / $2"
	chmod 644 "$PG_DATA/server.crt.tmp"
	chmod 600 "$PG_DATA/server.key.tmp"
	pg_own "$PG_DATA/server.crt.tmp" "$PG_DATA/server.key.tmp"
	mv "$PG_DATA/server.crt.tmp" "$PG_DATA/server.crt"
	mv "$PG_DATA/server.key.tmp" "$PG_DATA/server.key"
}

# start_pg CERT KEY [on|off]
#   Creates a cluster in $T/pg (initdb -A trust, no fsync), serving CERT
#   (leaf + chain) with KEY, with ssl on or off, log_connections on, on
#   127.0.0.1 and a free port; starts it (bounded: pg_ctl -w -t 15).  Sets
#   PG_PORT, PG_DATA and PG_LOG (the server log; tests count its lines).
#   Change certificates with reload_pg_cert.  A script may start several
#   clusters (say PostgreSQL 15 and 17: set PG_BIN between them) with
#   PG_NAME set to a different directory name for each (default pg); the
#   variables then describe the last one started.
start_pg() {
	local cert=$1 key=$2 ssl=${3:-on} d=$T/${PG_NAME:-pg}
	[ -x "$PG_BIN/initdb" ] || die "PostgreSQL not found (PG_BIN=$PG_BIN)"
	pg_reaches "$PG_BIN/initdb"
	PG_PORT=$(free_port) || die "no free port"
	mkdir -p "$d" && pg_own "$d" && chmod 700 "$d"
	PG_DATA=$d/data
	PG_LOG=$d/server.log
	pg_as mkdir -p "$d/sock"
	if ! pg_as "$PG_BIN/initdb" -D "$PG_DATA" -A trust --no-sync -E UTF8 \
	    --no-instructions -U postgres >"$T/initdb.log" 2>&1; then
		diag "$(cat "$T/initdb.log")"
		PG_DATA=
		die "initdb failed"
	fi
	pg_conf listen_addresses 127.0.0.1
	pg_conf port "$PG_PORT"
	pg_conf unix_socket_directories "$d/sock"
	pg_conf ssl "$ssl"
	pg_conf ssl_cert_file server.crt
	pg_conf ssl_key_file server.key
	pg_conf log_connections on
	pg_conf logging_collector off
	pg_conf fsync off
	pg_conf shared_buffers 16MB
	pg_conf max_connections 20
	pg_install_cert "$cert" "$key"
	PG_STARTED+=("$PG_BIN|$PG_DATA")
	if ! pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 15 \
	    start >"$T/pg_ctl.log" 2>&1; then
		diag "$(cat "$T/pg_ctl.log")" "$(cat "$PG_LOG" 2>/dev/null)"
		die "PostgreSQL did not start"
	fi
}

# reload_pg: re-reads postgresql.conf and the certificate files; returns
# once the postmaster has logged the reload (5 s at most), so the next
# connection sees the new settings.
reload_pg() {
	local before
	before=$(grep -c 'received SIGHUP' "$PG_LOG")
	pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" reload >/dev/null 2>&1 ||
	    die "pg_ctl reload failed"
	wait_for 5 pg_reloaded "$before" || die "PostgreSQL did not reload"
	# The log line is written before the SSL context is rebuilt; the
	# postmaster accepts nothing until that is done, but give it a moment.
	sleep 0.1
}
pg_reloaded() {
	[ "$(grep -c 'received SIGHUP' "$PG_LOG")" -gt "$1" ]
}

# reload_pg_cert CERT KEY [on|off]: serve another certificate (and set ssl).
reload_pg_cert() {
	pg_install_cert "$1" "$2"
	pg_conf ssl "${3:-on}"
	reload_pg
}

# pg_log_lines: number of lines in the server log now.
pg_log_lines() {
	wc -l <"$PG_LOG"
}

# ---- libpq's verdict (the oracle) and ccheck's -----------------------------------

# psql_verdict CONNINFO: libpq's TLS verdict on CONNINFO, from psql run in
#   a clean environment: no PG* variables and an empty HOME (libpq would
#   read ~/.postgresql/root.crt, root.crl, postgresql.crt).  Sets
#   PSQL_VERDICT to accept (connected, or the server refused the login
#   after the handshake: TLS and verification passed), refuse (TLS or the
#   certificate check failed) or other (anything else: server down, ...),
#   and PSQL_ERR to psql's stderr on one line.
psql_verdict() {
	local h
	h=$(mktemp -d "$T/psql-home.XXXXXX") || die "mktemp"
	env -i PATH="$PATH" HOME="$h" LC_ALL=C TZ=UTC \
	    psql "$1" -XAtqc 'select 1' >"$h.out" 2>"$h.err" </dev/null
	local status=$?
	PSQL_ERR=$(tr '\n' ' ' <"$h.err" | sed 's/ *$//')
	if [ "$status" = 0 ] || [[ $PSQL_ERR =~ pg_hba\.conf|password\ authentication\ failed|no\ password\ supplied ]]; then
		PSQL_VERDICT=accept
	elif [[ $PSQL_ERR =~ SSL|certificate|host\ name ]]; then
		PSQL_VERDICT=refuse
	else
		PSQL_VERDICT=other
	fi
	rm -rf "$h" "$h.out" "$h.err"
}

# ccheck_verdict [CCHECK ARGS...]: runs ccheck in the same clean
#   environment as psql_verdict.  Sets CCHECK_VERDICT to accept (exit 0),
#   refuse (exit 2) or other (exit N), and CCHECK_OUT to its stdout and
#   stderr on one line.
ccheck_verdict() {
	local h
	h=$(mktemp -d "$T/ccheck-home.XXXXXX") || die "mktemp"
	env -i PATH="$PATH" HOME="$h" LC_ALL=C TZ=UTC \
	    "$CCHECK" "$@" >"$h.out" 2>&1 </dev/null
	local status=$?
	CCHECK_OUT=$(tr '\n' ' ' <"$h.out" | sed 's/ *$//')
	case $status in
	0) CCHECK_VERDICT=accept ;;
	2) CCHECK_VERDICT=refuse ;;
	*) CCHECK_VERDICT="other (exit $status)" ;;
	esac
	rm -rf "$h" "$h.out"
}

. "$TESTS_DIR/pki.sh"
# CCHECK_WRAP (valgrind) support for check_run; inert when unset.
. "$TESTS_DIR/wrap.sh"
