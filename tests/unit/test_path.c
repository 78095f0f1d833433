/* SPDX-License-Identifier: MIT */
/*
 * test_path: x509_verify, rule by rule, each with a chain it accepts and
 * one it refuses (exact reason and detail), on the PKI that
 * tests/unit/data/mkpath.sh makes: path building, signatures, critical
 * extensions, CA flags, purpose, path lengths, name constraints, dates,
 * CRLs, pins, the host name and the signature cache.  mkpath.sh puts
 * every chain here to "openssl verify -purpose sslserver" too and
 * records its verdict (the number in each comment is OpenSSL's error);
 * every row asserts OpenSSL's verdict.  "now" is fixed at
 * 2030-01-01T00:00:00Z.
 */
#include <stdlib.h>

#include "crl.h"
#include "pem.h"
#include "pin.h"
#include "sig.h"
#include "t.h"
#include "t_chain.h"
#include "x509.h"

/* 2030-01-01T00:00:00Z */
#define NOW INT64_C(1893456000)

static struct x509_chain chain;		/* big: keep off the stack */

/* Flags of a case. */
#define PARTIAL 1			/* pol.is_partial_chain */
#define CORRUPT 2			/* flip the leaf's last signature bit */

#define L(...) { __VA_ARGS__, NULL }
#define NONE { NULL }

struct path_case {
	const char *name;
	const char *files[6];		/* as sent: path-NAME.pem */
	const char *root;		/* root file path-NAME.pem, or NULL */
	const char *crls[3];		/* path-NAME.crl.pem; none: no check */
	unsigned flags;
	const char *host;
	enum ck_err want_err;
	const char *want_detail;
	/* The verdict, checked when want_not_after is not NULL. */
	const char *want_not_after;
	enum x509_role want_role;
	const char *want_who;
};

#define ERR(e, d) CK_E_##e, d, NULL, X509_ROLE_LEAF, ""
#define OK_LEAF CK_E_OK, "", "2040-01-01T00:00:00Z", X509_ROLE_LEAF, ""

