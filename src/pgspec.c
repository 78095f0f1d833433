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

/* A file name: PATH_MAX's usual value. */
#define PGSPEC_PATH_CAP 4096

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

struct build {
	struct spec *specs;
	size_t n;
	size_t cap;
	struct loaded_roots *roots;
	struct loaded_id *ids;
	struct loaded_crls *crls;
	char *why;
	size_t why_cap;
	/* libpq's ~/.postgresql ("" when there is no home, as libpq then
	 * looks for no default file) and which defaults flags replace. */
	char dir[PGSPEC_PATH_CAP];
	unsigned no_defaults;
};

/*
 * Where libpq looks for its default files: $HOME, or when HOME is unset
 * or empty the home directory /etc/passwd gives the effective user
 * (libpq's pqGetHomeDirectory, checked against psql 15 and 17).
 */
static void
home_init(struct build *b, const struct pgconn_env *env)
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
default_file(struct build *b, unsigned flag, const char *name, char *buf,
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

/* One more spec in the array; NULL when out of memory. */
static struct spec *
grow(struct build *b)
{
	struct spec *p;
	size_t cap;

	if (b->n == b->cap) {
		cap = b->cap * 2 + 8;
		p = realloc(b->specs, cap * sizeof *p);
		if (p == NULL) {
			return NULL;
		}
		b->specs = p;
		b->cap = cap;
	}
	p = &b->specs[b->n++];
	memset(p, 0, sizeof *p);
	return p;
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
roots_of(struct build *b, const struct pgconn *pc, bool is_conninfo,
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
identity_of(struct build *b, const struct pgconn *pc, bool is_conninfo)
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
crl_path_add(struct build *b, struct loaded_crls *l, const char *path,
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
crls_of(struct build *b, const struct pgconn *pc, bool is_conninfo,
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
apply(struct build *b, const struct pgconn *pc, struct spec *sp,
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

/*
 * The text of one host of a list: the masked string, then the host in
 * SPEC syntax, so that reports tell the hosts apart.
 */
static char *
per_host(const char *shown, const struct pgconn_host *h, size_t i)
{
	size_t cap = strlen(shown) + 2 * SPEC_HOST_CAP + 32;
	char *t = malloc(cap);
	bool is_v6 = strchr(h->addr, ':') != NULL;

	if (t == NULL) {
		return NULL;
	}
	if (h->is_hidden) {
		/* Parsed from where a URI's password may be. */
		fmt_snprintf(t, cap, "%s (host %zu)", shown, i + 1);
	} else if (strcmp(h->addr, h->name) == 0) {
		fmt_snprintf(t, cap, "%s (%s%s%s:%u)", shown, is_v6 ? "[" : "",
		    h->addr, is_v6 ? "]" : "", (unsigned)h->port);
	} else {
		fmt_snprintf(t, cap, "%s (%s%s%s(%s):%u)", shown,
		    is_v6 ? "[" : "", h->addr, is_v6 ? "]" : "", h->name,
		    (unsigned)h->port);
	}
	return t;
}

/* A connection string: one spec per host. */
static int
add_conninfo(struct build *b, const char *text,
    const struct pgconn_env *env)
{
	struct pgconn pc;
	char reason[256];
	char *shown = pgconn_mask(text);
	char *user = NULL;
	char *dbname = NULL;
	struct spec *sp;
	size_t i;

	if (shown == NULL) {
		fmt_snprintf(b->why, b->why_cap, "out of memory");
		return -1;
	}
	if (pgconn_parse(text, env, &pc, reason, sizeof reason) < 0) {
		fmt_snprintf(b->why, b->why_cap, "invalid spec \"%s\": %s",
		    shown, reason);
		free(shown);
		return -1;
	}
	/* Copied once, kept until exit: pc.mem goes at the end. */
	if ((pc.user != NULL && (user = strdup(pc.user)) == NULL) ||
	    (pc.dbname != NULL && (dbname = strdup(pc.dbname)) == NULL)) {
		fmt_snprintf(b->why, b->why_cap, "out of memory");
		free(user);
		pgconn_free(&pc);
		return -1;
	}
	for (i = 0; i < pc.n; i++) {
		if ((sp = grow(b)) == NULL) {
			fmt_snprintf(b->why, b->why_cap, "out of memory");
			pgconn_free(&pc);
			return -1;
		}
		sp->text = pc.n > 1 ? per_host(shown, &pc.host[i], i) : shown;
		if (sp->text == NULL) {
			fmt_snprintf(b->why, b->why_cap, "out of memory");
			pgconn_free(&pc);
			return -1;
		}
		sp->kind = SPEC_KIND_NET;
		sp->proto = PROTO_POSTGRES;
		memcpy(sp->addr, pc.host[i].addr, sizeof sp->addr);
		memcpy(sp->name, pc.host[i].name, sizeof sp->name);
		sp->port = pc.host[i].port;
		sp->user = user;
		sp->dbname = dbname;
		if (apply(b, &pc, sp, true) < 0) {
			fmt_snprintf(reason, sizeof reason, "%s", b->why);
			fmt_snprintf(b->why, b->why_cap,
			    "invalid spec \"%s\": %s", shown, reason);
			pgconn_free(&pc);
			return -1;
		}
	}
	pgconn_free(&pc);
	return 0;
}

/*
 * After a failed build nothing is borrowed yet: free what was loaded.
 * (A successful build's memory lives until exit, as the header says.)
 */
static void
build_free(struct build *b)
{
	struct loaded_roots *r;
	struct loaded_id *l;
	struct loaded_crls *k;

	while ((k = b->crls) != NULL) {
		b->crls = k->next;
		crl_set_free(&k->crls);
		free(k->mem);
		free(k);
	}
	while ((r = b->roots) != NULL) {
		b->roots = r->next;
		pem_anchors_free(&r->anchors);
		free(r->path);
		free(r);
	}
	while ((l = b->ids) != NULL) {
		b->ids = l->next;
		identity_free(&l->id);
		id_free(l);
	}
	free(b->specs);
	b->specs = NULL;
}

/* see pgspec.h */
int
pgspec_build(char **texts, size_t n, enum proto proto,
    const struct pgconn_env *env, struct spec **out, size_t *n_out,
    char *why, size_t cap)
{
	struct build b;
	struct pgconn envpc;
	bool has_envpc = false;
	struct spec *sp;
	const char *bad;
	size_t i;
	int rc = 0;

	memset(&b, 0, sizeof b);
	b.why = why;
	b.why_cap = cap;
	home_init(&b, env);
	b.cap = n;
	b.specs = calloc(n > 0 ? n : 1, sizeof *b.specs);
	if (b.specs == NULL) {
		fmt_snprintf(why, cap, "out of memory for %zu specs", n);
		return -1;
	}
	for (i = 0; i < n && rc == 0; i++) {
		if (pgconn_is_conninfo(texts[i])) {
			rc = add_conninfo(&b, texts[i], env);
			continue;
		}
		if ((sp = grow(&b)) == NULL) {
			fmt_snprintf(why, cap, "out of memory");
			rc = -1;
			break;
		}
		bad = spec_parse(texts[i], proto, sp);
		if (bad != NULL) {
			fmt_snprintf(why, cap, "invalid spec \"%s\": %s",
			    texts[i], bad);
			rc = -1;
			break;
		}
		if (sp->kind != SPEC_KIND_NET || sp->proto != PROTO_POSTGRES ||
		    env == NULL) {
			continue;
		}
		/* libpq's PGPORT fills a port the SPEC leaves out. */
		if (!sp->has_port && env->port != NULL && *env->port != '\0') {
			unsigned long v;

			if (spec_parse_ulong(env->port, 1, 65535, &v) < 0) {
				fmt_snprintf(why, cap, "PG* environment: "
				    "invalid port number: \"%s\"", env->port);
				rc = -1;
				break;
			}
			sp->port = (uint16_t)v;
		}
		/* A plain --postgres SPEC: the PGSSL* variables, once. */
		if (!has_envpc) {
			char reason[256];

			if (pgconn_settings(env, &envpc, reason,
			    sizeof reason) < 0) {
				fmt_snprintf(why, cap, "PG* environment: %s",
				    reason);
				rc = -1;
				break;
			}
			has_envpc = true;
		}
		rc = apply(&b, &envpc, sp, false);
		if (rc < 0) {
			char reason[256];

			fmt_snprintf(reason, sizeof reason, "%s", why);
			fmt_snprintf(why, cap, "PG* environment: %s", reason);
		}
	}
	if (has_envpc) {
		pgconn_free(&envpc);
	}
	if (rc < 0) {
		build_free(&b);
		return -1;
	}
	*out = b.specs;
	*n_out = b.n;
	return 0;
}
