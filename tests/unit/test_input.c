/* SPDX-License-Identifier: MIT */
/*
 * test_input: input_parse and input_load (src/input.h).  Tables of SPEC
 * lists with the SPECs wanted, malformed lists with the reason wanted;
 * then the limits (INPUT_LINE_MAX, INPUT_SPECS_MAX), the command line
 * coming first, a missing file, and stdin read only for "-".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input.h"
#include "t.h"

#define WANT_MAX 4

struct parse_case {
	const char *name;
	const char *text;
	size_t len;			/* 0: strlen(text) */
	int want_rc;
	size_t want_n;
	const char *want[WANT_MAX];
	const char *want_why;		/* substring, when want_rc < 0 */
};

static const struct parse_case parse_cases[] = {
	{ "empty", "", 0, 0, 0, { NULL }, NULL },
	{ "one line, no newline", "db:5432", 0, 0, 1, { "db:5432" }, NULL },
	{ "one line", "db:5432\n", 0, 0, 1, { "db:5432" }, NULL },
	{ "two lines", "a:1\nb:2\n", 0, 0, 2, { "a:1", "b:2" }, NULL },
	{ "comment lines", "# x\na:1\n#b:2\n", 0, 0, 1, { "a:1" }, NULL },
	{ "trailing comment", "a:1 # primary\nb:2#x\n", 0, 0, 2,
	    { "a:1", "b:2" }, NULL },
	{ "indented comment", "   # x\n\t#y\na\n", 0, 0, 1, { "a" }, NULL },
	{ "blank lines", "\n\na\n\n\nb\n\n", 0, 0, 2, { "a", "b" }, NULL },
	{ "white-space-only lines", " \n\t\n \t \r\na\n", 0, 0, 1, { "a" },
	    NULL },
	{ "leading and trailing blanks", "  a:1  \n\tb:2\t\n", 0, 0, 2,
	    { "a:1", "b:2" }, NULL },
	{ "CRLF", "a:1\r\nb:2\r\n", 0, 0, 2, { "a:1", "b:2" }, NULL },
	{ "CRLF, last line without", "a:1\r\nb:2", 0, 0, 2,
	    { "a:1", "b:2" }, NULL },
	{ "CR then comment", "a:1\r# x\r\n", 0, 0, 1, { "a:1" }, NULL },
	{ "blank inside a SPEC kept", "a b\n", 0, 0, 1, { "a b" }, NULL },
	{ "stdin and files are SPECs", "-\nx.pem\n", 0, 0, 2,
	    { "-", "x.pem" }, NULL },
	{ "only comments", "#\n# a\n", 0, 0, 0, { NULL }, NULL },
	{ "only a newline", "\n", 0, 0, 0, { NULL }, NULL },
	{ "NUL in a SPEC", "a\0b\n", 4, -1, 0, { NULL }, "line 1: NUL byte" },
	{ "NUL on line 3", "a\nb\n\0\n", 6, -1, 0, { NULL },
	    "line 3: NUL byte" },
	{ "NUL in a comment", "a # \0\n", 6, -1, 0, { NULL },
	    "line 1: NUL byte" },
	{ "NUL at the end, no newline", "a\0", 2, -1, 0, { NULL },
	    "line 1: NUL byte" },
};

static void
test_parse_table(void)
{
	size_t i;
	size_t k;

	for (i = 0; i < sizeof parse_cases / sizeof parse_cases[0]; i++) {
		const struct parse_case *c = &parse_cases[i];
		size_t len = c->len != 0 ? c->len : strlen(c->text);
		struct input in;
		char why[256] = "";
		char *buf = malloc(len + 1);
		int rc;
		int same;

		memset(&in, 0, sizeof in);
		memcpy(buf, c->text, len);
		buf[len] = '\0';
		rc = input_parse(&in, buf, len, why, sizeof why);
		CHECKF(rc == c->want_rc, "parse %s: rc %d, want %d (%s)",
		    c->name, rc, c->want_rc, why);
		if (c->want_rc < 0) {
			CHECKF(strstr(why, c->want_why) != NULL,
			    "parse %s: why \"%s\" has \"%s\"", c->name, why,
			    c->want_why);
		} else {
			same = in.n == c->want_n;
			for (k = 0; same && k < in.n; k++) {
				same = strcmp(in.specs[k], c->want[k]) == 0;
			}
			CHECKF(same, "parse %s: %zu SPECs as wanted (got %zu%s%s)",
			    c->name, c->want_n, in.n, in.n ? ", first " : "",
			    in.n ? in.specs[0] : "");
		}
		free(in.specs);
		free(buf);
	}
}

