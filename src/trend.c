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

/* One series: its counts in the window and the baseline, the incidents per
 * full baseline week (events), or the toll of each incident (fatalities,
 * from the toll histogram; zeros for the incidents without deaths). */
typedef struct acc {
    char *key;
    long wev, bev, wcount, bcount, nonzero;
    long *weeks;
    long *marks;
    size_t nmarks, capmarks;
} acc;

typedef struct coll {
    acc *v;
    size_t n, cap;
    sr__keyidx ix;
    int fat, err;
    long wstart, wk0; /* first day of the window; Monday of the first full baseline week */
    char wstart_s[11];
    size_t nweeks;
} coll;

static acc *find_acc(coll *c, const char *key)
{
    size_t *slot = sr__keyidx_slot(&c->ix, c->v, sizeof *c->v, c->n, key, 1024);
    if (!slot)
        return NULL;
    if (*slot)
        return &c->v[*slot - 1];
    if (sr__grow((void **)&c->v, &c->cap, c->n, sizeof *c->v))
        return NULL;
    acc *a = &c->v[c->n];
    memset(a, 0, sizeof *a);
    if (!(a->key = sr__strdup(key)) || (c->nweeks && !(a->weeks = calloc(c->nweeks, sizeof *a->weeks)))) {
        free(a->key);
        return NULL;
    }
    *slot = ++c->n;
    return a;
}

static long day_of(const char *s)
{
    sr__date d;
    return sr__date_parse_iso(s, &d) ? -1000000L : sr__date_days(d);
}

/* A row of the alert tallies: incidents, and the fatalities or the
 * incidents again as the measure. */
static int on_row(void *ud, const sr__alert_row *r)
{
    coll *c = ud;
    acc *a = find_acc(c, r->key);
    if (!a)
        return c->err = SR_ENOMEM;
    long day = day_of(r->period), m = c->fat ? r->fat : r->n;
    if (day >= c->wstart) {
        a->wev += r->n;
        a->wcount += m;
    } else {
        a->bev += r->n;
        a->bcount += m;
        if (r->gran == 'W' && day >= c->wk0 && (size_t)((day - c->wk0) / 7) < c->nweeks)
            a->weeks[(day - c->wk0) / 7] += r->n;
    }
    a->nonzero += r->nfat;
    return 0;
}

/* Appends n copies of toll to the series' marks. */
static int add_marks(coll *c, acc *a, long toll, long n)
{
    for (long i = 0; i < n; i++) {
        if (sr__grow((void **)&a->marks, &a->capmarks, a->nmarks, sizeof *a->marks))
            return c->err = SR_ENOMEM;
        a->marks[a->nmarks++] = toll;
    }
    return 0;
}

/* A row of the toll histogram: n incidents of the series with this toll. */
static int on_mark(void *ud, const sr__alert_row *r)
{
    coll *c = ud;
    acc *a = find_acc(c, r->key);
    if (!a)
        return c->err = SR_ENOMEM;
    return add_marks(c, a, r->fat > 0 ? r->fat : 0, r->n > 0 ? r->n : 0);
}

static void free_coll(coll *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->v[i].key);
        free(c->v[i].weeks);
        free(c->v[i].marks);
    }
    free(c->v);
    sr__keyidx_release(&c->ix);
}

/* Covers the days lo..hi with day rows at the edges and Monday-week rows for
 * the whole weeks between; returns the Monday of the first whole week (or
 * hi + 1 when there is none) and their number in *nweeks. */
static long cover(long lo, long hi, sr__alert_range *r, int *nr, size_t *nweeks)
{
    long m0 = lo + (7 - ((lo + 3) % 7 + 7) % 7) % 7; /* 1970-01-05 (day 4) was a Monday */
    *nweeks = 0;
    if (m0 + 6 > hi) {
        r[*nr].gran = 'D';
        sr__date_fmt(sr__date_from_days(lo), r[*nr].lo);
        sr__date_fmt(sr__date_from_days(hi), r[(*nr)++].hi);
        return hi + 1;
    }
    long mlast = m0 + 7 * ((hi - 6 - m0) / 7);
    *nweeks = (size_t)((mlast - m0) / 7 + 1);
    if (m0 > lo) {
        r[*nr].gran = 'D';
        sr__date_fmt(sr__date_from_days(lo), r[*nr].lo);
        sr__date_fmt(sr__date_from_days(m0 - 1), r[(*nr)++].hi);
    }
    r[*nr].gran = 'W';
    sr__date_fmt(sr__date_from_days(m0), r[*nr].lo);
    sr__date_fmt(sr__date_from_days(mlast), r[(*nr)++].hi);
    if (mlast + 7 <= hi) {
        r[*nr].gran = 'D';
        sr__date_fmt(sr__date_from_days(mlast + 7), r[*nr].lo);
        sr__date_fmt(sr__date_from_days(hi), r[(*nr)++].hi);
    }
    return m0;
}

