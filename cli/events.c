/* events.c — STUB, to be replaced: sitrep events. */
#include "cli.h"
int cmd_events(int argc, char **argv) { cli_die("events: not implemented yet"); }
