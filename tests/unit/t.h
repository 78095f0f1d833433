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

#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
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

/*
 * A xorshift sequence for the differential tests: the same cases on every
 * run, another sequence with t_seed(getenv("..._SEED")).
 */
static uint64_t t_rng = 0x9e3779b97f4a7c15u;

static uint64_t __attribute__((unused))
t_next(void)
{
	t_rng ^= t_rng << 13;
	t_rng ^= t_rng >> 7;
	t_rng ^= t_rng << 17;
	return t_rng;
}

static void __attribute__((unused))
t_fill(unsigned char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		p[i] = (unsigned char)t_next();
	}
}

/* A seed from the environment's text (decimal or 0x hex); NULL: none. */
static void __attribute__((unused))
t_seed(const char *s)
{
	if (s != NULL) {
		t_rng ^= strtoull(s, NULL, 0) * 0x2545f4914f6cdd1du;
	}
}

/*
 * Whitespace-separated (or run-together) hex digits of s into out (cap
 * bytes).  Returns the byte count; reports a failed check and returns 0
 * on a stray character, an odd digit count or overflow.
 */
static size_t __attribute__((unused))
t_unhex(const char *s, unsigned char *out, size_t cap)
{
	size_t n = 0;
	int hi = -1;

	for (; *s != '\0'; s++) {
		int v;

		if (isspace((unsigned char)*s)) {
			continue;
		}
		if (!isxdigit((unsigned char)*s) || (hi < 0 && n == cap)) {
			t_report(0, __FILE__, __LINE__, "hex", s);
			return 0;
		}
		v = isdigit((unsigned char)*s) ? *s - '0' :
		    tolower((unsigned char)*s) - 'a' + 10;
		if (hi < 0) {
			hi = v;
		} else {
			out[n++] = (unsigned char)(hi << 4 | v);
			hi = -1;
		}
	}
	if (hi >= 0) {
		t_report(0, __FILE__, __LINE__, "hex", "odd digit count");
		return 0;
	}
	return n;
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
