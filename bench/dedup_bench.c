/* dedup_bench.c — times storing and linking N synthetic news reports (default
 * 100,000) into incidents through sr_store_add: about 40,000 true events over
 * three years in 60 places of 5 countries, each reported by one to four
 * outlets within two days with slightly different tolls, arriving in date
 * order, committed every 1,000 documents. Prints the time per report at
 * 10k, 50k and 100k (overall and since the previous mark) to show that linking
 * stays near-linear; figures go in docs/dedup.md.
 * Usage: dedup_bench FILE [N] */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static uint64_t rng = 88172645463325252ULL;
static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static const char *const countries[][2] = {
    {"Nigeria", "NGA"}, {"Kenya", "KEN"}, {"Syria", "SYR"}, {"Somalia", "SOM"}, {"Afghanistan", "AFG"}};
static const char *const subs[][2] = {{"Attack", "Violence against civilians"},
                                      {"Armed clash", "Battles"},
                                      {"Air/drone strike", "Explosions/Remote violence"},
                                      {"Remote explosive/landmine/IED", "Explosions/Remote violence"}};
static const char *const outlets[] = {"Wire A", "Daily B", "Times C", "Radio D", "Post E", "Herald F"};

typedef struct truth {
    long day;
    int country, place, sub, a1, a2, fat;
} truth;

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: dedup_bench FILE [N]\n");
        return 2;
    }
    const char *path = argv[1];
    long n = argc > 2 ? atol(argv[2]) : 100000;
    if (n < 1000) {
        fprintf(stderr, "dedup_bench: N must be at least 1000\n");
        return 2;
    }
    char p[512];
    const char *sfx[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", path, sfx[i]);
        unlink(p);
    }
    char err[512];
    sr_store *st = sr_store_open(path, err, sizeof err);
    if (!st) {
        fprintf(stderr, "dedup_bench: %s\n", err);
        return 1;
    }
    char actors[40][32], places[60][32], admin1[60][32];
    double lat[60], lon[60];
    for (int i = 0; i < 40; i++)
        snprintf(actors[i], sizeof actors[i], "Actor %02d", i);
    for (int i = 0; i < 60; i++) {
        snprintf(places[i], sizeof places[i], "Town %02d", i);
        snprintf(admin1[i], sizeof admin1[i], "Province %02d", i / 6);
        lat[i] = 2.0 + (i % 6) * 0.9 + (i / 6) * 1.7; /* towns of a province 100 km apart */
        lon[i] = 30.0 + (i % 6) * 0.7;
    }
    long base = sr__date_days((sr__date){2019, 1, 1});
    long span = 3 * 365;
    long ntruth = n * 2 / 5 + 1;
    truth *tv = malloc((size_t)ntruth * sizeof *tv);
    if (!tv)
        return 1;
    for (long i = 0; i < ntruth; i++) {
        tv[i].day = base + i * span / ntruth;
        tv[i].place = (int)rnd(60);
        tv[i].country = tv[i].place / 12;
        tv[i].sub = (int)rnd(4);
        tv[i].a1 = (int)rnd(40);
        tv[i].a2 = (int)rnd(40);
        tv[i].fat = (int)rnd(25);
    }
    double t0 = now(), tlast = t0;
    long done = 0, last_done = 0, t = 0, ndoc = 0;
    const long marks[] = {10000, 50000, 100000, 200000, 500000, 1000000};
    int mk = 0;
    printf("%10s %10s %12s %22s %10s\n", "reports", "seconds", "us/report", "us/report(since prev)", "incidents");
    sr_store_begin(st);
    while (done < n) {
        /* one to four outlets report the event at t, on its day or up to two days later */
        const truth *tr = &tv[t++ % ntruth];
        int k = 1 + (int)rnd(4);
        for (int j = 0; j < k && done < n; j++, done++) {
            sr_event e;
            memset(&e, 0, sizeof e);
            sr__date_fmt(sr__date_from_days(tr->day), e.event_date);
            char id[32], text[64];
            snprintf(id, sizeof id, "b%ld", done);
            snprintf(text, sizeof text, "synthetic report %ld", done);
            e.doc_id = "";
            e.event_id = id;
            e.kind = "incident";
            e.time_precision = 1 + (int)(rnd(10) == 0);
            e.event_type = subs[tr->sub][1];
            e.sub_event_type = subs[tr->sub][0];
            e.actor1 = rnd(5) ? actors[tr->a1] : "";
            e.actor2 = rnd(3) ? actors[tr->a2] : "";
            e.assoc_actor_1 = e.assoc_actor_2 = e.source = e.notes = e.admin1_acled = e.admin2 = "";
            e.country = countries[tr->country][0];
            e.iso3 = countries[tr->country][1];
            e.admin1 = admin1[tr->place];
            e.location = places[tr->place];
            e.latitude = lat[tr->place] + rnd(10) / 200.0;
            e.longitude = lon[tr->place];
            e.geo_precision = 1 + (int)(rnd(6) == 0);
            e.fatalities = tr->fat + (int)rnd(3);
            e.fatalities_low = e.fatalities - (int)rnd(2);
            e.fatalities_high = e.fatalities + (int)rnd(4);
            e.ev_sentence = e.ev_trigger = e.ev_actor1 = e.ev_actor2 = e.ev_place = e.ev_date = e.ev_number =
                e.ev_source = (sr_span){-1, -1};
            sr_doc d = {.id = text, .title = "", .date = "", .source = outlets[(j + tr->a1) % 6], .url = "",
                        .text = text, .text_len = strlen(text), .origin = "bench"};
            sr_events evs = {.v = &e, .n = 1};
            if (sr_store_add(st, &d, &evs, NULL)) {
                fprintf(stderr, "dedup_bench: %s\n", sr_store_error(st));
                return 1;
            }
            if (++ndoc % 1000 == 0) {
                sr_store_commit(st);
                sr_store_begin(st);
            }
            if (mk < 6 && done + 1 == marks[mk]) {
                sr_store_commit(st);
                double tn = now();
                long ninc = 0;
                sr_scope sc;
                if (!sr_store_scope(st, &(sr_query){0}, &sc))
                    ninc = sc.events;
                printf("%10ld %10.2f %12.1f %22.1f %10ld\n", done + 1, tn - t0, (tn - t0) / (double)(done + 1) * 1e6,
                       (tn - tlast) / (double)(done + 1 - last_done) * 1e6, ninc);
                fflush(stdout);
                tlast = now();
                t0 += tlast - tn; /* the scope query is not counted */
                last_done = done + 1;
                mk++;
                sr_store_begin(st);
            }
        }
    }
    sr_store_commit(st);
    sr_store_free(st);
    free(tv);
    return 0;
}
