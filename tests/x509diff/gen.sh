#!/bin/bash
# SPDX-License-Identifier: MIT
# tests/x509diff/gen.sh OUTDIR N SEED: a corpus of N random certificate
# chains for the differential test of ccheck's path validator against
# `openssl verify` (tests/integ/66-x509diff.sh), with each case's expected
# verdict.
#
# The same SEED gives the same choices (bash RANDOM=SEED; RANDOM is read only
# in this shell, never in a subshell, which would reseed it).  Keys and
# signatures differ from run to run, verdicts do not: every date is absolute
# (the check time is ATTIME, around 2030-03-01).
#
# OUTDIR/keys: a small pool of keys and CSRs, made once per OUTDIR; each
# certificate is one `openssl ca` run on a pool CSR with -subj and -extfile
# (openssl ca because it takes exact -startdate/-enddate; x509 -req does not
# in OpenSSL 3.0).  OUTDIR/NNNN/ per case:
#   root.pem    what goes to -CAfile / ccheck -r
#   chain.pem   the leaf, then what a server would send after it
#   leaf.pem, untrusted.pem   chain.pem split, for openssl verify
#   crl.pem     every CRL, when HASCRL=1
#   case.env    NAME ISIP ATTIME AT HASCRL PARTIAL DESC SANS CNS
#   oracle.txt  VERDICT (accept/reject), PVERDICT (with a partial chain),
#               OpenSSL's error lines; sourceable
#   work/       openssl ca databases, extension files (kept for debugging)
#
# The oracle.  `openssl verify -verify_hostname` is not libpq's host name
# check (it tries every CN, never a CN for an IP, and allows partial-label
# wildcards; libpq takes the first CN only when no SAN has the host's type,
# compares an IP host with the CN and with DNS SANs as text, and knows only
# a leading "*." wildcard matching one label: pq_verify_peer_name_matches_
# certificate in PostgreSQL 15's fe-secure-common.c / fe-secure-openssl.c).
# We chose to split the verdict rather than avoid ambiguous names: openssl
# verify WITHOUT a host name gives the path verdict (chain, purpose,
# extensions, name constraints, CRLs: what libpq's OpenSSL decides during
# the handshake), libpq_name_ok below gives the host name verdict from the
# SANs and CNs this script put in the leaf, and the case's verdict is both.
# openssl verify is run a second time WITH -verify_hostname/-verify_ip;
# when that disagrees with ours, oracle.txt says NAMEADJ=1 (so a reader can
# see which cases rely on the libpq rules).
#
# -auth_level 2: libssl passes its security level to the verifier, the
# CLI does not (-1).  Debian's /etc/ssl/openssl.cnf sets SECLEVEL=2, so
# libpq here rejects SHA-1 signatures ("CA signature digest algorithm too
# weak") and RSA keys under 2048 bits.

set -u
if [ $# -ne 3 ]; then
	echo "usage: $0 OUTDIR N SEED" >&2
	exit 1
fi
OUT=$1
N=$2
RANDOM=$3
export TZ=UTC LC_ALL=C
mkdir -p "$OUT/keys" || exit 1
OUT=$(cd "$OUT" && pwd)
K=$OUT/keys

die() {
	echo "gen.sh: $*" >&2
	exit 1
}

# ---- key pool ----------------------------------------------------------------

KEYS=(rsa1 rsa2 rsa3 rsa4 rsa3072 ec256 ec384 ec521 pss ed25519)
mkkey() {
	case $1 in
	rsa[0-9]) set -- "$1" -algorithm RSA -pkeyopt rsa_keygen_bits:2048 ;;
	rsa3072) set -- "$1" -algorithm RSA -pkeyopt rsa_keygen_bits:3072 ;;
	ec256) set -- "$1" -algorithm EC -pkeyopt ec_paramgen_curve:P-256 ;;
	ec384) set -- "$1" -algorithm EC -pkeyopt ec_paramgen_curve:P-384 ;;
	ec521) set -- "$1" -algorithm EC -pkeyopt ec_paramgen_curve:P-521 ;;
	pss) set -- "$1" -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 ;;
	ed25519) set -- "$1" -algorithm ED25519 ;;
	esac
	local k=$1
	shift
	openssl genpkey "$@" -out "$K/$k.key" 2>/dev/null &&
	    openssl req -new -key "$K/$k.key" -subj /CN=pool -out "$K/$k.csr"
}
for k in "${KEYS[@]}"; do
	[ -s "$K/$k.csr" ] && continue
	mkkey "$k" || die "cannot make key $k"
