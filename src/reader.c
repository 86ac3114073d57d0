/* reader.c — the input formats: plain-text reports with an optional header,
 * JSON Lines, HTML articles (main-text extraction with libxml2's HTML parser)
 * and RSS/Atom feeds (libxml2's XML parser). Each turns a buffer into sr_doc
 * records handed to a callback; bad items are reported through the diag
 * callback and skipped, the rest still arrive. */
#include "internal.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define META_MAX 1024      /* cap on a title / source / url / id, in bytes */
#define TITLE_LINE_MAX 300 /* a longer first line is body text, not a title */
#define DATE_LINE_MAX 120  /* header lines longer than this are not searched for a date */
#define HEADER_LINES 8     /* non-empty lines searched for header fields */

/* ---- shared reader state and helpers ----------------------------------- */

typedef struct rd {
    const sr_read_opts *o;
    const char *origin;
    sr_doc_cb cb;
    void *ud;
    long ndocs, nbad;
    int first_err; /* error of the first bad item, returned when nothing was delivered */
    bool text_clean; /* the text handed to deliver is valid UTF-8 without NUL, NUL-terminated */
} rd;

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void rdiag(rd *r, long line, const char *fmt, ...)
{
    if (!r->o->diag)
        return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->o->diag(r->o->diag_ud, r->origin, line, msg);
}

/* Records a bad item (reported already) and its error code. */
static void bad_item(rd *r, int err)
{
    if (!r->nbad++)
        r->first_err = err;
}

static bool is_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/* A printable excerpt of untrusted bytes for a message: at most 60 bytes, cut
 * on a UTF-8 boundary, control bytes shown as '?'. */
static void snip(char out[72], const char *s, size_t n)
{
    size_t k = n < 60 ? n : 60;
    while (k < n && k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    for (size_t i = 0; i < k; i++)
        out[i] = ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) ? '?' : s[i];
    strcpy(out + k, k < n ? "..." : "");
}

/* Metadata cleanup into out: UTF-8 repaired, whitespace and control runs
 * collapsed to one space, trimmed, capped at META_MAX bytes on a character
 * boundary. 0 or SR_ENOMEM. */
/* Non-zero when the 8 bytes of w are all printable ASCII or spaces (0x20 to
 * 0x7E); *sp gets their spaces (bit 7 of each such byte). Per byte, no
 * carries. */
static inline int meta_plain8(uint64_t w, uint64_t *sp)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u, low7 = ~high;
    uint64_t lo = w & low7, x = w ^ (0x20 * ones);
    *sp = ~(((x & low7) + low7) | x) & high;
    return (~w & (lo + 0x60 * ones) & ~(lo + ones) & high) == high; /* below 0x80, from 0x20, not 0x7F */
}

static int clean_meta(const char *s, size_t n, char out[META_MAX + 1])
{
    char *rep = NULL;
    size_t rl = 0, bad;
    if (!s)
        s = "", n = 0;
    if (n > 4 * META_MAX)
        n = 4 * META_MAX;
    if (n <= META_MAX) { /* the usual field: printable ASCII, single inner spaces: copied as it is */
        size_t i = 0;
        if (n == 0) { /* (most of a JSON Lines document's title, source and url) */
            out[0] = 0;
            return 0;
        }
        if (n >= 8 && n < 16) {
            /* the same test on two overlapping 8-byte halves (every pair of
             * neighbours lies within one of them): no space first or last,
             * no two in a row */
            uint64_t a, b, sa, sb;
            memcpy(&a, s, 8);
            memcpy(&b, s + n - 8, 8);
            if (meta_plain8(a, &sa) & meta_plain8(b, &sb) && !(sa & (sa << 8 | 0x80)) &&
                !(sb & (sb << 8)) && !(sb >> 63)) {
                memcpy(out, &a, 8);
                memcpy(out + n - 8, &b, 8);
                out[n] = 0;
                return 0;
            }
            i = n + 1; /* (not plain: past the byte loop) */
        }
#if defined(__SSE2__)
        if (n >= 16) {
            /* the same test 16 bytes at a time, the last window ending at n
             * (it may overlap the one before: a pair of spaces across the
             * two lies within it); carry: the byte before the window is a
             * space, or there is none (a space first is refused) */
            unsigned carry = 1, no = 0, sp = 0;
            for (size_t w = 0; w < n && !no; w += 16) {
                size_t at = w + 16 <= n ? w : n - 16;
                __m128i v = _mm_loadu_si128((const __m128i *)(s + at));
                sp = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
                unsigned pr = (unsigned)_mm_movemask_epi8(_mm_andnot_si128(
                    _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)), _mm_cmpgt_epi8(v, _mm_set1_epi8(' ')))); /* 0x21..0x7e */
                no = ((pr | sp) ^ 0xFFFFu) | (sp & (sp << 1)) | (at == w ? sp & carry : 0);
                carry = sp >> 15;
            }
            i = no || (sp >> 15) ? 0 : n; /* (a space last is refused too) */
        } else
#endif
        while (i < n) {
            unsigned char c = (unsigned char)s[i];
            if (c - 0x21u < 0x5eu || (c == ' ' && i > 0 && i + 1 < n && s[i - 1] != ' '))
                i++;
            else
                break;
        }
        if (i == n) {
#if defined(__SSE2__)
            if (n >= 16) { /* copied 16 bytes at a time, the last window ending at n */
                for (size_t w = 0; w + 16 < n; w += 16)
                    _mm_storeu_si128((__m128i *)(out + w), _mm_loadu_si128((const __m128i *)(s + w)));
                _mm_storeu_si128((__m128i *)(out + n - 16), _mm_loadu_si128((const __m128i *)(s + n - 16)));
            } else
#endif
                memcpy(out, s, n);
            out[n] = 0;
            return 0;
        }
    }
    /* (most other fields are short ASCII too: no repaired copy needed) */
    const char *src = s;
    size_t a = 0;
    while (a < n && (unsigned char)s[a] - 1u < 0x7fu)
        a++;
    if (a == n) {
        rl = n;
    } else {
        if (sr__utf8_repair(s, n, &rep, &rl, &bad) < 0)
            return SR_ENOMEM;
        src = rep;
    }
    size_t o = 0, i = 0;
    bool sp = false;
    while (i < rl) {
        unsigned char c = (unsigned char)src[i];
        if (is_ws(c) || c < 0x20 || c == 0x7f) {
            sp = o > 0;
            i++;
            continue;
        }
        if (c < 0x80 && o + sp + 1 <= META_MAX) { /* the usual ASCII byte */
            if (sp)
                out[o++] = ' ';
            sp = false;
            out[o++] = (char)c;
            i++;
            continue;
        }
        size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; /* valid after repair */
        if (k > rl - i)
            k = rl - i;
        if (o + sp + k > META_MAX)
            break;
        if (sp)
            out[o++] = ' ';
        sp = false;
        memcpy(out + o, src + i, k);
        o += k;
        i += k;
    }
    out[o] = 0;
    free(rep);
    return 0;
}

/* Writes YYYY-MM-DD for a date string: an ISO prefix ("2019-04-22T10:00Z")
 * or any form sr__date_find knows. Returns 0 when a date was found. */
static int date_from(const char *s, size_t n, char out[11])
{
    while (n && is_ws((unsigned char)*s))
        s++, n--;
    sr__date d;
    if (n >= 10 && isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
        isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3]) && s[4] == '-' &&
        s[7] == '-' && (n == 10 || !isdigit((unsigned char)s[10]))) {
        char tmp[11];
        memcpy(tmp, s, 10);
        tmp[10] = 0;
        if (sr__date_parse_iso(tmp, &d) == 0) {
            sr__date_fmt(d, out);
            return 0;
        }
    }
    if (n > 200)
        n = 200;
    if (n && sr__date_find(s, n, &d) == 0 && d.y >= 1000 && d.y <= 9999 && d.m >= 1 && d.m <= 12 &&
        d.d >= 1 && d.d <= 31) {
        sr__date_fmt(d, out);
        return 0;
    }
    return -1;
}

