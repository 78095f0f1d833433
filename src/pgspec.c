/* SPDX-License-Identifier: MIT */
/*
 * pgspec: SPEC texts to struct specs, expanding libpq connection strings
 * and loading the files they name.  The glue between pgconn (pure) and
 * pem/identity (files); main calls it once at startup.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include "anchors.h"
#include "crl.h"
#include "fmt.h"
#include "identity.h"
#include "passwd.h"
#include "pem.h"
#include "pgspec.h"

/* A file loaded once, whichever SPECs name it; kept until exit. */
struct loaded_roots {
	struct loaded_roots *next;
	char *path;
	struct anchor_set anchors;
};

struct loaded_id {
	struct loaded_id *next;
	char *cert;
	char *key;
	char *sslpassword;		/* a copy (NULL: none), compared */
	struct identity id;
};

/* sslcrl and sslcrldir, loaded once per pair of values. */
struct loaded_crls {
	struct loaded_crls *next;
	const char *file;		/* copies in mem; NULL: none */
	const char *dir;
	char *mem;
	struct crl_set crls;
	bool is_used;			/* libpq would check revocation */
};

/* Room for one more loaded file, else false with why set. */
static bool
has_room(struct pgspec *b)
{
	if (b->n_loaded < PGSPEC_FILES_MAX) {
		b->n_loaded++;
		return true;
	}
	fmt_snprintf(b->why, b->why_cap, "more than %d distinct files named "
	    "by connection strings in one run", PGSPEC_FILES_MAX);
	return false;
}

/*
 * Where libpq looks for its default files: $HOME, or when HOME is unset
 * or empty the home directory /etc/passwd gives the effective user
 * (libpq's pqGetHomeDirectory, checked against psql 15 and 17).
 */
static void
home_init(struct pgspec *b, const struct pgconn_env *env)
{
	char home[PGSPEC_PATH_CAP];

	b->dir[0] = '\0';
	b->no_defaults = env != NULL ? env->no_defaults : 0;
	if (env != NULL && env->home != NULL && env->home[0] != '\0') {
		fmt_snprintf(home, sizeof home, "%s", env->home);
	} else if (passwd_home("/etc/passwd", geteuid(), home,
	    sizeof home) < 0) {
		return;
	}
	if ((size_t)fmt_snprintf(b->dir, sizeof b->dir, "%s/.postgresql/",
	    home) >= sizeof b->dir) {
		b->dir[0] = '\0';
	}
}

/* The default file name in buf, or NULL (no home, or a flag says). */
static const char *
default_file(struct pgspec *b, unsigned flag, const char *name, char *buf,
    size_t cap)
{
	if (b->dir[0] == '\0' || (b->no_defaults & flag) ||
	    (size_t)fmt_snprintf(buf, cap, "%s%s", b->dir, name) >= cap) {
		return NULL;
	}
	return buf;
}

/* A file name as an error may show it: a connection string's own names
 * are hidden when they came from where a URI's password may be. */
static const char *
shown(const struct pgconn *pc, const char *path, const char *given)
{
	return pc->is_hidden_files && path == given ? "xxxxx" : path;
}

/*
 * The root certificates of pc, as libpq's initialize_SSL finds them:
 * sslrootcert, else ~/.postgresql/root.crt, loaded when the file exists.
 * A missing file is no error (nothing is verified under require), but
 * for an sslrootcert named under verify-ca/verify-full.  *has_file: a
 * file was loaded (require then verifies like verify-ca).  NULL: the
 * run's anchors (why empty), or a failure (why set).
 */
