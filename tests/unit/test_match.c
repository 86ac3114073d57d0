/* test_match.c — unit tests for src/match.c: both engines against a naive
 * reference matcher on generated dictionaries (hundreds and 5000+ phrases),
 * the token-boundary rule, overlapping and duplicate phrases, empty lists. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <hs/hs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

#define SEED "../shared/data/samples/is-syria-2019-04-22.txt"
#define ACLED "../shared/data/acled/acled-2020-dev.csv"

typedef struct mlist {
    uint32_t (*v)[3];
    size_t n, cap;
} mlist;

static void collect(void *ud, uint32_t id, uint32_t tb, uint32_t te)
{
    mlist *l = ud;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        assert_non_null(l->v);
    }
    l->v[l->n][0] = tb;
    l->v[l->n][1] = te;
    l->v[l->n][2] = id;
    l->n++;
}

/* A dictionary under construction: normalised phrases and their ids. */
typedef struct dict {
    char **pats;
    size_t *lens;
    uint32_t *ids;
    size_t n, cap;
} dict;

static void dict_add_norm(dict *d, const char *p, size_t len, uint32_t id)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 256;
        d->pats = realloc(d->pats, d->cap * sizeof *d->pats);
        d->lens = realloc(d->lens, d->cap * sizeof *d->lens);
        d->ids = realloc(d->ids, d->cap * sizeof *d->ids);
        assert_true(d->pats && d->lens && d->ids);
    }
    d->pats[d->n] = sr__strndup(p, len);
    d->lens[d->n] = len;
    d->ids[d->n] = id;
    d->n++;
}

static void dict_add(dict *d, const char *raw, uint32_t id)
{
    size_t len;
    char *p = sr__norm_phrase(raw, strlen(raw), &len);
    assert_non_null(p);
    dict_add_norm(d, p, len, id);
    free(p);
}

static void dict_free(dict *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->pats[i]);
    free(d->pats);
    free(d->lens);
    free(d->ids);
    memset(d, 0, sizeof *d);
}

static int cmp3(const void *a, const void *b)
{
    const uint32_t *x = a, *y = b;
    for (int i = 0; i < 3; i++)
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    return 0;
}

/* The reference: every phrase compared at every token start, kept when it
 * ends at a token end; sorted and de-duplicated like the matcher's output. */
static void naive(const dict *d, const sr__text *t, mlist *out)
{
    for (size_t i = 0; i < t->ntoks; i++) {
        size_t s = t->toks[i].s;
        for (size_t p = 0; p < d->n; p++) {
            size_t e = s + d->lens[p];
            if (!d->lens[p] || e > t->norm_len || memcmp(t->norm + s, d->pats[p], d->lens[p]) != 0)
                continue;
            for (size_t j = i; j < t->ntoks && t->toks[j].e <= e; j++)
                if (t->toks[j].e == e)
                    collect(out, d->ids[p], (uint32_t)i, (uint32_t)j + 1);
        }
    }
    if (out->n)
        qsort(out->v, out->n, sizeof *out->v, cmp3);
    size_t w = 0;
    for (size_t i = 0; i < out->n; i++)
        if (!w || cmp3(out->v[i], out->v[w - 1]) != 0)
            memcpy(out->v[w++], out->v[i], sizeof *out->v);
    out->n = w;
}

static int hs_here(void) { return hs_valid_platform() == HS_SUCCESS; }

static sr__matcher *build(sr_engine e, const dict *d)
{
    char err[256] = "";
    sr__matcher *m = sr__matcher_new(e, (const char *const *)d->pats, d->lens, d->ids, d->n, err, sizeof err);
    if (!m)
        fail_msg("matcher_new(%d): %s", (int)e, err);
    return m;
}

static void assert_same(const mlist *a, const mlist *b, const char *what)
{
    if (a->n != b->n)
        fail_msg("%s: %zu matches vs %zu", what, a->n, b->n);
    for (size_t i = 0; i < a->n; i++)
        if (cmp3(a->v[i], b->v[i]) != 0)
            fail_msg("%s: match %zu differs: [%u,%u) id %u vs [%u,%u) id %u", what, i, a->v[i][0], a->v[i][1],
                     a->v[i][2], b->v[i][0], b->v[i][1], b->v[i][2]);
}

