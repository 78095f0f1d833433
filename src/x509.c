/* SPDX-License-Identifier: MIT */
/*
 * x509: the capturing X.509 class used during the handshake, and the
 * verdict after it.  Capture only copies what the server sends, so a
 * bad certificate never aborts the handshake in a way the server logs;
 * x509_verify then orders the copy into a path (trusted-first, as
 * OpenSSL does), lets BearSSL's minimal validator check signatures and
 * constraints, and adds what BearSSL leaves out: anchor expiry, reasons
 * worded like Go's, libpq's host-name rules and days left.
 */
#include <string.h>

#include "anchor.h"
#include "fmt.h"
#include "x509.h"
#include "x509_cert.h"

/* BearSSL counts days from 0000-01-01 (proleptic Gregorian); this is
 * 1970-01-01 on that count (x509_minimal.c uses the same constant). */
#define BR_DAYS_TO_EPOCH 719528

static struct x509_capture *
cap_of(const br_x509_class **ctx)
{
	return (struct x509_capture *)(void *)ctx;
}

static void
cap_start_chain(const br_x509_class **ctx, const char *server_name)
{
	struct x509_capture *xc = cap_of(ctx);

	(void)server_name;	/* names are checked after the handshake */
	xc->chain->n = 0;
	xc->chain->used = 0;
	xc->err = CK_E_OK;
	xc->cert_idx = -1;
	xc->is_leaf_ok = false;
}

static void
cap_start_cert(const br_x509_class **ctx, uint32_t length)
{
	struct x509_capture *xc = cap_of(ctx);
	struct x509_chain *ch = xc->chain;

	xc->cert_idx++;
	if (xc->err != CK_E_OK) {
		return;
	}
	if (ch->n >= X509_CERTS_MAX || length > X509_CHAIN_CAP - ch->used) {
		xc->err = CK_E_CHAIN_TOO_BIG;
		return;
	}
	ch->off[ch->n] = ch->used;
	ch->len[ch->n] = 0;
	ch->n++;
}

static void
cap_append(const br_x509_class **ctx, const unsigned char *buf, size_t len)
{
	struct x509_capture *xc = cap_of(ctx);
	struct x509_chain *ch = xc->chain;

	if (xc->err != CK_E_OK || ch->n == 0) {
		return;
	}
	/* BearSSL promises the chunks add up to start_cert's length, which
	 * fitted; checked anyway, since a broken promise would overflow. */
	if (len > X509_CHAIN_CAP - ch->used) {
		xc->err = CK_E_CHAIN_TOO_BIG;
		return;
	}
	memcpy(ch->buf + ch->used, buf, len);
	ch->used += len;
	ch->len[ch->n - 1] += len;
}

static void
cap_end_cert(const br_x509_class **ctx)
{
	(void)ctx;	/* the leaf is read whole, in end_chain */
}

/*
 * The leaf's key for the handshake, read by our own certificate parser
 * from the captured copy (the verdict parses the same bytes later), so
 * BearSSL's streaming decoder is not linked: 3 KB, and it read past a
 * table on dates split across records (tests/unit/test_regress.c).
 */
static unsigned
cap_end_chain(const br_x509_class **ctx)
{
	struct x509_capture *xc = cap_of(ctx);
	struct x509_cert c;

	if (xc->err == CK_E_OK && xc->chain->n == 0) {
		xc->err = CK_E_NO_CERT;
	}
	if (xc->err == CK_E_CHAIN_TOO_BIG) {
		return BR_ERR_X509_LIMIT_EXCEEDED;
	}
	if (xc->err == CK_E_NO_CERT) {
		return BR_ERR_X509_EMPTY_CHAIN;
	}
	if (x509_cert_parse(xc->chain->buf + xc->chain->off[0],
	    xc->chain->len[0], &c) < 0) {
		xc->err = CK_E_X509_MALFORMED;
		return BR_ERR_X509_INVALID_VALUE;
	}
	if (x509_cert_supported(&c, false, NULL, 0) < 0) {
		xc->err = CK_E_X509_UNSUPPORTED;
		return BR_ERR_X509_UNSUPPORTED;
	}
	/* Pointers into the chain, which outlives the handshake. */
	x509_cert_pkey(&c, &xc->pkey);
	xc->is_leaf_ok = true;
	return 0;
}

