/* SPDX-License-Identifier: MIT */
/*
 * tls: BearSSL client setup, getrandom() entropy, the non-blocking
 * handshake and the polite close.  The client profile is chosen on purpose
 * (see client_profile): what real servers negotiate with TLS 1.0-1.2.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>

#include "der.h"
#include "spec.h"
#include "tls.h"

/* TLS alert protocol_version (RFC 5246 7.2.2): the server speaks none of
 * the versions up to the one our ClientHello offers. */
#define ALERT_PROTOCOL_VERSION 70

/*
 * Forward secret suites first, then RSA key exchange for old servers.  No
 * 3DES, CCM or static ECDH: nothing we need to reach offers only those,
 * and each family costs code.
 */
static const struct {
	uint16_t id;
	const char *name;		/* OpenSSL's, as reports show it */
} client_suites[] = {
	{ BR_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
	    "ECDHE-ECDSA-CHACHA20-POLY1305" },
	{ BR_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
	    "ECDHE-RSA-CHACHA20-POLY1305" },
	{ BR_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
	    "ECDHE-ECDSA-AES128-GCM-SHA256" },
	{ BR_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
	    "ECDHE-RSA-AES128-GCM-SHA256" },
	{ BR_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
	    "ECDHE-ECDSA-AES256-GCM-SHA384" },
	{ BR_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
	    "ECDHE-RSA-AES256-GCM-SHA384" },
	{ BR_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
	    "ECDHE-ECDSA-AES128-SHA256" },
	{ BR_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
	    "ECDHE-RSA-AES128-SHA256" },
	{ BR_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384,
	    "ECDHE-ECDSA-AES256-SHA384" },
	{ BR_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384,
	    "ECDHE-RSA-AES256-SHA384" },
	{ BR_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, "ECDHE-ECDSA-AES128-SHA" },
	{ BR_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, "ECDHE-RSA-AES128-SHA" },
	{ BR_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, "ECDHE-ECDSA-AES256-SHA" },
	{ BR_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA, "ECDHE-RSA-AES256-SHA" },
	{ BR_TLS_RSA_WITH_AES_128_GCM_SHA256, "AES128-GCM-SHA256" },
	{ BR_TLS_RSA_WITH_AES_256_GCM_SHA384, "AES256-GCM-SHA384" },
	{ BR_TLS_RSA_WITH_AES_128_CBC_SHA256, "AES128-SHA256" },
	{ BR_TLS_RSA_WITH_AES_256_CBC_SHA256, "AES256-SHA256" },
	{ BR_TLS_RSA_WITH_AES_128_CBC_SHA, "AES128-SHA" },
	{ BR_TLS_RSA_WITH_AES_256_CBC_SHA, "AES256-SHA" }
};

#define N_SUITES (sizeof client_suites / sizeof client_suites[0])

static void
client_profile(br_ssl_client_context *sc)
{
	br_ssl_engine_context *eng = &sc->eng;
	uint16_t ids[N_SUITES];
	size_t i;

	br_ssl_client_zero(sc);
	br_ssl_engine_set_versions(eng, BR_TLS10, BR_TLS12);

	for (i = 0; i < N_SUITES; i++) {
		ids[i] = client_suites[i].id;
	}
	br_ssl_engine_set_suites(eng, ids, N_SUITES);
	br_ssl_client_set_default_rsapub(sc);
	br_ssl_engine_set_default_rsavrfy(eng);
	br_ssl_engine_set_default_ecdsa(eng);
	/* MD5 and SHA-1 only for TLS 1.0/1.1's PRF and signatures. */
	br_ssl_engine_set_hash(eng, br_md5_ID, &br_md5_vtable);
	br_ssl_engine_set_hash(eng, br_sha1_ID, &br_sha1_vtable);
	br_ssl_engine_set_hash(eng, br_sha224_ID, &br_sha224_vtable);
	br_ssl_engine_set_hash(eng, br_sha256_ID, &br_sha256_vtable);
	br_ssl_engine_set_hash(eng, br_sha384_ID, &br_sha384_vtable);
	br_ssl_engine_set_hash(eng, br_sha512_ID, &br_sha512_vtable);
	br_ssl_engine_set_prf10(eng, &br_tls10_prf);
	br_ssl_engine_set_prf_sha256(eng, &br_tls12_sha256_prf);
	br_ssl_engine_set_prf_sha384(eng, &br_tls12_sha384_prf);
	/* The 32-bit constant-time AES and GHASH on every CPU: one code
	 * path for all targets.  aes_ct64's CBC encryptor, the 64-bit
	 * default, leaves unused bitslice lanes unset, which valgrind
	 * reports once they are mixed into the record; a probe encrypts a
	 * few hundred bytes, so speed does not matter here. */
	br_ssl_engine_set_cbc(eng, &br_sslrec_in_cbc_vtable,
	    &br_sslrec_out_cbc_vtable);
	br_ssl_engine_set_aes_cbc(eng, &br_aes_ct_cbcenc_vtable,
	    &br_aes_ct_cbcdec_vtable);
	br_ssl_engine_set_gcm(eng, &br_sslrec_in_gcm_vtable,
	    &br_sslrec_out_gcm_vtable);
	br_ssl_engine_set_aes_ctr(eng, &br_aes_ct_ctr_vtable);
	br_ssl_engine_set_ghash(eng, &br_ghash_ctmul);
	/* Portable 32-bit Poly1305 only: the default also links the 64-bit
	 * variant (3 KB) to speed up a few KB of records per probe. */
	br_ssl_engine_set_chapol(eng, &br_sslrec_in_chapol_vtable,
	    &br_sslrec_out_chapol_vtable);
	br_ssl_engine_set_chacha20(eng, &br_chacha20_ct_run);
	br_ssl_engine_set_poly1305(eng, &br_poly1305_ctmul_run);
}

