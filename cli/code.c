/* code.c — `sitrep code`: reads documents (files or stdin) and writes their
 * events to stdout as JSON Lines, CSV or GeoJSON. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "sitrep code [--from text|jsonl|html|rss] [--to jsonl|csv|geojson] [--date YYYY-MM-DD]\n"
    "                   [--data DIR] [--engine auto|vectorscan|portable] [FILE...]";

/* Short documents wait in a batch of up to BATCH_DOCS (and BATCH_BYTES of
 * text) and are coded together (sr_code_batch), then written in their
 * order; a longer one is coded at once, alone. The reader's strings last
 * only for its callback: a batch's are copied into one buffer, by offset,
 * since it may move as it grows. */
#define BATCH_DOCS 16
#define BATCH_BYTES 4096
enum { F_ID, F_TITLE, F_DATE, F_SOURCE, F_URL, F_ORIGIN, F_TEXT, NFIELDS };

typedef struct run {
    sr_ctx *ctx;
    sr_writer *w;
    long docs, events, bad;
    struct {
        size_t at[NFIELDS]; /* offsets into buf + 1, 0 for NULL */
        size_t text_len;
        long item;
    } batch[BATCH_DOCS];
    size_t n, bytes;
    char *buf;
    size_t used, cap;
} run;

/* Writes the events of doc (or reports its error) and frees them. */
static void put_events(run *r, const sr_doc *doc, sr_events *evs, int rc)
{
    r->docs++;
    if (rc) {
        cli_diag(&r->bad, doc->origin, doc->item, sr_strerror(rc));
        return;
    }
    for (size_t i = 0; i < sr_events_count(evs); i++) {
        if (sr_writer_put(r->w, sr_events_get(evs, i)) != 0)
            cli_die("cannot write to standard output");
        r->events++;
    }
    sr_events_free(evs);
}

static void flush(run *r)
{
    sr_doc docs[BATCH_DOCS];
    sr_events *evs[BATCH_DOCS];
    int rcs[BATCH_DOCS];
    for (size_t k = 0; k < r->n; k++) {
        const char *f[NFIELDS];
        for (int j = 0; j < NFIELDS; j++)
            f[j] = r->batch[k].at[j] ? r->buf + r->batch[k].at[j] - 1 : NULL;
        docs[k] = (sr_doc){.id = f[F_ID], .title = f[F_TITLE], .date = f[F_DATE], .source = f[F_SOURCE],
                           .url = f[F_URL], .origin = f[F_ORIGIN], .text = f[F_TEXT],
                           .text_len = r->batch[k].text_len, .item = r->batch[k].item};
    }
    int rc = sr_code_batch(r->ctx, docs, r->n, evs, rcs);
    for (size_t k = 0; k < r->n; k++)
        put_events(r, &docs[k], evs[k], rc ? rc : rcs[k]);
    r->n = r->bytes = r->used = 0;
}

static int on_doc(void *ud, const sr_doc *doc)
{
    run *r = ud;
    if (r->n && r->bytes + doc->text_len > BATCH_BYTES)
        flush(r); /* (a batch is at most BATCH_BYTES of text) */
    if (doc->text_len > BATCH_BYTES) { /* an article: coded alone, from the reader's copy */
        sr_events *evs = NULL;
        int rc = sr_code(r->ctx, doc, &evs);
        put_events(r, doc, evs, rc);
        return 0;
    }
    const char *f[NFIELDS] = {doc->id, doc->title, doc->date, doc->source, doc->url, doc->origin, doc->text};
    size_t len[NFIELDS], need = 0;
    for (int j = 0; j < NFIELDS; j++) {
        len[j] = !f[j] ? 0 : j == F_TEXT ? doc->text_len : *f[j] ? strlen(f[j]) : 0; /* (often "") */
        need += f[j] ? len[j] + 1 : 0;
    }
    if (r->used + need > r->cap) {
        size_t cap = r->cap ? r->cap : 16384;
        while (cap < r->used + need)
            cap *= 2;
        char *nb = realloc(r->buf, cap);
        if (!nb)
            cli_die("out of memory");
        r->buf = nb;
        r->cap = cap;
    }
    for (int j = 0; j < NFIELDS; j++) {
        r->batch[r->n].at[j] = f[j] ? r->used + 1 : 0;
        if (f[j]) {
            if (len[j])
                memcpy(r->buf + r->used, f[j], len[j]);
            r->buf[r->used + len[j]] = 0;
            r->used += len[j] + 1;
        }
    }
    r->batch[r->n].text_len = doc->text_len;
    r->batch[r->n].item = doc->item;
    r->bytes += doc->text_len;
    if (++r->n == BATCH_DOCS)
        flush(r);
    return 0;
}

int cmd_code(int argc, char **argv)
{
    const char *from = NULL, *to = "jsonl", *date = NULL, *data = NULL, *engine = NULL;
    int i = 1;
    for (; i < argc; i++) {
        const char *v;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: %s\n\nCodes each document into events, written to standard output in the "
                   "order the text reports them.\nWith no FILE, or FILE '-', reads standard input.\n",
                   usage);
            return 0;
        } else if (cli_opt(argc, argv, &i, "--from", &v))
            from = v;
        else if (cli_opt(argc, argv, &i, "--to", &v))
            to = v;
        else if (cli_opt(argc, argv, &i, "--date", &v))
            date = v;
        else if (cli_opt(argc, argv, &i, "--data", &v))
            data = v;
        else if (cli_opt(argc, argv, &i, "--engine", &v))
            engine = v;
        else if (!strcmp(argv[i], "--")) {
            i++;
            break;
        } else if (argv[i][0] == '-' && argv[i][1])
            cli_die("code: unknown option '%s'\nusage: %s", argv[i], usage);
        else
            break;
    }
    sr_read_opts opts = {0};
    if (from) {
        int f = sr_format_parse(from);
        if (f < 0)
            cli_die("--from: unknown format '%s'; use text, jsonl, html or rss", from);
        opts.format = (sr_format)f;
    }
    int of = sr_outfmt_parse(to);
    if (of < 0)
        cli_die("--to: unknown format '%s'; use jsonl, csv or geojson", to);
    if (date)
        cli_check_date("--date", date);
    opts.default_date = date;
    run r = {0};
    opts.diag = cli_diag;
    opts.diag_ud = &r.bad;
    r.ctx = cli_ctx(data, engine);
    r.w = sr_writer_new(stdout, (sr_outfmt)of);
    if (!r.w)
        cli_die("cannot create the %s writer", to);
    int nfiles = argc - i;
    for (int k = 0; k < (nfiles ? nfiles : 1); k++) {
        const char *path = nfiles ? argv[i + k] : "-";
        int rc = sr_read_file(path, &opts, on_doc, &r);
        if (r.n)
            flush(&r);
        if (rc < 0 && rc != SR_EPARSE && rc != SR_EEMPTY && rc != SR_ETOOBIG)
            cli_diag(&r.bad, strcmp(path, "-") ? path : "<stdin>", 0, sr_strerror(rc));
        else if (rc < 0 && r.bad == 0)
            r.bad++;
    }
    free(r.buf);
    sr_writer_finish(r.w);
    sr_writer_free(r.w);
    sr_ctx_free(r.ctx);
    fflush(stdout);
    return r.bad ? 1 : 0;
}
