/* SPDX-License-Identifier: MIT */
/*
 * crl: reads CertificateLists (RFC 5280 section 5) with der.c's checked
 * reader and loads the files libpq's sslcrl / sslcrldir name at
 * start-up, each CRL indexed once as it is added (entries sorted by
 * serial, the signed part hashed) so that probes only search.  Extensions are
 * only recorded as the flags
 * OpenSSL 3.0 derives from them (crypto/x509/x_crl.c); what they mean
 * for a verdict is the validator's business.
 */
#define _GNU_SOURCE		/* qsort_r */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "crl.h"
#include "fmt.h"
#include "pem.h"
#include "sig.h"

/* id-ce (2.5.29) arcs of the extensions we look at. */
#define CE_CRL_NUMBER	20
#define CE_REASON	21
#define CE_DELTA	27
#define CE_IDP		28
#define CE_CERT_ISSUER	29
#define CE_AKID		35

/* A file path built from a directory and an entry name. */
#define CRL_PATH_CAP 4096

/* One revokedCertificates entry. */
struct entry {
	struct der_tlv serial;
	int64_t when;
	int reason;			/* -1: no reasonCode */
};

/*
 * Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE,
 * extnValue OCTET STRING }.  *id is the id-ce arc (2.5.29.id), or 0 for
 * any other OID; val reads extnValue's contents.
 */
static int
ext_read(struct rd *list, unsigned *id, bool *is_critical, struct rd *val)
{
	struct rd ext;
	struct der_tlv oid;
	struct der_tlv t;

	*is_critical = false;
	der_expect(list, DER_SEQUENCE, &ext);
	der_read(&ext, &oid);
	if (der_optional(&ext, DER_BOOLEAN, &t) == 1) {
		if (t.len != 1) {
			return -1;
		}
		*is_critical = t.val[0] != 0;
	}
	der_expect(&ext, DER_OCTET_STRING, val);
	if (oid.tag != DER_OID || !rd_is_done(&ext)) {
		return -1;
	}
	*id = oid.len == 3 && oid.val[0] == 0x55 && oid.val[1] == 0x1d ?
	    oid.val[2] : 0;
	return 0;
}

/* True when val holds exactly one element with tag. */
static bool
is_one(struct rd *val, unsigned tag)
{
	der_expect(val, tag, NULL);
	return rd_is_done(val);
}

/*
 * revokedCertificates entry: SEQUENCE { userCertificate INTEGER,
 * revocationDate Time, crlEntryExtensions Extensions OPTIONAL }.  The
 * flag follows OpenSSL's crl_set_issuers (x_crl.c), except for
 * certificateIssuer: see has_unknown_critical in crl.h.
 */
static int
entry_read(struct rd *list, struct entry *e, bool *has_unknown_critical)
{
	struct rd ent;
	struct rd exts;
	struct rd val;
	struct der_tlv t;
	unsigned id;
	bool is_critical;

	e->reason = -1;
	der_expect(list, DER_SEQUENCE, &ent);
	der_read(&ent, &e->serial);
	der_read(&ent, &t);
	if (e->serial.tag != DER_INTEGER || e->serial.len == 0 ||
	    x509_time_parse(&t, &e->when) < 0) {
		return -1;
	}
	if (ent.left == 0) {
		return 0;
	}
	der_expect(&ent, DER_SEQUENCE, &exts);
	if (!rd_is_done(&ent)) {
		return -1;
	}
	while (exts.left > 0) {
		if (ext_read(&exts, &id, &is_critical, &val) < 0) {
			return -1;
		}
		if (id == CE_REASON) {
			/* CRLReason ::= ENUMERATED 0-10 (RFC 5280 5.3.1). */
			der_read(&val, &t);
			if (e->reason >= 0 || t.tag != DER_ENUMERATED ||
			    t.len != 1 || t.val[0] > 0x7f ||
			    !rd_is_done(&val)) {
				return -1;
			}
			e->reason = t.val[0];
		}
		if (is_critical || id == CE_CERT_ISSUER) {
			*has_unknown_critical = true;
		}
	}
	return 0;
}

/*
 * crlExtensions, flagged as OpenSSL 3.0's crl_cb (x_crl.c) does: a
 * critical extension other than IDP, AKID and deltaCRLIndicator is
 * unhandled.  Checked with "openssl verify -crl_check": a critical
 * cRLNumber fails with "unhandled critical CRL extension" (error 36),
 * a critical IDP or deltaCRLIndicator does not.  The values of the
 * extensions we name are checked for their outer type only; each may
 * appear once (RFC 5280 4.2).
 */
