/* SPDX-License-Identifier: MIT */
/*
 * fuzz_ec_p256: ec_p256.c's P-256 against BearSSL's br_ec_p256_m31 on
 * fuzzer-chosen points and scalars.  Input: a flags byte, a position
 * byte, 65 bytes of point (or, with flag 1, 32 bytes whose multiple of
 * G is the point, so most inputs reach the arithmetic rather than the
 * on-curve check; flag 2 then flips the bit the position byte names),
 * then the scalar (any length; above 32 bytes ec_p256 hands it on).
 * mul must give p256_m31's status and point, mulgen its point, and
 * muladd (point times scalar plus G times scalar) its status and point,
 * for scalars below n: p256_m31's formulas are not complete, and a few
 * scalars above n (n + 6 for mul) meet the doubling they skip.  A zero
 * scalar makes muladd fail (the contract), which p256_m31 does not check.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ec_p256.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

static const unsigned char order[32] = {
	0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17,
	0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51
};

static int
nonzero(const uint8_t *k, size_t klen)
{
	uint8_t acc = 0;

	while (klen-- > 0) {
		acc |= k[klen];
	}
	return acc != 0;
}

/* Whether the big-endian k is below n (public here: may branch). */
static int
below_n(const uint8_t *k, size_t klen)
{
	unsigned char k32[32];

	if (klen > 32) {
		return 0;
	}
	memset(k32, 0, sizeof k32);
	memcpy(k32 + 32 - klen, k, klen);
	return memcmp(k32, order, 32) < 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const br_ec_impl *ours = ec_p256_impl();
	const br_ec_impl *ref = &br_ec_p256_m31;
	unsigned char pt[65];
	unsigned char a[65];
	unsigned char b[65];
	const uint8_t *k;
	size_t klen;
	size_t plen;
	uint32_t ra;
	uint32_t rb;

	if (len < 2) {
		return 0;
	}
	plen = data[0] & 1 ? 32 : 65;
	if (len < 2 + plen) {
		return 0;
	}
	if (data[0] & 1) {
		ref->mulgen(pt, data + 2, 32, BR_EC_secp256r1);
		if (data[0] & 2) {
			pt[data[1] % 65] ^= (unsigned char)(1 << (data[1] >> 5 & 7));
		}
	} else {
		memcpy(pt, data + 2, 65);
	}
	k = data + 2 + plen;
	klen = len - 2 - plen;
	/* BearSSL takes any length; ours hands long ones on.  Keep it short. */
	if (klen > 40) {
		klen = 40;
	}
	memcpy(a, pt, 65);
	memcpy(b, pt, 65);
	ra = ours->mul(a, 65, k, klen, BR_EC_secp256r1);
	rb = ref->mul(b, 65, k, klen, BR_EC_secp256r1);
	if (!below_n(k, klen)) {
		return 0;
	}
	if (ra != rb || (ra == 1 && memcmp(a, b, 65) != 0)) {
		abort();
	}
	ours->mulgen(a, k, klen, BR_EC_secp256r1);
	ref->mulgen(b, k, klen, BR_EC_secp256r1);
	if (memcmp(a, b, 65) != 0) {
		abort();
	}
	if (!below_n(data + 2, 32)) {
		return 0;
	}
	/* A zero scalar: ours says 0 (the contract), p256_m31 does not. */
	memcpy(a, pt, 65);
	if (!nonzero(k, klen) || !nonzero(data + 2, 32)) {
		if (ours->muladd(a, NULL, 65, k, klen, data + 2, 32,
		    BR_EC_secp256r1) != 0) {
			abort();
		}
		return 0;
	}
	memcpy(b, pt, 65);
	ra = ours->muladd(a, NULL, 65, k, klen, data + 2, 32,
	    BR_EC_secp256r1);
	rb = ref->muladd(b, NULL, 65, k, klen, data + 2, 32, BR_EC_secp256r1);
	if (ra != rb || (ra == 1 && memcmp(a, b, 65) != 0)) {
		abort();
	}
	return 0;
}
