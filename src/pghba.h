/* SPDX-License-Identifier: MIT */
/*
 * pghba: pg_hba.conf read as PostgreSQL's hba.c tokenizes and parses it,
 * for ccheck audit: fields split at blanks, lists at commas, double
 * quotes ("" inside is one quote; a quoted word is never a keyword), '#'
 * comments, a trailing backslash continuing the line; PostgreSQL 16's
 * include, include_if_exists and include_dir lines (relative to the
 * including file, nesting limited to 10 levels as in postgresql.conf),
 * and "@file" lists, read (relative to the file naming them, under the
 * same bounds) in any field, as hba.c's next_field_expand reads them
 * (PostgreSQL 15 and 17 alike): the field's words are the file's, so a
 * one-word file names a type, an address or a method, and more words
 * are PostgreSQL's "multiple values" errors there.
 * Each rule keeps what the audit judges: the connection type, whether
 * its address is loopback only, the method, clientcert, and the file and
 * line.  A line PostgreSQL would reject is a problem with its words.
 * Files are read whole (at most PGCONF_FILE_CAP bytes) into a heap
 * buffer freed before returning.
 */
#ifndef CK_PGHBA_H
#define CK_PGHBA_H

#include <stdbool.h>
#include <stddef.h>

#include "pgconf.h"

/* Rules kept; a longer file's rest is counted in n_dropped. */
#define PGHBA_RULES_MAX 512
/* A logical line (continuations joined); longer is a problem. */
#define PGHBA_LINE_CAP 8192
/* Fields of one rule: type, databases, users, address, mask, method
 * and options; more options than this are not looked at. */
#define PGHBA_FIELDS_MAX 16
#define PGHBA_WORD_CAP 64

enum pghba_type {
	PGHBA_LOCAL,
	PGHBA_HOST,			/* TLS or not */
	PGHBA_HOSTSSL,
	PGHBA_HOSTNOSSL,
	PGHBA_HOSTGSSENC,
	PGHBA_HOSTNOGSSENC		/* TLS or not */
};

struct pghba_rule {
	enum pghba_type type;
	bool is_loopback;		/* every address it matches is */
	char address[PGHBA_WORD_CAP];	/* as written ("" for local) */
	char method[PGHBA_WORD_CAP];	/* "trust", "scram-sha-256", ... */
	char clientcert[PGHBA_WORD_CAP];	/* "" when absent */
	struct pgconf_where at;
};

struct pghba {
	struct pgconf_log log;		/* files read, problems met */
	struct pghba_rule rules[PGHBA_RULES_MAX];
	size_t n_rules;
	size_t n_dropped;		/* rules past PGHBA_RULES_MAX */
	/* by log.files index: what an @file held (read once) */
	struct pghba_list {
		char first[PGHBA_WORD_CAP];	/* its first word */
		bool is_quoted;
		bool is_bad;		/* problems: lines naming it fail */
		size_t n;		/* its words, nested @files' too */
	} lists[PGCONF_FILES_MAX];
};

/* Empties hb. */
void pghba_init(struct pghba *hb);

/*
 * Reads pg_hba.conf at path and its includes.  Returns 0, or -1 when
 * path cannot be read (a problem says why).
 */
int pghba_load(struct pghba *hb, const char *path);

/*
 * Parses text/len as the contents of file path at include depth depth.
 * Returns the number of problems it added.
 */
size_t pghba_parse(struct pghba *hb, const char *path, const char *text,
    size_t len, int depth);

/* The keyword of a type ("hostnossl"). */
const char *pghba_type_name(enum pghba_type t);

#endif
