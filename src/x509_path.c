/* SPDX-License-Identifier: MIT */
/*
 * x509_path: the verdict on a chain, as libpq's OpenSSL reaches it with
 * sslmode=verify-full (X509_V_FLAG_PARTIAL_CHAIN unset, purpose
 * sslserver, and CRL_CHECK | CRL_CHECK_ALL when CRLs are given).  One
 * validator decides; BearSSL only lends hashes and public-key
 * operations (sig.c).
 *
 * The path is built trusted-first, as OpenSSL does: from the leaf up,
 * each issuer is looked for among the anchors before the certificates
 * the server sent, and the path ends at a trusted self-signed root (any
 * trusted certificate with --partial-chain or a pin).  Then, in
 * OpenSSL's order: extensions (critical ones we do not handle, CA
 * flags, the server-authentication purpose, path lengths), name
 * constraints, revocation, dates and signatures, and last the host name
 * by libpq's rules.  No allocation: one static state (x509_verify).
 */
#include <stdint.h>
#include <string.h>

#include "anchor.h"
#include "crl.h"
#include "fmt.h"
#include "pin.h"
#include "sig.h"
#include "x509.h"
#include "x509_cert.h"
#include "x509_nc.h"

/* Anchors of a root file one path may pass through (a root and up to
 * three intermediates), and so a whole path at most. */
#define PATH_ANCHORS_MAX 4
#define PATH_MAX_N (X509_CERTS_MAX + PATH_ANCHORS_MAX)

/* One certificate on the path. */
struct elem {
	const struct x509_cert *c;	/* NULL: a compiled-in anchor */
	struct anchor a;		/* the anchor, when is_trusted */
	bool is_trusted;
};

/* Everything x509_verify works on, kept off the caller's slot. */
struct vstate {
	const struct x509_chain *ch;
	const struct x509_policy *pol;
	struct x509_verdict *v;
	struct result *res;
	struct x509_cert certs[X509_CERTS_MAX];	/* as sent */
	bool used[X509_CERTS_MAX];
	struct x509_cert tcerts[PATH_ANCHORS_MAX];	/* anchors' */
	size_t tn;
	struct elem path[PATH_MAX_N];
	size_t n;
};

static bool
bytes_eq(struct x509_bytes a, struct x509_bytes b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a.p, b.p, a.len) == 0);
}

/* e's subject Name; buf holds it when it had to be expanded. */
static struct x509_bytes
subject_of(const struct elem *e, unsigned char buf[ANCHOR_DN_CAP])
{
	struct x509_bytes b;

	if (e->c != NULL) {
		return e->c->subject;
	}
	b.p = anchor_dn(&e->a, buf, &b.len);
	return b;
}

/* "\"CN=x\"": e's subject, quoted, into out. */
static char *
who(const struct elem *e, char *out, size_t cap)
{
	unsigned char buf[ANCHOR_DN_CAP];
	char name[X509_NAME_CAP];
	struct x509_bytes dn = subject_of(e, buf);

	fmt_snprintf(out, cap, "\"%s\"", x509_dn_format(dn.p, dn.len, name,
	    sizeof name));
	return out;
}

static void
key_of(const struct elem *e, br_x509_pkey *pk)
{
	if (e->c != NULL) {
		x509_cert_pkey(e->c, pk);
	} else {
		*pk = e->a.pkey;
	}
}

static bool
key_eq(const br_x509_pkey *a, const br_x509_pkey *b)
{
	if (a->key_type != b->key_type) {
		return false;
	}
	if (a->key_type == BR_KEYTYPE_RSA) {
		return a->key.rsa.nlen == b->key.rsa.nlen &&
		    a->key.rsa.elen == b->key.rsa.elen &&
		    memcmp(a->key.rsa.n, b->key.rsa.n, a->key.rsa.nlen) == 0 &&
		    memcmp(a->key.rsa.e, b->key.rsa.e, a->key.rsa.elen) == 0;
	}
	return a->key.ec.curve == b->key.ec.curve &&
	    a->key.ec.qlen == b->key.ec.qlen &&
	    memcmp(a->key.ec.q, b->key.ec.q, a->key.ec.qlen) == 0;
}

/* Compiled-in anchors are self-signed roots by construction (anchor.h). */
static bool
is_self_issued(const struct elem *e)
{
	return e->c == NULL || x509_cert_is_self_issued(e->c);
}

