/* eval.c — `sitrep eval`: codes the notes of an ACLED export row by row and
 * measures, field by field, how often the first coded event agrees with
 * ACLED's own labels. Holds a small RFC 4180 CSV reader (columns found by
 * header name, any case), the per-field tallies, a sub-event-type confusion
 * table, the worst-coded rows, and the optional JSON report (jansson). */
#include "cli.h"

#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char usage[] =
    "sitrep eval --acled FILE.csv [--country C] [--limit N] [--report OUT.json] [--worst N]\n"
    "                   [--data DIR] [--engine auto|vectorscan|portable]";

#define CSV_FIELD_MAX ((size_t)1 << 20) /* cap on one field */
#define CSV_MAX_FIELDS 1024             /* cap on fields in one record */

/* ---- RFC 4180 reader -------------------------------------------------- */

typedef struct csv {
    const char *p, *end;
    long line;      /* physical line of p, 1-based */
    char *buf;      /* the current record's fields, each NUL-terminated */
    size_t len, cap;
    size_t off[CSV_MAX_FIELDS];
    int nf;
    char err[256];
} csv;

static void csv_put(csv *c, char ch)
{
    if (c->len + 1 >= c->cap) {
        size_t ncap = c->cap ? c->cap * 2 : 4096;
        char *nb = realloc(c->buf, ncap);
        if (!nb)
            cli_die("out of memory");
        c->buf = nb;
        c->cap = ncap;
    }
    c->buf[c->len++] = ch;
}

/* Skips the rest of the physical line, so that a malformed record costs one line. */
static void csv_skip_line(csv *c)
{
    while (c->p < c->end && *c->p != '\n')
        c->p++;
    if (c->p < c->end) {
        c->p++;
        c->line++;
    }
}

/* Reads one record. Returns 1 with the fields in c, 0 at the end of input, or
 * -1 for a malformed record (message in c->err; the reader has moved past it).
 * *start receives the line the record starts on. */
static int csv_next(csv *c, long *start)
{
    if (c->p >= c->end)
        return 0;
    *start = c->line;
    c->len = 0;
    c->nf = 0;
    c->err[0] = 0;
    for (;;) {
        size_t fstart = c->len;
        bool over = false;
        if (c->nf >= CSV_MAX_FIELDS) {
            snprintf(c->err, sizeof c->err, "record has more than %d fields", CSV_MAX_FIELDS);
            csv_skip_line(c);
            return -1;
        }
        c->off[c->nf++] = fstart;
        if (c->p < c->end && *c->p == '"') {
            long opened = c->line;
            c->p++;
            for (;;) {
                if (c->p >= c->end) {
                    snprintf(c->err, sizeof c->err,
                             "quoted field opened on line %ld is never closed; close it with '\"'",
                             opened);
                    return -1;
                }
                char ch = *c->p;
                if (ch == '"') {
                    if (c->p + 1 < c->end && c->p[1] == '"') {
                        c->p += 2;
                    } else {
                        c->p++;
                        break;
                    }
                } else {
                    if (ch == '\n')
                        c->line++;
                    c->p++;
                }
                if (c->len - fstart < CSV_FIELD_MAX)
                    csv_put(c, ch);
                else
                    over = true;
            }
            if (c->p < c->end && *c->p != ',' && *c->p != '\n' &&
                !(*c->p == '\r' && c->p + 1 < c->end && c->p[1] == '\n')) {
                snprintf(c->err, sizeof c->err,
                         "field %d: text after a closing quote; double a quote inside a quoted "
                         "field (\"\")",
                         c->nf);
                csv_skip_line(c);
                return -1;
            }
            if (c->p < c->end && *c->p == '\r')
                c->p++;
        } else {
            while (c->p < c->end && *c->p != ',' && *c->p != '\n') {
                if (*c->p == '\r' && c->p + 1 < c->end && c->p[1] == '\n') {
                    c->p++;
                    break;
                }
                if (c->len - fstart < CSV_FIELD_MAX)
                    csv_put(c, *c->p);
                else
                    over = true;
                c->p++;
            }
        }
        csv_put(c, 0);
        if (over)
            snprintf(c->err, sizeof c->err, "field %d is over %zu bytes", c->nf, CSV_FIELD_MAX);
        if (c->p < c->end && *c->p == ',') {
            c->p++;
            continue;
        }
        if (c->p < c->end && *c->p == '\n') {
            c->p++;
            c->line++;
        }
        return c->err[0] ? -1 : 1;
    }
}