/* see tls.h */
int
tls_start(struct tls_sess *s, const char *sni, const struct identity *id,
    const char *alpn, unsigned vmin, unsigned vmax, struct x509_chain *chain,
    struct result *res)
{
	br_ssl_engine_context *eng = &s->sc.eng;
	unsigned char seed[32];
	ssize_t n;

	client_profile(&s->sc);
	s->vmin = vmin;
	s->vmax = vmax;
	s->hello_len = 0;
	/* What BearSSL speaks of the range: the ClientHello offers the top
	 * one, and a ServerHello below the bottom one fails the handshake
	 * (BR_ERR_UNSUPPORTED_VERSION), as OpenSSL's client does. */
	vmin = vmin < BR_TLS10 ? BR_TLS10 : vmin;
	vmax = vmax > BR_TLS12 ? BR_TLS12 : vmax;
	if (vmin > vmax) {
		return result_fail(res, CK_E_TLS, "no version ccheck speaks "
		    "in %s-%s", tls_version_name(s->vmin),
		    tls_version_name(s->vmax));
	}
	br_ssl_engine_set_versions(eng, vmin, vmax);
	x509_capture_init(&s->xc, chain);
	br_ssl_engine_set_x509(eng, &s->xc.vtable);
	br_ssl_engine_set_buffer(eng, s->iobuf, sizeof s->iobuf, 0);
	s->is_closing = false;
	/* One name: s->alpn is the engine's array, which must outlive it. */
	s->alpn[0] = alpn;
	if (alpn != NULL) {
		br_ssl_engine_set_protocol_names(eng, s->alpn, 1);
	}
	if (id != NULL && id->key_type == BR_KEYTYPE_RSA) {
		br_ssl_client_set_single_rsa(&s->sc, id->chain, id->chain_len,
		    &id->rsa, br_rsa_pkcs1_sign_get_default());
	} else if (id != NULL && id->key_type == BR_KEYTYPE_EC) {
		/* Signing only: static ECDH client keys are long dead. */
		br_ssl_client_set_single_ec(&s->sc, id->chain, id->chain_len,
		    &id->ec, BR_KEYTYPE_SIGN, BR_KEYTYPE_EC,
		    br_ec_get_default(), br_ecdsa_sign_asn1_get_default());
	}

	/*
	 * BearSSL 0.6 seeds itself only from /dev/urandom or RDRAND; a
	 * scratch container has neither file nor, on many CPUs, the
	 * instruction.  Inject getrandom() bytes between init and reset.
	 */
	do {
		n = getrandom(seed, sizeof seed, 0);
	} while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof seed) {
		return result_fail_sys(res, CK_E_TLS, n < 0 ? errno : EIO);
	}
	br_ssl_engine_inject_entropy(eng, seed, sizeof seed);
	memset(seed, 0, sizeof seed);
	if (!br_ssl_client_reset(&s->sc, sni, 0)) {
		res->br = br_ssl_engine_last_error(eng);
		return result_fail(res, CK_E_TLS, "bearssl error %d", res->br);
	}
	return 0;
}

/* Alert names of RFC 5246 7.2, worded as Go's crypto/tls prints them. */
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

