/* SPDX-License-Identifier: MIT */
/*
 * test_pghba: pg_hba.conf as PostgreSQL 16 reads it (src/pghba.h).  A
 * table of texts with the first rule wanted (type, loopback or not,
 * method, clientcert) or PostgreSQL's complaint: quoting, comma lists,
 * comments, continuation lines, addresses with a CIDR suffix or a
 * separate mask, host names and keywords.  Then include, include_dir
 * and include_if_exists on disk, recursion and the depth limit; "@file"
 * lists opened relative to the naming file, read once, and an unreadable
 * or looping one rejecting its line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include "pghba.h"
#include "t.h"

struct hba_case {
	const char *name;
	const char *text;
	size_t want_rules;
	enum pghba_type type;
	bool is_loopback;
	const char *method;
	const char *clientcert;
	unsigned line;
	const char *want_problem;	/* NULL: none; else a prefix */
};

static const struct hba_case cases[] = {
	{ "local", "local all all peer\n", 1, PGHBA_LOCAL, false, "peer", "",
	    1, NULL },
	{ "host v4 loopback", "host all all 127.0.0.1/32 scram-sha-256\n", 1,
	    PGHBA_HOST, true, "scram-sha-256", "", 1, NULL },
	{ "host v4 127/8", "host all all 127.0.0.0/8 md5\n", 1, PGHBA_HOST,
	    true, "md5", "", 1, NULL },
	{ "host 127/7 is wider", "host all all 126.0.0.0/7 md5\n", 1,
	    PGHBA_HOST, false, "md5", "", 1, NULL },
	{ "host v6 loopback", "host all all ::1/128 md5\n", 1, PGHBA_HOST,
	    true, "md5", "", 1, NULL },
	{ "host v6 ::/0", "host all all ::/0 md5\n", 1, PGHBA_HOST, false,
	    "md5", "", 1, NULL },
	{ "separate mask", "hostnossl all all 127.0.0.1 255.255.255.255 md5\n",
	    1, PGHBA_HOSTNOSSL, true, "md5", "", 1, NULL },
	{ "separate wide mask", "host all all 10.0.0.0 255.0.0.0 md5\n", 1,
	    PGHBA_HOST, false, "md5", "", 1, NULL },
	{ "all", "host all all all trust\n", 1, PGHBA_HOST, false, "trust",
	    "", 1, NULL },
	{ "samehost", "host all all samehost md5\n", 1, PGHBA_HOST, false,
	    "md5", "", 1, NULL },
	{ "localhost by name", "host all all localhost md5\n", 1, PGHBA_HOST,
	    true, "md5", "", 1, NULL },
	{ "other host name", "host all all db.example md5\n", 1, PGHBA_HOST,
	    false, "md5", "", 1, NULL },
	{ "quoted address is still an address",
	    "host all all \"127.0.0.1/32\" md5\n", 1, PGHBA_HOST, true, "md5", "",
	    1, NULL },
	{ "quoted all is a host name", "host all all \"all\" md5\n", 1,
	    PGHBA_HOST, false, "md5", "", 1, NULL },
	{ "quoted type and method", "\"hostssl\" all all ::1/128 \"md5\"\n", 1,
	    PGHBA_HOSTSSL, true, "md5", "", 1, NULL },
	{ "continuation after CR", "host all all \\\r\n::1/128 md5\n", 1,
	    PGHBA_HOST, true, "md5", "", 1, NULL },
	{ "line numbers count continuations", "local all \\\nall peer\n"
	    "local all all trust\n", 2, PGHBA_LOCAL, false, "peer", "", 1,
	    NULL },
	{ "lists and quotes", "hostssl \"my db\",b,\"c\"\"d\" u1,u2 0.0.0.0/0 "
	    "cert\n", 1, PGHBA_HOSTSSL, false, "cert", "", 1, NULL },
	{ "list with blanks after commas", "hostssl a, b u 0.0.0.0/0 md5\n", 1,
	    PGHBA_HOSTSSL, false, "md5", "", 1, NULL },
	{ "clientcert", "hostssl all all 0.0.0.0/0 scram-sha-256 "
	    "clientcert=verify-full\n", 1, PGHBA_HOSTSSL, false,
	    "scram-sha-256", "verify-full", 1, NULL },
	{ "comments and blank lines", "# c\n\n   \t\nlocal all all trust # x\n",
	    1, PGHBA_LOCAL, false, "trust", "", 4, NULL },
	{ "continuation line", "host all all \\\n127.0.0.1/32 md5\n", 1,
	    PGHBA_HOST, true, "md5", "", 1, NULL },
	{ "CRLF", "host all all 127.0.0.1/32 md5\r\n", 1, PGHBA_HOST, true,
	    "md5", "", 1, NULL },
	{ "hash inside quotes", "local \"a#b\" all peer\n", 1, PGHBA_LOCAL,
	    false, "peer", "", 1, NULL },
	{ "hostgssenc", "hostgssenc all all 0.0.0.0/0 gss\n", 1,
	    PGHBA_HOSTGSSENC, false, "gss", "", 1, NULL },
	{ "bad type", "hostx all all 0.0.0.0/0 md5\n", 0, 0, false, NULL, NULL,
	    0, "invalid connection type \"hostx\"" },
	{ "two types", "host,hostssl all all 0.0.0.0/0 md5\n", 0, 0, false,
	    NULL, NULL, 0, "multiple values specified for connection type" },
	{ "two addresses", "host all all ::1/128,10.0.0.1/32 md5\n", 0, 0,
	    false, NULL, NULL, 0, "multiple values specified for host address" },
	{ "peer over TCP", "host all all ::1/128 peer\n", 0, 0, false, NULL,
	    NULL, 0, "peer authentication is only supported" },
	{ "no database", "host\n", 0, 0, false, NULL, NULL, 0,
	    "end-of-line before database specification" },
	{ "no role", "local all\n", 0, 0, false, NULL, NULL, 0,
	    "end-of-line before role specification" },
	{ "no address", "host all all\n", 0, 0, false, NULL, NULL, 0,
	    "end-of-line before IP address specification" },
	{ "no mask", "host all all 10.1.2.3\n", 0, 0, false, NULL, NULL, 0,
	    "end-of-line before netmask specification" },
	{ "no method", "host all all 10.0.0.0/8\n", 0, 0, false, NULL, NULL, 0,
	    "end-of-line before authentication method specification" },
	{ "bad method", "local all all sesame\n", 0, 0, false, NULL, NULL, 0,
	    "invalid authentication method \"sesame\"" },
	{ "cert without hostssl", "host all all 0.0.0.0/0 cert\n", 0, 0, false,
	    NULL, NULL, 0, "cert authentication is only supported" },
	{ "clientcert without hostssl", "host all all 0.0.0.0/0 md5 "
	    "clientcert=verify-ca\n", 0, 0, false, NULL, NULL, 0,
	    "clientcert can only be configured" },
	{ "include not followed here", "include other.conf\n", 0, 0, false,
	    NULL, NULL, 0, "include not followed" },
	{ "include without a file is a rule", "include\n", 0, 0, false, NULL,
	    NULL, 0, "invalid connection type \"include\"" },
	{ "include with two files is a rule", "include a b\n", 0, 0, false,
	    NULL, NULL, 0, "invalid connection type \"include\"" },
	{ "quoted include is an include", "\"include\" x\n", 0, 0, false, NULL,
	    NULL, 0, "include not followed" },
	{ "@file not followed here", "host all all,@admins 0.0.0.0/0 md5\n",
	    0, 0, false, NULL, NULL, 0, "@admins not followed" },
	{ "quoted @ is a name", "host all \"@admins\" 0.0.0.0/0 md5\n", 1,
	    PGHBA_HOST, false, "md5", "", 1, NULL },
	{ "a lone @ is a name", "host all @ 0.0.0.0/0 md5\n", 1, PGHBA_HOST,
	    false, "md5", "", 1, NULL },
};

