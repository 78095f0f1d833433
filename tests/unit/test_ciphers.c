/* SPDX-License-Identifier: MIT */
/*
 * ciphers: OpenSSL cipher strings.  With a file argument (made by
 * tests/integ/73-ciphers-diff.sh from `openssl ciphers`), each line
 * "STRING<TAB>error" or "STRING<TAB>NAME:NAME..." (sorted) is one case:
 * ciphers_eval's selection of the stock suites must be that list, or
 * the string must be refused (an error, or no stock suite selected, as
 * SSL_CTX_set_cipher_list fails then).  Without one: the suites only
 * other builds have, which no local oracle shows, @SECLEVEL and the
 * security level rules.
 */
#include <stdlib.h>

#include "ciphers.h"
#include "t.h"

/* Index of the suite named name; CIPHERS_N when none. */
static size_t
find(const char *name)
{
	char buf[CIPHERS_NAME_CAP];
	size_t i;

	for (i = 0; i < CIPHERS_N; i++) {
		ciphers_name(i, buf);
		if (strcmp(buf, name) == 0) {
			break;
		}
	}
	return i;
}

/* Our answer for str, in the oracle's form, into out. */
static void
answer(const char *str, char *out, size_t cap)
{
	struct ciphers_set set;
	char name[CIPHERS_NAME_CAP];
	char *names[CIPHERS_N];
	size_t n = 0;
	size_t len = 0;
	size_t i;
	size_t j;

	if (ciphers_eval(str, &set) < 0 ||
	    ciphers_count(&set, CIPHERS_STOCK) == 0) {
		snprintf(out, cap, "error");
		return;
	}
	for (i = 0; i < CIPHERS_N; i++) {
		if (ciphers_has(&set, i) &&
		    CIPHERS_AVAIL(ciphers_attrs[i]) == CIPHERS_STOCK) {
			ciphers_name(i, name);
			names[n++] = strdup(name);
		}
	}
	/* insertion sort: strcmp order, as sort(1) under LC_ALL=C */
	for (i = 1; i < n; i++) {
		for (j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			char *x = names[j];

			names[j] = names[j - 1];
			names[j - 1] = x;
		}
	}
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		len += (size_t)snprintf(out + len, cap - len, "%s%s",
		    i > 0 ? ":" : "", names[i]);
		free(names[i]);
	}
}

static int
diff(const char *path)
{
	static char line[16384];
	static char got[16384];
	FILE *f = fopen(path, "r");
	char *tab;
	size_t len;

	if (f == NULL) {
		printf("not ok - cannot open %s\n", path);
		return 1;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		len = strlen(line);
		if (len > 0 && line[len - 1] == '\n') {
			line[--len] = '\0';
		}
		tab = strchr(line, '\t');
		if (tab == NULL) {
			continue;
		}
		*tab++ = '\0';
		answer(line, got, sizeof got);
		if (strcmp(got, tab) == 0) {
			CHECKF(1, "'%s'", line);
		} else {
			CHECKF(0, "'%s': openssl %s; ours %s", line, tab, got);
		}
	}
	fclose(f);
	return t_exit();
}

/* Whether str selects the suite named name. */
static bool
selects(const char *str, const char *name)
{
	struct ciphers_set set;
	size_t i = find(name);

	return ciphers_eval(str, &set) == 0 && i < CIPHERS_N &&
	    ciphers_has(&set, i);
}

