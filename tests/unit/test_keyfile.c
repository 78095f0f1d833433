/* SPDX-License-Identifier: MIT */
/*
 * test_keyfile: client keys as libpq reads them.  PBKDF2 against RFC 6070
 * (HMAC-SHA1) and RFC 7914 section 11 (HMAC-SHA256); EVP_BytesToKey
 * against "openssl enc -P"; the PKCS#7 padding check on every pad
 * length, good and bad; every fixture of mkkeys.sh with the right, a
 * wrong and no password, decoded to the same key as the plain file;
 * identity_load's file rules and messages (mode, missing, not regular,
 * mismatch) and the password file's first line.
 */
#include <stdlib.h>
#include <unistd.h>

#include <sys/stat.h>

#include "identity.h"
#include "keyfile.h"
#include "pbe.h"
#include "pem.h"
#include "t.h"

static size_t
unhex(const char *h, unsigned char *out)
{
	size_t n = 0;
	unsigned v;

	while (h[0] != '\0' && sscanf(h, "%2x", &v) == 1) {
		out[n++] = (unsigned char)v;
		h += 2;
	}
	return n;
}

static const struct {
	const char *hash;
	const char *pw;
	size_t pw_len;
	const char *salt;
	size_t salt_len;
	uint32_t iter;
	const char *want;
} pbkdf2_cases[] = {
	/* RFC 6070 section 2 (the 16777216-iteration case left out). */
	{ "sha1", "password", 8, "salt", 4, 1,
	    "0c60c80f961f0e71f3a9b524af6012062fe037a6" },
	{ "sha1", "password", 8, "salt", 4, 2,
	    "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957" },
	{ "sha1", "password", 8, "salt", 4, 4096,
	    "4b007901b765489abead49d926f721d065a429c1" },
	{ "sha1", "passwordPASSWORDpassword", 24,
	    "saltSALTsaltSALTsaltSALTsaltSALTsalt", 36, 4096,
	    "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038" },
	{ "sha1", "pass\0word", 9, "sa\0lt", 5, 4096,
	    "56fa6aa75548099dcc37d7f03425e0c3" },
	/* RFC 7914 section 11. */
	{ "sha256", "passwd", 6, "salt", 4, 1,
	    "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dac"
	    "bc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a1"
	    "9783" },
	{ "sha256", "Password", 8, "NaCl", 4, 80000,
	    "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab"
	    "56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f3"
	    "3c8d" },
};

static void
test_pbkdf2(void)
{
	unsigned char want[64];
	unsigned char got[64];
	size_t i;
	size_t n;

	for (i = 0; i < sizeof pbkdf2_cases / sizeof pbkdf2_cases[0]; i++) {
		n = unhex(pbkdf2_cases[i].want, want);
		pbe_pbkdf2(strcmp(pbkdf2_cases[i].hash, "sha1") == 0 ?
		    &br_sha1_vtable : &br_sha256_vtable, pbkdf2_cases[i].pw,
		    pbkdf2_cases[i].pw_len, pbkdf2_cases[i].salt,
		    pbkdf2_cases[i].salt_len, pbkdf2_cases[i].iter, got, n);
		CHECKF(memcmp(got, want, n) == 0, "pbkdf2 %s %s/%u",
		    pbkdf2_cases[i].hash, pbkdf2_cases[i].salt,
		    (unsigned)pbkdf2_cases[i].iter);
	}
}

