/* SPDX-License-Identifier: MIT */
/*
 * rsa_pub: x^e mod n for verification, in Montgomery form on 64-bit limbs
 * (mont64.c), R = 2^(64k) for a k-limb modulus: one long division into
 * the form (x R mod n; R^2 mod n would cost a dozen squarings), one
 * product by 1 out of it.
 */
#include <string.h>

#include "mont64.h"
#include "rsa_pub.h"

/*
 * BearSSL's PKCS#1 v1.5 signature padding check (its inner.h; exported by
 * libbearssl.a, stable in the 0.6 we pin).
 */
uint32_t br_rsa_pkcs1_sig_unpad(const unsigned char *sig, size_t sig_len,
    const unsigned char *hash_oid, size_t hash_len,
    unsigned char *hash_out);

#ifdef __SIZEOF_INT128__

#define LIMBS (RSA_PUB_MAX_LEN / 8)
_Static_assert(LIMBS <= MONT64_MAX_LIMBS, "mont64 takes the largest modulus");

/* see rsa_pub.h */
uint32_t
rsa_pub(unsigned char *x, size_t xlen, const br_rsa_public_key *pk)
{
	uint64_t n[LIMBS], x0[LIMBS], xm[LIMBS], y[LIMBS];
	const unsigned char *nb = pk->n;
	const unsigned char *e = pk->e;
	size_t nlen = pk->nlen;
	size_t elen = pk->elen;
	size_t k, i;
	uint64_t n0;
	int b, top;

	while (nlen > 0 && nb[0] == 0) {
		nb++;
		nlen--;
	}
	if (nlen == 0 || nlen > RSA_PUB_MAX_LEN || xlen != nlen ||
	    (nb[nlen - 1] & 1) == 0 || (nlen == 1 && nb[0] == 1)) {
		return 0;
	}
	k = (nlen + 7) / 8;
	mont64_decode(n, k, nb, nlen);
	mont64_decode(x0, k, x, xlen);
	if (mont64_cmp(x0, n, k) >= 0) {
		return 0;
	}
	n0 = mont64_ninv(n[0]);
	mont64_to_form(xm, x0, n, k);

	/* Squarings start at e's first one bit. */
	top = 0;
	for (i = 0; i < elen; i++) {
		for (b = 7; b >= 0; b--) {
			if (top) {
				mont64_sqr(y, y, n, n0, k);
			}
			if ((e[i] >> b) & 1) {
				if (top) {
					mont64_mul(y, y, xm, n, n0, k);
				} else {
					memcpy(y, xm, k * sizeof *y);
					top = 1;
				}
			}
		}
	}
	memset(xm, 0, k * sizeof *xm);
	xm[0] = 1;
	if (top) {
		mont64_mul(y, y, xm, n, n0, k);
	} else {
		memcpy(y, xm, k * sizeof *y);	/* e = 0 */
	}
	mont64_encode(x, xlen, y);
	return 1;
}

#else

/* see rsa_pub.h: BearSSL's, without 64-bit products. */
uint32_t
rsa_pub(unsigned char *x, size_t xlen, const br_rsa_public_key *pk)
{
	return br_rsa_public_get_default()(x, xlen, pk);
}

#endif

/* see rsa_pub.h */
uint32_t
rsa_pub_pkcs1_vrfy(const unsigned char *x, size_t xlen,
    const unsigned char *hash_oid, size_t hash_len,
    const br_rsa_public_key *pk, unsigned char *hash_out)
{
	unsigned char em[RSA_PUB_MAX_LEN];

	if (xlen > sizeof em) {
		return 0;
	}
	memcpy(em, x, xlen);
	return rsa_pub(em, xlen, pk) &&
	    br_rsa_pkcs1_sig_unpad(em, xlen, hash_oid, hash_len, hash_out);
}