/* sr__matcher_scan_words, with a number for two tokens' texts in three (the
 * same bytes, the same number; the third left unnumbered), finds what the
 * plain scan found, with the memo empty and again with it filled. */
static void check_words(sr__matcher *m, const sr__text *t, const mlist *want)
{
    uint16_t *word = calloc(t->ntoks + 1, sizeof *word);
    const sr__tok **first = calloc(t->ntoks + 1, sizeof *first); /* per number: a token with its text */
    assert_true(word && first);
    size_t nw = 0;
    for (size_t i = 0; i < t->ntoks && nw < 60000; i++) {
        const sr__tok *k = &t->toks[i];
        size_t j = 1;
        for (; j <= nw; j++)
            if (first[j]->e - first[j]->s == k->e - k->s && !memcmp(t->norm + first[j]->s, t->norm + k->s, k->e - k->s))
                break;
        if (j > nw) {
            if (i % 3 == 2)
                continue; /* this text stays unnumbered */
            first[++nw] = k;
        }
        word[i] = (uint16_t)j;
    }
    sr__wordmemo *wm = sr__wordmemo_new(nw + 1);
    assert_non_null(wm);
    for (int pass = 0; pass < 2; pass++) {
        mlist got = {0};
        assert_int_equal(sr__matcher_scan_words(m, t, word, wm, collect, &got), 0);
        assert_same(&got, want, pass ? "words, memo filled" : "words, memo empty");
        free(got.v);
    }
    sr__wordmemo_free(wm);
    free(word);
    free(first);
}

/* Scans text with both engines and the reference; all three must agree.
 * Returns the number of matches. */
static size_t check_all(const dict *d, const char *text, size_t n, int with_naive)
{
    sr__text t;
    assert_int_equal(sr__text_init(&t, text, n), 0);
    sr__matcher *mp = build(SR_ENGINE_PORTABLE, d);
    assert_string_equal(sr__matcher_engine(mp), "portable");
    mlist lp = {0}, lh = {0}, ln = {0};
    assert_int_equal(sr__matcher_scan(mp, &t, collect, &lp), 0);
    /* ordered by tb, te, id */
    for (size_t i = 1; i < lp.n; i++)
        assert_true(cmp3(lp.v[i - 1], lp.v[i]) < 0);
    assert_true(hs_here());
    sr__matcher *mh = build(SR_ENGINE_HS, d);
    assert_string_equal(sr__matcher_engine(mh), "vectorscan");
    assert_int_equal(sr__matcher_scan(mh, &t, collect, &lh), 0);
    assert_same(&lh, &lp, "vectorscan vs portable");
    /* a second scan with the same matcher gives the same list */
    mlist again = {0};
    assert_int_equal(sr__matcher_scan(mh, &t, collect, &again), 0);
    assert_same(&again, &lh, "vectorscan rescan");
    if (with_naive) {
        naive(d, &t, &ln);
        assert_same(&lp, &ln, "portable vs reference");
    }
    check_words(mp, &t, &lp);
    check_words(mh, &t, &lp);
    size_t cnt = lp.n;
    free(lp.v);
    free(lh.v);
    free(ln.v);
    free(again.v);
    sr__matcher_free(mp);
    sr__matcher_free(mh);
    sr__text_release(&t);
    return cnt;
}

static char *read_file(const char *path, size_t *n)
{
    char *s;
    assert_int_equal(sr__read_all(path, 0, &s, n), 0);
    return s;
}

static uint64_t rng = 88172645463325252ULL;
static uint32_t rnd(uint32_t k)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % k);
}

/* Phrases cut from a text at token boundaries (1..5 tokens), plus pieces cut
 * inside tokens that must never match, plus words the text lacks. */
static void gen_from_text(dict *d, const char *text, size_t n, size_t count, uint32_t id0)
{
    sr__text t;
    assert_int_equal(sr__text_init(&t, text, n), 0);
    assert_true(t.ntoks > 10);
    for (size_t c = 0; c < count; c++) {
        size_t i = rnd((uint32_t)t.ntoks);
        switch (c % 4) {
        case 0:
        case 1: { /* whole tokens */
            size_t j = i + rnd(5);
            if (j >= t.ntoks)
                j = t.ntoks - 1;
            dict_add_norm(d, t.norm + t.toks[i].s, t.toks[j].e - t.toks[i].s, id0 + (uint32_t)c);
            break;
        }
        case 2: { /* a piece of a token, or running into the next one */
            size_t s = t.toks[i].s + (t.toks[i].e - t.toks[i].s > 2 ? 1 : 0);
            size_t e = s + 2 + rnd(6);
            if (e > t.norm_len)
                e = t.norm_len;
            dict_add_norm(d, t.norm + s, e - s, id0 + (uint32_t)c);
            break;
        }
        default: {
            char w[32];
            snprintf(w, sizeof w, "zq%u absent", rnd(100000));
            dict_add(d, w, id0 + (uint32_t)c);
        }
        }
    }
    sr__text_release(&t);
}

