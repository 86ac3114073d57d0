/* gazetteer.c — the GeoNames gazetteer at run time: memory-maps the index the
 * build compiled (tools/mkgaz.c, layout in gazetteer.h), checks it, and finds
 * place names in a text through its token n-gram hash (the matcher's portable
 * engine, read in place). Nothing is parsed at start: the cost is one mmap. */
#include "gazetteer.h"
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

struct sr__gaz {
    const char *base;
    size_t len;
    const sr__gzheader *h;
    const sr__gzplace *places;
    const sr__gzadmin1 *admin1;
    const sr__gzname *names;
    const uint32_t *list;
    const char *pool;
    uint64_t nplaces, nnames, nlist, pool_len; /* (the header's, for the accessors' checks) */
    sr__matcher *m;
};

static int section_ok(uint64_t off, uint64_t n, uint64_t size, size_t len)
{
    return off <= len && (size == 0 || n <= (len - off) / size) && off % 8 == 0;
}

sr__gaz *sr__gaz_open(const char *path, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        sr__errf(err, errlen, "gazetteer %s: %s; build it with 'ninja -C build' (needs scripts/install-deps)",
                 path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size < (off_t)sizeof(sr__gzheader)) {
        sr__errf(err, errlen, "gazetteer %s: empty or unreadable; rebuild it with 'ninja -C build'", path);
        close(fd);
        return NULL;
    }
    size_t len = (size_t)st.st_size;
    void *p = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0);
    close(fd);
    if (p == MAP_FAILED) {
        sr__errf(err, errlen, "gazetteer %s: cannot map it: %s", path, strerror(errno));
        return NULL;
    }
    sr__gaz *g = calloc(1, sizeof *g);
    if (!g) {
        munmap(p, len);
        sr__errf(err, errlen, "gazetteer: out of memory");
        return NULL;
    }
    g->base = p;
    g->len = len;
    const sr__gzheader *h = p;
    g->h = h;
    if (memcmp(h->magic, SR_GZ_MAGIC, 8) || h->total != len ||
        !section_ok(h->off_places, h->nplaces, sizeof(sr__gzplace), len) ||
        !section_ok(h->off_admin1, h->nadmin1, sizeof(sr__gzadmin1), len) ||
        !section_ok(h->off_names, h->nnames, sizeof(sr__gzname), len) ||
        !section_ok(h->off_list, h->nlist, sizeof(uint32_t), len) ||
        !section_ok(h->off_pool, h->pool_len, 1, len) || h->off_matcher > len || h->pool_len == 0) {
        sr__errf(err, errlen, "gazetteer %s: not a gazetteer index of this version, or truncated; rebuild it with 'ninja -C build'",
                 path);
        sr__gaz_free(g);
        return NULL;
    }
    g->places = (const sr__gzplace *)(g->base + h->off_places);
    g->admin1 = (const sr__gzadmin1 *)(g->base + h->off_admin1);
    g->names = (const sr__gzname *)(g->base + h->off_names);
    g->list = (const uint32_t *)(g->base + h->off_list);
    g->pool = g->base + h->off_pool;
    if (g->pool[h->pool_len - 1] != 0) {
        sr__errf(err, errlen, "gazetteer %s: corrupt string pool; rebuild it with 'ninja -C build'", path);
        sr__gaz_free(g);
        return NULL;
    }
    /* A reference inside a record (a name's places, a place's strings, a
     * match's name) is checked where it is read, by the accessors below, so
     * a damaged record gives wrong places but never a read outside its
     * table: checking the millions of records here cost more than half of
     * every start. */
    g->nplaces = h->nplaces;
    g->nnames = h->nnames;
    g->nlist = h->nlist;
    g->pool_len = h->pool_len;
    for (uint64_t i = 0; i < h->nadmin1; i++)
        if (g->admin1[i].name >= h->pool_len || g->admin1[i].acled >= h->pool_len || g->admin1[i].place >= h->nplaces)
            goto corrupt;
    char merr[256] = "";
    g->m = sr__matcher_map(g->base + h->off_matcher, len - h->off_matcher, NULL, merr, sizeof merr);
    if (!g->m) {
        sr__errf(err, errlen, "gazetteer %s: %s", path, merr);
        sr__gaz_free(g);
        return NULL;
    }
    sr__matcher_skip_first(g->m, '#'); /* the spelling keys: "#tag" in a text is none */
    return g;
corrupt:
    sr__errf(err, errlen, "gazetteer %s: a record points outside its table; rebuild it with 'ninja -C build'", path);
    sr__gaz_free(g);
    return NULL;
}

void sr__gaz_free(sr__gaz *g)
{
    if (!g)
        return;
    sr__matcher_free(g->m);
    if (g->base)
        munmap((void *)g->base, g->len);
    free(g);
}

/* Only tokens that can open a place name are tried: those written with a
 * capital, and the articles that open Arabic names ("al-Jawf", "el Fasher").
 * Most tokens of prose are neither, and each try costs cache misses in a
 * table of a hundred megabytes. */
int sr__gaz_scan(const sr__gaz *g, const sr__text *t, sr__match_cb cb, void *ud)
{
    return sr__matcher_scan_flags(g->m, t, SR_TF_CAP | SR_TF_ARTICLE, cb, ud);
}

size_t sr__gaz_nplaces(const sr__gaz *g) { return (size_t)g->h->nplaces; }
size_t sr__gaz_nnames(const sr__gaz *g) { return (size_t)g->h->nnames; }
/* What a reference out of its table reads as (only in a damaged index): a
 * place with no name in no country, a name of no places. */
static const sr__gzplace no_place = {.admin1 = SR_GZ_NONE};
static const sr__gzname no_name = {0, 0, 0, 0};

