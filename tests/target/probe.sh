#!/bin/bash
# SPDX-License-Identifier: MIT
# make check-target: the binary built for $(TARGET), run under qemu-user
# ($QEMU; empty for the build host's own CPU), probes a real PostgreSQL on
# loopback: an EC and an RSA chain verified, the failures that exercise
# the date and name code, TAP output, the compiled-in anchors, and a
# verified probe from an empty root (chroot) holding only the binary, the
# CA file and the static qemu binary, then one holding no CA file, trusting
# the leaf by its pinned key.  On s390x this is the end-to-end
# proof that the framers, the DER reader and the anchors are endian-clean.
. "$(dirname "$0")/../lib.sh"

QEMU=${QEMU:-}
if [ -n "$QEMU" ]; then
	QEMU_BIN=$(command -v "$QEMU") || die "$QEMU not found (debian-deps --cross)"
	CK=("$QEMU_BIN" "$CCHECK")
else
	CK=("$CCHECK")
fi
diag "target binary: $(file -b "$CCHECK")"

pki_make >/dev/null
start_pg "$PKI/leaf-ec.chain.pem" "$PKI/leaf-ec.key"
S=127.0.0.1:$PG_PORT

if readelf -l "$CCHECK" | grep -q INTERP ||
    readelf -d "$CCHECK" 2>/dev/null | grep -q NEEDED; then
	notok "static binary" "$(readelf -l "$CCHECK" | grep -A1 INTERP)"
else
	ok "static binary"
fi
if readelf -S "$CCHECK" | grep -q '\.symtab'; then
	notok "stripped" "has a .symtab"
else
	ok "stripped"
fi

check_run "--version" 0 out~="ccheck .+" -- "${CK[@]}" --version
check_run "verified probe, EC chain" 0 out="$S: ok, expires in 100 days" \
    -- "${CK[@]}" --postgres -r "$ROOT" "$S"
# A name: resolv.c's /etc/hosts path and the port in network byte order.
check_run "verified probe by name (/etc/hosts)" 0 \
    out="localhost:$PG_PORT: ok, expires in 100 days" \
    -- "${CK[@]}" --postgres -r "$ROOT" "localhost:$PG_PORT"
W="127.0.0.1(wrong.example.test):$PG_PORT"
check_run "wrong host" 2 \
    err~="$(re_quote "$W: x509: certificate is valid for ")localhost.*, not wrong\.example\.test" \
    -- "${CK[@]}" --postgres -r "$ROOT" "$W"
check_run "compiled-in anchors do not know the test CA" 2 \
    err="$S: x509: certificate signed by unknown authority" \
    -- "${CK[@]}" --postgres "$S"
check_run "tap output" 0 out="TAP version 13
ok 1 - $S expires in 100 days (took X secs)
1..1" -- "${CK[@]}" --postgres --tap -r "$ROOT" "$S"
check_run "min-days fails" 2 err="$S: expires in 100 days" \
    -- "${CK[@]}" --postgres --min-days 200 -r "$ROOT" "$S"

reload_pg_cert "$PKI/leaf-rsa.chain.pem" "$PKI/leaf-rsa.key"
check_run "verified probe, RSA chain" 0 out="$S: ok, expires in 100 days" \
    -- "${CK[@]}" --postgres -r "$ROOT" "$S"

reload_pg_cert "$PKI/expired.chain.pem" "$PKI/expired.key"
check_run "expired leaf" 2 \
    err="$S: x509: certificate has expired: current time NOW is after $(rfc3339 "${NOT_AFTER[expired]}")" \
    -- "${CK[@]}" --postgres -r "$ROOT" "$S"

n_roots=$("${CK[@]}" roots </dev/null | head -n 1)
if [[ $n_roots =~ ^[0-9]+$ ]] && [ "$n_roots" -gt 0 ]; then
	ok "roots: $n_roots compiled-in anchors"
else
	notok "roots" "first line '$n_roots', want a count"
fi

# The empty root: qemu-*-static needs no loader, libraries or /proc.
reload_pg_cert "$PKI/leaf-ec.chain.pem" "$PKI/leaf-ec.key"
root=$T/scratch
mkdir -p "$root"
cp "$CCHECK" "$root/ccheck"
cp "$ROOT" "$root/root.pem"
in_root=(/ccheck)
if [ -n "$QEMU" ]; then
	cp "$QEMU_BIN" "$root/qemu"
	in_root=(/qemu /ccheck)
fi
diag "scratch root: $(cd "$root" && find . | sort | tr '\n' ' ')"
check_run "verified probe from an empty root" 0 out="$S: ok, expires in 100 days" \
    -- chroot "$root" "${in_root[@]}" --postgres -r /root.pem "$S"
check_run "compiled-in anchors from an empty root" 2 \
    err="$S: x509: certificate signed by unknown authority" \
    -- chroot "$root" "${in_root[@]}" --postgres "$S"
# Nothing but the binary (and qemu): trust by the leaf's key, no file.
rm "$root/root.pem"
diag "scratch root: $(cd "$root" && find . | sort | tr '\n' ' ')"
pin_ec=$(pki_pin "$PKI/leaf-ec.pem")
pin_rsa=$(pki_pin "$PKI/leaf-rsa.pem")
check_run "pinned probe from a root holding only the binary" 0 \
    out="$S: ok, expires in 100 days (pinned key)" \
    -- chroot "$root" "${in_root[@]}" --postgres --pin "$pin_ec" "$S"
check_run "wrong pin from a root holding only the binary" 2 \
    err="$S: public key pin mismatch: $pin_ec (leaf), want $pin_rsa" \
    -- chroot "$root" "${in_root[@]}" --postgres --pin "$pin_rsa" "$S"

finish
