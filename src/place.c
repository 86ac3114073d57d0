/* place.c — which of the places sharing a name the text means. Every
 * candidate gets a score from what the text says around the mention: the
 * country in context, an admin1 unit named nearby ("Tafas in Dar'a"), whether
 * it speaks of a province, then sitrep's own rows and population. The rule
 * is written out in docs/geocoding.md. */
#include "gazetteer.h"
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void sr__place_where(const sr__gaz *g, uint32_t place, sr__where *w)
{
    const sr__gzplace *p = sr__gaz_place(g, place);
    const sr__gzadmin1 *a = p->admin1 == SR_GZ_NONE ? NULL : sr__gaz_admin1(g, p->admin1);
    memset(w, 0, sizeof *w);
    w->name = sr__gaz_str(g, p->name);
    w->iso3 = p->iso3;
    w->admin1 = a ? sr__gaz_str(g, a->name) : "";
    w->admin1_acled = a && a->acled ? sr__gaz_str(g, a->acled) : "";
    w->admin2 = sr__gaz_str(g, p->admin2);
    w->lat = p->lat;
    w->lon = p->lon;
    w->pop = p->pop;
    w->kind = p->kind;
    w->geonameid = p->geonameid;
    w->place = place;
    w->admin1_ix = p->admin1;
}

/* The namesakes of nm that are provinces, for score's "a province of that
 * name lies elsewhere" rule, found once per name instead of once per
 * candidate; -1 if there are more than cap (score then looks at them all). */
static int province_namesakes(const sr__gaz *g, const sr__gzname *nm, const sr__gzplace **out, int cap)
{
    int n = 0;
    for (uint32_t i = 0; i < nm->count; i++) {
        const sr__gzplace *q = sr__gaz_place(g, sr__gaz_list(g, nm->first + i));
        if (q->kind != SR_GZ_ADMIN1)
            continue;
        if (n == cap)
            return -1;
        out[n++] = q;
    }
    return n;
}

/* 'C', 'G' or 'A' when a GeoNames feature code is PPLC, PPLG or PPLA (a
 * capital, a seat of government, a province's seat), else 0: tested for
 * every candidate, so without string calls. */
static inline char seat_code(const char f[6])
{
    return f[0] == 'P' && f[1] == 'P' && f[2] == 'L' && (f[3] == 'C' || f[3] == 'G' || f[3] == 'A') && !f[4] ? f[3]
                                                                                                             : 0;
}

/* What score needs to know of all of nm's namesakes, once per name: 1 when
 * nm is, by its own name, the national capital of a country other than the
 * one in context (iso), 2 when it names an admin1 unit outside that
 * country; 0 with no country in context. */
static int capital_named(const sr__gaz *g, const sr__gzname *nm, const char *iso)
{
    int f = 0;
    if (!iso)
        return 0;
    for (uint32_t i = 0; i < nm->count; i++) {
        const sr__gzplace *q = sr__gaz_place(g, sr__gaz_list(g, nm->first + i));
        if (!memcmp(q->iso3, iso, 4))
            continue;
        if (q->kind == SR_GZ_CITY && seat_code(q->fcode) == 'C' && !sr__gaz_list_alt(g, nm->first + i))
            f |= 1;
        else if (q->kind == SR_GZ_ADMIN1)
            f |= 2;
    }
    return f;
}

/* 20 log10(pop + 1), the score's population term. The same few thousand
 * places are scored again and again, and log10 cost as much as the rest of
 * the score: the last values are remembered per thread, exactly. */
static double pop_term(uint32_t pop)
{
    static _Thread_local struct {
        uint64_t key; /* pop + 1, 0: empty */
        double v;
    } memo[1024];
    uint64_t key = (uint64_t)pop + 1;
    size_t k = (size_t)((key * 0x9e3779b97f4a7c15ULL) >> 54);
    if (memo[k].key != key) {
        memo[k].key = key;
        memo[k].v = 20 * log10((double)pop + 1);
    }
    return memo[k].v;
}

