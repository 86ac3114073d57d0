/* test_text.c — unit tests for src/text.c: normalisation and its offset map,
 * folding of accents/quotes/dashes/spaces, tokens (words, numbers,
 * abbreviations, case flags) and sentence splitting. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define SEED "../shared/data/samples/is-syria-2019-04-22.txt"

static char *norm_of(const char *s)
{
    size_t n;
    char *p = sr__norm_phrase(s, strlen(s), &n);
    assert_non_null(p);
    assert_int_equal(strlen(p), n);
    return p;
}

static void assert_norm(const char *in, const char *want)
{
    char *p = norm_of(in);
    assert_string_equal(p, want);
    free(p);
}

/* Every token's original span normalises to the token's norm bytes, the map
 * is monotonic, and n2o[norm_len] is the original length. */
static void check_offsets(const char *s, size_t n)
{
    sr__text t;
    assert_int_equal(sr__text_init(&t, s, n), 0);
    assert_int_equal(t.n2o[t.norm_len], n);
    for (size_t i = 1; i <= t.norm_len; i++)
        assert_true(t.n2o[i - 1] <= t.n2o[i]);
    for (size_t i = 0; i < t.ntoks; i++) {
        const sr__tok *k = &t.toks[i];
        assert_true(k->s < k->e && k->e <= t.norm_len);
        assert_true(k->os < k->oe && k->oe <= n);
        if (i)
            assert_true(t.toks[i - 1].e <= k->s && t.toks[i - 1].oe <= k->os);
        size_t len;
        char *p = sr__norm_phrase(s + k->os, k->oe - k->os, &len);
        assert_non_null(p);
        if (len != k->e - k->s || memcmp(p, t.norm + k->s, len) != 0)
            fail_msg("token %zu: orig '%.*s' normalises to '%s', norm has '%.*s'", i, (int)(k->oe - k->os),
                     s + k->os, p, (int)(k->e - k->s), t.norm + k->s);
        free(p);
    }
    /* sentences tile the tokens and are trimmed */
    size_t next = 0;
    for (size_t j = 0; j < t.nsents; j++) {
        assert_int_equal(t.sents[j].tb, next);
        assert_true(t.sents[j].te > t.sents[j].tb);
        assert_true(t.toks[t.sents[j].tb].flags & SR_TF_SSTART);
        next = t.sents[j].te;
        assert_true(s[t.sents[j].os] != ' ' && s[t.sents[j].oe - 1] != ' ' && s[t.sents[j].oe - 1] != '\n');
    }
    assert_int_equal(next, t.ntoks);
    sr__text_release(&t);
}

static void test_offsets(void **state)
{
    (void)state;
    const char *samples[] = {
        "Plain ASCII text, with 1,200 words.",
        "  Leading   and trailing  \n\n spaces  ",
        "Caf\xc3\xa9 in D\xc3\xa1yr \xc3\xa0z Zawr \xe2\x80\x94 \xe2\x80\x9cquoted\xe2\x80\x9d and \xe2\x80\x98single\xe2\x80\x99.",
        ("Stra\xc3\x9f" "e \xef\xac\x81ne \xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3 e\xcc\x81t\xc3\xa9 \xe2\x88\x92" "5\xc2\xa0km"),
        "\xd8\xaf\xd9\x8a\xd8\xb1 \xd8\xa7\xd9\x84\xd8\xb2\xd9\x88\xd8\xb1 \xd9\x85\xd9\x8e\xd8\xaf\xd9\x90\xd9\x8a\xd9\x86\xd9\x8e\xd8\xa9.",
        ("soft\xc2\xadhyphen zero\xe2\x80\x8bwidth \xef\xbb\xbf" "bom"),
        "",
    };
    for (size_t i = 0; i < sizeof samples / sizeof *samples; i++)
        check_offsets(samples[i], strlen(samples[i]));
    char *s;
    size_t n;
    assert_int_equal(sr__read_all(SEED, 0, &s, &n), 0);
    check_offsets(s, n);
    free(s);
}

