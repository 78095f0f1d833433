/* SPDX-License-Identifier: MIT */
/*
 * test_tls13: our TLS client replaying RFC 8448 section 3 ("Simple 1-RTT
 * Handshake", tests/unit/data/rfc8448.txt).  The trace's ClientHello
 * and X25519 key are put in a session as if we had sent them, and the
 * server's records go through the engine's own functions: every secret,
 * key and IV, the decrypted messages, the server's CertificateVerify
 * (rsa_pss_rsae_sha256, RSA-1024) and Finished, our Finished record and
 * the application traffic must be the RFC's bytes.  Then hostile
 * variants of the trace and of section 5's HelloRetryRequest, each of
 * which must fail with its reason (and the alert we send), never crash.
 */
#include "t.h"
#include "t_tls.h"

#define RFC "rfc8448.txt"

/* The trace, loaded once. */
static struct {
	unsigned char ch[196], sh[90], flight[657], priv[32], shared[32];
	unsigned char hs[32], c_hs[32], s_hs[32], s_fin[32];
	unsigned char c_ap[32], s_ap[32];
	unsigned char rec_flight[679], rec_c_fin[58], rec_ticket[227];
	unsigned char ticket[205], rec_c_data[72], rec_s_data[72];
	unsigned char rec_c_alert[24], rec_s_alert[24];
	unsigned char s_hs_key[16], s_hs_iv[12], c_hs_key[16], c_hs_iv[12];
	unsigned char s_ap_key[16], s_ap_iv[12], c_ap_key[16], c_ap_iv[12];
	unsigned char hrr[176];
} R;

/* The messages of the server's flight: offsets into R.flight. */
#define EE_AT	0
#define CERT_AT	40
#define CV_AT	485
#define FIN_AT	621
#define FLIGHT_LEN 657
/* The server's X25519 point in R.sh. */
#define SH_PUB_AT 52

static struct t_conn conn;		/* big: keep off the stack */
static struct tls_sess srv;		/* the server's side, to seal */

#define LOAD(field, name) \
	CHECK_INT(t_vec(RFC, name, R.field, sizeof R.field), \
	    sizeof R.field, "vector " name)

static void
load(void)
{
	LOAD(ch, "client_hello");
	LOAD(sh, "server_hello");
	LOAD(flight, "server_flight");
	LOAD(priv, "client_private_key");
	LOAD(shared, "shared_secret");
	LOAD(hs, "handshake_secret");
	LOAD(c_hs, "client_handshake_secret");
	LOAD(s_hs, "server_handshake_secret");
	LOAD(s_fin, "server_verify_data");
	LOAD(c_ap, "client_application_secret");
	LOAD(s_ap, "server_application_secret");
	LOAD(rec_flight, "record_server_flight");
	LOAD(rec_c_fin, "record_client_finished");
	LOAD(rec_ticket, "record_ticket");
	LOAD(ticket, "ticket_payload");
	LOAD(rec_c_data, "record_client_data");
	LOAD(rec_s_data, "record_server_data");
	LOAD(rec_c_alert, "record_client_alert");
	LOAD(rec_s_alert, "record_server_alert");
	LOAD(s_hs_key, "server_handshake_key");
	LOAD(s_hs_iv, "server_handshake_iv");
	LOAD(c_hs_key, "client_handshake_key");
	LOAD(c_hs_iv, "client_handshake_iv");
	LOAD(s_ap_key, "server_application_key");
	LOAD(s_ap_iv, "server_application_iv");
	LOAD(c_ap_key, "client_application_key");
	LOAD(c_ap_iv, "client_application_iv");
	LOAD(hrr, "hrr");
}

/*
 * A client that sent the trace's ClientHello and got its ServerHello:
 * tls_start's session with the trace's random and X25519 key, the trace's
 * ClientHello in the transcript, then hello_server's work done here.
 * hello_server itself refuses the trace's ServerHello: the trace's
 * client sent an empty legacy_session_id, ours always sends 32 bytes and
 * wants them echoed (RFC 8446 4.1.3); test_server_hello feeds it the
 * same ServerHello with our session id.  With check, asserts the ECDHE
 * and handshake secrets on the way.
 */
static int
rfc_start(struct t_conn *c, bool check)
{
	struct tls_sess *s = &c->s;
	int rc;

	if (t_conn_start(c, 0x0301, SPEC_TLS13) < 0) {
		return -1;
	}
	memcpy(s->client_random, R.ch + 6, 32);
	memset(s->share, 0, sizeof s->share);
	s->share[0].group = BR_EC_curve25519;
	memcpy(s->share[0].sk, R.priv, 32);
	s->share[0].sk_len = 32;
	br_multihash_init(&s->transcript);
	hs_hash(s, R.ch, sizeof R.ch);

	memcpy(s->server_random, R.sh + 6, 32);
	s->version = SPEC_TLS13;
	s->suite = tls_suite_find(0x1301);
	hs_hash(s, R.sh, sizeof R.sh);
	rc = hello_ecdh(s, &s->share[0], R.sh + SH_PUB_AT, 32);
	if (check) {
		CHECK_INT(rc, 0, "RFC 8448: X25519");
		CHECK_INT(s->secret_len, 32, "RFC 8448: shared secret length");
		CHECK_MEM(s->secret, R.shared, 32, "RFC 8448: shared secret");
	}
	memset(s->share, 0, sizeof s->share);
	s->group = BR_EC_curve25519;
	keys_handshake13(s);
	rec_set13_read(s, s->s_secret);
	s->expect = EXP_ENCRYPTED_EXTENSIONS;
	s->hello_len = 1;	/* the ServerHello came: nothing to sniff */
	if (check) {
		CHECK_MEM(s->secret, R.hs, 32, "RFC 8448: handshake secret");
		CHECK_MEM(s->c_secret, R.c_hs, 32,
		    "RFC 8448: client handshake traffic secret");
		CHECK_MEM(s->s_secret, R.s_hs, 32,
		    "RFC 8448: server handshake traffic secret");
	}
	return rc;
}

/*
 * The trace's EncryptedExtensions taken as hs_message would, less its
 * check: the trace's client offered record_size_limit (RFC 8449), which
 * the server acknowledges there; ours never offers it, and refuses it
 * (test_rfc8448 asserts so).
 */
