/* SPDX-License-Identifier: MIT */
/*
 * ciphers: OpenSSL 3.0's cipher-string rules (ssl_ciph.c's
 * ssl_cipher_process_rulestr and ssl_cipher_apply_rule) over the suites
 * of ciphers_tab.c, keeping only which suites end up in the list.  A
 * suite's "strength" byte below uses OpenSSL's bits: STRONG_NONE 1,
 * LOW 2, MEDIUM 4, HIGH 8, FIPS 16, NOT_DEFAULT 32.
 */
#include <string.h>

#include "ciphers.h"

/*
 * A pattern: one 64-bit word of bit masks, one field each for the key
 * exchange, authentication, cipher, MAC (bit i: value i of ciphers.h's
 * lists), OpenSSL's strength bits (STRONG_NONE, LOW, MEDIUM, HIGH,
 * FIPS), NOT_DEFAULT and the protocol (SSLv3, TLSv1, TLSv1.2).  A word
 * of a cipher string has the bits it allows (0 in a field: any), a
 * suite one bit per field.
 */
#define MK(i) ((uint64_t)1 << (i))
#define AU(i) ((uint64_t)1 << (8 + (i)))
#define EN(i) ((uint64_t)1 << (16 + (i)))
#define MA(i) ((uint64_t)1 << (34 + (i)))
#define ST(x) ((uint64_t)(x) << 42)
#define TL(i) ((uint64_t)1 << (48 + (i)))
#define FIELDS 7
static const unsigned char field_shift[FIELDS + 1] = { 0, 8, 16, 34, 42,
    47, 48, 51 };
#define STRONG 4		/* the strength field */
#define NOT_DEFAULT 5
#define TLS 6

#define E_AESGCM (EN(9) | EN(10))
#define E_AESCCM8 (EN(13) | EN(14))
#define E_AESCCM (EN(11) | EN(12) | E_AESCCM8)
#define E_AES (EN(4) | EN(5) | E_AESGCM | E_AESCCM)
#define E_ARIA (EN(16) | EN(17))
#define NOT_ENULL (EN(18) - EN(0) - EN(3))
#define NOT_ANULL (AU(6) - AU(0) - AU(2))
#define KPSK (MK(3) | MK(4) | MK(5) | MK(6))
#define E_CBC (EN(0) | EN(2) | EN(4) | EN(5) | EN(6) | EN(7) | EN(8))
#define DHE MK(1)
#define ECDHE MK(2)

/* The alias words of ssl_ciph.c's cipher_aliases, in its order, '\0'
 * separated; GOST, RC2 and the DTLS words are left out (no suite here
 * has them, and an unknown word is a no-op too). */
static const char alias_words[] =
    "ALL\0COMPLEMENTOFALL\0COMPLEMENTOFDEFAULT\0"
    "kRSA\0kEDH\0kDHE\0DH\0kEECDH\0kECDHE\0ECDH\0kPSK\0kRSAPSK\0"
    "kECDHEPSK\0kDHEPSK\0kSRP\0"
    "aRSA\0aDSS\0DSS\0aNULL\0aECDSA\0ECDSA\0aPSK\0aSRP\0"
    "EDH\0DHE\0EECDH\0ECDHE\0NULL\0RSA\0ADH\0AECDH\0PSK\0SRP\0"
    "3DES\0RC4\0IDEA\0SEED\0eNULL\0AES128\0AES256\0AES\0AESGCM\0AESCCM\0"
    "AESCCM8\0CAMELLIA128\0CAMELLIA256\0CAMELLIA\0CHACHA20\0ARIA\0"
    "ARIAGCM\0ARIA128\0ARIA256\0CBC\0"
    "MD5\0SHA1\0SHA\0SHA256\0SHA384\0"
    "SSLv3\0TLSv1\0TLSv1.0\0TLSv1.2\0"
    "LOW\0MEDIUM\0HIGH\0FIPS\0"
    "EDH-DSS-DES-CBC3-SHA\0EDH-RSA-DES-CBC3-SHA\0";

