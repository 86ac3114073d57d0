/* lexicon.c — `sitrep lexicon check`: validates the dictionaries in data/ and
 * prints FILE:LINE: problem for each error. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const char usage[] = "sitrep lexicon check [--data DIR]";

int cmd_lexicon(int argc, char **argv)
{
    const char *data = NULL;
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        printf("usage: %s\n\nValidates every dictionary file (docs/dictionaries.md) and reports the "
               "file and line of each error.\n",
               usage);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "check"))
        cli_die("lexicon: unknown action '%s'\nusage: %s", argv[1], usage);
    for (int i = 2; i < argc; i++) {
        const char *v;
        if (cli_opt(argc, argv, &i, "--data", &v))
            data = v;
        else
            cli_die("lexicon check: unknown argument '%s'\nusage: %s", argv[i], usage);
    }
    long errors = 0;
    int rc = sr_lexicon_check(data, cli_diag, &errors);
    if (rc < 0)
        cli_die("lexicon check: %s", sr_strerror(rc));
    if (rc > 0 || errors > 0) {
        fprintf(stderr, "%ld error%s\n", errors, errors == 1 ? "" : "s");
        return 1;
    }
    printf("dictionaries ok\n");
    return 0;
}