static void
test_cases(void)
{
	static struct pghba hb;
	const struct hba_case *c;
	const struct pghba_rule *r;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		c = &cases[i];
		pghba_init(&hb);
		hb.log.is_no_files = true;
		pghba_parse(&hb, "hba", c->text, strlen(c->text), 0);
		CHECKF(hb.n_rules == c->want_rules, "%s: %zu rules", c->name,
		    c->want_rules);
		if (c->want_rules > 0 && hb.n_rules > 0) {
			r = &hb.rules[0];
			CHECKF(r->type == c->type && r->is_loopback ==
			    c->is_loopback && strcmp(r->method, c->method) ==
			    0 && strcmp(r->clientcert, c->clientcert) == 0 &&
			    r->at.line == c->line, "%s: %s %s%s %s line %u",
			    c->name, pghba_type_name(c->type), c->is_loopback ?
			    "loopback" : "any", c->clientcert, c->method,
			    c->line);
		}
		if (c->want_problem == NULL) {
			CHECKF(hb.log.n_problems == 0, "%s: no problem (%s)",
			    c->name, hb.log.n_problems > 0 ?
			    hb.log.problems[0].text : "");
		} else {
			CHECKF(hb.log.n_problems == 1 && strncmp(
			    hb.log.problems[0].text, c->want_problem,
			    strlen(c->want_problem)) == 0, "%s: \"%s\" (got "
			    "\"%s\")", c->name, c->want_problem,
			    hb.log.n_problems > 0 ? hb.log.problems[0].text :
			    "");
		}
	}
}

