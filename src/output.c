/* output.c — writes coded events as JSON Lines, CSV (ACLED's columns first, then
 * sitrep's own) or a GeoJSON FeatureCollection. The JSON is produced by hand so
 * that the key order, the nulls for unknown values and the number formatting
 * are fixed exactly as docs/output.md describes. */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define OUT_MAX_RECORD ((size_t)512 << 20) /* cap on one serialised event */

int sr_outfmt_parse(const char *name)
{
    if (!name)
        return -1;
    if (!strcmp(name, "jsonl") || !strcmp(name, "json"))
        return SR_OUT_JSONL;
    if (!strcmp(name, "csv"))
        return SR_OUT_CSV;
    if (!strcmp(name, "geojson"))
        return SR_OUT_GEOJSON;
    return -1;
}

/* Non-zero when one of the 8 bytes of w needs a look in a JSON string: a
 * control character, '"', '\\', DEL or a non-ASCII byte. Per byte, no carries. */
static inline uint64_t json_special8(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u, low7 = ~high;
    uint64_t lo = w & low7;
    uint64_t q = (w ^ ('"' * ones)) & low7, bs = (w ^ ('\\' * ones)) & low7;
    uint64_t ctl = ~(lo + 0x60 * ones);    /* low 7 bits < 0x20 */
    uint64_t del = lo + ones;              /* low 7 bits == 0x7f */
    uint64_t eq = ~((q + low7) & (bs + low7)); /* low 7 bits == '"' or '\\' */
    return (w | ctl | del | eq) & high;
}

/* Offset of the first byte flagged (high bit set) in m, which is not 0;
 * the 8 bytes were loaded with memcpy, so the first byte is the lowest on
 * a little-endian machine. */
static inline size_t first_flagged(uint64_t m)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return (size_t)__builtin_clzll(m) / 8;
#else
    return (size_t)__builtin_ctzll(m) / 8;
#endif
}

/* The bytes json_special8 flags, one at a time. */
static const uint8_t jspecial[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

#if defined(__SSE2__)
/* The bytes of v that json_special8 would flag, as a 16-bit mask. */
static inline unsigned json_special16(__m128i v)
{
    /* signed: below 0x20 and every byte from 0x80 on */
    __m128i m = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));
    m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
    m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
    m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
    return (unsigned)_mm_movemask_epi8(m);
}
#endif

/* Index of the first byte of u[i, n) that needs a look (n if none): 16 or 8
 * bytes at a time, the last few through the table. */
static inline size_t next_special(const unsigned char *u, size_t i, size_t n)
{
#if defined(__SSE2__)
    while (i + 16 <= n) {
        unsigned m = json_special16(_mm_loadu_si128((const __m128i *)(u + i)));
        if (m)
            return i + (size_t)__builtin_ctz(m);
        i += 16;
    }
#endif
    uint64_t w;
    while (i + 8 <= n) {
        memcpy(&w, u + i, 8);
        uint64_t m = json_special8(w);
        if (m)
            return i + first_flagged(m);
        i += 8;
    }
    while (i < n && !jspecial[u[i]])
        i++;
    return i;
}

/* Appends s as a JSON string: quotes, backslashes and control characters are
 * escaped; invalid UTF-8 bytes become U+FFFD so the output is always valid.
 * The next byte that needs a look is found 8 bytes at a time (the last few
 * bytes through a table), and plain runs are copied in one
 * append: this writes every note of every event. */
