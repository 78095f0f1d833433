/* SPDX-License-Identifier: MIT */
/*
 * tls_rec: record protection.  TLS 1.3's AEAD records (RFC 8446 5.2:
 * nonce = IV xor sequence number, the header as additional data, the
 * real type inside) are ours, on BearSSL's AES-GCM and ChaCha20-Poly1305;
 * TLS 1.0-1.2 records use BearSSL's record classes (GCM, ChaCha20-Poly1305
 * and CBC with its constant-time MAC check), which need no engine.
 */
#include <string.h>

#include "tls_int.h"

/* The record version we write: 0x0301 for the first ClientHello, then
 * the negotiated one, 0x0303 in TLS 1.3 (RFC 8446 5.1). */
static unsigned
record_version(const struct tls_sess *s)
{
	if (s->is_hrr || s->version > 0x0303) {
		return 0x0303;
	}
	return s->version == 0 ? 0x0301 : s->version;
}

/* see tls_int.h */
void
rec_reset(struct tls_sess *s)
{
	s->rd.prot = PROT_NONE;
	s->wr.prot = PROT_NONE;
}

static void
put_header(unsigned char *h, int type, unsigned version, size_t len)
{
	h[0] = (unsigned char)type;
	h[1] = (unsigned char)(version >> 8);
	h[2] = (unsigned char)version;
	h[3] = (unsigned char)(len >> 8);
	h[4] = (unsigned char)len;
}

/* see tls_int.h */
size_t
rec_window(struct tls_sess *s, size_t *start, size_t *end)
{
	*start = s->out_len;
	*end = sizeof s->buf;
	switch (s->wr.prot) {
	case PROT_NONE:
		*start += 5;
		break;
	case PROT_13_GCM:
	case PROT_13_CHACHA:
		*start += 5;
		*end -= 17;		/* the real type and the tag */
		break;
	case PROT_12:
		/* BearSSL's classes leave the header to the caller. */
		*start += 5;
		s->wr.u.vt->max_plaintext(&s->wr.u.vt, start, end);
		break;
	}
	if (*end > *start + 16384) {
		*end = *start + 16384;
	}
	return *end > *start ? *end - *start : 0;
}

/* The per-record nonce of TLS 1.3 (RFC 8446 5.3). */
static void
nonce13(const struct tls_aead13 *a, unsigned char nonce[12])
{
	int i;

	memcpy(nonce, a->iv, 12);
	for (i = 0; i < 8; i++) {
		nonce[11 - i] ^= (unsigned char)(a->seq >> (8 * i));
	}
}

/*
 * TLS 1.3 AEAD over data (len bytes) with the record header hdr as
 * additional data; the tag goes to or is checked at data + len.
 * Returns 0, or -1 when a tag to check does not match.
 */
static int
aead13(struct tls_aead13 *a, bool is_chacha, int encrypt,
    const unsigned char hdr[5], unsigned char *data, size_t len)
{
	unsigned char nonce[12];
	unsigned char tag[16];
	uint32_t ok = 1;

	nonce13(a, nonce);
	a->seq++;
	if (is_chacha) {
		br_poly1305_ctmul_run(a->key, nonce, data, len, hdr, 5, tag,
		    br_chacha20_ct_run, encrypt);
		if (encrypt) {
			memcpy(data + len, tag, 16);
		} else {
			ok = keys_differ(tag, data + len, 16) == 0;
		}
		return ok ? 0 : -1;
	}
	br_gcm_reset(&a->gcm, nonce, 12);
	br_gcm_aad_inject(&a->gcm, hdr, 5);
	br_gcm_flip(&a->gcm);
	br_gcm_run(&a->gcm, encrypt, data, len);
	if (encrypt) {
		br_gcm_get_tag(&a->gcm, data + len);
	} else {
		ok = br_gcm_check_tag(&a->gcm, data + len);
	}
	return ok ? 0 : -1;
}

