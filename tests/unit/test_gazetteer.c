/* test_gazetteer.c — the compiled gazetteer (build/gazetteer.bin): it maps and
 * checks, knows GeoNames' places under their alternate and derived spellings,
 * chooses among namesakes by the rules of docs/geocoding.md, refuses damaged
 * files, and the matcher's file form finds what the in-memory one finds. */
#include "gazetteer.h"
#include "internal.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

static sr__gaz *open_gaz(void)
{
    char err[512] = "";
    const char *path = getenv("SITREP_GAZETTEER");
    sr__gaz *g = sr__gaz_open(path && *path ? path : SR_GAZETTEER, err, sizeof err);
    if (!g)
        fail_msg("%s", err);
    return g;
}

/* The name entry of a phrase as text would spell it. */
static long name_of(const sr__gaz *g, const char *s)
{
    size_t n;
    char *norm = sr__norm_phrase(s, strlen(s), &n);
    long k = sr__gaz_lookup(g, norm, n);
    free(norm);
    return k;
}

static void test_spellings(void **state)
{
    (void)state;
    sr__gaz *g = open_gaz();
    assert_true(sr__gaz_nplaces(g) > 150000);
    /* GeoNames alternates, accent-free and hyphen/article variants, admin1 spellings */
    const char *known[] = {"Deir az-Zour", "Dayr az Zawr", "Nuevo Leon", "al-Jawf", "Al Jawf", "Idleb",
                           "South Darfur", "Nord-Kivu", "Fada Ngourma", "Homyel", "Borno", NULL};
    for (int i = 0; known[i]; i++)
        if (name_of(g, known[i]) < 0)
            fail_msg("'%s' is not in the gazetteer", known[i]);
    /* never alone, too short */
    assert_true(name_of(g, "Thursday") < 0);
    assert_true(name_of(g, "May") < 0);
    assert_true(name_of(g, "Of") < 0);
    /* a common English word is indexed but flagged */
    long mark = name_of(g, "Mark");
    assert_true(mark >= 0);
    assert_true(sr__gaz_name(g, (uint32_t)mark)->flags & SR_GZ_NAME_COMMON);
    long homs = name_of(g, "Homs");
    assert_true(homs >= 0);
    assert_false(sr__gaz_name(g, (uint32_t)homs)->flags & SR_GZ_NAME_COMMON);
    sr__gaz_free(g);
}

static void test_choice(void **state)
{
    (void)state;
    sr__gaz *g = open_gaz();
    sr__where w;
    uint32_t homs = (uint32_t)name_of(g, "Homs");
    sr__placectx town = {NULL, NULL, 0, 0}, province = {NULL, NULL, 0, 1};
    assert_true(sr__place_resolve(g, homs, &town, &w, NULL, 0) >= 2);
    assert_int_equal(w.kind, SR_GZ_CITY);
    assert_string_equal(w.iso3, "SYR");
    assert_int_equal(w.geonameid, 169577);
    assert_true(sr__place_resolve(g, homs, &province, &w, NULL, 0) >= 2);
    assert_int_equal(w.kind, SR_GZ_ADMIN1);
    assert_string_equal(w.admin1_acled, "Homs");
    /* a state ten times larger than a same-named town abroad */
    assert_true(sr__place_resolve(g, (uint32_t)name_of(g, "Borno"), &town, &w, NULL, 0) >= 2);
    assert_string_equal(w.iso3, "NGA");
    assert_string_equal(w.admin1_acled, "Borno");
    /* the country in context outranks size */
    sr__placectx arg = {"ARG", NULL, 0, 0};
    uint32_t parana = (uint32_t)name_of(g, "Parana");
    assert_true(sr__place_resolve(g, parana, &town, &w, NULL, 0) >= 2);
    assert_string_equal(w.iso3, "BRA");
    assert_true(sr__place_resolve(g, parana, &arg, &w, NULL, 0) >= 2);
    assert_string_equal(w.iso3, "ARG");
    assert_int_equal(w.kind, SR_GZ_CITY);
    /* GeoNames spelling beside ACLED's */
    assert_true(sr__place_resolve(g, (uint32_t)name_of(g, "Idlib"), &province, &w, NULL, 0) >= 1);
    assert_string_equal(w.admin1, "Idlib");
    assert_string_equal(w.admin1_acled, "Idleb");
    sr__gaz_free(g);
}

/* The built index read whole into memory, to be damaged and written back. */
static char *read_index(size_t *n)
{
    const char *path = getenv("SITREP_GAZETTEER");
    path = path && *path ? path : SR_GAZETTEER;
    char *buf;
    assert_int_equal(sr__read_all(path, (size_t)1 << 31, &buf, n), 0);
    return buf;
}

/* Writes buf[0..n) to a new file named from tmp (a mkstemp template). */
static void write_tmp(char *tmp, const char *buf, size_t n)
{
    int fd = mkstemp(tmp);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    assert_int_equal(fwrite(buf, 1, n, f), n);
    fclose(f);
}