static const char *csv_field(const csv *c, int i)
{
    return (i >= 0 && i < c->nf) ? c->buf + c->off[i] : "";
}

/* ---- values ------------------------------------------------------------ */

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int month_of(const char *s, size_t n)
{
    static const char *names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec"};
    if (n < 3)
        return 0;
    for (int i = 0; i < 12; i++)
        if (!strncasecmp(s, names[i], 3))
            return i + 1;
    return 0;
}

/* Parses an ACLED event_date: day-month-year ("9-May-20", "31-12-19",
 * "09 May 2020", "13/01/2018"; two-digit years are 20xx) or ISO "2020-05-09".
 * Returns days since the epoch, or LONG_MIN when it is not a date. */
static bool parse_date(const char *s, long *days)
{
    const char *part[3];
    size_t plen[3];
    int n = 0;
    const char *q = s;
    while (*q && n < 4) {
        while (*q == ' ' || *q == '-' || *q == '/' || *q == '.' || *q == ',')
            q++;
        if (!*q)
            break;
        if (n == 3)
            return false;
        part[n] = q;
        while (*q && *q != ' ' && *q != '-' && *q != '/' && *q != '.' && *q != ',')
            q++;
        plen[n] = (size_t)(q - part[n]);
        n++;
    }
    if (n != 3)
        return false;
    int y, m, d;
    char *e;
    if (plen[0] == 4 && isdigit((unsigned char)part[0][0])) { /* ISO */
        y = (int)strtol(part[0], &e, 10);
        m = (int)strtol(part[1], &e, 10);
        if (e != part[1] + plen[1])
            return false;
        d = (int)strtol(part[2], &e, 10);
        if (e != part[2] + plen[2])
            return false;
    } else {
        d = (int)strtol(part[0], &e, 10);
        if (e != part[0] + plen[0])
            return false;
        if (isdigit((unsigned char)part[1][0])) {
            m = (int)strtol(part[1], &e, 10);
            if (e != part[1] + plen[1])
                return false;
        } else if (!(m = month_of(part[1], plen[1])))
            return false;
        y = (int)strtol(part[2], &e, 10);
        if (e != part[2] + plen[2] || (plen[2] != 2 && plen[2] != 4))
            return false;
        if (plen[2] == 2)
            y += 2000;
    }
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31)
        return false;
    *days = days_from_civil(y, m, d);
    int yy, mm, dd; /* reject 31 February and the like */
    civil_from_days(*days, &yy, &mm, &dd);
    return dd == d;
}