static const struct path_case cases[] = {
	/* ---- path building ---- */
	{ "root file with the root", L("leaf", "int"), "root", NONE, 0,
	    NULL, OK_LEAF },
	/* 2 */
	{ "root file with only the intermediate", L("leaf", "int"), "int",
	    NONE, 0, NULL, ERR(X509_NOT_ROOT, "\"CN=path int\" from the root "
	    "file, which is not a self-signed root; libpq needs the root (or "
	    "use --partial-chain)") },
	{ "only the intermediate, partial chain", L("leaf", "int"), "int",
	    NONE, PARTIAL, NULL, OK_LEAF },
	/* 20 */
	{ "unknown CA", L("leaf", "int"), "other-root", NONE, 0, NULL,
	    ERR(X509_UNKNOWN_CA, "") },
	{ "self-signed leaf in the root file", L("self"), "self", NONE, 0,
	    NULL, OK_LEAF },
	/* 18 */
	{ "self-signed leaf, not in the root file", L("self"), "root", NONE,
	    0, NULL, ERR(X509_UNKNOWN_CA, "") },
	/* 20: a leaf that is not self-signed is no root. */
	{ "issued leaf in the root file", L("leaf"), "leaf", NONE, 0, NULL,
	    ERR(X509_NOT_ROOT, "\"CN=leaf.path.test\" from the root file, "
	    "which is not a self-signed root; libpq needs the root (or use "
	    "--partial-chain)") },
	{ "root sent too: the trusted copy", L("leaf", "int", "root"), "root",
	    NONE, 0, NULL, OK_LEAF },
	/* The server sends an old, expired copy of the root (same name
	 * and key): the root file's copy is on the path. */
	{ "expired copy of the root sent", L("leaf", "int", "root-old"),
	    "root", NONE, 0, NULL, OK_LEAF },
	/* 10: and the other way round. */
	{ "expired copy of the root trusted", L("leaf", "int", "root"),
	    "root-old", NONE, 0, NULL, CK_E_X509_EXPIRED, "current time "
	    "2030-01-01T00:00:00Z is after 2029-01-01T00:00:00Z (root "
	    "CN=path root)", "2029-01-01T00:00:00Z", X509_ROLE_ROOT,
	    "CN=path root" },
	/* 19 */
	{ "root sent, not in the root file", L("leaf", "int", "root"),
	    "other-root", NONE, 0, NULL, ERR(X509_UNKNOWN_CA, "") },
	{ "same-named intermediates, right one only", L("twin-leaf",
	    "twin-a"), "root", NONE, 0, NULL, OK_LEAF },
	/* 7 */
	{ "same-named intermediates, wrong one only", L("twin-leaf",
	    "twin-b"), "root", NONE, 0, NULL, ERR(X509_BAD_SIG,
	    "\"CN=twin.path.test\"") },
	/* 7: OpenSSL takes the first same-named certificate the server
	 * sent without looking at signatures, and so must we (twin-a's
	 * would verify): libpq refuses this chain. */
	{ "same-named intermediates, wrong one first", L("twin-leaf",
	    "twin-b", "twin-a"), "root", NONE, 0, NULL, ERR(X509_BAD_SIG,
	    "\"CN=twin.path.test\"") },
	{ "same-named intermediates, key identifiers", L("kid-leaf",
	    "kid-b", "kid-a"), "root", NONE, 0, NULL, OK_LEAF },
	/* The cross-sign (ends 2031) and its root are not on the path. */
	{ "cross-sign and its root ignored", L("leaf", "int", "int-cross",
	    "other-root"), "root", NONE, 0, NULL, OK_LEAF },
	/* 19: the cross-sign sent first wins the tie for OpenSSL too. */
	{ "cross-sign first", L("leaf", "int-cross", "int", "other-root"),
	    "root", NONE, 0, NULL, ERR(X509_UNKNOWN_CA, "") },

	/* ---- signatures ---- */
	/* 7 */
	{ "forged leaf", L("forged-leaf", "int"), "root", NONE, 0, NULL,
	    ERR(X509_BAD_SIG, "\"CN=leaf.path.test\"") },
	{ "RSA PKCS#1, corrupted", L("leaf", "int"), "root", NONE, CORRUPT,
	    NULL, ERR(X509_BAD_SIG, "\"CN=leaf.path.test\"") },
	{ "RSA-PSS", L("pss-leaf", "int"), "root", NONE, 0, NULL, OK_LEAF },
	{ "RSA-PSS, corrupted", L("pss-leaf", "int"), "root", NONE, CORRUPT,
	    NULL, ERR(X509_BAD_SIG, "\"CN=pss.path.test\"") },
	{ "RSA-PSS key", L("pss-int-leaf", "pss-int"), "root", NONE, 0,
	    NULL, OK_LEAF },
	{ "RSA-PSS key, corrupted", L("pss-int-leaf", "pss-int"), "root",
	    NONE, CORRUPT, NULL, ERR(X509_BAD_SIG,
	    "\"CN=pssint.path.test\"") },
	/* P-521 signs with SHA-512, P-384 with SHA-384, P-256 with SHA-256;
	 * the root ends first. */
	{ "ECDSA P-256/384/521", L("ec-leaf", "ec-int2", "ec-int"), "ec-root",
	    NONE, 0, NULL, CK_E_OK, "", "2036-01-01T00:00:00Z",
	    X509_ROLE_ROOT, "CN=path EC root" },
	{ "ECDSA, corrupted", L("ec-leaf", "ec-int2", "ec-int"), "ec-root",
	    NONE, CORRUPT, NULL, ERR(X509_BAD_SIG, "\"CN=ec.path.test\"") },

	/* ---- critical extensions ---- */
	/* 34 */
	{ "unknown critical extension, leaf", L("crit-leaf", "int"), "root",
	    NONE, 0, NULL, ERR(X509_CRITICAL, "1.3.6.1.4.1.55555.1 in "
	    "\"CN=crit.path.test\"") },
	/* 34 */
	{ "unknown critical extension, intermediate", L("crit-int-leaf",
	    "crit-int"), "root", NONE, 0, NULL, ERR(X509_CRITICAL,
	    "1.3.6.1.4.1.55555.1 in \"CN=path crit int\"") },
	{ "critical certificatePolicies", L("critpol-leaf", "int"), "root",
	    NONE, 0, NULL, OK_LEAF },
	{ "critical nameConstraints", L("ncc-ok", "ncc-int"), "root", NONE,
	    0, NULL, OK_LEAF },

	/* ---- basicConstraints, keyCertSign, path length ---- */
	/* 79 (3.0's number for an invalid CA) */
	{ "intermediate without basicConstraints", L("nobc-leaf",
	    "nobc-int"), "root", NONE, 0, NULL, ERR(X509_NOT_CA,
	    "\"CN=path nobc int\"") },
	/* 79 */
	{ "intermediate with CA:false", L("cafalse-leaf", "cafalse-int"),
	    "root", NONE, 0, NULL, ERR(X509_NOT_CA,
	    "\"CN=path cafalse int\"") },
	/* 79 */
	{ "intermediate without keyCertSign", L("noks-leaf", "noks-int"),
	    "root", NONE, 0, NULL, ERR(X509_NOT_CA,
	    "\"CN=path noks int\"") },
	/* 25 */
	{ "pathlen:0 above another intermediate", L("pl0-sub-leaf",
	    "pl0-sub", "pl0-int"), "root", NONE, 0, NULL,
	    ERR(X509_PATH_LEN, "\"CN=path pathlen0 int\"") },
	/* The intermediate ends first. */
	{ "pathlen:0 issuing the leaf", L("pl0-leaf", "pl0-int"), "root",
	    NONE, 0, NULL, CK_E_OK, "", "2038-01-01T00:00:00Z",
	    X509_ROLE_INTERMEDIATE, "CN=path pathlen0 int" },

	/* ---- purpose: extended key usage, key usage ---- */
	/* 26 */
	{ "leaf clientAuth only", L("eku-client", "int"), "root", NONE, 0,
	    NULL, ERR(X509_PURPOSE, "\"CN=client.path.test\" is not valid for "
	    "server authentication (extended key usage: clientAuth)") },
	{ "leaf serverAuth and clientAuth", L("eku-both", "int"), "root",
	    NONE, 0, NULL, OK_LEAF },
	/* 26 */
	{ "leaf anyExtendedKeyUsage only", L("eku-any", "int"), "root", NONE,
	    0, NULL, ERR(X509_PURPOSE, "\"CN=any.path.test\" is not valid for "
	    "server authentication (extended key usage: "
	    "anyExtendedKeyUsage)") },
	/* 26 */
	{ "intermediate clientAuth only", L("eku-client-int-leaf",
	    "eku-client-int"), "root", NONE, 0, NULL, ERR(X509_PURPOSE,
	    "\"CN=path client int\" is not valid for server authentication "
	    "(extended key usage: clientAuth)") },
	{ "intermediate serverAuth", L("eku-server-int-leaf",
	    "eku-server-int"), "root", NONE, 0, NULL, OK_LEAF },
	/* 26 */
	{ "leaf keyUsage keyCertSign only", L("ku-certsign", "int"), "root",
	    NONE, 0, NULL, ERR(X509_PURPOSE, "\"CN=certsign.path.test\" is not "
	    "valid for server authentication (key usage)") },
	{ "leaf keyUsage digitalSignature", L("ku-ds", "int"), "root", NONE,
	    0, NULL, OK_LEAF },

	/* ---- name constraints ---- */
	{ "permitted, inside", L("nc-ok", "nc-int"), "root", NONE, 0, NULL,
	    OK_LEAF },
	/* 47 */
	{ "permitted, outside", L("nc-bad", "nc-int"), "root", NONE, 0, NULL,
	    ERR(X509_NAME_CONSTRAINT, "\"CN=a.bad.path.test\" violates a name "
	    "constraint of \"CN=path nc int\": DNS name a.bad.path.test "
	    "(permitted: .ok.path.test)") },
	/* 47 */
	{ "critical permitted, outside", L("ncc-bad", "ncc-int"), "root",
	    NONE, 0, NULL, ERR(X509_NAME_CONSTRAINT, "\"CN=c.bad.path.test\" "
	    "violates a name constraint of \"CN=path ncc int\": DNS name "
	    "c.bad.path.test (permitted: .ok.path.test)") },
	{ "excluded, outside it", L("ncx-ok", "ncx-int"), "root", NONE, 0,
	    NULL, OK_LEAF },
	/* 48 */
	{ "excluded, inside it", L("ncx-bad", "ncx-int"), "root", NONE, 0,
	    NULL, ERR(X509_NAME_CONSTRAINT, "\"CN=x.bad.path.test\" violates a "
	    "name constraint of \"CN=path ncx int\": DNS name x.bad.path.test "
	    "(excluded: bad.path.test)") },
	{ "CN-only leaf, inside", L("nc-cn-ok", "nc-int"), "root", NONE, 0,
	    NULL, OK_LEAF },
	/* 47 */
	{ "CN-only leaf, outside", L("nc-cn-bad", "nc-int"), "root", NONE, 0,
	    NULL, ERR(X509_NAME_CONSTRAINT, "\"CN=cn.bad.path.test\" violates "
	    "a name constraint of \"CN=path nc int\": CN cn.bad.path.test "
	    "(permitted: .ok.path.test)") },
	/* The rollover's own name is outside O=Allowed: skipped.  It is
	 * self-issued but not self-signed (its authority key identifier
	 * names the old key), so the path goes on to the CA that signed
	 * it, as OpenSSL's does. */
	{ "self-issued intermediate skipped", L("ncdir-leaf", "ncdir-roll",
	    "ncdir-int"), "root", NONE, 0, NULL, OK_LEAF },
	/* 47 */
	{ "intermediate outside a directoryName", L("ncdir-sub-leaf",
	    "ncdir-sub", "ncdir-int"), "root", NONE, 0, NULL,
	    ERR(X509_NAME_CONSTRAINT, "\"CN=path ncdir sub\" violates a name "
	    "constraint of \"CN=path ncdir int\": directory name CN=path "
	    "ncdir sub (permitted: O=Allowed)") },

	/* ---- dates ---- */
	/* 10 */
	{ "leaf expired", L("leaf-expired", "int"), "root", NONE, 0, NULL,
	    CK_E_X509_EXPIRED, "current time 2030-01-01T00:00:00Z is after "
	    "2029-01-01T00:00:00Z", "2029-01-01T00:00:00Z", X509_ROLE_LEAF,
	    "" },
	/* 9 */
	{ "leaf not yet valid", L("leaf-notyet", "int"), "root", NONE, 0,
	    NULL, ERR(X509_NOT_YET, "current time 2030-01-01T00:00:00Z is "
	    "before 2031-01-01T00:00:00Z") },
	/* 10: notAfter itself is past, as OpenSSL counts. */
	{ "leaf notAfter == now", L("leaf-end-now", "int"), "root", NONE, 0,
	    NULL, CK_E_X509_EXPIRED, "current time 2030-01-01T00:00:00Z is "
	    "after 2030-01-01T00:00:00Z", "2030-01-01T00:00:00Z",
	    X509_ROLE_LEAF, "" },
	{ "leaf notBefore == now", L("leaf-start-now", "int"), "root", NONE,
	    0, NULL, OK_LEAF },
	/* 10 */
	{ "intermediate expired", L("int-expired-leaf", "int-expired"),
	    "root", NONE, 0, NULL, CK_E_X509_EXPIRED, "current time "
	    "2030-01-01T00:00:00Z is after 2029-01-01T00:00:00Z (intermediate "
	    "CN=path expired int)", "2029-01-01T00:00:00Z",
	    X509_ROLE_INTERMEDIATE, "CN=path expired int" },
	/* 9 */
	{ "intermediate not yet valid", L("int-notyet-leaf", "int-notyet"),
	    "root", NONE, 0, NULL, ERR(X509_NOT_YET, "current time "
	    "2030-01-01T00:00:00Z is before 2031-01-01T00:00:00Z "
	    "(intermediate CN=path notyet int)") },
	/* 10 */
	{ "root expired", L("root-expired-leaf", "root-expired-int"),
	    "root-expired", NONE, 0, NULL, CK_E_X509_EXPIRED, "current time "
	    "2030-01-01T00:00:00Z is after 2029-01-01T00:00:00Z (root "
	    "CN=path expired root)", "2029-01-01T00:00:00Z", X509_ROLE_ROOT,
	    "CN=path expired root" },
	/* 9 */
	{ "root not yet valid", L("root-notyet-leaf", "root-notyet-int"),
	    "root-notyet", NONE, 0, NULL, ERR(X509_NOT_YET, "current time "
	    "2030-01-01T00:00:00Z is before 2031-01-01T00:00:00Z (root "
	    "CN=path notyet root)") },

	/* ---- CRLs (-crl_check_all) ---- */
	{ "CRLs, nothing revoked", L("leaf", "int"), "root", L("root", "int"),
	    0, NULL, OK_LEAF },
	/* 23 */
	{ "leaf revoked", L("leaf", "int"), "root", L("root", "int-revoked"),
	    0, NULL, ERR(X509_REVOKED, "\"CN=leaf.path.test\" is revoked "
	    "(serial 1002, keyCompromise, 2029-06-01T12:00:00Z)") },
	/* 23 */
	{ "intermediate revoked by the root", L("leaf", "int"), "root",
	    L("root-revoked", "int"), 0, NULL, ERR(X509_REVOKED,
	    "\"CN=path int\" is revoked (serial 1001, cACompromise, "
	    "2029-07-01T00:00:00Z)") },
	/* 3 */
	{ "intermediate's CRL missing", L("leaf", "int"), "root", L("root"),
	    0, NULL, ERR(X509_NO_CRL, "for \"CN=leaf.path.test\"") },
	/* 3 */
	{ "root's CRL missing", L("leaf", "int"), "root", L("int"), 0, NULL,
	    ERR(X509_NO_CRL, "for \"CN=path int\"") },
	/* 12 */
	{ "expired CRL", L("leaf", "int"), "root", L("root", "int-expired"),
	    0, NULL, ERR(X509_CRL_INVALID, "has expired (the CRL for "
	    "\"CN=leaf.path.test\")") },
	/* 8 */
	{ "CRL signed by another key", L("leaf", "int"), "root", L("root",
	    "int-forged"), 0, NULL, ERR(X509_CRL_INVALID, "signature failure "
	    "(the CRL for \"CN=leaf.path.test\")") },
	/* 35 */
	{ "CA without cRLSign", L("nocrlsign-leaf", "nocrlsign-int"), "root",
	    L("root", "nocrlsign"), 0, NULL, ERR(X509_CRL_INVALID, "issuer "
	    "\"CN=path nocrlsign int\" has no cRLSign key usage") },
	{ "removeFromCRL entry", L("leaf", "int"), "root", L("root",
	    "int-remove"), 0, NULL, OK_LEAF },

	/* ---- host name (last) ---- */
	{ "host matches", L("leaf", "int"), "root", NONE, 0,
	    "leaf.path.test", OK_LEAF },
	{ "host differs", L("leaf", "int"), "root", NONE, 0,
	    "other.path.test", ERR(X509_HOSTNAME, "leaf.path.test, not "
	    "other.path.test") },
	/* The chain is decided before the name. */
	{ "host differs, chain fails first", L("leaf-expired", "int"),
	    "root", NONE, 0, "other.path.test", ERR(X509_EXPIRED,
	    "current time 2030-01-01T00:00:00Z is after "
	    "2029-01-01T00:00:00Z") },
};

