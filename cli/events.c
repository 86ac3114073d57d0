/* events.c — sitrep events: lists stored events matching filters, as an
 * aligned table for reading, or as CSV / JSON Lines / GeoJSON through the
 * library's writers for other tools. */
#include "cli.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "usage: sitrep events [options]\n"
    "\n"
    "Lists stored events in date order.\n"
    "\n"
    "options:\n"
    "  --db FILE          the store (default ./sitrep.db)\n"
    "  --since YYYY-MM-DD events on or after this date\n"
    "  --until YYYY-MM-DD events on or before this date\n"
    "  --country C        country name or ISO3 code (any case)\n"
    "  --admin1 A         first-level region (any case)\n"
    "  --actor X          part of actor1 or actor2 (any case)\n"
    "  --type T           event type or sub-event type, e.g. 'Battles', 'Armed clash'\n"
    "  --kind K           incident or aggregate\n"
    "  --limit N          at most N events\n"
    "  --format F         table (default), csv, jsonl or geojson\n"
    "  --incidents        list incidents instead: the reports of one event merged,\n"
    "                     with reconciled fatalities and the number of reports\n"
    "                     (formats table or jsonl; docs/dedup.md)\n"
    "  --help             show this help\n";

#define NCOLS 8
#define MAX_COL_WIDTH 32

typedef struct row {
    char *cell[NCOLS];
} row;

typedef struct table {
    row *rows;
    size_t n, cap;
} table;

/* "?" for an unknown count. */
static void count_str(char *out, size_t len, int v)
{
    if (v < 0)
        snprintf(out, len, "?");
    else
        snprintf(out, len, "%d", v);
}

/* Fatalities as low-best-high ("69-69-?"), or one number when all agree. */
static void fatalities_str(const sr_event *ev, char *out, size_t len)
{
    if (ev->fatalities_low == ev->fatalities && ev->fatalities == ev->fatalities_high) {
        count_str(out, len, ev->fatalities);
        return;
    }
    char a[16], b[16], c[16];
    count_str(a, sizeof a, ev->fatalities_low);
    count_str(b, sizeof b, ev->fatalities);
    count_str(c, sizeof c, ev->fatalities_high);
    snprintf(out, len, "%s-%s-%s", a, b, c);
}

static int add_row(void *ud, const sr_event *ev)
{
    table *t = ud;
    cli_grow((void **)&t->rows, &t->cap, t->n, sizeof *t->rows);
    char fat[64];
    fatalities_str(ev, fat, sizeof fat);
    row *r = &t->rows[t->n++];
    r->cell[0] = cli_strdup(ev->event_date[0] ? ev->event_date : "?");
    r->cell[1] = cli_strdup(ev->kind);
    r->cell[2] = cli_strdup(ev->sub_event_type);
    r->cell[3] = cli_strdup(ev->actor1);
    r->cell[4] = cli_strdup(ev->actor2);
    r->cell[5] = cli_strdup(ev->admin1);
    r->cell[6] = cli_strdup(ev->location);
    r->cell[7] = cli_strdup(fat);
    return 0;
}

/* Display width of UTF-8 text, counted in code points. */
static size_t width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

/* Prints s padded (or cut with "…") to exactly w columns. */
static void print_cell(const char *s, size_t w, int right)
{
    if (!*s)
        s = "-";
    size_t sw = width(s);
    if (sw > w) {
        /* keep w-1 code points, then an ellipsis */
        size_t cp = 0;
        const char *p = s;
        while (*p) {
            if (((unsigned char)*p & 0xC0) != 0x80) {
                if (cp == w - 1)
                    break;
                cp++;
            }
            p++;
        }
        fwrite(s, 1, (size_t)(p - s), stdout);
        fputs("…", stdout);
        return;
    }
    if (right)
        printf("%*s%s", (int)(w - sw), "", s);
    else
        printf("%s%*s", s, (int)(w - sw), "");
}

