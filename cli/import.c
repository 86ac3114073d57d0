/* import.c — sitrep import: stores reference events from an ACLED export
 * (2020+, 2023+ and the old upper-case schemas, columns found by header
 * name) or a UCDP GED CSV in the store, marked by origin ('acled', 'ucdp'),
 * so that `sitrep compare` can set them against the events coded from news.
 * Re-importing the same file adds nothing. See docs/store.md. */
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char usage[] =
    "usage: sitrep import [--db FILE] (--acled FILE.csv | --ucdp FILE.csv)...\n"
    "\n"
    "Stores the events of ACLED exports (any schema since 2019: columns are found\n"
    "by name) or UCDP GED CSV files as reference events, apart from the events\n"
    "coded from news (origin 'acled' or 'ucdp'). A file already imported is\n"
    "skipped; an event id already stored is replaced (an updated export).\n"
    "\n"
    "options:\n"
    "  --db FILE        the store (default ./sitrep.db; created if missing)\n"
    "  --acled FILE     an ACLED export (CSV); may be repeated\n"
    "  --ucdp FILE      a UCDP GED event file (CSV); may be repeated\n"
    "  --help           show this help\n";

/* Strings of the events of one file, copied out of the reader's record. */
typedef struct arena {
    char **blocks;
    size_t nblocks, capblocks, used, size;
} arena;

static const char *keep(arena *a, const char *s)
{
    size_t n = strlen(s) + 1;
    if (!a->nblocks || a->used + n > a->size) {
        size_t sz = n > 65536 ? n : 65536;
        cli_grow((void **)&a->blocks, &a->capblocks, a->nblocks, sizeof *a->blocks);
        if (!(a->blocks[a->nblocks] = malloc(sz)))
            cli_die("out of memory");
        a->nblocks++;
        a->used = 0;
        a->size = sz;
    }
    char *d = a->blocks[a->nblocks - 1] + a->used;
    memcpy(d, s, n);
    a->used += n;
    return d;
}

static void arena_free(arena *a)
{
    for (size_t i = 0; i < a->nblocks; i++)
        free(a->blocks[i]);
    free(a->blocks);
    memset(a, 0, sizeof *a);
}

static long to_long(const char *s, long unknown)
{
    char *e;
    while (*s == ' ')
        s++;
    if (!*s)
        return unknown;
    double v = strtod(s, &e);
    return e == s || !isfinite(v) || v < 0 || v > 1e9 ? unknown : (long)v;
}

static double to_real(const char *s)
{
    char *e;
    while (*s == ' ')
        s++;
    if (!*s)
        return NAN;
    double v = strtod(s, &e);
    return e == s ? NAN : v;
}

/* Column indexes: -1 when absent. */
enum {
    C_ID, C_ID2, C_DATE, C_PREC, C_TYPE, C_SUB, C_A1, C_AA1, C_I1, C_A2, C_AA2, C_I2, C_COUNTRY, C_ISO3, C_ADM1,
    C_ADM2, C_LOC, C_LAT, C_LON, C_GEO, C_FAT, C_SRC, C_NOTES,
    /* UCDP only */
    C_DEND, C_LOW, C_HIGH, C_VIOL, C_NCOLS
};

typedef struct file_run {
    const char *path, *origin;
    sr_csv *c;
    int col[C_NCOLS];
    long bad;
} file_run;

static const char *f(const file_run *r, int col)
{
    return sr_csv_field(r->c, r->col[col]);
}

static void row_diag(file_run *r, long line, const char *fmt, const char *val)
{
    char msg[256];
    snprintf(msg, sizeof msg, fmt, val);
    cli_diag(&r->bad, r->path, line, msg);
}

/* One ACLED row as an event; 0 when the row is unusable (reported). */
static int acled_row(file_run *r, long line, arena *a, sr_event *ev)
{
    char date[11];
    if (sr_csv_date(f(r, C_DATE), date)) {
        row_diag(r, line, "event_date '%.40s' is not a date (want e.g. 9-May-20 or 2020-05-09); row skipped",
                 f(r, C_DATE));
        return 0;
    }
    const char *id = *f(r, C_ID) ? f(r, C_ID) : f(r, C_ID2);
    if (!*id) {
        row_diag(r, line, "%sno event_id_cnty or data_id; row skipped", "");
        return 0;
    }
    memcpy(ev->event_date, date, 11);
    memcpy(ev->date_start, date, 11);
    memcpy(ev->date_end, date, 11);
    ev->event_id = keep(a, id);
    ev->kind = "incident";
    ev->time_precision = (int)to_long(f(r, C_PREC), 0);
    if (ev->time_precision > 3)
        ev->time_precision = 3;
    ev->event_type = keep(a, f(r, C_TYPE));
    ev->sub_event_type = keep(a, f(r, C_SUB));
    ev->actor1 = keep(a, f(r, C_A1));
    ev->assoc_actor_1 = keep(a, f(r, C_AA1));
    ev->inter1 = sr_csv_inter(f(r, C_I1));
    ev->actor2 = keep(a, f(r, C_A2));
    ev->assoc_actor_2 = keep(a, f(r, C_AA2));
    ev->inter2 = sr_csv_inter(f(r, C_I2));
    ev->country = keep(a, f(r, C_COUNTRY));
    ev->iso3 = keep(a, f(r, C_ISO3));
    ev->admin1 = keep(a, f(r, C_ADM1));
    ev->admin2 = keep(a, f(r, C_ADM2));
    ev->location = keep(a, f(r, C_LOC));
    ev->latitude = to_real(f(r, C_LAT));
    ev->longitude = to_real(f(r, C_LON));
    ev->geo_precision = (int)to_long(f(r, C_GEO), 0);
    ev->fatalities = ev->fatalities_low = ev->fatalities_high = (int)to_long(f(r, C_FAT), -1);
    ev->source = keep(a, f(r, C_SRC));
    ev->notes = keep(a, f(r, C_NOTES));
    return 1;
}

