/* SPDX-License-Identifier: MIT */
/*
 * der: a bounds-checked reader for untrusted bytes (struct rd) and, on top
 * of it, a DER TLV reader for X.509.  Every length read from the input is
 * checked against what is left before it is used; the first bad read sets
 * a sticky flag and every later read returns zeros, so callers parse a
 * whole structure and test r.bad once.  Used by x509, pem and the
 * framers (PostgreSQL replies, STARTTLS lines).  No allocation.
 */
#ifndef CK_DER_H
#define CK_DER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct rd {
	const unsigned char *p;
	size_t left;
	int bad;			/* sticky: once set, reads return 0 */
};

/* Universal tags we use (single-byte tags only; see der_read). */
#define DER_BOOLEAN		0x01
#define DER_INTEGER		0x02
#define DER_BIT_STRING		0x03
#define DER_OCTET_STRING	0x04
#define DER_NULL		0x05
#define DER_OID			0x06
#define DER_ENUMERATED		0x0a
#define DER_UTF8_STRING		0x0c
#define DER_PRINTABLE_STRING	0x13
#define DER_TELETEX_STRING	0x14
#define DER_IA5_STRING		0x16
#define DER_UTC_TIME		0x17
#define DER_GENERALIZED_TIME	0x18
#define DER_UNIVERSAL_STRING	0x1c
#define DER_BMP_STRING		0x1e
#define DER_SEQUENCE		0x30
#define DER_SET			0x31
/* Context-specific tags: [n] primitive and [n] constructed. */
#define DER_CTX(n)		(0x80 | (n))
#define DER_CTX_CONS(n)		(0xa0 | (n))

/* One element: tag, its contents, and the whole encoding (header too). */
struct der_tlv {
	unsigned tag;			/* the single identifier byte */
	const unsigned char *val;	/* contents */
	size_t len;			/* bytes of contents */
	const unsigned char *raw;	/* tag byte onwards */
	size_t raw_len;			/* header + contents */
};

/* Reads len bytes at buf (buf may be NULL when len is 0). */
void rd_init(struct rd *r, const void *buf, size_t len);

/* Next byte / big-endian integer; 0 and r->bad set if too few bytes. */
unsigned rd_u8(struct rd *r);
unsigned rd_u16be(struct rd *r);
uint32_t rd_u24be(struct rd *r);
uint32_t rd_u32be(struct rd *r);

/*
 * Returns a pointer to the next n bytes and moves past them, or NULL with
 * r->bad set if fewer than n are left (or r was already bad).
 */
const unsigned char *rd_bytes(struct rd *r, size_t n);

/* Skips n bytes; sets r->bad if fewer are left. */
void rd_skip(struct rd *r, size_t n);

/*
 * Splits off the next n bytes as their own reader and moves r past them.
 * If fewer than n are left, both r and the returned reader are bad.
 */
struct rd rd_sub(struct rd *r, size_t n);

/* True when r is not bad and nothing is left. */
bool rd_is_done(const struct rd *r);

/*
 * Reads one DER element into t.  Accepts single-byte tags only (a tag
 * number of 31 means a multi-byte tag: rejected), definite lengths only
 * (short form, or long form of 1 to 4 length bytes; minimal encoding is
 * not required), and a length that fits in what is left.  Returns 0, or
 * -1 with r->bad set and t zeroed.
 */
int der_read(struct rd *r, struct der_tlv *t);

/*
 * Reads one element that must have tag and sets *val to a reader over its
 * contents (val may be NULL to skip it).  Returns 0, or -1 with r->bad set
 * (and *val bad) on a wrong tag or a bad encoding.
 */
int der_expect(struct rd *r, unsigned tag, struct rd *val);

/* The tag of the next element without reading it; -1 if none or bad. */
int der_peek(const struct rd *r);

/*
 * Reads an element with tag only when the next element has it.  Returns
 * 1 when read (t filled), 0 when the next tag differs or nothing is left,
 * -1 on a bad encoding (r->bad set).
 */
int der_optional(struct rd *r, unsigned tag, struct der_tlv *t);

/*
 * True when the OID contents oid/len equal the DER contents want/want_len
 * (no tag or length bytes in either).
 */
bool der_oid_eq(const unsigned char *oid, size_t len,
    const unsigned char *want, size_t want_len);

#endif