/* Their patterns, in alias_words' order. */
static const uint64_t aliases[] = {
	NOT_ENULL, EN(3), ST(0x20),			/* ALL ... */
	MK(0), DHE, DHE, DHE, ECDHE, ECDHE, ECDHE,	/* kRSA ... */
	MK(3), MK(4), MK(5), MK(6), MK(7),
	AU(0), AU(1), AU(1), AU(2), AU(3), AU(3), AU(4), AU(5),
	DHE | NOT_ANULL, DHE | NOT_ANULL,		/* EDH, DHE */
	ECDHE | NOT_ANULL, ECDHE | NOT_ANULL, EN(3),	/* ... NULL */
	MK(0) | AU(0), DHE | AU(2), ECDHE | AU(2), KPSK, MK(7),
	EN(0), EN(1), EN(2), EN(8), EN(3),		/* 3DES ... eNULL */
	EN(4) | EN(9) | EN(11) | EN(13), EN(5) | EN(10) | EN(12) | EN(14),
	E_AES, E_AESGCM, E_AESCCM, E_AESCCM8,
	EN(6), EN(7), EN(6) | EN(7), EN(15),		/* CAMELLIA128 ... */
	E_ARIA, E_ARIA, EN(16), EN(17), E_CBC,
	MA(0), MA(1), MA(1), MA(2), MA(3),		/* MD5 ... */
	TL(0), TL(1), TL(1), TL(2),			/* SSLv3 ... */
	ST(2), ST(4), ST(8), NOT_ENULL | ST(16),	/* LOW ... FIPS */
	DHE | AU(1) | EN(0) | MA(1) | ST(8 | 16),	/* EDH-DSS-... */
	DHE | AU(0) | EN(0) | MA(1) | ST(8 | 16)
};

/* Field k of pattern p. */
static uint64_t
field(uint64_t p, unsigned k)
{
	return p >> field_shift[k] &
	    ((1u << (field_shift[k + 1] - field_shift[k])) - 1);
}

/* Suite i's pattern: one bit per field. */
static uint64_t
suite_pat(size_t i)
{
	uint32_t a = ciphers_attrs[i];

	return MK(CIPHERS_MKEY(a)) | AU(CIPHERS_AUTH(a)) |
	    EN(CIPHERS_ENC(a)) | MA(CIPHERS_MAC(a)) |
	    ST((1u << (a >> 16 & 3u)) | (a >> 18 & 3u) << 4) |
	    TL(CIPHERS_TLS(a));
}

/* OpenSSL's ITEM_SEP. */
static bool
is_sep(char c)
{
	return c == ':' || c == ' ' || c == ';' || c == ',';
}

/* A character of a word (ssl_ciph.c: letters, digits, "-", ".", "="). */
static bool
is_word(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '=';
}

/* see ciphers.h */
void
ciphers_name(size_t i, char *buf)
{
	const unsigned char *p = ciphers_names;
	const char *w;
	size_t len = 0;
	unsigned k;

	/* skip i names: each ends at a byte with bit 7 set */
	for (; i > 0; p++) {
		if (*p & 0x80) {
			i--;
		}
	}
	do {
		w = ciphers_words;
		for (k = *p & 0x7f; k > 0; k--) {
			w += strlen(w) + 1;
		}
		if (len > 0) {
			buf[len++] = '-';
		}
		memcpy(buf + len, w, strlen(w));
		len += strlen(w);
	} while ((*p++ & 0x80) == 0);
	buf[len] = '\0';
}

/* Looks the word w (len bytes) up, suite names first, then aliases:
 * its pattern into *p and the suite (index + 1, 0 for an alias) into
 * *suite. */
