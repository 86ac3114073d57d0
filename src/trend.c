/* trend.c — escalation alerts: for every series of stored incidents (one
 * actor, one admin1 region, or the pair) compares the rate in a recent window
 * with the rate in the baseline period before it, with an exact conditional
 * test, a multiple-comparison correction over the series, and floors on the
 * count and the size of the change. The reasoning is in docs/alerts.md. */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EXACT_MAX_WORK 20000000.0 /* convolution cells beyond which the marked test is approximated */

/* ---- statistics ---------------------------------------------------------- */

double sr__trend_binom_sf(long k, long n, double p)
{
    if (k <= 0)
        return 1.0;
    if (k > n || p <= 0.0)
        return 0.0;
    if (p >= 1.0)
        return 1.0;
    /* sum the pmf upwards from k; terms fall off geometrically past the mode */
    double lt = lgamma((double)n + 1) - lgamma((double)k + 1) - lgamma((double)(n - k) + 1) +
                (double)k * log(p) + (double)(n - k) * log1p(-p);
    double t = exp(lt), sum = 0.0, r = p / (1.0 - p);
    for (long i = k; i <= n; i++) {
        sum += t;
        if (t < sum * 1e-17 && (double)i > (double)n * p)
            break;
        t *= (double)(n - i) / (double)(i + 1) * r;
    }
    return sum > 1.0 ? 1.0 : sum;
}

double sr__trend_marked_sf(const long *marks, size_t n, long s, double p, int *exact)
{
    int dummy;
    if (!exact)
        exact = &dummy;
    *exact = 1;
    long total = 0;
    double sq = 0.0;
    for (size_t i = 0; i < n; i++)
        if (marks[i] > 0) {
            total += marks[i];
            sq += (double)marks[i] * (double)marks[i];
        }
    if (s <= 0)
        return 1.0;
    if (s > total)
        return 0.0;
    if ((double)n * (double)total <= EXACT_MAX_WORK) {
        double *d = calloc((size_t)total + 1, sizeof *d);
        if (d) {
            long hi = 0; /* highest reachable sum so far */
            d[0] = 1.0;
            for (size_t i = 0; i < n; i++) {
                long f = marks[i];
                if (f <= 0)
                    continue;
                for (long v = hi; v >= 0; v--) {
                    if (d[v] == 0.0)
                        continue;
                    d[v + f] += d[v] * p;
                    d[v] *= 1.0 - p;
                }
                hi += f;
            }
            double sum = 0.0;
            for (long v = s; v <= total; v++)
                sum += d[v];
            free(d);
            return sum > 1.0 ? 1.0 : sum;
        }
    }
    /* many incidents: the sum is close to normal (continuity-corrected) */
    *exact = 0;
    double mean = p * (double)total, sd = sqrt(p * (1.0 - p) * sq);
    if (sd <= 0.0)
        return (double)s <= mean ? 1.0 : 0.0;
    return 0.5 * erfc(((double)s - 0.5 - mean) / sd / sqrt(2.0));
}

double sr__trend_betabinom_sf(long k, long n, double a, double b)
{
    if (k <= 0)
        return 1.0;
    if (k > n)
        return 0.0;
    double lt = lgamma((double)n + 1) - lgamma((double)k + 1) - lgamma((double)(n - k) + 1) +
                lgamma((double)k + a) + lgamma((double)(n - k) + b) - lgamma((double)n + a + b) - lgamma(a) -
                lgamma(b) + lgamma(a + b);
    double t = exp(lt), sum = 0.0;
    for (long i = k; i <= n; i++) {
        sum += t;
        if (t < sum * 1e-17 && (double)i > (double)n * a / (a + b))
            break;
        t *= (double)(n - i) / (double)(i + 1) * ((double)i + a) / ((double)(n - i - 1) + b);
    }
    return sum > 1.0 ? 1.0 : sum;
}