/* Loads path-NAME.pem for each NAME of names into ch; -1 on error. */
static int
load_names(struct x509_chain *ch, const char *const *names)
{
	char buf[6][64];
	const char *files[7];
	size_t i;

	for (i = 0; i < 6 && names[i] != NULL; i++) {
		snprintf(buf[i], sizeof buf[i], "path-%s.pem", names[i]);
		files[i] = buf[i];
	}
	files[i] = NULL;
	return chain_load(ch, files);
}

/* Loads path-NAME.crl.pem for each NAME into s; -1 on error. */
static int
load_crls(struct crl_set *s, const char *const *names)
{
	struct result res;
	char path[128];

	for (; *names != NULL; names++) {
		memset(&res, 0, sizeof res);
		snprintf(path, sizeof path, T_DATA "path-%s.crl.pem", *names);
		if (crl_set_add(s, path, &res) < 0) {
			t_report(0, __FILE__, __LINE__, path, res.detail);
			return -1;
		}
	}
	return 0;
}

static void
test_cases(void)
{
	struct anchor_set anchors;
	struct crl_set crls;
	struct x509_policy pol;
	struct x509_verdict v;
	struct result res;
	char path[128];
	char when[21];
	size_t i;
	int rc;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct path_case *c = &cases[i];

		memset(&res, 0, sizeof res);
		memset(&anchors, 0, sizeof anchors);
		memset(&crls, 0, sizeof crls);
		snprintf(path, sizeof path, T_DATA "path-%s.pem",
		    c->root != NULL ? c->root : "");
		if ((c->root != NULL && pem_load_anchors(path, &anchors,
		    &res) < 0) || load_names(&chain, c->files) < 0 ||
		    load_crls(&crls, c->crls) < 0) {
			t_report(0, __FILE__, __LINE__, c->name, "fixtures");
			pem_anchors_free(&anchors);
			crl_set_free(&crls);
			continue;
		}
		if (c->flags & CORRUPT) {
			chain.buf[chain.off[0] + chain.len[0] - 1] ^= 1;
		}
		memset(&pol, 0, sizeof pol);
		pol.anchors = &anchors;
		pol.crls = c->crls[0] != NULL ? &crls : NULL;
		pol.host = c->host;
		pol.is_partial_chain = (c->flags & PARTIAL) != 0;
		pol.now = NOW;
		rc = x509_verify(&chain, &pol, &v, &res);
		CHECK_INT(res.err, c->want_err, c->name);
		CHECK_INT(rc, c->want_err == CK_E_OK ? 0 : -1, c->name);
		CHECK_STR(res.detail, c->want_detail, c->name);
		if (c->want_not_after != NULL) {
			x509_time_format(v.not_after, when);
			CHECK_STR(when, c->want_not_after, c->name);
			CHECK_INT(v.days_left, x509_days_left(v.not_after,
			    NOW), c->name);
			CHECK_INT(v.role, c->want_role, c->name);
			CHECK_STR(v.who, c->want_who, c->name);
		}
		pem_anchors_free(&anchors);
		crl_set_free(&crls);
	}
}

