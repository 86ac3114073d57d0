/* match.c — the dictionary matcher: finds every normalised phrase in a
 * normalised text, aligned on token boundaries. Two engines behind one
 * interface: Vectorscan (multi-literal automaton, SIMD) and a portable token
 * n-gram hash of our own; both return identical, sorted match lists.
 * See docs/matching.md for the design and measurements. */
#include "internal.h"

#include <errno.h>
#include <hs/hs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { ENG_HS = 1, ENG_PORTABLE = 2 };

/* In the Vectorscan engine, phrases shorter than this many bytes ("a", "on",
 * "said", "homs", "shelling", "syrian army") go to the token hash instead:
 * short literals make the automaton's filters fire on almost every byte, and
 * every phrase it holds adds to the compile at start-up. Measured with
 * callgrind on the digest benchmark (docs/matching.md, docs/performance.md):
 * 16 → 20 → 24 bytes gave 363 → 356 → 350 instructions per byte and a start-up
 * of 240M → 194M → 137M instructions. Since the token hash became cheaper
 * (speed5a), the automaton costs more per byte than the phrases it takes off
 * the hash: 20 → 30 → 40 → 60 bytes gave 360.0 → 347.7 → 345.0 → 342.3 per
 * byte (the portable engine, all phrases in the hash: 336.6); at 40
 * Vectorscan keeps the longest names and phrases. */
#define HS_MIN_LEN 40

/* In the Vectorscan engine the token hash also holds the long phrases'
 * prefixes of GATE_MIN bytes or more that end where a token may end, as
 * gates: a span of the text that is one means a long phrase may begin at its
 * first token, and only then does the scan run Vectorscan over the document.
 * Vectorscan costs about 2,000 instructions and 150 cache misses per short
 * document however few long phrases it finds (docs/performance.md, speed8a);
 * most documents hold none. */
#ifndef GATE_MIN
#define GATE_MIN 20
#endif

/* Cap on the matches of one scan (each is 12 bytes). */
#define MAX_HITS ((size_t)1 << 26)

typedef struct hit {
    uint32_t tb, te, id;
} hit;

/* Portable engine: one slot per distinct phrase text. The slot holds what a
 * probe needs, so that a lookup reads the slot and then the text's bytes:
 * no per-pattern array in between (in the gazetteer's 100 MB index each of
 * these reads is a cache miss). */
typedef struct slot {
    uint32_t hc;  /* the hash's upper 32 bits (a check: the bytes decide) */
    uint32_t off; /* the text's offset in the pool */
    uint32_t pat; /* first pattern with this text + 1 (0 = empty slot) */
    uint32_t len; /* its length, SL_ flags */
} slot;

#define SL_LEN 0x3fffffffu   /* the length bits of slot.len */
#define SL_GATE 0x80000000u  /* the text is a gate (a long phrase's prefix: GATE_MIN) */
#define SL_NOHIT 0x40000000u /* the text is only a gate, no phrase of the hash */

struct sr__matcher {
    int kind;
    size_t n;        /* patterns (empty ones included, never reported) */
    uint32_t *ids;   /* per pattern */
    uint32_t *lens;  /* per pattern */
    /* vectorscan */
    hs_database_t *db;
    hs_scratch_t *scratch;
    /* portable */
    char *pool;       /* pattern bytes, followed by 8 zero bytes (see same_text) */
    size_t *off;      /* per pattern: offset in pool (built matchers only) */
    uint32_t *next;   /* per pattern: next pattern with the same text + 1 */
    slot *tab;
    size_t tabmask;
    uint64_t *bits;   /* Bloom filter of the hashes of phrase prefixes ending at a
                         possible token end: blocks of one cache line, two bits each */
    size_t blockmask; /* blocks - 1 */
    size_t maxtoks, maxlen;
    uint8_t first[256]; /* 1: some phrase (or gate) begins with this byte; all 1 in a mapped matcher */
    uint8_t *findonly;  /* while building: per pattern, 1 for a find-only phrase (SR__MATCH_FIND_ONLY) */
    int mapped;       /* portable arrays point into a mapped file (sr__matcher_map) */
    /* scan state */
    hit *hits;
    size_t nhits, caphits;
    int err;
    int gate; /* the last hash scan passed a gate */
    uint8_t *startbuf; /* sr__matcher_starts_buf */
    size_t capstart;
    const sr__text *t;
};

#define FNV_OFF 1469598103934665603ULL
#define FNV_MUL 1099511628211ULL

static inline uint64_t fnv(uint64_t h, const char *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= FNV_MUL;
    }
    return h;
}

/* Final mix so that table indexes use well-spread low bits; never 0. */
static inline uint64_t mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h ? h : 1;
}

/* The span hash of the token hash and its prefix filter: the bytes from the
 * span's start taken 8 at a time, the last 0-7 as one zero-padded word, then
 * the length. A span extended by one more token continues from the state
 * after its last whole word, so the hash of every prefix of a phrase costs
 * about one step per 8 bytes, and it depends only on the bytes, never on
 * where a text splits them into tokens (the filter holds the prefixes ending
 * at every place a token may end). */
static inline uint64_t load8(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return w;
}

static inline uint64_t hstep(uint64_t h, uint64_t w)
{
    h = (h ^ w) * FNV_MUL;
    return h ^ (h >> 29);
}

