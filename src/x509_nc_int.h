/* SPDX-License-Identifier: MIT */
/*
 * x509_nc_int: the matching rules of x509_nc, one name against one
 * constraint of its type, each as OpenSSL 3.0's v3_ncons.c function of
 * the same role (x509_nc_match.c).  Internal to x509_nc.  Each returns
 * X509_NC_OK on a match, X509_NC_VIOLATION on none, X509_NC_UNSUPPORTED
 * where OpenSSL refuses to judge (bad name or constraint syntax) and
 * X509_NC_MALFORMED for a broken encoding.  n/nlen is the name, b/blen
 * the constraint; either may be empty (pointer then unused).
 */
#ifndef CK_X509_NC_INT_H
#define CK_X509_NC_INT_H

#include <stddef.h>

/* dNSName (nc_dns). */
int x509_nc_match_dns(const unsigned char *n, size_t nlen,
    const unsigned char *b, size_t blen);

/* rfc822Name (nc_email). */
int x509_nc_match_email(const unsigned char *n, size_t nlen,
    const unsigned char *b, size_t blen);

/* An SmtpUTF8Mailbox's UTF8String n (NULL when the otherName value is
 * not one) against an rfc822Name constraint (nc_email_eai). */
int x509_nc_match_eai(const unsigned char *n, size_t nlen,
    const unsigned char *b, size_t blen);

/* uniformResourceIdentifier (nc_uri). */
int x509_nc_match_uri(const unsigned char *n, size_t nlen,
    const unsigned char *b, size_t blen);

/* iPAddress (nc_ip). */
int x509_nc_match_ip(const unsigned char *n, size_t nlen,
    const unsigned char *b, size_t blen);

/* directoryName (nc_dn): n and b are whole Name TLVs. */
int x509_nc_match_dir(const unsigned char *n, size_t nlen,
    const unsigned char *b, size_t blen);

#endif
