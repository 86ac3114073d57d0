/* store.c — the SQLite store: documents and their coded events, de-duplicated
 * by a hash of the document text, queried with filters and tallied by actor,
 * place or period. Schema and guarantees are described in docs/store.md; every
 * statement is prepared with bound parameters. */
#include "internal.h"

#include <jansson.h>
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define STORE_SCHEMA_VERSION 12
#define STORE_BUSY_MS 10000
#define STORE_MAX_SQL 8192 /* cap on generated query text */

struct sr_store {
    sqlite3 *db;
    char err[1024];
    sqlite3_stmt *find_hash, *ins_doc, *ins_ev;
    sqlite3_stmt *ins_ref; /* prepared on first use */
    sr__dedup *dedup;      /* links reports of one incident (dedup.c) */
    int batch;             /* inside sr_store_begin .. commit/rollback */
    struct sr__series_cube *cube; /* the last --actor series read (schema 11) */
    struct actor_set *names;      /* the names the last --actor substring matches */
};
typedef struct sr__series_cube sr__series_cube;
static void cube_free(sr__series_cube *cb);
typedef struct actor_set actor_set;
static void aset_free(actor_set *a);
static void actor_in_fn(sqlite3_context *c, int argc, sqlite3_value **argv);

/* Indexes of schema version 3 (origin of events: news or reference data; the
 * alert and tally queries), shared by new stores and the upgrade from 1. */
#define VERSION3_INDEXES                                                                          \
    "CREATE INDEX IF NOT EXISTS events_origin_kind_date ON events(origin, kind, event_date);\n"

/* The units reports count: events not linked to an incident, and incidents
 * (schema 5), with the columns the tallies read. */
#define COUNTED_UNITS                                                                                      \
    "(SELECT kind, origin, event_date, event_type, sub_event_type, actor1, actor2, country, iso3, admin1,"  \
    " admin2, fatalities, fatalities_low, fatalities_high FROM events WHERE incident_id IS NULL UNION ALL" \
    " SELECT kind, origin, event_date, event_type, sub_event_type, actor1, actor2, country, iso3, admin1," \
    " admin2, fatalities, fatalities_low, fatalities_high FROM incidents) e"

/* The counted units copied once into a compact temporary table, which the
 * rebuilds of the derived tables (an upgrade, bench/mkstore) scan many times
 * instead of the wide events rows; dropped at the end of migrate(). */
#define UNITS_COLS                                                                                         \
    "kind, origin, event_date, time_precision, event_type, sub_event_type, actor1, actor2, country, iso3," \
    " admin1, admin2, fatalities, fatalities_low, fatalities_high"
static const char *const units_temp_sql =
    "CREATE TEMP TABLE IF NOT EXISTS sr_units AS SELECT " UNITS_COLS " FROM events WHERE incident_id IS NULL"
    " UNION ALL SELECT " UNITS_COLS " FROM incidents;\n";

/* Schema 10: the counted units and the reports of a few days read from
 * indexes alone (the edges of a period in a crossed-tally report, whatever
 * the filter), and the first or last date of an actor's unlinked events in
 * one seek. Created after
 * the incidents table (dedup.c), on new stores and on every upgrade. */
#define UNIT_INDEX_COLS                                                                                      \
    "(origin, event_date, kind, event_type, sub_event_type, actor1, actor2, country, iso3, admin1, admin2," \
    " fatalities, fatalities_low, fatalities_high)"
static const char *const version10_indexes =
    "CREATE INDEX IF NOT EXISTS incidents_units ON incidents" UNIT_INDEX_COLS ";\n"
    "CREATE INDEX IF NOT EXISTS events_unlinked_units ON events" UNIT_INDEX_COLS " WHERE incident_id IS NULL;\n"
    "CREATE INDEX IF NOT EXISTS events_unlinked_actor1 ON events(actor1, event_date) WHERE incident_id IS NULL;\n"
    "CREATE INDEX IF NOT EXISTS events_unlinked_actor2 ON events(actor2, event_date) WHERE incident_id IS NULL;\n"
    /* the reports (events rows) of a few days for any filter (reps_stmt) */
    "CREATE INDEX IF NOT EXISTS events_reports ON events(origin, event_date, kind, actor1, actor2, admin1, event_type,"
    " sub_event_type, country, iso3);\n";

static const char *const schema_sql =
    "CREATE TABLE IF NOT EXISTS documents (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  doc_key TEXT NOT NULL,\n"
    "  hash TEXT NOT NULL UNIQUE,\n"
    "  title TEXT NOT NULL DEFAULT '',\n"
    "  date TEXT NOT NULL DEFAULT '',\n"
    "  source TEXT NOT NULL DEFAULT '',\n"
    "  url TEXT NOT NULL DEFAULT '',\n"
    "  origin TEXT NOT NULL DEFAULT '',\n"
    "  text TEXT NOT NULL,\n"
    "  ingested_at TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX IF NOT EXISTS documents_doc_key ON documents(doc_key);\n"
    "CREATE TABLE IF NOT EXISTS events (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  event_id TEXT NOT NULL UNIQUE,\n"
    "  kind TEXT NOT NULL,\n"
    "  event_date TEXT NOT NULL DEFAULT '',\n"
    "  date_start TEXT NOT NULL DEFAULT '',\n"
    "  date_end TEXT NOT NULL DEFAULT '',\n"
    "  time_precision INTEGER,\n"
    "  event_type TEXT NOT NULL DEFAULT '',\n"
    "  sub_event_type TEXT NOT NULL DEFAULT '',\n"
    "  actor1 TEXT NOT NULL DEFAULT '',\n"
    "  assoc_actor_1 TEXT NOT NULL DEFAULT '',\n"
    "  inter1 INTEGER,\n"
    "  actor2 TEXT NOT NULL DEFAULT '',\n"
    "  assoc_actor_2 TEXT NOT NULL DEFAULT '',\n"
    "  inter2 INTEGER,\n"
    "  country TEXT NOT NULL DEFAULT '',\n"
    "  iso3 TEXT NOT NULL DEFAULT '',\n"
    "  admin1 TEXT NOT NULL DEFAULT '',\n"
    "  admin2 TEXT NOT NULL DEFAULT '',\n"
    "  location TEXT NOT NULL DEFAULT '',\n"
    "  latitude REAL,\n"
    "  longitude REAL,\n"
    "  geo_precision INTEGER,\n"
    "  geonames_id INTEGER,\n"
    "  fatalities INTEGER,\n"
    "  fatalities_low INTEGER,\n"
    "  fatalities_high INTEGER,\n"
    "  source TEXT NOT NULL DEFAULT '',\n"
    "  notes TEXT NOT NULL DEFAULT '',\n"
    "  evidence TEXT NOT NULL DEFAULT '{}',\n"
    "  admin1_acled TEXT NOT NULL DEFAULT '',\n"
    "  origin TEXT NOT NULL DEFAULT 'news',\n"
    "  incident_id INTEGER\n"
    ");\n"
    "CREATE INDEX IF NOT EXISTS events_document ON events(document_id);\n"
    "CREATE INDEX IF NOT EXISTS events_event_date ON events(event_date);\n"
    "CREATE INDEX IF NOT EXISTS events_country ON events(country COLLATE NOCASE);\n"
    "CREATE INDEX IF NOT EXISTS events_iso3 ON events(iso3 COLLATE NOCASE);\n"
    /* the filters' documents, read from these indexes alone (schema 8) */
    "CREATE INDEX IF NOT EXISTS events_admin1 ON events(admin1 COLLATE NOCASE, origin, event_date, document_id);\n"
    "CREATE INDEX IF NOT EXISTS events_actor1 ON events(actor1, origin, event_date, document_id);\n"
    "CREATE INDEX IF NOT EXISTS events_actor2 ON events(actor2, origin, event_date, document_id);\n"
    "CREATE INDEX IF NOT EXISTS events_kind ON events(kind);\n"
    "CREATE INDEX IF NOT EXISTS events_sub_event_type ON events(sub_event_type COLLATE NOCASE, origin, event_date,"
    " document_id);\n"
    "CREATE INDEX IF NOT EXISTS events_event_type ON events(event_type COLLATE NOCASE, origin, event_date,"
    " document_id);\n"
    /* report --admin1 / --type (schema 7): the counted units of a region or
     * type, news incidents and the events not linked to one */
    "CREATE INDEX IF NOT EXISTS events_unlinked_admin1 ON events(admin1 COLLATE NOCASE, event_date)"
    " WHERE incident_id IS NULL;\n"
    "CREATE INDEX IF NOT EXISTS events_unlinked_event_type ON events(event_type COLLATE NOCASE, event_date)"
    " WHERE incident_id IS NULL;\n"
    "CREATE INDEX IF NOT EXISTS events_unlinked_sub_event_type ON events(sub_event_type COLLATE NOCASE, event_date)"
    " WHERE incident_id IS NULL;\n"
    VERSION3_INDEXES;

/* Records "what: sqlite's message" as the store's last error; returns SR_EDB. */
static int db_fail(sr_store *st, const char *what)
{
    snprintf(st->err, sizeof st->err, "%s: %s", what, sqlite3_errmsg(st->db));
    return SR_EDB;
}

static int exec(sr_store *st, const char *sql, const char *what)
{
    char *msg = NULL;
    if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(st->err, sizeof st->err, "%s: %s", what, msg ? msg : sqlite3_errmsg(st->db));
        sqlite3_free(msg);
        return SR_EDB;
    }
    return 0;
}

static int user_version(sr_store *st, int *out)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK)
        return db_fail(st, "reading the schema version");
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? 0 : db_fail(st, "reading the schema version");
}

static const char *const upgrade_2_to_3 =
    "ALTER TABLE events ADD COLUMN origin TEXT NOT NULL DEFAULT 'news';\n" VERSION3_INDEXES;

/* ---- version 4: tallies kept by triggers ---------------------------------
 * One row per (origin, dimension, day, month or year, key, country) with the sums a
 * report needs, so a report reads a few thousand rows instead of every event.
 * Dimensions: actor (actor1), admin1, admin2 (version 6), country, sub_event_type, week (Monday),
 * month, and doc (documents, counted once, at their first event). */
static const char *const tallies_sql =
    "CREATE TABLE IF NOT EXISTS tallies (\n"
    "  origin TEXT NOT NULL, dim TEXT NOT NULL, gran TEXT NOT NULL, period TEXT NOT NULL,\n"
    "  key TEXT NOT NULL, country TEXT NOT NULL, iso3 TEXT NOT NULL,\n"
    "  incidents INTEGER NOT NULL DEFAULT 0, aggregates INTEGER NOT NULL DEFAULT 0,\n"
    "  fat_low INTEGER NOT NULL DEFAULT 0, fat_best INTEGER NOT NULL DEFAULT 0,\n"
    "  fat_high INTEGER NOT NULL DEFAULT 0, claim_low INTEGER NOT NULL DEFAULT 0,\n"
    "  claim_best INTEGER NOT NULL DEFAULT 0, claim_high INTEGER NOT NULL DEFAULT 0,\n"
    "  PRIMARY KEY (origin, dim, gran, period, key, country, iso3)\n"
    ") WITHOUT ROWID;\n"
    /* the incidents behind alerts, read from the index alone */
    "CREATE INDEX IF NOT EXISTS events_alerts ON events(origin, kind, event_date, time_precision, actor1,"
    " admin1, location, sub_event_type, fatalities, event_id);\n"
    "CREATE INDEX IF NOT EXISTS events_origin_date ON events(origin, event_date);\n";

/* Appends template t with "$" replaced by the row prefix p (NEW, OLD, e),
 * "~" by the sign, "^" by the aggregate function (SUM or nothing), "#" by
 * whether the row is a report (an events row, 1) or an incident (0), and "`" by
 * the condition that an events row is not counted through an incident
 * (inc: the row is an incident, schema version 5). */
static int expand(sr__buf *b, const char *t, const char *p, int sign, int grouped, int inc)
{
    int rc = 0;
    for (; *t && !rc; t++)
        rc = *t == '$' ? sr__buf_adds(b, p)
             : *t == '`' ? (inc ? sr__buf_adds(b, "1") : expand(b, "$.incident_id IS NULL", p, sign, grouped, 0))
             : *t == '~' ? (sign ? sr__buf_adds(b, sign < 0 ? "-1" : "1") : expand(b, "$.sgn", p, 1, grouped, inc))
             : *t == '^' ? sr__buf_adds(b, grouped ? "SUM" : "")
             : *t == '#' ? sr__buf_adds(b, inc ? "0" : "1")
                         : sr__buf_addc(b, *t);
    return rc;
}

/* The eight sums of a tally row (incidents, claims, their fatalities), the
 * key of each report dimension and the dimensions, for one event $
 * (templates of expand). */
#define TALLY_SUMS                                                                                              \
    " ~ * ^($.kind = 'incident' AND `), ~ * ^($.kind = 'aggregate'),"                                            \
    " ~ * ^(CASE WHEN $.kind = 'incident' AND ` THEN COALESCE($.fatalities_low, $.fatalities, 0) ELSE 0 END),"   \
    " ~ * ^(CASE WHEN $.kind = 'incident' AND ` THEN COALESCE($.fatalities, 0) ELSE 0 END),"                     \
    " ~ * ^(CASE WHEN $.kind = 'incident' AND ` THEN COALESCE($.fatalities_high, $.fatalities, 0) ELSE 0 END),"  \
    " ~ * ^(CASE WHEN $.kind = 'aggregate' THEN COALESCE($.fatalities_low, $.fatalities, 0) ELSE 0 END),"        \
    " ~ * ^(CASE WHEN $.kind = 'aggregate' THEN COALESCE($.fatalities, 0) ELSE 0 END),"                          \
    " ~ * ^(CASE WHEN $.kind = 'aggregate' THEN COALESCE($.fatalities_high, $.fatalities, 0) ELSE 0 END)"
#define TALLY_KEY                                                                                               \
    " CASE d.dim WHEN 'actor' THEN $.actor1 WHEN 'admin1' THEN $.admin1 WHEN 'admin2' THEN $.admin2"              \
    " WHEN 'country' THEN $.country WHEN 'sub_event_type' THEN $.sub_event_type"                                 \
    " WHEN 'week' THEN COALESCE(date($.event_date, printf('-%d days', (CAST(strftime('%w', $.event_date) AS INTEGER)" \
    " + 6) % 7)), '') ELSE substr($.event_date, 1, 7) END"
#define TALLY_DIMS                                                                                              \
    " (SELECT 'actor' AS dim UNION ALL SELECT 'admin1' UNION ALL SELECT 'admin2' UNION ALL SELECT 'country'"     \
    " UNION ALL SELECT 'sub_event_type' UNION ALL SELECT 'week' UNION ALL SELECT 'month') d"

/* The SELECT of one event's contributions to every dimension at both
 * granularities (a day and a month). */
static const char *const contrib_tpl =
    "SELECT $.origin, d.dim, g.gran, CASE g.gran WHEN 'D' THEN $.event_date WHEN 'M' THEN substr($.event_date, 1, 7) ELSE substr($.event_date, 1, 4) END,"
    TALLY_KEY ", $.country, $.iso3," TALLY_SUMS
    " FROM (SELECT 'D' AS gran UNION ALL SELECT 'M' UNION ALL SELECT 'Y') g," TALLY_DIMS;

static int contrib_select(sr__buf *b, const char *p, int sign, int grouped, int inc)
{
    return expand(b, contrib_tpl, p, sign, grouped, inc);
}

/* A document row (+1 or -1) for the event in $ when the condition holds. */
static const char *const doc_tpl =
    "INSERT INTO tallies (origin, dim, gran, period, key, country, iso3, incidents)"
    " SELECT $.origin, 'doc', g.gran, CASE g.gran WHEN 'D' THEN $.event_date"
    " WHEN 'M' THEN substr($.event_date, 1, 7) ELSE substr($.event_date, 1, 4) END, '', $.country, $.iso3, ~"
    " FROM (SELECT 'D' AS gran UNION ALL SELECT 'M' UNION ALL SELECT 'Y') g"
    " WHERE NOT EXISTS (SELECT 1 FROM events x WHERE x.document_id = $.document_id AND x.id < $.id)"
    " ON CONFLICT (origin, dim, gran, period, key, country, iso3) DO UPDATE SET"
    " incidents = incidents + excluded.incidents;\n";

static const char *const tallies_cols =
    "INSERT INTO tallies (origin, dim, gran, period, key, country, iso3, incidents, aggregates, fat_low,"
    " fat_best, fat_high, claim_low, claim_best, claim_high) ";
static const char *const tallies_upsert =
    " ON CONFLICT (origin, dim, gran, period, key, country, iso3) DO UPDATE SET"
    " incidents = incidents + excluded.incidents, aggregates = aggregates + excluded.aggregates,"
    " fat_low = fat_low + excluded.fat_low, fat_best = fat_best + excluded.fat_best,"
    " fat_high = fat_high + excluded.fat_high, claim_low = claim_low + excluded.claim_low,"
    " claim_best = claim_best + excluded.claim_best, claim_high = claim_high + excluded.claim_high;\n";

/* When the first event of document $ (OLD or NEW) changes — it was deleted
 * or moved to another document — the document's next event y (if any) takes
 * over its count (+1), or the moved event displaces the first one of its new
 * document z (-1). "@" is the condition under which the statement applies. */
static const char *const doc_next_tpl =
    "INSERT INTO tallies (origin, dim, gran, period, key, country, iso3, incidents)"
    " SELECT y.origin, 'doc', g.gran, CASE g.gran WHEN 'D' THEN y.event_date"
    " WHEN 'M' THEN substr(y.event_date, 1, 7) ELSE substr(y.event_date, 1, 4) END, '', y.country, y.iso3, ~"
    " FROM events y, (SELECT 'D' AS gran UNION ALL SELECT 'M' UNION ALL SELECT 'Y') g"
    " WHERE y.id = (SELECT min(id) FROM events WHERE document_id = $.document_id AND id <> $.id)"
    " AND NOT EXISTS (SELECT 1 FROM events x WHERE x.document_id = $.document_id AND x.id < $.id) AND @"
    " ON CONFLICT (origin, dim, gran, period, key, country, iso3) DO UPDATE SET"
    " incidents = incidents + excluded.incidents;\n";

static int doc_next(sr__buf *b, const char *row, int sign, const char *cond)
{
    int rc = 0;
    for (const char *t = doc_next_tpl; *t && !rc; t++)
        rc = *t == '@' ? sr__buf_adds(b, cond) : expand(b, (char[]){*t, 0}, row, sign, 0, 0);
    return rc;
}

/* Creates the tallies table, its triggers and the version-4 indexes; with
 * rebuild, fills the tallies from the events already stored. */
static int ensure_tallies(sr_store *st, int rebuild)
{
    sr__buf b;
    sr__buf_init(&b, 64 * 1024);
    int rc = sr__buf_adds(&b, tallies_sql);
    /* schema 9: an event's or incident's sums reach the tallies through
     * ftallies_pending (ft_flush, per batch); the triggers keep only the
     * documents, counted once at their first event */
    rc = rc ? rc : sr__buf_adds(&b, "CREATE TRIGGER IF NOT EXISTS tallies_ins AFTER INSERT ON events BEGIN ");
    rc = rc ? rc : expand(&b, doc_tpl, "NEW", 1, 0, 0);
    rc = rc ? rc : sr__buf_adds(&b, "END;\n");
    /* delete: the document leaves with its first event */
    rc = rc ? rc : sr__buf_adds(&b, "CREATE TRIGGER IF NOT EXISTS tallies_del AFTER DELETE ON events BEGIN ");
    rc = rc ? rc : expand(&b, doc_tpl, "OLD", -1, 0, 0);
    rc = rc ? rc : doc_next(&b, "OLD", 1, "1");
    rc = rc ? rc : sr__buf_adds(&b, "END;\n");
    /* update (a reference event replaced): the first event's row moves,
     * documents gain or lose their first event */
    rc = rc ? rc
            : sr__buf_adds(&b, "CREATE TRIGGER IF NOT EXISTS tallies_upd AFTER UPDATE OF origin, event_date, country,"
                               " iso3, document_id ON events BEGIN ");
    rc = rc ? rc : expand(&b, doc_tpl, "OLD", -1, 0, 0);
    rc = rc ? rc : expand(&b, doc_tpl, "NEW", 1, 0, 0);
    rc = rc ? rc : doc_next(&b, "OLD", 1, "OLD.document_id <> NEW.document_id");
    rc = rc ? rc : doc_next(&b, "NEW", -1, "OLD.document_id <> NEW.document_id");
    rc = rc ? rc : sr__buf_adds(&b, "END;\n");
    if (!rc && rebuild) {
        /* day rows one dimension at a time from the counted units (each sort
         * stays in memory), then months from days and years from months */
        static const char *const dimv[] = {"actor", "admin1", "admin2", "country", "sub_event_type", "week", "month"};
        rc = sr__buf_adds(&b, "DELETE FROM tallies;\n");
        rc = rc ? rc : sr__buf_adds(&b, units_temp_sql);
        for (size_t d = 0; d < 7 && !rc; d++) {
            rc = sr__buf_adds(&b, tallies_cols);
            rc = rc ? rc : contrib_select(&b, "e", 1, 1, 1);
            rc = rc ? rc : sr__buf_printf(&b, ", temp.sr_units e WHERE g.gran = 'D' AND d.dim = '%s'"
                                              " GROUP BY 1, 2, 3, 4, 5, 6, 7", dimv[d]);
            rc = rc ? rc : sr__buf_adds(&b, tallies_upsert);
        }
        for (int y = 0; y < 2 && !rc; y++) {
            rc = sr__buf_adds(&b, tallies_cols);
            rc = rc ? rc
                    : sr__buf_printf(&b, "SELECT origin, dim, '%c', substr(period, 1, %d), key, country, iso3,"
                                         " SUM(incidents), SUM(aggregates), SUM(fat_low), SUM(fat_best), SUM(fat_high),"
                                         " SUM(claim_low), SUM(claim_best), SUM(claim_high) FROM tallies WHERE gran = '%c'"
                                         " GROUP BY 1, 2, 3, 4, 5, 6, 7",
                                     y ? 'Y' : 'M', y ? 4 : 7, y ? 'M' : 'D');
            rc = rc ? rc : sr__buf_adds(&b, tallies_upsert);
        }
        rc = rc ? rc
                : sr__buf_adds(&b, "INSERT INTO tallies (origin, dim, gran, period, key, country, iso3, incidents)"
                                   " SELECT e.origin, 'doc', g.gran, CASE g.gran WHEN 'D' THEN e.event_date"
                                   " WHEN 'M' THEN substr(e.event_date, 1, 7) ELSE substr(e.event_date, 1, 4) END, '', e.country, e.iso3, count(*)"
                                   " FROM (SELECT min(id) AS id FROM events GROUP BY document_id) f"
                                   " JOIN events e ON e.id = f.id, (SELECT 'D' AS gran UNION ALL SELECT 'M' UNION ALL SELECT 'Y') g"
                                   " GROUP BY 1, 2, 3, 4, 5, 6, 7;\n");
    }
    if (!rc)
        rc = exec(st, b.p, "creating the tallies");
    else if (!st->err[0])
        snprintf(st->err, sizeof st->err, "creating the tallies: %s", sr_strerror(rc));
    sr__buf_release(&b);
    return rc;
}

/* ---- version 6: the series behind alerts ----------------------------------
 * Per (origin, series kind, day or Monday-week, key, country): the incidents
 * an alert counts (dated to a day or a few days, each news incident once,
 * through its incident row), their fatalities (best) and how many had any.
 * Dimensions: actor (actor1), admin1, and pair ("actor1 | admin1"). An alert
 * reads whole weeks from week rows and the days at the edges from day rows. */
static const char *const alert_tallies_sql =
    "CREATE TABLE IF NOT EXISTS alert_tallies (\n"
    "  origin TEXT NOT NULL, dim TEXT NOT NULL, gran TEXT NOT NULL, period TEXT NOT NULL,\n"
    "  key TEXT NOT NULL, country TEXT NOT NULL, iso3 TEXT NOT NULL,\n"
    "  n INTEGER NOT NULL DEFAULT 0, fat INTEGER NOT NULL DEFAULT 0, nfat INTEGER NOT NULL DEFAULT 0,\n"
    "  PRIMARY KEY (origin, dim, gran, period, key, country, iso3)\n"
    ") WITHOUT ROWID;\n"
    /* the incidents of one series in a window (the events behind an alert) */
    "CREATE INDEX IF NOT EXISTS incidents_actor ON incidents(actor1, event_date);\n"
    "CREATE INDEX IF NOT EXISTS incidents_admin1 ON incidents(admin1, event_date);\n"    /* report --admin1 / --type (schema 7), compared without case like the filters */
    "CREATE INDEX IF NOT EXISTS incidents_admin1_nc ON incidents(admin1 COLLATE NOCASE, event_date);\n"
    "CREATE INDEX IF NOT EXISTS incidents_event_type ON incidents(event_type COLLATE NOCASE, event_date);\n"
    "CREATE INDEX IF NOT EXISTS incidents_sub_event_type ON incidents(sub_event_type COLLATE NOCASE, event_date);\n"
    /* the incidents and their tolls behind --metric fatalities, from the index alone */
    "CREATE INDEX IF NOT EXISTS incidents_alerts ON incidents(origin, event_date, time_precision, actor1, admin1,"
    " fatalities, country, iso3, kind);\n";

static const char *const alert_contrib_tpl =
    "SELECT $.origin, d.dim, g.gran, CASE g.gran WHEN 'D' THEN $.event_date ELSE COALESCE(date($.event_date,"
    " printf('-%d days', (CAST(strftime('%w', $.event_date) AS INTEGER) + 6) % 7)), '') END,"
    " CASE d.dim WHEN 'actor' THEN $.actor1 WHEN 'admin1' THEN $.admin1 ELSE $.actor1 || ' | ' || $.admin1 END,"
    " $.country, $.iso3, ~ * ^(1), ~ * ^(COALESCE($.fatalities, 0)), ~ * ^(COALESCE($.fatalities, 0) > 0)"
    " FROM (SELECT 'D' AS gran UNION ALL SELECT 'W') g, (SELECT 'actor' AS dim UNION ALL SELECT 'admin1'"
    " UNION ALL SELECT 'pair') d";
