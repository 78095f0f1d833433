/* SPDX-License-Identifier: MIT */
/*
 * ct_ec_p256: ec_p256.c's mul and mulgen under valgrind memcheck (make
 * check-ct, tests/integ/68-ct.sh).  The scalar is marked undefined,
 * so every value computed from it is too, and memcheck reports each
 * conditional jump and each load or store address that depends on it:
 * any such report is a timing leak of the secret.  Scalars with every
 * window value, the edges (0, 1, n-1) and random ones go through both
 * operations; the results are made public only afterwards, to compare
 * them with the same computation on a public scalar.  With the argument
 * "control" it also branches on the scalar on purpose, so a check that
 * sees nothing cannot pass.  Without valgrind's header it builds but
 * says so and fails.
 */
#include <stdio.h>
#include <string.h>

#include "ec_p256.h"

#if defined(__has_include)
#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#define HAVE_MEMCHECK 1
#endif
#endif

#ifdef HAVE_MEMCHECK
#define SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))
#else
#define SECRET(p, n) ((void)(p), (void)(n))
#define PUBLIC(p, n) ((void)(p), (void)(n))
#endif

static int failed;

static void
check(int ok, const char *what, int i)
{
	printf("%sok - ct_ec_p256: %s, scalar %d\n", ok ? "" : "not ", what,
	    i);
	failed += !ok;
}

int
main(int argc, char **argv)
{
	/* n - 1, then 1 and 0 (below), then patterns and random bytes. */
	static const unsigned char nm1[32] = {
		0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xbc, 0xe6, 0xfa, 0xad,
		0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63,
		0x25, 0x50
	};
	const br_ec_impl *ec = ec_p256_impl();
	int control = argc > 1 && strcmp(argv[1], "control") == 0;
	unsigned char k[32];
	unsigned char peer[65];
	unsigned char want[65];
	unsigned char got[65];
	unsigned char x = 0x5a;
	uint32_t rc;
	int i;
	int j;

#ifndef HAVE_MEMCHECK
	printf("not ok - ct_ec_p256: built without valgrind/memcheck.h\n");
	return 1;
#endif
	/* The peer's point, public: 7 G. */
	memset(k, 0, sizeof k);
	k[31] = 7;
	ec->mulgen(peer, k, sizeof k, BR_EC_secp256r1);
	for (i = 0; i < 8; i++) {
		switch (i) {
		case 0: memcpy(k, nm1, sizeof k); break;
		case 1: memset(k, 0, sizeof k); k[31] = 1; break;
		case 2: memset(k, 0, sizeof k); break;
		case 3:
			/* Every 4-bit window value, and every comb index. */
			for (j = 0; j < 32; j++) {
				k[j] = (unsigned char)(j * 0x11 + (j >> 4));
			}
			k[0] &= 0x7f;
			break;
		default:
			for (j = 0; j < 32; j++) {
				x = (unsigned char)(x * 167 + 13 + i);
				k[j] = x;
			}
			k[0] &= 0x7f;
			break;
		}
		/* mulgen */
		ec->mulgen(want, k, sizeof k, BR_EC_secp256r1);
		SECRET(k, sizeof k);
		if (control && (k[5] & 1)) {
			x ^= 1;
		}
		ec->mulgen(got, k, sizeof k, BR_EC_secp256r1);
		PUBLIC(got, sizeof got);
		check(memcmp(got, want, sizeof got) == 0, "mulgen", i);
		/* mul: the ECDH of a probe */
		PUBLIC(k, sizeof k);
		memcpy(want, peer, sizeof want);
		ec->mul(want, sizeof want, k, sizeof k, BR_EC_secp256r1);
		SECRET(k, sizeof k);
		memcpy(got, peer, sizeof got);
		rc = ec->mul(got, sizeof got, k, sizeof k, BR_EC_secp256r1);
		PUBLIC(got, sizeof got);
		PUBLIC(&rc, sizeof rc);
		check(rc == 1 && memcmp(got, want, sizeof got) == 0, "mul", i);
		PUBLIC(k, sizeof k);
	}
	return failed != 0;
}
