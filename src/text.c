/* text.c — the text pipeline: Unicode normalisation (NFKC, case fold, marks
 * stripped, quotes/dashes/spaces folded to ASCII, whitespace collapsed) with a
 * byte map back to the original, then tokens (words, numbers, punctuation)
 * and sentences. Dictionary phrases go through the same folding
 * (sr__norm_phrase) so that phrases and text compare byte for byte. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* norm may grow past the input (NFKC/case-fold expansions), never past this. */
#define NORM_MAX ((size_t)SR_MAX_INPUT_BYTES)
/* A "sentence" with no break for this many tokens is cut, so that later
 * per-sentence work stays bounded on run-on input (lists, tables). */
#define SENT_MAX_TOKS 1000

#define DECOMP_OPTS (UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE)

/* ---- UTF-8 helpers ------------------------------------------------------ */

/* Decodes one code point at s[0..n); invalid bytes decode as U+FFFD, length 1. */
static size_t dec(const unsigned char *s, size_t n, int32_t *cp)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    utf8proc_int32_t v;
    utf8proc_ssize_t k = utf8proc_iterate(s, (utf8proc_ssize_t)(n > 4 ? 4 : n), &v);
    if (k <= 0) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = v;
    return (size_t)k;
}

/* ---- normalisation ------------------------------------------------------ */

typedef struct brk {
    uint32_t pos; /* norm offset of the space standing for a whitespace run */
    uint32_t nl;  /* line breaks in that run */
} brk;

typedef struct nz {
    const char *src;
    char *p;
    uint32_t *map;
    size_t len, cap;
    brk *b;
    size_t nb, capb;
    int want_brk;
    int ws;             /* a whitespace run is pending */
    uint32_t ws_at, ws_nl;
} nz;

/* ASCII classes: 0 emit, 1 emit lower-cased, 2 blank, 3 LF, 4 CR, 5 drop, 6 backquote */
static const uint8_t acls[128] = {
    5, 5, 5, 5, 5, 5, 5, 5, 5, 2, 3, 3, 3, 4, 5, 5, /* \t \n \v \f \r */
    5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
    2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5,
};

/* 1 for the ASCII bytes that normalise to themselves or to their lower case
 * (acls 0 and 1): the bytes the fast path of normalise() copies in bulk. */
static const uint8_t plain[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
    /* 0x80-0xFF: all 0 */
};

static int nz_grow(nz *z, size_t need)
{
    if (need <= z->cap)
        return 0;
    if (need > NORM_MAX)
        return SR_ETOOBIG;
    size_t nc = z->cap ? z->cap : 256;
    while (nc < need)
        nc *= 2;
    if (nc > NORM_MAX)
        nc = NORM_MAX;
    char *np = realloc(z->p, nc + 8); /* NUL and 7 more: see sr__text */
    if (!np)
        return SR_ENOMEM;
    z->p = np;
    uint32_t *nm = realloc(z->map, (nc + 1) * sizeof *nm);
    if (!nm)
        return SR_ENOMEM;
    z->map = nm;
    z->cap = nc;
    return 0;
}

/* Writes the pending whitespace run as one space (none at the very start). */
static int nz_flush_ws(nz *z)
{
    z->ws = 0;
    if (!z->len)
        return 0;
    if (z->ws_nl && z->want_brk) {
        if (z->nb == z->capb) {
            size_t nc = z->capb ? z->capb * 2 : 64;
            brk *nb = realloc(z->b, nc * sizeof *nb);
            if (!nb)
                return SR_ENOMEM;
            z->b = nb;
            z->capb = nc;
        }
        z->b[z->nb].pos = (uint32_t)z->len;
        z->b[z->nb].nl = z->ws_nl;
        z->nb++;
    }
    z->p[z->len] = ' ';
    z->map[z->len++] = z->ws_at;
    return 0;
}

static inline void nz_space(nz *z, uint32_t at, uint32_t nl)
{
    if (!z->ws) {
        z->ws = 1;
        z->ws_at = at;
        z->ws_nl = 0;
    }
    z->ws_nl += nl;
}

static inline int nz_byte(nz *z, char c, uint32_t at)
{
    if (z->ws) {
        int rc = nz_flush_ws(z);
        if (rc)
            return rc;
    }
    z->p[z->len] = c;
    z->map[z->len++] = at;
    return 0;
}

/* Handles one ASCII character c found at original offset at (next: the byte
 * after it, for CR LF). */
static inline int nz_ascii(nz *z, unsigned c, uint32_t at, int next)
{
    switch (acls[c]) {
    case 0: return nz_byte(z, (char)c, at);
    case 1: return nz_byte(z, (char)(c | 0x20), at);
    case 2: nz_space(z, at, 0); return 0;
    case 3: nz_space(z, at, 1); return 0;
    case 4: nz_space(z, at, next == '\n' ? 0 : 1); return 0;
    case 6: return nz_byte(z, '\'', at);
    default: return 0;
    }
}

/* Curly quotes, primes, dashes and minus to their ASCII stand-ins (0: none). */
static int fold_punct(int32_t c)
{
    switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x02BC: case 0x02BB:
    case 0x2032: case 0x2035: case 0x00B4: case 0x02B9: case 0xFF07: case 0x2039:
    case 0x203A:
        return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB:
    case 0x2033: case 0x2036: case 0xFF02: case 0x301D: case 0x301E:
        return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D: case 0x2043:
        return '-';
    default:
        return 0;
    }
}

/* Non-ASCII whitespace: 0 no, 1 blank, 2 a line break, 3 a paragraph break. */
static int uni_ws(int32_t c)
{
    switch (c) {
    case 0x85: case 0x2028: return 2;
    case 0x2029: return 3;
    case 0xA0: case 0x1680: case 0x202F: case 0x205F: case 0x3000: return 1;
    default: return (c >= 0x2000 && c <= 0x200A) ? 1 : 0;
    }
}

static int nz_utf8(nz *z, int32_t c, uint32_t at)
{
    if (z->ws) {
        int rc = nz_flush_ws(z);
        if (rc)
            return rc;
    }
    uint8_t tmp[4];
    utf8proc_ssize_t k = utf8proc_encode_char(c, tmp);
    for (utf8proc_ssize_t j = 0; j < k; j++) {
        z->p[z->len] = (char)tmp[j];
        z->map[z->len++] = at;
    }
    return 0;
}