/* The events behind a reported series and its commonest other key. */
typedef struct behind {
    char **ids;
    size_t nids, capids;
    long long last_unit;
    struct {
        char *name;
        long n;
    } * oth;
    size_t noth, capoth;
    int err;
} behind;

static int on_behind(void *ud, const char *event_id, long long unit, const char *other)
{
    behind *b = ud;
    if (sr__grow((void **)&b->ids, &b->capids, b->nids, sizeof *b->ids) ||
        !(b->ids[b->nids] = sr__strdup(event_id)))
        return b->err = SR_ENOMEM;
    b->nids++;
    if (unit == b->last_unit || !*other) /* count each incident once */
        return 0;
    b->last_unit = unit;
    for (size_t i = 0; i < b->noth; i++)
        if (!strcmp(b->oth[i].name, other)) {
            b->oth[i].n++;
            return 0;
        }
    if (sr__grow((void **)&b->oth, &b->capoth, b->noth, sizeof *b->oth) ||
        !(b->oth[b->noth].name = sr__strdup(other)))
        return b->err = SR_ENOMEM;
    b->oth[b->noth++].n = 1;
    return 0;
}

static void free_behind(behind *b)
{
    for (size_t i = 0; i < b->nids; i++)
        free(b->ids[i]);
    free(b->ids);
    for (size_t i = 0; i < b->noth; i++)
        free(b->oth[i].name);
    free(b->oth);
    memset(b, 0, sizeof *b);
}

static const coll *sort_coll;
static const sr__trend_stat *sort_stat;

static int by_key(const void *a, const void *b)
{
    return strcmp(sort_coll->v[*(const size_t *)a].key, sort_coll->v[*(const size_t *)b].key);
}

