/* alerts_sim.c — synthetic series for the escalation alerts of src/trend.c:
 * measures the false-alarm rate on series with no change (Poisson and
 * overdispersed days, events and fatalities) and the power and detection
 * delay on a series with a known step change, using the same decision rule as
 * `sitrep alerts` (sr__trend_decide). `alerts_sim --check` is the test: it
 * asserts a bound on false alarms and that a strong change is caught.
 * Usage: alerts_sim [--check] [--runs N] [--seed S]. Figures: docs/alerts.md. */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W 30
#define B 90
#define NSERIES 50
#define ALPHA 0.01
#define MIN_COUNT 5
#define MIN_RATIO 1.5
#define MAXDAYS 400

/* ---- random numbers (splitmix64; fixed seeds, reproducible figures) ---- */
static uint64_t rng_state;
static uint64_t rnd64(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
static double unif(void) { return ((double)(rnd64() >> 11) + 0.5) / 9007199254740992.0; }
static double normal(void) { return sqrt(-2 * log(unif())) * cos(2 * M_PI * unif()); }
static long poisson(double lam)
{
    if (lam <= 0)
        return 0;
    if (lam > 30) /* not used at the rates simulated here, kept correct anyway */
        return lrint(fmax(0, lam + sqrt(lam) * normal()));
    double l = exp(-lam), p = 1.0;
    long k = 0;
    do {
        k++;
        p *= unif();
    } while (p > l);
    return k - 1;
}
/* Gamma(shape, 1) by Marsaglia and Tsang (shape >= 1; boosted below 1). */
static double gamma_rv(double shape)
{
    if (shape < 1)
        return gamma_rv(shape + 1) * pow(unif(), 1 / shape);
    double d = shape - 1.0 / 3, c = 1 / sqrt(9 * d);
    for (;;) {
        double x = normal(), v = 1 + c * x;
        if (v <= 0)
            continue;
        v = v * v * v;
        double u = unif();
        if (log(u) < 0.5 * x * x + d - d * v + d * log(v))
            return d * v;
    }
}
/* Fatalities of one incident: none half the time, else a heavy tail
 * (geometric with mean 3, and one in twenty a mass-casualty 10-60). */
static long toll(void)
{
    double u = unif();
    if (u < 0.5)
        return 0;
    if (u < 0.55)
        return 10 + (long)(unif() * 50);
    long k = 1;
    while (unif() < 2.0 / 3)
        k++;
    return k;
}

/* ---- one series ----------------------------------------------------------- */
typedef struct series {
    long n[MAXDAYS];         /* incidents per day */
    long *marks[MAXDAYS];    /* their fatalities */
} series;

/* Daily rates: a spread from rare to busy actors. */
static double base_rate(int s) { return 0.03 + 0.06 * (s % 10) * (1 + s / 10); }

/* Fills days [0, ndays) with rate lam (times mult from day step on); k > 0
 * makes each day's rate gamma-distributed with shape k (overdispersion). */
static void gen(series *x, int ndays, double lam, int step, double mult, double k)
{
    for (int d = 0; d < ndays; d++) {
        double r = lam * (d >= step ? mult : 1);
        if (k > 0)
            r *= gamma_rv(k) / k;
        x->n[d] = poisson(r);
        free(x->marks[d]);
        x->marks[d] = x->n[d] ? malloc((size_t)x->n[d] * sizeof(long)) : NULL;
        for (long i = 0; i < x->n[d]; i++)
            x->marks[d][i] = toll();
    }
}

/* The statistics of the window ending on day end (inclusive). naive: the
 * binomial test applied to fatality counts as if they were Poisson events. */
static void stat(const series *x, int end, int fat, int naive, sr__trend_stat *t)
{
    static long marks[100000];
    size_t nm = 0;
    memset(t, 0, sizeof *t);
    double p0 = (double)W / (W + B);
    for (int d = end - W - B + 1; d <= end; d++) {
        int in = d > end - W;
        for (long i = 0; i < x->n[d]; i++) {
            long v = fat ? x->marks[d][i] : 1;
            if (in)
                t->wev++, t->wcount += v;
            else
                t->bev++, t->bcount += v;
            if (nm < sizeof marks / sizeof marks[0])
                marks[nm++] = x->marks[d][i];
        }
    }
    if (!fat) {
        t->p = 1, t->pmin = 1; /* set by decide() once the dispersion is known */
    } else if (naive) {
        t->p = sr__trend_binom_sf(t->wcount, t->wcount + t->bcount, p0);
        t->pmin = pow(p0, (double)(t->wcount + t->bcount));
    } else {
        long nz = 0;
        for (size_t i = 0; i < nm; i++)
            nz += marks[i] > 0;
        t->p = sr__trend_marked_sf(marks, nm, t->wcount, p0, NULL);
        t->pmin = nz ? pow(p0, (double)nz) : 1.0;
    }
}

static series S[NSERIES];

/* Tests every series' incident counts, as sitrep alerts does: the
 * overdispersion is pooled over the baseline weeks of all series. */
static void decide(sr__trend_stat *t, int end, int fat, int poisson_only)
{
    if (!fat) {
        sr__trend_disp disp = {0};
        for (int s = 0; s < NSERIES; s++) {
            long weeks[B / 7] = {0};
            for (int w = 0; w < B / 7; w++)
                for (int d = end - W - 7 * w - 6; d <= end - W - 7 * w; d++)
                    weeks[w] += S[s].n[d];
            sr__trend_disp_add(&disp, weeks, B / 7);
        }
        double shape = poisson_only ? 0 : sr__trend_disp_shape(&disp);
        for (int s = 0; s < NSERIES; s++)
            sr__trend_test_events(&t[s], W, B, shape);
    }
    sr__trend_decide(t, NSERIES, ALPHA, MIN_COUNT, MIN_RATIO, W, B);
}

/* Share of runs with at least one alert, and of series flagged, when nothing changes. */
static void false_alarms(int runs, int fat, int naive, double k, int poisson_only, double *fwer, double *per_series)
{
    long any = 0, flagged = 0;
    sr__trend_stat t[NSERIES];
    for (int r = 0; r < runs; r++) {
        for (int s = 0; s < NSERIES; s++)
            gen(&S[s], W + B, base_rate(s), 1 << 30, 1, k);
        for (int s = 0; s < NSERIES; s++)
            stat(&S[s], W + B - 1, fat, naive, &t[s]);
        decide(t, W + B - 1, fat, poisson_only);
        int f = 0;
        for (int s = 0; s < NSERIES; s++)
            f += t[s].flagged;
        any += f > 0;
        flagged += f;
    }
    *fwer = (double)any / runs;
    *per_series = (double)flagged / ((double)runs * NSERIES);
}

/* Series 0 at rate lam steps up by mult on day W + B; the window end moves
 * one day at a time from the step. Returns the share caught within 30 days
 * and the median delay (days from the step to the first alert). */
static void detection(int runs, double lam, double mult, int fat, double *power, double *median)
{
    int delays[4096];
    int nd = 0, caught = 0;
    sr__trend_stat t[NSERIES];
    int step = W + B, last = step + 59;
    for (int r = 0; r < runs; r++) {
        gen(&S[0], last + 1, lam, step, mult, 0);
        for (int s = 1; s < NSERIES; s++)
            gen(&S[s], last + 1, base_rate(s), 1 << 30, 1, 0);
        int delay = -1;
        for (int end = step; end <= last && delay < 0; end++) {
            for (int s = 0; s < NSERIES; s++)
                stat(&S[s], end, fat, 0, &t[s]);
            decide(t, end, fat, 0);
            if (t[0].flagged)
                delay = end - step + 1;
        }
        if (delay > 0 && delay <= 30)
            caught++;
        if (delay > 0 && nd < 4096)
            delays[nd++] = delay;
    }
    /* median over all runs, counting undetected ones as "later than 60" */
    int sorted[4096], n = 0;
    for (int i = 0; i < nd; i++)
        sorted[n++] = delays[i];
    for (int i = nd; i < runs && n < 4096; i++)
        sorted[n++] = 1000;
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && sorted[j - 1] > sorted[j]; j--) {
            int tmp = sorted[j];
            sorted[j] = sorted[j - 1];
            sorted[j - 1] = tmp;
        }
    *power = (double)caught / runs;
    *median = n ? sorted[n / 2] : 1000;
}

