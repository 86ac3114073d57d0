/* internal.h — what the library's modules share and the public API hides:
 * growable buffers, the text pipeline (normalised text, tokens, sentences),
 * the matcher interface and its engines, the lexicon tables, dates. */
#ifndef SR_INTERNAL_H
#define SR_INTERNAL_H

#include "sitrep.h"
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* ---- util.c: buffers with a size cap, strings ------------------------- */
typedef struct sr__buf {
    char *p;
    size_t len, cap, max; /* max: hard cap (0 = SR_MAX_INPUT_BYTES) */
} sr__buf;
void sr__buf_init(sr__buf *b, size_t max);
void sr__buf_release(sr__buf *b);
int sr__buf_grow_add(sr__buf *b, const void *p, size_t n); /* the slow path of sr__buf_add */
int sr__buf_reserve(sr__buf *b, size_t n); /* room for n more bytes and a NUL; the caller checks the cap */
/* Appends n bytes (SR_ETOOBIG over the cap). Inline: it is on every hot path
 * that builds text, and almost always fits in the space already there. */
static inline int sr__buf_add(sr__buf *b, const void *p, size_t n)
{
    if (n < b->cap - b->len && b->len + n <= b->max) {
        if (n)
            memcpy(b->p + b->len, p, n);
        b->len += n;
        b->p[b->len] = 0;
        return 0;
    }
    return sr__buf_grow_add(b, p, n);
}
static inline int sr__buf_addc(sr__buf *b, char c) { return sr__buf_add(b, &c, 1); }
static inline int sr__buf_adds(sr__buf *b, const char *s) { return sr__buf_add(b, s, strlen(s)); }
int sr__buf_printf(sr__buf *b, const char *fmt, ...);
char *sr__strndup(const char *s, size_t n);
/* Makes room for element n of an array of elements of size bytes (doubling). */
int sr__grow(void **v, size_t *cap, size_t n, size_t size);
char *sr__strdup(const char *s);
void sr__errf(char *err, size_t errlen, const char *fmt, ...);
/* Reads a whole file (path "-" = stdin) with a cap. */
int sr__read_all(const char *path, size_t max, char **out, size_t *outlen);
/* FNV-1a 64 and a hex SHA-like content hash used for de-duplication. */
uint64_t sr__hash64(const void *p, size_t n);

/* A hash index of string keys over a growing array of n entries of `size`
 * bytes whose first member is their key (char *). sr__keyidx_slot returns
 * key's slot: it holds the entry's index + 1, or 0 when the key is absent
 * (store n + 1 there after appending it). The table grows (from `min`
 * slots) before it is half full; NULL when out of memory. */
typedef struct sr__keyidx {
    size_t *slot, nslot;
} sr__keyidx;
size_t *sr__keyidx_slot(sr__keyidx *ix, const void *base, size_t size, size_t n, const char *key, size_t min);
void sr__keyidx_release(sr__keyidx *ix);

/* Length of the valid UTF-8 sequence at s (1..4), 0 when invalid (overlong
 * forms and surrogates are invalid). */
size_t sr__utf8_seq(const unsigned char *s, size_t n);
/* Replaces invalid UTF-8 sequences by U+FFFD. Returns a malloc'd copy in *out
 * (always), the number of repairs, and the first bad byte offset in *first_bad. */
int sr__utf8_repair(const char *s, size_t n, char **out, size_t *outlen, size_t *first_bad);

/* ---- text.c: normalised text, tokens, sentences ------------------------ */
enum { SR_TOK_WORD = 1, SR_TOK_NUM = 2, SR_TOK_PUNCT = 3 };
enum {
    SR_TF_CAP = 1,      /* original starts with an uppercase letter */
    SR_TF_ALLCAPS = 2,  /* original is all uppercase (2+ letters) */
    SR_TF_SSTART = 4,   /* first token of a sentence */
    SR_TF_NEWLINE = 8,  /* a line break precedes the token */
    SR_TF_ARTICLE = 16, /* a lowercase word that is an Arabic article (al el ad ar as az an at ash),
                           alone or before a dash ("al-bukamal"): place names may open with one */
    SR_TF_PLAIN = 32    /* a word or number of ASCII letters and digits only: one run, no
                           dash, apostrophe, separator or letter beyond ASCII inside */
};
typedef struct sr__tok {
    uint32_t s, e;   /* span in norm */
    uint32_t os, oe; /* span in the original text */
    uint8_t kind, flags;
} sr__tok;
typedef struct sr__sent {
    uint32_t tb, te; /* tokens [tb, te) */
    uint32_t os, oe; /* span in the original text */
} sr__sent;
/* norm is the original, NFKC-normalised, case-folded, with quotes/dashes
 * folded to ASCII and every whitespace run as one space; n2o maps each norm
 * byte (and norm_len) back to an original byte offset. norm is followed by
 * 8 zero bytes (its NUL and 7 more), so 8-byte loads may start at any byte
 * of it, up to norm_len. */