/* True when the signature on c verifies with issuer's key. */
static bool
is_signed_by(const struct x509_cert *c, const struct elem *issuer)
{
	br_x509_pkey pk;

	key_of(issuer, &pk);
	return sig_verify(&pk, c->sig_alg.p, c->sig_alg.len, c->tbs.p,
	    c->tbs.len, c->sig_value.p, c->sig_value.len) == SIG_OK;
}

/*
 * Could cand, named as c's issuer, have issued c?  OpenSSL picks an
 * issuer so (ossl_x509_likely_issued), without verifying signatures, so
 * we do too, or a chain libpq refuses could pass: 0 no, its key
 * identifier contradicts c's authority key identifier or its key is not
 * of the type c's signature needs; 1 yes; 2 yes and valid now (OpenSSL
 * prefers a current issuer; among equals the first).
 */
static int
issuer_score(const struct vstate *s, const struct x509_cert *c,
    const struct elem *cand)
{
	br_x509_pkey pk;

	key_of(cand, &pk);
	if ((cand->c != NULL && c->akid.p != NULL && cand->c->ski.p != NULL &&
	    !bytes_eq(c->akid, cand->c->ski)) ||
	    pk.key_type != x509_cert_sig_key_type(c)) {
		return 0;
	}
	if (cand->c == NULL || (s->pol->now >= cand->c->not_before &&
	    s->pol->now < cand->c->not_after)) {
		return 2;
	}
	return 1;
}

/*
 * OpenSSL's self-signed: self-issued, and it could have issued itself
 * (a key-rollover certificate, named like its issuer but signed by the
 * old key, is not).  A path ends only at such a root.
 */
static bool
is_self_signed(const struct vstate *s, const struct elem *e)
{
	return e->c == NULL || (x509_cert_is_self_issued(e->c) &&
	    issuer_score(s, e->c, e) > 0);
}

static bool
is_pinned(const struct vstate *s, const struct x509_cert *c)
{
	return s->pol->pins != NULL && pin_match(s->pol->pins, c);
}

/* Keeps cand in *best when it scores higher. */
static void
consider(const struct vstate *s, const struct x509_cert *c,
    const struct elem *cand, struct elem *best, int *best_score)
{
	int score = issuer_score(s, c, cand);

	if (score > *best_score) {
		*best = *cand;
		*best_score = score;
	}
}

/*
 * The trusted issuer of c, into *out: with pins, a pinned certificate
 * the server sent or the root file holds; else an anchor named as c's
 * issuer.  Returns true when found.
 */
static bool
trusted_issuer(struct vstate *s, const struct x509_cert *c, struct elem *out)
{
	struct anchor_iter it;
	struct elem cand;
	int best = 0;
	size_t j;

	memset(&cand, 0, sizeof cand);
	cand.is_trusted = true;
	if (s->pol->pins != NULL) {
		for (j = 0; j < s->ch->n; j++) {
			cand.c = &s->certs[j];
			if (cand.c != c && is_pinned(s, cand.c) &&
			    bytes_eq(cand.c->subject, c->issuer)) {
				consider(s, c, &cand, out, &best);
			}
		}
	}
	anchor_iter_init(&it, s->pol->anchors);
	while (s->tn < PATH_ANCHORS_MAX && anchor_next(&it, &cand.a) > 0) {
		if (!anchor_dn_eq(&cand.a, c->issuer.p, c->issuer.len)) {
			continue;
		}
		cand.c = NULL;
		if (cand.a.cert != NULL) {
			/* Parsed when written (pem.c), so it parses. */
			if (x509_cert_parse(cand.a.cert, cand.a.cert_len,
			    &s->tcerts[s->tn]) < 0) {
				continue;
			}
			cand.c = &s->tcerts[s->tn];
		}
		if (s->pol->pins != NULL && (cand.c == NULL ||
		    !is_pinned(s, cand.c))) {
			continue;
		}
		consider(s, c, &cand, out, &best);
		if (out->c == cand.c && cand.c != NULL) {
			s->tn++;	/* keep its parse */
		}
	}
	return best > 0;
}

