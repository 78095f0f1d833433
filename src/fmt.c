/* SPDX-License-Identifier: MIT */
/*
 * fmt: the printf subset of fmt.h.  format() parses one conversion at a
 * time, reads its argument with va_arg in the same function (a va_list
 * handed to a helper could not be used again portably) and hands the
 * padded field to put(), which either copies into the caller's buffer or
 * stages bytes for fwrite.
 */
#include <limits.h>
#include <stdbool.h>
#include <string.h>

#include "fmt.h"

/*
 * File output is staged and handed to fwrite in pieces this large: a
 * line of ours fits, so on unbuffered stderr a message still leaves in
 * one write(), as with musl's vfprintf, which stages in the same way.
 */
#define STAGE_CAP 256
/* Widths have at most this many digits; ours are 3, 4 and 10. */
#define WIDTH_DIGITS_MAX 3

struct sink {
	FILE *f;			/* NULL: into out */
	char *out;			/* the caller's buffer */
	size_t cap;			/* of out, NUL included */
	size_t len;			/* of the whole output so far */
	bool is_bad;			/* fwrite fell short */
	size_t staged;
	char stage[STAGE_CAP];
};

struct conv {
	bool is_left;			/* "-" */
	bool is_zero;			/* "0" */
	size_t width;
};

static void
flush(struct sink *s)
{
	if (s->staged > 0 && fwrite(s->stage, 1, s->staged, s->f) !=
	    s->staged) {
		s->is_bad = true;
	}
	s->staged = 0;
}

static void
put(struct sink *s, const char *p, size_t len)
{
	size_t n;

	s->len += len;
	if (s->f == NULL) {
		if (s->cap > 0 && s->len - len < s->cap - 1) {
			n = s->cap - 1 - (s->len - len);
			memcpy(s->out + (s->len - len), p, len < n ? len : n);
		}
		return;
	}
	while (len > 0) {
		if (s->staged == sizeof s->stage) {
			flush(s);
		}
		n = sizeof s->stage - s->staged;
		n = len < n ? len : n;
		memcpy(s->stage + s->staged, p, n);
		s->staged += n;
		p += n;
		len -= n;
	}
}

static void
pad(struct sink *s, char c, size_t n)
{
	static const char spaces[] = "                ";
	static const char zeros[] = "0000000000000000";
	size_t k;

	while (n > 0) {
		k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
		put(s, c == '0' ? zeros : spaces, k);
		n -= k;
	}
}

/* sign (NULL: none), then body[0..len), padded as c says. */
static void
put_field(struct sink *s, const struct conv *c, const char *sign,
    const char *body, size_t len)
{
	size_t total = len + (sign != NULL);
	size_t fill = c->width > total ? c->width - total : 0;

	if (!c->is_left && !c->is_zero) {
		pad(s, ' ', fill);
	}
	if (sign != NULL) {
		put(s, sign, 1);
	}
	if (!c->is_left && c->is_zero) {
		pad(s, '0', fill);
	}
	put(s, body, len);
	if (c->is_left) {
		pad(s, ' ', fill);
	}
}

static void
put_num(struct sink *s, const struct conv *c, unsigned long long v,
    bool is_neg, unsigned base)
{
	char digits[24];		/* 2^64 - 1 has 20 decimal digits */
	char *d = digits + sizeof digits;

	do {
		*--d = "0123456789abcdef"[v % base];
		v /= base;
	} while (v != 0);
	put_field(s, c, is_neg ? "-" : NULL, d,
	    (size_t)(digits + sizeof digits - d));
}

