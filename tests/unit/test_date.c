/* test_date.c — unit tests for src/date.c: calendar arithmetic, ISO parsing,
 * dates in header lines (sr__date_find) and date expressions in normalised
 * text (sr__date_scan) against two publication dates, 2019-04-22 (a Monday)
 * and 2020-05-11 (a Monday). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "internal.h"

static sr__date D(int y, int m, int d)
{
    sr__date r = { y, m, d };
    return r;
}
static const sr__date PUB19 = { 2019, 4, 22 };
static const sr__date PUB20 = { 2020, 5, 11 };

static void assert_date(sr__date got, const char *want)
{
    char buf[11];
    sr__date_fmt(got, buf);
    assert_string_equal(buf, want);
}

/* Scans text and checks it yields exactly one hit with this span, range,
 * precision and period flag. */
static void one(const char *text, sr__date pub, const char *span, const char *start, const char *end,
                int prec, int period)
{
    sr__date_hit h[8];
    int n = sr__date_scan(text, strlen(text), pub, h, 8);
    if (n != 1)
        print_message("text: \"%s\": %d hits\n", text, n);
    assert_int_equal(n, 1);
    char got[256];
    snprintf(got, sizeof got, "%.*s", (int)(h[0].e - h[0].s), text + h[0].s);
    if (strcmp(got, span) != 0)
        print_message("text: \"%s\"\n", text);
    assert_string_equal(got, span);
    char a[11], b[11];
    sr__date_fmt(h[0].start, a);
    sr__date_fmt(h[0].end, b);
    if (strcmp(a, start) || strcmp(b, end) || h[0].precision != prec || h[0].period != period)
        print_message("text: \"%s\" -> %s..%s p%d period %d\n", text, a, b, h[0].precision, h[0].period);
    assert_string_equal(a, start);
    assert_string_equal(b, end);
    assert_int_equal(h[0].precision, prec);
    assert_int_equal(h[0].period, period);
}

static void none(const char *text, sr__date pub)
{
    sr__date_hit h[8];
    int n = sr__date_scan(text, strlen(text), pub, h, 8);
    if (n != 0) {
        print_message("text: \"%s\": unexpected hit \"%.*s\"\n", text, (int)(h[0].e - h[0].s),
                      text + h[0].s);
    }
    assert_int_equal(n, 0);
}

/* ---- arithmetic ---------------------------------------------------------- */

static void test_days(void **state)
{
    (void)state;
    assert_int_equal(sr__date_days(D(1970, 1, 1)), 0);
    assert_int_equal(sr__date_days(D(1970, 1, 2)), 1);
    assert_int_equal(sr__date_days(D(1969, 12, 31)), -1);
    assert_int_equal(sr__date_days(D(2000, 1, 1)), 10957);
    assert_int_equal(sr__date_days(D(2019, 4, 22)), 18008);
    assert_int_equal(sr__date_days(D(2020, 3, 1)) - sr__date_days(D(2020, 2, 28)), 2);
    assert_int_equal(sr__date_days(D(2019, 3, 1)) - sr__date_days(D(2019, 2, 28)), 1);
    assert_int_equal(sr__date_days(D(2100, 3, 1)) - sr__date_days(D(2100, 2, 28)), 1);
    assert_int_equal(sr__date_days(D(2000, 3, 1)) - sr__date_days(D(2000, 2, 28)), 2);
    assert_int_equal(sr__date_days(D(2020, 1, 1)) - sr__date_days(D(2019, 1, 1)), 365);
    assert_int_equal(sr__date_days(D(2021, 1, 1)) - sr__date_days(D(2020, 1, 1)), 366);
    /* round trip over every day from 1600 to 2400, dates strictly increasing */
    long d0 = sr__date_days(D(1600, 1, 1)), d1 = sr__date_days(D(2400, 12, 31));
    sr__date prev = sr__date_from_days(d0 - 1);
    for (long d = d0; d <= d1; d++) {
        sr__date x = sr__date_from_days(d);
        assert_true(x.m >= 1 && x.m <= 12 && x.d >= 1 && x.d <= sr__month_days(x.y, x.m));
        assert_int_equal(sr__date_days(x), d);
        if (x.d == 1)
            assert_true(prev.d == sr__month_days(prev.y, prev.m));
        else
            assert_int_equal(x.d, prev.d + 1);
        prev = x;
    }
}