static int
crl_exts(struct rd *exts, struct crl *c)
{
	struct rd val;
	uint64_t seen = 0;
	unsigned id;
	bool is_critical;
	bool is_ok = true;

	while (exts->left > 0 && is_ok) {
		if (ext_read(exts, &id, &is_critical, &val) < 0) {
			return -1;
		}
		switch (id) {
		case CE_CRL_NUMBER:
			is_ok = is_one(&val, DER_INTEGER);
			break;
		case CE_DELTA:
			is_ok = is_one(&val, DER_INTEGER);
			c->is_delta = true;
			break;
		case CE_IDP:
			is_ok = is_one(&val, DER_SEQUENCE);
			c->has_idp = true;
			break;
		case CE_AKID:
			is_ok = is_one(&val, DER_SEQUENCE);
			break;
		default:
			break;
		}
		if (id != 0 && id < 64) {
			if (seen >> id & 1) {
				return -1;
			}
			seen |= (uint64_t)1 << id;
		}
		if (is_critical && id != CE_IDP && id != CE_AKID &&
		    id != CE_DELTA) {
			c->has_unknown_critical = true;
		}
	}
	return is_ok ? 0 : -1;
}

/* see crl.h */
int
crl_parse(const unsigned char *der, size_t len, struct crl *c)
{
	struct rd r;
	struct rd list;
	struct rd tbs;
	struct rd v;
	struct rd revoked;
	struct der_tlv t;
	struct der_tlv alg;
	struct entry e;
	bool is_v2 = false;
	int tag;

	memset(c, 0, sizeof *c);
	c->der.p = der;
	c->der.len = len;
	rd_init(&r, der, len);
	der_expect(&r, DER_SEQUENCE, &list);
	der_read(&list, &t);
	if (!rd_is_done(&r) || t.tag != DER_SEQUENCE) {
		return -1;
	}
	c->tbs.p = t.raw;
	c->tbs.len = t.raw_len;
	rd_init(&tbs, t.val, t.len);
	/* Version ::= INTEGER { v1(0), v2(1) }; v1 is written by leaving it
	 * out (RFC 5280 5.1.2.1). */
	if (der_optional(&tbs, DER_INTEGER, &t) == 1) {
		if (t.len != 1 || t.val[0] != 1) {
			return -1;
		}
		is_v2 = true;
	}
	der_read(&tbs, &alg);
	rd_init(&v, alg.val, alg.len);
	der_expect(&v, DER_OID, NULL);
	if (v.left > 0) {
		der_read(&v, &t);	/* parameters: sig_verify reads them */
	}
	if (alg.tag != DER_SEQUENCE || !rd_is_done(&v)) {
		return -1;
	}
	x509_name_read(&tbs, &c->issuer);
	der_read(&tbs, &t);
	if (tbs.bad || x509_time_parse(&t, &c->this_update) < 0) {
		return -1;
	}
	tag = der_peek(&tbs);
	if (tag == DER_UTC_TIME || tag == DER_GENERALIZED_TIME) {
		der_read(&tbs, &t);
		if (x509_time_parse(&t, &c->next_update) < 0) {
			return -1;
		}
		c->has_next_update = true;
	}
	if (der_optional(&tbs, DER_SEQUENCE, &t) == 1) {
		c->revoked.p = t.val;
		c->revoked.len = t.len;
		rd_init(&revoked, t.val, t.len);
		while (revoked.left > 0) {
			if (entry_read(&revoked, &e,
			    &c->has_unknown_critical) < 0) {
				return -1;
			}
			c->n_entries++;
		}
	}
	if (der_peek(&tbs) == DER_CTX_CONS(0)) {
		der_expect(&tbs, DER_CTX_CONS(0), &v);
		der_expect(&v, DER_SEQUENCE, &revoked);
		if (!is_v2 || !rd_is_done(&v) ||
		    crl_exts(&revoked, c) < 0) {
			return -1;	/* extensions are v2 only (5.1.2.1) */
		}
	}
	if (!rd_is_done(&tbs)) {
		return -1;
	}
	/* RFC 5280 5.1.1.2: the same AlgorithmIdentifier as inside. */
	der_read(&list, &t);
	if (t.raw_len != alg.raw_len ||
	    memcmp(t.raw, alg.raw, alg.raw_len) != 0) {
		return -1;
	}
	c->sig_alg.p = t.raw;
	c->sig_alg.len = t.raw_len;
	der_expect(&list, DER_BIT_STRING, &v);
	if (rd_u8(&v) != 0 || v.bad || !rd_is_done(&list)) {
		return -1;
	}
	c->sig.p = v.p;
	c->sig.len = v.left;
	return 0;
}

