/* SPDX-License-Identifier: MIT */
/*
 * dane: TLSA record data, RFC 7671 matching against the served chain, and
 * the words for the outcome.
 */
#include <string.h>

#include <bearssl.h>

#include "dane.h"
#include "fmt.h"
#include "sig.h"
#include "x509_cert.h"

/* see dane.h */
int
dane_rec_parse(const unsigned char *rd, size_t len, struct dane_rec *out)
{
	br_sha256_context h;
	size_t dlen;

	memset(out, 0, sizeof *out);
	if (len < 4) {
		return -1;
	}
	out->usage = rd[0];
	out->selector = rd[1];
	out->mtype = rd[2];
	dlen = len - 3;
	out->len = (uint16_t)dlen;	/* a UDP answer holds < 64 KiB */
	memcpy(out->head, rd + 3, dlen < DANE_HEAD_LEN ? dlen :
	    DANE_HEAD_LEN);
	out->is_usable = out->usage <= 3 && out->selector <= 1;
	switch (out->mtype) {
	case 0:
		br_sha256_init(&h);
		br_sha256_update(&h, rd + 3, dlen);
		br_sha256_out(&h, out->digest);
		break;
	case 1:
	case 2:
		/* RFC 7671 4.1: a digest of the wrong length is unusable. */
		if (dlen != (out->mtype == 1 ? 32u : 64u)) {
			out->is_usable = false;
			break;
		}
		memcpy(out->digest, rd + 3, dlen);
		break;
	default:
		out->is_usable = false;
		break;
	}
	return 0;
}

/* see dane.h */
void
dane_ta_keep(struct dane_tlsa *t, const unsigned char *rd, size_t len)
{
	const struct dane_rec *rec = &t->rec[t->n - 1];
	struct x509_cert c;
	const unsigned char *spki = rd + 3;
	size_t spki_len = len - 3;

	if (t->ta_len > 0 || !rec->is_usable || rec->usage != 2 ||
	    rec->mtype != 0) {
		return;
	}
	if (rec->selector == 0) {
		if (x509_cert_parse(spki, spki_len, &c) < 0) {
			return;
		}
		spki = c.spki.p;
		spki_len = c.spki.len;
	}
	if (spki_len <= sizeof t->ta_spki &&
	    x509_spki_parse(spki, spki_len, &c) == 0) {
		memcpy(t->ta_spki, spki, spki_len);
		t->ta_len = spki_len;
		t->ta_rec = t->n - 1;
	}
}

/* Is certificate der (len bytes) signed by the key t keeps? */
static bool
is_signed_by_ta(const struct dane_tlsa *t, const unsigned char *der,
    size_t len)
{
	struct x509_cert c;
	struct x509_cert k;
	br_x509_pkey pk;

	if (x509_cert_parse(der, len, &c) < 0 ||
	    x509_spki_parse(t->ta_spki, t->ta_len, &k) < 0) {
		return false;
	}
	x509_cert_pkey(&k, &pk);
	return sig_verify(&pk, c.sig_alg.p, c.sig_alg.len, c.tbs.p,
	    c.tbs.len, c.sig_value.p, c.sig_value.len) == SIG_OK;
}

/* Does rec match certificate der (len bytes)? */
static bool
rec_matches(const struct dane_rec *rec, const unsigned char *der,
    size_t len)
{
	union {
		br_sha256_context s256;
		br_sha512_context s512;
	} h;
	unsigned char got[64];
	struct x509_cert c;
	const unsigned char *p = der;
	size_t n = len;

	if (rec->selector == 1) {
		if (x509_cert_parse(der, len, &c) < 0 || c.spki.p == NULL) {
			return false;
		}
		p = c.spki.p;
		n = c.spki.len;
	}
	if (rec->mtype == 2) {
		br_sha512_init(&h.s512);
		br_sha512_update(&h.s512, p, n);
		br_sha512_out(&h.s512, got);
		return memcmp(got, rec->digest, 64) == 0;
	}
	/* mtype 0 compares hashes: the lengths first, then SHA-256. */
	if (rec->mtype == 0 && n != rec->len) {
		return false;
	}
	br_sha256_init(&h.s256);
	br_sha256_update(&h.s256, p, n);
	br_sha256_out(&h.s256, got);
	return memcmp(got, rec->digest, 32) == 0;
}

