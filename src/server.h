/* SPDX-License-Identifier: MIT */
/*
 * server: `ccheck server`, Go ccheck's HTTP API and a Prometheus
 * exporter on one listener, driven by the probe loop's own poll() round
 * (loop_opts.prepare/dispatch): no threads, no second event loop.
 *
 *   GET {prefix}/{protocol}/{spec,spec,...}   Go ccheck's JSON (Accept:
 *       application/json, * / *; text/plain and application/text give
 *       one line per SPEC; anything else 415)
 *   GET {prefix}/probe?target=SPEC[&module=M] one target's metrics
 *   GET {prefix}/metrics                      the server's own counters
 *
 * Every SPEC of a request is parsed by spec_parse_net (never a file,
 * never a connection string) and matched against the --allow list
 * before anything is resolved: one that is not allowed makes the whole
 * request 403.  Results come from cache.h (TTL, coalescing).  Limits:
 * SERVER_CLIENTS connections, SERVER_SPECS SPECs per request, http.h's
 * head limits, SERVER_REQUESTS per connection, and deadlines for a
 * request head (server.http_read), an idle connection (http_idle) and a
 * response (http_write).  The edge of its own: it logs one line per
 * request on stderr and prints its startup errors there.
 */
#ifndef CK_SERVER_H
#define CK_SERVER_H

#include "cli.h"

/* Connections served at once; a new one closes the one idle longest,
 * or is answered 503 when every one has a request in progress. */
#define SERVER_CLIENTS 64
/* SPECs in one request's list (Go ccheck has no limit; 400 beyond). */
#define SERVER_SPECS 16
/* Requests one connection may make before it is closed. */
#define SERVER_REQUESTS 100

/*
 * Runs the server the command line c describes until SIGTERM or SIGINT,
 * after which it stops accepting, finishes the requests in flight and
 * returns 0.  SIGHUP reads the file and the PEM files again; what fails
 * to load is logged and changes nothing.  Returns 1 after a usage error (printed), 2 when it could
 * not start (the address in use, a file that cannot be read).
 */
int server_run(const struct cli *c);

#endif
