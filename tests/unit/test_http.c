/* SPDX-License-Identifier: MIT */
/*
 * http: request heads as curl, Prometheus and nginx send them, and as
 * many malformed and hostile ones (smuggling shapes, limits one byte
 * over), each with the status it must get; the same heads fed one byte
 * at a time; pipelining; Accept weighing; the response head.
 */
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "t.h"

#define H11 " HTTP/1.1\r\nHost: x\r\n"
/* The fields of a case that must fail with status st. */
#define ERR(st) HTTP_PARSE_ERROR, st, NULL, NULL, HTTP_MEDIA_NONE, false

static const struct {
	const char *raw;
	int want_rc;
	int want_status;		/* HTTP_PARSE_ERROR */
	const char *want_path;		/* HTTP_PARSE_DONE */
	const char *want_target;	/* NULL: none */
	enum http_media want_media;
	bool want_keep;
} cases[] = {
	/* curl 7.88 and Prometheus 2.42 scraping /probe */
	{ "GET /postgres/db.example.com:5432 HTTP/1.1\r\nHost: 127.0.0.1:1980"
	    "\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n",
	    HTTP_PARSE_DONE, 0, "/postgres/db.example.com:5432", NULL,
	    HTTP_MEDIA_JSON, true },
	{ "GET /probe?target=db%3A5432&module=postgres HTTP/1.1\r\n"
	    "Host: ccheck:1980\r\nUser-Agent: Prometheus/2.42.0\r\nAccept: "
	    "application/openmetrics-text;version=1.0.0,application/"
	    "openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;"
	    "q=0.5,*/*;q=0.1\r\nAccept-Encoding: gzip\r\n"
	    "X-Prometheus-Scrape-Timeout-Seconds: 10\r\n\r\n",
	    HTTP_PARSE_DONE, 0, "/probe", "db:5432", HTTP_MEDIA_TEXT, true },
	/* bare LF line ends; HTTP/1.0 without Host, closes */
	{ "GET /a HTTP/1.0\n\n", HTTP_PARSE_DONE, 0, "/a", NULL,
	    HTTP_MEDIA_JSON, false },
	{ "GET /a HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n",
	    HTTP_PARSE_DONE, 0, "/a", NULL, HTTP_MEDIA_JSON, true },
	{ "GET /a" H11 "Connection: foo, close\r\n\r\n", HTTP_PARSE_DONE, 0,
	    "/a", NULL, HTTP_MEDIA_JSON, false },
	{ "HEAD /a" H11 "\r\n", HTTP_PARSE_DONE, 0, "/a", NULL,
	    HTTP_MEDIA_JSON, true },
	/* one empty line before the request line is ignored */
	{ "\r\nGET /a" H11 "\r\n", HTTP_PARSE_DONE, 0, "/a", NULL,
	    HTTP_MEDIA_JSON, true },
	/* absolute-form; HTTP/1.2 is read as 1.1 */
	{ "GET http://x:1980/plain/a,b HTTP/1.2\r\nHost: x\r\n\r\n",
	    HTTP_PARSE_DONE, 0, "/plain/a,b", NULL, HTTP_MEDIA_JSON, true },
	/* percent-decoding: the path keeps '+', the query makes it a blank */
	{ "GET /plain/a%2Cb+c?target=a+b%2B HTTP/1.1\r\nHost: x\r\n\r\n",
	    HTTP_PARSE_DONE, 0, "/plain/a,b+c", "a b+", HTTP_MEDIA_JSON,
	    true },
	{ "GET /p%2Fq" H11 "\r\n", HTTP_PARSE_DONE, 0, "/p/q", NULL,
	    HTTP_MEDIA_JSON, true },
	{ "GET /probe?debug=true&target=&x" H11 "\r\n", HTTP_PARSE_DONE, 0,
	    "/probe", "", HTTP_MEDIA_JSON, true },
	/* Accept: Go ccheck's four values, q weights, wildcards */
	{ "GET /a" H11 "Accept: application/json\r\n\r\n", HTTP_PARSE_DONE, 0,
	    "/a", NULL, HTTP_MEDIA_JSON, true },
	{ "GET /a" H11 "Accept: TEXT/PLAIN\r\n\r\n", HTTP_PARSE_DONE, 0,
	    "/a", NULL, HTTP_MEDIA_TEXT, true },
	{ "GET /a" H11 "Accept: application/text\r\n\r\n", HTTP_PARSE_DONE,
	    0, "/a", NULL, HTTP_MEDIA_APP_TEXT, true },
	{ "GET /a" H11 "Accept: text/html\r\n\r\n", HTTP_PARSE_DONE, 0, "/a",
	    NULL, HTTP_MEDIA_NONE, true },
	{ "GET /a" H11 "Accept: text/html,application/xhtml+xml,application/"
	    "xml;q=0.9,*/*;q=0.8\r\n\r\n", HTTP_PARSE_DONE, 0, "/a", NULL,
	    HTTP_MEDIA_JSON, true },
	{ "GET /a" H11 "Accept: application/json;q=0, */*\r\n\r\n",
	    HTTP_PARSE_DONE, 0, "/a", NULL, HTTP_MEDIA_TEXT, true },
	{ "GET /a" H11 "Accept: application/json;q=0.5, text/*;q=0.501\r\n"
	    "\r\n", HTTP_PARSE_DONE, 0, "/a", NULL, HTTP_MEDIA_TEXT, true },
	{ "GET /a" H11 "Accept: text/plain;q=0.5\r\nAccept: application/json;"
	    "q=0.5\r\n\r\n", HTTP_PARSE_DONE, 0, "/a", NULL, HTTP_MEDIA_JSON,
	    true },
	{ "GET /a" H11 "Accept: */*;q=0\r\n\r\n", HTTP_PARSE_DONE, 0, "/a",
	    NULL, HTTP_MEDIA_NONE, true },
	{ "GET /a" H11 "Accept: text/plain;charset=\"a;b\", image/png\r\n\r\n",
	    HTTP_PARSE_DONE, 0, "/a", NULL, HTTP_MEDIA_TEXT, true },
	/* a malformed q or range is skipped, not obeyed */
	{ "GET /a" H11 "Accept: text/plain;q=2, application/json;q=0.0001, "
	    "image/png\r\n\r\n", HTTP_PARSE_DONE, 0, "/a", NULL,
	    HTTP_MEDIA_NONE, true },
	{ "GET /a" H11 "Accept: json, text/plain;q=0.1\r\n\r\n",
	    HTTP_PARSE_DONE, 0, "/a", NULL, HTTP_MEDIA_TEXT, true },

	/* 400: request line */
	{ "GET  /a HTTP/1.1\r\nHost: x\r\n\r\n", ERR(400) },
	{ "GET /a  HTTP/1.1\r\nHost: x\r\n\r\n", ERR(400) },
	{ "GET /a HTTP/1.1 \r\nHost: x\r\n\r\n", ERR(400) },
	{ "GET /a\r\n\r\n", ERR(400) },
	{ "GET /a http/1.1\r\nHost: x\r\n\r\n", ERR(400) },
	{ "GET /a HTTP/1.10\r\nHost: x\r\n\r\n", ERR(400) },
	{ "G(T /a" H11 "\r\n", ERR(400) },
	{ "\r\n\r\nGET /a" H11 "\r\n", ERR(400) },
	{ "GET a" H11 "\r\n", ERR(400) },
	{ "GET *" H11 "\r\n", ERR(400) },
	{ "GET /a#f" H11 "\r\n", ERR(400) },
	{ "GET http://x HTTP/1.1\r\nHost: x\r\n\r\n", ERR(400) },
	/* 400: escapes, control bytes, NUL */
	{ "GET /a%2" H11 "\r\n", ERR(400) },
	{ "GET /a%zz" H11 "\r\n", ERR(400) },
	{ "GET /a%00b" H11 "\r\n", ERR(400) },
	{ "GET /a%0d%0aX:1" H11 "\r\n", ERR(400) },
	{ "GET /a?target=%0a" H11 "\r\n", ERR(400) },
	{ "GET /a?x=%g0" H11 "\r\n", ERR(400) },
	{ "GET /a\x7f" H11 "\r\n", ERR(400) },
	/* 400: header syntax that proxies read differently */
	{ "GET /a" H11 "Bad Name: 1\r\n\r\n", ERR(400) },
	{ "GET /a" H11 "Accept : */*\r\n\r\n", ERR(400) },
	{ "GET /a" H11 "X: 1\r\n folded\r\n\r\n", ERR(400) },
	{ "GET /a" H11 ": 1\r\n\r\n", ERR(400) },
	{ "GET /a" H11 "NoColon\r\n\r\n", ERR(400) },
	{ "GET /a" H11 "X: a\rb\r\n\r\n", ERR(400) },
	{ "GET /a" H11 "X: a\x01" "b\r\n\r\n", ERR(400) },
	{ "GET /a HTTP/1.1\r\n\r\n", ERR(400) },
	{ "GET /a" H11 "Host: y\r\n\r\n", ERR(400) },
	{ "GET /a HTTP/1.0\r\nHost: x\r\nhost: y\r\n\r\n", ERR(400) },
	/* 400: bodies (a GET with a body is how requests get smuggled) */
	{ "GET /a" H11 "Content-Length: 5\r\n\r\nGET /", ERR(400) },
	{ "GET /a" H11 "Transfer-Encoding: chunked\r\n\r\n", ERR(400) },
	{ "GET /a" H11 "Content-Length: 0\r\n\r\n", HTTP_PARSE_DONE, 0, "/a",
	    NULL, HTTP_MEDIA_JSON, true },
	/* 400: a parameter twice (Go takes the first, others the last) */
	{ "GET /probe?target=a&target=b" H11 "\r\n", ERR(400) },
	{ "GET /probe?module=a&%6dodule=b" H11 "\r\n", ERR(400) },
	/* 405, 505 */
	{ "POST /a" H11 "\r\n", ERR(405) },
	{ "get /a" H11 "\r\n", ERR(405) },
	{ "OPTIONS *" H11 "\r\n", ERR(405) },
	{ "GET /a HTTP/2.0\r\nHost: x\r\n\r\n", ERR(505) },
	{ "GET /a HTTP/0.9\r\n\r\n", ERR(505) },
	/* 414: a module longer than its cap */
	{ "GET /probe?module=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" H11
	    "\r\n", ERR(414) },
};

