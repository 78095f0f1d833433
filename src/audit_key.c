/* SPDX-License-Identifier: MIT */
/*
 * audit_key: ssl_key_file as the postmaster judges it before loading
 * (be-secure-common.c, check_ssl_key_file), plus the advice PostgreSQL
 * does not enforce: no write bits, and a root-owned key's group must
 * hold the database user.  The symlink chain (Let's Encrypt's live/ ->
 * archive/) is followed step by step so each step's mode is shown.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include "audit.h"
#include "fmt.h"
#include "identity.h"
#include "passwd.h"
#include "spec.h"

/* Symlinks followed before giving up (the kernel's limit is 40). */
#define LINKS_MAX 16
/* The chain as text: every step's path, mode and owner. */
#define CHAIN_CAP AUDIT_TEXT_CAP
/* /etc/group's member list of one group. */
#define MEMBERS_CAP PASSWD_LINE_CAP

static const char ADVICE_MODE[] = "chown root:certs and chmod 0440 "
    "(-r--r-----, with postgres in group certs), or chown postgres and "
    "chmod 0400";

/* "-r--r-----" as ls(1) writes it. */
static void
mode_text(mode_t m, char out[11])
{
	static const char rwx[] = "rwxrwxrwx";
	int i;

	out[0] = S_ISLNK(m) ? 'l' : S_ISDIR(m) ? 'd' : S_ISREG(m) ? '-' : '?';
	for (i = 0; i < 9; i++) {
		out[1 + i] = (m & (0400u >> i)) != 0 ? rwx[i] : '-';
	}
	out[10] = '\0';
}

/* A user's or group's name, else its number. */
static void
id_name(const char *db, unsigned id, char *out, size_t cap)
{
	if (passwd_field(db, id, 0, out, cap) < 0) {
		fmt_snprintf(out, cap, "%u", id);
	}
}

/* Whether user uid belongs to group gid (primary or listed). */
static bool
in_group(unsigned uid, unsigned gid)
{
	char text[32];
	char user[256];
	char members[MEMBERS_CAP];
	unsigned long v;
	char *m;
	char *next;

	if (passwd_field("/etc/passwd", uid, 3, text, sizeof text) == 0 &&
	    spec_parse_ulong(text, 0, 0xffffffffUL, &v) == 0 && v == gid) {
		return true;
	}
	if (passwd_field("/etc/passwd", uid, 0, user, sizeof user) < 0 ||
	    passwd_field("/etc/group", gid, 3, members, sizeof members) < 0) {
		return false;
	}
	for (m = members; m != NULL; m = next) {
		next = strchr(m, ',');
		if (next != NULL) {
			*next++ = '\0';
		}
		if (strcmp(m, user) == 0) {
			return true;
		}
	}
	return false;
}

/* Whether user uid may read (4) or search (1) what sb describes. */
static bool
may(const struct stat *sb, unsigned uid, unsigned bit)
{
	if (uid == 0) {
		return true;
	}
	if (sb->st_uid == uid) {
		return (sb->st_mode & (bit << 6)) != 0;	/* owner bits only */
	}
	if (in_group(uid, sb->st_gid)) {
		return (sb->st_mode & (bit << 3)) != 0;
	}
	return (sb->st_mode & bit) != 0;
}

/*
 * Every directory above path must let the database user search it
 * (Let's Encrypt's archive/ and live/ are 0700 root): the first that
 * does not is a finding.  Returns false then.
 */
static bool
reach(struct audit_cluster *ac, const char *path, unsigned db_uid,
    const char *file, unsigned line)
{
	char dir[PGCONF_PATH_CAP];
	char mode[11];
	char owner[64];
	char group[64];
	char db[64];
	struct stat sb;
	const char *slash;

	for (slash = strchr(path + 1, '/'); slash != NULL;
	    slash = strchr(slash + 1, '/')) {
		fmt_snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
		if (stat(dir, &sb) < 0 || may(&sb, db_uid, 1)) {
			continue;
		}
		mode_text(sb.st_mode, mode);
		id_name("/etc/passwd", sb.st_uid, owner, sizeof owner);
		id_name("/etc/group", sb.st_gid, group, sizeof group);
		id_name("/etc/passwd", db_uid, db, sizeof db);
		audit_add(ac, AUDIT_CRITICAL, "key-path", file, line,
		    "let the group certs search it: chgrp certs, chmod 0750",
		    "the database user %s cannot reach %s: directory %s is "
		    "%s %s:%s", db, path, dir, mode, owner, group);
		return false;
	}
	return true;
}