static const br_x509_pkey *
cap_get_pkey(const br_x509_class *const *ctx, unsigned *usages)
{
	const struct x509_capture *xc;

	xc = (const struct x509_capture *)(const void *)ctx;
	if (usages != NULL) {
		*usages = BR_KEYTYPE_KEYX | BR_KEYTYPE_SIGN;
	}
	return xc->is_leaf_ok ? &xc->pkey : NULL;
}

static const br_x509_class capture_vtable = {
	sizeof(struct x509_capture),
	cap_start_chain,
	cap_start_cert,
	cap_append,
	cap_end_cert,
	cap_end_chain,
	cap_get_pkey
};

/* see x509.h */
void
x509_capture_init(struct x509_capture *xc, struct x509_chain *chain)
{
	memset(xc, 0, sizeof *xc);
	xc->vtable = &capture_vtable;
	xc->chain = chain;
	cap_start_chain(&xc->vtable, NULL);
}

/* Floor division, so times before 1970 land on the right day. */
static int64_t
floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Writes v as exactly n decimal digits, zero-padded. */
static void
put_digits(char *out, unsigned v, unsigned n)
{
	while (n-- > 0) {
		out[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* see x509.h */
void
x509_time_format(int64_t t, char out[21])
{
	/* Howard Hinnant's civil_from_days, the inverse of
	 * x509_days_from_civil. */
	int64_t z = floor_div(t, 86400);
	int64_t secs = t - z * 86400;
	int64_t era;
	int64_t doe;
	int64_t yoe;
	int64_t doy;
	int64_t mp;
	int64_t y;
	int64_t m;
	int64_t d;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y = yoe + era * 400 + (m <= 2);
	if (y < 0 || y > 9999) {
		/* Not a date a certificate can hold; keep the 20 chars. */
		memcpy(out, "****-**-**T**:**:**Z", 21);
		return;
	}
	put_digits(out, (unsigned)y, 4);
	out[4] = '-';
	put_digits(out + 5, (unsigned)m, 2);
	out[7] = '-';
	put_digits(out + 8, (unsigned)d, 2);
	out[10] = 'T';
	put_digits(out + 11, (unsigned)(secs / 3600), 2);
	out[13] = ':';
	put_digits(out + 14, (unsigned)(secs / 60 % 60), 2);
	out[16] = ':';
	put_digits(out + 17, (unsigned)(secs % 60), 2);
	out[19] = 'Z';
	out[20] = '\0';
}

/* see x509.h */
long
x509_days_left(int64_t t, int64_t now)
{
	return (long)((t - now) / 86400);
}

/* Everything x509_verify works on, kept off the caller's slot. */
struct vstate {
	const struct x509_chain *ch;
	const struct x509_policy *pol;
	struct x509_verdict *v;
	struct result *res;
	struct x509_cert certs[X509_CERTS_MAX];
	size_t path[X509_CERTS_MAX];	/* indexes into certs, leaf first */
	size_t path_n;
};

static bool
is_anchor_dn(const struct x509_policy *pol, struct x509_bytes dn)
{
	struct anchor_iter it;
	struct anchor a;

	anchor_iter_init(&it, pol->anchors);
	while (anchor_next(&it, &a) > 0) {
		if (anchor_dn_eq(&a, dn.p, dn.len)) {
			return true;
		}
	}
	return false;
}

static bool
bytes_eq(struct x509_bytes a, struct x509_bytes b)
{
	return a.len == b.len && memcmp(a.p, b.p, a.len) == 0;
}

/* Lowers v's expiry to t when earlier; the leaf's stays on ties. */
static void
verdict_note(struct x509_verdict *v, int64_t t, enum x509_role role,
    const unsigned char *dn, size_t dn_len)
{
	if (t >= v->not_after) {
		return;
	}
	v->not_after = t;
	v->role = role;
	if (role == X509_ROLE_LEAF) {
		v->who[0] = '\0';
	} else {
		x509_dn_format(dn, dn_len, v->who, sizeof v->who);
	}
}

/*
 * Fails with EXPIRED / NOT_YET when now is outside [nb, na].  what is
 * NULL for the leaf, else "intermediate" or "root" with subject dn.
 */
static int
check_dates(const struct vstate *s, int64_t nb, int64_t na,
    const char *what, const unsigned char *dn, size_t dn_len)
{
	char now_text[21];
	char t_text[21];
	char who[X509_NAME_CAP + 16];
	int64_t now = s->pol->now;

	if (now >= nb && now <= na) {
		return 0;
	}
	who[0] = '\0';
	if (what != NULL) {
		char name[X509_NAME_CAP];

		fmt_snprintf(who, sizeof who, " (%s %s)", what,
		    x509_dn_format(dn, dn_len, name, sizeof name));
	}
	x509_time_format(now, now_text);
	if (now < nb) {
		x509_time_format(nb, t_text);
		return result_fail(s->res, CK_E_X509_NOT_YET,
		    "current time %s is before %s%s", now_text, t_text, who);
	}
	x509_time_format(na, t_text);
	return result_fail(s->res, CK_E_X509_EXPIRED,
	    "current time %s is after %s%s", now_text, t_text, who);
}

/*
 * Orders the captured certificates into a path from the leaf towards
 * an anchor: issuer DN to subject DN, first unused match wins, and the
 * path ends at the first certificate an anchor issued (so an old cross-
 * sign the server still sends is never used, as with OpenSSL's
 * trusted-first).  is_anchored false: follow issuers as far as they go
 * without looking at anchors (for --insecure's dates).
 */
static int
build_path(struct vstate *s, bool is_anchored)
{
	bool used[X509_CERTS_MAX] = { false };
	const struct x509_cert *cur = &s->certs[0];
	size_t j;

	s->path[0] = 0;
	s->path_n = 1;
	used[0] = true;
	for (;;) {
		if (is_anchored && is_anchor_dn(s->pol, cur->issuer)) {
			return 0;
		}
		if (x509_cert_is_self_issued(cur)) {
			break;
		}
		for (j = 0; j < s->ch->n; j++) {
			if (!used[j] &&
			    bytes_eq(s->certs[j].subject, cur->issuer)) {
				break;
			}
		}
		if (j == s->ch->n) {
			break;
		}
		used[j] = true;
		s->path[s->path_n++] = j;
		cur = &s->certs[j];
	}
	if (!is_anchored) {
		return 0;
	}
	return result_fail(s->res, CK_E_X509_UNKNOWN_CA, NULL);
}

/* One run of BearSSL's minimal validator over the path; 0 or BR_ERR_*. */
static unsigned
run_minimal(const struct vstate *s, const br_x509_trust_anchor *ta,
    size_t ta_n)
{
	br_x509_minimal_context mc;
	const br_x509_class **vt;
	int64_t days = floor_div(s->pol->now, 86400);
	size_t i;
	size_t k;

	br_x509_minimal_init(&mc, &br_sha256_vtable, ta, ta_n);
	br_x509_minimal_set_hash(&mc, br_md5_ID, &br_md5_vtable);
	br_x509_minimal_set_hash(&mc, br_sha1_ID, &br_sha1_vtable);
	br_x509_minimal_set_hash(&mc, br_sha224_ID, &br_sha224_vtable);
	br_x509_minimal_set_hash(&mc, br_sha256_ID, &br_sha256_vtable);
	br_x509_minimal_set_hash(&mc, br_sha384_ID, &br_sha384_vtable);
	br_x509_minimal_set_hash(&mc, br_sha512_ID, &br_sha512_vtable);
	br_x509_minimal_set_rsa(&mc, br_rsa_pkcs1_vrfy_get_default());
	br_x509_minimal_set_ecdsa(&mc, br_ec_get_default(),
	    br_ecdsa_vrfy_asn1_get_default());
	br_x509_minimal_set_time(&mc, (uint32_t)(days + BR_DAYS_TO_EPOCH),
	    (uint32_t)(s->pol->now - days * 86400));
	vt = &mc.vtable;
	(*vt)->start_chain(vt, NULL);
	for (i = 0; i < s->path_n; i++) {
		k = s->path[i];
		(*vt)->start_cert(vt, (uint32_t)s->ch->len[k]);
		if (s->ch->len[k] > 0) {
			(*vt)->append(vt, s->ch->buf + s->ch->off[k],
			    s->ch->len[k]);
		}
		(*vt)->end_cert(vt);
	}
	return (*vt)->end_chain(vt);
}

static int
fail_br(struct result *res, unsigned br)
{
	if (res->err == CK_E_OK) {
		res->br = (int)br;
	}
	switch (br) {
	case BR_ERR_X509_NOT_TRUSTED:
		return result_fail(res, CK_E_X509_UNKNOWN_CA, NULL);
	case BR_ERR_X509_BAD_SIGNATURE:
		return result_fail(res, CK_E_X509_BAD_SIG, NULL);
	case BR_ERR_X509_NOT_CA:
		return result_fail(res, CK_E_X509_NOT_CA, NULL);
	case BR_ERR_X509_CRITICAL_EXTENSION:
		return result_fail(res, CK_E_X509_CRITICAL, NULL);
	case BR_ERR_X509_UNSUPPORTED:
		return result_fail(res, CK_E_X509_UNSUPPORTED, "algorithm");
	case BR_ERR_X509_WRONG_KEY_TYPE:
		return result_fail(res, CK_E_X509_UNSUPPORTED,
		    "signature algorithm for the issuer's key type");
	case BR_ERR_X509_WEAK_PUBLIC_KEY:
		return result_fail(res, CK_E_X509_UNSUPPORTED, "weak key");
	case BR_ERR_X509_EXPIRED:
		return result_fail(res, CK_E_X509_EXPIRED, NULL);
	default:
		return result_fail(res, CK_E_X509_INVALID, "bearssl error %u",
		    br);
	}
}

/*
 * Validates the path with BearSSL and fills *root with the anchor that
 * passed.  Returns 0, or -1 with the result filled.
 */
static int
validate(struct vstate *s, struct anchor *root)
{
	struct x509_bytes top = s->certs[s->path[s->path_n - 1]].issuer;
	struct x509_bytes leaf = s->certs[0].subject;
	struct anchor cand[X509_CERTS_MAX];
	br_x509_trust_anchor ta[2 * X509_CERTS_MAX];
	struct anchor_iter it;
	struct anchor a;
	size_t cand_n = 0;
	size_t ta_n = 0;
	unsigned first_err = 0;
	unsigned br;
	size_t i;

	/*
	 * BearSSL looks at two kinds of anchor: CA anchors named like the
	 * issuer of a certificate on the path (build_path stopped at the
	 * first issuer that names any anchor: top) and, for direct trust,
	 * anchors that are not CAs named like the leaf.  Handing it only
	 * those gives the answer all anchors would, without a struct per
	 * anchor.  Their Names equal the certificates' bytes, so the
	 * anchors point there.  Only anchors named like top can end this
	 * path; more than X509_CERTS_MAX of either kind with one Name is
	 * not a real bundle, and the extra ones are ignored.
	 */
	anchor_iter_init(&it, s->pol->anchors);
	while (anchor_next(&it, &a) > 0) {
		if (anchor_dn_eq(&a, top.p, top.len)) {
			if (cand_n < X509_CERTS_MAX) {
				cand[cand_n++] = a;
				anchor_ta(&a, top.p, top.len, &ta[ta_n++]);
			}
		} else if (!(a.flags & BR_X509_TA_CA) &&
		    ta_n - cand_n < X509_CERTS_MAX &&
		    anchor_dn_eq(&a, leaf.p, leaf.len)) {
			anchor_ta(&a, leaf.p, leaf.len, &ta[ta_n++]);
		}
	}
	if (cand_n == 1) {
		br = run_minimal(s, ta, ta_n);
		if (br == 0) {
			*root = cand[0];
			return 0;
		}
		return fail_br(s->res, br);
	}
	/* Several anchors share the Name (a renewed root): BearSSL would use
	 * whichever verifies, so try each alone to know whose notAfter
	 * applies. */
	for (i = 0; i < cand_n; i++) {
		br_x509_trust_anchor one;

		anchor_ta(&cand[i], top.p, top.len, &one);
		br = run_minimal(s, &one, 1);
		if (br == 0) {
			*root = cand[i];
			return 0;
		}
		if (first_err == 0) {
			first_err = br;
		}
	}
	return fail_br(s->res, first_err != 0 ? first_err :
	    BR_ERR_X509_NOT_TRUSTED);
}

/* see x509.h */
int
x509_verify(const struct x509_chain *ch, const struct x509_policy *pol,
    struct x509_verdict *v, struct result *res)
{
	struct vstate s;	/* about 3 KiB of stack; no allocation */
	const struct x509_cert *c;
	struct anchor root;
	unsigned char dn_buf[ANCHOR_DN_CAP];
	const unsigned char *dn;
	size_t dn_len;
	char why[96];
	size_t i;

	memset(v, 0, sizeof *v);
	v->not_after = INT64_MAX;
	memset(&s, 0, sizeof s);
	memset(&root, 0, sizeof root);	/* set by validate() when it passes */
	s.ch = ch;
	s.pol = pol;
	s.v = v;
	s.res = res;
	if (ch->n == 0) {
		return result_fail(res, CK_E_NO_CERT, NULL);
	}
	for (i = 0; i < ch->n; i++) {
		if (x509_cert_parse(ch->buf + ch->off[i], ch->len[i],
		    &s.certs[i]) == 0) {
			continue;
		}
		if (i > 0) {
			break;
		}
		v->not_after = 0;
		return result_fail(res, CK_E_X509_MALFORMED, "certificate 1");
	}
	c = &s.certs[0];
	v->not_before = c->not_before;
	verdict_note(v, c->not_after, X509_ROLE_LEAF, NULL, 0);
	v->days_left = x509_days_left(v->not_after, pol->now);
	if (i < ch->n) {
		return result_fail(res, CK_E_X509_MALFORMED, "certificate %zu",
		    i + 1);
	}
	check_dates(&s, c->not_before, c->not_after, NULL, NULL, 0);
	if (pol->is_skip_verify) {
		build_path(&s, false);
	} else {
		build_path(&s, true);
	}
	for (i = 1; i < s.path_n; i++) {
		c = &s.certs[s.path[i]];
		verdict_note(v, c->not_after, X509_ROLE_INTERMEDIATE,
		    c->subject.p, c->subject.len);
	}
	v->days_left = x509_days_left(v->not_after, pol->now);
	if (res->err != CK_E_OK || pol->is_skip_verify) {
		return res->err != CK_E_OK ? -1 : 0;
	}
	for (i = 0; i < s.path_n; i++) {
		if (x509_cert_supported(&s.certs[s.path[i]], true, why,
		    sizeof why) < 0) {
			return result_fail(res, CK_E_X509_UNSUPPORTED, "%s",
			    why);
		}
	}
	for (i = 1; i < s.path_n; i++) {
		c = &s.certs[s.path[i]];
		if (check_dates(&s, c->not_before, c->not_after,
		    "intermediate", c->subject.p, c->subject.len) < 0) {
			return -1;
		}
	}
	if (validate(&s, &root) < 0) {
		return -1;
	}
	dn = anchor_dn(&root, dn_buf, &dn_len);
	verdict_note(v, root.not_after, X509_ROLE_ROOT, dn, dn_len);
	v->days_left = x509_days_left(v->not_after, pol->now);
	/* BearSSL never looks at an anchor's dates; OpenSSL (so libpq)
	 * does, so an expired root fails here. */
	if (check_dates(&s, INT64_MIN, root.not_after, "root", dn,
	    dn_len) < 0) {
		return -1;
	}
	if (pol->host != NULL) {
		return x509_check_host(ch->buf + ch->off[0], ch->len[0],
		    pol->host, res);
	}
	return 0;
}
