/* SPDX-License-Identifier: MIT */
/*
 * test_passwd: passwd_name and passwd_home (src/passwd.h).  A table of passwd files with
 * the name wanted for a uid, or none: exact uid fields only, the first
 * match, a last line without its newline, over-long lines skipped whole,
 * malformed lines, a name that does not fit, and a missing file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "passwd.h"
#include "t.h"

struct passwd_case {
	const char *name;
	const char *text;		/* NULL: a long-line file, built */
	uid_t uid;
	size_t cap;			/* 0: 64 */
	const char *want;		/* NULL: passwd_name fails */
};

static const struct passwd_case cases[] = {
	{ "first line", "root:x:0:0:root:/root:/bin/sh\n", 0, 0, "root" },
	{ "later line", "root:x:0:0::/:/bin/sh\npostgres:x:105:110::/:\n",
	    105, 0, "postgres" },
	{ "first of two matches", "a:x:7:7::/:\nb:x:7:7::/:\n", 7, 0, "a" },
	{ "no match", "root:x:0:0::/:\n", 1000, 0, NULL },
	{ "uid prefix is no match", "a:x:100:1::/:\n", 10, 0, NULL },
	{ "uid suffix is no match", "a:x:10:1::/:\n", 100, 0, NULL },
	{ "last line without newline", "root:x:0:0::/:\nme:x:1000:1000::/:",
	    1000, 0, "me" },
	{ "empty file", "", 0, 0, NULL },
	{ "empty name", ":x:0:0::/:\n", 0, 0, NULL },
	{ "uid field missing", "root:x\n", 0, 0, NULL },
	{ "uid field empty", "root:x::0::/:\n", 0, 0, NULL },
	{ "uid field not a number", "root:x:0x0:0::/:\n", 0, 0, NULL },
	{ "uid field signed", "root:x:-0:0::/:\n", 0, 0, NULL },
	{ "uid field overflows", "root:x:99999999999999999999:0::/:\n", 0, 0,
	    NULL },
	{ "uid field last, no colon", "root:x:0\n", 0, 0, NULL },
	{ "blank lines", "\n\nme:x:5:5::/:\n\n", 5, 0, "me" },
	{ "name fits exactly", "abc:x:1:1::/:\n", 1, 4, "abc" },
	{ "name does not fit", "abcd:x:1:1::/:\n", 1, 4, NULL },
	{ "over-long line skipped, next matches", NULL, 42, 0, "after" },
};

/* A file whose first line is longer than PASSWD_LINE_CAP and would match
 * uid 42 if it were cut, then a good line for uid 42. */
static void
write_long(FILE *f)
{
	size_t i;

	fputs("longname:x:42:", f);
	for (i = 0; i < PASSWD_LINE_CAP * 3; i++) {
		fputc('g', f);
	}
	fputs("\nafter:x:42:42::/:\n", f);
}

/* passwd_home: the sixth field of the uid's line, empty or not. */
static void
test_home(void)
{
	static const struct {
		const char *text;
		uid_t uid;
		const char *want;
	} homes[] = {
		{ "root:x:0:0:root:/root:/bin/sh\n", 0, "/root" },
		{ "a:x:1:1::/home/a:\nb:x:2:2:B:/home/b\n", 2, "/home/b" },
		{ "a:x:1:1:::/bin/sh\n", 1, "" },
		{ "a:x:1:1\n", 1, NULL },
		{ "a:x:1:1::/home/a:\n", 3, NULL },
	};
	char path[] = "/tmp/test_passwd.XXXXXX";
	char home[64];
	size_t i;
	int fd;

	for (i = 0; i < sizeof homes / sizeof homes[0]; i++) {
		int rc;

		fd = mkstemp(path);
		if (fd < 0 || write(fd, homes[i].text, strlen(homes[i].text)) <
		    0) {
			CHECKF(0, "home %zu: temporary file", i);
			continue;
		}
		close(fd);
		rc = passwd_home(path, homes[i].uid, home, sizeof home);
		unlink(path);
		strcpy(path, "/tmp/test_passwd.XXXXXX");
		if (homes[i].want == NULL) {
			CHECKF(rc == -1, "home %zu: fails", i);
		} else {
			CHECKF(rc == 0 && strcmp(home, homes[i].want) == 0,
			    "home %zu: %s", i, homes[i].want);
		}
	}
}

int
main(void)
{
	char path[] = "/tmp/test_passwd.XXXXXX";
	char name[64];
	size_t i;
	FILE *f;
	int fd;
	int rc;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct passwd_case *c = &cases[i];

		fd = mkstemp(path);
		f = fd < 0 ? NULL : fdopen(fd, "w");
		if (f == NULL) {
			CHECKF(0, "%s: temporary file", c->name);
			continue;
		}
		if (c->text != NULL) {
			fputs(c->text, f);
		} else {
			write_long(f);
		}
		fclose(f);
		memset(name, 'Z', sizeof name);
		rc = passwd_name(path, c->uid, name,
		    c->cap != 0 ? c->cap : sizeof name);
		unlink(path);
		strcpy(path, "/tmp/test_passwd.XXXXXX");
		if (c->want == NULL) {
			CHECKF(rc == -1, "%s: fails", c->name);
		} else {
			CHECKF(rc == 0 && strcmp(name, c->want) == 0,
			    "%s: %s", c->name, c->want);
		}
	}
	CHECK(passwd_name("/nonexistent/passwd", 0, name, sizeof name) == -1);
	test_home();
	return t_exit();
}