/* see tls_int.h */
int
rec_seal(struct tls_sess *s, int type, size_t start, size_t len)
{
	unsigned char *p = s->buf + start;
	unsigned char *rec;
	size_t rlen = len;

	switch (s->wr.prot) {
	case PROT_NONE:
		put_header(p - 5, type, record_version(s), len);
		rec = p - 5;
		rlen = len + 5;
		break;
	case PROT_13_GCM:
	case PROT_13_CHACHA:
		p[len] = (unsigned char)type;
		put_header(p - 5, REC_APP_DATA, 0x0303, len + 17);
		if (aead13(&s->wr.u.a13, s->wr.prot == PROT_13_CHACHA, 1,
		    p - 5, p, len + 1) < 0) {
			return -1;
		}
		rec = p - 5;
		rlen = len + 22;
		break;
	default:
		rec = s->wr.u.vt->encrypt(&s->wr.u.vt, type, record_version(s),
		    p, &rlen);
		break;
	}
	/* TLS 1.0 CBC keeps room in front for a 1/n-1 split of application
	 * data (BEAST); other records then start after a gap. */
	if (rec != s->buf + s->out_len) {
		memmove(s->buf + s->out_len, rec, rlen);
	}
	s->out_len += rlen;
	return 0;
}

/* see tls_int.h */
int
rec_open(struct tls_sess *s, int *type, unsigned char **p, size_t *len)
{
	unsigned char *hdr = s->buf;
	unsigned char *body = s->buf + 5;
	size_t n = s->in_len - 5;
	unsigned version = (unsigned)hdr[1] << 8 | hdr[2];

	*type = hdr[0];
	switch (s->rd.prot) {
	case PROT_NONE:
		*p = body;
		*len = n;
		return 0;
	case PROT_13_GCM:
	case PROT_13_CHACHA:
		/* Only a CCS or an alert may still come in the clear. */
		if (*type == REC_CCS || (*type == REC_ALERT && n == 2)) {
			*p = body;
			*len = n;
			return 0;
		}
		if (*type != REC_APP_DATA || n < 17 || aead13(&s->rd.u.a13,
		    s->rd.prot == PROT_13_CHACHA, 0, hdr, body, n - 16) < 0) {
			return -1;
		}
		/* The real type is the last non-zero byte (5.4). */
		n -= 16;
		while (n > 0 && body[n - 1] == 0) {
			n--;
		}
		if (n == 0) {
			return -1;
		}
		*type = body[n - 1];
		*p = body;
		*len = n - 1;
		return 0;
	default:
		if (*type == REC_CCS) {
			/* TLS 1.2's server CCS precedes its keys: in clear. */
			*p = body;
			*len = n;
			return 0;
		}
		if (!s->rd.u.vt->check_length(&s->rd.u.vt, n)) {
			return -1;
		}
		*p = s->rd.u.vt->decrypt(&s->rd.u.vt, *type, version, body, &n);
		*len = n;
		return *p == NULL ? -1 : 0;
	}
}

/* Key and IV of a TLS 1.3 traffic secret (RFC 8446 7.3). */
static void
set13(struct tls_sess *s, struct tls_aead13 *a, enum tls_prot *prot,
    const unsigned char *secret)
{
	size_t klen = s->suite->bulk == BULK_AES128_GCM ? 16 : 32;

	keys_expand_label(s, secret, "key", NULL, 0, a->key, klen);
	keys_expand_label(s, secret, "iv", NULL, 0, a->iv, 12);
	a->seq = 0;
	if (s->suite->bulk == BULK_CHACHA) {
		*prot = PROT_13_CHACHA;
		return;
	}
	TLS_AES_CTR->init(&a->aes.vtable, a->key, klen);
	memset(a->key, 0, sizeof a->key);
	br_gcm_init(&a->gcm, &a->aes.vtable, TLS_GHASH);
	*prot = PROT_13_GCM;
}

/* see tls_int.h */
void
rec_set13_read(struct tls_sess *s, const unsigned char *secret)
{
	s->rd_epoch++;
	set13(s, &s->rd.u.a13, &s->rd.prot, secret);
}

/* see tls_int.h */
void
rec_set13_write(struct tls_sess *s, const unsigned char *secret)
{
	set13(s, &s->wr.u.a13, &s->wr.prot, secret);
}

/*
 * see tls_int.h.  The key block (RFC 5246 6.3): client MAC key, server
 * MAC key, client key, server key, client IV, server IV.
 */
