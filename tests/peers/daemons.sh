# SPDX-License-Identifier: MIT
# tests/peers/daemons.sh: sourced after tests/lib.sh by the STARTTLS tests
# (tests/integ/90-starttls-*.sh).  Each start_* runs one real daemon from
# Debian's packages on 127.0.0.1 and free ports, with its configuration,
# data and logs under $T (never /etc, never the default ports), serving
# the test PKI; waits (bounded) until it listens; and adds its pid to
# SERVER_PIDS so lib.sh's cleanup stops it.  Set-up failures die.

# wait_port PORT NAME LOG: 10 s at most (slapd and mariadbd take ~1 s).
wait_port() {
	if ! wait_for 10 tcp_open "$1"; then
		diag "$2 log:" "$(tail -n 30 "$3" 2>/dev/null)"
		die "$2 did not start"
	fi
}

# key_copy NAME OWNER: the leaf key and chain copied to $T/NAME.{key,crt},
# owned by OWNER (a daemon that drops root reads them as itself).
key_copy() {
	cp "$PKI/leaf-ec.chain.pem" "$T/$1.crt" &&
	    cp "$PKI/leaf-ec.key" "$T/$1.key" || die "cannot copy the PKI"
	chmod 600 "$T/$1.key"
	if [ "$(id -u)" -eq 0 ] && [ -n "${2:-}" ]; then
		chown "$2" "$T/$1.crt" "$T/$1.key"
	fi
}

# start_dovecot NAME yes|no: IMAP, POP3, ManageSieve and LMTP.  Sets
# IMAP_PORT POP3_PORT SIEVE_PORT LMTP_PORT.
start_dovecot() {
	local name=$1 ssl=$2 d=$T/dovecot-$1
	[ -x /usr/sbin/dovecot ] || die "dovecot not installed"
	IMAP_PORT=$(free_port) && POP3_PORT=$(free_port) &&
	    SIEVE_PORT=$(free_port) && LMTP_PORT=$(free_port) ||
	    die "no free port"
	mkdir -p "$d/run" "$d/state"
	key_copy "dovecot-$name"
	: >"$d/passwd"
	cat >"$d/dovecot.conf" <<CONF
instance_name = ccheck-$name-$$
base_dir = $d/run
state_dir = $d/state
log_path = $d/log
protocols = imap pop3 sieve lmtp
listen = 127.0.0.1
ssl = $ssl
ssl_cert = <$T/dovecot-$name.crt
ssl_key = <$T/dovecot-$name.key
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = yes
passdb {
  driver = passwd-file
  args = $d/passwd
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=/nonexistent
}
service imap-login {
  inet_listener imap {
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    port = $POP3_PORT
  }
  inet_listener pop3s {
    port = 0
  }
}
service managesieve-login {
  inet_listener sieve {
    port = $SIEVE_PORT
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $LMTP_PORT
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0600
  }
  unix_listener stats-writer {
    mode = 0600
  }
}
CONF
	/usr/sbin/dovecot -F -c "$d/dovecot.conf" </dev/null \
	    >"$d/stdout" 2>&1 &
	SERVER_PIDS+=($!)
	wait_port "$IMAP_PORT" dovecot "$d/log"
	wait_port "$SIEVE_PORT" dovecot "$d/log"
	wait_port "$LMTP_PORT" dovecot "$d/log"
	wait_port "$POP3_PORT" dovecot "$d/log"
}

# start_exim NAME yes|no: Exim (exim4-daemon-light) with a configuration
# that accepts no mail at all, advertising STARTTLS or not.  Sets
# SMTP_PORT.
start_exim() {
	local name=$1 tls=$2 d=$T/exim-$1 adv=
	[ -x /usr/sbin/exim4 ] || die "exim4 not installed"
	SMTP_PORT=$(free_port) || die "no free port"
	mkdir -p "$d/spool" "$d/log"
	key_copy "exim-$name" Debian-exim
	[ "$(id -u)" -eq 0 ] && chown -R Debian-exim "$d"
	[ "$tls" = yes ] && adv='*'
	cat >"$d/exim.conf" <<CONF
primary_hostname = mx.example.test
keep_environment =
daemon_smtp_ports = $SMTP_PORT
local_interfaces = 127.0.0.1
spool_directory = $d/spool
log_file_path = $d/log/%slog
pid_file_path = $d/exim.pid
tls_advertise_hosts = $adv
tls_certificate = $T/exim-$name.crt
tls_privatekey = $T/exim-$name.key
acl_smtp_rcpt = acl_rcpt
begin acl
acl_rcpt:
  deny message = no mail here
CONF
	/usr/sbin/exim4 -C "$d/exim.conf" -bdf -oX "$SMTP_PORT" \
	    </dev/null >"$d/stdout" 2>&1 &
	SERVER_PIDS+=($!)
	wait_port "$SMTP_PORT" exim "$d/log/mainlog"
}

