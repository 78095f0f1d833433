/* SPDX-License-Identifier: MIT */
/*
 * conf: a TOML subset read with one cursor over the whole file (so an
 * array may span lines and every error knows its line), each value
 * checked against the one table of keys below, and Go's duration syntax.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "duration.h"
#include "err.h"
#include "fmt.h"
#include "pem.h"
#include "spec.h"

enum vtype {
	T_UINT,
	T_BOOL,
	T_STR,
	T_DUR,
	T_ALLOW
};

/*
 * 24 bytes a key, its name in place (no pointer, no separate string);
 * the table is an index, offsets and ranges 16 bits, and a key's bit
 * (enum conf_key) is its index in keys[].
 */
struct key_def {
	char key[16];
	uint16_t off;			/* of the field in struct conf */
	uint16_t cap;			/* T_STR: the field's size */
	uint16_t hi;			/* T_UINT: range lo..hi */
	uint8_t type : 3;		/* enum vtype */
	uint8_t table : 2;		/* index in tables[] */
	uint8_t lo : 1;
};

enum { TB_CHECK, TB_TLS, TB_SERVER, TB_TIMEOUT };
#define TB_check TB_CHECK
#define TB_tls TB_TLS
#define TB_server TB_SERVER
#define TB_timeout TB_TIMEOUT

#define F(field) offsetof(struct conf, field)
#define STR(t, k, field) \
	{ k, F(field), sizeof ((struct conf *)0)->field, 0, T_STR, t, 0 }
