/* report.c — sitrep report: tallies stored events by actor, region, country,
 * week, month or sub-event type. Incidents (events the reports describe) and
 * aggregate claims ("over 300 killed this month") are counted in separate
 * columns and never added together; --claims sets each claim beside the
 * incidents recorded in its scope. Table, CSV or JSON. */
#include "cli.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "usage: sitrep report [options]\n"
    "\n"
    "Tallies stored events per key: incidents and their fatalities (low, best,\n"
    "high), and, apart, aggregate claims and the fatalities they claim.\n"
    "\n"
    "options:\n"
    "  --db FILE          the store (default ./sitrep.db)\n"
    "  --by KEY           actor (default), admin1, admin2, country, week, month,\n"
    "                     sub_event_type\n"
    "  --since YYYY-MM-DD events on or after this date\n"
    "  --until YYYY-MM-DD events on or before this date\n"
    "  --country C        country name or ISO3 code (any case)\n"
    "  --admin1 NAME      only this admin1 region (any case)\n"
    "  --actor TEXT       only events whose actor1 or actor2 contains TEXT\n"
    "  --type T           only this event type or sub-event type\n"
    "  --claims           one row per aggregate claim, beside the incidents the store\n"
    "                     links to it (its period, country, region, actor, type)\n"
    "  --format F         table (default), csv or json\n"
    "  --help             show this help\n";

typedef struct rows {
    sr_tally *v;
    size_t n, cap;
} rows;

static int add_tally(void *ud, const sr_tally *t)
{
    rows *r = ud;
    cli_grow((void **)&r->v, &r->cap, r->n, sizeof *r->v);
    r->v[r->n] = *t;
    r->v[r->n].key = strdup(t->key ? t->key : "");
    if (!r->v[r->n].key)
        cli_die("out of memory");
    r->n++;
    return 0;
}

static size_t width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

/* The key, left-aligned in w columns, cut with "…" when longer. */
static void print_key(const char *s, size_t w)
{
    size_t sw = width(s);
    if (sw <= w) {
        printf("%s%*s", s, (int)(w - sw), "");
        return;
    }
    size_t cp = 0;
    const char *p = s;
    for (; *p; p++)
        if (((unsigned char)*p & 0xC0) != 0x80) {
            if (cp == w - 1)
                break;
            cp++;
        }
    fwrite(s, 1, (size_t)(p - s), stdout);
    fputs("…", stdout);
}

static void print_dashes(size_t n)
{
    for (size_t i = 0; i < n; i++)
        fputc('-', stdout);
}

static void print_row(const char *key, size_t kw, const sr_tally *t)
{
    print_key(key, kw);
    printf("  %9ld  %7ld %7ld %7ld  |  %7ld  %7ld %7ld %7ld\n", t->incidents, t->fat_low, t->fat_best,
           t->fat_high, t->aggregates, t->claim_low, t->claim_best, t->claim_high);
}

static const char *key_label(const char *by)
{
    if (!strcmp(by, "week"))
        return "week (Monday)";
    if (!strcmp(by, "sub_event_type"))
        return "sub-event type";
    return by;
}

static void print_table(const char *db, const char *by, const sr_query *q, const sr_scope *s, const rows *r,
                        const sr_tally *tot)
{
    char period[64];
    const char *from = q->since ? q->since : s->first[0] ? s->first : "?";
    const char *to = q->until ? q->until : s->last[0] ? s->last : "?";
    if (!s->events && !q->since && !q->until)
        snprintf(period, sizeof period, "no dated events");
    else
        snprintf(period, sizeof period, "%s to %s", from, to);
    long ndocs = s->documents;
    /* with a region, type or actor the store counts reports (events rows),
     * which add up over names and months; documents otherwise */
    bool reps = (q->admin1 && *q->admin1) || (q->type && *q->type) || (q->actor && *q->actor);
    printf("sitrep report — store %s — %s — %ld event%s from %ld %s%s", db, period, s->events,
           s->events == 1 ? "" : "s", ndocs, reps ? "report" : "document", ndocs == 1 ? "" : "s");
    if (q->country)
        printf(" — country %s", q->country);
    printf(" — by %s\n\n", key_label(by));

    const char *label = key_label(by);
    size_t kw = width(label);
    for (size_t i = 0; i < r->n; i++) {
        size_t w = width(r->v[i].key[0] ? r->v[i].key : "(unknown)");
        if (w > kw)
            kw = w;
    }
    if (kw > 44)
        kw = 44;
    if (kw < 9)
        kw = 9;
    /* two groups of columns: incidents | aggregate claims */
    printf("%*s  %-34s  |  %s\n", (int)kw, "", "incidents and their fatalities", "aggregate claims");
    print_key(label, kw);
    printf("  %9s  %7s %7s %7s  |  %7s  %7s %7s %7s\n", "incidents", "low", "best", "high", "claims", "low",
           "best", "high");
    print_dashes(kw);
    printf("  ---------  -----------------------  |  -------  -----------------------\n");
    for (size_t i = 0; i < r->n; i++)
        print_row(r->v[i].key[0] ? r->v[i].key : "(unknown)", kw, &r->v[i]);
    print_dashes(kw);
    printf("  ---------  -----------------------  |  -------  -----------------------\n");
    print_row("total", kw, tot);
    printf("\nclaimed: %ld (low %ld, high %ld) in %ld aggregate claim%s; recorded incidents: %ld (low %ld, high %ld)"
           " in %ld event%s\n",
           tot->claim_best, tot->claim_low, tot->claim_high, tot->aggregates, tot->aggregates == 1 ? "" : "s",
           tot->fat_best, tot->fat_low, tot->fat_high, tot->incidents, tot->incidents == 1 ? "" : "s");
    printf("\nFatalities are summed over incidents only (an unknown best count adds 0).\n"
           "Aggregate claims are totals reported for a period or area; they are shown\n"
           "apart and never added to incident sums, as they may cover the same deaths.\n");
}