static void test_folding(void **state)
{
    (void)state;
    /* accents, NFKC, case fold */
    assert_norm("D\xc3\xa1yr \xc3\xa0z Z\xc3\xa0wr", "dayr az zawr");
    assert_norm("DAYR AZ ZAWR", "dayr az zawr");
    assert_norm("e\xcc\x81t\xc3\xa9", "ete"); /* combining and precomposed accents */
    assert_norm("\xef\xac\x81ne", "fine");      /* ligature */
    assert_norm("Stra\xc3\x9f" "e", "strasse");
    assert_norm("\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3", "abc"); /* full-width */
    /* quotes, dashes, minus, spaces */
    assert_norm("\xe2\x80\x98x\xe2\x80\x99 \xca\xbc `y", "'x' ' 'y");
    assert_norm("\xe2\x80\x9cq\xe2\x80\x9d", "\"q\"");
    assert_norm("a\xe2\x80\x93" "b\xe2\x80\x94" "c\xe2\x80\x92" "d\xe2\x80\x95" "e\xe2\x88\x92" "1", "a-b-c-d-e-1");
    assert_norm("islamic\xc2\xa0state\xe2\x80\x83group", "islamic state group");
    /* whitespace runs collapse, ends trimmed */
    assert_norm("  islamic \t\r\n\n  state  ", "islamic state");
    /* a dictionary phrase and the same words in running text normalise alike */
    sr__text t;
    const char *txt = "Forces of the \xe2\x80\x9cIslamic\n  State\xe2\x80\x9d group";
    assert_int_equal(sr__text_init(&t, txt, strlen(txt)), 0);
    assert_string_equal(t.norm, "forces of the \"islamic state\" group");
    assert_non_null(strstr(t.norm, "islamic state"));
    sr__text_release(&t);
}

static const sr__tok *find_tok(const sr__text *t, const char *w)
{
    for (size_t i = 0; i < t->ntoks; i++)
        if (t->toks[i].e - t->toks[i].s == strlen(w) && !memcmp(t->norm + t->toks[i].s, w, strlen(w)))
            return &t->toks[i];
    return NULL;
}

/* Checks that text tokenises to exactly the space-separated list want. */
static void assert_tokens(const char *text, const char *want)
{
    sr__text t;
    assert_int_equal(sr__text_init(&t, text, strlen(text)), 0);
    char got[2048] = "";
    size_t at = 0;
    for (size_t i = 0; i < t.ntoks; i++)
        at += (size_t)snprintf(got + at, sizeof got - at, "%s%.*s", i ? "|" : "", (int)(t.toks[i].e - t.toks[i].s),
                               t.norm + t.toks[i].s);
    assert_string_equal(got, want);
    sr__text_release(&t);
}

