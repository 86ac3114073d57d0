/* place.c — which of the places sharing a name the text means. Every
 * candidate gets a score from what the text says around the mention: the
 * country in context, an admin1 unit named nearby ("Tafas in Dar'a"), whether
 * it speaks of a province, then sitrep's own rows and population. The rule
 * is written out in docs/geocoding.md. */
#include "gazetteer.h"
#include "internal.h"

#include <math.h>
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

/* The score of one candidate; the weights order the rules (a rule outranks
 * every one after it), population breaks the remaining ties. */
static double score(const sr__gaz *g, uint32_t place, const sr__placectx *pc, const sr__gzname *nm)
{
    const sr__gzplace *p = sr__gaz_place(g, place);
    double s = 0;
    if (pc->iso3 && !memcmp(p->iso3, pc->iso3, 4))
        s += 10000;
    int admin = p->kind == SR_GZ_ADMIN1 || p->kind == SR_GZ_ADMIN2 || p->kind == SR_GZ_REGION;
    if (pc->want_admin && admin)
        s += 6000;
    if (!pc->want_admin && !admin) {
        /* the town, unless a province of that name lies elsewhere in the same
         * country: "Aleppo" is the city, "Michoacan" the state, not a village
         * of that name in Chiapas */
        int elsewhere = 0;
        for (uint32_t i = 0; i < nm->count && !elsewhere; i++) {
            const sr__gzplace *q = sr__gaz_place(g, sr__gaz_list(g, nm->first + i));
            elsewhere = q->kind == SR_GZ_ADMIN1 && !memcmp(q->iso3, p->iso3, 4) && q->admin1 != p->admin1;
        }
        if (!elsewhere)
            s += 6000;
    }
    for (int i = 0; i < pc->nadmin1; i++)
        if (p->admin1 == pc->admin1[i] && p->kind != SR_GZ_ADMIN1) {
            s += 3000;
            break;
        }
    if (p->own)
        s += 500;
    if (!strcmp(p->fcode, "PPLC") || !strcmp(p->fcode, "PPLA"))
        s += 200;
    s += 20 * log10((double)p->pop + 1);
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
    for (uint32_t i = 0; i < nm->count; i++) {
        uint32_t pl = sr__gaz_list(g, nm->first + i);
        double s = score(g, pl, pc, nm);
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
