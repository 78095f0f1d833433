#!/bin/bash
# SPDX-License-Identifier: MIT
# FTP AUTH TLS against vsftpd (Debian's vsftpd) on a free port with its
# own configuration under $T (no logins possible); with ssl_enable=NO
# vsftpd answers AUTH with 530: no STARTTLS.
. "$(dirname "$0")/../lib.sh"
. "$TESTS_DIR/peers/daemons.sh"
pki_make
start_vsftpd tls yes
P=$FTP_PORT A=127.0.0.1
check_run "ftp://" 0 out="ftp://$A:$P: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" "ftp://$A:$P"
check_run "--starttls=ftp, localhost" 0 \
    out="localhost:$P: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" --starttls=ftp "localhost:$P"
check_run "ftp: -m 101" 2 err="ftp://$A:$P: expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" -m 101 "ftp://$A:$P"

start_vsftpd plain no
P=$FTP_PORT
check_run "ssl_enable=NO: no STARTTLS" 2 \
    err="ftp://$A:$P: server does not offer STARTTLS: \"530 Please login with USER and PASS.\"" \
    -- "$CCHECK" -r "$ROOT" "ftp://$A:$P"
finish
