/* SPDX-License-Identifier: MIT */
/*
 * audit: ccheck audit, the server's side.  For one cluster (a
 * postgresql.conf, or a data directory holding one) it reads the
 * configuration (pgconf), pg_hba.conf (pghba), the certificate and key
 * files, and probes the running server once, and turns what it finds
 * into findings, each with a severity, a file and line, and advice.  It
 * reads files only, never writes one; a file it cannot read is a
 * finding.  Findings are kept in a fixed array per cluster; nothing is
 * printed here (out_audit.c prints).
 */
#ifndef CK_AUDIT_H
#define CK_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pgconf.h"

struct anchor_set;

enum audit_sev {
	AUDIT_INFO,
	AUDIT_WARNING,
	AUDIT_CRITICAL
};

/* Findings kept per cluster; more are counted in n_dropped. */
#define AUDIT_FINDINGS_MAX 48
#define AUDIT_TEXT_CAP 512
#define AUDIT_ADVICE_CAP 256
/* --name values one run may give. */
#define AUDIT_NAMES_MAX 16
/* Clusters the default search lists. */
#define AUDIT_CLUSTERS_MAX 64
/* A host name (HOST_NAME_MAX is 64; an FQDN up to 253). */
#define AUDIT_HOST_CAP 256

struct audit_finding {
	enum audit_sev sev;
	const char *id;			/* static: "ssl-off", "snakeoil" */
	char file[PGCONF_PATH_CAP];	/* "" when none */
	unsigned line;			/* 0: the file as a whole */
	char text[AUDIT_TEXT_CAP];
	char advice[AUDIT_ADVICE_CAP];	/* "" when none */
};

struct audit_cluster {
	char config[PGCONF_PATH_CAP];	/* postgresql.conf */
	char data_dir[PGCONF_PATH_CAP];	/* "" when not known */
	/* Debian's version and name (pg_ctlcluster), "" elsewhere. */
	char version[32];
	char name[128];
	struct audit_finding f[AUDIT_FINDINGS_MAX];
	size_t n;
	size_t n_dropped;
	/* The settings read (audit.c's static copy, valid until the next
	 * audit_cluster); NULL when postgresql.conf could not be read. */
	const struct pgconf *conf;
};

struct audit_opts {
	const char *names[AUDIT_NAMES_MAX];	/* --name; none: fqdn */
	size_t n_names;
	long min_days;			/* warn below; 0: no threshold */
	const struct anchor_set *anchors;	/* -r, else compiled-in */
	int64_t now;			/* seconds since the epoch */
	int64_t timeout_ms;		/* the served-certificate probe */
	/* audit_host_names: gethostname's, and hostname -f's */
	char host[AUDIT_HOST_CAP];
	char fqdn[AUDIT_HOST_CAP];
};

/*
 * Sets o->host (gethostname) and o->fqdn, the canonical name `hostname
 * -f` finds through getaddrinfo: the first name of the first /etc/hosts
 * line naming the host, else the DNS name that answers for it (search
 * domains applied; resolv.c, within o->timeout_ms; a CNAME's target is
 * not followed), else the short name.  Blocks for the DNS lookup.
 */
void audit_host_names(struct audit_opts *o);

/*
 * Audits the cluster target names: a postgresql.conf, or a directory
 * holding one (PGDATA).  Fills ac (it is reset first).  Never fails: what
 * goes wrong is a finding.
 */
void audit_cluster(const struct audit_opts *o, const char *target,
    struct audit_cluster *ac);

/*
 * The default targets, as pg_lsclusters finds clusters:
 * $PG_CLUSTER_CONF_ROOT (else /etc/postgresql)/VERSION/NAME/
 * postgresql.conf, by version then name; without any, $PGDATA.  Writes
 * up to cap paths of PGCONF_PATH_CAP bytes into out.  Returns how many.
 */
size_t audit_default_targets(char (*out)[PGCONF_PATH_CAP], size_t cap);

/* Adds a finding to ac (file may be NULL). */
void audit_add(struct audit_cluster *ac, enum audit_sev sev, const char *id,
    const char *file, unsigned line, const char *advice, const char *fmt,
    ...) __attribute__((format(printf, 7, 8)));

/* "info", "warning", "critical". */
const char *audit_sev_name(enum audit_sev s);

/* Parses a severity name; returns 0 and sets *out, or -1. */
int audit_sev_parse(const char *s, enum audit_sev *out);

/*
 * The certificate checks (audit_cert.c): readable (a file ccheck may not
 * read is a warning unless it runs as root or db_uid, whose failure is
 * PostgreSQL's), snakeoil, chain to o->anchors, expiry, names; reports
 * at file:line (where ssl_cert_file was set).  Returns 0 when the
 * certificate was read, else -1.
 */
int audit_cert(const struct audit_opts *o, struct audit_cluster *ac,
    const char *cert_path, unsigned db_uid, const char *file,
    unsigned line);

/*
 * The key file checks (audit_key.c): the symlink chain with each step's
 * mode and owner, PostgreSQL's own ownership and mode rule for db_uid
 * (the data directory's owner), write bits, the group's membership,
 * then that it loads and matches the certificate (when cert_path is not
 * NULL; an encrypted key is only noted when has_passphrase_command).
 */
void audit_key(struct audit_cluster *ac, const char *key_path,
    const char *cert_path, unsigned db_uid, bool has_passphrase_command,
    const char *file, unsigned line);

#endif
