#!/bin/bash
# SPDX-License-Identifier: MIT
# --nagios against a real PostgreSQL and openssl s_servers: the exact
# status line, perfdata and exit status for OK, WARNING, CRITICAL (a
# threshold from --critical or --min-days, a refused connection, an
# unknown CA) and UNKNOWN (usage errors, an unreadable root file, on
# stdout where Nagios reads them); several SPECs with the long output and
# one perfdata label each, --quiet, weaker verification in the status
# text, '|' in a SPEC; the threshold fields as monitoring-plugins'
# check_procs prints them.  Then the perfdata is read by a real consumer,
# Monitoring::Plugin (Debian's libmonitoring-plugin-perl, the parser of
# the monitoring-plugins project), whose threshold ranges must give every
# SPEC the state ccheck gave it.
. "$(dirname "$0")/../lib.sh"

pki_make
start_pg "$PKI/leaf-ec.chain.pem" "$PKI/leaf-ec.key"
P=$PG_PORT
start_s_server soon "$PKI/soon.pem" "$PKI/soon.key" "$PKI/int.pem"
S=$PORT
start_s_server unknownca "$PKI/unknownca.pem" "$PKI/unknownca.key" \
    "$PKI/other-int.pem"
U=$PORT
C=$(free_port) || die "no free port"
export HOME=$T/home
mkdir -p "$HOME"
unset PGHOST PGHOSTADDR PGPORT PGSSLMODE PGSSLROOTCERT PGSSLCERT PGSSLKEY \
    PGSSLSNI PGSSLNEGOTIATION PGUSER PGDATABASE PGPASSWORD
N=("$CCHECK" --nagios -r "$PKI/root.pem")

# One SPEC: the guidelines' single line, label 'days'.
check_run "ok" 0 \
    out="CCHECK OK - 127.0.0.1:$P: ok, expires in 100 days | 'days'=100;30:;15:;0;" \
    -- "${N[@]}" -P "127.0.0.1:$P"
check_run "warning below 30 days by default" 1 \
    out="CCHECK WARNING - 127.0.0.1:$S: expires in 20 days | 'days'=20;30:;15:;0;" \
    -- "${N[@]}" "127.0.0.1:$S"
check_run "--warning" 0 \
    out="CCHECK OK - 127.0.0.1:$S: ok, expires in 20 days | 'days'=20;19:;15:;0;" \
    -- "${N[@]}" --warning 19 "127.0.0.1:$S"
check_run "--warning 0: none" 0 \
    out="CCHECK OK - 127.0.0.1:$S: ok, expires in 20 days | 'days'=20;;15:;0;" \
    -- "${N[@]}" --warning 0 "127.0.0.1:$S"
check_run "--critical" 2 \
    out="CCHECK CRITICAL - 127.0.0.1:$S: expires in 20 days | 'days'=20;30:;21:;0;" \
    -- "${N[@]}" --critical 21 "127.0.0.1:$S"
check_run "--min-days is the critical threshold" 2 \
    out="CCHECK CRITICAL - 127.0.0.1:$S: expires in 20 days | 'days'=20;30:;21:;0;" \
    -- "${N[@]}" -m 21 "127.0.0.1:$S"
check_run "--critical wins over --min-days" 1 \
    out="CCHECK WARNING - 127.0.0.1:$S: expires in 20 days | 'days'=20;30:;10:;0;" \
    -- "${N[@]}" -m 21 --critical 10 "127.0.0.1:$S"
check_run "a critical above 30 is the warning too" 2 \
    out="CCHECK CRITICAL - 127.0.0.1:$P: expires in 100 days | 'days'=100;120:;120:;0;" \
    -- "${N[@]}" -P -m 120 "127.0.0.1:$P"
check_run "--critical 0: none" 1 \
    out="CCHECK WARNING - 127.0.0.1:$S: expires in 20 days | 'days'=20;30:;;0;" \
    -- "${N[@]}" --critical 0 "127.0.0.1:$S"
