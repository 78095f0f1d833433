/* SPDX-License-Identifier: MIT */
/*
 * feed: the SPECs of a probe run as the loop pulls them (loop_next_fn):
 * the command line's, then the --input-file's, read a line at a time
 * only when the loop asks, so a run never holds the whole list.  Each
 * text becomes one spec, or one per host of a connection string
 * (pgspec).  A line that is no SPEC (too long, a NUL byte, unreadable,
 * not a SPEC) becomes a failed spec in its place: a probe run reports it
 * and exits 2.  Nothing is allocated here.
 */
#ifndef CK_FEED_H
#define CK_FEED_H

#include <stdbool.h>
#include <stddef.h>

#include "input.h"
#include "loop.h"
#include "pgspec.h"

struct feed {
	struct pgspec *ps;		/* borrowed */
	char **argv;			/* borrowed */
	size_t argc;
	size_t arg_i;			/* next of argv */
	bool has_input;
	bool is_input_empty;		/* no line but blanks and comments */
	const char *path;		/* "stdin" for "-" */
	const char *text;		/* being expanded; NULL: none */
	size_t host;			/* its next host */
	size_t n_hosts;
	struct input_reader in;
};

/*
 * Starts f over the argc SPECs of argv, then the file path (NULL: none;
 * "-": stdin), and reads up to its first SPEC line.  Returns 0; or -1
 * with "PATH: REASON" in why (cap bytes) when the file cannot be opened
 * or its first read fails (a directory): a usage error, as nothing was
 * probed yet.
 */
int feed_open(struct feed *f, struct pgspec *ps, char **argv, size_t argc,
    const char *path, char *why, size_t cap);

/* True when f holds no SPEC at all (checked by feed_open). */
bool feed_is_empty(const struct feed *f);

/* loop_next_fn over a struct feed: 1 (a spec, maybe failed) or -1. */
int feed_next(void *ctx, struct loop_spec *out);

/* Closes f's file. */
void feed_close(struct feed *f);

#endif
