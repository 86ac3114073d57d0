/* test_code.c — the coder through the public API: fields, evidence spans that
 * point at the right words, voice, negation, aggregates, merging within a
 * document, and both matching engines giving the same events. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sr_ctx *ctx;

static int setup(void **state)
{
    (void)state;
    char err[1024];
    ctx = sr_ctx_new(NULL, SR_ENGINE_AUTO, err, sizeof err);
    if (!ctx)
        fprintf(stderr, "%s\n", err);
    return ctx ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    sr_ctx_free(ctx);
    return 0;
}

static sr_events *code(const char *text, const char *date)
{
    sr_doc d = {.id = "t", .title = "", .date = date, .source = "", .url = "", .text = text,
                .text_len = strlen(text), .origin = "test"};
    sr_events *evs = NULL;
    assert_int_equal(sr_code(ctx, &d, &evs), 0);
    assert_non_null(evs);
    return evs;
}

static void assert_span(const char *text, sr_span sp, const char *want)
{
    assert_true(sp.start >= 0);
    char got[256];
    snprintf(got, sizeof got, "%.*s", (int)(sp.end - sp.start), text + sp.start);
    assert_string_equal(got, want);
}

static void test_active_voice_and_evidence(void **state)
{
    (void)state;
    const char *t = "Gunmen killed three civilians in Mandera, Kenya, on Saturday.";
    sr_events *evs = code(t, "2020-05-04");
    assert_int_equal(sr_events_count(evs), 1);
    const sr_event *e = sr_events_get(evs, 0);
    assert_string_equal(e->kind, "incident");
    assert_string_equal(e->event_type, "Violence against civilians");
    assert_string_equal(e->sub_event_type, "Attack");
    assert_string_equal(e->actor1, "Unidentified Armed Group (Kenya)");
    assert_string_equal(e->actor2, "Civilians (Kenya)");
    assert_int_equal(e->inter2, 7);
    assert_int_equal(e->fatalities, 3);
    assert_string_equal(e->event_date, "2020-05-02");
    assert_int_equal(e->time_precision, 1);
    assert_string_equal(e->country, "Kenya");
    assert_span(t, e->ev_trigger, "killed");
    assert_span(t, e->ev_actor1, "Gunmen");
    assert_span(t, e->ev_number, "three");
    assert_span(t, e->ev_date, "on Saturday");
    assert_span(t, e->ev_place, "Mandera");
    assert_false(isnan(e->latitude));
    sr_events_free(evs);
}

static void test_passive_voice(void **state)
{
    (void)state;
    const char *t = "At least 12 soldiers were killed by al-Shabaab militants near Lamu, Kenya.";
    sr_events *evs = code(t, "2020-05-04");
    assert_int_equal(sr_events_count(evs), 1);
    const sr_event *e = sr_events_get(evs, 0);
    assert_string_equal(e->sub_event_type, "Armed clash");
    assert_non_null(strstr(e->actor1, "Shabaab"));
    assert_non_null(strstr(e->actor2, "Military Forces of Kenya"));
    assert_int_equal(e->fatalities, 12);
    assert_int_equal(e->fatalities_low, 12);
    assert_int_equal(e->fatalities_high, -1);
    sr_events_free(evs);
}

static void test_negation_and_modality(void **state)
{
    (void)state;
    sr_events *evs = code("The Taliban denied killing the two officers in Kabul, Afghanistan.", "2020-05-04");
    assert_int_equal(sr_events_count(evs), 0);
    sr_events_free(evs);
    evs = code("Al-Shabaab threatened to attack police stations in Garissa, Kenya.", "2020-05-04");
    assert_int_equal(sr_events_count(evs), 0);
    sr_events_free(evs);
    evs = code("Analysts warned that the militants would attack again in Syria.", "2020-05-04");
    assert_int_equal(sr_events_count(evs), 0);
    sr_events_free(evs);
}

static void test_no_casualties(void **state)
{
    (void)state;
    sr_events *evs = code("A roadside bomb exploded near a police patrol in Mandera, Kenya, on Friday; no "
                          "casualties were reported.",
                          "2020-05-04");
    assert_int_equal(sr_events_count(evs), 1);
    const sr_event *e = sr_events_get(evs, 0);
    assert_string_equal(e->sub_event_type, "Remote explosive/landmine/IED");
    assert_int_equal(e->fatalities, 0);
    sr_events_free(evs);
}

static void test_aggregate_and_merge(void **state)
{
    (void)state;
    const char *t = "IS has killed 40 Syrian soldiers over the past month in the Badia desert.\n\n"
                    "At least 40 regime soldiers have been killed by IS in Syria over the past month, "
                    "according to SOHR.";
    sr_events *evs = code(t, "2019-04-22");
    assert_int_equal(sr_events_count(evs), 1);
    const sr_event *e = sr_events_get(evs, 0);
    assert_string_equal(e->kind, "aggregate");
    assert_string_equal(e->date_start, "2019-03-22");
    assert_string_equal(e->date_end, "2019-04-22");
    assert_int_equal(e->fatalities, 40);
    assert_int_equal(e->fatalities_low, 40);
    assert_string_equal(e->source, "Syrian Observatory for Human Rights");
    assert_non_null(strstr(e->location, "Badia"));
    sr_events_free(evs);
}

static void test_engines_agree(void **state)
{
    (void)state;
    char *buf;
    size_t len;
    assert_int_equal(sr__read_all("../shared/data/samples/is-syria-2019-04-22.txt", 1 << 20, &buf, &len), 0);
    char err[256];
    sr_ctx *p = sr_ctx_new(NULL, SR_ENGINE_PORTABLE, err, sizeof err);
    assert_non_null(p);
    assert_string_equal(sr_ctx_engine(p), "portable");
    sr_doc d = {.id = "seed", .title = "", .date = "2019-04-22", .source = "", .url = "", .text = buf,
                .text_len = len, .origin = "seed"};
    sr_events *a = NULL, *b = NULL;
    assert_int_equal(sr_code(ctx, &d, &a), 0);
    assert_int_equal(sr_code(p, &d, &b), 0);
    assert_int_equal(sr_events_count(a), sr_events_count(b));
    assert_true(sr_events_count(a) >= 4);
    for (size_t i = 0; i < sr_events_count(a); i++) {
        const sr_event *x = sr_events_get(a, i), *y = sr_events_get(b, i);
        assert_string_equal(x->sub_event_type, y->sub_event_type);
        assert_string_equal(x->actor1, y->actor1);
        assert_int_equal(x->fatalities, y->fatalities);
        assert_int_equal(x->ev_trigger.start, y->ev_trigger.start);
    }
    sr_events_free(a);
    sr_events_free(b);
    sr_ctx_free(p);
    free(buf);
}

/* Spelling keys are looked up once per context and then remembered
 * (code.c key_lookup): coded again in the same context, between other
 * documents with other keys, a document gets the same place, and a key
 * whose place lies in another district is still not taken. */
