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

#define STORE_SCHEMA_VERSION 2
#define STORE_BUSY_MS 10000
#define STORE_MAX_SQL 8192 /* cap on generated query text */

struct sr_store {
    sqlite3 *db;
    char err[1024];
    sqlite3_stmt *find_hash, *ins_doc, *ins_ev;
};

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
    "  admin1_acled TEXT NOT NULL DEFAULT ''\n"
    ");\n"
    "CREATE INDEX IF NOT EXISTS events_document ON events(document_id);\n"
    "CREATE INDEX IF NOT EXISTS events_event_date ON events(event_date);\n"
    "CREATE INDEX IF NOT EXISTS events_country ON events(country COLLATE NOCASE);\n"
    "CREATE INDEX IF NOT EXISTS events_iso3 ON events(iso3 COLLATE NOCASE);\n"
    "CREATE INDEX IF NOT EXISTS events_admin1 ON events(admin1 COLLATE NOCASE);\n"
    "CREATE INDEX IF NOT EXISTS events_actor1 ON events(actor1);\n"
    "CREATE INDEX IF NOT EXISTS events_actor2 ON events(actor2);\n"
    "CREATE INDEX IF NOT EXISTS events_kind ON events(kind);\n"
    "CREATE INDEX IF NOT EXISTS events_sub_event_type ON events(sub_event_type COLLATE NOCASE);\n";

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

/* Creates the schema when the file is new; refuses a store written by a newer sitrep. */
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
    if ((rc = exec(st, "BEGIN IMMEDIATE", "creating the schema")) != 0)
        return rc;
    /* version 1 → 2: ACLED's spelling of admin1 beside GeoNames' */
    if (v == 1 && (rc = exec(st, "ALTER TABLE events ADD COLUMN admin1_acled TEXT NOT NULL DEFAULT ''",
                             "upgrading the schema to version 2")) != 0) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    if ((rc = exec(st, schema_sql, "creating the schema")) != 0 ||
        (rc = exec(st, setv, "creating the schema")) != 0) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    return exec(st, "COMMIT", "creating the schema");
}