static const char *const alert_cond_tpl =
    " WHERE $.kind = 'incident' AND ` AND $.event_date <> '' AND ($.time_precision IS NULL OR $.time_precision < 3)"
    " AND CASE d.dim WHEN 'actor' THEN $.actor1 <> '' WHEN 'admin1' THEN $.admin1 <> ''"
    " ELSE $.actor1 <> '' AND $.admin1 <> '' END";
static const char *const alert_cols =
    "INSERT INTO alert_tallies (origin, dim, gran, period, key, country, iso3, n, fat, nfat) ";
static const char *const alert_upsert =
    " ON CONFLICT (origin, dim, gran, period, key, country, iso3) DO UPDATE SET n = n + excluded.n,"
    " fat = fat + excluded.fat, nfat = nfat + excluded.nfat;\n";

/* The tolls behind --metric fatalities: per alert tally row, how many of its
 * incidents had each positive toll (best estimate, reconciled for news
 * incidents), so the exact marked test reads a histogram, not the incidents. */
static const char *const alert_marks_sql =
    "CREATE TABLE IF NOT EXISTS alert_marks (\n"
    "  origin TEXT NOT NULL, dim TEXT NOT NULL, gran TEXT NOT NULL, period TEXT NOT NULL,\n"
    "  key TEXT NOT NULL, country TEXT NOT NULL, iso3 TEXT NOT NULL, toll INTEGER NOT NULL,\n"
    "  n INTEGER NOT NULL DEFAULT 0,\n"
    "  PRIMARY KEY (origin, dim, gran, period, key, country, iso3, toll)\n"
    ") WITHOUT ROWID;\n";
static const char *const marks_contrib_tpl =
    "SELECT $.origin, d.dim, g.gran, CASE g.gran WHEN 'D' THEN $.event_date ELSE COALESCE(date($.event_date,"
    " printf('-%d days', (CAST(strftime('%w', $.event_date) AS INTEGER) + 6) % 7)), '') END,"
    " CASE d.dim WHEN 'actor' THEN $.actor1 WHEN 'admin1' THEN $.admin1 ELSE $.actor1 || ' | ' || $.admin1 END,"
    " $.country, $.iso3, $.fatalities, ~ * ^(1)"
    " FROM (SELECT 'D' AS gran UNION ALL SELECT 'W') g, (SELECT 'actor' AS dim UNION ALL SELECT 'admin1'"
    " UNION ALL SELECT 'pair') d";
static const char *const marks_cols = "INSERT INTO alert_marks (origin, dim, gran, period, key, country, iso3, toll, n) ";
static const char *const marks_upsert =
    " ON CONFLICT (origin, dim, gran, period, key, country, iso3, toll) DO UPDATE SET n = n + excluded.n;\n";

/* One INSERT of row p's positive toll (sign) into the marks, grouped from "from". */
static int marks_stmt(sr__buf *b, const char *p, int sign, const char *from, int inc)
{
    int rc = sr__buf_adds(b, marks_cols);
    rc = rc ? rc : expand(b, marks_contrib_tpl, p, sign, from != NULL, inc);
    rc = rc ? rc : from ? sr__buf_adds(b, from) : 0;
    rc = rc ? rc : expand(b, alert_cond_tpl, p, sign, from != NULL, inc);
    rc = rc ? rc : expand(b, " AND $.fatalities > 0", p, sign, from != NULL, inc);
    rc = rc ? rc : from ? sr__buf_adds(b, " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8") : 0;
    rc = rc ? rc : sr__buf_adds(b, marks_upsert);
    return rc;
}

/* One INSERT of row p's contributions (sign), from table "from" when grouped. */
static int alert_stmt(sr__buf *b, const char *p, int sign, const char *from, int inc)
{
    int rc = sr__buf_adds(b, alert_cols);
    rc = rc ? rc : expand(b, alert_contrib_tpl, p, sign, from != NULL, inc);
    rc = rc ? rc : from ? sr__buf_adds(b, from) : 0;
    rc = rc ? rc : expand(b, alert_cond_tpl, p, sign, from != NULL, inc);
    rc = rc ? rc : from ? sr__buf_adds(b, " GROUP BY 1, 2, 3, 4, 5, 6, 7") : 0;
    rc = rc ? rc : sr__buf_adds(b, alert_upsert);
    return rc;
}

/* Creates the alert tallies, their toll histogram (alert_marks) and their
 * triggers; with rebuild, fills the tallies, with rebuild_marks the marks. */
static int ensure_alert_tallies(sr_store *st, int rebuild, int rebuild_marks)
{
    sr__buf b;
    sr__buf_init(&b, 64 * 1024);
    int rc = sr__buf_adds(&b, alert_tallies_sql);
    rc = rc ? rc : sr__buf_adds(&b, alert_marks_sql);
    static const struct {
        const char *head, *row;
        int sign2, inc;
    } trig[] = {
        {"CREATE TRIGGER IF NOT EXISTS alerts_ins AFTER INSERT ON events BEGIN ", "NEW", 0, 0},
        {"CREATE TRIGGER IF NOT EXISTS alerts_del AFTER DELETE ON events BEGIN ", "OLD", 0, 0},
        {"CREATE TRIGGER IF NOT EXISTS alerts_upd AFTER UPDATE OF origin, kind, event_date, time_precision,"
         " actor1, admin1, country, iso3, fatalities, incident_id ON events BEGIN ", NULL, 1, 0},
        {"CREATE TRIGGER IF NOT EXISTS alerts_inc_ins AFTER INSERT ON incidents BEGIN ", "NEW", 0, 1},
        {"CREATE TRIGGER IF NOT EXISTS alerts_inc_del AFTER DELETE ON incidents BEGIN ", "OLD", 0, 1},
        {"CREATE TRIGGER IF NOT EXISTS alerts_inc_upd AFTER UPDATE ON incidents WHEN"
         " OLD.event_date IS NOT NEW.event_date OR OLD.time_precision IS NOT NEW.time_precision"
         " OR OLD.actor1 IS NOT NEW.actor1 OR OLD.admin1 IS NOT NEW.admin1 OR OLD.country IS NOT NEW.country"
         " OR OLD.iso3 IS NOT NEW.iso3 OR OLD.fatalities IS NOT NEW.fatalities BEGIN ", NULL, 1, 1},
    };
    /* the marks get triggers of their own ("marks_" for "alerts_"), so that a
     * version-6 store gains them beside its existing alert triggers */
    for (int m = 0; m < 2 && !rc; m++)
        for (size_t i = 0; i < sizeof trig / sizeof trig[0] && !rc; i++) {
            const char *h = trig[i].head, *at = strstr(h, "alerts_");
            int (*stmt)(sr__buf *, const char *, int, const char *, int) = m ? marks_stmt : alert_stmt;
            if (m) { /* the same head with the trigger renamed */
                rc = sr__buf_add(&b, h, (size_t)(at - h));
                rc = rc ? rc : sr__buf_adds(&b, "marks_");
                rc = rc ? rc : sr__buf_adds(&b, at + strlen("alerts_"));
            } else
                rc = sr__buf_adds(&b, h);
            if (trig[i].row)
                rc = rc ? rc : stmt(&b, trig[i].row, trig[i].row[0] == 'N' ? 1 : -1, NULL, trig[i].inc);
            else {
                rc = rc ? rc : stmt(&b, "OLD", -1, NULL, trig[i].inc);
                rc = rc ? rc : stmt(&b, "NEW", 1, NULL, trig[i].inc);
            }
            rc = rc ? rc : sr__buf_adds(&b, "END;\n");
        }
    if (!rc && rebuild) {
        rc = sr__buf_adds(&b, "DELETE FROM alert_tallies;\n");
        rc = rc ? rc : sr__buf_adds(&b, units_temp_sql);
        rc = rc ? rc : alert_stmt(&b, "e", 1, ", temp.sr_units e", 1);
    }
    if (!rc && rebuild_marks) {
        rc = sr__buf_adds(&b, "DELETE FROM alert_marks;\n");
        rc = rc ? rc : sr__buf_adds(&b, units_temp_sql);
        rc = rc ? rc : marks_stmt(&b, "e", 1, ", temp.sr_units e", 1);
    }
    if (!rc)
        rc = exec(st, b.p, "creating the alert tallies");
    else if (!st->err[0])
        snprintf(st->err, sizeof st->err, "creating the alert tallies: %s", sr_strerror(rc));
    sr__buf_release(&b);
    return rc;
}

/* ---- version 8: tallies crossed by filter value ---------------------------
 * `report --admin1 / --type / --actor` read, like the plain report, a few
 * rows per key instead of every event of a region, type or actor: one row per
 * (origin, filter, filter value, dimension, month or year, key, country) with
 * the sums of the plain tallies. Filters and their values for one counted
 * unit: admin1 (lower case, as the filter compares without case), type (its
 * event type and, when different, its sub-event type, lower case), actor (its
 * actor1 and, when different, its actor2) and pair ("actor1 \x1f actor2" when
 * both are named and differ, so that an --actor substring matching both is
 * counted once). No day rows: a report reads the days at the edges of its
 * period from the filters' indexes. actor_names and actor_pairs hold the
 * names and pairs ever tallied (never pruned), so an --actor substring is
 * resolved against them first. */
static const char *const ftallies_sql =
    "CREATE TABLE IF NOT EXISTS ftallies (\n"
    "  origin TEXT NOT NULL, fdim TEXT NOT NULL, fval TEXT NOT NULL, dim TEXT NOT NULL, gran TEXT NOT NULL,\n"
    "  period TEXT NOT NULL, key TEXT NOT NULL, country TEXT NOT NULL, iso3 TEXT NOT NULL,\n"
    "  incidents INTEGER NOT NULL DEFAULT 0, aggregates INTEGER NOT NULL DEFAULT 0,\n"
    "  fat_low INTEGER NOT NULL DEFAULT 0, fat_best INTEGER NOT NULL DEFAULT 0,\n"
    "  fat_high INTEGER NOT NULL DEFAULT 0, claim_low INTEGER NOT NULL DEFAULT 0,\n"
    "  claim_best INTEGER NOT NULL DEFAULT 0, claim_high INTEGER NOT NULL DEFAULT 0,\n"
    "  PRIMARY KEY (origin, fdim, fval, dim, gran, period, key, country, iso3)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE IF NOT EXISTS actor_names (name TEXT PRIMARY KEY) WITHOUT ROWID;\n"
    "CREATE TABLE IF NOT EXISTS actor_pairs (a1 TEXT NOT NULL, a2 TEXT NOT NULL, PRIMARY KEY (a1, a2)) WITHOUT ROWID;\n"
    /* the units of one actor on a few days (the edges of an --actor report) */
    "CREATE INDEX IF NOT EXISTS incidents_actor2 ON incidents(actor2, event_date);\n"
    /* schema 9: the units added (sgn 1) or taken away (-1) since the last
     * flush, cnt 0 for a report counted through its incident (its actors
     * still go into actor_names) */
    "CREATE TABLE IF NOT EXISTS ftallies_pending (sgn INTEGER NOT NULL, cnt INTEGER NOT NULL, kind TEXT, origin TEXT,"
    " event_date TEXT, event_type TEXT, sub_event_type TEXT, actor1 TEXT, actor2 TEXT, country TEXT, iso3 TEXT,"
    " admin1 TEXT, admin2 TEXT, fatalities INTEGER, fatalities_low INTEGER, fatalities_high INTEGER,"
    " rep INTEGER NOT NULL DEFAULT 0);\n";

/* A trigger's row $ into ftallies_pending (schema 9): one insert per row
 * instead of some eighty tally upserts; ft_flush adds them up per batch. */
static const char *const ft_pending_tpl =
    "INSERT INTO ftallies_pending (sgn, cnt, kind, origin, event_date, event_type, sub_event_type, actor1, actor2,"
    " country, iso3, admin1, admin2, fatalities, fatalities_low, fatalities_high, rep) VALUES (~, `, $.kind, $.origin,"
    " $.event_date, $.event_type, $.sub_event_type, $.actor1, $.actor2, $.country, $.iso3, $.admin1, $.admin2,"
    " $.fatalities, $.fatalities_low, $.fatalities_high, #);\n";

/* The filter value of slot f.slot for event $ ('' when it has none). */
#define FT_FVAL                                                                                                   \
    " CASE f.slot WHEN 1 THEN lower($.admin1) WHEN 2 THEN lower($.event_type) WHEN 3 THEN CASE WHEN"               \
    " lower($.sub_event_type) <> lower($.event_type) THEN lower($.sub_event_type) ELSE '' END WHEN 4 THEN"          \
    " $.actor1 WHEN 5 THEN CASE WHEN $.actor2 <> $.actor1 THEN $.actor2 ELSE '' END ELSE CASE WHEN $.actor1 <> ''" \
    " AND $.actor2 <> '' AND $.actor1 <> $.actor2 THEN $.actor1 || char(31) || $.actor2 ELSE '' END END"
static const char *const ft_contrib_tpl =
    "SELECT $.origin, f.fdim," FT_FVAL ", d.dim, g.gran, CASE g.gran WHEN 'M' THEN substr($.event_date, 1, 7)"
    " ELSE substr($.event_date, 1, 4) END," TALLY_KEY ", $.country, $.iso3," TALLY_SUMS
    " FROM (SELECT 'M' AS gran UNION ALL SELECT 'Y') g," TALLY_DIMS ", (SELECT 1 AS slot, 'admin1' AS fdim"
    " UNION ALL SELECT 2, 'type' UNION ALL SELECT 3, 'type' UNION ALL SELECT 4, 'actor' UNION ALL SELECT 5, 'actor'"
    " UNION ALL SELECT 6, 'pair') f";
static const char *const ft_cond_tpl = " WHERE ` AND" FT_FVAL " <> ''";
/* Schema 10: the reports (events rows, each counted whether or not it is
 * linked to an incident) per filter value, in rows of the report dimension
 * 'rep' with key '': a filtered report's header counts them (its documents
 * cannot be added up over names and months; reports can). Incidents count
 * the reports of kind incident, aggregates those of kind aggregate. */
static const char *const ft_rep_tpl =
    "SELECT $.origin, f.fdim," FT_FVAL ", 'rep', g.gran, CASE g.gran WHEN 'M' THEN substr($.event_date, 1, 7)"
    " ELSE substr($.event_date, 1, 4) END, '', $.country, $.iso3, SUM(~ * ($.kind = 'incident')),"
    " SUM(~ * ($.kind = 'aggregate')), 0, 0, 0, 0, 0, 0 FROM (SELECT 'M' AS gran UNION ALL SELECT 'Y') g,"
    " (SELECT 1 AS slot, 'admin1' AS fdim UNION ALL SELECT 2, 'type' UNION ALL SELECT 3, 'type'"
    " UNION ALL SELECT 4, 'actor' UNION ALL SELECT 5, 'actor' UNION ALL SELECT 6, 'pair') f";
static const char *const ft_cols =
    "INSERT INTO ftallies (origin, fdim, fval, dim, gran, period, key, country, iso3, incidents, aggregates,"
    " fat_low, fat_best, fat_high, claim_low, claim_best, claim_high) ";
static const char *const ft_upsert =
    " ON CONFLICT (origin, fdim, fval, dim, gran, period, key, country, iso3) DO UPDATE SET"
    " incidents = incidents + excluded.incidents, aggregates = aggregates + excluded.aggregates,"
    " fat_low = fat_low + excluded.fat_low, fat_best = fat_best + excluded.fat_best,"
    " fat_high = fat_high + excluded.fat_high, claim_low = claim_low + excluded.claim_low,"
    " claim_best = claim_best + excluded.claim_best, claim_high = claim_high + excluded.claim_high;\n";
/* One INSERT of row p's contributions (sign); grouped from "from" (with the
 * extra condition "cond") when from is given. */
static int ft_stmt(sr__buf *b, const char *p, int sign, const char *from, const char *cond, int inc)
{
    int rc = sr__buf_adds(b, ft_cols);
    rc = rc ? rc : expand(b, ft_contrib_tpl, p, sign, from != NULL, inc);
    rc = rc ? rc : from ? sr__buf_adds(b, from) : 0;
    rc = rc ? rc : expand(b, ft_cond_tpl, p, sign, from != NULL, inc);
    rc = rc ? rc : cond ? sr__buf_adds(b, cond) : 0;
    rc = rc ? rc : from ? sr__buf_adds(b, " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9") : 0;
    rc = rc ? rc : sr__buf_adds(b, ft_upsert);
    return rc;
}

/* Creates the crossed tallies, the actor names and their triggers; with
 * rebuild, fills them from the counted units (month rows one filter and
 * dimension at a time, so each sort stays small, then years from months). */
static int ensure_ftallies(sr_store *st, int rebuild)
{
    sr__buf b;
    sr__buf_init(&b, 256 * 1024);
    int rc = sr__buf_adds(&b, ftallies_sql);
    static const struct {
        const char *head, *row;
        int inc;
    } trig[] = {
        {"CREATE TRIGGER IF NOT EXISTS ftallies_ins AFTER INSERT ON events BEGIN ", "NEW", 0},
        {"CREATE TRIGGER IF NOT EXISTS ftallies_del AFTER DELETE ON events BEGIN ", "OLD", 0},
        {"CREATE TRIGGER IF NOT EXISTS ftallies_upd AFTER UPDATE OF origin, kind, event_date, event_type,"
         " sub_event_type, actor1, actor2, admin1, admin2, country, iso3, fatalities, fatalities_low,"
         " fatalities_high, incident_id ON events BEGIN ", NULL, 0},
        {"CREATE TRIGGER IF NOT EXISTS ftallies_inc_ins AFTER INSERT ON incidents BEGIN ", "NEW", 1},
        {"CREATE TRIGGER IF NOT EXISTS ftallies_inc_del AFTER DELETE ON incidents BEGIN ", "OLD", 1},
        {"CREATE TRIGGER IF NOT EXISTS ftallies_inc_upd AFTER UPDATE ON incidents WHEN"
         " OLD.origin IS NOT NEW.origin OR OLD.kind IS NOT NEW.kind OR OLD.event_date IS NOT NEW.event_date"
         " OR OLD.event_type IS NOT NEW.event_type OR OLD.sub_event_type IS NOT NEW.sub_event_type"
         " OR OLD.actor1 IS NOT NEW.actor1 OR OLD.actor2 IS NOT NEW.actor2 OR OLD.admin1 IS NOT NEW.admin1"
         " OR OLD.admin2 IS NOT NEW.admin2 OR OLD.country IS NOT NEW.country OR OLD.iso3 IS NOT NEW.iso3"
         " OR OLD.fatalities IS NOT NEW.fatalities OR OLD.fatalities_low IS NOT NEW.fatalities_low"
         " OR OLD.fatalities_high IS NOT NEW.fatalities_high BEGIN ", NULL, 1},
    };
    for (size_t i = 0; i < sizeof trig / sizeof trig[0] && !rc; i++) {
        rc = sr__buf_adds(&b, trig[i].head);
        if (trig[i].row)
            rc = rc ? rc : expand(&b, ft_pending_tpl, trig[i].row, trig[i].row[0] == 'N' ? 1 : -1, 0, trig[i].inc);
        else {
            rc = rc ? rc : expand(&b, ft_pending_tpl, "OLD", -1, 0, trig[i].inc);
            rc = rc ? rc : expand(&b, ft_pending_tpl, "NEW", 1, 0, trig[i].inc);
        }
        rc = rc ? rc : sr__buf_adds(&b, "END;\n");
    }
    if (!rc && rebuild) {
        static const char *const fdims[] = {"f.slot = 1", "f.slot IN (2, 3)", "f.slot IN (4, 5)", "f.slot = 6"};
        static const char *const dimv[] = {"actor", "admin1", "admin2", "country", "sub_event_type", "week", "month"};
        rc = sr__buf_adds(&b, "DELETE FROM ftallies; DELETE FROM ftallies_pending;\n");
        rc = rc ? rc : sr__buf_adds(&b, units_temp_sql);
        for (size_t f = 0; f < 4 && !rc; f++)
            for (size_t d = 0; d < 7 && !rc; d++) {
                char cond[96];
                snprintf(cond, sizeof cond, " AND g.gran = 'M' AND d.dim = '%s' AND %s", dimv[d], fdims[f]);
                rc = ft_stmt(&b, "e", 1, ", temp.sr_units e", cond, 1);
            }
        rc = rc ? rc : sr__buf_adds(&b, ft_cols);
        rc = rc ? rc
                : sr__buf_adds(&b, "SELECT origin, fdim, fval, dim, 'Y', substr(period, 1, 4), key, country, iso3,"
                                   " SUM(incidents), SUM(aggregates), SUM(fat_low), SUM(fat_best), SUM(fat_high),"
                                   " SUM(claim_low), SUM(claim_best), SUM(claim_high) FROM ftallies WHERE gran = 'M'"
                                   " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9");
        rc = rc ? rc : sr__buf_adds(&b, ft_upsert);
        rc = rc ? rc
                : sr__buf_adds(&b, "INSERT OR IGNORE INTO actor_names (name) SELECT actor1 FROM temp.sr_units"
                                   " WHERE actor1 <> '' UNION SELECT actor2 FROM temp.sr_units WHERE actor2 <> '';\n"
                                   "INSERT OR IGNORE INTO actor_pairs (a1, a2) SELECT DISTINCT actor1, actor2 FROM"
                                   " temp.sr_units WHERE actor1 <> '' AND actor2 <> '' AND actor1 <> actor2;\n");
    }
    if (!rc)
        rc = exec(st, b.p, "creating the crossed tallies");
    else if (!st->err[0])
        snprintf(st->err, sizeof st->err, "creating the crossed tallies: %s", sr_strerror(rc));
    sr__buf_release(&b);
    return rc;
}

/* ---- schema 11: an actor's months packed in one value ---------------------
 * `report --actor` with a substring matching thousands of names read, per
 * name, a crossed-tally row for every month (3,000 names x 120 months). The
 * table aseries holds, per origin, actor name (fdim 'actor') or pair of
 * names (fdim 'pair', as in ftallies), year and country, one BLOB with the
 * ten sums of each month of that year: the eight report sums of the counted
 * units and the reports (events rows) of kind incident and aggregate. Such a
 * report reads one value per name and year and adds the months up in C. A
 * value is a list of months in increasing order (0: undated, year ''; 1-12),
 * each a byte followed by ten zigzag varints; months whose sums are all zero
 * are left out, so equal sums always give equal bytes. */
#define SERIES_N 10
#define SERIES_MAX (13 * (1 + SERIES_N * 10))
typedef struct series_acc {
    sqlite3_int64 v[13][SERIES_N];
    int bad; /* a month outside 0-12 */
} series_acc;

static size_t series_put(unsigned char *p, sqlite3_int64 x)
{
    uint64_t z = ((uint64_t)x << 1) ^ (uint64_t)(x >> 63), n = 0;
    while (z >= 0x80) {
        p[n++] = (unsigned char)(z | 0x80);
        z >>= 7;
    }
    p[n++] = (unsigned char)z;
    return (size_t)n;
}

/* Reads the next month of a series at *p (before end) into *m and v:
 * 1 when read, 0 at the end, -1 when the value is not a series. */
static int series_next(const unsigned char **p, const unsigned char *end, int *m, sqlite3_int64 v[SERIES_N])
{
    const unsigned char *q = *p;
    if (q >= end)
        return 0;
    if ((*m = *q++) > 12)
        return -1;
    for (int i = 0; i < SERIES_N; i++) {
        uint64_t z = 0;
        int sh = 0;
        for (;;) {
            if (q >= end || sh > 63)
                return -1;
            unsigned char c = *q++;
            z |= (uint64_t)(c & 0x7f) << sh;
            sh += 7;
            if (!(c & 0x80))
                break;
        }
        v[i] = (sqlite3_int64)(z >> 1) ^ -(sqlite3_int64)(z & 1);
    }
    *p = q;
    return 1;
}

/* Adds the value p[0..n) into a; -1 when it is not a series. */
static int series_decode(const unsigned char *p, int n, sqlite3_int64 a[13][SERIES_N])
{
    const unsigned char *end = p + (n > 0 ? n : 0);
    int m, r;
    sqlite3_int64 v[SERIES_N];
    while ((r = series_next(&p, end, &m, v)) == 1)
        for (int i = 0; i < SERIES_N; i++)
            a[m][i] += v[i];
    return r;
}

static size_t series_encode(sqlite3_int64 a[13][SERIES_N], unsigned char out[SERIES_MAX])
{
    size_t n = 0;
    for (int m = 0; m < 13; m++) {
        int any = 0;
        for (int i = 0; i < SERIES_N; i++)
            any |= a[m][i] != 0;
        if (!any)
            continue;
        out[n++] = (unsigned char)m;
        for (int i = 0; i < SERIES_N; i++)
            n += series_put(out + n, a[m][i]);
    }
    return n;
}

/* SQL aggregate sr_series(month, ten sums): the series of the rows' sums. */
static void series_step(sqlite3_context *c, int argc, sqlite3_value **argv)
{
    series_acc *a = sqlite3_aggregate_context(c, sizeof *a);
    if (!a || argc != 1 + SERIES_N)
        return;
    sqlite3_int64 m = sqlite3_value_int64(argv[0]);
    if (m < 0 || m > 12) {
        a->bad = 1;
        return;
    }
    for (int i = 0; i < SERIES_N; i++)
        a->v[m][i] += sqlite3_value_int64(argv[1 + i]);
}

static void series_final(sqlite3_context *c)
{
    series_acc *a = sqlite3_aggregate_context(c, 0);
    unsigned char out[SERIES_MAX];
    if (a && a->bad) {
        sqlite3_result_error(c, "an event date is not YYYY-MM-DD; correct it in the events table", -1);
        return;
    }
    size_t n = a ? series_encode(a->v, out) : 0;
    sqlite3_result_blob(c, out, (int)n, SQLITE_TRANSIENT);
}

