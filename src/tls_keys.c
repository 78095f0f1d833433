/* SPDX-License-Identifier: MIT */
/*
 * tls_keys: the transcript and the key schedules: TLS 1.3's HKDF ladder
 * (RFC 8446 7.1) and TLS 1.0-1.2's PRF with the extended master secret
 * (RFC 7627).  Secrets live in the session and are wiped as soon as the
 * next rung is derived.
 */
#include <string.h>

#include "tls_int.h"

static const br_hash_class *
suite_hash(const struct tls_sess *s)
{
	return s->suite->hash_len == 48 ? &br_sha384_vtable :
	    &br_sha256_vtable;
}

/* see tls_int.h */
size_t
keys_transcript(const struct tls_sess *s, unsigned char *out)
{
	if (s->version < 0x0303) {
		br_multihash_out(&s->transcript, br_md5_ID, out);
		br_multihash_out(&s->transcript, br_sha1_ID, out + 16);
		return 36;
	}
	return br_multihash_out(&s->transcript, s->suite->hash_len == 48 ?
	    br_sha384_ID : br_sha256_ID, out);
}

static void
hmac(const br_hash_class *h, const unsigned char *key, size_t key_len,
    const unsigned char *a, size_t a_len, const unsigned char *b,
    size_t b_len, unsigned char *out)
{
	br_hmac_key_context kc;
	br_hmac_context hc;

	br_hmac_key_init(&kc, h, key, key_len);
	br_hmac_init(&hc, &kc, 0);
	br_hmac_update(&hc, a, a_len);
	br_hmac_update(&hc, b, b_len);
	br_hmac_out(&hc, out);
}

/* see tls_int.h */
void
keys_expand_label(const struct tls_sess *s, const unsigned char *secret,
    const char *label, const unsigned char *ctx, size_t ctx_len,
    unsigned char *out, size_t out_len)
{
	const br_hash_class *h = suite_hash(s);
	size_t hlen = s->suite->hash_len;
	unsigned char info[2 + 1 + 6 + 32 + 1 + 48 + 1];
	unsigned char t[48 + sizeof info];
	size_t llen = strlen(label);
	size_t n = 0;
	size_t tlen = 0;
	unsigned i;

	info[n++] = (unsigned char)(out_len >> 8);
	info[n++] = (unsigned char)out_len;
	info[n++] = (unsigned char)(6 + llen);
	memcpy(info + n, "tls13 ", 6);
	memcpy(info + n + 6, label, llen);
	n += 6 + llen;
	info[n++] = (unsigned char)ctx_len;
	if (ctx_len > 0) {
		memcpy(info + n, ctx, ctx_len);
	}
	n += ctx_len;
	/* HKDF-Expand (RFC 5869 2.3): T(i) = HMAC(PRK, T(i-1) | info | i). */
	for (i = 1; out_len > 0; i++) {
		size_t take = out_len < hlen ? out_len : hlen;

		memcpy(t + tlen, info, n);
		t[tlen + n] = (unsigned char)i;
		hmac(h, secret, hlen, t, tlen + n + 1, NULL, 0, t);
		memcpy(out, t, take);
		out += take;
		out_len -= take;
		tlen = hlen;
	}
	memset(t, 0, sizeof t);
}

/* Derive-Secret with the transcript hash th (or the empty hash). */
static void
derive(const struct tls_sess *s, const unsigned char *secret,
    const char *label, const unsigned char *th, unsigned char *out)
{
	unsigned char empty[48];
	size_t hlen = s->suite->hash_len;

	if (th == NULL) {
		const br_hash_class *h = suite_hash(s);
		br_hash_compat_context hc;

		h->init(&hc.vtable);
		h->out(&hc.vtable, empty);
		th = empty;
	}
	keys_expand_label(s, secret, label, th, hlen, out, hlen);
}

/* HKDF-Extract(salt, ikm): salt NULL means hash_len zeros. */
static void
extract(const struct tls_sess *s, const unsigned char *salt,
    const unsigned char *ikm, size_t ikm_len, unsigned char *out)
{
	unsigned char zeros[48];
	size_t hlen = s->suite->hash_len;

	memset(zeros, 0, sizeof zeros);
	hmac(suite_hash(s), salt != NULL ? salt : zeros, hlen,
	    ikm != NULL ? ikm : zeros, ikm != NULL ? ikm_len : hlen, NULL, 0,
	    out);
}