static void test_spelling_key_memo(void **state)
{
    (void)state;
    static const struct {
        const char *text, *location, *admin1;
    } docs[] = {
        {"Police dispersed traders who blocked the main bazaar in Mirpurkhas city (Mirpurkhas, Sindh) on Monday.",
         "Mirpur Khas", "Sindh"},
        {"Garment workers blocked the highway in Sreepur upazila (Gazipur, Dhaka) on Tuesday over unpaid wages.",
         "Gazipur", NULL},
        {"Houthi forces shelled farms in Tuhayat district (Al Hudaydah) on Saturday, wounding two farmers.", NULL,
         "Al Hudaydah"},
    };
    for (int round = 0; round < 3; round++)
        for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
            sr_events *evs = code(docs[i].text, "2021-03-10");
            assert_true(sr_events_count(evs) >= 1);
            const sr_event *e = sr_events_get(evs, 0);
            if (docs[i].location)
                assert_string_equal(e->location, docs[i].location);
            if (docs[i].admin1)
                assert_string_equal(e->admin1_acled, docs[i].admin1);
            sr_events_free(evs);
        }
}

/* Codes each text in a fresh context (its line goes to want[i]) and then
 * all of them one after another in one context, where each must give the
 * same line; put writes an event's part of a line. */
static void fresh_and_shared(const char *const *texts, size_t n, char (*want)[256],
                             void (*put)(char *out, size_t cap, const sr_event *e))
{
    char got[256], err[256];
    for (int fresh = 1; fresh >= 0; fresh--) {
        sr_ctx *one = sr_ctx_new(NULL, SR_ENGINE_AUTO, err, sizeof err);
        assert_non_null(one);
        for (size_t i = 0; i < n; i++) {
            sr_ctx *cx = one;
            if (fresh) {
                cx = sr_ctx_new(NULL, SR_ENGINE_AUTO, err, sizeof err);
                assert_non_null(cx);
            }
            sr_doc d = {.id = "t", .title = "", .date = "2020-06-12", .source = "", .url = "",
                        .text = texts[i], .text_len = strlen(texts[i]), .origin = "test"};
            sr_events *evs = NULL;
            assert_int_equal(sr_code(cx, &d, &evs), 0);
            char *out = fresh ? want[i] : got;
            out[0] = 0;
            for (size_t k = 0; k < sr_events_count(evs); k++) {
                size_t l = strlen(out);
                put(out + l, 256 - l, sr_events_get(evs, k));
            }
            sr_events_free(evs);
            if (fresh)
                sr_ctx_free(cx);
            else
                assert_string_equal(got, want[i]);
        }
        sr_ctx_free(one);
    }
}

