/* SPDX-License-Identifier: MIT */
/*
 * tls: the driver of our TLS client on a non-blocking socket: reads one
 * record at a time (never past it, so the server's first bytes can be
 * told from TLS and nothing after the handshake is swallowed), feeds
 * handshake messages to tls_hs.c through a reassembly area, flushes our
 * records before reading again, and closes politely.  Also the suites
 * we offer and the names reports give them.
 */
#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>

#include "spec.h"
#include "tls_int.h"

/*
 * TLS 1.3's three suites, then forward-secret TLS 1.2 suites, then RSA
 * key transport and CBC for old servers.  The DHE suites are never
 * used: offered last so that a DHE-only server says so in its
 * ServerHello instead of a bare handshake_failure.
 */
const struct tls_suite tls_suites[] = {
	{ 0x1301, KX_NONE, BULK_AES128_GCM, 0, 32, "TLS_AES_128_GCM_SHA256" },
	{ 0x1302, KX_NONE, BULK_AES256_GCM, 0, 48, "TLS_AES_256_GCM_SHA384" },
	{ 0x1303, KX_NONE, BULK_CHACHA, 0, 32,
	    "TLS_CHACHA20_POLY1305_SHA256" },
	{ 0xcca9, KX_ECDHE_ECDSA, BULK_CHACHA, 0, 32,
	    "ECDHE-ECDSA-CHACHA20-POLY1305" },
	{ 0xcca8, KX_ECDHE_RSA, BULK_CHACHA, 0, 32,
	    "ECDHE-RSA-CHACHA20-POLY1305" },
	{ 0xc02b, KX_ECDHE_ECDSA, BULK_AES128_GCM, 0, 32,
	    "ECDHE-ECDSA-AES128-GCM-SHA256" },
	{ 0xc02f, KX_ECDHE_RSA, BULK_AES128_GCM, 0, 32,
	    "ECDHE-RSA-AES128-GCM-SHA256" },
	{ 0xc02c, KX_ECDHE_ECDSA, BULK_AES256_GCM, 0, 48,
	    "ECDHE-ECDSA-AES256-GCM-SHA384" },
	{ 0xc030, KX_ECDHE_RSA, BULK_AES256_GCM, 0, 48,
	    "ECDHE-RSA-AES256-GCM-SHA384" },
	{ 0xc023, KX_ECDHE_ECDSA, BULK_AES128_CBC, 32, 32,
	    "ECDHE-ECDSA-AES128-SHA256" },
	{ 0xc027, KX_ECDHE_RSA, BULK_AES128_CBC, 32, 32,
	    "ECDHE-RSA-AES128-SHA256" },
	{ 0xc024, KX_ECDHE_ECDSA, BULK_AES256_CBC, 48, 48,
	    "ECDHE-ECDSA-AES256-SHA384" },
	{ 0xc028, KX_ECDHE_RSA, BULK_AES256_CBC, 48, 48,
	    "ECDHE-RSA-AES256-SHA384" },
	{ 0xc009, KX_ECDHE_ECDSA, BULK_AES128_CBC, 20, 32,
	    "ECDHE-ECDSA-AES128-SHA" },
	{ 0xc013, KX_ECDHE_RSA, BULK_AES128_CBC, 20, 32,
	    "ECDHE-RSA-AES128-SHA" },
	{ 0xc00a, KX_ECDHE_ECDSA, BULK_AES256_CBC, 20, 32,
	    "ECDHE-ECDSA-AES256-SHA" },
	{ 0xc014, KX_ECDHE_RSA, BULK_AES256_CBC, 20, 32,
	    "ECDHE-RSA-AES256-SHA" },
	{ 0x009c, KX_RSA, BULK_AES128_GCM, 0, 32, "AES128-GCM-SHA256" },
	{ 0x009d, KX_RSA, BULK_AES256_GCM, 0, 48, "AES256-GCM-SHA384" },
	{ 0x003c, KX_RSA, BULK_AES128_CBC, 32, 32, "AES128-SHA256" },
	{ 0x003d, KX_RSA, BULK_AES256_CBC, 32, 32, "AES256-SHA256" },
	{ 0x002f, KX_RSA, BULK_AES128_CBC, 20, 32, "AES128-SHA" },
	{ 0x0035, KX_RSA, BULK_AES256_CBC, 20, 32, "AES256-SHA" },
	{ 0x009e, KX_DHE, BULK_AES128_GCM, 0, 32,
	    "DHE-RSA-AES128-GCM-SHA256" },
	{ 0x009f, KX_DHE, BULK_AES256_GCM, 0, 48,
	    "DHE-RSA-AES256-GCM-SHA384" },
	{ 0xccaa, KX_DHE, BULK_CHACHA, 0, 32, "DHE-RSA-CHACHA20-POLY1305" }
};