/* One non-ASCII code point of the original at offset at: fold, decompose
 * (compatibility + case fold), drop non-spacing marks and controls. */
static int nz_cp(nz *z, int32_t c, uint32_t at)
{
    int f = fold_punct(c);
    if (f)
        return nz_byte(z, (char)f, at);
    int w = uni_ws(c);
    if (w) {
        nz_space(z, at, (uint32_t)(w - 1));
        return 0;
    }
    if (c >= 0xAC00 && c <= 0xD7A3) /* Hangul syllables are already NFKC */
        return nz_utf8(z, c, at);
    utf8proc_int32_t d[32];
    int bc = 0;
    utf8proc_ssize_t k = utf8proc_decompose_char(c, d, 32, DECOMP_OPTS, &bc);
    if (k < 0 || k > 32) {
        d[0] = 0xFFFD;
        k = 1;
    }
    int spacing_accent = k > 1 && utf8proc_category(c) == UTF8PROC_CATEGORY_SK;
    for (utf8proc_ssize_t j = 0; j < k; j++) {
        int32_t x = d[j];
        int rc = 0;
        if ((f = fold_punct(x)) != 0)
            rc = nz_byte(z, (char)f, at);
        else if (x < 0x80) {
            if (x == ' ' && spacing_accent)
                continue;
            rc = nz_ascii(z, (unsigned)x, at, 0);
        } else if ((w = uni_ws(x)) != 0) {
            if (!spacing_accent)
                nz_space(z, at, (uint32_t)(w - 1));
        } else {
            utf8proc_category_t cat = utf8proc_category(x);
            if (cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_ME || cat == UTF8PROC_CATEGORY_CC)
                continue;
            rc = nz_utf8(z, x, at);
        }
        if (rc)
            return rc;
    }
    return 0;
}

/* End of the run at u[i..lim) that normalise() copies as it is (but for case):
 * plain[] bytes and single spaces followed by one (u has n bytes). Eight
 * bytes at a time while they are all printable ASCII or spaces, no two
 * spaces in a row and no space last; then byte by byte. */
static size_t plain_run(const unsigned char *u, size_t i, size_t lim, size_t n)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    size_t r = i;
    while (r + 8 <= lim) {
        uint64_t w;
        memcpy(&w, u + r, 8);
        if (w & high)
            break;
        /* each byte is 7-bit now, so these per-byte sums never carry */
        uint64_t ok = (w + 0x60 * ones) & high;            /* >= 0x20 */
        ok &= ((w ^ 0x7F * ones) + 0x7F * ones) & high;    /* != DEL */
        ok &= ((w ^ 0x60 * ones) + 0x7F * ones) & high;    /* != '`' */
        uint64_t sp = ~((w ^ 0x20 * ones) + 0x7F * ones) & high; /* == ' ' */
        if (ok != high || (sp & (sp >> 8)))
            break;
        /* a space in the last byte is checked against the next window */
        r += (sp >> 63) ? 7 : 8;
    }
    for (;;) {
        while (r < lim && plain[u[r]])
            r++;
        if (r < lim && u[r] == ' ' && r + 1 < n && plain[u[r + 1]]) {
            r++;
            continue;
        }
        return r;
    }
}

/* Copies u[i..r) to o lower-cased (ASCII) and its offsets to mp. */
static void copy_run(char *restrict o, uint32_t *restrict mp, const unsigned char *restrict u, size_t i,
                     size_t r)
{
    /* two simple loops, each vectorised at its own width */
    for (size_t j = 0; j < r - i; j++) {
        uint8_t x = u[i + j];
        o[j] = (char)((uint8_t)(x - 'A') < 26 ? x | 0x20 : x);
    }
    uint32_t at = (uint32_t)i, m = (uint32_t)(r - i);
    for (uint32_t j = 0; j < m; j++)
        mp[j] = at + j;
}

#if defined(__SSE2__)
/* Writes the 16 bytes v, which stand at u[at], lower-cased to o, and their
 * offsets at .. at + 15 to map. */
static inline void put16(char *o, uint32_t *map, __m128i v, size_t at)
{
    const __m128i up = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
    _mm_storeu_si128((__m128i *)o, _mm_or_si128(v, _mm_and_si128(up, _mm_set1_epi8(0x20))));
    const __m128i step = _mm_set1_epi32(4);
    __m128i m = _mm_add_epi32(_mm_set1_epi32((int)at), _mm_set_epi32(3, 2, 1, 0));
    _mm_storeu_si128((__m128i *)map, m);
    m = _mm_add_epi32(m, step);
    _mm_storeu_si128((__m128i *)(map + 4), m);
    m = _mm_add_epi32(m, step);
    _mm_storeu_si128((__m128i *)(map + 8), m);
    m = _mm_add_epi32(m, step);
    _mm_storeu_si128((__m128i *)(map + 12), m);
}

/* The fast path's bulk part: while 16 bytes at u[r] are all plain[] or
 * single spaces (no two in a row), writes them lower-cased to o[r - i] and
 * their offsets to mp[r - i], in one pass. Returns where it stopped, at a
 * window it did not take (plain_run and copy_run finish from there). The
 * caller's room: 16 bytes and 16 offsets past lim - i. A space in the last
 * byte is not taken (the next window checks what follows it). */
static size_t plain_run_copy16(char *restrict o, uint32_t *restrict mp, const unsigned char *restrict u,
                               size_t i, size_t lim)
{
    const __m128i c20 = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7F), bq = _mm_set1_epi8('`');
    size_t r = i;
    while (r + 16 <= lim) {
        __m128i v = _mm_loadu_si128((const __m128i *)(u + r));
        /* signed: bytes below 0x20 and every byte from 0x80 on */
        __m128i bad = _mm_or_si128(_mm_cmplt_epi8(v, c20), _mm_or_si128(_mm_cmpeq_epi8(v, del), _mm_cmpeq_epi8(v, bq)));
        unsigned sp = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, c20));
        if (_mm_movemask_epi8(bad) || (sp & (sp >> 1)))
            break;
        put16(o + (r - i), mp + (r - i), v, r);
        r += (sp >> 15) ? 15 : 16;
    }
    /* the run's last few bytes: the window that ends at lim, overlapping
     * bytes already taken (written again with the same values), when it is
     * all plain, with no two spaces in a row and no space last. The byte
     * before r is never a space (a space is taken only with what follows
     * it), so a space at r is checked against the window's next byte. */
    if (r < lim && lim - i >= 16 && lim - r < 16) {
        size_t w = lim - 16;
        __m128i v = _mm_loadu_si128((const __m128i *)(u + w));
        __m128i bad = _mm_or_si128(_mm_cmplt_epi8(v, c20), _mm_or_si128(_mm_cmpeq_epi8(v, del), _mm_cmpeq_epi8(v, bq)));
        unsigned sp = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, c20));
        if (!_mm_movemask_epi8(bad) && !(sp & (sp >> 1)) && !(sp >> 15)) {
            put16(o + (w - i), mp + (w - i), v, w);
            r = lim;
        }
    }
    return r;
}
#endif