/* Appends s at buf + n; returns the new length. */
static size_t
cat(char *buf, size_t n, const char *s)
{
	memcpy(buf + n, s, strlen(s));
	return n + strlen(s);
}

static int
parse_all(const char *raw, size_t len, struct http_req *req)
{
	struct http_parser p;

	http_parser_reset(&p);
	return http_parse(&p, raw, len, req);
}

/* The same request fed one byte more each call: AGAIN until the end. */
static int
parse_bytewise(const char *raw, size_t len, struct http_req *req)
{
	struct http_parser p;
	size_t i;
	int rc = HTTP_PARSE_AGAIN;

	http_parser_reset(&p);
	for (i = 1; i <= len && rc == HTTP_PARSE_AGAIN; i++) {
		rc = http_parse(&p, raw, i, req);
	}
	return rc;
}

static void
test_cases(void)
{
	static struct http_req req;
	size_t i;
	int rc;
	int rc1;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len = strlen(cases[i].raw);

		rc = parse_all(cases[i].raw, len, &req);
		CHECKF(rc == cases[i].want_rc, "case %zu rc %d want %d (%s)", i,
		    rc, cases[i].want_rc, req.why != NULL ? req.why : "");
		if (rc == HTTP_PARSE_ERROR && cases[i].want_rc == rc) {
			CHECKF(req.status == cases[i].want_status &&
			    req.why != NULL, "case %zu status %d want %d", i,
			    req.status, cases[i].want_status);
		}
		if (rc == HTTP_PARSE_DONE && cases[i].want_rc == rc) {
			CHECK_STR(req.path, cases[i].want_path, "path");
			CHECKF(req.path_len == strlen(cases[i].want_path),
			    "case %zu path_len", i);
			CHECKF(req.has_target == (cases[i].want_target != NULL),
			    "case %zu has_target", i);
			if (cases[i].want_target != NULL) {
				CHECK_STR(req.target, cases[i].want_target,
				    "target");
			}
			CHECKF(req.media == cases[i].want_media,
			    "case %zu media %d want %d", i, req.media,
			    cases[i].want_media);
			CHECKF(req.is_keep_alive == cases[i].want_keep,
			    "case %zu keep-alive", i);
			CHECKF(req.head_len == len, "case %zu head_len %zu",
			    i, req.head_len);
		}
		/* Byte by byte: the same verdict (a body is cut off
		 * where the head ends). */
		rc1 = parse_bytewise(cases[i].raw, len, &req);
		CHECKF(rc1 == cases[i].want_rc, "case %zu bytewise rc %d", i,
		    rc1);
	}
}