static inline uint64_t hfin(uint64_t h, uint64_t tail, size_t len)
{
    return mix(((h ^ tail) * 0x9E3779B97F4A7C15ULL) ^ len);
}

/* The first r (0-7) bytes of p as a word whose other bytes are zero: the
 * same value a zeroed 8-byte buffer takes from memcpy(buf, p, r). */
static inline uint64_t tail_keep(uint64_t w, size_t r)
{
    /* (r < 8, so the shift is at most 56: no branch for r = 0) */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return r ? w & (~0ULL << (64 - 8 * r)) : 0;
#else
    return w & (((uint64_t)1 << (8 * r)) - 1);
#endif
}

/* Hash of p[0..n) read only within its n bytes (phrases at build time). */
static uint64_t span_hash_safe(const char *p, size_t n)
{
    const unsigned char *u = (const unsigned char *)p;
    uint64_t h = FNV_OFF;
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        h = hstep(h, load8(u + i));
    uint64_t t = 0;
    memcpy(&t, u + i, n - i);
    return hfin(h, t, n);
}

static size_t pow2_at_least(size_t n)
{
    size_t p = 16;
    while (p < n)
        p <<= 1;
    return p;
}

static int is_alnum_byte(unsigned char c)
{
    return c >= 0x80 ? 0 : ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'));
}

/* Can a token end at byte b of phrase p (length n)? True at the end, before a
 * space, and wherever a neighbour is punctuation or non-ASCII — a superset of
 * the token ends any text could have there. Never after a space. */
static inline int maybe_tok_end(const char *p, size_t n, size_t b)
{
    unsigned char prev = (unsigned char)p[b - 1];
    if (prev == ' ' || (b < n && ((unsigned char)p[b] & 0xC0) == 0x80))
        return 0; /* after a space, or inside a UTF-8 sequence */
    if (b == n || p[b] == ' ')
        return 1;
    return !is_alnum_byte(prev) || !is_alnum_byte((unsigned char)p[b]);
}

/* The prefix filter is only a filter: a false positive costs one more table
 * lookup (which compares the bytes), never a wrong match. Each prefix sets
 * two bits in one 512-bit block, so a test reads one cache line; at 16 bits
 * per prefix about 1 test in 60 is a false positive. A whole phrase also sets
 * a third bit, so that the phrase table is read only for spans that may be one. */
static void pre_add(sr__matcher *m, uint64_t h, int whole)
{
    uint64_t *blk = m->bits + ((h >> 40) & m->blockmask) * 8;
    blk[(h >> 6) & 7] |= (uint64_t)1 << (h & 63);
    blk[(h >> 15) & 7] |= (uint64_t)1 << ((h >> 9) & 63);
    if (whole)
        blk[(h >> 24) & 7] |= (uint64_t)1 << ((h >> 18) & 63);
}

/* 0: no phrase starts with this span; 1: some may; 2: it may be a phrase. */
static inline int pre_has(const sr__matcher *m, uint64_t h)
{
    const uint64_t *blk = m->bits + ((h >> 40) & m->blockmask) * 8;
    if (!((blk[(h >> 6) & 7] >> (h & 63) & 1) && (blk[(h >> 15) & 7] >> ((h >> 9) & 63) & 1)))
        return 0;
    return 1 + (int)(blk[(h >> 24) & 7] >> ((h >> 18) & 63) & 1);
}

/* Whether a[0..n) and b[0..n) hold the same bytes, compared 8 at a time: both
 * must be readable for 7 bytes past n (the pool and the normalised text
 * are). Most phrases are short, and a call to memcmp cost more than this. */
static inline int same_text(const char *a, const char *b, size_t n)
{
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        if (load8(x + i) != load8(y + i))
            return 0;
    return tail_keep(load8(x + i) ^ load8(y + i), n - i) == 0;
}

/* Slot for text p[0..n) with hash h: the one holding it, or the empty one
 * where it would go. p must be readable for 7 bytes past n (same_text). */
static inline __attribute__((always_inline)) slot *tab_find(const sr__matcher *m, uint64_t h, const char *p,
                                                             size_t n)
{
    size_t i = h & m->tabmask;
    uint32_t hc = (uint32_t)(h >> 32);
    for (;;) {
        slot *s = &m->tab[i];
        if (!s->pat)
            return s;
        if (s->hc == hc && (s->len & SL_LEN) == n && same_text(m->pool + s->off, p, n))
            return s;
        i = (i + 1) & m->tabmask;
    }
}

/* Is pattern i one of the long phrases the Vectorscan database holds? */
static int is_long(const sr__matcher *m, size_t i)
{
    return m->kind == ENG_HS && m->lens[i] >= HS_MIN_LEN;
}

