/* SPDX-License-Identifier: MIT */
/*
 * fuzz_tls: our TLS client against a server whose bytes are the input.
 * The client runs on one end of a socketpair (tls_start, then
 * tls_handshake_step until it is done or fails); the input is written
 * to the other end, which is then shut, so that every run ends.  What
 * the client writes is read and dropped.  getrandom is replaced by a
 * fixed seed: the ClientHello (random, session id, key shares) is the
 * same in every run, so inputs can echo the session id and go past a
 * TLS 1.3 ServerHello, and coverage is stable.  FUZZ_TLS_HELLO=FILE
 * writes that ClientHello's record to FILE at startup, for
 * tests/fuzz/mktlsseeds.sh; FUZZ_TLS_VERBOSE=1 prints each run's outcome.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#include "spec.h"
#include "tls.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);
ssize_t getrandom(void *buf, size_t len, unsigned int flags);

static struct tls_sess sess;
static struct x509_chain chain;

/* Replaces libc's for tls_start: a fixed seed (see above). */
ssize_t
getrandom(void *buf, size_t len, unsigned int flags)
{
	(void)flags;
	memset(buf, 0x5a, len);
	return (ssize_t)len;
}

/* Reads and drops what the client wrote; returns the byte count. */
static size_t
drain(int fd, FILE *keep)
{
	unsigned char b[4096];
	size_t total = 0;
	ssize_t n;

	while ((n = recv(fd, b, sizeof b, MSG_DONTWAIT)) > 0) {
		if (keep != NULL) {
			fwrite(b, 1, (size_t)n, keep);
		}
		total += (size_t)n;
	}
	return total;
}

/* A client on fd[0] of a fresh socketpair; -1 when that fails. */
static int
start(int fd[2], struct result *res)
{
	memset(res, 0, sizeof *res);
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fd) < 0) {
		return -1;
	}
	if (tls_start(&sess, "localhost", NULL, NULL, 0x0301, SPEC_TLS13,
	    &chain, res) < 0) {
		close(fd[0]);
		close(fd[1]);
		return -1;
	}
	return 0;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *path = getenv("FUZZ_TLS_HELLO");
	struct result res;
	short events;
	FILE *f;
	int fd[2];

	(void)argc;
	(void)argv;
	if (path == NULL) {
		return 0;
	}
	f = fopen(path, "wb");
	if (f == NULL || start(fd, &res) < 0) {
		fprintf(stderr, "fuzz_tls: cannot write %s\n", path);
		exit(1);
	}
	(void)tls_handshake_step(&sess, fd[0], &events, &res);
	drain(fd[1], f);
	fclose(f);
	close(fd[0]);
	close(fd[1]);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct result res;
	enum tls_status st = TLS_AGAIN;
	short events;
	size_t off = 0;
	int fd[2];
	int i;

	if (start(fd, &res) < 0) {
		return 0;
	}
	/* What does not fit in the socket's buffer is dropped. */
	while (off < len) {
		ssize_t n = send(fd[1], data + off, len - off, MSG_DONTWAIT);

		if (n <= 0) {
			break;
		}
		off += (size_t)n;
	}
	shutdown(fd[1], SHUT_WR);
	/* Each step reads all there is; EOF ends it.  Bounded anyway. */
	for (i = 0; i < 64 && st == TLS_AGAIN; i++) {
		st = tls_handshake_step(&sess, fd[0], &events, &res);
		drain(fd[1], NULL);
	}
	if (st == TLS_DONE) {
		for (i = 0; i < 64 && tls_close_step(&sess, fd[0], &events) ==
		    TLS_AGAIN; i++) {
			drain(fd[1], NULL);
		}
	}
	if (getenv("FUZZ_TLS_VERBOSE") != NULL) {
		fprintf(stderr, "fuzz_tls: %s, version 0x%04x: %s: %s\n",
		    st == TLS_DONE ? "done" : st == TLS_FAIL ? "failed" :
		    "waiting", sess.version, ck_strerror(res.err), res.detail);
	}
	close(fd[0]);
	close(fd[1]);
	return 0;
}