/* Hands one document to the callback: repairs UTF-8 (a warning), enforces
 * SR_MAX_DOC_BYTES (the document is skipped), fills absent fields with "". */
static int deliver(rd *r, long item, const char *id, const char *title, const char *date,
                   const char *source, const char *url, const char *text, size_t text_len)
{
    if (text_len > SR_MAX_DOC_BYTES) {
        rdiag(r, item, "document text is %zu MB, over the %zu MB cap; the document was skipped (split it)",
              text_len >> 20, SR_MAX_DOC_BYTES >> 20);
        bad_item(r, SR_ETOOBIG);
        return 0;
    }
    char *t = NULL;
    size_t tl = 0, bad = 0;
    int rep = 0;
    if (r->text_clean) /* nothing to repair: no copy */
        tl = text_len;
    else if ((rep = sr__utf8_repair(text ? text : "", text ? text_len : 0, &t, &tl, &bad)) < 0)
        return rep;
    if (rep > 0)
        rdiag(r, item, "invalid UTF-8 at byte %zu; replaced with U+FFFD", bad);
    if (tl > SR_MAX_DOC_BYTES) {
        free(t);
        rdiag(r, item, "document text is over the %zu MB cap; the document was skipped (split it)",
              SR_MAX_DOC_BYTES >> 20);
        bad_item(r, SR_ETOOBIG);
        return 0;
    }
    char f[5][META_MAX + 1]; /* the cleaned fields, on the stack: no malloc per field */
    const char *in[5] = {id, title, date, source, url};
    int rc = 0;
    for (int i = 0; i < 5 && !rc; i++)
        rc = clean_meta(in[i], in[i] ? strlen(in[i]) : 0, f[i]);
    if (!rc) {
        sr_doc d = {.id = f[0], .title = f[1], .date = f[2], .source = f[3], .url = f[4],
                    .text = r->text_clean ? text : t, .text_len = tl, .origin = r->origin, .item = item};
        r->ndocs++;
        rc = r->cb(r->ud, &d);
    }
    free(t);
    return rc;
}

static const char *default_date(const rd *r)
{
    return r->o->default_date ? r->o->default_date : "";
}

static bool is_stdin_origin(const char *origin)
{
    return !origin || !strcmp(origin, "<stdin>") || !strcmp(origin, "-");
}

/* Id of a whole-file document: the origin's basename without extension, or
 * "stdin-" and 8 hex digits of the text hash. malloc'd. */
static char *file_doc_id(const char *origin, const char *text, size_t n)
{
    if (!is_stdin_origin(origin)) {
        const char *b = strrchr(origin, '/');
        b = b ? b + 1 : origin;
        const char *dot = strrchr(b, '.');
        size_t bl = (dot && dot > b) ? (size_t)(dot - b) : strlen(b);
        if (bl)
            return sr__strndup(b, bl);
    }
    char tmp[32];
    snprintf(tmp, sizeof tmp, "stdin-%08x", (unsigned)(sr__hash64(text, n) & 0xffffffffu));
    return sr__strdup(tmp);
}

/* ---- format names and detection --------------------------------------- */

int sr_format_parse(const char *name)
{
    static const struct {
        const char *name;
        sr_format fmt;
    } names[] = {
        {"auto", SR_FMT_AUTO},   {"text", SR_FMT_TEXT}, {"txt", SR_FMT_TEXT},   {"jsonl", SR_FMT_JSONL},
        {"ndjson", SR_FMT_JSONL}, {"html", SR_FMT_HTML}, {"htm", SR_FMT_HTML},  {"rss", SR_FMT_FEED},
        {"atom", SR_FMT_FEED},   {"feed", SR_FMT_FEED}, {"xml", SR_FMT_FEED},
    };
    if (!name)
        return -1;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcasecmp(name, names[i].name))
            return (int)names[i].fmt;
    return -1;
}

/* Case-insensitive search for needle in the first n bytes of hay. */
static bool has_ci(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (!strncasecmp(hay + i, needle, k))
            return true;
    return false;
}

sr_format sr_format_detect(const char *buf, size_t len, const char *filename)
{
    if (filename && !is_stdin_origin(filename)) {
        const char *b = strrchr(filename, '/');
        b = b ? b + 1 : filename;
        const char *ext = strrchr(b, '.');
        if (ext && ext > b) {
            ext++;
            if (!strcasecmp(ext, "jsonl") || !strcasecmp(ext, "ndjson"))
                return SR_FMT_JSONL;
            if (!strcasecmp(ext, "html") || !strcasecmp(ext, "htm") || !strcasecmp(ext, "xhtml"))
                return SR_FMT_HTML;
            if (!strcasecmp(ext, "rss") || !strcasecmp(ext, "atom") || !strcasecmp(ext, "xml"))
                return SR_FMT_FEED;
            if (!strcasecmp(ext, "txt"))
                return SR_FMT_TEXT;
        }
    }
    if (!buf)
        return SR_FMT_TEXT;
    size_t i = 0;
    if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
        i = 3;
    while (i < len && is_ws((unsigned char)buf[i]))
        i++;
    if (i >= len)
        return SR_FMT_TEXT;
    if (buf[i] == '{')
        return SR_FMT_JSONL;
    if (buf[i] != '<')
        return SR_FMT_TEXT;
    const char *s = buf + i;
    size_t n = len - i < 2048 ? len - i : 2048;
    if (has_ci(s, n, "<rss") || has_ci(s, n, "<feed") || has_ci(s, n, "<rdf:rdf"))
        return SR_FMT_FEED;
    if (has_ci(s, n, "<!doctype html") || has_ci(s, n, "<html") || has_ci(s, n, "<head") ||
        has_ci(s, n, "<body"))
        return SR_FMT_HTML;
    if (n >= 5 && !strncmp(s, "<?xml", 5))
        return SR_FMT_FEED;
    return SR_FMT_TEXT;
}

/* ---- plain text -------------------------------------------------------- */

/* "Key: value" header line with one of the known keys; returns the key index
 * (0 title, 1 source, 2 url, 3 date) and the value span, or -1. */
static int header_key(const char *s, size_t n, const char **val, size_t *vlen)
{
    static const struct {
        const char *k;
        int idx;
    } keys[] = {{"title", 0},     {"headline", 0}, {"source", 1},  {"publisher", 1}, {"url", 2},
                {"link", 2},      {"date", 3},     {"published", 3}, {"dateline", 3}};
    const char *colon = memchr(s, ':', n < 16 ? n : 16);
    if (!colon)
        return -1;
    size_t kl = (size_t)(colon - s);
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (strlen(keys[i].k) == kl && !strncasecmp(s, keys[i].k, kl)) {
            const char *v = colon + 1;
            size_t vl = n - kl - 1;
            while (vl && is_ws((unsigned char)*v))
                v++, vl--;
            while (vl && is_ws((unsigned char)v[vl - 1]))
                vl--;
            *val = v;
            *vlen = vl;
            return keys[i].idx;
        }
    }
    return -1;
}

/* A plain-text report: the whole file is the text; title, date, source and
 * url come from the first non-empty lines (see docs/formats.md). */