static void format_date(long days, char out[11])
{
    int y, m, d;
    civil_from_days(days, &y, &m, &d);
    snprintf(out, 11, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
}

/* ACLED inter code from a number ("3") or, in the 2023+ schema, a name
 * ("Political militia"); 0 for empty or unknown. */
static int parse_inter(const char *s, size_t n)
{
    static const char *names[] = {"state forces",      "rebel group", "political militia",
                                  "identity militia",  "rioters",     "protesters",
                                  "civilians",         "external/other forces"};
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if (!n)
        return 0;
    if (isdigit((unsigned char)s[0])) {
        int v = 0;
        for (size_t i = 0; i < n && isdigit((unsigned char)s[i]) && v < 100; i++)
            v = v * 10 + (s[i] - '0');
        return v >= 1 && v <= 8 ? v : 0;
    }
    for (int i = 0; i < 8; i++)
        if (strlen(names[i]) == n && !strncasecmp(s, names[i], n))
            return i + 1;
    return 0;
}

static double parse_coord(const char *s)
{
    char *e;
    while (isspace((unsigned char)*s))
        s++;
    if (!*s)
        return NAN;
    double v = strtod(s, &e);
    return e == s ? NAN : v;
}

static double haversine_km(double la1, double lo1, double la2, double lo2)
{
    const double r = 6371.0088, rad = M_PI / 180.0;
    double dla = (la2 - la1) * rad, dlo = (lo2 - lo1) * rad;
    double a = sin(dla / 2) * sin(dla / 2) +
               cos(la1 * rad) * cos(la2 * rad) * sin(dlo / 2) * sin(dlo / 2);
    return 2 * r * asin(sqrt(a < 1 ? a : 1));
}

/* True when the notes say the fatality figure was imputed or split. */
static bool fatalities_imputed(const char *notes)
{
    static const char *cues[] = {"coded as", "split between", "split across", "imputed",
                                 "estimated as", "fatalities were divided"};
    for (size_t i = 0; i < sizeof cues / sizeof cues[0]; i++)
        if (strcasestr(notes, cues[i]))
            return true;
    return false;
}

/* ---- tallies ----------------------------------------------------------- */

enum {
    F_DETECTED,
    F_EVENT_TYPE,
    F_SUB_EVENT_TYPE,
    F_INTER,
    F_ACTOR1,
    F_COUNTRY,
    F_ADMIN1,
    F_LOCATION,
    F_PT10_GIVEN,
    F_PT50_GIVEN,
    F_PT10_ALL,
    F_PT50_ALL,
    F_EVENT_DATE,
    F_FATALITIES,
    F_FATALITIES_DEATHS,
    F_COUNT
};
static const char *field_names[F_COUNT] = {
    "detected",       "event_type",        "sub_event_type",   "inter_pair",
    "actor1",         "country",           "admin1",           "location",
    "point_10km_given", "point_50km_given", "point_10km_all",  "point_50km_all",
    "event_date",     "fatalities",        "fatalities_deaths"};
static const char *field_labels[F_COUNT] = {
    "detected",         "event_type",        "sub_event_type",      "inter pair",
    "actor1",           "country",           "admin1",              "location",
    "point <=10 km (given)", "point <=50 km (given)", "point <=10 km (all)",
    "point <=50 km (all)", "event_date",     "fatalities (exact)",  "fatalities (deaths>0)"};

typedef struct tally {
    long correct, total;
} tally;

typedef struct diff {
    const char *field;
    char *want, *got;
} diff;

typedef struct worst_row {
    char *id;
    long line;
    char *notes;
    int nwrong; /* fields wrong */
    int nd;     /* diffs listed */
    diff d[F_COUNT];
} worst_row;

#define MAX_TYPES 64

typedef struct evalrun {
    sr_ctx *ctx;
    const char *path;
    tally t[F_COUNT];
    long rows, bad;
    /* sub-event types: names seen (ACLED's or ours), confusion[acled][ours];
     * index ntypes in the ours-dimension stands for "(none)" */
    char *types[MAX_TYPES];
    int ntypes;
    bool in_acled[MAX_TYPES], in_ours[MAX_TYPES];
    long conf[MAX_TYPES][MAX_TYPES + 1];
    long conf_none_col[MAX_TYPES]; /* ACLED type -> no event */
    worst_row *worst;
    int nworst, maxworst;
} evalrun;

static int type_index(evalrun *r, const char *name)
{
    for (int i = 0; i < r->ntypes; i++)
        if (!strcasecmp(r->types[i], name))
            return i;
    if (r->ntypes >= MAX_TYPES)
        return -1;
    r->types[r->ntypes] = strdup(name);
    if (!r->types[r->ntypes])
        cli_die("out of memory");
    return r->ntypes++;
}

static char *xstrdup(const char *s)
{
    char *d = strdup(s ? s : "");
    if (!d)
        cli_die("out of memory");
    return d;
}

static char *xprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    if (vasprintf(&s, fmt, ap) < 0)
        cli_die("out of memory");
    va_end(ap);
    return s;
}

/* Column indexes of the export, -1 when absent. */
typedef struct cols {
    int notes, event_date, event_id_cnty, data_id, country, iso3, event_type, sub_event_type,
        actor1, inter1, inter2, interaction, admin1, location, latitude, longitude, fatalities;
} cols;

static void scores(tally *t, int f, bool ok)
{
    t[f].total++;
    if (ok)
        t[f].correct++;
}

static void add_diff(diff *d, int *n, const char *field, char *want, char *got)
{
    d[*n].field = field;
    d[*n].want = want;
    d[*n].got = got;
    (*n)++;
}

static void free_diffs(diff *d, int n)
{
    for (int i = 0; i < n; i++) {
        free(d[i].want);
        free(d[i].got);
    }
}

static void free_worst(worst_row *w)
{
    free(w->id);
    free(w->notes);
    free_diffs(w->d, w->nd);
}

/* Keeps the row among the --worst N with the most wrong fields (earlier rows
 * win ties); takes ownership of the diffs. */
