#!/bin/bash
# SPDX-License-Identifier: MIT
# --json: one array, one object per SPEC in input order, parsed by a real
# JSON parser (python3's json), every field and type checked for success
# and failure objects (nulls for a refused connection), "verification"
# (tests/integ/51-verified.sh covers the weaker modes), the certificate
# fields compared with the openssl CLI's view of the same certificates,
# error texts compared with the text output, the exact layout against
# tests/golden, and --tap with --json a usage error.
. "$(dirname "$0")/../lib.sh"
G=$TESTS_DIR/golden
pki_make
start_s_server ec "$PKI/leaf-ec.pem" "$PKI/leaf-ec.key" "$PKI/int.pem"
S=$PORT
start_pg "$PKI/leaf-rsa.chain.pem" "$PKI/leaf-rsa.key"
C=$(free_port) || die "no free port"
start_silent_server
Q=$PORT
U="(see ccheck --help)"

# A certificate with an awkward name (RFC 2253 escapes, UTF-8, a
# not a multi-valued RDN: RFC 2253 leaves the order inside one open and
# openssl reverses it), a serial with its top bit set (DER adds a 00), a
# P-384 key and IPv6 SANs; and a SPEC whose text needs JSON escapes.
openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-384 -nodes \
    -keyout "$T/odd.key" -out "$T/odd.pem" -utf8 -sha384 \
    -subj '/C=DE/O=Acme, "Q" Inc./OU=a\+b\/c;d/CN=Müller db' \
    -set_serial 0x8f0000000000000000000000000000000000ab01 \
    -days 30 -addext 'subjectAltName=DNS:a.example.test,DNS:b.example.test,IP:10.0.0.1,IP:2001:db8::1' \
    >>"$T/odd.log" 2>&1 || die "odd certificate: $(tail -n 3 "$T/odd.log")"
WEIRD=$T/we\"ird\\name\	tab.pem
cp "$PKI/soon.chain.pem" "$WEIRD"

cat >"$T/check.py" <<'PY'
import base64, hashlib, ipaddress, json, os, re, subprocess, sys

E = os.environ
name = E["TEST_NAME"]
results = [0, 0]

def report(ok, what, why=""):
    results[0 if ok else 1] += 1
    print(("ok - %s: %s" if ok else "not ok - %s: %s: " + why.replace("\n", "|")) % (name, what))

def ossl(pem, *args):
    return subprocess.run(["openssl", "x509", "-in", pem, "-noout", *args],
        check=True, capture_output=True, text=True).stdout

_views = {}

def view(pem):
    """The openssl CLI's view of one certificate, in ccheck's terms."""
    if pem in _views:
        return _views[pem]
    v = {}
    for l in ossl(pem, "-subject", "-issuer", "-serial", "-nameopt", "RFC2253",
            "-dates", "-dateopt", "iso_8601", "-fingerprint", "-sha256").splitlines():
        k, d = l.split("=", 1)
        if k in ("subject", "issuer"):
            v[k] = d
        elif k == "serial":
            v[k] = d.lower()
        elif k in ("notBefore", "notAfter"):
            v["not_before" if k == "notBefore" else "not_after"] = d.replace(" ", "T")
        elif k == "sha256 Fingerprint":
            v["sha256"] = d.replace(":", "").lower()
    pub = subprocess.run(["openssl", "pkey", "-pubin", "-outform", "der"],
        input=subprocess.run(["openssl", "x509", "-in", pem, "-noout", "-pubkey"],
            check=True, capture_output=True).stdout,
        check=True, capture_output=True).stdout
    v["spki_sha256"] = base64.b64encode(hashlib.sha256(pub).digest()).decode()
    text = ossl(pem, "-text")
    m = re.search(r"X509v3 Subject Alternative Name:.*\n\s*(.*)", text)
    toks = [t.strip() for t in (m.group(1) if m else "").split(",") if t.strip()]
    v["dns_names"] = [t[4:] for t in toks if t.startswith("DNS:")]
    v["ip_addresses"] = [str(ipaddress.ip_address(t[11:])) for t in toks if t.startswith("IP Address:")]
    v["is_ca"] = "CA:TRUE" in text
    alg = re.search(r"Public Key Algorithm: (\S+)", text).group(1)
    if alg == "rsaEncryption":
        v["public_key"] = "RSA-" + re.search(r"Public-Key: \((\d+) bit\)", text).group(1)
    elif alg == "id-ecPublicKey":
        v["public_key"] = "EC " + re.search(r"NIST CURVE: (\S+)", text).group(1)
    sig = re.search(r"Signature Algorithm: (\S+)", text).group(1)
    v["signature_algorithm"] = {"ecdsa-with-SHA256": "ECDSA-SHA256",
        "ecdsa-with-SHA384": "ECDSA-SHA384",
        "sha256WithRSAEncryption": "SHA256-RSA"}.get(sig, sig)
    _views[pem] = v
    return v

