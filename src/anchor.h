/* SPDX-License-Identifier: MIT */
/*
 * anchor: trust anchors as compact records in one byte array, and the
 * one reader of them.  The compiled-in anchors (mkanchors writes them as
 * one const array) and those loaded at run time (pem_load_anchors) are
 * the same records, so x509 walks one format.  The path validator reads
 * a record's name and key in place (struct anchor points into it): the
 * binary holds no per-anchor structs, which for Debian's 144 anchors
 * were 10 KB of pointers, lengths and padding.  No allocation.
 *
 * A record, integers big-endian, records back to back:
 *   u8   kind       bit 0: CA (BR_X509_TA_CA); bit 1: DN packed;
 *                   bits 2-3: key type, BR_KEYTYPE_RSA (1),
 *                   BR_KEYTYPE_EC (2) or X509_KEYTYPE_ED25519 (3);
 *                   bit 4: the certificate
 *                   follows; bits 5-7 zero
 *   s40  not_after  seconds since the epoch, UTC, two's complement
 *                   (years 0000 to 9999 need 39 bits)
 *   u16  dn_len, then the subject Name: DER, or packed (below)
 *   RSA: u16 n_len, n; u16 e_len, e (as in the certificate, no
 *        leading zeros)
 *   EC:  u8 curve (BR_EC_*); u16 q_len, q
 *   Ed25519: u16 q_len, q (the key, in pkey.key.ec with curve 0)
 *   bit 4: u16 cert_len, the whole DER certificate.  Anchors read from
 *        a root file keep it, so the path validator sees their
 *        extensions, issuer and signature (libpq needs a path to end
 *        at a self-signed root; an intermediate in the file is
 *        validated up to one).  The compiled-in anchors do not: they
 *        are self-signed roots (mkanchors skips any other), and only
 *        their names, keys and dates are used.
 * Every length is at least 1.
 *
 * A packed Name is one entry per RDN: "code len value", code being
 * tag << 5 | type (indexes into the string tags and attribute types of
 * anchor.c), len < 128.  An entry stands for exactly the DER
 *   31 L 30 L 06 Lo <type OID> <tag> len <value>
 * (minimal lengths), so each attribute costs 2 bytes of header instead
 * of 11; the Name's own header is re-derived.  The encoder packs a Name
 * only when every RDN holds one attribute of a known type and string
 * tag, the DER is at most ANCHOR_DN_CAP bytes and expanding the packed
 * form gives back the same bytes; anything else stays DER.
 */
#ifndef CK_ANCHOR_H
#define CK_ANCHOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <bearssl.h>

#include "der.h"
#include "x509_cert.h"

/*
 * Bytes of DER a packed Name expands to, at most.  The encoder stores a
 * longer Name as DER, so this bounds the expansion buffers only, never
 * which anchors fit.  The longest subject in Debian's bundle is 213
 * bytes; real CA names are a few short attributes.
 */
#define ANCHOR_DN_CAP 256

/* A run of records: the compiled-in ones or a file's. */
struct anchor_set {
	const unsigned char *rec;	/* NULL when n is 0 */
	size_t len;			/* bytes of rec */
	size_t n;			/* records */
};

/* One record, decoded; every pointer points into the record. */
struct anchor {
	unsigned flags;			/* BR_X509_TA_CA or 0 */
	int64_t not_after;		/* seconds since the epoch, UTC */
	const unsigned char *dn;	/* the Name as stored */
	size_t dn_len;
	bool is_dn_packed;
	size_t dn_der_len;		/* bytes of the Name in DER */
	br_x509_pkey pkey;		/* n and e, or q, in the record */
	const unsigned char *cert;	/* the DER certificate, or NULL */
	size_t cert_len;
};

/* Where a walk over a set has got to. */
struct anchor_iter {
	struct rd r;
};

/*
 * Encodes trust anchor d (see x509_ta_describe) as one record.  With
 * out NULL only measures; else writes it at out, which has cap bytes.
 * Returns the record's length, or 0 when d cannot be encoded (a field
 * of 64 KiB or more, a notAfter beyond 40 bits, a key type other than
 * RSA, EC or Ed25519) or cap is too small.  Nothing is written on 0.
 */
size_t anchor_encode(const struct x509_ta_desc *d, unsigned char *out,
    size_t cap);

/*
 * True when rec/len is exactly one record that reads back as d: Name
 * (packed or not), notAfter, flags and key, byte for byte.  For the
 * generator and the fuzz harness, which prove anchor_encode round-trips;
 * *is_packed (may be NULL) says whether the Name was packed.
 */
bool anchor_record_is(const unsigned char *rec, size_t len,
    const struct x509_ta_desc *d, bool *is_packed);

/*
 * Checks that rec/len is a run of whole, well-formed records (packed
 * Names included) and points s at it (borrowed: rec must outlive s).
 * Returns 0, or -1 with s empty.
 */
int anchor_set_init(struct anchor_set *s, const unsigned char *rec,
    size_t len);

/* Starts a walk over s (NULL: an empty set). */
void anchor_iter_init(struct anchor_iter *it, const struct anchor_set *s);

/*
 * Decodes the next record into *a.  Returns 1, 0 at the end, or -1 (and
 * every later call -1) when the record is malformed; *a is zeroed on 0
 * and -1.  After 1 the packed Name is known to expand within
 * ANCHOR_DN_CAP.
 */
int anchor_next(struct anchor_iter *it, struct anchor *a);

/*
 * The DER Name of a (from anchor_next): the stored bytes, or the packed
 * form expanded into buf.  Sets *len and returns where the Name is.
 */
const unsigned char *anchor_dn(const struct anchor *a,
    unsigned char buf[ANCHOR_DN_CAP], size_t *len);

/* True when a's Name in DER is exactly dn/len. */
bool anchor_dn_eq(const struct anchor *a, const unsigned char *dn,
    size_t len);

#endif
