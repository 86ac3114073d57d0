/* place.c — `sitrep place NAME`: the places the gazetteer knows under a name,
 * each with the score the coder gives it and the rules behind the score, the
 * winner marked, so an analyst can see why an event landed where it did. */
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char usage[] = "sitrep place NAME [--country C] [--province] [--data DIR]";

typedef struct rows {
    const sr_place **v; /* not kept: printed as they come */
    int n;
} rows;

static int print_place(void *ud, const sr_place *p)
{
    rows *r = ud;
    r->n++;
    printf("%s %8.0f  %s (%s", p->chosen ? "*" : " ", p->score, p->name, p->kind);
    if (strcmp(p->kind, "admin1") && *p->admin1)
        printf(", %s", p->admin1_acled && *p->admin1_acled ? p->admin1_acled : p->admin1);
    printf(", %s)", *p->country ? p->country : p->iso3);
    if (!isnan(p->latitude))
        printf("  %.4f,%.4f", p->latitude, p->longitude);
    if (p->geonames_id)
        printf("  geonames %ld", p->geonames_id);
    else if (!strcmp(p->feature_code, "OWN"))
        printf("  data/places.tsv");
    else
        printf("  GeoNames %s unit", p->kind);
    printf("\n           %s\n", p->why);
    return 0;
}

int cmd_place(int argc, char **argv)
{
    const char *name = NULL, *country = NULL, *data = NULL;
    int province = 0;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: %s\n\nLists the places named NAME with the score each gets when C is the "
                   "country in context\n(and, with --province, when the text speaks of a province); "
                   "'*' marks the one the coder takes.\n",
                   usage);
            return 0;
        } else if (cli_opt(argc, argv, &i, "--country", &v))
            country = v;
        else if (cli_opt(argc, argv, &i, "--data", &v))
            data = v;
        else if (!strcmp(argv[i], "--province"))
            province = 1;
        else if (argv[i][0] == '-' || name)
            cli_die("place: unexpected argument '%s'\nusage: %s", argv[i], usage);
        else
            name = argv[i];
    }
    if (!name)
        cli_die("place: no name given\nusage: %s", usage);
    sr_ctx *ctx = cli_ctx(data, NULL);
    rows r = {0};
    int rc = sr_place_lookup(ctx, name, country, province, print_place, &r);
    sr_ctx_free(ctx);
    if (rc == SR_ENOTFOUND)
        cli_die("place: unknown country '%s'; give its name or ISO3 code as data/countries.tsv lists it", country);
    if (rc < 0)
        cli_die("place: %s", sr_strerror(rc));
    if (rc == 0) {
        fprintf(stderr, "place: no place named '%s' in the gazetteer\n", name);
        return 1;
    }
    return 0;
}