TOP = {"spec": str, "protocol": str, "pg_negotiation": (str, type(None)),
    "ok": bool, "error": (str, type(None)),
    "verification": (str, type(None)), "days_left": (int, type(None)), "not_before": (str, type(None)),
    "not_after": (str, type(None)), "expiring": (str, type(None)),
    "tls_version": (str, type(None)), "cipher_suite": (str, type(None)),
    "key_exchange": (str, type(None)), "signature_scheme": (str, type(None)),
    "elapsed_ms": int, "certificates": list}
CERT = {"subject": str, "issuer": str, "serial": str, "not_before": str,
    "not_after": str, "dns_names": list, "ip_addresses": list,
    "signature_algorithm": str, "public_key": str, "is_ca": bool,
    "sha256": str, "spki_sha256": str}
DATE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")

def check_types(o, i):
    why = []
    if list(o) != list(TOP):
        why.append("keys %s" % list(o))
    for k, t in TOP.items():
        if k in o and (not isinstance(o[k], t) or (t is int and isinstance(o[k], bool))):
            why.append("%s is %r" % (k, o[k]))
    for k in ("not_before", "not_after"):
        if isinstance(o.get(k), str) and not DATE.match(o[k]):
            why.append("%s %r is not RFC 3339 UTC" % (k, o[k]))
    if o.get("ok") is not (o.get("error") is None):
        why.append("ok %r but error %r" % (o.get("ok"), o.get("error")))
    if isinstance(o.get("elapsed_ms"), int) and o["elapsed_ms"] < 0:
        why.append("negative elapsed_ms")
    if o.get("expiring") not in (None, "leaf", "intermediate", "root"):
        why.append("expiring %r" % o["expiring"])
    if o.get("verification") not in (None, "full", "chain", "none", "pinned",
            "pinned-no-name"):
        why.append("verification %r" % o["verification"])
    if (o.get("days_left") is None) != (o.get("not_after") is None) or \
       (o.get("days_left") is None) != (o.get("expiring") is None):
        why.append("days_left/not_after/expiring not null together")
    if (o.get("tls_version") is None) != (o.get("cipher_suite") is None) or \
       (o.get("tls_version") is None) != (o.get("key_exchange") is None):
        why.append("tls_version/cipher_suite/key_exchange not null together")
    if o.get("tls_version") is None and o.get("signature_scheme") is not None:
        why.append("signature_scheme without a handshake")
    for k, c in enumerate(o.get("certificates") or []):
        if not isinstance(c, dict) or list(c) != list(CERT):
            why.append("certificate %d keys %s" % (k, list(c) if isinstance(c, dict) else c))
            continue
        for f, t in CERT.items():
            if not isinstance(c[f], t):
                why.append("certificate %d %s is %r" % (k, f, c[f]))
        if not all(isinstance(x, str) for x in c["dns_names"] + c["ip_addresses"]):
            why.append("certificate %d: names not strings" % k)
        if not re.match(r"^[0-9a-f]{64}$", c["sha256"]):
            why.append("certificate %d sha256 %r" % (k, c["sha256"]))
        try:
            if len(base64.b64decode(c["spki_sha256"], validate=True)) != 32:
                raise ValueError
        except Exception:
            why.append("certificate %d spki_sha256 %r" % (k, c["spki_sha256"]))
        if not re.match(r"^[0-9a-f]+$", c["serial"]):
            why.append("certificate %d serial %r" % (k, c["serial"]))
    report(not why, "object %d (%s): fields and types" % (i, o.get("spec")), "; ".join(why))