static int portable_build(sr__matcher *m, const char *const *pats, char *err, size_t errlen)
{
    size_t total = 0, npre = 0, nheld = 0;
    for (size_t i = 0; i < m->n; i++) {
        size_t li = m->lens[i];
        total += li;
        nheld += li > 0;
        for (size_t b = 1; b <= li && !(m->findonly && m->findonly[i]); b++)
            if (maybe_tok_end(pats[i], li, b))
                npre++, nheld += is_long(m, i) && b >= GATE_MIN;
    }
    if (total > UINT32_MAX - 8) {
        sr__errf(err, errlen, "matcher: the phrases hold %zu bytes, more than 4 GB; split the dictionary", total);
        return SR_ETOOBIG;
    }
    m->pool = malloc(total + 8);
    m->off = malloc((m->n + 1) * sizeof *m->off);
    m->next = calloc(m->n + 1, sizeof *m->next);
    m->tabmask = pow2_at_least(nheld * 2 + 1) - 1;
    m->tab = calloc(m->tabmask + 1, sizeof *m->tab);
    m->blockmask = pow2_at_least((npre * 16 + 511) / 512) - 1;
    m->bits = aligned_alloc(64, (m->blockmask + 1) * 64);
    if (m->bits)
        memset(m->bits, 0, (m->blockmask + 1) * 64);
    if (!m->pool || !m->off || !m->next || !m->tab || !m->bits) {
        sr__errf(err, errlen, "matcher: out of memory building the phrase table (%zu phrases)", m->n);
        return SR_ENOMEM;
    }
    memset(m->pool + total, 0, 8);
    size_t at = 0;
    for (size_t i = 0; i < m->n; i++) {
        size_t n = m->lens[i];
        const char *p = m->pool + at; /* (padded: tab_find reads past n) */
        m->off[i] = at;
        if (n)
            memcpy(m->pool + at, pats[i], n);
        at += n;
        if (!n)
            continue;
        int lng = is_long(m, i);
        if (!(m->findonly && m->findonly[i])) { /* (a find-only phrase is never scanned for) */
            size_t toks = 0;
            for (size_t b = 1; b <= n; b++) {
                if (maybe_tok_end(p, n, b)) {
                    pre_add(m, span_hash_safe(p, b), lng ? b >= GATE_MIN : b == n);
                    toks++;
                }
            }
            if (toks > m->maxtoks)
                m->maxtoks = toks;
            if (n > m->maxlen)
                m->maxlen = n;
            m->first[(unsigned char)p[0]] = 1;
        }
        if (lng)
            continue; /* its gates go in below, after every phrase */
        uint64_t hm = span_hash_safe(p, n);
        slot *s = tab_find(m, hm, p, n);
        if (!s->pat) {
            s->hc = (uint32_t)(hm >> 32);
            s->off = (uint32_t)m->off[i];
            s->pat = (uint32_t)i + 1;
            s->len = (uint32_t)n;
        } else { /* same text, another id: chain it */
            uint32_t k = s->pat - 1;
            while (m->next[k])
                k = m->next[k] - 1;
            m->next[k] = (uint32_t)i + 1;
        }
    }
    /* the gates: a prefix that is also a phrase's text marks that slot */
    for (size_t i = 0; i < m->n; i++) {
        if (!is_long(m, i))
            continue;
        size_t n = m->lens[i];
        const char *p = m->pool + m->off[i];
        for (size_t b = GATE_MIN; b <= n; b++) {
            if (!maybe_tok_end(p, n, b))
                continue;
            uint64_t hb = span_hash_safe(p, b);
            slot *s = tab_find(m, hb, p, b);
            if (!s->pat) {
                s->hc = (uint32_t)(hb >> 32);
                s->off = (uint32_t)m->off[i];
                s->pat = (uint32_t)i + 1;
                s->len = (uint32_t)b | SL_NOHIT;
            }
            s->len |= SL_GATE;
        }
    }
    return 0;
}

/* ---- the compiled-database cache ----------------------------------------- */

/* Compiling the long phrases is most of the start-up (about 150 M
 * instructions per process), so the compiled database is kept in a cache
 * directory under a name derived from everything it depends on (the phrases
 * and their numbers, the Vectorscan version, the cpu features) and read back
 * with hs_deserialize_database. Reading or writing the cache never fails a
 * build: on any problem the database is compiled as before. */
#define CACHE_MAGIC "sitrep-hsdb-1\n\n"
#define CACHE_MAX ((size_t)256 << 20)

/* $SITREP_CACHE, else $XDG_CACHE_HOME/sitrep, else $HOME/.cache/sitrep; 0 when
 * the cache is off (SITREP_CACHE empty or "off") or no directory is known. */
static int cache_dir(char *dir, size_t cap)
{
    const char *env = getenv("SITREP_CACHE");
    int n;
    if (env)
        n = *env && strcmp(env, "off") ? snprintf(dir, cap, "%s", env) : -1;
    else if ((env = getenv("XDG_CACHE_HOME")) && *env)
        n = snprintf(dir, cap, "%s/sitrep", env);
    else if ((env = getenv("HOME")) && *env)
        n = snprintf(dir, cap, "%s/.cache/sitrep", env);
    else
        n = -1;
    return n > 0 && (size_t)n < cap;
}

static uint64_t key_add(uint64_t h, const void *p, size_t n) { return fnv(h, (const char *)p, n); }

/* The cache key of the phrases [exprs, lens, hids) on this machine. */
static uint64_t cache_key(const char **exprs, const size_t *lens, const unsigned *hids, size_t cnt)
{
    hs_platform_info_t plat;
    memset(&plat, 0, sizeof plat);
    hs_populate_platform(&plat);
    const char *ver = hs_version();
    uint64_t h = key_add(FNV_OFF, ver, strlen(ver));
    h = key_add(h, &plat.tune, sizeof plat.tune);
    h = key_add(h, &plat.cpu_features, sizeof plat.cpu_features);
    for (size_t i = 0; i < cnt; i++) {
        uint64_t head[2] = {lens[i], hids[i]};
        h = key_add(h, head, sizeof head);
        h = key_add(h, exprs[i], lens[i]);
    }
    return h;
}

