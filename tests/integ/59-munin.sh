#!/bin/bash
# SPDX-License-Identifier: MIT
# Munin plugin mode, run as munin-node runs plugins: munin-run (Debian's
# munin-node) with a plugin-conf.d file setting the environment.  "config"
# describes one field per SPEC; a fetch gives days left, or U with the
# reason as extinfo, and exits 0 either way.
. "$(dirname "$0")/../lib.sh"

command -v munin-run >/dev/null || die "munin-run not found (munin-node)"
pki_make >/dev/null
start_pg "$PKI/leaf-ec.chain.pem" "$PKI/leaf-ec.key"
start_s_server tls "$PKI/leaf-intshort.pem" "$PKI/leaf-intshort.key" \
    "$PKI/int-short.pem"
closed=$(free_port)

mkdir -p "$T/plugins"
ln -s "$CCHECK" "$T/plugins/ccheck_certs"
printf '127.0.0.1:%s\n' "$PG_PORT" >"$T/pg.list"
cat >"$T/plugin.conf" <<CONF
[ccheck_*]
user root
env.title Test certificates
env.warning 30
env.critical 7
env.max_life 120
env.root_certs $PKI/root.pem
env.num_workers 4
env.pg_spec localhost:$PG_PORT 127.0.0.1:$closed
env.pg_spec_list $T/pg.list
env.tls_spec 127.0.0.1:$PORT
CONF
run() {
	munin-run --servicedir "$T/plugins" --sconffile "$T/plugin.conf" \
	    ccheck_certs "$@"
}

pg_field() {
	echo "vpostgres_$(echo "$1" | tr -c 'a-z0-9\n' '_')"
}
f_list=$(pg_field "127.0.0.1:$PG_PORT")
f_name=$(pg_field "localhost:$PG_PORT")
f_closed=$(pg_field "127.0.0.1:$closed")
f_tls=vtls_$(echo "127.0.0.1:$PORT" | tr -c 'a-z0-9\n' '_')

check_run "config" 0 out="graph_title Test certificates
graph_args --base 1000 -l 0 -u 120
graph_category security
graph_info Days left before the first certificate on each verified path expires.
graph_scale no
graph_vlabel Days left
$f_list.label postgres 127.0.0.1:$PG_PORT
$f_list.info Status of 127.0.0.1:$PG_PORT using postgres
$f_list.type GAUGE
$f_list.warning 30:
$f_list.critical 7:
$f_name.label postgres localhost:$PG_PORT
$f_name.info Status of localhost:$PG_PORT using postgres
$f_name.type GAUGE
$f_name.warning 30:
$f_name.critical 7:
$f_closed.label postgres 127.0.0.1:$closed
$f_closed.info Status of 127.0.0.1:$closed using postgres
$f_closed.type GAUGE
$f_closed.warning 30:
$f_closed.critical 7:
$f_tls.label tls 127.0.0.1:$PORT
$f_tls.info Status of 127.0.0.1:$PORT using tls
$f_tls.type GAUGE
$f_tls.warning 30:
$f_tls.critical 7:" -- run config

# munin-run reports the plugin's exit status: 0 once the values are
# printed, a failed SPEC included (its U, extinfo and the thresholds say
# it; munin-node plugins exit non-zero only when they could not fetch).
check_run "fetch" 0 out="$f_list.value 100
$f_name.value 100
$f_closed.value U
$f_closed.extinfo connection refused
$f_tls.value 50" -- run

# Below munin's critical threshold and every other SPEC failed: the
# values say it, the plugin still fetched.
sed -e "s|^env.critical .*|env.critical 60|" \
    -e "s|^env.pg_spec .*|env.pg_spec 127.0.0.1:$closed|" \
    -e "/^env.pg_spec_list/d" "$T/plugin.conf" >"$T/failing.conf"
check_run "fetch, every SPEC failing or critical: still 0" 0 \
    out="$f_closed.value U
$f_closed.extinfo connection refused
$f_tls.value 50" -- munin-run --servicedir "$T/plugins" \
    --sconffile "$T/failing.conf" ccheck_certs
# No values at all (the root file is missing): the plugin failed.
sed "s|^env.root_certs .*|env.root_certs $T/none.pem|" "$T/plugin.conf" \
    >"$T/noroot.conf"
check_run "fetch without its root file: 1" 1 \
    err~="ccheck: munin: root_certs $(re_quote "$T")/none\.pem: .*" \
    -- munin-run --servicedir "$T/plugins" --sconffile "$T/noroot.conf" \
    ccheck_certs

check_run "unknown munin argument" 1 \
    err="ccheck: munin mode takes no argument or \"config\"" -- run autoconf
sed -i "s|^env.pg_spec .*|env.pg_spec db:99999|" "$T/plugin.conf"
check_run "bad SPEC in the environment" 1 \
    err="ccheck: munin: pg_spec: invalid spec \"db:99999\": invalid port" \
    -- run config

finish
