/* SPDX-License-Identifier: MIT */
/*
 * fuzz_ecdsa_vrfy: ecdsa_vrfy_raw and ecdsa_vrfy_asn1 against BearSSL's
 * br_ecdsa_i31_vrfy_raw/asn1 on the same input; any difference aborts.
 * Arbitrary keys almost never lie on the curve and arbitrary signatures
 * almost never verify, so the input picks one of three shapes:
 *
 *   byte 0: curve (mod 3: P-256, P-384, P-521), shape (/ 3 mod 3)
 *   shape 0: key (1 + 2 len bytes, as given), hash length byte (mod 80)
 *            and hash, the rest the signature (raw, then as DER)
 *   shape 1: private scalar (len bytes), hash length byte and hash; the
 *            key d G and BearSSL's signature of the hash, then one byte
 *            of the signature, hash or key changed (position byte, XOR
 *            byte; XOR 0 keeps it valid)
 *   shape 2: private scalar, hash length byte and hash, the rest r || s
 *            against the valid key d G
 *
 * Missing bytes read as zero.  Known difference: a hash whose value mod
 * n is 0 (u1 = 0), which BearSSL's muladd rejects (its 0 G is no point)
 * and this code verifies as SEC 1 says; those inputs are not compared.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ecdsa_vrfy.h"
#include "mont64.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

struct in {
	const uint8_t *p;
	size_t len;
};

/* n bytes from the input into out, zeros past its end. */
static void
take(struct in *in, unsigned char *out, size_t n)
{
	size_t k = n < in->len ? n : in->len;

	memcpy(out, in->p, k);
	memset(out + k, 0, n - k);
	in->p += k;
	in->len -= k;
}

static unsigned
byte(struct in *in)
{
	unsigned char b;

	take(in, &b, 1);
	return b;
}

#ifdef __SIZEOF_INT128__
/* 1 when the hash's bits2int is 0 or n (so u1 = 0). */
static int
is_u1_zero(const unsigned char *h, size_t hlen, const unsigned char *order,
    size_t olen)
{
	uint64_t e[9], n[9];
	size_t k = (olen + 7) / 8;
	size_t nbits = 8 * olen - (size_t)__builtin_clz(order[0]) + 24;
	size_t sc = 0;
	size_t i;

	if (hlen > olen) {
		hlen = olen;
	}
	if (8 * hlen > nbits) {
		sc = 8 * hlen - nbits;
	}
	mont64_decode(e, k, h, hlen);
	mont64_decode(n, k, order, olen);
	for (i = 0; i < sc; i++) {
		size_t j;

		for (j = 0; j + 1 < k; j++) {
			e[j] = (e[j] >> 1) | (e[j + 1] << 63);
		}
		e[k - 1] >>= 1;
	}
	for (i = 0; i < k && e[i] == 0; i++) {
	}
	return i == k || mont64_cmp(e, n, k) == 0;
}
#else
static int
is_u1_zero(const unsigned char *h, size_t hlen, const unsigned char *order,
    size_t olen)
{
	(void)h;
	(void)hlen;
	(void)order;
	(void)olen;
	return 0;
}
#endif

/* Ours and BearSSL's, raw and as DER. */
static void
compare(const br_ec_public_key *pk, const unsigned char *h, size_t hlen,
    const unsigned char *sig, size_t sig_len)
{
	const br_ec_impl *ec = br_ec_get_default();
	unsigned char der[300];
	size_t der_len;

	if (ecdsa_vrfy_raw(ec, h, hlen, pk, sig, sig_len) !=
	    br_ecdsa_i31_vrfy_raw(ec, h, hlen, pk, sig, sig_len)) {
		abort();
	}
	if (sig_len <= 264) {
		memcpy(der, sig, sig_len);
		der_len = br_ecdsa_raw_to_asn1(der, sig_len);
		if (der_len != 0 && ecdsa_vrfy_asn1(ec, h, hlen, pk, der,
		    der_len) != br_ecdsa_i31_vrfy_asn1(ec, h, hlen, pk, der,
		    der_len)) {
			abort();
		}
	}
	/* The signature's bytes as DER, however malformed. */
	if (ecdsa_vrfy_asn1(ec, h, hlen, pk, sig, sig_len) !=
	    br_ecdsa_i31_vrfy_asn1(ec, h, hlen, pk, sig, sig_len)) {
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static const int curves[3] = {
		BR_EC_secp256r1, BR_EC_secp384r1, BR_EC_secp521r1
	};
	static const br_hash_class *const hf[3] = {
		&br_sha256_vtable, &br_sha384_vtable, &br_sha512_vtable
	};
	static const size_t hf_len[3] = { 32, 48, 64 };
	const br_ec_impl *ec = br_ec_get_default();
	struct in in = { data, len };
	unsigned char q[133], h[80], sig[300], d[66], hs[64];
	const unsigned char *order;
	br_ec_public_key pk;
	br_ec_private_key sk;
	size_t olen, hlen, sig_len, pos;
	unsigned b0 = byte(&in);
	unsigned x;
	int ci = (int)(b0 % 3);
	int shape = (int)(b0 / 3 % 3);

	order = ec->order(curves[ci], &olen);
	pk.curve = curves[ci];
	pk.q = q;
	if (shape == 0) {
		pk.qlen = 1 + 2 * olen;
		take(&in, q, pk.qlen);
	} else {
		/* d below n: its top byte below n's, and not 0. */
		take(&in, d, olen);
		d[0] = (unsigned char)(d[0] % order[0]);
		d[olen - 1] |= 1;
		pk.qlen = ec->mulgen(q, d, olen, curves[ci]);
	}
	hlen = byte(&in) % 80;
	take(&in, h, hlen);
	if (is_u1_zero(h, hlen, order, olen)) {
		return 0;
	}
	if (shape == 1) {
		sk.curve = curves[ci];
		sk.x = d;
		sk.xlen = olen;
		/* BearSSL signs hf's length: the hash's leading bytes, or
		 * the hash behind zero bytes (the same value, mostly). */
		memset(hs, 0, sizeof hs);
		if (hlen >= hf_len[ci]) {
			memcpy(hs, h, hf_len[ci]);
		} else {
			memcpy(hs + hf_len[ci] - hlen, h, hlen);
		}
		sig_len = br_ecdsa_i31_sign_raw(ec, hf[ci], hs, &sk, sig);
		pos = byte(&in);
		x = byte(&in);
		switch (pos % 3) {
		case 0: sig[pos / 3 % sig_len] ^= (unsigned char)x; break;
		case 1:
			if (hlen > 0) {
				h[pos / 3 % hlen] ^= (unsigned char)x;
			}
			break;
		default: q[pos / 3 % pk.qlen] ^= (unsigned char)x; break;
		}
		if (is_u1_zero(h, hlen, order, olen)) {
			return 0;
		}
	} else {
		sig_len = in.len < sizeof sig ? in.len : sizeof sig;
		take(&in, sig, sig_len);
	}
	compare(&pk, h, hlen, sig, sig_len);
	return 0;
}