static void test_month_arith(void **state)
{
    (void)state;
    assert_int_equal(sr__month_days(2020, 2), 29);
    assert_int_equal(sr__month_days(2019, 2), 28);
    assert_int_equal(sr__month_days(1900, 2), 28);
    assert_int_equal(sr__month_days(2000, 2), 29);
    assert_int_equal(sr__month_days(2019, 4), 30);
    assert_int_equal(sr__month_days(2019, 12), 31);
    assert_int_equal(sr__month_days(2019, 0), 0);
    assert_int_equal(sr__month_days(2019, 13), 0);
    assert_date(sr__date_from_days(sr__date_days(D(2020, 2, 28)) + 1), "2020-02-29");
    assert_date(sr__date_from_days(sr__date_days(D(2020, 2, 29)) + 1), "2020-03-01");
    assert_date(sr__date_from_days(sr__date_days(D(2019, 2, 28)) + 1), "2019-03-01");
    assert_date(sr__date_from_days(sr__date_days(D(2019, 12, 31)) + 1), "2020-01-01");
    assert_date(sr__date_from_days(sr__date_days(D(2020, 1, 1)) - 1), "2019-12-31");
    assert_date(sr__date_from_days(sr__date_days(D(2020, 3, 1)) - 1), "2020-02-29");
    assert_date(sr__date_from_days(-1), "1969-12-31");
}

static void test_wday(void **state)
{
    (void)state;
    assert_int_equal(sr__date_wday(D(1970, 1, 1)), 4);
    assert_int_equal(sr__date_wday(D(2019, 4, 22)), 1);
    assert_int_equal(sr__date_wday(D(2019, 4, 20)), 6);
    assert_int_equal(sr__date_wday(D(2019, 4, 21)), 0);
    assert_int_equal(sr__date_wday(D(2020, 5, 11)), 1);
    assert_int_equal(sr__date_wday(D(2020, 2, 29)), 6);
    assert_int_equal(sr__date_wday(D(1969, 12, 31)), 3);
    assert_int_equal(sr__date_wday(D(2000, 1, 1)), 6);
}

static void test_fmt_iso(void **state)
{
    (void)state;
    char b[11];
    sr__date_fmt(D(2019, 4, 2), b);
    assert_string_equal(b, "2019-04-02");
    sr__date_fmt(D(987, 12, 31), b);
    assert_string_equal(b, "0987-12-31");
    sr__date d;
    assert_int_equal(sr__date_parse_iso("2019-04-22", &d), 0);
    assert_int_equal(d.y, 2019);
    assert_int_equal(d.m, 4);
    assert_int_equal(d.d, 22);
    assert_int_equal(sr__date_parse_iso("2020-02-29", &d), 0);
    assert_int_equal(d.d, 29);
    assert_int_equal(sr__date_parse_iso("2019-04-22T10:00:00Z", &d), 0);
    assert_int_equal(d.d, 22);
    assert_true(sr__date_parse_iso("2019-02-29", &d) < 0);
    assert_true(sr__date_parse_iso("2019-13-01", &d) < 0);
    assert_true(sr__date_parse_iso("2019-04-31", &d) < 0);
    assert_true(sr__date_parse_iso("2019-00-10", &d) < 0);
    assert_true(sr__date_parse_iso("2019-4-22", &d) < 0);
    assert_true(sr__date_parse_iso("2019-04-2", &d) < 0);
    assert_true(sr__date_parse_iso("2019/04/22", &d) < 0);
    assert_true(sr__date_parse_iso("2019-04-22x", &d) < 0);
    assert_true(sr__date_parse_iso("", &d) < 0);
    assert_true(sr__date_parse_iso("abcd-ef-gh", &d) < 0);
    assert_true(sr__date_parse_iso(NULL, &d) < 0);
}

/* ---- sr__date_find ------------------------------------------------------- */

static void find_ok(const char *line, const char *want)
{
    sr__date d = { 0, 0, 0 };
    int rc = sr__date_find(line, strlen(line), &d);
    if (rc != 0)
        print_message("line: \"%s\"\n", line);
    assert_int_equal(rc, 0);
    assert_date(d, want);
}
static void find_none(const char *line)
{
    sr__date d;
    int rc = sr__date_find(line, strlen(line), &d);
    if (rc != SR_ENOTFOUND)
        print_message("line: \"%s\"\n", line);
    assert_int_equal(rc, SR_ENOTFOUND);
}