static void put_point(char *out, size_t cap, const sr_event *e)
{
    snprintf(out, cap, "%s/%s/%.4f/%.4f/%d;", e->iso3, e->admin1, e->latitude, e->longitude, e->geo_precision);
}

static void put_place(char *out, size_t cap, const sr_event *e)
{
    snprintf(out, cap, "%s/%s/%s/%d;", e->iso3, e->admin1, e->location, e->geo_precision);
}

/* The front regions ("Donetsk frontline") are looked up once per context
 * (code.c front_region keeps them in the context's cache): a report on the
 * front coded after other documents in one context, which filled that
 * cache, gets the point it gets in a fresh context, where it fills it. */
static void test_front_regions_per_context(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Protesters blocked a road in Nairobi on Sunday over land.",
        "The OSCE SMM recorded 13 explosions near Novozvanivka, Luhansk, on Monday.",
        "Gunmen shot dead a trader near Mandera on Friday.",
        "Separatist forces shelled army positions in Luhansk region along the contact line on Monday.",
    };
    enum { N = sizeof texts / sizeof texts[0] };
    char want[N][256];
    fresh_and_shared(texts, N, want, put_point);
    /* the reports on the front take the front region's point (precision
     * 3), not the oblast's seat, which a memo left empty would give */
    assert_non_null(strstr(want[1], "UKR/"));
    assert_non_null(strstr(want[1], "/3;"));
    assert_non_null(strstr(want[3], "/3;"));
}

/* spelling_keys looks up spelling keys only in the windows around the units
 * a document names (it jumps from one window to the next and tests the
 * window once per window, not at every token): the transliteration
 * "Mirpurkhas" beside "(Mirpurkhas, Sindh)" is found whatever precedes it,
 * with no unit before it, with one just before it, or with one far before
 * it (its window closed long before). */
