/* SPDX-License-Identifier: MIT */
/*
 * fuzz_http: http_parse on a client's bytes, as one read and again one
 * byte at a time (the verdict must not depend on how the bytes arrive),
 * then every pipelined request after the first, as the server loops.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

static void
check_req(const struct http_req *req, int rc, size_t len)
{
	size_t i;

	if (rc == HTTP_PARSE_ERROR && (req->status < 400 || req->why == NULL)) {
		abort();
	}
	if (rc != HTTP_PARSE_DONE) {
		return;
	}
	if (req->head_len == 0 || req->head_len > len ||
	    req->head_len > HTTP_HEAD_CAP ||
	    strlen(req->path) != req->path_len || req->path[0] != '/' ||
	    strlen(req->target) >= sizeof req->target ||
	    strlen(req->module) >= sizeof req->module ||
	    strlen(req->forwarded_for) >= sizeof req->forwarded_for) {
		abort();
	}
	for (i = 0; i < req->path_len; i++) {
		if ((unsigned char)req->path[i] < ' ') {
			abort();
		}
	}
	if (req->media > HTTP_MEDIA_APP_TEXT) {
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static struct http_req req;
	static struct http_req req1;
	struct http_parser p;
	const char *buf = (const char *)data;
	size_t off = 0;
	size_t i;
	int rc;
	int rc1 = HTTP_PARSE_AGAIN;
	char head[512];

	http_parser_reset(&p);
	rc = http_parse(&p, buf, len, &req);
	check_req(&req, rc, len);
	http_parser_reset(&p);
	for (i = 1; i <= len && i <= HTTP_HEAD_CAP + 1 &&
	    rc1 == HTTP_PARSE_AGAIN; i++) {
		rc1 = http_parse(&p, buf, i, &req1);
	}
	if (len <= HTTP_HEAD_CAP && rc1 != rc) {
		abort();
	}
	while (rc == HTTP_PARSE_DONE && req.is_keep_alive) {
		off += req.head_len;
		http_parser_reset(&p);
		rc = http_parse(&p, buf + off, len - off, &req);
		check_req(&req, rc, len - off);
	}
	if (http_response_head(head, sizeof head, len > 0 ? data[0] + 300 :
	    200, http_media_type((enum http_media)(len % 4)), len, len & 1,
	    len > 1 ? (int64_t)data[1] << 30 : -1) >= sizeof head) {
		abort();
	}
	return 0;
}
