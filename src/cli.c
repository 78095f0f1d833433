/* SPDX-License-Identifier: MIT */
/*
 * cli: flags, --help text and usage errors, with getopt_long.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "fmt.h"
#include "loop.h"
#include "pg.h"
#include "x509_cert.h"

/* Longest accepted --timeout: an hour is already no probe. */
#define TIMEOUT_MAX_S 3600
/* In-flight targets; each costs one slot (see loop.c's budget). */
#define WORKERS_MAX 4096
/* Days a threshold may ask for: a hundred years. */
#define MIN_DAYS_MAX 36500
/* --nagios's warning when --warning is not given (check_ssl_cert's
 * default is 20; 30 leaves a month to renew). */
#define NAGIOS_WARNING_DAYS 30

/* --nagios seen: messages become Nagios's UNKNOWN status line. */
static bool is_nagios;

static void
message(const char *fmt, va_list ap, const char *hint)
{
	FILE *f = is_nagios ? stdout : stderr;

	fputs(is_nagios ? "CCHECK UNKNOWN - ccheck: " : "ccheck: ", f);
	fmt_vfprintf(f, fmt, ap);
	fputs(is_nagios ? "" : hint, f);
	fputc('\n', f);
	fflush(f);
}

/* see cli.h */
void
cli_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	message(fmt, ap, " (see ccheck --help)");
	va_end(ap);
}

/* see cli.h */
void
cli_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	message(fmt, ap, "");
	va_end(ap);
}