/* Normalises s[0..n) into z (norm text, n2o map, line breaks). */
static int normalise(nz *z, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    int rc = nz_grow(z, n + n / 8 + 128);
    if (rc)
        return rc;
    for (size_t i = 0; i < n;) {
        if (z->len + 160 > z->cap && (rc = nz_grow(z, z->len + 160)) != 0)
            return rc;
        unsigned c = u[i];
        if (plain[c] && !z->ws) {
            /* fast path: runs of printable ASCII joined by single spaces; each
             * run is found first, then copied (lower-cased) and mapped in a
             * tight loop the compiler can vectorise */
            size_t lim = i + (z->cap - z->len - 2), len = z->len;
            if (lim > n)
                lim = n;
#if defined(__SSE2__)
            {
                size_t r0 = plain_run_copy16(z->p + len, z->map + len, u, i, lim);
                len += r0 - i;
                i = r0;
            }
#endif
            size_t r = plain_run(u, i, lim, n);
            copy_run(z->p + len, z->map + len, u, i, r);
            len += r - i;
            i = r;
            z->len = len;
            continue;
        }
        if (c < 0x80) {
            if ((rc = nz_ascii(z, c, (uint32_t)i, i + 1 < n ? u[i + 1] : 0)) != 0)
                return rc;
            i++;
            continue;
        }
        int32_t cp;
        size_t k = dec(u + i, n - i, &cp);
        if ((rc = nz_cp(z, cp, (uint32_t)i)) != 0)
            return rc;
        i += k;
    }
    memset(z->p + z->len, 0, 8);
    z->map[z->len] = (uint32_t)n;
    return 0;
}

char *sr__norm_phrase(const char *s, size_t n, size_t *outlen)
{
    nz z;
    memset(&z, 0, sizeof z);
    z.src = s;
    if (normalise(&z, s, n) != 0) {
        free(z.p);
        free(z.map);
        *outlen = 0;
        return NULL;
    }
    free(z.map);
    *outlen = z.len;
    return z.p;
}

/* ---- tokens ------------------------------------------------------------- */

enum { C_NONE = 0, C_ALPHA = 1, C_DIGIT = 2, C_MULTI = 4 };

/* Tokeniser class of each byte: ASCII letters and digits, C_MULTI for bytes
 * of multi-byte code points (decoded with cls_at), C_NONE for the rest. */
static const uint8_t bcls[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
};

/* Class of the code point at norm[p] (alpha covers letters, non-ASCII
 * numbers and spacing marks) and its byte length. */
static inline int cls_at(const char *s, size_t n, size_t p, size_t *len)
{
    unsigned c = (unsigned char)s[p];
    if (c < 0x80) {
        *len = 1;
        return bcls[c];
    }
    int32_t cp;
    *len = dec((const unsigned char *)s + p, n - p, &cp);
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO: case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_MN:
        return C_ALPHA;
    default:
        return C_NONE;
    }
}

static inline int alnum_at(const char *s, size_t n, size_t p)
{
    size_t l;
    return p < n && cls_at(s, n, p, &l) != C_NONE;
}

