/* test_trend.c — unit tests for src/trend.c: the binomial and marked tail
 * probabilities against values worked out by hand, Holm and Tarone, the
 * decision floors, and sr_trend_alerts on a store of hand-built incidents
 * (a series that steps up is flagged with its events, a flat one is not,
 * repeated reports of one incident count once, schema upgrade from 1). */
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

static void test_binom(void **state)
{
    (void)state;
    /* P(X >= 3), n = 3, p = 0.5 is 1/8; P(X >= 2) = 4/8 */
    assert_true(fabs(sr__trend_binom_sf(3, 3, 0.5) - 0.125) < 1e-12);
    assert_true(fabs(sr__trend_binom_sf(2, 3, 0.5) - 0.5) < 1e-12);
    assert_true(sr__trend_binom_sf(0, 10, 0.3) == 1.0);
    assert_true(sr__trend_binom_sf(11, 10, 0.3) == 0.0);
    /* P(X >= 1), n = 10, p = 0.25 = 1 - 0.75^10 */
    assert_true(fabs(sr__trend_binom_sf(1, 10, 0.25) - (1 - pow(0.75, 10))) < 1e-12);
    /* a far tail stays positive and small: P(X >= 60 | 100, 0.25) ~ 1.1e-14 */
    double t = sr__trend_binom_sf(60, 100, 0.25);
    assert_true(t > 1e-16 && t < 1e-12);
}

static void test_marked(void **state)
{
    (void)state;
    long ones[40];
    for (int i = 0; i < 40; i++)
        ones[i] = 1;
    int exact = 0;
    /* unit marks: the marked test is the binomial test */
    for (long k = 0; k <= 41; k += 5)
        assert_true(fabs(sr__trend_marked_sf(ones, 40, k, 0.25, &exact) - sr__trend_binom_sf(k, 40, 0.25)) < 1e-12);
    assert_int_equal(exact, 1);
    /* marks {10, 1}, p = 0.5: S in {0, 1, 10, 11} each 1/4; P(S >= 2) = 1/2, P(S >= 11) = 1/4 */
    long m[2] = {10, 1};
    assert_true(fabs(sr__trend_marked_sf(m, 2, 2, 0.5, NULL) - 0.5) < 1e-12);
    assert_true(fabs(sr__trend_marked_sf(m, 2, 11, 0.5, NULL) - 0.25) < 1e-12);
    assert_true(sr__trend_marked_sf(m, 2, 12, 0.5, NULL) == 0.0);
    /* a large series goes to the normal approximation, close to the exact binomial */
    size_t n = 30000;
    long *big = malloc(n * sizeof *big);
    assert_non_null(big);
    for (size_t i = 0; i < n; i++)
        big[i] = 1;
    double approx = sr__trend_marked_sf(big, n, 7700, 0.25, &exact);
    assert_int_equal(exact, 0);
    double ex = sr__trend_binom_sf(7700, (long)n, 0.25);
    assert_true(fabs(log(approx) - log(ex)) < 0.15);
    free(big);
}

static void test_holm_tarone(void **state)
{
    (void)state;
    double p[4] = {0.01, 0.04, 0.03, 0.005}, adj[4];
    sr__trend_holm(p, 4, 4, adj);
    /* sorted 0.005, 0.01, 0.03, 0.04 -> 0.02, 0.03, 0.06, 0.06 (monotone) */
    assert_true(fabs(adj[3] - 0.02) < 1e-12);
    assert_true(fabs(adj[0] - 0.03) < 1e-12);
    assert_true(fabs(adj[2] - 0.06) < 1e-12);
    assert_true(fabs(adj[1] - 0.06) < 1e-12);
    /* pmin 1e-6 for two series, 0.5 for 98: only two are testable */
    double pm[100];
    for (int i = 0; i < 100; i++)
        pm[i] = i < 2 ? 1e-6 : 0.5;
    assert_int_equal(sr__trend_tarone(pm, 100, 0.01), 2);

    /* floors: a significant series below min_count or min_ratio is not flagged */
    sr__trend_stat s[3] = {
        {.wcount = 20, .bcount = 6, .wev = 20, .bev = 6, .p = 1e-9, .pmin = 1e-15},
        {.wcount = 4, .bcount = 0, .wev = 4, .bev = 0, .p = 1e-5, .pmin = 1e-5},
        {.wcount = 300, .bcount = 800, .wev = 300, .bev = 800, .p = 1e-4, .pmin = 1e-100},
    };
    long m = sr__trend_decide(s, 3, 0.01, 5, 1.5, 30, 90);
    assert_int_equal(m, 3);
    assert_true(s[0].flagged);
    assert_true(fabs(s[0].ratio - 10.0) < 1e-9);
    assert_false(s[1].flagged); /* 4 < min count */
    assert_true(isinf(s[1].ratio));
    assert_false(s[2].flagged); /* ratio 1.125 */
    assert_true(s[2].adj <= 0.01);
}

/* ---- sr_trend_alerts on a store ------------------------------------------ */

