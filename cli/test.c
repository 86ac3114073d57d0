/* test.c — `sitrep test FILE|DIR...`: runs the data-driven case files
 * (tests/cases/README.md): codes each case's text and compares the events with
 * the expected ones; prints each failure and a closing "N passed, N failed". */
#include "cli.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define MAX_EXPECT 32

typedef struct tcase {
    char name[256];
    char date[16];
    char source[256]; /* the outlet, as a feed's title gives it */
    char file[1024];
    char *text;
    size_t textlen, textcap;
    char *expect[MAX_EXPECT];
    int nexpect;
    int any; /* expect-any lines: events must be among those coded */
    int none;
    long line;
} tcase;

typedef struct stats {
    long passed, failed;
    int verbose;
} stats;

static sr_ctx *ctx;

static void text_add(tcase *tc, const char *s, size_t n)
{
    if (tc->textlen + n + 2 > tc->textcap) {
        size_t nc = (tc->textcap + n + 2) * 2;
        char *p = realloc(tc->text, nc);
        if (!p)
            cli_die("out of memory");
        tc->text = p;
        tc->textcap = nc;
    }
    memcpy(tc->text + tc->textlen, s, n);
    tc->textlen += n;
    tc->text[tc->textlen] = 0;
}

/* The event's output field as text ("" for empty or null). */
static void field(const sr_event *e, const char *name, char *out, size_t cap)
{
    out[0] = 0;
#define STR(f)                                                                                     \
    if (!strcmp(name, #f)) {                                                                       \
        snprintf(out, cap, "%s", e->f);                                                            \
        return;                                                                                    \
    }
#define INT(f, unk)                                                                                \
    if (!strcmp(name, #f)) {                                                                       \
        if (e->f != (unk))                                                                         \
            snprintf(out, cap, "%d", (int)e->f);                                                   \
        return;                                                                                    \
    }
    STR(doc_id) STR(event_id) STR(kind) STR(event_date) STR(date_start) STR(date_end)
    STR(event_type) STR(sub_event_type) STR(actor1) STR(assoc_actor_1) STR(actor2)
    STR(assoc_actor_2) STR(country) STR(iso3) STR(admin1) STR(admin1_acled) STR(admin2) STR(location) STR(source)
    STR(notes)
    INT(time_precision, 0) INT(inter1, 0) INT(inter2, 0) INT(geo_precision, 0)
    INT(fatalities, -1) INT(fatalities_low, -1) INT(fatalities_high, -1)
#undef STR
#undef INT
    if (!strcmp(name, "latitude") && !isnan(e->latitude))
        snprintf(out, cap, "%.4f", e->latitude);
    else if (!strcmp(name, "longitude") && !isnan(e->longitude))
        snprintf(out, cap, "%.4f", e->longitude);
    else if (!strcmp(name, "geonames_id") && e->geonames_id)
        snprintf(out, cap, "%ld", e->geonames_id);
}

static const char *const known_fields[] = {
    "doc_id", "event_id", "kind", "event_date", "date_start", "date_end", "time_precision",
    "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
    "assoc_actor_2", "inter2", "country", "iso3", "admin1", "admin1_acled", "admin2", "location", "latitude",
    "longitude", "geo_precision", "geonames_id", "fatalities", "fatalities_low",
    "fatalities_high", "source", "notes", NULL};

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = 0;
    return s;
}

/* Checks one expect line against an event; writes the first mismatch to why. */
static int check_event(const sr_event *e, const char *spec, char *why, size_t cap)
{
    char buf[2048];
    snprintf(buf, sizeof buf, "%s", spec);
    char *save = NULL;
    for (char *part = strtok_r(buf, "|", &save); part; part = strtok_r(NULL, "|", &save)) {
        char *p = trim(part);
        if (!*p)
            continue;
        size_t k = strcspn(p, "=~<>");
        if (!p[k]) {
            snprintf(why, cap, "bad check '%s' (want field=value)", p);
            return 0;
        }
        char op = p[k], op2 = p[k + 1];
        char fname[64];
        snprintf(fname, sizeof fname, "%.*s", (int)k, p);
        char *fn = trim(fname);
        int known = 0;
        for (int i = 0; known_fields[i]; i++)
            known |= !strcmp(known_fields[i], fn);
        if (!known) {
            snprintf(why, cap, "unknown field '%s'", fn);
            return 0;
        }
        const char *want = p + k + 1;
        if ((op == '>' || op == '<') && op2 == '=')
            want++;
        char wbuf[512];
        snprintf(wbuf, sizeof wbuf, "%s", want);
        char *w = trim(wbuf);
        char got[1024];
        field(e, fn, got, sizeof got);
        int ok;
        if (op == '=')
            ok = !strcmp(got, w);
        else if (op == '~')
            ok = strcasestr(got, w) != NULL;
        else if (op == '>')
            ok = *got && atof(got) >= atof(w);
        else
            ok = *got && atof(got) <= atof(w);
        if (!ok) {
            snprintf(why, cap, "%s: want %s%s%s, got '%s'", fn, op == '=' ? "'" : (op == '~' ? "~'" : op == '>' ? ">=" : "<="), w,
                     op == '=' || op == '~' ? "'" : "", got);
            return 0;
        }
    }
    return 1;
}

typedef struct collect {
    sr_events *evs;
    int err;
} collect;

static int on_doc(void *ud, const sr_doc *doc)
{
    collect *co = ud;
    if (co->evs)
        return 0; /* the first document only */
    co->err = sr_code(ctx, doc, &co->evs);
    return 0;
}

static void run_case(const char *path, tcase *tc, stats *st)
{
    collect co = {0};
    sr_read_opts opts = {.format = SR_FMT_TEXT, .default_date = tc->date[0] ? tc->date : NULL};
    int rc;
    if (tc->file[0]) {
        char full[2048];
        const char *slash = strrchr(path, '/');
        if (tc->file[0] == '/')
            snprintf(full, sizeof full, "%s", tc->file);
        else
            snprintf(full, sizeof full, "%.*s%s", slash ? (int)(slash - path + 1) : 0, path, tc->file);
        rc = sr_read_file(full, &opts, on_doc, &co);
    } else {
        sr_doc d = {.id = "case", .title = "", .date = tc->date, .source = tc->source, .url = "",
                    .text = tc->text ? tc->text : "", .text_len = tc->textlen, .origin = path};
        rc = on_doc(&co, &d);
    }
    char why[1200] = "";
    int ok = 1;
    if (rc < 0 || co.err || !co.evs) {
        snprintf(why, sizeof why, "could not code the text: %s", sr_strerror(rc < 0 ? rc : co.err ? co.err : SR_EEMPTY));
        ok = 0;
    } else if (tc->none) {
        if (sr_events_count(co.evs)) {
            snprintf(why, sizeof why, "want no event, got %zu (first: %s / %s)", sr_events_count(co.evs),
                     sr_events_get(co.evs, 0)->sub_event_type, sr_events_get(co.evs, 0)->notes);
            ok = 0;
        }
    } else if (tc->any) {
        for (int i = 0; i < tc->nexpect && ok; i++) {
            int found = 0;
            char w2[1200] = "";
            for (size_t k = 0; k < sr_events_count(co.evs) && !found; k++)
                found = check_event(sr_events_get(co.evs, k), tc->expect[i], w2, sizeof w2);
            if (!found) {
                snprintf(why, sizeof why, "no event matches expect %d (%s)", i + 1, w2);
                ok = 0;
            }
        }
    } else {
        size_t n = sr_events_count(co.evs);
        if (n != (size_t)tc->nexpect) {
            snprintf(why, sizeof why, "want %d event%s, got %zu", tc->nexpect, tc->nexpect == 1 ? "" : "s", n);
            ok = 0;
        }
        for (int i = 0; i < tc->nexpect && (size_t)i < n; i++) {
            char w2[1100];
            if (!check_event(sr_events_get(co.evs, (size_t)i), tc->expect[i], w2, sizeof w2)) {
                size_t l = strlen(why);
                snprintf(why + l, sizeof why - l, "%sevent %d: %s", l ? "; " : "", i + 1, w2);
                ok = 0;
                break;
            }
        }
    }
    if (ok)
        st->passed++;
    else {
        st->failed++;
        printf("FAIL %s:%ld: %s\n  %s\n", path, tc->line, tc->name, why);
        if (st->verbose && co.evs)
            for (size_t k = 0; k < sr_events_count(co.evs); k++) {
                const sr_event *e = sr_events_get(co.evs, k);
                printf("  got %zu: %s | %s | %s | a1=%s | a2=%s | fat=%d/%d/%d | %s..%s | %s | %s\n", k + 1,
                       e->kind, e->event_type, e->sub_event_type, e->actor1, e->actor2,
                       e->fatalities_low, e->fatalities, e->fatalities_high, e->date_start, e->date_end,
                       e->location, e->admin1);
            }
    }
    sr_events_free(co.evs);
}

static void reset(tcase *tc)
{
    for (int i = 0; i < tc->nexpect; i++)
        free(tc->expect[i]);
    free(tc->text);
    memset(tc, 0, sizeof *tc);
}

static void run_file(const char *path, stats *st)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        printf("FAIL %s: cannot open the case file\n", path);
        st->failed++;
        return;
    }
    tcase tc = {0};
    int have = 0, in_text = 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    while ((n = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = 0;
        if (in_text && !strncmp(line, "  ", 2)) {
            text_add(&tc, "\n", 1);
            text_add(&tc, line + 2, strlen(line + 2));
            continue;
        }
        if (in_text && n == 0) {
            in_text = 0;
            continue;
        }
        in_text = 0;
        if (!n || line[0] == '#')
            continue;
        if (!strncmp(line, "===", 3)) {
            if (have)
                run_case(path, &tc, st);
            reset(&tc);
            have = 1;
            snprintf(tc.name, sizeof tc.name, "%s", trim(line + 3));
            tc.line = lineno;
        } else if (!have) {
            printf("FAIL %s:%ld: text before the first '=== name' line\n", path, lineno);
            st->failed++;
        } else if (!strncmp(line, "date:", 5)) {
            snprintf(tc.date, sizeof tc.date, "%s", trim(line + 5));
        } else if (!strncmp(line, "source:", 7)) {
            snprintf(tc.source, sizeof tc.source, "%s", trim(line + 7));
        } else if (!strncmp(line, "text:", 5)) {
            char *t = trim(line + 5);
            text_add(&tc, t, strlen(t));
            in_text = 1;
        } else if (!strncmp(line, "file:", 5)) {
            snprintf(tc.file, sizeof tc.file, "%s", trim(line + 5));
        } else if (!strncmp(line, "expect-any:", 11) || !strncmp(line, "expect:", 7)) {
            int any = line[6] == '-';
            char *t = trim(line + (any ? 11 : 7));
            if (!strcmp(t, "none"))
                tc.none = 1;
            else if (tc.nexpect < MAX_EXPECT) {
                tc.expect[tc.nexpect++] = strdup(t);
                tc.any |= any;
            }
        } else {
            printf("FAIL %s:%ld: unknown line '%s' (want date:, source:, text:, file:, expect:)\n", path, lineno, line);
            st->failed++;
        }
    }
    if (have)
        run_case(path, &tc, st);
    reset(&tc);
    free(line);
    fclose(fp);
}