/* A checksum of the stored bytes, 8 at a time (the file may be truncated or
 * overwritten by anything). */
static uint64_t cache_sum(const char *p, size_t n)
{
    uint64_t h = FNV_OFF ^ n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h = (h ^ w) * FNV_MUL;
        h ^= h >> 29;
    }
    return fnv(h, p + i, n - i);
}

static int cache_path(char *path, size_t cap, uint64_t key)
{
    char dir[4096];
    if (!cache_dir(dir, sizeof dir))
        return 0;
    int n = snprintf(path, cap, "%s/hs-%016llx.db", dir, (unsigned long long)key);
    return n > 0 && (size_t)n < cap;
}

/* The cached database for key, or NULL. */
static hs_database_t *cache_load(uint64_t key)
{
    char path[4200];
    if (!cache_path(path, sizeof path, key))
        return NULL;
    char *buf = NULL;
    size_t len = 0;
    hs_database_t *db = NULL;
    size_t hd = sizeof CACHE_MAGIC - 1 + 3 * sizeof(uint64_t);
    if (sr__read_all(path, CACHE_MAX, &buf, &len) == 0 && len > hd && !memcmp(buf, CACHE_MAGIC, sizeof CACHE_MAGIC - 1)) {
        uint64_t v[3]; /* key, payload length, checksum */
        memcpy(v, buf + sizeof CACHE_MAGIC - 1, sizeof v);
        if (v[0] == key && v[1] == len - hd && v[2] == cache_sum(buf + hd, len - hd) &&
            hs_deserialize_database(buf + hd, len - hd, &db) != HS_SUCCESS)
            db = NULL;
    }
    free(buf);
    return db;
}

/* Stores db under key: written to a temporary file and renamed, so that
 * processes starting together never read half a file. */
static void cache_store(const hs_database_t *db, uint64_t key)
{
    char path[4200], tmp[4300], dir[4096];
    if (!cache_path(path, sizeof path, key) || !cache_dir(dir, sizeof dir))
        return;
    /* the directory and, for the default ones, its parent (~/.cache) */
    char *slash = strrchr(dir, '/');
    if (slash && slash != dir) {
        *slash = 0;
        mkdir(dir, 0755);
        *slash = '/';
    }
    if (mkdir(dir, 0755) != 0 && errno != EEXIST)
        return;
    char *bytes = NULL;
    size_t n = 0;
    if (hs_serialize_database(db, &bytes, &n) != HS_SUCCESS)
        return;
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    uint64_t v[3] = {key, n, cache_sum(bytes, n)};
    int ok = f && fwrite(CACHE_MAGIC, 1, sizeof CACHE_MAGIC - 1, f) == sizeof CACHE_MAGIC - 1 &&
             fwrite(v, sizeof v, 1, f) == 1 && fwrite(bytes, 1, n, f) == n;
    if (f && fclose(f) != 0)
        ok = 0;
    if (!ok || rename(tmp, path) != 0)
        remove(tmp);
    free(bytes);
}

static int hs_build(sr__matcher *m, const char *const *pats, char *err, size_t errlen)
{
    size_t cnt = 0;
    for (size_t i = 0; i < m->n; i++)
        cnt += m->lens[i] >= HS_MIN_LEN;
    if (!cnt)
        return 0;
    const char **exprs = malloc(cnt * sizeof *exprs);
    size_t *lens = malloc(cnt * sizeof *lens);
    unsigned *flags = calloc(cnt, sizeof *flags);
    unsigned *hids = malloc(cnt * sizeof *hids);
    int rc = 0;
    if (!exprs || !lens || !flags || !hids) {
        sr__errf(err, errlen, "matcher: out of memory compiling %zu phrases", m->n);
        rc = SR_ENOMEM;
        goto out;
    }
    size_t j = 0;
    for (size_t i = 0; i < m->n; i++) {
        if (m->lens[i] < HS_MIN_LEN)
            continue;
        exprs[j] = pats[i];
        lens[j] = m->lens[i];
        hids[j] = (unsigned)i;
        j++;
    }
    uint64_t key = cache_key(exprs, lens, hids, cnt);
    hs_compile_error_t *ce = NULL;
    int cached = (m->db = cache_load(key)) != NULL;
    if (!cached && hs_compile_lit_multi(exprs, flags, hids, lens, (unsigned)cnt, HS_MODE_BLOCK, NULL, &m->db, &ce) !=
        HS_SUCCESS) {
        sr__errf(err, errlen, "vectorscan could not compile the dictionary (phrase %d): %s; try --engine portable",
                 ce ? ce->expression : -1, ce && ce->message ? ce->message : "unknown error");
        hs_free_compile_error(ce);
        m->db = NULL;
        rc = SR_EENGINE;
        goto out;
    }
    if (!cached)
        cache_store(m->db, key);
    if (hs_alloc_scratch(m->db, &m->scratch) != HS_SUCCESS) {
        sr__errf(err, errlen, "vectorscan could not allocate scratch space; try --engine portable");
        rc = SR_EENGINE;
    }
out:
    free(exprs);
    free(lens);
    free(flags);
    free(hids);
    return rc;
}

