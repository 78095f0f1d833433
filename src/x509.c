/* SPDX-License-Identifier: MIT */
/*
 * x509: dates as text and days.  (The chain is captured by the TLS
 * client, tls_cert.c; x509_path.c decides it after the handshake.)
 */
#include <string.h>

#include "fmt.h"
#include "x509.h"
#include "x509_cert.h"

/* Floor division, so times before 1970 land on the right day. */
static int64_t
floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Writes v as exactly n decimal digits, zero-padded. */
static void
put_digits(char *out, unsigned v, unsigned n)
{
	while (n-- > 0) {
		out[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* see x509.h */
void
x509_time_format(int64_t t, char out[21])
{
	/* Howard Hinnant's civil_from_days, the inverse of
	 * x509_days_from_civil. */
	int64_t z = floor_div(t, 86400);
	int64_t secs = t - z * 86400;
	int64_t era;
	int64_t doe;
	int64_t yoe;
	int64_t doy;
	int64_t mp;
	int64_t y;
	int64_t m;
	int64_t d;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y = yoe + era * 400 + (m <= 2);
	if (y < 0 || y > 9999) {
		/* Not a date a certificate can hold; keep the 20 chars. */
		memcpy(out, "****-**-**T**:**:**Z", 21);
		return;
	}
	put_digits(out, (unsigned)y, 4);
	out[4] = '-';
	put_digits(out + 5, (unsigned)m, 2);
	out[7] = '-';
	put_digits(out + 8, (unsigned)d, 2);
	out[10] = 'T';
	put_digits(out + 11, (unsigned)(secs / 3600), 2);
	out[13] = ':';
	put_digits(out + 14, (unsigned)(secs / 60 % 60), 2);
	out[16] = ':';
	put_digits(out + 17, (unsigned)(secs % 60), 2);
	out[19] = 'Z';
	out[20] = '\0';
}

/* see x509.h */
long
x509_days_left(int64_t t, int64_t now)
{
	return (long)((t - now) / 86400);
}
