#!/bin/bash
# SPDX-License-Identifier: MIT
# ccheck audit (issue 16) against real clusters on loopback: one made by
# initdb serving a Let's-Encrypt-shaped live/ -> archive/ tree with the
# advised -r--r----- root:ssl-cert key (nothing above info), then the same
# key 0644, writable, in the wrong group, owned by another user; a
# renewed-but-not-reloaded certificate; includes and postgresql.auto.conf
# overriding; pg_hba.conf host, hostnossl and trust lines; ssl = off,
# syntax errors, a key that does not match; and a cluster made by Debian's
# pg_createcluster with the ssl-cert package's snakeoil default.  Needs
# root (it chowns keys to root and to postgres).
. "$(dirname "$0")/../lib.sh"

[ "$(id -u)" -eq 0 ] || die "needs root (key ownership)"
getent group ssl-cert | grep -q postgres ||
    die "postgres is not in group ssl-cert (postgresql-common sets it)"
pki_make >/dev/null

# audit_is NAME STATUS WANT -- ARGS...: ccheck audit ARGS exits STATUS and
# its findings, each as "severity id file:line", are exactly WANT (lines).
audit_is() {
	local name=$1 want_status=$2 want=$3 status got why=
	shift 4
	ck audit "$@" >"$T/audit.out" 2>"$T/audit.err" </dev/null
	status=$?
	got=$(sed -n 's/^  \([a-z]*\) *\([a-z-]*\) \([^ ]*\): .*/\1 \2 \3/p' \
	    "$T/audit.out")
	diag "\$ ccheck audit $*" "exit $status" "$(cat "$T/audit.out" \
	    "$T/audit.err")"
	[ "$status" = "$want_status" ] ||
	    why="exit status $status, want $want_status"
	if [ "$got" != "$want" ]; then
		why="${why:+$why; }findings '$(echo "$got" | tr '\n' '|')', want '$(echo "$want" | tr '\n' '|')'"
	fi
	[ -s "$T/audit.err" ] && why="${why:+$why; }stderr $(head -c 200 "$T/audit.err")"
	if [ -z "$why" ]; then
		ok "$name"
	else
		notok "$name" "$why"
	fi
}

# audit_line NAME PATTERN -- ARGS...: some line of the output equals
# PATTERN exactly (the message text, not only its place).
audit_line() {
	local name=$1 want=$2
	shift 3
	ck audit "$@" >"$T/audit.out" 2>&1 </dev/null
	if grep -qxF -- "$want" "$T/audit.out"; then
		ok "$name"
	else
		diag "$(cat "$T/audit.out")"
		notok "$name" "no line '$want'"
	fi
}

# ---- initdb cluster, Let's Encrypt tree ----------------------------------
le=$T/le
mkdir -p "$le/live/db" "$le/archive/db"
cp "$PKI/leaf-ec.chain.pem" "$le/archive/db/fullchain1.pem"
cp "$PKI/leaf-ec.key" "$le/archive/db/privkey1.pem"
ln -s ../../archive/db/fullchain1.pem "$le/live/db/fullchain.pem"
ln -s ../../archive/db/privkey1.pem "$le/live/db/privkey.pem"
chown -R root:ssl-cert "$le" && chmod 0750 "$le" "$le/live" "$le/live/db" \
    "$le/archive" "$le/archive/db" && chmod 0644 "$le/archive/db/fullchain1.pem" &&
    chmod 0440 "$le/archive/db/privkey1.pem" || die "cannot build $le"
key=$le/archive/db/privkey1.pem

start_pg "$PKI/leaf-ec.chain.pem" "$PKI/leaf-ec.key"
pg_conf ssl_cert_file "$le/live/db/fullchain.pem"
pg_conf ssl_key_file "$le/live/db/privkey.pem"
conf=$PG_DATA/postgresql.conf
cl=$(grep -n "^ssl_cert_file = '$le" "$conf" | cut -d: -f1)
kl=$(grep -n "^ssl_key_file = '$le" "$conf" | cut -d: -f1)
hba=$PG_DATA/pg_hba.conf
printf 'local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\n' \
    >"$hba"
reload_pg
pg=127.0.0.1:$PG_PORT
args=(-r "$PKI/root.pem" --name localhost "$PG_DATA")
clean="info cert $conf:$cl
info key-file $conf:$kl
info served $conf:$cl"

