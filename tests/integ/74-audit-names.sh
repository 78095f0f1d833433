#!/bin/bash
# SPDX-License-Identifier: MIT
# ccheck audit's default name (issue 16: "the host's FQDN"): the short
# name gethostname gives and the canonical name `hostname -f` finds, from
# /etc/hosts or, when it does not name the host, from DNS with the search
# domains (a real dnsmasq).  Runs in private network, mount and UTS
# namespaces: our own host name, /etc/hosts and /etc/resolv.conf, with
# glibc's `hostname -f` as the oracle for the FQDN.  The cluster is files
# only (listen_addresses = ''), so no server is needed.
if [ -z "${CK_IN_NETNS:-}" ]; then
	if ! command -v dnsmasq >/dev/null; then
		echo "not ok - 74-audit-names: setup: dnsmasq not installed (third_party/debian-deps --test)"
		exit 1
	fi
	if ! e=$(unshare --net --mount --uts true 2>&1); then
		echo "not ok - 74-audit-names: setup: cannot make namespaces (root needed; / a mount point, not a plain chroot): ${e%%$'\n'*}"
		exit 1
	fi
	CK_IN_NETNS=1 exec unshare --net --mount --uts bash "$0" "$@"
fi
. "$(dirname "$0")/../lib.sh"

ip link set lo up || die "ip link set lo up"
names_cleanup() {
	umount /etc/resolv.conf /etc/hosts 2>/dev/null
	cleanup
}
trap names_cleanup EXIT
HOSTS=$T/hosts
RESOLV=$T/resolv.conf
printf 'nameserver 127.0.0.1\nsearch nowhere.test example.test\noptions timeout:1 attempts:1\n' >"$RESOLV"
: >"$HOSTS"
mount --bind "$RESOLV" /etc/resolv.conf || die "bind-mount resolv.conf"
mount --bind "$HOSTS" /etc/hosts || die "bind-mount hosts"

cat >"$T/dnsmasq.conf" <<'EOF'
port=53
listen-address=127.0.0.1
bind-interfaces
no-resolv
no-hosts
no-poll
local=/test/
host-record=dnshost.example.test,127.0.0.1
EOF
dnsmasq --conf-file="$T/dnsmasq.conf" --pid-file="$T/dnsmasq.pid" \
    --log-facility="$T/dnsmasq.log" || die "dnsmasq did not start"
wait_for 5 test -s "$T/dnsmasq.pid" || die "dnsmasq wrote no pid"
SERVER_PIDS+=("$(cat "$T/dnsmasq.pid")")

# A files-only cluster whose certificate names only what CN/SAN say.
c=$T/c
mkdir -p "$c"
printf "ssl = on\nport = 5432\nlisten_addresses = ''\n" >"$c/postgresql.conf"
: >"$c/pg_hba.conf"
chmod 0700 "$c"
# cert NAME [self]: server.crt names NAME (signed by a throwaway CA,
# unless self: self-signed).
cert() {
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	    -keyout "$c/ca.key" -out "$c/ca.crt" -subj "/CN=names CA" \
	    -days 30 2>/dev/null || die "CA"
	if [ "${2:-}" = self ]; then
		openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 \
		    -nodes -keyout "$c/server.key" -out "$c/server.crt" \
		    -subj "/CN=$1" -addext "subjectAltName=DNS:$1" -days 30 \
		    2>/dev/null || die "self-signed $1"
	else
		openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 \
		    -nodes -keyout "$c/server.key" -out "$c/server.crt" \
		    -subj "/CN=$1" -addext "subjectAltName=DNS:$1" -days 30 \
		    -CA "$c/ca.crt" -CAkey "$c/ca.key" 2>/dev/null ||
		    die "certificate for $1"
	fi
	chmod 0400 "$c/server.key"
}

# name_line NAME WANT -- ARGS: the cert-name (or snakeoil) line of ccheck
# audit ARGS is WANT exactly ("" : there is none).
name_line() {
	local name=$1 want=$2 got
	shift 3
	ck audit -r "$c/ca.crt" "$@" "$c" >"$T/out" 2>&1 </dev/null
	got=$(grep -E '^  [a-z]+ +(cert-name|snakeoil) ' "$T/out")
	if [ "$got" = "$want" ]; then
		ok "$name"
	else
		diag "$(cat "$T/out")"
		notok "$name" "got '$got', want '$want'"
	fi
}
fc=$c/postgresql.conf
fix="; fix: get a certificate naming the host clients connect to (--name)"

# /etc/hosts names the host: its line's first name is the FQDN.
hostname db || die "hostname db"
printf '127.0.0.1 localhost\n10.9.9.9 db.example.test db\n' >"$HOSTS"
fqdn=$(hostname -f)
if [ "$fqdn" = db.example.test ]; then ok "oracle: hostname -f from /etc/hosts"; else notok "oracle: hostname -f from /etc/hosts" "'$fqdn'"; fi
cert db
name_line "/etc/hosts: the FQDN checked, the short name shown" \
    "  warning  cert-name $fc: $c/server.crt: not valid for $fqdn (this host's FQDN, hostname -f; its short name is db): x509: certificate is valid for db, not $fqdn$fix" --
cert db.example.test
name_line "/etc/hosts: a certificate for the FQDN passes" "" --
name_line "--name replaces the host's names" \
    "  warning  cert-name $fc: $c/server.crt: not valid for other.test: x509: certificate is valid for db.example.test, not other.test$fix" \
    -- --name other.test
name_line "--name the certificate holds" "" -- --name db.example.test
cert db.example.test self
name_line "self-signed for the FQDN: snakeoil" \
    "  warning  snakeoil $fc: $c/server.crt is self-signed for this host's own name db.example.test (a snakeoil certificate): no client can verify it; fix: use a certificate from a CA clients trust (Let's Encrypt: ssl_cert_file = fullchain.pem, ssl_key_file = privkey.pem)" --

# Not in /etc/hosts: DNS, with the search domains, as hostname -f.
hostname dnshost || die "hostname dnshost"
printf '127.0.0.1 localhost\n' >"$HOSTS"
fqdn=$(hostname -f 2>/dev/null)
if [ "$fqdn" = dnshost.example.test ]; then ok "oracle: hostname -f from DNS"; else notok "oracle: hostname -f from DNS" "'$fqdn'"; fi
cert dnshost
name_line "DNS: the FQDN checked, the short name shown" \
    "  warning  cert-name $fc: $c/server.crt: not valid for dnshost.example.test (this host's FQDN, hostname -f; its short name is dnshost): x509: certificate is valid for dnshost, not dnshost.example.test$fix" --
cert dnshost.example.test
name_line "DNS: a certificate for the FQDN passes" "" --

# Neither knows the name: the short name, and the words say so.
hostname lonely || die "hostname lonely"
cert db.example.test
check_run "no FQDN: the short name, within --timeout" 2 \
    out~=".*  warning  cert-name $fc: $c/server\.crt: not valid for lonely \(this host's name; /etc/hosts and DNS give no FQDN for lonely\): x509: certificate is valid for db\.example\.test, not lonely; fix: .*" \
    maxms=3000 -- "$CCHECK" audit -r "$c/ca.crt" "$c"
finish
