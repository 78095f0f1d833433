#!/bin/bash
# SPDX-License-Identifier: MIT
# ccheck chain: the dump of every certificate each SPEC sends, compared
# line by line with a dump built from the openssl CLI's view of the same
# certificates (RFC 2253 names, serial, dates, key, signature algorithm,
# CA flag, SANs, SHA-256 fingerprint, curl-style SPKI pin, TLSA record),
# plus the verdict line, exit status, input order under -n, and usage
# errors.
. "$(dirname "$0")/../lib.sh"
pki_make
start_s_server ec "$PKI/leaf-ec.pem" "$PKI/leaf-ec.key" "$PKI/int.pem"
S=$PORT
start_silent_server
Q=$PORT
C=$(free_port) || die "no free port"
U="(see ccheck --help)"

# A name with RFC 2253 escapes and UTF-8, a serial with its top bit set,
# a P-384 key, SHA-384, IPv4 and IPv6 SANs.
openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-384 -nodes \
    -keyout "$T/odd.key" -out "$T/odd.pem" -utf8 -sha384 \
    -subj '/C=DE/O=Acme, "Q" Inc./OU=a\+b\/c;d/CN=Müller db' \
    -set_serial 0x8f0000000000000000000000000000000000ab01 -days 30 \
    -addext 'subjectAltName=DNS:a.example.test,DNS:b.example.test,IP:10.0.0.1,IP:2001:db8::1' \
    >>"$T/odd.log" 2>&1 || die "odd certificate: $(tail -n 3 "$T/odd.log")"
# Serial 5: one byte, no sign padding.
openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$T/small.key" -out "$T/small.pem" -subj '/CN=small serial' \
    -set_serial 5 -days 30 >>"$T/odd.log" 2>&1 || die "small certificate"