const sr__gzplace *sr__gaz_place(const sr__gaz *g, uint32_t i) { return i < g->nplaces ? &g->places[i] : &no_place; }
const sr__gzname *sr__gaz_name(const sr__gaz *g, uint32_t i) { return i < g->nnames ? &g->names[i] : &no_name; }
uint32_t sr__gaz_list(const sr__gaz *g, uint32_t i) { return i < g->nlist ? g->list[i] & ~SR_GZ_LIST_ALT : SR_GZ_NONE; }
int sr__gaz_list_alt(const sr__gaz *g, uint32_t i) { return i < g->nlist && (g->list[i] & SR_GZ_LIST_ALT) != 0; }
const char *sr__gaz_str(const sr__gaz *g, uint32_t off) { return off < g->pool_len ? g->pool + off : ""; }

const sr__gzadmin1 *sr__gaz_admin1(const sr__gaz *g, uint32_t i)
{
    return i < g->h->nadmin1 ? &g->admin1[i] : NULL;
}

/* Every admin1 unit's index in order of country (the four bytes of its ISO3
 * code, as memcmp orders them), then of index: a stable radix sort, one
 * pass per byte, the last byte first. (qsort with a comparator reading two
 * units cost 2.3 M instructions, once per context.) */
uint32_t *sr__gaz_admin1_by_country(const sr__gaz *g, size_t *n)
{
    size_t nu = (size_t)g->h->nadmin1;
    uint32_t *out = malloc((nu ? nu : 1) * sizeof *out), *tmp = malloc((nu ? nu : 1) * sizeof *tmp);
    if (!out || !tmp) {
        free(out);
        free(tmp);
        return NULL;
    }
    for (size_t i = 0; i < nu; i++)
        out[i] = (uint32_t)i;
    for (int b = 3; b >= 0; b--) {
        size_t start[257] = {0};
        for (size_t i = 0; i < nu; i++)
            start[(unsigned char)g->admin1[out[i]].iso3[b] + 1]++;
        for (int k = 0; k < 256; k++)
            start[k + 1] += start[k];
        for (size_t i = 0; i < nu; i++)
            tmp[start[(unsigned char)g->admin1[out[i]].iso3[b]]++] = out[i];
        memcpy(out, tmp, nu * sizeof *out);
    }
    free(tmp);
    *n = nu;
    return out;
}

/* The name entry whose normalised text is exactly s[0..n), or -1: one probe
 * of the matcher's hash table, which holds every name, the spelling keys
 * included (as find-only phrases: no scan reports them). */
long sr__gaz_lookup(const sr__gaz *g, const char *s, size_t n)
{
    if (!n || memchr(s, 0, n))
        return -1; /* no name is empty or holds a NUL */
    long at = sr__matcher_find(g->m, s, n);
    return at >= 0 && (uint64_t)at < g->nnames ? at : -1;
}

/* The spelling key of a normalised name: '#', then its consonant skeleton, so
 * that transliterations of one name meet ("Mirpurkhas"/"Mirpur Khas",
 * "Jhudo"/"Jhuddo", "Tuhayat"/"At Tuhayta", "Naushehro Feroze"/"Naushahro
 * Firoz"): a leading article word dropped, ASCII letters only, a first vowel
 * kept as '@', later vowels (and w, y) dropped, h dropped after a consonant
 * (kh, sh, th), q and c as k, d before j dropped, doubled letters collapsed, a
 * final h dropped. mkgaz indexes every name's key as a name of its own (never
 * matched in text); the coder looks up the key of a capitalised word that
 * matches no name. Returns the key's length (0: too short to trust, fewer
 * than three consonants). */
size_t sr__gaz_key(const char *s, size_t n, char *out, size_t cap)
{
    static const char *const art[] = {"al", "el", "as", "ad", "ar", "an", "ash", "az", "at", "ed", "es", "er", "en", NULL};
    for (int i = 0; n > 4 && (s[0] == 'a' || s[0] == 'e') && art[i]; i++) {
        size_t l = strlen(art[i]);
        if (n > l + 3 && !memcmp(s, art[i], l) && (s[l] == ' ' || s[l] == '-')) {
            s += l + 1;
            n -= l + 1;
            break;
        }
    }
    size_t k = 0, cons = 0;
    char prev = 0; /* the last letter seen (vowels included) */
    if (cap < 3)
        return 0;
    out[k++] = '#';
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        char ch = s[i];
        if (ch < 'a' || ch > 'z')
            continue; /* spaces, hyphens, apostrophes, accented bytes */
        char was = prev;
        prev = ch;
        int vowel = ch == 'a' || ch == 'e' || ch == 'i' || ch == 'o' || ch == 'u' || ch == 'w' || ch == 'y';
        if (k == 1 && !cons && vowel) {
            if (out[k - 1] != '@')
                out[k++] = '@';
            continue;
        }
        if (vowel)
            continue;
        if (ch == 'h' && was && was != 'a' && was != 'e' && was != 'i' && was != 'o' && was != 'u' && was != 'w' &&
            was != 'y' && was != 'h')
            continue; /* kh, sh, th, dh, gh, ch, ph */
        if (ch == 'q' || ch == 'c')
            ch = 'k';
        if (ch == 'j' && k > 1 && out[k - 1] == 'd' && was == 'd')
            k--, cons--;
        if (k > 1 && out[k - 1] == ch && was == s[i])
            continue; /* a doubled letter ("Jhuddo"), not one across a vowel */
        out[k++] = ch;
        cons++;
    }
    if (k > 2 && out[k - 1] == 'h') {
        k--;
        cons--;
    }
    out[k] = 0;
    return cons >= 3 ? k : 0;
}