static void test_find(void **state)
{
    (void)state;
    find_ok("22 April, 2019", "2019-04-22");
    find_ok("April 22, 2019", "2019-04-22");
    find_ok("Apr 22 2019", "2019-04-22");
    find_ok("2019-04-22", "2019-04-22");
    find_ok("2019-04-22T10:00:00Z", "2019-04-22");
    find_ok("22/04/2019", "2019-04-22");
    find_ok("Monday 22 April 2019", "2019-04-22");
    find_ok("Mon, 22 Apr 2019 10:00:00 GMT", "2019-04-22");
    find_ok("22 Apr 2019", "2019-04-22");
    find_ok("DATE: 22 APRIL 2019", "2019-04-22");
    find_ok("Posted 10:30, 3 May 2020 by staff", "2020-05-03");
    find_ok("Sept. 3, 2019", "2019-09-03");
    find_ok("3rd September 2019", "2019-09-03");
    find_ok("29 Feb 2020", "2020-02-29");
    find_ok("31 December 1999", "1999-12-31");
    find_ok("04/22/2019", "2019-04-22"); /* day first impossible: month first */
    find_ok("05/04/2019", "2019-04-05"); /* day first */
    find_ok("1 Jan 2100", "2100-01-01");
    find_none("22 April");
    find_none("April 2019");
    find_none("31 April 2019");
    find_none("29 Feb 2019");
    find_none("1 Jan 1899");
    find_none("2019-13-01");
    find_none("32/01/2019");
    find_none("no date here, 12345 and 22 fighters");
    find_none("");
    sr__date d;
    assert_int_equal(sr__date_find(NULL, 0, &d), SR_EINVAL);
    /* the first date wins */
    find_ok("updated 23 april 2019, first published 22 april 2019", "2019-04-23");
}

/* ---- sr__date_scan: absolute ----------------------------------------------- */

static void test_scan_absolute(void **state)
{
    (void)state;
    one("22 april 2019", PUB19, "22 april 2019", "2019-04-22", "2019-04-22", 1, 0);
    one("on 22 april, 2019 gunmen", PUB19, "on 22 april, 2019", "2019-04-22", "2019-04-22", 1, 0);
    one("april 22, 2019", PUB19, "april 22, 2019", "2019-04-22", "2019-04-22", 1, 0);
    one("it happened on 9 may 2020 in the city.", PUB20, "on 9 may 2020", "2020-05-09", "2020-05-09", 1, 0);
    one("on 9 may 2020", PUB19, "on 9 may 2020", "2020-05-09", "2020-05-09", 1, 0);
    one("the report (2019-04-22) says", PUB20, "2019-04-22", "2019-04-22", "2019-04-22", 1, 0);
    one("on 22/04/2019 police", PUB20, "on 22/04/2019", "2019-04-22", "2019-04-22", 1, 0);
    one("the 22nd of april", PUB19, "22nd of april", "2019-04-22", "2019-04-22", 1, 0);
    one("on 3 june last year", PUB19, "on 3 june last year", "2018-06-03", "2018-06-03", 1, 0);
    /* no year: on or before pub */
    one("9 may", PUB20, "9 may", "2020-05-09", "2020-05-09", 1, 0);
    one("may 9", PUB20, "may 9", "2020-05-09", "2020-05-09", 1, 0);
    one("on 12 may", PUB20, "on 12 may", "2019-05-12", "2019-05-12", 1, 0);
    one("on april 22", PUB19, "on april 22", "2019-04-22", "2019-04-22", 1, 0);
    one("on 22 april", PUB19, "on 22 april", "2019-04-22", "2019-04-22", 1, 0);
    one("on 23 april", PUB19, "on 23 april", "2018-04-23", "2018-04-23", 1, 0);
    one("march 3", PUB19, "march 3", "2019-03-03", "2019-03-03", 1, 0);
    one("on 31 december", PUB19, "on 31 december", "2018-12-31", "2018-12-31", 1, 0);
    /* months */
    one("april 2019", PUB20, "april 2019", "2019-04-01", "2019-04-30", 3, 0);
    one("in february 2020", PUB20, "in february 2020", "2020-02-01", "2020-02-29", 3, 0);
    one("in march", PUB19, "in march", "2019-03-01", "2019-03-31", 3, 0);
    one("in may", PUB19, "in may", "2018-05-01", "2018-05-31", 3, 0);
    one("in march of 2018", PUB19, "in march of 2018", "2018-03-01", "2018-03-31", 3, 0);
    one("in 2019", PUB20, "in 2019", "2019-01-01", "2019-12-31", 3, 0);
    /* thirds */
    one("mid-april", PUB19, "mid-april", "2019-04-11", "2019-04-20", 2, 0);
    one("early may", PUB20, "early may", "2020-05-01", "2020-05-10", 2, 0);
    one("late march", PUB19, "late march", "2019-03-21", "2019-03-31", 2, 0);
    one("in late february 2020", PUB20, "in late february 2020", "2020-02-21", "2020-02-29", 2, 0);
    one("by the end of march", PUB19, "the end of march", "2019-03-21", "2019-03-31", 2, 0);
    one("in early 2019", PUB20, "in early 2019", "2019-01-01", "2019-04-30", 3, 0);
    /* ranges */
    one("between 3 and 5 may", PUB20, "between 3 and 5 may", "2020-05-03", "2020-05-05", 2, 0);
    one("3-4 may", PUB20, "3-4 may", "2020-05-03", "2020-05-04", 2, 0);
    one("may 3-4, 2019", PUB20, "may 3-4, 2019", "2019-05-03", "2019-05-04", 2, 0);
    one("from 3 to 5 may", PUB20, "from 3 to 5 may", "2020-05-03", "2020-05-05", 2, 0);
    one("between 30 march and 2 april", PUB19, "between 30 march and 2 april", "2019-03-30", "2019-04-02", 2, 0);
    one("on the night of 3 may", PUB20, "on the night of 3 may", "2020-05-03", "2020-05-03", 1, 0);
    one("in the early hours of saturday", PUB19, "in the early hours of saturday", "2019-04-20", "2019-04-20", 1, 0);
    /* invalid days are not dates, and do not fall back to the month */
    none("29 february 2019", PUB19);
    none("on 31 april", PUB19);
    one("on 29 february 2020", PUB20, "on 29 february 2020", "2020-02-29", "2020-02-29", 1, 0);
}