static void test_spelling_key_windows(void **state)
{
    (void)state;
    const char *key = "Police dispersed traders who blocked the main bazaar in Mirpurkhas city (Mirpurkhas, Sindh) "
                      "on Monday.";
    const char *before[] = {"", "Sindh officials said prices rose. ", "Officials in Sindh spoke. "};
    for (int b = 0; b < 3; b++)
        for (int pad = 0; pad <= 40; pad += 4) {
            char text[2048] = "";
            strcat(text, before[b]);
            for (int k = 0; k < pad; k++)
                strcat(text, k % 4 == 3 ? "markets. " : "prices rose in ");
            strcat(text, key);
            sr_events *evs = code(text, "2020-06-12");
            int found = 0;
            for (size_t k = 0; k < sr_events_count(evs); k++)
                found |= !strcmp(sr_events_get(evs, k)->location, "Mirpur Khas");
            if (!found)
                fprintf(stderr, "not placed: %s\n", text);
            assert_true(found);
            sr_events_free(evs);
        }
}

/* doc_country asks weak_place once per mention, through a memo of the
 * document's first 256 mentions (doc_weak), and directly beyond them: a
 * weak place ("Moi University": an institution named after a person, "Moi"
 * a town abroad) in a Kenyan report is not taken for the event's place,
 * whether it comes first or after 300 other mentions. */
static void test_weak_place_memo(void **state)
{
    (void)state;
    static const char *const tail[] = {
        "Police shot dead two students at Moi University on Monday, Kenyan police said.",
        "Police shot dead two students at Moi University in Eldoret on Monday.",
    };
    for (int t = 0; t < 2; t++) {
        char want[256] = "", got[256] = "";
        for (int pad = 0; pad <= 150; pad += 150) {
            static char text[8192];
            text[0] = 0;
            for (int k = 0; k < pad; k++)
                strcat(text, "Kenyan officials met Kenyan elders. ");
            strcat(text, tail[t]);
            sr_events *evs = code(text, "2020-06-12");
            char *out = pad ? got : want;
            for (size_t k = 0; k < sr_events_count(evs); k++) {
                const sr_event *e = sr_events_get(evs, k);
                size_t l = strlen(out);
                snprintf(out + l, 256 - l, "%s/%s/%s;", e->iso3, e->admin1, e->location);
            }
            sr_events_free(evs);
        }
        assert_string_equal(got, want);
        assert_non_null(strstr(want, "KEN/"));
        assert_null(strstr(want, "Moi"));
    }
}

/* fill_place skips front_units' walk for front words where no front region
 * lies in the country its answer would be read for: a report on the contact
 * line in a Ukrainian context still takes the front region, and the same
 * words in a report on another country change nothing there, in one
 * context as in fresh ones. */
static void test_front_country(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Separatist forces shelled army positions near Vodyane along the contact line in Donetsk, Ukraine, on Monday.",
        "Gunmen shot dead two traders near the front line in Mandera, Kenya, on Friday.",
        "The OSCE SMM recorded 13 explosions near Novozvanivka, Luhansk, on Monday.",
        "Soldiers clashed with militants along the frontline near Kidal, Mali, on Sunday.",
    };
    enum { N = sizeof texts / sizeof texts[0] };
    char want[N][256];
    fresh_and_shared(texts, N, want, put_place);
    assert_non_null(strstr(want[0], "UKR/"));
    assert_non_null(strstr(want[1], "KEN/"));
    assert_non_null(strstr(want[2], "UKR/"));
    assert_non_null(strstr(want[2], "/3;"));
    assert_non_null(strstr(want[3], "MLI/"));
}

/* The document's country is voted per document (code.c doc_country keeps
 * its vote arrays in the context and clears only what a document voted):
 * documents naming different countries, coded one after another in one
 * context and again in the reverse order, get the countries and places
 * they get each in a fresh context. */
