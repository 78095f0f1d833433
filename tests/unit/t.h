/* SPDX-License-Identifier: MIT */
/*
 * t: the tiny header every unit test includes.  Each check prints one
 * line, "ok - FILE:LINE: WHAT" or "not ok - FILE:LINE: WHAT: WHY", which
 * tests/run counts; main returns t_exit(), non-zero if any check failed.
 * Tests run from the repository root (tests/run does so), so fixture
 * files are named relative to it: T_DATA "name.pem".  Header-only and
 * static, so each test program gets its own copy.
 */
#ifndef CK_T_H
#define CK_T_H

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Fixture directory, relative to the repository root. */
#define T_DATA "tests/unit/data/"

static int t_failed;
static int t_passed;

/*
 * Writes s with control and non-ASCII bytes as \xHH: names and reasons
 * quote test inputs, and the log stays valid UTF-8 (grep reads it as text).
 */
static void
t_put_escaped(const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c >= 0x7f) {
			printf("\\x%02x", c);
		} else {
			putchar(c);
		}
	}
}

static void __attribute__((unused))
t_report(int ok, const char *file, int line, const char *what,
    const char *why)
{
	printf("%sok - %s:%d: ", ok ? "" : "not ", file, line);
	t_put_escaped(what);
	if (!ok && why != NULL) {
		fputs(": ", stdout);
		t_put_escaped(why);
	}
	putchar('\n');
	if (ok) {
		t_passed++;
	} else {
		t_failed++;
	}
}

static void __attribute__((unused))
t_str_eq(const char *got, const char *want, const char *file, int line,
    const char *what)
{
	char why[512];
	int ok = got != NULL && want != NULL && strcmp(got, want) == 0;

	snprintf(why, sizeof why, "got \"%s\", want \"%s\"",
	    got != NULL ? got : "(null)", want != NULL ? want : "(null)");
	t_report(ok, file, line, what, why);
}

static void __attribute__((unused))
t_int_eq(intmax_t got, intmax_t want, const char *file, int line,
    const char *what)
{
	char why[128];

	snprintf(why, sizeof why, "got %jd, want %jd", got, want);
	t_report(got == want, file, line, what, why);
}

/* A check whose name is built from a table row, printf-style. */
static void __attribute__((unused, format(printf, 4, 5)))
t_reportf(int ok, const char *file, int line, const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	t_report(ok, file, line, what, NULL);
}

/* Exit status for main: 0 when every check passed. */
static int __attribute__((unused))
t_exit(void)
{
	return t_failed != 0;
}

/* CHECK(cond): the condition's text is the name of the check. */
#define CHECK(cond) \
	t_report((cond) != 0, __FILE__, __LINE__, #cond, NULL)
/* CHECKF(cond, fmt, ...): the name is formatted from a table row. */
#define CHECKF(cond, ...) \
	t_reportf((cond) != 0, __FILE__, __LINE__, __VA_ARGS__)
/* CHECK_STR(got, want, what) / CHECK_INT(...): say what differed. */
#define CHECK_STR(got, want, what) \
	t_str_eq((got), (want), __FILE__, __LINE__, (what))
#define CHECK_INT(got, want, what) \
	t_int_eq((intmax_t)(got), (intmax_t)(want), __FILE__, __LINE__, (what))

#endif