static inline int ascii_alpha(int c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static inline int ascii_digit(int c) { return c >= '0' && c <= '9'; }

/* Length of an abbreviation with internal periods at s[p] ("u.s.", "a.m.",
 * "e.g."): single ASCII letters each followed by a period, at least two
 * letters; the last period is optional. 0 if there is none. */
static size_t abbrev_len(const char *s, size_t n, size_t p)
{
    size_t q = p, letters = 0;
    while (q < n && ascii_alpha(s[q]) && !alnum_at(s, n, q + 1)) {
        letters++;
        q++;
        if (q < n && s[q] == '.') {
            q++;
            continue;
        }
        break;
    }
    if (letters < 2)
        return 0;
    if (alnum_at(s, n, q))
        return 0;
    /* "x.y" must have had its inner period: q-p >= 3 holds for 2 letters */
    return q - p;
}

/* Case flags from the original span: CAP if it starts with an uppercase
 * letter, ALLCAPS if it has 2+ cased letters, all uppercase. The first
 * lowercase letter settles the answer, so the scan stops there. */
static uint8_t case_flags(const char *o, size_t os, size_t oe)
{
    const unsigned char *u = (const unsigned char *)o;
    int upper = 0, cap = 0;
    for (size_t p = os; p < oe;) {
        size_t k;
        int isup;
        if (u[p] < 0x80) {
            unsigned x = u[p];
            k = 1;
            if (x - 'a' < 26u)
                return cap ? SR_TF_CAP : 0;
            isup = x - 'A' < 26u;
        } else {
            int32_t c;
            k = dec(u + p, oe - p, &c);
            utf8proc_category_t cat = utf8proc_category(c);
            if (cat == UTF8PROC_CATEGORY_LL)
                return cap ? SR_TF_CAP : 0;
            isup = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
        }
        if (p == os)
            cap = isup;
        upper += isup;
        p += k;
    }
    return (uint8_t)((cap ? SR_TF_CAP : 0) | (upper >= 2 ? SR_TF_ALLCAPS : 0));
}

/* End of s[0..n) without trailing whitespace (ASCII or Unicode). */
static uint32_t trim_end(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    while (n > 0) {
        if (u[n - 1] < 0x80) {
            if (acls[u[n - 1]] < 2 || acls[u[n - 1]] > 4)
                break;
            n--;
            continue;
        }
        size_t b = n - 1;
        while (b > 0 && n - b < 4 && (u[b] & 0xC0) == 0x80)
            b--;
        int32_t c;
        if (dec(u + b, n - b, &c) != n - b || !uni_ws(c))
            break;
        n = b;
    }
    return (uint32_t)n;
}

/* p holding at least need elements of size sz (cap: what it holds now),
 * reallocated if not; 0 or SR_ENOMEM (p is then unchanged). */
static int reserve(void **p, size_t *cap, size_t need, size_t sz)
{
    if (*p && *cap >= need)
        return 0;
    void *np = realloc(*p, need * sz);
    if (!np)
        return SR_ENOMEM;
    *p = np;
    *cap = need;
    return 0;
}

typedef struct tk {
    sr__text *t;
    size_t cap;
    uint8_t *nl; /* per candidate (cand): line breaks before it (0, 1, 2 = blank line) */
    uint32_t *cand; /* the tokens split_sentences looks at: see tokenise */
    size_t ncand, capcand;
} tk;


/* Is the normalised word w[0..n) an Arabic article (al el ad ar as az an at
 * ash), alone or before a dash ("al-bukamal" as one token: its article
 * decides)? Place names may open with one written in lowercase. */
static int is_article(const char *norm, size_t n)
{
    const unsigned char *w = (const unsigned char *)norm;
    unsigned c0 = w[0], c1 = n > 1 ? w[1] : 0;
    if (c0 != 'a' && c0 != 'e')
        return 0;
    if (n > 3) /* the first dash among the first 4 bytes (not w[0]: a letter) */
        n = c1 == '-' ? 1 : w[2] == '-' ? 2 : w[3] == '-' ? 3 : n;
    if (n == 2)
        return c0 == 'e' ? c1 == 'l'
                         : (c1 == 'l' || c1 == 'd' || c1 == 'r' || c1 == 's' || c1 == 'z' || c1 == 'n' || c1 == 't');
    return n == 3 && c0 == 'a' && c1 == 's' && w[2] == 'h';
}

static int tok_push(tk *k, size_t s, size_t e, int kind, int nl, int cand, unsigned fl)
{
    sr__text *t = k->t;
    if (t->ntoks == k->cap) {
        size_t nc = k->cap ? k->cap * 2 : 256;
        sr__tok *nt = realloc(t->toks, nc * sizeof *nt);
        if (!nt)
            return SR_ENOMEM;
        t->toks = nt;
        uint8_t *nn = realloc(k->nl, nc);
        if (!nn)
            return SR_ENOMEM;
        k->nl = nn;
        if (reserve((void **)&k->cand, &k->capcand, nc, sizeof *k->cand))
            return SR_ENOMEM;
        k->cap = nc;
    }
    sr__tok *o = &t->toks[t->ntoks];
    o->s = (uint32_t)s;
    o->e = (uint32_t)e;
    o->os = t->n2o[s];
    /* end: where the next norm byte came from, unless a code point was split
     * across tokens (NFKC expansions like "½"), then the end of that code point */
    uint32_t oe = e == t->norm_len ? trim_end(t->orig, t->orig_len) : t->n2o[e];
    if (oe <= t->n2o[e - 1]) {
        int32_t cp;
        size_t at = t->n2o[e - 1];
        oe = (uint32_t)(at + dec((const unsigned char *)t->orig + at, t->orig_len - at, &cp));
    }
    o->oe = oe;
    o->kind = (uint8_t)kind;
    /* (most words start with a lowercase ASCII letter: no case flags) */
    unsigned c0 = (unsigned char)t->orig[o->os];
    /* (a capitalised ASCII word, "Haifa", is settled by its first two bytes) */
    o->flags = (uint8_t)(fl | (kind == SR_TOK_PUNCT || c0 - 'a' < 26u ? 0
                               : c0 - 'A' < 26u && o->oe - o->os >= 2 &&
                                         (unsigned)(unsigned char)t->orig[o->os + 1] - 'a' < 26u
                                   ? SR_TF_CAP
                                   : case_flags(t->orig, o->os, o->oe)));
    if (nl)
        o->flags |= SR_TF_NEWLINE;
    if (kind == SR_TOK_WORD && !(o->flags & SR_TF_CAP) && is_article(t->norm + s, e - s))
        o->flags |= SR_TF_ARTICLE;
    /* split_sentences looks only at tokens after a line break and at those
     * that may end a sentence (cand: tokenise says which), and asks for the
     * line breaks only there: they are kept per candidate, not per token */
    if (nl || cand) {
        k->nl[k->ncand] = (uint8_t)(nl > 2 ? 2 : nl);
        k->cand[k->ncand++] = (uint32_t)t->ntoks; /* (as many as toks) */
    }
    t->ntoks++;
    return 0;
}

/* Splits norm into tokens; b/nb are the line breaks found by normalise(). */
static int tokenise(tk *k, const brk *b, size_t nb)
{
    sr__text *t = k->t;
    const char *s = t->norm;
    size_t n = t->norm_len, bi = 0;
    size_t bpos = nb ? b[0].pos : SIZE_MAX; /* the next line break not yet passed */
    int nl = 0;
    for (size_t p = 0; p < n;) {
        unsigned c = (unsigned char)s[p];
        if (c == ' ') {
            if (p >= bpos) {
                while (bi < nb && b[bi].pos < p)
                    bi++;
                if (bi < nb && b[bi].pos == p)
                    nl = (int)b[bi++].nl;
                bpos = bi < nb ? b[bi].pos : SIZE_MAX;
            }
            p++;
            continue;
        }
        size_t l, q;
        /* cand: may end a sentence, for split_sentences (tok_ch's P_TERM
         * bytes as one-byte punctuation, NUL included as pbits has it, and
         * words ending with a period) */
        int kind, rc, cand = 0, cl = cls_at(s, n, p, &l);
        unsigned tf = 0; /* SR_TF_PLAIN or 0 */
        if (cl == C_NONE) {
            /* possessive 's after a word is a token of its own */
            if (c == '\'' && p > 0 && p + 1 < n && s[p + 1] == 's' && !alnum_at(s, n, p + 2) &&
                alnum_at(s, n, p - 1) && s[p - 1] != '.') {
                q = p + 2;
                kind = SR_TOK_WORD;
            } else {
                q = p + l;
                kind = SR_TOK_PUNCT;
                cand = l == 1 && (c == '.' || c == '!' || c == '?' || !c);
            }
        } else if (cl == C_ALPHA && s[p + 1] == '.' && (q = abbrev_len(s, n, p)) != 0) {
            /* (an abbreviation needs a period right after its first letter;
             * norm is NUL-terminated, so s[p + 1] is readable) */
            q += p;
            kind = SR_TOK_WORD;
            cand = s[q - 1] == '.';
        } else {
            unsigned seen = 0; /* C_ALPHA and/or C_DIGIT */
            size_t joint = 0;  /* first internal ' or - */
            unsigned one_run = SR_TF_PLAIN; /* until a second run of ASCII letters and digits */
            q = p;
            for (;;) {
                /* letters and digits; the NUL after norm stops the scan */
                for (;;) {
                    const unsigned char *w = (const unsigned char *)s + q, *w0 = w;
                    unsigned x;
#if defined(__SSE2__)
                    /* ASCII letters and digits 16 at a time while 16 bytes
                     * are readable (norm has 8 NUL bytes after its end);
                     * the byte loop finishes when the buffer's end is near */
                    while ((size_t)(w - (const unsigned char *)s) + 8 <= n) {
                        __m128i v = _mm_loadu_si128((const __m128i *)w);
                        __m128i lw = _mm_or_si128(v, _mm_set1_epi8(0x20));
                        unsigned a = (unsigned)_mm_movemask_epi8(_mm_and_si128(
                            _mm_cmpgt_epi8(lw, _mm_set1_epi8('a' - 1)), _mm_cmplt_epi8(lw, _mm_set1_epi8('z' + 1))));
                        unsigned d = (unsigned)_mm_movemask_epi8(_mm_and_si128(
                            _mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1))));
                        unsigned run = (unsigned)__builtin_ctz(~(a | d)); /* 16 when all are */
                        unsigned in = (1u << run) - 1;
                        seen |= a & in ? C_ALPHA : 0; /* (only C_ALPHA is asked) */
                        w += run;
                        if (run < 16) {
                            x = bcls[*w];
                            goto run_end;
                        }
                    }
#endif
                    while ((x = bcls[*w]) & (C_ALPHA | C_DIGIT)) {
                        seen |= x;
                        w++;
                    }
#if defined(__SSE2__)
                run_end:
#endif
                    q += (size_t)(w - w0);
                    size_t l2;
                    if (x != C_MULTI || (x = (unsigned)cls_at(s, n, q, &l2)) == C_NONE)
                        break;
                    seen |= x;
                    q += l2;
                    one_run = 0;
                }
                if (q + 1 >= n)
                    break;
                char d = s[q];
                if (d == ' ')
                    break; /* (most words end so) */
                if ((d == ',' || d == '.') && ascii_digit(s[q - 1]) && ascii_digit(s[q + 1])) {
                    q++;
                    one_run = 0;
                    continue;
                }
                if ((d == '\'' || d == '-') && alnum_at(s, n, q + 1)) {
                    if (d == '\'' && s[q + 1] == 's' && !alnum_at(s, n, q + 2))
                        break; /* possessive */
                    if (!joint)
                        joint = q;
                    q++;
                    one_run = 0;
                    continue;
                }
                break;
            }
            tf = one_run;
            if (seen & C_ALPHA) {
                kind = SR_TOK_WORD; /* (ends with a letter or digit: never a candidate) */
            } else {
                kind = SR_TOK_NUM;
                if (joint) /* "2019-04-22", "2-3": numbers and dashes apart */
                    q = joint;
            }
        }
        if ((rc = tok_push(k, p, q, kind, nl, cand, tf)) != 0)
            return rc;
        nl = 0;
        p = q;
        if (s[p] == ' ' && p < bpos) /* the usual single space, no line break in it */
            p++;
    }
    return 0;
}