static void test_country_votes_per_document(void **state)
{
    (void)state;
    static const struct {
        const char *text, *source;
    } docs[] = {
        {"Kenyan police shot dead two protesters on Monday. The Kenyan government condemned the killings.", ""},
        /* Saku is a town in Japan and in Kenya: the votes for Kenya of the
         * document before, left over, would put it in Kenya */
        {"Protesters blocked a road in Saku on Sunday over land.", ""},
        {"Ugandan soldiers clashed with cattle raiders on Tuesday, killing three.", ""},
        {"Gunmen attacked a bus near Tripoli and el Mina on Friday, wounding four passengers.", ""},
        {"Protesters blocked a road in Saku on Sunday over land.", "Star (Kenya)"},
        {"Residents marched through the market on Monday against rising prices.", ""},
    };
    enum { N = sizeof docs / sizeof docs[0] };
    char want[N][256];
    char err[256];
    for (size_t i = 0; i < N; i++) {
        sr_ctx *fresh = sr_ctx_new(NULL, SR_ENGINE_AUTO, err, sizeof err);
        assert_non_null(fresh);
        sr_doc d = {.id = "t", .title = "", .date = "2021-03-10", .source = docs[i].source, .url = "",
                    .text = docs[i].text, .text_len = strlen(docs[i].text), .origin = "test"};
        sr_events *evs = NULL;
        assert_int_equal(sr_code(fresh, &d, &evs), 0);
        want[i][0] = 0;
        for (size_t k = 0; k < sr_events_count(evs); k++) {
            const sr_event *e = sr_events_get(evs, k);
            size_t l = strlen(want[i]);
            snprintf(want[i] + l, sizeof want[i] - l, "%s/%s/%s;", e->iso3, e->admin1, e->location);
        }
        sr_events_free(evs);
        sr_ctx_free(fresh);
    }
    /* the countries differ, so votes left over would show */
    assert_string_equal(want[0], "KEN//;");
    assert_string_equal(want[1], "JPN/Nagano/Saku;");
    assert_string_equal(want[2], "UGA//;");
    for (int round = 0; round < 2; round++)
        for (size_t j = 0; j < N; j++) {
            size_t i = round ? N - 1 - j : j;
            sr_doc d = {.id = "t", .title = "", .date = "2021-03-10", .source = docs[i].source, .url = "",
                        .text = docs[i].text, .text_len = strlen(docs[i].text), .origin = "test"};
            sr_events *evs = NULL;
            assert_int_equal(sr_code(ctx, &d, &evs), 0);
            char got[256] = "";
            for (size_t k = 0; k < sr_events_count(evs); k++) {
                const sr_event *e = sr_events_get(evs, k);
                size_t l = strlen(got);
                snprintf(got + l, sizeof got - l, "%s/%s/%s;", e->iso3, e->admin1, e->location);
            }
            assert_string_equal(got, want[i]);
            sr_events_free(evs);
        }
}

static void test_empty_and_eventless(void **state)
{
    (void)state;
    sr_events *evs = code("", "2020-01-01");
    assert_int_equal(sr_events_count(evs), 0);
    sr_events_free(evs);
    evs = code("The vast desert stretches from Damascus to the Iraqi border.", "2020-01-01");
    assert_int_equal(sr_events_count(evs), 0);
    sr_events_free(evs);
    sr_events_free(NULL);
}

/* The event list's strings (code.c emit): a candidate's array fields are
 * measured and copied inline (sr__events_field), 16 bytes at a time with
 * windows that stay inside the array. Every length in arrays of 4, 16, 128
 * and 256 bytes, with bytes left over from a longer string after the NUL,
 * against strcmp; enough of them that the list moves on to new blocks, and
 * the earlier strings must still read back. */