/* The score of one candidate; the weights order the rules (a rule outranks
 * every one after it), population breaks the remaining ties. With why, also
 * says which rules gave what ("country +10000; ..."). adm/nadm: the
 * province_namesakes of nm (nadm -1: not known). Inlined where it is
 * called, so that sr__place_resolve's copy (why NULL, for every namesake of
 * every name resolved) drops the explanations' tests. */
static inline __attribute__((always_inline)) double score(const sr__gaz *g, uint32_t place, int alt, const sr__placectx *pc, const sr__gzname *nm,
                    const sr__gzplace *const *adm, int nadm, int *capital, char *why, size_t whylen)
{
    const sr__gzplace *p = sr__gaz_place(g, place);
    double s = 0;
    size_t wl = 0;
#define WHY(...) \
    do { \
        if (why && wl < whylen) \
            wl += (size_t)snprintf(why + wl, whylen - wl, __VA_ARGS__); \
    } while (0)
    if (why && whylen)
        why[0] = 0;
    int admin = p->kind == SR_GZ_ADMIN1 || p->kind == SR_GZ_ADMIN2 || p->kind == SR_GZ_REGION;
    int small_alt = alt && p->kind == SR_GZ_CITY && p->pop < 100000, town_for_unit = pc->want_admin && !admin;
    if (pc->iso3 && !memcmp(p->iso3, pc->iso3, 4) && (small_alt || town_for_unit) && *capital < 0)
        *capital = capital_named(g, nm, pc->iso3); /* asked only when it matters */
    if (pc->iso3 && !memcmp(p->iso3, pc->iso3, 4) && !(small_alt && (*capital & 1)) &&
        !(town_for_unit && (*capital & 2))) {
        /* (a national capital's own name is not, in its neighbour's news, an
         * old name of a small town there: "Islamabad" in a report on Kashmir
         * is Pakistan's capital, not Anantnag; and "Zulia state" is a state,
         * Venezuela's, not a town of that name in the country in context) */
        s += 10000;
        WHY("in the country in context +10000; ");
    }
    if (pc->want_admin && admin) {
        s += 6000;
        WHY("a province is meant +6000; ");
    }
    if (!pc->want_admin && !admin) {
        /* the town, unless a province of that name lies elsewhere in the same
         * country, or anywhere and ten times larger: "Aleppo" is the city,
         * "Michoacan" the state, not a village of that name in Chiapas, and
         * "Borno" Nigeria's state, not the town Borna in Saxony */
        int elsewhere = 0;
        uint32_t cnt = nadm >= 0 ? (uint32_t)nadm : nm->count;
        for (uint32_t i = 0; i < cnt && !elsewhere; i++) {
            const sr__gzplace *q = nadm >= 0 ? adm[i] : sr__gaz_place(g, sr__gaz_list(g, nm->first + i));
            elsewhere = q->kind == SR_GZ_ADMIN1 && q->admin1 != p->admin1 &&
                        (!memcmp(q->iso3, p->iso3, 4) || q->pop / 10 > p->pop);
        }
        if (!elsewhere) {
            s += 6000;
            WHY("a town is meant +6000; ");
        }
    }
    for (int i = 0; i < pc->nadmin1; i++)
        if (p->admin1 == pc->admin1[i] && p->kind != SR_GZ_ADMIN1) {
            s += 3000;
            WHY("in the province named nearby +3000; ");
            break;
        }
    if (p->own) {
        s += 500;
        WHY("sitrep's own entry +500; ");
    }
    if (!alt) {
        /* "Puno" is Peru's Puno before it is an old spelling of Pune */
        s += 200;
        WHY("its own name, not an alternate one +200; ");
    } else if (seat_code(p->fcode) == 'C' && strchr(sr__gaz_str(g, nm->text), ' ')) {
        /* a capital is known abroad by its exonym of several words: "Panama
         * City" is Panamá before it is the Florida town of that name (one
         * word, "Sol" for Seoul, is more often a word of another language) */
        s += 200;
        WHY("a capital's exonym +200; ");
    }
    if (seat_code(p->fcode)) {
        /* PPLG: a seat of government that is not the capital (La Paz) */
        s += 20;
        WHY("capital or seat +20; ");
    }
    double lp = pop_term(p->pop);
    s += lp;
    WHY("population %u +%.0f", p->pop, lp);
#undef WHY
    return s;
}