static void
lookup_state(const struct dane_tlsa *t, struct dane_report *out)
{
	switch (t->lookup) {
	case DANE_L_NO_NAME:
		out->state = DANE_S_NO_NAME;
		break;
	case DANE_L_UNVALIDATED:
		out->state = DANE_S_UNVALIDATED;
		break;
	case DANE_L_NXDOMAIN:
		out->state = DANE_S_NXDOMAIN;
		break;
	case DANE_L_NODATA:
		out->state = DANE_S_NODATA;
		break;
	case DANE_L_FAILED:
		out->state = DANE_S_FAILED;
		break;
	default:
		out->state = DANE_S_NONE;
		break;
	}
	memcpy(out->why, t->why, sizeof out->why);
}

/* see dane.h */
void
dane_match(const struct dane_tlsa *t, const struct x509_chain *ch,
    bool is_pkix, const char *host, unsigned port, struct dane_report *out)
{
	const struct dane_rec *rec;
	size_t n = ch != NULL ? ch->n : 0;
	bool has_usable = false;
	size_t i;
	size_t k;

	memset(out, 0, sizeof *out);
	if (t == NULL) {
		return;
	}
	fmt_snprintf(out->name, sizeof out->name, "_%u._tcp.%s", port, host);
	if (t->lookup != DANE_L_VALIDATED) {
		lookup_state(t, out);
		return;
	}
	out->is_more = t->is_more;
	if (t->n > 0) {
		out->rec = t->rec[0];	/* shown when none is usable */
	}
	for (i = 0; i < t->n; i++) {
		rec = &t->rec[i];
		if (!rec->is_usable) {
			continue;
		}
		if (!has_usable) {
			out->rec = *rec;	/* shown when none matches */
			has_usable = true;
		}
		/* EE usages (1, 3): the leaf; TA usages (0, 2): above it. */
		for (k = rec->usage & 1 ? 0 : 1;
		    k < n && k < (rec->usage & 1 ? 1u : n); k++) {
			if (!rec_matches(rec, ch->buf + ch->off[k],
			    ch->len[k])) {
				continue;
			}
			/* PKIX-TA and PKIX-EE add to the PKIX path, never
			 * stand in for it (RFC 6698 2.1.1). */
			if (rec->usage <= 1 && !is_pkix) {
				out->is_pkix_needed = true;
				continue;
			}
			out->state = DANE_S_MATCH;
			out->rec = *rec;
			out->depth = (unsigned)k;
			return;
		}
	}
	/* RFC 7671 5.2.2: a whole DANE-TA record may stand for a TA the
	 * server did not send, when its key signed the topmost one sent. */
	if (t->ta_len > 0 && n > 0 &&
	    is_signed_by_ta(t, ch->buf + ch->off[n - 1], ch->len[n - 1])) {
		out->state = DANE_S_MATCH;
		out->rec = t->rec[t->ta_rec];
		out->depth = (unsigned)n;
		out->is_unsent = true;
		return;
	}
	out->state = !has_usable ? DANE_S_UNUSABLE :
	    n == 0 ? DANE_S_NO_CERT : DANE_S_NO_MATCH;
}

/* see dane.h */
bool
dane_is_failure(const struct dane_report *r, enum dane_mode mode)
{
	switch (r->state) {
	case DANE_S_NONE:
	case DANE_S_MATCH:
		return false;
	case DANE_S_NO_MATCH:
		return mode != DANE_OFF;
	default:
		/* No usable record (RFC 7671 4.1: as if none were
		 * published), no validated answer, or no certificate to
		 * match: a note, unless DANE is required. */
		return mode == DANE_REQUIRE;
	}
}

