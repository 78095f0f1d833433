/* SPDX-License-Identifier: MIT */
/*
 * http: the request head of `ccheck server` as RFC 9112 writes it,
 * strictly where a lenient reading would let a proxy and ccheck disagree
 * about where a request ends (bare CR, blanks before the colon, folded
 * lines, bodies on GET), and a response head.  The head is searched for
 * its end incrementally and parsed once it is whole.
 */
#include <string.h>

#include "fmt.h"
#include "http.h"
#include "x509.h"

/* Where a head's line starts and ends (EOL not included). */
struct line {
	const char *p;
	size_t len;
};

/* The kinds of media range weighed, in the order of ranges[]. */
enum { Q_JSON, Q_APP_ANY, Q_APP_TEXT, Q_TEXT, Q_TEXT_ANY, Q_ANY, Q__N };
static const char ranges[] = "application/json\0application/*\0"
    "application/text\0text/plain\0text/*\0*/*\0";

/* The q weights the Accept fields give each kind of media range;
 * -1: no range of that kind (RFC 9110 12.5.1: the most specific wins). */
struct accept_q {
	int q[Q__N];
	bool is_seen;			/* an Accept field with a range */
};

static int
lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static bool
is_tchar(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != 0 && strchr("!#$%&'*+-.^_`|~",
	    c) != NULL);
}

static bool
is_token(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!is_tchar((unsigned char)s[i])) {
			return false;
		}
	}
	return n > 0;
}

/* Case-insensitive: s[0..n) equals the lower-case literal w. */
static bool
eq(const char *s, size_t n, const char *w)
{
	size_t i;

	if (strlen(w) != n) {
		return false;
	}
	for (i = 0; i < n; i++) {
		if (lc((unsigned char)s[i]) != w[i]) {
			return false;
		}
	}
	return true;
}

/*
 * The index of s[0..n) (eq) in words, lower-case words one after
 * another, each NUL-terminated, ending with an empty one; -1: absent.
 */
static int
word(const char *s, size_t n, const char *words)
{
	int i;

	for (i = 0; *words != '\0'; i++, words += strlen(words) + 1) {
		if (eq(s, n, words)) {
			return i;
		}
	}
	return -1;
}

static void
trim(const char **s, size_t *n)
{
	while (*n > 0 && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t')) {
		(*n)--;
	}
}

static int
fail(struct http_req *req, int status, const char *why)
{
	req->status = status;
	req->why = why;
	return HTTP_PARSE_ERROR;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	c = lc(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/*
 * Percent-decodes s[0..n) into out (cap bytes, NUL-terminated, cut at
 * cap - 1), '+' as a blank when is_form.  Returns the whole decoded
 * length (>= cap: it did not fit), or -1 for a broken escape, a control
 * byte (NUL included) before or after decoding, or a raw blank.
 */
static long
decode(const char *s, size_t n, char *out, size_t cap, bool is_form)
{
	size_t i;
	size_t o = 0;
	int hi;
	int lo;
	unsigned char c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c == '%') {
			if (n - i < 3 || (hi = hexval(s[i + 1])) < 0 ||
			    (lo = hexval(s[i + 2])) < 0) {
				return -1;
			}
			c = (unsigned char)(hi << 4 | lo);
			i += 2;
		} else if (c <= ' ' || c == 0x7f) {
			return -1;
		} else if (c == '+' && is_form) {
			c = ' ';
		}
		if (c < ' ' || c == 0x7f) {
			return -1;
		}
		if (o + 1 < cap) {
			out[o] = (char)c;
		}
		o++;
	}
	if (cap > 0) {
		out[o < cap ? o : cap - 1] = '\0';
	}
	return (long)o;
}

/* One "name=value" of the query: target and module are kept. */
static int
query_param(const char *s, size_t n, struct http_req *req)
{
	const char *eqs = memchr(s, '=', n);
	size_t kn = eqs != NULL ? (size_t)(eqs - s) : n;
	char key[8];
	long klen;
	long vlen;
	bool *has;
	char *val;
	size_t cap;

	klen = decode(s, kn, key, sizeof key, true);
	if (klen < 0) {
		return fail(req, 400, "malformed query");
	}
	if (klen == 6 && strcmp(key, "target") == 0) {
		has = &req->has_target;
		val = req->target;
		cap = sizeof req->target;
	} else if (klen == 6 && strcmp(key, "module") == 0) {
		has = &req->has_module;
		val = req->module;
		cap = sizeof req->module;
	} else {
		/* Others (blackbox's debug=true, cache busters) are
		 * ignored, but must still be well-formed. */
		has = NULL;
		val = NULL;
		cap = 0;
	}
	if (has != NULL && *has) {
		/* Go takes the first, a proxy may take the last. */
		return fail(req, 400, "repeated query parameter");
	}
	vlen = eqs == NULL ? 0 : decode(eqs + 1, n - kn - 1, val, cap, true);
	if (vlen < 0) {
		return fail(req, 400, "malformed query");
	}
	if (has != NULL) {
		if ((size_t)vlen >= cap) {
			return fail(req, 414, "query parameter too long");
		}
		if (eqs == NULL) {
			val[0] = '\0';
		}
		*has = true;
	}
	return HTTP_PARSE_DONE;
}