static int read_text(rd *r, const char *buf, size_t len)
{
    char date[11] = "";
    char *title = NULL, *source = NULL, *url = NULL;
    size_t pos = 0;
    if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
        pos = 3;
    int nonempty = 0;
    long lineno = 0;
    bool title_implicit = false, title_keyed = false;
    while (pos < len && nonempty < HEADER_LINES && pos < 65536) {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - buf) : len;
        const char *s = buf + pos;
        size_t n = end - pos;
        pos = nl ? end + 1 : len;
        lineno++;
        while (n && is_ws((unsigned char)*s))
            s++, n--;
        while (n && is_ws((unsigned char)s[n - 1]))
            n--;
        if (!n)
            continue;
        nonempty++;
        const char *v = NULL;
        size_t vl = 0;
        int k = header_key(s, n, &v, &vl);
        if (k == 0 && !title_keyed) {
            free(title);
            title = sr__strndup(v, vl);
            title_keyed = true;
            continue;
        }
        if (k == 1 && !source) {
            source = sr__strndup(v, vl);
            continue;
        }
        if (k == 2 && !url) {
            url = sr__strndup(v, vl);
            continue;
        }
        if (k == 3) {
            if (date_from(v, vl, date) != 0) {
                char ex[72];
                snip(ex, v, vl);
                rdiag(r, lineno, "unrecognised date \"%s\"; write it as 2019-04-22 or 22 April 2019", ex);
            }
            continue;
        }
        if (k >= 0)
            continue;
        char d[11];
        bool dated = n <= DATE_LINE_MAX && date_from(s, n, d) == 0;
        if (!title && !title_implicit) {
            title_implicit = true;
            if (dated && n <= 40) { /* a dateline before the title */
                if (!date[0])
                    memcpy(date, d, 11);
                title_implicit = false;
                continue;
            }
            if (n <= TITLE_LINE_MAX)
                title = sr__strndup(s, n);
            continue;
        }
        if (!url && n > 8 && (!strncasecmp(s, "http://", 7) || !strncasecmp(s, "https://", 8)) &&
            !memchr(s, ' ', n)) {
            url = sr__strndup(s, n);
            continue;
        }
        if (dated && !date[0])
            memcpy(date, d, 11);
    }
    char *id = file_doc_id(r->origin, buf, len);
    int rc = id ? deliver(r, 0, id, title, date[0] ? date : default_date(r), source, url, buf, len)
                : SR_ENOMEM;
    free(id);
    free(title);
    free(source);
    free(url);
    return rc;
}

/* ---- JSON Lines -------------------------------------------------------- */

/* A string field of obj: NULL when absent or null; *bad set when present but
 * not a string. */
static const char *jstr(json_t *obj, const char *key, bool *bad)
{
    json_t *v = json_object_get(obj, key);
    *bad = false;
    if (!v || json_is_null(v))
        return NULL;
    if (!json_is_string(v)) {
        *bad = true;
        return NULL;
    }
    return json_string_value(v);
}

/* The checks on one JSON Lines document's fields, shared by both parsers;
 * a NULL text means missing or not a string. */
static int jsonl_fields(rd *r, long lineno, const char *id, bool b1, const char *title, bool b2,
                        const char *date, bool b3, const char *source, bool b4, const char *url, bool b5,
                        const char *text, size_t textlen)
{
    if (!id || b1 || !*id) {
        rdiag(r, lineno, "field \"id\" is missing or not a non-empty string; the line was skipped");
        bad_item(r, SR_EPARSE);
        return 0;
    }
    if (!text) {
        rdiag(r, lineno, "field \"text\" is missing or not a string; the line was skipped");
        bad_item(r, SR_EPARSE);
        return 0;
    }
    char dbuf[11] = "";
    if (b3 || (date && *date)) {
        sr__date d;
        if (b3 || strlen(date) != 10 || sr__date_parse_iso(date, &d) != 0) {
            char ex[72];
            snip(ex, date ? date : "(not a string)", date ? strlen(date) : 14);
            rdiag(r, lineno, "field \"date\" is \"%s\", not YYYY-MM-DD; the line was skipped", ex);
            bad_item(r, SR_EPARSE);
            return 0;
        }
        sr__date_fmt(d, dbuf);
    }
    if (b2 || b4 || b5)
        rdiag(r, lineno, "fields title, source and url must be strings; the non-string ones were ignored");
    return deliver(r, lineno, id, title, dbuf[0] ? dbuf : default_date(r), source, url, text, textlen);
}

/* Fast path for the usual JSON Lines document, a flat object of strings
 * (numbers, true/false/null allowed): decodes the six fields sitrep reads in
 * one pass, an order of magnitude cheaper than building a jansson tree.
 * Returns 1 when the line was such an object, 0 when it is anything else
 * (nested values, bad syntax), in which case the caller lets jansson parse it
 * and report the error. */
enum { F_ID, F_TITLE, F_DATE, F_SOURCE, F_URL, F_TEXT, F_N };
typedef struct flat {
    sr__buf v[F_N];
    bool set[F_N], bad[F_N];
} flat;

static const char *skip_ws(const char *p, const char *e)
{
    if (p < e && (unsigned char)*p > ' ')
        return p; /* (the usual case: no space) */
    while (p < e && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
        p++;
    return p;
}

static int hexval(const char *p)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= c - '0';
        else if (c >= 'a' && c <= 'f')
            v |= c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            v |= c - 'A' + 10;
        else
            return -1;
    }
    return v;
}

static int put_utf8(sr__buf *b, unsigned cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | cp >> 6);
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | cp >> 12);
        u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | cp >> 18);
        u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
        u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return sr__buf_add(b, u, n);
}

/* Non-zero when one of the 8 bytes of w ends a plain run in a JSON string:
 * '"', '\\' or a control character. Per byte, no carries. */
static inline uint64_t json_stop8(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u, low7 = ~high;
    uint64_t q = w ^ ('"' * ones), bs = w ^ ('\\' * ones);
    uint64_t ctl = (w & low7) + 0x60 * ones; /* high bit clear: low 7 bits < 0x20 */
    uint64_t nq = ((q & low7) + low7) | q, nb = ((bs & low7) + low7) | bs; /* high bit clear: equal */
    return ~((ctl | w) & nq & nb) & high;
}

/* Parses a JSON string at *pp (just after the opening quote) into b (NULL:
 * skip). Returns 0, or -1 on a syntax error. Sets bit 7 of *hi when a byte
 * from 0x80 up was seen (in the string or just past it), so that the line
 * is checked as UTF-8 only when it holds one (jsonl_line). */
static int flat_string(const char **pp, const char *e, sr__buf *b, unsigned *hi)
{
    const char *p = *pp;
#if defined(__SSE2__)
    __m128i acc = _mm_setzero_si128();
#endif
    uint64_t acc8 = 0;
    unsigned acc1 = 0;
    for (;;) {
        const char *q = p;
#if defined(__SSE2__)
        /* 16 bytes at a time with SSE2 first */
        while (e - q >= 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)q);
            acc = _mm_or_si128(acc, v);
            __m128i m = _mm_cmpeq_epi8(_mm_subs_epu8(v, _mm_set1_epi8(0x1F)), _mm_setzero_si128()); /* < 0x20 */
            m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
            m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
            unsigned bits = (unsigned)_mm_movemask_epi8(m);
            if (bits) {
                q += __builtin_ctz(bits);
                break;
            }
            q += 16;
        }
#endif
        uint64_t w; /* 8 bytes at a time through plain text, then byte by byte */
        while (e - q >= 8 && (memcpy(&w, q, 8), acc8 |= w, !json_stop8(w)))
            q += 8;
        while (q < e && *q != '"' && *q != '\\' && (unsigned char)*q >= 0x20)
            acc1 |= (unsigned char)*q++;
        if (b && q > p && sr__buf_add(b, p, (size_t)(q - p)))
            return -1;
        if (q >= e || (unsigned char)*q < 0x20)
            return -1;
        if (*q == '"') {
            *pp = q + 1;
#if defined(__SSE2__)
            acc1 |= (unsigned)_mm_movemask_epi8(acc) ? 0x80u : 0u;
#endif
            *hi |= (acc1 | (acc8 & 0x8080808080808080u ? 0x80u : 0u)) & 0x80u;
            return 0;
        }
        /* escape */
        if (q + 1 >= e)
            return -1;
        char c = q[1];
        const char *map = strchr("\"\\/bfnrt", c);
        if (c && map) {
            static const char out[] = "\"\\/\b\f\n\r\t";
            if (b && sr__buf_addc(b, out[map - "\"\\/bfnrt"]))
                return -1;
            p = q + 2;
            continue;
        }
        if (c != 'u' || q + 6 > e)
            return -1;
        int cp = hexval(q + 2);
        if (cp <= 0) /* \u0000 is refused, as jansson refuses it */
            return -1;
        p = q + 6;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            int lo = (p + 6 <= e && p[0] == '\\' && p[1] == 'u') ? hexval(p + 2) : -1;
            if (lo < 0xDC00 || lo > 0xDFFF)
                return -1;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            p += 6;
        } else if (cp >= 0xDC00 && cp <= 0xDFFF)
            return -1;
        if (b && put_utf8(b, (unsigned)cp))
            return -1;
    }
}