/*
 * A fatal alert from the server, as one reason.  protocol_version refuses
 * the top version we offered and all below: when the range reaches past
 * what ccheck speaks, the server wants TLS 1.3; else it wants a version
 * above the range.
 */
static int
report_alert(const struct tls_sess *s, int alert, struct result *res)
{
	const char *name = alert_name(alert);

	if (alert == ALERT_PROTOCOL_VERSION && s->vmax > BR_TLS12) {
		return result_fail(res, CK_E_TLS13_ONLY, NULL);
	}
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
 * The server's ServerHello chose a version outside the range: which one,
 * when the first bytes it sent are a ServerHello (a record of type 22
 * whose first message is of type 2; RFC 5246 6.2.1, 7.4.1.3).
 */
static int
version_failure(const struct tls_sess *s, struct result *res)
{
	struct rd r;
	unsigned rec_type;
	unsigned msg_type;
	unsigned v;
	const char *name;

	rd_init(&r, s->hello, s->hello_len);
	rec_type = rd_u8(&r);
	rd_skip(&r, 4);			/* record version and length */
	msg_type = rd_u8(&r);
	rd_skip(&r, 3);			/* handshake message length */
	v = rd_u16be(&r);
	name = tls_version_name(v);
	if (r.bad || rec_type != 22 || msg_type != 2) {
		return result_fail(res, CK_E_TLS_VERSION, "a version outside "
		    "the allowed range %s-%s", tls_version_name(s->vmin),
		    tls_version_name(s->vmax));
	}
	if (strcmp(name, "unknown") == 0) {
		return result_fail(res, CK_E_TLS_VERSION, "version 0x%04x, "
		    "outside the allowed range %s-%s", v,
		    tls_version_name(s->vmin), tls_version_name(s->vmax));
	}
	return result_fail(res, CK_E_TLS_VERSION, "%s, outside the allowed "
	    "range %s-%s", name, tls_version_name(s->vmin),
	    tls_version_name(s->vmax));
}

/* Why the engine closed during the handshake, as one reason. */
static int
engine_failure(struct tls_sess *s, struct result *res)
{
	int err = br_ssl_engine_last_error(&s->sc.eng);

	res->br = err;
	if (s->xc.err != CK_E_OK) {
		return result_fail(res, s->xc.err, "%s", s->xc.why);
	}
	if (err == BR_ERR_OK) {
		return result_fail(res, CK_E_EOF, "during TLS handshake");
	}
	if (err >= BR_ERR_RECV_FATAL_ALERT && err < BR_ERR_SEND_FATAL_ALERT) {
		return report_alert(s, err - BR_ERR_RECV_FATAL_ALERT, res);
	}
	switch (err) {
	case BR_ERR_UNSUPPORTED_VERSION:
		return version_failure(s, res);
	case BR_ERR_BAD_CIPHER_SUITE:
		return result_fail(res, CK_E_TLS, "no common cipher suite");
	case BR_ERR_BAD_SIGNATURE:
		return result_fail(res, CK_E_TLS,
		    "server key exchange signature is invalid");
	case BR_ERR_UNKNOWN_TYPE:
	case BR_ERR_BAD_VERSION:
		return result_fail(res, CK_E_TLS, "server does not speak TLS");
	default:
		return result_fail(res, CK_E_TLS, "bearssl error %d", err);
	}
}

/*
 * Moves one batch of record bytes between the engine and fd: sends when
 * out, else receives; EINTR is retried.  Returns the bytes moved (the
 * engine is told), 0 at EOF, or -1 with errno (EAGAIN: *events set for
 * poll()).
 */
static ssize_t
move_record(struct tls_sess *s, int fd, bool out, short *events)
{
	br_ssl_engine_context *eng = &s->sc.eng;
	unsigned char *p;
	size_t len;
	ssize_t n;

	p = out ? br_ssl_engine_sendrec_buf(eng, &len)
	    : br_ssl_engine_recvrec_buf(eng, &len);
	do {
		n = out ? send(fd, p, len, MSG_NOSIGNAL) : recv(fd, p, len, 0);
	} while (n < 0 && errno == EINTR);
	if (n > 0 && out) {
		br_ssl_engine_sendrec_ack(eng, (size_t)n);
	} else if (n > 0) {
		br_ssl_engine_recvrec_ack(eng, (size_t)n);
	} else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
		*events = out ? POLLOUT : POLLIN;
	}
	return n;
}