check_run "refused: CRITICAL, value U" 2 \
    out="CCHECK CRITICAL - 127.0.0.1:$C: connection refused | 'days'=U;30:;15:;0;" \
    -- "${N[@]}" "127.0.0.1:$C"
check_run "unknown CA: CRITICAL, value U" 2 \
    out="CCHECK CRITICAL - 127.0.0.1:$U: x509: certificate signed by unknown authority | 'days'=U;30:;15:;0;" \
    -- "${N[@]}" "127.0.0.1:$U"

# Weaker verification is in the status text.
check_run "--skip-verify in the status text" 0 \
    out="CCHECK OK - 127.0.0.1:$U: ok, expires in 100 days (not verified: --skip-verify) | 'days'=100;30:;15:;0;" \
    -- "${N[@]}" -s "127.0.0.1:$U"
check_run "sslmode=require in the status text" 0 \
    out="CCHECK OK - host=localhost port=$P sslmode=require: ok, expires in 100 days (not verified: sslmode=require) | 'days'=100;30:;15:;0;" \
    -- "${N[@]}" "host=localhost port=$P sslmode=require"

# Several SPECs: counts and the worst SPEC, one label each, long output.
PG=postgres://127.0.0.1:$P
TS=tls://127.0.0.1:$S
TC=tls://127.0.0.1:$C
check_run "several: CRITICAL first" 2 \
    out="CCHECK CRITICAL - 1 critical, 1 warning, 1 ok; $TC: connection refused | '${PG}_days'=100;30:;15:;0; '${TS}_days'=20;30:;15:;0; '${TC}_days'=U;30:;15:;0;
OK: $PG: ok, expires in 100 days
WARNING: $TS: expires in 20 days
CRITICAL: $TC: connection refused" \
    -- "${N[@]}" -n 3 "$PG" "$TS" "$TC"
check_run "several, --quiet: no OK lines" 1 \
    out="CCHECK WARNING - 1 warning, 1 ok; $TS: expires in 20 days | '${PG}_days'=100;30:;15:;0; '${TS}_days'=20;30:;15:;0;
WARNING: $TS: expires in 20 days" \
    -- "${N[@]}" -q "$PG" "$TS"
check_run "several OK: the fewest days" 0 \
    out="CCHECK OK - 2 ok; $TS: ok, expires in 20 days | '${PG}_days'=100;10:;5:;0; '${TS}_days'=20;10:;5:;0;
OK: $PG: ok, expires in 100 days
OK: $TS: ok, expires in 20 days" \
    -- "${N[@]}" --warning 10 --critical 5 "$PG" "$TS"
KV="host=localhost port=$P sslmode=require"
check_run "several: weaker verification counted" 0 \
    out="CCHECK OK - 2 ok, 1 not verify-full; $PG: ok, expires in 100 days | '${PG}_days'=100;30:;15:;0; 'host_localhost_port_${P}_sslmode_require_days'=100;30:;15:;0;
OK: $PG: ok, expires in 100 days
OK: $KV: ok, expires in 100 days (not verified: sslmode=require)" \
    -- "${N[@]}" "$PG" "$KV"

# '|' would end the text and start perfdata: shown as '/'.
mkdir -p "$T/a|b"
cp "$PKI/soon.chain.pem" "$T/a|b/c'd.pem"
check_run "'|' in a SPEC" 1 \
    out="CCHECK WARNING - 1 warning, 1 ok; $T/a/b/c'd.pem: expires in 20 days | '${PG}_days'=100;30:;15:;0; '${T}/a_b/c_d.pem_days'=20;30:;15:;0;
OK: $PG: ok, expires in 100 days
WARNING: $T/a/b/c'd.pem: expires in 20 days" \
    -- "${N[@]}" "$PG" "$T/a|b/c'd.pem"

# UNKNOWN: on stdout, where Nagios reads, exit 3.
check_run "usage error: UNKNOWN" 3 \
    out="CCHECK UNKNOWN - ccheck: unknown option --bogus" \
    -- "$CCHECK" --bogus --nagios "127.0.0.1:$P"
