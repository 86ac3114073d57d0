/* alerts.c — sitrep alerts: names the actors or regions whose incidents (or
 * fatalities) in a recent window are significantly above their baseline, with
 * the test, p-value, rate ratio and the events behind each alert. Statistics
 * are in src/trend.c (sr_trend_alerts); method and figures in docs/alerts.md. */
#include "cli.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: sitrep alerts [options]\n"
    "\n"
    "Flags the series (actors, admin1 regions, or both) whose rate of incidents\n"
    "in the last --window days is significantly above their rate in the --baseline\n"
    "days before: an exact conditional test per series, Holm's correction over\n"
    "the series, at least --min-count incidents and a rate ratio of --min-ratio.\n"
    "\n"
    "options:\n"
    "  --db FILE            the store (default ./sitrep.db)\n"
    "  --window N[d|w]      recent period, days or weeks (default 30d)\n"
    "  --baseline N[d|w]    period before the window to compare with (default 90d)\n"
    "  --until YYYY-MM-DD   last day of the window (default: the latest incident)\n"
    "  --by KEY             actor (default), admin1, or actor,admin1\n"
    "  --metric M           events (default) or fatalities\n"
    "  --country C          only incidents in this country (name or ISO3)\n"
    "  --origin O           news (default), acled, ucdp or all\n"
    "  --alpha A            family-wise error rate over the series (default 0.01)\n"
    "  --min-count N        fewest window incidents that can raise an alert (default 5)\n"
    "  --min-ratio R        smallest window/baseline rate ratio that can raise one (default 1.5)\n"
    "  --all                list every series tested, flagged or not\n"
    "  --to F               table (default), csv or json\n"
    "  --help               show this help\n";

typedef struct alert_row {
    sr_alert a;
    char *series, *top_other, *test;
    char **ids;
} alert_row;

typedef struct alert_list {
    alert_row *v;
    size_t n, cap;
    long tests;
    int have_period;
    char wstart[11], until[11], bstart[11];
    int wdays, bdays;
} alert_list;

static int keep_alert(void *ud, const sr_alert *a)
{
    alert_list *l = ud;
    l->tests = a->tests;
    if (!l->have_period) {
        l->have_period = 1;
        memcpy(l->wstart, a->window_start, 11);
        memcpy(l->until, a->until, 11);
        memcpy(l->bstart, a->baseline_start, 11);
        l->wdays = a->window_days;
        l->bdays = a->baseline_days;
    }
    if (!a->series) /* the header: period and tests only */
        return 0;
    cli_grow((void **)&l->v, &l->cap, l->n, sizeof *l->v);
    alert_row *r = &l->v[l->n++];
    r->a = *a;
    r->series = cli_strdup(a->series);
    r->top_other = cli_strdup(a->top_other);
    r->test = cli_strdup(a->test);
    r->ids = calloc(a->nids + 1, sizeof *r->ids);
    if (!r->ids)
        cli_die("out of memory");
    for (size_t i = 0; i < a->nids; i++)
        r->ids[i] = cli_strdup(a->event_ids[i]);
    return 0;
}

/* "30", "30d" or "4w" as days; dies naming the option otherwise. */
static int parse_days(const char *opt, const char *v)
{
    char *e;
    errno = 0;
    long n = strtol(v, &e, 10);
    long mul = 1;
    if (*e == 'd' || *e == 'D')
        e++;
    else if (*e == 'w' || *e == 'W')
        mul = 7, e++;
    if (errno || e == v || *e || n < 1 || n * mul > 36600)
        cli_die("%s: '%s' is not a period; write days or weeks such as 30d or 4w", opt, v);
    return (int)(n * mul);
}

static double parse_real(const char *opt, const char *v, double lo, double hi)
{
    char *e;
    errno = 0;
    double x = strtod(v, &e);
    if (errno || e == v || *e || !(x > lo) || !(x < hi))
        cli_die("%s: '%s' is not a number between %g and %g", opt, v, lo, hi);
    return x;
}

static void fmt_ratio(char *buf, size_t n, double r)
{
    if (isinf(r))
        snprintf(buf, n, "new");
    else
        snprintf(buf, n, "%.2f", r);
}

