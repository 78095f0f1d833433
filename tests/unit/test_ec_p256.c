/* SPDX-License-Identifier: MIT */
/*
 * test_ec_p256: our constant-time P-256 against BearSSL's br_ec_p256_m31
 * on random scalars and points (mul, mulgen and the ECDH shared x),
 * the RFC 5903 and NIST CAVS ECDH vectors, the edge scalars (0, 1, n-1,
 * n, n+1, all ones, short and over-long), the points mul must reject,
 * muladd, and the other curves passing through.  EC_P256_N random cases (default
 * 300), EC_P256_SEED for another sequence.
 */
#include <stdlib.h>

#include "ec_p256.h"
#include "t.h"

static const br_ec_impl *ours;
static const br_ec_impl *ref = &br_ec_p256_m31;

/* Both mul on (pt, k): same status, same point when valid. */
static int
same_mul(const unsigned char *pt, size_t len, const unsigned char *k,
    size_t klen)
{
	unsigned char a[80];
	unsigned char b[80];
	uint32_t ra;
	uint32_t rb;

	memcpy(a, pt, len);
	memcpy(b, pt, len);
	ra = ours->mul(a, len, k, klen, BR_EC_secp256r1);
	rb = ref->mul(b, len, k, klen, BR_EC_secp256r1);
	return ra == rb && (ra == 0 || memcmp(a, b, len) == 0);
}

static int
same_mulgen(const unsigned char *k, size_t klen)
{
	unsigned char a[65];
	unsigned char b[65];
	size_t la = ours->mulgen(a, k, klen, BR_EC_secp256r1);
	size_t lb = ref->mulgen(b, k, klen, BR_EC_secp256r1);

	return la == 65 && lb == 65 && memcmp(a, b, 65) == 0;
}

static void
test_random(void)
{
	unsigned char k[32];
	unsigned char k2[32];
	unsigned char pa[65];
	unsigned char pb[65];
	unsigned char pt[65];
	const char *s = getenv("EC_P256_N");
	long count = s != NULL ? atol(s) : 300;
	long bad_mul = 0;
	long bad_gen = 0;
	long bad_dh = 0;
	long i;
	size_t klen;

	if ((s = getenv("EC_P256_SEED")) != NULL) {
		t_seed(s);
	}
	for (i = 0; i < count; i++) {
		/* Full-length scalars mostly; short ones and sparse ones. */
		klen = t_next() % 8 ? 32 : 1 + t_next() % 32;
		t_fill(k, klen);
		if (t_next() % 8 == 0) {
			memset(k, 0, klen);
			k[t_next() % klen] = (unsigned char)(1u << t_next() % 8);
		}
		k[0] &= klen == 32 ? 0x7f : 0xff;	/* below n */
		bad_gen += !same_mulgen(k, klen);
		t_fill(k2, 32);
		k2[0] &= 0x7f;
		ref->mulgen(pt, k2, 32, BR_EC_secp256r1);
		bad_mul += !same_mul(pt, 65, k, klen);
		/* ECDH: a (b G) with ours, b (a G) with BearSSL's. */
		ours->mulgen(pa, k, klen, BR_EC_secp256r1);
		memcpy(pb, pt, 65);
		ours->mul(pb, 65, k, klen, BR_EC_secp256r1);
		ref->mul(pa, 65, k2, 32, BR_EC_secp256r1);
		bad_dh += memcmp(pa + 1, pb + 1, 32) != 0;
	}
	t_reportf(bad_gen == 0, __FILE__, __LINE__,
	    "%ld random mulgen agree with BearSSL (%ld differ)", count,
	    bad_gen);
	t_reportf(bad_mul == 0, __FILE__, __LINE__,
	    "%ld random mul agree with BearSSL (%ld differ)", count, bad_mul);
	t_reportf(bad_dh == 0, __FILE__, __LINE__,
	    "%ld ECDH shared x agree with BearSSL (%ld differ)", count,
	    bad_dh);
}