/* see cli.h */
void
cli_help(void)
{
	fputs(
"usage: ccheck [OPTIONS] SPEC...\n"
"       ccheck chain [OPTIONS] SPEC...\n"
"       ccheck roots\n"
"       ccheck server [--bind ADDR:PORT] [--allow PATTERN]... [OPTIONS]\n"
"       ccheck audit [--name HOST]... [--fail-on SEV] [PGDATA|CONF]...\n"
"\n"
"Connects to each SPEC, negotiates TLS as its protocol wants, verifies the\n"
"certificate chain and host name (like libpq's sslmode=verify-full) and\n"
"reports the days left before the first certificate on the path expires.\n"
"\n"
"SPEC:\n"
"  host:port  host                  connect and check the name host\n"
"  [v6addr]:port  [v6addr]  v6addr  an IPv6 literal (a bare one: no port)\n"
"  addr(name):port  (name)addr:port connect to addr, check and send name;\n"
"  addr:port(name)                  () sends addr\n"
"  FILE.pem  FILE.pem(name)         check a PEM chain on disk (and name)\n"
"  scheme://SPEC                    speak scheme's protocol: postgres, smtp,\n"
"                                   lmtp, imap, pop3, ftp, ldap, mysql, xmpp,\n"
"                                   nntp, sieve; tls, https, smtps, imaps,\n"
"                                   pop3s, ldaps (TLS at once)\n"
"  'host=db sslmode=verify-full'    a libpq connection string, keywords or\n"
"  postgresql://db/app?sslmode=...  URI (PG* variables fill the rest): one\n"
"                                   PostgreSQL target per host, judged as\n"
"                                   libpq would\n"
"  A missing port is the protocol's (smtp 25, imap 143, ...; $PGPORT or\n"
"  5432 with --postgres), else 443.  A scheme wins over -P and -S.\n"
"\n"
"options:\n"
"  -P, --postgres           PostgreSQL: SSLRequest, then TLS\n"
"      --pg-negotiation=MODE  how PostgreSQL starts TLS: postgres\n"
"                           (SSLRequest; default), direct (ClientHello\n"
"                           at once, ALPN postgresql: PostgreSQL 17+) or\n"
"                           auto (direct, else SSLRequest)\n"
"      --ready              like pg_isready, after the certificate check:\n"
"                           send a StartupMessage, judge the first reply\n"
"                           (implies --postgres; exit status below)\n"
"      --user NAME          --ready's role (default: PGUSER, else the\n"
"                           login name)\n"
"      --dbname NAME        --ready's database (default: PGDATABASE,\n"
"                           else the role)\n"
"  -S, --starttls[=PROTO]   STARTTLS: SMTP, IMAP or POP3 as the greeting\n"
"                           tells; =PROTO forces one (smtp, lmtp, imap,\n"
"                           pop3, ftp, ldap, mysql, xmpp, nntp, sieve).\n"
"                           Write --starttls=PROTO or -SPROTO: a separate\n"
"                           word is a SPEC\n"
"  -m, --min-days N         fail when fewer than N days remain (default 15,\n"
"                           0: never)\n"
"      --min-hours N        fail when fewer than N hours remain\n"
"      --min-remaining PCT  fail when less than PCT% of the leaf's\n"
"                           lifetime remains (short-lived certificates)\n"
"      --pin sha256//B64    trust a certificate whose public key has this\n"
"                           SHA-256 (curl's form; repeatable) instead of\n"
"                           the CAs: the leaf or one the server sends\n"
"      --expect-cert FILE   fail unless the server serves the certificate\n"
"                           in FILE (renewed but not reloaded?)\n"
"  -q, --quiet              print failures only\n"
"  -t, --tap                TAP output\n"
"  -j, --json               JSON output (an array, one object per SPEC)\n"
"      --nagios             a Nagios plugin: one status line with\n"
"                           perfdata, exit 0 OK, 1 WARNING, 2 CRITICAL,\n"
"                           3 UNKNOWN\n"
"      --warning DAYS       --nagios: WARNING below DAYS (default 30)\n"
"      --critical DAYS      --nagios: CRITICAL below DAYS (default\n"
"                           --min-days)\n"
"      --prometheus FILE    also write metrics to FILE for node_exporter's\n"
"                           textfile collector (replaced atomically)\n"
"      --show-expired       list only the SPECs that expire within\n"
"                           --min-days (or have expired)\n"
"  -i, --input-file FILE    more SPECs, one a line (# comments; - is stdin)\n"
"  -s, --skip-verify        no chain or name check; dates still reported\n"
"  -r, --root-certs FILE    trust the CAs of FILE instead of the built-in\n"
"                           anchors\n"
"      --crl FILE|DIR       check revocation as libpq's sslcrl/sslcrldir:\n"
"                           every certificate on the path needs a current\n"
"                           CRL from its issuer (repeatable)\n"
"      --partial-chain      any certificate of --root-certs ends a path\n"
"                           (libpq needs a self-signed root)\n"
"      --dane[=require]     also look up _PORT._tcp.HOST TLSA and match it\n"
"                           (RFC 7671); fail when DNSSEC-validated records\n"
"                           match nothing; require: also when there are\n"
"                           none or they are not validated\n"
"      --tls-min VERSION    the lowest TLS version allowed: TLSv1,\n"
"                           TLSv1.1, TLSv1.2 or TLSv1.3 (libpq's\n"
"                           ssl_min_protocol_version; default TLSv1.2\n"
"                           for PostgreSQL, as libpq's, else TLSv1)\n"
"      --tls-max VERSION    the highest (ssl_max_protocol_version)\n"
"      --at TIME            judge every date as of TIME (YYYY-MM-DD or\n"
"                           2027-01-31T12:00:00Z), not now\n"
"  -c, --client-cert FILE   client certificate (PEM, with intermediates)\n"
"  -k, --client-key FILE    its private key (RSA or EC; PEM or DER; PKCS#1,\n"
"                           SEC1 or PKCS#8), for servers that require one;\n"
"                           mode 0600 or less (0640 if owned by root)\n"
"      --client-key-password-file FILE\n"
"                           the key's password: FILE's first line\n"
"  -n, --num-workers N      targets checked at once (default 1)\n"
"      --per-host N         at most N of them to one host and port\n"
"                           (default 8)\n"
"      --timeout SECONDS    per target, all steps included (default 10)\n"
"  -h, --help               this text\n"
"      --version            the version\n"
"\n"
"commands:\n"
"  chain                    show every certificate each SPEC sends\n"
"  roots                    list the built-in trust anchors\n"
"  server                   answer HTTP: GET /{postgres,plain,starttls,...}\n"
"                           /SPEC,... (Go ccheck's JSON), /probe?target=\n"
"                           SPEC&module=M (Prometheus), /metrics\n"
"      --bind ADDR:PORT     listen here (default 127.0.0.1:1981)\n"
"      --allow PATTERN      targets requests may name: HOST[:PORT] (*.x),\n"
"                           ADDR[:PORT] or CIDR[:PORT]; repeatable\n"
"                           (default: loopback addresses only)\n"
"      --prefix PATH        route under PATH (/api/ccheck)\n"
"  -B, --behind-proxy       log X-Forwarded-For's first address\n"
"      --config FILE        Go ccheck's ccheck.toml (default\n"
"                           /etc/ccheck.toml if it exists)\n"
"      --cache-ttl DURATION keep results this long (default 60s)\n"
"  audit                    judge PostgreSQL clusters on this host (default:\n"
"                           /etc/postgresql/*/*/postgresql.conf, else\n"
"                           $PGDATA): TLS settings, certificate, key\n"
"                           file, pg_hba.conf, what the server serves;\n"
"                           -r, -m, -q, -t, -j, --nagios, --timeout apply\n"
"      --name HOST          the certificate must name HOST (repeatable;\n"
"                           default: this host's name)\n"
"      --fail-on SEV        exit 2 at findings of SEV or worse: info,\n"
"                           warning (default) or critical\n"
"\n"
"exit status: 0 all passed, 2 any failed, 1 usage error.\n"
"with --ready (pg_isready's): 0 accepting connections, 1 rejecting\n"
"(starting up, shutting down), 2 no response, 3 no attempt (usage\n"
"error), 4 certificate or TLS check failed.\n",
	    stdout);
}

