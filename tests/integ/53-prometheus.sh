#!/bin/bash
# SPDX-License-Identifier: MIT
# --prometheus FILE against a real PostgreSQL and openssl s_server: the
# exact file (every family, the per-certificate series compared with the
# openssl CLI's serials and dates), stdout and stderr as without it,
# promtool (Debian's prometheus package) parsing it, node_exporter's
# textfile collector serving it, weaker verification as a label, label
# escaping (quote, backslash, newline, bytes that are not UTF-8).  The
# file is replaced atomically: an old one is replaced whole, a reader
# polling it during 30 rewrites never sees a part, no temporary file is
# left.  Failures: a missing directory and a read-only file system (exit
# 1 before any probe), FILE a directory and a full file system (exit 2,
# the old file kept), and with --nagios an UNKNOWN state.
. "$(dirname "$0")/../lib.sh"

command -v promtool >/dev/null || die "promtool not found (prometheus)"
pki_make
start_pg "$PKI/leaf-ec.chain.pem" "$PKI/leaf-ec.key"
P=$PG_PORT
start_s_server soon "$PKI/soon.pem" "$PKI/soon.key" "$PKI/int.pem"
S=$PORT
C=$(free_port) || die "no free port"
export HOME=$T/home
mkdir -p "$HOME" "$T/tf"
unset PGHOST PGHOSTADDR PGPORT PGSSLMODE PGSSLROOTCERT PGSSLCERT PGSSLKEY \
    PGSSLSNI PGSSLNEGOTIATION PGUSER PGDATABASE PGPASSWORD
PROM=$T/tf/ccheck.prom
PG=postgres://127.0.0.1:$P
TS=tls://127.0.0.1:$S
TC=tls://127.0.0.1:$C
CK=("$CCHECK" -r "$PKI/root.pem")

serial() {
	openssl x509 -in "$PKI/$1.pem" -noout -serial | sed 's/.*=//' |
	    tr A-F a-f
}
LEAF_EC_SERIAL=$(serial leaf-ec)
SOON_SERIAL=$(serial soon)
INT_SERIAL=$(serial int)
LEAF_EC_END=${NOT_AFTER[leaf-ec]}
SOON_END=${NOT_AFTER[soon]}
INT_END=${NOT_AFTER[int]}
INT="CN=ccheck Test Intermediate CA"
ROOT="CN=ccheck Test Root CA"

# check_file NAME FILE WANT: FILE, durations as D, is WANT.
check_file() {
	local got
	got=$(sed -E 's/^(ccheck_probe_duration_seconds\{.*\}) [0-9]+\.[0-9]{3}$/\1 D/' "$2")
	if [ "$got" = "$3" ]; then
		ok "$1"
	else
		diag "got:" "$got" "want:" "$3"
		notok "$1" "content differs"
	fi
}

# check_ls NAME DIR WANT: the names in DIR, one a line.
check_ls() {
	local got
	got=$(ls -A "$2")
	[ "$got" = "$3" ] && ok "$1" || notok "$1" "'$(echo $got)', want '$3'"
}

echo old >"$PROM"
check_run "stdout and stderr as without --prometheus" 2 \
    out="$PG: ok, expires in 100 days
$TS: ok, expires in 20 days" err="$TC: connection refused" \
    -- "${CK[@]}" --prometheus "$PROM" -n 3 "$PG" "$TS" "$TC"
