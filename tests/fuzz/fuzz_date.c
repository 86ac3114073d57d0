/* fuzz_date.c — libFuzzer target for the date parsers: sr__date_find on a
 * header line and sr__date_scan on lower-cased text, with a fixed publication
 * date. Checks that every hit lies inside the input, in order, without
 * overlap, with a valid range. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    sr__date d;
    if (sr__date_find(s, size, &d) == 0 && (d.m < 1 || d.m > 12 || d.d < 1 || d.d > 31))
        abort();
    sr__date pub = {2019, 4, 22};
    sr__date_hit hits[16];
    int n = sr__date_scan(s, size, pub, hits, 16);
    uint32_t last = 0;
    for (int i = 0; i < n && i < 16; i++) {
        if (hits[i].s < last || hits[i].e < hits[i].s || hits[i].e > size)
            abort();
        if (sr__date_days(hits[i].start) > sr__date_days(hits[i].end))
            abort();
        last = hits[i].e;
    }
    return 0;
}