static char dir[64];

static void
put(const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	if (f == NULL) {
		CHECKF(0, "write %s", path);
		return;
	}
	fputs(text, f);
	fclose(f);
}

/* The rule count and the first problem's text ("" when none). */
static const char *
load(struct pghba *hb, const char *path)
{
	pghba_init(hb);
	pghba_load(hb, path);
	return hb->log.n_problems > 0 ? hb->log.problems[0].text : "";
}

/* "@file" lists; path: a buffer holding dir/... */
static void
test_at_files(char *path)
{
	static struct pghba hb;
	const char *p;

	snprintf(path, 256, "%s/pg_hba.conf", dir);
	/* relative to the naming file: hba.d/x.conf's @u.list is hba.d's */
	put("pg_hba.conf", "host @dbs.list all 10.0.0.0/8 md5\n"
	    "include hba.d/x.conf\nhostssl all @dbs.list 0.0.0.0/0 md5\n");
	put("dbs.list", "# databases\napp, \"web\"\n@more.list\n");
	put("more.list", "reports\n");
	put("hba.d/x.conf", "hostssl all all,@u.list 0.0.0.0/0 md5\n");
	put("hba.d/u.list", "alice bob\n");
	p = load(&hb, path);
	CHECKF(hb.log.n_problems == 0, "@file: no problems (%s)", p);
	CHECK_INT(hb.n_rules, 3, "@file: the three rules kept");
	CHECK_INT(hb.log.n_files, 5, "@file: each file read once");
	/* unreadable: PostgreSQL 16 rejects the line (and the file) */
	put("hba.d/x.conf", "hostssl all all,@gone.list 0.0.0.0/0 md5\n");
	p = load(&hb, path);
	CHECKF(hb.log.n_problems == 1 && strncmp(p, "could not open "
	    "configuration file", 29) == 0 && strstr(p, "/hba.d/gone.list") !=
	    NULL, "@file missing: \"%s\"", p);
	CHECKF(hb.log.n_problems == 1 && hb.log.problems[0].at.line == 1 &&
	    strcmp(strrchr(pgconf_file(&hb.log, hb.log.problems[0].at), '/'),
	    "/x.conf") == 0, "@file missing: at x.conf:1");
	CHECK_INT(hb.n_rules, 2, "@file missing: its line is no rule");
	/* a bad word inside the list rejects the naming line too */
	put("hba.d/x.conf", "local all all peer\n");
	put("more.list", "@gone.list\n");
	p = load(&hb, path);
	CHECKF(hb.log.n_problems == 1 && strstr(p, "/gone.list") != NULL &&
	    strcmp(strrchr(pgconf_file(&hb.log, hb.log.problems[0].at), '/'),
	    "/more.list") == 0, "nested @file missing: \"%s\"", p);
	CHECK_INT(hb.n_rules, 1, "nested @file missing: naming line no rule");
	/* a loop through two lists ends at the depth limit */
	put("more.list", "@dbs.list\n");
	p = load(&hb, path);
	CHECKF(hb.log.n_problems == 1 && strstr(p, "maximum nesting depth "
	    "exceeded") != NULL, "@file loop: \"%s\"", p);
	CHECK_INT(hb.n_rules, 1, "@file loop: the naming line is no rule");
	put("more.list", "@more.list\n");
	p = load(&hb, path);
	CHECKF(strncmp(p, "configuration file recursion", 28) == 0,
	    "@file naming itself: \"%s\"", p);
	/* unreadable, not missing (root reads anything: a directory) */
	put("pg_hba.conf", "host all @hba.d 0.0.0.0/0 md5\n");
	p = load(&hb, path);
	CHECKF(hb.log.n_problems == 1 && strncmp(p, "could not open", 14) ==
	    0 && hb.n_rules == 0, "@directory: \"%s\"", p);
}

