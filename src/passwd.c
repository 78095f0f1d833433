/* SPDX-License-Identifier: MIT */
/*
 * passwd: the login name or home directory of a user id, from a
 * passwd(5) file read with plain read() and one fixed line buffer.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "passwd.h"

/*
 * The line's field (0: name, 5: home directory) if its uid field is
 * exactly uid, else NULL.
 */
static const char *
line_match(char *line, uid_t uid, int field)
{
	char *name_end = strchr(line, ':');
	char *uid_text;
	unsigned long v = 0;
	char *p;

	if (name_end == NULL || name_end == line) {
		return NULL;
	}
	uid_text = strchr(name_end + 1, ':');
	if (uid_text == NULL) {
		return NULL;
	}
	uid_text++;
	for (p = uid_text; *p >= '0' && *p <= '9'; p++) {
		if (v > 0xffffffffUL / 10) {
			return NULL;
		}
		v = v * 10 + (unsigned long)(*p - '0');
	}
	if (p == uid_text || *p != ':' || v != (unsigned long)uid) {
		return NULL;
	}
	for (p = line; field > 0; field--) {
		if ((p = strchr(p, ':')) == NULL) {
			return NULL;
		}
		p++;
	}
	p[strcspn(p, ":")] = '\0';
	return p;
}

/* Field field of uid's line of path into out (cap bytes). */
static int
lookup(const char *path, uid_t uid, int field, char *name, size_t cap)
{
	char line[PASSWD_LINE_CAP];
	char buf[512];
	const char *found = NULL;
	bool is_skipping = false;
	size_t len = 0;
	ssize_t n;
	ssize_t i;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		return -1;
	}
	while (found == NULL) {
		n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n <= 0) {
			break;
		}
		for (i = 0; i < n && found == NULL; i++) {
			if (buf[i] != '\n') {
				/* An over-long line is skipped, not cut. */
				is_skipping = is_skipping || len == sizeof line - 1;
				if (!is_skipping) {
					line[len++] = buf[i];
				}
				continue;
			}
			line[len] = '\0';
			if (!is_skipping) {
				found = line_match(line, uid, field);
			}
			len = 0;
			is_skipping = false;
		}
	}
	close(fd);
	if (found == NULL && n == 0 && len > 0 && !is_skipping) {
		line[len] = '\0';	/* a last line without its newline */
		found = line_match(line, uid, field);
	}
	if (found == NULL || strlen(found) >= cap) {
		return -1;
	}
	memcpy(name, found, strlen(found) + 1);
	return 0;
}

/* see passwd.h */
int
passwd_name(const char *path, uid_t uid, char *name, size_t cap)
{
	return lookup(path, uid, 0, name, cap);
}

/* see passwd.h */
int
passwd_field(const char *path, unsigned id, int field, char *out, size_t cap)
{
	return lookup(path, (uid_t)id, field, out, cap);
}

/* see passwd.h */
int
passwd_home(const char *path, uid_t uid, char *home, size_t cap)
{
	return lookup(path, uid, 5, home, cap);
}
