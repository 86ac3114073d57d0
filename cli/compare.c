/* compare.c — sitrep compare: sets the reference events of a period (imported
 * ACLED or UCDP rows) against the events coded from news in the same store,
 * and prints which reference events the news found, which it missed, and
 * which news events have no reference counterpart. A match needs a date
 * within a tolerance, the same admin1 or a short distance, and a compatible
 * event type; pairs are chosen best first, one to one. See docs/store.md. */
#include "cli.h"

#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char usage[] =
    "usage: sitrep compare --since YYYY-MM-DD --until YYYY-MM-DD [options]\n"
    "\n"
    "Matches the reference events of the period (sitrep import) with the events\n"
    "coded from news: found, missed, and only in news, with counts and lists.\n"
    "\n"
    "options:\n"
    "  --db FILE        the store (default ./sitrep.db)\n"
    "  --since D        first day (required)\n"
    "  --until D        last day (required)\n"
    "  --country C      only this country (name or ISO3)\n"
    "  --reference R    acled (default), ucdp, or any\n"
    "  --days N         date tolerance in days (default 1)\n"
    "  --km N           distance that counts as the same place when admin1 differs (default 50)\n"
    "  --list N         rows shown per list in the table (default 20; 0 = all)\n"
    "  --to F           table (default) or json\n"
    "  --help           show this help\n";

typedef struct item {
    char *id, *date, *type, *sub, *actor1, *admin1, *location, *origin;
    char *adm_norm;
    long d0, d1; /* date range, days since 1970 */
    double lat, lon;
    int fat;
    long match; /* index of the partner, -1 none */
    int dup;    /* news only: another report of a found reference event */
} item;

typedef struct list {
    item *v;
    size_t n, cap;
    const char *origin;
} list;

static long days_of(const char *s)
{
    int y, m, d;
    if (!s || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3)
        return -1;
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/* The civil date of a day number, YYYY-MM-DD. */
static void date_of(long z, char out[11])
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097, doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9, y = yoe + era * 400 + (m <= 2);
    snprintf(out, 11, "%04d-%02d-%02d", (int)(((y % 10000) + 10000) % 10000), (int)(m % 13), (int)(d % 32));
}

/* admin1 for comparison: lower case, without a trailing "state", "province"... */
static char *norm_admin(const char *s)
{
    static const char *const suffixes[] = {" state", " province", " region", " county", " governorate",
                                           " district", " department", " division", " prefecture", " oblast"};
    char *d = cli_strdup(s);
    for (char *p = d; *p; p++)
        *p = *p == '-' ? ' ' : (char)tolower((unsigned char)*p);
    size_t n = strlen(d);
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        size_t k = strlen(suffixes[i]);
        if (n > k && !strcmp(d + n - k, suffixes[i])) {
            d[n - k] = 0;
            break;
        }
    }
    return d;
}

static int add_item(void *ud, const sr_event *ev)
{
    list *l = ud;
    if (strcmp(ev->kind, "incident"))
        return 0;
    cli_grow((void **)&l->v, &l->cap, l->n, sizeof *l->v);
    item *it = &l->v[l->n++];
    it->id = cli_strdup(ev->event_id);
    it->date = cli_strdup(ev->event_date);
    it->type = cli_strdup(ev->event_type);
    it->sub = cli_strdup(ev->sub_event_type);
    it->actor1 = cli_strdup(ev->actor1);
    it->admin1 = cli_strdup(ev->admin1);
    it->location = cli_strdup(ev->location);
    it->origin = cli_strdup(l->origin);
    /* news events carry ACLED's spelling of admin1 beside GeoNames' */
    it->adm_norm = norm_admin(ev->admin1_acled && *ev->admin1_acled ? ev->admin1_acled : ev->admin1);
    it->d0 = days_of(ev->date_start[0] ? ev->date_start : ev->event_date);
    it->d1 = days_of(ev->date_end[0] ? ev->date_end : ev->event_date);
    if (it->d0 < 0)
        it->d0 = days_of(ev->event_date);
    if (it->d1 < it->d0)
        it->d1 = it->d0;
    it->lat = ev->latitude;
    it->lon = ev->longitude;
    it->fat = ev->fatalities;
    it->match = -1;
    it->dup = 0;
    return 0;
}

static void free_list(list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        item *it = &l->v[i];
        free(it->id), free(it->date), free(it->type), free(it->sub), free(it->actor1), free(it->admin1);
        free(it->location), free(it->origin), free(it->adm_norm);
    }
    free(l->v);
}