/* Sets bit 7 of *hi when a key or string holds a byte from 0x80 up or a
 * key holds a NUL; every other byte of a line it accepts is ASCII (the
 * syntax, numbers and literals), so a line parsed without it is valid
 * UTF-8 without NUL. */
static int flat_parse(const char *s, size_t n, flat *f, unsigned *hi)
{
    static const char *const names[F_N] = {"id", "title", "date", "source", "url", "text"};
    const char *p = s, *e = s + n;
    p = skip_ws(p, e);
    if (p >= e || *p++ != '{')
        return 0;
    p = skip_ws(p, e);
    if (p < e && *p == '}')
        return skip_ws(p + 1, e) == e;
    for (;;) {
        p = skip_ws(p, e);
        if (p >= e || *p++ != '"')
            return 0;
        const char *ks = p;
        unsigned kb = 0;
        while (p < e && *p != '"' && *p != '\\')
            kb |= (unsigned char)*p++ - 1u >= 0x7Fu; /* NUL, or from 0x80 */
        *hi |= kb << 7;
        if (p >= e || *p != '"')
            return 0; /* escaped key: let jansson handle it */
        size_t kl = (size_t)(p - ks);
        p++;
        int field = -1;
        for (int i = 0; i < F_N; i++)
            if (strlen(names[i]) == kl && !memcmp(names[i], ks, kl))
                field = i;
        p = skip_ws(p, e);
        if (p >= e || *p++ != ':')
            return 0;
        p = skip_ws(p, e);
        if (p >= e)
            return 0;
        if (field >= 0 && f->set[field])
            return 0; /* duplicate key: jansson's rule (last wins) applies */
        if (*p == '"') {
            p++;
            if (field >= 0) {
                f->set[field] = true;
                if (flat_string(&p, e, &f->v[field], hi) || sr__buf_add(&f->v[field], "", 0))
                    return 0;
            } else if (flat_string(&p, e, NULL, hi))
                return 0;
        } else if (*p == '{' || *p == '[') {
            return 0;
        } else {
            const char *vs = p;
            while (p < e && *p != ',' && *p != '}' && *p != ' ' && *p != '\t' && *p != '\r')
                p++;
            size_t vl = (size_t)(p - vs);
            int lit = (vl == 4 && !memcmp(vs, "null", 4)) || (vl == 4 && !memcmp(vs, "true", 4)) ||
                      (vl == 5 && !memcmp(vs, "false", 5));
            size_t nd = 0; /* (bounded: the line need not be NUL-terminated) */
            while (nd < vl && vs[nd] && strchr("+-0123456789.eE", vs[nd]))
                nd++;
            int num = vl > 0 && nd >= vl && (vs[0] == '-' || (vs[0] >= '0' && vs[0] <= '9'));
            if (!lit && !num)
                return 0;
            if (field >= 0 && !(vl == 4 && !memcmp(vs, "null", 4))) {
                f->set[field] = true;
                f->bad[field] = true;
            }
        }
        p = skip_ws(p, e);
        if (p < e && *p == ',') {
            p++;
            continue;
        }
        if (p < e && *p == '}')
            return skip_ws(p + 1, e) == e;
        return 0;
    }
}

static void flat_release(flat *f)
{
    for (int i = 0; i < F_N; i++)
        sr__buf_release(&f->v[i]);
}

/* Empties f for the next line, keeping its buffers (a read of many short
 * lines then allocates them once); a very large one is freed. */
static void flat_reset(flat *f)
{
    for (int i = 0; i < F_N; i++) {
        if (f->v[i].cap > ((size_t)4 << 20))
            sr__buf_release(&f->v[i]);
        f->v[i].len = 0;
        f->set[i] = f->bad[i] = false;
    }
}

/* Is s[0..n) valid UTF-8 without NUL, i.e. what sr__utf8_repair would copy
 * unchanged? Then a line is parsed in place, not copied. */
static bool utf8_clean(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
#if defined(__SSE2__)
        if (n - i >= 16) { /* sixteen ASCII bytes, none NUL */
            __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
            if (!_mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, _mm_setzero_si128())))) {
                i += 16;
                continue;
            }
        }
#endif
        uint64_t w;
        if (n - i >= 8 && (memcpy(&w, s + i, 8), !((w & 0x8080808080808080ULL) ||
                                                    ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL)))) {
            i += 8; /* eight ASCII bytes, none NUL */
            continue;
        }
        size_t k = sr__utf8_seq(u + i, n - i);
        if (!k || (k == 1 && u[i] == 0))
            return false;
        i += k;
    }
    return true;
}

/* One line; f is the caller's field buffers, kept from line to line. */
static int jsonl_line(rd *r, long lineno, const char *line, size_t ll, size_t off, flat *f)
{
    char *fixed = NULL;
    const char *src = line;
    size_t fl = ll, badb = 0;
    /* the flat parse first: a line it takes without a byte from 0x80 up (or
     * a NUL in a key) is ASCII and needs no UTF-8 check; any other line is
     * checked (and repaired, with its diagnostic before any other) as
     * before, and parsed again only when it was repaired */
    unsigned hi = 0;
    flat_reset(f);
    int ok = flat_parse(line, ll, f, &hi);
    if ((!ok || hi) && !utf8_clean(line, ll)) {
        int rep = sr__utf8_repair(line, ll, &fixed, &fl, &badb);
        if (rep < 0)
            return rep;
        if (rep > 0)
            rdiag(r, lineno, "invalid UTF-8 at byte %zu; replaced with U+FFFD", off + badb);
        src = fixed;
        flat_reset(f);
        ok = flat_parse(src, fl, f, &hi);
    }
    if (ok) {
        free(fixed);
        /* (the strings were decoded from valid UTF-8 and \u escapes, none NUL,
         * and end with a NUL: deliver need not repair the text) */
        r->text_clean = true;
        int frc = jsonl_fields(r, lineno, f->set[F_ID] && !f->bad[F_ID] ? f->v[F_ID].p : NULL, f->bad[F_ID],
                               f->set[F_TITLE] && !f->bad[F_TITLE] ? f->v[F_TITLE].p : NULL, f->bad[F_TITLE],
                               f->set[F_DATE] && !f->bad[F_DATE] ? f->v[F_DATE].p : NULL, f->bad[F_DATE],
                               f->set[F_SOURCE] && !f->bad[F_SOURCE] ? f->v[F_SOURCE].p : NULL, f->bad[F_SOURCE],
                               f->set[F_URL] && !f->bad[F_URL] ? f->v[F_URL].p : NULL, f->bad[F_URL],
                               f->set[F_TEXT] && !f->bad[F_TEXT] ? (f->v[F_TEXT].p ? f->v[F_TEXT].p : "") : NULL,
                               f->v[F_TEXT].len);
        r->text_clean = false;
        return frc;
    }
    json_error_t je;
    json_t *j = json_loadb(src, fl, 0, &je);
    free(fixed);
    if (!j) {
        rdiag(r, lineno, "invalid JSON: %s; the line was skipped", je.text);
        bad_item(r, SR_EPARSE);
        return 0;
    }
    int rc = 0;
    bool b1, b2, b3, b4, b5, b6;
    if (!json_is_object(j)) {
        rdiag(r, lineno, "invalid JSON: expected an object {\"id\":...,\"text\":...}; the line was skipped");
        bad_item(r, SR_EPARSE);
        goto out;
    }
    const char *id = jstr(j, "id", &b1), *title = jstr(j, "title", &b2), *date = jstr(j, "date", &b3),
               *source = jstr(j, "source", &b4), *url = jstr(j, "url", &b5);
    json_t *tj = json_object_get(j, "text");
    b6 = !tj || !json_is_string(tj);
    rc = jsonl_fields(r, lineno, id, b1, title, b2, date, b3, source, b4, url, b5,
                      b6 ? NULL : json_string_value(tj), b6 ? 0 : json_string_length(tj));
out:
    json_decref(j);
    return rc;
}