/* An unused certificate the server sent that names itself c's issuer. */
static bool
sent_issuer(struct vstate *s, const struct x509_cert *c, struct elem *out,
    size_t *idx)
{
	struct elem cand;
	int best = 0;
	size_t j;

	memset(&cand, 0, sizeof cand);
	for (j = 0; j < s->ch->n; j++) {
		if (s->used[j] || !bytes_eq(s->certs[j].subject, c->issuer)) {
			continue;
		}
		cand.c = &s->certs[j];
		consider(s, c, &cand, out, &best);
		if (out->c == cand.c) {
			*idx = j;
		}
	}
	return best > 0;
}

/* Is the leaf itself trusted: pinned, or an anchor with its name and key? */
static void
trust_leaf(struct vstate *s)
{
	struct elem *leaf = &s->path[0];
	struct anchor_iter it;
	struct anchor a;
	br_x509_pkey pk;

	if (s->pol->pins != NULL) {
		leaf->is_trusted = is_pinned(s, leaf->c);
		return;
	}
	x509_cert_pkey(leaf->c, &pk);
	anchor_iter_init(&it, s->pol->anchors);
	while (anchor_next(&it, &a) > 0) {
		if (anchor_dn_eq(&a, leaf->c->subject.p, leaf->c->subject.len)
		    && key_eq(&a.pkey, &pk)) {
			leaf->a = a;
			leaf->is_trusted = true;
			return;
		}
	}
}

/*
 * Builds the path from the leaf.  is_anchored false only follows what
 * the server sent, for the dates of an unverified chain.  Returns 0, or
 * -1 with the result filled.
 */
static int
build_path(struct vstate *s, bool is_anchored)
{
	bool is_partial = s->pol->is_partial_chain || s->pol->pins != NULL;
	char name[X509_NAME_CAP + 2];
	struct elem next;
	struct elem *cur;
	size_t j = 0;

	memset(s->path, 0, sizeof s->path);
	s->path[0].c = &s->certs[0];
	s->used[0] = true;
	s->n = 1;
	if (is_anchored) {
		trust_leaf(s);
	}
	for (;;) {
		cur = &s->path[s->n - 1];
		if (cur->is_trusted && (is_partial || is_self_signed(s, cur))) {
			return 0;
		}
		if (s->n == PATH_MAX_N) {
			break;
		}
		memset(&next, 0, sizeof next);
		if (is_anchored && trusted_issuer(s, cur->c, &next)) {
			br_x509_pkey a;
			br_x509_pkey b;

			key_of(cur, &a);
			key_of(&next, &b);
			/* The server sent the root itself: use the trusted
			 * copy in its place. */
			if (is_self_signed(s, cur) && key_eq(&a, &b)) {
				s->n--;
			}
			s->path[s->n++] = next;
			continue;
		}
		if (is_self_signed(s, cur) ||
		    !sent_issuer(s, cur->c, &next, &j)) {
			break;
		}
		s->used[j] = true;
		s->path[s->n++] = next;
	}
	if (!is_anchored) {
		return 0;
	}
	if (s->pol->pins != NULL) {
		return pin_mismatch(s->pol->pins, s->ch->buf + s->ch->off[0],
		    s->ch->len[0], s->res);
	}
	if (cur->is_trusted) {
		return result_fail(s->res, CK_E_X509_NOT_ROOT, "%s from the root "
		    "file, which is not a self-signed root; libpq needs the "
		    "root (or use --partial-chain)", who(cur, name,
		    sizeof name));
	}
	return result_fail(s->res, CK_E_X509_UNKNOWN_CA, NULL);
}

/* Lowers v's expiry to e's when earlier; the leaf's stays on ties. */
static void
note_expiry(struct x509_verdict *v, const struct elem *e, size_t i)
{
	unsigned char buf[ANCHOR_DN_CAP];
	struct x509_bytes dn;
	int64_t t = e->c != NULL ? e->c->not_after : e->a.not_after;

	if (t >= v->not_after) {
		return;
	}
	v->not_after = t;
	v->role = i == 0 ? X509_ROLE_LEAF : e->is_trusted ? X509_ROLE_ROOT :
	    X509_ROLE_INTERMEDIATE;
	v->who[0] = '\0';
	if (i > 0) {
		dn = subject_of(e, buf);
		x509_dn_format(dn.p, dn.len, v->who, sizeof v->who);
	}
}