static int json_str(sr__buf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)u);
    size_t run = 0, i = 0;
    {
        /* most strings need no escape: find the first byte that needs a
         * look, and when there is none and the buffer has room, write the
         * quoted string at once */
        i = next_special(u, 0, n);
        if (i >= n && n + 2 < b->cap - b->len && b->len + n + 2 <= b->max) {
            char *o = b->p + b->len;
            o[0] = '"';
            memcpy(o + 1, u, n);
            o[n + 1] = '"';
            b->len += n + 2;
            b->p[b->len] = 0;
            return 0;
        }
    }
    int rc = sr__buf_addc(b, '"');
    while (!rc && i < n) {
        i = next_special(u, i, n);
        if (i >= n)
            break;
        unsigned c = u[i];
        const char *esc = NULL;
        char ubuf[7];
        size_t k = 1;
        if (c == '"')
            esc = "\\\"";
        else if (c == '\\')
            esc = "\\\\";
        else if (c == '\n')
            esc = "\\n";
        else if (c == '\r')
            esc = "\\r";
        else if (c == '\t')
            esc = "\\t";
        else if (c == '\b')
            esc = "\\b";
        else if (c == '\f')
            esc = "\\f";
        else if (c < 0x20 || c == 0x7f) {
            memcpy(ubuf, "\\u00", 4);
            ubuf[4] = hex[c >> 4];
            ubuf[5] = hex[c & 15];
            ubuf[6] = 0;
            esc = ubuf;
        } else if (c >= 0x80) {
            k = sr__utf8_seq(u + i, n - i);
            if (!k) {
                esc = "\\ufffd";
                k = 1;
            }
        }
        if (esc) {
            rc = sr__buf_add(b, u + run, i - run);
            if (!rc)
                rc = sr__buf_adds(b, esc);
            run = i + k;
        }
        i += k;
    }
    if (!rc)
        rc = sr__buf_add(b, u + run, n - run);
    if (!rc)
        rc = sr__buf_addc(b, '"');
    return rc;
}

