/* dedup.c — links news reports of the same incident: a new incident event is
 * matched against stored incidents (same country and event type, overlapping
 * date windows, nested places, compatible actors) found through an index, and
 * either joins one or starts a new one. An incident's fields and reconciled
 * fatalities are a pure function of its mentions in arrival order, so day-by-day
 * and batch ingestion give the same incidents. Rules: docs/dedup.md. */
#include "internal.h"

#include <limits.h>
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#define DEDUP_STR 256          /* cap on each text field kept while folding */
#define DEDUP_MAX_MENTIONS 4096 /* mentions folded per incident; later ones only count */

const char sr__dedup_schema[] =
    "CREATE TABLE IF NOT EXISTS incidents (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  origin TEXT NOT NULL DEFAULT 'news',\n"
    "  kind TEXT NOT NULL DEFAULT 'incident',\n"
    "  event_date TEXT NOT NULL DEFAULT '',\n"
    "  first_date TEXT NOT NULL DEFAULT '',\n"
    "  last_date TEXT NOT NULL DEFAULT '',\n"
    "  win_lo TEXT NOT NULL DEFAULT '',\n"
    "  win_hi TEXT NOT NULL DEFAULT '',\n"
    "  time_precision INTEGER,\n"
    "  event_type TEXT NOT NULL DEFAULT '',\n"
    "  sub_event_type TEXT NOT NULL DEFAULT '',\n"
    "  actor1 TEXT NOT NULL DEFAULT '',\n"
    "  actor2 TEXT NOT NULL DEFAULT '',\n"
    "  assoc_actor_1 TEXT NOT NULL DEFAULT '',\n"
    "  assoc_actor_2 TEXT NOT NULL DEFAULT '',\n"
    "  country TEXT NOT NULL DEFAULT '',\n"
    "  iso3 TEXT NOT NULL DEFAULT '',\n"
    "  admin1 TEXT NOT NULL DEFAULT '',\n"
    "  admin2 TEXT NOT NULL DEFAULT '',\n"
    "  location TEXT NOT NULL DEFAULT '',\n"
    "  latitude REAL,\n"
    "  longitude REAL,\n"
    "  geo_precision INTEGER,\n"
    "  fatalities_low INTEGER,\n"
    "  fatalities INTEGER,\n"
    "  fatalities_high INTEGER,\n"
    "  n_reports INTEGER NOT NULL DEFAULT 0,\n"
    "  n_sources INTEGER NOT NULL DEFAULT 0\n"
    ");\n"
    "CREATE INDEX IF NOT EXISTS incidents_match ON incidents(country, event_type, win_hi);\n"
    "CREATE INDEX IF NOT EXISTS incidents_date ON incidents(event_date);\n"
    "CREATE INDEX IF NOT EXISTS events_incident ON events(incident_id);\n"
    /* a deleted report leaves its incident; the last one takes it along */
    "CREATE TRIGGER IF NOT EXISTS incidents_mention_del AFTER DELETE ON events WHEN OLD.incident_id IS NOT NULL BEGIN"
    " UPDATE incidents SET n_reports = n_reports - 1 WHERE id = OLD.incident_id;"
    " DELETE FROM incidents WHERE id = OLD.incident_id AND n_reports <= 0; END;\n";

/* One report of an incident, or the incident folded from its reports. */
typedef struct mention {
    char event_date[11], lo[11], hi[11], wlo[11], whi[11];
    int tp, gp;
    int firm; /* the date is told as a calendar date or a weekday, not "yesterday" or not at all */
    char event_type[DEDUP_STR], sub_event_type[DEDUP_STR], actor1[DEDUP_STR], actor2[DEDUP_STR];
    char assoc1[DEDUP_STR], assoc2[DEDUP_STR];
    char country[DEDUP_STR], iso3[8], admin1[DEDUP_STR], admin2[DEDUP_STR], location[DEDUP_STR];
    double lat, lon;
    int fat, fat_low, fat_high;
    char outlet[DEDUP_STR];
} mention;

struct sr__dedup {
    sqlite3 *db;
    sqlite3_stmt *cand, *mentions, *ins, *upd;
};

static void cpy(char *dst, size_t n, const char *s)
{
    snprintf(dst, n, "%s", s ? s : "");
}
#define CPY(dst, s) cpy(dst, sizeof(dst), s)

static long days_of(const char *s)
{
    sr__date d;
    if (!s || strlen(s) != 10 || sr__date_parse_iso(s, &d))
        return LONG_MIN;
    return sr__date_days(d);
}

static void fmt_days(long days, char out[11])
{
    sr__date_fmt(sr__date_from_days(days), out);
}

/* The report's own date range and the window it may match: ±1 day for a day,
 * ±7 for a week, the whole months for a month or longer. */
static void set_window(mention *m)
{
    long a = days_of(m->lo), b = days_of(m->hi);
    if (a == LONG_MIN || b == LONG_MIN || b < a) {
        m->wlo[0] = m->whi[0] = 0;
        return;
    }
    if (m->tp >= 3) {
        sr__date x = sr__date_from_days(a), y = sr__date_from_days(b);
        a = sr__date_days((sr__date){x.y, x.m, 1});
        b = sr__date_days((sr__date){y.y, y.m, sr__month_days(y.y, y.m)});
    } else {
        int w = m->tp == 2 ? 7 : 1;
        a -= w;
        b += w;
    }
    fmt_days(a, m->wlo);
    fmt_days(b, m->whi);
}

