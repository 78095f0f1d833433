/* SPDX-License-Identifier: MIT */
/*
 * fmt: every conversion, flag, width and precision of the subset, the
 * extreme integers, truncation into small buffers, output to a stream,
 * and as many unsupported conversions, which must show "%?".
 */
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "fmt.h"
#include "t.h"

/* The argument a row passes after its format. */
enum kind {
	K_NONE,
	K_INT,
	K_UINT,
	K_LONG,
	K_ULONG,
	K_LLONG,
	K_ULLONG,
	K_SIZE,
	K_CHAR,
	K_STR,
	K_PREC_STR,			/* prec, then s: for "%.*s" */
	K_STR_INT,			/* s, then i */
};

/* cap FULL: the whole test buffer. */
#define FULL SIZE_MAX

/* Not NUL-terminated: "%.*s" must read no more than its precision. */
static const char raw[3] = { 'a', 'b', 'c' };

static const struct {
	const char *fmt;
	enum kind kind;
	long long i;
	unsigned long long u;
	const char *s;
	int prec;
	size_t cap;
	const char *want_out;
	int want_n;
} cases[] = {
	/* literal text and %% */
	{ "", K_NONE, 0, 0, NULL, 0, FULL, "", 0 },
	{ "plain", K_NONE, 0, 0, NULL, 0, FULL, "plain", 5 },
	{ "100%% sure", K_NONE, 0, 0, NULL, 0, FULL, "100% sure", 9 },
	{ "%%%%", K_NONE, 0, 0, NULL, 0, FULL, "%%", 2 },

	/* %s, widths, "-", precision ".*" */
	{ "[%s]", K_STR, 0, 0, "abc", 0, FULL, "[abc]", 5 },
	{ "[%s]", K_STR, 0, 0, "", 0, FULL, "[]", 2 },
	{ "[%s]", K_STR, 0, 0, NULL, 0, FULL, "[(null)]", 8 },
	{ "[%5s]", K_STR, 0, 0, "ab", 0, FULL, "[   ab]", 7 },
	{ "[%-10s]", K_STR, 0, 0, "key", 0, FULL, "[key       ]", 12 },
	{ "[%-10s]", K_STR, 0, 0, "signature", 0, FULL, "[signature ]", 12 },
	{ "[%-10s]", K_STR, 0, 0, "longer than ten", 0, FULL,
	    "[longer than ten]", 17 },
	{ "[%-2s]", K_STR, 0, 0, "", 0, FULL, "[  ]", 4 },
	{ "[%.*s]", K_PREC_STR, 0, 0, "abcdef", 3, FULL, "[abc]", 5 },
	{ "[%.*s]", K_PREC_STR, 0, 0, "abcdef", 0, FULL, "[]", 2 },
	{ "[%.*s]", K_PREC_STR, 0, 0, "ab", 5, FULL, "[ab]", 4 },
	{ "[%.*s]", K_PREC_STR, 0, 0, "abcdef", -1, FULL, "[abcdef]", 8 },
	{ "[%.*s]", K_PREC_STR, 0, 0, raw, 3, FULL, "[abc]", 5 },
	{ "[%5.*s]", K_PREC_STR, 0, 0, "abcdef", 2, FULL, "[   ab]", 7 },
	{ "[%-5.*s]", K_PREC_STR, 0, 0, "abcdef", 2, FULL, "[ab   ]", 7 },

	/* %c */
	{ "[%c]", K_CHAR, 'x', 0, NULL, 0, FULL, "[x]", 3 },
	{ "[%c]", K_CHAR, 0xe9, 0, NULL, 0, FULL, "[\xe9]", 3 },
	{ "[%3c]", K_CHAR, 'x', 0, NULL, 0, FULL, "[  x]", 5 },
	{ "[%-3c]", K_CHAR, 'x', 0, NULL, 0, FULL, "[x  ]", 5 },

	/* %d and %u: int, zero, widths, "0", "-", the extremes */
	{ "%d", K_INT, 0, 0, NULL, 0, FULL, "0", 1 },
	{ "%d", K_INT, 42, 0, NULL, 0, FULL, "42", 2 },
	{ "%d", K_INT, -42, 0, NULL, 0, FULL, "-42", 3 },
	{ "%d", K_INT, INT_MAX, 0, NULL, 0, FULL, "2147483647", 10 },
	{ "%d", K_INT, INT_MIN, 0, NULL, 0, FULL, "-2147483648", 11 },
	{ "[%5d]", K_INT, -42, 0, NULL, 0, FULL, "[  -42]", 7 },
	{ "[%05d]", K_INT, -42, 0, NULL, 0, FULL, "[-0042]", 7 },
	{ "[%-5d]", K_INT, -42, 0, NULL, 0, FULL, "[-42  ]", 7 },
	{ "[%-05d]", K_INT, 42, 0, NULL, 0, FULL, "[42   ]", 7 },
	{ "[%2d]", K_INT, 12345, 0, NULL, 0, FULL, "[12345]", 7 },
	{ "%u", K_UINT, 0, 0, NULL, 0, FULL, "0", 1 },
	{ "%u", K_UINT, 0, 65535, NULL, 0, FULL, "65535", 5 },
	{ "%u", K_UINT, 0, UINT_MAX, NULL, 0, FULL, "4294967295", 10 },
	{ "[%6u]", K_UINT, 0, 443, NULL, 0, FULL, "[   443]", 8 },

	/* %ld %lu (long is 32 or 64 bits, as the target has it) */
	{ "%ld", K_LONG, -7, 0, NULL, 0, FULL, "-7", 2 },
	{ "%ld days", K_LONG, 89, 0, NULL, 0, FULL, "89 days", 7 },
	{ "%lu", K_ULONG, 0, 36500, NULL, 0, FULL, "36500", 5 },
#if LONG_MAX > 0x7fffffffL
	{ "%ld", K_LONG, LONG_MIN, 0, NULL, 0, FULL,
	    "-9223372036854775808", 20 },
	{ "%ld", K_LONG, LONG_MAX, 0, NULL, 0, FULL,
	    "9223372036854775807", 19 },
	{ "%lu", K_ULONG, 0, ULONG_MAX, NULL, 0, FULL,
	    "18446744073709551615", 20 },
#else
	{ "%ld", K_LONG, LONG_MIN, 0, NULL, 0, FULL, "-2147483648", 11 },
	{ "%ld", K_LONG, LONG_MAX, 0, NULL, 0, FULL, "2147483647", 10 },
	{ "%lu", K_ULONG, 0, ULONG_MAX, NULL, 0, FULL, "4294967295", 10 },
#endif

	/* %lld %llu: always at least 64 bits */
	{ "%lld", K_LLONG, 0, 0, NULL, 0, FULL, "0", 1 },
	{ "%lld", K_LLONG, INT64_MIN, 0, NULL, 0, FULL,
	    "-9223372036854775808", 20 },
	{ "%lld", K_LLONG, LLONG_MIN, 0, NULL, 0, FULL,
	    "-9223372036854775808", 20 },
	{ "%lld", K_LLONG, LLONG_MAX, 0, NULL, 0, FULL,
	    "9223372036854775807", 19 },
	{ "%lld", K_LLONG, -1, 0, NULL, 0, FULL, "-1", 2 },
	{ "%llu", K_ULLONG, 0, UINT64_MAX, NULL, 0, FULL,
	    "18446744073709551615", 20 },
	{ "%llx", K_ULLONG, 0, UINT64_MAX, NULL, 0, FULL,
	    "ffffffffffffffff", 16 },
	/* out_tap's milliseconds: "%lld.%03lld" */
	{ "%03lld", K_LLONG, 0, 0, NULL, 0, FULL, "000", 3 },
	{ "%03lld", K_LLONG, 7, 0, NULL, 0, FULL, "007", 3 },
	{ "%03lld", K_LLONG, 42, 0, NULL, 0, FULL, "042", 3 },
	{ "%03lld", K_LLONG, 999, 0, NULL, 0, FULL, "999", 3 },
	{ "%03lld", K_LLONG, 1234, 0, NULL, 0, FULL, "1234", 4 },
	{ "%03lld", K_LLONG, -5, 0, NULL, 0, FULL, "-05", 3 },

	/* %zu %zx */
	{ "%zu", K_SIZE, 0, 0, NULL, 0, FULL, "0", 1 },
	{ "%zu", K_SIZE, 0, 144, NULL, 0, FULL, "144", 3 },
#if SIZE_MAX > 0xffffffffU
	{ "%zu", K_SIZE, 0, SIZE_MAX, NULL, 0, FULL,
	    "18446744073709551615", 20 },
	{ "%zx", K_SIZE, 0, SIZE_MAX, NULL, 0, FULL,
	    "ffffffffffffffff", 16 },
#else
	{ "%zu", K_SIZE, 0, SIZE_MAX, NULL, 0, FULL, "4294967295", 10 },
	{ "%zx", K_SIZE, 0, SIZE_MAX, NULL, 0, FULL, "ffffffff", 8 },
#endif

	/* %x and %04x (out_json's \u escapes) */
	{ "%x", K_UINT, 0, 0, NULL, 0, FULL, "0", 1 },
	{ "%x", K_UINT, 0, 0xdeadbeef, NULL, 0, FULL, "deadbeef", 8 },
	{ "\\u%04x", K_UINT, 0, 0x1f, NULL, 0, FULL, "\\u001f", 6 },
	{ "\\u%04x", K_UINT, 0, 0, NULL, 0, FULL, "\\u0000", 6 },
	{ "%04x", K_UINT, 0, 0x12345, NULL, 0, FULL, "12345", 5 },
	{ "%lx", K_ULONG, 0, 0xabc, NULL, 0, FULL, "abc", 3 },

	/* two arguments, in order */
	{ "%s:%d", K_STR_INT, 5432, 0, "db", 0, FULL, "db:5432", 7 },

	/* truncation: always NUL-terminated, the full length returned */
	{ "hello", K_NONE, 0, 0, NULL, 0, 6, "hello", 5 },
	{ "hello", K_NONE, 0, 0, NULL, 0, 5, "hell", 5 },
	{ "hello", K_NONE, 0, 0, NULL, 0, 3, "he", 5 },
	{ "hello", K_NONE, 0, 0, NULL, 0, 2, "h", 5 },
	{ "hello", K_NONE, 0, 0, NULL, 0, 1, "", 5 },
	{ "hello", K_NONE, 0, 0, NULL, 0, 0, NULL, 5 },
	{ "", K_NONE, 0, 0, NULL, 0, 1, "", 0 },
	{ "", K_NONE, 0, 0, NULL, 0, 0, NULL, 0 },
	{ "[%-10s]", K_STR, 0, 0, "key", 0, 4, "[ke", 12 },
	{ "[%5d]", K_INT, -42, 0, NULL, 0, 4, "[  ", 7 },
	{ "%lld", K_LLONG, LLONG_MIN, 0, NULL, 0, 8, "-922337", 20 },
	{ "%s: %s", K_STR, 0, 0, "x", 0, 1, "", 4 },
	{ "%c", K_CHAR, 'x', 0, NULL, 0, 1, "", 1 },
	{ "%c", K_CHAR, 'x', 0, NULL, 0, 0, NULL, 1 },

	/*
	 * Unsupported: "%?" for the conversion up to the first byte fmt
	 * does not take, then the rest of the format as it is.  gcc accepts
	 * every one of these formats, so only this shows them.
	 */
	{ "%f", K_NONE, 0, 0, NULL, 0, FULL, "%?", 2 },
	{ "a%fb%dc", K_NONE, 0, 0, NULL, 0, FULL, "a%?b%dc", 7 },
	{ "%d|%f|%s", K_INT, 7, 0, NULL, 0, FULL, "7|%?|%s", 7 },
	{ "%e", K_NONE, 0, 0, NULL, 0, FULL, "%?", 2 },
	{ "%g", K_NONE, 0, 0, NULL, 0, FULL, "%?", 2 },
	{ "%p", K_NONE, 0, 0, NULL, 0, FULL, "%?", 2 },
	{ "%i", K_NONE, 0, 0, NULL, 0, FULL, "%?", 2 },
	{ "%o", K_NONE, 0, 0, NULL, 0, FULL, "%?", 2 },
	{ "%X", K_NONE, 0, 0, NULL, 0, FULL, "%?", 2 },
	{ "%n", K_NONE, 0, 0, NULL, 0, FULL, "%?", 2 },
	{ "%ls", K_NONE, 0, 0, NULL, 0, FULL, "%?", 2 },
	{ "%lc", K_NONE, 0, 0, NULL, 0, FULL, "%?", 2 },
	{ "%hd", K_NONE, 0, 0, NULL, 0, FULL, "%?d", 3 },
	{ "%hhu", K_NONE, 0, 0, NULL, 0, FULL, "%?hu", 4 },
	{ "%jd", K_NONE, 0, 0, NULL, 0, FULL, "%?d", 3 },
	{ "%td", K_NONE, 0, 0, NULL, 0, FULL, "%?d", 3 },
	{ "%zd", K_NONE, 0, 0, NULL, 0, FULL, "%?", 2 },
	{ "%Lf", K_NONE, 0, 0, NULL, 0, FULL, "%?f", 3 },
	{ "%+d", K_NONE, 0, 0, NULL, 0, FULL, "%?d", 3 },
	{ "% d", K_NONE, 0, 0, NULL, 0, FULL, "%?d", 3 },
	{ "%#x", K_NONE, 0, 0, NULL, 0, FULL, "%?x", 3 },
	{ "%*d", K_NONE, 0, 0, NULL, 0, FULL, "%?d", 3 },
	{ "%.3s", K_NONE, 0, 0, NULL, 0, FULL, "%?3s", 4 },
	{ "%.*d", K_INT, 3, 0, NULL, 0, FULL, "%?", 2 },
	{ "%05s", K_NONE, 0, 0, NULL, 0, FULL, "%?", 2 },
	{ "%05c", K_NONE, 0, 0, NULL, 0, FULL, "%?", 2 },
	{ "%1000d", K_NONE, 0, 0, NULL, 0, FULL, "%?", 2 },
	{ "%5%", K_NONE, 0, 0, NULL, 0, FULL, "%?", 2 },
	{ "end%", K_NONE, 0, 0, NULL, 0, FULL, "end%?", 5 },
	{ "end%-", K_NONE, 0, 0, NULL, 0, FULL, "end%?", 5 },
	{ "%f tail", K_NONE, 0, 0, NULL, 0, 4, "%? ", 7 },
};

