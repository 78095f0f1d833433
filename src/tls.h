/* SPDX-License-Identifier: MIT */
/*
 * tls: our TLS client (TLS 1.3 and 1.0-1.2 from one ClientHello, on
 * BearSSL's primitives) that captures the server's chain, completes the
 * handshake without judging the chain (the server's signature and
 * Finished are checked), and closes politely (close_notify, then drain),
 * so that probing leaves nothing in the server's log.  The verdict is
 * x509_verify's, after the handshake.  No socket is ever blocked on:
 * each step hands poll events back to the caller.
 */
#ifndef CK_TLS_H
#define CK_TLS_H

#include <stdbool.h>
#include <stdint.h>

#include <bearssl.h>

#include "err.h"
#include "identity.h"
#include "sniff.h"
#include "x509.h"

struct tls_suite;

/* One direction's protection: none, TLS 1.3 AEAD, or a BearSSL TLS 1.2
 * record class. */
enum tls_prot { PROT_NONE, PROT_13_GCM, PROT_13_CHACHA, PROT_12 };

/*
 * AES-GCM's constant-time code: bitsliced on 64-bit words where registers
 * hold them (a third fewer instructions for a probe's records than
 * aes_ct's 32-bit words), else aes_ct.  CBC stays on aes_ct everywhere:
 * aes_ct64's CBC encryptor leaves bitslice lanes unset, which valgrind
 * reports.
 */
#if UINTPTR_MAX > 0xffffffffu
typedef br_aes_ct64_ctr_keys tls_aes_ctr_keys;
#define TLS_AES_CTR (&br_aes_ct64_ctr_vtable)
#define TLS_GHASH br_ghash_ctmul64
#else
typedef br_aes_ct_ctr_keys tls_aes_ctr_keys;
#define TLS_AES_CTR (&br_aes_ct_ctr_vtable)
#define TLS_GHASH br_ghash_ctmul
#endif

struct tls_aead13 {
	uint64_t seq;
	unsigned char iv[12];
	unsigned char key[32];		/* ChaCha20's */
	tls_aes_ctr_keys aes;
	br_gcm_context gcm;		/* points at aes */
};

struct tls_reader {
	enum tls_prot prot;
	union {
		struct tls_aead13 a13;
		const br_sslrec_in_class *vt;
		br_sslrec_in_cbc_context cbc;
		br_sslrec_gcm_context gcm;
		br_sslrec_chapol_context chapol;
	} u;
};

struct tls_writer {
	enum tls_prot prot;
	union {
		struct tls_aead13 a13;
		const br_sslrec_out_class *vt;
		br_sslrec_out_cbc_context cbc;
		br_sslrec_gcm_context gcm;
		br_sslrec_chapol_context chapol;
	} u;
};

/* What the handshake waits for next. */
enum tls_expect {
	EXP_SERVER_HELLO,
	EXP_ENCRYPTED_EXTENSIONS,	/* TLS 1.3 from here ... */
	EXP_CERT_OR_REQUEST,
	EXP_CERTIFICATE,
	EXP_CERTIFICATE_VERIFY,
	EXP_FINISHED,			/* ... to here; TLS 1.2 too */
	EXP_CERTIFICATE_12,		/* TLS 1.2 from here ... */
	EXP_KEY_EXCHANGE,
	EXP_REQUEST_OR_DONE,
	EXP_CCS,			/* ... to here, then EXP_FINISHED */
	EXP_NOTHING			/* handshake done */
};

/* An ECDHE key of ours: the group and its secret scalar. */
struct tls_share {
	unsigned group;			/* IANA NamedGroup; 0: unused */
	unsigned char sk[66];		/* secret */
	size_t sk_len;
};

/* Bytes of one record at most, header included: 2^14 plaintext and the
 * largest protection (CBC with SHA-384: IV, MAC, padding). */
#define TLS_REC_CAP (5 + 16384 + 325)