/* The two digits of 0-99. */
static const char digits2[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

static size_t put_long(char *out, long v);

/* A coordinate with 5 decimals (about a metre), trailing zeros dropped,
 * written without printf since it runs for every event. */
static size_t fmt_double(double v, char out[32])
{
    if (!(v > -1e12 && v < 1e12)) { /* out of the fast path's range */
        int r = snprintf(out, 32, "%.5f", v);
        return r < 0 ? 0 : r > 31 ? 31 : (size_t)r;
    }
    int neg = v < 0;
    /* rounded half away from zero, as llround does: x - trunc(x) is exact
     * for x below 2^53, so the test against 0.5 is too */
    double x = (neg ? -v : v) * 100000.0;
    unsigned long long u = (unsigned long long)x;
    u += x - (double)u >= 0.5;
    size_t k = 0;
    if (neg && u != 0)
        out[k++] = '-';
    k += put_long(out + k, (long)(u / 100000));
    unsigned fp = (unsigned)(u % 100000);
    if (fp) {
        /* the five decimals, then the trailing zeros taken back */
        unsigned r = fp % 10000;
        out[k] = '.';
        out[k + 1] = (char)('0' + fp / 10000);
        memcpy(out + k + 2, digits2 + 2 * (r / 100), 2);
        memcpy(out + k + 4, digits2 + 2 * (r % 100), 2);
        k += 6;
        while (out[k - 1] == '0')
            k--;
    }
    out[k] = 0;
    return k;
}

static int json_double(sr__buf *b, double v)
{
    if (!isfinite(v))
        return sr__buf_adds(b, "null");
    char tmp[32];
    fmt_double(v, tmp);
    return sr__buf_adds(b, tmp);
}

/* Writes the decimal digits of v (at most 20 bytes, no NUL); returns the count. */
static size_t put_long(char *out, long v)
{
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    size_t len = v < 0, nd;
    /* most numbers written are offsets and counts of a few digits */
    if (u < 10)
        nd = 1;
    else if (u < 100)
        nd = 2;
    else if (u < 1000)
        nd = 3;
    else if (u < 10000)
        nd = 4;
    else {
        nd = 5;
        for (unsigned long x = u / 100000; x; x /= 10)
            nd++;
    }
    if (v < 0)
        out[0] = '-';
    len += nd;
    /* written from the end, two digits per division, straight into out */
    char *o = out + len;
    while (u >= 100) {
        unsigned long r = u % 100;
        u /= 100;
        o -= 2;
        o[0] = digits2[2 * r];
        o[1] = digits2[2 * r + 1];
    }
    if (u >= 10) {
        o[-2] = digits2[2 * u];
        o[-1] = digits2[2 * u + 1];
    } else {
        o[-1] = (char)('0' + u);
    }
    return len;
}

/* put_long for the evidence offsets, inlined: below 10,000 (every offset
 * of a text of that size) by table, two digits at a time. */
static inline size_t put_offset(char *out, int32_t v)
{
    uint32_t u = (uint32_t)v;
    if (v < 0 || u >= 10000)
        return put_long(out, v);
    if (u < 100) {
        if (u < 10) {
            out[0] = (char)('0' + u);
            return 1;
        }
        memcpy(out, digits2 + 2 * u, 2);
        return 2;
    }
    if (u < 1000) {
        out[0] = (char)('0' + u / 100);
        memcpy(out + 1, digits2 + 2 * (u % 100), 2);
        return 3;
    }
    memcpy(out, digits2 + 2 * (u / 100), 2);
    memcpy(out + 2, digits2 + 2 * (u % 100), 2);
    return 4;
}

/* Decimal digits of v without printf (hot path). */
static int add_long(sr__buf *b, long v)
{
    char tmp[24];
    return sr__buf_add(b, tmp, put_long(tmp, v));
}

/* An integer field, null when it equals the "unknown" value or is below it. */
static int json_int(sr__buf *b, long v, long unknown_at_or_below)
{
    if (v <= unknown_at_or_below)
        return sr__buf_adds(b, "null");
    return add_long(b, v);
}

/* The evidence object written at o (at most EVIDENCE_MAX bytes); returns
 * its end. */
#define EVIDENCE_MAX (8 * 48 + 2)
static char *evidence_raw(char *o, const sr_event *ev);

/* The evidence object: only spans with start >= 0, in a fixed order. */
int sr__evidence_json(sr__buf *b, const sr_event *ev)
{
    /* built in a local buffer and appended once: it is written for every event */
    char tmp[EVIDENCE_MAX];
    return sr__buf_add(b, tmp, (size_t)(evidence_raw(tmp, ev) - tmp));
}

static char *evidence_raw(char *o, const sr_event *ev)
{
    /* the keys quoted, with the colon and the bracket, each padded to 16
     * bytes so that it is copied in one move (the bytes past its length are
     * overwritten next; o has room: EVIDENCE_MAX) */
#define KEYS(nm) "\"" nm "\":["
    static const char keys[8][16] = {KEYS("sentence"), KEYS("trigger"), KEYS("actor1"), KEYS("actor2"),
                                     KEYS("place"),    KEYS("date"),    KEYS("number"), KEYS("source")};
    static const uint8_t klen[8] = {sizeof KEYS("sentence") - 1, sizeof KEYS("trigger") - 1,
                                    sizeof KEYS("actor1") - 1,   sizeof KEYS("actor2") - 1,
                                    sizeof KEYS("place") - 1,    sizeof KEYS("date") - 1,
                                    sizeof KEYS("number") - 1,   sizeof KEYS("source") - 1};
#undef KEYS
    const sr_span spans[8] = {ev->ev_sentence, ev->ev_trigger, ev->ev_actor1, ev->ev_actor2,
                              ev->ev_place,    ev->ev_date,    ev->ev_number, ev->ev_source};
    char *tmp = o;
    size_t k = 0;
    tmp[k++] = '{';
    for (size_t i = 0; i < 8; i++) {
        if (spans[i].start < 0)
            continue;
        if (k > 1)
            tmp[k++] = ',';
        memcpy(tmp + k, keys[i], 16);
        k += klen[i];
        k += put_offset(tmp + k, spans[i].start);
        tmp[k++] = ',';
        k += put_offset(tmp + k, spans[i].end);
        tmp[k++] = ']';
    }
    tmp[k++] = '}';
    return tmp + k;
}

/* json_str's escaping of u[0..n) written at o, which has room for 6 * n + 2
 * bytes; returns the end. The way for strings that hold a byte to look at
 * (json_str_raw takes the others). */
__attribute__((noinline)) static char *json_str_esc(char *o, const unsigned char *u, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t i = 0, run = 0;
    *o++ = '"';
#if defined(__SSE2__)
    /* plain text is copied as it is scanned, 16 bytes at a time (o has room
     * for them); the copy stops at the first byte that needs a look */
    while (i + 16 <= n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(u + i));
        unsigned m = json_special16(v);
        _mm_storeu_si128((__m128i *)o, v);
        if (m) {
            unsigned k = (unsigned)__builtin_ctz(m);
            o += k;
            i += k;
            break;
        }
        o += 16;
        i += 16;
    }
    run = i;
#endif
    i = next_special(u, i, n);
    while (i < n) {
        unsigned c = u[i];
        size_t k = 1;
        const char *esc = NULL;
        char e2[2] = {'\\', 0};
        if (c == '"' || c == '\\')
            e2[1] = (char)c;
        else if (c == '\n')
            e2[1] = 'n';
        else if (c == '\r')
            e2[1] = 'r';
        else if (c == '\t')
            e2[1] = 't';
        else if (c == '\b')
            e2[1] = 'b';
        else if (c == '\f')
            e2[1] = 'f';
        else if (c < 0x20 || c == 0x7f)
            esc = "";
        else if (c >= 0x80) {
            k = sr__utf8_seq(u + i, n - i);
            if (!k) {
                esc = "\\ufffd";
                k = 1;
            }
        }
        if (e2[1] || esc) {
            memcpy(o, u + run, i - run);
            o += i - run;
            if (e2[1]) {
                memcpy(o, e2, 2);
                o += 2;
            } else if (*esc) {
                memcpy(o, esc, 6);
                o += 6;
            } else {
                memcpy(o, "\\u00", 4);
                o[4] = hex[c >> 4];
                o[5] = hex[c & 15];
                o += 6;
            }
            run = i + k;
        }
        i = next_special(u, i + k, n);
    }
    memcpy(o, u + run, n - run);
    o += n - run;
    *o++ = '"';
    return o;
}


