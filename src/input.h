/* SPDX-License-Identifier: MIT */
/*
 * input: SPEC lists from --input-file: one SPEC a line, "#" comments and
 * blank lines ignored, "-" for stdin.  The one module that owns the heap
 * memory of the SPEC list (freed by input_free, or at exit).
 */
#ifndef CK_INPUT_H
#define CK_INPUT_H

#include <stddef.h>

/* A SPEC line longer than this is a mistake, not a host name. */
#define INPUT_LINE_MAX 4096
/* SPECs in one run: each costs a report (about 600 bytes) until exit. */
#define INPUT_SPECS_MAX 100000
/* An input file bigger than this is not a SPEC list. */
#define INPUT_FILE_MAX (64u * 1024 * 1024)

struct input {
	char **specs;			/* heap; the strings point into text */
	size_t n;
	size_t cap;			/* room in specs */
	char *text;			/* heap: the file, NULs at line ends */
};

/*
 * Appends the SPECs of the n strings argv (borrowed) and of the file path
 * (NULL: none; "-": stdin) to in, command line first.  in starts zeroed.
 * Returns 0, or -1 with a one-line reason in why (cap bytes).
 */
int input_load(struct input *in, char **argv, size_t n, const char *path,
    char *why, size_t cap);

/*
 * Splits text (len bytes, NUL-terminated by the caller at text[len]) into
 * SPEC lines in place, appending to in.  Returns 0, or -1 with why.
 */
int input_parse(struct input *in, char *text, size_t len, char *why,
    size_t cap);

/* Frees what input_load allocated. */
void input_free(struct input *in);

#endif