static void test_tokens(void **state)
{
    (void)state;
    assert_tokens("Al-Assad's regime-linked forces don't", "al-assad|'s|regime-linked|forces|don't");
    assert_tokens("search-and-destroy in Deir ez-Zor.", "search-and-destroy|in|deir|ez-zor|.");
    assert_tokens("1,200 people, 3.5 km, 2019-04-22", "1,200|people|,|3.5|km|,|2019|-|04|-|22");
    assert_tokens("The U.S. and U.K. at 5 a.m. (e.g. this)", "the|u.s.|and|u.k.|at|5|a.m.|(|e.g.|this|)");
    assert_tokens("'caliphate', forces' -- pro- x", "'|caliphate|'|,|forces|'|-|-|pro|-|x");
    assert_tokens("covid-19 F-16s 20-year-old", "covid-19|f-16s|20-year-old");
    assert_tokens("example.com 10:30", "example|.|com|10|:|30");

    sr__text t;
    const char *txt = "The US-led SOHR said\nIS fighters: 1,200 killed, about 3.5 percent";
    assert_int_equal(sr__text_init(&t, txt, strlen(txt)), 0);
    const sr__tok *k = find_tok(&t, "the");
    assert_non_null(k);
    assert_true(k->flags & SR_TF_CAP);
    assert_false(k->flags & SR_TF_ALLCAPS);
    assert_true(k->flags & SR_TF_SSTART);
    k = find_tok(&t, "sohr");
    assert_true((k->flags & (SR_TF_CAP | SR_TF_ALLCAPS)) == (SR_TF_CAP | SR_TF_ALLCAPS));
    assert_memory_equal(txt + k->os, "SOHR", 4);
    assert_int_equal(k->oe - k->os, 4);
    k = find_tok(&t, "is");
    assert_true(k->flags & SR_TF_NEWLINE);
    assert_true(k->flags & SR_TF_ALLCAPS);
    k = find_tok(&t, "said");
    assert_int_equal(k->flags & (SR_TF_CAP | SR_TF_NEWLINE | SR_TF_SSTART), 0);
    k = find_tok(&t, "1,200");
    assert_int_equal(k->kind, SR_TOK_NUM);
    assert_int_equal(find_tok(&t, "3.5")->kind, SR_TOK_NUM);
    assert_int_equal(find_tok(&t, ":")->kind, SR_TOK_PUNCT);
    assert_int_equal(find_tok(&t, "us-led")->kind, SR_TOK_WORD);
    assert_true(find_tok(&t, "us-led")->flags & SR_TF_CAP);
    sr__text_release(&t);
}

/* Checks that text splits into exactly the sentences in want (NULL-ended). */
static void check_sents(const char *text, const char *const *want)
{
    sr__text t;
    assert_int_equal(sr__text_init(&t, text, strlen(text)), 0);
    size_t n = 0;
    while (want[n])
        n++;
    for (size_t j = 0; j < t.nsents && j < n; j++) {
        const sr__sent *s = &t.sents[j];
        if (strlen(want[j]) != s->oe - s->os || memcmp(text + s->os, want[j], s->oe - s->os) != 0)
            fail_msg("sentence %zu is '%.*s', want '%s'", j, (int)(s->oe - s->os), text + s->os, want[j]);
    }
    if (t.nsents != n)
        fail_msg("%zu sentences, want %zu, in '%s'", t.nsents, n, text);
    sr__text_release(&t);
}

#define SENTS(text, ...)                                   \
    do {                                                   \
        const char *const w_[] = {__VA_ARGS__, NULL};      \
        check_sents(text, w_);                             \
    } while (0)

/* The article flag: a lowercase Arabic article alone or before a dash, never
 * a capitalised word (which the gazetteer tries anyway) or a longer word. */
static void test_article_flag(void **state)
{
    (void)state;
    const char *text = "al-Bukamal, el Fasher, al qaim, ash Shaddadi, as-Safira, Al Bab, alex, ela, ashes, at 5";
    const char *want[] = {"al-bukamal", "el", "al", "ash", "as-safira", "at"};
    sr__text t;
    assert_int_equal(sr__text_init(&t, text, strlen(text)), 0);
    size_t nw = 0;
    for (size_t i = 0; i < t.ntoks; i++) {
        if (!(t.toks[i].flags & SR_TF_ARTICLE))
            continue;
        assert_true(nw < sizeof want / sizeof *want);
        size_t n = t.toks[i].e - t.toks[i].s;
        assert_int_equal(n, strlen(want[nw]));
        assert_memory_equal(t.norm + t.toks[i].s, want[nw], n);
        assert_int_equal(t.toks[i].kind, SR_TOK_WORD);
        assert_false(t.toks[i].flags & SR_TF_CAP);
        nw++;
    }
    assert_int_equal(nw, sizeof want / sizeof *want);
    sr__text_release(&t);
}

/* SR_TF_PLAIN: words and numbers of ASCII letters and digits only, in one
 * run; what the date scanner may class without lexing. */