static void
rfc_ee(struct t_conn *c)
{
	hs_hash(&c->s, R.flight + EE_AT, CERT_AT - EE_AT);
	c->s.expect = EXP_CERT_OR_REQUEST;
}

/* The server's side: seals with the TLS 1.3 traffic secret given. */
static void
srv_init(const unsigned char *secret)
{
	memset(&srv, 0, offsetof(struct tls_sess, buf));
	srv.version = SPEC_TLS13;
	srv.suite = tls_suite_find(0x1301);
	rec_set13_write(&srv, secret);
}

/* Seals p/len as the next record of type and sends it to c. */
static void
srv_send(struct t_conn *c, int type, const unsigned char *p, size_t len)
{
	size_t start;
	size_t end;

	srv.out_len = 0;
	if (rec_window(&srv, &start, &end) < len) {
		t_report(0, __FILE__, __LINE__, "srv_send: too long", NULL);
		return;
	}
	memcpy(srv.buf + start, p, len);
	(void)rec_seal(&srv, type, start, len);
	t_conn_send(c, srv.buf, srv.out_len);
}

/* Copies a handshake message where take_handshake would hand it over
 * (the chain's free tail) and runs hs_message on it. */
static int
message(struct tls_sess *s, const unsigned char *msg, size_t len,
    struct result *res)
{
	unsigned char *at = s->chain->buf + s->chain->used;

	memcpy(at, msg, len);
	return hs_message(s, at, len, res);
}

/* Puts a whole record (header included) in s->buf and opens it. */
static int
open_record(struct tls_sess *s, const unsigned char *rec, size_t len,
    int *type, unsigned char **p, size_t *plen)
{
	memcpy(s->buf, rec, len);
	s->in_len = len;
	return rec_open(s, type, p, plen);
}

/* The key of a traffic secret, as rec_set13_* derives it (7.3). */
static void
traffic_key(const struct tls_sess *s, const unsigned char *secret,
    unsigned char key[16])
{
	keys_expand_label(s, secret, "key", NULL, 0, key, 16);
}

/* ---- the trace, message by message ------------------------------------- */

static void
test_rfc8448(void)
{
	static const unsigned char ccs[6] = { 20, 3, 3, 0, 1, 1 };
	struct tls_sess *s = &conn.s;
	struct result res;
	unsigned char data[50];
	unsigned char key[16];
	unsigned char fin[32];
	unsigned char *p;
	size_t start;
	size_t end;
	size_t len;
	size_t i;
	int type;

	if (rfc_start(&conn, true) < 0) {
		return;
	}
	memset(&res, 0, sizeof res);
	CHECK_MEM(s->rd.u.a13.iv, R.s_hs_iv, 12, "RFC 8448: server hs IV");
	traffic_key(s, s->s_secret, key);
	CHECK_MEM(key, R.s_hs_key, 16, "RFC 8448: server hs key");
	traffic_key(s, s->c_secret, key);
	CHECK_MEM(key, R.c_hs_key, 16, "RFC 8448: client hs key");

	/* Our sealing is the server's too: the same record, byte for byte. */
	srv_init(R.s_hs);
	srv.out_len = 0;
	rec_window(&srv, &start, &end);
	memcpy(srv.buf + start, R.flight, FLIGHT_LEN);
	CHECK_INT(rec_seal(&srv, REC_HANDSHAKE, start, FLIGHT_LEN), 0,
	    "RFC 8448: seal the server flight");
	CHECK_INT(srv.out_len, sizeof R.rec_flight,
	    "RFC 8448: sealed flight length");
	CHECK_MEM(srv.buf, R.rec_flight, sizeof R.rec_flight,
	    "RFC 8448: sealed flight is the RFC's record");

	CHECK_INT(open_record(s, R.rec_flight, sizeof R.rec_flight, &type,
	    &p, &len), 0, "RFC 8448: server flight decrypts");
	CHECK_INT(type, REC_HANDSHAKE, "RFC 8448: flight is handshake");
	CHECK_INT(len, FLIGHT_LEN, "RFC 8448: flight length");
	CHECK_MEM(p, R.flight, FLIGHT_LEN, "RFC 8448: flight plaintext");
	s->in_len = 0;

	CHECK_INT(hello_encrypted_extensions(s, R.flight + EE_AT,
	    CERT_AT - EE_AT, &res), -1,
	    "RFC 8448: EE's record_size_limit, never offered, refused");
	CHECK_STR(res.detail, "malformed or unexpected EncryptedExtensions",
	    "RFC 8448: EE refused");
	memset(&res, 0, sizeof res);
	s->out_len = 0;			/* the alert */
	rfc_ee(&conn);
	CHECK(!s->is_alpn_selected);
	CHECK_INT(message(s, R.flight + CERT_AT, CV_AT - CERT_AT, &res), 0,
	    "RFC 8448: Certificate");
	CHECK_INT(conn.chain.n, 1, "RFC 8448: one certificate");
	CHECK_INT(conn.chain.len[0], 0x1b0, "RFC 8448: certificate length");
	CHECK_MEM(conn.chain.buf, R.flight + CERT_AT + 11, 0x1b0,
	    "RFC 8448: certificate kept in place");
	CHECK_INT(s->cap_err, CK_E_OK, "RFC 8448: RSA-1024 leaf usable");
	CHECK_INT(message(s, R.flight + CV_AT, FIN_AT - CV_AT, &res), 0,
	    "RFC 8448: CertificateVerify (rsa_pss_rsae_sha256) verifies");
	CHECK_STR(res.detail, "", "RFC 8448: no failure");
	CHECK_INT(s->scheme, 0x0804, "RFC 8448: scheme");
	keys_finished13(s, s->s_secret, fin);
	CHECK_MEM(fin, R.s_fin, 32, "RFC 8448: server verify_data");
	CHECK_INT(s->out_len, 0, "RFC 8448: nothing queued yet");
	CHECK_INT(message(s, R.flight + FIN_AT, FLIGHT_LEN - FIN_AT, &res),
	    0, "RFC 8448: server Finished verifies");
	CHECK(s->is_done);
	CHECK_INT(s->expect, EXP_NOTHING, "RFC 8448: handshake done");

	/* Our flight: the compatibility CCS, then the RFC's Finished. */
	CHECK_INT(s->out_len, sizeof ccs + sizeof R.rec_c_fin,
	    "RFC 8448: our flight's length");
	CHECK_MEM(s->buf, ccs, sizeof ccs, "RFC 8448: our CCS");
	CHECK_MEM(s->buf + sizeof ccs, R.rec_c_fin, sizeof R.rec_c_fin,
	    "RFC 8448: our Finished record is the RFC's");

	/* Application traffic secrets and keys. */
	CHECK_MEM(s->s_secret, R.s_ap, 32,
	    "RFC 8448: server application traffic secret");
	CHECK_MEM(s->rd.u.a13.iv, R.s_ap_iv, 12, "RFC 8448: server ap IV");
	CHECK_MEM(s->wr.u.a13.iv, R.c_ap_iv, 12, "RFC 8448: client ap IV");
	traffic_key(s, s->s_secret, key);
	CHECK_MEM(key, R.s_ap_key, 16, "RFC 8448: server ap key");
	traffic_key(s, R.c_ap, key);
	CHECK_MEM(key, R.c_ap_key, 16, "RFC 8448: client ap key");
	CHECK(s->secret[0] == 0 && s->c_secret[0] == 0);

	/* The ticket (dropped), then the echoed data and close_notify. */
	CHECK_INT(open_record(s, R.rec_ticket, sizeof R.rec_ticket, &type,
	    &p, &len), 0, "RFC 8448: ticket decrypts");
	CHECK_INT(len, sizeof R.ticket, "RFC 8448: ticket length");
	CHECK_MEM(p, R.ticket, sizeof R.ticket, "RFC 8448: ticket");
	CHECK_INT(message(s, p, len, &res), 0, "RFC 8448: ticket ignored");
	for (i = 0; i < sizeof data; i++) {
		data[i] = (unsigned char)i;
	}
	s->out_len = 0;
	rec_window(s, &start, &end);
	memcpy(s->buf + start, data, sizeof data);
	CHECK_INT(rec_seal(s, REC_APP_DATA, start, sizeof data), 0,
	    "RFC 8448: seal our data");
	CHECK_MEM(s->buf, R.rec_c_data, sizeof R.rec_c_data,
	    "RFC 8448: our application data record is the RFC's");
	CHECK_INT(open_record(s, R.rec_s_data, sizeof R.rec_s_data, &type,
	    &p, &len), 0, "RFC 8448: server data decrypts");
	CHECK_INT(type, REC_APP_DATA, "RFC 8448: server data type");
	CHECK_INT(len, sizeof data, "RFC 8448: server data length");
	CHECK_MEM(p, data, sizeof data, "RFC 8448: server data");
	CHECK_INT(open_record(s, R.rec_s_alert, sizeof R.rec_s_alert, &type,
	    &p, &len), 0, "RFC 8448: server alert decrypts");
	CHECK(type == REC_ALERT && len == 2 && p[0] == 1 && p[1] == 0);
	s->out_len = 0;
	rec_alert(s, ALERT_CLOSE_NOTIFY);
	CHECK_INT(s->out_len, sizeof R.rec_c_alert, "RFC 8448: our alert");
	CHECK_MEM(s->buf, R.rec_c_alert, sizeof R.rec_c_alert,
	    "RFC 8448: our close_notify is the RFC's");
	t_conn_end(&conn);
}