/* ---- sr__date_scan: relative ------------------------------------------------ */

static void test_scan_weekdays(void **state)
{
    (void)state;
    /* pub 2019-04-22 is a Monday: the previous Saturday is the 20th */
    one("on saturday", PUB19, "on saturday", "2019-04-20", "2019-04-20", 1, 0);
    one("clashes saturday killed", PUB19, "saturday", "2019-04-20", "2019-04-20", 1, 0);
    one("saturday night", PUB19, "saturday night", "2019-04-20", "2019-04-20", 1, 0);
    one("last saturday", PUB19, "last saturday", "2019-04-20", "2019-04-20", 1, 0);
    one("on sunday", PUB19, "on sunday", "2019-04-21", "2019-04-21", 1, 0);
    one("on tuesday", PUB19, "on tuesday", "2019-04-16", "2019-04-16", 1, 0);
    /* the weekday of pub itself: a week back, unless "this" */
    one("on monday", PUB19, "on monday", "2019-04-15", "2019-04-15", 1, 0);
    one("this monday", PUB19, "this monday", "2019-04-22", "2019-04-22", 1, 0);
    one("late on friday", PUB19, "late on friday", "2019-04-19", "2019-04-19", 1, 0);
    one("saturday's attack", PUB19, "saturday", "2019-04-20", "2019-04-20", 1, 0);
    /* a full date after the weekday wins */
    one("on saturday, 13 april", PUB19, "on saturday, 13 april", "2019-04-13", "2019-04-13", 1, 0);
    one("monday 22 april 2019", PUB20, "monday 22 april 2019", "2019-04-22", "2019-04-22", 1, 0);
    /* across a month and a year end */
    one("on friday", D(2020, 3, 2), "on friday", "2020-02-28", "2020-02-28", 1, 0);
    one("on saturday", D(2020, 3, 2), "on saturday", "2020-02-29", "2020-02-29", 1, 0);
    one("on tuesday", D(2019, 1, 1), "on tuesday", "2018-12-25", "2018-12-25", 1, 0);
    one("on monday", D(2019, 1, 1), "on monday", "2018-12-31", "2018-12-31", 1, 0);
    /* the future gives nothing, and is not re-read as a past weekday */
    none("next saturday", PUB19);
    none("tomorrow", PUB19);
}

