/* SPDX-License-Identifier: MIT */
/*
 * out_text: the plain format of Go's ccheck, kept byte for byte so cron
 * mails and alert rules keep working: passes on stdout, failures on
 * stderr, one line each.
 */
#include <stdio.h>
#include <string.h>

#include "anchor.h"
#include "fmt.h"
#include "out.h"

/* see out.h */
char *
out_who(const struct report *rep, char *out, size_t cap)
{
	const char *role;

	out[0] = '\0';
	if (!rep->has_verdict || rep->verdict.role == X509_ROLE_LEAF) {
		return out;
	}
	role = rep->verdict.role == X509_ROLE_ROOT ? "root" : "intermediate";
	fmt_snprintf(out, cap, " (%s %s)", role, rep->verdict.who);
	return out;
}

/* see out.h */
bool
out_is_accepted(const struct report *rep)
{
	switch (rep->res.err) {
	case CK_E_OK:
	case CK_E_EXPIRES_SOON:
	case CK_E_EXPIRES_SOON_HOURS:
	case CK_E_LIFETIME_LOW:
	case CK_E_CERT_CHANGED:
		return rep->has_verdict;
	default:
		return false;
	}
}

/* see out.h */
char *
out_summary(const struct report *rep, bool is_ok_word, char *out,
    size_t cap)
{
	char line[OUT_REASON_CAP];
	char who[X509_NAME_CAP + 32];
	char note[OUT_VERIFIED_CAP];

	out_who(rep, who, sizeof who);
	out_verified(rep, " (", ")", note, sizeof note);
	if (rep->res.err != CK_E_OK) {
		fmt_snprintf(out, cap, "%s%s%s",
		    result_format(&rep->res, line, sizeof line),
		    rep->res.err == CK_E_EXPIRES_SOON ? who : "", note);
	} else {
		fmt_snprintf(out, cap, "%sexpires in %ld days%s%s",
		    is_ok_word ? "ok, " : "", rep->verdict.days_left, who,
		    note);
	}
	/* --dane's line beside the verdict, unless it is the verdict. */
	if (rep->dane.state != DANE_S_NONE && rep->res.err != CK_E_DANE) {
		fmt_snprintf(out + strlen(out), cap - strlen(out), "; %s",
		    dane_format(&rep->dane, line, sizeof line));
	}
	return out;
}

/* see out.h */
char *
out_verified(const struct report *rep, const char *pre, const char *post,
    char *out, size_t cap)
{
	enum spec_verify v = rep->verified;
	const char *what;
	const char *why = "";

	out[0] = '\0';
	if (v == SPEC_VERIFY_DEFAULT || (v == SPEC_VERIFY_FULL &&
	    !rep->is_pinned)) {
		return out;
	}
	/*
	 * The note is for a certificate the checks accepted.  A failure of
	 * the checks themselves says what failed, and "chain verified" next
	 * to "signed by unknown authority" would be false.
	 */
	if (!out_is_accepted(rep)) {
		return out;
	}
	if (rep->is_pinned) {
		what = v == SPEC_VERIFY_FULL ? "pinned key" :
		    "pinned key, name not checked: ";
	} else {
		what = v == SPEC_VERIFY_CA ?
		    "chain verified, name not checked: " : "not verified: ";
	}
	if (v != SPEC_VERIFY_FULL) {
		/* Only --skip-verify makes a SPEC without a mode weaker. */
		why = rep->is_verify_flag ? "--skip-verify" :
		    v == SPEC_VERIFY_CA ? "sslmode=verify-ca" :
		    "sslmode=require";
	}
	fmt_snprintf(out, cap, "%s%s%s%s", pre, what, why, post);
	return out;
}

static void
text_begin(const struct out_opts *o, size_t n)
{
	(void)o;
	(void)n;
}

static void
text_report(const struct out_opts *o, size_t i, const struct spec *sp,
    const struct report *rep)
{
	char line[OUT_SUMMARY_CAP];

	(void)i;
	if (rep->res.err != CK_E_OK) {
		fflush(stdout);
		fmt_fprintf(stderr, "%s: %s\n", sp->text,
		    out_summary(rep, true, line, sizeof line));
		return;
	}
	if (!o->is_quiet) {
		fmt_printf("%s: %s\n", sp->text,
		    out_summary(rep, true, line, sizeof line));
	}
}

static void
text_end(const struct out_opts *o, size_t n)
{
	(void)o;
	(void)n;
	fflush(stdout);
}

/* see out.h */
const struct out_format out_text = { text_begin, text_report, text_end };

/*
 * Go's ccheck: an expiring SPEC is the match, listed on stdout (unless
 * --quiet) with its "expires in N days" line on stderr, and is not an
 * error; an expired one is both listed and an error.
 */
static void
expired_report(const struct out_opts *o, size_t i, const struct spec *sp,
    const struct report *rep)
{
	if (rep->res.err == CK_E_OK) {
		return;
	}
	text_report(o, i, sp, rep);
	if ((rep->res.err == CK_E_EXPIRES_SOON ||
	    rep->res.err == CK_E_X509_EXPIRED) && !o->is_quiet) {
		fmt_printf("%s\n", sp->text);
	}
}

/* see out.h */
const struct out_format out_expired = { text_begin, expired_report,
    text_end };

/* see out.h */
void
out_roots(const struct anchor_set *a)
{
	struct anchor_iter it;
	struct anchor an;
	unsigned char buf[ANCHOR_DN_CAP];
	const unsigned char *der;
	size_t len;
	char dn[X509_NAME_CAP];

	fmt_printf("%zu\n", a->n);
	anchor_iter_init(&it, a);
	while (anchor_next(&it, &an) > 0) {
		der = anchor_dn(&an, buf, &len);
		fmt_printf("%s\n", x509_dn_format(der, len, dn, sizeof dn));
	}
	fflush(stdout);
}
