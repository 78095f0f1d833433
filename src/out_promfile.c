/* SPDX-License-Identifier: MIT */
/*
 * out_promfile: the atomic textfile for node_exporter (see the header).
 * rename(2) within one directory is atomic, so the collector never reads
 * a file half written; fsync before it, so that after a crash FILE is the
 * old file or the new one, not an empty one (ext4's delayed allocation).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fmt.h"
#include "out_promfile.h"

/* see out_promfile.h */
int
out_promfile_open(struct out_promfile *pf, const char *path, char *why,
    size_t cap)
{
	size_t len = strlen(path) + 32;
	unsigned fam;

	memset(pf, 0, sizeof *pf);
	pf->path = path;
	pf->tmp = malloc(len);
	if (pf->tmp == NULL) {
		fmt_snprintf(why, cap, "%s: out of memory", path);
		return -1;
	}
	fmt_snprintf(pf->tmp, len, "%s.tmp.%ld", path, (long)getpid());
	pf->fd = open(pf->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
	    O_CLOEXEC, 0644);
	if (pf->fd < 0) {
		fmt_snprintf(why, cap, "cannot create %s: %s", pf->tmp,
		    strerror(errno));
		free(pf->tmp);
		return -1;
	}
	/* NULL (no memory) is remembered, and fails the commit. */
	for (fam = 0; fam < OUT_PROM_FAMILIES; fam++) {
		pf->fam[fam] = open_memstream(&pf->buf[fam], &pf->len[fam]);
		if (pf->fam[fam] != NULL) {
			out_prom_head(pf->fam[fam], fam);
		}
	}
	return 0;
}

/* see out_promfile.h */
void
out_promfile_add(struct out_promfile *pf, const struct spec *sp,
    const struct report *rep)
{
	unsigned fam;

	for (fam = 0; fam < OUT_PROM_FAMILIES; fam++) {
		if (pf->fam[fam] != NULL) {
			out_prom_samples(pf->fam[fam], fam, sp, rep);
		}
	}
}

/* Writes the families to the temporary file and closes it.  Returns 0,
 * or an errno. */
static int
write_all(struct out_promfile *pf)
{
	const char *p;
	size_t left;
	ssize_t n;
	unsigned fam;
	int err = 0;

	for (fam = 0; fam < OUT_PROM_FAMILIES && err == 0; fam++) {
		/* A memory stream fails only for want of memory. */
		if (pf->fam[fam] == NULL || fflush(pf->fam[fam]) != 0 ||
		    ferror(pf->fam[fam])) {
			err = ENOMEM;
		}
		p = pf->buf[fam];
		for (left = err == 0 ? pf->len[fam] : 0; left > 0; ) {
			n = write(pf->fd, p, left);
			if (n < 0 && errno == EINTR) {
				continue;
			}
			if (n <= 0) {
				err = n < 0 ? errno : EIO;
				break;
			}
			p += n;
			left -= (size_t)n;
		}
	}
	if (err == 0 && fsync(pf->fd) != 0) {
		err = errno;
	}
	if (close(pf->fd) != 0 && err == 0) {
		err = errno;
	}
	pf->fd = -1;
	return err;
}

/* see out_promfile.h */
int
out_promfile_commit(struct out_promfile *pf, char *why, size_t cap)
{
	unsigned fam;
	char *slash;
	int err;
	int dfd;

	err = write_all(pf);
	if (err == 0 && rename(pf->tmp, pf->path) != 0) {
		err = errno;
	}
	if (err != 0) {
		fmt_snprintf(why, cap, "cannot write %s: %s", pf->path,
		    strerror(err));
		unlink(pf->tmp);
	} else {
		/* The directory entry too.  FILE is complete and in place
		 * either way, so a directory that cannot be synced (some
		 * file systems refuse) does not fail the run. */
		strcpy(pf->tmp, pf->path);
		slash = strrchr(pf->tmp, '/');
		if (slash != NULL) {
			slash[slash == pf->tmp] = '\0';	/* "/f": "/" */
		}
		dfd = open(slash != NULL ? pf->tmp : ".", O_RDONLY |
		    O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
	}
	for (fam = 0; fam < OUT_PROM_FAMILIES; fam++) {
		if (pf->fam[fam] != NULL) {
			fclose(pf->fam[fam]);
			free(pf->buf[fam]);
		}
	}
	free(pf->tmp);
	return err == 0 ? 0 : -1;
}