/*
 * Drops leading zero bytes, so a serial matches whether or not its
 * caller kept the 00 a top bit set needs.  Serials are positive (RFC
 * 5280 4.1.2.2); a negative one could only match a positive serial of
 * the same bytes, which no CA issues alongside it.
 */
static void
int_trim(const unsigned char **p, size_t *len)
{
	while (*len > 1 && (*p)[0] == 0x00) {
		(*p)++;
		(*len)--;
	}
}

/* The next entry of list into e, its serial trimmed into *p, *len;
 * 0, or -1 when the entry is malformed. */
static int
next_serial(struct rd *list, struct entry *e, const unsigned char **p,
    size_t *len)
{
	bool is_unknown = false;

	if (entry_read(list, e, &is_unknown) < 0) {
		return -1;
	}
	*p = e->serial.val;
	*len = e->serial.len;
	int_trim(p, len);
	return 0;
}

/* Serials ordered by length, then bytes (both trimmed): any total
 * order finds equal ones. */
static int
serial_cmp(const unsigned char *a, size_t a_len, const unsigned char *b,
    size_t b_len)
{
	if (a_len != b_len) {
		return a_len < b_len ? -1 : 1;
	}
	return memcmp(a, b, a_len);
}

/* qsort_r's order of an index: by serial, then by place, so the first
 * of equal serials is the entry that comes first in the CRL. */
static int
ref_cmp(const void *a, const void *b, void *revoked)
{
	const struct crl_ref *x = a;
	const struct crl_ref *y = b;
	const unsigned char *base = *(const unsigned char **)revoked;
	int d = serial_cmp(base + x->off + x->skip, x->len,
	    base + y->off + y->skip, y->len);

	return d != 0 ? d : x->off < y->off ? -1 : x->off > y->off;
}

/* The first entry of indexed c whose serial is serial (trimmed); its
 * offset in c->revoked, or -1. */
static long
index_find(const struct crl *c, const unsigned char *serial, size_t len)
{
	const struct crl_ref *r;
	size_t lo = 0;
	size_t hi = c->n_entries;
	size_t mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		r = &c->by_serial[mid];
		if (serial_cmp(c->revoked.p + r->off + r->skip, r->len, serial,
		    len) < 0) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	r = &c->by_serial[lo];
	return lo < c->n_entries && serial_cmp(c->revoked.p + r->off +
	    r->skip, r->len, serial, len) == 0 ? (long)r->off : -1;
}

/* see crl.h */
int
crl_lookup(const struct crl *c, const unsigned char *serial,
    size_t serial_len, int64_t *when, int *reason)
{
	struct rd list;
	struct entry e;
	const unsigned char *p;
	size_t len;
	long off;

	int_trim(&serial, &serial_len);
	rd_init(&list, c->revoked.p, c->revoked.len);
	if (c->by_serial != NULL) {
		/* Indexed: the walk starts at the entry found. */
		if ((off = index_find(c, serial, serial_len)) < 0) {
			return 0;
		}
		rd_init(&list, c->revoked.p + off, c->revoked.len -
		    (size_t)off);
	}
	while (list.left > 0) {
		if (next_serial(&list, &e, &p, &len) < 0) {
			return -1;
		}
		if (len == serial_len && memcmp(p, serial, len) == 0) {
			*when = e.when;
			*reason = e.reason;
			return 1;
		}
	}
	return 0;
}

/* see crl.h */
const char *
crl_reason_name(int reason)
{
	/* RFC 5280 5.3.1; 7 is not used. */
	static const char *const names[] = {
		"unspecified", "keyCompromise", "cACompromise",
		"affiliationChanged", "superseded", "cessationOfOperation",
		"certificateHold", NULL, "removeFromCRL",
		"privilegeWithdrawn", "aACompromise"
	};

	if (reason < 0 || reason >= (int)(sizeof names / sizeof names[0]) ||
	    names[reason] == NULL) {
		return names[0];
	}
	return names[reason];
}