#define BOOL(t, k, field) { k, F(field), 0, 0, T_BOOL, t, 0 }
#define DUR(id, t, k, dflt_s) \
	{ k, F(dur_ms) + CONF_DUR_##id * sizeof(uint32_t), 0, 0, T_DUR, \
	    TB_##t, 0 },

/* In enum conf_key's order.  WORKERS_MAX and MIN_DAYS_MAX of cli.c. */
static const struct key_def keys[] = {
	{ "workers", F(workers), 0, 4096, T_UINT, TB_CHECK, 1 },
	{ "min_days", F(min_days), 0, 36500, T_UINT, TB_CHECK, 0 },
	STR(TB_TLS, "client_cert_pem", client_cert_pem),
	STR(TB_TLS, "client_key_pem", client_key_pem),
	STR(TB_TLS, "root_certs_pem", root_certs_pem),
	BOOL(TB_TLS, "skip_verify", is_skip_verify),
	STR(TB_SERVER, "bind", bind),
	STR(TB_SERVER, "prefix", prefix),
	BOOL(TB_SERVER, "behind_proxy", is_behind_proxy),
	BOOL(TB_SERVER, "postgres", is_postgres),
	BOOL(TB_SERVER, "starttls", is_starttls),
	{ "allow", F(allow), 0, 0, T_ALLOW, TB_SERVER, 0 },
	CONF_DURATIONS(DUR)
};
_Static_assert(sizeof keys / sizeof keys[0] == CONF_DUR_FIRST +
    CONF_DUR__COUNT, "keys[] is enum conf_key");

static const char *const tables[] = { "check", "tls", "server", "timeout" };

/* The one string buffer: the longest value a key takes. */
#define VAL_CAP CONF_PATH_CAP

struct val {
	enum { V_STR, V_INT, V_BOOL } kind;
	char str[VAL_CAP];
	size_t len;
	unsigned long num;		/* V_INT: no sign but '+' */
	bool is_neg;
	bool b;
};

struct ps {
	const char *s;
	size_t len;
	size_t pos;
	unsigned line;
	const char *name;
	int table;			/* index in tables[]; -1: none yet */
	unsigned tables_seen;		/* bit per tables[] entry */
	struct conf *c;
	char *why;
	size_t cap;
	struct val v;			/* the value being read */
};

/* see conf.h */
void
conf_init(struct conf *c)
{
	static const uint8_t dflt_s[] = {
#define X(id, t, k, s) s,
		CONF_DURATIONS(X)
#undef X
	};
	size_t i;

	memset(c, 0, offsetof(struct conf, allow));
	c->workers = 1;
	c->min_days = 15;
	/* Go's viper default; its --bind flag says 1980, but viper's
	 * SetDefault wins over an unset flag
	 * (tests/peers/go-ccheck-server.md). */
	memcpy(c->bind, "127.0.0.1:1981", sizeof "127.0.0.1:1981");
	for (i = 0; i < CONF_DUR__COUNT; i++) {
		c->dur_ms[i] = dflt_s[i] * 1000u;
	}
	allow_init(&c->allow);
}

/* see conf.h */
bool
conf_set(const struct conf *c, enum conf_key k)
{
	return (c->set >> k) & 1;
}

/* see conf.h */
const char *
conf_dur_name(enum conf_dur d)
{
	static const char *const names[] = {
#define X(id, t, k, s) #t "." k,
		CONF_DURATIONS(X)
#undef X
	};

	return (unsigned)d < CONF_DUR__COUNT ? names[d] : "?";
}

static int __attribute__((format(printf, 2, 3)))
fail(struct ps *p, const char *fmt, ...)
{
	char msg[320];
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fmt_snprintf(p->why, p->cap, "%s:%u: %s", p->name, p->line, msg);
	return -1;
}

static int
lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static bool
eq_ci(const char *a, const char *b)
{
	while (*a != '\0' && lc((unsigned char)*a) == lc((unsigned char)*b)) {
		a++;
		b++;
	}
	return lc((unsigned char)*a) == lc((unsigned char)*b);
}

/* A letter, a digit or one of extra, but never NUL. */
static bool
is_bare(char c, const char *extra)
{
	int l = lc((unsigned char)c);

	return c != '\0' && (strchr(extra, c) != NULL || (l >= 'a' &&
	    l <= 'z') || (c >= '0' && c <= '9'));
}

static int
peek(const struct ps *p)
{
	return p->pos < p->len ? (unsigned char)p->s[p->pos] : -1;
}

static void
skip_blanks(struct ps *p)
{
	while (peek(p) == ' ' || peek(p) == '\t') {
		p->pos++;
	}
}

/* Blanks, a comment; then the end of the line (consumed) or the file. */
static int
end_of_line(struct ps *p, const char *after)
{
	skip_blanks(p);
	if (peek(p) == '#') {
		while (p->pos < p->len && p->s[p->pos] != '\n') {
			if ((unsigned char)p->s[p->pos] < ' ' &&
			    p->s[p->pos] != '\t' && p->s[p->pos] != '\r') {
				return fail(p, "control character in a comment");
			}
			p->pos++;
		}
	}
	if (peek(p) == '\r' && p->pos + 1 < p->len &&
	    p->s[p->pos + 1] == '\n') {
		p->pos++;
	}
	if (peek(p) == '\n') {
		p->pos++;
		p->line++;
		return 0;
	}
	return peek(p) < 0 ? 0 : fail(p, "expected the end of the line after "
	    "%s", after);
}

/* Blank lines, comments and line ends inside an array. */
static int
skip_array_space(struct ps *p)
{
	for (;;) {
		skip_blanks(p);
		if (peek(p) == '#' || peek(p) == '\n' || peek(p) == '\r') {
			if (end_of_line(p, "a comment") < 0) {
				return -1;
			}
			continue;
		}
		return 0;
	}
}

static void
put_utf8(struct val *v, unsigned long cp)
{
	size_t n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
	size_t i;
	unsigned char b;

	/* The lead byte: n - 1 ones over the top bits (0xc0, 0xe0, 0xf0),
	 * then continuation bytes of six bits each. */
	for (i = 0; i < n; i++) {
		b = (unsigned char)(cp >> 6 * (n - 1 - i));
		b = i > 0 ? (unsigned char)(0x80 | (b & 0x3f)) : n > 1 ?
		    (unsigned char)((0xff00 >> n) | b) : b;
		if (v->len + 1 < sizeof v->str) {
			v->str[v->len] = (char)b;
		}
		v->len++;
	}
}

/* TOML's \u with 4 hex digits or \U with 8: a Unicode scalar value,
 * not NUL. */
static int
unicode_escape(struct ps *p, size_t digits)
{
	unsigned long cp = 0;
	size_t i;
	int c;

	for (i = 0; i < digits; i++) {
		c = lc(peek(p));
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
			return fail(p, "bad \\u escape");
		}
		cp = cp << 4 | (unsigned long)(c <= '9' ? c - '0' : c - 'a' +
		    10);
		p->pos++;
	}
	if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
		return fail(p, "bad \\u escape");
	}
	put_utf8(&p->v, cp);
	return 0;
}