/*
 * The same through the socket driver: the flight after EE in records of
 * step bytes (one record when step is large; messages split across
 * records are reassembled), and our Finished must still be the RFC's.
 */
static void
test_rfc8448_driven(size_t step)
{
	size_t off;

	if (rfc_start(&conn, false) < 0) {
		return;
	}
	rfc_ee(&conn);
	srv_init(R.s_hs);
	for (off = CERT_AT; off < FLIGHT_LEN; off += step) {
		srv_send(&conn, REC_HANDSHAKE, R.flight + off,
		    FLIGHT_LEN - off < step ? FLIGHT_LEN - off : step);
	}
	CHECK_INT(t_conn_step(&conn), TLS_DONE, "driven RFC 8448 handshake");
	CHECK_STR(conn.res.detail, "", "driven RFC 8448: no failure");
	t_conn_sent(&conn);
	CHECK_INT(conn.sent_len, 6 + sizeof R.rec_c_fin,
	    "driven RFC 8448: CCS and Finished sent");
	CHECK_MEM(conn.sent + 6, R.rec_c_fin, sizeof R.rec_c_fin,
	    "driven RFC 8448: our Finished is the RFC's");
	CHECK_INT(conn.s.hs_len, 0, "driven RFC 8448: nothing left over");
	t_conn_end(&conn);
}

/*
 * After the handshake: a ticket is dropped, a KeyUpdate turns the read
 * keys ("traffic upd", RFC 8446 7.2), and nothing may follow it in its
 * record.
 */
static void
test_key_update(void)
{
	static const unsigned char ku[5] = { HS_KEY_UPDATE, 0, 0, 1, 0 };
	unsigned char next[32];
	unsigned char two[10];
	unsigned char got[16];
	struct result res;
	size_t n = 0;
	short events;

	if (rfc_start(&conn, false) < 0) {
		return;
	}
	rfc_ee(&conn);
	srv_init(R.s_hs);
	srv_send(&conn, REC_HANDSHAKE, R.flight + CERT_AT,
	    FLIGHT_LEN - CERT_AT);
	CHECK_INT(t_conn_step(&conn), TLS_DONE, "KeyUpdate: handshake");
	srv_init(R.s_ap);
	srv_send(&conn, REC_HANDSHAKE, R.ticket, sizeof R.ticket);
	srv_send(&conn, REC_HANDSHAKE, ku, sizeof ku);
	keys_expand_label(&srv, R.s_ap, "traffic upd", NULL, 0, next, 32);
	srv_init(next);
	srv_send(&conn, REC_APP_DATA, (const unsigned char *)"hi", 2);
	memset(&res, 0, sizeof res);
	CHECK_INT(tls_app_read(&conn.s, conn.fd[0], got, sizeof got, &n,
	    &events, &res), TLS_DONE, "KeyUpdate: data under the new keys");
	CHECK(n == 2 && memcmp(got, "hi", 2) == 0);
	memcpy(two, ku, 5);
	memcpy(two + 5, ku, 5);
	srv_send(&conn, REC_HANDSHAKE, two, sizeof two);
	CHECK_INT(tls_app_read(&conn.s, conn.fd[0], got, sizeof got, &n,
	    &events, &res), TLS_FAIL, "two KeyUpdates in one record");
	CHECK_STR(res.detail, "handshake message across a key change",
	    "two KeyUpdates in one record: reason");
	t_conn_end(&conn);
}