/* RFC 4180 field: quoted only when it holds a comma, quote or line break. */
static void csv_field(const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, stdout);
        return;
    }
    fputc('"', stdout);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', stdout);
        fputc(*s, stdout);
    }
    fputc('"', stdout);
}

static void print_csv(const char *by, const rows *r)
{
    printf("%s,incidents,fatalities_low,fatalities_best,fatalities_high,aggregates,claimed_low,claimed_best,"
           "claimed_high\n",
           by);
    for (size_t i = 0; i < r->n; i++) {
        const sr_tally *t = &r->v[i];
        csv_field(t->key);
        printf(",%ld,%ld,%ld,%ld,%ld,%ld,%ld,%ld\n", t->incidents, t->fat_low, t->fat_best, t->fat_high,
               t->aggregates, t->claim_low, t->claim_best, t->claim_high);
    }
}

static json_t *tally_json(const sr_tally *t, int with_key)
{
    json_t *o = json_object();
    if (!o)
        cli_die("out of memory");
    if (with_key)
        json_object_set_new(o, "key", json_string(t->key));
    json_object_set_new(o, "incidents", json_integer(t->incidents));
    json_object_set_new(o, "fatalities_low", json_integer(t->fat_low));
    json_object_set_new(o, "fatalities_best", json_integer(t->fat_best));
    json_object_set_new(o, "fatalities_high", json_integer(t->fat_high));
    json_object_set_new(o, "aggregates", json_integer(t->aggregates));
    json_object_set_new(o, "claimed_low", json_integer(t->claim_low));
    json_object_set_new(o, "claimed_best", json_integer(t->claim_best));
    json_object_set_new(o, "claimed_high", json_integer(t->claim_high));
    return o;
}

static void print_json(const char *db, const char *by, const sr_query *q, const sr_scope *s, const rows *r,
                       const sr_tally *tot)
{
    json_t *root = json_object(), *arr = json_array();
    if (!root || !arr)
        cli_die("out of memory");
    json_object_set_new(root, "store", json_string(db));
    json_object_set_new(root, "by", json_string(by));
    json_object_set_new(root, "since", q->since ? json_string(q->since) : json_null());
    json_object_set_new(root, "until", q->until ? json_string(q->until) : json_null());
    json_object_set_new(root, "country", q->country ? json_string(q->country) : json_null());
    json_object_set_new(root, "first_date", s->first[0] ? json_string(s->first) : json_null());
    json_object_set_new(root, "last_date", s->last[0] ? json_string(s->last) : json_null());
    /* with a region, type or actor: the reports behind the events (docs/store.md) */
    bool reps = (q->admin1 && *q->admin1) || (q->type && *q->type) || (q->actor && *q->actor);
    json_object_set_new(root, reps ? "reports" : "documents", json_integer((json_int_t)s->documents));
    json_object_set_new(root, "events", json_integer(s->events));
    for (size_t i = 0; i < r->n; i++)
        json_array_append_new(arr, tally_json(&r->v[i], 1));
    json_object_set_new(root, "rows", arr);
    json_object_set_new(root, "total", tally_json(tot, 0));
    char *out = json_dumps(root, JSON_INDENT(2) | JSON_ENSURE_ASCII);
    if (!out)
        cli_die("out of memory");
    puts(out);
    free(out);
    json_decref(root);
}