static void test_seed_report(void **state)
{
    (void)state;
    size_t n;
    char *s = read_file(SEED, &n);
    dict d = {0};
    dict_add(&d, "Islamic State", 1);
    dict_add(&d, "Islamic State group", 2);
    dict_add(&d, "IS", 3);
    dict_add(&d, "Deir az-Zour", 4);
    dict_add(&d, "killed", 5);
    dict_add(&d, "Syrian Observatory for Human Rights", 6);
    dict_add(&d, "(SOHR)", 7);
    gen_from_text(&d, s, n, 400, 100);
    size_t cnt = check_all(&d, s, n, 1);
    assert_true(cnt > 300);
    free(s);
    dict_free(&d);
}

/* The index of the first token equal to w, for building expectations. */
static uint32_t tok_index(const sr__text *t, const char *w, size_t nth)
{
    for (size_t i = 0; i < t->ntoks; i++)
        if (t->toks[i].e - t->toks[i].s == strlen(w) && !memcmp(t->norm + t->toks[i].s, w, strlen(w)) &&
            nth-- == 0)
            return (uint32_t)i;
    fail_msg("no token '%s'", w);
    return 0;
}

static void test_boundaries_overlaps(void **state)
{
    (void)state;
    dict d = {0};
    dict_add(&d, "is", 10);
    dict_add(&d, "islamic state", 20);
    dict_add(&d, "islamic state group", 30);
    dict_add(&d, "state", 40);
    dict_add(&d, "state", 41);   /* same phrase, another id */
    dict_add(&d, "State ", 42);  /* normalises to the same */
    dict_add(&d, "group", 50);
    dict_add(&d, "crisis", 60);
    dict_add(&d, "sis", 61);     /* inside "crisis": never */
    dict_add(&d, "u.s.", 70);
    dict_add(&d, "u.s", 71);     /* ends inside the token "u.s.": never */
    dict_add(&d, "assad", 80);   /* before the possessive 's */
    const char *text = "The crisis: Islamic  \n State group is back; IS claimed it. The U.S. blamed Assad's men.";
    for (sr_engine e = SR_ENGINE_AUTO; e <= SR_ENGINE_PORTABLE; e++) {
        sr__text t;
        assert_int_equal(sr__text_init(&t, text, strlen(text)), 0);
        sr__matcher *m = build(e, &d);
        mlist l = {0};
        assert_int_equal(sr__matcher_scan(m, &t, collect, &l), 0);
        uint32_t isl = tok_index(&t, "islamic", 0), is0 = tok_index(&t, "is", 0), is1 = tok_index(&t, "is", 1);
        uint32_t crisis = tok_index(&t, "crisis", 0), us = tok_index(&t, "u.s.", 0), assad = tok_index(&t, "assad", 0);
        const uint32_t want[][3] = {
            {crisis, crisis + 1, 60}, {isl, isl + 2, 20},     {isl, isl + 3, 30},
            {isl + 1, isl + 2, 40},   {isl + 1, isl + 2, 41}, {isl + 1, isl + 2, 42},
            {isl + 2, isl + 3, 50},   {is0, is0 + 1, 10},     {is1, is1 + 1, 10},
            {us, us + 1, 70},         {assad, assad + 1, 80},
        };
        size_t nw = sizeof want / sizeof *want;
        if (l.n != nw) {
            for (size_t i = 0; i < l.n; i++)
                print_message("got [%u,%u) %u\n", l.v[i][0], l.v[i][1], l.v[i][2]);
            fail_msg("engine %s: %zu matches, want %zu", sr__matcher_engine(m), l.n, nw);
        }
        uint32_t sorted[16][3];
        memcpy(sorted, want, sizeof want);
        qsort(sorted, nw, sizeof *sorted, cmp3);
        for (size_t i = 0; i < nw; i++)
            assert_memory_equal(l.v[i], sorted[i], sizeof sorted[i]);
        if (e == SR_ENGINE_AUTO)
            assert_string_equal(sr__matcher_engine(m), hs_here() ? "vectorscan" : "portable");
        free(l.v);
        sr__matcher_free(m);
        sr__text_release(&t);
    }
    dict_free(&d);
}

