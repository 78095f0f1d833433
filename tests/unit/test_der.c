/* SPDX-License-Identifier: MIT */
/*
 * test_der: the checked reader (rd_*) and the DER TLV reader: lengths in
 * every form, truncation, overflowing long forms, and the sticky error.
 */
#include "der.h"
#include "t.h"

struct tlv_case {
	const char *name;
	unsigned char in[12];
	size_t len;
	int want_rc;
	unsigned want_tag;
	size_t want_len;		/* contents */
	size_t want_raw_len;		/* header + contents */
	size_t want_left;		/* after the element */
};

static const struct tlv_case tlv_cases[] = {
	{ "short form", { 0x02, 0x01, 0x05 }, 3, 0, 0x02, 1, 3, 0 },
	{ "empty contents", { 0x04, 0x00 }, 2, 0, 0x04, 0, 2, 0 },
	{ "long form, 1 byte", { 0x30, 0x81, 0x03, 1, 2, 3 }, 6, 0, 0x30,
	    3, 6, 0 },
	{ "long form, not minimal", { 0x04, 0x82, 0x00, 0x02, 0xaa, 0xbb },
	    6, 0, 0x04, 2, 6, 0 },
	{ "long form, 4 bytes", { 0x04, 0x84, 0, 0, 0, 1, 0xff }, 7, 0,
	    0x04, 1, 7, 0 },
	{ "trailing byte stays", { 0x05, 0x00, 0xff }, 3, 0, 0x05, 0, 2, 1 },
	{ "context constructed", { 0xa3, 0x03, 0x02, 0x01, 0x00 }, 5, 0,
	    0xa3, 3, 5, 0 },
	{ "exactly 127", { 0x04, 0x7f }, 2, -1, 0, 0, 0, 0 },
	{ "empty input", { 0 }, 0, -1, 0, 0, 0, 0 },
	{ "no length", { 0x02 }, 1, -1, 0, 0, 0, 0 },
	{ "length past end", { 0x02, 0x05, 0x01, 0x02 }, 4, -1, 0, 0, 0, 0 },
	{ "multi-byte tag", { 0x1f, 0x01, 0x00 }, 3, -1, 0, 0, 0, 0 },
	{ "indefinite length", { 0x30, 0x80, 0x00, 0x00 }, 4, -1, 0, 0, 0,
	    0 },
	{ "5 length bytes", { 0x04, 0x85, 0, 0, 0, 0, 1, 0 }, 8, -1, 0, 0, 0,
	    0 },
	{ "huge length", { 0x04, 0x84, 0xff, 0xff, 0xff, 0xff, 0 }, 7, -1, 0,
	    0, 0, 0 },
	{ "length bytes cut", { 0x04, 0x82, 0x01 }, 3, -1, 0, 0, 0, 0 },
	{ "long form, no bytes", { 0x04, 0x81 }, 2, -1, 0, 0, 0, 0 },
	{ "long form one short", { 0x04, 0x81, 0x02, 0xaa }, 4, -1, 0, 0, 0,
	    0 },
};

static void
test_tlv(void)
{
	size_t i;
	struct rd r;
	struct der_tlv t;
	int rc;

	for (i = 0; i < sizeof tlv_cases / sizeof tlv_cases[0]; i++) {
		const struct tlv_case *c = &tlv_cases[i];

		rd_init(&r, c->in, c->len);
		rc = der_read(&r, &t);
		CHECK_INT(rc, c->want_rc, c->name);
		if (c->want_rc < 0) {
			CHECK_INT(r.bad, 1, c->name);
			CHECK_INT(t.len, 0, c->name);
			continue;
		}
		CHECK_INT(t.tag, c->want_tag, c->name);
		CHECK_INT(t.len, c->want_len, c->name);
		CHECK_INT(t.raw_len, c->want_raw_len, c->name);
		CHECK_INT(r.left, c->want_left, c->name);
		CHECK(t.raw == c->in);
	}
}

static void
test_rd(void)
{
	static const unsigned char b[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
	struct rd r;
	struct rd s;

	rd_init(&r, b, sizeof b);
	CHECK_INT(rd_u8(&r), 1, "u8");
	CHECK_INT(rd_u16be(&r), 0x0203, "u16be");
	CHECK_INT(rd_u24be(&r), 0x040506, "u24be");
	CHECK_INT(r.left, 3, "left after 6");
	CHECK_INT(rd_u32be(&r), 0, "u32be past the end");
	CHECK_INT(r.bad, 1, "bad after over-read");
	CHECK_INT(rd_u8(&r), 0, "sticky: u8 after failure");
	CHECK(rd_bytes(&r, 0) == NULL);

	rd_init(&r, b, sizeof b);
	CHECK_INT(rd_u32be(&r), 0x01020304, "u32be");
	s = rd_sub(&r, 3);
	CHECK_INT(s.left, 3, "sub length");
	CHECK_INT(rd_u8(&s), 5, "sub first byte");
	CHECK_INT(r.left, 2, "parent moved past sub");
	s = rd_sub(&r, 3);
	CHECK_INT(s.bad, 1, "sub past end: sub bad");
	CHECK_INT(r.bad, 1, "sub past end: parent bad");
	CHECK(!rd_is_done(&r));

	rd_init(&r, b, 2);
	rd_skip(&r, 2);
	CHECK(rd_is_done(&r));
	rd_skip(&r, 1);
	CHECK(!rd_is_done(&r));

	rd_init(&r, NULL, 0);
	CHECK(rd_is_done(&r));
	rd_init(&r, NULL, 5);
	CHECK_INT(r.bad, 1, "NULL with a length is bad");
}

static void
test_expect(void)
{
	static const unsigned char seq[] = {
		0x30, 0x06, 0x02, 0x01, 0x07, 0x04, 0x01, 0xaa, 0x05, 0x00
	};
	struct rd r;
	struct rd in;
	struct rd v;
	struct der_tlv t;

	rd_init(&r, seq, sizeof seq);
	CHECK_INT(der_expect(&r, DER_SEQUENCE, &in), 0, "expect SEQUENCE");
	CHECK_INT(in.left, 6, "SEQUENCE contents");
	CHECK_INT(der_peek(&in), DER_INTEGER, "peek INTEGER");
	CHECK_INT(der_optional(&in, DER_BOOLEAN, &t), 0, "optional absent");
	CHECK_INT(der_optional(&in, DER_INTEGER, &t), 1, "optional present");
	CHECK_INT(t.val[0], 7, "INTEGER value");
	CHECK_INT(der_expect(&in, DER_INTEGER, &v), -1, "wrong tag");
	CHECK_INT(in.bad, 1, "wrong tag is sticky");
	CHECK_INT(v.bad, 1, "wrong tag: contents reader bad");
	CHECK_INT(der_peek(&in), -1, "peek on a bad reader");
	CHECK_INT(der_optional(&in, DER_OCTET_STRING, &t), -1,
	    "optional on a bad reader");
	CHECK_INT(der_expect(&r, DER_NULL, NULL), 0, "NULL after SEQUENCE");
	CHECK(rd_is_done(&r));
	CHECK(der_oid_eq(seq, 2, seq, 2));
	CHECK(!der_oid_eq(seq, 2, seq, 3));
}

int
main(void)
{
	test_tlv();
	test_rd();
	test_expect();
	return t_exit();
}