/* see tls_int.h */
void
keys_handshake13(struct tls_sess *s)
{
	unsigned char early[48];
	unsigned char th[48];

	extract(s, NULL, NULL, 0, early);
	derive(s, early, "derived", NULL, early);
	extract(s, early, s->secret, s->secret_len, s->secret);
	s->secret_len = s->suite->hash_len;
	keys_transcript(s, th);
	derive(s, s->secret, "c hs traffic", th, s->c_secret);
	derive(s, s->secret, "s hs traffic", th, s->s_secret);
	memset(early, 0, sizeof early);
}

/*
 * see tls_int.h.  The client's handshake secret stays in c_secret for
 * our Finished; the client's application secret goes to s->secret.
 */
void
keys_application13(struct tls_sess *s)
{
	unsigned char master[48];
	unsigned char th[48];

	derive(s, s->secret, "derived", NULL, master);
	extract(s, master, NULL, 0, master);
	keys_transcript(s, th);
	derive(s, master, "s ap traffic", th, s->s_secret);
	derive(s, master, "c ap traffic", th, s->secret);
	memset(master, 0, sizeof master);
}

/* see tls_int.h */
void
keys_finished13(const struct tls_sess *s, const unsigned char *base,
    unsigned char *out)
{
	unsigned char key[48];
	unsigned char th[48];
	size_t hlen = s->suite->hash_len;

	keys_expand_label(s, base, "finished", NULL, 0, key, hlen);
	keys_transcript(s, th);
	hmac(suite_hash(s), key, hlen, th, hlen, NULL, 0, out);
	memset(key, 0, sizeof key);
}

static void
prf(const struct tls_sess *s, unsigned char *out, size_t len,
    const unsigned char *secret, size_t secret_len, const char *label,
    const unsigned char *a, size_t a_len, const unsigned char *b,
    size_t b_len)
{
	br_tls_prf_seed_chunk seed[2] = { { a, a_len }, { b, b_len } };

	if (s->version < 0x0303) {
		br_tls10_prf(out, len, secret, secret_len, label, 2, seed);
	} else if (s->suite->hash_len == 48) {
		br_tls12_sha384_prf(out, len, secret, secret_len, label, 2,
		    seed);
	} else {
		br_tls12_sha256_prf(out, len, secret, secret_len, label, 2,
		    seed);
	}
}

/* see tls_int.h */
void
keys_master12(struct tls_sess *s)
{
	unsigned char master[48];
	unsigned char th[48];
	size_t thlen;

	if (s->is_ems) {
		thlen = keys_transcript(s, th);
		prf(s, master, 48, s->secret, s->secret_len,
		    "extended master secret", th, thlen, NULL, 0);
	} else {
		prf(s, master, 48, s->secret, s->secret_len, "master secret",
		    s->client_random, 32, s->server_random, 32);
	}
	memcpy(s->secret, master, 48);
	memset(s->secret + 48, 0, sizeof s->secret - 48);
	s->secret_len = 48;
	memset(master, 0, sizeof master);
}

/* see tls_int.h */
void
keys_block12(struct tls_sess *s, bool for_write)
{
	unsigned char kb[2 * 48 + 2 * 32 + 2 * 16];

	prf(s, kb, sizeof kb, s->secret, 48, "key expansion",
	    s->server_random, 32, s->client_random, 32);
	rec_set12(s, kb, for_write);
	memset(kb, 0, sizeof kb);
}

/* see tls_int.h */
void
keys_finished12(const struct tls_sess *s, const char *label,
    unsigned char out[12])
{
	unsigned char th[48];
	size_t thlen = keys_transcript(s, th);

	prf(s, out, 12, s->secret, 48, label, th, thlen, NULL, 0);
}

/* see tls_int.h */
unsigned
keys_differ(const unsigned char *a, const unsigned char *b, size_t len)
{
	unsigned d = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		d |= (unsigned)(a[i] ^ b[i]);
	}
	return d;
}