/*
 * A server that rejects us (an unknown client CA, say) sends its alert
 * and closes; if our next write meets the closed socket first (EPIPE,
 * ECONNRESET), the alert may still wait in our receive queue, where the
 * engine (busy sending) will not look.  A plaintext fatal alert record
 * there is the server's reason: fills res and returns true.
 */
static bool
read_parting_alert(const struct tls_sess *s, int fd, struct result *res)
{
	unsigned char rec[7];

	/* Record: type 21 (alert), version 3.x, length 2; level 2 (fatal). */
	if (recv(fd, rec, sizeof rec, MSG_DONTWAIT) != (ssize_t)sizeof rec ||
	    rec[0] != 21 || rec[1] != 3 || rec[3] != 0 || rec[4] != 2 ||
	    rec[5] != 2) {
		return false;
	}
	report_alert(s, rec[6], res);
	return true;
}

/*
 * Before the engine reads the server's first bytes: keeps them in
 * s->hello (a peek, so they stay for the engine) and fails the handshake
 * when they are not TLS.  Returns 0 to go on, 1 to wait for them
 * (*events set), -1 with res set (a socket error too).  At end of file
 * it goes on: the engine's own read reports it as before.  A ServerHello
 * comes in one segment: the first one holds its version for
 * version_failure.
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
		/* A socket error is told once: this was its telling. */
		return result_fail_sys(res, CK_E_IO, errno);
	}
	if (n == 0) {
		return 0;
	}
	s->hello_len = (size_t)n;
	/* Only direct PostgreSQL offers ALPN: pg_direct_refused tells
	 * what to do there, so the answer gets no hint of ours. */
	return sniff_reply(s->hello, (size_t)n, s->alpn[0] == NULL, res);
}

/*
 * Moves records between the engine and fd until the engine wants the
 * application side (want_app: handshake done) or closes.  The shape of
 * STYLE habit 3: flush before reading, never block.
 */
static enum tls_status
pump(struct tls_sess *s, int fd, short *events, bool is_closing,
    struct result *res)
{
	br_ssl_engine_context *eng = &s->sc.eng;

	for (;;) {
		unsigned st = br_ssl_engine_current_state(eng);
		bool out = (st & BR_SSL_SENDREC) != 0;
		size_t len;
		ssize_t n;

		if (st & BR_SSL_CLOSED) {
			if (is_closing) {
				return TLS_DONE;
			}
			engine_failure(s, res);
			return TLS_FAIL;
		}
		if (!out && (st & BR_SSL_RECVAPP)) {
			/* Data after the handshake is not ours: discard. */
			(void)br_ssl_engine_recvapp_buf(eng, &len);
			br_ssl_engine_recvapp_ack(eng, len);
			continue;
		}
		if (!out && !is_closing && (st & BR_SSL_SENDAPP)) {
			return TLS_DONE;
		}
		if (!out && !(st & BR_SSL_RECVREC)) {
			result_fail(res, CK_E_TLS, "engine stalled");
			return TLS_FAIL;
		}
		if (!out && s->hello_len == 0) {
			int rc = sniff_first(s, fd, events, res);

			if (rc != 0) {
				return rc > 0 ? TLS_AGAIN : TLS_FAIL;
			}
		}
		n = move_record(s, fd, out, events);
		if (n > 0) {
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			return TLS_AGAIN;
		}
		if (is_closing) {
			return TLS_DONE;	/* EOF or error: drained */
		}
		if (n < 0 && out && read_parting_alert(s, fd, res)) {
			return TLS_FAIL;
		}
		if (n == 0) {
			/* The engine may know better: a sent alert. */
			if (s->xc.err != CK_E_OK) {
				result_fail(res, s->xc.err, "%s", s->xc.why);
			} else {
				result_fail(res, CK_E_EOF, "during TLS handshake");
			}
		} else {
			result_fail_sys(res, CK_E_IO, errno);
		}
		return TLS_FAIL;
	}
}

/*
 * One record move for the application-data steps: sends pending records
 * first, else reads.  Returns TLS_DONE after progress, TLS_AGAIN with
 * *events set, TLS_FAIL with res set.
 */