/* SQL function sr_series_add(a, b): the series of the sums of a and b. */
static void series_add(sqlite3_context *c, int argc, sqlite3_value **argv)
{
    sqlite3_int64 a[13][SERIES_N] = {{0}};
    unsigned char out[SERIES_MAX];
    for (int i = 0; i < argc; i++)
        if (series_decode(sqlite3_value_blob(argv[i]), sqlite3_value_bytes(argv[i]), a)) {
            sqlite3_result_error(c, "aseries holds a value that is not a series; rebuild it (PRAGMA user_version = 10)", -1);
            return;
        }
    size_t n = series_encode(a, out);
    sqlite3_result_blob(c, out, (int)n, SQLITE_TRANSIENT);
}

static void kser_step_fn(sqlite3_context *c, int argc, sqlite3_value **argv);
static void kser_final_fn(sqlite3_context *c);
static void kser_add_fn(sqlite3_context *c, int argc, sqlite3_value **argv);

static int series_functions(sqlite3 *db)
{
    int rc = sqlite3_create_function_v2(db, "sr_series", 1 + SERIES_N, SQLITE_UTF8, NULL, NULL, series_step,
                                        series_final, NULL);
    rc = rc ? rc
            : sqlite3_create_function_v2(db, "sr_series_add", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                         series_add, NULL, NULL, NULL);
    rc = rc ? rc
            : sqlite3_create_function_v2(db, "sr_kseries", 2 + 8, SQLITE_UTF8, NULL, NULL, kser_step_fn,
                                         kser_final_fn, NULL);
    return rc ? rc
              : sqlite3_create_function_v2(db, "sr_kseries_add", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                           kser_add_fn, NULL, NULL, NULL);
}

static const char *const series_sql =
    "CREATE TABLE IF NOT EXISTS aseries (origin TEXT NOT NULL, fdim TEXT NOT NULL, fval TEXT NOT NULL,"
    " year TEXT NOT NULL, country TEXT NOT NULL, iso3 TEXT NOT NULL, v BLOB NOT NULL,"
    " PRIMARY KEY (origin, fdim, fval, year, country, iso3)) WITHOUT ROWID;\n"
    /* the pairs whose actor2 matches an --actor substring */
    "CREATE INDEX IF NOT EXISTS actor_pairs_a2 ON actor_pairs(a2);\n";

/* The series a unit $ counts in: actor1 (its actor1), actor2 (its actor2
 * when named and not actor1) and pair when both are named and differ
 * ("actor1 \x1f actor2"); in aseries (schema 12) also the actor1 value ''
 * of the units without actor1, and all (fval '') of every unit. */
#define SERIES_FVAL                                                                                      \
    " CASE f.slot WHEN 1 THEN $.actor1 WHEN 2 THEN CASE WHEN $.actor2 <> $.actor1 THEN $.actor2 ELSE '' END" \
    " WHEN 3 THEN CASE WHEN $.actor1 <> '' AND $.actor2 <> '' AND $.actor1 <> $.actor2 THEN $.actor1 ||"     \
    " char(31) || $.actor2 ELSE '' END ELSE '' END"
/* The low, best and high fatalities of incidents, then of aggregate claims,
 * of a unit "$", each times the factor m (an SQL fragment ending in "*"):
 * six comma-separated sums for sr_series and sr_kseries. */
#define FATALITY_SUMS(m)                                                                                   \
    m " (CASE WHEN $.kind = 'incident' THEN COALESCE($.fatalities_low, $.fatalities, 0) ELSE 0 END),"     \
    m " (CASE WHEN $.kind = 'incident' THEN COALESCE($.fatalities, 0) ELSE 0 END),"                        \
    m " (CASE WHEN $.kind = 'incident' THEN COALESCE($.fatalities_high, $.fatalities, 0) ELSE 0 END),"    \
    m " (CASE WHEN $.kind = 'aggregate' THEN COALESCE($.fatalities_low, $.fatalities, 0) ELSE 0 END),"    \
    m " (CASE WHEN $.kind = 'aggregate' THEN COALESCE($.fatalities, 0) ELSE 0 END),"                       \
    m " (CASE WHEN $.kind = 'aggregate' THEN COALESCE($.fatalities_high, $.fatalities, 0) ELSE 0 END)"
/* The series of rows "$" (columns sgn, cnt: a counted unit, rep: a report,
 * and the unit's), per actor name and pair: an upsert, expanded by expand. */
static const char *const series_tpl =
    "INSERT INTO aseries (origin, fdim, fval, year, country, iso3, v) SELECT $.origin, f.fdim," SERIES_FVAL ","
    " substr($.event_date, 1, 4), $.country, $.iso3, sr_series(CASE WHEN $.event_date = '' THEN 0 ELSE"
    " CAST(substr($.event_date, 6, 2) AS INTEGER) END, $.sgn * $.cnt * ($.kind = 'incident'),"
    " $.sgn * $.cnt * ($.kind = 'aggregate'),"
    FATALITY_SUMS(" $.sgn * $.cnt *") ","
    " $.sgn * $.rep * ($.kind = 'incident'), $.sgn * $.rep * ($.kind = 'aggregate')) FROM @ $,"
    " (SELECT 1 AS slot, 'actor1' AS fdim UNION ALL SELECT 2, 'actor2' UNION ALL SELECT 3, 'pair' UNION ALL"
    " SELECT 4, 'all') f WHERE (f.slot IN (1, 4) OR" SERIES_FVAL " <> '') AND ($.cnt OR $.rep)% GROUP BY 1, 2, 3, 4, 5, 6"
    " ON CONFLICT (origin, fdim, fval, year, country, iso3) DO UPDATE SET v = sr_series_add(v, excluded.v);\n";

/* A series template tpl over the rows of from (as e), with the extra
 * condition cond: the characters at_from and at_cond stand for them. */
static int fill_tpl(sr__buf *b, const char *tpl, char at_from, char at_cond, const char *from, const char *cond)
{
    int rc = 0;
    for (const char *t = tpl; *t && !rc; t++)
        rc = *t == at_from ? sr__buf_adds(b, from)
             : *t == at_cond ? sr__buf_adds(b, cond)
                             : expand(b, (char[]){*t, 0}, "e", 1, 1, 1);
    return rc;
}

/* series_tpl ('@' the rows, '%' the condition). */
static int series_stmt(sr__buf *b, const char *from, const char *cond)
{
    return fill_tpl(b, series_tpl, '@', '%', from, cond);
}

/* Creates the packed series; with rebuild, fills them from the counted units
 * and the events rows, one slot (actor1, actor2, pair, all) at a time; with
 * add12 (a version-11 store), adds the values schema 12 adds (all, and the
 * actor1 value of the units without actor1). */
static int ensure_series(sr_store *st, int rebuild, int add12)
{
    sr__buf b;
    sr__buf_init(&b, 64 * 1024);
    int rc = sr__buf_adds(&b, series_sql);
    if (!rc && (rebuild || add12)) {
        static const char *const slots[] = {" AND f.slot = 1", " AND f.slot = 2", " AND f.slot = 3",
                                            " AND f.slot = 4", " AND f.slot = 1 AND e.actor1 = ''"};
        size_t lo = rebuild ? 0 : 3, hi = rebuild ? 4 : 5;
        rc = sr__buf_adds(&b, rebuild ? "DELETE FROM aseries;\n"
                                      : "DELETE FROM aseries WHERE fdim = 'all' OR (fdim = 'actor1' AND fval = '');\n");
        rc = rc ? rc : sr__buf_adds(&b, units_temp_sql);
        for (size_t i = lo; i < hi && !rc; i++)
            rc = series_stmt(&b,
                             "(SELECT 1 AS sgn, 1 AS cnt, 0 AS rep, kind, origin, event_date, actor1, actor2, country,"
                             " iso3, admin1, event_type, sub_event_type, fatalities, fatalities_low, fatalities_high"
                             " FROM temp.sr_units UNION ALL SELECT 1, 0, 1, kind, origin, event_date, actor1, actor2,"
                             " country, iso3, admin1, event_type, sub_event_type, fatalities, fatalities_low,"
                             " fatalities_high FROM events)",
                             slots[i]);
    }
    if (!rc)
        rc = exec(st, b.p, "building the actors' series");
    else
        snprintf(st->err, sizeof st->err, "building the actors' series: %s", sr_strerror(rc));
    sr__buf_release(&b);
    return rc;
}

/* ---- schema 12: an actor's keys by month packed in one value ---------------
 * `report --actor` by admin1, admin2, sub_event_type or week with a substring
 * matching thousands of names read the crossed-tally rows of every name, key
 * and year (300,000 rows for "Armed Group" by week). The table kseries holds,
 * per origin, slot (actor1, actor2, pair as in aseries), name, report
 * dimension, year and country, one BLOB with the eight report sums of each
 * key and month. A value is a list of keys in increasing byte order, each a
 * varint length, the key's bytes, its months in increasing order (0:
 * undated; 1-12) as a byte and eight zigzag varints, then the byte 0xff;
 * months whose sums are all zero and keys without months are left out, so
 * equal sums are equal bytes. A week is the report's (the Monday on or
 * before the date), under the year and month of the unit's own date, so a
 * week across a month or a year is in two values and a period's whole months
 * add up exactly. The actor1 slot also holds the units without actor1
 * (fval ''), so that every unit is in one actor1 value: a substring matching
 * most names is read as the plain tallies less the actor1 values of the
 * names it does not match (kseries_feed). */
#define KSER_N 8
#define KSER_MAX_KEYS (1 << 20) /* keys in one value: far above a year's weeks or regions */
typedef struct kser_key {
    char *key;
    sqlite3_int64 v[13][KSER_N];
} kser_key;

typedef struct kser_acc {
    kser_key *k;
    size_t n, cap;
    sr__keyidx ix;
    int bad; /* 1 a month outside 0-12, 2 out of memory, 3 not a value, 4 too many keys */
} kser_acc;

static void kser_release(kser_acc *a)
{
    for (size_t i = 0; i < a->n; i++)
        free(a->k[i].key);
    free(a->k);
    sr__keyidx_release(&a->ix);
    memset(a, 0, sizeof *a);
}

/* The sums of key (len bytes) in a, added when absent; NULL (a->bad set)
 * when out of memory or over the cap. */
static kser_key *kser_slot(kser_acc *a, const char *key, size_t len)
{
    char small[256], *tmp = len < sizeof small ? small : malloc(len + 1);
    if (!tmp) {
        a->bad = 2;
        return NULL;
    }
    memcpy(tmp, key, len);
    tmp[len] = 0;
    kser_key *r = NULL;
    size_t *slot = sr__keyidx_slot(&a->ix, a->k, sizeof *a->k, a->n, tmp, 64);
    if (!slot)
        a->bad = 2;
    else if (*slot)
        r = &a->k[*slot - 1];
    else if (a->n >= KSER_MAX_KEYS)
        a->bad = 4;
    else if (sr__grow((void **)&a->k, &a->cap, a->n, sizeof *a->k) || !(a->k[a->n].key = sr__strdup(tmp)))
        a->bad = 2;
    else {
        memset(a->k[a->n].v, 0, sizeof a->k[a->n].v);
        r = &a->k[a->n];
        *slot = ++a->n;
    }
    if (tmp != small)
        free(tmp);
    return r;
}

static int kser_cmp(const void *x, const void *y)
{
    return strcmp(((const kser_key *)x)->key, ((const kser_key *)y)->key);
}

/* Reads a zigzag varint at *p (before end); -1 when the value is cut. */
static int zz_get(const unsigned char **p, const unsigned char *end, sqlite3_int64 *out)
{
    uint64_t z = 0;
    int sh = 0;
    for (;;) {
        if (*p >= end || sh > 63)
            return -1;
        unsigned char c = *(*p)++;
        z |= (uint64_t)(c & 0x7f) << sh;
        sh += 7;
        if (!(c & 0x80))
            break;
    }
    *out = (sqlite3_int64)(z >> 1) ^ -(sqlite3_int64)(z & 1);
    return 0;
}

/* Reads the next key of a value at *p: its bytes (*key, *len) and the
 * start of its months; 1 when read, 0 at the end, -1 when not a value. */
static int kser_key_next(const unsigned char **p, const unsigned char *end, const char **key, size_t *len)
{
    if (*p >= end)
        return 0;
    sqlite3_int64 z;
    if (zz_get(p, end, &z) || z < 0 || z > end - *p)
        return -1;
    *key = (const char *)*p, *len = (size_t)z;
    *p += z;
    return 1;
}

/* Reads the next month of the current key: 1 read (*m, v), 0 at the key's
 * end (its 0xff passed), -1 when not a value. */
static int kser_month_next(const unsigned char **p, const unsigned char *end, int *m, sqlite3_int64 v[KSER_N])
{
    if (*p >= end)
        return -1;
    int b = *(*p)++;
    if (b == 0xff)
        return 0;
    if (b > 12)
        return -1;
    *m = b;
    for (int i = 0; i < KSER_N; i++)
        if (zz_get(p, end, &v[i]))
            return -1;
    return 1;
}

/* Adds the value p[0..n) into a (a->bad set when it is not a value). */
static void kser_decode(kser_acc *a, const unsigned char *p, int n)
{
    const unsigned char *end = p + (n > 0 ? n : 0);
    const char *key;
    size_t len;
    int r, m;
    sqlite3_int64 v[KSER_N];
    while (!a->bad && (r = kser_key_next(&p, end, &key, &len)) == 1) {
        kser_key *k = kser_slot(a, key, len);
        while (k && (r = kser_month_next(&p, end, &m, v)) == 1)
            for (int i = 0; i < KSER_N; i++)
                k->v[m][i] += v[i];
        if (k && r < 0)
            a->bad = 3;
    }
    if (!a->bad && r < 0)
        a->bad = 3;
}

/* The canonical bytes of a (sorted; a's index is dropped). */
static int kser_encode(kser_acc *a, sr__buf *out)
{
    sr__keyidx_release(&a->ix);
    if (a->n)
        qsort(a->k, a->n, sizeof *a->k, kser_cmp);
    int rc = 0;
    for (size_t i = 0; i < a->n && !rc; i++) {
        const kser_key *k = &a->k[i];
        bool head = false;
        for (int m = 0; m < 13 && !rc; m++) {
            int any = 0;
            for (int j = 0; j < KSER_N; j++)
                any |= k->v[m][j] != 0;
            if (!any)
                continue;
            unsigned char t[1 + KSER_N * 10];
            size_t n = 0;
            if (!head) {
                size_t len = strlen(k->key);
                n = series_put(t, (sqlite3_int64)len);
                rc = sr__buf_add(out, t, n);
                rc = rc ? rc : sr__buf_add(out, k->key, len);
                head = true;
                n = 0;
            }
            t[n++] = (unsigned char)m;
            for (int j = 0; j < KSER_N; j++)
                n += series_put(t + n, k->v[m][j]);
            rc = rc ? rc : sr__buf_add(out, t, n);
        }
        if (head && !rc)
            rc = sr__buf_addc(out, (char)0xff);
    }
    return rc;
}

static void kser_result(sqlite3_context *c, kser_acc *a)
{
    static const char *const why[] = {
        "",
        "an event date is not YYYY-MM-DD; correct it in the events table",
        "out of memory",
        ("kseries holds a value that is not a keyed series; rebuild it (PRAGMA user_version = 11)"),
        "too many keys in one keyed series",
    };
    if (a->bad) {
        sqlite3_result_error(c, why[a->bad], -1);
        return;
    }
    sr__buf out;
    sr__buf_init(&out, (size_t)1 << 30);
    if (kser_encode(a, &out))
        sqlite3_result_error(c, "a keyed series is too large", -1);
    else
        sqlite3_result_blob(c, out.len ? out.p : "", (int)out.len, SQLITE_TRANSIENT);
    sr__buf_release(&out);
}

/* SQL aggregate sr_kseries(key, month, eight sums): the keyed series of the
 * rows' sums. */
static void kser_step_fn(sqlite3_context *c, int argc, sqlite3_value **argv)
{
    kser_acc **pa = sqlite3_aggregate_context(c, sizeof *pa);
    if (!pa || argc != 2 + KSER_N)
        return;
    if (!*pa && !(*pa = calloc(1, sizeof **pa))) {
        sqlite3_result_error_nomem(c);
        return;
    }
    kser_acc *a = *pa;
    if (a->bad)
        return;
    sqlite3_int64 m = sqlite3_value_int64(argv[1]);
    if (m < 0 || m > 12) {
        a->bad = 1;
        return;
    }
    const char *key = (const char *)sqlite3_value_text(argv[0]);
    kser_key *k = kser_slot(a, key ? key : "", key ? strlen(key) : 0);
    if (k)
        for (int i = 0; i < KSER_N; i++)
            k->v[m][i] += sqlite3_value_int64(argv[2 + i]);
}

static void kser_final_fn(sqlite3_context *c)
{
    kser_acc **pa = sqlite3_aggregate_context(c, 0);
    kser_acc empty = {0}, *a = pa && *pa ? *pa : &empty;
    kser_result(c, a);
    kser_release(a);
    if (pa && *pa) {
        free(*pa);
        *pa = NULL;
    }
}

/* SQL function sr_kseries_add(a, b): the keyed series of the sums of a and b. */
static void kser_add_fn(sqlite3_context *c, int argc, sqlite3_value **argv)
{
    kser_acc a = {0};
    for (int i = 0; i < argc; i++)
        kser_decode(&a, sqlite3_value_blob(argv[i]), sqlite3_value_bytes(argv[i]));
    kser_result(c, &a);
    kser_release(&a);
}

static const char *const kseries_sql =
    "CREATE TABLE IF NOT EXISTS kseries (origin TEXT NOT NULL, fdim TEXT NOT NULL, fval TEXT NOT NULL,"
    " dim TEXT NOT NULL, year TEXT NOT NULL, country TEXT NOT NULL, iso3 TEXT NOT NULL, v BLOB NOT NULL,"
    " PRIMARY KEY (origin, fdim, fval, dim, year, country, iso3)) WITHOUT ROWID;\n";

/* The keyed series of the counted units "$" (column sgn and the unit's),
 * per slot, name and dimension: an upsert, expanded by expand. */
static const char *const kseries_tpl =
    "INSERT INTO kseries (origin, fdim, fval, dim, year, country, iso3, v) SELECT $.origin, f.fdim," SERIES_FVAL
    ", d.dim, substr($.event_date, 1, 4), $.country, $.iso3, sr_kseries(CASE d.dim WHEN 'admin1' THEN $.admin1"
    " WHEN 'admin2' THEN $.admin2 WHEN 'sub_event_type' THEN $.sub_event_type ELSE COALESCE(date($.event_date,"
    " printf('-%d days', (CAST(strftime('%w', $.event_date) AS INTEGER) + 6) % 7)), '') END,"
    " CASE WHEN $.event_date = '' THEN 0 ELSE CAST(substr($.event_date, 6, 2) AS INTEGER) END,"
    " $.sgn * ($.kind = 'incident'), $.sgn * ($.kind = 'aggregate'),"
    FATALITY_SUMS(" $.sgn *") ")"
    " FROM { $, (SELECT 1 AS slot, 'actor1' AS fdim UNION ALL SELECT 2, 'actor2' UNION ALL SELECT 3, 'pair') f,"
    " (SELECT 'admin1' AS dim UNION ALL SELECT 'admin2' UNION ALL SELECT 'sub_event_type' UNION ALL"
    " SELECT 'week') d WHERE (f.slot = 1 OR" SERIES_FVAL " <> '')} GROUP BY 1, 2, 3, 4, 5, 6, 7"
    " ON CONFLICT (origin, fdim, fval, dim, year, country, iso3) DO UPDATE SET v = sr_kseries_add(v, excluded.v);\n";

/* kseries_tpl ('{' the rows, '}' the condition: '%' is strftime's). */
static int kseries_stmt(sr__buf *b, const char *from, const char *cond)
{
    return fill_tpl(b, kseries_tpl, '{', '}', from, cond);
}

/* Creates the keyed series; with rebuild, fills them from the counted units,
 * one slot and dimension at a time. */
static int ensure_kseries(sr_store *st, int rebuild)
{
    sr__buf b;
    sr__buf_init(&b, 64 * 1024);
    int rc = sr__buf_adds(&b, kseries_sql);
    if (!rc && rebuild) {
        rc = sr__buf_adds(&b, "DELETE FROM kseries;\n");
        rc = rc ? rc : sr__buf_adds(&b, units_temp_sql);
        static const char *const dims[] = {"admin1", "admin2", "sub_event_type", "week"};
        for (int s = 1; s <= 3 && !rc; s++)
            for (size_t d = 0; d < 4 && !rc; d++) {
                char cond[96];
                snprintf(cond, sizeof cond, " AND f.slot = %d AND d.dim = '%s'", s, dims[d]);
                rc = kseries_stmt(&b,
                                  "(SELECT 1 AS sgn, kind, origin, event_date, actor1, actor2, country, iso3,"
                                  " admin1, admin2, sub_event_type, fatalities, fatalities_low, fatalities_high"
                                  " FROM temp.sr_units)",
                                  cond);
            }
    }
    if (!rc)
        rc = exec(st, b.p, "building the actors' keyed series");
    else
        snprintf(st->err, sizeof st->err, "building the actors' keyed series: %s", sr_strerror(rc));
    sr__buf_release(&b);
    return rc;
}

static bool has_column(sr_store *st, const char *table, const char *col);

/* Schema 10: the reports rows of the crossed tallies (ft_rep_tpl); with
 * rebuild, counted from every stored event, one filter at a time from a
 * compact copy of the columns read, years from months. */
static int ensure_reps(sr_store *st, int rebuild)
{
    int rc = 0;
    if (has_column(st, "ftallies_pending", "sgn") && !has_column(st, "ftallies_pending", "rep"))
        rc = exec(st, "ALTER TABLE ftallies_pending ADD COLUMN rep INTEGER NOT NULL DEFAULT 0",
                  "upgrading the store to schema version 10");
    if (rc || !rebuild)
        return rc;
    static const char *const slots[] = {"f.slot = 1", "f.slot IN (2, 3)", "f.slot IN (4, 5)", "f.slot = 6"};
    sr__buf b;
    sr__buf_init(&b, 64 * 1024);
    rc = sr__buf_adds(&b, "DELETE FROM ftallies WHERE dim = 'rep';\n"
                          "CREATE TEMP TABLE sr_reps AS SELECT kind, origin, event_date, event_type, sub_event_type,"
                          " actor1, actor2, country, iso3, admin1 FROM events;\n");
    for (size_t i = 0; i < 4 && !rc; i++) {
        rc = sr__buf_adds(&b, ft_cols);
        rc = rc ? rc : expand(&b, ft_rep_tpl, "e", 1, 1, 0);
        rc = rc ? rc : sr__buf_printf(&b, ", temp.sr_reps e WHERE g.gran = 'M' AND %s AND", slots[i]);
        rc = rc ? rc : expand(&b, FT_FVAL " <> '' GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9", "e", 1, 1, 0);
        rc = rc ? rc : sr__buf_adds(&b, ft_upsert);
    }
    rc = rc ? rc : sr__buf_adds(&b, ft_cols);
    rc = rc ? rc
            : sr__buf_adds(&b, "SELECT origin, fdim, fval, dim, 'Y', substr(period, 1, 4), key, country, iso3,"
                               " SUM(incidents), SUM(aggregates), 0, 0, 0, 0, 0, 0 FROM ftallies WHERE dim = 'rep'"
                               " AND gran = 'M' GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9");
    rc = rc ? rc : sr__buf_adds(&b, ft_upsert);
    rc = rc ? rc : sr__buf_adds(&b, "DROP TABLE temp.sr_reps;\n");
    if (!rc)
        rc = exec(st, b.p, "counting the reports per filter value");
    else
        snprintf(st->err, sizeof st->err, "counting the reports per filter value: %s", sr_strerror(rc));
    sr__buf_release(&b);
    return rc;
}

/* Adds the units pending since the last flush into the crossed tallies and
 * the actor names, and empties the pending table: run inside the writing
 * transaction before it commits (sr_store_commit, or a document stored
 * outside a batch), so the tallies are never seen behind the events. */
static int ft_flush(sr_store *st)
{
    /* a unit added and taken away again in the batch (an incident updated
     * report after report) cancels out before it is crossed with the keys */
    static const char *const units =
        ", (SELECT SUM(sgn) AS sgn, kind, origin, event_date, event_type, sub_event_type, actor1, actor2, country,"
        " iso3, admin1, admin2, fatalities, fatalities_low, fatalities_high FROM ftallies_pending WHERE cnt"
        " GROUP BY 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 HAVING SUM(sgn) <> 0) e";
    sr__buf b;
    sr__buf_init(&b, 64 * 1024);
    int rc = sr__buf_adds(&b, tallies_cols);
    rc = rc ? rc : contrib_select(&b, "e", 0, 1, 1);
    rc = rc ? rc : sr__buf_adds(&b, units);
    rc = rc ? rc : sr__buf_adds(&b, " WHERE 1 GROUP BY 1, 2, 3, 4, 5, 6, 7, e.sgn");
    rc = rc ? rc : sr__buf_adds(&b, tallies_upsert);
    rc = rc ? rc : sr__buf_adds(&b, ft_cols);
    rc = rc ? rc : expand(&b, ft_contrib_tpl, "e", 0, 1, 1);
    rc = rc ? rc : sr__buf_adds(&b, units);
    rc = rc ? rc : expand(&b, ft_cond_tpl, "e", 0, 1, 1);
    rc = rc ? rc : sr__buf_adds(&b, " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, e.sgn");
    rc = rc ? rc : sr__buf_adds(&b, ft_upsert);
    /* the reports (schema 10): every events row, linked or not */
    rc = rc ? rc : sr__buf_adds(&b, ft_cols);
    rc = rc ? rc : expand(&b, ft_rep_tpl, "e", 0, 1, 1);
    rc = rc ? rc : sr__buf_adds(&b, ", ftallies_pending e WHERE e.rep AND" );
    rc = rc ? rc : expand(&b, FT_FVAL " <> '' GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING SUM(e.sgn * (e.kind = 'incident')) <> 0"
                                    " OR SUM(e.sgn * (e.kind = 'aggregate')) <> 0", "e", 0, 1, 1);
    rc = rc ? rc : sr__buf_adds(&b, ft_upsert);
    rc = rc ? rc : series_stmt(&b, "ftallies_pending", ""); /* schema 11 */
    rc = rc ? rc /* schema 12 */
            : kseries_stmt(&b,
                           "(SELECT SUM(sgn) AS sgn, kind, origin, event_date, actor1, actor2, country, iso3, admin1,"
                           " admin2, sub_event_type, fatalities, fatalities_low, fatalities_high FROM"
                           " ftallies_pending WHERE cnt GROUP BY 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14"
                           " HAVING SUM(sgn) <> 0)",
                           "");
    rc = rc ? rc
            : sr__buf_adds(&b, "INSERT OR IGNORE INTO actor_names (name) SELECT actor1 FROM ftallies_pending"
                               " WHERE sgn > 0 AND actor1 <> '' UNION SELECT actor2 FROM ftallies_pending"
                               " WHERE sgn > 0 AND actor2 <> '';\n"
                               "INSERT OR IGNORE INTO actor_pairs (a1, a2) SELECT DISTINCT actor1, actor2 FROM"
                               " ftallies_pending WHERE sgn > 0 AND actor1 <> '' AND actor2 <> '' AND actor1 <> actor2;\n"
                               "DELETE FROM ftallies_pending;\n");
    if (!rc)
        rc = exec(st, b.p, "adding up the crossed tallies");
    else
        snprintf(st->err, sizeof st->err, "adding up the crossed tallies: %s", sr_strerror(rc));
    sr__buf_release(&b);
    return rc;
}