/* see dane.h */
char *
dane_rec_format(const struct dane_rec *rec, bool is_full, char *out,
    size_t cap)
{
	static const char digits[] = "0123456789abcdef";
	char hex[2 * 64 + 1];
	const unsigned char *p = rec->head;
	size_t n = rec->len < DANE_HEAD_LEN ? rec->len : DANE_HEAD_LEN;
	size_t i;

	/* The digest is the record's data only when it is usable. */
	if (is_full && rec->is_usable && rec->mtype != 0) {
		p = rec->digest;
		n = rec->len;
	}
	for (i = 0; i < n; i++) {
		hex[2 * i] = digits[p[i] >> 4];
		hex[2 * i + 1] = digits[p[i] & 15];
	}
	hex[2 * n] = '\0';
	fmt_snprintf(out, cap, "%u %u %u %s%s", rec->usage, rec->selector,
	    rec->mtype, hex, rec->len > n ? "\xe2\x80\xa6" : "");
	return out;
}

/* see dane.h */
char *
dane_format(const struct dane_report *r, char *out, size_t cap)
{
	static const char *const usage[4] = {
		"PKIX-TA", "PKIX-EE", "DANE-TA", "DANE-EE"
	};
	const char *name = r->name;
	char rec[DANE_REC_TEXT_CAP];

	dane_rec_format(&r->rec, false, rec, sizeof rec);
	switch (r->state) {
	case DANE_S_NONE:
		out[0] = '\0';
		break;
	case DANE_S_MATCH:
		fmt_snprintf(out, cap, "DANE: TLSA %s (%s) of %s matches the "
		    "%s", rec, usage[r->rec.usage], name, r->depth == 0 ?
		    "served certificate" : "served chain");
		if (r->depth > 0) {
			fmt_snprintf(out + strlen(out), cap - strlen(out),
			    " at depth %u%s", r->depth, r->is_unsent ?
			    " (its trust anchor, not sent)" : "");
		}
		break;
	case DANE_S_NO_MATCH:
		fmt_snprintf(out, cap, "DANE: no TLSA record of %s matches "
		    "the served certificate (%s%s)%s", name, rec,
		    r->is_more ? ", only the first 16 tried" : "",
		    r->is_pkix_needed ? ": a PKIX record matched, but the "
		    "chain does not verify" : "");
		break;
	case DANE_S_NO_CERT:
		fmt_snprintf(out, cap, "DANE: TLSA of %s validated, no "
		    "certificate to match", name);
		break;
	case DANE_S_UNUSABLE:
		fmt_snprintf(out, cap, "DANE: no usable TLSA record of %s "
		    "(%s)", name, rec);
		break;
	case DANE_S_NO_NAME:
		fmt_snprintf(out, cap, "DANE: no TLSA lookup for an IP "
		    "address");
		break;
	case DANE_S_UNVALIDATED:
		fmt_snprintf(out, cap, "DANE: TLSA found but not "
		    "DNSSEC-validated (%s: %s)", name, r->why);
		break;
	case DANE_S_NXDOMAIN:
		fmt_snprintf(out, cap, "DANE: no TLSA record (%s does not "
		    "exist)", name);
		break;
	case DANE_S_NODATA:
		fmt_snprintf(out, cap, "DANE: no TLSA record at %s", name);
		break;
	case DANE_S_FAILED:
		fmt_snprintf(out, cap, "DANE: TLSA lookup of %s failed: %s",
		    name, r->why);
		break;
	}
	return out;
}

/* see dane.h */
const char *
dane_state_name(enum dane_state s)
{
	static const char *const names[] = {
		"none", "match", "no-match", "no-certificate", "unusable",
		"ip-address", "not-validated", "nxdomain", "nodata", "failed"
	};

	return names[s];
}
