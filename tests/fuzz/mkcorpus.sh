#!/bin/bash
# SPDX-License-Identifier: MIT
# tests/fuzz/mkcorpus.sh: writes the seed corpora tests/fuzz/corpus/NAME/
# from real exchanges and the unit-test fixtures: PostgreSQL's replies to
# SSLRequest (captured from PostgreSQL 15.18 on 127.0.0.1: "S" with
# ssl=on, "N" with ssl=off, and the ErrorResponse it sends to a second
# SSLRequest on the same connection), non-TLS answers to a ClientHello
# (pgbouncer 1.18's ErrorResponse, greetings, HTTP), the certificates of
# tests/unit/data as DER, their chains, their subject and issuer Names,
# the PEM files, the CRLs as DER, and SPEC strings.  Seeds are named
# after what they are; crash inputs (crash-*) that the fuzzers found are
# kept beside them and never removed by this script.  Run from the
# repository root; needs openssl and python3.
# usage: tests/fuzz/mkcorpus.sh
set -eu
C=tests/fuzz/corpus
D=tests/unit/data
mkdir -p "$C"
for h in pg sniff spec x509_cert dn verify pem framer input crl sig ed25519 \
    ecdsa_vrfy; do
	mkdir -p "$C/fuzz_$h"
	find "$C/fuzz_$h" -type f ! -name 'crash-*' -delete
done

# hexfile FILE HEX
hexfile() {
	printf '%s' "$2" | xxd -r -p >"$1"
}

# ---- PostgreSQL replies -----------------------------------------------------
pg_e=450000008953464154414c0056464154414c00433041303030004d756e737570706f727465642066726f6e74656e642070726f746f636f6c20313233342e353637393a2073657276657220737570706f72747320332e3020746f20332e300046706f73746d61737465722e63004c32323232005250726f63657373537461727475705061636b65740000
hexfile "$C/fuzz_pg/S" 53
hexfile "$C/fuzz_pg/N" 4e
hexfile "$C/fuzz_pg/E-pg15-first-64" "${pg_e:0:128}"
hexfile "$C/fuzz_pg/S-injected-record" 531603030005
hexfile "$C/fuzz_pg/http" 485454502f312e312034303020426164
hexfile "$C/fuzz_pg/tls-alert" 15030100020246
# The framer: first byte is the protocol (0 TLS, 1 PostgreSQL), then
# (length, bytes) per read.
hexfile "$C/fuzz_framer/pg-S" 010153
hexfile "$C/fuzz_framer/pg-N" 01014e
hexfile "$C/fuzz_framer/pg-E" "0140${pg_e:0:128}"
hexfile "$C/fuzz_framer/pg-S-injected" 0106531603030005
hexfile "$C/fuzz_framer/pg-S-then-more" 0101530101
hexfile "$C/fuzz_framer/tls" 00

# ---- answers to a ClientHello (fuzz_sniff: first byte 1 = hinted) -----------
# pgbouncer 1.18 (client_tls_sslmode require) to a direct ClientHello.
pgb=01450000003d53464154414c00433038503031004d636c69656e742073656e74207061727469616c20706b7420696e20737461727475702070686173650000
hexfile "$C/fuzz_sniff/pgbouncer" "$pgb"
hexfile "$C/fuzz_sniff/pgbouncer-direct" "00${pgb:2}"
hexfile "$C/fuzz_sniff/pgbouncer-cut" "${pgb:0:60}"
hexfile "$C/fuzz_sniff/pg15-E" "01${pg_e:0:250}"
hexfile "$C/fuzz_sniff/server-hello" 01160303003102000031030300
hexfile "$C/fuzz_sniff/alert" 011503030002022a
printf '\001220 mx.example.test ESMTP Exim 4.96\r\n' >"$C/fuzz_sniff/smtp"
printf '\001220 (vsFTPd 3.0.3)\r\n' >"$C/fuzz_sniff/ftp"
printf '\001* OK [CAPABILITY IMAP4rev1] Dovecot ready.\r\n' \
    >"$C/fuzz_sniff/imap"
printf '\001+OK Dovecot ready.\r\n' >"$C/fuzz_sniff/pop3"
printf '\001HTTP/1.1 400 Bad Request\r\nServer: nginx\r\n' \
    >"$C/fuzz_sniff/http"
printf '\001SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n' >"$C/fuzz_sniff/ssh"
hexfile "$C/fuzz_sniff/junk" 0100ff6a756e6b0d0a7f

# ---- SPECs ------------------------------------------------------------------
i=0
for s in db.example.test:5432 db.example.test '[::1]:5432' '[::1]' ::1 \
    '127.0.0.1(db.example.test):5432' '10.0.0.1(db)' \
    postgres://db.example.test:5432/ postgresql://db/ https://a.example \
    'x:0' 'x:65536' 'x:' '[::1' 'a(b' 'a(b)c' '' tests/unit/data/ec-leaf.pem; do
	printf '%s' "$s" >"$C/fuzz_spec/spec-$i"
	i=$((i + 1))
