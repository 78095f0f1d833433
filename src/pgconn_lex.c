/* SPDX-License-Identifier: MIT */
/*
 * pgconn_lex: the one tokenizer of connection strings.  It splits the
 * text into raw spans exactly where libpq's conninfo_parse and
 * conninfo_uri_parse_options/_params split it, and decodes nothing:
 * the parser decodes the spans, the masking hides some of them.
 */
#include <string.h>

#include "fmt.h"
#include "pgconn_int.h"

static const char uri_prefix_long[] = "postgresql://";
static const char uri_prefix_short[] = "postgres://";

/* URI states. */
enum {
	ST_USER,			/* before user[:password]@ */
	ST_HOST,			/* at a host of the list */
	ST_PATH,			/* after the hosts */
	ST_QUERY,			/* at a ?key=value parameter */
	ST_END
};

/* see pgconn_int.h */
bool
pgconn_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	    c == '\r';
}

/* see pgconn_int.h */
int
pgconn_hexval(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

/* see pgconn_int.h */
size_t
pgconn_uri_prefix_len(const char *text)
{
	if (strncmp(text, uri_prefix_long, sizeof uri_prefix_long - 1) == 0) {
		return sizeof uri_prefix_long - 1;
	}
	if (strncmp(text, uri_prefix_short, sizeof uri_prefix_short - 1) ==
	    0) {
		return sizeof uri_prefix_short - 1;
	}
	return 0;
}

/* see pgconn_int.h */
void
pgconn_lex_init(struct pgconn_lex *lx, const char *text)
{
	memset(lx, 0, sizeof *lx);
	lx->text = text;
	lx->prefix = pgconn_uri_prefix_len(text);
	lx->p = text + lx->prefix;
	lx->state = ST_USER;
}

static int
lex_fail(struct pgconn_lex *lx, enum pgconn_lex_err err, const char *at)
{
	lx->err = err;
	lx->err_at = at;
	lx->state = ST_END;
	return -1;
}

/* keyword = value, as conninfo_parse reads it. */
static int
next_kv(struct pgconn_lex *lx, struct pgconn_tok *t)
{
	const char *p = lx->p;

	while (pgconn_is_space(*p)) {
		p++;
	}
	if (*p == '\0') {
		lx->p = p;
		return 0;
	}
	t->kind = PGCONN_TOK_PAIR;
	t->key = p;
	while (*p != '\0' && *p != '=' && !pgconn_is_space(*p)) {
		p++;
	}
	t->key_len = (size_t)(p - t->key);
	while (pgconn_is_space(*p)) {
		p++;
	}
	if (*p != '=') {
		lx->quote = t->key;
		lx->quote_len = t->key_len;
		/*
		 * A word without "=" right after a password is most likely
		 * the rest of an unquoted password with a blank in it: hide
		 * it, not only what follows it.
		 */
		return lex_fail(lx, PGCONN_LEX_NO_EQUALS,
		    lx->is_prev_secret ? t->key : p);
	}
	p++;
	while (pgconn_is_space(*p)) {
		p++;
	}
	t->val = p;
	if (*p == '\'') {
		for (p++;; p++) {
			if (*p == '\0') {
				return lex_fail(lx, PGCONN_LEX_UNTERMINATED,
				    t->val);
			}
			if (*p == '\\' && p[1] != '\0') {
				p++;
			} else if (*p == '\'') {
				p++;
				break;
			}
		}
	} else {
		while (*p != '\0' && !pgconn_is_space(*p)) {
			if (*p == '\\' && p[1] != '\0') {
				p++;
			}
			p++;
		}
	}
	t->val_len = (size_t)(p - t->val);
	lx->p = p;
	lx->is_prev_secret = pgconn_is_secret(t->key, t->key_len, false);
	return 1;
}

/* One host of a URI's list, libpq's way: [v6] or up to : / ? , */
static int
next_host(struct pgconn_lex *lx, struct pgconn_tok *t)
{
	const char *p = lx->p;
	const char *start = p;

	t->kind = PGCONN_TOK_HOST;
	t->val = NULL;
	t->val_len = 0;
	if (*p == '[') {
		t->key = ++p;
		while (*p != '\0' && *p != ']') {
			p++;
		}
		if (*p == '\0') {
			return lex_fail(lx, PGCONN_LEX_V6_OPEN, start);
		}
		if (p == t->key) {
			return lex_fail(lx, PGCONN_LEX_V6_EMPTY, start);
		}
		t->key_len = (size_t)(p - t->key);
		p++;
		if (*p != '\0' && *p != ':' && *p != '/' && *p != '?' &&
		    *p != ',') {
			lx->quote = p;
			lx->quote_len = 1;
			return lex_fail(lx, PGCONN_LEX_URI_CHAR, p + 1);
		}
	} else {
		t->key = p;
		while (*p != '\0' && *p != ':' && *p != '/' && *p != '?' &&
		    *p != ',') {
			p++;
		}
		t->key_len = (size_t)(p - t->key);
	}
	if (*p == ':') {
		t->val = ++p;
		while (*p != '\0' && *p != '/' && *p != '?' && *p != ',') {
			p++;
		}
		t->val_len = (size_t)(p - t->val);
	}
	if (*p == ',') {
		p++;
	} else {
		lx->state = ST_PATH;
	}
	lx->p = p;
	return 1;
}

/* ?key=value&..., as conninfo_uri_parse_params reads it. */
static int
next_param(struct pgconn_lex *lx, struct pgconn_tok *t)
{
	const char *p = lx->p;
	const char *eq = NULL;

	if (*p == '\0') {
		lx->state = ST_END;
		return 0;
	}
	t->kind = PGCONN_TOK_PAIR;
	t->key = p;
	for (; *p != '\0' && *p != '&'; p++) {
		if (*p == '=') {
			if (eq != NULL) {
				return lex_fail(lx,
				    PGCONN_LEX_URI_EXTRA_EQUALS, t->key);
			}
			eq = p;
		}
	}
	if (eq == NULL) {
		return lex_fail(lx, PGCONN_LEX_URI_NO_EQUALS, t->key);
	}
	t->key_len = (size_t)(eq - t->key);
	t->val = eq + 1;
	t->val_len = (size_t)(p - t->val);
	lx->p = *p == '&' ? p + 1 : p;
	lx->is_prev_secret = pgconn_is_secret(t->key, t->key_len, true);
	return 1;
}

/* see pgconn_int.h */
int
pgconn_lex_next(struct pgconn_lex *lx, struct pgconn_tok *t)
{
	const char *p;

	if (lx->err != PGCONN_LEX_OK) {
		return -1;
	}
	if (lx->prefix == 0) {
		return next_kv(lx, t);
	}
	switch (lx->state) {
	case ST_USER:
		/* user[:password]@, looked for before the first '/'. */
		lx->state = ST_HOST;
		for (p = lx->p; *p != '\0' && *p != '@' && *p != '/'; p++) {
		}
		if (*p != '@') {
			return pgconn_lex_next(lx, t);
		}
		t->kind = PGCONN_TOK_USER;
		t->key = lx->p;
		t->val = memchr(lx->p, ':', (size_t)(p - lx->p));
		t->key_len = (size_t)((t->val != NULL ? t->val : p) - lx->p);
		if (t->val != NULL) {
			t->val++;
			t->val_len = (size_t)(p - t->val);
		} else {
			t->val_len = 0;
		}
		lx->has_user = true;
		lx->p = p + 1;
		return 1;
	case ST_HOST:
		return next_host(lx, t);
	case ST_PATH:
		p = lx->p;
		lx->state = ST_QUERY;
		if (*p == '/') {
			t->kind = PGCONN_TOK_DBNAME;
			t->key = NULL;
			t->key_len = 0;
			t->val = ++p;
			while (*p != '\0' && *p != '?') {
				p++;
			}
			t->val_len = (size_t)(p - t->val);
			lx->p = *p == '?' ? p + 1 : p;
			return 1;
		}
		lx->p = *p == '?' ? p + 1 : p;
		return next_param(lx, t);
	case ST_QUERY:
		return next_param(lx, t);
	default:
		return 0;
	}
}

/* see pgconn_int.h */
void
pgconn_lex_why(const struct pgconn_lex *lx, const unsigned char *hide,
    char *why, size_t cap)
{
	size_t off = lx->quote != NULL ? (size_t)(lx->quote - lx->text) : 0;
	bool is_shown = lx->quote != NULL && !pgconn_is_hidden(hide, off,
	    lx->quote_len);

	switch (lx->err) {
	case PGCONN_LEX_NO_EQUALS:
		fmt_snprintf(why, cap, "missing \"=\" after \"%.*s\" in "
		    "connection info string", is_shown ? (int)lx->quote_len :
		    5, is_shown ? lx->quote : "xxxxx");
		break;
	case PGCONN_LEX_UNTERMINATED:
		fmt_snprintf(why, cap, "unterminated quoted string in "
		    "connection info string");
		break;
	case PGCONN_LEX_URI_NO_EQUALS:
		fmt_snprintf(why, cap, "missing key/value separator \"=\" in "
		    "URI query parameter");
		break;
	case PGCONN_LEX_URI_EXTRA_EQUALS:
		fmt_snprintf(why, cap, "extra key/value separator \"=\" in "
		    "URI query parameter");
		break;
	case PGCONN_LEX_V6_OPEN:
		fmt_snprintf(why, cap, "end of string reached when looking "
		    "for matching \"]\" in IPv6 host address in URI");
		break;
	case PGCONN_LEX_V6_EMPTY:
		fmt_snprintf(why, cap, "IPv6 host address may not be empty "
		    "in URI");
		break;
	case PGCONN_LEX_URI_CHAR:
		if (is_shown) {
			fmt_snprintf(why, cap, "unexpected character \"%c\" at "
			    "position %d in URI (expected \":\" or \"/\")",
			    *lx->quote, (int)off + 1);
		} else {
			fmt_snprintf(why, cap, "unexpected character at "
			    "position %d in URI (expected \":\" or \"/\")",
			    (int)off + 1);
		}
		break;
	default:
		fmt_snprintf(why, cap, "malformed connection string");
		break;
	}
}

/* see pgconn_int.h */
size_t
pgconn_kv_unquote(const char *raw, size_t len, char *out)
{
	size_t i = 0;
	size_t o = 0;

	if (len > 0 && raw[0] == '\'') {
		/* The lexer saw the closing quote: it is the last byte. */
		i = 1;
		len--;
	}
	for (; i < len; i++) {
		if (raw[i] == '\\') {
			if (++i == len) {
				break;	/* a final lone backslash */
			}
		}
		out[o++] = raw[i];
	}
	out[o] = '\0';
	return o;
}
