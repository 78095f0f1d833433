#!/bin/bash
# SPDX-License-Identifier: MIT
# Name resolution (src/resolv.c, src/dns.c) against a real dnsmasq and a
# hostile DNS server (tests/hostile/dns.py), in a private network and
# mount namespace: lo only, with our own /etc/resolv.conf and /etc/hosts
# bind-mounted over the system's.  TLS servers (openssl s_server, the
# wildcard *.example.test certificate) listen in the same namespace, so
# every good name ends in a verified handshake.  Also: the addresses
# ccheck tries (strace) against glibc's getent ahosts, and the proof that
# a name whose DNS never answers holds back no other target.
if [ -z "${CK_IN_NETNS:-}" ]; then
	if ! command -v dnsmasq >/dev/null; then
		echo "not ok - 42-dns: setup: dnsmasq not installed (third_party/debian-deps --test)"
		exit 1
	fi
	if ! e=$(unshare --net --mount true 2>&1); then
		echo "not ok - 42-dns: setup: cannot make a network namespace (root needed; / a mount point, not a plain chroot): ${e%%$'\n'*}"
		exit 1
	fi
	CK_IN_NETNS=1 exec unshare --net --mount bash "$0" "$@"
fi
. "$(dirname "$0")/../lib.sh"

ip link set lo up || die "ip link set lo up"

# The bind mounts go before lib.sh's cleanup removes $T.
dns_cleanup() {
	umount /etc/resolv.conf /etc/hosts 2>/dev/null
	umount /etc/resolv.conf 2>/dev/null
	cleanup
}
trap dns_cleanup EXIT

# use_resolv TEXT: /etc/resolv.conf is TEXT from now on (one file,
# bind-mounted once, rewritten in place).
RESOLV=$T/resolv.conf
: >"$RESOLV"
mount --bind "$RESOLV" /etc/resolv.conf || die "bind-mount resolv.conf"
use_resolv() {
	printf '%s\n' "$1" >"$RESOLV"
}
HOSTS=$T/hosts
cat >"$HOSTS" <<'EOF'
127.0.0.1	localhost
# a comment naming fromhosts.example.test is no entry
127.0.0.1	fromhosts.example.test	alias-h.example.test
::1		v6hosts.example.test
127.0.0.1	shadow.example.test
EOF
mount --bind "$HOSTS" /etc/hosts || die "bind-mount hosts"

# dnsmasq on 127.0.0.1:53: records only from its config; .test is local,
# so other names there are NXDOMAIN; slow.test goes to a server that
# never answers.
cat >"$T/dnsmasq.conf" <<'EOF'
port=53
listen-address=127.0.0.1
bind-interfaces
no-resolv
no-hosts
no-poll
local=/test/
server=/slow.test/127.0.0.9
host-record=db.example.test,127.0.0.1
host-record=www.example.test,127.0.0.1
host-record=dual.example.test,127.0.0.1,::1
host-record=v6only.example.test,::1
host-record=shadow.example.test,127.0.0.7
host-record=web.example.test,127.0.0.1
host-record=alpha.test,127.0.0.1
host-record=alpha.test.example.test,127.0.0.8
host-record=web.test.example.test,127.0.0.1
cname=alias.example.test,db.example.test
cname=alias2.example.test,alias.example.test
EOF
dnsmasq --conf-file="$T/dnsmasq.conf" --pid-file="$T/dnsmasq.pid" \
    --log-facility="$T/dnsmasq.log" --log-queries ||
    die "dnsmasq did not start"
wait_for 5 test -s "$T/dnsmasq.pid" || die "dnsmasq wrote no pid"
SERVER_PIDS+=("$(cat "$T/dnsmasq.pid")")
# The black hole slow.test is forwarded to.
python3 "$TESTS_DIR/hostile/dns.py" silent 127.0.0.9 "$T/bh.ready" \
    --seconds 300 </dev/null >"$T/bh.log" 2>&1 &
SERVER_PIDS+=($!)
wait_for 5 test -s "$T/bh.ready" || die "black hole did not start"

use_resolv "nameserver 127.0.0.1
search nowhere.test example.test
options ndots:1 timeout:5 attempts:2"

pki_make >/dev/null
start_s_server wild "$PKI/wildcard.pem" "$PKI/wildcard.key" "$PKI/int.pem"
P=$PORT
# The same certificate on [::1], another port.
P6=$(free_port) || die "no free port"
openssl s_server -accept "[::1]:$P6" -cert "$PKI/wildcard.pem" \
    -key "$PKI/wildcard.key" -cert_chain "$PKI/int.pem" -www \
    </dev/null >"$T/s6.log" 2>&1 &
