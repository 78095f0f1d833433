#!/bin/bash
# SPDX-License-Identifier: MIT
# Client keys as libpq reads them, against PostgreSQL with
# clientcert=verify-full and openssl s_server -Verify: encrypted PKCS#8
# (PBES2: SHA-256 and SHA-1 PRFs, AES-256, AES-128, 3DES), OpenSSL's
# traditional PEM encryption (AES-256, DES-EDE3) and DER keys (PKCS#1,
# SEC1, PKCS#8), through --client-key-password-file and through sslcert /
# sslkey / sslpassword; psql with the same files and password must agree
# every time: it gets past TLS and certificate authentication (the role
# "ccheck client" does not exist, which the server checks only after
# that), or it fails with the same libpq message as ccheck (wrong or no
# password, group-readable key file).
. "$(dirname "$0")/../lib.sh"

pki_make >/dev/null
start_pg "$PKI/leaf-ec.chain.pem" "$PKI/leaf-ec.key"
cp "$PKI/root.pem" "$PG_DATA/root.crt" && pg_own "$PG_DATA/root.crt"
pg_conf ssl_ca_file root.crt
echo 'hostssl all all 127.0.0.1/32 trust clientcert=verify-full' \
    >"$PG_DATA/pg_hba.conf"
pg_own "$PG_DATA/pg_hba.conf"
reload_pg
export HOME=$T/home
mkdir -p "$HOME"
unset PGHOST PGHOSTADDR PGPORT PGSSLMODE PGSSLROOTCERT PGSSLCERT PGSSLKEY \
    PGUSER PGDATABASE
pg=127.0.0.1:$PG_PORT
ok_line="$pg: ok, expires in 100 days"
pw=$T/pw
printf 'secret\n' >"$pw"
printf 'wrong\n' >"$T/pw-wrong"

# Keys: K_NAME=ALG:FILE, made by the openssl CLI from the PKI's keys.
k() {	# name alg openssl-args...
	local name=$1 alg=$2
	shift 2
	openssl "$@" -in "$PKI/client-$alg.key" -out "$T/$name" 2>/dev/null ||
	    die "could not make $name"
	KEYS+=("$alg:$T/$name")
}
KEYS=()
k rsa-p8-aes256.pem rsa pkcs8 -topk8 -v2 aes256 -passout pass:secret
k ec-p8-aes256.pem ec pkcs8 -topk8 -v2 aes256 -passout pass:secret
k ec-p8-sha1-aes128.pem ec pkcs8 -topk8 -v2 aes128 -v2prf hmacWithSHA1 \
    -passout pass:secret
