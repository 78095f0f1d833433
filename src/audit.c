/* SPDX-License-Identifier: MIT */
/*
 * audit: one cluster's findings, in the order an operator fixes them:
 * the configuration's own errors, ssl, the certificate and key, the
 * protocol settings, pg_hba.conf, then what the running server serves.
 */
#include <dirent.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>

#include "audit.h"
#include "ciphers.h"
#include "expect.h"
#include "fmt.h"
#include "loop.h"
#include "pghba.h"
#include "spec.h"
#include "tls.h"

static const char *const sev_names[] = {
	[AUDIT_INFO] = "info",
	[AUDIT_WARNING] = "warning",
	[AUDIT_CRITICAL] = "critical"
};

/* see audit.h */
const char *
audit_sev_name(enum audit_sev s)
{
	return sev_names[s];
}

/* see audit.h */
int
audit_sev_parse(const char *s, enum audit_sev *out)
{
	size_t i;

	for (i = 0; i < sizeof sev_names / sizeof sev_names[0]; i++) {
		if (strcmp(s, sev_names[i]) == 0) {
			*out = (enum audit_sev)i;
			return 0;
		}
	}
	return -1;
}

/* see audit.h */
void
audit_add(struct audit_cluster *ac, enum audit_sev sev, const char *id,
    const char *file, unsigned line, const char *advice, const char *fmt,
    ...)
{
	struct audit_finding *f;
	va_list ap;

	if (ac->n == AUDIT_FINDINGS_MAX) {
		ac->n_dropped++;
		return;
	}
	f = &ac->f[ac->n++];
	f->sev = sev;
	f->id = id;
	fmt_snprintf(f->file, sizeof f->file, "%s", file != NULL ? file : "");
	f->line = line;
	fmt_snprintf(f->advice, sizeof f->advice, "%s", advice != NULL ?
	    advice : "");
	va_start(ap, fmt);
	fmt_vsnprintf(f->text, sizeof f->text, fmt, ap);
	va_end(ap);
}

/* The setting's file and line; a default is the main file's, line 0. */
static const char *
where(const struct pgconf *pc, enum pgconf_key k, unsigned *line)
{
	const struct pgconf_value *v = &pc->v[k];

	*line = v->is_set ? v->at.line : 0;
	return v->is_set ? pgconf_file(&pc->log, v->at) : pc->log.files[0];
}

/* The setting's value, else PostgreSQL's default. */
static const char *
value(const struct pgconf *pc, enum pgconf_key k, const char *def)
{
	return pc->v[k].is_set ? pc->v[k].text : def;
}

static void
log_problems(struct audit_cluster *ac, const struct pgconf_log *lg,
    const char *id, const char *advice)
{
	const struct pgconf_problem *p;
	size_t i;

	for (i = 0; i < lg->n_problems; i++) {
		p = &lg->problems[i];
		/* the first file's own failure: at the cluster's file */
		audit_add(ac, AUDIT_CRITICAL, id, p->at.file >= 0 ?
		    pgconf_file(lg, p->at) : ac->config, p->at.line, advice,
		    "%s", p->text);
	}
	if (lg->n_dropped > 0) {
		audit_add(ac, AUDIT_CRITICAL, id, lg->files[0], 0, advice,
		    "%zu more errors", lg->n_dropped);
	}
}

/*
 * ssl_ciphers as OpenSSL 3 reads it (ciphers.h).  A string OpenSSL
 * refuses, or one selecting no suite a stock build has, keeps PostgreSQL
 * from starting.  A weak class is allowed when the string selects a
 * suite of it that its own @SECLEVEL lets through (without one, the
 * level is the build's or openssl.cnf's, which may be 0: all count).
 */
