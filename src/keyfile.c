/* SPDX-License-Identifier: MIT */
/*
 * keyfile: finding the key in a key file and taking off its encryption.
 * The order is OpenSSL's (PEM_read_bio_PrivateKey, then d2i_PrivateKey
 * on the same file), and so are the two answers libpq shows for most
 * failures: "unsupported" (nothing readable) and "bad decrypt".  A wrong
 * password that happens to leave valid padding yields garbage that the
 * key decoder refuses; that is "bad decrypt" too, so no message tells
 * padding and structure apart.
 */
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "der.h"
#include "keyfile.h"
#include "pbe.h"
#include "pem.h"

/*
 * PBKDF2 iteration counts: OpenSSL writes 2048, password managers up to
 * about a million; ten million bounds the time a hostile file can cost
 * (seconds), and more is refused as an unsupported scheme.
 */
#define PBKDF2_ITER_MAX 10000000u

/* Salts: OpenSSL writes 8 or 16 bytes; RFC 8018 asks for 8 or more. */
#define PBKDF2_SALT_MAX 64

static const char *const key_labels[] = {
	"PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY",
	"ENCRYPTED PRIVATE KEY"
};
#define LABEL_ENCRYPTED 3

/* DEK-Info names, compared without case as OpenSSL's lookup does. */
static const char *const dek_names[] = {
	[PBE_AES128_CBC] = "AES-128-CBC",
	[PBE_AES192_CBC] = "AES-192-CBC",
	[PBE_AES256_CBC] = "AES-256-CBC",
	[PBE_DES_EDE3_CBC] = "DES-EDE3-CBC"
};

/* OIDs (contents only): RFC 8018 appendix A and C, NIST CSOR. */
static const unsigned char oid_pbes2[] = {
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d
};
static const unsigned char oid_pbkdf2[] = {
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0c
};
/* hmacWithSHA1 is 1.2.840.113549.2.7; SHA-224..512 are .8 to .11. */
static const unsigned char oid_hmac[] = {
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02
};
/* aes128-CBC .2, aes192-CBC .22, aes256-CBC .42 under this arc. */
static const unsigned char oid_aes[] = {
	0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01
};
static const unsigned char oid_des3[] = {
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x03, 0x07
};

/* How a block is encrypted; cipher and iv valid when is_encrypted. */
struct enc {
	bool is_encrypted;
	enum pbe_cipher cipher;
	unsigned char iv[PBE_IV_MAX];
};

/* One line of text: p/len without its '\n' and trailing blanks. */
struct line {
	unsigned char *p;
	size_t len;
};

static bool
next_line(unsigned char *text, size_t len, size_t *pos, struct line *l)
{
	size_t end;

	if (*pos >= len) {
		return false;
	}
	for (end = *pos; end < len && text[end] != '\n'; end++) {
		continue;
	}
	l->p = text + *pos;
	l->len = end - *pos;
	*pos = end < len ? end + 1 : end;
	while (l->len > 0 && (l->p[l->len - 1] == '\r' ||
	    l->p[l->len - 1] == ' ' || l->p[l->len - 1] == '\t')) {
		l->len--;
	}
	return true;
}

/* The key label of a "-----BEGIN label-----" line, or -1. */
static int
begin_label(const struct line *l)
{
	size_t i;
	size_t n;

	if (l->len < 16 || memcmp(l->p, "-----BEGIN ", 11) != 0 ||
	    memcmp(l->p + l->len - 5, "-----", 5) != 0) {
		return -1;
	}
	for (i = 0; i < sizeof key_labels / sizeof key_labels[0]; i++) {
		n = strlen(key_labels[i]);
		if (l->len == 16 + n && memcmp(l->p + 11, key_labels[i],
		    n) == 0) {
			return (int)i;
		}
	}
	return -1;
}

/* Cursor over a header line. */
struct cur {
	const unsigned char *p;
	const unsigned char *end;
};

static void
skip_blanks(struct cur *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t')) {
		c->p++;
	}
}

/* Consumes the literal s if the text starts with it. */
static bool
take(struct cur *c, const char *s)
{
	size_t n = strlen(s);

	if ((size_t)(c->end - c->p) < n || memcmp(c->p, s, n) != 0) {
		return false;
	}
	c->p += n;
	return true;
}

static int
hex_val(unsigned c)
{
	if (c >= '0' && c <= '9') {
		return (int)(c - '0');
	}
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? (int)(c - 'a' + 10) : -1;
}

/*
 * RFC 1421 headers as OpenSSL's PEM_get_EVP_CIPHER_INFO reads them:
 * "Proc-Type: 4,ENCRYPTED" first, then "DEK-Info: NAME,HEXIV".  Any
 * other header makes OpenSSL fail, and us.
 */
