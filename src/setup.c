/* SPDX-License-Identifier: MIT */
/*
 * setup: a run's files and descriptors, for main and Munin mode alike.
 */
/*
 * prlimit(): musl's setrlimit() goes through __synccall for threaded
 * programs, 3 KB more; the limit is the process's either way on Linux.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/resource.h>

#include "anchors.h"
#include "fmt.h"
#include "pem.h"
#include "keyfile.h"
#include "setup.h"

/* The client certificate, with the key's password read, used, wiped. */
static int
load_identity(struct setup *st, const struct setup_files *f, char *why,
    size_t cap)
{
	char pw[KEYFILE_PASSWORD_MAX + 1];
	char text[RESULT_DETAIL_CAP + 256];
	int rc;

	pw[0] = '\0';
	if (f->client_key_password_file != NULL &&
	    identity_read_password(f->client_key_password_file, pw,
	    sizeof pw, text, sizeof text) < 0) {
		fmt_snprintf(why, cap, "%s %s", f->client_key_password_name,
		    text);
		return -1;
	}
	rc = identity_load(&st->id, f->client_cert, f->client_key, pw, text,
	    sizeof text);
	explicit_bzero(pw, sizeof pw);
	if (rc < 0) {
		fmt_snprintf(why, cap, "client certificate: %s", text);
	}
	return rc;
}

/* see setup.h */
int
setup_load(struct setup *st, const struct setup_files *f,
    struct loop_opts *lo, char *why, size_t cap)
{
	char text[RESULT_DETAIL_CAP + 64];
	struct result res;
	size_t i;

	memset(st, 0, sizeof *st);
	lo->anchors = &ck_anchors;
	if (f->root_certs != NULL) {
		memset(&res, 0, sizeof res);
		if (pem_load_anchors(f->root_certs, &st->anchors, &res) < 0) {
			fmt_snprintf(why, cap, "%s %s: %s", f->root_certs_name,
			    f->root_certs, result_format(&res, text,
			    sizeof text));
			return -1;
		}
		st->has_anchors = true;
		lo->anchors = &st->anchors;
	}
	for (i = 0; i < f->n_crls; i++) {
		memset(&res, 0, sizeof res);
		if (crl_set_add(&st->crls, f->crls[i], &res) < 0) {
			fmt_snprintf(why, cap, "%s %s: %s", f->crl_name,
			    f->crls[i], result_format(&res, text,
			    sizeof text));
			setup_free(st);
			return -1;
		}
	}
	lo->crls = f->n_crls > 0 ? &st->crls : NULL;
	if (f->client_cert != NULL) {
		if (load_identity(st, f, why, cap) < 0) {
			setup_free(st);
			return -1;
		}
		st->has_id = true;
		lo->identity = &st->id;
	}
	return 0;
}

/*
 * Above this many spare descriptors nobody counts the open ones: a run
 * would need that many inherited to run short, and then each target that
 * cannot open a socket still fails with its reason (EMFILE).  Counting
 * costs one fcntl() per descriptor below the limit, which may be 2^20.
 */
#define FD_SLACK 1024

/* see setup.h */
size_t
setup_workers(size_t want, char *why, size_t cap)
{
	struct rlimit rl;
	rlim_t used = 0;
	rlim_t fd;
	rlim_t room;

	why[0] = '\0';
	if (prlimit(0, RLIMIT_NOFILE, NULL, &rl) < 0) {
		return want;
	}
	if (rl.rlim_cur < rl.rlim_max) {
		rlim_t soft = rl.rlim_cur;

		rl.rlim_cur = rl.rlim_max;
		if (prlimit(0, RLIMIT_NOFILE, &rl, NULL) < 0) {
			rl.rlim_cur = soft;
		}
	}
	/*
	 * One descriptor per target: the resolver's UDP socket closes before
	 * the TCP socket opens, a fallback to SSLRequest closes before it
	 * connects again, and a file SPEC is read while its slot holds none
	 * (loop.c).  poll() fails with EINVAL on more than rlim_cur.
	 */
	if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > want + FD_SLACK) {
		return want;
	}
	for (fd = 0; fd < rl.rlim_cur; fd++) {
		used += fcntl((int)fd, F_GETFD) >= 0;
	}
	/* None free: one worker, whose targets fail with EMFILE, shown. */
	room = rl.rlim_cur > used + 1 ? rl.rlim_cur - used : 1;
	if (room >= want) {
		return want;
	}
	fmt_snprintf(why, cap, "capped to %llu: %llu file descriptors, %llu "
	    "in use", (unsigned long long)room,
	    (unsigned long long)rl.rlim_cur, (unsigned long long)used);
	return (size_t)room;
}

/* see setup.h */
void
setup_free(struct setup *st)
{
	if (st->has_anchors) {
		pem_anchors_free(&st->anchors);
	}
	crl_set_free(&st->crls);
	if (st->has_id) {
		identity_free(&st->id);
	}
	memset(st, 0, sizeof *st);
}
