/* match_bench.c — times the text pipeline and both matcher engines: build
 * time for a dictionary of N phrases and scan throughput (MB/s of original
 * text) over one file read whole as text. Used for docs/matching.md; built by
 * hand:
 *   cc -O2 -Iinclude -Isrc bench/match_bench.c src/text.c src/match.c src/util.c \
 *      -lhs -lutf8proc -o /tmp/match_bench
 *   /tmp/match_bench ../shared/data/acled/acled-2020-dev.csv 5000 100000 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t rng = 0x9E3779B97F4A7C15ULL;
static uint32_t rnd(uint32_t k)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % k);
}

static void count_cb(void *ud, uint32_t id, uint32_t tb, uint32_t te)
{
    (void)id;
    (void)tb;
    (void)te;
    (*(size_t *)ud)++;
}

/* A dictionary of n distinct phrases shaped like a gazetteer plus an actor
 * list: names taken from the text (1-3 word n-grams opening with a
 * capitalised word inside a sentence), so they match, until the text has no
 * new ones; the rest are made-up two-word names that never occur. */
static void make_dict(const sr__text *t, size_t n, char ***pats, size_t **lens, uint32_t **ids, size_t *from_text)
{
    *pats = malloc(n * sizeof **pats);
    *lens = malloc(n * sizeof **lens);
    *ids = malloc(n * sizeof **ids);
    size_t hcap = 1;
    while (hcap < 4 * n)
        hcap <<= 1;
    uint64_t *seen = calloc(hcap, sizeof *seen);
    if (!*pats || !*lens || !*ids || !seen)
        exit(1);
    size_t misses = 0;
    *from_text = 0;
    for (size_t i = 0; i < n;) {
        char buf[128];
        size_t len = 0;
        int real = misses < 5000;
        if (real) {
            size_t a = rnd((uint32_t)t->ntoks), b = a + rnd(3);
            if (t->toks[a].kind != SR_TOK_WORD || !(t->toks[a].flags & SR_TF_CAP) ||
                (t->toks[a].flags & SR_TF_SSTART))
                continue;
            while (b > a && (b >= t->ntoks || t->toks[b].kind != SR_TOK_WORD))
                b--;
            len = t->toks[b].e - t->toks[a].s;
            if (len >= sizeof buf)
                len = t->toks[a].e - t->toks[a].s;
            memcpy(buf, t->norm + t->toks[a].s, len);
        } else {
            len = (size_t)snprintf(buf, sizeof buf, "%c%c%c%u al-%c%c%cabad", 'a' + rnd(26), 'a' + rnd(26),
                                   'a' + rnd(26), rnd(1000000), 'a' + rnd(26), 'a' + rnd(26), 'a' + rnd(26));
        }
        uint64_t h = sr__hash64(buf, len) | 1;
        size_t k = h & (hcap - 1);
        while (seen[k] && seen[k] != h)
            k = (k + 1) & (hcap - 1);
        if (seen[k]) {
            misses++;
            continue;
        }
        seen[k] = h;
        misses = 0;
        *from_text += real;
        (*pats)[i] = sr__strndup(buf, len);
        (*lens)[i] = len;
        (*ids)[i] = (uint32_t)i;
        i++;
    }
    free(seen);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: match_bench FILE NPHRASES...\n");
        return 2;
    }
    char *s;
    size_t n;
    if (sr__read_all(argv[1], 0, &s, &n) != 0) {
        fprintf(stderr, "match_bench: cannot read %s\n", argv[1]);
        return 1;
    }
    char *fixed;
    size_t fn, bad;
    if (sr__utf8_repair(s, n, &fixed, &fn, &bad) < 0)
        return 1;
    free(s);
    s = fixed;
    n = fn;
    const int reps = 5;
    sr__text t;
    double ti = 1e9; /* best of reps: the figures are for an unloaded core */
    for (int r = 0; r < reps; r++) {
        double t0 = now();
        if (sr__text_init(&t, s, n) != 0)
            return 1;
        double d = now() - t0;
        ti = d < ti ? d : ti;
        if (r + 1 < reps)
            sr__text_release(&t);
    }
    printf("text: %.2f MB, %zu tokens, %zu sentences; text_init %.1f MB/s\n", n / 1e6, t.ntoks, t.nsents,
           n / 1e6 / ti);
    for (int a = 2; a < argc; a++) {
        size_t np = strtoul(argv[a], NULL, 10);
        char **pats;
        size_t *lens;
        uint32_t *ids;
        size_t real;
        make_dict(&t, np, &pats, &lens, &ids, &real);
        printf("%zu phrases, %zu of them names from the text\n", np, real);
        for (sr_engine e = SR_ENGINE_HS; e <= SR_ENGINE_PORTABLE; e++) {
            char err[256];
            double c0 = now();
            sr__matcher *m = sr__matcher_new(e, (const char *const *)pats, lens, ids, np, err, sizeof err);
            double ct = now() - c0;
            if (!m) {
                fprintf(stderr, "match_bench: %s\n", err);
                return 1;
            }
            size_t hits = 0;
            double st = 1e9;
            for (int r = 0; r < reps; r++) {
                double s0 = now();
                if (sr__matcher_scan(m, &t, count_cb, &hits) != 0)
                    return 1;
                double d = now() - s0;
                st = d < st ? d : st;
            }
            /* per document: each line of the file as its own text (ACLED rows
             * are ~500 bytes), text_init + scan + release, as the pipeline does */
            double dt = 1e9;
            size_t dhits = 0;
            for (int r = 0; r < 3; r++) {
                double d0 = now();
                for (size_t a0 = 0; a0 < n;) {
                    const char *nlp = memchr(s + a0, '\n', n - a0);
                    size_t a1 = nlp ? (size_t)(nlp - s) + 1 : n;
                    sr__text dt_;
                    if (sr__text_init(&dt_, s + a0, a1 - a0) != 0 || sr__matcher_scan(m, &dt_, count_cb, &dhits) != 0)
                        return 1;
                    sr__text_release(&dt_);
                    a0 = a1;
                }
                double d = now() - d0;
                dt = d < dt ? d : dt;
            }
            printf("%7zu phrases  %-10s  build %8.1f ms  scan %7.1f MB/s  %zu matches  per-line text+scan %6.1f MB/s\n",
                   np, sr__matcher_engine(m), ct * 1e3, n / 1e6 / st, hits / reps, n / 1e6 / dt);
            sr__matcher_free(m);
        }
        for (size_t i = 0; i < np; i++)
            free(pats[i]);
        free(pats);
        free(lens);
        free(ids);
    }
    sr__text_release(&t);
    free(s);
    return 0;
}