static int cmpstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void run_path(const char *path, stats *st)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        printf("FAIL %s: no such file or directory\n", path);
        st->failed++;
        return;
    }
    if (!S_ISDIR(sb.st_mode)) {
        run_file(path, st);
        return;
    }
    DIR *d = opendir(path);
    if (!d)
        return;
    char *names[1024];
    int nn = 0;
    struct dirent *de;
    while ((de = readdir(d)) && nn < 1024) {
        size_t l = strlen(de->d_name);
        if (l > 5 && !strcmp(de->d_name + l - 5, ".case"))
            names[nn++] = strdup(de->d_name);
    }
    closedir(d);
    qsort(names, (size_t)nn, sizeof *names, cmpstr);
    for (int i = 0; i < nn; i++) {
        char full[4096];
        snprintf(full, sizeof full, "%s/%s", path, names[i]);
        run_file(full, st);
        free(names[i]);
    }
}

int cmd_test(int argc, char **argv)
{
    const char *data = NULL, *engine = NULL;
    stats st = {0};
    int i = 1;
    for (; i < argc; i++) {
        const char *v;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: sitrep test [-v] [--data DIR] [--engine E] FILE|DIR...\n\nRuns case files "
                   "(tests/cases/README.md) and ends with 'N passed, N failed'.\n");
            return 0;
        } else if (!strcmp(argv[i], "-v"))
            st.verbose = 1;
        else if (cli_opt(argc, argv, &i, "--data", &v))
            data = v;
        else if (cli_opt(argc, argv, &i, "--engine", &v))
            engine = v;
        else
            break;
    }
    if (i >= argc)
        cli_usage("sitrep test [-v] [--data DIR] [--engine E] FILE|DIR...");
    ctx = cli_ctx(data, engine);
    for (; i < argc; i++)
        run_path(argv[i], &st);
    sr_ctx_free(ctx);
    printf("%ld passed, %ld failed\n", st.passed, st.failed);
    return st.failed ? 1 : 0;
}