/* A line of exactly INPUT_LINE_MAX bytes is a SPEC; one more is not. */
static void
test_line_max(void)
{
	size_t n;

	for (n = INPUT_LINE_MAX - 1; n <= INPUT_LINE_MAX + 1; n++) {
		struct input in;
		char why[256] = "";
		char *buf = malloc(n + 8);
		int rc;

		memset(&in, 0, sizeof in);
		memcpy(buf, "ok\n", 3);
		memset(buf + 3, 'a', n);
		memcpy(buf + 3 + n, "\nb\n", 4);
		rc = input_parse(&in, buf, n + 6, why, sizeof why);
		if (n <= INPUT_LINE_MAX) {
			CHECKF(rc == 0 && in.n == 3 && strlen(in.specs[1]) == n,
			    "line of %zu bytes accepted (%s)", n, why);
		} else {
			CHECKF(rc < 0 && strstr(why, "line 2: longer than 4096")
			    != NULL, "line of %zu bytes refused: \"%s\"", n, why);
		}
		free(in.specs);
		free(buf);
	}
	/* Without a newline at the end, too. */
	{
		struct input in;
		char why[256] = "";
		char *buf = malloc(INPUT_LINE_MAX + 2);
		int rc;

		memset(&in, 0, sizeof in);
		memset(buf, 'a', INPUT_LINE_MAX + 1);
		buf[INPUT_LINE_MAX + 1] = '\0';
		rc = input_parse(&in, buf, INPUT_LINE_MAX + 1, why, sizeof why);
		CHECKF(rc < 0 && strstr(why, "line 1: longer than") != NULL,
		    "last line over the limit, no newline: \"%s\"", why);
		free(in.specs);
		free(buf);
	}
}

/* INPUT_SPECS_MAX SPECs pass; one more fails, blank lines not counted. */
static void
test_specs_max(void)
{
	size_t n;

	for (n = INPUT_SPECS_MAX; n <= INPUT_SPECS_MAX + 1; n++) {
		struct input in;
		char why[256] = "";
		size_t len = n * 3;
		char *buf = malloc(len + 1);
		size_t k;
		int rc;

		memset(&in, 0, sizeof in);
		for (k = 0; k < n; k++) {
			memcpy(buf + 3 * k, "a\n\n", 3);
		}
		buf[len] = '\0';
		rc = input_parse(&in, buf, len, why, sizeof why);
		if (n == INPUT_SPECS_MAX) {
			CHECKF(rc == 0 && in.n == n, "%zu SPECs accepted (%s)",
			    n, why);
		} else {
			CHECKF(rc < 0 && strstr(why, "more than 100000 SPECs")
			    != NULL, "%zu SPECs refused: \"%s\"", n, why);
		}
		free(in.specs);
		free(buf);
	}
}

static int
write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL) {
		return -1;
	}
	fwrite(text, 1, len, f);
	return fclose(f);
}