/* The Vectorscan engine runs its database only on texts that hold a long
 * phrase's gate prefix (20 bytes or more): every long phrase must still be
 * found, in short texts, at a text's end, split by punctuation into several
 * tokens, and next to a short phrase that is itself one of the gate prefixes. */
static void test_long_gates(void **state)
{
    (void)state;
    dict d = {0};
    dict_add(&d, "Military Forces of the Central African Republic (2016-)", 1);
    dict_add(&d, "Military Forces of the Central African Republic", 2);
    dict_add(&d, "military forces of the central", 3); /* short, and a gate of both */
    dict_add(&d, "Military Forces of the Congo-Brazzaville government", 4);
    dict_add(&d, "Jama'atu Ahlis Sunna Lid Da'awati wal-Jihad", 5);
    dict_add(&d, "military", 6);
    dict_add(&d, "forces", 7);
    const char *texts[] = {
        "Military Forces of the Central African Republic (2016-) clashed with rebels.",
        "Rebels fought the Military Forces of the Central African Republic",
        "The military forces of the central region were not the ones.",
        "Military Forces of the Central African government, not the Republic.",
        ("Troops of the Military Forces of the Congo-Brazzaville government and jama'atu ahlis sunna lid "
         "da'awati wal-jihad fighters."),
        "military forces of the", /* a prefix below the gate length only */
        "Jama'atu Ahlis Sunna Lid Da'awati wal-Jihad",
    };
    size_t total = 0;
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        total += check_all(&d, texts[i], strlen(texts[i]), 1);
    /* 1: phrases 1 2 3 6 7; 2: 2 3 6 7; 3: 3 6 7; 4: 3 6 7; 5: 4 5 6 7; 6: 6 7; 7: 5 */
    assert_int_equal(total, 5 + 4 + 3 + 3 + 4 + 2 + 1);
    dict_free(&d);
}

/* The phrase table compares a candidate's bytes 8 at a time (and a masked
 * tail), reading past both ends: a word that differs from a phrase in any one
 * byte, at any offset of the 8-byte words or of the tail, is no match, and
 * the exact phrase is found, also as the text's last token. */
static void test_near_misses(void **state)
{
    (void)state;
    const char *abc = "abcdefghijklmnopqrstuvwx";
    dict d = {0};
    for (size_t len = 1; len <= 24; len++)
        dict_add_norm(&d, abc, len, (uint32_t)len);
    dict_add(&d, "abcdefg hijklmn", 100);
    dict_add(&d, "abcdefgh ijklmnopq rs", 101);
    size_t cap = 16384, n = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    for (size_t len = 24; len >= 1; len--) {
        for (size_t k = 0; k < len; k++) { /* one byte changed ('z' is in no phrase) */
            memcpy(text + n, abc, len);
            text[n + k] = 'z';
            n += len;
            text[n++] = ' ';
        }
    }
    const char *tail = "abcdefg hijklmo abcdefgh ijklmnopq rt abcdefgh ijklmnopq rs ";
    memcpy(text + n, tail, strlen(tail));
    n += strlen(tail);
    for (size_t len = 1; len <= 24; len++) { /* the exact ones, the last at the very end */
        memcpy(text + n, abc, len);
        n += len;
        if (len < 24)
            text[n++] = ' ';
    }
    assert_true(n < cap);
    /* the 24 words at the end, 101 once, and the words of the tail that are
     * phrases ("abcdefg" once, "abcdefgh" twice); 100 never */
    assert_int_equal(check_all(&d, text, n, 1), 24 + 1 + 1 + 2);
    free(text);
    dict_free(&d);
}

/* A scan skips the tokens whose first byte begins no phrase: phrases that
 * begin with a bracket, a dash, a comma or a digit are still all found, and
 * words that begin none are passed over (both engines, against the naive
 * matcher). */
