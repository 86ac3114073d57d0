/* fuzz_lexicon.c — libFuzzer target for the dictionary loader behind
 * `sitrep lexicon check`: the input is written as every file of a scratch
 * data directory (countries, actors, agents, triggers, cues, quantities,
 * places), so each table's row parser reads it, and the phrases that load are
 * compiled into the matcher. Aborts when a rejected input is not reported,
 * or a report does not name its file and say what is wrong. */
#include "sitrep.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const files[] = {"countries.tsv", "actors.tsv", "agents.tsv", "triggers.tsv",
                                    "cues.tsv",      "quantities.tsv", "places.tsv"};
static char dir[64];

static void cleanup(void)
{
    char path[128];
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        remove(path);
    }
    remove(dir);
}

typedef struct {
    int n;
} diags;

static void on_diag(void *ud, const char *origin, long line, const char *msg)
{
    if (!origin || !msg || !*msg || line < 0)
        abort(); /* every complaint names its file and says what is wrong */
    ((diags *)ud)->n++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/sitrep-fuzz-lexicon.XXXXXX");
        if (!mkdtemp(dir))
            abort();
        atexit(cleanup);
    }
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[128];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        FILE *fp = fopen(path, "wb");
        if (!fp || fwrite(data, 1, size, fp) != size)
            abort();
        fclose(fp);
    }
    diags d = {0};
    int rc = sr_lexicon_check(dir, on_diag, &d);
    if (rc > 0 && d.n == 0)
        abort(); /* rejected rows are each reported */
    if (rc < 0 && rc != SR_ENOMEM && rc != SR_ETOOBIG && d.n == 0)
        abort(); /* a failure says why */
    return 0;
}
