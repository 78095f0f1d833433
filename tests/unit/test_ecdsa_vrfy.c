/* SPDX-License-Identifier: MIT */
/*
 * test_ecdsa_vrfy: our ECDSA verification against BearSSL's
 * br_ecdsa_i31_vrfy_raw/asn1 on P-256, P-384 and P-521: random keys
 * (BearSSL's keygen), random hashes of 20 to 64 bytes, BearSSL's
 * signatures, valid and with bits flipped in r, s, the hash or the key;
 * then the edges: r or s of 0, n-1, n, n+1 and above, keys off the curve,
 * with a coordinate >= p, the wrong prefix or length, and crafted
 * signatures whose u1 G + u2 Q is infinity, a doubling, or has u1 = 0.
 * ECDSA_VRFY_N cases per curve (default 10), ECDSA_VRFY_SEED for another
 * sequence, ECDSA_VRFY_CURVE=0, 1 or 2 for P-256, P-384 or P-521 alone.
 * With a file argument (tests/unit/ecdsa-diff.sh writes it) it checks
 * openssl's verdicts instead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "ecdsa_vrfy.h"
#include "mont64.h"
#include "t.h"

/* Crafted signatures per kind and curve. */
#define CRAFTED_N 4

static const int curves[3] = {
	BR_EC_secp256r1, BR_EC_secp384r1, BR_EC_secp521r1
};
static const char *const names[3] = { "P-256", "P-384", "P-521" };

/* A key pair of curve ci, from BearSSL's keygen. */
struct key {
	unsigned char sk_buf[BR_EC_KBUF_PRIV_MAX_SIZE];
	unsigned char pk_buf[BR_EC_KBUF_PUB_MAX_SIZE];
	br_ec_private_key sk;
	br_ec_public_key pk;
};

static void
keygen(struct key *k, int curve)
{
	br_hmac_drbg_context drbg;
	unsigned char seed[32];

	t_fill(seed, sizeof seed);
	br_hmac_drbg_init(&drbg, &br_sha256_vtable, seed, sizeof seed);
	br_ec_keygen(&drbg.vtable, br_ec_get_default(), &k->sk, k->sk_buf,
	    curve);
	br_ec_compute_pub(br_ec_get_default(), &k->pk, k->pk_buf, &k->sk);
}

static long disagree;

/* Both verifications on one input; returns ours, counts differences. */
static uint32_t
both(const unsigned char *h, size_t hlen, const br_ec_public_key *pk,
    const unsigned char *sig, size_t sig_len)
{
	const br_ec_impl *ec = br_ec_get_default();
	uint32_t a = ecdsa_vrfy_raw(ec, h, hlen, pk, sig, sig_len);
	uint32_t b = br_ecdsa_i31_vrfy_raw(ec, h, hlen, pk, sig, sig_len);

	if (a != b) {
		disagree++;
		if (disagree < 5) {
			fprintf(stderr, "# differ: curve %d hlen %zu siglen %zu "
			    "ours %u bearssl %u\n", pk->curve, hlen, sig_len,
			    (unsigned)a, (unsigned)b);
		}
	}
	return a;
}

/*
 * A valid signature for a hash of hlen bytes: BearSSL signs with the hash
 * function of its length, so it signs the value with the same bits2int
 * (the leading bytes, or the hash behind zero bytes).
 */
static size_t
sign(const struct key *k, const unsigned char *h, size_t hlen,
    unsigned char *sig)
{
	static const br_hash_class *const hf[3] = {
		&br_sha256_vtable, &br_sha384_vtable, &br_sha512_vtable
	};
	static const size_t hf_len[3] = { 32, 48, 64 };
	int ci = k->pk.curve - BR_EC_secp256r1;
	unsigned char eq[64];
	size_t n = hf_len[ci];

	memset(eq, 0, sizeof eq);
	if (hlen >= n) {
		memcpy(eq, h, n);
	} else {
		memcpy(eq + n - hlen, h, hlen);
	}
	return br_ecdsa_i31_sign_raw(br_ec_get_default(), hf[ci], eq, &k->sk,
	    sig);
}