/* Flushes units left pending by a writer that did not (a raw SQL change, a
 * crash cannot leave any): before reading the crossed tallies. */
static int ft_fresh(sr_store *st)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, "SELECT EXISTS (SELECT 1 FROM ftallies_pending)", -1, &s, NULL) != SQLITE_OK)
        return db_fail(st, "reading the pending tallies");
    int step = sqlite3_step(s), any = step == SQLITE_ROW && sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    if (step != SQLITE_ROW)
        return db_fail(st, "reading the pending tallies");
    if (!any)
        return 0;
    if (st->batch || !sqlite3_get_autocommit(st->db))
        return ft_flush(st);
    int rc = exec(st, "BEGIN IMMEDIATE", "adding up the crossed tallies");
    rc = rc ? rc : ft_flush(st);
    if (rc) {
        char keep[sizeof st->err];
        memcpy(keep, st->err, sizeof keep);
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        memcpy(st->err, keep, sizeof keep);
        return rc;
    }
    return exec(st, "COMMIT", "adding up the crossed tallies");
}

/* ---- version 8: aggregate claims linked to the incidents they cover -------
 * A claim (an aggregate event: "69 killed this month") covers the news
 * incidents of its origin dated within its period (date_start to date_end,
 * or its date), in its country (name or ISO3), admin1, with its actor1 as a
 * substring of actor1 or actor2 and its event type as event or sub-event
 * type, each when the claim names it. claim_links holds one row per claim
 * and incident covered, kept by triggers as claims and incidents arrive in
 * either order, are reconciled (an incident's date or place changes) or go;
 * the sums beside a claim are read through it, never added to tallies. */
#define CLAIM_FROM(c) "(CASE WHEN " c ".date_start <> '' THEN " c ".date_start ELSE " c ".event_date END)"
#define CLAIM_TO(c)                                                                                      \
    "(CASE WHEN " c ".date_end <> '' THEN " c ".date_end WHEN " c ".date_start <> '' THEN " c ".date_start" \
    " ELSE " c ".event_date END)"
/* incident i is in the scope of claim c */
#define CLAIM_COVERS(c, i)                                                                                    \
    c ".kind = 'aggregate' AND " i ".kind = 'incident' AND " i ".origin = " c ".origin AND " i                \
    ".event_date <> '' AND " CLAIM_FROM(c) " <> '' AND " i ".event_date >= " CLAIM_FROM(c) " AND " i           \
    ".event_date <= " CLAIM_TO(c) " AND (" c ".country = '' OR " i ".country = " c ".country COLLATE NOCASE OR " i \
    ".iso3 = " c ".country COLLATE NOCASE) AND (" c ".admin1 = '' OR " i ".admin1 = " c ".admin1 COLLATE NOCASE)"  \
    " AND (" c ".actor1 = '' OR instr(lower(" i ".actor1), lower(" c ".actor1)) > 0 OR instr(lower(" i            \
    ".actor2), lower(" c ".actor1)) > 0) AND (" c ".event_type = '' OR " i ".event_type = " c                    \
    ".event_type COLLATE NOCASE OR " i ".sub_event_type = " c ".event_type COLLATE NOCASE)"

static const char *const claim_links_sql =
    "CREATE TABLE IF NOT EXISTS claim_links (claim INTEGER NOT NULL, incident INTEGER NOT NULL,"
    " PRIMARY KEY (claim, incident)) WITHOUT ROWID;\n"
    "CREATE INDEX IF NOT EXISTS claim_links_incident ON claim_links(incident);\n"
    /* the claims whose period has not ended before an incident's date */
    "CREATE INDEX IF NOT EXISTS events_claim_to ON events(kind, (CASE WHEN date_end <> '' THEN date_end WHEN"
    " date_start <> '' THEN date_start ELSE event_date END));\n"
    "CREATE TRIGGER IF NOT EXISTS claims_ins AFTER INSERT ON events WHEN NEW.kind = 'aggregate' BEGIN"
    " INSERT INTO claim_links (claim, incident) SELECT NEW.id, i.id FROM incidents i WHERE " CLAIM_COVERS("NEW", "i")
    "; END;\n"
    "CREATE TRIGGER IF NOT EXISTS claims_del AFTER DELETE ON events WHEN OLD.kind = 'aggregate' BEGIN"
    " DELETE FROM claim_links WHERE claim = OLD.id; END;\n"
    "CREATE TRIGGER IF NOT EXISTS claims_upd AFTER UPDATE OF kind, origin, event_date, date_start, date_end, country,"
    " admin1, actor1, event_type ON events WHEN OLD.kind = 'aggregate' OR NEW.kind = 'aggregate' BEGIN"
    " DELETE FROM claim_links WHERE claim = OLD.id;"
    " INSERT INTO claim_links (claim, incident) SELECT NEW.id, i.id FROM incidents i WHERE " CLAIM_COVERS("NEW", "i")
    "; END;\n"
    "CREATE TRIGGER IF NOT EXISTS claims_inc_ins AFTER INSERT ON incidents BEGIN"
    " INSERT INTO claim_links (claim, incident) SELECT c.id, NEW.id FROM events c WHERE " CLAIM_TO("c")
    " >= NEW.event_date AND " CLAIM_COVERS("c", "NEW") "; END;\n"
    "CREATE TRIGGER IF NOT EXISTS claims_inc_del AFTER DELETE ON incidents BEGIN"
    " DELETE FROM claim_links WHERE incident = OLD.id; END;\n"
    "CREATE TRIGGER IF NOT EXISTS claims_inc_upd AFTER UPDATE ON incidents WHEN OLD.kind IS NOT NEW.kind"
    " OR OLD.origin IS NOT NEW.origin OR OLD.event_date IS NOT NEW.event_date OR OLD.country IS NOT NEW.country"
    " OR OLD.iso3 IS NOT NEW.iso3 OR OLD.admin1 IS NOT NEW.admin1 OR OLD.actor1 IS NOT NEW.actor1"
    " OR OLD.actor2 IS NOT NEW.actor2 OR OLD.event_type IS NOT NEW.event_type"
    " OR OLD.sub_event_type IS NOT NEW.sub_event_type BEGIN"
    " DELETE FROM claim_links WHERE incident = OLD.id;"
    " INSERT INTO claim_links (claim, incident) SELECT c.id, NEW.id FROM events c WHERE " CLAIM_TO("c")
    " >= NEW.event_date AND " CLAIM_COVERS("c", "NEW") "; END;\n";

/* Creates the claim links and their triggers; with rebuild, links every
 * stored claim (each claim's period through the incidents' date index). */
static int ensure_claim_links(sr_store *st, int rebuild)
{
    int rc = exec(st, claim_links_sql, "creating the claim links");
    if (!rc && rebuild)
        rc = exec(st,
                  "DELETE FROM claim_links; INSERT INTO claim_links (claim, incident) SELECT c.id, i.id"
                  " FROM events c JOIN incidents i ON i.event_date >= " CLAIM_FROM("c") " AND i.event_date <= "
                  CLAIM_TO("c") " WHERE " CLAIM_COVERS("c", "i"),
                  "linking the stored claims");
    return rc;
}

/* Creates the schema when the file is new, upgrades an older one; refuses a store written by a newer sitrep. */
static bool has_column(sr_store *st, const char *table, const char *col)
{
    sqlite3_stmt *s = NULL;
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT 1 FROM pragma_table_info('%s') WHERE name = ?1", table);
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return false;
    sqlite3_bind_text(s, 1, col, -1, SQLITE_STATIC);
    bool yes = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    return yes;
}

/* Links the news incidents of a store older than version 5. */
static int relink(sr_store *st)
{
    sr__dedup *d = sr__dedup_new(st->db, st->err, sizeof st->err);
    if (!d)
        return SR_EDB;
    int rc = sr__dedup_relink(d, st->err, sizeof st->err);
    sr__dedup_free(d);
    return rc;
}

static int migrate(sr_store *st)
{
    int v = 0, rc = user_version(st, &v);
    if (rc)
        return rc;
    if (v == STORE_SCHEMA_VERSION)
        return 0;
    if (v > STORE_SCHEMA_VERSION) {
        snprintf(st->err, sizeof st->err,
                 "the store has schema version %d but this sitrep knows only up to %d; use a newer sitrep",
                 v, STORE_SCHEMA_VERSION);
        return SR_EDB;
    }
    char setv[64];
    snprintf(setv, sizeof setv, "PRAGMA user_version = %d", STORE_SCHEMA_VERSION);
    /* an upgrade rebuilds derived tables with large sorts: let them run in
     * memory (the page cache bounds the sorter) rather than in temp files */
    if (v > 0 && (rc = exec(st, "PRAGMA cache_size = -1048576", "creating the schema")) != 0)
        return rc;
    if ((rc = exec(st, "BEGIN IMMEDIATE", "creating the schema")) != 0)
        return rc;
    /* additive steps: 1 → 2 ACLED's spelling of admin1 beside GeoNames';
     * 2 → 3 the origin of events; 3 → 4 the tallies (built from the events);
     * 4 → 5 incidents linking the reports of one event (the tally triggers are
     * made anew: news incidents count through their incident); 5 → 6 admin2
     * in the tallies (rebuilt), the alert tallies, incidents' assoc actors;
     * 6 → 7 the toll histogram of the alert tallies (alert_marks, built);
     * 7 → 8 the tallies crossed by filter value (ftallies, built), the
     * filters' indexes on events widened to hold the documents, and the
     * claims linked to the incidents they cover (claim_links, built);
     * 8 → 9 the triggers write pending units; 9 → 10 the units' covering
     * indexes (version10_indexes) and the reports rows of the crossed
     * tallies (ensure_reps, built from the events); 10 → 11 the actors'
     * packed monthly series (ensure_series, built); 11 -> 12 their keys by
     * month (ensure_kseries, built) */
    if (v >= 1 && v < 6 &&
        ((rc = exec(st,
                    "DROP TRIGGER IF EXISTS tallies_ins; DROP TRIGGER IF EXISTS tallies_del;"
                    " DROP TRIGGER IF EXISTS tallies_upd; DROP TRIGGER IF EXISTS tallies_inc_ins;"
                    " DROP TRIGGER IF EXISTS tallies_inc_del; DROP TRIGGER IF EXISTS tallies_inc_upd;",
                    "upgrading the store to schema version 6")) != 0 ||
         (!has_column(st, "events", "incident_id") &&
          (rc = exec(st, "ALTER TABLE events ADD COLUMN incident_id INTEGER",
                     "upgrading the store to schema version 5")) != 0))) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    /* 8 -> 9: the tallies' and crossed tallies' triggers write pending units
     * (added up per batch by ft_flush) */
    if (v >= 1 && v < 10 &&
        (rc = exec(st,
                   "DROP TRIGGER IF EXISTS tallies_ins; DROP TRIGGER IF EXISTS tallies_del;"
                   " DROP TRIGGER IF EXISTS tallies_upd; DROP TRIGGER IF EXISTS tallies_inc_ins;"
                   " DROP TRIGGER IF EXISTS tallies_inc_del; DROP TRIGGER IF EXISTS tallies_inc_upd;"
                   " DROP TRIGGER IF EXISTS ftallies_ins; DROP TRIGGER IF EXISTS ftallies_del;"
                   " DROP TRIGGER IF EXISTS ftallies_upd; DROP TRIGGER IF EXISTS ftallies_inc_ins;"
                   " DROP TRIGGER IF EXISTS ftallies_inc_del; DROP TRIGGER IF EXISTS ftallies_inc_upd;",
                   "upgrading the store to schema version 10")) != 0) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    if (v >= 1 && v < 2 &&
        (rc = exec(st, "ALTER TABLE events ADD COLUMN admin1_acled TEXT NOT NULL DEFAULT ''",
                   "upgrading the schema to version 2")) != 0) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    if (v >= 1 && v < 8 &&
        (rc = exec(st,
                   "DROP INDEX IF EXISTS events_admin1; DROP INDEX IF EXISTS events_actor1;"
                   " DROP INDEX IF EXISTS events_actor2; DROP INDEX IF EXISTS events_event_type;"
                   " DROP INDEX IF EXISTS events_sub_event_type;",
                   "upgrading the store to schema version 8")) != 0) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    if ((v >= 1 && v < 3 && (rc = exec(st, upgrade_2_to_3, "upgrading the store to schema version 3")) != 0) ||
        (rc = exec(st, schema_sql, "creating the schema")) != 0 ||
        (rc = exec(st, sr__dedup_schema, "creating the incidents")) != 0 ||
        (rc = exec(st, version10_indexes, "upgrading the store to schema version 10")) != 0 ||
        (!has_column(st, "incidents", "assoc_actor_1") &&
         (rc = exec(st,
                    "ALTER TABLE incidents ADD COLUMN assoc_actor_1 TEXT NOT NULL DEFAULT '';"
                    " ALTER TABLE incidents ADD COLUMN assoc_actor_2 TEXT NOT NULL DEFAULT '';",
                    "upgrading the store to schema version 6")) != 0) ||
        (v >= 1 && v < 5 && (rc = relink(st)) != 0) || (rc = ensure_tallies(st, v > 0 && v < 6)) != 0 ||
        (rc = ensure_alert_tallies(st, v > 0 && v < 6, v > 0 && v < 7)) != 0 ||
        (rc = ensure_reps(st, 0)) != 0 || /* the pending table's new column, before the triggers write it */
        (rc = ensure_ftallies(st, v > 0 && v < 8)) != 0 || (rc = ensure_reps(st, v > 0 && v < 10)) != 0 ||
        (rc = ensure_series(st, v > 0 && v < 11, v == 11)) != 0 || (rc = ensure_kseries(st, v > 0 && v < 12)) != 0 ||
        (rc = ensure_claim_links(st, v > 0 && v < 8)) != 0 ||
        (rc = exec(st, "DROP TABLE IF EXISTS temp.sr_units", "creating the schema")) != 0 ||
        (rc = exec(st, setv, "creating the schema")) != 0) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    rc = exec(st, "COMMIT", "creating the schema");
    if (v > 0)
        sqlite3_exec(st->db, "PRAGMA cache_size = -2000", NULL, NULL, NULL); /* SQLite's default again */
    return rc;
}

static const char *const ins_ev_sql =
    "INSERT INTO events (document_id, event_id, kind, event_date, date_start, date_end, time_precision,"
    " event_type, sub_event_type, actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, country,"
    " iso3, admin1, admin2, location, latitude, longitude, geo_precision, geonames_id, fatalities,"
    " fatalities_low, fatalities_high, source, notes, evidence, admin1_acled, incident_id) VALUES (?1, ?2, ?3,"
    " ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25,"
    " ?26, ?27, ?28, ?29, ?30, ?31, ?32)";

