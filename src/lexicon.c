/* lexicon.c — loads the dictionaries of data/ (TAB-separated, documented in
 * docs/dictionaries.md) into typed tables, and gathers every variant phrase,
 * normalised, for the one matcher. Every problem is reported with its file and
 * line; loading goes on so that `sitrep lexicon check` can list them all. */
#include "internal.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_FIELDS 12
#define MAX_DATA_FILE ((size_t)64 << 20)

typedef struct caps {
    size_t actors, agents, triggers, cues, quants, countries, places;
} caps;

typedef struct loader {
    sr__lexicon *lx;
    caps cap; /* table capacities during a load */
    const char *file; /* path for messages */
    long line;
    int errors;
    sr_diag_cb diag;
    void *ud;
} loader;

static void lerr(loader *L, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    L->errors++;
    if (L->diag)
        L->diag(L->ud, L->file, L->line, msg);
}


static int add_pattern(loader *L, const char *phrase, size_t n, uint32_t id)
{
    sr__lexicon *lx = L->lx;
    size_t len;
    char *p = sr__norm_phrase(phrase, n, &len);
    if (!p)
        return SR_ENOMEM;
    /* trim the normalised phrase */
    size_t a = 0;
    while (a < len && p[a] == ' ')
        a++;
    while (len > a && p[len - 1] == ' ')
        len--;
    if (len == a) {
        free(p);
        lerr(L, "empty variant (two '|' in a row or a trailing '|'); remove it");
        return 0;
    }
    if (a) {
        memmove(p, p + a, len - a);
        len -= a;
    }
    p[len] = 0;
    if (sr__grow((void **)&lx->pats, &lx->cappats, lx->npats, sizeof *lx->pats)) {
        free(p);
        return SR_ENOMEM;
    }
    size_t cap2 = lx->cappats; /* lens and ids grow in step with pats */
    size_t *nl = realloc(lx->lens, cap2 * sizeof *nl);
    if (!nl) {
        free(p);
        return SR_ENOMEM;
    }
    lx->lens = nl;
    uint32_t *ni = realloc(lx->ids, cap2 * sizeof *ni);
    if (!ni) {
        free(p);
        return SR_ENOMEM;
    }
    lx->ids = ni;
    lx->pats[lx->npats] = p;
    lx->lens[lx->npats] = len;
    lx->ids[lx->npats] = id;
    lx->npats++;
    return 0;
}

/* Adds each '|'-separated variant of field as a phrase for id. */
static int add_variants(loader *L, const char *field, uint32_t id)
{
    if (!*field || !strcmp(field, "-")) {
        lerr(L, "no variants: the last column must list at least one phrase");
        return 0;
    }
    const char *p = field;
    for (;;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        int rc = add_pattern(L, p, n, id);
        if (rc)
            return rc;
        if (!bar)
            break;
        p = bar + 1;
    }
    return 0;
}

static char *dupf(const char *s) { return sr__strdup(strcmp(s, "-") ? s : ""); }

static int parse_int(loader *L, const char *s, const char *what, int lo, int hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!*s || *end || errno || v < lo || v > hi) {
        lerr(L, "%s: '%s' is not a whole number from %d to %d", what, s, lo, hi);
        *out = lo;
        return -1;
    }
    *out = (int)v;
    return 0;
}

static int parse_dbl(loader *L, const char *s, const char *what, double lo, double hi, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (!*s || *end || v < lo || v > hi) {
        lerr(L, "%s: '%s' is not a number from %g to %g", what, s, lo, hi);
        *out = 0;
        return -1;
    }
    *out = v;
    return 0;
}

#define ROW_PUSH(arr, n, cap)                                                                    \
    do {                                                                                         \
        if (sr__grow((void **)&(arr), &(cap), (n), sizeof *(arr)))                                   \
            return SR_ENOMEM;                                                                    \
        memset(&(arr)[(n)], 0, sizeof *(arr));                                                   \
    } while (0)

#define C (L->cap)