static void
test_random(void)
{
	const char *s = getenv("ECDSA_VRFY_N");
	const char *only = getenv("ECDSA_VRFY_CURVE");
	long count = s != NULL ? atol(s) : 10;
	unsigned char h[64], h2[64], sig[132], bad[132], q[133], asn[140];
	struct key k;
	br_ec_public_key pk2;
	long valid, i;
	size_t hlen, slen, alen;
	int ci;
	clock_t t0;

	if ((s = getenv("ECDSA_VRFY_SEED")) != NULL) {
		t_seed(s);
	}
	for (ci = 0; ci < 3; ci++) {
		if (only != NULL && atoi(only) != ci) {
			continue;
		}
		t0 = clock();
		disagree = 0;
		valid = 0;
		for (i = 0; i < count; i++) {
			if (i % 8 == 0) {
				keygen(&k, curves[ci]);
			}
			hlen = 20 + t_next() % 45;
			t_fill(h, hlen);
			slen = sign(&k, h, hlen, sig);
			valid += both(h, hlen, &k.pk, sig, slen) == 1;

			/* A bit flipped in r or s, the hash, the key. */
			memcpy(bad, sig, slen);
			bad[t_next() % slen] ^= (unsigned char)(1 << t_next() % 8);
			both(h, hlen, &k.pk, bad, slen);
			memcpy(h2, h, hlen);
			h2[t_next() % hlen] ^= (unsigned char)(1 << t_next() % 8);
			both(h2, hlen, &k.pk, sig, slen);
			pk2 = k.pk;
			memcpy(q, k.pk.q, k.pk.qlen);
			q[1 + t_next() % (k.pk.qlen - 1)] ^=
			    (unsigned char)(1 << t_next() % 8);
			pk2.q = q;
			both(h, hlen, &pk2, sig, slen);
			/* Random signatures, a random length now and then. */
			t_fill(bad, slen);
			both(h, hlen, &k.pk, bad,
			    i % 16 == 0 ? t_next() % sizeof bad : slen);
			/* The DER form, and a byte of it changed. */
			memcpy(asn, sig, slen);
			alen = br_ecdsa_raw_to_asn1(asn, slen);
			valid += ecdsa_vrfy_asn1(br_ec_get_default(), h, hlen,
			    &k.pk, asn, alen) == 1;
			asn[t_next() % alen] ^= (unsigned char)(1 + t_next() % 255);
			disagree += ecdsa_vrfy_asn1(br_ec_get_default(), h,
			    hlen, &k.pk, asn, alen) != br_ecdsa_i31_vrfy_asn1(
			    br_ec_get_default(), h, hlen, &k.pk, asn, alen);
		}
		t_reportf(disagree == 0 && valid == 2 * count, __FILE__,
		    __LINE__, "%s: %ld keys x 7 cases agree with BearSSL, "
		    "%ld of %ld valid signatures accepted (%ld differ, "
		    "%.1f s)", names[ci], count, valid, 2 * count, disagree,
		    (double)(clock() - t0) / CLOCKS_PER_SEC);
	}
}

/* n of curve ci, big-endian, len bytes. */
static const unsigned char *
order(int ci, size_t *len)
{
	return br_ec_get_default()->order(curves[ci], len);
}