static void
test_fields(void)
{
	static struct http_req req;
	static const char get[] = "GET /probe?target=db&module=postgres "
	    "HTTP/1.1\r\nHost: x\r\nX-Real-IP: 192.0.2.9\r\n"
	    "X-Forwarded-For: 2001:DB8:0:0::1 , 10.0.0.1\r\n\r\n";
	static const char bad_xff[] = "GET / HTTP/1.1\r\nHost: x\r\n"
	    "X-Forwarded-For: <script>, 10.0.0.1\r\n\r\n";
	static const char real_ip[] = "GET / HTTP/1.1\r\nHost: x\r\n"
	    "X-Real-IP: 192.0.2.9\r\n\r\n";

	CHECK(parse_all(get, strlen(get), &req) == HTTP_PARSE_DONE);
	CHECK(req.method == HTTP_GET && req.minor == 1);
	CHECK_STR(req.module, "postgres", "module");
	CHECK_STR(req.target, "db", "target");
	CHECK_STR(req.forwarded_for, "2001:db8::1", "XFF first hop, "
	    "normalised, before X-Real-IP");
	CHECK_INT(req.line_len, strlen("GET /probe?target=db&module=postgres "
	    "HTTP/1.1"), "line_len");
	CHECK(parse_all(bad_xff, strlen(bad_xff), &req) == HTTP_PARSE_DONE);
	CHECK_STR(req.forwarded_for, "", "a non-address XFF is dropped");
	CHECK(parse_all(real_ip, strlen(real_ip), &req) == HTTP_PARSE_DONE);
	CHECK_STR(req.forwarded_for, "192.0.2.9", "X-Real-IP");
	CHECK(parse_all("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n", 29, &req) ==
	    HTTP_PARSE_DONE && req.method == HTTP_HEAD);
}