sr_store *sr_store_open(const char *path, char *err, size_t errlen)
{
    if (!path || !*path) {
        sr__errf(err, errlen, "no store path given; pass a file name such as sitrep.db");
        return NULL;
    }
    sr_store *st = calloc(1, sizeof *st);
    if (!st) {
        sr__errf(err, errlen, "%s: out of memory", path);
        return NULL;
    }
    int rc = sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        sr__errf(err, errlen, "%s: cannot open the store: %s; check the path and its permissions", path,
                 st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
        sr_store_free(st);
        return NULL;
    }
    sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
    sqlite3_extended_result_codes(st->db, 1);
    if (series_functions(st->db) != SQLITE_OK ||
        sqlite3_create_function_v2(st->db, "sr_actor_in", 2, SQLITE_UTF8, st, actor_in_fn, NULL, NULL, NULL) !=
            SQLITE_OK) {
        sr__errf(err, errlen, "%s: cannot register the store's SQL functions: %s", path, sqlite3_errmsg(st->db));
        sr_store_free(st);
        return NULL;
    }
    if (exec(st, "PRAGMA journal_mode = WAL", "setting WAL mode") ||
        exec(st, "PRAGMA foreign_keys = ON", "enabling foreign keys") ||
        exec(st, "PRAGMA synchronous = NORMAL", "setting synchronous mode") || migrate(st) ||
        sqlite3_prepare_v2(st->db, "SELECT id FROM documents WHERE hash = ?1", -1, &st->find_hash, NULL) ||
        sqlite3_prepare_v2(st->db,
                           "INSERT INTO documents (doc_key, hash, title, date, source, url, origin, text,"
                           " ingested_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
                           " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                           -1, &st->ins_doc, NULL) ||
        sqlite3_prepare_v2(st->db, ins_ev_sql, -1, &st->ins_ev, NULL) ||
        !(st->dedup = sr__dedup_new(st->db, st->err, sizeof st->err))) {
        if (!st->err[0])
            db_fail(st, "preparing statements");
        sr__errf(err, errlen, "%s: not a usable sitrep store: %s", path, st->err);
        sr_store_free(st);
        return NULL;
    }
    return st;
}

void sr_store_free(sr_store *st)
{
    if (!st)
        return;
    sqlite3_finalize(st->find_hash);
    sqlite3_finalize(st->ins_doc);
    sqlite3_finalize(st->ins_ev);
    sqlite3_finalize(st->ins_ref);
    sr__dedup_free(st->dedup);
    cube_free(st->cube);
    aset_free(st->names);
    sqlite3_close(st->db);
    free(st);
}

const char *sr_store_error(const sr_store *st)
{
    if (!st)
        return "no store";
    return st->err[0] ? st->err : "no error";
}

int sr_store_begin(sr_store *st)
{
    if (!st)
        return SR_EINVAL;
    int rc = exec(st, "BEGIN IMMEDIATE", "starting a transaction");
    st->batch = !rc;
    return rc;
}

/* The batch's pending units go into the crossed tallies in the same
 * transaction, so a crash keeps both or neither. */
int sr_store_commit(sr_store *st)
{
    if (!st)
        return SR_EINVAL;
    int rc = ft_flush(st);
    rc = rc ? rc : exec(st, "COMMIT", "committing");
    if (!rc)
        st->batch = 0;
    return rc;
}

int sr_store_rollback(sr_store *st)
{
    if (!st)
        return SR_EINVAL;
    st->batch = 0;
    return exec(st, "ROLLBACK", "rolling back");
}

/* ---- adding ----------------------------------------------------------- */

/* The de-duplication key: two FNV-1a 64 hashes (different offset bases) of the
 * text and its length, as 40 hex digits. */
static void text_hash(const char *text, size_t len, char out[41])
{
    uint64_t a = sr__hash64(text, len);
    uint64_t b = 0x9ae16a3b2f90404fULL;
    const unsigned char *u = (const unsigned char *)text;
    for (size_t i = 0; i < len; i++) {
        b ^= u[i];
        b *= 1099511628211ULL;
    }
    snprintf(out, 41, "%016llx%016llx%08llx", (unsigned long long)a, (unsigned long long)b,
             (unsigned long long)(len & 0xffffffffu));
}

static int bind_text(sqlite3_stmt *s, int i, const char *v)
{
    return sqlite3_bind_text(s, i, v ? v : "", -1, SQLITE_TRANSIENT);
}

/* Binds an integer, or NULL when it is at or below the "unknown" value. */
static int bind_int(sqlite3_stmt *s, int i, long v, long unknown_at_or_below)
{
    return v <= unknown_at_or_below ? sqlite3_bind_null(s, i) : sqlite3_bind_int64(s, i, v);
}

static int bind_real(sqlite3_stmt *s, int i, double v)
{
    return isfinite(v) ? sqlite3_bind_double(s, i, v) : sqlite3_bind_null(s, i);
}

/* Parameters 4-29 of both event inserts (news and reference): the event's
 * own fields, in the column order of the events table. */
static void bind_event_fields(sqlite3_stmt *s, const sr_event *ev)
{
    bind_text(s, 4, ev->event_date);
    bind_text(s, 5, ev->date_start);
    bind_text(s, 6, ev->date_end);
    bind_int(s, 7, ev->time_precision, 0);
    bind_text(s, 8, ev->event_type);
    bind_text(s, 9, ev->sub_event_type);
    bind_text(s, 10, ev->actor1);
    bind_text(s, 11, ev->assoc_actor_1);
    bind_int(s, 12, ev->inter1, 0);
    bind_text(s, 13, ev->actor2);
    bind_text(s, 14, ev->assoc_actor_2);
    bind_int(s, 15, ev->inter2, 0);
    bind_text(s, 16, ev->country);
    bind_text(s, 17, ev->iso3);
    bind_text(s, 18, ev->admin1);
    bind_text(s, 19, ev->admin2);
    bind_text(s, 20, ev->location);
    bind_real(s, 21, ev->latitude);
    bind_real(s, 22, ev->longitude);
    bind_int(s, 23, ev->geo_precision, 0);
    bind_int(s, 24, ev->geonames_id, 0);
    bind_int(s, 25, ev->fatalities, -1);
    bind_int(s, 26, ev->fatalities_low, -1);
    bind_int(s, 27, ev->fatalities_high, -1);
    bind_text(s, 28, ev->source);
    bind_text(s, 29, ev->notes);
}

/* Inserts one event (linked to incident iid when > 0); when its event_id is
 * already taken (another document coded with the same id), retries with "#2",
 * "#3"… appended. */
static int insert_event(sr_store *st, sqlite3_int64 doc_rowid, const sr_event *ev, int64_t iid)
{
    sqlite3_stmt *s = st->ins_ev;
    char evid[512];
    sr__buf eb;
    sr__buf_init(&eb, sizeof evid - 1);
    if (sr__evidence_json(&eb, ev) == 0 && eb.p)
        memcpy(evid, eb.p, eb.len + 1);
    else
        strcpy(evid, "{}");
    sr__buf_release(&eb);
    const char *eid = ev->event_id ? ev->event_id : "";
    for (int attempt = 1; attempt <= 100; attempt++) {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        char *id = attempt == 1 ? sqlite3_mprintf("%s", eid) : sqlite3_mprintf("%s#%d", eid, attempt);
        if (!id)
            return SR_ENOMEM;
        sqlite3_bind_int64(s, 1, doc_rowid);
        sqlite3_bind_text(s, 2, id, -1, sqlite3_free);
        bind_text(s, 3, ev->kind);
        bind_event_fields(s, ev);
        bind_text(s, 30, evid);
        bind_text(s, 31, ev->admin1_acled ? ev->admin1_acled : "");
        if (iid > 0)
            sqlite3_bind_int64(s, 32, iid);
        int rc = sqlite3_step(s);
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        if (rc == SQLITE_DONE)
            return 0;
        if (rc != SQLITE_CONSTRAINT_UNIQUE)
            return db_fail(st, "storing an event");
    }
    snprintf(st->err, sizeof st->err, "storing an event: event id '%.200s' is taken 100 times over", eid);
    return SR_EDB;
}

static int add_doc(sr_store *st, const sr_doc *doc, const sr_events *evs, int *skipped)
{
    char hash[41];
    text_hash(doc->text ? doc->text : "", doc->text ? doc->text_len : 0, hash);
    sqlite3_stmt *s = st->find_hash;
    sqlite3_reset(s);
    sqlite3_bind_text(s, 1, hash, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW) {
        *skipped = 1;
        return 0;
    }
    if (rc != SQLITE_DONE)
        return db_fail(st, "looking up the document hash");

    s = st->ins_doc;
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    bind_text(s, 1, doc->id);
    bind_text(s, 2, hash);
    bind_text(s, 3, doc->title);
    bind_text(s, 4, doc->date);
    bind_text(s, 5, doc->source);
    bind_text(s, 6, doc->url);
    bind_text(s, 7, doc->origin);
    sqlite3_bind_text64(s, 8, doc->text ? doc->text : "", doc->text ? doc->text_len : 0, SQLITE_TRANSIENT,
                        SQLITE_UTF8);
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    if (rc != SQLITE_DONE)
        return db_fail(st, "storing the document");
    sqlite3_int64 rowid = sqlite3_last_insert_rowid(st->db);
    for (size_t i = 0; evs && i < evs->n; i++) {
        const sr_event *ev = &evs->v[i];
        int64_t iid = 0;
        int created = 0;
        /* a reported incident joins the incident it repeats; aggregate claims stand alone */
        if (ev->kind && !strcmp(ev->kind, "incident") &&
            (rc = sr__dedup_link(st->dedup, ev, doc->source && *doc->source ? doc->source : doc->id, doc->text,
                                 doc->text ? doc->text_len : 0, &iid, &created, st->err, sizeof st->err)) != 0)
            return rc;
        if ((rc = insert_event(st, rowid, ev, iid)) != 0)
            return rc;
        if (iid > 0 && !created && (rc = sr__dedup_refresh(st->dedup, iid, st->err, sizeof st->err)) != 0)
            return rc;
    }
    return 0;
}

int sr_store_add(sr_store *st, const sr_doc *doc, const sr_events *evs, int *skipped)
{
    int dummy;
    if (!skipped)
        skipped = &dummy;
    *skipped = 0;
    if (!st || !doc)
        return SR_EINVAL;
    st->err[0] = 0;
    /* a savepoint makes each document all-or-nothing, inside or outside a batch */
    int rc = exec(st, "SAVEPOINT sr_add", "storing the document");
    if (rc)
        return rc;
    rc = add_doc(st, doc, evs, skipped);
    if (rc) {
        char keep[sizeof st->err];
        memcpy(keep, st->err, sizeof keep);
        sqlite3_exec(st->db, "ROLLBACK TO sr_add; RELEASE sr_add", NULL, NULL, NULL);
        memcpy(st->err, keep, sizeof keep);
        *skipped = 0;
        return rc;
    }
    /* outside a batch the savepoint is the transaction: add up its units first */
    if (!st->batch && (rc = ft_flush(st)) != 0) {
        char keep[sizeof st->err];
        memcpy(keep, st->err, sizeof keep);
        sqlite3_exec(st->db, "ROLLBACK TO sr_add; RELEASE sr_add", NULL, NULL, NULL);
        memcpy(st->err, keep, sizeof keep);
        return rc;
    }
    return exec(st, "RELEASE sr_add", "storing the document");
}

/* ---- queries ---------------------------------------------------------- */

/* Appends the WHERE conditions of q to sql and collects their parameters in
 * order; the condition text is fixed, only parameters come from the caller. */
static int where_clause(const sr_query *q, sr__buf *sql, const char **params, int *np, int few_days)
{
    int rc = sr__buf_adds(sql, " WHERE 1");
    *np = 0;
    if (!q)
        return rc;
    if (!rc && q->since && *q->since) {
        rc = sr__buf_printf(sql, " AND e.event_date <> '' AND e.event_date >= ?%d", *np + 1);
        params[(*np)++] = q->since;
    }
    if (!rc && q->until && *q->until) {
        rc = sr__buf_printf(sql, " AND e.event_date <> '' AND e.event_date <= ?%d", *np + 1);
        params[(*np)++] = q->until;
    }
    if (!rc && q->country && *q->country) {
        /* on a few days, the date's index is narrower than a country's */
        rc = sr__buf_printf(sql,
                            few_days ? " AND (+e.country = ?%d COLLATE NOCASE OR +e.iso3 = ?%d COLLATE NOCASE)"
                                     : " AND (e.country = ?%d COLLATE NOCASE OR e.iso3 = ?%d COLLATE NOCASE)",
                            *np + 1, *np + 1);
        params[(*np)++] = q->country;
    }
    if (!rc && q->admin1 && *q->admin1) {
        rc = sr__buf_printf(sql, " AND e.admin1 = ?%d COLLATE NOCASE", *np + 1);
        params[(*np)++] = q->admin1;
    }
    if (!rc && q->actor && *q->actor) {
        rc = sr__buf_printf(sql,
                            " AND (instr(lower(e.actor1), lower(?%d)) > 0 OR instr(lower(e.actor2), lower(?%d)) > 0)",
                            *np + 1, *np + 1);
        params[(*np)++] = q->actor;
    }
    if (!rc && q->type && *q->type) {
        rc = sr__buf_printf(sql, " AND (e.event_type = ?%d COLLATE NOCASE OR e.sub_event_type = ?%d COLLATE NOCASE)",
                            *np + 1, *np + 1);
        params[(*np)++] = q->type;
    }
    if (!rc && q->kind && *q->kind) {
        /* kinds are stored in lower case; a plain comparison keeps the indexes usable */
        rc = sr__buf_printf(sql, " AND e.kind = lower(?%d)", *np + 1);
        params[(*np)++] = q->kind;
    }
    return rc;
}

/* where_clause, then the origin condition: news unless q names another
 * origin or "all". */
static int where_origin_f(const sr_query *q, sr__buf *sql, const char **params, int *np, int few_days)
{
    int rc = where_clause(q, sql, params, np, few_days);
    const char *o = q && q->origin && *q->origin ? q->origin : "news";
    /* with a region or type, their indexes are far narrower than the origin's;
     * an actor (a substring, which no index serves) reads faster by a plain
     * scan than through the origin index ("+" keeps the planner, which has no
     * statistics, off the origin index) */
    bool narrow = q && ((q->admin1 && *q->admin1) || (q->type && *q->type) || (q->actor && *q->actor));
    /* a few days (few_units) are read through indexes that start with the
     * origin, then the date: the origin condition must be usable there */
    if (!rc && strcmp(o, "all")) {
        rc = sr__buf_printf(sql, narrow && !few_days ? " AND +e.origin = ?%d" : " AND e.origin = ?%d", *np + 1);
        params[(*np)++] = o;
    } else if (!rc && few_days)
        rc = sr__buf_adds(sql, " AND e.origin IN ('news', 'acled', 'ucdp')");
    return rc;
}

static int where_origin(const sr_query *q, sr__buf *sql, const char **params, int *np)
{
    return where_origin_f(q, sql, params, np, 0);
}

static int prepare_query(sr_store *st, sr__buf *sql, const char **params, int np, long limit,
                         sqlite3_stmt **out)
{
    int rc = 0;
    if (limit > 0)
        rc = sr__buf_printf(sql, " LIMIT %ld", limit);
    if (rc)
        return rc;
    if (sqlite3_prepare_v2(st->db, sql->p, -1, out, NULL) != SQLITE_OK)
        return db_fail(st, "preparing the query");
    for (int i = 0; i < np; i++)
        sqlite3_bind_text(*out, i + 1, params[i], -1, SQLITE_TRANSIENT);
    return 0;
}

/* Column readers that map NULL to "" / unknown / NAN (store.c and dedup.c). */
const char *sr__col_text(sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    return t ? (const char *)t : "";
}

int sr__col_int(sqlite3_stmt *s, int i, int unknown)
{
    return sqlite3_column_type(s, i) == SQLITE_NULL ? unknown : sqlite3_column_int(s, i);
}

double sr__col_real(sqlite3_stmt *s, int i)
{
    return sqlite3_column_type(s, i) == SQLITE_NULL ? NAN : sqlite3_column_double(s, i);
}

static void copy_date(char out[11], const char *s)
{
    snprintf(out, 11, "%s", s);
}

/* Fills the evidence spans of ev from the stored JSON object. */
static void parse_evidence(sr_event *ev, const char *js)
{
    struct {
        const char *name;
        sr_span *sp;
    } spans[] = {
        {"sentence", &ev->ev_sentence}, {"trigger", &ev->ev_trigger}, {"actor1", &ev->ev_actor1},
        {"actor2", &ev->ev_actor2},     {"place", &ev->ev_place},     {"date", &ev->ev_date},
        {"number", &ev->ev_number},     {"source", &ev->ev_source},
    };
    for (size_t i = 0; i < sizeof spans / sizeof spans[0]; i++)
        spans[i].sp->start = spans[i].sp->end = -1;
    json_t *root = json_loads(js, 0, NULL);
    if (!json_is_object(root)) {
        json_decref(root);
        return;
    }
    for (size_t i = 0; i < sizeof spans / sizeof spans[0]; i++) {
        json_t *a = json_object_get(root, spans[i].name);
        if (json_is_array(a) && json_array_size(a) == 2 && json_is_integer(json_array_get(a, 0)) &&
            json_is_integer(json_array_get(a, 1))) {
            spans[i].sp->start = (int32_t)json_integer_value(json_array_get(a, 0));
            spans[i].sp->end = (int32_t)json_integer_value(json_array_get(a, 1));
        }
    }
    json_decref(root);
}

/* Prepares select (whose table is aliased e) with the query's filters, in
 * date order, up to the query's limit: the listings of events and incidents. */
static int select_in_order(sr_store *st, const sr_query *q, const char *select, sqlite3_stmt **out)
{
    sr__buf sql;
    sr__buf_init(&sql, STORE_MAX_SQL);
    const char *params[16];
    int np = 0;
    int rc = sr__buf_adds(&sql, select);
    if (!rc)
        rc = where_origin(q, &sql, params, &np);
    if (!rc)
        rc = sr__buf_adds(&sql, " ORDER BY e.event_date, e.id");
    if (!rc)
        rc = prepare_query(st, &sql, params, np, q ? q->limit : 0, out);
    sr__buf_release(&sql);
    return rc;
}

int sr_store_events(sr_store *st, const sr_query *q, sr_event_cb cb, void *ud)
{
    if (!st || !cb)
        return SR_EINVAL;
    sqlite3_stmt *s = NULL;
    int rc = select_in_order(st, q,
                          "SELECT d.doc_key, e.event_id, e.kind, e.event_date, e.date_start, e.date_end,"
                          " e.time_precision, e.event_type, e.sub_event_type, e.actor1, e.assoc_actor_1,"
                          " e.inter1, e.actor2, e.assoc_actor_2, e.inter2, e.country, e.iso3, e.admin1,"
                          " e.admin2, e.location, e.latitude, e.longitude, e.geo_precision, e.geonames_id,"
                          " e.fatalities, e.fatalities_low, e.fatalities_high, e.source, e.notes, e.evidence,"
                          " e.admin1_acled FROM events e JOIN documents d ON d.id = e.document_id", &s);
    if (rc)
        return rc;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        sr_event ev;
        memset(&ev, 0, sizeof ev);
        ev.doc_id = sr__col_text(s, 0);
        ev.event_id = sr__col_text(s, 1);
        ev.kind = sr__col_text(s, 2);
        copy_date(ev.event_date, sr__col_text(s, 3));
        copy_date(ev.date_start, sr__col_text(s, 4));
        copy_date(ev.date_end, sr__col_text(s, 5));
        ev.time_precision = sr__col_int(s, 6, 0);
        ev.event_type = sr__col_text(s, 7);
        ev.sub_event_type = sr__col_text(s, 8);
        ev.actor1 = sr__col_text(s, 9);
        ev.assoc_actor_1 = sr__col_text(s, 10);
        ev.inter1 = sr__col_int(s, 11, 0);
        ev.actor2 = sr__col_text(s, 12);
        ev.assoc_actor_2 = sr__col_text(s, 13);
        ev.inter2 = sr__col_int(s, 14, 0);
        ev.country = sr__col_text(s, 15);
        ev.iso3 = sr__col_text(s, 16);
        ev.admin1 = sr__col_text(s, 17);
        ev.admin2 = sr__col_text(s, 18);
        ev.location = sr__col_text(s, 19);
        ev.latitude = sr__col_real(s, 20);
        ev.longitude = sr__col_real(s, 21);
        ev.geo_precision = sr__col_int(s, 22, 0);
        ev.geonames_id = sqlite3_column_type(s, 23) == SQLITE_NULL ? 0 : (long)sqlite3_column_int64(s, 23);
        ev.fatalities = sr__col_int(s, 24, -1);
        ev.fatalities_low = sr__col_int(s, 25, -1);
        ev.fatalities_high = sr__col_int(s, 26, -1);
        ev.source = sr__col_text(s, 27);
        ev.notes = sr__col_text(s, 28);
        parse_evidence(&ev, sr__col_text(s, 29));
        ev.admin1_acled = sr__col_text(s, 30);
        if ((rc = cb(ud, &ev)) != 0)
            break;
    }
    if (!rc && step != SQLITE_DONE)
        rc = db_fail(st, "reading events");
    sqlite3_finalize(s);
    return rc;
}

int sr_store_claims(sr_store *st, const sr_query *q, sr_claim_cb cb, void *ud)
{
    if (!st || !cb)
        return SR_EINVAL;
    sr_query c = q ? *q : (sr_query){0};
    c.kind = "aggregate";
    sqlite3_stmt *s = NULL;
    int rc = select_in_order(
        st, &c,
        "SELECT e.event_id, " CLAIM_FROM("e") ", " CLAIM_TO("e") ", e.country, e.admin1, e.actor1, e.event_type,"
        " e.fatalities, COALESCE(e.fatalities_low, e.fatalities), COALESCE(e.fatalities_high, e.fatalities),"
        " (SELECT count(*) FROM claim_links l WHERE l.claim = e.id),"
        " (SELECT SUM(COALESCE(i.fatalities_low, i.fatalities, 0)) FROM claim_links l JOIN incidents i"
        " ON i.id = l.incident WHERE l.claim = e.id),"
        " (SELECT SUM(COALESCE(i.fatalities, 0)) FROM claim_links l JOIN incidents i ON i.id = l.incident"
        " WHERE l.claim = e.id),"
        " (SELECT SUM(COALESCE(i.fatalities_high, i.fatalities, 0)) FROM claim_links l JOIN incidents i"
        " ON i.id = l.incident WHERE l.claim = e.id),"
        " (SELECT group_concat(incident, ',') FROM (SELECT l.incident FROM claim_links l WHERE l.claim = e.id"
        " ORDER BY l.incident)) FROM events e",
        &s);
    if (rc)
        return rc;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        sr_claim x = {sr__col_text(s, 0), sr__col_text(s, 1), sr__col_text(s, 2), sr__col_text(s, 3),
                      sr__col_text(s, 4), sr__col_text(s, 5), sr__col_text(s, 6), sr__col_int(s, 8, -1),
                      sr__col_int(s, 7, -1), sr__col_int(s, 9, -1), (long)sqlite3_column_int64(s, 10),
                      (long)sqlite3_column_int64(s, 11), (long)sqlite3_column_int64(s, 12),
                      (long)sqlite3_column_int64(s, 13), sr__col_text(s, 14)};
        if ((rc = cb(ud, &x)) != 0)
            break;
    }
    if (!rc && step != SQLITE_DONE)
        rc = db_fail(st, "reading claims");
    sqlite3_finalize(s);
    return rc;
}

/* ---- report ----------------------------------------------------------- */

/* What reports count: each incident once (a news incident through its
 * incident, schema version 5), with the columns the filters and sums read. */
#define COUNTED_EVENTS COUNTED_UNITS
/* The same, for a few days of one filter (the edges of a crossed-tally
 * report), each branch through a named index: a region's (schema 7), or the
 * covering indexes of the units by origin and date (schema 10), so that no
 * wide row is read for a type or an actor substring. Named, because SQLite
 * (no statistics) would read every unlinked event through events_incident. */
#define FEW_UNITS_COLS                                                                                     \
    "kind, origin, event_date, event_type, sub_event_type, actor1, actor2, country, iso3, admin1, admin2," \
    " fatalities, fatalities_low, fatalities_high"
static const char *few_units(const sr_query *q)
{
    if (q && q->admin1 && *q->admin1)
        return "(SELECT " FEW_UNITS_COLS " FROM events INDEXED BY events_unlinked_admin1 WHERE incident_id IS NULL"
               " UNION ALL SELECT " FEW_UNITS_COLS " FROM incidents INDEXED BY incidents_admin1_nc) e";
    return "(SELECT " FEW_UNITS_COLS " FROM events INDEXED BY events_unlinked_units WHERE incident_id IS NULL"
           " UNION ALL SELECT " FEW_UNITS_COLS " FROM incidents INDEXED BY incidents_units) e";
}

static const struct {
    const char *by;
    const char *expr;
    int timekey; /* ordered by key rather than by count */
} report_keys[] = {
    {"actor", "e.actor1", 0},
    {"admin1", "e.admin1", 0},
    {"admin2", "e.admin2", 0},
    {"country", "e.country", 0},
    {"sub_event_type", "e.sub_event_type", 0},
    /* ISO week: the Monday on or before the event date */
    {"week",
     "COALESCE(date(e.event_date, printf('-%d days', (CAST(strftime('%w', e.event_date) AS INTEGER) + 6) % 7)), '')",
     1},
    {"month", "substr(e.event_date, 1, 7)", 1},
};

/* ---- the tallies fast path ------------------------------------------------- */

/* The tally rows that cover [since, until]: whole years from year rows,
 * whole months at the edges from month rows, the days left from day rows;
 * at most five ranges (days, months, years, months, days). */
typedef struct span {
    int n;
    struct {
        char gran;
        char lo[16], hi[16];
    } part[5];
} span;

static void span_add(span *sp, char gran, const char *lo, const char *hi)
{
    if (sp->n && sp->part[sp->n - 1].gran == gran) { /* extends the last range */
        snprintf(sp->part[sp->n - 1].hi, sizeof sp->part[0].hi, "%s", hi);
        return;
    }
    if (sp->n == 5)
        return; /* cannot happen: the walk below yields at most five ranges */
    sp->part[sp->n].gran = gran;
    snprintf(sp->part[sp->n].lo, sizeof sp->part[0].lo, "%s", lo);
    snprintf(sp->part[sp->n].hi, sizeof sp->part[0].hi, "%s", hi);
    sp->n++;
}

/* Fills the ranges of tally rows covering q's period; false when its dates
 * are not plain dates (the general query then compares them as text). */
static bool span_of(const sr_query *q, span *sp)
{
    memset(sp, 0, sizeof *sp);
    bool hs = q && q->since && *q->since, hu = q && q->until && *q->until;
    sr__date a = {1, 1, 1}, b = {9999, 12, 31};
    if ((hs && (strlen(q->since) != 10 || sr__date_parse_iso(q->since, &a))) ||
        (hu && (strlen(q->until) != 10 || sr__date_parse_iso(q->until, &b))))
        return false; /* not a plain date: the general query compares as text */
    if (!hs && !hu) { /* everything, undated events too (period '') */
        span_add(sp, 'Y', "", "9999");
        return true;
    }
    long d = sr__date_days(a), end = sr__date_days(b);
    while (d <= end) {
        sr__date x = sr__date_from_days(d);
        char lo[16], hi[16];
        long ylast = sr__date_days((sr__date){x.y, 12, 31}), mlast = sr__date_days((sr__date){x.y, x.m, sr__month_days(x.y, x.m)});
        if (x.m == 1 && x.d == 1 && ylast <= end) {
            snprintf(lo, sizeof lo, "%04d", x.y % 10000);
            span_add(sp, 'Y', lo, lo);
            d = ylast + 1;
        } else if (x.d == 1 && mlast <= end) {
            snprintf(lo, sizeof lo, "%04d-%02d", x.y % 10000, x.m % 13);
            span_add(sp, 'M', lo, lo);
            d = mlast + 1;
        } else {
            sr__date_fmt(x, lo);
            long stop = mlast < end ? mlast : end; /* the days to the month's end */
            sr__date_fmt(sr__date_from_days(stop), hi);
            span_add(sp, 'D', lo, hi);
            d = stop + 1;
        }
    }
    return true;
}

/* True when q asks only for what the tallies hold (dates, country, origin);
 * fills the ranges of rows to read. */
static bool tallies_can(const sr_query *q, span *sp)
{
    memset(sp, 0, sizeof *sp);
    if (q && ((q->admin1 && *q->admin1) || (q->actor && *q->actor) || (q->type && *q->type) ||
              (q->kind && *q->kind) || q->limit > 0))
        return false;
    return span_of(q, sp);
}

/* Appends "FROM tallies t WHERE <origin, dim, range i, country>"; parameters:
 * ?1 dim, ?2 origin, ?3 country, ?(10 + 2i) and ?(11 + 2i) the range. */
static int tallies_where(sr__buf *sql, const sr_query *q, const span *sp, int i)
{
    const char *o = q && q->origin && *q->origin ? q->origin : "news";
    int rc = sr__buf_adds(sql, !strcmp(o, "all") ? " FROM tallies t WHERE t.origin IN ('news', 'acled', 'ucdp')"
                                                 : " FROM tallies t WHERE t.origin = ?2");
    if (!rc)
        rc = sr__buf_printf(sql, " AND t.dim = ?1 AND t.gran = '%c' AND t.period >= ?%d AND t.period <= ?%d",
                            sp->part[i].gran, 10 + 2 * i, 11 + 2 * i);
    if (!rc && q && q->country && *q->country)
        rc = sr__buf_adds(sql, " AND (t.country = ?3 COLLATE NOCASE OR t.iso3 = ?3 COLLATE NOCASE)");
    return rc;
}

/* "SELECT cols FROM tallies ... UNION ALL ..." over every range of sp. */
static int tallies_union(sr__buf *sql, const sr_query *q, const span *sp, const char *cols)
{
    int rc = 0;
    for (int i = 0; i < sp->n && !rc; i++) {
        if (i)
            rc = sr__buf_adds(sql, " UNION ALL ");
        rc = rc ? rc : sr__buf_adds(sql, cols);
        rc = rc ? rc : tallies_where(sql, q, sp, i);
    }
    return rc;
}

static int tallies_prepare(sr_store *st, sr__buf *sql, const sr_query *q, const span *sp, const char *dim,
                           sqlite3_stmt **s)
{
    if (sqlite3_prepare_v2(st->db, sql->p, -1, s, NULL) != SQLITE_OK)
        return db_fail(st, "preparing the tally query");
    sqlite3_bind_text(*s, 1, dim, -1, SQLITE_STATIC);
    sqlite3_bind_text(*s, 2, q && q->origin && *q->origin ? q->origin : "news", -1, SQLITE_TRANSIENT);
    if (q && q->country && *q->country)
        sqlite3_bind_text(*s, 3, q->country, -1, SQLITE_TRANSIENT);
    for (int i = 0; i < sp->n; i++) {
        sqlite3_bind_text(*s, 10 + 2 * i, sp->part[i].lo, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(*s, 11 + 2 * i, sp->part[i].hi, -1, SQLITE_TRANSIENT);
    }
    return 0;
}

/* The tally rows of the period, ungrouped (report_grouped adds them up). */
static int report_tallies(sr_store *st, const char *by, const sr_query *q, const span *sp, sqlite3_stmt **out)
{
    static const char *const cols = "SELECT t.key, t.incidents, t.aggregates, t.fat_low, t.fat_best, t.fat_high,"
                                    " t.claim_low, t.claim_best, t.claim_high";
    sr__buf sql;
    sr__buf_init(&sql, STORE_MAX_SQL);
    int rc = tallies_union(&sql, q, sp, cols);
    if (!rc)
        rc = tallies_prepare(st, &sql, q, sp, by, out);
    sr__buf_release(&sql);
    return rc;
}

/* One key of a report being summed from tally rows. */
typedef struct rsum {
    char *key;
    long v[8];
} rsum;

static int timekey_order;
static int by_report_order(const void *a, const void *b)
{
    const rsum *x = a, *y = b;
    if (!timekey_order) {
        long tx = x->v[0] + x->v[1], ty = y->v[0] + y->v[1];
        if (tx != ty)
            return tx > ty ? -1 : 1;
    }
    return strcmp(x->key, y->key);
}

/* Keys being summed from tally rows: a hash table over a growing array
 * (cheaper than SQLite's sorter on tens of thousands of rows). */
typedef struct rgroup {
    rsum *v;
    size_t n, cap;
    sr__keyidx ix;
} rgroup;

static void rg_release(rgroup *g)
{
    for (size_t i = 0; i < g->n; i++)
        free(g->v[i].key);
    free(g->v);
    sr__keyidx_release(&g->ix);
    memset(g, 0, sizeof *g);
}

/* Adds v[0..7] to key's sums, each column first multiplied by mask (0 or 1). */
static int rg_add(rgroup *g, const char *key, const long v[8], const int mask[8])
{
    size_t *slot = sr__keyidx_slot(&g->ix, g->v, sizeof *g->v, g->n, key, 4096);
    if (!slot)
        return SR_ENOMEM;
    if (!*slot) {
        if (sr__grow((void **)&g->v, &g->cap, g->n, sizeof *g->v) || !(g->v[g->n].key = sr__strdup(key)))
            return SR_ENOMEM;
        memset(g->v[g->n].v, 0, sizeof g->v[g->n].v);
        *slot = ++g->n;
    }
    rsum *r = &g->v[*slot - 1];
    for (int i = 0; i < 8; i++)
        r->v[i] += mask[i] * v[i];
    return 0;
}

static const int no_mask[8] = {1, 1, 1, 1, 1, 1, 1, 1};

/* Adds every row of s (key, then the eight sums). */
static int rg_feed(sr_store *st, rgroup *g, sqlite3_stmt *s, const int mask[8])
{
    int rc = 0, step;
    while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
        long v[8];
        for (int i = 0; i < 8; i++)
            v[i] = (long)sqlite3_column_int64(s, i + 1);
        rc = rg_add(g, sr__col_text(s, 0), v, mask);
    }
    if (rc == SR_ENOMEM)
        snprintf(st->err, sizeof st->err, "tallying events: out of memory");
    else if (step != SQLITE_DONE)
        rc = db_fail(st, "tallying events");
    return rc;
}

/* Calls cb for every key with something counted, in report order. */
static int rg_emit(rgroup *g, int timekey, sr_tally_cb cb, void *ud)
{
    int rc = 0;
    timekey_order = timekey;
    if (g->n)
        qsort(g->v, g->n, sizeof *g->v, by_report_order);
    for (size_t i = 0; i < g->n && !rc; i++) {
        const rsum *r = &g->v[i];
        if (r->v[0] + r->v[1] <= 0)
            continue;
        sr_tally t = {r->key, r->v[0], r->v[1], r->v[2], r->v[3], r->v[4], r->v[5], r->v[6], r->v[7]};
        rc = cb(ud, &t);
    }
    return rc;
}

/* Sums the rows of s per key, then calls cb in report order. */
static int report_grouped(sr_store *st, sqlite3_stmt *s, int timekey, sr_tally_cb cb, void *ud)
{
    rgroup g = {0};
    int rc = rg_feed(st, &g, s, no_mask);
    if (!rc)
        rc = rg_emit(&g, timekey, cb, ud);
    rg_release(&g);
    return rc;
}

/* Sum of one tally expression over the period for one dimension. */
static int tallies_sum(sr_store *st, const sr_query *q, const span *sp, const char *dim, const char *expr, long *out)
{
    sr__buf sql;
    sr__buf_init(&sql, STORE_MAX_SQL);
    char cols[128];
    snprintf(cols, sizeof cols, "SELECT %s AS v", expr);
    int rc = sr__buf_adds(&sql, "SELECT COALESCE(SUM(v), 0) FROM (");
    rc = rc ? rc : tallies_union(&sql, q, sp, cols);
    rc = rc ? rc : sr__buf_adds(&sql, ")");
    sqlite3_stmt *s = NULL;
    if (!rc)
        rc = tallies_prepare(st, &sql, q, sp, dim, &s);
    sr__buf_release(&sql);
    if (rc)
        return rc;
    if (sqlite3_step(s) != SQLITE_ROW)
        rc = db_fail(st, "reading the tallies");
    else
        *out = (long)sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return rc;
}