/*
 * The table holds formats as data, so -Wformat cannot check these calls;
 * the kind says what each takes.  Every call in src/ is checked.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat-security"
static int
run(size_t i, char *out, size_t cap)
{
	const char *f = cases[i].fmt;

	switch (cases[i].kind) {
	case K_INT:
		return fmt_snprintf(out, cap, f, (int)cases[i].i);
	case K_UINT:
		return fmt_snprintf(out, cap, f, (unsigned)cases[i].u);
	case K_LONG:
		return fmt_snprintf(out, cap, f, (long)cases[i].i);
	case K_ULONG:
		return fmt_snprintf(out, cap, f, (unsigned long)cases[i].u);
	case K_LLONG:
		return fmt_snprintf(out, cap, f, cases[i].i);
	case K_ULLONG:
		return fmt_snprintf(out, cap, f, cases[i].u);
	case K_SIZE:
		return fmt_snprintf(out, cap, f, (size_t)cases[i].u);
	case K_CHAR:
		return fmt_snprintf(out, cap, f, (int)cases[i].i);
	case K_STR:
		return fmt_snprintf(out, cap, f, cases[i].s, cases[i].s);
	case K_PREC_STR:
		return fmt_snprintf(out, cap, f, cases[i].prec, cases[i].s);
	case K_STR_INT:
		return fmt_snprintf(out, cap, f, cases[i].s, (int)cases[i].i);
	case K_NONE:
		break;
	}
	return fmt_snprintf(out, cap, f);
}
#pragma GCC diagnostic pop


/* s[0..len) with bytes outside printable ASCII as \xHH, so the test log
 * stays valid UTF-8 (row 20 formats a Latin-1 byte). */
