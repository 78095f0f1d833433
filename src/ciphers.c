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

#define STRONG_MASK 0x1fu
#define NOT_DEFAULT 0x20u

/* The bits of ciphers_attrs' enc field (ENC list of mkciphers.py). */
#define E(i) (1ul << (i))
#define E_3DES E(0)
#define E_RC4 E(1)
#define E_IDEA E(2)
#define E_NULL E(3)
#define E_AES128 E(4)
#define E_AES256 E(5)
#define E_CAM128 E(6)
#define E_CAM256 E(7)
#define E_SEED E(8)
#define E_AESGCM (E(9) | E(10))
#define E_AESCCM8 (E(13) | E(14))
#define E_AESCCM (E(11) | E(12) | E_AESCCM8)
#define E_CHACHA E(15)
#define E_ARIA (E(16) | E(17))
#define E_AES (E_AES128 | E_AES256 | E_AESGCM | E_AESCCM)
#define E_ALL 0x3fffful

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

/*
 * One word's pattern: bit masks over the attrs' fields (0: any), the
 * strength bits, a protocol (CIPHERS_TLS + 1; 0: any) and, for a
 * suite's own name, the suite (index + 1).
 */
struct pat {
	uint32_t enc;
	uint8_t mkey;
	uint8_t auth;
	uint8_t mac;
	uint8_t strength;
	uint8_t tls;
	uint8_t suite;
};

#define K(i) (uint8_t)(1u << (i))
#define A(i) (uint8_t)(1u << (i))
#define M(i) (uint8_t)(1u << (i))
#define KPSK (K(3) | K(4) | K(5) | K(6))
#define NOT_ANULL (uint8_t)~A(2)