/* Bytes of u[0..n) flagged by json_special8, for 1 <= n < 16: two
 * overlapping 8-byte or 4-byte loads cover the string (never a byte past
 * its end), fewer than 4 bytes go one by one; 0 when all are plain. */
static inline uint64_t short_special(const unsigned char *u, size_t n)
{
    uint64_t a, b;
    if (n >= 8) {
        memcpy(&a, u, 8);
        memcpy(&b, u + n - 8, 8);
        return json_special8(a) | json_special8(b);
    }
    if (n >= 4) {
        uint32_t x, y;
        memcpy(&x, u, 4);
        memcpy(&y, u + n - 4, 4);
        return json_special8((uint64_t)x | (uint64_t)y << 32);
    }
    return jspecial[u[0]] | jspecial[u[n >> 1]] | jspecial[u[n - 1]];
}

/* json_str's escaping of u[0..n) written at o, which has room for 6 * n + 2
 * bytes; returns the end. Most strings need no escape: they are checked and
 * copied whole, 16 bytes at a time with a last window that overlaps the one
 * before it (or, when shorter, as two overlapping halves), so no byte loop
 * and no memcpy call; a string with a byte to look at goes to json_str_esc. */
static inline char *json_str_raw(char *o, const unsigned char *u, size_t n)
{
    if (n >= 16) {
#if defined(__SSE2__)
        size_t i = 0;
        for (; i + 16 < n; i += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(u + i));
            if (json_special16(v))
                return json_str_esc(o, u, n);
            _mm_storeu_si128((__m128i *)(o + 1 + i), v);
        }
        __m128i v = _mm_loadu_si128((const __m128i *)(u + n - 16));
        if (json_special16(v))
            return json_str_esc(o, u, n);
        _mm_storeu_si128((__m128i *)(o + 1 + n - 16), v);
        o[0] = '"';
        o[n + 1] = '"';
        return o + n + 2;
#else
        return json_str_esc(o, u, n);
#endif
    }
    if (n && short_special(u, n))
        return json_str_esc(o, u, n);
    o[0] = '"';
    if (n >= 8) {
        uint64_t a, b;
        memcpy(&a, u, 8);
        memcpy(&b, u + n - 8, 8);
        memcpy(o + 1, &a, 8);
        memcpy(o + 1 + n - 8, &b, 8);
    } else if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, u, 4);
        memcpy(&b, u + n - 4, 4);
        memcpy(o + 1, &a, 4);
        memcpy(o + 1 + n - 4, &b, 4);
    } else if (n) {
        o[1] = (char)u[0];
        o[1 + (n >> 1)] = (char)u[n >> 1];
        o[n] = (char)u[n - 1];
    }
    o[n + 1] = '"';
    return o + n + 2;
}

