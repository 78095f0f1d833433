/* SPDX-License-Identifier: MIT */
/*
 * out_chain: "ccheck chain": every certificate the server sent, readable,
 * then the verdict.  For people at a terminal; scripts want --json.
 */
#include <stdio.h>

#include "fmt.h"
#include "out.h"
#include "tls.h"
#include "x509_info.h"

#define LINE_CAP 512

static void
put_name(void *ctx, size_t i, const char *name)
{
	(void)ctx;
	fmt_printf("%s%s", i > 0 ? ", " : "", name);
}

static void
put_names(const char *label, const unsigned char *der, size_t len,
    bool is_ip)
{
	fmt_printf("    %-10s", label);
	if (x509_info_names(der, len, is_ip, put_name, NULL) == 0) {
		putchar('-');
	}
	putchar('\n');
}

static void
put_cert(size_t k, const unsigned char *der, size_t len)
{
	struct x509_info in;
	char nb[21];
	char na[21];

	if (x509_info_fill(der, len, &in) < 0) {
		fmt_printf("  %zu malformed certificate (%zu bytes)\n", k, len);
		return;
	}
	x509_time_format(in.not_before, nb);
	x509_time_format(in.not_after, na);
	fmt_printf("  %zu subject   %s\n", k, in.subject);
	fmt_printf("    issuer    %s\n", in.issuer);
	fmt_printf("    serial    %s\n", in.serial);
	fmt_printf("    valid     %s to %s\n", nb, na);
	fmt_printf("    key       %s\n", in.key);
	fmt_printf("    signature %s\n", in.sig_alg);
	fmt_printf("    ca        %s\n", in.is_ca ? "yes" : "no");
	put_names("dns", der, len, false);
	put_names("ip", der, len, true);
	fmt_printf("    sha256    %s\n", in.sha256);
	fmt_printf("    pin       sha256//%s\n", in.spki_sha256);
	/* The record to publish (RFC 7671): the leaf as DANE-EE, the
	 * others as DANE-TA, by the SHA-256 of the public key. */
	fmt_printf("    tlsa      %c 1 1 %s\n", k == 0 ? '3' : '2',
	    in.spki_sha256_hex);
}

static void
chain_begin(const struct out_opts *o, size_t n)
{
	(void)o;
	(void)n;
}

static void
chain_report(const struct out_opts *o, size_t i, const struct spec *sp,
    const struct report *rep)
{
	char line[LINE_CAP];
	char who[X509_NAME_CAP + 32];
	char note[OUT_VERIFIED_CAP];
	const struct x509_chain *ch = rep->chain;
	size_t n = ch != NULL ? ch->n : 0;
	size_t k;

	(void)o;
	fmt_printf("%s%s: %zu certificate%s", i == 0 ? "" : "\n", sp->text, n,
	    n == 1 ? "" : "s");
	if (rep->tls_version != 0) {
		fmt_printf(" (%s, ", proto_name(rep->proto));
		/* PostgreSQL: which negotiation worked (sslnegotiation). */
		if (rep->negotiation != SPEC_PG_NEG_DEFAULT) {
			fmt_printf("negotiation %s, ", rep->negotiation ==
			    SPEC_PG_NEG_DIRECT ? "direct" : "postgres");
		}
		fmt_printf("%s, %s, %s", tls_version_name(rep->tls_version),
		    tls_suite_name(rep->cipher_suite),
		    tls_group_name(rep->kx_group));
		if (rep->sig_scheme != 0) {
			fmt_printf(", %s", tls_scheme_name(rep->sig_scheme));
		}
		putchar(')');
	}
	putchar('\n');
	for (k = 0; k < n; k++) {
		put_cert(k, ch->buf + ch->off[k], ch->len[k]);
	}
	/* "verified" only when it was: a weaker mode says what it skipped. */
	out_verified(rep, " (", ")", note, sizeof note);
	if (rep->res.err != CK_E_OK) {
		fmt_printf("  %s: %s%s\n", note[0] != '\0' ? "failed" :
		    "verification failed",
		    result_format(&rep->res, line, sizeof line), note);
	} else {
		fmt_printf("  %s: expires in %ld days%s%s\n",
		    note[0] != '\0' ? "passed" : "verified",
		    rep->verdict.days_left, out_who(rep, who, sizeof who),
		    note);
	}
}

static void
chain_end(const struct out_opts *o, size_t n)
{
	(void)o;
	(void)n;
	fflush(stdout);
}

/* see out.h */
const struct out_format out_chain = { chain_begin, chain_report, chain_end };
