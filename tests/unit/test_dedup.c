/* test_dedup.c — linking the news reports of one incident (src/dedup.c,
 * docs/dedup.md): reconciled figures, each match rule and its near misses,
 * aggregate claims kept apart, reports tallying incidents on both paths, the
 * upgrade of a version-4 store, and day-by-day ingestion giving the same
 * incidents as one batch. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "internal.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];

static void db_path(char *out, size_t n, const char *name)
{
    snprintf(out, n, "%s/%s", dir, name);
}

static void rm_store(const char *path)
{
    const char *sfx[] = {"", "-wal", "-shm"};
    for (size_t i = 0; i < 3; i++) {
        char p[256];
        snprintf(p, sizeof p, "%s%s", path, sfx[i]);
        unlink(p);
    }
}

static sr_store *open_store(const char *name, char *path, size_t n)
{
    db_path(path, n, name);
    rm_store(path);
    char err[256];
    sr_store *st = sr_store_open(path, err, sizeof err);
    assert_non_null(st);
    return st;
}

/* An incident report in Borno at (lat, lon) with the given precision. */
static sr_event rep(const char *date, int tp, const char *sub, const char *a1, const char *a2, const char *admin1,
                    const char *admin2, const char *loc, double lat, double lon, int gp, int low, int best, int high)
{
    sr_event e;
    memset(&e, 0, sizeof e);
    snprintf(e.event_date, sizeof e.event_date, "%s", date);
    e.doc_id = e.event_id = "";
    e.kind = "incident";
    e.time_precision = tp;
    e.event_type = strcmp(sub, "Armed clash") ? "Violence against civilians" : "Battles";
    e.sub_event_type = sub;
    e.actor1 = a1;
    e.actor2 = a2;
    e.assoc_actor_1 = e.assoc_actor_2 = e.source = e.notes = e.admin1_acled = "";
    e.country = "Nigeria";
    e.iso3 = "NGA";
    e.admin1 = admin1;
    e.admin2 = admin2;
    e.location = loc;
    e.latitude = lat;
    e.longitude = lon;
    e.geo_precision = gp;
    e.fatalities_low = low;
    e.fatalities = best;
    e.fatalities_high = high;
    e.ev_sentence = e.ev_trigger = e.ev_actor1 = e.ev_actor2 = e.ev_place = e.ev_date = e.ev_number = e.ev_source =
        (sr_span){-1, -1};
    return e;
}

static int ndoc;

/* Stores one document from outlet holding the event. */
static void add(sr_store *st, const char *outlet, sr_event ev)
{
    char text[64], id[32];
    snprintf(text, sizeof text, "document %d", ndoc);
    snprintf(id, sizeof id, "ev%d", ndoc++);
    ev.event_id = id;
    sr_doc d = {.id = text, .title = "", .date = "", .source = outlet, .url = "", .text = text,
                .text_len = strlen(text), .origin = "t"};
    sr_events evs = {.v = &ev, .n = 1};
    assert_int_equal(sr_store_add(st, &d, &evs, NULL), 0);
}

typedef struct incs {
    int n;
    sr_incident v[64];
    char text[64][256], a1[64][64], a2[64][64];
} incs;

static int got_inc(void *ud, const sr_incident *i)
{
    incs *r = ud;
    if (r->n < 64) {
        r->v[r->n] = *i;
        snprintf(r->a1[r->n], sizeof r->a1[0], "%s", i->actor1);
        snprintf(r->a2[r->n], sizeof r->a2[0], "%s", i->actor2);
        snprintf(r->text[r->n], sizeof r->text[0], "%s %s %s %s %d/%d/%d n=%d s=%d", i->event_date, i->sub_event_type,
                 i->admin1, i->location, i->fatalities_low, i->fatalities_best, i->fatalities_high, i->n_reports,
                 i->n_sources);
    }
    r->n++;
    return 0;
}