typedef struct sr__text {
    const char *orig;
    size_t orig_len;
    char *norm;
    size_t norm_len;
    uint32_t *n2o;
    sr__tok *toks;
    size_t ntoks;
    sr__sent *sents;
    size_t nsents;
    size_t capnorm, captoks, capsents; /* allocated: norm/n2o hold capnorm + 1 */
} sr__text;
int sr__text_init(sr__text *t, const char *s, size_t n);
void sr__text_release(sr__text *t);
/* The buffers of released texts, which the next text reuses instead of
 * allocating its own (the coder keeps one set per context: single notes are
 * short, and malloc/free per document cost more than their tokens). */
typedef struct sr__textbufs {
    char *norm;
    uint32_t *n2o;
    size_t capnorm;
    sr__tok *toks;
    uint8_t *nl; /* scratch, as many as toks */
    size_t captoks;
    sr__sent *sents;
    size_t capsents;
    void *brk; /* scratch: the line breaks normalise() found */
    size_t capbrk;
    uint8_t *st; /* scratch: sentence starts */
    size_t capst;
    uint32_t *cand; /* scratch: the tokens where a sentence may end or a line starts */
    size_t capcand;
} sr__textbufs;
/* sr__text_init with the buffers of tb (NULL: none), which t now owns. */
int sr__text_init_reuse(sr__text *t, const char *s, size_t n, sr__textbufs *tb);
/* Releases t, keeping its buffers (up to a few MB each) in tb. */
void sr__text_keep(sr__text *t, sr__textbufs *tb);
void sr__textbufs_release(sr__textbufs *tb);
/* The normalised form of a dictionary phrase (same folding as text), malloc'd. */
char *sr__norm_phrase(const char *s, size_t n, size_t *outlen);

/* ---- match.c: one matcher interface, two engines ---------------------- */
typedef struct sr__matcher sr__matcher;
/* pats are normalised phrases (sr__norm_phrase); ids are returned on match.
 * An id with SR__MATCH_FIND_ONLY set (portable engine only) is a phrase that
 * sr__matcher_find finds (the flag cleared) and the prefix filter does not
 * hold, so that no scan reports it: the gazetteer's spelling keys. */
#define SR__MATCH_FIND_ONLY 0x80000000u
sr__matcher *sr__matcher_new(sr_engine engine, const char *const *pats, const size_t *lens,
                             const uint32_t *ids, size_t n, char *err, size_t errlen);
void sr__matcher_free(sr__matcher *m);
const char *sr__matcher_engine(const sr__matcher *m);
/* Reports every match that starts at a token start and ends at a token end,
 * as token range [tb, te), in order of tb then te. Overlaps are all reported. */
typedef void (*sr__match_cb)(void *ud, uint32_t id, uint32_t tb, uint32_t te);
int sr__matcher_scan(sr__matcher *m, const sr__text *t, sr__match_cb cb, void *ud);
/* The same, where word[i] is a number the caller gives token i's text (0:
 * none; the same number for the same bytes, below the n of the memo) and wm
 * remembers, per number, the first step of a scan from such a token: most
 * tokens are common words, hashed and filtered once per matcher, not once
 * per occurrence. A memo serves one matcher. */
typedef struct sr__wordmemo sr__wordmemo;
sr__wordmemo *sr__wordmemo_new(size_t n);
void sr__wordmemo_free(sr__wordmemo *w);
int sr__matcher_scan_words(sr__matcher *m, const sr__text *t, const uint16_t *word, sr__wordmemo *wm,
                           sr__match_cb cb, void *ud);
