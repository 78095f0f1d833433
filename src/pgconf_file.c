/* SPDX-License-Identifier: MIT */
/*
 * pgconf_file: what postgresql.conf's and pg_hba.conf's readers share
 * (pgconf.h): the table of files read, the problems met with their file
 * and line, ParseConfigFile's checks before a file is read (depth,
 * recursion, a missing file skipped when allowed), include lines
 * resolved against the including file, and GetConfFilesInDir's order.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>

#include "err.h"
#include "fmt.h"
#include "pem.h"
#include "pgconf.h"

/* see pgconf.h */
const char *
pgconf_file(const struct pgconf_log *lg, struct pgconf_where at)
{
	if (at.file < 0 || (size_t)at.file >= lg->n_files) {
		return "";
	}
	return lg->files[at.file];
}

/* see pgconf.h */
void
pgconf_problem(struct pgconf_log *lg, int file, unsigned line,
    const char *fmt, ...)
{
	struct pgconf_problem *pr;
	va_list ap;

	if (lg->n_problems == PGCONF_PROBLEMS_MAX) {
		lg->n_dropped++;
		return;
	}
	pr = &lg->problems[lg->n_problems++];
	pr->at.file = file;
	pr->at.line = line;
	va_start(ap, fmt);
	fmt_vsnprintf(pr->text, sizeof pr->text, fmt, ap);
	va_end(ap);
}

/* see pgconf.h */
int
pgconf_path_join(const char *dir, const char *path, char *out, size_t cap)
{
	int n;

	if (path[0] == '/') {
		n = fmt_snprintf(out, cap, "%s", path);
	} else {
		n = fmt_snprintf(out, cap, "%s/%s", dir, path);
	}
	return (size_t)n < cap ? 0 : -1;
}

/* see pgconf.h */
void
pgconf_dirname(const char *path, char *out, size_t cap)
{
	const char *slash = strrchr(path, '/');
	size_t n;

	if (slash == NULL) {
		fmt_snprintf(out, cap, ".");
		return;
	}
	n = slash == path ? 1 : (size_t)(slash - path);
	if (n >= cap) {
		n = cap - 1;
	}
	memcpy(out, path, n);
	out[n] = '\0';
}

/* see pgconf.h */
int
pgconf_add_file(struct pgconf_log *lg, const char *path, int from, unsigned line)
{
	if (lg->n_files == PGCONF_FILES_MAX) {
		pgconf_problem(lg, from, line, "more than %d configuration "
		    "files", PGCONF_FILES_MAX);
		return -1;
	}
	if (strlen(path) >= PGCONF_PATH_CAP) {
		pgconf_problem(lg, from, line, "path too long");
		return -1;
	}
	memcpy(lg->files[lg->n_files], path, strlen(path) + 1);
	return (int)lg->n_files++;
}

/* see pgconf.h */
int
pgconf_open(struct pgconf_log *lg, const char *path, bool is_strict,
    int from, unsigned line, int depth, char **text, size_t *len)
{
	struct result res;
	unsigned char *data;
	int file;

	*text = NULL;
	if (depth > PGCONF_DEPTH_MAX) {
		pgconf_problem(lg, from, line, "could not open configuration "
		    "file \"%s\": maximum nesting depth exceeded", path);
		return -1;
	}
	if (from >= 0 && strcmp(path, lg->files[from]) == 0) {
		pgconf_problem(lg, from, line, "configuration file recursion "
		    "in \"%s\"", path);
		return -1;
	}
	memset(&res, 0, sizeof res);
	if (pem_file_read_cap(path, PGCONF_FILE_CAP, &data, len, &res) < 0) {
		if (res.sys == ENOENT && !is_strict) {
			return -2;	/* "skipping missing configuration file" */
		}
		if (res.sys == EFBIG) {
			pgconf_problem(lg, from, line, "configuration file "
			    "\"%s\" is larger than %u bytes", path,
			    PGCONF_FILE_CAP);
		} else {
			pgconf_problem(lg, from, line, "could not open "
			    "configuration file \"%s\": %s", path,
			    strerror(res.sys));
		}
		return -1;
	}
	file = pgconf_add_file(lg, path, from, line);
	if (file < 0) {
		free(data);
		return -1;
	}
	*text = (char *)data;
	return file;
}

