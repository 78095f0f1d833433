/* SPDX-License-Identifier: MIT */
/*
 * pgconf: postgresql.conf read as PostgreSQL's guc-file.l reads it, for
 * ccheck audit.  Tokens (ID, QUALIFIED_ID, quoted STRING with '' and
 * backslash escapes, UNQUOTED_STRING, INTEGER, REAL), "name [=] value"
 * per line, '#' comments; include, include_if_exists and include_dir
 * (".conf" files in strcmp order, dot files skipped) relative to the
 * including file's directory; direct recursion refused and nesting
 * limited to PostgreSQL's 10 levels; postgresql.auto.conf of the data
 * directory read last; the last setting wins.  Only the settings the
 * audit judges are kept, each with the file and line that set it.
 * Every file is read whole into one heap buffer of at most
 * PGCONF_FILE_CAP bytes, freed before returning; nothing else is
 * allocated.  Never writes a file.
 */
#ifndef CK_PGCONF_H
#define CK_PGCONF_H

#include <stdbool.h>
#include <stddef.h>

/* PostgreSQL's CONF_FILE_MAX_DEPTH: postgresql.conf is depth 0. */
#define PGCONF_DEPTH_MAX 10
/* Files one cluster's configuration may read: includes included. */
#define PGCONF_FILES_MAX 64
/* A stock postgresql.conf is 30 KiB; eight times that is no config. */
#define PGCONF_FILE_CAP (256u * 1024)
/* Paths (PATH_MAX is 4096, but no configuration path comes close). */
#define PGCONF_PATH_CAP 1024
/* A value: file names, cipher lists, address lists. */
#define PGCONF_VALUE_CAP 1024
/* Errors kept per cluster; PostgreSQL stops a file after 100. */
#define PGCONF_PROBLEMS_MAX 16
#define PGCONF_PROBLEM_CAP 200
/* Entries of one include_dir looked at. */
#define PGCONF_DIR_MAX 256

/* The settings the audit reads. */
#define PGCONF_KEYS(X) \
	X(SSL, "ssl") \
	X(SSL_CERT_FILE, "ssl_cert_file") \
	X(SSL_KEY_FILE, "ssl_key_file") \
	X(SSL_CA_FILE, "ssl_ca_file") \
	X(SSL_CRL_FILE, "ssl_crl_file") \
	X(SSL_CRL_DIR, "ssl_crl_dir") \
	X(SSL_MIN_PROTOCOL_VERSION, "ssl_min_protocol_version") \
	X(SSL_MAX_PROTOCOL_VERSION, "ssl_max_protocol_version") \
	X(SSL_CIPHERS, "ssl_ciphers") \
	X(SSL_ECDH_CURVE, "ssl_ecdh_curve") \
	X(SSL_GROUPS, "ssl_groups") \
	X(SSL_PASSPHRASE_COMMAND, "ssl_passphrase_command") \
	X(PORT, "port") \
	X(LISTEN_ADDRESSES, "listen_addresses") \
	X(DATA_DIRECTORY, "data_directory") \
	X(HBA_FILE, "hba_file")

enum pgconf_key {
#define X(name, text) PGCONF_##name,
	PGCONF_KEYS(X)
#undef X
	PGCONF__COUNT
};

/* Where a setting or an error is: files[file] and a 1-based line. */
struct pgconf_where {
	int file;			/* -1: nowhere (a default) */
	unsigned line;			/* 0: the file as a whole */
};

struct pgconf_value {
	bool is_set;
	char text[PGCONF_VALUE_CAP];	/* de-escaped, NUL-terminated */
	struct pgconf_where at;
};

struct pgconf_problem {
	struct pgconf_where at;
	char text[PGCONF_PROBLEM_CAP];	/* PostgreSQL's words */
};

/* The files read and the problems met, shared with pghba. */
struct pgconf_log {
	bool is_no_files;		/* includes are errors (fuzzing) */
	char files[PGCONF_FILES_MAX][PGCONF_PATH_CAP];
	size_t n_files;
	struct pgconf_problem problems[PGCONF_PROBLEMS_MAX];
	size_t n_problems;
	size_t n_dropped;		/* problems past PGCONF_PROBLEMS_MAX */
};

struct pgconf {
	struct pgconf_log log;
	struct pgconf_value v[PGCONF__COUNT];
	char data_dir[PGCONF_PATH_CAP];	/* set by pgconf_load */
	char conf_dir[PGCONF_PATH_CAP];	/* postgresql.conf's directory */
};

