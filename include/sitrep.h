/* sitrep.h — the public API of libsitrep: read news documents, code them into
 * conflict events (ACLED taxonomy) with the text spans behind every field,
 * write events as JSON Lines / CSV / GeoJSON, and store and tally them in SQLite.
 *
 * Ownership, once for the whole API: the caller owns what it passes in and what a
 * _new/_open returns (release it with the matching _free; _free(NULL) is a no-op);
 * every pointer found inside a returned object or passed to a callback is borrowed,
 * valid until that object is freed or the callback returns. Text travels as
 * (pointer, length) in UTF-8 and need not be NUL-terminated. */
#ifndef SITREP_H
#define SITREP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SR_VERSION "0.1.0"

/* ---- errors ---------------------------------------------------------- */
enum {
    SR_OK = 0,
    SR_ENOMEM = -1,    /* out of memory */
    SR_EINVAL = -2,    /* bad argument or option */
    SR_EIO = -3,       /* file could not be read or written */
    SR_EPARSE = -4,    /* input could not be parsed */
    SR_EDB = -5,       /* database error */
    SR_ETOOBIG = -6,   /* input over a size cap */
    SR_ENOTFOUND = -7, /* no such file, document or entry */
    SR_EDATA = -8,     /* a dictionary or data file is invalid */
    SR_EENGINE = -9,   /* the matching engine failed */
    SR_EEMPTY = -10    /* input holds no document */
};
const char *sr_strerror(int err);

/* ---- context: dictionaries, matchers, places ------------------------- */
typedef enum { SR_ENGINE_AUTO = 0, SR_ENGINE_HS, SR_ENGINE_PORTABLE } sr_engine;

typedef struct sr_ctx sr_ctx;
/* Loads the dictionaries in datadir (NULL: $SITREP_DATA, else the data/ dir
 * the binary was built with). Returns NULL and writes a message to err. */
sr_ctx *sr_ctx_new(const char *datadir, sr_engine engine, char *err, size_t errlen);
void sr_ctx_free(sr_ctx *ctx);
/* Name of the matching engine in use: "vectorscan" or "portable". */
const char *sr_ctx_engine(const sr_ctx *ctx);

/* Diagnostics (warnings and per-item errors): origin is a file name or
 * "<stdin>", line the line or item number (0 when not applicable). */
typedef void (*sr_diag_cb)(void *ud, const char *origin, long line, const char *msg);

/* Validates every dictionary file in datadir; reports each problem with its
 * file and line through diag. Returns the number of errors (0 = valid). */
int sr_lexicon_check(const char *datadir, sr_diag_cb diag, void *ud);

/* ---- documents and input formats -------------------------------------- */
typedef struct sr_doc {
    const char *id;     /* stable id: given (jsonl), else derived from name/link/hash */
    const char *title;  /* "" when none */
    const char *date;   /* publication date YYYY-MM-DD, "" when unknown */
    const char *source; /* outlet / feed title, "" when none */
    const char *url;    /* "" when none */
    const char *text;   /* body text, valid UTF-8 (invalid bytes were replaced) */
    size_t text_len;
    const char *origin; /* file name or "<stdin>" */
    long item;          /* line (jsonl) or item number (feeds), 0 otherwise */
} sr_doc;

typedef enum { SR_FMT_AUTO = 0, SR_FMT_TEXT, SR_FMT_JSONL, SR_FMT_HTML, SR_FMT_FEED } sr_format;
/* "text", "jsonl", "html", "rss"/"atom"/"feed"; returns -1 for an unknown name. */
int sr_format_parse(const char *name);
sr_format sr_format_detect(const char *buf, size_t len, const char *filename);

#define SR_MAX_INPUT_BYTES ((size_t)256 << 20) /* cap on one input file */
#define SR_MAX_DOC_BYTES ((size_t)64 << 20)   /* cap on one document's text */

typedef struct sr_read_opts {
    sr_format format;         /* SR_FMT_AUTO to detect */
    const char *default_date; /* used when a document carries no date; may be NULL */
    sr_diag_cb diag;          /* warnings and bad items; may be NULL */
    void *diag_ud;
} sr_read_opts;

/* Called once per document; a non-zero return stops reading and is returned. */
typedef int (*sr_doc_cb)(void *ud, const sr_doc *doc);

/* Splits a buffer into documents. Bad items are reported through diag and
 * skipped; the rest still arrive. Returns 0, the callback's non-zero value,
 * or a negative SR_E… when the input as a whole is unusable. */
