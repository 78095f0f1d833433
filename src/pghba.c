/* SPDX-License-Identifier: MIT */
/*
 * pghba: a twin of hba.c's tokenize_auth_file, next_token and
 * parse_hba_line (PostgreSQL 16), reduced to what the audit judges.
 * Database and role lists are tokenized (so quoting and commas are read
 * as PostgreSQL reads them) but not kept; "@file" lists are opened and
 * tokenized (tokenize_expand_file) in every field, their words standing
 * for the @word, so that one PostgreSQL cannot read rejects the line and
 * one naming a type, an address or a method gives it, as there.
 */
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "ip.h"
#include "pghba.h"
#include "spec.h"

struct word {
	char text[PGHBA_WORD_CAP];
	bool is_quoted;
	bool is_cut;			/* longer than PGHBA_WORD_CAP - 1 */
	bool is_list;			/* the field held more words */
};

/* One line's fields; a field is a comma list, only its first word kept. */
struct fields {
	struct word w[PGHBA_FIELDS_MAX];
	size_t n;
};

static const char *const type_names[] = {
	[PGHBA_LOCAL] = "local",
	[PGHBA_HOST] = "host",
	[PGHBA_HOSTSSL] = "hostssl",
	[PGHBA_HOSTNOSSL] = "hostnossl",
	[PGHBA_HOSTGSSENC] = "hostgssenc",
	[PGHBA_HOSTNOGSSENC] = "hostnogssenc"
};

/* see pghba.h */
const char *
pghba_type_name(enum pghba_type t)
{
	return type_names[t];
}