audit_is "advised setup: nothing above info" 0 "$clean" -- "${args[@]}"
audit_is "--fail-on info fails it" 2 "$clean" -- --fail-on info "${args[@]}"
audit_line "each step of the symlink chain shown" \
    "  info     key-file $conf:$kl: $le/live/db/privkey.pem (lrwxrwxrwx root:ssl-cert) -> $le/live/db/../../archive/db/privkey1.pem (-r--r----- root:ssl-cert)" \
    -- "${args[@]}"
audit_line "served certificate and what was negotiated" \
    "  info     served $conf:$cl: the server at $pg serves $le/live/db/fullchain.pem (TLSv1.3, TLS_AES_256_GCM_SHA384)" \
    -- "${args[@]}"
audit_line "summary line" "1 cluster: 0 critical, 0 warning, 3 info" \
    -- "${args[@]}"
audit_is "postgresql.conf named instead of the directory" 0 "$clean" \
    -- -r "$PKI/root.pem" --name localhost "$conf"
audit_is "built-in anchors: the test CA is unknown" 2 "info cert $conf:$cl
warning cert-untrusted $conf:$cl
info key-file $conf:$kl
info served $conf:$cl" -- --name localhost "$PG_DATA"
audit_is "a --name the certificate lacks" 2 "info cert $conf:$cl
warning cert-name $conf:$cl
info key-file $conf:$kl
info served $conf:$cl" -- -r "$PKI/root.pem" --name db.example.test "$PG_DATA"
audit_is "--min-days above the days left" 2 "info cert $conf:$cl
warning cert-expiring $conf:$cl
info key-file $conf:$kl
info served $conf:$cl" -- -m 101 "${args[@]}"

# The key's mode and owner, by PostgreSQL's rule and the advice's.
chmod 0644 "$key"
audit_is "key 0644: PostgreSQL refuses it" 2 "info cert $conf:$cl
info key-file $conf:$kl
critical key-perms $conf:$kl
info served $conf:$cl" -- "${args[@]}"
chmod 0640 "$key"
audit_is "key 0640: writable" 2 "info cert $conf:$cl
info key-file $conf:$kl
warning key-writable $conf:$kl
info served $conf:$cl" -- "${args[@]}"
audit_is "writable key passes --fail-on critical" 0 "info cert $conf:$cl
info key-file $conf:$kl
warning key-writable $conf:$kl
info served $conf:$cl" -- --fail-on critical "${args[@]}"
chmod 0440 "$key" && chgrp root "$key"
audit_is "key in a group without postgres" 2 "info cert $conf:$cl
info key-file $conf:$kl
critical key-group $conf:$kl
info served $conf:$cl" -- "${args[@]}"
audit_line "wrong group: the words" \
    "  critical key-group $conf:$kl: private key file \"$le/live/db/../../archive/db/privkey1.pem\" (root:root, mode 0440) is not readable by the database user postgres, who is not in that group; fix: chown root:certs and chmod 0440 (-r--r-----, with postgres in group certs), or chown postgres and chmod 0400" \
    -- "${args[@]}"
chown nobody "$key"
audit_is "key owned by another user" 2 "info cert $conf:$cl
info key-file $conf:$kl
critical key-owner $conf:$kl
info served $conf:$cl" -- "${args[@]}"
chown root:ssl-cert "$key"
chmod 0700 "$le/archive"
audit_is "archive/ closed to the database user (certbot's 0700)" 2 \
    "info cert $conf:$cl
info key-file $conf:$kl
critical key-path $conf:$kl
info served $conf:$cl" -- "${args[@]}"
audit_line "closed directory: the words" \
    "  critical key-path $conf:$kl: the database user postgres cannot reach $le/live/db/../../archive/db/privkey1.pem: directory $le/live/db/../../archive is drwx------ root:ssl-cert; fix: let the group certs search it: chgrp certs, chmod 0750" \
    -- "${args[@]}"
chmod 0750 "$le/archive"
chown postgres:postgres "$key" && chmod 0400 "$key"
audit_is "key 0400 owned by postgres" 0 "$clean" -- "${args[@]}"
chown root:ssl-cert "$key" && chmod 0440 "$key"

