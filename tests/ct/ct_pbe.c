/* SPDX-License-Identifier: MIT */
/*
 * ct_pbe: pbe.c's secret handling under valgrind memcheck (make
 * check-ct).  The password is marked undefined, so everything derived
 * from it (PBKDF2 and EVP_BytesToKey output, the AES and 3DES key
 * schedules, the plaintext) is undefined too; memcheck then reports any
 * conditional jump, and any load or store address, that depends on it.
 * pbe.c, built with -DCK_CTGRIND, marks only the final padding verdict
 * (and the pad length, once the verdict is "good") as public.  With the
 * argument "control" it also branches on the password on purpose, to
 * show that memcheck does catch it (make check-ct wants that run to
 * fail).  Prints one "ok -" line per result check, after making the
 * results public.
 */
#include <stdio.h>
#include <string.h>

#include <valgrind/memcheck.h>

#include "pbe.h"

#define SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))

static int failed;

static void
check(int ok, const char *what)
{
	printf("%sok - ct_pbe: %s\n", ok ? "" : "not ", what);
	failed += !ok;
}

/* Encrypts buf (public key: done before anything is secret). */
static void
encrypt(enum pbe_cipher c, const unsigned char *key,
    const unsigned char *iv, unsigned char *buf, size_t len)
{
	br_aes_ct_cbcenc_keys aes;
	br_des_ct_cbcenc_keys des;
	unsigned char ivc[16];

	memcpy(ivc, iv, sizeof ivc);
	if (c == PBE_DES_EDE3_CBC) {
		br_des_ct_cbcenc_init(&des, key, pbe_key_len(c));
		br_des_ct_cbcenc_run(&des, ivc, buf, len);
	} else {
		br_aes_ct_cbcenc_init(&aes, key, pbe_key_len(c));
		br_aes_ct_cbcenc_run(&aes, ivc, buf, len);
	}
}

int
main(int argc, char **argv)
{
	static const enum pbe_cipher cs[] = { PBE_AES128_CBC,
	    PBE_AES192_CBC, PBE_AES256_CBC, PBE_DES_EDE3_CBC };
	static const unsigned char salt[16] = "saltsaltsaltsalt";
	static const unsigned char iv[16] = "ivivivivivivivi";
	unsigned char pw[] = "correct horse battery staple";
	unsigned char k1[32];
	unsigned char k2[32];
	unsigned char k3[32];
	unsigned char ref[3][32];
	unsigned char buf[48];
	unsigned char good[48];
	size_t block;
	size_t len;
	size_t i;
	int rc;

	/* The expected keys, computed while the password is public. */
	pbe_pbkdf2(&br_sha1_vtable, pw, sizeof pw - 1, salt, 8, 50,
	    ref[0], 32);
	pbe_pbkdf2(&br_sha256_vtable, pw, sizeof pw - 1, salt, 16, 50,
	    ref[1], 32);
	pbe_bytes_to_key(pw, sizeof pw - 1, iv, ref[2], 32);

	SECRET(pw, sizeof pw);
	if (argc > 1 && strcmp(argv[1], "control") == 0 && pw[0] == 'c') {
		printf("# control: branched on the password\n");
	}
	pbe_pbkdf2(&br_sha1_vtable, pw, sizeof pw - 1, salt, 8, 50, k1, 32);
	pbe_pbkdf2(&br_sha256_vtable, pw, sizeof pw - 1, salt, 16, 50, k2,
	    32);
	pbe_bytes_to_key(pw, sizeof pw - 1, iv, k3, 32);

	for (i = 0; i < sizeof cs / sizeof cs[0]; i++) {
		block = pbe_iv_len(cs[i]);
		/* A good padding of 3 bytes. */
		memset(good, 'A', sizeof good);
		memset(good + sizeof good - 3, 3, 3);
		memcpy(buf, good, sizeof buf);
		PUBLIC(k2, sizeof k2);
		encrypt(cs[i], k2, iv, buf, sizeof buf);
		SECRET(k2, sizeof k2);
		rc = pbe_cbc_decrypt(cs[i], k2, iv, buf, sizeof buf, &len);
		PUBLIC(buf, sizeof buf);
		check(rc == 0 && len == sizeof buf - 3 &&
		    memcmp(buf, good, len) == 0, "good padding decrypts");
		/* A bad one: the byte before the pad differs. */
		memset(good + sizeof good - block, 5, block);
		good[sizeof good - 5] = 4;
		memcpy(buf, good, sizeof buf);
		PUBLIC(k2, sizeof k2);
		encrypt(cs[i], k2, iv, buf, sizeof buf);
		SECRET(k2, sizeof k2);
		rc = pbe_cbc_decrypt(cs[i], k2, iv, buf, sizeof buf, &len);
		check(rc < 0, "bad padding refused");
		/* The other derived keys, through the same decryptor. */
		rc = pbe_cbc_decrypt(cs[i], k1, iv, buf, sizeof buf, &len);
		rc = pbe_cbc_decrypt(cs[i], k3, iv, buf, sizeof buf, &len);
		(void)rc;
	}
	PUBLIC(k1, sizeof k1);
	PUBLIC(k2, sizeof k2);
	PUBLIC(k3, sizeof k3);
	check(memcmp(k1, ref[0], 32) == 0, "PBKDF2-HMAC-SHA1 key");
	check(memcmp(k2, ref[1], 32) == 0, "PBKDF2-HMAC-SHA256 key");
	check(memcmp(k3, ref[2], 32) == 0, "EVP_BytesToKey key");
	return failed != 0;
}