static int json_members_slow(sr__buf *b, const sr_event *ev);

/* Room for everything json_members writes besides its strings: the keys
 * (about 400 bytes), 9 numbers, 2 coordinates and the evidence. */
#define JSON_FIXED 2048

/* Appends the members of the event object (without braces), in contract
 * order. The strings' lengths give a bound on the record (6 bytes per byte
 * at worst), so the buffer is grown once and every field is written straight
 * into it; a record whose bound passes the buffer's cap goes the slow way. */
static int json_members(sr__buf *b, const sr_event *ev)
{
    const char *sv[] = {
        ev->doc_id, ev->event_id, ev->kind, ev->event_date, ev->date_start, ev->date_end,
        ev->event_type, ev->sub_event_type, ev->actor1, ev->assoc_actor_1, ev->actor2, ev->assoc_actor_2,
        ev->country, ev->iso3, ev->admin1, ev->admin1_acled, ev->admin2, ev->location, ev->source, ev->notes,
    };
    enum { NS = sizeof sv / sizeof sv[0] };
    size_t sl[NS], need = JSON_FIXED;
    for (size_t i = 0; i < NS; i++) {
        if (!sv[i])
            sv[i] = "";
        sl[i] = strlen(sv[i]);
        need += 6 * sl[i] + 2;
    }
    if (b->len > b->max || need >= b->max - b->len)
        return json_members_slow(b, ev);
    if (sr__buf_reserve(b, need))
        return SR_ENOMEM;
    char *o = b->p + b->len;
#define KEY(lit) (memcpy(o, lit, sizeof lit - 1), o += sizeof lit - 1)
#define S(lit, i) (KEY(lit), o = json_str_raw(o, (const unsigned char *)sv[i], sl[i]))
#define I(lit, val, unk) (KEY(lit), (val) <= (unk) ? (memcpy(o, "null", 4), o += 4) : (o += put_long(o, val)))
#define D(lit, val) (KEY(lit), isfinite(val) ? (o += fmt_double(val, o)) : (memcpy(o, "null", 4), o += 4))
    S("\"doc_id\":", 0);
    S(",\"event_id\":", 1);
    S(",\"kind\":", 2);
    S(",\"event_date\":", 3);
    S(",\"date_start\":", 4);
    S(",\"date_end\":", 5);
    I(",\"time_precision\":", ev->time_precision, 0);
    S(",\"event_type\":", 6);
    S(",\"sub_event_type\":", 7);
    S(",\"actor1\":", 8);
    S(",\"assoc_actor_1\":", 9);
    I(",\"inter1\":", ev->inter1, 0);
    S(",\"actor2\":", 10);
    S(",\"assoc_actor_2\":", 11);
    I(",\"inter2\":", ev->inter2, 0);
    S(",\"country\":", 12);
    S(",\"iso3\":", 13);
    S(",\"admin1\":", 14);
    S(",\"admin1_acled\":", 15);
    S(",\"admin2\":", 16);
    S(",\"location\":", 17);
    D(",\"latitude\":", ev->latitude);
    D(",\"longitude\":", ev->longitude);
    I(",\"geo_precision\":", ev->geo_precision, 0);
    I(",\"geonames_id\":", ev->geonames_id, 0);
    I(",\"fatalities\":", ev->fatalities, -1);
    I(",\"fatalities_low\":", ev->fatalities_low, -1);
    I(",\"fatalities_high\":", ev->fatalities_high, -1);
    S(",\"source\":", 18);
    S(",\"notes\":", 19);
    KEY(",\"evidence\":");
    o = evidence_raw(o, ev);
#undef KEY
#undef S
#undef I
#undef D
    b->len = (size_t)(o - b->p);
    b->p[b->len] = 0;
    return 0;
}