/*
 * Fails with EXPIRED / NOT_YET unless nb <= now < na (OpenSSL: notAfter
 * itself is already past).  The leaf's reason names no certificate.
 */
static int
check_dates(const struct vstate *s, const struct elem *e, size_t i)
{
	int64_t now = s->pol->now;
	int64_t nb = e->c != NULL ? e->c->not_before : INT64_MIN;
	int64_t na = e->c != NULL ? e->c->not_after : e->a.not_after;
	unsigned char buf[ANCHOR_DN_CAP];
	struct x509_bytes dn = subject_of(e, buf);
	char now_text[21];
	char t_text[21];
	char name[X509_NAME_CAP];
	char role[X509_NAME_CAP + 32];

	if (now >= nb && now < na) {
		return 0;
	}
	role[0] = '\0';
	if (i > 0) {
		fmt_snprintf(role, sizeof role, " (%s %s)", e->is_trusted ?
		    "root" : "intermediate", x509_dn_format(dn.p, dn.len,
		    name, sizeof name));
	}
	x509_time_format(now, now_text);
	if (now < nb) {
		x509_time_format(nb, t_text);
		return result_fail(s->res, CK_E_X509_NOT_YET,
		    "current time %s is before %s%s", now_text, t_text, role);
	}
	x509_time_format(na, t_text);
	return result_fail(s->res, CK_E_X509_EXPIRED,
	    "current time %s is after %s%s", now_text, t_text, role);
}

/*
 * OpenSSL's check_ca: 1 a CA by basicConstraints, 3 a v1 self-issued
 * root, 4 keyUsage without basicConstraints, 5 a Netscape CA type; 0
 * not a CA (also when keyUsage lacks keyCertSign).
 */
static int
ca_kind(const struct elem *e)
{
	const struct x509_cert *c = e->c;

	if (c == NULL) {
		return e->a.flags & BR_X509_TA_CA ? 1 : 0;
	}
	if (c->has_key_usage && !(c->key_usage & X509_KU_KEY_CERT_SIGN)) {
		return 0;
	}
	if (c->has_basic_constraints) {
		return c->is_ca ? 1 : 0;
	}
	if (c->version == 1 && x509_cert_is_self_issued(c)) {
		return 3;
	}
	if (c->has_key_usage) {
		return 4;
	}
	return c->has_ns_type && (c->ns_type & X509_NS_ANY_CA) ? 5 : 0;
}

/* The server-authentication purpose of e at depth i (OpenSSL's
 * check_purpose_ssl_server); returns 0 or -1 with the result filled. */
static int
check_purpose(const struct vstate *s, const struct elem *e, size_t i)
{
	const struct x509_cert *c = e->c;
	char name[X509_NAME_CAP + 2];
	char what[96];

	if (c == NULL) {
		return 0;	/* a compiled-in root: no extensions kept */
	}
	what[0] = '\0';
	if (c->has_eku && !(c->eku & (X509_EKU_SERVER | X509_EKU_SGC))) {
		fmt_snprintf(what, sizeof what, "extended key usage: ");
		x509_eku_format(c, what + strlen(what), sizeof what -
		    strlen(what));
	} else if (i == 0 && c->has_ns_type &&
	    !(c->ns_type & X509_NS_SSL_SERVER)) {
		fmt_snprintf(what, sizeof what, "Netscape certificate type");
	} else if (i == 0 && c->has_key_usage && !(c->key_usage &
	    (X509_KU_DIGITAL_SIGNATURE | X509_KU_KEY_ENCIPHERMENT |
	    X509_KU_KEY_AGREEMENT))) {
		fmt_snprintf(what, sizeof what, "key usage");
	} else if (i > 0 && ca_kind(e) == 5 &&
	    !(c->ns_type & X509_NS_SSL_CA)) {
		fmt_snprintf(what, sizeof what, "Netscape CA type");
	} else {
		return 0;
	}
	return result_fail(s->res, CK_E_X509_PURPOSE, "%s is not valid for "
	    "server authentication (%s)", who(e, name, sizeof name), what);
}