static void
check_ciphers(struct audit_cluster *ac, const char *list, const char *file,
    unsigned line)
{
	static const char cls[] = "NULL\0anonymous\0RC4\0" "3DES";
	struct ciphers_set set;
	char words[40];
	const char *c = cls;
	size_t used = 0;
	unsigned has = 0;
	uint32_t a;
	size_t i;
	int rc;

	rc = ciphers_eval(list, &set);
	if (rc < 0 || ciphers_count(&set, CIPHERS_STOCK) == 0) {
		audit_add(ac, AUDIT_CRITICAL, "config", file, line, NULL,
		    "ssl_ciphers = '%s': %s, so PostgreSQL cannot start (could "
		    "not set the cipher list)", list, rc < 0 ? "OpenSSL rejects "
		    "it" : "it selects no suite of a stock OpenSSL 3");
	}
	for (i = 0; i < CIPHERS_N; i++) {
		a = ciphers_attrs[i];
		if (ciphers_has(&set, i) &&
		    ciphers_level_allows(i, set.sec_level)) {
			has |= (unsigned)(CIPHERS_ENC(a) == CIPHERS_ENC_NULL) |
			    (unsigned)(CIPHERS_AUTH(a) == CIPHERS_AUTH_NULL) << 1 |
			    (unsigned)(CIPHERS_ENC(a) == CIPHERS_ENC_RC4) << 2 |
			    (unsigned)(CIPHERS_ENC(a) == CIPHERS_ENC_3DES) << 3;
		}
	}
	for (i = 0; i < 4; i++, c += strlen(c) + 1) {
		if ((has >> i & 1u) != 0) {
			used += (size_t)fmt_snprintf(words + used,
			    sizeof words - used, "%s%s", used > 0 ? ", " : "", c);
		}
	}
	if (used > 0) {
		audit_add(ac, AUDIT_WARNING, "ciphers", file, line,
		    "leave ssl_ciphers at its default, or end it with "
		    ":!aNULL:!eNULL:!RC4:!3DES", "ssl_ciphers = '%s' allows %s "
		    "cipher suites%s", list, words, has > 3 ? " (RC4 and 3DES "
		    "in OpenSSL builds with enable-weak-ssl-ciphers)" : "");
	}
}

/* ssl_min_protocol_version below TLSv1.2 ("" is no minimum). */
static void
check_protocol(struct audit_cluster *ac, const struct pgconf *pc)
{
	const char *v = value(pc, PGCONF_SSL_MIN_PROTOCOL_VERSION, "TLSv1.2");
	const char *file;
	unsigned line;
	unsigned ver = 0;

	file = where(pc, PGCONF_SSL_MIN_PROTOCOL_VERSION, &line);
	if (v[0] != '\0' && spec_tls_version_parse(v, &ver) < 0) {
		audit_add(ac, AUDIT_CRITICAL, "config", file, line, NULL,
		    "invalid value for parameter \"ssl_min_protocol_version\": "
		    "\"%s\"", v);
	} else if (ver < 0x0303) {
		audit_add(ac, AUDIT_WARNING, "tls-min", file, line,
		    "ssl_min_protocol_version = 'TLSv1.2' (the default since "
		    "PostgreSQL 13)", "ssl_min_protocol_version = '%s' allows "
		    "TLS versions below TLSv1.2", v);
	}
	if (pc->v[PGCONF_SSL_CIPHERS].is_set) {
		file = where(pc, PGCONF_SSL_CIPHERS, &line);
		check_ciphers(ac, pc->v[PGCONF_SSL_CIPHERS].text, file, line);
	}
}