static double km_between(const item *a, const item *b)
{
    if (!isfinite(a->lat) || !isfinite(a->lon) || !isfinite(b->lat) || !isfinite(b->lon))
        return INFINITY;
    const double rad = M_PI / 180.0;
    double dla = (b->lat - a->lat) * rad, dlo = (b->lon - a->lon) * rad;
    double h = sin(dla / 2) * sin(dla / 2) + cos(a->lat * rad) * cos(b->lat * rad) * sin(dlo / 2) * sin(dlo / 2);
    return 2 * 6371.0 * asin(sqrt(h < 1 ? h : 1));
}

/* ACLED's event type of a reference row in today's names (older exports:
 * "Battle-No change of territory", "Remote violence", "Riots/Protests"). */
static int type_ok(const item *ref, const item *news)
{
    const char *t = ref->type, *n = news->type;
    if (!strcmp(ref->origin, "ucdp")) /* UCDP: organised lethal violence of any kind */
        return !strcmp(n, "Battles") || !strcmp(n, "Explosions/Remote violence") ||
               !strcmp(n, "Violence against civilians");
    if (!strncasecmp(t, "Battle", 6))
        return !strcmp(n, "Battles");
    if (!strcasecmp(t, "Remote violence"))
        return !strcmp(n, "Explosions/Remote violence");
    if (!strcasecmp(t, "Riots/Protests"))
        return !strcmp(n, "Riots") || !strcmp(n, "Protests");
    if (!strncasecmp(t, "Strategic development", 21))
        return !strcmp(n, "Strategic developments");
    return !strcasecmp(t, n);
}

typedef struct rule {
    int days;
    double km;
} rule;

/* The score of a compatible pair (higher is better), or -1 when they do not match. */
static double pair_score(const rule *ru, const item *r, const item *n)
{
    if (n->d0 > r->d1 + ru->days || n->d1 < r->d0 - ru->days)
        return -1;
    int same_adm = r->adm_norm[0] && !strcmp(r->adm_norm, n->adm_norm);
    double km = km_between(r, n);
    if (!same_adm && !(km <= ru->km))
        return -1;
    if (!type_ok(r, n))
        return -1;
    double s = 10.0;
    s += !strcasecmp(r->sub, n->sub) ? 4 : 0;
    s += same_adm ? 2 : 0;
    s += !strcasecmp(r->location, n->location) && r->location[0] ? 1 : 0;
    s -= labs(n->d0 - r->d0) * 0.5;
    if (isfinite(km))
        s -= km / 100.0;
    return s;
}

typedef struct pair {
    size_t r, n;
    double score;
} pair;

static int by_score(const void *a, const void *b)
{
    const pair *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    if (x->r != y->r)
        return x->r < y->r ? -1 : 1;
    return x->n < y->n ? -1 : x->n > y->n;
}

static int by_d0(const void *a, const void *b)
{
    const item *x = a, *y = b;
    return x->d0 < y->d0 ? -1 : x->d0 > y->d0 ? 1 : strcmp(x->id, y->id);
}

static void print_item(const item *it)
{
    printf("  %-10s  %-26.26s  %-28.28s  %-18.18s  %-16.16s  %s\n", it->date, it->sub[0] ? it->sub : it->type,
           it->actor1, it->admin1, it->location, it->id);
}

static json_t *item_json(const item *it, const list *other)
{
    json_t *o = json_object();
    if (!o)
        cli_die("out of memory");
    json_object_set_new(o, "id", json_string(it->id));
    json_object_set_new(o, "date", json_string(it->date));
    json_object_set_new(o, "event_type", json_string(it->type));
    json_object_set_new(o, "sub_event_type", json_string(it->sub));
    json_object_set_new(o, "actor1", json_string(it->actor1));
    json_object_set_new(o, "admin1", json_string(it->admin1));
    json_object_set_new(o, "location", json_string(it->location));
    json_object_set_new(o, "fatalities", it->fat >= 0 ? json_integer(it->fat) : json_null());
    if (other && it->match >= 0)
        json_object_set_new(o, "matched", json_string(other->v[it->match].id));
    return o;
}

