/* SPDX-License-Identifier: MIT */
/*
 * duration: Go's time.ParseDuration, for the durations of ccheck.toml
 * and the server's flags, in integers: the fraction of a unit is taken
 * to nine digits (Go, in float64, drops those that would overflow).
 */
#include <stdbool.h>
#include <string.h>

#include "duration.h"

/* Nanoseconds per unit, as Go's time package spells them. */
static const struct {
	const char *name;
	uint64_t ns;
} units[] = {
	{ "ns", 1 },
	{ "us", 1000 },
	{ "\xc2\xb5s", 1000 },		/* U+00B5 MICRO SIGN */
	{ "\xce\xbcs", 1000 },		/* U+03BC GREEK SMALL LETTER MU */
	{ "ms", 1000000 },
	{ "s", 1000000000 },
	{ "m", 60000000000 },
	{ "h", 3600000000000 },
};

/* see duration.h */
int
duration_parse(const char *s, size_t len, uint32_t *ms)
{
	const uint64_t max = (uint64_t)INT64_MAX;	/* Go's limit */
	uint64_t total = 0;
	uint64_t whole;
	uint64_t frac;
	uint64_t scale;
	uint64_t unit;
	uint64_t add;
	size_t i = 0;
	size_t u;
	size_t k;
	bool has_digits;

	if (len > 0 && s[0] == '+') {
		i++;
	}
	if (len - i == 1 && s[i] == '0') {
		*ms = 0;
		return 0;
	}
	if (i == len) {
		return -1;
	}
	while (i < len) {
		whole = 0;
		frac = 0;
		scale = 1;
		has_digits = false;
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
			if (whole > (max - (uint64_t)(s[i] - '0')) / 10) {
				return -1;
			}
			whole = whole * 10 + (uint64_t)(s[i] - '0');
			has_digits = true;
		}
		if (i < len && s[i] == '.') {
			/* Digits past the ninth change less than 4 us of
			 * an hour: read and dropped, as Go drops those that
			 * would overflow. */
			for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
				if (scale < 1000000000) {
					frac = frac * 10 + (uint64_t)(s[i] -
					    '0');
					scale *= 10;
				}
				has_digits = true;
			}
		}
		if (!has_digits) {
			return -1;
		}
		for (k = i; k < len && s[k] != '.' && (s[k] < '0' ||
		    s[k] > '9'); k++) {
		}
		for (u = 0; u < sizeof units / sizeof units[0]; u++) {
			if (strlen(units[u].name) == k - i &&
			    memcmp(s + i, units[u].name, k - i) == 0) {
				break;
			}
		}
		if (u == sizeof units / sizeof units[0]) {
			return -1;		/* missing or unknown unit */
		}
		i = k;
		unit = units[u].ns;
		if (whole > max / unit) {
			return -1;
		}
		/* frac / scale of a unit without overflow: unit / scale
		 * * frac <= unit, and frac and unit % scale are both below
		 * scale <= 10^9. */
		add = whole * unit + unit / scale * frac +
		    (unit % scale) * frac / scale;
		if (add > max - total) {
			return -1;
		}
		total += add;
	}
	total = total / 1000000 + (total % 1000000 != 0);
	if (total > 0xffffffffu) {
		return -1;
	}
	*ms = (uint32_t)total;
	return 0;
}