static void test_damaged(void **state)
{
    (void)state;
    size_t n;
    char *buf = read_index(&n);
    char tmp[] = "/tmp/sitrep-gaz-XXXXXX";
    /* truncated: half the file */
    write_tmp(tmp, buf, n / 2);
    char err[512] = "";
    assert_null(sr__gaz_open(tmp, err, sizeof err));
    assert_non_null(strstr(err, "rebuild"));
    /* a wrong magic */
    FILE *f = fopen(tmp, "wb");
    buf[0] ^= 0x20;
    assert_int_equal(fwrite(buf, 1, n, f), n);
    fclose(f);
    err[0] = 0;
    assert_null(sr__gaz_open(tmp, err, sizeof err));
    assert_non_null(strstr(err, tmp));
    unlink(tmp);
    free(buf);
    err[0] = 0;
    assert_null(sr__gaz_open("/nonexistent/gazetteer.bin", err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent/gazetteer.bin"));
}

/* Every name is found by its text through the matcher's hash table (the
 * spelling keys are its find-only phrases), and a text that is no name (a
 * name cut short, or run on) is not. */
static void test_lookup_every_name(void **state)
{
    (void)state;
    char err[512] = "";
    const char *path = getenv("SITREP_GAZETTEER");
    sr__gaz *g = sr__gaz_open(path && *path ? path : SR_GAZETTEER, err, sizeof err);
    assert_non_null(g);
    size_t keys = 0, missing = 0, wrong = 0, n = sr__gaz_nnames(g);
    char buf[512];
    for (uint32_t k = 0; k < n; k++) {
        const char *t = sr__gaz_str(g, sr__gaz_name(g, k)->text);
        size_t l = strlen(t);
        keys += t[0] == '#';
        long at = sr__gaz_lookup(g, t, l);
        missing += at < 0;
        wrong += at >= 0 && at != (long)k;
        if (l > 1 && l + 2 < sizeof buf) {
            long cut = sr__gaz_lookup(g, t, l - 1); /* another name, or none */
            wrong += cut >= 0 && strcmp(sr__gaz_str(g, sr__gaz_name(g, (uint32_t)cut)->text), "") &&
                     strncmp(sr__gaz_str(g, sr__gaz_name(g, (uint32_t)cut)->text), t, l - 1);
            memcpy(buf, t, l);
            buf[l] = 'q';
            long on = sr__gaz_lookup(g, buf, l + 1);
            wrong += on >= 0 && (strlen(sr__gaz_str(g, sr__gaz_name(g, (uint32_t)on)->text)) != l + 1 ||
                                 memcmp(sr__gaz_str(g, sr__gaz_name(g, (uint32_t)on)->text), buf, l + 1));
        }
    }
    assert_true(keys > 1000); /* both paths were taken */
    assert_int_equal(missing, 0);
    assert_int_equal(wrong, 0);
    assert_int_equal(sr__gaz_lookup(g, "zzqxw", 5), -1);
    assert_int_equal(sr__gaz_lookup(g, "#zzqxw", 6), -1);
    sr__gaz_free(g);
}

/* sr__gaz_admin1_by_country (a radix sort) orders the units as qsort with
 * the comparator it replaced does: ISO3 code (memcmp of its four bytes),
 * then index. */
static const sr__gaz *units_gaz;
static int cmp_units(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    int d = memcmp(sr__gaz_admin1(units_gaz, a)->iso3, sr__gaz_admin1(units_gaz, b)->iso3, 4);
    return d ? d : (a > b) - (a < b);
}

static void test_admin1_by_country(void **state)
{
    (void)state;
    char err[512] = "";
    const char *path = getenv("SITREP_GAZETTEER");
    sr__gaz *g = sr__gaz_open(path && *path ? path : SR_GAZETTEER, err, sizeof err);
    assert_non_null(g);
    size_t n = 0, m = 0;
    while (sr__gaz_admin1(g, (uint32_t)m))
        m++;
    uint32_t *got = sr__gaz_admin1_by_country(g, &n);
    assert_non_null(got);
    assert_int_equal(n, m);
    assert_true(n > 1000);
    uint32_t *want = malloc(n * sizeof *want);
    assert_non_null(want);
    for (size_t i = 0; i < n; i++)
        want[i] = (uint32_t)n - 1 - (uint32_t)i; /* (reversed: the comparator's index order decides ties) */
    units_gaz = g;
    qsort(want, n, sizeof *want, cmp_units);
    assert_memory_equal(got, want, n * sizeof *want);
    free(want);
    free(got);
    sr__gaz_free(g);
}

/* A record that points outside its table (a damaged index that still has
 * the right header and sizes) reads as an empty name or a nameless place,
 * never as memory outside the file. */
static void test_damaged_records(void **state)
{
    (void)state;
    size_t n;
    char *buf = read_index(&n);
    sr__gzheader h;
    memcpy(&h, buf, sizeof h);
    assert_true(h.nnames > 2);
    sr__gzname *names = (sr__gzname *)(buf + h.off_names);
    names[0].first = 0xfffffff0u; /* its places past the list's end */
    names[0].count = 100;
    names[1].text = 0xffffffffu;  /* its text past the pool's end */
    uint32_t *list = (uint32_t *)(buf + h.off_list);
    list[0] = 0x7ffffff0u;        /* a place past the places' end */
    char tmp[] = "/tmp/sitrep-gaz-XXXXXX";
    write_tmp(tmp, buf, n);
    free(buf);
    char err[512] = "";
    sr__gaz *g = sr__gaz_open(tmp, err, sizeof err);
    assert_non_null(g);
    const sr__gzname *nm = sr__gaz_name(g, 0);
    int outside = 0;
    for (uint32_t i = 0; i < nm->count; i++) { /* (first + i wraps round to the list's start) */
        uint32_t pl = sr__gaz_list(g, nm->first + i);
        const sr__gzplace *p = sr__gaz_place(g, pl);
        if (pl >= h.nplaces) {
            outside++;
            assert_int_equal(p->kind, 0);
            assert_int_equal(p->name, 0);
        }
    }
    assert_true(outside >= 16);
    assert_string_equal(sr__gaz_str(g, sr__gaz_name(g, 1)->text), "");
    assert_int_equal(sr__gaz_name(g, (uint32_t)h.nnames)->count, 0);
    assert_int_equal(sr__gaz_place(g, sr__gaz_list(g, 0))->kind, 0);
    sr__where w;
    sr__place_where(g, sr__gaz_list(g, 0), &w);
    assert_string_equal(w.admin1, "");
    /* lookups still work around the damaged names */
    assert_true(sr__gaz_lookup(g, "aleppo", 6) >= 0);
    sr__gaz_free(g);
    unlink(tmp);
}

typedef struct hits {
    uint32_t v[64][3];
    int n;
} hits;

static void collect(void *ud, uint32_t id, uint32_t tb, uint32_t te)
{
    hits *h = ud;
    if (h->n < 64) {
        h->v[h->n][0] = id;
        h->v[h->n][1] = tb;
        h->v[h->n][2] = te;
        h->n++;
    }
}

/* A portable matcher written to a file and mapped back finds the same phrases. */
static void test_matcher_file(void **state)
{
    (void)state;
    const char *phr[] = {"ras al-ain", "ain", "deir ez-zor", "tal abyad", "abyad"};
    const char *pats[5];
    size_t lens[5];
    uint32_t ids[5];
    char *norms[5];
    for (int i = 0; i < 5; i++) {
        norms[i] = sr__norm_phrase(phr[i], strlen(phr[i]), &lens[i]);
        pats[i] = norms[i];
        ids[i] = (uint32_t)(100 + i);
    }
    char err[256] = "";
    sr__matcher *m = sr__matcher_new(SR_ENGINE_PORTABLE, pats, lens, ids, 5, err, sizeof err);
    assert_non_null(m);
    char *mem = NULL;
    size_t memlen = 0;
    FILE *f = open_memstream(&mem, &memlen);
    uint64_t written = 0;
    assert_int_equal(sr__matcher_write(m, f, &written), 0);
    fclose(f);
    assert_int_equal((size_t)written, memlen);
    /* mapped from an 8-aligned copy, as mmap would give */
    uint64_t *aligned = malloc(memlen + 8);
    memcpy(aligned, mem, memlen);
    sr__matcher *mm = sr__matcher_map(aligned, memlen, NULL, err, sizeof err);
    assert_non_null(mm);
    const char *text = "Clashes near Ras al-Ain and Tal Abyad, north of Deir ez-Zor.";
    sr__text t;
    assert_int_equal(sr__text_init(&t, text, strlen(text)), 0);
    hits a = {0}, b = {0};
    assert_int_equal(sr__matcher_scan(m, &t, collect, &a), 0);
    assert_int_equal(sr__matcher_scan(mm, &t, collect, &b), 0);
    assert_int_equal(a.n, 4); /* "ain" inside the token "al-ain" is no match */
    assert_int_equal(a.n, b.n);
    assert_memory_equal(a.v, b.v, sizeof a.v[0] * (size_t)a.n);
    /* truncated files are refused */
    assert_null(sr__matcher_map(aligned, memlen / 2, NULL, err, sizeof err));
    sr__text_release(&t);
    sr__matcher_free(mm);
    sr__matcher_free(m);
    free(aligned);
    free(mem);
    for (int i = 0; i < 5; i++)
        free(norms[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spellings),
        cmocka_unit_test(test_choice),
        cmocka_unit_test(test_damaged),
        cmocka_unit_test(test_damaged_records),
        cmocka_unit_test(test_lookup_every_name),
        cmocka_unit_test(test_admin1_by_country),
        cmocka_unit_test(test_matcher_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