/* see pghba.h */
void
pghba_init(struct pghba *hb)
{
	memset(hb, 0, sizeof *hb);
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/*
 * next_token: skips blanks and commas, then reads up to an unquoted
 * blank, comma or '#'.  Returns false at the end of the line; sets
 * *is_comma when a comma ended the word (the field goes on).
 */
static bool
next_token(const char **lp, struct word *w, bool *is_comma)
{
	const char *p = *lp;
	bool in_quote = false;
	bool was_quote = false;
	size_t n = 0;
	char c;

	memset(w, 0, sizeof *w);
	*is_comma = false;
	while (*p != '\0' && (is_blank(*p) || *p == ',')) {
		p++;
	}
	while ((c = *p) != '\0' && (!is_blank(c) || in_quote)) {
		p++;
		if (c == '#' && !in_quote) {
			p += strlen(p);
			break;
		}
		if (c == ',' && !in_quote) {
			*is_comma = true;
			break;
		}
		if (c != '"' || was_quote) {
			if (n + 1 < sizeof w->text) {
				w->text[n++] = c;
			} else {
				w->is_cut = true;
			}
		}
		was_quote = in_quote && c == '"' ? !was_quote : false;
		if (c == '"') {
			in_quote = !in_quote;
			w->is_quoted = true;
		}
	}
	*lp = p;
	return n > 0 || w->is_quoted;
}

/* A field's words: its first and how many (an @file's stand for it). */
struct sink {
	struct word first;
	size_t n;
};

/* The line being tokenized, for the "@file" words in it. */
struct at {
	struct pghba *hb;
	int file;
	unsigned line;
	int depth;
	bool is_bad;			/* an @file failed: no rule */
	const struct at *up;		/* the line naming this @file */
	struct sink *sink;		/* in an @file: the field naming it */
};

static void expand_file(struct at *a, const char *name, struct sink *s);

static void
sink_add(struct sink *s, const struct word *w, size_t n)
{
	if (s->n == 0 && n > 0) {
		s->first = *w;
	}
	s->n += n;
}

/* One word of a field into s: an unquoted "@name" is a file of more
 * words (next_field_expand); a word too long is a problem. */
static void
gather(struct at *a, const struct word *w, struct sink *s)
{
	if (w->is_cut) {
		pgconf_problem(&a->hb->log, a->file, a->line, "word longer "
		    "than %d bytes", PGHBA_WORD_CAP - 1);
		a->is_bad = true;
	} else if (!w->is_quoted && w->text[0] == '@' && w->text[1] != '\0') {
		expand_file(a, w->text + 1, s);
	} else {
		sink_add(s, w, 1);
	}
}

/*
 * next_field_expand: a comma list, into *w (its first word, is_list
 * when it has more) and *n (its words; 0 when its @files held none, and
 * PostgreSQL then drops the field).  On an @file's line the words go to
 * the field naming the file instead.  False at the end of the line.
 */
static bool
next_field(const char **lp, struct word *w, struct at *a, size_t *n)
{
	struct sink own;
	struct sink *s = a->sink != NULL ? a->sink : &own;
	struct word one;
	bool is_comma;

	memset(&own, 0, sizeof own);
	if (!next_token(lp, &one, &is_comma)) {
		return false;
	}
	gather(a, &one, s);
	while (is_comma && next_token(lp, &one, &is_comma)) {
		gather(a, &one, s);
	}
	*w = own.first;
	w->is_list = own.n > 1;
	*n = own.n;
	return true;
}

/* A keyword is an unquoted word (token_is_keyword). */
static bool
is_kw(const struct word *w, const char *kw)
{
	return !w->is_quoted && strcmp(w->text, kw) == 0;
}

/* Whether an address (and mask) covers loopback addresses only. */
static bool
loopback_only(const char *addr, const char *mask)
{
	unsigned char a[16];
	unsigned char m[16];
	const char *slash = strchr(addr, '/');
	size_t len = slash != NULL ? (size_t)(slash - addr) : strlen(addr);
	unsigned long bits;
	int n;
	int i;

	if (strcmp(addr, "localhost") == 0) {
		return true;
	}
	n = ip_parse(addr, len, a, NULL);
	if (n == 0) {
		return false;		/* a host name, all, samenet... */
	}
	if (slash != NULL) {
		if (spec_parse_ulong(slash + 1, 0, 128, &bits) < 0) {
			return false;
		}
	} else if (mask != NULL && ip_parse(mask, strlen(mask), m, NULL) ==
	    n) {
		/* the mask's leading ones */
		for (bits = 0, i = 0; i < n * 8 && (m[i / 8] &
		    (0x80 >> (i % 8))) != 0; i++) {
			bits++;
		}
	} else {
		return false;
	}
	if (n == 4) {
		return a[0] == 127 && bits >= 8 && bits <= 32;
	}
	for (i = 0; i < 15; i++) {
		if (a[i] != 0) {
			return false;
		}
	}
	return a[15] == 1 && bits == 128;
}

static void
add_rule(struct pghba *hb, const struct pghba_rule *r)
{
	if (hb->n_rules == PGHBA_RULES_MAX) {
		hb->n_dropped++;
		return;
	}
	hb->rules[hb->n_rules++] = *r;
}

static void include_line(struct pghba *hb, int file, unsigned line,
    const struct fields *f, int depth);
static size_t parse_text(struct pghba *hb, int file, const char *text,
    size_t len, int depth, const struct at *up, struct sink *sink);

/* parse_hba_line, with PostgreSQL's words for what it refuses. */
static void
parse_line(struct pghba *hb, int file, unsigned line, const struct fields *f)
{
	static const char *const methods[] = {
		"trust", "reject", "md5", "scram-sha-256", "password",
		"gss", "sspi", "ident", "peer", "pam", "ldap", "radius",
		"cert", "bsd", "oauth"
	};
	struct pghba_rule r;
	const char *mask = NULL;
	size_t i = 3;
	size_t k;
	const char *want;

	memset(&r, 0, sizeof r);
	r.at.file = file;
	r.at.line = line;
	/* the type and the method are compared quoted or not (hba.c) */
	if (f->w[0].is_list) {
		pgconf_problem(&hb->log, file, line, "multiple values "
		    "specified for connection type");
		return;
	}
	for (k = 0; k < sizeof type_names / sizeof type_names[0]; k++) {
		if (strcmp(f->w[0].text, type_names[k]) == 0) {
			break;
		}
	}
	if (k == sizeof type_names / sizeof type_names[0]) {
		pgconf_problem(&hb->log, file, line, "invalid connection type "
		    "\"%s\"", f->w[0].text);
		return;
	}
	r.type = (enum pghba_type)k;
	want = f->n < 2 ? "database" : f->n < 3 ? "role" : NULL;
	if (want == NULL && r.type != PGHBA_LOCAL) {
		if (f->n < 4) {
			want = "IP address";
		} else {
			fmt_snprintf(r.address, sizeof r.address, "%s",
			    f->w[3].text);
			i = 4;
			if (f->w[3].is_list) {
				pgconf_problem(&hb->log, file, line, "multiple "
				    "values specified for host address");
				return;
			}
			if (strchr(r.address, '/') == NULL &&
			    !is_kw(&f->w[3], "all") &&
			    !is_kw(&f->w[3], "samehost") &&
			    !is_kw(&f->w[3], "samenet") &&
			    ip_parse(r.address, strlen(r.address),
			    (unsigned char[16]){ 0 }, NULL) != 0) {
				if (f->n < 5) {
					want = "netmask";
				} else {
					mask = f->w[4].text;
					i = 5;
				}
			}
			r.is_loopback = loopback_only(r.address, mask);
		}
	}
	if (want == NULL && f->n <= i) {
		want = "authentication method";
	}
	if (want != NULL) {
		pgconf_problem(&hb->log, file, line, "end-of-line before %s "
		    "specification", want);
		return;
	}
	fmt_snprintf(r.method, sizeof r.method, "%s", f->w[i].text);
	if (f->w[i].is_list) {
		pgconf_problem(&hb->log, file, line, "multiple values "
		    "specified for authentication type");
		return;
	}
	for (k = 0; k < sizeof methods / sizeof methods[0]; k++) {
		if (strcmp(f->w[i].text, methods[k]) == 0) {
			break;
		}
	}
	if (k == sizeof methods / sizeof methods[0]) {
		pgconf_problem(&hb->log, file, line, "invalid authentication "
		    "method \"%s\"", r.method);
		return;
	}
	if (strcmp(r.method, "peer") == 0 && r.type != PGHBA_LOCAL) {
		pgconf_problem(&hb->log, file, line, "peer authentication is "
		    "only supported on local sockets");
		return;
	}
	if (strcmp(r.method, "cert") == 0 && r.type != PGHBA_HOSTSSL) {
		pgconf_problem(&hb->log, file, line, "cert authentication is "
		    "only supported on hostssl connections");
		return;
	}
	for (i++; i < f->n; i++) {
		if (strncmp(f->w[i].text, "clientcert=", 11) == 0) {
			if (r.type != PGHBA_HOSTSSL) {
				pgconf_problem(&hb->log, file, line,
				    "clientcert can only be configured for "
				    "\"hostssl\" rows");
				return;
			}
			fmt_snprintf(r.clientcert, sizeof r.clientcert, "%s",
			    f->w[i].text + 11);
		}
	}
	add_rule(hb, &r);
}

/*
 * One logical line: its fields, then an include or a rule; in an @file
 * (up: the line naming it) only its words, whose @files are read in turn.
 */
static void
do_line(struct pghba *hb, int file, unsigned line, const char *text,
    int depth, const struct at *up, struct sink *sink)
{
	struct at a = { hb, file, line, depth, false, up, sink };
	struct fields f;
	const char *p = text;
	size_t n;

	f.n = 0;
	while (f.n < PGHBA_FIELDS_MAX && next_field(&p, &f.w[f.n], &a, &n)) {
		f.n += n > 0;
	}
	if (f.n == 0 || a.is_bad) {
		return;
	}
	/* exactly two fields, quoted or not; else an ordinary line */
	if (f.n == 2 && (strcmp(f.w[0].text, "include") == 0 ||
	    strcmp(f.w[0].text, "include_dir") == 0 ||
	    strcmp(f.w[0].text, "include_if_exists") == 0)) {
		include_line(hb, file, line, &f, depth + 1);
		return;
	}
	parse_line(hb, file, line, &f);
}

/* tokenize_auth_file over files[file]'s text; an @file's (up: the line
 * naming it) words into sink. */
static size_t
parse_text(struct pghba *hb, int file, const char *text, size_t len,
    int depth, const struct at *up, struct sink *sink)
{
	char *buf;
	size_t before = hb->log.n_problems + hb->log.n_dropped;
	size_t i = 0;
	size_t n = 0;
	unsigned line = 1;
	unsigned first = 1;

	buf = malloc(PGHBA_LINE_CAP);
	if (buf == NULL) {
		pgconf_problem(&hb->log, file, 0, "out of memory");
		return 1;
	}
	while (i <= len) {
		char c = i < len ? text[i] : '\n';

		i++;
		if (c != '\n') {
			if (n + 1 < PGHBA_LINE_CAP) {
				buf[n] = c == '\0' ? ' ' : c;
			}
			n++;
			continue;
		}
		if (n > 0 && n <= PGHBA_LINE_CAP && buf[n - 1] == '\r') {
			n--;			/* pg_strip_crlf */
		}
		/* a backslash before the newline joins the next line */
		if (n > 0 && n < PGHBA_LINE_CAP && buf[n - 1] == '\\' &&
		    i <= len) {
			n--;
			line++;
			continue;
		}
		if (n >= PGHBA_LINE_CAP) {
			pgconf_problem(&hb->log, file, first, "line longer "
			    "than %d bytes", PGHBA_LINE_CAP - 1);
		} else {
			buf[n] = '\0';
			do_line(hb, file, first, buf, depth, up, sink);
		}
		n = 0;
		first = ++line;
	}
	free(buf);
	return hb->log.n_problems + hb->log.n_dropped - before;
}

/* see pghba.h */
size_t
pghba_parse(struct pghba *hb, const char *path, const char *text,
    size_t len, int depth)
{
	int file = pgconf_add_file(&hb->log, path, -1, 0);

	return file < 0 ? 1 : parse_text(hb, file, text, len, depth, NULL,
	    NULL);
}

/* One file, as an include (from >= 0) or the first. */
static void
hba_file(void *ctx, const char *path, bool is_strict, int from,
    unsigned line, int depth)
{
	struct pghba *hb = ctx;
	char *text;
	size_t len;
	int file;

	file = pgconf_open(&hb->log, path, is_strict, from, line, depth,
	    &text, &len);
	if (file >= 0) {
		parse_text(hb, file, text, len, depth, NULL, NULL);
		free(text);
	}
}

/*
 * tokenize_expand_file: name relative to the referencing file, read under
 * the includes' bounds (depth, size, file count).  A file that cannot be
 * read, or holds a bad word, makes the referencing line an error.  A
 * file already read (many lines name @admins) is not read again: its
 * problems are reported once, and reject each line naming it; one naming
 * itself through others is read again until the depth limit stops it, as
 * it stops PostgreSQL.
 */
static void
expand_file(struct at *a, const char *name, struct sink *s)
{
	struct pgconf_log *lg = &a->hb->log;
	struct pghba_list *l;
	char dir[PGCONF_PATH_CAP];
	char path[PGCONF_PATH_CAP];
	struct sink sub;
	char *text;
	size_t len;
	const struct at *u;
	size_t i;
	int file;

	if (lg->is_no_files) {
		pgconf_problem(lg, a->file, a->line, "@%s not followed", name);
		a->is_bad = true;
		return;
	}
	pgconf_dirname(lg->files[a->file], dir, sizeof dir);
	if (pgconf_path_join(dir, name, path, sizeof path) < 0) {
		pgconf_problem(lg, a->file, a->line, "path too long");
		a->is_bad = true;
		return;
	}
	for (u = a; u != NULL && strcmp(lg->files[u->file], path) != 0;
	    u = u->up) {
	}
	memset(&sub, 0, sizeof sub);
	for (i = 0; u == NULL && i < lg->n_files; i++) {
		if (strcmp(lg->files[i], path) == 0) {
			l = &a->hb->lists[i];
			a->is_bad |= l->is_bad;
			fmt_snprintf(sub.first.text, sizeof sub.first.text,
			    "%s", l->first);
			sub.first.is_quoted = l->is_quoted;
			sink_add(s, &sub.first, l->n);
			return;
		}
	}
	file = pgconf_open(lg, path, true, a->file, a->line, a->depth + 1,
	    &text, &len);
	if (file < 0) {
		a->is_bad = true;
		return;
	}
	l = &a->hb->lists[file];
	if (parse_text(a->hb, file, text, len, a->depth + 1, a, &sub) > 0) {
		a->is_bad = true;
		l->is_bad = true;
	}
	free(text);
	fmt_snprintf(l->first, sizeof l->first, "%s", sub.first.text);
	l->is_quoted = sub.first.is_quoted;
	l->n = sub.n;
	sink_add(s, &sub.first, sub.n);
}

/* include, include_if_exists, include_dir: relative to the file. */
static void
include_line(struct pghba *hb, int file, unsigned line,
    const struct fields *f, int depth)
{
	pgconf_include(&hb->log, file, line, f->w[0].text, f->w[1].text, depth,
	    hba_file, hb);
}

/* see pghba.h */
int
pghba_load(struct pghba *hb, const char *path)
{
	hba_file(hb, path, true, -1, 0, 0);
	return hb->log.n_files > 0 ? 0 : -1;
}