static int
number(const char *flag, const char *arg, unsigned long lo,
    unsigned long hi, unsigned long *out)
{
	if (spec_parse_ulong(arg, lo, hi, out) < 0) {
		cli_error("invalid value \"%s\" for %s: want a whole number "
		    "from %lu to %lu", arg, flag, lo, hi);
		return -1;
	}
	return 0;
}

enum {
	OPT_TIMEOUT = 256,
	OPT_VERSION,
	OPT_SHOW_EXPIRED,
	OPT_PIN,
	OPT_EXPECT_CERT,
	OPT_MIN_HOURS,
	OPT_MIN_REMAINING,
	OPT_PG_NEGOTIATION,
	OPT_READY,
	OPT_USER,
	OPT_DBNAME,
	OPT_AT,
	OPT_PARTIAL_CHAIN,
	OPT_DANE,
	OPT_CRL,
	OPT_TLS_MIN,
	OPT_TLS_MAX,
	OPT_KEY_PASSWORD_FILE,
	OPT_NAGIOS,
	OPT_WARNING,
	OPT_CRITICAL,
	OPT_PROMETHEUS,
	OPT_PER_HOST,
	OPT_BIND,
	OPT_PREFIX,
	OPT_CONFIG,
	OPT_ALLOW,
	OPT_CACHE_TTL,
	OPT_NAME,
	OPT_FAIL_ON
};

/* n digits at s as a number, or -1 when any is not a digit. */
static long
digits(const char *s, size_t n)
{
	long v = 0;

	while (n-- > 0) {
		if (*s < '0' || *s > '9') {
			return -1;
		}
		v = v * 10 + (*s++ - '0');
	}
	return v;
}

