/* SPDX-License-Identifier: MIT */
/*
 * pem: PEM to DER with our own decoder.  Chains are streamed from the
 * file through a small fixed buffer straight into the caller's chain, so
 * loading a PEM target allocates nothing; --root-certs is read once at
 * startup and its anchors land in a single allocation.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pem.h"
#include "x509_cert.h"

/* Bytes read from a file per read(); only a transfer size. */
#define PEM_READ_CHUNK 4096

/*
 * Where the decoder is (one byte at a time, so a block may arrive in any
 * pieces).  The grammar is BearSSL's br_pem_decoder's, which this
 * replaced (its T0 interpreter spent about 2,500 instructions a byte):
 * a block starts at a line "-----BEGIN NAME-----" (case-insensitive,
 * NAME 1 to 127 bytes), holds lines of whole Base64 quartets with
 * blanks anywhere but before a leading '-', may end its data with '='
 * padding and blanks, and ends at a line starting "-----END ";
 * everything outside blocks is ignored.
 */
enum pem_state {
	P_BANNER,		/* matching "-----BEGIN " at a line start */
	P_SKIP,			/* a line that is no banner */
	P_NAME,			/* the banner's name, to the newline */
	P_DATA,			/* Base64 quartets */
	P_PAD3,			/* "xx=": the fourth must be '=' */
	P_PAD_BLANK,		/* after the padding: blanks to the newline */
	P_END_WAIT,		/* after padding: empty lines, then '-' */
	P_END,			/* matching "----END " after a leading '-' */
	P_END_SKIP		/* the rest of the END line */
};

#define PEM_NAME_CAP 128

/* State of one pass over PEM text. */
struct walk {
	enum pem_state st;
	unsigned k;			/* banner bytes matched, name length */
	unsigned q;			/* Base64 digits in the quartet */
	unsigned pad;			/* bytes the padded quartet gives */
	uint32_t acc;
	bool is_fresh;			/* nothing read of this quartet yet */
	bool is_line_start;		/* no quartet begun on this line */
	char name[PEM_NAME_CAP];
	unsigned char *tmp;		/* where the current DER goes */
	size_t cap;
	size_t len;
	bool is_cert;			/* current block is wanted */
	bool is_key;			/* we want keys, not certificates */
	const char *label;		/* else: we want this label */
	bool in_obj;			/* between BEGIN and END */
	bool is_over;			/* the DER did not fit */
	enum ck_err over_err;		/* what not fitting means */
	pem_cert_fn fn;
	void *ctx;
	long n;				/* certificates seen */
};

static void
walk_init(struct walk *w, unsigned char *tmp, size_t cap, pem_cert_fn fn,
    void *ctx)
{
	memset(w, 0, sizeof *w);
	w->st = P_BANNER;
	w->tmp = tmp;
	w->cap = cap;
	w->over_err = CK_E_PEM_MALFORMED;
	w->fn = fn;
	w->ctx = ctx;
}

/* True when name, up to trailing dashes, CR or blanks, is want. */
static bool
name_is(const char *name, const char *want)
{
	size_t n = strlen(want);
	const char *rest = name + n;

	if (strncmp(name, want, n) != 0) {
		return false;
	}
	while (*rest == '-' || *rest == '\r' || *rest == ' ' ||
	    *rest == '\t') {
		rest++;
	}
	return *rest == '\0';
}

static bool
is_cert_name(const char *name)
{
	/* RFC 7468 section 5.1, and the older name OpenSSL still reads. */
	return name_is(name, "CERTIFICATE") ||
	    name_is(name, "X509 CERTIFICATE");
}

static bool
is_key_name(const char *name)
{
	/* PKCS#8, PKCS#1 and SEC1, as br_skey_decoder reads them. */
	return name_is(name, "PRIVATE KEY") ||
	    name_is(name, "RSA PRIVATE KEY") ||
	    name_is(name, "EC PRIVATE KEY");
}

static bool
is_wanted(const struct walk *w, const char *name)
{
	if (w->label != NULL) {
		return name_is(name, w->label);
	}
	return w->is_key ? is_key_name(name) : is_cert_name(name);
}

/* What a wanted block is called in messages. */
static const char *
what(const struct walk *w)
{
	return w->label != NULL ? w->label : "certificate";
}

static int
upper(int c)
{
	return c >= 'a' && c <= 'z' ? c - 32 : c;
}

/* Blanks: every control byte and space, but not the newline. */
static bool
is_blank(int c)
{
	return c <= ' ' && c != '\n';
}