static const char *
printable(const char *s, size_t len, char *out, size_t cap)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;
	size_t k = 0;

	for (i = 0; i < len && k + 5 <= cap; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x7f) {
			out[k++] = (char)c;
		} else {
			out[k++] = '\\';
			out[k++] = 'x';
			out[k++] = hex[c >> 4];
			out[k++] = hex[c & 15];
		}
	}
	out[k] = '\0';
	return out;
}

static void
test_table(void)
{
	char buf[64];
	char want[4 * sizeof buf + 1];
	char got[4 * sizeof buf + 1];
	size_t i;
	size_t k;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t cap = cases[i].cap == FULL ? sizeof buf : cases[i].cap;
		int n;
		bool is_kept = true;

		memset(buf, '#', sizeof buf);
		n = run(i, buf, cap);
		/* Not a byte past cap, and nothing at all when cap is 0. */
		for (k = cap; k < sizeof buf; k++) {
			is_kept = is_kept && buf[k] == '#';
		}
		CHECKF(n == cases[i].want_n && is_kept &&
		    (cases[i].want_out == NULL ||
		    strcmp(buf, cases[i].want_out) == 0),
		    "row %zu \"%s\" cap %zu: want \"%s\" (%d), got \"%s\" "
		    "(%d)", i, cases[i].fmt, cap,
		    cases[i].want_out ? printable(cases[i].want_out,
		    strlen(cases[i].want_out), want, sizeof want) :
		    "(untouched)", cases[i].want_n, printable(buf, cap > 0 ?
		    strnlen(buf, cap) : 0, got, sizeof got), n);
	}
}