def check_certs(o, i, pems):
    got = o["certificates"]
    if len(got) != len(pems):
        report(False, "object %d: %d certificates" % (i, len(pems)), "got %d" % len(got))
        return
    for k, pem in enumerate(pems):
        want = view(pem)
        why = ["%s %r, openssl says %r" % (f, got[k].get(f), w)
            for f, w in want.items() if got[k].get(f) != w]
        report(not why, "object %d certificate %d (%s) matches openssl" % (i, k, os.path.basename(pem)), "; ".join(why))

def check_fields(o, i, want):
    def bad(got, w):
        if isinstance(w, re.Pattern):
            return w.match(got or "") is None
        if isinstance(w, tuple):
            return got not in w
        return got != w
    why = ["%s %r, want %r" % (k, o.get(k), w) for k, w in want.items()
        if bad(o.get(k), w)]
    report(not why, "object %d (%s): values" % (i, want.get("spec", "")), "; ".join(why))

def load(path, what):
    try:
        with open(path, encoding="utf-8") as f:
            v = json.load(f)
        report(isinstance(v, list), what + ": parses as a JSON array", "got %s" % type(v).__name__)
        return v
    except Exception as e:
        report(False, what + ": parses as JSON", str(e))
        return None

mode = sys.argv[1]
if mode == "main":
    P = E["PKI"]
    arr = load(sys.argv[2], "main run")
    specs = E["SPECS"].split("\n")
    if arr is not None:
        report(len(arr) == len(specs) and [o.get("spec") for o in arr] == specs,
            "one object per SPEC, in input order", repr([o.get("spec") for o in arr]))
        for i, o in enumerate(arr):
            check_types(o, i)
        tls = re.compile(r"^TLSv1\.[23]$")
        suite = re.compile(r"^[A-Z0-9_-]+$")
        ERE = lambda s: re.compile("^" + s + "$")
        want = [
            dict(spec=specs[0], protocol="tls", ok=True, error=None, verification="full", days_left=100,
                not_before=E["NB_LEAF_EC"], not_after=E["NA_LEAF_EC"], expiring="leaf",
                tls_version=tls, cipher_suite=suite),
            dict(spec=specs[1], protocol="postgres", ok=True, error=None, verification="full", days_left=100,
                not_after=E["NA_LEAF_RSA"], expiring="leaf", tls_version=tls, cipher_suite=suite),
            dict(spec=specs[2], protocol="tls", ok=False, error="connection refused",
                verification=None, days_left=None, not_before=None, not_after=None, expiring=None,
                tls_version=None, cipher_suite=None, certificates=[]),
            dict(spec=specs[3], protocol="file", ok=False,
                error=ERE(r"x509: certificate has expired: current time \S+ is after " + E["NA_EXPIRED"]),
                verification="full", days_left=-1, not_after=E["NA_EXPIRED"], expiring="leaf",
                tls_version=None, cipher_suite=None),
            dict(spec=specs[4], protocol="file", ok=False,
                error="x509: certificate signed by unknown authority", days_left=(29, 30),
                expiring="leaf"),
            dict(spec=specs[5], protocol="file", ok=True, days_left=50,
                not_after=E["NA_INT_SHORT"], expiring="intermediate"),
            dict(spec=specs[6], protocol="file", ok=False, error="expires in 20 days",
                days_left=20, not_after=E["NA_SOON"], expiring="leaf"),
        ]
        pems = [["leaf-ec", "int"], ["leaf-rsa", "int-rsa"], [], ["expired", "int"],
            None, ["leaf-intshort", "int-short"], ["soon", "int"]]
        for i, o in enumerate(arr[:len(want)]):
            check_fields(o, i, want[i])
            p = [os.path.join(P, n + ".pem") for n in pems[i]] if pems[i] is not None else [E["ODD"]]
            check_certs(o, i, p)
        # The same reason text as the text output (stderr "SPEC: REASON").
        lines = open(sys.argv[3], encoding="utf-8").read().splitlines()
        norm = lambda s: re.sub(r"current time \S+", "current time NOW", s)
        for i, o in enumerate(arr):
            if o.get("error") is None:
                continue
            w = norm("%s: %s" % (o["spec"], o["error"]))
            report(any(norm(l) == w or norm(l).startswith(w + " (") for l in lines),
                "object %d: error text as in the text output" % i, "%r not in %r" % (w, lines))