/* Empties pc (log.is_no_files false). */
void pgconf_init(struct pgconf *pc);

/*
 * Reads the configuration of the cluster whose postgresql.conf is
 * conf_path, as the postmaster does at startup: the file and its
 * includes, then postgresql.auto.conf in the data directory
 * (data_directory, else conf_path's directory; a relative one is taken
 * against that directory).  Sets pc->data_dir and pc->conf_dir.  A file
 * that cannot be read, a syntax error, too deep a nesting: each is a
 * problem in pc (PostgreSQL would refuse to start).  Returns 0, or -1
 * when conf_path itself cannot be read (a problem names why).
 */
int pgconf_load(struct pgconf *pc, const char *conf_path);

/*
 * Parses text/len (no NUL needed) as the contents of file path at
 * include depth depth.  Includes are read from disk relative to path's
 * directory, unless pc->log.is_no_files.  Returns the number of problems it
 * added.
 */
size_t pgconf_parse(struct pgconf *pc, const char *path, const char *text,
    size_t len, int depth);

/* The setting's name as PostgreSQL spells it ("ssl_cert_file"). */
const char *pgconf_key_name(enum pgconf_key k);

/* The file of at ("" when at.file is -1). */
const char *pgconf_file(const struct pgconf_log *lg, struct pgconf_where at);

/* Adds a problem at file:line (file -1: none) to lg. */
void pgconf_problem(struct pgconf_log *lg, int file, unsigned line,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Adds path to lg->files: its index, or -1 after a problem at from:line. */
int pgconf_add_file(struct pgconf_log *lg, const char *path, int from,
    unsigned line);

/*
 * ParseConfigFile's checks and read, for an include of path from
 * lg->files[from] line line (from -1: the first file): depth at most
 * PGCONF_DEPTH_MAX, not the including file itself, readable (a missing
 * file is skipped unless is_strict), at most PGCONF_FILE_CAP bytes.  On
 * success path joins lg->files, *text holds its bytes (NUL-terminated;
 * the caller frees it) and the new index is returned; otherwise -1
 * after a problem, or -2 for a missing file skipped.
 */
int pgconf_open(struct pgconf_log *lg, const char *path, bool is_strict,
    int from, unsigned line, int depth, char **text, size_t *len);

/*
 * PostgreSQL's parse_bool: on/off, true/false, yes/no (and their
 * unambiguous prefixes: "t", "of"), 1/0, any case.  Returns 0 and sets
 * *out, or -1.
 */
int pgconf_bool(const char *s, bool *out);

/*
 * Resolves path against dir as PostgreSQL's AbsoluteConfigLocation
 * does: an absolute path stays, another is appended to dir after a '/'.
 * Writes out (cap bytes).  Returns 0, or -1 when it does not fit.
 */
int pgconf_path_join(const char *dir, const char *path, char *out,
    size_t cap);

/* Called with each file of a directory, in order. */
typedef void (*pgconf_file_fn)(void *ctx, const char *path);

/*
 * GetConfFilesInDir: calls fn with each regular file of dir whose name
 * ends in ".conf" and does not start with '.', in strcmp order of the
 * names (at most PGCONF_DIR_MAX).  Returns 0, or -1 with PostgreSQL's
 * reason in why (cap bytes): the directory cannot be opened, an entry
 * cannot be stat()ed, too many entries.
 */
int pgconf_dir_each(const char *dir, pgconf_file_fn fn, void *ctx, char *why,
    size_t cap);

/* Reads one included file: ParseConfigFile's arguments. */
typedef void (*pgconf_include_fn)(void *ctx, const char *path,
    bool is_strict, int from, unsigned line, int depth);

/*
 * An include line of lg->files[file] at line: what is "include",
 * "include_if_exists" or "include_dir", value the name as written
 * (relative to the file's directory).  Calls fn for the file (strict for
 * "include") or for each file of the directory (pgconf_dir_each; always
 * strict), with depth passed on; an empty name, a directory that cannot
 * be listed or lg->is_no_files is a problem instead.
 */
void pgconf_include(struct pgconf_log *lg, int file, unsigned line,
    const char *what, const char *value, int depth, pgconf_include_fn fn,
    void *ctx);

/* The directory part of path ("." when it has no '/') into out. */
void pgconf_dirname(const char *path, char *out, size_t cap);

#endif