int sr_read_buffer(const char *buf, size_t len, const char *origin, const sr_read_opts *opts,
                   sr_doc_cb cb, void *ud);
/* As sr_read_buffer for a file; path "-" reads standard input. */
int sr_read_file(const char *path, const sr_read_opts *opts, sr_doc_cb cb, void *ud);

/* ---- events ----------------------------------------------------------- */
/* A byte span in the document text; start < 0 means "no evidence". */
typedef struct sr_span {
    int32_t start, end;
} sr_span;

/* One coded event. Strings are never NULL: "" means the text did not support
 * the field. Integers use -1 (fatalities) or 0 (inter, precision) for unknown;
 * latitude/longitude are NAN when unknown. */
typedef struct sr_event {
    const char *doc_id;
    const char *event_id;
    const char *kind; /* "incident" or "aggregate" */
    char event_date[11], date_start[11], date_end[11];
    int time_precision; /* 1 day, 2 week or a few days, 3 month or longer; 0 unknown */
    const char *event_type, *sub_event_type;
    const char *actor1, *assoc_actor_1;
    int inter1;
    const char *actor2, *assoc_actor_2;
    int inter2;
    const char *country, *iso3, *admin1, *admin2, *location;
    const char *admin1_acled; /* admin1 as ACLED spells it ("Idleb" for GeoNames' "Idlib") */
    double latitude, longitude;
    int geo_precision; /* 1 place, 2 near / part of region, 3 region; 0 unknown */
    long geonames_id;  /* 0 when not from GeoNames */
    int fatalities, fatalities_low, fatalities_high; /* -1 unknown */
    const char *source; /* who the report attributes the claim to */
    const char *notes;  /* the supporting sentence */
    /* evidence: byte spans in the document text */
    sr_span ev_sentence, ev_trigger, ev_actor1, ev_actor2, ev_place, ev_date, ev_number, ev_source;
} sr_event;

typedef struct sr_events sr_events;
/* Codes one document. On success *out holds the events (possibly none) in the
 * order the text reports them. */
int sr_code(sr_ctx *ctx, const sr_doc *doc, sr_events **out);
/* Codes docs[0, n) as n calls of sr_code would, with the same events: out[i]
 * and rcs[i] are what sr_code gives for docs[i] (out[i] NULL when rcs[i] is
 * an error). Faster on streams of short documents, whose stages then run
 * over several documents at a time. Returns 0, or an error (SR_EINVAL,
 * SR_ENOMEM) when nothing was coded. */
int sr_code_batch(sr_ctx *ctx, const sr_doc *docs, size_t n, sr_events **out, int *rcs);
size_t sr_events_count(const sr_events *evs);
const sr_event *sr_events_get(const sr_events *evs, size_t i);
void sr_events_free(sr_events *evs);

/* ---- places ----------------------------------------------------------- */
/* One candidate for a place name, as the gazetteer holds it and as the coder
 * scores it (docs/geocoding.md). Strings belong to the context. */
typedef struct sr_place {
    const char *name, *country, *iso3, *admin1, *admin1_acled, *admin2;
    const char *kind;         /* "city", "admin1", "admin2", "region", "feature" */
    const char *feature_code; /* GeoNames feature code, "OWN" for data/places.tsv rows */
    double latitude, longitude;
    long population, geonames_id; /* geonames_id 0: sitrep's own entry */
    double score;
    const char *why; /* the rules behind the score */
    int chosen;      /* 1 for the candidate the coder would take */
} sr_place;
typedef int (*sr_place_cb)(void *ud, const sr_place *p);
/* Calls cb for every place the gazetteer knows under name (any spelling it
 * lists), scored as the coder would with country (name or ISO3; NULL: none) in
 * context and, with province != 0, a province meant. Returns the number of
 * candidates (0: unknown name), SR_ENOTFOUND for an unknown country. */
int sr_place_lookup(sr_ctx *ctx, const char *name, const char *country, int province, sr_place_cb cb,
                    void *ud);

/* ---- output ----------------------------------------------------------- */
typedef enum { SR_OUT_JSONL = 0, SR_OUT_CSV, SR_OUT_GEOJSON } sr_outfmt;
int sr_outfmt_parse(const char *name); /* "jsonl", "csv", "geojson"; -1 if unknown */

typedef struct sr_writer sr_writer;
sr_writer *sr_writer_new(FILE *fp, sr_outfmt fmt);
int sr_writer_put(sr_writer *w, const sr_event *ev);
/* Closes the output structure (GeoJSON brackets); call once at the end. */
int sr_writer_finish(sr_writer *w);
void sr_writer_free(sr_writer *w);
/* The event as one JSON object without newline; malloc'd, caller frees. */
char *sr_event_to_json(const sr_event *ev);