/* In alias_words' order: enc, mkey, auth, mac, strength, tls. */
static const struct pat aliases[] = {
	{ E_ALL & ~E_NULL, 0, 0, 0, 0, 0, 0 },	/* ALL */
	{ E_NULL, 0, 0, 0, 0, 0, 0 },
	{ 0, 0, 0, 0, NOT_DEFAULT, 0, 0 },
	{ 0, K(0), 0, 0, 0, 0, 0 },		/* kRSA */
	{ 0, K(1), 0, 0, 0, 0, 0 },
	{ 0, K(1), 0, 0, 0, 0, 0 },
	{ 0, K(1), 0, 0, 0, 0, 0 },
	{ 0, K(2), 0, 0, 0, 0, 0 },		/* kEECDH */
	{ 0, K(2), 0, 0, 0, 0, 0 },
	{ 0, K(2), 0, 0, 0, 0, 0 },
	{ 0, K(3), 0, 0, 0, 0, 0 },		/* kPSK */
	{ 0, K(4), 0, 0, 0, 0, 0 },
	{ 0, K(5), 0, 0, 0, 0, 0 },
	{ 0, K(6), 0, 0, 0, 0, 0 },
	{ 0, K(7), 0, 0, 0, 0, 0 },
	{ 0, 0, A(0), 0, 0, 0, 0 },		/* aRSA */
	{ 0, 0, A(1), 0, 0, 0, 0 },
	{ 0, 0, A(1), 0, 0, 0, 0 },
	{ 0, 0, A(2), 0, 0, 0, 0 },
	{ 0, 0, A(3), 0, 0, 0, 0 },		/* aECDSA */
	{ 0, 0, A(3), 0, 0, 0, 0 },
	{ 0, 0, A(4), 0, 0, 0, 0 },
	{ 0, 0, A(5), 0, 0, 0, 0 },
	{ 0, K(1), NOT_ANULL, 0, 0, 0, 0 },	/* EDH */
	{ 0, K(1), NOT_ANULL, 0, 0, 0, 0 },
	{ 0, K(2), NOT_ANULL, 0, 0, 0, 0 },
	{ 0, K(2), NOT_ANULL, 0, 0, 0, 0 },
	{ E_NULL, 0, 0, 0, 0, 0, 0 },		/* NULL */
	{ 0, K(0), A(0), 0, 0, 0, 0 },
	{ 0, K(1), A(2), 0, 0, 0, 0 },		/* ADH */
	{ 0, K(2), A(2), 0, 0, 0, 0 },
	{ 0, KPSK, 0, 0, 0, 0, 0 },
	{ 0, K(7), 0, 0, 0, 0, 0 },		/* SRP */
	{ E_3DES, 0, 0, 0, 0, 0, 0 },
	{ E_RC4, 0, 0, 0, 0, 0, 0 },
	{ E_IDEA, 0, 0, 0, 0, 0, 0 },
	{ E_SEED, 0, 0, 0, 0, 0, 0 },
	{ E_NULL, 0, 0, 0, 0, 0, 0 },		/* eNULL */
	{ E_AES128 | E(9) | E(11) | E(13), 0, 0, 0, 0, 0, 0 },
	{ E_AES256 | E(10) | E(12) | E(14), 0, 0, 0, 0, 0, 0 },
	{ E_AES, 0, 0, 0, 0, 0, 0 },
	{ E_AESGCM, 0, 0, 0, 0, 0, 0 },
	{ E_AESCCM, 0, 0, 0, 0, 0, 0 },
	{ E_AESCCM8, 0, 0, 0, 0, 0, 0 },	/* AESCCM8 */
	{ E_CAM128, 0, 0, 0, 0, 0, 0 },
	{ E_CAM256, 0, 0, 0, 0, 0, 0 },
	{ E_CAM128 | E_CAM256, 0, 0, 0, 0, 0, 0 },
	{ E_CHACHA, 0, 0, 0, 0, 0, 0 },
	{ E_ARIA, 0, 0, 0, 0, 0, 0 },		/* ARIA */
	{ E_ARIA, 0, 0, 0, 0, 0, 0 },
	{ E(16), 0, 0, 0, 0, 0, 0 },
	{ E(17), 0, 0, 0, 0, 0, 0 },
	{ E_3DES | E_IDEA | E_AES128 | E_AES256 | E_CAM128 | E_CAM256 |
	    E_SEED, 0, 0, 0, 0, 0, 0 },		/* CBC */
	{ 0, 0, 0, M(0), 0, 0, 0 },		/* MD5 */
	{ 0, 0, 0, M(1), 0, 0, 0 },
	{ 0, 0, 0, M(1), 0, 0, 0 },
	{ 0, 0, 0, M(2), 0, 0, 0 },
	{ 0, 0, 0, M(3), 0, 0, 0 },
	{ 0, 0, 0, 0, 0, 1, 0 },		/* SSLv3 */
	{ 0, 0, 0, 0, 0, 2, 0 },
	{ 0, 0, 0, 0, 0, 2, 0 },
	{ 0, 0, 0, 0, 0, 3, 0 },
	{ 0, 0, 0, 0, 2, 0, 0 },		/* LOW */
	{ 0, 0, 0, 0, 4, 0, 0 },
	{ 0, 0, 0, 0, 8, 0, 0 },
	{ E_ALL & ~E_NULL, 0, 0, 0, 16, 0, 0 },	/* FIPS */
	{ E_3DES, K(1), A(1), M(1), 8 | 16, 0, 0 },
	{ E_3DES, K(1), A(0), M(1), 8 | 16, 0, 0 }
};

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

/* The pattern of suite i's own name. */
static void
suite_pat(size_t i, struct pat *p)
{
	uint32_t a = ciphers_attrs[i];

	p->mkey = K(CIPHERS_MKEY(a));
	p->auth = A(CIPHERS_AUTH(a));
	p->enc = E(CIPHERS_ENC(a));
	p->mac = M(CIPHERS_MAC(a));
	p->strength = (uint8_t)((1u << (a >> 16 & 3u)) | (a >> 18 & 3u) << 4);
	p->tls = 0;
	p->suite = (uint8_t)(i + 1);
}