void sr__trend_disp_add(sr__trend_disp *d, const long *weeks, size_t n)
{
    if (n < 2)
        return;
    double m = 0, v = 0;
    for (size_t i = 0; i < n; i++)
        m += (double)weeks[i];
    m /= (double)n;
    for (size_t i = 0; i < n; i++)
        v += ((double)weeks[i] - m) * ((double)weeks[i] - m);
    v /= (double)(n - 1);
    /* E[v - m] = mu^2 / (7 k); m^2 - v/n is unbiased for mu^2 */
    d->excess += v - m;
    d->msq += fmax(0.0, m * m - v / (double)n);
    d->series++;
}

double sr__trend_disp_shape(const sr__trend_disp *d)
{
    if (d->excess <= 0 || d->msq <= 0)
        return 0.0;
    return d->msq / (7.0 * d->excess);
}

void sr__trend_test_events(sr__trend_stat *t, int wdays, int bdays, double shape)
{
    long n = t->wev + t->bev;
    if (shape <= 0) {
        double p0 = (double)wdays / (double)(wdays + bdays);
        t->p = sr__trend_binom_sf(t->wev, n, p0);
        t->pmin = pow(p0, (double)n);
        return;
    }
    double a = shape * wdays, b = shape * bdays;
    t->p = sr__trend_betabinom_sf(t->wev, n, a, b);
    t->pmin = n ? exp(lgamma((double)n + a) - lgamma((double)n + a + b) - lgamma(a) + lgamma(a + b)) : 1.0;
}

long sr__trend_tarone(const double *pmin, size_t n, double alpha)
{
    for (long m = 1; m <= (long)n; m++) {
        long k = 0;
        for (size_t i = 0; i < n; i++)
            k += pmin[i] <= alpha / (double)m;
        if (k <= m)
            return m;
    }
    return (long)n;
}

static const double *sort_p; /* only during qsort below, single-threaded per call */

static int by_p(const void *a, const void *b)
{
    double x = sort_p[*(const size_t *)a], y = sort_p[*(const size_t *)b];
    return x < y ? -1 : x > y;
}

void sr__trend_holm(const double *p, size_t n, long m, double *adj)
{
    if (!n)
        return;
    size_t *ix = malloc(n * sizeof *ix);
    if (!ix) { /* Bonferroni is never less conservative than Holm */
        for (size_t i = 0; i < n; i++)
            adj[i] = fmin(1.0, p[i] * (double)m);
        return;
    }
    for (size_t i = 0; i < n; i++)
        ix[i] = i;
    sort_p = p;
    qsort(ix, n, sizeof *ix, by_p);
    sort_p = NULL;
    double run = 0.0;
    for (size_t j = 0; j < n; j++) {
        double v = fmin(1.0, (double)(m - (long)j) * p[ix[j]]);
        if (v > run)
            run = v;
        adj[ix[j]] = run;
    }
    free(ix);
}

long sr__trend_decide(sr__trend_stat *s, size_t n, double alpha, long min_count, double min_ratio, int wdays,
                      int bdays)
{
    double *pm = malloc((n + 1) * sizeof *pm), *pt = malloc((n + 1) * sizeof *pt),
           *adj = malloc((n + 1) * sizeof *adj);
    size_t *ix = malloc((n + 1) * sizeof *ix);
    long nt = 0;
    if (pm && pt && adj && ix) {
        for (size_t i = 0; i < n; i++)
            pm[i] = s[i].pmin;
        long m = sr__trend_tarone(pm, n, alpha);
        for (size_t i = 0; i < n; i++) {
            s[i].adj = 1.0;
            if ((s[i].testable = s[i].pmin <= alpha / (double)m)) {
                ix[nt] = i;
                pt[nt++] = s[i].p;
            }
        }
        sr__trend_holm(pt, (size_t)nt, nt, adj);
        for (long j = 0; j < nt; j++)
            s[ix[j]].adj = adj[j];
    } else { /* out of memory: Bonferroni over every series, never less strict */
        nt = (long)n;
        for (size_t i = 0; i < n; i++) {
            s[i].testable = 1;
            s[i].adj = fmin(1.0, s[i].p * (double)n);
        }
    }
    free(pm), free(pt), free(adj), free(ix);
    for (size_t i = 0; i < n; i++) {
        double rw = (double)s[i].wcount / wdays, rb = (double)s[i].bcount / bdays;
        s[i].ratio = rb > 0 ? rw / rb : s[i].wcount > 0 ? INFINITY : 0.0;
        s[i].flagged = s[i].testable && s[i].adj <= alpha && s[i].wev >= min_count && s[i].ratio >= min_ratio;
    }
    return nt;
}

