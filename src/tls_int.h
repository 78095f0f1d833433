/* SPDX-License-Identifier: MIT */
/*
 * tls_int: the parts of our TLS client that share a session: the record
 * layer (tls_rec.c), the key schedules (tls_keys.c), the hello messages
 * (tls_hello.c) and the handshake flights (tls_hs.c).  tls.c drives them
 * on a socket.  Internal: only tls*.c include this.
 */
#ifndef CK_TLS_INT_H
#define CK_TLS_INT_H

#include "der.h"
#include "tls.h"

/* Handshake message types (RFC 8446 4, RFC 5246 7.4). */
#define HS_CLIENT_HELLO		1
#define HS_SERVER_HELLO		2
#define HS_NEW_SESSION_TICKET	4
#define HS_ENCRYPTED_EXTENSIONS	8
#define HS_CERTIFICATE		11
#define HS_SERVER_KEY_EXCHANGE	12
#define HS_CERTIFICATE_REQUEST	13
#define HS_SERVER_HELLO_DONE	14
#define HS_CERTIFICATE_VERIFY	15
#define HS_CLIENT_KEY_EXCHANGE	16
#define HS_FINISHED		20
#define HS_KEY_UPDATE		24
#define HS_MESSAGE_HASH		254

/* Record content types. */
#define REC_CCS			20
#define REC_ALERT		21
#define REC_HANDSHAKE		22
#define REC_APP_DATA		23

/* Alerts we send (RFC 8446 6.2). */
#define ALERT_CLOSE_NOTIFY	0
#define ALERT_UNEXPECTED	10
#define ALERT_BAD_MAC		20
#define ALERT_HANDSHAKE_FAILURE	40
#define ALERT_ILLEGAL_PARAMETER	47
#define ALERT_DECODE		50
#define ALERT_DECRYPT		51
#define ALERT_PROTOCOL_VERSION	70
#define ALERT_INTERNAL		80

/* Key exchange of a TLS 1.2 suite; TLS 1.3 suites have none. */
enum tls_kx { KX_NONE, KX_ECDHE_ECDSA, KX_ECDHE_RSA, KX_RSA, KX_DHE };
enum tls_bulk { BULK_AES128_GCM, BULK_AES256_GCM, BULK_CHACHA, BULK_AES128_CBC,
    BULK_AES256_CBC };

struct tls_suite {
	uint16_t id;
	unsigned char kx;		/* enum tls_kx */
	unsigned char bulk;		/* enum tls_bulk */
	unsigned char mac_len;		/* CBC's HMAC: 20, 32 or 48; else 0 */
	unsigned char hash_len;		/* PRF / transcript: 32 or 48 */
	const char *name;		/* OpenSSL's, as reports show it */
};

/* The suite with IANA number id among those we offer, or NULL. */
const struct tls_suite *tls_suite_find(unsigned id);

/* A byte writer for handshake messages (tls_rec.c): bad once full. */
struct put {
	unsigned char *p;
	size_t len;
	size_t cap;
	bool bad;
};

void put_init(struct put *w, unsigned char *p, size_t cap);
void put_u8(struct put *w, size_t v);
void put_u16(struct put *w, size_t v);
void put_u24(struct put *w, size_t v);
void put_bytes(struct put *w, const void *p, size_t len);
/* Reserves a width-byte length (1-3) and returns where; put_close then
 * writes the length of what followed. */
size_t put_open(struct put *w, unsigned width);
void put_close(struct put *w, size_t at, unsigned width);

/* The suites we know, in our order of preference (tls.c). */
extern const struct tls_suite tls_suites[];
extern const size_t tls_suite_count;

/* ---- tls_rec.c: records ---- */

/* Removes any protection from both directions (a new handshake). */
void rec_reset(struct tls_sess *s);

/*
 * Plaintext window for a new record appended after the out_len bytes
 * queued: *start and *end index s->buf.  Returns the room (0: none).
 */
size_t rec_window(struct tls_sess *s, size_t *start, size_t *end);

/*
 * Protects the len bytes at s->buf + start (from rec_window) as one
 * record of type and queues it.  Returns 0, or -1 (no room).
 */
int rec_seal(struct tls_sess *s, int type, size_t start, size_t len);

/*
 * Opens the complete record in s->buf (in_len bytes, header included):
 * *type gets the real content type, *p and *len the plaintext.  Returns
 * 0, or -1 when it does not authenticate (or is malformed).
 */
int rec_open(struct tls_sess *s, int *type, unsigned char **p, size_t *len);

