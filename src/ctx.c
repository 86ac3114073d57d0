/* ctx.c — the library context: loads the dictionaries once, compiles every
 * phrase into one matcher, and owns them for the life of the context. Also
 * the dictionary check behind `sitrep lexicon check`. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *default_datadir(const char *datadir)
{
    if (datadir && *datadir)
        return datadir;
    const char *env = getenv("SITREP_DATA");
    if (env && *env)
        return env;
    return SR_DATADIR;
}

/* The gazetteer index: $SITREP_GAZETTEER, else gazetteer.bin in the data
 * directory (an installed layout), else the one the build wrote. */
static const char *gazetteer_path(const char *datadir, char *buf, size_t n)
{
    const char *env = getenv("SITREP_GAZETTEER");
    if (env && *env)
        return env;
    snprintf(buf, n, "%s/gazetteer.bin", datadir);
    if (access(buf, R_OK) == 0)
        return buf;
    return SR_GAZETTEER;
}

/* Collects the first diagnostics into a message for sr_ctx_new's caller. */
typedef struct firsterr {
    char *buf;
    size_t len;
    int n;
} firsterr;

static void keep_first(void *ud, const char *origin, long line, const char *msg)
{
    firsterr *fe = ud;
    if (fe->n++ == 0 && fe->buf)
        snprintf(fe->buf, fe->len, "%s:%ld: %s", origin, line, msg);
}

sr_ctx *sr_ctx_new(const char *datadir, sr_engine engine, char *err, size_t errlen)
{
    sr_ctx *ctx = calloc(1, sizeof *ctx);
    if (!ctx) {
        sr__errf(err, errlen, "out of memory");
        return NULL;
    }
    sr__code_init();
    ctx->datadir = sr__strdup(default_datadir(datadir));
    char first[1024] = "";
    firsterr fe = {first, sizeof first, 0};
    int rc = sr__lexicon_load(&ctx->lx, ctx->datadir, keep_first, &fe);
    if (rc != 0) {
        if (rc < 0)
            sr__errf(err, errlen, "loading dictionaries from %s: %s", ctx->datadir, sr_strerror(rc));
        else
            sr__errf(err, errlen, "%s (%d error%s in the dictionaries; run 'sitrep lexicon check')",
                     first, fe.n, fe.n == 1 ? "" : "s");
        sr_ctx_free(ctx);
        return NULL;
    }
    char gpath[4096], gerr[1024] = "";
    ctx->gaz = sr__gaz_open(gazetteer_path(ctx->datadir, gpath, sizeof gpath), gerr, sizeof gerr);
    if (!ctx->gaz) {
        sr__errf(err, errlen, "%s", gerr);
        sr_ctx_free(ctx);
        return NULL;
    }
    /* places are found through the gazetteer, which compiled data/places.tsv in */
    size_t k = 0;
    for (size_t i = 0; i < ctx->lx.npats; i++) {
        if (SR_LX_TABLE(ctx->lx.ids[i]) == SR_LX_PLACE) {
            free(ctx->lx.pats[i]);
            continue;
        }
        ctx->lx.pats[k] = ctx->lx.pats[i];
        ctx->lx.lens[k] = ctx->lx.lens[i];
        ctx->lx.ids[k] = ctx->lx.ids[i];
        k++;
    }
    ctx->lx.npats = k;
    char merr[512] = "";
    ctx->m = sr__matcher_new(engine, (const char *const *)ctx->lx.pats, ctx->lx.lens, ctx->lx.ids,
                             ctx->lx.npats, merr, sizeof merr);
    if (!ctx->m) {
        sr__errf(err, errlen, "compiling the dictionaries: %s", merr);
        sr_ctx_free(ctx);
        return NULL;
    }
    return ctx;
}

void sr_ctx_free(sr_ctx *ctx)
{
    if (!ctx)
        return;
    sr__matcher_free(ctx->m);
    sr__code_cache_free(ctx->cc);
    sr__gaz_free(ctx->gaz);
    sr__lexicon_release(&ctx->lx);
    free(ctx->datadir);
    free(ctx);
}

const char *sr_ctx_engine(const sr_ctx *ctx) { return ctx && ctx->m ? sr__matcher_engine(ctx->m) : "none"; }

int sr_lexicon_check(const char *datadir, sr_diag_cb diag, void *ud)
{
    sr__lexicon lx;
    int rc = sr__lexicon_load(&lx, default_datadir(datadir), diag, ud);
    if (rc == 0) {
        /* the phrases must also compile */
        char merr[512] = "";
        sr__matcher *m = sr__matcher_new(SR_ENGINE_AUTO, (const char *const *)lx.pats, lx.lens,
                                         lx.ids, lx.npats, merr, sizeof merr);
        if (!m) {
            if (diag)
                diag(ud, default_datadir(datadir), 0, merr);
            rc = 1;
        }
        sr__matcher_free(m);
    }
    sr__lexicon_release(&lx);
    return rc;
}