/* ---- pins ---------------------------------------------------------------- */

static char pin_text[3][64];

/* The pin of path-NAME.pem from path-pins.txt, or "" after a failed
 * check.  Up to three names at once (each has its own buffer). */
static const char *
pin_of(const char *name, int slot)
{
	char line[160];
	char n[64];
	char p[64];
	FILE *f = fopen(T_DATA "path-pins.txt", "r");

	pin_text[slot][0] = '\0';
	while (f != NULL && fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "%63s %63s", n, p) == 2 &&
		    strcmp(n + 5, name) == 0) {
			memcpy(pin_text[slot], p, sizeof p);
		}
	}
	if (f != NULL) {
		fclose(f);
	}
	CHECKF(pin_text[slot][0] != '\0', "pin of %s known", name);
	return pin_text[slot];
}

/* Verifies path-NAME files under pins only (no anchors). */
static int
verify_pinned(const char *const *names, const char *pin,
    struct x509_verdict *v, struct result *res)
{
	struct pin_set pins;
	struct x509_policy pol;
	const char *why = NULL;

	memset(&pins, 0, sizeof pins);
	memset(res, 0, sizeof *res);
	CHECKF(pin_add(&pins, pin, &why) == 0, "pin %s adds", pin);
	if (load_names(&chain, names) < 0) {
		return -2;
	}
	memset(&pol, 0, sizeof pol);
	pol.pins = &pins;
	pol.now = NOW;
	return x509_verify(&chain, &pol, v, res);
}