/* A basic ("...") or literal ('...') string, one line, into p->v. */
static int
parse_string(struct ps *p)
{
	int q = peek(p);
	int c;

	if (p->pos + 2 < p->len && p->s[p->pos + 1] == q &&
	    p->s[p->pos + 2] == q) {
		return fail(p, "multi-line strings are not supported");
	}
	p->pos++;
	p->v.kind = V_STR;
	p->v.len = 0;
	for (;;) {
		c = peek(p);
		if (c < 0 || c == '\n' || c == '\r') {
			return fail(p, "unterminated string");
		}
		p->pos++;
		if (c == q) {
			break;
		}
		if ((c < ' ' && c != '\t') || c == 0x7f) {
			return fail(p, "control character in a string");
		}
		if (c == '\\' && q == '"') {
			c = peek(p);
			p->pos++;
			switch (c) {
			case 'b': c = '\b'; break;
			case 't': c = '\t'; break;
			case 'n': c = '\n'; break;
			case 'f': c = '\f'; break;
			case 'r': c = '\r'; break;
			case '"': case '\\': break;
			case 'u': case 'U':
				if (unicode_escape(p, c == 'u' ? 4 : 8) < 0) {
					return -1;
				}
				continue;
			default:
				return fail(p, "bad escape in a string");
			}
		}
		if (p->v.len + 1 < sizeof p->v.str) {
			p->v.str[p->v.len] = (char)c;
		}
		p->v.len++;
	}
	if (p->v.len >= sizeof p->v.str) {
		return fail(p, "string longer than %zu bytes",
		    sizeof p->v.str - 1);
	}
	p->v.str[p->v.len] = '\0';
	return 0;
}

static const char bad_value[] = "expected a string, an integer, a boolean "
    "or an array of strings (TOML floats, dates and other bases are not "
    "supported)";

/* true, false, or a decimal integer (TOML: '_' between digits). */
static int
parse_scalar(struct ps *p)
{
	size_t start = p->pos;
	size_t n;
	size_t i;
	const char *t;
	unsigned long d;

	while (p->pos < p->len && is_bare(p->s[p->pos], "+-._:")) {
		p->pos++;
	}
	t = p->s + start;
	n = p->pos - start;
	if ((n == 4 && memcmp(t, "true", 4) == 0) ||
	    (n == 5 && memcmp(t, "false", 5) == 0)) {
		p->v.kind = V_BOOL;
		p->v.b = n == 4;
		return 0;
	}
	p->v.kind = V_INT;
	p->v.num = 0;
	p->v.is_neg = n > 0 && t[0] == '-';
	i = n > 0 && (t[0] == '+' || t[0] == '-');
	if (n == 0) {
		return fail(p, "expected a value");
	}
	/* "+" and "01" are no TOML integers either. */
	if (i == n || (t[i] == '0' && n - i > 1)) {
		return fail(p, "%s", bad_value);
	}
	for (; i < n; i++) {
		if (t[i] == '_' && i > 0 && t[i - 1] >= '0' && t[i - 1] <= '9' &&
		    i + 1 < n && t[i + 1] >= '0' && t[i + 1] <= '9') {
			continue;
		}
		if (t[i] < '0' || t[i] > '9') {
			return fail(p, "%s", bad_value);
		}
		d = (unsigned long)(t[i] - '0');
		if (p->v.num > (0xffffffffUL - d) / 10) {
			return fail(p, "integer out of range");
		}
		p->v.num = p->v.num * 10 + d;
	}
	return 0;
}

static int
parse_value(struct ps *p)
{
	int c = peek(p);

	if (c == '"' || c == '\'') {
		return parse_string(p);
	}
	if (c == '{') {
		return fail(p, "inline tables are not supported");
	}
	return parse_scalar(p);
}

/* Go's strconv.ParseBool, which viper uses on a quoted boolean. */
static int
go_bool(const char *s, bool *b)
{
	static const char *const t[] = { "1", "t", "T", "TRUE", "true",
	    "True" };
	static const char *const f[] = { "0", "f", "F", "FALSE", "false",
	    "False" };
	size_t i;

	for (i = 0; i < 6; i++) {
		if (strcmp(s, t[i]) == 0 || strcmp(s, f[i]) == 0) {
			*b = strcmp(s, t[i]) == 0;
			return 0;
		}
	}
	return -1;
}