SERVER_PIDS+=($!)
wait_for 5 file_has "$T/s6.log" '^ACCEPT' || die "s_server on ::1"

R=(-r "$PKI/root.pem" --timeout 4)
good() {
	local name=$1 spec=$2
	check_run "$name" 0 out="$spec: ok, expires in 100 days" \
	    maxms=2000 -- "$CCHECK" "${R[@]}" "$spec"
}
good "name from DNS" "db.example.test:$P"
good "name from /etc/hosts" "fromhosts.example.test:$P"
good "second name on a hosts line, any case" "Alias-H.example.test:$P"
good "/etc/hosts before DNS (DNS says 127.0.0.7)" "shadow.example.test:$P"
good "IPv6 entry in /etc/hosts" "v6hosts.example.test:$P6"
good "CNAME" "alias.example.test:$P"
good "CNAME to a CNAME" "alias2.example.test:$P"
good "A and AAAA" "dual.example.test:$P"
good "A and AAAA, IPv6 port" "dual.example.test:$P6"
good "AAAA only, to ::1" "v6only.example.test:$P6"
good "search domain (web, ndots 1)" "web(www.example.test):$P"
good "absolute name" "db.example.test.(db.example.test):$P"
good "upper case" "DB.Example.TEST(db.example.test):$P"
good "IPv6 literal" "[::1](www.example.test):$P6"
good "IPv4 literal" "127.0.0.1(www.example.test):$P"
# Go ccheck's other places for the name, and "()" for the address itself.
good "name after the port" "127.0.0.1:$P(www.example.test)"
good "name before the address" "(www.example.test)127.0.0.1:$P"
good "name before an IPv6 literal" "(www.example.test)[::1]:$P6"
good "() after the port: the name is the host" "db.example.test:$P()"
good "() before the host" "()db.example.test:$P"
# 1 dot >= ndots 1: as is first (127.0.0.1); with ndots 2 the search
# domain comes first: alpha.test.example.test, 127.0.0.8, refused.
good "ndots 1: as is first" "alpha.test(www.example.test):$P"

check_run "NXDOMAIN" 2 \
    err="nx.example.test:$P: could not resolve host: nx.example.test: name does not exist (NXDOMAIN)" \
    maxms=2000 -- "$CCHECK" "${R[@]}" "nx.example.test:$P"
# web.test.example.test exists: an absolute web.test. must not reach it.
check_run "absolute name: no search" 2 \
    err="web.test.(www.example.test):$P: could not resolve host: web.test.: name does not exist (NXDOMAIN)" \
    maxms=2000 -- "$CCHECK" "${R[@]}" "web.test.(www.example.test):$P"
good "the same name, searched" "web.test(www.example.test):$P"
# dnsmasq refuses what is neither local nor forwarded.
check_run "REFUSED" 2 \
    err="web.(www.example.test):$P: could not resolve host: web.: query refused (REFUSED by 127.0.0.1)" \
    maxms=2000 -- "$CCHECK" "${R[@]}" "web.(www.example.test):$P"
check_run "NODATA for A, the AAAA used" 0 \
    out="v6only.example.test:$P6: ok, expires in 100 days" \
    -- "$CCHECK" "${R[@]}" "v6only.example.test:$P6"
check_run "invalid name" 2 \
    err="a..b:$P: could not resolve host: a..b: not a valid DNS name" \
    -- "$CCHECK" "${R[@]}" "a..b:$P"

# Differential: the addresses ccheck tries, in order (every connect is
# refused on a closed port, so it tries them all), as a set against
# glibc's getent ahosts in the same namespace; and IPv4 first.
CLOSED=$(free_port) || die "no free port"
tried() {
	strace -f -e trace=connect -o "$T/strace" "$CCHECK" --timeout 4 \
	    "$1:$CLOSED" >/dev/null 2>&1
	sed -nE 's/.*(inet_addr\("([^"]*)"\)|inet_pton\(AF_INET6, "([^"]*)").*/\2\3/p' \
	    "$T/strace"
}
if strace -o /dev/null true 2>/dev/null; then
	for n in db.example.test dual.example.test v6only.example.test \
	    alias2.example.test fromhosts.example.test web; do
		got=$(tried "$n" | tr '\n' ' ')
		want=$(getent ahosts "$n" | awk '{print $1}' | awk '!s[$0]++' |
		    sort -t: -k1,1 | tr '\n' ' ')
		gots=$(printf '%s' "$got" | tr ' ' '\n' | sort | tr '\n' ' ')
		wants=$(printf '%s' "$want" | tr ' ' '\n' | sort | tr '\n' ' ')
		if [ -n "$got" ] && [ "$gots" = "$wants" ]; then
			ok "same addresses as getent ahosts: $n ($got)"
		else
			notok "same addresses as getent ahosts: $n" \
			    "ccheck tried '$got', getent '$want'"
		fi
	done
	got=$(tried dual.example.test | tr '\n' ' ')
	if [ "$got" = "127.0.0.1 ::1 " ]; then
		ok "IPv4 before IPv6"
	else
		notok "IPv4 before IPv6" "tried '$got'"
	fi
