/* util.c — small shared helpers: capped growable buffers (every buffer built
 * from untrusted input has a cap), string copies, error formatting, whole-file
 * reads, hashing and UTF-8 repair. */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

const char *sr_strerror(int err)
{
    switch (err) {
    case SR_OK: return "ok";
    case SR_ENOMEM: return "out of memory";
    case SR_EINVAL: return "invalid argument";
    case SR_EIO: return "input/output error";
    case SR_EPARSE: return "parse error";
    case SR_EDB: return "database error";
    case SR_ETOOBIG: return "input too large";
    case SR_ENOTFOUND: return "not found";
    case SR_EDATA: return "invalid data file";
    case SR_EENGINE: return "matching engine error";
    case SR_EEMPTY: return "no document in input";
    default: return "unknown error";
    }
}

void sr__buf_init(sr__buf *b, size_t max)
{
    b->p = NULL;
    b->len = b->cap = 0;
    b->max = max ? max : SR_MAX_INPUT_BYTES;
}

void sr__buf_release(sr__buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

int sr__buf_reserve(sr__buf *b, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap : 64;
        while (nc < b->len + n + 1)
            nc *= 2;
        char *np = realloc(b->p, nc);
        if (!np)
            return SR_ENOMEM;
        b->p = np;
        b->cap = nc;
    }
    return 0;
}

int sr__buf_grow_add(sr__buf *b, const void *p, size_t n)
{
    if (n > b->max || b->len > b->max - n)
        return SR_ETOOBIG;
    if (sr__buf_reserve(b, n))
        return SR_ENOMEM;
    if (n)
        memcpy(b->p + b->len, p, n);
    b->len += n;
    b->p[b->len] = 0;
    return 0;
}


int sr__buf_printf(sr__buf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return SR_EINVAL;
    if ((size_t)n < sizeof tmp)
        return sr__buf_add(b, tmp, (size_t)n);
    char *big = malloc((size_t)n + 1);
    if (!big)
        return SR_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    int rc = sr__buf_add(b, big, (size_t)n);
    free(big);
    return rc;
}

char *sr__strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = 0;
    return p;
}

int sr__grow(void **v, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return 0;
    size_t nc = *cap ? *cap * 2 : 32;
    while (nc <= n)
        nc *= 2;
    void *p = realloc(*v, nc * size);
    if (!p)
        return SR_ENOMEM;
    *v = p;
    *cap = nc;
    return 0;
}

char *sr__strdup(const char *s) { return s ? sr__strndup(s, strlen(s)) : NULL; }

void sr__errf(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || !errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

int sr__read_all(const char *path, size_t max, char **out, size_t *outlen)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    *out = NULL;
    *outlen = 0;
    if (!fp)
        return errno == ENOENT ? SR_ENOTFOUND : SR_EIO;
    sr__buf b;
    sr__buf_init(&b, max);
    char chunk[65536];
    size_t n;
    int rc = 0;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        if ((rc = sr__buf_add(&b, chunk, n)) != 0)
            break;
    }
    if (!rc && ferror(fp))
        rc = SR_EIO;
    if (fp != stdin)
        fclose(fp);
    if (rc) {
        sr__buf_release(&b);
        return rc;
    }
    if (!b.p && sr__buf_add(&b, "", 0) != 0)
        return SR_ENOMEM;
    *out = b.p;
    *outlen = b.len;
    return 0;
}

uint64_t sr__hash64(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static const char *key_at(const void *base, size_t size, size_t i)
{
    return *(char *const *)(const void *)((const char *)base + i * size);
}

size_t *sr__keyidx_slot(sr__keyidx *ix, const void *base, size_t size, size_t n, const char *key, size_t min)
{
    if (2 * (n + 1) > ix->nslot) { /* grow and rehash */
        size_t ns = ix->nslot ? ix->nslot * 2 : min, *t = calloc(ns, sizeof *t);
        if (!t)
            return NULL;
        for (size_t i = 0; i < n; i++) {
            const char *k = key_at(base, size, i);
            size_t h = (size_t)sr__hash64(k, strlen(k)) & (ns - 1);
            while (t[h])
                h = (h + 1) & (ns - 1);
            t[h] = i + 1;
        }
        free(ix->slot);
        ix->slot = t;
        ix->nslot = ns;
    }
    size_t h = (size_t)sr__hash64(key, strlen(key)) & (ix->nslot - 1);
    while (ix->slot[h] && strcmp(key_at(base, size, ix->slot[h] - 1), key))
        h = (h + 1) & (ix->nslot - 1);
    return &ix->slot[h];
}

void sr__keyidx_release(sr__keyidx *ix)
{
    free(ix->slot);
    ix->slot = NULL;
    ix->nslot = 0;
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if invalid. */
size_t sr__utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return (n >= 2 && (s[1] & 0xC0) == 0x80) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && s[1] < 0xA0)
            return 0;
        if (c == 0xED && s[1] > 0x9F)
            return 0; /* surrogates */
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && s[1] < 0x90)
            return 0;
        if (c == 0xF4 && s[1] > 0x8F)
            return 0;
        return 4;
    }
    return 0;
}

int sr__utf8_repair(const char *s, size_t n, char **out, size_t *outlen, size_t *first_bad)
{
    const unsigned char *u = (const unsigned char *)s;
    int repairs = 0;
    /* fast path: plain ASCII without NUL, 8 bytes at a time */
    size_t a = 0;
    while (a + 8 <= n) {
        uint64_t w;
        memcpy(&w, s + a, 8);
        if ((w & 0x8080808080808080ULL) || ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL))
            break;
        a += 8;
    }
    while (a < n && u[a] && u[a] < 0x80)
        a++;
    if (a == n) {
        *first_bad = (size_t)-1;
        *out = sr__strndup(s, n);
        *outlen = n;
        return *out ? 0 : SR_ENOMEM;
    }
    sr__buf b;
    sr__buf_init(&b, n * 3 + 16);
    *first_bad = (size_t)-1;
    size_t i = 0, run = 0;
    while (i < n) {
        size_t k = sr__utf8_seq(u + i, n - i);
        if (k && !(k == 1 && u[i] == 0)) {
            i += k;
            continue;
        }
        /* flush the valid run, then U+FFFD for the bad byte (NUL included) */
        if (sr__buf_add(&b, s + run, i - run) || sr__buf_add(&b, "\xEF\xBF\xBD", 3)) {
            sr__buf_release(&b);
            return SR_ENOMEM;
        }
        if (*first_bad == (size_t)-1)
            *first_bad = i;
        repairs++;
        i++;
        run = i;
    }
    if (sr__buf_add(&b, s + run, n - run)) {
        sr__buf_release(&b);
        return SR_ENOMEM;
    }
    *out = b.p;
    *outlen = b.len;
    return repairs;
}
