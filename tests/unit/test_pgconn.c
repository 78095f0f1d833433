/* SPDX-License-Identifier: MIT */
/*
 * pgconn: libpq's documented connection-string examples, every keyword
 * ccheck acts on, the environment, password masking, and as many
 * malformed strings as valid ones.
 */
#include <stdlib.h>
#include <string.h>

#include "pgconn.h"
#include "t.h"

#define V_DEF SPEC_VERIFY_DEFAULT
#define V_FULL SPEC_VERIFY_FULL
#define V_CA SPEC_VERIFY_CA
#define V_NONE SPEC_VERIFY_NONE

struct want_host {
	const char *addr;
	const char *name;
	unsigned port;
};

static const struct pgconn_env env_none;
static const struct pgconn_env env_host = {
	.host = "envhost", .port = "6000"
};
static const struct pgconn_env env_tls = {
	.sslmode = "verify-ca", .sslrootcert = "/env/ca.pem",
	.sslcert = "/env/c.pem", .sslkey = "/env/c.key", .sslsni = "0",
	.sslnegotiation = "direct"
};
static const struct pgconn_env env_addr = {
	.hostaddr = "10.0.0.9"
};
static const struct pgconn_env env_badmode = {
	.sslmode = "bogus"
};

static const struct {
	const char *text;
	const struct pgconn_env *env;
	const char *want_err;		/* NULL: parses */
	size_t want_n;
	struct want_host want[3];
	enum spec_verify want_verify;
	enum spec_pg_neg want_neg;
	int want_no_sni;
	int want_system;
	const char *want_root;
	const char *want_cert;
	const char *want_key;
} cases[] = {
	/* libpq's documented URI examples. */
	{ "postgresql://localhost", NULL, NULL, 1,
	    { { "localhost", "localhost", 5432 } }, V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://localhost:5433", NULL, NULL, 1,
	    { { "localhost", "localhost", 5433 } }, V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://localhost/mydb", NULL, NULL, 1,
	    { { "localhost", "localhost", 5432 } }, V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://user@localhost", NULL, NULL, 1,
	    { { "localhost", "localhost", 5432 } }, V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://user:secret@localhost", NULL, NULL, 1,
	    { { "localhost", "localhost", 5432 } }, V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://other@localhost/otherdb?connect_timeout=10&"
	    "application_name=myapp", NULL, NULL, 1,
	    { { "localhost", "localhost", 5432 } }, V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://host1:123,host2:456/somedb?target_session_attrs=any&"
	    "application_name=myapp", NULL, NULL, 2,
	    { { "host1", "host1", 123 }, { "host2", "host2", 456 } },
	    V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "postgresql:///mydb?host=localhost&port=5433", NULL, NULL, 1,
	    { { "localhost", "localhost", 5433 } }, V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://[2001:db8::1234]/database", NULL, NULL, 1,
	    { { "2001:db8::1234", "2001:db8::1234", 5432 } },
	    V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://[::1]:7000,db:7001", NULL, NULL, 2,
	    { { "::1", "::1", 7000 }, { "db", "db", 7001 } },
	    V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "postgres://db", NULL, NULL, 1, { { "db", "db", 5432 } },
	    V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "postgres://db1,db2:7", NULL, NULL, 2,
	    { { "db1", "db1", 5432 }, { "db2", "db2", 7 } },
	    V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://d%62/x%20y?sslmode=verify%2Dca&sslrootcert=%2Fca.pem",
	    NULL, NULL, 1, { { "db", "db", 5432 } }, V_CA, 0, 0, 0,
	    "/ca.pem", 0, 0 },
	{ "postgresql://db?ssl=true", NULL, NULL, 1, { { "db", "db", 5432 } },
	    V_NONE, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://db/?sslmode=verify-full&sslsni=0&"
	    "sslnegotiation=direct", NULL, NULL, 1, { { "db", "db", 5432 } },
	    V_FULL, SPEC_PG_NEG_DIRECT, 1, 0, 0, 0, 0 },
	{ "postgresql://db?hostaddr=127.0.0.1", NULL, NULL, 1,
	    { { "127.0.0.1", "db", 5432 } }, V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://user:p%40ss@db:1/", NULL, NULL, 1,
	    { { "db", "db", 1 } }, V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://db?sslrootcert=system", NULL, NULL, 1,
	    { { "db", "db", 5432 } }, V_FULL, 0, 0, 1, 0, 0, 0 },
	{ "postgresql://db?", NULL, NULL, 1, { { "db", "db", 5432 } },
	    V_DEF, 0, 0, 0, 0, 0, 0 },

	/* keyword/value. */
	{ "host=db", NULL, NULL, 1, { { "db", "db", 5432 } },
	    V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "host=db port=5433 sslmode=verify-ca sslrootcert=/ca.pem", NULL,
	    NULL, 1, { { "db", "db", 5433 } }, V_CA, 0, 0, 0, "/ca.pem", 0, 0 },
	{ "  host =  db\tport= 7\n", NULL, NULL, 1, { { "db", "db", 7 } },
	    V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "host='db' sslrootcert='/my ca/it\\'s\\\\.pem'", NULL, NULL, 1,
	    { { "db", "db", 5432 } }, V_DEF, 0, 0, 0, "/my ca/it's\\.pem",
	    0, 0 },
	{ "host=db sslrootcert=/a\\ b.pem", NULL, NULL, 1,
	    { { "db", "db", 5432 } }, V_DEF, 0, 0, 0, "/a b.pem", 0, 0 },
	{ "host=a,b port=1,2", NULL, NULL, 2,
	    { { "a", "a", 1 }, { "b", "b", 2 } }, V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "host=a,b,c port=9", NULL, NULL, 3,
	    { { "a", "a", 9 }, { "b", "b", 9 }, { "c", "c", 9 } },
	    V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "host=a,b port=,8", NULL, NULL, 2,
	    { { "a", "a", 5432 }, { "b", "b", 8 } }, V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "host=db.example.test hostaddr=10.0.0.1", NULL, NULL, 1,
	    { { "10.0.0.1", "db.example.test", 5432 } },
	    V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "host=a,b hostaddr=10.0.0.1,::1 port=3", NULL, NULL, 2,
	    { { "10.0.0.1", "a", 3 }, { "::1", "b", 3 } },
	    V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "hostaddr=127.0.0.1 sslmode=verify-ca", NULL, NULL, 1,
	    { { "127.0.0.1", "127.0.0.1", 5432 } }, V_CA, 0, 0, 0, 0, 0, 0 },
	/* hostaddr as getaddrinfo(AI_NUMERICHOST) takes it: inet_aton
	 * forms, a scoped IPv6 address; kept as written. */
	{ "host=db,db hostaddr=127.000.000.001,fe80::1%lo", NULL, NULL, 2,
	    { { "127.000.000.001", "db", 5432 }, { "fe80::1%lo", "db", 5432 } },
	    V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "host=db host=other", NULL, NULL, 1, { { "other", "other", 5432 } },
	    V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "host=db sslmode=require", NULL, NULL, 1, { { "db", "db", 5432 } },
	    V_NONE, 0, 0, 0, 0, 0, 0 },
	{ "host=db sslmode=prefer", NULL, NULL, 1, { { "db", "db", 5432 } },
	    V_NONE, 0, 0, 0, 0, 0, 0 },
	{ "host=db sslmode=allow", NULL, NULL, 1, { { "db", "db", 5432 } },
	    V_NONE, 0, 0, 0, 0, 0, 0 },
	/* require: pgspec makes it verify-ca once the root file exists. */
	{ "host=db sslmode=require sslrootcert=/ca.pem", NULL, NULL, 1,
	    { { "db", "db", 5432 } }, V_NONE, 0, 0, 0, "/ca.pem", 0, 0 },
	{ "host=db sslmode=verify-full", NULL, NULL, 1,
	    { { "db", "db", 5432 } }, V_FULL, 0, 0, 0, 0, 0, 0 },
	{ "host=db sslrootcert=system sslmode=verify-full", NULL, NULL, 1,
	    { { "db", "db", 5432 } }, V_FULL, 0, 0, 1, 0, 0, 0 },
	{ "host=db sslcert=/c.pem sslkey=/c.key", NULL, NULL, 1,
	    { { "db", "db", 5432 } }, V_DEF, 0, 0, 0, 0, "/c.pem", "/c.key" },
	/* pgspec ignores a key without a certificate, as libpq. */
	{ "host=db sslkey=/c.key", NULL, NULL, 1, { { "db", "db", 5432 } },
	    V_DEF, 0, 0, 0, 0, 0, "/c.key" },
	/* The key then defaults to ~/.postgresql/postgresql.key. */
	{ "host=db sslcert=/c.pem", NULL, NULL, 1, { { "db", "db", 5432 } },
	    V_DEF, 0, 0, 0, 0, "/c.pem", 0 },
	/* libpq sends SNI only for a value starting with '1'. */
	{ "host=db sslsni=yes", NULL, NULL, 1, { { "db", "db", 5432 } },
	    V_DEF, 0, 1, 0, 0, 0, 0 },
	{ "host=db sslsni=1x", NULL, NULL, 1, { { "db", "db", 5432 } },
	    V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "host=db sslsni=", NULL, NULL, 1, { { "db", "db", 5432 } },
	    V_DEF, 0, 1, 0, 0, 0, 0 },
	/* requiressl is sslmode: '1...' require, else prefer; last wins. */
	{ "host=db requiressl=1", NULL, NULL, 1, { { "db", "db", 5432 } },
	    V_NONE, 0, 0, 0, 0, 0, 0 },
	{ "host=db sslmode=verify-full requiressl=0", NULL, NULL, 1,
	    { { "db", "db", 5432 } }, V_NONE, 0, 0, 0, 0, 0, 0 },
	{ "host=db requiressl=1 sslmode=verify-ca", NULL, NULL, 1,
	    { { "db", "db", 5432 } }, V_CA, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://db?requiressl=1&sslnegotiation=direct", NULL, NULL,
	    1, { { "db", "db", 5432 } }, V_NONE, SPEC_PG_NEG_DIRECT, 0, 0, 0,
	    0, 0 },
	/* libpq's parse_int_param: blanks around, a sign. */
	{ "host=db port=' 7 '", NULL, NULL, 1, { { "db", "db", 7 } },
	    V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "host=db port=+7", NULL, NULL, 1, { { "db", "db", 7 } },
	    V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "host=db port=", NULL, NULL, 1, { { "db", "db", 5432 } },
	    V_DEF, 0, 0, 0, 0, 0, 0 },
	/* Every other libpq 17 keyword, with a value libpq accepts. */
	{ "host=db channel_binding=require gssencmode=prefer "
	    "sslcertmode=allow require_auth=!password,!md5 "
	    "target_session_attrs=prefer-standby load_balance_hosts=random "
	    "keepalives=1 keepalives_idle=' 5' keepalives_interval=-1 "
	    "keepalives_count=3 tcp_user_timeout=0 connect_timeout=-5 "
	    "passfile=/x sslcompression=1 sslpassword=x requirepeer=pg "
	    "krbsrvname=k gsslib=gssapi gssdelegation=1 replication=database "
	    "client_encoding=UTF8 fallback_application_name=f "
	    "ssl_min_protocol_version=tlsv1.1 "
	    "ssl_max_protocol_version=TLSv1.3", NULL, NULL, 1,
	    { { "db", "db", 5432 } }, V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "host=db keepalives=0 keepalives_idle=x tcp_user_timeout=y", NULL,
	    NULL, 1, { { "db", "db", 5432 } }, V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "host=db require_auth=gss,sspi,none", NULL, NULL, 1,
	    { { "db", "db", 5432 } }, V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "host=db require_auth=", NULL, NULL, 1, { { "db", "db", 5432 } },
	    V_DEF, 0, 0, 0, 0, 0, 0 },
	/* libpq 18's keywords: accepted (libpq 17 refuses them). */
	{ "host=db min_protocol_version=3.2 sslkeylogfile=/k "
	    "oauth_issuer=i oauth_client_id=c oauth_client_secret=s "
	    "oauth_scope=o max_protocol_version=latest", NULL, NULL, 1,
	    { { "db", "db", 5432 } }, V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "host=db sslsni=1 sslnegotiation=postgres", NULL, NULL, 1,
	    { { "db", "db", 5432 } }, V_DEF, SPEC_PG_NEG_POSTGRES, 0, 0, 0, 0,
	    0 },
	{ "host=db user=u password='p w' dbname=d application_name=a "
	    "connect_timeout=5 options='-c x=y' sslcrl=/x target_session_attrs"
	    "=any gssencmode=disable channel_binding=prefer", NULL, NULL, 1,
	    { { "db", "db", 5432 } }, V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "host=db sslrootcert=", NULL, NULL, 1, { { "db", "db", 5432 } },
	    V_DEF, 0, 0, 0, 0, 0, 0 },

	/* The environment fills only what the string leaves out. */
	{ "sslmode=require", &env_host, NULL, 1,
	    { { "envhost", "envhost", 6000 } }, V_NONE, 0, 0, 0, 0, 0, 0 },
	{ "host=db", &env_host, NULL, 1, { { "db", "db", 6000 } },
	    V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://db:7", &env_host, NULL, 1, { { "db", "db", 7 } },
	    V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "host=db", &env_tls, NULL, 1, { { "db", "db", 5432 } },
	    V_CA, SPEC_PG_NEG_DIRECT, 1, 0, "/env/ca.pem", "/env/c.pem",
	    "/env/c.key" },
	{ "host=db sslmode=verify-full sslsni=1 sslnegotiation=postgres "
	    "sslrootcert=/ca.pem", &env_tls, NULL, 1, { { "db", "db", 5432 } },
	    V_FULL, SPEC_PG_NEG_POSTGRES, 0, 0, "/ca.pem", "/env/c.pem",
	    "/env/c.key" },
	{ "host=db", &env_addr, NULL, 1, { { "10.0.0.9", "db", 5432 } },
	    V_DEF, 0, 0, 0, 0, 0, 0 },
	{ "host=db", &env_none, NULL, 1, { { "db", "db", 5432 } },
	    V_DEF, 0, 0, 0, 0, 0, 0 },

	/* Malformed keyword/value strings. */
	{ "host", NULL, "missing \"=\" after \"host\" in connection info "
	    "string", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host db", NULL, "missing \"=\" after \"host\" in connection info "
	    "string", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=db port", NULL, "missing \"=\" after \"port\" in connection "
	    "info string", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host='db", NULL, "unterminated quoted string in connection info "
	    "string", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host='db\\'", NULL, "unterminated quoted string in connection "
	    "info string", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=db colour=blue", NULL, "invalid connection option "
	    "\"colour\"", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "=db", NULL, "invalid connection option \"\"", 0, { { 0 } },
	    0, 0, 0, 0, 0, 0, 0 },
	{ "HOST=db", NULL, "invalid connection option \"HOST\"", 0,
	    { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "service=prod", NULL, "service files are not supported "
	    "(service=prod)", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=db sslmode=disable", NULL, "sslmode=disable does not use "
	    "TLS; ccheck needs require or stronger", 0, { { 0 } },
	    0, 0, 0, 0, 0, 0, 0 },
	{ "host=db sslmode=verify_full", NULL, "invalid sslmode value: "
	    "\"verify_full\"", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=db sslrootcert=system sslmode=verify-ca", NULL, "weak sslmode "
	    "\"verify-ca\" may not be used with sslrootcert=system (use "
	    "\"verify-full\")", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=db sslrootcert=system sslmode=require", NULL, "weak sslmode "
	    "\"require\" may not be used with sslrootcert=system (use "
	    "\"verify-full\")", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=db sslnegotiation=auto", NULL, "invalid sslnegotiation "
	    "value: \"auto\"", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=a,b,c port=1,2", NULL, "could not match 2 port numbers to 3 "
	    "hosts", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=a,b hostaddr=10.0.0.1", NULL, "could not match 2 host names "
	    "to 1 hostaddr values", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=db hostaddr=db.example.test", NULL, "could not parse network "
	    "address \"db.example.test\": Name or service not known", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=db hostaddr=127.0.0.256", NULL, "could not parse network "
	    "address \"127.0.0.256\": Name or service not known", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "hostaddr=127.0.0.1 sslmode=verify-full", NULL, "host name must be "
	    "specified for a verified SSL connection", 0, { { 0 } },
	    0, 0, 0, 0, 0, 0, 0 },
	{ "host=db port=0", NULL, "invalid port number: \"0\"", 0, { { 0 } },
	    0, 0, 0, 0, 0, 0, 0 },
	{ "host=db port=65536", NULL, "invalid port number: \"65536\"", 0,
	    { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=db port=x", NULL, "invalid integer value \"x\" for "
	    "connection option \"port\"", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=db port=-1", NULL, "invalid port number: \"-1\"", 0,
	    { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=db port=0x1", NULL, "invalid integer value \"0x1\" for "
	    "connection option \"port\"", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=db port=99999999999", NULL, "invalid integer value "
	    "\"99999999999\" for connection option \"port\"", 0, { { 0 } },
	    0, 0, 0, 0, 0, 0, 0 },
	/* The values libpq 17 refuses, in its words (issue 13). */
	{ "host=db channel_binding=invalid_value", NULL, "invalid "
	    "channel_binding value: \"invalid_value\"", 0, { { 0 } },
	    0, 0, 0, 0, 0, 0, 0 },
	{ "host=db channel_binding=", NULL, "invalid channel_binding value: "
	    "\"\"", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=db gssencmode=bogus", NULL, "invalid gssencmode value: "
	    "\"bogus\"", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=db gssencmode=require", NULL, "gssencmode=require does not "
	    "use TLS; ccheck needs disable or prefer", 0, { { 0 } },
	    0, 0, 0, 0, 0, 0, 0 },
	{ "host=db sslcertmode=bogus", NULL, "invalid sslcertmode value: "
	    "\"bogus\"", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=db ssl_min_protocol_version=incorrect_tls", NULL, "invalid "
	    "\"ssl_min_protocol_version\" value: \"incorrect_tls\"", 0,
	    { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=db ssl_max_protocol_version=TLSv1.3x", NULL, "invalid "
	    "\"ssl_max_protocol_version\" value: \"TLSv1.3x\"", 0,
	    { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=db ssl_min_protocol_version=TLSv1.2 "
	    "ssl_max_protocol_version=TLSv1.1", NULL, "invalid SSL protocol "
	    "version range", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=db ssl_max_protocol_version=TLSv1.1", NULL, "invalid SSL "
	    "protocol version range", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=db sslnegotiation=direct", NULL, "weak sslmode \"prefer\" "
	    "may not be used with sslnegotiation=direct (use \"require\", "
	    "\"verify-ca\", or \"verify-full\")", 0, { { 0 } },
	    0, 0, 0, 0, 0, 0, 0 },
	{ "host=db sslmode=require requiressl=0 sslnegotiation=direct", NULL,
	    "weak sslmode \"prefer\" may not be used with "
	    "sslnegotiation=direct (use \"require\", \"verify-ca\", or "
	    "\"verify-full\")", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=db sslrootcert=system requiressl=1", NULL, "weak sslmode "
	    "\"require\" may not be used with sslrootcert=system (use "
	    "\"verify-full\")", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=db sslmode=", NULL, "invalid sslmode value: \"\"", 0,
	    { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=db require_auth=bogus", NULL, "invalid require_auth value: "
	    "\"bogus\"", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=db require_auth=md5,!password", NULL, "negative require_auth "
	    "method \"!password\" cannot be mixed with non-negative methods",
	    0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=db require_auth=!md5,password", NULL, "require_auth method "
	    "\"password\" cannot be mixed with negative methods", 0,
	    { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=db require_auth=!none,!none", NULL, "require_auth method "
	    "\"!none\" is specified more than once", 0, { { 0 } },
	    0, 0, 0, 0, 0, 0, 0 },
	{ "host=db require_auth=md5,md5", NULL, "require_auth method "
	    "\"md5\" is specified more than once", 0, { { 0 } },
	    0, 0, 0, 0, 0, 0, 0 },
	{ "host=db target_session_attrs=read_write", NULL, "invalid "
	    "target_session_attrs value: \"read_write\"", 0, { { 0 } },
	    0, 0, 0, 0, 0, 0, 0 },
	{ "host=db load_balance_hosts=", NULL, "invalid load_balance_hosts "
	    "value: \"\"", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=db connect_timeout=x", NULL, "invalid integer value \"x\" "
	    "for connection option \"connect_timeout\"", 0, { { 0 } },
	    0, 0, 0, 0, 0, 0, 0 },
	{ "host=db keepalives=x1", NULL, "invalid integer value \"x1\" "
	    "for connection option \"keepalives\"", 0, { { 0 } },
	    0, 0, 0, 0, 0, 0, 0 },
	{ "host=db keepalives_count=", NULL, "invalid integer value \"\" "
	    "for connection option \"keepalives_count\"", 0, { { 0 } },
	    0, 0, 0, 0, 0, 0, 0 },
	{ "host=db authtype=x", NULL, "invalid connection option "
	    "\"authtype\"", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=/var/run/postgresql", NULL, "unix-domain sockets are not "
	    "supported (host=/var/run/postgresql)", 0, { { 0 } },
	    0, 0, 0, 0, 0, 0, 0 },
	{ "host=@abstract", NULL, "unix-domain sockets are not supported "
	    "(host=@abstract)", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "sslmode=require", NULL, "unix-domain sockets are not supported "
	    "(no host given)", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=", NULL, "unix-domain sockets are not supported (no host "
	    "given)", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=a,,b", NULL, "unix-domain sockets are not supported (no host "
	    "given)", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q", NULL, "more than 16 hosts",
	    0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "host=db", &env_badmode, "invalid sslmode value: \"bogus\"", 0,
	    { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },

	/* Malformed URIs. */
	{ "postgresql://", NULL, "unix-domain sockets are not supported (no "
	    "host given)", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "postgresql:///dbname?host=/var/lib/postgresql", NULL, "unix-domain "
	    "sockets are not supported (host=/var/lib/postgresql)", 0,
	    { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://%2Fvar%2Flib%2Fpostgresql/dbname", NULL, "unix-domain "
	    "sockets are not supported (host=/var/lib/postgresql)", 0,
	    { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://db%zz", NULL, "invalid percent-encoded token", 0,
	    { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://db%4", NULL, "invalid percent-encoded token", 0,
	    { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://u:p%@db", NULL, "invalid percent-encoded token", 0,
	    { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://db/%00", NULL, "forbidden value %00 in "
	    "percent-encoded value", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://a%00b@db", NULL, "forbidden value %00 in "
	    "percent-encoded value", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://[::1", NULL, "end of string reached when looking for "
	    "matching \"]\" in IPv6 host address in URI", 0, { { 0 } },
	    0, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://[]/db", NULL, "IPv6 host address may not be empty in "
	    "URI", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://[::1]x", NULL, "unexpected character \"x\" at "
	    "position 19 in URI (expected \":\" or \"/\")", 0, { { 0 } },
	    0, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://db?sslmode", NULL, "missing key/value separator "
	    "\"=\" in URI query parameter", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://db?a=b=c", NULL, "extra key/value separator \"=\" in "
	    "URI query parameter", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://db?colour=blue", NULL, "invalid URI query parameter: "
	    "\"colour\"", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://db?ssl=false", NULL, "invalid URI query parameter: "
	    "\"ssl\"", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://db:port", NULL, "invalid integer value \"port\" for "
	    "connection option \"port\"", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://db:5432x/", NULL, "invalid integer value \"5432x\" "
	    "for connection option \"port\"", 0, { { 0 } },
	    0, 0, 0, 0, 0, 0, 0 },
	/* Never a fragment of a password, even where libpq reads it as a
	 * port or a host (issue 13). */
	{ "postgresql://app:s3cr/et@db/x", NULL, "invalid integer value "
	    "\"xxxxx\" for connection option \"port\"", 0, { { 0 } },
	    0, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://app:s3cr@et@db/x?sslmode=verify-full", NULL,
	    "invalid character \"@\" in host (a URI's password needs %40 "
	    "for it)", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://app:pw@db/x?password=a&s3cret=1", NULL,
	    "invalid URI query parameter: \"xxxxx\"", 0, { { 0 } },
	    0, 0, 0, 0, 0, 0, 0 },
	{ "host=db password=my s3cret", NULL, "missing \"=\" after "
	    "\"xxxxx\" in connection info string", 0, { { 0 } },
	    0, 0, 0, 0, 0, 0, 0 },
	{ "host=db password=my s3cret=x", NULL, "invalid connection option "
	    "\"xxxxx\"", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://::1/", NULL, "unix-domain sockets are not supported "
	    "(no host given)", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://db:1:2/", NULL, "invalid integer value \"1:2\" for "
	    "connection option \"port\"", 0, { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://d b/", NULL, "invalid character in host", 0,
	    { { 0 } }, 0, 0, 0, 0, 0, 0, 0 },
	{ "postgresql://db?sslmode=disable", NULL, "sslmode=disable does not "
	    "use TLS; ccheck needs require or stronger", 0, { { 0 } },
	    0, 0, 0, 0, 0, 0, 0 },
};

static void
test_cases(void)
{
	size_t i;
	size_t j;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct pgconn pc;
		char why[256] = "";
		int rc = pgconn_parse(cases[i].text, cases[i].env, &pc, why,
		    sizeof why);
		char what[600];

		snprintf(what, sizeof what, "[%s]", cases[i].text);
		for (j = 0; what[j] != '\0'; j++) {
			if (what[j] < 0x20) {
				what[j] = ' ';	/* one line per check */
			}
		}
		if (cases[i].want_err != NULL) {
			CHECK_STR(rc < 0 ? why : "(parsed)", cases[i].want_err,
			    what);
			continue;
		}
		if (rc < 0) {
			t_report(0, __FILE__, __LINE__, what, why);
			continue;
		}
		CHECK_INT(pc.n, cases[i].want_n, what);
		for (j = 0; j < pc.n && j < 3; j++) {
			CHECK_STR(pc.host[j].addr, cases[i].want[j].addr, what);
			CHECK_STR(pc.host[j].name, cases[i].want[j].name, what);
			CHECK_INT(pc.host[j].port, cases[i].want[j].port, what);
		}
		CHECK_INT(pc.verify, cases[i].want_verify, what);
		CHECK_INT(pc.pg_neg, cases[i].want_neg, what);
		CHECK_INT(pc.is_no_sni, cases[i].want_no_sni, what);
		CHECK_INT(pc.is_system_roots, cases[i].want_system, what);
		CHECK_STR(pc.rootcert ? pc.rootcert : "-", cases[i].want_root ?
		    cases[i].want_root : "-", what);
		CHECK_STR(pc.cert ? pc.cert : "-", cases[i].want_cert ?
		    cases[i].want_cert : "-", what);
		CHECK_STR(pc.key ? pc.key : "-", cases[i].want_key ?
		    cases[i].want_key : "-", what);
		pgconn_free(&pc);
	}
}

static const struct {
	const char *text;
	const char *want;
} masks[] = {
	{ "postgresql://user:secret@localhost",
	    "postgresql://user:xxxxx@localhost" },
	{ "postgresql://user@localhost", "postgresql://user@localhost" },
	{ "postgresql://u:@db/", "postgresql://u:xxxxx@db/" },
	{ "postgres://u:p@db:5/x?password=q&sslmode=require",
	    "postgres://u:xxxxx@db:5/x?password=xxxxx&sslmode=require" },
	{ "postgresql://db?pass%77ord=q&application_name=a",
	    "postgresql://db?pass%77ord=xxxxx&application_name=a" },
	{ "postgresql://db?sslpassword=k&oauth_client_secret=s",
	    "postgresql://db?sslpassword=xxxxx&oauth_client_secret=xxxxx" },
	/* libpq reads a:b@c as the database name; hidden all the same. */
	{ "postgresql://db/a:b@c", "postgresql://db/a:xxxxx@c" },
	{ "postgresql://db/a@c", "postgresql://db/a@c" },
	/* The password holds '/', '?' or '@' unencoded (issue 13). */
	{ "postgresql://app:s3cr/et@db/x", "postgresql://app:xxxxx@db/x" },
	{ "postgresql://app:s3?cr/et@db/x", "postgresql://app:xxxxx" },
	{ "postgresql://app:s3cr@et@db/x?sslmode=require",
	    "postgresql://app:xxxxx@db/x?sslmode=require" },
	{ "postgresql://app:p@h:5432/d?user=a@b",
	    "postgresql://app:xxxxx@h:5432/d?user=a@b" },
	{ "postgresql://h:5432/d?user=a@b", "postgresql://h:xxxxx@b" },
	{ "postgresql://u:x@y?z@h", "postgresql://u:xxxxx" },
	{ "postgresql://db?PassWord=q", "postgresql://db?PassWord=xxxxx" },
	{ "postgresql://db?password=a&s3cret=1",
	    "postgresql://db?password=xxxxx&xxxxx" },
	{ "postgresql://db?password=a=b&x=y", "postgresql://db?xxxxx" },
	{ "host=db password=my s3cret phrase", "host=db password=xxxxx "
	    "xxxxx" },
	{ "host=db password=my s3cret=x sslmode=require",
	    "host=db password=xxxxx xxxxx sslmode=require" },
	{ "host=db PASSWORD=x", "host=db PASSWORD=xxxxx" },
	{ "password secret", "password xxxxx" },
	/* What tests/fuzz/fuzz_mask found: libpq reads a user "db?password=
	 * p" at host "ss"; "password" as the value of a bad keyword; an
	 * encoded key after a '?' in the path. */
	{ "postgresql://db?password=p@ss", "postgresql://db?password=xxxxx" },
	{ "x= password=secret", "x= password=xxxxx" },
	{ "postgresql://h/a?b?pass%77ord=s",
	    "postgresql://h/a?b?pass%77ord=xxxxx" },
	{ "host=db user=password", "host=db user=password" },
	{ "host=db password=secret", "host=db password=xxxxx" },
	{ "host=db password = 'a b\\' c' user=u",
	    "host=db password = xxxxx user=u" },
	{ "password=a\\ b host=db", "password=xxxxx host=db" },
	{ "password='unterminated host=db", "password=xxxxx" },
	{ "host=db  sslpassword=k\tpassword=", "host=db  sslpassword=xxxxx\t"
	    "password=xxxxx" },
	{ "host=db user=password", "host=db user=password" },
	{ "host password=x", "host xxxxx" },
	{ "db.example.test:5432", "db.example.test:5432" },
	{ "", "" },
};

static void
test_mask(void)
{
	size_t i;

	for (i = 0; i < sizeof masks / sizeof masks[0]; i++) {
		char *got = pgconn_mask(masks[i].text);

		CHECK_STR(got, masks[i].want, masks[i].text);
		free(got);
	}
}

static void
test_is_conninfo(void)
{
	CHECK(pgconn_is_conninfo("postgresql://db"));
	CHECK(pgconn_is_conninfo("postgres://db"));
	CHECK(pgconn_is_conninfo("host=db"));
	CHECK(pgconn_is_conninfo("db sslmode=require"));
	CHECK(!pgconn_is_conninfo("db:5432"));
	CHECK(!pgconn_is_conninfo("POSTGRES://db"));
	CHECK(!pgconn_is_conninfo("smtp://mail"));
	CHECK(!pgconn_is_conninfo("[::1]:5432"));
}

static void
test_settings(void)
{
	struct pgconn pc;
	char why[256];

	CHECK(pgconn_settings(&env_tls, &pc, why, sizeof why) == 0);
	CHECK_INT(pc.n, 0, "settings: no hosts");
	CHECK_INT(pc.verify, V_CA, "settings: PGSSLMODE");
	CHECK_STR(pc.rootcert, "/env/ca.pem", "settings: PGSSLROOTCERT");
	pgconn_free(&pc);
	CHECK(pgconn_settings(&env_none, &pc, why, sizeof why) == 0);
	CHECK_INT(pc.verify, V_DEF, "settings: nothing set");
	pgconn_free(&pc);
	CHECK(pgconn_settings(&env_badmode, &pc, why, sizeof why) < 0);
	CHECK_STR(why, "invalid sslmode value: \"bogus\"", "settings: bad");
}

/* user and dbname, for --ready: "-" is NULL. */
static const struct {
	const char *text;
	const char *want_user;
	const char *want_dbname;
} names[] = {
	{ "postgresql://alice@db/appdb", "alice", "appdb" },
	{ "postgresql://alice:secret@db:5433/appdb?sslmode=require",
	    "alice", "appdb" },
	{ "postgresql://al%40ice@db/app%20db", "al@ice", "app db" },
	{ "postgresql://%E2%9C%93@db/d%2Fb", "\xe2\x9c\x93", "d/b" },
	{ "postgresql://db/appdb", "-", "appdb" },
	{ "postgresql://alice@db", "alice", "-" },
	{ "postgresql://alice@db/", "alice", "-" },
	{ "postgresql://@db/", "-", "-" },
	{ "postgresql://:pw@db", "-", "-" },
	{ "postgresql://db", "-", "-" },
	{ "postgresql://alice@db/a?user=bob&dbname=b", "bob", "b" },
	{ "postgresql:///x?host=db&user=u%31", "u1", "x" },
	{ "host=db user=alice dbname=appdb", "alice", "appdb" },
	{ "host=db user = 'al ice' dbname='a\\'b'", "al ice", "a'b" },
	{ "host=db user=a user=b", "b", "-" },
	{ "host=db user='' dbname=''", "-", "-" },
	{ "host=db user= dbname=x", "dbname=x", "-" },
	{ "host=db", "-", "-" },
};

static void
test_names(void)
{
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		struct pgconn pc;
		char why[256] = "";

		if (pgconn_parse(names[i].text, &env_host, &pc, why,
		    sizeof why) < 0) {
			t_report(0, __FILE__, __LINE__, names[i].text, why);
			continue;
		}
		CHECK_STR(pc.user != NULL ? pc.user : "-", names[i].want_user,
		    names[i].text);
		CHECK_STR(pc.dbname != NULL ? pc.dbname : "-",
		    names[i].want_dbname, names[i].text);
		pgconn_free(&pc);
	}
}

/* The TLS settings pgconn adds for pgspec, with and without env. */
static const struct pgconn_env env_tlsver = {
	.ssl_min_protocol_version = "TLSv1.3", .sslcertmode = "disable",
	.requiressl = "1"
};
static const struct pgconn_env env_bad = {
	.channel_binding = "bogus"
};
static const struct pgconn_env env_service = {
	.service = "prod"
};
static const struct pgconn_env env_empty_mode = {
	.sslmode = "", .requiressl = "1"
};

static const struct {
	const char *text;		/* NULL: pgconn_settings */
	const struct pgconn_env *env;
	const char *want_err;
	unsigned want_min;
	unsigned want_max;
	enum spec_verify want_verify;
	int want_has_sslmode;
	int want_cert_disabled;
} tls[] = {
	{ "host=db", NULL, NULL, 0x0303, 0, V_DEF, 0, 0 },
	{ "host=db ssl_min_protocol_version=", NULL, NULL, 0, 0, V_DEF, 0, 0 },
	{ "host=db ssl_min_protocol_version=TLSv1", NULL, NULL, 0x0301, 0,
	    V_DEF, 0, 0 },
	{ "host=db ssl_min_protocol_version=tlsv1.3 "
	    "ssl_max_protocol_version=TLSV1.3", NULL, NULL, 0x0304, 0x0304,
	    V_DEF, 0, 0 },
	{ "host=db ssl_max_protocol_version=TLSv1.2", NULL, NULL, 0x0303,
	    0x0303, V_DEF, 0, 0 },
	{ "host=db ssl_min_protocol_version=TLSv1 "
	    "ssl_max_protocol_version=TLSv1", NULL, NULL, 0x0301, 0x0301,
	    V_DEF, 0, 0 },
	{ "host=db sslmode=prefer sslcertmode=disable", NULL, NULL, 0x0303, 0,
	    V_NONE, 1, 1 },
	/* The environment: PGSSLMINPROTOCOLVERSION, PGSSLCERTMODE, and
	 * PGREQUIRESSL=1 as sslmode=require when nothing else says. */
	{ "host=db", &env_tlsver, NULL, 0x0304, 0, V_NONE, 1, 1 },
	{ "host=db sslmode=verify-ca ssl_min_protocol_version=TLSv1.2",
	    &env_tlsver, NULL, 0x0303, 0, V_CA, 1, 1 },
	{ "host=db", &env_empty_mode, "invalid sslmode value: \"\"", 0, 0,
	    0, 0, 0 },
	{ "host=db", &env_bad, "invalid channel_binding value: \"bogus\"", 0,
	    0, 0, 0, 0 },
	{ "host=db", &env_service, "service files are not supported "
	    "(service=prod)", 0, 0, 0, 0, 0 },
	/* A plain --postgres SPEC: only what the environment says. */
	{ NULL, &env_tlsver, NULL, 0x0304, 0, V_NONE, 1, 1 },
	{ NULL, &env_none, NULL, 0, 0, V_DEF, 0, 0 },
};

static void
test_tls(void)
{
	size_t i;

	for (i = 0; i < sizeof tls / sizeof tls[0]; i++) {
		struct pgconn pc;
		char why[256] = "";
		const char *what = tls[i].text != NULL ? tls[i].text :
		    "(settings)";
		int rc = tls[i].text != NULL ? pgconn_parse(tls[i].text,
		    tls[i].env, &pc, why, sizeof why) :
		    pgconn_settings(tls[i].env, &pc, why, sizeof why);

		if (tls[i].want_err != NULL) {
			CHECK_STR(rc < 0 ? why : "(parsed)", tls[i].want_err,
			    what);
			continue;
		}
		if (rc < 0) {
			t_report(0, __FILE__, __LINE__, what, why);
			continue;
		}
		CHECK_INT(pc.tls_min, tls[i].want_min, what);
		CHECK_INT(pc.tls_max, tls[i].want_max, what);
		CHECK_INT(pc.verify, tls[i].want_verify, what);
		CHECK_INT(pc.has_sslmode, tls[i].want_has_sslmode, what);
		CHECK_INT(pc.is_cert_disabled, tls[i].want_cert_disabled, what);
		pgconn_free(&pc);
	}
}

/* pgconn_env_read: every variable of the README's table, and HOME. */
static const char *
fake_getenv(const char *name)
{
	return strcmp(name, "PGSSLMAXPROTOCOLVERSION") == 0 ? "TLSv1.2" :
	    strcmp(name, "PGPORT") == 0 ? "6543" :
	    strcmp(name, "PGHOST") == 0 ? "h" :
	    strcmp(name, "HOME") == 0 ? "/home/u" :
	    strcmp(name, "PGUSER") == 0 ? "not-read" : NULL;
}

static void
test_env_read(void)
{
	struct pgconn_env env;

	pgconn_env_read(&env, fake_getenv);
	CHECK_STR(env.ssl_max_protocol_version, "TLSv1.2", "env read");
	CHECK_STR(env.port, "6543", "env read: PGPORT");
	CHECK_STR(env.host, "h", "env read: PGHOST");
	CHECK_STR(env.home, "/home/u", "env read: HOME");
	CHECK(env.sslmode == NULL);
	CHECK(env.requiressl == NULL);
}

int
main(void)
{
	test_tls();
	test_env_read();
	test_cases();
	test_names();
	test_mask();
	test_is_conninfo();
	test_settings();
	return t_exit();
}