/* ---- collecting series from the store --------------------------------------- */

typedef struct series {
    char *key, *top_other;
    int exact;
    char **ids;
    size_t nids;
} series;

typedef struct tally_name {
    char *name;
    long n;
} tally_name;

typedef struct scan {
    int by, fat;
    double p0;
    char wstart[11];
    long wstart_day;
    long *weeks; /* the series' incidents per baseline week, counted back from the window */
    size_t nweeks;
    sr__trend_disp disp;
    int err;
    /* the series being read */
    char *key;
    long *marks;          /* one per incident: fatalities (largest report) */
    unsigned char *inwin; /* beside marks: 1 when the incident is in the window */
    size_t nmarks, capmarks, capinwin;
    char **ids;
    size_t nids, capids;
    tally_name *oth;
    size_t noth, capoth;
    /* the group of repeated reports being merged */
    int have_group, ginwin;
    long gday;
    char gdate[11];
    char *gloc, *gsub;
    long gmark;
    /* results: the series and, in step, their statistics */
    series *out;
    sr__trend_stat *stat;
    size_t nout, capout, capstat;
} scan;

static void close_group(scan *sc)
{
    if (!sc->have_group || sc->err)
        return;
    if (sr__grow((void **)&sc->marks, &sc->capmarks, sc->nmarks, sizeof *sc->marks) ||
        sr__grow((void **)&sc->inwin, &sc->capinwin, sc->nmarks, sizeof *sc->inwin)) {
        sc->err = SR_ENOMEM;
        return;
    }
    if (!sc->ginwin) {
        long w = (sc->wstart_day - 1 - sc->gday) / 7;
        if (w >= 0 && (size_t)w < sc->nweeks)
            sc->weeks[w]++;
    }
    sc->marks[sc->nmarks] = sc->gmark;
    sc->inwin[sc->nmarks] = (unsigned char)sc->ginwin;
    sc->nmarks++;
    free(sc->gloc);
    free(sc->gsub);
    sc->gloc = sc->gsub = NULL;
    sc->have_group = 0;
}

