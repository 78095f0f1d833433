#!/bin/sh
# SPDX-License-Identifier: MIT
# Regenerates the name-constraint fixtures test_nc reads: a root
# (nc-ta.pem), intermediates with nameConstraints (nc-int-NAME.pem) and
# leaves under them (nc-NN.pem), and nc-cases.txt, one line per leaf:
#   NN INT VERDICT # what it shows
# where VERDICT is what OpenSSL's own verify said when this script ran:
# "ok" or its error number (47 permitted and 48 excluded violation,
# 51 unsupported constraint type, 53 unsupported name syntax, ...).
# Run from the repository root: tests/unit/data/mknc.sh.  The output is
# committed; this script documents how it was made.
set -eu
cd "$(dirname "$0")"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export T

rm -f nc-*.pem nc-cases.txt
openssl ecparam -name prime256v1 -genkey -noout -out "$T/k.pem"
# string_mask: "pr" names (PrintableString where possible) for one case.
printf '[req]\ndistinguished_name = dn\nstring_mask = utf8only\n[dn]\n' \
    >"$T/utf8.cnf"
printf '[req]\ndistinguished_name = dn\nstring_mask = default\n[dn]\n' \
    >"$T/pr.cnf"
openssl req -new -x509 -key "$T/k.pem" -subj "/CN=NC Test Root" \
    -days 36500 -config "$T/utf8.cnf" -out nc-ta.pem \
    -addext basicConstraints=critical,CA:true \
    -addext keyUsage=critical,keyCertSign 2>/dev/null

# mkint NAME CRITICAL NAMECONSTRAINTS [EXTRA-SECTIONS]
mkint() {
	printf '%s\n%s\n%s\n%s\n' 'basicConstraints = critical, CA:true' \
	    'keyUsage = critical, keyCertSign' \
	    "nameConstraints = $2$3" "${4:-}" >"$T/int.ext"
	openssl req -new -key "$T/k.pem" -subj "/CN=NC Int $1" \
	    -config "$T/utf8.cnf" -out "$T/int.csr"
	openssl x509 -req -in "$T/int.csr" -CA nc-ta.pem -CAkey "$T/k.pem" \
	    -days 36500 -extfile "$T/int.ext" -out "nc-int-$1.pem" 2>/dev/null
}

# mkleaf NN INT SUBJECT SAN|- WHAT [MASK] [EXTRA-SECTIONS]
mkleaf() {
	{
		echo 'extendedKeyUsage = serverAuth'
		[ "$4" = - ] || echo "subjectAltName = $4"
		echo "${7:-}"
	} >"$T/leaf.ext"
	openssl req -new -key "$T/k.pem" -subj "$3" -multivalue-rdn \
	    -config "$T/${6:-utf8}.cnf" -out "$T/leaf.csr"
	openssl x509 -req -in "$T/leaf.csr" -CA "nc-int-$2.pem" \
	    -CAkey "$T/k.pem" -days 36500 -extfile "$T/leaf.ext" \
	    -out "nc-$1.pem" 2>/dev/null
	v=$(openssl verify -no-CApath -no-CAstore -purpose sslserver \
	    -CAfile nc-ta.pem -untrusted "nc-int-$2.pem" "nc-$1.pem" 2>&1 |
	    sed -n 's/^error \([0-9]*\) at 0 depth.*/\1/p;s/.*: OK$/ok/p')
	echo "$1 $2 ${v:-?} # $5" >>nc-cases.txt
}

mkint dns critical, 'permitted;DNS:example.com'
mkint dnsdot '' 'permitted;DNS:.example.com'
mkint dnsexcl '' 'excluded;DNS:bad.example.com'
mkint ip critical, 'permitted;IP:10.0.0.0/255.0.0.0,permitted;IP:2001:db8::/ffff:ffff:0:0:0:0:0:0'
mkint ipexcl '' 'excluded;IP:192.168.0.0/255.255.0.0'
mkint email '' 'permitted;email:.example.com,permitted;email:bob@mail.test,permitted;email:host.test'
mkint emailx '' 'excluded;email:@evil.test'
mkint dir critical, 'permitted;dirName:okdn' '[okdn]
C = US
O = Example'
mkint direxcl '' 'excluded;dirName:evildn' '[evildn]
C = US
O = Evil'
mkint uri '' 'permitted;URI:.example.com,permitted;URI:host.test'
mkint mixed critical, 'permitted;DNS:example.com,permitted;IP:10.0.0.0/255.0.0.0,excluded;DNS:secret.example.com'
mkint other '' 'permitted;otherName:1.2.3.4;UTF8:foo'
mkint rid '' 'permitted;RID:1.2.3.4'

