/* lexicon.c — STUB, to be replaced: sitrep lexicon. */
#include "cli.h"
int cmd_lexicon(int argc, char **argv) { cli_die("lexicon: not implemented yet"); }