void
rec_set12(struct tls_sess *s, const unsigned char *kb, bool for_write)
{
	const struct tls_suite *su = s->suite;
	size_t mac = su->mac_len;
	size_t klen = su->bulk == BULK_AES128_GCM ||
	    su->bulk == BULK_AES128_CBC ? 16 : 32;
	size_t ivlen = su->bulk == BULK_CHACHA ? 12 : su->mac_len == 0 ? 4 :
	    s->version == 0x0301 ? 16 : 0;
	const unsigned char *mk = kb + (for_write ? 0 : mac);
	const unsigned char *k = kb + 2 * mac + (for_write ? 0 : klen);
	const unsigned char *iv = kb + 2 * mac + 2 * klen +
	    (for_write ? 0 : ivlen);
	const br_hash_class *dig = mac == 20 ? &br_sha1_vtable : mac == 32 ?
	    &br_sha256_vtable : &br_sha384_vtable;

	if (for_write) {
		s->wr.prot = PROT_12;
		if (su->bulk == BULK_CHACHA) {
			br_sslrec_out_chapol_vtable.init(&s->wr.u.chapol.vtable.out,
			    br_chacha20_ct_run, br_poly1305_ctmul_run, k, iv);
		} else if (mac == 0) {
			br_sslrec_out_gcm_vtable.init(&s->wr.u.gcm.vtable.out,
			    TLS_AES_CTR, k, klen, TLS_GHASH, iv);
		} else {
			br_sslrec_out_cbc_vtable.init(&s->wr.u.cbc.vtable,
			    &br_aes_ct_cbcenc_vtable, k, klen, dig, mk, mac,
			    mac, ivlen != 0 ? iv : NULL);
		}
		return;
	}
	s->rd.prot = PROT_12;
	s->rd_epoch++;
	if (su->bulk == BULK_CHACHA) {
		br_sslrec_in_chapol_vtable.init(&s->rd.u.chapol.vtable.in,
		    br_chacha20_ct_run, br_poly1305_ctmul_run, k, iv);
	} else if (mac == 0) {
		br_sslrec_in_gcm_vtable.init(&s->rd.u.gcm.vtable.in,
		    TLS_AES_CTR, k, klen, TLS_GHASH, iv);
	} else {
		br_sslrec_in_cbc_vtable.init(&s->rd.u.cbc.vtable,
		    &br_aes_ct_cbcdec_vtable, k, klen, dig, mk, mac, mac,
		    ivlen != 0 ? iv : NULL);
	}
}

/* see tls_int.h */
void
rec_alert(struct tls_sess *s, int alert)
{
	size_t start;
	size_t end;

	if (rec_window(s, &start, &end) < 2) {
		return;
	}
	s->buf[start] = alert == ALERT_CLOSE_NOTIFY ? 1 : 2;
	s->buf[start + 1] = (unsigned char)alert;
	(void)rec_seal(s, REC_ALERT, start, 2);
}

/* see tls_int.h */
void
put_init(struct put *w, unsigned char *p, size_t cap)
{
	w->p = p;
	w->len = 0;
	w->cap = cap;
	w->bad = false;
}

/* see tls_int.h */
void
put_bytes(struct put *w, const void *p, size_t len)
{
	if (w->bad || len > w->cap - w->len) {
		w->bad = true;
		return;
	}
	if (len > 0) {
		memcpy(w->p + w->len, p, len);
	}
	w->len += len;
}

static void
put_be(struct put *w, size_t v, unsigned width)
{
	unsigned char b[3];
	unsigned i;

	for (i = 0; i < width; i++) {
		b[i] = (unsigned char)(v >> (8 * (width - 1 - i)));
	}
	put_bytes(w, b, width);
}

/* see tls_int.h */
void
put_u8(struct put *w, size_t v)
{
	put_be(w, v, 1);
}

/* see tls_int.h */
void
put_u16(struct put *w, size_t v)
{
	put_be(w, v, 2);
}

/* see tls_int.h */
void
put_u24(struct put *w, size_t v)
{
	put_be(w, v, 3);
}

/* see tls_int.h */
size_t
put_open(struct put *w, unsigned width)
{
	size_t at = w->len;

	put_be(w, 0, width);
	return at;
}

/* see tls_int.h */
void
put_close(struct put *w, size_t at, unsigned width)
{
	size_t len = w->len - at - width;
	unsigned i;

	if (w->bad) {
		return;
	}
	if (width < 3 && len >> (8 * width) != 0) {
		w->bad = true;
		return;
	}
	for (i = 0; i < width; i++) {
		w->p[at + i] = (unsigned char)(len >> (8 * (width - 1 - i)));
	}
}