struct tls_sess {
	/* What was asked (tls_start). */
	const char *sni;		/* NULL: none */
	const struct identity *id;	/* NULL: none */
	const char *alpn;		/* the one name offered; NULL: none */
	unsigned vmin;			/* 0x0301 ... SPEC_TLS13 */
	unsigned vmax;
	struct x509_chain *chain;	/* filled by Certificate */
	enum ck_err cap_err;		/* the chain's problem, or CK_E_OK */
	char why[64];			/* its detail */

	/* What was negotiated. */
	unsigned version;		/* 0 until the ServerHello */
	const struct tls_suite *suite;
	unsigned group;			/* key exchange; 0: RSA / none */
	unsigned scheme;		/* server's signature; 0: none */
	bool is_alpn_selected;		/* server picked our ALPN name */
	bool is_ems;			/* extended master secret */
	bool is_hrr;			/* a HelloRetryRequest came */
	bool is_closing;		/* close_notify queued */
	bool is_done;			/* handshake complete */
	bool is_keep_open;		/* tls_keep_open was called */
	bool saw_ccs;			/* TLS 1.3's compatibility CCS */
	enum tls_expect expect;

	/* Handshake state. */
	br_hmac_drbg_context rng;
	unsigned char client_random[32];
	unsigned char server_random[32];
	unsigned char session_id[32];
	struct tls_share share[2];	/* offered key shares */
	unsigned char cookie[128];	/* HelloRetryRequest's, echoed */
	size_t cookie_len;
	br_multihash_context transcript;
	/* TLS 1.2: the premaster secret, then the master secret; TLS 1.3:
	 * the handshake secret, then the master secret. */
	unsigned char secret[66];
	size_t secret_len;
	unsigned char c_secret[48];	/* TLS 1.3 traffic secrets */
	unsigned char s_secret[48];
	unsigned char kx_pub[133];	/* TLS 1.2: our ECDHE point */
	size_t kx_pub_len;
	bool is_cert_requested;
	unsigned client_scheme;		/* ours, 0: no key to sign with */
	unsigned char req_ctx[8];	/* TLS 1.3 certificate_request_context */
	size_t req_ctx_len;

	/* Record layer: one buffer, half duplex, as BearSSL's mono mode:
	 * either a record being read, or records waiting to be sent. */
	struct tls_reader rd;
	struct tls_writer wr;
	unsigned rd_epoch;		/* read keys installed so far */
	size_t in_len;			/* bytes of the record read so far */
	size_t out_len;			/* bytes of records to send */
	size_t out_off;			/* of which sent */
	size_t app_off;			/* application data in buf */
	size_t app_len;
	/* Handshake bytes not yet consumed: kept in the chain's free tail
	 * (chain->buf + chain->used), where a Certificate message turns
	 * into the chain in place. */
	size_t hs_len;
	size_t big_left;		/* of a long CertificateRequest */
	/* The server's first bytes, for sniff_reply and version reasons. */
	unsigned char hello[SNIFF_CAP];
	size_t hello_len;
	unsigned char buf[TLS_REC_CAP];
};

enum tls_status {
	TLS_DONE,			/* handshake complete / closed */
	TLS_AGAIN,			/* poll for *events, call again */
	TLS_FAIL			/* res holds the reason */
};

/*
 * Resets s for a new handshake capturing into chain (caller-owned).  sni
 * is sent as server name unless NULL (never send an IP literal).  id
 * (borrowed; NULL: none) is offered when the server asks for a client
 * certificate.  alpn (static; NULL: none) is offered as the one ALPN
 * protocol name (RFC 7301); see tls_alpn.  The handshake accepts only a
 * version from vmin to vmax (0x0301 ... SPEC_TLS13, vmin <= vmax): a
 * server outside the range fails with CK_E_TLS_VERSION, naming its
 * version when it chose one.  Seeds our generator from getrandom(): no
 * /dev/urandom needed.  Queues the ClientHello.  Returns 0, or -1 with
 * res set.
 */