static incs list(sr_store *st)
{
    incs r;
    memset(&r, 0, sizeof r);
    assert_int_equal(sr_store_incidents(st, &(sr_query){0}, got_inc, &r), 0);
    return r;
}

#define BH "Boko Haram"
#define CIV "Civilians (Nigeria)"

/* Three outlets on one attack with ranges: low = highest low, high = highest
 * high, best = median of the bests; a second outlet name counts once. */
static void test_reconcile(void **state)
{
    (void)state;
    char path[256];
    sr_store *st = open_store("r.db", path, sizeof path);
    add(st, "Wire A", rep("2021-03-09", 1, "Attack", BH, CIV, "Borno", "Monguno", "Monguno", 12.67, 13.61, 1, 10, 12, 20));
    add(st, "Daily B", rep("2021-03-09", 1, "Attack", BH, "", "Borno", "", "Monguno", 12.68, 13.60, 2, 8, 14, 16));
    add(st, "Times C", rep("2021-03-10", 1, "Attack", "", CIV, "Borno", "Monguno", "Monguno", 12.67, 13.61, 1, 11, 15, 18));
    add(st, "Wire A", rep("2021-03-09", 1, "Attack", BH, CIV, "Borno", "Monguno", "Kekeno", 12.70, 13.62, 1, -1, -1, -1));
    incs r = list(st);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.v[0].n_reports, 4);
    assert_int_equal(r.v[0].n_sources, 3);
    assert_int_equal(r.v[0].fatalities_low, 11);
    assert_int_equal(r.v[0].fatalities_best, 14);
    assert_int_equal(r.v[0].fatalities_high, 20);
    assert_string_equal(r.v[0].first_date, "2021-03-09");
    assert_string_equal(r.v[0].last_date, "2021-03-10");
    assert_string_equal(r.a1[0], BH);
    assert_string_equal(r.a2[0], CIV);
    sr_store_free(st);
    rm_store(path);
}

static int tally_cb(void *ud, const sr_tally *t)
{
    long *v = ud;
    v[0] += t->incidents;
    v[1] += t->fat_best;
    v[2] += t->fat_low;
    v[3] += t->fat_high;
    return 0;
}

static void test_report_counts_incidents(void **state)
{
    (void)state;
    char path[256];
    sr_store *st = open_store("t.db", path, sizeof path);
    add(st, "A", rep("2021-03-09", 1, "Attack", BH, CIV, "Borno", "", "Monguno", 12.67, 13.61, 1, 12, 12, 12));
    add(st, "B", rep("2021-03-09", 1, "Attack", BH, CIV, "Borno", "", "Monguno", 12.67, 13.61, 1, 10, 14, 18));
    add(st, "C", rep("2021-03-09", 1, "Armed clash", "Military Forces of Nigeria", "ISWAP", "Borno", "", "Damboa",
                     11.15, 12.76, 1, 7, 7, 7));
    for (int slow = 0; slow < 2; slow++) {
        sr_query q = {.admin1 = slow ? "borno" : NULL};
        long v[4] = {0, 0, 0, 0};
        assert_int_equal(sr_store_report(st, "country", &q, tally_cb, v), 0);
        assert_int_equal(v[0], 2);          /* two incidents, not three reports */
        assert_int_equal(v[1], 12 + 7);     /* best: median 12, within [12, 18] */
        assert_int_equal(v[2], 12 + 7);
        assert_int_equal(v[3], 18 + 7);
        sr_scope sc;
        assert_int_equal(sr_store_scope(st, &q, &sc), 0);
        assert_int_equal(sc.events, 2);
        assert_int_equal(sc.documents, 3);
    }
    sr_store_free(st);
    rm_store(path);
}