/* RFC 5903 8.1 and NIST CAVS ECC CDH P-256 count 0. */
static void
test_vectors(void)
{
	static const struct {
		const char *d;
		const char *q;		/* d G */
		const char *peer;
		const char *z;		/* x of d peer */
	} v[] = {
		{ "C88F01F510D9AC3F70A292DAA2316DE544E9AAB8AFE84049C62A9C57862D1433",
		  "04 DAD0B65394221CF9B051E1FECA5787D098DFE637FC90B9EF945D0C3772581180"
		  "5271A0461CDB8252D61F1C456FA3E59AB1F45B33ACCF5F58389E0577B8990BB3",
		  "04 D12DFB5289C8D4F81208B70270398C342296970A0BCCB74C736FC7554494BF63"
		  "56FBF3CA366CC23E8157854C13C58D6AAC23F046ADA30F8353E74F33039872AB",
		  "D6840F6B42F6EDAFD13116E0E12565202FEF8E9ECE7DCE03812464D04B9442DE" },
		{ "7d7dc5f71eb29ddaf80d6214632eeae03d9058af1fb6d22ed80badb62bc1a534",
		  "04 ead218590119e8876b29146ff89ca61770c4edbbf97d38ce385ed281d8a6b230"
		  "28af61281fd35e2fa7002523acc85a429cb06ee6648325389f59edfce1405141",
		  "04 700c48f77f56584c5cc632ca65640db91b6bacce3a4df6b42ce7cc838833d287"
		  "db71e509e3fd9b060ddb20ba5c51dcc5948d46fbf640dfe0441782cab85fa4ac",
		  "46fc62106420ff012e54a434fbdd2d25ccc5852060561e68040dd7778997bd7b" }
	};
	unsigned char d[32];
	unsigned char q[65];
	unsigned char peer[65];
	unsigned char z[32];
	unsigned char got[65];
	size_t i;

	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		t_unhex(v[i].d, d, sizeof d);
		t_unhex(v[i].q, q, sizeof q);
		t_unhex(v[i].peer, peer, sizeof peer);
		t_unhex(v[i].z, z, sizeof z);
		CHECK(ours->mulgen(got, d, 32, BR_EC_secp256r1) == 65 &&
		    memcmp(got, q, 65) == 0);
		CHECK(ours->mul(peer, 65, d, 32, BR_EC_secp256r1) == 1 &&
		    memcmp(peer + 1, z, 32) == 0);
	}
}

/*
 * The edge scalars, on G and on another point: as BearSSL, and as the
 * scalar reduced mod n (0 and n give 0x04 and zeros from both).
 */
static void
test_edges(void)
{
	static const char *const ks[] = {
		"00", "01", "",
		"FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632550",
		"FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551",
		"FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632552",
		"FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
		"0000000000000000000000000000000000000000000000000000000000000002",
		"80000000000000000000000000000000000000000000000000000000000000"
		"00",
	};
	unsigned char k[40];
	unsigned char pt[65];
	unsigned char g[65];
	unsigned char three[1] = { 3 };
	size_t i;
	size_t klen;

	ref->mulgen(g, (const unsigned char *)"\1", 1, BR_EC_secp256r1);
	ref->mulgen(pt, three, 1, BR_EC_secp256r1);
	for (i = 0; i < sizeof ks / sizeof ks[0]; i++) {
		klen = t_unhex(ks[i], k, sizeof k);
		CHECKF(same_mulgen(k, klen), "mulgen k = %s", ks[i]);
		CHECKF(same_mul(g, 65, k, klen), "mul G, k = %s", ks[i]);
		CHECKF(same_mul(pt, 65, k, klen), "mul 3G, k = %s", ks[i]);
	}
	/* 33 bytes (n - 1 after a zero): BearSSL's generic code, the same */
	klen = t_unhex("00FFFFFFFF00000000FFFFFFFFFFFFFFFF"
	    "BCE6FAADA7179E84F3B9CAC2FC632550", k, sizeof k);
	CHECK(same_mulgen(k, klen));
	CHECK(same_mul(pt, 65, k, klen));
}