/* Stores p->v, of the right type, in key k's field. */
static int
store(struct ps *p, const struct key_def *k)
{
	char *field = (char *)p->c + k->off;
	unsigned long n;
	bool b;

	switch (k->type) {
	case T_UINT:
		if (p->v.kind == V_INT && !p->v.is_neg && p->v.num >= k->lo &&
		    p->v.num <= k->hi) {
			n = p->v.num;
		} else if (p->v.kind != V_STR ||
		    spec_parse_ulong(p->v.str, k->lo, k->hi, &n) < 0) {
			return fail(p, "%s: expected an integer from %u to %u",
			    k->key, (unsigned)k->lo, (unsigned)k->hi);
		}
		memcpy(field, &n, sizeof n);
		return 0;
	case T_BOOL:
		if (p->v.kind == V_BOOL) {
			b = p->v.b;
		} else if (p->v.kind == V_INT && !p->v.is_neg &&
		    p->v.num <= 1) {
			b = p->v.num == 1;
		} else if (p->v.kind != V_STR || go_bool(p->v.str, &b) < 0) {
			return fail(p, "%s: expected true or false", k->key);
		}
		memcpy(field, &b, sizeof b);
		return 0;
	case T_STR:
		if (p->v.kind != V_STR) {
			return fail(p, "%s: expected a string", k->key);
		}
		if (p->v.len >= k->cap) {
			return fail(p, "%s: longer than %u bytes", k->key,
			    (unsigned)k->cap - 1);
		}
		memcpy(field, p->v.str, p->v.len + 1);
		return 0;
	case T_DUR:
		if (p->v.kind == V_INT) {
			return fail(p, "%s: a duration needs a unit, such as "
			    "\"%lus\" (Go ccheck reads %lu as nanoseconds)",
			    k->key, p->v.num, p->v.num);
		}
		if (p->v.kind != V_STR || duration_parse(p->v.str,
		    p->v.len, (uint32_t *)(void *)field) < 0) {
			return fail(p, "%s: expected a duration such as "
			    "\"30s\", \"1m30s\" or \"500ms\"", k->key);
		}
		return 0;
	case T_ALLOW:
		break;
	}
	return fail(p, "%s: expected an array of strings", k->key);
}

/* allow = [ "entry", ... ], each through allow_add. */
static int
store_allow(struct ps *p, const struct key_def *k)
{
	const char *why;
	char shown[64];

	if (peek(p) != '[') {
		return fail(p, "%s: expected an array of strings", k->key);
	}
	p->pos++;
	for (;;) {
		if (skip_array_space(p) < 0) {
			return -1;
		}
		if (peek(p) == ']') {
			p->pos++;
			return 0;
		}
		if (peek(p) < 0) {
			return fail(p, "%s: unterminated array", k->key);
		}
		if (peek(p) != '"' && peek(p) != '\'') {
			return fail(p, "%s: expected an array of strings",
			    k->key);
		}
		if (parse_string(p) < 0) {
			return -1;
		}
		why = allow_add(&p->c->allow, p->v.str);
		if (why != NULL) {
			ck_escape(shown, sizeof shown,
			    (const unsigned char *)p->v.str, p->v.len);
			return fail(p, "%s: \"%s\": %s", k->key, shown, why);
		}
		if (skip_array_space(p) < 0) {
			return -1;
		}
		if (peek(p) == ',') {
			p->pos++;
		} else if (peek(p) < 0) {
			return fail(p, "%s: unterminated array", k->key);
		} else if (peek(p) != ']') {
			return fail(p, "%s: expected ',' or ']'", k->key);
		}
	}
}

/* A bare or quoted key into p->v.str; refuses dotted keys. */
static int
parse_key(struct ps *p, const char *what)
{
	size_t start = p->pos;

	if (peek(p) == '"' || peek(p) == '\'') {
		if (parse_string(p) < 0) {
			return -1;
		}
	} else {
		while (p->pos < p->len && is_bare(p->s[p->pos], "_-")) {
			p->pos++;
		}
		if (p->pos == start) {
			return fail(p, "expected %s", what);
		}
		p->v.len = p->pos - start;
		if (p->v.len >= sizeof p->v.str) {
			return fail(p, "key too long");
		}
		memcpy(p->v.str, p->s + start, p->v.len);
		p->v.str[p->v.len] = '\0';
	}
	skip_blanks(p);
	if (peek(p) == '.') {
		return fail(p, "dotted keys are not supported; write "
		    "[table] and key = value");
	}
	return 0;
}