static void
test_load(void)
{
	char dir[] = "/tmp/test_input.XXXXXX";
	char path[64];
	char a0[] = "cmd1:5432";
	char a1[] = "cmd2";
	char *argv[] = { a0, a1 };
	struct input in;
	char why[256];
	int rc;

	if (mkdtemp(dir) == NULL) {
		CHECK(!"mkdtemp");
		return;
	}
	snprintf(path, sizeof path, "%s/list", dir);
	write_file(path, "# list\nf1\r\n\n  f2  # two\n", 24);

	/* Command line only: no file, stdin never read (it is closed). */
	memset(&in, 0, sizeof in);
	why[0] = '\0';
	rc = input_load(&in, argv, 2, NULL, why, sizeof why);
	CHECKF(rc == 0 && in.n == 2 && strcmp(in.specs[0], "cmd1:5432") == 0 &&
	    strcmp(in.specs[1], "cmd2") == 0 && in.text == NULL,
	    "command line only (%s)", why);
	input_free(&in);
	CHECK(in.specs == NULL && in.n == 0 && in.text == NULL);

	/* Command line first, then the file. */
	memset(&in, 0, sizeof in);
	rc = input_load(&in, argv, 2, path, why, sizeof why);
	CHECKF(rc == 0 && in.n == 4, "command line and file: 4 SPECs (%s)",
	    why);
	if (rc == 0 && in.n == 4) {
		CHECK_STR(in.specs[0], "cmd1:5432", "first: command line");
		CHECK_STR(in.specs[1], "cmd2", "second: command line");
		CHECK_STR(in.specs[2], "f1", "third: file, CRLF gone");
		CHECK_STR(in.specs[3], "f2", "fourth: file, blanks gone");
	}
	input_free(&in);

	/* A file alone. */
	memset(&in, 0, sizeof in);
	rc = input_load(&in, NULL, 0, path, why, sizeof why);
	CHECKF(rc == 0 && in.n == 2, "file alone: 2 SPECs (%s)", why);
	input_free(&in);

	/* A missing file: the path and the errno text. */
	snprintf(path, sizeof path, "%s/missing", dir);
	memset(&in, 0, sizeof in);
	why[0] = '\0';
	rc = input_load(&in, argv, 2, path, why, sizeof why);
	CHECKF(rc < 0 && strstr(why, path) != NULL &&
	    strstr(why, "No such file") != NULL, "missing file: \"%s\"", why);
	input_free(&in);

	/* A directory. */
	memset(&in, 0, sizeof in);
	why[0] = '\0';
	rc = input_load(&in, NULL, 0, dir, why, sizeof why);
	CHECKF(rc < 0 && strstr(why, dir) != NULL, "directory: \"%s\"", why);
	input_free(&in);

	/* A NUL byte in a file. */
	snprintf(path, sizeof path, "%s/nul", dir);
	write_file(path, "a\nb\0c\n", 6);
	memset(&in, 0, sizeof in);
	why[0] = '\0';
	rc = input_load(&in, NULL, 0, path, why, sizeof why);
	CHECKF(rc < 0 && strstr(why, "line 2: NUL byte") != NULL,
	    "NUL byte in a file: \"%s\"", why);
	input_free(&in);

	/* "-" reads stdin, after the command line. */
	snprintf(path, sizeof path, "%s/stdin", dir);
	write_file(path, "s1\n#\ns2", 7);
	if (freopen(path, "r", stdin) == NULL) {
		CHECK(!"freopen stdin");
	} else {
		memset(&in, 0, sizeof in);
		rc = input_load(&in, argv, 1, "-", why, sizeof why);
		CHECKF(rc == 0 && in.n == 3 && strcmp(in.specs[0], "cmd1:5432")
		    == 0 && strcmp(in.specs[1], "s1") == 0 &&
		    strcmp(in.specs[2], "s2") == 0, "- reads stdin (%s)", why);
		input_free(&in);
	}

	/* The command line counts toward INPUT_SPECS_MAX too. */
	{
		char **many = malloc((INPUT_SPECS_MAX + 1) * sizeof *many);
		size_t k;

		for (k = 0; k <= INPUT_SPECS_MAX; k++) {
			many[k] = argv[0];
		}
		memset(&in, 0, sizeof in);
		why[0] = '\0';
		rc = input_load(&in, many, INPUT_SPECS_MAX + 1, NULL, why,
		    sizeof why);
		CHECKF(rc < 0 && strstr(why, "more than") != NULL,
		    "too many command-line SPECs: \"%s\"", why);
		input_free(&in);
		snprintf(path, sizeof path, "%s/list", dir);
		memset(&in, 0, sizeof in);
		why[0] = '\0';
		rc = input_load(&in, many, INPUT_SPECS_MAX - 1, path, why,
		    sizeof why);
		CHECKF(rc < 0 && strstr(why, "more than") != NULL,
		    "command line plus file over the limit: \"%s\"", why);
		input_free(&in);
		free(many);
	}

	snprintf(path, sizeof path, "%s/list", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/nul", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/stdin", dir);
	unlink(path);
	rmdir(dir);
}

int
main(void)
{
	/* Nothing here may need stdin unless asked: close its descriptor
	 * (a read would fail); test_load reopens it for "-". */
	close(0);
	test_parse_table();
	test_line_max();
	test_specs_max();
	test_load();
	return t_exit();
}