/* see pgconf.h */
int
pgconf_dir_each(const char *dir, pgconf_file_fn fn, void *ctx, char *why,
    size_t cap)
{
	char (*names)[256];
	char path[PGCONF_PATH_CAP];
	struct dirent *de;
	struct stat sb;
	size_t n = 0;
	size_t i;
	size_t len;
	int rc = 0;
	DIR *d;

	d = opendir(dir);
	if (d == NULL) {
		fmt_snprintf(why, cap, "could not open configuration "
		    "directory \"%s\": %s", dir, strerror(errno));
		return -1;
	}
	names = malloc(PGCONF_DIR_MAX * sizeof *names);
	if (names == NULL) {
		closedir(d);
		fmt_snprintf(why, cap, "out of memory");
		return -1;
	}
	while (rc == 0 && (de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len < 6 ||
		    strcmp(de->d_name + len - 5, ".conf") != 0) {
			continue;
		}
		if (n == PGCONF_DIR_MAX || len >= sizeof names[0]) {
			fmt_snprintf(why, cap, "configuration directory "
			    "\"%s\": more than %d files", dir, PGCONF_DIR_MAX);
			rc = -1;
			break;
		}
		memcpy(names[n++], de->d_name, len + 1);
	}
	closedir(d);
	qsort(names, n, sizeof names[0], (int (*)(const void *,
	    const void *))strcmp);
	for (i = 0; rc == 0 && i < n; i++) {
		if (pgconf_path_join(dir, names[i], path, sizeof path) < 0) {
			fmt_snprintf(why, cap, "path too long");
			rc = -1;
		} else if (stat(path, &sb) < 0) {
			fmt_snprintf(why, cap, "could not stat file \"%s\": %s",
			    path, strerror(errno));
			rc = -1;
		} else if (S_ISREG(sb.st_mode)) {
			fn(ctx, path);
		}
	}
	free(names);
	return rc;
}

/* What an include_dir's files are handed to. */
struct dir_ctx {
	pgconf_include_fn fn;
	void *ctx;
	int from;
	unsigned line;
	int depth;
};

static void
dir_file(void *ctx, const char *path)
{
	struct dir_ctx *dc = ctx;

	dc->fn(dc->ctx, path, true, dc->from, dc->line, dc->depth);
}

/* see pgconf.h */
void
pgconf_include(struct pgconf_log *lg, int file, unsigned line,
    const char *what, const char *value, int depth, pgconf_include_fn fn,
    void *ctx)
{
	char dir[PGCONF_PATH_CAP];
	char path[PGCONF_PATH_CAP];
	char why[PGCONF_PROBLEM_CAP];
	struct dir_ctx dc;
	bool is_dir = strcmp(what, "include_dir") == 0;

	if (value[strspn(value, " \t\r\n")] == '\0') {
		pgconf_problem(lg, file, line, "empty configuration %s name: "
		    "\"%s\"", is_dir ? "directory" : "file", value);
		return;
	}
	if (lg->is_no_files) {
		pgconf_problem(lg, file, line, "%s not followed", what);
		return;
	}
	pgconf_dirname(lg->files[file], dir, sizeof dir);
	if (pgconf_path_join(dir, value, path, sizeof path) < 0) {
		pgconf_problem(lg, file, line, "path too long");
		return;
	}
	if (!is_dir) {
		fn(ctx, path, strcmp(what, "include") == 0, file, line, depth);
		return;
	}
	dc.fn = fn;
	dc.ctx = ctx;
	dc.from = file;
	dc.line = line;
	dc.depth = depth;
	if (pgconf_dir_each(path, dir_file, &dc, why, sizeof why) < 0) {
		pgconf_problem(lg, file, line, "%s", why);
	}
}