static bool
lookup(const char *w, size_t len, uint64_t *p, size_t *suite)
{
	char name[CIPHERS_NAME_CAP];
	const char *a = alias_words;
	const char *n = name;
	size_t i;

	for (i = 0; *a != '\0'; i++) {
		if (i < CIPHERS_N) {
			ciphers_name(i, name);
		} else {
			n = a;
			a += strlen(a) + 1;
		}
		if (strlen(n) == len && memcmp(n, w, len) == 0) {
			/* a suite's protocol never joins the pattern */
			*suite = i < CIPHERS_N ? i + 1 : 0;
			*p = i < CIPHERS_N ? suite_pat(i) & ~(TL(3) - TL(0)) :
			    aliases[i - CIPHERS_N];
			return true;
		}
	}
	return false;
}

/*
 * Joins word pattern w into the item's pattern *p ("A+B"): each field
 * narrows to the bits both allow; false when one is left empty.  As in
 * ssl_ciph.c, the first strength class a word brings drops NOT_DEFAULT
 * ("COMPLEMENTOFDEFAULT+HIGH" is HIGH).
 */
static bool
join(uint64_t *p, uint64_t w)
{
	uint64_t pf;
	uint64_t wf;
	unsigned k;

	if (field(w, STRONG) != 0 && field(*p, STRONG) == 0) {
		*p &= ~ST(0x20);
	}
	for (k = 0; k < FIELDS; k++) {
		pf = field(*p, k);
		wf = field(w, k);
		if (wf != 0) {
			pf = pf != 0 ? pf & wf : wf;
			if (pf == 0) {
				return false;
			}
			*p = (*p & ~(field(~(uint64_t)0, k) << field_shift[k])) |
			    pf << field_shift[k];
		}
	}
	return true;
}

/* Whether suite i matches p (ssl_cipher_apply_rule's tests). */
static bool
matches(uint64_t p, size_t i)
{
	uint64_t s = suite_pat(i);
	unsigned k;

	for (k = 0; k < FIELDS; k++) {
		if (field(p, k) != 0 && (field(p, k) & field(s, k)) == 0) {
			return false;
		}
	}
	return true;
}

/* The state of the list: on[] is ciphers_set's, dead[] the "!" ones. */
struct state {
	struct ciphers_set *set;
	unsigned char dead[(CIPHERS_N + 7) / 8];
};

static void
apply(struct state *st, char rule, uint64_t p, size_t suite)
{
	unsigned char bit;
	size_t byte;
	size_t i;

	for (i = 0; i < CIPHERS_N; i++) {
		byte = i / 8;
		bit = (unsigned char)(1u << (i % 8));
		if ((st->dead[byte] & bit) != 0 || !matches(p, i) ||
		    (suite != 0 && suite != i + 1)) {
			continue;
		}
		if (rule == '!') {
			st->dead[byte] |= bit;
		}
		if (rule == '-' || rule == '!') {
			st->set->on[byte] &= (unsigned char)~bit;
		} else if (rule == 0) {
			st->set->on[byte] |= bit;
		}
		/* '+' only moves suites: the set stays */
	}
}

/* The rule string l (ssl_cipher_process_rulestr); -1: invalid command. */
static int
rules(struct state *st, const char *l)
{
	uint64_t p;
	uint64_t w;
	size_t suite = 0;
	const char *buf;
	size_t len;
	char rule;
	bool is_found;
	int rc = 0;

	while (*l != '\0') {
		rule = 0;
		if (*l == '-' || *l == '+' || *l == '!' || *l == '@') {
			rule = *l++;
		} else if (is_sep(*l)) {
			l++;
			continue;
		}
		p = 0;
		for (;;) {
			buf = l;
			while (is_word(*l)) {
				l++;
			}
			len = (size_t)(l - buf);
			if (len == 0) {
				return -1;
			}
			if (rule == '@') {
				break;
			}
			/* only the last word decides the suite */
			is_found = lookup(buf, len, &w, &suite) && join(&p, w);
			if (*l != '+' || !is_found) {
				l += *l == '+';
				break;
			}
			l++;
		}
		if (rule == '@') {
			if (len == 10 && memcmp(buf, "SECLEVEL=", 9) == 0 &&
			    buf[9] >= '0' && buf[9] <= '5') {
				st->set->sec_level = buf[9] - '0';
			} else if (len != 8 || memcmp(buf, "STRENGTH", 8) != 0) {
				rc = -1;
			}
			is_found = false;
		}
		if (is_found) {
			apply(st, rule, p, suite);
		} else {
			while (*l != '\0' && !is_sep(*l)) {
				l++;
			}
		}
	}
	return rc;
}