/*
 * Adds the CRL in der (len bytes from malloc): parsed once, its entries
 * indexed and its tbsCertList hashed, so no probe does any of it again.
 * Returns 0 (s owns der now), 1 when der is no CRL, -1 when out of
 * memory (res set); der stays the caller's unless 0.
 */
static int
keep(struct crl_set *s, unsigned char *der, size_t len, struct result *res)
{
	struct crl_held *h;

	if (s->n == s->cap) {
		h = realloc(s->v, (s->cap * 2 + 4) * sizeof *h);
		if (h == NULL) {
			return result_fail_sys(res, CK_E_FILE, ENOMEM);
		}
		s->v = h;
		s->cap = s->cap * 2 + 4;
	}
	h = &s->v[s->n];
	if (crl_parse(der, len, &h->crl) < 0) {
		return 1;
	}
	h->refs = malloc((h->crl.n_entries + 1) * sizeof *h->refs);
	if (h->refs == NULL) {
		return result_fail_sys(res, CK_E_FILE, ENOMEM);
	}
	crl_index(&h->crl, h->refs);
	h->crl.tbs_hash_len = sig_digest(h->crl.sig_alg.p, h->crl.sig_alg.len,
	    h->crl.tbs.p, h->crl.tbs.len, h->crl.tbs_hash);
	h->der = der;
	s->n++;
	return 0;
}

/* pem_each_block's callback: one "X509 CRL" block. */
struct pem_add {
	struct crl_set *s;
	long n;
};

static int
add_block(void *ctx, const unsigned char *der, size_t len,
    struct result *res)
{
	struct pem_add *a = ctx;
	unsigned char *copy = malloc(len > 0 ? len : 1);
	int rc;

	a->n++;
	if (copy == NULL) {
		return result_fail_sys(res, CK_E_FILE, ENOMEM);
	}
	memcpy(copy, der, len);
	if ((rc = keep(a->s, copy, len, res)) == 0) {
		return 0;
	}
	free(copy);
	return rc < 0 ? -1 : result_fail(res, CK_E_CRL_MALFORMED, "CRL %ld",
	    a->n);
}

/*
 * Adds the CRLs of one file: one DER CRL when it starts with a SEQUENCE
 * and parses as a CRL, else PEM "X509 CRL" blocks.  A file holding none
 * fails unless is_in_dir (then it is skipped).  Failures land in tmp,
 * which the caller prefixes with the path.
 */
static int
add_file(struct crl_set *s, const char *path, bool is_in_dir,
    struct result *tmp)
{
	struct pem_add a;
	unsigned char *data;
	unsigned char *der;
	size_t len = 0;
	long n;
	int rc;

	if (pem_file_read_cap(path, CRL_FILE_CAP, &data, &len, tmp) < 0) {
		return -1;
	}
	if (len > 0 && data[0] == DER_SEQUENCE &&
	    (rc = keep(s, data, len, tmp)) != 1) {
		if (rc < 0) {
			free(data);
		}
		return rc;	/* 0: the set keeps data */
	}
	/* The DER never outgrows its Base64, so len bytes always hold it. */
	der = malloc(len > 0 ? len : 1);
	if (der == NULL) {
		free(data);
		return result_fail_sys(tmp, CK_E_FILE, ENOMEM);
	}
	a.s = s;
	a.n = 0;
	n = pem_each_block(data, len, "X509 CRL", der, len, add_block, &a,
	    tmp);
	free(der);
	if (n == 0 && !is_in_dir) {
		result_fail(tmp, CK_E_CRL_MALFORMED, len > 0 &&
		    data[0] == DER_SEQUENCE ? "not a DER CRL" :
		    "no X509 CRL block");
	}
	free(data);
	return n < 0 || (n == 0 && !is_in_dir) ? -1 : 0;
}