static void test_first_bytes(void **state)
{
    (void)state;
    dict d = {0};
    dict_add(&d, "(IS)", 1);
    dict_add(&d, "- SDF", 2);
    dict_add(&d, ", the monitor said", 3);
    dict_add(&d, "9 killed", 4);
    dict_add(&d, "killed", 5);
    const char *text = "Fighters of the (IS) group and - SDF units clashed, the monitor said; "
                       "9 killed, [9] killed, (ISIS) and -SDF. Xylophones killed nobody, 19 killed.";
    /* (IS), - SDF, ", the monitor said", "9 killed" and "killed" four times */
    assert_int_equal(check_all(&d, text, strlen(text), 1), 4 + 4);
    dict_free(&d);
}

/* A find-only phrase is found by its text and never reported by a scan;
 * sr__matcher_skip_first keeps scans from starting at a byte (the
 * gazetteer's "#" keys); a Vectorscan matcher refuses find-only phrases. */
static void test_find_only(void **state)
{
    (void)state;
    const char *pats[] = {"#brk", "brk", "#tag", "sdf"};
    size_t lens[] = {4, 3, 4, 3};
    uint32_t ids[] = {1 | SR__MATCH_FIND_ONLY, 2, 3, 4};
    char err[256] = "";
    sr__matcher *m = sr__matcher_new(SR_ENGINE_PORTABLE, pats, lens, ids, 4, err, sizeof err);
    assert_non_null(m);
    assert_int_equal(sr__matcher_find(m, "#brk", 4), 1);
    assert_int_equal(sr__matcher_find(m, "brk", 3), 2);
    const char *text = "#brk brk #tag sdf";
    sr__text t;
    assert_int_equal(sr__text_init(&t, text, strlen(text)), 0);
    mlist l = {0};
    assert_int_equal(sr__matcher_scan(m, &t, collect, &l), 0);
    size_t with_tag = l.n;
    for (size_t i = 0; i < l.n; i++)
        assert_int_not_equal(l.v[i][2], 1); /* the find-only phrase: never */
    assert_int_equal(with_tag, 4);          /* brk (after the '#' token), brk, #tag, sdf */
    l.n = 0;
    sr__matcher_skip_first(m, '#');
    assert_int_equal(sr__matcher_scan(m, &t, collect, &l), 0);
    assert_int_equal(l.n, 3); /* brk, brk, sdf: nothing begins at a '#' */
    assert_int_equal(sr__matcher_find(m, "#tag", 4), 3); /* still found by its text */
    free(l.v);
    sr__text_release(&t);
    sr__matcher_free(m);
    assert_null(sr__matcher_new(SR_ENGINE_HS, pats, lens, ids, 4, err, sizeof err));
    assert_non_null(strstr(err, "find-only"));
}

/* sr__matcher_scan_from reports exactly the matches of a full scan that start
 * at the tokens the mask allows (portable engine). */
static void test_scan_from(void **state)
{
    (void)state;
    size_t n;
    char *s = read_file(SEED, &n);
    dict d = {0};
    dict_add(&d, "Syrian Observatory for Human Rights", 6);
    gen_from_text(&d, s, n, 400, 100);
    sr__text t;
    assert_int_equal(sr__text_init(&t, s, n), 0);
    uint8_t *even = calloc(t.ntoks + 1, 1), *none = calloc(t.ntoks + 1, 1);
    assert_true(even && none);
    for (size_t i = 0; i < t.ntoks; i += 2)
        even[i] = 1;
    sr__matcher *m = build(SR_ENGINE_PORTABLE, &d);
    mlist all = {0}, le = {0}, ln = {0}, want = {0}, again = {0};
    assert_int_equal(sr__matcher_scan(m, &t, collect, &all), 0);
    assert_int_equal(sr__matcher_scan_from(m, &t, even, collect, &le), 0);
    assert_int_equal(sr__matcher_scan_from(m, &t, none, collect, &ln), 0);
    for (size_t i = 0; i < all.n; i++)
        if (all.v[i][0] % 2 == 0)
            collect(&want, all.v[i][2], all.v[i][0], all.v[i][1]);
    assert_true(want.n > 50 && want.n < all.n);
    assert_same(&le, &want, "even starts");
    assert_int_equal(ln.n, 0);
    /* the mask does not stick: a plain scan after it is whole again */
    assert_int_equal(sr__matcher_scan(m, &t, collect, &again), 0);
    assert_same(&again, &all, "rescan");
    free(all.v);
    free(le.v);
    free(ln.v);
    free(want.v);
    free(again.v);
    free(even);
    free(none);
    sr__matcher_free(m);
    sr__text_release(&t);
    free(s);
    dict_free(&d);
}