static void
test_includes(void)
{
	static struct pghba hb;
	char path[256];
	char cmd[128];
	size_t i;

	strcpy(dir, "/tmp/test_pghba.XXXXXX");
	if (mkdtemp(dir) == NULL) {
		CHECK(!"mkdtemp");
		return;
	}
	snprintf(path, sizeof path, "%s/hba.d", dir);
	mkdir(path, 0700);
	put("pg_hba.conf", "local all all peer\ninclude extra.conf\n"
	    "include_if_exists none.conf\ninclude_dir hba.d\n"
	    "hostssl all all 0.0.0.0/0 md5\n");
	put("extra.conf", "host all all 10.0.0.0/8 md5\n");
	put("hba.d/2.conf", "hostnossl all all ::1/128 md5\n");
	put("hba.d/1.conf", "host all all 127.0.0.1/32 trust\n");
	put("hba.d/3.txt", "host all all 0.0.0.0/0 trust\n");
	snprintf(path, sizeof path, "%s/pg_hba.conf", dir);
	pghba_init(&hb);
	CHECK(pghba_load(&hb, path) == 0);
	CHECK_INT(hb.log.n_problems, 0, "includes: no problems");
	CHECK_INT(hb.n_rules, 5, "includes: five rules in order");
	for (i = 0; i < hb.n_rules && i < 5; i++) {
		static const enum pghba_type want[] = { PGHBA_LOCAL,
		    PGHBA_HOST, PGHBA_HOST, PGHBA_HOSTNOSSL, PGHBA_HOSTSSL };
		static const char *const file[] = { "pg_hba.conf",
		    "extra.conf", "1.conf", "2.conf", "pg_hba.conf" };
		const char *f = pgconf_file(&hb.log, hb.rules[i].at);

		CHECKF(hb.rules[i].type == want[i] && strcmp(strrchr(f, '/') +
		    1, file[i]) == 0, "rule %zu from %s", i, file[i]);
	}
	put("pg_hba.conf", "include pg_hba.conf\n");
	pghba_init(&hb);
	pghba_load(&hb, path);
	CHECK(hb.log.n_problems == 1 && strncmp(hb.log.problems[0].text,
	    "configuration file recursion", 28) == 0);
	put("pg_hba.conf", "include a.conf\n");
	put("a.conf", "include b.conf\n");
	put("b.conf", "include a.conf\n");
	pghba_init(&hb);
	pghba_load(&hb, path);
	CHECK(hb.log.n_problems == 1 && strstr(hb.log.problems[0].text,
	    "maximum nesting depth exceeded") != NULL);
	put("pg_hba.conf", "include missing.conf\n");
	pghba_init(&hb);
	pghba_load(&hb, path);
	CHECK(hb.log.n_problems == 1 && strncmp(hb.log.problems[0].text,
	    "could not open", 14) == 0);
	snprintf(path, sizeof path, "%s/none", dir);
	pghba_init(&hb);
	CHECK(pghba_load(&hb, path) == -1);
	test_at_files(path);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
}

int
main(void)
{
	test_cases();
	test_includes();
	return t_exit();
}
