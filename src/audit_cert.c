/* SPDX-License-Identifier: MIT */
/*
 * audit_cert: ssl_cert_file judged as a client would judge it, with the
 * same validator (x509_verify, libpq's rules): the chain to the anchors,
 * the dates, the names; and Debian's snakeoil certificate, by its path
 * and by what it is (self-signed, issued to the host's own name).
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include "audit.h"
#include "err.h"
#include "fmt.h"
#include "pem.h"
#include "resolv.h"
#include "target.h"
#include "x509.h"
#include "x509_cert.h"
#include "x509_info.h"

/* The path pg_createcluster puts in ssl_cert_file (ssl-cert package). */
static const char SNAKEOIL[] = "/etc/ssl/certs/ssl-cert-snakeoil.pem";

static const char ADVICE_CA[] = "use a certificate from a CA clients "
    "trust (Let's Encrypt: ssl_cert_file = fullchain.pem, ssl_key_file = "
    "privkey.pem)";

/*
 * The DNS name that answers for name (search domains applied), asked
 * through resolv.c and waited for here, within timeout_ms: the
 * canonical name getaddrinfo gives when /etc/hosts does not know name
 * (a CNAME's target is not followed).  "" when none answers.
 */
static void
dns_canon(const struct resolv_conf *c, const char *name, int64_t timeout_ms,
    char *out, size_t cap)
{
	struct resolv_query q;
	struct net_addrs addrs;
	struct result res;
	struct pollfd pfd;
	enum resolv_status st;
	int64_t now = target_now_ms();
	int64_t end = now + timeout_ms;
	int64_t wake;
	int fd;

	out[0] = '\0';
	memset(&res, 0, sizeof res);
	st = resolv_start(&q, c, name, 0, now, &fd, &addrs, &res);
	while (st == RESOLV_AGAIN && now < end) {
		wake = resolv_wake_ms(&q) < end ? resolv_wake_ms(&q) : end;
		pfd.fd = fd;
		pfd.events = POLLIN;
		pfd.revents = 0;
		(void)poll(&pfd, 1, wake > now ? (int)(wake - now) : 0);
		now = target_now_ms();
		st = resolv_step(&q, fd, now, pfd.revents != 0, &addrs, &res);
	}
	if (fd >= 0) {
		close(fd);
	}
	if (st == RESOLV_DONE && q.qname[0] != '\0') {
		fmt_snprintf(out, cap, "%s", q.qname);
		if (out[strlen(out) - 1] == '.') {
			out[strlen(out) - 1] = '\0';
		}
	}
}

/* see audit.h */
void
audit_host_names(struct audit_opts *o)
{
	struct resolv_conf c;

	memset(&c, 0, sizeof c);
	if (gethostname(o->host, sizeof o->host) < 0) {
		o->host[0] = '\0';
	}
	o->host[sizeof o->host - 1] = '\0';
	fmt_snprintf(o->fqdn, sizeof o->fqdn, "%s", o->host);
	if (o->host[0] == '\0') {
		return;
	}
	resolv_conf_load(&c);
	if (c.hosts == NULL || !resolv_hosts_canon(c.hosts, c.hosts_len,
	    o->host, o->fqdn, sizeof o->fqdn)) {
		dns_canon(&c, o->host, o->timeout_ms, o->fqdn, sizeof o->fqdn);
	}
	if (o->fqdn[0] == '\0') {
		fmt_snprintf(o->fqdn, sizeof o->fqdn, "%s", o->host);
	}
	resolv_conf_free(&c);
}

/* The snakeoil file itself, by any path or link (same inode). */
static bool
is_snakeoil_path(const char *path)
{
	struct stat a;
	struct stat b;

	return strcmp(path, SNAKEOIL) == 0 || (stat(path, &a) == 0 &&
	    stat(SNAKEOIL, &b) == 0 && a.st_dev == b.st_dev &&
	    a.st_ino == b.st_ino);
}

