#!/bin/bash
# SPDX-License-Identifier: MIT
# "@file" in every pg_hba.conf field, against PostgreSQL itself: hba.c
# expands an unquoted @file wherever it stands (next_field_expand), not
# only in the database and user fields its documentation names, in 15
# and 17 alike.  For each case line, the server's pg_hba_file_rules view
# (which reads the file as written, without a reload) gives PostgreSQL's
# verdict, and ccheck audit must reject the same lines; the lines it
# accepts must give ccheck the type, address and method PostgreSQL read
# from the files.  PostgreSQL 17 too when tests/pg17.sh can provide it.
. "$(dirname "$0")/../lib.sh"
pki_make

# cases DIR: the @files and the case lines (line 1 keeps psql working).
cases() {
	local d=$1
	echo "127.0.0.1/32" >"$d/addr1.list"
	printf '127.0.0.1/32\n10.0.0.0/8\n' >"$d/addr2.list"
	echo "scram-sha-256" >"$d/meth.list"
	echo "trust,md5" >"$d/meth2.list"
	echo "hostssl" >"$d/type.list"
	echo "255.255.255.255" >"$d/mask.list"
	echo "clientcert=verify-full" >"$d/opt.list"
	echo "@addr1.list" >"$d/nested.list"
	echo "# nothing" >"$d/empty.list"
	echo "10.1.2.0/24 # a comment" >"$d/net.list"
	pg_own "$d"/*.list
	cat >"$d/pg_hba.conf" <<'EOF'
local all all trust
host all all @addr1.list trust
host all all @addr2.list trust
host all all 127.0.0.1/32 @meth.list
@type.list all all 127.0.0.1/32 trust
host all all 127.0.0.1 @mask.list trust
hostssl all all 127.0.0.1/32 trust @opt.list
host all all "@addr1.list" trust
host all all @empty.list 127.0.0.1/32 trust
host @empty.list all 127.0.0.1/32 trust
host all all @nested.list trust
host all all 127.0.0.1/32 @meth2.list
@missing.list all all 127.0.0.1/32 trust
hostssl all all 127.0.0.1/32 cert @opt.list
hostnossl all all @net.list md5
EOF
}

# one VERSION: a cluster of PG_BIN, the cases, both verdicts.
one() {
	local v=$1 d pg cc n
	PG_NAME=pg$v start_pg "$PKI/leaf-ec.chain.pem" "$PKI/leaf-ec.key"
	cases "$PG_DATA"
	pg_as "$PSQL" -h "$T/pg$v/sock" -p "$PG_PORT" -U postgres \
	    -d postgres -XAtF'|' -c "select line_number, coalesce(error, '')
	    <> '', type, coalesce(address, ''), auth_method from
	    pg_hba_file_rules order by line_number" >"$T/pg$v.rules" 2>&1 ||
	    die "pg_hba_file_rules: $(head -c 300 "$T/pg$v.rules")"
	"$CCHECK" audit "$PG_DATA" >"$T/cc$v.out" 2>&1
	n=$(wc -l <"$T/pg$v.rules")
	[ "$n" -ge 15 ] || die "pg_hba_file_rules: $n lines"
	for n in $(seq 2 15); do
		pg=$(grep "^$n|" "$T/pg$v.rules" | cut -d'|' -f2)
		if grep -q "hba-error $PG_DATA/pg_hba.conf:$n: " "$T/cc$v.out"; then
			cc=t
		else
			cc=f
		fi
		if [ "$pg" = "$cc" ]; then
			ok "PostgreSQL $v, line $n: $(sed -n "${n}p" "$PG_DATA/pg_hba.conf") (error: $pg)"
		else
			notok "PostgreSQL $v, line $n: $(sed -n "${n}p" "$PG_DATA/pg_hba.conf")" \
			    "PostgreSQL's error: $pg, ccheck's: $cc ($(grep "pg_hba.conf:$n: " "$T/cc$v.out" | head -n 1))"
		fi
	done
	diag "$(cat "$T/pg$v.rules")"
	# What the accepted lines read from their files.
	for want in \
	    "info     hba-no-tls $PG_DATA/pg_hba.conf:2: host line accepts TCP connections without TLS from 127.0.0.1/32" \
	    "info     hba-no-tls $PG_DATA/pg_hba.conf:4: host line accepts TCP connections without TLS from 127.0.0.1/32" \
	    "warning  hba-trust $PG_DATA/pg_hba.conf:5: hostssl line trusts TCP connections from 127.0.0.1/32 without a password" \
	    "info     hba-no-tls $PG_DATA/pg_hba.conf:6: host line accepts TCP connections without TLS from 127.0.0.1" \
	    "info     hba-cert $PG_DATA/pg_hba.conf:7: hostssl line from 127.0.0.1/32 requires a client certificate (clientcert=verify-full)" \
	    "warning  hba-no-tls $PG_DATA/pg_hba.conf:8: host line accepts TCP connections without TLS from @addr1.list" \
	    "info     hba-no-tls $PG_DATA/pg_hba.conf:9: host line accepts TCP connections without TLS from 127.0.0.1/32" \
	    "info     hba-no-tls $PG_DATA/pg_hba.conf:11: host line accepts TCP connections without TLS from 127.0.0.1/32" \
	    "warning  hba-no-tls $PG_DATA/pg_hba.conf:15: hostnossl line accepts TCP connections without TLS from 10.1.2.0/24"; do
		if grep -qF -- "$want" "$T/cc$v.out"; then
			ok "PostgreSQL $v: ${want#*pg_hba.conf:}"
		else
			notok "PostgreSQL $v: ${want#*pg_hba.conf:}" \
			    "$(grep "pg_hba.conf:${want#*pg_hba.conf:}" "$T/cc$v.out" | head -c 300)"
		fi
	done
}

# psql 15 asks both servers (17's psql wants a newer glibc).
PSQL=$PG_BIN/psql
one 15
if BIN=$(pg17_bin) && [ -x "$BIN/initdb" ]; then
	PG_BIN=$BIN one 17
else
	diag "PostgreSQL 17 not available: $(tail -n 1 "$T/pg17.log")"
fi
finish
