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
        cmocka_unit_test(test_empty_and_eventless),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