int sr__json_members(sr__buf *b, const sr_event *ev) { return json_members(b, ev); }

/* json_members through the capped appends, for records near the cap. */
static int json_members_slow(sr__buf *b, const sr_event *ev)
{
    int rc = 0;
/* keys are literals: write the comma, quotes and colon in one append */
#define KEY(name) (name[0] == 'd' && !strcmp(name, "doc_id") ? sr__buf_add(b, "\"" name "\":", sizeof(name) + 2) \
                                                                : sr__buf_add(b, ",\"" name "\":", sizeof(name) + 3))
#define S(name, val) \
    if (!rc) rc = KEY(name); \
    if (!rc) rc = json_str(b, val)
#define I(name, val, unk) \
    if (!rc) rc = KEY(name); \
    if (!rc) rc = json_int(b, val, unk)
#define D(name, val) \
    if (!rc) rc = KEY(name); \
    if (!rc) rc = json_double(b, val)
    S("doc_id", ev->doc_id);
    S("event_id", ev->event_id);
    S("kind", ev->kind);
    S("event_date", ev->event_date);
    S("date_start", ev->date_start);
    S("date_end", ev->date_end);
    I("time_precision", ev->time_precision, 0);
    S("event_type", ev->event_type);
    S("sub_event_type", ev->sub_event_type);
    S("actor1", ev->actor1);
    S("assoc_actor_1", ev->assoc_actor_1);
    I("inter1", ev->inter1, 0);
    S("actor2", ev->actor2);
    S("assoc_actor_2", ev->assoc_actor_2);
    I("inter2", ev->inter2, 0);
    S("country", ev->country);
    S("iso3", ev->iso3);
    S("admin1", ev->admin1);
    S("admin1_acled", ev->admin1_acled ? ev->admin1_acled : "");
    S("admin2", ev->admin2);
    S("location", ev->location);
    D("latitude", ev->latitude);
    D("longitude", ev->longitude);
    I("geo_precision", ev->geo_precision, 0);
    I("geonames_id", ev->geonames_id, 0);
    I("fatalities", ev->fatalities, -1);
    I("fatalities_low", ev->fatalities_low, -1);
    I("fatalities_high", ev->fatalities_high, -1);
    S("source", ev->source);
    S("notes", ev->notes);
#undef S
#undef I
#undef D
    if (!rc)
        rc = KEY("evidence");
#undef KEY
    if (!rc)
        rc = sr__evidence_json(b, ev);
    return rc;
}

char *sr_event_to_json(const sr_event *ev)
{
    if (!ev)
        return NULL;
    sr__buf b;
    sr__buf_init(&b, OUT_MAX_RECORD);
    int rc = sr__buf_addc(&b, '{');
    if (!rc)
        rc = json_members(&b, ev);
    if (!rc)
        rc = sr__buf_addc(&b, '}');
    if (rc) {
        sr__buf_release(&b);
        return NULL;
    }
    return b.p;
}

/* ---- CSV -------------------------------------------------------------- */