/* Most significant first: adjusted p, then raw p, then key. */
static int by_adjusted(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    const sr__trend_stat *x = &sort_stat[i], *y = &sort_stat[j];
    if (x->adj != y->adj)
        return x->adj < y->adj ? -1 : 1;
    if (x->p != y->p)
        return x->p < y->p ? -1 : 1;
    return i < j ? -1 : i > j; /* stat i is the i-th series in key order */
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

    coll c = {.fat = !strcmp(metric, "fatalities"), .wstart = wstart};
    memcpy(c.wstart_s, s_wstart, sizeof c.wstart_s);
    sr_query uq = q;
    uq.kind = NULL;
    uq.since = s_bstart;
    uq.until = s_until;
    /* counts (and fatality sums) from the alert tallies: weeks between, days
     * at the edges; for fatalities also the toll histogram of the same rows */
    sr__alert_range r[6];
    int nr = 0;
    size_t wn = 0;
    c.wk0 = cover(bstart, wstart - 1, r, &nr, &c.nweeks);
    cover(wstart, until, r, &nr, &wn);
    /* rows arrive in any order; weeks[] must exist before the first */
    rc = sr__store_alert_rows(st, byk, &uq, r, nr, on_row, &c);
    if (!rc && !c.err && c.fat) {
        rc = sr__store_alert_marks(st, byk, &uq, r, nr, on_mark, &c);
        /* the incidents without deaths are marks of zero (they weigh in the
         * choice between the exact test and its approximation) */
        for (size_t i = 0; i < c.n && !rc && !c.err; i++) {
            acc *a = &c.v[i];
            long zeros = a->wev + a->bev - (long)a->nmarks;
            add_marks(&c, a, 0, zeros);
        }
    }
    if (rc || c.err) {
        sr__errf(err, errlen, "%s", rc && rc != SR_ENOMEM ? sr_store_error(st) : "out of memory");
        free_coll(&c);
        return rc ? rc : c.err;
    }

    /* the series in key order, their statistics in step */
    double p0 = (double)W / (double)(W + bdays);
    size_t n = c.n;
    size_t *ix = malloc((n + 1) * sizeof *ix), *order = malloc((n + 1) * sizeof *order);
    sr__trend_stat *stat = calloc(n + 1, sizeof *stat);
    int *exact = calloc(n + 1, sizeof *exact);
    if (!ix || !order || !stat || !exact) {
        free(ix), free(order), free(stat), free(exact);
        free_coll(&c);
        sr__errf(err, errlen, "out of memory");
        return SR_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        ix[i] = i;
    sort_coll = &c;
    qsort(ix, n, sizeof *ix, by_key);
    sort_coll = NULL;
    sr__trend_disp disp = {0};
    for (size_t i = 0; i < n; i++) {
        const acc *x = &c.v[ix[i]];
        stat[i] = (sr__trend_stat){.wev = x->wev, .bev = x->bev, .wcount = x->wcount, .bcount = x->bcount};
        exact[i] = 1;
        if (c.fat) {
            stat[i].p = sr__trend_marked_sf(x->marks, x->nmarks, x->wcount, p0, &exact[i]);
            stat[i].pmin = x->nonzero ? pow(p0, (double)x->nonzero) : 1.0;
        } else {
            sr__trend_disp_add(&disp, x->weeks, c.nweeks);
        }
    }
    /* incident counts: binomial, or beta-binomial when the weeks of the
     * baselines vary more than Poisson counts would */
    double shape = sr__trend_disp_shape(&disp);
    if (!c.fat)
        for (size_t i = 0; i < n; i++)
            sr__trend_test_events(&stat[i], W, (int)bdays, shape);
    long nt = sr__trend_decide(stat, n, alpha, min_count, min_ratio, W, (int)bdays);
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    sort_stat = stat;
    qsort(order, n, sizeof *order, by_adjusted);
    sort_stat = NULL;

    char bbname[160];
    snprintf(bbname, sizeof bbname, "conditional beta-binomial, overdispersion: gamma shape %.3g per day over %ld series",
             shape, disp.series);
    sr_query wq = uq;
    wq.since = s_wstart;
    rc = 0;
    if (o->header) {
        sr_alert h = {.metric = metric, .window_days = W, .baseline_days = (int)bdays, .tests = nt,
                      .dispersion = c.fat ? 0.0 : shape, .test = ""};
        memcpy(h.until, s_until, 11);
        memcpy(h.window_start, s_wstart, 11);
        memcpy(h.baseline_start, s_bstart, 11);
        rc = cb(ud, &h);
    }
    for (size_t k = 0; k < n && !rc; k++) {
        const sr__trend_stat *t = &stat[order[k]];
        if (!t->flagged && !o->all)
            continue;
        const char *key = c.v[ix[order[k]]].key;
        behind b = {.last_unit = 0};
        if ((rc = sr__store_series_events(st, byk, key, &wq, on_behind, &b)) != 0 || b.err) {
            sr__errf(err, errlen, "%s", rc && rc != SR_ENOMEM ? sr_store_error(st) : "out of memory");
            rc = rc ? rc : b.err;
            free_behind(&b);
            break;
        }
        const char *top = "";
        long topn = 0;
        for (size_t i = 0; i < b.noth; i++)
            if (b.oth[i].n > topn || (b.oth[i].n == topn && strcmp(b.oth[i].name, top) < 0)) {
                top = b.oth[i].name;
                topn = b.oth[i].n;
            }
        sr_alert al = {
            .series = key,
            .top_other = top,
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
            .event_ids = (const char *const *)b.ids,
            .nids = b.nids,
        };
        al.dispersion = c.fat ? 0.0 : shape;
        al.test = !c.fat ? (shape > 0 ? bbname : "exact conditional binomial (window vs baseline incidents)")
                  : exact[order[k]] ? "exact conditional test of fatalities given incidents"
                                    : "conditional test of fatalities given incidents (normal approximation)";
        memcpy(al.until, s_until, 11);
        memcpy(al.window_start, s_wstart, 11);
        memcpy(al.baseline_start, s_bstart, 11);
        rc = cb(ud, &al);
        free_behind(&b);
    }
    free(ix), free(order), free(stat), free(exact);
    free_coll(&c);
    return rc;
}