/* ---- hostile variants --------------------------------------------------- */

/*
 * The last alert record the client sent in the clear (our handshake
 * alerts go out before our own keys): its description, or -1.
 */
static int
sent_alert(struct t_conn *c)
{
	size_t i;

	t_conn_sent(c);
	for (i = 0; i + 7 <= c->sent_len; i += 5 + ((size_t)c->sent[i + 3] <<
	    8 | c->sent[i + 4])) {
		if (c->sent[i] == REC_ALERT && i + 7 == c->sent_len) {
			return c->sent[i + 6];
		}
	}
	return -1;
}

/* Asserts that c failed with err, detail and (unless -1) alert. */
static void
expect_fail(struct t_conn *c, enum tls_status st, enum ck_err err,
    const char *detail, int alert, const char *what)
{
	char name[160];

	snprintf(name, sizeof name, "%s: fails", what);
	CHECK_INT(st, TLS_FAIL, name);
	snprintf(name, sizeof name, "%s: reason", what);
	CHECK_INT(c->res.err, err, name);
	if (detail != NULL) {
		snprintf(name, sizeof name, "%s: detail", what);
		CHECK_STR(c->res.detail, detail, name);
	}
	if (alert >= 0) {
		snprintf(name, sizeof name, "%s: alert", what);
		CHECK_INT(sent_alert(c), alert, name);
	}
	t_conn_end(c);
}

/*
 * The trace up to EncryptedExtensions (taken unless with_ee: then p
 * starts with it), then p/len sealed in one record as the rest.
 */
static enum tls_status
flight_from(bool with_ee, const unsigned char *p, size_t len)
{
	if (rfc_start(&conn, false) < 0) {
		return TLS_AGAIN;
	}
	if (!with_ee) {
		rfc_ee(&conn);
	}
	srv_init(R.s_hs);
	srv_send(&conn, REC_HANDSHAKE, p, len);
	return t_conn_step(&conn);
}

/* After EE: p/len from Certificate on. */
static enum tls_status
flight(const unsigned char *p, size_t len)
{
	return flight_from(false, p, len);
}

static unsigned char buf[4096];

/* Joins R.flight's ranges [a, b) ... (pairs, ending with 0, 0) into buf. */
static size_t
pick(size_t a, size_t b, ...)
{
	va_list ap;
	size_t n = 0;

	va_start(ap, b);
	while (a != b) {
		memcpy(buf + n, R.flight + a, b - a);
		n += b - a;
		a = va_arg(ap, size_t);
		b = va_arg(ap, size_t);
	}
	va_end(ap);
	return n;
}

/* Offsets in buf after pick(CERT_AT, ...). */
#define C(x) ((x) - CERT_AT)