static const char *const csv_cols[] = {
    /* ACLED's export columns, in ACLED's order */
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
    /* sitrep's own */
    "doc_id", "kind", "date_start", "date_end", "fatalities_low", "fatalities_high", "iso3",
    "geonames_id", "admin1_acled", "evidence",
};
enum { CSV_NCOLS = sizeof csv_cols / sizeof csv_cols[0] };

/* Appends one CSV field with RFC 4180 quoting (only when needed). */
static int csv_field(sr__buf *b, const char *s, int first)
{
    int rc = first ? 0 : sr__buf_addc(b, ',');
    s = s ? s : "";
    if (rc)
        return rc;
    if (!strpbrk(s, ",\"\r\n"))
        return sr__buf_adds(b, s);
    rc = sr__buf_addc(b, '"');
    for (const char *p = s; !rc && *p; p++)
        rc = *p == '"' ? sr__buf_add(b, "\"\"", 2) : sr__buf_addc(b, *p);
    if (!rc)
        rc = sr__buf_addc(b, '"');
    return rc;
}

static void csv_int(char out[32], long v, long unknown_at_or_below)
{
    if (v <= unknown_at_or_below)
        out[0] = 0;
    else
        snprintf(out, 32, "%ld", v);
}

/* ACLED's interaction code: the two actor-type digits, low then high; a
 * one-sided event is inter1 * 10; empty when inter1 is unknown. */
static void csv_interaction(char out[32], int i1, int i2)
{
    out[0] = 0;
    if (i1 <= 0)
        return;
    if (i2 <= 0)
        snprintf(out, 32, "%d", i1 * 10);
    else
        snprintf(out, 32, "%d", i1 < i2 ? i1 * 10 + i2 : i2 * 10 + i1);
}

static int csv_row(sr__buf *b, const sr_event *ev)
{
    char year[5] = "", tp[32], in1[32], in2[32], inter[32], lat[32] = "", lon[32] = "", gp[32], fat[32],
         flo[32], fhi[32], gid[32];
    if (strlen(ev->event_date) >= 4) {
        memcpy(year, ev->event_date, 4);
        year[4] = 0;
    }
    csv_int(tp, ev->time_precision, 0);
    csv_int(in1, ev->inter1, 0);
    csv_int(in2, ev->inter2, 0);
    csv_interaction(inter, ev->inter1, ev->inter2);
    if (isfinite(ev->latitude) && isfinite(ev->longitude)) {
        fmt_double(ev->latitude, lat);
        fmt_double(ev->longitude, lon);
    }
    csv_int(gp, ev->geo_precision, 0);
    csv_int(fat, ev->fatalities, -1);
    csv_int(flo, ev->fatalities_low, -1);
    csv_int(fhi, ev->fatalities_high, -1);
    csv_int(gid, ev->geonames_id, 0);
    sr__buf evid;
    sr__buf_init(&evid, 4096);
    int rc = sr__evidence_json(&evid, ev);
    const char *vals[CSV_NCOLS] = {
        ev->event_id, ev->event_date, year, tp, "", ev->event_type, ev->sub_event_type, ev->actor1,
        ev->assoc_actor_1, in1, ev->actor2, ev->assoc_actor_2, in2, inter, "", "", "", ev->country,
        ev->admin1, ev->admin2, "", ev->location, lat, lon, gp, ev->source, "", ev->notes, fat, "", "",
        ev->doc_id, ev->kind, ev->date_start, ev->date_end, flo, fhi, ev->iso3, gid,
        ev->admin1_acled ? ev->admin1_acled : "", evid.p,
    };
    for (size_t i = 0; !rc && i < CSV_NCOLS; i++)
        rc = csv_field(b, vals[i], i == 0);
    if (!rc)
        rc = sr__buf_addc(b, '\n');
    sr__buf_release(&evid);
    return rc;
}

/* ---- writers ---------------------------------------------------------- */

struct sr_writer {
    FILE *fp;
    sr_outfmt fmt;
    int started;  /* header / opening bracket written */
    int finished; /* sr_writer_finish called */
    long count;
    sr__buf rec;  /* one record, reused from event to event */
};

