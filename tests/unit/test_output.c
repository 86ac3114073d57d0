/* test_output.c — unit tests for src/output.c: JSON key order, nulls for
 * unknown values, string escaping, evidence spans, CSV columns and RFC 4180
 * quoting, GeoJSON validity (parsed back with jansson). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "internal.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const json_keys[] = {
    "doc_id", "event_id", "kind", "event_date", "date_start", "date_end", "time_precision",
    "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
    "inter2", "country", "iso3", "admin1", "admin1_acled", "admin2", "location", "latitude", "longitude",
    "geo_precision", "geonames_id", "fatalities", "fatalities_low", "fatalities_high", "source",
    "notes", "evidence",
};
#define NKEYS (sizeof json_keys / sizeof json_keys[0])

/* A fully known incident. */
static sr_event full_event(void)
{
    sr_event ev;
    memset(&ev, 0, sizeof ev);
    ev.doc_id = "doc-1";
    ev.event_id = "doc-1-1";
    ev.kind = "incident";
    strcpy(ev.event_date, "2019-04-20");
    strcpy(ev.date_start, "2019-04-20");
    strcpy(ev.date_end, "2019-04-20");
    ev.time_precision = 1;
    ev.event_type = "Violence against civilians";
    ev.sub_event_type = "Attack";
    ev.actor1 = "Unidentified Armed Group (Kenya)";
    ev.assoc_actor_1 = "";
    ev.inter1 = 3;
    ev.actor2 = "Civilians (Kenya)";
    ev.assoc_actor_2 = "";
    ev.inter2 = 7;
    ev.country = "Kenya";
    ev.iso3 = "KEN";
    ev.admin1 = "Mandera County";
    ev.admin1_acled = "Mandera";
    ev.admin2 = "";
    ev.location = "Mandera";
    ev.latitude = 3.9366;
    ev.longitude = 41.867;
    ev.geo_precision = 1;
    ev.geonames_id = 187585;
    ev.fatalities = 3;
    ev.fatalities_low = 3;
    ev.fatalities_high = 3;
    ev.source = "police";
    ev.notes = "Gunmen killed three civilians.";
    ev.ev_sentence = (sr_span){0, 30};
    ev.ev_trigger = (sr_span){7, 13};
    ev.ev_actor1 = (sr_span){0, 6};
    ev.ev_actor2 = (sr_span){20, 29};
    ev.ev_place = (sr_span){-1, -1};
    ev.ev_date = (sr_span){-1, -1};
    ev.ev_number = (sr_span){14, 19};
    ev.ev_source = (sr_span){-1, -1};
    return ev;
}

/* An event where nothing numeric is known. */
static sr_event unknown_event(void)
{
    sr_event ev = full_event();
    ev.event_id = "doc-1-2";
    ev.kind = "aggregate";
    ev.event_date[0] = ev.date_start[0] = ev.date_end[0] = 0;
    ev.time_precision = 0;
    ev.inter1 = ev.inter2 = 0;
    ev.actor2 = "";
    ev.latitude = ev.longitude = NAN;
    ev.geo_precision = 0;
    ev.geonames_id = 0;
    ev.fatalities = ev.fatalities_low = ev.fatalities_high = -1;
    ev.ev_sentence = ev.ev_trigger = ev.ev_actor1 = ev.ev_actor2 = ev.ev_number = (sr_span){-1, -1};
    return ev;
}

static json_t *to_json(const sr_event *ev)
{
    char *s = sr_event_to_json(ev);
    assert_non_null(s);
    assert_null(strchr(s, '\n'));
    json_error_t jerr;
    json_t *j = json_loads(s, 0, &jerr);
    if (!j)
        fail_msg("invalid JSON (%s): %s", jerr.text, s);
    free(s);
    return j;
}

