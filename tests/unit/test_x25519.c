/* SPDX-License-Identifier: MIT */
/*
 * test_x25519: our X25519 (x25519.c, and ec_p256_impl()'s Curve25519,
 * which forwards there) against RFC 7748's vectors (5.2, the 1 and 1,000
 * iteration ones, 1,000,000 with X25519_LONG=1; 6.1's Diffie-Hellman) and
 * against BearSSL's br_ec_c25519_m31: its contract (lengths, return
 * values, what is left in the buffer), the edge u-coordinates (0, 1,
 * p - 1, p, p + 1, the points of order 8, non-canonical ones, top bit
 * set) and X25519_N random scalars and u (default 3,000; X25519_SEED for
 * another sequence).
 */
#include <stdlib.h>

#include "ec_p256.h"
#include "x25519.h"
#include "t.h"

static const br_ec_impl *ours;
static const br_ec_impl *ref = &br_ec_c25519_m31;
#define C25519 BR_EC_curve25519

/* Both mul on (u, k): same status and the same bytes left in the buffer. */
static int
same_mul(const unsigned char *u, size_t len, const unsigned char *k,
    size_t klen)
{
	unsigned char a[65];
	unsigned char b[65];
	uint32_t ra;
	uint32_t rb;

	memcpy(a, u, len);
	memcpy(b, u, len);
	ra = ours->mul(a, len, k, klen, C25519);
	rb = ref->mul(b, len, k, klen, C25519);
	return ra == rb && memcmp(a, b, len) == 0;
}

static int
same_mulgen(const unsigned char *k, size_t klen)
{
	unsigned char a[32];
	unsigned char b[32];
	size_t la = ours->mulgen(a, k, klen, C25519);
	size_t lb = ref->mulgen(b, k, klen, C25519);

	return la == 32 && lb == 32 && memcmp(a, b, 32) == 0;
}

/* X25519(k, u) by ours into out; mul's status. */
static uint32_t
x25519(unsigned char *out, const unsigned char *k, const unsigned char *u)
{
	memcpy(out, u, 32);
	return ours->mul(out, 32, k, 32, C25519);
}

/* RFC 7748 5.2: two single multiplications, then k = X25519(k, u), u = k. */
static void
test_rfc7748_5_2(void)
{
	static const char *const v[][3] = {
		{ "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
		  "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c",
		  "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552" },
		/* u's top bit is set: ignored */
		{ "4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
		  "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493",
		  "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957" },
	};
	static const char *const iter[] = {
		"422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079",
		"684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51",
		"7c3911e0ab2586fd864497297e575e6f3bc601c0883c30df5f4dd2d24f665424",
	};
	unsigned char k[32];
	unsigned char u[32];
	unsigned char want[32];
	unsigned char got[32];
	const char *s = getenv("X25519_LONG");
	long n = s != NULL && *s == '1' ? 1000000 : 1000;
	long i;
	size_t j;

	for (j = 0; j < sizeof v / sizeof v[0]; j++) {
		t_unhex(v[j][0], k, sizeof k);
		t_unhex(v[j][1], u, sizeof u);
		t_unhex(v[j][2], want, sizeof want);
		CHECKF(x25519(got, k, u) == 1 && memcmp(got, want, 32) == 0,
		    "RFC 7748 5.2 vector %zu", j + 1);
	}
	memset(k, 0, sizeof k);
	k[0] = 9;
	memcpy(u, k, sizeof u);
	for (i = 1; i <= n; i++) {
		x25519(got, k, u);
		memcpy(u, k, sizeof u);
		memcpy(k, got, sizeof k);
		if (i == 1 || i == 1000 || i == 1000000) {
			t_unhex(iter[i == 1 ? 0 : i == 1000 ? 1 : 2],
			    want, sizeof want);
			CHECKF(memcmp(k, want, 32) == 0,
			    "RFC 7748 5.2 after %ld iterations", i);
		}
	}
}

/* RFC 7748 6.1: both public keys (mulgen) and the shared secret (mul). */
static void
test_rfc7748_6_1(void)
{
	unsigned char a[32], apub[32], b[32], bpub[32], z[32];
	unsigned char got[32];

	t_unhex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a",
	    a, sizeof a);
	t_unhex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
	    apub, sizeof apub);
	t_unhex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb",
	    b, sizeof b);
	t_unhex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
	    bpub, sizeof bpub);
	t_unhex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742",
	    z, sizeof z);
	CHECK(ours->mulgen(got, a, 32, C25519) == 32 &&
	    memcmp(got, apub, 32) == 0);
	CHECK(ours->mulgen(got, b, 32, C25519) == 32 &&
	    memcmp(got, bpub, 32) == 0);
	CHECK(x25519(got, a, bpub) == 1 && memcmp(got, z, 32) == 0);
	CHECK(x25519(got, b, apub) == 1 && memcmp(got, z, 32) == 0);
}