typedef struct fixture {
    char dir[64], path[128];
    sr_store *st;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    strcpy(f->dir, "/tmp/sitrep-test-trend-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
    char err[512];
    if (!(f->st = sr_store_open(f->path, err, sizeof err)))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    sr_store_free(f->st);
    const char *sfx[] = {"", "-wal", "-shm"};
    for (size_t i = 0; i < 3; i++) {
        char p[160];
        snprintf(p, sizeof p, "%s%s", f->path, sfx[i]);
        unlink(p);
    }
    rmdir(f->dir);
    free(f);
    return 0;
}

static void add_incident(sr_store *st, int n, const char *date, const char *actor, const char *admin1,
                         const char *loc, int fat)
{
    char id[64], text[96];
    snprintf(id, sizeof id, "ev-%d", n);
    snprintf(text, sizeof text, "report %d", n);
    sr_event ev;
    memset(&ev, 0, sizeof ev);
    ev.doc_id = id;
    ev.event_id = id;
    ev.kind = "incident";
    snprintf(ev.event_date, sizeof ev.event_date, "%s", date);
    ev.time_precision = 1;
    ev.event_type = "Violence against civilians";
    ev.sub_event_type = "Attack";
    ev.actor1 = actor;
    ev.assoc_actor_1 = ev.actor2 = ev.assoc_actor_2 = ev.admin2 = ev.source = ev.notes = "";
    ev.country = "Nigeria";
    ev.iso3 = "NGA";
    ev.admin1 = admin1;
    ev.location = loc;
    ev.latitude = ev.longitude = NAN;
    ev.fatalities = ev.fatalities_low = ev.fatalities_high = fat;
    ev.ev_sentence = ev.ev_trigger = ev.ev_actor1 = ev.ev_actor2 = ev.ev_place = ev.ev_date = ev.ev_number =
        ev.ev_source = (sr_span){-1, -1};
    sr_events evs = {.v = &ev, .n = 1};
    sr_doc d = {.id = id, .title = "", .date = date, .source = "", .url = "", .text = text,
                .text_len = strlen(text), .origin = "test"};
    assert_int_equal(sr_store_add(st, &d, &evs, NULL), 0);
}

typedef struct got {
    int n;
    char series[8][64];
    int flagged[8];
    long wev[8], bev[8];
    size_t nids[8];
    char first_id[8][32];
    double ratio[8];
} got;

static int got_cb(void *ud, const sr_alert *a)
{
    got *g = ud;
    if (g->n < 8) {
        snprintf(g->series[g->n], 64, "%s", a->series);
        g->flagged[g->n] = a->flagged;
        g->wev[g->n] = a->window_events;
        g->bev[g->n] = a->baseline_events;
        g->nids[g->n] = a->nids;
        snprintf(g->first_id[g->n], 32, "%s", a->nids ? a->event_ids[0] : "");
        g->ratio[g->n] = a->rate_ratio;
    }
    g->n++;
    return 0;
}

static void date_at(long day, char out[11])
{
    sr__date_fmt(sr__date_from_days(day), out);
}

static void test_alerts_store(void **state)
{
    fixture *f = *state;
    sr__date d0 = {2021, 1, 1};
    long base = sr__date_days(d0);
    int n = 0;
    char date[11];
    assert_int_equal(sr_store_begin(f->st), 0);
    /* 120 days: "Boko Haram" in Borno 1 incident every 15 days in the first
     * 90 days, then 16 in the last 30; "Bandits" in Zamfara one every 6 days
     * throughout (flat). */
    for (long d = 0; d < 120; d++) {
        date_at(base + d, date);
        if ((d < 90 && d % 15 == 0) || (d >= 90 && d % 2 == 0 && d < 122))
            add_incident(f->st, n++, date, "Boko Haram", "Borno", "Maiduguri", 2);
        if (d % 6 == 0)
            add_incident(f->st, n++, date, "Bandits", "Zamfara", "Gusau", 1);
    }
    /* a repeated report of the last Boko Haram incident (same day, place, type) */
    date_at(base + 118, date);
    add_incident(f->st, n++, date, "Boko Haram", "Borno", "Maiduguri", 5);
    assert_int_equal(sr_store_commit(f->st), 0);

    sr_alert_opts o = {.by = "actor", .all = 1};
    got g = {0};
    char err[256];
    assert_int_equal(sr_trend_alerts(f->st, &o, got_cb, &g, err, sizeof err), 0);
    assert_int_equal(g.n, 2);
    assert_string_equal(g.series[0], "Boko Haram");
    assert_true(g.flagged[0]);
    assert_int_equal(g.wev[0], 15); /* days 90..118 even: 15 incidents, the repeat merged */
    assert_int_equal(g.nids[0], 16); /* but both reports are listed */
    assert_int_equal(g.bev[0], 6);
    assert_string_equal(g.series[1], "Bandits");
    assert_false(g.flagged[1]);

    /* by admin1; only flagged series without --all */
    o = (sr_alert_opts){.by = "admin1"};
    memset(&g, 0, sizeof g);
    assert_int_equal(sr_trend_alerts(f->st, &o, got_cb, &g, err, sizeof err), 0);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.series[0], "Borno");

    /* fatalities metric: the window's tolls are higher too */
    o = (sr_alert_opts){.by = "actor,admin1", .metric = "fatalities"};
    memset(&g, 0, sizeof g);
    assert_int_equal(sr_trend_alerts(f->st, &o, got_cb, &g, err, sizeof err), 0);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.series[0], "Boko Haram | Borno");

    /* a window ending before the step: nothing */
    date_at(base + 89, date);
    o = (sr_alert_opts){.until = date, .window_days = 30, .baseline_days = 59};
    memset(&g, 0, sizeof g);
    assert_int_equal(sr_trend_alerts(f->st, &o, got_cb, &g, err, sizeof err), 0);
    assert_int_equal(g.n, 0);

    /* a baseline shorter than the window is refused with a message */
    date_at(base + 40, date);
    o = (sr_alert_opts){.until = date};
    assert_int_equal(sr_trend_alerts(f->st, &o, got_cb, &g, err, sizeof err), SR_EINVAL);
    assert_non_null(strstr(err, "--window"));
    o = (sr_alert_opts){.by = "nope"};
    assert_int_equal(sr_trend_alerts(f->st, &o, got_cb, &g, err, sizeof err), SR_EINVAL);
    assert_non_null(strstr(err, "nope"));

    /* origin: none of these are ACLED rows */
    o = (sr_alert_opts){.origin = "acled"};
    memset(&g, 0, sizeof g);
    assert_int_equal(sr_trend_alerts(f->st, &o, got_cb, &g, err, sizeof err), 0);
    assert_int_equal(g.n, 0);
}