static void keep_worst(evalrun *r, const char *id, long line, const char *notes, int n, diff *d,
                       int nd)
{
    if (r->maxworst <= 0 || n == 0) {
        free_diffs(d, nd);
        return;
    }
    if (r->nworst == r->maxworst) {
        if (r->worst[r->nworst - 1].nwrong >= n) {
            free_diffs(d, nd);
            return;
        }
        free_worst(&r->worst[--r->nworst]);
    }
    int pos = r->nworst;
    while (pos > 0 && r->worst[pos - 1].nwrong < n)
        pos--;
    memmove(&r->worst[pos + 1], &r->worst[pos], (size_t)(r->nworst - pos) * sizeof *r->worst);
    worst_row *w = &r->worst[pos];
    w->id = xstrdup(id);
    w->line = line;
    w->notes = xstrdup(notes);
    w->nwrong = n;
    w->nd = nd;
    memcpy(w->d, d, (size_t)nd * sizeof *d);
    r->nworst++;
}

static const char *or_none(const char *s)
{
    return s && *s ? s : "\"\"";
}

/* Codes one row's notes and scores the first event against the row's labels. */
static void eval_row(evalrun *r, const csv *c, const cols *k, long line, long rowno)
{
    const char *notes = csv_field(c, k->notes);
    const char *datestr = csv_field(c, k->event_date);
    long days;
    if (!parse_date(datestr, &days)) {
        char msg[256];
        snprintf(msg, sizeof msg,
                 "event_date '%.40s' is not a date (want e.g. 9-May-20, 31-12-19 or 2020-05-09); "
                 "row skipped",
                 datestr);
        cli_diag(&r->bad, r->path, line, msg);
        return;
    }
    char want_date[11], pub[11], rowid[32];
    format_date(days, want_date);
    format_date(days + 2, pub);
    const char *id = csv_field(c, k->event_id_cnty);
    if (!*id)
        id = csv_field(c, k->data_id);
    if (!*id) {
        snprintf(rowid, sizeof rowid, "row %ld", rowno);
        id = rowid;
    }
    sr_doc doc = {.id = id, .title = "", .date = pub, .source = "", .url = "", .text = notes,
                  .text_len = strlen(notes), .origin = r->path, .item = line};
    sr_events *evs = NULL;
    int rc = sr_code(r->ctx, &doc, &evs);
    if (rc) {
        char msg[256];
        snprintf(msg, sizeof msg, "the notes could not be coded: %s; row skipped", sr_strerror(rc));
        cli_diag(&r->bad, r->path, line, msg);
        sr_events_free(evs);
        return;
    }
    r->rows++;
    const sr_event *ev = sr_events_count(evs) ? sr_events_get(evs, 0) : NULL;
    tally *t = r->t;
    diff d[F_COUNT];
    int nd = 0;

    scores(t, F_DETECTED, ev != NULL);
    if (!ev)
        add_diff(d, &nd, "detected", xstrdup("an event"), xstrdup("none"));

    const char *w_et = csv_field(c, k->event_type), *w_st = csv_field(c, k->sub_event_type);
    bool ok = ev && !strcasecmp(ev->event_type, w_et);
    scores(t, F_EVENT_TYPE, ok);
    if (ev && !ok)
        add_diff(d, &nd, "event_type", xstrdup(or_none(w_et)), xstrdup(or_none(ev->event_type)));
    ok = ev && !strcasecmp(ev->sub_event_type, w_st);
    scores(t, F_SUB_EVENT_TYPE, ok);
    if (ev && !ok)
        add_diff(d, &nd, "sub_event_type", xstrdup(or_none(w_st)),
                 xstrdup(or_none(ev->sub_event_type)));
    int ai = type_index(r, w_st);
    if (ai >= 0) {
        r->in_acled[ai] = true;
        if (!ev || !*ev->sub_event_type)
            r->conf_none_col[ai]++;
        else {
            int oi = type_index(r, ev->sub_event_type);
            if (oi >= 0) {
                r->in_ours[oi] = true;
                r->conf[ai][oi]++;
            }
        }
    }

    /* inter pair: inter2 from its column, else from the 2023+ "interaction"
     * text ("State forces-Rioters", "Protesters only") */
    const char *i1s = csv_field(c, k->inter1);
    int w1 = parse_inter(i1s, strlen(i1s)), w2 = 0;
    if (k->inter2 >= 0) {
        const char *s = csv_field(c, k->inter2);
        w2 = parse_inter(s, strlen(s));
    } else if (k->interaction >= 0) {
        const char *s = csv_field(c, k->interaction), *dash = strchr(s, '-');
        if (dash) {
            int a = parse_inter(s, (size_t)(dash - s)), b = parse_inter(dash + 1, strlen(dash + 1));
            w2 = a == w1 ? b : a;
        }
    }
    int g1 = ev ? ev->inter1 : 0, g2 = ev ? ev->inter2 : 0;
    ok = ev && ((g1 == w1 && g2 == w2) || (g1 == w2 && g2 == w1));
    scores(t, F_INTER, ok);
    if (ev && !ok)
        add_diff(d, &nd, "inter pair", xprintf("{%d,%d}", w1, w2), xprintf("{%d,%d}", g1, g2));

    const char *w_a1 = csv_field(c, k->actor1);
    ok = ev && !strcmp(ev->actor1, w_a1);
    scores(t, F_ACTOR1, ok);
    if (ev && !ok)
        add_diff(d, &nd, "actor1", xstrdup(or_none(w_a1)), xstrdup(or_none(ev->actor1)));

    struct {
        int f;
        const char *want, *got;
    } ci[] = {{F_COUNTRY, csv_field(c, k->country), ev ? ev->country : ""},
              {F_ADMIN1, csv_field(c, k->admin1), ev ? ev->admin1 : ""},
              {F_LOCATION, csv_field(c, k->location), ev ? ev->location : ""}};
    for (size_t i = 0; i < 3; i++) {
        ok = ev && !strcasecmp(ci[i].want, ci[i].got);
        scores(t, ci[i].f, ok);
        if (ev && !ok)
            add_diff(d, &nd, field_names[ci[i].f], xstrdup(or_none(ci[i].want)),
                     xstrdup(or_none(ci[i].got)));
    }

    double wla = parse_coord(csv_field(c, k->latitude)), wlo = parse_coord(csv_field(c, k->longitude));
    if (!isnan(wla) && !isnan(wlo)) {
        bool given = ev && !isnan(ev->latitude) && !isnan(ev->longitude);
        double km = given ? haversine_km(wla, wlo, ev->latitude, ev->longitude) : INFINITY;
        if (given) {
            scores(t, F_PT10_GIVEN, km <= 10);
            scores(t, F_PT50_GIVEN, km <= 50);
        }
        scores(t, F_PT10_ALL, km <= 10);
        scores(t, F_PT50_ALL, km <= 50);
        if (ev && km > 50)
            add_diff(d, &nd, "point",
                     xprintf("%.4f,%.4f", wla, wlo),
                     given ? xprintf("%.4f,%.4f (%.0f km off)", ev->latitude, ev->longitude, km)
                           : xstrdup("no point"));
    }

    ok = ev && !strcmp(ev->event_date, want_date);
    scores(t, F_EVENT_DATE, ok);
    if (ev && !ok)
        add_diff(d, &nd, "event_date", xstrdup(want_date), xstrdup(or_none(ev->event_date)));

    const char *fs = csv_field(c, k->fatalities);
    char *fe;
    long wf = strtol(fs, &fe, 10);
    if (k->fatalities >= 0 && *fs && !*fe && wf >= 0 && !fatalities_imputed(notes)) {
        /* ACLED writes 0 when no death is reported; our "not given" (-1) means the same */
        long gf = ev ? (ev->fatalities < 0 ? 0 : ev->fatalities) : -1;
        ok = ev && gf == wf;
        scores(t, F_FATALITIES, ok);
        if (wf > 0)
            scores(t, F_FATALITIES_DEATHS, ok);
        if (ev && !ok)
            add_diff(d, &nd, "fatalities", xprintf("%ld", wf),
                     ev->fatalities < 0 ? xstrdup("null") : xprintf("%d", ev->fatalities));
    }
    /* an undetected row is wrong in every field it was scored on; its
     * listing shows only "detected" */
    bool fat_scored = k->fatalities >= 0 && *fs && !*fe && wf >= 0 && !fatalities_imputed(notes);
    int nwrong = ev ? nd : 10 + (!isnan(wla) && !isnan(wlo)) + fat_scored;
    keep_worst(r, id, line, notes, nwrong, d, nd);
    sr_events_free(evs);
}
