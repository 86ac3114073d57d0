/* ingest.c — STUB, to be replaced: sitrep ingest. */
#include "cli.h"
int cmd_ingest(int argc, char **argv) { cli_die("ingest: not implemented yet"); }