static void
test_bytes_to_key(void)
{
	/* openssl enc -aes-256-cbc -md md5 -S 0102030405060708
	 * -pass pass:secret -P: key, then iv (the next 16 bytes). */
	static const unsigned char salt[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	unsigned char want[48];
	unsigned char got[48];

	unhex("C9E5A1BD216DBE1317E230CEF48F38EE7F0E17AD64022144BCCEC4A1AA2879AB"
	    "E24B32BBBC4EF02ECBCB6576523AD893", want);
	pbe_bytes_to_key("secret", 6, salt, got, sizeof got);
	CHECK(memcmp(got, want, sizeof want) == 0);
	pbe_bytes_to_key("secret", 6, salt, got, 24);	/* DES-EDE3 */
	CHECK(memcmp(got, want, 24) == 0);
}

/* Encrypts 32 bytes whose tail is set by the caller, then decrypts. */
static int
cbc_round(enum pbe_cipher c, const unsigned char *tail, size_t tail_len,
    size_t *out_len)
{
	br_aes_ct_cbcenc_keys aes;
	br_des_ct_cbcenc_keys des;
	unsigned char key[32] = { 7 };
	unsigned char iv[16] = { 9 };
	unsigned char ivc[16];
	unsigned char buf[32];

	memset(buf, 0x41, sizeof buf);
	memcpy(buf + sizeof buf - tail_len, tail, tail_len);
	memcpy(ivc, iv, sizeof iv);
	if (c == PBE_DES_EDE3_CBC) {
		br_des_ct_cbcenc_init(&des, key, 24);
		br_des_ct_cbcenc_run(&des, ivc, buf, sizeof buf);
	} else {
		br_aes_ct_cbcenc_init(&aes, key, pbe_key_len(c));
		br_aes_ct_cbcenc_run(&aes, ivc, buf, sizeof buf);
	}
	return pbe_cbc_decrypt(c, key, iv, buf, sizeof buf, out_len);
}

static void
test_padding(void)
{
	static const enum pbe_cipher cs[] = { PBE_AES128_CBC,
	    PBE_AES256_CBC, PBE_DES_EDE3_CBC };
	unsigned char tail[17];
	size_t block;
	size_t len;
	size_t i;
	size_t p;
	int good = 0;
	int bad = 0;
	int n = 0;

	for (i = 0; i < sizeof cs / sizeof cs[0]; i++) {
		block = pbe_iv_len(cs[i]);
		for (p = 1; p <= block; p++) {
			memset(tail, (int)p, p);
			len = 0;
			good += cbc_round(cs[i], tail, p, &len) == 0 &&
			    len == 32 - p;
			/* One wrong byte anywhere in the padding. */
			if (p > 1) {
				tail[0] ^= 0x80;
				bad += cbc_round(cs[i], tail, p, &len) < 0;
				n++;
			}
		}
		tail[0] = 0;				/* pad 0 */
		bad += cbc_round(cs[i], tail, 1, &len) < 0;
		memset(tail, (int)block + 1, block + 1);	/* > block */
		bad += cbc_round(cs[i], tail, block + 1, &len) < 0;
		n += 2;
		CHECKF(pbe_cbc_decrypt(cs[i], tail, tail, tail, 5, &len) < 0,
		    "cipher %zu: length not a multiple of the block", i);
	}
	CHECK_INT(good, 16 + 16 + 8, "every valid pad length accepted");
	CHECK_INT(bad, n, "every invalid padding refused");
}

/* The file's bytes (static buffer, reused). */
static unsigned char *
slurp(const char *name, size_t *len)
{
	static unsigned char buf[32768];
	struct result res;
	char path[256];

	memset(&res, 0, sizeof res);
	snprintf(path, sizeof path, T_DATA "%s", name);
	*len = 0;
	if (pem_file_read_buf(path, buf, sizeof buf, len, &res) < 0) {
		t_report(0, __FILE__, __LINE__, path, "cannot read");
	}
	return buf;
}

static br_skey_decoder_context ref_rsa;
static br_skey_decoder_context ref_ec;

static enum keyfile_status
decode(const char *name, const char *pw, br_skey_decoder_context *kd)
{
	unsigned char tmp[16384];
	unsigned char *text;
	size_t len;

	text = slurp(name, &len);
	return keyfile_decode(text, len, pw, tmp, sizeof tmp, kd);
}

/* Whether kd holds the same key as the plain file's. */
static bool
same_key(const br_skey_decoder_context *kd, bool is_rsa)
{
	const br_rsa_private_key *a;
	const br_rsa_private_key *b;
	const br_ec_private_key *x;
	const br_ec_private_key *y;

	if (is_rsa) {
		if (br_skey_decoder_key_type(kd) != BR_KEYTYPE_RSA) {
			return false;
		}
		a = br_skey_decoder_get_rsa(kd);
		b = br_skey_decoder_get_rsa(&ref_rsa);
		return a->plen == b->plen && a->qlen == b->qlen &&
		    memcmp(a->p, b->p, a->plen) == 0 &&
		    memcmp(a->q, b->q, a->qlen) == 0;
	}
	if (br_skey_decoder_key_type(kd) != BR_KEYTYPE_EC) {
		return false;
	}
	x = br_skey_decoder_get_ec(kd);
	y = br_skey_decoder_get_ec(&ref_ec);
	return x->curve == y->curve && x->xlen == y->xlen &&
	    memcmp(x->x, y->x, x->xlen) == 0;
}

/* Suffixes of key-{rsa,ec}-SUFFIX; encrypted ones with "secret". */
static const struct {
	const char *suffix;
	bool is_encrypted;
	enum keyfile_status want;	/* with the right password */
} forms[] = {
	{ "trad.pem", false, KEYFILE_OK },
	{ "trad.der", false, KEYFILE_OK },
	{ "p8.der", false, KEYFILE_OK },
	{ "p8-sha1-aes256.pem", true, KEYFILE_OK },
	{ "p8-sha224-aes256.pem", true, KEYFILE_OK },
	{ "p8-sha256-aes256.pem", true, KEYFILE_OK },
	{ "p8-sha384-aes256.pem", true, KEYFILE_OK },
	{ "p8-sha512-aes256.pem", true, KEYFILE_OK },
	{ "p8-sha256-aes128.pem", true, KEYFILE_OK },
	{ "p8-sha256-aes192.pem", true, KEYFILE_OK },
	{ "p8-sha256-des3.pem", true, KEYFILE_OK },
	{ "trad-aes128.pem", true, KEYFILE_OK },
	{ "trad-aes192.pem", true, KEYFILE_OK },
	{ "trad-aes256.pem", true, KEYFILE_OK },
	{ "trad-des3.pem", true, KEYFILE_OK },
	/* libpq: "unsupported" (d2i_PrivateKey decrypts nothing). */
	{ "p8-aes256.der", false, KEYFILE_UNSUPPORTED },
	/* OpenSSL reads these; ccheck says so. */
	{ "p8-pbes1.pem", true, KEYFILE_BAD_SCHEME },
	{ "p8-scrypt.pem", true, KEYFILE_BAD_SCHEME },
	{ "trad-camellia.pem", true, KEYFILE_BAD_SCHEME },
};

static void
test_forms(void)
{
	static const char *const algs[] = { "rsa", "ec" };
	br_skey_decoder_context kd;
	char name[128];
	enum keyfile_status st;
	size_t a;
	size_t i;

	CHECK(decode("key-rsa.pem", NULL, &ref_rsa) == KEYFILE_OK);
	CHECK(decode("key-ec.pem", NULL, &ref_ec) == KEYFILE_OK);
	for (a = 0; a < 2; a++) {
		for (i = 0; i < sizeof forms / sizeof forms[0]; i++) {
			snprintf(name, sizeof name, "key-%s-%s", algs[a],
			    forms[i].suffix);
			st = decode(name, "secret", &kd);
			CHECKF(st == forms[i].want && (st != KEYFILE_OK ||
			    same_key(&kd, a == 0)), "%s: status %d, want %d",
			    name, st, forms[i].want);
			if (!forms[i].is_encrypted ||
			    forms[i].want != KEYFILE_OK) {
				continue;
			}
			CHECKF(decode(name, "wrong", &kd) ==
			    KEYFILE_BAD_DECRYPT, "%s: wrong password", name);
			CHECKF(decode(name, NULL, &kd) == KEYFILE_BAD_DECRYPT,
			    "%s: no password", name);
			CHECKF(decode(name, "", &kd) == KEYFILE_BAD_DECRYPT,
			    "%s: empty password", name);
		}
	}
	/* Not keys at all, as libpq says. */
	CHECK(decode("key-rsa.crt", NULL, &kd) == KEYFILE_UNSUPPORTED);
	CHECK(decode("mkkeys.sh", NULL, &kd) == KEYFILE_UNSUPPORTED);
	CHECK_STR(keyfile_strerror(KEYFILE_BAD_DECRYPT), "bad decrypt",
	    "libpq's wrong-password reason");
	CHECK_STR(keyfile_strerror(KEYFILE_UNSUPPORTED), "unsupported",
	    "libpq's unreadable-key reason");
}

/* Text variants built from the fixtures at run time. */
static void
test_variants(void)
{
	br_skey_decoder_context kd;
	unsigned char tmp[16384];
	unsigned char text[8192];
	unsigned char *p;
	size_t len;
	int n;

	/* Junk and a certificate before the key, CRLF line ends. */
	p = slurp("key-ec-trad-aes128.pem", &len);
	n = snprintf((char *)text, sizeof text, "junk\r\n%s",
	    (const char *)slurp("key-ec.crt", &len));
	p = slurp("key-ec-trad-aes128.pem", &len);
	for (size_t i = 0; i < len && (size_t)n < sizeof text - 2; i++) {
		if (p[i] == '\n') {
			text[n++] = '\r';
		}
		text[n++] = p[i];
	}
	CHECK(keyfile_decode(text, (size_t)n, "secret", tmp, sizeof tmp,
	    &kd) == KEYFILE_OK && same_key(&kd, false));
	/* A header that is not Proc-Type: OpenSSL fails, so do we. */
	p = slurp("key-ec-trad-aes128.pem", &len);
	memcpy(p + 31, "Proc-Tipe", 9);
	CHECK(keyfile_decode(p, len, "secret", tmp, sizeof tmp, &kd) ==
	    KEYFILE_UNSUPPORTED);
	/* A bad hex digit in the IV. */
	p = slurp("key-ec-trad-aes128.pem", &len);
	p[strstr((char *)p, "CBC,") - (char *)p + 4] = 'G';
	CHECK(keyfile_decode(p, len, "secret", tmp, sizeof tmp, &kd) ==
	    KEYFILE_UNSUPPORTED);
	/* A DER key cut short. */
	p = slurp("key-ec-p8.der", &len);
	CHECK(keyfile_decode(p, len - 1, NULL, tmp, sizeof tmp, &kd) ==
	    KEYFILE_UNSUPPORTED);
}

static char dir[] = "/tmp/test_keyfile.XXXXXX";

/* Copies fixture name to dir/as with mode; returns the path. */
static const char *
place(const char *name, const char *as, mode_t mode)
{
	static char path[16][256];
	static int slot;
	char *out = path[slot++ % 16];
	unsigned char *text;
	size_t len;
	FILE *f;

	text = slurp(name, &len);
	snprintf(out, sizeof path[0], "%s/%s", dir, as);
	f = fopen(out, "wb");
	if (f != NULL) {
		fwrite(text, 1, len, f);
		fclose(f);
	}
	chmod(out, mode);
	return out;
}

static void
test_identity(void)
{
	struct identity id;
	struct stat sb;
	char why[512];
	char want[512];
	char pw[16];
	const char *cert;
	const char *key;
	const char *path;
	int rc;

	if (mkdtemp(dir) == NULL) {
		CHECK(!"mkdtemp");
		return;
	}
	cert = place("key-rsa.crt", "rsa.crt", 0644);
	key = place("key-rsa-p8-sha256-aes256.pem", "k.pem", 0600);
	CHECK(identity_load(&id, cert, key, "secret", why, sizeof why) == 0);
	identity_free(&id);
	CHECK(identity_load(&id, cert, key, "wrong", why, sizeof why) < 0);
	snprintf(want, sizeof want, "could not load private key file "
	    "\"%s\": bad decrypt", key);
	CHECK_STR(why, want, "wrong password: libpq's message");
	key = place("key-rsa-trad.der", "k.der", 0600);
	CHECK(identity_load(&id, cert, key, NULL, why, sizeof why) == 0);
	identity_free(&id);
	/* Group or world access: libpq's rule and words. */
	key = place("key-rsa-trad.pem", "k644.pem", 0644);
	CHECK(identity_load(&id, cert, key, NULL, why, sizeof why) < 0);
	snprintf(want, sizeof want, "private key file \"%s\" has group or "
	    "world access; file must have permissions u=rw (0600) or less "
	    "if owned by the current user, or permissions u=rw,g=r (0640) "
	    "or less if owned by root", key);
	CHECK_STR(why, want, "0644 key refused");
	key = place("key-rsa-trad.pem", "k640.pem", 0640);
	rc = identity_load(&id, cert, key, NULL, why, sizeof why);
	CHECK(stat(key, &sb) == 0);
	CHECKF((rc == 0) == (sb.st_uid == 0), "0640 key: accepted only "
	    "when root owns it (uid %u)", (unsigned)sb.st_uid);
	if (rc == 0) {
		identity_free(&id);
	}
	key = place("key-rsa-trad.pem", "k604.pem", 0604);
	CHECK(identity_load(&id, cert, key, NULL, why, sizeof why) < 0);
	snprintf(want, sizeof want, "%s/none.pem", dir);
	CHECK(identity_load(&id, cert, want, NULL, why, sizeof why) < 0);
	CHECK(strstr(why, "certificate present, but not private key file")
	    == why);
	CHECK(identity_load(&id, cert, dir, NULL, why, sizeof why) < 0);
	snprintf(want, sizeof want, "private key file \"%s\" is not a "
	    "regular file", dir);
	CHECK_STR(why, want, "a directory as key");
	key = place("key-ec-trad.pem", "ec.pem", 0600);
	CHECK(identity_load(&id, cert, key, NULL, why, sizeof why) < 0);
	snprintf(want, sizeof want, "certificate does not match private "
	    "key file \"%s\"", key);
	CHECK_STR(why, want, "key of another certificate");
	/* The password file's first line, CRLF or LF, cut to fit. */
	path = place("key-rsa.crt", "pw", 0600);
	CHECK(identity_read_password(path, pw, sizeof pw, why,
	    sizeof why) == 0 && strcmp(pw, "-----BEGIN CERT") == 0);
	snprintf(want, sizeof want, "%s/pw2", dir);
	FILE *f = fopen(want, "w");
	if (f != NULL) {
		fputs("secret\r\nmore\n", f);
		fclose(f);
	}
	CHECK(identity_read_password(want, pw, sizeof pw, why,
	    sizeof why) == 0 && strcmp(pw, "secret") == 0);
	snprintf(want, sizeof want, "%s/none", dir);
	CHECK(identity_read_password(want, pw, sizeof pw, why,
	    sizeof why) < 0);
	snprintf(want, sizeof want, "rm -rf %s", dir);
	CHECK(system(want) == 0);
}

int
main(void)
{
	test_pbkdf2();
	test_bytes_to_key();
	test_padding();
	test_forms();
	test_variants();
	test_identity();
	return t_exit();
}
