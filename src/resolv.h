/* SPDX-License-Identifier: MIT */
/*
 * resolv: name resolution the poll() loop drives (a DNS client that asks
 * the servers in resolv.conf, not a recursive resolver), so that resolving a
 * name is one more non-blocking step of a target, under its deadline.
 *
 * Order of lookup for a name:
 *  1. an IP literal as ip_parse reads it (IPv4 in any inet_aton form, as
 *     musl and glibc's getaddrinfo take it; IPv6 optionally with a
 *     %scope, an interface name or index): no lookup;
 *  2. /etc/hosts: every line naming it (case-insensitively), in file
 *     order, as musl does; a name found there is never asked of DNS;
 *  3. "localhost" and names under ".localhost" (RFC 6761 6.3): 127.0.0.1
 *     and ::1, when /etc/hosts does not name them;
 *  4. DNS over UDP port 53, as musl: the A and AAAA queries go together to
 *     every name server at once; unanswered queries are sent again every
 *     timeout/attempts seconds, and a candidate name is given up after
 *     timeout seconds.  Candidates follow resolv.conf(5): a name ending in
 *     '.' is asked as it is; one with at least ndots dots is asked as it
 *     is, then with each search domain; any other with each search domain
 *     first, then as it is.  NXDOMAIN and NODATA move to the next
 *     candidate; SERVFAIL, REFUSED or another error from a server leaves
 *     the query to the other servers, and when every server failed it the
 *     lookup fails (musl stops there too).  Answers are accepted only from
 *     the address and port a query went to, with its random id and its
 *     question; anything else is ignored and counted.  A truncated answer
 *     (TC) is used as far as it arrived, with no retry over TCP.
 *
 * Addresses come out IPv4 first, then IPv6, each in the order found, at
 * most NET_ADDRS_MAX, half of them kept for IPv6 when both families have
 * more.  The configuration is read once (resolv_conf_load); a query keeps
 * its state in the caller's struct resolv_query and one UDP socket.
 */
#ifndef CK_RESOLV_H
#define CK_RESOLV_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dane.h"
#include "dns.h"
#include "err.h"
#include "net.h"

/* Name servers used: MAXNS of glibc and musl. */
#define RESOLV_NS_MAX 3

/* search/domain: musl's bound (256 bytes, longer lines are ignored). */
#define RESOLV_SEARCH_CAP 256

/*
 * resolv.conf read at most: the file names three servers and a search
 * line, well under 1 KiB; anything past 64 KiB is not read.
 */
#define RESOLV_CONF_CAP (64 * 1024)

/*
 * /etc/hosts is read whole, once, into memory allocated at startup.
 * Block lists that ship as hosts files reach a few MiB; above 16 MiB the
 * file is refused and every lookup that would need it fails.
 */
#define RESOLV_HOSTS_CAP (16 * 1024 * 1024)

/* musl's defaults and caps for options ndots:, timeout:, attempts:. */
#define RESOLV_NDOTS_DEFAULT 1
#define RESOLV_NDOTS_MAX 15
#define RESOLV_TIMEOUT_DEFAULT_S 5
#define RESOLV_TIMEOUT_MAX_S 60
#define RESOLV_ATTEMPTS_DEFAULT 2
#define RESOLV_ATTEMPTS_MAX 10

struct resolv_conf {
	size_t n_ns;
	/* IPv4 servers as v4-mapped IPv6 addresses, port 53. */
	struct sockaddr_in6 ns[RESOLV_NS_MAX];
	int family;			/* socket: AF_INET6 when any server
					 * is IPv6 and IPv6 works, else
					 * AF_INET (IPv6 servers dropped) */
	unsigned ndots;
	unsigned timeout_s;
	unsigned attempts;
	char search[RESOLV_SEARCH_CAP];	/* domains, blank-separated */
	char *hosts;			/* /etc/hosts; NULL: none */
	size_t hosts_len;
	bool is_hosts_too_big;		/* over RESOLV_HOSTS_CAP */
	bool is_trust_ad;		/* options trust-ad */
	/* A file could not be read for a reason other than its absence,
	 * or the IPv6 test socket failed other than with EAFNOSUPPORT
	 * (EMFILE, ENOMEM): what failed ("/etc/hosts", "socket") and
	 * errno; load_errno 0: all went well. */
	const char *load_what;
	int load_errno;
};

/*
 * Sets c from resolv.conf text (len bytes, no NUL needed), after musl's
 * defaults: nameserver lines (IPv4 or IPv6, up to RESOLV_NS_MAX; none:
 * 127.0.0.1), the last search or domain line, and options ndots:N,
 * timeout:N, attempts:N (capped as musl caps them; timeout and attempts
 * at least 1) and trust-ad (glibc's: the servers' AD bit is believed).  Malformed lines and options are skipped.  c->family is
 * AF_INET6 when any server is IPv6.  Leaves c->hosts NULL.
 */
void resolv_conf_parse(struct resolv_conf *c, const char *text, size_t len);

/*
 * Reads /etc/resolv.conf (a missing file means the defaults) and
 * /etc/hosts (missing: no entries) into c, and drops IPv6 servers when
 * IPv6 is not supported (EAFNOSUPPORT).  Allocates c->hosts: the caller
 * frees it with resolv_conf_free.  A file that is missing, not a file or
 * not readable is not there; any other failure to read one, or to make
 * the IPv6 test socket (no descriptor or memory left), is kept in
 * load_what/load_errno, and resolv_start then fails every name it is
 * given, as musl's resolver does (EAI_SYSTEM).
 */