/* The request-target: origin-form, or absolute-form (RFC 9112 3.2). */
static int
parse_target(const char *t, size_t n, struct http_req *req)
{
	const char *q;
	const char *end = t + n;
	const char *amp;
	long plen;
	int rc;

	if (n > 7 && (eq(t, 7, "http://") || (n > 8 && eq(t, 8,
	    "https://")))) {
		t += lc(t[4]) == 's' ? 8 : 7;
		while (t < end && *t != '/' && *t != '?') {
			t++;
		}
		if (t == end || *t == '?') {
			return fail(req, 400, "malformed request target");
		}
	}
	if (t == end || *t != '/' || memchr(t, '#', (size_t)(end - t))) {
		return fail(req, 400, "malformed request target");
	}
	q = memchr(t, '?', (size_t)(end - t));
	plen = decode(t, (size_t)((q != NULL ? q : end) - t), req->path,
	    sizeof req->path, false);
	if (plen < 0) {
		return fail(req, 400, "malformed path");
	}
	req->path_len = (size_t)plen;
	for (q = q != NULL ? q + 1 : end; q < end; q = amp + 1) {
		amp = memchr(q, '&', (size_t)(end - q));
		if (amp == NULL) {
			amp = end;
		}
		if (amp > q && (rc = query_param(q, (size_t)(amp - q),
		    req)) != HTTP_PARSE_DONE) {
			return rc;
		}
	}
	return HTTP_PARSE_DONE;
}

/* q=0, q=0.5, q=1.000 (RFC 9110 12.4.2) in thousandths; -1 if malformed. */
static int
parse_q(const char *s, size_t n)
{
	int v;
	size_t i;
	int scale = 100;

	if (n == 0 || (s[0] != '0' && s[0] != '1') ||
	    (n > 1 && (s[1] != '.' || n > 5))) {
		return -1;
	}
	v = (s[0] - '0') * 1000;
	for (i = 2; i < n; i++, scale /= 10) {
		if (s[i] < '0' || s[i] > '9' || (s[0] == '1' && s[i] != '0')) {
			return -1;
		}
		v += (s[i] - '0') * scale;
	}
	return v;
}

/* One media range with its parameters; malformed ones are skipped. */
static void
accept_range(const char *s, size_t n, struct accept_q *aq)
{
	const char *end = s + n;
	const char *semi = memchr(s, ';', n);
	size_t tn = semi != NULL ? (size_t)(semi - s) : n;
	const char *slash;
	const char *p;
	const char *e;
	size_t pn;
	int q = 1000;
	int k;

	trim(&s, &tn);
	slash = memchr(s, '/', tn);
	if (slash == NULL || !is_token(s, (size_t)(slash - s)) ||
	    !is_token(slash + 1, tn - (size_t)(slash - s) - 1)) {
		return;
	}
	for (p = semi; p != NULL; p = e) {
		p++;
		e = memchr(p, ';', (size_t)(end - p));
		pn = (size_t)((e != NULL ? e : end) - p);
		trim(&p, &pn);
		if (pn >= 2 && lc(p[0]) == 'q' && p[1] == '=') {
			q = parse_q(p + 2, pn - 2);
			if (q < 0) {
				return;
			}
		}
	}
	aq->is_seen = true;
	k = word(s, tn, ranges);
	if (k >= 0 && q > aq->q[k]) {
		aq->q[k] = q;
	}
}

/* An Accept field: ranges split at commas outside quoted strings. */
static void
accept_field(const char *v, size_t n, struct accept_q *aq)
{
	size_t i;
	size_t start = 0;
	bool is_quoted = false;

	for (i = 0; i <= n; i++) {
		if (i < n && v[i] == '"') {
			is_quoted = !is_quoted;
		} else if (i < n && v[i] == '\\' && is_quoted) {
			i++;
		} else if (i >= n || (v[i] == ',' && !is_quoted)) {
			if (i > start) {
				accept_range(v + start, (i < n ? i : n) -
				    start, aq);
			}
			start = i + 1;
		}
	}
}

