/* test_store.c — unit tests for src/store.c on a temporary SQLite file, with
 * hand-built events: schema creation, de-duplication by text hash, query
 * filters and order, evidence round trip, report sums (aggregate claims kept
 * apart from incidents), week/month keys, rollback. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "internal.h"

#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct fixture {
    char dir[64];
    char path[128];
    sr_store *st;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    strcpy(f->dir, "/tmp/sitrep-test-store-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
    char err[512];
    f->st = sr_store_open(f->path, err, sizeof err);
    if (!f->st) {
        fprintf(stderr, "open: %s\n", err);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    sr_store_free(f->st);
    const char *sfx[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < 4; i++) {
        char p[160];
        snprintf(p, sizeof p, "%s%s", f->path, sfx[i]);
        unlink(p);
    }
    rmdir(f->dir);
    free(f);
    return 0;
}

static sr_event mk(const char *id, const char *kind, const char *date, const char *actor1, const char *actor2,
                   const char *sub, const char *country, const char *iso3, const char *admin1, int low, int best,
                   int high)
{
    sr_event ev;
    memset(&ev, 0, sizeof ev);
    ev.doc_id = "";
    ev.event_id = id;
    ev.kind = kind;
    snprintf(ev.event_date, sizeof ev.event_date, "%s", date);
    snprintf(ev.date_start, sizeof ev.date_start, "%s", date);
    snprintf(ev.date_end, sizeof ev.date_end, "%s", date);
    ev.time_precision = *date ? 1 : 0;
    ev.event_type = !strcmp(sub, "Attack") ? "Violence against civilians" : "Battles";
    ev.sub_event_type = sub;
    ev.actor1 = actor1;
    ev.assoc_actor_1 = "";
    ev.inter1 = 3;
    ev.actor2 = actor2;
    ev.assoc_actor_2 = "";
    ev.inter2 = *actor2 ? 7 : 0;
    ev.country = country;
    ev.iso3 = iso3;
    ev.admin1 = admin1;
    ev.admin2 = "";
    ev.location = admin1;
    ev.latitude = NAN;
    ev.longitude = NAN;
    ev.fatalities_low = low;
    ev.fatalities = best;
    ev.fatalities_high = high;
    ev.source = "";
    ev.notes = "a note";
    ev.ev_sentence = (sr_span){0, 10};
    ev.ev_trigger = (sr_span){2, 6};
    ev.ev_actor1 = ev.ev_actor2 = ev.ev_place = ev.ev_date = ev.ev_source = (sr_span){-1, -1};
    ev.ev_number = (sr_span){7, 9};
    return ev;
}

static sr_doc mkdoc(const char *id, const char *text)
{
    sr_doc d;
    memset(&d, 0, sizeof d);
    d.id = id;
    d.title = "t";
    d.date = "2019-04-22";
    d.source = "src";
    d.url = "";
    d.text = text;
    d.text_len = strlen(text);
    d.origin = "test";
    return d;
}

static long count_rows(const char *path, const char *table)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    sqlite3_stmt *s = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    long n = (long)sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
    return n;
}

/* Stores the standard fixture: doc A (2 incidents in Kenya, 1 aggregate),
 * doc B (1 incident in Somalia), doc C (no events). */
static void load(sr_store *st)
{
    sr_event a[3] = {
        mk("A-1", "incident", "2019-04-20", "Al Shabaab", "Civilians (Kenya)", "Attack", "Kenya", "KEN", "Mandera",
           3, 3, 3),
        mk("A-2", "incident", "2019-04-22", "Military Forces of Kenya", "Al Shabaab", "Armed clash", "Kenya", "KEN",
           "Garissa", -1, 10, 12),
        mk("A-3", "aggregate", "2019-04-21", "Al Shabaab", "", "Attack", "Kenya", "KEN", "Mandera", 50, 60, 70),
    };
    sr_event b[1] = {
        mk("B-1", "incident", "2019-05-02", "Unidentified Armed Group (Somalia)", "", "Armed clash", "Somalia",
           "SOM", "Banaadir", 1, -1, -1),
    };
    sr_events ea = {.v = a, .n = 3}, eb = {.v = b, .n = 1}, ec = {0};
    sr_doc da = mkdoc("A", "Text of A."), db = mkdoc("B", "Text of B."), dc = mkdoc("C", "Nothing here.");
    int skipped = -1;
    assert_int_equal(sr_store_begin(st), 0);
    assert_int_equal(sr_store_add(st, &da, &ea, &skipped), 0);
    assert_int_equal(skipped, 0);
    assert_int_equal(sr_store_add(st, &db, &eb, &skipped), 0);
    assert_int_equal(skipped, 0);
    assert_int_equal(sr_store_add(st, &dc, &ec, &skipped), 0);
    assert_int_equal(skipped, 0);
    assert_int_equal(sr_store_commit(st), 0);
}