/* see pem.h */
int
pem_b64_value(int c)
{
	if (c >= 'A' && c <= 'Z') {
		return c - 'A';
	}
	if (c >= 'a' && c <= 'z') {
		return c - 'a' + 26;
	}
	if (c >= '0' && c <= '9') {
		return c - '0' + 52;
	}
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* The decoded bytes: kept when the block is wanted and they fit. */
static void
put(struct walk *w, uint32_t v, unsigned nbytes)
{
	unsigned i;

	if (!w->is_cert || w->is_over || nbytes > w->cap - w->len) {
		w->is_over = w->is_cert;
		return;
	}
	for (i = 0; i < nbytes; i++) {
		w->tmp[w->len++] = (unsigned char)(v >> (16 - 8 * i));
	}
}

static void
begin_block(struct walk *w)
{
	/* The dashes closing the banner are not part of the name. */
	while (w->k > 0 && w->name[w->k - 1] == '-') {
		w->k--;
	}
	w->name[w->k] = '\0';
	w->in_obj = true;
	w->is_cert = is_wanted(w, w->name);
	w->len = 0;
	w->is_over = false;
	w->st = P_DATA;
	w->q = 0;
	w->is_fresh = true;
	w->is_line_start = true;
}

static int
end_block(struct walk *w, struct result *res)
{
	w->in_obj = false;
	w->st = P_BANNER;
	w->k = 0;
	if (!w->is_cert) {
		return 0;
	}
	w->n++;
	if (w->is_over) {
		return result_fail(res, w->over_err, "%s %ld too large",
		    what(w), w->n);
	}
	return w->fn(w->ctx, w->tmp, w->len, res);
}

/* One byte of Base64 data (P_DATA).  Returns 0, or -1: malformed. */
static int
data_byte(struct walk *w, int c)
{
	int v;

	if (w->q == 0 && w->is_fresh && c == '-') {
		/* Only a line's first byte may start the END line. */
		if (!w->is_line_start) {
			return -1;
		}
		w->st = P_END;
		w->k = 1;
		return 0;
	}
	w->is_fresh = false;
	if (is_blank(c)) {
		return 0;
	}
	if (c == '\n') {
		/* Quartets do not span lines. */
		w->is_fresh = w->is_line_start = true;
		return w->q == 0 ? 0 : -1;
	}
	if (c == '=' && w->q >= 2) {
		w->pad = w->q - 1;
		w->st = w->q == 2 ? P_PAD3 : P_PAD_BLANK;
		return 0;
	}
	if ((v = pem_b64_value(c)) < 0) {
		return -1;
	}
	w->acc = (w->acc << 6) | (uint32_t)v;
	if (++w->q == 4) {
		put(w, w->acc, 3);
		w->q = 0;
		w->is_fresh = true;
		w->is_line_start = false;
	}
	return 0;
}

/* One byte of text.  Returns 0, or -1 with res set. */
static int
walk_byte(struct walk *w, int c, struct result *res)
{
	static const char begin[] = "-----BEGIN ";
	static const char end[] = "-----END ";

	switch (w->st) {
	case P_BANNER:
		if (upper(c) == begin[w->k]) {
			if (++w->k == sizeof begin - 1) {
				w->st = P_NAME;
				w->k = 0;
			}
		} else {
			w->k = 0;
			w->st = c == '\n' ? P_BANNER : P_SKIP;
		}
		return 0;
	case P_SKIP:
		w->st = c == '\n' ? P_BANNER : P_SKIP;
		return 0;
	case P_NAME:
		if (c == '\n') {
			/* An empty name makes no banner. */
			if (w->k == 0) {
				w->st = P_BANNER;
			} else {
				begin_block(w);
			}
		} else if (w->k == PEM_NAME_CAP - 1) {
			w->st = P_SKIP;		/* too long: no banner */
			w->k = 0;
		} else if (c != '\r') {
			w->name[w->k++] = (char)upper(c);
		}
		return 0;
	case P_DATA:
		if (data_byte(w, c) == 0) {
			return 0;
		}
		break;
	case P_PAD3:
		if (is_blank(c)) {
			return 0;
		}
		if (c == '=') {
			w->st = P_PAD_BLANK;
			return 0;
		}
		break;
	case P_PAD_BLANK:
		if (is_blank(c)) {
			return 0;
		}
		/* The bits the padding drops must be zero. */
		if (c == '\n' && (w->acc & ((1u << (2 * (3 - w->pad))) -
		    1)) == 0) {
			put(w, w->acc << (6 * (4 - w->q)), w->pad);
			w->st = P_END_WAIT;
			return 0;
		}
		break;
	case P_END_WAIT:
		if (c == '\n') {
			return 0;
		}
		if (c == '-') {
			w->st = P_END;
			w->k = 1;
			return 0;
		}
		break;
	case P_END:
		if (upper(c) == end[w->k]) {
			if (++w->k == sizeof end - 1) {
				w->st = P_END_SKIP;
			}
			return 0;
		}
		break;
	case P_END_SKIP:
		return c == '\n' ? end_block(w, res) : 0;
	}
	return result_fail(res, CK_E_PEM_MALFORMED, "bad base64 after %s %ld",
	    what(w), w->n);
}

static int
walk_push(struct walk *w, const unsigned char *p, size_t len,
    struct result *res)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (walk_byte(w, p[i], res) < 0) {
			return -1;
		}
	}
	return 0;
}

