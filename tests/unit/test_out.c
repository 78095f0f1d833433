/* SPDX-License-Identifier: MIT */
/*
 * out: the pure parts of the monitoring formats.  Prometheus label values
 * (\\, \", \n escaped; bytes that are not UTF-8 as U+FFFD, truncated and
 * overlong sequences included), Nagios perfdata labels (only the safe
 * bytes kept, never ' = | or a blank), and one target's exposition from
 * a made-up report: a pass, a failure (no dates), a weaker mode.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out.h"
#include "out_prom.h"
#include "t.h"

typedef void (*writer_fn)(FILE *f, const char *s);

/* What fn writes for s, in a static buffer. */
static const char *
written(writer_fn fn, const char *s)
{
	static char got[4096];
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (f == NULL) {
		return "(no memory)";
	}
	fn(f, s);
	fclose(f);
	snprintf(got, sizeof got, "%s", buf);
	free(buf);
	return got;
}

static const struct {
	const char *in;
	const char *want;
} prom_cases[] = {
	{ "", "" },
	{ "db.example.com:5432", "db.example.com:5432" },
	{ "a\"b", "a\\\"b" },
	{ "a\\b", "a\\\\b" },
	{ "a\nb", "a\\nb" },
	{ "\\\"\n", "\\\\\\\"\\n" },
	{ "tab\there\rcr", "tab\there\rcr" },	/* only three escapes */
	{ "M\xc3\xbcller", "M\xc3\xbcller" },	/* valid UTF-8 kept */
	{ "\xe2\x82\xac\xf0\x9f\x94\x92", "\xe2\x82\xac\xf0\x9f\x94\x92" },
	{ "bad\xff", "bad\xef\xbf\xbd" },
	{ "\xc3", "\xef\xbf\xbd" },		/* cut sequence at the end */
	{ "\xc3x", "\xef\xbf\xbdx" },
	{ "\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd" },	/* overlong '/' */
	{ "\xf5\x80\x80\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
	    "\xef\xbf\xbd" },			/* above U+10FFFF */
	{ "\x80", "\xef\xbf\xbd" },		/* a lone continuation */
};

static const struct {
	const char *in;
	const char *want;
} nagios_cases[] = {
	{ "db.example.com:5432", "db.example.com:5432" },
	{ "postgres://db:5432", "postgres://db:5432" },
	{ "[::1]:5432", "[::1]:5432" },
	{ "10.0.0.1(db.example.com):5432", "10.0.0.1(db.example.com):5432" },
	{ "user@host", "user@host" },
	{ "host=db port=5432", "host_db_port_5432" },
	{ "a'b", "a_b" },
	{ "a|b", "a_b" },
	{ "a\tb\nc", "a_b_c" },
	{ "M\xc3\xbcller", "M__ller" },
	{ "fe80::1%eth0", "fe80::1_eth0" },
	{ "\"x\\y;z,w", "_x_y_z_w" },
};

static void
target(FILE *f, const char *unused)
{
	static const struct spec sp = { .text = "db:5432" };
	struct report rep;

	(void)unused;
	memset(&rep, 0, sizeof rep);
	rep.has_verdict = true;
	rep.verified = SPEC_VERIFY_FULL;
	rep.verdict.not_after = 1798051908;
	rep.verdict.days_left = 85;
	rep.elapsed_ms = 1234;
	rep.tls_version = 0x0304;
	out_prom_target(f, &sp, &rep);
	/* Failed checks: no days, no version without a handshake. */
	rep.res.err = CK_E_X509_UNKNOWN_CA;
	rep.tls_version = 0;
	rep.elapsed_ms = 7;
	out_prom_target(f, &sp, &rep);
	/* Failed only the threshold, under --skip-verify. */
	rep.res.err = CK_E_EXPIRES_SOON;
	rep.verified = SPEC_VERIFY_NONE;
	out_prom_samples(f, 3, &sp, &rep);
}

#define H(name, help) "# HELP " name " " help "\n# TYPE " name " gauge\n"

static const char want_target[] =
	H("ccheck_probe_success",
	    "1 when the target passed every check, else 0.")
	"ccheck_probe_success{target=\"db:5432\"} 1\n"
	H("ccheck_probe_duration_seconds",
	    "Seconds the probe of the target took.")
	"ccheck_probe_duration_seconds{target=\"db:5432\"} 1.234\n"
	H("ccheck_cert_not_after_seconds",
	    "Earliest notAfter on the verified path, in Unix time.")
	"ccheck_cert_not_after_seconds{target=\"db:5432\","
	    "verification=\"full\"} 1798051908\n"
	H("ccheck_cert_days_left", "Whole days left before the earliest "
	    "notAfter on the verified path.")
	"ccheck_cert_days_left{target=\"db:5432\",verification=\"full\"} 85\n"
	H("ccheck_tls_version_info",
	    "The TLS version the target negotiated.")
	"ccheck_tls_version_info{target=\"db:5432\",version=\"TLSv1.3\"} 1\n"
	H("ccheck_cert_expiry_seconds", "notAfter of each certificate the "
	    "target sent, in Unix time.")
	H("ccheck_probe_success",
	    "1 when the target passed every check, else 0.")
	"ccheck_probe_success{target=\"db:5432\"} 0\n"
	H("ccheck_probe_duration_seconds",
	    "Seconds the probe of the target took.")
	"ccheck_probe_duration_seconds{target=\"db:5432\"} 0.007\n"
	H("ccheck_cert_not_after_seconds",
	    "Earliest notAfter on the verified path, in Unix time.")
	H("ccheck_cert_days_left", "Whole days left before the earliest "
	    "notAfter on the verified path.")
	H("ccheck_tls_version_info",
	    "The TLS version the target negotiated.")
	H("ccheck_cert_expiry_seconds", "notAfter of each certificate the "
	    "target sent, in Unix time.")
	"ccheck_cert_days_left{target=\"db:5432\",verification=\"none\"} 85\n";

int
main(void)
{
	size_t i;

	for (i = 0; i < sizeof prom_cases / sizeof prom_cases[0]; i++) {
		CHECKF(strcmp(written(out_prom_label, prom_cases[i].in),
		    prom_cases[i].want) == 0, "prometheus label, case %zu", i);
	}
	for (i = 0; i < sizeof nagios_cases / sizeof nagios_cases[0]; i++) {
		CHECKF(strcmp(written(out_nagios_label, nagios_cases[i].in),
		    nagios_cases[i].want) == 0, "nagios label, case %zu", i);
	}
	CHECK_STR(written(target, NULL), want_target,
	    "one target's exposition");
	return t_exit();
}