/* see ciphers.h */
int
ciphers_eval(const char *str, struct ciphers_set *set)
{
	static const char *const suiteb[][2] = {
		{ "SUITEB128ONLY", "ECDHE-ECDSA-AES128-GCM-SHA256" },
		{ "SUITEB128C2", "ECDHE-ECDSA-AES256-GCM-SHA384" },
		{ "SUITEB128", "ECDHE-ECDSA-AES128-GCM-SHA256:"
		    "ECDHE-ECDSA-AES256-GCM-SHA384" },
		{ "SUITEB192", "ECDHE-ECDSA-AES256-GCM-SHA384" }
	};
	struct state st;
	size_t i;

	memset(set, 0, sizeof *set);
	memset(st.dead, 0, sizeof st.dead);
	st.set = set;
	set->sec_level = -1;
	/* check_suiteb_cipher_list: the prefix replaces the whole string */
	for (i = 0; i < sizeof suiteb / sizeof suiteb[0]; i++) {
		if (strncmp(str, suiteb[i][0], strlen(suiteb[i][0])) == 0) {
			str = suiteb[i][1];
			break;
		}
	}
	/* a leading DEFAULT (its 7 letters, even as part of a longer word)
	 * is OpenSSL's default list; an optional ':' after it is skipped */
	if (strncmp(str, "DEFAULT", 7) == 0) {
		(void)rules(&st, "ALL:!COMPLEMENTOFDEFAULT:!eNULL");
		str += 7;
		str += *str == ':';
	}
	return rules(&st, str);
}

/* see ciphers.h */
bool
ciphers_has(const struct ciphers_set *set, size_t i)
{
	return (set->on[i / 8] >> (i % 8) & 1u) != 0;
}

/* see ciphers.h */
size_t
ciphers_count(const struct ciphers_set *set, enum ciphers_avail avail)
{
	size_t n = 0;
	size_t i;

	for (i = 0; i < CIPHERS_N; i++) {
		n += ciphers_has(set, i) &&
		    CIPHERS_AVAIL(ciphers_attrs[i]) <= (uint32_t)avail;
	}
	return n;
}

/* see ciphers.h */
bool
ciphers_level_allows(size_t i, int level)
{
	static const unsigned short min_bits[6] = { 0, 80, 112, 128, 192,
	    256 };
	uint32_t a = ciphers_attrs[i];
	unsigned enc = CIPHERS_ENC(a);
	unsigned mkey = CIPHERS_MKEY(a);
	unsigned bits;

	if (level <= 0) {
		return true;
	}
	/* the suite's strength bits: NULL 0, 3DES 112, 256 for the enc
	 * bits of AES256, CAMELLIA256, AES256GCM/CCM/CCM8, CHACHA20 and
	 * ARIA256GCM, else 128 */
	if (enc == CIPHERS_ENC_NULL) {
		bits = 0;
	} else if (enc == CIPHERS_ENC_3DES) {
		bits = 112;
	} else {
		bits = (0x2d4a0ul >> enc & 1u) != 0 ? 256 : 128;
	}
	return bits >= min_bits[level] &&
	    CIPHERS_AUTH(a) != CIPHERS_AUTH_NULL &&
	    CIPHERS_MAC(a) != CIPHERS_MAC_MD5 &&
	    !(min_bits[level] > 160 && CIPHERS_MAC(a) == CIPHERS_MAC_SHA1) &&
	    !(level >= 2 && enc == CIPHERS_ENC_RC4) &&
	    !(level >= 3 && mkey != 1 && mkey != 2 && mkey != 5 &&
	    mkey != 6);
}
