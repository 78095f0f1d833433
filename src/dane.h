/* SPDX-License-Identifier: MIT */
/*
 * dane: TLSA records (RFC 6698) as a lookup brought them, matched against
 * a served chain under RFC 7671's rules, and the one line every output
 * shows of the outcome.  Pure: no sockets, no allocation; resolv.c fills
 * a struct dane_tlsa, verdict.c asks dane_match.
 *
 * ccheck's verdict stays libpq's (verify-full): DANE is reported beside
 * it and never turns a refused certificate into "ok".  --dane fails a
 * target only when a DNSSEC-validated TLSA set matches nothing served;
 * --dane=require also fails one whose set is missing, not validated or
 * could not be looked up.  A DANE-EE(3) match ignores names and dates
 * (RFC 7671 5.1), so it can be shown beside a name or expiry failure:
 * the failure stands.
 */
#ifndef CK_DANE_H
#define CK_DANE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "x509.h"

/*
 * Records kept from one TLSA set: dns.h's DNS_RDATA_MAX; a larger set is
 * flagged (is_more), and a failed match then says only the first were
 * tried.
 */
#define DANE_REC_MAX 16

/* Record data shown: the first bytes, as "5a1f2c3d…". */
#define DANE_HEAD_LEN 4

/* A lookup's failure: "no answer from 3 name servers within N ms
 * (ignored N replies, last: ...)" and the like, without the name. */
#define DANE_WHY_CAP 128
/* Room for dane_format's line: the TLSA name, a reason and the words
 * around them. */
#define DANE_TEXT_CAP (DANE_NAME_CAP + DANE_WHY_CAP + 128)

/* A DANE-TA key kept whole: an SPKI up to RSA-4096 (sig.c's limit). */
#define DANE_TA_SPKI_CAP 600

/* "_65535._tcp." and a name of 253 characters, the NUL. */
#define DANE_NAME_CAP (12 + 254)

enum dane_mode {
	DANE_OFF,
	DANE_ON,			/* --dane */
	DANE_REQUIRE			/* --dane=require */
};

/* What the TLSA lookup came to. */
enum dane_lookup {
	DANE_L_NONE,			/* not looked up (no --dane, a file) */
	DANE_L_NO_NAME,			/* the host is an IP address */
	DANE_L_VALIDATED,		/* records, AD set and trusted */
	DANE_L_UNVALIDATED,		/* records, not trusted: why */
	DANE_L_NXDOMAIN,		/* no such name */
	DANE_L_NODATA,			/* the name, no TLSA */
	DANE_L_FAILED			/* lookup failed: why */
};

/* One TLSA record, as kept. */
struct dane_rec {
	unsigned char usage;		/* 0 PKIX-TA ... 3 DANE-EE */
	unsigned char selector;		/* 0 certificate, 1 SPKI */
	unsigned char mtype;		/* 0 exact, 1 SHA-256, 2 SHA-512 */
	bool is_usable;			/* known fields, right digest length */
	uint16_t len;			/* of the association data */
	unsigned char head[DANE_HEAD_LEN];
	/* mtype 1 and 2: the digest; mtype 0: SHA-256 of the data (an
	 * exact match of the data is then a match of its hash). */
	unsigned char digest[64];
};

/* A lookup's outcome; the target slot keeps it until the verdict. */
struct dane_tlsa {
	enum dane_lookup lookup;
	size_t n;
	bool is_more;			/* records past DANE_REC_MAX */
	struct dane_rec rec[DANE_REC_MAX];
	char why[DANE_WHY_CAP];	/* UNVALIDATED, FAILED: the reason */
	/* The SPKI of the first usable 2 0 0 or 2 1 0 record (ta_len 0:
	 * none; rec[ta_rec] is the record): a trust anchor the server
	 * need not send (RFC 7671 5.2.2). */
	unsigned char ta_spki[DANE_TA_SPKI_CAP];
	size_t ta_len;
	size_t ta_rec;
};