/* ---- store ------------------------------------------------------------ */
typedef struct sr_store sr_store;
/* Opens (creating if needed) a SQLite store. NULL and a message on failure.
 * A store handle serves one thread at a time (its connection is opened
 * without SQLite's per-call mutex); threads open a handle each. */
sr_store *sr_store_open(const char *path, char *err, size_t errlen);
void sr_store_free(sr_store *st);
const char *sr_store_error(const sr_store *st);

int sr_store_begin(sr_store *st);
int sr_store_commit(sr_store *st);
int sr_store_rollback(sr_store *st);
/* Stores a document and its events. A document whose text hash is already
 * stored is skipped: returns 0 and sets *skipped = 1. */
int sr_store_add(sr_store *st, const sr_doc *doc, const sr_events *evs, int *skipped);

typedef struct sr_query {
    const char *since, *until; /* YYYY-MM-DD inclusive, NULL = open */
    const char *country;       /* name or ISO3 */
    const char *admin1;
    const char *actor;         /* substring of actor1 or actor2 */
    const char *type;          /* event_type or sub_event_type */
    const char *kind;          /* "incident" or "aggregate" */
    long limit;                /* 0 = no limit */
    const char *origin;        /* "news" (NULL or ""), "acled", "ucdp", or "all" */
} sr_query;

typedef int (*sr_event_cb)(void *ud, const sr_event *ev);
int sr_store_events(sr_store *st, const sr_query *q, sr_event_cb cb, void *ud);

typedef struct sr_tally {
    const char *key;
    long incidents, aggregates;                 /* incidents (repeated reports merged), aggregate claims */
    long fat_low, fat_best, fat_high;           /* sums over incidents */
    long claim_low, claim_best, claim_high;     /* sums over aggregate claims */
} sr_tally;
typedef int (*sr_tally_cb)(void *ud, const sr_tally *row);
/* by: "actor", "admin1", "country", "week", "month", "sub_event_type". */
int sr_store_report(sr_store *st, const char *by, const sr_query *q, sr_tally_cb cb, void *ud);

/* One incident: the news reports of the same event linked together
 * (docs/dedup.md), with fatalities reconciled over its reports. */
typedef struct sr_incident {
    long long id;
    char event_date[11];               /* the date it is tallied under (its most precise report's) */
    char first_date[11], last_date[11]; /* the span its reports give */
    const char *event_type, *sub_event_type, *actor1, *actor2;
    const char *country, *admin1, *admin2, *location;
    double latitude, longitude; /* NAN when unknown */
    int fatalities_low, fatalities_best, fatalities_high; /* -1 unknown */
    int n_reports, n_sources; /* mentions, and the distinct outlets behind them */
} sr_incident;
typedef int (*sr_incident_cb)(void *ud, const sr_incident *inc);
/* Streams the incidents matching q (its kind and origin apply as to events:
 * incidents are news incidents) in date order. */
int sr_store_incidents(sr_store *st, const sr_query *q, sr_incident_cb cb, void *ud);

/* Stores reference events (rows of an ACLED or UCDP export) with origin
 * "acled" or "ucdp", under one document standing for the file: file->text is
 * hashed (not stored), and a file already imported is skipped (*skipped = 1).
 * Event ids are prefixed "<origin>:"; a reference event already stored under
 * the same id (an updated export) is replaced. */
int sr_store_add_reference(sr_store *st, const char *origin, const sr_doc *file, const sr_event *evs, size_t n,
                           int *skipped);

/* One aggregate claim ("69 killed this month") beside the news incidents it
 * covers (its period, and its country, admin1, actor and event type when it
 * names them), as linked in the store (schema 8, docs/dedup.md); the
 * incidents' sums are never added to any tally. */
typedef struct sr_claim {
    const char *event_id, *from, *to; /* its period: date_start..date_end, or its date */
    const char *country, *admin1, *actor1, *event_type;
    long low, best, high;               /* claimed fatalities; -1 unknown */
    long incidents;                     /* recorded incidents covered */
    long fat_low, fat_best, fat_high;   /* their reconciled fatalities */
    const char *incident_ids;           /* the incidents' ids, comma-separated */
} sr_claim;
typedef int (*sr_claim_cb)(void *ud, const sr_claim *c);
/* The claims passing q's filters (as events), in date order. */
int sr_store_claims(sr_store *st, const sr_query *q, sr_claim_cb cb, void *ud);

