/* test.c — STUB, to be replaced: sitrep test. */
#include "cli.h"
int cmd_test(int argc, char **argv) { cli_die("test: not implemented yet"); }
