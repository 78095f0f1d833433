/* SPDX-License-Identifier: MIT */
/*
 * test_input: input_parse, the incremental reader (input_open,
 * input_next, input_unget) and input_load (src/input.h).  Tables of SPEC
 * lists with the SPECs wanted, malformed lists with the reason wanted;
 * then the limits (INPUT_LINE_MAX, INPUT_SKIP_MAX, INPUT_SPECS_MAX) in
 * both, a missing file, a directory, /dev/zero, and stdin read for "-".
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
		input_free(&in);
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
		input_free(&in);
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
		input_free(&in);
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
		input_free(&in);
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

/* One step of a reader: the status wanted, and the SPEC or why in it. */
struct step {
	enum input_status st;
	const char *what;		/* SPEC, or a substring of why */
	unsigned long line;		/* 0: not checked */
};

#define STEPS_MAX 6

struct read_case {
	const char *name;
	const char *text;
	size_t len;			/* 0: strlen(text) */
	struct step want[STEPS_MAX];	/* up to INPUT_END */
};

static const struct read_case read_cases[] = {
	{ "empty", "", 0, { { INPUT_END, NULL, 0 } } },
	{ "comments, blanks, CRLF, no final newline",
	    "# x\n\n  a:1  # c\r\n\tb\t\r\nc", 0,
	    { { INPUT_SPEC, "a:1", 3 }, { INPUT_SPEC, "b", 4 },
	    { INPUT_SPEC, "c", 5 }, { INPUT_END, NULL, 0 } } },
	{ "only comments", "#\n # y\n\n", 0, { { INPUT_END, NULL, 0 } } },
	{ "NUL: one failure, then the end", "a\nb\0c\nd\n", 8,
	    { { INPUT_SPEC, "a", 1 }, { INPUT_BAD, "NUL byte", 2 },
	    { INPUT_END, NULL, 0 } } },
	{ "NUL in a comment", "a # \0\nb\n", 8,
	    { { INPUT_BAD, "NUL byte", 1 }, { INPUT_END, NULL, 0 } } },
};

/* Runs r against want; name for the messages. */
static void
check_steps(struct input_reader *r, const struct step *want,
    const char *name)
{
	char why[128];
	char *spec;
	size_t k;

	for (k = 0; k < STEPS_MAX; k++) {
		enum input_status st = input_next(r, &spec, why, sizeof why);
		const struct step *w = &want[k];
		bool ok = st == w->st;

		if (ok && st == INPUT_SPEC) {
			ok = strcmp(spec, w->what) == 0;
		} else if (ok && w->what != NULL) {
			ok = strstr(why, w->what) != NULL;
		}
		if (ok && w->line != 0) {
			ok = r->line == w->line;
		}
		CHECKF(ok, "%s: step %zu: status %d, want %d (\"%s\", line "
		    "%lu)", name, k, (int)st, (int)w->st, st == INPUT_SPEC ?
		    spec : why, r->line);
		if (w->st == INPUT_END || !ok) {
			break;
		}
	}
}