static enum keyfile_status
parse_dek(const struct line *proc, const struct line *dek, struct enc *e)
{
	struct cur c;
	size_t i;
	size_t n;
	int hi;
	int lo;

	c.p = proc->p;
	c.end = proc->p + proc->len;
	if (!take(&c, "Proc-Type:")) {
		return KEYFILE_UNSUPPORTED;
	}
	skip_blanks(&c);
	if (!take(&c, "4,")) {
		return KEYFILE_UNSUPPORTED;
	}
	skip_blanks(&c);
	if (!take(&c, "ENCRYPTED") || c.p != c.end || dek == NULL) {
		return KEYFILE_UNSUPPORTED;
	}
	c.p = dek->p;
	c.end = dek->p + dek->len;
	if (!take(&c, "DEK-Info:")) {
		return KEYFILE_UNSUPPORTED;
	}
	skip_blanks(&c);
	for (n = 0; c.p + n < c.end && c.p[n] != ',' && c.p[n] != ' ' &&
	    c.p[n] != '\t'; n++) {
		continue;
	}
	for (i = 0; i < sizeof dek_names / sizeof dek_names[0]; i++) {
		if (n == strlen(dek_names[i]) &&
		    strncasecmp((const char *)c.p, dek_names[i], n) == 0) {
			break;
		}
	}
	if (i == sizeof dek_names / sizeof dek_names[0]) {
		return KEYFILE_BAD_SCHEME;	/* OpenSSL has more */
	}
	c.p += n;
	skip_blanks(&c);
	e->cipher = (enum pbe_cipher)i;
	if (!take(&c, ",") ||
	    (size_t)(c.end - c.p) < 2 * pbe_iv_len(e->cipher)) {
		return KEYFILE_UNSUPPORTED;
	}
	for (i = 0; i < pbe_iv_len(e->cipher); i++) {
		hi = hex_val(c.p[2 * i]);
		lo = hex_val(c.p[2 * i + 1]);
		if (hi < 0 || lo < 0) {
			return KEYFILE_UNSUPPORTED;
		}
		e->iv[i] = (unsigned char)(hi << 4 | lo);
	}
	e->is_encrypted = true;
	return KEYFILE_OK;
}

/*
 * After the BEGIN line at *pos: a header section (a first line with a
 * ':', up to a blank line) is parsed into e and blanked out, since
 * BearSSL's PEM decoder reads only Base64 between the banners.
 */
static enum keyfile_status
take_headers(unsigned char *text, size_t len, size_t pos, struct enc *e)
{
	struct line first;
	struct line second;
	struct line l;
	enum keyfile_status st;
	size_t p = pos;

	if (!next_line(text, len, &p, &first) ||
	    memchr(first.p, ':', first.len) == NULL) {
		return KEYFILE_OK;
	}
	if (!next_line(text, len, &p, &second) || second.len == 0) {
		st = parse_dek(&first, NULL, e);
	} else {
		st = parse_dek(&first, &second, e);
	}
	if (st != KEYFILE_OK) {
		return st;
	}
	p = pos;
	while (next_line(text, len, &p, &l) && l.len > 0) {
		memset(l.p, ' ', l.len);
	}
	return KEYFILE_OK;
}

/* pem_each_block's callback: keep the first block only. */
struct first {
	size_t len;
	bool has_key;
};

static int
first_block(void *ctx, const unsigned char *der, size_t len,
    struct result *res)
{
	struct first *f = ctx;

	(void)der;
	(void)res;
	f->len = len;
	f->has_key = true;
	return -1;		/* stop: a later block would overwrite tmp */
}

static const br_hash_class *
prf_hash(unsigned last)
{
	switch (last) {
	case 7: return &br_sha1_vtable;
	case 8: return &br_sha224_vtable;
	case 9: return &br_sha256_vtable;
	case 10: return &br_sha384_vtable;
	case 11: return &br_sha512_vtable;
	default: return NULL;
	}
}

/* A positive INTEGER of at most max; 0 when not one. */
static uint32_t
small_int(const struct der_tlv *t, uint32_t max)
{
	uint32_t v = 0;
	size_t i;

	if (t->tag != DER_INTEGER || t->len == 0 || t->len > 4 ||
	    (t->val[0] & 0x80) != 0) {
		return 0;
	}
	for (i = 0; i < t->len; i++) {
		v = v << 8 | t->val[i];
	}
	return v <= max ? v : 0;
}