/* r or s out of [1, n-1], and keys that are not points of the curve. */
static void
test_edges(void)
{
	static const unsigned char hlens[] = {
		1, 19, 20, 28, 31, 32, 33, 47, 48, 49, 63, 64, 65, 66, 67
	};
	unsigned char h[67], sig[132], v[4 * 66], q[133];
	const unsigned char *n;
	struct key k;
	br_ec_public_key pk2;
	size_t nlen, slen, j;
	int ci, which, c;

	for (ci = 0; ci < 3; ci++) {
		disagree = 0;
		keygen(&k, curves[ci]);
		n = order(ci, &nlen);
		t_fill(h, 32);
		slen = sign(&k, h, 32, sig);
		for (which = 0; which < 2; which++) {
			for (c = 0; c < 6; c++) {
				memcpy(v, sig, slen);
				unsigned char *x = v + which * nlen;

				switch (c) {
				case 0: memset(x, 0, nlen); break;
				case 1: memcpy(x, n, nlen); break;
				case 2: memcpy(x, n, nlen); x[nlen - 1]++; break;
				case 3: memset(x, 0xff, nlen); break;
				case 4: memcpy(x, n, nlen); x[nlen - 1]--; break;
				default: memset(x, 0, nlen); x[nlen - 1] = 1; break;
				}
				CHECKF(both(h, 32, &k.pk, v, slen) == 0,
				    "%s: %s = case %d rejected", names[ci],
				    which ? "s" : "r", c);
			}
		}
		/* Leading zero bytes do not count (BearSSL decodes any
		 * length), n bytes more do. */
		memset(v, 0, 2 * slen);
		memcpy(v + nlen, sig, nlen);
		memcpy(v + 2 * nlen + nlen, sig + nlen, nlen);
		CHECKF(both(h, 32, &k.pk, v, 4 * nlen) == 1,
		    "%s: r and s behind zero bytes accepted", names[ci]);
		v[0] = 1;
		CHECKF(both(h, 32, &k.pk, v, 4 * nlen) == 0,
		    "%s: r above 2^(8 len) rejected", names[ci]);
		CHECKF(both(h, 32, &k.pk, sig, slen - 1) == 0,
		    "%s: odd length rejected", names[ci]);

		pk2 = k.pk;
		pk2.q = q;
		for (c = 0; c < 8; c++) {
			memcpy(q, k.pk.q, k.pk.qlen);
			pk2.qlen = k.pk.qlen;
			switch (c) {
			case 0: q[0] = 0x02; break;
			case 1: q[0] = 0x03; break;
			case 2: q[0] = 0x00; break;
			case 3: pk2.qlen--; break;
			case 4: pk2.qlen = 1 + nlen; q[0] = 0x02; break;
			case 5: q[k.pk.qlen - 1] ^= 1; break;	/* off the curve */
			case 6:
				/* X = p: BearSSL's curve order is not p, so
				 * all ones, which is above p on each curve. */
				memset(q + 1, 0xff, nlen);
				break;
			default:
				memset(q + 1 + nlen, 0xff, nlen);
				break;
			}
			CHECKF(both(h, 32, &pk2, sig, slen) == 0,
			    "%s: key case %d rejected", names[ci], c);
		}
		pk2 = k.pk;
		pk2.curve = BR_EC_secp256k1;
		CHECKF(ecdsa_vrfy_raw(br_ec_get_default(), h, 32, &pk2, sig,
		    slen) == 0, "%s: another curve's id rejected", names[ci]);
		/* Hash lengths around each truncation point, valid (0 bytes
		 * is e = 0, test_crafted's). */
		for (j = 0; j < sizeof hlens; j++) {
			t_fill(h, hlens[j]);
			slen = sign(&k, h, hlens[j], sig);
			/* P-521 takes 65 bytes and more whole (521 bits): no
			 * hash function of BearSSL's signs those. */
			if (both(h, hlens[j], &k.pk, sig, slen) !=
			    (ci < 2 || hlens[j] <= 64)) {
				disagree++;
			}
		}
		CHECKF(disagree == 0, "%s: hashes of 1 to 67 bytes: valid "
		    "signatures accepted, as by BearSSL", names[ci]);
	}
}

#ifdef __SIZEOF_INT128__

