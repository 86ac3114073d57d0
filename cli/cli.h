/* cli.h — what the subcommands of the sitrep command line share. The CLI uses
 * only the public API (sitrep.h); only code under cli/ may exit the process. */
#ifndef SR_CLI_H
#define SR_CLI_H

#include "sitrep.h"
#include <stdbool.h>

typedef int (*cli_fn)(int argc, char **argv);

int cmd_code(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_alerts(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_lexicon(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_place(int argc, char **argv);

/* Prints "sitrep: <msg>" to stderr and exits with status 1 (or 2 for usage). */
_Noreturn void cli_die(const char *fmt, ...);
_Noreturn void cli_usage(const char *usage);
void cli_warn(const char *fmt, ...);
/* Diagnostics callback printing "origin:line: msg" to stderr, counting in *(long *)ud. */
void cli_diag(void *ud, const char *origin, long line, const char *msg);

/* Option matching for "--name VALUE" and "--name=VALUE": returns true and sets
 * *val (advancing *i) when argv[*i] is that option; dies if the value is missing. */
bool cli_opt(int argc, char **argv, int *i, const char *name, const char **val);
/* Opens the context with --data/--engine already parsed (NULLs allowed); dies on error. */
sr_ctx *cli_ctx(const char *datadir, const char *engine);
/* Checks a YYYY-MM-DD value of the named option; dies if malformed. */
void cli_check_date(const char *opt, const char *val);
/* Checks --since/--until (either may be NULL); dies if malformed or reversed. */
void cli_check_period(const char *since, const char *until);
/* Opens an existing store for reading; dies with a hint when there is none. */
sr_store *cli_open_store(const char *db);
/* Makes room for element n of an array (doubling); dies when out of memory. */
void cli_grow(void **v, size_t *cap, size_t n, size_t size);
/* A copy of s (NULL copies as ""); dies when out of memory. */
char *cli_strdup(const char *s);

#endif