static void
test_flight_hostile(void)
{
	static const unsigned char ee_mfl[] = {
		8, 0, 0, 6, 0, 4, 0, 1, 0, 0		/* max_fragment_length */
	};
	static const unsigned char ee_ks[] = {
		8, 0, 0, 10, 0, 8, 0, 51, 0, 4, 0, 29, 0, 0
	};
	static const unsigned char ee_alpn[] = {
		8, 0, 0, 11, 0, 9, 0, 16, 0, 5, 0, 3, 2, 'h', '2'
	};
	static const unsigned char ee_groups[] = {
		8, 0, 0, 8, 0, 6, 0, 10, 0, 2, 0, 29	/* fine */
	};
	size_t n;

	/* EncryptedExtensions. */
	expect_fail(&conn, flight_from(true, R.flight, FLIGHT_LEN), CK_E_TLS,
	    "malformed or unexpected EncryptedExtensions", 47,
	    "the trace's EE (record_size_limit) to us");
	n = pick(0, FLIGHT_LEN, 0, 0);
	buf[3] = 0x20;			/* EE shorter than its contents */
	expect_fail(&conn, flight_from(true, buf, n), CK_E_TLS,
	    "malformed or unexpected EncryptedExtensions", 47,
	    "EE length too short");
	expect_fail(&conn, flight_from(true, ee_mfl, sizeof ee_mfl),
	    CK_E_TLS, "malformed or unexpected EncryptedExtensions", 47,
	    "EE with an extension we did not offer");
	expect_fail(&conn, flight_from(true, ee_ks, sizeof ee_ks), CK_E_TLS,
	    "malformed or unexpected EncryptedExtensions", 47,
	    "EE with a key share");
	expect_fail(&conn, flight_from(true, ee_alpn, sizeof ee_alpn),
	    CK_E_TLS, "malformed or unexpected EncryptedExtensions", 47,
	    "EE with ALPN we did not offer");
	CHECK_INT(flight_from(true, ee_groups, sizeof ee_groups), TLS_AGAIN,
	    "EE with the server's groups: taken");
	CHECK_INT(conn.s.expect, EXP_CERT_OR_REQUEST, "EE: certificate next");
	t_conn_end(&conn);

	/* Lengths. */
	n = pick(CERT_AT, FLIGHT_LEN, 0, 0);
	buf[C(CERT_AT) + 1] = 0xff;	/* Certificate of 16 MB */
	expect_fail(&conn, flight(buf, n), CK_E_CHAIN_TOO_BIG, NULL, 40,
	    "Certificate length past any buffer");

	n = pick(CERT_AT, FLIGHT_LEN, 0, 0);
	buf[C(CERT_AT) + 2] = 0x03;	/* past the flight: waits, then EOF */
	CHECK_INT(flight(buf, n), TLS_AGAIN, "Certificate cut: waits");
	shutdown(conn.fd[1], SHUT_WR);
	expect_fail(&conn, t_conn_step(&conn), CK_E_EOF,
	    "during TLS handshake", -1, "Certificate cut, then EOF");

	n = pick(CERT_AT, FLIGHT_LEN, 0, 0);
	buf[C(CERT_AT) + 7] = 0xb4;	/* list shorter than its entry */
	expect_fail(&conn, flight(buf, n), CK_E_TLS,
	    "malformed Certificate message", 50, "Certificate list length");

	n = pick(CERT_AT, FLIGHT_LEN, 0, 0);
	buf[C(CERT_AT) + 10] = 0xb1;	/* entry longer than the list */
	expect_fail(&conn, flight(buf, n), CK_E_TLS,
	    "malformed Certificate message", 50, "certificate entry length");

	n = pick(CERT_AT, FLIGHT_LEN, 0, 0);
	buf[C(CERT_AT) + 4] = 1;	/* a request context */
	buf[C(CERT_AT) + 5] = 0;
	expect_fail(&conn, flight(buf, n), CK_E_TLS,
	    "server certificate with a request context", 50,
	    "Certificate with a request context");

	n = pick(CERT_AT, FLIGHT_LEN, 0, 0);
	buf[C(CV_AT) + 7] = 0x81;	/* signature past the message */
	expect_fail(&conn, flight(buf, n), CK_E_TLS,
	    "malformed CertificateVerify", 50, "CertificateVerify length");

	/* Signatures. */
	n = pick(CERT_AT, FLIGHT_LEN, 0, 0);
	buf[C(CV_AT) + 30] ^= 1;
	expect_fail(&conn, flight(buf, n), CK_E_TLS,
	    "server CertificateVerify signature is invalid", 51,
	    "bad CertificateVerify signature");

	n = pick(CERT_AT, FLIGHT_LEN, 0, 0);
	buf[C(CV_AT) + 4] = 4;		/* rsa_pkcs1_sha256: not in 1.3 */
	buf[C(CV_AT) + 5] = 1;
	expect_fail(&conn, flight(buf, n), CK_E_TLS,
	    "server CertificateVerify signature is invalid", 51,
	    "CertificateVerify with rsa_pkcs1_sha256");

	n = pick(CERT_AT, FLIGHT_LEN, 0, 0);
	buf[C(CV_AT) + 5] = 3;		/* ecdsa_secp256r1_sha256, RSA key */
	expect_fail(&conn, flight(buf, n), CK_E_TLS,
	    "server CertificateVerify signature is invalid", 51,
	    "CertificateVerify with a scheme for another key");

	/* Order. */
	n = pick(CERT_AT, CV_AT, FIN_AT, FLIGHT_LEN, 0, 0);
	expect_fail(&conn, flight(buf, n), CK_E_TLS,
	    "unexpected handshake message", 10,
	    "Finished before CertificateVerify");

	n = pick(CV_AT, FLIGHT_LEN, 0, 0);
	expect_fail(&conn, flight(buf, n), CK_E_TLS,
	    "unexpected handshake message", 10,
	    "CertificateVerify without Certificate");

	n = pick(FIN_AT, FLIGHT_LEN, 0, 0);
	expect_fail(&conn, flight(buf, n), CK_E_TLS,
	    "unexpected handshake message", 10, "Finished alone");

	n = pick(CERT_AT, FLIGHT_LEN, 0, 0);
	expect_fail(&conn, flight_from(true, buf, n), CK_E_TLS,
	    "unexpected handshake message", 10, "no EncryptedExtensions");

	memcpy(buf, R.sh, sizeof R.sh);
	memcpy(buf + sizeof R.sh, R.flight + CERT_AT, FLIGHT_LEN - CERT_AT);
	expect_fail(&conn, flight(buf, sizeof R.sh + FLIGHT_LEN - CERT_AT),
	    CK_E_TLS, "unexpected handshake message", 10,
	    "a second ServerHello, encrypted");

	/* Finished. */
	n = pick(CERT_AT, FLIGHT_LEN, 0, 0);
	buf[n - 1] ^= 0x80;
	expect_fail(&conn, flight(buf, n), CK_E_TLS,
	    "server Finished does not verify", 51, "bad Finished");

	n = pick(CERT_AT, FLIGHT_LEN, 0, 0);
	buf[C(FIN_AT) + 3] = 31;	/* a short Finished */
	expect_fail(&conn, flight(buf, n - 1), CK_E_TLS,
	    "server Finished does not verify", 51, "short Finished");

	/* The server's Finished changes the keys: nothing may follow it in
	 * its record (RFC 8446 5.1); our alert goes out encrypted. */
	n = pick(CERT_AT, FLIGHT_LEN, FIN_AT, FLIGHT_LEN, 0, 0);
	expect_fail(&conn, flight(buf, n), CK_E_TLS,
	    "handshake message across a key change", -1,
	    "a message after Finished in its record");

	/* Records the handshake keys do not open, or may not carry. */
	if (rfc_start(&conn, false) == 0) {
		t_conn_records(&conn, REC_HANDSHAKE, R.sh, sizeof R.sh, 16384);
		expect_fail(&conn, t_conn_step(&conn), CK_E_TLS,
		    "could not decrypt a record from the server", 20,
		    "a second ServerHello, in the clear");
	}
	if (rfc_start(&conn, false) == 0) {
		srv_init(R.s_ap);	/* the wrong keys */
		srv_send(&conn, REC_HANDSHAKE, R.flight, FLIGHT_LEN);
		expect_fail(&conn, t_conn_step(&conn), CK_E_TLS,
		    "could not decrypt a record from the server", 20,
		    "flight under other keys");
	}
	if (rfc_start(&conn, false) == 0) {
		srv_init(R.s_hs);
		srv_send(&conn, REC_APP_DATA, R.flight, 10);
		expect_fail(&conn, t_conn_step(&conn), CK_E_TLS,
		    "application data during the handshake", 10,
		    "application data before Finished");
	}
	if (rfc_start(&conn, false) == 0) {
		srv_init(R.s_hs);
		srv_send(&conn, REC_HANDSHAKE, R.flight, 0);
		expect_fail(&conn, t_conn_step(&conn), CK_E_TLS,
		    "empty handshake record", 10, "empty handshake record");
	}
	if (rfc_start(&conn, false) == 0) {
		static const unsigned char ccs[6] = { 20, 3, 3, 0, 1, 1 };

		t_conn_send(&conn, ccs, 6);	/* one is allowed (D.4) */
		t_conn_send(&conn, ccs, 6);
		expect_fail(&conn, t_conn_step(&conn), CK_E_TLS,
		    "unexpected ChangeCipherSpec", 10, "two CCS");
	}
}

