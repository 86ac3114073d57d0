/* report.c — STUB, to be replaced: sitrep report. */
#include "cli.h"
int cmd_report(int argc, char **argv) { cli_die("report: not implemented yet"); }