static void test_key_order(void **state)
{
    (void)state;
    sr_event ev = full_event();
    char *s = sr_event_to_json(&ev);
    assert_non_null(s);
    /* every key appears, each after the previous one */
    const char *prev = s;
    for (size_t i = 0; i < NKEYS; i++) {
        char pat[64];
        snprintf(pat, sizeof pat, "\"%s\":", json_keys[i]);
        const char *at = strstr(prev, pat);
        if (!at)
            fail_msg("key %s missing or out of order in %s", json_keys[i], s);
        prev = at + 1;
    }
    assert_int_equal(s[0], '{');
    assert_int_equal(s[strlen(s) - 1], '}');
    json_t *j = json_loads(s, 0, NULL);
    assert_non_null(j);
    assert_int_equal(json_object_size(j), NKEYS);
    size_t i = 0;
    const char *key;
    json_t *val;
    json_object_foreach(j, key, val) { assert_string_equal(key, json_keys[i++]); }
    json_decref(j);
    free(s);
}

static void test_values(void **state)
{
    (void)state;
    sr_event ev = full_event();
    json_t *j = to_json(&ev);
    assert_string_equal(json_string_value(json_object_get(j, "kind")), "incident");
    assert_string_equal(json_string_value(json_object_get(j, "event_date")), "2019-04-20");
    assert_int_equal(json_integer_value(json_object_get(j, "inter1")), 3);
    assert_int_equal(json_integer_value(json_object_get(j, "fatalities")), 3);
    assert_int_equal(json_integer_value(json_object_get(j, "geonames_id")), 187585);
    assert_true(fabs(json_number_value(json_object_get(j, "latitude")) - 3.9366) < 1e-12);
    assert_true(fabs(json_number_value(json_object_get(j, "longitude")) - 41.867) < 1e-12);
    assert_string_equal(json_string_value(json_object_get(j, "assoc_actor_1")), "");
    json_t *evd = json_object_get(j, "evidence");
    assert_true(json_is_object(evd));
    /* only spans with start >= 0 */
    assert_int_equal(json_object_size(evd), 5);
    assert_null(json_object_get(evd, "place"));
    assert_null(json_object_get(evd, "source"));
    json_t *tr = json_object_get(evd, "trigger");
    assert_int_equal(json_array_size(tr), 2);
    assert_int_equal(json_integer_value(json_array_get(tr, 0)), 7);
    assert_int_equal(json_integer_value(json_array_get(tr, 1)), 13);
    json_decref(j);
}

static void test_nulls(void **state)
{
    (void)state;
    sr_event ev = unknown_event();
    json_t *j = to_json(&ev);
    const char *nulls[] = {"time_precision", "inter1", "inter2", "latitude", "longitude", "geo_precision",
                           "geonames_id", "fatalities", "fatalities_low", "fatalities_high"};
    for (size_t i = 0; i < sizeof nulls / sizeof nulls[0]; i++)
        if (!json_is_null(json_object_get(j, nulls[i])))
            fail_msg("%s should be null", nulls[i]);
    /* empty strings stay strings */
    assert_true(json_is_string(json_object_get(j, "event_date")));
    assert_string_equal(json_string_value(json_object_get(j, "event_date")), "");
    assert_string_equal(json_string_value(json_object_get(j, "actor2")), "");
    assert_string_equal(json_string_value(json_object_get(j, "kind")), "aggregate");
    assert_int_equal(json_object_size(json_object_get(j, "evidence")), 0);
    json_decref(j);
}

static void test_escaping(void **state)
{
    (void)state;
    sr_event ev = full_event();
    const char *notes = "He said \"they fled\"\nto Ḥamāh \\ Idlib\t— 50 km; ctl\x01 end 🙂";
    ev.notes = notes;
    ev.actor1 = "Militia (Al-\"Quote\")";
    char *s = sr_event_to_json(&ev);
    assert_non_null(s);
    assert_null(strchr(s, '\n'));
    assert_null(strchr(s, '\t'));
    assert_non_null(strstr(s, "\\\"they fled\\\"\\nto"));
    assert_non_null(strstr(s, "\\u0001"));
    assert_non_null(strstr(s, "Ḥamāh")); /* UTF-8 passes through */
    json_t *j = json_loads(s, 0, NULL);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "notes")), notes);
    assert_string_equal(json_string_value(json_object_get(j, "actor1")), "Militia (Al-\"Quote\")");
    json_decref(j);
    free(s);

    /* invalid UTF-8 never reaches the output */
    ev.notes = "bad \xff\xfe byte \xe2\x82";
    s = sr_event_to_json(&ev);
    assert_non_null(s);
    j = json_loads(s, 0, NULL);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "notes")), "bad \xEF\xBF\xBD\xEF\xBF\xBD byte \xEF\xBF\xBD\xEF\xBF\xBD");
    json_decref(j);
    free(s);
}

