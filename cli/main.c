/* main.c — the sitrep command: dispatches to one subcommand per file in cli/
 * through a table, as git's builtin/ does. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    cli_fn fn;
    const char *help;
} commands[] = {
    {"code", cmd_code, "code documents into events, written to stdout"},
    {"ingest", cmd_ingest, "code documents and store them with their events"},
    {"events", cmd_events, "list stored events"},
    {"report", cmd_report, "tally stored events by actor, admin1, week or month"},
    {"alerts", cmd_alerts, "flag actors or regions whose recent rate is above their baseline"},
    {"import", cmd_import, "store reference events from an ACLED or UCDP export"},
    {"compare", cmd_compare, "match reference events with the events coded from news"},
    {"lexicon", cmd_lexicon, "check the dictionaries (sitrep lexicon check)"},
    {"test", cmd_test, "run data-driven case files"},
    {"eval", cmd_eval, "measure coding accuracy against an ACLED export"},
    {"place", cmd_place, "show the places a name may mean and which one wins, and why"},
};

static void usage(FILE *fp)
{
    fprintf(fp, "usage: sitrep <command> [options] [args]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(fp, "  %-8s %s\n", commands[i].name, commands[i].help);
    fprintf(fp, "\n'sitrep <command> --help' describes a command. sitrep %s\n", SR_VERSION);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("sitrep %s\n", SR_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "sitrep: unknown command '%s'; run 'sitrep --help' for the list\n", argv[1]);
    return 2;
}