/* ---- --claims: each aggregate claim beside the incidents it covers ---- */

typedef struct claim {
    char *id, *from, *to, *country, *admin1, *actor1, *type, *ids;
    long low, best, high;
    sr_tally rec; /* incidents recorded in the claim's scope */
} claim;

typedef struct claims {
    claim *v;
    size_t n, cap;
} claims;

static int add_claim(void *ud, const sr_claim *c)
{
    claims *cs = ud;
    cli_grow((void **)&cs->v, &cs->cap, cs->n, sizeof *cs->v);
    claim *x = &cs->v[cs->n++];
    memset(x, 0, sizeof *x);
    x->id = cli_strdup(c->event_id);
    x->from = cli_strdup(c->from);
    x->to = cli_strdup(c->to);
    x->country = cli_strdup(c->country);
    x->admin1 = cli_strdup(c->admin1);
    x->actor1 = cli_strdup(c->actor1);
    x->type = cli_strdup(c->event_type);
    x->ids = cli_strdup(c->incident_ids);
    x->best = c->best;
    x->low = c->low;
    x->high = c->high;
    x->rec.incidents = c->incidents;
    x->rec.fat_low = c->fat_low;
    x->rec.fat_best = c->fat_best;
    x->rec.fat_high = c->fat_high;
    return 0;
}

static void json_opt_long(json_t *o, const char *k, long v)
{
    json_object_set_new(o, k, v >= 0 ? json_integer(v) : json_null());
}

/* Lists the aggregate claims matching q, each with the incidents the store
 * links to it (those in its period, country, admin1, actor and type, kept
 * as claims and incidents arrive): "claimed: 69; recorded incidents: 41 in
 * 12 events". Claims are never added to incident tallies; this only sets the
 * two side by side. */
static void report_claims(sr_store *st, const char *db, const sr_query *q0, const char *format)
{
    claims c = {0};
    if (sr_store_claims(st, q0, add_claim, &c))
        cli_die("%s: %s", db, sr_store_error(st));
    if (!strcmp(format, "csv")) {
        printf("claim_id,from,to,country,admin1,actor1,event_type,claimed_low,claimed_best,claimed_high,"
               "recorded_incidents,recorded_low,recorded_best,recorded_high\n");
        for (size_t i = 0; i < c.n; i++) {
            const claim *x = &c.v[i];
            const char *f[] = {x->id, x->from, x->to, x->country, x->admin1, x->actor1, x->type};
            for (size_t k = 0; k < sizeof f / sizeof f[0]; k++) {
                if (k)
                    fputc(',', stdout);
                csv_field(f[k]);
            }
            printf(",%ld,%ld,%ld,%ld,%ld,%ld,%ld\n", x->low, x->best, x->high, x->rec.incidents, x->rec.fat_low,
                   x->rec.fat_best, x->rec.fat_high);
        }
    } else if (!strcmp(format, "json")) {
        json_t *arr = json_array();
        if (!arr)
            cli_die("out of memory");
        for (size_t i = 0; i < c.n; i++) {
            const claim *x = &c.v[i];
            json_t *o = json_object();
            if (!o)
                cli_die("out of memory");
            json_object_set_new(o, "claim_id", json_string(x->id));
            json_object_set_new(o, "from", json_string(x->from));
            json_object_set_new(o, "to", json_string(x->to));
            json_object_set_new(o, "country", json_string(x->country));
            json_object_set_new(o, "admin1", json_string(x->admin1));
            json_object_set_new(o, "actor1", json_string(x->actor1));
            json_object_set_new(o, "event_type", json_string(x->type));
            json_opt_long(o, "claimed_low", x->low);
            json_opt_long(o, "claimed_best", x->best);
            json_opt_long(o, "claimed_high", x->high);
            json_t *rec = tally_json(&x->rec, 0), *ids = json_array();
            if (!ids)
                cli_die("out of memory");
            for (const char *p = x->ids; *p;) {
                json_array_append_new(ids, json_integer(strtoll(p, NULL, 10)));
                p = strchr(p, ',');
                p = p ? p + 1 : "";
            }
            json_object_set_new(rec, "incident_ids", ids);
            json_object_set_new(o, "recorded", rec);
            json_array_append_new(arr, o);
        }
        json_t *root = json_pack("{s:s, s:o}", "store", db, "claims", arr);
        char *out = root ? json_dumps(root, JSON_INDENT(2) | JSON_ENSURE_ASCII) : NULL;
        if (!out)
            cli_die("out of memory");
        puts(out);
        free(out);
        json_decref(root);
    } else {
        printf("sitrep report --claims — store %s — %zu aggregate claim%s\n", db, c.n, c.n == 1 ? "" : "s");
        for (size_t i = 0; i < c.n; i++) {
            const claim *x = &c.v[i];
            printf("\n%s  %s to %s  %s%s%s%s%s\n", x->id, x->from[0] ? x->from : "?", x->to[0] ? x->to : "?",
                   x->admin1[0] ? x->admin1 : "", x->admin1[0] ? ", " : "", x->country[0] ? x->country : "?",
                   x->actor1[0] ? " — by " : "", x->actor1);
            if (x->best >= 0)
                printf("  claimed: %ld", x->best);
            else
                printf("  claimed: ?");
            if (x->low >= 0 && x->high >= 0 && (x->low != x->best || x->high != x->best))
                printf(" (%ld to %ld)", x->low, x->high);
            printf("; recorded incidents: %ld in %ld event%s", x->rec.fat_best, x->rec.incidents,
                   x->rec.incidents == 1 ? "" : "s");
            if (x->rec.fat_low != x->rec.fat_best || x->rec.fat_high != x->rec.fat_best)
                printf(" (%ld to %ld)", x->rec.fat_low, x->rec.fat_high);
            printf("\n");
        }
    }
    for (size_t i = 0; i < c.n; i++) {
        claim *x = &c.v[i];
        free(x->id), free(x->from), free(x->to), free(x->country), free(x->admin1), free(x->actor1), free(x->type),
            free(x->ids);
    }
    free(c.v);
}