static void test_plain_flag(void **state)
{
    (void)state;
    const char *text = "On 9 May 2020, Saturday\xe2\x80\x94police mid-May 9th 2019-04-22 AK47 \xc3\xa9t\xc3\xa9 1,000 U.S. "
                       "Ahmed's caf\xc3\xa9 killed.";
    /* (norm folds the dash to "-" and the accents away: "saturday-police",
     * "ete" and "cafe"; "2019-04-22" is three numbers and two dashes) */
    const char *want[] = {"on", "9", "may", "2020", "9th", "22", "ak47", "ete", "ahmed", "cafe", "killed"};
    sr__text t;
    assert_int_equal(sr__text_init(&t, text, strlen(text)), 0);
    size_t nw = 0;
    for (size_t i = 0; i < t.ntoks; i++) {
        if (!(t.toks[i].flags & SR_TF_PLAIN))
            continue;
        assert_true(nw < sizeof want / sizeof *want);
        size_t n = t.toks[i].e - t.toks[i].s;
        assert_int_equal(n, strlen(want[nw]));
        assert_memory_equal(t.norm + t.toks[i].s, want[nw], n);
        assert_int_not_equal(t.toks[i].kind, SR_TOK_PUNCT);
        nw++;
    }
    assert_int_equal(nw, sizeof want / sizeof *want);
    sr__text_release(&t);
}

static void test_sentences(void **state)
{
    (void)state;
    SENTS("Gen. Smith met Dr. Jones. They talked.", "Gen. Smith met Dr. Jones.", "They talked.");
    SENTS("Mr. al-Assad spoke. Troops moved.", "Mr. al-Assad spoke.", "Troops moved.");
    SENTS("The U.S. Army said so. Others disagreed.", "The U.S. Army said so.", "Others disagreed.");
    SENTS("George W. Bush and A. Smith met. Then they left.", "George W. Bush and A. Smith met.",
          "Then they left.");
    SENTS("It began at 5 a.m. Monday and ended at 5 p.m. The army said nothing.",
          "It began at 5 a.m. Monday and ended at 5 p.m.", "The army said nothing.");
    SENTS("On Jan. 5 Lt. Col. Ali and Sgt. Omar left. Nobody knew.", "On Jan. 5 Lt. Col. Ali and Sgt. Omar left.",
          "Nobody knew.");
    SENTS("Guns, tanks, etc. were seized. Etc. Next one.", "Guns, tanks, etc. were seized.", "Etc.", "Next one.");
    SENTS("He said: \"They killed two.\" Police arrived.", "He said: \"They killed two.\"", "Police arrived.");
    SENTS("Really? Yes! It is 3.5 km away. 12 died.", "Really?", "Yes!", "It is 3.5 km away.", "12 died.");
    SENTS("Key points:\n- Five killed\n- Two hurt\n* Roads shut\n1. Curfew set",
          "Key points:", "- Five killed", "- Two hurt", "* Roads shut", "1. Curfew set");
    SENTS("Blasts Hit Town\nDAMASCUS, 22 April 2019\nFive people were killed in a blast.",
          "Blasts Hit Town", "DAMASCUS, 22 April 2019", "Five people were killed in a blast.");
    SENTS("first paragraph without end\n\nsecond one", "first paragraph without end", "second one");
    SENTS("the troops were\nlater withdrawn.", "the troops were\nlater withdrawn.");
    SENTS("Deaths rose.\r\n\r\nTalks failed.", "Deaths rose.", "Talks failed.");
    SENTS("one.two. lower case after stop.", "one.two. lower case after stop.");
    /* two sentences typed without a space; abbreviations and dotted names stay whole */
    SENTS("Shops were burnt in the area.Three people died.", "Shops were burnt in the area.", "Three people died.");
    SENTS("He met Mr.Smith at nation.africa offices.", "He met Mr.Smith at nation.africa offices.");
    SENTS("The U.S.Army and the UN.Envoy spoke.", "The U.S.Army and the UN.Envoy spoke.");
    /* hard-wrapped prose: a long line without a stop is not a headline */
    SENTS("Although the Kurdish-led forces won a six-month battle last month, the\n"
          "Syrian Democratic Forces remain in the area near the border town.",
          "Although the Kurdish-led forces won a six-month battle last month, the\n"
          "Syrian Democratic Forces remain in the area near the border town.");
    /* the seed report: title lines and the photo caption stand alone */
    char *s;
    size_t n;
    assert_int_equal(sr__read_all(SEED, 0, &s, &n), 0);
    sr__text t;
    assert_int_equal(sr__text_init(&t, s, n), 0);
    assert_true(t.nsents >= 15);
    int seen_date = 0;
    for (size_t j = 0; j < t.nsents; j++) {
        const sr__sent *x = &t.sents[j];
        if (x->oe - x->os == strlen("22 April, 2019") && !memcmp(s + x->os, "22 April, 2019", x->oe - x->os))
            seen_date = 1;
        /* no sentence runs over a blank line */
        for (uint32_t p = x->os; p + 1 < x->oe; p++)
            assert_false(s[p] == '\n' && s[p + 1] == '\n');
    }
    assert_true(seen_date);
    sr__text_release(&t);
    free(s);
}

