/* SPDX-License-Identifier: MIT */
/*
 * feed: the command line's SPECs, then the input file's, one at a time.
 */
#include <string.h>

#include "feed.h"
#include "fmt.h"

/* see feed.h */
int
feed_open(struct feed *f, struct pgspec *ps, char **argv, size_t argc,
    const char *path, char *why, size_t cap)
{
	char *line;

	memset(f, 0, sizeof *f);
	f->ps = ps;
	f->argv = argv;
	f->argc = argc;
	if (path == NULL) {
		return 0;
	}
	if (input_open(&f->in, path, why, cap) < 0) {
		return -1;
	}
	f->has_input = true;
	f->path = strcmp(path, "-") == 0 ? "stdin" : path;
	/* A file that cannot be read at all is refused before any probe. */
	switch (input_next(&f->in, &line, why, cap)) {
	case INPUT_ERROR:
		fmt_snprintf(why, cap, "%s: %s", path, f->in.why);
		input_close(&f->in);
		return -1;
	case INPUT_END:
		f->is_input_empty = true;
		return 0;
	default:
		input_unget(&f->in);
		return 0;
	}
}

/* see feed.h */
bool
feed_is_empty(const struct feed *f)
{
	return f->argc == 0 && (!f->has_input || f->is_input_empty);
}

/* A line that is no SPEC line: "PATH:LINE", failed with why. */
static int
bad_line(struct feed *f, struct loop_spec *out, unsigned long line,
    const char *why)
{
	memset(out, 0, sizeof *out);
	fmt_snprintf(out->text, sizeof out->text, "%s:%lu", f->path, line);
	out->spec.text = out->text;
	out->spec.proto = f->ps->proto;
	result_fail(&out->res, CK_E_INPUT, "%s", why);
	return 1;
}

/* see feed.h */
int
feed_next(void *ctx, struct loop_spec *out)
{
	struct feed *f = ctx;
	char why[RESULT_DETAIL_CAP];
	char *line;
	int rc;

	for (;;) {
		if (f->text != NULL && f->host < f->n_hosts) {
			rc = pgspec_next(f->ps, f->text, f->host, out, why,
			    sizeof why);
			if (rc < 0) {
				/* The whole text: its hosts share the reason. */
				f->text = NULL;
				out->spec.proto = f->ps->proto;
				result_fail(&out->res, CK_E_SPEC, "%s", why);
				return 1;
			}
			if (f->host++ == 0) {
				f->n_hosts = (size_t)rc;
			}
			return 1;
		}
		f->text = NULL;
		f->host = 0;
		f->n_hosts = 1;
		if (f->arg_i < f->argc) {
			f->text = f->argv[f->arg_i++];
			continue;
		}
		if (!f->has_input) {
			return -1;
		}
		switch (input_next(&f->in, &line, why, sizeof why)) {
		case INPUT_SPEC:
			f->text = line;
			continue;
		case INPUT_BAD:
			return bad_line(f, out, f->in.line, why);
		case INPUT_ERROR:
			fmt_snprintf(why, sizeof why, "could not be read: %s "
			    "(the rest of the input is lost)", f->in.why);
			return bad_line(f, out, f->in.line + 1, why);
		default:
			return -1;
		}
	}
}

/* see feed.h */
void
feed_close(struct feed *f)
{
	if (f->has_input) {
		input_close(&f->in);
	}
}