/* see audit.h */
int
audit_cert(const struct audit_opts *o, struct audit_cluster *ac,
    const char *cert_path, unsigned db_uid, const char *file, unsigned line)
{
	static struct x509_chain ch;	/* 16 KiB: not on the stack */
	struct x509_policy pol;
	struct x509_verdict v;
	struct x509_cert leaf;
	struct x509_info info;
	struct result res;
	char why[RESULT_DETAIL_CAP + 128];
	const char *own = NULL;		/* the host name it is issued to */
	char own_why[AUDIT_HOST_CAP + 80];
	bool is_snakeoil = false;
	bool is_ours;
	long days;
	size_t i;

	memset(&res, 0, sizeof res);
	ch.n = 0;
	ch.used = 0;
	if (pem_load_chain(cert_path, &ch, &res) < 0) {
		is_ours = res.sys == EACCES && geteuid() != 0 &&
		    geteuid() != db_uid;
		audit_add(ac, is_ours ? AUDIT_WARNING : AUDIT_CRITICAL,
		    "cert-unreadable", file, line, is_ours ? "run ccheck audit "
		    "as root or as the database user" : res.sys == EACCES ?
		    "make it readable by the database user" : NULL,
		    "%s: %s%s", cert_path,
		    result_format(&res, why, sizeof why), is_ours ? "" :
		    ": PostgreSQL cannot load it");
		return -1;
	}
	if (x509_cert_parse(ch.buf + ch.off[0], ch.len[0], &leaf) < 0 ||
	    x509_info_fill(ch.buf + ch.off[0], ch.len[0], &info) < 0) {
		audit_add(ac, AUDIT_CRITICAL, "cert-unreadable", file, line,
		    NULL, "%s: x509: malformed certificate", cert_path);
		return -1;
	}
	days = x509_days_left(leaf.not_after, o->now);
	audit_add(ac, AUDIT_INFO, "cert", file, line, NULL, "%s: subject %s, "
	    "issuer %s, %ld days left", cert_path, info.subject, info.issuer,
	    days);
	if (x509_cert_is_self_issued(&leaf)) {
		if (o->fqdn[0] != '\0' && x509_check_host(ch.buf + ch.off[0],
		    ch.len[0], o->fqdn, &res) == 0) {
			own = o->fqdn;
		} else if (o->host[0] != '\0' && x509_check_host(ch.buf +
		    ch.off[0], ch.len[0], o->host, &res) == 0) {
			own = o->host;
		}
	}
	if (is_snakeoil_path(cert_path)) {
		is_snakeoil = true;
		audit_add(ac, AUDIT_WARNING, "snakeoil", file, line, ADVICE_CA,
		    "%s is the snakeoil certificate of Debian's ssl-cert "
		    "package: no client can verify it", cert_path);
	} else if (own != NULL) {
		is_snakeoil = true;
		audit_add(ac, AUDIT_WARNING, "snakeoil", file, line, ADVICE_CA,
		    "%s is self-signed for this host's own name %s (a "
		    "snakeoil certificate): no client can verify it",
		    cert_path, own);
	}
	memset(&pol, 0, sizeof pol);
	memset(&res, 0, sizeof res);
	pol.anchors = o->anchors;
	pol.now = o->now;
	if (x509_verify(&ch, &pol, &v, &res) < 0 && !is_snakeoil &&
	    res.err != CK_E_X509_EXPIRED) {
		audit_add(ac, AUDIT_WARNING, "cert-untrusted", file, line,
		    ADVICE_CA, "%s: %s", cert_path, result_format(&res, why,
		    sizeof why));
	}
	if (days < 0 || leaf.not_after < o->now) {
		audit_add(ac, AUDIT_CRITICAL, "cert-expired", file, line,
		    "renew it, then reload PostgreSQL", "%s: x509: "
		    "certificate has expired", cert_path);
	} else if (o->min_days > 0 && days < o->min_days) {
		audit_add(ac, AUDIT_WARNING, "cert-expiring", file, line,
		    "renew it, then reload PostgreSQL", "%s: expires in %ld "
		    "days", cert_path, days);
	}
	/* Without --name: the FQDN, and the short name in the words. */
	fmt_snprintf(own_why, sizeof own_why, strcmp(o->fqdn, o->host) != 0 ?
	    " (this host's FQDN, hostname -f; its short name is %s)" :
	    " (this host's name; /etc/hosts and DNS give no FQDN for %s)",
	    o->host);
	for (i = 0; i < (o->n_names > 0 ? o->n_names : 1); i++) {
		const char *name = o->n_names > 0 ? o->names[i] : o->fqdn;

		memset(&res, 0, sizeof res);
		if (name[0] == '\0' || x509_check_host(ch.buf + ch.off[0],
		    ch.len[0], name, &res) == 0) {
			continue;
		}
		audit_add(ac, AUDIT_WARNING, "cert-name", file, line,
		    "get a certificate naming the host clients connect to "
		    "(--name)", "%s: not valid for %s%s: %s", cert_path, name,
		    o->n_names > 0 ? "" : own_why, result_format(&res, why,
		    sizeof why));
	}
	return 0;
}