check_file "the metrics, every family" "$PROM" "\
# HELP ccheck_probe_success 1 when the target passed every check, else 0.
# TYPE ccheck_probe_success gauge
ccheck_probe_success{target=\"$PG\"} 1
ccheck_probe_success{target=\"$TS\"} 1
ccheck_probe_success{target=\"$TC\"} 0
# HELP ccheck_probe_duration_seconds Seconds the probe of the target took.
# TYPE ccheck_probe_duration_seconds gauge
ccheck_probe_duration_seconds{target=\"$PG\"} D
ccheck_probe_duration_seconds{target=\"$TS\"} D
ccheck_probe_duration_seconds{target=\"$TC\"} D
# HELP ccheck_cert_not_after_seconds Earliest notAfter on the verified path, in Unix time.
# TYPE ccheck_cert_not_after_seconds gauge
ccheck_cert_not_after_seconds{target=\"$PG\",verification=\"full\"} $LEAF_EC_END
ccheck_cert_not_after_seconds{target=\"$TS\",verification=\"full\"} $SOON_END
# HELP ccheck_cert_days_left Whole days left before the earliest notAfter on the verified path.
# TYPE ccheck_cert_days_left gauge
ccheck_cert_days_left{target=\"$PG\",verification=\"full\"} 100
ccheck_cert_days_left{target=\"$TS\",verification=\"full\"} 20
# HELP ccheck_tls_version_info The TLS version the target negotiated.
# TYPE ccheck_tls_version_info gauge
ccheck_tls_version_info{target=\"$PG\",version=\"TLSv1.3\"} 1
ccheck_tls_version_info{target=\"$TS\",version=\"TLSv1.3\"} 1
# HELP ccheck_cert_expiry_seconds notAfter of each certificate the target sent, in Unix time.
# TYPE ccheck_cert_expiry_seconds gauge
ccheck_cert_expiry_seconds{target=\"$PG\",depth=\"0\",subject=\"CN=localhost\",issuer=\"$INT\",serial=\"$LEAF_EC_SERIAL\"} $LEAF_EC_END
ccheck_cert_expiry_seconds{target=\"$PG\",depth=\"1\",subject=\"$INT\",issuer=\"$ROOT\",serial=\"$INT_SERIAL\"} $INT_END
ccheck_cert_expiry_seconds{target=\"$TS\",depth=\"0\",subject=\"CN=localhost\",issuer=\"$INT\",serial=\"$SOON_SERIAL\"} $SOON_END
ccheck_cert_expiry_seconds{target=\"$TS\",depth=\"1\",subject=\"$INT\",issuer=\"$ROOT\",serial=\"$INT_SERIAL\"} $INT_END"
check_ls "no temporary file left" "$T/tf" "ccheck.prom"

# promtool parses it; its one lint is the unit of ccheck_cert_days_left,
# a name the exporter keeps (blackbox users alert on days).
check_run "promtool check metrics" 3 \
    err="ccheck_cert_days_left use base unit \"seconds\" instead of \"days\"" \
    -- sh -c 'promtool check metrics <"$1"' sh "$PROM"
sed 's/} 1$/} one/' "$PROM" >"$T/broken.prom"
check_run "promtool refuses a broken file (the check checks)" 1 \
    err~=".*error while linting.*" \
    -- sh -c 'promtool check metrics <"$1"' sh "$T/broken.prom"

# Weaker verification: the label says what the days rest on.
check_run "--skip-verify" 0 out="127.0.0.1:$P: ok, expires in 100 days (not verified: --skip-verify)" \
    -- "$CCHECK" -P -s --prometheus "$PROM" "127.0.0.1:$P"
check_run "--skip-verify: verification=\"none\"" 0 \
    out="ccheck_cert_days_left{target=\"127.0.0.1:$P\",verification=\"none\"} 100" \
    -- grep '^ccheck_cert_days_left' "$PROM"
KV="host=localhost port=$P sslmode=require"
"$CCHECK" --prometheus "$PROM" "$KV" >/dev/null
check_run "sslmode=require: verification=\"none\"" 0 \
    out="ccheck_cert_days_left{target=\"$KV\",verification=\"none\"} 100" \
    -- grep '^ccheck_cert_days_left' "$PROM"
KV="host=localhost port=$P sslmode=verify-ca sslrootcert=$PKI/root.pem"
"$CCHECK" --prometheus "$PROM" "$KV" >/dev/null
check_run "sslmode=verify-ca: verification=\"chain\"" 0 \
    out="ccheck_cert_days_left{target=\"$KV\",verification=\"chain\"} 100" \
    -- grep '^ccheck_cert_days_left' "$PROM"

# Label values: \\, \" and \n escaped; bytes that are not UTF-8 as U+FFFD.
W1=$T/we\"ird\\name.pem
W2=$T/new$'\n'line.pem
W3=$T/bad$'\xff'.pem
for w in "$W1" "$W2" "$W3"; do
	cp "$PKI/soon.chain.pem" "$w"
done
"${CK[@]}" --prometheus "$PROM" "$W1" "$W2" "$W3" >/dev/null
check_run "label escapes" 0 \
    out="ccheck_probe_success{target=\"$T/we\\\"ird\\\\name.pem\"} 1
ccheck_probe_success{target=\"$T/new\\nline.pem\"} 1
ccheck_probe_success{target=\"$T/bad"$'\xef\xbf\xbd'".pem\"} 1" \
    -- grep '^ccheck_probe_success' "$PROM"
check_run "label escapes: promtool parses them" 3 \
    err="ccheck_cert_days_left use base unit \"seconds\" instead of \"days\"" \
    -- sh -c 'promtool check metrics <"$1"' sh "$PROM"

# node_exporter's textfile collector serves it.
if command -v prometheus-node-exporter >/dev/null; then
	"${CK[@]}" --prometheus "$PROM" "$PG" "$TC" >/dev/null 2>&1
	NE=$(free_port) || die "no free port"
	prometheus-node-exporter --collector.disable-defaults \
	    --collector.textfile --collector.textfile.directory="$T/tf" \
	    --web.listen-address="127.0.0.1:$NE" >"$T/ne.log" 2>&1 &
	SERVER_PIDS+=($!)
	wait_for 5 tcp_open "$NE" || die "node_exporter did not start"
	check_run "node_exporter serves the file" 0 \
	    out="ccheck_cert_days_left{target=\"$PG\",verification=\"full\"} 100
ccheck_probe_success{target=\"$PG\"} 1
ccheck_probe_success{target=\"$TC\"} 0
node_textfile_scrape_error 0" \
	    -- sh -c 'curl -sf "http://127.0.0.1:$1/metrics" |
	        grep -E "^(ccheck_probe_success|ccheck_cert_days_left|node_textfile_scrape_error)"' \
	    sh "$NE"
else
	notok "node_exporter serves the file" "prometheus-node-exporter not found"
fi

# Atomic: a reader polling the file while it is rewritten 30 times sees
# the whole file every time (the same line count, the last family last).
"${CK[@]}" --prometheus "$PROM" "$PG" "$TS" >/dev/null
LINES=$(wc -l <"$PROM")
(
	while [ ! -e "$T/stop" ]; do
		cat "$PROM" >"$T/snap" 2>/dev/null || { echo missing; continue; }
		n=$(wc -l <"$T/snap")
		last=$(tail -n 1 "$T/snap")
		if [ "$n" != "$LINES" ] || [[ $last != ccheck_cert_expiry_seconds* ]]; then
			echo "partial: $n lines, last '$last'"
		fi
		echo read >>"$T/reads"
	done >"$T/reader.log"
) &
READER=$!
for i in $(seq 30); do
	"${CK[@]}" --prometheus "$PROM" "$PG" "$TS" >/dev/null
done
touch "$T/stop"
wait "$READER"
if [ -s "$T/reader.log" ]; then
	notok "a reader never sees a partial file" "$(head -n 3 "$T/reader.log" | tr '\n' '|')"
else
	ok "a reader never sees a partial file ($(wc -l <"$T/reads") reads)"
fi
check_ls "no temporary file after 30 rewrites" "$T/tf" "ccheck.prom"

# Failures.  Before any probe: nothing printed but the reason, exit 1.
check_run "missing directory" 1 \
    err~="ccheck: --prometheus: cannot create $(re_quote "$T")/none/x\.prom\.tmp\.[0-9]+: No such file or directory" \
    -- "${CK[@]}" --prometheus "$T/none/x.prom" "$PG"
mkdir -p "$T/ro"
check_run "read-only file system" 1 \
    err~="ccheck: --prometheus: cannot create $(re_quote "$T")/ro/x\.prom\.tmp\.[0-9]+: Read-only file system" \
    -- unshare -m sh -c 'mount -t tmpfs -o ro tmpfs "$1" && shift && exec "$@"' \
    sh "$T/ro" "${CK[@]}" --prometheus "$T/ro/x.prom" "$PG"
# At the end: the probes' output, then the reason, exit 2, no tmp left.
mkdir -p "$T/d/dir.prom"
check_run "FILE is a directory" 2 out="$PG: ok, expires in 100 days" \
    err="ccheck: --prometheus: cannot write $T/d/dir.prom: Is a directory" \
    -- "${CK[@]}" --prometheus "$T/d/dir.prom" "$PG"
check_ls "FILE is a directory: no temporary file left" "$T/d" "dir.prom"
check_run "--nagios: UNKNOWN when all passed" 3 \
    out="CCHECK UNKNOWN - --prometheus: cannot write $T/d/dir.prom: Is a directory; $PG: ok, expires in 100 days | 'days'=100;30:;15:;0;" \
    -- "${CK[@]}" --nagios --prometheus "$T/d/dir.prom" "$PG"
check_run "--nagios: CRITICAL stays CRITICAL" 2 \
    out="CCHECK CRITICAL - --prometheus: cannot write $T/d/dir.prom: Is a directory; $TC: connection refused | 'days'=U;30:;15:;0;" \
    -- "${CK[@]}" --nagios --prometheus "$T/d/dir.prom" "$TC"
# A full file system (a one-page tmpfs): the old file stays whole.
mkdir -p "$T/full"
MANY=()
for i in $(seq 12); do
	MANY+=("$PKI/soon.chain.pem")
done
check_run "full file system" 2 \
    out="old
$(for i in $(seq 12); do echo "$PKI/soon.chain.pem: ok, expires in 20 days"; done)
old
x.prom" \
    err="ccheck: --prometheus: cannot write $T/full/x.prom: No space left on device" \
    -- unshare -m sh -c 'd=$1 && shift &&
        mount -t tmpfs -o size=4k tmpfs "$d" && echo old >"$d/x.prom" &&
        cat "$d/x.prom" || exit 9
        "$@"; st=$?; cat "$d/x.prom"; ls -A "$d"; exit $st' \
    sh "$T/full" "${CK[@]}" --prometheus "$T/full/x.prom" "${MANY[@]}"

check_run "--prometheus with --ready (its usage status)" 3 \
    err="ccheck: --prometheus and --ready cannot be used together (see ccheck --help)" \
    -- "$CCHECK" --ready --prometheus "$PROM" "127.0.0.1:$P"
check_run "--prometheus with chain" 1 \
    err="ccheck: chain prints its own format (see ccheck --help)" \
    -- "$CCHECK" chain --prometheus "$PROM" "127.0.0.1:$P"

finish