/* The word-at-a-time scan in the JSON string writer: every special byte at
 * every offset of the 16-byte (SSE2) and 8-byte words and of the tail, with
 * a second one after it, is escaped exactly as a byte-by-byte writer
 * would. */
static void test_escaping_offsets(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } sp[] = {
        {"\"", "\\\""},          {"\\", "\\\\"},       {"\n", "\\n"},
        {"\x01", "\\u0001"},     {"\x1f", "\\u001f"},  {"\x7f", "\\u007f"},
        {"\xc3\xa9", "\xc3\xa9"}, {"\xff", "\\ufffd"}, {"\xf0\x9f\x99\x82", "\xf0\x9f\x99\x82"},
        {"\xe2\x82", "\\ufffd\\ufffd"},
    };
    sr_event ev = full_event();
    for (size_t k = 0; k < sizeof sp / sizeof sp[0]; k++)
        for (size_t pre = 0; pre < 40; pre++)
            for (size_t post = 0; post < 36; post++) {
                /* a quote after the special, 20 bytes on when there is room */
                char in[160], want[256];
                memset(in, 'a', pre);
                strcpy(in + pre, sp[k].in);
                memset(in + pre + strlen(sp[k].in), 'b', post);
                if (post > 20)
                    in[pre + strlen(sp[k].in) + 20] = '"';
                in[pre + strlen(sp[k].in) + post] = 0;
                memset(want, 'a', pre);
                strcpy(want + pre, sp[k].out);
                size_t wl = strlen(want);
                memset(want + wl, 'b', post);
                if (post > 20) {
                    memcpy(want + wl + 20, "\\\"", 2);
                    memset(want + wl + 22, 'b', post - 21);
                    wl++;
                }
                strcpy(want + wl + post, "\",\"evidence\"");
                ev.notes = in;
                char *s = sr_event_to_json(&ev);
                assert_non_null(s);
                const char *at = strstr(s, "\"notes\":\"");
                assert_non_null(at);
                if (strncmp(at + 9, want, strlen(want)) != 0)
                    fail_msg("special %zu, %zu before, %zu after: %s", k, pre, post, at);
                free(s);
            }
}

/* Integers at every digit count (the writer counts digits by comparisons
 * up to four, then by division) and the evidence spans, every one set, in
 * the writer's key order, against snprintf. */
static void test_numbers_and_spans(void **state)
{
    (void)state;
    sr_event ev = full_event();
    long vals[40];
    size_t nv = 0;
    for (long p = 1; p <= 1000000000L; p *= 10) {
        vals[nv++] = p - 1;
        vals[nv++] = p;
        vals[nv++] = p + 7;
    }
    for (size_t i = 0; i < nv; i++) {
        ev.geonames_id = vals[i] ? vals[i] : 1;
        ev.fatalities = vals[i];
        int32_t v = (int32_t)vals[i];
        sr_span sp = {v, v + 3};
        ev.ev_sentence = ev.ev_trigger = ev.ev_actor1 = ev.ev_actor2 = sp;
        ev.ev_place = ev.ev_date = ev.ev_number = ev.ev_source = sp;
        char *s = sr_event_to_json(&ev);
        assert_non_null(s);
        char want[512];
        snprintf(want, sizeof want, "\"geonames_id\":%ld,\"fatalities\":%ld,", ev.geonames_id, vals[i]);
        if (!strstr(s, want))
            fail_msg("%ld: want %s in %s", vals[i], want, s);
        size_t k = (size_t)snprintf(want, sizeof want, "\"evidence\":{");
        static const char *const keys[] = {"sentence", "trigger", "actor1", "actor2", "place", "date", "number", "source"};
        for (size_t j = 0; j < 8; j++)
            k += (size_t)snprintf(want + k, sizeof want - k, "%s\"%s\":[%d,%d]", j ? "," : "", keys[j], v, v + 3);
        snprintf(want + k, sizeof want - k, "}}");
        if (!strstr(s, want))
            fail_msg("%ld: want %s in %s", vals[i], want, s);
        free(s);
    }
}