/*
 * Follows path's symlinks, writing each step to chain; the last step's
 * path goes to final.  Returns 0 with *sb the last step's stat, or -1
 * with errno set.
 */
static int
follow(const char *path, char *chain, size_t cap, char *final,
    size_t final_cap, struct stat *sb)
{
	char cur[PGCONF_PATH_CAP];
	char dir[PGCONF_PATH_CAP];
	char target[PGCONF_PATH_CAP];
	char mode[11];
	char owner[64];
	char group[64];
	size_t used = 0;
	ssize_t n;
	int i;

	fmt_snprintf(cur, sizeof cur, "%s", path);
	chain[0] = '\0';
	for (i = 0; i <= LINKS_MAX; i++) {
		if (lstat(cur, sb) < 0) {
			return -1;
		}
		mode_text(sb->st_mode, mode);
		id_name("/etc/passwd", sb->st_uid, owner, sizeof owner);
		id_name("/etc/group", sb->st_gid, group, sizeof group);
		used += (size_t)fmt_snprintf(chain + used, used < cap ?
		    cap - used : 0, "%s%s (%s %s:%s)", i > 0 ? " -> " : "", cur,
		    mode, owner, group);
		if (used >= cap) {
			used = cap;
		}
		fmt_snprintf(final, final_cap, "%s", cur);
		if (!S_ISLNK(sb->st_mode)) {
			return 0;
		}
		n = readlink(cur, target, sizeof target - 1);
		if (n < 0) {
			return -1;
		}
		target[n] = '\0';
		pgconf_dirname(cur, dir, sizeof dir);
		if (pgconf_path_join(dir, target, cur, sizeof cur) < 0) {
			errno = ENAMETOOLONG;
			return -1;
		}
	}
	errno = ELOOP;
	return -1;
}

/* PostgreSQL's rule, then the advice's; true when PostgreSQL can read. */
static bool
judge_mode(struct audit_cluster *ac, const char *final, const struct stat *sb,
    unsigned db_uid, const char *file, unsigned line)
{
	char db[64];
	char group[64];
	unsigned uid = sb->st_uid;
	unsigned perm = sb->st_mode & 07777;
	char oct[5];

	/* fmt has no %o */
	oct[0] = (char)('0' + ((perm >> 9) & 7));
	oct[1] = (char)('0' + ((perm >> 6) & 7));
	oct[2] = (char)('0' + ((perm >> 3) & 7));
	oct[3] = (char)('0' + (perm & 7));
	oct[4] = '\0';

	id_name("/etc/passwd", db_uid, db, sizeof db);
	id_name("/etc/group", sb->st_gid, group, sizeof group);
	if (!S_ISREG(sb->st_mode)) {
		audit_add(ac, AUDIT_CRITICAL, "key-perms", file, line, NULL,
		    "private key file \"%s\" is not a regular file", final);
		return false;
	}
	if (uid != db_uid && uid != 0) {
		audit_add(ac, AUDIT_CRITICAL, "key-owner", file, line,
		    ADVICE_MODE, "private key file \"%s\" must be owned by "
		    "the database user (%s) or root: PostgreSQL refuses it",
		    final, db);
		return false;
	}
	if ((uid == db_uid && (perm & (S_IRWXG | S_IRWXO)) != 0) ||
	    (uid == 0 && (perm & (S_IWGRP | S_IXGRP | S_IRWXO)) != 0)) {
		audit_add(ac, AUDIT_CRITICAL, "key-perms", file, line,
		    ADVICE_MODE, "private key file \"%s\" has group or world "
		    "access (mode %s): PostgreSQL refuses it", final, oct);
		return false;
	}
	if ((perm & (S_IWUSR | S_IWGRP | S_IWOTH)) != 0) {
		audit_add(ac, AUDIT_WARNING, "key-writable", file, line,
		    "chmod 0440 (root:certs) or 0400 (postgres)",
		    "private key file \"%s\" is writable (mode %s): no write "
		    "bits at all", final, oct);
	}
	if (uid == db_uid || db_uid == 0) {
		if ((perm & S_IRUSR) == 0) {
			audit_add(ac, AUDIT_CRITICAL, "key-unreadable", file,
			    line, "chmod u+r", "private key file \"%s\" is not "
			    "readable by its owner %s", final, db);
			return false;
		}
		return true;
	}
	if (!may(sb, db_uid, 4)) {
		audit_add(ac, AUDIT_CRITICAL, "key-group", file, line,
		    ADVICE_MODE, "private key file \"%s\" (root:%s, mode %s) "
		    "is not readable by the database user %s%s", final, group,
		    oct, db, (perm & S_IRGRP) == 0 ? "" : ", who is not in "
		    "that group");
		return false;
	}
	return true;
}