static int read_jsonl(rd *r, const char *buf, size_t len)
{
    size_t pos = 0;
    long lineno = 0;
    flat f;
    memset(&f, 0, sizeof f);
    for (int i = 0; i < F_N; i++)
        sr__buf_init(&f.v[i], SR_MAX_INPUT_BYTES);
    int rc = 0;
    while (pos < len && !rc) {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - buf) : len;
        size_t off = pos;
        const char *s = buf + pos;
        size_t n = end - pos;
        pos = nl ? end + 1 : len;
        lineno++;
        if (lineno == 1 && n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
            s += 3, n -= 3, off += 3;
        size_t k = 0;
        while (k < n && is_ws((unsigned char)s[k]))
            k++;
        if (k == n)
            continue;
        rc = jsonl_line(r, lineno, s, n, off, &f);
    }
    flat_release(&f);
    return rc;
}

/* ---- HTML text extraction (also used for feed item bodies) -------------- */

/* Text builder: collapses whitespace runs to one space, separates blocks
 * (paragraphs) by a blank line. */
typedef struct textb {
    sr__buf b;
    bool space, brk;
    int err;
} textb;

static void tb_init(textb *t, size_t max)
{
    sr__buf_init(&t->b, max);
    t->space = t->brk = false;
    t->err = 0;
}

static void tb_text(textb *t, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && !t->err) {
        unsigned char c = (unsigned char)s[i];
        if (is_ws(c)) {
            t->space = true;
            i++;
            continue;
        }
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) { /* no-break space */
            t->space = true;
            i += 2;
            continue;
        }
        size_t j = i + 1;
        while (j < n && !is_ws((unsigned char)s[j]) &&
               !((unsigned char)s[j] == 0xC2 && j + 1 < n && (unsigned char)s[j + 1] == 0xA0))
            j++;
        if (t->b.len) {
            if (t->brk)
                t->err = sr__buf_add(&t->b, "\n\n", 2);
            else if (t->space)
                t->err = sr__buf_addc(&t->b, ' ');
        }
        if (!t->err)
            t->err = sr__buf_add(&t->b, s + i, j - i);
        t->space = t->brk = false;
        i = j;
    }
}

static void tb_break(textb *t)
{
    t->brk = true;
}

static bool name_in(const xmlChar *name, const char *const *list)
{
    if (!name)
        return false;
    for (; *list; list++)
        if (!xmlStrcasecmp(name, (const xmlChar *)*list))
            return true;
    return false;
}

static const char *const drop_tags[] = {"script", "style", "nav", "header", "footer", "aside", "form",
                                        "noscript", "iframe", "svg", "head", "template", "button",
                                        "select", "textarea", "object", "embed", "canvas", "math",
                                        "title", "meta", "link", NULL};
static const char *const block_tags[] = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4",
                                         "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote",
                                         "pre", "table", "tr", "td", "th", "thead", "tbody", "tfoot",
                                         "figure", "figcaption", "hr", "br", "address", "center",
                                         "details", "summary", "caption", "body", "html", "fieldset",
                                         NULL};
static const char *const keep_tags[] = {"html", "body", "main", "article", NULL};
/* class/id words that mark boilerplate (matched as whole words of the value) */
static const char *const boiler_words[] = {
    "menu", "nav", "navbar", "navigation", "footer", "sidebar", "share", "sharing", "social", "comment",
    "comments", "cookie", "cookies", "consent", "related", "advert", "advertisement", "ad", "ads",
    "promo", "breadcrumb", "breadcrumbs", "newsletter", "subscribe", "popup", "modal", "banner",
    "masthead", "toolbar", "widget", "sponsored", NULL};

/* The first text value of an attribute, without allocating; NULL if absent. */
static const char *attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        if (a->name && !xmlStrcasecmp(a->name, (const xmlChar *)name)) {
            if (a->children && a->children->content)
                return (const char *)a->children->content;
            return "";
        }
    }
    return NULL;
}

/* True when a class/id value holds a boilerplate word (split on non-alnum). */
static bool boiler_value(const char *v)
{
    while (v && *v) {
        while (*v && !isalnum((unsigned char)*v))
            v++;
        const char *w = v;
        while (*v && isalnum((unsigned char)*v))
            v++;
        size_t wl = (size_t)(v - w);
        for (const char *const *b = boiler_words; wl && *b; b++)
            if (strlen(*b) == wl && !strncasecmp(w, *b, wl))
                return true;
    }
    return false;
}

/* Whether an element is left out of the text: non-content tags, hidden
 * elements, and boilerplate by class/id (never html/body/main/article). */
static bool dropped(const xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE)
        return n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE;
    if (name_in(n->name, drop_tags))
        return true;
    if (name_in(n->name, keep_tags))
        return false;
    const char *h = attr(n, "aria-hidden");
    if (attr(n, "hidden") || (h && !strcasecmp(h, "true")))
        return true;
    const char *st = attr(n, "style");
    if (st) {
        char c[64];
        size_t k = 0;
        for (; *st && k < sizeof c - 1; st++)
            if (!is_ws((unsigned char)*st))
                c[k++] = (char)tolower((unsigned char)*st);
        c[k] = 0;
        if (strstr(c, "display:none") || strstr(c, "visibility:hidden"))
            return true;
    }
    return boiler_value(attr(n, "class")) || boiler_value(attr(n, "id")) ||
           boiler_value(attr(n, "role"));
}

/* Iterative pre-order walk of top's subtree (libxml2 trees can be deep):
 * enter() returns whether to descend; leave() runs after the children. */
typedef bool (*enter_fn)(xmlNode *n, void *ud);
typedef void (*leave_fn)(xmlNode *n, void *ud);
static void walk(xmlNode *top, enter_fn enter, leave_fn leave, void *ud)
{
    xmlNode *n = top;
    if (!n)
        return;
    for (;;) {
        if (enter(n, ud) && n->children) {
            n = n->children;
            continue;
        }
        if (leave)
            leave(n, ud);
        for (;;) {
            if (n == top)
                return;
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
            if (!n)
                return;
            if (leave)
                leave(n, ud);
        }
    }
}

static bool is_text(const xmlNode *n) { return n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE; }

static bool ex_enter(xmlNode *n, void *ud)
{
    textb *t = ud;
    if (t->err)
        return false;
    if (is_text(n)) {
        if (n->content)
            tb_text(t, (const char *)n->content, strlen((const char *)n->content));
        return false;
    }
    if (n->type == XML_ENTITY_REF_NODE || dropped(n))
        return false;
    if (n->type == XML_ELEMENT_NODE && name_in(n->name, block_tags))
        tb_break(t);
    return true;
}

static void ex_leave(xmlNode *n, void *ud)
{
    if (n->type == XML_ELEMENT_NODE && name_in(n->name, block_tags))
        tb_break(ud);
}

/* Counts the non-space bytes of the visible text under a node. */
static bool cnt_enter(xmlNode *n, void *ud)
{
    if (is_text(n)) {
        size_t *c = ud;
        for (const xmlChar *p = n->content; p && *p; p++)
            *c += !is_ws(*p);
        return false;
    }
    return n->type == XML_ELEMENT_NODE && !dropped(n);
}

static size_t visible_len(xmlNode *n)
{
    size_t c = 0;
    walk(n, cnt_enter, NULL, &c);
    return c;
}

/* Main-content search: each <p> adds its text length to its parent's score
 * and half to its grandparent's (kept in node->_private); the best-scoring
 * element and the largest <article> are remembered. */
typedef struct mainsel {
    xmlNode *best, *article;
    uintptr_t best_score;
    size_t article_len;
} mainsel;