/* The record written straight into the buffer and the one written through
 * capped appends (a buffer whose cap is below the size bound) are the same
 * bytes, for plain, escaped, invalid and unknown values. */
static void test_direct_vs_capped(void **state)
{
    (void)state;
    static const char *const notes[] = {
        "Gunmen killed three civilians.", "He said \"they fled\"\nto \xe1\xb8\xa4" "am\xc4\x81" "h \\ Idlib\t\x01\x7f" " end",
        "bad \xff\xfe byte \xe2\x82", "",
    };
    for (int u = 0; u < 2; u++)
        for (size_t k = 0; k < sizeof notes / sizeof notes[0]; k++) {
            sr_event ev = u ? unknown_event() : full_event();
            ev.notes = notes[k];
            ev.source = NULL;
            ev.latitude = u ? NAN : -12.5;
            ev.geonames_id = u ? 0 : 1234567890123L;
            sr__buf fast, slow;
            sr__buf_init(&fast, 0);
            assert_int_equal(sr__json_members(&fast, &ev), 0);
            sr__buf_init(&slow, fast.len + 1); /* below the bound: the capped way */
            assert_int_equal(sr__json_members(&slow, &ev), 0);
            assert_int_equal(fast.len, slow.len);
            assert_memory_equal(fast.p, slow.p, fast.len);
            assert_int_equal(fast.p[fast.len], 0);
            sr__buf_release(&fast);
            sr__buf_release(&slow);
        }
}

/* Escaping as a byte-by-byte writer does it, for test_string_lengths. */
static size_t ref_escape(char *o, const unsigned char *u, size_t n)
{
    size_t k = 0;
    o[k++] = '"';
    for (size_t i = 0; i < n;) {
        unsigned c = u[i];
        size_t l = 1;
        if (c == '"' || c == '\\')
            o[k++] = '\\', o[k++] = (char)c;
        else if (c == '\n')
            o[k++] = '\\', o[k++] = 'n';
        else if (c == '\r')
            o[k++] = '\\', o[k++] = 'r';
        else if (c == '\t')
            o[k++] = '\\', o[k++] = 't';
        else if (c == '\b')
            o[k++] = '\\', o[k++] = 'b';
        else if (c == '\f')
            o[k++] = '\\', o[k++] = 'f';
        else if (c < 0x20 || c == 0x7f)
            k += (size_t)sprintf(o + k, "\\u%04x", c);
        else if (c >= 0x80 && !(l = sr__utf8_seq(u + i, n - i)))
            k += (size_t)sprintf(o + k, "\\ufffd"), l = 1;
        else
            memcpy(o + k, u + i, l), k += l;
        i += l;
    }
    o[k++] = '"';
    return k;
}

/* The plain-string fast path (overlapping loads and stores, by length
 * class: 0, 1-3, 4-7, 8-15, 16 and more): strings of every length up to 48
 * made of printable ASCII, then each class of byte that needs a look at
 * every offset, in a short field and in the notes, written directly and
 * through the capped appends, against a byte-by-byte writer. */
