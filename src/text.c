/* text.c — STUB, to be replaced: normalisation, tokens, sentences. */
#include "internal.h"
#include <stdlib.h>
#include <string.h>
int sr__text_init(sr__text *t, const char *s, size_t n) { memset(t, 0, sizeof *t); t->orig = s; t->orig_len = n; return SR_EINVAL; }
void sr__text_release(sr__text *t) { free(t->norm); free(t->n2o); free(t->toks); free(t->sents); memset(t, 0, sizeof *t); }
char *sr__norm_phrase(const char *s, size_t n, size_t *outlen) { *outlen = n; return sr__strndup(s, n); }
