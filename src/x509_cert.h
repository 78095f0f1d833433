/* SPDX-License-Identifier: MIT */
/*
 * x509_cert: our own reading of one DER certificate (RFC 5280), the one
 * the path validator works on: dates as seconds, the signed bytes and
 * signature, the extensions it judges, the exact algorithm a certificate
 * uses (for an "unsupported ..." reason), and trust-anchor descriptions
 * for mkanchors and --root-certs.  Everything points into the caller's DER: nothing is
 * copied or allocated.
 */
#ifndef CK_X509_CERT_H
#define CK_X509_CERT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <bearssl.h>

#include "der.h"

/* A run of bytes inside the certificate being looked at. */
struct x509_bytes {
	const unsigned char *p;		/* NULL when absent */
	size_t len;
};

struct x509_cert {
	struct x509_bytes der;		/* the whole certificate */
	unsigned version;		/* 1, 2 or 3 */
	struct x509_bytes serial;	/* INTEGER contents */
	struct x509_bytes issuer;	/* Name, whole TLV, as BearSSL hashes */
	struct x509_bytes subject;	/* Name, whole TLV */
	int64_t not_before;		/* seconds since the epoch, UTC */
	int64_t not_after;
	struct x509_bytes spki;		/* SubjectPublicKeyInfo, whole TLV */
	struct x509_bytes key_oid;	/* SPKI algorithm OID contents */
	struct x509_bytes curve_oid;	/* EC named curve OID, if EC */
	unsigned char key_type;		/* BR_KEYTYPE_RSA/_EC,
					 * X509_KEYTYPE_ED25519; 0: other */
	bool is_rsa_pss_key;		/* RSA key under id-RSASSA-PSS (its
					 * parameters are not read) */
	int curve;			/* BR_EC_* for EC keys we know; 0 */
	struct x509_bytes rsa_n;	/* modulus, leading zeros stripped */
	struct x509_bytes rsa_e;	/* exponent, leading zeros stripped */
	struct x509_bytes ec_q;		/* EC point as in the BIT STRING */
	struct x509_bytes ed_key;	/* Ed25519: the 32-byte key */
	struct x509_bytes sig_oid;	/* signatureAlgorithm OID contents */
	struct x509_bytes tbs;		/* tbsCertificate, whole TLV */
	struct x509_bytes sig_alg;	/* outer signatureAlgorithm, whole TLV */
	struct x509_bytes sig_value;	/* signature bits after the unused-
					 * bits byte (parse fails unless 0) */
	struct x509_bytes san;		/* GeneralNames contents, or p NULL */
	bool has_basic_constraints;
	bool is_ca;			/* basicConstraints cA */
	int path_len;			/* pathLenConstraint; -1: none */
	bool has_key_usage;
	unsigned key_usage;		/* bit i: RFC 5280 KeyUsage bit i */
	bool has_eku;
	unsigned eku;			/* X509_EKU_* of the purposes listed */
	struct x509_bytes eku_list;	/* ExtKeyUsageSyntax contents */
	bool has_ns_type;
	unsigned ns_type;		/* bit i: Netscape cert type bit i */
	struct x509_bytes name_constraints;	/* extension value; p NULL
						 * when absent */
	struct x509_bytes ski;		/* subjectKeyIdentifier; p NULL */
	struct x509_bytes akid;		/* authority keyIdentifier; p NULL */
	struct x509_bytes crit_oid;	/* the first critical extension
					 * OpenSSL does not handle; p NULL */
};

/*
 * key_type of an Ed25519 key (RFC 8410), beside BearSSL's BR_KEYTYPE_RSA
 * (1) and BR_KEYTYPE_EC (2); 3 still fits the two bits an anchor record
 * keeps for it (anchor.h).  BearSSL never sees such a key: only sig.c
 * and ed25519.c use it.
 */
#define X509_KEYTYPE_ED25519	3