/* One UCDP GED row as an event (UCDP's three types of violence mapped to
 * ACLED's nearest types); 0 when unusable (reported). */
static int ucdp_row(file_run *r, long line, arena *a, sr_event *ev)
{
    char d0[11], d1[11];
    if (sr_csv_date(f(r, C_DATE), d0)) {
        row_diag(r, line, "date_start '%.40s' is not a date; row skipped", f(r, C_DATE));
        return 0;
    }
    if (sr_csv_date(f(r, C_DEND), d1))
        memcpy(d1, d0, 11);
    if (!*f(r, C_ID)) {
        row_diag(r, line, "%sno id; row skipped", "");
        return 0;
    }
    memcpy(ev->event_date, d0, 11);
    memcpy(ev->date_start, d0, 11);
    memcpy(ev->date_end, d1, 11);
    ev->event_id = keep(a, f(r, C_ID));
    ev->kind = "incident";
    long dp = to_long(f(r, C_PREC), 0), wp = to_long(f(r, C_GEO), 0);
    ev->time_precision = dp <= 0 ? 0 : dp == 1 ? 1 : dp <= 3 ? 2 : 3;
    ev->geo_precision = wp <= 0 ? 0 : wp == 1 ? 1 : wp <= 3 ? 2 : 3;
    long v = to_long(f(r, C_VIOL), 0);
    ev->event_type = v == 3 ? "Violence against civilians" : v == 1 || v == 2 ? "Battles" : "";
    ev->sub_event_type = v == 3 ? "Attack" : v == 1 || v == 2 ? "Armed clash" : "";
    ev->actor1 = keep(a, f(r, C_A1));
    ev->actor2 = keep(a, f(r, C_A2));
    ev->assoc_actor_1 = ev->assoc_actor_2 = "";
    ev->country = keep(a, f(r, C_COUNTRY));
    ev->iso3 = "";
    ev->admin1 = keep(a, f(r, C_ADM1));
    ev->admin2 = keep(a, f(r, C_ADM2));
    ev->location = keep(a, f(r, C_LOC));
    ev->latitude = to_real(f(r, C_LAT));
    ev->longitude = to_real(f(r, C_LON));
    ev->fatalities = (int)to_long(f(r, C_FAT), -1);
    ev->fatalities_low = (int)to_long(f(r, C_LOW), -1);
    ev->fatalities_high = (int)to_long(f(r, C_HIGH), -1);
    ev->source = keep(a, f(r, C_SRC));
    ev->notes = keep(a, f(r, C_NOTES));
    return 1;
}

static void find_cols(file_run *r)
{
    static const char *const acled[C_NCOLS] = {
        "event_id_cnty", "data_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
        "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "country", "iso3", "admin1", "admin2",
        "location", "latitude", "longitude", "geo_precision", "fatalities", "source", "notes", NULL, NULL, NULL,
        NULL};
    static const char *const ucdp[C_NCOLS] = {
        "id", NULL, "date_start", "date_prec", NULL, NULL, "side_a", NULL, NULL, "side_b", NULL, NULL, "country",
        NULL, "adm_1", "adm_2", "where_coordinates", "latitude", "longitude", "where_prec", "best",
        "source_office", "source_headline", "date_end", "low", "high", "type_of_violence"};
    const char *const *names = !strcmp(r->origin, "acled") ? acled : ucdp;
    for (int i = 0; i < C_NCOLS; i++)
        r->col[i] = names[i] ? sr_csv_find(r->c, names[i]) : -1;
}