/* Arithmetic mod n on big-endian byte strings of nlen bytes, for
 * crafting signatures. */
struct modn {
	uint64_t n[9], r2[9], ninv;
	size_t k, len;
};

static void
modn_init(struct modn *m, int ci)
{
	const unsigned char *n = order(ci, &m->len);

	m->k = (m->len + 7) / 8;
	mont64_decode(m->n, m->k, n, m->len);
	m->ninv = mont64_ninv(m->n[0]);
	mont64_r2(m->r2, m->n, m->ninv, m->k);
}

/* r = a b mod n, or a / b when inv. */
static void
modn_mul(const struct modn *m, unsigned char *r, const unsigned char *a,
    const unsigned char *b, int inv)
{
	uint64_t x[9], y[9];

	mont64_decode(x, m->k, a, m->len);
	mont64_decode(y, m->k, b, m->len);
	if (inv) {
		mont64_inv(y, y, m->n, m->k);
	}
	mont64_mul(x, x, y, m->n, m->ninv, m->k);
	mont64_mul(x, x, m->r2, m->n, m->ninv, m->k);
	mont64_encode(r, m->len, x);
}

static void
modn_neg(const struct modn *m, unsigned char *r)
{
	uint64_t x[9], y[9];

	mont64_decode(x, m->k, r, m->len);
	memcpy(y, m->n, sizeof y);
	mont64_sub(y, x, m->k);
	mont64_encode(r, m->len, y);
}

/* A random scalar in [1, n-1] (below 2^(8 len - 8) * 255: a top byte
 * just below n's). */
static void
modn_rand(const struct modn *m, unsigned char *x, int ci)
{
	size_t len;

	t_fill(x, m->len);
	x[0] %= order(ci, &len)[0];
	x[m->len - 1] |= 1;
}

/* The hash of len bytes whose bits2int is e (len bytes). */
static size_t
hash_of(int ci, unsigned char *h, const unsigned char *e, size_t len)
{
	size_t i;

	if (ci != 2) {
		memcpy(h, e, len);
		return len;
	}
	/* P-521: 66 bytes shifted right by 7 bits. */
	for (i = 0; i < len; i++) {
		h[i] = (unsigned char)((e[i] << 7) |
		    (i + 1 < len ? e[i + 1] >> 1 : 0));
	}
	return len;
}

/*
 * Crafted: Q = dG, e = -r d (u1 G + u2 Q = (e + r d)/s G = infinity:
 * rejected), e = r d with s = 2 r d / t and r = x(tG) (u1 G = u2 Q, the
 * doubling: valid), e = 0 (u1 = 0: valid).
 */