static void test_string_lengths(void **state)
{
    (void)state;
    static const char *const sp[] = {"\"", "\\", "\n", "\r", "\t", "\b", "\f", "\x01", "\x1f", "\x7f",
                                     "\xc3\xa9", "\xe2\x80\x99", "\xf0\x9f\x99\x82", "\xff", "\xe2\x82", "\xc3"};
    enum { NSP = sizeof sp / sizeof sp[0] };
    for (size_t n = 0; n <= 48; n++)
        for (size_t k = 0; k <= NSP; k++)
            for (size_t at = 0; at < (k < NSP ? n : 1) || (k == NSP && at == 0); at++) {
                /* printable ASCII but for '"' and '\\', shifted by the length */
                char in[96];
                size_t m = 0;
                for (size_t j = 0; j < n; j++) {
                    if (k < NSP && j == at) {
                        memcpy(in + m, sp[k], strlen(sp[k]));
                        m += strlen(sp[k]);
                        continue;
                    }
                    char c = (char)(0x20 + (j * 7 + n) % 95);
                    in[m++] = c == '"' || c == '\\' ? 'x' : c;
                }
                in[m] = 0;
                char want[700];
                size_t wl = ref_escape(want, (const unsigned char *)in, m);
                want[wl] = 0;
                sr_event ev = full_event();
                ev.location = in;
                ev.notes = in;
                sr__buf fast, slow;
                sr__buf_init(&fast, 0);
                assert_int_equal(sr__json_members(&fast, &ev), 0);
                sr__buf_init(&slow, fast.len + 1); /* the capped way */
                assert_int_equal(sr__json_members(&slow, &ev), 0);
                assert_int_equal(fast.len, slow.len);
                assert_memory_equal(fast.p, slow.p, fast.len);
                char key[720];
                snprintf(key, sizeof key, "\"location\":%s,\"latitude\"", want);
                if (!strstr(fast.p, key))
                    fail_msg("length %zu, byte class %zu at %zu: want %s in %s", n, k, at, key, fast.p);
                snprintf(key, sizeof key, "\"notes\":%s,\"evidence\"", want);
                if (!strstr(fast.p, key))
                    fail_msg("length %zu, byte class %zu at %zu: want %s in %s", n, k, at, key, fast.p);
                sr__buf_release(&fast);
                sr__buf_release(&slow);
            }
}

/* Coordinates as the writer formatted them with llround (5 decimals,
 * trailing zeros dropped), for test_coordinates. */
static void ref_coord(double v, char *out)
{
    int neg = v < 0;
    long long u = llround((neg ? -v : v) * 100000.0);
    int k = sprintf(out, "%s%lld", neg && u ? "-" : "", u / 100000);
    if (u % 100000) {
        k += sprintf(out + k, ".%05lld", u % 100000);
        while (out[k - 1] == '0')
            out[--k] = 0;
    }
}

/* The coordinate writer rounds without llround (x - trunc(x) against
 * 0.5): the same text for values on and next to every rounding boundary,
 * negative ones, zeros, large ones and a spread of ordinary ones. */
static void test_coordinates(void **state)
{
    (void)state;
    double vals[4096];
    size_t nv = 0;
    static const double fixed[] = {0.0, -0.0, 0.000004, -0.000004, 0.000005, -0.000005, 0.4999999999999999,
                                   1.0, -1.0, 179.999995, -179.999995, 999999999999.0, 123456789.123455,
                                   0.1 + 0.2, 2.675, 1e-300, -1e-300};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        vals[nv++] = fixed[i];
    for (int i = 0; i < 1000; i++) {
        double b = (i - 500) * 0.3571 + 0.000005; /* a half unit of the fifth decimal */
        vals[nv++] = b;
        vals[nv++] = nextafter(b, 1e9);
        vals[nv++] = nextafter(b, -1e9);
    }
    uint64_t x = 88172645463325252ULL;
    while (nv < sizeof vals / sizeof vals[0]) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        vals[nv++] = ((double)(x >> 11) / 9007199254740992.0 - 0.5) * 360.0;
    }
    sr_event ev = full_event();
    for (size_t i = 0; i < nv; i++) {
        ev.latitude = vals[i];
        char *s = sr_event_to_json(&ev);
        assert_non_null(s);
        char want[96], num[64];
        ref_coord(vals[i], num);
        snprintf(want, sizeof want, "\"latitude\":%s,\"longitude\"", num);
        if (!strstr(s, want))
            fail_msg("%.17g: want %s in %s", vals[i], want, s);
        free(s);
    }
}

static void test_outfmt_parse(void **state)
{
    (void)state;
    assert_int_equal(sr_outfmt_parse("jsonl"), SR_OUT_JSONL);
    assert_int_equal(sr_outfmt_parse("csv"), SR_OUT_CSV);
    assert_int_equal(sr_outfmt_parse("geojson"), SR_OUT_GEOJSON);
    assert_int_equal(sr_outfmt_parse("xml"), -1);
    assert_int_equal(sr_outfmt_parse(NULL), -1);
    assert_null(sr_writer_new(NULL, SR_OUT_CSV));
    sr_writer_free(NULL);
}

