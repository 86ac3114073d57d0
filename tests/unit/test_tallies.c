/* test_tallies.c — the tallies of store schema 3 (kept by triggers, read by
 * sr_store_report and sr_store_scope) and the tallies crossed by filter value
 * of schema 8 (--admin1, --type, --actor) give the same answers as summing the
 * events themselves: a random store of news and reference events (some
 * replaced by a re-import), many periods (whole years, months, odd days, open
 * ends), countries, origins and filters, every key; after documents are
 * deleted, after incidents are reconciled anew, and after the upgrades. */
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

static char dir[64], path[128];

static uint64_t rs = 12345;
static unsigned rnd(unsigned n)
{
    rs = rs * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)((rs >> 33) % n);
}

static void fill(sr_store *st)
{
    static const char *actors[] = {"Al Shabaab", "Boko Haram", "Taliban", ""};
    static const char *admins[] = {"Mandera", "Borno", "Helmand", ""};
    static const char *countries[][2] = {{"Kenya", "KEN"}, {"Nigeria", "NGA"}, {"Afghanistan", "AFG"}};
    static const char *subs[] = {"Attack", "Armed clash", "Peaceful protest", "riots"};
    static const char *types[] = {"Battles", "Riots", "Protests"};
    char date[11], id[32], text[32];
    sr__date d0 = {2019, 11, 20};
    long base = sr__date_days(d0);
    assert_int_equal(sr_store_begin(st), 0);
    for (int doc = 0; doc < 150; doc++) {
        sr_event ev[3];
        int n = 1 + (int)rnd(3);
        for (int i = 0; i < n; i++) {
            sr_event *e = &ev[i];
            memset(e, 0, sizeof *e);
            if (rnd(15) == 0)
                date[0] = 0; /* undated */
            else
                sr__date_fmt(sr__date_from_days(base + rnd(200)), date);
            memcpy(e->event_date, date, 11);
            e->time_precision = rnd(6) ? 1 : 3; /* a month: not in the alert tallies */
            snprintf(id, sizeof id, "d%d-%d", doc, i);
            e->doc_id = "";
            e->event_id = strdup(id);
            e->kind = rnd(6) ? "incident" : "aggregate";
            e->event_type = types[rnd(3)];
            e->sub_event_type = subs[rnd(4)];
            e->actor1 = actors[rnd(4)];
            e->admin1 = admins[rnd(4)];
            int c = (int)rnd(3);
            e->country = countries[c][0];
            e->iso3 = countries[c][1];
            e->assoc_actor_1 = e->actor2 = e->assoc_actor_2 = e->admin2 = e->location = e->source = e->notes = "";
            /* schema 12: a district, and now and then a second actor (pairs, and
             * an actor2 equal to actor1), without drawing from rnd */
            e->admin2 = (doc + i) % 3 == 0 ? "" : doc % 2 ? "Zone A" : "Zone B";
            if ((doc * 7 + i) % 5 == 0)
                e->actor2 = actors[(doc + i) % 4];
            if (!strcmp(e->kind, "aggregate") && date[0] && (doc + i) % 3) { /* a claim over a period */
                sr__date_fmt(sr__date_from_days(sr__date_days((sr__date){atoi(date), atoi(date + 5), atoi(date + 8)}) -
                                                (doc * 37 + i * 11) % 90),
                             e->date_start);
                memcpy(e->date_end, date, 11);
                if (doc % 2)
                    e->event_type = "";
            }
            if (rnd(3) == 0) /* a second actor, at times the first one again */
                e->actor2 = rnd(4) ? actors[rnd(3)] : e->actor1;
            e->latitude = e->longitude = NAN;
            e->fatalities = rnd(4) ? (int)rnd(20) : -1;
            e->fatalities_low = rnd(3) ? e->fatalities : -1;
            e->fatalities_high = rnd(3) ? e->fatalities + (int)rnd(5) : -1;
            e->ev_sentence = e->ev_trigger = e->ev_actor1 = e->ev_actor2 = e->ev_place = e->ev_date = e->ev_number =
                e->ev_source = (sr_span){-1, -1};
        }
        snprintf(text, sizeof text, "text %d", doc);
        sr_doc d = {.id = text, .title = "", .date = "", .source = "", .url = "", .text = text,
                    .text_len = strlen(text), .origin = "t"};
        if (doc % 5 == 4) {
            /* reference events; every other such file re-imports ids of the previous one */
            const char *origin = doc % 10 == 4 ? "acled" : "ucdp";
            if (doc % 10 == 9)
                for (int i = 0; i < n; i++) {
                    free((char *)ev[i].event_id);
                    snprintf(id, sizeof id, "d%d-%d", doc - 5, i);
                    ev[i].event_id = strdup(id);
                    origin = "acled";
                }
            assert_int_equal(sr_store_add_reference(st, origin, &d, ev, (size_t)n, NULL), 0);
        } else {
            sr_events evs = {.v = ev, .n = (size_t)n};
            assert_int_equal(sr_store_add(st, &d, &evs, NULL), 0);
        }
        for (int i = 0; i < n; i++)
            free((char *)ev[i].event_id);
    }
    assert_int_equal(sr_store_commit(st), 0);
}

