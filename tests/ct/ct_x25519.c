/* SPDX-License-Identifier: MIT */
/*
 * ct_x25519: x25519.c's mul and mulgen under valgrind memcheck (make
 * check-ct, tests/integ/68-ct.sh), as ct_ec_p256.c does for
 * P-256: the scalar is marked undefined, so memcheck reports each
 * conditional jump and each load or store address that depends on it.
 * Scalars 0, all ones, alternating bits (every bit changes the ladder's
 * swap) and random ones go through mulgen and through mul on a random u
 * and on small-order ones (0, 1); the results are made public only
 * afterwards, to compare them with the same computation on a public
 * scalar.  With the argument "control" it also branches on the scalar on
 * purpose, so a check that sees nothing cannot pass.  Without valgrind's
 * header it builds but says so and fails.
 */
#include <stdio.h>
#include <string.h>

#include "x25519.h"

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

#define C25519 BR_EC_curve25519

static int failed;

static void
check(int ok, const char *what, int i)
{
	printf("%sok - ct_x25519: %s, scalar %d\n", ok ? "" : "not ", what, i);
	failed += !ok;
}

int
main(int argc, char **argv)
{
	const br_ec_impl *ec = x25519_impl();
	int control = argc > 1 && strcmp(argv[1], "control") == 0;
	unsigned char k[32];
	unsigned char peer[3][32];
	unsigned char want[32];
	unsigned char got[32];
	unsigned char x = 0x5a;
	uint32_t rc;
	int i;
	int j;
	int p;

#ifndef HAVE_MEMCHECK
	printf("not ok - ct_x25519: built without valgrind/memcheck.h\n");
	return 1;
#endif
	/* The peers' u, public: 7 (the generator's multiple), 0 and 1. */
	memset(k, 0, sizeof k);
	k[0] = 7;
	ec->mulgen(peer[0], k, sizeof k, C25519);
	memset(peer[1], 0, sizeof peer[1]);
	memset(peer[2], 0, sizeof peer[2]);
	peer[2][0] = 1;
	for (i = 0; i < 6; i++) {
		switch (i) {
		case 0: memset(k, 0, sizeof k); break;
		case 1: memset(k, 0xff, sizeof k); break;
		case 2: memset(k, 0x55, sizeof k); break;
		default:
			for (j = 0; j < 32; j++) {
				x = (unsigned char)(x * 167 + 13 + i);
				k[j] = x;
			}
			break;
		}
		ec->mulgen(want, k, sizeof k, C25519);
		SECRET(k, sizeof k);
		if (control && (k[5] & 1)) {
			x ^= 1;
		}
		ec->mulgen(got, k, sizeof k, C25519);
		PUBLIC(got, sizeof got);
		check(memcmp(got, want, sizeof got) == 0, "mulgen", i);
		for (p = 0; p < 3; p++) {
			PUBLIC(k, sizeof k);
			memcpy(want, peer[p], sizeof want);
			ec->mul(want, sizeof want, k, sizeof k, C25519);
			SECRET(k, sizeof k);
			memcpy(got, peer[p], sizeof got);
			rc = ec->mul(got, sizeof got, k, sizeof k, C25519);
			PUBLIC(got, sizeof got);
			PUBLIC(&rc, sizeof rc);
			check(rc == 1 && memcmp(got, want, sizeof got) == 0,
			    p == 0 ? "mul" : "mul, small-order u", i);
		}
		PUBLIC(k, sizeof k);
	}
	return failed != 0;
}