/* The same, for a portable matcher, trying only the tokens i with starts[i]
 * set as the first token of a match (the gazetteer: names start upper-case). */
int sr__matcher_scan_from(sr__matcher *m, const sr__text *t, const uint8_t *starts, sr__match_cb cb, void *ud);
/* The same, trying only the tokens that have one of the SR_TF_ flags in mask
 * (the gazetteer: SR_TF_CAP | SR_TF_ARTICLE), without a mask array. */
int sr__matcher_scan_flags(sr__matcher *m, const sr__text *t, unsigned mask, sr__match_cb cb, void *ud);
/* A buffer of n bytes for such a starts mask, kept by the matcher from one
 * scan to the next (NULL: out of memory); valid until the next call or
 * sr__matcher_free. */
uint8_t *sr__matcher_starts_buf(sr__matcher *m, size_t n);
/* The id of the first pattern whose text is exactly p[0..n), or -1: a lookup
 * by text in the token hash (the patterns a Vectorscan database holds
 * instead are not found). */
long sr__matcher_find(const sr__matcher *m, const char *p, size_t n);
/* From now on no scan of m begins a match at a token whose first byte is b
 * (the gazetteer: its spelling keys begin with '#', and a "#tag" in a text
 * must never be read as one). */
void sr__matcher_skip_first(sr__matcher *m, unsigned char b);
/* The token hash of a portable matcher as a file (8-byte aligned arrays after a
 * header), and a matcher reading such a file in place from memory (p stays
 * owned by the caller and must outlive the matcher; *used: bytes consumed). */
int sr__matcher_write(const sr__matcher *m, FILE *f, uint64_t *written);
sr__matcher *sr__matcher_map(const void *p, size_t len, size_t *used, char *err, size_t errlen);

/* ---- date.c ----------------------------------------------------------- */
typedef struct sr__date {
    int y, m, d;
} sr__date;
int sr__date_parse_iso(const char *s, sr__date *out); /* YYYY-MM-DD */
/* Finds a date in a free-form line ("22 April, 2019", "April 22, 2019",
 * "2019-04-22", "22/04/2019", "Mon, 22 Apr 2019 10:00:00 GMT"). 0 if found. */
int sr__date_find(const char *s, size_t n, sr__date *out);
void sr__date_fmt(sr__date d, char out[11]);
long sr__date_days(sr__date d); /* days since 1970-01-01 */
sr__date sr__date_from_days(long days);
int sr__date_wday(sr__date d);  /* 0 = Sunday */
int sr__month_days(int y, int m);
/* A date expression found in (normalised, lower-case) text: an absolute date
 * ("22 april 2019", "april 22", "2019-04-22", "on 9 may 2020") or one relative
 * to the publication date pub ("on saturday", "yesterday", "last week",
 * "earlier this month", "last month", "over the past month", "since january"). */
typedef struct sr__date_hit {
    uint32_t s, e;        /* byte span in the scanned string */
    sr__date start, end;  /* inclusive range; start == end for a single day */
    int precision;        /* 1 a day, 2 a week or a few days, 3 a month or longer */
    int period;           /* 1: a span over which a total accrued ("over the past
                             month", "since january", "so far this year") */
} sr__date_hit;
/* Scans s[0..n) for date expressions, left to right, without overlaps; writes
 * at most max hits and returns how many were found. */
int sr__date_scan(const char *s, size_t n, sr__date pub, sr__date_hit *hits, int max);
/* The same over a string whose tokens the caller has classed: token i spans
 * s[toks[i].s - base .. toks[i].e - base) (in order, only spaces between two)
 * and tc[i] is the class lexing it alone gives: for a word of ASCII letters
 * (and digits after the first letter) its keyword class as
 * sr__date_word_class gives it, SR__DC_NONE for any other such word,
 * SR__DC_NUM for a run of ASCII digits, SR__DC_PUNCT for one ASCII
 * punctuation byte; else SR__DC_UNSURE. A classed word or number must be
 * followed by the end, a space or ASCII punctuation. The scan passes over
 * classed tokens instead of lexing them; its hits are those of sr__date_scan. */