static void
test_reader(const char *dir)
{
	struct input_reader *r = malloc(sizeof *r);
	char path[128];
	char why[128];
	char *spec;
	char *big;
	size_t i;
	size_t n;

	snprintf(path, sizeof path, "%s/read", dir);
	for (i = 0; i < sizeof read_cases / sizeof read_cases[0]; i++) {
		const struct read_case *c = &read_cases[i];

		write_file(path, c->text, c->len != 0 ? c->len :
		    strlen(c->text));
		if (input_open(r, path, why, sizeof why) < 0) {
			CHECKF(0, "%s: open: %s", c->name, why);
			continue;
		}
		check_steps(r, c->want, c->name);
		input_close(r);
	}

	/* Lines of INPUT_LINE_MAX +- 1 bytes, and one longer than the
	 * buffer, each between two SPECs: only the long ones fail, in
	 * their place, and reading goes on after them. */
	big = malloc(3 * INPUT_LINE_MAX);
	for (n = INPUT_LINE_MAX - 1; n <= 2 * INPUT_LINE_MAX + 8;
	    n += n == INPUT_LINE_MAX + 1 ? INPUT_LINE_MAX : 1) {
		struct step want[] = {
			{ INPUT_SPEC, "ok", 1 },
			{ n <= INPUT_LINE_MAX ? INPUT_SPEC : INPUT_BAD,
			    n <= INPUT_LINE_MAX ? big + 3 :
			    "longer than 4096 bytes", 2 },
			{ INPUT_SPEC, "b", 3 },
			{ INPUT_END, NULL, 0 },
			{ INPUT_END, NULL, 0 },
			{ INPUT_END, NULL, 0 },
		};
		char name[64];

		memcpy(big, "ok\n", 3);
		memset(big + 3, 'a', n);
		memcpy(big + 3 + n, "\nb\n", 3);
		write_file(path, big, n + 6);
		big[3 + n] = '\0';	/* the SPEC wanted on line 2 */
		snprintf(name, sizeof name, "line of %zu bytes", n);
		if (input_open(r, path, why, sizeof why) == 0) {
			check_steps(r, want, name);
			input_close(r);
		}
	}
	/* The last line over the limit, without a newline. */
	memset(big, 'a', INPUT_LINE_MAX + 1);
	write_file(path, big, INPUT_LINE_MAX + 1);
	if (input_open(r, path, why, sizeof why) == 0) {
		struct step want[] = {
			{ INPUT_BAD, "longer than 4096", 1 },
			{ INPUT_END, NULL, 0 },
		};

		check_steps(r, want, "last line over the limit");
		input_close(r);
	}
	free(big);

	/* unget: the same SPEC, and the same reason, once more. */
	write_file(path, "\xff\0\nx\n", 5);
	if (input_open(r, path, why, sizeof why) == 0) {
		input_next(r, &spec, why, sizeof why);
		input_unget(r);
		why[0] = '\0';
		CHECKF(input_next(r, &spec, why, sizeof why) == INPUT_BAD &&
		    strstr(why, "NUL byte") != NULL, "unget keeps why: \"%s\"",
		    why);
		input_close(r);
	}
	write_file(path, "a\nb\n", 4);
	if (input_open(r, path, why, sizeof why) == 0) {
		input_next(r, &spec, why, sizeof why);
		input_unget(r);
		CHECK(input_next(r, &spec, why, sizeof why) == INPUT_SPEC &&
		    strcmp(spec, "a") == 0);
		CHECK(input_next(r, &spec, why, sizeof why) == INPUT_SPEC &&
		    strcmp(spec, "b") == 0);
		input_close(r);
	}

	/* A missing file fails to open; a directory fails to read. */
	snprintf(path, sizeof path, "%s/missing", dir);
	CHECKF(input_open(r, path, why, sizeof why) < 0 &&
	    strstr(why, "No such file") != NULL, "missing: \"%s\"", why);
	if (input_open(r, dir, why, sizeof why) == 0) {
		CHECKF(input_next(r, &spec, why, sizeof why) == INPUT_ERROR &&
		    strstr(why, "Is a directory") != NULL,
		    "directory: \"%s\"", why);
		CHECK(input_next(r, &spec, why, sizeof why) == INPUT_END);
		input_close(r);
	}
	/* An endless line: skipped up to INPUT_SKIP_MAX, then the end. */
	if (input_open(r, "/dev/zero", why, sizeof why) == 0) {
		CHECKF(input_next(r, &spec, why, sizeof why) == INPUT_BAD &&
		    strstr(why, "longer than 64 MiB") != NULL,
		    "/dev/zero: \"%s\"", why);
		CHECK(input_next(r, &spec, why, sizeof why) == INPUT_END);
		input_close(r);
	}
	free(r);
}

static void
test_load(const char *dir)
{
	char path[128];
	struct input in;
	char why[256];
	int rc;

	snprintf(path, sizeof path, "%s/list", dir);
	write_file(path, "# list\nf1\r\n\n  f2  # two\n", 24);
	memset(&in, 0, sizeof in);
	rc = input_load(&in, NULL, why, sizeof why);
	CHECK(rc == 0 && in.n == 0);
	rc = input_load(&in, path, why, sizeof why);
	CHECKF(rc == 0 && in.n == 2, "file: 2 SPECs (%s)", why);
	if (rc == 0 && in.n == 2) {
		CHECK_STR(in.specs[0], "f1", "first, CRLF gone");
		CHECK_STR(in.specs[1], "f2", "second, blanks gone");
	}
	input_free(&in);
	CHECK(in.specs == NULL && in.n == 0);

	snprintf(path, sizeof path, "%s/missing", dir);
	why[0] = '\0';
	rc = input_load(&in, path, why, sizeof why);
	CHECKF(rc < 0 && strstr(why, path) != NULL &&
	    strstr(why, "No such file") != NULL, "missing file: \"%s\"", why);
	input_free(&in);

	snprintf(path, sizeof path, "%s/nul", dir);
	write_file(path, "a\nb\0c\n", 6);
	why[0] = '\0';
	rc = input_load(&in, path, why, sizeof why);
	CHECKF(rc < 0 && strstr(why, "line 2: holds a NUL byte") != NULL,
	    "NUL byte in a file: \"%s\"", why);
	input_free(&in);

	/* "-" reads stdin. */
	snprintf(path, sizeof path, "%s/stdin", dir);
	write_file(path, "s1\n#\ns2", 7);
	if (freopen(path, "r", stdin) == NULL) {
		CHECK(!"freopen stdin");
	} else {
		rc = input_load(&in, "-", why, sizeof why);
		CHECKF(rc == 0 && in.n == 2 && strcmp(in.specs[0], "s1") == 0 &&
		    strcmp(in.specs[1], "s2") == 0, "- reads stdin (%s)", why);
		input_free(&in);
	}
}

int
main(void)
{
	char dir[] = "/tmp/test_input.XXXXXX";
	char cmd[64];

	/* Nothing here may need stdin unless asked: close its descriptor
	 * (a read would fail); test_load reopens it for "-". */
	close(0);
	test_parse_table();
	test_line_max();
	test_specs_max();
	if (mkdtemp(dir) == NULL) {
		CHECK(!"mkdtemp");
		return t_exit();
	}
	test_reader(dir);
	test_load(dir);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0) {
		CHECK(!"rm -rf");
	}
	return t_exit();
}