elif mode == "order":
    arr = load(sys.argv[2], "-n 8 run")
    specs = E["SPECS"].split("\n")
    if arr is not None:
        report([o.get("spec") for o in arr] == specs, "-n 8: objects in input order",
            repr([o.get("spec") for o in arr]))
        for i, o in enumerate(arr):
            check_types(o, i)
        o = arr[0]
        report(o.get("error") == "timed out: after 1000 ms during TLS handshake" and
            o.get("elapsed_ms", 0) >= 990 and o.get("certificates") == [],
            "silent server: timeout error, elapsed_ms >= 1000", repr(o))
        report(all(x.get("elapsed_ms", 9999) < 990 for x in arr[1:] if x.get("ok")),
            "fast SPECs: their own elapsed_ms", repr([x.get("elapsed_ms") for x in arr]))
elif mode == "root":
    arr = load(sys.argv[2], "root-expiring run")
    if arr is not None and len(arr) == 1:
        check_types(arr[0], 0)
        check_fields(arr[0], 0, dict(ok=True, days_left=60, expiring="root",
            not_after=E["NA_ROOT_SHORT"]))
    else:
        report(False, "root-expiring run: one object", repr(arr))
print("# check.py: %d passed, %d failed" % tuple(results))
sys.exit(1 if results[1] else 0)
PY

# run_py MODE ARGS...: the python checks; their ok/not ok lines count.
run_py() {
	local out
	out=$(python3 "$T/check.py" "$@" 2>&1)
	printf '%s\n' "$out"
	N_OK=$((N_OK + $(printf '%s\n' "$out" | grep -c '^ok ')))
	N_FAIL=$((N_FAIL + $(printf '%s\n' "$out" | grep -c '^not ok ')))
	if ! printf '%s\n' "$out" | grep -q '^# check.py:'; then
		notok "check.py $1" "did not finish"
	fi
}

export PKI ODD=$T/odd.pem TEST_NAME
NB_LEAF_EC=$(rfc3339 "${NOT_BEFORE[leaf-ec]}")
NA_LEAF_EC=$(rfc3339 "${NOT_AFTER[leaf-ec]}")
NA_LEAF_RSA=$(rfc3339 "${NOT_AFTER[leaf-rsa]}")
NA_EXPIRED=$(rfc3339 "${NOT_AFTER[expired]}")
NA_INT_SHORT=$(rfc3339 "${NOT_AFTER[int-short]}")
NA_SOON=$(rfc3339 "${NOT_AFTER[soon]}")
NA_ROOT_SHORT=$(rfc3339 "${NOT_AFTER[root-short]}")
export NB_LEAF_EC NA_LEAF_EC NA_LEAF_RSA NA_EXPIRED NA_INT_SHORT NA_SOON \
    NA_ROOT_SHORT

specs=("localhost:$S" "postgres://localhost:$PG_PORT" "127.0.0.1:$C"
    "$PKI/expired.chain.pem" "$T/odd.pem" "$PKI/leaf-intshort.chain.pem"
    "$WEIRD")
