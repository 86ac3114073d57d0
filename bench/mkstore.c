/* mkstore.c — builds a synthetic sitrep store of N events (default 1,000,000)
 * for timing `sitrep report` and `sitrep alerts` (bench/store_bench): the
 * schema comes from sr_store_open, the rows go in with raw SQL inserts in one
 * transaction with the indexes and triggers set aside, each news incident
 * its own incident row (schema 5's linking); the store is then marked schema
 * version 3 so that sr_store_open builds the tallies, alert tallies, toll
 * histogram and crossed tallies from the events (the upgrade path users get). Ten years of events, skewed like real data: a few actors and
 * regions hold most events (Zipf), the volume grows over time, one event in
 * twenty is an aggregate claim, and about 1.5 events per document.
 * Usage: mkstore FILE [N] [SEED] */
#include "sitrep.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 88172645463325252ULL;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}
static double unif(void) { return ((double)(next() >> 11) + 0.5) / 9007199254740992.0; }

/* Zipf(s = 1.1) over [0, n) by inversion of a precomputed table. */
typedef struct zipf {
    double *cdf;
    int n;
} zipf;
static void zipf_init(zipf *z, int n)
{
    z->n = n;
    z->cdf = malloc((size_t)n * sizeof *z->cdf);
    if (!z->cdf)
        exit(1);
    double s = 0;
    for (int i = 0; i < n; i++)
        z->cdf[i] = (s += pow(i + 1, -1.1));
    for (int i = 0; i < n; i++)
        z->cdf[i] /= s;
}
static int zipf_draw(const zipf *z)
{
    double u = unif();
    int lo = 0, hi = z->n - 1;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (z->cdf[mid] < u)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void date_of(long z, char out[11])
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097, doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9, y = yoe + era * 400 + (m <= 2);
    snprintf(out, 11, "%04d-%02d-%02d", (int)(y % 10000), (int)(m % 13), (int)(d % 32));
}

