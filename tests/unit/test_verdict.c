/* SPDX-License-Identifier: MIT */
/*
 * verdict: the TLS version range a SPEC is probed with (its own ends, the
 * run's, libpq's defaults) and the reasons a range cannot be probed; and
 * the version names it is read from (spec_tls_version_parse).
 */
#include <string.h>

#include "spec.h"
#include "tls.h"
#include "verdict.h"
#include "t.h"

#define V10 0x0301
#define V11 0x0302
#define V12 0x0303
#define V13 0x0304

static const struct {
	const char *s;
	int want_rc;
	unsigned want;
} names[] = {
	{ "TLSv1", 0, V10 },
	{ "TLSv1.1", 0, V11 },
	{ "TLSv1.2", 0, V12 },
	{ "TLSv1.3", 0, V13 },
	{ "tlsv1.2", 0, V12 },		/* libpq: pg_strcasecmp */
	{ "TlSv1.3", 0, V13 },
	{ "TLSv1.0", -1, 0 },		/* libpq has no such name */
	{ "TLSv1.4", -1, 0 },
	{ "SSLv3", -1, 0 },
	{ "TLSv1.", -1, 0 },
	{ "TLSv", -1, 0 },
	{ "TLSv1.2 ", -1, 0 },
	{ " TLSv1.2", -1, 0 },
	{ "TLSv1.2x", -1, 0 },
	{ "1.2", -1, 0 },
	{ "", -1, 0 },
};

static const struct {
	enum proto proto;
	unsigned sp_min, sp_max;	/* the SPEC's own; 0: none */
	unsigned o_min, o_max;		/* the flags'; 0: none */
	int want_rc;
	unsigned want_min, want_max;
	const char *want_reason;	/* when want_rc is -1 */
} ranges[] = {
	/* Defaults: TLSv1 up, PostgreSQL TLSv1.2 up (libpq 13+). */
	{ PROTO_TLS, 0, 0, 0, 0, 0, V10, V13, NULL },
	{ PROTO_STARTTLS_AUTO, 0, 0, 0, 0, 0, V10, V13, NULL },
	{ PROTO_POSTGRES, 0, 0, 0, 0, 0, V12, V13, NULL },
	/* The flags fill what the SPEC leaves out; the SPEC's own win. */
	{ PROTO_TLS, 0, 0, V11, V12, 0, V11, V12, NULL },
	{ PROTO_POSTGRES, 0, 0, V10, 0, 0, V10, V13, NULL },
	{ PROTO_POSTGRES, V11, 0, V12, V12, 0, V11, V12, NULL },
	{ PROTO_POSTGRES, 0, V12, V11, V11, 0, V11, V12, NULL },
	{ PROTO_POSTGRES, V10, V11, V12, V13, 0, V10, V11, NULL },
	/* Inverted: each end alone is fine, together they are not. */
	{ PROTO_TLS, 0, 0, V12, V11, -1, V12, V11,
	    "invalid SSL protocol version range: TLSv1.2-TLSv1.1" },
	{ PROTO_POSTGRES, 0, V11, 0, 0, -1, V12, V11,
	    "invalid SSL protocol version range: TLSv1.2-TLSv1.1" },
	{ PROTO_POSTGRES, V13, 0, 0, V12, -1, V13, V12,
	    "invalid SSL protocol version range: TLSv1.3-TLSv1.2" },
	/* TLS 1.3 only: a range like any other. */
	{ PROTO_POSTGRES, V13, 0, 0, 0, 0, V13, V13, NULL },
	{ PROTO_TLS, 0, 0, V13, 0, 0, V13, V13, NULL },
	{ PROTO_TLS, 0, V13, V13, V13, 0, V13, V13, NULL },
	/* TLS 1.3 allowed but not required. */
	{ PROTO_TLS, V12, V13, 0, 0, 0, V12, V13, NULL },
};

int
main(void)
{
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		unsigned v = 0;
		int rc = spec_tls_version_parse(names[i].s, &v);

		CHECKF(rc == names[i].want_rc && (rc != 0 ||
		    v == names[i].want), "version \"%s\" → %d 0x%04x",
		    names[i].s, names[i].want_rc, names[i].want);
	}
	for (i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
		struct loop_opts o;
		struct spec sp;
		struct result res;
		unsigned min = 0;
		unsigned max = 0;
		char line[RESULT_DETAIL_CAP + 128];
		int rc;

		memset(&o, 0, sizeof o);
		memset(&sp, 0, sizeof sp);
		memset(&res, 0, sizeof res);
		sp.proto = ranges[i].proto;
		sp.tls_min = ranges[i].sp_min;
		sp.tls_max = ranges[i].sp_max;
		o.tls_min = ranges[i].o_min;
		o.tls_max = ranges[i].o_max;
		rc = verdict_tls_range(&o, &sp, &min, &max, &res);
		result_format(&res, line, sizeof line);
		CHECKF(rc == ranges[i].want_rc && min == ranges[i].want_min &&
		    max == ranges[i].want_max && (rc == 0 ?
		    res.err == CK_E_OK : strcmp(line,
		    ranges[i].want_reason) == 0),
		    "range %zu: spec %04x-%04x, flags %04x-%04x → %04x-%04x "
		    "(%s)", i, ranges[i].sp_min, ranges[i].sp_max,
		    ranges[i].o_min, ranges[i].o_max, min, max,
		    rc == 0 ? "ok" : line);
	}
	CHECK_STR(tls_version_name(V13), "TLSv1.3", "TLS 1.3's name");
	CHECK_STR(tls_version_name(0x0300), "SSLv3", "SSL 3.0's name");
	CHECK_STR(tls_version_name(0x0305), "unknown", "an unknown name");
	return t_exit();
}
