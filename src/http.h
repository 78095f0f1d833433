/* SPDX-License-Identifier: MIT */
/*
 * http: the HTTP/1.1 request head of `ccheck server` (RFC 9112), parsed
 * incrementally from the caller's connection buffer, and the head of a
 * response.  GET and HEAD only: no bodies, no chunked coding, no
 * continuation lines.  Everything is bounded by the constants below, so a
 * client costs at most one struct http_req and its HTTP_HEAD_CAP bytes of
 * buffer, whatever it sends.  No allocation, no I/O, nothing printed: the
 * server (the edge) logs and answers.
 */
#ifndef CK_HTTP_H
#define CK_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ip.h"

/*
 * A request head (request line, headers, the empty line) longer than
 * this is refused: Go's net/http allows 1 MiB, nginx 1 KiB per line and
 * 8 KiB per large buffer; a probe request is a path and a few headers.
 */
#define HTTP_HEAD_CAP 8192
/* Request-target: a speclist of some dozen SPECs fits (414 beyond). */
#define HTTP_URI_CAP 4096
/* Header fields in one request (431 beyond); curl sends 3, browsers 15. */
#define HTTP_HEADERS_MAX 32
/* The decoded ?target= (a SPEC) and ?module= values (414 beyond). */
#define HTTP_TARGET_CAP 1024
#define HTTP_MODULE_CAP 32

enum http_method {
	HTTP_GET,
	HTTP_HEAD			/* as GET, the body left out */
};

/* What the response may be, from Accept (see http_req.media). */
enum http_media {
	HTTP_MEDIA_NONE,		/* nothing we serve: 415 */
	HTTP_MEDIA_JSON,		/* application/json */
	HTTP_MEDIA_TEXT,		/* text/plain */
	HTTP_MEDIA_APP_TEXT		/* application/text (Go ccheck's) */
};

/* Where http_parse resumes; zero it (or http_parser_reset) per request. */
struct http_parser {
	size_t scan;			/* bytes already searched for the end */
};

struct http_req {
	enum http_method method;
	unsigned minor;			/* HTTP/1.minor: 0 or 1 */
	bool is_keep_alive;		/* the connection may serve another */
	size_t head_len;		/* bytes of the buffer this head used */
	size_t line_len;		/* the request line, without its EOL,
					 * at the start of the buffer: for logs */
	/* The path, percent-decoded, NUL-terminated, without the query.  */
	char path[HTTP_URI_CAP];
	size_t path_len;
	/* ?target= and ?module=, decoded ('+' is a blank); "" when absent */
	bool has_target;
	char target[HTTP_TARGET_CAP];
	bool has_module;
	char module[HTTP_MODULE_CAP];
	enum http_media media;
	/*
	 * The first address of X-Forwarded-For (else X-Real-IP), rewritten
	 * by ip_format when it is an IP literal; "" otherwise.  Whoever
	 * sent the request chose it: for logs behind a trusted proxy, never
	 * for access decisions.
	 */
	char forwarded_for[IP_TEXT_CAP];
	/* HTTP_PARSE_ERROR: the status to answer and a static reason. */
	int status;
	const char *why;
};

enum http_parse_rc {
	HTTP_PARSE_AGAIN,		/* no whole head yet: read more */
	HTTP_PARSE_DONE,		/* req filled; head_len bytes used */
	HTTP_PARSE_ERROR		/* req->status and req->why set */
};

/* Makes p ready for the next request on the connection. */
void http_parser_reset(struct http_parser *p);

/*
 * Parses the request head at the start of buf (len bytes received so far,
 * len <= HTTP_HEAD_CAP is all a caller needs to keep).  Call again with
 * the same p after more bytes arrived: the search for the end of the
 * head resumes where it stopped, so a client sending one byte at a time
 * costs O(len) in all.  Lines end in CRLF or a bare LF (RFC 9112 2.2).
 *
 * HTTP_PARSE_AGAIN: the head is incomplete and still within the limits.
 * HTTP_PARSE_DONE: req is filled; the head used req->head_len bytes and
 *   what follows (a pipelined request) is untouched: move it to the
 *   start of the buffer and reset p for it.
 * HTTP_PARSE_ERROR: answer req->status and close the connection:
 *   400 malformed request line, header, escape or query, a NUL, a
 *       missing or repeated Host, a body (Content-Length other than 0,
 *       Transfer-Encoding), a repeated target or module parameter;
 *   405 a well-formed method other than GET and HEAD;
 *   414 a request-target over HTTP_URI_CAP, or a parameter over its cap,
 *       or a request line that has not ended by HTTP_HEAD_CAP;
 *   431 more than HTTP_HEADERS_MAX fields, or a head over HTTP_HEAD_CAP;
 *   505 an HTTP major version other than 1.
 * Accept does not fail the parse: req->media is HTTP_MEDIA_NONE when it
 * rules out all we serve, and the server answers 415 (Go ccheck's
 * status).  The media ranges are weighed by q (RFC 9110 12.5.1): JSON
 * when application/json, application/ *, * / * or no Accept field rank
 * highest (a tie goes to JSON), text when text/plain, text/ * or
 * application/text do.  Go ccheck itself compares the whole field with
 * four strings and answers 415 to anything else, a missing field too.
 */
enum http_parse_rc http_parse(struct http_parser *p, const char *buf,
    size_t len, struct http_req *req);

/* "application/json", "text/plain; charset=utf-8", ...; NULL for NONE. */
const char *http_media_type(enum http_media m);

/* The reason phrase of status ("Not Found"); "Unknown" for others. */
const char *http_reason(int status);

/*
 * Writes a response head into out (cap bytes): the status line (HTTP/1.1
 * STATUS REASON), Date (IMF-fixdate of now_s, seconds since the epoch;
 * left out when now_s < 0), Content-Type (when type is not NULL),
 * Content-Length: body_len, "Allow: GET, HEAD" with 405, and
 * "Connection: keep-alive" (is_keep_alive) or "Connection: close"; then
 * the empty line.  keep-alive is said to HTTP/1.1 clients too, as nginx
 * does: an HTTP/1.0 client keeps the connection only when told so, and
 * else waits for the close.  The body follows (not for HEAD).  Returns
 * the length, or 0 when it does not fit (out is then unspecified).
 */
size_t http_response_head(char *out, size_t cap, int status,
    const char *type, size_t body_len, bool is_keep_alive, int64_t now_s);

#endif