static const char *const sub_event_types[] = {
    "Armed clash", "Government regains territory", "Non-state actor overtakes territory",
    "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Grenade", "Sexual violence", "Attack",
    "Abduction/forced disappearance", "Peaceful protest", "Protest with intervention",
    "Excessive force against protesters", "Violent demonstration", "Mob violence", "Agreement",
    "Arrests", "Change to group/activity", "Disrupted weapons use",
    "Headquarters or base established", "Looting/property destruction",
    "Non-violent transfer of territory", "Other", NULL};

const char *const sr__trigger_classes[] = {
    "kill", "attack", "clash", "air", "shell", "remote", "suicide", "grenade", "chemical",
    "capture", "withdraw", "protest", "riot", "mob", "arrest", "loot", "abduct", "sexual",
    "defuse", "agreement", "hq", "change", "other", NULL};

/* Names of the cue kinds, in CUE_… order ("attrib" twice: before, after). */
static const char *const cue_names[CUE_N] = {
    "neg", "modal", "opinion", "subset", "attrib", "attrib", "source", "wound", "zero", "kill",
    "period", "target", "agent", "join", "place", "near", "bg", "intervene", "unit", "false",
    "nonconflict", "nonviolent", "ref", "sameplace", "bothsides", "country", "outlet"};

static int cue_id(const char *kind, const char *arg)
{
    if (!strcmp(kind, "attrib"))
        return strcmp(arg, "after") ? CUE_ATTRIB_BEFORE : CUE_ATTRIB_AFTER;
    for (int i = 0; i < CUE_N; i++)
        if (!strcmp(cue_names[i], kind))
            return i;
    return -1;
}

static const char *const agent_roles[] = {"state", "armed", "rebel", "militia", "civilian",
                                          "protester", "rioter", "unknown", "external", NULL};

static int in_list(const char *s, const char *const *list)
{
    for (int i = 0; list[i]; i++)
        if (!strcmp(s, list[i]))
            return 1;
    return 0;
}

/* One row of one table: f[0..nf) are the TAB-separated fields. */
static int row_countries(loader *L, char **f, int nf)
{
    sr__lexicon *lx = L->lx;
    if (strlen(f[0]) != 3 || !isupper((unsigned char)f[0][0]) || !isupper((unsigned char)f[0][1]) ||
        !isupper((unsigned char)f[0][2]))
        lerr(L, "iso3: '%s' is not a 3-letter upper-case ISO code", f[0]);
    ROW_PUSH(lx->countries, lx->ncountries, C.countries);
    sr__country *c = &lx->countries[lx->ncountries];
    c->iso3 = dupf(f[0]);
    c->name = dupf(f[1]);
    c->military = dupf(f[2]);
    c->police = dupf(f[3]);
    return add_variants(L, f[4], SR_LX_ID(SR_LX_COUNTRY, lx->ncountries++));
}

static int row_actors(loader *L, char **f, int nf)
{
    sr__lexicon *lx = L->lx;
    ROW_PUSH(lx->actors, lx->nactors, C.actors);
    sr__actor *a = &lx->actors[lx->nactors];
    a->key = dupf(f[0]);
    a->acled = dupf(f[1]);
    parse_int(L, f[2], "inter", 0, 8, &a->inter);
    a->country = dupf(f[3]);
    if (strcmp(f[3], "*") && strlen(f[3]) != 3)
        lerr(L, "country: '%s' is neither an ISO3 code nor '*'", f[3]);
    return add_variants(L, f[4], SR_LX_ID(SR_LX_ACTOR, lx->nactors++));
}

static int row_agents(loader *L, char **f, int nf)
{
    sr__lexicon *lx = L->lx;
    ROW_PUSH(lx->agents, lx->nagents, C.agents);
    sr__agent *a = &lx->agents[lx->nagents];
    a->key = dupf(f[0]);
    a->acled = dupf(f[1]);
    parse_int(L, f[2], "inter", 0, 8, &a->inter);
    a->role = dupf(f[3]);
    if (!in_list(a->role, agent_roles))
        lerr(L, "role: '%s' is not one of state, armed, rebel, militia, civilian, protester, "
                "rioter, external, unknown",
             f[3]);
    return add_variants(L, f[4], SR_LX_ID(SR_LX_AGENT, lx->nagents++));
}

