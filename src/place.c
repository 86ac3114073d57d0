/* place.c — choosing among same-named places. For now sitrep's own gazetteer
 * (data/places.tsv); the GeoNames index plugs in behind the same choice. The
 * rule: the admin1 unit when the text says "province"/"governorate", else the
 * town; among the rest, the one in the country in context, then the largest. */
#include "internal.h"

#include <string.h>

const sr__place *sr__place_choose(const sr__lexicon *lx, uint32_t row, uint32_t alt, int want_admin,
                                  const char *iso3)
{
    if (row >= lx->nplaces)
        return NULL;
    const sr__place *p = &lx->places[row];
    if (alt == UINT32_MAX || alt >= lx->nplaces)
        return p;
    const sr__place *q = &lx->places[alt];
    int pa = !strcmp(p->kind, "admin1"), qa = !strcmp(q->kind, "admin1");
    if (pa != qa)
        return (want_admin ? pa : !pa) ? p : q;
    if (iso3) {
        int pi = !strcmp(p->iso3, iso3), qi = !strcmp(q->iso3, iso3);
        if (pi != qi)
            return pi ? p : q;
    }
    return q->pop > p->pop ? q : p;
}