/* The encryption scheme OID's cipher; -1 when we have none for it. */
static int
cipher_of(const struct der_tlv *oid)
{
	if (der_oid_eq(oid->val, oid->len, oid_des3, sizeof oid_des3)) {
		return PBE_DES_EDE3_CBC;
	}
	if (oid->len != sizeof oid_aes + 1 ||
	    memcmp(oid->val, oid_aes, sizeof oid_aes) != 0) {
		return -1;
	}
	switch (oid->val[sizeof oid_aes]) {
	case 2: return PBE_AES128_CBC;
	case 22: return PBE_AES192_CBC;
	case 42: return PBE_AES256_CBC;
	default: return -1;
	}
}

/*
 * EncryptedPrivateKeyInfo (RFC 5958) with PBES2 (RFC 8018 A.4):
 * decrypts the data in place in der and points *plain at it.
 */
static enum keyfile_status
pbes2(unsigned char *der, size_t len, const char *pw, size_t pw_len,
    const unsigned char **plain, size_t *plain_len)
{
	struct rd r;
	struct rd epki;
	struct rd alg;
	struct rd params;
	struct rd kdf;
	struct rd kdfp;
	struct rd enc;
	struct rd prf;
	struct der_tlv oid;
	struct der_tlv salt;
	struct der_tlv t;
	struct der_tlv iv;
	struct der_tlv data;
	const br_hash_class *dig = &br_sha1_vtable;	/* the DEFAULT */
	unsigned char key[PBE_KEY_MAX];
	unsigned char *ct;
	uint32_t iter;
	int cipher;
	int rc;
	bool has_klen;

	rd_init(&r, der, len);
	der_expect(&r, DER_SEQUENCE, &epki);
	der_expect(&epki, DER_SEQUENCE, &alg);
	der_read(&alg, &oid);
	if (!alg.bad && !der_oid_eq(oid.val, oid.len, oid_pbes2,
	    sizeof oid_pbes2)) {
		return KEYFILE_BAD_SCHEME;	/* PBES1, PKCS#12 PBE */
	}
	der_expect(&alg, DER_SEQUENCE, &params);
	der_expect(&params, DER_SEQUENCE, &kdf);
	der_read(&kdf, &oid);
	if (!kdf.bad && !der_oid_eq(oid.val, oid.len, oid_pbkdf2,
	    sizeof oid_pbkdf2)) {
		return KEYFILE_BAD_SCHEME;	/* scrypt */
	}
	der_expect(&kdf, DER_SEQUENCE, &kdfp);
	der_read(&kdfp, &salt);
	der_read(&kdfp, &t);
	iter = small_int(&t, PBKDF2_ITER_MAX);
	/* keyLength, optional: when present, the cipher's. */
	has_klen = der_optional(&kdfp, DER_INTEGER, &t) == 1;
	if (der_optional(&kdfp, DER_SEQUENCE, &oid) == 1) {
		rd_init(&prf, oid.val, oid.len);
		der_read(&prf, &oid);
		if (oid.len != sizeof oid_hmac + 1 || memcmp(oid.val,
		    oid_hmac, sizeof oid_hmac) != 0 ||
		    (dig = prf_hash(oid.val[sizeof oid_hmac])) == NULL) {
			return KEYFILE_BAD_SCHEME;
		}
	}
	der_expect(&params, DER_SEQUENCE, &enc);
	der_read(&enc, &oid);
	der_read(&enc, &iv);
	der_read(&epki, &data);
	if (r.bad || epki.bad || alg.bad || params.bad || kdf.bad ||
	    kdfp.bad || enc.bad || salt.tag != DER_OCTET_STRING ||
	    data.tag != DER_OCTET_STRING || iv.tag != DER_OCTET_STRING) {
		return KEYFILE_UNSUPPORTED;
	}
	cipher = cipher_of(&oid);
	if (cipher < 0 || iter == 0 || salt.len > PBKDF2_SALT_MAX ||
	    (has_klen && small_int(&t, PBE_KEY_MAX) !=
	    pbe_key_len((enum pbe_cipher)cipher))) {
		return KEYFILE_BAD_SCHEME;
	}
	if (iv.len != pbe_iv_len((enum pbe_cipher)cipher)) {
		return KEYFILE_UNSUPPORTED;
	}
	if (pw_len == 0) {
		return KEYFILE_BAD_DECRYPT;
	}
	pbe_pbkdf2(dig, pw, pw_len, salt.val, salt.len, iter, key,
	    pbe_key_len((enum pbe_cipher)cipher));
	ct = der + (data.val - der);	/* data lies in der, writable */
	rc = pbe_cbc_decrypt((enum pbe_cipher)cipher, key, iv.val, ct,
	    data.len, plain_len);
	explicit_bzero(key, sizeof key);
	if (rc < 0) {
		return KEYFILE_BAD_DECRYPT;
	}
	*plain = ct;
	return KEYFILE_OK;
}