/*
 * Edge u: as BearSSL for a few scalars; the small-order ones give all
 * zeros with status 1 (the caller refuses that: RFC 7748 6.1), and the
 * non-canonical encodings give what their value mod p gives.
 */
static void
test_edges(void)
{
	static const struct {
		const char *u;
		int zero;	/* small order: all-zero result */
		int same_as;	/* -1, or an earlier row of the same value mod p */
	} v[] = {
		/* 0 */ { "0000000000000000000000000000000000000000000000000000000000000000", 1, -1 },
		/* 1 */ { "0100000000000000000000000000000000000000000000000000000000000000", 1, -1 },
		/* 2: order 8 */
		{ "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800", 1, -1 },
		/* 3: order 8 */
		{ "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157", 1, -1 },
		/* 4: p - 1: order 4 on the twist */
		{ "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", 1, -1 },
		/* 5: p = 0 */
		{ "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", 1, 0 },
		/* 6: p + 1 = 1 */
		{ "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", 1, 1 },
		/* 7: 18 */
		{ "1200000000000000000000000000000000000000000000000000000000000000", 0, -1 },
		/* 8: 2^255 - 1 = 18 */
		{ "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", 0, 7 },
		/* 9: 0 with the top bit set */
		{ "0000000000000000000000000000000000000000000000000000000000000080", 1, 0 },
		/* 10: p - 1 with the top bit set */
		{ "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 1, 4 },
		/* 11: 9, the generator */
		{ "0900000000000000000000000000000000000000000000000000000000000000", 0, -1 },
		/* 12: all ones, top bit set: 18 */
		{ "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 0, 7 },
		/* 13: 2^254 */
		{ "0000000000000000000000000000000000000000000000000000000000000040", 0, -1 },
	};
	static const unsigned char zero[32];
	unsigned char res[sizeof v / sizeof v[0]][32];
	unsigned char k[3][32];
	unsigned char u[32];
	size_t i;
	int j;

	memset(k[0], 0, 32);
	memset(k[1], 0xff, 32);
	t_fill(k[2], 32);
	for (j = 0; j < 3; j++) {
		for (i = 0; i < sizeof v / sizeof v[0]; i++) {
			t_unhex(v[i].u, u, sizeof u);
			CHECKF(same_mul(u, 32, k[j], 32),
			    "scalar %d, u %zu: as BearSSL", j, i);
			CHECKF(x25519(res[i], k[j], u) == 1 &&
			    (memcmp(res[i], zero, 32) == 0) == v[i].zero,
			    "scalar %d, u %zu: status 1, %s", j, i,
			    v[i].zero ? "all zeros" : "not all zeros");
			if (v[i].same_as >= 0) {
				CHECKF(memcmp(res[i], res[v[i].same_as], 32) ==
				    0, "scalar %d, u %zu: as u %d", j, i,
				    v[i].same_as);
			}
		}
	}
}

/*
 * br_ec_c25519_m31's contract: lengths refused with 0 and the buffer
 * untouched, short scalars zero-extended (little-endian), mulgen on a
 * long scalar, muladd, the constants; and ec_p256_impl() the same.
 */
static void
test_contract(void)
{
	static const size_t glens[] = { 0, 1, 31, 33, 64, 65 };
	const br_ec_impl *p256 = ec_p256_impl();
	unsigned char u[65];
	unsigned char g[65];
	unsigned char k[40];
	unsigned char a[32];
	unsigned char b[32];
	const unsigned char *pa;
	const unsigned char *pb;
	size_t la;
	size_t lb;
	size_t i;

	t_fill(u, sizeof u);
	t_fill(k, sizeof k);
	for (i = 0; i < sizeof glens / sizeof glens[0]; i++) {
		memcpy(g, u, sizeof g);
		CHECKF(ours->mul(g, glens[i], k, 32, C25519) == 0 &&
		    memcmp(g, u, sizeof g) == 0,
		    "mul with a %zu-byte point: 0, point untouched", glens[i]);
		CHECKF(same_mul(u, glens[i], k, 32), "%zu-byte point as "
		    "BearSSL", glens[i]);
	}
	memcpy(g, u, sizeof g);
	CHECK(ours->mul(g, 32, k, 33, C25519) == 0 &&
	    memcmp(g, u, sizeof g) == 0);
	for (i = 0; i <= 33; i++) {
		CHECKF(same_mul(u, 32, k, i), "mul, %zu-byte scalar", i);
		CHECKF(same_mulgen(k, i), "mulgen, %zu-byte scalar", i);
	}
	CHECK(ours->mulgen(a, k, 40, C25519) == 32 && a[0] == 9 &&
	    memcmp(a + 1, (unsigned char[31]){ 0 }, 31) == 0);
	/* 9 with the top bit set is 9 */
	memcpy(g, u, 32);
	g[31] |= 0x80;
	memcpy(a, u, 32);
	a[31] &= 0x7f;
	ours->mul(g, 32, k, 32, C25519);
	ours->mul(a, 32, k, 32, C25519);
	CHECK(memcmp(g, a, 32) == 0);
	CHECK(ours->muladd(g, NULL, 32, k, 32, k, 32, C25519) == 0);
	CHECK(ours->supported_curves == (uint32_t)1 << C25519);
	pa = ours->generator(C25519, &la);
	pb = ref->generator(C25519, &lb);
	CHECK(la == lb && memcmp(pa, pb, la) == 0);
	pa = ours->order(C25519, &la);
	pb = ref->order(C25519, &lb);
	CHECK(la == lb && memcmp(pa, pb, la) == 0);
	CHECK(ours->xoff(C25519, &la) == ref->xoff(C25519, &lb) && la == lb);
	/* ec_p256_impl() hands Curve25519 to the same code */
	ours->mulgen(a, k, 32, C25519);
	CHECK(p256->mulgen(b, k, 32, C25519) == 32 && memcmp(a, b, 32) == 0);
	memcpy(a, u, 32);
	memcpy(b, u, 32);
	ours->mul(a, 32, k, 32, C25519);
	CHECK(p256->mul(b, 32, k, 32, C25519) == 1 && memcmp(a, b, 32) == 0);
	memcpy(b, u, 32);
	CHECK(p256->mul(b, 31, k, 32, C25519) == 0);
	pa = p256->order(C25519, &la);
	pb = ref->order(C25519, &lb);
	CHECK(la == lb && memcmp(pa, pb, la) == 0);
#ifdef __SIZEOF_INT128__
	CHECK(ours != ref);
#endif
}

/* Random scalars and u (any top bit, now and then p + small): mul,
 * mulgen and both sides of a key exchange against BearSSL. */
static void
test_random(void)
{
	unsigned char k[32], k2[32], u[32], pa[32], pb[32];
	const char *s = getenv("X25519_N");
	long count = s != NULL ? atol(s) : 3000;
	long bad_mul = 0;
	long bad_gen = 0;
	long bad_dh = 0;
	long i;
	size_t klen;

	if ((s = getenv("X25519_SEED")) != NULL) {
		t_seed(s);
	}
	for (i = 0; i < count; i++) {
		klen = t_next() % 8 ? 32 : t_next() % 33;
		t_fill(k, klen);
		t_fill(u, 32);
		switch (t_next() % 16) {
		case 0:		/* p + small, p - small */
			memset(u, 0xff, 32);
			u[31] = 0x7f;
			u[0] = (unsigned char)(0xed - 20 + t_next() % 40);
			break;
		case 1:		/* small */
			memset(u, 0, 32);
			u[0] = (unsigned char)t_next();
			break;
		default:
			break;
		}
		bad_mul += !same_mul(u, 32, k, klen);
		bad_gen += !same_mulgen(k, klen);
		t_fill(k2, 32);
		ours->mulgen(pa, k, klen, C25519);
		ref->mulgen(pb, k2, 32, C25519);
		ours->mul(pb, 32, k, klen, C25519);
		ref->mul(pa, 32, k2, 32, C25519);
		bad_dh += memcmp(pa, pb, 32) != 0;
	}
	t_reportf(bad_mul == 0, __FILE__, __LINE__,
	    "%ld random mul agree with BearSSL (%ld differ)", count, bad_mul);
	t_reportf(bad_gen == 0, __FILE__, __LINE__,
	    "%ld random mulgen agree with BearSSL (%ld differ)", count,
	    bad_gen);
	t_reportf(bad_dh == 0, __FILE__, __LINE__,
	    "%ld key exchanges agree with BearSSL (%ld differ)", count,
	    bad_dh);
}

int
main(void)
{
	ours = x25519_impl();
	test_rfc7748_5_2();
	test_rfc7748_6_1();
	test_edges();
	test_contract();
	test_random();
	return t_exit();
}
