/* SPDX-License-Identifier: MIT */
/*
 * input: reading and splitting SPEC lists.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fmt.h"
#include "input.h"

static int
push(struct input *in, char *spec, char *why, size_t cap)
{
	char **grown;

	if (in->n >= INPUT_SPECS_MAX) {
		fmt_snprintf(why, cap, "more than %u SPECs",
		    (unsigned)INPUT_SPECS_MAX);
		return -1;
	}
	/* Doubling: amortised, and only while reading input. */
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
	in->specs[in->n++] = spec;
	return 0;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* see input.h */
int
input_parse(struct input *in, char *text, size_t len, char *why, size_t cap)
{
	char *p = text;
	char *end = text + len;
	unsigned long line = 0;

	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *e = nl != NULL ? nl : end;
		char *hash;

		line++;
		if ((size_t)(e - p) > INPUT_LINE_MAX) {
			fmt_snprintf(why, cap, "line %lu: longer than %u bytes",
			    line, (unsigned)INPUT_LINE_MAX);
			return -1;
		}
		*e = '\0';
		if (memchr(p, '\0', (size_t)(e - p)) != NULL) {
			fmt_snprintf(why, cap, "line %lu: NUL byte", line);
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
		if (p < e && push(in, p, why, cap) < 0) {
			return -1;
		}
		p = (nl != NULL ? nl : end) + 1;
	}
	return 0;
}

/* Reads fd to its end into a grown buffer, NUL-terminated. */
static int
read_all(int fd, const char *path, char **out, size_t *len, char *why,
    size_t cap)
{
	size_t used = 0;
	size_t room = 65536;
	char *buf = malloc(room + 1);
	char *grown;
	ssize_t n = 0;

	while (buf != NULL) {
		n = read(fd, buf + used, room - used);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n <= 0) {
			break;
		}
		used += (size_t)n;
		if (used == room) {
			if (room >= INPUT_FILE_MAX) {
				free(buf);
				fmt_snprintf(why, cap, "%s: larger than %u MiB",
				    path, INPUT_FILE_MAX >> 20);
				return -1;
			}
			room *= 2;
			grown = realloc(buf, room + 1);
			if (grown == NULL) {
				free(buf);
				fmt_snprintf(why, cap, "%s: out of memory",
				    path);
				return -1;
			}
			buf = grown;
		}
	}
	if (buf == NULL || n < 0) {
		int saved = errno;

		free(buf);
		fmt_snprintf(why, cap, "%s: %s", path,
		    buf == NULL ? "out of memory" : strerror(saved));
		return -1;
	}
	buf[used] = '\0';
	*out = buf;
	*len = used;
	return 0;
}

/* see input.h */
int
input_load(struct input *in, char **argv, size_t n, const char *path,
    char *why, size_t cap)
{
	bool is_stdin;
	size_t len;
	size_t i;
	int fd;
	int rc;

	for (i = 0; i < n; i++) {
		if (push(in, argv[i], why, cap) < 0) {
			return -1;
		}
	}
	if (path == NULL) {
		return 0;
	}
	is_stdin = strcmp(path, "-") == 0;
	fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fmt_snprintf(why, cap, "%s: %s", path, strerror(errno));
		return -1;
	}
	rc = read_all(fd, path, &in->text, &len, why, cap);
	if (!is_stdin) {
		close(fd);
	}
	if (rc < 0) {
		return -1;
	}
	return input_parse(in, in->text, len, why, cap);
}

/* see input.h */
void
input_free(struct input *in)
{
	free(in->specs);
	free(in->text);
	memset(in, 0, sizeof *in);
}
