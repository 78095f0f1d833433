/* SPDX-License-Identifier: MIT */
/*
 * starttls: the generic half of every preamble (buffers, bounds, the
 * injection check) and the table of protocol state machines.  A protocol
 * supplies start (queue the first bytes or wait for a greeting) and input
 * (consume what is complete in f->in, queue a reply, or decide).
 */
#include <string.h>

#include "pg.h"
#include "starttls.h"

/*
 * One protocol.  input returns how many bytes of f->in it consumed and
 * sets *want; it may queue output with queue().  Consuming 0 with
 * FRAMER_READ means "need more bytes".
 */
struct framer_ops {
	enum proto proto;
	enum framer_want (*start)(struct framer *f, struct result *res);
	size_t (*input)(struct framer *f, enum framer_want *want,
	    struct result *res);
	const char *eof_detail;		/* reason detail for an early EOF */
};

/* Queues bytes to send; false (never in practice) when they do not fit. */
static int
queue(struct framer *f, const void *p, size_t len)
{
	if (len > sizeof f->out) {
		return -1;
	}
	memcpy(f->out, p, len);
	f->out_len = len;
	f->out_off = 0;
	return 0;
}

/* ---- PostgreSQL: SSLRequest, then one byte ------------------------------ */

static enum framer_want
pg_start(struct framer *f, struct result *res)
{
	(void)res;
	queue(f, pg_sslrequest, sizeof pg_sslrequest);
	return FRAMER_WRITE;
}

static size_t
pg_input(struct framer *f, enum framer_want *want, struct result *res)
{
	/* The whole read goes to pg_reply_parse: it judges extra bytes. */
	if (pg_reply_parse(f->in, f->in_len, res) < 0) {
		*want = FRAMER_FAIL;
		return 0;
	}
	*want = FRAMER_TLS;
	return 1;
}

static const struct framer_ops framers[] = {
	{ PROTO_POSTGRES, pg_start, pg_input, "in reply to the SSL request" },
};

static const struct framer_ops *
ops_of(enum proto p)
{
	size_t i;

	for (i = 0; i < sizeof framers / sizeof framers[0]; i++) {
		if (framers[i].proto == p) {
			return &framers[i];
		}
	}
	return NULL;
}

/* see starttls.h */
enum framer_want
framer_start(struct framer *f, enum proto proto, const char *name,
    struct result *res)
{
	const struct framer_ops *ops = ops_of(proto);

	f->proto = proto;
	f->step = 0;
	f->name = name;
	f->in_len = 0;
	f->total_in = 0;
	f->out_len = 0;
	f->out_off = 0;
	if (ops == NULL) {
		return FRAMER_TLS;	/* TLS from the first byte */
	}
	return ops->start(f, res);
}

/* see starttls.h */
const unsigned char *
framer_out(const struct framer *f, size_t *len)
{
	*len = f->out_len - f->out_off;
	return f->out + f->out_off;
}

/* see starttls.h */
enum framer_want
framer_sent(struct framer *f, size_t n)
{
	f->out_off += n;
	if (f->out_off < f->out_len) {
		return FRAMER_WRITE;
	}
	f->out_len = 0;
	f->out_off = 0;
	return FRAMER_READ;
}

/* see starttls.h */
unsigned char *
framer_in(struct framer *f, size_t *cap)
{
	*cap = sizeof f->in - f->in_len;
	return f->in + f->in_len;
}

/* see starttls.h */
enum framer_want
framer_received(struct framer *f, size_t n, struct result *res)
{
	const struct framer_ops *ops = ops_of(f->proto);
	enum framer_want want = FRAMER_READ;
	size_t used;

	f->in_len += n;
	f->total_in += n;
	if (f->total_in > FRAMER_READ_MAX) {
		result_fail(res, CK_E_TOO_LONG, "more than %u bytes before TLS",
		    (unsigned)FRAMER_READ_MAX);
		return FRAMER_FAIL;
	}
	while (f->in_len > 0) {
		used = ops->input(f, &want, res);
		memmove(f->in, f->in + used, f->in_len - used);
		f->in_len -= used;
		if (want == FRAMER_FAIL) {
			return FRAMER_FAIL;
		}
		if (want == FRAMER_TLS && f->in_len > 0) {
			result_fail(res, CK_E_INJECTED, "CVE-2011-0411");
			return FRAMER_FAIL;
		}
		if (want != FRAMER_READ || used == 0) {
			break;
		}
	}
	if (want == FRAMER_READ && f->in_len == sizeof f->in) {
		result_fail(res, CK_E_TOO_LONG, "a line of more than %u bytes",
		    (unsigned)sizeof f->in);
		return FRAMER_FAIL;
	}
	if (want == FRAMER_READ && f->out_len > 0) {
		return FRAMER_WRITE;
	}
	return want;
}

/* see starttls.h */
void
framer_eof(const struct framer *f, struct result *res)
{
	const struct framer_ops *ops = ops_of(f->proto);

	result_fail(res, CK_E_EOF, "%s",
	    ops != NULL ? ops->eof_detail : "before TLS");
}