/* The weight of the first slot that is set, else 0. */
static int
first_q(int a, int b, int c)
{
	return a >= 0 ? a : b >= 0 ? b : c >= 0 ? c : 0;
}

static enum http_media
accept_pick(const struct accept_q *aq)
{
	int json;
	int text;
	int app_text;

	if (!aq->is_seen) {
		return HTTP_MEDIA_JSON;	/* no Accept: anything goes */
	}
	json = first_q(aq->q[Q_JSON], aq->q[Q_APP_ANY], aq->q[Q_ANY]);
	text = first_q(aq->q[Q_TEXT], aq->q[Q_TEXT_ANY], aq->q[Q_ANY]);
	app_text = first_q(aq->q[Q_APP_TEXT], aq->q[Q_APP_ANY], aq->q[Q_ANY]);
	if (json > 0 && json >= text && json >= app_text) {
		return HTTP_MEDIA_JSON;
	}
	if (text > 0 && text >= app_text) {
		return HTTP_MEDIA_TEXT;
	}
	return app_text > 0 ? HTTP_MEDIA_APP_TEXT : HTTP_MEDIA_NONE;
}

/* The first element of an X-Forwarded-For or X-Real-IP value. */
static void
forwarded(const char *v, size_t n, struct http_req *req)
{
	const char *comma = memchr(v, ',', n);
	unsigned char a[16];
	const char *scope;
	int alen;

	if (comma != NULL) {
		n = (size_t)(comma - v);
	}
	trim(&v, &n);
	alen = ip_parse(v, n, a, &scope);
	if (alen != 0 && scope == NULL) {
		ip_format(a, (size_t)alen, req->forwarded_for,
		    sizeof req->forwarded_for);
	}
}

/* Connection: close / keep-alive, among other tokens. */
static void
connection(const char *v, size_t n, bool *is_close, bool *is_keep)
{
	const char *end = v + n;
	const char *comma;
	const char *t;
	size_t tn;

	for (t = v; t <= end; t = comma + 1) {
		comma = memchr(t, ',', (size_t)(end - t));
		if (comma == NULL) {
			comma = end;
		}
		tn = (size_t)(comma - t);
		trim(&t, &tn);
		switch (word(t, tn, "close\0keep-alive\0")) {
		case 0:
			*is_close = true;
			break;
		case 1:
			*is_keep = true;
			break;
		}
	}
}

/* Next line of head[*pos .. end): CRLF or LF ends it; a bare CR fails. */
static int
next_line(const char *head, size_t end, size_t *pos, struct line *l)
{
	const char *nl = memchr(head + *pos, '\n', end - *pos);
	size_t len;

	if (nl == NULL) {
		return -1;
	}
	len = (size_t)(nl - (head + *pos));
	l->p = head + *pos;
	*pos += len + 1;
	if (len > 0 && l->p[len - 1] == '\r') {
		len--;
	}
	if (memchr(l->p, '\r', len) != NULL || memchr(l->p, '\0', len)) {
		return -1;
	}
	l->len = len;
	return 0;
}

static int
parse_request_line(const struct line *l, struct http_req *req,
    const char **target, size_t *target_len)
{
	const char *sp1 = memchr(l->p, ' ', l->len);
	const char *sp2;
	const char *v;
	size_t mlen;

	if (sp1 == NULL) {
		return fail(req, 400, "malformed request line");
	}
	mlen = (size_t)(sp1 - l->p);
	sp2 = memchr(sp1 + 1, ' ', l->len - mlen - 1);
	if (!is_token(l->p, mlen) || sp2 == NULL || sp2 == sp1 + 1) {
		return fail(req, 400, "malformed request line");
	}
	*target = sp1 + 1;
	*target_len = (size_t)(sp2 - *target);
	if (*target_len >= HTTP_URI_CAP) {
		return fail(req, 414, "request target too long");
	}
	v = sp2 + 1;
	if ((size_t)(l->p + l->len - v) != 8 || memcmp(v, "HTTP/", 5) != 0 ||
	    v[5] < '0' || v[5] > '9' || v[6] != '.' || v[7] < '0' ||
	    v[7] > '9') {
		return fail(req, 400, "malformed request line");
	}
	if (v[5] != '1') {
		return fail(req, 505, "unsupported HTTP version");
	}
	req->minor = v[7] == '0' ? 0 : 1;
	if (mlen == 3 && memcmp(l->p, "GET", 3) == 0) {
		req->method = HTTP_GET;
	} else if (mlen == 4 && memcmp(l->p, "HEAD", 4) == 0) {
		req->method = HTTP_HEAD;
	} else {
		return fail(req, 405, "method not allowed");
	}
	return HTTP_PARSE_DONE;
}

