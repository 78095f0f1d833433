/* SPDX-License-Identifier: MIT */
/*
 * err: the only list of reasons a target can fail, their exact texts, and
 * struct result, which every target owns.  Lower layers fill a result and
 * return; only the edge (out_*, cli, main) turns a result into words.
 */
#ifndef CK_ERR_H
#define CK_ERR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>

/*
 * (name, text).  A text holding "%s" takes the result's detail there;
 * otherwise a non-empty detail is appended as ": DETAIL".  x509 texts
 * follow Go's crypto/x509 wording so existing alert rules keep matching.
 */
#define CK_ERRORS(X) \
	X(OK,               "ok") \
	X(RESOLVE,          "could not resolve host") \
	X(REFUSED,          "connection refused") \
	X(CONNECT,          "could not connect") \
	X(TIMEOUT,          "timed out") \
	X(IO,               "connection error") \
	X(EOF,              "server closed the connection") \
	X(PG_NO_TLS,        "server does not support TLS") \
	X(PG_REJECTED,      "server rejected the SSL request") \
	X(PG_PROTOCOL,      "unexpected reply to SSL request") \
	X(PG_NO_DIRECT,     "server does not accept direct TLS") \
	X(INJECTED,         "server sent data before the TLS handshake (possible injection, %s)") \
	X(TOO_LONG,         "server reply too long") \
	X(NO_STARTTLS,      "server does not offer STARTTLS") \
	X(STARTTLS_REFUSED, "server refused STARTTLS") \
	X(PROTOCOL,         "unexpected reply from server") \
	X(NOT_TLS,          "server answered with %s") \
	X(TLS_VERSION,      "server speaks %s") \
	X(TLS_RANGE,        "invalid SSL protocol version range") \
	X(TLS_ALERT,        "remote error: tls: %s") \
	X(TLS,              "tls handshake failed") \
	X(CHAIN_TOO_BIG,    "certificate chain too large") \
	X(NO_CERT,          "server sent no certificate") \
	X(X509_MALFORMED,   "x509: malformed certificate") \
	X(X509_UNSUPPORTED, "x509: unsupported %s") \
	X(X509_UNKNOWN_CA,  "x509: certificate signed by unknown authority") \
	X(X509_BAD_SIG,     "x509: certificate signature is invalid") \
	X(X509_NOT_CA,      "x509: issuer is not a CA") \
	X(X509_CRITICAL,    "x509: unhandled critical extension") \
	X(X509_EXPIRED,     "x509: certificate has expired") \
	X(X509_NOT_YET,     "x509: certificate is not yet valid") \
	X(X509_HOSTNAME,    "x509: certificate is valid for %s") \
	X(X509_NO_NAMES,    "x509: certificate is not valid for any names, but wanted to match %s") \
	X(X509_NAME_NUL,    "x509: certificate name contains an embedded NUL") \
	X(X509_PURPOSE,     "x509: certificate %s") \
	X(X509_NAME_CONSTRAINT, "x509: %s") \
	X(X509_INSECURE,    "x509: cannot verify signature: insecure algorithm %s") \
	X(X509_WEAK_KEY,    "x509: key too small for OpenSSL's security level 2") \
	X(X509_PATH_LEN,    "x509: too many intermediates for path length constraint") \
	X(X509_NOT_ROOT,    "x509: certificate chains to %s") \
	X(X509_REVOKED,     "x509: certificate %s") \
	X(X509_NO_CRL,      "x509: unable to get certificate CRL") \
	X(X509_CRL_INVALID, "x509: CRL %s") \
	X(CRL_MALFORMED,    "x509: malformed CRL") \
	X(EXPIRES_SOON,     "expires in %s days") \
	X(EXPIRES_SOON_HOURS, "expires in %s hours") \
	X(LIFETIME_LOW,     "%s") \
	X(PIN_MISMATCH,     "public key pin mismatch: %s") \
	X(CERT_CHANGED,     "server is serving a different certificate than %s: reload the server?") \
	X(FILE,             "could not read file") \
	X(PEM_NO_CERT,      "no certificate in PEM file") \
	X(PEM_MALFORMED,    "malformed PEM file") \
	X(SPEC,             "invalid spec") \
	X(INPUT,            "input line %s") \
	X(DANE,             "DANE: %s") \
	X(INTERNAL,         "internal error")

enum ck_err {
#define X(name, text) CK_E_##name,
	CK_ERRORS(X)
#undef X
	CK_E__COUNT
};

/* Longest detail: a SAN list or a quoted server reply, truncated. */
#define RESULT_DETAIL_CAP 256

struct result {
	enum ck_err err;	/* CK_E_OK until the first failure */
	int sys;		/* errno of the failing call, or 0 */
	char detail[RESULT_DETAIL_CAP];	/* NUL-terminated, printable */
};

/* The reason's name in the table above ("X509_EXPIRED"); never NULL. */
const char *ck_err_name(enum ck_err err);

/* Text of a reason, without the detail.  Never NULL. */
const char *ck_strerror(enum ck_err err);

/*
 * Sets the result's reason and detail (printf-style; NULL for none) unless
 * it already failed: failure is sticky, the first reason wins.  The detail
 * is truncated to fit, with "..." marking the cut.  Returns -1 so callers
 * can write "return result_fail(...);".
 */
int result_fail(struct result *res, enum ck_err err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Like result_fail, with errno value sys recorded and as the detail. */
int result_fail_sys(struct result *res, enum ck_err err, int sys);

/*
 * Writes the one-line reason of res into out (cap bytes, NUL-terminated,
 * truncated to fit).  Returns out.
 */
char *result_format(const struct result *res, char *out, size_t cap);

/*
 * True when err means the server could not be reached or went away (no
 * name, refused, timed out, reset, closed), or ccheck itself could not
 * finish the probe (CK_E_INTERNAL): what pg_isready calls "no response",
 * as opposed to a TLS or certificate verdict.
 */
bool ck_err_is_no_response(enum ck_err err);

/*
 * Copies len bytes of untrusted src into a C string of cap bytes: bytes
 * outside printable ASCII become \xHH, and a cut string ends in "...".
 */
void ck_escape(char *out, size_t cap, const unsigned char *src, size_t len);

/*
 * A programmer error, never bad input (STYLE 2.3): stop at once.  Not
 * assert(): musl's __assert_fail prints with fprintf, which alone would
 * link musl's vfprintf (10 KB) back in (see fmt.h).
 */
#define CK_ASSERT(cond) ((cond) ? (void)0 : abort())

#endif