static const char *const ins_ev_sql =
    "INSERT INTO events (document_id, event_id, kind, event_date, date_start, date_end, time_precision,"
    " event_type, sub_event_type, actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, country,"
    " iso3, admin1, admin2, location, latitude, longitude, geo_precision, geonames_id, fatalities,"
    " fatalities_low, fatalities_high, source, notes, evidence, admin1_acled) VALUES (?1, ?2, ?3, ?4, ?5,"
    " ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26,"
    " ?27, ?28, ?29, ?30, ?31)";

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
    int rc = sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        sr__errf(err, errlen, "%s: cannot open the store: %s; check the path and its permissions", path,
                 st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
        sr_store_free(st);
        return NULL;
    }
    sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
    sqlite3_extended_result_codes(st->db, 1);
    if (exec(st, "PRAGMA journal_mode = WAL", "setting WAL mode") ||
        exec(st, "PRAGMA foreign_keys = ON", "enabling foreign keys") ||
        exec(st, "PRAGMA synchronous = NORMAL", "setting synchronous mode") || migrate(st) ||
        sqlite3_prepare_v2(st->db, "SELECT id FROM documents WHERE hash = ?1", -1, &st->find_hash, NULL) ||
        sqlite3_prepare_v2(st->db,
                           "INSERT INTO documents (doc_key, hash, title, date, source, url, origin, text,"
                           " ingested_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
                           " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                           -1, &st->ins_doc, NULL) ||
        sqlite3_prepare_v2(st->db, ins_ev_sql, -1, &st->ins_ev, NULL)) {
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
    return st ? exec(st, "BEGIN IMMEDIATE", "starting a transaction") : SR_EINVAL;
}

int sr_store_commit(sr_store *st)
{
    return st ? exec(st, "COMMIT", "committing") : SR_EINVAL;
}

int sr_store_rollback(sr_store *st)
{
    return st ? exec(st, "ROLLBACK", "rolling back") : SR_EINVAL;
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

/* Inserts one event; when its event_id is already taken (another document
 * coded with the same id), retries with "#2", "#3"… appended. */
static int insert_event(sr_store *st, sqlite3_int64 doc_rowid, const sr_event *ev)
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
        bind_text(s, 30, evid);
        bind_text(s, 31, ev->admin1_acled ? ev->admin1_acled : "");
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
    for (size_t i = 0; evs && i < evs->n; i++)
        if ((rc = insert_event(st, rowid, &evs->v[i])) != 0)
            return rc;
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
    return exec(st, "RELEASE sr_add", "storing the document");
}

/* ---- queries ---------------------------------------------------------- */

/* Appends the WHERE conditions of q to sql and collects their parameters in
 * order; the condition text is fixed, only parameters come from the caller. */
static int where_clause(const sr_query *q, sr__buf *sql, const char **params, int *np)
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
        rc = sr__buf_printf(sql, " AND (e.country = ?%d COLLATE NOCASE OR e.iso3 = ?%d COLLATE NOCASE)",
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
        rc = sr__buf_printf(sql, " AND e.kind = ?%d COLLATE NOCASE", *np + 1);
        params[(*np)++] = q->kind;
    }
    return rc;
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

static const char *col_text(sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    return t ? (const char *)t : "";
}

static int col_int(sqlite3_stmt *s, int i, int unknown)
{
    return sqlite3_column_type(s, i) == SQLITE_NULL ? unknown : sqlite3_column_int(s, i);
}

static double col_real(sqlite3_stmt *s, int i)
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

int sr_store_events(sr_store *st, const sr_query *q, sr_event_cb cb, void *ud)
{
    if (!st || !cb)
        return SR_EINVAL;
    sr__buf sql;
    sr__buf_init(&sql, STORE_MAX_SQL);
    const char *params[16];
    int np = 0;
    int rc = sr__buf_adds(&sql,
                          "SELECT d.doc_key, e.event_id, e.kind, e.event_date, e.date_start, e.date_end,"
                          " e.time_precision, e.event_type, e.sub_event_type, e.actor1, e.assoc_actor_1,"
                          " e.inter1, e.actor2, e.assoc_actor_2, e.inter2, e.country, e.iso3, e.admin1,"
                          " e.admin2, e.location, e.latitude, e.longitude, e.geo_precision, e.geonames_id,"
                          " e.fatalities, e.fatalities_low, e.fatalities_high, e.source, e.notes, e.evidence,"
                          " e.admin1_acled FROM events e JOIN documents d ON d.id = e.document_id");
    if (!rc)
        rc = where_clause(q, &sql, params, &np);
    if (!rc)
        rc = sr__buf_adds(&sql, " ORDER BY e.event_date, e.id");
    sqlite3_stmt *s = NULL;
    if (!rc)
        rc = prepare_query(st, &sql, params, np, q ? q->limit : 0, &s);
    sr__buf_release(&sql);
    if (rc)
        return rc;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        sr_event ev;
        memset(&ev, 0, sizeof ev);
        ev.doc_id = col_text(s, 0);
        ev.event_id = col_text(s, 1);
        ev.kind = col_text(s, 2);
        copy_date(ev.event_date, col_text(s, 3));
        copy_date(ev.date_start, col_text(s, 4));
        copy_date(ev.date_end, col_text(s, 5));
        ev.time_precision = col_int(s, 6, 0);
        ev.event_type = col_text(s, 7);
        ev.sub_event_type = col_text(s, 8);
        ev.actor1 = col_text(s, 9);
        ev.assoc_actor_1 = col_text(s, 10);
        ev.inter1 = col_int(s, 11, 0);
        ev.actor2 = col_text(s, 12);
        ev.assoc_actor_2 = col_text(s, 13);
        ev.inter2 = col_int(s, 14, 0);
        ev.country = col_text(s, 15);
        ev.iso3 = col_text(s, 16);
        ev.admin1 = col_text(s, 17);
        ev.admin2 = col_text(s, 18);
        ev.location = col_text(s, 19);
        ev.latitude = col_real(s, 20);
        ev.longitude = col_real(s, 21);
        ev.geo_precision = col_int(s, 22, 0);
        ev.geonames_id = sqlite3_column_type(s, 23) == SQLITE_NULL ? 0 : (long)sqlite3_column_int64(s, 23);
        ev.fatalities = col_int(s, 24, -1);
        ev.fatalities_low = col_int(s, 25, -1);
        ev.fatalities_high = col_int(s, 26, -1);
        ev.source = col_text(s, 27);
        ev.notes = col_text(s, 28);
        parse_evidence(&ev, col_text(s, 29));
        ev.admin1_acled = col_text(s, 30);
        if ((rc = cb(ud, &ev)) != 0)
            break;
    }
    if (!rc && step != SQLITE_DONE)
        rc = db_fail(st, "reading events");
    sqlite3_finalize(s);
    return rc;
}

