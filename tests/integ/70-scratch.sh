#!/bin/bash
# SPDX-License-Identifier: MIT
# The binary alone in an empty root: no /dev (so no /dev/urandom), no /etc
# (no CA files, no resolv.conf), no /proc.  It must still complete a
# verified handshake with the local PostgreSQL by IP address, seeding
# BearSSL from getrandom().  Also: static, stripped, no interpreter.
. "$(dirname "$0")/../lib.sh"

pki_make >/dev/null
start_pg "$PKI/leaf-ec.chain.pem" "$PKI/leaf-ec.key"

if file -L "$CCHECK" 2>/dev/null | grep -q 'statically linked'; then
	ok "static binary"
elif ! readelf -l "$CCHECK" | grep -q INTERP &&
    ! readelf -d "$CCHECK" 2>/dev/null | grep -q NEEDED; then
	ok "static binary"
else
	notok "static binary" "$(readelf -l "$CCHECK" | grep -A1 INTERP)"
fi
if readelf -S "$CCHECK" | grep -q '\.symtab'; then
	notok "stripped" "has a .symtab"
else
	ok "stripped"
fi

root=$T/scratch
mkdir -p "$root"
cp "$CCHECK" "$root/ccheck"
cp "$PKI/root.pem" "$root/root.pem"
listing=$(cd "$root" && find . | sort | tr '\n' ' ')
if [ "$listing" = ". ./ccheck ./root.pem " ]; then
	ok "scratch root holds only the binary and the CA file"
else
	notok "scratch root holds only the binary and the CA file" "$listing"
fi

check_run "verified probe from an empty root" 0 \
    out="127.0.0.1:$PG_PORT: ok, expires in 100 days" -- \
    chroot "$root" /ccheck --postgres -r /root.pem "127.0.0.1:$PG_PORT"
check_run "built-in anchors from an empty root" 2 \
    err="127.0.0.1:$PG_PORT: x509: certificate signed by unknown authority" \
    -- chroot "$root" /ccheck --postgres "127.0.0.1:$PG_PORT"
check_run "roots from an empty root" 0 out~="[0-9]+(
.+)+" -- chroot "$root" /ccheck roots

finish