/* A version-1 store (no origin column, no tallies) is upgraded in place on open. */
static void test_upgrade(void **state)
{
    fixture *f = *state;
    sr_store_free(f->st);
    f->st = NULL;
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "DROP TRIGGER alerts_ins; DROP TRIGGER alerts_del; DROP TRIGGER alerts_upd;"
                                      " DROP TRIGGER alerts_inc_ins; DROP TRIGGER alerts_inc_del;"
                                      " DROP TRIGGER alerts_inc_upd; DROP TABLE alert_tallies;"
                                      " DROP TRIGGER marks_ins; DROP TRIGGER marks_del; DROP TRIGGER marks_upd;"
                                      " DROP TRIGGER marks_inc_ins; DROP TRIGGER marks_inc_del;"
                                      " DROP TRIGGER marks_inc_upd; DROP TABLE alert_marks;"
                                      " DROP TRIGGER ftallies_ins; DROP TRIGGER ftallies_del; DROP TRIGGER ftallies_upd;"
                                      " DROP TABLE ftallies; DROP TABLE actor_names; DROP TABLE actor_pairs;"
                                      " DROP TRIGGER claims_ins; DROP TRIGGER claims_del; DROP TRIGGER claims_upd;"
                                      " DROP TABLE claim_links; DROP INDEX events_claim_to; DROP INDEX events_admin1;"
                                      " DROP INDEX events_actor1; DROP INDEX events_actor2; DROP INDEX events_event_type;"
                                      " DROP INDEX events_sub_event_type;"
                                      " DROP INDEX events_unlinked_admin1; DROP INDEX events_unlinked_event_type;"
                                      " DROP INDEX events_unlinked_sub_event_type;"
                                      " DROP INDEX events_unlinked_units; DROP INDEX events_unlinked_actor1;"
                                      " DROP INDEX events_unlinked_actor2; DROP INDEX events_reports;"
                                      " DROP TABLE ftallies_pending; DROP TRIGGER incidents_mention_del;"
                                      " DROP TABLE incidents; DROP INDEX events_incident;"
                                      " DROP TRIGGER tallies_ins; DROP TRIGGER tallies_del; DROP TRIGGER tallies_upd;"
                                      " ALTER TABLE events DROP COLUMN incident_id;"
                                      " DROP TABLE tallies; DROP INDEX events_alerts; DROP INDEX events_origin_date;"
                                      " DROP INDEX events_origin_kind_date; ALTER TABLE events DROP COLUMN origin;"
                                      " ALTER TABLE events DROP COLUMN admin1_acled;"
                                      " PRAGMA user_version = 1;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    char err[512];
    f->st = sr_store_open(f->path, err, sizeof err);
    assert_non_null(f->st);
    add_incident(f->st, 1, "2021-01-01", "X", "Borno", "Maiduguri", 0);
    sr_scope sc;
    assert_int_equal(sr_store_scope(f->st, &(sr_query){0}, &sc), 0);
    assert_int_equal(sc.events, 1);
    assert_int_equal(sc.documents, 1);
    assert_string_equal(sc.first, "2021-01-01");
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    sqlite3_stmt *s = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT origin, (SELECT user_version FROM pragma_user_version)"
                                            " FROM events",
                                        -1, &s, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(s, 0), "news");
    assert_int_equal(sqlite3_column_int(s, 1), 12);
    sqlite3_finalize(s);
    sqlite3_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_binom),
        cmocka_unit_test(test_marked),
        cmocka_unit_test(test_holm_tarone),
        cmocka_unit_test_setup_teardown(test_alerts_store, setup, teardown),
        cmocka_unit_test_setup_teardown(test_upgrade, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