/* Writes the events with the given format into a malloc'd string. */
static char *write_all(sr_outfmt fmt, const sr_event *evs, size_t n)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    sr_writer *w = sr_writer_new(fp, fmt);
    assert_non_null(w);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(sr_writer_put(w, &evs[i]), 0);
    assert_int_equal(sr_writer_finish(w), 0);
    /* nothing may follow the end */
    assert_int_not_equal(sr_writer_put(w, &evs[0]), 0);
    sr_writer_free(w);
    fclose(fp);
    return buf;
}

static void test_jsonl_writer(void **state)
{
    (void)state;
    sr_event evs[2] = {full_event(), unknown_event()};
    char *out = write_all(SR_OUT_JSONL, evs, 2);
    assert_int_equal(out[strlen(out) - 1], '\n');
    char *nl = strchr(out, '\n');
    assert_non_null(nl);
    assert_non_null(strchr(nl + 1, '\n'));
    *nl = 0;
    json_t *a = json_loads(out, 0, NULL), *b = json_loads(nl + 1, JSON_DISABLE_EOF_CHECK, NULL);
    assert_non_null(a);
    assert_non_null(b);
    assert_string_equal(json_string_value(json_object_get(a, "event_id")), "doc-1-1");
    assert_string_equal(json_string_value(json_object_get(b, "event_id")), "doc-1-2");
    json_decref(a);
    json_decref(b);
    free(out);
}

/* Splits one RFC 4180 record starting at *p into fields (malloc'd); returns the count. */
static int csv_parse_record(const char **p, char **fields, int max)
{
    int n = 0;
    const char *s = *p;
    for (;;) {
        char tmp[4096];
        size_t k = 0;
        if (*s == '"') {
            s++;
            for (;;) {
                if (*s == '"' && s[1] == '"') {
                    tmp[k++] = '"';
                    s += 2;
                } else if (*s == '"') {
                    s++;
                    break;
                } else {
                    assert_int_not_equal(*s, 0);
                    tmp[k++] = *s++;
                }
            }
        } else {
            while (*s && *s != ',' && *s != '\n')
                tmp[k++] = *s++;
        }
        tmp[k] = 0;
        assert_true(n < max);
        fields[n++] = strdup(tmp);
        if (*s == ',') {
            s++;
            continue;
        }
        if (*s == '\n')
            s++;
        break;
    }
    *p = s;
    return n;
}

static int col_index(char **hdr, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(hdr[i], name))
            return i;
    fail_msg("column %s missing", name);
    return -1;
}

static void test_csv(void **state)
{
    (void)state;
    sr_event evs[3] = {full_event(), unknown_event(), full_event()};
    evs[0].notes = "Gunmen, \"armed\", attacked\na bus.";
    evs[2].inter1 = 7;
    evs[2].inter2 = 2;
    evs[1].inter1 = 2; /* one-sided */
    char *out = write_all(SR_OUT_CSV, evs, 3);
    assert_true(!strncmp(out, "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,", 70));
    const char *p = out;
    char *hdr[64], *row[64];
    int nh = csv_parse_record(&p, hdr, 64);
    assert_int_equal(nh, 41);
    assert_string_equal(hdr[30], "timestamp");
    assert_string_equal(hdr[31], "doc_id");
    assert_string_equal(hdr[40], "evidence");

    int nr = csv_parse_record(&p, row, 64);
    assert_int_equal(nr, nh);
    assert_string_equal(row[col_index(hdr, nh, "event_id_cnty")], "doc-1-1");
    assert_string_equal(row[col_index(hdr, nh, "year")], "2019");
    assert_string_equal(row[col_index(hdr, nh, "notes")], "Gunmen, \"armed\", attacked\na bus.");
    assert_string_equal(row[col_index(hdr, nh, "interaction")], "37");
    assert_string_equal(row[col_index(hdr, nh, "fatalities")], "3");
    assert_string_equal(row[col_index(hdr, nh, "latitude")], "3.9366");
    assert_string_equal(row[col_index(hdr, nh, "iso")], "");
    assert_string_equal(row[col_index(hdr, nh, "iso3")], "KEN");
    assert_string_equal(row[col_index(hdr, nh, "kind")], "incident");
    assert_string_equal(row[col_index(hdr, nh, "admin1")], "Mandera County");
    assert_string_equal(row[col_index(hdr, nh, "admin1_acled")], "Mandera");
    json_t *evd = json_loads(row[col_index(hdr, nh, "evidence")], 0, NULL);
    assert_non_null(evd);
    assert_int_equal(json_object_size(evd), 5);
    json_decref(evd);
    assert_non_null(strstr(out, "\"Gunmen, \"\"armed\"\", attacked\na bus.\""));
    for (int i = 0; i < nr; i++)
        free(row[i]);

    nr = csv_parse_record(&p, row, 64);
    assert_int_equal(nr, nh);
    assert_string_equal(row[col_index(hdr, nh, "interaction")], "20");
    assert_string_equal(row[col_index(hdr, nh, "fatalities")], "");
    assert_string_equal(row[col_index(hdr, nh, "latitude")], "");
    assert_string_equal(row[col_index(hdr, nh, "year")], "");
    assert_string_equal(row[col_index(hdr, nh, "evidence")], "{}");
    for (int i = 0; i < nr; i++)
        free(row[i]);

    nr = csv_parse_record(&p, row, 64);
    assert_int_equal(nr, nh);
    assert_string_equal(row[col_index(hdr, nh, "interaction")], "27");
    for (int i = 0; i < nr; i++)
        free(row[i]);
    assert_int_equal(*p, 0);
    for (int i = 0; i < nh; i++)
        free(hdr[i]);
    free(out);

    /* the header comes even with no events */
    out = write_all(SR_OUT_CSV, evs, 0);
    assert_true(!strncmp(out, "event_id_cnty,", 14));
    assert_int_equal(strchr(out, '\n')[1], 0);
    free(out);
}