static void
test_crafted(void)
{
	const br_ec_impl *ec = br_ec_get_default();
	unsigned char d[66], r[66], s[66], e[66], t[66], h[66], sig[132];
	unsigned char q[133], pt[133];
	struct modn m;
	br_ec_public_key pk;
	size_t qlen, hl;
	int ci, i, inf_ok, dbl_ok, zero_ok, zero_br;

	for (ci = 0; ci < 3; ci++) {
		modn_init(&m, ci);
		inf_ok = dbl_ok = zero_ok = zero_br = 0;
		for (i = 0; i < CRAFTED_N; i++) {
			modn_rand(&m, d, ci);
			qlen = ec->mulgen(q, d, m.len, curves[ci]);
			pk.curve = curves[ci];
			pk.q = q;
			pk.qlen = qlen;

			modn_rand(&m, r, ci);
			modn_rand(&m, s, ci);
			modn_mul(&m, e, r, d, 0);
			modn_neg(&m, e);
			hl = hash_of(ci, h, e, m.len);
			memcpy(sig, r, m.len);
			memcpy(sig + m.len, s, m.len);
			inf_ok += both(h, hl, &pk, sig, 2 * m.len) == 0;

			/* r = x(tG), when below n (all but about 2^-128). */
			modn_rand(&m, t, ci);
			ec->mulgen(pt, t, m.len, curves[ci]);
			if (memcmp(pt + 1, order(ci, &hl), m.len) >= 0) {
				continue;
			}
			memcpy(r, pt + 1, m.len);
			modn_mul(&m, e, r, d, 0);
			memset(s, 0, m.len);
			s[m.len - 1] = 2;
			modn_mul(&m, s, s, e, 0);
			modn_mul(&m, s, s, t, 1);
			hl = hash_of(ci, h, e, m.len);
			memcpy(sig, r, m.len);
			memcpy(sig + m.len, s, m.len);
			dbl_ok += both(h, hl, &pk, sig, 2 * m.len) == 1;

			/* e = 0: BearSSL's muladd takes 0 G for a point. */
			memset(h, 0, sizeof h);
			hl = sign(&(struct key){ .pk = pk, .sk = {
			    curves[ci], d, m.len } }, h, 32, sig);
			zero_ok += ecdsa_vrfy_raw(ec, h, 32, &pk, sig, hl) == 1;
			zero_br += br_ecdsa_i31_vrfy_raw(ec, h, 32, &pk, sig,
			    hl) == 1;
		}
		CHECKF(inf_ok == CRAFTED_N, "%s: u1 G = -u2 Q rejected", names[ci]);
		CHECKF(dbl_ok == CRAFTED_N, "%s: u1 G = u2 Q accepted", names[ci]);
		CHECKF(zero_ok == CRAFTED_N, "%s: a zero hash (u1 = 0) accepted "
		    "(BearSSL: %d of %d)", names[ci], zero_br, CRAFTED_N);
	}
}

#endif

/* Hex to bytes; the count, or 0 when s is not hex or is too long. */
static size_t
unhex(const char *s, unsigned char *out, size_t cap)
{
	size_t n = 0;
	unsigned v;

	while (s[0] != '\0' && s[1] != '\0' && n < cap &&
	    sscanf(s, "%2x", &v) == 1) {
		out[n++] = (unsigned char)v;
		s += 2;
	}
	return s[0] == '\0' ? n : 0;
}

/* The cases of tests/unit/ecdsa-diff.sh: openssl's verdicts. */
static void
test_file(const char *path)
{
	char line[1024], pub_hex[300], hash_hex[140], sig_hex[300];
	unsigned char q[133], hash[64], sig[150];
	br_ec_public_key pk;
	FILE *f = fopen(path, "r");
	unsigned n = 0;
	unsigned bad = 0;
	size_t hlen, slen;
	int curve, want, got;

	if (f == NULL) {
		CHECKF(0, "cannot open %s", path);
		return;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		n++;
		if (sscanf(line, "%d %299s %139s %299s %d", &curve, pub_hex,
		    hash_hex, sig_hex, &want) != 5 ||
		    (pk.qlen = unhex(pub_hex, q, sizeof q)) == 0 ||
		    (hlen = unhex(hash_hex, hash, sizeof hash)) == 0 ||
		    (slen = unhex(sig_hex, sig, sizeof sig)) == 0) {
			CHECKF(0, "case %u: malformed line", n);
			bad++;
			continue;
		}
		pk.curve = curve;
		pk.q = q;
		got = (int)ecdsa_vrfy_asn1(br_ec_get_default(), hash, hlen,
		    &pk, sig, slen);
		if (got != want) {
			CHECKF(0, "case %u: %s: ours %d, openssl %d", n, line,
			    got, want);
			bad++;
		}
	}
	fclose(f);
	CHECKF(n > 0 && bad == 0, "%u differential cases agree with openssl",
	    n);
}

int
main(int argc, char **argv)
{
	if (argc > 1) {
		test_file(argv[1]);
		return t_exit();
	}
	test_random();
	test_edges();
#ifdef __SIZEOF_INT128__
	test_crafted();
#endif
	return t_exit();
}
