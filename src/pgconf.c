/* SPDX-License-Identifier: MIT */
/*
 * pgconf: a hand-written twin of PostgreSQL's guc-file.l (the flex
 * scanner and ParseConfigFp of src/backend/utils/misc; the file handling
 * it shares with pg_hba.conf is pgconf_file.c), so ccheck audit sees the
 * settings the postmaster sees.  Where the postmaster would refuse to
 * start, we record a problem with its words instead.
 */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "fmt.h"
#include "pgconf.h"

static const char *const key_names[PGCONF__COUNT] = {
#define X(name, text) [PGCONF_##name] = text,
	PGCONF_KEYS(X)
#undef X
};

enum tok {
	T_EOL,				/* end of line or of the file */
	T_ID,
	T_QUALIFIED_ID,
	T_STRING,
	T_UNQUOTED_STRING,
	T_INTEGER,
	T_REAL,
	T_EQUALS,
	T_ERROR
};

struct lexer {
	const char *p;
	const char *end;
	unsigned line;
	const char *tok;		/* the current token's text */
	size_t tok_len;
};

/* guc-file.l's LETTER: [A-Za-z_\200-\377]. */
static bool
is_letter(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
	    c >= 0x80;
}

static bool
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_hex(unsigned char c)
{
	return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

static bool
is_alpha(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Length of the run at p (before end) of letters or digits. */
static size_t
span_word(const char *p, const char *end, bool is_unquoted)
{
	size_t n = 0;
	unsigned char c;

	while (p + n < end) {
		c = (unsigned char)p[n];
		if (!is_letter(c) && !is_digit(c) && !(is_unquoted &&
		    (c == '-' || c == '.' || c == ':' || c == '/'))) {
			break;
		}
		n++;
	}
	return n;
}

/* STRING: \'([^'\\\n]|\\.|\'\')*\' at its longest; 0 when none. */
static size_t
len_string(const char *p, const char *end)
{
	size_t last = 0;
	size_t i = 1;

	while (p + i < end && p[i] != '\n') {
		if (p[i] == '\\') {
			if (p + i + 1 >= end || p[i + 1] == '\n') {
				break;
			}
			i += 2;
		} else if (p[i] == '\'') {
			last = i + 1;
			if (p + i + 1 >= end || p[i + 1] != '\'') {
				break;
			}
			i += 2;
		} else {
			i++;
		}
	}
	return last;
}

/* INTEGER: {SIGN}?({DIGIT}+|0x{HEXDIGIT}+){UNIT_LETTER}*; 0: none. */
static size_t
len_integer(const char *p, const char *end)
{
	size_t s = p < end && (*p == '-' || *p == '+');
	size_t dec = s;
	size_t hex = 0;

	while (p + dec < end && is_digit((unsigned char)p[dec])) {
		dec++;
	}
	if (dec == s) {
		return 0;
	}
	while (p + dec < end && is_alpha((unsigned char)p[dec])) {
		dec++;
	}
	if (p + s + 2 < end && p[s] == '0' && p[s + 1] == 'x' &&
	    is_hex((unsigned char)p[s + 2])) {
		hex = s + 2;
		while (p + hex < end && is_hex((unsigned char)p[hex])) {
			hex++;
		}
		while (p + hex < end && is_alpha((unsigned char)p[hex])) {
			hex++;
		}
	}
	return hex > dec ? hex : dec;
}

/* REAL: {SIGN}?{DIGIT}*"."{DIGIT}*{EXPONENT}?; 0: none. */
static size_t
len_real(const char *p, const char *end)
{
	size_t i = p < end && (*p == '-' || *p == '+');
	size_t e;

	while (p + i < end && is_digit((unsigned char)p[i])) {
		i++;
	}
	if (p + i >= end || p[i] != '.') {
		return 0;
	}
	i++;
	while (p + i < end && is_digit((unsigned char)p[i])) {
		i++;
	}
	if (p + i < end && (p[i] == 'e' || p[i] == 'E')) {
		e = i + 1;
		if (p + e < end && (p[e] == '-' || p[e] == '+')) {
			e++;
		}
		if (p + e < end && is_digit((unsigned char)p[e])) {
			while (p + e < end && is_digit((unsigned char)p[e])) {
				e++;
			}
			i = e;
		}
	}
	return i;
}

/* The next token, flex-style: the longest match, ties to the first rule. */
static enum tok
lex(struct lexer *lx)
{
	const char *p;
	const char *end = lx->end;
	size_t best = 0;
	size_t n;
	enum tok t = T_ERROR;

	while (lx->p < end && (*lx->p == ' ' || *lx->p == '\t' ||
	    *lx->p == '\r')) {
		lx->p++;
	}
	if (lx->p < end && *lx->p == '#') {
		while (lx->p < end && *lx->p != '\n') {
			lx->p++;
		}
	}
	p = lx->p;
	lx->tok = p;
	lx->tok_len = 0;
	if (p == end) {
		return T_EOL;
	}
	if (*p == '\n') {
		lx->p++;
		lx->line++;
		lx->tok_len = 1;
		return T_EOL;
	}
	if (is_letter((unsigned char)*p)) {
		best = 1 + span_word(p + 1, end, false);
		t = T_ID;
		if (p + best + 1 < end && p[best] == '.' &&
		    is_letter((unsigned char)p[best + 1])) {
			best += 2 + span_word(p + best + 2, end, false);
			t = T_QUALIFIED_ID;
		}
	}
	if (*p == '\'' && (n = len_string(p, end)) > best) {
		best = n;
		t = T_STRING;
	}
	if (is_letter((unsigned char)*p) &&
	    (n = 1 + span_word(p + 1, end, true)) > best) {
		best = n;
		t = T_UNQUOTED_STRING;
	}
	if ((n = len_integer(p, end)) > best) {
		best = n;
		t = T_INTEGER;
	}
	if ((n = len_real(p, end)) > best) {
		best = n;
		t = T_REAL;
	}
	if (best == 0) {
		best = 1;
		t = *p == '=' ? T_EQUALS : T_ERROR;
	}
	lx->tok_len = best;
	lx->p += best;
	return t;
}

/* see pgconf.h */
void
pgconf_init(struct pgconf *pc)
{
	size_t i;

	memset(pc, 0, sizeof *pc);
	for (i = 0; i < PGCONF__COUNT; i++) {
		pc->v[i].at.file = -1;
	}
}

/* see pgconf.h */
const char *
pgconf_key_name(enum pgconf_key k)
{
	return k < PGCONF__COUNT ? key_names[k] : "?";
}

/* guc_name_compare: ASCII letters in any case. */
static bool
name_is(const char *a, size_t len, const char *b)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char x = (unsigned char)a[i];
		unsigned char y = (unsigned char)b[i];

		if (y == '\0') {
			return false;
		}
		if (x >= 'A' && x <= 'Z') {
			x |= 0x20;
		}
		if (x != y) {
			return false;
		}
	}
	return b[len] == '\0';
}

