/* SPDX-License-Identifier: MIT */
/*
 * input: reading and splitting SPEC lists.  One trimming rule (trim) for
 * the incremental reader of probe runs and the whole lists of munin.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fmt.h"
#include "input.h"

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/*
 * The SPEC of line p (len bytes; p[len] is written): blanks and a "#"
 * comment cut off, in place.  Returns 1 with *spec, 0 for a blank or
 * comment line, -1 when the line holds a NUL byte.
 */
static int
trim(char *p, size_t len, char **spec)
{
	char *e = p + len;
	char *hash;

	*e = '\0';
	if (memchr(p, '\0', len) != NULL) {
		return -1;
	}
	hash = strchr(p, '#');
	if (hash != NULL) {
		*hash = '\0';
		e = hash;
	}
	while (p < e && is_blank(*p)) {
		p++;
	}
	while (e > p && is_blank(e[-1])) {
		*--e = '\0';
	}
	*spec = p;
	return p < e;
}

/* see input.h */
int
input_open(struct input_reader *r, const char *path, char *why, size_t cap)
{
	memset(r, 0, sizeof *r);
	r->is_stdin = strcmp(path, "-") == 0;
	r->fd = r->is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (r->fd < 0) {
		fmt_snprintf(why, cap, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* read() into buf[end, cap - 1): the last byte stays for trim's NUL. */
static ssize_t
fill(struct input_reader *r, size_t end)
{
	ssize_t n;

	do {
		n = read(r->fd, r->buf + end, sizeof r->buf - 1 - end);
	} while (n < 0 && errno == EINTR);
	return n;
}

/*
 * The line being read has no newline within INPUT_LINE_MAX bytes: drops
 * it up to its newline (kept bytes after it stay in buf), or ends the
 * input when it goes on past INPUT_SKIP_MAX.
 */
static enum input_status
skip(struct input_reader *r, char *why, size_t cap)
{
	size_t skipped = r->end - r->start;
	const char *nl;
	ssize_t n;

	r->start = 0;
	r->end = 0;
	for (;;) {
		n = fill(r, 0);
		if (n < 0) {
			r->is_done = true;
			fmt_snprintf(why, cap, "%s", strerror(errno));
			return INPUT_ERROR;
		}
		if (n == 0) {
			r->is_eof = true;
			break;
		}
		nl = memchr(r->buf, '\n', (size_t)n);
		if (nl != NULL) {
			r->start = (size_t)(nl - r->buf) + 1;
			r->end = (size_t)n;
			break;
		}
		skipped += (size_t)n;
		if (skipped > INPUT_SKIP_MAX) {
			r->is_done = true;
			fmt_snprintf(why, cap, "longer than %lu MiB: the rest "
			    "of the input is not read", INPUT_SKIP_MAX >> 20);
			return INPUT_BAD;
		}
	}
	fmt_snprintf(why, cap, "longer than %u bytes",
	    (unsigned)INPUT_LINE_MAX);
	return INPUT_BAD;
}

static enum input_status
next_line(struct input_reader *r, char **spec, char *why, size_t cap)
{
	for (;;) {
		char *p = r->buf + r->start;
		size_t avail = r->end - r->start;
		char *nl = memchr(p, '\n', avail);
		size_t len = nl != NULL ? (size_t)(nl - p) : avail;
		ssize_t n;

		if (r->is_done) {
			return INPUT_END;
		}
		if (nl != NULL || (r->is_eof && avail > 0)) {
			r->line++;
			r->start += len + (nl != NULL);
			if (len > INPUT_LINE_MAX) {
				fmt_snprintf(why, cap, "longer than %u bytes",
				    (unsigned)INPUT_LINE_MAX);
				return INPUT_BAD;
			}
			switch (trim(p, len, spec)) {
			case 1:
				return INPUT_SPEC;
			case 0:
				continue;
			default:
				/* A binary file is no SPEC list: one
				 * failure, not one per "line" of it. */
				r->is_done = true;
				fmt_snprintf(why, cap, "holds a NUL byte: the rest of "
				    "the input is not read");
				return INPUT_BAD;
			}
		}
		if (r->is_eof) {
			r->is_done = true;
			return INPUT_END;
		}
		if (avail > INPUT_LINE_MAX) {
			r->line++;
			return skip(r, why, cap);
		}
		memmove(r->buf, p, avail);
		r->start = 0;
		r->end = avail;
		n = fill(r, avail);
		if (n < 0) {
			r->is_done = true;
			fmt_snprintf(why, cap, "%s", strerror(errno));
			return INPUT_ERROR;
		}
		r->is_eof = n == 0;
		r->end += (size_t)n;
	}
}

/* see input.h */
enum input_status
input_next(struct input_reader *r, char **spec, char *why, size_t cap)
{
	if (!r->has_peeked) {
		r->spec = NULL;
		r->why[0] = '\0';
		r->peeked = next_line(r, &r->spec, r->why, sizeof r->why);
	}
	r->has_peeked = false;
	*spec = r->spec;
	fmt_snprintf(why, cap, "%s", r->why);
	return r->peeked;
}

/* see input.h */
void
input_unget(struct input_reader *r)
{
	r->has_peeked = true;
}

/* see input.h */
void
input_close(struct input_reader *r)
{
	if (!r->is_stdin && r->fd >= 0) {
		close(r->fd);
	}
	r->fd = -1;
}

/* Appends a copy of spec to in. */
static int
push(struct input *in, const char *spec, char *why, size_t cap)
{
	char **grown;

	if (in->n >= INPUT_SPECS_MAX) {
		fmt_snprintf(why, cap, "more than %u SPECs",
		    (unsigned)INPUT_SPECS_MAX);
		return -1;
	}
	/* Doubling: amortised, and only while reading a list. */
	if (in->n == in->cap) {
		size_t want = in->cap ? in->cap * 2 : 16;

		grown = realloc(in->specs, want * sizeof *grown);
		if (grown == NULL) {
			fmt_snprintf(why, cap, "out of memory");
			return -1;
		}
		in->specs = grown;
		in->cap = want;
	}
	in->specs[in->n] = strdup(spec);
	if (in->specs[in->n] == NULL) {
		fmt_snprintf(why, cap, "out of memory");
		return -1;
	}
	in->n++;
	return 0;
}

/* see input.h */
int
input_parse(struct input *in, char *text, size_t len, char *why, size_t cap)
{
	char *p = text;
	char *end = text + len;
	unsigned long line = 0;
	char *spec;

	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *e = nl != NULL ? nl : end;
		int rc;

		line++;
		if ((size_t)(e - p) > INPUT_LINE_MAX) {
			fmt_snprintf(why, cap, "line %lu: longer than %u bytes",
			    line, (unsigned)INPUT_LINE_MAX);
			return -1;
		}
		rc = trim(p, (size_t)(e - p), &spec);
		if (rc < 0) {
			fmt_snprintf(why, cap, "line %lu: NUL byte", line);
			return -1;
		}
		if (rc > 0 && push(in, spec, why, cap) < 0) {
			return -1;
		}
		p = e + 1;
	}
	return 0;
}

/* see input.h */
int
input_load(struct input *in, const char *path, char *why, size_t cap)
{
	struct input_reader *r;
	char reason[128];
	char *spec;
	int rc = 0;

	if (path == NULL) {
		return 0;
	}
	/* 8 KiB: not on the stack of a caller that may be deep. */
	r = malloc(sizeof *r);
	if (r == NULL) {
		fmt_snprintf(why, cap, "%s: out of memory", path);
		return -1;
	}
	if (input_open(r, path, why, cap) < 0) {
		free(r);
		return -1;
	}
	for (;;) {
		enum input_status st = input_next(r, &spec, reason,
		    sizeof reason);

		if (st == INPUT_END) {
			break;
		}
		if (st == INPUT_SPEC) {
			if (push(in, spec, why, cap) < 0) {
				rc = -1;
				break;
			}
			continue;
		}
		if (st == INPUT_BAD) {
			fmt_snprintf(why, cap, "%s: line %lu: %s", path,
			    r->line, reason);
		} else {
			fmt_snprintf(why, cap, "%s: %s", path, reason);
		}
		rc = -1;
		break;
	}
	input_close(r);
	free(r);
	return rc;
}

/* see input.h */
void
input_free(struct input *in)
{
	size_t i;

	for (i = 0; i < in->n; i++) {
		free(in->specs[i]);
	}
	free(in->specs);
	memset(in, 0, sizeof *in);
}