/* OpenSSL's check_chain_extensions, for purpose sslserver. */
static int
check_extensions(const struct vstate *s)
{
	char name[X509_NAME_CAP + 2];
	char oid[64];
	const struct elem *e;
	int plen = 0;
	int kind;
	size_t i;

	for (i = 0; i < s->n; i++) {
		e = &s->path[i];
		if (e->c != NULL && e->c->crit_oid.p != NULL) {
			return result_fail(s->res, CK_E_X509_CRITICAL, "%s in %s",
			    x509_oid_format(e->c->crit_oid.p,
			    e->c->crit_oid.len, oid, sizeof oid),
			    who(e, name, sizeof name));
		}
		/* Above the leaf a CA; in the middle a proper one. */
		kind = ca_kind(e);
		if (i > 0 && (kind == 0 || (i + 1 < s->n && kind != 1))) {
			return result_fail(s->res, CK_E_X509_NOT_CA, "%s",
			    who(e, name, sizeof name));
		}
		if (check_purpose(s, e, i) < 0) {
			return -1;
		}
		if (i > 1 && e->c != NULL && e->c->path_len >= 0 &&
		    plen > e->c->path_len) {
			return result_fail(s->res, CK_E_X509_PATH_LEN, "%s",
			    who(e, name, sizeof name));
		}
		if (i > 0 && !is_self_issued(e)) {
			plen++;
		}
	}
	return 0;
}

/* Every CA's name constraints over every certificate below it. */
static int
check_name_constraints(const struct vstate *s)
{
	struct x509_nc nc;
	char why[RESULT_DETAIL_CAP / 2];
	char name[X509_NAME_CAP + 2];
	char ca[X509_NAME_CAP + 2];
	const struct elem *e;
	size_t i;
	size_t j;
	int rc;

	for (j = s->n; j-- > 1;) {
		const struct x509_cert *cc = s->path[j].c;

		if (cc == NULL || cc->name_constraints.p == NULL) {
			continue;
		}
		if (x509_nc_parse(cc->name_constraints.p,
		    cc->name_constraints.len, &nc) < 0) {
			return result_fail(s->res, CK_E_X509_MALFORMED,
			    "name constraints of %s", who(&s->path[j], ca,
			    sizeof ca));
		}
		for (i = 0; i < j; i++) {
			e = &s->path[i];
			/* OpenSSL skips self-issued intermediates. */
			if (i > 0 && is_self_issued(e)) {
				continue;
			}
			rc = x509_nc_check(&nc, e->c, i == 0, why, sizeof why);
			if (rc != X509_NC_OK) {
				return result_fail(s->res,
				    CK_E_X509_NAME_CONSTRAINT, "%s %s a name "
				    "constraint of %s: %s", who(e, name,
				    sizeof name), rc == X509_NC_VIOLATION ?
				    "violates" : "cannot be checked against",
				    who(&s->path[j], ca, sizeof ca), why);
			}
		}
	}
	return 0;
}

/* Every certificate's signature by the next one; the top is trusted. */
static int
check_signatures(const struct vstate *s)
{
	char name[X509_NAME_CAP + 2];
	size_t i;

	for (i = 0; i + 1 < s->n; i++) {
		if (!is_signed_by(s->path[i].c, &s->path[i + 1])) {
			return result_fail(s->res, CK_E_X509_BAD_SIG, "%s",
			    who(&s->path[i], name, sizeof name));
		}
	}
	return 0;
}

/* The serial in upper-case hexadecimal, as openssl prints it, into out. */
static char *
serial_format(struct x509_bytes serial, char *out, size_t cap)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;
	size_t k = 0;

	for (i = 0; i < serial.len && k + 3 < cap; i++) {
		out[k++] = hex[serial.p[i] >> 4];
		out[k++] = hex[serial.p[i] & 15];
	}
	out[k] = '\0';
	return out;
}

/*
 * Revocation of e (depth i), issued by issuer: a CRL of the issuer's,
 * signed by its key and current, must exist and must not list e.
 */