enum { SR__DC_NONE = 0, SR__DC_PUNCT = 0xFD, SR__DC_NUM = 0xFE, SR__DC_UNSURE = 0xFF };
int sr__date_word_class(const char *w, size_t n);
const char *sr__date_keyword(size_t i);
int sr__date_scan_toks(const char *s, size_t n, sr__date pub, const sr__tok *toks, uint32_t base,
                       const uint8_t *tc, size_t ntoks, sr__date_hit *hits, int max);

/* ---- lexicon.c: the dictionaries of data/ ----------------------------- */
/* Every phrase of every dictionary goes into one matcher; the match id
 * packs (table << 24 | row). */
enum {
    SR_LX_ACTOR = 1,  /* named actors */
    SR_LX_AGENT,      /* generic actor nouns */
    SR_LX_TRIGGER,    /* event triggers */
    SR_LX_CUE,        /* negation, modality, opinion, period, attribution... */
    SR_LX_QUANT,      /* hedges and quantity words */
    SR_LX_COUNTRY,    /* country names, demonyms */
    SR_LX_PLACE,      /* places (own gazetteer) */
    SR_LX_NTABLES
};
#define SR_LX_ID(t, r) (((uint32_t)(t) << 24) | (uint32_t)(r))
#define SR_LX_TABLE(id) ((int)((id) >> 24))
#define SR_LX_ROW(id) ((uint32_t)((id)&0xffffff))

typedef struct sr__actor {
    char *key, *acled; /* acled may hold {country} */
    int inter;
    char *country; /* ISO3 or "*" */
} sr__actor;
typedef struct sr__agent {
    char *key, *acled; /* template: {country} {military} {police} */
    int inter;
    char *role; /* "", "civilian", "armed", "state", "protester"... */
} sr__agent;
/* Trigger classes (data/triggers.tsv, docs/dictionaries.md), numbered from 1
 * in the order of sr__trigger_classes, which names them; 0 is no class. */
enum {
    TC_KILL = 1, TC_ATTACK, TC_CLASH, TC_AIR, TC_SHELL, TC_REMOTE, TC_SUICIDE, TC_GRENADE, TC_CHEMICAL,
    TC_CAPTURE, TC_WITHDRAW, TC_PROTEST, TC_RIOT, TC_MOB, TC_ARREST, TC_LOOT, TC_ABDUCT, TC_SEXUAL,
    TC_DEFUSE, TC_AGREEMENT, TC_HQ, TC_CHANGE, TC_OTHER
};
extern const char *const sr__trigger_classes[]; /* NULL-terminated */
typedef struct sr__trigger {
    char *key, *cls, *sub_event_type;
    int cid;       /* TC_…: cls as a number, for the coder's tests */
    char *flags;   /* as written in triggers.tsv ("gap:" carries a value) */
    unsigned bits; /* SR__TRIG_…: the flags named in it, read once at load */
} sr__trigger;
enum { SR__TRIG_LABEL = 1, SR__TRIG_WEAK = 2, SR__TRIG_GAP = 4, SR__TRIG_PASSIVE = 8, SR__TRIG_NOUN = 16,
       SR__TRIG_NEEDS_TARGET = 32 };
/* Cue kinds (docs/dictionaries.md); "attrib" is two kinds by its argument. */
enum {
    CUE_NEG, CUE_MODAL, CUE_OPINION, CUE_SUBSET, CUE_ATTRIB_BEFORE, CUE_ATTRIB_AFTER, CUE_SOURCE,
    CUE_WOUND, CUE_ZERO, CUE_KILL, CUE_PERIOD, CUE_TARGET, CUE_AGENT, CUE_JOIN, CUE_PLACE,
    CUE_NEAR, CUE_BG, CUE_INTERVENE, CUE_UNIT, CUE_FALSE, CUE_NONCONFLICT, CUE_NONVIOLENT, CUE_REF,
    CUE_SAMEPLACE, CUE_BOTHSIDES, CUE_COUNTRY, CUE_OUTLET, CUE_N
};
typedef struct sr__cue {
    char *kind; /* neg, modal, opinion, subset, period, attrib, wound ... */
    char *arg;
    int id;     /* CUE_…, resolved when the dictionary is loaded */
} sr__cue;
typedef struct sr__quant {
    char *kind; /* "low", "high", "approx", "below", "number" */
    int low, best, high;
} sr__quant;
typedef struct sr__country {
    char *iso3, *name, *military, *police;
} sr__country;
typedef struct sr__place {
    char *name, *iso3, *admin1, *admin2, *kind;
    double lat, lon;
    long pop;
} sr__place;