const size_t tls_suite_count = sizeof tls_suites / sizeof tls_suites[0];

/* see tls_int.h */
const struct tls_suite *
tls_suite_find(unsigned id)
{
	size_t i;

	for (i = 0; i < tls_suite_count; i++) {
		if (tls_suites[i].id == id) {
			return &tls_suites[i];
		}
	}
	return NULL;
}

/* see tls.h */
int
tls_start(struct tls_sess *s, const char *sni, const struct identity *id,
    const char *alpn, unsigned vmin, unsigned vmax, struct x509_chain *chain,
    struct result *res)
{
	unsigned char seed[32];
	ssize_t n;

	/* Everything but the buffer, which needs no clearing. */
	memset(s, 0, offsetof(struct tls_sess, buf));
	s->sni = sni;
	s->id = id;
	s->alpn = alpn;
	s->vmin = vmin < 0x0301 ? 0x0301 : vmin;
	s->vmax = vmax > SPEC_TLS13 ? SPEC_TLS13 : vmax;
	s->chain = chain;
	chain->n = 0;
	chain->used = 0;
	s->expect = EXP_SERVER_HELLO;
	do {
		n = getrandom(seed, sizeof seed, 0);
	} while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof seed) {
		return result_fail_sys(res, CK_E_TLS, n < 0 ? errno : EIO);
	}
	br_hmac_drbg_init(&s->rng, &br_sha256_vtable, seed, sizeof seed);
	memset(seed, 0, sizeof seed);
	br_multihash_zero(&s->transcript);
	/* MD5 and SHA-1 only for TLS 1.0/1.1's PRF and signatures. */
	if (s->vmin < 0x0303) {
		br_multihash_setimpl(&s->transcript, br_md5_ID,
		    &br_md5_vtable);
		br_multihash_setimpl(&s->transcript, br_sha1_ID,
		    &br_sha1_vtable);
	}
	br_multihash_setimpl(&s->transcript, br_sha256_ID, &br_sha256_vtable);
	br_multihash_setimpl(&s->transcript, br_sha384_ID, &br_sha384_vtable);
	br_multihash_init(&s->transcript);
	return hello_send(s, res);
}

/* Alert names of RFC 8446 6, worded as Go's crypto/tls prints them. */
static const char *
alert_name(int alert)
{
	switch (alert) {
	case 0: return "close notify";
	case 10: return "unexpected message";
	case 20: return "bad record MAC";
	case 22: return "record overflow";
	case 40: return "handshake failure";
	case 42: return "bad certificate";
	case 43: return "unsupported certificate";
	case 44: return "revoked certificate";
	case 45: return "expired certificate";
	case 46: return "unknown certificate";
	case 47: return "illegal parameter";
	case 48: return "unknown certificate authority";
	case 49: return "access denied";
	case 50: return "error decoding message";
	case 51: return "error decrypting message";
	case 70: return "protocol version not supported";
	case 71: return "insufficient security level";
	case 80: return "internal error";
	case 86: return "inappropriate fallback";
	case 90: return "user canceled";
	case 109: return "missing extension";
	case 110: return "unsupported extension";
	case 112: return "unrecognized name";
	case 116: return "certificate required";
	case 120: return "no application protocol";
	default: return NULL;
	}
}

/* A fatal alert from the server, as one reason. */
static int
report_alert(const struct tls_sess *s, int alert, struct result *res)
{
	const char *name = alert_name(alert);

	if (alert == ALERT_PROTOCOL_VERSION) {
		return result_fail(res, CK_E_TLS_VERSION, "none of the allowed "
		    "range %s-%s (remote error: tls: %s)",
		    tls_version_name(s->vmin), tls_version_name(s->vmax),
		    name);
	}
	if (name == NULL) {
		return result_fail(res, CK_E_TLS_ALERT, "alert(%d)", alert);
	}
	return result_fail(res, CK_E_TLS_ALERT, "%s", name);
}