static void test_scan_days(void **state)
{
    (void)state;
    one("today", PUB19, "today", "2019-04-22", "2019-04-22", 1, 0);
    one("tonight", PUB19, "tonight", "2019-04-22", "2019-04-22", 1, 0);
    one("this morning", PUB19, "this morning", "2019-04-22", "2019-04-22", 1, 0);
    one("this afternoon", PUB19, "this afternoon", "2019-04-22", "2019-04-22", 1, 0);
    one("this evening", PUB19, "this evening", "2019-04-22", "2019-04-22", 1, 0);
    one("earlier today", PUB19, "earlier today", "2019-04-22", "2019-04-22", 1, 0);
    one("yesterday", PUB19, "yesterday", "2019-04-21", "2019-04-21", 1, 0);
    one("last night", PUB19, "last night", "2019-04-21", "2019-04-21", 1, 0);
    one("yesterday morning", PUB19, "yesterday morning", "2019-04-21", "2019-04-21", 1, 0);
    one("the day before yesterday", PUB19, "the day before yesterday", "2019-04-20", "2019-04-20", 1, 0);
    one("yesterday", D(2020, 3, 1), "yesterday", "2020-02-29", "2020-02-29", 1, 0);
    one("the day before yesterday", D(2020, 1, 1), "the day before yesterday", "2019-12-30", "2019-12-30", 1, 0);
    one("two days ago", PUB19, "two days ago", "2019-04-20", "2019-04-20", 1, 0);
    one("a week ago", PUB19, "a week ago", "2019-04-15", "2019-04-15", 2, 0);
}

static void test_scan_calendar(void **state)
{
    (void)state;
    /* PUB19 is Monday 22 April: "earlier this week" falls back to last week */
    one("earlier this week", PUB19, "earlier this week", "2019-04-15", "2019-04-21", 2, 0);
    one("earlier this week", D(2019, 4, 25), "earlier this week", "2019-04-22", "2019-04-24", 2, 0);
    one("last week", PUB19, "last week", "2019-04-15", "2019-04-21", 2, 0);
    one("this week", D(2019, 4, 25), "this week", "2019-04-22", "2019-04-25", 2, 0);
    one("earlier this month", PUB19, "earlier this month", "2019-04-01", "2019-04-21", 3, 0);
    one("earlier this month", D(2019, 5, 1), "earlier this month", "2019-04-01", "2019-04-30", 3, 0);
    one("this month", PUB19, "this month", "2019-04-01", "2019-04-22", 3, 0);
    one("last month", PUB19, "last month", "2019-03-01", "2019-03-31", 3, 0);
    one("last month", D(2019, 1, 15), "last month", "2018-12-01", "2018-12-31", 3, 0);
    one("last month", D(2020, 3, 31), "last month", "2020-02-01", "2020-02-29", 3, 0);
    one("earlier this year", PUB19, "earlier this year", "2019-01-01", "2019-04-22", 3, 0);
    one("this year", PUB19, "this year", "2019-01-01", "2019-04-22", 3, 0);
    one("last year", PUB19, "last year", "2018-01-01", "2018-12-31", 3, 0);
    one("over the weekend", PUB19, "over the weekend", "2019-04-20", "2019-04-21", 2, 0);
    one("last weekend", D(2019, 4, 21), "last weekend", "2019-04-13", "2019-04-14", 2, 0);
    none("next week", PUB19);
    none("later this month", PUB19);
}

