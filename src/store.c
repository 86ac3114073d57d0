/* store.c — STUB, to be replaced: SQLite store. */
#include "internal.h"
sr_store *sr_store_open(const char *path, char *err, size_t errlen) { sr__errf(err, errlen, "store not implemented"); return NULL; }
void sr_store_free(sr_store *st) { }
const char *sr_store_error(const sr_store *st) { return "not implemented"; }
int sr_store_begin(sr_store *st) { return SR_EDB; }
int sr_store_commit(sr_store *st) { return SR_EDB; }
int sr_store_rollback(sr_store *st) { return SR_EDB; }
int sr_store_add(sr_store *st, const sr_doc *doc, const sr_events *evs, int *skipped) { return SR_EDB; }
int sr_store_events(sr_store *st, const sr_query *q, sr_event_cb cb, void *ud) { return SR_EDB; }
int sr_store_report(sr_store *st, const char *by, const sr_query *q, sr_tally_cb cb, void *ud) { return SR_EDB; }