static void print_table(const char *db, const char *by, const char *metric, const alert_list *l, int all,
                        double alpha)
{
    size_t flagged = 0;
    for (size_t i = 0; i < l->n; i++)
        flagged += l->v[i].a.flagged != 0;
    if (!l->have_period) {
        printf("sitrep alerts — store %s — no dated incidents to test\n", db);
        return;
    }
    printf("sitrep alerts — store %s — by %s — %s\n", db, by, metric);
    printf("window %s to %s (%d days) against the %d days from %s to the window\n", l->wstart, l->until,
           l->wdays, l->bdays, l->bstart);
    printf("%ld series tested; family-wise error rate %g (Holm)\n\n", l->tests, alpha);
    if (!flagged)
        printf("no series is significantly above its baseline\n");
    if (!flagged && !all)
        return;
    const char *other = !strcmp(by, "actor") ? "mostly in" : !strcmp(by, "admin1") ? "mostly by" : "";
    printf("%-5s %-40s %-24s %7s %8s %8s %8s %6s %9s %9s\n", "", "series", other, "window", "baseline", "now/30d",
           "was/30d", "ratio", "p", "adj. p");
    for (size_t i = 0; i < l->n; i++) {
        const alert_row *r = &l->v[i];
        if (!r->a.flagged && !all)
            continue;
        char ratio[32];
        fmt_ratio(ratio, sizeof ratio, r->a.rate_ratio);
        printf("%-5s %-40.40s %-24.24s %7ld %8ld %8.1f %8.1f %6s %9.2e %9.2e\n", r->a.flagged ? "ALERT" : "",
               r->series, r->top_other, r->a.window_count, r->a.baseline_count, r->a.rate_window,
               r->a.rate_baseline, ratio, r->a.p_value, r->a.p_adjusted);
        if (r->a.flagged) {
            printf("      test: %s; %ld incidents in the window, %ld in the baseline\n", r->test,
                   r->a.window_events, r->a.baseline_events);
            printf("      events:");
            for (size_t j = 0; j < r->a.nids; j++)
                printf(" %s", r->ids[j]);
            printf("\n");
        }
    }
}

static void csv_field(const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, stdout);
        return;
    }
    fputc('"', stdout);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', stdout);
        fputc(*s, stdout);
    }
    fputc('"', stdout);
}

static void print_csv(const alert_list *l, int all)
{
    printf("series,top_other,metric,flagged,window_start,until,window_days,baseline_start,baseline_days,"
           "window_count,baseline_count,window_events,baseline_events,rate_window_30d,rate_baseline_30d,"
           "rate_ratio,p_value,p_adjusted,tests,test,event_ids\n");
    for (size_t i = 0; i < l->n; i++) {
        const alert_row *r = &l->v[i];
        if (!r->a.flagged && !all)
            continue;
        char ratio[32];
        isinf(r->a.rate_ratio) ? snprintf(ratio, sizeof ratio, "inf")
                               : snprintf(ratio, sizeof ratio, "%.4f", r->a.rate_ratio);
        csv_field(r->series);
        fputc(',', stdout);
        csv_field(r->top_other);
        printf(",%s,%d,%s,%s,%d,%s,%d,%ld,%ld,%ld,%ld,%.4f,%.4f,%s,%.6g,%.6g,%ld,", r->a.metric, r->a.flagged,
               r->a.window_start, r->a.until, r->a.window_days, r->a.baseline_start, r->a.baseline_days,
               r->a.window_count, r->a.baseline_count, r->a.window_events, r->a.baseline_events,
               r->a.rate_window, r->a.rate_baseline, ratio, r->a.p_value, r->a.p_adjusted, r->a.tests);
        csv_field(r->test);
        fputc(',', stdout);
        /* ids joined by spaces: one field */
        size_t len = 1;
        for (size_t j = 0; j < r->a.nids; j++)
            len += strlen(r->ids[j]) + 1;
        char *joined = malloc(len);
        if (!joined)
            cli_die("out of memory");
        joined[0] = 0;
        char *p = joined;
        for (size_t j = 0; j < r->a.nids; j++)
            p += sprintf(p, "%s%s", j ? " " : "", r->ids[j]);
        csv_field(joined);
        free(joined);
        fputc('\n', stdout);
    }
}

static void print_json(const char *db, const char *by, const char *metric, const alert_list *l, int all,
                       double alpha)
{
    json_t *root = json_object(), *arr = json_array();
    if (!root || !arr)
        cli_die("out of memory");
    json_object_set_new(root, "store", json_string(db));
    json_object_set_new(root, "by", json_string(by));
    json_object_set_new(root, "metric", json_string(metric));
    json_object_set_new(root, "alpha", json_real(alpha));
    json_object_set_new(root, "window_start", l->have_period ? json_string(l->wstart) : json_null());
    json_object_set_new(root, "until", l->have_period ? json_string(l->until) : json_null());
    json_object_set_new(root, "baseline_start", l->have_period ? json_string(l->bstart) : json_null());
    json_object_set_new(root, "window_days", json_integer(l->wdays));
    json_object_set_new(root, "baseline_days", json_integer(l->bdays));
    json_object_set_new(root, "tests", json_integer(l->tests));
    for (size_t i = 0; i < l->n; i++) {
        const alert_row *r = &l->v[i];
        if (!r->a.flagged && !all)
            continue;
        json_t *o = json_object(), *ids = json_array();
        if (!o || !ids)
            cli_die("out of memory");
        json_object_set_new(o, "series", json_string(r->series));
        json_object_set_new(o, "top_other", json_string(r->top_other));
        json_object_set_new(o, "flagged", json_boolean(r->a.flagged));
        json_object_set_new(o, "test", json_string(r->test));
        json_object_set_new(o, "window_count", json_integer(r->a.window_count));
        json_object_set_new(o, "baseline_count", json_integer(r->a.baseline_count));
        json_object_set_new(o, "window_events", json_integer(r->a.window_events));
        json_object_set_new(o, "baseline_events", json_integer(r->a.baseline_events));
        json_object_set_new(o, "rate_window_30d", json_real(r->a.rate_window));
        json_object_set_new(o, "rate_baseline_30d", json_real(r->a.rate_baseline));
        json_object_set_new(o, "rate_ratio", isinf(r->a.rate_ratio) ? json_null() : json_real(r->a.rate_ratio));
        json_object_set_new(o, "p_value", json_real(r->a.p_value));
        json_object_set_new(o, "p_adjusted", json_real(r->a.p_adjusted));
        json_object_set_new(o, "dispersion_shape", json_real(r->a.dispersion));
        for (size_t j = 0; j < r->a.nids; j++)
            json_array_append_new(ids, json_string(r->ids[j]));
        json_object_set_new(o, "event_ids", ids);
        json_array_append_new(arr, o);
    }
    json_object_set_new(root, "alerts", arr);
    char *out = json_dumps(root, JSON_INDENT(2) | JSON_ENSURE_ASCII);
    if (!out)
        cli_die("out of memory");
    puts(out);
    free(out);
    json_decref(root);
}