int
main(int argc, char **argv)
{
	struct ciphers_set set;
	char name[CIPHERS_NAME_CAP];
	size_t i;
	size_t longest = 0;

	if (argc > 1) {
		return diff(argv[1]);
	}
	for (i = 0; i < CIPHERS_N; i++) {
		ciphers_name(i, name);
		longest = strlen(name) > longest ? strlen(name) : longest;
	}
	CHECK(longest < CIPHERS_NAME_CAP);
	/* PostgreSQL's default takes 3DES in builds that have it */
	CHECK(selects("HIGH:MEDIUM:+3DES:!aNULL", "DES-CBC3-SHA"));
	CHECK(selects("HIGH:MEDIUM:+3DES:!aNULL", "ECDHE-RSA-DES-CBC3-SHA"));
	CHECK(!selects("HIGH:MEDIUM:+3DES:!aNULL", "ADH-DES-CBC3-SHA"));
	CHECK(!selects("HIGH:MEDIUM:!3DES", "DES-CBC3-SHA"));
	CHECK(selects("ALL", "RC4-SHA"));
	CHECK(!selects("DEFAULT", "RC4-SHA"));
	CHECK(!selects("DEFAULT", "DES-CBC3-SHA"));
	CHECK(selects("RC4", "ECDHE-RSA-RC4-SHA"));
	CHECK(selects("EDH-RSA-DES-CBC3-SHA", "DHE-RSA-DES-CBC3-SHA"));
	CHECK(!selects("EDH-RSA-DES-CBC3-SHA", "DHE-DSS-DES-CBC3-SHA"));
	CHECK(selects("MEDIUM", "SEED-SHA"));
	CHECK(selects("IDEA", "IDEA-CBC-SHA"));
	/* "!" is for good, "-" can be undone */
	CHECK(!selects("RC4:!RC4:RC4", "RC4-MD5"));
	CHECK(selects("RC4:-RC4:RC4", "RC4-MD5"));
	/* no stock suite: OpenSSL's "no cipher match" in a stock build */
	CHECK(ciphers_eval("3DES", &set) == 0 &&
	    ciphers_count(&set, CIPHERS_STOCK) == 0 &&
	    ciphers_count(&set, CIPHERS_WEAK_BUILD) == 14);
	/* @SECLEVEL: the last one counts; 0..5 only */
	CHECK(ciphers_eval("ALL:@SECLEVEL=0:@SECLEVEL=3", &set) == 0 &&
	    set.sec_level == 3);
	CHECK(ciphers_eval("ALL", &set) == 0 && set.sec_level == -1);
	CHECK(ciphers_eval("ALL:@SECLEVEL=6", &set) < 0);
	CHECK(ciphers_eval("ALL:@SECLEVEL=10", &set) < 0);
	CHECK(ciphers_eval("ALL:@FOO", &set) < 0);
	CHECK(ciphers_eval("ALL:#", &set) < 0);
	/* the security callback */
	CHECK(ciphers_level_allows(find("ADH-AES128-SHA"), 0));
	CHECK(!ciphers_level_allows(find("ADH-AES128-SHA"), 1));
	CHECK(!ciphers_level_allows(find("NULL-SHA256"), 1));
	CHECK(!ciphers_level_allows(find("RC4-MD5"), 1));
	CHECK(ciphers_level_allows(find("RC4-SHA"), 1));
	CHECK(!ciphers_level_allows(find("RC4-SHA"), 2));
	CHECK(ciphers_level_allows(find("DES-CBC3-SHA"), 2));
	CHECK(!ciphers_level_allows(find("DES-CBC3-SHA"), 3));
	CHECK(!ciphers_level_allows(find("AES256-SHA"), 3));
	CHECK(ciphers_level_allows(find("ECDHE-RSA-AES256-SHA"), 3));
	CHECK(!ciphers_level_allows(find("ECDHE-RSA-AES256-SHA"), 4));
	CHECK(ciphers_level_allows(find("ECDHE-RSA-AES128-GCM-SHA256"), 3));
	CHECK(!ciphers_level_allows(find("ECDHE-RSA-AES128-GCM-SHA256"), 4));
	CHECK(ciphers_level_allows(find("ECDHE-RSA-AES256-GCM-SHA384"), 5));
	CHECK(ciphers_level_allows(find("ECDHE-RSA-CHACHA20-POLY1305"), 5));
	CHECK(!ciphers_level_allows(find("ECDHE-ARIA128-GCM-SHA256"), 5));
	return t_exit();
}
