/* SPDX-License-Identifier: MIT */
/*
 * out_prom: the Prometheus text format for one SPEC's report, family by
 * family, so a file of many SPECs keeps each family's samples together
 * as the format requires.  Label values are escaped here and only here.
 */
#include <stdio.h>

#include "fmt.h"
#include "out.h"
#include "out_prom.h"
#include "tls.h"
#include "x509_info.h"

enum {
	FAM_SUCCESS,
	FAM_DURATION,
	FAM_NOT_AFTER,
	FAM_DAYS,
	FAM_TLS,
	FAM_CERT
};

static const char *const fam_name[OUT_PROM_FAMILIES] = {
	"ccheck_probe_success",
	"ccheck_probe_duration_seconds",
	"ccheck_cert_not_after_seconds",
	"ccheck_cert_days_left",
	"ccheck_tls_version_info",
	"ccheck_cert_expiry_seconds",
};

static const char *const fam_help[OUT_PROM_FAMILIES] = {
	"1 when the target passed every check, else 0.",
	"Seconds the probe of the target took.",
	"Earliest notAfter on the verified path, in Unix time.",
	"Whole days left before the earliest notAfter on the verified path.",
	"The TLS version the target negotiated.",
	"notAfter of each certificate the target sent, in Unix time.",
};

/* see out_prom.h */
void
out_prom_label(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	while (*p != '\0') {
		if (*p == '\\' || *p == '"') {
			putc('\\', f);
			putc(*p++, f);
		} else if (*p == '\n') {
			fputs("\\n", f);
			p++;
		} else if ((n = out_utf8_len(p)) == 0) {
			fputs("\xef\xbf\xbd", f);
			p++;
		} else {
			fwrite(p, 1, n, f);
			p += n;
		}
	}
}

/* see out_prom.h */
void
out_prom_head(FILE *f, unsigned fam)
{
	fmt_fprintf(f, "# HELP %s %s\n# TYPE %s gauge\n", fam_name[fam],
	    fam_help[fam], fam_name[fam]);
}

/* "NAME{target="SPEC"": the labels go on; the caller closes them. */
static void
start(FILE *f, unsigned fam, const struct spec *sp)
{
	fmt_fprintf(f, "%s{target=\"", fam_name[fam]);
	out_prom_label(f, sp->text);
	putc('"', f);
}

static void
label(FILE *f, const char *name, const char *value)
{
	fmt_fprintf(f, ",%s=\"", name);
	out_prom_label(f, value);
	putc('"', f);
}

static void
certs(FILE *f, const struct spec *sp, const struct x509_chain *ch)
{
	struct x509_info in;
	char depth[24];
	size_t k;

	for (k = 0; ch != NULL && k < ch->n; k++) {
		/* A certificate that does not parse has no dates to show;
		 * the report says why the probe failed. */
		if (x509_info_fill(ch->buf + ch->off[k], ch->len[k],
		    &in) < 0) {
			continue;
		}
		start(f, FAM_CERT, sp);
		fmt_snprintf(depth, sizeof depth, "%zu", k);
		label(f, "depth", depth);
		label(f, "subject", in.subject);
		label(f, "issuer", in.issuer);
		label(f, "serial", in.serial);
		fmt_fprintf(f, "} %lld\n", (long long)in.not_after);
	}
}

/* see out_prom.h */
void
out_prom_samples(FILE *f, unsigned fam, const struct spec *sp,
    const struct report *rep)
{
	long long ms = (long long)rep->elapsed_ms;
	const char *ver = out_verification(rep);

	switch (fam) {
	case FAM_SUCCESS:
		start(f, fam, sp);
		fmt_fprintf(f, "} %d\n", rep->res.err == CK_E_OK);
		return;
	case FAM_DURATION:
		start(f, fam, sp);
		fmt_fprintf(f, "} %lld.%03lld\n", ms / 1000, ms % 1000);
		return;
	case FAM_NOT_AFTER:
	case FAM_DAYS:
		/* Dates of a path the checks refused would be no verdict. */
		if (!out_is_accepted(rep) || ver == NULL) {
			return;
		}
		start(f, fam, sp);
		label(f, "verification", ver);
		fmt_fprintf(f, "} %lld\n", fam == FAM_DAYS ?
		    (long long)rep->verdict.days_left :
		    (long long)rep->verdict.not_after);
		return;
	case FAM_TLS:
		if (rep->tls_version == 0) {
			return;
		}
		start(f, fam, sp);
		label(f, "version", tls_version_name(rep->tls_version));
		fputs("} 1\n", f);
		return;
	default:
		certs(f, sp, rep->chain);
		return;
	}
}

/* see out_prom.h */
void
out_prom_target(FILE *f, const struct spec *sp, const struct report *rep)
{
	unsigned fam;

	for (fam = 0; fam < OUT_PROM_FAMILIES; fam++) {
		out_prom_head(f, fam);
		out_prom_samples(f, fam, sp, rep);
	}
}
