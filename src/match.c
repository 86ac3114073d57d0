/* match.c — STUB, to be replaced: the matcher interface and its engines. */
#include "internal.h"
sr__matcher *sr__matcher_new(sr_engine engine, const char *const *pats, const size_t *lens,
                             const uint32_t *ids, size_t n, char *err, size_t errlen)
{ sr__errf(err, errlen, "matcher not implemented"); return NULL; }
void sr__matcher_free(sr__matcher *m) { (void)m; }
const char *sr__matcher_engine(const sr__matcher *m) { return "none"; }
int sr__matcher_scan(sr__matcher *m, const sr__text *t, sr__match_cb cb, void *ud) { return SR_EENGINE; }