/*
 * Sends queued records.  Returns 1 when all are sent, 0 to wait
 * (*events), -1 with errno on a socket error.
 */
static int
flush(struct tls_sess *s, int fd, short *events)
{
	while (s->out_off < s->out_len) {
		ssize_t n;

		do {
			n = send(fd, s->buf + s->out_off,
			    s->out_len - s->out_off, MSG_NOSIGNAL);
		} while (n < 0 && errno == EINTR);
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			*events = POLLOUT;
			return 0;
		}
		if (n < 0) {
			return -1;
		}
		s->out_off += (size_t)n;
	}
	s->out_off = 0;
	s->out_len = 0;
	return 1;
}

/*
 * A server that rejects us sends its alert and closes; if our write
 * meets the closed socket first (EPIPE, ECONNRESET), the alert may still
 * wait in our receive queue.  A plaintext fatal alert there is the
 * server's reason: fills res and returns true.
 */
static bool
read_parting_alert(const struct tls_sess *s, int fd, struct result *res)
{
	unsigned char rec[7];

	if (recv(fd, rec, sizeof rec, MSG_DONTWAIT) != (ssize_t)sizeof rec ||
	    rec[0] != REC_ALERT || rec[1] != 3 || rec[3] != 0 || rec[4] != 2 ||
	    rec[5] != 2) {
		return false;
	}
	report_alert(s, rec[6], res);
	return true;
}

/*
 * Before the first record: keeps the server's first bytes (a peek) and
 * fails when they are not TLS (sniff.h).  Returns 0 to go on, 1 to wait,
 * -1 with res set.
 */
static int
sniff_first(struct tls_sess *s, int fd, short *events, struct result *res)
{
	ssize_t n;

	do {
		n = recv(fd, s->hello, sizeof s->hello, MSG_PEEK);
	} while (n < 0 && errno == EINTR);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
		*events = POLLIN;
		return 1;
	}
	if (n < 0) {
		return result_fail_sys(res, CK_E_IO, errno);
	}
	if (n == 0) {
		return result_fail(res, CK_E_EOF, "during TLS handshake");
	}
	s->hello_len = (size_t)n;
	/* Only direct PostgreSQL offers ALPN: pg_direct_refused tells
	 * what to do there, so the answer gets no hint of ours. */
	return sniff_reply(s->hello, (size_t)n, s->alpn == NULL, res);
}

/*
 * Reads the rest of one record into s->buf.  Returns 1 when it is
 * complete, 0 to wait (*events), -1 with res set (EOF, socket error, a
 * header that is not TLS).
 */
static int
read_record(struct tls_sess *s, int fd, short *events, struct result *res)
{
	for (;;) {
		size_t want = 5;
		ssize_t n;

		if (s->in_len >= 5) {
			want += (size_t)s->buf[3] << 8 | s->buf[4];
			if (s->in_len == want) {
				return 1;
			}
		}
		do {
			n = recv(fd, s->buf + s->in_len, want - s->in_len, 0);
		} while (n < 0 && errno == EINTR);
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			*events = POLLIN;
			return 0;
		}
		if (n <= 0) {
			return n == 0 ? result_fail(res, CK_E_EOF, s->is_done ?
			    "after TLS handshake" : "during TLS handshake") :
			    result_fail_sys(res, CK_E_IO, errno);
		}
		s->in_len += (size_t)n;
		if (s->in_len == 5 && (s->buf[0] < REC_CCS ||
		    s->buf[0] > REC_APP_DATA || s->buf[1] != 3 ||
		    ((size_t)s->buf[3] << 8 | s->buf[4]) > TLS_REC_CAP - 5)) {
			return hs_fail(s, ALERT_DECODE, res, CK_E_TLS,
			    s->buf[0] >= REC_CCS && s->buf[0] <= REC_APP_DATA &&
			    s->buf[1] == 3 ? "record too long" :
			    "server does not speak TLS");
		}
	}
}