static void test_event_field_strings(void **state)
{
    (void)state;
    sr_events *evs = code("", "2020-01-01");
    static const size_t caps[] = {4, 16, 128, 256};
    char arr[256];
    const char *got[4][256];
    for (int round = 0; round < 40; round++)
        for (size_t ci = 0; ci < 4; ci++) {
            size_t cap = caps[ci];
            for (size_t n = 0; n < cap; n++) {
                for (size_t i = 0; i < cap; i++)
                    arr[i] = (char)('a' + (i * 7 + n + round) % 26);
                arr[n] = 0;
                const char *s = sr__events_field(evs, arr, cap);
                assert_int_equal(strlen(s), n);
                assert_memory_equal(s, arr, n);
                if (round == 0)
                    got[ci][n] = s;
            }
        }
    /* a full array without a NUL: all cap bytes */
    memset(arr, 'x', 16);
    assert_int_equal(strlen(sr__events_field(evs, arr, 16)), 16);
    for (size_t ci = 0; ci < 4; ci++)
        for (size_t n = 0; n < caps[ci]; n++) {
            assert_int_equal(strlen(got[ci][n]), n);
            for (size_t i = 0; i < n; i++)
                assert_int_equal(got[ci][n][i], (char)('a' + (i * 7 + n) % 26));
        }
    sr_events_free(evs);
}

/* An event's notes are its sentence with whitespace runs as one space and
 * no space at either end, collapsed straight into the list's strings (16
 * bytes at a time, the rest byte by byte), and cut at a NUL byte as a C
 * string would be. Checked against a byte-by-byte model for sentences with
 * a run of spaces, tabs, newlines or returns at every offset, and with a NUL
 * given through text_len. */
static void notes_model(const char *s, size_t n, char *out)
{
    size_t k = 0;
    int sp = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            sp = 1;
            continue;
        }
        if (sp && k)
            out[k++] = ' ';
        sp = 0;
        out[k++] = ch;
    }
    out[k] = 0;
}

static void test_event_notes(void **state)
{
    (void)state;
    static const char base[] = "Gunmen killed three civilians in the village of Tarin Kot in Uruzgan province "
                               "on 3 May 2020.";
    static const char *const runs[] = {"  ", "\t", " \t ", "\r\n", "   \n  "};
    char text[512], want[512];
    size_t bl = sizeof base - 1, checked = 0;
    for (size_t r = 0; r < sizeof runs / sizeof runs[0]; r++)
        for (size_t at = 0; at <= bl; at++) {
            for (int nul = 0; nul < 2; nul++) {
                /* the run replaces the space at or after `at` (or goes first) */
                size_t sp = at;
                while (sp < bl && base[sp] != ' ')
                    sp++;
                size_t rl = strlen(runs[r]), n = 0;
                memcpy(text, base, sp);
                n = sp;
                memcpy(text + n, runs[r], rl);
                n += rl;
                if (sp < bl) {
                    memcpy(text + n, base + sp + 1, bl - sp - 1);
                    n += bl - sp - 1;
                }
                if (nul && sp > 40 && sp < bl - 20)
                    text[sp - 3] = 0;
                text[n] = 0;
                sr_doc d = {.id = "t", .date = "2020-05-04", .text = text, .text_len = n, .origin = "test"};
                sr_events *evs = NULL;
                assert_int_equal(sr_code(ctx, &d, &evs), 0);
                for (size_t k = 0; k < sr_events_count(evs); k++) {
                    const sr_event *e = sr_events_get(evs, k);
                    assert_true(e->ev_sentence.start >= 0 && e->ev_sentence.end <= (int32_t)n);
                    notes_model(text + e->ev_sentence.start, (size_t)(e->ev_sentence.end - e->ev_sentence.start),
                                want);
                    assert_string_equal(e->notes, want);
                    checked++;
                }
                sr_events_free(evs);
            }
        }
    assert_true(checked > 50);
}

/* sr_code_batch codes a batch stage by stage across its documents (code.c
 * code_some): every document must still get exactly the events it gets
 * alone in a fresh context, whatever the others in the batch name. Word
 * sets the rules build on first use add words to the context's vocabulary
 * while other documents of the batch are already numbered, so the texts
 * differ widely and the contexts start cold. */