static void print_table(const table *t, const char *const head[NCOLS], const char *what)
{
    size_t w[NCOLS];
    for (int c = 0; c < NCOLS; c++) {
        w[c] = width(head[c]);
        for (size_t i = 0; i < t->n; i++) {
            size_t cw = width(t->rows[i].cell[c]);
            if (cw > w[c])
                w[c] = cw;
        }
        if (w[c] > MAX_COL_WIDTH)
            w[c] = MAX_COL_WIDTH;
    }
    for (int c = 0; c < NCOLS; c++) {
        print_cell(head[c], w[c], c == NCOLS - 1);
        fputs(c == NCOLS - 1 ? "\n" : "  ", stdout);
    }
    for (int c = 0; c < NCOLS; c++) {
        for (size_t k = 0; k < w[c]; k++)
            fputc('-', stdout);
        fputs(c == NCOLS - 1 ? "\n" : "  ", stdout);
    }
    for (size_t i = 0; i < t->n; i++)
        for (int c = 0; c < NCOLS; c++) {
            print_cell(t->rows[i].cell[c], w[c], c == NCOLS - 1);
            fputs(c == NCOLS - 1 ? "\n" : "  ", stdout);
        }
    printf("%zu %s%s\n", t->n, what, t->n == 1 ? "" : "s");
}

static int add_incident(void *ud, const sr_incident *inc)
{
    table *t = ud;
    cli_grow((void **)&t->rows, &t->cap, t->n, sizeof *t->rows);
    char fat[64], a[16], b[16], c[16], rep[64];
    count_str(a, sizeof a, inc->fatalities_low);
    count_str(b, sizeof b, inc->fatalities_best);
    count_str(c, sizeof c, inc->fatalities_high);
    if (inc->fatalities_low == inc->fatalities_best && inc->fatalities_best == inc->fatalities_high)
        snprintf(fat, sizeof fat, "%s", b);
    else
        snprintf(fat, sizeof fat, "%s-%s-%s", a, b, c);
    snprintf(rep, sizeof rep, "%d (%d outlet%s)", inc->n_reports, inc->n_sources, inc->n_sources == 1 ? "" : "s");
    row *r = &t->rows[t->n++];
    r->cell[0] = cli_strdup(inc->event_date[0] ? inc->event_date : "?");
    r->cell[1] = cli_strdup(inc->sub_event_type);
    r->cell[2] = cli_strdup(inc->actor1);
    r->cell[3] = cli_strdup(inc->actor2);
    r->cell[4] = cli_strdup(inc->admin1);
    r->cell[5] = cli_strdup(inc->location);
    r->cell[6] = cli_strdup(fat);
    r->cell[7] = cli_strdup(rep);
    return 0;
}

static void set_count(json_t *o, const char *k, int v)
{
    json_object_set_new(o, k, v < 0 ? json_null() : json_integer(v));
}

/* One incident as a JSON object on one line. */
static int put_incident(void *ud, const sr_incident *inc)
{
    (void)ud;
    json_t *o = json_object();
    if (!o)
        return SR_ENOMEM;
    json_object_set_new(o, "incident_id", json_integer(inc->id));
    json_object_set_new(o, "event_date", json_string(inc->event_date));
    json_object_set_new(o, "first_date", json_string(inc->first_date));
    json_object_set_new(o, "last_date", json_string(inc->last_date));
    json_object_set_new(o, "event_type", json_string(inc->event_type));
    json_object_set_new(o, "sub_event_type", json_string(inc->sub_event_type));
    json_object_set_new(o, "actor1", json_string(inc->actor1));
    json_object_set_new(o, "actor2", json_string(inc->actor2));
    json_object_set_new(o, "country", json_string(inc->country));
    json_object_set_new(o, "admin1", json_string(inc->admin1));
    json_object_set_new(o, "admin2", json_string(inc->admin2));
    json_object_set_new(o, "location", json_string(inc->location));
    json_object_set_new(o, "latitude", isfinite(inc->latitude) ? json_real(inc->latitude) : json_null());
    json_object_set_new(o, "longitude", isfinite(inc->longitude) ? json_real(inc->longitude) : json_null());
    set_count(o, "fatalities_low", inc->fatalities_low);
    set_count(o, "fatalities_best", inc->fatalities_best);
    set_count(o, "fatalities_high", inc->fatalities_high);
    json_object_set_new(o, "n_reports", json_integer(inc->n_reports));
    json_object_set_new(o, "n_sources", json_integer(inc->n_sources));
    char *js = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (!js)
        return SR_ENOMEM;
    int rc = printf("%s\n", js) < 0 ? SR_EIO : 0;
    free(js);
    return rc;
}

