/* test_csv.c — unit tests for src/csv.c: quoted fields over lines, doubled
 * quotes, CRLF, a BOM before the header, malformed records reported with
 * their line and skipped, the export date forms and inter codes. */
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

static sr_csv *open_text(const char *text, char *path)
{
    strcpy(path, "/tmp/sitrep-test-csv-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    char err[256];
    sr_csv *c = sr_csv_open(path, err, sizeof err);
    assert_non_null(c);
    return c;
}

static void test_records(void **state)
{
    (void)state;
    char path[64];
    sr_csv *c = open_text("\xEF\xBB\xBF" "id,Notes,n\r\n"
                          "1,\"two\nlines, \"\"quoted\"\"\",5\r\n"
                          "2,\"bad\"x,6\n"
                          "3,plain,7\n"
                          "4,\"never closed,8\n",
                          path);
    long line = 0;
    assert_int_equal(sr_csv_next(c, &line), 1);
    assert_int_equal(line, 1);
    assert_int_equal(sr_csv_find(c, "ID"), 0);
    assert_int_equal(sr_csv_find(c, "notes"), 1);
    assert_int_equal(sr_csv_find(c, "missing"), -1);
    assert_int_equal(sr_csv_next(c, &line), 1);
    assert_int_equal(line, 2);
    assert_int_equal(sr_csv_count(c), 3);
    assert_string_equal(sr_csv_field(c, 1), "two\nlines, \"quoted\"");
    assert_string_equal(sr_csv_field(c, 2), "5");
    assert_string_equal(sr_csv_field(c, 9), "");
    assert_int_equal(sr_csv_next(c, &line), -1); /* text after a closing quote */
    assert_int_equal(line, 4);
    assert_non_null(strstr(sr_csv_error(c), "closing quote"));
    assert_int_equal(sr_csv_next(c, &line), 1); /* the reader moved past it */
    assert_string_equal(sr_csv_field(c, 0), "3");
    assert_int_equal(sr_csv_next(c, &line), -1);
    assert_non_null(strstr(sr_csv_error(c), "never closed"));
    assert_int_equal(sr_csv_next(c, &line), 0);
    size_t n = 0;
    assert_non_null(sr_csv_bytes(c, &n));
    assert_true(n > 40);
    sr_csv_free(c);
    sr_csv_free(NULL);
    unlink(path);
    char err[256];
    assert_null(sr_csv_open("/nonexistent/x.csv", err, sizeof err));
    assert_non_null(strstr(err, "x.csv"));
}

static void test_dates(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } ok[] = {
        {"9-May-20", "2020-05-09"},    {"31-12-19", "2019-12-31"},     {"09 May 2020", "2020-05-09"},
        {"13/01/2018", "2018-01-13"},  {"2020-05-09", "2020-05-09"},   {"2020-05-09 00:00:00.000", "2020-05-09"},
        {"1-Jan-97", "1997-01-01"},    {"29-Feb-24", "2024-02-29"},
    };
    char out[11];
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        assert_int_equal(sr_csv_date(ok[i].in, out), 0);
        assert_string_equal(out, ok[i].out);
    }
    const char *bad[] = {"", "31-Feb-21", "29-Feb-23", "2020-13-01", "May 2020", "yesterday", "1-2-3-4"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(sr_csv_date(bad[i], out), SR_EPARSE);
    assert_int_equal(sr_csv_inter("3"), 3);
    assert_int_equal(sr_csv_inter(" Political militia "), 3);
    assert_int_equal(sr_csv_inter("External/Other forces"), 8);
    assert_int_equal(sr_csv_inter("9"), 0);
    assert_int_equal(sr_csv_inter(""), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_records),
        cmocka_unit_test(test_dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