/* Tests the series just read and keeps it in sc->out; resets for the next. */
static void finish_series(scan *sc)
{
    close_group(sc);
    if (!sc->key || sc->err)
        goto reset;
    series s = {0};
    sr__trend_stat t = {0};
    for (size_t i = 0; i < sc->nmarks; i++) {
        long v = sc->fat ? sc->marks[i] : 1;
        if (sc->inwin[i]) {
            t.wev++;
            t.wcount += v;
        } else {
            t.bev++;
            t.bcount += v;
        }
    }
    s.exact = 1;
    sr__trend_disp_add(&sc->disp, sc->weeks, sc->nweeks);
    if (sc->weeks)
        memset(sc->weeks, 0, sc->nweeks * sizeof *sc->weeks);
    if (sc->fat) { /* incident counts are tested once the dispersion is known */
        long nonzero = 0;
        for (size_t i = 0; i < sc->nmarks; i++)
            nonzero += sc->marks[i] > 0;
        t.p = sr__trend_marked_sf(sc->marks, sc->nmarks, t.wcount, sc->p0, &s.exact);
        t.pmin = nonzero ? pow(sc->p0, (double)nonzero) : 1.0;
    }
    const tally_name *best = NULL;
    for (size_t i = 0; i < sc->noth; i++)
        if (!best || sc->oth[i].n > best->n)
            best = &sc->oth[i];
    s.top_other = sr__strdup(best ? best->name : "");
    s.key = sc->key;
    s.ids = sc->ids;
    s.nids = sc->nids;
    if (!s.top_other || sr__grow((void **)&sc->out, &sc->capout, sc->nout, sizeof *sc->out) ||
        sr__grow((void **)&sc->stat, &sc->capstat, sc->nout, sizeof *sc->stat)) {
        free(s.top_other);
        sc->err = SR_ENOMEM;
        goto reset;
    }
    sc->stat[sc->nout] = t;
    sc->out[sc->nout++] = s;
    sc->key = NULL;
    sc->ids = NULL;
    sc->nids = sc->capids = 0;
reset:
    free(sc->key);
    sc->key = NULL;
    for (size_t i = 0; i < sc->nids; i++)
        free(sc->ids[i]);
    free(sc->ids);
    sc->ids = NULL;
    sc->nids = sc->capids = 0;
    sc->nmarks = 0;
    for (size_t i = 0; i < sc->noth; i++)
        free(sc->oth[i].name);
    sc->noth = 0;
}

static int count_other(scan *sc, const char *name)
{
    if (!*name)
        return 0;
    for (size_t i = 0; i < sc->noth; i++)
        if (!strcmp(sc->oth[i].name, name)) {
            sc->oth[i].n++;
            return 0;
        }
    if (sr__grow((void **)&sc->oth, &sc->capoth, sc->noth, sizeof *sc->oth))
        return SR_ENOMEM;
    if (!(sc->oth[sc->noth].name = sr__strdup(name)))
        return SR_ENOMEM;
    sc->oth[sc->noth++].n = 1;
    return 0;
}

/* One incident: same series, date, location and sub-event type as the one
 * before means another report of the same incident (merged, largest toll). */
static int on_incident(void *ud, const sr__incident *r)
{
    scan *sc = ud;
    if (!sc->key || strcmp(sc->key, r->key)) {
        finish_series(sc);
        if (sc->err)
            return sc->err;
        if (!(sc->key = sr__strdup(r->key)))
            return sc->err = SR_ENOMEM;
    }
    int inwin = strcmp(r->date, sc->wstart) >= 0;
    if (!(sc->have_group && !strcmp(sc->gdate, r->date) && !strcmp(sc->gloc, r->location) &&
          !strcmp(sc->gsub, r->sub_event_type))) {
        close_group(sc);
        if (sc->err)
            return sc->err;
        snprintf(sc->gdate, sizeof sc->gdate, "%s", r->date);
        sr__date dd;
        sc->gday = sr__date_parse_iso(r->date, &dd) ? sc->wstart_day : sr__date_days(dd);
        sc->gloc = sr__strdup(r->location);
        sc->gsub = sr__strdup(r->sub_event_type);
        if (!sc->gloc || !sc->gsub)
            return sc->err = SR_ENOMEM;
        sc->gmark = 0;
        sc->ginwin = inwin;
        sc->have_group = 1;
    }
    if (r->fatalities > sc->gmark)
        sc->gmark = r->fatalities;
    if (inwin) {
        if (sr__grow((void **)&sc->ids, &sc->capids, sc->nids, sizeof *sc->ids) ||
            !(sc->ids[sc->nids] = sr__strdup(r->event_id)))
            return sc->err = SR_ENOMEM;
        sc->nids++;
        if (sc->by != 2 && count_other(sc, sc->by == 0 ? r->admin1 : r->actor1))
            return sc->err = SR_ENOMEM;
    }
    return 0;
}