/*
 * Hands each complete message of the reassembly area (the chain's free
 * tail) to hs_message.  A message must not straddle a change of read
 * keys (RFC 8446 5.1).  A CertificateRequest too long for the area (a
 * server whose CA list is a whole bundle) starts streaming: see
 * take_handshake.
 */
static int
take_messages(struct tls_sess *s, struct result *res)
{
	struct x509_chain *ch = s->chain;

	while (s->hs_len >= 4) {
		unsigned char *msg = ch->buf + ch->used;
		size_t mlen = 4 + ((size_t)msg[1] << 16 | (size_t)msg[2] << 8 |
		    msg[3]);
		unsigned before = s->rd_epoch;
		size_t rest;

		if (mlen > sizeof ch->buf - ch->used &&
		    msg[0] == HS_CERTIFICATE_REQUEST) {
			hs_hash(s, msg, s->hs_len);
			s->big_left = mlen - s->hs_len;
			return 0;
		}
		if (mlen > sizeof ch->buf - ch->used) {
			return hs_fail(s, ALERT_HANDSHAKE_FAILURE, res,
			    CK_E_CHAIN_TOO_BIG, NULL);
		}
		if (s->hs_len < mlen) {
			break;
		}
		rest = s->hs_len - mlen;
		if (hs_message(s, msg, mlen, res) < 0) {
			return -1;
		}
		/* The chain may have moved the area's start down. */
		memmove(ch->buf + ch->used, msg + mlen, rest);
		s->hs_len = rest;
		/* Any new read keys, not only the first: the server's
		 * Finished and a KeyUpdate change them too. */
		if (rest > 0 && s->rd_epoch != before) {
			return hs_fail(s, ALERT_UNEXPECTED, res, CK_E_TLS,
			    "handshake message across a key change");
		}
	}
	return 0;
}

/*
 * Handshake bytes p/len join the reassembly area, or stream past it: a
 * long CertificateRequest is hashed as it comes and only its start is
 * kept (its signature algorithms come before the CA names).
 */
static int
take_handshake(struct tls_sess *s, const unsigned char *p, size_t len,
    struct result *res)
{
	struct x509_chain *ch = s->chain;

	if (len == 0) {
		return hs_fail(s, ALERT_UNEXPECTED, res, CK_E_TLS,
		    "empty handshake record");
	}
	while (len > 0) {
		size_t room = sizeof ch->buf - ch->used - s->hs_len;
		size_t n = len < room ? len : room;

		if (s->big_left > 0) {
			size_t big = len < s->big_left ? len : s->big_left;

			hs_hash(s, p, big);
			n = big < room ? big : room;
			memcpy(ch->buf + ch->used + s->hs_len, p, n);
			s->hs_len += n;
			s->big_left -= big;
			p += big;
			len -= big;
			if (s->big_left == 0 && hs_request_cut(s,
			    ch->buf + ch->used, s->hs_len, res) < 0) {
				return -1;
			}
			s->hs_len = s->big_left == 0 ? 0 : s->hs_len;
			continue;
		}
		if (n == 0) {
			return hs_fail(s, ALERT_HANDSHAKE_FAILURE, res,
			    CK_E_CHAIN_TOO_BIG, NULL);
		}
		memcpy(ch->buf + ch->used + s->hs_len, p, n);
		s->hs_len += n;
		p += n;
		len -= n;
		if (take_messages(s, res) < 0) {
			return -1;
		}
	}
	return 0;
}

