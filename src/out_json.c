/* SPDX-License-Identifier: MIT */
/*
 * out_json: one JSON array, one object per SPEC in input order; the
 * schema is in the README.  Strings are escaped here and only here;
 * invalid UTF-8 from a certificate becomes U+FFFD, so the output always
 * parses.
 */
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "out.h"
#include "tls.h"
#include "x509_info.h"

#define LINE_CAP 512

/* see out.h */
size_t
out_utf8_len(const unsigned char *s)
{
	size_t n;
	size_t i;

	if (s[0] < 0x80) {
		return 1;
	} else if ((s[0] & 0xe0) == 0xc0 && s[0] >= 0xc2) {
		n = 2;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
	} else if ((s[0] & 0xf8) == 0xf0 && s[0] <= 0xf4) {
		n = 4;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			return 0;
		}
	}
	return n;
}

/* see out.h */
void
out_json_str(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	putc('"', f);
	while (*p != '\0') {
		if (*p == '"' || *p == '\\') {
			fmt_fprintf(f, "\\%c", *p++);
		} else if (*p < 0x20 || *p == 0x7f) {
			fmt_fprintf(f, "\\u%04x", *p++);
		} else if ((n = out_utf8_len(p)) == 0) {
			fputs("\\ufffd", f);
			p++;
		} else {
			fwrite(p, 1, n, f);
			p += n;
		}
	}
	putc('"', f);
}

static void
put_str(const char *s)
{
	out_json_str(stdout, s);
}

static void
put_time(int64_t t)
{
	char buf[21];

	x509_time_format(t, buf);
	put_str(buf);
}

static void
put_name(void *ctx, size_t i, const char *name)
{
	(void)ctx;
	if (i > 0) {
		putchar(',');
	}
	put_str(name);
}

static void
put_names(const unsigned char *der, size_t len, bool is_ip)
{
	putchar('[');
	x509_info_names(der, len, is_ip, put_name, NULL);
	putchar(']');
}

static void
put_cert(const unsigned char *der, size_t len)
{
	struct x509_info in;

	if (x509_info_fill(der, len, &in) < 0) {
		fputs("{\"malformed\":true}", stdout);
		return;
	}
	putchar('{');
	fmt_printf("\"subject\":");
	put_str(in.subject);
	fmt_printf(",\"issuer\":");
	put_str(in.issuer);
	fmt_printf(",\"serial\":");
	put_str(in.serial);
	fmt_printf(",\"not_before\":");
	put_time(in.not_before);
	fmt_printf(",\"not_after\":");
	put_time(in.not_after);
	fmt_printf(",\"dns_names\":");
	put_names(der, len, false);
	fmt_printf(",\"ip_addresses\":");
	put_names(der, len, true);
	fmt_printf(",\"signature_algorithm\":");
	put_str(in.sig_alg);
	fmt_printf(",\"public_key\":");
	put_str(in.key);
	fmt_printf(",\"is_ca\":%s,\"sha256\":", in.is_ca ? "true" : "false");
	put_str(in.sha256);
	fmt_printf(",\"spki_sha256\":");
	put_str(in.spki_sha256);
	putchar('}');
}

/* see out.h */
const char *
out_verification(const struct report *rep)
{
	switch (rep->verified) {
	case SPEC_VERIFY_FULL:
		return rep->is_pinned ? "pinned" : "full";
	case SPEC_VERIFY_CA:
		return rep->is_pinned ? "pinned-no-name" : "chain";
	case SPEC_VERIFY_NONE:
		return rep->is_pinned ? "pinned-no-name" : "none";
	default:
		return NULL;
	}
}