/* A date told as a calendar date ("12 May", "2021-05-12") or a weekday ("on
 * Tuesday") names its day whatever the publication date; "yesterday",
 * "today", "over the past 24 hours" or no date at all depend on when the
 * report was written, which is where outlets disagree by a day. A full date
 * with its year that opens the document, follows "published"/"posted", or
 * carries a weekday ("Tuesday 20 Sep 2016") is a dateline: the day of
 * writing taken for the event's, so not firm either; so is one right after a
 * weekday ("Sat Nov 12 2016"). The span is text[start, end); the
 * DATE_CONTEXT bytes before it are read for the dateline test. */
#define DATE_CONTEXT 32
static int date_firm(const char *text, size_t start, size_t end)
{
    static const char *const words[] = {"january", "february", "march", "april", "may", "june", "july", "august",
                                        "september", "october", "november", "december", "monday", "tuesday",
                                        "wednesday", "thursday", "friday", "saturday", "sunday"};
    int named = 0, weekday = 0, year = 0, numeric = 0;
    for (size_t i = start; i < end;) {
        unsigned char c = (unsigned char)text[i];
        size_t j = i;
        if ((c | 32) >= 'a' && (c | 32) <= 'z') {
            char w[12];
            size_t k = 0;
            while (j < end && (((unsigned char)text[j] | 32) >= 'a' && ((unsigned char)text[j] | 32) <= 'z')) {
                if (k + 1 < sizeof w)
                    w[k++] = (char)(text[j] | 32);
                j++;
            }
            w[k] = 0;
            for (size_t t = 0; k >= 3 && t < sizeof words / sizeof words[0]; t++)
                if (!strncmp(words[t], w, k)) { /* the word or its abbreviation: "Sept", "Wed" */
                    named = 1;
                    weekday |= t >= 12;
                    break;
                }
        } else if (c >= '0' && c <= '9') {
            while (j < end && text[j] >= '0' && text[j] <= '9')
                j++;
            year |= j - i == 4 && (text[i] == '1' || text[i] == '2');
            /* digits joined by '-', '.' or '/' to more digits: 2021-05-12, 12/05/2021 */
            if (j + 1 < end && (text[j] == '-' || text[j] == '.' || text[j] == '/') && text[j + 1] >= '0' &&
                text[j + 1] <= '9')
                numeric = 1;
        } else {
            j++;
        }
        i = j;
    }
    if (!named && !numeric)
        return 0;
    if (year || numeric) { /* a full date: a dateline? */
        if (start <= 2 || weekday)
            return 0;
        char pre[DATE_CONTEXT + 1];
        size_t k = 0;
        for (size_t i = start > DATE_CONTEXT ? start - DATE_CONTEXT : 0; i < start; i++)
            pre[k++] = (char)(text[i] >= 'A' && text[i] <= 'Z' ? text[i] + 32 : text[i]);
        pre[k] = 0;
        if (strstr(pre, "publish") || strstr(pre, "posted") || strstr(pre, "publication") || strstr(pre, "updated"))
            return 0;
        /* "Sat Nov 12 2016": the word before the date a weekday */
        while (k && (pre[k - 1] == ' ' || pre[k - 1] == ','))
            pre[--k] = 0;
        size_t w0 = k;
        while (w0 && pre[w0 - 1] >= 'a' && pre[w0 - 1] <= 'z')
            w0--;
        for (size_t t = 12; k - w0 >= 3 && t < sizeof words / sizeof words[0]; t++)
            if (!strncmp(words[t], pre + w0, k - w0))
                return 0;
    }
    return 1;
}

static void from_event(mention *m, const sr_event *ev, const char *outlet, const char *text, size_t len)
{
    memset(m, 0, sizeof *m);
    CPY(m->event_date, ev->event_date);
    CPY(m->lo, ev->date_start[0] ? ev->date_start : ev->event_date);
    CPY(m->hi, ev->date_end[0] ? ev->date_end : m->lo);
    m->tp = ev->time_precision;
    m->gp = ev->geo_precision;
    CPY(m->event_type, ev->event_type);
    CPY(m->sub_event_type, ev->sub_event_type);
    CPY(m->actor1, ev->actor1);
    CPY(m->actor2, ev->actor2);
    CPY(m->assoc1, ev->assoc_actor_1);
    CPY(m->assoc2, ev->assoc_actor_2);
    CPY(m->country, ev->country);
    CPY(m->iso3, ev->iso3);
    CPY(m->admin1, ev->admin1);
    CPY(m->admin2, ev->admin2);
    CPY(m->location, ev->location);
    m->lat = ev->latitude;
    m->lon = ev->longitude;
    m->fat = ev->fatalities;
    m->fat_low = ev->fatalities_low;
    m->fat_high = ev->fatalities_high;
    CPY(m->outlet, outlet);
    if (text && ev->ev_date.start >= 0 && ev->ev_date.end > ev->ev_date.start && (size_t)ev->ev_date.end <= len)
        m->firm = date_firm(text, (size_t)ev->ev_date.start, (size_t)ev->ev_date.end);
    set_window(m);
}