/* pg_hba.conf: TCP without TLS, trust over TCP, client certificates. */
static void
check_hba(struct audit_cluster *ac, const struct pgconf *pc)
{
	static struct pghba hb;		/* 100 KiB: not on the stack */
	char path[PGCONF_PATH_CAP];
	const struct pghba_rule *r;
	const char *file;
	bool is_tcp;
	bool is_plain;
	size_t i;

	if (pgconf_path_join(pc->conf_dir, value(pc, PGCONF_HBA_FILE,
	    "pg_hba.conf"), path, sizeof path) < 0) {
		return;
	}
	pghba_init(&hb);
	pghba_load(&hb, path);
	log_problems(ac, &hb.log, "hba-error", "PostgreSQL refuses to start "
	    "with this pg_hba.conf (and keeps the old one on reload)");
	for (i = 0; i < hb.n_rules; i++) {
		r = &hb.rules[i];
		file = pgconf_file(&hb.log, r->at);
		is_tcp = r->type != PGHBA_LOCAL;
		is_plain = r->type == PGHBA_HOST || r->type == PGHBA_HOSTNOSSL ||
		    r->type == PGHBA_HOSTNOGSSENC;
		if (strcmp(r->method, "reject") == 0) {
			continue;
		}
		if (is_plain) {
			audit_add(ac, r->is_loopback ? AUDIT_INFO :
			    AUDIT_WARNING, "hba-no-tls", file, r->at.line,
			    "use hostssl lines (and sslmode=verify-full in "
			    "clients)", "%s line accepts TCP connections "
			    "without TLS from %s", pghba_type_name(r->type),
			    r->address);
		}
		if (is_tcp && strcmp(r->method, "trust") == 0) {
			audit_add(ac, r->is_loopback ? AUDIT_WARNING :
			    AUDIT_CRITICAL, "hba-trust", file, r->at.line,
			    "use scram-sha-256 or cert", "%s line trusts TCP "
			    "connections from %s without a password",
			    pghba_type_name(r->type), r->address);
		}
		if (strcmp(r->method, "cert") == 0 || r->clientcert[0] != '\0') {
			audit_add(ac, AUDIT_INFO, "hba-cert", file, r->at.line,
			    NULL, "%s line from %s requires a client "
			    "certificate (%s%s)", pghba_type_name(r->type),
			    r->address, r->clientcert[0] != '\0' ?
			    "clientcert=" : "cert", r->clientcert);
		}
	}
	if (hb.n_dropped > 0) {
		audit_add(ac, AUDIT_WARNING, "hba-error", path, 0, NULL,
		    "%zu more lines not judged", hb.n_dropped);
	}
}

/* The served-certificate probe: one SPEC, handed out once. */
struct probe {
	const char *addr;
	unsigned long port;
	bool is_given;
	struct audit_cluster *ac;
	const char *cert_path;
	const char *file;
	unsigned line;
};

static int
probe_next(void *ctx, struct loop_spec *out)
{
	struct probe *p = ctx;

	if (p->is_given) {
		return -1;
	}
	p->is_given = true;
	memset(out, 0, sizeof *out);
	fmt_snprintf(out->text, sizeof out->text, "%s%s%s:%lu",
	    strchr(p->addr, ':') != NULL ? "[" : "", p->addr,
	    strchr(p->addr, ':') != NULL ? "]" : "", p->port);
	if (spec_parse_net(out->text, PROTO_POSTGRES, &out->spec) != NULL) {
		result_fail(&out->res, CK_E_SPEC, NULL);
	}
	out->spec.verify = SPEC_VERIFY_NONE;
	return 1;
}

