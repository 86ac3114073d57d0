/* code.c — the event coder: from a document's matches (actors, triggers, cues,
 * numbers, dates, places) to ACLED-style events with the evidence behind every
 * field. It reads sentence by sentence and clause by clause with syntax-light
 * rules (voice, prepositions, nearest mentions), then merges the mentions of one
 * claim within the document ("69 killed" in the lead, body and caption).
 * The rules are described in docs/coder.md. */
#include "gazetteer.h"
#include "internal.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <threads.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* String equality with a non-empty literal; testing the first two bytes
 * makes the usual mismatch cheap (class names and roles are compared on
 * every clause, and share first letters: "clash", "capture", "change").
 * a[1] is read only when a[0] is lit[0], not NUL, so never past a's end. */
#define STREQ(a, lit) ((a)[0] == (lit)[0] && (a)[1] == (lit)[1] && !strcmp((a), (lit)))

/* ---- mentions ----------------------------------------------------------- */
enum { MT_NONE = 0, MT_ACTOR, MT_AGENT, MT_COUNTRY, MT_PLACE, MT_SOURCE, MT_TRIGGER, MT_QUANT, MT_NUM };

typedef struct mention {
    int type;
    uint32_t tb, te; /* tokens [tb, te) */
    uint32_t row;    /* row in its table; for MT_NUM the value */
    uint32_t alt;    /* MT_PLACE: the place the names around it fix (coherent_places), or UINT32_MAX */
} mention;

/* The word sets' vocabulary (struct vocab, below) numbers at most VOCAB_MAX words. */
#define VOCAB_MAX 4096 /* word numbers 1..VOCAB_MAX-1; 0: not a word of any set */

/* The token bit sets of build_mentions (coder.starts): */
enum {
    TB_TRIG,  /* a trigger begins here */
    TB_FIG,   /* a figure begins here: a number, or a quantity word of kind "number" */
    TB_CUT,   /* a punctuation mark or a W_WHILE word: a sentence may split into clauses here */
    TB_COVER, /* a trigger covers the token (tokinfo.trig) */
    TB_CUE,   /* a cue begins here (tokinfo.cue_start) */
    TB_VISIT, /* (build_mentions' own: a match, a number or a compound number word may begin here) */
    TB_N
};
#define TB_SET(bits, i) ((bits)[(i) >> 6] |= (uint64_t)1 << ((i)&63))

/* The first token in [i, b) whose bit is set in bits (tok_bits), or b. */
static inline uint32_t next_start(const uint64_t *bits, uint32_t i, uint32_t b)
{
    while (i < b) {
        uint64_t w = bits[i >> 6] >> (i & 63);
        if (w) {
            i += (uint32_t)__builtin_ctzll(w);
            return i < b ? i : b;
        }
        i = (i | 63) + 1;
    }
    return b;
}

/* Per-token annotation: which mention (index+1) covers it, per layer. */
typedef struct tokinfo {
    int ent;  /* entity layer: actor, agent, country, place, source */
    int trig; /* trigger layer */
    int quant;
    int num;
    int date;           /* date hit index+1 */
    uint32_t cue;       /* bit set of cue kinds starting at or covering this token */
    uint32_t w;         /* W_… flags of the word (function words, modifiers) */
    uint32_t cue_start; /* bit set of cue kinds starting here */
} tokinfo;

typedef struct rawmatch {
    uint32_t id, tb, te;
} rawmatch;

typedef struct dhit {
    uint32_t tb, te;
    sr__date_hit h;
} dhit;

/* A chunk: a run of entity mentions naming one actor ("Syrian regime forces",
 * "suspected IS militants", "the Kurdish-led Syrian Democratic Forces (SDF)"). */
typedef struct chunk {
    uint32_t tb, te;
    int actor, agent, country; /* rows or -1 */
    uint32_t ntb, nte;         /* attached number span, ntb == nte when none */
    int prep;                  /* the preposition before: 0, 'b' by, 't' target, 'i' in/of, 'w' with/between */
    int conj;                  /* 1 if joined to the previous chunk by "and"/"with" */
    int attrib;                /* the phrase is who said it ("the army said") */
} chunk;

typedef struct figure {
    int low, best, high; /* -1 unknown */
    sr_span span;
} figure;

typedef struct cand {
    sr_event ev;
    /* owned strings before interning */
    char actor1[256], actor2[256], assoc1[256], assoc2[256], country[128], iso3[4], admin1[128],
        admin1_acled[128], admin2[128], location[128], source[160]; /* (actor1 first, source last:
                                                                       code_clause zeroes around them) */
    const char *event_type, *sub_event_type;
    int kind_agg;
    int has_date;
    int role2; /* target role: 'c' civilian, 'a' armed, 's' state, 'p' protester, 0 */
    uint32_t sent;
    uint32_t para;   /* paragraph of the sentence */
    int cls; /* dominant trigger class (TC_…; 0 none) */
    uint32_t order; /* token position of the first mention */
    int score;      /* how many fields the sentence supported, to choose notes */
    int merged;
    int ref; /* refers back to an event already reported ("in the firefight") */
    int verb; /* the dominant trigger tells an act ("torched", "lit bonfires"), not a bare noun ("riots") */
} cand;

typedef struct coder {
    sr_ctx *ctx;
    const sr__lexicon *lx;
    const sr_doc *doc;
    sr__text t;
    rawmatch *raw;
    size_t nraw, capraw;
    mention *men;
    size_t nmen, capmen;
    uint32_t *menfrom; /* per token i (and ntoks): men_from(i), the first mention starting at or after i */
    size_t capmenfrom;
    uint32_t *nextplace; /* per mention k (and nmen): the first place mention at or after k when the
                            mentions were built (places_next_at) */
    size_t capnextplace;
    tokinfo *ti;
    size_t capti;
    int *best; /* build_mentions: best match per start token, three layers */
    size_t capbest;
    /* build_mentions: bit sets over the tokens (TB_…, each ntoks / 64 + 1
     * words; tok_bits): code_sentence and code_clause visit the tokens
     * they name instead of every token */
    uint64_t *starts;
    size_t capstarts;
    dhit *dh;
    size_t ndh, capdh;
    sr__date pub;
    int has_pub;
    uint32_t front_sb;    /* front_units: the sentence they are for (+1), */
    int nfront;           /* how many, */
    uint32_t front[4];    /* and the admin1 units of the frontline it speaks of */
    int front_doc;        /* front_doc: 0 not asked yet, 1 no, 2 some sentence speaks of a front */
    int front_listed;     /* front_region: the front regions looked up, */
    int nfront_pl;        /* how many, */
    uint32_t front_pl[4]; /* and their places */
    uint32_t road_rows[8]; /* road_ends: names of towns in roads' names that are no mention, */
    int nroad;             /* how many (they vote for the document's country) */
    const char *doc_iso3; /* main country of the document */
    int doc_firm;         /* places, country cues or the outlet voted for it (not only names of
                             countries, peoples and actors) */
    const char *named[8]; /* countries the names of countries, peoples and actors voted for */
    int nnamed_c;
    const char *doc_source;
    cand *cands;
    size_t ncands, capcands;
    uint32_t sb, se, smask; /* the sentence being coded and its cue kinds */
    uint32_t *para;         /* per sentence: paragraph number (blank lines between) */
    size_t cappara;
    struct wsite **sites;   /* TOK_IN's word sets per call site (in the context's cache), or NULL */
    struct vocab *vocab;    /* the words of those sets, numbered (in the context's cache), or NULL */
    uint16_t *vid;          /* per token: its number in vocab, 0 if none (valid when vocab is set) */
    uint32_t vocab_n;       /* how many words vocab had when the tokens were numbered */
    size_t capvid;
    /* memos, last: a new document's coder is zeroed up to gen, and an entry
     * counts only when its gen is the document's (6 KB not cleared per note) */
    uint32_t gen;
    uint64_t present[VOCAB_MAX / 64]; /* a bit per vocabulary number the document's tokens
                                         have (vocab_tokens sets it afresh; TOK_ANY) */
    struct unitmemo {     /* admin1_named's answers: mention → its admin1 unit */
        const struct mention *m;
        const char *iso;
        uint32_t unit, gen;
    } unitmemo[128];
    struct placememo {    /* fill_place's answers: (mention, country) → place */
        const struct mention *m;
        const char *iso;
        uint32_t sb; /* the sentence being coded: its units are the context */
        int ok;
        uint32_t gen;
        sr__where w;
    } placememo[32];
    struct nearmemo {     /* unit_near's answers: (place, country) → admin1 unit */
        uint32_t place;   /* + 1: 0 empty */
        uint32_t gen;
        const char *iso;
        uint32_t unit;
    } nearmemo[8];
} coder;

/* The coder's per-document arrays, kept in the context from one document to
 * the next so that a stream of short documents does not allocate them each
 * time (a context serves one thread). Very large ones are not kept. */
#define CODE_BATCH 16         /* documents coded side by side (sr_code_batch), */
#define CODE_BATCH_BYTES 4096 /* and their text at most (a longer document goes alone): a batch
                                 of notes is an article's worth; longer ones gain nothing */
struct sr__codecache {
    struct codeslot {
        coder arrays; /* only the array pointers and capacities are used */
        sr__textbufs text;
    } slot[CODE_BATCH]; /* one per document of a batch */
    coder *work;        /* the coders of a batch, CODE_BATCH of them, made on first use */
    uint32_t gen;       /* documents begun (mod 2^32, never 0): the memos' stamp */
    sr__wordmemo *lexmemo; /* the dictionary scan's first steps per vocabulary number */
    int front_listed;     /* front_region's lookup of the front regions, once per context: done, */
    int nfront_pl;        /* how many, */
    uint32_t front_pl[4]; /* and their places */
    int *src_iso; /* per cue row: the country its name contains (index + 1), -1 none, 0 not yet known */
    uint32_t *src_first; /* per cue row: the first source row of its canonical name + 1, 0 not yet known */
    struct {
        char name[96];
        long iso; /* outlet_country's answer */
    } outlets[8]; /* the last outlets seen: a feed's documents share theirs */
    unsigned next_outlet;
    uint32_t *outlet_pats; /* the lexicon's patterns of outlet cues, found once */
    size_t noutlet_pats;
    int outlet_pats_known;
    struct wsite **sites; /* TOK_IN's word set of each call site, built on first use */
    struct vocab *vocab;  /* every word of those sets, numbered */
    long front_rival[4];  /* front_dyad's rival actor per front: index + 1, -1 none, 0 not yet known */
    uint32_t *units_by_iso; /* unit_near: every admin1 unit, ordered by country, built once */
    size_t nunits_by_iso;
    struct keymemo *keys;   /* spelling_keys' lookups, KEYMEMO_SLOTS of them, made on first use */
    struct resmemo *resolved; /* resolve's answers, RESMEMO_SLOTS of them, made on first use */
    int *votes;             /* doc_country's two vote arrays over the lexicon's countries, zero
                               between documents, */
    uint64_t *voted;        /* and a bit per country voted for (cleared with them) */
};
#define KEYMEMO_SLOTS 2048
#define KEYMEMO_LEN 27
#define CACHE_KEEP_BYTES ((size_t)4 << 20)

static unsigned nsites(void);
static void site_free(struct wsite *st);

/* Moves the arrays of the cache into c (take) or those of c into the cache. */
static void cache_swap(coder *c, struct codeslot *sl, int take)
{
    coder *a = take ? &sl->arrays : c, *b = take ? c : &sl->arrays;
#define MOVE(f, capf)                                                            \
    do {                                                                         \
        if (!take && a->capf * sizeof *a->f > CACHE_KEEP_BYTES) {                \
            free(a->f);                                                          \
            a->f = NULL;                                                         \
            a->capf = 0;                                                         \
        }                                                                        \
        b->f = a->f;                                                             \
        b->capf = a->capf;                                                       \
        a->f = NULL;                                                             \
        a->capf = 0;                                                             \
    } while (0)
    MOVE(raw, capraw);
    MOVE(men, capmen);
    MOVE(menfrom, capmenfrom);
    MOVE(nextplace, capnextplace);
    MOVE(ti, capti);
    MOVE(best, capbest);
    MOVE(starts, capstarts);
    MOVE(dh, capdh);
    MOVE(cands, capcands);
    MOVE(para, cappara);
    MOVE(vid, capvid);
#undef MOVE
}

void sr__code_cache_free(struct sr__codecache *cc)
{
    if (!cc)
        return;
    for (int i = 0; i < CODE_BATCH; i++) {
        coder *a = &cc->slot[i].arrays;
        free(a->raw);
        free(a->men);
        free(a->menfrom);
        free(a->nextplace);
        free(a->ti);
        free(a->best);
        free(a->starts);
        free(a->dh);
        free(a->cands);
        free(a->para);
        free(a->vid);
        sr__textbufs_release(&cc->slot[i].text);
    }
    free(cc->work);
    free(cc->vocab);
    sr__wordmemo_free(cc->lexmemo);
    free(cc->src_iso);
    free(cc->votes);
    free(cc->voted);
    free(cc->units_by_iso);
    free(cc->keys);
    free(cc->resolved);
    free(cc->src_first);
    free(cc->outlet_pats);
    if (cc->sites)
        for (unsigned k = 0; k < nsites(); k++)
            site_free(cc->sites[k]);
    free(cc->sites);
    free(cc);
}

/* buf = pre s post, cut to n - 1 bytes as snprintf would cut it: the actor
 * names every clause builds ("Rioters (Kenya)"), without a format to parse. */
static void cat3(char *buf, size_t n, const char *pre, const char *s, const char *post)
{
    if (!n)
        return;
    size_t o = 0;
    const char *parts[3] = {pre, s, post};
    for (int k = 0; k < 3; k++)
        for (const char *q = parts[k]; *q && o + 1 < n; q++)
            buf[o++] = *q;
    buf[o] = 0;
}

/* Bounded string copy (snprintf "%s" without the formatting cost), for
 * every candidate's names: a third of them are empty or ISO codes, copied
 * byte by byte; from the ninth byte on (actor names, a quarter of them over
 * 30 bytes) strnlen and memcpy, which go 16 or 32 bytes at a time. */
static void scopy(char *dst, size_t cap, const char *src)
{
    size_t i = 0;
    for (; i < 8 && i + 1 < cap && src[i]; i++)
        dst[i] = src[i];
    if (i == 8 && i + 1 < cap && src[i]) {
        size_t n = i + strnlen(src + i, cap - 1 - i);
        memcpy(dst + i, src + i, n - i);
        i = n;
    }
    dst[i] = 0;
}


static void on_match(void *ud, uint32_t id, uint32_t tb, uint32_t te)
{
    coder *c = ud;
    if (sr__grow((void **)&c->raw, &c->capraw, c->nraw, sizeof *c->raw))
        return;
    c->raw[c->nraw++] = (rawmatch){id, tb, te};
}

static void on_place(void *ud, uint32_t id, uint32_t tb, uint32_t te)
{
    on_match(ud, SR_LX_ID(SR_LX_PLACE, id), tb, te);
}

static int tok_in(const coder *c, uint32_t i, const char *const *ws);
static int ends_with(const coder *c, uint32_t i, const char *suf);

/* ---- word sets ----------------------------------------------------------- */
/* TOK_IN(c, i, "riot", "riots") is tok_in with the words written in place,
 * TOK_IN_LIST(c, i, list) the same with a static list. The rules test words
 * about 300,000 times per 200 digests, so a test must cost next to nothing:
 * every word of every call site's list is numbered once per context (the
 * vocabulary, at most VOCAB_MAX words), each token of a document is looked
 * up in it once (coder.vid), and each call site (numbered by __COUNTER__)
 * sets its bit in the row of every word of its list (struct vocab.sites)
 * the first time the context reaches it. A test is then one load and one
 * bit. The list literal is evaluated only while the site's set is not
 * built. */
#define VOCAB_SLOTS 8192
#define VOCAB_LEN 32 /* longer words are never numbered (a site holding one walks its list) */
#define SITE_WORDS 10 /* call sites: at most 64 * SITE_WORDS (checked at the end of the file) */
struct vocab {
    uint32_t n;                     /* words numbered */
    uint64_t lens[256];             /* per first byte: bit l set when a word of length l begins with it */
    uint8_t len[VOCAB_SLOTS];       /* per slot: the word's length, 0 empty (most probes end here) */
    uint16_t id[VOCAB_SLOTS];       /* its number */
    uint64_t head[VOCAB_SLOTS];     /* its first 8 bytes, zero-padded */
    const char *word[VOCAB_SLOTS];  /* the word (static storage: a literal or a static list's) */
    uint32_t flags[VOCAB_MAX];      /* per number: the W_ flags of a function word (words[]) */
    uint8_t dcls[VOCAB_MAX];        /* per number: the date scanner's class (sr__date_word_class) */
    int dates;                      /* every keyword of the date scanner is numbered (vocab_new) */
    /* per number, a bit per call site whose set holds the word: the rules
     * test one token against many sites in a row, so its row (one cache
     * line) is what they read */
    uint64_t sites[VOCAB_MAX][SITE_WORDS];
};

typedef struct wsite {
    const char *const *ws; /* the list it was built from (a static list is checked against it) */
    const char **list;     /* a copy of the list when a word has no number, else NULL */
    uint16_t any[16];      /* TOK_ANY: the numbers of its words, */
    int nany;              /* how many, or -1 when they do not fit or one has none */
} wsite;

/* A site whose list has a word without a number is stored tagged (low bit
 * set), so that the test of every other site reads only its bits. */
#define SITE_LISTED(st) (((uintptr_t)(st)&1) != 0)
#define SITE_OF(st) ((wsite *)((uintptr_t)(st) & ~(uintptr_t)1))

static void site_free(wsite *st)
{
    st = SITE_OF(st);
    if (st)
        free(st->list);
    free(st);
}

static inline uint32_t vocab_slot(uint64_t head, size_t n)
{
    return (uint32_t)(((head ^ n) * 0x9e3779b97f4a7c15ULL) >> (64 - 13)) & (VOCAB_SLOTS - 1);
}

/* The number of the n bytes at s (8 bytes readable from s), 0 if none. */
static inline uint32_t vocab_find(const struct vocab *v, const char *s, size_t n)
{
    if (n - 1 >= VOCAB_LEN || !(v->lens[(unsigned char)s[0]] >> n & 1))
        return 0; /* (most tokens of a text: no word of that first byte and length) */
    uint64_t head;
    memcpy(&head, s, 8);
    if (n < 8)
        head &= ((uint64_t)1 << (8 * n)) - 1;
    for (uint32_t p = vocab_slot(head, n); v->len[p]; p = (p + 1) & (VOCAB_SLOTS - 1))
        if (v->len[p] == n && v->head[p] == head && (n <= 8 || !memcmp(v->word[p] + 8, s + 8, n - 8)))
            return v->id[p];
    return 0;
}

/* Numbers word w (static storage); 0 when it cannot be (too long, full). */
static uint32_t vocab_add(struct vocab *v, const char *w)
{
    size_t n = strlen(w);
    if (n - 1 >= VOCAB_LEN)
        return 0;
    char buf[VOCAB_LEN + 8] = {0};
    memcpy(buf, w, n);
    uint32_t id = vocab_find(v, buf, n);
    if (id || v->n + 1 >= VOCAB_MAX)
        return id;
    uint64_t head = 0;
    memcpy(&head, buf, 8);
    uint32_t p = vocab_slot(head, n);
    while (v->len[p])
        p = (p + 1) & (VOCAB_SLOTS - 1);
    v->len[p] = (uint8_t)n;
    v->lens[(unsigned char)w[0]] |= (uint64_t)1 << n;
    v->id[p] = (uint16_t)++v->n;
    v->head[p] = head;
    v->word[p] = w;
    v->dcls[v->n] = (uint8_t)sr__date_word_class(w, n);
    return v->n;
}

/* Numbers the tokens of the document: one lookup per token, which also
 * gives a word its function-word flags (tokinfo.w). */
static void vocab_tokens(coder *c)
{
    c->vocab_n = c->vocab->n;
    memset(c->present, 0, sizeof c->present);
    /* (in locals: the stores through vid and present would make the
     * compiler load the text's fields again at every token) */
    const struct vocab *v = c->vocab;
    const sr__tok *toks = c->t.toks;
    const char *norm = c->t.norm;
    uint16_t *vid = c->vid;
    uint64_t *present = c->present;
    for (uint32_t i = 0, n = (uint32_t)c->t.ntoks; i < n; i++) {
        uint32_t id = vocab_find(v, norm + toks[i].s, toks[i].e - toks[i].s);
        vid[i] = (uint16_t)id;
        present[id >> 6] |= (uint64_t)1 << (id & 63);
    }
}

/* Builds the set of call site `site` from its list ws, then tests token i;
 * tok_in when the set cannot be built. */
static __attribute__((noinline)) int tok_in_build(const coder *c, uint32_t i, unsigned site, const char *const *ws)
{
    wsite *st = NULL;
    if (c->sites && c->vocab && (st = calloc(1, sizeof *st)) != NULL) {
        uint32_t before = c->vocab->n;
        size_t m = 0;
        st->ws = ws;
        uint64_t bit = (uint64_t)1 << (site & 63);
        if (c->sites[site]) /* a list other than the one it was built from: start afresh */
            for (uint32_t id = 1; id <= before; id++)
                c->vocab->sites[id][site >> 6] &= ~bit;
        for (; ws[m]; m++) {
            uint32_t id = vocab_add(c->vocab, ws[m]);
            if (id)
                c->vocab->sites[id][site >> 6] |= bit;
            else if (!st->list)
                st->list = (const char **)1; /* (copied below) */
            if (id && m < 16)
                st->any[m] = (uint16_t)id;
        }
        st->nany = st->list || m > 16 ? -1 : (int)m;
        if (st->list) { /* a word without a number: the site walks a copy of its list */
            st->list = malloc((m + 1) * sizeof *st->list);
            if (!st->list) {
                free(st);
                return tok_in(c, i, ws);
            }
            memcpy(st->list, ws, (m + 1) * sizeof *st->list);
        }
        if (c->vocab->n != before)
            vocab_tokens((coder *)c); /* new words: the document's tokens may be among them (the
                                         batch's other documents are numbered again before
                                         their next stage, code_some) */
        site_free(c->sites[site]);
        c->sites[site] = st->list ? (wsite *)((uintptr_t)st | 1) : st;
    }
    return tok_in(c, i, ws);
}

/* Is token i one of the words of call site `site`? ws is the site's list,
 * or NULL once TOK_IN has found its set built. */
static inline __attribute__((always_inline)) int tok_in_at(const coder *c, uint32_t i, unsigned site,
                                                           const char *const *ws, int named)
{
    if (i >= c->t.ntoks)
        return 0;
    const wsite *st = c->sites ? c->sites[site] : NULL;
    if (!st || (named && SITE_OF(st)->ws != ws))
        return tok_in_build(c, i, site, ws);
    if (SITE_LISTED(st))
        return tok_in(c, i, (const char *const *)SITE_OF(st)->list);
    return (int)(c->vocab->sites[c->vid[i]][site >> 6] >> (site & 63) & 1);
}
#define TOK_IN(c, i, ...) TOK_IN_AT(c, i, __COUNTER__, __VA_ARGS__)
#define TOK_IN_AT(c, i, site, ...)                                                                            \
    tok_in_at((c), (i), (site), (c)->sites && (c)->sites[site] ? NULL : (const char *const[]){__VA_ARGS__, NULL}, 0)
#define TOK_IN_LIST(c, i, ws) tok_in_at((c), (i), __COUNTER__, (ws), 1)

/* May any token of the document be one of the words? 0 only when none is:
 * a rule that looks for those words token by token asks this first. */
static int tok_any_at(const coder *c, unsigned site, const char *const *ws)
{
    const wsite *st = c->sites ? c->sites[site] : NULL;
    if (!st && c->sites && c->vocab && ws) {
        tok_in_build(c, 0, site, ws); /* (builds the set; the token's answer is not wanted) */
        st = c->sites[site];
    }
    if (!st || SITE_LISTED(st) || st->nany < 0)
        return 1;
    for (int k = 0; k < st->nany; k++)
        if (c->present[st->any[k] >> 6] >> (st->any[k] & 63) & 1)
            return 1;
    return 0;
}
#define TOK_ANY(c, ...) TOK_ANY_AT(c, __COUNTER__, __VA_ARGS__)
#define TOK_ANY_AT(c, site, ...) \
    tok_any_at((c), (site), (c)->sites && (c)->sites[site] ? NULL : (const char *const[]){__VA_ARGS__, NULL})

static int cmp_raw(const void *a, const void *b)
{
    const rawmatch *x = a, *y = b;
    if (x->tb != y->tb)
        return x->tb < y->tb ? -1 : 1;
    return x->te < y->te ? -1 : x->te > y->te;
}

/* The first token from k on whose end lies past byte off, of the original
 * text (orig) or of the normalised one, by binary search; c->t.ntoks if
 * none. */
static uint32_t tok_past(const coder *c, uint32_t k, size_t off, int orig)
{
    size_t lo = k, hi = c->t.ntoks;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if ((orig ? c->t.toks[mid].oe : c->t.toks[mid].e) <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (uint32_t)lo;
}

/* The first token from k on whose original text holds a '-' (searched from
 * byte *q on, which moves past it), or c->t.ntoks. road_ends and
 * numbered_parts look only at such tokens, and most documents hold few
 * dashes: memchr finds them, not a walk over every token. */
static uint32_t dash_tok(const coder *c, size_t *q, uint32_t k)
{
    const char *o = c->t.orig;
    const char *d;
    while (*q < c->t.orig_len && (d = memchr(o + *q, '-', c->t.orig_len - *q)) != NULL) {
        size_t off = (size_t)(d - o);
        uint32_t lo = tok_past(c, k, off, 1); /* the first token ending after the dash */
        if (lo >= c->t.ntoks)
            break;
        k = lo;
        if (c->t.toks[k].os <= off) {
            *q = c->t.toks[k].oe;
            return k;
        }
        *q = off + 1; /* a dash between tokens */
    }
    *q = c->t.orig_len;
    return (uint32_t)c->t.ntoks;
}

/* "the Garissa-Mwingi road", "the Sidon-Tyr highway": a road named after the
 * two towns it joins is one token; the first town the gazetteer knows (else
 * the second) becomes a place mention spanning it. */
static void road_ends(coder *c)
{
    static const char *const roads[] = {"road", "roads", "highway", "highways", "route", "motorway", "expressway",
                                        "axis", "junction", "intersection", "bridge", NULL};
    size_t n0 = c->nraw, q = 0;
    for (uint32_t k = dash_tok(c, &q, 0); k + 1 < c->t.ntoks; k = dash_tok(c, &q, k + 1)) {
        const sr__tok *t = &c->t.toks[k];
        if (t->kind != SR_TOK_WORD || !(t->flags & SR_TF_CAP) || !TOK_IN_LIST(c, k + 1, roads))
            continue;
        const char *o = c->t.orig + t->os;
        size_t n = t->oe - t->os;
        const char *dash = memchr(o, '-', n);
        if (!dash || dash == o || (size_t)(dash - o) + 1 >= n || !isupper((unsigned char)dash[1]) ||
            memchr(dash + 1, '-', n - (size_t)(dash - o) - 1))
            continue;
        /* only when the sentence names no other place: "in Savar on the
         * Dhaka-Aricha highway" is in Savar */
        uint32_t sb = 0, se = (uint32_t)c->t.ntoks;
        for (size_t i = 0; i < c->t.nsents; i++)
            if (c->t.sents[i].tb <= k && k < c->t.sents[i].te) {
                sb = c->t.sents[i].tb;
                se = c->t.sents[i].te;
                break;
            }
        int taken = 0, other = 0;
        for (size_t i = 0; i < n0 && !taken; i++) {
            taken = c->raw[i].tb <= k && c->raw[i].te > k;
            other |= SR_LX_TABLE(c->raw[i].id) == SR_LX_PLACE && c->raw[i].tb >= sb && c->raw[i].tb < se;
        }
        if (taken)
            continue;
        const char *part[2] = {o, dash + 1};
        size_t plen[2] = {(size_t)(dash - o), n - (size_t)(dash - o) - 1};
        for (int p = 0; p < 2; p++) {
            size_t nl;
            char *norm = sr__norm_phrase(part[p], plen[p], &nl);
            long at = norm && nl >= 3 ? sr__gaz_lookup(c->ctx->gaz, norm, nl) : -1;
            free(norm);
            if (at >= 0 && !(sr__gaz_name(c->ctx->gaz, (uint32_t)at)->flags & SR_GZ_NAME_COMMON)) {
                /* with another place in the sentence the road is no place
                 * of the event, but its town still says which country
                 * ("the Kisumu-Kakamega highway ... at Kibuye") */
                if (other) {
                    if (c->nroad < 8)
                        c->road_rows[c->nroad++] = (uint32_t)at;
                    continue; /* both ends say so */
                }
                on_place(c, (uint32_t)at, k, k + 1);
                break;
            }
        }
    }
    if (c->nraw > n0)
        qsort(c->raw, c->nraw, sizeof *c->raw, cmp_raw);
}

/* "Zolote-4", "Zolote-5": a numbered part of a town (mine settlements,
 * blocks) written as one token is in that town; the town the gazetteer
 * knows becomes a place mention spanning the token. */
static void numbered_parts(coder *c)
{
    size_t n0 = c->nraw, q = 0;
    for (uint32_t k = dash_tok(c, &q, 0); k < c->t.ntoks; k = dash_tok(c, &q, k + 1)) {
        const sr__tok *t = &c->t.toks[k];
        if (!(t->flags & SR_TF_CAP))
            continue;
        const char *o = c->t.orig + t->os;
        size_t n = t->oe - t->os;
        const char *dash = memchr(o, '-', n);
        if (!dash || dash - o < 3 || (size_t)(dash - o) + 1 >= n)
            continue;
        size_t i = (size_t)(dash - o) + 1;
        while (i < n && isdigit((unsigned char)o[i]))
            i++;
        /* "Belgrade-Stari Grad", "Zagreb-Tresnjevka": a city and one of its
         * districts, as ACLED and local news write them; not a pair of
         * places ("the Kenya-Somalia border", "Gaza-Israel") */
        int hyph = i == (size_t)(dash - o) + 1 && isupper((unsigned char)o[i]);
        int part = hyph && !(k + 1 < c->t.ntoks && c->t.toks[k + 1].kind == SR_TOK_WORD &&
                             !(c->t.toks[k + 1].flags & SR_TF_CAP));
        if (!hyph && (i < n || i - (size_t)(dash - o) > 3))
            continue;
        if (hyph) {
            int taken = 0;
            for (size_t r = 0; r < n0 && !taken; r++)
                taken = c->raw[r].tb <= k && c->raw[r].te > k;
            /* "the Nairobi-Nakuru Highway", "the Mombasa-Lunga Lunga road" */
            for (uint32_t j = k + 1; j < k + 4 && j < c->t.ntoks && !taken; j++)
                taken = TOK_IN(c, j, "road", "highway", "route", "motorway", "expressway", "axis", "junction",
                               "intersection", "bridge", "border", "boundary", "corridor", "railway", "line");
            if (taken)
                continue;
            /* "Garba-Tula", "Mai-Mahiu": a name the gazetteer has with a
             * space, written with a hyphen */
            char sp[96];
            if (n < sizeof sp) {
                memcpy(sp, o, n);
                for (size_t j = 0; j < n; j++)
                    if (sp[j] == '-')
                        sp[j] = ' ';
                size_t wl;
                char *whole = sr__norm_phrase(sp, n, &wl);
                long wat = whole && wl >= 3 ? sr__gaz_lookup(c->ctx->gaz, whole, wl) : -1;
                free(whole);
                if (wat >= 0 &&
                    !(sr__gaz_name(c->ctx->gaz, (uint32_t)wat)->flags & (SR_GZ_NAME_COMMON | SR_GZ_NAME_KEY))) {
                    on_place(c, (uint32_t)wat, k, k + 1);
                    continue;
                }
            }
            if (!part)
                continue;
        }
        size_t nl;
        char *norm = sr__norm_phrase(o, (size_t)(dash - o), &nl);
        long at = norm && nl >= 3 ? sr__gaz_lookup(c->ctx->gaz, norm, nl) : -1;
        free(norm);
        if (at < 0 || (sr__gaz_name(c->ctx->gaz, (uint32_t)at)->flags & SR_GZ_NAME_COMMON))
            continue;
        if (part) { /* only a city of 100,000 or more has districts named so */
            const sr__gzname *nm = sr__gaz_name(c->ctx->gaz, (uint32_t)at);
            int city = 0;
            for (uint32_t j = 0; j < nm->count && !city; j++) {
                const sr__gzplace *p = sr__gaz_place(c->ctx->gaz, sr__gaz_list(c->ctx->gaz, nm->first + j));
                city = p->kind == SR_GZ_CITY && p->pop >= 100000 && !sr__gaz_list_alt(c->ctx->gaz, nm->first + j);
            }
            if (!city)
                continue;
        }
        on_place(c, (uint32_t)at, k, k + 1);
    }
    if (c->nraw > n0)
        qsort(c->raw, c->nraw, sizeof *c->raw, cmp_raw);
}

/* "Da'el", "Ma'arrat": a capitalised word written with an apostrophe that
 * no name of the gazetteer matches is looked up without it, the spelling
 * GeoNames' variants use ("Dael" for Dā‘il). */
static void apostrophe_variants(coder *c)
{
    size_t n0 = c->nraw;
    /* from one apostrophe of the normalised text to the next: most
     * documents have few (possessives), so the tokens are found by search */
    const char *norm = c->t.norm, *end = norm + c->t.norm_len, *q = norm;
    uint32_t k = 0;
    while ((q = memchr(q, '\'', (size_t)(end - q))) != NULL) {
        size_t off = (size_t)(q - norm);
        q++;
        uint32_t lo = tok_past(c, k, off, 0); /* the token holding offset off */
        if (lo >= c->t.ntoks)
            break;
        k = lo;
        const sr__tok *t = &c->t.toks[k];
        if (t->s > off || t->kind != SR_TOK_WORD || !(t->flags & SR_TF_CAP))
            continue;
        const char *w = c->t.norm + t->s;
        size_t n = t->e - t->s;
        const char *ap = norm + off;
        if (memchr(w, '\'', (size_t)(ap - w)))
            continue; /* the token's first apostrophe was seen already */
        if (!ap || ap == w || (size_t)(ap - w) + 2 >= n || !isalpha((unsigned char)ap[1]) ||
            !isalpha((unsigned char)ap[-1]) || n >= 48)
            continue; /* "Kenya's", "O'" */
        int covered = 0;
        for (size_t i = 0; i < n0 && !covered; i++)
            covered = c->raw[i].tb <= k && c->raw[i].te > k && SR_LX_TABLE(c->raw[i].id) == SR_LX_PLACE;
        if (covered)
            continue;
        char buf[48];
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            if (w[i] != '\'')
                buf[m++] = w[i];
        long at = m >= 3 ? sr__gaz_lookup(c->ctx->gaz, buf, m) : -1;
        if (at >= 0 && !(sr__gaz_name(c->ctx->gaz, (uint32_t)at)->flags & SR_GZ_NAME_COMMON))
            on_place(c, (uint32_t)at, k, k + 1);
    }
    if (c->nraw > n0)
        qsort(c->raw, c->nraw, sizeof *c->raw, cmp_raw);
}

/* "Mirpurkhas city (Mirpurkhas, Sindh)", "Tuhayat district (Al Hudaydah)":
 * a run of capitalised words that matches no name of any dictionary, near
 * an admin1 or admin2 unit the text names, is looked up by its spelling key
 * (sr__gaz_key: the consonant skeleton), and becomes a place mention when a
 * place of that key lies in that unit: a transliteration GeoNames does not
 * list ("Mirpur Khas", "At Tuhayta"). Only near a unit, since skeletons of
 * unknown words (persons, firms) meet some village somewhere. */
/* A spelling key's name in the gazetteer, remembered in the context's cache
 * (direct-mapped by a hash of the key): the same unknown words come back
 * from document to document, and each lookup is a binary search over all
 * the gazetteer's names, a cache miss at most of its steps. */
struct keymemo {
    uint8_t n; /* the key's length, 0: empty slot */
    char key[KEYMEMO_LEN];
    int32_t at; /* sr__gaz_lookup's answer */
};

static long key_lookup(const coder *c, const char *key, size_t kl)
{
    struct sr__codecache *cc = c->ctx->cc;
    if (cc && !cc->keys)
        cc->keys = calloc(KEYMEMO_SLOTS, sizeof *cc->keys);
    if (!cc || !cc->keys || kl > KEYMEMO_LEN || !kl)
        return sr__gaz_lookup(c->ctx->gaz, key, kl);
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < kl; i++)
        h = (h ^ (unsigned char)key[i]) * 16777619u;
    struct keymemo *m = &cc->keys[(h ^ h >> 15) & (KEYMEMO_SLOTS - 1)];
    if (m->n == kl && !memcmp(m->key, key, kl))
        return m->at;
    long at = sr__gaz_lookup(c->ctx->gaz, key, kl);
    if (at > INT32_MAX)
        return at;
    m->n = (uint8_t)kl;
    memcpy(m->key, key, kl);
    m->at = (int32_t)at;
    return at;
}

static void spelling_keys(coder *c)
{
    const sr__gaz *g = c->ctx->gaz;
    size_t n0 = c->nraw;
    uint32_t upos[64]; /* where names of units start (nup > 64: too many to list) */
    size_t nup = 0;
    for (size_t i = 0; i < n0; i++)
        if (SR_LX_TABLE(c->raw[i].id) == SR_LX_PLACE &&
            (sr__gaz_name(g, SR_LX_ROW(c->raw[i].id))->flags & SR_GZ_NAME_UNIT)) {
            if (nup < 64)
                upos[nup] = c->raw[i].tb;
            nup++;
        }
    if (!nup)
        return; /* no unit named, no key looked up */
    size_t ui = 0; /* the first unit not more than 12 tokens before k */
    size_t r = 0; /* raw matches before token k start before it */
    uint32_t covered_to = 0, place_to = 0; /* by other dictionaries' matches, by places before k */
    uint32_t place_here = 0;                  /* by places from the last capitalised word */
    uint32_t wnext = nup <= 64 ? 0 : UINT32_MAX; /* the first token past the window k is known to be in */
    for (uint32_t k = 0; k < c->t.ntoks; k++) {
        if (k >= wnext) { /* far from every unit named: nothing to look up */
            while (ui < nup && upos[ui] + 12 < k)
                ui++;
            if (ui == nup)
                break; /* past the last unit's window */
            if (upos[ui] > k + 15) {
                k = upos[ui] - 16; /* on to the next unit's window */
                continue;
            }
            wnext = upos[ui] + 13; /* (a later unit's window may go on from there) */
        }
        const sr__tok *t = &c->t.toks[k];
        if (t->kind != SR_TOK_WORD || !(t->flags & SR_TF_CAP))
            continue; /* the matches are caught up with at capitalised words only */
        if (place_here > place_to)
            place_to = place_here;
        place_here = 0;
        while (r < n0 && c->raw[r].tb < k) {
            uint32_t *to = SR_LX_TABLE(c->raw[r].id) == SR_LX_PLACE ? &place_to : &covered_to;
            if (c->raw[r].te > *to)
                *to = c->raw[r].te;
            r++;
        }
        size_t r0 = r; /* the matches that start at k */
        while (r < n0 && c->raw[r].tb == k) {
            uint32_t *to = SR_LX_TABLE(c->raw[r].id) == SR_LX_PLACE ? &place_here : &covered_to;
            if (c->raw[r].te > *to)
                *to = c->raw[r].te;
            r++;
        }
        if (k < covered_to || k < place_to)
            continue;
        if (k > 0 && c->t.toks[k - 1].kind == SR_TOK_WORD && (c->t.toks[k - 1].flags & SR_TF_CAP))
            continue; /* inside a run that began before */
        /* the run: up to three capitalised words no other dictionary's
         * match covers; a place may name its first words ("Tal" of "Tal
         * Baydar", "Kushk" of "Kushki Kuhna") but not all of it */
        uint32_t e = k, whole = 0;
        size_t q = r;
        while (e < c->t.ntoks && e - k < 3 && c->t.toks[e].kind == SR_TOK_WORD && (c->t.toks[e].flags & SR_TF_CAP)) {
            int stop = 0;
            for (; q < n0 && c->raw[q].tb <= e && !stop; q++)
                stop = SR_LX_TABLE(c->raw[q].id) != SR_LX_PLACE && c->raw[q].tb > k;
            if (stop)
                break;
            e++;
        }
        for (size_t i = r0; i < r && !whole; i++)
            whole = c->raw[i].te >= e;
        if (whole || e == k)
            continue;
        if (e < c->t.ntoks && c->t.toks[e].kind == SR_TOK_WORD && (c->t.toks[e].flags & SR_TF_CAP))
            continue; /* a longer capitalised name: a person's, a firm's */
        /* where places are named: after a locative, a comma or a
         * parenthesis, or before a parenthesis or a word for a place */
        if (!(k > 0 && TOK_IN(c, k - 1, "in", "at", "near", "outside", "from", "of", "to", "towards", "around", "into",
                              "village", "town", "city", "district", ",", "(", "and", "between")) &&
            !(e < c->t.ntoks && TOK_IN(c, e, "(", "city", "town", "village", "district", "county", "area",
                                       "municipality", "governorate", "province", "tehsil", "subdistrict",
                                       "upazila", "lga", "sector")))
            continue;
        const char *w = c->t.norm + t->s;
        size_t len = c->t.toks[e - 1].e - t->s;
        if (len < 5 || len > 60)
            continue;
        int upper = 1; /* "NTC", "UPLC": acronyms */
        for (uint32_t o = t->os; o < c->t.toks[e - 1].oe && upper; o++)
            upper = !islower((unsigned char)c->t.orig[o]);
        if (upper)
            continue;
        char key[72];
        size_t kl = sr__gaz_key(w, len, key, sizeof key);
        /* three consonants meet too many names: only for a unit's name
         * ("Tuhayat district", "Rajouri district") */
        if (!kl || (kl < 5 && !TOK_IN(c, e, "district", "county", "municipality", "governorate", "province",
                                      "tehsil", "subdistrict", "upazila", "lga")))
            continue;
        long at = key_lookup(c, key, kl);
        if (at < 0)
            continue;
        /* the admin1 and admin2 units named within 12 tokens */
        struct {
            uint32_t admin1;
            const char *admin2; /* an admin2 unit's name, NULL for an admin1 unit */
        } units[16];
        int nu = 0, a2 = 0;
        uint32_t lo = k > 12 ? k - 12 : 0, hi = e + 12;
        size_t i0 = r0; /* back to the first match of the window */
        while (i0 > 0 && c->raw[i0 - 1].tb >= lo)
            i0--;
        for (size_t i = i0; i < n0 && c->raw[i].tb <= hi && nu < 16; i++) {
            if (SR_LX_TABLE(c->raw[i].id) != SR_LX_PLACE || c->raw[i].tb < lo || (c->raw[i].tb >= k && c->raw[i].tb < e))
                continue;
            const sr__gzname *un = sr__gaz_name(g, SR_LX_ROW(c->raw[i].id));
            if (!(un->flags & SR_GZ_NAME_UNIT))
                continue;
            int u0 = nu, prov = 0; /* a name that is also a province's ("Balkh") fixes no district */
            for (uint32_t j = 0; j < un->count && j < 32 && nu < 16; j++) {
                const sr__gzplace *p = sr__gaz_place(g, sr__gaz_list(g, un->first + j));
                if ((p->kind == SR_GZ_ADMIN1 || p->kind == SR_GZ_ADMIN2) && p->admin1 != SR_GZ_NONE) {
                    prov |= p->kind == SR_GZ_ADMIN1;
                    units[nu].admin1 = p->admin1;
                    units[nu++].admin2 = p->kind == SR_GZ_ADMIN2 ? sr__gaz_str(g, p->admin2) : NULL;
                }
            }
            for (int u = u0; u < nu; u++) {
                if (prov)
                    units[u].admin2 = NULL;
                a2 |= units[u].admin2 != NULL;
            }
        }
        /* a place of the key in such a unit, and in the admin2 unit if one
         * is named ("Sreepur upazila (Gazipur, Dhaka)" is no Swarpur of
         * another district) */
        const sr__gzname *nm = sr__gaz_name(g, (uint32_t)at);
        int near = 0;
        for (uint32_t j = 0; j < nm->count && j < 64 && !near; j++) {
            const sr__gzplace *p = sr__gaz_place(g, sr__gaz_list(g, nm->first + j));
            for (int u = 0; u < nu && !near; u++)
                near = p->admin1 == units[u].admin1 &&
                       (!a2 || (units[u].admin2 && !strcmp(units[u].admin2, sr__gaz_str(g, p->admin2))));
        }
        if (near)
            on_place(c, (uint32_t)at, k, e);
    }
    /* the few new matches, in token order, go to their places by insertion */
    for (size_t i = n0; i < c->nraw; i++) {
        rawmatch x = c->raw[i];
        size_t j = i;
        while (j > 0 && cmp_raw(&c->raw[j - 1], &x) > 0) {
            c->raw[j] = c->raw[j - 1];
            j--;
        }
        c->raw[j] = x;
    }
}

/* Place names come from the gazetteer's own index; its hits join the
 * dictionary's, keeping the list sorted by (tb, te). */
static int scan_places(coder *c)
{
    size_t n0 = c->nraw;
    int rc = sr__gaz_scan(c->ctx->gaz, &c->t, on_place, c);
    if (rc || c->nraw == n0 || !n0) {
        if (!rc) {
            road_ends(c);
            numbered_parts(c);
            apostrophe_variants(c);
            spelling_keys(c);
        }
        return rc;
    }
    size_t n = c->nraw;
    rawmatch *tmp = malloc(n * sizeof *tmp);
    if (!tmp)
        return SR_ENOMEM;
    size_t i = 0, j = n0, k = 0;
    while (i < n0 || j < n) {
        if (j >= n || (i < n0 && (c->raw[i].tb < c->raw[j].tb ||
                                  (c->raw[i].tb == c->raw[j].tb && c->raw[i].te <= c->raw[j].te))))
            tmp[k++] = c->raw[i++];
        else
            tmp[k++] = c->raw[j++];
    }
    memcpy(c->raw, tmp, n * sizeof *tmp);
    free(tmp);
    road_ends(c);
    numbered_parts(c);
    apostrophe_variants(c);
    spelling_keys(c);
    return 0;
}

/* ---- function words ----------------------------------------------------- */
/* Words the rules look at over and over get their classes once per token. */
enum {
    W_MOD = 1, W_AUX = 2, W_BY = 4, W_TGT = 8, W_IN = 16, W_WITH = 32, W_FROM = 64, W_OF = 128,
    W_CONJ = 256, /* and, while, but, whereas, meanwhile: may open a new clause after a comma */
    W_WHILE = 512, /* while, whereas: open a new clause even without a comma */
    W_GROUP = 1024, /* group, members, supporters…: "X of Y" names Y's people */
    W_SKIP = 2048   /* words between a speaker and "said" ("residents of the city said") */
};
typedef struct wordclass {
    const char *w;
    uint32_t f;
} wordclass;
static const wordclass words[] = {
    {"suspected", W_MOD}, {"presumed", W_MOD}, {"purported", W_MOD}, {"allied", W_MOD}, {"foreign", W_MOD}, {"alleged", W_MOD},
    {"unidentified", W_MOD}, {"unknown", W_MOD}, {"armed", W_MOD}, {"pro-government", W_MOD},
    {"pro-regime", W_MOD}, {"government-backed", W_MOD}, {"kurdish-led", W_MOD}, {"us-backed", W_MOD},
    {"turkish-backed", W_MOD}, {"russian-backed", W_MOD}, {"iran-backed", W_MOD},
    {"iranian-backed", W_MOD}, {"local", W_MOD | W_SKIP}, {"rival", W_MOD}, {"the", W_MOD | W_SKIP}, {"a", W_MOD},
    {"an", W_MOD}, {"its", W_MOD}, {"their", W_MOD}, {"other", W_MOD}, {"regime-linked", W_MOD},
    {"iran-linked", W_MOD}, {"own", W_MOD}, {"extremist", W_MOD}, {"jihadist", W_MOD},
    {"islamist", W_MOD}, {"opposition", W_MOD}, {"rebel", W_MOD}, {"militant", W_MOD},
    {"loyalist", W_MOD}, {"elite", W_MOD}, {"several", W_MOD}, {"some", W_MOD}, {"two", W_MOD},
    {"three", W_MOD}, {"members", W_MOD | W_GROUP}, {"member", W_MOD | W_GROUP}, {"of", W_MOD | W_IN | W_OF | W_SKIP},
    {"off-duty", W_MOD}, {"senior", W_MOD}, {"young", W_MOD}, {"unarmed", W_MOD},
    {"innocent", W_MOD}, {"female", W_MOD}, {"male", W_MOD}, {"kurdish", W_MOD}, {"arab", W_MOD},
    {"affiliated", W_MOD}, {"former", W_MOD}, {"retired", W_MOD}, {"was", W_AUX}, {"were", W_AUX}, {"been", W_AUX}, {"being", W_AUX},
    {"is", W_AUX}, {"are", W_AUX}, {"be", W_AUX}, {"got", W_AUX}, {"get", W_AUX}, {"by", W_BY},
    {"on", W_TGT}, {"against", W_TGT}, {"targeting", W_TGT}, {"at", W_TGT}, {"upon", W_TGT},
    {"in", W_IN | W_SKIP}, {"across", W_IN}, {"near", W_IN}, {"to", W_IN}, {"into", W_IN},
    {"throughout", W_IN}, {"inside", W_IN}, {"between", W_WITH}, {"with", W_WITH}, {"from", W_FROM},
    {"group", W_GROUP}, {"groups", W_GROUP}, {"supporters", W_GROUP}, {"activists", W_GROUP},
    {"leaders", W_GROUP}, {"workers", W_GROUP}, {"cadres", W_GROUP}, {"gang", W_GROUP}, {"band", W_GROUP},
    {"mob", W_GROUP}, {"crowd", W_GROUP}, {"followers", W_GROUP}, {"faction", W_GROUP}, {"factions", W_GROUP},
    {"and", W_CONJ}, {"but", W_CONJ}, {"meanwhile", W_CONJ}, {"while", W_CONJ | W_WHILE},
    {"whereas", W_CONJ | W_WHILE},
    {"commander", W_SKIP}, {"commanders", W_SKIP}, {"spokesman", W_SKIP}, {"spokesperson", W_SKIP},
    {"spokeswoman", W_SKIP}, {"chief", W_SKIP}, {"official", W_SKIP}, {"officials", W_SKIP},
    {"sources", W_SKIP}, {"source", W_SKIP}, {"officer", W_SKIP}, {"county", W_SKIP}, {"district", W_SKIP},
    {"regional", W_SKIP}, {"city", W_SKIP}, {"town", W_SKIP}, {"village", W_SKIP}, {"province", W_SKIP},
    {"area", W_SKIP}, {"camp", W_SKIP},
};
#define WSLOTS 512
static int16_t wslot[WSLOTS]; /* open addressing: word index + 1 */
static uint32_t wlens[256];   /* per first byte: bit n set when a word of n bytes starts with it */

static uint32_t whash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static int debug_cands; /* SITREP_DEBUG set: candidates go to stderr (read once) */

static void words_init(void)
{
    debug_cands = getenv("SITREP_DEBUG") != NULL;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        size_t n = strlen(words[i].w);
        wlens[(unsigned char)words[i].w[0]] |= 1u << n;
        uint32_t h = whash(words[i].w, n) & (WSLOTS - 1);
        while (wslot[h])
            h = (h + 1) & (WSLOTS - 1);
        wslot[h] = (int16_t)(i + 1);
    }
}

/* Builds the function-word table once, whichever thread gets here first. */
void sr__code_init(void)
{
    static once_flag once = ONCE_FLAG_INIT;
    call_once(&once, words_init);
}

/* A context's vocabulary, holding the function words with their flags
 * from the start (the first entry of a word listed twice wins, as in
 * word_flags). */
static struct vocab *vocab_new(void)
{
    struct vocab *v = calloc(1, sizeof *v);
    if (!v)
        return NULL;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        uint32_t before = v->n, id = vocab_add(v, words[i].w);
        if (id && v->n != before)
            v->flags[id] = words[i].f;
    }
    /* the date scanner's keywords, so that a word without a number is none of
     * them (scan_dates) */
    v->dates = 1;
    for (size_t i = 0; sr__date_keyword(i); i++)
        v->dates &= vocab_add(v, sr__date_keyword(i)) != 0;
    return v;
}

static uint32_t word_flags(const char *s, size_t n)
{
    if (n >= 32 || !(wlens[(unsigned char)s[0]] >> n & 1))
        return 0; /* no word of this length starts with this letter: most tokens */
    uint32_t h = whash(s, n) & (WSLOTS - 1);
    while (wslot[h]) {
        const char *w = words[wslot[h] - 1].w;
        size_t j = 0; /* (an inline compare: these words are short) */
        while (j < n && w[j] == s[j])
            j++;
        if (j == n && !w[n])
            return words[wslot[h] - 1].f;
        h = (h + 1) & (WSLOTS - 1);
    }
    return 0;
}

/* ---- token helpers ------------------------------------------------------ */
static int tok_is(const coder *c, uint32_t i, const char *w)
{
    if (i >= c->t.ntoks)
        return 0;
    const sr__tok *k = &c->t.toks[i];
    if (c->t.norm[k->s] != w[0]) /* cheap first-byte filter: this runs very often */
        return 0;
    size_t n = strlen(w);
    return k->e - k->s == n && !memcmp(c->t.norm + k->s, w, n);
}

/* Is token i one of the words ws (NULL-terminated)? The token's bytes are
 * read once and each word is rejected on its first byte, as most are. */
static int tok_in(const coder *c, uint32_t i, const char *const *ws)
{
    if (i >= c->t.ntoks)
        return 0;
    const sr__tok *k = &c->t.toks[i];
    const char *s = c->t.norm + k->s;
    size_t n = k->e - k->s;
    char c0 = s[0];
    for (; *ws; ws++) {
        const char *w = *ws;
        if (w[0] != c0)
            continue;
        size_t j = 1;
        while (j < n && w[j] == s[j])
            j++;
        if (j == n && !w[n])
            return 1;
    }
    return 0;
}

static int is_punct(const coder *c, uint32_t i) { return i < c->t.ntoks && c->t.toks[i].kind == SR_TOK_PUNCT; }

static int is_hard_punct(const coder *c, uint32_t i)
{
    return is_punct(c, i) && !tok_is(c, i, "-") && !tok_is(c, i, "'") && !tok_is(c, i, "\"") &&
           !tok_is(c, i, "(") && !tok_is(c, i, ")");
}

static sr_span span_of(const coder *c, uint32_t tb, uint32_t te)
{
    if (tb >= te || te > c->t.ntoks)
        return (sr_span){-1, -1};
    return (sr_span){(int32_t)c->t.toks[tb].os, (int32_t)c->t.toks[te - 1].oe};
}

static int has_cue(const coder *c, uint32_t i, int cue) { return i < c->t.ntoks && (c->ti[i].cue_start >> cue & 1); }

/* Is there a cue of this kind starting in [a, b)? Returns its token or -1. */
static long find_cue(const coder *c, uint32_t a, uint32_t b, int cue)
{
    if (a >= c->sb && b <= c->se && !(c->smask >> cue & 1))
        return -1; /* the sentence has none: most lookups end here */
    for (uint32_t i = a; i < b && i < c->t.ntoks; i++)
        if (has_cue(c, i, cue))
            return (long)i;
    return -1;
}

/* "a gang known as 'Military'", "a group calling itself 'Police'": a
 * generic actor noun written right after "known as", "calling itself" or
 * "called" (a quotation mark may come between) is the name of the group
 * just told of, not that kind of actor (a state force, say). */
static int named_after_known_as(const coder *c, uint32_t tb)
{
    uint32_t p = tb;
    if (p > 0 && TOK_IN(c, p - 1, "'", "\"", "\u2018", "\u201c"))
        p--;
    if (p < 2)
        return 0;
    return (tok_is(c, p - 1, "as") && tok_is(c, p - 2, "known")) ||
           (tok_is(c, p - 1, "itself") && tok_is(c, p - 2, "calling")) ||
           (tok_is(c, p - 1, "themselves") && tok_is(c, p - 2, "calling"));
}

/* "Officers beat reporters covering an election fight": the event
 * noun after "covering" (with its article and one adjective) is the
 * reporters' story, not an event the sentence reports. (A protest they
 * cover is kept: "attacked journalists covering the protests" is told of
 * the protest the note reports.) */
static int covered_story(const coder *c, uint32_t i)
{
    if (i >= 1 && tok_is(c, i - 1, "covering")) /* "covering protests" */
        return 1;
    for (uint32_t back = 2; back <= 3 && back <= i; back++) /* "covering a (political) clash" */
        if (tok_is(c, i - back, "covering") && TOK_IN(c, i - back + 1, "a", "an", "the"))
            return 1;
    return 0;
}

/* ---- building mentions -------------------------------------------------- */
static int ent_type(int table)
{
    switch (table) {
    case SR_LX_ACTOR: return MT_ACTOR;
    case SR_LX_AGENT: return MT_AGENT;
    case SR_LX_COUNTRY: return MT_COUNTRY;
    case SR_LX_PLACE: return MT_PLACE;
    default: return MT_NONE;
    }
}

/* "violent student demonstrations": the gap row for "violent" is a trigger
 * only with its noun a few words on; a lone "violent" ("used weapons in
 * violent manner") names no event and must not colour the clause. */
static int violent_without_noun(const coder *c, const rawmatch *r)
{
    if (r->te != r->tb + 1 || !tok_is(c, r->tb, "violent") ||
        !(c->lx->triggers[SR_LX_ROW(r->id)].bits & SR__TRIG_GAP))
        return 0;
    for (uint32_t k = r->te; k < c->t.ntoks && k < r->te + 4; k++) {
        if (tok_is(c, k, "demonstrations"))
            return 0;
        if (tok_is(c, k, ".") || tok_is(c, k, ","))
            break;
    }
    return 1;
}

static int add_mention(coder *c, mention m)
{
    if (sr__grow((void **)&c->men, &c->capmen, c->nmen, sizeof *c->men))
        return SR_ENOMEM;
    c->men[c->nmen++] = m;
    return 0;
}

/* Entity priority at equal length: actor > source > country > agent > place. */
static int ent_prio(int type)
{
    switch (type) {
    case MT_ACTOR: return 5;
    case MT_SOURCE: return 4;
    case MT_COUNTRY: return 3;
    case MT_AGENT: return 2;
    case MT_PLACE: return 1;
    default: return 0;
    }
}

/* Place mentions: the capitalisation of the original decides whether a word
 * that is also a place ("Mark", "Of") is one: a place must start upper-case. */
static int looks_proper(const coder *c, uint32_t tb, uint32_t te)
{
    for (uint32_t i = tb; i < te; i++) {
        const sr__tok *k = &c->t.toks[i];
        if (k->kind != SR_TOK_WORD)
            continue;
        const char *o = c->t.orig + k->os;
        if (islower((unsigned char)o[0])) {
            /* lower-case particles inside names: al-, ad-, ez-, as-, ar-, az-, el-, de, of,
             * and Persian's ezafe ("Kut e Abdollah", "Masjed-e Soleyman") */
            static const char *const parts[] = {"al", "ad", "ez", "as", "ar", "az", "el", "de", "e",
                                                "of", "du", "la", "an", "ash", "at", "ibn", "bin",
                                                "abu", "um", "umm", "ras", "tal", "tell", "jabal",
                                                "wadi", "deir", "ain", "bir", "the", "al-", "and", "do", "da", "dos",
                                                "das", "del", "di", "des", "van", "von", "den", "y", NULL};
            int ok = 0;
            /* a unit's name may end in a lower-case "region" ("Somali
             * region" is Ethiopia's unit, "Somali" alone the demonym), a
             * square's in "square" ("the al Nour square") */
            if (i + 1 == te && i > tb && k->e - k->s == 6 &&
                (!strncmp(c->t.norm + k->s, "region", 6) || !strncmp(c->t.norm + k->s, "square", 6)))
                ok = 1;
            for (int p = 0; parts[p]; p++) {
                if (parts[p][0] != c->t.norm[k->s])
                    continue; /* (no part is empty) */
                size_t n = strlen(parts[p]);
                if (!strncmp(c->t.norm + k->s, parts[p], n) &&
                    (k->e - k->s == n || c->t.norm[k->s + n] == '-'))
                    ok = 1;
            }
            if (!ok)
                return 0;
            if (i == tb) {
                /* a name may open with a lower-case article: "al-Jawf", "el Fasher" */
                size_t pl = 0, room = c->t.orig_len - k->os;
                while (pl < 6 && pl < room && isalpha((unsigned char)o[pl]) && islower((unsigned char)o[pl]))
                    pl++;
                static const char *const arts[] = {"al", "el", "ad", "ar", "as", "az", "an", "at", "ash", NULL};
                int art = 0;
                for (int q = 0; arts[q] && !art; q++)
                    art = strlen(arts[q]) == pl && !strncmp(o, arts[q], pl);
                if (!(art && pl + 1 < room && (o[pl] == '-' || o[pl] == ' ') && isupper((unsigned char)o[pl + 1])))
                    return 0;
            }
        }
    }
    return 1;
}

static const char *const locatives[] = {"in", "at", "near", "outside", "from", "of", "to", "towards", "around",
                                       "into", "village", "town", "city", "district", NULL};

/* Words places and institutions are called by ("Kisumu County", "Egerton
 * University", "Garissa Road"), and weekdays and titles that follow a place
 * name in text: a capitalised word after a place that is one of these does
 * not make the two a longer name. */
static const char *const generic[] = {
        "county", "province", "district", "state", "region", "governorate", "city", "town", "village",
        "road", "street", "highway", "avenue", "market", "university", "hospital", "airport", "camp",
        "prison", "stadium", "bridge", "dam", "lake", "river", "mountains", "mountain", "hills", "hill",
        "valley", "island", "islands", "forest", "estate", "division", "ward", "location", "sub-county",
        "subcounty", "constituency", "municipality", "police", "station", "park", "square", "mosque",
        "church", "school", "college", "port", "base", "border", "crossing", "checkpoint", "junction",
        "centre", "center", "area", "zone", "sector", "quarter", "plain", "plains", "desert", "gate",
        "hotel", "court", "council", "assembly", "north", "south", "east", "west", "central", "upper",
        "lower", "new", "old", "township", "bay", "beach", "coast", "oblast", "raion", "rayon", "department",
        "prefecture", "commune", "governor", "governorate", "countryside", "suburb", "suburbs", "field",
        "oilfield", "refinery", "factory", "mine", "mines", "barracks", "garrison", "sub", "mall", "bus",
        "stage", "terminal", "ridge", "heights", "falls", "gorge", "pass", "wells", "well", "springs",
        "cantonment", "colony", "block", "range", "national", "international", "general", "regional",
        "provincial", "airbase", "airfield", "air", "filtration", "plant", "power", "water", "sharif",
        "barrage", "canal", "refugee", "idp", "settlement", "trading", "shopping", "primary", "secondary",
        "high", "girls", "boys", "polytechnic", "institute", "technical", "teachers", "medical", "referral",
        "nature", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "morning",
        "night", "evening", "senator", "mp", "mps", "mca", "mcas", "deputy", "governor", "residents",
        "military", "naval", "army", "police", "detention", "prison", "jail", "gaol", "palace", "tower",
        "towers", "hall", "office", "offices", "governorship", "mayor", "municipal", "headquarters", "ministry", "mall", "arena", "club", "post",
        NULL};

/* The first raw match starting at or after token n (binary search: raw
 * matches are sorted by first token). */
static size_t raw_first_at(const coder *c, uint32_t n)
{
    size_t lo = 0, hi = c->nraw;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->raw[mid].tb < n)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Does a name of any dictionary or of the gazetteer start at token n? */
static int raw_starts_at(const coder *c, uint32_t n)
{
    size_t lo = raw_first_at(c, n);
    return lo < c->nraw && c->raw[lo].tb == n;
}

/* Is the one-word place r the first name of a person ("Virginia Nyaiko",
 * "Faith Gitau", "Paul Kipkemboi")? So it is when the next word is capitalised
 * (not at a sentence start, not all capitals), is no name of any dictionary
 * and no word places and institutions are called by ("Kisumu County",
 * "Egerton University", "Garissa Road"). */
static int person_name_after(const coder *c, const rawmatch *r)
{
    uint32_t n = r->te;
    if (n >= c->t.ntoks)
        return 0;
    const sr__tok *k = &c->t.toks[n];
    if (k->kind != SR_TOK_WORD || !(k->flags & SR_TF_CAP) || (k->flags & (SR_TF_SSTART | SR_TF_ALLCAPS)) ||
        (c->t.toks[r->tb].flags & SR_TF_ALLCAPS) || (k->flags & SR_TF_NEWLINE))
        return 0;
    if (c->ti[n].w) /* a function word or modifier ("Kisumu On Monday" in a title) */
        return 0;
    /* (the tests below have no side effects: the cheap ones come first) */
    /* a person's name is two words, an institution's often more ("Nairobi
     * Aviation College", "Kakamega Senator Boni Khalwale") */
    if (n + 1 < c->t.ntoks && c->t.toks[n + 1].kind == SR_TOK_WORD && (c->t.toks[n + 1].flags & SR_TF_CAP)) {
        /* ... but three words of which the last two are in no dictionary
         * and name nothing generic are a person's ("Paul Kipkemboi Ruto",
         * "David Kimutai Too") */
        if ((n + 2 < c->t.ntoks && c->t.toks[n + 2].kind == SR_TOK_WORD && (c->t.toks[n + 2].flags & SR_TF_CAP)) ||
            (c->t.toks[n + 1].flags & SR_TF_ALLCAPS) || c->ti[n + 1].w || raw_starts_at(c, n + 1) ||
            TOK_IN_LIST(c, n + 1, generic) ||
            TOK_IN(c, n + 1, "company", "companies", "limited", "ltd", "corporation", "group", "bank", "academy",
                   "house", "club", "sacco", "ranch", "cooperative", "union", "association", "society"))
            return 0;
    }
    if (raw_starts_at(c, n)) /* a name of any dictionary or of the gazetteer */
        return 0;
    /* after "in", "at", "near" a place is meant ("in Nyeri Sunday night") */
    if (r->tb > 0 && TOK_IN(c, r->tb - 1, "in", "at", "near", "outside", "around", "into",
                                          "across", "within", "towards"))
        return 0;
    if (TOK_IN_LIST(c, n, generic) || TOK_IN_LIST(c, n + 1, generic))
        return 0; /* "Chuka Igambangombe constituency" */
    return 1;
}

/* A place name in capitals amid ordinary words ("BEIRUT A Daesh
 * counterattack...", "MOSCOW (Sputnik) -") is the dateline, where the report
 * was filed, not where anything happened: no place mention. In a headline
 * set all in capitals its neighbours are capitals too, and it stays. */
static int dateline(const coder *c, const rawmatch *r)
{
    for (uint32_t k = r->tb; k < r->te; k++)
        if (c->t.toks[k].kind == SR_TOK_WORD && !(c->t.toks[k].flags & SR_TF_ALLCAPS))
            return 0;
    if (c->t.toks[r->tb].e - c->t.toks[r->tb].s < 3)
        return 0;
    /* where datelines stand: opening a sentence or line, after a date
     * ("Oct 04 2017 BEIRUT"), or after an agency's short name ("AFP") */
    const sr__tok *p = r->tb > 0 ? &c->t.toks[r->tb - 1] : NULL;
    const sr__tok *f = &c->t.toks[r->tb];
    int opens = !p || (f->flags & (SR_TF_SSTART | SR_TF_NEWLINE)) || p->kind == SR_TOK_NUM ||
                (p->kind == SR_TOK_WORD && (p->flags & SR_TF_ALLCAPS) && p->e - p->s <= 4);
    if (!opens)
        return 0;
    /* and ordinary words after it ("BEIRUT A Daesh...", "MOSCOW (Sputnik) -"),
     * not a headline's capitals */
    for (uint32_t k = r->te; k < c->t.ntoks && k - r->te < 3; k++)
        if (c->t.toks[k].kind == SR_TOK_WORD && c->t.toks[k].e - c->t.toks[k].s > 1) /* not "A" */
            return !(c->t.toks[k].flags & SR_TF_ALLCAPS);
    return 0;
}

/* A short word written in capitals amid ordinary words is an acronym ("NYS",
 * "KRA", "PAME"), not a place, unless sitrep's own rows list it ("KPK",
 * "UP"); in a headline set all in capitals it may still be one. */
static int acronym_plausible(const coder *c, const rawmatch *r, const sr__gzname *nm)
{
    const sr__tok *k0 = &c->t.toks[r->tb];
    if (r->te - r->tb != 1 || !(k0->flags & SR_TF_ALLCAPS) || k0->e - k0->s > 6)
        return 1;
    for (uint32_t k = r->tb; k-- > 0 && r->tb - k <= 2;)
        if (c->t.toks[k].kind == SR_TOK_WORD) {
            if ((c->t.toks[k].flags & SR_TF_ALLCAPS) && c->t.toks[k].e - c->t.toks[k].s > 1)
                return 1;
            break;
        }
    for (uint32_t k = r->te; k < c->t.ntoks && k - r->te < 2; k++)
        if (c->t.toks[k].kind == SR_TOK_WORD) {
            if ((c->t.toks[k].flags & SR_TF_ALLCAPS) && c->t.toks[k].e - c->t.toks[k].s > 1)
                return 1;
            break;
        }
    for (uint32_t i = 0; i < nm->count; i++)
        if (sr__gaz_place(c->ctx->gaz, sr__gaz_list(c->ctx->gaz, nm->first + i))->own)
            return 1;
    return 0;
}

/* Words after a name that make it the name of an institution ("Egerton
 * University", "Byblos Bank"): such bodies are named after people and far
 * places. */
static const char *const institution_words[] = {
    "university", "college", "hotel", "estate", "school", "academy", "mall", "house", "stadium", "mosque",
    "church", "company", "club", "funeral", "ranch", "ranching", "sacco", "bank", "airways", "airlines",
    "institute", "polytechnic", "cinema", "restaurant", "supermarket", NULL};

/* Are the dictionary matches starting at token n all one-word names of
 * small towns only (under 20,000, none of sitrep's own)? Such a word after a
 * town is more likely the second word of a village the gazetteer lacks
 * ("Khutir Vilny, Luhansk") than a place of its own. */
static int small_towns_at(const coder *c, uint32_t n)
{
    const sr__gaz *g = c->ctx->gaz;
    int any = 0;
    if (TOK_IN_LIST(c, n, institution_words))
        return 0;
    for (size_t k = 0; k < c->nraw; k++) {
        const rawmatch *r = &c->raw[k];
        if (r->tb != n)
            continue;
        if (SR_LX_TABLE(r->id) != SR_LX_PLACE || r->te != n + 1)
            return 0;
        const sr__gzname *nm = sr__gaz_name(g, SR_LX_ROW(r->id));
        for (uint32_t i = 0; i < nm->count; i++) {
            const sr__gzplace *p = sr__gaz_place(g, sr__gaz_list(g, nm->first + i));
            if (p->kind != SR_GZ_CITY || p->pop >= 20000 || p->own)
                return 0;
        }
        any = 1;
    }
    return any;
}

/* Is r (part of) the name of a town's neighbourhood: "Colonia Primero de
 * Mayo", "Colonia Arboledas de los Naranjos", "Residencial Los Lagos",
 * "Barrio San Jose"? Such names repeat towns far away; the town they belong
 * to is named beside them. */
static int neighbourhood_name(const coder *c, const rawmatch *r)
{
    static const char *const quarter[] = {"colonia", "col", "barrio", "fraccionamiento", "residencial",
                                          "urbanizacion", "urbanización", NULL};
    static const char *const particle[] = {"de", "del", "la", "las", "los", "el", "y", NULL};
    if (TOK_IN_LIST(c, r->tb, quarter) && r->te - r->tb >= 2 && !tok_is(c, r->tb + 1, "del"))
        return 1; /* "Colonia del Sacramento" is a town */
    uint32_t k = r->tb;
    for (int n = 0; k > 0 && n < 6; n++) {
        k--;
        const sr__tok *t = &c->t.toks[k];
        if (t->kind == SR_TOK_PUNCT && tok_is(c, k, "."))
            continue; /* "Col. San Rafael" */
        if (t->kind != SR_TOK_WORD)
            return 0;
        if (TOK_IN_LIST(c, k, quarter))
            return (t->flags & SR_TF_CAP) != 0;
        if (!(t->flags & SR_TF_CAP) && !TOK_IN_LIST(c, k, particle))
            return 0;
    }
    return 0;
}

/* Is the one-word place r only the first word of a longer name the
 * gazetteer lacks ("in Tal Baydar", "near Bila Kamianka")? So it is when the
 * next word is capitalised, in no dictionary and no generic word, and the
 * place is a town under 100,000 that nothing else in the text fixes. */
static int prefix_of_unknown(const coder *c, const rawmatch *r)
{
    uint32_t n = r->te;
    if (n + 1 >= c->t.ntoks || r->te - r->tb != 1)
        return 0;
    /* "Tall al Ahmar al Gharbi": a lower-case article inside the name */
    const sr__tok *k0 = &c->t.toks[n];
    uint32_t m = n + (n + 2 < c->t.ntoks && k0->e - k0->s == 2 && c->t.norm[k0->s + 1] == 'l' &&
                      !(k0->flags & SR_TF_CAP) && TOK_IN(c, n, "al", "el"));
    const sr__tok *k = &c->t.toks[m];
    if (k->kind != SR_TOK_WORD || !(k->flags & SR_TF_CAP) || (k->flags & (SR_TF_SSTART | SR_TF_ALLCAPS)) ||
        (c->t.toks[r->tb].flags & SR_TF_ALLCAPS) || (k->flags & SR_TF_NEWLINE) || c->ti[m].w ||
        TOK_IN_LIST(c, m, generic))
        return 0;
    /* "Tal Baydar in", "Bila Kamianka," but not "Kisumu Boys High School" */
    if (c->t.toks[m + 1].kind == SR_TOK_WORD && (c->t.toks[m + 1].flags & SR_TF_CAP))
        return 0;
    const sr__gaz *g = c->ctx->gaz;
    const sr__gzname *nm = sr__gaz_name(g, SR_LX_ROW(r->id));
    for (uint32_t i = 0; i < nm->count; i++) {
        const sr__gzplace *p = sr__gaz_place(g, sr__gaz_list(g, nm->first + i));
        if (p->kind != SR_GZ_CITY || p->pop >= 100000)
            return 0;
    }
    return !raw_starts_at(c, n) || small_towns_at(c, n);
}

/* A place name that is also a common word ("Mark", "Bar", "Hit") counts as a
 * place only after a locative word ("in Hit", "the town of Bar"). */
/* Does the name r name a people rather than a town: a name before "clan",
 * "tribe", "ethnic group", also in a pair ("Orma ethnic group", "Jimo and
 * Agoro clans", "the Garre sub-clan")? Clans and peoples share their names
 * with far-away villages. A name that is also an admin unit stays a place
 * ("Turkana tribesmen" may still be in Turkana). */
static int people_name(const coder *c, uint32_t te, const sr__gzname *nm)
{
    static const char *const folk[] = {"clan", "clans", "sub-clan", "subclan", "tribe", "tribes", "tribesmen",
                                       "ethnic", "clansmen", NULL};
    uint32_t k = te;
    if (k + 1 < c->t.ntoks && TOK_IN(c, k, "and", "&") &&
        (c->t.toks[k + 1].flags & SR_TF_CAP))
        k += 2; /* "Jimo and Agoro clans" */
    if (k >= c->t.ntoks || !TOK_IN_LIST(c, k, folk))
        return 0;
    const sr__gaz *g = c->ctx->gaz;
    for (uint32_t i = 0; i < nm->count; i++)
        if (sr__gaz_place(g, sr__gaz_list(g, nm->first + i))->kind != SR_GZ_CITY)
            return 0;
    return 1;
}

/* Is token k a country's name with the possessive "s" and no apostrophe
 * ("Kenyas Lamu region"), as hurried notes write it? */
static int country_possessive(const coder *c, uint32_t k)
{
    const sr__tok *t = &c->t.toks[k];
    size_t n = t->e - t->s;
    const char *w = c->t.norm + t->s;
    if (n < 4 || w[n - 1] != 's')
        return 0;
    for (size_t i = 0; i < c->lx->ncountries; i++) {
        const char *nm = c->lx->countries[i].name;
        if (strlen(nm) == n - 1 && !strncasecmp(nm, w, n - 1))
            return 1;
    }
    return 0;
}

static int place_plausible(const coder *c, const rawmatch *r)
{
    const sr__gzname *nm = sr__gaz_name(c->ctx->gaz, SR_LX_ROW(r->id));
    if (r->te - r->tb == 1 && r->tb > 0) {
        /* one word inside a longer capitalised name is not a place of its own:
         * "Nelson Mandela Bay" is not Mandela in Lazio, "Jair Bolsonaro" no
         * village; "Southern Idlib" still is Idlib */
        const sr__tok *p = &c->t.toks[r->tb - 1];
        if (p->kind == SR_TOK_WORD && (p->flags & SR_TF_CAP) && !(p->flags & (SR_TF_SSTART | SR_TF_ALLCAPS)) &&
            !TOK_IN(c, r->tb - 1, "northern", "southern", "eastern", "western", "north",
                                  "south", "east", "west", "central", "greater", "upper",
                                  "lower", "rural", "northwestern", "northeastern",
                                  "southwestern", "southeastern") &&
            !TOK_IN_LIST(c, r->tb - 1, locatives) && /* "23 January: In Kajiado" */
            !country_possessive(c, r->tb - 1))
            return 0;
        /* a word places and institutions are called by, after a capitalised
         * word, names a building or body ("District Hall", "City Council",
         * "Town Square"), not a town of that name ("Hall" in Tyrol) */
        if (p->kind == SR_TOK_WORD && (p->flags & SR_TF_CAP) && !(p->flags & SR_TF_SSTART) &&
            TOK_IN_LIST(c, r->tb, generic) && !TOK_IN(c, r->tb - 1, "in", "at", "near", "outside", "from", "to"))
            return 0;
    }
    if (r->te - r->tb == 1 && person_name_after(c, r))
        return 0;
    if (dateline(c, r))
        return 0;
    if (prefix_of_unknown(c, r))
        return 0;
    if (neighbourhood_name(c, r))
        return 0;
    if (!acronym_plausible(c, r, nm))
        return 0;
    if (!(nm->flags & SR_GZ_NAME_COMMON))
        return 1;
    /* a common word opening a longer capitalised name is no place even
     * after a locative: "in Bat Galim Square", "in Mark Lane" */
    if (r->te < c->t.ntoks && c->t.toks[r->te].kind == SR_TOK_WORD && (c->t.toks[r->te].flags & SR_TF_CAP) &&
        !TOK_IN(c, r->te, "district", "province", "county", "city", "town", "governorate", "region", "state",
                "village", "municipality"))
        return 0;
    /* "(Hays, Al Hudaydah)": the first name of a parenthesis of units
     * opened after a place is a district, whatever English word it is */
    if (r->tb > 0 && TOK_IN(c, r->tb - 1, "(") && r->te + 1 < c->t.ntoks && TOK_IN(c, r->te, ",") &&
        (c->t.toks[r->te + 1].flags & SR_TF_CAP))
        return 1;
    return r->tb > 0 && TOK_IN_LIST(c, r->tb - 1, locatives);
}

/* "twenty-three" → 23; 0 when the word is not a hyphenated number. */
static int compound_number(const char *w, size_t n)
{
    static const char *const tens[] = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
    static const char *const ones[] = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
    const char *dash = memchr(w, '-', n);
    if (!dash)
        return 0;
    size_t a = (size_t)(dash - w), b = n - a - 1;
    for (int t = 0; t < 8; t++) {
        if (strlen(tens[t]) != a || memcmp(w, tens[t], a))
            continue;
        for (int o = 0; o < 9; o++)
            if (strlen(ones[o]) == b && !memcmp(dash + 1, ones[o], b))
                return (t + 2) * 10 + o + 1;
    }
    return 0;
}

/* Can a compound number ("twenty-one") start with letter ch? The first
 * letters of the tens. */
static int tens_initial(char ch) { return ch == 't' || ch == 'f' || ch == 's' || ch == 'e' || ch == 'n'; }

static int build_mentions(coder *c)
{
    size_t nt = c->t.ntoks;
    if (sr__grow((void **)&c->ti, &c->capti, nt, sizeof *c->ti))
        return SR_ENOMEM;
    /* best entity/trigger/quant per start token: longest, then priority */
    if (sr__grow((void **)&c->best, &c->capbest, 3 * nt + 2, sizeof *c->best))
        return SR_ENOMEM;
    int *best_ent = c->best, *best_trig = c->best + (nt + 1), *best_q = c->best + 2 * (nt + 1);
    size_t nw = nt / 64 + 1;
    if (sr__grow((void **)&c->starts, &c->capstarts, TB_N * nw, sizeof *c->starts))
        return SR_ENOMEM;
    memset(c->starts, 0, TB_N * nw * sizeof *c->starts);
    uint64_t *tstart = c->starts + TB_TRIG * nw, *fstart = c->starts + TB_FIG * nw, *cuts = c->starts + TB_CUT * nw,
             *cover = c->starts + TB_COVER * nw, *cuestart = c->starts + TB_CUE * nw,
             *visit = c->starts + TB_VISIT * nw;
    /* one pass sets each token's annotation (zero but its word flags) and
     * best slots, rather than a memset of the annotations and two walks */
    for (size_t i = 0; i < nt; i++) {
        const sr__tok *k = &c->t.toks[i];
        c->ti[i] = (tokinfo){.w = k->kind != SR_TOK_WORD || k->e - k->s > 20 ? 0
                                  : c->vocab ? c->vocab->flags[c->vid[i]]
                                             : word_flags(c->t.norm + k->s, k->e - k->s)};
        if (k->kind == SR_TOK_PUNCT || (c->ti[i].w & W_WHILE))
            TB_SET(cuts, i);
        /* (a compound number is 9 to 13 bytes, its dash right after the
         * tens: "forty-", "twenty-", "seventy-"; the cheap tests first) */
        const char *w = c->t.norm + k->s;
        if (k->kind == SR_TOK_NUM || (k->kind == SR_TOK_WORD && k->e - k->s - 9 <= 4 && tens_initial(w[0]) &&
                                      (w[5] == '-' || w[6] == '-' || w[7] == '-')))
            TB_SET(visit, i);
        best_ent[i] = best_trig[i] = best_q[i] = -1;
    }
    c->ti[nt] = (tokinfo){0};
    best_ent[nt] = best_trig[nt] = best_q[nt] = -1;
    for (size_t k = 0; k < c->nraw; k++) {
        rawmatch *r = &c->raw[k];
        int table = SR_LX_TABLE(r->id);
        uint32_t row = SR_LX_ROW(r->id);
        if (table == SR_LX_CUE) {
            int id = c->lx->cues[row].id;
            if (id == CUE_SOURCE) {
                /* sources are entities too, so "Syrian Observatory" is not a country */
                goto as_entity;
            }
            if (id >= 0) {
                c->ti[r->tb].cue_start |= 1u << id;
                TB_SET(cuestart, r->tb);
                for (uint32_t i = r->tb; i < r->te; i++)
                    c->ti[i].cue |= 1u << id;
            }
            continue;
        }
    as_entity:;
        int type = table == SR_LX_CUE ? MT_SOURCE : ent_type(table);
        int *slot = NULL;
        if (type != MT_NONE)
            slot = &best_ent[r->tb];
        else if (table == SR_LX_TRIGGER)
            slot = &best_trig[r->tb];
        else if (table == SR_LX_QUANT)
            slot = &best_q[r->tb];
        if (!slot)
            continue;
        if (type == MT_PLACE && (!looks_proper(c, r->tb, r->te) || !place_plausible(c, r)))
            continue;
        if (type == MT_COUNTRY && r->te < nt &&
            TOK_IN(c, r->te, "dollar", "dollars", "currency"))
            continue; /* "the US dollar" names a currency, not a place */
        if (type == MT_AGENT && named_after_known_as(c, r->tb))
            continue; /* "a gang known as 'Military'": the quoted word is the gang's name */
        if (type == MT_ACTOR || type == MT_COUNTRY) {
            /* short all-caps acronyms ("IS", "US") must be written in capitals */
            const sr__tok *k0 = &c->t.toks[r->tb];
            if (r->te - r->tb == 1 && k0->e - k0->s <= 3 && !(k0->flags & SR_TF_ALLCAPS) &&
                !(k0->flags & SR_TF_CAP))
                continue;
            if (r->te - r->tb == 1 && k0->e - k0->s == 2 && !(k0->flags & SR_TF_ALLCAPS))
                continue;
        }
        if (*slot < 0) {
            *slot = (int)k;
            TB_SET(visit, r->tb);
            continue;
        }
        rawmatch *o = &c->raw[*slot];
        uint32_t len = r->te - r->tb, olen = o->te - o->tb;
        int otype = SR_LX_TABLE(o->id) == SR_LX_CUE ? MT_SOURCE : ent_type(SR_LX_TABLE(o->id));
        /* ("Detonation: ...", "Arrests: ...": a label word that opens a note
         * before its colon wins over the same word in an ordinary row; not
         * "Movement of forces:", whose ordinary row gives the sides the
         * dev file agrees with) */
        if (len > olen || (len == olen && ent_prio(type) > ent_prio(otype)) ||
            (len == olen && table == SR_LX_TRIGGER && (c->lx->triggers[row].bits & SR__TRIG_LABEL) &&
             c->lx->triggers[row].cid != TC_CHANGE && tok_is(c, r->te, ":")))
            *slot = (int)k;
    }
    /* choose non-overlapping, leftmost-longest per layer */
    uint32_t reach_e = 0, reach_t = 0, reach_q = 0;
    for (uint32_t i = next_start(visit, 0, (uint32_t)nt); i < nt; i = next_start(visit, i + 1, (uint32_t)nt)) {
        if (best_ent[i] >= 0 && i >= reach_e) {
            rawmatch *r = &c->raw[best_ent[i]];
            int table = SR_LX_TABLE(r->id);
            mention m = {table == SR_LX_CUE ? MT_SOURCE : ent_type(table), r->tb, r->te,
                         SR_LX_ROW(r->id), UINT32_MAX};
            if (add_mention(c, m))
                goto oom;
            for (uint32_t k = r->tb; k < r->te; k++)
                c->ti[k].ent = (int)c->nmen;
            reach_e = r->te;
        }
        if (best_trig[i] >= 0 && i >= reach_t &&
            !(c->lx->triggers[SR_LX_ROW(c->raw[best_trig[i]].id)].cid != TC_PROTEST && covered_story(c, i)) &&
            /* (a label word, "other", "recruitment", is a trigger only before a colon) */
            (!(c->lx->triggers[SR_LX_ROW(c->raw[best_trig[i]].id)].bits & SR__TRIG_LABEL) ||
             tok_is(c, c->raw[best_trig[i]].te, ":")) &&
            !violent_without_noun(c, &c->raw[best_trig[i]])) {
            rawmatch *r = &c->raw[best_trig[i]];
            if (add_mention(c, (mention){MT_TRIGGER, r->tb, r->te, SR_LX_ROW(r->id), 0}))
                goto oom;
            for (uint32_t k = r->tb; k < r->te; k++) {
                c->ti[k].trig = (int)c->nmen;
                TB_SET(cover, k);
            }
            TB_SET(tstart, r->tb);
            reach_t = r->te;
        }
        if (best_q[i] >= 0 && i >= reach_q) {
            rawmatch *r = &c->raw[best_q[i]];
            if (add_mention(c, (mention){MT_QUANT, r->tb, r->te, SR_LX_ROW(r->id), 0}))
                goto oom;
            for (uint32_t k = r->tb; k < r->te; k++)
                c->ti[k].quant = (int)c->nmen;
            if (STREQ(c->lx->quants[SR_LX_ROW(r->id)].kind, "number"))
                TB_SET(fstart, r->tb);
            reach_q = r->te;
        }
        /* a compound number ("forty-five") */
        const char *w = c->t.norm + c->t.toks[i].s;
        if (c->t.toks[i].kind == SR_TOK_WORD && c->t.toks[i].e - c->t.toks[i].s - 9 <= 4 && tens_initial(w[0]) &&
            (w[5] == '-' || w[6] == '-' || w[7] == '-')) {
            int v = compound_number(c->t.norm + c->t.toks[i].s, c->t.toks[i].e - c->t.toks[i].s);
            if (v > 0) {
                if (add_mention(c, (mention){MT_NUM, i, i + 1, (uint32_t)v, 0}))
                    goto oom;
                c->ti[i].num = (int)c->nmen;
                TB_SET(fstart, i);
            }
        }
        if (c->t.toks[i].kind == SR_TOK_NUM) {
            const sr__tok *k = &c->t.toks[i];
            long v = 0;
            int ok = 1;
            for (uint32_t b = k->s; b < k->e; b++) {
                char ch = c->t.norm[b];
                if (ch == ',')
                    continue;
                if (ch == '.') { /* a decimal: not a count of people */
                    ok = 0;
                    break;
                }
                if (ch < '0' || ch > '9' || v > 10000000) {
                    ok = 0;
                    break;
                }
                v = v * 10 + (ch - '0');
            }
            if (ok && v <= 1000000) {
                if (add_mention(c, (mention){MT_NUM, i, i + 1, (uint32_t)v, 0}))
                    goto oom;
                c->ti[i].num = (int)c->nmen;
                TB_SET(fstart, i);
            }
        }
    }
    return 0;
oom:
    return SR_ENOMEM;
}

/* Date expressions per sentence, mapped onto tokens. */
/* What the date scanner's lexer would make of token i (sr__date_scan_toks):
 * a plain word's class comes with its number, and a plain word without one
 * is no keyword (vocab_new numbers them all); SR__DC_UNSURE for a token with
 * other bytes, one that starts with a digit, or one glued to a byte >= 0x80,
 * which the scanner lexes itself. */
static inline uint8_t date_class(const coder *c, uint32_t i)
{
    const sr__tok *k = &c->t.toks[i];
    if (k->kind == SR_TOK_PUNCT) {
        unsigned char b = (unsigned char)c->t.norm[k->s];
        return k->e - k->s == 1 && b < 0x80 && b > ' ' ? SR__DC_PUNCT : SR__DC_UNSURE;
    }
    /* (not glued to a byte >= 0x80, which the scanner reads as a letter; a
     * word that starts with a digit, "9th", is a number and more to it) */
    const unsigned char *u = (const unsigned char *)c->t.norm;
    if (!(k->flags & SR_TF_PLAIN) || u[k->e] >= 0x80)
        return SR__DC_UNSURE;
    if (k->kind == SR_TOK_NUM)
        return SR__DC_NUM;
    if ((unsigned)u[k->s] - '0' < 10u)
        return SR__DC_UNSURE;
    return c->vid[i] ? c->vocab->dcls[c->vid[i]] : SR__DC_NONE;
}

#define DATE_TOKS 256 /* a longer sentence is scanned without its tokens' classes */

static int scan_dates(coder *c)
{
    if (!c->has_pub)
        return 0;
    sr__date_hit hits[32];
    for (size_t s = 0; s < c->t.nsents; s++) {
        const sr__sent *se = &c->t.sents[s];
        if (se->tb >= se->te)
            continue;
        int trig = 0; /* only sentences that can report an event need their dates, */
        for (uint32_t i = se->tb; i < se->te && !trig; i++)
            trig = c->ti[i].trig != 0 || (c->ti[i].cue_start & (1u << CUE_KILL | 1u << CUE_ZERO));
        if (!trig && s + 1 < c->t.nsents) { /* or lend them to the next ("On 9 May, police raided X. A shoot-out broke out.") */
            const sr__sent *nx = &c->t.sents[s + 1];
            for (uint32_t i = nx->tb; i < nx->te && !trig; i++)
                trig = c->ti[i].trig != 0;
        }
        if (!trig)
            continue;
        uint32_t b = c->t.toks[se->tb].s, e = c->t.toks[se->te - 1].e;
        int n;
        if (c->vocab && c->vocab->dates && se->te - se->tb <= DATE_TOKS) {
            uint8_t tc[DATE_TOKS];
            for (uint32_t i = se->tb; i < se->te; i++)
                tc[i - se->tb] = date_class(c, i);
            n = sr__date_scan_toks(c->t.norm + b, e - b, c->pub, c->t.toks + se->tb, b, tc, se->te - se->tb,
                                   hits, 32);
        } else {
            n = sr__date_scan(c->t.norm + b, e - b, c->pub, hits, 32);
        }
        for (int h = 0; h < n && h < 32; h++) {
            uint32_t hs = b + hits[h].s, he = b + hits[h].e;
            uint32_t tb = UINT32_MAX, te = 0;
            for (uint32_t i = se->tb; i < se->te; i++) {
                const sr__tok *k = &c->t.toks[i];
                if (k->s >= he)
                    break; /* tokens are in text order: none further on overlaps */
                if (k->e > hs) {
                    if (tb == UINT32_MAX)
                        tb = i;
                    te = i + 1;
                }
            }
            if (tb == UINT32_MAX)
                continue;
            if (sr__grow((void **)&c->dh, &c->capdh, c->ndh, sizeof *c->dh))
                return SR_ENOMEM;
            c->dh[c->ndh++] = (dhit){tb, te, hits[h]};
            for (uint32_t i = tb; i < te; i++)
                c->ti[i].date = (int)c->ndh;
        }
    }
    return 0;
}

/* ---- chunks ------------------------------------------------------------- */
static const mention *ent_at(const coder *c, uint32_t i)
{
    if (i >= c->t.ntoks || !c->ti[i].ent)
        return NULL;
    return &c->men[c->ti[i].ent - 1];
}

/* Index of the first mention starting at or after token i (c->men is in token
 * order), so that a rule can visit the mentions of a range, not its tokens. */
static size_t men_from(const coder *c, uint32_t i)
{
    return i <= c->t.ntoks ? c->menfrom[i] : c->nmen;
}

/* The place mentions starting in tokens [a, b), in token order: the first
 * (NULL if none) and the one after m. Place rules run for every clause and
 * every candidate, so they walk the mention list, not the tokens. */
static const mention *places_next_at(const coder *c, size_t k, uint32_t b)
{
    /* (mentions are in token order, so the first place from k is the one;
     * doc_country may since have unmade some places: those are skipped) */
    for (; k < c->nmen; k++) {
        k = c->nextplace[k];
        if (k >= c->nmen || c->men[k].tb >= b)
            return NULL;
        if (c->men[k].type == MT_PLACE)
            return &c->men[k];
    }
    return NULL;
}

/* The indexes behind men_from and places_next_at, once the mentions are
 * built: the rules ask for them for every clause and candidate. */
static int index_mentions(coder *c)
{
    size_t nt = c->t.ntoks;
    if (sr__grow((void **)&c->menfrom, &c->capmenfrom, nt, sizeof *c->menfrom) ||
        sr__grow((void **)&c->nextplace, &c->capnextplace, c->nmen, sizeof *c->nextplace))
        return SR_ENOMEM;
    /* (filled run by run, mention after mention: a token-by-token walk that
     * tests the next mention at every token mispredicts its way through) */
    size_t i = 0;
    for (size_t k = 0; k < c->nmen; k++)
        for (uint32_t tb = c->men[k].tb; i <= tb && i <= nt; i++)
            c->menfrom[i] = (uint32_t)k;
    for (; i <= nt; i++)
        c->menfrom[i] = (uint32_t)c->nmen;
    uint32_t next = (uint32_t)c->nmen;
    c->nextplace[c->nmen] = next;
    for (size_t j = c->nmen; j-- > 0;) {
        if (c->men[j].type == MT_PLACE && ent_at(c, c->men[j].tb) == &c->men[j])
            next = (uint32_t)j;
        c->nextplace[j] = next;
    }
    return 0;
}

static const mention *places_from(const coder *c, uint32_t a, uint32_t b) { return places_next_at(c, men_from(c, a), b); }

static const mention *places_next(const coder *c, const mention *m, uint32_t b)
{
    return places_next_at(c, (size_t)(m - c->men) + 1, b);
}

/* Words allowed between the parts of one actor phrase. */
static int is_modifier(const coder *c, uint32_t i) { return i < c->t.ntoks && (c->ti[i].w & W_MOD); }

static int prep_before(const coder *c, uint32_t tb, uint32_t limit)
{
    /* skip articles, numbers and modifiers back to a preposition */
    uint32_t i = tb;
    int steps = 0;
    while (i > limit && steps < 6) {
        i--;
        steps++;
        if (c->ti[i].quant)
            continue; /* "at least 9 members": the hedge is not a preposition */
        uint32_t w = c->ti[i].w;
        if ((w & W_BY) || has_cue(c, i, CUE_AGENT))
            return 'b';
        if (w & W_TGT)
            return 't';
        if ((w & W_OF) && i > limit && (c->ti[i - 1].num || c->ti[i - 1].quant || (c->ti[i - 1].w & W_GROUP)))
            continue; /* "dozens of soldiers", "two groups of villagers", "members of the BCL" */
        if (w & W_FROM)
            return 'f';
        if (w & W_IN)
            return 'i';
        if (w & W_WITH)
            return 'w';
        if (c->ti[i].num || c->ti[i].quant || is_modifier(c, i) || tok_is(c, i, "-") || (w & W_GROUP))
            continue; /* ("by a group of sellers") */
        break;
    }
    return 0;
}

static int in_date(const coder *c, uint32_t i);

/* "a Kipsigis man", "a Nairobi trader": one capitalised word (a people or
 * a town no actor row names) between a count and the head noun of a phrase
 * qualifies the noun; the article still counts the phrase. Token k must
 * follow "a" or "an" and must not open the clause ("a mob of two dozen
 * MNREGA workers" keeps its count with the mob). */
static int proper_modifier(const coder *c, uint32_t k, uint32_t a)
{
    if (k <= a || !TOK_IN(c, k - 1, "a", "an") || c->ti[k].trig || c->ti[k].num || c->ti[k].quant)
        return 0;
    const mention *e = ent_at(c, k);
    if (e && !((e->type == MT_PLACE || e->type == MT_NONE) && e->tb == k && e->te == k + 1))
        return 0;
    const char *o = c->t.orig + c->t.toks[k].os; /* (a capital, then lower case: not an acronym, "an AL leader") */
    return c->t.toks[k].kind == SR_TOK_WORD && isupper((unsigned char)o[0]) && islower((unsigned char)o[1]) &&
           !in_date(c, k);
}

/* Collects the actor chunks of tokens [a, b). */
static size_t build_chunks(const coder *c, uint32_t a, uint32_t b, chunk *out, size_t max)
{
    size_t n = 0;
    uint32_t i = a;
    while (i < b && n < max) {
        /* the next actor, agent or country mention (entity layer) from i */
        size_t mk = men_from(c, i);
        while (mk < c->nmen && c->men[mk].tb < b &&
               !(c->men[mk].type == MT_ACTOR || c->men[mk].type == MT_AGENT || c->men[mk].type == MT_COUNTRY))
            mk++;
        if (mk >= c->nmen || c->men[mk].tb >= b)
            break;
        const mention *m = &c->men[mk];
        i = m->tb;
        chunk ch = {m->tb, m->te, -1, -1, -1, 0, 0, 0, 0, 0};
        uint32_t j = i;
        for (;;) {
            const mention *mm = ent_at(c, j);
            if (!mm || mm->tb != j)
                break;
            if (mm->type == MT_ACTOR && ch.actor < 0)
                ch.actor = (int)mm->row;
            else if (mm->type == MT_AGENT && (ch.agent < 0 || mm->tb == ch.te))
                ch.agent = (int)mm->row; /* the head noun comes last: "student demonstrators" */
            else if (mm->type == MT_COUNTRY && ch.country < 0 && ch.agent < 0 && ch.actor < 0)
                ch.country = (int)mm->row;
            else if (mm->type != MT_ACTOR && mm->type != MT_AGENT && mm->type != MT_COUNTRY)
                break;
            else if (mm->type == MT_COUNTRY && (ch.agent >= 0 || ch.actor >= 0))
                break; /* "SDF fighters in Syria" — a new phrase */
            ch.te = mm->te;
            j = mm->te;
            /* allow one modifier, a hyphen, or an apposition in brackets */
            /* ("militants (suspected TTP)": a hedge may open the brackets) */
            uint32_t jo = j + 1 < b && tok_is(c, j, "(") && is_modifier(c, j + 1) ? j + 1 : j;
            if (j < b && (tok_is(c, j, "(")) && ent_at(c, jo + 1)) {
                const mention *ap = ent_at(c, jo + 1);
                if (ap->type == MT_ACTOR && tok_is(c, ap->te, ")")) {
                    if (ch.actor < 0)
                        ch.actor = (int)ap->row;
                    ch.te = ap->te + 1;
                    j = ch.te;
                    continue;
                }
            }
            if (j < b && ent_at(c, j) && ent_at(c, j)->tb == j)
                continue;
            /* "fighters of the Islamic State", "members of al-Shabaab" */
            if (ch.actor < 0 && ch.agent >= 0 && tok_is(c, j, "of")) {
                uint32_t k2 = j + 1;
                if (tok_is(c, k2, "the"))
                    k2++;
                const mention *am = ent_at(c, k2);
                if (am && am->tb == k2 && am->type == MT_ACTOR) {
                    j = k2;
                    continue;
                }
            }
            if (j + 1 < b && (is_modifier(c, j) || tok_is(c, j, "-")) && !tok_is(c, j, "of") &&
                ent_at(c, j + 1) && ent_at(c, j + 1)->tb == j + 1) {
                j++;
                continue;
            }
            break;
        }
        if (ch.actor < 0 && ch.agent < 0 && ch.country >= 0) {
            /* a country alone is an actor only as a subject ("Turkey shelled"), not "in Syria" */
            int p = prep_before(c, ch.tb, a);
            if (p == 'i' || p == 't' || p == 'w') {
                i = ch.te;
                continue;
            }
            /* a country name alone is a place or a people, not an actor */
            i = ch.te;
            continue;
        }
        ch.prep = prep_before(c, ch.tb, a);
        uint32_t after = ch.te; /* "residents of Elwak said", "the police commander said" */
        for (int skip = 0; skip < 4 && after < b; skip++) {
            const mention *pm = ent_at(c, after);
            if (pm && pm->tb == after && pm->type == MT_PLACE)
                after = pm->te;
            else if (after < c->t.ntoks && (c->ti[after].w & W_SKIP))
                after++;
            else
                break;
        }
        ch.attrib = has_cue(c, ch.te, CUE_ATTRIB_AFTER) || has_cue(c, after, CUE_ATTRIB_AFTER) ||
                    (ch.tb > 0 && (c->ti[ch.tb - 1].cue >> CUE_ATTRIB_BEFORE & 1)) ||
                    (ch.tb > 1 && tok_is(c, ch.tb - 1, "the") && (c->ti[ch.tb - 2].cue >> CUE_ATTRIB_BEFORE & 1));
        /* "pro-Hadi forces (coded as Popular Resistance)": a coder's note on
         * the phrase before, not an actor of its own */
        if (ch.tb >= 3 && tok_is(c, ch.tb - 1, "as") && tok_is(c, ch.tb - 2, "coded") && tok_is(c, ch.tb - 3, "("))
            ch.attrib = 1;
        /* "X claimed to have clashed with Y": X claims its own act */
        uint32_t cl = has_cue(c, ch.te, CUE_ATTRIB_AFTER) ? ch.te : after;
        if (ch.attrib && TOK_IN(c, cl, "claimed", "claims", "claim") &&
            TOK_IN(c, cl + 1, "to", "responsibility"))
            ch.attrib = 0;
        /* attached number: a number (or quantity word) right before, skipping modifiers */
        uint32_t k = ch.tb;
        int steps = 0;
        while (k > a && steps < 4) {
            k--;
            steps++;
            if (c->ti[k].num || (c->ti[k].quant && STREQ(c->lx->quants[c->men[c->ti[k].quant - 1].row].kind, "number"))) {
                const mention *nm = c->ti[k].num ? &c->men[c->ti[k].num - 1] : &c->men[c->ti[k].quant - 1];
                ch.ntb = nm->tb;
                ch.nte = nm->te;
                break;
            }
            if (is_modifier(c, k) || tok_is(c, k, "-"))
                continue;
            if (steps == 1 && proper_modifier(c, k, a))
                continue;
            break;
        }
        if (n > 0 && out[n - 1].te <= ch.tb) {
            uint32_t gap = ch.tb - out[n - 1].te;
            if (ch.ntb < ch.nte)
                gap = ch.ntb - out[n - 1].te;
            uint32_t ge = ch.ntb < ch.nte ? ch.ntb : ch.tb;
            int trig_in_gap = 0;
            for (uint32_t g = out[n - 1].te; g < ge; g++)
                trig_in_gap |= c->ti[g].trig != 0;
            if (gap <= 3 && !trig_in_gap && find_cue(c, out[n - 1].te, ge, CUE_JOIN) >= 0 &&
                !tok_is(c, out[n - 1].te, ","))
                ch.conj = 1;
        }
        out[n++] = ch;
        i = ch.te;
    }
    return n;
}

/* ---- numbers ------------------------------------------------------------ */
/* Is token i part of a date the date scan found ("17 June 2016")? */
static int in_date(const coder *c, uint32_t i)
{
    size_t lo = 0, hi = c->ndh; /* date hits are in text order */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->dh[mid].te <= i)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->ndh && c->dh[lo].tb <= i && i < c->dh[lo].te;
}

/* The value of the number or quantity word at token i, with hedges before it. */
static int read_figure(const coder *c, uint32_t i, figure *f)
{
    if (in_date(c, i)) /* "Friday 17 June 2016 Civilians Killed...": a year, no toll */
        return 0;
    const sr__lexicon *lx = c->lx;
    int v = -1, lo = -1, hi = -1, best = -1;
    uint32_t tb = i, te = i + 1;
    if (c->ti[i].num) {
        const mention *m = &c->men[c->ti[i].num - 1];
        v = (int)m->row;
        lo = hi = best = v;
        te = m->te;
    } else if (c->ti[i].quant) {
        const mention *m = &c->men[c->ti[i].quant - 1];
        const sr__quant *q = &lx->quants[m->row];
        if (strcmp(q->kind, "number"))
            return 0;
        tb = m->tb;
        te = m->te;
        lo = q->low;
        best = q->best;
        hi = q->high;
        v = best;
        /* "dozens"/"hundreds": at least */
        if (q->best >= 12 && (tok_is(c, te - 1, "dozens") || tok_is(c, te - 1, "hundreds") ||
                              tok_is(c, te - 1, "thousands") || tok_is(c, te - 1, "of")))
            hi = -1;
    } else
        return 0;
    /* compound: "twenty-two" is one token; "twenty two" → add */
    /* a hedge right before */
    if (tb > 0 && c->ti[tb - 1].quant) {
        const mention *hm = &c->men[c->ti[tb - 1].quant - 1];
        const sr__quant *h = &lx->quants[hm->row];
        if (hm->te == tb) {
            if (STREQ(h->kind, "low")) {
                lo = v + h->low;
                best = v + h->best;
                hi = -1;
                tb = hm->tb;
            } else if (STREQ(h->kind, "high")) {
                lo = -1;
                best = v;
                hi = v;
                tb = hm->tb;
            } else if (STREQ(h->kind, "below")) {
                lo = -1;
                best = v - 1;
                hi = v - 1;
                tb = hm->tb;
            } else if (STREQ(h->kind, "approx")) {
                lo = -1;
                best = v;
                hi = -1;
                tb = hm->tb;
            }
        }
    }
    f->low = lo;
    f->best = best;
    f->high = hi;
    f->span = span_of(c, tb, te);
    return 1;
}

/* Does "with"/"against" follow in [i, b)? ("X and Y clashed" names two
 * sides; "X and Y clashed with Z" one side and its ally) */
static int recip_with(const coder *c, uint32_t i, uint32_t b)
{
    for (; i < b; i++)
        if (TOK_IN(c, i, "with", "against"))
            return 1;
    return 0;
}

/* A killing-class trigger that tells only of firing or wounds ("opened fire
 * on", "shot at", "a shooting", "gunshot wounds"): it names no death, so the
 * target's count ("opened fire on a convoy") is no toll. */
static int firing_only(const coder *c, const mention *m)
{
    uint32_t i = m->tb;
    for (uint32_t k = i + 1; k < m->te; k++)
        if (TOK_IN(c, k, "dead", "death", "killed"))
            return 0; /* "shooting dead", "shot and killed" */
    if (TOK_IN(c, i, "opened", "open", "opens", "fired", "fire", "fires", "shooting", "shootings",
                     "gunfire", "gunshot", "firearm", "with"))
        return 1;
    if (tok_is(c, i, "found") && m->te > i + 1 && tok_is(c, i + 1, "with"))
        return 1;
    if (tok_is(c, i, "shot"))
        return m->te == i + 1 || tok_is(c, i + 1, "at") ||
               (tok_is(c, i + 1, "and") && m->te > i + 2 && TOK_IN(c, i + 2, "injured", "wounded"));
    return 0;
}

static int is_kill_tok(const coder *c, uint32_t i)
{
    if (has_cue(c, i, CUE_KILL))
        return 1;
    if (c->ti[i].trig) {
        const mention *m = &c->men[c->ti[i].trig - 1];
        return m->tb == i && (c->lx->triggers[m->row].cid == TC_KILL) &&
               !(c->lx->triggers[m->row].bits & SR__TRIG_GAP) && !firing_only(c, m);
    }
    return 0;
}

/* Is the number at token i a year (1900-2099, four digits as written) after
 * an agency credit ("AFP 2018", "© 2017", "Copyright 2016")? Wire copy
 * pasted from web pages runs such lines into the next sentence. */
static int year_after_credit(const coder *c, uint32_t i)
{
    const sr__tok *k = &c->t.toks[i];
    if (k->kind != SR_TOK_NUM || k->e - k->s != 4 || k->oe - k->os != 4)
        return 0;
    const char *d = c->t.norm + k->s;
    if (!((d[0] == '1' && d[1] == '9') || (d[0] == '2' && d[1] == '0')))
        return 0;
    const sr__tok *p = &c->t.toks[i - 1];
    if (TOK_IN(c, i - 1, "copyright", "\xc2\xa9"))
        return 1;
    /* an agency's short name in capitals ("AFP", "SANA") and a name after the
     * year: the photographer's or the headline's ("AFP 2018 DELIL SOULEIMAN") */
    const sr__tok *n = i + 1 < c->t.ntoks ? &c->t.toks[i + 1] : NULL;
    return p->kind == SR_TOK_WORD && (p->flags & SR_TF_ALLCAPS) && p->e - p->s >= 2 && p->e - p->s <= 8 &&
           !c->ti[i - 1].ent && n && n->kind == SR_TOK_WORD && (n->flags & SR_TF_CAP);
}

/* Classifies the number at token i: 'd' dead, 'w' wounded, 0 neither. */
static int number_role(const coder *c, uint32_t i, uint32_t a, uint32_t b, const chunk *ch, size_t nch)
{
    uint32_t ne = i + 1;
    if (c->ti[i].quant)
        ne = c->men[c->ti[i].quant - 1].te;
    if (ne < b && has_cue(c, ne, CUE_UNIT))
        return 0;
    if (c->ti[i].date)
        return 0;
    if (ne < b && tok_is(c, ne, "de"))
        return 0; /* "Colonia 21 de Marzo": a name, not a count */
    if (i > a && ne == i + 1 && year_after_credit(c, i))
        return 0; /* "(c) AFP 2018 ...": the year of an agency's credit line */
    if (i > a && (tok_is(c, i - 1, "url") || (i > a + 1 && c->t.toks[i - 1].kind == SR_TOK_NUM && tok_is(c, i - 2, "url"))))
        return 0; /* "Get short URL 0 612": a web page's share counts */
    if (i > a && (tok_is(c, i - 1, "aged") || tok_is(c, i - 1, "age") || tok_is(c, i - 1, "no.") ||
                  tok_is(c, i - 1, "number") || tok_is(c, i - 1, "route") || tok_is(c, i - 1, "highway") ||
                  tok_is(c, i - 1, "km") || tok_is(c, i - 1, "of")))
        if (!(i > a + 1 && tok_is(c, i - 1, "of") && (is_kill_tok(c, i - 2))))
            return 0;
    /* "a demonstration over the death of a man", "protesting the killing of
     * two students": a death that is the grievance is no toll of this event */
    if (i > a + 3 && tok_is(c, i - 1, "of") && is_kill_tok(c, i - 2) && tok_is(c, i - 3, "the") &&
        TOK_IN(c, i - 4, "over", "against", "protesting", "protest", "condemning", "condemn", "denouncing",
                         "denounce", "mourning", "mourn", "demanding", "demand"))
        return 0;
    /* "shot by two armed men", "beaten by around 30 people": the count of an
     * agent is no toll */
    {
        uint32_t h = i;
        if (h > a && c->ti[h - 1].quant && c->men[c->ti[h - 1].quant - 1].te == h)
            h = c->men[c->ti[h - 1].quant - 1].tb;
        if (h > a && tok_is(c, h - 1, "by"))
            return 0;
    }
    /* forward: skip the actor phrase and auxiliaries up to a kill/wound word */
    int df = -1, rf = 0, dist = 0;
    for (uint32_t j = ne; j < b && j < ne + 14; j++) {
        if (is_hard_punct(c, j) && !tok_is(c, j, "\""))
            break;
        int inchunk = 0;
        for (size_t k = 0; k < nch; k++)
            if (j >= ch[k].tb && j < ch[k].te)
                inchunk = 1;
        if (has_cue(c, j, CUE_WOUND)) {
            df = dist;
            rf = 'w';
            break;
        }
        if (is_kill_tok(c, j)) {
            df = dist;
            rf = 'd';
            break;
        }
        if (c->ti[j].num && j != i)
            break;
        if (c->ti[j].trig && !inchunk) {
            /* "1 was killed and 3 abducted": the count of another act */
            const mention *m = &c->men[c->ti[j].trig - 1];
            if (dist <= 2 && m->tb == j && (c->lx->triggers[m->row].cid != TC_KILL) &&
                (c->lx->triggers[m->row].cid != TC_ATTACK)) {
                df = dist;
                rf = 0;
            }
            break;
        }
        if (!inchunk && dist <= 2 && TOK_IN(c, j, "missing", "rescued", "displaced", "unaccounted")) {
            df = dist;
            rf = 0;
            break;
        }
        if (!inchunk)
            dist++;
    }
    int db = -1, rb = 0, other_act = 0;
    dist = 0;
    uint32_t start = i;
    if (start > 0 && c->ti[start - 1].quant && c->men[c->ti[start - 1].quant - 1].te == start)
        start = c->men[c->ti[start - 1].quant - 1].tb;
    for (uint32_t j = start; j > a && dist < 4; j--) {
        uint32_t k = j - 1;
        if (is_hard_punct(c, k))
            break;
        if (has_cue(c, k, CUE_WOUND) || (c->ti[k].cue >> CUE_WOUND & 1)) {
            db = dist;
            rb = 'w';
            break;
        }
        if (is_kill_tok(c, k) || (c->ti[k].trig && c->men[c->ti[k].trig - 1].te == k + 1 &&
                                  (c->lx->triggers[c->men[c->ti[k].trig - 1].row].cid == TC_KILL) &&
                                  !(c->lx->triggers[c->men[c->ti[k].trig - 1].row].bits & SR__TRIG_GAP) &&
                                  !tok_is(c, k, "at") && !tok_is(c, k, "on"))) {
            db = dist;
            rb = 'd';
            break;
        }
        if (dist == 0 && k + 1 == start && c->ti[k].trig && ends_with(c, k, "ed") && c->men[c->ti[k].trig - 1].te == k + 1 &&
            (c->lx->triggers[c->men[c->ti[k].trig - 1].row].cid != TC_KILL) &&
            (c->lx->triggers[c->men[c->ti[k].trig - 1].row].cid != TC_ATTACK) &&
            !(c->lx->triggers[c->men[c->ti[k].trig - 1].row].bits & SR__TRIG_GAP)) {
            /* "abducted 12 villagers and killed 3", "kidnapped 900, executed
             * 18": the object of another act's verb is its count, not the
             * dead (a noun such as "an air strike more than 60 ..." is not) */
            db = dist;
            rb = 0;
            other_act = 1;
            break;
        }
        /* "killed 4 soldiers and 3 civilians": a count that opens a conjunct
         * reads past the count of the conjunct before it */
        if (c->ti[k].num && !(start > a && TOK_IN(c, start - 1, "and", ",")))
            break;
        dist++;
    }
    if (df < 0 && db < 0)
        return 0;
    if (df < 0 || (!rf && db >= 0 && db < df))
        return rb;
    if (db < 0)
        return rf;
    if (other_act && db <= df)
        return rb; /* ("kidnapped 900 Executed 18 People": the verb nearer before holds it) */
    /* "a woman was killed and two others were injured": a number that opens
     * a new conjunct is read with the verb after it */
    for (uint32_t k = start > (uint32_t)db + 1 ? start - (uint32_t)db - 1 : a; k < start; k++)
        if (tok_is(c, k, "and") || tok_is(c, k, ","))
            return rf;
    return df <= db ? rf : rb;
}

/* Does a subset word ("including", "among them", "of whom") stand in the
 * three tokens before token i (>= a)? "31 killed including two medics": the
 * two are among the 31, not more dead. */
static int subset_before(const coder *c, uint32_t i, uint32_t a)
{
    for (uint32_t k = i > a + 3 ? i - 3 : a; k < i; k++)
        if (c->ti[k].cue >> CUE_SUBSET & 1)
            return 1;
    return 0;
}

static void fig_add(figure *sum, const figure *f, int *first)
{
    if (*first) {
        *sum = *f;
        *first = 0;
        return;
    }
    sum->low = (sum->low >= 0 && f->low >= 0) ? sum->low + f->low : -1;
    sum->high = (sum->high >= 0 && f->high >= 0) ? sum->high + f->high : -1;
    sum->best = (sum->best >= 0 ? sum->best : 0) + (f->best >= 0 ? f->best : 0);
    if (f->span.start >= 0 && (sum->span.start < 0 || f->span.end > sum->span.end))
        sum->span.end = f->span.end;
}

/* The event takes the toll (best, low, high and its evidence) of another. */
static void take_toll(sr_event *to, const sr_event *from)
{
    to->fatalities = from->fatalities;
    to->fatalities_low = from->fatalities_low;
    to->fatalities_high = from->fatalities_high;
    to->ev_number = from->ev_number;
}

/* ---- naming actors ------------------------------------------------------ */
static int generic_armed(const char *a) { return a[0] == 'U' && !strncmp(a, "Unidentified Armed Group", 24); }

static void subst(char *out, size_t cap, const char *tpl, const char *country, const char *military,
                  const char *police)
{
    size_t o = 0;
    for (const char *p = tpl; *p && o + 1 < cap;) {
        const char *rep = NULL;
        size_t skip = 0;
        if (*p != '{') {
            out[o++] = *p++;
            continue;
        }
        if (!strncmp(p, "{country}", 9)) {
            rep = country;
            skip = 9;
        } else if (!strncmp(p, "{military}", 10)) {
            rep = military;
            skip = 10;
        } else if (!strncmp(p, "{police}", 8)) {
            rep = police;
            skip = 8;
        }
        if (rep) {
            size_t n = strlen(rep);
            if (o + n >= cap)
                n = cap - o - 1;
            memcpy(out + o, rep, n);
            o += n;
            p += skip;
        } else
            out[o++] = *p++;
    }
    out[o] = 0;
    /* "Islamic State ()" when no country is known: drop the empty brackets */
    char *e = strstr(out, " ()");
    if (e)
        memmove(e, e + 3, strlen(e + 3) + 1);
}

typedef struct actorname {
    char name[256];
    int inter;
    int role; /* 'c' civilian, 'a' armed, 's' state, 'p' protester, 'r' rioter, 'u' attacker of unknown kind */
    const char *home; /* ISO3 of the actor when known */
} actorname;

/* "an off-duty police officer", "a former soldier", "a soldier (off duty)":
 * a member of the forces not acting as one. */
static int off_duty(const coder *c, const chunk *ch)
{
    static const char *const before[] = {"off-duty", "former", "retired", "ex-soldier", "ex-police", NULL};
    for (uint32_t k = ch->tb > 3 ? ch->tb - 3 : 0; k < ch->te; k++)
        if (TOK_IN_LIST(c, k, before))
            return 1;
    for (uint32_t k = ch->te, any = TOK_ANY(c, "off-duty", "off"); any && k < ch->te + 8 && k < c->t.ntoks &&
                                                                     !is_hard_punct(c, k); k++)
        if (tok_is(c, k, "off-duty") || (tok_is(c, k, "off") && tok_is(c, k + 1, "duty")))
            return 1;
    return 0;
}

/* "The coalition announced a truce": the coalition named last before it in
 * the document ("the Saudi-led coalition" → Operation Restoring Hope); none
 * named, no actor (which coalition is not known). */
static __attribute__((noinline)) void coalition_named(const coder *c, const chunk *ch, const sr__country *evc,
                                                      actorname *an)
{
    const sr__lexicon *lx = c->lx;
    for (size_t k = c->nmen; k > 0; k--) {
        const mention *m = &c->men[k - 1];
        if (m->tb + 2000 < ch->tb)
            break;
        if (m->type != MT_ACTOR || m->tb >= ch->tb)
            continue;
        const sr__actor *ac = &lx->actors[m->row];
        int named = strstr(ac->acled, "Coalition") != NULL;
        for (uint32_t j = m->tb; j < m->te && !named; j++)
            named = tok_is(c, j, "coalition");
        if (!named)
            continue;
        subst(an->name, sizeof an->name, ac->acled, evc ? evc->name : "", "", "");
        an->inter = ac->inter;
        an->role = ac->inter == 1 ? 's' : 'a';
        an->home = strcmp(ac->country, "*") ? ac->country : NULL;
        return;
    }
}

static void name_chunk(const coder *c, const chunk *ch, const sr__country *evc, actorname *an)
{
    const sr__lexicon *lx = c->lx;
    memset(an, 0, sizeof *an);
    const sr__country *cc = ch->country >= 0 ? &lx->countries[ch->country] : evc;
    const char *cname = cc ? cc->name : "";
    char mil[160], pol[160];
    if (cc && *cc->military)
        scopy(mil, sizeof mil, cc->military);
    else
        cat3(mil, sizeof mil, "Military Forces of ", cname, "");
    if (cc && *cc->police)
        scopy(pol, sizeof pol, cc->police);
    else
        cat3(pol, sizeof pol, "Police Forces of ", cname, "");
    if (ch->actor >= 0 && ch->agent >= 0 && STREQ(lx->agents[ch->agent].role, "rioter") && evc) {
        /* "supporters of two rival Awami League factions" */
        cat3(an->name, sizeof an->name, "Rioters (", evc->name, ")");
        an->inter = 5;
        an->role = 'r';
        return;
    }
    if (ch->actor >= 0 && ch->agent >= 0 && STREQ(lx->agents[ch->agent].role, "protester") && evc &&
        lx->actors[ch->actor].inter >= 2 && lx->actors[ch->actor].inter <= 4) {
        /* "CORD protesters", "NASA demonstrators": a party's or a movement's
         * demonstrators are protesters (the head noun), not the group itself */
        cat3(an->name, sizeof an->name, "Protesters (", evc->name, ")");
        an->inter = 6;
        an->role = 'p';
        return;
    }
    if (ch->actor >= 0) {
        const sr__actor *a = &lx->actors[ch->actor];
        subst(an->name, sizeof an->name, a->acled, evc ? evc->name : "", mil, pol);
        an->inter = a->inter;
        an->role = a->inter == 7 ? 'c' : a->inter == 6 ? 'p' : a->inter == 5 ? 'r' : a->inter == 1 ? 's' : 'a';
        an->home = strcmp(a->country, "*") ? a->country : NULL;
        return;
    }
    if (ch->agent >= 0 && STREQ(lx->agents[ch->agent].acled, "{coalition}")) {
        coalition_named(c, ch, evc, an);
        return;
    }
    if (ch->agent >= 0 && STREQ(lx->agents[ch->agent].acled, "{previous}")) {
        /* "the attackers": a named non-state actor of the last event coded … */
        for (size_t k = c->ncands; k > 0 && c->ncands - k < 16; k--) {
            const cand *pc = &c->cands[k - 1];
            const char *nm = pc->ev.inter1 >= 2 && pc->ev.inter1 <= 4 && !generic_armed(pc->actor1) ? pc->actor1
                             : pc->ev.inter2 >= 2 && pc->ev.inter2 <= 4 && !generic_armed(pc->actor2) ? pc->actor2
                                                                                                     : NULL;
            if (nm && *nm) {
                scopy(an->name, sizeof an->name, nm);
                an->inter = nm == pc->actor1 ? pc->ev.inter1 : pc->ev.inter2;
                an->role = 'a';
                return;
            }
        }
        /* … else the last named non-state actor before it in the document */
        for (size_t k = c->nmen; k > 0; k--) {
            const mention *m = &c->men[k - 1];
            if (m->tb + 2000 < ch->tb)
                break; /* only a recent mention */
            if (m->type != MT_ACTOR || m->tb >= ch->tb)
                continue;
            const sr__actor *a = &lx->actors[m->row];
            if (a->inter < 2 || a->inter > 4)
                continue;
            subst(an->name, sizeof an->name, a->acled, evc ? evc->name : "", mil, pol);
            an->inter = a->inter;
            an->role = 'a';
            an->home = strcmp(a->country, "*") ? a->country : NULL;
            return;
        }
        if (evc) { /* nobody named before: an unidentified group */
            cat3(an->name, sizeof an->name, "Unidentified Armed Group (", evc->name, ")");
            an->inter = 3;
            an->role = 'a';
        }
        return;
    }
    if (ch->agent >= 0) {
        const sr__agent *g = &lx->agents[ch->agent];
        an->inter = g->inter;
        if (!*cname && strchr(g->acled, '{')) {
            /* no country known: no name ("Civilians ()" would be a guess), but
             * the kind of actor still decides the event type */
            an->role = STREQ(g->role, "civilian") ? 'c' : STREQ(g->role, "state") ? 's'
                       : STREQ(g->role, "protester") ? 'p' : STREQ(g->role, "rioter") ? 'r'
                       : STREQ(g->role, "unknown") ? 'u' : 'a';
            return;
        }
        subst(an->name, sizeof an->name, g->acled, evc ? evc->name : cname, mil, pol);
        if (STREQ(g->role, "civilian"))
            an->role = 'c';
        else if (STREQ(g->role, "state"))
            an->role = 's';
        else if (STREQ(g->role, "protester"))
            an->role = 'p';
        else if (STREQ(g->role, "rioter"))
            an->role = 'r';
        else if (STREQ(g->role, "unknown"))
            an->role = 'u'; /* "assailants": an attacker not known to be armed */
        else
            an->role = 'a';
        if (an->role == 's' && off_duty(c, ch) && (evc || *cname)) {
            /* an off-duty or former soldier is a civilian to ACLED */
            cat3(an->name, sizeof an->name, "Civilians (", evc ? evc->name : cname, ")");
            an->inter = 7;
            an->role = 'c';
            an->home = NULL;
            return;
        }
        if (an->role == 's' && cc && evc && cc != evc)
            an->inter = 8; /* foreign state forces */
        an->home = cc ? cc->iso3 : NULL;
        return;
    }
    if (ch->country >= 0) {
        scopy(an->name, sizeof an->name, mil);
        an->inter = (evc && cc != evc) ? 8 : 1;
        an->role = 's';
        an->home = cc->iso3;
    }
}

/* A country as a party to an agreement ("Russia and Turkey signed a
 * ceasefire", "signed a deal with the United States") is its government:
 * ACLED names it "Government of X" with the period of X's state forces. */
static void gov_name(const sr__country *cc, const sr__country *evc, actorname *an)
{
    static const char pre[] = "Military Forces of ";
    const char *mil = cc->military;
    if (!strncmp(mil, pre, sizeof pre - 1))
        cat3(an->name, sizeof an->name, "Government of ", mil + sizeof pre - 1, "");
    else
        cat3(an->name, sizeof an->name, "Government of ", cc->name, "");
    an->inter = evc && cc != evc ? 8 : 1;
    an->role = 's';
    an->home = cc->iso3;
}

/* The countries of clause [a, b) that are parties to the agreement whose
 * trigger starts at trig: bare country names before it as its subject (not
 * "in Syria", not "Syria's Idlib", not "Turkish troops"), and one after
 * "with" following it, as government actors in p1 and p2 (at: their first
 * tokens). Returns how many were found. */
static int agreement_parties(const coder *c, uint32_t a, uint32_t b, uint32_t trig, const sr__country *evc,
                             actorname *p1, actorname *p2, uint32_t at[2])
{
    const sr__lexicon *lx = c->lx;
    int n = 0;
    for (size_t k = men_from(c, a); k < c->nmen && c->men[k].tb < b && n < 2; k++) {
        const mention *m = &c->men[k];
        if (m->type != MT_COUNTRY || ent_at(c, m->tb) != m)
            continue;
        if (tok_is(c, m->te, "'s") || tok_is(c, m->te, "'") || (ent_at(c, m->te) && ent_at(c, m->te)->tb == m->te))
            continue; /* "Syria's Idlib", "Turkish troops" */
        int p = prep_before(c, m->tb, a);
        if (m->tb < trig ? p != 0 : p != 'w')
            continue;
        uint32_t q = m->tb > a && tok_is(c, m->tb - 1, "the") ? m->tb - 1 : m->tb;
        if (m->tb < trig && q > a && !tok_is(c, q - 1, "and") && !tok_is(c, q - 1, ","))
            continue; /* a subject opens the clause or follows "and" */
        gov_name(&lx->countries[m->row], evc, n ? p2 : p1);
        at[n] = m->tb;
        n++;
    }
    return n;
}

/* ---- event types -------------------------------------------------------- */
static const char *event_type_of(const char *sub)
{
    static const struct {
        const char *sub, *type;
    } map[] = {
        {"Armed clash", "Battles"},
        {"Government regains territory", "Battles"},
        {"Non-state actor overtakes territory", "Battles"},
        {"Chemical weapon", "Explosions/Remote violence"},
        {"Air/drone strike", "Explosions/Remote violence"},
        {"Suicide bomb", "Explosions/Remote violence"},
        {"Shelling/artillery/missile attack", "Explosions/Remote violence"},
        {"Remote explosive/landmine/IED", "Explosions/Remote violence"},
        {"Grenade", "Explosions/Remote violence"},
        {"Sexual violence", "Violence against civilians"},
        {"Attack", "Violence against civilians"},
        {"Abduction/forced disappearance", "Violence against civilians"},
        {"Peaceful protest", "Protests"},
        {"Protest with intervention", "Protests"},
        {"Excessive force against protesters", "Protests"},
        {"Violent demonstration", "Riots"},
        {"Mob violence", "Riots"},
        {"Agreement", "Strategic developments"},
        {"Arrests", "Strategic developments"},
        {"Change to group/activity", "Strategic developments"},
        {"Disrupted weapons use", "Strategic developments"},
        {"Headquarters or base established", "Strategic developments"},
        {"Looting/property destruction", "Strategic developments"},
        {"Non-violent transfer of territory", "Strategic developments"},
        {"Other", "Strategic developments"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (map[i].sub[0] == sub[0] && !strcmp(map[i].sub, sub))
            return map[i].type;
    return "";
}

/* Class precedence when one clause holds several triggers: the most specific wins. */
static int class_rank(int cls)
{
    static const uint8_t order[] = {TC_DEFUSE, TC_SUICIDE, TC_CHEMICAL, TC_AIR, TC_SHELL, TC_REMOTE, TC_GRENADE,
                                    TC_WITHDRAW, TC_CAPTURE, TC_SEXUAL, TC_ABDUCT, TC_MOB, TC_RIOT,
                                    TC_PROTEST, TC_ARREST, TC_AGREEMENT, TC_HQ, TC_CHANGE,
                                    TC_CLASH, TC_KILL, TC_ATTACK, TC_LOOT, TC_OTHER};
    for (int i = 0; i < (int)sizeof order; i++)
        if (order[i] == cls)
            return i;
    return 99;
}


/* ---- one clause → at most one candidate event -------------------------- */
static int is_aux(const coder *c, uint32_t i)
{
    /* "IS" the group is not "is" the verb */
    return i < c->t.ntoks && !c->ti[i].ent && (c->ti[i].w & W_AUX);
}

/* The place of src (name, admin units, point, precision, evidence) onto dst. */
static void copy_place(cand *dst, const cand *src)
{
    memcpy(dst->location, src->location, sizeof dst->location);
    memcpy(dst->admin1, src->admin1, sizeof dst->admin1);
    memcpy(dst->admin1_acled, src->admin1_acled, sizeof dst->admin1_acled);
    memcpy(dst->admin2, src->admin2, sizeof dst->admin2);
    dst->ev.geonames_id = src->ev.geonames_id;
    dst->ev.latitude = src->ev.latitude;
    dst->ev.longitude = src->ev.longitude;
    dst->ev.geo_precision = src->ev.geo_precision;
    dst->ev.ev_place = src->ev.ev_place;
}

/* sr__place_resolve's answers, remembered in the context's cache (direct-
 * mapped by a hash of the question): the winner depends only on the name
 * and the context (country, units named nearby, province wanted), and the
 * same few places come back in document after document, each scoring every
 * same-named place of the gazetteer. */
#define RESMEMO_SLOTS 4096
struct resmemo {
    uint32_t name; /* + 1: 0 empty */
    char iso3[4];
    int32_t want_admin, nadmin1;
    uint32_t admin1[4];
    int n;        /* sr__place_resolve's answer, */
    uint32_t win; /* and the winning place */
};

/* The place a mention names: the one its neighbours fixed, else the best by context. */
static int resolve(const coder *c, const mention *m, const sr__placectx *pc, sr__where *w)
{
    const sr__gaz *g = c->ctx->gaz;
    if (m->alt != UINT32_MAX) {
        sr__place_where(g, m->alt, w);
        return 1;
    }
    struct sr__codecache *cc = c->ctx->cc;
    size_t il = pc->iso3 ? strlen(pc->iso3) : 0;
    if (!cc || pc->nadmin1 > 4 || pc->nadmin1 < 0 || il > 3)
        return sr__place_resolve(g, m->row, pc, w, NULL, 0);
    if (!cc->resolved && !(cc->resolved = calloc(RESMEMO_SLOTS, sizeof *cc->resolved)))
        return sr__place_resolve(g, m->row, pc, w, NULL, 0);
    struct resmemo q = {.name = m->row + 1, .want_admin = pc->want_admin, .nadmin1 = pc->nadmin1};
    memcpy(q.iso3, pc->iso3 ? pc->iso3 : "", il);
    uint32_t h = m->row * 0x9e3779b1u ^ (uint32_t)pc->want_admin * 0x85ebca6bu;
    for (size_t k = 0; k < il; k++)
        h = (h ^ (unsigned char)q.iso3[k]) * 16777619u;
    for (int k = 0; k < pc->nadmin1; k++) {
        q.admin1[k] = pc->admin1[k];
        h = (h ^ pc->admin1[k]) * 16777619u;
    }
    struct resmemo *e = &cc->resolved[(h ^ h >> 16) & (RESMEMO_SLOTS - 1)];
    if (e->name == q.name && !memcmp(e->iso3, q.iso3, sizeof q.iso3) && e->want_admin == q.want_admin &&
        e->nadmin1 == q.nadmin1 && !memcmp(e->admin1, q.admin1, sizeof q.admin1)) {
        if (e->n)
            sr__place_where(g, e->win, w);
        return e->n;
    }
    q.n = sr__place_resolve(g, m->row, pc, w, NULL, 0);
    q.win = q.n ? w->place : SR_GZ_NONE;
    *e = q;
    return q.n;
}

/* "on Murree road in Rawalpindi": m names a road, which runs far from the
 * town it is named after. */
static int road_name(const coder *c, const mention *m)
{
    return TOK_IN(c, m->te, "road", "street", "avenue");
}

/* "Tijuana, Baja California", "Santa Rosa, Laguna", "Tafas in Dar'a province":
 * a town named within a few words before an admin1 or admin2 unit that
 * contains one of its namesakes is that namesake, and the unit is that unit,
 * whatever the country elsewhere in the text. Fixes both mentions (mention.alt). */
static void coherent_places(coder *c)
{
    const sr__gaz *g = c->ctx->gaz;
    for (size_t i = 0; i < c->nmen; i++) {
        mention *m1 = &c->men[i];
        if (m1->type != MT_PLACE || m1->alt != UINT32_MAX || road_name(c, m1))
            continue; /* "Murree road in Rawalpindi" is no town of Rawalpindi */
        const sr__gzname *n1 = sr__gaz_name(g, m1->row);
        for (size_t j = i + 1; j < c->nmen && c->men[j].tb <= m1->te + 6; j++) {
            mention *m2 = &c->men[j];
            if (m2->type != MT_PLACE || m2->row == m1->row)
                continue; /* "Hyderabad (Hyderabad, Sindh)": a name says nothing of itself */
            const sr__gzname *n2 = sr__gaz_name(g, m2->row);
            uint32_t bp = UINT32_MAX, bu = UINT32_MAX, bpop = 0;
            int bown = 0;
            for (uint32_t b = 0; b < n2->count; b++) {
                uint32_t ui = sr__gaz_list(g, n2->first + b);
                const sr__gzplace *u = sr__gaz_place(g, ui);
                if ((u->kind != SR_GZ_ADMIN1 && u->kind != SR_GZ_ADMIN2) || u->admin1 == SR_GZ_NONE)
                    continue;
                for (uint32_t a = 0; a < n1->count; a++) {
                    uint32_t pi = sr__gaz_list(g, n1->first + a);
                    const sr__gzplace *p = sr__gaz_place(g, pi);
                    if (u->kind == SR_GZ_ADMIN2 && (p->admin2 != u->admin2 || pi == ui || p->kind == SR_GZ_ADMIN2))
                        continue; /* "Santa Rosa, Laguna": Laguna is the town's admin2 unit */
                    /* the town before its admin2 unit, then the largest; a
                     * town of unknown size ("Maungdaw, Rakhine": an own row)
                     * still before a unit of no known size; of two of the
                     * same size, sitrep's own row ("Kadikoy, Istanbul" is the
                     * city's district, not a village of the province) */
                    uint32_t rank = p->kind == SR_GZ_ADMIN2 ? p->pop / 64 : p->pop + 1;
                    if (p->kind == SR_GZ_CITY && !strcmp(p->fcode, "PPLA2"))
                        /* the seat of a unit of its own name stands for the
                         * unit ("El Salto, Jalisco": the municipality's
                         * seat, not a village of El Salto a little larger) */
                        for (uint32_t q = 0; q < n1->count; q++) {
                            const sr__gzplace *o = sr__gaz_place(g, sr__gaz_list(g, n1->first + q));
                            if (o->kind == SR_GZ_ADMIN2 && o->admin2 == p->admin2 && o->admin1 == p->admin1 &&
                                o->pop + 1 > rank)
                                rank = o->pop + 1;
                        }
                    if (p->kind != SR_GZ_ADMIN1 && p->admin1 == u->admin1 &&
                        (bp == UINT32_MAX || rank > bpop || (rank == bpop && p->own && !bown))) {
                        bp = pi;
                        bu = ui;
                        bpop = rank;
                        bown = p->own;
                    }
                }
            }
            if (bp != UINT32_MAX) {
                m1->alt = bp;
                if (m2->alt == UINT32_MAX)
                    m2->alt = bu;
                break;
            }
        }
    }
}

/* Is m the name of a national capital abroad (not of the document's
 * country) with no locative word before it ("Washington blames...")? Then it
 * names a government, not the admin1 unit of that name (the state of
 * Washington). */
static int capital_name(const coder *c, const mention *m)
{
    if (m->alt != UINT32_MAX ||
        (m->tb > 0 && (TOK_IN_LIST(c, m->tb - 1, locatives) || TOK_IN(c, m->tb - 1, ",", "("))))
        return 0; /* "in Moscow", "Abu Salim (Tripoli)", "Caura, Sucre municipality" */
    const sr__gzname *nm = sr__gaz_name(c->ctx->gaz, m->row);
    for (uint32_t i = 0; i < nm->count; i++) {
        const sr__gzplace *p = sr__gaz_place(c->ctx->gaz, sr__gaz_list(c->ctx->gaz, nm->first + i));
        if (!strcmp(p->fcode, "PPLC") && !(c->doc_iso3 && !strcmp(p->iso3, c->doc_iso3)))
            return 1; /* a capital abroad: at home it may well be the place */
    }
    return 0;
}

/* The admin1 units named in tokens [a, b) (at most max), as the context that
 * places a town named next to them ("Tafas in Dar'a"). */
static int admin1_named(coder *c, uint32_t a, uint32_t b, const char *iso, uint32_t *out, int max,
                        const mention *skip)
{
    int n = 0;
    for (const mention *m = places_from(c, a, b); m && n < max; m = places_next(c, m, b)) {
        if (m == skip)
            continue;
        /* every clause asks again about the same mentions, with and without
         * a country in turn: remember both answers */
        struct unitmemo *u = &c->unitmemo[((size_t)(m - c->men) * 2 + (iso != NULL)) & 127];
        if (u->m != m || u->iso != iso || u->gen != c->gen) {
            sr__placectx pc = {iso, NULL, 0, 1};
            sr__where w;
            u->m = m;
            u->iso = iso;
            u->gen = c->gen;
            u->unit = resolve(c, m, &pc, &w) && w.kind == SR_GZ_ADMIN1 && w.admin1_ix != UINT32_MAX &&
                              (!iso || !strcmp(w.iso3, iso)) && !capital_name(c, m)
                          ? w.admin1_ix
                          : UINT32_MAX;
        }
        if (u->unit != UINT32_MAX)
            out[n++] = u->unit;
    }
    return n;
}

/* Does the text around place mention m speak of a province ("Homs province",
 * "the governorate of Idlib")? */
/* Does m close a parenthesis of place names, "Goniri (Gujiba LGA, Borno)",
 * "Qaniyah (As Sawdiyah, Al Bayda)", "Sidi Bouafif (Hoceima)"? Such a list
 * runs from the smaller unit to the larger, so its last name is more likely
 * a province than a town of that name. */
static int closes_place_list(const coder *c, const mention *m)
{
    if (m->te >= c->t.ntoks || !tok_is(c, m->te, ")"))
        return 0;
    for (uint32_t k = m->tb; k-- > 0 && k + 10 > m->tb;) {
        if (tok_is(c, k, "("))
            return k > 0;
        if (!tok_is(c, k, ",") && !tok_is(c, k, "-") && c->t.toks[k].kind != SR_TOK_WORD)
            return 0;
    }
    return 0;
}

static int wants_admin(coder *c, const mention *m)
{
    uint32_t lo = m->tb > 3 ? m->tb - 3 : 0;
    if ((find_cue(c, lo, m->tb, CUE_PLACE) >= 0 || find_cue(c, m->te, m->te + 2, CUE_PLACE) >= 0) &&
        TOK_ANY(c, "province", "governorate", "provinces", "county", "state", "region", "governorates", "division"))
        for (uint32_t k = lo; k < m->te + 2 && k < c->t.ntoks; k++)
            if (TOK_IN(c, k, "province", "governorate", "provinces", "county",
                             "state", "region", "governorates", "division"))
                return 1;
    return 0;
}

/* Is token i "SMM" or "Monitoring Mission" of a mission named with the
 * word "Special" or the OSCE ("the OSCE SMM", "Special Monitoring Mission")?
 * Its reports are of fire along a front line. */
static int front_mission(const coder *c, uint32_t sb, uint32_t i)
{
    for (uint32_t k = i > sb + 3 ? i - 3 : sb; k < i; k++)
        if (tok_is(c, k, "osce") || tok_is(c, k, "special"))
            return 1;
    return 0;
}

/* Do tokens [sb, se) of a sentence speak of a front line ("frontline", "the
 * contact line", "line of contact", the OSCE SMM)? */
static int front_words(const coder *c, uint32_t sb, uint32_t se)
{
    if (!TOK_ANY(c, "frontline", "front-line", "line", "smm", "monitoring"))
        return 0;
    for (uint32_t i = sb; i < se; i++) {
        char c0 = c->t.norm[c->t.toks[i].s]; /* most tokens fail here */
        if (c0 != 'f' && c0 != 'l' && c0 != 's' && c0 != 'm')
            continue;
        if (tok_is(c, i, "frontline") || tok_is(c, i, "front-line") ||
            (tok_is(c, i, "line") && i > sb && TOK_IN(c, i - 1, "contact", "front")) ||
            (tok_is(c, i, "line") && tok_is(c, i + 1, "of") && tok_is(c, i + 2, "contact")) ||
            /* a ceasefire monitoring mission reports from the front */
            ((tok_is(c, i, "smm") || (tok_is(c, i, "monitoring") && tok_is(c, i + 1, "mission"))) &&
             front_mission(c, sb, i)))
            return 1;
    }
    return 0;
}

/* Does any sentence of the document speak of a front line? Once per document. */
static int front_doc(coder *c)
{
    if (!c->front_doc) {
        c->front_doc = 1;
        for (size_t s = 0; s < c->t.nsents && c->front_doc == 1; s++)
            if (front_words(c, c->t.sents[s].tb, c->t.sents[s].te))
                c->front_doc = 2;
    }
    return c->front_doc == 2;
}

/* The admin1 units a sentence that speaks of "the frontline" or "the contact
 * line" means: those of the places.tsv regions listing "frontline" as a name
 * ("Donetsk frontline", "Luhansk frontline"), so that a village near the
 * front is its namesake there, not one far behind it. Once per sentence. */
static int front_units(coder *c, uint32_t *out)
{
    if (c->front_sb != c->sb + 1) {
        c->front_sb = c->sb + 1;
        c->nfront = 0;
        int front = front_words(c, c->sb, c->se);
        long at = front ? sr__gaz_lookup(c->ctx->gaz, "frontline", 9) : -1;
        if (at >= 0) {
            const sr__gzname *nm = sr__gaz_name(c->ctx->gaz, (uint32_t)at);
            for (uint32_t k = 0; k < nm->count && c->nfront < 4; k++) {
                const sr__gzplace *p = sr__gaz_place(c->ctx->gaz, sr__gaz_list(c->ctx->gaz, nm->first + k));
                if (p->kind == SR_GZ_REGION && p->admin1 != SR_GZ_NONE)
                    c->front[c->nfront++] = p->admin1;
            }
        }
    }
    memcpy(out, c->front, (size_t)c->nfront * sizeof *out);
    return c->nfront;
}

/* The places.tsv front region ("Luhansk frontline") of admin1 unit u listed
 * first, or SR_GZ_NONE when no front runs through it. The front regions are
 * looked up once per document. */
static uint32_t front_region(coder *c, uint32_t u)
{
    if (!c->front_listed) {
        c->front_listed = 1;
        struct sr__codecache *cc = c->ctx->cc;
        if (cc && cc->front_listed) { /* (the gazetteer is the context's: the same for every document) */
            c->nfront_pl = cc->nfront_pl;
            memcpy(c->front_pl, cc->front_pl, sizeof c->front_pl);
        } else {
            long at = sr__gaz_lookup(c->ctx->gaz, "frontline", 9);
            const sr__gzname *nm = at >= 0 ? sr__gaz_name(c->ctx->gaz, (uint32_t)at) : NULL;
            for (uint32_t k = 0; nm && k < nm->count && c->nfront_pl < 4; k++) {
                uint32_t pl = sr__gaz_list(c->ctx->gaz, nm->first + k);
                const sr__gzplace *p = sr__gaz_place(c->ctx->gaz, pl);
                if (p->kind == SR_GZ_REGION && p->admin1 != SR_GZ_NONE)
                    c->front_pl[c->nfront_pl++] = pl;
            }
            if (cc) {
                cc->front_listed = 1;
                cc->nfront_pl = c->nfront_pl;
                memcpy(cc->front_pl, c->front_pl, sizeof cc->front_pl);
            }
        }
    }
    for (int k = 0; k < c->nfront_pl; k++)
        if (sr__gaz_place(c->ctx->gaz, c->front_pl[k])->admin1 == u)
            return c->front_pl[k];
    return SR_GZ_NONE;
}

/* Does a front region (places.tsv, "Luhansk frontline") lie in country iso?
 * fill_place reads front_units' answer only for units of the country in
 * context or of the place found: elsewhere the sentence's walk for front
 * words is skipped. */
static int front_country(coder *c, const char *iso)
{
    if (!c->front_listed)
        front_region(c, SR_GZ_NONE); /* (lists the front regions, once per document) */
    for (int k = 0; k < c->nfront_pl; k++) {
        const sr__gzadmin1 *u = sr__gaz_admin1(c->ctx->gaz, sr__gaz_place(c->ctx->gaz, c->front_pl[k])->admin1);
        if (u && u->iso3[0] == iso[0] && !strcmp(u->iso3, iso))
            return 1;
    }
    return 0;
}

/* Should the event at w (mention m) in a front unit take the front region's
 * point? In a report on a front, the unit named alone or after a village the
 * gazetteer lacks ("near Novozvanivka, Luhansk": the oblast, not its capital
 * behind the line), a village known by no point, and a small town whose only
 * namesake lies far behind the line all stand for a village on the front. */
static int on_front(const coder *c, const mention *m, const sr__where *w, const sr__gzplace *f)
{
    if (isnan(w->lat) || w->kind == SR_GZ_ADMIN1)
        return 1;
    if (w->kind != SR_GZ_CITY)
        return 0;
    if (m->tb >= 2 && tok_is(c, m->tb - 1, ",") && !ent_at(c, m->tb - 2) &&
        c->t.toks[m->tb - 2].kind == SR_TOK_WORD && (c->t.toks[m->tb - 2].flags & SR_TF_CAP) &&
        !strcasecmp(w->name, w->admin1_acled))
        return 1; /* "Novozvanivka, Luhansk": the unit after a village no list has */
    if (w->pop >= 20000 || m->alt != UINT32_MAX)
        return 0;
    /* farther than 50 km from every stretch of the front the unit has */
    const double deg = 111.2; /* km per degree of latitude */
    for (int k = 0; k < c->nfront_pl; k++) {
        const sr__gzplace *p = sr__gaz_place(c->ctx->gaz, c->front_pl[k]);
        if (p->admin1 != f->admin1)
            continue;
        double dy = (p->lat - w->lat) * deg, dx = (p->lon - w->lon) * deg * cos(w->lat * M_PI / 180);
        if (dx * dx + dy * dy <= 50.0 * 50.0)
            return 0;
    }
    return 1;
}

/* "Washington blames...", "backed by Moscow": a national capital named
 * without a locative word before it ("in", "near", "outside"...) stands for
 * its government. Asked only of capitals abroad (w is m's resolution). */
static int capital_as_government(const coder *c, const mention *m, const sr__where *w)
{
    return !strcmp(sr__gaz_place(c->ctx->gaz, w->place)->fcode, "PPLC") && !(m->tb > 0 && TOK_IN_LIST(c, m->tb - 1, locatives));
}

/* A large city abroad is named by its own name ("Moscow", "Beirut"), is very
 * large, or is one of sitrep's own rows; a GeoNames variant of a smaller
 * one's name ("Castello" for Castello de la Plana, Spain; "Bat" for Bath) in
 * a report on another country is more likely a local place the gazetteer
 * lacks ("the Castello Road" in Aleppo, "Bat Galim Square" in Haifa). */
static int known_abroad(const coder *c, const mention *m, const sr__where *w)
{
    /* sitrep's own rows list the spellings news use ("Idleb", "al-Hasakeh") */
    if (w->kind != SR_GZ_CITY || w->pop >= 1000000 || sr__gaz_place(c->ctx->gaz, w->place)->own)
        return 1;
    const char *said = sr__gaz_str(c->ctx->gaz, sr__gaz_name(c->ctx->gaz, m->row)->text);
    size_t n;
    char *own = sr__norm_phrase(w->name, strlen(w->name), &n);
    int same = own && strlen(said) == n && !memcmp(said, own, n);
    free(own);
    return same;
}

/* Does the place name row also name, by its own name, an admin1
 * unit of the country iso ("Lamu", "Garissa", "Mandera": a county and its
 * seat)? Such a town speaks for its unit, and so for its country, as firmly
 * as a large city does. Asked of smaller towns that are no national
 * capital (a capital also stands for its government). */
static int names_unit(const coder *c, uint32_t row, const char *iso)
{
    const sr__gaz *g = c->ctx->gaz;
    const sr__gzname *nm = sr__gaz_name(g, row);
    int unit = 0;
    for (uint32_t i = 0; i < nm->count; i++) {
        const sr__gzplace *p = sr__gaz_place(g, sr__gaz_list(g, nm->first + i));
        if (strcmp(p->iso3, iso))
            continue;
        if (!strcmp(p->fcode, "PPLC") || (p->kind == SR_GZ_CITY && p->pop >= 100000))
            return 0; /* a large city is judged by its size, as before */
        unit |= p->kind == SR_GZ_ADMIN1 && !sr__gaz_list_alt(g, nm->first + i);
    }
    return unit;
}

/* "On 29 April 2020, in Puno city, citizens staged ... stuck in Lima": a
 * place in a locative phrase set off by commas at the head of the clause
 * ([a, b)) sets the scene, so a later place outside its admin1 is elsewhere
 * and the scene is where the clause happens. A later place inside it says
 * more ("In Kisumu, youths demonstrated in Kondele"). */
static int fronted_place(const coder *c, const mention *m, uint32_t a, uint32_t b, const char *ciso)
{
    if (m->tb < a + 1)
        return 0;
    uint32_t p = m->tb - 1; /* the preposition: opens the clause or follows a comma */
    if (tok_is(c, p, ",")) {
        /* "On 27 April, in Nyaung Pin Zay ward, Mrauk-U town, Mrauk-U
         * Township, ...": a chain of names from the smallest to the largest,
         * whose first known place sets the scene */
        uint32_t k = p, lim = p > a + 12 ? p - 12 : a;
        while (k > lim && !TOK_IN(c, k, "in", "at")) {
            k--;
            if (ent_at(c, k) && ent_at(c, k)->type == MT_PLACE)
                return 0;
            if (!tok_is(c, k, ",") && !(c->t.toks[k].flags & SR_TF_CAP) &&
                !TOK_IN(c, k, "in", "at", "ward", "town", "village", "township", "district", "area"))
                return 0;
        }
        if (!TOK_IN(c, k, "in", "at"))
            return 0;
        p = k;
    }
    if (!TOK_IN(c, p, "in", "at"))
        return 0;
    if (p > a && !tok_is(c, p - 1, ",")) {
        /* or closes a locative phrase that does: "On 6 May, behind the
         * presidential palace in Caracas, residents ..." */
        uint32_t k = p - 1, lim = p > a + 10 ? p - 10 : a;
        while (k > lim && !tok_is(c, k, ","))
            k--;
        uint32_t h = tok_is(c, k, ",") ? k + 1 : k;
        if (h >= p || (h > a && !tok_is(c, h - 1, ",")) ||
            !TOK_IN(c, h, "behind", "outside", "opposite", "inside", "near", "in", "at"))
            return 0;
        for (uint32_t q = h + 1; q < p; q++) {
            const mention *o = ent_at(c, q);
            if (tok_is(c, q, ",") || c->ti[q].trig)
                return 0;
            /* "near Chautipan and San Vicente villages in Chilpancingo,":
             * villages of the town say more (not "the Miraflores palace") */
            if (o && o->type == MT_PLACE && o->tb == q &&
                TOK_IN(c, o->te, "and", "or", "in", "village", "villages", "town", "towns", "area"))
                return 0;
        }
    }
    uint32_t e = m->te;
    if (TOK_IN(c, e, "city", "town", "village", "district", "township"))
        e++;
    if (tok_is(c, e, "(")) /* "In Panama City (Bella Vista), ...": its part or unit */
        for (uint32_t k = e + 1; k < b && k < e + 8; k++)
            if (tok_is(c, k, ")")) {
                e = k + 1;
                break;
            }
    if (!tok_is(c, e, ","))
        return 0;
    sr__placectx pc = {ciso, NULL, 0, 0};
    sr__where wf, wo;
    if (!resolve(c, m, &pc, &wf) || wf.admin1_ix == UINT32_MAX)
        return 0;
    for (const mention *o = places_from(c, m->te, b); o; o = places_next(c, o, b))
        if (resolve(c, o, &pc, &wo) && wo.admin1_ix == wf.admin1_ix && wo.kind != SR_GZ_ADMIN1 &&
            !(wo.kind == SR_GZ_ADMIN2 && !strcmp(wo.admin2, wf.admin2)))
            return 0; /* "in Maungdaw, Rakhine State, ...": the units it lies in say less */
    return 1;
}

static int weak_place(const coder *c, const mention *m);

/* "Hundreds in Nairobi's Eastleigh protest against Mogadishu truck bombing":
 * a place before a word for an attack, after "against", "over",
 * "condemning" or "denouncing", names the event protested, which happened
 * elsewhere; any other place of the range comes first. */
static int protested_event(const coder *c, const mention *m)
{
    uint32_t b = m->tb;
    if (b > 0 && tok_is(c, b - 1, "the"))
        b--;
    if (b == 0 || !TOK_IN(c, b - 1, "against", "over", "condemning", "denouncing", "condemn", "denounce"))
        return 0;
    for (uint32_t k = m->te; k < m->te + 2 && k < c->t.ntoks; k++)
        if (TOK_IN(c, k, "bombing", "bombings", "attack", "attacks", "killing", "killings", "massacre", "blast",
                   "shooting", "shootings", "explosion", "raid", "raids", "crackdown", "airstrike", "airstrikes"))
            return 1;
    return 0;
}

/* Does a list of capitalised names from token k on close on a plural word
 * for parts of a city ("Cachambi, Andarai, Meier and Alemao Complex
 * neighborhoods")? Then every name of it is such a part. */
static int quarter_list(const coder *c, uint32_t k)
{
    for (uint32_t lim = k + 24; k < lim && k < c->se; k++) {
        if (TOK_IN(c, k, "neighborhoods", "neighbourhoods", "suburbs", "favelas", "quarters"))
            return 1;
        if (!TOK_IN(c, k, ",", "and") && !(c->t.toks[k].kind == SR_TOK_WORD && (c->t.toks[k].flags & SR_TF_CAP)))
            return 0;
    }
    return 0;
}

/* Does the place w lie within km of the seat of some admin1 unit of the
 * country iso (a place known by name only: its unit's seat)? Bands cross
 * into neighbouring countries, not to the other side of the world. */
static int near_country(const coder *c, const sr__where *w, const char *iso, double km)
{
    const sr__gaz *g = c->ctx->gaz;
    double lat = w->lat, lon = w->lon;
    if (isnan(lat) && w->admin1_ix != UINT32_MAX) {
        const sr__gzplace *u = sr__gaz_place(g, sr__gaz_admin1(g, w->admin1_ix)->place);
        lat = u->lat;
        lon = u->lon;
    }
    if (isnan(lat))
        return 0;
    const double deg = 111.2; /* km per degree of latitude */
    double cl = cos(lat * M_PI / 180);
    const sr__gzadmin1 *a;
    for (uint32_t i = 0; (a = sr__gaz_admin1(g, i)) != NULL; i++) {
        if (memcmp(a->iso3, iso, 4))
            continue;
        const sr__gzplace *p = sr__gaz_place(g, a->place);
        double dy = (p->lat - lat) * deg, dx = (p->lon - lon) * deg * cl;
        if (!isnan(dy) && dx * dx + dy * dy <= km * km)
            return 1;
    }
    return 0;
}

/* The admin1 unit of country iso whose seat lies within km of w's point,
 * the nearest, or SR_GZ_NONE. */
static uint32_t unit_near(coder *c, const sr__where *w, const char *iso, double km)
{
    /* asked again for every clause and every sentence looked back over */
    struct nearmemo *nmo = &c->nearmemo[w->place & 7];
    if (nmo->place == w->place + 1 && nmo->iso == iso && nmo->gen == c->gen)
        return nmo->unit;
    nmo->place = w->place + 1;
    nmo->iso = iso;
    nmo->gen = c->gen;
    nmo->unit = SR_GZ_NONE;
    const sr__gaz *g = c->ctx->gaz;
    struct sr__codecache *cc = c->ctx->cc;
    if (!cc)
        return SR_GZ_NONE;
    if (!cc->units_by_iso) { /* every unit by country, once per context */
        cc->units_by_iso = sr__gaz_admin1_by_country(g, &cc->nunits_by_iso);
        if (!cc->units_by_iso)
            return SR_GZ_NONE;
    }
    size_t lo = 0, hi = cc->nunits_by_iso; /* the first unit of the country */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (memcmp(sr__gaz_admin1(g, cc->units_by_iso[mid])->iso3, iso, 4) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    const double deg = 111.2; /* km per degree of latitude */
    double cl = cos(w->lat * M_PI / 180), bestd = km * km;
    uint32_t best = SR_GZ_NONE;
    for (size_t k = lo; k < cc->nunits_by_iso; k++) {
        uint32_t i = cc->units_by_iso[k];
        const sr__gzadmin1 *a = sr__gaz_admin1(g, i);
        if (memcmp(a->iso3, iso, 4))
            break;
        const sr__gzplace *p = sr__gaz_place(g, a->place);
        double dy = (p->lat - w->lat) * deg, dx = (p->lon - w->lon) * deg * cl;
        if (!isnan(dy) && dx * dx + dy * dy <= bestd) {
            bestd = dx * dx + dy * dy;
            best = i;
        }
    }
    return nmo->unit = best;
}

/* May place mention m, which lies abroad (w) when the document's country is
 * known only from the names of countries, peoples and actors, stand in for
 * the place of the event when the range names no place in that country?
 * "Al-Shabaab gunmen attacked a police post in Fino": the group is Somali,
 * the village Kenyan. Not when places, country cues or the outlet settled
 * the country, nor for weak, common-word or foreign-variant names, capitals
 * standing for governments, or in a sentence about a front line (its own
 * rules place missing villages). */
static int fallback_ok(coder *c, const mention *m, const sr__where *w, const char *ciso)
{
    uint32_t fu[4];
    if (c->doc_firm || !ciso || ciso != c->doc_iso3 || m->alt != UINT32_MAX)
        return 0;
    /* the text named the place's country too and chose the other */
    for (int k = 0; k < c->nnamed_c; k++)
        if (!strcmp(c->named[k], w->iso3))
            return 0;
    /* "rockets launched from the Gaza Strip": where they came from */
    if (m->tb > 0 && (tok_is(c, m->tb - 1, "from") || (m->tb > 1 && tok_is(c, m->tb - 1, "the") &&
                                                       tok_is(c, m->tb - 2, "from"))))
        return 0;
    /* "Ali Salimayn Ahmed", "Tullow Oil": the first word of a longer name */
    if (m->te < c->t.ntoks && c->t.toks[m->te].kind == SR_TOK_WORD && (c->t.toks[m->te].flags & SR_TF_CAP) &&
        !TOK_IN_LIST(c, m->te, institution_words) &&
        !TOK_IN(c, m->te, "camp", "refugee", "town", "village", "county", "district", "island", "area", "market",
                "estate", "location", "ward", "division"))
        return 0;
    if (sr__gaz_name(c->ctx->gaz, m->row)->flags & SR_GZ_NAME_COMMON)
        return 0;
    if (weak_place(c, m) || !known_abroad(c, m, w) || capital_as_government(c, m, w))
        return 0;
    return front_units(c, fu) == 0 && near_country(c, w, ciso, 1000);
}

static int has_namesake_in(const coder *c, const mention *m, const char *iso);

static void fill_place(coder *c, cand *cd, uint32_t a, uint32_t b, uint32_t trig_tb, const char **iso)
{
    /* the place nearest the trigger in [a, b), preferring those after it; in a
     * country the context names, a namesake abroad is no candidate unless it is
     * a large city ("Bara in Syria's Idlib province" is not Bara in Sudan) */
    const char *ciso = *iso ? *iso : c->doc_iso3;
    uint32_t units[12];
    int nunits = 0;
    const mention *best = NULL, *fallback = NULL, *border = NULL;
    sr__where w, fbw, bw;
    uint32_t bunit = SR_GZ_NONE;
    sr__placectx pc = {ciso, units, 0, 0};
    long lastd = -1;
    int nnamed = 0; /* units[0..nnamed) named in the sentence (the rest: front regions) */
    /* a town fixed by the unit named after it ("in Celaya, Guanajuato, ...")
     * comes before the other places of the range */
    int fixed_only = 0;
    for (const mention *m = places_from(c, a, b); m && !fixed_only; m = places_next(c, m, b))
        fixed_only = m->alt != UINT32_MAX;
    for (;;) {
        const mention *next = NULL;
        long bestd = 1L << 30;
        for (const mention *m = places_from(c, a, b); m; m = places_next(c, m, b)) {
            if (fixed_only && m->alt == UINT32_MAX)
                continue;
            long d = (long)m->tb - (long)trig_tb;
            d = d >= 0 ? d : (fronted_place(c, m, a, b, ciso) ? 0 : -d * 2 + 1);
            /* "outside an office on Murree road in Rawalpindi": a road named
             * after a town runs far from it, so any other place comes first */
            if (road_name(c, m) || protested_event(c, m))
                d += 1L << 20;
            if (d > lastd && d < bestd) {
                bestd = d;
                next = m;
            }
        }
        if (!next && fixed_only) { /* none of the fixed ones would do: all places */
            fixed_only = 0;
            lastd = -1;
            continue;
        }
        if (!next) {
            int chose = 0; /* the text named the town's country too */
            for (int k = 0; border && k < c->nnamed_c && !chose; k++)
                chose = !strcmp(c->named[k], bw.iso3);
            if (!fallback && chose && !weak_place(c, border) && !capital_as_government(c, border, &bw) &&
                (bunit = unit_near(c, &bw, ciso, 30)) != SR_GZ_NONE) {
                /* "the Shufat neighbourhood of Jerusalem" in a report on
                 * Palestinians: a city abroad beside a unit of the country
                 * in context, which the text chose; the city's point, that
                 * unit and country */
                sr__where u;
                sr__place_where(c->ctx->gaz, sr__gaz_admin1(c->ctx->gaz, bunit)->place, &u);
                best = border;
                w = bw;
                w.iso3 = u.iso3;
                w.admin1 = u.admin1;
                w.admin1_acled = u.admin1_acled;
                w.admin1_ix = u.admin1_ix;
                w.admin2 = "";
                break;
            }
            if (!fallback)
                return;
            best = fallback;
            w = fbw;
            break;
        }
        lastd = bestd;
        /* the units named elsewhere in the sentence (not by this mention) */
        pc.nadmin1 = nunits = nnamed = admin1_named(c, c->sb, c->se, ciso, units, 8, next);
        if (!nunits) { /* "near Vodyane" in a report on the frontline */
            uint32_t fu[4];
            int nf = !ciso || front_country(c, ciso) ? front_units(c, fu) : 0;
            for (int k = 0; k < nf; k++) {
                const sr__gzadmin1 *u = sr__gaz_admin1(c->ctx->gaz, fu[k]);
                if (!ciso || !strcmp(u->iso3, ciso))
                    units[nunits++] = fu[k];
            }
            pc.nadmin1 = nunits;
        }
        /* the clauses of a sentence ask about the same mention in the same
         * context: the answer depends only on (mention, country, sentence) */
        struct placememo *pm = &c->placememo[(size_t)(next - c->men) & 31];
        pc.want_admin = wants_admin(c, next);
        if (pm->m != next || pm->iso != ciso || pm->sb != c->sb || pm->gen != c->gen) {
            pm->m = next;
            pm->iso = ciso;
            pm->sb = c->sb;
            pm->gen = c->gen;
            pm->ok = resolve(c, next, &pc, &pm->w);
        }
        if (!pm->ok)
            continue;
        w = pm->w;
        /* "Tana village" in a Kenyan report is no Antananarivo (a city
         * abroad is big enough to be meant, but not called a village) */
        int big = (w.kind == SR_GZ_CITY && w.pop >= 100000 && !TOK_IN(c, next->te, "village", "villages")) ||
                  w.kind == SR_GZ_ADMIN1;
        if (!big && next->alt == UINT32_MAX) {
            /* a province named in the sentence sets the country as firmly:
             * "Bara in the countryside of Idleb" is not Bara in Sudan (asked
             * only here, where the answer counts) */
            uint32_t any[8];
            int nany = admin1_named(c, c->sb, c->se, NULL, any, 8, next);
            int unit_here = nany == 0;
            for (int k = 0; k < nany && !unit_here; k++)
                unit_here =
                    !strcmp(sr__gaz_place(c->ctx->gaz, sr__gaz_admin1(c->ctx->gaz, any[k])->place)->iso3, w.iso3);
            if (!unit_here)
                continue;
        }
        if (ciso && strcmp(w.iso3, ciso) && next->alt == UINT32_MAX &&
            (capital_as_government(c, next, &w) || !known_abroad(c, next, &w)))
            continue;
        if (!ciso || !strcmp(w.iso3, ciso) || big || next->alt != UINT32_MAX) {
            best = next;
            break;
        }
        if (!fallback && fallback_ok(c, next, &w, ciso)) {
            fallback = next;
            fbw = w;
        }
        if (!border && ciso && w.kind == SR_GZ_CITY && !isnan(w.lat) && next->alt == UINT32_MAX) {
            border = next; /* checked only if no place is found (below) */
            bw = w;
        }
    }
    if ((w.kind == SR_GZ_ADMIN1 || w.kind == SR_GZ_ADMIN2) && (!pc.want_admin || best->alt != UINT32_MAX)) {
        /* "in Dar'a ... the town of Tafas", "San Jose, Batangas": a town of
         * that unit named in the range says more than the unit; so too
         * "in Guatire, Miranda state", where the unit fixed the town */
        for (const mention *m = places_from(c, a, b); m; m = places_next(c, m, b)) {
            if (m == best || road_name(c, m))
                continue;
            sr__placectx pc2 = {w.iso3, &w.admin1_ix, 1, 0};
            sr__where w2;
            if (resolve(c, m, &pc2, &w2) && w2.kind != SR_GZ_ADMIN1 && w2.kind != SR_GZ_ADMIN2 &&
                w2.admin1_ix == w.admin1_ix && w2.admin1_ix != UINT32_MAX &&
                (w.kind == SR_GZ_ADMIN1 || !strcmp(w2.admin2, w.admin2))) {
                w = w2;
                best = m;
                break;
            }
        }
    }
    if (w.kind == SR_GZ_REGION && best->alt == UINT32_MAX) {
        /* "in the town of Kitale, Rift Valley", "Nyanza/Migori": a region
         * (a former province, a front) is wider than any town or unit of
         * its country named beside it, which says more */
        for (const mention *m = places_from(c, a, b); m; m = places_next(c, m, b)) {
            sr__placectx pc2 = {w.iso3, NULL, 0, wants_admin(c, m)};
            sr__where w2;
            if (m != best && !road_name(c, m) && resolve(c, m, &pc2, &w2) && w2.kind != SR_GZ_REGION &&
                !strcmp(w2.iso3, w.iso3)) {
                w = w2;
                best = m;
                break;
            }
        }
    }
    if (best->alt == UINT32_MAX && w.kind == SR_GZ_CITY && w.pop < 20000 && pc.nadmin1 > 0 &&
        pc.admin1 != NULL && w.admin1_ix != UINT32_MAX) {
        /* a village "near the frontline" that the gazetteer knows only far
         * behind it: a namesake missing from the extract, on the front. It
         * takes the front region listed first (places.tsv order), its admin1
         * and centroid, at precision 3 */
        uint32_t fu[4];
        int nf = front_country(c, w.iso3) ? front_units(c, fu) : 0, on = 0;
        for (int k = 0; k < nf && !on; k++)
            on = fu[k] == w.admin1_ix;
        for (int k = 0; k < nf && !on; k++) {
            const sr__gzadmin1 *u = sr__gaz_admin1(c->ctx->gaz, fu[k]);
            if (!strcmp(u->iso3, w.iso3) && pc.admin1[0] == fu[k]) {
                long at = sr__gaz_lookup(c->ctx->gaz, "frontline", 9);
                const sr__gzname *nm = sr__gaz_name(c->ctx->gaz, (uint32_t)at);
                for (uint32_t j = 0; j < nm->count; j++) {
                    uint32_t pl = sr__gaz_list(c->ctx->gaz, nm->first + j);
                    if (sr__gaz_place(c->ctx->gaz, pl)->admin1 == fu[k]) {
                        sr__where r;
                        sr__place_where(c->ctx->gaz, pl, &r);
                        r.name = w.name;
                        w = r;
                        break;
                    }
                }
                break;
            }
        }
    }
    if (w.kind == SR_GZ_CITY && best->alt == UINT32_MAX && TOK_IN(c, best->te, "(", ",") &&
        !(best->tb > 0 && TOK_IN(c, best->tb - 1, ",", "and", "or")) &&
        strcmp(sr__gaz_place(c->ctx->gaz, w.place)->fcode, "PPLC")) {
        /* "Gaigorou (Dessa, Tillabery)", "El Refugio (Ahuachapan)",
         * "Valencia, Sangre Grande": a town of any size (not a national
         * capital) followed by a parenthesis or a comma that names an admin1 unit of
         * another country, where the town has no namesake, is a village of
         * that unit missing from the gazetteer (its namesakes abroad share
         * only the name): the unit's country, admin1 and point */
        uint32_t end = best->te + 1, stop = best->te + 8;
        while (end < stop && end < c->se && !TOK_IN(c, end, ")", ".", ";"))
            end++;
        const mention *um = places_from(c, best->te + 1, end);
        if (um && TOK_IN(c, best->te, ",")) /* "X, Unit": the unit right after */
            end = um->te;
        int unit = 0; /* a name of the parenthesis that names a unit somewhere */
        for (const mention *m = um; m && !unit; m = places_next(c, m, end))
            unit = (sr__gaz_name(c->ctx->gaz, m->row)->flags & SR_GZ_NAME_UNIT) != 0;
        if (!unit)
            um = NULL;
        uint32_t named[2];
        int nn = um ? admin1_named(c, best->te + 1, end, NULL, named, 2, best) : 0;
        if (nn > 0 && !TOK_IN(c, end, "and", "or")) {
            const sr__gzadmin1 *u0 = sr__gaz_admin1(c->ctx->gaz, named[nn - 1]);
            if (strcmp(u0->iso3, w.iso3) && !has_namesake_in(c, best, u0->iso3)) {
                sr__where u;
                sr__place_where(c->ctx->gaz, u0->place, &u);
                u.name = w.name;
                w = u;
                w.admin2 = "";
                w.lat = w.lon = NAN;
                w.geonameid = 0;
            }
        }
    }
    if ((isnan(w.lat) || w.kind == SR_GZ_CITY) && best->alt == UINT32_MAX && w.admin1_ix != UINT32_MAX) {
        /* "Sankuri (Lamu county)", "near Vodyane, Donetsk": a village known
         * by name only, or small, whose only namesakes lie in other units of
         * the same country than the one named right after it, is a village
         * of the named unit missing from the gazetteer: that unit's admin1
         * and point (precision 3), not a namesake's far away */
        uint32_t named[2];
        int nn = 0;
        /* "X, Unit", "X (Unit", "X village of Unit", "X in Unit": not a
         * list ("Siaya, Kisumu and Migori") */
        static const char *const glue[] = {",", "(", "in", "of", "village", "town", "area", "the", NULL};
        uint32_t at = best->te;
        while (at < best->te + 3 && TOK_IN_LIST(c, at, glue))
            at++;
        const mention *um = at > best->te ? ent_at(c, at) : NULL;
        /* a town of 20,000 or more only when the unit closes a fronted
         * phrase: "in Benito Juarez, Nuevo Leon, a man was shot" (the comma
         * opens the clause, in lower case) */
        int small = isnan(w.lat) || w.pop < 20000;
        int closes = !small && um && TOK_IN(c, um->te, ",") && um->te + 1 < c->t.ntoks &&
                     c->t.toks[um->te + 1].kind == SR_TOK_WORD && !(c->t.toks[um->te + 1].flags & SR_TF_CAP);
        int fits = um && um->tb == at && um->type == MT_PLACE &&
                   (closes || (small && !TOK_IN(c, um->te, "and", "or", ",", "-"))) &&
                   !(best->tb > 0 && TOK_IN(c, best->tb - 1, ",", "and", "or"));
        if (fits)
            nn = admin1_named(c, um->tb, um->te, w.iso3, named, 2, best);
        if (fits && nn == 0 && !isnan(w.lat)) {
            /* "San Carlos, Negros Occidental": the same for a district
             * (admin2 unit) of the town's country that holds none of its
             * namesakes (the neighbours rule found none): the district's
             * units and point (precision 2), the town's name */
            const sr__gaz *g = c->ctx->gaz;
            const sr__gzname *un = sr__gaz_name(g, um->row);
            const sr__gzplace *bp = sr__gaz_place(g, w.place);
            for (uint32_t q = 0; q < un->count; q++) {
                uint32_t qi = sr__gaz_list(g, un->first + q);
                const sr__gzplace *u2 = sr__gaz_place(g, qi);
                if (u2->kind != SR_GZ_ADMIN2 || memcmp(u2->iso3, w.iso3, 4) || u2->admin1 == SR_GZ_NONE ||
                    (u2->admin2 == bp->admin2 && u2->admin1 == bp->admin1) || isnan(u2->lat))
                    continue;
                sr__where u;
                const char *nm = w.name;
                sr__place_where(g, qi, &u);
                w = u;
                w.name = nm;
                break;
            }
        }
        if (nn > 0 && named[0] != w.admin1_ix) {
            sr__where u;
            sr__place_where(c->ctx->gaz, sr__gaz_admin1(c->ctx->gaz, named[0])->place, &u);
            w.admin1 = u.admin1;
            w.admin1_acled = u.admin1_acled;
            w.admin1_ix = u.admin1_ix;
            w.admin2 = "";
            w.lat = w.lon = NAN;
            w.geonameid = 0;
        }
    }
    if (best->alt == UINT32_MAX && w.kind == SR_GZ_CITY && w.pop < 100000 && nnamed > 0 && !isnan(w.lat) &&
        (TOK_IN(c, best->te, "neighborhood", "neighbourhood", "neighborhoods", "neighbourhoods", "quarter", "suburb",
                "favela", "metro", "estate") ||
         quarter_list(c, best->te))) {
        /* "in the North Zone of Rio de Janeiro, Rio de Janeiro, ... in
         * Jacarezinho neighborhood": a neighbourhood whose namesake is a
         * town (under 100,000) outside every unit the sentence names is a
         * part of a city there; another place of the sentence inside such a unit (a
         * town first, else the unit) says where */
        int inside = 0;
        for (int k = 0; k < nnamed && !inside; k++)
            inside = units[k] == w.admin1_ix;
        const sr__gzadmin1 *u0 = sr__gaz_admin1(c->ctx->gaz, units[0]);
        if (!inside && !strcmp(u0->iso3, w.iso3)) {
            const mention *alt = NULL;
            sr__where wa;
            for (const mention *m = places_from(c, c->sb, c->se); m; m = places_next(c, m, c->se)) {
                sr__where w2;
                if (m == best || road_name(c, m) || !resolve(c, m, &pc, &w2) || w2.admin1_ix == UINT32_MAX)
                    continue;
                int in = 0;
                for (int k = 0; k < nnamed && !in; k++)
                    in = units[k] == w2.admin1_ix;
                if (in && (!alt || (wa.kind == SR_GZ_ADMIN1 && w2.kind != SR_GZ_ADMIN1))) {
                    alt = m;
                    wa = w2;
                }
            }
            if (alt) {
                best = alt;
                w = wa;
            }
        }
    }
    if (!*w.admin1)
        /* "near Lake Chad in Borno state": the unit named nearby */
        for (int k = 0; k < nunits; k++) {
            sr__where u;
            sr__place_where(c->ctx->gaz, sr__gaz_admin1(c->ctx->gaz, units[k])->place, &u);
            if (!strcmp(u.iso3, w.iso3)) {
                w.admin1 = u.admin1;
                w.admin1_acled = u.admin1_acled;
                w.admin1_ix = u.admin1_ix;
                break;
            }
        }
    int to_front = 0;
    uint32_t fr = w.admin1_ix != UINT32_MAX && w.kind != SR_GZ_REGION ? front_region(c, w.admin1_ix) : SR_GZ_NONE;
    if (fr != SR_GZ_NONE && front_doc(c)) {
        const sr__gzplace *f = sr__gaz_place(c->ctx->gaz, fr);
        if (on_front(c, best, &w, f)) {
            w.lat = f->lat;
            w.lon = f->lon;
            w.geonameid = 0;
            to_front = 1;
        }
    }
    scopy(cd->location, sizeof cd->location, w.name);
    scopy(cd->admin1, sizeof cd->admin1, w.admin1);
    scopy(cd->admin1_acled, sizeof cd->admin1_acled, w.admin1_acled);
    scopy(cd->admin2, sizeof cd->admin2, w.admin2);
    scopy(cd->iso3, sizeof cd->iso3, w.iso3);
    *iso = sr__lexicon_iso(c->lx, w.iso3) >= 0 ? c->lx->countries[sr__lexicon_iso(c->lx, w.iso3)].iso3 : NULL;
    cd->ev.latitude = w.lat;
    cd->ev.longitude = w.lon;
    cd->ev.geonames_id = (long)w.geonameid;
    if (w.kind == SR_GZ_CITY || w.kind == SR_GZ_FEATURE)
        cd->ev.geo_precision = 1;
    else if (w.kind == SR_GZ_ADMIN2)
        cd->ev.geo_precision = 2;
    else
        cd->ev.geo_precision = 3;
    if (cd->ev.geo_precision == 1 && find_cue(c, best->tb > 3 ? best->tb - 3 : 0, best->tb, CUE_NEAR) >= 0)
        cd->ev.geo_precision = 2;
    if (to_front)
        cd->ev.geo_precision = 3; /* a front region's centroid */
    if (isnan(w.lat) && w.admin1_ix != UINT32_MAX) {
        /* a unit known by name only (no place of the extract in it): the
         * point of its province, with the precision of a province */
        sr__where u;
        sr__place_where(c->ctx->gaz, sr__gaz_admin1(c->ctx->gaz, w.admin1_ix)->place, &u);
        cd->ev.latitude = u.lat;
        cd->ev.longitude = u.lon;
        cd->ev.geo_precision = 3;
    }
    cd->ev.ev_place = span_of(c, best->tb, best->te);
}

/* fill_place over another sentence than the one being coded, with that
 * sentence's units as the context and no cue shortcut. */
static void fill_place_from(coder *c, cand *cd, const sr__sent *ps, uint32_t trig_tb, const char **iso)
{
    uint32_t osb = c->sb, ose = c->se, omask = c->smask;
    c->sb = ps->tb;
    c->se = ps->te;
    c->smask = ~0u;
    fill_place(c, cd, ps->tb, ps->te, trig_tb, iso);
    c->sb = osb;
    c->se = ose;
    c->smask = omask;
}

/* "in both directions of the frontline" and no village the gazetteer knows:
 * the front region listed first (places.tsv) of the document's country, as a
 * region (precision 3), the word "frontline" its evidence. */
static void front_place(coder *c, cand *cd, const char **iso)
{
    uint32_t fu[4];
    const char *ciso = *iso ? *iso : c->doc_iso3;
    if (!ciso || front_units(c, fu) == 0)
        return;
    long at = sr__gaz_lookup(c->ctx->gaz, "frontline", 9);
    const sr__gzname *nm = sr__gaz_name(c->ctx->gaz, (uint32_t)at);
    for (uint32_t j = 0; j < nm->count; j++) {
        uint32_t pl = sr__gaz_list(c->ctx->gaz, nm->first + j);
        const sr__gzplace *p = sr__gaz_place(c->ctx->gaz, pl);
        if (p->kind != SR_GZ_REGION || strcmp(p->iso3, ciso))
            continue;
        sr__where w;
        sr__place_where(c->ctx->gaz, pl, &w);
        scopy(cd->location, sizeof cd->location, w.name);
        scopy(cd->admin1, sizeof cd->admin1, w.admin1);
        scopy(cd->admin1_acled, sizeof cd->admin1_acled, w.admin1_acled);
        scopy(cd->admin2, sizeof cd->admin2, w.admin2);
        scopy(cd->iso3, sizeof cd->iso3, w.iso3);
        int r = sr__lexicon_iso(c->lx, w.iso3);
        *iso = r >= 0 ? c->lx->countries[r].iso3 : NULL;
        cd->ev.latitude = w.lat;
        cd->ev.longitude = w.lon;
        cd->ev.geonames_id = 0;
        cd->ev.geo_precision = 3;
        for (uint32_t i = c->sb; i < c->se; i++)
            if (TOK_IN(c, i, "frontline", "front-line", "line", "smm", "mission")) {
                cd->ev.ev_place = span_of(c, i, i + 1);
                break;
            }
        return;
    }
}

static const sr__country *country_of_iso(const coder *c, const char *iso)
{
    return iso && *iso ? sr__lexicon_country(c->lx, iso) : NULL;
}

/* The comma-delimited segment of [sb, se) holding token i: its first token. */
static uint32_t segment_start(const coder *c, uint32_t sb, uint32_t i)
{
    while (i > sb && !tok_is(c, i - 1, ","))
        i--;
    return i;
}

/* "Despite losing territory last month, IS killed...": a date inside a
 * subordinate phrase that does not hold the trigger dates that phrase only. */
static int subordinate_date(const coder *c, uint32_t sb, uint32_t se, uint32_t dt, uint32_t trig)
{
    uint32_t ds = segment_start(c, sb, dt), ts = segment_start(c, sb, trig);
    if (ds == ts)
        return 0;
    static const char *const subs[] = {"despite", "after", "since", "following", "before", "although",
                                       "though", "while", "whereas", "unlike", "which", "who", "whose",
                                       "where", NULL};
    uint32_t k = ds;
    if (TOK_IN(c, k, "and", "but"))
        k++;
    return TOK_IN_LIST(c, k, subs);
}

static int ends_with(const coder *c, uint32_t i, const char *suf)
{
    if (i >= c->t.ntoks)
        return 0;
    const sr__tok *k = &c->t.toks[i];
    size_t n = strlen(suf), len = k->e - k->s;
    return len > n + 1 && !memcmp(c->t.norm + k->e - n, suf, n);
}

static int is_past_verb(const coder *c, uint32_t i)
{
    static const char *const irregular[] = {"shot", "hit", "struck", "fought", "took", "overran",
                                            "blew", "retook", "slew", "stormed", "seized", "set",
                                            "threw", "beat", "ran", "drove", "overrun", "stabbed", "beaten", NULL};
    return ends_with(c, i, "ed") || TOK_IN_LIST(c, i, irregular);
}

/* "The man, a bricklayer, died": the subject before a short apposition set
 * off by commas (an article or possessive opens it, no verb in it); returns
 * the token just after the subject, or j when there is none. */
static uint32_t skip_apposition(const coder *c, uint32_t a, uint32_t j)
{
    if (j < a + 4 || !tok_is(c, j - 1, ","))
        return j;
    for (uint32_t p = j - 2; p > a && p + 7 > j; p--) {
        if (c->ti[p].trig)
            return j;
        if (tok_is(c, p, ","))
            return TOK_IN(c, p + 1, "a", "an", "the", "his", "her", "their") && p + 2 < j - 1 ? p : j;
    }
    return j;
}

/* One death told without a number: a singular subject of a killing ("a
 * trafficker was shot dead", "the victim died", "was shot and died") or a
 * singular pronoun as its object ("killing him"). Returns the token that
 * says it, or -1. */
static long singular_death(const coder *c, uint32_t a, uint32_t b)
{
    static const char *const adv[] = {"later", "reportedly", "subsequently", "instantly", "immediately", "also",
                                      "eventually", "allegedly", "then", "shortly", "afterwards", "allegedly", NULL};
    for (uint32_t i = a; i < b; i++) {
        if (!c->ti[i].trig && !(c->ti[i].cue >> CUE_KILL & 1))
            continue; /* (only killing words can tell a death: most tokens stop here) */
        int kill = 0, died = TOK_IN(c, i, "died", "dies");
        if (!died && c->ti[i].trig) {
            const mention *m = &c->men[c->ti[i].trig - 1];
            kill = m->tb == i && (c->lx->triggers[m->row].cid == TC_KILL) &&
                   !(c->lx->triggers[m->row].bits & SR__TRIG_GAP) && !firing_only(c, m);
            if (!kill && m->tb == i && tok_is(c, i, "shot") && tok_is(c, i + 1, "dead"))
                kill = 1;
            if (!kill && m->tb == i && (c->lx->triggers[m->row].cid == TC_KILL) &&
                TOK_IN(c, i + 1, "him", "her") && tok_is(c, i + 2, "dead"))
                kill = 1; /* "shooting him dead" */
        }
        if (!kill && !died)
            continue;
        /* "killing him", "shot him dead", "killed her" */
        if (kill && TOK_IN(c, i + 1, "him", "her") &&
            !(i + 2 < b && TOK_IN(c, i + 2, "and", "or")))
            return (long)i;
        uint32_t j = i;
        while (j > a && TOK_IN_LIST(c, j - 1, adv))
            j--;
        /* "riots broke out after a rider was killed": the death is the cause,
         * told in a subordinate clause, not part of this event */
        int sub = 0;
        for (uint32_t k = j > a + 8 ? j - 8 : a; k < j && !sub; k++)
            sub = TOK_IN(c, k, "after", "following", "who", "whose", "when", "how", "whether") &&
                  !(k > a && tok_is(c, k - 1, "died"));
        if (sub && !died)
            continue;
        if (kill) { /* "was killed", "was reportedly shot dead" */
            if (j > a && tok_is(c, j - 1, "was") && is_past_verb(c, i))
                return (long)i;
            continue;
        }
        /* "died": "was shot and died", "the victim died", "he died" */
        if (j > a + 2 && tok_is(c, j - 1, "and") && tok_is(c, j - 3, "was"))
            return (long)i;
        j = skip_apposition(c, a, j);
        if (j > a && TOK_IN(c, j - 1, "he", "she", "victim", "man", "woman", "other", "officer",
                                      "driver", "boy", "girl", "child", "suspect", "soldier",
                                      "policeman", "resident", "farmer", "student", "teenager", "detainee",
                                      "prisoner", "inmate") &&
            !(j > a + 1 && TOK_IN(c, j - 2, "no", "every", "each")))
            return (long)i;
    }
    return -1;
}

/* Fighting with no side named along a front ACLED codes as one standing
 * dyad: fire across the line of contact in eastern Ukraine before the 2022
 * invasion is between the Ukrainian military and the NAF (actors.tsv key
 * "naf"). An unnamed shelling is by the state's side, the larger share of
 * such reports; the other side is not named. */
static void front_dyad(const coder *c, const sr__country *evc, const char *sub, cand *cd)
{
    static const struct {
        const char *iso3, *rival, *until;
    } fronts[] = {{"UKR", "naf", "2022-02-24"}};
    for (size_t f = 0; f < sizeof fronts / sizeof fronts[0]; f++) {
        if (strcmp(evc->iso3, fronts[f].iso3) || strcmp(cd->ev.event_date, fronts[f].until) >= 0 || !*evc->military)
            continue;
        /* the rival's row is looked up once per context, not per event */
        long *known = c->ctx->cc && f < 4 ? &c->ctx->cc->front_rival[f] : NULL;
        const sr__actor *rv = NULL;
        if (known && *known)
            rv = *known > 0 ? &c->lx->actors[*known - 1] : NULL;
        else {
            for (size_t k = 0; k < c->lx->nactors && !rv; k++)
                if (!strcmp(c->lx->actors[k].key, fronts[f].rival))
                    rv = &c->lx->actors[k];
            if (known)
                *known = rv ? (long)(rv - c->lx->actors) + 1 : -1;
        }
        if (!rv)
            return;
        scopy(cd->actor1, sizeof cd->actor1, evc->military);
        cd->ev.inter1 = 1;
        if (STREQ(sub, "Armed clash")) {
            scopy(cd->actor2, sizeof cd->actor2, rv->acled);
            cd->ev.inter2 = rv->inter;
            cd->role2 = 'a';
        }
        return;
    }
}

/* Whether what was seized after token i is goods (drugs, cigarettes, cash,
 * vehicles, livestock) rather than ground: the object before any place. */
static int seized_goods(const coder *c, uint32_t i, uint32_t b)
{
    static const char *const goods[] = {"marijuana", "cocaine", "heroin", "cannabis", "drugs", "drug", "methamphetamine",
                                        "narcotics", "cigarettes", "contraband", "goods", "cash", "money", "vehicles",
                                        "vehicle", "cars", "car", "trucks", "truck", "motorcycles", "livestock",
                                        "cattle", "goats", "timber", "fuel", "tons", "ton", "tonnes", "kg",
                                        "kilograms", "packs", "property", "belongings", "phones", "gold", NULL};
    for (uint32_t k = i; k < b && k < i + 8; k++) {
        if (c->ti[k].ent && c->men[c->ti[k].ent - 1].type == MT_PLACE)
            return 0;
        if (TOK_IN_LIST(c, k, goods))
            return 1;
    }
    return 0;
}

/* A date with its year opening a sentence with no comma after it, or after
 * "published", "posted", "updated", "publication": a dateline the source ran
 * into the text ("7 July 2015 A suicide bomber ...", "Posted on July 20 2016
 * by ..."), not ACLED's "On 3 May 2020, ...". */
static int dateline_date(const coder *c, const sr__sent *se, const dhit *h)
{
    for (uint32_t k = se->tb; k < h->tb; k++)
        if (TOK_IN(c, k, "published", "posted", "updated", "publication"))
            return 1;
    int year = 0;
    for (uint32_t k = h->tb; k < h->te && !year; k++)
        year = c->t.toks[k].kind == SR_TOK_NUM && c->t.toks[k].e - c->t.toks[k].s == 4;
    if (!year || h->te >= se->te || TOK_IN(c, h->te, ",", ":", ";", "-", "(", "."))
        return 0;
    return !(h->tb > se->tb && TOK_IN(c, h->tb - 1, "on", "since", "until", "by", "from"));
}

/* Does "rioters" occur in tokens [a, b)? ("rioters (likely supporters of X)") */
static int rioters_named(const coder *c, uint32_t a, uint32_t b)
{
    for (uint32_t k = a; k < b; k++)
        if (tok_is(c, k, "rioters"))
            return 1;
    return 0;
}

/* Does the clause [a, b) name two crowds as the sides of a fight: "two
 * groups", "rival factions", "members of the X party"? */
/* Does the clause name the sides of a fight as clans, tribes, communities
 * or ethnic communities ("between the X and Y clans", "two rival
 * communities")? ("Two groups" or villagers that fight are a mob.) */
static int communal_sides(const coder *c, uint32_t a, uint32_t b)
{
    if (!TOK_ANY(c, "clans", "sub-clans", "subclans", "tribes", "communities", "clansmen", "tribesmen"))
        return 0;
    for (uint32_t k = a; k < b; k++) {
        if (TOK_IN(c, k, "clans", "sub-clans", "subclans", "tribes", "communities", "clansmen", "tribesmen") &&
            !(k >= a + 3 && tok_is(c, k - 2, "of") && TOK_IN(c, k - 3, "members", "supporters") &&
              !TOK_IN(c, k, "communities", "tribes"))) /* (not "members of two clans led by…"; "members of two communities" are) */
            return 1;
    }
    return 0;
}

static int crowd_fight(const coder *c, uint32_t a, uint32_t b)
{
    for (uint32_t k = a; k < b; k++) /* (not armed groups: "two armed rival groups", militia factions) */
        if (TOK_IN(c, k, "armed", "militia", "militias", "militiamen", "fighters", "rebels",
                         "raid", "raiders", "livestock", "cattle", "gunfire", "guns", "shot",
                         "insurgents", "militants"))
            return 0;
    for (uint32_t k = a + 1; k < b; k++) {
        if (TOK_IN(c, k, "groups", "factions", "camps") &&
            (c->ti[k - 1].num || TOK_IN(c, k - 1, "two", "rival", "opposing", "both")))
            return 1;
        if (TOK_IN(c, k, "party", "parties"))
            for (uint32_t j = k > a + 5 ? k - 5 : a; j < k; j++)
                if (TOK_IN(c, j, "members", "supporters", "activists"))
                    return 1;
    }
    return 0;
}

/* "military forces of India and Pakistan exchanged fire", "Indian and
 * Pakistani troops clashed": two countries joined by "and" next to a state
 * force name the two sides; fills the event's sides with their militaries
 * (the event country's first, the other as a foreign force, inter 8).
 * Returns 1 when it did. */
static int two_states(const coder *c, uint32_t a, uint32_t b, const sr__country *evc, cand *cd)
{
    const sr__lexicon *lx = c->lx;
    for (size_t k = men_from(c, a); k < c->nmen && c->men[k].tb < b; k++) {
        const mention *m1 = &c->men[k];
        const sr__actor *ac = m1->type == MT_ACTOR ? &lx->actors[m1->row] : NULL;
        if (!(m1->type == MT_COUNTRY || (ac && ac->inter == 1 && strcmp(ac->country, "*"))) || !tok_is(c, m1->te, "and"))
            continue;
        const mention *m2 = ent_at(c, m1->te + 1);
        const sr__actor *ac2 = m2 && m2->type == MT_ACTOR ? &lx->actors[m2->row] : NULL;
        if (!m2 || m2->tb != m1->te + 1 || m2->te > b ||
            !(m2->type == MT_COUNTRY || (ac2 && ac2->inter == 1 && strcmp(ac2->country, "*"))))
            continue;
        int state = ac || ac2; /* a state force before ("forces of") or after ("troops") the pair */
        for (uint32_t j = m1->tb > a + 3 ? m1->tb - 3 : a; j < m2->te + 2 && j < b && !state; j++) {
            const mention *am = ent_at(c, j);
            state = am && am->type == MT_AGENT && STREQ(lx->agents[am->row].role, "state") && (am->te <= m1->tb || am->tb >= m2->te);
        }
        const sr__country *c1 = ac ? country_of_iso(c, ac->country) : &lx->countries[m1->row];
        const sr__country *c2 = ac2 ? country_of_iso(c, ac2->country) : &lx->countries[m2->row];
        if (!state || !c1 || !c2 || !strcmp(c1->iso3, c2->iso3))
            continue;
        if (evc && !strcmp(c2->iso3, evc->iso3)) {
            const sr__country *t = c1;
            c1 = c2;
            c2 = t;
        }
        if (!*c1->military || !*c2->military)
            return 0;
        scopy(cd->actor1, sizeof cd->actor1, c1->military);
        scopy(cd->actor2, sizeof cd->actor2, c2->military);
        cd->ev.inter1 = 1;
        cd->ev.inter2 = evc && strcmp(c1->iso3, evc->iso3) ? 1 : 8;
        return 1;
    }
    return 0;
}

/* Does the clause [a, b) say its author is unknown ("by an unknown party",
 * "unidentified rockets", "the source of which is unknown")? */
static int unknown_author(const coder *c, uint32_t a, uint32_t b)
{
    for (uint32_t k = a; k < b; k++)
        if (TOK_IN(c, k, "unknown", "unidentified", "unclear"))
            return 1;
    return 0;
}

/* Is the actor the UN (not one of its armed missions) or a relief agency? */
static int relief_body(const char *a)
{
    switch (a[0]) { /* (most actors begin with none of these letters) */
    case 'U': return !strncmp(a, "UN: ", 4) || !strncmp(a, "UNHCR: ", 7);
    case 'W': return !strncmp(a, "WFP: ", 5);
    case 'I': return !strncmp(a, "ICRC: ", 6);
    case 'M': return !strncmp(a, "MSF: ", 5);
    default: return 0;
    }
}

/* Is an aggregate toll the running total of a whole war ("More than
 * 290,000 people have been killed since the conflict began", "the civil war
 * has claimed 400,000 lives")? Such totals are background restated by every
 * article, not a claim a monitor tallies: a thousand and more told of the
 * war itself with no bounded recent period (a month's or a year's count
 * within the last 400 days stays a claim, and so does a monitor's count of
 * one kind of death, "12,679 died under torture from March 2011"). */
static int war_toll(const coder *c, uint32_t a, uint32_t b, const sr_event *ev, const dhit *dt)
{
    long n = ev->fatalities_low > ev->fatalities ? ev->fatalities_low : ev->fatalities;
    if (n < 1000)
        return 0;
    if (n >= 50000 && !dt)
        return 1; /* ("More than 300,000 people have been killed and millions forced to flee") */
    if (dt && c->has_pub && sr__date_days(dt->h.start) >= sr__date_days(c->pub) - 400)
        return 0;
    for (uint32_t k = a; k < b; k++)
        if (TOK_IN(c, k, "war", "conflict", "uprising", "rebellion", "insurgency", "revolution"))
            return 1;
    return 0;
}

/* "looting was reported during the protests", "shops were looted
 * in the midst of the demonstration": destruction told right before
 * "during" (or "in the midst of") and a protest trigger of the clause
 * happened in that protest, the protesters' doing (a passive or a noun
 * otherwise reads as the protest's grievance: "after crops were destroyed"). */
static int looted_during(const coder *c, const mention *const *trigs, int nt, const mention *tm)
{
    for (int k = 0; k < nt; k++) {
        const mention *p = trigs[k];
        if (c->lx->triggers[p->row].cid != TC_PROTEST || p->tb < tm->te || p->tb > tm->te + 5)
            continue;
        int during = 0, other = 0;
        for (uint32_t q = tm->te; q < p->tb; q++) {
            if (TOK_IN(c, q, "during", "midst"))
                during = 1;
            else if (!TOK_IN(c, q, "the", "in", "of", "and", "robbery", "violence"))
                other = 1;
        }
        return during && !other;
    }
    return 0;
}

/* Are all the killings of a protest clause its cause ("demonstrated after
 * a gendarme shot and killed a driver", "over the killing of")? */
static int kill_is_cause(const coder *c, uint32_t a, const mention *const *trigs, int nt)
{
    const sr__lexicon *lx = c->lx;
    for (int t = 0; t < nt; t++) {
        if (lx->triggers[trigs[t]->row].cid != TC_KILL)
            continue;
        int cause = 0;
        for (uint32_t k = trigs[t]->tb > a + 5 ? trigs[t]->tb - 5 : a; k < trigs[t]->tb && !cause; k++)
            cause = TOK_IN(c, k, "after", "over", "following", "against", "since", "of",
                           /* "to protest the rape and killing", "to condemn the murder" */
                           "protesting", "protested", "condemn", "condemning", "denounce", "denouncing", "mourn",
                           "mourning", "justice",
                           /* "a police officer charged with murder", "sentenced to death for killing",
                            * "in response to revenge killings": a charge or a reply names a past killing */
                           "charged", "sentenced", "accused", "response") ||
                    (k > a && TOK_IN(c, k, "protest") && tok_is(c, k - 1, "to")); /* (not "during one protest") */
        if (!cause)
            return 0;
    }
    return 1;
}

/* A one-sided bombardment: shelling, air or drone strike. */
static int remote_sub(const char *sub)
{
    return STREQ(sub, "Shelling/artillery/missile attack") || STREQ(sub, "Air/drone strike");
}

/* "In response to several attacks on buses, the air force launched
 * attacks on the hideouts": an attack noun in a fronted phrase of reply or
 * cause ("in response to", "in retaliation for", "following", "after"),
 * closed by a comma, names what the act answers; the clause's next trigger
 * of the same class after that comma is the act. Only for a noun trigger
 * (most clauses return at the first test). */
static const mention *reply_noun(const coder *c, const mention *const *trigs, int nt, const mention *tm, uint32_t a)
{
    if (nt < 2 || !(c->lx->triggers[tm->row].bits & SR__TRIG_NOUN))
        return tm;
    int cause = 0;
    for (uint32_t k = tm->tb > a + 4 ? tm->tb - 4 : a; k < tm->tb && !cause; k++)
        cause = TOK_IN(c, k, "response", "retaliation", "reprisal", "following", "after");
    if (!cause)
        return tm;
    uint32_t comma = 0;
    for (uint32_t k = tm->te; k < tm->te + 8 && k < c->t.ntoks && !comma; k++) {
        if (is_hard_punct(c, k) && !tok_is(c, k, ","))
            return tm;
        if (tok_is(c, k, ","))
            comma = k;
    }
    if (!comma)
        return tm;
    for (int k = 0; k < nt; k++)
        if (trigs[k]->tb > comma && c->lx->triggers[trigs[k]->row].cid == c->lx->triggers[tm->row].cid)
            return trigs[k];
    return tm;
}

/* Mob violence (issue 3, fifth pass): a fight between two crowds ("two
 * groups clashed", "supporters of two candidates engaged in clashes") has
 * rioters on both sides; a mob that beats, lynches or burns with no victim
 * named targets civilians. ACLED codes both so. */
static void mob_sides(const sr__country *evc, const char *sub, int cls, int fight, actorname *a2)
{
    if (!STREQ(sub, "Mob violence"))
        return;
    if (fight && (!a2->role || a2->role == 'c')) {
        memset(a2, 0, sizeof *a2);
        if (evc)
            cat3(a2->name, sizeof a2->name, "Rioters (", evc->name, ")");
        a2->inter = 5;
        a2->role = 'r';
    } else if (!a2->role && ((cls == TC_KILL) || (cls == TC_ATTACK))) {
        /* (property vandalised or burnt with nobody hurt has no victim) */
        if (evc)
            cat3(a2->name, sizeof a2->name, "Civilians (", evc->name, ")");
        a2->inter = 7;
        a2->role = 'c';
    }
}

/* Is the one-word trigger at i a bare "intercepted"/"confiscated" with no
 * weapon near it ("police intercepted the rally", "confiscated their
 * megaphones")? Stopping people or goods disrupts no weapon; "intercepted a
 * truck carrying explosives", "a drone was intercepted" do. */
static int bare_seizure(const coder *c, uint32_t i, uint32_t b)
{
    static const char *const arms[] = {"explosive", "explosives", "weapon", "weapons", "arms", "ammunition", "ammo",
                                       "bomb", "bombs", "ied", "ieds", "device", "devices", "missile", "missiles",
                                       "rocket", "rockets", "drone", "drones", "grenade", "grenades", "gun", "guns",
                                       "rifle", "rifles", "firearm", "firearms", "mine", "mines", "landmine",
                                       "landmines", "mortar", "mortars", "shells", "detonators", "bullets",
                                       "cartridges", "pistol", "pistols", "uav", "uavs", "projectile", "projectiles",
                                       "ak-47", "ak47", "ak-47s", "munitions", "aircraft", "plane", "planes",
                                       "jets", "warplanes", NULL};
    if (!TOK_IN(c, i, "intercepted", "intercept", "intercepts", "intercepting", "confiscated", "confiscate",
                "confiscates", "confiscating"))
        return 0;
    uint32_t lo = i > c->sb + 6 ? i - 6 : c->sb;
    for (uint32_t k = lo; k < b && k <= i + 8; k++)
        if (TOK_IN_LIST(c, k, arms) ||
            /* ("intercepted their rally and baton-charged": the act on the
             * protest is read with the protest, as before) */
            (k > i && k <= i + 3 && c->ti[k].trig &&
             c->lx->triggers[c->men[c->ti[k].trig - 1].row].cid == TC_PROTEST))
            return 0;
    /* ("intercepted trucks, firing at their tyres": the interception yields
     * to the violence told with it, as code_clause does) */
    for (uint32_t k = i + 1; k < b; k++)
        if (c->ti[k].trig) {
            int cl = c->lx->triggers[c->men[c->ti[k].trig - 1].row].cid;
            if (((cl == TC_KILL) || (cl == TC_ATTACK) || (cl == TC_CLASH)) && tok_is(c, k - 1, ","))
                return 0;
        }
    return 1;
}

/* The one-word clash trigger at i is figurative: "fight against the
 * coronavirus", "battle corruption", "engaged in mining" (no trigger or
 * actor follows "engaged in"). */
static int not_a_fight(const coder *c, uint32_t i, uint32_t b)
{
    static const char *const ills[] = {"coronavirus", "covid", "covid-19", "virus", "pandemic", "epidemic", "disease",
                                       "corruption", "poverty", "hunger", "inflation", "malaria", "cancer", "ebola",
                                       "impunity", "unemployment", "climate", "desertification", "locusts", "fire",
                                       "fires", "blaze", "floods", NULL};
    if (TOK_IN(c, i, "fight", "fighting", "battle", "battling", "fought", "combat", "combating",
                     "combatting")) {
        /* "is fighting for his life", "battling for their lives": a wound
         * told as an idiom, not a fight */
        if (i + 2 < b && tok_is(c, i + 1, "for") &&
            (TOK_IN(c, i + 2, "life", "lives") ||
             (i + 3 < b && TOK_IN(c, i + 2, "his", "her", "their", "its") && TOK_IN(c, i + 3, "life", "lives"))))
            return 1;
        for (uint32_t k = i + 1; k < b && k <= i + 4; k++) {
            if (TOK_IN_LIST(c, k, ills))
                return 1;
            if (!TOK_IN(c, k, "against", "the", "a", "new", "novel", "spread", "of", "to"))
                break;
        }
        return 0;
    }
    if (tok_is(c, i, "engaged") && tok_is(c, i + 1, "in")) {
        for (uint32_t k = i + 2; k < b && k <= i + 5; k++) {
            int cl = c->ti[k].trig ? c->lx->triggers[c->men[c->ti[k].trig - 1].row].cid : 0;
            if ((cl == TC_CLASH) || (cl == TC_ATTACK) || (cl == TC_MOB) || (cl == TC_RIOT) || (c->ti[k].ent && k <= i + 3))
                return 0;
        }
        return 1;
    }
    return 0;
}

/* The firing trigger m is aimed at nobody: "fired shots in the air",
 * "warning shots", "fired into the air". */
static int in_the_air(const coder *c, const mention *m, uint32_t b)
{
    if (!TOK_IN(c, m->tb, "fired", "fire", "firing", "fires", "shots", "shot", "opened",
                          "bursts", "rounds") &&
        !(m->te > m->tb + 1 && TOK_IN(c, m->te - 1, "fire", "shots")))
        return 0;
    if (m->tb > 0 && tok_is(c, m->tb - 1, "warning"))
        return 1;
    for (uint32_t k = m->tb + 1; k + 1 < b && k <= m->te + 5; k++) { /* (the trigger may hold the words: "fired in the air") */
        if (is_hard_punct(c, k))
            break;
        if (TOK_IN(c, k, "in", "into") &&
            (tok_is(c, k + 1, "air") || (k + 2 < b && tok_is(c, k + 1, "the") && tok_is(c, k + 2, "air"))))
            return 1;
    }
    return 0;
}

/* "observed 20 bursts of fire involving heavy machineguns near X": fire
 * counted by monitors with only heavy or unknown weapons named, neither
 * small arms nor both directions, is one-sided heavy fire, as ACLED codes
 * the OSCE's counts (a shelling). */
static int heavy_fire_only(const coder *c, uint32_t a, uint32_t b)
{
    if (!TOK_ANY(c, "involving"))
        return 0;
    uint32_t k = a;
    while (k < b && !tok_is(c, k, "involving"))
        k++;
    if (k >= b)
        return 0;
    int heavy = 0;
    for (uint32_t j = a; j < b; j++) {
        if (TOK_IN(c, j, "small", "directions", "exchanged", "exchange", "clash", "clashes",
                         "clashed", "fighting", "firefight", "gunfight"))
            return 0;
        if (j > k && (TOK_IN(c, j, "machineguns", "machine-guns", "cannons", "mortars", "artillery",
                                   "weapons", "grenade", "grenades", "launchers") ||
                      ends_with(c, j, "machineguns") || ends_with(c, j, "weapons")))
            heavy = 1;
    }
    return heavy;
}

/* The phrase names several civilians of a kind ("market vendors",
 * "villagers", "a group of residents"), not one person. */
static int civilian_crowd(const coder *c, const chunk *ch)
{
    if (ch->actor >= 0 || ch->agent < 0 || !STREQ(c->lx->agents[ch->agent].role, "civilian") ||
        strstr(c->lx->agents[ch->agent].key, "-site"))
        return 0;
    if (TOK_IN(c, ch->te - 1, "person", "man", "woman", "boy", "girl", "child", "civilian", "leader",
                              "activist", "candidate", "people", "persons", "civilians", "family",
                              "suspects", "herders", "herdsmen", "pastoralists", "hunters"))
        return 0; /* (people and civilians in general are the usual victims, not a crowd; herders fight as militias) */
    return ends_with(c, ch->te - 1, "s");
}

/* The clause [a, b) tells of firearms or blades ("exchanged fire", "a
 * shoot-out", "spear-wielding herders"). */
static int armed_words(const coder *c, uint32_t a, uint32_t b)
{
    for (uint32_t k = a; k < b; k++)
        if (TOK_IN(c, k, "fire", "shot", "shots", "shooting", "shoot-out", "shootout", "gunfire",
                         "guns", "gun", "gunfight", "firearms", "rifles", "armed", "machetes",
                         "spears", "arrows", "knives", "pangas") ||
            ends_with(c, k, "-wielding"))
            return 1;
    return 0;
}

/* The victim phrase is one person held as a suspect ("a suspected
 * al-Shabaab militant", "an alleged terrorist"), and the rest of the
 * sentence from the clause on tells of no fight or weapon. */
static int suspect_victim(const coder *c, const chunk *ch, uint32_t a, uint32_t se_end)
{
    uint32_t k0 = ch->ntb < ch->nte ? ch->ntb : ch->tb;
    int sus = 0, one = 0;
    for (uint32_t k = k0 > a + 3 ? k0 - 3 : a; k < ch->te && !sus; k++)
        sus = TOK_IN(c, k, "suspected", "alleged", "suspect");
    for (uint32_t k = k0 > a + 3 ? k0 - 3 : a; k < ch->te && !one; k++)
        one = TOK_IN(c, k, "a", "an", "one");
    if (!sus || !one || ends_with(c, ch->te - 1, "s"))
        return 0;
    for (uint32_t k = a; k < se_end; k++) /* (the whole rest of the sentence: "…, and recovered two rifles") */
        if (TOK_IN(c, k, "exchange", "exchanged", "shootout", "shoot-out", "armed", "gunfight",
                         "firefight", "resisted", "attacked", "weapons", "weapon", "gun",
                         "guns", "rifle", "rifles", "grenade", "grenades", "explosives"))
            return 0;
    return 1;
}

/* "clashes between X and affiliates on one side and Y on the other": the
 * phrase before "on one side" (with what is joined to it) against the first
 * phrase after it. */
static void one_side_other(const coder *c, uint32_t a, uint32_t b, const chunk *ch, size_t nch, int *i1, int *i2)
{
    /* "clashes between regime forces against opposition rebels" */
    for (size_t k = 0; k + 1 < nch; k++) {
        if (!(ch[k].tb > a && (tok_is(c, ch[k].tb - 1, "between") ||
                               (ch[k].tb > a + 1 && tok_is(c, ch[k].tb - 1, "the") && tok_is(c, ch[k].tb - 2, "between")))))
            continue;
        for (size_t q = k + 1; q < nch; q++) {
            if (ch[q].attrib || ch[q].conj)
                continue;
            uint32_t o = ch[q].ntb < ch[q].nte ? ch[q].ntb : ch[q].tb;
            if (o > a + 1 && tok_is(c, o - 1, "the"))
                o--;
            if (o > a && tok_is(c, o - 1, "against")) {
                *i1 = (int)k;
                *i2 = (int)q;
            }
            break;
        }
        break;
    }
    for (uint32_t k = a, any = TOK_ANY(c, "side"); any && k + 3 < b; k++) {
        if (!(tok_is(c, k, "on") && tok_is(c, k + 1, "one") && tok_is(c, k + 2, "side")))
            continue;
        int x = -1, y = -1;
        for (size_t q = 0; q < nch; q++) {
            if (ch[q].te <= k && !ch[q].attrib && !ch[q].conj && ch[q].prep != 'i')
                x = (int)q;
            if (ch[q].tb > k + 2 && !ch[q].attrib && y < 0)
                y = (int)q;
        }
        if (x >= 0 && y >= 0) {
            *i1 = x;
            *i2 = y;
        }
        return;
    }
}

/* "Bandits attack villagers", "militiamen kill a herder": a one-word
 * trigger right after an actor or agent phrase is that phrase's verb, in
 * the present tense of headlines. */
static int subject_verb(const coder *c, uint32_t a, const mention *m)
{
    if (m->te != m->tb + 1 || m->tb <= a)
        return 0;
    const mention *e = ent_at(c, m->tb - 1);
    return e && (e->type == MT_AGENT || e->type == MT_ACTOR) && !tok_is(c, m->tb - 1, "the");
}

/* Does an object start at token k, right after a present-tense verb
 * ("raiders attack Turkana", "attack two villages", "attack and injure
 * guards")? A determiner, a count, a place, an actor or a capitalised name
 * opens one; so does "and" with a second verb. A preposition, punctuation or
 * the end of the clause does not ("the attack on", "attack." ). */
static int object_at(const coder *c, uint32_t k, uint32_t b)
{
    if (k >= b || k >= c->t.ntoks || c->t.toks[k].kind == SR_TOK_PUNCT)
        return 0;
    if (TOK_IN(c, k, "a", "an", "the", "his", "her", "their", "its", "two", "three", "several", "some", "rival",
               "local", "unarmed", "suspected", "alleged", "villagers", "residents"))
        return 1;
    if (c->ti[k].num || c->ti[k].quant)
        return 1;
    const mention *m = ent_at(c, k);
    if (m && m->tb == k && (m->type == MT_PLACE || m->type == MT_ACTOR || m->type == MT_AGENT || m->type == MT_COUNTRY))
        return 1;
    if (tok_is(c, k, "and") && k + 1 < b && c->t.toks[k + 1].kind == SR_TOK_WORD && !TOK_IN(c, k + 1, "the", "a", "an", "in", "on", "at"))
        return 1; /* "attack and injure", "attack and hold hostage" */
    const sr__tok *t = &c->t.toks[k];
    return t->kind == SR_TOK_WORD && isupper((unsigned char)c->t.orig[t->os]) && !(c->ti[k].w & (W_IN | W_TGT | W_BY | W_WITH | W_FROM));
}

/* Is token k the object of a headline verb: what object_at takes, or a
 * lower-case noun ("attacks herdsman", "attack campaigner") — a word that
 * is no function word, trigger, participle or number? */
static __attribute__((noinline)) int headline_object(const coder *c, uint32_t k, uint32_t b)
{
    if (object_at(c, k, b))
        return 1;
    if (k >= b || c->t.toks[k].kind != SR_TOK_WORD || c->ti[k].trig || c->ti[k].num || c->ti[k].quant || c->ti[k].w ||
        is_aux(c, k) || ends_with(c, k, "ed") || ends_with(c, k, "ing") || ends_with(c, k, "ly"))
        return 0;
    return !TOK_IN(c, k, "in", "on", "at", "by", "for", "from", "to", "with", "of", "and", "or", "near", "during",
                   "after", "before", "since", "against", "continue", "continues", "increase", "increased", "rise",
                   "rose", "left", "leave", "leaves", "kill", "killed", "have", "has", "had", "that", "which", "who",
                   "as", "are", "is", "was", "were", "this", "last", "there", "here", "also", "but", "it", "they");
}

/* Do tokens [from, to) hold a comma and, after it, a source's report
 * ("…, according to …", "…, which said …")? */
static int reported_after(const coder *c, uint32_t from, uint32_t to)
{
    int comma = 0;
    for (uint32_t j = from; j < to; j++) {
        if (comma && TOK_IN(c, j, "said", "says", "saying", "reported", "according"))
            return 1;
        comma |= tok_is(c, j, ",");
    }
    return 0;
}

/* The row of a trigger without a gap that has token i's word as a
 * variant, or -1: what a gap trigger ("stoned … to death") falls back to
 * when its second word is missing. Read from the document's dictionary
 * matches (every row matching a span is one of them); the first row wins. */
static __attribute__((noinline)) long gapless_row(const coder *c, uint32_t i)
{
    const sr__lexicon *lx = c->lx;
    size_t lo = raw_first_at(c, i);
    long best = -1;
    for (size_t r = lo; r < c->nraw && c->raw[r].tb == i; r++) {
        uint32_t id = c->raw[r].id, row = SR_LX_ROW(id);
        if (c->raw[r].te == i + 1 && SR_LX_TABLE(id) == SR_LX_TRIGGER &&
            !(lx->triggers[row].bits & (SR__TRIG_GAP | SR__TRIG_LABEL)) && (best < 0 || row < (uint32_t)best))
            best = (long)row;
    }
    return best;
}

/* The row a killing verb with a gap falls back to when its second word is
 * missing ("rioters stoned offices"), or -1: only when used actively before
 * an object (not "a burnt building", "houses were burnt"). */
static __attribute__((noinline)) long gap_fallback(const coder *c, const mention *m, uint32_t i, uint32_t a, uint32_t b)
{
    if (c->lx->triggers[m->row].cid != TC_KILL || m->te != i + 1 || i <= a ||
        !islower((unsigned char)c->t.orig[c->t.toks[i].os]))
        return -1;
    if (is_aux(c, i - 1)) {
        /* "the office was burnt overnight by rioters": a passive with its
         * agent is the act too */
        int by = 0;
        for (uint32_t k = i + 1; k < b && k < i + 8 && !by && !is_punct(c, k); k++)
            by = tok_is(c, k, "by");
        /* ("offices were burnt in protest of the nominations": the act of a protest) */
        if (!by && i + 2 < c->t.ntoks && TOK_IN(c, i + 1, "in", "to") && tok_is(c, i + 2, "protest"))
            by = 1;
        return by ? gapless_row(c, i) : -1;
    }
    if (TOK_IN(c, i - 1, "a", "an", "the", "been", "being", "get", "got") || !headline_object(c, i + 1, b))
        return -1;
    return gapless_row(c, i);
}

/* "Marule clan attacks herdsman", "Unknown group attacks campaigner": is
 * the noun trigger tm a headline's bare "attack(s)" after a few words that
 * open the clause (no punctuation, article or preposition right before it,
 * one subject at most) and before a noun, that is, the verb whatever the
 * subject is? */
static __attribute__((noinline)) int headline_verb(const coder *c, const mention *tm, uint32_t a, uint32_t b,
                                                   const chunk *ch, size_t nch)
{
    if (!(tm->te == tm->tb + 1 && TOK_IN(c, tm->tb, "attack", "attacks") && tm->tb > a && tm->tb - a <= 7 &&
          headline_object(c, tm->te, b) &&
          !TOK_IN(c, a, "in", "on", "after", "following", "during", "amid", "despite", "since", "before", "with", "by",
                  "for", "to", "the", "a", "an", "this", "these", "such", "similar", "further", "more") &&
          !TOK_IN(c, tm->tb - 1, "the", "an", "a", "this", "that", "of", "to", "recent", "further", "more", "similar",
                  "several", "many", "two", "three", "deadly", "fatal", "renewed", "separate", "suspected", "alleged",
                  "armed", "gun", "knife", "militant", "terror", "terrorist", "rebel", "insurgent")))
        return 0;
    int ok = !c->ti[tm->tb - 1].num && !c->ti[tm->tb - 1].quant, nsub = 0;
    for (uint32_t k = a; k < tm->tb && ok; k++)
        ok = !is_punct(c, k) && !c->ti[k].trig && !is_aux(c, k);
    for (size_t k = 0; k < nch; k++)
        nsub += ch[k].tb < tm->tb;
    return ok && nsub <= 1; /* (one subject: "gunmen with links to X attack hotel" would swap the roles) */
}

/* The noun trigger tm a bare "attack(s)" right after the last actor phrase
 * of a subject that opens the clause (one word at most between, or the
 * comma closing an apposition opened after the first phrase) and before an
 * object (the next phrase, with no preposition, or what object_at takes)?
 * (headline_verb takes a single short subject; this the longer ones.) */
static __attribute__((noinline)) int subject_chain_verb(const coder *c, const mention *tm, uint32_t a, uint32_t b,
                                                        const chunk *ch, size_t nch, int i2)
{
    if (tm->te != tm->tb + 1 || !TOK_IN(c, tm->tb, "attack", "attacks") || tm->tb <= a + 1 || nch < 2 ||
        ch[0].prep || (ch[0].tb != a && !(ch[0].ntb == a && ch[0].nte > a) && !(ch[0].tb <= a + 3 && looks_proper(c, a, ch[0].tb))) ||
        TOK_IN(c, tm->tb - 1, "the", "an", "a", "this", "that", "of", "to", "recent", "further", "more", "similar",
               "several", "many", "deadly", "fatal", "renewed", "separate", "suspected", "alleged", "armed"))
        return 0;
    int j = -1; /* the last phrase before the trigger */
    for (size_t k = 0; k < nch; k++)
        if (ch[k].te <= tm->tb)
            j = (int)k;
    /* (one phrase alone with an apposition between its commas:
     * "Party supporters, those of the senator, attack journalists") */
    if (j == 0 && !(tok_is(c, ch[0].te, ",") && tok_is(c, tm->tb - 1, ",") && tm->tb > ch[0].te + 2 &&
                    tm->tb <= ch[0].te + 9))
        return 0;
    if (j < 0 || (j >= 1 && ch[j].te + 2 < tm->tb))
        return 0;
    int commas = 0;
    for (uint32_t k = a; k < tm->tb; k++) {
        if (c->ti[k].trig || (is_aux(c, k) && commas != 1) || (is_punct(c, k) && !tok_is(c, k, ",")))
            return 0; /* (an auxiliary only inside the apposition: "believed to be") */
        commas += tok_is(c, k, ",");
    }
    /* (a comma only as the pair around an apposition: "Raiders, believed to be OLF, attack") */
    if (commas && !(commas == 2 && tok_is(c, ch[0].te, ",") && tok_is(c, tm->tb - 1, ",")))
        return 0;
    return (i2 >= 0 && ch[i2].prep == 0 && ch[i2].tb >= tm->te && ch[i2].tb <= tm->te + 3) ||
           object_at(c, tm->te, b);
}

/* "the militants carried out a fresh attack", "the air force launched
 * attacks on the hideouts", "gunmen staged a raid": a noun trigger right after a
 * support verb in the active (at most two words between, no punctuation,
 * no other trigger) is the act the verb's subject did, with or without a
 * target named. (Not "launched an investigation into the attack": the
 * verb must be the noun's own.) */
static __attribute__((noinline)) int support_verb(const coder *c, const mention *tm, uint32_t a)
{
    if (tm->tb <= a || !TOK_ANY(c, "carried", "carries", "carry", "launch", "launched", "launches", "mounted", "mount",
                                "mounts", "staged", "stage", "stages", "conducted", "conducts", "conduct"))
        return 0;
    for (uint32_t k = tm->tb; k > a && k + 4 > tm->tb; k--) {
        uint32_t v = k - 1;
        if (is_punct(c, v) || (v + 1 < tm->tb && c->ti[v].trig))
            return 0;
        int sv = TOK_IN(c, v, "launch", "launched", "launches", "mounted", "mount", "mounts", "staged", "stage",
                        "stages", "conducted", "conducts", "conduct") ||
                 (tok_is(c, v, "out") && v > a && TOK_IN(c, v - 1, "carried", "carries", "carry"));
        if (sv) { /* (not "an attack was carried out": the passive has its own reading; nor "a base to launch attacks": a purpose) */
            uint32_t w = v - (tok_is(c, v, "out") ? 1 : 0);
            return !(w > a && (is_aux(c, w - 1) || tok_is(c, w - 1, "to")));
        }
    }
    return 0;
}

/* "fighting around X has continued", "clashes continued": a noun trigger
 * whose verb says it goes on, with no actor or number in its part of the
 * clause. */
static __attribute__((noinline)) int continued_fighting(const coder *c, const mention *tm, uint32_t a, uint32_t b)
{
    if (is_past_verb(c, tm->tb) || (!ends_with(c, tm->tb, "ing") && !TOK_IN(c, tm->tb, "clashes", "violence",
                                                                               "battles", "hostilities")))
        return 0;
    int cont = 0;
    for (uint32_t k = tm->te; k < b && k < tm->te + 7 && !cont && !is_hard_punct(c, k); k++)
        cont = TOK_IN(c, k, "continued", "continues", "continue", "continuing", "persisted", "persists",
                      "persist", "raged", "rages");
    if (!cont)
        return 0;
    for (uint32_t k = segment_start(c, a, tm->tb); k < b && !is_hard_punct(c, k); k++) {
        const mention *m = c->ti[k].ent ? ent_at(c, k) : NULL;
        if (c->ti[k].num || (m && (m->type == MT_ACTOR || m->type == MT_AGENT)))
            return 0;
    }
    return 1;
}

/* A fight of which one side is a party's crowd ("supporters", "followers",
 * "activists": agents.tsv row supporters) and the other is no state force
 * and no armed agent ("gunmen"): named parties and other crowds qualify. */
static __attribute__((noinline)) int supporters_fight(const coder *c, const chunk *ch, int i1, int i2, int r1, int r2)
{
    if (i1 < 0 || i2 < 0 || r1 == 's' || r2 == 's')
        return -1;
    const sr__lexicon *lx = c->lx;
    int sup1 = ch[i1].agent >= 0 && STREQ(lx->agents[ch[i1].agent].key, "supporters");
    int sup2 = ch[i2].agent >= 0 && STREQ(lx->agents[ch[i2].agent].key, "supporters");
    if (!sup1 && !sup2)
        return -1;
    for (size_t k = 0; k < 2; k++) { /* ("two groups of herders": herders who fight are a communal militia) */
        const chunk *h = &ch[k ? i2 : i1];
        for (uint32_t j = h->tb; j < h->te; j++)
            if (TOK_IN(c, j, "herders", "herdsmen", "pastoralists", "morans", "villagers", "clansmen"))
                return -1;
    }
    int oi = sup1 ? i2 : i1;
    const chunk *o = &ch[oi];
    if (o->actor < 0 && o->agent >= 0 && STREQ(lx->agents[o->agent].role, "armed"))
        return -1;
    /* a group named as itself ("Imbonerakure and CNL supporters") stays the
     * other side; a party named in brackets or after "of", "by" or "and"
     * only says whose supporters they are */
    if (o->actor >= 0 && o->agent < 0 &&
        (o->tb == 0 || !TOK_IN(c, o->tb - 1, "(", "of", "the", "for", "both", "by", "and")))
        return oi;
    return -2; /* (a fight of crowds with no named side) */
}

/* Whether the object of the attack verb tm is a security post
 * ("attacked two checkpoints", "stormed an army outpost"): up to three
 * determiners, numbers or adjectives, then the post. */
static __attribute__((noinline)) int post_object(const coder *c, const mention *tm, uint32_t b)
{
    for (uint32_t k = tm->te; k < b && k < tm->te + 4; k++) {
        if (TOK_IN(c, k, "checkpoint", "checkpoints", "outpost", "outposts", "barracks", "garrison"))
            return 1;
        if (c->ti[k].ent || c->ti[k].trig || is_hard_punct(c, k) || TOK_IN(c, k, "in", "on", "at", "near", "of"))
            return 0;
    }
    return 0;
}

/* The bit set TB_… of build_mentions. */
static inline const uint64_t *tok_bits(const coder *c, int set)
{
    return c->starts + (size_t)set * (c->t.ntoks / 64 + 1);
}

/* "Pupils held a protest after their dormitory was set alight", "traders
 * protested after they found their stalls destroyed by county officers":
 * a riot, looting or mob act told in the passive (an auxiliary or a noun
 * right before it) whose agent, if named, is not the protesters is
 * something done to them, the protest's grievance (protest_grievance);
 * "shops were looted by the demonstrators" is their riot. */
static int passive_grievance(const coder *c, const mention *tm)
{
    if (!is_aux(c, tm->tb - 1))
        return 0;
    /* ("offices were burnt in protest of the nominations": the act was the
     * protest's own, done as the protest) */
    if (tm->te + 1 < c->t.ntoks && TOK_IN(c, tm->te, "in", "to") && TOK_IN(c, tm->te + 1, "protest"))
        return 0;
    for (uint32_t k = tm->te; k < c->t.ntoks && k < tm->te + 4; k++)
        if (TOK_IN(c, k, "by") && k + 1 < c->t.ntoks) {
            uint32_t f = TOK_IN(c, k + 1, "the", "angry", "irate", "rowdy") && k + 2 < c->t.ntoks ? k + 2 : k + 1;
            return !TOK_IN(c, f, "protesters", "protestors", "demonstrators", "demonstrations", "protests", "rioters",
                           "students", "strikers", "marchers", "crowd", "crowds", "youths", "youth");
        }
    return 1;
}

/* "Students protested after a student is raped", "marched demanding justice
 * for a schoolgirl who was raped", "held a demo over the disappearance of
 * several men": a rape or an abduction told after a protest verb or noun in
 * its clause is the protest's grievance, so the protest is the event, as
 * with the grievance words code_clause reads just before the act ("against
 * the abduction of"); a riot told after the act still outranks the protest.
 * Protest words that carry their own sub-event (tear gas, dispersal) are
 * not the protest told. */
static const mention *protest_grievance(const coder *c, const mention *const *trigs, int nt, const mention *tm)
{
    int cls = c->lx->triggers[tm->row].cid;
    if (((cls == TC_RIOT) || (cls == TC_LOOT) || (cls == TC_MOB)) && tm->tb > 0 && passive_grievance(c, tm))
        cls = TC_SEXUAL; /* (read as the grievance below: "protested after a hall was burned") */
    if (cls != TC_SEXUAL && cls != TC_ABDUCT)
        return tm;
    const mention *pr = NULL;
    for (int k = 0; k < nt && !pr; k++)
        if (trigs[k]->tb < tm->tb && (c->lx->triggers[trigs[k]->row].cid == TC_PROTEST) &&
            !*c->lx->triggers[trigs[k]->row].sub_event_type)
            pr = trigs[k];
    if (!pr)
        return tm;
    for (int k = 0; k < nt; k++)
        if (trigs[k]->tb >= tm->te && (c->lx->triggers[trigs[k]->row].cid == TC_RIOT) &&
            !(c->lx->triggers[trigs[k]->row].bits & SR__TRIG_WEAK))
            return trigs[k];
    return pr;
}

/* "A group of women protesting the ban lured two activists and attacked
 * them", "Workers protesting unpaid wages attacked a county official":
 * an attack told as a past-tense verb after the protest trigger of the
 * same clause, with nothing between them that gives the attack another
 * subject (a relative pronoun, an agent "by", a cause word, a force
 * named, a demand's words), was done by the protesters: the demonstration was violent.
 * Called for a protest clause only; reads the tokens between the two
 * triggers. */
static int protesters_attacked(const coder *c, const mention *const *trigs, int nt, const mention *tm)
{
    if (*c->lx->triggers[tm->row].sub_event_type)
        return 0; /* (a protest told by the force's act: "police used teargas and shot …") */
    for (int k = 0; k < nt; k++) {
        const mention *t = trigs[k];
        int tcls = c->lx->triggers[t->row].cid;
        /* ("…, residents block the road, holding a driver hostage": taking a
         * hostage told as a participle after a comma is the clause's crowd's act) */
        if ((tcls == TC_ABDUCT) && t->tb > tm->te && tok_is(c, t->tb - 1, ",") && TOK_IN(c, t->tb, "holding", "taking"))
            return 1;
        if (((tcls != TC_ATTACK) && (tcls != TC_ABDUCT)) || t->tb < tm->te || !is_past_verb(c, t->tb) ||
            is_aux(c, t->tb - 1) || (c->ti[t->tb - 1].w & W_MOD) ||
            (t->te < c->t.ntoks && TOK_IN(c, t->te, "at", "in", "into", "by")))
            continue; /* ("violence targeted at women", "shot in the air") */
        int other = 0;
        for (uint32_t q = tm->te; q < t->tb && !other; q++)
            other = TOK_IN(c, q, "who", "that", "which", "whom", "by", "after", "following", "over", "against", "police",
                           "policemen", "officers", "forces", "soldiers", "guards", "gunmen", "men", "when", "as", "were",
                           "was", "demand", "demands", "demanding", "justice", "arrest", "killers", "punishment");
        if (!other)
            return 1;
    }
    return 0;
}

/* "staged a protest against the clash between two groups", "following
 * prior clashes during the rally (coded separately)", "victims of ethnic
 * clashes held a demonstration", "protest the failure to stop clan
 * clashes": a clash named as a noun after a word of cause, object or
 * time-before is what a protest is about, not a fight of its own ("the
 * protest turned into clashes with police", "protesters clashed",
 * "reports of protester confrontations with police" are).
 * Looks at the four tokens before each clash trigger of the clause only;
 * called for a protest with a clash, so other clauses pay nothing. */
static int clash_acted(const coder *c, const mention *const *trigs, int nt, uint32_t a)
{
    for (int k = 0; k < nt; k++) {
        const mention *t = trigs[k];
        if (c->lx->triggers[t->row].cid != TC_CLASH)
            continue;
        if (is_past_verb(c, t->tb))
            return 1;
        int about = 0;
        for (uint32_t q = t->tb > a + 4 ? t->tb - 4 : a; q < t->tb && !about; q++)
            about = TOK_IN(c, q, "against", "following", "after", "over", "victims", "amid", "prior", "previous",
                           "earlier", "stop", "end", "response", "condemning", "condemn", "denouncing", "denounce");
        if (!about)
            return 1;
    }
    return 0;
}

/* "Kenyan and Somali youths clash following a grenade attack", "rioting
 * youths attack Somali civilians after a grenade attack", "students
 * demonstrate after a spate of grenade attacks", "Following an IED attack the
 * day before, security forces raided the village": a bomb told after
 * "following" or "after" is the cause of the act told around it, which is
 * the event. A killing or injury told before "after" is the bomb's own toll
 * ("a soldier was killed after an IED detonated", "three were injured after
 * a grenade was hurled") and keeps the bomb. */
static const mention *explosive_cause(const coder *c, const mention *const *trigs, int nt, const mention *tm,
                                      uint32_t a)
{
    int cls = c->lx->triggers[tm->row].cid;
    if (cls != TC_GRENADE && cls != TC_REMOTE && cls != TC_SUICIDE)
        return tm;
    uint32_t k = tm->tb, lo = tm->tb > a + 4 ? tm->tb - 4 : a;
    while (k > lo && !TOK_IN(c, k - 1, "following", "after"))
        k--;
    if (k == lo)
        return tm;
    k--; /* ("following") */
    const mention *best = NULL;
    for (int j = 0; j < nt; j++) {
        const mention *m = trigs[j];
        int k2 = c->lx->triggers[m->row].cid;
        if (m == tm || (c->lx->triggers[m->row].bits & SR__TRIG_WEAK) ||
            !((k2 == TC_CLASH) || (k2 == TC_ATTACK) || (k2 == TC_RIOT) || (k2 == TC_MOB) ||
              (k2 == TC_PROTEST)))
            continue;
        int hurt = 0; /* ("critically injured after a grenade was hurled": the toll) */
        for (uint32_t i = m->tb; i < m->te && !hurt; i++)
            hurt = TOK_IN(c, i, "injured", "wounded", "hurt");
        if (hurt)
            continue;
        if (m->te <= k || (k == a && m->tb > tm->te)) /* (before "after", or after a fronted "Following …,") */
            if (!best || class_rank(k2) < class_rank(c->lx->triggers[best->row].cid))
                best = m;
    }
    return best ? best : tm;
}

/* "Raiders steal 3,000 cattle", "bandits struck the area and stole
 * livestock": armed raiders driving off a community's herds raid its
 * herders, which ACLED codes as an attack on civilians, not as looting. */
/* "the house was petrol bombed", "a bus was fire-bombed by the gang": a
 * bomb thrown by hand, not from the air; the act is an attack by whoever
 * threw it (the air row's "bombed" read it as an air strike) */
static int hand_bombed(const coder *c, const mention *tm, uint32_t a)
{
    return tm->te == tm->tb + 1 && tm->tb > a && TOK_IN(c, tm->tb, "bombed", "bombing") &&
           TOK_IN(c, tm->tb - 1, "petrol", "fire", "molotov", "gasoline", "crude");
}

/* Whether the air trigger tm is a bare "strikes" in a sentence that names
 * no aircraft nor air force: then it tells of labour strikes */
static int labour_strikes(const coder *c, const mention *tm, const sr__sent *se)
{
    if (tm->te != tm->tb + 1 || !tok_is(c, tm->tb, "strikes"))
        return 0;
    for (uint32_t k = se->tb; k < se->te; k++)
        if (TOK_IN(c, k, "air", "aircraft", "airstrikes", "warplanes", "warplane", "jets", "jet", "drone", "drones",
                         "planes", "plane", "helicopter", "helicopters", "aerial", "coalition", "bombers", "force",
                         "forces", "military", "army", "missile", "missiles", "regime", "targeted", "killed"))
            return 0;
    return 1;
}

/* Whether the explosive trigger tm is a "mine" one digs: "stone mines",
 * "a gold mine", or any mine in a text about miners or a quarry */
static int mining_mine(const coder *c, const mention *tm, uint32_t a)
{
    if (tm->te != tm->tb + 1 || !TOK_IN(c, tm->tb, "mine", "mines"))
        return 0;
    if (tm->tb > a && TOK_IN(c, tm->tb - 1, "gold", "stone", "coal", "copper", "diamond", "salt", "tin", "quarry",
                                             "cobalt", "lithium", "uranium", "iron", "jade", "ruby", "sand"))
        return 1;
    return TOK_ANY(c, "miners", "mineworkers", "quarry");
}

/* Whether the sexual-violence trigger tm names an accusation or a cause
 * rather than the act: "suspected of rape", "accused of rape", "an alleged
 * case of sexual assault", "action against sexual violence", "justice for
 * her rape", "theft and rape cases" */
static int rape_as_grievance(const coder *c, const mention *tm, const sr__sent *se)
{
    for (uint32_t k = tm->tb > se->tb + 3 ? tm->tb - 3 : se->tb; k < tm->tb; k++)
        if (TOK_IN(c, k, "suspected", "accused", "alleged", "against", "justice", "case", "over"))
            return 1;
    return tm->te < se->te && TOK_IN(c, tm->te, "cases", "case", "suspect", "suspects", "charges", "allegations");
}

/* "A crowd kills two robbers who had stabbed a trader": a past tense after a
 * relative pronoun (an auxiliary may come between) tells what the object
 * had done, not the clause's main verb, when a trigger comes before it */
static int relative_verb(const coder *c, uint32_t i, uint32_t a)
{
    if (i > a + 1 && TOK_IN(c, i - 1, "had", "has", "have"))
        i--;
    return i > a && TOK_IN(c, i - 1, "who", "which", "that");
}

/* Does a word that opens a clause of its own ("who", "that", "to" before a
 * verb, a finite "were", "had") stand in [i, e)? */
static int own_clause_between(const coder *c, uint32_t i, uint32_t e)
{
    for (; i < e; i++)
        if (TOK_IN(c, i, "who", "which", "that", "to", "were", "was", "been", "had", "has", "have"))
            return 1;
    return 0;
}

static int livestock_raid(const coder *c, const mention *tm, uint32_t a, uint32_t b)
{
    if (!TOK_IN(c, tm->tb, "steal", "steals", "stole", "stealing", "rustled") ||
        !TOK_ANY(c, "cattle", "livestock", "goats", "camels", "cows", "sheep", "herds"))
        return 0;
    int herd = 0, raiders = 0;
    for (uint32_t k = tm->te; k < b && k < tm->te + 6 && !herd; k++)
        herd = TOK_IN(c, k, "cattle", "livestock", "goats", "camels", "cows", "sheep", "herds");
    /* (the raiders named as such: "militias stole 43 cows from a university"
     * is a theft of property) */
    for (uint32_t k = a; k < tm->tb && herd && !raiders; k++)
        raiders = TOK_IN(c, k, "raiders", "bandits", "rustlers", "armed", "gunmen");
    return herd && raiders;
}

static int code_clause(coder *c, uint32_t s, uint32_t a, uint32_t b)
{
    const sr__lexicon *lx = c->lx;
    const sr__sent *se = &c->t.sents[s];
    /* triggers in the clause */
    const mention *trigs[16];
    int nt = 0;
    const mention *riot_force = NULL; /* "riot police", left out of the triggers */
    const uint64_t *tstart = tok_bits(c, TB_TRIG), *fstart = tok_bits(c, TB_FIG);
    for (uint32_t i = next_start(tstart, a, b); i < b && nt < 16; i = next_start(tstart, i + 1, b)) {
        const mention *m = &c->men[c->ti[i].trig - 1];
        if (m->tb != i)
            continue;
        if (c->ti[i].cue >> CUE_ZERO & 1) /* "no one was killed" reports no killing */
            continue;
        /* "Movement of forces: ...": a label only opens the sentence before a colon */
        if ((lx->triggers[m->row].bits & SR__TRIG_LABEL) && (i != se->tb || !tok_is(c, m->te, ":"))) {
            i = m->te - 1;
            continue;
        }
        /* "in the fight against the coronavirus", "workers engaged in
         * mining": fighting a disease or a social ill, or being engaged in
         * work, is no fight */
        if ((lx->triggers[m->row].cid == TC_CLASH) && m->te == i + 1 && not_a_fight(c, i, b))
            continue;
        /* "troops were deployed in the villages": a force in place, the
         * setting of what follows; only the active "police deployed to the
         * island", "deployed the army" tells the move itself (and in a note
         * that "Movement of forces: ..." opens, the move that label names) */
        if ((lx->triggers[m->row].cid == TC_CHANGE) && (lx->triggers[m->row].bits & SR__TRIG_WEAK) && i > a &&
            TOK_IN(c, i, "deployed") &&
            (is_aux(c, i - 1) || (c->ti[se->tb].trig && lx->triggers[c->men[c->ti[se->tb].trig - 1].row].cid == TC_CHANGE)))
            continue;
        /* "Riot police open fire on protesters": the force's name, not a riot
         * (kept below when the clause tells no other act) */
        if ((lx->triggers[m->row].cid == TC_RIOT) && m->te == i + 1 && i + 1 < b && !riot_force &&
            TOK_IN(c, i + 1, "police", "policemen", "squad", "gear", "control", "unit", "units", "officers") &&
            TOK_IN(c, i, "riot")) {
            riot_force = m;
            continue;
        }
        /* negation or modality just before the trigger cancels it */
        uint32_t lo = i > a + 5 ? i - 5 : a;
        long ng = find_cue(c, lo, i, CUE_NEG);
        if (ng >= 0) /* ("(exact date not reported) traders protested": a closed aside negates nothing after it) */
            for (uint32_t k = (uint32_t)ng; k < i && ng >= 0; k++)
                if (tok_is(c, k, ")"))
                    ng = -1;
        if (ng >= 0 || find_cue(c, lo, i, CUE_MODAL) >= 0)
            continue;
        /* "a video of his arrest spread": an arrest named with a possessive
         * pronoun, no verb, refers to one told elsewhere */
        if (i > a && (lx->triggers[m->row].cid == TC_ARREST) && TOK_IN(c, i - 1, "his", "her", "their") &&
            TOK_IN(c, i, "arrest", "arrests", "detention")) {
            i = m->te - 1;
            continue;
        }
        /* "the recovery of looted funds": a participle after "of"/"the" is an adjective */
        if (i > a && (tok_is(c, i - 1, "of") || tok_is(c, i - 1, "the")) && ends_with(c, i, "ed") &&
            m->te == i + 1 && ((lx->triggers[m->row].cid == TC_LOOT) || (lx->triggers[m->row].cid == TC_ARREST) ||
                               (lx->triggers[m->row].cid == TC_ABDUCT)))
            continue;
        /* "linked with ongoing political violence", "the victims of election
         * violence": a weak riot word as the object of "with"/"of"/"to" names
         * the background of the act told, not an act of its own */
        if (i > a && (lx->triggers[m->row].cid == TC_RIOT) && (lx->triggers[m->row].bits & SR__TRIG_WEAK)) {
            uint32_t k = i - 1;
            while (k > a && TOK_IN(c, k, "ongoing", "recent", "continuing", "continued", "the"))
                k--;
            if (TOK_IN(c, k, "with", "of", "to"))
                continue;
        }
        /* "the body of a kidnapped girl": a participle after "a"/"an" is an
         * adjective on the noun that follows, the victim of an act told elsewhere */
        if (i > a && TOK_IN(c, i - 1, "a", "an") && ends_with(c, i, "ed") && m->te == i + 1 &&
            (lx->triggers[m->row].cid == TC_ABDUCT))
            continue;
        /* "police intercepted the rally", "confiscated their megaphones": a
         * bare interception or confiscation disrupts a weapon only when a
         * weapon follows; otherwise other words tell the event */
        if ((lx->triggers[m->row].cid == TC_DEFUSE) && m->te == i + 1 && bare_seizure(c, i, b))
            continue;
        /* "force IS fighters out of": a trigger with a gap needs its second word */
        const char *gap = lx->triggers[m->row].bits & SR__TRIG_GAP ? strstr(lx->triggers[m->row].flags, "gap:") : NULL;
        if (gap) {
            char w[32];
            size_t gl = strcspn(gap + 4, ",");
            snprintf(w, sizeof w, "%.*s", (int)(gl < 31 ? gl : 31), gap + 4);
            int found = 0;
            for (uint32_t k = m->te; k < b && k < m->te + 7 && !found; k++) {
                if (k > m->te && ends_with(c, k - 1, "ed") && !(k - 1 == m->te || TOK_IN(c, k - 2, "a", "an", "the")))
                    break; /* "driving a vehicle carried out": the word belongs to another verb ("set a suspected thief alight", "stone suspected thieves to death": an adjective does not) */
                found = tok_is(c, k, w);
            }
            /* "rioters stoned offices", "burnt the station": a killing
             * verb without its "to death" is the act the same word names
             * elsewhere in the dictionary */
            long alt = found ? -1 : gap_fallback(c, m, i, a, b);
            if (alt >= 0)
                c->men[c->ti[i].trig - 1].row = (uint32_t)alt;
            else if (!found)
                continue;
        }
        trigs[nt++] = m;
        i = m->te - 1;
    }
    if (riot_force && nt < 16) { /* ("Riot police reinforcements responded": no act but the riot word) */
        int act = 0;
        for (int k = 0; k < nt && !act; k++) {
            int cid = lx->triggers[trigs[k]->row].cid;
            act = (cid == TC_PROTEST) || (cid == TC_ATTACK) || (cid == TC_KILL) || (cid == TC_CLASH) ||
                  (cid == TC_MOB) || (cid == TC_RIOT) || (cid == TC_LOOT) || (cid == TC_ARREST);
        }
        if (!act) {
            int at = nt;
            while (at > 0 && trigs[at - 1]->tb > riot_force->tb)
                at--;
            for (int k = nt; k > at; k--)
                trigs[k] = trigs[k - 1];
            trigs[at] = riot_force;
            nt++;
        }
    }
    if (!nt)
        return 0;
    /* dominant trigger */
    const mention *tm = trigs[0];
    for (int k = 1; k < nt; k++)
        if (class_rank(lx->triggers[trigs[k]->row].cid) < class_rank(lx->triggers[tm->row].cid))
            tm = trigs[k];
    /* "relatives protested, weeks after a prison riot", "teachers barricaded
     * themselves into an office to protest": a riot named as the cause, or
     * a sit-in, yields to the protest */
    if ((lx->triggers[tm->row].cid == TC_RIOT) &&
        (tok_is(c, tm->te, "themselves") ||
         (!is_past_verb(c, tm->tb) && TOK_IN(c, tm->tb, "riot", "riots", "rioting")))) {
        int bg = tok_is(c, tm->te, "themselves");
        for (uint32_t k = tm->tb > a + 4 ? tm->tb - 4 : a; k < tm->tb && !bg; k++)
            bg = TOK_IN(c, k, "since", "following", "after", "over", "against", "during");
        for (int k = 0; k < nt && bg; k++)
            if ((lx->triggers[trigs[k]->row].cid == TC_PROTEST) && trigs[k] != tm) {
                tm = trigs[k];
                break;
            }
    }
    /* "protested against X for setting fire to a bus": a riot act in a
     * gerund after "for"/"over" is the protest's grievance */
    if ((lx->triggers[tm->row].cid == TC_RIOT) && ends_with(c, tm->tb, "ing") && tm->tb > a &&
        TOK_IN(c, tm->tb - 1, "for", "over"))
        for (int k = 0; k < nt; k++)
            if ((lx->triggers[trigs[k]->row].cid == TC_PROTEST) && trigs[k]->tb < tm->tb) {
                tm = trigs[k];
                break;
            }
    {
        int tc = lx->triggers[tm->row].cid; /* (the class decides for most clauses) */
        if (tc == TC_SEXUAL || tc == TC_ABDUCT || tc == TC_RIOT || tc == TC_LOOT || tc == TC_MOB)
            tm = protest_grievance(c, trigs, nt, tm);
        if (tc == TC_GRENADE || tc == TC_REMOTE || tc == TC_SUICIDE)
            tm = explosive_cause(c, trigs, nt, tm, a);
        if (tc == TC_ATTACK)
            tm = reply_noun(c, trigs, nt, tm, a);
    }
    /* "hacked and killed a leader, amid the violence following anti-government
     * demonstrations": a protest named as background yields to the act */
    int clash_bg = (lx->triggers[tm->row].cid == TC_CLASH) && !is_past_verb(c, tm->tb);
    if ((lx->triggers[tm->row].cid == TC_PROTEST) || (lx->triggers[tm->row].bits & SR__TRIG_WEAK) || clash_bg) {
        /* (so does fighting named as the setting: "a teacher was killed
         * during ethnic clashes") */
        int bg = 0;
        for (uint32_t k = tm->tb > a + 4 ? tm->tb - 4 : a; k < tm->tb && !bg; k++)
            bg = clash_bg ? TOK_IN(c, k, "during", "ongoing", "amid", "amidst")
                          : TOK_IN(c, k, "following", "after", "amid", "amidst", "related");
        for (int k = 0; k < nt && bg; k++) {
            int k2 = lx->triggers[trigs[k]->row].cid;
            if (((k2 == TC_KILL) || (k2 == TC_ATTACK) || (!clash_bg && ((k2 == TC_CLASH) || (k2 == TC_MOB)))) &&
                trigs[k]->tb < tm->tb && is_past_verb(c, trigs[k]->tb)) { /* ("a mob clashed with police amid … demonstrations") */
                tm = trigs[k];
                break;
            }
        }
        /* "The attack is likely related to recent demonstrations.": a
         * protest only named as what an act is related to is no event */
        int verb = 0;
        for (int k = 0; k < nt; k++)
            verb |= trigs[k] != tm && is_past_verb(c, trigs[k]->tb);
        if (!verb && (lx->triggers[tm->row].cid == TC_PROTEST) && tm->tb > a &&
            (tok_is(c, tm->tb - 1, "related") ||
             (tm->tb > a + 1 && tok_is(c, tm->tb - 2, "related") && TOK_IN(c, tm->tb - 1, "to")) ||
             (tm->tb > a + 2 && tok_is(c, tm->tb - 3, "related") && tok_is(c, tm->tb - 2, "to"))))
            return 0;
    }
    /* "Riots in Kisumu following the lynching of a driver": a mob's act
     * named after "following" or "after" is the cause of the riot or
     * protest told before it, not the event */
    if ((lx->triggers[tm->row].cid == TC_MOB) && tm->tb > a + 1) {
        uint32_t p = TOK_IN(c, tm->tb - 1, "the", "a") ? tm->tb - 2 : tm->tb - 1;
        if (p > a && TOK_IN(c, p, "following", "after"))
            for (int k = 0; k < nt; k++)
                if (((lx->triggers[trigs[k]->row].cid == TC_RIOT) || (lx->triggers[trigs[k]->row].cid == TC_PROTEST)) &&
                    trigs[k]->te <= p && !(lx->triggers[trigs[k]->row].bits & SR__TRIG_WEAK)) {
                    tm = trigs[k];
                    break;
                }
    }
    /* "clashed with police trying to rescue two officers who were
     * kidnapped": an abduction told as the cause or in a relative clause
     * yields to the fight */
    if (lx->triggers[tm->row].cid == TC_ABDUCT) {
        int rel = 0;
        for (uint32_t j = tm->tb > a + 3 ? tm->tb - 3 : a; j < tm->tb && !rel; j++)
            rel = TOK_IN(c, j, "who", "which", "that", "after", "of", "for", "involved");
        for (int k = 0; k < nt && rel; k++)
            if ((lx->triggers[trigs[k]->row].cid == TC_CLASH) && !(lx->triggers[trigs[k]->row].bits & SR__TRIG_WEAK)) {
                tm = trigs[k];
                break;
            }
        /* "families who say their children were kidnapped by X held a
         * sit-in": the abduction in the relative clause is what the
         * protest after it is about */
        int who = 0;
        for (uint32_t j = tm->tb > a + 6 ? tm->tb - 6 : a; j < tm->tb && !who; j++)
            who = TOK_IN(c, j, "who", "whose");
        for (int k = 0; k < nt && who && (lx->triggers[tm->row].cid == TC_ABDUCT); k++)
            if ((lx->triggers[trigs[k]->row].cid == TC_PROTEST) && trigs[k]->tb > tm->te) {
                tm = trigs[k];
                break;
            }
    }
    /* "beat three men and then detained them": the violence outranks the
     * arrest that followed it */
    if (lx->triggers[tm->row].cid == TC_ARREST)
        for (int k = 0; k < nt; k++) {
            int k2 = lx->triggers[trigs[k]->row].cid;
            if (!((k2 == TC_KILL) || (k2 == TC_ATTACK)) || !is_past_verb(c, trigs[k]->tb))
                continue;
            int rel = 0;
            for (uint32_t j = trigs[k]->tb > a + 3 ? trigs[k]->tb - 3 : a; j < trigs[k]->tb && !rel; j++)
                rel = TOK_IN(c, j, "who", "for", "over", "after", "of", "allegedly");
            if (!rel) {
                tm = trigs[k];
                break;
            }
        }
    /* "protested against the abduction of", "demanding a bill penalising
     * rape": the act a demonstration is about is not the event */
    {
        const mention *pr = NULL;
        for (int k = 0; k < nt && !pr; k++)
            if ((lx->triggers[trigs[k]->row].cid == TC_PROTEST) && !*lx->triggers[trigs[k]->row].sub_event_type &&
                trigs[k]->tb < tm->tb)
                pr = trigs[k];
        int tc = lx->triggers[tm->row].cid;
        if (pr && ((tc == TC_ABDUCT) || (tc == TC_SEXUAL) || (tc == TC_ARREST) || (tc == TC_KILL) ||
                   (tc == TC_ATTACK) || (tc == TC_LOOT))) {
            int cause = !is_past_verb(c, tm->tb);
            for (uint32_t j = tm->tb > a + 3 ? tm->tb - 3 : a; j < tm->tb && !cause; j++)
                cause = TOK_IN(c, j, "of", "against", "over", "for", "about", "penalizing",
                                     "penalising", "condemning", "denouncing", "demanding");
            if (cause) {
                /* "demonstrators protesting a kidnapping engage in running
                 * battles with police": a riot told after the grievance
                 * still outranks the protest */
                const mention *act = tm;
                tm = pr;
                for (int k = 0; k < nt; k++)
                    if ((lx->triggers[trigs[k]->row].cid == TC_RIOT) && trigs[k]->tb >= act->te &&
                        !(lx->triggers[trigs[k]->row].bits & SR__TRIG_WEAK)) {
                        tm = trigs[k];
                        break;
                    }
            }
        }
    }
    /* "people who did not support the bus strikes", "amid the ongoing
     * strikes and blockades": a bare "strikes" with no aircraft in the
     * sentence is a labour strike, not an air strike; "the closure of stone
     * mines", "miners of a coal mine" are pits, not landmines; a man
     * "suspected of rape" whom a mob lynches, a protest over "an alleged
     * case of sexual assault" tell the grievance, not the act; all yield to
     * the act told with them */
    if (((lx->triggers[tm->row].cid == TC_AIR) && labour_strikes(c, tm, se)) ||
        ((lx->triggers[tm->row].cid == TC_REMOTE) && mining_mine(c, tm, a)) ||
        ((lx->triggers[tm->row].cid == TC_SEXUAL) && rape_as_grievance(c, tm, se)))
        for (int k = 0, cid = lx->triggers[tm->row].cid; k < nt; k++)
            if ((lx->triggers[trigs[k]->row].cid != cid) && !(lx->triggers[trigs[k]->row].bits & SR__TRIG_WEAK)) {
                tm = trigs[k];
                break;
            }
    /* "an operation backed by airstrikes killed 18 militants", "killed two
     * IS suicide bombers": air support, or the bombers a force killed, are
     * not the event; the fight or killing is */
    if ((lx->triggers[tm->row].cid == TC_AIR) || (lx->triggers[tm->row].cid == TC_SUICIDE)) {
        int aside = 0;
        if (lx->triggers[tm->row].cid == TC_AIR)
            for (uint32_t j = tm->tb > a + 5 ? tm->tb - 5 : a; j < tm->tb && !aside; j++)
                aside = TOK_IN(c, j, "backed", "supported", "support", "cover", "assisted");
        else
            aside = TOK_IN(c, tm->te - 1, "bombers", "bomber");
        for (int k = 0; k < nt && aside; k++) {
            int k2 = lx->triggers[trigs[k]->row].cid;
            if (((k2 == TC_KILL) || (k2 == TC_CLASH)) && is_past_verb(c, trigs[k]->tb) &&
                ((lx->triggers[tm->row].cid == TC_AIR) || trigs[k]->te <= tm->tb)) {
                tm = trigs[k];
                break;
            }
        }
    }
    /* "gunmen shot and killed a young man defected from the army",
     * "militants intercepted trucks, firing at their tyres": a change of
     * side or an interception yields to the violence told with it */
    if (((lx->triggers[tm->row].cid == TC_CHANGE) && !(lx->triggers[tm->row].bits & SR__TRIG_LABEL) &&
         !(tm->tb == se->tb && tok_is(c, tm->te, ":"))) || /* (not "Movement of forces:" opening the note) */
        ((lx->triggers[tm->row].cid == TC_DEFUSE) && TOK_IN(c, tm->tb, "intercepted", "intercept")))
        for (int k = 0; k < nt; k++) {
            int k2 = lx->triggers[trigs[k]->row].cid;
            if (((k2 == TC_KILL) || (k2 == TC_ATTACK) || (k2 == TC_CLASH) || (k2 == TC_ABDUCT)) &&
                !(lx->triggers[trigs[k]->row].bits & SR__TRIG_WEAK) &&
                (is_past_verb(c, trigs[k]->tb) || (ends_with(c, trigs[k]->tb, "ing") && trigs[k]->tb > a &&
                                                   tok_is(c, trigs[k]->tb - 1, ",")))) {
                tm = trigs[k];
                break;
            }
        }
    /* a generic word ("post-election violence") yields to anything more specific */
    /* ("a truce was signed to end the raids and killings": the acts after an
     * agreement are what it ends, so a weak agreement yields only to acts
     * told before it) */
    int agree_weak = (lx->triggers[tm->row].cid == TC_AGREEMENT) && (lx->triggers[tm->row].bits & SR__TRIG_WEAK);
    if (lx->triggers[tm->row].bits & SR__TRIG_WEAK)
        for (int k = 0; k < nt; k++)
            if (!(lx->triggers[trigs[k]->row].bits & SR__TRIG_WEAK) && !(agree_weak && trigs[k]->tb > tm->tb) &&
                ((lx->triggers[tm->row].bits & SR__TRIG_WEAK) ||
                 class_rank(lx->triggers[trigs[k]->row].cid) < class_rank(lx->triggers[tm->row].cid)))
                tm = trigs[k];
    /* a riot act without a sub-event of its own ("burned", "vandalised") yields
     * to a killing or an attack: armed men who kill and burn houses attack */
    if ((lx->triggers[tm->row].cid == TC_RIOT) && !*lx->triggers[tm->row].sub_event_type) {
        const mention *alt = NULL;
        for (int k = 0; k < nt; k++) {
            int k2 = lx->triggers[trigs[k]->row].cid;
            if (!((k2 == TC_KILL) || (k2 == TC_ATTACK) || (k2 == TC_CLASH)) ||
                !(is_past_verb(c, trigs[k]->tb) || subject_verb(c, a, trigs[k])))
                continue;
            if ((k2 == TC_KILL) && kill_is_cause(c, a, &trigs[k], 1))
                continue; /* ("during a demonstration over the death of a teenager killed by police") */
            if (k2 != TC_KILL) {
                /* "unidentified persons attacked and vandalised houses": an
                 * attack by people not known to be armed stays a riot */
                const mention *sm = NULL;
                for (uint32_t j = trigs[k]->tb; j > a && !sm; j--) {
                    const mention *em = ent_at(c, j - 1);
                    if (em && (em->type == MT_AGENT || em->type == MT_ACTOR))
                        sm = em;
                }
                if (sm && sm->type == MT_AGENT &&
                    (STREQ(lx->agents[sm->row].role, "unknown") || STREQ(lx->agents[sm->row].role, "civilian") ||
                     STREQ(lx->agents[sm->row].role, "rioter") || STREQ(lx->agents[sm->row].role, "protester")))
                    continue;
            }
            if (!alt || ((k2 == TC_KILL) && lx->triggers[alt->row].cid != TC_KILL))
                alt = trigs[k]; /* a killing wins over an attack */
        }
        if (alt)
            tm = alt;
    }
    /* "youths attacked a police station to demonstrate over a death",
     * "set mattresses on fire as a form of protest": the protest is the
     * purpose of the violent act, a violent demonstration */
    int purpose_demo = 0;
    if ((lx->triggers[tm->row].cid == TC_PROTEST) && !*lx->triggers[tm->row].sub_event_type && tm->tb > a + 1 &&
        (tok_is(c, tm->tb - 1, "to") || /* (not "baton-charged them to disperse them") */
         (TOK_IN(c, tm->tb, "in") && tm->te > tm->tb + 1) || /* "burnt the offices in protest of" */
         (tm->tb > a + 3 && tok_is(c, tm->tb - 1, "of") && tok_is(c, tm->tb - 2, "form") && TOK_IN(c, tm->tb - 4, "as"))))
        for (int k = 0; k < nt && !purpose_demo; k++) {
            int k2 = lx->triggers[trigs[k]->row].cid;
            if (((k2 == TC_ATTACK) || (k2 == TC_RIOT) || (k2 == TC_LOOT)) && trigs[k]->te <= tm->tb &&
                is_past_verb(c, trigs[k]->tb))
                purpose_demo = 1;
        }
    /* a label that opens the note names the kind of event */
    const mention *label = NULL;
    for (int k = 0; k < nt && !label; k++)
        if (lx->triggers[trigs[k]->row].bits & SR__TRIG_LABEL)
            label = trigs[k];
    if (label && nt > 1 && tm == label) { /* the roles come from the other triggers */
        tm = label == trigs[0] ? trigs[1] : trigs[0];
        for (int k = 0; k < nt; k++)
            if (trigs[k] != label && class_rank(lx->triggers[trigs[k]->row].cid) < class_rank(lx->triggers[tm->row].cid))
                tm = trigs[k];
    }
    /* "thwarted an incursion", "foiled an attack": the fight that was
     * repelled, not a disrupted weapon */
    if ((lx->triggers[tm->row].cid == TC_DEFUSE) &&
        TOK_IN(c, tm->tb, "thwarted", "foiled", "thwart", "foil"))
        for (int k = 0; k < nt; k++)
            if (trigs[k]->tb > tm->tb && trigs[k]->tb <= tm->te + 4 &&
                ((lx->triggers[trigs[k]->row].cid == TC_CLASH) || (lx->triggers[trigs[k]->row].cid == TC_ATTACK))) {
                tm = trigs[k];
                break;
            }
    /* "overran two checkpoints and seized rifles": weapons an armed group
     * seizes in an attack are part of the attack, not disrupted weapons use */
    if ((lx->triggers[tm->row].cid == TC_DEFUSE) && TOK_IN(c, tm->tb, "seized", "seize", "seizing"))
        for (int k = 0; k < nt; k++) {
            int k2 = lx->triggers[trigs[k]->row].cid;
            if (((k2 == TC_CAPTURE) || (k2 == TC_ATTACK) || (k2 == TC_CLASH) || (k2 == TC_KILL)) &&
                trigs[k]->tb < tm->tb && is_past_verb(c, trigs[k]->tb) &&
                !(lx->triggers[trigs[k]->row].bits & SR__TRIG_WEAK)) {
                tm = trigs[k];
                break;
            }
        }
    /* "fired warning shots in the air": a show of force, not a fight; any
     * other act in the clause is the event ("fired in the air to disperse
     * the protesters", "fired in the air and looted"), else it is Other */
    int air_fire = 0;
    if (((lx->triggers[tm->row].cid == TC_CLASH) || (lx->triggers[tm->row].cid == TC_ATTACK)) && in_the_air(c, tm, b)) {
        air_fire = 1;
        for (int k = 0; k < nt; k++)
            if (trigs[k] != tm && !in_the_air(c, trigs[k], b) && !(lx->triggers[trigs[k]->row].bits & SR__TRIG_LABEL)) {
                tm = trigs[k];
                air_fire = 0;
                break;
            }
    }
    /* "but fighting around the city has continued": fighting the document
     * has already reported goes on, no new event */
    if ((lx->triggers[tm->row].cid == TC_CLASH) && continued_fighting(c, tm, a, b))
        for (size_t k = 0; k < c->ncands; k++)
            if (STREQ(c->cands[k].event_type, "Battles"))
                return 0;
    const sr__trigger *tr = &lx->triggers[tm->row];
    /* roles hang on the main verb: the first past-tense trigger, else the first
     * participle, else the dominant one ("SDF fighters killed two IS militants
     * in a gunfight": killed, not gunfight) */
    const mention *anchor = NULL;
    for (int k = 0; k < nt && !anchor; k++)
        if (is_past_verb(c, trigs[k]->tb) && trigs[k] != label && !(k > 0 && reported_after(c, trigs[0]->te, trigs[k]->tb)) &&
            !(k > 0 && relative_verb(c, trigs[k]->tb, a)))
            anchor = trigs[k]; /* (not a toll a source tells after a comma: "X carried out air strikes,
                                * according to a channel which said a civilian was killed") */
    for (int k = 0; k < nt && !anchor; k++)
        if (ends_with(c, trigs[k]->tb, "ing") && trigs[k] != label &&
            !(trigs[k]->tb > a && TOK_IN(c, trigs[k]->tb - 1, "of", "for", "after", "before", "over"))) {
            anchor = trigs[k]; /* (not a gerund after a preposition: "suspected of killing") */
            /* "Raiders attack villagers, killing two": a participle after a
             * comma hangs on the verb before it */
            if (k > 0 && trigs[k]->tb > a && tok_is(c, trigs[k]->tb - 1, ",") && !(lx->triggers[trigs[0]->row].bits & SR__TRIG_LABEL))
                anchor = trigs[0];
        }
    if (!anchor)
        anchor = (tm != trigs[0] && relative_verb(c, tm->tb, a)) ? trigs[0] : tm;
    int has_kill = 0, has_death = 0, clash_fg = 0, has_protest = 0, has_arrest = 0, has_clash = 0, has_loot = 0, only_noun = 1;
    for (int k = 0; k < nt; k++) {
        const sr__trigger *t2 = &lx->triggers[trigs[k]->row];
        if (t2->cid == TC_KILL) {
            has_kill = 1;
            if (!has_death && !firing_only(c, trigs[k]))
                has_death = 1;
        }
        if (t2->cid == TC_PROTEST) {
            /* "amid the unrest following anti-government demonstrations": a
             * protest named as the setting does not make the act a riot */
            int bg = 0;
            if (!is_past_verb(c, trigs[k]->tb) && trigs[k]->tb > tm->te && TOK_ANY(c, "amid", "amidst"))
                for (uint32_t q = tm->te; q < trigs[k]->tb && !bg; q++)
                    bg = TOK_IN(c, q, "amid", "amidst");
            if (!bg)
                has_protest = 1;
        }
        if ((t2->cid == TC_ARREST) && is_past_verb(c, trigs[k]->tb)) {
            /* "police arrested 20", not "in protest against the arrest of";
             * nor "to demand the release of their chief, who had been
             * arrested" or "protests after three officials were arrested":
             * the arrest the protest is about */
            int about = 0;
            for (uint32_t q = trigs[k]->tb > a + 4 ? trigs[k]->tb - 4 : a; q < trigs[k]->tb && !about; q++)
                about = TOK_IN(c, q, "who", "whom", "after", "following");
            if (!about)
                has_arrest = 1;
        }
        if (t2->cid == TC_CLASH) {
            has_clash = 1;
            /* "killed during ethnic clashes", "after a clash between clans": the
             * fighting is the setting, not what was done to the victims */
            int bg = !is_past_verb(c, trigs[k]->tb);
            if (bg) {
                bg = 0;
                for (uint32_t q = trigs[k]->tb > a + 4 ? trigs[k]->tb - 4 : a; q < trigs[k]->tb && !bg; q++)
                    bg = TOK_IN(c, q, "during", "after", "amid", "following", "ongoing", "linked", "of");
            }
            if (!bg)
                clash_fg = 1;
        }
        if (((t2->cid == TC_LOOT) || ((t2->cid == TC_RIOT) && !*t2->sub_event_type)) &&
            (is_past_verb(c, trigs[k]->tb) || (trigs[k]->tb > a + 2 && tok_is(c, trigs[k]->tb - 1, "and") && nt > 1 &&
                                                !ends_with(c, trigs[k]->tb, "ing") && !ends_with(c, trigs[k]->tb, "ism") &&
                                                !ends_with(c, trigs[k]->tb, "ion") && !ends_with(c, trigs[k]->tb, "son"))) &&
            !(trigs[k]->tb > a && (is_aux(c, trigs[k]->tb - 1) ||
                                                                  (c->ti[trigs[k]->tb - 1].w & W_MOD) ||
                                                                  tok_is(c, trigs[k]->tb - 1, "of"))))
            has_loot = 1; /* "youths blocked roads and destroyed lorries", not "crops were destroyed" */
        else if (((t2->cid == TC_LOOT) || ((t2->cid == TC_RIOT) && !*t2->sub_event_type)) && looted_during(c, trigs, nt, trigs[k]))
            has_loot = 1; /* "reports of looting during the protests" */
        if (!(t2->bits & SR__TRIG_NEEDS_TARGET))
            only_noun = 0;
    }
    int cls = tr->cid;

    /* actors */
    chunk ch[32];
    size_t nch = build_chunks(c, a, b, ch, 32);
    int passive = 0;
    for (int t = 0; t < nt; t++) {
        const mention *m = trigs[t];
        if (lx->triggers[m->row].bits & SR__TRIG_PASSIVE)
            passive = 1; /* "a patrol came under fire from X" */
        if (lx->triggers[m->row].bits & SR__TRIG_NOUN) {
            /* "two people were injured in an attack by gunmen": the phrase
             * before a passive wound verb is the noun's target */
            if (m->tb >= a + 3 && TOK_IN(c, m->tb - 1, "a", "an", "the") && TOK_IN(c, m->tb - 2, "in", "during"))
                for (uint32_t k = m->tb - 3 > a + 3 ? m->tb - 6 : a; k + 1 < m->tb - 2; k++)
                    if (is_aux(c, k) && ends_with(c, k + 1, "ed") && !c->ti[k + 1].trig)
                        passive = 1;
            continue;
        }
        /* the voice of the main verb: "Gunmen attacked a village - 8 people were
         * killed" is active */
        if (m != anchor && is_past_verb(c, anchor->tb) && m->tb > anchor->te)
            continue;
        for (uint32_t k = m->tb > a + 3 ? m->tb - 3 : a; k < m->te; k++) /* "was found dead": the aux may open the trigger */
            if (is_aux(c, k))
                passive = 1;
        if (tok_is(c, m->te, "by") && (is_past_verb(c, m->te - 1) || !is_past_verb(c, anchor->tb) || anchor == m))
            passive = 1; /* ("an airstrike by X killed 14": the noun's agent, the verb is active) */
    }
    if (!passive && is_past_verb(c, anchor->tb) && lx->triggers[anchor->row].cid != TC_CLASH &&
        lx->triggers[anchor->row].cid != TC_PROTEST && lx->triggers[anchor->row].cid != TC_RIOT) {
        /* (not for verbs without an object: "two factions clashed") */
        /* "Five soldiers killed in ambush": a counted phrase right before a bare
         * participle, with no object after it, is the target */
        for (size_t k = 0; k < nch; k++)
            if (ch[k].te == anchor->tb && ch[k].nte > ch[k].ntb && ch[k].prep == 0 &&
                !tok_is(c, ch[k].ntb, "a") && !tok_is(c, ch[k].ntb, "an") && anchor->te == anchor->tb + 1) {
                int objafter = 0;
                for (size_t q = k + 1; q < nch; q++) {
                    objafter |= ch[q].tb == anchor->te || (ch[q].tb > anchor->te && ch[q].nte > ch[q].ntb &&
                                                         ch[q].ntb == anchor->te);
                    /* "assaulted and injured a teacher": an object after a second verb */
                    if (!objafter && ch[q].prep == 0 && !ch[q].attrib && ch[q].tb > anchor->te &&
                        ch[q].tb <= anchor->te + 5) {
                        int hard = 0;
                        for (uint32_t j = anchor->te; j < ch[q].tb; j++)
                            hard |= is_hard_punct(c, j);
                        objafter = !hard;
                    }
                }
                if (!objafter)
                    passive = 1;
            }
    }
    /* "A police detective shot dead while investigating a murder": a
     * headline's subject right before a bare killing participle with no
     * object after it (a preposition, "while", the end) is the victim */
    if (!passive && anchor->tb > a && (lx->triggers[anchor->row].cid == TC_KILL) && is_past_verb(c, anchor->tb) &&
        (anchor->te >= b || is_punct(c, anchor->te) ||
         (TOK_IN(c, anchor->te, "while", "as", "in", "at", "on", "near", "outside", "inside", "during", "after") &&
          !(anchor->te + 1 < b && TOK_IN(c, anchor->te + 1, "least", "most"))))) /* (not "killed at least 11") */
        for (size_t k = 0; k < nch; k++) {
            uint32_t k0 = ch[k].ntb < ch[k].nte && ch[k].ntb < ch[k].tb ? ch[k].ntb : ch[k].tb;
            if (k0 > a && TOK_IN(c, k0 - 1, "a", "an", "the"))
                k0--;
            if (ch[k].te == anchor->tb && ch[k].prep == 0 && !ch[k].conj && !ch[k].attrib &&
                (k0 == a || is_punct(c, k0 - 1)))
                passive = 1;
        }
    if (!passive && anchor->tb > a && (lx->triggers[anchor->row].cid == TC_KILL) &&
        (c->ti[anchor->tb - 1].num || (c->ti[anchor->tb - 1].quant &&
                                       STREQ(lx->quants[c->men[c->ti[anchor->tb - 1].quant - 1].row].kind, "number"))) &&
        !ent_at(c, anchor->tb - 1) && (anchor->tb - 1 == a || is_punct(c, anchor->tb - 2)))
        passive = 1; /* "Six killed when raiders attack a village": a bare count is the victims */
    /* "Five officers died after a bomb hit their truck": who died, or was
     * hurt, before the act is its target, as in the passive (not before a
     * fight: "soldiers died during the clashes" names one side) */
    if (!passive && lx->triggers[anchor->row].cid != TC_CLASH)
        for (size_t k = 0; k < nch && !passive; k++)
            if (ch[k].prep == 0 && !ch[k].conj && ch[k].te < anchor->tb && ch[k].te < b &&
                (TOK_IN(c, ch[k].te, "died", "perished") ||
                 (ch[k].te + 1 < anchor->tb && TOK_IN(c, ch[k].te, "were", "was") &&
                  TOK_IN(c, ch[k].te + 1, "hurt", "injured", "wounded")))) {
                /* (only when no other subject stands between: "five were
                 * hurt when gunmen attacked" keeps its gunmen) */
                int other = 0;
                for (size_t q = k + 1; q < nch && !other; q++)
                    other = ch[q].tb < anchor->tb && ch[q].prep == 0 && !ch[q].conj && !ch[q].attrib;
                passive = !other;
            }
    int i1 = -1, i2 = -1;
    /* "between X and Y" */
    for (size_t k = 0; k < nch; k++)
        if (ch[k].prep == 'w' && k + 1 < nch && ch[k + 1].conj &&
            (tok_is(c, ch[k].tb - 1, "between") ||
             (ch[k].tb >= 2 && TOK_IN(c, ch[k].tb - 1, "the", "suspected", "alleged") &&
              tok_is(c, ch[k].tb - 2, "between")))) {
            i1 = (int)k;
            i2 = (int)k + 1;
        }
    one_side_other(c, a, b, ch, nch, &i1, &i2);
    if (i1 < 0) {
        int by = -1;
        for (size_t k = 0; k < nch; k++)
            if (ch[k].prep == 'b' && ch[k].tb > anchor->tb && !ch[k].attrib) {
                by = (int)k;
                break;
            }
        if (by < 0)
            for (size_t k = 0; k < nch; k++)
                if (ch[k].prep == 'b' && !passive) {
                    by = (int)k;
                    break;
                }
        /* subject: nearest chunk before the trigger that is not a target/place/conjunct */
        int subj = -1;
        for (size_t k = 0; k < nch; k++)
            if (ch[k].te <= anchor->tb && ch[k].prep != 't' && ch[k].prep != 'i' && ch[k].prep != 'b' &&
                ch[k].prep != 'f' && !ch[k].conj && !ch[k].attrib &&
                !(subj >= 0 && ch[k].actor < 0 && ch[k].agent >= 0 && strstr(lx->agents[ch[k].agent].key, "-site")))
                subj = (int)k; /* (a site after a subject names where it is: "residents of X village") */
        /* "Raiders attack villagers and kill one": the object of an earlier
         * verb in the clause is not the subject of the later one */
        int obj0 = -1;
        if (subj >= 0 && trigs[0] != anchor && trigs[0]->te <= ch[subj].tb && !is_punct(c, anchor->tb - 1) &&
            anchor->tb > a && tok_is(c, anchor->tb - 1, "and") && ch[subj].te + 1 == anchor->tb)
            for (size_t k = 0; k < nch; k++)
                if (ch[k].te <= trigs[0]->tb && ch[k].prep == 0 && !ch[k].conj && !ch[k].attrib) {
                    obj0 = subj;
                    subj = (int)k;
                }
        int obj = -1, target = -1;
        for (size_t k = 0; k < nch; k++) {
            if (ch[k].prep == 't' && target < 0)
                target = (int)k;
            if (ch[k].tb >= anchor->te && (int)k != by && ch[k].prep != 'i' && ch[k].prep != 'f' &&
                !ch[k].conj && !ch[k].attrib && obj < 0)
                obj = (int)k;
        }
        if (obj < 0 && obj0 >= 0)
            obj = obj0;
        if (obj < 0 && ((cls == TC_CAPTURE) || (cls == TC_WITHDRAW))) /* "retook X from Y" */
            for (size_t k = 0; k < nch; k++)
                if (ch[k].tb >= anchor->te && ch[k].prep == 'f' && !ch[k].attrib) {
                    obj = (int)k;
                    break;
                }
        if (obj < 0) /* "clashed with X" */
            for (size_t k = 0; k < nch; k++)
                if (ch[k].tb >= anchor->te && ch[k].prep == 'w' && (int)k != by) {
                    obj = (int)k;
                    break;
                }
        if (obj < 0 && subj >= 0 && subj + 1 < (int)nch && ch[subj + 1].conj && ch[subj + 1].te <= anchor->tb &&
            ((cls == TC_CLASH) || (cls == TC_KILL) || (cls == TC_ATTACK) || ((cls == TC_SHELL) && (lx->triggers[anchor->row].cid == TC_CLASH))))
            obj = subj + 1; /* "Gunmen and soldiers clash" (also "… clashed with heavy weapons") */
        if (passive && by >= 0) {
            i1 = by;
            i2 = subj;
        } else if (passive) {
            /* "Several civilians were killed when government forces shelled": the
             * subject of a later verb is the perpetrator */
            i1 = -1;
            i2 = subj;
            for (size_t k = 0; k < nch; k++)
                if (ch[k].tb > anchor->te && ch[k].prep == 0 && !ch[k].conj && !ch[k].attrib &&
                    (int)k != subj) {
                    uint32_t e = ch[k].te;
                    int verb = 0;
                    for (uint32_t j = e; j < e + 2 && j < b; j++)
                        verb |= c->ti[j].trig != 0 && (is_past_verb(c, j) || j == e); /* "when raiders attack a village" */
                    if (verb) {
                        i1 = (int)k;
                        break;
                    }
                }
            /* "a trafficker was killed after exchanging fire with police":
             * the other side of the fight */
            for (size_t k = 0; k < nch && i1 < 0; k++)
                if (ch[k].prep == 'w' && ch[k].tb > anchor->te && (int)k != subj && !ch[k].attrib)
                    for (int t = 0; t < nt && i1 < 0; t++)
                        if ((lx->triggers[trigs[t]->row].cid == TC_CLASH) && trigs[t]->tb >= anchor->te &&
                            trigs[t]->te <= ch[k].tb)
                            i1 = (int)k;
        } else {
            i1 = subj >= 0 ? subj : by;
            i2 = obj;
        }
        if (target >= 0 && (i2 < 0 || (ch[i2].actor < 0 && ch[target].actor >= 0)))
            i2 = target;
        /* "in a Taliban attack", "Russian air strikes": the phrase before a noun trigger */
        for (int t = 0; t < nt; t++) {
            const mention *m = trigs[t];
            for (size_t k = 0; k < nch; k++) {
                int before = ch[k].te == m->tb || (ch[k].te + 1 == m->tb && is_modifier(c, ch[k].te)) ||
                             (ch[k].tb < m->tb && ch[k].te > m->tb && ch[k].te <= m->te);
                if (!before)
                    continue;
                if ((int)k == i1 || (int)k == i2 || (ch[k].agent >= 0 && ch[k].actor < 0 && ch[k].country < 0))
                    continue;
                if (passive || i1 < 0 || (i1 >= 0 && ch[i1].actor < 0 && ch[k].actor >= 0 && (int)k != i2)) {
                    if (i1 >= 0 && i2 < 0 && i1 != (int)k)
                        i2 = i1;
                    i1 = (int)k;
                }
            }
        }
        if (i1 >= 0 && i1 == i2)
            i2 = -1;
        /* "Four police officers were wounded when gunmen attacked": a phrase
         * before the subject is the target */
        if (!passive && i1 >= 0 && i2 < 0)
            for (int k = 0; k < i1; k++)
                if (ch[k].prep != 't' && ch[k].prep != 'i' && ch[k].prep != 'b' && !ch[k].conj &&
                    !(ch[k].attrib && ch[i1].actor < 0 && ch[i1].agent >= 0 &&
                      STREQ(lx->agents[ch[i1].agent].acled, "{previous}"))) {
                    i2 = k; /* (not the speaker of "X said its fighters attacked") */
                    break;
                }
    }

    /* "Property destruction: Settlers cut down olive trees": with only the
     * label to go by, the first phrase after it is the actor */
    if (anchor == label && i1 < 0) {
        for (size_t k = 0; k < nch; k++)
            if (ch[k].tb >= label->te && ch[k].prep == 0 && !ch[k].attrib) {
                i1 = (int)k;
                break;
            }
        if (i1 >= 0 && i2 == i1) {
            i2 = -1;
            for (size_t k = (size_t)i1 + 1; k < nch && i2 < 0; k++)
                if ((ch[k].prep == 0 || ch[k].prep == 't') && !ch[k].attrib && !ch[k].conj)
                    i2 = (int)k;
        }
    }

    /* "Washington accuses the regime of killing 1,400 people": the one
     * accused of the act is its author; the accuser is no side of it */
    for (size_t k = 0; k < nch; k++) {
        if (ch[k].attrib || ch[k].prep || ch[k].te >= b || !tok_is(c, ch[k].te, "of") || !c->ti[ch[k].te + 1].trig)
            continue;
        uint32_t o = ch[k].tb > a && tok_is(c, ch[k].tb - 1, "the") ? ch[k].tb - 1 : ch[k].tb;
        if (o <= a || !TOK_IN(c, o - 1, "accuses", "accused", "accusing", "accuse", "blamed", "blames", "blaming", "blame"))
            continue;
        if (i2 == (int)k)
            i2 = -1;
        for (size_t j = 0; j < k; j++)
            if (ch[j].te <= o - 1) { /* (the accuser tells; it is no target either) */
                ch[j].attrib = 1;
                if (i2 == (int)j)
                    i2 = -1;
            }
        i1 = (int)k;
        for (size_t j = k + 1; j < nch && i2 < 0; j++) /* "of killing 1,400 people": the victims after the act */
            if (ch[j].tb > ch[k].te + 1 && (ch[j].prep == 0 || ch[j].prep == 't') && !ch[j].attrib && !ch[j].conj)
                i2 = (int)j;
        break;
    }

    /* "thwarted an attack of pro-Houthi forces": the phrase after "of" a
     * noun trigger is its author, the other side of the fight */
    if (i1 >= 0 && ((cls == TC_CLASH) || (cls == TC_ATTACK)))
        for (size_t k = 0, found = 0; k < nch && !found && (i2 < 0 || (i2 == i1 + 1 && ch[i2].conj) || (int)k < i2); k++) {
            uint32_t o = ch[k].tb > a && tok_is(c, ch[k].tb - 1, "the") ? ch[k].tb - 1 : ch[k].tb;
            if ((int)k != i1 && !ch[k].attrib && o > a + 1 && tok_is(c, o - 1, "of") && c->ti[o - 2].trig &&
                TOK_IN(c, o - 2, "attack", "attacks", "incursion", "incursions", "offensive", "advance",
                                 "assault", "infiltration")) {
                i2 = (int)k; /* (also over the side joined to actor 1, "X and Y thwarted attacks
                              * of Z", or a phrase after it, "attacks of Z on W checkpoint") */
                found = 1;
            }
        }
    /* "Seven police are dead after an attack on their post by tribesmen":
     * a violent act with one side found takes an armed or state phrase
     * elsewhere in the clause as the other */
    int civ1 = i1 >= 0 && ((ch[i1].actor >= 0 && lx->actors[ch[i1].actor].inter == 7) ||
                           (ch[i1].actor < 0 && ch[i1].agent >= 0 && STREQ(lx->agents[ch[i1].agent].role, "civilian")));
    if (i1 >= 0 && i2 < 0 && !civ1 && ((cls == TC_KILL) || (cls == TC_ATTACK) || (cls == TC_CLASH)))
        for (size_t k = 0; k < nch && i2 < 0; k++) {
            if ((int)k == i1 || ch[k].attrib || ch[k].prep == 'i' || ch[k].conj)
                continue;
            int armed = 0;
            if (ch[k].actor >= 0)
                armed = lx->actors[ch[k].actor].inter >= 1 && lx->actors[ch[k].actor].inter <= 4;
            else if (ch[k].agent >= 0)
                armed = !strstr(lx->agents[ch[k].agent].key, "-site") &&
                        (STREQ(lx->agents[ch[k].agent].role, "state") || STREQ(lx->agents[ch[k].agent].role, "armed"));
            if (armed && !(ch[i1].agent >= 0 && ch[i1].agent == ch[k].agent && ch[i1].actor == ch[k].actor))
                i2 = (int)k;
        }

    /* "X moved into the town after Y withdrew from it": X is actor 1 */
    if ((cls == TC_WITHDRAW) && i1 >= 0)
        for (size_t k = 0; k < nch; k++)
            if ((int)k != i1 && ch[k].prep == 0 && !ch[k].conj && !ch[k].attrib && ch[k].tb < ch[i1].tb) {
                i2 = i1;
                i1 = (int)k;
                break;
            }

    /* numbers */
    figure dead = {-1, -1, -1, {-1, -1}};
    figure lone = {-1, -1, -1, {-1, -1}}; /* "A gunman shot dead ...": held back, see below */
    int nd = 0, nw = 0, first = 1, nlone = 0;
    for (uint32_t i = next_start(fstart, a, b); i < b; i = next_start(fstart, i + 1, b)) {
        int isnum = c->ti[i].num && c->men[c->ti[i].num - 1].tb == i;
        int isq = c->ti[i].quant && c->men[c->ti[i].quant - 1].tb == i &&
                  STREQ(lx->quants[c->men[c->ti[i].quant - 1].row].kind, "number");
        if (!isnum && !isq)
            continue;
        if (c->ti[i].cue >> CUE_ZERO & 1)
            continue;
        if (isq) {
            /* "a"/"an" count only right before an actor phrase: "a soldier" */
            const mention *qm = &c->men[c->ti[i].quant - 1];
            if (lx->quants[qm->row].best == 1 && (tok_is(c, i, "a") || tok_is(c, i, "an"))) {
                int attached = 0;
                for (size_t k = 0; k < nch; k++)
                    if (ch[k].ntb == i && ch[k].nte == qm->te && ch[k].actor < 0 && ch[k].agent >= 0 && ch[k].prep != 'b' &&
                        !strstr(lx->agents[ch[k].agent].key, "-site") && !ends_with(c, ch[k].te - 1, "s") &&
                        !TOK_IN(c, ch[k].te - 1, "force", "army", "military", "police", "militia", "navy", "mob", "crowd"))
                        attached = 1;
                /* "shot dead a member of the council" */
                if (i > a && is_kill_tok(c, i - 1) && !c->ti[i + 1].ent &&
                    !(i > a + 1 && TOK_IN(c, i - 2, "of", "for")))
                    attached = 1; /* (not "suspected of killing a rider") */
                if (!attached) {
                    i = qm->te - 1;
                    continue;
                }
            }
        }
        int r = number_role(c, i, a, b, ch, nch);
        figure f;
        if (r && read_figure(c, i, &f)) {
            if (r == 'd' && isq && i < tm->tb && f.best == 1 && (tok_is(c, i, "a") || tok_is(c, i, "an")) && !nlone) {
                lone = f; /* "a man shot dead" is one victim, unless a figure follows the verb */
                nlone = 1;
            } else if (r == 'd' && nd && subset_before(c, i, a)) {
                /* part of the count before it */
            } else if (r == 'd') {
                fig_add(&dead, &f, &first);
                nd++;
            } else
                nw++;
        }
        if (isq)
            i = c->men[c->ti[i].quant - 1].te - 1;
    }
    /* "A gunman shot dead two guards": the article before the verb is the
     * killer when a toll follows it; alone ("a man shot dead in Nairobi") it
     * is the victim */
    if (nlone && !nd) {
        fig_add(&dead, &lone, &first);
        nd++;
    }
    int zero = find_cue(c, se->tb, se->te, CUE_ZERO) >= 0;
    if (i1 < 0 && !label && ((cls == TC_KILL) || (cls == TC_OTHER)) && find_cue(c, se->tb, se->te, CUE_NONCONFLICT) >= 0)
        return 0;
    /* a noun trigger such as "attacks" with neither target nor figure reports nothing */
    /* "Raiders from Uganda attack a village": "attack" as a verb, with its
     * subject just before (no punctuation between; "supporters of a rival
     * party attack": the subject's complement may stand between) and an
     * object after */
    int as_verb = 0;
    if (only_noun && i1 >= 0 && ch[i1].te <= tm->tb &&
        (tm->tb - ch[i1].te <= 3 || (tm->tb - ch[i1].te <= 6 && TOK_IN(c, ch[i1].te, "of", "from", "with"))) && ch[i1].prep == 0 &&
        !(tm->tb > a && TOK_IN(c, tm->tb - 1, "the", "an", "a", "this", "that", "of", "to"))) {
        as_verb = 1;
        for (uint32_t k = ch[i1].te; k < tm->tb; k++)
            as_verb &= !is_punct(c, k) && !c->ti[k].trig;
        as_verb &= (i2 >= 0 && ch[i2].prep == 0 && ch[i2].tb >= tm->te && ch[i2].tb <= tm->te + 3) ||
                   TOK_IN(c, tm->te, "a", "an", "the") || (tm->te == tm->tb + 1 && object_at(c, tm->te, b));
    }
    /* "Degodia attack Garre civilians": a name no dictionary knows, opening
     * the sentence right before the verb, is its subject */
    if (only_noun && !as_verb && i1 < 0 && tm->tb > a && tm->tb - a <= 3 && looks_proper(c, a, tm->tb) &&
        ((i2 >= 0 && ch[i2].prep == 0 && ch[i2].tb >= tm->te && ch[i2].tb <= tm->te + 3) ||
         (tm->te == tm->tb + 1 && object_at(c, tm->te, b))))
        as_verb = 1;
    /* "Marule clan attacks herdsman": a headline's verb whatever the subject */
    if (only_noun && !as_verb)
        as_verb = headline_verb(c, tm, a, b, ch, nch);
    /* "GSU and Kenyan police attack villagers", "Youths with MRC attack
     * police", "Raiders, believed to be OLF, attack police": a bare
     * "attack(s)" right after the last of a longer subject (a second
     * subject, a "with" phrase, an apposition closed by its comma) and
     * before its object is the verb too */
    if (only_noun && !as_verb)
        as_verb = subject_chain_verb(c, tm, a, b, ch, nch, i2);
    if (only_noun && !as_verb)
        as_verb = support_verb(c, tm, a);
    /* "Attack on a village by X militia", "Attack by an armed group on
     * herders": the noun with its author named after "by" and a target
     * after "on" (or the author alone, right after the noun) tells an act */
    if (only_noun && !as_verb) {
        int byk = -1;
        for (size_t k = 0; k < nch && byk < 0; k++)
            if (ch[k].tb > tm->tb && ch[k].tb <= tm->te + 6 && !ch[k].attrib &&
                (ch[k].prep == 'b' || (ch[k].tb >= 2 && tok_is(c, ch[k].tb - 2, "by") && looks_proper(c, ch[k].tb - 1, ch[k].tb))))
                byk = (int)k; /* (also "by Rendille militia": a name no dictionary knows before the noun) */
        int tgt = W_TGT & c->ti[tm->te - 1].w; /* the trigger ends "attack on" */
        if (byk >= 0 && (ch[byk].tb <= tm->te + 1 || tgt))
            as_verb = 1;
        if (as_verb && tgt && i2 >= 0 && ch[i2].prep == 0 && ch[i2].tb >= tm->te && ch[i2].tb <= tm->te + 3)
            ch[i2].prep = 't';
    }
    /* ("Six people were injured in the attack": a count of wounded tells
     * the act as a death toll does) */
    if (only_noun && i2 < 0 && !nd && !nw && !as_verb)
        return 0;
    if (only_noun && !nd && !nw && i2 >= 0 && ch[i2].prep != 't' && !as_verb)
        return 0;

    /* dates */
    const dhit *dt = NULL;
    long dtd = 1L << 30;
    size_t lo = 0, hi = c->ndh; /* date hits are in text order: start at the sentence */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->dh[mid].tb < se->tb)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo; k < c->ndh && c->dh[k].tb < se->te; k++) {
        if (c->dh[k].tb < se->tb || c->dh[k].te > se->te)
            continue;
        long d = (long)c->dh[k].tb - (long)tm->tb;
        if (d < 0)
            d = -d;
        if (subordinate_date(c, se->tb, se->te, c->dh[k].tb, tm->tb))
            continue;
        /* "On 3 May 2020, ... (from 3 to 5 May)", "Around 2 May (as reported)":
         * the date that opens the sentence dates it; a dateline run into the
         * sentence ("Date of publication 11 August 2016 A helicopter ... on
         * Wednesday") dates only the writing, and yields to any other date */
        if (c->dh[k].tb <= se->tb + 3 && !c->dh[k].h.period) {
            d = dateline_date(c, se, &c->dh[k]) ? 1500 : 0;
            /* "On Tuesday Turkish officials confirmed that two soldiers were
             * killed ... on Sunday": the opening date is the statement's
             * when a verb of saying follows it before the act; another date
             * of the sentence then dates the act */
            for (uint32_t j = c->dh[k].te; j < tm->tb && j < c->dh[k].te + 8 && d == 0; j++)
                if (has_cue(c, j, CUE_ATTRIB_AFTER) && tok_is(c, j + 1, "that"))
                    d = 500;
        }
        uint32_t db = c->dh[k].tb; /* "said on Thursday" dates the statement, if another date is there */
        if ((db > se->tb && has_cue(c, db - 1, CUE_ATTRIB_AFTER)) ||
            (db > se->tb + 1 && tok_is(c, db - 1, "on") && has_cue(c, db - 2, CUE_ATTRIB_AFTER)) ||
            /* "in a Sunday statement", "Monday's report" */
            (c->dh[k].te < se->te && !c->dh[k].h.period &&
             TOK_IN(c, c->dh[k].te + (tok_is(c, c->dh[k].te, "'s") ? 1 : 0),
                    "statement", "report", "briefing", "interview", "announcement",
                                          "communique", "speech", "bulletin", "press")))
            d += 500;
        if (c->dh[k].tb < a || c->dh[k].te > b)
            d += 1000;
        /* "on 28 April, ... the July 7 neighbourhood": a date long before the
         * report loses to a recent one in the same sentence */
        if (c->has_pub && !c->dh[k].h.period && sr__date_days(c->dh[k].h.end) < sr__date_days(c->pub) - 120)
            d += 2000;
        if (d < dtd) {
            dtd = d;
            dt = &c->dh[k];
        }
    }
    int period = (dt && dt->h.period) || find_cue(c, a, b, CUE_PERIOD) >= 0;
    /* "350 have been killed since the truce collapsed on 19 September": a
     * date after "since" is where the count began, not the day of a killing */
    int since = 0;
    if (dt && !period && dt->tb > tm->te)
        for (uint32_t k = tm->te; k < dt->tb && !since; k++) {
            if (is_hard_punct(c, k) || (k > tm->te && c->ti[k].trig))
                break;
            since = tok_is(c, k, "since");
        }
    period |= since;
    /* "the workers, who staged protests, said they have not been paid since
     * 2014": a date after "since" in a protest's clause tells how long the
     * grievance has lasted; so does a date long past told in a clause of its
     * own after the protest ("over benefits they were promised two years
     * ago", "for a referendum to be held in January"); the protest is dated
     * as a clause with no date (not "a demonstration against X in December
     * 2019": the demonstration's own date) */
    if (dt && (cls == TC_PROTEST) &&
        (tok_is(c, dt->tb, "since") || (dt->tb > a && tok_is(c, dt->tb - 1, "since")) ||
         (dt->tb >= tm->te && c->has_pub && sr__date_days(dt->h.end) < sr__date_days(c->pub) - 120 &&
          own_clause_between(c, tm->te, dt->tb)))) {
        dt = NULL;
        since = 0;
        period = find_cue(c, a, b, CUE_PERIOD) >= 0;
    }

    if (sr__grow((void **)&c->cands, &c->capcands, c->ncands, sizeof *c->cands))
        return SR_ENOMEM;
    cand *cd = &c->cands[c->ncands];
    /* zero all but the string buffers, which are only ever read as strings
     * (scopy, cat3): empty they need one byte, not 1.8 KB */
    memset(cd, 0, offsetof(cand, actor1));
    memset(&cd->event_type, 0, sizeof *cd - offsetof(cand, event_type));
    cd->actor1[0] = cd->actor2[0] = cd->assoc1[0] = cd->assoc2[0] = cd->country[0] = cd->iso3[0] = 0;
    cd->admin1[0] = cd->admin1_acled[0] = cd->admin2[0] = cd->location[0] = cd->source[0] = 0;
    sr_event *ev = &cd->ev;
    ev->latitude = ev->longitude = NAN;
    ev->fatalities = ev->fatalities_low = ev->fatalities_high = -1;
    ev->ev_sentence = (sr_span){(int32_t)se->os, (int32_t)se->oe};
    ev->ev_trigger = span_of(c, tm->tb, tm->te);
    ev->ev_actor1 = ev->ev_actor2 = ev->ev_place = ev->ev_date = ev->ev_number = ev->ev_source =
        (sr_span){-1, -1};
    cd->sent = s;
    cd->para = c->para ? c->para[s] : 0;
    cd->cls = cls;
    cd->ref = !dt && (find_cue(c, a, b, CUE_REF) >= 0 ||
                      (tm->tb > a && TOK_IN(c, tm->tb - 1, "the", "these", "those", "this", "that") &&
                       !has_kill));
    cd->order = tm->tb;
    cd->verb = !TOK_IN(c, tm->tb, "riot", "riots", "rioting", "looting", "vandalism", "arson");
    for (size_t k = 0; k < nch; k++)
        if ((int)k == i1 || (int)k == i2)
            if (ch[k].tb < cd->order)
                cd->order = ch[k].tb;

    /* place and country */
    const char *iso = NULL;
    fill_place(c, cd, a, b, tm->tb, &iso);
    if (!*cd->location)
        fill_place(c, cd, se->tb, se->te, tm->tb, &iso);
    if (!*cd->location && find_cue(c, se->tb, se->te, CUE_SAMEPLACE) >= 0) {
        /* "in the same area": the place of the event reported before */
        for (size_t k = c->ncands; k > 0 && c->ncands - k < 16; k--) {
            const cand *pv = &c->cands[k - 1];
            if (!*pv->location)
                continue;
            copy_place(cd, pv);
            memcpy(cd->iso3, pv->iso3, sizeof cd->iso3);
            iso = pv->iso3[0] ? pv->iso3 : NULL;
            ev->geo_precision = 2;
            uint32_t at = (uint32_t)find_cue(c, se->tb, se->te, CUE_SAMEPLACE);
            ev->ev_place = span_of(c, at, at + 1);
            break;
        }
    }
    if (!*cd->location && !cd->kind_agg)
        /* no place in the sentence: the place the report last named before it
         * ("On 7 May, in Niteroi, ... A suspect was shot and died."), looked
         * for sentence by sentence backwards (not over the whole prefix for
         * every event) */
        for (const sr__sent *ps = se; ps > c->t.sents && !*cd->location;) {
            ps--;
            /* the units that sentence names are the context of its places
             * ("in Rio de Janeiro, Rio de Janeiro, ... Jacarezinho
             * neighborhood. A shoot-out broke out."); no cue shortcut there */
            fill_place_from(c, cd, ps, se->tb, &iso);
        }
    if (!*cd->location && !cd->kind_agg)
        /* nor before it: a report whose lead names no place gives it in the
         * next sentence ("Clashes broke out in four opposition strongholds.
         * One was killed in Homa Bay."); the four sentences after it */
        for (const sr__sent *ps = se + 1; ps < c->t.sents + c->t.nsents && ps <= se + 4 && !*cd->location; ps++) {
            fill_place_from(c, cd, ps, ps->tb, &iso);
        }
    if (!*cd->location && !cd->kind_agg)
        front_place(c, cd, &iso);
    if (!iso) {
        /* a country named as a place in the sentence ("in Syria") */
        for (size_t k = men_from(c, se->tb); k < c->nmen && c->men[k].tb < se->te && !iso; k++) {
            const mention *m = &c->men[k];
            if (m->type == MT_COUNTRY && prep_before(c, m->tb, se->tb) == 'i')
                iso = lx->countries[m->row].iso3;
        }
    }
    if (!iso)
        iso = c->doc_iso3;
    if (!iso) { /* the demonym of an actor phrase ("Kenyan police") */
        for (size_t k = 0; k < nch && !iso; k++)
            if (ch[k].country >= 0 && ch[k].agent >= 0)
                iso = lx->countries[ch[k].country].iso3;
    }
    if (!iso) {
        for (int k = 0; k < 2 && !iso; k++) {
            int ix = k ? i2 : i1;
            if (ix >= 0 && ch[ix].actor >= 0 && strcmp(lx->actors[ch[ix].actor].country, "*"))
                iso = lx->actors[ch[ix].actor].country;
        }
    }
    const sr__country *evc = country_of_iso(c, iso);
    if (evc) {
        scopy(cd->country, sizeof cd->country, evc->name);
        scopy(cd->iso3, sizeof cd->iso3, evc->iso3);
    }

    actorname a1 = {0}, a2 = {0};
    if (i1 >= 0) {
        name_chunk(c, &ch[i1], evc, &a1);
        ev->ev_actor1 = span_of(c, ch[i1].tb, ch[i1].te);
    }
    if (i2 >= 0) {
        name_chunk(c, &ch[i2], evc, &a2);
        ev->ev_actor2 = span_of(c, ch[i2].tb, ch[i2].te);
        int one_member = 0; /* "an Awami League member", "a local party leader" */
        const char *pn = ch[i2].actor >= 0 ? lx->actors[ch[i2].actor].acled : "";
        if (a2.inter == 3 && ((cls == TC_KILL) || (cls == TC_ATTACK)) && !has_clash &&
            (strstr(pn, "League") || strstr(pn, "Party") || strstr(pn, " Dal") || strstr(pn, "Congress") ||
             strstr(pn, "Jamaat") || strstr(pn, "Shibir") || strstr(pn, "Coalition") || strstr(pn, "Alliance") ||
             strstr(pn, "Democratic") || strstr(pn, "Union") || strstr(pn, "Forum")))
            /* ("a Jubilee MP", "the home of ODM candidate X", "an ODM party director",
             * "an ODM legislator", "an attack on an ODM meeting") */
            for (uint32_t k = ch[i2].tb; k < ch[i2].te + 2 && k < b && !one_member; k++)
                one_member = TOK_IN(c, k, "member", "leader", "activist", "worker", "supporter",
                                          "councillor", "councilor", "chairman", "secretary",
                                          "president", "official", "mp", "candidate", "aspirant",
                                          "hopeful", "director", "mca", "senator", "governor",
                                          "politician", "agent", "campaigner", "supporters", "members",
                                          "activists", "candidates", "aspirants", "officials", "leaders",
                                          "legislator", "officer", "meeting", "campaign", "nomination");
        /* "2 Mungiki suspects killed by police", "police kill an al Shabaab
         * suspect": suspects of an armed group that a state force kills are
         * that group in an armed clash (Kenya codes them so), not civilians */
        int group_suspects = i1 >= 0 && a1.inter == 1 && a2.inter == 3 && (cls == TC_KILL) &&
                             TOK_IN(c, ch[i2].te - 1, "suspect", "suspects");
        if (((ch[i2].actor >= 0 && ch[i2].agent >= 0 && STREQ(lx->agents[ch[i2].agent].role, "civilian")) || one_member) &&
            !group_suspects && (a2.inter == 3 || a2.inter == 6 || a2.inter == 7 || a2.inter == 8)) {
            /* "a BNP leader", "a Red Cross worker" as victims: civilians of the
             * country, their group an associated actor (civilians whether or
             * not the country is known: only the name waits for it) */
            scopy(cd->assoc2, sizeof cd->assoc2, a2.name);
            a2.name[0] = 0;
            if (evc)
                cat3(a2.name, sizeof a2.name, "Civilians (", evc->name, ")");
            a2.inter = 7;
            a2.role = 'c';
        }
    }
    if (i1 >= 0 && i2 >= 0 && a2.role == 'a' && (a2.inter == 2 || a2.inter == 3) && !has_clash &&
        (cls == TC_KILL) && suspect_victim(c, &ch[i2], a, se->te)) {
        /* "police shot dead a suspected al-Shabaab militant": one person
         * killed on suspicion, with no fight told, is a civilian victim to
         * ACLED, the group associated */
        scopy(cd->assoc2, sizeof cd->assoc2, a2.name);
        a2.name[0] = 0;
        if (evc)
            cat3(a2.name, sizeof a2.name, "Civilians (", evc->name, ")");
        a2.inter = 7;
        a2.role = 'c';
    }
    if (cls == TC_AGREEMENT) {
        /* countries as the parties: the subject when no actor is named, the
         * one after "with" unless a named party comes before it */
        actorname p1 = {0}, p2 = {0};
        uint32_t at[2] = {0, 0};
        int np = agreement_parties(c, a, b, tm->tb, evc, &p1, &p2, at);
        for (int k = 0; k < np; k++) {
            const actorname *pk = k ? &p2 : &p1;
            const mention *pm = ent_at(c, at[k]);
            uint32_t pe = pm ? pm->te : at[k] + 1;
            if (!*a1.name) {
                a1 = *pk;
                ev->ev_actor1 = span_of(c, at[k], pe);
            } else if ((!*a2.name || (i2 >= 0 && ch[i2].tb > at[k])) && !STREQ(a1.name, pk->name)) {
                a2 = *pk;
                ev->ev_actor2 = span_of(c, at[k], pe);
            }
        }
    }
    if (evc && STREQ(tr->key, "custody") && ((i1 < 0 && !*a1.name) || (a1.role == 'c' && !*a2.name))) {
        /* "died in police custody": the state that held the victim is the
         * author, the one who died (the subject) its target */
        if (*a1.name) {
            a2 = a1;
            ev->ev_actor2 = ev->ev_actor1;
        }
        ev->ev_actor1 = span_of(c, tm->tb, tm->te);
        if (*evc->police)
            scopy(a1.name, sizeof a1.name, evc->police);
        else
            cat3(a1.name, sizeof a1.name, "Police Forces of ", evc->name, "");
        a1.inter = 1;
        a1.role = 's';
        a1.home = evc->iso3;
    }
    /* associated actors: a chunk joined by "and" to actor 1 or 2 */
    for (int k = 0; k < 2; k++) {
        int ix = k ? i2 : i1;
        if (ix < 0 || ix + 1 >= (int)nch || !ch[ix + 1].conj || ix + 1 == i1 || ix + 1 == i2)
            continue;
        actorname as;
        name_chunk(c, &ch[ix + 1], evc, &as);
        actorname *mainact = k ? &a2 : &a1;
        if (as.inter == 1 && *as.name && mainact->inter >= 2 && mainact->inter <= 4 && *mainact->name && (k ? i1 : i2) >= 0 &&
            !(k == 0 && has_clash && !recip_with(c, ch[ix + 1].te, b))) {
            /* "militiamen and government troops attacked X": ACLED names the
             * state force as the actor, the militia fighting with it as
             * associated (not when they may be the two sides: "X and police
             * clashed") */
            actorname t = *mainact;
            *mainact = as;
            as = t;
            if (k)
                ev->ev_actor2 = span_of(c, ch[ix + 1].tb, ch[ix + 1].te);
            else
                ev->ev_actor1 = span_of(c, ch[ix + 1].tb, ch[ix + 1].te);
        }
        if (strcmp(as.name, mainact->name))
            cat3(k ? cd->assoc2 : cd->assoc1, sizeof cd->assoc1, "", as.name, "");
    }

    /* sub-event type; killings outweigh abductions, arrests or looting in one clause */
    const char *sub = *tr->sub_event_type ? tr->sub_event_type : NULL;
    if (nd && has_kill && dead.best > 0 &&
        ((cls == TC_ABDUCT) || (cls == TC_SEXUAL) || (cls == TC_LOOT) || (cls == TC_ARREST))) {
        cls = TC_KILL;
        sub = NULL;
    }
    if ((cls == TC_AIR) && hand_bombed(c, tm, a)) {
        cls = TC_ATTACK;
        sub = NULL;
    }
    if ((cls == TC_LOOT) && !(tr->bits & SR__TRIG_LABEL) && a1.role == 'a' && livestock_raid(c, tm, a, b)) {
        cls = TC_ATTACK;
        sub = NULL;
    }
    int intervene = find_cue(c, se->tb, se->te, CUE_INTERVENE) >= 0;
    const char *a1key = "";
    if (i1 >= 0)
        for (uint32_t k = ch[i1].tb; k < ch[i1].te; k++) {
            if (TOK_IN(c, k, "warplanes", "warplane", "jets", "jet", "aircraft", "helicopters",
                             "helicopter", "drones", "drone", "planes", "bombers", "air"))
                a1key = "aircraft";
            if (TOK_IN(c, k, "artillery", "tanks", "gunboats", "warships", "howitzers"))
                a1key = "artillery";
        }
    int crowd = 0; /* actor 1 is a collective of civilians ("villagers", "a group of vendors") */
    if (i1 >= 0 && ch[i1].actor >= 0 && lx->actors[ch[i1].actor].inter == 3) {
        /* party members, supporters or factions fighting: rioters, the party associated */
        uint32_t k0 = ch[i1].ntb < ch[i1].nte ? ch[i1].ntb : ch[i1].tb;
        for (uint32_t k = k0 > a + 4 ? k0 - 4 : a; k < ch[i1].te && !crowd; k++)
            crowd = ((c->ti[k].w & W_GROUP) && !TOK_IN(c, k, "members", "member", "gang", "band") &&
                     !(k > a && tok_is(c, k - 1, "armed"))) || /* (an armed group or a gang is no crowd) */
                    TOK_IN(c, k, "factional");
        for (uint32_t k = anchor->tb; k < b && k < anchor->te + 3 && !crowd; k++)
            crowd = TOK_IN(c, k, "factional", "each");
        /* members of a political party (League, Party, Dal…) fighting are a mob */
        const char *an1 = lx->actors[ch[i1].actor].acled;
        if (!crowd && (strstr(an1, "League") || strstr(an1, "Party") || strstr(an1, " Dal") ||
                       strstr(an1, "Congress") || strstr(an1, "Jamaat") || strstr(an1, "Shibir")))
            for (uint32_t k = k0 > a + 4 ? k0 - 4 : a; k < ch[i1].te + 2 && k < b && !crowd; k++)
                crowd = TOK_IN(c, k, "members", "member", "leaders", "men");
        if (!crowd && i2 >= 0 && ch[i2].actor >= 0 && (a2.role == 'r' || lx->actors[ch[i2].actor].inter == 3))
            for (uint32_t k = ch[i2].tb; k < ch[i2].te && !crowd; k++) /* "Jubilee and NASA supporters clashed" */
                crowd = (c->ti[k].w & W_GROUP) && !tok_is(c, k, "members") && !tok_is(c, k, "member");
        if (crowd && !*cd->assoc1)
            scopy(cd->assoc1, sizeof cd->assoc1, a1.name);
    }
    if (a1.role == 'c' && i1 >= 0 && ((cls == TC_KILL) || (cls == TC_ATTACK) || (cls == TC_CLASH))) {
        /* herders or pastoralists who kill, raid or fight are a communal
         * militia (identity militia, inter 4), as ACLED codes pastoral
         * violence, not a mob */
        int communal = 0;
        for (uint32_t k = ch[i1].tb; k < ch[i1].te && !communal; k++)
            communal = TOK_IN(c, k, "herders", "herdsmen", "herder", "herdsman", "pastoralists",
                                    "pastoralist", "tribesmen", "clansmen", "clan", "community",
                                    "communities");
        if (communal) {
            a1.name[0] = 0;
            if (evc)
                cat3(a1.name, sizeof a1.name, "Unidentified Communal Militia (", evc->name, ")");
            a1.inter = 4;
            a1.role = 'a';
        }
    }
    if (a1.role == 'c' && i1 >= 0) {
        static const char *const collective[] = {"villagers", "residents", "youths", "youth", "locals", "vendors", "citizens", "nationals",
                                                 "traders", "sellers", "hawkers", "workers", "students", "farmers", "herders",
                                                 "relatives", "families", "family", "inhabitants", "members", "operators", "riders",
                                                 "drivers", NULL};
        for (uint32_t k = ch[i1].tb; k < ch[i1].te && !crowd; k++)
            crowd = TOK_IN_LIST(c, k, collective);
        uint32_t k0 = ch[i1].ntb < ch[i1].nte ? ch[i1].ntb : ch[i1].tb;
        while (k0 > a && c->ti[k0 - 1].quant && !STREQ(lx->quants[c->men[c->ti[k0 - 1].quant - 1].row].kind, "number"))
            k0--; /* "a mob of around 15 people": past the hedge */
        if (k0 >= 2 && tok_is(c, k0 - 1, "of") && TOK_IN(c, k0 - 2, "group", "groups", "mob", "crowd"))
            crowd = 1;
        if (ch[i1].tb >= 2 && tok_is(c, ch[i1].tb - 1, "of") &&
            TOK_IN(c, ch[i1].tb - 2, "group", "groups", "mob", "crowd"))
            crowd = 1;
        /* ("armed youths", "youths, armed with weapons, raided": armed people are no crowd) */
        for (uint32_t k = ch[i1].tb > a + 3 ? ch[i1].tb - 3 : a; crowd && k < ch[i1].te + 2 && k < b; k++)
            if (tok_is(c, k, "armed") && !(k > a && tok_is(c, k - 1, "not")))
                crowd = 0;
    }
    if (a1.role == 'c' && !crowd && ((cls == TC_KILL) || (cls == TC_ATTACK) || (cls == TC_CLASH))) {
        /* civilians are never the armed side: people who clash are a mob,
         * a person who attacks is an unidentified armed actor */
        /* several people who beat or stone someone without firearms are a
         * mob ("five persons beat up a man", "community members assaulted") */
        int plural = 0, guns = 0;
        if (i1 >= 0) {
            figure f;
            if (ch[i1].nte > ch[i1].ntb && read_figure(c, ch[i1].ntb, &f))
                plural = f.best > 1;
            else
                plural = ends_with(c, ch[i1].te - 1, "s") ||
                         TOK_IN(c, ch[i1].te - 1, "people", "men", "women", "youth");
        }
        for (uint32_t k = a; k < b && plural && !guns; k++)
            guns = TOK_IN(c, k, "shot", "shooting", "gunned", "gunshot", "opened", "fired", "firing",
                                "guns", "gun", "pistol", "pistols", "rifle", "rifles", "firearms",
                                "bomb", "bombs", "grenade", "explosives", "armed", "hacked",
                                "machete", "machetes", "panga", "pangas", "arrows", "spears",
                                "guards", "officials", "rangers", "officers", "raid", "raided",
                                "raiders", "gang", "gangs", "knife", "knives", "knife-wielding",
                                "ambushed", "ambush");
        if ((has_clash || (cls == TC_CLASH)) && a2.role != 'a')
            crowd = 1;
        else if (plural && !guns && !has_kill)
            crowd = 1;
        else {
            a1.name[0] = 0;
            if (evc)
                cat3(a1.name, sizeof a1.name, "Unidentified Armed Group (", evc->name, ")");
            a1.inter = 3;
            a1.role = 'a';
        }
    }
    if ((cls == TC_RIOT) && !sub &&
        (a1.role == 's' || (a1.role == 'a' && (a1.inter != 3 || (i1 >= 0 && ch[i1].actor < 0))))) {
        cls = TC_LOOT; /* armed men burning houses destroy property; they do not riot */
        sub = "Looting/property destruction";
    }
    if ((cls == TC_CLASH) && a1.role == 's' && a2.role == 'p') {
        /* "police and demonstrators clashed", "police battle protesters": the
         * demonstrators fought back, a violent demonstration against the force */
        actorname tmp = a1;
        a1 = a2;
        a2 = tmp;
        sr_span sp = ev->ev_actor1;
        ev->ev_actor1 = ev->ev_actor2;
        ev->ev_actor2 = sp;
    }
    if (((cls == TC_KILL) || (cls == TC_ATTACK) || (cls == TC_CLASH)) && a1.role == 'p') {
        sub = "Violent demonstration"; /* demonstrators who fight or attack riot */
    } else if (((cls == TC_KILL) || (cls == TC_ATTACK) || (cls == TC_CLASH)) && (a1.role == 'r' || crowd)) {
        a1.role = 'r';
        a1.inter = 5;
        a1.name[0] = 0;
        if (evc)
            cat3(a1.name, sizeof a1.name, "Rioters (", evc->name, ")");
        /* violence by people who are not an armed group (villagers, vendors,
         * youths) is mob violence by rioters, as ACLED codes it */
        sub = "Mob violence";
    } else if (((cls == TC_KILL) || (cls == TC_ATTACK)) && STREQ(a1key, "aircraft")) {
        sub = "Air/drone strike";
    } else if (((cls == TC_KILL) || (cls == TC_ATTACK)) && STREQ(a1key, "artillery")) {
        sub = "Shelling/artillery/missile attack";
    } else if ((cls == TC_KILL) || (cls == TC_ATTACK)) {
        if (a2.role == 'p' || (has_protest && (a1.role == 's'))) {
            sub = "Excessive force against protesters";
        } else if (a2.role == 'c' || (i2 < 0 && !has_clash))
            sub = "Attack"; /* victims not named: an attack, unless the text says they fought */
        else
            sub = "Armed clash";
        if (has_clash && (clash_fg || a2.role != 'c' || i2 < 0 ||
                          TOK_IN(c, ch[i2].te - 1, "person", "persons", "people", "individuals", "one", "others")))
            sub = "Armed clash";
    } else if ((cls == TC_CAPTURE) && a2.role == 'c' && i2 >= 0 && ch[i2].agent >= 0 && !(tr->bits & SR__TRIG_WEAK)) {
        /* (a village "taken over" is ground, not its people abducted) */
        sub = "Abduction/forced disappearance"; /* "the men were seized from their homes" */
    } else if ((cls == TC_CAPTURE) && seized_goods(c, tm->te, b)) {
        sub = "Looting/property destruction"; /* "police seized a ton of marijuana": goods, not ground */
    } else if (cls == TC_CAPTURE) {
        sub = a1.inter == 1 ? "Government regains territory" : "Non-state actor overtakes territory";
        /* "the militants took over the village": the neutral verbs (the weak
         * capture row) tell of no fighting; with no death or wound in the
         * clause the ground changed hands without violence */
        if (find_cue(c, a, b, CUE_NONVIOLENT) >= 0 ||
            ((tr->bits & SR__TRIG_WEAK) && find_cue(c, a, b, CUE_KILL) < 0 && find_cue(c, a, b, CUE_WOUND) < 0))
            sub = "Non-violent transfer of territory";
    } else if ((cls == TC_PROTEST) && a1.role == 'r' &&
               !(i1 >= 0 && ch[i1].agent >= 0 && STREQ(lx->agents[ch[i1].agent].key, "supporters") &&
                 (ch[i1].actor < 0 || (!has_clash && !has_loot && !rioters_named(c, a, ch[i1].te)))) &&
               !(i1 >= 0 && TOK_IN(c, ch[i1].te - 1, "crowd", "crowds"))) {
        /* (a crowd that protests is protesters: "a crowd held a protest";
         * so are a party's supporters or activists: "PML-N activists protested") */
        sub = "Violent demonstration"; /* "rioters took to the streets" (supporters may protest peacefully) */
    } else if ((cls == TC_PROTEST) && has_clash && clash_acted(c, trigs, nt, a)) {
        /* demonstrators who clash with the police riot; two groups clashing
         * during a demonstration are a mob */
        sub = (a2.role == 's' || a1.role == 's') ? "Violent demonstration" : "Mob violence";
    } else if (cls == TC_PROTEST) {
        if (has_loot && !has_kill)
            sub = "Violent demonstration"; /* demonstrators destroying property */
        else if (has_kill && (a2.role == 's' || a1.role == 's' || i1 < 0) && !kill_is_cause(c, a, trigs, nt))
            sub = "Excessive force against protesters";
        else if (!has_kill && protesters_attacked(c, trigs, nt, tm))
            sub = "Violent demonstration"; /* "women protesting … lured activists and attacked them" */
        else if (intervene || has_arrest)
            sub = "Protest with intervention";
        else
            sub = "Peaceful protest";
    }
    if (!sub && (cls == TC_RIOT))
        /* vandalism or stone-throwing is a violent demonstration only when the
         * clause tells of a demonstration; otherwise it is a mob */
        sub = has_protest || a1.role == 'p' || intervene ||
                      (i1 >= 0 && ch[i1].actor < 0 && ch[i1].agent >= 0 && STREQ(lx->agents[ch[i1].agent].key, "rioters"))
                  ? "Violent demonstration"
                  : "Mob violence";
    if (sub && (cls == TC_LOOT) && a1.role == 'p' && STREQ(sub, "Looting/property destruction"))
        sub = "Violent demonstration"; /* "demonstrators … robbed civilians": protesters who loot riot */
    int crowd_loot = 0; /* "a bus was burnt down by rioters": ACLED codes destruction by a crowd,
                           not an organised group, as a riot (a label still wins) */
    if ((cls == TC_LOOT) && !label && !(tr->bits & SR__TRIG_LABEL) && (crowd || a1.role == 'r') && a1.role != 'a' &&
        a1.role != 's' && !has_protest) {
        /* villagers, traders or a mob burning a suspect's houses: property
         * destroyed by rioters outside a demonstration is mob violence in
         * ACLED's definitions, not looting by an armed group */
        a1.role = 'r';
        a1.inter = 5;
        a1.name[0] = 0;
        if (evc)
            cat3(a1.name, sizeof a1.name, "Rioters (", evc->name, ")");
        sub = "Mob violence";
        crowd_loot = 1;
    }
    if (sub && (cls == TC_LOOT) && (a1.role == 'r' || (crowd && a1.role == 'c')) &&
        STREQ(sub, "Looting/property destruction")) {
        sub = "Mob violence"; /* (so are "traders", "villagers" who burn houses down) */
        crowd_loot = 1;
        if (a1.role == 'c') {
            a1.name[0] = 0;
            if (evc)
                cat3(a1.name, sizeof a1.name, "Rioters (", evc->name, ")");
            a1.inter = 5;
            a1.role = 'r';
        }
    }
    if (purpose_demo && !label)
        sub = "Violent demonstration";
    if (label)
        sub = lx->triggers[label->row].sub_event_type;
    int riotbomb = 0;
    for (uint32_t k = a; k < b && !riotbomb && sub && STREQ(sub, "Remote explosive/landmine/IED"); k++)
        riotbomb = TOK_IN(c, k, "cocktails", "molotov", "brickbats") ||
                   (k > a && TOK_IN(c, k, "bomb", "bombs") &&
                    TOK_IN(c, k - 1, "crude", "cocktail", "petrol", "homemade", "hand-made",
                                     "home-made", "made"));
    if (riotbomb) {
        /* crude, cocktail or petrol bombs thrown by people not known to be an
         * armed group are riot weapons, not explosive devices */
        int armed1 = a1.role == 's' ||
                     (i1 >= 0 && ch[i1].actor >= 0 && lx->actors[ch[i1].actor].inter >= 1 && lx->actors[ch[i1].actor].inter <= 2) ||
                     (i1 >= 0 && ch[i1].actor < 0 && ch[i1].agent >= 0 && STREQ(lx->agents[ch[i1].agent].role, "armed"));
        /* (a homemade bomb that nobody is said to have thrown, "their
         * vehicle ran over a homemade bomb", stays an explosive device) */
        int thrown = i1 >= 0;
        for (uint32_t k = a; k < b && !thrown; k++)
            thrown = TOK_IN(c, k, "hurled", "thrown", "threw", "hurling", "throwing", "lobbed", "hurl", "throw",
                                  "cocktails", "molotov", "brickbats", "exploded") ||
                     (k > a && TOK_IN(c, k, "bomb", "bombs") && TOK_IN(c, k - 1, "crude", "cocktail", "petrol"));
        if (!armed1 && thrown)
            sub = has_protest || a1.role == 'p' ? "Violent demonstration" : "Mob violence";
    }
    if (!sub)
        sub = "Other";
    if (air_fire && !label) {
        sub = "Other";
        memset(&a2, 0, sizeof a2);
        ev->ev_actor2 = (sr_span){-1, -1};
    }
    /* default actors by type */
    if (((cls == TC_PROTEST) && !STREQ(sub, "Violent demonstration")) || (sub && strstr(sub, "protest"))) {
        if (a1.role != 'p' && a2.role == 'p') {
            actorname tmp = a1;
            a1 = a2;
            a2 = tmp;
            sr_span sp = ev->ev_actor1;
            ev->ev_actor1 = ev->ev_actor2;
            ev->ev_actor2 = sp;
        }
        /* without a country the name stays empty but the actor type (inter)
         * is still known */
        if (a1.role != 'p' && a1.role != 's') {
            /* ACLED codes the demonstrators as Protesters (Country); a named
             * group among them is an associated actor */
            if (i1 >= 0 && ch[i1].actor >= 0)
                scopy(cd->assoc1, sizeof cd->assoc1, a1.name);
            cat3(a1.name, sizeof a1.name, "Protesters (", evc ? evc->name : "", ")");
            a1.inter = 6;
            a1.role = 'p';
        } else if (a1.role == 's') {
            if (!a2.role || a2.role != 'p') {
                a2 = a1;
                ev->ev_actor2 = ev->ev_actor1;
                ev->ev_actor1 = (sr_span){-1, -1};
            }
            cat3(a1.name, sizeof a1.name, "Protesters (", evc ? evc->name : "", ")");
            a1.inter = 6;
            a1.role = 'p';
        }
        if (!evc)
            a1.name[0] = 0;
        if (STREQ(sub, "Peaceful protest")) { /* a peaceful protest is one-sided: the state it targets is no actor */
            a2.name[0] = 0;
            a2.inter = 0;
            a2.role = 0;
        }
        if (strcmp(sub, "Peaceful protest") && a2.role != 's') {
            int st = -1; /* a state actor phrase in the clause, else the police */
            for (size_t k = 0; k < nch && st < 0; k++) {
                actorname t;
                name_chunk(c, &ch[k], evc, &t);
                if (t.role == 's') {
                    st = (int)k;
                    a2 = t;
                    ev->ev_actor2 = span_of(c, ch[k].tb, ch[k].te);
                }
            }
            if (st < 0) {
                if (evc && *evc->police)
                    scopy(a2.name, sizeof a2.name, evc->police);
                a2.inter = 1;
                a2.role = 's';
            }
        }
    }
    if ((cls == TC_RIOT) && !has_protest && i1 >= 0) {
        /* "a mob pelted stones at the police": a mob, not a demonstration */
        int mob = 0;
        uint32_t k0 = ch[i1].ntb < ch[i1].nte ? ch[i1].ntb : ch[i1].tb;
        for (uint32_t k = k0 > a + 3 ? k0 - 3 : a; k < ch[i1].te && !mob; k++)
            mob = TOK_IN(c, k, "mob", "group", "groups");
        if (mob)
            sub = "Mob violence";
    }
    if ((cls == TC_SHELL) && has_clash && find_cue(c, a, b, CUE_BOTHSIDES) >= 0)
        sub = "Armed clash"; /* "mortars and small arms … in both directions" */
    if ((cls == TC_SHELL) && has_clash && TOK_IN(c, tm->tb, "explosions"))
        sub = "Armed clash";
    if ((cls == TC_SHELL) && STREQ(sub, "Shelling/artillery/missile attack"))
        for (int k = 0; k < nt; k++)
            if (TOK_IN(c, trigs[k]->tb, "clash", "clashes", "clashed", "clashing", "fought",
                                        "fighting", "battle", "battled", "responded", "returned",
                                        "fired") &&
                (lx->triggers[trigs[k]->row].cid == TC_CLASH)) {
                sub = "Armed clash"; /* "clashes amid regime shelling", "responded to the shelling" */
                break;
            }
    if ((STREQ(sub, "Shelling/artillery/missile attack") || STREQ(sub, "Grenade")) && tm->tb > a + 1)
        for (uint32_t k = a; k + 1 < tm->tb; k++)
            if (TOK_IN(c, k, "responded", "retaliated", "replied") && tok_is(c, k + 1, "to")) {
                sub = "Armed clash"; /* "X responded to Y's shelling": fire both ways */
                break;
            }
    if (STREQ(sub, "Grenade") && (a2.role == 's' || a2.role == 'a'))
        for (uint32_t k = a; k < b; k++)
            if (TOK_IN(c, k, "firearms", "guns", "rifles", "gunfire", "gunshots")) {
                sub = "Armed clash"; /* "attacked a patrol using grenades and firearms" */
                break;
            }
    if ((cls == TC_SHELL) && STREQ(sub, "Shelling/artillery/missile attack") &&
        TOK_ANY(c, "directions", "exchanged", "traded"))
        for (uint32_t k = se->tb; k + 1 < se->te; k++)
            if ((tok_is(c, k, "both") && tok_is(c, k + 1, "directions")) ||
                (k >= a && k < b && TOK_IN(c, k, "exchanged", "traded"))) {
                sub = "Armed clash"; /* fire in both directions is a fight, not a one-sided shelling */
                break;
            }
    int disrupted = 0; /* applied once the default actors of the explosion are set, below */
    if ((STREQ(sub, "Remote explosive/landmine/IED") || STREQ(sub, "Shelling/artillery/missile attack") ||
         STREQ(sub, "Grenade")) && !nd && !nw && !has_death && !label) {
        /* "recovered four IEDs planted by X", "destroyed a weapons cache and
         * defused 55 IEDs", "a timed IED was found": explosives recovered,
         * found or defused are a disrupted weapons use, not an explosion */
        int got = 0;
        for (uint32_t k = tm->tb > a + 8 ? tm->tb - 8 : a; k < tm->tb; k++) {
            if (TOK_IN(c, k, "recovered", "seized", "found", "discovered", "destroyed", "diffused",
                             "defused", "dismantled", "confiscated", "neutralised", "neutralized",
                             "unearthed"))
                got = 1;
            else if (got && TOK_IN(c, k, "with", "by", "using", "in"))
                got = 0; /* ("destroyed a tank with artillery fire": the weapon used) */
        }
        disrupted = got;
    }

    if (STREQ(sub, "Armed clash") && heavy_fire_only(c, a, b))
        sub = "Shelling/artillery/missile attack";
    if (((cls == TC_RIOT) || (cls == TC_MOB) || STREQ(sub, "Mob violence") || STREQ(sub, "Violent demonstration")) &&
        a1.role != 'r') {
        if (a1.role && !a2.role && a1.role != 'p' && a1.role != 'c') {
            a2 = a1;
            ev->ev_actor2 = ev->ev_actor1;
        }
        a1.name[0] = 0;
        if (evc)
            cat3(a1.name, sizeof a1.name, "Rioters (", evc->name, ")");
        a1.inter = 5;
        a1.role = 'r';
        ev->ev_actor1 = (sr_span){-1, -1};
    }
    if ((cls == TC_ARREST) && !a1.role) {
        if (evc && *evc->police)
            scopy(a1.name, sizeof a1.name, evc->police);
        a1.inter = 1;
        a1.role = 's';
    }
    if (a1.role == 'c' && !a2.role &&
        (STREQ(sub, "Remote explosive/landmine/IED") || STREQ(sub, "Grenade") || STREQ(sub, "Suicide bomb") ||
         STREQ(sub, "Shelling/artillery/missile attack") || STREQ(sub, "Air/drone strike"))) {
        /* "a shopkeeper was injured in an explosion": civilians are what the
         * weapon hit, not who used it */
        a2 = a1;
        ev->ev_actor2 = ev->ev_actor1;
        memset(&a1, 0, sizeof a1);
        ev->ev_actor1 = (sr_span){-1, -1};
    }
    if (!a1.role && !a2.role) {
        /* nobody named at all ("the body of a man was found"; "a caretaker
         * was injured in an explosion"): the victims are civilians when the
         * violence was against civilians, or when a civilian is named */
        int civ = 0, hurt = nd || nw || has_kill;
        for (size_t k = 0; k < nch && !civ; k++)
            civ = ch[k].actor < 0 && ch[k].agent >= 0 && !ch[k].attrib && STREQ(lx->agents[ch[k].agent].role, "civilian");
        if (STREQ(sub, "Attack") || STREQ(sub, "Sexual violence"))
            civ = civ || hurt;
        else if (STREQ(sub, "Remote explosive/landmine/IED") || STREQ(sub, "Grenade"))
            civ = civ && hurt;
        else if (!STREQ(sub, "Abduction/forced disappearance"))
            civ = 0;
        if (civ) {
            if (evc)
                cat3(a2.name, sizeof a2.name, "Civilians (", evc->name, ")");
            a2.inter = 7;
            a2.role = 'c';
        }
    }
    if (!a1.role && a2.role && (STREQ(sub, "Attack") || STREQ(sub, "Abduction/forced disappearance") ||
                     STREQ(sub, "Remote explosive/landmine/IED") || STREQ(sub, "Grenade") ||
                     STREQ(sub, "Suicide bomb"))) {
        /* an attack by nobody named: ACLED's unidentified armed group */
        if (evc)
            cat3(a1.name, sizeof a1.name, "Unidentified Armed Group (", evc->name, ")");
        a1.inter = 3;
        a1.role = 'a';
    }
    if (a1.role == 'a' && !a2.role &&
        (STREQ(sub, "Attack") || STREQ(sub, "Armed clash") || STREQ(sub, "Non-state actor overtakes territory")) &&
        post_object(c, tm, b)) {
        /* "gunmen attacked two checkpoints": a security post is held by the
         * state's forces, an armed clash */
        scopy(a2.name, sizeof a2.name, evc && *evc->military ? evc->military : "");
        a2.inter = 1;
        a2.role = 's';
        if (STREQ(sub, "Attack"))
            sub = "Armed clash";
    }
    if (a1.role && !a2.role && (STREQ(sub, "Attack") || STREQ(sub, "Abduction/forced disappearance") ||
                                STREQ(sub, "Sexual violence") || STREQ(sub, "Looting/property destruction") ||
                                (crowd_loot && STREQ(sub, "Mob violence")))) {
        /* violence against civilians, or their property, with no victim named:
         * ACLED's civilians of the country; drugs or contraband seized or
         * destroyed by the state belong to an unnamed criminal group */
        int crime = 0;
        if (a1.role == 's' && STREQ(sub, "Looting/property destruction"))
            for (uint32_t k = a; k < b && !crime; k++)
                crime = TOK_IN(c, k, "marijuana", "cocaine", "heroin", "cannabis", "drugs",
                                     "methamphetamine", "narcotics", "contraband", "smuggled",
                                     "opium", "poppy");
        if (evc)
            snprintf(a2.name, sizeof a2.name, crime ? "Unidentified Armed Group (%s)" : "Civilians (%s)", evc->name);
        a2.inter = crime ? 3 : 7;
        a2.role = crime ? 'a' : 'c';
    }
    if (STREQ(sub, "Armed clash") && clash_fg && a1.role != 's' && a1.role != 'a' && a2.role != 's' &&
        a2.role != 'a' && crowd_fight(c, a, b)) {
        /* "a clash between two groups over a land dispute", "members of
         * the X party clashed with members of the Y party": crowds that
         * fight are a mob, rioters on both sides */
        sub = "Mob violence";
        memset(&a1, 0, sizeof a1);
        if (evc)
            cat3(a1.name, sizeof a1.name, "Rioters (", evc->name, ")");
        a1.inter = 5;
        a1.role = 'r';
        if (a2.role != 'r')
            memset(&a2, 0, sizeof a2);
    }
    int named_side = -1;
    if (STREQ(sub, "Armed clash") && clash_fg && !communal_sides(c, a, b) &&
        (named_side = supporters_fight(c, ch, i1, i2, a1.role, a2.role)) != -1) {
        /* "supporters of two aspirants clashed", "supporters of X (party A)
         * and those of Y (party B) clashed": party crowds that fight are a
         * mob, rioters on both sides, in all three files */
        sub = "Mob violence";
        memset(&a1, 0, sizeof a1);
        if (evc) /* (the type does not wait for the country: only the names do) */
            cat3(a1.name, sizeof a1.name, "Rioters (", evc->name, ")");
        if (named_side == i1 || named_side == i2) { /* "Imbonerakure and CNL supporters fought" */
            actorname t;
            name_chunk(c, &ch[named_side], evc, &t);
            a2 = t;
        }
        a1.inter = 5;
        a1.role = 'r';
        if (named_side < 0)
            a2 = a1;
    }
    if (sub && STREQ(sub, "Mob violence") && (((cls == TC_CLASH) && clash_fg) || has_clash) && a1.role != 's' &&
        a2.role != 's' && !has_protest && communal_sides(c, a, b)) {
        /* "a clash between the X and Y clans", "two rival communities
         * clashed": clans, tribes and villages that fight are communal
         * militias in an armed clash, as ACLED codes them everywhere */
        sub = "Armed clash";
        memset(&a1, 0, sizeof a1);
        if (evc)
            cat3(a1.name, sizeof a1.name, "Unidentified Communal Militia (", evc->name, ")");
        a1.inter = 4;
        a1.role = 'a';
        a2 = a1;
        ev->ev_actor1 = ev->ev_actor2 = (sr_span){-1, -1};
    }
    if (STREQ(sub, "Armed clash") && (cls == TC_CLASH) && clash_fg &&
        ((a1.role == 's' && a2.role == 'c' && i2 >= 0) || (a2.role == 's' && a1.role == 'c' && i1 >= 0)) &&
        civilian_crowd(c, &ch[a1.role == 'c' ? i1 : i2]) && !armed_words(c, a, b)) {
        /* "police fought with market vendors": a crowd of civilians that
         * fights the state's forces riots, as ACLED codes it (mob violence,
         * the rioters first) */
        actorname st = a1.role == 's' ? a1 : a2;
        sr_span sps = a1.role == 's' ? ev->ev_actor1 : ev->ev_actor2;
        sr_span spr = a1.role == 's' ? ev->ev_actor2 : ev->ev_actor1;
        memset(&a1, 0, sizeof a1);
        if (evc)
            cat3(a1.name, sizeof a1.name, "Rioters (", evc->name, ")");
        a1.inter = 5;
        a1.role = 'r';
        ev->ev_actor1 = spr;
        a2 = st;
        ev->ev_actor2 = sps;
        sub = "Mob violence";
    }
    mob_sides(evc, sub, cls, clash_fg, &a2);
    if (remote_sub(sub) && a2.role == 'c' && i2 >= 0 && ch[i2].actor < 0 && ch[i2].agent >= 0 && !has_death && !nw &&
        !(nd && dead.best > 0) &&
        (strstr(lx->agents[ch[i2].agent].key, "-site") ||
         TOK_IN(c, ch[i2].te - 1, "areas", "area", "neighbourhoods", "neighborhoods"))) {
        /* "shelled farms and villages with no report of injuries": a place
         * hit with nobody hurt is no civilian victim, as ACLED codes it */
        memset(&a2, 0, sizeof a2);
        ev->ev_actor2 = (sr_span){-1, -1};
    }
    if (a1.role != 'r' && a1.role != 'p' &&
        ((*a1.name && !strcmp(a1.name, a2.name)) ||
         (!*a1.name && !*a2.name && a1.role && i1 >= 0 && i2 >= 0 && ch[i1].actor < 0 && ch[i2].actor < 0 &&
          ch[i1].agent >= 0 && ch[i1].agent == ch[i2].agent))) {
        if (remote_sub(sub)) { /* "regime forces shelled X amid the overflight of drones": the one side named fired */
            a2.name[0] = 0;
            a2.role = 0;
            ev->ev_actor2 = (sr_span){-1, -1};
        } else {
            a1.name[0] = 0; /* "soldiers ... a patrol": one side only */
            a1.role = 0;
            ev->ev_actor1 = (sr_span){-1, -1};
        }
    }
    if (relief_body(a1.name) && (STREQ(event_type_of(sub), "Battles") ||
                                 STREQ(event_type_of(sub), "Explosions/Remote violence") ||
                                 STREQ(event_type_of(sub), "Violence against civilians"))) {
        /* "the U.N. continues to receive reports of aerial bombardment":
         * the UN and relief agencies report, inspect or are hit; they are
         * never the author of a strike or a killing */
        a1.name[0] = 0;
        a1.role = 0;
        ev->ev_actor1 = (sr_span){-1, -1};
    }
    if (a1.role == 'c' && (STREQ(event_type_of(sub), "Battles") ||
                           STREQ(event_type_of(sub), "Explosions/Remote violence") ||
                           STREQ(event_type_of(sub), "Violence against civilians"))) {
        /* "Washington accuses the regime of killing 1,400 people with
         * chemical weapons": civilians are the victims of political
         * violence, never its authors (ACLED's rule); the other side named,
         * if any, did it */
        if (!*a2.name && !a2.role) {
            a2 = a1;
            ev->ev_actor2 = ev->ev_actor1;
        } else if (a2.role != 'c') {
            actorname t = a2;
            sr_span ts = ev->ev_actor2;
            a2 = a1;
            ev->ev_actor2 = ev->ev_actor1;
            a1 = t;
            ev->ev_actor1 = ts;
        }
        if (a1.role == 'c') {
            memset(&a1, 0, sizeof a1);
            ev->ev_actor1 = (sr_span){-1, -1};
        }
    }
    scopy(cd->actor1, sizeof cd->actor1, a1.name);
    scopy(cd->actor2, sizeof cd->actor2, a2.name);
    ev->inter1 = *a1.name || a1.role ? a1.inter : 0; /* a known kind of actor without a country */
    ev->inter2 = *a2.name || a2.role ? a2.inter : 0;
    cd->role2 = a2.role;
    cd->sub_event_type = sub;
    cd->event_type = event_type_of(sub);

    /* fatalities */
    figure f2;
    long sd = -1;
    if (nd) {
        ev->fatalities = dead.best >= 0 ? dead.best : dead.low;
        ev->fatalities_low = dead.low;
        ev->fatalities_high = dead.high;
        ev->ev_number = dead.span;
    } else if (!zero && !nw && has_death && i2 >= 0 && ch[i2].nte > ch[i2].ntb && read_figure(c, ch[i2].ntb, &f2)) {
        ev->fatalities = f2.best;
        ev->fatalities_low = f2.low;
        ev->fatalities_high = f2.high;
        ev->ev_number = f2.span;
    } else if (!zero && (has_kill || (c->smask >> CUE_KILL & 1)) && (sd = singular_death(c, a, b)) >= 0) {
        ev->fatalities = ev->fatalities_low = ev->fatalities_high = 1;
        ev->ev_number = span_of(c, (uint32_t)sd, (uint32_t)sd + 1);
    } else if (!zero && !nw && has_death && i2 >= 0 && ch[i2].tb == tm->te + 1 &&
               TOK_IN(c, tm->te, "the", "his", "her") &&
               !ends_with(c, ch[i2].te - 1, "s") && a2.role != 's' &&
               !TOK_IN(c, ch[i2].te - 1, "people", "police", "family", "group", "village", "community",
                                         "crowd", "military", "army", "militia", "men", "women", "children")) {
        /* "killed the driver", "fatally shot the leader": one person */
        ev->fatalities = ev->fatalities_low = ev->fatalities_high = 1;
        ev->ev_number = span_of(c, tm->te, ch[i2].te);
    } else if (zero || nw) {
        ev->fatalities = ev->fatalities_low = ev->fatalities_high = 0;
        long z = find_cue(c, se->tb, se->te, CUE_ZERO);
        if (z >= 0)
            ev->ev_number = span_of(c, (uint32_t)z, (uint32_t)z + 1);
    }

    /* a peaceful protest (or one the police broke up) kills nobody: a death
     * it names is its cause ("demonstrated over the killing of a driver") */
    if ((STREQ(sub, "Peaceful protest") || STREQ(sub, "Protest with intervention")) && ev->fatalities > 0) {
        ev->fatalities = ev->fatalities_low = ev->fatalities_high = 0;
        ev->ev_number = (sr_span){-1, -1};
    }

    /* dates */
    if (dt) {
        sr__date_fmt(dt->h.start, ev->date_start);
        sr__date_fmt(dt->h.end, ev->date_end);
        sr__date_fmt(dt->h.end, ev->event_date);
        ev->time_precision = dt->h.precision;
        ev->ev_date = span_of(c, dt->tb, dt->te);
        cd->has_date = 1;
        if (since && c->has_pub && sr__date_days(c->pub) > sr__date_days(dt->h.start)) {
            /* the count runs from that date up to the report */
            sr__date_fmt(c->pub, ev->date_end);
            sr__date_fmt(c->pub, ev->event_date);
            ev->time_precision = sr__date_days(c->pub) - sr__date_days(dt->h.start) > 31 ? 3 : 2;
        }
    } else if (c->has_pub) {
        /* no date in the sentence: the last date given earlier in the paragraph
         * (a narrative goes on from "On 9 May ..."), else the publication date */
        /* a year ("the fighting of 2016") sets the scene, it dates no event
         * after it: the walk goes on past it, and if it finds no other date,
         * a year long past makes the sentence history */
        const dhit *prev = NULL, *year = NULL;
        for (size_t k = lo; k > 0 && !prev; k--) {
            const dhit *h = &c->dh[k - 1];
            if (h->tb >= se->tb)
                continue;
            size_t ps = s;
            while (ps > 0 && c->t.sents[ps].tb > h->tb && s - ps <= 3)
                ps--;
            if (c->t.sents[ps].tb > h->tb || s - ps > 3 || (c->para && c->para[ps] != c->para[s]))
                break; /* (at most three sentences back: the walk stays short) */
            if (h->h.period)
                break;
            if (sr__date_days(h->h.end) - sr__date_days(h->h.start) <= 62)
                prev = h;
            else if (!year)
                year = h;
        }
        if (!prev && year && sr__date_days(year->h.end) < sr__date_days(c->pub) - 120)
            return 0;
        if (prev) {
            sr__date_fmt(prev->h.start, ev->date_start);
            sr__date_fmt(prev->h.end, ev->date_end);
            sr__date_fmt(prev->h.end, ev->event_date);
            ev->time_precision = prev->h.precision;
        } else {
            sr__date_fmt(c->pub, ev->date_start);
            sr__date_fmt(c->pub, ev->date_end);
            sr__date_fmt(c->pub, ev->event_date);
            ev->time_precision = 2;
        }
    }
    cd->kind_agg = period;
    /* "More than 300,000 people have been killed": a toll in the thousands
     * with no day to it is a war's or a year's total, not one incident */
    if (!period && ev->fatalities >= 1000 && (!dt || dt->h.precision >= 2))
        cd->kind_agg = 1;
    if (cd->kind_agg && war_toll(c, se->tb, se->te, ev, dt))
        return 0;
    if (dt && c->has_pub) {
        /* "driven out of Mogadishu in 2011": history, not news */
        long pubd = sr__date_days(c->pub);
        if ((!period && sr__date_days(dt->h.end) < pubd - 120) || (period && sr__date_days(dt->h.start) < pubd - 400))
            return 0;
    }

    /* attribution */
    for (uint32_t i = se->tb; i < se->te; i++) {
        const mention *m = ent_at(c, i);
        if (m && m->tb == i && m->type == MT_SOURCE) {
            scopy(cd->source, sizeof cd->source, lx->cues[m->row].arg);
            ev->ev_source = span_of(c, m->tb, m->te);
            break;
        }
    }
    if (!*cd->source) {
        long at = find_cue(c, se->tb, se->te, CUE_ATTRIB_BEFORE);
        if (at >= 0) {
            uint32_t j = (uint32_t)at;
            while (j < se->te && c->ti[j].cue >> CUE_ATTRIB_BEFORE & 1)
                j++;
            while (j < se->te && tok_is(c, j, "the"))
                j++;
            /* "according to the Houthi-run al-Masirah television": who runs
             * or backs the outlet is not its name */
            while (j < se->te && (ends_with(c, j, "-run") || ends_with(c, j, "-owned") || ends_with(c, j, "-backed") ||
                                  ends_with(c, j, "-affiliated") || ends_with(c, j, "-controlled") ||
                                  ends_with(c, j, "-aligned") || ends_with(c, j, "-based")))
                j++;
            uint32_t k = j;
            while (k < se->te && c->t.toks[k].kind == SR_TOK_WORD &&
                   ((c->t.toks[k].flags & SR_TF_CAP) ||
                    (c->t.toks[k].oe > c->t.toks[k].os + 3 && !strncmp(c->t.orig + c->t.toks[k].os, "al-", 3) &&
                     isupper((unsigned char)c->t.orig[c->t.toks[k].os + 3]))))
                k++;
            if (k > j) {
                sr_span sp = span_of(c, j, k);
                snprintf(cd->source, sizeof cd->source, "%.*s", (int)(sp.end - sp.start),
                         c->t.orig + sp.start);
                ev->ev_source = sp;
            }
        }
    }

    if (evc) {
        /* a drive-by shooting or a cartel is the mark of a criminal gang:
         * ACLED's unidentified gang rather than an unidentified armed group */
        int gang = 0, unnamed = generic_armed(cd->actor1) || generic_armed(cd->actor2);
        if (unnamed && TOK_ANY(c, "drive-by", "cartel", "cartels", "drive", "criminal"))
            for (uint32_t k = se->tb; k < se->te && !gang; k++)
                gang = TOK_IN(c, k, "drive-by", "cartel", "cartels") ||
                       (tok_is(c, k, "drive") && tok_is(c, k + 1, "-") && tok_is(c, k + 2, "by")) ||
                       (tok_is(c, k, "criminal") && TOK_IN(c, k + 1, "group", "groups"));
        for (int k = 0; k < 2 && gang; k++) {
            char *an = k ? cd->actor2 : cd->actor1;
            if (generic_armed(an))
                cat3(an, sizeof cd->actor1, "Unidentified Gang (", evc->name, ")");
        }
    }
    if (evc && !*cd->actor1 && !*cd->actor2 && *ev->event_date &&
        (STREQ(sub, "Armed clash") || STREQ(sub, "Shelling/artillery/missile attack")))
        front_dyad(c, evc, sub, cd);
    if (evc && !ev->inter1 &&
        (((STREQ(sub, "Shelling/artillery/missile attack") || STREQ(sub, "Remote explosive/landmine/IED")) &&
          (ev->inter2 || ev->fatalities == 0 || unknown_author(c, a, b))) ||
         ((STREQ(sub, "Attack") || STREQ(sub, "Sexual violence") || STREQ(sub, "Looting/property destruction") ||
           STREQ(sub, "Grenade")) && ev->inter2 == 7))) {
        /* "artillery fire by an unknown party", "a landmine exploded", "a
         * car was set on fire": violence with nobody named as its author is
         * ACLED's unidentified armed group */
        cat3(cd->actor1, sizeof cd->actor1, "Unidentified Armed Group (", evc->name, ")");
        ev->inter1 = 3;
    }
    if (disrupted) {
        /* explosives recovered or defused are a disrupted weapons use, with
         * the sides the explosion would have */
        cd->sub_event_type = sub = "Disrupted weapons use";
        cd->event_type = event_type_of(sub);
        if (disrupted && ev->inter2 == 7 && ev->ev_actor2.start < 0) { /* (no victim of an explosion that did not happen) */
            cd->actor2[0] = 0;
            ev->inter2 = 0;
            cd->role2 = 0;
        }
    }
    if ((STREQ(sub, "Armed clash") || remote_sub(sub)) && (!ev->inter2 || generic_armed(cd->actor2)) &&
        (!ev->inter1 || ev->inter1 == 1))
        two_states(c, a, b, evc, cd);
    if (evc && STREQ(sub, "Armed clash") && !ev->inter1) {
        /* a fight always has two sides: one not named is ACLED's unidentified
         * armed group ("a shoot-out took place", "police were ambushed") */
        cat3(cd->actor1, sizeof cd->actor1, "Unidentified Armed Group (", evc->name, ")");
        ev->inter1 = 3;
        if (!ev->inter2) {
            scopy(cd->actor2, sizeof cd->actor2, cd->actor1);
            ev->inter2 = 3;
        }
    } else if (evc && STREQ(sub, "Armed clash") && !ev->inter2 && (ev->inter1 == 1 || ev->inter1 == 2)) {
        cat3(cd->actor2, sizeof cd->actor2, "Unidentified Armed Group (", evc->name, ")");
        ev->inter2 = 3;
    }

    cd->score = (*cd->actor1 != 0) + (*cd->actor2 != 0) + (*cd->location != 0) * 2 +
                (ev->fatalities >= 0) + cd->has_date + (*cd->source != 0);
    c->ncands++;
    return 0;
}

/* Splits a sentence into clauses at ';' and at ", and/while/but" when both
 * sides hold a trigger; codes each. */
/* A trigger starts or covers token i and may tell an event: a label word
 * ("other", "recruitment") does so only where it opens the sentence. */
static int live_trig(const coder *c, uint32_t i, uint32_t sb)
{
    return c->ti[i].trig && (i == sb || !(c->lx->triggers[c->men[c->ti[i].trig - 1].row].bits & SR__TRIG_LABEL));
}

/* Does the sentence say that what it reports is false ("reports of an
 * attack were untrue", "rumours of fighting")? Rumours that people protest
 * about are the protest's grievance, not a denial of it: "youths staged a
 * demonstration over rumours that the count was rigged". */
static int false_report(const coder *c, const sr__sent *se)
{
    long f = find_cue(c, se->tb, se->te, CUE_FALSE);
    if (f < 0 || !TOK_IN(c, (uint32_t)f, "rumours", "rumors"))
        return f >= 0;
    const uint64_t *tstart = tok_bits(c, TB_TRIG);
    for (uint32_t i = next_start(tstart, se->tb, se->te); i < se->te; i = next_start(tstart, i + 1, se->te))
        if (c->lx->triggers[c->men[c->ti[i].trig - 1].row].cid == TC_PROTEST)
            return 0;
    return 1;
}

static int code_sentence(coder *c, uint32_t s)
{
    const sr__sent *se = &c->t.sents[s];
    if (se->te <= se->tb)
        return 0;
    uint32_t mask = 0;
    int any_trig = 0;
    const uint64_t *cues = tok_bits(c, TB_CUE), *cover = tok_bits(c, TB_COVER);
    for (uint32_t i = next_start(cues, se->tb, se->te); i < se->te; i = next_start(cues, i + 1, se->te))
        mask |= c->ti[i].cue_start;
    for (uint32_t i = next_start(cover, se->tb, se->te); i < se->te && !any_trig; i = next_start(cover, i + 1, se->te))
        any_trig = live_trig(c, i, se->tb);
    c->sb = se->tb;
    c->se = se->te;
    c->smask = mask;
    if (!any_trig && (mask >> CUE_KILL & 1) && !(mask >> CUE_ZERO & 1) && c->ncands &&
        c->cands[c->ncands - 1].ev.fatalities < 0 &&
        c->cands[c->ncands - 1].sent + 3 >= s) {
        /* "Two of the victims died." / "1 fatality." completes the event before it */
        figure dead = {-1, -1, -1, {-1, -1}};
        int first = 1, nd = 0;
        for (uint32_t i = se->tb; i < se->te; i++) {
            int isnum = c->ti[i].num && c->men[c->ti[i].num - 1].tb == i;
            int isq = c->ti[i].quant && c->men[c->ti[i].quant - 1].tb == i &&
                      STREQ(c->lx->quants[c->men[c->ti[i].quant - 1].row].kind, "number") &&
                      !tok_is(c, i, "a") && !tok_is(c, i, "an");
            figure f;
            if ((isnum || isq) && number_role(c, i, se->tb, se->te, NULL, 0) == 'd' && read_figure(c, i, &f) &&
                !(nd && subset_before(c, i, se->tb))) {
                fig_add(&dead, &f, &first);
                nd++;
            }
        }
        long sd = nd ? -1 : singular_death(c, se->tb, se->te); /* "The victim died." */
        /* "The war has left more than 300,000 dead": a toll over a period, or
         * one of a war's size, is background, not the count of the event before */
        if ((mask >> CUE_PERIOD & 1) || (nd && (dead.low >= 1000 || dead.best >= 1000)))
            return 0;
        if (nd) {
            sr_event *e = &c->cands[c->ncands - 1].ev;
            e->fatalities = dead.best >= 0 ? dead.best : dead.low;
            e->fatalities_low = dead.low;
            e->fatalities_high = dead.high;
            e->ev_number = dead.span;
        } else if (sd >= 0) {
            sr_event *e = &c->cands[c->ncands - 1].ev;
            e->fatalities = e->fatalities_low = e->fatalities_high = 1;
            e->ev_number = span_of(c, (uint32_t)sd, (uint32_t)sd + 1);
        }
        return 0;
    }
    if (!any_trig && !(mask >> CUE_ZERO & 1))
        return 0; /* nothing happens in this sentence */
    /* opinion and background sentences report no event */
    uint32_t ft = next_start(cover, se->tb, se->te); /* a view held inside the report ("a principal they
                                                         believe is corrupt") is no opinion piece */
    if (find_cue(c, se->tb, ft, CUE_OPINION) >= 0 || false_report(c, se))
        return 0;
    long sub = find_cue(c, se->tb, se->tb + 3 < se->te ? se->tb + 3 : se->te, CUE_SUBSET);
    /* ("Five people including a police officer were hurt": "including"
     * after the sentence's first words belongs to its subject; only opening
     * the sentence does it tell a part of a toll already given) */
    if (sub > (long)se->tb && tok_is(c, (uint32_t)sub, "including"))
        sub = -1;
    if (sub >= 0)
        return 0;
    size_t first_cand = c->ncands;
    if (c->ncands && find_cue(c, se->tb, se->te, CUE_ZERO) >= 0) {
        /* "No one was hurt." on its own completes the event before it */
        int trig = 0;
        for (uint32_t i = se->tb; i < se->te; i++)
            trig |= live_trig(c, i, se->tb) && !(c->ti[i].cue >> CUE_ZERO & 1);
        cand *x = &c->cands[c->ncands - 1];
        if (!trig && x->ev.fatalities < 0 && x->sent + 2 >= s) {
            x->ev.fatalities = x->ev.fatalities_low = x->ev.fatalities_high = 0;
            long z = find_cue(c, se->tb, se->te, CUE_ZERO);
            x->ev.ev_number = span_of(c, (uint32_t)z, (uint32_t)z + 1);
            return 0;
        }
    }
    uint32_t a = se->tb;
    /* (only punctuation, W_WHILE words and the sentence's end may cut) */
    const uint64_t *cuts = tok_bits(c, TB_CUT);
    for (uint32_t i = next_start(cuts, se->tb, se->te);; i = next_start(cuts, i + 1, se->te)) {
        int cut = i == se->te;
        int punct = !cut && c->t.toks[i].kind == SR_TOK_PUNCT;
        int semi = punct && tok_is(c, i, ";");
        int comma = punct && tok_is(c, i, ",") && (c->ti[i + 1].w & W_CONJ);
        int bare = !cut && !punct && !comma && i > a && (c->ti[i].w & W_WHILE);
        if (comma || bare || semi) {
            /* only when both sides have a trigger */
            int left = 0, right = 0;
            for (uint32_t k = a; k < i; k++)
                left |= c->ti[k].trig != 0;
            /* (a label word inside the sentence, "and other houses", is no trigger) */
            for (uint32_t k = i + (comma ? 2 : 1); k < se->te && (semi || !is_hard_punct(c, k)); k++)
                right |= live_trig(c, k, se->tb);
            cut = left && right;
        }
        if (cut) {
            int rc = code_clause(c, s, a, i);
            if (rc)
                return rc;
            a = i + 1;
        }
        if (i >= se->te)
            break;
    }
    /* "X attacked a base, and 20 soldiers were killed": a clause that only
     * reports deaths completes the event before it */
    for (size_t k = first_cand + 1; k < c->ncands; k++) {
        cand *x = &c->cands[k - 1], *y = &c->cands[k];
        if (x->merged || (y->cls != TC_KILL) || x->ev.fatalities >= 0)
            continue;
        if (*y->actor1 && *x->actor1 && strcmp(y->actor1, x->actor1) && strcmp(y->actor1, x->actor2))
            continue;
        if (*y->location && *x->location && strcmp(y->location, x->location) &&
            !((x->ev.geo_precision == 3 || y->ev.geo_precision == 3) && !strcmp(x->admin1, y->admin1)))
            continue;
        if (y->has_date && x->has_date && strcmp(y->ev.event_date, x->ev.event_date))
            continue;
        sr_event *e = &x->ev;
        take_toll(e, &y->ev);
        if (!*x->actor2 && *y->actor2 && strcmp(y->actor2, x->actor1) && y->ev.ev_actor2.start >= 0) {
            memcpy(x->actor2, y->actor2, sizeof x->actor2);
            e->inter2 = y->ev.inter2;
            e->ev_actor2 = y->ev.ev_actor2;
            x->role2 = y->role2;
        }
        if (!x->has_date && y->has_date) {
            memcpy(e->event_date, y->ev.event_date, 11);
            memcpy(e->date_start, y->ev.date_start, 11);
            memcpy(e->date_end, y->ev.date_end, 11);
            e->time_precision = y->ev.time_precision;
            e->ev_date = y->ev.ev_date;
            x->has_date = 1;
        }
        /* an attack that killed fighters is a clash */
        if (STREQ(x->sub_event_type, "Attack") && (x->role2 == 'a' || x->role2 == 's')) {
            x->sub_event_type = "Armed clash";
            x->event_type = "Battles";
        }
        y->merged = 1;
        memmove(y, y + 1, (c->ncands - k - 1) * sizeof *y);
        c->ncands--;
        k--;
    }
    return 0;
}

/* ---- document level ----------------------------------------------------- */
/* The country a name mentions as a word ("OSCE Special Monitoring Mission to
 * Ukraine", "Syrian Observatory for Human Rights"), or NULL. */
static long country_index_named_in(const coder *c, const char *s)
{
    for (size_t k = 0; k < c->lx->ncountries; k++) {
        const char *nm = c->lx->countries[k].name;
        size_t n = strlen(nm);
        for (const char *p = strstr(s, nm); p; p = strstr(p + 1, nm)) {
            if (p > s && isalpha((unsigned char)p[-1]))
                continue;
            const char *e = p + n;
            if (!isalpha((unsigned char)*e) || ((*e == 'n' || !strncmp(e, "an", 2)) && !isalpha((unsigned char)e[*e == 'n' ? 1 : 2])))
                return (long)k;
        }
    }
    return -1;
}

static const char *country_named_in(const coder *c, const char *s)
{
    long k = country_index_named_in(c, s);
    return k >= 0 ? c->lx->countries[k].iso3 : NULL;
}

/* country_named_in for the name of cue row r, remembered in the context's
 * cache: the same few sources come back in document after document. */
static const char *source_country(const coder *c, uint32_t r)
{
    struct sr__codecache *cc = c->ctx->cc;
    if (cc && !cc->src_iso && c->lx->ncues)
        cc->src_iso = calloc(c->lx->ncues, sizeof *cc->src_iso);
    if (!cc || !cc->src_iso || r >= c->lx->ncues)
        return country_named_in(c, c->lx->cues[r].arg);
    if (!cc->src_iso[r]) {
        long k = country_index_named_in(c, c->lx->cues[r].arg);
        cc->src_iso[r] = k >= 0 ? (int)k + 1 : -1;
    }
    return cc->src_iso[r] > 0 ? c->lx->countries[cc->src_iso[r] - 1].iso3 : NULL;
}

/* Does the country mention m name the other side of a border or where
 * someone came from or went ("near the border with Somalia", "the Kenya-Somalia
 * border", "raiders from Ethiopia", "fled into Somalia")? Such a country is
 * seldom where the event happened. */
static int beyond_border(const coder *c, const mention *m)
{
    uint32_t b = m->tb;
    if (b >= 2 && TOK_IN(c, b - 1, "with", "into") &&
        TOK_IN(c, b - 2, "border", "frontier", "borders", "fled", "crossed", "across", "back"))
        return 1;
    if (b >= 1 && TOK_IN(c, b - 1, "from", "towards", "toward"))
        return 1;
    /* "fled to Somalia", "ferried to Somalia", "deported to Canada" */
    if (b >= 2 && tok_is(c, b - 1, "to") &&
        TOK_IN(c, b - 2, "fled", "taken", "ferried", "deported", "travelling", "traveling", "headed", "heading",
               "returned", "escaped", "smuggled", "transported", "extradited", "going", "bound", "driven"))
        return 1;
    /* "the Kiunga-Somalia road": the far end of a road */
    if (b >= 1 && tok_is(c, b - 1, "-") && m->te < c->t.ntoks && TOK_IN(c, m->te, "road", "highway", "route"))
        return 1;
    for (uint32_t k = m->te; k < m->te + 3 && k < c->t.ntoks; k++) {
        if (TOK_IN(c, k, "border", "frontier", "borders"))
            /* "Kenya border patrol police", "Kenyan border guards": the
             * country's own force */
            return !(k + 1 < c->t.ntoks &&
                     TOK_IN(c, k + 1, "police", "patrol", "guards", "guard", "officers", "force", "forces", "unit",
                            "security", "post", "posts"));
        if (!tok_is(c, k, "-") && !(c->ti[k].ent && c->men[c->ti[k].ent - 1].type == MT_COUNTRY))
            break;
    }
    return 0;
}

/* Is the place mention m weak evidence of where anything happened: the name
 * of an institution ("Egerton University"), or known only by a GeoNames
 * alternate name (an exonym or old form: "Moi" for Moe, "Nandi" for Nadi,
 * "Kom" for Qom) of towns under 100,000, and not fixed by the names around
 * it? Such a match is more often a word of another language than the place;
 * it does not vote for the document's country, and is dropped when it has no
 * namesake there. */
static int weak_place(const coder *c, const mention *m)
{
    const sr__gaz *g = c->ctx->gaz;
    const sr__gzname *nm = sr__gaz_name(g, m->row);
    if (m->alt != UINT32_MAX)
        return 0;
    /* a name that names an institution ("Egerton University", "Delta Hotel",
     * "Westgate Mall", "Dallas estate") says little of where the event was:
     * such bodies are named after people, places far away, or anything */
    if (m->te < c->t.ntoks && TOK_IN_LIST(c, m->te, institution_words)) {
        /* ... unless the name is a province's or a large city's and the
         * body one that towns name after themselves: "Garissa University",
         * "a Mombasa mosque" are where they are named ("Delta Hotel",
         * "Dallas estate" are not) */
        static const char *const local[] = {"university", "polytechnic", "college", "mosque", "church", "school",
                                            NULL};
        for (uint32_t i = 0; i < nm->count && TOK_IN_LIST(c, m->te, local); i++) {
            const sr__gzplace *p = sr__gaz_place(g, sr__gaz_list(g, nm->first + i));
            if (!sr__gaz_list_alt(g, nm->first + i) && (p->kind == SR_GZ_ADMIN1 || p->pop >= 100000))
                return 0;
        }
        return 1;
    }
    if (people_name(c, m->te, nm))
        return 1;
    /* "Tana North District", "Kisumu East constituency": a name, a compass
     * word and a unit word name a unit of its own, not the place of the
     * first name (Tana is also Antananarivo) */
    if (m->te + 1 < c->t.ntoks && (c->t.toks[m->te].flags & SR_TF_CAP) &&
        TOK_IN(c, m->te, "north", "south", "east", "west", "central") &&
        TOK_IN(c, m->te + 1, "district", "districts", "county", "constituency", "division", "ward", "sub-county",
               "subcounty", "location"))
        return 1;
    /* '"Bayan" company', 'the "Rosa" busses': a name in quotation marks is
     * the name of a firm, a brand or an operation */
    if (m->tb > 0 && m->te < c->t.ntoks && tok_is(c, m->tb - 1, "\"") && tok_is(c, m->te, "\""))
        return 1;
    if (!(nm->flags & SR_GZ_NAME_ALT))
        return 0;
    /* "the village of Jiftlik": the text says a settlement is meant, and
     * the name of a town without its article is one */
    if (m->tb >= 2 && tok_is(c, m->tb - 1, "of") && TOK_IN(c, m->tb - 2, "village", "town"))
        return 0;
    for (uint32_t i = 0; i < nm->count; i++) {
        const sr__gzplace *p = sr__gaz_place(g, sr__gaz_list(g, nm->first + i));
        if (p->kind != SR_GZ_CITY || p->pop >= 100000)
            return 0;
    }
    return 1;
}

/* Has the place mention m a namesake in the country iso? */
static int has_namesake_in(const coder *c, const mention *m, const char *iso)
{
    const sr__gaz *g = c->ctx->gaz;
    const sr__gzname *nm = sr__gaz_name(g, m->row);
    for (uint32_t i = 0; i < nm->count; i++)
        if (!memcmp(sr__gaz_place(g, sr__gaz_list(g, nm->first + i))->iso3, iso, 4))
            return 1;
    return 0;
}

/* Does the country mention m say only whose people or things are meant, not
 * where: a country word before such a noun ("Chinese company", "Sudan
 * refugees", "an Italian NGO volunteer", "Ethiopian raiders")? People, firms
 * and raiding bands travel; the event is seldom in their country. 2 for the
 * people raiders strike ("Kenyan fishermen", "Kenyan herders"), 1 else. */
static int nationality_only(const coder *c, const mention *m)
{
    static const char *const held[] = {
        "refugee", "refugees", "national", "nationals", "citizen", "citizens", "company", "companies", "firm",
        "firms", "contractor", "contractors", "volunteer", "volunteers", "worker", "workers", "tourist", "tourists",
        "migrant", "migrants", "embassy", "ambassador", "diplomat", "diplomats", "journalist", "journalists",
        "flag", "flags", "investor", "investors", "businessman", "businessmen", "trader", "traders", "ngo",
        "aid", "engineer", "engineers", "expatriate", "expatriates", "immigrant", "immigrants", "origin",
        "descent", "nationality", "passport", "consulate", "government's", "truck", "trucks",
        /* armed bands named by origin raid across borders ("Ethiopian raiders") */
        "raiders", "bandits", "herders", "pastoralists", "fishermen", "militia", "militiamen", "gunmen",
        "tribesmen", "poachers", "smugglers", "militants", "insurgents", "attackers", "fighters",
        /* one man of a band, and soldiers, who fight abroad too ("an Armenian soldier was killed
         * on the Karabakh front", "the Palestinian attacker") */
        "attacker", "gunman", "militant", "fighter", "soldier", "soldiers", "troops", NULL};
    /* the people raiders strike at home: 2 */
    static const char *const struck[] = {"fishermen", "herders", "pastoralists", "villagers", "farmers", NULL};

    uint32_t n = m->te;
    /* "Bank Saderat Iran", "Bank Melli Iran": a firm named after its
     * country, the country's name closing its capitalised name */
    for (uint32_t k = m->tb, lim = m->tb > 3 ? m->tb - 3 : 0; k > lim; k--) {
        const sr__tok *p = &c->t.toks[k - 1];
        if (p->kind != SR_TOK_WORD || !(p->flags & SR_TF_CAP))
            break;
        if (TOK_IN(c, k - 1, "bank", "air", "airways", "airlines", "insurance", "petroleum", "telecom"))
            return 1;
    }
    if (n < c->t.ntoks && TOK_IN_LIST(c, n, struck))
        return 2;
    if (n < c->t.ntoks && TOK_IN_LIST(c, n, held))
        return 1;
    /* "stabbed by a Palestinian", "shot the Palestinian": a demonym as a
     * noun names one person, who may be anywhere */
    if (m->tb > 0 && TOK_IN(c, m->tb - 1, "a", "the") && m->te == m->tb + 1 &&
        (n >= c->t.ntoks || c->t.toks[n].kind != SR_TOK_WORD || TOK_IN(c, n, "and", "in", "on", "at", "who", "was")))
        return 1;
    /* "a Chinese construction company" */
    return n + 1 < c->t.ntoks && c->t.toks[n].kind == SR_TOK_WORD && !(c->t.toks[n].flags & SR_TF_CAP) &&
           TOK_IN_LIST(c, n + 1, held);
}

#ifndef COUNTRY_CUE_VOTE
#define COUNTRY_CUE_VOTE 2
#endif
#define OUTLET_NAMED (1L << 20) /* added to outlet_country's answer: the outlet names the country */
#ifndef OUTLET_VOTE
#define OUTLET_VOTE 3
#endif
/* what a country gains for each place name past the first that has a
 * namesake there, when nothing but places names a country (doc_country) */
#define NAMES_AGREE_VOTE 2
/* The country of one outlet named in the document's source ("Star (Kenya)",
 * "United News of Bangladesh", "Dhaka Tribune", "Nairobi News"), or -1: a
 * country named in it, else a capital, admin1 unit or city of a million
 * people it is named after (all such namesakes in one country). A monitor
 * knows which country a national outlet reports on. */
static long outlet_country(const coder *c, const char *s, size_t n)
{
    char buf[160];
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if (!n || n >= sizeof buf)
        return -1;
    memcpy(buf, s, n);
    buf[n] = 0;
    /* a country's name as a word, or with "n"/"an" ("Kenyan"): as
     * country_index_named_in, trying only the names that start with the
     * letter of a capitalised word */
    for (size_t i = 0; i < n; i++) {
        if (!isupper((unsigned char)buf[i]) || (i && isalpha((unsigned char)buf[i - 1])))
            continue;
        for (size_t k = 0; k < c->lx->ncountries; k++) {
            const char *nm = c->lx->countries[k].name;
            if (*nm != buf[i])
                continue;
            size_t l = strlen(nm);
            if (strncmp(buf + i, nm, l))
                continue;
            const char *e = buf + i + l;
            if (!isalpha((unsigned char)*e) || (*e == 'n' && !isalpha((unsigned char)e[1])) ||
                (!strncmp(e, "an", 2) && !isalpha((unsigned char)e[2])))
                return (long)k + OUTLET_NAMED;
        }
    }
    /* a national outlet cues.tsv lists ("El Nashra", "Capital FM",
     * "Prothom Alo"), the whole name or after "The" */
    {
        size_t nl;
        char *norm = sr__norm_phrase(buf, n, &nl);
        const char *q = norm;
        if (norm && nl > 4 && !strncmp(norm, "the ", 4))
            q += 4, nl -= 4;
        long hit = -1;
        struct sr__codecache *cc = c->ctx->cc;
        if (cc && !cc->outlet_pats_known) {
            /* the outlet cues' patterns, listed once for the context */
            cc->outlet_pats_known = 1;
            for (size_t v = 0; v < c->lx->npats; v++) {
                uint32_t id = c->lx->ids[v];
                if (SR_LX_TABLE(id) != SR_LX_CUE || c->lx->cues[SR_LX_ROW(id)].id != CUE_OUTLET)
                    continue;
                uint32_t *np = realloc(cc->outlet_pats, (cc->noutlet_pats + 1) * sizeof *np);
                if (!np)
                    break;
                cc->outlet_pats = np;
                cc->outlet_pats[cc->noutlet_pats++] = (uint32_t)v;
            }
        }
        size_t npv = cc ? cc->noutlet_pats : c->lx->npats;
        for (size_t j = 0; norm && j < npv && hit < 0; j++) {
            size_t v = cc ? cc->outlet_pats[j] : j;
            uint32_t id = c->lx->ids[v];
            if (SR_LX_TABLE(id) != SR_LX_CUE || c->lx->cues[SR_LX_ROW(id)].id != CUE_OUTLET ||
                c->lx->lens[v] != nl || memcmp(c->lx->pats[v], q, nl))
                continue;
            hit = sr__lexicon_iso(c->lx, c->lx->cues[SR_LX_ROW(id)].arg);
        }
        free(norm);
        if (hit >= 0)
            return hit + OUTLET_NAMED;
    }
    if (!c->ctx->gaz)
        return -1;
    const sr__gaz *g = c->ctx->gaz;
    long found = -1;
    /* each capitalised word, and each pair of them */
    for (size_t i = 0; i < n;) {
        while (i < n && !isupper((unsigned char)buf[i]))
            i++;
        size_t e1 = i;
        while (e1 < n && (isalpha((unsigned char)buf[e1]) || buf[e1] == '\''))
            e1++;
        size_t e2 = e1;
        if (e1 < n && buf[e1] == ' ' && isupper((unsigned char)buf[e1 + 1]))
            for (e2 = e1 + 1; e2 < n && isalpha((unsigned char)buf[e2]);)
                e2++;
        for (int two = 1; two >= 0 && e1 > i + 2; two--) {
            size_t e = two ? e2 : e1;
            if (two && e2 == e1)
                continue;
            size_t nl;
            char *norm = sr__norm_phrase(buf + i, e - i, &nl);
            long at = norm ? sr__gaz_lookup(g, norm, nl) : -1;
            free(norm);
            if (at < 0)
                continue;
            const sr__gzname *nm = sr__gaz_name(g, (uint32_t)at);
            for (uint32_t j = 0; j < nm->count; j++) {
                uint32_t li = nm->first + j;
                const sr__gzplace *p = sr__gaz_place(g, sr__gaz_list(g, li));
                if (sr__gaz_list_alt(g, li) ||
                    !(p->kind == SR_GZ_ADMIN1 || !strcmp(p->fcode, "PPLC") || p->pop >= 1000000))
                    continue;
                long r = sr__lexicon_iso(c->lx, p->iso3);
                if (r < 0 || (found >= 0 && found != r))
                    return -1;
                found = r;
            }
            if (found >= 0)
                return found;
        }
        i = e1 > i ? e1 : i + 1;
    }
    return found;
}

/* outlet_country, remembered in the context's cache for the last few
 * outlets: the documents of one feed come from the same outlets. */
static long outlet_country_memo(const coder *c, const char *s, size_t n)
{
    struct sr__codecache *cc = c->ctx->cc;
    if (!cc || n >= sizeof cc->outlets[0].name)
        return outlet_country(c, s, n);
    for (int i = 0; i < 8; i++)
        if (!strncmp(cc->outlets[i].name, s, n) && !cc->outlets[i].name[n] && n)
            return cc->outlets[i].iso;
    long r = outlet_country(c, s, n);
    unsigned k = cc->next_outlet++ % 8;
    memcpy(cc->outlets[k].name, s, n);
    cc->outlets[k].name[n] = 0;
    cc->outlets[k].iso = r;
    return r;
}

/* Is the place mention m followed by a word for a band from it ("Pokot
 * raiders", "the Maasai community") and not the target of an attack ("a
 * raid on the Turkana community")? */
static int band_origin(const coder *c, const mention *m, const char *const *band, const char *const *target)
{
    uint32_t k = m->te;
    /* "the Pokot and Turkana communities", "Kikuyu and Maasai militias" */
    if (k + 2 < c->t.ntoks && TOK_IN(c, k, "and", "or", "&") && (c->t.toks[k + 1].flags & SR_TF_CAP) &&
        TOK_IN_LIST(c, k + 2, band))
        k += 2;
    if (k >= c->t.ntoks || !TOK_IN_LIST(c, k, band))
        return 0;
    uint32_t b = m->tb;
    if (b > 0 && tok_is(c, b - 1, "the"))
        b--;
    return !(b > 0 && TOK_IN_LIST(c, b - 1, target));
}

/* doc_country's votes per country of the lexicon (over 200): two arrays
 * kept zeroed in the context's cache between documents, with a bit per
 * country voted for, so that the document's passes over the votes and their
 * clearing cost what the document names, not the whole lexicon. Writes go
 * through CNT_AT/NAMES_AT (which set the bit); the arrays are read through
 * const pointers, so a plain write does not compile. */
typedef struct votes {
    int *v;         /* cnt: v[0..n), names: v[n..2n) */
    uint64_t *bits; /* a bit per country voted for */
    size_t n;
    int own; /* allocated for this document: no cache */
} votes;

static int votes_open(coder *c, votes *vs, size_t n)
{
    struct sr__codecache *cc = c->ctx->cc;
    size_t nw = (n + 63) / 64;
    vs->n = n;
    vs->own = !cc;
    if (cc && !cc->votes) {
        cc->votes = calloc(2 * n, sizeof *cc->votes);
        cc->voted = calloc(nw, sizeof *cc->voted);
        if (!cc->votes || !cc->voted) {
            free(cc->votes);
            free(cc->voted);
            cc->votes = NULL;
            cc->voted = NULL;
            return -1;
        }
    }
    vs->v = cc ? cc->votes : calloc(2 * n, sizeof *vs->v);
    vs->bits = cc ? cc->voted : calloc(nw, sizeof *vs->bits);
    if (vs->own && (!vs->v || !vs->bits)) {
        free(vs->v);
        free(vs->bits);
        return -1;
    }
    return 0;
}

/* Votes slot r of array a (0 cnt, 1 names): marks r voted for. */
static int *vote_at(votes *vs, int r, int a)
{
    vs->bits[(size_t)r >> 6] |= 1ull << (r & 63);
    return &vs->v[a * vs->n + (size_t)r];
}
#define CNT_AT(r) (*vote_at(&vs, (r), 0))
#define NAMES_AT(r) (*vote_at(&vs, (r), 1))

/* The first country voted for at or after i, or n: the voted ones in
 * index order, as a scan over every country would meet them. */
static size_t vote_next(const votes *vs, size_t i)
{
    size_t w = i >> 6, nw = (vs->n + 63) / 64;
    if (w >= nw)
        return vs->n;
    uint64_t b = vs->bits[w] & (~0ull << (i & 63));
    while (!b) {
        if (++w >= nw)
            return vs->n;
        b = vs->bits[w];
    }
    return w * 64 + (size_t)__builtin_ctzll(b);
}

/* Zeroes what the document voted (the arrays stay for the next one). */
static void votes_close(votes *vs)
{
    if (vs->own) {
        free(vs->v);
        free(vs->bits);
        return;
    }
    for (size_t i = vote_next(vs, 0); i < vs->n; i = vote_next(vs, i + 1))
        vs->v[i] = vs->v[vs->n + i] = 0;
    memset(vs->bits, 0, (vs->n + 63) / 64 * sizeof *vs->bits);
}

/* "Saudi-led coalition airstrikes", "the Arab coalition": a coalition of
 * outside forces fights abroad, so its leader's country is no vote for
 * where the event is (the district it struck says that). */
static int led_coalition(const coder *c, const mention *m)
{
    if (c->lx->actors[m->row].inter != 8)
        return 0;
    for (uint32_t t = m->tb; t < m->te; t++)
        if (tok_is(c, t, "coalition"))
            return 1;
    return 0;
}

/* Is m written as an abbreviation ("FCT", "KP")? Such a unit may be
 * another country's: its namesakes are many and its name short. */
static int acronym(const coder *c, const mention *m)
{
    return m->te == m->tb + 1 && (c->t.toks[m->tb].flags & SR_TF_ALLCAPS);
}

/* (A unit that coherent_places already matched with a name before it, and
 * such a name, have their country: the rules below are for the others.)
 * The place mentions a parenthesis closed by unit m (of pop people)
 * places: those inside it before m and the one right before its "("
 * ("Koumbri (Banh, Loroum)": two). None when one of them is larger than the
 * unit wherever it is (such a list runs from the smaller place to the larger
 * unit, and "Panama City (Bella Vista)" names a city's quarter, not the
 * Mexican municipality of that name), or when the unit's name is also a
 * place of that one's country. */
static int paren_places(const coder *c, const mention *m, long pop)
{
    uint32_t k = m->tb;
    while (k > 0 && !tok_is(c, k, "("))
        k--;
    int n = 0;
    const mention *p = k > 0 ? ent_at(c, k - 1) : NULL;
    if (!p || p->type != MT_PLACE)
        p = places_from(c, k, m->tb);
    for (; p && p != m; p = places_next(c, p, m->tb)) {
        sr__placectx pc = {NULL, NULL, 0, 0};
        sr__where w;
        if (resolve(c, p, &pc, &w) && (w.pop > pop || has_namesake_in(c, m, w.iso3)))
            return 0; /* "Islamabad (Islamabad, FCT)": a unit of that name at home too */
        n++;
    }
    return n;
}

/* "(Banh, Loroum)": is place m, of pop people in iso, the first name of
 * a parenthesis that a unit of another country closes, a unit at least as
 * large as m and whose name is no place of iso? Then that unit says where
 * m lies, and m's namesake abroad has no vote. */
static int abroad_in_paren(const coder *c, const mention *m, const char *iso, long pop)
{
    for (uint32_t k = m->te; k < m->te + 10 && k < c->t.ntoks; k++) {
        const mention *u = ent_at(c, k);
        if (u && u != m && u->type == MT_PLACE && u->tb == k) {
            if (acronym(c, u) || !closes_place_list(c, u))
                return 0;
            sr__placectx pc = {NULL, NULL, 0, 1};
            sr__where w;
            return resolve(c, u, &pc, &w) && (w.kind == SR_GZ_ADMIN1 || w.kind == SR_GZ_ADMIN2) &&
                   strcmp(w.iso3, iso) && w.pop >= pop && !has_namesake_in(c, u, iso);
        }
        if (!tok_is(c, k, ",") && c->t.toks[k].kind != SR_TOK_WORD)
            return 0;
    }
    return 0;
}

/* Are two gazetteer ISO3 codes (four bytes each, NUL-padded) the same? One
 * 32-bit compare (gcc called memcmp for these). */
static inline int iso4_eq(const char *a, const char *b)
{
    uint32_t x, y;
    memcpy(&x, a, 4);
    memcpy(&y, b, 4);
    return x == y;
}

/* weak_place(c, m), remembered for the first 256 mentions of the document
 * in memo (doc_country asks twice about each place). */
static int doc_weak(const coder *c, const mention *m, uint8_t memo[256])
{
    size_t k = (size_t)(m - c->men);
    if (k >= 256)
        return weak_place(c, m);
    if (!memo[k])
        memo[k] = weak_place(c, m) ? 1 : 2;
    return memo[k] == 1;
}

static void doc_country(coder *c)
{
    /* the country most named in the document: first by country names and
     * actors, then places vote for their namesake in that country or, when it
     * has none, their most likely one */
    size_t n = c->lx->ncountries;
    if (!n)
        return;
    /* names: distinct place names with a namesake there, and FIRM when
     * places, country cues or outlets voted there */
    votes vs;
    if (votes_open(c, &vs, n))
        return;
    const int *cnt = vs.v, *names = vs.v + n;
    enum { FIRM = 1 << 24 };
    uint32_t rows[16];
    int nrows = 0;
    const char *lead = NULL;
    /* weak_place of the first mentions, asked in the second pass and again
     * at the end (0: not asked, 1: weak, 2: not; only types change between) */
    uint8_t weakm[256];
    memset(weakm, 0, sizeof weakm);
    /* the country the outlets name ("Star (Kenya)"), if one: the context in
     * which the places of a text that names no country are read, so that
     * "Saku" in a Kenyan paper is Kenya's constituency, not Japan's city
     * (an outlet only named after a city, "New York Times", is no context) */
    const char *olead = NULL;
    for (const char *s = c->doc->source; s && *s;) {
        const char *e = strchr(s, ';');
        long r = outlet_country_memo(c, s, e ? (size_t)(e - s) : strlen(s));
        if (r >= OUTLET_NAMED) {
            const char *iso = c->lx->countries[r - OUTLET_NAMED].iso3;
            if (olead && strcmp(olead, iso)) {
                olead = NULL;
                break;
            }
            olead = iso;
        }
        s = e ? e + 1 : NULL;
    }
    for (int pass = 0; pass < 2; pass++) {
        for (size_t k = 0; k < c->nmen; k++) {
            const mention *m = &c->men[k];
            const char *iso = NULL;
            if (pass == 0 && m->type == MT_COUNTRY)
                iso = c->lx->countries[m->row].iso3;
            else if (m->type == MT_ACTOR && strcmp(c->lx->actors[m->row].country, "*") &&
                     pass == (c->lx->actors[m->row].inter == 2 ? 1 : 0) && !led_coalition(c, m))
                /* a rebel group speaks only after the places ("al-Shabaab"
                 * in Wajir is in Kenya): such groups cross borders; parties
                 * and forces speak with the country names */
                iso = c->lx->actors[m->row].country;
            else if (pass == 0 && m->type == MT_SOURCE)
                iso = source_country(c, m->row);
            int weak = 0, large = 0, closing = 0, unitword = 0;
            if (pass == 1 && m->type == MT_PLACE && !doc_weak(c, m, weakm)) {
                /* "(Radman al Awadh, Al Bayda)": the last name of a list
                 * of units speaks for the province of that name */
                const char *ctx = lead ? lead : olead;
                int closes = closes_place_list(c, m);
                sr__placectx pc = {ctx, NULL, 0, closes || wants_admin(c, m)};
                sr__where w;
                if (resolve(c, m, &pc, &w) &&
                    !(lead && strcmp(w.iso3, lead) && m->alt == UINT32_MAX && capital_as_government(c, m, &w))) {
                    iso = w.iso3;
                    large = w.kind != SR_GZ_CITY || w.pop >= 50000;
                    if (closes && (w.kind == SR_GZ_ADMIN1 || w.kind == SR_GZ_ADMIN2) && m->alt == UINT32_MAX &&
                        !acronym(c, m))
                        closing = paren_places(c, m, w.pop);
                    else if ((w.kind == SR_GZ_ADMIN1 || w.kind == SR_GZ_ADMIN2) && pc.want_admin)
                        unitword = 1;
                    else if (m->alt == UINT32_MAX && m->tb > 0 && m->te < c->t.ntoks && tok_is(c, m->tb - 1, "(") &&
                             tok_is(c, m->te, ",") && abroad_in_paren(c, m, iso, w.pop))
                        continue;
                    /* a small place with no namesake in the lead country, and
                     * nothing around it to fix it, votes weakly */
                    weak = ctx && strcmp(iso, ctx) && m->alt == UINT32_MAX && w.pop < 100000 &&
                           !(w.kind == SR_GZ_CITY && names_unit(c, m->row, iso)) &&
                           !(!lead && w.pop == 0 && sr__gaz_place(c->ctx->gaz, w.place)->own); /* own rows: no population */
                }
            }
            if (!iso)
                continue;
            int r = sr__lexicon_iso(c->lx, iso);
            int v = weak ? 2 : 4;
            if (!weak)
                /* "Banh and Koumbri (Banh, Loroum)": the unit closing the
                 * parenthesis says where each name it follows lies, so it
                 * speaks for them too, above their namesakes abroad */
                v += 4 * closing + unitword;
            if (m->type == MT_ACTOR)
                /* an actor says little, a country's own police or army more
                 * (they act at home; "al-Shabaab" also fights in Kenya) */
                v = c->lx->actors[m->row].inter == 1 ? 3 : 1;
            else if (m->type == MT_COUNTRY && (beyond_border(c, m) || nationality_only(c, m)))
                /* an armed band named by its origin ("Ethiopian raiders")
                 * crosses borders more readily than the people it strikes
                 * ("Kenyan fishermen"): half as much again for the latter */
                v = nationality_only(c, m) == 2 && !beyond_border(c, m) ? 2 : 1;
            if (pass == 1 && m->type == MT_PLACE && !lead && !weak) {
                /* with no country yet, a place also speaks for the other
                 * countries where it has a namesake ("Tripoli" and "el Mina"
                 * together are Lebanon's), and a larger place more loudly */
                /* (iso is here a gazetteer place's code, like p->iso3: four
                 * bytes, NUL-padded, compared as such) */
                const sr__gaz *g = c->ctx->gaz;
                const sr__gzname *nm = sr__gaz_name(g, m->row);
                char seen[8][4];
                int ns = 0;
                v += large;
                for (uint32_t i = 0; i < nm->count && ns < 8; i++) {
                    const sr__gzplace *p = sr__gaz_place(g, sr__gaz_list(g, nm->first + i));
                    int dup = iso4_eq(p->iso3, iso);
                    for (int j = 0; j < ns && !dup; j++)
                        dup = iso4_eq(seen[j], p->iso3);
                    if (dup)
                        continue;
                    memcpy(seen[ns++], p->iso3, 4);
                    int r2 = sr__lexicon_iso(c->lx, p->iso3);
                    if (r2 >= 0)
                        CNT_AT(r2) += 2;
                }
                /* each distinct name counts the countries it has a namesake in */
                int again = 0;
                for (int j = 0; j < nrows && !again; j++)
                    again = rows[j] == m->row;
                if (!again && nrows < 16) {
                    /* a town of 20,000 or more or a unit: "Sidon" speaks
                     * for Lebanon, a village of that name elsewhere not */
                    char big[8][4];
                    int nb = 0;
                    rows[nrows++] = m->row;
                    for (uint32_t i = 0; i < nm->count; i++) {
                        const sr__gzplace *p = sr__gaz_place(g, sr__gaz_list(g, nm->first + i));
                        if (p->kind == SR_GZ_CITY && p->pop < 20000)
                            continue;
                        int dup = 0;
                        for (int j = 0; j < nb && !dup; j++)
                            dup = iso4_eq(big[j], p->iso3);
                        if (dup || nb == 8)
                            continue;
                        memcpy(big[nb++], p->iso3, 4);
                        int r2 = sr__lexicon_iso(c->lx, p->iso3);
                        if (r2 >= 0)
                            NAMES_AT(r2)++;
                    }
                }
            }
            if (r >= 0) {
                CNT_AT(r) += v;
                if (m->type == MT_PLACE)
                    NAMES_AT(r) |= FIRM;
            }
        }
        for (size_t i = vote_next(&vs, 0); pass == 0 && i < n; i = vote_next(&vs, i + 1))
            if (cnt[i] > 0 && c->nnamed_c < 8)
                c->named[c->nnamed_c++] = c->lx->countries[i].iso3;
        if (pass == 0)
            /* words only one country's news uses ("Kibaki", "IEBC",
             * "matatu", "upazila", "barangay", "woreda"): a country cue
             * votes like a weak place, so that a note naming no place or
             * country still gets one, and places are read there */
            for (size_t k = 0; k < c->nraw; k++) {
                const rawmatch *r = &c->raw[k];
                if (SR_LX_TABLE(r->id) != SR_LX_CUE || c->lx->cues[SR_LX_ROW(r->id)].id != CUE_COUNTRY)
                    continue;
                int ri = sr__lexicon_iso(c->lx, c->lx->cues[SR_LX_ROW(r->id)].arg);
                if (ri < 0)
                    continue;
                CNT_AT(ri) += COUNTRY_CUE_VOTE;
                NAMES_AT(ri) |= FIRM;
                /* a place the cue covers with no namesake in its country is
                 * a word of the cue ("UP member": a union parishad, not
                 * Uttar Pradesh) */
                for (uint32_t t = r->tb; t < r->te; t++) {
                    int e = c->ti[t].ent;
                    if (e && c->men[e - 1].type == MT_PLACE && !has_namesake_in(c, &c->men[e - 1], c->lx->countries[ri].iso3))
                        c->men[e - 1].type = MT_NONE;
                }
            }
        for (int k = 0; pass == 1 && k < c->nroad; k++) {
            /* the towns a road is named after ("the Kisumu-Kakamega
             * highway"), when the event is elsewhere in the sentence: they
             * vote as places do, weakly when small and abroad */
            const char *ctx = lead ? lead : olead;
            sr__placectx pc = {ctx, NULL, 0, 0};
            sr__where w;
            if (!sr__place_resolve(c->ctx->gaz, c->road_rows[k], &pc, &w, NULL, 0))
                continue;
            int r = sr__lexicon_iso(c->lx, w.iso3);
            if (r >= 0) {
                int v = ctx && strcmp(w.iso3, ctx) && w.pop < 100000 &&
                                !(w.kind == SR_GZ_CITY && names_unit(c, c->road_rows[k], w.iso3))
                            ? 2
                            : 4;
                CNT_AT(r) += v;
                NAMES_AT(r) |= FIRM;
            }
        }
        if (pass == 1 && !lead)
            /* "Tripoli ... el Mina", "Tripoli and Sidon": the country where
             * several of the names have a namesake is the one the places
             * fit together in, whatever the largest namesake of one */
            for (size_t i = vote_next(&vs, 0); i < n; i = vote_next(&vs, i + 1))
                if ((names[i] & ~FIRM) >= 2)
                    CNT_AT(i) += NAMES_AGREE_VOTE * ((names[i] & ~FIRM) - 1);
        if (pass == 1)
            /* the outlets the report came from ("Star (Kenya); Daily Nation
             * (Kenya)") speak for their country after the text has spoken,
             * more softly than it: "Kandahar" in the New York Times is not
             * in the United States */
            for (const char *s = c->doc->source; s && *s;) {
                const char *e = strchr(s, ';');
                size_t len = e ? (size_t)(e - s) : strlen(s);
                long r = outlet_country_memo(c, s, len);
                if (r >= OUTLET_NAMED)
                    r -= OUTLET_NAMED;
                if (r >= 0) {
                    CNT_AT(r) += OUTLET_VOTE;
                    NAMES_AT(r) |= FIRM;
                }
                s = e ? e + 1 : NULL;
            }
        int best = lead ? sr__lexicon_iso(c->lx, lead) : -1; /* ties keep the lead */
        for (size_t i = vote_next(&vs, 0); i < n; i = vote_next(&vs, i + 1))
            if (cnt[i] > 0 && (best < 0 || cnt[i] > cnt[best]))
                best = (int)i;
        if (best >= 0)
            lead = c->lx->countries[best].iso3;
    }
    c->doc_iso3 = lead;
    c->doc_firm = lead && (names[sr__lexicon_iso(c->lx, lead)] & FIRM);
    votes_close(&vs);
    /* a place named as the origin of a band ("Pokot raiders", "Isiolo
     * bandits", "Turkana herdsmen") is not where it struck when the
     * document names another place: such bands raid their neighbours */
    static const char *const band[] = {"raiders", "bandits", "herders", "herdsmen", "pastoralists", "rustlers",
                                       "militia", "militias", "militiamen", "warriors", "morans", "gunmen",
                                       "attackers", "assailants", "fighters", "community", "communities",
                                       /* people named by their people ("Pokot militants", "Kikuyu
                                        * civilians", "Maasai women"): where they are from */
                                       "militants", "men", "women", "man", "woman", "civilians", "tribesmen",
                                       NULL};
    static const char *const target[] = {"on", "against", "attacked", "targeting", "targeted", "attack", NULL};
    int others = 0;
    for (size_t k = 0; k < c->nmen && !others; k++)
        if (c->men[k].type == MT_PLACE && !band_origin(c, &c->men[k], band, target))
            others = 1;
    for (size_t k = 0; k < c->nmen && others; k++)
        if (c->men[k].type == MT_PLACE && c->men[k].alt == UINT32_MAX && band_origin(c, &c->men[k], band, target))
            c->men[k].type = MT_NONE;
    /* a weak place with no namesake in the document's country is not taken
     * for a place ("Moi University" in a Kenyan report); with no country at
     * all it stays the best guess */
    for (size_t k = 0; k < c->nmen; k++)
        if (lead && c->men[k].type == MT_PLACE && doc_weak(c, &c->men[k], weakm) &&
            !has_namesake_in(c, &c->men[k], lead))
            c->men[k].type = MT_NONE;
}
#undef CNT_AT
#undef NAMES_AT

static int fat_compatible(const sr_event *a, const sr_event *b)
{
    if (a->fatalities < 0 || b->fatalities < 0)
        return 1;
    int d = abs(a->fatalities - b->fatalities);
    int m = a->fatalities > b->fatalities ? a->fatalities : b->fatalities;
    if (a->fatalities_high < 0 && a->fatalities_low >= 0 && b->fatalities >= a->fatalities_low)
        return 1;
    if (b->fatalities_high < 0 && b->fatalities_low >= 0 && a->fatalities >= b->fatalities_low)
        return 1;
    return d <= 2 || d * 20 <= m;
}

static int str_compatible(const char *x, const char *y) { return !*x || !*y || (*x == *y && !strcmp(x, y)); }


/* Within a document "gunmen" may be the group named elsewhere. */
static int actor_compatible(const char *x, int ix, const char *y, int iy)
{
    if (str_compatible(x, y))
        return 1;
    return (generic_armed(x) && iy >= 2 && iy <= 4) || (generic_armed(y) && ix >= 2 && ix <= 4);
}

static int dates_compatible(const cand *x, const cand *y)
{
    if (!x->has_date || !y->has_date)
        return 1;
    return strcmp(x->ev.date_start, y->ev.date_end) <= 0 && strcmp(y->ev.date_start, x->ev.date_end) <= 0;
}

static void merge_into(cand *x, const cand *y)
{
    sr_event *e = &x->ev;
    const sr_event *f = &y->ev;
    if (generic_armed(x->actor1) && *y->actor1 && !generic_armed(y->actor1))
        x->actor1[0] = 0;
    if (generic_armed(x->actor2) && *y->actor2 && !generic_armed(y->actor2))
        x->actor2[0] = 0;
#define FILL(field, sp)                                                                           \
    if (!*x->field && *y->field) {                                                                \
        scopy(x->field, sizeof x->field, y->field);                                      \
        sp;                                                                                       \
    }
    FILL(actor1, (e->ev_actor1 = f->ev_actor1, e->inter1 = f->inter1));
    FILL(actor2, (e->ev_actor2 = f->ev_actor2, e->inter2 = f->inter2));
    FILL(assoc1, (void)0);
    FILL(assoc2, (void)0);
    FILL(source, e->ev_source = f->ev_source);
#undef FILL
    if (*y->location && (!*x->location || (y->ev.geo_precision && y->ev.geo_precision < e->geo_precision))) {
        copy_place(x, y);
        memcpy(x->country, y->country, sizeof x->country);
        memcpy(x->iso3, y->iso3, sizeof x->iso3);
    }
    if (!x->has_date && y->has_date) {
        memcpy(e->date_start, f->date_start, 11);
        memcpy(e->date_end, f->date_end, 11);
        memcpy(e->event_date, f->event_date, 11);
        e->time_precision = f->time_precision;
        e->ev_date = f->ev_date;
        x->has_date = 1;
    }
    if (f->fatalities >= 0) {
        if (e->fatalities < 0) {
            e->fatalities = f->fatalities;
            e->fatalities_low = f->fatalities_low;
            e->fatalities_high = f->fatalities_high;
            e->ev_number = f->ev_number;
        } else {
            if (f->fatalities_low > e->fatalities_low)
                e->fatalities_low = f->fatalities_low;
            if (f->fatalities_high >= 0 && (e->fatalities_high < 0 || f->fatalities_high < e->fatalities_high))
                e->fatalities_high = f->fatalities_high;
            if (e->fatalities_low >= 0 && e->fatalities < e->fatalities_low)
                e->fatalities = e->fatalities_low;
            if (e->fatalities_high >= 0 && e->fatalities > e->fatalities_high)
                e->fatalities = e->fatalities_high;
            if (e->fatalities_low >= 0 && e->fatalities_high >= 0 && e->fatalities_low > e->fatalities_high)
                e->fatalities_high = e->fatalities_low;
        }
    }
    x->kind_agg |= y->kind_agg;
    if (y->score > x->score) {
        e->ev_sentence = f->ev_sentence;
        e->ev_trigger = f->ev_trigger;
        x->score = y->score;
    }
}

/* Richer candidates first, then text order (qsort_r: the library keeps no
 * global state, so contexts can be used from several threads). */
static int cmp_richness(const void *a, const void *b, void *arg)
{
    const cand *cands = arg;
    const cand *p = &cands[*(const size_t *)a], *q = &cands[*(const size_t *)b];
    if (p->score != q->score)
        return q->score - p->score;
    return p->order < q->order ? -1 : p->order > q->order;
}

/* Within one document, mentions of the same claim are one event: the richest
 * mention absorbs the others of the same sub-event type whose actors, place,
 * dates and figures do not contradict it. */
/* A mention that refers back ("wounded in the firefight", "the raids were
 * supported by…") completes the event reported just before it. */
static void merge_refs(coder *c)
{
    for (size_t j = 1; j < c->ncands; j++) {
        cand *y = &c->cands[j];
        if (!y->ref || y->merged || y->kind_agg)
            continue;
        /* the nearest event before it that has a date or a toll of its own */
        cand *x = NULL, *any = NULL;
        for (size_t i = j; i > 0 && !x && j - i < 16; i--) {
            cand *p = &c->cands[i - 1];
            if (p->merged)
                continue;
            if (!any)
                any = p;
            if (!p->ref && (p->has_date || p->ev.fatalities >= 0))
                x = p;
        }
        if (!x)
            x = any;
        if (!x || (*x->iso3 && *y->iso3 && strcmp(x->iso3, y->iso3)))
            continue;
        if (!*x->location && *y->location)
            copy_place(x, y);
        if (x->ev.fatalities < 0 && y->ev.fatalities >= 0) {
            take_toll(&x->ev, &y->ev);
        } else if (x->ev.fatalities > 0 && y->ev.fatalities > 0 && *y->actor2 && strcmp(x->actor2, y->actor2)) {
            /* "…killed 12 soldiers. Several attackers were also killed.": the
             * event's toll counts both sides */
            sr_event *e = &x->ev;
            const sr_event *f = &y->ev;
            e->fatalities += f->fatalities;
            e->fatalities_low = e->fatalities_low >= 0 && f->fatalities_low >= 0 ? e->fatalities_low + f->fatalities_low : -1;
            e->fatalities_high = e->fatalities_high >= 0 && f->fatalities_high >= 0 ? e->fatalities_high + f->fatalities_high : -1;
        }
        y->merged = 1;
    }
}

/* "Around 40 people protested in Gomel. Police detained three of them.": an
 * intervention reported in the next sentences belongs to the protest. */
/* The evidence of an actor names one person ("he", "a lawyer"), not a group
 * ("12 students", "several people"); no evidence is no person. */
static int one_person(const coder *c, sr_span sp)
{
    if (sp.start < 0 || sp.end <= sp.start || !c->doc->text || (size_t)sp.end > c->doc->text_len)
        return 0;
    const char *t = c->doc->text;
    int32_t e = sp.end, b = e;
    while (b > sp.start && isalpha((unsigned char)t[b - 1]))
        b--;
    size_t n = (size_t)(e - b);
    if (n >= 2 && (t[e - 1] == 's' || t[e - 1] == 'S') && t[e - 2] != 's')
        return 0;
    static const char *const groups[] = {"people", "men", "women", "youth", "children", "police", "staff", "them", "they", NULL};
    for (int k = 0; groups[k]; k++)
        if (strlen(groups[k]) == n && !strncasecmp(t + b, groups[k], n))
            return 0;
    return 1;
}

/* The sentence speaks of one person by a pronoun ("He was arrested…"). */
static int singular_pronoun(const coder *c, uint32_t s)
{
    if (s >= c->t.nsents)
        return 0;
    for (uint32_t k = c->t.sents[s].tb; k < c->t.sents[s].te; k++)
        if (TOK_IN(c, k, "he", "she", "him", "her"))
            return 1;
    return 0;
}

/* Some token of sentence s starts a cue of the kind. */
static int sent_has_cue(const coder *c, uint32_t s, int cue)
{
    if (s >= c->t.nsents)
        return 0;
    for (uint32_t k = c->t.sents[s].tb; k < c->t.sents[s].te; k++)
        if (c->ti[k].cue_start >> cue & 1)
            return 1;
    return 0;
}

/* "They threw stones at the centre and clashed with soldiers.", "The
 * demonstrators attacked a police post.": a sentence after a protest whose
 * subject is the crowd itself, by a pronoun or by name, and whose act is
 * violent with no armed group named, tells what the protest became. */
static int crowd_went_on(const coder *c, const cand *q)
{
    if (!((q->cls == TC_CLASH) || (q->cls == TC_ATTACK) || (q->cls == TC_RIOT) || (q->cls == TC_LOOT)) ||
        (q->ev.inter1 && q->ev.inter1 != 5 && q->ev.inter1 != 6 && !(q->ev.inter1 == 3 && generic_armed(q->actor1))) ||
        q->sent >= c->t.nsents)
        return 0;
    uint32_t k = c->t.sents[q->sent].tb, e = c->t.sents[q->sent].te;
    if (tok_is(c, k, "they"))
        return 1;
    if (TOK_IN(c, k, "some", "members") && k + 1 < e) /* ("Some members of the group attacked …") */
        k = TOK_IN(c, k + 1, "of") ? k + 2 : k + 1;
    if (k < e && TOK_IN(c, k, "members") && k + 1 < e && TOK_IN(c, k + 1, "of"))
        k += 2;
    if (tok_is(c, k, "them") || (k > c->t.sents[q->sent].tb && tok_is(c, k - 1, "members") && k < e &&
                                   !TOK_IN(c, k, "the")))
        return 1; /* ("Some of them", "Members then attacked") */
    if (tok_is(c, k, "the") && k + 1 < e)
        return TOK_IN(c, k + 1, "demonstrators", "protesters", "protestors", "crowd", "protesting",
                                "demonstrating", "marchers", "group", "students", "youths", "youth", "residents",
                                "traders", "workers", "hawkers", "teachers", "villagers", "strikers");
    return 0;
}

/* "raiders, suspected to be Pokots, ambushed herders", "an armed group
 * (described as "bandits") attacked a village": an attack (no fight told)
 * whose two sides came out as the same unidentified group names its
 * attackers twice; the people attacked are its victims, civilians. */
static void one_side_twice(coder *c)
{
    for (size_t i = 0; i < c->ncands; i++) {
        cand *q = &c->cands[i];
        if (q->merged || !q->cls || q->cls != TC_ATTACK || !STREQ(q->sub_event_type, "Armed clash") ||
            q->ev.inter1 != 3 || q->ev.inter2 != 3 || !*q->actor1 || strcmp(q->actor1, q->actor2) ||
            q->sent >= c->t.nsents)
            continue;
        int fought = 0; /* ("raids … were confronted by armed militias": two sides after all) */
        for (uint32_t k = c->t.sents[q->sent].tb; k < c->t.sents[q->sent].te && !fought; k++)
            fought = TOK_IN(c, k, "confronted", "confront", "resisted", "resisting", "repulsed", "repelled",
                                  "retaliated", "returned", "counterattack", "counter-attack");
        if (fought)
            continue;
        q->actor2[0] = 0;
        if (*q->country)
            snprintf(q->actor2, sizeof q->actor2, "Civilians (%s)", q->country);
        q->ev.inter2 = 7;
        q->role2 = 'c';
        q->ev.ev_actor2 = (sr_span){-1, -1};
        q->sub_event_type = "Attack";
        q->event_type = event_type_of(q->sub_event_type);
    }
}

/* "Three suspected thieves were burnt to death", "12 suspected witches
 * burned to death": suspected thieves or witches beaten, burnt or stoned to
 * death with no attacker named are lynched by a crowd, mob violence, as
 * ACLED codes mob justice. */
static void lynched_suspects(coder *c)
{
    for (size_t i = 0; i < c->ncands; i++) {
        cand *q = &c->cands[i];
        if (q->merged || !STREQ(q->sub_event_type, "Attack") || q->ev.inter1 != 3 || q->ev.ev_actor1.start >= 0 ||
            q->sent >= c->t.nsents)
            continue;
        uint32_t tb = c->t.sents[q->sent].tb, te = c->t.sents[q->sent].te;
        int suspects = 0, death = 0, armed = 0;
        for (uint32_t k = tb; k < te; k++) {
            if (k + 1 < te && TOK_IN(c, k, "suspected", "alleged") &&
                TOK_IN(c, k + 1, "thief", "thieves", "thiefs", "witch", "witches", "robber", "robbers", "criminal",
                                 "criminals", "wizard", "wizards"))
                suspects = 1;
            if (k + 1 < te && tok_is(c, k, "to") && tok_is(c, k + 1, "death") && k > tb &&
                TOK_IN(c, k - 1, "burnt", "burned", "beaten", "beat", "stoned", "lynched", "clubbed"))
                death = 1;
            armed |= TOK_IN(c, k, "gunmen", "militia", "militiamen", "bandits", "raiders", "police", "attackers",
                                  "gang", "soldiers", "shot");
        }
        if (!suspects || !death || armed)
            continue;
        q->actor1[0] = 0;
        if (*q->country)
            snprintf(q->actor1, sizeof q->actor1, "Rioters (%s)", q->country);
        q->ev.inter1 = 5;
        q->sub_event_type = "Mob violence";
        q->event_type = event_type_of(q->sub_event_type);
    }
}

/* "A man was burnt to death by a mob after he allegedly stabbed a guard",
 * "an officer is killed when a vigilante mob mistook him for a thief": an
 * attack with no author read (a second act in a subordinate clause took
 * the clause) whose sentence names a mob, vigilantes or rioters is theirs,
 * mob violence, as ACLED codes mob justice. */
static void mob_authors(coder *c)
{
    for (size_t i = 0; i < c->ncands; i++) {
        cand *q = &c->cands[i];
        if (q->merged || !STREQ(q->sub_event_type, "Attack") || q->ev.ev_actor1.start >= 0 ||
            !(q->ev.inter1 == 0 || (q->ev.inter1 == 3 && generic_armed(q->actor1))) || q->sent >= c->t.nsents)
            continue;
        int mob = 0;
        if (TOK_ANY(c, "mob", "mobs", "vigilante", "vigilantes", "rioters", "lynched", "lynching"))
            for (uint32_t k = c->t.sents[q->sent].tb; k < c->t.sents[q->sent].te && !mob; k++)
                mob = TOK_IN(c, k, "mob", "mobs", "vigilante", "vigilantes", "rioters", "lynched", "lynching");
        if (!mob)
            continue;
        q->actor1[0] = 0;
        if (*q->country)
            snprintf(q->actor1, sizeof q->actor1, "Rioters (%s)", q->country);
        q->ev.inter1 = 5;
        q->sub_event_type = "Mob violence";
        q->event_type = event_type_of(q->sub_event_type);
    }
}

/* Candidate y is the same event as x, told again: x takes its toll when x
 * has none (a toll told twice is not added), and y is merged away. */
static void absorb(cand *x, cand *y)
{
    if (x->ev.fatalities < 0 && y->ev.fatalities >= 0)
        take_toll(&x->ev, &y->ev);
    y->merged = 1;
}

/* "Afghan forces called in air support. … 18 fighters were killed in air
 * strikes on their positions": air strikes with no author, told just after
 * a state force called in air support, are that force's. */
static void called_air_support(coder *c)
{
    for (size_t i = 1; i < c->ncands; i++) {
        cand *q = &c->cands[i];
        if (q->merged || !STREQ(q->sub_event_type, "Air/drone strike") || *q->actor1 || q->ev.inter1)
            continue;
        for (size_t j = i; j-- > 0;) {
            const cand *p = &c->cands[j];
            if (p->para != q->para || p->sent + 1 < q->sent)
                break;
            if (p->sent >= c->t.nsents)
                continue;
            int support = 0;
            for (uint32_t k = c->t.sents[p->sent].tb; k + 1 < c->t.sents[p->sent].te && !support; k++)
                support = tok_is(c, k, "air") && TOK_IN(c, k + 1, "support", "cover", "backup");
            if (!support)
                continue;
            const char *force = p->ev.inter1 == 1 ? p->actor1 : p->ev.inter2 == 1 ? p->actor2 : "";
            if (!*force)
                continue;
            scopy(q->actor1, sizeof q->actor1, force);
            q->ev.inter1 = 1;
            break;
        }
    }
}

/* "At the march, three men were shot and wounded by police",
 * "Border guards opened fire at the protesters": a state force's act on
 * protesters whose trigger is gunfire (shot, shoot, fired, opened fire)
 * hurt them with live fire, which ACLED's codebook counts as excessive
 * force even when nobody died; baton charges and beatings stay an
 * intervention, and so does fire "in the air", with rubber bullets,
 * pellets or blanks. Reads the trigger words of the act's sentence only. */
static int gunfire_act(const coder *c, const cand *q)
{
    if (q->sent >= c->t.nsents || !TOK_ANY(c, "shot", "shoot", "shooting", "fired", "fire"))
        return 0;
    uint32_t tb = c->t.sents[q->sent].tb, te = c->t.sents[q->sent].te;
    for (uint32_t k = tb; k < te; k++) {
        if (!c->ti[k].trig || /* (a trigger word: one load skips most tokens) */
            !TOK_IN(c, k, "shot", "shoot", "shoots", "shooting", "fired", "fire"))
            continue;
        int live = 1;
        for (uint32_t i = k + 1; i < te && i < k + 6 && live; i++)
            if (TOK_IN(c, i, "air", "rubber", "pellets", "pellet", "blanks", "blank", "warning", "teargas", "tear"))
                live = 0; /* ("shot in the air", "fired rubber bullets", "fired tear gas") */
        if (live)
            return 1;
    }
    return 0;
}

/* "Youths protest the arrest of two men. Police shoot at the crowd,
 * injuring two.": a state force's fight with a crowd (rioters or
 * protesters as the second side, read as an armed clash or an attack),
 * told after a protest with no date of its own, is the force acting on
 * that protest's crowd. */
static int force_on_crowd(const coder *c, const cand *q)
{
    (void)c;
    return q->ev.inter1 == 1 && (q->ev.inter2 == 5 || q->ev.inter2 == 6) && !q->has_date &&
           (STREQ(q->sub_event_type, "Armed clash") || STREQ(q->sub_event_type, "Attack"));
}

/* "Police injured three protesters.", "Officers wounded several
 * demonstrators.": token k of sentence s, a wound cue word, is "injured",
 * "wounded" or "hurt" with protesters or demonstrators within four words
 * after it and a state force (the police, soldiers) named before it: the
 * force hurt the protesters with the bare verb, which is no trigger of its
 * own (a toll word), and so intervened in the protest told before it. */
static int force_hurt_protesters(const coder *c, uint32_t s, uint32_t k)
{
    const sr__sent *se = &c->t.sents[s];
    if (k == se->tb || !TOK_IN(c, k, "injured", "wounded", "hurt"))
        return 0;
    int crowd = 0;
    for (uint32_t i = k + 1; i < se->te && i < k + 5 && !crowd; i++)
        crowd = TOK_IN(c, i, "protesters", "protestors", "demonstrators");
    if (!crowd)
        return 0;
    for (uint32_t i = se->tb; i < k; i++) { /* a state force named before the verb */
        const mention *m = ent_at(c, i);
        if (m && ((m->type == MT_ACTOR && c->lx->actors[m->row].inter == 1) ||
                  (m->type == MT_AGENT && c->lx->agents[m->row].inter == 1)))
            return 1;
    }
    return 0;
}

static void protest_interventions(coder *c)
{
    for (size_t i = 0; i < c->ncands; i++) {
        cand *p = &c->cands[i];
        /* (a protest the police already broke up may still be told to have
         * turned violent in the next sentences: the riot loop below) */
        if (p->merged || (!STREQ(p->sub_event_type, "Peaceful protest") && !STREQ(p->sub_event_type, "Protest with intervention")))
            continue;
        for (size_t j = i + 1; j < c->ncands && STREQ(p->sub_event_type, "Peaceful protest"); j++) {
            cand *q = &c->cands[j];
            if (q->merged || q->sent > p->sent + 2)
                break;
            /* only arrests of the protesters themselves, not the arrest the
             * protest was about ("He was arrested in connection with…") */
            if (strcmp(q->sub_event_type, "Arrests") || (q->ev.inter1 != 1 && *q->actor1))
                continue;
            /* ("Six were detained by police.", "Several arrests were made."
             * right after the protest: its participants, unless dated apart) */
            if (q->role2 != 'p' && !(q->role2 != 's' && q->role2 != 'a' && q->para == p->para && q->sent > p->sent &&
                                     !(q->has_date && p->has_date && strcmp(q->ev.event_date, p->ev.event_date)) &&
                                     !one_person(c, q->ev.ev_actor2) && !singular_pronoun(c, q->sent)))
                continue; /* ("He was arrested in May": the man the protest is about) */
            p->sub_event_type = "Protest with intervention";
            if (*q->actor1) {
                scopy(p->actor2, sizeof p->actor2, q->actor1);
                p->ev.inter2 = q->ev.inter1;
                p->ev.ev_actor2 = q->ev.ev_actor1;
            }
            q->merged = 1;
            break;
        }
        /* "Hundreds marched in Kisumu. The protesters later torched a police
         * post.": what the same demonstration became, told in the next
         * sentences of the paragraph (no date of its own, or the same) */
        for (size_t j = i + 1; j < c->ncands && (STREQ(p->sub_event_type, "Peaceful protest") ||
                                                 STREQ(p->sub_event_type, "Protest with intervention"));
             j++) {
            cand *q = &c->cands[j];
            if (q->sent > p->sent + 2 || q->para != p->para)
                break;
            if (q->merged)
                continue;
            if (q->has_date && p->has_date && strcmp(q->ev.event_date, p->ev.event_date))
                continue;
            int riot = q->verb && (STREQ(q->sub_event_type, "Violent demonstration") ||
                                   (STREQ(q->sub_event_type, "Mob violence") && q->ev.inter1 == 5) ||
                                   (((q->cls == TC_RIOT) || (q->cls == TC_LOOT)) &&
                                    (q->ev.inter1 == 5 || q->ev.inter1 == 6 || !q->ev.inter1 ||
                                     (q->ev.inter1 == 1 && sent_has_cue(c, q->sent, CUE_INTERVENE)))) ||
                                   ((q->cls == TC_ABDUCT) && (q->ev.inter1 == 5 || q->ev.inter1 == 6)) ||
                                   crowd_went_on(c, q));
            if (!riot && !STREQ(p->sub_event_type, "Peaceful protest") &&
                !(STREQ(q->sub_event_type, "Excessive force against protesters") && q->ev.fatalities > 0))
                continue; /* an intervention is already known (unless the force then killed: "police
                           * intervened firing teargas. 1 unarmed protester shot dead by police") */
            if (riot && q->ref && !STREQ(p->sub_event_type, "Peaceful protest"))
                continue; /* ("injured in the assault": the act already told) */
            int inter = STREQ(q->sub_event_type, "Protest with intervention") ||
                        STREQ(q->sub_event_type, "Excessive force against protesters") ||
                        (STREQ(q->sub_event_type, "Attack") && q->ev.inter1 == 1 && !q->has_date) ||
                        force_on_crowd(c, q);
            if (!riot && !inter)
                continue;
            if (!riot) { /* a later sentence may still tell that the protesters rioted */
                int later = 0;
                for (size_t j2 = j + 1; j2 < c->ncands && !later; j2++) {
                    const cand *q2 = &c->cands[j2];
                    if (q2->sent > p->sent + 2 || q2->para != p->para)
                        break;
                    later = !q2->merged && q2->verb &&
                            (STREQ(q2->sub_event_type, "Violent demonstration") ||
                             (STREQ(q2->sub_event_type, "Mob violence") && q2->ev.inter1 == 5));
                }
                if (later)
                    continue;
            }
            /* force without deaths is an intervention, as ACLED codes beatings;
             * live fire on the protesters is excessive force (gunfire_act) */
            p->sub_event_type = riot ? "Violent demonstration"
                                : q->ev.fatalities > 0 || ((STREQ(q->sub_event_type, "Excessive force against protesters") ||
                                                            force_on_crowd(c, q)) &&
                                                           gunfire_act(c, q))
                                    ? "Excessive force against protesters"
                                                       : "Protest with intervention";
            p->event_type = event_type_of(p->sub_event_type);
            const cand *pol = NULL; /* the police action told with it, before or just after */
            for (size_t k = i + 1; riot && k < c->ncands; k++) { /* the police action skipped on the way */
                cand *m = &c->cands[k];
                if (k == j)
                    continue;
                if (k > j && (m->sent > p->sent + 2 || m->para != p->para))
                    break;
                if (!m->merged && (!m->has_date || m->sent == p->sent || (k > j && m->sent == q->sent)) &&
                    STREQ(m->event_type, "Protests") && (k < j || !STREQ(m->sub_event_type, "Peaceful protest"))) {
                    m->merged = 1;
                    if (!pol && m->ev.inter2 == 1 && *m->actor2)
                        pol = m;
                }
            }
            if (riot && *p->country)
                cat3(p->actor1, sizeof p->actor1, "Rioters (", p->country, ")");
            if (riot)
                p->ev.inter1 = 5;
            if (q->ev.inter1 == 1 && *q->actor1) { /* the forces that attacked them */
                scopy(p->actor2, sizeof p->actor2, q->actor1);
                p->ev.inter2 = 1;
                p->ev.ev_actor2 = q->ev.ev_actor1;
            } else if (*q->actor2 && (q->ev.inter2 == 1 || !*p->actor2)) {
                scopy(p->actor2, sizeof p->actor2, q->actor2);
                p->ev.inter2 = q->ev.inter2;
                p->ev.ev_actor2 = q->ev.ev_actor2;
            } else if (pol && !*p->actor2) {
                scopy(p->actor2, sizeof p->actor2, pol->actor2);
                p->ev.inter2 = 1;
                p->ev.ev_actor2 = pol->ev.ev_actor2;
            }
            absorb(p, q);
            break;
        }
        /* "Police dispersed the crowd." on its own */
        for (uint32_t s2 = p->sent + 1; s2 <= p->sent + 2 && s2 < c->t.nsents &&
                                        STREQ(p->sub_event_type, "Peaceful protest");
             s2++) {
            const sr__sent *se = &c->t.sents[s2];
            for (uint32_t k = se->tb; k < se->te; k++)
                if ((c->ti[k].cue_start >> CUE_INTERVENE & 1) ||
                    ((c->ti[k].cue_start >> CUE_WOUND & 1) && force_hurt_protesters(c, s2, k))) {
                    p->sub_event_type = "Protest with intervention";
                    break;
                }
        }
    }
    /* "Protesters set fire to police cars … Police detained 28 people after
     * the protest.": the force that broke up a violent demonstration, told
     * later as acting on "the protest", is its second side */
    for (size_t i = 0; i < c->ncands; i++) {
        cand *p = &c->cands[i];
        if (p->merged || !STREQ(p->sub_event_type, "Violent demonstration") || *p->actor2 || p->ev.inter2)
            continue;
        for (size_t j = i + 1; j < c->ncands; j++) {
            const cand *q = &c->cands[j];
            if (q->sent > p->sent + 3)
                break;
            if (!q->ref || !(STREQ(q->sub_event_type, "Protest with intervention") || STREQ(q->sub_event_type, "Arrests")))
                continue;
            const char *force = STREQ(q->sub_event_type, "Arrests") ? q->actor1 : q->actor2;
            int finter = STREQ(q->sub_event_type, "Arrests") ? q->ev.inter1 : q->ev.inter2;
            if (finter != 1 || !*force)
                continue;
            scopy(p->actor2, sizeof p->actor2, force);
            p->ev.inter2 = 1;
            p->role2 = 's';
            break;
        }
    }
    /* "Police opened fire on protesters, killing two. The demonstrators
     * had blocked the road and lit fires.": lethal force against a crowd
     * the next sentences show rioting is a violent demonstration, as ACLED
     * codes force against demonstrators who were themselves violent */
    for (size_t i = 0; i < c->ncands; i++) {
        cand *p = &c->cands[i];
        if (p->merged || !STREQ(p->sub_event_type, "Excessive force against protesters"))
            continue;
        for (size_t j = i + 1; j < c->ncands; j++) {
            cand *q = &c->cands[j];
            if (q->sent > p->sent + 2 || q->para != p->para)
                break;
            if (q->merged || (q->has_date && p->has_date && strcmp(q->ev.event_date, p->ev.event_date)))
                continue;
            if (!(q->verb && (STREQ(q->sub_event_type, "Violent demonstration") ||
                              ((q->cls == TC_RIOT) && (q->ev.inter1 == 5 || q->ev.inter1 == 6 || !q->ev.inter1)) ||
                              crowd_went_on(c, q))))
                continue;
            p->sub_event_type = "Violent demonstration";
            p->event_type = event_type_of(p->sub_event_type);
            if (p->ev.inter1 == 1) { /* the force becomes the second side */
                scopy(p->actor2, sizeof p->actor2, p->actor1);
                p->ev.inter2 = 1;
                p->ev.ev_actor2 = p->ev.ev_actor1;
                p->ev.ev_actor1 = (sr_span){-1, -1};
            }
            p->actor1[0] = 0;
            if (*p->country)
                snprintf(p->actor1, sizeof p->actor1, "Rioters (%s)", p->country);
            p->ev.inter1 = 5;
            q->merged = 1;
            break;
        }
    }
    /* a demonstration the state broke up has the state as its second actor,
     * the police unless the text named another force */
    for (size_t j = 0; j < c->ncands; j++) {
        cand *p = &c->cands[j];
        if (p->merged || p->ev.inter2 || *p->actor2 ||
            !(STREQ(p->sub_event_type, "Protest with intervention") || STREQ(p->sub_event_type, "Excessive force against protesters")))
            continue;
        const sr__country *pc = p->iso3[0] ? country_of_iso(c, p->iso3) : NULL;
        if (pc && *pc->police)
            scopy(p->actor2, sizeof p->actor2, pc->police);
        p->ev.inter2 = 1;
        p->role2 = 's';
    }
}

/* "Gunmen threw a grenade into a bar. One person was killed and 11 were
 * injured.": a sentence that only reports the toll completes the event told
 * just before it, in the same paragraph. */
static void complete_tolls(coder *c)
{
    for (size_t j = 1; j < c->ncands; j++) {
        cand *y = &c->cands[j], *x = &c->cands[j - 1];
        /* (the event before it: a sentence merged into it on the way does not count) */
        for (size_t i = j - 1; i > 0 && x->merged && c->cands[i].sent + 3 > y->sent; i--)
            x = &c->cands[i - 1];
        /* (a bare "A suspect was shot and died." is a toll too: an attack
         * whose perpetrator is only ACLED's default) */
        int bare = ((y->cls == TC_ATTACK) || (y->cls == TC_KILL)) && y->ev.ev_actor1.start < 0;
        if (y->merged || x->merged || (y->cls != TC_KILL && !bare) || y->ev.fatalities <= 0 || y->kind_agg)
            continue;
        /* (in the same sentence only a later clause that names nobody: "jets
         * struck a house, and two people were killed") */
        int later_clause = y->sent == x->sent && y->ev.ev_actor1.start < 0 &&
                           y->ev.ev_trigger.start > x->ev.ev_trigger.start;
        if (x->ev.fatalities > 0 || (y->sent == x->sent && !later_clause) || y->sent > x->sent + 2 ||
            y->para != x->para)
            continue;
        if (y->has_date && (!x->has_date || strcmp(y->ev.event_date, x->ev.event_date)))
            continue;
        if (strcmp(y->sub_event_type, "Attack") && strcmp(y->sub_event_type, "Armed clash"))
            continue; /* an event of its own kind, not a toll */
        if (*y->actor1 && !bare && !(*x->actor1 && actor_compatible(x->actor1, x->ev.inter1, y->actor1, y->ev.inter1)) &&
            !(*x->actor2 && actor_compatible(x->actor2, x->ev.inter2, y->actor1, y->ev.inter1)))
            continue;
        if (*y->location && *x->location && strcmp(y->location, x->location) &&
            y->ev.ev_place.start >= y->ev.ev_sentence.start) /* (a place carried over from before is no place of its own) */
            continue;
        take_toll(&x->ev, &y->ev);
        if (!*x->actor2 && *y->actor2 && strcmp(y->actor2, x->actor1)) {
            scopy(x->actor2, sizeof x->actor2, y->actor2);
            x->ev.inter2 = y->ev.inter2;
            x->ev.ev_actor2 = y->ev.ev_actor2;
            x->role2 = y->role2;
        }
        y->merged = 1;
    }
}

/* "Soldiers reacted with gunfire", "responded to the fire", "fired back",
 * "returned fire": at token k, fire answered. */
static int fire_returned(const coder *c, uint32_t k, uint32_t e)
{
    if (TOK_IN(c, k, "reacted", "responded", "retaliated", "replied")) {
        for (uint32_t j = k + 1; j < e && j <= k + 4; j++)
            if (TOK_IN(c, j, "fire", "gunfire", "shots", "firing"))
                return 1;
        return 0;
    }
    if (TOK_IN(c, k, "fired", "shot", "hit") && k + 1 < e && tok_is(c, k + 1, "back"))
        return 1;
    if (TOK_IN(c, k, "returned", "returning") && k + 1 < e &&
        (tok_is(c, k + 1, "fire") || (k + 2 < e && tok_is(c, k + 1, "the") && tok_is(c, k + 2, "fire"))))
        return 1;
    return 0;
}

/* The end (exclusive) of the sentences s0 .. s0 + after that share s0's
 * paragraph: the window "its sentence and the next two of the paragraph"
 * that many rules read. */
static uint32_t para_window(const coder *c, uint32_t s0, uint32_t after)
{
    uint32_t e = s0 + after + 1 < c->t.nsents ? s0 + after + 1 : (uint32_t)c->t.nsents;
    for (uint32_t k = s0 + 1; c->para && k < e; k++)
        if (c->para[k] != c->para[s0])
            return k;
    return e;
}

/* "X fired mortars at Y. Monitors recorded 40 explosions in both
 * directions near Z.": fire told as going both ways (or with small arms) in
 * the next sentences of the paragraph makes the shelling before it an armed
 * clash, as when both directions are told in the same sentence. */
static void answered_fire(coder *c)
{
    for (size_t j = 0; j < c->ncands; j++) {
        cand *x = &c->cands[j];
        if (x->merged)
            continue;
        int shooting = STREQ(x->sub_event_type, "Attack") && x->ev.inter1 >= 2 && x->ev.inter1 <= 4;
        if (!STREQ(x->sub_event_type, "Shelling/artillery/missile attack") && !shooting &&
            !((STREQ(x->sub_event_type, "Grenade") || STREQ(x->sub_event_type, "Air/drone strike")) &&
              (x->ev.inter2 == 1 || x->ev.inter2 == 2 || x->ev.inter2 == 3 || x->ev.inter2 == 8)))
            continue; /* (a grenade or an air strike answered only when it hit an armed side; an
                       * attack by an armed group when its targets "returned fire") */
        int two = 0, back = 0;
        uint32_t s = x->sent + 1, s_end = para_window(c, x->sent, 2);
        for (; s < s_end && !two; s++) {
            const sr__sent *se = &c->t.sents[s];
            for (uint32_t k = se->tb; k + 1 < se->te && !two; k++) {
                two = !shooting && ((tok_is(c, k, "both") && tok_is(c, k + 1, "directions")) ||
                                    (tok_is(c, k, "small") && TOK_IN(c, k + 1, "arms", "arms/unknown")));
                if (!two && fire_returned(c, k, se->te))
                    two = back = 1;
            }
        }
        if (two) {
            x->sub_event_type = "Armed clash";
            x->event_type = event_type_of(x->sub_event_type);
        }
        /* ("Pro-Hadi forces fired back, killing two.": the answer is the
         * same fight, its toll the fight's) */
        for (size_t k = j + 1; back && k < c->ncands; k++) {
            cand *y = &c->cands[k];
            if (y->sent >= s)
                break;
            if (y->merged || y->sent <= x->sent || !STREQ(y->event_type, "Battles") ||
                (y->has_date && x->has_date && strcmp(y->ev.event_date, x->ev.event_date)))
                continue;
            absorb(x, y);
        }
    }
}

/* "Bandits raided a village. Police reservists exchanged fire with them.":
 * an attack by an armed group that the state's forces fight back in the
 * next sentences of the paragraph is one armed clash with them. */
static void fought_back(coder *c)
{
    for (size_t j = 0; j < c->ncands; j++) {
        cand *x = &c->cands[j];
        if (x->merged || !STREQ(x->sub_event_type, "Attack") || x->ev.inter1 < 2 || x->ev.inter1 > 4 ||
            (x->ev.inter2 && x->ev.inter2 != 7))
            continue;
        for (size_t k = j + 1; k < c->ncands; k++) {
            cand *y = &c->cands[k];
            if (y->sent > x->sent + 2 || y->para != x->para)
                break;
            if (y->merged)
                continue;
            if (y->has_date && x->has_date && strcmp(y->ev.event_date, x->ev.event_date))
                break;
            if (!STREQ(y->sub_event_type, "Armed clash"))
                continue;
            const char *st = y->ev.inter1 == 1 ? y->actor1 : y->ev.inter2 == 1 ? y->actor2 : NULL;
            int oth = y->ev.inter1 == 1 ? y->ev.inter2 : y->ev.inter1;
            if (!st || !*st || oth < 2 || oth > 4)
                break;
            scopy(x->actor2, sizeof x->actor2, st);
            x->ev.inter2 = 1;
            x->ev.ev_actor2 = y->ev.inter1 == 1 ? y->ev.ev_actor1 : y->ev.ev_actor2;
            x->role2 = 's';
            x->sub_event_type = "Armed clash";
            x->event_type = event_type_of(x->sub_event_type);
            absorb(x, y);
            break;
        }
    }
}

/* Does sentence s tell that some of the attackers themselves were killed:
 * "two of the suspected bandits were killed", "killing 2 of the attackers",
 * "Four attackers were killed", "as was one of the raiders"? A death word
 * within a few tokens of an attacker noun read as the dead, not as the
 * killers ("the attackers killed two" has the noun before an active verb). */
static int attackers_fell(const coder *c, uint32_t s)
{
    uint32_t tb = c->t.sents[s].tb, te = c->t.sents[s].te;
    if (!TOK_ANY(c, "attackers", "assailants", "assaillants", "raiders", "bandits", "gunmen", "militants", "attacker",
                 "assailant", "raider", "bandit", "gunman"))
        return 0;
    for (uint32_t k = tb; k < te; k++) {
        if (!TOK_IN(c, k, "attackers", "assailants", "assaillants", "raiders", "bandits", "gunmen", "militants",
                          "attacker", "assailant", "raider", "bandit", "gunman"))
            continue;
        uint32_t h = k; /* "of the (suspected) attackers": some of them */
        if (h > tb && TOK_IN(c, h - 1, "suspected", "alleged", "armed"))
            h--;
        int of = h >= tb + 2 && tok_is(c, h - 1, "the") && tok_is(c, h - 2, "of");
        int passive = k + 2 < te && TOK_IN(c, k + 1, "were", "was") && !tok_is(c, k + 2, "not");
        if (!of && !passive)
            continue;
        /* the death word after the noun ("… were (, however,) shot dead"),
         * or before it for "of the" ("killing 2 of the attackers", "killed,
         * as was one of the attackers") */
        for (uint32_t j = k + 1; j < te && j <= k + 5; j++)
            if (TOK_IN(c, j, "killed", "dead", "died", "slain", "lynched") || (j + 1 < te && tok_is(c, j, "shot") &&
                                                                               TOK_IN(c, j + 1, "dead", "and")))
                return 1;
        for (uint32_t j = h >= tb + 7 ? h - 7 : tb; of && j + 2 < h; j++)
            if (TOK_IN(c, j, "killing", "killed", "shooting", "dead") && !tok_is(c, j + 1, "by"))
                return 1;
    }
    return 0;
}

/* "Bandits attacked the village. During the raid, two of the bandits were
 * killed.": attackers who die in their own attack met armed resistance, and
 * ACLED codes such a raid as an armed clash (the dev file and Kenya alike);
 * the killing told in the same paragraph is the same fight, and a state
 * force that did the killing is the other side. */
static void attackers_killed(coder *c)
{
    for (size_t j = 0; j < c->ncands; j++) {
        cand *x = &c->cands[j];
        if (x->merged || !STREQ(x->sub_event_type, "Attack") || x->ev.inter1 < 2 || x->ev.inter1 > 4 ||
            (x->ev.inter2 && x->ev.inter2 != 7) || x->sent >= c->t.nsents)
            continue;
        uint32_t fell = UINT32_MAX;
        for (uint32_t s = x->sent, s_end = para_window(c, x->sent, 2); s < s_end && fell == UINT32_MAX; s++) {
            if (attackers_fell(c, s))
                fell = s;
        }
        if (fell == UINT32_MAX)
            continue;
        x->sub_event_type = "Armed clash";
        x->event_type = event_type_of(x->sub_event_type);
        for (size_t k = j + 1; k < c->ncands; k++) { /* the killing told with it */
            cand *y = &c->cands[k];
            if (y->sent > fell)
                break;
            if (y->merged || y->sent != fell || (y->has_date && x->has_date && strcmp(y->ev.event_date, x->ev.event_date)))
                continue;
            if (y->ev.inter1 == 1 && *y->actor1) {
                scopy(x->actor2, sizeof x->actor2, y->actor1);
                x->ev.inter2 = 1;
                x->ev.ev_actor2 = y->ev.ev_actor1;
                x->role2 = 's';
            }
            absorb(x, y);
            break;
        }
    }
}

/* Sentence s tells of bodies found: "were later found dead", "their bodies
 * were found", "the bodies of the arrested were found". */
static int found_dead(const coder *c, uint32_t s)
{
    int found = 0, dead = 0;
    for (uint32_t k = c->t.sents[s].tb; k < c->t.sents[s].te; k++) {
        found |= tok_is(c, k, "found");
        dead |= TOK_IN(c, k, "dead", "bodies", "body", "corpses", "corpse");
    }
    return found && dead;
}

/* Codes candidate x as an attack on civilians of its country: actor2
 * "Civilians (country)" (empty when the country is unknown), inter 7, no
 * text span for them. */
static void attack_on_civilians(cand *x)
{
    x->actor2[0] = 0;
    if (*x->country)
        cat3(x->actor2, sizeof x->actor2, "Civilians (", x->country, ")");
    x->ev.inter2 = 7;
    x->role2 = 'c';
    x->ev.ev_actor2 = (sr_span){-1, -1};
    x->sub_event_type = "Attack";
    x->event_type = event_type_of(x->sub_event_type);
}

/* "Police assault and arrest a journalist", "arrested four men … three
 * were found dead the following day": an arrest joined with a beating or
 * torture of the same people, or whose detainees are found dead after it,
 * is violence against them, which ACLED codes as an attack by the force
 * that held them, not as an arrest. */
static void arrest_harm(coder *c)
{
    for (size_t j = 0; j < c->ncands; j++) {
        cand *x = &c->cands[j];
        if (x->merged || !STREQ(x->sub_event_type, "Arrests") || x->sent >= c->t.nsents ||
            !(x->ev.inter1 == 1 || (!x->ev.inter1 && x->ev.inter2 == 1)))
            continue;
        uint32_t tb = c->t.sents[x->sent].tb, te = c->t.sents[x->sent].te;
        int harm = 0; /* the two verbs joined by "and": "assault and arrest", "arrest and torture" */
        for (uint32_t k = tb; k + 2 < te && !harm; k++) {
            if (!tok_is(c, k + 1, "and"))
                continue;
            int a0 = TOK_IN(c, k, "arrest", "arrested", "arrests", "detain", "detained", "detains");
            int a2 = TOK_IN(c, k + 2, "arrest", "arrested", "arrests", "detain", "detained", "detains");
            int h0 = TOK_IN(c, k, "assault", "assaulted", "assaults", "beat", "beaten", "beats", "torture",
                                  "tortured", "tortures");
            int h2 = TOK_IN(c, k + 2, "assault", "assaulted", "assaults", "beat", "beaten", "beats", "torture",
                                      "tortured", "tortures");
            harm = (a0 && h2) || (h0 && a2);
        }
        uint32_t dead = UINT32_MAX;
        for (uint32_t s = x->sent + 1, s_end = para_window(c, x->sent, 2); !harm && s < s_end; s++) {
            if (found_dead(c, s)) {
                dead = s;
                harm = 1;
            }
        }
        if (!harm)
            continue;
        if (x->ev.inter1 != 1) { /* ("were detained by three police officers") */
            scopy(x->actor1, sizeof x->actor1, x->actor2);
            x->ev.inter1 = 1;
            x->ev.ev_actor1 = x->ev.ev_actor2;
        }
        attack_on_civilians(x);
        for (size_t k = j + 1; dead != UINT32_MAX && k < c->ncands; k++) { /* the deaths told after it */
            cand *y = &c->cands[k];
            if (y->sent > dead)
                break;
            if (y->merged || y->sent != dead || (*y->actor1 && !(generic_armed(y->actor1) && y->ev.ev_actor1.start < 0)))
                continue; /* (no author named: the default unidentified group is none) */
            absorb(x, y);
        }
    }
}

/* "A priest was kidnapped, murdered and buried", "The MCA was abducted by
 * unidentified attackers. His body was found five days later.": an
 * abduction told with a death in its sentence or the next two of the
 * paragraph is violence against the person, an attack (ACLED's files code
 * no abduction with a death told); the death told after it is the same
 * event. */
static void abducted_killed(coder *c)
{
    for (size_t j = 0; j < c->ncands; j++) {
        cand *x = &c->cands[j];
        if (x->merged || !STREQ(x->sub_event_type, "Abduction/forced disappearance") || x->sent >= c->t.nsents)
            continue;
        uint32_t dead = UINT32_MAX;
        for (uint32_t s = x->sent, s_end = para_window(c, x->sent, 2); s < s_end && dead == UINT32_MAX; s++) {
            for (uint32_t k = c->t.sents[s].tb; k < c->t.sents[s].te && dead == UINT32_MAX; k++)
                if (TOK_IN(c, k, "killed", "murdered", "beheaded", "body", "bodies", "dead", "executed") ||
                    (tok_is(c, k, "to") && k + 1 < c->t.sents[s].te && tok_is(c, k + 1, "death")))
                    dead = s;
        }
        if (dead == UINT32_MAX)
            continue;
        x->sub_event_type = "Attack";
        x->event_type = event_type_of(x->sub_event_type);
        for (size_t k = j + 1; k < c->ncands; k++) {
            cand *y = &c->cands[k];
            if (y->sent > dead)
                break;
            if (y->merged || y->sent <= x->sent || (y->has_date && x->has_date && strcmp(y->ev.event_date, x->ev.event_date)) ||
                !STREQ(y->sub_event_type, "Attack"))
                continue;
            absorb(x, y);
        }
    }
}

/* "Bandits burned 70 houses. … The group stormed in, injured four people
 * and stole livestock.": property destroyed by an armed group or the
 * state's forces while people are killed or wounded, in its sentence or
 * the next two of the paragraph, is an attack on those people, not only
 * property destruction (a sentence that says nobody was hurt does not
 * count); so is one with no author named ("two hurt in arson attacks"). */
/* Whether sentences [s, s_end) tell of victims of arson ("victims of arson
 * attack", "victims of the overnight arson attacks", "houses belonging to
 * fleeing victims" next to arson): people, not goods, suffered. */
static int arson_victims(coder *c, uint32_t s, uint32_t s_end)
{
    if (!TOK_ANY(c, "victims", "victim") || !TOK_ANY(c, "arson"))
        return 0;
    for (; s < s_end; s++) {
        int v = 0, arson = 0;
        for (uint32_t k = c->t.sents[s].tb; k < c->t.sents[s].te; k++) {
            v |= TOK_IN(c, k, "victims", "victim");
            arson |= tok_is(c, k, "arson");
        }
        if (v && arson)
            return 1;
    }
    return 0;
}

static void looting_harm(coder *c)
{
    for (size_t j = 0; j < c->ncands; j++) {
        cand *x = &c->cands[j];
        if (x->merged || !STREQ(x->sub_event_type, "Looting/property destruction") || x->ev.inter1 < 0 ||
            x->sent >= c->t.nsents)
            continue;
        /* "five children, victims of an arson attack", "bodies of victims of
         * the overnight arson": arson that has victims harmed people, whoever
         * set it (the only harm read when no actor is named) */
        int victims = arson_victims(c, x->sent, para_window(c, x->sent, 2));
        if (x->ev.inter1 > 4 && !(victims && !*x->actor1))
            continue;
        int harm = victims;
        for (uint32_t s = x->sent, s_end = para_window(c, x->sent, 2); s < s_end && !harm; s++) {
            if (sent_has_cue(c, s, CUE_ZERO) || sent_has_cue(c, s, CUE_NEG))
                continue;
            int beasts = 0; /* ("no civilians were injured", "100 camels have been killed") */
            for (uint32_t k = c->t.sents[s].tb; k < c->t.sents[s].te && !beasts; k++)
                beasts = TOK_IN(c, k, "no", "nobody", "none", "camels", "cattle", "goats", "livestock", "cows",
                                      "animals", "sheep");
            harm = !beasts && (sent_has_cue(c, s, CUE_WOUND) || sent_has_cue(c, s, CUE_KILL));
        }
        if (!harm)
            continue;
        x->sub_event_type = "Attack";
        x->event_type = event_type_of(x->sub_event_type);
        if (x->ev.inter2 != 7)
            attack_on_civilians(x);
    }
}

/* "A bomb was found near the church", "an IED was found on a roadside and
 * later defused": an explosive found, discovered or defused, with nobody
 * killed or wounded in the sentence, did not go off at anyone; nor did one
 * that went off as its makers planted or carried it. ACLED codes both as
 * disrupted weapons use. */
static void bomb_found(coder *c)
{
    for (size_t j = 0; j < c->ncands; j++) {
        cand *x = &c->cands[j];
        if (x->merged || !STREQ(x->sub_event_type, "Remote explosive/landmine/IED") || x->sent >= c->t.nsents)
            continue;
        uint32_t tb = c->t.sents[x->sent].tb, te = c->t.sents[x->sent].te;
        int found = 0, own = 0;
        for (uint32_t k = tb; k < te && !found; k++)
            found = TOK_IN(c, k, "found", "discovered", "defused", "disarmed", "disarm", "defuse", "detected");
        /* ("bombers killed when the bomb they were planting blew up": their own device) */
        for (uint32_t k = tb; k + 2 < te && !own; k++)
            own = TOK_IN(c, k, "they", "he", "she") && TOK_IN(c, k + 1, "were", "was") &&
                  TOK_IN(c, k + 2, "planting", "carrying", "assembling", "making", "building");
        if (!own && (!found || x->ev.fatalities > 0 || sent_has_cue(c, x->sent, CUE_WOUND) ||
                     sent_has_cue(c, x->sent, CUE_KILL)))
            continue;
        x->sub_event_type = "Disrupted weapons use";
        x->event_type = event_type_of(x->sub_event_type);
    }
}

/* "Violence sparked by the arrest of the sect's founder. Three civilians
 * were killed.", "Following the arrest of their colleagues, operators
 * stormed a police station": an arrest told as the cause or grievance of
 * what follows ("sparked by", "after", "following", "over", "against", a
 * protest verb + "the arrest of") is background, not the event reported;
 * it is dropped so the act it led to is coded. */
static void arrest_as_cause(coder *c)
{
    for (size_t j = 0; j < c->ncands; j++) {
        cand *x = &c->cands[j];
        if (x->merged || !STREQ(x->sub_event_type, "Arrests") || x->sent >= c->t.nsents || x->ev.ev_trigger.start < 0)
            continue;
        uint32_t tb = c->t.sents[x->sent].tb, te = c->t.sents[x->sent].te, k = tb;
        while (k < te && (int32_t)c->t.toks[k].os < x->ev.ev_trigger.start)
            k++;
        if (k >= te || k < tb + 2 || !TOK_IN(c, k, "arrest", "arrests", "detention") || !tok_is(c, k - 1, "the") ||
            !(k + 1 < te && tok_is(c, k + 1, "of")))
            continue;
        uint32_t p = k - 2; /* the word before "the arrest of" */
        if (!(TOK_IN(c, p, "after", "following", "over", "against", "protest", "protests", "protested",
                           "protesting", "condemn", "condemned", "condemning") ||
              (p > tb && tok_is(c, p, "by") && TOK_IN(c, p - 1, "sparked", "triggered", "caused", "provoked"))))
            continue;
        int later = 0; /* (only when another event is told: else the arrest is all there is) */
        for (size_t k2 = 0; k2 < c->ncands && !later; k2++)
            later = k2 != j && !c->cands[k2].merged;
        if (later)
            x->merged = 1;
    }
}

/* "The coalition carried out air strikes on Houthi positions …, according
 * to al-Masirah, which said a civilian was killed": a strike or shelling
 * whose second side came out as civilians (a death a source reports) while
 * its clause names an armed actor's positions, bases or fighters after
 * "on" hit that actor; the civilian is a casualty of it. */
static void strike_on_positions(coder *c)
{
    const sr__lexicon *lx = c->lx;
    for (size_t j = 0; j < c->ncands; j++) {
        cand *x = &c->cands[j];
        if (x->merged || x->ev.inter2 != 7 || x->sent >= c->t.nsents ||
            !(STREQ(x->sub_event_type, "Air/drone strike") || STREQ(x->sub_event_type, "Shelling/artillery/missile attack")))
            continue;
        uint32_t tb = c->t.sents[x->sent].tb, te = c->t.sents[x->sent].te;
        for (uint32_t k = tb; k + 2 < te; k++) {
            if (!tok_is(c, k, "on"))
                continue;
            const mention *m = ent_at(c, k + 1);
            if (!m || m->type != MT_ACTOR || m->tb != k + 1 || m->te >= te ||
                !TOK_IN(c, m->te, "positions", "position", "bases", "base", "fighters", "strongholds", "posts"))
                continue;
            const sr__actor *a = &lx->actors[m->row];
            if (a->inter < 1 || a->inter > 4)
                continue;
            subst(x->actor2, sizeof x->actor2, a->acled, x->country, "", "");
            x->ev.inter2 = a->inter;
            x->role2 = a->inter == 1 ? 's' : 'a';
            x->ev.ev_actor2 = span_of(c, m->tb, m->te);
            break;
        }
    }
}

/* "At least 48 people were killed as Pokomo militia attacked an Orma
 * village", "One person died after Pokot raiders attacked a village": the
 * killing with no author took the clause and the armed group named as the
 * subject of the attack after it came out as the victim; that group is the
 * author and the people killed its civilian victims. */
static void subordinate_attacker(coder *c)
{
    for (size_t j = 0; j < c->ncands; j++) {
        cand *x = &c->cands[j];
        if (x->merged || x->ev.ev_actor1.start >= 0 || x->ev.ev_actor2.start < 0 || x->ev.inter2 < 2 ||
            x->ev.inter2 > 4 || generic_armed(x->actor2) || !(x->ev.inter1 == 0 || generic_armed(x->actor1)) ||
            !(STREQ(x->sub_event_type, "Armed clash") || STREQ(x->sub_event_type, "Attack")) || x->sent >= c->t.nsents)
            continue;
        uint32_t tb = c->t.sents[x->sent].tb, te = c->t.sents[x->sent].te, k = tb;
        while (k < te && (int32_t)c->t.toks[k].oe <= x->ev.ev_actor2.end - 1)
            k++; /* k: the actor phrase's last token */
        if (k + 1 >= te || k <= tb + 1 || !TOK_IN(c, k + 1, "attacked", "attacks", "attack", "raided", "raid", "raids",
                                                             "ambushed", "ambush", "stormed", "invaded"))
            continue;
        int sub = 0; /* the phrase opens a clause after "as", "after", "when" */
        for (uint32_t w = k; w > tb && w + 6 > k && !sub; w--)
            sub = TOK_IN(c, w - 1, "as", "after", "when", "while");
        if (!sub)
            continue;
        scopy(x->actor1, sizeof x->actor1, x->actor2);
        x->ev.inter1 = x->ev.inter2;
        x->ev.ev_actor1 = x->ev.ev_actor2;
        attack_on_civilians(x);
    }
}

/* "Gunmen shot at a Red Cross ambulance", "militants attacked a WFP
 * convoy": relief and aid bodies attacked are civilians (ACLED names the
 * body as the civilians' associated actor), so the act is an attack on
 * civilians, not a fight with an external force. */
static void relief_victims(coder *c)
{
    for (size_t j = 0; j < c->ncands; j++) {
        cand *x = &c->cands[j];
        if (x->merged || !relief_body(x->actor2) || x->ev.inter1 < 1 || x->ev.inter1 > 4 ||
            !(STREQ(x->sub_event_type, "Armed clash") || STREQ(x->sub_event_type, "Attack")) || x->sent >= c->t.nsents)
            continue;
        int armed = 0; /* (an escort or guards hit as well: "4 police officers were injured") */
        for (uint32_t s = x->sent, s_end = para_window(c, x->sent, 2); s < s_end && !armed; s++) {
            for (uint32_t k = c->t.sents[s].tb; k < c->t.sents[s].te && !armed; k++)
                armed = TOK_IN(c, k, "guard", "guards", "escort", "escorts", "escorting", "soldiers", "officers",
                                     "policemen", "troops", "peacekeepers");
        }
        if (armed)
            continue;
        if (!*x->assoc2)
            scopy(x->assoc2, sizeof x->assoc2, x->actor2);
        x->actor2[0] = 0;
        if (*x->country)
            cat3(x->actor2, sizeof x->actor2, "Civilians (", x->country, ")");
        x->ev.inter2 = 7;
        x->role2 = 'c';
        x->sub_event_type = "Attack";
        x->event_type = event_type_of(x->sub_event_type);
    }
}

/* The paragraph around sentence s (up to two sentences on) says the victim
 * belonged to the criminal world: "had charges against him for drug
 * trafficking", "was a known drug dealer" (a criminal record or a motive
 * linked to drugs is not enough: ACLED codes those both ways). */
static int criminal_victim(const coder *c, uint32_t s)
{
    if (!TOK_ANY(c, "charges", "drug"))
        return 0;
    for (uint32_t s2 = s; s2 <= s + 2 && s2 < c->t.nsents; s2++) {
        if (c->para && c->para[s2] != c->para[s])
            break;
        for (uint32_t k = c->t.sents[s2].tb; k + 1 < c->t.sents[s2].te; k++) {
            if (tok_is(c, k, "charges") && tok_is(c, k + 1, "against"))
                return 1;
            if (tok_is(c, k, "drug") && TOK_IN(c, k + 1, "dealer", "trafficker") && k > 0 &&
                TOK_IN(c, k - 1, "a", "known", "suspected", "alleged"))
                return 1; /* (not "linked to drug dealing": a motive, not who the victim was) */
        }
    }
    return 0;
}

/* "A man was shot dead by two armed men. The victim had charges against
 * him for drug trafficking.": a shooting victim known to belong to the
 * criminal world was an armed actor, so ACLED codes a fight between gangs
 * (an armed clash with an unidentified gang) rather than an attack on a
 * civilian. */
static void gang_victims(coder *c)
{
    for (size_t j = 0; j < c->ncands; j++) {
        cand *x = &c->cands[j];
        if (x->merged || !STREQ(x->sub_event_type, "Attack") || x->ev.inter2 != 7 || x->ev.inter1 == 1 ||
            !*x->country || !criminal_victim(c, x->sent))
            continue;
        cat3(x->actor2, sizeof x->actor2, "Unidentified Gang (", x->country, ")");
        x->ev.inter2 = 3;
        x->role2 = 'a';
        x->sub_event_type = "Armed clash";
        x->event_type = event_type_of(x->sub_event_type);
        if (!x->ev.inter1) {
            cat3(x->actor1, sizeof x->actor1, "Unidentified Armed Group (", x->country, ")");
            x->ev.inter1 = 3;
        }
    }
}

/* "NASA supporters clashed with the police. The police fired teargas and
 * the demonstrators threw rocks.": a crowd fighting the state's forces
 * while the paragraph tells of their demonstration riots in a violent
 * demonstration, not mob violence. */
static void protesting_mob(coder *c)
{
    for (size_t j = 0; j < c->ncands; j++) {
        cand *x = &c->cands[j];
        if (x->merged || !STREQ(x->sub_event_type, "Mob violence") || x->ev.inter1 != 5 || x->ev.inter2 != 1)
            continue;
        int demo = 0, mob = 0;
        if (TOK_ANY(c, "mob", "mobs", "lynched", "lynch", "vigilante", "vigilantes"))
            for (uint32_t k = c->t.sents[x->sent].tb; k < c->t.sents[x->sent].te && !mob; k++)
                mob = TOK_IN(c, k, "mob", "mobs", "lynched", "lynch", "vigilante", "vigilantes");
        for (uint32_t s = x->sent, s_end = para_window(c, x->sent, 2); s < s_end && !demo && !mob; s++) {
            for (uint32_t k = c->t.sents[s].tb; k < c->t.sents[s].te && !demo; k++) {
                demo = TOK_IN(c, k, "demonstrators", "protesters", "protestors", "demonstration",
                                    "demonstrations", "protest", "protests", "protesting",
                                    "demonstrating", "demonstrated", "protested") ||
                       (TOK_IN(c, k, "riot", "riots", "rioting", "rioted") && /* ("riots broke out …; rioters clashed with police") */
                        !(k + 1 < c->t.ntoks && TOK_IN(c, k + 1, "police", "squad", "gear", "control", "unit", "units")));
                /* (not a protest named as the background: "amid the violence following demonstrations") */
                for (uint32_t w = k > c->t.sents[s].tb + 4 ? k - 4 : c->t.sents[s].tb; w < k && demo; w++)
                    if (TOK_IN(c, w, "amid", "amidst", "following", "after", "since"))
                        demo = 0;
            }
        }
        if (demo) {
            x->sub_event_type = "Violent demonstration";
            x->event_type = event_type_of(x->sub_event_type);
        }
    }
}

/* Do sentences s.. of the paragraph (up to two on) call the crowd rioters:
 * "police dispersed rioters", "battles between officers and rioters",
 * "rioting traders", "a riot broke out"? Not rioters named as the authors
 * of what a protest is against ("the burning of a truck by rioters"), nor
 * anti-riot police. */
static int called_rioters(const coder *c, uint32_t s0)
{
    if (!TOK_ANY(c, "rioters", "rioting", "rioted", "riot", "riots"))
        return 0;
    for (uint32_t s = s0, s_end = para_window(c, s0, 2); s < s_end; s++) {
        uint32_t tb = c->t.sents[s].tb, te = c->t.sents[s].te;
        for (uint32_t k = tb; k < te; k++) {
            if (!TOK_IN(c, k, "rioters", "rioting", "rioted", "riot", "riots"))
                continue; /* (most tokens: one test) */
            int riot = TOK_IN(c, k, "rioters", "rioting", "rioted");
            if (!riot && k + 1 < te && TOK_IN(c, k, "riot", "riots"))
                riot = TOK_IN(c, k + 1, "broke", "breaks", "erupted", "erupts");
            if (!riot || (k > tb && TOK_IN(c, k - 1, "by", "anti", "anti-", "against")) ||
                (k + 1 < te && TOK_IN(c, k + 1, "police", "squad", "gear", "control", "unit", "units")))
                continue;
            return 1;
        }
    }
    return 0;
}

/* "Supporters protested the results. Police intervened and battled the
 * rioters.": a demonstration the report itself calls a riot (its crowd
 * "rioters", "a riot broke out") is a violent demonstration, whatever act
 * is told; the riot or fight told with it in those sentences is the same
 * event. */
static void rioting_protest(coder *c)
{
    for (size_t i = 0; i < c->ncands; i++) {
        cand *p = &c->cands[i];
        if (p->merged || p->sent >= c->t.nsents ||
            !(STREQ(p->sub_event_type, "Peaceful protest") || STREQ(p->sub_event_type, "Protest with intervention")) ||
            !called_rioters(c, p->sent))
            continue;
        p->sub_event_type = "Violent demonstration";
        p->event_type = event_type_of(p->sub_event_type);
        p->actor1[0] = 0;
        if (*p->country)
            cat3(p->actor1, sizeof p->actor1, "Rioters (", p->country, ")");
        p->ev.inter1 = 5;
        for (size_t j = i + 1; j < c->ncands; j++) {
            cand *q = &c->cands[j];
            if (q->sent > p->sent + 2 || q->para != p->para)
                break;
            if (q->merged || (q->has_date && p->has_date && strcmp(q->ev.event_date, p->ev.event_date)) ||
                !(STREQ(q->event_type, "Riots") || STREQ(q->event_type, "Protests") ||
                  q->ev.inter1 == 5 || q->ev.inter2 == 5))
                continue;
            const char *st = q->ev.inter1 == 1 ? q->actor1 : q->ev.inter2 == 1 ? q->actor2 : "";
            if (*st && !*p->actor2) {
                scopy(p->actor2, sizeof p->actor2, st);
                p->ev.inter2 = 1;
            }
            absorb(p, q);
        }
    }
}

/* "Traders stormed the county offices demanding compensation": crowds that
 * storm an office, a court or an embassy to demand or protest something,
 * with no other violent act, wound or death told in the sentence or the
 * next two of the paragraph, march in: ACLED codes a peaceful protest
 * (Kenya's notes; the other files have no such wording). */
static void storming_protest(coder *c)
{
    for (size_t i = 0; i < c->ncands; i++) {
        cand *p = &c->cands[i];
        if (p->merged || !STREQ(p->sub_event_type, "Violent demonstration") || p->sent >= c->t.nsents)
            continue;
        uint32_t tb = c->t.sents[p->sent].tb, te = c->t.sents[p->sent].te;
        int storm = 0, purpose = 0, other = 0;
        if (TOK_ANY(c, "stormed", "storming", "storm", "storms"))
            for (uint32_t k = tb; k < te && !storm; k++)
                storm = TOK_IN(c, k, "stormed", "storming", "storm", "storms");
        for (uint32_t k = tb; k < te && storm && !purpose; k++) /* (only where a crowd stormed) */
            purpose = TOK_IN(c, k, "demanding", "demand", "demanded", "demands", "protesting", "protest",
                             "protested", "protests");
        if (!storm || !purpose)
            continue;
        for (uint32_t s = p->sent, s_end = para_window(c, p->sent, 2); s < s_end && !other; s++) {
            for (uint32_t k = c->t.sents[s].tb; k < c->t.sents[s].te && !other; k++) {
                if (s > p->sent && (has_cue(c, k, CUE_WOUND) || has_cue(c, k, CUE_KILL)))
                    other = 1; /* ("Two officers were injured during the protests") */
                if (!c->ti[k].trig || TOK_IN(c, k, "stormed", "storming", "storm", "storms"))
                    continue;
                const mention *m = &c->men[c->ti[k].trig - 1];
                int cls = c->lx->triggers[m->row].cid;
                other = m->tb == k && cls != TC_PROTEST;
            }
        }
        if (other)
            continue;
        p->sub_event_type = p->ev.inter2 == 1 ? "Protest with intervention" : "Peaceful protest";
        p->event_type = event_type_of(p->sub_event_type);
        p->actor1[0] = 0;
        if (*p->country)
            cat3(p->actor1, sizeof p->actor1, "Protesters (", p->country, ")");
        p->ev.inter1 = 6;
        if (p->ev.inter2 != 1) {
            p->actor2[0] = 0;
            p->ev.inter2 = 0;
            p->ev.ev_actor2 = (sr_span){-1, -1};
        }
    }
}

/* "CORD protesters from Mathare threw stones at vehicles": a mob whose own
 * sentence calls its people protesters or demonstrators (or says they
 * protested) riots in a violent demonstration, whoever it hit. */
static void protesters_riot(coder *c)
{
    for (size_t j = 0; j < c->ncands; j++) {
        cand *x = &c->cands[j];
        if (x->merged || !STREQ(x->sub_event_type, "Mob violence") || x->ev.inter1 != 5 || x->ev.inter2 == 5 ||
            x->sent >= c->t.nsents)
            continue;
        int demo = 0;
        if (TOK_ANY(c, "protesters", "protestors", "demonstrators", "protested", "demonstrated"))
            for (uint32_t k = c->t.sents[x->sent].tb; k < c->t.sents[x->sent].te && !demo; k++)
                demo = TOK_IN(c, k, "protesters", "protestors", "demonstrators", "protested", "demonstrated") &&
                       !(k > c->t.sents[x->sent].tb && TOK_IN(c, k - 1, "the", "by", "against", "on", "at")); /* (not the victims) */
        if (demo) {
            x->sub_event_type = "Violent demonstration";
            x->event_type = event_type_of(x->sub_event_type);
        }
    }
}

/* "Parents forced their way into a school and broke windows. They
 * protested over exam results.", "Youths torched a lorry. The act, residents
 * said, was a protest over arrests.": a mob's act whose next sentence in the
 * paragraph says the same crowd protested (its subject the crowd, a
 * pronoun or the act itself; no "after", "before", "when" first: "The
 * beating came a day after a group marched" tells of another crowd) was a
 * demonstration turned violent; the protest told there is the same event. */
static void protest_told_after(coder *c)
{
    if (!TOK_ANY(c, "protested", "demonstrated", "protest", "demonstration"))
        return;
    for (size_t j = 0; j < c->ncands; j++) {
        cand *x = &c->cands[j];
        if (x->merged || !STREQ(x->sub_event_type, "Mob violence") || x->ev.inter1 != 5 || x->ev.inter2 == 5 ||
            x->sent + 1 >= c->t.nsents || para_window(c, x->sent, 1) <= x->sent + 1)
            continue;
        uint32_t s = x->sent + 1, tb = c->t.sents[s].tb, te = c->t.sents[s].te, k = tb;
        if (k + 1 < te && tok_is(c, k, "the"))
            k++;
        if (!(TOK_IN(c, k, "they", "rioters", "crowd", "mob", "youths", "youth", "students", "residents", "traders",
                     "group", "villagers") ||
              (k > tb && TOK_IN(c, k, "action", "act", "attack", "violence", "incident"))))
            continue;
        int demo = 0;
        for (uint32_t q = k + 1; q < te && q < k + 9 && !demo; q++) {
            if (TOK_IN(c, q, "after", "following", "before", "when", "who", "which", "that", "since", "against"))
                break;
            demo = TOK_IN(c, q, "protested", "demonstrated") ||
                   (TOK_IN(c, q, "protest", "demonstration") && q > k + 1 && TOK_IN(c, q - 1, "a") &&
                    TOK_IN(c, q - 2, "be", "was", "is", "as"));
        }
        if (!demo)
            continue;
        x->sub_event_type = "Violent demonstration";
        x->event_type = event_type_of(x->sub_event_type);
        for (size_t i = j + 1; i < c->ncands; i++) {
            cand *y = &c->cands[i];
            if (y->sent > s)
                break;
            if (y->sent == s && !y->merged && !(y->has_date && x->has_date && strcmp(y->ev.event_date, x->ev.event_date)) &&
                (STREQ(y->event_type, "Protests") || STREQ(y->event_type, "Riots")))
                absorb(x, y);
        }
    }
}

/* "Police used tear gas to disperse supporters who threw stones": a riot
 * act whose clause made the police its author (they are the main verb's
 * subject; the stone-throwers sit in a relative clause) while the sentence
 * tells of police dispersing a crowd is the crowd's violent demonstration,
 * the police its second side. */
static void dispersed_rioters(coder *c)
{
    for (size_t j = 0; j < c->ncands; j++) {
        cand *x = &c->cands[j];
        if (x->merged || !x->cls || x->cls != TC_RIOT || x->ev.inter1 != 1 ||
            STREQ(x->event_type, "Riots") || STREQ(x->sub_event_type, "Attack") || x->sent >= c->t.nsents ||
            !sent_has_cue(c, x->sent, CUE_INTERVENE))
            continue; /* (not "police set fire to a village" in a crackdown, an attack on its people) */
        scopy(x->actor2, sizeof x->actor2, x->actor1);
        x->ev.inter2 = 1;
        x->ev.ev_actor2 = x->ev.ev_actor1;
        x->role2 = 's';
        x->actor1[0] = 0;
        if (*x->country)
            cat3(x->actor1, sizeof x->actor1, "Rioters (", x->country, ")");
        x->ev.inter1 = 5;
        x->ev.ev_actor1 = (sr_span){-1, -1};
        x->sub_event_type = "Violent demonstration";
        x->event_type = event_type_of(x->sub_event_type);
    }
}

/* "Villagers accidentally stepped on a landmine in an area of fighting in
 * the 1980s.": a mine stepped on by chance, or unexploded ordnance, is an
 * explosive remnant of war, which ACLED codes as Other (decided once the
 * explosion's toll told in the next sentences is merged into it). */
static void remnants_of_war(coder *c)
{
    for (size_t j = 0; j < c->ncands; j++) {
        cand *x = &c->cands[j];
        if (x->merged || !STREQ(x->sub_event_type, "Remote explosive/landmine/IED") || x->sent >= c->t.nsents)
            continue;
        for (uint32_t k = c->t.sents[x->sent].tb; k < c->t.sents[x->sent].te; k++)
            if (TOK_IN(c, k, "accidentally", "unexploded", "remnants", "remnant")) {
                x->sub_event_type = "Other";
                x->event_type = event_type_of(x->sub_event_type);
                break;
            }
    }
}

/* "A young boy was killed during clashes between two clans", "Three people
 * died after herders from two communities clashed over land": a killing
 * with no author told, whose clause says it happened in a fight (a fight
 * word within six words after "during", "in", "after", "following", "as"
 * or "amid"), is a death in that armed clash, not an attack on civilians.
 * Victims called civilians stay an attack ("civilians were killed during
 * the clashes"), and so do bare labels with no such preposition ("Clan
 * fighting leaves 4 dead"). The clash told in the same sentence, if any,
 * gives the sides. */
static void fight_deaths(coder *c, size_t j)
{
    cand *x = &c->cands[j];
    if (x->merged || !x->cls || x->cls != TC_KILL || !STREQ(x->sub_event_type, "Attack") ||
        x->ev.ev_actor1.start >= 0 || (x->ev.inter1 && x->ev.inter1 != 3) || x->sent >= c->t.nsents)
        return;
    uint32_t tb = c->t.sents[x->sent].tb, te = c->t.sents[x->sent].te;
    int fight = 0, civ = 0;
    for (uint32_t k = tb; k < te && !civ; k++) {
        if (!TOK_IN(c, k, "civilians", "civilian", "during", "in", "after", "following", "as", "amid", "amidst"))
            continue; /* (one word-set test for most tokens) */
        civ = TOK_IN(c, k, "civilians", "civilian");
        if (fight || !TOK_IN(c, k, "during", "in", "after", "following", "as", "amid", "amidst"))
            continue;
        for (uint32_t i = k + 1; i < te && i <= k + 6 && !fight; i++)
            fight = TOK_IN(c, i, "clash", "clashes", "clashed", "fighting", "fights", "fought", "battle",
                           "battles", "conflict", "feud") ||
                    /* "killed in violence between the Kalenjin and the Maasai" */
                    (TOK_IN(c, i, "violence", "attack", "tensions", "war") && i + 1 < te &&
                     TOK_IN(c, i + 1, "between"));
    }
    if (!fight || civ)
        return;
    x->sub_event_type = "Armed clash";
    x->event_type = event_type_of(x->sub_event_type);
    if (x->ev.inter2 == 7) { /* (the dead were people of the sides, not their victims) */
        scopy(x->actor2, sizeof x->actor2, x->actor1);
        x->ev.inter2 = x->ev.inter1;
        x->ev.ev_actor2 = (sr_span){-1, -1};
        x->role2 = 'a';
    }
    for (size_t k = j + 1; k < c->ncands; k++) {
        cand *y = &c->cands[k];
        if (y->sent != x->sent)
            break;
        if (y->merged || !STREQ(y->sub_event_type, "Armed clash") || !*y->actor1 || !*y->actor2 ||
            y->ev.inter2 == 7)
            continue;
        scopy(x->actor1, sizeof x->actor1, y->actor1);
        scopy(x->actor2, sizeof x->actor2, y->actor2);
        x->ev.inter1 = y->ev.inter1;
        x->ev.inter2 = y->ev.inter2;
        x->ev.ev_actor1 = y->ev.ev_actor1;
        x->ev.ev_actor2 = y->ev.ev_actor2;
        absorb(x, y);
        break;
    }
}

/* "An Administration Police officer shot dead two of his colleagues": a
 * member of a state force who attacks colleagues, a fellow officer or his
 * boss attacks that force, not civilians; ACLED codes it as an armed clash
 * with the force on both sides. */
static void colleague_shot(coder *c, size_t j)
{
    cand *x = &c->cands[j];
    if (x->merged || x->ev.inter1 != 1 || !STREQ(x->sub_event_type, "Attack") || x->sent >= c->t.nsents)
        return;
    int own = 0;
    uint32_t tb = c->t.sents[x->sent].tb, te = c->t.sents[x->sent].te;
    for (uint32_t k = tb; k + 1 < te && !own; k++) {
        if (!TOK_IN(c, k, "colleague", "colleagues", "fellow", "his", "her"))
            continue; /* (one word-set test for most tokens) */
        if (TOK_IN(c, k, "colleague", "colleagues"))
            own = !(k >= tb + 3 && TOK_IN(c, k - 2, "of") && /* (not "to revenge the killing of a colleague") */
                    TOK_IN(c, k - 3, "killing", "death", "murder", "shooting", "arrest"));
        else if (TOK_IN(c, k, "fellow"))
            own = TOK_IN(c, k + 1, "officer", "officers", "policeman", "policemen", "soldier", "soldiers",
                         "constable", "constables");
        else
            own = TOK_IN(c, k + 1, "boss", "superior", "commander");
    }
    if (!own)
        return;
    scopy(x->actor2, sizeof x->actor2, x->actor1);
    x->ev.inter2 = 1;
    x->ev.ev_actor2 = x->ev.ev_actor1;
    x->role2 = 's';
    x->sub_event_type = "Armed clash";
    x->event_type = event_type_of(x->sub_event_type);
}

/* "Herders attacked the lodge. They exchanged gunfire with the security
 * forces", "Cattle rustlers attacked the village. A police reservist and a
 * suspected robber were killed in the shootout": an attack by an armed group
 * followed, in its sentence or the next two of the paragraph, by an exchange
 * of fire (a shootout, gunfight, gun battle, "exchanged fire") that names no
 * other group met armed resistance: one armed clash, the state force in the
 * exchange (if any) its second side. A fight between other named sides is
 * background ("related to clashes between the Garre and Degodia clans"). */
static void raid_shootout(coder *c, size_t j)
{
    cand *x = &c->cands[j];
    if (x->merged || !STREQ(x->sub_event_type, "Attack") || x->ev.inter1 < 2 || x->ev.inter1 > 4 ||
        (x->ev.inter2 && x->ev.inter2 != 7))
        return;
    for (size_t k = j + 1; k < c->ncands; k++) {
        cand *y = &c->cands[k];
        if (y->sent > x->sent + 2 || y->para != x->para)
            break;
        if (y->merged || !STREQ(y->sub_event_type, "Armed clash") || y->sent >= c->t.nsents ||
            (y->has_date && x->has_date && strcmp(y->ev.event_date, x->ev.event_date)))
            continue;
        int named = 0; /* a side that is neither the attackers, a state force nor unknown */
        for (int s = 0; s < 2; s++) {
            const char *a = s ? y->actor2 : y->actor1;
            int in = s ? y->ev.inter2 : y->ev.inter1;
            named |= *a && in != 1 && !generic_armed(a) && strcmp(a, x->actor1);
        }
        if (named)
            break;
        int fire = 0;
        for (uint32_t i = c->t.sents[y->sent].tb; i < c->t.sents[y->sent].te && !fire; i++)
            fire = TOK_IN(c, i, "shootout", "shoot-out", "gunfight", "gunbattle", "firefight") ||
                   (TOK_IN(c, i, "exchanged", "exchange", "exchanging") && i + 1 < c->t.sents[y->sent].te &&
                    TOK_IN(c, i + 1, "fire", "gunfire", "shots")) ||
                   (TOK_IN(c, i, "gun", "hour", "hours") && i + 1 < c->t.sents[y->sent].te &&
                    TOK_IN(c, i + 1, "battle"));
        if (!fire)
            continue;
        const char *st = y->ev.inter1 == 1 ? y->actor1 : y->ev.inter2 == 1 ? y->actor2 : NULL;
        if (st && *st) {
            scopy(x->actor2, sizeof x->actor2, st);
            x->ev.inter2 = 1;
            x->ev.ev_actor2 = y->ev.inter1 == 1 ? y->ev.ev_actor1 : y->ev.ev_actor2;
            x->role2 = 's';
        }
        x->sub_event_type = "Armed clash";
        x->event_type = event_type_of(x->sub_event_type);
        absorb(x, y);
        break;
    }
}

/* "Three policemen were killed in IED explosions", "twin explosions
 * targeting police officers": "explosions" is a shelling word for the
 * monitors' counts ("the SMM recorded 40 explosions"), but a sentence that
 * names no bombardment (no shell, artillery, mortar, rocket, missile, burst,
 * nor explosions recorded or heard) tells of bombs going off: a remote
 * explosive. (Only a candidate whose trigger is that word is read.) */
static void bomb_explosions(coder *c, size_t j)
{
    cand *x = &c->cands[j];
    if (x->merged || !x->cls || x->cls != TC_SHELL || x->sent >= c->t.nsents ||
        !STREQ(x->sub_event_type, "Shelling/artillery/missile attack"))
        return;
    int32_t ts = x->ev.ev_trigger.start; /* (the bare word "explosions" read as the shelling) */
    if (ts < 0 || x->ev.ev_trigger.end - ts != 10 || (size_t)ts + 10 > c->t.orig_len ||
        strncasecmp(c->t.orig + ts, "explosions", 10))
        return;
    uint32_t tb = c->t.sents[x->sent].tb, te = c->t.sents[x->sent].te;
    int shelling = 0;
    for (uint32_t k = tb; k < te && !shelling; k++) {
        shelling = TOK_IN(c, k, "shell", "shells", "shelling", "shelled", "artillery", "mortar", "mortars", "rocket",
                          "rockets", "missile", "missiles", "recorded", "heard", "smm", "undetermined", "burst",
                          "bursts", "tank", "tanks", "grad", "mlrs", "projectile", "projectiles", "howitzer",
                          "howitzers", "cannon", "explosions/bursts");
    }
    if (shelling)
        return;
    x->sub_event_type = "Remote explosive/landmine/IED";
    x->event_type = event_type_of(x->sub_event_type);
}

/* "Soldiers clashed with militants trying to plant an explosive device",
 * "police opened fire on men planting an IED", "police exchanged fire with
 * militants after nearly hitting an IED": a bomb still being planted, or
 * one told after "after" behind an exchange of fire, is the setting of the
 * fight told before it in the sentence, not the event: an armed clash. (A
 * killing before "after" is the bomb's toll: "a soldier was killed after an
 * IED detonated".) */
static void bomb_setting(coder *c, size_t j)
{
    cand *x = &c->cands[j];
    if (x->merged || x->sent >= c->t.nsents ||
        !(STREQ(x->sub_event_type, "Remote explosive/landmine/IED") || STREQ(x->sub_event_type, "Grenade")))
        return;
    uint32_t tb = c->t.sents[x->sent].tb, te = c->t.sents[x->sent].te, pe = te;
    int fight = 0, act = 0;
    for (uint32_t k = tb; k < te && pe == te; k++) {
        if (!c->ti[k].trig || c->men[c->ti[k].trig - 1].tb != k)
            continue;
        int cls = c->lx->triggers[c->men[c->ti[k].trig - 1].row].cid;
        if ((cls == TC_REMOTE) || (cls == TC_GRENADE))
            pe = k;
        else if (cls == TC_CLASH)
            fight = 1;
        else if ((cls == TC_ATTACK) || (cls == TC_KILL))
            act = 1;
    }
    if (pe == te || (!fight && !act))
        return;
    int planting = 0, after = 0;
    for (uint32_t k = pe > tb + 6 ? pe - 6 : tb; k < pe; k++) {
        planting |= k + 3 >= pe && TOK_IN(c, k, "plant", "planting", "place", "placing", "lay", "laying");
        after |= TOK_IN(c, k, "after");
    }
    if (!planting && !(after && fight))
        return;
    x->sub_event_type = "Armed clash";
    x->event_type = event_type_of(x->sub_event_type);
}

/* "The demonstration, which led to destruction of property, …", "Reports
 * of property destruction from the protesters.", "Several vehicles were
 * burnt during the protest.": a protest whose next two sentences of its
 * paragraph tell of property destroyed (the noun), or of an act of
 * destruction in the passive done "during the protest" or "by/from the
 * protesters", was a violent demonstration; the protest told again there is
 * the same one. (Its own sentence is read only when the protest there
 * follows "during/by/from the", "burnt during the protest": a protest
 * verb's clause was read by the clause coder already.) */
static __attribute__((noinline)) int protest_damage_at(const coder *c, uint32_t s)
{
    uint32_t tb = c->t.sents[s].tb, te = c->t.sents[s].te;
    int act = 0;
    for (uint32_t k = tb; k < te; k++) {
        if (!TOK_IN(c, k, "destruction", "property", "burnt", "burned", "torched", "looted", "vandalised",
                    "vandalized", "stolen", "damaged", "destroyed", "smashed", "during", "by", "from"))
            continue; /* (one word-set test for most tokens) */
        if (((TOK_IN(c, k, "destruction") && k + 2 < te && TOK_IN(c, k + 1, "of") && TOK_IN(c, k + 2, "property")) ||
             (TOK_IN(c, k, "property") && k + 1 < te && TOK_IN(c, k + 1, "destruction"))) &&
            !(k > tb && TOK_IN(c, k - 1, "against", "over", "protest", "protested", "protesting", "condemn", "condemning",
                               "denounce", "denouncing", "decry", "decrying")) &&
            !(k > tb + 1 && TOK_IN(c, k - 1, "the") && TOK_IN(c, k - 2, "against", "over", "protest", "protested",
                                                                "protesting", "condemn", "condemning")))
            return 1; /* (not the grievance: "protested against the destruction of property") */
        if (TOK_IN(c, k, "burnt", "burned", "torched", "looted", "vandalised", "vandalized", "stolen", "damaged",
                   "destroyed", "smashed"))
            act = 1;
        else if (act && k + 2 < te && TOK_IN(c, k, "during", "by", "from") && TOK_IN(c, k + 1, "the") &&
                 TOK_IN(c, k + 2, "protest", "protests", "demonstration", "demonstrations", "protesters",
                        "protestors", "demonstrators"))
            return 1;
    }
    return 0;
}

static void protest_damage(coder *c, size_t i)
{
    cand *p = &c->cands[i];
    if (p->merged || p->sent >= c->t.nsents ||
        !(STREQ(p->sub_event_type, "Peaceful protest") || STREQ(p->sub_event_type, "Protest with intervention")))
        return;
    int dmg = 0;
    if (p->ev.ev_trigger.start >= 0) { /* its own sentence: "… were burnt during the protest" */
        uint32_t lo = c->t.sents[p->sent].tb, hi = c->t.sents[p->sent].te;
        while (lo < hi) { /* the trigger's token */
            uint32_t mid = lo + (hi - lo) / 2;
            if ((int32_t)c->t.toks[mid].os < p->ev.ev_trigger.start)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo >= c->t.sents[p->sent].tb + 3 && TOK_IN(c, lo - 1, "the") && TOK_IN(c, lo - 2, "during", "by", "from"))
            dmg = protest_damage_at(c, p->sent);
    }
    for (uint32_t s = p->sent + 1, s_end = para_window(c, p->sent, 1); s < s_end && !dmg; s++) {
        dmg = protest_damage_at(c, s);
    }
    if (!dmg)
        return;
    p->sub_event_type = "Violent demonstration";
    p->event_type = event_type_of(p->sub_event_type);
    p->actor1[0] = 0;
    if (*p->country)
        cat3(p->actor1, sizeof p->actor1, "Rioters (", p->country, ")");
    p->ev.inter1 = 5;
    for (size_t j = i + 1; j < c->ncands; j++) {
        cand *q = &c->cands[j];
        if (q->sent > p->sent + 2 || q->para != p->para)
            break;
        if (!q->merged && STREQ(q->event_type, "Protests") &&
            !(q->has_date && p->has_date && strcmp(q->ev.event_date, p->ev.event_date)))
            absorb(p, q);
    }
}

/* "Relatives staged peaceful demonstrations protesting his brutal murder",
 * "Traders whose shops were demolished held a peaceful demonstration": a
 * demonstration its own sentence calls peaceful, with no word of it
 * turning ("but", "turned", "descended", "until", "later"), was peaceful;
 * the violence read there is its grievance. */
static void peaceful_said(coder *c, size_t i)
{
    cand *p = &c->cands[i];
    if (p->merged || p->sent >= c->t.nsents || !STREQ(p->sub_event_type, "Violent demonstration"))
        return;
    uint32_t tb = c->t.sents[p->sent].tb, te = c->t.sents[p->sent].te;
    int said = 0, turn = 0;
    if (!TOK_ANY(c, "peaceful", "peacefully", "but", "turned", "turn", "turns", "descended", "degenerated", "until",
                 "later", "became", "however", "largely"))
        return; /* (nothing said either way) */
    for (uint32_t k = tb; k < te && !turn; k++) {
        if (!TOK_IN(c, k, "peaceful", "peacefully", "but", "turned", "turn", "turns", "descended", "degenerated",
                    "until", "later", "became", "however", "largely"))
            continue; /* (one word-set test for most tokens) */
        said |= (TOK_IN(c, k, "peaceful") && k + 1 < te &&
                 TOK_IN(c, k + 1, "demonstration", "demonstrations", "protest", "protests", "march", "marches",
                        "rally", "rallies", "procession", "processions", "demo", "demos", "sit-in")) ||
                TOK_IN(c, k, "peacefully");
        turn = TOK_IN(c, k, "but", "turned", "turn", "turns", "descended", "degenerated", "until", "later",
                      "became", "however", "largely");
    }
    if (!said || turn)
        return;
    p->sub_event_type = p->ev.inter2 == 1 ? "Protest with intervention" : "Peaceful protest";
    p->event_type = event_type_of(p->sub_event_type);
    p->actor1[0] = 0;
    if (*p->country)
        cat3(p->actor1, sizeof p->actor1, "Protesters (", p->country, ")");
    p->ev.inter1 = 6;
    if (p->ev.inter2 != 1) {
        p->actor2[0] = 0;
        p->ev.inter2 = 0;
        p->ev.ev_actor2 = (sr_span){-1, -1};
    }
}

/* "Police fired tear gas into a nursery school, injuring three children",
 * "forces fired tear gas canisters at farmers in their fields": tear gas
 * fired where neither its sentence nor the two before or after it in the
 * paragraph tell of a crowd, protest, rally, dispersal or intervention is
 * an attack by the force on the people hit, not an intervention in a
 * protest. */
static void teargas_no_crowd(coder *c, size_t j)
{
    cand *x = &c->cands[j];
    if (x->merged || x->ev.inter2 != 1 || !*x->actor2 || x->sent >= c->t.nsents ||
        !STREQ(x->sub_event_type, "Protest with intervention"))
        return;
    int gas = 0, crowd = 0;
    for (uint32_t s = x->sent > 2 ? x->sent - 2 : 0; s <= x->sent + 2 && s < c->t.nsents && !crowd; s++) {
        if (c->para && c->para[s] != c->para[x->sent])
            continue; /* (the paragraph's sentences around it) */
        for (uint32_t k = c->t.sents[s].tb; k < c->t.sents[s].te && !crowd; k++) {
            if (!TOK_IN(c, k, "tear", "teargas", "tear-gas", "tear-gassed", "teargassed", "disperse",
                        "dispersed", "dispersing", "disperses", "protest", "protests", "protested", "protesting",
                        "protesters", "protestors", "demonstration", "demonstrations", "demonstrators",
                        "demonstrated", "demonstrating", "crowd", "crowds", "rioters", "riot", "riots", "mob",
                        "march", "marched", "marchers", "rally", "rallies", "supporters", "gathered",
                        "gathering", "strike", "striking", "blocked", "clashes", "clashed", "youths", "students",
                        "worshippers", "legislators", "workers", "residents", "traders", "people", "intervened",
                        "intervene", "intervening"))
                continue; /* (one word-set test for most tokens) */
            if (s == x->sent && TOK_IN(c, k, "tear", "teargas", "tear-gas"))
                gas = 1;
            else
                crowd = 1;
        }
    }
    if (!gas || crowd)
        return;
    scopy(x->actor1, sizeof x->actor1, x->actor2);
    x->ev.inter1 = 1;
    x->ev.ev_actor1 = x->ev.ev_actor2;
    attack_on_civilians(x);
}

/* "Raiders kill civilians in revenge attacks, four days of clashes",
 * "Ethnic clashes leave civilians dead", "gunmen attack and kill two
 * civilians in an ethnic clash": a fight with no state force on either
 * side whose sentence has civilians as the object of its killing or attack
 * ("kill/attack/leave … civilians") is an attack on them; civilians caught
 * in a fight ("in which two civilians were killed", "in the crossfire",
 * sides that retaliated) stay the fight's toll. */
static void civilians_targeted(coder *c, size_t j)
{
    cand *x = &c->cands[j];
    if (x->merged || x->ev.inter1 == 1 || x->ev.inter2 == 1 || x->sent >= c->t.nsents ||
        !STREQ(x->sub_event_type, "Armed clash"))
        return;
    uint32_t tb = c->t.sents[x->sent].tb, te = c->t.sents[x->sent].te;
    int target = 0, caught = 0;
    for (uint32_t k = tb; k < te && !caught; k++) {
        if (!TOK_IN(c, k, "civilians", "civilian", "crossfire", "cross-fire", "collateral", "caught",
                    "retaliated", "retaliation", "which", "police", "soldiers", "military", "army", "forces"))
            continue; /* (one word-set test for most tokens) */
        if (!TOK_IN(c, k, "civilians", "civilian")) {
            caught = 1; /* (a fight with a state force or civilians caught in it) */
            break;
        }
        for (uint32_t i = k > tb + 4 ? k - 4 : tb; i < k && !target; i++) {
            const mention *m = c->ti[i].trig ? &c->men[c->ti[i].trig - 1] : NULL;
            target = (m && m->tb == i &&
                      ((c->lx->triggers[m->row].cid == TC_KILL) || (c->lx->triggers[m->row].cid == TC_ATTACK))) ||
                     TOK_IN(c, i, "leave", "leaves", "left");
        }
    }
    if (!target || caught)
        return;
    attack_on_civilians(x);
}

/* The fourteenth pass's rules, applied candidate by candidate in one walk
 * each (a walk per rule cost more than the rules): first the battles and
 * explosions, after fought_back; then the protests and the fights on
 * civilians, after storming_protest. Each rule reads only its own candidate
 * and the ones after it. */
/* "Pokot militia raided the village. Marakwet herders retaliated, leading
 * to an hour of heavy gunfire", "1 child killed by raiders. Samburu
 * retaliated.": an armed group's attack whose next sentences of the
 * paragraph tell that the side attacked retaliated or fought back (not
 * "retaliated by lynching", nor a state force's answer, which
 * `answered_fire` reads) met armed resistance: an armed clash, the people
 * who fought back a communal militia. */
static void raid_retaliated(coder *c, size_t j)
{
    cand *x = &c->cands[j];
    if (x->merged || !STREQ(x->sub_event_type, "Attack") || x->ev.inter1 < 2 || x->ev.inter1 > 4 ||
        (x->ev.inter2 && x->ev.inter2 != 7) || x->sent >= c->t.nsents)
        return;
    int back = 0;
    uint32_t s = x->sent + 1;
    for (uint32_t s_end = para_window(c, x->sent, 2); s < s_end && !back; s++) {
        uint32_t tb = c->t.sents[s].tb, te = c->t.sents[s].te;
        int state = 0;
        for (uint32_t k = tb; k < te && !state; k++) {
            if (!TOK_IN(c, k, "retaliated", "fought", "police", "policemen", "officers", "soldiers", "troops",
                        "forces", "military", "army", "public", "mob"))
                continue; /* (one word-set test for most tokens) */
            if (TOK_IN(c, k, "police", "policemen", "officers", "soldiers", "troops", "forces", "military", "army",
                       "public", "mob"))
                state = 1, back = 0;
            else if (TOK_IN(c, k, "retaliated") ? !(k + 1 < te && TOK_IN(c, k + 1, "by", "against"))
                                                : (k + 1 < te && TOK_IN(c, k + 1, "back")))
                back = 1;
        }
    }
    if (!back)
        return;
    x->sub_event_type = "Armed clash";
    x->event_type = event_type_of(x->sub_event_type);
    x->actor2[0] = 0;
    x->ev.inter2 = 4;
    x->ev.ev_actor2 = (sr_span){-1, -1};
    x->role2 = 'a';
    for (size_t k = j + 1; k < c->ncands; k++) { /* (the retaliation's own candidate is this fight) */
        cand *y = &c->cands[k];
        if (y->sent > s - 1)
            break;
        if (!y->merged && y->sent == s - 1 && !(y->has_date && x->has_date && strcmp(y->ev.event_date, x->ev.event_date)))
            absorb(x, y);
    }
}

/* "Two men were killed by boda boda operators", "a suspect was beaten to
 * death by residents", "assaulted by her neighbours": a crowd of civilians
 * (residents, villagers, neighbours, colleagues, students, traders…) named
 * as the agent of an attack are rioters in mob violence, not an unknown
 * armed group (civilians are never the authors, docs/news.md, and violent
 * civilians are rioters). Only the agent right after the trigger ("killed
 * [to death] by [the/his/angry …] residents") or the subject right before
 * an active verb with its object after it ("Residents corner and kill a
 * man"); youths, gangs and relatives are left as they are (Kenya codes youths who attack someone as an
 * attack). */
static void crowd_agent(coder *c, size_t j)
{
    cand *x = &c->cands[j];
    if (x->merged || !STREQ(x->sub_event_type, "Attack") || (x->ev.inter1 && x->ev.inter1 != 3) ||
        x->ev.ev_trigger.start < 0 || x->sent >= c->t.nsents)
        return;
    uint32_t lo = c->t.sents[x->sent].tb, hi = c->t.sents[x->sent].te, te = hi;
    while (lo < hi) { /* the first token after the trigger */
        uint32_t mid = lo + (hi - lo) / 2;
        if ((int32_t)c->t.toks[mid].os < x->ev.ev_trigger.end)
            lo = mid + 1;
        else
            hi = mid;
    }
    uint32_t k = lo;
    if (k + 1 < te && TOK_IN(c, k, "to") && TOK_IN(c, k + 1, "death"))
        k += 2;
    if (k >= te || !TOK_IN(c, k, "by")) {
        /* the subject of an active verb whose object comes after it: "Residents
         * corner and kill a man", "20 locals assaulted and injured two firemen" */
        uint32_t tb = c->t.sents[x->sent].tb, v = lo;
        while (v > tb && (int32_t)c->t.toks[v - 1].os >= x->ev.ev_trigger.start)
            v--; /* (the trigger's first token) */
        if (x->ev.ev_actor2.start < x->ev.ev_trigger.end || (lo < te && TOK_IN(c, lo, "on", "of", "against")))
            return; /* (not the noun: "and assault on students by …") */
        if (v >= tb + 3 && TOK_IN(c, v - 1, "and")) {
            if (c->t.toks[v - 2].kind != SR_TOK_WORD)
                return;
            v -= 2; /* ("corner and kill") */
        }
        if (v > tb && TOK_IN(c, v - 1, "residents", "villagers", "neighbours", "neighbors", "students", "locals",
                             "traders", "workers", "worshippers", "mourners"))
            k = v - 2; /* (the noun at k + 1 below) */
        else
            return;
    }
    for (uint32_t i = k + 1; i < te && i <= k + 4; i++) {
        if (TOK_IN(c, i, "residents", "villagers", "neighbours", "neighbors", "colleagues", "students", "locals",
                   "traders", "workers", "operators", "riders", "public", "crowd", "crowds", "mourners", "fans",
                   "tenants", "squatters", "worshippers", "passengers")) {
            x->sub_event_type = "Mob violence";
            x->event_type = event_type_of(x->sub_event_type);
            x->actor1[0] = 0;
            if (*x->country)
                cat3(x->actor1, sizeof x->actor1, "Rioters (", x->country, ")");
            x->ev.inter1 = 5;
            x->ev.ev_actor1 = (sr_span){-1, -1};
            return;
        }
        if (!TOK_IN(c, i, "the", "his", "her", "their", "angry", "irate", "enraged", "local", "fellow", "boda",
                    "bodaboda", "matatu", "a", "group", "of", "members"))
            return; /* (only determiners, a few adjectives and crowd compounds before the noun) */
    }
}

/* "Ethnic militias burn homes and attack civilians": a headline's second
 * present-tense verb "attack(s)" after "and", with people as its object, is
 * the attack the burning was part of: violence against them, not property
 * destruction ("torched houses and attacked villagers" is read so already;
 * the bare "attack" is a noun trigger that needs a target). */
static void loot_and_attack(coder *c, size_t j)
{
    cand *x = &c->cands[j];
    if (x->merged || !STREQ(x->sub_event_type, "Looting/property destruction") || x->sent >= c->t.nsents)
        return;
    uint32_t tb = c->t.sents[x->sent].tb, te = c->t.sents[x->sent].te;
    for (uint32_t k = tb + 1; k + 1 < te; k++) {
        if (!TOK_IN(c, k, "attack", "attacks") || !TOK_IN(c, k - 1, "and"))
            continue;
        uint32_t o = k + 1 < te && TOK_IN(c, k + 1, "the", "local") ? k + 2 : k + 1;
        if (o >= te || !TOK_IN(c, o, "civilians", "villagers", "residents", "people", "locals", "herders", "farmers",
                               "families", "travellers", "passengers"))
            continue;
        x->sub_event_type = "Attack";
        x->event_type = event_type_of(x->sub_event_type);
        if (!*x->actor2 && *x->country)
            cat3(x->actor2, sizeof x->actor2, "Civilians (", x->country, ")");
        if (!x->ev.inter2)
            x->ev.inter2 = 7;
        return;
    }
}

/* The token whose text ends at byte offset end, in sentence s (else ntoks). */
static uint32_t tok_ending_at(const coder *c, uint32_t s, int32_t end)
{
    uint32_t lo = c->t.sents[s].tb, hi = c->t.sents[s].te;
    while (lo < hi) { /* the first token ending at or after end */
        uint32_t mid = lo + (hi - lo) / 2;
        if ((int32_t)c->t.toks[mid].oe < end)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->t.sents[s].te && (int32_t)c->t.toks[lo].oe == end ? lo : c->t.ntoks;
}

/* "Police clash with rioters in Kibera", "Police fire on rioters", "Police
 * and an armed mob clashed": a fight between a state force and rioters
 * named as such (rioters, a mob, protesters, supporters) is a riot the
 * force met, not an armed clash: rioters are actor1, the force actor2; a
 * mob or supporters make mob violence, rioters or protesters a violent
 * demonstration. Not "two groups" read as rioters ("two groups of police
 * exchanged gunfire"). */
static void state_rioters(coder *c, size_t j)
{
    cand *x = &c->cands[j];
    if (x->ev.inter1 + x->ev.inter2 != 6 || (x->ev.inter1 != 1 && x->ev.inter2 != 1) ||
        !STREQ(x->sub_event_type, "Armed clash") || x->sent >= c->t.nsents)
        return;
    sr_span rs = x->ev.inter1 == 5 ? x->ev.ev_actor1 : x->ev.ev_actor2;
    if (rs.start < 0)
        return;
    uint32_t k = tok_ending_at(c, x->sent, rs.end);
    if (k >= c->t.ntoks || !TOK_IN(c, k, "rioters", "mob", "mobs", "supporters", "protesters", "protestors",
                                    "demonstrators"))
        return;
    if (x->ev.inter1 == 1) { /* (the rioters first) */
        char tmp[sizeof x->actor1];
        memcpy(tmp, x->actor1, sizeof tmp);
        memcpy(x->actor1, x->actor2, sizeof tmp);
        memcpy(x->actor2, tmp, sizeof tmp);
        memcpy(tmp, x->assoc1, sizeof tmp);
        memcpy(x->assoc1, x->assoc2, sizeof tmp);
        memcpy(x->assoc2, tmp, sizeof tmp);
        sr_span sp = x->ev.ev_actor1;
        x->ev.ev_actor1 = x->ev.ev_actor2;
        x->ev.ev_actor2 = sp;
        x->ev.inter1 = 5;
        x->ev.inter2 = 1;
        x->role2 = 's';
    }
    x->sub_event_type = TOK_IN(c, k, "mob", "mobs", "supporters") ? "Mob violence" : "Violent demonstration";
    x->event_type = event_type_of(x->sub_event_type);
}

/* "5 SLDF members shot dead as they tried to re-enter Kenya", "Suspected
 * Mungiki members killed after carjacking": a headline's past participle
 * with no auxiliary and no object after it is a passive, and the named
 * group's members before it are the dead, not the killers; killed by an
 * unnamed hand, they fell in an armed clash, as "Three Mungiki members were
 * killed" is read already. */
static void members_killed(coder *c, size_t j)
{
    cand *x = &c->cands[j];
    if (!STREQ(x->sub_event_type, "Attack") || x->ev.inter1 < 2 || x->ev.inter1 > 3 || !x->cls ||
        x->cls != TC_KILL || x->ev.ev_actor1.start < 0 || x->ev.ev_actor1.end > x->ev.ev_trigger.start ||
        x->sent >= c->t.nsents)
        return;
    uint32_t k = tok_ending_at(c, x->sent, x->ev.ev_actor1.end), te = c->t.sents[x->sent].te;
    if (k >= te)
        return;
    uint32_t k0 = ++k;
    for (; k < te && (int32_t)c->t.toks[k].os < x->ev.ev_trigger.start; k++)
        if (!TOK_IN(c, k, "member", "members", "suspect", "suspects", "militants"))
            return; /* (no auxiliary, object or other word between the group and the verb) */
    if ((k == k0 && !TOK_IN(c, k0 - 1, "member", "members", "suspect", "suspects", "militants")) ||
        k >= te || /* (the members named: not "Borana men killed in reprisal attacks") */
        (int32_t)c->t.toks[k].os != x->ev.ev_trigger.start || !(is_past_verb(c, k) || TOK_IN(c, k, "shot")))
        return;
    uint32_t n = tok_ending_at(c, x->sent, x->ev.ev_trigger.end);
    if (n >= te)
        return;
    n++;
    if (n < te && c->t.toks[n].kind != SR_TOK_PUNCT && !(c->ti[n].w & (W_IN | W_TGT | W_CONJ)) &&
        !TOK_IN(c, n, "as", "after", "during", "when", "following"))
        return; /* (an object or an agent follows: the active verb, or "killed by") */
    memcpy(x->actor2, x->actor1, sizeof x->actor2);
    memcpy(x->assoc2, x->assoc1, sizeof x->assoc2);
    x->ev.ev_actor2 = x->ev.ev_actor1;
    x->ev.inter2 = x->ev.inter1;
    x->role2 = 'a';
    x->actor1[0] = x->assoc1[0] = 0;
    if (*x->country)
        cat3(x->actor1, sizeof x->actor1, "Unidentified Armed Group (", x->country, ")");
    x->ev.inter1 = 3;
    x->ev.ev_actor1 = (sr_span){-1, -1};
    x->sub_event_type = "Armed clash";
    x->event_type = event_type_of(x->sub_event_type);
}

/* Makes event x an armed clash against a state force: force (the ACLED name,
 * or "" when the country is unknown) as its second side, told at span sp. */
static void clash_with_force(cand *x, const char *force, sr_span sp)
{
    scopy(x->actor2, sizeof x->actor2, force);
    x->assoc2[0] = 0;
    x->ev.inter2 = 1;
    x->ev.ev_actor2 = sp;
    x->role2 = 's';
    x->sub_event_type = "Armed clash";
    x->event_type = event_type_of(x->sub_event_type);
}

/* "Armed men attack Gamba police station", "youths armed with arrows attacked
 * Ruga police post", "armed group attacks Mandera police post": a police or
 * army post, station or camp that an attack verb takes as its object (a
 * place name may stand between) is a state force attacked, an armed clash,
 * even when the sentence's killing took the event ("Two killed when …").
 * Not the noun "an attack on a police post" told as a cause. */
static void post_attacked(coder *c, size_t j)
{
    cand *x = &c->cands[j];
    if (!STREQ(x->sub_event_type, "Attack") || x->ev.inter1 == 1 || x->ev.inter1 == 7 || x->sent >= c->t.nsents)
        return;
    if (!TOK_ANY(c, "police", "military", "army") ||
        !TOK_ANY(c, "attack", "attacks", "attacked", "raided", "stormed", "overran"))
        return;
    uint32_t tb = c->t.sents[x->sent].tb, te = c->t.sents[x->sent].te;
    for (uint32_t k = tb; k + 2 < te; k++) {
        if (!TOK_IN(c, k, "attack", "attacks", "attacked", "raided", "stormed", "overran"))
            continue; /* (one word-set test for most tokens) */
        if ((k > tb && TOK_IN(c, k - 1, "an", "the", "a", "their", "his")) || TOK_IN(c, k + 1, "on", "against"))
            continue; /* (the noun: "following an MRC attack on a police post") */
        for (uint32_t i = k + 1; i + 1 < te && i <= k + 3; i++) {
            if (!TOK_IN(c, i, "police", "military", "army"))
                continue;
            if (!TOK_IN(c, i + 1, "post", "station", "camp", "base", "barracks"))
                break;
            const sr__country *cc = *x->iso3 ? country_of_iso(c, x->iso3) : NULL;
            if (!cc)
                return;
            clash_with_force(x, TOK_IN(c, i, "police") ? cc->police : cc->military, span_of(c, i, i + 2));
            return;
        }
    }
}

/* "killed when a vigilante mob mistook him for a criminal", "injured by
 * rioters at the polling station", "beaten and set on fire by an irate
 * mob": an attack with no armed author named whose own sentence names a mob,
 * rioters or vigilantes is mob violence; the unknown armed group was only
 * the coder's guess at the author. */
static void mob_in_sentence(coder *c, size_t j)
{
    cand *x = &c->cands[j];
    if (!STREQ(x->sub_event_type, "Attack") || x->sent >= c->t.nsents ||
        !((x->ev.inter1 == 3 && (generic_armed(x->actor1) || !*x->actor1)) || (!x->ev.inter1 && !*x->actor1)))
        return;
    if (!TOK_ANY(c, "mob", "mobs", "rioters", "vigilante", "vigilantes"))
        return;
    uint32_t tb = c->t.sents[x->sent].tb, te = c->t.sents[x->sent].te;
    for (uint32_t k = tb; k < te; k++) {
        if (!TOK_IN(c, k, "mob", "mobs", "rioters", "vigilante", "vigilantes"))
            continue;
        if (k + 1 < te && TOK_IN(c, k + 1, "justice", "style", "-", "attack", "killing", "killings"))
            continue; /* ("mob justice", "a vigilante-style attack": a manner, not an author) */
        x->sub_event_type = "Mob violence";
        x->event_type = event_type_of(x->sub_event_type);
        x->actor1[0] = 0;
        if (*x->country)
            cat3(x->actor1, sizeof x->actor1, "Rioters (", x->country, ")");
        x->ev.inter1 = 5;
        x->ev.ev_actor1 = span_of(c, k, k + 1);
        return;
    }
}

/* The sixteenth pass's rules on one candidate: one test of the sub-event
 * (an attack or an armed clash) before any of them reads a token. */
/* Seventeenth pass, helper b: who is armed in an attack. */

/* "killing two herders and four police", "three policemen wounded when
 * militants attacked a convoy", "policemen guarding a bus were killed after
 * gunmen ambushed them": an armed group's attack whose own sentence tells of
 * police or soldiers killed or wounded in it struck a state force on duty,
 * and met it: an armed clash with that force (ACLED codes the casualties of
 * the force as a battle; the civilians with them ride along). Not a force
 * the coder read as a civilian victim already ("a former army officer"). */
static void force_toll(coder *c, size_t j)
{
    cand *x = &c->cands[j];
    if (x->ev.inter1 < 2 || x->ev.inter1 > 4 || (x->ev.inter2 && x->ev.inter2 != 7))
        return;
    const sr__lexicon *lx = c->lx;
    uint32_t tb = c->t.sents[x->sent].tb, te = c->t.sents[x->sent].te;
    /* the state forces named in the sentence: its mentions, not its tokens */
    for (size_t mi = men_from(c, tb); mi < c->nmen && c->men[mi].tb < te; mi++) {
        const mention *m = &c->men[mi];
        if (m->type != MT_AGENT)
            continue;
        const sr__agent *g = &lx->agents[m->row];
        if (g->role[0] != 's' || strcmp(g->role, "state") || strstr(g->key, "-site"))
            continue;
        if ((x->ev.ev_actor2.start >= 0 && (int32_t)c->t.toks[m->tb].os >= x->ev.ev_actor2.start &&
             (int32_t)c->t.toks[m->tb].os < x->ev.ev_actor2.end) ||
            (m->tb > tb && TOK_IN(c, m->tb - 1, "former", "retired", "off-duty")))
            continue; /* (the victim the coder read as a civilian already: "a former army officer") */
        uint32_t k = m->tb, f = m->te - 1; /* (f: the phrase's last word, "police officers") */
        int toll = 0;
        uint32_t i = f + 1;
        if (i < te && TOK_IN(c, i, "escorting", "guarding", "manning", "patrolling", "on")) /* (a duty told between) */
            for (uint32_t s = i + 1; s < te && s <= i + 6; s++)
                if (TOK_IN(c, s, "were", "was", "have", "has", "had", "are")) {
                    i = s;
                    break;
                }
        uint32_t i0 = i;
        while (i < te && i <= i0 + 3 &&
               (TOK_IN(c, i, "were", "was", "are", "is", "have", "has", "had", "been", "also", "shot") ||
                ends_with(c, i, "ly"))) /* ("seriously", "reportedly") */
            i++;
        toll = i < te && TOK_IN(c, i, "killed", "wounded", "injured", "dead", "died", "hurt");
        /* ("killing three civilians and five police": the force as an object) */
        for (uint32_t p = k > tb + 6 ? k - 6 : tb; p < k && !toll; p++)
            if (TOK_IN(c, p, "killing", "wounding", "injuring")) {
                toll = 1;
                for (uint32_t q = p + 1; q < k && toll; q++)
                    toll = !TOK_IN(c, q, "by", "as", "when", "after", "while", ";");
            }
        if (!toll)
            continue;
        const sr__country *cc = *x->iso3 ? country_of_iso(c, x->iso3) : NULL;
        /* (no country: the type still holds, the force unnamed) */
        clash_with_force(x, !cc ? "" : strstr(g->key, "police") ? cc->police : cc->military, span_of(c, k, f + 1));
        return;
    }
}

/* "police shot dead three suspected carjackers", "two pirates were shot dead
 * by security forces", "police shoot members of a terror group": a state
 * force's attack on men the report calls armed criminals or fighters
 * (robbers, carjackers, gangsters, bandits, raiders, pirates, gunmen,
 * militants) is a fight with an armed group, an armed clash (ACLED's
 * convention: the dead were armed), not violence against civilians. Not when
 * the sentence says the dead were unarmed or innocent, or mistaken for such
 * men. */
static void force_on_armed(coder *c, size_t j)
{
    cand *x = &c->cands[j];
    if ((x->ev.inter1 != 1 && x->ev.inter1 != 8) || x->ev.inter2 != 7 || *x->assoc2)
        return; /* (a state's forces, the country's or a foreign one's) */
    if (!TOK_ANY(c, "robbers", "carjackers", "gangsters", "bandits", "raiders", "pirates", "gunmen", "militants",
                    "rustlers", "thugs", "terror", "armed", "robber", "bandit", "raider", "militant"))
        return; /* (at most 16 words: a longer list is no test) */
    if (x->ev.ev_trigger.start < 0)
        return;
    uint32_t tb = c->t.sents[x->sent].tb, te = c->t.sents[x->sent].te;
    uint32_t t = tok_past(c, tb, (size_t)x->ev.ev_trigger.start, 1); /* (the act's first word) */
    int armed = 0;
    if (TOK_ANY(c, "unarmed", "innocent", "mistaken", "mistook", "mistakenly", "bystander", "bystanders"))
        for (uint32_t k = tb; k < te; k++)
            if (TOK_IN(c, k, "unarmed", "innocent", "mistaken", "mistook", "mistakenly", "bystander", "bystanders"))
                return;
    for (uint32_t k = t > tb + 8 ? t - 8 : tb; k < te && k <= t + 6 && !armed; k++) {
        if (!TOK_IN(c, k, "robbers", "carjackers", "gangsters", "bandits", "raiders", "pirates", "gunmen",
                                   "militants", "rustlers", "thugs", "terror", "robber", "bandit", "raider",
                                   "militant", "armed"))
            continue;
        if (TOK_IN(c, k, "terror", "armed") &&
            !(k + 1 < te && TOK_IN(c, k + 1, "group", "gang", "suspects", "men", "robbers", "criminals")))
            continue; /* ("a terror group", "an armed gang"; not "armed with a knife") */
        /* the men shot: the act's object close after it, with no clause,
         * purpose or author between ("shot dead three suspected carjackers",
         * not "deployed to flush out bandits", "killed by bandits"), or its
         * passive subject ("three pirates have been shot dead") */
        int ok = 0;
        if (k > t && k <= t + 6) {
            ok = 1;
            for (uint32_t q = t + 1; q < k && ok; q++)
                ok = !TOK_IN(c, q, "to", "who", "which", "that", ",", "after", "when", "while", "following", "by",
                                   "from", "deployed", "against", "and", "for");
        } else if (k + 1 == t) {
            ok = 1; /* (a headline's passive: "bandit shot by police reservist") */
        } else if (k < t && k + 8 >= t) {
            int aux = 0;
            for (uint32_t q = k + 1; q < t && !ok; q++) {
                aux |= TOK_IN(c, q, "were", "was", "have", "has", "had", "been", "are", "is");
                if (TOK_IN(c, q, ",", "who", "which", "that", "and"))
                    break;
                ok = aux && q + 1 == t;
            }
        }
        armed = ok;
    }
    if (!armed)
        return;
    x->actor2[0] = 0;
    if (*x->country)
        cat3(x->actor2, sizeof x->actor2, "Unidentified Armed Group (", x->country, ")");
    x->ev.inter2 = 3;
    x->role2 = 'a';
    x->sub_event_type = "Armed clash";
    x->event_type = event_type_of(x->sub_event_type);
}

/* "police kill three terror suspects in a shoot-out", "residents take up
 * arms to battle raiding fighters", "four raiders were killed by villagers
 * who fought back", "armed rival groups clash": a fight
 * read as a mob's whose sentence tells that a side bore arms (an armed
 * group, fighters, raiders, bandits, gunmen or militiamen; arms taken up; a
 * shootout or an exchange of fire with a state force) is an armed clash:
 * ACLED's rioters are unarmed. Not when the sentence names a mob, a
 * lynching, vigilantes, rioters or protesters ("vigilantes clashed with
 * cattle raiders"), nor party men's gunfights among themselves
 * (no state force: Bangladesh codes those mob violence). */
static void armed_fight(coder *c, size_t j)
{
    cand *x = &c->cands[j];
    int state = x->ev.inter1 == 1 || x->ev.inter2 == 1;
    if (x->cls != TC_CLASH) /* (a fight told as one: "clashed", "battle", "fought back") */
        return;
    if (!TOK_ANY(c, "armed", "arms", "fighters", "raiders", "bandits", "gunmen", "militiamen", "terror") &&
        !(state && TOK_ANY(c, "shootout", "gunfight", "exchanged", "exchange", "exchanging")))
        return;
    uint32_t tb = c->t.sents[x->sent].tb, te = c->t.sents[x->sent].te;
    int armed = 0;
    for (uint32_t k = tb; k < te; k++) {
        /* (one word set for every token; the words' own tests only on a hit) */
        if (!TOK_IN(c, k, "mob", "mobs", "lynched", "lynch", "lynching", "vigilante", "vigilantes", "rioters",
                          "protesters", "demonstrators", "fighters", "raiders", "bandits", "gunmen", "militiamen", "armed",
                          "arms", "terror", "shootout", "gunfight", "fire"))
            continue;
        if (TOK_IN(c, k, "mob", "mobs", "lynched", "lynch", "lynching", "vigilante", "vigilantes", "rioters",
                         "protesters", "demonstrators"))
            return;
        if (armed || (k > tb && TOK_IN(c, k - 1, "by")) || (k > tb + 1 && TOK_IN(c, k - 2, "by")))
            continue; /* ("angry over the killing of a trader by armed men": the authors of another act) */
        if (TOK_IN(c, k, "fighters", "raiders", "bandits", "gunmen", "militiamen"))
            armed = 1;
        else if (TOK_IN(c, k, "armed"))
            armed = k + 1 < te && TOK_IN(c, k + 1, "group", "groups", "rival", "gang", "gangs", "men");
        else if (TOK_IN(c, k, "arms")) /* ("took up arms") */
            armed = k > tb && tok_is(c, k - 1, "up");
        else if (TOK_IN(c, k, "terror"))
            armed = k + 1 < te && TOK_IN(c, k + 1, "suspects", "group");
        else if (state)
            armed = TOK_IN(c, k, "shootout", "gunfight") ||
                    (k > tb && TOK_IN(c, k, "fire") && TOK_IN(c, k - 1, "exchanged", "exchange", "exchanging"));
    }
    if (!armed)
        return;
    for (int s = 0; s < 2; s++) { /* (the side read as rioters bore arms: an armed group) */
        int *in = s ? &x->ev.inter2 : &x->ev.inter1;
        char *a = s ? x->actor2 : x->actor1;
        if (*in != 5)
            continue;
        *in = 3;
        a[0] = 0;
        if (*x->country)
            cat3(a, sizeof x->actor1, "Unidentified Armed Group (", x->country, ")");
    }
    x->sub_event_type = "Armed clash";
    x->event_type = event_type_of(x->sub_event_type);
}

/* "an officer was gunned down at his house", "gunmen shot dead an unarmed
 * police officer": a state force's man struck at home, or
 * told to be unarmed, was no side in a fight: violence against a civilian,
 * an attack (ACLED codes officers killed off duty so). */
static void home_victim(coder *c, size_t j)
{
    cand *x = &c->cands[j];
    if (x->ev.inter2 != 1 || x->ev.ev_trigger.start < 0)
        return;
    uint32_t tb = c->t.sents[x->sent].tb, te = c->t.sents[x->sent].te;
    uint32_t t = tok_past(c, tb, (size_t)x->ev.ev_trigger.start, 1); /* (the victim is told close to the act) */
    int off = 0;
    for (uint32_t k = t > tb + 3 ? t - 3 : tb; k < te && k <= t + 8 && !off; k++)
        if (TOK_IN(c, k, "unarmed", "at")) /* (the rare words compared only after "at") */
            off = tok_is(c, k, "unarmed") ||
                  (k + 2 < te && tok_is(c, k, "at") && TOK_IN(c, k + 1, "his", "her") &&
                   (tok_is(c, k + 2, "home") || tok_is(c, k + 2, "house") || tok_is(c, k + 2, "residence")));
    if (!off)
        return;
    x->assoc2[0] = 0;
    sr_span victim = x->ev.ev_actor2; /* (the officer named stays the victim's evidence) */
    attack_on_civilians(x);
    x->ev.ev_actor2 = victim;
}

/* "militants attack a phone mast. Police respond, killing two of them", "an
 * armed group attacked the estate … police intervened, shooting dead three":
 * an armed group's attack answered, in its sentence or the next two of its
 * paragraph, by a state force that responds or intervenes and kills met
 * armed resistance: one armed clash, the force its second side (the
 * killing told is the force's part of it). */
static void force_responds(coder *c, size_t j)
{
    cand *x = &c->cands[j];
    if (x->ev.inter1 < 2 || x->ev.inter1 > 4 || (x->ev.inter2 && x->ev.inter2 != 7) ||
        !TOK_ANY(c, "respond", "responded", "intervened", "intervene"))
        return;
    for (size_t k = j + 1; k < c->ncands; k++) {
        cand *y = &c->cands[k];
        if (y->sent > x->sent + 2 || y->para != x->para)
            break;
        if (y->merged || y->sent == x->sent || y->sent >= c->t.nsents || y->ev.inter1 != 1 ||
            !STREQ(y->sub_event_type, "Attack") || y->cls != TC_KILL)
            continue;
        uint32_t tb = c->t.sents[y->sent].tb, te = c->t.sents[y->sent].te;
        int resp = 0;
        for (uint32_t q = tb; q < te && q <= tb + 4 && !resp; q++)
            resp = TOK_IN(c, q, "respond", "responded", "intervened", "intervene");
        if (!resp)
            break;
        clash_with_force(x, y->actor1, y->ev.ev_actor1);
        absorb(x, y);
        return;
    }
}

/* "four Al Shabaab fighters raided a clinic", "fighters thought to belong
 * to Al Shabaab stormed a bus", "gunmen tied to Al Shabaab shoot two traders",
 * "an armed group (described as \"bandits\") stopped a truck": an attack or
 * a killing whose two armed sides were read from one
 * phrase (the two names side by side, or joined only by "linked to",
 * "suspected to belong to", "described as"...) has one author; its victims
 * are civilians, an attack. */
static void one_group_read_twice(coder *c, size_t j)
{
    cand *x = &c->cands[j];
    if (!((x->cls == TC_ATTACK) || (x->cls == TC_KILL)) || x->ev.inter1 < 2 || x->ev.inter1 > 4 ||
        x->ev.inter2 < 2 || x->ev.inter2 > 4 || !(generic_armed(x->actor1) || generic_armed(x->actor2)) ||
        x->ev.ev_actor2.start < 0)
        return;
    uint32_t tb = c->t.sents[x->sent].tb, te = c->t.sents[x->sent].te;
    if (x->ev.ev_actor1.start < 0) {
        /* no author read, the unknown armed group its guess, and the armed
         * side read as the target stands before an active verb ("four Al
         * Shabaab fighters raided a clinic"): it is the author */
        if (!generic_armed(x->actor1) || x->ev.ev_trigger.start < x->ev.ev_actor2.end)
            return;
        uint32_t k = tok_past(c, tb, (size_t)x->ev.ev_actor2.start, 1);
        if ((k > tb && TOK_IN(c, k - 1, "of", "on", "against", "at", "in", "with", "for", "to", "from", "by")) ||
            (k > tb + 1 && TOK_IN(c, k - 2, "of")))
            return; /* ("members of X": a party's men, not its armed wing; "strikes on IS killed …":
                       a preposition's object, not the subject) */
        while (k < te && (int32_t)c->t.toks[k].os < x->ev.ev_actor2.end)
            k++;
        for (; k < te && (int32_t)c->t.toks[k].os < x->ev.ev_trigger.start; k++)
            if (TOK_IN(c, k, "was", "were", "been", "by", "is", "are", "being", "who", "which", "that", "after", "as", "when",
                             ",", ";", "guards", "guard", "police", "soldiers", "troops", "arms"))
                return; /* (a passive, another clause, or armed men as the target: "ambush guards …, kill 3") */
        while (k < te && (int32_t)c->t.toks[k].os < x->ev.ev_trigger.end)
            k++;
        /* an active verb has its object after it ("ambushed a bus", "kill
         * two"); a headline's passive has none ("members killed during a raid") */
        if (k >= te || TOK_IN(c, k, "in", "during", "at", "after", "as", "by", ",", ".", "and", "on", "while", "when",
                                    "near", "following", "outside", "inside", "along", ";", "-"))
            return;
        if (TOK_IN(c, k, "guards", "guard", "rangers", "officers", "police", "soldiers", "troops"))
            return; /* ("ambushed guards": armed men as the target, a fight) */
        scopy(x->actor1, sizeof x->actor1, x->actor2);
        x->ev.inter1 = x->ev.inter2;
        x->ev.ev_actor1 = x->ev.ev_actor2;
        attack_on_civilians(x);
        return;
    }
    sr_span s1 = x->ev.ev_actor1, s2 = x->ev.ev_actor2;
    if (s2.start < s1.start) {
        sr_span t = s1;
        s1 = s2;
        s2 = t;
    }
    if (s1.end > s2.start)
        return;
    uint32_t k = tok_past(c, tb, (size_t)s1.end - 1, 1), n = 0;
    k++; /* (the first token after the first phrase) */
    int joined = 1;
    for (; k < te && (int32_t)c->t.toks[k].os < s2.start && joined; k++, n++)
        joined = n < 6 && TOK_IN(c, k, "linked", "allied", "affiliated", "loyal", "associated", "belonging", "belong",
                                       "to", "with", "suspected", "(", ")", "described", "as", "\"");
    if (!joined || k >= te)
        return;
    for (k = tb; k < te; k++)
        if (TOK_IN(c, k, "arms")) /* ("residents take up arms against X's members": two armed sides) */
            return;
    if (generic_armed(x->actor1)) { /* (the named one is the author) */
        scopy(x->actor1, sizeof x->actor1, x->actor2);
        x->ev.inter1 = x->ev.inter2;
        x->ev.ev_actor1 = x->ev.ev_actor2;
    }
    attack_on_civilians(x);
}

static __attribute__((noinline)) void fights_pass17b(coder *c, size_t j)
{
    const cand *x = &c->cands[j];
    const char *sub = x->sub_event_type;
    if (x->merged || x->sent >= c->t.nsents || (sub[0] != 'A' && sub[0] != 'M'))
        return;
    /* (every word of this pass's sets numbered at once, the first time: the
     * vocabulary grows once, and the batch's texts are numbered again once,
     * not once per set; a list this long is no test, so it costs little) */
    (void)TOK_ANY(c, "(", ",", "affiliated", "after", "against", "allied", "also", "and", "are", "armed", "arms",
                  "associated", "at", "bandit", "bandits", "been", "belong", "belonging", "by", "bystander",
                  "bystanders", "carjackers", "criminals", "dead", "demonstrators", "deployed", "died", "escorting",
                  "exchange", "exchanged", "exchanging", "fighters", "fire", "following", "for", "from", "gang",
                  "gangs", "gangsters", "group", "groups", "guard", "guarding", "guards", "gunfight", "gunmen", "had",
                  "has", "have", "her", "his", "hurt", "injured", "injuring", "innocent", "intervene", "intervened",
                  "is", "killed", "killing", "linked", "loyal", "lynch", "lynched", "lynching", "manning", "men",
                  "militant", "militants", "militiamen", "mistaken", "mistakenly", "mistook", "mob", "mobs", "of",
                  "officers", "on", "patrolling", "pirates", "police", "protesters", "raider", "raiders", "rangers",
                  "respond", "responded", "rioters", "rival", "robber", "robbers", "rustlers", "shootout", "shot",
                  "soldiers", "suspected", "suspects", "terror", "that", "thugs", "to", "troops", "unarmed",
                  "vigilante", "vigilantes", "was", "were", "when", "which", "while", "who", "with", "wounded",
                  "wounding", ")", "-", ".", ";", "\"", "along", "as", "being", "described", "during", "in", "inside",
                  "near", "outside");
    if (sub[0] == 'M') {
        if (x->cls == TC_CLASH && !strcmp(sub, "Mob violence"))
            armed_fight(c, j);
        return;
    }
    if (sub[1] == 'r' && sub[2] == 'm' && !strcmp(sub, "Armed clash")) {
        if (x->ev.inter2 == 1)
            home_victim(c, j);
        if (c->cands[j].sub_event_type == sub && x->ev.inter1 >= 2 && x->ev.inter1 <= 4 && x->ev.inter2 >= 2 &&
            x->ev.inter2 <= 4)
            one_group_read_twice(c, j);
        return;
    }
    if (sub[1] != 't' || strcmp(sub, "Attack"))
        return;
    force_toll(c, j);
    if (c->cands[j].sub_event_type == sub)
        force_on_armed(c, j);
    if (c->cands[j].sub_event_type == sub)
        force_responds(c, j);
}

/* Eighteenth pass, helper b: battles told by the victims' answer. */

/* Does sentence s, or the next one of its paragraph, tell that the side
 * attacked fought: "tried to fight back", "villagers take up arms",
 * "responded with heavy resistance"? */
static int fought_back_near(const coder *c, uint32_t s)
{
    for (uint32_t n = s; n < c->t.nsents && n <= s + 1; n++) {
        if (n > s && c->para && c->para[n] != c->para[s])
            break;
        uint32_t tb = c->t.sents[n].tb, te = c->t.sents[n].te;
        for (uint32_t k = tb + 1; k < te; k++) {
            if (!TOK_IN(c, k, "back", "arms", "resistance"))
                continue;
            if (tok_is(c, k, "back") ? TOK_IN(c, k - 1, "fight", "fought", "fighting", "fights")
                : tok_is(c, k, "arms") ? tok_is(c, k - 1, "up")
                                       : TOK_IN(c, k - 1, "heavy", "stiff", "fierce", "strong"))
                return 1;
        }
    }
    return 0;
}

/* "gunmen raided a farm; a reservist was hurt when the guards tried to
 * fight back", "rustlers attack a hamlet and the residents take up arms
 * against them": an armed group's attack whose victims fought back, in its
 * sentence or the next, met armed resistance: an armed clash (ACLED's
 * battle is a fight between armed sides; the victims who took up arms are
 * one). */
static void fight_back(coder *c, size_t j)
{
    cand *x = &c->cands[j];
    if (x->ev.inter1 < 2 || x->ev.inter1 > 4 || (x->ev.inter2 && x->ev.inter2 != 7) ||
        !TOK_ANY(c, "back", "arms", "resistance") || !fought_back_near(c, x->sent))
        return;
    /* (the victims who fought, unnamed: a communal militia, not a second
     * unidentified armed group that one_side_twice would take for the
     * author read twice) */
    x->actor2[0] = x->assoc2[0] = 0;
    if (*x->country)
        cat3(x->actor2, sizeof x->actor2, "Unidentified Communal Militia (", x->country, ")");
    x->ev.inter2 = 4;
    x->role2 = 'a';
    x->sub_event_type = "Armed clash";
    x->event_type = event_type_of(x->sub_event_type);
}

/* "police respond to a raiders' attack and kill sixteen of them", "a gang
 * evicted families from their homes; police responded, shooting dead two":
 * a state force that responds to an attack and kills in the same sentence
 * fought the attackers, an armed clash (force_responds reads the response
 * told in a sentence of its own). Not a force that "responds" by assaulting
 * civilians. */
static void respond_kill(coder *c, size_t j)
{
    cand *x = &c->cands[j];
    if (!TOK_ANY(c, "respond", "responded", "responds", "responding"))
        return;
    uint32_t tb = c->t.sents[x->sent].tb, te = c->t.sents[x->sent].te;
    int hit = 0, police = 0;
    for (uint32_t k = tb + 1; k < te && !hit; k++) {
        if (!TOK_IN(c, k, "respond", "responded", "responds", "responding"))
            continue;
        if (!TOK_IN(c, k - 1, "police", "soldiers", "officers", "forces", "reservists", "troops", "army", "military") &&
            !(k > tb + 1 && TOK_IN(c, k - 2, "police", "soldiers", "officers", "forces", "reservists", "troops")))
            continue;
        police = TOK_IN(c, k - 1, "police", "officers", "reservists") || (k > tb + 1 && TOK_IN(c, k - 2, "police"));
        for (uint32_t q = k + 1; q < te && q <= k + 8 && !hit; q++)
            hit = TOK_IN(c, q, "kill", "killing", "killed", "shooting", "shot", "shoot");
    }
    if (!hit)
        return;
    for (uint32_t k = tb; k < te; k++)
        if (TOK_IN(c, k, "civilians", "civilian", "innocent", "unarmed"))
            return;
    if (x->ev.inter1 == 1 && x->ev.inter2 == 7) { /* (the force's killing: its dead were the attackers) */
        x->actor2[0] = x->assoc2[0] = 0;
        if (*x->country)
            cat3(x->actor2, sizeof x->actor2, "Unidentified Armed Group (", x->country, ")");
        x->ev.inter2 = 3;
        x->role2 = 'a';
    } else if (x->ev.inter1 >= 2 && x->ev.inter1 <= 4 && (!x->ev.inter2 || x->ev.inter2 == 7)) {
        /* (the attackers' act: the force that responded is the other side) */
        const sr__country *cc = *x->iso3 ? country_of_iso(c, x->iso3) : NULL;
        x->actor2[0] = x->assoc2[0] = 0;
        if (cc)
            scopy(x->actor2, sizeof x->actor2, police ? cc->police : cc->military);
        x->ev.inter2 = 1;
        x->role2 = 's';
    }
    x->sub_event_type = "Armed clash";
    x->event_type = event_type_of(x->sub_event_type);
}

/* "gunmen hurled grenades at a checkpoint and fired on the guards",
 * "an armed group attacks police officers with grenades and AK-47s", "a
 * grenade was thrown at a patrol; the police opened fire": a grenade told
 * with gunfire between the attackers and a state force, in its sentence or
 * the next, is a fight at close range, an armed clash, not remote violence
 * (a grenade thrown at a patrol and no more stays a grenade attack). */
static void grenade_and_guns(coder *c, size_t j)
{
    cand *x = &c->cands[j];
    int i1 = x->ev.inter1, i2 = x->ev.inter2;
    if (!((i1 == 1 && i2 >= 2 && i2 <= 4) || (i2 == 1 && i1 >= 2 && i1 <= 4)) || /* (a state force and an armed group) */
        !TOK_ANY(c, "fire", "firing", "gunfire", "ak-47s", "ak-47", "rifles", "guns", "gunshots"))
        return;
    int fire = 0;
    for (uint32_t n = x->sent; n < c->t.nsents && n <= x->sent + 1 && !fire; n++) {
        if (n > x->sent && c->para && c->para[n] != c->para[x->sent])
            break;
        uint32_t tb = c->t.sents[n].tb, te = c->t.sents[n].te;
        for (uint32_t k = tb + 1; k < te && !fire; k++) {
            if (!TOK_IN(c, k, "fire", "firing", "gunfire", "ak-47s", "ak-47", "rifles", "guns", "gunshots"))
                continue;
            if (tok_is(c, k, "fire"))
                fire = TOK_IN(c, k - 1, "opened", "open", "opening", "returned", "exchanged", "of");
            else if (tok_is(c, k, "firing"))
                fire = !(k + 1 < te && TOK_IN(c, k + 1, "grenades", "grenade", "a", "tear", "teargas", "sound"));
            else
                fire = 1;
        }
    }
    if (!fire)
        return;
    x->sub_event_type = "Armed clash";
    x->event_type = event_type_of(x->sub_event_type);
}

/* "three traffickers exchanged fire with the police before being arrested",
 * "two men were arrested after a shoot-out with the police", "members were
 * arrested at their home; two of their guards were killed in the clash":
 * arrests told with a fight in their sentence are the end of an armed
 * clash between the force and the men it caught (ACLED codes the fight;
 * arrests are a strategic development only when no one fought). */
static void arrest_in_fight(coder *c, size_t j)
{
    cand *x = &c->cands[j];
    if (!TOK_ANY(c, "fire", "shootout", "shoot-out", "shoot", "battle", "gunbattle", "gunfight", "firefight", "clash"))
        return;
    uint32_t tb = c->t.sents[x->sent].tb, te = c->t.sents[x->sent].te;
    int fight = 0;
    for (uint32_t k = tb + 1; k < te && !fight; k++) {
        if (!TOK_IN(c, k, "fire", "shootout", "shoot-out", "shoot", "battle", "gunbattle", "gunfight", "firefight", "clash"))
            continue;
        if (tok_is(c, k, "fire"))
            fight = TOK_IN(c, k - 1, "exchanged", "exchanging", "exchange", "traded") ||
                    (k > tb + 1 && tok_is(c, k - 1, "of") && TOK_IN(c, k - 2, "exchange", "exchanges"));
        else if (tok_is(c, k, "shoot")) /* ("shoot - out" written as three tokens) */
            fight = k + 2 < te && tok_is(c, k + 1, "-") && tok_is(c, k + 2, "out");
        else if (tok_is(c, k, "battle"))
            fight = tok_is(c, k - 1, "gun");
        else if (tok_is(c, k, "clash")) /* ("killed in the clash") */
            fight = tok_is(c, k - 1, "the") && k > tb + 1 && tok_is(c, k - 2, "in");
        else
            fight = 1;
    }
    if (!fight)
        return;
    if (x->ev.inter2 == 7 && x->ev.inter1 == 1) { /* (the men caught fought: an armed group) */
        x->actor2[0] = x->assoc2[0] = 0;
        if (*x->country)
            cat3(x->actor2, sizeof x->actor2, "Unidentified Armed Group (", x->country, ")");
        x->ev.inter2 = 3;
        x->role2 = 'a';
    }
    x->sub_event_type = "Armed clash";
    x->event_type = event_type_of(x->sub_event_type);
}

/* "two soldiers were killed when their truck struck an IED. Three others
 * who jumped off were shot by the militants": a roadside bomb on a state
 * force followed, in the next sentence, by the same force shot at in an
 * armed clash is an ambush, one armed clash (the bomb opened it). */
static void blast_then_shot(coder *c, size_t j)
{
    cand *x = &c->cands[j];
    if (x->ev.inter2 != 1 || !*x->actor2 || !TOK_ANY(c, "shot", "gunfire", "fire", "firing", "shooting"))
        return;
    for (size_t k = j + 1; k < c->ncands; k++) {
        cand *y = &c->cands[k];
        if (y->sent > x->sent + 1 || y->para != x->para)
            break;
        if (y->merged || y->sent != x->sent + 1 || !STREQ(y->sub_event_type, "Armed clash") ||
            y->sent >= c->t.nsents)
            continue;
        const char *st = y->ev.inter1 == 1 ? y->actor1 : y->ev.inter2 == 1 ? y->actor2 : NULL;
        if (!st || strcmp(st, x->actor2))
            continue;
        uint32_t tb = c->t.sents[y->sent].tb, te = c->t.sents[y->sent].te;
        int shot = 0;
        for (uint32_t q = tb + 1; q < te && !shot; q++)
            if (TOK_IN(c, q, "shot", "gunfire", "fire", "firing", "shooting"))
                shot = !tok_is(c, q, "fire") || TOK_IN(c, q - 1, "opened", "open", "of", "exchanged", "heavy");
        if (!shot)
            return;
        x->sub_event_type = "Armed clash";
        x->event_type = event_type_of(x->sub_event_type);
        absorb(x, y);
        return;
    }
}

/* "cattle rustled; an eight-hour clash ensued", "raiders attack a village,
 * clash ensues", "in the ensuing gun battle": a raid or an attack that the
 * text says a clash, a battle or a gunfight followed, in its sentence or the
 * next, was fought: an armed clash (the side read as rioters a communal
 * militia). */
static void clash_ensued(coder *c, size_t j, int need_raid)
{
    cand *x = &c->cands[j];
    if (x->ev.inter1 == 1 || !TOK_ANY(c, "ensued", "ensues", "ensue", "ensuing"))
        return; /* (not a force's shooting: "shot during ensuing clashes with police" at a protest) */
    if (need_raid) { /* (a fight read as a brawl: "herders raid a village, clash ensues" only after a raid;
                        plain compares, the rare word already found) */
        int raid = 0;
        for (uint32_t k = c->t.sents[x->sent].tb; k < c->t.sents[x->sent].te && !raid; k++)
            raid = tok_is(c, k, "raid") || tok_is(c, k, "raided") || tok_is(c, k, "raids") || tok_is(c, k, "raiders");
        if (!raid)
            return;
    }
    int hit = 0;
    for (uint32_t n = x->sent; n < c->t.nsents && n <= x->sent + 1 && !hit; n++) {
        if (n > x->sent && c->para && c->para[n] != c->para[x->sent])
            break;
        uint32_t tb = c->t.sents[n].tb, te = c->t.sents[n].te;
        for (uint32_t k = tb; k < te && !hit; k++) {
            if (!TOK_IN(c, k, "ensued", "ensues", "ensue", "ensuing"))
                continue;
            int after = tok_is(c, k, "ensuing"); /* ("the ensuing gun battle"; "a clash ensued") */
            for (uint32_t q = after ? k + 1 : (k > tb + 2 ? k - 2 : tb); q < te && q <= k + 3 && !hit; q++)
                if (after || q < k)
                    hit = TOK_IN(c, q, "clash", "clashes", "battle", "gunbattle", "gunfight", "fighting", "shootout",
                                       "firefight");
        }
    }
    if (!hit)
        return;
    for (int s = 0; s < 2; s++) { /* (a side read as rioters fought: a communal militia) */
        int *in = s ? &x->ev.inter2 : &x->ev.inter1;
        char *a = s ? x->actor2 : x->actor1;
        if (*in != 5 && !(s && *in == 7))
            continue;
        *in = 4;
        a[0] = 0;
        if (*x->country)
            cat3(a, sizeof x->actor1, "Unidentified Communal Militia (", x->country, ")");
    }
    x->sub_event_type = "Armed clash";
    x->event_type = event_type_of(x->sub_event_type);
}

static __attribute__((noinline)) void fights_pass18b(coder *c, size_t j)
{
    const cand *x = &c->cands[j];
    const char *sub = x->sub_event_type;
    if (x->merged || x->sent >= c->t.nsents ||
        (sub[0] != 'A' && sub[0] != 'G' && sub[0] != 'R' && sub[0] != 'M' && sub[0] != 'L'))
        return;
    /* (every word of this pass's sets numbered at once, the first time: the
     * vocabulary grows once, as in fights_pass17b) */
    (void)TOK_ANY(c, "-", "a", "ak-47", "ak-47s", "army", "arms", "back", "battle", "civilian", "civilians", "clash",
                  "clashes", "ensue", "ensued", "ensues", "ensuing", "exchange", "exchanged", "exchanges", "exchanging",
                  "fierce", "fight", "fighting", "fights", "fire", "firefight", "firing", "forces", "fought", "grenade",
                  "grenades", "gun", "gunbattle", "gunfight", "gunfire", "gunshots", "guns", "heavy", "in", "innocent",
                  "kill", "killed", "killing", "military", "of", "officers", "open", "opened", "opening", "out",
                  "police", "reservists", "resistance", "respond", "responded", "responding", "responds", "returned",
                  "rifles", "shoot", "shoot-out", "shooting", "shootout", "shot", "soldiers", "sound", "stiff",
                  "strong", "tear", "teargas", "the", "traded", "troops", "unarmed", "up");
    if (sub[0] == 'M') {
        if (strcmp(sub, "Mob violence"))
            return;
        if (x->cls == TC_ATTACK)
            clash_ensued(c, j, 0);
        else if (x->cls == TC_CLASH)
            clash_ensued(c, j, 1);
        return;
    }
    if (sub[0] == 'L') {
        /* ("an armed gang attacks a police station and steals weapons": the
         * theft is the end of an attack on a post, which post_attacked reads
         * as a clash when told as the attack) */
        if (x->ev.inter1 < 2 || x->ev.inter1 > 4 || strcmp(sub, "Looting/property destruction"))
            return; /* (an armed group's theft; post_attacked tests its words first) */
        c->cands[j].sub_event_type = "Attack";
        post_attacked(c, j);
        if (STREQ(c->cands[j].sub_event_type, "Attack"))
            c->cands[j].sub_event_type = sub; /* (no post attacked: the looting stays) */
        else
            c->cands[j].event_type = event_type_of(c->cands[j].sub_event_type);
        return;
    }
    if (sub[0] == 'R') {
        if (!strcmp(sub, "Remote explosive/landmine/IED"))
            blast_then_shot(c, j);
        return;
    }
    if (sub[0] == 'G') {
        if (!strcmp(sub, "Grenade"))
            grenade_and_guns(c, j);
        return;
    }
    if (sub[1] == 'r' && sub[2] == 'r' && !strcmp(sub, "Arrests")) {
        arrest_in_fight(c, j);
        return;
    }
    if (sub[1] != 't' || strcmp(sub, "Attack"))
        return;
    fight_back(c, j);
    if (c->cands[j].sub_event_type == sub)
        respond_kill(c, j);
    if (c->cands[j].sub_event_type == sub)
        clash_ensued(c, j, 0);
}

static __attribute__((noinline)) void fights_pass16(coder *c, size_t j)
{
    const cand *x = &c->cands[j];
    const char *sub = x->sub_event_type;
    if (sub[0] != 'A' || x->sent >= c->t.nsents)
        return;
    if (sub[1] == 't' && !strcmp(sub, "Attack")) {
        members_killed(c, j);
        post_attacked(c, j);
        mob_in_sentence(c, j);
    } else if (sub[1] == 'r' && !strcmp(sub, "Armed clash"))
        state_rioters(c, j);
}

/* "Young men carrying placards and clubs forced their way into the town hall",
 * "supporters carrying banners stormed into the hotel": a crowd told
 * carrying or waving placards or banners before its violent act is a
 * demonstration, so its violence is a violent demonstration rather than
 * mob violence. Reads the tokens of the sentence before the act's trigger
 * only, for a mob's event in a document with one of the words. */
static void placards_mob(coder *c, size_t i)
{
    cand *p = &c->cands[i];
    if (!STREQ(p->sub_event_type, "Mob violence") || p->ev.inter1 != 5 || p->sent >= c->t.nsents ||
        p->ev.ev_trigger.start < 0 || !TOK_ANY(c, "placards", "placard", "banners"))
        return;
    uint32_t tb = c->t.sents[p->sent].tb, te = tok_past(c, tb, (size_t)p->ev.ev_trigger.start, 1);
    for (uint32_t k = tb + 1; k < te && k < c->t.sents[p->sent].te; k++)
        if (TOK_IN(c, k, "placards", "placard", "banners") &&
            TOK_IN(c, k - 1, "carrying", "waving", "holding", "with", "and")) {
            p->sub_event_type = "Violent demonstration";
            p->event_type = event_type_of(p->sub_event_type);
            return;
        }
}

static __attribute__((noinline)) void fights_pass14(coder *c)
{
    for (size_t j = 0; j < c->ncands; j++) {
        if (c->cands[j].merged)
            continue;
        raid_shootout(c, j);
        fight_deaths(c, j);
        colleague_shot(c, j);
        bomb_explosions(c, j);
        bomb_setting(c, j);
        raid_retaliated(c, j);
        crowd_agent(c, j);
        loot_and_attack(c, j);
        if (c->cands[j].sub_event_type[0] == 'A') /* (an attack or an armed clash) */
            fights_pass16(c, j);
        fights_pass17b(c, j);
        fights_pass18b(c, j);
    }
}

static __attribute__((noinline)) void protests_pass14(coder *c)
{
    for (size_t j = 0; j < c->ncands; j++) {
        if (c->cands[j].merged)
            continue;
        protest_damage(c, j);
        peaceful_said(c, j);
        teargas_no_crowd(c, j);
        civilians_targeted(c, j);
        placards_mob(c, j);
    }
}

/* String equality, cheap when the two are one string or differ in their first byte. */
static inline int str_eq(const char *a, const char *b) { return a == b || (*a == *b && !strcmp(a, b)); }

/* "Students demonstrated against the fees. … During the protest they looted
 * shops.": a protest told first and a violent demonstration told in the
 * next sentences of its paragraph are one demonstration that turned
 * violent, which ACLED codes as a violent demonstration (demonstrators'
 * violence decides, whatever the police did). Not when the riot's sentence
 * gives it as a cause or a background ("after the riots", "because of"). */
static void protest_turned_violent(coder *c)
{
    size_t last = 0; /* (the last violent demonstration: none after the first candidate, nothing to do) */
    for (size_t i = 1; i < c->ncands; i++)
        if (!c->cands[i].merged && c->cands[i].sub_event_type[0] == 'V' &&
            STREQ(c->cands[i].sub_event_type, "Violent demonstration"))
            last = i;
    for (size_t i = 0; i < last; i++) {
        cand *p = &c->cands[i];
        if (p->merged || p->sent >= c->t.nsents ||
            !(STREQ(p->sub_event_type, "Peaceful protest") || STREQ(p->sub_event_type, "Protest with intervention")))
            continue;
        uint32_t s_end = para_window(c, p->sent, 3);
        for (size_t j = i + 1; j < c->ncands; j++) {
            cand *q = &c->cands[j];
            if (q->sent >= s_end)
                break;
            if (q->merged || !STREQ(q->sub_event_type, "Violent demonstration") ||
                (q->has_date && p->has_date && strcmp(q->ev.event_date, p->ev.event_date)))
                continue;
            int background = 0;
            for (uint32_t k = c->t.sents[q->sent].tb; k < c->t.sents[q->sent].te && !background; k++)
                background = TOK_IN(c, k, "after", "following", "followed", "follows", "amid", "because", "earlier",
                                    "previous", "previously");
            if (background)
                break;
            p->sub_event_type = "Violent demonstration";
            p->event_type = event_type_of(p->sub_event_type);
            p->actor1[0] = 0;
            if (*p->country)
                cat3(p->actor1, sizeof p->actor1, "Rioters (", p->country, ")");
            p->ev.inter1 = 5;
            absorb(p, q);
            break;
        }
    }
}

/* Does sentence s tell, from token from on, that what it tells answered or
 * grew out of what was told before it: "police responded", "soldiers
 * reacted with gunfire", "led to a clash", "resulted in a battle",
 * "(assumed to be the same event)"? */
static int answer_cue(const coder *c, uint32_t s, uint32_t from)
{
    uint32_t tb = c->t.sents[s].tb, te = c->t.sents[s].te;
    if (TOK_ANY(c, "separately", "seperately"))
        for (uint32_t k = tb; k < te; k++)
            if (TOK_IN(c, k, "separately", "seperately"))
                return 0; /* (the clash is another row of the note's: "led to a battle (coded separately)") */
    for (uint32_t k = from > tb ? from : tb; k < te; k++) {
        if (TOK_IN(c, k, "respond", "responds", "responded", "responding", "react", "reacts", "reacted", "reacting"))
            return 1;
        if (k + 1 < te && ((TOK_IN(c, k, "led", "leading") && tok_is(c, k + 1, "to")) ||
                           (TOK_IN(c, k, "resulted", "resulting") && tok_is(c, k + 1, "in")) ||
                           (tok_is(c, k, "same") && TOK_IN(c, k + 1, "event", "incident"))))
            return 1;
    }
    return 0;
}

/* "Raiders struck the village. Officers answered and fought them for an
 * hour.", "Militants stormed the camp … Troops returned fire.", "Raid by an
 * armed band. It led to a clash with the police.": an attack by an armed group (or by no named author) that the
 * next sentences of its paragraph say was answered by a clash, or grew
 * into one, is one event, an armed clash (ACLED: an attack met with armed
 * resistance). fought_back does this when the clash names a state force
 * against an armed group; this reads the prose's cue instead of the sides. */
static void attack_answered(coder *c)
{
    size_t last = 0; /* (the last armed clash: none after the first candidate, nothing to do) */
    for (size_t i = 1; i < c->ncands; i++)
        if (!c->cands[i].merged && c->cands[i].sub_event_type[0] == 'A' && STREQ(c->cands[i].sub_event_type, "Armed clash"))
            last = i;
    if (!last || !TOK_ANY(c, "respond", "responds", "responded", "responding", "react", "reacts", "reacted", "reacting",
                          "led", "leading", "resulted", "resulting", "same"))
        return;
    for (size_t j = 0; j < last; j++) {
        cand *x = &c->cands[j];
        if (x->merged || x->sent >= c->t.nsents || x->ev.inter1 > 4 ||
            !(STREQ(x->sub_event_type, "Attack") || STREQ(x->sub_event_type, "Remote explosive/landmine/IED") ||
              STREQ(x->sub_event_type, "Grenade")))
            continue;
        uint32_t s_end = para_window(c, x->sent, 3);
        for (size_t k = j + 1; k < c->ncands; k++) {
            cand *y = &c->cands[k];
            if (y->sent >= s_end)
                break;
            if (y->merged || !STREQ(y->sub_event_type, "Armed clash") ||
                (y->has_date && x->has_date && strcmp(y->ev.event_date, x->ev.event_date)))
                continue;
            /* (in x's own sentence, the cue after x: "Police respond to attack on village;
             * engage raiders in gunfight") */
            if (!answer_cue(c, y->sent, y->sent == x->sent ? x->order + 1 : 0))
                break;
            const char *st = y->ev.inter1 == 1 ? y->actor1 : y->ev.inter2 == 1 ? y->actor2 : "";
            if (*st && (x->ev.inter2 == 7 || !x->ev.inter2)) {
                scopy(x->actor2, sizeof x->actor2, st);
                x->ev.inter2 = 1;
                x->ev.ev_actor2 = y->ev.inter1 == 1 ? y->ev.ev_actor1 : y->ev.ev_actor2;
                x->role2 = 's';
            }
            x->sub_event_type = "Armed clash";
            x->event_type = event_type_of(x->sub_event_type);
            absorb(x, y);
            break;
        }
    }
}

/* "Two soldiers died, and four were hurt, when a buried bomb went off under
 * their truck", "a boy was killed … in a mortar shell explosion": a death
 * told with a bare verb and the explosion that caused it later in the same
 * sentence are one event, and ACLED codes it by the weapon (the clause's
 * trigger order does the same when both stand in one clause). */
static void killed_in_blast(coder *c)
{
    for (size_t j = 0; j + 1 < c->ncands; j++) {
        cand *x = &c->cands[j];
        if (x->merged || x->cls != TC_KILL ||
            !(STREQ(x->sub_event_type, "Attack") || STREQ(x->sub_event_type, "Armed clash")))
            continue;
        for (size_t k = j + 1; k < c->ncands; k++) {
            cand *y = &c->cands[k];
            if (y->sent != x->sent)
                break;
            if (y->merged || !(y->cls == TC_REMOTE || y->cls == TC_SHELL || y->cls == TC_GRENADE) ||
                y->ev.fatalities > 0 || (y->has_date && x->has_date && strcmp(y->ev.event_date, x->ev.event_date)))
                continue;
            x->sub_event_type = y->sub_event_type;
            x->event_type = y->event_type;
            x->cls = y->cls;
            absorb(x, y);
            break;
        }
    }
}

/* "Three brothers were burnt to death in Kisauni. The three were beaten and
 * set on fire by an irate mob.", "A returnee was killed in Watamu. The
 * victim's family accuses the police of killing him.": a killing told with
 * no author, and the next sentence of the paragraph, opening on its victims
 * ("the three", "the victim"), telling that an armed or state actor attacked
 * them, are one event: the author, and with it the type, are the second
 * sentence's. (Not "he", who may be the killer.) */
static void author_told_later(coder *c)
{
    for (size_t j = 0; j + 1 < c->ncands; j++) {
        cand *x = &c->cands[j], *y = &c->cands[j + 1];
        if (x->merged || y->merged || x->ev.ev_actor1.start >= 0 || y->ev.ev_actor1.start < 0 ||
            y->sent != x->sent + 1 || y->para != x->para || y->sent >= c->t.nsents || x->cls != TC_KILL ||
            !(STREQ(x->sub_event_type, "Attack") || STREQ(x->sub_event_type, "Armed clash")) ||
            !STREQ(y->sub_event_type, "Attack") || y->ev.inter1 < 1 || y->ev.inter1 > 4 ||
            (y->ev.fatalities > 0 && y->ev.fatalities != x->ev.fatalities) ||
            (y->has_date && x->has_date && strcmp(y->ev.event_date, x->ev.event_date)))
            continue;
        uint32_t tb = c->t.sents[y->sent].tb;
        int back = tok_is(c, tb, "the") && TOK_IN(c, tb + 1, "victim", "victims", "victim's", "deceased", "two",
                                                   "three", "four", "five", "six", "seven", "eight", "nine", "ten");
        if (!back)
            continue;
        scopy(x->actor1, sizeof x->actor1, y->actor1);
        x->ev.inter1 = y->ev.inter1;
        x->ev.ev_actor1 = y->ev.ev_actor1;
        if (y->ev.inter2) {
            scopy(x->actor2, sizeof x->actor2, y->actor2);
            x->ev.inter2 = y->ev.inter2;
            x->role2 = y->role2;
        }
        x->sub_event_type = y->sub_event_type;
        x->event_type = y->event_type;
        absorb(x, y);
    }
}

/* "Two herders were killed at the county border. The motives of the clash
 * are not known.": a killing told with no author that the next sentences
 * of its paragraph call "the clash" was a clash. */
static void called_the_clash(coder *c)
{
    for (size_t j = 0; j + 1 < c->ncands; j++) {
        cand *x = &c->cands[j];
        if (x->merged || x->ev.ev_actor1.start >= 0 || x->cls != TC_KILL || x->sent >= c->t.nsents ||
            !STREQ(x->sub_event_type, "Attack"))
            continue;
        for (size_t k = j + 1; k < c->ncands; k++) {
            cand *y = &c->cands[k];
            if (y->sent > x->sent + 2 || y->para != x->para)
                break;
            if (y->merged || y->sent == x->sent || !STREQ(y->sub_event_type, "Armed clash") || y->has_date)
                continue;
            int the = 0;
            for (uint32_t q = c->t.sents[y->sent].tb; q + 1 < c->t.sents[y->sent].te && !the; q++)
                the = tok_is(c, q, "the") && TOK_IN(c, q + 1, "clash", "clashes", "fighting", "fight");
            if (!the)
                break;
            x->sub_event_type = "Armed clash";
            x->event_type = event_type_of(x->sub_event_type);
            absorb(x, y);
            break;
        }
    }
}

static void merge_cands(coder *c)
{
    answered_fire(c);
    fought_back(c);
    attack_answered(c);
    killed_in_blast(c);
    author_told_later(c);
    called_the_clash(c);
    fights_pass14(c);
    attackers_killed(c);
    arrest_harm(c);
    relief_victims(c);
    abducted_killed(c);
    looting_harm(c);
    bomb_found(c);
    arrest_as_cause(c);
    strike_on_positions(c);
    subordinate_attacker(c);
    gang_victims(c);
    protesting_mob(c);
    protesters_riot(c);
    protest_told_after(c);
    dispersed_rioters(c);
    protest_interventions(c);
    rioting_protest(c);
    protest_turned_violent(c);
    storming_protest(c);
    protests_pass14(c);
    one_side_twice(c);
    called_air_support(c);
    lynched_suspects(c);
    mob_authors(c);
    complete_tolls(c);
    merge_refs(c);
    size_t n = c->ncands;
    /* idx and rank on the stack for the usual handful of candidates */
    size_t small[2 * 32];
    size_t *idx = n <= 32 ? small : malloc(2 * (n + 1) * sizeof *idx);
    if (!idx)
        return;
    size_t *rank = n <= 32 ? small + 32 : idx + n + 1; /* candidate → its place in idx */
    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    qsort_r(idx, n, sizeof *idx, cmp_richness, c->cands);
    for (size_t i = 0; i < n; i++)
        rank[idx[i]] = i;
    for (size_t ii = 0; ii < n; ii++) {
        cand *x = &c->cands[idx[ii]];
        if (x->merged)
            continue;
        /* candidates are in text order: look at the 8 first (headline, lead) and
         * at most 64 on each side; far apart in a long text, two mentions are two
         * events (and the pass stays linear) */
        size_t xi = idx[ii];
        for (size_t jj = 0; jj < n; jj++) {
            if (jj >= 8 && jj + 64 < xi) {
                jj = xi - 64 - 1;
                continue;
            }
            if (jj > xi + 64 && x->sent > 3)
                break;
            if (jj == xi || rank[jj] <= ii)
                continue; /* itself, or richer than x: already had its turn */
            cand *y = &c->cands[jj];
            /* a weak mention (no date, no figure) of the same type of event is an
             * elaboration of the richer one: "The attackers used rifles and withdrew" */
            int weak = !y->has_date && !y->kind_agg &&
                       (y->ev.fatalities < 0 || (y->ev.fatalities == 0 && !*y->actor1 && !*y->actor2));
            if (y->merged || (!str_eq(x->sub_event_type, y->sub_event_type) &&
                              !(weak && str_eq(x->event_type, y->event_type))))
                continue;
            int same = actor_compatible(x->actor1, x->ev.inter1, y->actor1, y->ev.inter1) &&
                       (weak || actor_compatible(x->actor2, x->ev.inter2, y->actor2, y->ev.inter2));
            /* in a clash either side may be named first ("troops repelled the assault") */
            if (!same && weak && STREQ(x->sub_event_type, "Armed clash") &&
                actor_compatible(x->actor1, x->ev.inter1, y->actor2, y->ev.inter2) &&
                actor_compatible(x->actor2, x->ev.inter2, y->actor1, y->ev.inter1))
                same = 1;
            if (!same)
                continue;
            if (!fat_compatible(&x->ev, &y->ev) || !dates_compatible(x, y))
                continue;
            if (!str_compatible(x->iso3, y->iso3))
                continue;
            if (!str_compatible(x->location, y->location) &&
                !((x->ev.geo_precision == 3 || y->ev.geo_precision == 3 || weak) && *x->admin1 &&
                  !strcmp(x->admin1, y->admin1)))
                continue;
            if (x->kind_agg != y->kind_agg && x->has_date && y->has_date)
                continue;
            /* two dated reports in different paragraphs are one event only when
             * something ties them: the same place or the same death toll */
            int tie = weak || x->para == y->para || x->sent == 0 || y->sent == 0 || /* the headline */
                      (*x->location && !strcmp(x->location, y->location)) ||
                      (*x->admin1 && !strcmp(x->admin1, y->admin1) &&
                       (x->ev.geo_precision == 3 || y->ev.geo_precision == 3)) ||
                      (x->ev.fatalities > 0 && x->ev.fatalities == y->ev.fatalities) ||
                      (x->ev.fatalities_low > 0 && x->ev.fatalities_low == y->ev.fatalities_low);
            if (!tie)
                continue;
            uint32_t order = x->order < y->order ? x->order : y->order;
            merge_into(x, y);
            x->order = order;
            y->merged = 1;
        }
    }
    if (idx != small)
        free(idx);
    remnants_of_war(c);
}

/* The sentence s with whitespace runs as single spaces, trimmed, written at
 * o (room for n bytes; not NUL-terminated); returns its length. (A NUL byte
 * in the sentence, which only text given through the API can hold, ends the
 * string there for every reader, as it did when it was measured.) */
static size_t collapse_ws(const char *s, size_t n, char *o)
{
    /* the usual sentence has single spaces only: map whitespace to spaces in
     * one pass the compiler vectorises, and squeeze only when a run of two or
     * a space at either end needs it */
    unsigned runs = 0;
    size_t i0 = 0;
#if defined(__SSE2__)
    /* 16 bytes at a time: tabs, newlines and returns become spaces, and two
     * spaces in a row, within the 16 or across two of them, are noted */
    {
        const __m128i sp = _mm_set1_epi8(' ');
        unsigned prev = 0; /* the last byte before was a space */
        for (; i0 + 16 <= n; i0 += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(s + i0));
            __m128i ctl = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')),
                                                    _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
                                       _mm_cmpeq_epi8(v, _mm_set1_epi8('\r')));
            v = _mm_or_si128(_mm_andnot_si128(ctl, v), _mm_and_si128(ctl, sp));
            _mm_storeu_si128((__m128i *)(o + i0), v);
            unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, sp));
            runs |= (m & (m << 1 | prev)) != 0;
            prev = m >> 15;
        }
        if (i0 < n && n >= 16) {
            /* the last bytes as the window that ends at n, overlapping bytes
             * already mapped (to the same values); the pair across its start
             * lies wholly before i0 and was tested there */
            __m128i v = _mm_loadu_si128((const __m128i *)(s + n - 16));
            __m128i ctl = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')),
                                                    _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
                                       _mm_cmpeq_epi8(v, _mm_set1_epi8('\r')));
            v = _mm_or_si128(_mm_andnot_si128(ctl, v), _mm_and_si128(ctl, sp));
            _mm_storeu_si128((__m128i *)(o + n - 16), v);
            unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, sp));
            runs |= (m & (m << 1)) != 0;
            i0 = n;
        }
    }
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* 8 bytes at a time: tabs, newlines and returns become spaces (exact
     * per-byte equality, no carries between bytes), and two spaces in a row,
     * within a word or across two, are noted as a run */
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u, low7 = ~high;
#define SWAR_EQ(x, ch) (~(((((x) ^ ((ch) * ones)) & low7) + low7) | ((x) ^ ((ch) * ones))) & high)
    uint64_t prev_sp = 0;
    for (; i0 + 8 <= n; i0 += 8) {
        uint64_t w;
        memcpy(&w, s + i0, 8);
        uint64_t ctl = (SWAR_EQ(w, 0x09) | SWAR_EQ(w, 0x0a) | SWAR_EQ(w, 0x0d)) >> 7;
        uint64_t mask = ctl * 0xff;
        w = (w & ~mask) | (0x20 * ones & mask);
        memcpy(o + i0, &w, 8);
        uint64_t sp = SWAR_EQ(w, 0x20);
        runs |= (sp & (sp << 8)) != 0;
        runs |= (unsigned)(prev_sp >> 63) & (unsigned)(sp >> 7 & 1);
        prev_sp = sp;
    }
#undef SWAR_EQ
#endif
    for (size_t i = i0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        o[i] = (char)(((ch == ' ') | (ch == '\n') | (ch == '\r') | (ch == '\t')) ? ' ' : ch);
    }
    for (size_t i = i0 ? i0 : 1; i < n; i++)
        runs |= (unsigned)(o[i - 1] == ' ') & (unsigned)(o[i] == ' ');
    if (!runs && (!n || (o[0] != ' ' && o[n - 1] != ' ')))
        return n;
    size_t k = 0;
    int sp = 0;
    for (size_t i = 0; i < n; i++) {
        if (o[i] == ' ') {
            sp = 1;
            continue;
        }
        if (sp && k)
            o[k++] = ' ';
        sp = 0;
        o[k++] = o[i];
    }
    return k;
}

/* Strings of the events live in blocks of at least 16 KB: one allocation per
 * block rather than one per field. */
/* An event list allocated with its first arrays and string block: a note's
 * events fit in them, so coding a short document allocates once instead of
 * four times. Arrays outgrowing them move to the heap (events_grow). */
#define EVS_V0 2
#define EVS_STRS0 4
#define EVS_BLK0 2048
typedef struct evsblock {
    sr_events evs;
    char *strs0[EVS_STRS0];
    sr_event v0[EVS_V0];
    char blk0[EVS_BLK0];
} evsblock;

static sr_events *events_new(void)
{
    evsblock *b = malloc(sizeof *b);
    if (!b)
        return NULL;
    memset(&b->evs, 0, sizeof b->evs);
    b->evs.v = b->v0;
    b->evs.cap = EVS_V0;
    b->evs.strs = b->strs0;
    b->evs.capstrs = EVS_STRS0;
    return &b->evs;
}

/* sr__grow for an array that may still be the block's own (inline). */
static int events_grow(void **v, size_t *cap, size_t n, size_t size, const void *inline_arr)
{
    if (n < *cap)
        return 0;
    if (*v != inline_arr)
        return sr__grow(v, cap, n, size);
    size_t nc = *cap * 4;
    while (nc <= n)
        nc *= 2;
    void *p = malloc(nc * size);
    if (!p)
        return SR_ENOMEM;
    memcpy(p, *v, *cap * size);
    *v = p;
    *cap = nc;
    return 0;
}

/* events_room when the last block is full or there is none yet: the list's
 * own first block, else a new one of at least 16 KB. */
static __attribute__((noinline)) char *events_room_new(sr_events *evs, size_t n)
{
    evsblock *b = (evsblock *)evs;
    if (evs->nstrs == 0 && n + 1 <= EVS_BLK0) { /* the block's own first */
        evs->strs[evs->nstrs++] = b->blk0;
        evs->blkused = 0;
        evs->blkcap = EVS_BLK0;
        return b->blk0;
    }
    size_t cap = n + 1 > 16384 ? n + 1 : 16384;
    if (events_grow((void **)&evs->strs, &evs->capstrs, evs->nstrs, sizeof *evs->strs, b->strs0))
        return NULL;
    char *blk = malloc(cap);
    if (!blk)
        return NULL;
    evs->strs[evs->nstrs++] = blk;
    evs->blkused = 0;
    evs->blkcap = cap;
    return blk;
}

/* Room for a string of n bytes and its NUL (n > 0) at the end of the
 * list's last block, a new block when it is full; NULL when out of memory.
 * The caller writes the string and commits it (events_commit). */
static inline char *events_room(sr_events *evs, size_t n)
{
    if (evs->nstrs == 0 || evs->blkused + n + 1 > evs->blkcap)
        return events_room_new(evs, n);
    return evs->strs[evs->nstrs - 1] + evs->blkused;
}

/* Ends the string of n bytes written at p (from events_room): its NUL, and
 * the block's fill moved past it. */
static inline const char *events_commit(sr_events *evs, char *p, size_t n)
{
    p[n] = 0;
    evs->blkused += n + 1;
    return p;
}

const char *sr__events_str(sr_events *evs, const char *s, size_t n)
{
    if (!s || !n)
        return "";
    char *p = events_room(evs, n);
    if (!p)
        return "";
    memcpy(p, s, n);
    return events_commit(evs, p, n);
}

/* Copies n bytes from s to d without a call: two overlapping moves of 8 or
 * 4 bytes below 16, else 16 at a time with a last move that overlaps the one
 * before it. Never reads or writes outside s[0, n) and d[0, n). */
static inline void copy_short(char *d, const char *s, size_t n)
{
    if (n >= 16) {
#if defined(__SSE2__)
        size_t i = 0;
        for (; i + 16 < n; i += 16)
            _mm_storeu_si128((__m128i *)(d + i), _mm_loadu_si128((const __m128i *)(s + i)));
        _mm_storeu_si128((__m128i *)(d + n - 16), _mm_loadu_si128((const __m128i *)(s + n - 16)));
#else
        memcpy(d, s, n);
#endif
    } else if (n >= 8) {
        uint64_t a, b;
        memcpy(&a, s, 8);
        memcpy(&b, s + n - 8, 8);
        memcpy(d, &a, 8);
        memcpy(d + n - 8, &b, 8);
    } else if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        memcpy(d, &a, 4);
        memcpy(d + n - 4, &b, 4);
    } else if (n) {
        d[0] = s[0];
        d[n >> 1] = s[n >> 1];
        d[n - 1] = s[n - 1];
    }
}

/* The length of the string in the array s of cap bytes (cap if it holds no
 * NUL): with SSE2 16 bytes at a time, each window inside the array (cap a
 * multiple of 16, or below 16 and then byte by byte), so no call to strlen. */
static inline size_t field_len(const char *s, size_t cap)
{
#if defined(__SSE2__)
    if (cap % 16 == 0) {
        for (size_t i = 0; i < cap; i += 16) {
            unsigned m = (unsigned)_mm_movemask_epi8(
                _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(s + i)), _mm_setzero_si128()));
            if (m)
                return i + (size_t)__builtin_ctz(m);
        }
        return cap;
    }
#endif
    size_t n = 0;
    while (n < cap && s[n])
        n++;
    return n;
}

/* Interns the string held in a candidate's array field s of cap bytes:
 * sr__events_str(evs, s, strlen(s)) with the length found and the bytes
 * copied inline (every event interns about a dozen such fields). */
const char *sr__events_field(sr_events *evs, const char *s, size_t cap)
{
    if (!*s)
        return "";
    size_t n = field_len(s, cap);
    char *p = events_room(evs, n);
    if (!p)
        return "";
    copy_short(p, s, n);
    return events_commit(evs, p, n);
}
#define FIELD(evs, arr) sr__events_field((evs), (arr), sizeof(arr))
#define EVENT_ID_MAX 299 /* bytes of an event id */

static int emit(coder *c, sr_events *evs)
{
    /* order by first mention */
    size_t n = 0;
    for (size_t i = 0; i < c->ncands; i++)
        if (!c->cands[i].merged)
            n++;
    cand *small[32];
    cand **v = n < 32 ? small : malloc((n + 1) * sizeof *v);
    if (!v)
        return SR_ENOMEM;
    n = 0;
    for (size_t i = 0; i < c->ncands; i++)
        if (!c->cands[i].merged)
            v[n++] = &c->cands[i];
    /* a mention with no actor, figure or date adds nothing beside a real event
     * of the same type */
    if (n > 1) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            int empty = !*v[i]->actor1 && !*v[i]->actor2 && v[i]->ev.fatalities < 0 && !v[i]->has_date;
            int beside = 0;
            /* a generic verb ("it hit the device") is dropped beside any real
             * event; a specific one ("shelling was reported") only beside its kind */
            int generic_verb = (v[i]->cls == TC_ATTACK) || (v[i]->cls == TC_KILL) ||
                          (v[i]->cls == TC_CLASH) || (v[i]->cls == TC_OTHER);
            for (size_t j = 0; j < n && empty && !beside; j++)
                beside = j != i && (generic_verb || !strcmp(v[j]->event_type, v[i]->event_type)) &&
                         (*v[j]->actor1 || *v[j]->actor2 || v[j]->ev.fatalities >= 0 || v[j]->has_date);
            if (!beside)
                v[k++] = v[i];
        }
        n = k;
    }
    for (size_t i = 1; i < n; i++) /* insertion sort: n is small */
        for (size_t j = i; j > 0 && v[j - 1]->order > v[j]->order; j--) {
            cand *t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    /* the document's id: its length measured once */
    const char *did = c->doc->id && *c->doc->id ? c->doc->id : "doc", *docid = NULL;
    size_t dl = strlen(did), idl = c->doc->id ? strlen(c->doc->id) : 0;
    for (size_t i = 0; i < n; i++) {
        cand *cd = v[i];
        if (events_grow((void **)&evs->v, &evs->cap, evs->n, sizeof *evs->v, ((evsblock *)evs)->v0)) {
            if (v != small)
                free(v);
            return SR_ENOMEM;
        }
        sr_event *e = &evs->v[evs->n];
        *e = cd->ev;
        /* "<doc id>-<n>", cut at 299 bytes like the snprintf it replaced,
         * written straight into the list's strings */
        {
            char num[24];
            size_t nl = 0, k = dl < EVENT_ID_MAX ? dl : EVENT_ID_MAX;
            for (size_t q = evs->n + 1; q; q /= 10)
                num[nl++] = (char)('0' + q % 10); /* digits, last first */
            size_t len = k < EVENT_ID_MAX ? k + 1 + nl : k;
            if (len > EVENT_ID_MAX)
                len = EVENT_ID_MAX;
            char *p = events_room(evs, len);
            if (p) {
                memcpy(p, did, k);
                if (k < len)
                    p[k++] = '-';
                while (k < len)
                    p[k++] = num[--nl];
                e->event_id = events_commit(evs, p, len);
            } else
                e->event_id = "";
        }
        /* the document's id, interned once for all its events */
        if (!docid)
            docid = sr__events_str(evs, c->doc->id, idl);
        e->doc_id = docid;
        e->kind = cd->kind_agg ? "aggregate" : "incident";
        e->event_type = cd->event_type;
        e->sub_event_type = cd->sub_event_type;
        e->actor1 = FIELD(evs, cd->actor1);
        e->actor2 = FIELD(evs, cd->actor2);
        e->assoc_actor_1 = FIELD(evs, cd->assoc1);
        e->assoc_actor_2 = FIELD(evs, cd->assoc2);
        if (!*cd->country && c->doc_iso3) {
            const sr__country *dc = country_of_iso(c, c->doc_iso3);
            if (dc) {
                scopy(cd->country, sizeof cd->country, dc->name);
                scopy(cd->iso3, sizeof cd->iso3, dc->iso3);
            }
        }
        e->country = FIELD(evs, cd->country);
        e->iso3 = FIELD(evs, cd->iso3);
        e->admin1 = FIELD(evs, cd->admin1);
        e->admin1_acled = FIELD(evs, cd->admin1_acled);
        e->admin2 = FIELD(evs, cd->admin2);
        e->location = FIELD(evs, cd->location);
        if (!*cd->source && c->doc_source)
            scopy(cd->source, sizeof cd->source, c->doc_source);
        e->source = FIELD(evs, cd->source);
        /* the sentence, its whitespace collapsed straight into the list's strings */
        size_t sl = (size_t)(e->ev_sentence.end - e->ev_sentence.start);
        char *np = sl ? events_room(evs, sl) : NULL;
        size_t nk = np ? collapse_ws(c->t.orig + e->ev_sentence.start, sl, np) : 0;
        e->notes = nk ? events_commit(evs, np, nk) : "";
        evs->n++;
    }
    if (v != small)
        free(v);
    return 0;
}

static void doc_source(coder *c)
{
    /* the attribution most often named in the document (counted per canonical name) */
    size_t nc = c->lx->ncues;
    int *cnt = NULL; /* (allocated at the first source: most documents name none) */
    int best = -1, bestn = 0;
    struct sr__codecache *cc = c->ctx->cc;
    if (cc && !cc->src_first && nc)
        cc->src_first = calloc(nc, sizeof *cc->src_first);
    for (size_t k = 0; k < c->nmen; k++) {
        if (c->men[k].type != MT_SOURCE)
            continue;
        if (!cnt && !(cnt = calloc(nc, sizeof *cnt)))
            break;
        /* rows with the same canonical name share the count of the first such row
         * (remembered per row in the context's cache) */
        uint32_t r = c->men[k].row;
        uint32_t first = r;
        if (cc && cc->src_first && cc->src_first[r]) {
            first = cc->src_first[r] - 1;
        } else {
            for (uint32_t q = 0; q < r; q++)
                if (!strcmp(c->lx->cues[q].arg, c->lx->cues[r].arg) && STREQ(c->lx->cues[q].kind, "source")) {
                    first = q;
                    break;
                }
            if (cc && cc->src_first)
                cc->src_first[r] = first + 1;
        }
        if (++cnt[first] > bestn) {
            bestn = cnt[first];
            best = (int)first;
        }
    }
    free(cnt);
    if (best >= 0)
        c->doc_source = c->lx->cues[best].arg;
    else if (c->doc->source && *c->doc->source)
        c->doc_source = c->doc->source;
}

/* The stages of coding a document, in order. A batch runs each stage over
 * all its documents before the next one: on a stream of short notes the
 * code of a stage then stays in the instruction cache, where coding each
 * note from its text to its events brought the whole coder back into the
 * cache for every note (docs/performance.md, speed12). */
enum { ST_TEXT, ST_SCAN, ST_PLACES, ST_MENTIONS, ST_DATES, ST_DOC, ST_SENTENCES, ST_MERGE, ST_EMIT, NSTAGES };

static int code_stage(coder *c, int stage, sr_events *evs)
{
    int rc = 0;
    switch (stage) {
    case ST_TEXT: {
        const sr_doc *doc = c->doc;
        c->has_pub = doc->date && sr__date_parse_iso(doc->date, &c->pub) == 0;
        if (!c->has_pub && doc->text) {
            /* no publication date: relative dates count from the first complete
             * date the text gives ("On 9 May 2020, ..."), documented in docs/coder.md */
            size_t n = doc->text_len < 4096 ? doc->text_len : 4096;
            c->has_pub = sr__date_find(doc->text, n, &c->pub) == 0;
        }
        struct sr__codecache *cc = c->ctx->cc;
        rc = sr__text_init_reuse(&c->t, doc->text ? doc->text : "", doc->text ? doc->text_len : 0,
                                 &cc->slot[c - cc->work].text);
        if (!rc && c->vocab) {
            if (sr__grow((void **)&c->vid, &c->capvid, c->t.ntoks + 1, sizeof *c->vid))
                c->sites = NULL, c->vocab = NULL; /* the word sets walk their lists instead */
            else
                vocab_tokens(c);
        }
        break;
    }
    case ST_SCAN:
        if (c->vocab && c->ctx->cc->lexmemo)
            rc = sr__matcher_scan_words(c->ctx->m, &c->t, c->vid, c->ctx->cc->lexmemo, on_match, c);
        else
            rc = sr__matcher_scan(c->ctx->m, &c->t, on_match, c);
        break;
    case ST_PLACES:
        rc = scan_places(c);
        break;
    case ST_MENTIONS:
        if ((rc = build_mentions(c)) == 0)
            rc = index_mentions(c);
        break;
    case ST_DATES:
        if ((rc = scan_dates(c)) != 0)
            break;
        if (sr__grow((void **)&c->para, &c->cappara, c->t.nsents, sizeof *c->para)) {
            rc = SR_ENOMEM;
            break;
        }
        memset(c->para, 0, (c->t.nsents + 1) * sizeof *c->para);
        for (size_t s = 1; s < c->t.nsents; s++) {
            /* a blank line between two sentences starts a new paragraph */
            uint32_t from = c->t.sents[s - 1].oe, to = c->t.sents[s].os, nls = 0;
            for (uint32_t k = from; k < to && k < c->t.orig_len; k++)
                if (c->t.orig[k] == '\n')
                    nls++;
            c->para[s] = c->para[s - 1] + (nls >= 2);
        }
        break;
    case ST_DOC:
        coherent_places(c);
        doc_country(c);
        doc_source(c);
        break;
    case ST_SENTENCES:
        for (size_t s = 0; s < c->t.nsents && !rc; s++)
            rc = code_sentence(c, (uint32_t)s);
        if (!rc && debug_cands)
            for (size_t k = 0; k < c->ncands; k++) {
                const cand *cd = &c->cands[k];
                fprintf(stderr, "cand %zu: %s | %s | a1=%s | a2=%s | fat=%d | %s | %s | date=%s(%d) | %.*s\n", k,
                        cd->cls ? sr__trigger_classes[cd->cls - 1] : "", cd->sub_event_type, cd->actor1, cd->actor2, cd->ev.fatalities, cd->location,
                        cd->kind_agg ? "agg" : "inc", cd->ev.event_date, cd->has_date,
                        (int)(cd->ev.ev_sentence.end - cd->ev.ev_sentence.start),
                        c->t.orig + cd->ev.ev_sentence.start);
            }
        break;
    case ST_MERGE:
        merge_cands(c);
        break;
    case ST_EMIT:
        rc = emit(c, evs);
        break;
    }
    return rc;
}

/* Codes docs[0, n) with the coders of the context's cache, n <= CODE_BATCH. */
static void code_some(sr_ctx *ctx, const sr_doc *docs, size_t n, sr_events **out, int *rcs)
{
    struct sr__codecache *cc = ctx->cc;
    for (size_t i = 0; i < n; i++) {
        coder *c = &cc->work[i];
        if (++cc->gen == 0) { /* (after 2^32 documents: every memo entry is stale) */
            for (size_t j = 0; j < CODE_BATCH; j++)
                memset((char *)&cc->work[j] + offsetof(coder, unitmemo), 0,
                       sizeof(coder) - offsetof(coder, unitmemo));
            cc->gen = 1;
        }
        /* (a memset, not an assignment from a literal, which would build it on
         * the stack first; the memos after gen stay) */
        memset(c, 0, offsetof(coder, gen));
        c->gen = cc->gen;
        c->ctx = ctx;
        c->lx = &ctx->lx;
        c->doc = &docs[i];
        c->sites = cc->sites;
        c->vocab = cc->vocab;
        cache_swap(c, &cc->slot[i], 1);
        out[i] = events_new();
        rcs[i] = out[i] ? 0 : SR_ENOMEM;
    }
    for (int st = 0; st < NSTAGES; st++)
        for (size_t i = 0; i < n; i++) {
            coder *c = &cc->work[i];
            if (rcs[i])
                continue;
            /* words the word sets of another document's rules added since
             * this one's tokens were numbered (tok_in_build) */
            if (st > ST_TEXT && c->vocab && c->vocab_n != c->vocab->n)
                vocab_tokens(c);
            rcs[i] = code_stage(c, st, out[i]);
        }
    for (size_t i = 0; i < n; i++) {
        coder *c = &cc->work[i];
        sr__text_keep(&c->t, &cc->slot[i].text);
        cache_swap(c, &cc->slot[i], 0);
        if (rcs[i]) {
            sr_events_free(out[i]);
            out[i] = NULL;
        }
    }
}

int sr_code_batch(sr_ctx *ctx, const sr_doc *docs, size_t n, sr_events **out, int *rcs)
{
    if (!out || !rcs || (n && !docs))
        return SR_EINVAL;
    for (size_t i = 0; i < n; i++)
        out[i] = NULL, rcs[i] = SR_EINVAL;
    if (!ctx)
        return SR_EINVAL;
    if (!ctx->cc)
        ctx->cc = calloc(1, sizeof *ctx->cc);
    struct sr__codecache *cc = ctx->cc;
    if (cc && !cc->work)
        cc->work = calloc(CODE_BATCH, sizeof *cc->work);
    if (!cc || !cc->work)
        return SR_ENOMEM;
    if (!cc->sites)
        cc->sites = calloc(nsites(), sizeof *cc->sites);
    if (!cc->vocab)
        cc->vocab = vocab_new();
    if (!cc->sites || !cc->vocab)
        return SR_ENOMEM;
    if (!cc->lexmemo) /* (without it the dictionary scan hashes every token itself) */
        cc->lexmemo = sr__wordmemo_new(VOCAB_MAX);
    /* in runs of up to CODE_BATCH documents and CODE_BATCH_BYTES of text
     * (a longer document alone), so that the slots' arrays stay small and
     * a batch's data stays in the caches */
    for (size_t i = 0; i < n;) {
        size_t k = 1, bytes = docs[i].text_len;
        while (i + k < n && k < CODE_BATCH && bytes + docs[i + k].text_len <= CODE_BATCH_BYTES)
            bytes += docs[i + k++].text_len;
        code_some(ctx, docs + i, k, out + i, rcs + i);
        i += k;
    }
    return 0;
}

int sr_code(sr_ctx *ctx, const sr_doc *doc, sr_events **out)
{
    if (!out)
        return SR_EINVAL;
    *out = NULL;
    if (!ctx || !doc)
        return SR_EINVAL;
    int rc;
    int brc = sr_code_batch(ctx, doc, 1, out, &rc);
    return brc ? brc : rc;
}

size_t sr_events_count(const sr_events *evs) { return evs ? evs->n : 0; }

const sr_event *sr_events_get(const sr_events *evs, size_t i) { return evs && i < evs->n ? &evs->v[i] : NULL; }

void sr_events_free(sr_events *evs)
{
    if (!evs)
        return;
    evsblock *b = (evsblock *)evs; /* (every list is made by events_new) */
    for (size_t i = 0; i < evs->nstrs; i++)
        if (evs->strs[i] != b->blk0)
            free(evs->strs[i]);
    if (evs->strs != b->strs0)
        free(evs->strs);
    if (evs->v != b->v0)
        free(evs->v);
    free(b);
}

/* How many TOK_IN call sites there are (__COUNTER__ has counted them all
 * by this point, the end of the file). */
static unsigned nsites(void) { return __COUNTER__; }
_Static_assert(__COUNTER__ <= 64 * SITE_WORDS, "more TOK_IN call sites than struct vocab has bits for: raise SITE_WORDS");