static void test_edge(void **state)
{
    (void)state;
    sr__text t;
    assert_int_equal(sr__text_init(&t, "", 0), 0);
    assert_int_equal(t.ntoks, 0);
    assert_int_equal(t.nsents, 0);
    assert_int_equal(t.norm_len, 0);
    assert_int_equal(t.n2o[0], 0);
    sr__text_release(&t);
    assert_int_equal(sr__text_init(&t, " \n\t \n", 5), 0);
    assert_int_equal(t.ntoks, 0);
    assert_int_equal(t.norm_len, 0);
    assert_int_equal(t.n2o[0], 5);
    sr__text_release(&t);
    /* invalid UTF-8 (callers repair it first) still gives a sound result */
    const char bad[] = "ab\xff\xfe" "cd \xe2\x80";
    check_offsets(bad, sizeof bad - 1);
    /* a run-on list is cut into bounded sentences */
    size_t big = 30000;
    char *s = malloc(big);
    for (size_t i = 0; i < big; i += 2) {
        s[i] = 'x';
        s[i + 1] = ' ';
    }
    assert_int_equal(sr__text_init(&t, s, big), 0);
    assert_int_equal(t.ntoks, big / 2);
    assert_int_equal(t.nsents, 15); /* cut every 1000 tokens exactly */
    for (size_t j = 0; j < t.nsents; j++) {
        assert_int_equal(t.sents[j].tb, j * 1000);
        assert_int_equal(t.sents[j].te, j * 1000 + 1000);
        assert_true(t.toks[t.sents[j].tb].flags & SR_TF_SSTART);
    }
    sr__text_release(&t);
    /* a sentence end inside a run restarts the count: 1500 words, ". X", 1999
     * words give [0,1000) [1000,1501) [1501,2501) [2501,3501) */
    size_t m = 0;
    for (int i = 0; i < 1500; i++)
        s[m++] = 'x', s[m++] = ' ';
    memcpy(s + m, ". X ", 4);
    m += 4;
    for (int i = 0; i < 1999; i++)
        s[m++] = 'x', s[m++] = ' ';
    assert_int_equal(sr__text_init(&t, s, m), 0);
    assert_int_equal(t.ntoks, 3501);
    assert_int_equal(t.nsents, 4);
    static const uint32_t bounds[] = {0, 1000, 1501, 2501, 3501};
    for (size_t j = 0; j < 4; j++) {
        assert_int_equal(t.sents[j].tb, bounds[j]);
        assert_int_equal(t.sents[j].te, bounds[j + 1]);
    }
    for (size_t i = 0; i < t.ntoks; i++) /* the flag on the starts only */
        assert_int_equal((t.toks[i].flags & SR_TF_SSTART) != 0, i == 0 || i == 1000 || i == 1501 || i == 2501);
    sr__text_release(&t);
    free(s);
}