static void free_scan(scan *sc)
{
    finish_series(sc); /* frees what a failed scan left */
    free(sc->gloc);
    free(sc->gsub);
    free(sc->marks);
    free(sc->inwin);
    free(sc->weeks);
    free(sc->oth);
    for (size_t i = 0; i < sc->nout; i++) {
        free(sc->out[i].key);
        free(sc->out[i].top_other);
        for (size_t j = 0; j < sc->out[i].nids; j++)
            free(sc->out[i].ids[j]);
        free(sc->out[i].ids);
    }
    free(sc->out);
    free(sc->stat);
}

static const scan *sort_scan; /* only during the qsort below */

/* Most significant first: adjusted p, then raw p, then key. */
static int by_adjusted(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    const sr__trend_stat *x = &sort_scan->stat[i], *y = &sort_scan->stat[j];
    if (x->adj != y->adj)
        return x->adj < y->adj ? -1 : 1;
    if (x->p != y->p)
        return x->p < y->p ? -1 : 1;
    return strcmp(sort_scan->out[i].key, sort_scan->out[j].key);
}

/* ---- the alert run ------------------------------------------------------------ */

int sr_trend_alerts(sr_store *st, const sr_alert_opts *o, sr_alert_cb cb, void *ud, char *err, size_t errlen)
{
    if (!st || !o || !cb) {
        sr__errf(err, errlen, "sr_trend_alerts: no store, options or callback");
        return SR_EINVAL;
    }
    const char *by = o->by ? o->by : "actor";
    int byk = !strcmp(by, "actor") ? 0 : !strcmp(by, "admin1") ? 1 : !strcmp(by, "actor,admin1") ? 2 : -1;
    if (byk < 0) {
        sr__errf(err, errlen, "cannot group alerts by '%.60s'; use actor, admin1 or actor,admin1", by);
        return SR_EINVAL;
    }
    const char *metric = o->metric ? o->metric : "events";
    if (strcmp(metric, "events") && strcmp(metric, "fatalities")) {
        sr__errf(err, errlen, "unknown metric '%.60s'; use events or fatalities", metric);
        return SR_EINVAL;
    }
    int W = o->window_days ? o->window_days : 30, B = o->baseline_days ? o->baseline_days : 90;
    double alpha = o->alpha > 0 ? o->alpha : 0.01;
    long min_count = o->min_count > 0 ? o->min_count : 5;
    double min_ratio = o->min_ratio > 0 ? o->min_ratio : 1.5;
    if (W < 1 || W > 3660 || B < 1 || B > 36600 || alpha >= 1.0) {
        sr__errf(err, errlen, "window %d and baseline %d days must be positive (at most 10 and 100 years), "
                              "alpha %g below 1", W, B, alpha);
        return SR_EINVAL;
    }

    /* the window ends on --until or the latest incident; the baseline starts
     * where asked or where the store's incidents start, whichever is later */
    sr_query q = {.country = o->country, .origin = o->origin, .kind = "incident"};
    char d_first[11], d_last[11];
    int rc = sr__store_dates(st, &q, d_first, d_last);
    if (rc) {
        sr__errf(err, errlen, "%s", sr_store_error(st));
        return rc;
    }
    if (!d_last[0])
        return 0; /* no dated incidents: nothing to test */
    sr__date du, df;
    if (sr__date_parse_iso(o->until ? o->until : d_last, &du) || sr__date_parse_iso(d_first, &df)) {
        sr__errf(err, errlen, "until '%.20s' is not a date; write it as YYYY-MM-DD", o->until ? o->until : d_last);
        return SR_EINVAL;
    }
    long until = sr__date_days(du), wstart = until - W + 1, bstart = wstart - B, first = sr__date_days(df);
    if (first > bstart)
        bstart = first;
    long bdays = wstart - bstart;
    if (bdays < W) {
        char fs[11];
        sr__date_fmt(df, fs);
        sr__errf(err, errlen,
                 "the incidents start on %s, %ld days before the %d-day window; the baseline needs at least "
                 "as many days as the window; use a shorter --window or an earlier --until",
                 fs, bdays < 0 ? 0 : bdays, W);
        return SR_EINVAL;
    }
    char s_until[11], s_wstart[11], s_bstart[11];
    sr__date_fmt(sr__date_from_days(until), s_until);
    sr__date_fmt(sr__date_from_days(wstart), s_wstart);
    sr__date_fmt(sr__date_from_days(bstart), s_bstart);

    scan sc = {.by = byk, .fat = !strcmp(metric, "fatalities"), .p0 = (double)W / (double)(W + bdays)};
    memcpy(sc.wstart, s_wstart, sizeof sc.wstart);
    sc.wstart_day = wstart;
    sc.nweeks = (size_t)(bdays / 7);
    if (sc.nweeks && !(sc.weeks = calloc(sc.nweeks, sizeof *sc.weeks))) {
        sr__errf(err, errlen, "out of memory");
        return SR_ENOMEM;
    }
    q.kind = NULL;
    q.since = s_bstart;
    q.until = s_until;
    rc = sr__store_incidents(st, byk, &q, on_incident, &sc);
    if (!rc)
        finish_series(&sc);
    if (rc || sc.err) {
        sr__errf(err, errlen, "%s", rc && rc != SR_ENOMEM ? sr_store_error(st) : "out of memory");
        free_scan(&sc);
        return rc ? rc : sc.err;
    }

    /* incident counts: binomial, or beta-binomial when the weeks of the
     * baselines vary more than Poisson counts would */
    double shape = sr__trend_disp_shape(&sc.disp);
    if (!sc.fat)
        for (size_t i = 0; i < sc.nout; i++)
            sr__trend_test_events(&sc.stat[i], W, (int)bdays, shape);
    long nt = sr__trend_decide(sc.stat, sc.nout, alpha, min_count, min_ratio, W, (int)bdays);
    size_t *order = malloc((sc.nout + 1) * sizeof *order);
    if (!order) {
        free_scan(&sc);
        sr__errf(err, errlen, "out of memory");
        return SR_ENOMEM;
    }
    for (size_t i = 0; i < sc.nout; i++)
        order[i] = i;
    sort_scan = &sc;
    qsort(order, sc.nout, sizeof *order, by_adjusted);
    sort_scan = NULL;

    rc = 0;
    for (size_t k = 0; k < sc.nout && !rc; k++) {
        const series *s = &sc.out[order[k]];
        const sr__trend_stat *t = &sc.stat[order[k]];
        sr_alert a = {
            .series = s->key,
            .top_other = s->top_other,
            .metric = metric,
            .flagged = t->flagged,
            .window_count = t->wcount,
            .baseline_count = t->bcount,
            .window_events = t->wev,
            .baseline_events = t->bev,
            .window_days = W,
            .baseline_days = (int)bdays,
            .rate_window = (double)t->wcount * 30.0 / W,
            .rate_baseline = (double)t->bcount * 30.0 / (double)bdays,
            .rate_ratio = t->ratio,
            .p_value = t->p,
            .p_adjusted = t->adj,
            .tests = nt,
            .event_ids = (const char *const *)s->ids,
            .nids = s->nids,
        };
        char bbname[160];
        snprintf(bbname, sizeof bbname,
                 "conditional beta-binomial, overdispersion: gamma shape %.3g per day over %ld series", shape,
                 sc.disp.series);
        a.dispersion = sc.fat ? 0.0 : shape;
        a.test = !sc.fat ? (shape > 0 ? bbname : "exact conditional binomial (window vs baseline incidents)")
                 : s->exact ? "exact conditional test of fatalities given incidents"
                            : "conditional test of fatalities given incidents (normal approximation)";
        memcpy(a.until, s_until, 11);
        memcpy(a.window_start, s_wstart, 11);
        memcpy(a.baseline_start, s_bstart, 11);
        if (a.flagged || o->all)
            rc = cb(ud, &a);
    }
    free(order);
    free_scan(&sc);
    return rc;
}