/*
 * DeescapeQuotedString: the quotes go, '' is one quote, \b \f \n \r \t,
 * one to three octal digits, any other escaped byte as itself.  Stops at
 * a NUL (the C string PostgreSQL keeps ends there).  Returns 0, or -1
 * when out (cap bytes) is too small.
 */
static int
deescape(const char *s, size_t len, char *out, size_t cap)
{
	size_t i;
	size_t j = 0;
	unsigned v;
	int k;
	char c;

	for (i = 1; i + 1 < len; i++) {
		c = s[i];
		if (c == '\\' && i + 2 < len) {
			c = s[++i];
			switch (c) {
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			default:
				if (c >= '0' && c <= '7') {
					v = 0;
					for (k = 0; k < 3 && i + 1 < len &&
					    s[i] >= '0' && s[i] <= '7'; k++) {
						v = (v << 3) | (unsigned)(s[i++] -
						    '0');
					}
					i--;
					c = (char)v;
				}
				break;
			}
		} else if (c == '\'' && i + 2 < len && s[i + 1] == '\'') {
			i++;
		}
		if (c == '\0') {
			break;
		}
		if (j + 1 >= cap) {
			return -1;
		}
		out[j++] = c;
	}
	out[j] = '\0';
	return 0;
}

static void parse_file(void *ctx, const char *path, bool is_strict,
    int from, unsigned line, int depth);

/* A setting we keep: the last one wins. */
static void
set(struct pgconf *pc, int file, unsigned line, const char *name,
    size_t name_len, const char *val, size_t val_len, bool is_quoted)
{
	struct pgconf_value *v;
	size_t k;

	for (k = 0; k < PGCONF__COUNT; k++) {
		if (name_is(name, name_len, key_names[k])) {
			break;
		}
	}
	if (k == PGCONF__COUNT) {
		return;
	}
	v = &pc->v[k];
	if (is_quoted) {
		if (deescape(val, val_len, v->text, sizeof v->text) < 0) {
			goto too_long;
		}
	} else {
		if (val_len >= sizeof v->text) {
			goto too_long;
		}
		memcpy(v->text, val, val_len);
		v->text[val_len] = '\0';
	}
	v->is_set = true;
	v->at.file = file;
	v->at.line = line;
	return;
too_long:
	v->is_set = false;
	pgconf_problem(&pc->log, file, line, "value of %s longer than %d bytes",
	    key_names[k], PGCONF_VALUE_CAP - 1);
}

static void
near(struct pgconf *pc, int file, const struct lexer *lx, enum tok t)
{
	char shown[64];

	if (t == T_EOL) {
		pgconf_problem(&pc->log, file, lx->line - (lx->tok_len == 1),
		    "syntax error, near end of line");
		return;
	}
	ck_escape(shown, sizeof shown, (const unsigned char *)lx->tok,
	    lx->tok_len);
	pgconf_problem(&pc->log, file, lx->line, "syntax error, near token \"%s\"",
	    shown);
}