else
	notok "strace" "cannot trace in this environment"
fi

use_resolv "nameserver 127.0.0.1
search example.test
options ndots:2"
check_run "ndots 2: search domain first" 2 \
    err="alpha.test(www.example.test):$P: connection refused" \
    -- "$CCHECK" "${R[@]}" "alpha.test(www.example.test):$P"
use_resolv "nameserver 127.0.0.1
search example.test"
good "no options: musl's defaults" "db.example.test:$P"

# A name whose server never answers: the target's own --timeout ends it,
# not the resolver's 5 s.
check_run "silent DNS: times out at --timeout" 2 \
    err="slow.test(www.example.test):$P: timed out: after 2000 ms while resolving slow.test" \
    maxms=2800 -- "$CCHECK" "${R[@]}" --timeout 2 \
    "slow.test(www.example.test):$P"
if [ "$LAST_MS" -ge 1900 ]; then
	ok "silent DNS: waited for the deadline ($LAST_MS ms)"
else
	notok "silent DNS: waited for the deadline" "gave up after $LAST_MS ms"
fi
# The resolver's own bound (timeout:1 attempts:1) within a longer one.
use_resolv "nameserver 127.0.0.1
options timeout:1 attempts:1"
check_run "silent DNS: resolv.conf timeout" 2 \
    err="slow.test(www.example.test):$P: could not resolve host: slow.test: no answer from 127.0.0.1 within 1000 ms" \
    maxms=2500 -- "$CCHECK" "${R[@]}" "slow.test(www.example.test):$P"
use_resolv "nameserver 127.0.0.1
search example.test"

# The proof: 8 workers, the silent name first, 7 good ones after.  The
# good ones finish while the silent one waits; its deadline is the run's.
specs=("slow.test(www.example.test):$P")
for i in 1 2 3 4 5 6 7; do
	specs+=("db.example.test:$P")
done
t0=$(date +%s%N)
"$CCHECK" "${R[@]}" --timeout 3 --num-workers 8 --json "${specs[@]}" \
    >"$T/workers.json" 2>"$T/workers.err"
st=$?
ms=$((($(date +%s%N) - t0) / 1000000))
diag "$(cat "$T/workers.json")"
res=$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
slow, good = r[0], r[1:]
print(len(good), sum(1 for g in good if g["ok"]),
      max(g["elapsed_ms"] for g in good), slow["elapsed_ms"], slow["error"])
' "$T/workers.json")
diag "num-workers 8: exit $st, $ms ms; good n, ok, max ms; slow ms: $res"
read -r n_good n_ok max_good slow_ms _ <<<"$res"
if [ "$st" = 2 ] && [ "$n_ok" = 7 ] && [ "$max_good" -lt 1000 ] &&
    [ "$slow_ms" -ge 2900 ] && [ "$ms" -lt 3800 ]; then
	ok "silent name holds back no other target (good: at most $max_good ms; silent: $slow_ms ms; run: $ms ms)"
else
	notok "silent name holds back no other target" \
	    "exit $st, run $ms ms, good/ok/max/slow: $res"
fi