# Renewed on disk, not reloaded: a new pair in archive/, live/ relinked.
cp "$PKI/leaf-rsa.chain.pem" "$le/archive/db/fullchain2.pem"
cp "$PKI/leaf-rsa.key" "$le/archive/db/privkey2.pem"
chown root:ssl-cert "$le/archive/db/"*2.pem
chmod 0440 "$le/archive/db/privkey2.pem"
ln -sfn ../../archive/db/fullchain2.pem "$le/live/db/fullchain.pem"
ln -sfn ../../archive/db/privkey2.pem "$le/live/db/privkey.pem"
audit_is "renewed, not reloaded" 2 "info cert $conf:$cl
info key-file $conf:$kl
warning served-stale $conf:$cl" -- "${args[@]}"
reload_pg
audit_is "renewed and reloaded" 0 "$clean" -- "${args[@]}"

# A key that is not the certificate's.
ln -sfn ../../archive/db/privkey1.pem "$le/live/db/privkey.pem"
audit_is "key does not match the certificate" 2 "info cert $conf:$cl
info key-file $conf:$kl
critical key-mismatch $conf:$kl
info served $conf:$cl" -- "${args[@]}"
ln -sfn ../../archive/db/privkey2.pem "$le/live/db/privkey.pem"

# Socket only (listen_addresses = ''): nothing to probe, and why.  The
# server's own answer on its socket is the premise: PostgreSQL answers N
# to an SSLRequest there (backend_startup.c), so no probe could see it.
pg_conf listen_addresses ''
pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 15 restart \
    >"$T/pg_ctl.log" 2>&1 || die "restart with listen_addresses ''"
sock=$(dirname "$PG_DATA")/sock/.s.PGSQL.$PG_PORT
audit_line "socket only: the reason nothing is probed" \
    "  info     served $conf:$cl: listen_addresses is empty: the server takes unix-socket connections only, which PostgreSQL never encrypts; no client is served $le/live/db/fullchain.pem until a TCP listener is configured" \
    -- "${args[@]}"