/* out = period + suffix ("2020" + "-01-01"), as a bound on day keys; out holds 16 bytes. */
static void day_bound(char *out, const char *period, const char *suffix)
{
    size_t a = strnlen(period, 7), b = strnlen(suffix, 6);
    memcpy(out, period, a);
    memcpy(out + a, suffix, b);
    out[a + b] = 0;
}

/* First or last dated day with events in the period, from the day rows. */
static int tallies_edge(sr_store *st, const sr_query *q, const span *sp, int last, char out[11])
{
    span days = {.n = 1};
    days.part[0].gran = 'D';
    snprintf(days.part[0].lo, sizeof days.part[0].lo, "%s", sp->part[0].gran == 'D' ? sp->part[0].lo : "0000-01-01");
    snprintf(days.part[0].hi, sizeof days.part[0].hi, "%s",
             sp->part[sp->n - 1].gran == 'D' ? sp->part[sp->n - 1].hi : "9999-12-31");
    if (sp->part[0].gran != 'D' && sp->part[0].lo[0]) /* a whole month or year first */
        day_bound(days.part[0].lo, sp->part[0].lo, sp->part[0].gran == 'Y' ? "-01-01" : "-01");
    if (sp->part[sp->n - 1].gran != 'D' && strcmp(sp->part[sp->n - 1].hi, "9999")) /* ends with a whole month or year */
        day_bound(days.part[0].hi, sp->part[sp->n - 1].hi, sp->part[sp->n - 1].gran == 'Y' ? "-12-31" : "-31");
    sr__buf sql;
    sr__buf_init(&sql, STORE_MAX_SQL);
    int rc = sr__buf_adds(&sql, "SELECT t.period");
    rc = rc ? rc : tallies_where(&sql, q, &days, 0);
    rc = rc ? rc
            : sr__buf_adds(&sql, last ? " AND t.period <> '' AND t.incidents + t.aggregates > 0 ORDER BY t.period DESC LIMIT 1"
                                      : " AND t.period <> '' AND t.incidents + t.aggregates > 0 ORDER BY t.period LIMIT 1");
    sqlite3_stmt *s = NULL;
    if (!rc)
        rc = tallies_prepare(st, &sql, q, &days, "country", &s);
    sr__buf_release(&sql);
    if (rc)
        return rc;
    int step = sqlite3_step(s);
    copy_date(out, step == SQLITE_ROW ? sr__col_text(s, 0) : "");
    sqlite3_finalize(s);
    return step == SQLITE_ROW || step == SQLITE_DONE ? 0 : db_fail(st, "reading the tallies");
}

/* The general query: the counted units that pass every filter of q, summed
 * per key of report_keys[k] by SQLite (key, then the eight sums). */
static int general_stmt(sr_store *st, int k, const sr_query *q, int few_days, sqlite3_stmt **s)
{
    sr__buf sql;
    sr__buf_init(&sql, STORE_MAX_SQL);
    const char *params[16];
    int np = 0;
    /* the week of an event is a date computation: it is made once per day
     * over the day's sums rather than once per event (same sums; SUM of
     * the days' SUMs is NULL only where every event's value is) */
    bool by_day = !strcmp(report_keys[k].by, "week");
    int rc = by_day ? sr__buf_printf(&sql, "SELECT %s AS k, SUM(s0), SUM(s1), SUM(s2), SUM(s3), SUM(s4), SUM(s5),"
                                           " SUM(s6), SUM(s7) FROM (SELECT e.event_date AS event_date,",
                                     report_keys[k].expr)
                    : sr__buf_printf(&sql, "SELECT %s AS k,", report_keys[k].expr);
    rc = rc ? rc : sr__buf_printf(
        &sql,
        " SUM(e.kind = 'incident') AS s0, SUM(e.kind = 'aggregate') AS s1,"
        " SUM(CASE WHEN e.kind = 'incident' THEN COALESCE(e.fatalities_low, e.fatalities, 0) END) AS s2,"
        " SUM(CASE WHEN e.kind = 'incident' THEN COALESCE(e.fatalities, 0) END) AS s3,"
        " SUM(CASE WHEN e.kind = 'incident' THEN COALESCE(e.fatalities_high, e.fatalities, 0) END) AS s4,"
        " SUM(CASE WHEN e.kind = 'aggregate' THEN COALESCE(e.fatalities_low, e.fatalities, 0) END) AS s5,"
        " SUM(CASE WHEN e.kind = 'aggregate' THEN COALESCE(e.fatalities, 0) END) AS s6,"
        " SUM(CASE WHEN e.kind = 'aggregate' THEN COALESCE(e.fatalities_high, e.fatalities, 0) END) AS s7"
        " FROM %s",
        few_days ? few_units(q) : COUNTED_EVENTS);
    if (!rc)
        rc = where_origin_f(q, &sql, params, &np, few_days);
    if (!rc && by_day)
        rc = sr__buf_adds(&sql, " GROUP BY e.event_date) e");
    if (!rc)
        rc = sr__buf_adds(&sql, report_keys[k].timekey
                                    ? " GROUP BY k ORDER BY k"
                                    : " GROUP BY k ORDER BY SUM(e.kind = 'incident') + SUM(e.kind = 'aggregate') DESC, k");
    if (!rc)
        rc = prepare_query(st, &sql, params, np, q ? q->limit : 0, s);
    sr__buf_release(&sql);
    return rc;
}

/* ---- the crossed tallies (schema 8): one filter, any key ---------------- */

/* The origin condition on column col: ?n, or the three origins for "all". */
static int origin_cond(sr__buf *sql, const sr_query *q, const char *col, int n)
{
    const char *o = q && q->origin && *q->origin ? q->origin : "news";
    return !strcmp(o, "all") ? sr__buf_printf(sql, " AND %s IN ('news', 'acled', 'ucdp')", col)
                             : sr__buf_printf(sql, " AND %s = ?%d", col, n);
}

/* The one filter of q the crossed tallies can answer ("admin1", "type",
 * "actor"), with its value; NULL when q has none, several, or a limit. */
static const char *ft_filter(const sr_query *q, const char **val)
{
    if (!q || q->limit > 0)
        return NULL;
    const char *f = NULL;
    int n = 0;
    if (q->admin1 && *q->admin1)
        n++, f = "admin1", *val = q->admin1;
    if (q->type && *q->type)
        n++, f = "type", *val = q->type;
    if (q->actor && *q->actor)
        n++, f = "actor", *val = q->actor;
    return n == 1 ? f : NULL;
}

/* Which of the eight sums a kind filter keeps (incidents or claims). */
static void kind_mask(const sr_query *q, int mask[8])
{
    for (int i = 0; i < 8; i++)
        mask[i] = 1;
    if (!q || !q->kind || !*q->kind)
        return;
    int inc = !strcasecmp(q->kind, "incident"), agg = !strcasecmp(q->kind, "aggregate");
    for (int i = 0; i < 8; i++)
        mask[i] = (i == 0 || (i >= 2 && i <= 4)) ? inc : agg;
}

/* The actor names an --actor substring matches (?5), and the pairs of them
 * whose events would otherwise count twice. */
static const char *const ft_actor_with =
    "WITH m(name) AS MATERIALIZED (SELECT name FROM actor_names WHERE sr_actor_in(name, ?5)),"
    " p(fv) AS MATERIALIZED (SELECT a1 || char(31) || a2 FROM m CROSS JOIN actor_pairs ON a1 = m.name"
    " WHERE sr_actor_in(a2, ?5)) ";

/* "SELECT cols FROM ftallies t ... WHERE <origin, filter, dim ?1, gran, range>"
 * for the month and year ranges of sp (parameters as tallies_where, ?5 the
 * filter value); sign -1 reads the pair rows subtracted for --actor.
 * cols uses %s for the sign ("" or "-"). */
static int ft_union(sr__buf *sql, const sr_query *q, const char *f, const span *sp, const char *cols, int *nparts)
{
    int rc = 0;
    *nparts = 0;
    bool actor = !strcmp(f, "actor");
    if (actor)
        rc = sr__buf_adds(sql, ft_actor_with);
    for (int pass = 0; pass < (actor ? 2 : 1) && !rc; pass++)
        for (int i = 0; i < sp->n && !rc; i++) {
            if (sp->part[i].gran == 'D')
                continue;
            if ((*nparts)++)
                rc = sr__buf_adds(sql, " UNION ALL ");
            rc = rc ? rc : sr__buf_printf(sql, cols, pass ? "-" : "");
            if (!actor)
                rc = rc ? rc : sr__buf_adds(sql, " FROM ftallies t WHERE t.fdim = ?4 AND t.fval = lower(?5)");
            else
                rc = rc ? rc
                        : sr__buf_adds(sql, pass ? " FROM p CROSS JOIN ftallies t ON t.fval = p.fv WHERE t.fdim = 'pair'"
                                                 : " FROM m CROSS JOIN ftallies t ON t.fval = m.name WHERE t.fdim = 'actor'");
            rc = rc ? rc : origin_cond(sql, q, "t.origin", 2);
            rc = rc ? rc
                    : sr__buf_printf(sql, " AND t.dim = ?1 AND t.gran = '%c' AND t.period >= ?%d AND t.period <= ?%d",
                                     sp->part[i].gran, 10 + 2 * i, 11 + 2 * i);
            if (!rc && q->country && *q->country)
                rc = sr__buf_adds(sql, " AND (t.country = ?3 COLLATE NOCASE OR t.iso3 = ?3 COLLATE NOCASE)");
        }
    return rc;
}

static int ft_prepare(sr_store *st, sr__buf *sql, const sr_query *q, const char *f, const char *val, const span *sp,
                      const char *dim, sqlite3_stmt **s)
{
    int rc = tallies_prepare(st, sql, q, sp, dim, s);
    if (!rc) {
        sqlite3_bind_text(*s, 4, f, -1, SQLITE_STATIC);
        sqlite3_bind_text(*s, 5, val, -1, SQLITE_TRANSIENT);
    }
    return rc;
}

/* Sums of the units passing q's one filter (f = val) per key of
 * report_keys[k], into g: whole months and years from the crossed tallies,
 * the days at the edges of the period through the filters' indexes. */
/* The reports (events rows) passing q on a few days, as one row of sums
 * (key '', incidents, aggregates; schema 10's 'rep' rows on days). */
static int reps_stmt(sr_store *st, const sr_query *q, sqlite3_stmt **s)
{
    sr__buf sql;
    sr__buf_init(&sql, STORE_MAX_SQL);
    const char *params[16];
    int np = 0;
    int rc = sr__buf_adds(&sql, "SELECT '', SUM(e.kind = 'incident'), SUM(e.kind = 'aggregate'), 0, 0, 0, 0, 0, 0"
                                " FROM events e INDEXED BY events_reports");
    rc = rc ? rc : where_origin_f(q, &sql, params, &np, 1);
    rc = rc ? rc : prepare_query(st, &sql, params, np, 0, s);
    sr__buf_release(&sql);
    return rc;
}


/* The series values of an --actor substring's units, each unit in exactly
 * one: the actor1 series of every matching name, the actor2 series (units
 * without actor1) of every matching name, and the pair series of the pairs
 * whose actor2 matches and actor1 does not; each with its year, country and
 * report key (actor1). Kept in the store handle for the next call with the
 * same filter while nothing was written: a report's header (sr_store_scope)
 * and its rows read the same values. */
typedef struct series_row {
    int kind; /* 0 actor1 of a matching name, 1 its actor2, 2 a pair of two
               * matching names, 3 a pair whose actor2 only matches; the
               * complement (schema 12): 4 every unit, 5 the actor1 of a
               * name not matching or of no name */
    const char *key, *country; /* into mem */
    const unsigned char *v;
    int year, nv; /* year -1: undated */
    char *mem;
} series_row;

struct sr__series_cube {
    char *val, *origin, *country; /* the filter the rows answer */
    char ylo[5], yhi[5];
    int keyed; /* holds the kind 3 rows */
    int comp;  /* the complement: kinds 4 and 5 instead of 0 */
    sqlite3_int64 changes, data_version;
    series_row *r;
    size_t n, cap;
};

static void cube_free(sr__series_cube *cb)
{
    if (!cb)
        return;
    for (size_t i = 0; i < cb->n; i++)
        free(cb->r[i].mem);
    free(cb->r);
    free(cb->val), free(cb->origin), free(cb->country);
    free(cb);
}

/* A stamp of the database's state: this connection's changes and the
 * commits of any other (PRAGMA data_version). */
static int db_stamp(sr_store *st, sqlite3_int64 *changes, sqlite3_int64 *dv)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, "PRAGMA data_version", -1, &s, NULL) != SQLITE_OK)
        return db_fail(st, "reading the data version");
    int step = sqlite3_step(s);
    *dv = step == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
    sqlite3_finalize(s);
    *changes = sqlite3_total_changes64(st->db);
    return step == SQLITE_ROW ? 0 : db_fail(st, "reading the data version");
}

static bool same_str(const char *a, const char *b)
{
    return !strcmp(a ? a : "", b ? b : "");
}

/* The actor names an --actor substring matches, found once per substring
 * and state of the store (one ICU lower-casing of each name, instead of one
 * per query of a report), in a hash set: SQL reads it through
 * sr_actor_in(name, substring), the edge days in C (unit_match). */
typedef struct aname {
    char *key;
} aname;
struct actor_set {
    char *val;
    sqlite3_int64 changes, data_version;
    aname *v;
    size_t n, cap;
    sr__keyidx ix;
    long total; /* names in actor_names */
};

static void aset_free(actor_set *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->n; i++)
        free(a->v[i].key);
    free(a->v);
    sr__keyidx_release(&a->ix);
    free(a->val);
    free(a);
}

static bool aset_has(actor_set *a, const char *name)
{
    if (!name || !a->n)
        return false;
    size_t *slot = sr__keyidx_slot(&a->ix, a->v, sizeof *a->v, a->n, name, 64);
    return slot && *slot;
}

/* Loads into st->names the names val matches (instr(lower(name),
 * lower(val)) > 0, as every --actor query compares), unless there already. */
static int names_load(sr_store *st, const char *val)
{
    sqlite3_int64 changes, dv;
    int rc = db_stamp(st, &changes, &dv);
    if (rc)
        return rc;
    actor_set *a = st->names;
    if (a && a->changes == changes && a->data_version == dv && !strcmp(a->val, val))
        return 0;
    aset_free(st->names);
    st->names = NULL;
    sqlite3_stmt *s = NULL;
    if (!(a = calloc(1, sizeof *a)) || !(a->val = sr__strdup(val))) {
        aset_free(a);
        snprintf(st->err, sizeof st->err, "reading the actor names: out of memory");
        return SR_ENOMEM;
    }
    a->changes = changes, a->data_version = dv;
    if (sqlite3_prepare_v2(st->db, "SELECT name, instr(lower(name), lower(?1)) > 0 FROM actor_names", -1, &s, NULL) !=
        SQLITE_OK) {
        aset_free(a);
        return db_fail(st, "reading the actor names");
    }
    sqlite3_bind_text(s, 1, val, -1, SQLITE_TRANSIENT);
    int step;
    while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
        a->total++;
        if (!sqlite3_column_int(s, 1))
            continue;
        const char *name = sr__col_text(s, 0);
        size_t *slot = sr__keyidx_slot(&a->ix, a->v, sizeof *a->v, a->n, name, 64);
        if (!slot || sr__grow((void **)&a->v, &a->cap, a->n, sizeof *a->v) || !(a->v[a->n].key = sr__strdup(name)))
            rc = SR_ENOMEM;
        else if (!*slot)
            *slot = ++a->n;
        else
            free(a->v[a->n].key);
    }
    if (!rc && step != SQLITE_DONE)
        rc = db_fail(st, "reading the actor names");
    sqlite3_finalize(s);
    if (rc == SR_ENOMEM)
        snprintf(st->err, sizeof st->err, "reading the actor names: out of memory");
    if (rc)
        aset_free(a);
    else
        st->names = a;
    return rc;
}

/* SQL sr_actor_in(name, val): whether val (loaded by names_load) matches
 * name, a name of actor_names. */
static void actor_in_fn(sqlite3_context *c, int argc, sqlite3_value **argv)
{
    (void)argc;
    sr_store *st = sqlite3_user_data(c);
    const char *val = (const char *)sqlite3_value_text(argv[1]);
    if (!st->names || !val || strcmp(val, st->names->val)) {
        sqlite3_result_error(c, "sr_actor_in: the names of this substring were not loaded", -1);
        return;
    }
    sqlite3_result_int(c, aset_has(st->names, (const char *)sqlite3_value_text(argv[0])));
}

/* Schema 12: whether an --actor substring val matches more of the names
 * than it does not ("Armed Group": 3,000 of 3,040); then its units are read
 * as every unit less those whose actor1 is another name or none, plus the
 * actor2 values less the pairs as before (the complement, fewer values). */
static int actors_most(sr_store *st, const char *val, bool *most)
{
    int rc = names_load(st, val);
    *most = !rc && 2 * (long)st->names->n > st->names->total;
    return rc;
}

/* Reads the series rows of filter val for q's origin and country over years
 * ylo..yhi into st->cube (or keeps those there when they answer the same). */
static int series_cube(sr_store *st, const sr_query *q, const char *val, const char *ylo, const char *yhi, int keyed,
                       int comp)
{
    const char *o = q->origin && *q->origin ? q->origin : "news";
    sqlite3_int64 changes, dv;
    int rc = db_stamp(st, &changes, &dv);
    if (rc)
        return rc;
    sr__series_cube *cb = st->cube;
    if (cb && cb->changes == changes && cb->data_version == dv && same_str(cb->val, val) && same_str(cb->origin, o) &&
        same_str(cb->country, q->country) && strcmp(cb->ylo, ylo) <= 0 && strcmp(cb->yhi, yhi) >= 0 &&
        cb->keyed >= keyed && cb->comp == comp)
        return 0;
    cube_free(st->cube);
    st->cube = NULL;
    if (!(cb = calloc(1, sizeof *cb)) || !(cb->val = sr__strdup(val)) || !(cb->origin = sr__strdup(o)) ||
        !(cb->country = sr__strdup(q->country ? q->country : ""))) {
        cube_free(cb);
        snprintf(st->err, sizeof st->err, "reading the actors' series: out of memory");
        return SR_ENOMEM;
    }
    snprintf(cb->ylo, sizeof cb->ylo, "%s", ylo);
    snprintf(cb->yhi, sizeof cb->yhi, "%s", yhi);
    cb->changes = changes, cb->data_version = dv, cb->keyed = keyed, cb->comp = comp;
    static const char *const parts[] = {
        "SELECT 0, m.name, t.year, t.country, t.v FROM m CROSS JOIN aseries t ON t.fval = m.name"
        " WHERE t.fdim = 'actor1'",
        "SELECT 5, '', t.year, t.country, t.v FROM n CROSS JOIN aseries t ON t.fval = n.name"
        " WHERE t.fdim = 'actor1'",
        " UNION ALL SELECT 4, '', t.year, t.country, t.v FROM aseries t WHERE t.fdim = 'all' AND t.fval = ''",
        " UNION ALL SELECT 1, '', t.year, t.country, t.v FROM m CROSS JOIN aseries t ON t.fval = m.name"
        " WHERE t.fdim = 'actor2'",
        " UNION ALL SELECT 3 - p.both, p.a1, t.year, t.country, t.v FROM p CROSS JOIN aseries t ON t.fval = p.fv"
        " WHERE t.fdim = 'pair'",
    };
    sr__buf sql;
    sr__buf_init(&sql, STORE_MAX_SQL);
    rc = sr__buf_adds(&sql, "WITH m(name) AS MATERIALIZED (SELECT name FROM actor_names WHERE sr_actor_in(name,"
                            " ?5)), p(a1, fv, both) AS MATERIALIZED (SELECT a1, a1 || char(31) || a2,"
                            " sr_actor_in(a1, ?5) FROM m CROSS JOIN actor_pairs ON a2 = m.name");
    rc = rc ? rc : sr__buf_adds(&sql, keyed ? ")" : " WHERE sr_actor_in(a1, ?5))");
    if (!rc && comp)
        rc = sr__buf_adds(&sql, ", n(name) AS MATERIALIZED (SELECT name FROM actor_names WHERE NOT"
                                " sr_actor_in(name, ?5) UNION ALL SELECT '')");
    rc = rc ? rc : sr__buf_addc(&sql, ' ');
    static const int direct[] = {0, 3, 4}, other[] = {1, 2, 3, 4};
    for (int i = 0; i < (comp ? 4 : 3) && !rc; i++) {
        rc = sr__buf_adds(&sql, parts[comp ? other[i] : direct[i]]);
        rc = rc ? rc : origin_cond(&sql, q, "t.origin", 2);
        rc = rc ? rc : sr__buf_adds(&sql, " AND t.year >= ?10 AND t.year <= ?11");
        if (!rc && q->country && *q->country)
            rc = sr__buf_adds(&sql, " AND (t.country = ?3 COLLATE NOCASE OR t.iso3 = ?3 COLLATE NOCASE)");
    }
    sqlite3_stmt *s = NULL;
    if (!rc && sqlite3_prepare_v2(st->db, sql.p, -1, &s, NULL) != SQLITE_OK)
        rc = db_fail(st, "preparing the actors' series");
    sr__buf_release(&sql);
    if (rc) {
        cube_free(cb);
        return rc;
    }
    sqlite3_bind_text(s, 5, val, -1, SQLITE_TRANSIENT);
    if (strcmp(o, "all"))
        sqlite3_bind_text(s, 2, o, -1, SQLITE_TRANSIENT);
    if (q->country && *q->country)
        sqlite3_bind_text(s, 3, q->country, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 10, ylo, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 11, yhi, -1, SQLITE_TRANSIENT);
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        const char *k = sr__col_text(s, 1), *y = sr__col_text(s, 2), *c = sr__col_text(s, 3);
        size_t lk = strlen(k), lc = strlen(c);
        int nv = sqlite3_column_bytes(s, 4);
        const void *v = sqlite3_column_blob(s, 4);
        if (sr__grow((void **)&cb->r, &cb->cap, cb->n, sizeof *cb->r)) {
            rc = SR_ENOMEM;
            break;
        }
        series_row *x = &cb->r[cb->n];
        if (!(x->mem = malloc(lk + lc + 2 + (size_t)nv))) {
            rc = SR_ENOMEM;
            break;
        }
        memcpy(x->mem, k, lk + 1);
        memcpy(x->mem + lk + 1, c, lc + 1);
        if (nv)
            memcpy(x->mem + lk + lc + 2, v, (size_t)nv);
        x->key = x->mem, x->country = x->mem + lk + 1, x->v = (unsigned char *)x->mem + lk + lc + 2, x->nv = nv;
        x->year = y[0] ? atoi(y) : -1;
        x->kind = sqlite3_column_int(s, 0);
        cb->n++;
    }
    if (!rc && step != SQLITE_DONE)
        rc = db_fail(st, "reading the actors' series");
    sqlite3_finalize(s);
    if (rc == SR_ENOMEM)
        snprintf(st->err, sizeof st->err, "reading the actors' series: out of memory");
    if (rc)
        cube_free(cb);
    else
        st->cube = cb;
    return rc;
}

/* Schema 11: whether the packed series answer an --actor report by report
 * key k (actor 0, country 3, month 6, -1 the reports: aseries; admin1 1,
 * admin2 2, sub_event_type 4, week 5: kseries, schema 12). By actor they read a
 * value per pair whose actor2 only matches ("Civilians": every pair), where
 * the crossed tallies read the key rows of each matching name: the series
 * then only when those pairs are no more than the names. */
static bool series_can(sr_store *st, const char *f, const char *val, int k)
{
    if (strcmp(f, "actor"))
        return false;
    if (k != 0)
        return true; /* the reports, country, month (aseries); the other keys (kseries, schema 12) */
    sqlite3_stmt *s = NULL;
    bool yes = false;
    if (!names_load(st, val) && sqlite3_prepare_v2(st->db,
                                                   "SELECT (SELECT count(*) FROM actor_pairs WHERE sr_actor_in(a2, ?1)"
                                                   " AND NOT sr_actor_in(a1, ?1)) <= ?2",
                                                   -1, &s, NULL) == SQLITE_OK) {
        sqlite3_bind_text(s, 1, val, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)st->names->n);
        yes = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0);
    }
    sqlite3_finalize(s);
    return yes;
}

/* A span's month and year ranges as month numbers (its days left out), and
 * the first and last year they touch; returns how many. */
typedef struct mrange {
    long lo, hi; /* month numbers y * 12 + m - 1 */
    bool undated;
} mrange;

static int month_ranges(const span *sp, mrange r[5], char ylo[5], char yhi[5])
{
    int nr = 0;
    snprintf(ylo, 5, "9999");
    yhi[0] = 0;
    for (int i = 0; i < sp->n; i++) {
        if (sp->part[i].gran == 'D')
            continue;
        const char *lo = sp->part[i].lo, *hi = sp->part[i].hi;
        long ly = lo[0] ? atol(lo) : 0, hy = atol(hi);
        r[nr].undated = !lo[0];
        r[nr].lo = sp->part[i].gran == 'M' ? ly * 12 + atol(lo + 5) - 1 : ly * 12;
        r[nr].hi = sp->part[i].gran == 'M' ? hy * 12 + atol(hi + 5) - 1 : hy * 12 + 11;
        nr++;
        if (strncmp(lo, ylo, 4) < 0)
            snprintf(ylo, 5, "%.4s", lo);
        if (strncmp(hi, yhi, 4) > 0)
            snprintf(yhi, 5, "%.4s", hi);
    }
    return nr;
}

/* The months of sp's month and year ranges (not its days) of the units
 * whose actor1 or actor2 contains val, from the packed series, added into g
 * by key k: actor, country, month, or -1 the reports (key ''). */