/* Two requests in one read: the first stops at its empty line. */
static void
test_pipelining(void)
{
	static struct http_req req;
	static const char two[] = "GET /one HTTP/1.1\r\nHost: x\r\n\r\n"
	    "GET /two HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
	    "GET /thr";
	struct http_parser p;
	size_t off;

	http_parser_reset(&p);
	CHECK(http_parse(&p, two, strlen(two), &req) == HTTP_PARSE_DONE);
	CHECK_STR(req.path, "/one", "first of a pipeline");
	CHECK(req.is_keep_alive);
	off = req.head_len;
	CHECK_INT(off, 30, "first head_len");
	http_parser_reset(&p);
	CHECK(http_parse(&p, two + off, strlen(two) - off, &req) ==
	    HTTP_PARSE_DONE);
	CHECK_STR(req.path, "/two", "second of a pipeline");
	CHECK(!req.is_keep_alive);
	off += req.head_len;
	http_parser_reset(&p);
	CHECK(http_parse(&p, two + off, strlen(two) - off, &req) ==
	    HTTP_PARSE_AGAIN);
}

/* Limits, exactly at and one over. */
static void
test_limits(void)
{
	static struct http_req req;
	static char buf[HTTP_HEAD_CAP + 64];
	size_t n;
	size_t i;
	struct http_parser p;

	/* a request-target of HTTP_URI_CAP - 1 bytes passes, one more: 414 */
	for (i = 0; i < 2; i++) {
		memcpy(buf, "GET /", 5);
		memset(buf + 5, 'a', HTTP_URI_CAP - 2 + i);
		n = 5 + HTTP_URI_CAP - 2 + i;
		memcpy(buf + n, H11 "\r\n", strlen(H11) + 2);
		n += strlen(H11) + 2;
		CHECKF(parse_all(buf, n, &req) == (i == 0 ? HTTP_PARSE_DONE :
		    HTTP_PARSE_ERROR), "target of %d bytes",
		    HTTP_URI_CAP - 1 + (int)i);
		if (i == 1) {
			CHECK_INT(req.status, 414, "414");
		}
	}
	/* a request line that never ends: 414 early, not at 8 KiB */
	memcpy(buf, "GET /", 5);
	memset(buf + 5, 'a', HTTP_URI_CAP + 20);
	CHECK(parse_all(buf, HTTP_URI_CAP + 25, &req) == HTTP_PARSE_ERROR &&
	    req.status == 414);
	CHECK(parse_all(buf, HTTP_URI_CAP, &req) == HTTP_PARSE_AGAIN);
	/* HTTP_HEADERS_MAX fields pass, one more: 431 */
	for (i = 0; i < 2; i++) {
		size_t k;

		n = cat(buf, 0, "GET / HTTP/1.1\r\n");
		for (k = 0; k < HTTP_HEADERS_MAX + i; k++) {
			n = cat(buf, n, k == 0 ? "Host: x\r\n" :
			    "X-A: b\r\n");
		}
		n = cat(buf, n, "\r\n");
		CHECKF(parse_all(buf, n, &req) == (i == 0 ? HTTP_PARSE_DONE :
		    HTTP_PARSE_ERROR), "%d fields", HTTP_HEADERS_MAX + (int)i);
		if (i == 1) {
			CHECK_INT(req.status, 431, "431");
		}
	}
	/* a head of HTTP_HEAD_CAP bytes passes; one without its end: 431 */
	n = cat(buf, 0, "GET / HTTP/1.1\r\nHost: x\r\nX: ");
	memset(buf + n, 'v', HTTP_HEAD_CAP - n - 4);
	memcpy(buf + HTTP_HEAD_CAP - 4, "\r\n\r\n", 4);
	CHECK(parse_all(buf, HTTP_HEAD_CAP, &req) == HTTP_PARSE_DONE &&
	    req.head_len == HTTP_HEAD_CAP);
	buf[HTTP_HEAD_CAP - 1] = 'v';
	CHECK(parse_bytewise(buf, HTTP_HEAD_CAP, &req) == HTTP_PARSE_ERROR &&
	    req.status == 431);
	/* what lies past HTTP_HEAD_CAP is never looked at */
	memcpy(buf + HTTP_HEAD_CAP, "\r\n\r\n", 4);
	http_parser_reset(&p);
	CHECK(http_parse(&p, buf, HTTP_HEAD_CAP + 4, &req) ==
	    HTTP_PARSE_ERROR && req.status == 431);
	/* the end split across reads: "\r\n" | "\r" | "\n" */
	http_parser_reset(&p);
	n = cat(buf, 0, "GET /s HTTP/1.1\r\nHost: x\r\n\r\n");
	CHECK(http_parse(&p, buf, n - 2, &req) == HTTP_PARSE_AGAIN);
	CHECK(http_parse(&p, buf, n - 1, &req) == HTTP_PARSE_AGAIN);
	CHECK(http_parse(&p, buf, n, &req) == HTTP_PARSE_DONE &&
	    req.head_len == n);
}

