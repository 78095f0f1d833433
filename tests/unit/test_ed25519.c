/* SPDX-License-Identifier: MIT */
/*
 * test_ed25519: ed25519_verify on the RFC 8032 7.1 test vectors (TEST 1,
 * 2, 3 and SHA(abc); TEST 1024's message is not transcribed here, the
 * differential run covers long messages), each with a flipped bit in the
 * message, R, S and the key; then the edges where implementations
 * differ, with the verdicts `openssl pkeyutl -verify -rawin` (OpenSSL
 * 3.0) gives: S at or above L, the neutral element as a key (canonical,
 * y = p + 1, and x = 0 with the sign bit), a non-canonical R, a key that
 * does not decode.
 *
 * With a file argument (tests/unit/ed25519-diff.sh writes it) it checks
 * instead that every line "PUB MSG SIG WANT" (hex, MSG "-" when empty,
 * WANT openssl's verdict 1 or 0) gets the same verdict.
 */
#include <stdio.h>
#include <stdlib.h>

#include "ed25519.h"
#include "t.h"

#define MSG_CAP 4096

static size_t
unhex(const char *s, unsigned char *out, size_t cap)
{
	size_t n = 0;
	unsigned v;

	while (s[0] != '\0' && s[1] != '\0' && n < cap &&
	    sscanf(s, "%2x", &v) == 1) {
		out[n++] = (unsigned char)v;
		s += 2;
	}
	return n;
}

struct vec {
	const char *name;
	const char *pub;
	const char *msg;
	const char *sig;
};

static const struct vec rfc[] = {
	{ "TEST 1",
	    "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
	    "",
	    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
	    "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b" },
	{ "TEST 2",
	    "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
	    "72",
	    "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
	    "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00" },
	{ "TEST 3",
	    "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
	    "af82",
	    "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
	    "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a" },
	{ "TEST SHA(abc)",
	    "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
	    "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
	    "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
	    "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b589"
	    "09351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704" },
};

/* L, little-endian. */
static const char hex_l[] =
    "edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010";

static void
test_rfc(void)
{
	unsigned char pub[32];
	unsigned char msg[MSG_CAP];
	unsigned char sig[64];
	size_t len;
	size_t i;

	for (i = 0; i < sizeof rfc / sizeof rfc[0]; i++) {
		const char *n = rfc[i].name;

		unhex(rfc[i].pub, pub, sizeof pub);
		len = unhex(rfc[i].msg, msg, sizeof msg);
		unhex(rfc[i].sig, sig, sizeof sig);
		CHECKF(ed25519_verify(pub, msg, len, sig) == 1, "%s verifies",
		    n);
		if (len > 0) {
			msg[len - 1] ^= 0x01;
			CHECKF(ed25519_verify(pub, msg, len, sig) == 0,
			    "%s: flipped message bit", n);
			msg[len - 1] ^= 0x01;
		}
		CHECKF(ed25519_verify(pub, msg, len + 1, sig) == 0,
		    "%s: one message byte more", n);
		sig[3] ^= 0x20;
		CHECKF(ed25519_verify(pub, msg, len, sig) == 0,
		    "%s: flipped R bit", n);
		sig[3] ^= 0x20;
		sig[40] ^= 0x04;
		CHECKF(ed25519_verify(pub, msg, len, sig) == 0,
		    "%s: flipped S bit", n);
		sig[40] ^= 0x04;
		pub[7] ^= 0x80;
		CHECKF(ed25519_verify(pub, msg, len, sig) == 0,
		    "%s: flipped key bit", n);
		pub[7] ^= 0x80;
		pub[31] ^= 0x80;
		CHECKF(ed25519_verify(pub, msg, len, sig) == 0,
		    "%s: flipped key sign bit", n);
		pub[31] ^= 0x80;
		CHECKF(ed25519_verify(pub, msg, len, sig) == 1,
		    "%s: still verifies", n);
	}
}

/* S + L verifies the same equation, S = L is zero: OpenSSL refuses both,
 * as RFC 8032 5.1.7 says. */
static void
test_scalar_range(void)
{
	unsigned char pub[32];
	unsigned char sig[64];
	unsigned char l[32];
	unsigned c = 0;
	int i;

	unhex(rfc[0].pub, pub, sizeof pub);
	unhex(rfc[0].sig, sig, sizeof sig);
	unhex(hex_l, l, sizeof l);
	for (i = 0; i < 32; i++) {
		c += sig[32 + i] + l[i];
		sig[32 + i] = (unsigned char)c;
		c >>= 8;
	}
	CHECK(c == 0 && ed25519_verify(pub, NULL, 0, sig) == 0);
	memcpy(sig + 32, l, 32);
	CHECK(ed25519_verify(pub, NULL, 0, sig) == 0);
	unhex(rfc[0].sig, sig, sizeof sig);
	sig[63] |= 0xe0;
	CHECK(ed25519_verify(pub, NULL, 0, sig) == 0);
}