static enum tls_status
app_io(struct tls_sess *s, int fd, short *events, struct result *res)
{
	br_ssl_engine_context *eng = &s->sc.eng;
	unsigned st = br_ssl_engine_current_state(eng);
	bool out = (st & BR_SSL_SENDREC) != 0;
	ssize_t n;

	if (st & BR_SSL_CLOSED) {
		/* BR_ERR_OK: the server's close_notify. */
		if (br_ssl_engine_last_error(eng) == BR_ERR_OK) {
			result_fail(res, CK_E_EOF, "after TLS handshake");
		} else {
			engine_failure(s, res);
		}
		return TLS_FAIL;
	}
	if (!out && !(st & BR_SSL_RECVREC)) {
		result_fail(res, CK_E_TLS, "engine stalled");
		return TLS_FAIL;
	}
	n = move_record(s, fd, out, events);
	if (n > 0) {
		return TLS_DONE;
	}
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
		return TLS_AGAIN;
	}
	if (n == 0) {
		result_fail(res, CK_E_EOF, "after TLS handshake");
	} else {
		result_fail_sys(res, CK_E_IO, errno);
	}
	return TLS_FAIL;
}

/* see tls.h */
enum tls_status
tls_app_write(struct tls_sess *s, int fd, const unsigned char *buf,
    size_t len, size_t *done, short *events, struct result *res)
{
	br_ssl_engine_context *eng = &s->sc.eng;
	enum tls_status io;

	for (;;) {
		unsigned st = br_ssl_engine_current_state(eng);
		unsigned char *p;
		size_t room;

		if (*done < len && !(st & BR_SSL_SENDREC) &&
		    (st & BR_SSL_SENDAPP)) {
			p = br_ssl_engine_sendapp_buf(eng, &room);
			if (room > len - *done) {
				room = len - *done;
			}
			memcpy(p, buf + *done, room);
			br_ssl_engine_sendapp_ack(eng, room);
			*done += room;
			if (*done == len) {
				br_ssl_engine_flush(eng, 0);
			}
			continue;
		}
		if (*done == len && !(st & BR_SSL_SENDREC) &&
		    !(st & BR_SSL_CLOSED)) {
			return TLS_DONE;
		}
		io = app_io(s, fd, events, res);
		if (io != TLS_DONE) {
			return io;
		}
	}
}

/* see tls.h */
enum tls_status
tls_app_read(struct tls_sess *s, int fd, unsigned char *buf, size_t cap,
    size_t *got, short *events, struct result *res)
{
	br_ssl_engine_context *eng = &s->sc.eng;
	enum tls_status io;

	for (;;) {
		unsigned st = br_ssl_engine_current_state(eng);
		unsigned char *p;
		size_t len;

		if (!(st & BR_SSL_SENDREC) && (st & BR_SSL_RECVAPP)) {
			p = br_ssl_engine_recvapp_buf(eng, &len);
			if (len > cap) {
				len = cap;
			}
			memcpy(buf, p, len);
			br_ssl_engine_recvapp_ack(eng, len);
			*got = len;
			return TLS_DONE;
		}
		io = app_io(s, fd, events, res);
		if (io != TLS_DONE) {
			return io;
		}
	}
}

/* see tls.h */
enum tls_status
tls_handshake_step(struct tls_sess *s, int fd, short *events,
    struct result *res)
{
	return pump(s, fd, events, false, res);
}

/* see tls.h */
enum tls_status
tls_close_step(struct tls_sess *s, int fd, short *events)
{
	struct result ignored;

	if (!s->is_closing) {
		br_ssl_engine_close(&s->sc.eng);
		s->is_closing = true;
	}
	memset(&ignored, 0, sizeof ignored);
	return pump(s, fd, events, true, &ignored) == TLS_AGAIN ? TLS_AGAIN
	    : TLS_DONE;
}

/* see tls.h */
const char *
tls_alpn(struct tls_sess *s)
{
	return br_ssl_engine_get_selected_protocol(&s->sc.eng);
}

/* see tls.h */
void
tls_params(const struct tls_sess *s, unsigned *version, unsigned *suite)
{
	br_ssl_session_parameters pp;

	br_ssl_engine_get_session_parameters(&s->sc.eng, &pp);
	*version = br_ssl_engine_get_version(&s->sc.eng);
	*suite = pp.cipher_suite;
}

/* see tls.h */
const char *
tls_version_name(unsigned version)
{
	switch (version) {
	case BR_SSL30: return "SSLv3";
	case BR_TLS10: return "TLSv1.0";
	case BR_TLS11: return "TLSv1.1";
	case BR_TLS12: return "TLSv1.2";
	case SPEC_TLS13: return "TLSv1.3";
	default: return "unknown";
	}
}

/* see tls.h */
const char *
tls_suite_name(unsigned suite)
{
	size_t i;

	for (i = 0; i < N_SUITES; i++) {
		if (client_suites[i].id == suite) {
			return client_suites[i].name;
		}
	}
	return "unknown";
}