/*
 * --at TIME: "YYYY-MM-DD" (midnight UTC) or RFC 3339's
 * "YYYY-MM-DDTHH:MM:SS" followed by "Z" or an offset "+HH:MM"/"-HH:MM"
 * (no fractions).  Returns 0 with *out set, or -1.
 */
static int
parse_at(const char *s, int64_t *out)
{
	static const char mdays[12] = {
		31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	size_t len = strlen(s);
	long y = digits(s, 4);
	long mo = digits(s + 5, 2);
	long d = digits(s + 8, 2);
	long hh = 0;
	long mi = 0;
	long ss = 0;
	long off = 0;

	if (len < 10 || s[4] != '-' || s[7] != '-' || y < 0 || mo < 1 ||
	    mo > 12 || d < 1 || d > mdays[mo - 1]) {
		return -1;
	}
	if (len > 10) {
		if (len < 20 || (s[10] != 'T' && s[10] != 't' &&
		    s[10] != ' ') || s[13] != ':' || s[16] != ':') {
			return -1;
		}
		hh = digits(s + 11, 2);
		mi = digits(s + 14, 2);
		ss = digits(s + 17, 2);
		if (hh < 0 || hh > 23 || mi < 0 || mi > 59 || ss < 0 ||
		    ss > 60) {
			return -1;
		}
		if (len == 20 && (s[19] == 'Z' || s[19] == 'z')) {
			off = 0;
		} else if (len == 25 && (s[19] == '+' || s[19] == '-') &&
		    s[22] == ':' && digits(s + 20, 2) >= 0 &&
		    digits(s + 20, 2) < 24 && digits(s + 23, 2) >= 0 &&
		    digits(s + 23, 2) < 60) {
			off = (digits(s + 20, 2) * 60 + digits(s + 23, 2)) *
			    60 * (s[19] == '-' ? -1 : 1);
		} else {
			return -1;
		}
	}
	if (mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0))) {
		return -1;
	}
	*out = x509_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 +
	    hh * 3600 + mi * 60 + ss - off;
	return 0;
}

/*
 * --starttls[=PROTO]: no value is auto (SMTP, IMAP or POP3 by the
 * greeting); a value is any name of the protocol table.
 */
static int
starttls(const char *arg, enum proto *proto)
{
	const struct proto_info *pi;

	if (arg == NULL) {
		*proto = PROTO_STARTTLS_AUTO;
		return 0;
	}
	pi = proto_by_scheme(arg, strlen(arg));
	if (pi == NULL) {
		cli_error("unknown protocol \"%s\" for --starttls: want smtp, "
		    "lmtp, imap, pop3, ftp, ldap, mysql, xmpp, nntp, sieve or "
		    "auto", arg);
		return -1;
	}
	*proto = pi->proto;
	return 0;
}

/* Output formats exclude each other; the second one named is an error. */
static int
set_format(struct cli *c, enum cli_format f, const char *flag)
{
	if (c->format_flag != NULL && c->format != f) {
		cli_error("%s and %s cannot be used together", c->format_flag,
		    flag);
		return -1;
	}
	c->format_flag = flag;
	c->format = f;
	return 0;
}

/*
 * --nagios's thresholds: --critical, else --min-days; --warning, else
 * NAGIOS_WARNING_DAYS or the critical one if higher.  Days left fall, so
 * WARNING must come first: a warning below the critical is an error.
 */
static int
nagios_thresholds(struct cli *c)
{
	if (c->format != CLI_FORMAT_NAGIOS) {
		if (c->warning_days >= 0 || c->critical_days >= 0) {
			cli_error("--warning and --critical need --nagios");
			return -1;
		}
		return 0;
	}
	if (c->is_ready) {
		cli_error("--nagios and --ready cannot be used together");
		return -1;
	}
	if (c->critical_days < 0) {
		c->critical_days = c->min_days;
	}
	if (c->warning_days < 0) {
		c->warning_days = c->critical_days > NAGIOS_WARNING_DAYS ?
		    c->critical_days : NAGIOS_WARNING_DAYS;
	}
	if (c->warning_days > 0 && c->warning_days < c->critical_days) {
		cli_error("--warning %ld is below --critical %ld (or "
		    "--min-days): days left fall, WARNING comes first",
		    c->warning_days, c->critical_days);
		return -1;
	}
	return 0;
}