static void test_schema(void **state)
{
    fixture *f = *state;
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *s = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(s, 0), 12);
    sqlite3_finalize(s);
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(s, 0), "wal");
    sqlite3_finalize(s);
    sqlite3_close(db);
    assert_int_equal(count_rows(f->path, "documents"), 0);
    assert_int_equal(count_rows(f->path, "events"), 0);
}

static void test_add_and_skip(void **state)
{
    fixture *f = *state;
    load(f->st);
    assert_int_equal(count_rows(f->path, "documents"), 3);
    assert_int_equal(count_rows(f->path, "events"), 4);

    /* same text again (even under another id): skipped, nothing added */
    sr_event x[1] = {mk("X-1", "incident", "2019-04-20", "X", "", "Attack", "Kenya", "KEN", "Mandera", 1, 1, 1)};
    sr_events ex = {.v = x, .n = 1};
    sr_doc again = mkdoc("other-id", "Text of A.");
    int skipped = 0;
    assert_int_equal(sr_store_add(f->st, &again, &ex, &skipped), 0);
    assert_int_equal(skipped, 1);
    assert_int_equal(count_rows(f->path, "documents"), 3);
    assert_int_equal(count_rows(f->path, "events"), 4);

    /* new text whose event id is already taken: stored under a suffixed id */
    sr_event y[1] = {mk("A-1", "incident", "2019-06-01", "Y", "", "Attack", "Kenya", "KEN", "Lamu", 2, 2, 2)};
    sr_events ey = {.v = y, .n = 1};
    sr_doc other = mkdoc("A", "Updated text of A.");
    assert_int_equal(sr_store_add(f->st, &other, &ey, &skipped), 0);
    assert_int_equal(skipped, 0);
    assert_int_equal(count_rows(f->path, "events"), 5);
}

typedef struct collect {
    int n;
    char ids[32][32];
    char docs[32][32];
    sr_event first;
    int first_fat;
} collect;

static int collect_cb(void *ud, const sr_event *ev)
{
    collect *c = ud;
    if (c->n < 32) {
        snprintf(c->ids[c->n], sizeof c->ids[0], "%s", ev->event_id);
        snprintf(c->docs[c->n], sizeof c->docs[0], "%s", ev->doc_id);
    }
    if (c->n == 0) {
        c->first = *ev; /* the numeric fields and spans stay valid */
        c->first_fat = ev->fatalities;
    }
    c->n++;
    return 0;
}

static collect query(sr_store *st, sr_query q)
{
    collect c;
    memset(&c, 0, sizeof c);
    assert_int_equal(sr_store_events(st, &q, collect_cb, &c), 0);
    return c;
}