static void
test_pins(void)
{
	static const char *const leaf[] = { "leaf", NULL };
	static const char *const genuine[] = { "leaf", "int", NULL };
	static const char *const forged[] = { "forged-leaf", "int", NULL };
	struct x509_verdict v;
	struct result res;
	char want[160];

	CHECK_INT(verify_pinned(leaf, pin_of("leaf", 0), &v, &res), 0,
	    "pinned leaf, no root file");
	CHECK_INT(res.err, CK_E_OK, "pinned leaf: reason");
	CHECK_INT(v.role, X509_ROLE_LEAF, "pinned leaf: role");

	CHECK_INT(verify_pinned(genuine, pin_of("int", 0), &v, &res), 0,
	    "pinned intermediate, genuine chain");
	CHECK_INT(res.err, CK_E_OK, "pinned intermediate: reason");
	CHECK_STR(res.detail, "", "pinned intermediate: detail");

	/* The forger sends the genuine intermediate along: its key is
	 * pinned, but it did not sign this leaf. */
	CHECK_INT(verify_pinned(forged, pin_of("int", 0), &v, &res), -1,
	    "pinned intermediate, forged leaf");
	CHECK_INT(res.err, CK_E_X509_BAD_SIG, "forged leaf: reason");
	CHECK_STR(res.detail, "\"CN=leaf.path.test\"", "forged leaf: detail");

	CHECK_INT(verify_pinned(genuine, pin_of("other-root", 0), &v, &res),
	    -1, "pin matching nothing");
	CHECK_INT(res.err, CK_E_PIN_MISMATCH, "pin matching nothing: reason");
	snprintf(want, sizeof want, "%s (leaf), want %s", pin_of("leaf", 1),
	    pin_of("other-root", 2));
	CHECK_STR(res.detail, want, "pin matching nothing: detail");
}