/* --dane: an object, null for a file SPEC; absent without --dane. */
static void
put_dane(const struct dane_report *d)
{
	char line[DANE_TEXT_CAP];

	fputs(",\"dane\":", stdout);
	if (d->state == DANE_S_NONE) {
		fputs("null", stdout);
		return;
	}
	fmt_printf("{\"status\":");
	put_str(dane_state_name(d->state));
	fmt_printf(",\"name\":");
	put_str(d->name);
	fmt_printf(",\"record\":");
	if (d->state == DANE_S_MATCH || d->state == DANE_S_NO_MATCH ||
	    d->state == DANE_S_UNUSABLE) {
		put_str(dane_rec_format(&d->rec, true, line, sizeof line));
	} else {
		fputs("null", stdout);
	}
	fmt_printf(",\"depth\":");
	if (d->state == DANE_S_MATCH) {
		fmt_printf("%u", d->depth);
	} else {
		fputs("null", stdout);
	}
	fmt_printf(",\"message\":");
	put_str(dane_format(d, line, sizeof line));
	putchar('}');
}

static void
json_begin(const struct out_opts *o, size_t n)
{
	(void)o;
	(void)n;
	putchar('[');
}

static void
json_report(const struct out_opts *o, size_t i, const struct spec *sp,
    const struct report *rep)
{
	char line[LINE_CAP];
	const struct x509_chain *ch = rep->chain;
	const char *ver = out_verification(rep);
	size_t k;

	fmt_printf("%s\n{\"spec\":", i == 0 ? "" : ",");
	put_str(sp->text);
	fmt_printf(",\"protocol\":");
	put_str(sp->kind == SPEC_KIND_FILE ? "file" : proto_name(rep->proto));
	/* PostgreSQL: how TLS started (sslnegotiation); null otherwise. */
	fmt_printf(",\"pg_negotiation\":");
	if (rep->negotiation == SPEC_PG_NEG_DEFAULT) {
		fputs("null", stdout);
	} else {
		put_str(rep->negotiation == SPEC_PG_NEG_DIRECT ? "direct" :
		    "postgres");
	}
	fmt_printf(",\"ok\":%s,\"error\":",
	    rep->res.err == CK_E_OK ? "true" : "false");
	if (rep->res.err == CK_E_OK) {
		fputs("null", stdout);
	} else {
		put_str(result_format(&rep->res, line, sizeof line));
	}
	fmt_printf(",\"verification\":");
	if (ver != NULL) {
		put_str(ver);
	} else {
		fputs("null", stdout);
	}
	if (rep->has_verdict) {
		fmt_printf(",\"days_left\":%ld,\"not_before\":",
		    rep->verdict.days_left);
		put_time(rep->verdict.not_before);
		fmt_printf(",\"not_after\":");
		put_time(rep->verdict.not_after);
		fmt_printf(",\"expiring\":");
		put_str(rep->verdict.role == X509_ROLE_LEAF ? "leaf" :
		    rep->verdict.role == X509_ROLE_ROOT ? "root" :
		    "intermediate");
	} else {
		fputs(",\"days_left\":null,\"not_before\":null,"
		    "\"not_after\":null,\"expiring\":null", stdout);
	}
	if (rep->tls_version != 0) {
		fmt_printf(",\"tls_version\":");
		put_str(tls_version_name(rep->tls_version));
		fmt_printf(",\"cipher_suite\":");
		put_str(tls_suite_name(rep->cipher_suite));
		fmt_printf(",\"key_exchange\":");
		put_str(tls_group_name(rep->kx_group));
		fmt_printf(",\"signature_scheme\":");
		if (rep->sig_scheme != 0) {
			put_str(tls_scheme_name(rep->sig_scheme));
		} else {
			fputs("null", stdout);
		}
	} else {
		fputs(",\"tls_version\":null,\"cipher_suite\":null,"
		    "\"key_exchange\":null,\"signature_scheme\":null",
		    stdout);
	}
	if (o->is_dane) {
		put_dane(&rep->dane);
	}
	fmt_printf(",\"elapsed_ms\":%lld,\"certificates\":[",
	    (long long)rep->elapsed_ms);
	for (k = 0; ch != NULL && k < ch->n; k++) {
		if (k > 0) {
			putchar(',');
		}
		put_cert(ch->buf + ch->off[k], ch->len[k]);
	}
	fputs("]}", stdout);
}

static void
json_end(const struct out_opts *o, size_t n)
{
	(void)o;
	(void)n;
	fputs("\n]\n", stdout);
	fflush(stdout);
}

/* see out.h */
const struct out_format out_json = { json_begin, json_report, json_end };