static void
probe_report(void *ctx, size_t i, const struct spec *sp,
    const struct report *rep)
{
	struct probe *p = ctx;
	struct audit_cluster *ac = p->ac;
	char why[RESULT_DETAIL_CAP + 128];
	char reload[PGCONF_PATH_CAP + 64];

	(void)i;
	result_format(&rep->res, why, sizeof why);
	if (ac->version[0] != '\0') {
		fmt_snprintf(reload, sizeof reload, "run pg_ctlcluster %s %s "
		    "reload", ac->version, ac->name);
	} else {
		fmt_snprintf(reload, sizeof reload, "run pg_ctl -D %s reload",
		    ac->data_dir);
	}
	switch (rep->res.err) {
	case CK_E_OK:
		audit_add(ac, AUDIT_INFO, "served", p->file, p->line, NULL,
		    "the server at %s serves %s (%s, %s)", sp->text,
		    p->cert_path, tls_version_name(rep->tls_version),
		    tls_suite_name(rep->cipher_suite));
		return;
	case CK_E_CERT_CHANGED:
		audit_add(ac, AUDIT_WARNING, "served-stale", p->file, p->line,
		    reload, "renewed on disk, not reloaded: the server at %s "
		    "serves another certificate than %s", sp->text,
		    rep->res.detail);
		return;
	case CK_E_PG_NO_TLS:
		audit_add(ac, AUDIT_WARNING, "served-no-tls", p->file, p->line,
		    reload, "the server at %s does not offer TLS although the "
		    "configuration says ssl = on", sp->text);
		return;
	default:
		audit_add(ac, ck_err_is_no_response(rep->res.err) ?
		    AUDIT_INFO : AUDIT_WARNING, "served", p->file, p->line,
		    NULL, "the server at %s: %s", sp->text, why);
		return;
	}
}

/*
 * An integer setting as PostgreSQL's parse_int reads it (strtol with
 * base 0: 0x hexadecimal, a leading 0 octal), within [lo, hi].
 */
static int
parse_int(const char *s, unsigned long lo, unsigned long hi,
    unsigned long *out)
{
	unsigned long v = 0;
	unsigned base = 10;
	unsigned d;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && s[2] != '\0') {
		base = 16;
		s += 2;
	} else if (s[0] == '0' && s[1] != '\0') {
		base = 8;
		s++;
	}
	if (*s == '\0') {
		return -1;
	}
	for (; *s != '\0'; s++) {
		d = *s >= '0' && *s <= '9' ? (unsigned)(*s - '0') :
		    (*s | 0x20) >= 'a' && (*s | 0x20) <= 'f' ?
		    (unsigned)((*s | 0x20) - 'a' + 10) : 99;
		if (d >= base || v > (hi - d) / base) {
			return -1;
		}
		v = v * base + d;
	}
	if (v < lo) {
		return -1;
	}
	*out = v;
	return 0;
}

/* The first address of listen_addresses, as a client reaches it. */
static const char *
listen_addr(const char *list, char *out, size_t cap)
{
	size_t n = strcspn(list, ", \t");

	list += strspn(list, ", \t");
	n = strcspn(list, ", \t");
	if (n == 0) {
		return NULL;
	}
	if ((n == 1 && list[0] == '*') || (n == 7 && strncmp(list,
	    "0.0.0.0", 7) == 0) || (n == 9 && strncmp(list, "localhost",
	    9) == 0)) {
		return "127.0.0.1";
	}
	if (n == 2 && strncmp(list, "::", 2) == 0) {
		return "::1";
	}
	fmt_snprintf(out, cap, "%.*s", (int)(n < cap ? n : cap - 1), list);
	return out;
}

