/* code.c — `sitrep code`: reads documents (files or stdin) and writes their
 * events to stdout as JSON Lines, CSV or GeoJSON. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "sitrep code [--from text|jsonl|html|rss] [--to jsonl|csv|geojson] [--date YYYY-MM-DD]\n"
    "                   [--data DIR] [--engine auto|vectorscan|portable] [FILE...]";

typedef struct run {
    sr_ctx *ctx;
    sr_writer *w;
    long docs, events, bad;
} run;

static int on_doc(void *ud, const sr_doc *doc)
{
    run *r = ud;
    sr_events *evs = NULL;
    int rc = sr_code(r->ctx, doc, &evs);
    r->docs++;
    if (rc) {
        cli_diag(&r->bad, doc->origin, doc->item, sr_strerror(rc));
        return 0;
    }
    for (size_t i = 0; i < sr_events_count(evs); i++) {
        if (sr_writer_put(r->w, sr_events_get(evs, i)) != 0) {
            sr_events_free(evs);
            cli_die("cannot write to standard output");
        }
        r->events++;
    }
    sr_events_free(evs);
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
        if (rc < 0 && rc != SR_EPARSE && rc != SR_EEMPTY && rc != SR_ETOOBIG)
            cli_diag(&r.bad, strcmp(path, "-") ? path : "<stdin>", 0, sr_strerror(rc));
        else if (rc < 0 && r.bad == 0)
            r.bad++;
    }
    sr_writer_finish(r.w);
    sr_writer_free(r.w);
    sr_ctx_free(r.ctx);
    fflush(stdout);
    return r.bad ? 1 : 0;
}
