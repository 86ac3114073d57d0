/* test_lexicon.c — the dictionary loader: the shipped data/ loads clean, and
 * each kind of mistake in a dictionary file is reported with its file and line. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct diags {
    int n;
    char last[1024];
    long line;
} diags;

static void on_diag(void *ud, const char *origin, long line, const char *msg)
{
    diags *d = ud;
    d->n++;
    d->line = line;
    snprintf(d->last, sizeof d->last, "%s:%ld: %s", origin, line, msg);
}

static const char *datadir(void)
{
    const char *d = getenv("SITREP_DATA");
    return d ? d : SR_DATADIR;
}

static void test_shipped_data_loads(void **state)
{
    (void)state;
    sr__lexicon lx;
    diags d = {0};
    int rc = sr__lexicon_load(&lx, datadir(), on_diag, &d);
    if (rc)
        fprintf(stderr, "%s\n", d.last);
    assert_int_equal(rc, 0);
    assert_true(lx.ntriggers > 10);
    assert_true(lx.nagents > 3);
    assert_true(lx.ncountries > 100);
    assert_true(lx.nactors > 20);
    assert_true(lx.nplaces > 50);
    assert_int_equal(lx.npats, lx.npats); /* every phrase is normalised and trimmed */
    for (size_t i = 0; i < lx.npats; i++) {
        assert_true(lx.lens[i] > 0);
        assert_true(lx.pats[i][0] != ' ');
        assert_true(lx.pats[i][lx.lens[i] - 1] != ' ');
    }
    const sr__country *syr = sr__lexicon_country(&lx, "SYR");
    assert_non_null(syr);
    assert_string_equal(syr->name, "Syria");
    assert_non_null(sr__lexicon_country(&lx, "syria"));
    assert_null(sr__lexicon_country(&lx, "Atlantis"));
    sr__lexicon_release(&lx);
}

/* Writes a copy of data/ into a temp dir with one file replaced. */
static char *temp_data(const char *file, const char *content)
{
    char *dir = strdup("/tmp/sr-lex-XXXXXX");
    assert_non_null(mkdtemp(dir));
    const char *names[] = {"countries.tsv", "actors.tsv", "agents.tsv", "triggers.tsv",
                           "cues.tsv", "quantities.tsv", "places.tsv"};
    for (size_t i = 0; i < 7; i++) {
        char src[1024], dst[1024];
        snprintf(src, sizeof src, "%s/%s", datadir(), names[i]);
        snprintf(dst, sizeof dst, "%s/%s", dir, names[i]);
        FILE *out = fopen(dst, "w");
        assert_non_null(out);
        if (!strcmp(names[i], file))
            fputs(content, out);
        else {
            char *buf;
            size_t len;
            assert_int_equal(sr__read_all(src, 1 << 26, &buf, &len), 0);
            fwrite(buf, 1, len, out);
            free(buf);
        }
        fclose(out);
    }
    return dir;
}

static void rm_temp(char *dir)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    free(dir);
}

static void expect_error(const char *file, const char *content, long line, const char *needle)
{
    char *dir = temp_data(file, content);
    sr__lexicon lx;
    diags d = {0};
    int rc = sr__lexicon_load(&lx, dir, on_diag, &d);
    assert_true(rc > 0);
    assert_int_equal(d.n, rc);
    assert_int_equal(d.line, line);
    if (!strstr(d.last, needle))
        fprintf(stderr, "message was: %s\n", d.last);
    assert_non_null(strstr(d.last, needle));
    assert_non_null(strstr(d.last, file));
    sr__lexicon_release(&lx);
    rm_temp(dir);
}

static void test_errors_name_file_and_line(void **state)
{
    (void)state;
    expect_error("triggers.tsv", "# key\tclass\tsub\tflags\tvariants\nk\tkill\t-\t-\tkilled\nx\tkill\t-\tkilled\n", 3,
                 "expected 5 TAB-separated fields");
    expect_error("triggers.tsv", "# h\nk\tzap\t-\t-\tkilled\n", 2, "unknown trigger class");
    expect_error("triggers.tsv", "# h\n\nk\tair\tAirstrike\t-\tbombed\n", 3, "not one of ACLED's 25");
    expect_error("agents.tsv", "# h\nk\tX\t9\tarmed\tgunmen\n", 2, "inter");
    expect_error("agents.tsv", "# h\nk\tX\t3\tarmed\tgunmen||bandits\n", 2, "empty variant");
    expect_error("places.tsv", "# h\nX\tSYR\t-\t-\tcity\t95\t38\t0\tX\n", 2, "lat");
    expect_error("quantities.tsv", "# h\nnumber\ttwo\t2\t2\ttwo\n", 2, "low");
    expect_error("actors.tsv", "# h\nk\tX\t2\tSY\tX\n", 2, "country");
    expect_error("cues.tsv", "# h\ncountry\tXYZ\tmatatu\n", 2, "no ISO3 code");
}

static void test_check_reports_missing_dir(void **state)
{
    (void)state;
    diags d = {0};
    int rc = sr_lexicon_check("/nonexistent-sitrep-data", on_diag, &d);
    assert_true(rc >= 7);
    assert_non_null(strstr(d.last, "cannot read"));
    assert_int_equal(sr_lexicon_check(datadir(), on_diag, &d), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_data_loads),
        cmocka_unit_test(test_errors_name_file_and_line),
        cmocka_unit_test(test_check_reports_missing_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