# want_cert K PEM: the lines ccheck chain should print for certificate K,
# from openssl alone (cached per PEM: the machine may be busy).
mkdir -p "$T/view"
want_cert() {
	local k=$1 pem=$2 c
	c=$T/view/$(printf '%s' "$pem" | cksum | tr ' ' _)
	[ -f "$c" ] || view_cert "$pem" >"$c"
	[ -f "$c.spki" ] || openssl x509 -in "$pem" -noout -pubkey |
	    openssl pkey -pubin -outform DER | sha256sum |
	    awk '{ print $1 }' >"$c.spki"
	printf '  %s ' "$k"
	cat "$c"
	# The TLSA record: DANE-EE for the leaf, DANE-TA for the others.
	printf '    tlsa      %s 1 1 %s\n' "$([ "$k" = 0 ] && echo 3 || echo 2)" \
	    "$(cat "$c.spki")"
}
view_cert() {
	local pem=$1 l subj='' iss='' ser='' nb='' na='' fp='' pin text dns='' ip='' ca key sig
	while IFS= read -r l; do
		case $l in
		subject=*) subj=${l#subject=} ;;
		issuer=*) iss=${l#issuer=} ;;
		serial=*) ser=${l#serial=} ;;
		notBefore=*) nb=${l#notBefore=} ;;
		notAfter=*) na=${l#notAfter=} ;;
		*Fingerprint=*) fp=${l#*=} ;;
		esac
	done < <(openssl x509 -in "$pem" -noout -subject -issuer -serial \
	    -nameopt RFC2253 -dates -dateopt iso_8601 -fingerprint -sha256)
	pin=$(pki_pin "$pem")
	pin=${pin#sha256//}
	text=$(openssl x509 -in "$pem" -noout -text)
	# SANs, the key and the signature algorithm from the -text dump.
	eval "$(printf '%s\n' "$text" | python3 -c '
import ipaddress, re, shlex, sys
t = sys.stdin.read()
m = re.search(r"X509v3 Subject Alternative Name:.*\n\s*(.*)", t)
toks = [x.strip() for x in (m.group(1) if m else "").split(",") if x.strip()]
dns = ", ".join(x[4:] for x in toks if x.startswith("DNS:"))
ip = ", ".join(str(ipaddress.ip_address(x[11:])) for x in toks
    if x.startswith("IP Address:"))
alg = re.search(r"Public Key Algorithm: (\S+)", t).group(1)
if alg == "rsaEncryption":
    key = "RSA-" + re.search(r"Public-Key: \((\d+) bit\)", t).group(1)
elif alg == "id-ecPublicKey":
    key = "EC " + re.search(r"NIST CURVE: (\S+)", t).group(1)
else:
    key = alg
sig = re.search(r"Signature Algorithm: (\S+)", t).group(1)
sig = {"ecdsa-with-SHA256": "ECDSA-SHA256", "ecdsa-with-SHA384": "ECDSA-SHA384",
    "sha256WithRSAEncryption": "SHA256-RSA"}.get(sig, sig)
ca = "yes" if "CA:TRUE" in t else "no"
for k, v in (("dns", dns), ("ip", ip), ("key", key), ("sig", sig), ("ca", ca)):
    print("%s=%s" % (k, shlex.quote(v)))
')"
	ser=${ser,,}
	fp=${fp//:/}
	printf 'subject   %s\n' "$subj"
	printf '    issuer    %s\n' "$iss"
	printf '    serial    %s\n' "$ser"
	printf '    valid     %s to %s\n' "${nb/ /T}" "${na/ /T}"
	printf '    key       %s\n' "$key"
	printf '    signature %s\n' "$sig"
	printf '    ca        %s\n' "$ca"
	printf '    dns       %s\n' "${dns:--}"
	printf '    ip        %s\n' "${ip:--}"
	printf '    sha256    %s\n' "${fp,,}"
	printf '    pin       sha256//%s\n' "$pin"
}

# want_spec SPEC HEADER_SUFFIX VERDICT PEM...: the block for one SPEC.
want_spec() {
	local spec=$1 suffix=$2 verdict=$3 k=0 n pem
	shift 3
	n=$#
	printf '%s: %d certificate%s%s\n' "$spec" "$n" \
	    "$([ "$n" = 1 ] || echo s)" "$suffix"
	for pem in "$@"; do
		want_cert "$k" "$pem"
		k=$((k + 1))
	done
	printf '  %s\n' "$verdict"
}

TLSH=" (TLS)"
# The TLS version and suite vary with the peer: checked once by pattern,
# then replaced so the rest compares exactly.
CH=(bash -c 'set -o pipefail; "$@" | sed -E "s/^([^ ].*: [0-9]+ certificates?) \(([a-z0-9]+, )?(TLSv1\.[23]), [A-Za-z0-9_, -]+\)$/\1 (TLS)/"' bash)
check_run "TLS header names protocol, version and suite" 0 \
    out~="localhost:$S: 2 certificates \(tls, TLSv1\.[23], [A-Za-z0-9_, -]+\)(.|
)*" -- "$CCHECK" chain -r "$ROOT" "localhost:$S"

EXPD=$(rfc3339 "${NOT_AFTER[expired]}")
{
	want_spec "localhost:$S" "$TLSH" "verified: expires in 100 days" \
	    "$PKI/leaf-ec.pem" "$PKI/int.pem"
	echo
	want_spec "$PKI/leaf-rsa.chain.pem" "" "verified: expires in 100 days" \
	    "$PKI/leaf-rsa.pem" "$PKI/int-rsa.pem"
	echo
	want_spec "$PKI/leaf-ec.mixed.pem" "" "verified: expires in 100 days" \
	    "$PKI/leaf-ec.pem" "$PKI/unrelated.pem" "$PKI/int.pem"
	echo
	want_spec "$PKI/leaf-intshort.chain.pem" "" \
	    "verified: expires in 50 days (intermediate CN=ccheck Short Intermediate CA)" \
	    "$PKI/leaf-intshort.pem" "$PKI/int-short.pem"
} >"$T/want-ok"
check_run "verified chains match openssl" 0 outfile="$T/want-ok" \
    -- "${CH[@]}" "$CCHECK" chain -r "$ROOT" "localhost:$S" \
    "$PKI/leaf-rsa.chain.pem" "$PKI/leaf-ec.mixed.pem" \
    "$PKI/leaf-intshort.chain.pem"

{
	want_spec "localhost:$S" "$TLSH" \
	    "verification failed: x509: certificate signed by unknown authority" \
	    "$PKI/leaf-ec.pem" "$PKI/int.pem"
	echo
	printf '%s: 0 certificates\n  verification failed: connection refused\n' \
	    "127.0.0.1:$C"
	echo
	want_spec "$PKI/expired.chain.pem" "" \
	    "verification failed: x509: certificate has expired: current time NOW is after $EXPD" \
	    "$PKI/expired.pem" "$PKI/int.pem"
	echo
	want_spec "$T/odd.pem" "" \
	    "verification failed: x509: certificate signed by unknown authority" \
	    "$T/odd.pem"
	echo
	want_spec "$T/small.pem" "" \
	    "verification failed: x509: certificate signed by unknown authority" \
	    "$T/small.pem"
} >"$T/want-fail"
check_run "failed chains match openssl, with reasons" 2 \
    outfile="$T/want-fail" -- "${CH[@]}" "$CCHECK" chain -r "$OTHER_ROOT" \
    "localhost:$S" "127.0.0.1:$C" "$PKI/expired.chain.pem" "$T/odd.pem" \
    "$T/small.pem"

# -s: no verification, the dump is the same.
{
	want_spec "$PKI/unknownca.chain.pem" "" "verified: expires in 100 days" \
	    "$PKI/unknownca.pem" "$PKI/other-int.pem"
} >"$T/want-s"
check_run "-r other root: unknown CA's chain verifies" 0 outfile="$T/want-s" \
    -- "$CCHECK" chain -r "$OTHER_ROOT" "$PKI/unknownca.chain.pem"

# Input order under -n 4 with a silent server first, specs from a file.
printf '%s\n' "# from the file, after the command line" \
    "$PKI/leaf-rsa.chain.pem" >"$T/list"
{
	printf '%s: 0 certificates\n  verification failed: timed out: after 1000 ms during TLS handshake\n\n' \
	    "127.0.0.1:$Q"
	want_spec "localhost:$S" "$TLSH" "verified: expires in 100 days" \
	    "$PKI/leaf-ec.pem" "$PKI/int.pem"
	echo
	want_spec "$PKI/leaf-rsa.chain.pem" "" "verified: expires in 100 days" \
	    "$PKI/leaf-rsa.pem" "$PKI/int-rsa.pem"
} >"$T/want-n"
check_run "chain -n 4 -i: input order, one timeout" 2 outfile="$T/want-n" \
    maxms=1900 -- "${CH[@]}" "$CCHECK" chain -n 4 --timeout 1 -r "$ROOT" \
    -i "$T/list" "127.0.0.1:$Q" "localhost:$S"

check_run "chain with no SPEC" 1 err~="ccheck: .*" -- "$CCHECK" chain
check_run "chain --json" 1 \
    err="ccheck: chain prints its own format $U" \
    -- "$CCHECK" chain -j "localhost:$S"
check_run "chain --tap" 1 \
    err="ccheck: chain prints its own format $U" \
    -- "$CCHECK" chain -t "localhost:$S"

finish
