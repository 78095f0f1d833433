/* SPDX-License-Identifier: MIT */
/*
 * t_chain: loading a chain as a server would send it, from PEM fixtures,
 * for the tests of x509_verify (test_x509, test_path).  Include after
 * t.h and pem.h.  Header-only and static, like t.h.
 */
#ifndef CK_T_CHAIN_H
#define CK_T_CHAIN_H

static struct x509_chain t_chain_tmp;	/* big: keep off the stack */

/*
 * Appends every certificate of each PEM file of the NULL-terminated list
 * files (names in T_DATA) to ch, emptied first.  Returns 0, or -1 after
 * reporting a failed check.
 */
static int __attribute__((unused))
chain_load(struct x509_chain *ch, const char *const *files)
{
	struct x509_chain *tmp = &t_chain_tmp;
	struct result res;
	char path[256];
	size_t i;

	ch->n = 0;
	ch->used = 0;
	for (; *files != NULL; files++) {
		memset(&res, 0, sizeof res);
		snprintf(path, sizeof path, T_DATA "%s", *files);
		if (pem_load_chain(path, tmp, &res) < 0) {
			t_report(0, __FILE__, __LINE__, path, "cannot load");
			return -1;
		}
		for (i = 0; i < tmp->n; i++) {
			if (ch->n == X509_CERTS_MAX ||
			    tmp->len[i] > sizeof ch->buf - ch->used) {
				t_report(0, __FILE__, __LINE__, path, "full");
				return -1;
			}
			ch->off[ch->n] = ch->used;
			ch->len[ch->n] = tmp->len[i];
			memcpy(ch->buf + ch->used, tmp->buf + tmp->off[i],
			    tmp->len[i]);
			ch->used += tmp->len[i];
			ch->n++;
		}
	}
	return 0;
}

#endif