/* What the events matching q cover: how many, the documents they come from,
 * first and last event date ("" when none is dated). With an --admin1,
 * --type or --actor filter, documents counts reports (stored event rows
 * passing the filter), which add up over names and months: docs/store.md. */
typedef struct sr_scope {
    long events, documents;
    char first[11], last[11];
} sr_scope;
int sr_store_scope(sr_store *st, const sr_query *q, sr_scope *out);

/* ---- CSV exports (src/csv.c): RFC 4180, for ACLED and UCDP files ------- */
typedef struct sr_csv sr_csv;
/* Reads the whole file (path "-": standard input; capped at SR_MAX_INPUT_BYTES). */
sr_csv *sr_csv_open(const char *path, char *err, size_t errlen);
void sr_csv_free(sr_csv *c);
/* Next record: 1, 0 at the end, -1 when malformed (sr_csv_error says why;
 * the reader has moved past it). *line receives the line it starts on. */
int sr_csv_next(sr_csv *c, long *line);
int sr_csv_count(const sr_csv *c);               /* fields in the record */
const char *sr_csv_field(const sr_csv *c, int i); /* "" when out of range */
/* Index of a header name in the current record (any case, BOM and spaces
 * ignored), or -1. */
int sr_csv_find(const sr_csv *c, const char *name);
const char *sr_csv_error(const sr_csv *c);
/* The file as read (to identify it, e.g. by a hash). */
const char *sr_csv_bytes(const sr_csv *c, size_t *len);
/* An export's date ("9-May-20", "31-12-19", "09 May 2020", "13/01/2018",
 * "2020-05-09", "2020-05-09 00:00:00.000") as YYYY-MM-DD; SR_EPARSE if not a date. */
int sr_csv_date(const char *s, char out[11]);
/* An ACLED inter code from a number ("3") or a 2023+ name ("Political militia"); 0 unknown. */
int sr_csv_inter(const char *s);

/* ---- trends: escalation alerts (src/trend.c, docs/alerts.md) ---------- */
typedef struct sr_alert_opts {
    const char *by;       /* "actor" (actor1), "admin1" or "actor,admin1"; NULL = actor */
    const char *metric;   /* "events" (NULL) or "fatalities" */
    const char *until;    /* last day of the window; NULL = the latest dated incident */
    int window_days;      /* 0 = 30 */
    int baseline_days;    /* the period before the window; 0 = 90 */
    double alpha;         /* family-wise error rate over all series; 0 = 0.01 */
    long min_count;       /* a window count below this is never flagged; 0 = 5 */
    double min_ratio;     /* a rate ratio below this is never flagged; 0 = 1.5 */
    const char *country;  /* name or ISO3; NULL = all */
    const char *origin;   /* as sr_query.origin; NULL = news */
    int all;              /* also report the series tested and not flagged */
    int header;           /* first, one call with series NULL: the period and the tests count, even
                           * when no series is reported */
} sr_alert_opts;

typedef struct sr_alert {
    const char *series;      /* the key: actor, admin1, or "actor | admin1" */
    const char *top_other;   /* commonest admin1 (by actor) or actor (by admin1) in the window; "" */
    const char *metric;      /* "events" or "fatalities" */
    const char *test;        /* name of the test behind p_value */
    int flagged;
    long window_count, baseline_count;   /* incidents, or fatalities, in each period */
    long window_events, baseline_events; /* incidents (after merging repeated reports) */
    int window_days, baseline_days;      /* exposure; the baseline may be shorter than asked */
    double rate_window, rate_baseline;   /* per 30 days */
    double rate_ratio;                   /* window rate / baseline rate; INFINITY when the baseline is 0 */
    double p_value;                      /* one-sided: the window is higher */
    double p_adjusted;                   /* Holm over `tests` series (Tarone's count) */
    double dispersion;                   /* gamma shape per day behind a beta-binomial test; 0: Poisson */
    long tests;
    char window_start[11], until[11], baseline_start[11];
    const char *const *event_ids;        /* the window's events behind the count */
    size_t nids;
} sr_alert;
typedef int (*sr_alert_cb)(void *ud, const sr_alert *a);
/* Tests every series of stored incidents for a rate in the window above its
 * baseline; calls cb for each flagged series (all tested ones with o->all),
 * most significant first. Returns 0, cb's non-zero value, or a negative
 * SR_E… with a message in err. */
int sr_trend_alerts(sr_store *st, const sr_alert_opts *o, sr_alert_cb cb, void *ud, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif
#endif
