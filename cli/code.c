/* code.c — STUB, to be replaced: sitrep code. */
#include "cli.h"
int cmd_code(int argc, char **argv) { cli_die("code: not implemented yet"); }