static int row_triggers(loader *L, char **f, int nf)
{
    sr__lexicon *lx = L->lx;
    ROW_PUSH(lx->triggers, lx->ntriggers, C.triggers);
    sr__trigger *t = &lx->triggers[lx->ntriggers];
    t->key = dupf(f[0]);
    t->cls = dupf(f[1]);
    t->sub_event_type = dupf(f[2]);
    t->flags = dupf(f[3]);
    static const struct {
        const char *name;
        unsigned bit;
    } bits[] = {{"label", SR__TRIG_LABEL},     {"weak", SR__TRIG_WEAK}, {"gap:", SR__TRIG_GAP},
                {"passive", SR__TRIG_PASSIVE}, {"noun", SR__TRIG_NOUN}, {"needs-target", SR__TRIG_NEEDS_TARGET}};
    t->bits = 0;
    for (size_t i = 0; t->flags && i < sizeof bits / sizeof bits[0]; i++)
        if (strstr(t->flags, bits[i].name))
            t->bits |= bits[i].bit;
    t->cid = 0;
    for (int k = 0; sr__trigger_classes[k] && t->cls; k++)
        if (!strcmp(sr__trigger_classes[k], t->cls))
            t->cid = k + 1;
    if (!t->cid)
        lerr(L, "class: unknown trigger class '%s' (see docs/dictionaries.md)", f[1]);
    if (*t->sub_event_type && !in_list(t->sub_event_type, sub_event_types))
        lerr(L, "sub_event_type: '%s' is not one of ACLED's 25 sub-event types (spell it as "
                "ACLED does, e.g. 'Air/drone strike')",
             f[2]);
    return add_variants(L, f[4], SR_LX_ID(SR_LX_TRIGGER, lx->ntriggers++));
}

/* Is iso3 a code of countries.tsv (loaded before cues.tsv)? */
static int country_known(const sr__lexicon *lx, const char *iso3)
{
    for (size_t i = 0; i < lx->ncountries; i++)
        if (!strcmp(lx->countries[i].iso3, iso3))
            return 1;
    return 0;
}

static int row_cues(loader *L, char **f, int nf)
{
    sr__lexicon *lx = L->lx;
    ROW_PUSH(lx->cues, lx->ncues, C.cues);
    sr__cue *c = &lx->cues[lx->ncues];
    c->kind = dupf(f[0]);
    c->arg = dupf(f[1]);
    c->id = cue_id(c->kind, c->arg);
    if (c->id < 0)
        lerr(L, "kind: unknown cue kind '%s' (see docs/dictionaries.md)", f[0]);
    else if ((c->id == CUE_COUNTRY || c->id == CUE_OUTLET) && !country_known(lx, c->arg))
        lerr(L, "arg: '%s' is no ISO3 code of countries.tsv (a country cue names its country)", f[1]);
    return add_variants(L, f[2], SR_LX_ID(SR_LX_CUE, lx->ncues++));
}

static int row_quants(loader *L, char **f, int nf)
{
    sr__lexicon *lx = L->lx;
    static const char *const kinds[] = {"number", "low", "high", "below", "approx", NULL};
    ROW_PUSH(lx->quants, lx->nquants, C.quants);
    sr__quant *q = &lx->quants[lx->nquants];
    q->kind = dupf(f[0]);
    if (!in_list(q->kind, kinds))
        lerr(L, "kind: '%s' is not one of number, low, high, below, approx", f[0]);
    int *vals[3] = {&q->low, &q->best, &q->high};
    static const char *names[3] = {"low", "best", "high"};
    for (int i = 0; i < 3; i++) {
        if (!strcmp(f[1 + i], "-"))
            *vals[i] = -1;
        else
            parse_int(L, f[1 + i], names[i], -1000, 1000000, vals[i]);
    }
    return add_variants(L, f[4], SR_LX_ID(SR_LX_QUANT, lx->nquants++));
}