/* ParseConfigFp over one file's text, as files[file]. */
static size_t
parse_text(struct pgconf *pc, int file, const char *text, size_t len,
    int depth)
{
	struct lexer lx;
	size_t before = pc->log.n_problems + pc->log.n_dropped;
	char value[PGCONF_VALUE_CAP];
	const char *name;
	size_t name_len;
	const char *val;
	size_t val_len;
	unsigned line;
	enum tok t;
	enum tok vt;

	lx.p = text;
	lx.end = text + len;
	lx.line = 1;
	while (lx.p < lx.end) {
		line = lx.line;
		t = lex(&lx);
		if (t == T_EOL) {
			continue;
		}
		if (t != T_ID && t != T_QUALIFIED_ID) {
			goto error;
		}
		name = lx.tok;
		name_len = lx.tok_len;
		t = lex(&lx);
		if (t == T_EQUALS) {
			t = lex(&lx);
		}
		if (t != T_ID && t != T_STRING && t != T_INTEGER &&
		    t != T_REAL && t != T_UNQUOTED_STRING) {
			goto error;
		}
		vt = t;
		val = lx.tok;
		val_len = lx.tok_len;
		t = lex(&lx);
		if (t != T_EOL) {
			goto error;
		}
		if (name_is(name, name_len, "include") ||
		    name_is(name, name_len, "include_if_exists") ||
		    name_is(name, name_len, "include_dir")) {
			if (vt == T_STRING ? deescape(val, val_len, value,
			    sizeof value) < 0 : val_len >= sizeof value) {
				pgconf_problem(&pc->log, file, line, "path too long");
				continue;
			}
			if (vt != T_STRING) {
				memcpy(value, val, val_len);
				value[val_len] = '\0';
			}
			/* name_is compared the whole name: "include..." */
			pgconf_include(&pc->log, file, line, name_is(name,
			    name_len, "include") ? "include" : name_is(name,
			    name_len, "include_dir") ? "include_dir" :
			    "include_if_exists", value, depth + 1, parse_file,
			    pc);
			continue;
		}
		set(pc, file, line, name, name_len, val, val_len,
		    vt == T_STRING);
		continue;
error:
		near(pc, file, &lx, t);
		/* resync to the next line, as PostgreSQL does */
		while (t != T_EOL) {
			t = lex(&lx);
		}
	}
	return pc->log.n_problems + pc->log.n_dropped - before;
}

/* see pgconf.h */
size_t
pgconf_parse(struct pgconf *pc, const char *path, const char *text,
    size_t len, int depth)
{
	int file = pgconf_add_file(&pc->log, path, -1, 0);

	if (file < 0) {
		return 1;
	}
	return parse_text(pc, file, text, len, depth);
}

/* ParseConfigFile: depth, recursion, then the file's text. */
static void
parse_file(void *ctx, const char *path, bool is_strict, int from,
    unsigned line, int depth)
{
	struct pgconf *pc = ctx;
	char *text;
	size_t len;
	int file;

	file = pgconf_open(&pc->log, path, is_strict, from, line, depth,
	    &text, &len);
	if (file >= 0) {
		parse_text(pc, file, text, len, depth);
		free(text);
	}
}

/* see pgconf.h */
int
pgconf_load(struct pgconf *pc, const char *conf_path)
{
	char auto_path[PGCONF_PATH_CAP];
	const struct pgconf_value *dd = &pc->v[PGCONF_DATA_DIRECTORY];
	size_t before = pc->log.n_problems;

	pgconf_dirname(conf_path, pc->conf_dir, sizeof pc->conf_dir);
	parse_file(pc, conf_path, true, -1, 0, 0);
	if (pc->log.n_files == 0) {
		if (pc->log.n_problems == before) {
			pgconf_problem(&pc->log, -1, 0, "could not open configuration file "
			    "\"%s\"", conf_path);
		}
		return -1;
	}
	if (!dd->is_set || dd->text[0] == '\0' ||
	    pgconf_path_join(pc->conf_dir, dd->text, pc->data_dir,
	    sizeof pc->data_dir) < 0) {
		fmt_snprintf(pc->data_dir, sizeof pc->data_dir, "%s",
		    pc->conf_dir);
	}
	if (pgconf_path_join(pc->data_dir, "postgresql.auto.conf", auto_path,
	    sizeof auto_path) == 0) {
		parse_file(pc, auto_path, false, -1, 0, 0);
	}
	return 0;
}

/* see pgconf.h */
int
pgconf_bool(const char *s, bool *out)
{
	static const struct {
		const char *word;
		size_t min;		/* shortest unambiguous prefix */
		bool value;
	} words[] = {
		{ "true", 1, true }, { "false", 1, false },
		{ "yes", 1, true }, { "no", 1, false },
		{ "on", 2, true }, { "off", 2, false },
		{ "1", 1, true }, { "0", 1, false }
	};
	size_t len = strlen(s);
	size_t i;
	size_t j;

	for (i = 0; i < sizeof words / sizeof words[0]; i++) {
		if (len < words[i].min || len > strlen(words[i].word)) {
			continue;
		}
		for (j = 0; j < len; j++) {
			if ((s[j] | 0x20) != words[i].word[j] &&
			    s[j] != words[i].word[j]) {
				break;
			}
		}
		if (j == len) {
			*out = words[i].value;
			return 0;
		}
	}
	return -1;
}