static int series_feed(sr_store *st, const sr_query *q, const char *val, const span *sp, int k, rgroup *g,
                       const int mask[8])
{
    mrange r[5];
    char ylo[5], yhi[5];
    int nr = month_ranges(sp, r, ylo, yhi);
    if (!nr)
        return 0;
    bool comp = false;
    int rc = k == 0 ? 0 : actors_most(st, val, &comp);
    rc = rc ? rc : series_cube(st, q, val, ylo, yhi, k == 0, comp);
    if (rc)
        return rc;
    const sr__series_cube *cb = st->cube;
    /* months (k = 6) by year, added into g once each at the end */
    long(**years)[8] = k == 6 ? calloc(10001, sizeof *years) : NULL;
    if (k == 6 && !years)
        rc = SR_ENOMEM;
    long tot[8] = {0};
    /* the kind mask, and the same taken away */
    int pm[8], nm[8];
    for (int i = 0; i < 8; i++)
        pm[i] = mask[i], nm[i] = -mask[i];
    for (size_t c = 0; c < cb->n && !rc; c++) {
        const series_row *x = &cb->r[c];
        if (x->year > 9999 || (k != 0 && x->kind == 3))
            continue;
        /* by actor (actor1): a matching actor1 under its name, a matching
         * actor2 under '' less its pairs, which move to their actor1 when
         * that does not match; otherwise each unit once: the actor1 and
         * actor2 series less the pairs of two matching names */
        int sign = x->kind == 2 || x->kind == 5 ? -1 : 1;
        long row[8] = {0};
        const unsigned char *p = x->v, *end = x->v + x->nv;
        sqlite3_int64 a[SERIES_N];
        int m, got = 0;
        while (!rc && (got = series_next(&p, end, &m, a)) == 1) {
            bool in = false;
            long idx = (long)x->year * 12 + m - 1;
            for (int i = 0; i < nr && !in; i++)
                in = x->year < 0 ? r[i].undated && m == 0 : m > 0 && idx >= r[i].lo && idx <= r[i].hi;
            if (!in)
                continue;
            long(*yr)[8] = NULL;
            if (k == 6 && !(yr = years[x->year + 1]) && !(yr = years[x->year + 1] = calloc(13, sizeof *yr))) {
                rc = SR_ENOMEM;
                break;
            }
            for (int i = 0; i < 8; i++) {
                long v = (long)(k == -1 ? (i < 2 ? a[8 + i] : 0) : a[i]);
                if (yr)
                    yr[m][i] += sign * v;
                else
                    row[i] += v;
            }
        }
        if (!rc && got < 0) {
            snprintf(st->err, sizeof st->err, "aseries holds a value that is not a series; rebuild it by setting"
                                              " PRAGMA user_version = 10 and opening the store again");
            rc = SR_EDB;
        }
        if (rc || k == 6)
            continue;
        if (k == 0) {
            rc = rg_add(g, x->kind == 0 ? x->key : "", row, x->kind >= 2 ? nm : pm);
            rc = rc || x->kind != 3 ? rc : rg_add(g, x->key, row, pm);
        } else if (k == 3)
            rc = rg_add(g, x->country, row, sign < 0 ? nm : pm);
        else
            for (int i = 0; i < 8; i++)
                tot[i] += sign * row[i];
    }
    if (!rc && k == -1)
        rc = rg_add(g, "", tot, mask);
    for (long y = 0; years && y <= 10000; y++) {
        if (!years[y])
            continue;
        for (int m = 0; m < 13 && !rc; m++) {
            char key[16] = "";
            if (y > 0 && m > 0)
                snprintf(key, sizeof key, "%04ld-%02d", (y - 1) % 10000, m);
            bool any = false;
            for (int i = 0; i < 8; i++)
                any |= years[y][m][i] != 0;
            if (any)
                rc = rg_add(g, key, years[y][m], mask);
        }
        free(years[y]);
    }
    free(years);
    if (rc == SR_ENOMEM)
        snprintf(st->err, sizeof st->err, "reading the actors' series: out of memory");
    return rc;
}

/* Schema 12: the months of sp's month and year ranges (not its days) of the
 * units whose actor1 or actor2 contains val, by key k (admin1, admin2,
 * sub_event_type, week), from the keyed series, added into g: per matching
 * name its actor1 and actor2 values, less the pair values of two matching
 * names (each unit once). */
static int kseries_feed(sr_store *st, const sr_query *q, const char *val, const span *sp, int k, rgroup *g,
                        const int mask[8])
{
    mrange r[5];
    char ylo[5], yhi[5];
    int nr = month_ranges(sp, r, ylo, yhi);
    if (!nr)
        return 0;
    /* more names matching than not: the plain tallies less the actor1
     * values of the other names and of the units without actor1 */
    bool comp = false;
    sqlite3_stmt *s = NULL;
    int rc = actors_most(st, val, &comp);
    if (!rc && comp) {
        span t = {0};
        for (int i = 0; i < sp->n; i++)
            if (sp->part[i].gran != 'D')
                t.part[t.n++] = sp->part[i];
        rc = report_tallies(st, report_keys[k].by, q, &t, &s);
        rc = rc ? rc : rg_feed(st, g, s, mask);
        sqlite3_finalize(s);
        s = NULL;
        if (rc)
            return rc;
    }
    static const char *const parts[] = {
        "SELECT 1, t.year, t.v FROM m CROSS JOIN kseries t ON t.fval = m.name WHERE t.fdim = 'actor1'",
        " UNION ALL SELECT 1, t.year, t.v FROM m CROSS JOIN kseries t ON t.fval = m.name WHERE t.fdim = 'actor2'",
        " UNION ALL SELECT -1, t.year, t.v FROM p CROSS JOIN kseries t ON t.fval = p.fv WHERE t.fdim = 'pair'",
    };
    sr__buf sql;
    sr__buf_init(&sql, STORE_MAX_SQL);
    rc = sr__buf_adds(&sql, "WITH m(name) AS MATERIALIZED (SELECT name FROM actor_names WHERE sr_actor_in(name,"
                            " ?5)), p(fv) AS MATERIALIZED (SELECT a1 || char(31) || a2 FROM m CROSS"
                            " JOIN actor_pairs ON a2 = m.name WHERE sr_actor_in(a1, ?5))");
    if (!rc && comp)
        rc = sr__buf_adds(&sql, ", n(name) AS MATERIALIZED (SELECT name FROM actor_names WHERE NOT"
                                " sr_actor_in(name, ?5) UNION ALL SELECT '')");
    rc = rc ? rc : sr__buf_addc(&sql, ' ');
    for (int pass = 0; pass < 3 && !rc; pass++) {
        rc = sr__buf_adds(&sql, pass || !comp ? parts[pass]
                                              : "SELECT -1, t.year, t.v FROM n CROSS JOIN kseries t ON t.fval = n.name"
                                                " WHERE t.fdim = 'actor1'");
        rc = rc ? rc : origin_cond(&sql, q, "t.origin", 2);
        rc = rc ? rc : sr__buf_adds(&sql, " AND t.dim = ?1 AND t.year >= ?10 AND t.year <= ?11");
        if (!rc && q->country && *q->country)
            rc = sr__buf_adds(&sql, " AND (t.country = ?3 COLLATE NOCASE OR t.iso3 = ?3 COLLATE NOCASE)");
    }
    if (!rc && sqlite3_prepare_v2(st->db, sql.p, -1, &s, NULL) != SQLITE_OK)
        rc = db_fail(st, "preparing the actors' keyed series");
    sr__buf_release(&sql);
    if (rc)
        return rc;
    const char *o = q->origin && *q->origin ? q->origin : "news";
    sqlite3_bind_text(s, 1, report_keys[k].by, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, val, -1, SQLITE_TRANSIENT);
    if (strcmp(o, "all"))
        sqlite3_bind_text(s, 2, o, -1, SQLITE_TRANSIENT);
    if (q->country && *q->country)
        sqlite3_bind_text(s, 3, q->country, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 10, ylo, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 11, yhi, -1, SQLITE_TRANSIENT);
    char *kb = NULL;
    size_t kcap = 0;
    int step, got = 0;
    while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
        int sign = sqlite3_column_int(s, 0);
        const char *y = sr__col_text(s, 1);
        long year = y[0] ? atol(y) : -1;
        const unsigned char *p = sqlite3_column_blob(s, 2), *end = p + sqlite3_column_bytes(s, 2);
        const char *key;
        size_t len;
        while (!rc && (got = kser_key_next(&p, end, &key, &len)) == 1) {
            long row[8] = {0};
            bool any = false;
            int m;
            sqlite3_int64 a[KSER_N];
            while ((got = kser_month_next(&p, end, &m, a)) == 1) {
                bool in = false;
                long idx = year * 12 + m - 1;
                for (int i = 0; i < nr && !in; i++)
                    in = year < 0 ? r[i].undated && m == 0 : m > 0 && idx >= r[i].lo && idx <= r[i].hi;
                if (!in)
                    continue;
                any = true;
                for (int i = 0; i < 8; i++)
                    row[i] += sign * (long)a[i];
            }
            if (got < 0)
                break;
            if (!any)
                continue;
            if (len + 1 > kcap) {
                char *nk = realloc(kb, len + 64);
                if (!nk) {
                    rc = SR_ENOMEM;
                    break;
                }
                kb = nk, kcap = len + 64;
            }
            memcpy(kb, key, len);
            kb[len] = 0;
            rc = rg_add(g, kb, row, mask);
        }
        if (!rc && got < 0) {
            snprintf(st->err, sizeof st->err, "kseries holds a value that is not a keyed series; rebuild it by"
                                              " setting PRAGMA user_version = 11 and opening the store again");
            rc = SR_EDB;
        }
    }
    if (!rc && step != SQLITE_DONE)
        rc = db_fail(st, "reading the actors' keyed series");
    sqlite3_finalize(s);
    free(kb);
    if (rc == SR_ENOMEM)
        snprintf(st->err, sizeof st->err, "reading the actors' keyed series: out of memory");
    return rc;
}

/* The week key of date d (report_keys' expression, computed by SQLite so
 * that odd dates get the same key), remembered for the next unit of the same
 * date: units come in date order. */
typedef struct week_memo {
    sqlite3_stmt *s;
    char date[32], week[16];
    bool ok;
} week_memo;

static int week_of(sr_store *st, week_memo *w, const char *d, const char **out)
{
    size_t n = strlen(d);
    if (w->ok && n < sizeof w->date && !strcmp(w->date, d)) {
        *out = w->week;
        return 0;
    }
    if (!w->s && sqlite3_prepare_v2(st->db,
                                    "SELECT COALESCE(date(?1, printf('-%d days', (CAST(strftime('%w', ?1) AS"
                                    " INTEGER) + 6) % 7)), '')",
                                    -1, &w->s, NULL) != SQLITE_OK)
        return db_fail(st, "preparing the week of a date");
    sqlite3_reset(w->s);
    sqlite3_bind_text(w->s, 1, d, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(w->s) != SQLITE_ROW)
        return db_fail(st, "computing the week of a date");
    snprintf(w->week, sizeof w->week, "%s", sr__col_text(w->s, 0));
    w->ok = n < sizeof w->date;
    if (w->ok)
        memcpy(w->date, d, n + 1);
    *out = w->week;
    return 0;
}

/* The per-unit sums of a report (key, then the eight columns general_stmt
 * adds up). */
#define UNIT_SUMS                                                                               \
    " e.kind = 'incident', e.kind = 'aggregate',"                                              \
    " CASE WHEN e.kind = 'incident' THEN COALESCE(e.fatalities_low, e.fatalities, 0) END,"     \
    " CASE WHEN e.kind = 'incident' THEN COALESCE(e.fatalities, 0) END,"                       \
    " CASE WHEN e.kind = 'incident' THEN COALESCE(e.fatalities_high, e.fatalities, 0) END,"    \
    " CASE WHEN e.kind = 'aggregate' THEN COALESCE(e.fatalities_low, e.fatalities, 0) END,"    \
    " CASE WHEN e.kind = 'aggregate' THEN COALESCE(e.fatalities, 0) END,"                      \
    " CASE WHEN e.kind = 'aggregate' THEN COALESCE(e.fatalities_high, e.fatalities, 0) END"
#define REP_SUMS " e.kind = 'incident', e.kind = 'aggregate', 0, 0, 0, 0, 0, 0"

/* The days lo..hi at the edge of an --actor report, by key k (k < 0: the
 * reports, key ''), added into g with sign (+1 or -1 on every column); the
 * names val matches are loaded (names_load), and q's other filters apply.
 * Directly: every unit (or report) of those days, through the covering
 * index by origin and date, kept when the names hold its actor1 or actor2
 * (what the general query's substring test keeps, without lower-casing two
 * names per unit). The complement (comp, val matching most names): the
 * plain day tallies (or every report of the days) less the units whose
 * actor1 is a name not matching, or none, and whose actor2 does not match,
 * read through the actor1 indexes: a few units instead of every one. */
static int actor_days(sr_store *st, int k, const sr_query *q, const char *lo, const char *hi, int sign, bool comp,
                      rgroup *g)
{
    int rc = names_load(st, q->actor);
    if (rc)
        return rc;
    sr_query d = *q;
    d.since = lo, d.until = hi, d.actor = NULL;
    int pm[8], nm[8], dm[8];
    kind_mask(q, pm); /* on tallies only: the queries below filter kinds */
    for (int i = 0; i < 8; i++)
        pm[i] *= sign, nm[i] = -sign, dm[i] = sign;
    sqlite3_stmt *s = NULL;
    if (comp) { /* every unit or report of the days */
        span t = {.n = 1};
        t.part[0].gran = 'D';
        snprintf(t.part[0].lo, sizeof t.part[0].lo, "%s", lo);
        snprintf(t.part[0].hi, sizeof t.part[0].hi, "%s", hi);
        rc = k >= 0 ? report_tallies(st, report_keys[k].by, &d, &t, &s) : reps_stmt(st, &d, &s);
        for (int i = 0; i < 8 && k < 0; i++)
            pm[i] = sign;
        rc = rc ? rc : rg_feed(st, g, s, pm);
        sqlite3_finalize(s);
        s = NULL;
        if (rc)
            return rc;
    }
    bool week = k >= 0 && !strcmp(report_keys[k].by, "week");
    const char *key = k < 0 ? "''" : week ? "e.event_date" : report_keys[k].expr, *sums = k < 0 ? REP_SUMS : UNIT_SUMS;
    sr__buf sql;
    sr__buf_init(&sql, STORE_MAX_SQL);
    const char *params[16];
    int np = 0;
    if (!comp) {
        rc = k < 0 ? sr__buf_printf(&sql, "SELECT e.actor1, e.actor2, %s,%s FROM events e INDEXED BY events_reports",
                                    key, sums)
                   : sr__buf_printf(&sql, "SELECT e.actor1, e.actor2, %s,%s FROM %s", key, sums, few_units(&d));
        rc = rc ? rc : where_origin_f(&d, &sql, params, &np, 1);
    } else {
        /* the units (reports) of the names not matching; ?20 the substring */
        static const char *const br[][2] = {{"events e INDEXED BY events_unlinked_actor1", " AND e.incident_id IS NULL"},
                                            {"incidents e INDEXED BY incidents_actor", ""},
                                            {"events e INDEXED BY events_actor1", ""}};
        rc = sr__buf_adds(&sql, "WITH n(name) AS MATERIALIZED (SELECT name FROM actor_names WHERE NOT"
                                " sr_actor_in(name, ?20) UNION ALL SELECT '') ");
        for (int b = k < 0 ? 2 : 0; b < (k < 0 ? 3 : 2) && !rc; b++) {
            rc = sr__buf_printf(&sql, "%sSELECT e.actor1, e.actor2, %s,%s FROM n CROSS JOIN %s", b == 1 ? " UNION ALL " : "",
                                key, sums, br[b][0]);
            rc = rc ? rc : where_origin_f(&d, &sql, params, &np, 1);
            rc = rc ? rc : sr__buf_printf(&sql, "%s AND e.actor1 = n.name", br[b][1]);
        }
    }
    rc = rc ? rc : prepare_query(st, &sql, params, np, 0, &s);
    sr__buf_release(&sql);
    if (rc)
        return rc;
    if (comp)
        sqlite3_bind_text(s, 20, q->actor, -1, SQLITE_TRANSIENT);
    week_memo w = {0};
    actor_set *a = st->names;
    int step;
    while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
        const char *a2 = (const char *)sqlite3_column_text(s, 1);
        if (comp ? aset_has(a, a2) : !aset_has(a, (const char *)sqlite3_column_text(s, 0)) && !aset_has(a, a2))
            continue; /* comp: a unit that matches by its actor2 stays */
        const char *kv = sr__col_text(s, 2);
        if (week && (rc = week_of(st, &w, kv, &kv)) != 0)
            break;
        long v[8];
        for (int i = 0; i < 8; i++)
            v[i] = (long)sqlite3_column_int64(s, 3 + i);
        if ((rc = rg_add(g, kv, v, comp ? nm : dm)) == SR_ENOMEM)
            snprintf(st->err, sizeof st->err, "tallying events: out of memory");
    }
    if (!rc && step != SQLITE_DONE)
        rc = db_fail(st, "tallying events");
    sqlite3_finalize(s);
    sqlite3_finalize(w.s);
    return rc;
}

/* k < 0: the reports of the units rather than their sums by a key. */
static int ft_group(sr_store *st, int k, const sr_query *q, const char *f, const char *val, const span *sp, rgroup *g)
{
    int mask[8], nparts = 0;
    kind_mask(q, mask);
    /* a partial month is its month's rows less the days outside the period
     * when those are fewer: fewer units read one by one */
    span m = *sp;
    struct {
        char lo[11], hi[11];
    } out[10];
    int nout = 0;
    for (int i = 0; i < m.n; i++) {
        sr__date a, b;
        if (m.part[i].gran != 'D' || sr__date_parse_iso(m.part[i].lo, &a) || sr__date_parse_iso(m.part[i].hi, &b))
            continue;
        long first = sr__date_days((sr__date){a.y, a.m, 1}), lo = sr__date_days(a), hi = sr__date_days(b);
        long last = sr__date_days((sr__date){a.y, a.m, sr__month_days(a.y, a.m)});
        if ((lo - first) + (last - hi) >= hi - lo + 1 || nout > 8)
            continue;
        if (lo > first) {
            sr__date_fmt(sr__date_from_days(first), out[nout].lo);
            sr__date_fmt(sr__date_from_days(lo - 1), out[nout++].hi);
        }
        if (hi < last) {
            sr__date_fmt(sr__date_from_days(hi + 1), out[nout].lo);
            sr__date_fmt(sr__date_from_days(last), out[nout++].hi);
        }
        m.part[i].gran = 'M';
        snprintf(m.part[i].lo, sizeof m.part[i].lo, "%04d-%02d", a.y % 10000, a.m % 13);
        snprintf(m.part[i].hi, sizeof m.part[i].hi, "%s", m.part[i].lo);
    }
    sp = &m;
    bool actor = !strcmp(f, "actor"), comp = false;
    int rc = actor ? actors_most(st, val, &comp) : 0;
    bool ser = !rc && series_can(st, f, val, k);
    if (ser)
        rc = k == 1 || k == 2 || k == 4 || k == 5 ? kseries_feed(st, q, val, sp, k, g, mask)
                                                   : series_feed(st, q, val, sp, k, g, mask);
    sr__buf sql;
    sr__buf_init(&sql, STORE_MAX_SQL);
    rc = rc || ser ? rc : ft_union(&sql, q, f, sp,
                      "SELECT t.key, %1$st.incidents, %1$st.aggregates, %1$st.fat_low, %1$st.fat_best,"
                      " %1$st.fat_high, %1$st.claim_low, %1$st.claim_best, %1$st.claim_high",
                      &nparts);
    sqlite3_stmt *s = NULL;
    if (!rc && nparts)
        rc = ft_prepare(st, &sql, q, f, val, sp, k >= 0 ? report_keys[k].by : "rep", &s);
    sr__buf_release(&sql);
    if (!rc && s)
        rc = rg_feed(st, g, s, mask);
    sqlite3_finalize(s);
    for (int i = 0; i < sp->n && !rc; i++) {
        if (sp->part[i].gran != 'D')
            continue;
        sr_query d = *q;
        d.since = sp->part[i].lo;
        d.until = sp->part[i].hi;
        s = NULL;
        if (actor) {
            rc = actor_days(st, k, q, d.since, d.until, 1, comp, g);
            continue;
        }
        rc = k >= 0 ? general_stmt(st, k, &d, 1, &s) : reps_stmt(st, &d, &s);
        rc = rc ? rc : rg_feed(st, g, s, no_mask);
        sqlite3_finalize(s);
    }
    static const int minus[8] = {-1, -1, -1, -1, -1, -1, -1, -1};
    for (int i = 0; i < nout && !rc; i++) { /* the days outside the period, taken away */
        sr_query d = *q;
        d.since = out[i].lo;
        d.until = out[i].hi;
        s = NULL;
        if (actor) {
            rc = actor_days(st, k, q, d.since, d.until, -1, comp, g);
            continue;
        }
        rc = k >= 0 ? general_stmt(st, k, &d, 1, &s) : reps_stmt(st, &d, &s);
        rc = rc ? rc : rg_feed(st, g, s, minus);
        sqlite3_finalize(s);
    }
    return rc;
}

int sr_store_report(sr_store *st, const char *by, const sr_query *q, sr_tally_cb cb, void *ud)
{
    if (!st || !cb)
        return SR_EINVAL;
    int k = -1;
    for (size_t i = 0; i < sizeof report_keys / sizeof report_keys[0]; i++)
        if (by && !strcmp(by, report_keys[i].by))
            k = (int)i;
    if (k < 0) {
        snprintf(st->err, sizeof st->err,
                 "cannot tally by '%.100s'; use actor, admin1, admin2, country, week, month or sub_event_type",
                 by ? by : "(null)");
        return SR_EINVAL;
    }
    sqlite3_stmt *s = NULL;
    span sp;
    int rc = ft_fresh(st); /* units left pending by a raw SQL change */
    if (rc)
        return rc;
    const char *fval = NULL, *f = ft_filter(q, &fval);
    if (tallies_can(q, &sp)) {
        if ((rc = report_tallies(st, by, q, &sp, &s)) != 0)
            return rc;
        rc = report_grouped(st, s, report_keys[k].timekey, cb, ud);
        sqlite3_finalize(s);
        return rc;
    }
    if (f && span_of(q, &sp)) {
        rgroup g = {0};
        rc = ft_group(st, k, q, f, fval, &sp, &g);
        rc = rc ? rc : rg_emit(&g, report_keys[k].timekey, cb, ud);
        rg_release(&g);
        return rc;
    }
    if ((rc = general_stmt(st, k, q, 0, &s)) != 0)
        return rc;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        sr_tally t;
        t.key = sr__col_text(s, 0);
        t.incidents = (long)sqlite3_column_int64(s, 1);
        t.aggregates = (long)sqlite3_column_int64(s, 2);
        t.fat_low = (long)sqlite3_column_int64(s, 3);
        t.fat_best = (long)sqlite3_column_int64(s, 4);
        t.fat_high = (long)sqlite3_column_int64(s, 5);
        t.claim_low = (long)sqlite3_column_int64(s, 6);
        t.claim_best = (long)sqlite3_column_int64(s, 7);
        t.claim_high = (long)sqlite3_column_int64(s, 8);
        if ((rc = cb(ud, &t)) != 0)
            break;
    }
    if (!rc && step != SQLITE_DONE)
        rc = db_fail(st, "tallying events");
    sqlite3_finalize(s);
    return rc;
}

/* ---- scope and the incidents behind alerts ---------------------------- */

/* Runs a one-value query built from head + the filters of q + tail. */
static int query_value_f(sr_store *st, const char *head, const sr_query *q, const char *tail, sqlite3_stmt **out,
                         int few_days)
{
    sr__buf sql;
    sr__buf_init(&sql, STORE_MAX_SQL);
    const char *params[16];
    int np = 0;
    int rc = sr__buf_adds(&sql, head);
    if (!rc)
        rc = where_origin_f(q, &sql, params, &np, few_days);
    if (!rc)
        rc = sr__buf_adds(&sql, tail);
    if (!rc)
        rc = prepare_query(st, &sql, params, np, 0, out);
    sr__buf_release(&sql);
    if (rc)
        return rc;
    int step = sqlite3_step(*out);
    if (step != SQLITE_ROW && step != SQLITE_DONE) {
        rc = db_fail(st, "reading the store");
        sqlite3_finalize(*out);
        *out = NULL;
    }
    return rc;
}

static int query_value(sr_store *st, const char *head, const sr_query *q, const char *tail, sqlite3_stmt **out)
{
    return query_value_f(st, head, q, tail, out, 0);
}

int sr__store_dates(sr_store *st, const sr_query *q, char first[11], char last[11])
{
    sqlite3_stmt *s = NULL;
    for (int k = 0; k < 2; k++) {
        int rc = query_value(st, "SELECT e.event_date FROM events e", q,
                             k ? " AND e.event_date <> '' ORDER BY e.event_date DESC LIMIT 1"
                               : " AND e.event_date <> '' ORDER BY e.event_date LIMIT 1",
                             &s);
        if (rc)
            return rc;
        copy_date(k ? last : first, sqlite3_data_count(s) ? sr__col_text(s, 0) : "");
        sqlite3_finalize(s);
    }
    return 0;
}

/* One branch of ft_edge: the counted units of a table through a named index,
 * with the filter's condition ("m.name": one actor name of m per row). */
typedef struct edge_branch {
    const char *table, *index, *cond;
} edge_branch;

static const edge_branch admin1_edge[] = {
    {"events", "events_unlinked_admin1", "e.incident_id IS NULL AND e.admin1 = ?1 COLLATE NOCASE"},
    {"incidents", "incidents_admin1_nc", "e.admin1 = ?1 COLLATE NOCASE"},
};
static const edge_branch type_edge[] = {
    {"events", "events_unlinked_event_type", "e.incident_id IS NULL AND e.event_type = ?1 COLLATE NOCASE"},
    {"events", "events_unlinked_sub_event_type", "e.incident_id IS NULL AND e.sub_event_type = ?1 COLLATE NOCASE"},
    {"incidents", "incidents_event_type", "e.event_type = ?1 COLLATE NOCASE"},
    {"incidents", "incidents_sub_event_type", "e.sub_event_type = ?1 COLLATE NOCASE"},
};
/* an actor substring naming a few actors: one seek per name and branch */
static const edge_branch names_edge[] = {
    {"events", "events_unlinked_actor1", "e.incident_id IS NULL AND e.actor1 = m.name"},
    {"events", "events_unlinked_actor2", "e.incident_id IS NULL AND e.actor2 = m.name"},
    {"incidents", "incidents_actor", "e.actor1 = m.name"},
    {"incidents", "incidents_actor2", "e.actor2 = m.name"},
};
/* many names (a broad substring): the units in date order, per origin,
 * until one names any of them */
