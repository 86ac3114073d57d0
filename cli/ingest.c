/* ingest.c — sitrep ingest: reads documents, codes them and stores each with
 * its events in the SQLite store, one transaction per batch of documents so a
 * long run keeps what it has done. Bad items are reported and skipped. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: sitrep ingest [options] [FILE...]\n"
    "\n"
    "Codes every document in the FILEs (standard input when none, or '-') and\n"
    "stores the documents and their events. A document whose text is already\n"
    "stored is skipped, so ingesting the same files again adds nothing.\n"
    "\n"
    "options:\n"
    "  --db FILE          the store (default ./sitrep.db; created if missing)\n"
    "  --from FMT         input format: auto, text, jsonl, html, feed (default auto)\n"
    "  --date YYYY-MM-DD  publication date for documents that carry none\n"
    "  --data DIR         dictionaries directory (default $SITREP_DATA or the built-in one)\n"
    "  --engine E         matching engine: auto, vectorscan, portable\n"
    "  --batch N          documents per transaction (default 500)\n"
    "  --help             show this help\n"
    "\n"
    "Prints a summary to standard error. Exit status 0 when every input was\n"
    "usable, 1 when some were bad (the good ones are still stored).\n";

typedef struct ingest {
    sr_ctx *ctx;
    sr_store *st;
    long batch, in_batch;
    long docs, skipped, events, bad;
} ingest;

/* True for a reader diagnostic after which the document still arrives (a
 * repair or a fallback), which is not a bad input. */
static bool is_warning(const char *msg)
{
    static const char *const marks[] = {"replaced with U+FFFD", "using the default date", "were ignored"};
    if (!strncmp(msg, "warning", 7))
        return true;
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        if (strstr(msg, marks[i]))
            return true;
    return false;
}

/* Reader diagnostics: printed; counted as bad input unless a mere warning. */
static void diag(void *ud, const char *origin, long line, const char *msg)
{
    ingest *in = ud;
    cli_diag(NULL, origin, line, msg);
    if (!is_warning(msg))
        in->bad++;
}

/* Reports a document that could not be coded or stored (what: "coded"/"stored"). */
static void bad_doc(ingest *in, const sr_doc *doc, const char *what, const char *detail)
{
    char msg[1400];
    snprintf(msg, sizeof msg, "document '%.200s' could not be %s (%s); it was not stored",
             doc->id && *doc->id ? doc->id : "(no id)", what, detail);
    cli_diag(NULL, doc->origin, doc->item, msg);
    in->bad++;
}

static int on_doc(void *ud, const sr_doc *doc)
{
    ingest *in = ud;
    sr_events *evs = NULL;
    int rc = sr_code(in->ctx, doc, &evs);
    if (rc) {
        bad_doc(in, doc, "coded", sr_strerror(rc));
        sr_events_free(evs);
        return 0;
    }
    int skipped = 0;
    rc = sr_store_add(in->st, doc, evs, &skipped);
    if (rc) {
        bad_doc(in, doc, "stored", sr_store_error(in->st));
    } else if (skipped) {
        in->skipped++;
    } else {
        in->docs++;
        in->events += (long)sr_events_count(evs);
    }
    sr_events_free(evs);
    if (++in->in_batch >= in->batch) {
        if (sr_store_commit(in->st) || sr_store_begin(in->st))
            cli_die("the store failed mid-ingest: %s; documents up to the last batch are kept",
                    sr_store_error(in->st));
        in->in_batch = 0;
    }
    return 0;
}

int cmd_ingest(int argc, char **argv)
{
    const char *db = "sitrep.db", *from = NULL, *date = NULL, *data = NULL, *engine = NULL, *batch = NULL;
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    int nfiles = 0, opts_done = 0;
    if (!files)
        cli_die("out of memory");
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (opts_done || a[0] != '-' || !strcmp(a, "-")) {
            files[nfiles++] = a;
        } else if (!strcmp(a, "--")) {
            opts_done = 1;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            free(files);
            return 0;
        } else if (cli_opt(argc, argv, &i, "--db", &db) || cli_opt(argc, argv, &i, "--from", &from) ||
                   cli_opt(argc, argv, &i, "--date", &date) || cli_opt(argc, argv, &i, "--data", &data) ||
                   cli_opt(argc, argv, &i, "--engine", &engine) || cli_opt(argc, argv, &i, "--batch", &batch)) {
            continue;
        } else {
            cli_die("ingest: unknown option '%s'; see 'sitrep ingest --help'", a);
        }
    }
    sr_read_opts ro = {0};
    ro.format = SR_FMT_AUTO;
    if (from && strcmp(from, "auto") != 0) {
        int f = sr_format_parse(from);
        if (f < 0)
            cli_die("--from: unknown format '%s'; use auto, text, jsonl, html or feed", from);
        ro.format = (sr_format)f;
    }
    if (date)
        cli_check_date("--date", date);
    ingest in = {0};
    in.batch = 500;
    if (batch) {
        char *end = NULL;
        errno = 0;
        long n = strtol(batch, &end, 10);
        if (errno || end == batch || *end || n < 1)
            cli_die("--batch: '%s' is not a positive number of documents", batch);
        in.batch = n;
    }
    if (!*db)
        cli_die("--db: the store path is empty; give a file name such as sitrep.db");
    ro.default_date = date;
    ro.diag = diag;
    ro.diag_ud = &in;

    in.ctx = cli_ctx(data, engine);
    char err[1200];
    in.st = sr_store_open(db, err, sizeof err);
    if (!in.st)
        cli_die("%s", err);
    if (sr_store_begin(in.st))
        cli_die("%s: cannot start a transaction: %s", db, sr_store_error(in.st));
    if (nfiles == 0)
        files[nfiles++] = "-";
    for (int f = 0; f < nfiles; f++) {
        long bad_before = in.bad;
        int rc = sr_read_file(files[f], &ro, on_doc, &in);
        /* the reader reports what it rejects; report here only what it did not */
        if (rc < 0 && in.bad == bad_before) {
            char msg[512];
            const char *origin = strcmp(files[f], "-") ? files[f] : "<stdin>";
            if (rc == SR_ENOTFOUND)
                snprintf(msg, sizeof msg, "no such file; check the path");
            else if (rc == SR_EEMPTY)
                snprintf(msg, sizeof msg, "holds no document; check the file and --from");
            else
                snprintf(msg, sizeof msg, "cannot be read (%s); skipped", sr_strerror(rc));
            cli_diag(NULL, origin, 0, msg);
            in.bad++;
        }
    }
    if (sr_store_commit(in.st))
        cli_die("%s: cannot commit the last batch: %s", db, sr_store_error(in.st));
    fprintf(stderr, "ingested %ld document%s (%ld skipped as already stored), %ld event%s; %ld bad input%s\n",
            in.docs, in.docs == 1 ? "" : "s", in.skipped, in.events, in.events == 1 ? "" : "s", in.bad,
            in.bad == 1 ? "" : "s");
    sr_store_free(in.st);
    sr_ctx_free(in.ctx);
    free(files);
    return in.bad ? 1 : 0;
}