/* ---- ServerHello and HelloRetryRequest ---------------------------------- */

/*
 * A ServerHello for c into buf: legacy version, random (NULL: the
 * trace's), our session id when echo, suite, then the extensions ext.
 */
static size_t
server_hello(struct t_conn *c, unsigned legacy, const unsigned char *random,
    bool echo, unsigned suite, const unsigned char *ext, size_t ext_len)
{
	struct put w;
	size_t msg;
	size_t exts;

	put_init(&w, buf, sizeof buf);
	put_u8(&w, HS_SERVER_HELLO);
	msg = put_open(&w, 3);
	put_u16(&w, legacy);
	put_bytes(&w, random != NULL ? random : R.sh + 6, 32);
	put_u8(&w, echo ? 32 : 0);
	put_bytes(&w, c->s.session_id, echo ? 32 : 0);
	put_u16(&w, suite);
	put_u8(&w, 0);
	exts = put_open(&w, 2);
	put_bytes(&w, ext, ext_len);
	put_close(&w, exts, 2);
	put_close(&w, msg, 3);
	return w.len;
}

/* Extensions of a TLS 1.3 ServerHello: supported_versions, key_share
 * (group, point pub/len), then extra/extra_len. */
static size_t
ext13(unsigned char *out, unsigned version, unsigned group,
    const unsigned char *pub, size_t len, const unsigned char *extra,
    size_t extra_len)
{
	struct put w;

	put_init(&w, out, 512);
	put_u16(&w, 43);
	put_u16(&w, 2);
	put_u16(&w, version);
	put_u16(&w, 51);
	put_u16(&w, 4 + len);
	put_u16(&w, group);
	put_u16(&w, len);
	put_bytes(&w, pub, len);
	put_bytes(&w, extra, extra_len);
	return w.len;
}

/* A fresh client for vmin..vmax answered by p/len. */
static enum tls_status
answer2(unsigned vmin, unsigned vmax, const unsigned char *p, size_t len)
{
	if (t_conn_start(&conn, vmin, vmax) < 0) {
		return TLS_AGAIN;
	}
	t_conn_records(&conn, REC_HANDSHAKE, p, len, 16384);
	return t_conn_step(&conn);
}

/* The same from TLS 1.0 up. */
static enum tls_status
answer(unsigned vmax, const unsigned char *p, size_t len)
{
	return answer2(0x0301, vmax, p, len);
}

/* TLS 1.3 ServerHello for a fresh client, into buf; answer(). */
static enum tls_status
answer13(unsigned suite, unsigned version, unsigned group,
    const unsigned char *pub, size_t pub_len, const unsigned char *extra,
    size_t extra_len, bool echo)
{
	unsigned char ext[512];
	size_t elen = ext13(ext, version, group, pub, pub_len, extra,
	    extra_len);
	size_t n;

	if (t_conn_start(&conn, 0x0301, SPEC_TLS13) < 0) {
		return TLS_AGAIN;
	}
	n = server_hello(&conn, 0x0303, NULL, echo, suite, ext, elen);
	t_conn_records(&conn, REC_HANDSHAKE, buf, n, 16384);
	return t_conn_step(&conn);
}