static void test_empty(void **state)
{
    (void)state;
    const char *text = "Nothing to find here.";
    sr__text t;
    assert_int_equal(sr__text_init(&t, text, strlen(text)), 0);
    for (sr_engine e = SR_ENGINE_AUTO; e <= SR_ENGINE_PORTABLE; e++) {
        char err[128];
        sr__matcher *m = sr__matcher_new(e, NULL, NULL, NULL, 0, err, sizeof err);
        assert_non_null(m);
        mlist l = {0};
        assert_int_equal(sr__matcher_scan(m, &t, collect, &l), 0);
        assert_int_equal(l.n, 0);
        sr__matcher_free(m);
        /* a list of only empty phrases is as good as none */
        const char *pats[] = {""};
        size_t lens[] = {0};
        uint32_t ids[] = {1};
        m = sr__matcher_new(e, pats, lens, ids, 1, err, sizeof err);
        assert_non_null(m);
        assert_int_equal(sr__matcher_scan(m, &t, collect, &l), 0);
        assert_int_equal(l.n, 0);
        sr__matcher_free(m);
    }
    /* an empty text */
    sr__text t0;
    assert_int_equal(sr__text_init(&t0, "", 0), 0);
    dict d = {0};
    dict_add(&d, "x", 1);
    sr__matcher *m = build(SR_ENGINE_HS, &d);
    mlist l = {0};
    assert_int_equal(sr__matcher_scan(m, &t0, collect, &l), 0);
    assert_int_equal(l.n, 0);
    sr__matcher_free(m);
    sr__matcher_free(NULL);
    dict_free(&d);
    sr__text_release(&t0);
    sr__text_release(&t);
}

/* 5000+ phrases: words and bigrams of the ACLED notes plus absent ones. */
static void test_large(void **state)
{
    (void)state;
    size_t n;
    char *s = read_file(ACLED, &n);
    size_t cut = n > 120000 ? 120000 : n;
    while (cut < n && (s[cut] & 0xC0) == 0x80)
        cut++;
    dict d = {0};
    gen_from_text(&d, s, cut, 6000, 1000);
    dict_add(&d, "Islamic State", 1);
    dict_add(&d, "killed", 2);
    assert_true(d.n >= 5000);
    size_t seed_n;
    char *seed = read_file(SEED, &seed_n);
    check_all(&d, seed, seed_n, 1);
    free(seed);
    size_t cnt = check_all(&d, s, cut, 1);
    assert_true(cnt > 10000);
    /* the whole file: the two engines agree */
    check_all(&d, s, n, 0);
    free(s);
    dict_free(&d);
}

/* Unicode: accented and Arabic phrases normalise and match like ASCII. */
static void test_unicode(void **state)
{
    (void)state;
    dict d = {0};
    dict_add(&d, "Dayr az Zawr", 1);
    dict_add(&d, "\xd8\xaf\xd9\x8a\xd8\xb1 \xd8\xa7\xd9\x84\xd8\xb2\xd9\x88\xd8\xb1", 2);
    dict_add(&d, "al-Hasakah", 3);
    dict_add(&d, "\"caliphate\"", 4);
    const char *text = "Clashes in D\xc3\xa1yr \xc3\xa1z Zawr and \xd8\xaf\xd9\x8a\xd8\xb1 \xd8\xa7\xd9\x84\xd8\xb2\xd9\x88\xd9\x8e\xd8\xb1 "
                       "near Al\xe2\x80\x91Hasakah; the \xe2\x80\x9c" "caliphate\xe2\x80\x9d fell.";
    size_t cnt = check_all(&d, text, strlen(text), 1);
    assert_int_equal(cnt, 4);
    dict_free(&d);
}

/* The path of the one cached database in dir (fails if there is not exactly one). */
static void cached_db(const char *dir, char *path, size_t cap)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (!strncmp(e->d_name, "hs-", 3)) {
            snprintf(path, cap, "%s/%s", dir, e->d_name);
            n++;
        }
    closedir(d);
    assert_int_equal(n, 1);
}

