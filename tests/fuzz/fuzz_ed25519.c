/* SPDX-License-Identifier: MIT */
/*
 * fuzz_ed25519: ed25519_verify on arbitrary bytes.  Input: the 32-byte
 * public key, the 64-byte signature, then the message (shorter inputs
 * are zero-padded), so the fuzzer reaches keys that do not decode,
 * small-order and non-canonical points, S at or above L, and every
 * message length.  The verdict must be 0 or 1 and the same when asked
 * again (the code keeps no state), and ASan watches the exact-size
 * heap copies for any read outside them.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ed25519.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	unsigned char head[96];
	unsigned char *pub;
	unsigned char *sig;
	unsigned char *msg;
	size_t n = len < sizeof head ? len : sizeof head;
	size_t msg_len = len - n;
	int rc;

	memset(head, 0, sizeof head);
	memcpy(head, data, n);
	pub = malloc(32);
	sig = malloc(64);
	msg = malloc(msg_len ? msg_len : 1);
	if (pub == NULL || sig == NULL || msg == NULL) {
		abort();
	}
	memcpy(pub, head, 32);
	memcpy(sig, head + 32, 64);
	memcpy(msg, data + n, msg_len);
	rc = ed25519_verify(pub, msg, msg_len, sig);
	if ((rc != 0 && rc != 1) || ed25519_verify(pub, msg, msg_len, sig) !=
	    rc) {
		abort();
	}
	free(pub);
	free(sig);
	free(msg);
	return 0;
}