static const struct anchor_set *
roots_of(struct pgspec *b, const struct pgconn *pc, bool is_conninfo,
    bool *has_file)
{
	struct loaded_roots *r;
	struct result res;
	struct stat st;
	char text[RESULT_DETAIL_CAP + 64];
	char buf[PGSPEC_PATH_CAP];
	const char *path = pc->rootcert;

	*has_file = false;
	if (pc->is_system_roots) {
		return &ck_anchors;
	}
	if (path == NULL && is_conninfo) {
		path = default_file(b, PGCONN_NO_ROOT_DEFAULT, "root.crt", buf,
		    sizeof buf);
	}
	if (path == NULL) {
		return NULL;
	}
	if (stat(path, &st) < 0) {
		if (pc->rootcert != NULL && (pc->verify == SPEC_VERIFY_CA ||
		    pc->verify == SPEC_VERIFY_FULL) && pc->has_sslmode) {
			fmt_snprintf(b->why, b->why_cap, "root certificate "
			    "file \"%s\" does not exist",
			    shown(pc, path, pc->rootcert));
		}
		return NULL;
	}
	*has_file = true;
	for (r = b->roots; r != NULL; r = r->next) {
		if (strcmp(r->path, path) == 0) {
			return &r->anchors;
		}
	}
	if (!has_room(b)) {
		return NULL;
	}
	r = calloc(1, sizeof *r);
	if (r == NULL || (r->path = strdup(path)) == NULL) {
		free(r);
		fmt_snprintf(b->why, b->why_cap, "out of memory");
		return NULL;
	}
	memset(&res, 0, sizeof res);
	if (pem_load_anchors(r->path, &r->anchors, &res) < 0) {
		fmt_snprintf(b->why, b->why_cap, "could not read root "
		    "certificate file \"%s\": %s", shown(pc, path,
		    pc->rootcert), result_format(&res, text, sizeof text));
		free(r->path);
		free(r);
		return NULL;
	}
	r->next = b->roots;
	b->roots = r;
	return &r->anchors;
}