SPECS="$(printf '%s\n' "${specs[@]}")"
export SPECS
# -m 30: the 20-day file fails with days_left set; 50 days passes.
"$CCHECK" -j -m 30 -r "$ROOT" "${specs[@]}" >"$T/main.json" 2>"$T/main.err" </dev/null
st=$?
if [ "$st" = 2 ] && [ ! -s "$T/main.err" ]; then
	ok "--json: exit 2, nothing on stderr"
else
	notok "--json: exit 2, nothing on stderr" "exit $st, stderr $(head -c 200 "$T/main.err")"
fi
if python3 -m json.tool "$T/main.json" >/dev/null 2>"$T/jt.err"; then
	ok "python3 -m json.tool accepts the output"
else
	notok "python3 -m json.tool accepts the output" "$(cat "$T/jt.err")"
fi
"$CCHECK" -m 30 -r "$ROOT" "${specs[@]}" >/dev/null 2>"$T/text.err" </dev/null
run_py main "$T/main.json" "$T/text.err"

# The long option, -q, and -n 8 change nothing but elapsed_ms.
# odd.pem is made with "-days 30" just now: 29 or 30 days left.
norm_ms() { sed -E 's/"elapsed_ms":[0-9]+/"elapsed_ms":N/g; s/current time [0-9TZ:-]+/current time NOW/g; s/"days_left":(29|30),/"days_left":D,/g'; }
norm_ms <"$T/main.json" >"$T/main.n"
for v in "--json" "-j -q" "-j -n 8"; do
	# shellcheck disable=SC2086
	"$CCHECK" $v -m 30 -r "$ROOT" "${specs[@]}" </dev/null 2>/dev/null |
	    norm_ms >"$T/v.n"
	if cmp -s "$T/main.n" "$T/v.n"; then
		ok "'$v' gives the same JSON"
	else
		notok "'$v' gives the same JSON" "$(diff "$T/main.n" "$T/v.n" | head -c 300)"
	fi
done

# Input order under concurrency: a silent server first, -n 8.
specs=("127.0.0.1:$Q" "localhost:$S" "127.0.0.1:$C" "$PKI/leaf-ec.chain.pem")
SPECS="$(printf '%s\n' "${specs[@]}")"
export SPECS
check_run "--json -n 8 --timeout 1: one timeout of wall time" 2 \
    out~='\[.*\]' maxms=1900 \
    -- "$CCHECK" -j -n 8 --timeout 1 -r "$ROOT" "${specs[@]}"
"$CCHECK" -j -n 8 --timeout 1 -r "$ROOT" "${specs[@]}" >"$T/order.json" </dev/null 2>&1
run_py order "$T/order.json"

# Days left from the root.
"$CCHECK" -j -r "$PKI/root-short.pem" "$PKI/leaf-rootshort.chain.pem" \
    >"$T/root.json" </dev/null 2>&1
run_py root "$T/root.json"

# Exact layout: "[", one object a line with "," between, "]".
J=(bash -c 'set -o pipefail; "$@" | sed -E "s/\"elapsed_ms\":[0-9]+/\"elapsed_ms\":N/g"' bash)
check_run "refused, exact layout" 2 outfile="$G/json-refused.expected" \
    -- "${J[@]}" "$CCHECK" -j "127.0.0.1:$C" "postgres://127.0.0.1:$C"

# Usage errors: exit 1, no JSON at all on stdout.
check_run "--tap with --json" 1 \
    err="ccheck: --tap and --json cannot be used together $U" \
    -- "$CCHECK" --tap --json "localhost:$S"
TJ="ccheck: --(tap and --json|json and --tap) cannot be used together $(re_quote "$U")"
check_run "-j -t" 1 err~="$TJ" -- "$CCHECK" -j -t "localhost:$S"
check_run "-tj" 1 err~="$TJ" \
    -- "$CCHECK" -tj "localhost:$S"
check_run "--json and no SPEC" 1 err~="ccheck: .*" -- "$CCHECK" -j

finish
