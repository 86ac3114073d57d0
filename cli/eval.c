/* eval.c — `sitrep eval`: codes the notes of an ACLED export row by row and
 * measures, field by field, how often the first coded event agrees with
 * ACLED's own labels. Reads the export with sr_csv (columns found by header
 * name, any case); holds the per-field tallies, a sub-event-type confusion
 * table, the worst-coded rows, and the optional JSON report (jansson). */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <strings.h>

static const char usage[] =
    "sitrep eval --acled FILE.csv [--country C] [--limit N] [--report OUT.json] [--worst N]\n"
    "                   [--source]\n"
    "                   [--data DIR] [--engine auto|vectorscan|portable]";

typedef sr_csv csv;

static const char *csv_field(const csv *c, int i)
{
    return sr_csv_field(c, i);
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

/* Parses an ACLED event_date (any form sr_csv_date reads); sets *days
 * (since 1970-01-01); false when it is not a date. */
static bool parse_date(const char *s, long *days)
{
    char iso[11];
    int y, m, d;
    if (sr_csv_date(s, iso) || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
        return false;
    *days = days_from_civil(y, m, d);
    return true;
}

static void format_date(long days, char out[11])
{
    int y, m, d;
    civil_from_days(days, &y, &m, &d);
    snprintf(out, 11, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
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

/* Place names compare without case, accents, spaces and punctuation:
 * "Michoacán" is "Michoacan", "Deir-ez-Zor" is "Deir ez-Zor". */
static void fold_name(const char *s, char *out, size_t cap)
{
    utf8proc_uint8_t *f = NULL;
    size_t k = 0;
    if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &f,
                     UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD) >= 0 && f)
        for (const utf8proc_uint8_t *p = f; *p && k + 1 < cap; p++) {
            if (p[0] == 0xc4 && p[1] == 0xb1) { /* dotless ı */
                out[k++] = 'i';
                p++;
            } else if (isalnum(*p) || *p >= 0x80)
                out[k++] = (char)*p;
        }
    out[k] = 0;
    free(f);
}

static int same_name(const char *a, const char *b)
{
    if (!strcasecmp(a, b))
        return 1;
    char fa[256], fb[256];
    fold_name(a, fa, sizeof fa);
    fold_name(b, fb, sizeof fb);
    return *fa && !strcmp(fa, fb);
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
    bool with_source; /* --source: pass the row's outlet with the notes */
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
        actor1, inter1, inter2, interaction, admin1, location, latitude, longitude, fatalities, source;
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
    w->id = cli_strdup(id);
    w->line = line;
    w->notes = cli_strdup(notes);
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
    /* the row's outlets ("Star (Kenya); Daily Nation (Kenya)") stand for the
     * feed a monitor reads the report from (docs/eval.md) */
    const char *outlet = r->with_source ? csv_field(c, k->source) : "";
    sr_doc doc = {.id = id, .title = "", .date = pub, .source = outlet, .url = "", .text = notes,
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
        add_diff(d, &nd, "detected", cli_strdup("an event"), cli_strdup("none"));

    const char *w_et = csv_field(c, k->event_type), *w_st = csv_field(c, k->sub_event_type);
    bool ok = ev && !strcasecmp(ev->event_type, w_et);
    scores(t, F_EVENT_TYPE, ok);
    if (ev && !ok)
        add_diff(d, &nd, "event_type", cli_strdup(or_none(w_et)), cli_strdup(or_none(ev->event_type)));
    ok = ev && !strcasecmp(ev->sub_event_type, w_st);
    scores(t, F_SUB_EVENT_TYPE, ok);
    if (ev && !ok)
        add_diff(d, &nd, "sub_event_type", cli_strdup(or_none(w_st)),
                 cli_strdup(or_none(ev->sub_event_type)));
    int ai = *w_st ? type_index(r, w_st) : -1;
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
    int w1 = sr_csv_inter(i1s), w2 = 0;
    if (k->inter2 >= 0) {
        w2 = sr_csv_inter(csv_field(c, k->inter2));
    } else if (k->interaction >= 0) {
        const char *s = csv_field(c, k->interaction), *dash = strchr(s, '-');
        if (dash) {
            char first[64];
            snprintf(first, sizeof first, "%.*s", (int)(dash - s), s);
            int a = sr_csv_inter(first), b = sr_csv_inter(dash + 1);
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
        add_diff(d, &nd, "actor1", cli_strdup(or_none(w_a1)), cli_strdup(or_none(ev->actor1)));

    struct {
        int f;
        const char *want, *got;
    } ci[] = {{F_COUNTRY, csv_field(c, k->country), ev ? ev->country : ""},
              {F_ADMIN1, csv_field(c, k->admin1), ev ? ev->admin1_acled : ""},
              {F_LOCATION, csv_field(c, k->location), ev ? ev->location : ""}};
    for (size_t i = 0; i < 3; i++) {
        ok = ev && same_name(ci[i].want, ci[i].got);
        scores(t, ci[i].f, ok);
        if (ev && !ok)
            add_diff(d, &nd, field_names[ci[i].f], cli_strdup(or_none(ci[i].want)),
                     cli_strdup(or_none(ci[i].got)));
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
                           : cli_strdup("no point"));
    }

    ok = ev && !strcmp(ev->event_date, want_date);
    scores(t, F_EVENT_DATE, ok);
    if (ev && !ok)
        add_diff(d, &nd, "event_date", cli_strdup(want_date), cli_strdup(or_none(ev->event_date)));

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
                     ev->fatalities < 0 ? cli_strdup("null") : xprintf("%d", ev->fatalities));
    }
    /* an undetected row is wrong in every field it was scored on; its
     * listing shows only "detected" */
    bool fat_scored = k->fatalities >= 0 && *fs && !*fe && wf >= 0 && !fatalities_imputed(notes);
    int nwrong = ev ? nd : 10 + (!isnan(wla) && !isnan(wlo)) + fat_scored;
    keep_worst(r, id, line, notes, nwrong, d, nd);
    sr_events_free(evs);
}

/* ---- report ------------------------------------------------------------ */

static double pct(const tally *t)
{
    return t->total ? 100.0 * (double)t->correct / (double)t->total : NAN;
}

/* Macro-F1 of sub_event_type over the types ACLED's rows hold; sets *ntypes. */
static double macro_f1(const evalrun *r, int *ntypes)
{
    double sum = 0;
    int n = 0;
    for (int a = 0; a < r->ntypes; a++) {
        if (!r->in_acled[a])
            continue;
        long tp = r->conf[a][a], fn = r->conf_none_col[a], fp = 0;
        for (int o = 0; o < r->ntypes; o++)
            if (o != a)
                fn += r->conf[a][o], fp += r->conf[o][a];
        long den = 2 * tp + fp + fn;
        sum += den ? 2.0 * (double)tp / (double)den : 0.0;
        n++;
    }
    *ntypes = n;
    return n ? sum / n : NAN;
}

static int cmp_name(const void *a, const void *b, void *ud)
{
    const evalrun *r = ud;
    return strcasecmp(r->types[*(const int *)a], r->types[*(const int *)b]);
}

/* Indexes of the sub-event types seen, in name order; returns how many. */
static int type_order(const evalrun *r, int *order)
{
    int n = 0;
    for (int i = 0; i < r->ntypes; i++)
        if (r->in_acled[i] || r->in_ours[i])
            order[n++] = i;
    qsort_r(order, (size_t)n, sizeof *order, cmp_name, (void *)r);
    return n;
}

/* Writes at most max bytes of s on one line, cut on a UTF-8 boundary. */
static void put_clip(FILE *fp, const char *s, size_t max)
{
    size_t n = strlen(s);
    bool cut = n > max;
    if (cut) {
        n = max;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    for (size_t i = 0; i < n; i++)
        fputc(s[i] == '\n' || s[i] == '\r' || s[i] == '\t' ? ' ' : s[i], fp);
    if (cut)
        fputs("…", fp);
}

static void print_report(const evalrun *r, const char *engine)
{
    printf("sitrep eval: %s: %ld rows coded (engine %s)", r->path, r->rows, engine);
    if (r->bad)
        printf(", %ld skipped", r->bad);
    printf("\n\n%-24s %8s  %s\n", "field", "accuracy", "(correct/total)");
    for (int f = 0; f < F_COUNT; f++) {
        const tally *t = &r->t[f];
        if (t->total)
            printf("%-24s %6.1f %%  (%ld/%ld)\n", field_labels[f], pct(t), t->correct, t->total);
        else
            printf("%-24s %8s  (0/0)\n", field_labels[f], "n/a");
    }
    int nt;
    double f1 = macro_f1(r, &nt);
    if (nt)
        printf("%-24s %8.3f  (over %d ACLED sub-event types)\n", "sub_event_type macro-F1", f1, nt);

    int order[MAX_TYPES], n = type_order(r, order);
    if (!n)
        return;
    long maxv = 0;
    for (int a = 0; a < r->ntypes; a++) {
        maxv = r->conf_none_col[a] > maxv ? r->conf_none_col[a] : maxv;
        for (int o = 0; o < r->ntypes; o++)
            maxv = r->conf[a][o] > maxv ? r->conf[a][o] : maxv;
    }
    int w = snprintf(NULL, 0, "%ld", maxv) + 1;
    if (w < 4)
        w = 4;
    printf("\nsub-event types (rows: ACLED, columns: sitrep by number; none = no event)\n");
    printf("%-18s", "");
    for (int i = 0; i < n; i++)
        if (r->in_ours[order[i]])
            printf("%*d", w, i + 1);
    printf("%*s\n", w + 1, "none");
    for (int i = 0; i < n; i++) {
        int a = order[i];
        printf("%2d %-14.14s ", i + 1, r->types[a]);
        if (!r->in_acled[a]) {
            printf(" (sitrep only)\n");
            continue;
        }
        for (int j = 0; j < n; j++)
            if (r->in_ours[order[j]]) {
                long v = r->conf[a][order[j]];
                if (v)
                    printf("%*ld", w, v);
                else
                    printf("%*s", w, ".");
            }
        printf("%*ld\n", w + 1, r->conf_none_col[a]);
    }

    if (!r->nworst)
        return;
    printf("\nworst-coded rows (most wrong fields first):\n");
    for (int i = 0; i < r->nworst; i++) {
        const worst_row *wr = &r->worst[i];
        printf("\n%s (line %ld, %d wrong): ", wr->id, wr->line, wr->nwrong);
        put_clip(stdout, wr->notes, 160);
        putchar('\n');
        for (int j = 0; j < wr->nd; j++) {
            printf("    %-15s want ", wr->d[j].field);
            put_clip(stdout, wr->d[j].want, 80);
            printf("  got ");
            put_clip(stdout, wr->d[j].got, 80);
            putchar('\n');
        }
    }
}

static json_t *jnum_or_null(double v)
{
    return isnan(v) ? json_null() : json_real(round(v * 10) / 10);
}

static void write_json(const evalrun *r, const char *engine, const char *out)
{
    json_t *root = json_object();
    json_object_set_new(root, "file", json_string(r->path));
    json_object_set_new(root, "engine", json_string(engine));
    json_object_set_new(root, "rows", json_integer(r->rows));
    json_object_set_new(root, "skipped", json_integer(r->bad));
    json_t *fields = json_object();
    for (int f = 0; f < F_COUNT; f++) {
        json_t *o = json_object();
        json_object_set_new(o, "correct", json_integer(r->t[f].correct));
        json_object_set_new(o, "total", json_integer(r->t[f].total));
        json_object_set_new(o, "percent", jnum_or_null(pct(&r->t[f])));
        json_object_set_new(fields, field_names[f], o);
    }
    json_object_set_new(root, "fields", fields);
    int nt;
    double f1 = macro_f1(r, &nt);
    json_object_set_new(root, "sub_event_type_macro_f1",
                        isnan(f1) ? json_null() : json_real(round(f1 * 1000) / 1000));
    json_object_set_new(root, "sub_event_type_macro_f1_types", json_integer(nt));

    int order[MAX_TYPES], n = type_order(r, order);
    json_t *rows = json_array(), *colsj = json_array(), *matrix = json_array();
    for (int j = 0; j < n; j++)
        if (r->in_ours[order[j]])
            json_array_append_new(colsj, json_string(r->types[order[j]]));
    json_array_append_new(colsj, json_string("(none)"));
    for (int i = 0; i < n; i++) {
        int a = order[i];
        if (!r->in_acled[a])
            continue;
        json_array_append_new(rows, json_string(r->types[a]));
        json_t *line = json_array();
        for (int j = 0; j < n; j++)
            if (r->in_ours[order[j]])
                json_array_append_new(line, json_integer(r->conf[a][order[j]]));
        json_array_append_new(line, json_integer(r->conf_none_col[a]));
        json_array_append_new(matrix, line);
    }
    json_t *conf = json_object();
    json_object_set_new(conf, "acled", rows);
    json_object_set_new(conf, "sitrep", colsj);
    json_object_set_new(conf, "matrix", matrix);
    json_object_set_new(root, "confusion", conf);

    json_t *worst = json_array();
    for (int i = 0; i < r->nworst; i++) {
        const worst_row *wr = &r->worst[i];
        json_t *o = json_object(), *wrong = json_array();
        json_object_set_new(o, "id", json_string(wr->id));
        json_object_set_new(o, "line", json_integer(wr->line));
        json_object_set_new(o, "wrong_fields", json_integer(wr->nwrong));
        json_object_set_new(o, "notes", json_string(wr->notes));
        for (int j = 0; j < wr->nd; j++) {
            json_t *d = json_object();
            json_object_set_new(d, "field", json_string(wr->d[j].field));
            json_object_set_new(d, "want", json_string(wr->d[j].want));
            json_object_set_new(d, "got", json_string(wr->d[j].got));
            json_array_append_new(wrong, d);
        }
        json_object_set_new(o, "wrong", wrong);
        json_array_append_new(worst, o);
    }
    json_object_set_new(root, "worst", worst);
    int rc = json_dump_file(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (rc != 0)
        cli_die("--report: cannot write %s; check that its directory exists and is writable", out);
}

/* ---- command ----------------------------------------------------------- */

int cmd_eval(int argc, char **argv)
{
    const char *file = NULL, *country = NULL, *report = NULL, *data = NULL, *engine = NULL;
    long limit = 0, nworst = 10;
    bool with_source = false;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: %s\n\nCodes the notes of each row of an ACLED export (publication date: "
                   "event_date + 2 days)\nand prints how often the first coded event agrees with "
                   "ACLED's labels, field by field,\na sub-event-type confusion table and the "
                   "worst-coded rows.\n--source also gives the coder the row's source column (the outlet) as "
                   "the document's source.\nSee docs/eval.md.\n",
                   usage);
            return 0;
        } else if (!strcmp(argv[i], "--source"))
            with_source = true;
        else if (cli_opt(argc, argv, &i, "--acled", &v))
            file = v;
        else if (cli_opt(argc, argv, &i, "--country", &v))
            country = v;
        else if (cli_opt(argc, argv, &i, "--report", &v))
            report = v;
        else if (cli_opt(argc, argv, &i, "--data", &v))
            data = v;
        else if (cli_opt(argc, argv, &i, "--engine", &v))
            engine = v;
        else if (cli_opt(argc, argv, &i, "--limit", &v) || cli_opt(argc, argv, &i, "--worst", &v)) {
            char *e;
            long n = strtol(v, &e, 10);
            bool is_limit = !strncmp(argv[i - 1], "--limit", 7) || !strncmp(argv[i], "--limit", 7);
            if (!*v || *e || n < (is_limit ? 1 : 0) || n > 100000000L) {
                fprintf(stderr, "sitrep: %s: '%s' is not a %s number\nusage: %s\n",
                        is_limit ? "--limit" : "--worst", v, is_limit ? "positive" : "non-negative",
                        usage);
                return 2;
            }
            if (is_limit)
                limit = n;
            else
                nworst = n;
        } else {
            fprintf(stderr, "sitrep: eval: unknown argument '%s'\nusage: %s\n", argv[i], usage);
            return 2;
        }
    }
    if (!file) {
        fprintf(stderr, "sitrep: eval: --acled FILE.csv is required\nusage: %s\n", usage);
        return 2;
    }
    if (nworst > 1000)
        nworst = 1000;

    char err[512];
    csv *c = sr_csv_open(file, err, sizeof err);
    if (!c)
        cli_die("%s; check the path to the ACLED export", err);
    long start;
    int rc = sr_csv_next(c, &start);
    if (rc <= 0)
        cli_die("%s: %s", file, rc == 0 ? "empty file; is this an ACLED export?" : sr_csv_error(c));
    cols k = {
        .notes = sr_csv_find(c, "notes"), .event_date = sr_csv_find(c, "event_date"),
        .event_id_cnty = sr_csv_find(c, "event_id_cnty"), .data_id = sr_csv_find(c, "data_id"),
        .country = sr_csv_find(c, "country"), .iso3 = sr_csv_find(c, "iso3"),
        .event_type = sr_csv_find(c, "event_type"), .sub_event_type = sr_csv_find(c, "sub_event_type"),
        .actor1 = sr_csv_find(c, "actor1"), .inter1 = sr_csv_find(c, "inter1"),
        .inter2 = sr_csv_find(c, "inter2"), .interaction = sr_csv_find(c, "interaction"),
        .admin1 = sr_csv_find(c, "admin1"), .location = sr_csv_find(c, "location"),
        .latitude = sr_csv_find(c, "latitude"), .longitude = sr_csv_find(c, "longitude"),
        .fatalities = sr_csv_find(c, "fatalities"), .source = sr_csv_find(c, "source")};
    if (k.notes < 0 || k.event_date < 0) {
        sr_csv_free(c);
        cli_die("%s: no column named %s; is this an ACLED export?", file,
                k.notes < 0 ? "notes" : "event_date");
    }
    int header_nf = sr_csv_count(c);

    evalrun r = {.path = file, .maxworst = (int)nworst, .with_source = with_source};
    r.worst = calloc((size_t)nworst + 1, sizeof *r.worst);
    if (!r.worst)
        cli_die("out of memory");
    r.ctx = cli_ctx(data, engine);
    long rowno = 0, taken = 0;
    while ((rc = sr_csv_next(c, &start)) != 0) {
        if (rc < 0) {
            char msg[320];
            snprintf(msg, sizeof msg, "%s; row skipped", sr_csv_error(c));
            cli_diag(&r.bad, file, start, msg);
            continue;
        }
        if (sr_csv_count(c) == 1 && !*csv_field(c, 0))
            continue; /* blank line */
        rowno++;
        if (sr_csv_count(c) != header_nf) {
            char msg[160];
            snprintf(msg, sizeof msg, "row has %d fields, the header %d; row skipped", sr_csv_count(c),
                     header_nf);
            cli_diag(&r.bad, file, start, msg);
            continue;
        }
        if (country && strcasecmp(csv_field(c, k.country), country) &&
            strcasecmp(csv_field(c, k.iso3), country))
            continue;
        if (limit && taken >= limit)
            break;
        taken++;
        eval_row(&r, c, &k, start, rowno);
    }
    const char *eng = sr_ctx_engine(r.ctx);
    print_report(&r, eng);
    if (report)
        write_json(&r, eng, report);
    fflush(stdout);
    for (int i = 0; i < r.nworst; i++)
        free_worst(&r.worst[i]);
    free(r.worst);
    for (int i = 0; i < r.ntypes; i++)
        free(r.types[i]);
    sr_ctx_free(r.ctx);
    sr_csv_free(c);
    return r.bad ? 1 : 0;
}