/* The model of normalisation for ASCII text with the two-byte e acute
 * (folded to "e"): whitespace runs as one space at the first's offset (none
 * first), other control bytes dropped, the backquote as an apostrophe, ASCII
 * lower-cased. Writes the text to want and the offsets to wmap; returns its
 * length. */
static size_t model_norm(const char *in, size_t n, char *want, uint32_t *wmap)
{
    size_t wl = 0, ws_at = 0;
    int ws = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)in[i];
        if (c == ' ' || (c >= '\t' && c <= '\r')) {
            if (!ws)
                ws_at = i;
            ws = 1;
            continue;
        }
        if (c < 0x20 || c == 0x7f)
            continue;
        if (ws && wl) {
            want[wl] = ' ';
            wmap[wl++] = (uint32_t)ws_at;
        }
        ws = 0;
        if (c >= 0x80) { /* the e acute: its mark is stripped */
            want[wl] = 'e';
            wmap[wl++] = (uint32_t)i++;
            continue;
        }
        want[wl] = c == '`' ? '\'' : (c >= 'A' && c <= 'Z') ? (char)(c | 0x20) : (char)c;
        wmap[wl++] = (uint32_t)i;
    }
    return wl;
}

/* The ASCII fast paths of normalisation (16 bytes at a time with SSE2, then
 * eight, bulk copies) against a byte-at-a-time model: printable bytes
 * lower-cased, backquote as an apostrophe, other controls dropped, each
 * whitespace run one space mapped to its first byte. Specials are put at
 * every offset of a line of several windows, so that each lands at every
 * position of the 16- and 8-byte windows. */
static void test_ascii_runs(void **state)
{
    (void)state;
    static const char base[] = "Abcdefgh ijk, lmnopQRS. TUV wx yz 0123 45.6789 end! Fin [Zz@] {AZ}~ x y z 1 2 3 a";
    static const char *const specials[] = {"  ", "\t", "\n", "\r\n", "`", "\x7f", "\x01", " \x7f ", " ", "a b", "@[`{"};
    char in[160], want[160];
    uint32_t wmap[160];
    for (size_t sp = 0; sp < sizeof specials / sizeof *specials; sp++) {
        for (size_t at = 0; at < sizeof base; at++) {
            size_t sl = strlen(specials[sp]), n = 0;
            memcpy(in, base, at);
            memcpy(in + at, specials[sp], sl);
            memcpy(in + at + sl, base + at, sizeof base - 1 - at);
            n = sizeof base - 1 + sl;
            size_t wl = model_norm(in, n, want, wmap);
            sr__text t;
            assert_int_equal(sr__text_init(&t, in, n), 0);
            if (t.norm_len != wl || memcmp(t.norm, want, wl) != 0)
                fail_msg("special %zu at %zu: norm '%.*s', want '%.*s'", sp, at, (int)t.norm_len, t.norm, (int)wl, want);
            for (size_t i = 0; i < wl; i++)
                if (t.n2o[i] != wmap[i])
                    fail_msg("special %zu at %zu: n2o[%zu] = %u, want %u", sp, at, i, t.n2o[i], wmap[i]);
            assert_int_equal(t.n2o[wl], n);
            sr__text_release(&t);
            check_offsets(in, n);
        }
    }
}

/* The end of an ASCII run (the 16-byte window that ends at the text's end,
 * overlapping bytes already taken): a line with a special byte or two at
 * every offset, cut at every length, against the model of test_ascii_runs,
 * so that the text ends at every position of that window, after a space,
 * inside a whitespace run and right after a special. */
