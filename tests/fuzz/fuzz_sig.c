/* SPDX-License-Identifier: MIT */
/*
 * fuzz_sig: sig_verify with fixed real keys (those of
 * tests/unit/data/sig-*.pem, read from the repository root) and an
 * algorithm identifier, signature and signed bytes from the input.  One
 * key is the fixture's RSA modulus with e = 1, so s^e = s and the input
 * reaches every check of EMSA-PSS and PKCS#1 padding, not only the
 * first.  A success checked again must come from the cache.
 *
 * Input: key byte (mod 5: RSA, RSA e = 1, P-256, P-384, P-521), the
 * AlgorithmIdentifier (one DER element), a 2-byte big-endian signature
 * length (cut to what is left), the signature, then the signed bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "pem.h"
#include "sig.h"
#include "x509_cert.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

#define N_KEYS 5

static const char *const key_files[N_KEYS] = {
	"sig-rsa-sha256.pem", NULL, "sig-ec-p256-sha256.pem",
	"sig-ec-p384-sha384.pem", "sig-ec-p521-sha512.pem"
};

static br_x509_pkey keys[N_KEYS];
static unsigned char key_der[N_KEYS][2048];
static const unsigned char one = 1;

/* Copies the first certificate into ctx, then stops the walk. */
static int
keep_first(void *ctx, const unsigned char *der, size_t len,
    struct result *res)
{
	(void)res;
	if (len <= sizeof key_der[0]) {
		memcpy(ctx, der, len);
	}
	return -1;
}

/* Reads the fixtures' keys once; aborts when they are missing. */
static void
load_keys(void)
{
	static bool is_loaded;
	unsigned char tmp[2048];
	unsigned char *pem;
	struct x509_cert c;
	struct result res;
	char path[256];
	size_t pem_len;
	int i;

	if (is_loaded) {
		return;
	}
	for (i = 0; i < N_KEYS; i++) {
		if (key_files[i] == NULL) {
			continue;
		}
		memset(&res, 0, sizeof res);
		snprintf(path, sizeof path, "tests/unit/data/%s",
		    key_files[i]);
		if (pem_file_read(path, &pem, &pem_len, &res) < 0) {
			fprintf(stderr, "fuzz_sig: cannot read %s\n", path);
			abort();
		}
		pem_each_cert(pem, pem_len, tmp, sizeof tmp, keep_first,
		    key_der[i], &res);
		free(pem);
		if (x509_cert_parse(key_der[i], fuzz_der_len(key_der[i],
		    sizeof key_der[i]), &c) < 0) {
			fprintf(stderr, "fuzz_sig: bad %s\n", path);
			abort();
		}
		x509_cert_pkey(&c, &keys[i]);
	}
	keys[1] = keys[0];
	keys[1].key.rsa.e = (unsigned char *)(uintptr_t)&one;
	keys[1].key.rsa.elen = 1;
	is_loaded = true;
}

/* An exact-size heap copy, so ASan sees a read one byte past. */
static unsigned char *
dup(const uint8_t *p, size_t len)
{
	unsigned char *q = malloc(len ? len : 1);

	if (q == NULL) {
		abort();
	}
	memcpy(q, p, len);
	return q;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const br_x509_pkey *key;
	unsigned char *alg;
	unsigned char *sig;
	unsigned char *tbs;
	size_t alg_len;
	size_t sig_len;
	unsigned long ops;
	int rc;

	load_keys();
	if (len < 1) {
		return 0;
	}
	key = &keys[data[0] % N_KEYS];
	data++;
	len--;
	alg_len = fuzz_der_len(data, len);
	alg = dup(data, alg_len);
	data += alg_len;
	len -= alg_len;
	sig_len = 0;
	if (len >= 2) {
		sig_len = (size_t)data[0] << 8 | data[1];
		data += 2;
		len -= 2;
	}
	if (sig_len > len) {
		sig_len = len;
	}
	sig = dup(data, sig_len);
	tbs = dup(data + sig_len, len - sig_len);
	rc = sig_verify(key, alg, alg_len, tbs, len - sig_len, sig, sig_len);
	if (rc != SIG_OK && rc != SIG_BAD && rc != SIG_UNSUPPORTED) {
		abort();
	}
	/* A success is remembered: the same check again is a cache hit.
	 * (Failures are not repeated: a public-key operation under the
	 * sanitizers costs most of the run's time.) */
	ops = sig_ops();
	if (rc == SIG_OK && (sig_verify(key, alg, alg_len, tbs,
	    len - sig_len, sig, sig_len) != SIG_OK || sig_ops() != ops)) {
		abort();
	}
	free(alg);
	free(sig);
	free(tbs);
	return 0;
}