static void check(sqlite3 *db, int rc, const char *what)
{
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        fprintf(stderr, "mkstore: %s: %s\n", what, sqlite3_errmsg(db));
        exit(1);
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: mkstore FILE [N] [SEED]\n");
        return 2;
    }
    const char *path = argv[1];
    long n = argc > 2 ? atol(argv[2]) : 1000000;
    if (argc > 3)
        rng ^= strtoull(argv[3], NULL, 10) * 0x9e3779b97f4a7c15ULL;
    if (n < 1 || n > 100000000) {
        fprintf(stderr, "mkstore: N must be 1 to 100000000\n");
        return 2;
    }
    remove(path);
    char err[512];
    sr_store *st = sr_store_open(path, err, sizeof err); /* creates the schema */
    if (!st) {
        fprintf(stderr, "mkstore: %s\n", err);
        return 1;
    }
    sr_store_free(st);

    static const char *const subs[][2] = {
        {"Battles", "Armed clash"},
        {"Explosions/Remote violence", "Air/drone strike"},
        {"Explosions/Remote violence", "Shelling/artillery/missile attack"},
        {"Explosions/Remote violence", "Remote explosive/landmine/IED"},
        {"Violence against civilians", "Attack"},
        {"Violence against civilians", "Abduction/forced disappearance"},
        {"Protests", "Peaceful protest"},
        {"Protests", "Protest with intervention"},
        {"Riots", "Violent demonstration"},
        {"Riots", "Mob violence"},
        {"Strategic developments", "Arrests"},
        {"Battles", "Government regains territory"},
    };
    const int nsubs = (int)(sizeof subs / sizeof subs[0]);
    enum { NACTORS = 3000, NADMIN = 400, NCOUNTRY = 40 };
    zipf za, zb, zs;
    zipf_init(&za, NACTORS);
    zipf_init(&zb, NADMIN);
    zipf_init(&zs, nsubs);
    long day0 = 16436 /* 2015-01-01 */, ndays = 3653;

    sqlite3 *db;
    check(NULL, sqlite3_open(path, &db), "open");
    /* set the indexes aside (kept to be re-created), drop the triggers */
    char *idx[64];
    int nidx = 0;
    sqlite3_stmt *q;
    check(db, sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                                     " AND tbl_name IN ('events', 'documents')", -1, &q, NULL), "indexes");
    while (sqlite3_step(q) == SQLITE_ROW && nidx < 64)
        idx[nidx++] = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    check(db, sqlite3_exec(db, "PRAGMA cache_size = -200000; PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;"
                               " BEGIN; PRAGMA user_version = 3", NULL, NULL, NULL), "begin");
    /* every trigger goes: the upgrade from version 3 creates them anew */
    check(db, sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'trigger'", -1, &q, NULL),
          "triggers");
    char *trig[128];
    int ntrig = 0;
    while (sqlite3_step(q) == SQLITE_ROW && ntrig < 128)
        trig[ntrig++] = sqlite3_mprintf("DROP TRIGGER \"%w\"", (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    for (int i = 0; i < ntrig; i++) {
        check(db, sqlite3_exec(db, trig[i], NULL, NULL, NULL), "dropping a trigger");
        sqlite3_free(trig[i]);
    }
    check(db, sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                                     " AND tbl_name IN ('events', 'documents')", -1, &q, NULL), "indexes");
    char *drop[64];
    int ndrop = 0;
    while (sqlite3_step(q) == SQLITE_ROW && ndrop < 64)
        drop[ndrop++] = sqlite3_mprintf("DROP INDEX \"%w\"", (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    for (int i = 0; i < ndrop; i++) {
        check(db, sqlite3_exec(db, drop[i], NULL, NULL, NULL), "dropping an index");
        sqlite3_free(drop[i]);
    }
    sqlite3_stmt *doc, *ev;
    check(db,
          sqlite3_prepare_v2(db,
                             "INSERT INTO documents (doc_key, hash, title, date, source, url, origin, text,"
                             " ingested_at) VALUES (?1, ?2, '', ?3, 'bench', '', 'mkstore', ?4,"
                             " '2025-01-01T00:00:00Z')",
                             -1, &doc, NULL),
          "prepare");
    check(db,
          sqlite3_prepare_v2(db,
                             "INSERT INTO events (document_id, event_id, kind, event_date, date_start, date_end,"
                             " time_precision, event_type, sub_event_type, actor1, inter1, actor2, inter2, country,"
                             " iso3, admin1, location, latitude, longitude, geo_precision, fatalities,"
                             " fatalities_low, fatalities_high, notes, evidence) VALUES (?1, ?2, ?3, ?4, ?4, ?4,"
                             " ?5, ?6, ?7, ?8, 2, ?9, 1, ?10, ?11, ?12, ?13, ?14, ?15, 1, ?16, ?16, ?16,"
                             " 'synthetic event', '{}')",
                             -1, &ev, NULL),
          "prepare");
    long docid = 0, left_in_doc = 0;
    char buf[64], date[11], actor[48], actor2[48], admin[32], country[32], iso[4], loc[40], hash[41];
    for (long i = 0; i < n; i++) {
        if (left_in_doc == 0) {
            docid++;
            left_in_doc = 1 + (long)(unif() < 0.5) + (long)(unif() < 0.05);
            snprintf(buf, sizeof buf, "doc-%ld", docid);
            snprintf(hash, sizeof hash, "%040ld", docid);
            sqlite3_bind_text(doc, 1, buf, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(doc, 2, hash, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(doc, 3, "", -1, SQLITE_STATIC);
            sqlite3_bind_text(doc, 4, buf, -1, SQLITE_TRANSIENT);
            check(db, sqlite3_step(doc), "insert document");
            sqlite3_reset(doc);
        }
        left_in_doc--;
        /* volume grows: day drawn with density rising 1 -> 3 over the decade */
        double u = unif();
        long d = (long)((sqrt(1 + 8 * u) - 1) / 2 * (double)ndays);
        date_of(day0 + (d < ndays ? d : ndays - 1), date);
        /* an actor keeps to one country and mostly to a few of its regions */
        int a = zipf_draw(&za), s = zipf_draw(&zs), c = a % NCOUNTRY;
        int b = c * (NADMIN / NCOUNTRY) + (a / NCOUNTRY + zipf_draw(&zb) % 3) % (NADMIN / NCOUNTRY);
        snprintf(actor, sizeof actor, "Synthetic Armed Group %d", a);
        snprintf(actor2, sizeof actor2, "Civilians (Country %d)", c);
        snprintf(admin, sizeof admin, "Region %d", b);
        snprintf(country, sizeof country, "Country %d", c);
        snprintf(iso, sizeof iso, "%c%c%c", 'A' + c % 26, 'A' + (c / 26) % 26, 'X');
        snprintf(loc, sizeof loc, "Town %d-%d", b, (int)(next() % 20));
        snprintf(buf, sizeof buf, "ev-%ld", i);
        int fat = unif() < 0.5 ? 0 : (int)(-log(unif()) * 3);
        sqlite3_bind_int64(ev, 1, docid);
        sqlite3_bind_text(ev, 2, buf, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ev, 3, unif() < 0.05 ? "aggregate" : "incident", -1, SQLITE_STATIC);
        sqlite3_bind_text(ev, 4, date, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(ev, 5, unif() < 0.9 ? 1 : 2);
        sqlite3_bind_text(ev, 6, subs[s][0], -1, SQLITE_STATIC);
        sqlite3_bind_text(ev, 7, subs[s][1], -1, SQLITE_STATIC);
        sqlite3_bind_text(ev, 8, actor, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ev, 9, actor2, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ev, 10, country, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ev, 11, iso, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ev, 12, admin, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ev, 13, loc, -1, SQLITE_TRANSIENT);
        sqlite3_bind_double(ev, 14, -10 + 40 * unif());
        sqlite3_bind_double(ev, 15, 10 + 40 * unif());
        sqlite3_bind_int(ev, 16, fat);
        check(db, sqlite3_step(ev), "insert event");
        sqlite3_reset(ev);
    }
    sqlite3_finalize(doc);
    sqlite3_finalize(ev);
    /* each news incident is an incident of one report: what linking gives on
     * this data (random points over a large area, one actor each) bar a few;
     * linking's own cost is measured by bench/dedup_bench */
    check(db, sqlite3_exec(db,
                           "INSERT INTO incidents (id, event_date, first_date, last_date, win_lo, win_hi,"
                           " time_precision, event_type, sub_event_type, actor1, actor2, country, iso3, admin1,"
                           " admin2, location, latitude, longitude, geo_precision, fatalities_low, fatalities,"
                           " fatalities_high, n_reports, n_sources) SELECT id, event_date, event_date, event_date,"
                           " date(event_date, CASE time_precision WHEN 2 THEN '-7 days' ELSE '-1 days' END),"
                           " date(event_date, CASE time_precision WHEN 2 THEN '+7 days' ELSE '+1 days' END),"
                           " time_precision, event_type, sub_event_type, actor1, actor2, country, iso3, admin1,"
                           " admin2, location, latitude, longitude, geo_precision, fatalities_low, fatalities,"
                           " fatalities_high, 1, 1 FROM events WHERE kind = 'incident';"
                           " UPDATE events SET incident_id = id WHERE kind = 'incident';",
                           NULL, NULL, NULL),
          "incidents");
    for (int i = 0; i < nidx; i++) {
        check(db, sqlite3_exec(db, idx[i], NULL, NULL, NULL), "re-creating an index");
        sqlite3_free(idx[i]);
    }
    check(db, sqlite3_exec(db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), "commit");
    sqlite3_close(db);
    /* version 3 -> 4: the tallies are built from the events */
    if (!(st = sr_store_open(path, err, sizeof err))) {
        fprintf(stderr, "mkstore: %s\n", err);
        return 1;
    }
    sr_store_free(st);
    free(za.cdf);
    free(zb.cdf);
    free(zs.cdf);
    printf("mkstore: %s: %ld events in %ld documents\n", path, n, docid);
    return 0;
}