done

# ---- input files ------------------------------------------------------------
printf 'db1.example.test:5432\n# comment\n\n  [::1]:5432  \r\npostgres://db2/\n10.0.0.1(db3):5433\n' \
    >"$C/fuzz_input/list"
printf 'a\nb\nc' >"$C/fuzz_input/no-final-newline"
printf '\357\273\277host:443\r\n' >"$C/fuzz_input/bom-crlf"

# ---- certificates, Names, chains, PEM ---------------------------------------
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in "$D"/*.pem; do
	n=$(basename "$f" .pem)
	# Split multi-certificate files; one DER file per certificate.
	awk -v d="$tmp" -v n="$n" '/BEGIN CERT/ { k++ }
	    k { print > (d "/" n "." k ".pem") }' "$f"
	cp "$f" "$C/fuzz_pem/$n.pem"
done
for f in "$tmp"/*.pem; do
	n=$(basename "$f" .pem)
	openssl x509 -in "$f" -outform DER -out "$C/fuzz_x509_cert/$n.der"
done
# Subject and issuer Names: fields 4 and 6 of tbsCertificate (after the
# optional [0] version).
python3 - "$C/fuzz_x509_cert" "$C/fuzz_dn" <<'PY'
import os, sys
src, dst = sys.argv[1], sys.argv[2]
def tlv(b, i):
    t, l = b[i], b[i + 1]; h = 2
    if l & 0x80:
        n = l & 0x7f; l = int.from_bytes(b[i + 2:i + 2 + n], "big"); h += n
    return t, i + h, i + h + l
for name in sorted(os.listdir(src)):
    b = open(os.path.join(src, name), "rb").read()
    _, s, _ = tlv(b, 0)
    _, i, _ = tlv(b, s)
    els = []
    while len(els) < 6:
        t, vs, e = tlv(b, i); els.append(b[i:e]); i = e
    if els[0][0] != 0xa0:
        els.insert(0, None)
    base = name[:-4]
    open(os.path.join(dst, base + ".issuer"), "wb").write(els[3])
    open(os.path.join(dst, base + ".subject"), "wb").write(els[5])
PY
# Chains as a server sends them: concatenated DER, leaf first.
X=$C/fuzz_x509_cert
V=$C/fuzz_verify
cat $X/ec-leaf.1.der $X/ec-int.1.der >$V/ec-leaf-int
cat $X/ec-leaf.1.der $X/ec-int.1.der $X/ec-root.1.der >$V/ec-leaf-int-root
cat $X/ec-leaf.1.der $X/ec-root.1.der $X/ec-int.1.der >$V/ec-out-of-order
cat $X/rsa-leaf.1.der $X/rsa-int.1.der >$V/rsa-leaf-int
cat $X/old-leaf.1.der $X/old-int.1.der >$V/old-leaf-int
cat $X/other-leaf.1.der >$V/other-leaf
cat $X/self-leaf.1.der >$V/self-leaf
cat $X/leaf-expired.1.der $X/ec-int.1.der >$V/leaf-expired-int
cat $X/leaf-under-expired.1.der $X/int-expired.1.der >$V/leaf-int-expired
cat $X/pss-leaf.1.der $X/rsa-int.1.der >$V/pss-leaf-int
cat $X/ed25519-leaf.1.der $X/ec-int.1.der >$V/ed25519-leaf-int
cat $X/host-ip.1.der $X/ec-int.1.der >$V/host-ip-int
# ---- CRLs -------------------------------------------------------------------
for f in "$D"/crl-*.pem; do
	# crl-two.pem's first CRL is crl-v2's.
	grep -q 'BEGIN X509 CRL' "$f" && [ "$f" != "$D/crl-two.pem" ] ||
	    continue
	openssl crl -in "$f" -outform DER \
	    -out "$C/fuzz_crl/$(basename "$f" .pem).der"
done
cp "$D"/crl-*.der "$C/fuzz_crl/"
# ---- signatures -------------------------------------------------------------
# fuzz_sig: key byte, AlgorithmIdentifier, 2-byte signature length,
# signature, signed bytes; from the sig-*.pem fixtures (keys 0, 2-4 are
# theirs), plus valid RSA-PSS and PKCS#1 encodings for key 1 (the RSA
# modulus with e = 1, where the signature is the encoded message).
python3 - "$D" "$C/fuzz_sig" <<'PY'
import hashlib, os, subprocess, sys
d, out = sys.argv[1], sys.argv[2]
def tlv(b, i):
    l = b[i + 1]; h = 2
    if l & 0x80:
        n = l & 0x7f; l = int.from_bytes(b[i + 2:i + 2 + n], "big"); h += n
    return i + h, i + h + l
def parts(name):
    der = subprocess.run(["openssl", "x509", "-in", os.path.join(d, name),
        "-outform", "DER"], capture_output=True, check=True).stdout
    s, _ = tlv(der, 0)
    _, e1 = tlv(der, s)
    _, e2 = tlv(der, e1)
    vs, e3 = tlv(der, e2)
    return der[s:e1], der[e1:e2], der[vs + 1:e3]
def seed(name, key, alg, sig, tbs):
    open(os.path.join(out, name), "wb").write(
        bytes([key]) + alg + len(sig).to_bytes(2, "big") + sig + tbs)
for f, key in (("sig-rsa-sha256", 0), ("sig-pss-sha256-32", 0),
               ("sig-ec-p256-sha256", 2), ("sig-ec-p384-sha384", 3),
               ("sig-ec-p521-sha512", 4)):
    tbs, alg, sig = parts(f + ".pem")
    seed(f, key, alg, sig, tbs)
# RFC 8017 9.1.1 with SHA-256, MGF1-SHA-256, salt 32, emBits 2047.
_, pss_alg, _ = parts("sig-pss-sha256-32.pem")
_, rsa_alg, _ = parts("sig-rsa-sha256.pem")
m = b"fuzz_sig"
mh = hashlib.sha256(m).digest()
salt = bytes(range(32))
h = hashlib.sha256(bytes(8) + mh + salt).digest()
db = bytes(256 - 32 - 32 - 2) + b"\x01" + salt
mask = b"".join(hashlib.sha256(h + c.to_bytes(4, "big")).digest()
                for c in range(8))[:len(db)]
mdb = bytearray(x ^ y for x, y in zip(db, mask))
mdb[0] &= 0x7f
seed("pss-e1", 1, pss_alg, bytes(mdb) + h + b"\xbc", m)
di = bytes.fromhex("3031300d060960864801650304020105000420") + mh
seed("pkcs1-e1", 1, rsa_alg, b"\x00\x01" + b"\xff" * (256 - 3 - len(di)) +
    b"\x00" + di, m)
PY
# ---- Ed25519 ------------------------------------------------------------
# fuzz_ed25519: key, R || S, message; RFC 8032 7.1 TEST 2 and 3, and the
# neutral element as the key with R = B, S = 1 (verifies any message).
hexfile "$C/fuzz_ed25519/rfc8032-test2" \
    3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c\
92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da\
085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c0072
hexfile "$C/fuzz_ed25519/rfc8032-test3" \
    fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025\
6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac\
18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40aaf82
hexfile "$C/fuzz_ed25519/neutral-key" \
    0100000000000000000000000000000000000000000000000000000000000000\
5866666666666666666666666666666666666666666666666666666666666666\
010000000000000000000000000000000000000000000000000000000000000061

# ---- ECDSA ------------------------------------------------------------------
# fuzz_ecdsa_vrfy, per curve: shape 0, an openssl key and signature of a
# SHA-256 hash (valid); shape 1, a scalar and a hash BearSSL signs, kept
# valid (XOR 0) and with a byte of s changed; shape 2, a scalar, a hash
# and r = s = 1.
python3 - "$C/fuzz_ecdsa_vrfy" <<'PY'
import hashlib, os, subprocess, sys, tempfile
out = sys.argv[1]
curves = [("prime256v1", 32), ("secp384r1", 48), ("secp521r1", 66)]
def ossl(*args, data=None):
    return subprocess.run(["openssl", *args], input=data, check=True,
                          capture_output=True).stdout
def der_ints(d):
    o = 3 if d[1] == 0x81 else 2
    r = d[o + 2:o + 2 + d[o + 1]]; o += 2 + d[o + 1]
    return r, d[o + 2:o + 2 + d[o + 1]]
for ci, (name, n) in enumerate(curves):
    with tempfile.TemporaryDirectory() as t:
        key = os.path.join(t, "k.pem")
        ossl("genpkey", "-algorithm", "EC", "-pkeyopt",
             "ec_paramgen_curve:" + name, "-out", key)
        pub = ossl("pkey", "-in", key, "-pubout", "-outform", "DER")
        q = pub[-(1 + 2 * n):]
        msg = b"ccheck fuzz seed"
        h = hashlib.sha256(msg).digest()
        r, s = der_ints(ossl("dgst", "-sha256", "-sign", key, data=msg))
        raw = b"".join(x.lstrip(b"\0").rjust(n, b"\0") for x in (r, s))
    d = bytes([1]) * n
    seeds = {
        "valid": bytes([ci]) + q + bytes([32]) + h + raw,
        "signed": bytes([ci + 3]) + d + bytes([32]) + h + bytes([0, 0]),
        "signed-s": bytes([ci + 3]) + d + bytes([32]) + h +
            bytes([3 * (n + 5), 0x40]),
        "r1s1": bytes([ci + 6]) + d + bytes([32]) + h +
            (b"\0" * (n - 1) + b"\1") * 2,
    }
    for k, v in seeds.items():
        with open(os.path.join(out, "%s-%s" % (name, k)), "wb") as f:
            f.write(v)
PY

echo "mkcorpus: $(find "$C" -type f | wc -l) seeds in $C"