static bool
str_eq(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static void
id_free(struct loaded_id *l)
{
	if (l->sslpassword != NULL) {
		explicit_bzero(l->sslpassword, strlen(l->sslpassword));
	}
	free(l->sslpassword);
	free(l->cert);
	free(l->key);
	free(l);
}


/*
 * The client certificate and key of pc, as libpq's initialize_SSL finds
 * them: sslcert, else ~/.postgresql/postgresql.crt, used only when the
 * file exists (a client certificate is optional); then sslkey, else
 * ~/.postgresql/postgresql.key, which must exist.  sslcertmode=disable
 * sends none.  NULL: none (why empty), or a failure (why set).
 */
static const struct identity *
identity_of(struct pgspec *b, const struct pgconn *pc, bool is_conninfo)
{
	struct loaded_id *l;
	struct stat st;
	char text[RESULT_DETAIL_CAP + 256];
	char cbuf[PGSPEC_PATH_CAP];
	char kbuf[PGSPEC_PATH_CAP];
	const char *cert = pc->cert;
	const char *key = pc->key;

	if (pc->is_cert_disabled) {
		return NULL;
	}
	if (cert == NULL && is_conninfo) {
		cert = default_file(b, PGCONN_NO_CERT_DEFAULT,
		    "postgresql.crt", cbuf, sizeof cbuf);
	}
	if (cert == NULL) {
		return NULL;
	}
	if (stat(cert, &st) < 0) {
		if (errno == ENOENT || errno == ENOTDIR) {
			return NULL;
		}
		fmt_snprintf(b->why, b->why_cap, "could not open certificate "
		    "file \"%s\": %s", shown(pc, cert, pc->cert),
		    strerror(errno));
		return NULL;
	}
	if (key == NULL) {
		key = default_file(b, 0, "postgresql.key", kbuf, sizeof kbuf);
	}
	/* libpq would hand "engine:key" to an OpenSSL engine. */
	if (key != NULL && key == pc->key && strchr(key, ':') != NULL) {
		fmt_snprintf(b->why, b->why_cap, "sslkey \"%s\": OpenSSL "
		    "engines are not supported", shown(pc, key, pc->key));
		return NULL;
	}
	if (key == NULL || stat(key, &st) < 0) {
		fmt_snprintf(b->why, b->why_cap, key == NULL ||
		    errno == ENOENT ? "certificate present, but not private "
		    "key file \"%s\"" : "could not stat private key file "
		    "\"%s\"", key != NULL ? shown(pc, key, pc->key) : "");
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		fmt_snprintf(b->why, b->why_cap, "private key file \"%s\" is "
		    "not a regular file", shown(pc, key, pc->key));
		return NULL;
	}
	/* The password is part of the key: libpq loads the pair per
	 * connection, so another password must fail or pass on its own. */
	for (l = b->ids; l != NULL; l = l->next) {
		if (strcmp(l->cert, cert) == 0 && strcmp(l->key, key) == 0 &&
		    str_eq(l->sslpassword, pc->sslpassword)) {
			return &l->id;
		}
	}
	if (!has_room(b)) {
		return NULL;
	}
	l = calloc(1, sizeof *l);
	if (l == NULL || (l->cert = strdup(cert)) == NULL ||
	    (l->key = strdup(key)) == NULL ||
	    (pc->sslpassword != NULL &&
	    (l->sslpassword = strdup(pc->sslpassword)) == NULL)) {
		if (l != NULL) {
			free(l->cert);
			free(l->key);
		}
		free(l);
		fmt_snprintf(b->why, b->why_cap, "out of memory");
		return NULL;
	}
	if (identity_load(&l->id, l->cert, l->key, l->sslpassword, text,
	    sizeof text) < 0) {
		fmt_snprintf(b->why, b->why_cap, "sslcert/sslkey: %s", text);
		id_free(l);
		return NULL;
	}
	l->next = b->ids;
	b->ids = l;
	return &l->id;
}

/* Adds path to l's set if it exists (libpq ignores a missing one). */
static int
crl_path_add(struct pgspec *b, struct loaded_crls *l, const char *path,
    const char *what)
{
	char text[RESULT_DETAIL_CAP + 64];
	struct result res;
	struct stat st;

	if (path == NULL || stat(path, &st) < 0) {
		return 0;
	}
	memset(&res, 0, sizeof res);
	if (crl_set_add(&l->crls, path, &res) < 0) {
		fmt_snprintf(b->why, b->why_cap, "%s %s: %s", what, path,
		    result_format(&res, text, sizeof text));
		return -1;
	}
	l->is_used = true;
	return 0;
}

/*
 * sslcrl / sslcrldir as libpq reads them (X509_STORE_load_locations on
 * the store of the root file it loaded): the file is loaded first, and
 * when it is missing nothing is checked, the directory included; a
 * directory is only remembered (OpenSSL looks into it when it needs a
 * CRL), so one that does not exist still turns checking on, and then
 * every certificate fails for want of a CRL.  Loaded CRLs turn
 * revocation checking on for the whole path.  libpq also ignores a file
 * that holds no CRL or a malformed one; ccheck refuses those (a check
 * asked for and silently dropped).  With neither given, libpq reads
 * ~/.postgresql/root.crl.  All of this only when it loaded a root
 * certificate file (has_root_file), so never with sslrootcert=system;
 * a plain --postgres SPEC (PGSSLCRL) keeps ccheck's --crl rule: the
 * files given are checked.  NULL: no check (why empty), or a failure
 * (why set).
 */
static const struct crl_set *
crls_of(struct pgspec *b, const struct pgconn *pc, bool is_conninfo,
    bool has_root_file)
{
	struct loaded_crls *l;
	struct stat st;
	char buf[PGSPEC_PATH_CAP];
	const char *file = pc->crl;
	size_t fl;
	size_t dl = pc->crldir != NULL ? strlen(pc->crldir) + 1 : 0;

	if (pc->is_system_roots || (is_conninfo && !has_root_file)) {
		return NULL;
	}
	if (file == NULL && pc->crldir == NULL && is_conninfo) {
		file = default_file(b, PGCONN_NO_CRL_DEFAULT, "root.crl", buf,
		    sizeof buf);
	}
	if ((file == NULL && pc->crldir == NULL) ||
	    (file != NULL && stat(file, &st) < 0)) {
		return NULL;
	}
	fl = file != NULL ? strlen(file) + 1 : 0;
	for (l = b->crls; l != NULL; l = l->next) {
		if (str_eq(l->file, file) && str_eq(l->dir, pc->crldir)) {
			return l->is_used ? &l->crls : NULL;
		}
	}
	if (!has_room(b)) {
		return NULL;
	}
	l = calloc(1, sizeof *l);
	if (l == NULL || (l->mem = malloc(fl + dl + 1)) == NULL) {
		free(l);
		fmt_snprintf(b->why, b->why_cap, "out of memory");
		return NULL;
	}
	if (file != NULL) {
		l->file = memcpy(l->mem, file, fl);
	}
	if (pc->crldir != NULL) {
		l->dir = memcpy(l->mem + fl, pc->crldir, dl);
	}
	l->next = b->crls;
	b->crls = l;
	if (crl_path_add(b, l, l->file, "sslcrl") < 0 ||
	    crl_path_add(b, l, l->dir, "sslcrldir") < 0) {
		return NULL;
	}
	if (l->dir != NULL && stat(l->dir, &st) < 0) {
		l->is_used = true;	/* checking on, no CRL to be found */
	}
	return l->is_used ? &l->crls : NULL;
}

/*
 * The settings of pc on sp; -1 (why set) when a file does not load.
 * is_conninfo: a connection string, for which libpq's default files in
 * ~/.postgresql count (a plain --postgres SPEC keeps the run's).
 */
static int
apply(struct pgspec *b, const struct pgconn *pc, struct spec *sp,
    bool is_conninfo)
{
	bool has_root_file;

	sp->verify = pc->verify;
	sp->pg_neg = pc->pg_neg;
	sp->is_no_sni = pc->is_no_sni;
	sp->tls_min = pc->tls_min;
	sp->tls_max = pc->tls_max;
	b->why[0] = '\0';
	sp->anchors = roots_of(b, pc, is_conninfo, &has_root_file);
	if (sp->anchors == NULL && b->why[0] != '\0') {
		return -1;
	}
	/* libpq: require (or allow, prefer) with a root file is verify-ca. */
	if (has_root_file && sp->verify == SPEC_VERIFY_NONE) {
		sp->verify = SPEC_VERIFY_CA;
	}
	sp->crls = crls_of(b, pc, is_conninfo, has_root_file);
	if (sp->crls == NULL && b->why[0] != '\0') {
		return -1;
	}
	sp->identity = identity_of(b, pc, is_conninfo);
	if (sp->identity == NULL && b->why[0] != '\0') {
		return -1;
	}
	return 0;
}

/* Copies text into out->text, cut to fit.  Returns -1 when cut. */
static int
set_text(struct loop_spec *out, const char *text)
{
	size_t len = (size_t)fmt_snprintf(out->text, sizeof out->text, "%s",
	    text);

	out->spec.text = out->text;
	return len < sizeof out->text ? 0 : -1;
}

/*
 * A --ready name into buf: at most PG_NAME_MAX + 1 bytes, so that a longer
 * one is still refused as longer (loop.c), never sent cut.
 */
static const char *
set_name(char *buf, const char *name)
{
	if (name == NULL) {
		return NULL;
	}
	fmt_snprintf(buf, LOOP_NAME_CAP, "%s", name);
	return buf;
}

/*
 * The text of one host of a list: the masked string, then the host.
 * Returns its length, uncut.
 */
static size_t
per_host(struct loop_spec *out, const char *shown,
    const struct pgconn_host *h, size_t i)
{
	bool is_v6 = strchr(h->addr, ':') != NULL;

	if (h->is_hidden) {
		/* Parsed from where a URI's password may be. */
		return (size_t)fmt_snprintf(out->text, sizeof out->text,
		    "%s (host %zu)", shown, i + 1);
	}
	if (strcmp(h->addr, h->name) == 0) {
		return (size_t)fmt_snprintf(out->text, sizeof out->text,
		    "%s (%s%s%s:%u)", shown, is_v6 ? "[" : "", h->addr,
		    is_v6 ? "]" : "", (unsigned)h->port);
	}
	return (size_t)fmt_snprintf(out->text, sizeof out->text,
	    "%s (%s%s%s(%s):%u)", shown, is_v6 ? "[" : "", h->addr,
	    is_v6 ? "]" : "", h->name, (unsigned)h->port);
}

/* A connection string: its host-th host.  Returns the hosts, or -1. */
static int
conninfo_next(struct pgspec *b, const char *text, size_t host,
    struct loop_spec *out)
{
	struct pgconn pc;
	struct spec *sp = &out->spec;
	char *shown = pgconn_mask(text);
	size_t len;
	int n;

	if (shown == NULL) {
		set_text(out, "(connection string)");
		fmt_snprintf(b->why, b->why_cap, "out of memory");
		return -1;
	}
	len = strlen(shown);
	set_text(out, shown);
	if (pgconn_parse(text, b->env, &pc, b->why, b->why_cap) < 0) {
		free(shown);
		return -1;
	}
	if (host >= pc.n) {
		fmt_snprintf(b->why, b->why_cap, "no host %zu", host + 1);
		n = -1;
		goto out;
	}
	if (pc.n > 1) {
		len = per_host(out, shown, &pc.host[host], host);
	}
	sp->kind = SPEC_KIND_NET;
	sp->proto = PROTO_POSTGRES;
	memcpy(sp->addr, pc.host[host].addr, sizeof sp->addr);
	memcpy(sp->name, pc.host[host].name, sizeof sp->name);
	sp->port = pc.host[host].port;
	sp->user = set_name(out->user, pc.user);
	sp->dbname = set_name(out->dbname, pc.dbname);
	n = apply(b, &pc, sp, true) < 0 ? -1 : (int)pc.n;
	if (n > 0 && len >= sizeof out->text) {
		fmt_snprintf(b->why, b->why_cap, "longer than %zu bytes",
		    sizeof out->text - 1);
		n = -1;
	}
out:
	pgconn_free(&pc);
	free(shown);
	return n;
}

/*
 * A plain SPEC; with --postgres, PGPORT and the PGSSL* variables fill
 * what it leaves out.  Returns 1, -1 (the SPEC) or -2 (the environment).
 */
static int
plain_next(struct pgspec *b, const char *text, struct loop_spec *out)
{
	struct spec *sp = &out->spec;
	const struct pgconn_env *env = b->env;
	char reason[256];
	const char *bad;
	unsigned long v;

	if (set_text(out, text) < 0) {
		fmt_snprintf(b->why, b->why_cap, "longer than %zu bytes",
		    sizeof out->text - 1);
		return -1;
	}
	bad = spec_parse(out->text, b->proto, sp);
	if (bad != NULL) {
		fmt_snprintf(b->why, b->why_cap, "%s", bad);
		return -1;
	}
	if (sp->kind != SPEC_KIND_NET || sp->proto != PROTO_POSTGRES ||
	    env == NULL) {
		return 1;
	}
	/* libpq's PGPORT fills a port the SPEC leaves out. */
	if (!sp->has_port && env->port != NULL && *env->port != '\0') {
		if (spec_parse_ulong(env->port, 1, 65535, &v) < 0) {
			fmt_snprintf(b->why, b->why_cap, "PG* environment: "
			    "invalid port number: \"%s\"", env->port);
			return -2;
		}
		sp->port = (uint16_t)v;
	}
	/* A plain --postgres SPEC: the PGSSL* variables, read once. */
	if (!b->has_envpc) {
		if (pgconn_settings(env, &b->envpc, reason,
		    sizeof reason) < 0) {
			fmt_snprintf(b->why, b->why_cap, "PG* environment: %s",
			    reason);
			return -2;
		}
		b->has_envpc = true;
	}
	if (apply(b, &b->envpc, sp, false) < 0) {
		fmt_snprintf(reason, sizeof reason, "%s", b->why);
		fmt_snprintf(b->why, b->why_cap, "PG* environment: %s", reason);
		return -2;
	}
	return 1;
}

/* see pgspec.h */
void
pgspec_init(struct pgspec *ps, enum proto proto,
    const struct pgconn_env *env)
{
	memset(ps, 0, sizeof *ps);
	ps->proto = proto;
	ps->env = env;
	home_init(ps, env);
}

/* see pgspec.h */
int
pgspec_next(struct pgspec *ps, const char *text, size_t host,
    struct loop_spec *out, char *why, size_t cap)
{
	memset(out, 0, sizeof *out);
	out->spec.text = out->text;
	ps->why = why;
	ps->why_cap = cap;
	why[0] = '\0';
	if (pgconn_is_conninfo(text)) {
		return conninfo_next(ps, text, host, out);
	}
	return plain_next(ps, text, out);
}

/* see pgspec.h */
void
pgspec_free(struct pgspec *ps)
{
	struct loaded_roots *r;
	struct loaded_id *l;
	struct loaded_crls *k;

	while ((k = ps->crls) != NULL) {
		ps->crls = k->next;
		crl_set_free(&k->crls);
		free(k->mem);
		free(k);
	}
	while ((r = ps->roots) != NULL) {
		ps->roots = r->next;
		pem_anchors_free(&r->anchors);
		free(r->path);
		free(r);
	}
	while ((l = ps->ids) != NULL) {
		ps->ids = l->next;
		identity_free(&l->id);
		id_free(l);
	}
	if (ps->has_envpc) {
		pgconn_free(&ps->envpc);
		ps->has_envpc = false;
	}
}