int tls_start(struct tls_sess *s, const char *sni, const struct identity *id,
    const char *alpn, unsigned vmin, unsigned vmax, struct x509_chain *chain,
    struct result *res);

/*
 * Tells s (after tls_start) that application data will follow the
 * handshake.  Otherwise, when a TLS 1.3 server asked for a client
 * certificate, the handshake ends only after close_notify is exchanged:
 * TLS 1.3 servers judge the certificate after our Finished, and their
 * refusal (an alert) must reach the verdict.  With tls_keep_open it
 * arrives with the server's first reply instead.
 */
void tls_keep_open(struct tls_sess *s);

/*
 * After a completed handshake: the ALPN protocol the server selected, or
 * NULL when it selected none (a server that does not know ALPN).  A name
 * we did not offer fails the handshake.
 */
const char *tls_alpn(const struct tls_sess *s);

/*
 * Runs the handshake on fd as far as it can without blocking.  TLS_AGAIN
 * sets *events (POLLIN or POLLOUT).  TLS_FAIL fills res: an alert, a
 * version outside the range, a chain we cannot take (CK_E_CHAIN_TOO_BIG,
 * CK_E_X509_*: the chain is complete then, for the verdict's reason), a
 * bad signature or Finished, an I/O error, or an answer that is not TLS
 * (CK_E_NOT_TLS, see sniff_reply; with no hint after a ClientHello that
 * offers ALPN, which only direct PostgreSQL does).
 */
enum tls_status tls_handshake_step(struct tls_sess *s, int fd, short *events,
    struct result *res);

/*
 * After a completed handshake: sends close_notify and reads until the
 * server's own close_notify or EOF.  TLS_DONE when finished (errors are
 * ignored here: the verdict is already known), TLS_AGAIN as above.
 */
enum tls_status tls_close_step(struct tls_sess *s, int fd, short *events);

/*
 * After a completed handshake: sends len bytes of buf as application data
 * (the buffer is half-duplex: write everything, then read).  *done
 * (set to 0 by the caller before the first call) counts the bytes
 * taken.  TLS_DONE once all are on the wire, TLS_AGAIN as above,
 * TLS_FAIL with res set (the server closed, an alert, an I/O error).
 */
enum tls_status tls_app_write(struct tls_sess *s, int fd,
    const unsigned char *buf, size_t len, size_t *done, short *events,
    struct result *res);

/*
 * After a completed handshake: reads application data into buf (cap > 0
 * bytes).  TLS_DONE with *got >= 1 bytes, TLS_AGAIN as above, TLS_FAIL
 * with res set: CK_E_EOF when the server closed (close_notify or EOF),
 * else the engine's or the socket's error.
 */
enum tls_status tls_app_read(struct tls_sess *s, int fd, unsigned char *buf,
    size_t cap, size_t *got, short *events, struct result *res);

/*
 * After a completed handshake: the protocol version, the cipher suite,
 * the key exchange group (IANA NamedGroup; 0: RSA key transport) and the
 * server's signature scheme (0: none, or TLS 1.0/1.1).
 */
void tls_params(const struct tls_sess *s, unsigned *version,
    unsigned *suite, unsigned *group, unsigned *scheme);

/* "x25519", "secp256r1" ...; "rsa" for 0; else "unknown". */
const char *tls_group_name(unsigned group);

/* "ecdsa_secp256r1_sha256", "rsa_pss_rsae_sha256" ...; else "unknown". */
const char *tls_scheme_name(unsigned scheme);

/* "TLSv1.2" for BR_TLS12 and so on, SSLv3 to TLSv1.3; else "unknown". */
const char *tls_version_name(unsigned version);

/* OpenSSL's name of a suite we offer ("ECDHE-RSA-AES128-GCM-SHA256",
 * "TLS_AES_128_GCM_SHA256"). */
const char *tls_suite_name(unsigned suite);

#endif