/* Ends a pass: returns certificates seen, or -1 for a block cut short. */
static long
walk_end(struct walk *w, struct result *res)
{
	/* A line is only complete at its newline: feed one in case the
	 * file lacks it. */
	if (walk_push(w, (const unsigned char *)"\n", 1, res) < 0) {
		return -1;
	}
	if (w->in_obj) {
		return result_fail(res, CK_E_PEM_MALFORMED,
		    "missing END line");
	}
	return w->n;
}

/* see pem.h */
long
pem_each_key(const unsigned char *pem, size_t len, unsigned char *tmp,
    size_t cap, pem_cert_fn fn, void *ctx, struct result *res)
{
	struct walk w;

	walk_init(&w, tmp, cap, fn, ctx);
	w.is_key = true;
	if (walk_push(&w, pem, len, res) < 0) {
		return -1;
	}
	return walk_end(&w, res);
}

/* see pem.h */
long
pem_each_block(const unsigned char *pem, size_t len, const char *label,
    unsigned char *tmp, size_t cap, pem_cert_fn fn, void *ctx,
    struct result *res)
{
	struct walk w;

	walk_init(&w, tmp, cap, fn, ctx);
	w.label = label;
	if (walk_push(&w, pem, len, res) < 0) {
		return -1;
	}
	return walk_end(&w, res);
}

/* see pem.h */
long
pem_each_cert(const unsigned char *pem, size_t len, unsigned char *tmp,
    size_t cap, pem_cert_fn fn, void *ctx, struct result *res)
{
	return pem_each_block(pem, len, NULL, tmp, cap, fn, ctx, res);
}

/*
 * Reads fd to its end, handing chunks to w (when not NULL) or collecting
 * them in buf (cap bytes).  More than cap bytes in all: EFBIG.
 */
static int
read_fd(int fd, unsigned char *buf, size_t cap, size_t *len,
    struct walk *w, struct result *res)
{
	unsigned char chunk[PEM_READ_CHUNK];
	unsigned char *dst;
	size_t total = 0;
	size_t want;
	ssize_t n;

	for (;;) {
		if (w != NULL || total == cap) {
			dst = chunk;	/* streaming, or probing for EOF */
			want = sizeof chunk;
		} else {
			dst = buf + total;
			want = cap - total < sizeof chunk ? cap - total :
			    sizeof chunk;
		}
		n = read(fd, dst, want);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0) {
			return result_fail_sys(res, CK_E_FILE, errno);
		}
		if (n == 0) {
			break;
		}
		if ((size_t)n > cap - total) {
			return result_fail_sys(res, CK_E_FILE, EFBIG);
		}
		if (w != NULL && walk_push(w, chunk, (size_t)n, res) < 0) {
			return -1;
		}
		total += (size_t)n;
	}
	if (len != NULL) {
		*len = total;
	}
	return 0;
}

static int
open_file(const char *path, struct result *res)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		result_fail_sys(res, CK_E_FILE, errno);
	}
	return fd;
}

/* see pem.h */
int
pem_file_read_buf(const char *path, unsigned char *buf, size_t cap,
    size_t *len, struct result *res)
{
	int fd = open_file(path, res);
	int rc;

	if (fd < 0) {
		return -1;
	}
	rc = read_fd(fd, buf, cap, len, NULL, res);
	close(fd);
	return rc;
}

/* see pem.h */
int
pem_file_read(const char *path, unsigned char **data, size_t *len,
    struct result *res)
{
	return pem_file_read_cap(path, PEM_FILE_CAP, data, len, res);
}

/* see pem.h */
int
pem_file_read_cap(const char *path, size_t cap, unsigned char **data,
    size_t *len, struct result *res)
{
	unsigned char *buf;
	off_t size;
	int fd;
	int rc;

	*data = NULL;
	*len = 0;
	fd = open_file(path, res);
	if (fd < 0) {
		return -1;
	}
	/* The size only sizes the buffer; read_fd still checks the cap,
	 * so a file that grows (or a pipe) cannot overflow it. */
	size = lseek(fd, 0, SEEK_END);
	if (size < 0 || lseek(fd, 0, SEEK_SET) < 0 ||
	    (uintmax_t)size > cap) {
		size = (off_t)cap;
	}
	buf = malloc((size_t)size + 1);
	if (buf == NULL) {
		close(fd);
		return result_fail_sys(res, CK_E_FILE, ENOMEM);
	}
	rc = read_fd(fd, buf, (size_t)size, len, NULL, res);
	close(fd);
	if (rc < 0) {
		free(buf);
		*len = 0;
		return -1;
	}
	buf[*len] = '\0';
	*data = buf;
	return 0;
}