/* ---- report ----------------------------------------------------------- */

static const struct {
    const char *by;
    const char *expr;
    int timekey; /* ordered by key rather than by count */
} report_keys[] = {
    {"actor", "e.actor1", 0},
    {"admin1", "e.admin1", 0},
    {"country", "e.country", 0},
    {"sub_event_type", "e.sub_event_type", 0},
    /* ISO week: the Monday on or before the event date */
    {"week",
     "COALESCE(date(e.event_date, printf('-%d days', (CAST(strftime('%w', e.event_date) AS INTEGER) + 6) % 7)), '')",
     1},
    {"month", "substr(e.event_date, 1, 7)", 1},
};

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
                 "cannot tally by '%.100s'; use actor, admin1, country, week, month or sub_event_type",
                 by ? by : "(null)");
        return SR_EINVAL;
    }
    sr__buf sql;
    sr__buf_init(&sql, STORE_MAX_SQL);
    const char *params[16];
    int np = 0;
    int rc = sr__buf_printf(
        &sql,
        "SELECT %s AS k,"
        " SUM(e.kind = 'incident'), SUM(e.kind = 'aggregate'),"
        " SUM(CASE WHEN e.kind = 'incident' THEN COALESCE(e.fatalities_low, e.fatalities, 0) END),"
        " SUM(CASE WHEN e.kind = 'incident' THEN COALESCE(e.fatalities, 0) END),"
        " SUM(CASE WHEN e.kind = 'incident' THEN COALESCE(e.fatalities_high, e.fatalities, 0) END),"
        " SUM(CASE WHEN e.kind = 'aggregate' THEN COALESCE(e.fatalities_low, e.fatalities, 0) END),"
        " SUM(CASE WHEN e.kind = 'aggregate' THEN COALESCE(e.fatalities, 0) END),"
        " SUM(CASE WHEN e.kind = 'aggregate' THEN COALESCE(e.fatalities_high, e.fatalities, 0) END)"
        " FROM events e",
        report_keys[k].expr);
    if (!rc)
        rc = where_clause(q, &sql, params, &np);
    if (!rc)
        rc = sr__buf_adds(&sql, report_keys[k].timekey
                                    ? " GROUP BY k ORDER BY k"
                                    : " GROUP BY k ORDER BY SUM(e.kind = 'incident') + SUM(e.kind = 'aggregate') DESC, k");
    sqlite3_stmt *s = NULL;
    if (!rc)
        rc = prepare_query(st, &sql, params, np, q ? q->limit : 0, &s);
    sr__buf_release(&sql);
    if (rc)
        return rc;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        sr_tally t;
        t.key = col_text(s, 0);
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