static void
test_server_hello(void)
{
	static const unsigned char sni[] = { 0, 0, 0, 0 };
	static const unsigned char early[] = { 0, 42, 0, 0 };
	static const unsigned char renego[] = { 0xff, 1, 0, 1, 0 };
	unsigned char ext[512];
	unsigned char rnd[32];
	unsigned char pt[65];
	const unsigned char *pub = R.sh + SH_PUB_AT;
	unsigned char zero[32];
	size_t elen;
	size_t n;

	/* The trace's ServerHello, echoing our session id: taken. */
	CHECK_INT(answer13(0x1301, SPEC_TLS13, 29, pub, 32, NULL, 0, true),
	    TLS_AGAIN, "RFC 8448 ServerHello with our session id");
	CHECK_STR(conn.res.detail, "", "RFC 8448 ServerHello: no failure");
	CHECK_INT(conn.s.version, SPEC_TLS13, "ServerHello: TLS 1.3");
	CHECK_INT(conn.s.group, 29, "ServerHello: x25519");
	CHECK_INT(conn.s.suite != NULL ? conn.s.suite->id : 0, 0x1301,
	    "ServerHello: suite");
	CHECK_INT(conn.s.expect, EXP_ENCRYPTED_EXTENSIONS,
	    "ServerHello: EE next");
	CHECK_INT(conn.s.rd.prot, PROT_13_GCM, "ServerHello: keys in");
	t_conn_end(&conn);

	/* As the trace has it: no session id echoed. */
	expect_fail(&conn, answer13(0x1301, SPEC_TLS13, 29, pub, 32, NULL, 0,
	    false), CK_E_TLS, "malformed TLS 1.3 ServerHello", 47,
	    "ServerHello without our session id");
	expect_fail(&conn, answer13(0x1304, SPEC_TLS13, 29, pub, 32, NULL, 0,
	    true), CK_E_TLS, "server chose a cipher suite we did not offer",
	    47, "ServerHello with TLS_AES_128_CCM_SHA256");
	expect_fail(&conn, answer13(0xc02f, SPEC_TLS13, 29, pub, 32, NULL, 0,
	    true), CK_E_TLS, "server chose a cipher suite we did not offer",
	    47, "TLS 1.3 ServerHello with a TLS 1.2 suite");
	expect_fail(&conn, answer13(0x1301, SPEC_TLS13, 24, pub, 32, NULL, 0,
	    true), CK_E_TLS, "malformed TLS 1.3 ServerHello", 47,
	    "ServerHello with a group we sent no share for");
	expect_fail(&conn, answer13(0x1301, SPEC_TLS13, 30, pub, 32, NULL, 0,
	    true), CK_E_TLS, "malformed TLS 1.3 ServerHello", 47,
	    "ServerHello with x448");
	expect_fail(&conn, answer13(0x1301, 0x0305, 29, pub, 32, NULL, 0,
	    true), CK_E_TLS, "server chose a version we did not offer", 47,
	    "ServerHello with version 0x0305");
	expect_fail(&conn, answer13(0x1301, SPEC_TLS13, 29, pub, 32, early,
	    sizeof early, true), CK_E_TLS,
	    "malformed or unexpected ServerHello extension", 47,
	    "ServerHello with early_data");
	expect_fail(&conn, answer13(0x1301, SPEC_TLS13, 29, pub, 32, sni,
	    sizeof sni, true), CK_E_TLS, "malformed TLS 1.3 ServerHello", 47,
	    "TLS 1.3 ServerHello with server_name");
	elen = ext13(ext, SPEC_TLS13, 29, pub, 32, NULL, 0);
	expect_fail(&conn, answer13(0x1301, SPEC_TLS13, 29, pub, 32, ext + 6,
	    elen - 6, true), CK_E_TLS,
	    "malformed or unexpected ServerHello extension", 47,
	    "ServerHello with two key shares");

	/* Invalid points. */
	memset(zero, 0, sizeof zero);
	expect_fail(&conn, answer13(0x1301, SPEC_TLS13, 29, zero, 32, NULL,
	    0, true), CK_E_TLS, "server key share is invalid", 47,
	    "x25519 share of order 1");
	expect_fail(&conn, answer13(0x1301, SPEC_TLS13, 29, pub, 31, NULL,
	    0, true), CK_E_TLS, "server key share is invalid", 47,
	    "x25519 share of 31 bytes");
	expect_fail(&conn, answer13(0x1301, SPEC_TLS13, 29, pub, 0, NULL,
	    0, true), CK_E_TLS, "server key share is invalid", 47,
	    "empty x25519 share");
	memset(pt, 1, sizeof pt);
	pt[0] = 4;
	expect_fail(&conn, answer13(0x1301, SPEC_TLS13, 23, pt, 65, NULL, 0,
	    true), CK_E_TLS, "server key share is invalid", 47,
	    "P-256 share off the curve");
	pt[0] = 2;
	expect_fail(&conn, answer13(0x1301, SPEC_TLS13, 23, pt, 33, NULL, 0,
	    true), CK_E_TLS, "server key share is invalid", 47,
	    "compressed P-256 share");

	/* A message longer than its record's contents, after the keys
	 * change: the rest would straddle them (RFC 8446 5.1). */
	if (t_conn_start(&conn, 0x0301, SPEC_TLS13) == 0) {
		elen = ext13(ext, SPEC_TLS13, 29, pub, 32, NULL, 0);
		n = server_hello(&conn, 0x0303, NULL, true, 0x1301, ext, elen);
		memcpy(buf + n, R.flight, 10);
		t_conn_records(&conn, REC_HANDSHAKE, buf, n + 10, 16384);
		expect_fail(&conn, t_conn_step(&conn), CK_E_TLS,
		    "handshake message across a key change", 10,
		    "EE in the ServerHello's record");
	}

	/* RFC 8446 4.1.3: a TLS 1.2 answer to our 1.3 offer with the
	 * downgrade sentinel. */
	memcpy(rnd, R.sh + 6, 32);
	memcpy(rnd + 24, "DOWNGRD\x01", 8);
	n = server_hello(&conn, 0x0303, rnd, false, 0xc02f, renego,
	    sizeof renego);
	expect_fail(&conn, answer(SPEC_TLS13, buf, n), CK_E_TLS,
	    "downgrade detected: the server speaks a newer version than it "
	    "chose", 47, "TLS 1.2 ServerHello with DOWNGRD 01");
	/* ... which is fine when we offered 1.2 at most. */
	CHECK_INT(answer(0x0303, buf, n), TLS_AGAIN,
	    "DOWNGRD 01 when 1.2 is our top");
	CHECK_INT(conn.s.version, 0x0303, "DOWNGRD 01, 1.2 top: TLS 1.2");
	t_conn_end(&conn);
	memcpy(rnd + 24, "DOWNGRD\x00", 8);
	n = server_hello(&conn, 0x0302, rnd, false, 0xc013, renego,
	    sizeof renego);
	expect_fail(&conn, answer(SPEC_TLS13, buf, n), CK_E_TLS, NULL, 47,
	    "TLS 1.1 ServerHello with DOWNGRD 00");
	n = server_hello(&conn, 0x0303, NULL, false, 0xc02f, NULL, 0);
	expect_fail(&conn, answer(SPEC_TLS13, buf, n), CK_E_TLS,
	    "server does not support secure renegotiation (RFC 5746)", 40,
	    "TLS 1.2 ServerHello without renegotiation_info");
	n = server_hello(&conn, 0x0303, NULL, false, 0x009e, renego,
	    sizeof renego);
	expect_fail(&conn, answer(SPEC_TLS13, buf, n), CK_E_TLS, NULL, 40,
	    "TLS 1.2 ServerHello with DHE");
	n = server_hello(&conn, 0x0303, NULL, false, 0x1301, renego,
	    sizeof renego);
	expect_fail(&conn, answer(SPEC_TLS13, buf, n), CK_E_TLS,
	    "server chose a cipher suite we did not offer", 47,
	    "TLS 1.2 ServerHello with a TLS 1.3 suite");
	n = server_hello(&conn, 0x0301, NULL, false, 0xc013, renego,
	    sizeof renego);
	expect_fail(&conn, answer2(0x0303, SPEC_TLS13, buf, n),
	    CK_E_TLS_VERSION, "TLSv1.0, outside the allowed range "
	    "TLSv1.2-TLSv1.3", 70, "TLS 1.0 ServerHello outside 1.2-1.3");

	/* Cut and padded ServerHellos. */
	n = server_hello(&conn, 0x0303, NULL, false, 0xc02f, renego,
	    sizeof renego);
	buf[3] -= 1;
	expect_fail(&conn, answer(SPEC_TLS13, buf, n - 1), CK_E_TLS, NULL,
	    47, "ServerHello cut in its extensions");
	n = server_hello(&conn, 0x0303, NULL, false, 0xc02f, NULL, 0);
	buf[3] = 35;			/* no suite, no compression */
	expect_fail(&conn, answer(SPEC_TLS13, buf, 39), CK_E_TLS,
	    "malformed ServerHello", 50, "ServerHello cut before the suite");
}