static void
format(struct sink *s, const char *fmt, va_list ap)
{
	const char *p = fmt;
	const char *q;
	struct conv c;
	bool has_prec;
	int prec;
	int len_mod;			/* 0 none, 1 l, 2 ll, 3 z */
	int digits;
	char ch;
	const char *str;
	long long sv;
	unsigned long long uv;

	while (*p != '\0') {
		q = strchr(p, '%');
		if (q == NULL) {
			put(s, p, strlen(p));
			return;
		}
		put(s, p, (size_t)(q - p));
		q++;
		if (*q == '%') {
			put(s, q, 1);
			p = q + 1;
			continue;
		}
		c.is_left = false;
		c.is_zero = false;
		for (;; q++) {
			if (*q == '-') {
				c.is_left = true;
			} else if (*q == '0') {
				c.is_zero = true;
			} else {
				break;
			}
		}
		c.width = 0;
		for (digits = 0; *q >= '0' && *q <= '9'; q++, digits++) {
			c.width = c.width * 10 + (size_t)(*q - '0');
		}
		has_prec = q[0] == '.' && q[1] == '*';
		prec = -1;
		if (has_prec) {
			prec = va_arg(ap, int);	/* < 0: as if none, as in C */
			q += 2;
		}
		len_mod = 0;
		if (q[0] == 'l' && q[1] == 'l') {
			len_mod = 2;
			q += 2;
		} else if (*q == 'l') {
			len_mod = 1;
			q++;
		} else if (*q == 'z') {
			len_mod = 3;
			q++;
		}
		if (digits > WIDTH_DIGITS_MAX) {
			goto bad;
		}
		switch (*q) {
		case 's':
			if (len_mod != 0 || c.is_zero) {
				goto bad;
			}
			str = va_arg(ap, const char *);
			if (str == NULL) {
				str = "(null)";
			}
			put_field(s, &c, NULL, str, prec >= 0 ?
			    strnlen(str, (size_t)prec) : strlen(str));
			break;
		case 'c':
			if (len_mod != 0 || c.is_zero || has_prec) {
				goto bad;
			}
			ch = (char)va_arg(ap, int);
			put_field(s, &c, NULL, &ch, 1);
			break;
		case 'd':
			if (len_mod == 3 || has_prec) {
				goto bad;
			}
			sv = len_mod == 0 ? va_arg(ap, int) :
			    len_mod == 1 ? va_arg(ap, long) :
			    va_arg(ap, long long);
			/* Negated as unsigned: LLONG_MIN has no positive. */
			uv = sv < 0 ? 0 - (unsigned long long)sv :
			    (unsigned long long)sv;
			put_num(s, &c, uv, sv < 0, 10);
			break;
		case 'u':
		case 'x':
			if (has_prec) {
				goto bad;
			}
			uv = len_mod == 0 ? va_arg(ap, unsigned) :
			    len_mod == 1 ? va_arg(ap, unsigned long) :
			    len_mod == 2 ? va_arg(ap, unsigned long long) :
			    va_arg(ap, size_t);
			put_num(s, &c, uv, false, *q == 'u' ? 10 : 16);
			break;
		default:
			goto bad;
		}
		p = q + 1;
	}
	return;
bad:
	/* No argument is read past an unknown conversion: show it. */
	put(s, "%?", 2);
	if (*q != '\0') {
		q++;
	}
	put(s, q, strlen(q));
}

static int
clamp(size_t len)
{
	return len > INT_MAX ? INT_MAX : (int)len;
}

/* see fmt.h */
int
fmt_vsnprintf(char *out, size_t cap, const char *fmt, va_list ap)
{
	struct sink s;

	s.f = NULL;
	s.out = out;
	s.cap = cap;
	s.len = 0;
	format(&s, fmt, ap);
	if (cap > 0) {
		out[s.len < cap - 1 ? s.len : cap - 1] = '\0';
	}
	return clamp(s.len);
}

/* see fmt.h */
int
fmt_snprintf(char *out, size_t cap, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(out, cap, fmt, ap);
	va_end(ap);
	return n;
}

/* see fmt.h */
int
fmt_vfprintf(FILE *f, const char *fmt, va_list ap)
{
	struct sink s;

	s.f = f;
	s.len = 0;
	s.is_bad = false;
	s.staged = 0;
	format(&s, fmt, ap);
	flush(&s);
	return s.is_bad ? -1 : clamp(s.len);
}

/* see fmt.h */
int
fmt_fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

/* see fmt.h */
int
fmt_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vfprintf(stdout, fmt, ap);
	va_end(ap);
	return n;
}
