/* SPDX-License-Identifier: MIT */
/*
 * input: SPEC lists: one SPEC a line, "#" comments and blank lines
 * ignored, "-" for stdin.  The one line parser of ccheck.  A probe run
 * reads its --input-file incrementally (struct input_reader: a fixed
 * buffer, one line at a time, nothing allocated), so memory does not grow
 * with the file.  Munin's short lists are loaded whole (struct input:
 * heap, freed by input_free).
 */
#ifndef CK_INPUT_H
#define CK_INPUT_H

#include <stdbool.h>
#include <stddef.h>

/* A SPEC line longer than this is a mistake, not a host name. */
#define INPUT_LINE_MAX 4096
/*
 * An over-long line is skipped up to its newline; a "line" longer than
 * this (a binary file, a device) ends the input instead: reading on
 * would take unbounded time for one failure.
 */
#define INPUT_SKIP_MAX (64ul * 1024 * 1024)
/* SPECs in one whole-loaded list (munin): each is a heap string. */
#define INPUT_SPECS_MAX 100000

enum input_status {
	INPUT_SPEC,			/* a SPEC line */
	INPUT_BAD,			/* a line that is no SPEC line: why */
	INPUT_END,			/* no more lines */
	INPUT_ERROR			/* read error (why): no more lines */
};

/*
 * One input file read a line at a time.  buf holds the longest line, its
 * newline and one read's worth more.
 */
struct input_reader {
	int fd;
	bool is_stdin;			/* fd is not ours to close */
	bool is_eof;
	bool is_done;			/* END or ERROR returned, or a NUL */
	bool has_peeked;		/* the last line is to be returned again */
	enum input_status peeked;
	unsigned long line;		/* number of the last line returned */
	char *spec;			/* the last SPEC, inside buf */
	char why[96];			/* the last reason */
	size_t start;			/* unread bytes are buf[start, end) */
	size_t end;
	char buf[2 * INPUT_LINE_MAX + 2];
};

/*
 * Opens path ("-": stdin, not closed by input_close) for r.  Returns 0,
 * or -1 with "PATH: REASON" in why (cap bytes).
 */
int input_open(struct input_reader *r, const char *path, char *why,
    size_t cap);

/*
 * The next SPEC line of r: INPUT_SPEC with *spec (inside r, valid until
 * the next call) trimmed of blanks and comments; INPUT_BAD with why
 * ("longer than 4096 bytes", "NUL byte", ...) for a line that is none,
 * r->line its number (after a NUL byte, or a line longer than
 * INPUT_SKIP_MAX, the input ends: the next call returns INPUT_END);
 * INPUT_END; or INPUT_ERROR with why (strerror) when read() failed.
 * Blocks in read().
 */
enum input_status input_next(struct input_reader *r, char **spec,
    char *why, size_t cap);

/* Makes the next input_next return what the last one did, again. */
void input_unget(struct input_reader *r);

/* Closes r's file (not stdin). */
void input_close(struct input_reader *r);

/* A whole list, loaded at once (munin). */
struct input {
	char **specs;			/* heap, each a heap string */
	size_t n;
	size_t cap;			/* room in specs */
};

/*
 * Appends the SPECs of the file path (NULL: none; "-": stdin) to in
 * (zeroed at first).  Returns 0, or -1 with a one-line reason in why
 * (cap bytes): the file, a bad line ("line 3: NUL byte"), more than
 * INPUT_SPECS_MAX SPECs, no memory.
 */
int input_load(struct input *in, const char *path, char *why, size_t cap);

/*
 * Splits text (len bytes, NUL-terminated by the caller at text[len]; it is
 * changed) into SPEC lines, appending a copy of each to in.  Returns 0,
 * or -1 with why.
 */
int input_parse(struct input *in, char *text, size_t len, char *why,
    size_t cap);

/* Frees in's strings and array. */
void input_free(struct input *in);

#endif