static void add_score(mainsel *m, xmlNode *n, uintptr_t s)
{
    if (!n || n->type != XML_ELEMENT_NODE || !s)
        return;
    uintptr_t v = (uintptr_t)n->_private + s;
    n->_private = (void *)v;
    if (v > m->best_score) {
        m->best_score = v;
        m->best = n;
    }
}

static bool sel_enter(xmlNode *n, void *ud)
{
    mainsel *m = ud;
    if (n->type != XML_ELEMENT_NODE || dropped(n))
        return false;
    if (!xmlStrcasecmp(n->name, (const xmlChar *)"p")) {
        size_t len = visible_len(n);
        add_score(m, n->parent, len);
        if (n->parent)
            add_score(m, n->parent->parent, len / 2);
        return false;
    }
    if (!xmlStrcasecmp(n->name, (const xmlChar *)"article")) {
        size_t len = visible_len(n);
        if (len > m->article_len) {
            m->article_len = len;
            m->article = n;
        }
    }
    return true;
}

static xmlNode *find_elem(xmlNode *n, const char *name)
{
    for (; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && !xmlStrcasecmp(n->name, (const xmlChar *)name))
            return n;
    }
    return NULL;
}

/* Text under root as paragraphs; whole=false picks the main content. */
static int extract_text(xmlNode *root, bool whole, size_t max, char **out, size_t *outlen)
{
    xmlNode *top = root;
    if (!whole && root) {
        xmlNode *body = find_elem(root->children, "body");
        if (body)
            top = body;
        mainsel m = {0};
        walk(top, sel_enter, NULL, &m);
        if (m.article && m.article_len * 2 >= (size_t)m.best_score)
            top = m.article;
        else if (m.best)
            top = m.best;
    }
    textb t;
    tb_init(&t, max);
    for (xmlNode *c = top ? top->children : NULL; c && !t.err; c = c->next)
        walk(c, ex_enter, ex_leave, &t);
    if (t.err) {
        sr__buf_release(&t.b);
        return t.err;
    }
    if (!t.b.p && sr__buf_add(&t.b, "", 0)) /* make it a string */
        return SR_ENOMEM;
    *out = t.b.p;
    *outlen = t.b.len;
    return 0;
}

/* A subtree's text on one line (titles): whitespace collapsed, no breaks. */
static char *inline_text(xmlNode *n)
{
    char *s = NULL;
    size_t l = 0;
    if (extract_text(n, true, 64 * META_MAX, &s, &l) != 0)
        return NULL;
    for (size_t i = 0; i < l; i++)
        if (s[i] == '\n')
            s[i] = ' ';
    return s;
}

/* Declared charset of an HTML or XML document, if any and not UTF-8: then
 * libxml2 converts it and the bytes are not checked as UTF-8 beforehand. */
static bool declares_other_charset(const char *buf, size_t len)
{
    size_t n = len < 2048 ? len : 2048;
    static const char *const keys[] = {"charset=", "encoding="};
    for (int k = 0; k < 2; k++) {
        size_t kl = strlen(keys[k]);
        for (size_t i = 0; i + kl < n; i++) {
            if (strncasecmp(buf + i, keys[k], kl))
                continue;
            size_t j = i + kl;
            while (j < n && (buf[j] == '"' || buf[j] == '\'' || buf[j] == ' '))
                j++;
            if (j + 5 <= n && !strncasecmp(buf + j, "utf-8", 5))
                return false;
            if (j + 4 <= n && !strncasecmp(buf + j, "utf8", 4))
                return false;
            if (j + 8 <= n && !strncasecmp(buf + j, "us-ascii", 8))
                return false;
            return j < n;
        }
    }
    return false;
}

/* Repairs a whole markup buffer as UTF-8 (warning with the file offset),
 * unless it declares another charset. *work is the buffer to parse; *own is
 * set when it is a malloc'd copy. */
static int repair_markup(rd *r, const char *buf, size_t len, const char **work, size_t *wlen,
                         char **own, bool *utf8)
{
    *own = NULL;
    *work = buf;
    *wlen = len;
    *utf8 = !declares_other_charset(buf, len);
    if (!*utf8)
        return 0;
    size_t ol, bad;
    int rep = sr__utf8_repair(buf, len, own, &ol, &bad);
    if (rep < 0)
        return rep;
    if (rep > 0) {
        rdiag(r, 0, "invalid UTF-8 at byte %zu; replaced with U+FFFD", bad);
        *work = *own;
        *wlen = ol;
        return 0;
    }
    free(*own);
    *own = NULL;
    return 0;
}

typedef struct htmlmeta {
    char *og_title, *title, *h1, *source, *url_canon, *url_og;
    char date[11];
    int date_rank; /* lower is better */
} htmlmeta;

static void set_once(char **dst, const char *v)
{
    if (!*dst && v && *v)
        *dst = sr__strdup(v);
}

static bool meta_enter(xmlNode *n, void *ud)
{
    htmlmeta *hm = ud;
    if (n->type != XML_ELEMENT_NODE)
        return false;
    static const char *const date_keys[] = {"article:published_time", "og:published_time", "datepublished",
                                            "date", "dc.date", "dc.date.issued", "dcterms.date",
                                            "pubdate", "publishdate", "sailthru.date", NULL};
    const char *nm = (const char *)n->name;
    if (!strcasecmp(nm, "meta")) {
        const char *key = attr(n, "property");
        if (!key)
            key = attr(n, "name");
        if (!key)
            key = attr(n, "itemprop");
        const char *content = attr(n, "content");
        if (!key || !content)
            return false;
        if (!strcasecmp(key, "og:title"))
            set_once(&hm->og_title, content);
        else if (!strcasecmp(key, "og:site_name"))
            set_once(&hm->source, content);
        else if (!strcasecmp(key, "og:url"))
            set_once(&hm->url_og, content);
        for (int i = 0; date_keys[i]; i++) {
            char d[11];
            if (!strcasecmp(key, date_keys[i]) && i < hm->date_rank &&
                date_from(content, strlen(content), d) == 0) {
                memcpy(hm->date, d, 11);
                hm->date_rank = i;
            }
        }
        return false;
    }
    if (!strcasecmp(nm, "link")) {
        const char *rel = attr(n, "rel"), *href = attr(n, "href");
        if (rel && href && !strcasecmp(rel, "canonical"))
            set_once(&hm->url_canon, href);
        return false;
    }
    if (!strcasecmp(nm, "title") && !hm->title) {
        hm->title = inline_text(n);
        return false;
    }
    if (!strcasecmp(nm, "time")) {
        const char *dt = attr(n, "datetime");
        char d[11];
        if (dt && hm->date_rank > 50 && date_from(dt, strlen(dt), d) == 0) {
            memcpy(hm->date, d, 11);
            hm->date_rank = 50;
        }
    }
    if (!strcasecmp(nm, "h1") && !hm->h1 && !dropped(n)) {
        hm->h1 = inline_text(n);
        return false;
    }
    if (!strcasecmp(nm, "script") || !strcasecmp(nm, "style"))
        return false;
    return true;
}

/* Parses HTML (recovering from any breakage) into a libxml2 document. */
static htmlDocPtr parse_html(const char *buf, size_t len, bool utf8)
{
    if (len > (size_t)INT32_MAX)
        return NULL;
    xmlInitParser();
    return htmlReadMemory(buf, (int)len, NULL, utf8 ? "UTF-8" : NULL,
                          HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                              HTML_PARSE_NONET);
}