/* Each rule: a matching report and a near miss. */
static void test_rules(void **state)
{
    (void)state;
    char path[256];
    sr_store *st = open_store("m.db", path, sizeof path);
    /* 1 */ add(st, "A", rep("2021-05-10", 1, "Attack", BH, CIV, "Borno", "", "Gubio", 12.50, 12.78, 1, 5, 5, 5));
    /* dates: a day apart, each dated to a day: joins 1 (two days apart would not) */
    add(st, "B", rep("2021-05-11", 1, "Attack", BH, CIV, "Borno", "", "Gubio", 12.50, 12.78, 1, 5, 5, 5));
    /* 2: four days after the last one: too far for day precision */
    add(st, "C", rep("2021-05-16", 1, "Attack", BH, CIV, "Borno", "", "Gubio", 12.50, 12.78, 1, 5, 5, 5));
    /* week precision: joins 2 */
    add(st, "D", rep("2021-05-22", 2, "Attack", BH, CIV, "Borno", "", "Gubio", 12.50, 12.78, 1, 5, 5, 5));
    /* 3: another sub-event type */
    add(st, "E", rep("2021-05-10", 1, "Abduction/forced disappearance", BH, CIV, "Borno", "", "Gubio", 12.50, 12.78,
                     1, 0, 0, 0));
    /* no sub-event type (vaguer): joins 1 */
    add(st, "F", rep("2021-05-10", 1, "", BH, CIV, "Borno", "", "Gubio", 12.50, 12.78, 1, 5, 5, 5));
    /* 4: a place 30 km away at place precision */
    add(st, "G", rep("2021-05-10", 1, "Attack", BH, CIV, "Borno", "", "Far", 12.77, 12.78, 1, 5, 5, 5));
    /* "near Gubio", its point 30 km off (50 km at that precision): joins 1 (closest date, then distance) */
    add(st, "H", rep("2021-05-10", 1, "Attack", BH, CIV, "Borno", "", "Gubio", 12.50, 13.055, 2, 5, 5, 5));
    /* a region-level report in Borno: joins 1 */
    add(st, "I", rep("2021-05-10", 1, "Attack", BH, CIV, "Borno", "", "Borno", 11.5, 13.0, 3, 5, 5, 5));
    /* 5: another admin1 */
    add(st, "J", rep("2021-05-10", 1, "Attack", BH, CIV, "Yobe", "", "Gubio", 12.50, 12.78, 1, 5, 5, 5));
    /* 6: other actors altogether */
    add(st, "K", rep("2021-05-10", 1, "Attack", "ISWAP", "Civilians (Chad)", "Borno", "", "Gubio", 12.50, 12.78, 1, 5,
                     5, 5));
    /* one side unknown: joins 1 */
    add(st, "L", rep("2021-05-10", 1, "Attack", "", "", "Borno", "", "Gubio", 12.50, 12.78, 1, 5, 5, 5));
    /* 7: undated reports never merge */
    add(st, "M", rep("", 0, "Attack", BH, CIV, "Borno", "", "Gubio", 12.50, 12.78, 1, 5, 5, 5));
    /* actors: an unnamed armed group fits the named one: joins 1 */
    add(st, "O", rep("2021-05-10", 1, "Attack", "Unidentified Armed Group (Nigeria)", CIV, "Borno", "", "Gubio",
                     12.50, 12.78, 1, 5, 5, 5));
    /* Boko Haram as ISWAP's associate: joins 1 */
    sr_event p = rep("2021-05-10", 1, "Attack", "ISWAP", CIV, "Borno", "", "Gubio", 12.50, 12.78, 1, 5, 5, 5);
    p.assoc_actor_1 = "Boko Haram - Faction; Vigilantes";
    add(st, "P", p);
    /* 8: state forces are not an unnamed group and share no actor with 1 but the victims */
    add(st, "Q", rep("2021-05-10", 1, "Attack", "Military Forces of Nigeria (2015-2023)", CIV, "Borno", "", "Gubio",
                     12.50, 12.78, 1, 5, 5, 5));
    /* the same forces in another period's spelling: joins 8 */
    add(st, "R", rep("2021-05-10", 1, "Attack", "Military Forces of Nigeria (2023-)", CIV, "Borno", "", "Gubio",
                     12.50, 12.78, 1, 5, 5, 5));
    /* 9: a named town 12 km from Gubio at place precision (differently named places: 10 km) */
    add(st, "S", rep("2021-05-10", 1, "Attack", BH, CIV, "Borno", "", "Other", 12.608, 12.78, 1, 5, 5, 5));
    /* aggregate claims never join */
    sr_event agg = rep("2021-05-10", 1, "Attack", BH, CIV, "Borno", "", "Gubio", 12.50, 12.78, 1, 40, 40, 40);
    agg.kind = "aggregate";
    add(st, "N", agg);
    incs r = list(st);
    assert_int_equal(r.n, 9);
    int total = 0;
    for (int i = 0; i < r.n; i++)
        total += r.v[i].n_reports;
    assert_int_equal(total, 18);
    /* the first incident by id holds reports 1, B, F, H, I, L, O, P */
    int eight = 0;
    for (int i = 0; i < r.n; i++)
        eight += r.v[i].n_reports == 8 && strstr(r.text[i], "Borno Gubio ") != NULL;
    assert_int_equal(eight, 1);
    int two = 0; /* C and D; Q and R */
    for (int i = 0; i < r.n; i++)
        two += r.v[i].n_reports == 2;
    assert_int_equal(two, 2);
    sr_store_free(st);
    rm_store(path);
}