static void free_series(void)
{
    for (int s = 0; s < NSERIES; s++)
        for (int d = 0; d < MAXDAYS; d++) {
            free(S[s].marks[d]);
            S[s].marks[d] = NULL;
        }
}

int main(int argc, char **argv)
{
    int check = 0, runs = 1000;
    uint64_t seed = 20261125;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--check"))
            check = 1;
        else if (!strcmp(argv[i], "--runs") && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
            seed = strtoull(argv[++i], NULL, 10);
        else {
            fprintf(stderr, "usage: alerts_sim [--check] [--runs N] [--seed S]\n");
            return 2;
        }
    }
    if (runs < 10 || runs > 4000)
        runs = 1000;
    rng_state = seed;
    double fwer, per;
    if (check) {
        int pass = 0, fail = 0;
        false_alarms(400, 0, 0, 0, 0, &fwer, &per);
        if (fwer <= 0.03)
            pass++;
        else
            fail++, printf("FAIL: false alarms, events, Poisson: %.3f of runs > 0.03\n", fwer);
        false_alarms(400, 0, 0, 1, 0, &fwer, &per);
        if (fwer <= 0.05)
            pass++;
        else
            fail++, printf("FAIL: false alarms, events, overdispersed days: %.3f of runs > 0.05\n", fwer);
        false_alarms(400, 1, 0, 0, 0, &fwer, &per);
        if (fwer <= 0.03)
            pass++;
        else
            fail++, printf("FAIL: false alarms, fatalities: %.3f of runs > 0.03\n", fwer);
        double power, med;
        detection(100, 0.3, 4, 0, &power, &med);
        if (power >= 0.9)
            pass++;
        else
            fail++, printf("FAIL: a x4 step from 9 incidents a month caught in %.2f of runs < 0.9\n", power);
        /* and the decision rule can fail: a doubling of a rare series is not
         * significant within a month most of the time */
        detection(100, 0.05, 2, 0, &power, &med);
        if (power <= 0.5)
            pass++;
        else
            fail++, printf("FAIL: a x2 step from 1.5 a month caught in %.2f of runs; suspiciously high\n", power);
        free_series();
        printf("alerts_sim: %d passed, %d failed\n", pass, fail);
        return fail ? 1 : 0;
    }
    printf("alerts simulation: %d series, window %d d, baseline %d d, alpha %.2f (family-wise), min count %d, "
           "min ratio %.1f, %d runs, seed %llu\n\n",
           NSERIES, W, B, ALPHA, MIN_COUNT, MIN_RATIO, runs, (unsigned long long)seed);
    printf("false alarms with no change (share of runs with any alert / share of series flagged):\n");
    false_alarms(runs, 0, 0, 0, 0, &fwer, &per);
    printf("  events, Poisson days:                       %.4f / %.5f\n", fwer, per);
    false_alarms(runs, 0, 0, 2, 0, &fwer, &per);
    printf("  events, overdispersed days (gamma k=2):     %.4f / %.5f\n", fwer, per);
    false_alarms(runs, 0, 0, 0.5, 0, &fwer, &per);
    printf("  events, overdispersed days (gamma k=0.5):   %.4f / %.5f\n", fwer, per);
    false_alarms(runs, 0, 0, 2, 1, &fwer, &per);
    printf("  the same k=2 with the plain binomial test:  %.4f / %.5f\n", fwer, per);
    false_alarms(runs, 0, 0, 0.5, 1, &fwer, &per);
    printf("  the same k=0.5 with the plain binomial:     %.4f / %.5f\n", fwer, per);
    false_alarms(runs, 1, 0, 0, 0, &fwer, &per);
    printf("  fatalities, conditional marked test:        %.4f / %.5f\n", fwer, per);
    false_alarms(runs, 1, 1, 0, 0, &fwer, &per);
    printf("  fatalities, naive binomial on death counts: %.4f / %.5f\n", fwer, per);
    printf("\ndetection of a step change in one series (others unchanged): caught within 30 days / median delay\n");
    static const double rates[] = {0.05, 0.1, 0.3, 1.0}, mults[] = {1.5, 2, 3, 5};
    int druns = runs / 4 < 50 ? 50 : runs / 4;
    for (size_t i = 0; i < sizeof rates / sizeof rates[0]; i++)
        for (size_t j = 0; j < sizeof mults / sizeof mults[0]; j++) {
            double power, med;
            detection(druns, rates[i], mults[j], 0, &power, &med);
            char md[32];
            if (med >= 1000)
                snprintf(md, sizeof md, "> 60 d");
            else
                snprintf(md, sizeof md, "%.0f d", med);
            printf("  events, %4.1f a month, x%.1f: %.2f / %s\n", rates[i] * 30, mults[j], power, md);
        }
    double power, med;
    detection(druns, 0.3, 3, 1, &power, &med);
    printf("  fatalities, 9 incidents a month, x3: %.2f / ", power);
    med >= 1000 ? printf("> 60 d\n") : printf("%.0f d\n", med);
    free_series();
    return 0;
}