/* Looks the word w (len bytes) up: suite names first, then aliases. */
static bool
lookup(const char *w, size_t len, struct pat *p)
{
	char name[CIPHERS_NAME_CAP];
	const char *a = alias_words;
	size_t i;

	for (i = 0; i < CIPHERS_N; i++) {
		ciphers_name(i, name);
		if (strlen(name) == len && memcmp(name, w, len) == 0) {
			suite_pat(i, p);
			return true;
		}
	}
	for (i = 0; *a != '\0'; i++, a += strlen(a) + 1) {
		if (strlen(a) == len && memcmp(a, w, len) == 0) {
			*p = aliases[i];
			return true;
		}
	}
	return false;
}

/* Narrows *m by v as ssl_ciph.c joins "A+B"; false when nothing is left. */
static bool
narrow8(uint8_t *m, uint8_t v)
{
	if (v != 0) {
		*m = *m != 0 ? (uint8_t)(*m & v) : v;
		return *m != 0;
	}
	return true;
}

/*
 * Joins word pattern w into the item's pattern *p (an "A+B" item);
 * false when nothing is left.  As in ssl_ciph.c, the first strength
 * class a word brings replaces the bits so far, so "COMPLEMENTOFDEFAULT+
 * HIGH" drops NOT_DEFAULT, and only the last word names a suite.
 */
static bool
join(struct pat *p, const struct pat *w)
{
	uint8_t strong = w->strength & STRONG_MASK;

	if (w->enc != 0) {
		p->enc = p->enc != 0 ? p->enc & w->enc : w->enc;
		if (p->enc == 0) {
			return false;
		}
	}
	if (!narrow8(&p->mkey, w->mkey) || !narrow8(&p->auth, w->auth) ||
	    !narrow8(&p->mac, w->mac)) {
		return false;
	}
	if (strong != 0 && (p->strength & STRONG_MASK) != 0) {
		p->strength &= (uint8_t)(strong | ~STRONG_MASK);
		if ((p->strength & STRONG_MASK) == 0) {
			return false;
		}
	} else if (strong != 0) {
		p->strength = strong;
	}
	p->strength |= w->strength & NOT_DEFAULT;
	p->suite = w->suite;
	if (w->suite == 0 && w->tls != 0) {
		if (p->tls != 0 && p->tls != w->tls) {
			return false;
		}
		p->tls = w->tls;
	}
	return true;
}

/* Whether suite i matches pattern p (ssl_cipher_apply_rule's tests). */
static bool
matches(const struct pat *p, size_t i)
{
	struct pat s;

	suite_pat(i, &s);
	return (p->suite == 0 || p->suite == s.suite) &&
	    (p->mkey == 0 || (p->mkey & s.mkey) != 0) &&
	    (p->auth == 0 || (p->auth & s.auth) != 0) &&
	    (p->enc == 0 || (p->enc & s.enc) != 0) &&
	    (p->mac == 0 || (p->mac & s.mac) != 0) &&
	    (p->tls == 0 ||
	    p->tls == CIPHERS_TLS(ciphers_attrs[i]) + 1) &&
	    ((p->strength & STRONG_MASK) == 0 ||
	    (p->strength & s.strength & STRONG_MASK) != 0) &&
	    ((p->strength & NOT_DEFAULT) == 0 ||
	    (s.strength & NOT_DEFAULT) != 0);
}

/* The state of the list: on[] is ciphers_set's, dead[] the "!" ones. */
struct state {
	struct ciphers_set *set;
	unsigned char dead[(CIPHERS_N + 7) / 8];
};

static void
apply(struct state *st, char rule, const struct pat *p)
{
	unsigned char bit;
	size_t byte;
	size_t i;

	for (i = 0; i < CIPHERS_N; i++) {
		byte = i / 8;
		bit = (unsigned char)(1u << (i % 8));
		if ((st->dead[byte] & bit) != 0 || !matches(p, i)) {
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
	struct pat p;
	struct pat w;
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
		memset(&p, 0, sizeof p);
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
			is_found = lookup(buf, len, &w) && join(&p, &w);
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
			apply(st, rule, &p);
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