static void test_ascii_tails(void **state)
{
    (void)state;
    static const char base[] = "Abcdefgh ijk, lmnopQRS. TUV wx yz 0123 45.6789 end!";
    static const char *const specials[] = {"  ", "\t", "`", "\x01", " ", "\xc3\xa9"};
    char in[96], want[96];
    uint32_t wmap[96];
    for (size_t sp = 0; sp < sizeof specials / sizeof *specials; sp++)
        for (size_t at = 0; at < sizeof base; at++) {
            size_t sl = strlen(specials[sp]);
            memcpy(in, base, at);
            memcpy(in + at, specials[sp], sl);
            memcpy(in + at + sl, base + at, sizeof base - 1 - at);
            for (size_t n = 1; n <= sizeof base - 1 + sl; n++) {
                if (sp == 5 && n > at && n < at + sl)
                    continue; /* (inside the two-byte letter) */
                size_t wl = model_norm(in, n, want, wmap);
                sr__text t;
                assert_int_equal(sr__text_init(&t, in, n), 0);
                if (t.norm_len != wl || memcmp(t.norm, want, wl) != 0)
                    fail_msg("special %zu at %zu, %zu bytes: norm '%.*s', want '%.*s'", sp, at, n, (int)t.norm_len,
                             t.norm, (int)wl, want);
                for (size_t i = 0; i < wl; i++)
                    if (t.n2o[i] != wmap[i])
                        fail_msg("special %zu at %zu, %zu bytes: n2o[%zu] = %u, want %u", sp, at, n, i, t.n2o[i],
                                 wmap[i]);
                assert_int_equal(t.n2o[wl], n);
                sr__text_release(&t);
            }
        }
}

/* Case flags of every word of up to three letters drawn from lower and
 * upper case, ASCII and not (a, A, e acute, E acute, and a digit), against
 * the rule: CAP when the first is uppercase, ALLCAPS with two or more
 * uppercase and no lowercase ones; the tokeniser settles "Ha..." from its
 * first two bytes and asks case_flags for the rest. */
static void test_case_flags(void **state)
{
    (void)state;
    static const char *const parts[] = {"a", "A", "\xc3\xa9", "\xc3\x89", "7"};
    static const int up[] = {0, 1, 0, 1, 0}, low[] = {1, 0, 1, 0, 0};
    for (int len = 1; len <= 3; len++)
        for (int code = 0; code < 125; code++) {
            int d[3] = {code % 5, code / 5 % 5, code / 25};
            if ((len < 3 && d[2]) || (len < 2 && d[1]))
                continue;
            char text[32] = "x ";
            int nup = 0, nlow = 0;
            for (int i = 0; i < len; i++) {
                strcat(text, parts[d[i]]);
                nup += up[d[i]];
                nlow += low[d[i]];
            }
            strcat(text, " y");
            sr__text t;
            assert_int_equal(sr__text_init(&t, text, strlen(text)), 0);
            assert_int_equal(t.ntoks, 3);
            int want = (up[d[0]] ? SR_TF_CAP : 0) | (nup >= 2 && !nlow ? SR_TF_ALLCAPS : 0);
            if ((t.toks[1].flags & (SR_TF_CAP | SR_TF_ALLCAPS)) != want)
                fail_msg("'%s': flags %d, want %d", text, t.toks[1].flags & (SR_TF_CAP | SR_TF_ALLCAPS), want);
            sr__text_release(&t);
        }
}

/* Words of every length up to 40 bytes (the tokeniser takes ASCII letters
 * and digits 16 at a time with SSE2 while 16 bytes are readable, then byte
 * by byte): letters, letters with a digit, digits alone (a number), a
 * non-ASCII letter inside, a hyphen inside; each one token of the right
 * kind and span, in the middle of a text and at its very end. */