/* An event's date evidence cut from its document with up to DATE_CONTEXT
 * (32) bytes before it, and where the evidence starts in the document. */
#define DATE_TEXT_SQL                                                                                                \
    " CAST(substr(CAST(d.text AS BLOB), max(json_extract(e.evidence, '$.date[0]') - 32, 0) + 1,"                     \
    " json_extract(e.evidence, '$.date[1]') - max(json_extract(e.evidence, '$.date[0]') - 32, 0)) AS TEXT),"         \
    " json_extract(e.evidence, '$.date[0]')"

/* Reads the columns of DATE_TEXT_SQL at col: the evidence in its context,
 * and where it starts in that context (-1: no evidence). */
static const char *date_context(sqlite3_stmt *s, int col, size_t *len, long *start)
{
    *len = 0;
    *start = -1;
    if (sqlite3_column_type(s, col) != SQLITE_TEXT || sqlite3_column_type(s, col + 1) != SQLITE_INTEGER)
        return NULL;
    sqlite3_int64 at = sqlite3_column_int64(s, col + 1);
    const char *t = (const char *)sqlite3_column_text(s, col);
    *len = (size_t)sqlite3_column_bytes(s, col);
    *start = (long)(at < DATE_CONTEXT ? at : DATE_CONTEXT);
    if (at < 0 || (size_t)*start > *len)
        *start = -1;
    return t;
}

static const char *const mentions_sql =
    "SELECT e.event_date, e.date_start, e.date_end, e.time_precision, e.event_type, e.sub_event_type,"
    " e.actor1, e.actor2, e.country, e.iso3, e.admin1, e.admin2, e.location, e.latitude, e.longitude,"
    " e.geo_precision, e.fatalities, e.fatalities_low, e.fatalities_high,"
    " COALESCE(NULLIF(d.source, ''), d.doc_key), e.assoc_actor_1, e.assoc_actor_2," DATE_TEXT_SQL
    " FROM events e JOIN documents d ON d.id = e.document_id WHERE e.incident_id = ?1 ORDER BY e.id";

static void from_row(mention *m, sqlite3_stmt *s)
{
    memset(m, 0, sizeof *m);
    CPY(m->event_date, sr__col_text(s, 0));
    CPY(m->lo, *sr__col_text(s, 1) ? sr__col_text(s, 1) : sr__col_text(s, 0));
    CPY(m->hi, *sr__col_text(s, 2) ? sr__col_text(s, 2) : m->lo);
    m->tp = sr__col_int(s, 3, 0);
    CPY(m->event_type, sr__col_text(s, 4));
    CPY(m->sub_event_type, sr__col_text(s, 5));
    CPY(m->actor1, sr__col_text(s, 6));
    CPY(m->actor2, sr__col_text(s, 7));
    CPY(m->country, sr__col_text(s, 8));
    CPY(m->iso3, sr__col_text(s, 9));
    CPY(m->admin1, sr__col_text(s, 10));
    CPY(m->admin2, sr__col_text(s, 11));
    CPY(m->location, sr__col_text(s, 12));
    m->lat = sr__col_real(s, 13);
    m->lon = sr__col_real(s, 14);
    m->gp = sr__col_int(s, 15, 0);
    m->fat = sr__col_int(s, 16, -1);
    m->fat_low = sr__col_int(s, 17, -1);
    m->fat_high = sr__col_int(s, 18, -1);
    CPY(m->outlet, sr__col_text(s, 19));
    CPY(m->assoc1, sr__col_text(s, 20));
    CPY(m->assoc2, sr__col_text(s, 21));
    size_t n;
    long at;
    const char *t = date_context(s, 22, &n, &at);
    if (t && at >= 0)
        m->firm = date_firm(t, (size_t)at, n);
    set_window(m);
}

/* The folded incident: fields of the first report, sharpened by later ones. */
typedef struct folded {
    mention m;
    int n_reports, n_sources;
} folded;

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Merges report r into incident f (f->m holds the first report already). */
static void fold_one(mention *f, const mention *r)
{
    if (r->lo[0] && (!f->lo[0] || strcmp(r->lo, f->lo) < 0))
        CPY(f->lo, r->lo);
    if (r->hi[0] && strcmp(r->hi, f->hi) > 0)
        CPY(f->hi, r->hi);
    /* the best-dated report anchors the incident: its date is the one tallied
     * and its window the one later reports must overlap (a window grown by
     * every report would let an incident drift along a chain of reports);
     * at equal precision a firm date beats one that depends on the day of
     * writing */
    if (r->event_date[0] && r->wlo[0] && r->tp > 0 &&
        (f->tp == 0 || r->tp < f->tp || !f->event_date[0] || (r->tp == f->tp && r->firm && !f->firm))) {
        CPY(f->event_date, r->event_date);
        CPY(f->wlo, r->wlo);
        CPY(f->whi, r->whi);
        f->tp = r->tp;
        f->firm = r->firm;
    }
    if (r->gp > 0 && (f->gp == 0 || r->gp < f->gp)) { /* the most precise place wins */
        CPY(f->admin1, r->admin1);
        CPY(f->admin2, r->admin2);
        CPY(f->location, r->location);
        f->lat = r->lat;
        f->lon = r->lon;
        f->gp = r->gp;
    }
    if (!f->sub_event_type[0] && r->sub_event_type[0]) {
        CPY(f->sub_event_type, r->sub_event_type);
        CPY(f->event_type, r->event_type);
    }
    if (!f->actor1[0] && r->actor1[0] && strcmp(r->actor1, f->actor2))
        CPY(f->actor1, r->actor1);
    if (!f->actor2[0] && r->actor2[0] && strcmp(r->actor2, f->actor1))
        CPY(f->actor2, r->actor2);
    if (!f->assoc1[0] && r->assoc1[0])
        CPY(f->assoc1, r->assoc1);
    if (!f->assoc2[0] && r->assoc2[0])
        CPY(f->assoc2, r->assoc2);
}