/* see cli.h */
int
cli_parse(int argc, char **argv, struct cli *c)
{
	static const struct option longopts[] = {
		{ "postgres", no_argument, NULL, 'P' },
		{ "starttls", optional_argument, NULL, 'S' },
		{ "min-days", required_argument, NULL, 'm' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "tap", no_argument, NULL, 't' },
		{ "skip-verify", no_argument, NULL, 's' },
		{ "root-certs", required_argument, NULL, 'r' },
		{ "num-workers", required_argument, NULL, 'n' },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "per-host", required_argument, NULL, OPT_PER_HOST },
		{ "json", no_argument, NULL, 'j' },
		{ "input-file", required_argument, NULL, 'i' },
		{ "client-cert", required_argument, NULL, 'c' },
		{ "client-key", required_argument, NULL, 'k' },
		{ "show-expired", no_argument, NULL, OPT_SHOW_EXPIRED },
		{ "pin", required_argument, NULL, OPT_PIN },
		{ "expect-cert", required_argument, NULL, OPT_EXPECT_CERT },
		{ "min-hours", required_argument, NULL, OPT_MIN_HOURS },
		{ "min-remaining", required_argument, NULL, OPT_MIN_REMAINING },
		{ "pg-negotiation", required_argument, NULL,
		    OPT_PG_NEGOTIATION },
		{ "ready", no_argument, NULL, OPT_READY },
		{ "user", required_argument, NULL, OPT_USER },
		{ "dbname", required_argument, NULL, OPT_DBNAME },
		{ "at", required_argument, NULL, OPT_AT },
		{ "partial-chain", no_argument, NULL, OPT_PARTIAL_CHAIN },
		{ "dane", optional_argument, NULL, OPT_DANE },
		{ "client-key-password-file", required_argument, NULL,
		    OPT_KEY_PASSWORD_FILE },
		{ "crl", required_argument, NULL, OPT_CRL },
		{ "tls-min", required_argument, NULL, OPT_TLS_MIN },
		{ "tls-max", required_argument, NULL, OPT_TLS_MAX },
		{ "nagios", no_argument, NULL, OPT_NAGIOS },
		{ "warning", required_argument, NULL, OPT_WARNING },
		{ "critical", required_argument, NULL, OPT_CRITICAL },
		{ "prometheus", required_argument, NULL, OPT_PROMETHEUS },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ "bind", required_argument, NULL, OPT_BIND },
		{ "prefix", required_argument, NULL, OPT_PREFIX },
		{ "behind-proxy", no_argument, NULL, 'B' },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "allow", required_argument, NULL, OPT_ALLOW },
		{ "cache-ttl", required_argument, NULL, OPT_CACHE_TTL },
		{ "name", required_argument, NULL, OPT_NAME },
		{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
		{ NULL, 0, NULL, 0 }
	};
	const char *last;
	const char *why;
	const char *flag;
	unsigned long v;
	int ch;
	int k;

	memset(c, 0, sizeof *c);
	is_nagios = false;
	c->cmd = CLI_PROBE;
	c->format = CLI_FORMAT_TEXT;
	c->proto = PROTO_TLS;
	c->min_days = 15;
	c->timeout_s = 10;
	c->num_workers = 1;
	c->warning_days = -1;
	c->critical_days = -1;
	c->per_host = LOOP_PER_HOST;
	c->fail_on = AUDIT_WARNING;
	/* --ready and --nagios change what a usage error exits with
	 * (pg_isready's 3, Nagios's UNKNOWN), even when the error comes
	 * before them. */
	for (k = 1; k < argc && strcmp(argv[k], "--") != 0; k++) {
		if (strcmp(argv[k], "--ready") == 0) {
			c->is_ready = true;
		}
		if (strcmp(argv[k], "--nagios") == 0) {
			c->is_nagios = is_nagios = true;
		}
	}
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":PS::m:qtsr:n:hji:c:k:B", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'P':
			c->proto = PROTO_POSTGRES;
			break;
		case 'S':
			if (starttls(optarg, &c->proto) < 0) {
				return -1;
			}
			break;
		case 'm':
			if (number("--min-days", optarg, 0, MIN_DAYS_MAX,
			    &v) < 0) {
				return -1;
			}
			c->min_days = (long)v;
			break;
		case 'q':
			c->is_quiet = true;
			break;
		case 't':
			if (set_format(c, CLI_FORMAT_TAP, "--tap") < 0) {
				return -1;
			}
			break;
		case 'j':
			if (set_format(c, CLI_FORMAT_JSON, "--json") < 0) {
				return -1;
			}
			break;
		case OPT_NAGIOS:
			c->is_nagios = is_nagios = true;	/* "--nag" */
			if (set_format(c, CLI_FORMAT_NAGIOS, "--nagios") < 0) {
				return -1;
			}
			break;
		case OPT_WARNING:
		case OPT_CRITICAL:
			flag = ch == OPT_WARNING ? "--warning" : "--critical";
			if (number(flag, optarg, 0, MIN_DAYS_MAX, &v) < 0) {
				return -1;
			}
			*(ch == OPT_WARNING ? &c->warning_days :
			    &c->critical_days) = (long)v;
			break;
		case OPT_PROMETHEUS:
			if (*optarg == '\0') {
				cli_error("--prometheus needs a file name");
				return -1;
			}
			c->prometheus = optarg;
			break;
		case OPT_PIN:
			if (pin_add(&c->pins, optarg, &why) < 0) {
				cli_error("invalid --pin \"%s\": %s", optarg, why);
				return -1;
			}
			break;
		case OPT_EXPECT_CERT:
			c->expect_cert = optarg;
			break;
		case OPT_MIN_HOURS:
			if (number("--min-hours", optarg, 0, MIN_DAYS_MAX * 24,
			    &v) < 0) {
				return -1;
			}
			c->min_hours = (long)v;
			break;
		case OPT_MIN_REMAINING:
			if (number("--min-remaining", optarg, 0, 100, &v) < 0) {
				return -1;
			}
			c->min_remaining_pct = (long)v;
			break;
		case OPT_READY:
			c->is_ready = true;
			break;
		case OPT_USER:
		case OPT_DBNAME:
			if (*optarg == '\0' || strlen(optarg) > PG_NAME_MAX) {
				cli_error("invalid value for %s: want 1 to %d "
				    "bytes", ch == OPT_USER ? "--user" :
				    "--dbname", PG_NAME_MAX);
				return -1;
			}
			*(ch == OPT_USER ? &c->user : &c->dbname) = optarg;
			break;
		case OPT_AT:
			if (parse_at(optarg, &c->at) < 0) {
				cli_error("invalid --at \"%s\": want YYYY-MM-DD or "
				    "RFC 3339 (2027-01-31T12:00:00Z)", optarg);
				return -1;
			}
			c->has_at = true;
			break;
		case OPT_CRL:
			if (c->n_crls == CLI_CRL_MAX) {
				cli_error("too many --crl (at most %d)",
				    CLI_CRL_MAX);
				return -1;
			}
			c->crls[c->n_crls++] = optarg;
			break;
		case OPT_TLS_MIN:
		case OPT_TLS_MAX:
			flag = ch == OPT_TLS_MIN ? "--tls-min" : "--tls-max";
			if (spec_tls_version_parse(optarg, ch == OPT_TLS_MIN ?
			    &c->tls_min : &c->tls_max) < 0) {
				cli_error("invalid value \"%s\" for %s: want "
				    "TLSv1, TLSv1.1, TLSv1.2 or TLSv1.3",
				    optarg, flag);
				return -1;
			}
			break;
		case OPT_PARTIAL_CHAIN:
			c->is_partial_chain = true;
			break;
		case OPT_DANE:
			if (optarg != NULL && strcmp(optarg, "require") != 0) {
				cli_error("unknown mode \"%s\" for --dane: "
				    "want --dane or --dane=require", optarg);
				return -1;
			}
			c->dane = optarg != NULL ? DANE_REQUIRE : DANE_ON;
			break;
		case OPT_KEY_PASSWORD_FILE:
			c->client_key_password_file = optarg;
			break;
		case OPT_PG_NEGOTIATION:
			if (strcmp(optarg, "postgres") == 0) {
				c->pg_neg = SPEC_PG_NEG_POSTGRES;
			} else if (strcmp(optarg, "direct") == 0) {
				c->pg_neg = SPEC_PG_NEG_DIRECT;
			} else if (strcmp(optarg, "auto") == 0) {
				c->pg_neg = SPEC_PG_NEG_AUTO;
			} else {
				cli_error("unknown mode \"%s\" for "
				    "--pg-negotiation: want postgres, direct or "
				    "auto", optarg);
				return -1;
			}
			break;
		case OPT_SHOW_EXPIRED:
			if (set_format(c, CLI_FORMAT_EXPIRED,
			    "--show-expired") < 0) {
				return -1;
			}
			break;
		case 'i':
			c->input_file = optarg;
			break;
		case 'c':
			c->client_cert = optarg;
			break;
		case 'k':
			c->client_key = optarg;
			break;
		case 's':
			c->is_skip_verify = true;
			break;
		case 'r':
			c->root_certs = optarg;
			break;
		case 'n':
			if (number("--num-workers", optarg, 1, WORKERS_MAX,
			    &v) < 0) {
				return -1;
			}
			c->num_workers = (size_t)v;
			c->has_num_workers = true;
			break;
		case OPT_PER_HOST:
			if (number("--per-host", optarg, 1, WORKERS_MAX,
			    &v) < 0) {
				return -1;
			}
			c->per_host = (size_t)v;
			break;
		case OPT_TIMEOUT:
			if (number("--timeout", optarg, 1, TIMEOUT_MAX_S,
			    &v) < 0) {
				return -1;
			}
			c->timeout_s = (long)v;
			break;
		case OPT_BIND:
			c->bind = optarg;
			break;
		case OPT_PREFIX:
			c->prefix = optarg;
			break;
		case 'B':
			c->is_behind_proxy = true;
			break;
		case OPT_CONFIG:
			c->config = optarg;
			break;
		case OPT_CACHE_TTL:
			c->cache_ttl = optarg;
			break;
		case OPT_ALLOW:
			if (c->n_allow == CLI_ALLOW_MAX) {
				cli_error("too many --allow (at most %d)",
				    CLI_ALLOW_MAX);
				return -1;
			}
			c->allow[c->n_allow++] = optarg;
			break;
		case OPT_NAME:
			if (c->n_names == AUDIT_NAMES_MAX || *optarg == '\0' ||
			    strlen(optarg) >= SPEC_HOST_CAP) {
				cli_error("invalid --name \"%s\" (at most %d, of "
				    "1 to %d bytes)", optarg, AUDIT_NAMES_MAX,
				    SPEC_HOST_CAP - 1);
				return -1;
			}
			c->names[c->n_names++] = optarg;
			break;
		case OPT_FAIL_ON:
			if (audit_sev_parse(optarg, &c->fail_on) < 0) {
				cli_error("invalid value \"%s\" for --fail-on: "
				    "want info, warning or critical", optarg);
				return -1;
			}
			c->has_fail_on = true;
			break;
		case 'h':
			c->cmd = CLI_HELP;
			return 0;
		case OPT_VERSION:
			c->cmd = CLI_VERSION;
			return 0;
		case ':':
			/* The flag as typed is the last argument getopt
			 * looked at; a short one also sits in optopt.  musl
			 * 1.2.3 may leave a NULL there after permuting a
			 * trailing "-Pn": never trust that slot. */
			last = optind >= 2 && optind <= argc ?
			    argv[optind - 1] : NULL;
			if (last != NULL && strncmp(last, "--", 2) == 0) {
				cli_error("option %s needs a value", last);
			} else {
				cli_error("option -%c needs a value", optopt);
			}
			return -1;
		default:
			last = optind >= 2 && optind <= argc ?
			    argv[optind - 1] : NULL;
			if (optopt != 0 || last == NULL) {
				cli_error("unknown option -%c", optopt);
			} else {
				cli_error("unknown option %s", last);
			}
			return -1;
		}
	}
	if (c->is_ready && c->proto == PROTO_TLS) {
		c->proto = PROTO_POSTGRES;
	}
	/* libpq's wording (fe-connect.c), then which flags. */
	if (c->tls_min != 0 && c->tls_max != 0 && c->tls_min > c->tls_max) {
		cli_error("invalid SSL protocol version range: --tls-min is "
		    "above --tls-max");
		return -1;
	}
	if ((c->client_cert == NULL) != (c->client_key == NULL)) {
		cli_error("--client-cert and --client-key go together");
		return -1;
	}
	if (c->client_key_password_file != NULL && c->client_key == NULL) {
		cli_error("--client-key-password-file needs --client-key");
		return -1;
	}
	if (nagios_thresholds(c) < 0) {
		return -1;
	}
	/* --ready's exit statuses have no room for the file's failure. */
	if (c->prometheus != NULL && c->is_ready) {
		cli_error("--prometheus and --ready cannot be used together");
		return -1;
	}
	c->specs = argv + optind;
	c->n_specs = (size_t)(argc - optind);
	if (c->n_specs > 0 && strcmp(c->specs[0], "roots") == 0) {
		if (c->n_specs > 1) {
			cli_error("roots takes no arguments");
			return -1;
		}
		c->cmd = CLI_ROOTS;
		return 0;
	}
	if (c->n_specs > 0 && strcmp(c->specs[0], "server") == 0) {
		if (c->n_specs > 1 || c->input_file != NULL) {
			cli_error("server takes no SPEC: requests name them");
			return -1;
		}
		if (c->format != CLI_FORMAT_TEXT || c->prometheus != NULL ||
		    c->is_ready) {
			cli_error("server answers in its own formats");
			return -1;
		}
		c->cmd = CLI_SERVER;
		return 0;
	}
	if (c->n_specs > 0 && strcmp(c->specs[0], "audit") == 0) {
		if (c->format == CLI_FORMAT_EXPIRED || c->prometheus != NULL ||
		    c->is_ready || c->input_file != NULL) {
			cli_error("audit prints text, --tap, --json or --nagios");
			return -1;
		}
		c->cmd = CLI_AUDIT;
		c->specs++;
		c->n_specs--;
		return 0;
	}
	if (c->n_names > 0 || c->has_fail_on) {
		cli_error("--name and --fail-on are options of ccheck audit");
		return -1;
	}
	if (c->n_specs > 0 && strcmp(c->specs[0], "chain") == 0) {
		if (c->format != CLI_FORMAT_TEXT || c->prometheus != NULL) {
			cli_error("chain prints its own format");
			return -1;
		}
		c->cmd = CLI_CHAIN;
		c->specs++;
		c->n_specs--;
	}
	if (c->n_specs == 0 && c->input_file == NULL) {
		cli_error("no SPEC given");
		return -1;
	}
	return 0;
}
