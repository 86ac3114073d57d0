/* ctx.c — STUB */
#include "internal.h"
#include <stdlib.h>
sr_ctx *sr_ctx_new(const char *datadir, sr_engine engine, char *err, size_t errlen) { sr__errf(err, errlen, "not implemented"); return NULL; }
void sr_ctx_free(sr_ctx *ctx) { }
const char *sr_ctx_engine(const sr_ctx *ctx) { return "none"; }
int sr_lexicon_check(const char *datadir, sr_diag_cb diag, void *ud) { return 1; }
int sr_code(sr_ctx *ctx, const sr_doc *doc, sr_events **out) { return SR_EINVAL; }
size_t sr_events_count(const sr_events *evs) { return 0; }
const sr_event *sr_events_get(const sr_events *evs, size_t i) { return NULL; }
void sr_events_free(sr_events *evs) { }