static int
parse_table(struct ps *p)
{
	char shown[64];
	size_t i;

	p->pos++;
	if (peek(p) == '[') {
		return fail(p, "arrays of tables ([[...]]) are not supported");
	}
	skip_blanks(p);
	if (parse_key(p, "a table name") < 0) {
		return -1;
	}
	if (peek(p) != ']') {
		return fail(p, "expected ']'");
	}
	p->pos++;
	for (i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		if (eq_ci(p->v.str, tables[i])) {
			break;
		}
	}
	if (i == sizeof tables / sizeof tables[0]) {
		ck_escape(shown, sizeof shown, (const unsigned char *)p->v.str,
		    p->v.len);
		return fail(p, "unknown table [%s] (known: check, tls, server, "
		    "timeout)", shown);
	}
	if (p->tables_seen & (1u << i)) {
		return fail(p, "table [%s] given twice", tables[i]);
	}
	p->tables_seen |= 1u << i;
	p->table = (int)i;
	return end_of_line(p, "the table name");
}

static int
parse_pair(struct ps *p)
{
	const struct key_def *k = NULL;
	char shown[64];
	size_t bit;
	size_t i;

	if (parse_key(p, "a key or [table]") < 0) {
		return -1;
	}
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if (keys[i].table == p->table &&
		    eq_ci(p->v.str, keys[i].key)) {
			k = &keys[i];
			break;
		}
	}
	if (k == NULL) {
		ck_escape(shown, sizeof shown, (const unsigned char *)p->v.str,
		    p->v.len);
		if (p->table < 0) {
			return fail(p, "key %s outside a table", shown);
		}
		return fail(p, "unknown key %s in [%s]", shown,
		    tables[p->table]);
	}
	if (peek(p) != '=') {
		return fail(p, "expected '=' after %s", k->key);
	}
	p->pos++;
	skip_blanks(p);
	bit = (size_t)(k - keys);
	if ((p->c->set >> bit) & 1) {
		return fail(p, "%s given twice in [%s]", k->key,
		    tables[k->table]);
	}
	p->c->set |= (uint64_t)1 << bit;
	if (k->type == T_ALLOW) {
		if (store_allow(p, k) < 0) {
			return -1;
		}
	} else if (peek(p) == '[') {
		return fail(p, "%s: expected a single value, not an array",
		    k->key);
	} else if (parse_value(p) < 0 || store(p, k) < 0) {
		return -1;
	}
	return end_of_line(p, "the value");
}

/* see conf.h */
int
conf_parse(const char *text, size_t len, const char *name, struct conf *c,
    char *why, size_t cap)
{
	static struct ps p;		/* 1 KiB of value: not on the stack */
	const char *nul;

	memset(&p, 0, sizeof p);
	p.s = text;
	p.len = len;
	p.line = 1;
	p.table = -1;
	p.name = name;
	p.c = c;
	p.why = why;
	p.cap = cap;
	nul = memchr(text, '\0', len);
	if (nul != NULL) {
		for (; p.pos < (size_t)(nul - text); p.pos++) {
			p.line += text[p.pos] == '\n';
		}
		return fail(&p, "NUL byte in the file");
	}
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		p.pos = 3;		/* a UTF-8 BOM, as Windows editors write */
	}
	while (p.pos < p.len) {
		skip_blanks(&p);
		if (peek(&p) == '#' || peek(&p) == '\n' || peek(&p) == '\r') {
			if (end_of_line(&p, "a comment") < 0) {
				return -1;
			}
		} else if (peek(&p) == '[') {
			if (parse_table(&p) < 0) {
				return -1;
			}
		} else if (peek(&p) >= 0 && parse_pair(&p) < 0) {
			return -1;
		}
	}
	return 0;
}

/* see conf.h */
int
conf_load(const char *path, struct conf *c, char *why, size_t cap)
{
	struct result res;
	unsigned char *buf;
	size_t len;
	int rc;

	/* pem's reader, linked anyway: EFBIG past the cap, as with PEM. */
	res.err = CK_E_OK;
	if (pem_file_read_cap(path, CONF_FILE_MAX, &buf, &len, &res) < 0) {
		if (res.sys == EFBIG) {
			fmt_snprintf(why, cap, "%s: larger than %u bytes",
			    path, CONF_FILE_MAX);
		} else {
			fmt_snprintf(why, cap, "%s: %s", path, res.sys ==
			    ENOMEM ? "out of memory" : strerror(res.sys));
		}
		return -1;
	}
	rc = conf_parse((const char *)buf, len, path, c, why, cap);
	free(buf);
	return rc;
}