static void
test_null_buffer(void)
{
	/* cap 0: out may be NULL; the length is still counted. */
	CHECK(fmt_snprintf(NULL, 0, "%s=%d", "port", 5432) == 9);
}

/* fmt_fprintf through a real stream, past the staging buffer. */
static void
test_stream(void)
{
	char big[1200];
	char want[4096];
	char got[4096];
	FILE *f = tmpfile();
	size_t len;
	int n;
	int k;

	CHECK(f != NULL);
	if (f == NULL) {
		return;
	}
	memset(big, 'b', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	n = fmt_fprintf(f, "%s|%-999s|%lld|%04x\n", big, "x", LLONG_MIN,
	    0xau);
	k = snprintf(want, sizeof want, "%s|%-999s|%lld|%04x\n", big, "x",
	    LLONG_MIN, 0xau);
	CHECK_INT(n, k, "fmt_fprintf returns the length written");
	rewind(f);
	len = fread(got, 1, sizeof got, f);
	CHECK(len == (size_t)k && memcmp(got, want, len) == 0);
	CHECK(ferror(f) == 0);
	fclose(f);

	/* A stream that cannot be written: -1, as fprintf. */
	f = fopen("/dev/null", "r");
	CHECK(f != NULL);
	if (f != NULL) {
		CHECK(fmt_fprintf(f, "%s\n", "lost") == -1);
		fclose(f);
	}
}

/* Long output through fmt_snprintf: truncated, length still whole. */
static void
test_long(void)
{
	char big[600];
	char out[300];
	size_t k;
	bool is_b = true;

	memset(big, 'b', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	CHECK(fmt_snprintf(out, sizeof out, "%s%s", big, big) == 1198);
	for (k = 0; k + 1 < sizeof out; k++) {
		is_b = is_b && out[k] == 'b';
	}
	CHECK(is_b && out[sizeof out - 1] == '\0');
	CHECK(fmt_snprintf(out, sizeof out, "[%999d]", 1) == 1001);
	CHECK(out[0] == '[' && out[1] == ' ' && out[sizeof out - 2] == ' ');
}

int
main(void)
{
	test_table();
	test_null_buffer();
	test_stream();
	test_long();
	return t_exit();
}
