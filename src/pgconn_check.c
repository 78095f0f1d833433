/* SPDX-License-Identifier: MIT */
/*
 * pgconn_check: the values of a connection string checked as libpq 17's
 * pqConnectOptions2 and its connect path check them, with libpq's
 * words, and turned into what ccheck probes with.  Where libpq 15 and 17
 * differ, 17 decides (README).
 */
#include <limits.h>
#include <string.h>

#include "pgconn_int.h"

/* ssl_min/max_protocol_version codes (TLS's own: 0x0301 = TLS 1.0). */
#define TLS_V10 0x0301
#define TLS_V13 0x0304

/* True when v is one of the NUL-separated words of list. */
static bool
is_one_of(const char *v, const char *list)
{
	for (; *list != '\0'; list += strlen(list) + 1) {
		if (strcmp(v, list) == 0) {
			return true;
		}
	}
	return false;
}

/* libpq's "invalid %s value" check for keyword kw; unset is valid. */
static int
check_enum(struct pgconn_vals *s, int kw, const char *list)
{
	const char *v = s->v[kw];

	if (v == NULL || is_one_of(v, list)) {
		return 0;
	}
	return pgconn_fail(s, "invalid %s value: \"%s\"", pgconn_kw_name(kw),
	    pgconn_shown(s, kw, v));
}

/* see pgconn_int.h */
int
pgconn_parse_int(const char *v, long *out)
{
	const char *p = v;
	bool is_neg = false;
	unsigned long n = 0;

	while (pgconn_is_space(*p)) {
		p++;
	}
	if (*p == '+' || *p == '-') {
		is_neg = *p++ == '-';
	}
	if (*p < '0' || *p > '9') {
		return -1;
	}
	/* Up to 2^31 (INT_MIN's magnitude), without overflowing a 32-bit
	 * long on the way. */
	for (; *p >= '0' && *p <= '9'; p++) {
		unsigned d = (unsigned)(*p - '0');

		if (n > 214748364UL || (n == 214748364UL && d > 8)) {
			return -1;
		}
		n = n * 10 + d;
	}
	while (pgconn_is_space(*p)) {
		p++;
	}
	if (*p != '\0' || (!is_neg && n > (unsigned long)INT_MAX)) {
		return -1;
	}
	*out = is_neg && n > 0 ? -(long)(n - 1) - 1 : (long)n;
	return 0;
}

/* An integer keyword, checked as libpq checks it when it connects. */
static int
check_int(struct pgconn_vals *s, int kw, long *out)
{
	const char *v = s->v[kw];

	*out = 0;
	if (v == NULL || pgconn_parse_int(v, out) == 0) {
		return 0;
	}
	return pgconn_fail(s, "invalid integer value \"%s\" for connection "
	    "option \"%s\"", pgconn_shown(s, kw, v), pgconn_kw_name(kw));
}

/* see pgconn_int.h */
int
pgconn_check_connect(struct pgconn_vals *s)
{
	long v;

	if (check_int(s, KW_CONNECT_TIMEOUT, &v) < 0 ||
	    check_int(s, KW_KEEPALIVES, &v) < 0) {
		return -1;
	}
	/* libpq reads the rest only with keepalives on (the default). */
	if (s->v[KW_KEEPALIVES] != NULL && v == 0) {
		return 0;
	}
	if (check_int(s, KW_KEEPALIVES_IDLE, &v) < 0 ||
	    check_int(s, KW_KEEPALIVES_INTERVAL, &v) < 0 ||
	    check_int(s, KW_KEEPALIVES_COUNT, &v) < 0 ||
	    check_int(s, KW_TCP_USER_TIMEOUT, &v) < 0) {
		return -1;
	}
	return 0;
}

/*
 * require_auth as libpq 17 reads it: a comma list of methods, all
 * negated ("!md5") or none, each at most once.  The bits are libpq's
 * AUTH_REQ_* codes, so that its duplicate rule (gss and sspi share
 * GSS_CONT) comes out the same.
 */