/* TLS 1.3: installs traffic secret (hash_len bytes) for one direction. */
void rec_set13_read(struct tls_sess *s, const unsigned char *secret);
void rec_set13_write(struct tls_sess *s, const unsigned char *secret);

/* TLS 1.2: installs the key block's keys for both directions. */
void rec_set12(struct tls_sess *s, const unsigned char *key_block,
    bool for_write);

/* Queues an alert record (level 2 unless close_notify). */
void rec_alert(struct tls_sess *s, int alert);

/* ---- tls_keys.c: key schedules ---- */

/* The transcript's hash (the suite's, or hash_len bytes) into out. */
size_t keys_transcript(const struct tls_sess *s, unsigned char *out);

/* HKDF-Expand-Label (RFC 8446 7.1) with the suite's hash. */
void keys_expand_label(const struct tls_sess *s, const unsigned char *secret,
    const char *label, const unsigned char *ctx, size_t ctx_len,
    unsigned char *out, size_t out_len);

/* TLS 1.3: from the ECDHE shared secret in s->secret, the handshake
 * traffic secrets (transcript up to ServerHello). */
void keys_handshake13(struct tls_sess *s);

/* TLS 1.3: after the server's Finished, the application secrets. */
void keys_application13(struct tls_sess *s);

/* TLS 1.3: Finished's verify_data for base secret (transcript now). */
void keys_finished13(const struct tls_sess *s, const unsigned char *base,
    unsigned char *out);

/* TLS 1.0-1.2: the master secret from the premaster secret. */
void keys_master12(struct tls_sess *s);

/* TLS 1.0-1.2: the key block, installed for one direction. */
void keys_block12(struct tls_sess *s, bool for_write);

/* TLS 1.0-1.2: Finished's 12 bytes, label "client finished" etc. */
void keys_finished12(const struct tls_sess *s, const char *label,
    unsigned char out[12]);

/* Constant-time comparison: 0 when equal. */
unsigned keys_differ(const unsigned char *a, const unsigned char *b,
    size_t len);

/* ---- tls_hello.c ---- */

/* Queues the ClientHello (the second one after a HelloRetryRequest). */
int hello_send(struct tls_sess *s, struct result *res);

/* Handles ServerHello / HelloRetryRequest body (msg: the whole message,
 * header included, for the transcript). */
int hello_server(struct tls_sess *s, const unsigned char *msg, size_t len,
    struct result *res);

/* ECDH with our share for group on the server's point pub: the shared
 * secret into s->secret.  Returns 0, or -1 (a bad point). */
int hello_ecdh(struct tls_sess *s, const struct tls_share *sh,
    const unsigned char *pub, size_t pub_len);

/* Makes a fresh share for group; its public point into pub (133 bytes
 * at most).  Returns the point's length, 0 on failure. */
size_t hello_share_new(struct tls_sess *s, struct tls_share *sh,
    unsigned group, unsigned char *pub);

/* ---- tls_hs.c ---- */

/* One complete handshake message (header included) from the server. */
int hs_message(struct tls_sess *s, unsigned char *msg, size_t len,
    struct result *res);

/* A CertificateRequest too long to keep: already hashed, only its
 * first len bytes kept at msg. */
int hs_request_cut(struct tls_sess *s, const unsigned char *msg, size_t len,
    struct result *res);

/* A ChangeCipherSpec record from the server. */
int hs_ccs(struct tls_sess *s, const unsigned char *p, size_t len,
    struct result *res);

/* Adds a handshake message to the transcript. */
void hs_hash(struct tls_sess *s, const unsigned char *msg, size_t len);

/* Fails the handshake: queues alert (unless < 0) and fills res. */
int hs_fail(struct tls_sess *s, int alert, struct result *res,
    enum ck_err err, const char *why);

/* ECDHE shares and EncryptedExtensions. */
int hello_encrypted_extensions(struct tls_sess *s, const unsigned char *msg,
    size_t len, struct result *res);

/* ---- tls_cert.c ---- */

/* The Certificate message (TLS 1.2 or 1.3 form) into s->chain, in place:
 * msg must lie at s->chain->buf. */
int cert_take(struct tls_sess *s, unsigned char *msg, size_t len,
    struct result *res);

/* A CertificateRequest came: picks our scheme from the server's list
 * offered (TLS 1.2/1.3), 0 when we have no key it takes. */
void cert_choose(struct tls_sess *s, struct rd *offered);

/* Our Certificate message (empty without a usable key) into w. */
void cert_write(struct tls_sess *s, struct put *w);

/* Our CertificateVerify into w; -1 when signing fails. */
int cert_verify_write(struct tls_sess *s, struct put *w);

#endif