int cmd_report(int argc, char **argv)
{
    const char *db = "sitrep.db", *by = "actor", *format = "table";
    sr_query q = {0};
    int with_claims = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            return 0;
        }
        if (cli_opt(argc, argv, &i, "--db", &db) || cli_opt(argc, argv, &i, "--by", &by) ||
            cli_opt(argc, argv, &i, "--since", &q.since) || cli_opt(argc, argv, &i, "--until", &q.until) ||
            cli_opt(argc, argv, &i, "--country", &q.country) || cli_opt(argc, argv, &i, "--format", &format) ||
            cli_opt(argc, argv, &i, "--admin1", &q.admin1) || cli_opt(argc, argv, &i, "--actor", &q.actor) ||
            cli_opt(argc, argv, &i, "--type", &q.type))
            continue;
        if (!strcmp(a, "--claims")) {
            with_claims = 1;
            continue;
        }
        if (a[0] == '-')
            cli_die("report: unknown option '%s'; see 'sitrep report --help'", a);
        cli_die("report: unexpected argument '%s'; see 'sitrep report --help'", a);
    }
    static const char *const bys[] = {"actor", "admin1", "admin2", "country", "week", "month", "sub_event_type"};
    int by_ok = 0;
    for (size_t i = 0; i < sizeof bys / sizeof bys[0]; i++)
        by_ok |= !strcmp(by, bys[i]);
    if (!by_ok)
        cli_die("--by: cannot tally by '%s'; use actor, admin1, admin2, country, week, month or sub_event_type", by);
    cli_check_period(q.since, q.until);
    if (strcmp(format, "table") && strcmp(format, "csv") && strcmp(format, "json"))
        cli_die("--format: unknown format '%s'; use table, csv or json", format);
    sr_store *st = cli_open_store(db);
    if (with_claims) {
        report_claims(st, db, &q, format);
        sr_store_free(st);
        if (fflush(stdout) != 0)
            cli_die("cannot write the report to standard output");
        return 0;
    }

    rows r = {0};
    sr_scope s;
    if (sr_store_report(st, by, &q, add_tally, &r) || sr_store_scope(st, &q, &s))
        cli_die("%s: %s", db, sr_store_error(st));
    sr_tally tot = {.key = "total"};
    for (size_t i = 0; i < r.n; i++) {
        tot.incidents += r.v[i].incidents;
        tot.aggregates += r.v[i].aggregates;
        tot.fat_low += r.v[i].fat_low;
        tot.fat_best += r.v[i].fat_best;
        tot.fat_high += r.v[i].fat_high;
        tot.claim_low += r.v[i].claim_low;
        tot.claim_best += r.v[i].claim_best;
        tot.claim_high += r.v[i].claim_high;
    }
    if (!strcmp(format, "csv"))
        print_csv(by, &r);
    else if (!strcmp(format, "json"))
        print_json(db, by, &q, &s, &r, &tot);
    else
        print_table(db, by, &q, &s, &r, &tot);

    for (size_t i = 0; i < r.n; i++)
        free((char *)r.v[i].key);
    free(r.v);
    sr_store_free(st);
    if (fflush(stdout) != 0)
        cli_die("cannot write the report to standard output");
    return 0;
}