/* The HelloRetryRequest of RFC 8448 section 5, asking for group. */
static size_t
hrr(unsigned group)
{
	memcpy(buf, R.hrr, sizeof R.hrr);
	buf[48] = (unsigned char)(group >> 8);	/* key_share's group */
	buf[49] = (unsigned char)group;
	return sizeof R.hrr;
}

/* Whether the client's last output holds the len bytes at p. */
static bool
has(const void *p, size_t len)
{
	size_t i;

	for (i = 0; i + len <= conn.sent_len; i++) {
		if (memcmp(conn.sent + i, p, len) == 0) {
			return true;
		}
	}
	return false;
}

static void
test_hrr(void)
{
	static const unsigned char p384[] = {
		0, 51, 0, 0x67, 0, 0x65, 0, 24, 0, 0x61
	};
	size_t n;

	/* As the trace has it: P-256, whose share we already sent. */
	CHECK(R.hrr[48] == 0 && R.hrr[49] == 23);
	expect_fail(&conn, answer(SPEC_TLS13, R.hrr, sizeof R.hrr),
	    CK_E_TLS, "HelloRetryRequest for a group we cannot use", 47,
	    "HelloRetryRequest for a group we sent");
	expect_fail(&conn, answer(SPEC_TLS13, buf, hrr(30)), CK_E_TLS,
	    "HelloRetryRequest for a group we cannot use", 47,
	    "HelloRetryRequest for x448");

	/* For P-384: a CCS and a second ClientHello with the cookie. */
	n = hrr(24);
	CHECK_INT(answer(SPEC_TLS13, buf, n), TLS_AGAIN,
	    "HelloRetryRequest for P-384");
	CHECK_STR(conn.res.detail, "", "HelloRetryRequest: no failure");
	t_conn_sent(&conn);
	CHECK(conn.sent_len > 6 && conn.sent[0] == REC_CCS);
	CHECK(conn.sent_len > 11 && conn.sent[6] == REC_HANDSHAKE &&
	    conn.sent[11] == HS_CLIENT_HELLO);
	CHECK(has(R.hrr + 56, 0x72));
	CHECK(has(p384, sizeof p384));
	CHECK(!has("\x00\x33\x00\x26\x00\x24\x00"
	    "\x1d", 8));
	CHECK_INT(conn.s.share[0].group, 24, "retry offers P-384 alone");
	CHECK_INT(conn.s.share[1].group, 0, "retry: one share");
	t_conn_records(&conn, REC_HANDSHAKE, buf, n, 16384);
	expect_fail(&conn, t_conn_step(&conn), CK_E_TLS,
	    "second HelloRetryRequest", 10, "HelloRetryRequest twice");

	/* After the retry: the suite must stay, the group be the one asked
	 * for (our P-384 share, not the first hello's). */
	n = hrr(24);
	if (answer(SPEC_TLS13, buf, n) == TLS_AGAIN) {
		unsigned char ext[512];
		size_t elen = ext13(ext, SPEC_TLS13, 29, R.sh + SH_PUB_AT, 32,
		    NULL, 0);

		n = server_hello(&conn, 0x0303, NULL, true, 0x1302, ext, elen);
		t_conn_records(&conn, REC_HANDSHAKE, buf, n, 16384);
		expect_fail(&conn, t_conn_step(&conn), CK_E_TLS,
		    "server chose a cipher suite we did not offer", 47,
		    "suite changed after HelloRetryRequest");
	}
	n = hrr(24);
	if (answer(SPEC_TLS13, buf, n) == TLS_AGAIN) {
		unsigned char ext[512];
		size_t elen = ext13(ext, SPEC_TLS13, 29, R.sh + SH_PUB_AT, 32,
		    NULL, 0);

		n = server_hello(&conn, 0x0303, NULL, true, 0x1301, ext, elen);
		t_conn_records(&conn, REC_HANDSHAKE, buf, n, 16384);
		expect_fail(&conn, t_conn_step(&conn), CK_E_TLS,
		    "malformed TLS 1.3 ServerHello", 47,
		    "x25519 after a HelloRetryRequest for P-384");
	}
	/* OpenSSL's kind: no cookie (the empty cookie is never read). */
	memcpy(buf, R.hrr, 44);
	memcpy(buf + 44, "\x00\x33\x00\x02\x00\x18\x00\x2b\x00\x02\x03\x04",
	    12);
	buf[3] = 52;
	buf[43] = 12;
	CHECK_INT(answer(SPEC_TLS13, buf, 56), TLS_AGAIN,
	    "HelloRetryRequest without a cookie");
	CHECK_INT(conn.s.cookie_len, 0, "no cookie echoed");
	t_conn_end(&conn);

	/* A HelloRetryRequest without key_share. */
	memcpy(buf, R.hrr, sizeof R.hrr);
	buf[43] = 0x7e;			/* extensions: cookie, versions */
	buf[3] -= 6;
	memmove(buf + 44, buf + 50, sizeof R.hrr - 50);
	expect_fail(&conn, answer(SPEC_TLS13, buf, sizeof R.hrr - 6),
	    CK_E_TLS, "malformed HelloRetryRequest", 47,
	    "HelloRetryRequest without key_share");
}

int
main(void)
{
	load();
	test_rfc8448();
	test_rfc8448_driven(16384);
	test_rfc8448_driven(100);
	test_rfc8448_driven(7);
	test_key_update();
	test_flight_hostile();
	test_server_hello();
	test_hrr();
	return t_exit();
}