done

cat >"$K/ca.cnf" <<'EOF'
[ca]
default_ca = c
[c]
database = $ENV::DB
serial = $ENV::SER
new_certs_dir = $ENV::NEWDIR
default_md = default
policy = pol
preserve = yes
unique_subject = no
copy_extensions = none
email_in_dn = yes
[pol]
countryName = optional
organizationName = optional
organizationalUnitName = optional
commonName = optional
emailAddress = optional
[crlext]
authorityKeyIdentifier = keyid
EOF

# ---- deterministic choices (main shell only) -----------------------------------

# rnd N: R = 0..N-1
rnd() {
	R=$((RANDOM % $1))
}
# pick W1 V1 W2 V2 ...: P = one V, chosen with weight W
pick() {
	local tot=0 i
	for ((i = 1; i <= $#; i += 2)); do
		tot=$((tot + ${!i}))
	done
	local r=$(((RANDOM * 32768 + RANDOM) % tot)) j
	for ((i = 1; i <= $#; i += 2)); do
		j=$((i + 1))
		if [ "$r" -lt "${!i}" ]; then
			P=${!j}
			return
		fi
		r=$((r - ${!i}))
	done
}

# mut W1 V1 ...: pick for a choice that may break the chain; in a clean
# case (CLEAN=1, 40% of them, so that about a third of the corpus is
# accepted) P is V1, the harmless default.
mut() {
	if [ "$CLEAN" = 1 ]; then
		P=$2
	else
		pick "$@"
	fi
}

# ---- libpq's host name check (see the header) ---------------------------------

# libpq_match PATTERN HOST: pq_verify_peer_name_matches_certificate_name's
# rule: equal ignoring ASCII case, or PATTERN is "*.REST" and HOST is one
# label followed by .REST.
libpq_match() {
	local p=${1,,} h=${2,,}
	[ "$p" = "$h" ] && return 0
	[[ $p == '*.'?* ]] || return 1
	local suf=${p:1}
	[ ${#p} -le ${#h} ] || return 1
	[[ $h == *"$suf" ]] || return 1
	local head=${h:0:$((${#h} - ${#suf}))}
	[[ $head != *.* ]]
}

# libpq_name_ok HOST ISIP "SANS" "CNS": SANS is "DNS:x IP:y email:z", CNS
# the subject's CNs in order (space-separated; no spaces inside).  IP
# strings are canonical here, so they compare as text.
libpq_name_ok() {
	local host=$1 isip=$2 san check_cn=1 t v cns
	read -r -a cns <<<"$4"
	for san in $3; do
		t=${san%%:*}
		v=${san#*:}
		if { [ "$t" = DNS ] && [ "$isip" = 0 ]; } ||
		    { [ "$t" = IP ] && [ "$isip" = 1 ]; }; then
			check_cn=0
		fi
		if [ "$t" = DNS ] && libpq_match "$v" "$host"; then
			return 0
		fi
		if [ "$t" = IP ] && [ "$isip" = 1 ] && [ "${v,,}" = "${host,,}" ]; then
			return 0
		fi
	done
	[ "$check_cn" = 1 ] && [ ${#cns[@]} -gt 0 ] &&
	    libpq_match "${cns[0]}" "$host"
}

# ---- certificates ---------------------------------------------------------------

# date14 EPOCH: V = YYYYMMDDHHMMSSZ
date14() {
	printf -v V '%(%Y%m%d%H%M%S)TZ' "$1"
}

# sigargs ISSUERKEY: SIG = openssl ca arguments for the signature, DSIG its
# description.  RSA keys sign with PKCS#1 v1.5 (SHA-256/384/512/SHA-1) or
# PSS; RSA-PSS keys with PSS; EC keys with ECDSA and a random hash.
sigargs() {
	SIG=()
	case $1 in
	rsa*)
		pick 60 sha256 8 sha384 8 sha512 $((CLEAN ? 0 : 6)) sha1 18 pss
		if [ "$P" = pss ]; then
			local md
			pick 2 sha256 1 sha384 1 sha512
			md=$P
			pick 3 digest 1 max 1 20
			SIG=(-md "$md" -sigopt rsa_padding_mode:pss
			    -sigopt "rsa_pss_saltlen:$P")
			DSIG="pss-$md-salt$P"
		else
			SIG=(-md "$P")
			DSIG="rsa-$P"
		fi
		;;
	pss)
		pick 3 sha256 1 sha384
		SIG=(-md "$P")
		DSIG="psskey-$P"
		;;
	ec*)
		pick 3 sha256 1 sha384 1 sha512
		SIG=(-md "$P")
		DSIG="ecdsa-$P"
		;;
	ed25519)
		DSIG=ed25519
		;;
	esac
}

# pickkey: KEY = a pool key not yet used in this case (USED).  The weights
# keep Ed25519 rare (it was unsupported once; the case set stays the
# same for the seeds already run).
pickkey() {
	while :; do
		pick 12 rsa1 12 rsa2 12 rsa3 12 rsa4 5 rsa3072 12 ec256 8 ec384 \
		    5 ec521 6 pss $((CLEAN && $1 < 4 ? 0 : $1)) ed25519
		[[ " $USED " == *" $P "* ]] && continue
		KEY=$P
		USED="$USED $P"
		return
	done
}

# issue NAME KEY SUBJECT NOTBEFORE NOTAFTER EXTSECTION ISSUER ISSUERKEY:
# work/NAME.pem.  ISSUER "-" means self-signed.  Each CA has its own
# database (work/db.NAME) so that its CRL lists only what it revoked.
issue() {
	local name=$1 key=$2 subj=$3 nb=$4 na=$5 sect=$6 iss=$7 ikey=$8
	local w=$D/work args
	date14 "$nb"
	local snb=$V
	date14 "$na"
	local sna=$V
	: >"$w/db.$name"
	printf '%02X\n' $((CASE % 200 + 16)) >"$w/ser.$name"
	sigargs "$ikey"
	args=(-batch -notext -config "$K/ca.cnf" -in "$K/$key.csr"
	    -subj "$subj" -startdate "$snb" -enddate "$sna"
	    -extfile "$w/ext.cnf" -extensions "$sect" "${SIG[@]}"
	    -out "$w/$name.pem")
	if [ "$iss" = - ]; then
		args+=(-selfsign -keyfile "$K/$key.key")
		iss=$name
	else
		args+=(-cert "$w/$iss.pem" -keyfile "$K/$ikey.key")
	fi
	DB=$w/db.$iss SER=$w/ser.$iss NEWDIR=$w/new \
	    openssl ca "${args[@]}" >"$w/ca.log" 2>&1 ||
	    die "case $CASE: openssl ca for $name failed: $(tail -n 3 "$w/ca.log")"
	DESC_SIG="$DESC_SIG $name:$DSIG"
}

# ---- one case ---------------------------------------------------------------------

# ca_ext ROLE: the extension lines of a CA certificate (ROLE root or int);
# appends to DESC.
ca_ext() {
	local role=$1 d=
	echo "subjectKeyIdentifier = hash"
	if [ "$role" = root ]; then
		mut 88 c 4 n 3 a 5 p0
	else
		mut 78 c 5 n 4 f 4 a 6 p0 3 p1
	fi
	case $P in
	c) echo "basicConstraints = critical,CA:TRUE" ;;
	n) echo "basicConstraints = CA:TRUE"; d="$d bc=noncrit" ;;
	f) echo "basicConstraints = critical,CA:FALSE"; d="$d bc=false" ;;
	a) d="$d bc=absent" ;;
	p0) echo "basicConstraints = critical,CA:TRUE,pathlen:0"; d="$d pathlen=0" ;;
	p1) echo "basicConstraints = critical,CA:TRUE,pathlen:1"; d="$d pathlen=1" ;;
	esac
	mut 80 kc 7 a 5 k 4 nok 4 n
	case $P in
	kc) echo "keyUsage = critical,keyCertSign,cRLSign" ;;
	a) d="$d ku=absent" ;;
	k) echo "keyUsage = critical,keyCertSign"; d="$d ku=noCRLSign" ;;
	nok) echo "keyUsage = critical,digitalSignature,cRLSign"; d="$d ku=noCertSign" ;;
	n) echo "keyUsage = keyCertSign,cRLSign"; d="$d ku=noncrit" ;;
	esac
	if [ "$role" = root ]; then
		mut 88 - 4 serverAuth 4 clientAuth 4 anyExtendedKeyUsage
	else
		mut 74 - 10 serverAuth 5 serverAuth,clientAuth 6 clientAuth \
		    5 anyExtendedKeyUsage
	fi
	if [ "$P" != - ]; then
		echo "extendedKeyUsage = $P"
		d="$d eku=$P"
	fi
	if [ "$role" != root ]; then
		rnd 100
		if [ "$R" -lt 85 ]; then
			echo "authorityKeyIdentifier = keyid"
		else
			d="$d noaki"
		fi
	fi
	common_ext
	CADESC=$d$CDESC
}

