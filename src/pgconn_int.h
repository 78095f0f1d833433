/* SPDX-License-Identifier: MIT */
/*
 * pgconn_int: what the connection-string parser (pgconn.c) and its
 * masking (pgconn_mask.c) share.  Not for other modules.
 */
#ifndef CK_PGCONN_INT_H
#define CK_PGCONN_INT_H

#include <stdbool.h>
#include <stddef.h>

/* Locale-free isspace(): the set libpq skips. */
bool pgconn_is_space(char c);

/* Value of hex digit c, or -1. */
int pgconn_hexval(char c);

/* Length of a "postgresql://" or "postgres://" prefix of text, or 0. */
size_t pgconn_uri_prefix_len(const char *text);

#endif