/* Opens and dispatches the complete record in s->buf. */
static int
take_record(struct tls_sess *s, struct result *res)
{
	unsigned char *p;
	size_t len;
	int type;

	if (rec_open(s, &type, &p, &len) < 0) {
		return hs_fail(s, ALERT_BAD_MAC, res, CK_E_TLS,
		    "could not decrypt a record from the server");
	}
	s->in_len = 0;
	switch (type) {
	case REC_HANDSHAKE:
		return take_handshake(s, p, len, res);
	case REC_CCS:
		return hs_ccs(s, p, len, res);
	case REC_ALERT:
		if (len != 2) {
			return hs_fail(s, ALERT_DECODE, res, CK_E_TLS,
			    "malformed alert");
		}
		if (p[1] == ALERT_CLOSE_NOTIFY) {
			return result_fail(res, CK_E_EOF, s->is_done ?
			    "after TLS handshake" : "during TLS handshake");
		}
		/* TLS 1.2 warnings (no_renegotiation, say) and 1.3's
		 * user_canceled do not end the connection. */
		if ((p[0] == 1 && s->version < SPEC_TLS13) || p[1] == 90) {
			return 0;
		}
		return report_alert(s, p[1], res);
	default:
		if (!s->is_done) {
			return hs_fail(s, ALERT_UNEXPECTED, res, CK_E_TLS,
			    "application data during the handshake");
		}
		s->app_off = (size_t)(p - s->buf);
		s->app_len = len;
		return 0;
	}
}

/*
 * Flushes, then reads and handles one record.  Returns 1 after a record,
 * 0 to wait (*events), -1 with res set.
 */
static int
pump(struct tls_sess *s, int fd, short *events, struct result *res)
{
	int rc = flush(s, fd, events);

	if (rc < 0) {
		if (!read_parting_alert(s, fd, res)) {
			result_fail_sys(res, CK_E_IO, errno);
		}
		return -1;
	}
	if (rc == 0) {
		return 0;
	}
	if (s->hello_len == 0) {
		rc = sniff_first(s, fd, events, res);
		if (rc != 0) {
			return rc > 0 ? 0 : -1;
		}
	}
	rc = read_record(s, fd, events, res);
	if (rc <= 0) {
		return rc;
	}
	return take_record(s, res) < 0 ? -1 : 1;
}

/* Our alert, if one was queued, goes out before the failure is told. */
static enum tls_status
failed(struct tls_sess *s, int fd)
{
	short ignored;

	if (s->out_len > s->out_off) {
		(void)flush(s, fd, &ignored);
	}
	return TLS_FAIL;
}

/* see tls.h */
void
tls_keep_open(struct tls_sess *s)
{
	s->is_keep_open = true;
}

/*
 * TLS 1.3 with a client certificate: our close_notify goes after our
 * Finished, and the server's answer (its close_notify or EOF, tickets
 * before it) confirms that it took the certificate; an alert says why
 * not.
 */
static enum tls_status
confirm_auth(struct tls_sess *s, int fd, short *events, struct result *res)
{
	struct result r;

	if (!s->is_closing) {
		rec_alert(s, ALERT_CLOSE_NOTIFY);
		s->is_closing = true;
	}
	for (;;) {
		int rc;

		memset(&r, 0, sizeof r);
		rc = pump(s, fd, events, &r);
		s->app_len = 0;
		if (rc == 0) {
			return TLS_AGAIN;
		}
		if (rc < 0 && (r.err == CK_E_EOF || r.err == CK_E_IO)) {
			return TLS_DONE;
		}
		if (rc < 0) {
			*res = r;
			return TLS_FAIL;
		}
	}
}

/* see tls.h */
enum tls_status
tls_handshake_step(struct tls_sess *s, int fd, short *events,
    struct result *res)
{
	for (;;) {
		int rc;

		if (s->is_done && s->version == SPEC_TLS13 &&
		    s->is_cert_requested && !s->is_keep_open) {
			return confirm_auth(s, fd, events, res);
		}
		if (s->is_done) {
			rc = flush(s, fd, events);
			if (rc < 0) {
				result_fail_sys(res, CK_E_IO, errno);
				return TLS_FAIL;
			}
			return rc > 0 ? TLS_DONE : TLS_AGAIN;
		}
		rc = pump(s, fd, events, res);
		if (rc == 0) {
			return TLS_AGAIN;
		}
		if (rc < 0) {
			return failed(s, fd);
		}
	}
}

/* see tls.h */
enum tls_status
tls_close_step(struct tls_sess *s, int fd, short *events)
{
	struct result ignored;

	memset(&ignored, 0, sizeof ignored);
	if (!s->is_closing) {
		s->app_len = 0;		/* unread data is dropped */
		rec_alert(s, ALERT_CLOSE_NOTIFY);
		s->is_closing = true;
	}
	/* Until the server's close_notify, EOF or any error. */
	for (;;) {
		int rc = pump(s, fd, events, &ignored);

		s->app_len = 0;
		if (rc == 0) {
			return TLS_AGAIN;
		}
		if (rc < 0) {
			return TLS_DONE;
		}
	}
}