/* ---- the signature cache ------------------------------------------------- */

static void
test_cache(void)
{
	static const char *const genuine[] = { "leaf", "int", NULL };
	struct anchor_set anchors;
	struct x509_policy pol;
	struct x509_verdict v;
	struct result res;
	unsigned long ops0;
	unsigned long ops1;

	memset(&res, 0, sizeof res);
	if (pem_load_anchors(T_DATA "path-root.pem", &anchors, &res) < 0 ||
	    load_names(&chain, genuine) < 0) {
		t_report(0, __FILE__, __LINE__, "cache", "fixtures");
		return;
	}
	memset(&pol, 0, sizeof pol);
	pol.anchors = &anchors;
	pol.now = NOW;
	sig_cache_clear();
	ops0 = sig_ops();
	CHECK_INT(x509_verify(&chain, &pol, &v, &res), 0, "cache: first");
	ops1 = sig_ops();
	CHECK_INT(ops1 - ops0, 2, "cache: first costs two signatures");
	CHECK_INT(x509_verify(&chain, &pol, &v, &res), 0, "cache: second");
	CHECK_INT(sig_ops() - ops1, 0, "cache: second costs nothing");
	pem_anchors_free(&anchors);
}

int
main(void)
{
	test_cases();
	test_pins();
	test_cache();
	return t_exit();
}