/* Entry names of directory path, sorted by byte value, into *names. */
static int
dir_names(const char *path, char ***names, size_t *n, struct result *tmp)
{
	DIR *d;
	struct dirent *de;
	char **v = NULL;
	char **grown;
	char *name;
	size_t cap = 0;
	size_t i;
	int saved;

	*n = 0;
	*names = NULL;
	d = opendir(path);
	if (d == NULL) {
		return result_fail_sys(tmp, CK_E_FILE, errno);
	}
	for (;;) {
		errno = 0;
		de = readdir(d);
		if (de == NULL) {
			break;
		}
		if (*n == cap) {
			cap = cap * 2 + 16;
			grown = realloc(v, cap * sizeof *v);
			if (grown == NULL) {
				errno = ENOMEM;
				break;
			}
			v = grown;
		}
		name = strdup(de->d_name);
		if (name == NULL) {
			errno = ENOMEM;
			break;
		}
		/* Insertion sort: directories hold tens of CRLs, and qsort
		 * would cost the binary more than these lines. */
		for (i = *n; i > 0 && strcmp(v[i - 1], name) > 0; i--) {
			v[i] = v[i - 1];
		}
		v[i] = name;
		(*n)++;
	}
	saved = errno;
	closedir(d);
	*names = v;
	return saved != 0 ? result_fail_sys(tmp, CK_E_FILE, saved) : 0;
}

/* Every regular file of directory path, in name order. */
static int
add_dir(struct crl_set *s, const char *path, struct result *tmp,
    char *file, size_t cap)
{
	struct stat st;
	char **names;
	size_t n;
	size_t i;
	int rc;

	rc = dir_names(path, &names, &n, tmp);
	for (i = 0; i < n; i++) {
		/* stat, not lstat: hashed directories hold symlinks.  A
		 * name too long for a path cannot be opened either. */
		if (rc == 0 && (size_t)fmt_snprintf(file, cap, "%s/%s", path,
		    names[i]) < cap && stat(file, &st) == 0 &&
		    S_ISREG(st.st_mode)) {
			rc = add_file(s, file, true, tmp);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

/* see crl.h */
void
crl_index(struct crl *c, struct crl_ref *refs)
{
	const unsigned char *revoked = c->revoked.p;
	struct rd list;
	struct entry e;
	const unsigned char *p;
	size_t len;
	size_t i;

	if (c->n_entries == 0) {
		return;
	}
	rd_init(&list, revoked, c->revoked.len);
	for (i = 0; i < c->n_entries; i++) {
		refs[i].off = (uint32_t)(c->revoked.len - list.left);
		next_serial(&list, &e, &p, &len);	/* parsed before */
		if (len > UINT16_MAX || (size_t)(p - c->revoked.p) -
		    refs[i].off > UINT16_MAX) {
			return;
		}
		refs[i].skip = (uint16_t)((size_t)(p - c->revoked.p) -
		    refs[i].off);
		refs[i].len = (uint16_t)len;
	}
	qsort_r(refs, c->n_entries, sizeof *refs, ref_cmp, &revoked);
	c->by_serial = refs;
}

/* Frees what keep allocated for h. */
static void
drop(struct crl_held *h)
{
	free(h->der);
	free(h->refs);
}

/* see crl.h */
int
crl_set_add(struct crl_set *s, const char *path, struct result *res)
{
	struct result tmp;
	struct stat st;
	char file[CRL_PATH_CAP];
	size_t n = s->n;
	int rc;

	memset(&tmp, 0, sizeof tmp);
	file[0] = '\0';
	if (stat(path, &st) < 0) {
		rc = result_fail_sys(&tmp, CK_E_FILE, errno);
	} else if (S_ISDIR(st.st_mode)) {
		rc = add_dir(s, path, &tmp, file, sizeof file);
	} else {
		rc = add_file(s, path, false, &tmp);
	}
	if (rc == 0) {
		return 0;
	}
	while (s->n > n) {
		drop(&s->v[--s->n]);
	}
	/* The file being read when a directory failed, else path. */
	if (tmp.sys == EFBIG) {
		fmt_snprintf(tmp.detail, sizeof tmp.detail,
		    "larger than %u MiB", CRL_FILE_CAP >> 20);
	}
	if (res->err == CK_E_OK) {
		result_fail(res, tmp.err, "%s: %s",
		    file[0] != '\0' ? file : path, tmp.detail);
		res->sys = tmp.sys;
	}
	return -1;
}

/* see crl.h */
void
crl_set_free(struct crl_set *s)
{
	while (s->n > 0) {
		drop(&s->v[--s->n]);
	}
	free(s->v);
	memset(s, 0, sizeof *s);
}

/* see crl.h */
void
crl_iter_init(struct crl_iter *it, const struct crl_set *s)
{
	it->s = s;
	it->i = 0;
}

/* see crl.h */
const struct crl *
crl_next(struct crl_iter *it)
{
	return it->i < it->s->n ? &it->s->v[it->i++].crl : NULL;
}