/* Reconciled figures: low = the highest low, high = the highest high, best =
 * the lower median of the best figures, kept within [low, high]. */
static void reconcile(mention *f, int *bests, int nb, int low, int high)
{
    int best = -1;
    if (nb > 0) {
        qsort(bests, (size_t)nb, sizeof *bests, cmp_int);
        best = bests[(nb - 1) / 2];
        if (low >= 0 && best < low)
            best = low;
        if (high >= 0 && best > high)
            best = high;
    }
    f->fat = best;
    f->fat_low = low;
    f->fat_high = high;
}

static void fig_add(const mention *r, int *bests, int *nb, int *low, int *high)
{
    int l = r->fat_low >= 0 ? r->fat_low : r->fat, h = r->fat_high >= 0 ? r->fat_high : r->fat;
    if (r->fat >= 0 && *nb < DEDUP_MAX_MENTIONS)
        bests[(*nb)++] = r->fat;
    if (l > *low)
        *low = l;
    if (h > *high)
        *high = h;
}

/* Folds every mention of incident id, in arrival order. */
static int fold_incident(sr__dedup *d, sqlite3_int64 id, folded *out, char *err, size_t errlen)
{
    sqlite3_stmt *s = d->mentions;
    sqlite3_reset(s);
    sqlite3_bind_int64(s, 1, id);
    int *bests = malloc(DEDUP_MAX_MENTIONS * sizeof *bests);
    char(*outlets)[DEDUP_STR] = malloc(64 * sizeof *outlets);
    mention *r = malloc(sizeof *r);
    if (!bests || !outlets || !r) {
        free(bests);
        free(outlets);
        free(r);
        sr__errf(err, errlen, "linking reports: out of memory");
        return SR_ENOMEM;
    }
    int nb = 0, low = -1, high = -1, nout = 0, step;
    memset(out, 0, sizeof *out);
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        from_row(r, s);
        if (out->n_reports == 0)
            out->m = *r;
        else
            fold_one(&out->m, r);
        out->n_reports++;
        fig_add(r, bests, &nb, &low, &high);
        int seen = 0;
        for (int i = 0; i < nout && !seen; i++)
            seen = !strcmp(outlets[i], r->outlet);
        if (!seen) {
            out->n_sources++;
            if (nout < 64) /* beyond 64 outlets every new name counts once more at most */
                CPY(outlets[nout++], r->outlet);
        }
    }
    sqlite3_reset(s);
    free(outlets);
    free(r);
    if (step != SQLITE_DONE) {
        free(bests);
        sr__errf(err, errlen, "linking reports: reading the mentions: %s", sqlite3_errmsg(d->db));
        return SR_EDB;
    }
    reconcile(&out->m, bests, nb, low, high);
    free(bests);
    return 0;
}

static const char *const ins_sql =
    "INSERT INTO incidents (event_date, first_date, last_date, win_lo, win_hi, time_precision, event_type,"
    " sub_event_type, actor1, actor2, country, iso3, admin1, admin2, location, latitude, longitude,"
    " geo_precision, fatalities_low, fatalities, fatalities_high, n_reports, n_sources, assoc_actor_1,"
    " assoc_actor_2) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
    " ?19, ?20, ?21, ?22, ?23, ?24, ?25)";
static const char *const upd_sql =
    "UPDATE incidents SET event_date = ?1, first_date = ?2, last_date = ?3, win_lo = ?4, win_hi = ?5,"
    " time_precision = ?6, event_type = ?7, sub_event_type = ?8, actor1 = ?9, actor2 = ?10, country = ?11,"
    " iso3 = ?12, admin1 = ?13, admin2 = ?14, location = ?15, latitude = ?16, longitude = ?17,"
    " geo_precision = ?18, fatalities_low = ?19, fatalities = ?20, fatalities_high = ?21, n_reports = ?22,"
    " n_sources = ?23, assoc_actor_1 = ?24, assoc_actor_2 = ?25 WHERE id = ?26";
static const char *const cand_sql =
    "SELECT id, event_date, win_lo, win_hi, event_type, sub_event_type, actor1, actor2, admin1, admin2,"
    " location, latitude, longitude, geo_precision, assoc_actor_1, assoc_actor_2, time_precision FROM incidents"
    " WHERE country = ?1 AND event_type = ?2 AND win_hi >= ?3 AND win_lo <= ?4 ORDER BY id";

