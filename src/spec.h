/* SPDX-License-Identifier: MIT */
/*
 * spec: one SPEC of the command line or an input file, parsed into what
 * to connect to, which name to check, and how to speak to it.
 */
#ifndef CK_SPEC_H
#define CK_SPEC_H

#include <stdint.h>

/* A DNS name is at most 253 characters (RFC 1035); room for the NUL. */
#define SPEC_HOST_CAP 256

enum spec_proto {
	SPEC_PROTO_TLS,			/* TLS from the first byte */
	SPEC_PROTO_POSTGRES		/* SSLRequest, then TLS */
};

enum spec_kind {
	SPEC_KIND_NET,			/* a server to probe */
	SPEC_KIND_FILE			/* a PEM file holding a chain */
};

struct spec {
	const char *text;		/* as given; borrowed, for reports */
	enum spec_kind kind;
	enum spec_proto proto;
	char addr[SPEC_HOST_CAP];	/* connect here (name or IP literal) */
	char name[SPEC_HOST_CAP];	/* SNI and name check */
	uint16_t port;
};

/*
 * Parses text (borrowed: it must outlive sp) into sp.  Forms:
 *   host:port  host  [v6]:port  [v6]  v6  addr(name):port  addr(name)
 * and the path of an existing regular file (a PEM chain).  A missing port
 * is 5432 for SPEC_PROTO_POSTGRES, else 443.  Returns NULL, or a static
 * one-line reason the text is not a SPEC.
 */
const char *spec_parse(const char *text, enum spec_proto proto,
    struct spec *sp);

/*
 * Decimal in [lo, hi]: no sign, no blanks, no junk, no overflow.  The one
 * number parser of ccheck.  Returns 0 and sets *out, or -1.
 */
int spec_parse_ulong(const char *s, unsigned long lo, unsigned long hi,
    unsigned long *out);

#endif