mkleaf 01 dns /CN=leaf DNS:example.com 'the constraint itself'
mkleaf 02 dns /CN=leaf DNS:a.example.com 'a label added on the left'
mkleaf 03 dns /CN=leaf DNS:aexample.com 'no dot before the constraint'
mkleaf 04 dns /CN=leaf DNS:A.EXAMPLE.COM 'upper case'
mkleaf 05 dns /CN=leaf DNS:example.com,DNS:other.test 'second SAN outside'
mkleaf 06 dns /CN=a.example.com - 'CN inside, no SAN'
mkleaf 07 dns /CN=x.other.test - 'CN outside, no SAN'
mkleaf 08 dns '/CN=*.other.test' - 'wildcard CN is no host name'
mkleaf 09 dns /CN=localhost - 'single-label CN is no host name'
mkleaf 10 dns /CN=x.other.test IP:127.0.0.1 'CN checked: no dNSName SAN'
mkleaf 11 dns /CN=x.other.test DNS:www.example.com 'CN not checked: dNSName SAN'
mkleaf 12 dnsdot /CN=leaf DNS:example.com 'leading dot: not the domain'
mkleaf 13 dnsdot /CN=leaf DNS:a.example.com 'leading dot: below it'
mkleaf 14 dnsexcl /CN=leaf DNS:bad.example.com 'excluded itself'
mkleaf 15 dnsexcl /CN=leaf DNS:x.bad.example.com 'excluded below'
mkleaf 16 dnsexcl /CN=leaf DNS:notbad.example.com 'not below the excluded name'
mkleaf 17 ip /CN=leaf IP:10.1.2.3 'IPv4 inside'
mkleaf 18 ip /CN=leaf IP:11.0.0.1 'IPv4 outside'
mkleaf 19 ip /CN=leaf IP:2001:db8::1 'IPv6 inside'
mkleaf 20 ip /CN=leaf IP:2001:db9::1 'IPv6 outside'
mkleaf 21 ip /CN=leaf DNS:any.test 'no IP name'
mkleaf 22 ipexcl /CN=leaf IP:192.168.1.1 'IPv4 excluded'
mkleaf 23 ipexcl /CN=leaf IP:::ffff:192.168.1.1 'IPv6 never matches IPv4'
mkleaf 24 email /CN=leaf email:a@sub.example.com 'email below a domain'
mkleaf 25 email /CN=leaf email:a@example.com 'email at the dotted domain'
mkleaf 26 email /CN=leaf email:bob@mail.test 'mailbox'
mkleaf 27 email /CN=leaf email:Bob@mail.test 'mailbox local part case'
mkleaf 28 email /CN=leaf email:bob@MAIL.TEST 'mailbox host case'
mkleaf 29 email /CN=leaf email:x@host.test 'host'
mkleaf 30 email /CN=leaf email:x@sub.host.test 'below a host'
mkleaf 31 email /CN=leaf/emailAddress=x@other.test - 'subject emailAddress outside'
mkleaf 32 email /CN=leaf/emailAddress=x@HOST.test - 'subject emailAddress inside'
mkleaf 33 emailx /CN=leaf email:a@evil.test 'any mailbox at an excluded host'
mkleaf 34 emailx /CN=leaf email:a@sub.evil.test 'not below an excluded host'
mkleaf 35 email /CN=leaf 'otherName:1.3.6.1.5.5.7.8.9;UTF8:a@host.test' 'SmtpUTF8Mailbox at a host'
mkleaf 36 email /CN=leaf 'otherName:1.3.6.1.5.5.7.8.9;UTF8:a@sub.example.com' 'SmtpUTF8Mailbox, dotted constraint'
mkleaf 37 dir /C=US/O=Example/CN=leaf - 'subject below the dirName'
mkleaf 38 dir /C=US/O=example/CN=leaf - 'dirName compared case-folded'
mkleaf 39 dir /C=US/O=Other/CN=leaf - 'subject elsewhere'
mkleaf 40 dir /O=Example/C=US/CN=leaf - 'RDNs in another order'
mkleaf 41 dir '/C=US/O=  Example  /CN=leaf' - 'spaces trimmed'
mkleaf 42 dir /C=US/O=Example/CN=leaf - 'PrintableString against UTF8String' pr
mkleaf 43 dir /C=US - 'subject shorter than the dirName'
mkleaf 44 dir '/C=US/O=Example+OU=x/CN=leaf' - 'multi-valued RDN'
mkleaf 45 dir /C=US/O=Example/CN=leaf dirName:sandn 'SAN dirName outside' '' '[sandn]
C = US
O = Other'
mkleaf 46 direxcl /C=US/O=Evil/CN=leaf - 'subject excluded'
mkleaf 47 direxcl /C=US/O=Good/CN=leaf - 'subject not excluded'
mkleaf 48 uri /CN=leaf URI:https://www.example.com/ 'URI host below'
mkleaf 49 uri /CN=leaf URI:https://example.com/ 'URI host at the dotted domain'
mkleaf 50 uri /CN=leaf URI:https://host.test:8443/x 'URI host and port'
mkleaf 51 uri /CN=leaf URI:https://user@host.test/ 'URI user information'
mkleaf 52 uri /CN=leaf URI:urn:host.test 'URI without //'
mkleaf 53 mixed /CN=leaf DNS:a.example.com,IP:10.0.0.1 'both types inside'
mkleaf 54 mixed /CN=leaf DNS:secret.example.com 'permitted and excluded'
mkleaf 55 mixed /CN=secret.example.com - 'CN excluded'
mkleaf 56 mixed /CN=secret.example.com IP:10.0.0.1 'CN excluded, IP SAN only'
mkleaf 57 other /CN=leaf 'otherName:1.2.3.4;UTF8:foo' 'otherName constraint, same type-id'
mkleaf 58 other /CN=leaf 'otherName:1.2.3.5;UTF8:foo' 'otherName constraint, other type-id'
mkleaf 59 rid /CN=leaf RID:1.2.3.4 'registeredID constraint'
mkleaf 60 rid /CN=leaf DNS:x.test 'registeredID constraint, no such name'
mkleaf 61 dns /CN=a.example.com/CN=b.other.test - 'every CN is checked'
mkleaf 62 dns /CN=a_b.other.test - 'underscore allowed in a CN host name'
mkleaf 63 dns /CN=a..other.test - 'empty label: no host name'
mkleaf 64 dns /CN=-a.other.test - 'leading hyphen: no host name'