static void test_scan_periods(void **state)
{
    (void)state;
    const char *month[] = { "over the past month", "in the past month", "during the past month",
                            "over the last month", "the past month", "past 30 days" };
    for (size_t i = 0; i < sizeof month / sizeof month[0]; i++)
        one(month[i], PUB19, month[i], "2019-03-22", "2019-04-22", 3, 1);
    one("over the past month", D(2020, 3, 31), "over the past month", "2020-02-29", "2020-03-31", 3, 1);
    one("over the past month", D(2020, 1, 15), "over the past month", "2019-12-15", "2020-01-15", 3, 1);
    one("over the past week", PUB19, "over the past week", "2019-04-15", "2019-04-22", 2, 1);
    one("in the past week", PUB19, "in the past week", "2019-04-15", "2019-04-22", 2, 1);
    one("past seven days", PUB19, "past seven days", "2019-04-15", "2019-04-22", 2, 1);
    one("in the past 24 hours", PUB19, "in the past 24 hours", "2019-04-21", "2019-04-22", 1, 1);
    one("over the past two days", PUB19, "over the past two days", "2019-04-20", "2019-04-22", 1, 1);
    one("over the past three days", PUB19, "over the past three days", "2019-04-19", "2019-04-22", 2, 1);
    one("over the past 10 days", PUB19, "over the past 10 days", "2019-04-12", "2019-04-22", 2, 1);
    one("over the past 12 days", PUB19, "over the past 12 days", "2019-04-10", "2019-04-22", 3, 1);
    one("past two weeks", PUB19, "past two weeks", "2019-04-08", "2019-04-22", 2, 1);
    one("past three months", PUB19, "past three months", "2019-01-22", "2019-04-22", 3, 1);
    one("last six months", PUB19, "last six months", "2018-10-22", "2019-04-22", 3, 1);
    one("in the last 24 hours", PUB20, "in the last 24 hours", "2020-05-10", "2020-05-11", 1, 1);
    one("since january", PUB19, "since january", "2019-01-01", "2019-04-22", 3, 1);
    one("since may", PUB19, "since may", "2018-05-01", "2019-04-22", 3, 1);
    one("since the start of the year", PUB19, "since the start of the year", "2019-01-01", "2019-04-22", 3, 1);
    one("since the beginning of april", PUB19, "since the beginning of april", "2019-04-01", "2019-04-22", 3, 1);
    one("so far this year", PUB19, "so far this year", "2019-01-01", "2019-04-22", 3, 1);
    one("since 2011", PUB19, "since 2011", "2011-01-01", "2019-04-22", 3, 1);
    one("since 3 april", PUB19, "since 3 april", "2019-04-03", "2019-04-22", 3, 1);
    one("since 18 april 2019", PUB19, "since 18 april 2019", "2019-04-18", "2019-04-22", 2, 1);
    one("since saturday", PUB19, "since saturday", "2019-04-20", "2019-04-22", 1, 1);
    none("since 2025", PUB19); /* after pub */
}

static void test_scan_not_dates(void **state)
{
    (void)state;
    none("they may attack the town", PUB19);
    none("a march in nairobi", PUB19);
    none("protesters march through the city", PUB19);
    none("killed 22 fighters", PUB19);
    none("the 2 russians were freed", PUB19);
    none("up to 9 may have died", PUB19);
    none("covid-19 may spread", PUB19);
    none("the war in syria began in the second year", PUB19);
    none("2019 was a bad year", PUB19);
    none("at 10:30 some 300 people", PUB19);
    none("they marched 3 km", PUB19);
    none("he said he may 2 times", PUB19); /* odd, but "may 2 times" reads as a count */
    none("", PUB19);
    /* "may" next to a day number is a month */
    one("the may 9 attack", PUB20, "may 9", "2020-05-09", "2020-05-09", 1, 0);
    one("on 3 may, 9 may have died", PUB20, "on 3 may", "2020-05-03", "2020-05-03", 1, 0);
}

static void test_scan_many(void **state)
{
    (void)state;
    const char *s = "on saturday and sunday, fighting over the past week killed 22 fighters; "
                    "since january 300 died. yesterday police said 9 may 2019 was worse.";
    sr__date_hit h[16];
    int n = sr__date_scan(s, strlen(s), PUB19, h, 16);
    assert_int_equal(n, 6);
    const char *spans[] = { "on saturday", "sunday", "over the past week", "since january", "yesterday",
                            "9 may 2019" };
    for (int i = 0; i < n; i++) {
        char got[64];
        snprintf(got, sizeof got, "%.*s", (int)(h[i].e - h[i].s), s + h[i].s);
        assert_string_equal(got, spans[i]);
        assert_true(h[i].s < h[i].e && h[i].e <= strlen(s));
        if (i)
            assert_true(h[i].s >= h[i - 1].e); /* ordered, no overlaps */
    }
    assert_date(h[1].start, "2019-04-21");
    assert_int_equal(h[2].period, 1);
    assert_date(h[5].start, "2019-05-09");
    /* max is respected */
    memset(h, 0xab, sizeof h);
    assert_int_equal(sr__date_scan(s, strlen(s), PUB19, h, 2), 2);
    assert_int_equal(h[2].s, 0xabababab);
    assert_int_equal(sr__date_scan(s, strlen(s), PUB19, h, 0), 0);
    assert_int_equal(sr__date_scan(NULL, 5, PUB19, h, 4), 0);
    /* only the first n bytes are read */
    assert_int_equal(sr__date_scan(s, 11, PUB19, h, 4), 1);
    assert_int_equal(h[0].e, 11);
    assert_int_equal(sr__date_scan(s, 9, PUB19, h, 4), 0);
}

/* Words of every length up to 40 bytes before a date (the scan takes the
 * rest of a word 16 bytes at a time with SSE2, then byte by byte): ASCII
 * letters, with a digit or a non-ASCII letter inside, and a number glued to
 * the word (no day then); a scan cut inside the long word reads only its
 * first n bytes and finds nothing. */