static int put_event(void *ud, const sr_event *ev)
{
    return sr_writer_put(ud, ev);
}

int cmd_events(int argc, char **argv)
{
    const char *db = "sitrep.db", *format = "table", *limit = NULL;
    sr_query q = {0};
    int incidents = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            return 0;
        }
        if (!strcmp(a, "--incidents")) {
            incidents = 1;
            continue;
        }
        if (cli_opt(argc, argv, &i, "--db", &db) || cli_opt(argc, argv, &i, "--since", &q.since) ||
            cli_opt(argc, argv, &i, "--until", &q.until) || cli_opt(argc, argv, &i, "--country", &q.country) ||
            cli_opt(argc, argv, &i, "--admin1", &q.admin1) || cli_opt(argc, argv, &i, "--actor", &q.actor) ||
            cli_opt(argc, argv, &i, "--type", &q.type) || cli_opt(argc, argv, &i, "--kind", &q.kind) ||
            cli_opt(argc, argv, &i, "--limit", &limit) || cli_opt(argc, argv, &i, "--format", &format))
            continue;
        if (a[0] == '-')
            cli_die("events: unknown option '%s'; see 'sitrep events --help'", a);
        cli_die("events: unexpected argument '%s'; filters are options, see 'sitrep events --help'", a);
    }
    cli_check_period(q.since, q.until);
    if (q.kind && strcmp(q.kind, "incident") && strcmp(q.kind, "aggregate"))
        cli_die("--kind: '%s' is not a kind; use incident or aggregate", q.kind);
    if (limit) {
        char *end = NULL;
        errno = 0;
        long n = strtol(limit, &end, 10);
        if (errno || end == limit || *end || n < 1)
            cli_die("--limit: '%s' is not a positive number", limit);
        q.limit = n;
    }
    static const char *const ev_head[NCOLS] = {"date", "kind", "sub_event_type", "actor1", "actor2",
                                               "admin1", "location", "fatalities"};
    static const char *const inc_head[NCOLS] = {"date", "sub_event_type", "actor1", "actor2",
                                                "admin1", "location", "fatalities", "reports"};
    int table_fmt = !strcmp(format, "table");
    if (incidents && !table_fmt && strcmp(format, "jsonl"))
        cli_die("--format: incidents are listed as table or jsonl, not '%s'", format);
    int ofmt = table_fmt ? -1 : sr_outfmt_parse(format);
    if (!table_fmt && (ofmt < 0 || !strcmp(format, "json")))
        cli_die("--format: unknown format '%s'; use table, csv, jsonl or geojson", format);
    sr_store *st = cli_open_store(db);
    int rc;
    if (incidents && !table_fmt) {
        rc = sr_store_incidents(st, &q, put_incident, NULL);
    } else if (table_fmt) {
        table t = {0};
        rc = incidents ? sr_store_incidents(st, &q, add_incident, &t) : sr_store_events(st, &q, add_row, &t);
        if (!rc)
            print_table(&t, incidents ? inc_head : ev_head, incidents ? "incident" : "event");
        for (size_t i = 0; i < t.n; i++)
            for (int c = 0; c < NCOLS; c++)
                free(t.rows[i].cell[c]);
        free(t.rows);
    } else {
        sr_writer *w = sr_writer_new(stdout, (sr_outfmt)ofmt);
        if (!w)
            cli_die("out of memory");
        rc = sr_store_events(st, &q, put_event, w);
        if (!rc)
            rc = sr_writer_finish(w);
        sr_writer_free(w);
    }
    if (rc) {
        if (rc == SR_EIO)
            cli_die("cannot write the events to standard output");
        cli_die("%s: %s", db, sr_store_error(st));
    }
    sr_store_free(st);
    if (fflush(stdout) != 0)
        cli_die("cannot write the events to standard output");
    return 0;
}