static void test_filters(void **state)
{
    fixture *f = *state;
    load(f->st);
    collect c = query(f->st, (sr_query){0});
    assert_int_equal(c.n, 4);
    /* ordered by event_date */
    assert_string_equal(c.ids[0], "A-1");
    assert_string_equal(c.ids[1], "A-3");
    assert_string_equal(c.ids[2], "A-2");
    assert_string_equal(c.ids[3], "B-1");
    assert_string_equal(c.docs[3], "B");
    /* the row comes back complete, with its evidence */
    assert_int_equal(c.first.fatalities_low, 3);
    assert_int_equal(c.first.inter1, 3);
    assert_int_equal(c.first.inter2, 7);
    assert_int_equal(c.first.time_precision, 1);
    assert_true(isnan(c.first.latitude));
    assert_int_equal(c.first.ev_trigger.start, 2);
    assert_int_equal(c.first.ev_trigger.end, 6);
    assert_int_equal(c.first.ev_number.start, 7);
    assert_int_equal(c.first.ev_place.start, -1);

    c = query(f->st, (sr_query){.since = "2019-04-21", .until = "2019-04-22"});
    assert_int_equal(c.n, 2);
    assert_string_equal(c.ids[0], "A-3");
    assert_string_equal(c.ids[1], "A-2");
    c = query(f->st, (sr_query){.country = "som"});
    assert_int_equal(c.n, 1);
    assert_string_equal(c.ids[0], "B-1");
    c = query(f->st, (sr_query){.country = "KENYA"});
    assert_int_equal(c.n, 3);
    c = query(f->st, (sr_query){.admin1 = "mandera"});
    assert_int_equal(c.n, 2);
    c = query(f->st, (sr_query){.actor = "shabaab"}); /* actor1 or actor2 */
    assert_int_equal(c.n, 3);
    c = query(f->st, (sr_query){.actor = "somalia"});
    assert_int_equal(c.n, 1);
    c = query(f->st, (sr_query){.type = "armed clash"});
    assert_int_equal(c.n, 2);
    c = query(f->st, (sr_query){.type = "battles"});
    assert_int_equal(c.n, 2);
    c = query(f->st, (sr_query){.kind = "aggregate"});
    assert_int_equal(c.n, 1);
    assert_string_equal(c.ids[0], "A-3");
    c = query(f->st, (sr_query){.limit = 2});
    assert_int_equal(c.n, 2);
    c = query(f->st, (sr_query){.country = "KEN", .kind = "incident", .actor = "kenya"});
    assert_int_equal(c.n, 2);
    /* parameters are bound, never spliced into SQL */
    c = query(f->st, (sr_query){.actor = "' OR 1=1 --"});
    assert_int_equal(c.n, 0);
}

typedef struct tallies {
    int n;
    char keys[16][32];
    sr_tally rows[16];
} tallies;

static int tally_cb(void *ud, const sr_tally *t)
{
    tallies *r = ud;
    if (r->n < 16) {
        snprintf(r->keys[r->n], sizeof r->keys[0], "%s", t->key);
        r->rows[r->n] = *t;
    }
    r->n++;
    return 0;
}

static tallies report(sr_store *st, const char *by, sr_query q)
{
    tallies r;
    memset(&r, 0, sizeof r);
    assert_int_equal(sr_store_report(st, by, &q, tally_cb, &r), 0);
    return r;
}

