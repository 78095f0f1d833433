#!/bin/bash
# SPDX-License-Identifier: MIT
# Dovecot (Debian's dovecot-imapd, -pop3d, -managesieved, -lmtpd) on free
# ports with its own configuration under $T: IMAP, POP3, ManageSieve and
# LMTP STARTTLS by scheme, by --starttls=PROTO and by auto-detection; the
# same daemon with ssl = no offers no STARTTLS on any of them; the wrong
# root and a name mismatch still fail after the upgrade.
. "$(dirname "$0")/../lib.sh"
. "$TESTS_DIR/peers/daemons.sh"
pki_make
start_dovecot tls yes
I=$IMAP_PORT P=$POP3_PORT S=$SIEVE_PORT L=$LMTP_PORT
A=127.0.0.1
ok100() { echo "$1: ok, expires in 100 days"; }

check_run "imap://" 0 out="$(ok100 imap://$A:$I)" \
    -- "$CCHECK" -r "$ROOT" "imap://$A:$I"
check_run "pop3://" 0 out="$(ok100 pop3://$A:$P)" \
    -- "$CCHECK" -r "$ROOT" "pop3://$A:$P"
check_run "sieve://" 0 out="$(ok100 sieve://$A:$S)" \
    -- "$CCHECK" -r "$ROOT" "sieve://$A:$S"
check_run "lmtp://" 0 out="$(ok100 lmtp://$A:$L)" \
    -- "$CCHECK" -r "$ROOT" "lmtp://$A:$L"
check_run "lmtp:// by name localhost" 0 out="$(ok100 lmtp://localhost:$L)" \
    -- "$CCHECK" -r "$ROOT" "lmtp://localhost:$L"
check_run "--starttls=imap" 0 out="$(ok100 $A:$I)" \
    -- "$CCHECK" -r "$ROOT" --starttls=imap "$A:$I"
check_run "-Spop3" 0 out="$(ok100 $A:$P)" \
    -- "$CCHECK" -r "$ROOT" -Spop3 "$A:$P"
check_run "--starttls=sieve" 0 out="$(ok100 $A:$S)" \
    -- "$CCHECK" -r "$ROOT" --starttls=sieve "$A:$S"
check_run "--starttls=lmtp" 0 out="$(ok100 $A:$L)" \
    -- "$CCHECK" -r "$ROOT" --starttls=lmtp "$A:$L"
check_run "-S auto: imap and pop3" 0 \
    out="$(ok100 $A:$I; ok100 $A:$P)" \
    -- "$CCHECK" -r "$ROOT" -S "$A:$I" "$A:$P"
check_run "--starttls auto, -n 4" 0 \
    out="$(ok100 $A:$I; ok100 $A:$P; ok100 $A:$I)" \
    -- "$CCHECK" -r "$ROOT" --starttls -n 4 "$A:$I" "$A:$P" "$A:$I"
check_run "imap: unknown root after STARTTLS" 2 \
    err="imap://$A:$I: x509: certificate signed by unknown authority" \
    -- "$CCHECK" -r "$OTHER_ROOT" "imap://$A:$I"
check_run "pop3: name mismatch after STLS" 2 \
    err~="pop3://$A\(mail\.example\.test\):$P: x509: certificate is valid for .*, not mail\.example\.test" \
    -- "$CCHECK" -r "$ROOT" "pop3://$A(mail.example.test):$P"
check_run "imap: -m 101" 2 err="imap://$A:$I: expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" -m 101 "imap://$A:$I"

start_dovecot plain no
I=$IMAP_PORT P=$POP3_PORT S=$SIEVE_PORT L=$LMTP_PORT
check_run "ssl=no: imap offers no STARTTLS" 2 \
    err~="imap://$A:$I: server does not offer STARTTLS: \"\* CAPABILITY IMAP4rev1 .*\"" \
    -- "$CCHECK" -r "$ROOT" "imap://$A:$I"
check_run "ssl=no: pop3 offers no STLS" 2 \
    err~="pop3://$A:$P: server does not offer STARTTLS: \"\+OK.*\"" \
    -- "$CCHECK" -r "$ROOT" "pop3://$A:$P"
check_run "ssl=no: sieve offers no STARTTLS" 2 \
    err~="sieve://$A:$S: server does not offer STARTTLS: \"\"IMPLEMENTATION\" \"Dovecot.* Pigeonhole\"\"" \
    -- "$CCHECK" -r "$ROOT" "sieve://$A:$S"
check_run "ssl=no: lmtp offers no STARTTLS" 2 \
    err~="lmtp://$A:$L: server does not offer STARTTLS: \"250-.*\"" \
    -- "$CCHECK" -r "$ROOT" "lmtp://$A:$L"
check_run "ssl=no: auto imap" 2 \
    err~="$A:$I: server does not offer STARTTLS: .*" \
    -- "$CCHECK" -r "$ROOT" -S "$A:$I"
finish
