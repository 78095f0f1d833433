/* SPDX-License-Identifier: MIT */
/*
 * tls: a BearSSL client that captures the server's chain, completes the
 * handshake without judging it, and closes politely (close_notify, then
 * drain), so that probing leaves nothing in the server's log.  The
 * verdict is x509_verify's, after the handshake.  No socket is ever
 * blocked on: tls_step hands poll events back to the caller.
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

/* The handshake only needs the mono buffer: no application data. */
#define TLS_IOBUF_CAP BR_SSL_BUFSIZE_MONO


struct tls_sess {
	br_ssl_client_context sc;
	struct x509_capture xc;
	bool is_closing;		/* close_notify queued */
	const char *alpn[1];		/* offered ALPN name, static */
	/* The version range asked for (0x0301 ... SPEC_TLS13), which
	 * failures name; the engine gets its part up to TLS 1.2. */
	unsigned vmin;
	unsigned vmax;
	/* The server's first bytes: told from TLS before the engine
	 * reads them (sniff.h), then its ServerHello's version when the
	 * engine refuses it (BearSSL does not say which it was). */
	unsigned char hello[SNIFF_CAP];
	size_t hello_len;
	unsigned char iobuf[TLS_IOBUF_CAP];
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
 * version from vmin to vmax (0x0301 ... SPEC_TLS13, vmin <= vmax), of
 * those ccheck speaks (TLS 1.0-1.2): a server outside the range fails with
 * CK_E_TLS_VERSION, naming its version when it chose one.  Seeds the
 * engine from getrandom(): no /dev/urandom needed.  Returns 0, or -1 with
 * res set (also when the range holds no version ccheck speaks).
 */
int tls_start(struct tls_sess *s, const char *sni, const struct identity *id,
    const char *alpn, unsigned vmin, unsigned vmax, struct x509_chain *chain,
    struct result *res);

/*
 * After a completed handshake: the ALPN protocol the server selected, or
 * NULL when it selected none (a server that does not know ALPN).  BearSSL
 * fails the handshake itself when the server names one we did not offer.
 */
const char *tls_alpn(struct tls_sess *s);

/*
 * Runs the handshake on fd as far as it can without blocking.  TLS_AGAIN
 * sets *events (POLLIN or POLLOUT).  TLS_FAIL fills res: an alert, TLS 1.3
 * only, a capture failure, an I/O error, or an answer that is not TLS
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
 * (the mono buffer is half-duplex: write everything, then read).  *done
 * (set to 0 by the caller before the first call) counts the bytes the
 * engine took.  TLS_DONE once all are on the wire, TLS_AGAIN as above,
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

/* After a completed handshake: the protocol version and cipher suite. */
void tls_params(const struct tls_sess *s, unsigned *version,
    unsigned *suite);

/* "TLSv1.2" for BR_TLS12 and so on, SSLv3 to TLSv1.3; else "unknown". */
const char *tls_version_name(unsigned version);

/* OpenSSL's name of a suite we offer ("ECDHE-RSA-AES128-GCM-SHA256"). */
const char *tls_suite_name(unsigned suite);

#endif
