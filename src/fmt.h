/* SPDX-License-Identifier: MIT */
/*
 * fmt: the printf subset ccheck uses, so that musl's vfprintf (10 KB,
 * mostly floating point, with frexpl, wctomb and friends) is not linked.
 * One core walks the format and hands pieces to a sink; fmt_snprintf
 * fills a buffer and fmt_fprintf writes to a stdio stream (kept buffered).
 *
 * The subset, and nothing else:
 *   %s      a string; NULL prints "(null)"; precision ".*" only
 *   %c      one byte (an int argument)
 *   %d %u %x  int / unsigned in decimal / lower-case hexadecimal, with a
 *           length of none, "l" or "ll" ("z" too for %u and %x)
 *   %%      a percent sign, with no flags, width or precision
 * Flags "-" (pad on the right) and "0" (zeros after the sign; integers
 * only, ignored with "-" as in C) and a decimal width are accepted on
 * every conversion but %%; a width has at most 3 digits.  Everything
 * else (%f, %p, %i, %o, %X, lengths h, hh, j, t and L, flags "+", " "
 * and "#", "*" widths, ".N", precision on anything but %s) is
 * unsupported: the conversion, up to the first byte fmt does not take,
 * prints as the two bytes "%?", the rest of the format follows verbatim
 * ("%hd|%s" prints "%?d|%s") and no further argument is read, so a
 * mistake shows instead of printing the wrong argument.
 * Every function carries the printf format attribute, so -Wformat still
 * checks each call's arguments against its format.
 */
#ifndef CK_FMT_H
#define CK_FMT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/*
 * As C's snprintf: writes at most cap bytes to out, always NUL-terminated
 * when cap > 0 (out may be NULL when cap is 0), and returns the length the
 * whole output would have, so "n >= cap" still detects truncation.  A
 * length above INT_MAX returns INT_MAX (C returns -1 there; INT_MAX keeps
 * the callers' truncation test true).  Never fails; errno is untouched.
 */
int fmt_snprintf(char *out, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int fmt_vsnprintf(char *out, size_t cap, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/*
 * Writes to f with fwrite, piece by piece, so stdio's buffering and
 * ferror(f) work as with fprintf; output has no length limit.  Returns
 * the length written (INT_MAX at most), or -1 when fwrite fell short.
 * fmt never picks a stream itself: only the modules allowed to print
 * (out_*, cli, main) call these, with stdout or stderr.
 */
int fmt_fprintf(FILE *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int fmt_vfprintf(FILE *f, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* fmt_fprintf(stdout, ...). */
int fmt_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