# common_ext: unknown critical / handled critical / unknown non-critical
# extensions, rarely.  Sets CDESC.
common_ext() {
	CDESC=
	mut 90 - 4 unkcrit 3 polcrit 3 unknon
	case $P in
	unkcrit)
		echo "1.3.6.1.4.1.55555.1.1 = critical,ASN1:NULL"
		CDESC=" unknown-critical-ext" ;;
	polcrit)
		echo "certificatePolicies = critical,1.3.6.1.4.1.55555.2.1"
		CDESC=" policies-critical" ;;
	unknon)
		echo "1.3.6.1.4.1.55555.1.2 = ASN1:UTF8String:hello"
		CDESC=" unknown-noncrit-ext" ;;
	esac
}

# nc_ext: a nameConstraints line (and its dirName section, in NCDIR);
# NCDESC describes it.
nc_ext() {
	local crit= sub
	pick 1 critical, 1 ""
	crit=$P
	pick 3 "permitted;DNS:example.com" 2 "permitted;DNS:.example.com" \
	    3 "excluded;DNS:example.net" 2 "permitted;DNS:example.net" \
	    2 "permitted;IP:192.0.2.0/255.255.255.0" \
	    2 "excluded;IP:192.0.2.0/255.255.255.0" \
	    1 "permitted;IP:2001:db8::/ffff:ffff::" \
	    2 "permitted;email:example.com" 1 "excluded;email:example.com" \
	    2 "permitted;dirName:ncdir" 2 "excluded;dirName:ncdir" \
	    2 "permitted;DNS:example.com,permitted;IP:192.0.2.0/255.255.255.0"
	sub=$P
	echo "nameConstraints = $crit$sub"
	NCDESC="nc=${crit:+crit:}${sub//\//_}"
	NCDESC=${NCDESC//255.255.255.0/24}
	NCDESC=${NCDESC//ffff:ffff::/32}
}

gen_case() {
	D=$OUT/$(printf %04d "$CASE")
	rm -rf "$D"
	mkdir -p "$D/work/new"
	USED=
	DESC_SIG=
	local desc=() nint ext=$D/work/ext.cnf
	# Check time: 2030-03-01T00:00:00Z plus up to ~22 days, to the minute.
	ATTIME=$((1898553600 + RANDOM * 60))
	rnd 10
	CLEAN=$((R < 4))
	printf -v AT '%(%Y-%m-%dT%H:%M:%SZ)T' "$ATTIME"

	pick 25 0 45 1 30 2
	nint=$P
	desc+=("ints=$nint")
	[ "$CLEAN" = 1 ] && desc+=(clean)

	# Topology: what root.pem and chain.pem hold.
	local topo=normal
	if [ "$nint" -gt 0 ]; then
		mut 74 normal 10 partial 5 missing 6 forged 5 extra
	else
		mut 90 normal 10 forged
	fi
	topo=$P
	[ "$topo" != normal ] && desc+=("$topo")

	# Validity: default windows, then maybe one certificate's edge at
	# the check time.
	local nb=() na=() i
	nb[0]=1577836800 na[0]=2366841600	# root 2020-01-01 .. 2045-01-01
	rnd 10
	[ "$R" = 0 ] && na[0]=2682374400 && desc+=("root-until-2055")
	for ((i = 1; i <= nint; i++)); do
		nb[i]=1640995200 na[i]=2208988800	# 2022 .. 2040
	done
	rnd 200
	nb[3]=$((ATTIME - 86400 * (R + 1)))	# the leaf
	rnd 400
	na[3]=$((ATTIME + 86400 * (R + 1)))
	mut 70 - 6 notyet 6 expired 6 atend 4 atstart 4 lastsec 4 notyet1s
	local win=$P
	if [ "$win" != - ]; then
		local tgt=3
		rnd 10
		if [ "$R" -ge 6 ]; then
			rnd $((nint + 1))
			tgt=$R
		fi
		case $win in
		notyet) nb[tgt]=$((ATTIME + 86400)) ;;
		notyet1s) nb[tgt]=$((ATTIME + 1)) ;;
		expired) na[tgt]=$((ATTIME - 86400)) ;;
		atend) na[tgt]=$ATTIME ;;
		atstart) nb[tgt]=$ATTIME ;;
		lastsec) na[tgt]=$((ATTIME + 1)) ;;
		esac
		local tn=leaf
		[ "$tgt" = 0 ] && tn=root
		[ "$tgt" = 1 ] && tn=int1
		[ "$tgt" = 2 ] && tn=int2
		desc+=("time=$win@$tn")
	fi

	# Name constraints: on which CA, if any.
	local ncat=-
	rnd 100
	if [ "$R" -lt 22 ]; then
		rnd $((nint + 1))
		ncat=$R
	fi

	# Subjects: O=Good mostly (a dirName constraint names O=Good).
	local subj=() o
	mut 9 Good 1 Bad
	subj[0]="/O=$P/CN=x509diff Root $CASE"
	for ((i = 1; i <= nint; i++)); do
		mut 9 Good 1 Bad
		subj[i]="/O=$P/CN=x509diff Int $i"
		[ "$P" = Bad ] && desc+=("int$i-O=Bad")
	done

	# The leaf's names.
	local sans=() cns=() san
	pick 22 dns1 12 dns2 10 wild 10 dnsip 8 ip 3 ip6 15 none 4 emailonly \
	    4 dnsemail 3 partwild
	case $P in
	dns1) sans=(DNS:db.example.com) ;;
	dns2) sans=(DNS:pg.example.net DNS:db.example.com) ;;
	wild) sans=("DNS:*.example.com") ;;
	dnsip) sans=(DNS:db.example.com IP:192.0.2.10) ;;
	ip) sans=(IP:192.0.2.10) ;;
	ip6) sans=(IP:2001:db8::10) ;;
	none) sans=() ;;
	emailonly) sans=(email:admin@example.com) ;;
	dnsemail) sans=(DNS:db.example.com email:admin@example.org) ;;
	partwild) sans=("DNS:db*.example.com") ;;
	esac
	desc+=("san=$P")
	pick 35 db.example.com 15 pg.example.net 10 192.0.2.10 10 Server \
	    10 "*.example.com" 8 other.example.org 12 DB.EXAMPLE.COM
	cns=("$P")
	rnd 100
	if [ "$R" -lt 25 ]; then
		pick 3 db.example.com 2 pg.example.net 1 192.0.2.10 1 www.example.com
		cns+=("$P")
	fi
	desc+=("cn=$(IFS=+; echo "${cns[*]}")")
	local lsubj=
	pick 1 "/O=Good" 1 "" 1 "/O=Other"
	lsubj=$P
	for o in "${cns[@]}"; do
		lsubj="$lsubj/CN=$o"
	done
	rnd 100
	if [ "$R" -lt 6 ]; then
		pick 1 admin@example.com 1 admin@example.org
		lsubj="$lsubj/emailAddress=$P"
		desc+=("subj-email=$P")
	fi

	# The host name to check.
	pick 20 db.example.com 8 DB.Example.COM 8 pg.example.net \
	    8 x.example.com 4 a.b.example.com 4 example.com 6 www.example.com \
	    8 192.0.2.10 3 192.0.2.11 3 2001:db8::10 6 other.example.org \
	    4 Server 4 "${cns[${#cns[@]}-1]}"
	NAME=$P
	# More often one of the leaf's own names, so that about half the
	# cases pass the host name check.
	local cand=("${cns[0]}") v
	for san in "${sans[@]}"; do
		v=${san#*:}
		case $san in
		DNS:*|IP:*) cand+=("$v") ;;
		esac
	done
	rnd 10
	if [ "$R" -lt 6 ]; then
		rnd ${#cand[@]}
		NAME=${cand[R]}
	fi
	[ "$NAME" = "db*.example.com" ] && NAME=db1.example.com
	[[ $NAME == *'*'* ]] && NAME=x.example.com
	# Two CNs: sometimes the second one (OpenSSL takes it, libpq not).
	if [ ${#cns[@]} -gt 1 ]; then
		rnd 4
		[ "$R" = 0 ] && NAME=${cns[1]}
	fi
	ISIP=0
	[[ $NAME =~ ^[0-9.]+$|: ]] && ISIP=1
	desc+=("name=$NAME")

	# Keys: all different within a case.
	local key=()
	pickkey 0
	key[0]=$KEY
	for ((i = 1; i <= nint; i++)); do
		pickkey 2
		key[i]=$KEY
	done
	pickkey 4
	key[3]=$KEY
	local fkey=
	if [ "$topo" = forged ]; then
		pickkey 0
		fkey=$KEY
	fi
	desc+=("keys=${key[0]}$(for ((i = 1; i <= nint; i++)); do printf /%s "${key[i]}"; done)/${key[3]}")

	# Extension sections.
	{
		echo "[root]"
		ca_ext root
		[ "$ncat" = 0 ] && nc_ext
		[ -n "$CADESC" ] && desc+=("root:${CADESC# }")
		[ "$ncat" = 0 ] && desc+=("root:$NCDESC")
		for ((i = 1; i <= nint; i++)); do
			echo "[int$i]"
			ca_ext int
			[ -n "$CADESC" ] && desc+=("int$i:${CADESC# }")
			[ "$ncat" = "$i" ] && nc_ext && desc+=("int$i:$NCDESC")
		done
		echo "[leaf]"
		rnd 100
		[ "$R" -lt 85 ] && echo "authorityKeyIdentifier = keyid"
		mut 60 - 30 crit-false 5 false 5 crit-true
		case $P in
		crit-false) echo "basicConstraints = critical,CA:FALSE" ;;
		false) echo "basicConstraints = CA:FALSE" ;;
		crit-true) echo "basicConstraints = critical,CA:TRUE"; desc+=("leaf:bc=CA") ;;
		esac
		mut 30 critical,digitalSignature,keyEncipherment \
		    15 critical,digitalSignature 10 critical,keyEncipherment \
		    8 critical,keyAgreement 7 critical,nonRepudiation \
		    30 - 5 critical,keyCertSign
		[ "$P" != - ] && echo "keyUsage = $P"
		[ "$P" != critical,digitalSignature,keyEncipherment ] &&
		    desc+=("leaf:ku=${P#critical,}")
		mut 50 serverAuth 15 serverAuth,clientAuth 8 clientAuth \
		    5 anyExtendedKeyUsage 4 codeSigning 18 -
		[ "$P" != - ] && echo "extendedKeyUsage = $P"
		[ "$P" != serverAuth ] && desc+=("leaf:eku=$P")
		if [ ${#sans[@]} -gt 0 ]; then
			echo "subjectAltName = $(IFS=,; echo "${sans[*]}")"
		fi
		common_ext
		[ -n "$CDESC" ] && desc+=("leaf:${CDESC# }")
		echo "[forger]"
		echo "basicConstraints = critical,CA:TRUE"
		echo "subjectKeyIdentifier = hash"
		echo "[ncdir]"
		echo "O = Good"
	} >"$ext" 2>"$D/work/ext.err"
	# ca_ext/nc_ext/pick ran inside { } >file: that is not a subshell
	# (a brace group), so RANDOM stays ours.

	# Issue: root, intermediates, leaf (or the forged leaf).
	issue root "${key[0]}" "${subj[0]}" "${nb[0]}" "${na[0]}" root - "${key[0]}"
	for ((i = 1; i <= nint; i++)); do
		local par=root
		[ "$i" -gt 1 ] && par=int$((i - 1))
		issue "int$i" "${key[i]}" "${subj[i]}" "${nb[i]}" "${na[i]}" \
		    "int$i" "$par" "${key[i - 1]}"
	done
	local bot=root
	[ "$nint" -gt 0 ] && bot=int$nint
	if [ "$topo" = forged ]; then
		issue forger "$fkey" "${subj[nint]}" 1577836800 2366841600 \
		    forger - "$fkey"
		issue leaf "${key[3]}" "$lsubj" "${nb[3]}" "${na[3]}" leaf \
		    forger "$fkey"
	else
		issue leaf "${key[3]}" "$lsubj" "${nb[3]}" "${na[3]}" leaf \
		    "$bot" "${key[nint]}"
	fi
	desc+=("sig=${DESC_SIG# }")

	# root.pem and chain.pem.
	local w=$D/work
	PARTIAL=0
	cp "$w/leaf.pem" "$D/leaf.pem"
	: >"$D/untrusted.pem"
	case $topo in
	partial)
		cp "$w/int1.pem" "$D/root.pem"
		PARTIAL=1
		;;
	*) cp "$w/root.pem" "$D/root.pem" ;;
	esac
	local skip=0
	if [ "$topo" = missing ]; then
		rnd "$nint"
		skip=$((R + 1))
	fi
	for ((i = nint; i >= 1; i--)); do
		[ "$i" = "$skip" ] && continue
		cat "$w/int$i.pem" >>"$D/untrusted.pem"
	done
	if [ "$topo" = extra ]; then
		# The root too, and the intermediates the wrong way round.
		: >"$D/untrusted.pem"
		cat "$w/root.pem" >>"$D/untrusted.pem"
		for ((i = 1; i <= nint; i++)); do
			cat "$w/int$i.pem" >>"$D/untrusted.pem"
		done
	fi
	cat "$D/leaf.pem" "$D/untrusted.pem" >"$D/chain.pem"
	if [ "$PARTIAL" = 0 ]; then
		rnd 10
		[ "$R" = 0 ] && PARTIAL=1 && desc+=("also-partial")
	fi

	# CRLs, in a quarter of the cases: one per CA on the path.
	HASCRL=0
	rm -f "$D/crl.pem"
	rnd 4
	if [ "$R" = 0 ]; then
		HASCRL=1
		local cas=(root) c rev crlmut ncas
		for ((i = 1; i <= nint; i++)); do
			cas+=("int$i")
		done
		ncas=${#cas[@]}
		rev=-
		if [ "$topo" != forged ]; then
			if [ "$nint" -gt 0 ]; then
				mut 45 - 25 leaf 20 int 10 root
			else
				mut 60 - 30 leaf 10 root
			fi
			rev=$P
		fi
		if [ "$rev" = leaf ]; then
			DB=$w/db.$bot SER=$w/ser.$bot NEWDIR=$w/new openssl ca \
			    -config "$K/ca.cnf" -revoke "$w/leaf.pem" \
			    -keyfile "$K/${key[nint]}.key" -cert "$w/$bot.pem" \
			    >>"$w/ca.log" 2>&1 || die "case $CASE: revoke leaf"
		elif [ "$rev" = int ]; then
			rnd "$nint"
			i=$((R + 1))
			local par=root
			[ "$i" -gt 1 ] && par=int$((i - 1))
			DB=$w/db.$par SER=$w/ser.$par NEWDIR=$w/new openssl ca \
			    -config "$K/ca.cnf" -revoke "$w/int$i.pem" \
			    -keyfile "$K/${key[i - 1]}.key" -cert "$w/$par.pem" \
			    >>"$w/ca.log" 2>&1 || die "case $CASE: revoke int$i"
			rev=int$i
		fi
		if [ "$rev" = root ]; then
			# The root on its own CRL: OpenSSL checks the trust
			# anchor against the CRLs too (CRL_CHECK_ALL).
			DB=$w/db.root SER=$w/ser.root NEWDIR=$w/new openssl ca \
			    -config "$K/ca.cnf" -revoke "$w/root.pem" \
			    -keyfile "$K/${key[0]}.key" -cert "$w/root.pem" \
			    >>"$w/ca.log" 2>&1 || die "case $CASE: revoke root"
		fi
		[ "$rev" != - ] && desc+=("revoked=$rev")
		if [ "$ncas" -gt 1 ]; then
			mut 60 - 15 missing 10 expired 5 notyet 10 badsig
		else
			mut 70 - 12 expired 6 notyet 12 badsig
		fi
		crlmut=$P
		local mi=-1
		if [ "$crlmut" != - ]; then
			rnd "$ncas"
			mi=$R
			desc+=("crl-$crlmut@${cas[mi]}")
		fi
		: >"$D/crl.pem"
		for ((i = 0; i < ncas; i++)); do
			c=${cas[i]}
			local lu=$((ATTIME - 86400)) nu=$((ATTIME + 7 * 86400))
			local ck=${key[i]} cc=$c
			if [ "$i" = "$mi" ]; then
				case $crlmut in
				missing) continue ;;
				expired) lu=$((ATTIME - 9 * 86400)) nu=$((ATTIME - 3600)) ;;
				notyet) lu=$((ATTIME + 3600)) ;;
				badsig)
					# openssl ca insists on a key that
					# matches -cert: sign with a look-alike
					# CA (same subject, another key).
					pickkey 0
					ck=$KEY
					cc=crlforger
					issue crlforger "$ck" "${subj[i]}" \
					    1577836800 2366841600 forger - "$ck" ;;
				esac
			fi
			date14 "$lu"
			local slu=$V
			date14 "$nu"
			sigargs "${key[i]}"
			[ "$ck" != "${key[i]}" ] && sigargs "$ck"
			DB=$w/db.$cc SER=$w/ser.$cc NEWDIR=$w/new openssl ca \
			    -config "$K/ca.cnf" -gencrl -crlexts crlext \
			    -keyfile "$K/$ck.key" -cert "$w/$cc.pem" "${SIG[@]}" \
			    -crl_lastupdate "$slu" -crl_nextupdate "$V" \
			    -out "$w/$c.crl" >>"$w/ca.log" 2>&1 ||
			    die "case $CASE: gencrl $c: $(tail -n 3 "$w/ca.log")"
			cat "$w/$c.crl" >>"$D/crl.pem"
		done
		desc+=("crl")
	fi

	DESC=${desc[*]}
	SANS=${sans[*]:-}
	CNS=${cns[*]}
	{
		printf 'NAME=%q\nISIP=%s\nATTIME=%s\nAT=%s\nHASCRL=%s\n' \
		    "$NAME" "$ISIP" "$ATTIME" "$AT" "$HASCRL"
		printf 'PARTIAL=%s\nDESC=%q\nSANS=%q\nCNS=%q\n' \
		    "$PARTIAL" "$DESC" "$SANS" "$CNS"
	} >"$D/case.env"
	oracle
}

