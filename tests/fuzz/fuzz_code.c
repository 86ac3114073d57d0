/* fuzz_code.c — libFuzzer target for the whole coder: any bytes, repaired to
 * UTF-8 as the readers do, are coded with the shipped dictionaries. Checks
 * that every evidence span lies inside the document. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sr_ctx *ctx;

static void check(sr_span sp, size_t n)
{
    if (sp.start >= 0 && (sp.end < sp.start || (size_t)sp.end > n))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!ctx) {
        char err[512];
        ctx = sr_ctx_new(NULL, SR_ENGINE_PORTABLE, err, sizeof err);
        if (!ctx)
            abort();
    }
    char *text;
    size_t len, bad;
    if (sr__utf8_repair((const char *)data, size, &text, &len, &bad) < 0)
        return 0;
    sr_doc d = {.id = "fuzz", .title = "", .date = "2020-05-09", .source = "", .url = "",
                .text = text, .text_len = len, .origin = "fuzz"};
    sr_events *evs = NULL;
    if (sr_code(ctx, &d, &evs) == 0) {
        for (size_t i = 0; i < sr_events_count(evs); i++) {
            const sr_event *e = sr_events_get(evs, i);
            check(e->ev_sentence, len);
            check(e->ev_trigger, len);
            check(e->ev_actor1, len);
            check(e->ev_actor2, len);
            check(e->ev_place, len);
            check(e->ev_date, len);
            check(e->ev_number, len);
            check(e->ev_source, len);
        }
    }
    sr_events_free(evs);
    free(text);
    return 0;
}