sr_writer *sr_writer_new(FILE *fp, sr_outfmt fmt)
{
    if (!fp || (fmt != SR_OUT_JSONL && fmt != SR_OUT_CSV && fmt != SR_OUT_GEOJSON))
        return NULL;
    sr_writer *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->fp = fp;
    w->fmt = fmt;
    return w;
}

static int emit(sr_writer *w, const sr__buf *b)
{
    if (b->len && fwrite(b->p, 1, b->len, w->fp) != b->len)
        return SR_EIO;
    return 0;
}

/* Writes the CSV header or the GeoJSON opening once. */
static int start(sr_writer *w)
{
    if (w->started)
        return 0;
    w->started = 1;
    sr__buf b;
    sr__buf_init(&b, 1 << 16);
    int rc = 0;
    if (w->fmt == SR_OUT_CSV) {
        for (size_t i = 0; !rc && i < CSV_NCOLS; i++)
            rc = csv_field(&b, csv_cols[i], i == 0);
        if (!rc)
            rc = sr__buf_addc(&b, '\n');
    } else if (w->fmt == SR_OUT_GEOJSON) {
        rc = sr__buf_adds(&b, "{\"type\":\"FeatureCollection\",\"features\":[");
    }
    if (!rc)
        rc = emit(w, &b);
    sr__buf_release(&b);
    return rc;
}

int sr_writer_put(sr_writer *w, const sr_event *ev)
{
    if (!w || !ev || w->finished)
        return SR_EINVAL;
    int rc = start(w);
    if (rc)
        return rc;
    sr__buf *bp = &w->rec;
    if (!bp->max)
        sr__buf_init(bp, OUT_MAX_RECORD);
    bp->len = 0;
#define b (*bp)
    switch (w->fmt) {
    case SR_OUT_JSONL:
        rc = sr__buf_addc(&b, '{');
        if (!rc)
            rc = json_members(&b, ev);
        if (!rc)
            rc = sr__buf_adds(&b, "}\n");
        break;
    case SR_OUT_CSV:
        rc = csv_row(&b, ev);
        break;
    case SR_OUT_GEOJSON:
        rc = sr__buf_adds(&b, w->count ? ",\n{\"type\":\"Feature\",\"geometry\":" : "\n{\"type\":\"Feature\",\"geometry\":");
        if (!rc) {
            if (isfinite(ev->latitude) && isfinite(ev->longitude)) {
                rc = sr__buf_adds(&b, "{\"type\":\"Point\",\"coordinates\":[");
                if (!rc)
                    rc = json_double(&b, ev->longitude);
                if (!rc)
                    rc = sr__buf_addc(&b, ',');
                if (!rc)
                    rc = json_double(&b, ev->latitude);
                if (!rc)
                    rc = sr__buf_adds(&b, "]}");
            } else {
                rc = sr__buf_adds(&b, "null");
            }
        }
        if (!rc)
            rc = sr__buf_adds(&b, ",\"properties\":{");
        if (!rc)
            rc = json_members(&b, ev);
        if (!rc)
            rc = sr__buf_adds(&b, "}}");
        break;
    }
    if (!rc)
        rc = emit(w, &b);
#undef b
    if (!rc)
        w->count++;
    return rc;
}

int sr_writer_finish(sr_writer *w)
{
    if (!w || w->finished)
        return SR_EINVAL;
    int rc = start(w);
    w->finished = 1;
    if (!rc && w->fmt == SR_OUT_GEOJSON && fputs(w->count ? "\n]}\n" : "]}\n", w->fp) == EOF)
        rc = SR_EIO;
    if (!rc && fflush(w->fp) != 0)
        rc = SR_EIO;
    return rc;
}

void sr_writer_free(sr_writer *w)
{
    if (!w)
        return;
    sr__buf_release(&w->rec);
    free(w);
}
