/* SPDX-License-Identifier: MIT */
/*
 * passwd: a user id's login name from /etc/passwd, which is what musl's
 * getpwuid() reads first; --ready defaults its role to it, as libpq does.
 * Not getpwuid() itself: its nscd client and stdio reader cost 3 KB, and
 * a static binary on a host whose accounts come from a directory service
 * cannot load that host's NSS modules anyway.
 */
#ifndef CK_PASSWD_H
#define CK_PASSWD_H

#include <stddef.h>
#include <sys/types.h>

/* Longest /etc/passwd line considered (longer ones are skipped):
 * useradd's limits keep a real line far below this. */
#define PASSWD_LINE_CAP 1024

/*
 * Writes the name of the first line of path (normally "/etc/passwd")
 * whose third field is uid into name (cap bytes, NUL-terminated).
 * Returns 0, or -1 when the file cannot be read, no line matches or the
 * name does not fit; errno is then meaningless.
 */
int passwd_name(const char *path, uid_t uid, char *name, size_t cap);

/*
 * As passwd_name, for the sixth field: the home directory, which libpq
 * uses for ~/.postgresql when HOME is unset or empty.
 */
int passwd_home(const char *path, uid_t uid, char *home, size_t cap);

/*
 * Field field (0: name) of the line of path whose third field is id: a
 * passwd(5) line's uid (field 3 its gid), or a group(5) line's gid
 * (field 3 its members, "a,b").  Returns 0, or -1 when there is none or
 * it does not fit in cap bytes.
 */
int passwd_field(const char *path, unsigned id, int field, char *out,
    size_t cap);

#endif