static int row_places(loader *L, char **f, int nf)
{
    sr__lexicon *lx = L->lx;
    static const char *const kinds[] = {"admin1", "admin2", "city", "region", "feature", NULL};
    ROW_PUSH(lx->places, lx->nplaces, C.places);
    sr__place *p = &lx->places[lx->nplaces];
    p->name = dupf(f[0]);
    p->iso3 = dupf(f[1]);
    p->admin1 = dupf(f[2]);
    p->admin2 = dupf(f[3]);
    p->kind = dupf(f[4]);
    if (!in_list(p->kind, kinds))
        lerr(L, "kind: '%s' is not one of admin1, admin2, city, region, feature", f[4]);
    if (strlen(f[1]) != 3)
        lerr(L, "iso3: '%s' is not a 3-letter ISO code", f[1]);
    if (!strcmp(f[5], "-") && !strcmp(f[6], "-") && !strcmp(p->kind, "admin1")) {
        p->lat = p->lon = NAN; /* an admin1 row that only spells a GeoNames unit: its point stays */
    } else {
        parse_dbl(L, f[5], "lat", -90, 90, &p->lat);
        parse_dbl(L, f[6], "lon", -180, 180, &p->lon);
    }
    int pop = 0;
    if (strcmp(f[7], "-"))
        parse_int(L, f[7], "population", 0, 2000000000, &pop);
    p->pop = pop;
    return add_variants(L, f[8], SR_LX_ID(SR_LX_PLACE, lx->nplaces++));
}

typedef int (*row_fn)(loader *, char **, int);
static const struct {
    const char *file;
    int nfields;
    row_fn fn;
} tables[] = {
    {"countries.tsv", 5, row_countries}, {"actors.tsv", 5, row_actors},
    {"agents.tsv", 5, row_agents},       {"triggers.tsv", 5, row_triggers},
    {"cues.tsv", 3, row_cues},           {"quantities.tsv", 5, row_quants},
    {"places.tsv", 9, row_places},
};

static int load_file(loader *L, const char *dir, const char *name, int nfields, row_fn fn)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    L->file = path;
    L->line = 0;
    char *buf;
    size_t len;
    int rc = sr__read_all(path, MAX_DATA_FILE, &buf, &len);
    if (rc) {
        lerr(L, "cannot read the dictionary (%s); check --data or $SITREP_DATA", sr_strerror(rc));
        return 0;
    }
    char *p = buf, *end = buf + len;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *le = nl ? nl : end;
        L->line++;
        if (le > p && le[-1] == '\r')
            le[-1] = 0;
        *le = 0;
        char *line = p;
        p = nl ? nl + 1 : end;
        while (*line == ' ')
            line++;
        if (!*line || *line == '#')
            continue;
        char *f[MAX_FIELDS];
        int nf = 0;
        char *s = line;
        for (;;) {
            if (nf < MAX_FIELDS)
                f[nf] = s;
            nf++;
            char *tab = strchr(s, '\t');
            if (!tab)
                break;
            *tab = 0;
            s = tab + 1;
        }
        if (nf != nfields) {
            lerr(L, "expected %d TAB-separated fields, found %d (is a TAB missing, or spaces "
                    "used instead of a TAB?)",
                 nfields, nf);
            continue;
        }
        for (int i = 0; i < nf; i++) { /* trim spaces around fields */
            while (*f[i] == ' ')
                f[i]++;
            size_t k = strlen(f[i]);
            while (k && f[i][k - 1] == ' ')
                f[i][--k] = 0;
            if (!*f[i] && i < nf - 1)
                lerr(L, "field %d is empty; write '-' for an empty optional field", i + 1);
        }
        if ((rc = fn(L, f, nf)) != 0) {
            free(buf);
            return rc;
        }
    }
    free(buf);
    return 0;
}