k rsa-p8-des3.pem rsa pkcs8 -topk8 -v2 des3 -passout pass:secret
k rsa-trad-aes256.pem rsa rsa -traditional -aes256 -passout pass:secret
k ec-trad-des3.pem ec ec -des3 -passout pass:secret
ENC=${#KEYS[@]}
k rsa-p1.der rsa rsa -traditional -outform DER
k ec-sec1.der ec ec -outform DER
k ec-p8.der ec pkcs8 -topk8 -nocrypt -outform DER
grep -q 'Proc-Type: 4,ENCRYPTED' "$T/ec-trad-des3.pem" &&
    grep -q 'BEGIN ENCRYPTED PRIVATE KEY' "$T/rsa-p8-aes256.pem" ||
    die "openssl wrote other key formats than expected"

# psql_says CONNINFO: psql's output on one line, in a clean environment
# (without sslpassword, OpenSSL first prompts for the pass phrase, and
# reads nothing).
psql_says() {
	env -i PATH="$PATH" HOME="$HOME" LC_ALL=C \
	    psql "$1" -XAtqc 'select 1' 2>&1 </dev/null | tr '\n' ' '
}
ROLE='role "ccheck client" does not exist'

i=0
for entry in "${KEYS[@]}"; do
	alg=${entry%%:*} key=${entry#*:}
	chain=$PKI/client-$alg.chain.pem
	name=${key##*/}
	pwargs=()
	ci="host=127.0.0.1 port=$PG_PORT sslmode=verify-ca sslrootcert=$ROOT sslcert=$chain sslkey=$key"
	if [ $i -lt "$ENC" ]; then
		pwargs=(--client-key-password-file "$pw")
		ci="$ci sslpassword=secret"
	fi
	i=$((i + 1))
	check_run "pg verify-full, $name, --client-key" 0 out="$ok_line" -- \
	    "$CCHECK" -P -r "$ROOT" -c "$chain" -k "$key" "${pwargs[@]}" "$pg"
	masked=${ci/sslpassword=secret/sslpassword=xxxxx}
	check_run "pg verify-full, $name, sslkey" 0 \
	    out="$masked: ok, expires in 100 days (chain verified, name not checked: sslmode=verify-ca)" \
	    -- "$CCHECK" "$ci"
	got=$(psql_says "$ci user='ccheck client' dbname=postgres")
	if [[ $got == *"$ROLE"* ]]; then
		ok "psql agrees: $name passes certificate authentication"
	else
		notok "psql agrees: $name passes certificate authentication" \
		    "$got"
	fi
done

# Wrong and no password: libpq's words, from ccheck and from psql.
key=$T/rsa-p8-aes256.pem
chain=$PKI/client-rsa.chain.pem
want="could not load private key file \"$key\": bad decrypt"
check_run "wrong password file" 1 \
    err="ccheck: client certificate: $want" -- \
    "$CCHECK" -P -r "$ROOT" -c "$chain" -k "$key" \
    --client-key-password-file "$T/pw-wrong" "$pg"
check_run "no password" 1 \
    err="ccheck: client certificate: $want" -- \
    "$CCHECK" -P -r "$ROOT" -c "$chain" -k "$key" "$pg"
for pass in "sslpassword=wrong" ""; do
	ci="host=127.0.0.1 port=$PG_PORT sslmode=verify-ca sslrootcert=$ROOT sslcert=$chain sslkey=$key $pass"
	ci=${ci% }
	masked=${ci/sslpassword=wrong/sslpassword=xxxxx}
	check_run "sslkey, ${pass:-no sslpassword}" 1 \
	    err="ccheck: invalid spec \"$masked\": sslcert/sslkey: $want (see ccheck --help)" \
	    -- "$CCHECK" "$ci"
	got=$(psql_says "$ci user='ccheck client' dbname=postgres")
	# Without sslpassword, OpenSSL prompts on the terminal: "bad
	# decrypt" when there is none (cron), "processing error" when it
	# reads an empty line; ccheck never prompts (README).
	if [[ $got == *": $want "* ]] || { [ -z "$pass" ] &&
	    [[ $got == *": could not load private key file \"$key\": processing error "* ]]; }; then
		ok "psql agrees: ${pass:-no sslpassword} fails to decrypt"
	else
		notok "psql agrees: ${pass:-no sslpassword} fails to decrypt" \
		    "$got"
	fi
done
check_run "--client-key-password-file without --client-key" 1 \
    err="ccheck: --client-key-password-file needs --client-key (see ccheck --help)" \
    -- "$CCHECK" -P --client-key-password-file "$pw" "$pg"
check_run "password file missing" 1 \
    err~="ccheck: --client-key-password-file $T/none: could not read file.*" \
    -- "$CCHECK" -P -r "$ROOT" -c "$chain" -k "$key" \
    --client-key-password-file "$T/none" "$pg"

# The key file's mode: libpq's rule (this runs as root or not).
cp "$T/ec-sec1.der" "$T/open.der"
chmod 644 "$T/open.der"
want="private key file \"$T/open.der\" has group or world access; file must have permissions u=rw (0600) or less if owned by the current user, or permissions u=rw,g=r (0640) or less if owned by root"
check_run "key readable by others" 1 \
    err="ccheck: client certificate: $want" -- \
    "$CCHECK" -P -r "$ROOT" -c "$PKI/client-ec.chain.pem" -k "$T/open.der" \
    "$pg"
ci="host=127.0.0.1 port=$PG_PORT sslmode=verify-ca sslrootcert=$ROOT sslcert=$PKI/client-ec.chain.pem sslkey=$T/open.der"
got=$(psql_says "$ci user='ccheck client' dbname=postgres")
if [[ $got == *": $want "* ]]; then
	ok "psql agrees: a key readable by others is refused"
else
	notok "psql agrees: a key readable by others is refused" "$got"
fi

# s_server -Verify requires a certificate: an encrypted EC key signs.
start_s_server verify "$PKI/leaf-ec.pem" "$PKI/leaf-ec.key" \
    "$PKI/int.pem" -Verify 2 -CAfile "$ROOT"
check_run "s_server -Verify, encrypted traditional EC key" 0 \
    out="127.0.0.1:$PORT: ok, expires in 100 days" -- \
    "$CCHECK" -r "$ROOT" -c "$PKI/client-ec.chain.pem" \
    -k "$T/ec-trad-des3.pem" --client-key-password-file "$pw" \
    "127.0.0.1:$PORT"
check_run "s_server -Verify, encrypted PKCS#8 RSA key" 0 \
    out="127.0.0.1:$PORT: ok, expires in 100 days" -- \
    "$CCHECK" -r "$ROOT" -c "$PKI/client-rsa.chain.pem" \
    -k "$T/rsa-p8-aes256.pem" --client-key-password-file "$pw" \
    "127.0.0.1:$PORT"

finish