/* ---- sentences ------------------------------------------------------------ */

static inline int tok_is(const sr__text *t, size_t i, const char *w)
{
    size_t n = strlen(w);
    return t->toks[i].e - t->toks[i].s == n && memcmp(t->norm + t->toks[i].s, w, n) == 0;
}

/* A word list entry with its length, so that most entries are rejected
 * without touching the text. */
typedef struct word {
    const char *s;
    size_t n;
} word;
#define W(x) {x, sizeof x - 1}

/* Lists are split by first letter (a-z), so a word meets only the entries
 * that share its first letter. */
static int tok_in(const sr__text *t, size_t i, const word *const by_first[26])
{
    const char *w = t->norm + t->toks[i].s;
    size_t n = t->toks[i].e - t->toks[i].s;
    unsigned c = (unsigned char)w[0] - 'a';
    const word *list = c < 26 ? by_first[c] : NULL;
    if (!list)
        return 0;
    for (; list->s; list++)
        if (list->n == n && list->s[0] == w[0] && memcmp(list->s, w, n) == 0)
            return 1;
    return 0;
}

/* Punctuation sets the sentence splitter asks about, as bits per byte. */
enum {
    P_TERM = 1,     /* . ! ?             ends a sentence */
    P_CLUSTER = 2,  /* . ! ? " ' ) ]     may follow a sentence end */
    P_OPEN = 4,     /* " ' ( [ { - *     may open a sentence */
    P_BULLET = 8,   /* - *               a bullet */
    P_NUMEND = 16,  /* . )               after a list number */
    P_DOT = 32,     /* .                 */
    P_NOHEAD = 64,  /* . ! ? , ; : - ( / &  a line ending so is not a headline */
};

/* The set bits of byte c (NUL is in every set, as it is for strchr). */
static inline unsigned pbits(unsigned char c)
{
    switch (c) {
    case 0: return ~0u;
    case '.': return P_TERM | P_CLUSTER | P_NUMEND | P_DOT | P_NOHEAD;
    case '!': case '?': return P_TERM | P_CLUSTER | P_NOHEAD;
    case '"': case '\'': return P_CLUSTER | P_OPEN;
    case ')': return P_CLUSTER | P_NUMEND;
    case ']': return P_CLUSTER;
    case '(': return P_OPEN | P_NOHEAD;
    case '[': case '{': return P_OPEN;
    case '-': return P_OPEN | P_BULLET | P_NOHEAD;
    case '*': return P_OPEN | P_BULLET;
    case ',': case ';': case ':': case '/': case '&': return P_NOHEAD;
    default: return 0;
    }
}