# start_slapd NAME yes|no: OpenLDAP's slapd with no database at all (the
# root DSE answers StartTLS), TLS configured or not.  Sets LDAP_PORT.
start_slapd() {
	local name=$1 tls=$2 d=$T/slapd-$1
	[ -x /usr/sbin/slapd ] || die "slapd not installed"
	LDAP_PORT=$(free_port) || die "no free port"
	mkdir -p "$d"
	key_copy "slapd-$name"
	{
		echo "include /etc/ldap/schema/core.schema"
		echo "pidfile $d/slapd.pid"
		echo "argsfile $d/slapd.args"
		if [ "$tls" = yes ]; then
			echo "TLSCertificateFile $T/slapd-$name.crt"
			echo "TLSCertificateKeyFile $T/slapd-$name.key"
		fi
	} >"$d/slapd.conf"
	# -d 0: stay in the foreground, log nothing.
	/usr/sbin/slapd -d 0 -h "ldap://127.0.0.1:$LDAP_PORT/" \
	    -f "$d/slapd.conf" </dev/null >"$d/log" 2>&1 &
	SERVER_PIDS+=($!)
	wait_port "$LDAP_PORT" slapd "$d/log"
}

# start_mariadb NAME yes|no|grants: mariadbd as the mysql user, with TLS
# (yes) or --skip-ssl (no), on an empty data directory with
# --skip-grant-tables (it starts in about 1 s and lets any host in); or
# (grants) on one made by mariadb-install-db with --skip-name-resolve,
# where 127.0.0.1 has no account, so the server answers the connection
# with error 1130 instead of a greeting.  Sets MYSQL_PORT.
start_mariadb() {
	local name=$1 mode=$2 d=$T/mariadb-$1 args
	[ -x /usr/sbin/mariadbd ] || die "mariadb-server not installed"
	MYSQL_PORT=$(free_port) || die "no free port"
	mkdir -p "$d/data"
	key_copy "mariadb-$name" mysql
	[ "$(id -u)" -eq 0 ] && chown -R mysql "$d"
	args=(--ssl-cert="$T/mariadb-$name.crt" --ssl-key="$T/mariadb-$name.key")
	case $mode in
	yes) args+=(--skip-grant-tables) ;;
	no) args=(--skip-ssl --skip-grant-tables) ;;
	grants)
		if ! mariadb-install-db --no-defaults --datadir="$d/data" \
		    --user=mysql --skip-test-db --skip-name-resolve \
		    --auth-root-authentication-method=socket \
		    >"$d/install.log" 2>&1; then
			diag "$(tail -n 20 "$d/install.log")"
			die "mariadb-install-db failed"
		fi
		args+=(--skip-name-resolve) ;;
	esac
	/usr/sbin/mariadbd --no-defaults --user=mysql --datadir="$d/data" \
	    --bind-address=127.0.0.1 --port="$MYSQL_PORT" \
	    --socket="$d/sock" --pid-file="$d/pid" --log-error="$d/err.log" \
	    --innodb-buffer-pool-size=8M "${args[@]}" </dev/null \
	    >"$d/stdout" 2>&1 &
	SERVER_PIDS+=($!)
	wait_port "$MYSQL_PORT" mariadbd "$d/err.log"
}

# start_prosody NAME yes|no: Prosody with one VirtualHost "localhost",
# c2s only, TLS offered or not.  Sets XMPP_PORT.
start_prosody() {
	local name=$1 tls=$2 d=$T/prosody-$1 ssl=
	[ -x /usr/bin/prosody ] || die "prosody not installed"
	XMPP_PORT=$(free_port) || die "no free port"
	mkdir -p "$d/data"
	key_copy "prosody-$name" prosody
	[ "$(id -u)" -eq 0 ] && chown -R prosody "$d"
	# Without "tls" no STARTTLS is offered (Prosody would otherwise
	# find the package's own certificate in /etc/prosody/certs).
	local mods='"tls"; "saslauth"' off='"s2s"; "posix"'
	if [ "$tls" = yes ]; then
		ssl="ssl = { certificate = \"$T/prosody-$name.crt\"; key = \"$T/prosody-$name.key\" }"
	else
		mods='"saslauth"' off='"s2s"; "posix"; "tls"'
	fi
	cat >"$d/prosody.cfg.lua" <<CONF
pidfile = "$d/prosody.pid"
data_path = "$d/data"
log = { info = "$d/prosody.log"; error = "$d/prosody.log" }
daemonize = false
run_as_root = true
c2s_ports = { $XMPP_PORT }
c2s_interfaces = { "127.0.0.1" }
modules_enabled = { $mods }
modules_disabled = { $off }
c2s_require_encryption = false
$ssl
VirtualHost "localhost"
$ssl
CONF
	prosody -F --config "$d/prosody.cfg.lua" </dev/null >"$d/stdout" 2>&1 &
	SERVER_PIDS+=($!)
	wait_port "$XMPP_PORT" prosody "$d/prosody.log"
}

