/* SPDX-License-Identifier: MIT */
/*
 * fuzz_dane: what a name server sends as the answer to the TLSA query for
 * _5432._tcp.db.example.test (dns_answer_parse with its record data
 * spans), each record then read as resolv.c reads it (dane_rec_parse),
 * matched with no chain and formatted; the same bytes also as one RDATA.
 * The id is the input's own, so the fuzzer gets past the id check.
 */
#include <stdint.h>
#include <string.h>

#include "dane.h"
#include "dns.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

static struct dane_tlsa t;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	unsigned char buf[DNS_EDNS_CAP];
	char line[DANE_TEXT_CAP];
	char rec[DANE_REC_TEXT_CAP];
	struct dns_answer a;
	struct dane_report r;
	uint16_t id;
	size_t i;

	/* recvfrom() reads at most DNS_EDNS_CAP bytes; an exact copy lets
	 * ASan see a read past them. */
	if (len > sizeof buf) {
		return 0;
	}
	memcpy(buf, data, len);
	id = len >= 2 ? (uint16_t)(buf[0] << 8 | buf[1]) : 0;
	memset(&t, 0, sizeof t);
	if (dns_answer_parse(buf, len, id, "_5432._tcp.db.example.test",
	    DNS_T_TLSA, &a) == DNS_ANSWER) {
		for (i = 0; i < a.n_rdata; i++) {
			if (a.rdata[i].off + a.rdata[i].len > len) {
				__builtin_trap();	/* a span outside msg */
			}
			if (dane_rec_parse(buf + a.rdata[i].off,
			    a.rdata[i].len, &t.rec[t.n]) == 0) {
				t.n++;
			}
		}
		t.lookup = a.is_ad ? DANE_L_VALIDATED : DANE_L_UNVALIDATED;
		dane_match(&t, NULL, false, "db.example.test", 5432, &r);
		(void)strlen(dane_format(&r, line, sizeof line));
		(void)strlen(dane_rec_format(&r.rec, true, rec, sizeof rec));
	}
	if (dane_rec_parse(buf, len, &t.rec[0]) == 0) {
		(void)strlen(dane_rec_format(&t.rec[0], true, rec,
		    sizeof rec));
	}
	return 0;
}
