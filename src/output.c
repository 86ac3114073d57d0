/* output.c — STUB, to be replaced: JSON Lines, CSV, GeoJSON writers. */
#include "internal.h"
int sr_outfmt_parse(const char *name) { return -1; }
sr_writer *sr_writer_new(FILE *fp, sr_outfmt fmt) { return NULL; }
int sr_writer_put(sr_writer *w, const sr_event *ev) { return SR_EINVAL; }
int sr_writer_finish(sr_writer *w) { return SR_EINVAL; }
void sr_writer_free(sr_writer *w) { }
char *sr_event_to_json(const sr_event *ev) { return NULL; }