static int read_html(rd *r, const char *buf, size_t len)
{
    const char *work;
    char *own;
    size_t wl;
    bool utf8;
    int rc = repair_markup(r, buf, len, &work, &wl, &own, &utf8);
    if (rc)
        return rc;
    htmlDocPtr doc = parse_html(work, wl, utf8);
    free(own);
    if (!doc || !xmlDocGetRootElement(doc)) {
        xmlFreeDoc(doc);
        rdiag(r, 0, "html could not be parsed into a document; skipped");
        return SR_EPARSE;
    }
    xmlNode *root = xmlDocGetRootElement(doc);
    htmlmeta hm = {.date_rank = 1000};
    walk(root, meta_enter, NULL, &hm);
    char *text = NULL;
    size_t tl = 0;
    rc = extract_text(root, false, SR_MAX_DOC_BYTES + 1, &text, &tl);
    if (rc == SR_ETOOBIG) {
        rdiag(r, 0, "article text is over the %zu MB cap; skipped", SR_MAX_DOC_BYTES >> 20);
    } else if (!rc && tl == 0) {
        rdiag(r, 0, "no article text found in the HTML; skipped");
        rc = SR_EEMPTY;
    } else if (!rc) {
        const char *title = hm.og_title ? hm.og_title : hm.title && *hm.title ? hm.title : hm.h1;
        char *id = file_doc_id(r->origin, text, tl);
        rc = id ? deliver(r, 0, id, title, hm.date[0] ? hm.date : default_date(r), hm.source,
                          hm.url_canon ? hm.url_canon : hm.url_og, text, tl)
                : SR_ENOMEM;
        free(id);
    }
    free(text);
    free(hm.og_title);
    free(hm.title);
    free(hm.h1);
    free(hm.source);
    free(hm.url_canon);
    free(hm.url_og);
    xmlFreeDoc(doc);
    return rc;
}

/* ---- RSS and Atom feeds ------------------------------------------------ */

/* Raw character data under a node (text and CDATA, entity references
 * ignored), capped; malloc'd, NULL on error. */
typedef struct rawb {
    sr__buf b;
    int err;
} rawb;

static bool raw_enter(xmlNode *n, void *ud)
{
    rawb *rb = ud;
    if (rb->err)
        return false;
    if (is_text(n) && n->content)
        rb->err = sr__buf_adds(&rb->b, (const char *)n->content);
    return n->type == XML_ELEMENT_NODE;
}

static char *raw_text(xmlNode *n, size_t max)
{
    rawb rb = {.err = 0};
    sr__buf_init(&rb.b, max);
    for (xmlNode *c = n->children; c; c = c->next)
        walk(c, raw_enter, NULL, &rb);
    if (rb.err || (!rb.b.p && sr__buf_add(&rb.b, "", 0))) {
        sr__buf_release(&rb.b);
        return NULL;
    }
    return rb.b.p;
}

static bool local_is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->name && !strcmp((const char *)n->name, name);
}

/* Text of an item body element: HTML is parsed and reduced to paragraphs,
 * XHTML children are extracted directly, plain text is whitespace-collapsed. */
static int body_text(xmlNode *n, bool atom, char **out, size_t *outlen)
{
    const char *type = attr(n, "type");
    *out = NULL;
    *outlen = 0;
    if (type && (!strcasecmp(type, "xhtml") || !strcasecmp(type, "application/xhtml+xml"))) {
        textb t;
        tb_init(&t, SR_MAX_DOC_BYTES + 1);
        for (xmlNode *c = n->children; c; c = c->next)
            walk(c, ex_enter, ex_leave, &t);
        if (t.err || (!t.b.p && sr__buf_add(&t.b, "", 0))) {
            sr__buf_release(&t.b);
            return t.err ? t.err : SR_ENOMEM;
        }
        *out = t.b.p;
        *outlen = t.b.len;
        return 0;
    }
    char *raw = raw_text(n, SR_MAX_DOC_BYTES + 1);
    if (!raw)
        return SR_ETOOBIG;
    size_t rl = strlen(raw);
    bool html = atom ? (type && (!strcasecmp(type, "html") || !strcasecmp(type, "text/html")))
                     : true;
    if (html && (memchr(raw, '<', rl) || memchr(raw, '&', rl))) {
        htmlDocPtr doc = parse_html(raw, rl, true);
        free(raw);
        int rc = 0;
        if (doc && xmlDocGetRootElement(doc))
            rc = extract_text(xmlDocGetRootElement(doc), true, SR_MAX_DOC_BYTES + 1, out, outlen);
        xmlFreeDoc(doc);
        if (!rc && !*out)
            rc = (*out = sr__strdup("")) ? 0 : SR_ENOMEM;
        return rc;
    }
    textb t;
    tb_init(&t, SR_MAX_DOC_BYTES + 1);
    tb_text(&t, raw, rl);
    free(raw);
    if (t.err || (!t.b.p && sr__buf_add(&t.b, "", 0))) {
        sr__buf_release(&t.b);
        return t.err ? t.err : SR_ENOMEM;
    }
    *out = t.b.p;
    *outlen = t.b.len;
    return 0;
}

/* An Atom link to the item itself (rel absent or "alternate"). */
static bool alt_link(const xmlNode *n)
{
    const char *rel = attr(n, "rel");
    return !rel || !strcmp(rel, "alternate");
}

static int feed_item(rd *r, xmlNode *item, long num, bool atom, const char *feed_title)
{
    static const char *const date_names[] = {"pubDate", "published", "date", "issued", "created",
                                             "updated", "modified", NULL};
    static const char *const body_names[] = {"encoded", "content", "description", "summary", NULL};
    xmlNode *title = NULL, *guid = NULL, *link = NULL, *dates[8] = {0}, *bodies[4] = {0};
    for (xmlNode *c = item->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (local_is(c, "title") && !title)
            title = c;
        else if ((local_is(c, "guid") || local_is(c, "id")) && !guid)
            guid = c;
        else if (local_is(c, "link") && (!link || (atom && !alt_link(link) && alt_link(c))))
            link = c;
        for (int i = 0; date_names[i]; i++)
            if (local_is(c, date_names[i]) && !dates[i])
                dates[i] = c;
        for (int i = 0; body_names[i]; i++)
            if (local_is(c, body_names[i]) && !bodies[i])
                bodies[i] = c;
    }
    char *title_s = title ? raw_text(title, 64 * META_MAX) : NULL;
    char *guid_s = guid ? raw_text(guid, 64 * META_MAX) : NULL;
    char *link_s = NULL;
    if (link) {
        const char *href = attr(link, "href");
        link_s = href ? sr__strdup(href) : raw_text(link, 64 * META_MAX);
    }
    char date[11] = "";
    xmlNode *bad_date = NULL;
    for (int i = 0; date_names[i] && !date[0]; i++) {
        if (!dates[i])
            continue;
        char *ds = raw_text(dates[i], 1024);
        if (ds && date_from(ds, strlen(ds), date) != 0 && !bad_date)
            bad_date = dates[i];
        free(ds);
    }
    if (!date[0] && bad_date) {
        char *ds = raw_text(bad_date, 1024);
        char ex[72];
        snip(ex, ds ? ds : "", ds ? strlen(ds) : 0);
        rdiag(r, num, "unrecognised date \"%s\" in <%s>; using the default date", ex, (const char *)bad_date->name);
        free(ds);
    }
    char *text = NULL;
    size_t tl = 0;
    int rc = 0;
    for (int i = 0; i < 4 && !rc; i++) {
        if (!bodies[i])
            continue;
        free(text);
        text = NULL;
        rc = body_text(bodies[i], atom, &text, &tl);
        if (!rc && tl)
            break;
    }
    if (rc == SR_ETOOBIG) {
        rdiag(r, num, "item text is over the %zu MB cap; the item was skipped", SR_MAX_DOC_BYTES >> 20);
        bad_item(r, rc);
        rc = 0;
        goto out;
    }
    if (rc)
        goto out;
    if (!tl && title_s) { /* a headline-only item: the headline is the text */
        free(text);
        char head[META_MAX + 1];
        text = clean_meta(title_s, strlen(title_s), head) ? NULL : sr__strndup(head, strlen(head));
        tl = text ? strlen(text) : 0;
    }
    char fallback[64];
    const char *id = guid_s && *guid_s ? guid_s : link_s && *link_s ? link_s : NULL;
    char *idbuf = NULL;
    if (!id) {
        snprintf(fallback, sizeof fallback, "#item%ld", num);
        idbuf = malloc(strlen(r->origin) + strlen(fallback) + 1);
        if (!idbuf) {
            rc = SR_ENOMEM;
            goto out;
        }
        strcpy(idbuf, r->origin);
        strcat(idbuf, fallback);
        id = idbuf;
    }
    if (!tl)
        rdiag(r, num, "item has no text (no description, content or title)");
    rc = deliver(r, num, id, title_s, date[0] ? date : default_date(r), feed_title, link_s,
                 text ? text : "", tl);
    free(idbuf);
out:
    free(text);
    free(title_s);
    free(guid_s);
    free(link_s);
    return rc;
}