/* pem_load_chain's callback: the DER is already in place in the chain. */
struct chain_load {
	struct x509_chain *ch;
	struct walk *w;
};

static int
chain_add(void *ctx, const unsigned char *der, size_t len,
    struct result *res)
{
	struct chain_load *cl = ctx;
	struct x509_chain *ch = cl->ch;

	if (ch->n >= X509_CERTS_MAX) {
		return result_fail(res, CK_E_CHAIN_TOO_BIG,
		    "more than %d certificates", X509_CERTS_MAX);
	}
	ch->off[ch->n] = (size_t)(der - ch->buf);
	ch->len[ch->n] = len;
	ch->n++;
	ch->used += len;
	cl->w->tmp += len;
	cl->w->cap -= len;
	return 0;
}

/* see pem.h */
int
pem_load_chain(const char *path, struct x509_chain *ch, struct result *res)
{
	struct walk w;
	struct chain_load cl;
	int fd;
	int rc;

	ch->n = 0;
	ch->used = 0;
	cl.ch = ch;
	cl.w = &w;
	walk_init(&w, ch->buf, sizeof ch->buf, chain_add, &cl);
	w.over_err = CK_E_CHAIN_TOO_BIG;
	fd = open_file(path, res);
	if (fd < 0) {
		return -1;
	}
	rc = read_fd(fd, NULL, PEM_FILE_CAP, NULL, &w, res);
	close(fd);
	if (rc < 0 || walk_end(&w, res) < 0) {
		return -1;
	}
	if (ch->n == 0) {
		return result_fail(res, CK_E_PEM_NO_CERT, NULL);
	}
	return 0;
}

/* Two passes over the bundle: count and measure, then encode. */
struct ta_load {
	size_t n;			/* anchors usable */
	size_t len;			/* bytes of their records */
	unsigned char *out;		/* second pass: where records go */
	size_t cap;
};

static int
ta_add(void *ctx, const unsigned char *der, size_t len, struct result *res)
{
	struct ta_load *tl = ctx;
	struct x509_ta_desc d;
	size_t rec_len;

	(void)res;
	if (x509_ta_describe(der, len, &d, NULL, 0) < 0) {
		return 0;	/* skipped, as documented */
	}
	d.cert.p = der;		/* the validator reads it whole */
	d.cert.len = len;
	/* 0 cannot happen here: a certificate fits X509_CHAIN_CAP, so no
	 * field reaches 64 KiB, and its dates fit 40 bits. */
	rec_len = anchor_encode(&d, tl->out != NULL ? tl->out + tl->len :
	    NULL, tl->out != NULL ? tl->cap - tl->len : 0);
	if (rec_len == 0) {
		return 0;
	}
	tl->n++;
	tl->len += rec_len;
	return 0;
}

/* see pem.h */
int
pem_load_anchors(const char *path, struct anchor_set *out,
    struct result *res)
{
	static unsigned char tmp[X509_CHAIN_CAP];	/* one certificate */
	struct ta_load tl;
	unsigned char *pem;
	size_t pem_len;
	long seen;

	memset(out, 0, sizeof *out);
	if (pem_file_read(path, &pem, &pem_len, res) < 0) {
		return -1;
	}
	memset(&tl, 0, sizeof tl);
	seen = pem_each_cert(pem, pem_len, tmp, sizeof tmp, ta_add, &tl, res);
	if (seen < 0 || tl.n == 0) {
		free(pem);
		return seen < 0 ? -1 :
		    result_fail(res, CK_E_PEM_NO_CERT, seen > 0 ?
		    "none usable as a trust anchor" : NULL);
	}
	tl.out = malloc(tl.len);
	if (tl.out == NULL) {
		free(pem);
		return result_fail_sys(res, CK_E_FILE, ENOMEM);
	}
	tl.cap = tl.len;
	tl.n = 0;
	tl.len = 0;
	pem_each_cert(pem, pem_len, tmp, sizeof tmp, ta_add, &tl, res);
	free(pem);
	/* The same bytes twice give the same records, which we just
	 * wrote: a failure here is a bug in anchor.c. */
	CK_ASSERT(anchor_set_init(out, tl.out, tl.len) == 0 &&
	    out->n == tl.n);
	return 0;
}

/* see pem.h */
void
pem_anchors_free(struct anchor_set *a)
{
	/* rec is the one block pem_load_anchors allocated; the cast
	 * through uintptr_t only drops the const the public struct puts
	 * on it. */
	free((void *)(uintptr_t)a->rec);
	memset(a, 0, sizeof *a);
}