/* KeyUsage bits (RFC 5280 4.2.1.3), as x509_cert.key_usage holds them. */
#define X509_KU_DIGITAL_SIGNATURE	(1u << 0)
#define X509_KU_KEY_ENCIPHERMENT	(1u << 2)
#define X509_KU_KEY_AGREEMENT		(1u << 4)
#define X509_KU_KEY_CERT_SIGN		(1u << 5)
#define X509_KU_CRL_SIGN		(1u << 6)

/* Purposes an ExtKeyUsage lists, as x509_cert.eku holds them. */
#define X509_EKU_SERVER		(1u << 0)	/* id-kp-serverAuth */
#define X509_EKU_CLIENT		(1u << 1)	/* id-kp-clientAuth */
#define X509_EKU_SGC		(1u << 2)	/* Netscape / Microsoft SGC */
#define X509_EKU_ANY		(1u << 3)	/* anyExtendedKeyUsage */
#define X509_EKU_OTHER		(1u << 4)

/* Netscape cert type: SSL server, and the SSL CA bit. */
#define X509_NS_SSL_SERVER	(1u << 1)
#define X509_NS_SSL_CA		(1u << 5)
#define X509_NS_ANY_CA		(7u << 5)	/* SSL, S/MIME, code CA */

/*
 * Reads the [3] extensions of a certificate into c (x509_cert.c calls
 * it; x509_ext.c holds it).  Sets r->bad when malformed, including an
 * extension that appears twice (RFC 5280 4.2).
 */
void x509_ext_parse(struct rd *r, struct x509_cert *c);

/*
 * Writes the purposes of c's ExtKeyUsage as "clientAuth, codeSigning"
 * (dotted OIDs for those without a name) into out.  Returns out.
 */
char *x509_eku_format(const struct x509_cert *c, char *out, size_t cap);


/*
 * Parses the DER certificate der/len into c (pointers into der).  Checks
 * the structure of tbsCertificate (version, serial, signature, issuer,
 * validity, subject, SPKI, extensions with subjectAltName and
 * basicConstraints decoded, nameConstraints only located, duplicates
 * rejected), the outer signature algorithm (must equal the inner one)
 * and that nothing trails.  Returns 0, or -1 when malformed (c then
 * undefined).
 */
int x509_cert_parse(const unsigned char *der, size_t len,
    struct x509_cert *c);

/* What x509_cert_supported looks at. */
#define X509_CHECK_KEY	1u	/* the public key */
#define X509_CHECK_SIG	2u	/* the algorithm of its signature */

/*
 * Checks that we can use c's public key (RSA keys of 1024 to 4096 bits,
 * BearSSL's range; EC keys on P-256, P-384 or P-521; Ed25519) and verify
 * its signature (RSA PKCS#1 v1.5, RSA-PSS or ECDSA with SHA-1/224/256/
 * 384/512, Ed25519: sig.c), as what asks.  A trust anchor's signature is never
 * verified, nor is a leaf's key used to verify anything.  Returns 0, or
 * -1 and writes what is unsupported to why (cap bytes), e.g. "public key
 * algorithm Ed25519", "signature algorithm MD5-RSA", "RSA key size 8192
 * bits", "elliptic curve secp256k1", "public key algorithm Ed448"; why
 * may be NULL.
 */
int x509_cert_supported(const struct x509_cert *c, unsigned what, char *why,
    size_t cap);

/*
 * Reads a SubjectPublicKeyInfo alone (der, len bytes, untrusted) into c's
 * key fields (the rest zero), for x509_cert_pkey.  Returns 0, or -1 when
 * it is malformed or has bytes after it.
 */
int x509_spki_parse(const unsigned char *der, size_t len,
    struct x509_cert *c);

/*
 * Fills pk with c's public key for BearSSL (sig_verify, the TLS engine):
 * its pointers point into c's DER, which must outlive pk.  Meaningful
 * only for key_type BR_KEYTYPE_RSA, BR_KEYTYPE_EC or X509_KEYTYPE_ED25519
 * (check with x509_cert_supported first); any other key gives
 * pk->key_type 0.  An Ed25519 key goes in pk->key.ec with curve 0 and
 * q/qlen its 32 bytes, so keys compare field by field as EC keys do; it
 * is for sig_verify only, never for BearSSL.
 */