/* Stores one document whose text holds the event and, when phrase is not
 * NULL, the words its date is read from (the date evidence). */
static void add_said(sr_store *st, const char *outlet, sr_event ev, const char *text, const char *phrase)
{
    char id[32];
    snprintf(id, sizeof id, "ev%d", ndoc++);
    ev.event_id = id;
    if (phrase) {
        const char *at = strstr(text, phrase);
        assert_non_null(at);
        ev.ev_date = (sr_span){(int32_t)(at - text), (int32_t)(at - text + (long)strlen(phrase))};
    }
    sr_doc d = {.id = id, .title = "", .date = "", .source = outlet, .url = "", .text = text,
                .text_len = strlen(text), .origin = "t"};
    sr_events evs = {.v = &ev, .n = 1};
    assert_int_equal(sr_store_add(st, &d, &evs, NULL), 0);
}

/* Reports a day apart join unless both name their day firmly (a calendar
 * date or a weekday, not a dateline, "yesterday" or nothing); a firm date
 * anchors an incident before one that depends on the day of writing. */
static void test_firm_dates(void **state)
{
    (void)state;
    char path[256];
    sr_store *st = open_store("f.db", path, sizeof path);
#define GUBIO(date) rep(date, 1, "Attack", BH, CIV, "Borno", "", "Gubio", 12.50, 12.78, 1, 3, 3, 3)
#define DAMBOA(date) rep(date, 1, "Attack", BH, CIV, "Borno", "", "Damboa", 11.15, 12.76, 1, 3, 3, 3)
    /* A */ add_said(st, "A", GUBIO("2021-05-10"), "Gunmen attacked Gubio on Monday, killing three.", "on Monday");
    /* B: a day later, both weekdays: two attacks */
    add_said(st, "B", GUBIO("2021-05-11"), "Gunmen attacked Gubio on Tuesday, killing three.", "on Tuesday");
    /* "yesterday" a day before A: joins A (B is two days away) */
    add_said(st, "C", GUBIO("2021-05-09"), "Gunmen attacked Gubio yesterday, killing three.", "yesterday");
    /* no date in the text, a day after B: joins B */
    add_said(st, "D", GUBIO("2021-05-12"), "Gunmen attacked Gubio, killing three.", NULL);
    /* a dateline taken for the date, a day after B: joins B */
    add_said(st, "E", GUBIO("2021-05-12"), "Published 12 May 2021. Gunmen attacked Gubio, killing three.",
             "12 May 2021");
    add_said(st, "F", GUBIO("2021-05-12"), "Wed 12 May 2021 Gunmen attacked Gubio, killing three.", "12 May 2021");
    /* G: a calendar date a day after B's weekday: a third attack */
    add_said(st, "G", GUBIO("2021-05-12"), "Gunmen attacked Gubio on 12 May, killing three.", "on 12 May");
    /* H: "today" starts an incident in Damboa; a firm "on Monday" a day
     * earlier joins it and becomes its anchor, so a firm 1 June report is I */
    add_said(st, "H", DAMBOA("2021-06-01"), "Gunmen attacked Damboa today, killing three.", "today");
    add_said(st, "H2", DAMBOA("2021-05-31"), "Gunmen attacked Damboa on Monday, killing three.", "on Monday");
    add_said(st, "I", DAMBOA("2021-06-01"), "Gunmen attacked Damboa on 1 June, killing three.", "on 1 June");
#undef GUBIO
#undef DAMBOA
    incs r = list(st);
    assert_int_equal(r.n, 5);
    int a = 0, b = 0, g = 0, h = 0, i1 = 0;
    for (int i = 0; i < r.n; i++) {
        a += !strcmp(r.v[i].event_date, "2021-05-10") && r.v[i].n_reports == 2;
        b += !strcmp(r.v[i].event_date, "2021-05-11") && r.v[i].n_reports == 4;
        g += !strcmp(r.v[i].event_date, "2021-05-12") && r.v[i].n_reports == 1;
        h += !strcmp(r.v[i].event_date, "2021-05-31") && r.v[i].n_reports == 2 && strstr(r.text[i], "Damboa");
        i1 += !strcmp(r.v[i].event_date, "2021-06-01") && r.v[i].n_reports == 1 && strstr(r.text[i], "Damboa");
    }
    assert_int_equal(a, 1);
    assert_int_equal(b, 1);
    assert_int_equal(g, 1);
    assert_int_equal(h, 1);
    assert_int_equal(i1, 1);
    sr_store_free(st);
    rm_store(path);
}