/* mul must refuse these, as p256_m31 does; the good one for contrast. */
static void
test_invalid(void)
{
	static const char *const pts[] = {
		/* 5, y: on the curve */
		"04 0000000000000000000000000000000000000000000000000000000000000005"
		"459243b9aa581806fe913bce99817ade11ca503c64d9a3c533415c083248fbcc",
		/* 5 + p, y: the same point, x not reduced */
		"04 ffffffff00000001000000000000000000000001000000000000000000000004"
		"459243b9aa581806fe913bce99817ade11ca503c64d9a3c533415c083248fbcc",
		/* 5, y + 1: off the curve */
		"04 0000000000000000000000000000000000000000000000000000000000000005"
		"459243b9aa581806fe913bce99817ade11ca503c64d9a3c533415c083248fbcd",
		/* 5, p - y: the opposite point, on the curve */
		"04 0000000000000000000000000000000000000000000000000000000000000005"
		"ba6dbc4555a7e7fa016ec431667e8521ee35afc49b265c3accbea3f7cdb70433",
		/* 5, p */
		"04 0000000000000000000000000000000000000000000000000000000000000005"
		"ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
		/* compressed and hybrid forms, zero prefix */
		"02 0000000000000000000000000000000000000000000000000000000000000005"
		"459243b9aa581806fe913bce99817ade11ca503c64d9a3c533415c083248fbcc",
		"06 0000000000000000000000000000000000000000000000000000000000000005"
		"459243b9aa581806fe913bce99817ade11ca503c64d9a3c533415c083248fbcc",
		"00 0000000000000000000000000000000000000000000000000000000000000005"
		"459243b9aa581806fe913bce99817ade11ca503c64d9a3c533415c083248fbcc",
		/* (0, 0), (p, p), all ones */
		"04 0000000000000000000000000000000000000000000000000000000000000000"
		"0000000000000000000000000000000000000000000000000000000000000000",
		"04 ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"
		"ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
		"04 ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
		"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
	};
	static const int want[] = { 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0 };
	unsigned char pt[80];
	unsigned char k[32];
	size_t i;
	size_t len;

	t_fill(k, sizeof k);
	k[0] &= 0x7f;
	for (i = 0; i < sizeof pts / sizeof pts[0]; i++) {
		len = t_unhex(pts[i], pt, sizeof pt);
		CHECKF(ours->mul(pt, len, k, 32, BR_EC_secp256r1) ==
		    (uint32_t)want[i], "point %zu: mul returns %d", i, want[i]);
		len = t_unhex(pts[i], pt, sizeof pt);
		CHECKF(same_mul(pt, len, k, 32), "point %zu as BearSSL", i);
	}
	/* Lengths: one short, one long, and nothing. */
	len = t_unhex(pts[0], pt, sizeof pt);
	CHECK(ours->mul(pt, 64, k, 32, BR_EC_secp256r1) == 0);
	pt[65] = 0;
	CHECK(ours->mul(pt, 66, k, 32, BR_EC_secp256r1) == 0);
	CHECK(ours->mul(pt, 0, k, 32, BR_EC_secp256r1) == 0);
}

/* Both muladd: same status, same point when it succeeds. */
static int
same_muladd(const unsigned char *a, const unsigned char *b,
    const unsigned char *x, size_t xlen, const unsigned char *y,
    size_t ylen)
{
	unsigned char pa[65];
	unsigned char pb[65];
	uint32_t ra;
	uint32_t rb;

	memcpy(pa, a, 65);
	memcpy(pb, a, 65);
	ra = ours->muladd(pa, b, 65, x, xlen, y, ylen, BR_EC_secp256r1);
	rb = ref->muladd(pb, b, 65, x, xlen, y, ylen, BR_EC_secp256r1);
	return ra == rb && (ra == 0 || memcmp(pa, pb, 65) == 0);
}

/*
 * muladd (ECDSA verification's x A + y B): random, with B the generator
 * (NULL) or a point, and the cases p256_m31 treats apart: A + B at
 * infinity (0) and x A = y B (a doubling).
 */
