/* SPDX-License-Identifier: MIT */
/*
 * net: name resolution and non-blocking TCP connects.  Nothing here
 * blocks except getaddrinfo(), whose result is copied into the caller's
 * fixed array and freed at once.
 */
#ifndef CK_NET_H
#define CK_NET_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "err.h"

/*
 * Addresses tried per name, in the resolver's order.  musl returns at most
 * 48 (MAXADDRS); a probe that fails on 8 addresses in a row has its answer,
 * and 8 keeps the slot small.
 */
#define NET_ADDRS_MAX 8

struct net_addrs {
	size_t n;
	socklen_t len[NET_ADDRS_MAX];
	struct sockaddr_storage ss[NET_ADDRS_MAX];
};

/*
 * Resolves host (a name or an IPv4/IPv6 literal) for TCP port into out,
 * IPv4 and IPv6 alike.  Returns 0, or -1 with res set to CK_E_RESOLVE and
 * the resolver's reason as detail.
 */
int net_resolve(const char *host, uint16_t port, struct net_addrs *out,
    struct result *res);

/*
 * Starts a non-blocking connect to addr i of a.  On success *fd is the
 * socket (TCP_NODELAY set) and the return is 0 (connected) or 1 (in
 * progress: wait for POLLOUT, then call net_connect_finish).  On failure
 * returns -1, *fd is -1 and res holds the reason with errno in res->sys.
 */
int net_connect_start(const struct net_addrs *a, size_t i, int *fd,
    struct result *res);

/*
 * Reports how a connect in progress ended: 0 when connected, else -1 with
 * the socket's error in res (the caller closes fd and may try the next
 * address).
 */
int net_connect_finish(int fd, struct result *res);

/* Formats addr i of a as "127.0.0.1:5432" or "[::1]:5432" into out. */
char *net_addr_format(const struct net_addrs *a, size_t i, char *out,
    size_t cap);

#endif