static void test_geojson(void **state)
{
    (void)state;
    sr_event evs[2] = {full_event(), unknown_event()};
    evs[0].notes = "quote \" and\nnewline";
    char *out = write_all(SR_OUT_GEOJSON, evs, 2);
    json_error_t jerr;
    json_t *j = json_loads(out, 0, &jerr);
    if (!j)
        fail_msg("invalid GeoJSON (%s): %s", jerr.text, out);
    assert_string_equal(json_string_value(json_object_get(j, "type")), "FeatureCollection");
    json_t *fs = json_object_get(j, "features");
    assert_int_equal(json_array_size(fs), 2);
    json_t *f0 = json_array_get(fs, 0), *f1 = json_array_get(fs, 1);
    assert_string_equal(json_string_value(json_object_get(f0, "type")), "Feature");
    json_t *geom = json_object_get(f0, "geometry");
    assert_string_equal(json_string_value(json_object_get(geom, "type")), "Point");
    json_t *co = json_object_get(geom, "coordinates");
    assert_true(fabs(json_number_value(json_array_get(co, 0)) - 41.867) < 1e-12); /* lon first */
    assert_true(fabs(json_number_value(json_array_get(co, 1)) - 3.9366) < 1e-12);
    json_t *props = json_object_get(f0, "properties");
    assert_int_equal(json_object_size(props), NKEYS);
    assert_string_equal(json_string_value(json_object_get(props, "notes")), "quote \" and\nnewline");
    assert_true(json_is_null(json_object_get(f1, "geometry")));
    assert_true(json_is_null(json_object_get(json_object_get(f1, "properties"), "fatalities")));
    json_decref(j);
    free(out);

    out = write_all(SR_OUT_GEOJSON, evs, 0);
    j = json_loads(out, 0, &jerr);
    if (!j)
        fail_msg("empty GeoJSON invalid (%s): %s", jerr.text, out);
    assert_true(json_is_array(json_object_get(j, "features")));
    assert_int_equal(json_array_size(json_object_get(j, "features")), 0);
    json_decref(j);
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_order), cmocka_unit_test(test_values),
        cmocka_unit_test(test_nulls),     cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_escaping_offsets), cmocka_unit_test(test_numbers_and_spans),
        cmocka_unit_test(test_direct_vs_capped), cmocka_unit_test(test_string_lengths),
        cmocka_unit_test(test_coordinates),
        cmocka_unit_test(test_outfmt_parse), cmocka_unit_test(test_jsonl_writer),
        cmocka_unit_test(test_csv),       cmocka_unit_test(test_geojson),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
