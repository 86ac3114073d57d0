/* gaz_load — measures the gazetteer index: how long mapping and checking it
 * takes, and the resident memory it costs, before and after finding the place
 * names of a text (every page the lookups touch then counts). Prints figures;
 * run by bench/run. Usage: gaz_load GAZETTEER.bin [TEXTFILE] */
#include "gazetteer.h"
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Resident memory backed by files (the mapped index), in kB. */
static long rss_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, "RssFile:", 8))
            kb = strtol(line + 8, NULL, 10);
    if (f)
        fclose(f);
    return kb;
}

static void count(void *ud, uint32_t id, uint32_t tb, uint32_t te)
{
    (void)id, (void)tb, (void)te;
    ++*(long *)ud;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: gaz_load GAZETTEER.bin [TEXTFILE]\n");
        return 2;
    }
    char err[512];
    double best = 1e9;
    long rss0 = rss_kb(), rss1 = 0;
    for (int r = 0; r < 5; r++) {
        double t0 = now();
        sr__gaz *g = sr__gaz_open(argv[1], err, sizeof err);
        double t = now() - t0;
        if (!g) {
            fprintf(stderr, "gaz_load: %s\n", err);
            return 1;
        }
        if (t < best)
            best = t;
        if (r == 4) {
            rss1 = rss_kb();
            printf("gazetteer: %zu places, %zu names; open (map + check) %.1f ms best of 5; resident index pages +%ld MB after open\n",
                   sr__gaz_nplaces(g), sr__gaz_nnames(g), best * 1e3, (rss1 - rss0) / 1024);
            if (argc > 2) {
                char *text;
                size_t n;
                if (sr__read_all(argv[2], (size_t)1 << 30, &text, &n) == 0) {
                    sr__text tx;
                    long hits = 0;
                    double t1 = now();
                    if (sr__text_init(&tx, text, n) == 0) {
                        sr__gaz_scan(g, &tx, count, &hits);
                        double dt = now() - t1;
                        printf("place names in %s: %ld hits in %.2f MB, %.0f ms with text preparation; resident index pages +%ld MB after\n",
                               argv[2], hits, (double)n / 1e6, dt * 1e3, (rss_kb() - rss0) / 1024);
                        sr__text_release(&tx);
                    }
                    free(text);
                }
            }
        }
        sr__gaz_free(g);
    }
    return 0;
}