static ino_t inode_of(const char *path)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    return st.st_ino;
}

/* Scans the seed report with a fresh Vectorscan matcher for d. */
static void scan_hs(const dict *d, const sr__text *t, mlist *out)
{
    sr__matcher *m = build(SR_ENGINE_HS, d);
    assert_int_equal(sr__matcher_scan(m, t, collect, out), 0);
    sr__matcher_free(m);
}

/* The compiled Vectorscan database is cached in $SITREP_CACHE: the second
 * matcher reads it (the file is not rewritten) and finds the same matches; a
 * damaged or truncated file is ignored and replaced. */
static void test_hs_cache(void **state)
{
    (void)state;
    assert_true(hs_here());
    char dir[] = "/tmp/sitrep-test-hscache-XXXXXX";
    assert_non_null(mkdtemp(dir));
    const char *was = getenv("SITREP_CACHE"); /* the test setup's, put back at the end */
    char *saved = was ? sr__strndup(was, strlen(was)) : NULL;
    assert_int_equal(setenv("SITREP_CACHE", dir, 1), 0);
    size_t n;
    char *s = read_file(SEED, &n);
    dict d = {0};
    dict_add(&d, "Syrian Observatory for Human Rights", 1);
    dict_add(&d, "the Syrian Observatory for Human Rights said", 3); /* 40 bytes or more: Vectorscan */
    dict_add(&d, "Islamic State group", 2);
    gen_from_text(&d, s, n, 400, 100);
    sr__text t;
    assert_int_equal(sr__text_init(&t, s, n), 0);
    mlist ref = {0}, got = {0};
    sr__matcher *mp = build(SR_ENGINE_PORTABLE, &d);
    assert_int_equal(sr__matcher_scan(mp, &t, collect, &ref), 0);
    sr__matcher_free(mp);
    assert_true(ref.n > 300);

    scan_hs(&d, &t, &got); /* compiles and stores */
    assert_same(&got, &ref, "vectorscan, compiled");
    char path[512];
    cached_db(dir, path, sizeof path);
    ino_t first = inode_of(path);
    got.n = 0;
    scan_hs(&d, &t, &got); /* reads the cache */
    assert_same(&got, &ref, "vectorscan, from the cache");
    assert_true(inode_of(path) == first);

    /* damaged: one byte changed in the middle, then cut short */
    for (int damage = 0; damage < 2; damage++) {
        size_t len;
        char *b = read_file(path, &len);
        assert_true(len > 100);
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        b[len / 2] ^= 0x55;
        assert_int_equal(fwrite(b, 1, damage ? len / 3 : len, f), damage ? len / 3 : len);
        fclose(f);
        free(b);
        ino_t before = inode_of(path);
        got.n = 0;
        scan_hs(&d, &t, &got);
        assert_same(&got, &ref, damage ? "vectorscan, truncated cache" : "vectorscan, damaged cache");
        cached_db(dir, path, sizeof path);
        assert_true(inode_of(path) != before); /* compiled again and replaced */
    }

    /* the cache off: nothing read or written */
    assert_int_equal(remove(path), 0);
    assert_int_equal(setenv("SITREP_CACHE", "off", 1), 0);
    got.n = 0;
    scan_hs(&d, &t, &got);
    assert_same(&got, &ref, "vectorscan, no cache");
    DIR *dd = opendir(dir);
    assert_non_null(dd);
    struct dirent *e;
    while ((e = readdir(dd)) != NULL)
        assert_true(e->d_name[0] == '.');
    closedir(dd);
    assert_int_equal(rmdir(dir), 0);
    if (saved)
        assert_int_equal(setenv("SITREP_CACHE", saved, 1), 0);
    else
        unsetenv("SITREP_CACHE");
    free(saved);
    free(ref.v);
    free(got.v);
    sr__text_release(&t);
    free(s);
    dict_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_report), cmocka_unit_test(test_boundaries_overlaps),
        cmocka_unit_test(test_empty),       cmocka_unit_test(test_unicode),
        cmocka_unit_test(test_scan_from),   cmocka_unit_test(test_hs_cache),
        cmocka_unit_test(test_large),       cmocka_unit_test(test_long_gates),
        cmocka_unit_test(test_near_misses), cmocka_unit_test(test_first_bytes), cmocka_unit_test(test_find_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