check_run "--warning below --critical: UNKNOWN" 3 \
    out="CCHECK UNKNOWN - ccheck: --warning 10 is below --critical 15 (or --min-days): days left fall, WARNING comes first" \
    -- "${N[@]}" --warning 10 "127.0.0.1:$P"
check_run "--nagios with --tap: UNKNOWN" 3 \
    out="CCHECK UNKNOWN - ccheck: --tap and --nagios cannot be used together" \
    -- "$CCHECK" --tap --nagios "127.0.0.1:$P"
check_run "--nagios with --ready: UNKNOWN" 3 \
    out="CCHECK UNKNOWN - ccheck: --nagios and --ready cannot be used together" \
    -- "$CCHECK" --nagios --ready "127.0.0.1:$P"
check_run "unreadable root file: UNKNOWN" 3 \
    out~="CCHECK UNKNOWN - ccheck: --root-certs $(re_quote "$T")/none\.pem: .*" \
    -- "$CCHECK" --nagios -r "$T/none.pem" "127.0.0.1:$P"
check_run "--warning without --nagios" 1 \
    err="ccheck: --warning and --critical need --nagios (see ccheck --help)" \
    -- "$CCHECK" --warning 10 "127.0.0.1:$P"

# The convention of monitoring-plugins' own plugins: check_procs with a
# lower bound prints the same threshold fields.
if [ -x /usr/lib/nagios/plugins/check_procs ]; then
	check_run "check_procs prints thresholds as ccheck does" 2 \
	    out~=".*\| procs=0;30:;15:;0;" \
	    -- /usr/lib/nagios/plugins/check_procs -w 30: -c 15: \
	    -C ccheck-no-such-process
else
	notok "check_procs" "not found (monitoring-plugins-basic)"
fi

# A real consumer: Monitoring::Plugin parses the status line's perfdata;
# its reading of each threshold range must give the state ccheck gave.
if ! perl -MMonitoring::Plugin::Performance -e 1 2>/dev/null; then
	notok "Monitoring::Plugin" "perl module not found (libmonitoring-plugin-perl)"
	finish
fi
cat >"$T/parse.pl" <<'PL'
use strict;
use warnings;
use Monitoring::Plugin::Performance use_die => 1;
open my $in, "<", $ARGV[0] or die "$ARGV[0]: $!";
my ($first) = split /\n/, do { local $/; <$in> };
my (undef, $perf) = split /\|/, $first, 2;
# A value U is no number: the parser leaves it out.
for my $pd (Monitoring::Plugin::Performance->parse_perfstring($perf)) {
	my $st = $pd->threshold->get_status($pd->value);
	printf "%s=%s %s %s %s\n", $pd->label, $pd->value,
	    $pd->threshold->warning, $pd->threshold->critical,
	    (qw(OK WARNING CRITICAL UNKNOWN))[$st];
}
PL
# parsed NAME STATUS WANT -- CCHECK ARGS: ccheck's exit status is STATUS
# and Monitoring::Plugin's reading of its perfdata is WANT.
parsed() {
	local name=$1 status=$2 want=$3 got
	shift 4
	"$@" >"$T/nagios.out"
	got=$?
	check_run "$name" 0 out="$want" -- perl "$T/parse.pl" "$T/nagios.out"
	[ "$got" = "$status" ] && ok "$name: exit $status" ||
	    notok "$name: exit $status" "exit $got"
}
parsed "Monitoring::Plugin: one SPEC" 1 "days=20 30: 15: WARNING" -- \
    "${N[@]}" "127.0.0.1:$S"
parsed "Monitoring::Plugin: several" 2 "${PG}_days=100 30: 25: OK
${TS}_days=20 30: 25: CRITICAL" -- "${N[@]}" --critical 25 "$PG" "$TS" "$TC"
parsed "Monitoring::Plugin: warning band" 1 "days=100 101: 25: WARNING" \
    -- "${N[@]}" --warning 101 --critical 25 "$PG"

finish