# start_vsftpd NAME yes|no: vsftpd, no logins at all, with ssl_enable
# yes or no.  Sets FTP_PORT.
start_vsftpd() {
	local name=$1 tls=$2 d=$T/vsftpd-$1
	[ -x /usr/sbin/vsftpd ] || die "vsftpd not installed"
	FTP_PORT=$(free_port) || die "no free port"
	mkdir -p "$d/empty"
	key_copy "vsftpd-$name"
	cat >"$d/vsftpd.conf" <<CONF
listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=$FTP_PORT
background=NO
anonymous_enable=NO
local_enable=YES
pam_service_name=ccheck-none
secure_chroot_dir=$d/empty
vsftpd_log_file=$d/log
xferlog_enable=NO
ssl_enable=$( [ "$tls" = yes ] && echo YES || echo NO )
rsa_cert_file=$T/vsftpd-$name.crt
rsa_private_key_file=$T/vsftpd-$name.key
# The default (DES-CBC3-SHA) is nothing BearSSL or a modern client offers.
ssl_ciphers=HIGH
CONF
	/usr/sbin/vsftpd "$d/vsftpd.conf" </dev/null >"$d/stdout" 2>&1 &
	SERVER_PIDS+=($!)
	wait_port "$FTP_PORT" vsftpd "$d/stdout"
}

# start_pgbouncer NAME: pgbouncer (Debian's) with client TLS required
# (client_tls_sslmode require: SSLRequest, then TLS) and a backend that
# is never reached (port 1): the SSLRequest and the handshake are
# pgbouncer's own.  It refuses to run as root: run as postgres then.
# Sets PGB_PORT and PGB_LOG.  PGB_EXTRA (set for the call) holds more
# [pgbouncer] lines (client_tls_protocols = tlsv1.3...).
start_pgbouncer() {
	local name=$1 d=$T/pgbouncer-$1 as=()
	[ -x /usr/sbin/pgbouncer ] || die "pgbouncer not installed"
	PGB_PORT=$(free_port) || die "no free port"
	PGB_LOG=$d/log
	mkdir -p "$d"
	key_copy "pgbouncer-$name" postgres
	echo '"ccheck" ""' >"$d/users.txt"
	cat >"$d/pgbouncer.ini" <<CONF
[databases]
* = host=127.0.0.1 port=1
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $PGB_PORT
unix_socket_dir =
auth_type = trust
auth_file = $d/users.txt
client_tls_sslmode = require
client_tls_cert_file = $T/pgbouncer-$name.crt
client_tls_key_file = $T/pgbouncer-$name.key
logfile = $PGB_LOG
pidfile = $d/pgbouncer.pid
${PGB_EXTRA:-}
CONF
	if [ "$(id -u)" -eq 0 ]; then
		chown -R postgres "$d"
		as=(runuser -u postgres --)
	fi
	"${as[@]}" /usr/sbin/pgbouncer "$d/pgbouncer.ini" </dev/null \
	    >"$d/stdout" 2>&1 &
	SERVER_PIDS+=($!)
	wait_port "$PGB_PORT" pgbouncer "$PGB_LOG"
}

# start_nginx NAME: nginx (Debian's) serving plain HTTP (every request:
# 204), one process, everything under $T.  Sets HTTP_PORT.
start_nginx() {
	local name=$1 d=$T/nginx-$1
	[ -x /usr/sbin/nginx ] || die "nginx not installed"
	HTTP_PORT=$(free_port) || die "no free port"
	mkdir -p "$d"
	cat >"$d/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
pid $d/nginx.pid;
error_log $d/error.log;
events { worker_connections 16; }
http {
	access_log $d/access.log;
	client_body_temp_path $d/body;
	proxy_temp_path $d/proxy;
	fastcgi_temp_path $d/fastcgi;
	uwsgi_temp_path $d/uwsgi;
	scgi_temp_path $d/scgi;
	server { listen 127.0.0.1:$HTTP_PORT; return 204; }
}
CONF
	/usr/sbin/nginx -c "$d/nginx.conf" -p "$d" -e "$d/error.log" \
	    </dev/null >"$d/stdout" 2>&1 &
	SERVER_PIDS+=($!)
	wait_port "$HTTP_PORT" nginx "$d/error.log"
}