/* The fields between the request line and the empty line. */
static int
parse_fields(const char *head, size_t end, size_t pos, struct http_req *req)
{
	struct accept_q aq = { { -1, -1, -1, -1, -1, -1 }, false };
	struct line l;
	unsigned n_fields = 0;
	unsigned n_host = 0;
	bool is_close = false;
	bool is_keep = false;
	bool has_xff = false;
	const char *colon;
	const char *v;
	size_t nlen;
	size_t vlen;
	size_t i;

	for (;;) {
		if (next_line(head, end, &pos, &l) < 0) {
			return fail(req, 400, "malformed header");
		}
		if (l.len == 0) {
			break;
		}
		if (++n_fields > HTTP_HEADERS_MAX) {
			return fail(req, 431, "too many header fields");
		}
		colon = memchr(l.p, ':', l.len);
		/* No name, blanks before the colon, obs-fold: 400 (RFC
		 * 9112 5.1, 5.2), as a proxy may read them otherwise. */
		if (colon == NULL || !is_token(l.p, (size_t)(colon - l.p))) {
			return fail(req, 400, "malformed header");
		}
		nlen = (size_t)(colon - l.p);
		v = colon + 1;
		vlen = l.len - nlen - 1;
		for (i = 0; i < vlen; i++) {
			unsigned char c = (unsigned char)v[i];

			if ((c < ' ' && c != '\t') || c == 0x7f) {
				return fail(req, 400, "malformed header");
			}
		}
		trim(&v, &vlen);
		switch (word(l.p, nlen, "host\0content-length\0"
		    "transfer-encoding\0connection\0accept\0"
		    "x-forwarded-for\0x-real-ip\0")) {
		case 0:
			n_host++;
			break;
		case 1:
			if (vlen == 1 && v[0] == '0') {
				break;
			}
			/* FALLTHROUGH */
		case 2:
			return fail(req, 400, "request body");
		case 3:
			connection(v, vlen, &is_close, &is_keep);
			break;
		case 4:
			accept_field(v, vlen, &aq);
			break;
		case 5:
			if (!has_xff) {
				has_xff = true;
				req->forwarded_for[0] = '\0';
				forwarded(v, vlen, req);
			}
			break;
		case 6:
			if (!has_xff && req->forwarded_for[0] == '\0') {
				forwarded(v, vlen, req);
			}
			break;
		}
	}
	/* RFC 9112 3.2: exactly one Host in HTTP/1.1, at most one ever. */
	if (n_host > 1 || (req->minor > 0 && n_host == 0)) {
		return fail(req, 400, "missing or repeated Host");
	}
	req->is_keep_alive = !is_close && (req->minor > 0 || is_keep);
	req->media = accept_pick(&aq);
	return HTTP_PARSE_DONE;
}

/* see http.h */
void
http_parser_reset(struct http_parser *p)
{
	p->scan = 0;
}

/*
 * The end of the head: the byte after the empty line, or 0 when it has
 * not arrived; p->scan keeps the first '\n' whose follower is unknown.
 */
static size_t
find_end(struct http_parser *p, const char *buf, size_t len)
{
	const char *nl;
	size_t i;

	for (i = p->scan; i < len; i = (size_t)(nl - buf) + 1) {
		nl = memchr(buf + i, '\n', len - i);
		if (nl == NULL) {
			p->scan = len;
			return 0;
		}
		i = (size_t)(nl - buf);
		if (i + 1 < len && buf[i + 1] == '\n') {
			return i + 2;
		}
		if (i + 2 < len && buf[i + 1] == '\r' && buf[i + 2] == '\n') {
			return i + 3;
		}
		if (i + 1 >= len || (buf[i + 1] == '\r' && i + 2 >= len)) {
			p->scan = i;	/* undecided: look again */
			return 0;
		}
	}
	p->scan = len;
	return 0;
}

/* see http.h */
enum http_parse_rc
http_parse(struct http_parser *p, const char *buf, size_t len,
    struct http_req *req)
{
	struct line l;
	size_t end;
	size_t pos = 0;
	const char *target;
	size_t target_len;
	int rc;