/* see tls.h */
enum tls_status
tls_app_write(struct tls_sess *s, int fd, const unsigned char *buf,
    size_t len, size_t *done, short *events, struct result *res)
{
	for (;;) {
		size_t start;
		size_t end;
		size_t room;
		int rc = flush(s, fd, events);

		if (rc < 0) {
			result_fail_sys(res, CK_E_IO, errno);
			return TLS_FAIL;
		}
		if (rc == 0) {
			return TLS_AGAIN;
		}
		if (*done == len) {
			return TLS_DONE;
		}
		s->app_len = 0;
		room = rec_window(s, &start, &end);
		if (room > len - *done) {
			room = len - *done;
		}
		memcpy(s->buf + start, buf + *done, room);
		(void)rec_seal(s, REC_APP_DATA, start, room);
		*done += room;
	}
}

/* see tls.h */
enum tls_status
tls_app_read(struct tls_sess *s, int fd, unsigned char *buf, size_t cap,
    size_t *got, short *events, struct result *res)
{
	while (s->app_len == 0) {
		int rc = pump(s, fd, events, res);

		if (rc == 0) {
			return TLS_AGAIN;
		}
		if (rc < 0) {
			return failed(s, fd);
		}
	}
	*got = s->app_len < cap ? s->app_len : cap;
	memcpy(buf, s->buf + s->app_off, *got);
	s->app_off += *got;
	s->app_len -= *got;
	return TLS_DONE;
}

/* see tls.h */
const char *
tls_alpn(const struct tls_sess *s)
{
	return s->is_alpn_selected ? s->alpn : NULL;
}

/* see tls.h */
void
tls_params(const struct tls_sess *s, unsigned *version, unsigned *suite,
    unsigned *group, unsigned *scheme)
{
	*version = s->version;
	*suite = s->suite != NULL ? s->suite->id : 0;
	*group = s->group;
	*scheme = s->scheme;
}

/* see tls.h */
const char *
tls_version_name(unsigned version)
{
	switch (version) {
	case 0x0300: return "SSLv3";
	case 0x0301: return "TLSv1.0";
	case 0x0302: return "TLSv1.1";
	case 0x0303: return "TLSv1.2";
	case SPEC_TLS13: return "TLSv1.3";
	default: return "unknown";
	}
}

/* see tls.h */
const char *
tls_suite_name(unsigned suite)
{
	const struct tls_suite *su = tls_suite_find(suite);

	return su != NULL ? su->name : "unknown";
}

/* see tls.h */
const char *
tls_group_name(unsigned group)
{
	switch (group) {
	case 0: return "rsa";
	case BR_EC_secp256r1: return "secp256r1";
	case BR_EC_secp384r1: return "secp384r1";
	case BR_EC_secp521r1: return "secp521r1";
	case BR_EC_curve25519: return "x25519";
	default: return "unknown";
	}
}

/* see tls.h */
const char *
tls_scheme_name(unsigned scheme)
{
	static const struct {
		uint16_t id;
		const char *name;
	} names[] = {
		{ 0x0401, "rsa_pkcs1_sha256" }, { 0x0501, "rsa_pkcs1_sha384" },
		{ 0x0601, "rsa_pkcs1_sha512" },
		{ 0x0403, "ecdsa_secp256r1_sha256" },
		{ 0x0503, "ecdsa_secp384r1_sha384" },
		{ 0x0603, "ecdsa_secp521r1_sha512" },
		{ 0x0804, "rsa_pss_rsae_sha256" },
		{ 0x0805, "rsa_pss_rsae_sha384" },
		{ 0x0806, "rsa_pss_rsae_sha512" }, { 0x0807, "ed25519" },
		{ 0x0808, "ed448" }, { 0x0809, "rsa_pss_pss_sha256" },
		{ 0x080a, "rsa_pss_pss_sha384" },
		{ 0x080b, "rsa_pss_pss_sha512" }
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (names[i].id == scheme) {
			return names[i].name;
		}
	}
	return "unknown";
}