/* Is token i a one-byte punctuation token in the set(s) of bits? */
static inline int tok_ch(const sr__text *t, size_t i, unsigned bits)
{
    const sr__tok *k = &t->toks[i];
    return k->kind == SR_TOK_PUNCT && k->e - k->s == 1 && (pbits((unsigned char)t->norm[k->s]) & bits);
}

/* Words that, before a period, never end a sentence. */
static const word titles_a[] = {W("adm"), W("apr"), W("aug"), W("approx"), {NULL, 0}};
static const word titles_b[] = {W("brig"), {NULL, 0}};
static const word titles_c[] = {W("col"), W("capt"), W("cpt"), W("cpl"), W("cmdr"), W("co"), W("corp"), {NULL, 0}};
static const word titles_d[] = {W("dr"), W("dec"), W("dept"), {NULL, 0}};
static const word titles_e[] = {W("est"), {NULL, 0}};
static const word titles_f[] = {W("ft"), W("feb"), {NULL, 0}};
static const word titles_g[] = {W("gen"), W("gov"), W("gens"), {NULL, 0}};
static const word titles_h[] = {W("hon"), {NULL, 0}};
static const word titles_i[] = {W("inc"), {NULL, 0}};
static const word titles_j[] = {W("jan"), W("jun"), W("jul"), W("jr"), {NULL, 0}};
static const word titles_l[] = {W("lt"), W("ltd"), {NULL, 0}};
static const word titles_m[] = {W("mr"), W("mrs"), W("ms"), W("messrs"), W("maj"), W("mt"), W("mar"), {NULL, 0}};
static const word titles_n[] = {W("nov"), {NULL, 0}};
static const word titles_o[] = {W("oct"), {NULL, 0}};
static const word titles_p[] = {W("pvt"), W("pres"), W("prof"), {NULL, 0}};
static const word titles_r[] = {W("rep"), W("rev"), {NULL, 0}};
static const word titles_s[] = {W("sgt"), W("sen"), W("st"), W("sep"), W("sept"), W("sr"), {NULL, 0}};
static const word titles_v[] = {W("vs"), {NULL, 0}};
static const word *const titles[26] = {
    titles_a, titles_b, titles_c, titles_d, titles_e, titles_f, titles_g, titles_h, titles_i, titles_j, NULL,
    titles_l, titles_m, titles_n, titles_o, titles_p, NULL, titles_r, titles_s, NULL, NULL, titles_v, NULL,
    NULL, NULL, NULL,
};
/* After "a.m."/"p.m.", a capitalised word still belongs to the time expression. */
static const word time_words_b[] = {W("bst"), {NULL, 0}};
static const word time_words_c[] = {W("central"), W("cet"), W("cest"), {NULL, 0}};
static const word time_words_e[] = {W("eastern"), W("et"), W("est"), W("edt"), W("eat"), {NULL, 0}};
static const word time_words_f[] = {W("friday"), {NULL, 0}};
static const word time_words_g[] = {W("gmt"), {NULL, 0}};
static const word time_words_i[] = {W("ist"), {NULL, 0}};
static const word time_words_l[] = {W("local"), {NULL, 0}};
static const word time_words_m[] = {W("monday"), W("mountain"), {NULL, 0}};
static const word time_words_p[] = {W("pacific"), W("pt"), W("pst"), W("pdt"), {NULL, 0}};
static const word time_words_s[] = {W("saturday"), W("sunday"), {NULL, 0}};
static const word time_words_t[] = {W("tuesday"), W("thursday"), W("time"), {NULL, 0}};
static const word time_words_u[] = {W("utc"), {NULL, 0}};
static const word time_words_w[] = {W("wednesday"), W("wat"), {NULL, 0}};
static const word *const time_words[26] = {
    NULL, time_words_b, time_words_c, NULL, time_words_e, time_words_f, time_words_g, NULL, time_words_i,
    NULL, NULL, time_words_l, time_words_m, NULL, NULL, time_words_p, NULL, NULL, time_words_s, time_words_t,
    time_words_u, NULL, time_words_w, NULL, NULL, NULL,
};
/* Words that start a new sentence after "U.S." and similar abbreviations. */
static const word starters_a[] = {W("according"), W("a"), W("an"), {NULL, 0}};
static const word starters_b[] = {W("but"), {NULL, 0}};
static const word starters_h[] = {W("he"), W("however"), W("his"), W("her"), {NULL, 0}};
static const word starters_i[] = {W("it"), W("i"), W("in"), W("its"), {NULL, 0}};
static const word starters_m[] = {W("meanwhile"), {NULL, 0}};
static const word starters_o[] = {W("on"), {NULL, 0}};
static const word starters_s[] = {W("she"), {NULL, 0}};
static const word starters_t[] = {W("the"), W("they"), W("this"), W("these"), W("there"), W("their"), {NULL, 0}};
static const word starters_w[] = {W("we"), {NULL, 0}};
static const word *const starters[26] = {
    starters_a, starters_b, NULL, NULL, NULL, NULL, NULL, starters_h, starters_i, NULL, NULL, NULL,
    starters_m, NULL, starters_o, NULL, NULL, NULL, starters_s, starters_t, NULL, NULL, starters_w, NULL,
    NULL, NULL,
};

/* Could token i open a sentence (not a lowercase word)? */
static int opens_sentence(const sr__text *t, size_t i)
{
    const sr__tok *k = &t->toks[i];
    if (k->kind == SR_TOK_NUM)
        return 1;
    if (k->kind == SR_TOK_PUNCT)
        return tok_ch(t, i, P_OPEN) || (k->e - k->s > 1 && !memcmp(t->norm + k->s, "\xe2\x80\xa2", 3));
    int32_t c;
    dec((const unsigned char *)t->orig + k->os, k->oe - k->os, &c);
    if (c < 0x80)
        return !(c >= 'a' && c <= 'z');
    return utf8proc_category(c) != UTF8PROC_CATEGORY_LL;
}