void resolv_conf_load(struct resolv_conf *c);

/* Frees what resolv_conf_load allocated; c may be NULL. */
void resolv_conf_free(struct resolv_conf *c);

/* Addresses found, by family, before they are ordered into net_addrs. */
struct resolv_found {
	size_t n4;
	size_t n6;
	unsigned char a4[NET_ADDRS_MAX][4];
	unsigned char a6[NET_ADDRS_MAX][16];
};

/*
 * Adds to f the addresses of every line of hosts text (len bytes) that
 * names name (case-insensitively; a final '.' of name is ignored), in
 * file order, until f holds NET_ADDRS_MAX of a family.  Returns true when
 * any line named it.
 */
bool resolv_hosts_find(const char *text, size_t len, const char *name,
    struct resolv_found *f);

/*
 * The canonical name of name in hosts text, as getaddrinfo's
 * AI_CANONNAME (and so `hostname -f`) finds it there: the first name of
 * the first line naming it, into out (cap bytes).  Returns true when a
 * line named it and its first name fit.
 */
bool resolv_hosts_canon(const char *text, size_t len, const char *name,
    char *out, size_t cap);

/* Writes f, IPv4 first, as port's addresses into out (see above). */
void resolv_found_addrs(const struct resolv_found *f, uint16_t port,
    struct net_addrs *out);

enum resolv_status {
	RESOLV_DONE,			/* out holds the addresses */
	RESOLV_AGAIN,			/* poll fd for POLLIN until
					 * resolv_wake_ms, then step */
	RESOLV_FAIL			/* res says why */
};

/* One target's lookup.  Small: the receive buffer is on the stack. */
struct resolv_query {
	const struct resolv_conf *conf;
	const char *name;		/* borrowed: must outlive the query */
	uint16_t port;
	struct dane_tlsa *tlsa;		/* non-NULL: a TLSA lookup */
	unsigned cand;			/* candidate asked: see candidate() */
	char qname[DNS_NAME_CAP];	/* its text */
	char tname[DNS_NAME_CAP];	/* TLSA: _PORT._tcp.HOST. */
	uint16_t id[2];			/* A, AAAA */
	bool is_done[2];
	bool is_failed[2];		/* every server failed it */
	unsigned char ns_failed[2];	/* bit i: server i failed it */
	enum dns_status fail_st;	/* the last server failure */
	unsigned fail_rcode;
	size_t fail_ns;
	bool has_nodata;		/* some candidate exists, no address */
	bool has_asked;			/* some candidate was a valid name */
	unsigned rounds;		/* sends of the current candidate */
	int64_t cand_start_ms;
	int64_t wake_ms;		/* next resend, or giving up */
	unsigned n_ignored;		/* replies that were not answers */
	const char *ignored_why;	/* the last one's reason (static) */
	struct resolv_found found;
};

/*
 * Starts resolving name (borrowed, as q) for TCP port with configuration
 * c (borrowed) at now_ms.  RESOLV_DONE: out is filled (a literal, a hosts
 * entry); *fd is -1.  RESOLV_AGAIN: *fd is a UDP socket, owned by the
 * caller, who closes it once the query ends (DONE, FAIL or its own
 * deadline).  RESOLV_FAIL: res is CK_E_RESOLVE with "NAME: reason" as
 * detail; *fd is -1.
 */
enum resolv_status resolv_start(struct resolv_query *q,
    const struct resolv_conf *c, const char *name, uint16_t port,
    int64_t now_ms, int *fd, struct net_addrs *out, struct result *res);

/*
 * Starts the TLSA lookup of _PORT._tcp.HOST (host borrowed, as q), as
 * one absolute name (no search list, /etc/hosts not read), into t.  The
 * query sets AD and offers DNS_EDNS_CAP bytes (dns_query_dnssec); it is
 * sent and resent as an address query is, and stepped by resolv_step.
 * RESOLV_DONE: t->lookup says what was found (DANE_L_NO_NAME for an IP
 * address; otherwise, once an answer arrives: records, AD trusted only
 * when /etc/resolv.conf has options trust-ad or the answering server
 * is on loopback (glibc's and Postfix's rule), else UNVALIDATED;
 * NXDOMAIN; NODATA; a truncated answer (TC) is FAILED, with no retry
 * over TCP).  RESOLV_FAIL: the lookup failed as an address lookup
 * would (res says why; the caller records it in t as FAILED).
 */
enum resolv_status resolv_tlsa_start(struct resolv_query *q,
    const struct resolv_conf *c, const char *host, uint16_t port,
    int64_t now_ms, int *fd, struct dane_tlsa *t, struct result *res);

/*
 * Advances q at now_ms: reads every datagram waiting on fd (when
 * is_readable), resends or gives up when wake time has come.  Returns as
 * resolv_start; on DONE and FAIL the caller closes fd.
 */
enum resolv_status resolv_step(struct resolv_query *q, int fd,
    int64_t now_ms, bool is_readable, struct net_addrs *out,
    struct result *res);

/* When resolv_step must run even if nothing arrives. */
int64_t resolv_wake_ms(const struct resolv_query *q);

/*
 * Fills res as CK_E_TIMEOUT when the target's deadline (after timeout_ms)
 * passed during the lookup: "after N ms resolving NAME", with the count
 * and last reason of ignored replies, if any.
 */
void resolv_timeout(const struct resolv_query *q, int64_t timeout_ms,
    struct result *res);

#endif
