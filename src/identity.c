/* SPDX-License-Identifier: MIT */
/*
 * identity: reading a client certificate and key, and proving they
 * belong together before any server sees them (a mismatch would only show
 * as a handshake failure with a vague alert).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>

#include "ec_p256.h"
#include "fmt.h"
#include "identity.h"
#include "keyfile.h"
#include "pem.h"
#include "x509_cert.h"

/*
 * One allocation for the DER certificates and the key's numbers: a chain
 * fits X509_CHAIN_CAP, an RSA-4096 key is about 1.2 KiB in parts.
 */
#define IDENTITY_MEM_CAP (X509_CHAIN_CAP + 4096)
/* BearSSL's RSA code stops at 4096 bits. */
#define RSA_MAX_BYTES 512

struct loading {
	struct identity *id;
	size_t used;
	br_skey_decoder_context kd;
};

static unsigned char *
take(struct loading *l, const void *src, size_t len)
{
	unsigned char *p;

	if (len > IDENTITY_MEM_CAP - l->used) {
		return NULL;
	}
	p = l->id->mem + l->used;
	memcpy(p, src, len);
	l->used += len;
	return p;
}

static int
add_cert(void *ctx, const unsigned char *der, size_t len,
    struct result *res)
{
	struct loading *l = ctx;
	struct identity *id = l->id;
	unsigned char *p;

	if (id->chain_len == IDENTITY_CERTS_MAX) {
		return result_fail(res, CK_E_CHAIN_TOO_BIG, "more than %d "
		    "certificates", IDENTITY_CERTS_MAX);
	}
	p = take(l, der, len);
	if (p == NULL) {
		return result_fail(res, CK_E_CHAIN_TOO_BIG, NULL);
	}
	id->chain[id->chain_len].data = p;
	id->chain[id->chain_len].data_len = len;
	id->chain_len++;
	return 0;
}

/* Copies the key out of the decoder into the allocation. */
static const char *
keep_key(struct loading *l)
{
	struct identity *id = l->id;
	const br_rsa_private_key *rk;
	const br_ec_private_key *ek;

	id->key_type = br_skey_decoder_key_type(&l->kd);
	if (id->key_type == BR_KEYTYPE_RSA) {
		rk = br_skey_decoder_get_rsa(&l->kd);
		id->rsa.n_bitlen = rk->n_bitlen;
		id->rsa.plen = rk->plen;
		id->rsa.qlen = rk->qlen;
		id->rsa.dplen = rk->dplen;
		id->rsa.dqlen = rk->dqlen;
		id->rsa.iqlen = rk->iqlen;
		if ((id->rsa.p = take(l, rk->p, rk->plen)) == NULL ||
		    (id->rsa.q = take(l, rk->q, rk->qlen)) == NULL ||
		    (id->rsa.dp = take(l, rk->dp, rk->dplen)) == NULL ||
		    (id->rsa.dq = take(l, rk->dq, rk->dqlen)) == NULL ||
		    (id->rsa.iq = take(l, rk->iq, rk->iqlen)) == NULL) {
			return "private key too large";
		}
		return NULL;
	}
	if (id->key_type == BR_KEYTYPE_EC) {
		ek = br_skey_decoder_get_ec(&l->kd);
		id->ec.curve = ek->curve;
		id->ec.xlen = ek->xlen;
		if ((id->ec.x = take(l, ek->x, ek->xlen)) == NULL) {
			return "private key too large";
		}
		return NULL;
	}
	return "unsupported private key type";
}

static const char mismatch[] = "mismatch";

/* Whether the key's public half is the first certificate's key. */
static const char *
check_match(const struct identity *id)
{
	struct x509_cert c;
	unsigned char pub[BR_EC_KBUF_PUB_MAX_SIZE];
	unsigned char n[RSA_MAX_BYTES];
	br_ec_public_key pk;
	br_rsa_compute_modulus modulus = br_rsa_compute_modulus_get_default();
	size_t len;

	if (x509_cert_parse(id->chain[0].data, id->chain[0].data_len,
	    &c) < 0) {
		return "malformed client certificate";
	}
	if (id->key_type == BR_KEYTYPE_RSA && c.key_type == BR_KEYTYPE_RSA) {
		len = modulus(NULL, &id->rsa);
		if (len == 0 || len > sizeof n) {
			return "unsupported RSA key size";
		}
		modulus(n, &id->rsa);
		/* The certificate's modulus has its leading zeros stripped. */
		while (len > 0 && n[0] == 0) {
			memmove(n, n + 1, --len);
		}
		if (len == c.rsa_n.len && memcmp(n, c.rsa_n.p, len) == 0) {
			return NULL;
		}
	} else if (id->key_type == BR_KEYTYPE_EC &&
	    c.key_type == BR_KEYTYPE_EC) {
		len = br_ec_compute_pub(ec_p256_impl(), &pk, pub,
		    &id->ec);
		if (len == 0) {
			return "unsupported elliptic curve in private key";
		}
		if (pk.curve == c.curve && pk.qlen == c.ec_q.len &&
		    memcmp(pk.q, c.ec_q.p, pk.qlen) == 0) {
			return NULL;
		}
	}
	return mismatch;
}

/*
 * libpq's checks before it reads the key (fe-secure-openssl.c,
 * initialize_SSL), with its words: the file exists, is a regular file,
 * and is not open to group or world, except that a root-owned file may
 * be group-readable (keys shared through a group, as /etc/ssl/private).
 */