/* What the report keeps and outputs show. */
enum dane_state {
	DANE_S_NONE,			/* no --dane */
	DANE_S_MATCH,			/* rec matched (at depth) */
	DANE_S_NO_MATCH,		/* validated records, none matched */
	DANE_S_NO_CERT,			/* validated records, no chain */
	DANE_S_UNUSABLE,		/* validated, no usable record */
	DANE_S_NO_NAME,
	DANE_S_UNVALIDATED,
	DANE_S_NXDOMAIN,
	DANE_S_NODATA,
	DANE_S_FAILED
};

struct dane_report {
	enum dane_state state;
	struct dane_rec rec;		/* MATCH: the record; NO_MATCH: the
					 * first usable one */
	unsigned depth;			/* MATCH: 0 leaf, 1 its issuer ... */
	bool is_pkix_needed;		/* NO_MATCH: a usage 0/1 record
					 * matched, the PKIX path failed */
	bool is_unsent;			/* MATCH: a 2 0 0 / 2 1 0 record's
					 * key signed the top certificate */
	bool is_more;
	char why[DANE_WHY_CAP];
	char name[DANE_NAME_CAP];	/* _PORT._tcp.HOST */
};

/*
 * Reads one TLSA RDATA (len bytes, untrusted) into out: usage, selector,
 * matching type and at least one byte of data.  Unknown values and a
 * digest of the wrong length (not 32 / 64 bytes) leave is_usable false
 * (RFC 7671 4.1: such records are ignored).  Returns 0, or -1 when len is
 * under 4 (a record that cannot be read).
 */
int dane_rec_parse(const unsigned char *rd, size_t len,
    struct dane_rec *out);

/*
 * Keeps in t the key of record data rd (len bytes, t->rec[t->n - 1] just
 * parsed from it) when that is the first usable DANE-TA record with
 * whole data: 2 0 0 (a certificate: its SPKI) or 2 1 0 (the SPKI).  A
 * certificate or key that does not parse, or one over DANE_TA_SPKI_CAP
 * bytes, is not kept.  dane_match then lets that key stand for a trust
 * anchor the server did not send (RFC 7671 5.2.2): the topmost sent
 * certificate must verify with it.
 */
void dane_ta_keep(struct dane_tlsa *t, const unsigned char *rd, size_t len);

/*
 * Matches the validated records of t against chain ch (as served, leaf
 * first; NULL: none was seen) into out, whose name is _PORT._tcp.HOST: DANE-EE(3) the leaf, DANE-TA(2) a certificate the
 * server sent above the leaf, PKIX-EE(1) the leaf and PKIX-TA(0) one
 * above it, both only when is_pkix (the chain passed x509_verify with a
 * path to a trusted root).  The first matching record in answer order
 * wins.  For a lookup that found no validated records, out says what
 * it found.  t NULL: DANE_S_NONE.
 */
void dane_match(const struct dane_tlsa *t, const struct x509_chain *ch,
    bool is_pkix, const char *host, unsigned port, struct dane_report *out);

/* Whether out fails the target under mode. */
bool dane_is_failure(const struct dane_report *r, enum dane_mode mode);

/*
 * Writes "DANE: ..." for r into out (cap bytes; DANE_TEXT_CAP is
 * enough).  Returns out; "" for DANE_S_NONE.
 */
char *dane_format(const struct dane_report *r, char *out, size_t cap);

/* The state's name in JSON ("match", "no-match", ...). */
const char *dane_state_name(enum dane_state s);

/*
 * "3 1 1 5a1f2c3d…" of rec into out (cap bytes; DANE_REC_TEXT_CAP is
 * enough); is_full: a digest (matching types 1, 2) whole.
 */
#define DANE_REC_TEXT_CAP (16 + 2 * 64)
char *dane_rec_format(const struct dane_rec *rec, bool is_full, char *out,
    size_t cap);

#endif