/* OpenSSL's PEM encryption: key = EVP_BytesToKey(MD5, salt = IV[0..8]). */
static enum keyfile_status
traditional(const struct enc *e, unsigned char *der, size_t len,
    const char *pw, size_t pw_len, size_t *plain_len)
{
	unsigned char key[PBE_KEY_MAX];
	int rc;

	if (pw_len == 0) {
		return KEYFILE_BAD_DECRYPT;
	}
	pbe_bytes_to_key(pw, pw_len, e->iv, key, pbe_key_len(e->cipher));
	rc = pbe_cbc_decrypt(e->cipher, key, e->iv, der, len, plain_len);
	explicit_bzero(key, sizeof key);
	return rc < 0 ? KEYFILE_BAD_DECRYPT : KEYFILE_OK;
}

/* Feeds the plain DER to kd; fails as is_decrypted says. */
static enum keyfile_status
decode(br_skey_decoder_context *kd, const unsigned char *der, size_t len,
    bool is_decrypted)
{
	br_skey_decoder_init(kd);
	br_skey_decoder_push(kd, der, len);
	if (br_skey_decoder_last_error(kd) != 0) {
		return is_decrypted ? KEYFILE_BAD_DECRYPT :
		    KEYFILE_UNSUPPORTED;
	}
	return KEYFILE_OK;
}

/* A DER file: one unencrypted key (trailing bytes ignored, as d2i). */
static enum keyfile_status
from_der(const unsigned char *text, size_t len, br_skey_decoder_context *kd)
{
	struct rd r;
	struct rd in;
	struct der_tlv t;

	rd_init(&r, text, len);
	if (der_read(&r, &t) < 0 || t.tag != DER_SEQUENCE) {
		return KEYFILE_UNSUPPORTED;
	}
	rd_init(&in, t.val, t.len);
	/* EncryptedPrivateKeyInfo starts with a SEQUENCE, the others with
	 * an INTEGER: OpenSSL's d2i_PrivateKey reads no encrypted DER. */
	if (der_peek(&in) != DER_INTEGER) {
		return KEYFILE_UNSUPPORTED;
	}
	return decode(kd, t.raw, t.raw_len, false);
}

/* see keyfile.h */
enum keyfile_status
keyfile_decode(unsigned char *text, size_t len, const char *pw,
    unsigned char *tmp, size_t cap, br_skey_decoder_context *kd)
{
	struct line l;
	struct enc e;
	struct first f;
	struct result res;
	const unsigned char *plain;
	size_t plain_len;
	size_t pw_len = 0;
	size_t pos = 0;
	size_t begin;
	int label = -1;
	enum keyfile_status st;

	if (pw != NULL) {
		pw_len = strnlen(pw, KEYFILE_PASSWORD_MAX);
	}
	do {
		begin = pos;
		if (!next_line(text, len, &pos, &l)) {
			break;
		}
		label = begin_label(&l);
	} while (label < 0);
	if (label < 0) {
		return from_der(text, len, kd);
	}
	memset(&e, 0, sizeof e);
	st = take_headers(text, len, pos, &e);
	if (st != KEYFILE_OK) {
		return st;
	}
	memset(&f, 0, sizeof f);
	memset(&res, 0, sizeof res);
	pem_each_block(text + begin, len - begin, key_labels[label], tmp, cap,
	    first_block, &f, &res);
	if (!f.has_key) {
		return KEYFILE_UNSUPPORTED;	/* bad Base64, no END */
	}
	plain = tmp;
	plain_len = f.len;
	if (e.is_encrypted) {
		st = traditional(&e, tmp, f.len, pw, pw_len, &plain_len);
	} else if (label == LABEL_ENCRYPTED) {
		st = pbes2(tmp, f.len, pw, pw_len, &plain, &plain_len);
	}
	if (st != KEYFILE_OK) {
		return st;
	}
	return decode(kd, plain, plain_len,
	    e.is_encrypted || label == LABEL_ENCRYPTED);
}

/* see keyfile.h */
const char *
keyfile_strerror(enum keyfile_status st)
{
	switch (st) {
	case KEYFILE_OK: return "ok";
	case KEYFILE_BAD_DECRYPT: return "bad decrypt";
	case KEYFILE_BAD_SCHEME: return "unsupported key encryption "
	    "(ccheck reads PBES2/PBKDF2, AES-CBC and DES-EDE3-CBC)";
	default: return "unsupported";
	}
}