static int
check_require_auth(struct pgconn_vals *s)
{
	static const struct {
		const char *name;
		unsigned bits;
	} methods[] = {
		{ "password", 1u << 3 },
		{ "md5", 1u << 5 },
		{ "gss", 1u << 7 | 1u << 8 },
		{ "sspi", 1u << 9 | 1u << 8 },
		{ "scram-sha-256", 1u << 10 | 1u << 11 | 1u << 12 },
	};
	const char *v = s->v[KW_REQUIRE_AUTH];
	char part[64];
	unsigned allowed = 0;
	bool is_required = true;
	bool is_negated = false;
	bool is_first = true;
	size_t i;

	if (v == NULL || *v == '\0') {
		return 0;
	}
	for (;; is_first = false) {
		size_t len = strcspn(v, ",");
		const char *m = part;
		unsigned bits = 0;

		/* A longer part is no method: it fails below. */
		if (len >= sizeof part) {
			len = sizeof part - 1;
		}
		memcpy(part, v, len);
		part[len] = '\0';
		if (*m == '!') {
			if (is_first) {
				is_required = false;
				allowed = ~0u;
			} else if (!is_negated) {
				return pgconn_fail(s, "negative require_auth "
				    "method \"%s\" cannot be mixed with "
				    "non-negative methods",
				    pgconn_shown(s, KW_REQUIRE_AUTH, m));
			}
			is_negated = true;
			m++;
		} else if (is_negated) {
			return pgconn_fail(s, "require_auth method \"%s\" "
			    "cannot be mixed with negative methods",
			    pgconn_shown(s, KW_REQUIRE_AUTH, m));
		}
		for (i = 0; i < sizeof methods / sizeof methods[0]; i++) {
			if (strcmp(m, methods[i].name) == 0) {
				bits = methods[i].bits;
			}
		}
		if (strcmp(m, "none") == 0) {
			/* "none": no authentication request at all. */
			if (is_negated ? is_required : !is_required) {
				goto duplicate;
			}
			is_required = is_negated;
		} else if (bits == 0) {
			return pgconn_fail(s, "invalid require_auth value: "
			    "\"%s\"", pgconn_shown(s, KW_REQUIRE_AUTH, m));
		} else if (is_negated) {
			if ((allowed & bits) == 0) {
				goto duplicate;
			}
			allowed &= ~bits;
		} else {
			if ((allowed & bits) == bits) {
				goto duplicate;
			}
			allowed |= bits;
		}
		v += strcspn(v, ",");
		if (*v++ == '\0') {
			return 0;
		}
	}
duplicate:
	return pgconn_fail(s, "require_auth method \"%s\" is specified more "
	    "than once", pgconn_shown(s, KW_REQUIRE_AUTH, part));
}

/* TLSv1..TLSv1.3 in any case, as libpq's sslVerifyProtocolVersion;
 * 0: empty (not set). */
static int
tls_version(struct pgconn_vals *s, int kw, unsigned *out)
{
	static const char *const names[] = {
		"tlsv1", "tlsv1.1", "tlsv1.2", "tlsv1.3"
	};
	const char *v = s->v[kw];
	char low[8];
	size_t i;

	*out = 0;
	if (v == NULL || *v == '\0') {
		return 0;
	}
	for (i = 0; i < sizeof low - 1 && v[i] != '\0'; i++) {
		low[i] = v[i] >= 'A' && v[i] <= 'Z' ? (char)(v[i] + 32) : v[i];
	}
	low[i] = '\0';
	for (i = 0; v[strlen(low)] == '\0' &&
	    i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(low, names[i]) == 0) {
			*out = TLS_V10 + (unsigned)i;
			return 0;
		}
	}
	/* libpq 17's wording (15 writes the keyword without quotes). */
	return pgconn_fail(s, "invalid \"%s\" value: \"%s\"",
	    pgconn_kw_name(kw), pgconn_shown(s, kw, v));
}

/* The TLS range: parsed, checked as sslVerifyProtocolRange. */
static int
check_tls_range(struct pgconn_vals *s, struct pgconn *pc, bool is_conninfo)
{
	const char *min = s->v[KW_SSL_MIN_PROTOCOL_VERSION];

	if (tls_version(s, KW_SSL_MIN_PROTOCOL_VERSION, &pc->tls_min) < 0 ||
	    tls_version(s, KW_SSL_MAX_PROTOCOL_VERSION, &pc->tls_max) < 0) {
		return -1;
	}
	/* libpq's compiled-in default: TLSv1.2 when not given at all. */
	if (min == NULL) {
		pc->tls_min = 0x0303;
	}
	if (pc->tls_min != 0 && pc->tls_max != 0 && pc->tls_min > pc->tls_max) {
		return pgconn_fail(s, "invalid SSL protocol version range");
	}
	if (min == NULL && !is_conninfo) {
		pc->tls_min = 0;	/* a plain SPEC keeps the run's */
	}
	return 0;
}