static void import_file(sr_store *st, file_run *r, long *total_events, long *skipped_files)
{
    char err[600];
    if (!(r->c = sr_csv_open(r->path, err, sizeof err)))
        cli_die("%s", err);
    long line;
    int rc = sr_csv_next(r->c, &line);
    if (rc <= 0)
        cli_die("%s: %s", r->path, rc == 0 ? "empty file" : sr_csv_error(r->c));
    find_cols(r);
    int is_acled = !strcmp(r->origin, "acled");
    if (is_acled && sr_csv_find(r->c, "type_of_violence") >= 0)
        cli_die("%s: this looks like a UCDP GED file (it has type_of_violence); import it with --ucdp", r->path);
    if (!is_acled && sr_csv_find(r->c, "event_id_cnty") >= 0)
        cli_die("%s: this looks like an ACLED export (it has event_id_cnty); import it with --acled", r->path);
    const int need[] = {C_DATE, is_acled ? C_TYPE : C_VIOL, C_A1, C_COUNTRY};
    for (size_t i = 0; i < sizeof need / sizeof need[0]; i++)
        if (r->col[need[i]] < 0)
            cli_die("%s: no column for %s; is this %s file?", r->path,
                    is_acled ? (const char *[]){"event_date", "event_type", "actor1", "country"}[i]
                             : (const char *[]){"date_start", "type_of_violence", "side_a", "country"}[i],
                    is_acled ? "an ACLED export" : "a UCDP GED");
    if (r->col[C_ID] < 0 && r->col[C_ID2] < 0)
        cli_die("%s: no %s column; is this %s file?", r->path, is_acled ? "event_id_cnty or data_id" : "id",
                is_acled ? "an ACLED export" : "a UCDP GED");
    int header_nf = sr_csv_count(r->c);

    arena a = {0};
    sr_event *evs = NULL;
    size_t n = 0, cap = 0;
    while ((rc = sr_csv_next(r->c, &line)) != 0) {
        if (rc < 0) {
            row_diag(r, line, "%s; row skipped", sr_csv_error(r->c));
            continue;
        }
        if (sr_csv_count(r->c) == 1 && !*sr_csv_field(r->c, 0))
            continue; /* blank line */
        if (sr_csv_count(r->c) != header_nf) {
            char msg[160];
            snprintf(msg, sizeof msg, "row has %d fields, the header %d; row skipped", sr_csv_count(r->c),
                     header_nf);
            cli_diag(&r->bad, r->path, line, msg);
            continue;
        }
        cli_grow((void **)&evs, &cap, n, sizeof *evs);
        sr_event *ev = &evs[n];
        memset(ev, 0, sizeof *ev);
        ev->doc_id = "";
        ev->latitude = ev->longitude = NAN;
        if (is_acled ? acled_row(r, line, &a, ev) : ucdp_row(r, line, &a, ev))
            n++;
    }
    /* the file's bytes identify it: re-importing the same export is a no-op */
    const char *base = strrchr(r->path, '/');
    base = base ? base + 1 : r->path;
    size_t nbytes = 0;
    const char *bytes = sr_csv_bytes(r->c, &nbytes);
    sr_doc file = {.id = base, .title = base, .date = "", .source = r->origin, .url = "", .text = bytes,
                   .text_len = nbytes, .origin = r->path};
    int skipped = 0;
    if (sr_store_begin(st) || sr_store_add_reference(st, r->origin, &file, evs, n, &skipped) ||
        sr_store_commit(st))
        cli_die("%s: %s", r->path, sr_store_error(st));
    if (skipped) {
        (*skipped_files)++;
        fprintf(stderr, "%s: already imported; nothing added\n", r->path);
    } else {
        *total_events += (long)n;
        fprintf(stderr, "%s: %zu %s events imported\n", r->path, n, r->origin);
    }
    free(evs);
    arena_free(&a);
    sr_csv_free(r->c);
    r->c = NULL;
}

int cmd_import(int argc, char **argv)
{
    const char *db = "sitrep.db";
    file_run *files = NULL;
    size_t nfiles = 0, capfiles = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            free(files);
            return 0;
        }
        if (cli_opt(argc, argv, &i, "--db", &db))
            continue;
        int acled = cli_opt(argc, argv, &i, "--acled", &v);
        if (acled || cli_opt(argc, argv, &i, "--ucdp", &v)) {
            cli_grow((void **)&files, &capfiles, nfiles, sizeof *files);
            files[nfiles++] = (file_run){.path = v, .origin = acled ? "acled" : "ucdp"};
            continue;
        }
        if (a[0] == '-')
            cli_die("import: unknown option '%s'; see 'sitrep import --help'", a);
        cli_die("import: unexpected argument '%s'; name the file with --acled or --ucdp", a);
    }
    if (!nfiles)
        cli_die("import: no file given; use --acled FILE.csv or --ucdp FILE.csv");
    char err[1200];
    sr_store *st = sr_store_open(db, err, sizeof err);
    if (!st)
        cli_die("%s", err);
    long events = 0, skipped = 0, bad = 0;
    for (size_t i = 0; i < nfiles; i++) {
        import_file(st, &files[i], &events, &skipped);
        bad += files[i].bad;
    }
    fprintf(stderr, "imported %ld reference events from %zu file%s (%ld already imported); %ld bad rows\n", events,
            nfiles - (size_t)skipped, nfiles - (size_t)skipped == 1 ? "" : "s", skipped, bad);
    free(files);
    sr_store_free(st);
    return bad ? 1 : 0;
}