typedef struct rowset {
    int n;
    char key[128][40];
    long v[128][8];
} rowset;

static int collect(void *ud, const sr_tally *t)
{
    rowset *r = ud;
    if (r->n < 128) {
        snprintf(r->key[r->n], sizeof r->key[0], "%s", t->key);
        long v[8] = {t->incidents, t->aggregates, t->fat_low, t->fat_best, t->fat_high, t->claim_low, t->claim_best,
                     t->claim_high};
        memcpy(r->v[r->n], v, sizeof v);
    }
    r->n++;
    return 0;
}

/* What is counted: events, except that news incidents count once through
 * their incident (schema version 5, docs/dedup.md). */
#define COUNTED                                                                                            \
    "(SELECT kind, origin, event_date, actor1, actor2, admin1, admin2, country, iso3, event_type, sub_event_type,"  \
    " fatalities, fatalities_low, fatalities_high FROM events WHERE incident_id IS NULL UNION ALL SELECT"   \
    " kind, origin, event_date, actor1, actor2, admin1, admin2, country, iso3, event_type, sub_event_type,"         \
    " fatalities, fatalities_low, fatalities_high FROM incidents)"

/* The expected rows, summed from the events with SQL written here. */
static void expected(sqlite3 *db, const char *keyexpr, const char *where, rowset *r)
{
    char sql[2048];
    snprintf(sql, sizeof sql,
             "SELECT %s AS k, SUM(kind = 'incident'), SUM(kind = 'aggregate'),"
             " SUM(CASE WHEN kind = 'incident' THEN COALESCE(fatalities_low, fatalities, 0) ELSE 0 END),"
             " SUM(CASE WHEN kind = 'incident' THEN COALESCE(fatalities, 0) ELSE 0 END),"
             " SUM(CASE WHEN kind = 'incident' THEN COALESCE(fatalities_high, fatalities, 0) ELSE 0 END),"
             " SUM(CASE WHEN kind = 'aggregate' THEN COALESCE(fatalities_low, fatalities, 0) ELSE 0 END),"
             " SUM(CASE WHEN kind = 'aggregate' THEN COALESCE(fatalities, 0) ELSE 0 END),"
             " SUM(CASE WHEN kind = 'aggregate' THEN COALESCE(fatalities_high, fatalities, 0) ELSE 0 END)"
             " FROM " COUNTED " WHERE %s GROUP BY k ORDER BY k",
             keyexpr, where);
    sqlite3_stmt *s = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
    memset(r, 0, sizeof *r);
    while (sqlite3_step(s) == SQLITE_ROW && r->n < 128) {
        snprintf(r->key[r->n], sizeof r->key[0], "%s", (const char *)sqlite3_column_text(s, 0));
        for (int i = 0; i < 8; i++)
            r->v[r->n][i] = (long)sqlite3_column_int64(s, i + 1);
        r->n++;
    }
    sqlite3_finalize(s);
}

