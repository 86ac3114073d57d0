/* fuzz_text.c — libFuzzer target for the text pipeline: repairs arbitrary
 * bytes to UTF-8, normalises, tokenises and splits them (sr__text_init), and
 * checks the invariants callers rely on: the offset map, token and sentence
 * spans, and that dictionary-phrase folding agrees with text folding. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define CHECK(c)            \
    do {                    \
        if (!(c))           \
            __builtin_trap(); \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 20)
        return 0;
    char *s;
    size_t n, bad;
    if (sr__utf8_repair((const char *)data, size, &s, &n, &bad) < 0)
        return 0;
    sr__text t;
    if (sr__text_init(&t, s, n) != 0) {
        free(s);
        return 0;
    }
    CHECK(t.n2o[t.norm_len] == n);
    CHECK(strlen(t.norm) == t.norm_len);
    for (size_t i = 1; i <= t.norm_len; i++)
        CHECK(t.n2o[i - 1] <= t.n2o[i] && t.n2o[i] <= n);
    for (size_t i = 0; i < t.ntoks; i++) {
        const sr__tok *k = &t.toks[i];
        CHECK(k->s < k->e && k->e <= t.norm_len && k->os < k->oe && k->oe <= n);
        CHECK(k->kind >= SR_TOK_WORD && k->kind <= SR_TOK_PUNCT);
        CHECK(t.norm[k->s] != ' ' && t.norm[k->e - 1] != ' ');
        if (i)
            CHECK(t.toks[i - 1].e <= k->s && t.toks[i - 1].os <= k->os);
    }
    size_t next = 0;
    for (size_t j = 0; j < t.nsents; j++) {
        CHECK(t.sents[j].tb == next && t.sents[j].te > t.sents[j].tb && t.sents[j].te <= t.ntoks);
        CHECK(t.sents[j].os < t.sents[j].oe && t.sents[j].oe <= n);
        next = t.sents[j].te;
    }
    CHECK(next == t.ntoks);
    /* folding is the same for a phrase and for text, and idempotent */
    size_t len;
    char *p = sr__norm_phrase(s, n, &len);
    CHECK(p != NULL && len == t.norm_len && memcmp(p, t.norm, len) == 0);
    size_t len2;
    char *p2 = sr__norm_phrase(p, len, &len2);
    CHECK(p2 != NULL && len2 == len && memcmp(p2, p, len) == 0);
    free(p2);
    free(p);
    sr__text_release(&t);
    free(s);
    return 0;
}
