/* SPDX-License-Identifier: MIT */
/*
 * pbe: key derivation and CBC decryption for encrypted private keys.
 * Everything here touches the password or what comes from it, so the
 * code is written without secret-dependent branches or indexes: masks
 * instead of ifs, fixed loop counts, BearSSL's constant-time aes_ct and
 * des_ct rather than its faster table-based AES.  The only decision on
 * secret data is the final padding verdict, which the caller must act on
 * anyway; make check-ct proves the rest under valgrind (tests/ct).
 */
#include <string.h>

#include "pbe.h"

#ifdef CK_CTGRIND
#include <valgrind/memcheck.h>
/* The verdict leaves the constant-time region: valgrind may branch on
 * it (tests/ct marks the secrets undefined; this marks it public). */
#define DECLASSIFY(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))
#else
#define DECLASSIFY(p, n) ((void)0)
#endif

static const struct {
	const br_block_cbcdec_class *vt;
	unsigned char key_len;
} ciphers[] = {
	[PBE_AES128_CBC] = { &br_aes_ct_cbcdec_vtable, 16 },
	[PBE_AES192_CBC] = { &br_aes_ct_cbcdec_vtable, 24 },
	[PBE_AES256_CBC] = { &br_aes_ct_cbcdec_vtable, 32 },
	[PBE_DES_EDE3_CBC] = { &br_des_ct_cbcdec_vtable, 24 },
};

union cbc_keys {
	const br_block_cbcdec_class *vtable;
	br_aes_ct_cbcdec_keys aes;
	br_des_ct_cbcdec_keys des;
};

/* see pbe.h */
size_t
pbe_key_len(enum pbe_cipher c)
{
	return ciphers[c].key_len;
}

/* see pbe.h */
size_t
pbe_iv_len(enum pbe_cipher c)
{
	return ciphers[c].vt->block_size;
}

/* see pbe.h */
void
pbe_pbkdf2(const br_hash_class *dig, const void *pw, size_t pw_len,
    const void *salt, size_t salt_len, uint32_t iter, void *out,
    size_t out_len)
{
	br_hmac_key_context kc;
	br_hmac_context hc;
	unsigned char u[br_sha512_SIZE];
	unsigned char t[br_sha512_SIZE];
	unsigned char ctr[4];
	unsigned char *o = out;
	size_t hlen = (dig->desc >> BR_HASHDESC_OUT_OFF) &
	    BR_HASHDESC_OUT_MASK;
	uint32_t block = 0;
	uint32_t j;
	size_t i;
	size_t n;

	br_hmac_key_init(&kc, dig, pw, pw_len);
	while (out_len > 0) {
		/* T_i = U_1 ^ ... ^ U_c, U_1 = PRF(P, S || INT(i)). */
		block++;
		ctr[0] = (unsigned char)(block >> 24);
		ctr[1] = (unsigned char)(block >> 16);
		ctr[2] = (unsigned char)(block >> 8);
		ctr[3] = (unsigned char)block;
		br_hmac_init(&hc, &kc, 0);
		br_hmac_update(&hc, salt, salt_len);
		br_hmac_update(&hc, ctr, sizeof ctr);
		br_hmac_out(&hc, u);
		memcpy(t, u, hlen);
		for (j = 1; j < iter; j++) {
			br_hmac_init(&hc, &kc, 0);
			br_hmac_update(&hc, u, hlen);
			br_hmac_out(&hc, u);
			for (i = 0; i < hlen; i++) {
				t[i] ^= u[i];
			}
		}
		n = out_len < hlen ? out_len : hlen;
		memcpy(o, t, n);
		o += n;
		out_len -= n;
	}
	explicit_bzero(&kc, sizeof kc);
	explicit_bzero(&hc, sizeof hc);
	explicit_bzero(u, sizeof u);
	explicit_bzero(t, sizeof t);
}

/* see pbe.h */
void
pbe_bytes_to_key(const void *pw, size_t pw_len, const unsigned char *salt,
    void *out, size_t out_len)
{
	br_md5_context mc;
	unsigned char d[br_md5_SIZE];
	unsigned char *o = out;
	size_t n;
	int is_first = 1;

	while (out_len > 0) {
		/* D_i = MD5(D_{i-1} || password || salt). */
		br_md5_init(&mc);
		if (!is_first) {
			br_md5_update(&mc, d, sizeof d);
		}
		br_md5_update(&mc, pw, pw_len);
		br_md5_update(&mc, salt, 8);
		br_md5_out(&mc, d);
		is_first = 0;
		n = out_len < sizeof d ? out_len : sizeof d;
		memcpy(o, d, n);
		o += n;
		out_len -= n;
	}
	explicit_bzero(&mc, sizeof mc);
	explicit_bzero(d, sizeof d);
}

/* 1 when x < y, else 0; x and y below 2^31. */
static uint32_t
lt(uint32_t x, uint32_t y)
{
	return (x - y) >> 31;
}

/* see pbe.h */
int
pbe_cbc_decrypt(enum pbe_cipher c, const unsigned char *key,
    const unsigned char *iv, unsigned char *buf, size_t len,
    size_t *out_len)
{
	const br_block_cbcdec_class *vt = ciphers[c].vt;
	union cbc_keys k;
	union {
		uint32_t w[16];
		unsigned char b[64];	/* a multiple of every block */
	} chunk;
	unsigned char ivc[PBE_IV_MAX];
	uint32_t block = (uint32_t)vt->block_size;
	uint32_t pad;
	uint32_t bad;
	size_t i;
	size_t n;

	if (len == 0 || len % block != 0) {
		return -1;
	}
	memcpy(ivc, iv, block);
	vt->init(&k.vtable, key, ciphers[c].key_len);
	/* Through an aligned buffer: on x86 BearSSL reads blocks as words,
	 * and the ciphertext may sit at any offset of a DER buffer. */
	for (i = 0; i < len; i += n) {
		n = len - i < sizeof chunk ? len - i : sizeof chunk;
		memcpy(chunk.b, buf + i, n);
		vt->run(&k.vtable, ivc, chunk.b, n);
		memcpy(buf + i, chunk.b, n);
	}
	explicit_bzero(&k, sizeof k);
	explicit_bzero(ivc, sizeof ivc);
	explicit_bzero(&chunk, sizeof chunk);
	/*
	 * PKCS#7: the last byte pad is 1..block and the last pad bytes all
	 * equal it.  Every one of the last block bytes is looked at, so the
	 * time does not depend on pad.
	 */
	pad = buf[len - 1];
	bad = lt(pad, 1) | lt(block, pad);
	for (i = 1; i <= block; i++) {
		bad |= (buf[len - i] ^ pad) & -lt((uint32_t)i - 1, pad);
	}
	bad = 1 - lt(bad, 1);
	DECLASSIFY(&bad, sizeof bad);
	if (bad) {
		return -1;
	}
	DECLASSIFY(&pad, sizeof pad);
	*out_len = len - pad;
	return 0;
}