struct edge {
	const char *what;
	const char *pub;
	const char *sig;
	int want;			/* what OpenSSL 3.0 says */
};

#define HEX_ID	"0100000000000000000000000000000000000000000000000000000000000000"
#define HEX_ZERO "0000000000000000000000000000000000000000000000000000000000000000"
#define HEX_B	"5866666666666666666666666666666666666666666666666666666666666666"
#define HEX_ONE	HEX_ID

/*
 * With the neutral element as the key, [k]A vanishes: R = B, S = 1 and
 * R = neutral, S = 0 verify every message under the cofactorless
 * equation OpenSSL uses, whatever encoding of the neutral element the
 * key has.  R itself must be the canonical encoding.
 */
static const struct edge edges[] = {
	{ "neutral key, R = B, S = 1", HEX_ID, HEX_B HEX_ONE, 1 },
	{ "neutral key as y = p + 1",
	    "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	    HEX_B HEX_ONE, 1 },
	{ "neutral key with x sign bit",
	    "0100000000000000000000000000000000000000000000000000000000000080",
	    HEX_B HEX_ONE, 1 },
	{ "neutral key, R = neutral, S = 0", HEX_ID, HEX_ID HEX_ZERO, 1 },
	{ "R = neutral as y = p + 1", HEX_ID,
	    "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"
	    HEX_ZERO, 0 },
	{ "R = neutral with x sign bit", HEX_ID,
	    "0100000000000000000000000000000000000000000000000000000000000080"
	    HEX_ZERO, 0 },
	{ "R = B, S = 2", HEX_ID, HEX_B
	    "0200000000000000000000000000000000000000000000000000000000000000",
	    0 },
	{ "key y = 2 does not decode",
	    "0200000000000000000000000000000000000000000000000000000000000000",
	    HEX_ID HEX_ZERO, 0 },
};

static void
test_edges(void)
{
	unsigned char pub[32];
	unsigned char sig[64];
	size_t i;

	for (i = 0; i < sizeof edges / sizeof edges[0]; i++) {
		unhex(edges[i].pub, pub, sizeof pub);
		unhex(edges[i].sig, sig, sizeof sig);
		CHECKF(ed25519_verify(pub, (const unsigned char *)"ab", 2,
		    sig) == edges[i].want, "%s: %d", edges[i].what,
		    edges[i].want);
	}
}

/* The differential cases of tests/unit/ed25519-diff.sh. */
static void
test_file(const char *path)
{
	static unsigned char msg[MSG_CAP];
	static char line[4 * MSG_CAP];
	char pub_hex[80];
	char sig_hex[160];
	char *msg_hex;
	unsigned char pub[32];
	unsigned char sig[64];
	FILE *f = fopen(path, "r");
	unsigned n = 0;
	unsigned bad = 0;
	size_t len;
	int want;
	int got;

	if (f == NULL) {
		CHECKF(0, "cannot open %s", path);
		return;
	}
	msg_hex = malloc(sizeof line);
	while (msg_hex != NULL && fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "%79s %s %159s %d", pub_hex, msg_hex,
		    sig_hex, &want) != 4 ||
		    unhex(pub_hex, pub, sizeof pub) != 32 ||
		    unhex(sig_hex, sig, sizeof sig) != 64) {
			CHECKF(0, "case %u: malformed line", n + 1);
			bad++;
			continue;
		}
		len = msg_hex[0] == '-' ? 0 : unhex(msg_hex, msg, sizeof msg);
		got = ed25519_verify(pub, msg, len, sig);
		n++;
		if (got != want) {
			CHECKF(0, "case %u: %s %s %s: ours %d, openssl %d", n,
			    pub_hex, msg_hex, sig_hex, got, want);
			bad++;
		}
	}
	fclose(f);
	free(msg_hex);
	CHECKF(n > 0 && bad == 0, "%u differential cases agree with openssl",
	    n);
}

int
main(int argc, char **argv)
{
	if (argc > 1) {
		test_file(argv[1]);
		return t_exit();
	}
	test_rfc();
	test_scalar_range();
	test_edges();
	return t_exit();
}