static int iso_slot(const char *iso)
{
    if (!iso)
        return -1;
    int k = 0;
    for (int i = 0; i < 3; i++) { /* (a NUL among the three fails the test) */
        if (iso[i] < 'A' || iso[i] > 'Z')
            return -1;
        k = k * 26 + (iso[i] - 'A');
    }
    return iso[3] ? -1 : k; /* three letters exactly */
}

int sr__lexicon_iso(const sr__lexicon *lx, const char *iso3)
{
    int k = iso_slot(iso3);
    return k < 0 || !lx->iso_index ? -1 : lx->iso_index[k] - 1;
}

int sr__lexicon_load(sr__lexicon *lx, const char *datadir, sr_diag_cb diag, void *ud)
{
    memset(lx, 0, sizeof *lx);
    loader L = {.lx = lx, .diag = diag, .ud = ud};
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        int rc = load_file(&L, datadir, tables[i].file, tables[i].nfields, tables[i].fn);
        if (rc)
            return rc;
    }
    lx->iso_index = calloc(26 * 26 * 26, sizeof *lx->iso_index);
    if (!lx->iso_index)
        return SR_ENOMEM;
    for (size_t i = 0; i < lx->ncountries && i < 32000; i++) {
        int k = iso_slot(lx->countries[i].iso3);
        if (k >= 0 && !lx->iso_index[k])
            lx->iso_index[k] = (int16_t)(i + 1);
    }
    return L.errors;
}

static void free_strs(char **p, int n)
{
    for (int i = 0; i < n; i++)
        free(p[i]);
}

void sr__lexicon_release(sr__lexicon *lx)
{
    for (size_t i = 0; i < lx->nactors; i++)
        free_strs((char *[]){lx->actors[i].key, lx->actors[i].acled, lx->actors[i].country}, 3);
    for (size_t i = 0; i < lx->nagents; i++)
        free_strs((char *[]){lx->agents[i].key, lx->agents[i].acled, lx->agents[i].role}, 3);
    for (size_t i = 0; i < lx->ntriggers; i++)
        free_strs((char *[]){lx->triggers[i].key, lx->triggers[i].cls,
                             lx->triggers[i].sub_event_type, lx->triggers[i].flags},
                  4);
    for (size_t i = 0; i < lx->ncues; i++)
        free_strs((char *[]){lx->cues[i].kind, lx->cues[i].arg}, 2);
    for (size_t i = 0; i < lx->nquants; i++)
        free(lx->quants[i].kind);
    for (size_t i = 0; i < lx->ncountries; i++)
        free_strs((char *[]){lx->countries[i].iso3, lx->countries[i].name,
                             lx->countries[i].military, lx->countries[i].police},
                  4);
    for (size_t i = 0; i < lx->nplaces; i++)
        free_strs((char *[]){lx->places[i].name, lx->places[i].iso3, lx->places[i].admin1,
                             lx->places[i].admin2, lx->places[i].kind},
                  5);
    for (size_t i = 0; i < lx->npats; i++)
        free(lx->pats[i]);
    free(lx->actors);
    free(lx->agents);
    free(lx->triggers);
    free(lx->cues);
    free(lx->quants);
    free(lx->countries);
    free(lx->places);
    free(lx->iso_index);
    free(lx->pats);
    free(lx->lens);
    free(lx->ids);
    memset(lx, 0, sizeof *lx);
}

const sr__country *sr__lexicon_country(const sr__lexicon *lx, const char *key)
{
    if (!key || !*key)
        return NULL;
    int r = sr__lexicon_iso(lx, key);
    if (r >= 0)
        return &lx->countries[r];
    for (size_t i = 0; i < lx->ncountries; i++)
        if (!strcasecmp(lx->countries[i].iso3, key) || !strcasecmp(lx->countries[i].name, key))
            return &lx->countries[i];
    return NULL;
}