static void release_engine(sr__matcher *m)
{
    if (m->mapped) { /* the arrays belong to the mapping */
        m->pool = NULL;
        m->off = NULL;
        m->next = NULL;
        m->tab = NULL;
        m->bits = NULL;
        m->ids = NULL;
        m->lens = NULL;
        return;
    }
    if (m->scratch)
        hs_free_scratch(m->scratch);
    if (m->db)
        hs_free_database(m->db);
    m->scratch = NULL;
    m->db = NULL;
    free(m->pool);
    free(m->off);
    free(m->next);
    free(m->tab);
    free(m->bits);
    m->bits = NULL;
    m->pool = NULL;
    m->off = NULL;
    m->next = NULL;
    m->tab = NULL;
}

sr__matcher *sr__matcher_new(sr_engine engine, const char *const *pats, const size_t *lens,
                             const uint32_t *ids, size_t n, char *err, size_t errlen)
{
    if (n && (!pats || !lens || !ids)) {
        sr__errf(err, errlen, "matcher: no phrases given for %zu entries", n);
        return NULL;
    }
    if (n >= UINT32_MAX - 1) {
        sr__errf(err, errlen, "matcher: too many phrases (%zu); split the dictionary", n);
        return NULL;
    }
    sr__matcher *m = calloc(1, sizeof *m);
    if (!m) {
        sr__errf(err, errlen, "matcher: out of memory");
        return NULL;
    }
    m->n = n;
    m->ids = malloc((n + 1) * sizeof *m->ids);
    m->lens = malloc((n + 1) * sizeof *m->lens);
    if (!m->ids || !m->lens) {
        sr__errf(err, errlen, "matcher: out of memory for %zu phrases", n);
        sr__matcher_free(m);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        if (lens[i] > SL_LEN) {
            sr__errf(err, errlen, "matcher: phrase %zu is too long (%zu bytes)", i, lens[i]);
            sr__matcher_free(m);
            return NULL;
        }
        m->ids[i] = ids[i] & ~SR__MATCH_FIND_ONLY;
        m->lens[i] = (uint32_t)lens[i];
        if (ids[i] & SR__MATCH_FIND_ONLY) {
            if (engine != SR_ENGINE_PORTABLE) {
                sr__errf(err, errlen, "matcher: phrase %zu is find-only, which only the portable engine keeps", i);
                sr__matcher_free(m);
                return NULL;
            }
            if (!m->findonly && !(m->findonly = calloc(n, 1))) {
                sr__errf(err, errlen, "matcher: out of memory for %zu phrases", n);
                sr__matcher_free(m);
                return NULL;
            }
            m->findonly[i] = 1;
        }
    }
    int hs_ok = hs_valid_platform() == HS_SUCCESS;
    if (engine == SR_ENGINE_HS && !hs_ok) {
        sr__errf(err, errlen, "vectorscan does not run on this cpu (it needs sse4.2 or neon); use the portable engine");
        sr__matcher_free(m);
        return NULL;
    }
    if (engine == SR_ENGINE_HS || (engine == SR_ENGINE_AUTO && hs_ok)) {
        m->kind = ENG_HS;
        int rc = hs_build(m, pats, err, errlen);
        if (!rc)
            rc = portable_build(m, pats, err, errlen); /* the short phrases */
        if (rc && engine == SR_ENGINE_HS) {
            sr__matcher_free(m);
            return NULL;
        }
        if (rc) /* AUTO: fall back to the portable engine */
            release_engine(m);
        else
            return m;
    }
    m->kind = ENG_PORTABLE;
    int rc = portable_build(m, pats, err, errlen);
    free(m->findonly);
    m->findonly = NULL;
    if (rc != 0) {
        sr__matcher_free(m);
        return NULL;
    }
    return m;
}

/* ---- the token hash as a file: written once, memory-mapped at each start --- */
#define MAP_MAGIC "SRMATCH4" /* 2: one blocked prefix filter, slot lengths; 3: word-at-a-time span hash;
                               * 4: pool offsets in the slots, no per-pattern offsets, padded pool */

typedef struct maphdr {
    char magic[8];
    uint64_t endian, szt; /* 0x01020304 and sizeof(size_t): the file is for this kind of machine */
    uint64_t n, maxtoks, maxlen, tabmask, blockmask, pool_len;
} maphdr;

static int put(FILE *f, const void *p, size_t n, uint64_t *at)
{
    static const char zero[8];
    if (n && fwrite(p, 1, n, f) != n)
        return SR_EIO;
    *at += n;
    size_t pad = (size_t)((8 - (*at & 7)) & 7);
    if (pad && fwrite(zero, 1, pad, f) != pad)
        return SR_EIO;
    *at += pad;
    return 0;
}

int sr__matcher_write(const sr__matcher *m, FILE *f, uint64_t *written)
{
    if (!m || m->kind != ENG_PORTABLE)
        return SR_EINVAL;
    size_t pool_len = 0;
    for (size_t i = 0; i < m->n; i++)
        pool_len += m->lens[i];
    maphdr h = {.endian = 0x01020304, .szt = sizeof(size_t), .n = m->n, .maxtoks = m->maxtoks,
                .maxlen = m->maxlen, .tabmask = m->tabmask,
                .blockmask = m->blockmask, .pool_len = pool_len};
    memcpy(h.magic, MAP_MAGIC, 8);
    uint64_t at = 0;
    int rc = put(f, &h, sizeof h, &at);
    if (!rc) rc = put(f, m->ids, m->n * sizeof *m->ids, &at);
    if (!rc) rc = put(f, m->lens, m->n * sizeof *m->lens, &at);
    if (!rc) rc = put(f, m->next, (m->n + 1) * sizeof *m->next, &at);
    if (!rc) rc = put(f, m->pool, pool_len + 8, &at); /* with its 8 zero bytes */
    if (!rc) rc = put(f, m->tab, (m->tabmask + 1) * sizeof *m->tab, &at);
    if (!rc) rc = put(f, m->bits, (m->blockmask + 1) * 64, &at);
    if (written)
        *written = at;
    return rc;
}