/* The key loads, and belongs to the certificate. */
static void
judge_load(struct audit_cluster *ac, const char *key_path,
    const char *cert_path, bool has_passphrase_command, const char *file,
    unsigned line)
{
	struct identity id;
	char why[AUDIT_TEXT_CAP - 64];
	size_t len;

	if (identity_load_unchecked(&id, cert_path, key_path, NULL, why,
	    sizeof why) == 0) {
		identity_free(&id);
		return;
	}
	len = strlen(why);
	if (strncmp(why, "certificate does not match", 26) == 0) {
		audit_add(ac, AUDIT_CRITICAL, "key-mismatch", file, line,
		    "install the key that belongs to ssl_cert_file (both from "
		    "the same renewal)", "%s: PostgreSQL refuses to start",
		    why);
	} else if (len > 11 && strcmp(why + len - 11, "bad decrypt") == 0 &&
	    has_passphrase_command) {
		audit_add(ac, AUDIT_INFO, "key-encrypted", file, line, NULL,
		    "private key file \"%s\" is encrypted "
		    "(ssl_passphrase_command): not matched with the "
		    "certificate", key_path);
	} else if (strncmp(why, cert_path, strlen(cert_path)) != 0) {
		/* (the certificate's own failure is audit_cert's finding) */
		audit_add(ac, AUDIT_CRITICAL, "key-unreadable", file, line,
		    NULL, "%s", why);
	}
}

/*
 * errno's reason the key could not be looked at: PostgreSQL's failure
 * too, unless only ccheck (neither root nor the database user) lacks
 * the permission.
 */
static void
unreadable(struct audit_cluster *ac, const char *what, const char *path,
    unsigned db_uid, const char *file, unsigned line)
{
	int err = errno;
	bool is_ours = err == EACCES && geteuid() != 0 && geteuid() != db_uid;

	audit_add(ac, is_ours ? AUDIT_WARNING : AUDIT_CRITICAL,
	    "key-unreadable", file, line, is_ours ? "run ccheck audit as root "
	    "or as the database user" : NULL, "could not %s private key file "
	    "\"%s\": %s", what, path, strerror(err));
}

/* see audit.h */
void
audit_key(struct audit_cluster *ac, const char *key_path,
    const char *cert_path, unsigned db_uid, bool has_passphrase_command,
    const char *file, unsigned line)
{
	char chain[CHAIN_CAP];
	char final[PGCONF_PATH_CAP];
	struct stat sb;
	int fd;

	if (follow(key_path, chain, sizeof chain, final, sizeof final,
	    &sb) < 0) {
		unreadable(ac, "stat", key_path, db_uid, file, line);
		return;
	}
	audit_add(ac, AUDIT_INFO, "key-file", file, line, NULL, "%s", chain);
	if (!reach(ac, key_path, db_uid, file, line) ||
	    !reach(ac, final, db_uid, file, line) ||
	    !judge_mode(ac, final, &sb, db_uid, file, line) ||
	    cert_path == NULL) {
		return;
	}
	fd = open(final, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		unreadable(ac, "open", final, db_uid, file, line);
		return;
	}
	close(fd);
	judge_load(ac, key_path, cert_path, has_passphrase_command, file, line);
}