# ---- the oracle ----------------------------------------------------------------------

# ossl_verify OUTFILE [ARGS...]: openssl verify of leaf.pem with the case's
# settings and ARGS; true when it accepted.
ossl_verify() {
	local f=$1
	shift
	local a=(-no-CApath -no-CAstore -auth_level 2 -purpose sslserver
	    -attime "$ATTIME" -CAfile "$D/root.pem")
	[ -s "$D/untrusted.pem" ] && a+=(-untrusted "$D/untrusted.pem")
	[ "$HASCRL" = 1 ] && a+=(-crl_check_all -CRLfile "$D/crl.pem")
	openssl verify "${a[@]}" "$@" "$D/leaf.pem" >"$f" 2>&1
}

# errs FILE: OpenSSL's error lines, joined with "; ".
errs() {
	grep -E '^error [0-9]+ at|^error |verification failed|unable' "$1" |
	    grep -v '^error .*: verification failed$' | sed 's/^error //' |
	    paste -sd ';' -
}

oracle() {
	local w=$D/work v pv nameok on adj=0 hostarg
	if ossl_verify "$w/verify.out"; then v=accept; else v=reject; fi
	if libpq_name_ok "$NAME" "$ISIP" "$SANS" "$CNS"; then
		nameok=match
	else
		nameok=mismatch
	fi
	hostarg=-verify_hostname
	[ "$ISIP" = 1 ] && hostarg=-verify_ip
	if ossl_verify "$w/verify-name.out" "$hostarg" "$NAME"; then
		on=accept
	else
		on=reject
	fi
	local verdict=reject why
	why=$(errs "$w/verify.out")
	if [ "$v" = accept ] && [ "$nameok" = match ]; then
		verdict=accept
	elif [ "$v" = accept ]; then
		why="host name mismatch (libpq rules)"
	fi
	[ "$verdict" != "$on" ] && adj=1
	local pverdict=- pwhy=
	if [ "$PARTIAL" = 1 ]; then
		if ossl_verify "$w/verify-partial.out" -partial_chain; then
			pv=accept
		else
			pv=reject
		fi
		pwhy=$(errs "$w/verify-partial.out")
		pverdict=reject
		if [ "$pv" = accept ] && [ "$nameok" = match ]; then
			pverdict=accept
		elif [ "$pv" = accept ]; then
			pwhy="host name mismatch (libpq rules)"
		fi
	fi
	printf 'VERDICT=%s\nWHY=%q\nPVERDICT=%s\nPWHY=%q\nLIBPQ_NAME=%s\nOPENSSL_NAME=%s\nNAMEADJ=%s\nOPENSSL_NAME_WHY=%q\n' \
	    "$verdict" "$why" "$pverdict" "$pwhy" "$nameok" "$on" "$adj" \
	    "$(errs "$w/verify-name.out")" >"$D/oracle.txt"
}

for ((CASE = 1; CASE <= N; CASE++)); do
	gen_case
done