static uint64_t rs = 777;
static unsigned rnd(unsigned n)
{
    rs = rs * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)((rs >> 33) % n);
}

static const char *const subs[] = {"Attack", "Armed clash", "Air/drone strike"};
static const char *const actors[] = {BH, "ISWAP", "Military Forces of Nigeria", ""};
static const char *const places[][2] = {{"Borno", "Gubio"}, {"Borno", "Damboa"}, {"Yobe", "Geidam"}};
static const double coords[][2] = {{12.5, 12.78}, {11.15, 12.76}, {12.9, 11.93}};

static sr_event random_report(long base, int day)
{
    char date[11];
    sr__date_fmt(sr__date_from_days(base + day), date);
    int p = (int)rnd(3), f = (int)rnd(30);
    return rep(date, 1 + (int)rnd(2), subs[rnd(3)], actors[rnd(4)], actors[rnd(4)], places[p][0], "", places[p][1],
               coords[p][0] + rnd(20) / 100.0, coords[p][1], 1 + (int)rnd(3), f, f + (int)rnd(3), f + (int)rnd(9));
}

/* Stores 600 reports over 60 days once in one transaction, once a day per
 * opening of the store: the incidents are the same. */
static void test_daily_equals_batch(void **state)
{
    (void)state;
    static const char *const outlets[] = {"A", "B", "C", "D"};
    long base = sr__date_days((sr__date){2021, 1, 1});
    char pa[256], pb[256];
    sr_store *a = open_store("batch.db", pa, sizeof pa);
    db_path(pb, sizeof pb, "daily.db");
    rm_store(pb);
    assert_int_equal(sr_store_begin(a), 0);
    uint64_t seed = rs;
    int start = ndoc;
    for (int day = 0; day < 60; day++)
        for (int k = 0; k < 10; k++)
            add(a, outlets[k % 4], random_report(base, day));
    assert_int_equal(sr_store_commit(a), 0);
    rs = seed;
    ndoc = start; /* the same document texts and ids */
    for (int day = 0; day < 60; day++) {
        char err[256];
        sr_store *b = sr_store_open(pb, err, sizeof err);
        assert_non_null(b);
        for (int k = 0; k < 10; k++)
            add(b, outlets[k % 4], random_report(base, day));
        sr_store_free(b);
    }
    char err[256];
    sr_store *b = sr_store_open(pb, err, sizeof err);
    assert_non_null(b);
    sqlite3 *da = NULL, *db = NULL;
    assert_int_equal(sqlite3_open(pa, &da), SQLITE_OK);
    assert_int_equal(sqlite3_open(pb, &db), SQLITE_OK);
    const char *q = "SELECT group_concat(x, ';') FROM (SELECT event_date || sub_event_type || location || n_reports"
                    " || '/' || n_sources || '/' || COALESCE(fatalities_low, '?') || '/' || COALESCE(fatalities, '?')"
                    " || '/' || COALESCE(fatalities_high, '?') AS x FROM incidents ORDER BY id)";
    sqlite3_stmt *s1 = NULL, *s2 = NULL;
    assert_int_equal(sqlite3_prepare_v2(da, q, -1, &s1, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, q, -1, &s2, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s1), SQLITE_ROW);
    assert_int_equal(sqlite3_step(s2), SQLITE_ROW);
    assert_non_null(sqlite3_column_text(s1, 0));
    assert_string_equal((const char *)sqlite3_column_text(s1, 0), (const char *)sqlite3_column_text(s2, 0));
    sqlite3_finalize(s1);
    sqlite3_finalize(s2);
    /* merging happened, and not into a handful */
    sqlite3_stmt *s = NULL;
    assert_int_equal(sqlite3_prepare_v2(da, "SELECT count(*), max(n_reports), sum(n_reports) FROM incidents", -1, &s,
                                        NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    int n = sqlite3_column_int(s, 0);
    assert_true(n > 60 && n < 590);
    assert_true(sqlite3_column_int(s, 1) >= 3);
    assert_int_equal(sqlite3_column_int(s, 2), 600);
    sqlite3_finalize(s);

    /* upgrading a version-4 store links its reports as they arrived: the same incidents */
    assert_int_equal(sqlite3_exec(db, "UPDATE events SET incident_id = NULL; DELETE FROM incidents;"
                                      " PRAGMA user_version = 4;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sr_store_free(b);
    b = sr_store_open(pb, err, sizeof err);
    assert_non_null(b);
    assert_int_equal(sqlite3_prepare_v2(db, q, -1, &s2, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(da, q, -1, &s1, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s1), SQLITE_ROW);
    assert_int_equal(sqlite3_step(s2), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(s1, 0), (const char *)sqlite3_column_text(s2, 0));
    sqlite3_finalize(s1);
    sqlite3_finalize(s2);
    /* and its tallies agree with the batch store's */
    long va[4] = {0}, vb[4] = {0};
    assert_int_equal(sr_store_report(a, "month", &(sr_query){0}, tally_cb, va), 0);
    assert_int_equal(sr_store_report(b, "month", &(sr_query){0}, tally_cb, vb), 0);
    assert_memory_equal(va, vb, sizeof va);
    assert_int_equal(va[0], n);
    sqlite3_close(da);
    sqlite3_close(db);
    sr_store_free(a);
    sr_store_free(b);
    rm_store(pa);
    rm_store(pb);
}

static int setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/sitrep-test-dedup-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    rmdir(dir);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reconcile),
        cmocka_unit_test(test_report_counts_incidents),
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_firm_dates),
        cmocka_unit_test(test_daily_equals_batch),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