/* Points the next array of a mapped file at p + *at, checking it fits. */
static const void *take(const char *p, size_t n, uint64_t *at, uint64_t len)
{
    if (*at > len || n > len - *at)
        return NULL;
    const void *r = p + *at;
    *at += n + ((8 - (n & 7)) & 7);
    return r;
}

sr__matcher *sr__matcher_map(const void *p, size_t len, size_t *used, char *err, size_t errlen)
{
    maphdr h;
    if (len < sizeof h) {
        sr__errf(err, errlen, "matcher file: truncated header; rebuild it (ninja -C build)");
        return NULL;
    }
    memcpy(&h, p, sizeof h);
    if (memcmp(h.magic, MAP_MAGIC, 8) || h.endian != 0x01020304 || h.szt != sizeof(size_t)) {
        sr__errf(err, errlen, "matcher file: not a matcher index for this machine; rebuild it (ninja -C build)");
        return NULL;
    }
    sr__matcher *m = calloc(1, sizeof *m);
    if (!m) {
        sr__errf(err, errlen, "matcher: out of memory");
        return NULL;
    }
    m->kind = ENG_PORTABLE;
    m->mapped = 1;
    memset(m->first, 1, sizeof m->first); /* (not in the file: every token is tried) */
    m->n = h.n;
    m->maxtoks = h.maxtoks;
    m->maxlen = h.maxlen;
    m->tabmask = h.tabmask;
    m->blockmask = h.blockmask;
    uint64_t at = 0;
    const char *b = p;
    int ok = take(b, sizeof h, &at, len) != NULL && h.n < UINT32_MAX - 1 && h.tabmask < len &&
             h.blockmask < len / 64;
    if (ok) {
        m->ids = (uint32_t *)take(b, h.n * sizeof *m->ids, &at, len);
        m->lens = (uint32_t *)take(b, h.n * sizeof *m->lens, &at, len);
        m->next = (uint32_t *)take(b, (h.n + 1) * sizeof *m->next, &at, len);
        m->pool = (char *)take(b, h.pool_len + 8, &at, len);
        m->tab = (slot *)take(b, (h.tabmask + 1) * sizeof *m->tab, &at, len);
        m->bits = (uint64_t *)take(b, (h.blockmask + 1) * 64, &at, len);
        ok = m->ids && m->lens && m->next && m->pool && m->tab && m->bits && h.pool_len < UINT32_MAX - 8;
    }
    if (!ok) {
        sr__errf(err, errlen, "matcher file: truncated or corrupt (%zu bytes); rebuild it (ninja -C build)", len);
        sr__matcher_free(m);
        return NULL;
    }
    if (used)
        *used = (size_t)at;
    return m;
}

void sr__matcher_free(sr__matcher *m)
{
    if (!m)
        return;
    release_engine(m);
    free(m->ids);
    free(m->lens);
    free(m->hits);
    free(m->startbuf);
    free(m->findonly);
    free(m);
}

/* (one byte per token: at most a twentieth of the text's own token array,
 * which the coder keeps between texts too) */
uint8_t *sr__matcher_starts_buf(sr__matcher *m, size_t n)
{
    if (n <= m->capstart)
        return m->startbuf;
    size_t nc = n < 4096 ? 4096 : n;
    uint8_t *nb = realloc(m->startbuf, nc);
    if (!nb)
        return NULL;
    m->startbuf = nb;
    m->capstart = nc;
    return nb;
}

long sr__matcher_find(const sr__matcher *m, const char *p, size_t n)
{
    if (!m || !m->tab || !n || n > SL_LEN)
        return -1;
    uint64_t h = span_hash_safe(p, n);
    uint32_t hc = (uint32_t)(h >> 32);
    for (size_t i = h & m->tabmask;; i = (i + 1) & m->tabmask) {
        const slot *s = &m->tab[i];
        if (!s->pat)
            return -1;
        if (s->hc == hc && (s->len & SL_LEN) == n && !(s->len & SL_NOHIT) && !memcmp(m->pool + s->off, p, n))
            return (long)m->ids[s->pat - 1];
    }
}

void sr__matcher_skip_first(sr__matcher *m, unsigned char b)
{
    if (m)
        m->first[b] = 0;
}

const char *sr__matcher_engine(const sr__matcher *m)
{
    return m && m->kind == ENG_HS ? "vectorscan" : "portable";
}

static int add_hit(sr__matcher *m, uint32_t tb, uint32_t te, uint32_t id)
{
    if (m->nhits == m->caphits) {
        if (m->caphits >= MAX_HITS)
            return SR_ETOOBIG;
        size_t nc = m->caphits ? m->caphits * 2 : 256;
        hit *nh = realloc(m->hits, nc * sizeof *nh);
        if (!nh)
            return SR_ENOMEM;
        m->hits = nh;
        m->caphits = nc;
    }
    m->hits[m->nhits++] = (hit){tb, te, id};
    return 0;
}