typedef struct sr__lexicon {
    sr__actor *actors;
    size_t nactors;
    sr__agent *agents;
    size_t nagents;
    sr__trigger *triggers;
    size_t ntriggers;
    sr__cue *cues;
    size_t ncues;
    sr__quant *quants;
    size_t nquants;
    sr__country *countries;
    size_t ncountries;
    sr__place *places;
    size_t nplaces;
    int16_t *iso_index; /* 26^3 slots: ISO3 code → country row + 1 */
    /* all phrases, for the matcher */
    char **pats;
    size_t *lens;
    uint32_t *ids;
    size_t npats, cappats;
} sr__lexicon;
/* Loads the data/ TSV files; problems go to diag (file, line) and count as errors. */
int sr__lexicon_load(sr__lexicon *lx, const char *datadir, sr_diag_cb diag, void *ud);
void sr__lexicon_release(sr__lexicon *lx);
const sr__country *sr__lexicon_country(const sr__lexicon *lx, const char *iso3_or_name);
/* The row of an upper-case ISO3 code in lx->countries, or -1 (constant time). */
int sr__lexicon_iso(const sr__lexicon *lx, const char *iso3);

/* ---- gazetteer.c: the compiled GeoNames index, memory-mapped ---------- */
typedef struct sr__gaz sr__gaz;
struct sr__gzplace;
struct sr__gzadmin1;
struct sr__gzname;
sr__gaz *sr__gaz_open(const char *path, char *err, size_t errlen);
void sr__gaz_free(sr__gaz *g);
/* Reports every name of the index found in t (id = name index). */
int sr__gaz_scan(const sr__gaz *g, const sr__text *t, sr__match_cb cb, void *ud);
size_t sr__gaz_nplaces(const sr__gaz *g);
size_t sr__gaz_nnames(const sr__gaz *g);
const struct sr__gzplace *sr__gaz_place(const sr__gaz *g, uint32_t i);
const struct sr__gzname *sr__gaz_name(const sr__gaz *g, uint32_t i);
uint32_t sr__gaz_list(const sr__gaz *g, uint32_t i);
/* Does list entry i reach its place only through a GeoNames alternate name? */
int sr__gaz_list_alt(const sr__gaz *g, uint32_t i);
const struct sr__gzadmin1 *sr__gaz_admin1(const sr__gaz *g, uint32_t i);
const char *sr__gaz_str(const sr__gaz *g, uint32_t off);
long sr__gaz_lookup(const sr__gaz *g, const char *norm, size_t n);
/* Every admin1 unit's index, ordered by ISO3 code then index (malloc'd, *n
 * units; NULL: out of memory). */
uint32_t *sr__gaz_admin1_by_country(const sr__gaz *g, size_t *n);
size_t sr__gaz_key(const char *norm, size_t n, char *out, size_t cap);

/* ---- place.c: which of the same-named places the text means ------------ */
typedef struct sr__where {
    const char *name, *iso3, *admin1, *admin1_acled, *admin2;
    double lat, lon;
    long pop;
    int kind;           /* SR_GZ_… (gazetteer.h) */
    uint32_t geonameid; /* 0 for sitrep's own places */
    uint32_t place;     /* index in the gazetteer */
    uint32_t admin1_ix; /* admin1 table index or UINT32_MAX */
} sr__where;
/* What the text around a place mention says: the country in context, admin1
 * units named nearby, whether it speaks of a province ("Homs province"). */
typedef struct sr__placectx {
    const char *iso3;        /* may be NULL */
    const uint32_t *admin1;  /* admin1 indexes named nearby */
    int nadmin1;
    int want_admin;
} sr__placectx;
/* Scores every place named `name` and fills *out with the winner; with why
 * != NULL, also writes each candidate's score (for `sitrep place`). Returns
 * the number of candidates (0: none). */