static void test_long_words(void **state)
{
    (void)state;
    char text[160], word[64];
    for (size_t len = 1; len <= 40; len++)
        for (int kind = 0; kind < 5; kind++)
            for (int last = 0; last < 2; last++) {
                for (size_t i = 0; i < len; i++)
                    word[i] = kind == 2 ? (char)('0' + i % 10) : (char)('a' + (i * 7 + len) % 26);
                word[len] = 0;
                if (kind == 1)
                    word[len - 1] = '7';
                if (kind == 3 && len >= 3)
                    memcpy(word + len / 2, "\xc3\xa9", 2);
                if (kind == 4 && len >= 3)
                    word[len / 2] = '-';
                size_t at = (size_t)snprintf(text, sizeof text, "Then ");
                snprintf(text + at, sizeof text - at, last ? "%s" : "%s, more words follow here.", word);
                sr__text t;
                assert_int_equal(sr__text_init(&t, text, strlen(text)), 0);
                assert_true(t.ntoks >= 2);
                const sr__tok *k = &t.toks[1];
                if (k->os != at || k->oe != at + len)
                    fail_msg("len %zu kind %d last %d: token [%u, %u), want [%zu, %zu) in '%s'", len, kind, last,
                             k->os, k->oe, at, at + len, text);
                assert_int_equal(k->kind, kind == 2 || (kind == 1 && len == 1) ? SR_TOK_NUM : SR_TOK_WORD);
                assert_int_equal(t.ntoks, last ? 2 : 8);
                sr__text_release(&t);
                check_offsets(text, strlen(text));
            }
}

/* Texts that reuse the buffers of earlier ones (sr__text_init_reuse, as the
 * coder does from one document to the next) equal fresh ones: long after
 * short, short after long, empty, and the seed report cut at many lengths. */
static void test_reuse(void **state)
{
    (void)state;
    char *seed;
    size_t n;
    assert_int_equal(sr__read_all(SEED, 0, &seed, &n), 0);
    size_t cuts[] = {n, 40, 0, 1, n / 2, 3, n, 200, 7, n / 3, 0, n};
    sr__textbufs tb = {0};
    for (size_t c = 0; c < sizeof cuts / sizeof *cuts; c++) {
        size_t len = cuts[c];
        while (len < n && (seed[len] & 0xC0) == 0x80) /* whole code points */
            len++;
        sr__text a, b;
        assert_int_equal(sr__text_init(&a, seed, len), 0);
        assert_int_equal(sr__text_init_reuse(&b, seed, len, &tb), 0);
        assert_int_equal(a.norm_len, b.norm_len);
        assert_memory_equal(a.norm, b.norm, a.norm_len + 1);
        assert_memory_equal(a.n2o, b.n2o, (a.norm_len + 1) * sizeof *a.n2o);
        assert_int_equal(a.ntoks, b.ntoks);
        for (size_t i = 0; i < a.ntoks; i++) { /* field by field: sr__tok has padding */
            const sr__tok *x = &a.toks[i], *y = &b.toks[i];
            if (x->s != y->s || x->e != y->e || x->os != y->os || x->oe != y->oe || x->kind != y->kind ||
                x->flags != y->flags)
                fail_msg("cut %zu: token %zu differs", len, i);
        }
        assert_int_equal(a.nsents, b.nsents);
        if (a.nsents)
            assert_memory_equal(a.sents, b.sents, a.nsents * sizeof *a.sents);
        sr__text_release(&a);
        sr__text_keep(&b, &tb);
        assert_null(b.norm);
        assert_non_null(tb.norm);
    }
    sr__textbufs_release(&tb);
    assert_null(tb.norm);
    free(seed);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_offsets),  cmocka_unit_test(test_folding), cmocka_unit_test(test_tokens),
        cmocka_unit_test(test_sentences), cmocka_unit_test(test_edge), cmocka_unit_test(test_ascii_runs), cmocka_unit_test(test_ascii_tails),
        cmocka_unit_test(test_case_flags),
        cmocka_unit_test(test_reuse), cmocka_unit_test(test_article_flag), cmocka_unit_test(test_plain_flag),
        cmocka_unit_test(test_long_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