static void test_report(void **state)
{
    fixture *f = *state;
    load(f->st);
    tallies r = report(f->st, "country", (sr_query){0});
    assert_int_equal(r.n, 2);
    assert_string_equal(r.keys[0], "Kenya"); /* most events first */
    sr_tally k = r.rows[0];
    assert_int_equal(k.incidents, 2);
    assert_int_equal(k.aggregates, 1);
    /* A-1: 3/3/3; A-2: low unknown → best 10, high 12 */
    assert_int_equal(k.fat_low, 13);
    assert_int_equal(k.fat_best, 13);
    assert_int_equal(k.fat_high, 15);
    /* the aggregate claim is kept apart */
    assert_int_equal(k.claim_low, 50);
    assert_int_equal(k.claim_best, 60);
    assert_int_equal(k.claim_high, 70);
    sr_tally s = r.rows[1];
    assert_string_equal(r.keys[1], "Somalia");
    assert_int_equal(s.incidents, 1);
    assert_int_equal(s.aggregates, 0);
    assert_int_equal(s.fat_low, 1);
    assert_int_equal(s.fat_best, 0); /* unknown best counts 0 */
    assert_int_equal(s.claim_best, 0);

    r = report(f->st, "actor", (sr_query){0});
    assert_int_equal(r.n, 3);
    assert_string_equal(r.keys[0], "Al Shabaab");
    assert_int_equal(r.rows[0].incidents, 1);
    assert_int_equal(r.rows[0].aggregates, 1);
    assert_int_equal(r.rows[0].fat_best, 3);
    assert_int_equal(r.rows[0].claim_best, 60);

    /* 2019-04-20 is a Saturday, 04-21 a Sunday, 04-22 a Monday, 05-02 a Thursday */
    r = report(f->st, "week", (sr_query){0});
    assert_int_equal(r.n, 3);
    assert_string_equal(r.keys[0], "2019-04-15");
    assert_int_equal(r.rows[0].incidents, 1);
    assert_int_equal(r.rows[0].aggregates, 1);
    assert_string_equal(r.keys[1], "2019-04-22");
    assert_string_equal(r.keys[2], "2019-04-29");

    r = report(f->st, "month", (sr_query){0});
    assert_int_equal(r.n, 2);
    assert_string_equal(r.keys[0], "2019-04");
    assert_int_equal(r.rows[0].incidents + r.rows[0].aggregates, 3);
    assert_string_equal(r.keys[1], "2019-05");

    r = report(f->st, "admin1", (sr_query){.country = "KEN", .until = "2019-04-21"});
    assert_int_equal(r.n, 1);
    assert_string_equal(r.keys[0], "Mandera");
    assert_int_equal(r.rows[0].fat_best, 3);

    r = report(f->st, "sub_event_type", (sr_query){.kind = "incident"});
    assert_int_equal(r.n, 2);
    assert_string_equal(r.keys[0], "Armed clash");
    assert_int_equal(r.rows[0].incidents, 2);

    tallies none;
    memset(&none, 0, sizeof none);
    assert_int_equal(sr_store_report(f->st, "colour", &(sr_query){0}, tally_cb, &none), SR_EINVAL);
    assert_non_null(strstr(sr_store_error(f->st), "colour"));
}

static void test_rollback(void **state)
{
    fixture *f = *state;
    sr_event a[1] = {mk("R-1", "incident", "2019-04-20", "X", "", "Attack", "Kenya", "KEN", "Mandera", 1, 1, 1)};
    sr_events ea = {.v = a, .n = 1};
    sr_doc d = mkdoc("R", "Rolled back text.");
    int skipped = 0;
    assert_int_equal(sr_store_begin(f->st), 0);
    assert_int_equal(sr_store_add(f->st, &d, &ea, &skipped), 0);
    assert_int_equal(sr_store_rollback(f->st), 0);
    assert_int_equal(count_rows(f->path, "documents"), 0);
    assert_int_equal(count_rows(f->path, "events"), 0);
    collect c = query(f->st, (sr_query){0});
    assert_int_equal(c.n, 0);
    /* after the rollback the same document goes in */
    assert_int_equal(sr_store_add(f->st, &d, &ea, &skipped), 0);
    assert_int_equal(skipped, 0);
    assert_int_equal(count_rows(f->path, "events"), 1);
}

static void test_reopen_and_errors(void **state)
{
    fixture *f = *state;
    load(f->st);
    sr_store_free(f->st);
    char err[512] = "";
    f->st = sr_store_open(f->path, err, sizeof err);
    assert_non_null(f->st);
    collect c = query(f->st, (sr_query){0});
    assert_int_equal(c.n, 4);

    /* a file that is not a database */
    char bad[160];
    snprintf(bad, sizeof bad, "%s/not-a-db.txt", f->dir);
    FILE *fp = fopen(bad, "w");
    assert_non_null(fp);
    fputs("this is plain text, not a database at all, long enough to have a header\n", fp);
    fclose(fp);
    sr_store *st2 = sr_store_open(bad, err, sizeof err);
    assert_null(st2);
    assert_non_null(strstr(err, "not-a-db.txt"));
    unlink(bad);

    snprintf(bad, sizeof bad, "%s/no/such/dir/x.db", f->dir);
    assert_null(sr_store_open(bad, err, sizeof err));
    assert_non_null(strstr(err, "x.db"));
    assert_null(sr_store_open(NULL, err, sizeof err));
    sr_store_free(NULL);
    assert_int_equal(sr_store_add(NULL, NULL, NULL, NULL), SR_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_schema, setup, teardown),
        cmocka_unit_test_setup_teardown(test_add_and_skip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_filters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rollback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reopen_and_errors, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
