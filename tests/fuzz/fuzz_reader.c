/* fuzz_reader.c — libFuzzer target for the input readers: feeds the bytes to
 * sr_read_buffer once per format (and once with detection) and checks the
 * invariants every delivered document must keep. Also linked into the plain
 * driver (driver.c) that replays the seed corpus as a meson test. */
#include "sitrep.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void on_diag(void *ud, const char *origin, long line, const char *msg)
{
    size_t *n = ud;
    if (!origin || !msg || !*msg || line < 0)
        abort();
    *n += strlen(msg);
}

/* Every string present and terminated, text valid for text_len bytes without
 * NUL, the date empty or YYYY-MM-DD. */
static int on_doc(void *ud, const sr_doc *d)
{
    size_t *n = ud;
    if (!d->id || !*d->id || !d->title || !d->date || !d->source || !d->url || !d->text || !d->origin)
        abort();
    size_t dl = strlen(d->date);
    if (dl != 0 && (dl != 10 || d->date[4] != '-' || d->date[7] != '-'))
        abort();
    if (memchr(d->text, 0, d->text_len))
        abort();
    *n += strlen(d->id) + strlen(d->title) + strlen(d->source) + strlen(d->url) + d->text_len;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const origins[] = {"fuzz.txt", "fuzz.txt", "fuzz.jsonl", "fuzz.html", "fuzz.rss"};
    size_t sink = 0;
    for (int f = SR_FMT_AUTO; f <= SR_FMT_FEED; f++) {
        sr_read_opts o = {.format = (sr_format)f, .default_date = f == SR_FMT_TEXT ? "2020-01-01" : NULL,
                          .diag = on_diag, .diag_ud = &sink};
        int rc = sr_read_buffer((const char *)data, size, f == SR_FMT_AUTO ? "<stdin>" : origins[f], &o,
                                on_doc, &sink);
        if (rc > 0)
            abort(); /* the callback never stops reading */
    }
    (void)sr_format_detect((const char *)data, size, NULL);
    return 0;
}