/* Index of the token starting at byte s (which is known to be a token start). */
static uint32_t tok_starting(const sr__text *t, uint32_t s)
{
    size_t lo = 0, hi = t->ntoks;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (t->toks[mid].s < s)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (uint32_t)lo;
}

static int on_hs_match(unsigned int hid, unsigned long long from, unsigned long long to, unsigned int flags,
                       void *ctx)
{
    (void)from;
    (void)flags;
    sr__matcher *m = ctx;
    unsigned long long len = m->lens[hid];
    if (len > to)
        return 0;
    size_t s = (size_t)(to - len), e = (size_t)to;
    const sr__text *t = m->t;
    /* aligned on tokens: one starts at s, one ends at e (tokens do not
     * overlap: the one ending at e is the last starting before e). Only the
     * long phrases are Vectorscan's, so candidates are few, and two binary
     * searches cost less than a byte map of every token built per scan. */
    uint32_t tb = tok_starting(t, (uint32_t)s);
    if (tb >= t->ntoks || t->toks[tb].s != s)
        return 0;
    uint32_t te = tok_starting(t, (uint32_t)e);
    if (te == 0 || t->toks[te - 1].e != e)
        return 0;
    int rc = add_hit(m, tb, te, m->ids[hid]);
    if (rc) {
        m->err = rc;
        return 1; /* stop scanning */
    }
    return 0;
}

static int scan_hs(sr__matcher *m, const sr__text *t)
{
    if (!m->db || !t->ntoks)
        return 0;
    if (t->norm_len > UINT32_MAX - 1)
        return SR_ETOOBIG;
    m->t = t;
    hs_error_t e = hs_scan(m->db, t->norm, (unsigned)t->norm_len, 0, m->scratch, on_hs_match, m);
    m->t = NULL;
    if (m->err)
        return m->err;
    if (e != HS_SUCCESS && e != HS_SCAN_TERMINATED)
        return SR_EENGINE;
    return 0;
}

/* Portable engine: at each token, hash the spans of 1..K tokens and look them
 * up; stop extending as soon as the span is no phrase's prefix. With gates
 * (the Vectorscan engine's full scan) it also notes whether a span was one;
 * inlined twice, so that the other scans do not test for them. */
/* What the scan's first step from a token computes, kept per word number
 * (sr__matcher_scan_words): the hash state after the token's whole 8-byte
 * blocks, the bytes they cover, the token's hash, the prefix filter's
 * answer and the table's slot for it. */
struct sr__wordmemo {
    uint64_t h, hm;
    const slot *sl; /* when ph == 2 */
    uint32_t at;    /* bytes of the token in h */
    int8_t ph;      /* -1 not yet known; 0 nothing begins so (or too long), 1 a prefix, 2 a phrase */
};

sr__wordmemo *sr__wordmemo_new(size_t n)
{
    sr__wordmemo *w = malloc((n ? n : 1) * sizeof *w);
    if (w)
        for (size_t i = 0; i < n; i++)
            w[i].ph = -1;
    return w;
}

void sr__wordmemo_free(sr__wordmemo *w) { free(w); }

static inline __attribute__((always_inline)) int scan_hash(sr__matcher *m, const sr__text *t,
                                                           const uint8_t *starts, unsigned mask, int gates,
                                                           const uint16_t *word, sr__wordmemo *wm)
{
    m->gate = 0;
    if (!m->maxtoks)
        return 0;
    const sr__tok *k = t->toks;
    /* (norm has 8 readable bytes past its end: see sr__text) */
    const unsigned char *u = (const unsigned char *)t->norm;
    int gate = 0;
    /* the matcher's fields in locals: add_hit stores through m */
    const size_t ntoks = t->ntoks, maxtoks = m->maxtoks, maxlen = m->maxlen;
    for (size_t i = 0; i < ntoks; i++) {
        if ((starts && !starts[i]) || (mask && !(k[i].flags & mask)) || !m->first[u[k[i].s]])
            continue; /* (a phrase begins with its first token's first byte: commas, stops and
                         brackets begin none of the lexicon's) */
        uint64_t h = FNV_OFF;
        uint32_t s = k[i].s, at = s; /* at: the first byte not in h */
        size_t jend = ntoks - i > maxtoks ? i + maxtoks : ntoks;
        size_t j = i;
        if (word && word[i]) {
            /* a numbered word: its first step is the same every time */
            sr__wordmemo *w = &wm[word[i]];
            if (w->ph < 0) {
                uint32_t e = k[i].e, a = s;
                uint64_t hh = FNV_OFF;
                w->ph = 0;
                w->sl = NULL;
                if (e - s <= maxlen) {
                    while (a + 8 <= e) {
                        hh = hstep(hh, load8(u + a));
                        a += 8;
                    }
                    w->h = hh;
                    w->at = a - s;
                    w->hm = hfin(hh, tail_keep(load8(u + a), e - a), e - s);
                    w->ph = (int8_t)pre_has(m, w->hm);
                    if (w->ph == 2)
                        w->sl = tab_find(m, w->hm, t->norm + s, e - s);
                }
            }
            if (!w->ph)
                continue;
            h = w->h;
            at = s + w->at;
            if (w->ph == 2) {
                const slot *sl = w->sl;
                int skip = 0;
                if (gates) {
                    uint32_t fl = sl->len;
                    gate |= fl >= SL_GATE;
                    skip = (fl & SL_NOHIT) != 0;
                }
                if (!skip)
                    for (uint32_t p = sl->pat; p; p = m->next[p - 1]) {
                        int rc = add_hit(m, (uint32_t)i, (uint32_t)i + 1, m->ids[p - 1]);
                        if (rc)
                            return rc;
                    }
            }
            j = i + 1;
        }
        for (; j < jend; j++) {
            uint32_t e = k[j].e;
            if (e - s > maxlen)
                break;
            while (at + 8 <= e) {
                h = hstep(h, load8(u + at));
                at += 8;
            }
            uint64_t hm = hfin(h, tail_keep(load8(u + at), e - at), e - s);
            int ph = pre_has(m, hm);
            if (!ph)
                break;
            if (ph < 2)
                continue;
            slot *sl = tab_find(m, hm, t->norm + s, e - s);
            if (gates) {
                uint32_t fl = sl->len;
                gate |= fl >= SL_GATE;
                if (fl & SL_NOHIT)
                    continue;
            }
            for (uint32_t p = sl->pat; p; p = m->next[p - 1]) {
                int rc = add_hit(m, (uint32_t)i, (uint32_t)j + 1, m->ids[p - 1]);
                if (rc)
                    return rc;
            }
        }
    }
    m->gate = gate;
    return 0;
}