int cmd_alerts(int argc, char **argv)
{
    const char *db = "sitrep.db", *to = "table", *window = "30d", *baseline = "90d", *alpha_s = NULL,
               *min_count_s = NULL, *min_ratio_s = NULL;
    sr_alert_opts o = {.by = "actor", .metric = "events"};
    int all = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            return 0;
        }
        if (!strcmp(a, "--all")) {
            all = 1;
            continue;
        }
        if (cli_opt(argc, argv, &i, "--db", &db) || cli_opt(argc, argv, &i, "--to", &to) ||
            cli_opt(argc, argv, &i, "--window", &window) || cli_opt(argc, argv, &i, "--baseline", &baseline) ||
            cli_opt(argc, argv, &i, "--until", &o.until) || cli_opt(argc, argv, &i, "--by", &o.by) ||
            cli_opt(argc, argv, &i, "--metric", &o.metric) || cli_opt(argc, argv, &i, "--country", &o.country) ||
            cli_opt(argc, argv, &i, "--origin", &o.origin) || cli_opt(argc, argv, &i, "--alpha", &alpha_s) ||
            cli_opt(argc, argv, &i, "--min-count", &min_count_s) ||
            cli_opt(argc, argv, &i, "--min-ratio", &min_ratio_s))
            continue;
        if (a[0] == '-')
            cli_die("alerts: unknown option '%s'; see 'sitrep alerts --help'", a);
        cli_die("alerts: unexpected argument '%s'; see 'sitrep alerts --help'", a);
    }
    o.window_days = parse_days("--window", window);
    o.baseline_days = parse_days("--baseline", baseline);
    o.alpha = alpha_s ? parse_real("--alpha", alpha_s, 0, 1) : 0.01;
    o.min_ratio = min_ratio_s ? parse_real("--min-ratio", min_ratio_s, 0, 1e9) : 1.5;
    if (min_count_s) {
        char *e;
        errno = 0;
        long n = strtol(min_count_s, &e, 10);
        if (errno || e == min_count_s || *e || n < 1)
            cli_die("--min-count: '%s' is not a positive number", min_count_s);
        o.min_count = n;
    }
    if (o.until)
        cli_check_date("--until", o.until);
    if (strcmp(o.by, "actor") && strcmp(o.by, "admin1") && strcmp(o.by, "actor,admin1"))
        cli_die("--by: cannot group by '%s'; use actor, admin1 or actor,admin1", o.by);
    if (strcmp(o.metric, "events") && strcmp(o.metric, "fatalities"))
        cli_die("--metric: unknown metric '%s'; use events or fatalities", o.metric);
    if (o.origin && strcmp(o.origin, "news") && strcmp(o.origin, "acled") && strcmp(o.origin, "ucdp") &&
        strcmp(o.origin, "all"))
        cli_die("--origin: unknown origin '%s'; use news, acled, ucdp or all", o.origin);
    if (strcmp(to, "table") && strcmp(to, "csv") && strcmp(to, "json"))
        cli_die("--to: unknown format '%s'; use table, csv or json", to);
    sr_store *st = cli_open_store(db);

    /* the header call says how many series were tested, even when none is flagged */
    o.all = all;
    o.header = 1;
    alert_list l = {0};
    char err[1024];
    int rc = sr_trend_alerts(st, &o, keep_alert, &l, err, sizeof err);
    if (rc)
        cli_die("%s: %s", db, err);
    if (!strcmp(to, "csv"))
        print_csv(&l, all);
    else if (!strcmp(to, "json"))
        print_json(db, o.by, o.metric, &l, all, o.alpha);
    else
        print_table(db, o.by, o.metric, &l, all, o.alpha);
    for (size_t i = 0; i < l.n; i++) {
        free(l.v[i].series);
        free(l.v[i].top_other);
        free(l.v[i].test);
        for (size_t j = 0; j < l.v[i].a.nids; j++)
            free(l.v[i].ids[j]);
        free(l.v[i].ids);
    }
    free(l.v);
    sr_store_free(st);
    if (fflush(stdout) != 0)
        cli_die("cannot write the alerts to standard output");
    return 0;
}