static long value(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    long v = (long)sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

static int cmp_key(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

static void check_all(sr_store *st, sqlite3 *db)
{
    static const char *periods[][2] = {
        {NULL, NULL},           {"2020-01-01", "2020-12-31"}, {"2020-02-01", "2020-04-30"},
        {"2019-12-17", "2021-01-09"}, {"2020-03-05", "2020-03-05"}, {"2020-06-10", NULL},
        {NULL, "2020-08-14"},   {"2019-11-30", "2020-02-29"}, {"2021-01-01", NULL},
        /* schema 10: a partial month read as its month less the days outside */
        {"2020-05-03", "2020-07-27"}, {"2020-04-02", "2020-04-29"},
    };
    static const char *countries[] = {NULL, "Kenya", "nga"};
    static const char *origins[] = {NULL, "acled", "ucdp", "all"};
    static const struct {
        const char *by, *expr;
    } keys[] = {{"actor", "actor1"}, {"admin1", "admin1"}, {"country", "country"},
                {"sub_event_type", "sub_event_type"}, {"month", "substr(event_date, 1, 7)"}, {"admin2", "admin2"},
                {"week", "COALESCE(date(event_date, printf('-%d days', (CAST(strftime('%w', event_date) AS INTEGER) + 6) % 7)), '')"}};
    /* the one filter the crossed tallies answer (schema 8), its direct SQL,
     * and a kind; an actor substring may match both actors of an event */
    static const struct {
        const char *admin1, *type, *actor, *kind, *sql;
    } filters[] = {
        {NULL, NULL, NULL, NULL, "1"},
        {"borno", NULL, NULL, NULL, "admin1 = 'borno' COLLATE NOCASE"},
        {"Mandera", NULL, NULL, "incident", "admin1 = 'Mandera' COLLATE NOCASE AND kind = 'incident'"},
        {NULL, "RIOTS", NULL, NULL, "(event_type = 'RIOTS' COLLATE NOCASE OR sub_event_type = 'RIOTS' COLLATE NOCASE)"},
        {NULL, "Attack", NULL, "aggregate",
         "(event_type = 'Attack' COLLATE NOCASE OR sub_event_type = 'Attack' COLLATE NOCASE) AND kind = 'aggregate'"},
        {NULL, NULL, "A", NULL, "(instr(lower(actor1), 'a') > 0 OR instr(lower(actor2), 'a') > 0)"},
        {NULL, NULL, "boko", NULL, "(instr(lower(actor1), 'boko') > 0 OR instr(lower(actor2), 'boko') > 0)"},
        {NULL, NULL, "ban", "incident",
         "(instr(lower(actor1), 'ban') > 0 OR instr(lower(actor2), 'ban') > 0) AND kind = 'incident'"},
        /* two names of three, one not (and none): the complement, also on
         * the days of partial months (tallies less the other names' units) */
        {NULL, NULL, "HA", NULL, "(instr(lower(actor1), 'ha') > 0 OR instr(lower(actor2), 'ha') > 0)"},
        {NULL, NULL, "bA", "aggregate",
         "(instr(lower(actor1), 'ba') > 0 OR instr(lower(actor2), 'ba') > 0) AND kind = 'aggregate'"},
    };
    int checked = 0, nonempty = 0;
    for (size_t f = 0; f < sizeof filters / sizeof filters[0]; f++)
    for (size_t p = 0; p < sizeof periods / sizeof periods[0]; p++)
        for (size_t c = 0; c < 3; c++)
            for (size_t o = 0; o < 4; o++) {
                if (f && (c == 1 || o == 1 || o == 2))
                    continue; /* the filters: one country, news and all origins (time) */
                sr_query q = {.since = periods[p][0], .until = periods[p][1], .country = countries[c],
                              .origin = origins[o], .admin1 = filters[f].admin1, .type = filters[f].type,
                              .actor = filters[f].actor, .kind = filters[f].kind};
                char where[1024];
                int w = snprintf(where, sizeof where, "%s",
                                 !origins[o] ? "origin = 'news'" : !strcmp(origins[o], "all") ? "1" : "");
                if (origins[o] && strcmp(origins[o], "all"))
                    w = snprintf(where, sizeof where, "origin = '%s'", origins[o]);
                if (periods[p][0])
                    w += snprintf(where + w, sizeof where - (size_t)w, " AND event_date <> '' AND event_date >= '%s'",
                                  periods[p][0]);
                if (periods[p][1])
                    w += snprintf(where + w, sizeof where - (size_t)w, " AND event_date <> '' AND event_date <= '%s'",
                                  periods[p][1]);
                if (countries[c])
                    w += snprintf(where + w, sizeof where - (size_t)w,
                                  " AND (country = '%s' COLLATE NOCASE OR iso3 = '%s' COLLATE NOCASE)", countries[c],
                                  countries[c]);
                snprintf(where + w, sizeof where - (size_t)w, " AND %s", filters[f].sql);
                for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
                    rowset got = {0}, want;
                    assert_int_equal(sr_store_report(st, keys[k].by, &q, collect, &got), 0);
                    expected(db, keys[k].expr, where, &want);
                    assert_true(got.n <= 128);
                    /* same rows; compare in key order */
                    rowset sorted = got;
                    for (int i = 0; i < got.n; i++)
                        for (int j = i + 1; j < got.n; j++)
                            if (strcmp(sorted.key[i], sorted.key[j]) > 0) {
                                char tk[40];
                                long tv[8];
                                memcpy(tk, sorted.key[i], 40), memcpy(sorted.key[i], sorted.key[j], 40),
                                    memcpy(sorted.key[j], tk, 40);
                                memcpy(tv, sorted.v[i], sizeof tv), memcpy(sorted.v[i], sorted.v[j], sizeof tv),
                                    memcpy(sorted.v[j], tv, sizeof tv);
                            }
                    if (got.n != want.n)
                        fprintf(stderr, "by %s, filter %zu, period %zu, country %zu, origin %zu: %d rows, want %d\n",
                                keys[k].by, f, p, c, o, got.n, want.n);
                    assert_int_equal(got.n, want.n);
                    for (int i = 0; i < got.n; i++) {
                        assert_string_equal(sorted.key[i], want.key[i]);
                        assert_memory_equal(sorted.v[i], want.v[i], sizeof want.v[i]);
                    }
                    checked++;
                }
                /* scope: events, documents (at their first event), first and last date */
                sr_scope sc;
                assert_int_equal(sr_store_scope(st, &q, &sc), 0);
                char sql[2048];
                snprintf(sql, sizeof sql, "SELECT count(*) FROM " COUNTED " WHERE %s", where);
                assert_int_equal(sc.events, value(db, sql));
                if (f) /* with a filter (schema 10): the reports (events rows) that pass it */
                    snprintf(sql, sizeof sql, "SELECT count(*) FROM events WHERE %s", where);
                else
                    snprintf(sql, sizeof sql,
                             "SELECT count(*) FROM events WHERE id IN (SELECT min(id) FROM events GROUP BY document_id)"
                             " AND %s",
                             where);
                assert_int_equal(sc.documents, value(db, sql));
                snprintf(sql, sizeof sql,
                         "SELECT COALESCE((SELECT CAST(replace(min(event_date), '-', '') AS INTEGER) FROM " COUNTED
                         " WHERE event_date <> '' AND %s), 0)",
                         where);
                char first[16];
                snprintf(first, sizeof first, "%ld", value(db, sql));
                char gotfirst[16] = "0";
                if (sc.first[0])
                    snprintf(gotfirst, sizeof gotfirst, "%.4s%.2s%.2s", sc.first, sc.first + 5, sc.first + 8);
                assert_string_equal(gotfirst, first);
                snprintf(sql, sizeof sql,
                         "SELECT COALESCE((SELECT CAST(replace(max(event_date), '-', '') AS INTEGER) FROM " COUNTED
                         " WHERE event_date <> '' AND %s), 0)",
                         where);
                char lastd[16], gotlast[16] = "0";
                snprintf(lastd, sizeof lastd, "%ld", value(db, sql));
                if (sc.last[0])
                    snprintf(gotlast, sizeof gotlast, "%.4s%.2s%.2s", sc.last, sc.last + 5, sc.last + 8);
                assert_string_equal(gotlast, lastd);
                nonempty += f && sc.events > 0;
            }
    assert_true(checked > 600 + 7 * 200);
    assert_true(nonempty > 100); /* the filters select something in most periods */
    (void)cmp_key;
}

/* What the alert tallies and marks count: every news incident once (an
 * unlinked report or an incident), by series dimension and granularity. */
static const char *const units =
    "(SELECT kind, origin, event_date, time_precision, actor1, admin1, country, iso3, fatalities FROM events"
    " WHERE incident_id IS NULL UNION ALL SELECT kind, origin, event_date, time_precision, actor1, admin1,"
    " country, iso3, fatalities FROM incidents)";
static const struct {
    const char *dim, *key, *cond;
} dims[] = {{"actor", "actor1", "actor1 <> ''"},
            {"admin1", "admin1", "admin1 <> ''"},
            {"pair", "actor1 || ' | ' || admin1", "actor1 <> '' AND admin1 <> ''"}};
static const struct {
    const char *gran, *period;
} grans[] = {{"D", "event_date"},
             {"W", "date(event_date, printf('-%d days', (CAST(strftime('%w', event_date) AS INTEGER) + 6) % 7))"}};

/* The alert tallies (schema version 6) hold, row for row, the counts summed
 * here from the dated incidents (each news incident once). */
static void check_alerts(sqlite3 *db)
{
    static char want[16384], sql[40000];
    want[0] = 0;
    for (size_t d = 0; d < 3; d++)
        for (size_t g = 0; g < 2; g++) {
            size_t len = strlen(want);
            assert_true(len + 1024 < sizeof want);
            snprintf(want + len, sizeof want - len,
                     "%sSELECT origin, '%s', '%s', %s, %s, country, iso3, count(*), SUM(COALESCE(fatalities, 0)),"
                     " SUM(COALESCE(fatalities, 0) > 0) FROM %s WHERE kind = 'incident' AND event_date <> ''"
                     " AND (time_precision IS NULL OR time_precision < 3) AND %s GROUP BY 1, 2, 3, 4, 5, 6, 7",
                     len ? " UNION ALL " : "", dims[d].dim, grans[g].gran, grans[g].period, dims[d].key, units,
                     dims[d].cond);
        }
    static const char *const have =
        "SELECT origin, dim, gran, period, key, country, iso3, n, fat, nfat FROM alert_tallies"
        " WHERE n <> 0 OR fat <> 0 OR nfat <> 0";
    snprintf(sql, sizeof sql,
             "SELECT (SELECT count(*) FROM (SELECT * FROM (%s) EXCEPT %s))"
             " + (SELECT count(*) FROM (%s EXCEPT SELECT * FROM (%s)))",
             want, have, have, want);
    assert_int_equal(value(db, sql), 0);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM (%s)", want);
    assert_true(value(db, sql) > 100);
}

/* The toll histogram behind --metric fatalities (alert_marks) equals, row for
 * row, the incidents with a positive toll counted directly, and sums to the
 * fatalities of the alert tallies. */
static void check_marks(sqlite3 *db)
{
    static char want[16384], sql[40000];
    want[0] = 0;
    for (size_t d = 0; d < 3; d++)
        for (size_t g = 0; g < 2; g++) {
            size_t len = strlen(want);
            assert_true(len + 1024 < sizeof want);
            snprintf(want + len, sizeof want - len,
                     "%sSELECT origin, '%s', '%s', %s, %s, country, iso3, fatalities, count(*)"
                     " FROM %s WHERE kind = 'incident' AND event_date <> '' AND fatalities > 0"
                     " AND (time_precision IS NULL OR time_precision < 3) AND %s GROUP BY 1, 2, 3, 4, 5, 6, 7, 8",
                     len ? " UNION ALL " : "", dims[d].dim, grans[g].gran, grans[g].period, dims[d].key, units,
                     dims[d].cond);
        }
    static const char *const have =
        "SELECT origin, dim, gran, period, key, country, iso3, toll, n FROM alert_marks WHERE n <> 0";
    snprintf(sql, sizeof sql,
             "SELECT (SELECT count(*) FROM (SELECT * FROM (%s) EXCEPT %s))"
             " + (SELECT count(*) FROM (%s EXCEPT SELECT * FROM (%s)))",
             want, have, have, want);
    assert_int_equal(value(db, sql), 0);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM (%s)", want);
    assert_true(value(db, sql) > 50);
    /* the histogram sums to the tallied fatalities and incidents with deaths */
    assert_int_equal(value(db, "SELECT (SELECT SUM(fat) FROM alert_tallies) - (SELECT SUM(toll * n) FROM alert_marks)"
                               " + (SELECT SUM(nfat) FROM alert_tallies) - (SELECT SUM(n) FROM alert_marks)"),
                     0);
    assert_true(value(db, "SELECT SUM(fat) FROM alert_tallies") > 50);
}

static int sum_claims(void *ud, const sr_claim *c)
{
    long *v = ud;
    v[0] += c->incidents;
    v[1] += c->fat_best;
    v[2] += c->incidents > 0 && c->incident_ids[0] != 0;
    v[3] += c->incidents > 0;
    return 0;
}

/* The claim links (schema 8) equal, row for row, the incidents each claim's
 * scope covers, computed here (its date, country or ISO3, admin1, actor as a
 * substring of either actor, event or sub-event type, each when named), and
 * sr_store_claims sums the linked incidents' tolls. */
static void check_claims(sr_store *st, sqlite3 *db)
{
    static const char *const want =
        "SELECT c.id AS claim, i.id AS incident FROM events c, incidents i WHERE c.kind = 'aggregate'"
        " AND i.kind = 'incident' AND i.origin = c.origin AND COALESCE(NULLIF(c.date_start, ''), c.event_date) <> ''"
        " AND i.event_date <> '' AND i.event_date BETWEEN COALESCE(NULLIF(c.date_start, ''), c.event_date)"
        " AND COALESCE(NULLIF(c.date_end, ''), NULLIF(c.date_start, ''), c.event_date)"
        " AND (c.country = '' OR upper(i.country) = upper(c.country) OR upper(i.iso3) = upper(c.country))"
        " AND (c.admin1 = '' OR upper(i.admin1) = upper(c.admin1)) AND (c.actor1 = ''"
        " OR i.actor1 LIKE '%' || c.actor1 || '%' OR i.actor2 LIKE '%' || c.actor1 || '%') AND"
        " (c.event_type = '' OR upper(i.event_type) = upper(c.event_type) OR upper(i.sub_event_type) ="
        " upper(c.event_type))";
    char sql[4096];
    snprintf(sql, sizeof sql,
             "SELECT (SELECT count(*) FROM (%s EXCEPT SELECT claim, incident FROM claim_links))"
             " + (SELECT count(*) FROM (SELECT claim, incident FROM claim_links EXCEPT %s))",
             want, want);
    assert_int_equal(value(db, sql), 0);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM (%s)", want);
    long links = value(db, sql);
    assert_true(links > 5);
    long got[4] = {0};
    assert_int_equal(sr_store_claims(st, &(sr_query){.origin = "all"}, sum_claims, got), 0);
    assert_int_equal(got[0], links);
    snprintf(sql, sizeof sql,
             "SELECT SUM(COALESCE(i.fatalities, 0)) FROM (%s) l JOIN incidents i ON i.id = l.incident", want);
    assert_int_equal(got[1], value(db, sql));
    assert_int_equal(got[2], got[3]); /* each claim with incidents lists them */
}

/* The derived tables kept up batch by batch (pending units added up per
 * commit, schema 9) hold the same non-zero rows as the same tables built in
 * bulk from the stored events, as an upgrade from schema 5 builds them (and
 * bench/mkstore, from schema 3). */
static void check_rebuild(sr_store *st, const char *file, sqlite3 *db)
{
    static const char *const tabs[][2] = {
        {"tallies", "incidents <> 0 OR aggregates <> 0 OR fat_low <> 0 OR fat_best <> 0 OR fat_high <> 0"
                    " OR claim_low <> 0 OR claim_best <> 0 OR claim_high <> 0"},
        {"ftallies", "incidents <> 0 OR aggregates <> 0 OR fat_low <> 0 OR fat_best <> 0 OR fat_high <> 0"
                     " OR claim_low <> 0 OR claim_best <> 0 OR claim_high <> 0"},
        {"alert_tallies", "n <> 0 OR fat <> 0 OR nfat <> 0"},
        {"alert_marks", "n <> 0"},
        {"claim_links", "1"},
        {"aseries", "length(v) > 0"}, /* schema 11: canonical bytes, so equal sums are equal values */
        {"kseries", "length(v) > 0"}, /* schema 12: likewise */
    };
    char sql[1024], err[256];
    /* a report first: units left pending by raw SQL are added up */
    assert_int_equal(sr_store_report(st, "actor", &(sr_query){.actor = "a"}, collect, &(rowset){0}), 0);
    for (size_t i = 0; i < sizeof tabs / sizeof tabs[0]; i++) {
        snprintf(sql, sizeof sql, "DROP TABLE IF EXISTS temp.was_%s; CREATE TEMP TABLE was_%s AS SELECT * FROM %s WHERE %s",
                 tabs[i][0], tabs[i][0], tabs[i][0], tabs[i][1]);
        assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    }
    sr_store_free(st);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 5", NULL, NULL, NULL), SQLITE_OK);
    st = sr_store_open(file, err, sizeof err);
    assert_non_null(st);
    assert_int_equal(value(db, "PRAGMA user_version"), 12);
    for (size_t i = 0; i < sizeof tabs / sizeof tabs[0]; i++) {
        snprintf(sql, sizeof sql,
                 "SELECT (SELECT count(*) FROM (SELECT * FROM %s WHERE %s EXCEPT SELECT * FROM temp.was_%s))"
                 " + (SELECT count(*) FROM (SELECT * FROM temp.was_%s EXCEPT SELECT * FROM %s WHERE %s))",
                 tabs[i][0], tabs[i][1], tabs[i][0], tabs[i][0], tabs[i][0], tabs[i][1]);
        assert_int_equal(value(db, sql), 0);
        snprintf(sql, sizeof sql, "SELECT count(*) FROM temp.was_%s", tabs[i][0]);
        assert_true(value(db, sql) > 5);
    }
    sr_store_free(st);
}

static void test_tallies(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/sitrep-test-tallies-XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/t.db", dir);
    char err[256];
    sr_store *st = sr_store_open(path, err, sizeof err);
    assert_non_null(st);
    fill(st);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_true(value(db, "SELECT count(*) FROM events WHERE origin = 'acled'") > 10);
    assert_true(value(db, "SELECT count(*) FROM events WHERE event_date = ''") > 5);
    /* some news reports were linked to an incident reported before */
    assert_true(value(db, "SELECT count(*) FROM incidents WHERE n_reports > 1") > 3);
    check_all(st, db);
    check_alerts(db);
    check_claims(st, db);
    /* deleting documents (their events go by cascade) keeps the tallies right */
    assert_int_equal(sqlite3_exec(db, "PRAGMA foreign_keys = ON; DELETE FROM documents WHERE id % 7 = 3", NULL, NULL,
                                  NULL),
                     SQLITE_OK);
    check_all(st, db);
    check_alerts(db);
    check_marks(db);
    check_claims(st, db);
    /* incidents reconciled anew (tolls, actor, region change as reports move) */
    assert_int_equal(sqlite3_exec(db,
                                  "UPDATE incidents SET fatalities = COALESCE(fatalities, 0) + 3 WHERE id % 5 = 1;"
                                  " UPDATE incidents SET fatalities = NULL WHERE id % 5 = 2;"
                                  " UPDATE incidents SET admin1 = 'Moved Region' WHERE id % 6 = 4;"
                                  " UPDATE events SET fatalities = 7 WHERE incident_id IS NULL AND id % 4 = 0;"
                                  " UPDATE incidents SET actor2 = 'Taliban' WHERE id % 7 = 5;"
                                  " UPDATE incidents SET sub_event_type = 'Riots' WHERE id % 8 = 3;"
                                  " UPDATE events SET actor2 = 'Boko Haram', event_type = 'Riots'"
                                  " WHERE incident_id IS NULL AND id % 5 = 0",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_true(value(db, "SELECT count(*) FROM alert_marks WHERE key LIKE '%Moved Region' AND n > 0") > 0);
    /* (schema 9) changes made by raw SQL wait in ftallies_pending; the next
     * report adds them up before reading */
    assert_true(value(db, "SELECT count(*) FROM ftallies_pending") > 0);
    check_alerts(db);
    check_marks(db);
    check_all(st, db);
    assert_int_equal(value(db, "SELECT count(*) FROM ftallies_pending"), 0);
    assert_true(value(db, "SELECT count(*) FROM ftallies WHERE fval = 'moved region' AND incidents > 0") > 0);
    check_claims(st, db);
    /* a version-7 store gains the crossed tallies (built from its events)
     * and the wider filter indexes when opened */
    sr_store_free(st);
    assert_int_equal(sqlite3_exec(db,
                                  "DROP TABLE ftallies; DROP TABLE actor_names; DROP TABLE actor_pairs;"
                                  " DROP TRIGGER ftallies_ins; DROP TRIGGER ftallies_del; DROP TRIGGER ftallies_upd;"
                                  " DROP TRIGGER ftallies_inc_ins; DROP TRIGGER ftallies_inc_del;"
                                  " DROP TRIGGER ftallies_inc_upd; DROP INDEX events_admin1; DROP INDEX events_actor1;"
                                  " DROP TABLE claim_links; DROP TRIGGER claims_ins; DROP TRIGGER claims_del;"
                                  " DROP TRIGGER claims_upd; DROP TRIGGER claims_inc_ins; DROP TRIGGER claims_inc_del;"
                                  " DROP TRIGGER claims_inc_upd;"
                                  " CREATE INDEX events_admin1 ON events(admin1 COLLATE NOCASE);"
                                  " CREATE INDEX events_actor1 ON events(actor1); PRAGMA user_version = 7",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    st = sr_store_open(path, err, sizeof err);
    assert_non_null(st);
    assert_int_equal(value(db, "PRAGMA user_version"), 12);
    assert_int_equal(value(db, "SELECT count(*) FROM pragma_index_info('events_admin1')"), 4);
    check_all(st, db);
    check_claims(st, db);
    /* a version-6 store gains the histogram when opened */
    sr_store_free(st);
    assert_int_equal(sqlite3_exec(db,
                                  "DROP TABLE alert_marks; DROP TRIGGER marks_ins; DROP TRIGGER marks_del;"
                                  " DROP TRIGGER marks_upd; DROP TRIGGER marks_inc_ins; DROP TRIGGER marks_inc_del;"
                                  " DROP TRIGGER marks_inc_upd; PRAGMA user_version = 6",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    st = sr_store_open(path, err, sizeof err);
    assert_non_null(st);
    assert_int_equal(value(db, "PRAGMA user_version"), 12);
    check_marks(db);
    check_alerts(db);
    /* a version-9 store gains the reports rows and the units' indexes */
    sr_store_free(st);
    assert_int_equal(sqlite3_exec(db,
                                  "DELETE FROM ftallies WHERE dim = 'rep'; DROP TRIGGER ftallies_ins;"
                                  " DROP TRIGGER ftallies_del; DROP TRIGGER ftallies_upd; DROP TRIGGER ftallies_inc_ins;"
                                  " DROP TRIGGER ftallies_inc_del; DROP TRIGGER ftallies_inc_upd;"
                                  " ALTER TABLE ftallies_pending DROP COLUMN rep; DROP INDEX incidents_units;"
                                  " DROP INDEX events_unlinked_units; DROP INDEX events_reports; PRAGMA user_version = 9",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    st = sr_store_open(path, err, sizeof err);
    assert_non_null(st);
    assert_int_equal(value(db, "PRAGMA user_version"), 12);
    assert_true(value(db, "SELECT count(*) FROM ftallies WHERE dim = 'rep' AND incidents > 0") > 10);
    assert_int_equal(value(db, "SELECT count(*) FROM pragma_index_info('incidents_units')"), 14);
    check_all(st, db);
    /* a version-10 store gains the actors' packed series (schema 11), built
     * from its units and reports */
    sr_store_free(st);
    assert_int_equal(sqlite3_exec(db, "DROP TABLE aseries; PRAGMA user_version = 10", NULL, NULL, NULL), SQLITE_OK);
    st = sr_store_open(path, err, sizeof err);
    assert_non_null(st);
    assert_int_equal(value(db, "PRAGMA user_version"), 12);
    assert_true(value(db, "SELECT count(*) FROM aseries WHERE fdim = 'actor1' AND length(v) > 0") > 10);
    assert_true(value(db, "SELECT count(*) FROM aseries WHERE fdim = 'pair' AND length(v) > 0") > 3);
    check_all(st, db);
    /* a version-11 store gains the actors' keyed series (schema 12), built
     * from its units */
    sr_store_free(st);
    assert_int_equal(sqlite3_exec(db,
                                  "DROP TABLE kseries; DELETE FROM aseries WHERE fdim = 'all' OR (fdim = 'actor1'"
                                  " AND fval = ''); PRAGMA user_version = 11",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    st = sr_store_open(path, err, sizeof err);
    assert_non_null(st);
    assert_int_equal(value(db, "PRAGMA user_version"), 12);
    /* and the values of every unit and of the units without actor1 (the
     * complement of a substring matching most names) */
    assert_true(value(db, "SELECT count(*) FROM aseries WHERE fdim = 'all' AND length(v) > 0") > 5);
    assert_true(value(db, "SELECT count(*) FROM aseries WHERE fdim = 'actor1' AND fval = '' AND length(v) > 0") > 3);
    assert_true(value(db, "SELECT count(*) FROM kseries WHERE fdim = 'actor1' AND fval = '' AND length(v) > 0") > 3);
    assert_true(value(db, "SELECT count(*) FROM kseries WHERE fdim = 'actor1' AND dim = 'week' AND length(v) > 0") > 10);
    assert_true(value(db, "SELECT count(*) FROM kseries WHERE fdim = 'pair' AND dim = 'admin2' AND length(v) > 0") > 3);
    check_all(st, db);
    check_rebuild(st, path, db); /* closes st */
    sqlite3_close(db);
    const char *sfx[] = {"", "-wal", "-shm"};
    for (size_t i = 0; i < 3; i++) {
        char p[160];
        snprintf(p, sizeof p, "%s%s", path, sfx[i]);
        unlink(p);
    }
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tallies),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