/* Does the line starting at token i open with a bullet ("- ", "* ", "• ", "1. ")? */
static int is_bullet(const sr__text *t, size_t i)
{
    const sr__tok *k = &t->toks[i];
    int spaced = i + 1 < t->ntoks && t->toks[i + 1].s > k->e;
    if (k->kind == SR_TOK_PUNCT)
        return spaced && (tok_ch(t, i, P_BULLET) || (k->e - k->s == 3 && !memcmp(t->norm + k->s, "\xe2\x80\xa2", 3)) ||
                          (k->e - k->s == 2 && !memcmp(t->norm + k->s, "\xc2\xb7", 2)));
    if (k->kind == SR_TOK_NUM && k->e - k->s <= 3 && i + 2 < t->ntoks && t->toks[i + 1].s == k->e &&
        tok_ch(t, i + 1, P_NUMEND) && t->toks[i + 2].s > t->toks[i + 1].e)
        return 1;
    return 0;
}

/* Two sentences typed without a space between them, "the area.Three people":
 * a lowercase word of three letters or more, one period, then a capitalised
 * (not all-caps) word followed by a space. Abbreviations ("U.S.", "Mr.Smith")
 * and lowercase web names ("nation.africa") do not have that shape. */
static int run_together(const sr__text *t, size_t i, size_t nx)
{
    const sr__tok *k = t->toks;
    return nx == i + 1 && i > 0 && tok_ch(t, i, P_DOT) && k[i - 1].e == k[i].s && k[i - 1].kind == SR_TOK_WORD &&
           k[i - 1].e - k[i - 1].s >= 3 && !(k[i - 1].flags & (SR_TF_CAP | SR_TF_ALLCAPS)) &&
           k[nx].kind == SR_TOK_WORD && (k[nx].flags & SR_TF_CAP) && !(k[nx].flags & SR_TF_ALLCAPS) &&
           (nx + 1 >= t->ntoks || k[nx + 1].s > k[nx].e);
}

/* Terminal punctuation at token i: decide whether a sentence ends after the
 * cluster that starts there (periods, ?, !, closing quotes and brackets).
 * Returns the index of the next sentence's first token, or 0 for no split. */
static size_t end_after(const sr__text *t, size_t i)
{
    const sr__tok *k = t->toks;
    size_t j = i;
    while (j + 1 < t->ntoks && k[j + 1].s == k[j].e && tok_ch(t, j + 1, P_CLUSTER))
        j++;
    size_t nx = j + 1;
    if (nx >= t->ntoks || (k[nx].s == k[j].e && !run_together(t, i, nx)) || !opens_sentence(t, nx))
        return 0;
    if (k[i].kind == SR_TOK_WORD) { /* an abbreviation that holds its period */
        if (tok_is(t, i, "a.m.") || tok_is(t, i, "p.m."))
            return (k[nx].kind == SR_TOK_WORD && (k[nx].flags & SR_TF_CAP) && !(k[nx].flags & SR_TF_ALLCAPS) &&
                    !tok_in(t, nx, time_words) && !tok_in(t, nx, titles))
                       ? nx
                       : 0;
        return tok_in(t, nx, starters) ? nx : 0;
    }
    if (tok_ch(t, i, P_DOT) && i > 0 && k[i - 1].e == k[i].s && k[i - 1].kind == SR_TOK_WORD) {
        if (tok_in(t, i - 1, titles))
            return 0;
        if (tok_is(t, i - 1, "no") && k[nx].kind == SR_TOK_NUM)
            return 0;
    }
    if (tok_ch(t, i, P_DOT) && i > 0 && k[i - 1].e == k[i].s && k[i - 1].kind == SR_TOK_NUM &&
        (i == 1 || (k[i - 1].flags & SR_TF_NEWLINE)) && is_bullet(t, i - 1))
        return 0; /* "1. " opening a numbered line */
    if (tok_ch(t, i, P_DOT) && i > 0 && k[i - 1].e == k[i].s && k[i - 1].kind == SR_TOK_WORD) {
        /* single uppercase initial: "George W. Bush", "A. Smith" */
        size_t l;
        if ((k[i - 1].flags & SR_TF_CAP) && cls_at(t->norm, t->norm_len, k[i - 1].s, &l) == C_ALPHA &&
            l == k[i - 1].e - k[i - 1].s)
            return 0;
    }
    return nx;
}

static int ends_with_abbrev_period(const sr__text *t, size_t i)
{
    const sr__tok *k = &t->toks[i];
    return k->kind == SR_TOK_WORD && t->norm[k->e - 1] == '.';
}


/* Marks sentence starts in st[] and builds t->sents; cand lists, in order,
 * the tokens after a line break and those that may end a sentence (every
 * other token is a no for both questions below), nl[c] the line breaks
 * before cand[c]. */
/* The first i in [from, lim) with st[i] set, else lim; 8 bytes at a time
 * (sentences run to about 20 tokens). */
static size_t next_set(const uint8_t *st, size_t from, size_t lim)
{
    size_t i = from;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    for (; i + 8 <= lim; i += 8) {
        uint64_t w;
        memcpy(&w, st + i, 8);
        if (w)
            return i + (size_t)__builtin_ctzll(w) / 8;
    }
#endif
    while (i < lim && !st[i])
        i++;
    return i;
}