/* The first XML error (the last one is often a consequence of it). */
typedef struct xmlfirst {
    char msg[256];
    int line, set;
} xmlfirst;

static void xml_first_error(void *ud, xmlErrorPtr e)
{
    xmlParserCtxtPtr ctxt = ud;
    xmlfirst *f = ctxt ? ctxt->_private : NULL;
    if (!f || f->set || !e || e->level < XML_ERR_ERROR)
        return;
    snprintf(f->msg, sizeof f->msg, "%s", e->message ? e->message : "the document is not well-formed");
    f->line = e->line;
    f->set = 1;
}

static int read_feed(rd *r, const char *buf, size_t len)
{
    const char *work;
    char *own;
    size_t wl;
    bool utf8;
    int rc = repair_markup(r, buf, len, &work, &wl, &own, &utf8);
    if (rc)
        return rc;
    if (wl > (size_t)INT32_MAX) {
        free(own);
        return SR_ETOOBIG;
    }
    xmlInitParser();
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        free(own);
        return SR_ENOMEM;
    }
    xmlfirst first = {.set = 0};
    ctxt->_private = &first;
    if (ctxt->sax)
        ctxt->sax->serror = xml_first_error;
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, work, (int)wl, NULL, NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    free(own);
    if (!doc) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        if (!first.set) {
            snprintf(first.msg, sizeof first.msg, "%s",
                     e && e->message ? e->message : "the document is not well-formed");
            first.line = e ? e->line : 0;
        }
        size_t ml = strlen(first.msg);
        while (ml && (first.msg[ml - 1] == '\n' || first.msg[ml - 1] == ' '))
            first.msg[--ml] = 0;
        xmlFreeParserCtxt(ctxt);
        rdiag(r, 0, "not an XML feed: %s at line %d", first.msg, first.line);
        return SR_EPARSE;
    }
    xmlFreeParserCtxt(ctxt);
    xmlNode *root = xmlDocGetRootElement(doc);
    bool atom = root && local_is(root, "feed");
    xmlNode *channel = NULL;
    if (root && local_is(root, "rss"))
        channel = find_elem(root->children, "channel");
    else if (root && local_is(root, "RDF"))
        channel = find_elem(root->children, "channel");
    else if (atom)
        channel = root;
    if (!root || (!atom && !local_is(root, "rss") && !local_is(root, "RDF"))) {
        rdiag(r, 0, "not an XML feed: the root element is <%s>, expected <rss>, <feed> or <rdf:RDF> at line %d",
              root ? (const char *)root->name : "", root ? root->line : 0);
        xmlFreeDoc(doc);
        return SR_EPARSE;
    }
    char *feed_title = NULL;
    xmlNode *ft = channel ? find_elem(channel->children, "title") : NULL;
    if (ft)
        feed_title = raw_text(ft, 64 * META_MAX);
    const char *item_name = atom ? "entry" : "item";
    long num = 0;
    rc = 0;
    /* RSS 2.0 items live in <channel>, RSS 1.0 items beside it */
    xmlNode *parents[2] = {channel, channel == root ? NULL : root};
    for (int p = 0; p < 2 && !rc; p++) {
        for (xmlNode *c = parents[p] ? parents[p]->children : NULL; c && !rc; c = c->next) {
            if (!local_is(c, item_name))
                continue;
            rc = feed_item(r, c, ++num, atom, feed_title);
        }
    }
    if (!rc && num == 0) {
        rdiag(r, 0, "feed holds no <%s>: no document", item_name);
        rc = SR_EEMPTY;
    }
    free(feed_title);
    xmlFreeDoc(doc);
    return rc;
}

/* ---- entry points ------------------------------------------------------ */

/* Binary data: a NUL byte or more than 30% control bytes in the first 8 KB. */
static bool looks_binary(const char *buf, size_t len)
{
    size_t m = len < 8192 ? len : 8192, ctl = 0;
    for (size_t i = 0; i < m; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (c == 0)
            return true;
        if ((c < 0x20 && !is_ws(c)) || c == 0x7f)
            ctl++;
    }
    return m && ctl * 10 > m * 3;
}

int sr_read_buffer(const char *buf, size_t len, const char *origin, const sr_read_opts *opts,
                   sr_doc_cb cb, void *ud)
{
    static const sr_read_opts none = {0};
    if ((!buf && len) || !cb)
        return SR_EINVAL;
    if (!buf)
        buf = "";
    rd r = {.o = opts ? opts : &none, .origin = origin ? origin : "<stdin>", .cb = cb, .ud = ud};
    if (len > SR_MAX_INPUT_BYTES) {
        rdiag(&r, 0, "input is over the %zu MB cap; split it into smaller files", SR_MAX_INPUT_BYTES >> 20);
        return SR_ETOOBIG;
    }
    if (looks_binary(buf, len)) {
        if (len >= 2 && (!memcmp(buf, "\xFF\xFE", 2) || !memcmp(buf, "\xFE\xFF", 2)))
            rdiag(&r, 0, "binary file, not a text document; skipped (it looks like UTF-16: convert it "
                         "with iconv -f UTF-16 -t UTF-8)");
        else
            rdiag(&r, 0, "binary file, not a text document; skipped");
        return SR_EPARSE;
    }
    size_t i = (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) ? 3 : 0;
    while (i < len && is_ws((unsigned char)buf[i]))
        i++;
    if (i == len) {
        rdiag(&r, 0, "empty input: no document");
        return SR_EEMPTY;
    }
    sr_format fmt = r.o->format;
    if (fmt == SR_FMT_AUTO)
        fmt = sr_format_detect(buf, len, r.origin);
    int rc;
    switch (fmt) {
    case SR_FMT_TEXT: rc = read_text(&r, buf, len); break;
    case SR_FMT_JSONL: rc = read_jsonl(&r, buf, len); break;
    case SR_FMT_HTML: rc = read_html(&r, buf, len); break;
    case SR_FMT_FEED: rc = read_feed(&r, buf, len); break;
    default: return SR_EINVAL;
    }
    if (!rc && r.ndocs == 0 && r.nbad > 0)
        rc = r.first_err;
    return rc;
}

int sr_read_file(const char *path, const sr_read_opts *opts, sr_doc_cb cb, void *ud)
{
    if (!path || !cb)
        return SR_EINVAL;
    const char *origin = strcmp(path, "-") ? path : "<stdin>";
    char *data = NULL;
    size_t n = 0;
    errno = 0;
    int rc = sr__read_all(path, SR_MAX_INPUT_BYTES, &data, &n);
    int e = errno;
    if (rc) {
        if (opts && opts->diag) {
            char msg[256];
            if (rc == SR_ETOOBIG)
                snprintf(msg, sizeof msg, "file is over the %zu MB input cap; split it into smaller files",
                         SR_MAX_INPUT_BYTES >> 20);
            else if (rc == SR_ENOTFOUND)
                snprintf(msg, sizeof msg, "no such file; check the path");
            else if (rc == SR_ENOMEM)
                snprintf(msg, sizeof msg, "out of memory while reading the file");
            else
                snprintf(msg, sizeof msg, "cannot read the file: %s", e ? strerror(e) : "i/o error");
            opts->diag(opts->diag_ud, origin, 0, msg);
        }
        return rc;
    }
    rc = sr_read_buffer(data, n, origin, opts, cb, ud);
    free(data);
    return rc;
}