static void
test_response(void)
{
	char out[256];
	size_t n;

	n = http_response_head(out, sizeof out, 200,
	    http_media_type(HTTP_MEDIA_JSON), 42, true, 784111777);
	CHECK_STR(out, "HTTP/1.1 200 OK\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT"
	    "\r\nContent-Type: application/json\r\nContent-Length: 42\r\n"
	    "Connection: keep-alive\r\n\r\n",
	    "200 head (RFC 9110's example date)");
	CHECK_INT(n, strlen(out), "length");
	n = http_response_head(out, sizeof out, 405, NULL, 0, false, -1);
	CHECK_STR(out, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0"
	    "\r\nAllow: GET, HEAD\r\nConnection: close\r\n\r\n", "405 head");
	n = http_response_head(out, sizeof out, 415, http_media_type(
	    HTTP_MEDIA_JSON), 0, true, 951782400);
	CHECK(strstr(out, "Date: Tue, 29 Feb 2000 00:00:00 GMT\r\n") != NULL);
	CHECK(strstr(out, "415 Unsupported Media Type\r\n") != NULL);
	n = http_response_head(out, sizeof out, 200, NULL, 0, true, 0);
	CHECK(strstr(out, "Date: Thu, 01 Jan 1970 00:00:00 GMT\r\n") != NULL);
	CHECK(http_response_head(out, 40, 200, NULL, 0, true, 0) == 0);
	CHECK(http_response_head(out, 20, 431, NULL, 0, false, -1) == 0);
	CHECK_STR(http_reason(431), "Request Header Fields Too Large", "431");
	CHECK_STR(http_reason(299), "Unknown", "unknown status");
	CHECK(http_media_type(HTTP_MEDIA_NONE) == NULL);
	(void)n;
}

int
main(void)
{
	test_cases();
	test_fields();
	test_pipelining();
	test_limits();
	test_response();
	return t_exit();
}
