/* util.c — helpers the subcommands share: dying with a message, option
 * parsing, diagnostics printing, opening the context. */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

_Noreturn void cli_die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("sitrep: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

_Noreturn void cli_usage(const char *usage)
{
    fprintf(stderr, "usage: %s\n", usage);
    exit(2);
}

void cli_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("sitrep: warning: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void cli_diag(void *ud, const char *origin, long line, const char *msg)
{
    if (line > 0)
        fprintf(stderr, "%s:%ld: %s\n", origin ? origin : "<input>", line, msg);
    else
        fprintf(stderr, "%s: %s\n", origin ? origin : "<input>", msg);
    if (ud)
        (*(long *)ud)++;
}

bool cli_opt(int argc, char **argv, int *i, const char *name, const char **val)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0)
        return false;
    if (argv[*i][n] == '=') {
        *val = argv[*i] + n + 1;
        return true;
    }
    if (argv[*i][n] != 0)
        return false;
    if (*i + 1 >= argc)
        cli_die("option %s needs a value", name);
    *val = argv[++*i];
    return true;
}

sr_ctx *cli_ctx(const char *datadir, const char *engine)
{
    sr_engine e = SR_ENGINE_AUTO;
    if (engine) {
        if (!strcmp(engine, "vectorscan") || !strcmp(engine, "hs"))
            e = SR_ENGINE_HS;
        else if (!strcmp(engine, "portable"))
            e = SR_ENGINE_PORTABLE;
        else if (strcmp(engine, "auto"))
            cli_die("--engine: unknown engine '%s'; use auto, vectorscan or portable", engine);
    }
    char err[1024];
    sr_ctx *ctx = sr_ctx_new(datadir, e, err, sizeof err);
    if (!ctx)
        cli_die("%s", err);
    return ctx;
}

void cli_check_date(const char *opt, const char *val)
{
    int y, m, d;
    char tail;
    if (sscanf(val, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1 || d > 31 ||
        strlen(val) != 10)
        cli_die("%s: '%s' is not a date; write it as YYYY-MM-DD", opt, val);
}

void cli_check_period(const char *since, const char *until)
{
    if (since)
        cli_check_date("--since", since);
    if (until)
        cli_check_date("--until", until);
    if (since && until && strcmp(since, until) > 0)
        cli_die("--since %s is after --until %s; swap them", since, until);
}

sr_store *cli_open_store(const char *db)
{
    if (access(db, F_OK) != 0)
        cli_die("%s: no such store; create it with 'sitrep ingest --db %s FILE...'", db, db);
    char err[1200];
    sr_store *st = sr_store_open(db, err, sizeof err);
    if (!st)
        cli_die("%s", err);
    return st;
}

void cli_grow(void **v, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return;
    size_t nc = *cap ? *cap * 2 : 64;
    void *p = realloc(*v, nc * size);
    if (!p)
        cli_die("out of memory");
    *v = p;
    *cap = nc;
}

char *cli_strdup(const char *s)
{
    char *d = strdup(s ? s : "");
    if (!d)
        cli_die("out of memory");
    return d;
}