static void bind_str(sqlite3_stmt *s, int i, const char *v)
{
    sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

static void bind_opt_int(sqlite3_stmt *s, int i, int v, int unknown_at_or_below)
{
    if (v <= unknown_at_or_below)
        sqlite3_bind_null(s, i);
    else
        sqlite3_bind_int(s, i, v);
}

static void bind_opt_real(sqlite3_stmt *s, int i, double v)
{
    if (isfinite(v))
        sqlite3_bind_double(s, i, v);
    else
        sqlite3_bind_null(s, i);
}

static void bind_folded(sqlite3_stmt *s, const folded *f)
{
    const mention *m = &f->m;
    bind_str(s, 1, m->event_date);
    bind_str(s, 2, m->lo);
    bind_str(s, 3, m->hi);
    bind_str(s, 4, m->wlo);
    bind_str(s, 5, m->whi);
    bind_opt_int(s, 6, m->tp, 0);
    bind_str(s, 7, m->event_type);
    bind_str(s, 8, m->sub_event_type);
    bind_str(s, 9, m->actor1);
    bind_str(s, 10, m->actor2);
    bind_str(s, 11, m->country);
    bind_str(s, 12, m->iso3);
    bind_str(s, 13, m->admin1);
    bind_str(s, 14, m->admin2);
    bind_str(s, 15, m->location);
    bind_opt_real(s, 16, m->lat);
    bind_opt_real(s, 17, m->lon);
    bind_opt_int(s, 18, m->gp, 0);
    bind_opt_int(s, 19, m->fat_low, -1);
    bind_opt_int(s, 20, m->fat, -1);
    bind_opt_int(s, 21, m->fat_high, -1);
    sqlite3_bind_int(s, 22, f->n_reports);
    sqlite3_bind_int(s, 23, f->n_sources);
    bind_str(s, 24, m->assoc1);
    bind_str(s, 25, m->assoc2);
}

sr__dedup *sr__dedup_new(sqlite3 *db, char *err, size_t errlen)
{
    sr__dedup *d = calloc(1, sizeof *d);
    if (!d) {
        sr__errf(err, errlen, "linking reports: out of memory");
        return NULL;
    }
    d->db = db;
    if (sqlite3_prepare_v2(db, cand_sql, -1, &d->cand, NULL) ||
        sqlite3_prepare_v2(db, mentions_sql, -1, &d->mentions, NULL) ||
        sqlite3_prepare_v2(db, ins_sql, -1, &d->ins, NULL) || sqlite3_prepare_v2(db, upd_sql, -1, &d->upd, NULL)) {
        sr__errf(err, errlen, "linking reports: preparing statements: %s", sqlite3_errmsg(db));
        sr__dedup_free(d);
        return NULL;
    }
    return d;
}

void sr__dedup_free(sr__dedup *d)
{
    if (!d)
        return;
    sqlite3_finalize(d->cand);
    sqlite3_finalize(d->mentions);
    sqlite3_finalize(d->ins);
    sqlite3_finalize(d->upd);
    free(d);
}

/* Great-circle distance in km. */
static double km(double la1, double lo1, double la2, double lo2)
{
    const double r = 6371.0, rad = 3.14159265358979323846 / 180.0;
    double dla = (la2 - la1) * rad, dlo = (lo2 - lo1) * rad;
    double a = sin(dla / 2) * sin(dla / 2) + cos(la1 * rad) * cos(la2 * rad) * sin(dlo / 2) * sin(dlo / 2);
    return 2 * r * asin(sqrt(a < 1 ? a : 1));
}

static int same(const char *a, const char *b)
{
    return sqlite3_stricmp(a, b) == 0;
}

/* The same or nested place; *dist receives the distance when known (else 0). */
static int place_ok(const mention *a, const mention *b, double *dist)
{
    *dist = 0;
    if (a->admin1[0] && b->admin1[0] && !same(a->admin1, b->admin1))
        return 0;
    if (a->admin2[0] && b->admin2[0] && !same(a->admin2, b->admin2))
        return 0;
    int g = a->gp > b->gp ? a->gp : b->gp;
    /* two differently named towns are one place only when a few km apart */
    if (a->gp > 0 && b->gp > 0 && g <= 2 && a->location[0] && b->location[0] && !same(a->location, b->location)) {
        if (!(isfinite(a->lat) && isfinite(a->lon) && isfinite(b->lat) && isfinite(b->lon)))
            return 0;
        *dist = km(a->lat, a->lon, b->lat, b->lon);
        return *dist <= (g == 1 ? 10.0 : 20.0);
    }
    if (a->admin2[0] && b->admin2[0]) /* the same admin2 (differing ones were refused above) */
        return 1;
    if (a->gp == 0 || b->gp == 0 || g >= 3)
        return a->admin1[0] && b->admin1[0]; /* a region: the same admin1 */
    if (isfinite(a->lat) && isfinite(a->lon) && isfinite(b->lat) && isfinite(b->lon)) {
        *dist = km(a->lat, a->lon, b->lat, b->lon);
        return *dist <= (g == 1 ? 25.0 : 50.0);
    }
    return a->location[0] && same(a->location, b->location);
}

/* An actor's family: lower case, cut before " (" or " - ", so that
 * "Military Forces of Nigeria (2015-2023)" and "... (2023-)", or "Islamic
 * State (West Africa)" and "Islamic State (West Africa) - Lake Chad
 * Faction", are one actor. */
static void family(const char *name, char *out, size_t n)
{
    size_t k = 0;
    for (const char *p = name; *p && k + 1 < n; p++) {
        if (p[0] == ' ' && (p[1] == '(' || (p[1] == '-' && p[2] == ' ')))
            break;
        out[k++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
    }
    while (k && out[k - 1] == ' ')
        k--;
    out[k] = 0;
}

static int starts(const char *s, const char *prefix)
{
    return !strncmp(s, prefix, strlen(prefix));
}

/* "Unidentified Armed Group (Syria)" and the like: a group not named. */
static int generic(const char *fam)
{
    return starts(fam, "unidentified");
}

/* A named armed group: not state forces, civilians, protesters or rioters. */
static int armed_group(const char *fam)
{
    static const char *const not_groups[] = {"military forces of", "police forces of", "civilians", "protesters",
                                             "rioters", "government of", "unidentified"};
    for (size_t i = 0; i < sizeof not_groups / sizeof not_groups[0]; i++)
        if (starts(fam, not_groups[i]))
            return 0;
    return 1;
}

/* Two actor names are one actor: the same family, or one is an unnamed group
 * ("Unidentified Armed Group") and the other a named armed group. */
static int actor_match(const char *a, const char *b)
{
    char fa[DEDUP_STR], fb[DEDUP_STR];
    family(a, fa, sizeof fa);
    family(b, fb, sizeof fb);
    if (!fa[0] || !fb[0])
        return 0;
    if (!strcmp(fa, fb))
        return 1;
    return (generic(fa) && (generic(fb) || armed_group(fb))) || (generic(fb) && armed_group(fa));
}

/* One side of an event: its main actor and the associated actors ("A; B"). */
typedef struct side {
    const char *main, *assoc;
} side;

static int side_empty(side s)
{
    return !s.main[0];
}

/* Some actor of side x is one of side y's. */
static int sides_share(side x, side y)
{
    char a[DEDUP_STR], b[DEDUP_STR];
    const char *xs[2] = {x.main, x.assoc}, *ys[2] = {y.main, y.assoc};
    for (int i = 0; i < 2; i++)
        for (const char *p = xs[i]; *p;) { /* each ';'-separated name of x */
            size_t n = strcspn(p, ";");
            while (n && *p == ' ')
                p++, n--;
            snprintf(a, sizeof a, "%.*s", (int)(n < sizeof a - 1 ? n : sizeof a - 1), p);
            for (int j = 0; j < 2 && a[0]; j++)
                for (const char *q = ys[j]; *q;) {
                    size_t m = strcspn(q, ";");
                    while (m && *q == ' ')
                        q++, m--;
                    snprintf(b, sizeof b, "%.*s", (int)(m < sizeof b - 1 ? m : sizeof b - 1), q);
                    if (b[0] && actor_match(a, b))
                        return 1;
                    q += m;
                    if (*q == ';')
                        q++;
                }
            p += n;
            if (*p == ';')
                p++;
        }
    return 0;
}

/* Sides x and y are compatible: one names nobody, or they share an actor. */
static int sides_ok(side x, side y)
{
    return side_empty(x) || side_empty(y) || sides_share(x, y);
}

/* Compatible actors: the two sides (actor1 with its associates, actor2 with
 * its) agree side by side, or crosswise (one outlet's attacker-first
 * sentence is another's victim-first); a report naming no actor fits any. */
static int actors_ok(const mention *a, const mention *b)
{
    side a1 = {a->actor1, a->assoc1}, a2 = {a->actor2, a->assoc2}, b1 = {b->actor1, b->assoc1},
         b2 = {b->actor2, b->assoc2};
    if ((side_empty(a1) && side_empty(a2)) || (side_empty(b1) && side_empty(b2)))
        return 1;
    return (sides_ok(a1, b1) && sides_ok(a2, b2)) || (sides_ok(a1, b2) && sides_ok(a2, b1));
}

/* Days a date of precision tp may be off: a day, a week (month ranges are
 * matched by their windows alone). */
static int slack(int tp)
{
    return tp == 2 ? 7 : 1;
}

/* Report r and incident c (its window from the candidate query, which already
 * overlaps r's window): their date ranges at most the larger slack apart;
 * *gap receives how many days apart they are (0 when they overlap). */
static int dates_ok(const mention *r, const mention *c, long *gap_out)
{
    *gap_out = 0;
    if (r->tp >= 3 || c->tp >= 3)
        return 1;
    long ilo = days_of(c->wlo), ihi = days_of(c->whi), lo = days_of(r->lo), hi = days_of(r->hi);
    if (ilo == LONG_MIN || ihi == LONG_MIN || lo == LONG_MIN || hi == LONG_MIN)
        return 0;
    int wi = slack(c->tp), wr = slack(r->tp);
    ilo += wi; /* the anchor report's own range */
    ihi -= wi;
    long gap = ilo > hi ? ilo - hi : lo > ihi ? lo - ihi : 0;
    *gap_out = gap;
    return gap <= (wi > wr ? wi : wr);
}

/* Vague in both time (a week or more) and place (a region): more likely a
 * summary ("40 killed across Borno this week") than one more account of an
 * attack, so it neither joins an incident nor is joined. */
static int vague(const mention *m)
{
    return m->tp >= 2 && m->gp >= 3;
}

static int types_ok(const mention *a, const mention *b)
{
    return !a->sub_event_type[0] || !b->sub_event_type[0] || same(a->sub_event_type, b->sub_event_type);
}

/* Whether incident id's anchor (its best-dated report) names its day firmly. */
static int anchor_firm(sr__dedup *d, sqlite3_int64 id, int *firm, char *err, size_t errlen)
{
    folded *f = malloc(sizeof *f);
    if (!f) {
        sr__errf(err, errlen, "linking reports: out of memory");
        return SR_ENOMEM;
    }
    int rc = fold_incident(d, id, f, err, errlen);
    *firm = !rc && f->n_reports > 0 && f->m.firm;
    free(f);
    return rc;
}

int sr__dedup_link(sr__dedup *d, const sr_event *ev, const char *outlet, const char *text, size_t text_len,
                   int64_t *id, int *created, char *err, size_t errlen)
{
    *id = 0;
    *created = 0;
    int rc;
    folded f;
    memset(&f, 0, sizeof f);
    from_event(&f.m, ev, outlet, text, text_len);
    /* undated, unplaced or untyped reports never merge */
    if (f.m.wlo[0] && f.m.country[0] && f.m.event_type[0] && !vague(&f.m)) {
        sqlite3_stmt *s = d->cand;
        sqlite3_reset(s);
        bind_str(s, 1, f.m.country);
        bind_str(s, 2, f.m.event_type);
        bind_str(s, 3, f.m.wlo); /* overlapping windows: a superset, dates_ok decides */
        bind_str(s, 4, f.m.whi);
        long center = days_of(f.m.event_date[0] ? f.m.event_date : f.m.lo);
        double best_score = INFINITY;
        int step;
        mention c;
        while ((step = sqlite3_step(s)) == SQLITE_ROW) {
            memset(&c, 0, sizeof c);
            CPY(c.event_date, sr__col_text(s, 1));
            CPY(c.event_type, sr__col_text(s, 4));
            CPY(c.sub_event_type, sr__col_text(s, 5));
            CPY(c.actor1, sr__col_text(s, 6));
            CPY(c.actor2, sr__col_text(s, 7));
            CPY(c.admin1, sr__col_text(s, 8));
            CPY(c.admin2, sr__col_text(s, 9));
            CPY(c.location, sr__col_text(s, 10));
            c.lat = sr__col_real(s, 11);
            c.lon = sr__col_real(s, 12);
            c.gp = sr__col_int(s, 13, 0);
            CPY(c.assoc1, sr__col_text(s, 14));
            CPY(c.assoc2, sr__col_text(s, 15));
            CPY(c.wlo, sr__col_text(s, 2));
            CPY(c.whi, sr__col_text(s, 3));
            c.tp = sr__col_int(s, 16, 0);
            double dist;
            long gap;
            if (vague(&c) || !dates_ok(&f.m, &c, &gap) || !types_ok(&f.m, &c) || !actors_ok(&f.m, &c) ||
                !place_ok(&f.m, &c, &dist))
                continue;
            /* two reports that each name their day firmly, a day apart, tell
             * two incidents (the day's slack is for "yesterday" and undated
             * reports, whose day depends on when they were written) */
            if (gap > 0 && f.m.firm && f.m.tp == 1 && c.tp == 1) {
                int firm;
                if ((rc = anchor_firm(d, sqlite3_column_int64(s, 0), &firm, err, errlen)) != 0) {
                    sqlite3_reset(s);
                    return rc;
                }
                if (firm)
                    continue;
            }
            long cd = days_of(c.event_date);
            double score = (cd == LONG_MIN || center == LONG_MIN ? 0 : labs(cd - center)) * 1000.0 + dist;
            if (score < best_score) { /* ties: the older incident, first in id order */
                best_score = score;
                *id = sqlite3_column_int64(s, 0);
            }
        }
        sqlite3_reset(s);
        if (step != SQLITE_DONE) {
            sr__errf(err, errlen, "linking reports: looking up incidents: %s", sqlite3_errmsg(d->db));
            return SR_EDB;
        }
        if (*id)
            return 0;
    }
    /* a new incident of one report */
    f.n_reports = f.n_sources = 1;
    int fl = -1, fh = -1, nb = 0, bests[1];
    fig_add(&f.m, bests, &nb, &fl, &fh);
    reconcile(&f.m, bests, nb, fl, fh);
    sqlite3_stmt *s = d->ins;
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    bind_folded(s, &f);
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        sr__errf(err, errlen, "linking reports: storing an incident: %s", sqlite3_errmsg(d->db));
        return SR_EDB;
    }
    *id = sqlite3_last_insert_rowid(d->db);
    *created = 1;
    return 0;
}

int sr__dedup_refresh(sr__dedup *d, int64_t id, char *err, size_t errlen)
{
    folded *f = malloc(sizeof *f);
    if (!f) {
        sr__errf(err, errlen, "linking reports: out of memory");
        return SR_ENOMEM;
    }
    int rc = fold_incident(d, id, f, err, errlen);
    if (!rc && f->n_reports > 0) {
        sqlite3_stmt *s = d->upd;
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        bind_folded(s, f);
        sqlite3_bind_int64(s, 26, id);
        if (sqlite3_step(s) != SQLITE_DONE) {
            sr__errf(err, errlen, "linking reports: updating an incident: %s", sqlite3_errmsg(d->db));
            rc = SR_EDB;
        }
        sqlite3_reset(s);
    }
    free(f);
    return rc;
}

/* Links the news incident events stored before schema version 5, in the
 * order they arrived (the upgrade runs with the tally triggers dropped). */
int sr__dedup_relink(sr__dedup *d, char *err, size_t errlen)
{
    sqlite3_stmt *ids = NULL, *one = NULL, *set = NULL;
    int rc = 0;
    if (sqlite3_prepare_v2(d->db,
                           "SELECT id FROM events WHERE origin = 'news' AND kind = 'incident'"
                           " AND incident_id IS NULL ORDER BY id",
                           -1, &ids, NULL) ||
        sqlite3_prepare_v2(d->db,
                           "SELECT e.event_date, e.date_start, e.date_end, e.time_precision, e.event_type,"
                           " e.sub_event_type, e.actor1, e.actor2, e.country, e.iso3, e.admin1, e.admin2,"
                           " e.location, e.latitude, e.longitude, e.geo_precision, e.fatalities,"
                           " e.fatalities_low, e.fatalities_high, COALESCE(NULLIF(d.source, ''), d.doc_key),"
                           " e.assoc_actor_1, e.assoc_actor_2," DATE_TEXT_SQL
                           " FROM events e JOIN documents d ON d.id = e.document_id WHERE e.id = ?1",
                           -1, &one, NULL) ||
        sqlite3_prepare_v2(d->db, "UPDATE events SET incident_id = ?1 WHERE id = ?2", -1, &set, NULL)) {
        sr__errf(err, errlen, "linking stored reports: %s", sqlite3_errmsg(d->db));
        rc = SR_EDB;
    }
    int64_t *v = NULL;
    size_t n = 0, cap = 0;
    while (!rc && sqlite3_step(ids) == SQLITE_ROW) {
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 1024;
            int64_t *nv = realloc(v, nc * sizeof *nv);
            if (!nv) {
                rc = SR_ENOMEM;
                sr__errf(err, errlen, "linking stored reports: out of memory");
                break;
            }
            v = nv;
            cap = nc;
        }
        v[n++] = sqlite3_column_int64(ids, 0);
    }
    for (size_t i = 0; !rc && i < n; i++) {
        sqlite3_reset(one);
        sqlite3_bind_int64(one, 1, v[i]);
        if (sqlite3_step(one) != SQLITE_ROW)
            continue;
        mention m;
        from_row(&m, one);
        sr_event ev;
        memset(&ev, 0, sizeof ev);
        CPY(ev.event_date, m.event_date);
        CPY(ev.date_start, sr__col_text(one, 1));
        CPY(ev.date_end, sr__col_text(one, 2));
        ev.kind = "incident";
        ev.time_precision = m.tp;
        ev.event_type = m.event_type;
        ev.sub_event_type = m.sub_event_type;
        ev.actor1 = m.actor1;
        ev.actor2 = m.actor2;
        ev.assoc_actor_1 = m.assoc1;
        ev.assoc_actor_2 = m.assoc2;
        ev.country = m.country;
        ev.iso3 = m.iso3;
        ev.admin1 = m.admin1;
        ev.admin2 = m.admin2;
        ev.location = m.location;
        ev.latitude = m.lat;
        ev.longitude = m.lon;
        ev.geo_precision = m.gp;
        ev.fatalities = m.fat;
        ev.fatalities_low = m.fat_low;
        ev.fatalities_high = m.fat_high;
        char when[DEDUP_STR]; /* the date evidence in its context, whose wording tells a firm date */
        size_t wn;
        long at;
        const char *t = date_context(one, 22, &wn, &at);
        if (!t || at < 0 || wn >= sizeof when)
            wn = 0, at = -1;
        memcpy(when, t ? t : "", wn);
        when[wn] = 0;
        ev.ev_date = (sr_span){(int32_t)at, at < 0 ? -1 : (int32_t)wn};
        sqlite3_reset(one);
        int64_t id;
        int created;
        if ((rc = sr__dedup_link(d, &ev, m.outlet, when, wn, &id, &created, err, errlen)) != 0)
            break;
        sqlite3_reset(set);
        sqlite3_bind_int64(set, 1, id);
        sqlite3_bind_int64(set, 2, v[i]);
        if (sqlite3_step(set) != SQLITE_DONE) {
            sr__errf(err, errlen, "linking stored reports: %s", sqlite3_errmsg(d->db));
            rc = SR_EDB;
            break;
        }
        sqlite3_reset(set);
        if (!created)
            rc = sr__dedup_refresh(d, id, err, errlen);
    }
    free(v);
    sqlite3_finalize(ids);
    sqlite3_finalize(one);
    sqlite3_finalize(set);
    return rc;
}