int cmd_compare(int argc, char **argv)
{
    const char *db = "sitrep.db", *to = "table", *reference = "acled", *days_s = NULL, *km_s = NULL,
               *list_s = NULL;
    sr_query q = {0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            return 0;
        }
        if (cli_opt(argc, argv, &i, "--db", &db) || cli_opt(argc, argv, &i, "--since", &q.since) ||
            cli_opt(argc, argv, &i, "--until", &q.until) || cli_opt(argc, argv, &i, "--country", &q.country) ||
            cli_opt(argc, argv, &i, "--reference", &reference) || cli_opt(argc, argv, &i, "--days", &days_s) ||
            cli_opt(argc, argv, &i, "--km", &km_s) || cli_opt(argc, argv, &i, "--list", &list_s) ||
            cli_opt(argc, argv, &i, "--to", &to))
            continue;
        if (a[0] == '-')
            cli_die("compare: unknown option '%s'; see 'sitrep compare --help'", a);
        cli_die("compare: unexpected argument '%s'; see 'sitrep compare --help'", a);
    }
    if (!q.since || !q.until)
        cli_die("compare: --since and --until are required; e.g. --since 2020-04-01 --until 2020-04-30");
    cli_check_period(q.since, q.until);
    if (strcmp(reference, "acled") && strcmp(reference, "ucdp") && strcmp(reference, "any"))
        cli_die("--reference: unknown reference '%s'; use acled, ucdp or any", reference);
    if (strcmp(to, "table") && strcmp(to, "json"))
        cli_die("--to: unknown format '%s'; use table or json", to);
    rule ru = {1, 50.0};
    long maxlist = 20;
    char *e;
    if (days_s && ((ru.days = (int)strtol(days_s, &e, 10)) < 0 || *e || !*days_s || ru.days > 366))
        cli_die("--days: '%s' is not a number of days from 0 to 366", days_s);
    if (km_s && (!((ru.km = strtod(km_s, &e)) >= 0) || *e || !*km_s || ru.km > 20000))
        cli_die("--km: '%s' is not a distance in km from 0 to 20000", km_s);
    if (list_s && ((maxlist = strtol(list_s, &e, 10)) < 0 || *e || !*list_s))
        cli_die("--list: '%s' is not a non-negative number", list_s);
    sr_store *st = cli_open_store(db);

    list ref = {0}, news = {0};
    static const char *const origins[] = {"acled", "ucdp"};
    for (int k = 0; k < 2; k++) {
        if (strcmp(reference, "any") && strcmp(reference, origins[k]))
            continue;
        ref.origin = origins[k];
        q.origin = origins[k];
        if (sr_store_events(st, &q, add_item, &ref))
            cli_die("%s: %s", db, sr_store_error(st));
    }
    /* news events: the period widened by the tolerance (and a month for
     * events dated only to a week or a month) */
    sr_query qn = q;
    char since_w[11], until_w[11];
    date_of(days_of(q.since) - ru.days - 31, since_w);
    date_of(days_of(q.until) + ru.days + 31, until_w);
    qn.since = since_w;
    qn.until = until_w;
    qn.origin = "news";
    news.origin = "news";
    if (sr_store_events(st, &qn, add_item, &news))
        cli_die("%s: %s", db, sr_store_error(st));
    sr_store_free(st);
    long lo = days_of(q.since), hi = days_of(q.until);
    qsort(ref.v, ref.n, sizeof *ref.v, by_d0);
    qsort(news.v, news.n, sizeof *news.v, by_d0);

    /* candidate pairs: news sorted by start date, scanned from the first
     * that can overlap the reference's range */
    pair *pairs = NULL;
    size_t np = 0, capp = 0;
    size_t first = 0;
    for (size_t i = 0; i < ref.n; i++) {
        const item *r = &ref.v[i];
        while (first < news.n && news.v[first].d0 < r->d0 - ru.days - 62)
            first++;
        for (size_t j = first; j < news.n && news.v[j].d0 <= r->d1 + ru.days; j++) {
            double s = pair_score(&ru, r, &news.v[j]);
            if (s < 0)
                continue;
            cli_grow((void **)&pairs, &capp, np, sizeof *pairs);
            pairs[np++] = (pair){i, j, s};
        }
    }
    qsort(pairs, np, sizeof *pairs, by_score);
    for (size_t k = 0; k < np; k++)
        if (ref.v[pairs[k].r].match < 0 && news.v[pairs[k].n].match < 0) {
            ref.v[pairs[k].r].match = (long)pairs[k].n;
            news.v[pairs[k].n].match = (long)pairs[k].r;
        }
    for (size_t k = 0; k < np; k++) /* more reports of a found event */
        if (news.v[pairs[k].n].match < 0 && ref.v[pairs[k].r].match >= 0)
            news.v[pairs[k].n].dup = 1;
    free(pairs);

    long found = 0, same_sub = 0, missed = 0, in_period = 0, matched_news = 0, dups = 0, only = 0;
    for (size_t i = 0; i < ref.n; i++) {
        if (ref.v[i].match >= 0) {
            found++;
            same_sub += !strcasecmp(ref.v[i].sub, news.v[ref.v[i].match].sub);
        } else
            missed++;
    }
    for (size_t j = 0; j < news.n; j++) {
        const item *n = &news.v[j];
        int inside = n->d1 >= lo && n->d0 <= hi;
        if (n->match >= 0)
            matched_news++;
        else if (!inside)
            continue; /* outside the period and unmatched: not counted */
        else if (n->dup)
            dups++;
        else
            only++;
        in_period++;
    }

    if (!strcmp(to, "json")) {
        json_t *root = json_object(), *jf = json_array(), *jm = json_array(), *jo = json_array();
        if (!root || !jf || !jm || !jo)
            cli_die("out of memory");
        json_object_set_new(root, "store", json_string(db));
        json_object_set_new(root, "since", json_string(q.since));
        json_object_set_new(root, "until", json_string(q.until));
        json_object_set_new(root, "country", q.country ? json_string(q.country) : json_null());
        json_object_set_new(root, "reference", json_string(reference));
        json_object_set_new(root, "days", json_integer(ru.days));
        json_object_set_new(root, "km", json_real(ru.km));
        json_object_set_new(root, "reference_events", json_integer((json_int_t)ref.n));
        json_object_set_new(root, "found", json_integer(found));
        json_object_set_new(root, "found_same_sub_event_type", json_integer(same_sub));
        json_object_set_new(root, "missed", json_integer(missed));
        json_object_set_new(root, "news_events", json_integer(in_period));
        json_object_set_new(root, "news_more_reports_of_found", json_integer(dups));
        json_object_set_new(root, "only_in_news", json_integer(only));
        for (size_t i = 0; i < ref.n; i++)
            json_array_append_new(ref.v[i].match >= 0 ? jf : jm, item_json(&ref.v[i], &news));
        for (size_t j = 0; j < news.n; j++)
            if (news.v[j].match < 0 && !news.v[j].dup && news.v[j].d1 >= lo && news.v[j].d0 <= hi)
                json_array_append_new(jo, item_json(&news.v[j], NULL));
        json_object_set_new(root, "found_events", jf);
        json_object_set_new(root, "missed_events", jm);
        json_object_set_new(root, "only_in_news_events", jo);
        char *out = json_dumps(root, JSON_INDENT(2) | JSON_ENSURE_ASCII);
        if (!out)
            cli_die("out of memory");
        puts(out);
        free(out);
        json_decref(root);
    } else {
        printf("sitrep compare — store %s — %s to %s", db, q.since, q.until);
        if (q.country)
            printf(" — country %s", q.country);
        printf(" — reference %s\n", reference);
        printf("match: dates within %d day%s, same admin1 or within %.0f km, compatible event type\n\n", ru.days,
               ru.days == 1 ? "" : "s", ru.km);
        printf("reference events  %6zu   found %ld (%.1f %%; same sub-event type %ld)   missed %ld\n", ref.n, found,
               ref.n ? 100.0 * (double)found / (double)ref.n : 0.0, same_sub, missed);
        printf("news events       %6ld   matching a reference event %ld, more reports of found events %ld, "
               "only in news %ld\n",
               in_period, matched_news, dups, only);
        const char *titles[3] = {"found", "missed", "only in news"};
        for (int part = 0; part < 3; part++) {
            long shown = 0, total = part == 0 ? found : part == 1 ? missed : only;
            printf("\n%s (%ld%s):\n", titles[part], total,
                   maxlist && total > maxlist ? ", first ones listed; --list N shows more" : "");
            if (part < 2) {
                for (size_t i = 0; i < ref.n && (!maxlist || shown < maxlist); i++) {
                    const item *r = &ref.v[i];
                    if ((part == 0) != (r->match >= 0))
                        continue;
                    print_item(r);
                    if (part == 0)
                        printf("  %10s  └ news: %s (%s, %s)\n", "", news.v[r->match].id, news.v[r->match].sub,
                               news.v[r->match].admin1);
                    shown++;
                }
            } else {
                for (size_t j = 0; j < news.n && (!maxlist || shown < maxlist); j++) {
                    const item *n = &news.v[j];
                    if (n->match >= 0 || n->dup || n->d1 < lo || n->d0 > hi)
                        continue;
                    print_item(n);
                    shown++;
                }
            }
        }
    }
    free_list(&ref);
    free_list(&news);
    if (fflush(stdout) != 0)
        cli_die("cannot write to standard output");
    return 0;
}
