/* fuzz_csv.c — libFuzzer target for the CSV reader of reference exports
 * (sr_csv_*, ACLED and UCDP files): the input is written to a scratch file and
 * read record by record, with the header lookup, the date and inter-code
 * readers applied to every field. Aborts when a record breaks the reader's
 * promises (a NULL field, more fields than the cap, a malformed date out). */
#include "sitrep.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char scratch[64];

static void cleanup(void)
{
    remove(scratch);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!scratch[0]) {
        snprintf(scratch, sizeof scratch, "/tmp/sitrep-fuzz-csv.XXXXXX");
        int fd = mkstemp(scratch);
        if (fd < 0)
            abort();
        close(fd);
        atexit(cleanup);
    }
    FILE *fp = fopen(scratch, "wb");
    if (!fp || fwrite(data, 1, size, fp) != size)
        abort();
    fclose(fp);
    char err[256];
    sr_csv *c = sr_csv_open(scratch, err, sizeof err);
    if (!c)
        abort(); /* a readable file always opens */
    long line = 0, last = 0;
    int rc, records = 0;
    while ((rc = sr_csv_next(c, &line)) != 0 && records < 100000) {
        records++;
        if (line < last)
            abort(); /* lines only go forward */
        last = line;
        if (rc < 0) {
            if (!sr_csv_error(c) || !*sr_csv_error(c))
                abort(); /* a malformed record says why */
            continue;
        }
        int n = sr_csv_count(c);
        if (n < 0 || n > 1024)
            abort();
        for (int i = 0; i < n; i++) {
            const char *f = sr_csv_field(c, i);
            if (!f)
                abort();
            char iso[11];
            if (sr_csv_date(f, iso) == 0 &&
                (strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-' || iso[5] > '1' || iso[8] > '3'))
                abort();
            int k = sr_csv_inter(f);
            if (k < 0 || k > 8)
                abort();
        }
        if (!sr_csv_field(c, n) || *sr_csv_field(c, n))
            abort(); /* out of range reads "" */
        (void)sr_csv_find(c, "notes");
    }
    sr_csv_free(c);
    return 0;
}
