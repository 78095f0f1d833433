#!/bin/bash
# SPDX-License-Identifier: MIT
# MySQL protocol TLS (greeting, CLIENT_SSL, SSL request packet) against
# MariaDB (Debian's mariadb-server) on a free port with its own data
# directory under $T: with TLS; with --skip-ssl (no CLIENT_SSL: no
# STARTTLS); and with real grant tables where 127.0.0.1 has no account,
# so the server sends error 1130 instead of a greeting.
. "$(dirname "$0")/../lib.sh"
. "$TESTS_DIR/peers/daemons.sh"
pki_make
start_mariadb tls yes
P=$MYSQL_PORT A=127.0.0.1
check_run "mysql://" 0 out="mysql://$A:$P: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" "mysql://$A:$P"
check_run "mariadb:// and --starttls=mysql" 0 \
    out="mariadb://localhost:$P: ok, expires in 100 days
$A:$P: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" --starttls=mysql "mariadb://localhost:$P" "$A:$P"
check_run "mysql: unknown root" 2 \
    err="mysql://$A:$P: x509: certificate signed by unknown authority" \
    -- "$CCHECK" -r "$OTHER_ROOT" "mysql://$A:$P"

start_mariadb plain no
P=$MYSQL_PORT
check_run "--skip-ssl: no CLIENT_SSL" 2 \
    err~="mysql://$A:$P: server does not offer STARTTLS: \"[0-9.]+-[0-9.]+-MariaDB[^\"]*\"" \
    -- "$CCHECK" -r "$ROOT" "mysql://$A:$P"

start_mariadb grants grants
P=$MYSQL_PORT
check_run "host not allowed: error 1130" 2 \
    err="mysql://$A:$P: server refused STARTTLS: error 1130, \"Host '127.0.0.1' is not allowed to connect to this MariaDB server\"" \
    -- "$CCHECK" -r "$ROOT" "mysql://$A:$P"
finish