static void test_scan_long_words(void **state)
{
    (void)state;
    char text[128], word[64];
    for (size_t len = 1; len <= 40; len++) {
        for (int kind = 0; kind < 3; kind++) {
            for (size_t i = 0; i < len; i++)
                word[i] = (char)('b' + (i * 7 + len) % 20); /* b..u: no keyword of 1-2 letters */
            if (kind == 1 && len >= 2)
                word[len / 2] = '7';
            word[len] = 0;
            if (kind == 2 && len >= 3)
                memcpy(word + len / 2, "\xc3\xa9", 2); /* e acute, two bytes */
            snprintf(text, sizeof text, "%s on 9 april 2019, then", word);
            one(text, PUB19, "on 9 april 2019", "2019-04-09", "2019-04-09", 1, 0);
            snprintf(text, sizeof text, "%s9 april 2019", word);
            one(text, PUB19, "april 2019", "2019-04-01", "2019-04-30", 3, 0);
            snprintf(text, sizeof text, "%s-9 april 2019", word);
            one(text, PUB19, "april 2019", "2019-04-01", "2019-04-30", 3, 0);
            if (len >= 2) { /* a digit last is still the word's */
                snprintf(text, sizeof text, "%.*s7 april 2019", (int)(len - 1), word);
                one(text, PUB19, "april 2019", "2019-04-01", "2019-04-30", 3, 0);
            }
            sr__date_hit h[4];
            snprintf(text, sizeof text, "%s on 9 april 2019", word);
            for (size_t n = 0; n <= strlen(word); n++)
                assert_int_equal(sr__date_scan(text, n, PUB19, h, 4), 0);
        }
    }
}

/* Random bytes and random keyword soup: spans stay in bounds and ordered,
 * ranges are valid (the sanitizers watch the rest). */
static void test_scan_random(void **state)
{
    (void)state;
    static const char *const words[] = { "on", "the", "may", "9", "22", "2019", "-", ",", "past", "last",
                                         "since", "between", "and", "of", "night", "saturday", "april",
                                         "earlier", "this", "week", "month", "year", "in", "early", "mid",
                                         "a", "few", "days", "ago", "so", "far", "/", "04", "31", "x" };
    srand(7);
    char buf[400];
    sr__date_hit h[64];
    for (int iter = 0; iter < 3000; iter++) {
        size_t n = 0;
        if (iter % 2) {
            n = (size_t)(rand() % (int)sizeof buf);
            for (size_t i = 0; i < n; i++)
                buf[i] = (char)(rand() % 256);
        } else {
            while (n < sizeof buf - 16) {
                const char *w = words[rand() % (int)(sizeof words / sizeof words[0])];
                size_t l = strlen(w);
                memcpy(buf + n, w, l);
                n += l;
                if (rand() % 4)
                    buf[n++] = ' ';
            }
        }
        int k = sr__date_scan(buf, n, PUB19, h, 64);
        assert_true(k >= 0 && k <= 64);
        for (int i = 0; i < k; i++) {
            assert_true(h[i].s < h[i].e && h[i].e <= n);
            if (i)
                assert_true(h[i].s >= h[i - 1].e);
            assert_true(sr__date_days(h[i].start) <= sr__date_days(h[i].end));
            assert_true(h[i].precision >= 1 && h[i].precision <= 3);
            assert_true(h[i].start.m >= 1 && h[i].start.m <= 12 && h[i].end.d >= 1 &&
                        h[i].end.d <= sr__month_days(h[i].end.y, h[i].end.m));
        }
        sr__date d;
        int rc = sr__date_find(buf, n, &d);
        assert_true(rc == 0 || rc == SR_ENOTFOUND);
    }
}

/* sr__date_scan_toks, given tokens and their classes, finds what
 * sr__date_scan finds: random phrases of keywords, numbers, punctuation,
 * glued words ("mid-may", "9th", "2019-04-22"), bytes >= 0x80 and other
 * words, tokenised as the coder would be (runs of letters and digits, one
 * punctuation byte each), some tokens left unclassed at random. */