int sr__place_resolve(const sr__gaz *g, uint32_t name, const sr__placectx *pc, sr__where *out,
                      double *scores, int maxscores);
void sr__place_where(const sr__gaz *g, uint32_t place, sr__where *out);

struct sr__codecache;
struct sr_ctx {
    char *datadir;
    sr__lexicon lx;
    sr__matcher *m;
    sr__gaz *gaz;
    struct sr__codecache *cc; /* the coder's arrays, kept from one document to the next */
};

/* ---- store.c: column readers mapping NULL to "" / unknown / NAN -------- */
struct sqlite3_stmt;
const char *sr__col_text(struct sqlite3_stmt *s, int i);
int sr__col_int(struct sqlite3_stmt *s, int i, int unknown);
double sr__col_real(struct sqlite3_stmt *s, int i);

/* ---- output.c ----------------------------------------------------------- */
/* The evidence spans as the output's JSON object (also stored by store.c). */
int sr__evidence_json(sr__buf *b, const sr_event *ev);
/* The members of an event's JSON object (no braces), appended to b: written
 * straight into b when a bound on their size fits its cap, else through
 * capped appends (same bytes). */
int sr__json_members(sr__buf *b, const sr_event *ev);

/* ---- store.c: what trend.c reads ------------------------------------------ */
/* One dated incident of a series (strings borrowed for the callback). */
typedef struct sr__incident {
    const char *key, *date;
    long fatalities; /* best estimate, 0 when unknown */
} sr__incident;
typedef int (*sr__incident_cb)(void *ud, const sr__incident *r);
/* Streams the dated incidents matching q's origin, country and dates
 * (precision a day to a few days, a non-empty key; each news incident once,
 * through its incident row) ordered by series key and date;
 * by: 0 actor1, 1 admin1, 2 "actor1 | admin1". */
int sr__store_incidents(sr_store *st, int by, const sr_query *q, sr__incident_cb cb, void *ud);
/* One row of the alert tallies: a series' incidents on a day (gran 'D') or in
 * the Monday-week starting on period (gran 'W'). */
typedef struct sr__alert_row {
    const char *key, *period;
    char gran;
    long n, fat, nfat;
} sr__alert_row;
typedef struct sr__alert_range {
    char gran;
    char lo[11], hi[11];
} sr__alert_range;
typedef int (*sr__alert_row_cb)(void *ud, const sr__alert_row *r);
/* Streams the alert tally rows of series kind by (as above) in the ranges
 * given, for q's origin and country. */
int sr__store_alert_rows(sr_store *st, int by, const sr_query *q, const sr__alert_range *r, int nr,
                         sr__alert_row_cb cb, void *ud);
/* The same ranges of the toll histogram (alert_marks): per row, a positive
 * toll in fat and the number of the row's incidents with that toll in n. */
int sr__store_alert_marks(sr_store *st, int by, const sr_query *q, const sr__alert_range *r, int nr,
                          sr__alert_row_cb cb, void *ud);
/* The events behind one series between since and until: for each reported
 * event, its id, the incident it belongs to (unit) and the other key (admin1
 * for an actor series, actor1 otherwise), in date order. */
typedef int (*sr__series_event_cb)(void *ud, const char *event_id, long long unit, const char *other);
int sr__store_series_events(sr_store *st, int by, const char *key, const sr_query *q, sr__series_event_cb cb,
                            void *ud);
/* First and last event_date of the events matching q ("" when none is
 * dated): two index probes, without counting. */
int sr__store_dates(sr_store *st, const sr_query *q, char first[11], char last[11]);
/* ---- dedup.c: reports of one incident (docs/dedup.md) --------------------- */
/* The incidents table and the index behind matching (schema version 5). */
extern const char sr__dedup_schema[];
typedef struct sr__dedup sr__dedup;
struct sqlite3;
sr__dedup *sr__dedup_new(struct sqlite3 *db, char *err, size_t errlen);
void sr__dedup_free(sr__dedup *d);
/* The incident a news incident event belongs to: a matching stored one, or a
 * new one made of this report alone (*created = 1). outlet names the report's
 * source; text is the document the event's evidence spans point into. Call
 * sr__dedup_refresh once the event is stored with that id. */