/* One probe of the running server: is ssl_cert_file what it serves? */
static void
check_served(const struct audit_opts *o, struct audit_cluster *ac,
    const struct pgconf *pc, const char *cert_path)
{
	struct loop_opts lo;
	struct expect ex;
	struct probe p;
	char addr[SPEC_HOST_CAP];
	char why[256];
	unsigned line;

	memset(&p, 0, sizeof p);
	p.ac = ac;
	p.cert_path = cert_path;
	p.file = where(pc, PGCONF_SSL_CERT_FILE, &p.line);
	p.addr = listen_addr(value(pc, PGCONF_LISTEN_ADDRESSES, "localhost"),
	    addr, sizeof addr);
	if (parse_int(value(pc, PGCONF_PORT, "5432"), 1, 65535,
	    &p.port) < 0) {
		const char *file = where(pc, PGCONF_PORT, &line);

		audit_add(ac, AUDIT_CRITICAL, "config", file, line, NULL,
		    "invalid value for parameter \"port\": \"%s\"",
		    value(pc, PGCONF_PORT, ""));
		return;
	}
	if (p.addr == NULL) {
		/* PostgreSQL answers N to SSLRequest on a unix socket and
		 * drops a direct TLS hello there (backend_startup.c), and
		 * libpq never asks: the socket has no certificate to see. */
		audit_add(ac, AUDIT_INFO, "served", p.file, p.line, NULL,
		    "listen_addresses is empty: the server takes unix-socket "
		    "connections only, which PostgreSQL never encrypts; no "
		    "client is served %s until a TCP listener is configured",
		    cert_path);
		return;
	}
	if (expect_load(&ex, cert_path, why, sizeof why) < 0) {
		return;			/* audit_cert said why */
	}
	memset(&lo, 0, sizeof lo);
	lo.next = probe_next;
	lo.next_ctx = &p;
	lo.num_workers = 1;
	lo.per_host = 1;
	lo.timeout_ms = o->timeout_ms;
	lo.anchors = o->anchors;
	lo.expect = &ex;
	loop_run(&lo, probe_report, &p);
	expect_free(&ex);
}

/* Debian's layout: ROOT/VERSION/NAME/postgresql.conf. */
static void
debian_names(struct audit_cluster *ac)
{
	const char *root = getenv("PG_CLUSTER_CONF_ROOT");
	size_t n;
	const char *v;
	const char *s;

	if (root == NULL || root[0] == '\0') {
		root = "/etc/postgresql";
	}
	n = strlen(root);
	if (strncmp(ac->config, root, n) != 0 || ac->config[n] != '/') {
		return;
	}
	v = ac->config + n + 1;
	s = strchr(v, '/');
	if (s == NULL || strchr(s + 1, '/') == NULL ||
	    strcmp(strchr(s + 1, '/'), "/postgresql.conf") != 0) {
		return;
	}
	fmt_snprintf(ac->version, sizeof ac->version, "%.*s", (int)(s - v), v);
	fmt_snprintf(ac->name, sizeof ac->name, "%.*s",
	    (int)(strchr(s + 1, '/') - s - 1), s + 1);
}

/* see audit.h */
void
audit_cluster(const struct audit_opts *o, const char *target,
    struct audit_cluster *ac)
{
	static struct pgconf pc;	/* 90 KiB: not on the stack */
	char cert[PGCONF_PATH_CAP];
	char key[PGCONF_PATH_CAP];
	const char *file;
	struct stat sb;
	unsigned line;
	unsigned key_line;
	unsigned db_uid;
	bool is_ssl = false;
	bool has_cert = false;

