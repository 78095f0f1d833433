/* SPDX-License-Identifier: MIT */
/*
 * net: the fixed array of addresses a name resolves to (resolv.h fills
 * it) and non-blocking TCP connects over it.  Nothing here blocks.
 */
#ifndef CK_NET_H
#define CK_NET_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "err.h"

/*
 * Addresses tried per name, in the resolver's order.  musl keeps at most
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