static int
check_crl(const struct vstate *s, const struct elem *e,
    const struct elem *issuer)
{
	unsigned char buf[ANCHOR_DN_CAP];
	struct x509_bytes dn = subject_of(issuer, buf);
	char name[X509_NAME_CAP + 2];
	char serial[80];
	char when[21];
	struct crl_iter it;
	const struct crl *c;
	const struct crl *best = NULL;
	br_x509_pkey pk;
	int score = 0;
	int cs;
	int64_t at;
	int reason;

	key_of(issuer, &pk);
	crl_iter_init(&it, s->pol->crls);
	while ((c = crl_next(&it)) != NULL) {
		if (!bytes_eq(c->issuer, dn)) {
			continue;
		}
		/* OpenSSL 3.0 without USE_DELTAS still takes a delta CRL
		 * as a whole one when it is all there is; a base wins. */
		cs = 1;
		/* Hashed once, when the set was loaded. */
		if (sig_verify_digest(&pk, c->sig_alg.p, c->sig_alg.len,
		    c->tbs.p, c->tbs.len, c->tbs_hash, c->tbs_hash_len,
		    c->sig.p, c->sig.len) == SIG_OK) {
			cs += 2;
			if (c->this_update <= s->pol->now &&
			    (!c->has_next_update ||
			    s->pol->now < c->next_update)) {
				cs++;
			}
		}
		if (cs > score || (cs == score && best->is_delta &&
		    !c->is_delta)) {
			best = c;
			score = cs;
		}
	}
	who(e, name, sizeof name);
	if (score == 0) {
		return result_fail(s->res, CK_E_X509_NO_CRL, "for %s", name);
	}
	if (score == 1) {
		return result_fail(s->res, CK_E_X509_CRL_INVALID, "signature "
		    "failure (the CRL for %s)", name);
	}
	if (issuer->c != NULL && issuer->c->has_key_usage &&
	    !(issuer->c->key_usage & X509_KU_CRL_SIGN)) {
		return result_fail(s->res, CK_E_X509_CRL_INVALID, "issuer %s "
		    "has no cRLSign key usage", who(issuer, name,
		    sizeof name));
	}
	if (score == 3) {
		return result_fail(s->res, CK_E_X509_CRL_INVALID, "%s (the "
		    "CRL for %s)", best->this_update > s->pol->now ?
		    "is not yet valid" : "has expired", name);
	}
	if (best->has_unknown_critical || best->has_idp) {
		return result_fail(s->res, CK_E_X509_CRL_INVALID, "%s (the "
		    "CRL for %s)", best->has_idp ? "has an issuing "
		    "distribution point, which ccheck does not handle" :
		    "has an unhandled critical extension", name);
	}
	if (e->c == NULL) {
		return 0;	/* a compiled-in root: no serial kept */
	}
	switch (crl_lookup(best, e->c->serial.p, e->c->serial.len, &at,
	    &reason)) {
	case 0:
		return 0;
	case 1:
		if (reason == CRL_REASON_REMOVE) {
			return 0;	/* removeFromCRL: not revoked */
		}
		x509_time_format(at, when);
		return result_fail(s->res, CK_E_X509_REVOKED, "%s is revoked "
		    "(serial %s, %s, %s)", name, serial_format(e->c->serial,
		    serial, sizeof serial), crl_reason_name(reason), when);
	default:
		return result_fail(s->res, CK_E_X509_CRL_INVALID, "malformed "
		    "(the CRL for %s)", name);
	}
}

static int
check_revocation(const struct vstate *s)
{
	char name[X509_NAME_CAP + 2];
	size_t i;

	if (s->pol->crls == NULL) {
		return 0;
	}
	/* A partial path's top has its issuer's CRL to be checked with a
	 * key that is not there: OpenSSL fails it so. */
	if (!is_self_signed(s, &s->path[s->n - 1])) {
		return result_fail(s->res, CK_E_X509_NO_CRL, "for %s (its "
		    "issuer is not on the path)", who(&s->path[s->n - 1], name,
		    sizeof name));
	}
	for (i = 0; i < s->n; i++) {
		if (check_crl(s, &s->path[i], &s->path[i + 1 < s->n ? i + 1 :
		    i]) < 0) {
			return -1;
		}
	}
	return 0;
}

/* Parses what the server sent; the leaf's dates go into v at once. */
static int
parse_chain(struct vstate *s)
{
	struct x509_verdict *v = s->v;
	size_t i;

	for (i = 0; i < s->ch->n; i++) {
		if (x509_cert_parse(s->ch->buf + s->ch->off[i], s->ch->len[i],
		    &s->certs[i]) < 0) {
			break;
		}
	}
	if (i == 0) {
		v->not_after = 0;
		return result_fail(s->res, CK_E_X509_MALFORMED,
		    "certificate 1");
	}
	v->not_before = s->certs[0].not_before;
	v->not_after = s->certs[0].not_after;
	v->role = X509_ROLE_LEAF;
	v->days_left = x509_days_left(v->not_after, s->pol->now);
	if (i < s->ch->n) {
		return result_fail(s->res, CK_E_X509_MALFORMED,
		    "certificate %zu", i + 1);
	}
	return 0;
}