int sr__dedup_link(sr__dedup *d, const sr_event *ev, const char *outlet, const char *text, size_t text_len,
                   int64_t *id, int *created, char *err, size_t errlen);
/* Recomputes an incident (dates, place, reconciled fatalities, counts) from its mentions. */
int sr__dedup_refresh(sr__dedup *d, int64_t id, char *err, size_t errlen);
/* Links the news incident events stored without an incident, in arrival order. */
int sr__dedup_relink(sr__dedup *d, char *err, size_t errlen);
/* ---- trend.c: the statistics behind alerts -------------------------------- */
/* P(X >= k) for X ~ Binomial(n, p). */
double sr__trend_binom_sf(long k, long n, double p);
/* P(S >= s) for S = sum of marks[i] * B_i, B_i ~ Bernoulli(p) independent:
 * the conditional test of a window's fatalities given its incidents. Exact
 * (convolution) when n times the total is at most 2e7, else a normal
 * approximation; *exact tells which (may be NULL). */
double sr__trend_marked_sf(const long *marks, size_t n, long s, double p, int *exact);
/* Holm's step-down adjustment of n p-values over m >= n tests (Tarone's count
 * of the testable series): adj[i] for p[i]. */
void sr__trend_holm(const double *p, size_t n, long m, double *adj);
/* Tarone's number of testable series: the smallest m such that at most m
 * series have a least attainable p-value (pmin) at or below alpha / m. */
long sr__trend_tarone(const double *pmin, size_t n, double alpha);
/* P(X >= k) for X ~ BetaBinomial(n, a, b): the window's share of a series'
 * incidents when the daily rate carries gamma noise (negative binomial). */
double sr__trend_betabinom_sf(long k, long n, double a, double b);
/* Overdispersion pooled over series from their weekly baseline counts:
 * add each series' weeks, then read the gamma shape per day (0: Poisson). */
typedef struct sr__trend_disp {
    double excess, msq; /* sums of (variance - mean) and of squared means */
    long series;
} sr__trend_disp;
void sr__trend_disp_add(sr__trend_disp *d, const long *weeks, size_t n);
double sr__trend_disp_shape(const sr__trend_disp *d);
struct sr__trend_stat;
/* Sets t->p and t->pmin of the incident-count test from t->wev and t->bev:
 * binomial when shape is 0, else beta-binomial with a = shape * wdays,
 * b = shape * bdays. */
void sr__trend_test_events(struct sr__trend_stat *t, int wdays, int bdays, double shape);
/* One series' counts and test result, as the decision rule sees them. */
typedef struct sr__trend_stat {
    long wcount, bcount; /* incidents or fatalities in window, baseline */
    long wev, bev;       /* incidents in window, baseline */
    double p, pmin;      /* one-sided p-value, least attainable p-value */
    double adj;          /* out: Holm-adjusted p-value (1 when not testable) */
    double ratio;        /* out: window rate / baseline rate (INFINITY: new) */
    int testable, flagged; /* out */
} sr__trend_stat;
/* The decision rule over all series of one run: Tarone's testable set,
 * Holm's adjustment over it, then the floors; returns the number of tests. */
long sr__trend_decide(sr__trend_stat *s, size_t n, double alpha, long min_count, double min_ratio, int wdays,
                      int bdays);

/* ---- events (code.c) ---------------------------------------------------- */
/* Made only by sr_code (code.c's events_new: the list shares one allocation
 * with its first arrays and string block), freed by sr_events_free. */
struct sr_events {
    sr_event *v;
    size_t n, cap;
    char **strs; /* blocks holding every string the events own */
    size_t nstrs, capstrs;
    size_t blkused, blkcap; /* the last block's fill and size */
};
/* Prepares the coder's static tables; sr_ctx_new calls it. */
void sr__code_init(void);
/* Frees the arrays the coder keeps in a context (NULL: no-op). */
void sr__code_cache_free(struct sr__codecache *cc);
/* Interns a string in the event list (NULL → ""). */
const char *sr__events_str(sr_events *evs, const char *s, size_t n);
/* sr__events_str of the string in an array of cap bytes (NUL-terminated
 * within it, or all cap bytes taken), measured and copied inline. */
const char *sr__events_field(sr_events *evs, const char *s, size_t cap);

#endif
