/* SPDX-License-Identifier: MIT */
/*
 * der: the checked reader every parser of untrusted bytes goes through.
 * Lengths from the input are compared with what is left before use; the
 * first failure sticks, so a parser can read a whole structure and look
 * at the flag once, as Dropbear's buf_get* and BearSSL's decoders do.
 */
#include <string.h>

#include "der.h"

/* see der.h */
void
rd_init(struct rd *r, const void *buf, size_t len)
{
	r->p = buf;
	r->left = buf != NULL ? len : 0;
	r->bad = buf == NULL && len != 0;
}

/* see der.h */
unsigned
rd_u8(struct rd *r)
{
	if (r->bad || r->left == 0) {
		r->bad = 1;
		return 0;
	}
	r->left--;
	return *r->p++;
}

/* see der.h */
unsigned
rd_u16be(struct rd *r)
{
	unsigned v = rd_u8(r) << 8;

	v |= rd_u8(r);
	return r->bad ? 0 : v;
}

/* see der.h */
uint32_t
rd_u24be(struct rd *r)
{
	uint32_t v = (uint32_t)rd_u16be(r) << 8;

	v |= rd_u8(r);
	return r->bad ? 0 : v;
}

/* see der.h */
uint32_t
rd_u32be(struct rd *r)
{
	uint32_t v = (uint32_t)rd_u16be(r) << 16;

	v |= rd_u16be(r);
	return r->bad ? 0 : v;
}

/* see der.h */
const unsigned char *
rd_bytes(struct rd *r, size_t n)
{
	const unsigned char *p;

	if (r->bad || r->left < n) {
		r->bad = 1;
		return NULL;
	}
	p = r->p;
	r->p += n;
	r->left -= n;
	return p;
}

/* see der.h */
void
rd_skip(struct rd *r, size_t n)
{
	(void)rd_bytes(r, n);
}

/* see der.h */
struct rd
rd_sub(struct rd *r, size_t n)
{
	struct rd s;
	const unsigned char *p = rd_bytes(r, n);

	s.p = p;
	s.left = p != NULL ? n : 0;
	s.bad = p == NULL;
	return s;
}

/* see der.h */
bool
rd_is_done(const struct rd *r)
{
	return !r->bad && r->left == 0;
}

/* see der.h */
int
der_read(struct rd *r, struct der_tlv *t)
{
	const unsigned char *start = r->p;
	size_t before = r->left;
	unsigned tag;
	unsigned first;
	size_t len;
	unsigned i;

	memset(t, 0, sizeof *t);
	tag = rd_u8(r);
	/* Tag number 31 announces a multi-byte tag; X.509 never needs one. */
	if ((tag & 0x1f) == 0x1f) {
		r->bad = 1;
	}
	first = rd_u8(r);
	if (first < 0x80) {
		len = first;
	} else if (first == 0x80 || first > 0x84) {
		/* 0x80 is the indefinite form (BER only); > 4 bytes of
		 * length cannot describe anything that fits in memory we
		 * would accept. */
		r->bad = 1;
		len = 0;
	} else {
		len = 0;
		for (i = 0; i < (first & 0x7f); i++) {
			len = (len << 8) | rd_u8(r);
		}
	}
	if (r->bad || len > r->left) {
		r->bad = 1;
		return -1;
	}
	t->tag = tag;
	t->val = r->p;
	t->len = len;
	t->raw = start;
	t->raw_len = before - r->left + len;
	r->p += len;
	r->left -= len;
	return 0;
}

/* see der.h */
int
der_expect(struct rd *r, unsigned tag, struct rd *val)
{
	struct der_tlv t;

	if (der_read(r, &t) < 0 || t.tag != tag) {
		r->bad = 1;
		if (val != NULL) {
			rd_init(val, NULL, 0);
			val->bad = 1;
		}
		return -1;
	}
	if (val != NULL) {
		rd_init(val, t.val, t.len);
	}
	return 0;
}

/* see der.h */
int
der_peek(const struct rd *r)
{
	if (r->bad || r->left == 0) {
		return -1;
	}
	return r->p[0];
}

/* see der.h */
int
der_optional(struct rd *r, unsigned tag, struct der_tlv *t)
{
	if (der_peek(r) != (int)tag) {
		return r->bad ? -1 : 0;
	}
	return der_read(r, t) < 0 ? -1 : 1;
}

/* see der.h */
bool
der_oid_eq(const unsigned char *oid, size_t len, const unsigned char *want,
    size_t want_len)
{
	return len == want_len && memcmp(oid, want, len) == 0;
}