void x509_cert_pkey(const struct x509_cert *c, br_x509_pkey *pk);

/*
 * The key type c's signature algorithm needs from its issuer:
 * BR_KEYTYPE_RSA (PKCS#1 arc, RSA-PSS included), BR_KEYTYPE_EC (ECDSA),
 * X509_KEYTYPE_ED25519, else 0.
 */
unsigned char x509_cert_sig_key_type(const struct x509_cert *c);

/* True when the certificate's issuer and subject DER bytes are equal. */
bool x509_cert_is_self_issued(const struct x509_cert *c);

/*
 * Reads one Name (SEQUENCE OF SET OF SEQUENCE { OID, value }, structure
 * only) from r into out (the whole TLV).  Sets r->bad when malformed.
 */
void x509_name_read(struct rd *r, struct x509_bytes *out);

/*
 * Converts a DER time (t->tag DER_UTC_TIME "YYMMDDHHMMSSZ", YY < 50
 * meaning 20YY as RFC 5280 says, or DER_GENERALIZED_TIME
 * "YYYYMMDDHHMMSSZ") to seconds since the epoch in *out.  Only the "Z"
 * forms without fractions (RFC 5280 4.1.2.5); seconds may be 60.
 * Returns 0, or -1 when malformed.
 */
int x509_time_parse(const struct der_tlv *t, int64_t *out);

/*
 * Days from 1970-01-01 to year/month/day in the proleptic Gregorian
 * calendar (negative before 1970).  month 1-12, day 1-31, not checked.
 */
int64_t x509_days_from_civil(int64_t year, unsigned month, unsigned day);

/*
 * Writes OID contents oid/len in dotted form ("1.2.840.10045.3.1.7") into
 * out (cap bytes, NUL-terminated, "..." when cut).  Returns out.
 */
char *x509_oid_format(const unsigned char *oid, size_t len, char *out,
    size_t cap);

/* The signature algorithm as Go names it ("SHA256-RSA", "ECDSA-SHA384",
 * "Ed25519"), else the dotted OID, into out.  Returns out. */
char *x509_sig_alg_format(const struct x509_cert *c, char *out, size_t cap);

/* The public key as "RSA-2048", "EC P-256", "Ed25519" (or the dotted
 * OID) into out.  Returns out. */
char *x509_key_format(const struct x509_cert *c, char *out, size_t cap);

/*
 * A certificate as a BearSSL trust anchor, before it is encoded
 * (anchor_encode): pointers into the DER it was described from.
 */
struct x509_ta_desc {
	struct x509_bytes dn;		/* subject Name, whole TLV */
	unsigned flags;			/* BR_X509_TA_CA or 0 */
	unsigned char key_type;		/* BR_KEYTYPE_RSA or BR_KEYTYPE_EC,
					 * X509_KEYTYPE_ED25519 */
	struct x509_bytes rsa_n;
	struct x509_bytes rsa_e;
	int curve;			/* BR_EC_* */
	struct x509_bytes ec_q;		/* EC point; Ed25519: the key */
	int64_t not_after;
	struct x509_bytes cert;		/* whole DER to keep, or p NULL */
};

/*
 * Describes DER certificate der/len as a trust anchor.  flags gets
 * BR_X509_TA_CA when basicConstraints says cA, and also for a self-issued
 * v1 or v2 certificate: such roots predate extensions and OpenSSL treats
 * them as CAs too.  Any other anchor is for direct trust only (BearSSL
 * then compares the server's key with the anchor's).  The anchor's own
 * signature algorithm is not checked (nobody verifies it).  Returns 0,
 * or -1 with the reason in why (cap bytes; may be NULL): "malformed
 * certificate" or what x509_cert_supported says.
 */
int x509_ta_describe(const unsigned char *der, size_t len,
    struct x509_ta_desc *d, char *why, size_t cap);

#endif