static const edge_branch walk_edge[] = {
    {"events", "events_unlinked_units", "e.incident_id IS NULL"},
    {"incidents", "incidents_units", "1"},
};
#define EDGE_FEW_NAMES 64 /* more matching names than this: walk_edge */

/* Runs one query of ft_edge (parameters as there) and keeps its date in out
 * when it is earlier (later) than the one there; walk: the first row whose
 * actor1 or actor2 the loaded names hold. */
static int edge_run(sr_store *st, const sr__buf *sql, const sr_query *q, const char *val, bool all, const char *o,
                    int walk, int last, char out[11])
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql->p, -1, &s, NULL) != SQLITE_OK)
        return db_fail(st, "preparing the edge query");
    /* parameters not in the text are left unbound (bind answers SQLITE_RANGE) */
    sqlite3_bind_text(s, 1, val, -1, SQLITE_TRANSIENT);
    if (q->since && *q->since)
        sqlite3_bind_text(s, 2, q->since, -1, SQLITE_TRANSIENT);
    if (q->until && *q->until)
        sqlite3_bind_text(s, 3, q->until, -1, SQLITE_TRANSIENT);
    if (!all)
        sqlite3_bind_text(s, 4, o, -1, SQLITE_TRANSIENT);
    if (q->country && *q->country)
        sqlite3_bind_text(s, 5, q->country, -1, SQLITE_TRANSIENT);
    if (q->kind && *q->kind)
        sqlite3_bind_text(s, 6, q->kind, -1, SQLITE_TRANSIENT);
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if (walk && !aset_has(st->names, (const char *)sqlite3_column_text(s, 1)) &&
            !aset_has(st->names, (const char *)sqlite3_column_text(s, 2)))
            continue;
        const char *d = (const char *)sqlite3_column_text(s, 0);
        if (d && (!out[0] || (last ? strncmp(d, out, 10) > 0 : strncmp(d, out, 10) < 0)))
            copy_date(out, d);
        break;
    }
    sqlite3_finalize(s);
    return step == SQLITE_ROW || step == SQLITE_DONE ? 0 : db_fail(st, "finding the first and last dates");
}

/* The first (or last) dated unit passing q's one filter f = val in q's
 * period: in each branch of the counted units one ordered seek in an index
 * that starts with the filter's value (or the origin and the date), so the
 * first row found is the edge (schema 10; was a month of units read by
 * substring). Parameters: ?1 value, ?2 since, ?3 until, ?4 origin, ?5
 * country, ?6 kind. */
static int ft_edge(sr_store *st, const sr_query *q, const char *f, const char *val, int last, char out[11])
{
    out[0] = 0;
    const edge_branch *br = admin1_edge;
    size_t nbr = 2;
    bool names = false, walk = false;
    if (!strcmp(f, "type"))
        br = type_edge, nbr = 4;
    else if (!strcmp(f, "actor")) {
        int rc = names_load(st, val);
        if (rc)
            return rc;
        size_t n = st->names->n;
        if (n == 0)
            return 0;
        /* with a country, a name's seek could read all its units elsewhere */
        walk = n > EDGE_FEW_NAMES || (q->country && *q->country), names = !walk;
        br = walk ? walk_edge : names_edge, nbr = walk ? 2 : 4;
    }
    const char *o = q->origin && *q->origin ? q->origin : "news";
    bool all = !strcmp(o, "all");
    static const char *const all_origins[] = {"'news'", "'acled'", "'ucdp'"};
    sr__buf sql;
    sr__buf_init(&sql, STORE_MAX_SQL);
    /* walk: each branch and origin on its own, its units in date order
     * until the loaded names hold one's actor1 or actor2 */
    int rc = sr__buf_adds(&sql, names ? "WITH m(name) AS MATERIALIZED (SELECT name FROM actor_names WHERE"
                                        " sr_actor_in(name, ?1)) "
                                      : "");
    rc = rc || walk ? rc : sr__buf_printf(&sql, "SELECT %s(x) FROM (", last ? "max" : "min");
    int nq = 0;
    for (size_t i = 0; i < nbr && !rc; i++)
        for (int oi = 0; oi < (walk && all ? 3 : 1) && !rc; oi++) {
            if (walk)
                sql.len = 0; /* one query per branch and origin */
            /* one lower bound only, or SQLite may seek by the weaker one */
            rc = sr__buf_printf(&sql, walk ? "SELECT e.event_date, e.actor1, e.actor2 FROM %2$s e INDEXED BY %3$s"
                                             " WHERE %4$s AND %5$s"
                                           : "%1$sSELECT (SELECT e.event_date FROM %2$s e INDEXED BY %3$s WHERE %4$s"
                                             " AND %5$s",
                                nq++ ? " UNION ALL " : "", br[i].table, br[i].index, br[i].cond,
                                q->since && *q->since ? "e.event_date >= ?2 AND e.event_date <> ''" : "e.event_date > ''");
            if (!rc && q->until && *q->until)
                rc = sr__buf_adds(&sql, " AND e.event_date <= ?3");
            if (!rc)
                rc = walk && all ? sr__buf_printf(&sql, " AND e.origin = %s", all_origins[oi])
                     : all       ? sr__buf_adds(&sql, " AND e.origin IN ('news', 'acled', 'ucdp')")
                                 : sr__buf_adds(&sql, " AND e.origin = ?4");
            if (!rc && q->country && *q->country)
                rc = sr__buf_adds(&sql, " AND (e.country = ?5 COLLATE NOCASE OR e.iso3 = ?5 COLLATE NOCASE)");
            if (!rc && q->kind && *q->kind)
                rc = sr__buf_adds(&sql, " AND e.kind = lower(?6)");
            if (!rc && walk) {
                rc = sr__buf_printf(&sql, " ORDER BY e.event_date%s", last ? " DESC" : "");
                rc = rc ? rc : edge_run(st, &sql, q, val, all, o, 1, last, out);
            } else if (!rc)
                rc = sr__buf_printf(&sql, " ORDER BY e.event_date%s LIMIT 1) AS x%s", last ? " DESC" : "",
                                    names ? " FROM m" : "");
        }
    rc = rc || walk ? rc : sr__buf_adds(&sql, ")");
    rc = rc || walk ? rc : edge_run(st, &sql, q, val, all, o, 0, last, out);
    sr__buf_release(&sql);
    if (rc && rc != SR_EDB && !st->err[0])
        snprintf(st->err, sizeof st->err, "finding the first and last dates: %s", sr_strerror(rc));
    return rc;
}

int sr_store_scope(sr_store *st, const sr_query *q, sr_scope *out)
{
    if (!st || !out)
        return SR_EINVAL;
    memset(out, 0, sizeof *out);
    span sp;
    int rc0 = ft_fresh(st);
    if (rc0)
        return rc0;
    if (tallies_can(q, &sp)) {
        int rc = tallies_sum(st, q, &sp, "country", "t.incidents + t.aggregates", &out->events);
        rc = rc ? rc : tallies_sum(st, q, &sp, "doc", "t.incidents", &out->documents);
        rc = rc ? rc : tallies_edge(st, q, &sp, 0, out->first);
        rc = rc ? rc : tallies_edge(st, q, &sp, 1, out->last);
        return rc;
    }
    const char *fval = NULL, *f = ft_filter(q, &fval);
    if (f && span_of(q, &sp)) {
        rgroup g = {0};
        int rc = ft_group(st, 3 /* country */, q, f, fval, &sp, &g);
        for (size_t i = 0; i < g.n; i++)
            out->events += g.v[i].v[0] + g.v[i].v[1];
        rg_release(&g);
        /* reports, not documents: these add up over names and months */
        g = (rgroup){0};
        rc = rc ? rc : ft_group(st, -1, q, f, fval, &sp, &g);
        for (size_t i = 0; i < g.n; i++)
            out->documents += g.v[i].v[0] + g.v[i].v[1];
        rg_release(&g);
        /* the edges are the units' dates: none without a unit */
        rc = rc || !out->events ? rc : ft_edge(st, q, f, fval, 0, out->first);
        rc = rc || !out->events ? rc : ft_edge(st, q, f, fval, 1, out->last);
        return rc;
    }
    /* one pass over the filtered units (the filters' indexes pick them) */
    sqlite3_stmt *s = NULL;
    int rc;
    if ((rc = query_value(st, "SELECT count(*), min(NULLIF(e.event_date, '')), max(NULLIF(e.event_date, '')) FROM "
                              COUNTED_EVENTS, q, "", &s)))
        return rc;
    out->events = (long)sqlite3_column_int64(s, 0);
    copy_date(out->first, sqlite3_data_count(s) ? sr__col_text(s, 1) : "");
    copy_date(out->last, sqlite3_data_count(s) ? sr__col_text(s, 2) : "");
    sqlite3_finalize(s);
    /* with a region, type or actor: the reports passing (as the crossed
     * tallies count them), else the documents */
    bool reps = q && ((q->admin1 && *q->admin1) || (q->type && *q->type) || (q->actor && *q->actor));
    if ((rc = query_value(st, reps ? "SELECT count(*) FROM events e" : "SELECT count(DISTINCT e.document_id) FROM events e",
                          q, "", &s)))
        return rc;
    out->documents = (long)sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return 0;
}

/* What alerts count: each incident once (news incidents through their
 * incident row: sr_store_add links every one), with the columns the alert
 * queries read. */
#define ALERT_UNITS                                                                                          \
    "(SELECT kind, origin, event_date, time_precision, actor1, admin1, country, iso3, fatalities FROM events" \
    " WHERE incident_id IS NULL AND origin <> 'news' UNION ALL SELECT kind, origin, event_date,"             \
    " time_precision, actor1, admin1, country, iso3, fatalities FROM incidents) e"

static const char *const series_keys[] = {"e.actor1", "e.admin1", "e.actor1 || ' | ' || e.admin1"};
static const char *const series_nonempty[] = {"e.actor1 <> ''", "e.admin1 <> ''", "e.actor1 <> '' AND e.admin1 <> ''"};

int sr__store_incidents(sr_store *st, int by, const sr_query *q, sr__incident_cb cb, void *ud)
{
    if (!st || !cb || by < 0 || by > 2)
        return SR_EINVAL;
    sr__buf sql;
    sr__buf_init(&sql, STORE_MAX_SQL);
    const char *params[16];
    int np = 0;
    int rc = sr__buf_printf(&sql, "SELECT %s AS k, e.event_date, COALESCE(e.fatalities, 0) FROM " ALERT_UNITS,
                            series_keys[by]);
    if (!rc)
        rc = where_origin(q, &sql, params, &np);
    if (!rc)
        rc = sr__buf_printf(&sql,
                            " AND e.kind = 'incident' AND e.event_date <> ''"
                            " AND (e.time_precision IS NULL OR e.time_precision < 3) AND %s ORDER BY k, e.event_date",
                            series_nonempty[by]);
    sqlite3_stmt *s = NULL;
    if (!rc)
        rc = prepare_query(st, &sql, params, np, 0, &s);
    sr__buf_release(&sql);
    if (rc)
        return rc;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        sr__incident r = {sr__col_text(s, 0), sr__col_text(s, 1), (long)sqlite3_column_int64(s, 2)};
        if ((rc = cb(ud, &r)) != 0)
            break;
    }
    if (!rc && step != SQLITE_DONE)
        rc = db_fail(st, "reading incidents");
    sqlite3_finalize(s);
    return rc;
}

static const char *const series_dims[] = {"actor", "admin1", "pair"};

/* Rows of the alert tallies, or with marks of their toll histogram (the
 * toll in fat, its incidents in n). */
static int alert_rows(sr_store *st, int by, const sr_query *q, const sr__alert_range *r, int nr, int marks,
                      sr__alert_row_cb cb, void *ud)
{
    if (!st || !cb || by < 0 || by > 2 || nr < 0 || nr > 8)
        return SR_EINVAL;
    sr__buf sql;
    sr__buf_init(&sql, STORE_MAX_SQL);
    int rc = 0;
    bool country = q && q->country && *q->country;
    for (int i = 0; i < nr && !rc; i++) {
        rc = sr__buf_printf(&sql,
                            "%sSELECT t.key, t.gran, t.period, t.n, %s FROM %s t"
                            " WHERE t.dim = ?1 AND t.gran = '%c' AND t.period >= ?%d AND t.period <= ?%d AND t.n > 0",
                            i ? " UNION ALL " : "", marks ? "t.toll, 0" : "t.fat, t.nfat",
                            marks ? "alert_marks" : "alert_tallies", r[i].gran == 'W' ? 'W' : 'D', 10 + 2 * i,
                            11 + 2 * i);
        rc = rc ? rc : origin_cond(&sql, q, "t.origin", 2);
        if (!rc && country)
            rc = sr__buf_adds(&sql, " AND (t.country = ?3 COLLATE NOCASE OR t.iso3 = ?3 COLLATE NOCASE)");
    }
    if (!rc && !nr) {
        sr__buf_release(&sql);
        return 0;
    }
    sqlite3_stmt *s = NULL;
    if (!rc && sqlite3_prepare_v2(st->db, sql.p, -1, &s, NULL) != SQLITE_OK)
        rc = db_fail(st, "preparing the alert query");
    sr__buf_release(&sql);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, series_dims[by], -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, q && q->origin && *q->origin ? q->origin : "news", -1, SQLITE_TRANSIENT);
    if (country)
        sqlite3_bind_text(s, 3, q->country, -1, SQLITE_TRANSIENT);
    for (int i = 0; i < nr; i++) {
        sqlite3_bind_text(s, 10 + 2 * i, r[i].lo, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 11 + 2 * i, r[i].hi, -1, SQLITE_TRANSIENT);
    }
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        sr__alert_row row = {sr__col_text(s, 0), sr__col_text(s, 2), sr__col_text(s, 1)[0],
                             (long)sqlite3_column_int64(s, 3), (long)sqlite3_column_int64(s, 4),
                             (long)sqlite3_column_int64(s, 5)};
        if ((rc = cb(ud, &row)) != 0)
            break;
    }
    if (!rc && step != SQLITE_DONE)
        rc = db_fail(st, "reading the alert tallies");
    sqlite3_finalize(s);
    return rc;
}

int sr__store_alert_rows(sr_store *st, int by, const sr_query *q, const sr__alert_range *r, int nr,
                         sr__alert_row_cb cb, void *ud)
{
    return alert_rows(st, by, q, r, nr, 0, cb, ud);
}

int sr__store_alert_marks(sr_store *st, int by, const sr_query *q, const sr__alert_range *r, int nr,
                          sr__alert_row_cb cb, void *ud)
{
    return alert_rows(st, by, q, r, nr, 1, cb, ud);
}

int sr__store_series_events(sr_store *st, int by, const char *key, const sr_query *q, sr__series_event_cb cb,
                            void *ud)
{
    if (!st || !cb || !key || by < 0 || by > 2 || !q || !q->since || !q->until)
        return SR_EINVAL;
    char actor[512] = "", admin1[512] = "";
    if (by == 2) { /* "actor | admin1": split at the first separator */
        const char *bar = strstr(key, " | ");
        if (!bar || (size_t)(bar - key) >= sizeof actor || strlen(bar + 3) >= sizeof admin1)
            return 0;
        memcpy(actor, key, (size_t)(bar - key));
        actor[bar - key] = 0;
        snprintf(admin1, sizeof admin1, "%s", bar + 3);
    }
    static const char *const cond[] = {"%s.actor1 = ?1", "%s.admin1 = ?1", "%s.actor1 = ?1 AND %s.admin1 = ?2"};
    static const char *const other[] = {"%s.admin1", "%s.actor1", "''"};
    sr__buf sql;
    sr__buf_init(&sql, STORE_MAX_SQL);
    bool country = q->country && *q->country;
    int rc = 0;
    for (int part = 0; part < 2 && !rc; part++) {
        const char *x = part ? "e" : "i";
        rc = sr__buf_adds(&sql, part ? " UNION ALL SELECT e.event_id, -e.id, " : "SELECT m.event_id, i.id, ");
        rc = rc ? rc : sr__buf_printf(&sql, other[by], x);
        rc = rc ? rc
                : sr__buf_adds(&sql, part ? ", e.event_date, e.id FROM events e WHERE e.incident_id IS NULL AND e.kind = 'incident' AND "
                                          : ", i.event_date, m.id FROM incidents i JOIN events m ON m.incident_id = i.id WHERE ");
        rc = rc ? rc : sr__buf_printf(&sql, cond[by], x, x);
        rc = rc ? rc
                : sr__buf_printf(&sql,
                                 " AND %s.event_date >= ?3 AND %s.event_date <= ?4 AND (%s.time_precision IS NULL"
                                 " OR %s.time_precision < 3)",
                                 x, x, x, x);
        char col[16];
        snprintf(col, sizeof col, "%s.origin", x);
        rc = rc ? rc : origin_cond(&sql, q, col, 5);
        if (!rc && country)
            rc = sr__buf_printf(&sql, " AND (%s.country = ?6 COLLATE NOCASE OR %s.iso3 = ?6 COLLATE NOCASE)", x, x);
    }
    rc = rc ? rc : sr__buf_adds(&sql, " ORDER BY 4, 2, 5");
    sqlite3_stmt *s = NULL;
    if (!rc && sqlite3_prepare_v2(st->db, sql.p, -1, &s, NULL) != SQLITE_OK)
        rc = db_fail(st, "preparing the query of a series' events");
    sr__buf_release(&sql);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, by == 2 ? actor : key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, admin1, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, q->since, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 4, q->until, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 5, q->origin && *q->origin ? q->origin : "news", -1, SQLITE_TRANSIENT);
    if (country)
        sqlite3_bind_text(s, 6, q->country, -1, SQLITE_TRANSIENT);
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW)
        if ((rc = cb(ud, sr__col_text(s, 0), (long long)sqlite3_column_int64(s, 1), sr__col_text(s, 2))) != 0)
            break;
    if (!rc && step != SQLITE_DONE)
        rc = db_fail(st, "reading a series' events");
    sqlite3_finalize(s);
    return rc;
}

int sr_store_incidents(sr_store *st, const sr_query *q, sr_incident_cb cb, void *ud)
{
    if (!st || !cb)
        return SR_EINVAL;
    sqlite3_stmt *s = NULL;
    int rc = select_in_order(st, q,
                          "SELECT e.id, e.event_date, e.first_date, e.last_date, e.event_type, e.sub_event_type,"
                          " e.actor1, e.actor2, e.country, e.admin1, e.admin2, e.location, e.latitude, e.longitude,"
                          " e.fatalities_low, e.fatalities, e.fatalities_high, e.n_reports, e.n_sources"
                          " FROM incidents e", &s);
    if (rc)
        return rc;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        sr_incident r;
        memset(&r, 0, sizeof r);
        r.id = (long long)sqlite3_column_int64(s, 0);
        copy_date(r.event_date, sr__col_text(s, 1));
        copy_date(r.first_date, sr__col_text(s, 2));
        copy_date(r.last_date, sr__col_text(s, 3));
        r.event_type = sr__col_text(s, 4);
        r.sub_event_type = sr__col_text(s, 5);
        r.actor1 = sr__col_text(s, 6);
        r.actor2 = sr__col_text(s, 7);
        r.country = sr__col_text(s, 8);
        r.admin1 = sr__col_text(s, 9);
        r.admin2 = sr__col_text(s, 10);
        r.location = sr__col_text(s, 11);
        r.latitude = sr__col_real(s, 12);
        r.longitude = sr__col_real(s, 13);
        r.fatalities_low = sr__col_int(s, 14, -1);
        r.fatalities_best = sr__col_int(s, 15, -1);
        r.fatalities_high = sr__col_int(s, 16, -1);
        r.n_reports = sr__col_int(s, 17, 0);
        r.n_sources = sr__col_int(s, 18, 0);
        if ((rc = cb(ud, &r)) != 0)
            break;
    }
    if (!rc && step != SQLITE_DONE)
        rc = db_fail(st, "reading incidents");
    sqlite3_finalize(s);
    return rc;
}

/* ---- reference events (ACLED, UCDP) ------------------------------------------- */

/* The insert of a reference event: the same columns as a news event plus its
 * origin; an id already stored (an updated export) is replaced in place. */
static const char *const ins_ref_sql =
    "INSERT INTO events (document_id, event_id, kind, event_date, date_start, date_end, time_precision,"
    " event_type, sub_event_type, actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, country,"
    " iso3, admin1, admin2, location, latitude, longitude, geo_precision, geonames_id, fatalities,"
    " fatalities_low, fatalities_high, source, notes, evidence, origin, admin1_acled) VALUES (?1, ?2, ?3, ?4,"
    " ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25,"
    " ?26, ?27, ?28, ?29, '{}', ?30, ?31) ON CONFLICT(event_id) DO UPDATE SET document_id = excluded.document_id,"
    " kind = excluded.kind, event_date = excluded.event_date, date_start = excluded.date_start,"
    " date_end = excluded.date_end, time_precision = excluded.time_precision,"
    " event_type = excluded.event_type, sub_event_type = excluded.sub_event_type,"
    " actor1 = excluded.actor1, assoc_actor_1 = excluded.assoc_actor_1, inter1 = excluded.inter1,"
    " actor2 = excluded.actor2, assoc_actor_2 = excluded.assoc_actor_2, inter2 = excluded.inter2,"
    " country = excluded.country, iso3 = excluded.iso3, admin1 = excluded.admin1, admin2 = excluded.admin2,"
    " location = excluded.location, latitude = excluded.latitude, longitude = excluded.longitude,"
    " geo_precision = excluded.geo_precision, geonames_id = excluded.geonames_id,"
    " fatalities = excluded.fatalities, fatalities_low = excluded.fatalities_low,"
    " fatalities_high = excluded.fatalities_high, source = excluded.source, notes = excluded.notes,"
    " origin = excluded.origin, admin1_acled = excluded.admin1_acled";

static int insert_ref(sr_store *st, sqlite3_int64 doc_rowid, const char *origin, const sr_event *ev)
{
    sqlite3_stmt *s = st->ins_ref;
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    char *id = sqlite3_mprintf("%s:%s", origin, ev->event_id ? ev->event_id : "");
    if (!id)
        return SR_ENOMEM;
    sqlite3_bind_int64(s, 1, doc_rowid);
    sqlite3_bind_text(s, 2, id, -1, sqlite3_free);
    bind_text(s, 3, ev->kind && *ev->kind ? ev->kind : "incident");
    bind_event_fields(s, ev);
    bind_text(s, 30, origin);
    /* ACLED rows carry ACLED's spelling of admin1 */
    bind_text(s, 31, ev->admin1_acled && *ev->admin1_acled ? ev->admin1_acled
                     : !strcmp(origin, "acled")              ? ev->admin1
                                                             : "");
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return rc == SQLITE_DONE ? 0 : db_fail(st, "storing a reference event");
}

static int add_ref(sr_store *st, const char *origin, const sr_doc *file, const sr_event *evs, size_t n,
                   int *skipped)
{
    char hash[41];
    text_hash(file->text ? file->text : "", file->text ? file->text_len : 0, hash);
    sqlite3_stmt *s = st->find_hash;
    sqlite3_reset(s);
    sqlite3_bind_text(s, 1, hash, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW) {
        *skipped = 1;
        return 0;
    }
    if (rc != SQLITE_DONE)
        return db_fail(st, "looking up the file hash");
    s = st->ins_doc;
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    char *key = sqlite3_mprintf("%s:%s", origin, file->id ? file->id : "");
    if (!key)
        return SR_ENOMEM;
    sqlite3_bind_text(s, 1, key, -1, sqlite3_free);
    bind_text(s, 2, hash);
    bind_text(s, 3, file->title);
    bind_text(s, 4, file->date);
    bind_text(s, 5, file->source);
    bind_text(s, 6, file->url);
    bind_text(s, 7, file->origin);
    bind_text(s, 8, ""); /* the export itself is not kept */
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    if (rc != SQLITE_DONE)
        return db_fail(st, "storing the reference file");
    sqlite3_int64 rowid = sqlite3_last_insert_rowid(st->db);
    for (size_t i = 0; i < n; i++)
        if ((rc = insert_ref(st, rowid, origin, &evs[i])) != 0)
            return rc;
    return 0;
}

int sr_store_add_reference(sr_store *st, const char *origin, const sr_doc *file, const sr_event *evs, size_t n,
                           int *skipped)
{
    int dummy;
    if (!skipped)
        skipped = &dummy;
    *skipped = 0;
    if (!st || !file || !origin || (n && !evs))
        return SR_EINVAL;
    st->err[0] = 0;
    if (strcmp(origin, "acled") && strcmp(origin, "ucdp")) {
        snprintf(st->err, sizeof st->err, "unknown reference origin '%.40s'; use acled or ucdp", origin);
        return SR_EINVAL;
    }
    if (!st->ins_ref && sqlite3_prepare_v2(st->db, ins_ref_sql, -1, &st->ins_ref, NULL) != SQLITE_OK)
        return db_fail(st, "preparing the reference insert");
    int rc = exec(st, "SAVEPOINT sr_ref", "storing the reference file");
    if (rc)
        return rc;
    rc = add_ref(st, origin, file, evs, n, skipped);
    if (rc) {
        char keep[sizeof st->err];
        memcpy(keep, st->err, sizeof keep);
        sqlite3_exec(st->db, "ROLLBACK TO sr_ref; RELEASE sr_ref", NULL, NULL, NULL);
        memcpy(st->err, keep, sizeof keep);
        *skipped = 0;
        return rc;
    }
    if (!st->batch && (rc = ft_flush(st)) != 0) {
        char keep[sizeof st->err];
        memcpy(keep, st->err, sizeof keep);
        sqlite3_exec(st->db, "ROLLBACK TO sr_ref; RELEASE sr_ref", NULL, NULL, NULL);
        memcpy(st->err, keep, sizeof keep);
        return rc;
    }
    return exec(st, "RELEASE sr_ref", "storing the reference file");
}
