/* SPDX-License-Identifier: MIT */
/*
 * fuzz_dns: dns_answer_parse on what a name server (or anyone who can
 * send a datagram to our port) sends, as the answer to the A and to the
 * AAAA query for db.example.test; the id is the input's own, so the
 * fuzzer gets past the id check.  The same bytes also go through the
 * resolv.conf and /etc/hosts parsers.
 */
#include <stdint.h>
#include <string.h>

#include "dns.h"
#include "resolv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	unsigned char buf[DNS_UDP_CAP];
	struct dns_answer a;
	struct resolv_conf c;
	struct resolv_found f;
	uint16_t id;

	/* recvfrom() reads at most DNS_UDP_CAP bytes; an exact copy lets
	 * ASan see a read past them. */
	if (len > sizeof buf) {
		return 0;
	}
	memcpy(buf, data, len);
	id = len >= 2 ? (uint16_t)(buf[0] << 8 | buf[1]) : 0;
	(void)dns_answer_parse(buf, len, id, "db.example.test", DNS_T_A, &a);
	(void)dns_answer_parse(buf, len, id, "db.example.test", DNS_T_AAAA,
	    &a);
	if (a.why != NULL) {
		(void)strlen(a.why);
	}
	resolv_conf_parse(&c, (const char *)buf, len);
	memset(&f, 0, sizeof f);
	(void)resolv_hosts_find((const char *)buf, len, "db.example.test",
	    &f);
	return 0;
}
