#!/bin/bash
# SPDX-License-Identifier: MIT
# Bad local input: flags, SPECs, files and input files that are wrong in
# every way we could think of.  Each gives one line on stderr, nothing on
# stdout and exit status 1 (usage) or 2 (a SPEC that failed), never a
# crash and never a hang.
. "$(dirname "$0")/../lib.sh"

one_line='[^
]+'
pki_make >/dev/null

# bad NAME STATUS ARGS...: one line on stderr, nothing on stdout.
bad() {
	local name=$1 status=$2
	shift 2
	check_run "$name" "$status" err~="$one_line" maxms=5000 \
	    -- "$CCHECK" --timeout 2 "$@"
}

bad "unknown long flag" 1 --no-such-flag x:443
bad "unknown short flag" 1 -Z x:443
bad "flag missing its value" 1 x:443 --root-certs
bad "flag value that is a flag" 1 --timeout --tap x:443
bad "--timeout too large" 1 --timeout 999999999999 x:443
bad "--min-days negative" 1 --min-days -5 x:443
if "$CCHECK" --help | grep -q -- --json; then
	check_run "conflicting flags --tap --json" 1 \
	    err="ccheck: --tap and --json cannot be used together (see ccheck --help)" \
	    -- "$CCHECK" --tap --json x:443
fi

for s in 'x:0' 'x:abc' 'x:65536' 'x:-1' 'x: 443' '[::1' '[::1]x' 'a(b' \
    'a(b)c' '(b):443' '()' 'unknown://x' "$(head -c 300 /dev/zero |
    tr '\0' a):443" $'a\tb:443' 'a b:443' 'db:5432:1' '(x)db:5432:1' \
    'db:5432:1(x)' 'a(b)(c):1' '(a)(b)c:1' 'a)b:1' 'a(b:c):1' '[a:b]:1'; do
	bad "malformed spec '${s:0:40}'" 1 "$s"
done
bad "empty spec" 1 ''

bad "--root-certs missing" 1 -r "$T/missing.pem" x:443
bad "--root-certs is a directory" 1 -r "$T" x:443
: >"$T/empty.pem"
bad "--root-certs empty" 1 -r "$T/empty.pem" x:443
printf 'hello\nno certificate here\n' >"$T/nocert.pem"
bad "--root-certs without a certificate" 1 -r "$T/nocert.pem" x:443
bad "--crl missing" 1 --crl "$T/missing.crl" x:443
bad "--crl empty" 1 --crl "$T/empty.pem" x:443
bad "--crl without a CRL" 1 --crl "$T/nocert.pem" x:443
printf -- '-----BEGIN X509 CRL-----\nMIIB\n-----END X509 CRL-----\n' >"$T/bad.crl"
bad "--crl with a malformed CRL" 1 --crl "$T/bad.crl" x:443
bad "--crl seventeen times" 1 $(for i in $(seq 17); do
	printf -- '--crl %s ' "$T/bad.crl"; done) x:443
cp "$PKI/leaf-ec.key" "$T/key-only.pem"
bad "--root-certs holding only a key" 1 -r "$T/key-only.pem" x:443
bad "--root-certs /dev/zero" 1 -r /dev/zero x:443
head -c 1000000 /dev/urandom | base64 -w 0 |
    sed 's/^/-----BEGIN CERTIFICATE-----\n/; s/$/\n-----END CERTIFICATE-----/' \
    >"$T/junk-cert.pem"
bad "--root-certs with a 1 MB Base64 block" 1 -r "$T/junk-cert.pem" x:443

# PEM targets: the file is the SPEC, so failures are exit 2.
bad "PEM target without a certificate" 2 "$T/nocert.pem"
bad "PEM target empty" 2 "$T/empty.pem"
bad "PEM target with a 1 MB Base64 block" 2 "$T/junk-cert.pem"
chmod 000 "$T/nocert.pem"
if [ "$(id -u)" -ne 0 ]; then
	bad "PEM target unreadable" 2 "$T/nocert.pem"
fi

if "$CCHECK" --help | grep -q -- --input-file; then
	bad "--input-file missing" 1 --input-file "$T/missing.txt"
	bad "--input-file is a directory" 1 --input-file "$T"
	bad "--input-file empty" 1 --input-file "$T/empty.pem"
	printf '# only comments\n\n   \n' >"$T/comments.txt"
	bad "--input-file with only comments" 1 --input-file "$T/comments.txt"
	head -c 1048576 /dev/zero | tr '\0' a >"$T/longline.txt"
	echo >>"$T/longline.txt"
	# A bad line is a failure in its place (exit 2), not a usage
	# error: the file is read as the run goes.  (Any number of lines
	# is fine: 76-bounded checks memory with 100,000.)
	bad "--input-file with a 1 MB line" 2 --input-file "$T/longline.txt"
	printf 'x:0\n' >"$T/badspec.txt"
	bad "--input-file with a bad SPEC" 2 --input-file "$T/badspec.txt"
	printf 'a\0b:443\n' >"$T/nul.txt"
	bad "--input-file with a NUL byte" 2 --input-file "$T/nul.txt"
	bad "--input-file /dev/zero" 2 --input-file /dev/zero
else
	diag "no --input-file in this build: input-file cases skipped"
fi

finish
