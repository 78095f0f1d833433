/* SPDX-License-Identifier: MIT */
/*
 * t_tls: what the tests of our TLS client share (test_tls13, test_x509's
 * Certificate cases, test_regress): hex vectors from a fixture file, and
 * a client session on one end of a socketpair whose other end the test
 * writes as the server.  Include after t.h.  Header-only and static,
 * like t.h.
 */
#ifndef CK_T_TLS_H
#define CK_T_TLS_H

#include <ctype.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "spec.h"
#include "tls_int.h"

/*
 * The bytes named name in the fixture file (T_DATA file): a line holding
 * the name, then lines of hex indented by spaces.  Returns the byte
 * count; 0 (a failed check reported) when absent.
 */
static size_t __attribute__((unused))
t_vec(const char *file, const char *name, unsigned char *out, size_t cap)
{
	static char text[64 * 1024];
	char path[256];
	char line[256];
	FILE *f;
	size_t len = 0;
	int found = 0;

	snprintf(path, sizeof path, T_DATA "%s", file);
	f = fopen(path, "r");
	if (f == NULL) {
		t_report(0, __FILE__, __LINE__, path, "cannot open");
		return 0;
	}
	text[0] = '\0';
	while (fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (found && line[0] == ' ' && len + strlen(line) + 2 <
		    sizeof text) {
			len += (size_t)snprintf(text + len, sizeof text - len,
			    "%s ", line);
		} else if (found) {
			break;
		} else {
			found = strcmp(line, name) == 0;
		}
	}
	fclose(f);
	if (!found || len == 0) {
		t_report(0, __FILE__, __LINE__, name, "no such vector");
		return 0;
	}
	return t_unhex(text, out, cap);
}

/* CHECK_MEM(got, want, len, what): equal bytes, or the first offset that
 * differs. */
static void __attribute__((unused))
t_mem_eq(const void *got, const void *want, size_t len, const char *file,
    int line, const char *what)
{
	const unsigned char *a = got;
	const unsigned char *b = want;
	char why[64];
	size_t i;

	for (i = 0; i < len && a[i] == b[i]; i++) {
	}
	snprintf(why, sizeof why, "differ at byte %zu of %zu", i, len);
	t_report(i == len, file, line, what, why);
}
#define CHECK_MEM(got, want, len, what) \
	t_mem_eq((got), (want), (len), __FILE__, __LINE__, (what))

/* A client session and the socket the test answers on. */
struct t_conn {
	int fd[2];			/* [0] the client's, [1] the server's */
	struct tls_sess s;
	struct x509_chain chain;
	struct result res;
	unsigned char sent[TLS_REC_CAP * 2];	/* what the client wrote */
	size_t sent_len;
};

/* Reads whatever the client has written into c->sent (replacing it). */
static size_t __attribute__((unused))
t_conn_sent(struct t_conn *c)
{
	ssize_t n;

	c->sent_len = 0;
	while (c->sent_len < sizeof c->sent && (n = recv(c->fd[1],
	    c->sent + c->sent_len, sizeof c->sent - c->sent_len,
	    MSG_DONTWAIT)) > 0) {
		c->sent_len += (size_t)n;
	}
	return c->sent_len;
}

/*
 * Runs the handshake as far as it goes without the server: TLS_AGAIN
 * (waiting for input), TLS_DONE or TLS_FAIL with c->res.
 */
static enum tls_status __attribute__((unused))
t_conn_step(struct t_conn *c)
{
	short events = 0;

	return tls_handshake_step(&c->s, c->fd[0], &events, &c->res);
}

/*
 * Starts a client for versions vmin..vmax on a fresh socketpair and lets
 * it send its ClientHello (kept in c->sent).  Returns 0, or -1 after a
 * failed check.
 */
static int __attribute__((unused))
t_conn_start(struct t_conn *c, unsigned vmin, unsigned vmax)
{
	memset(&c->res, 0, sizeof c->res);
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, c->fd) < 0) {
		t_report(0, __FILE__, __LINE__, "socketpair", NULL);
		return -1;
	}
	if (tls_start(&c->s, "server", NULL, NULL, vmin, vmax, &c->chain,
	    &c->res) < 0 || t_conn_step(c) != TLS_AGAIN) {
		t_report(0, __FILE__, __LINE__, "tls_start", c->res.detail);
		return -1;
	}
	t_conn_sent(c);
	return 0;
}

static void __attribute__((unused))
t_conn_end(struct t_conn *c)
{
	close(c->fd[0]);
	close(c->fd[1]);
}

/* Writes len bytes as the server (all fit in the socket's buffer). */
static void __attribute__((unused))
t_conn_send(struct t_conn *c, const unsigned char *p, size_t len)
{
	if (len > 0 && write(c->fd[1], p, len) != (ssize_t)len) {
		t_report(0, __FILE__, __LINE__, "write to the client", NULL);
	}
}

/* Writes p/len as the server in plaintext records of type, at most step
 * bytes each. */
static void __attribute__((unused))
t_conn_records(struct t_conn *c, int type, const unsigned char *p,
    size_t len, size_t step)
{
	unsigned char hdr[5] = { 0, 3, 3, 0, 0 };

	hdr[0] = (unsigned char)type;
	while (len > 0) {
		size_t n = len < step ? len : step;

		hdr[3] = (unsigned char)(n >> 8);
		hdr[4] = (unsigned char)n;
		t_conn_send(c, hdr, 5);
		t_conn_send(c, p, n);
		p += n;
		len -= n;
	}
}

#endif