	memset(ac, 0, sizeof *ac);
	if (stat(target, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		fmt_snprintf(ac->config, sizeof ac->config,
		    "%s/postgresql.conf", target);
	} else {
		fmt_snprintf(ac->config, sizeof ac->config, "%s", target);
	}
	debian_names(ac);
	pgconf_init(&pc);
	if (pgconf_load(&pc, ac->config) < 0) {
		log_problems(ac, &pc.log, "config", NULL);
		return;
	}
	ac->conf = &pc;
	fmt_snprintf(ac->data_dir, sizeof ac->data_dir, "%s", pc.data_dir);
	log_problems(ac, &pc.log, "config", "PostgreSQL refuses to start "
	    "with this configuration (and ignores it on reload)");
	db_uid = stat(pc.data_dir, &sb) == 0 ? sb.st_uid : 0;

	file = where(&pc, PGCONF_SSL, &line);
	if (pc.v[PGCONF_SSL].is_set && pgconf_bool(pc.v[PGCONF_SSL].text,
	    &is_ssl) < 0) {
		audit_add(ac, AUDIT_CRITICAL, "config", file, line, NULL,
		    "parameter \"ssl\" requires a Boolean value");
	} else if (!is_ssl) {
		audit_add(ac, AUDIT_CRITICAL, "ssl-off", file, line,
		    "set ssl = on, with ssl_cert_file and ssl_key_file",
		    "ssl is off%s: no connection can use TLS",
		    pc.v[PGCONF_SSL].is_set ? "" : " (the default)");
	}
	if (is_ssl) {
		file = where(&pc, PGCONF_SSL_CERT_FILE, &line);
		has_cert = pgconf_path_join(pc.data_dir, value(&pc,
		    PGCONF_SSL_CERT_FILE, "server.crt"), cert,
		    sizeof cert) == 0 && audit_cert(o, ac, cert, db_uid,
		    file, line) == 0;
		file = where(&pc, PGCONF_SSL_KEY_FILE, &key_line);
		if (pgconf_path_join(pc.data_dir, value(&pc,
		    PGCONF_SSL_KEY_FILE, "server.key"), key, sizeof key) == 0) {
			audit_key(ac, key, has_cert ? cert : NULL, db_uid,
			    value(&pc, PGCONF_SSL_PASSPHRASE_COMMAND, "")[0] !=
			    '\0', file, key_line);
		}
		check_protocol(ac, &pc);
	}
	check_hba(ac, &pc);
	if (is_ssl && has_cert) {
		check_served(o, ac, &pc, cert);
	}
}

/* Version directories sort as numbers ("9.6" before "15"). */
static int
cluster_cmp(const void *a, const void *b)
{
	const char *x = a;
	const char *y = b;
	size_t nx = strspn(x, "0123456789");
	size_t ny = strspn(y, "0123456789");

	if (nx != ny) {
		return nx < ny ? -1 : 1;	/* fewer digits: smaller */
	}
	return strcmp(x, y);
}

/* see audit.h */
size_t
audit_default_targets(char (*out)[PGCONF_PATH_CAP], size_t cap)
{
	const char *root = getenv("PG_CLUSTER_CONF_ROOT");
	char vdir[PGCONF_PATH_CAP];
	char rel[AUDIT_CLUSTERS_MAX][PGCONF_PATH_CAP / 2];
	struct dirent *v;
	struct dirent *c;
	struct stat sb;
	size_t n = 0;
	size_t i;
	DIR *rd;
	DIR *vd;

	if (root == NULL || root[0] == '\0') {
		root = "/etc/postgresql";
	}
	rd = opendir(root);
	while (rd != NULL && (v = readdir(rd)) != NULL) {
		if (v->d_name[0] == '.') {
			continue;
		}
		fmt_snprintf(vdir, sizeof vdir, "%s/%s", root, v->d_name);
		vd = opendir(vdir);
		while (vd != NULL && (c = readdir(vd)) != NULL) {
			if (c->d_name[0] == '.' || n == AUDIT_CLUSTERS_MAX ||
			    n == cap) {
				continue;
			}
			fmt_snprintf(rel[n], sizeof rel[n], "%s/%s",
			    v->d_name, c->d_name);
			fmt_snprintf(out[0], PGCONF_PATH_CAP,
			    "%s/%s/postgresql.conf", root, rel[n]);
			if (stat(out[0], &sb) == 0) {
				n++;
			}
		}
		if (vd != NULL) {
			closedir(vd);
		}
	}
	if (rd != NULL) {
		closedir(rd);
	}
	qsort(rel, n, sizeof rel[0], cluster_cmp);
	for (i = 0; i < n; i++) {
		fmt_snprintf(out[i], PGCONF_PATH_CAP, "%s/%s/postgresql.conf",
		    root, rel[i]);
	}
	if (n == 0 && cap > 0 && getenv("PGDATA") != NULL &&
	    getenv("PGDATA")[0] != '\0') {
		fmt_snprintf(out[0], PGCONF_PATH_CAP, "%s", getenv("PGDATA"));
		n = 1;
	}
	return n;
}