int sr__place_resolve(const sr__gaz *g, uint32_t name, const sr__placectx *pc, sr__where *out,
                      double *scores, int maxscores)
{
    if (!g || name >= sr__gaz_nnames(g))
        return 0;
    const sr__gzname *nm = sr__gaz_name(g, name);
    double best = -1;
    uint32_t win = SR_GZ_NONE;
    const sr__gzplace *adm[32];
    int nadm = province_namesakes(g, nm, adm, 32);
    int capital = -1; /* capital_named, when score needs it */
    for (uint32_t i = 0; i < nm->count; i++) {
        uint32_t pl = sr__gaz_list(g, nm->first + i);
        double s = score(g, pl, sr__gaz_list_alt(g, nm->first + i), pc, nm, adm, nadm, &capital, NULL, 0);
        if (scores && (int)i < maxscores)
            scores[i] = s;
        if (s > best) {
            best = s;
            win = pl;
        }
    }
    if (win == SR_GZ_NONE)
        return 0;
    sr__place_where(g, win, out);
    return (int)nm->count;
}

static const char *kind_name(int kind)
{
    switch (kind) {
    case SR_GZ_ADMIN1: return "admin1";
    case SR_GZ_ADMIN2: return "admin2";
    case SR_GZ_REGION: return "region";
    case SR_GZ_FEATURE: return "feature";
    default: return "city";
    }
}

int sr_place_lookup(sr_ctx *ctx, const char *name, const char *country, int province, sr_place_cb cb, void *ud)
{
    if (!ctx || !ctx->gaz || !name || !cb)
        return SR_EINVAL;
    size_t nl;
    char *norm = sr__norm_phrase(name, strlen(name), &nl);
    if (!norm)
        return SR_ENOMEM;
    long at = sr__gaz_lookup(ctx->gaz, norm, nl);
    free(norm);
    if (at < 0)
        return 0;
    const char *iso = NULL;
    if (country && *country) {
        const sr__country *c = sr__lexicon_country(&ctx->lx, country);
        if (!c)
            return SR_ENOTFOUND;
        iso = c->iso3;
    }
    sr__placectx pc = {iso, NULL, 0, province};
    sr__where win;
    int n = sr__place_resolve(ctx->gaz, (uint32_t)at, &pc, &win, NULL, 0);
    const sr__gzname *nm = sr__gaz_name(ctx->gaz, (uint32_t)at);
    int capital = -1;
    for (uint32_t i = 0; i < nm->count; i++) {
        uint32_t pl = sr__gaz_list(ctx->gaz, nm->first + i);
        char why[512];
        sr__where w;
        sr__place_where(ctx->gaz, pl, &w);
        const sr__country *c = sr__lexicon_country(&ctx->lx, w.iso3);
        sr_place p = {
            .name = w.name, .country = c ? c->name : "", .iso3 = w.iso3, .admin1 = w.admin1,
            .admin1_acled = w.admin1_acled, .admin2 = w.admin2, .latitude = w.lat, .longitude = w.lon,
            .population = w.pop, .geonames_id = (long)w.geonameid, .kind = kind_name(w.kind),
            .feature_code = sr__gaz_place(ctx->gaz, pl)->fcode,
            .score = score(ctx->gaz, pl, sr__gaz_list_alt(ctx->gaz, nm->first + i), &pc, nm, NULL, -1,
                           &capital, why,
                           sizeof why), .why = why, .chosen = pl == win.place};
        int rc = cb(ud, &p);
        if (rc)
            return rc < 0 ? rc : SR_EINVAL;
    }
    return n;
}