audit_is "socket only: nothing above info" 0 "$clean" -- "${args[@]}"
if [ "$(python3 -c 'import socket, struct, sys
s = socket.socket(socket.AF_UNIX)
s.settimeout(5)
s.connect(sys.argv[1])
s.sendall(struct.pack("!ii", 8, 80877103))
sys.stdout.write(s.recv(1).decode())' "$sock" 2>&1)" = N ]; then
	ok "socket only: the server answers N to SSLRequest on its socket"
else
	notok "socket only: the server answers N to SSLRequest on its socket"
fi

# ---- files only: includes, auto.conf, pg_hba.conf, ssl = off -------------
f=$T/files
mkdir -p "$f/conf.d"
cp "$PKI/leaf-ec.chain.pem" "$f/server.crt"
cp "$PKI/leaf-ec.key" "$f/server.key"
chown -R postgres: "$f" && chmod 0700 "$f" && chmod 0400 "$f/server.key"
nport=$(free_port) || die "no free port"
cat >"$f/postgresql.conf" <<EOF
# ccheck audit test
port = $nport
listen_addresses = 'localhost'
ssl = on
include_dir 'conf.d'
include_if_exists 'absent.conf'
EOF
echo "ssl_min_protocol_version = 'TLSv1'" >"$f/conf.d/10-tls.conf"
echo "ssl_ciphers = 'HIGH:RC4:3DES:!aNULL'" >"$f/conf.d/20-ciphers.conf"
cat >"$f/pg_hba.conf" <<'EOF'
local   all all                  peer
host    all all 127.0.0.1/32     scram-sha-256
hostnossl all all ::1/128        scram-sha-256
host    all all 0.0.0.0/0        scram-sha-256
host    all all 10.0.0.0 255.0.0.0 trust
hostssl all all 192.0.2.0/24     scram-sha-256 clientcert=verify-full
host    all all 198.51.100.0/24  reject
include_dir hba.d
EOF
mkdir -p "$f/hba.d"
echo "hostssl all all samenet cert" >"$f/hba.d/a.conf"
fc=$f/postgresql.conf
fargs=(-r "$PKI/root.pem" --name localhost "$f")
files_hba="info hba-no-tls $f/pg_hba.conf:2
info hba-no-tls $f/pg_hba.conf:3
warning hba-no-tls $f/pg_hba.conf:4
warning hba-no-tls $f/pg_hba.conf:5
critical hba-trust $f/pg_hba.conf:5
info hba-cert $f/pg_hba.conf:6
info hba-cert $f/hba.d/a.conf:1
info served $fc"
audit_is "includes, weak protocol and ciphers, pg_hba.conf lines" 2 \
    "info cert $fc
info key-file $fc
warning tls-min $f/conf.d/10-tls.conf:1
warning ciphers $f/conf.d/20-ciphers.conf:1
$files_hba" -- "${fargs[@]}"
audit_line "ciphers: the classes" \
    "  warning  ciphers $f/conf.d/20-ciphers.conf:1: ssl_ciphers = 'HIGH:RC4:3DES:!aNULL' allows RC4, 3DES cipher suites (RC4 and 3DES in OpenSSL builds with enable-weak-ssl-ciphers); fix: leave ssl_ciphers at its default, or end it with :!aNULL:!eNULL:!RC4:!3DES" \
    -- "${fargs[@]}"
# ssl_ciphers as OpenSSL reads it (73-ciphers-diff.sh checks the suites
# against openssl ciphers): STRING|the "ciphers" or "config" words, or
# "-" for none of either.
cp "$f/conf.d/20-ciphers.conf" "$T/ciphers.orig"
while IFS='|' read -r cs want; do
	echo "ssl_ciphers = '$cs'" >"$f/conf.d/20-ciphers.conf"
	ck audit "${fargs[@]}" >"$T/audit.out" 2>&1 </dev/null
	got=$(sed -n "s/^  [a-z]* *\(ciphers\|config\) [^ ]*: ssl_ciphers = '.*'[: ]\(.*\)/\2/p" \
	    "$T/audit.out" | sed 's/^ //; s/; fix: .*//' | paste -sd'|' -)
	if [ "${got:--}" = "$want" ]; then
		ok "ssl_ciphers '$cs'"
	else
		notok "ssl_ciphers '$cs'" "got '$got', want '$want'"
	fi
done <<'EOF2'
HIGH:!aNULL|-
DEFAULT|-
HIGH:!anull|allows anonymous cipher suites
HIGH:-aNULL:ADH+AES|allows anonymous cipher suites
HIGH:-aNULL:aNULL|allows NULL, anonymous, RC4, 3DES cipher suites (RC4 and 3DES in OpenSSL builds with enable-weak-ssl-ciphers)
ALL:!aNULL:!RC4|allows 3DES cipher suites (RC4 and 3DES in OpenSSL builds with enable-weak-ssl-ciphers)
HIGH:MEDIUM:+3DES:!aNULL|allows RC4, 3DES cipher suites (RC4 and 3DES in OpenSSL builds with enable-weak-ssl-ciphers)
ALL:COMPLEMENTOFALL:@SECLEVEL=2|allows 3DES cipher suites (RC4 and 3DES in OpenSSL builds with enable-weak-ssl-ciphers)
eNULL:aNULL:@SECLEVEL=1|-
eNULL:@SECLEVEL=0|allows NULL, anonymous cipher suites
NULL-SHA256:HIGH:!3DES|allows NULL, anonymous cipher suites
3DES|it selects no suite of a stock OpenSSL 3, so PostgreSQL cannot start (could not set the cipher list)|allows anonymous, 3DES cipher suites (RC4 and 3DES in OpenSSL builds with enable-weak-ssl-ciphers)
TLS_AES_128_GCM_SHA256|it selects no suite of a stock OpenSSL 3, so PostgreSQL cannot start (could not set the cipher list)
HIGH:!aNULL:#|OpenSSL rejects it, so PostgreSQL cannot start (could not set the cipher list)
HIGH:!aNULL:@SECLEVEL=6|OpenSSL rejects it, so PostgreSQL cannot start (could not set the cipher list)
EOF2
mv "$T/ciphers.orig" "$f/conf.d/20-ciphers.conf"
audit_line "nothing listens: the probe is only noted" \
    "  info     served $fc: the server at 127.0.0.1:$nport: connection refused" \
    -- "${fargs[@]}"
# @file lists in pg_hba.conf, relative to it: one it cannot open is
# an error line, as in PostgreSQL 16.
cp "$f/pg_hba.conf" "$T/hba.orig"
echo "admin, \"ops\"" >"$f/admins.list"
printf 'hostssl all @admins.list 192.0.2.0/24 scram-sha-256\nhostssl @gone.list all 192.0.2.0/24 scram-sha-256\n' \
    >>"$f/pg_hba.conf"
audit_line "pg_hba.conf @file: a missing one rejects its line" \
    "  critical hba-error $f/pg_hba.conf:10: could not open configuration file \"$f/gone.list\": No such file or directory; fix: PostgreSQL refuses to start with this pg_hba.conf (and keeps the old one on reload)" \
    -- "${fargs[@]}"
audit_line "pg_hba.conf @file: one error, the readable list none" \
    "1 cluster: 2 critical, 4 warning, 7 info" -- "${fargs[@]}"
mv "$T/hba.orig" "$f/pg_hba.conf"

# postgresql.auto.conf comes last and wins over the include_dir.
printf "ssl_min_protocol_version = 'TLSv1.2'\nssl_ciphers = 'HIGH:!aNULL'\n" \
    >"$f/postgresql.auto.conf"
audit_is "postgresql.auto.conf overrides the includes" 2 "info cert $fc
info key-file $fc
$files_hba" -- "${fargs[@]}"
printf "ssl_min_protocol_version = 'TLSv1.1'\n" >"$f/conf.d/30-later.conf"
audit_line "auto.conf still last after a later include" \
    "1 cluster: 1 critical, 2 warning, 7 info" -- "${fargs[@]}"
echo "ssl = off" >>"$f/postgresql.auto.conf"
audit_is "ssl = off in postgresql.auto.conf" 2 \
    "critical ssl-off $f/postgresql.auto.conf:3
$(echo "$files_hba" | sed '$d')" -- "${fargs[@]}"
rm "$f/postgresql.auto.conf" "$f/conf.d/30-later.conf"
echo "ssl_cert_file = server.crt" >"$f/conf.d/40-typo.conf"
audit_is "a syntax error PostgreSQL would refuse" 2 \
    "critical config $f/conf.d/40-typo.conf:1
info cert $fc
info key-file $fc
warning tls-min $f/conf.d/10-tls.conf:1
warning ciphers $f/conf.d/20-ciphers.conf:1
$files_hba" -- "${fargs[@]}"
audit_line "syntax error: PostgreSQL's words" \
    "  critical config $f/conf.d/40-typo.conf:1: syntax error, near token \"server.crt\"; fix: PostgreSQL refuses to start with this configuration (and ignores it on reload)" \
    -- "${fargs[@]}"
rm "$f/conf.d/40-typo.conf"
# Run as the database user, whose failure to read is PostgreSQL's; a
# copy of ccheck in $T, which that user can reach wherever the tree is
# (a clone under /root's 0700 home).
chown root "$f/server.crt" && chmod 0600 "$f/server.crt"
cp "$CCHECK" "$T/ccheck-pgu" || die "cp $CCHECK"
runuser -u postgres -- "${CK[@]:0:${#CK[@]}-1}" "$T/ccheck-pgu" audit \
    "${fargs[@]}" >"$T/pgu.out" 2>&1
if grep -qxF "  critical cert-unreadable $fc: $f/server.crt: could not read file: permission denied: PostgreSQL cannot load it; fix: make it readable by the database user" "$T/pgu.out"; then
	ok "a certificate the database user cannot read"
else
	notok "a certificate the database user cannot read" "$(tr '\n' '|' <"$T/pgu.out")"
fi
rm "$f/server.crt"
audit_is "a missing certificate" 2 "critical cert-unreadable $fc
info key-file $fc
warning tls-min $f/conf.d/10-tls.conf:1
warning ciphers $f/conf.d/20-ciphers.conf:1
$(echo "$files_hba" | sed '$d')" -- "${fargs[@]}"

# Snakeoil by what it is: self-signed for this host's own name.
h=$(hostname)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$f/self.key" -out "$f/self.crt" -subj "/CN=$h" \
    -addext "subjectAltName=DNS:$h" -days 30 2>/dev/null ||
    die "cannot make a self-signed certificate"
chown postgres "$f/self.key" "$f/self.crt" && chmod 0400 "$f/self.key"
printf "ssl_cert_file = 'self.crt'\nssl_key_file = 'self.key'\n" \
    >"$f/conf.d/60-self.conf"
audit_line "self-signed for the host's name: snakeoil" \
    "  warning  snakeoil $f/conf.d/60-self.conf:1: $f/self.crt is self-signed for this host's own name $h (a snakeoil certificate): no client can verify it; fix: use a certificate from a CA clients trust (Let's Encrypt: ssl_cert_file = fullchain.pem, ssl_key_file = privkey.pem)" \
    -- -r "$PKI/root.pem" "$f"
cp "$PKI/selfsigned.pem" "$f/self.crt" && cp "$PKI/selfsigned.key" "$f/self.key"
ck audit -r "$PKI/root.pem" --name localhost "$f" >"$T/self.out" 2>&1
if [ "$h" != localhost ] && grep -q " cert-untrusted $f/conf.d/60-self.conf:1: " "$T/self.out" &&
    ! grep -q " snakeoil " "$T/self.out"; then
	ok "self-signed for another name: untrusted, not snakeoil"
else
	notok "self-signed for another name: untrusted, not snakeoil" "$(tr '\n' '|' <"$T/self.out")"
fi
rm "$f/conf.d/60-self.conf"

# port as PostgreSQL's parse_int reads it: hexadecimal too.
cp "$PKI/leaf-ec.chain.pem" "$f/server.crt"
printf 'port = 0x%x\n' "$nport" >"$f/conf.d/50-port.conf"
audit_line "a hexadecimal port" \
    "  info     served $fc: the server at 127.0.0.1:$nport: connection refused" \
    -- "${fargs[@]}"
echo "port = 70000" >"$f/conf.d/50-port.conf"
audit_line "a port out of range" \
    "  critical config $f/conf.d/50-port.conf:1: invalid value for parameter \"port\": \"70000\"" \
    -- "${fargs[@]}"
rm "$f/conf.d/50-port.conf"

# The default targets: no cluster under the root, then $PGDATA.
check_run "no cluster found" 1 \
    err="ccheck: no cluster found: name a data directory or postgresql.conf, or set PGDATA (see ccheck --help)" \
    -- env PG_CLUSTER_CONF_ROOT="$T/empty" PGDATA= "$CCHECK" audit
PG_CLUSTER_CONF_ROOT=$T/empty PGDATA=$f ck audit -q >"$T/pgdata.out"
if head -n 1 "$T/pgdata.out" | grep -qxF "$fc (data directory $f)"; then
	ok "\$PGDATA when no cluster is listed"
else
	notok "\$PGDATA when no cluster is listed" "$(tr '\n' '|' <"$T/pgdata.out")"
fi

# The output formats: JSON parses and holds the findings; TAP counts.
ck audit --json "${args[@]}" >"$T/a.json"
if python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
c = d["clusters"][0]
assert d["failed"] is False and d["fail_on"] == "warning"
assert (d["critical"], d["warning"], d["info"]) == (0, 0, 3)
assert [x["id"] for x in c["findings"]] == ["cert", "key-file", "served"]
assert c["findings"][0]["line"] > 0 and c["findings"][0]["advice"] is None
s = c["settings"]
assert s["ssl"]["value"] == "on" and s["ssl_key_file"]["file"] == c["config"]
assert s["ssl_cert_file"]["value"].endswith("/live/db/fullchain.pem")
assert "ssl_ciphers" not in s
' "$T/a.json"; then ok "--json schema"; else notok "--json schema" "$(cat "$T/a.json")"; fi
check_run "--tap" 0 out~="ok 1 - $conf: info cert .*
ok 2 - $conf: info key-file .*
ok 3 - $conf: info served .*
1\.\.3" -- "$CCHECK" audit --tap "${args[@]}"
check_run "--nagios" 0 \
    out="CCHECK AUDIT OK - 0 critical, 0 warning, 3 info | critical=0;;;0 warning=0;;;0 info=3;;;0" \
    -- "$CCHECK" audit --nagios "${args[@]}"
check_run "--fail-on: a bad severity" 1 \
    err="ccheck: invalid value \"error\" for --fail-on: want info, warning or critical (see ccheck --help)" \
    -- "$CCHECK" audit --fail-on error "$PG_DATA"
check_run "--name outside audit" 1 \
    err="ccheck: --name and --fail-on are options of ccheck audit (see ccheck --help)" \
    -- "$CCHECK" --name x "$pg"
check_run "a target that is not there" 2 \
    out="$T/none
  critical config $T/none: could not open configuration file \"$T/none\": No such file or directory

1 cluster: 1 critical, 0 warning, 0 info" -- "$CCHECK" audit "$T/none"

# ---- Debian: pg_createcluster with the snakeoil default -----------------
snake=/etc/ssl/certs/ssl-cert-snakeoil.pem
made_snakeoil=
if [ ! -e "$snake" ]; then
	# The ssl-cert package's postinst makes it; an image may lack it.
	make-ssl-cert generate-default-snakeoil >/dev/null 2>&1 ||
	    die "make-ssl-cert failed"
	made_snakeoil=1
fi
ver=$(basename "$(dirname "$PG_BIN")")
export PG_CLUSTER_CONF_ROOT=$T/etc
dport=$(free_port) || die "no free port"
mkdir -p "$T/deb/sock" && chown postgres "$T/deb/sock"
debian_cleanup() {
	pg_dropcluster --stop "$ver" audit >/dev/null 2>&1
	if [ -n "$made_snakeoil" ]; then
		rm -f "$snake" /etc/ssl/private/ssl-cert-snakeoil.key
	fi
	cleanup
}
trap debian_cleanup EXIT
pg_createcluster -d "$T/deb/data" -p "$dport" -s "$T/deb/sock" \
    --logfile="$T/deb/log" "$ver" audit -- --no-sync >"$T/deb/create.log" 2>&1 ||
    die "pg_createcluster: $(tail -n 3 "$T/deb/create.log")"
pg_ctlcluster "$ver" audit start >/dev/null 2>&1 ||
    die "pg_ctlcluster start: $(tail -n 3 "$T/deb/log")"
dc=$T/etc/$ver/audit/postgresql.conf
dcl=$(grep -n "^ssl_cert_file" "$dc" | cut -d: -f1)
dkl=$(grep -n "^ssl_key_file" "$dc" | cut -d: -f1)
dh=$T/etc/$ver/audit/pg_hba.conf
hosts=$(grep -n "^host" "$dh" | cut -d: -f1 |
    sed "s|.*|info hba-no-tls $dh:&|")
audit_is "stock Debian: snakeoil and host lines flagged" 2 \
    "info cert $dc:$dcl
warning snakeoil $dc:$dcl
info key-file $dc:$dkl
warning key-writable $dc:$dkl
$hosts
info served $dc:$dcl" --
audit_line "snakeoil: the words" \
    "  warning  snakeoil $dc:$dcl: $snake is the snakeoil certificate of Debian's ssl-cert package: no client can verify it; fix: use a certificate from a CA clients trust (Let's Encrypt: ssl_cert_file = fullchain.pem, ssl_key_file = privkey.pem)" \
    --
# Renewed on disk, not reloaded, the Debian way: pg_ctlcluster's advice.
sed -i "s|^ssl_cert_file.*|ssl_cert_file = '$le/live/db/fullchain.pem'|; s|^ssl_key_file.*|ssl_key_file = '$le/live/db/privkey.pem'|" "$dc"
ck audit --name localhost -r "$PKI/root.pem" >"$T/deb.out" 2>&1
if grep -qxE "  warning  served-stale $dc:$dcl: renewed on disk, not reloaded: the server at 127\.0\.0\.1:$dport serves another certificate than $le/live/db/fullchain\.pem \(serial [0-9a-f]+, not 1004\); fix: run pg_ctlcluster $ver audit reload" "$T/deb.out"; then
	ok "not reloaded: pg_ctlcluster's command"
else
	notok "not reloaded: pg_ctlcluster's command" "$(tr '\n' '|' <"$T/deb.out")"
fi
pg_ctlcluster "$ver" audit reload >/dev/null 2>&1
sleep 1
audit_is "reloaded: only the host lines, as info" 0 "info cert $dc:$dcl
info key-file $dc:$dkl
$hosts
info served $dc:$dcl" -- --name localhost -r "$PKI/root.pem"
finish
