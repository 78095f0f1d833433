/* SPDX-License-Identifier: MIT */
/*
 * out_promfile: --prometheus FILE, out_prom's metrics for every SPEC of a
 * run, for node_exporter's textfile collector.  The file is replaced
 * atomically: written to FILE.tmp.PID in the same directory (which the
 * collector, reading only *.prom, ignores), synced, renamed over FILE.
 * A reader sees the old file or the whole new one, never a part.
 *
 * Memory: each family's samples are gathered in a growing buffer until
 * commit (the format wants a family's samples together), about 600 bytes
 * per SPEC, freed by commit.
 */
#ifndef CK_OUT_PROMFILE_H
#define CK_OUT_PROMFILE_H

#include <stdio.h>

#include "loop.h"
#include "out_prom.h"
#include "spec.h"

struct out_promfile {
	const char *path;		/* FILE; borrowed */
	char *tmp;			/* FILE.tmp.PID; owned */
	int fd;				/* on tmp; -1 once closed */
	FILE *fam[OUT_PROM_FAMILIES];	/* memory streams; NULL: failed */
	char *buf[OUT_PROM_FAMILIES];
	size_t len[OUT_PROM_FAMILIES];
};

/*
 * Creates FILE.tmp.PID (mode 0644 less the umask; an old one of that
 * name is truncated, a symbolic link refused) before any probe, so an
 * unwritable directory fails the run at once.  Returns 0, or -1 with a
 * one-line why (nothing to discard then).
 */
int out_promfile_open(struct out_promfile *pf, const char *path, char *why,
    size_t cap);

/* Adds one SPEC's samples (in input order). */
void out_promfile_add(struct out_promfile *pf, const struct spec *sp,
    const struct report *rep);

/*
 * Writes every family to the temporary file, syncs it, renames it over
 * FILE and syncs the directory; frees pf.  Returns 0, or -1 with a
 * one-line why, FILE untouched and the temporary file removed.
 */
int out_promfile_commit(struct out_promfile *pf, char *why, size_t cap);

#endif