	memset(req, 0, offsetof(struct http_req, path));
	req->path[0] = req->target[0] = req->module[0] = '\0';
	req->forwarded_for[0] = '\0';
	req->path_len = 0;
	req->has_target = req->has_module = false;
	req->status = 0;
	req->why = NULL;
	if (len > HTTP_HEAD_CAP) {
		len = HTTP_HEAD_CAP;
	}
	end = find_end(p, buf, len);
	if (end == 0) {
		if (memchr(buf, '\n', len) == NULL &&
		    len > HTTP_URI_CAP + 16) {
			return fail(req, 414, "request target too long");
		}
		if (len == HTTP_HEAD_CAP) {
			return fail(req, 431, "request head too large");
		}
		return HTTP_PARSE_AGAIN;
	}
	/* RFC 9112 2.2: empty lines before the request line are ignored. */
	do {
		if (next_line(buf, end, &pos, &l) < 0) {
			return fail(req, 400, "malformed request line");
		}
	} while (l.len == 0 && pos < end);
	if (l.len == 0) {
		return fail(req, 400, "malformed request line");
	}
	req->line_len = l.len;
	rc = parse_request_line(&l, req, &target, &target_len);
	if (rc == HTTP_PARSE_DONE) {
		rc = parse_fields(buf, end, pos, req);
	}
	if (rc == HTTP_PARSE_DONE) {
		rc = parse_target(target, target_len, req);
	}
	req->head_len = end;
	return rc;
}

/* see http.h */
const char *
http_media_type(enum http_media m)
{
	switch (m) {
	case HTTP_MEDIA_JSON:
		return "application/json";
	case HTTP_MEDIA_TEXT:
		return "text/plain; charset=utf-8";
	case HTTP_MEDIA_APP_TEXT:
		return "application/text";
	default:
		return NULL;
	}
}

/* Each reason after its status's three digits, one after another. */
static const char reasons[] =
    "200OK\0"
    "400Bad Request\0"
    "403Forbidden\0"
    "404Not Found\0"
    "405Method Not Allowed\0"
    "408Request Timeout\0"
    "414URI Too Long\0"
    "415Unsupported Media Type\0"
    "429Too Many Requests\0"
    "431Request Header Fields Too Large\0"
    "500Internal Server Error\0"
    "503Service Unavailable\0"
    "505HTTP Version Not Supported\0";

/* see http.h */
const char *
http_reason(int status)
{
	const char *r;

	for (r = reasons; *r != '\0'; r += strlen(r) + 1) {
		if ((r[0] - '0') * 100 + (r[1] - '0') * 10 + r[2] - '0' ==
		    status) {
			return r + 3;
		}
	}
	return "Unknown";
}

/* IMF-fixdate (RFC 9110 5.6.7) of t, seconds since the epoch, from
 * its RFC 3339 form (years 1970-9999: 2026-12-03T08:00:00Z). */
static void
imf_date(int64_t t, char out[30])
{
	static const char wd[] = "ThuFriSatSunMonTueWed";
	static const char mo[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	char iso[21];

	x509_time_format(t, iso);
	fmt_snprintf(out, 30, "%.*s, %.*s %.*s %.*s %.*s GMT", 3,
	    wd + (t / 86400 % 7) * 3, 2, iso + 8, 3, mo + ((iso[5] - '0') *
	    10 + iso[6] - '0' - 1) * 3, 4, iso, 8, iso + 11);
}

/* see http.h */
size_t
http_response_head(char *out, size_t cap, int status, const char *type,
    size_t body_len, bool is_keep_alive, int64_t now_s)
{
	char date[30];
	int n;

	date[0] = '\0';
	if (now_s >= 0 && now_s < 253402300800) {	/* years 1970-9999 */
		imf_date(now_s, date);
	}
	n = fmt_snprintf(out, cap, "HTTP/1.1 %d %s\r\n%s%s%s%s%s%s"
	    "Content-Length: %zu\r\n%s%s\r\n", status, http_reason(status),
	    date[0] != '\0' ? "Date: " : "", date, date[0] != '\0' ? "\r\n" :
	    "", type != NULL ? "Content-Type: " : "", type != NULL ? type : "",
	    type != NULL ? "\r\n" : "", body_len,
	    status == 405 ? "Allow: GET, HEAD\r\n" : "",
	    is_keep_alive ? "Connection: keep-alive\r\n" :
	    "Connection: close\r\n");
	return n > 0 && (size_t)n < cap ? (size_t)n : 0;
}