static int split_sentences(sr__text *t, const uint8_t *nl, const uint32_t *cand, size_t ncand,
                           sr__textbufs *tb)
{
    size_t n = t->ntoks;
    if (!n)
        return 0;
    uint8_t *st = tb->st;
    if (reserve((void **)&st, &tb->capst, n, 1))
        return SR_ENOMEM;
    tb->st = st;
    memset(st, 0, n);
    const sr__tok *k = t->toks;
    /* longest line, to tell hard-wrapped text from one-paragraph-per-line */
    uint32_t wmax = 0;
    size_t ls = 0;
    for (size_t c = 0; c <= ncand; c++) {
        size_t i = c < ncand ? cand[c] : n;
        if (i == n || (i > 0 && nl[c])) {
            uint32_t w = k[i - 1].oe - k[ls].os;
            if (w > wmax)
                wmax = w;
            ls = i;
        }
    }
    ls = 0;
    for (size_t c = 0; c < ncand; c++) {
        size_t i = cand[c];
        if (i > 0 && nl[c]) {
            uint32_t w = k[i - 1].oe - k[ls].os;
            if (nl[c] >= 2 || is_bullet(t, i))
                st[i] = 1;
            else if (!tok_ch(t, i - 1, P_NOHEAD) && !ends_with_abbrev_period(t, i - 1) &&
                     opens_sentence(t, i) && (wmax > 120 || (uint64_t)w * 4 < (uint64_t)wmax * 3))
                st[i] = 1; /* a headline, caption or dateline line */
            ls = i;
        }
        if (tok_ch(t, i, P_TERM) || ends_with_abbrev_period(t, i)) {
            size_t nx = end_after(t, i);
            if (nx)
                st[nx] = 1;
        }
    }
    st[0] = 1;
    /* at most one sentence per token: sents is sized for that, and filled in
     * the same pass that cuts over-long runs */
    if (reserve((void **)&t->sents, &t->capsents, n, sizeof *t->sents))
        return SR_ENOMEM;
    for (size_t i = 0; i < n;) {
        /* i starts a sentence */
        if (t->nsents) {
            t->sents[t->nsents - 1].te = (uint32_t)i;
            t->sents[t->nsents - 1].oe = t->toks[i - 1].oe;
        }
        sr__sent *s = &t->sents[t->nsents++];
        s->tb = (uint32_t)i;
        s->os = t->toks[i].os;
        t->toks[i].flags |= SR_TF_SSTART;
        /* the next start, or the token SENT_MAX_TOKS on (a cut) */
        size_t lim = n - i > SENT_MAX_TOKS ? i + SENT_MAX_TOKS : n;
        i = next_set(st, i + 1, lim);
    }
    t->sents[t->nsents - 1].te = (uint32_t)n;
    t->sents[t->nsents - 1].oe = t->toks[n - 1].oe;
    return 0;
}

/* ---- the whole pipeline ------------------------------------------------------ */

int sr__text_init(sr__text *t, const char *s, size_t n) { return sr__text_init_reuse(t, s, n, NULL); }

int sr__text_init_reuse(sr__text *t, const char *s, size_t n, sr__textbufs *tb)
{
    sr__textbufs none = {0}, *b = tb ? tb : &none;
    memset(t, 0, sizeof *t);
    t->orig = s;
    t->orig_len = n;
    /* the text owns norm, n2o, toks and sents from here; the scratch stays in b */
    t->norm = b->norm;
    t->n2o = b->n2o;
    t->capnorm = b->capnorm;
    t->toks = b->toks;
    t->captoks = b->captoks;
    t->sents = b->sents;
    t->capsents = b->capsents;
    b->norm = NULL;
    b->n2o = NULL;
    b->toks = NULL;
    b->sents = NULL;
    b->capnorm = b->capsents = 0;
    int rc = n >= NORM_MAX ? SR_ETOOBIG : 0;
    nz z;
    memset(&z, 0, sizeof z);
    z.src = s;
    z.want_brk = 1;
    z.p = t->norm;
    z.map = t->n2o;
    z.cap = t->norm ? t->capnorm : 0;
    z.b = b->brk;
    z.capb = b->capbrk;
    if (!rc)
        rc = normalise(&z, s, n);
    t->norm = z.p;
    t->n2o = z.map;
    t->capnorm = z.cap;
    t->norm_len = z.len;
    b->brk = z.b;
    b->capbrk = z.capb;
    tk k = {t, t->captoks, b->nl, b->cand, 0, b->capcand};
    if (!rc) { /* about one token per 5 bytes of prose: avoids most regrowth */
        size_t want = t->norm_len / 5 + 64;
        if (!t->toks || !k.nl || k.cap < want) {
            size_t c1 = k.cap, c2 = k.cap;
            if (reserve((void **)&t->toks, &c1, want, sizeof *t->toks) ||
                reserve((void **)&k.nl, &c2, want, 1))
                rc = SR_ENOMEM;
            else
                k.cap = want;
        }
        /* the sentence candidates: never more than the tokens */
        if (!rc && reserve((void **)&k.cand, &k.capcand, k.cap, sizeof *k.cand))
            rc = SR_ENOMEM;
    }
    if (!rc)
        rc = tokenise(&k, z.b, z.nb);
    t->captoks = k.cap;
    b->nl = k.nl;
    b->captoks = k.cap;
    b->cand = k.cand;
    b->capcand = k.capcand;
    if (!rc)
        rc = split_sentences(t, k.nl, k.cand, k.ncand, b);
    if (!tb)
        sr__textbufs_release(&none);
    if (rc) {
        sr__text_release(t);
        t->orig = s;
        t->orig_len = n;
    }
    return rc;
}

void sr__text_release(sr__text *t)
{
    free(t->norm);
    free(t->n2o);
    free(t->toks);
    free(t->sents);
    memset(t, 0, sizeof *t);
}

/* Buffers larger than this go back to malloc rather than into the cache. */
#define KEEP_BYTES ((size_t)4 << 20)

void sr__text_keep(sr__text *t, sr__textbufs *tb)
{
    if (!tb || !t->norm || !t->toks || t->capnorm * 5 > KEEP_BYTES || t->captoks * sizeof *t->toks > KEEP_BYTES ||
        t->capsents * sizeof *t->sents > KEEP_BYTES) {
        sr__text_release(t);
        if (tb) /* the scratch went with a large text: let it go too */
            sr__textbufs_release(tb);
        return;
    }
    free(tb->norm);
    free(tb->n2o);
    free(tb->toks);
    free(tb->sents);
    tb->norm = t->norm;
    tb->n2o = t->n2o;
    tb->capnorm = t->capnorm;
    tb->toks = t->toks;
    tb->sents = t->sents;
    tb->capsents = t->capsents;
    if (tb->captoks != t->captoks) { /* toks and the scratch nl come in pairs */
        free(tb->nl);
        tb->nl = NULL;
        free(tb->toks);
        tb->toks = NULL;
        tb->captoks = 0;
    }
    memset(t, 0, sizeof *t);
}

void sr__textbufs_release(sr__textbufs *tb)
{
    if (!tb)
        return;
    free(tb->norm);
    free(tb->n2o);
    free(tb->toks);
    free(tb->nl);
    free(tb->sents);
    free(tb->brk);
    free(tb->st);
    free(tb->cand);
    memset(tb, 0, sizeof *tb);
}