static void
test_muladd(void)
{
	static const unsigned char nm1[32] = {
		0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xbc, 0xe6, 0xfa, 0xad,
		0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63,
		0x25, 0x50
	};
	unsigned char one[1] = { 1 };
	unsigned char two[1] = { 2 };
	unsigned char x[32];
	unsigned char y[32];
	unsigned char a[65];
	unsigned char b[65];
	unsigned char g[65];
	unsigned char t[65];
	long bad = 0;
	int i;

	ref->mulgen(g, one, 1, BR_EC_secp256r1);
	for (i = 0; i < 50; i++) {
		t_fill(x, 32);
		t_fill(y, 32);
		x[0] &= 0x7f;
		y[0] &= 0x7f;
		ref->mulgen(a, y, 32, BR_EC_secp256r1);
		t_fill(y, 32);
		y[0] &= 0x7f;
		ref->mulgen(b, y, 32, BR_EC_secp256r1);
		t_fill(y, 32);
		y[0] &= 0x7f;
		bad += !same_muladd(a, NULL, x, 32, y, 32);
		bad += !same_muladd(a, b, x, 32, y, 32);
	}
	t_reportf(bad == 0, __FILE__, __LINE__,
	    "100 random muladd agree with BearSSL (%ld differ)", bad);
	/* G + (n-1) G = infinity: 0 from both */
	memcpy(t, g, 65);
	CHECK(ours->muladd(t, NULL, 65, one, 1, nm1, 32,
	    BR_EC_secp256r1) == 0);
	CHECK(same_muladd(g, NULL, one, 1, nm1, 32));
	/* G + G, 2G + 2G: doublings */
	CHECK(same_muladd(g, NULL, one, 1, one, 1));
	CHECK(same_muladd(g, g, two, 1, two, 1));
	memcpy(t, g, 65);
	CHECK(ours->muladd(t, NULL, 65, one, 1, one, 1,
	    BR_EC_secp256r1) == 1);
	ref->mulgen(a, two, 1, BR_EC_secp256r1);
	CHECK(memcmp(t, a, 65) == 0);
#ifdef __SIZEOF_INT128__
	/*
	 * A zero scalar is an error (br_ec_impl's contract; p256_m31, the
	 * fallback on 32-bit targets, does not check it).
	 */
	memcpy(t, g, 65);
	CHECK(ours->muladd(t, NULL, 65, x, 0, one, 1, BR_EC_secp256r1) == 0);
	CHECK(ours->muladd(t, NULL, 65, one, 1, x, 0, BR_EC_secp256r1) == 0);
	CHECK(ours->muladd(t, NULL, 65, x, 32, (const unsigned char *)"\0",
	    1, BR_EC_secp256r1) == 0);
	CHECK(ours->muladd(t, g, 65, (const unsigned char *)"\0\0", 2, x,
	    32, BR_EC_secp256r1) == 0);
#endif
	/* a bad point */
	memcpy(t, g, 65);
	t[64] ^= 1;
	CHECK(ours->muladd(t, NULL, 65, one, 1, one, 1,
	    BR_EC_secp256r1) == 0);
	CHECK(ours->muladd(g, t, 65, one, 1, one, 1,
	    BR_EC_secp256r1) == 0);
}

/* Other curves pass through to BearSSL, and the curve set is its own. */
static void
test_others(void)
{
	static const int curves[] = {
		BR_EC_secp384r1, BR_EC_secp521r1, BR_EC_curve25519
	};
	const br_ec_impl *def = br_ec_get_default();
	unsigned char a[133];
	unsigned char b[133];
	unsigned char k[32];
	size_t i;
	size_t la;
	size_t lb;

	CHECK(ours->supported_curves == def->supported_curves);
	t_fill(k, sizeof k);
	k[0] &= 0x7f;
	for (i = 0; i < sizeof curves / sizeof curves[0]; i++) {
		la = ours->mulgen(a, k, sizeof k, curves[i]);
		lb = def->mulgen(b, k, sizeof k, curves[i]);
		CHECKF(la == lb && la > 0 && memcmp(a, b, la) == 0,
		    "curve %d mulgen as BearSSL", curves[i]);
		CHECKF(ours->mul(a, la, k, sizeof k, curves[i]) ==
		    def->mul(b, lb, k, sizeof k, curves[i]) &&
		    memcmp(a, b, la) == 0, "curve %d mul as BearSSL",
		    curves[i]);
	}
}

int
main(void)
{
	ours = ec_p256_impl();
#ifdef __SIZEOF_INT128__
	CHECK(ours != br_ec_get_default());
#endif
	test_vectors();
	test_edges();
	test_invalid();
	test_muladd();
	test_others();
	test_random();
	return t_exit();
}