static int
check_mode(const char *path, char *why, size_t cap)
{
	struct stat sb;
	mode_t open_bits;

	if (stat(path, &sb) < 0) {
		if (errno == ENOENT) {
			fmt_snprintf(why, cap, "certificate present, but not "
			    "private key file \"%s\"", path);
		} else {
			fmt_snprintf(why, cap, "could not stat private key "
			    "file \"%s\": %s", path, strerror(errno));
		}
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		fmt_snprintf(why, cap, "private key file \"%s\" is not a "
		    "regular file", path);
		return -1;
	}
	open_bits = sb.st_uid == 0 ? S_IWGRP | S_IXGRP | S_IRWXO :
	    S_IRWXG | S_IRWXO;
	if ((sb.st_mode & open_bits) != 0) {
		fmt_snprintf(why, cap, "private key file \"%s\" has group or "
		    "world access; file must have permissions u=rw (0600) or "
		    "less if owned by the current user, or permissions "
		    "u=rw,g=r (0640) or less if owned by root", path);
		return -1;
	}
	return 0;
}

static int
load(struct identity *id, const char *cert_path, const char *key_path,
    const char *password, bool is_mode_checked, char *why, size_t cap)
{
	struct loading l;
	struct result res;
	unsigned char tmp[X509_CHAIN_CAP];
	unsigned char *text;
	size_t len;
	long n;
	const char *bad;
	enum keyfile_status st;
	char reason[RESULT_DETAIL_CAP + 64];

	memset(id, 0, sizeof *id);
	memset(&l, 0, sizeof l);
	memset(&res, 0, sizeof res);
	l.id = id;
	id->mem = malloc(IDENTITY_MEM_CAP);
	if (id->mem == NULL) {
		fmt_snprintf(why, cap, "out of memory");
		return -1;
	}
	if (pem_file_read(cert_path, &text, &len, &res) < 0) {
		fmt_snprintf(why, cap, "%s: %s", cert_path,
		    result_format(&res, reason, sizeof reason));
		return -1;
	}
	n = pem_each_cert(text, len, tmp, sizeof tmp, add_cert, &l, &res);
	free(text);
	if (n <= 0) {
		if (n == 0) {
			result_fail(&res, CK_E_PEM_NO_CERT, NULL);
		}
		fmt_snprintf(why, cap, "%s: %s", cert_path,
		    result_format(&res, reason, sizeof reason));
		return -1;
	}
	if (is_mode_checked && check_mode(key_path, why, cap) < 0) {
		return -1;
	}
	if (pem_file_read(key_path, &text, &len, &res) < 0) {
		fmt_snprintf(why, cap, "%s: %s", key_path,
		    result_format(&res, reason, sizeof reason));
		return -1;
	}
	st = keyfile_decode(text, len, password, tmp, sizeof tmp, &l.kd);
	explicit_bzero(text, len);	/* no key bytes left behind */
	free(text);
	explicit_bzero(tmp, sizeof tmp);
	if (st != KEYFILE_OK) {
		explicit_bzero(&l.kd, sizeof l.kd);
		fmt_snprintf(why, cap, "could not load private key file "
		    "\"%s\": %s", key_path, keyfile_strerror(st));
		return -1;
	}
	bad = keep_key(&l);
	explicit_bzero(&l.kd, sizeof l.kd);
	if (bad == NULL) {
		bad = check_match(id);
	}
	if (bad == mismatch) {
		/* libpq's words (OpenSSL adds its own reason). */
		fmt_snprintf(why, cap, "certificate does not match private "
		    "key file \"%s\"", key_path);
		return -1;
	}
	if (bad != NULL) {
		fmt_snprintf(why, cap, "%s: %s", key_path, bad);
		return -1;
	}
	return 0;
}

/* see identity.h */
int
identity_load(struct identity *id, const char *cert_path,
    const char *key_path, const char *password, char *why, size_t cap)
{
	if (load(id, cert_path, key_path, password, true, why, cap) < 0) {
		identity_free(id);
		return -1;
	}
	return 0;
}

/* see identity.h */
int
identity_load_unchecked(struct identity *id, const char *cert_path,
    const char *key_path, const char *password, char *why, size_t cap)
{
	if (load(id, cert_path, key_path, password, false, why, cap) < 0) {
		identity_free(id);
		return -1;
	}
	return 0;
}

/* see identity.h */
void
identity_free(struct identity *id)
{
	if (id->mem != NULL) {
		explicit_bzero(id->mem, IDENTITY_MEM_CAP);
		free(id->mem);
	}
	memset(id, 0, sizeof *id);
}

/*
 * A password file is one line; 4 KiB leaves room for comments after it
 * and still refuses a wrong path (a key, a disk) at once.
 */
#define PASSWORD_FILE_CAP 4096

/* see identity.h */
int
identity_read_password(const char *path, char *out, size_t cap,
    char *why, size_t why_cap)
{
	unsigned char buf[PASSWORD_FILE_CAP];
	struct result res;
	char reason[RESULT_DETAIL_CAP + 64];
	size_t len;
	size_t n;

	memset(&res, 0, sizeof res);
	if (pem_file_read_buf(path, buf, sizeof buf, &len, &res) < 0) {
		explicit_bzero(buf, sizeof buf);
		fmt_snprintf(why, why_cap, "%s: %s", path,
		    result_format(&res, reason, sizeof reason));
		return -1;
	}
	for (n = 0; n < len && buf[n] != '\n'; n++) {
		continue;
	}
	if (n > 0 && n < len && buf[n - 1] == '\r') {
		n--;
	}
	if (n > cap - 1) {
		n = cap - 1;
	}
	memcpy(out, buf, n);
	out[n] = '\0';
	explicit_bzero(buf, sizeof buf);
	return 0;
}