/* Bits of an RSA modulus (stored without leading zero bytes). */
static unsigned
rsa_bits(const br_x509_pkey *pk)
{
	unsigned bits = (unsigned)pk->key.rsa.nlen * 8;
	unsigned top = pk->key.rsa.n[0];

	while (bits > 0 && !(top & 0x80)) {
		top = (top << 1) & 0xff;
		bits--;
	}
	return bits;
}

/*
 * Keys and signature algorithms we can use on the path, then OpenSSL's
 * security level 2 (Debian's default for libpq, in /etc/ssl/openssl.cnf):
 * keys of at least 112 bits of strength (RSA 2048; every EC curve we
 * know is stronger) and, for every certificate but the trusted top, a
 * signature hash of more than SHA-1's.  The leaf's key verifies nothing
 * here; the handshake decides whether it can be used.
 */
static int
check_supported(const struct vstate *s)
{
	char name[X509_NAME_CAP + 2];
	char alg[32];
	char why[96];
	const struct x509_cert *c;
	br_x509_pkey pk;
	size_t i;

	for (i = 0; i < s->n; i++) {
		c = s->path[i].c;
		if (c != NULL && x509_cert_supported(c, (i > 0 ? X509_CHECK_KEY :
		    0) | (i + 1 < s->n ? X509_CHECK_SIG : 0), why,
		    sizeof why) < 0) {
			return result_fail(s->res, CK_E_X509_UNSUPPORTED, "%s",
			    why);
		}
		key_of(&s->path[i], &pk);
		if (pk.key_type == BR_KEYTYPE_RSA && rsa_bits(&pk) < 2048) {
			return result_fail(s->res, CK_E_X509_WEAK_KEY, "RSA-%u "
			    "in %s", rsa_bits(&pk), who(&s->path[i], name,
			    sizeof name));
		}
		if (i + 1 < s->n && sig_hash_bits(c->sig_alg.p,
		    c->sig_alg.len) < 224) {
			return result_fail(s->res, CK_E_X509_INSECURE, "%s in %s",
			    x509_sig_alg_format(c, alg, sizeof alg),
			    who(&s->path[i], name, sizeof name));
		}
	}
	return 0;
}

/* see x509.h */
int
x509_verify(const struct x509_chain *ch, const struct x509_policy *pol,
    struct x509_verdict *v, struct result *res)
{
	static struct vstate s;	/* 7 KiB; one target at a time */
	size_t i;

	memset(v, 0, sizeof *v);
	/* The certificates are filled by parsing: only the rest starts
	 * zeroed, so a probe touches no more of s than it uses. */
	memset(s.used, 0, sizeof s.used);
	s.tn = 0;
	s.n = 0;
	s.ch = ch;
	s.pol = pol;
	s.v = v;
	s.res = res;
	if (ch->n == 0) {
		return result_fail(res, CK_E_NO_CERT, NULL);
	}
	if (parse_chain(&s) < 0) {
		return -1;
	}
	s.path[0].c = &s.certs[0];
	check_dates(&s, &s.path[0], 0);
	build_path(&s, !pol->is_skip_verify);
	for (i = 1; i < s.n; i++) {
		note_expiry(v, &s.path[i], i);
	}
	v->days_left = x509_days_left(v->not_after, pol->now);
	if (res->err != CK_E_OK || pol->is_skip_verify) {
		return res->err != CK_E_OK ? -1 : 0;
	}
	for (i = 1; i < s.n; i++) {
		if (check_dates(&s, &s.path[i], i) < 0) {
			return -1;
		}
	}
	if (check_supported(&s) < 0 || check_extensions(&s) < 0 ||
	    check_name_constraints(&s) < 0 || check_revocation(&s) < 0 ||
	    check_signatures(&s) < 0) {
		return -1;
	}
	if (pol->host != NULL) {
		return x509_check_host(ch->buf + ch->off[0], ch->len[0],
		    pol->host, res);
	}
	return 0;
}