static void event_line(char *buf, size_t n, const sr_events *evs)
{
    buf[0] = 0;
    for (size_t k = 0; k < sr_events_count(evs); k++) {
        const sr_event *e = sr_events_get(evs, k);
        size_t l = strlen(buf);
        snprintf(buf + l, n - l, "%s|%s|%s|%s|%s|%d/%d/%d|%s|%s|%s|%s|%.3f,%.3f|%s|%s;", e->event_id, e->kind,
                 e->sub_event_type, e->actor1, e->actor2, e->fatalities, e->fatalities_low, e->fatalities_high,
                 e->event_date, e->iso3, e->admin1, e->location, e->latitude, e->longitude, e->source, e->notes);
    }
}

static void test_batch_same_as_single(void **state)
{
    (void)state;
    static const char *texts[] = {
        "Around 3 March 2021, a man was found dead with gunshot wounds on a road in Culiacan, Sinaloa. 1 fatality.",
        "On 4 March 2021, soldiers opened fire on a minibus near a checkpoint in Beledweyne, Hiraan. The driver and "
        "two passengers were wounded.",
        "Police fired tear gas at hundreds of students who blocked the Nairobi-Nakuru highway on Tuesday.",
        "",
        "Houthi forces shelled government positions in Hays district, Al Hudaydah, on Monday, killing two soldiers.",
        "Traders staged a peaceful sit-in outside the municipal offices in Sylhet on Wednesday over new taxes.",
        "Suspected al-Shabaab militants ambushed a police convoy near Mandera, Kenya, killing four officers.",
        "The Taliban seized control of a district centre in Badakhshan after government troops withdrew overnight.",
        "An improvised explosive device was defused by security forces near a school in Maiduguri, Borno.",
        "A mob lynched a suspected thief in Kisumu on Sunday, police said.",
        "Regime forces and allied militias clashed with opposition fighters near Saraqib in Idlib governorate, "
        "leaving 11 fighters dead on both sides, according to the Syrian Observatory for Human Rights.",
        "Party supporters attacked a rival rally in Chittagong, injuring at least 15 people.",
        "No one was hurt when a grenade was thrown at a police post in Srinagar on Friday.",
        "Unidentified gunmen abducted three aid workers near Diffa, Niger, on Thursday.",
        "Farmers protested in Lahore on 2 March 2021 against wheat prices; police arrested 20 of them.",
        "Israeli aircraft struck targets near Damascus overnight, killing three people, the monitor said.",
        "Demonstrators set tyres alight and threw stones at police in Kisii town on Monday.",
        "Armed men looted shops and burned houses in a village of Zamfara state on Saturday, killing seven.",
        "Over the past month, IS killed at least 40 regime soldiers in the Badia desert, the monitor said.",
        /* rules that first ask whether the document has their words at
         * all (TOK_ANY): a cold context learns those words mid-document */
        "Rioters torched shops in Eldoret on Friday after police broke up a crowd protesting the tally; a riot "
        "broke out near the market.",
        "The OSCE SMM recorded ceasefire violations along the contact line near Avdiivka, Donetsk, on 3 March 2021.",
        "Hundreds of residents marched peacefully through Kisumu on Monday, but the march turned violent when youths "
        "stoned police.",
        "Bandits raided a village in Turkana on Sunday; two of the attackers were shot dead by police reservists.",
        "Protesters stormed the county assembly in Nakuru on Thursday demanding the resignation of the governor.",
        "Fighting between the Garre and Degodia clans near Mandera left five people dead on 2 March 2021.",
        "Gunmen in a drive-by shooting killed a shopkeeper in Culiacan, Sinaloa, on 5 March 2021.",
    };
    enum { N = sizeof texts / sizeof texts[0] };
    static char want[N][4096], got[4096];
    sr_doc docs[N + 1];
    char err[256], longtext[6000];
    for (size_t i = 0; i < N; i++)
        docs[i] = (sr_doc){.id = "b", .title = "", .date = "2021-03-06", .source = "", .url = "", .text = texts[i],
                           .text_len = strlen(texts[i]), .origin = "test", .item = (long)i + 1};
    /* a document longer than a batch's text goes alone */
    longtext[0] = 0;
    while (strlen(longtext) + strlen(texts[0]) + 2 < sizeof longtext - 200) {
        strcat(longtext, texts[strlen(longtext) % 7 == 0 ? 10 : 4]);
        strcat(longtext, "\n\n");
    }
    docs[N] = docs[0];
    docs[N].text = longtext;
    docs[N].text_len = strlen(longtext);
    for (size_t i = 0; i <= N; i++) {
        sr_ctx *fresh = sr_ctx_new(NULL, SR_ENGINE_AUTO, err, sizeof err);
        assert_non_null(fresh);
        sr_events *evs = NULL;
        assert_int_equal(sr_code(fresh, &docs[i], &evs), 0);
        event_line(i < N ? want[i] : got, sizeof got, evs);
        sr_events_free(evs);
        sr_ctx_free(fresh);
    }
    static char want_long[4096];
    memcpy(want_long, got, sizeof got);
    /* alone again in a context that has coded them all (its word sets and
     * vocabulary built): the same events as in a fresh one */
    sr_ctx *warm = sr_ctx_new(NULL, SR_ENGINE_AUTO, err, sizeof err);
    assert_non_null(warm);
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < N; i++) {
            sr_events *evs = NULL;
            assert_int_equal(sr_code(warm, &docs[i], &evs), 0);
            event_line(got, sizeof got, evs);
            assert_string_equal(got, want[i]);
            sr_events_free(evs);
        }
    sr_ctx_free(warm);
    /* most documents code to some event, or the comparison shows little */
    int some = 0;
    for (size_t i = 0; i < N; i++)
        some += want[i][0] != 0;
    assert_true(some >= N - 4);
    /* forwards and backwards, with the long one in the middle, in a cold context */
    for (int round = 0; round < 2; round++) {
        sr_ctx *cold = sr_ctx_new(NULL, SR_ENGINE_AUTO, err, sizeof err);
        assert_non_null(cold);
        sr_doc order[N + 1];
        size_t from[N + 1];
        for (size_t j = 0; j <= N; j++) {
            size_t i = j == N / 2 ? N : j < N / 2 ? j : j - 1;
            if (round)
                i = j == N / 2 ? N : j < N / 2 ? N - 1 - j : N - j;
            order[j] = docs[i];
            from[j] = i;
        }
        sr_events *out[N + 1];
        int rcs[N + 1];
        assert_int_equal(sr_code_batch(cold, order, N + 1, out, rcs), 0);
        for (size_t j = 0; j <= N; j++) {
            assert_int_equal(rcs[j], 0);
            assert_non_null(out[j]);
            event_line(got, sizeof got, out[j]);
            assert_string_equal(got, from[j] == N ? want_long : want[from[j]]);
            sr_events_free(out[j]);
        }
        sr_ctx_free(cold);
    }
    /* bad arguments */
    sr_events *one;
    int rc1;
    assert_int_equal(sr_code_batch(NULL, docs, 1, &one, &rc1), SR_EINVAL);
    assert_null(one);
    assert_int_equal(sr_code_batch(ctx, docs, 0, &one, &rc1), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_active_voice_and_evidence),
        cmocka_unit_test(test_passive_voice),
        cmocka_unit_test(test_negation_and_modality),
        cmocka_unit_test(test_no_casualties),
        cmocka_unit_test(test_aggregate_and_merge),
        cmocka_unit_test(test_engines_agree),
        cmocka_unit_test(test_spelling_key_memo),
        cmocka_unit_test(test_country_votes_per_document),
        cmocka_unit_test(test_front_regions_per_context),
        cmocka_unit_test(test_spelling_key_windows),
        cmocka_unit_test(test_front_country),
        cmocka_unit_test(test_weak_place_memo),
        cmocka_unit_test(test_empty_and_eventless),
        cmocka_unit_test(test_batch_same_as_single),
        cmocka_unit_test(test_event_field_strings),
        cmocka_unit_test(test_event_notes),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