# Hostile answers, from 127.0.0.2:53.  Each fails with one line, within
# --timeout 2 (plus margin), and ignored replies are named.
hostile_dns() {
	local sc=$1 want=$2 ready=$T/hd.$1.$RANDOM
	python3 "$TESTS_DIR/hostile/dns.py" "$sc" 127.0.0.2 "$ready" \
	    --seconds 30 </dev/null >"$T/hd-$sc.log" 2>&1 &
	local pid=$!
	wait_for 5 test -s "$ready" || die "hostile dns $sc did not start"
	use_resolv "nameserver 127.0.0.2"
	check_run "hostile DNS: $sc" 2 \
	    err="db.example.test:$P: $want" maxms=2800 \
	    -- "$CCHECK" "${R[@]}" --timeout 2 "db.example.test:$P"
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
}
TO="timed out: after 2000 ms while resolving db.example.test"
MF="could not resolve host: db.example.test: malformed answer from 127.0.0.2"
hostile_dns silent "$TO"
hostile_dns wrong-id "$TO (ignored 2 replies, last: wrong id)"
hostile_dns wrong-port "$TO (ignored 2 replies, last: reply from an address not asked)"
hostile_dns wrong-addr "$TO (ignored 2 replies, last: reply from an address not asked)"
hostile_dns question "$TO (ignored 2 replies, last: another question)"
hostile_dns loop "$MF: compression pointer not backwards"
hostile_dns forward "$MF: compression pointer not backwards"
hostile_dns cut "$MF: record cut short"
hostile_dns counts "$MF: name cut short"
hostile_dns rdlen "$MF: address of the wrong length"
hostile_dns cname-loop "$MF: CNAME chain too long"
hostile_dns tc-empty "could not resolve host: db.example.test: no A or AAAA record"
# Garbage: whatever it says, one line, within the deadline.
ready=$T/hd.garbage
python3 "$TESTS_DIR/hostile/dns.py" garbage 127.0.0.2 "$ready" --seconds 30 \
    </dev/null >"$T/hd-garbage.log" 2>&1 &
gpid=$!
wait_for 5 test -s "$ready" || die "hostile dns garbage did not start"
check_run "hostile DNS: garbage" 2 \
    err~="$(re_quote "db.example.test:$P: ")(timed out: after 2000 ms while resolving db\.example\.test.*|could not resolve host: db\.example\.test: .*)" \
    maxms=2800 -- "$CCHECK" "${R[@]}" --timeout 2 "db.example.test:$P"
kill "$gpid" 2>/dev/null

# Nothing that cannot be a host name reaches DNS: each of these SPECs is
# a usage error, and the server, which logs every question, hears none.
# A good name last shows that it would have heard.
ready=$T/hd.log.ready
python3 "$TESTS_DIR/hostile/dns.py" silent 127.0.0.2 "$ready" --seconds 60 \
    --log "$T/queries" </dev/null >"$T/hd-log.log" 2>&1 &
lpid=$!
wait_for 5 test -s "$ready" || die "logging dns did not start"
use_resolv "nameserver 127.0.0.2
search example.test
options timeout:1 attempts:1"
: >"$T/queries"
for s in "db.example.test:$P:1" "127.0.0.1:$P:1" "(x)db.example.test:$P:1" \
    "db.example.test:$P:1(x)" "db.example.test(x)(y):$P" \
    "(x)(y)db.example.test:$P" "db.example.test)x:$P" \
    "db(x:y):$P" "[db:x]:$P" "db.example.test:$P(x" "a:b:c" \
    "::1%nosuchif:$P"; do
	check_run "no DNS for '$s': usage error" 1 \
	    err~="ccheck: invalid spec \"$(re_quote "$s")\": .*" \
	    -- "$CCHECK" "${R[@]}" --timeout 2 "$s"
done
check_run "no DNS for '127.0.0.1:$P(localhost)': an address" 2 \
    err="127.0.0.1:$P(localhost): x509: certificate is valid for *.example.test, not localhost" \
    -- "$CCHECK" "${R[@]}" --timeout 2 "127.0.0.1:$P(localhost)"
if [ -s "$T/queries" ]; then
	notok "no DNS query for a malformed SPEC" "$(tr '\n' ' ' <"$T/queries")"
else
	ok "no DNS query for a malformed SPEC"
fi
check_run "a name is asked for" 2 \
    err~="$(re_quote "nx.example.test:$P: ").*" \
    -- "$CCHECK" "${R[@]}" --timeout 2 "nx.example.test:$P"
if grep -qx 'nx\.example\.test\(\.example\.test\)\?' "$T/queries"; then
	ok "the logging DNS server hears a good name"
else
	notok "the logging DNS server hears a good name" \
	    "$(tr '\n' ' ' <"$T/queries")"
fi
kill "$lpid" 2>/dev/null
use_resolv "nameserver 127.0.0.1
search example.test"

# An empty resolv.conf (as none, in a scratch container): 127.0.0.1.
: >"$RESOLV"
good "empty resolv.conf: 127.0.0.1" "db.example.test:$P"

finish