static void test_scan_toks_same(void **state)
{
    (void)state;
    static const char *const extra[] = { "9", "22", "2019", "04", "31", "1st", "9th", "mid-may", "2019-04-22",
                                         "22/04/2019", "-", ",", ".", "/", "(", ")", "x", "city", "killed",
                                         "saturday\xe2\x80\x99s", "\xc3\xa9t\xc3\xa9", "ak47", "3-4", "1,000",
                                         "\xe2\x80\x94", "mid", "pm", "am", "o'clock" };
    size_t nkw = 0;
    while (sr__date_keyword(nkw)) {
        /* every name spells a keyword of the scanner's table (kw_names and
         * kws list the same words) */
        const char *kw = sr__date_keyword(nkw);
        int cl = sr__date_word_class(kw, strlen(kw));
        assert_true(cl != SR__DC_NONE && cl != SR__DC_UNSURE);
        nkw++;
    }
    assert_true(nkw > 50);
    assert_int_equal(sr__date_word_class("city", 4), SR__DC_NONE);
    assert_int_equal(sr__date_word_class("mid-may", 7), SR__DC_UNSURE);
    srand(11);
    char buf[600];
    sr__tok toks[600];
    uint8_t tc[600];
    sr__date_hit a[64], b[64];
    for (int iter = 0; iter < 4000; iter++) {
        size_t n = 0;
        while (n < sizeof buf - 40) {
            int r = rand() % 3;
            const char *w = r ? sr__date_keyword((size_t)rand() % nkw)
                              : extra[rand() % (int)(sizeof extra / sizeof extra[0])];
            size_t l = strlen(w);
            memcpy(buf + n, w, l);
            n += l;
            if (rand() % 5)
                buf[n++] = ' ';
        }
        /* the coder's way: runs of [a-z0-9] and bytes >= 0x80, one token per
         * other byte; a classed run is all letters or all digits and not
         * followed by a byte >= 0x80 */
        size_t nt = 0;
        for (size_t p = 0; p < n;) {
            unsigned char c = (unsigned char)buf[p];
            if (c == ' ') {
                p++;
                continue;
            }
            size_t q = p + 1;
            int alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
            if (alnum)
                while (q < n && (((unsigned char)buf[q] >= 'a' && (unsigned char)buf[q] <= 'z') ||
                                 (buf[q] >= '0' && buf[q] <= '9') || (unsigned char)buf[q] >= 0x80))
                    q++;
            int letters = 1, digits = 1, ascii = 1;
            for (size_t i = p; i < q; i++) {
                letters &= buf[i] >= 'a' && buf[i] <= 'z';
                digits &= buf[i] >= '0' && buf[i] <= '9';
                ascii &= (unsigned char)buf[i] < 0x80;
            }
            uint8_t cl = SR__DC_UNSURE;
            if (!alnum)
                cl = c < 0x80 ? SR__DC_PUNCT : SR__DC_UNSURE;
            else if (letters)
                cl = (uint8_t)sr__date_word_class(buf + p, q - p);
            else if (digits)
                cl = SR__DC_NUM;
            else if (c >= 'a' && c <= 'z' && ascii)
                cl = SR__DC_NONE; /* "ak47": a word, no keyword */
            if (rand() % 10 == 0)
                cl = SR__DC_UNSURE;
            toks[nt] = (sr__tok){ .s = (uint32_t)p + 5, .e = (uint32_t)q + 5 }; /* (base 5) */
            tc[nt++] = cl;
            p = q;
        }
        int ka = sr__date_scan(buf, n, PUB19, a, 64);
        int kb = sr__date_scan_toks(buf, n, PUB19, toks, 5, tc, nt, b, 64);
        assert_int_equal(ka, kb);
        for (int i = 0; i < ka; i++) {
            assert_int_equal(a[i].s, b[i].s);
            assert_int_equal(a[i].e, b[i].e);
            assert_int_equal(sr__date_days(a[i].start), sr__date_days(b[i].start));
            assert_int_equal(sr__date_days(a[i].end), sr__date_days(b[i].end));
            assert_int_equal(a[i].precision, b[i].precision);
            assert_int_equal(a[i].period, b[i].period);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_days),          cmocka_unit_test(test_month_arith),
        cmocka_unit_test(test_wday),          cmocka_unit_test(test_fmt_iso),
        cmocka_unit_test(test_find),          cmocka_unit_test(test_scan_absolute),
        cmocka_unit_test(test_scan_weekdays), cmocka_unit_test(test_scan_days),
        cmocka_unit_test(test_scan_calendar), cmocka_unit_test(test_scan_periods),
        cmocka_unit_test(test_scan_not_dates), cmocka_unit_test(test_scan_many),
        cmocka_unit_test(test_scan_long_words),
        cmocka_unit_test(test_scan_random),     cmocka_unit_test(test_scan_toks_same),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