/* sslmode (with sslrootcert=system's default) to pc->verify. */
static int
check_sslmode(struct pgconn_vals *s, struct pgconn *pc, const char **mode)
{
	const char *root = s->v[KW_SSLROOTCERT];

	pc->has_sslmode = s->v[KW_SSLMODE] != NULL;
	pc->is_system_roots = root != NULL && strcmp(root, "system") == 0;
	*mode = s->v[KW_SSLMODE];
	if (*mode == NULL) {
		/* libpq 16+: system roots make verify-full the default. */
		*mode = pc->is_system_roots ? "verify-full" : "prefer";
	}
	if (check_enum(s, KW_SSLMODE, "disable\0allow\0prefer\0require\0"
	    "verify-ca\0verify-full\0") < 0) {
		return -1;
	}
	if (strcmp(*mode, "disable") == 0) {
		return pgconn_fail(s, "sslmode=disable does not use TLS; "
		    "ccheck needs require or stronger");
	}
	if (strcmp(*mode, "verify-full") == 0) {
		pc->verify = SPEC_VERIFY_FULL;
	} else if (strcmp(*mode, "verify-ca") == 0) {
		pc->verify = SPEC_VERIFY_CA;
	} else if (pc->has_sslmode) {
		/* allow, prefer, require: a probe wants TLS; pgspec makes it
		 * verify-ca when a root certificate file exists. */
		pc->verify = SPEC_VERIFY_NONE;
	} else {
		pc->verify = SPEC_VERIFY_DEFAULT;
	}
	return 0;
}

/* see pgconn_int.h */
int
pgconn_check_tls(struct pgconn_vals *s, struct pgconn *pc, bool is_conninfo)
{
	const char *mode;
	const char *neg = s->v[KW_SSLNEGOTIATION];
	const char *sni = s->v[KW_SSLSNI];
	const char *gss = s->v[KW_GSSENCMODE];
	const char *certmode = s->v[KW_SSLCERTMODE];

	if (s->v[KW_SERVICE] != NULL) {
		return pgconn_fail(s, "service files are not supported "
		    "(service=%s)", pgconn_shown(s, KW_SERVICE,
		    s->v[KW_SERVICE]));
	}
	if (check_require_auth(s) < 0 ||
	    check_enum(s, KW_CHANNEL_BINDING, "disable\0prefer\0require\0") <
	    0 || check_sslmode(s, pc, &mode) < 0 ||
	    check_enum(s, KW_SSLNEGOTIATION, "postgres\0direct\0") < 0) {
		return -1;
	}
	pc->pg_neg = neg == NULL ? SPEC_PG_NEG_DEFAULT : neg[0] == 'd' ?
	    SPEC_PG_NEG_DIRECT : SPEC_PG_NEG_POSTGRES;
	if (pc->pg_neg == SPEC_PG_NEG_DIRECT && mode[0] != 'r' &&
	    mode[0] != 'v') {
		return pgconn_fail(s, "weak sslmode \"%s\" may not be used with "
		    "sslnegotiation=direct (use \"require\", \"verify-ca\", or "
		    "\"verify-full\")", pgconn_shown(s, KW_SSLMODE, mode));
	}
	if (pc->is_system_roots && strcmp(mode, "verify-full") != 0) {
		return pgconn_fail(s, "weak sslmode \"%s\" may not be used with "
		    "sslrootcert=system (use \"verify-full\")",
		    pgconn_shown(s, KW_SSLMODE, mode));
	}
	if (check_tls_range(s, pc, is_conninfo) < 0 ||
	    check_enum(s, KW_SSLCERTMODE, "disable\0allow\0require\0") < 0 ||
	    check_enum(s, KW_GSSENCMODE, "disable\0prefer\0require\0") < 0) {
		return -1;
	}
	if (gss != NULL && strcmp(gss, "require") == 0) {
		return pgconn_fail(s, "gssencmode=require does not use TLS; "
		    "ccheck needs disable or prefer");
	}
	if (check_enum(s, KW_TARGET_SESSION_ATTRS, "any\0read-write\0"
	    "read-only\0primary\0standby\0prefer-standby\0") < 0 ||
	    check_enum(s, KW_LOAD_BALANCE_HOSTS, "disable\0random\0") < 0) {
		return -1;
	}
	pc->is_cert_disabled = certmode != NULL && certmode[0] == 'd';
	pc->is_cert_required = certmode != NULL && certmode[0] == 'r';
	/* libpq sends SNI when the value starts with '1', and only then
	 * ("yes" sends none); it never complains. */
	pc->is_no_sni = sni != NULL && sni[0] != '1';
	return 0;
}
