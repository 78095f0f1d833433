/* SPDX-License-Identifier: MIT */
/*
 * verdict: trust, name, pins, the expected certificate and thresholds,
 * decided once per target after the handshake.
 */
#include <string.h>
#include <time.h>

#include "dane.h"
#include "tls.h"
#include "verdict.h"
#include "x509_cert.h"

/* see verdict.h */
int64_t
verdict_now(const struct loop_opts *o)
{
	return o->has_at ? o->at : (int64_t)time(NULL);
}

/* see verdict.h */
int
verdict_tls_range(const struct loop_opts *o, const struct spec *sp,
    unsigned *min, unsigned *max, struct result *res)
{
	*min = sp->tls_min != 0 ? sp->tls_min : o->tls_min;
	*max = sp->tls_max != 0 ? sp->tls_max : o->tls_max;
	if (*min == 0) {
		/* libpq 13 and later: ssl_min_protocol_version=TLSv1.2. */
		*min = sp->proto == PROTO_POSTGRES ? 0x0303 : 0x0301;
	}
	if (*max == 0) {
		*max = SPEC_TLS13;
	}
	if (*min > *max) {
		return result_fail(res, CK_E_TLS_RANGE, "%s-%s",
		    tls_version_name(*min), tls_version_name(*max));
	}
	return 0;
}

/* The policy x509_verify applies to sp under o. */
static void
policy(const struct loop_opts *o, const struct spec *sp,
    enum spec_verify mode, struct x509_policy *pol)
{
	memset(pol, 0, sizeof *pol);
	pol->anchors = sp->anchors != NULL ? sp->anchors : o->anchors;
	pol->crls = sp->crls != NULL ? sp->crls : o->crls;
	pol->pins = o->pins != NULL && o->pins->n > 0 ? o->pins : NULL;
	pol->host = mode == SPEC_VERIFY_FULL && sp->name[0] != '\0' ?
	    sp->name : NULL;
	/* A pin is checked whatever the mode: it is the trust asked for. */
	pol->is_skip_verify = mode == SPEC_VERIFY_NONE && pol->pins == NULL;
	pol->is_partial_chain = o->is_partial_chain;
	pol->now = verdict_now(o);
}

/* The thresholds: days, hours, and the share of the leaf's lifetime. */
static void
thresholds(const struct loop_opts *o, const struct x509_chain *ch,
    struct report *rep, int64_t now)
{
	struct x509_cert leaf;
	int64_t left_s = rep->verdict.not_after - now;
	int64_t life_s;
	long pct;

	if (o->min_days > 0 && rep->verdict.days_left < o->min_days) {
		result_fail(&rep->res, CK_E_EXPIRES_SOON, "%ld",
		    rep->verdict.days_left);
		return;
	}
	if (o->min_hours > 0 && left_s / 3600 < o->min_hours) {
		result_fail(&rep->res, CK_E_EXPIRES_SOON_HOURS, "%lld",
		    (long long)(left_s / 3600));
		return;
	}
	if (o->min_remaining_pct > 0 && x509_cert_parse(ch->buf + ch->off[0],
	    ch->len[0], &leaf) == 0) {
		life_s = leaf.not_after - leaf.not_before;
		pct = life_s > 0 ? (long)((leaf.not_after - now) * 100 /
		    life_s) : 0;
		if (pct < o->min_remaining_pct) {
			result_fail(&rep->res, CK_E_LIFETIME_LOW, "only %ld%% "
			    "of the certificate's lifetime remains (%ld days)",
			    pct, rep->verdict.days_left);
		}
	}
}

/*
 * --dane, after the PKIX verdict: PKIX-TA and PKIX-EE need its path to a
 * trusted root (verify-full's or verify-ca's, passed: is_pkix).
 */
static void
dane(const struct loop_opts *o, const struct spec *sp,
    const struct x509_chain *ch, const struct dane_tlsa *tlsa,
    bool is_pkix, struct report *rep)
{
	char line[DANE_TEXT_CAP];

	dane_match(tlsa, ch, is_pkix, sp->name, sp->port, &rep->dane);
	if (dane_is_failure(&rep->dane, o->dane)) {
		/* "DANE: " is the reason's own text (err.h). */
		result_fail(&rep->res, CK_E_DANE, "%s", dane_format(
		    &rep->dane, line, sizeof line) + 6);
	}
}

/* see verdict.h */
void
verdict_judge(const struct loop_opts *o, const struct spec *sp,
    const struct x509_chain *ch, const struct dane_tlsa *tlsa,
    struct report *rep)
{
	enum spec_verify mode = sp->verify;
	struct x509_policy pol;
	bool is_pkix = false;

	if (mode == SPEC_VERIFY_DEFAULT) {
		mode = o->is_skip_verify ? SPEC_VERIFY_NONE : SPEC_VERIFY_FULL;
	}
	rep->has_verdict = ch->n > 0;
	rep->verified = mode;
	rep->is_pinned = o->pins != NULL && o->pins->n > 0;
	rep->is_verify_flag = sp->verify == SPEC_VERIFY_DEFAULT;
	policy(o, sp, mode, &pol);
	if (x509_verify(ch, &pol, &rep->verdict, &rep->res) == 0) {
		is_pkix = !pol.is_skip_verify;
		if (o->expect == NULL ||
		    expect_check(o->expect, ch, &rep->res) == 0) {
			thresholds(o, ch, rep, pol.now);
		}
	}
	if (tlsa != NULL) {
		dane(o, sp, ch, tlsa, is_pkix, rep);
	}
}

/* see verdict.h */
void
verdict_explain_failure(const struct loop_opts *o, const struct spec *sp,
    const struct x509_chain *ch, struct report *rep)
{
	struct x509_verdict v;
	struct x509_policy pol;
	struct result why;

	if (ch->n == 0) {
		return;
	}
	memset(&why, 0, sizeof why);
	policy(o, sp, SPEC_VERIFY_CA, &pol);
	if (x509_verify(ch, &pol, &v, &why) < 0 &&
	    (why.err == CK_E_X509_UNSUPPORTED ||
	    why.err == CK_E_X509_MALFORMED)) {
		rep->res = why;
	}
}