static int hit_cmp(const void *a, const void *b)
{
    const hit *x = a, *y = b;
    if (x->tb != y->tb)
        return x->tb < y->tb ? -1 : 1;
    if (x->te != y->te)
        return x->te < y->te ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* Sorts hits by (tb, te, id). Each engine's list is nearly sorted (the token
 * hash's by tb then te, Vectorscan's by end offset), so an insertion sort does
 * it in near-linear time; past a budget of moves it hands over to qsort. */
static void sort_hits(hit *h, size_t n)
{
    size_t budget = 8 * n + 64;
    for (size_t i = 1; i < n; i++) {
        if (hit_cmp(&h[i - 1], &h[i]) <= 0)
            continue;
        hit x = h[i];
        size_t j = i;
        while (j > 0 && hit_cmp(&h[j - 1], &x) > 0) {
            h[j] = h[j - 1];
            j--;
            if (!--budget) {
                h[j] = x;
                qsort(h, n, sizeof *h, hit_cmp);
                return;
            }
        }
        h[j] = x;
    }
}


/* A scan from every token (starts NULL, mask 0), from the tokens starts[]
 * marks, or from those with a flag of mask. */
static int scan_some(sr__matcher *m, const sr__text *t, const uint8_t *starts, unsigned mask, sr__match_cb cb,
                     void *ud, const uint16_t *word, sr__wordmemo *wm)
{
    if (!m || !t || !cb)
        return SR_EINVAL;
    m->nhits = 0;
    m->err = 0;
    int full_hs = m->kind == ENG_HS && !starts && !mask;
    int rc = word ? (full_hs ? scan_hash(m, t, NULL, 0, 1, word, wm) : scan_hash(m, t, NULL, 0, 0, word, wm))
             : full_hs ? scan_hash(m, t, NULL, 0, 1, NULL, NULL)
                       : scan_hash(m, t, starts, mask, 0, NULL, NULL);
    size_t nhs = m->nhits; /* hits [0, nhs) from the hash, the rest from Vectorscan */
    if (!rc && full_hs && m->gate)
        rc = scan_hs(m, t);
    if (rc)
        return rc;
    /* sort the two runs apart (each is nearly sorted), then merge them */
    sort_hits(m->hits, nhs);
    sort_hits(m->hits + nhs, m->nhits - nhs);
    const hit *a = m->hits, *ae = m->hits + nhs, *b = ae, *be = m->hits + m->nhits, *prev = NULL;
    while (a < ae || b < be) {
        const hit *h = b == be || (a < ae && hit_cmp(a, b) <= 0) ? a++ : b++;
        if (prev && h->tb == prev->tb && h->te == prev->te && h->id == prev->id)
            continue; /* the same phrase listed twice under one id */
        cb(ud, h->id, h->tb, h->te);
        prev = h;
    }
    return 0;
}

int sr__matcher_scan(sr__matcher *m, const sr__text *t, sr__match_cb cb, void *ud)
{
    return scan_some(m, t, NULL, 0, cb, ud, NULL, NULL);
}

int sr__matcher_scan_words(sr__matcher *m, const sr__text *t, const uint16_t *word, sr__wordmemo *wm,
                           sr__match_cb cb, void *ud)
{
    return word && wm ? scan_some(m, t, NULL, 0, cb, ud, word, wm) : scan_some(m, t, NULL, 0, cb, ud, NULL, NULL);
}

int sr__matcher_scan_from(sr__matcher *m, const sr__text *t, const uint8_t *starts, sr__match_cb cb, void *ud)
{
    return scan_some(m, t, starts, 0, cb, ud, NULL, NULL);
}

int sr__matcher_scan_flags(sr__matcher *m, const sr__text *t, unsigned mask, sr__match_cb cb, void *ud)
{
    return scan_some(m, t, NULL, mask, cb, ud, NULL, NULL);
}
