/* SPDX-License-Identifier: MIT */
/*
 * err: the message table and the one place a result becomes text.
 */
#include <ctype.h>
#include <stdarg.h>
#include <string.h>

#include "err.h"
#include "fmt.h"

static const char *const ck_errtext[CK_E__COUNT] = {
#define X(name, text) [CK_E_##name] = text,
	CK_ERRORS(X)
#undef X
};

/* The names one after another, in enum order: no table of pointers
 * (only the server's /metrics asks, so a walk costs nothing). */
static const char ck_errnames[] =
#define X(name, text) #name "\0"
	CK_ERRORS(X)
#undef X
	;

/* see err.h */
const char *
ck_err_name(enum ck_err err)
{
	const char *s = ck_errnames;
	unsigned i;

	if ((unsigned)err >= CK_E__COUNT) {
		return "UNKNOWN";
	}
	for (i = 0; i < (unsigned)err; i++) {
		s += strlen(s) + 1;
	}
	return s;
}

/* see err.h */
const char *
ck_strerror(enum ck_err err)
{
	if ((unsigned)err >= CK_E__COUNT) {
		return "unknown error";
	}
	return ck_errtext[err];
}

/* see err.h */
bool
ck_err_is_no_response(enum ck_err err)
{
	switch (err) {
	case CK_E_RESOLVE:
	case CK_E_REFUSED:
	case CK_E_CONNECT:
	case CK_E_TIMEOUT:
	case CK_E_IO:
	case CK_E_EOF:
	case CK_E_INTERNAL:
		return true;
	default:
		return false;
	}
}

/* Marks a cut string with "..." so truncation is never silent. */
static void
mark_cut(char *out, size_t cap)
{
	if (cap >= 4) {
		memcpy(out + cap - 4, "...", 4);
	}
}

/* see err.h */
int
result_fail(struct result *res, enum ck_err err, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (res->err != CK_E_OK) {
		return -1;
	}
	res->err = err;
	res->detail[0] = '\0';
	if (fmt != NULL) {
		va_start(ap, fmt);
		n = fmt_vsnprintf(res->detail, sizeof res->detail, fmt, ap);
		va_end(ap);
		if (n >= (int)sizeof res->detail) {
			mark_cut(res->detail, sizeof res->detail);
		}
	}
	return -1;
}

/* see err.h */
int
result_fail_sys(struct result *res, enum ck_err err, int sys)
{
	const char *text = strerror(sys);

	if (res->err != CK_E_OK) {
		return -1;
	}
	res->sys = sys;
	/* Our messages are lower case; libc's start with a capital. */
	result_fail(res, err, "%c%s", tolower((unsigned char)text[0]),
	    text[0] != '\0' ? text + 1 : "");
	return -1;
}

/* see err.h */
char *
result_format(const struct result *res, char *out, size_t cap)
{
	const char *text = ck_strerror(res->err);
	/* A text has at most one "%", its "%s" (err.h). */
	const char *hole = strchr(text, '%');
	int n;

	if (hole != NULL) {
		n = fmt_snprintf(out, cap, "%.*s%s%s", (int)(hole - text), text,
		    res->detail, hole + 2);
	} else if (res->detail[0] != '\0') {
		n = fmt_snprintf(out, cap, "%s: %s", text, res->detail);
	} else {
		n = fmt_snprintf(out, cap, "%s", text);
	}
	if (n >= 0 && (size_t)n >= cap) {
		mark_cut(out, cap);
	}
	return out;
}

/* see err.h */
void
ck_escape(char *out, size_t cap, const unsigned char *src, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;
	size_t i;

	if (cap == 0) {
		return;
	}
	for (i = 0; i < len; i++) {
		unsigned c = src[i];
		size_t need = (c >= 0x20 && c < 0x7f && c != '\\') ? 1 : 4;

		if (o + need >= cap) {
			/* Room for "..." and the NUL, at the cut. */
			while (o > 0 && o + 4 > cap) {
				o--;
			}
			memcpy(out + o, "...", o + 4 <= cap ? 4 : 1);
			out[cap - 1] = '\0';
			return;
		}
		if (need == 1) {
			out[o++] = (char)c;
		} else {
			out[o++] = '\\';
			out[o++] = 'x';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 15];
		}
	}
	out[o] = '\0';
}
