/* date.c — calendar arithmetic and date expressions. sr__date_find pulls one
 * full date out of a free-form header line; sr__date_scan finds absolute and
 * relative date expressions in normalised text and resolves them against the
 * publication date. Both share one small lexer and a keyword table.
 *
 * Rules chosen for the ambiguous cases (pub = the publication date):
 *  - A date without a year takes the year that puts it on or before pub
 *    ("9 may", pub 2020-05-11 -> 2020-05-09; "12 may" -> 2019-05-12). A month
 *    or a third of a month without a year is the most recent one that starts
 *    on or before pub. Explicit years must be 1900..2100.
 *  - A month name counts only next to a day number or a year, or after
 *    "in"/"during"/"since"/"early"/"mid"/"late"/"the end of"... ("a march in
 *    nairobi" is no date). "N may" without a year is rejected when a modal
 *    continuation follows ("9 may have died") or a quantity word precedes
 *    ("up to 9 may"). A number glued to a word by '-' ("covid-19") is no day.
 *  - Weekdays: "saturday", "on saturday", "last saturday", "saturday night"
 *    mean the most recent such day strictly before pub; only "this saturday"
 *    may be pub itself. "next saturday", "tomorrow", "next week", "later this
 *    month" are consumed but give no hit (future). A weekday followed by a
 *    full date ("saturday, 20 april") takes that date.
 *  - "earlier this week" is Monday..pub-1 (the previous week when pub is a
 *    Monday); "earlier this month" is the 1st..pub-1 (the previous month's 1st
 *    when pub is the 1st); "earlier this year"/"this year" are Jan 1..pub.
 *  - Weekends: "last weekend" ends on the last Sunday strictly before pub;
 *    "the/this/over the weekend" is the latest Saturday on or before pub
 *    through its Sunday, cut at pub.
 *  - Periods (period = 1): "[over|in|during|for|within|throughout] [the]
 *    past|last N unit" and "this past unit"; bare "last week/month/year" is the
 *    calendar unit, not a period. N is digits or one..twelve, twenty, thirty,
 *    "a couple of" = 2, "a few" = 3, "several" = 5. 30 or 31 days = one
 *    calendar month back. Precision: hours/days 1 when <= 2 days, 2 up to 10
 *    days, else 3; weeks 2 up to two weeks, else 3; months/years 3.
 *  - "since X" runs from the start of X to pub (period); since a month, a
 *    year or "the start of ..." has precision 3, otherwise by length (<= 2
 *    days 1, <= 10 days 2, else 3). A start after pub gives no hit.
 *  - Ranges ("between 3 and 5 may", "3-4 may", "from 3 to 5 may"): precision
 *    1 for one day, 2 up to 11 days, else 3. Thirds of a month: early 1-10,
 *    mid 11-20, late 21-end (precision 2); of a year: early Jan-Apr, mid
 *    May-Aug, late Sep-Dec (3). "in 2019" is the whole year (3).
 *  - "N unit ago" is one day: precision 1 for hours/days ("a few days" 2),
 *    2 for up to two weeks, else 3.
 *  - "this year"/"last year" after a month sets its year ("in march last
 *    year"). Numeric dates: 2019-04-22, 2019/04/22, and 22/04/2019 or
 *    22.04.2019 day first (month first only if day first is impossible).
 *  - sr__date_scan stops when max hits are written and returns that count.
 *    sr__date_find accepts only complete dates with a year and returns the
 *    first one in the line (first 4 KiB). */
#include "internal.h"

#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* ---- calendar arithmetic --------------------------------------------- */

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int sr__month_days(int y, int m)
{
    static const int md[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && is_leap(y) ? 29 : md[m - 1];
}

static int date_valid(int y, int m, int d)
{
    return m >= 1 && m <= 12 && d >= 1 && d <= sr__month_days(y, m);
}

/* Counts days with years starting in March, so the leap day falls last and
 * each 400-year cycle (146097 days) repeats exactly. */
long sr__date_days(sr__date d)
{
    long y = d.y - (d.m <= 2);
    long cyc = (y >= 0 ? y : y - 399) / 400;
    long yc = y - cyc * 400;                              /* 0..399 */
    long mp = d.m > 2 ? d.m - 3 : d.m + 9;                /* March = 0 */
    long doy = (153 * mp + 2) / 5 + d.d - 1;              /* 0..365 */
    long doc = yc * 365 + yc / 4 - yc / 100 + doy;       /* 0..146096 */
    return cyc * 146097 + doc - 719468;                   /* 1970-03-01 shift */
}

sr__date sr__date_from_days(long days)
{
    long z = days + 719468;
    long cyc = (z >= 0 ? z : z - 146096) / 146097;
    long doc = z - cyc * 146097;
    long yc = (doc - doc / 1460 + doc / 36524 - doc / 146096) / 365;
    long y = yc + cyc * 400;
    long doy = doc - (365 * yc + yc / 4 - yc / 100);
    long mp = (5 * doy + 2) / 153;
    sr__date r;
    r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
    r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
    r.y = (int)(y + (r.m <= 2));
    return r;
}

int sr__date_wday(sr__date d)
{
    long w = (sr__date_days(d) + 4) % 7; /* 1970-01-01 was a Thursday */
    return (int)(w < 0 ? w + 7 : w);
}

void sr__date_fmt(sr__date d, char out[11])
{
    int y = d.y < 0 ? 0 : d.y > 9999 ? 9999 : d.y;
    int m = d.m < 0 ? 0 : d.m > 99 ? 99 : d.m;
    int dd = d.d < 0 ? 0 : d.d > 99 ? 99 : d.d;
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + dd / 10);
    out[9] = (char)('0' + dd % 10);
    out[10] = 0;
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Strict YYYY-MM-DD; a 'T' or a space may follow (timestamps). */
int sr__date_parse_iso(const char *s, sr__date *out)
{
    if (!s || !out)
        return SR_EINVAL;
    for (int i = 0; i < 10; i++)
        if (!s[i])
            return SR_EPARSE;
    if (s[4] != '-' || s[7] != '-' || (s[10] && s[10] != 'T' && s[10] != 't' && s[10] != ' '))
        return SR_EPARSE;
    int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    if (y < 1 || m < 0 || d < 0 || !date_valid(y, m, d))
        return SR_EPARSE;
    out->y = y;
    out->m = m;
    out->d = d;
    return 0;
}

static sr__date mkdate(int y, int m, int d)
{
    sr__date r = { y, m, d };
    return r;
}
static sr__date add_days(sr__date d, long k) { return sr__date_from_days(sr__date_days(d) + k); }
static long diff_days(sr__date a, sr__date b) { return sr__date_days(b) - sr__date_days(a); }
static int date_cmp(sr__date a, sr__date b)
{
    if (a.y != b.y)
        return a.y < b.y ? -1 : 1;
    if (a.m != b.m)
        return a.m < b.m ? -1 : 1;
    return a.d < b.d ? -1 : a.d > b.d;
}

/* Moves by k calendar months, clamping the day to the target month. */
static sr__date add_months(sr__date d, long k)
{
    long mi = (long)d.y * 12 + (d.m - 1) + k;
    long y = mi >= 0 ? mi / 12 : (mi - 11) / 12;
    sr__date r = { (int)y, (int)(mi - y * 12 + 1), d.d };
    int md = sr__month_days(r.y, r.m);
    if (r.d > md)
        r.d = md;
    return r;
}

/* ---- lexer ------------------------------------------------------------- */

enum { TK_END = 0, TK_WORD, TK_NUM, TK_PUNCT };
enum {
    K_NONE = 0, K_NUMW, K_PART, K_AGO, K_AND, K_MON, K_AT, K_BEFORE, K_START, K_BETWEEN, K_UNIT,
    K_DURING, K_EARLIER, K_EARLY, K_END, K_FAR, K_FOR, K_WDAY, K_FROM, K_IN, K_LAST, K_LATE,
    K_LATER, K_MID, K_MIDDLE, K_NEXT, K_OF, K_ON, K_OVER, K_PAST, K_SINCE, K_SO, K_THE, K_THIS,
    K_THROUGH, K_THROUGHOUT, K_TO, K_TODAY, K_TOMORROW, K_TONIGHT, K_UNTIL, K_WEEKEND, K_WITHIN,
    K_YESTERDAY
};
enum { U_HOUR = 0, U_DAY, U_WEEK, U_MONTH, U_YEAR, U_FORTNIGHT };
enum { P_NIGHT = 1, P_MORNING, P_AFTERNOON, P_EVENING };

/* Keywords, packed big-endian into two 64-bit words (zero-padded) so a
 * lookup is two integer comparisons. */
typedef struct kw {
    uint64_t hi, lo;
    unsigned char cls, val, flag; /* flag: 1 month abbreviation or article, 2 vague number */
} kw;

static const kw kws[] = {
    {0x6100000000000000ULL, 0x0000000000000000ULL, K_NUMW, 1, 1}, /* a */
    {0x61667465726e6f6fULL, 0x6e00000000000000ULL, K_PART, 3, 0}, /* afternoon */
    {0x61676f0000000000ULL, 0x0000000000000000ULL, K_AGO, 0, 0}, /* ago */
    {0x616e000000000000ULL, 0x0000000000000000ULL, K_NUMW, 1, 1}, /* an */
    {0x616e640000000000ULL, 0x0000000000000000ULL, K_AND, 0, 0}, /* and */
    {0x6170720000000000ULL, 0x0000000000000000ULL, K_MON, 4, 1}, /* apr */
    {0x617072696c000000ULL, 0x0000000000000000ULL, K_MON, 4, 0}, /* april */
    {0x6174000000000000ULL, 0x0000000000000000ULL, K_AT, 0, 0}, /* at */
    {0x6175670000000000ULL, 0x0000000000000000ULL, K_MON, 8, 1}, /* aug */
    {0x6175677573740000ULL, 0x0000000000000000ULL, K_MON, 8, 0}, /* august */
    {0x6265666f72650000ULL, 0x0000000000000000ULL, K_BEFORE, 0, 0}, /* before */
    {0x626567696e6e696eULL, 0x6700000000000000ULL, K_START, 0, 0}, /* beginning */
    {0x6265747765656e00ULL, 0x0000000000000000ULL, K_BETWEEN, 0, 0}, /* between */
    {0x636f75706c650000ULL, 0x0000000000000000ULL, K_NUMW, 2, 2}, /* couple */
    {0x6461790000000000ULL, 0x0000000000000000ULL, K_UNIT, 1, 0}, /* day */
    {0x6461797300000000ULL, 0x0000000000000000ULL, K_UNIT, 1, 0}, /* days */
    {0x6465630000000000ULL, 0x0000000000000000ULL, K_MON, 12, 1}, /* dec */
    {0x646563656d626572ULL, 0x0000000000000000ULL, K_MON, 12, 0}, /* december */
    {0x647572696e670000ULL, 0x0000000000000000ULL, K_DURING, 0, 0}, /* during */
    {0x6561726c69657200ULL, 0x0000000000000000ULL, K_EARLIER, 0, 0}, /* earlier */
    {0x6561726c79000000ULL, 0x0000000000000000ULL, K_EARLY, 0, 0}, /* early */
    {0x6569676874000000ULL, 0x0000000000000000ULL, K_NUMW, 8, 0}, /* eight */
    {0x656c6576656e0000ULL, 0x0000000000000000ULL, K_NUMW, 11, 0}, /* eleven */
    {0x656e640000000000ULL, 0x0000000000000000ULL, K_END, 0, 0}, /* end */
    {0x6576656e696e6700ULL, 0x0000000000000000ULL, K_PART, 4, 0}, /* evening */
    {0x6661720000000000ULL, 0x0000000000000000ULL, K_FAR, 0, 0}, /* far */
    {0x6665620000000000ULL, 0x0000000000000000ULL, K_MON, 2, 1}, /* feb */
    {0x6665627275617279ULL, 0x0000000000000000ULL, K_MON, 2, 0}, /* february */
    {0x6665770000000000ULL, 0x0000000000000000ULL, K_NUMW, 3, 2}, /* few */
    {0x6669766500000000ULL, 0x0000000000000000ULL, K_NUMW, 5, 0}, /* five */
    {0x666f720000000000ULL, 0x0000000000000000ULL, K_FOR, 0, 0}, /* for */
    {0x666f72746e696768ULL, 0x7400000000000000ULL, K_UNIT, 5, 0}, /* fortnight */
    {0x666f757200000000ULL, 0x0000000000000000ULL, K_NUMW, 4, 0}, /* four */
    {0x6672696461790000ULL, 0x0000000000000000ULL, K_WDAY, 5, 0}, /* friday */
    {0x66726f6d00000000ULL, 0x0000000000000000ULL, K_FROM, 0, 0}, /* from */
    {0x686f757200000000ULL, 0x0000000000000000ULL, K_UNIT, 0, 0}, /* hour */
    {0x686f757273000000ULL, 0x0000000000000000ULL, K_UNIT, 0, 0}, /* hours */
    {0x696e000000000000ULL, 0x0000000000000000ULL, K_IN, 0, 0}, /* in */
    {0x6a616e0000000000ULL, 0x0000000000000000ULL, K_MON, 1, 1}, /* jan */
    {0x6a616e7561727900ULL, 0x0000000000000000ULL, K_MON, 1, 0}, /* january */
    {0x6a756c0000000000ULL, 0x0000000000000000ULL, K_MON, 7, 1}, /* jul */
    {0x6a756c7900000000ULL, 0x0000000000000000ULL, K_MON, 7, 0}, /* july */
    {0x6a756e0000000000ULL, 0x0000000000000000ULL, K_MON, 6, 1}, /* jun */
    {0x6a756e6500000000ULL, 0x0000000000000000ULL, K_MON, 6, 0}, /* june */
    {0x6c61737400000000ULL, 0x0000000000000000ULL, K_LAST, 0, 0}, /* last */
    {0x6c61746500000000ULL, 0x0000000000000000ULL, K_LATE, 0, 0}, /* late */
    {0x6c61746572000000ULL, 0x0000000000000000ULL, K_LATER, 0, 0}, /* later */
    {0x6d61720000000000ULL, 0x0000000000000000ULL, K_MON, 3, 1}, /* mar */
    {0x6d61726368000000ULL, 0x0000000000000000ULL, K_MON, 3, 0}, /* march */
    {0x6d61790000000000ULL, 0x0000000000000000ULL, K_MON, 5, 0}, /* may */
    {0x6d69640000000000ULL, 0x0000000000000000ULL, K_MID, 0, 0}, /* mid */
    {0x6d6964646c650000ULL, 0x0000000000000000ULL, K_MIDDLE, 0, 0}, /* middle */
    {0x6d6f6e6461790000ULL, 0x0000000000000000ULL, K_WDAY, 1, 0}, /* monday */
    {0x6d6f6e7468000000ULL, 0x0000000000000000ULL, K_UNIT, 3, 0}, /* month */
    {0x6d6f6e7468730000ULL, 0x0000000000000000ULL, K_UNIT, 3, 0}, /* months */
    {0x6d6f726e696e6700ULL, 0x0000000000000000ULL, K_PART, 2, 0}, /* morning */
    {0x6e65787400000000ULL, 0x0000000000000000ULL, K_NEXT, 0, 0}, /* next */
    {0x6e69676874000000ULL, 0x0000000000000000ULL, K_PART, 1, 0}, /* night */
    {0x6e696e6500000000ULL, 0x0000000000000000ULL, K_NUMW, 9, 0}, /* nine */
    {0x6e6f760000000000ULL, 0x0000000000000000ULL, K_MON, 11, 1}, /* nov */
    {0x6e6f76656d626572ULL, 0x0000000000000000ULL, K_MON, 11, 0}, /* november */
    {0x6f63740000000000ULL, 0x0000000000000000ULL, K_MON, 10, 1}, /* oct */
    {0x6f63746f62657200ULL, 0x0000000000000000ULL, K_MON, 10, 0}, /* october */
    {0x6f66000000000000ULL, 0x0000000000000000ULL, K_OF, 0, 0}, /* of */
    {0x6f6e000000000000ULL, 0x0000000000000000ULL, K_ON, 0, 0}, /* on */
    {0x6f6e650000000000ULL, 0x0000000000000000ULL, K_NUMW, 1, 0}, /* one */
    {0x6f76657200000000ULL, 0x0000000000000000ULL, K_OVER, 0, 0}, /* over */
    {0x7061737400000000ULL, 0x0000000000000000ULL, K_PAST, 0, 0}, /* past */
    {0x7361747572646179ULL, 0x0000000000000000ULL, K_WDAY, 6, 0}, /* saturday */
    {0x7365700000000000ULL, 0x0000000000000000ULL, K_MON, 9, 1}, /* sep */
    {0x7365707400000000ULL, 0x0000000000000000ULL, K_MON, 9, 1}, /* sept */
    {0x73657074656d6265ULL, 0x7200000000000000ULL, K_MON, 9, 0}, /* september */
    {0x736576656e000000ULL, 0x0000000000000000ULL, K_NUMW, 7, 0}, /* seven */
    {0x7365766572616c00ULL, 0x0000000000000000ULL, K_NUMW, 5, 2}, /* several */
    {0x73696e6365000000ULL, 0x0000000000000000ULL, K_SINCE, 0, 0}, /* since */
    {0x7369780000000000ULL, 0x0000000000000000ULL, K_NUMW, 6, 0}, /* six */
    {0x736f000000000000ULL, 0x0000000000000000ULL, K_SO, 0, 0}, /* so */
    {0x7374617274000000ULL, 0x0000000000000000ULL, K_START, 0, 0}, /* start */
    {0x73756e6461790000ULL, 0x0000000000000000ULL, K_WDAY, 0, 0}, /* sunday */
    {0x74656e0000000000ULL, 0x0000000000000000ULL, K_NUMW, 10, 0}, /* ten */
    {0x7468650000000000ULL, 0x0000000000000000ULL, K_THE, 0, 0}, /* the */
    {0x7468697274790000ULL, 0x0000000000000000ULL, K_NUMW, 30, 0}, /* thirty */
    {0x7468697300000000ULL, 0x0000000000000000ULL, K_THIS, 0, 0}, /* this */
    {0x7468726565000000ULL, 0x0000000000000000ULL, K_NUMW, 3, 0}, /* three */
    {0x7468726f75676800ULL, 0x0000000000000000ULL, K_THROUGH, 0, 0}, /* through */
    {0x7468726f7567686fULL, 0x7574000000000000ULL, K_THROUGHOUT, 0, 0}, /* throughout */
    {0x7468757273646179ULL, 0x0000000000000000ULL, K_WDAY, 4, 0}, /* thursday */
    {0x746f000000000000ULL, 0x0000000000000000ULL, K_TO, 0, 0}, /* to */
    {0x746f646179000000ULL, 0x0000000000000000ULL, K_TODAY, 0, 0}, /* today */
    {0x746f6d6f72726f77ULL, 0x0000000000000000ULL, K_TOMORROW, 0, 0}, /* tomorrow */
    {0x746f6e6967687400ULL, 0x0000000000000000ULL, K_TONIGHT, 0, 0}, /* tonight */
    {0x7475657364617900ULL, 0x0000000000000000ULL, K_WDAY, 2, 0}, /* tuesday */
    {0x7477656c76650000ULL, 0x0000000000000000ULL, K_NUMW, 12, 0}, /* twelve */
    {0x7477656e74790000ULL, 0x0000000000000000ULL, K_NUMW, 20, 0}, /* twenty */
    {0x74776f0000000000ULL, 0x0000000000000000ULL, K_NUMW, 2, 0}, /* two */
    {0x756e74696c000000ULL, 0x0000000000000000ULL, K_UNTIL, 0, 0}, /* until */
    {0x7765646e65736461ULL, 0x7900000000000000ULL, K_WDAY, 3, 0}, /* wednesday */
    {0x7765656b00000000ULL, 0x0000000000000000ULL, K_UNIT, 2, 0}, /* week */
    {0x7765656b656e6400ULL, 0x0000000000000000ULL, K_WEEKEND, 0, 0}, /* weekend */
    {0x7765656b73000000ULL, 0x0000000000000000ULL, K_UNIT, 2, 0}, /* weeks */
    {0x77697468696e0000ULL, 0x0000000000000000ULL, K_WITHIN, 0, 0}, /* within */
    {0x7965617200000000ULL, 0x0000000000000000ULL, K_UNIT, 4, 0}, /* year */
    {0x7965617273000000ULL, 0x0000000000000000ULL, K_UNIT, 4, 0}, /* years */
    {0x7965737465726461ULL, 0x7900000000000000ULL, K_YESTERDAY, 0, 0}, /* yesterday */
};

/* The keywords of kws, spelled out in the same order (sr__date_keyword). */
static const char *const kw_names[] = {
    "a", "afternoon", "ago", "an", "and", "apr", "april", "at", "aug", "august", "before",
    "beginning", "between", "couple", "day", "days", "dec", "december", "during", "earlier",
    "early", "eight", "eleven", "end", "evening", "far", "feb", "february", "few", "five", "for",
    "fortnight", "four", "friday", "from", "hour", "hours", "in", "jan", "january", "jul", "july",
    "jun", "june", "last", "late", "later", "mar", "march", "may", "mid", "middle", "monday",
    "month", "months", "morning", "next", "night", "nine", "nov", "november", "oct", "october",
    "of", "on", "one", "over", "past", "saturday", "sep", "sept", "september", "seven", "several",
    "since", "six", "so", "start", "sunday", "ten", "the", "thirty", "this", "three", "through",
    "throughout", "thursday", "to", "today", "tomorrow", "tonight", "tuesday", "twelve", "twenty",
    "two", "until", "wednesday", "week", "weekend", "weeks", "within", "year", "years", "yesterday",
};

/* Open-addressing hash of kws (index + 1, 0 = empty), and per first letter
 * a bit mask of the lengths of all keywords and of those that can start an
 * expression (see anchor_classes); all generated from the table above. */
static const uint8_t kw_slot[512] = {
    0, 0, 0, 0, 0, 68, 84, 0, 0, 0, 0, 0, 0, 0, 94, 0,
    0, 0, 28, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 86, 0, 0,
    0, 0, 70, 0, 50, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 97, 62, 0, 34, 0, 0, 0, 0, 37, 36, 0, 0, 93,
    26, 0, 0, 0, 0, 0, 0, 66, 77, 0, 0, 69, 0, 0, 0, 0,
    0, 32, 0, 0, 0, 0, 0, 0, 0, 23, 4, 0, 0, 0, 104, 0,
    0, 0, 40, 87, 92, 0, 80, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 67, 0, 59, 49, 46, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 57,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 22, 0,
    0, 0, 0, 0, 0, 0, 41, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    89, 101, 0, 55, 0, 0, 0, 54, 0, 0, 0, 0, 0, 0, 6, 91,
    0, 0, 0, 0, 61, 0, 65, 47, 0, 0, 96, 0, 19, 56, 0, 0,
    0, 0, 0, 0, 72, 0, 0, 3, 63, 0, 0, 0, 0, 0, 95, 0,
    0, 0, 0, 0, 9, 0, 99, 0, 51, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 8, 0, 12, 16, 0, 0, 0, 0, 73, 0, 0, 0, 25,
    30, 42, 0, 0, 0, 21, 0, 0, 33, 58, 0, 0, 0, 18, 35, 0,
    0, 0, 0, 0, 0, 0, 0, 103, 102, 11, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 60, 75, 0, 0, 0, 0, 0, 38, 0, 0, 0, 0, 10,
    5, 0, 0, 0, 0, 0, 0, 0, 71, 0, 0, 0, 0, 0, 0, 0,
    0, 44, 0, 52, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 17, 85, 0, 0,
    0, 0, 0, 0, 0, 14, 48, 53, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 20, 0, 0, 0, 0, 0, 0, 13,
    0, 0, 0, 0, 0, 100, 83, 98, 24, 0, 0, 0, 0, 45, 0, 7,
    0, 0, 2, 0, 0, 82, 0, 31, 0, 0, 0, 78, 90, 79, 0, 81,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 15, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 88, 76, 0, 0, 0, 0, 0, 74, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 27, 0, 0, 0, 64, 0, 0, 39, 43, 29, 0,
};
static const uint16_t kw_anchormask[26] = {
    0x6e, 0x80, 0x40, 0x148, 0xe0, 0x158, 0x0, 0x0, 0x4, 0x98, 0x0, 0x30, 0x68, 0x118, 0x9c, 0x10, 0x0, 0x0, 0x3fc, 0x5f8, 0x0, 0x0, 0x240, 0x0, 0x200, 0x0
};
static const uint16_t kw_lenmask[26] = {
    0x26e, 0x2c0, 0x40, 0x158, 0xe8, 0x358, 0x0, 0x30, 0x4, 0x98, 0x0, 0x30, 0xe8, 0x138, 0x9c, 0x10, 0x0, 0x0, 0x3fc, 0x5fc, 0x20, 0x0, 0x2f0, 0x0, 0x230, 0x0
};

typedef struct tok {
    uint32_t s, e;
    uint8_t kind, cls, glue, ndig, ord, flag;
    int32_t val;
} tok;

/* Byte classes: 1 letter (any byte >= 0x80 too), 2 digit, 4 space. */
static const uint8_t chcls[256] = {
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/* The keyword s[0..n) (1 <= n <= 10), or NULL; avail bytes from s may be
 * read. For callers that have tested the first letter and the length. */
static inline const kw *kw_lookup(const char *s, size_t n, size_t avail)
{
    uint64_t hi = 0, lo = 0; /* byte i lands at bits 56 - 8 * (i % 8) */
    if (n <= 8 && avail >= 8) { /* one load, kept to the word's bytes */
        unsigned char b[8];
        memcpy(b, s, 8);
        hi = (uint64_t)b[0] << 56 | (uint64_t)b[1] << 48 | (uint64_t)b[2] << 40 |
             (uint64_t)b[3] << 32 | (uint64_t)b[4] << 24 | (uint64_t)b[5] << 16 |
             (uint64_t)b[6] << 8 | b[7];
        hi &= ~0ULL << (64 - 8 * n);
    } else {
        for (size_t i = 0; i < n && i < 8; i++)
            hi |= (uint64_t)(unsigned char)s[i] << (56 - 8 * i);
        for (size_t i = 8; i < n; i++)
            lo |= (uint64_t)(unsigned char)s[i] << (120 - 8 * i);
    }
    unsigned x = (unsigned)(((hi ^ (lo * 0x9E3779B97F4A7C15ULL)) * 0xff51afd7ed558ccdULL) >> 55);
    for (; kw_slot[x]; x = (x + 1) & 511) {
        const kw *k = &kws[kw_slot[x] - 1];
        if (k->hi == hi && k->lo == lo)
            return k;
    }
    return NULL;
}

/* The keyword s[0..n), or NULL; avail bytes from s may be read. */
static const kw *kw_find(const char *s, size_t n, size_t avail)
{
    unsigned char c = (unsigned char)s[0];
    if (n == 0 || n > 10 || c < 'a' || c > 'z' || !(kw_lenmask[c - 'a'] >> n & 1))
        return NULL;
    return kw_lookup(s, n, avail);
}

static int is_alpha(unsigned char c) { return chcls[c] == 1; }
static int is_digit(unsigned char c) { return chcls[c] == 2; }

/* Whether s[q..q+2) is an ordinal suffix ("1st", "22nd") with no letter
 * after it. */
static int ord_suffix(const char *s, size_t n, size_t q)
{
    if (q + 1 >= n || (q + 2 < n && is_alpha((unsigned char)s[q + 2])))
        return 0;
    char a = s[q], b = s[q + 1];
    return (a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
           (a == 't' && b == 'h');
}

/* Reads the token at or after pos into *t; returns the position after it. */
static size_t lex(const char *s, size_t n, size_t pos, tok *t)
{
    size_t p = pos;
    while (p < n && chcls[(unsigned char)s[p]] == 4)
        p++;
    memset(t, 0, sizeof *t);
    t->glue = p > 0 && chcls[(unsigned char)s[p - 1]] != 4;
    if (p >= n) {
        t->s = t->e = (uint32_t)n;
        return n;
    }
    unsigned char c = (unsigned char)s[p];
    size_t q = p;
    if (is_digit(c)) {
        int32_t v = 0;
        while (q < n && is_digit((unsigned char)s[q])) {
            if (v < 10000000)
                v = v * 10 + (s[q] - '0');
            q++;
        }
        t->kind = TK_NUM;
        t->ndig = (uint8_t)(q - p > 99 ? 99 : q - p);
        t->val = v;
        if (ord_suffix(s, n, q)) {
            t->ord = 1;
            q += 2;
        }
    } else if (is_alpha(c)) {
        while (q < n && (chcls[(unsigned char)s[q]] & 3))
            q++;
        t->kind = TK_WORD;
        const kw *k = kw_find(s + p, q - p, n - p);
        if (k) {
            t->cls = k->cls;
            t->val = k->val;
            t->flag = k->flag;
        }
    } else {
        q = p + 1;
        t->kind = TK_PUNCT;
        t->val = c;
    }
    t->s = (uint32_t)p;
    t->e = (uint32_t)q;
    return q;
}

/* A window of tokens lexed on demand from a start position. Index -1 and
 * -2 are the two tokens before it, lexed again from their start offsets
 * when a rule looks behind. */
#define WCAP 40
typedef struct win {
    const char *s;
    size_t n, pos;
    int nt, done;
    uint32_t prev_s[2]; /* UINT32_MAX: none */
    /* the caller's tokens with their classes (sr__date_scan_toks), or none:
     * next_anchor takes a token whose class is sure from them instead of
     * lexing its bytes; k is the first not yet passed */
    const sr__tok *tk; /* token i spans s[tk[i].s - base .. tk[i].e - base) */
    uint32_t base;
    const uint8_t *tc;
    size_t ntc, k;
    tok t[WCAP];
    tok prev[2];
} win;

static const tok tok_none;

static const tok *T(win *w, int i)
{
    if (i < 0) {
        int k = -i - 1;
        if (k > 1 || w->prev_s[k] == UINT32_MAX)
            return &tok_none;
        lex(w->s, w->n, w->prev_s[k], &w->prev[k]);
        return &w->prev[k];
    }
    while (i >= w->nt && !w->done && w->nt < WCAP) {
        tok *t = &w->t[w->nt++];
        w->pos = lex(w->s, w->n, w->pos, t);
        if (t->kind == TK_END)
            w->done = 1;
    }
    return i < w->nt ? &w->t[i] : &tok_none;
}

static void win_start(win *w, size_t pos)
{
    w->pos = pos;
    w->nt = 0;
    w->done = 0;
}
static void win_push_prev(win *w, uint32_t start)
{
    w->prev_s[1] = w->prev_s[0];
    w->prev_s[0] = start;
}

/* Keyword classes that can start an expression (a number always can). */
static const uint64_t anchor_classes =
    ~(1ULL << K_NONE | 1ULL << K_AND | 1ULL << K_TO | 1ULL << K_UNTIL | 1ULL << K_THROUGH |
      1ULL << K_OF | 1ULL << K_FAR | 1ULL << K_BEFORE | 1ULL << K_AGO | 1ULL << K_START |
      1ULL << K_END | 1ULL << K_MIDDLE | 1ULL << K_PART | 1ULL << K_UNIT | 1ULL << K_WEEKEND);

/* What may follow each kind of anchor if p_expr is to match at all,
 * as a bit mask over the second token's class: its keyword class for a word
 * (bit K_NONE for other words), F_NUM for a number, F_PUNCT for punctuation
 * (the end of the text sets no bit). Derived from the first test every rule
 * makes on the second token, e.g. "the" leads nowhere unless "past", "last",
 * "this", "weekend", a unit, "start", "middle", "end", "early" or a part of
 * the day follows. Classes not listed (weekdays, today, ...) take anything.
 * This lets the scan drop most "the", "in", "a", "may" and plain numbers
 * after lexing just one more token; it never changes a result. */
#define F(k) (1ULL << (k))
#define F_NUM (1ULL << 62)
#define F_PUNCT (1ULL << 63)
#define F_ANY (~0ULL)
#define F_CORE                                                                                   \
    (F_NUM | F(K_MON) | F(K_WDAY) | F(K_NUMW) | F(K_TODAY) | F(K_TONIGHT) | F(K_YESTERDAY) |    \
     F(K_TOMORROW) | F(K_EARLIER) | F(K_LATER) | F(K_EARLY) | F(K_LATE) | F(K_MID) | F(K_THIS) | \
     F(K_LAST) | F(K_NEXT) | F(K_THE)) /* anything p_core can start with */
#define F_PERIOD (F(K_THE) | F(K_THIS) | F(K_PAST) | F(K_LAST)) /* after a preposition */
static const uint64_t follow[K_YESTERDAY + 1] = {
    [K_NUMW] = F(K_NUMW) | F(K_OF) | F(K_UNIT),
    [K_MON] = F_NUM | F_PUNCT,
    [K_AT] = F(K_THE),
    [K_BETWEEN] = F_NUM | F(K_MON),
    [K_FROM] = F_NUM | F(K_MON),
    [K_DURING] = F_PERIOD | F_NUM | F(K_MON) | F(K_EARLY) | F(K_MID) | F(K_LATE),
    [K_IN] = F_PERIOD | F_NUM | F(K_MON) | F(K_EARLY) | F(K_MID) | F(K_LATE),
    [K_THROUGHOUT] = F_PERIOD | F_NUM | F(K_MON) | F(K_EARLY) | F(K_MID) | F(K_LATE),
    [K_OVER] = F_PERIOD,
    [K_FOR] = F_PERIOD,
    [K_WITHIN] = F_PERIOD,
    [K_ON] = F_CORE,
    [K_SINCE] = F_CORE,
    [K_SO] = F(K_FAR),
    [K_PAST] = F_NUM | F(K_NUMW) | F(K_UNIT),
    [K_THE] = F(K_THIS) | F(K_PAST) | F(K_LAST) | F(K_WEEKEND) | F(K_UNIT) | F(K_START) |
              F(K_MIDDLE) | F(K_END) | F(K_EARLY) | F(K_PART),
    [K_THIS] = F(K_PAST) | F_NUM | F(K_NUMW) | F(K_UNIT) | F(K_PART) | F(K_WEEKEND) | F(K_WDAY),
    [K_LAST] = F(K_PAST) | F_NUM | F(K_NUMW) | F(K_UNIT) | F(K_PART) | F(K_WEEKEND) | F(K_WDAY),
    [K_NEXT] = F(K_UNIT) | F(K_WEEKEND) | F(K_WDAY),
    [K_EARLIER] = F(K_TODAY) | F(K_TONIGHT) | F(K_YESTERDAY) | F(K_THIS) | F(K_LAST) | F(K_NEXT),
    [K_LATER] = F(K_TODAY) | F(K_TONIGHT) | F(K_YESTERDAY) | F(K_THIS) | F(K_LAST) | F(K_NEXT),
    [K_EARLY] = F_PUNCT | F_NUM | F(K_MON) | F(K_TODAY) | F(K_TONIGHT) | F(K_YESTERDAY) | F(K_ON) |
                F(K_WDAY),
    [K_LATE] = F_PUNCT | F_NUM | F(K_MON) | F(K_TODAY) | F(K_TONIGHT) | F(K_YESTERDAY) | F(K_ON) |
               F(K_WDAY),
    [K_MID] = F_PUNCT | F_NUM | F(K_MON),
    [K_WDAY] = F_ANY,
    [K_TODAY] = F_ANY,
    [K_TONIGHT] = F_ANY,
    [K_TOMORROW] = F_ANY,
    [K_YESTERDAY] = F_ANY,
};
/* Numbers: a numeric date, "3-4 may", "3 of may", "3 may" or "3 days ago". */
static const uint64_t follow_num = F_PUNCT | F(K_OF) | F(K_MON) | F(K_UNIT);

/* Per class of sr__date_scan_toks: 0 the scan may pass a token of it (no
 * anchor), 1 it is an anchor whose next token decides (dc_pass), 2 the scan
 * must stop there (an anchor that takes anything, or a token to lex). */
#define DC_ROW(cl) ((cl) == SR__DC_UNSURE ? 2 : (cl) == SR__DC_NUM ? 1 : \
                    (cl) >= 64 || !(anchor_classes >> ((cl) & 63) & 1) ? 0 :                   \
                    (cl) == K_WDAY || (cl) == K_TODAY || (cl) == K_TONIGHT ||             \
                    (cl) == K_TOMORROW || (cl) == K_YESTERDAY ? 2 : 1) /* (follow F_ANY) */
#define DC_ROW4(c) DC_ROW(c), DC_ROW(c + 1), DC_ROW(c + 2), DC_ROW(c + 3)
#define DC_ROW16(c) DC_ROW4(c), DC_ROW4(c + 4), DC_ROW4(c + 8), DC_ROW4(c + 12)
#define DC_ROW64(c) DC_ROW16(c), DC_ROW16(c + 16), DC_ROW16(c + 32), DC_ROW16(c + 48)
static const uint8_t dc_kind[256] = {DC_ROW64(0), DC_ROW64(64), DC_ROW64(128), DC_ROW64(192)};

/* Whether the scan may pass token j of tc[0..ntc) as next_anchor would with
 * no anchor pending: it is no anchor, or an anchor whose next token (a
 * classed one) or the end of the text fails its follow mask, which leaves
 * nothing pending either. */
static inline int dc_pass(const uint8_t *tc, size_t j, size_t ntc)
{
    unsigned cl = tc[j], kd = dc_kind[cl];
    if (kd != 1)
        return !kd;
    if (j + 1 == ntc)
        return 1;
    unsigned nx = tc[j + 1];
    if (nx == SR__DC_UNSURE)
        return 0;
    uint64_t m = cl == SR__DC_NUM ? follow_num : follow[cl];
    uint64_t bit = nx == SR__DC_NUM ? F_NUM : nx == SR__DC_PUNCT ? F_PUNCT : F(nx);
    return !(m & bit);
}

/* Moves *pos to the next token where p_expr may match: an anchor (a number,
 * or a word of an anchor class) followed by a token its follow mask allows.
 * One pass that classifies each token once (words only when their first
 * letter and length fit a keyword); the look-behind offsets are those of
 * the returned token. Returns 0 at the end of the text. */
static int next_anchor(win *w, size_t *pos)
{
    const char *s = w->s;
    size_t p = *pos, n = w->n;
    uint32_t p0 = w->prev_s[0], p1 = w->prev_s[1]; /* starts of the two tokens before p */
    uint64_t want = 0;                             /* follow mask of the pending anchor */
    size_t a = 0;                                  /* the pending anchor ... */
    uint32_t a0 = 0, a1 = 0;                       /* ... and its look-behind */
    const sr__tok *tk = w->tk;
    const uint8_t *tc = w->tc;
    const uint32_t base = w->base;
    size_t ti = w->k, ntc = w->ntc;
    for (;;) {
        while (p < n && chcls[(unsigned char)s[p]] == 4)
            p++;
        if (p >= n)
            break;
        while (ti < ntc && tk[ti].s - base < p)
            ti++; /* (the caller's tokens that began inside the last one read) */
        if (!want && ti < ntc && tk[ti].s - base == p && dc_pass(tc, ti, ntc)) {
            /* no anchor pending, and classed tokens that are no anchors: they
             * only move the look-behind, so go to the next that may be one */
            size_t j = ti + 1;
            while (j < ntc && dc_pass(tc, j, ntc))
                j++;
            if (j - ti >= 2) {
                p1 = tk[j - 2].s - base;
                p0 = tk[j - 1].s - base;
            } else {
                p1 = p0;
                p0 = (uint32_t)p;
            }
            ti = j;
            p = j < ntc ? tk[j].s - base : tk[j - 1].e - base;
            continue;
        }
        unsigned char c = (unsigned char)s[p], k = chcls[c];
        size_t q = p + 1;
        uint64_t bit, m = 0; /* the token's class bit; its follow mask if an anchor */
        if (ti < ntc && tk[ti].s - base == p && tc[ti] != SR__DC_UNSURE) {
            /* a token the caller has classed: the same bit and mask as lexing
             * it would give (sr__date_word_class), without reading its bytes */
            unsigned cl = tc[ti];
            if (cl == SR__DC_NUM) {
                bit = F_NUM;
                m = follow_num;
            } else if (cl == SR__DC_PUNCT) {
                bit = F_PUNCT;
            } else {
                bit = F(cl);
                if (anchor_classes >> cl & 1)
                    m = follow[cl];
            }
            q = tk[ti].e - base;
            ti++;
        } else if (k == 2) {
            while (q < n && chcls[(unsigned char)s[q]] == 2)
                q++;
            if (ord_suffix(s, n, q))
                q += 2;
            bit = F_NUM;
            m = follow_num;
        } else if (k == 1) {
#if defined(__SSE2__)
            /* the rest of the word 16 bytes at a time while they lie within
             * s[0..n): ASCII letters and digits and every byte from 0x80 on
             * (chcls classes 1 and 2); the byte loop below finishes */
            while (q + 16 <= n) {
                __m128i v = _mm_loadu_si128((const __m128i *)(s + q));
                __m128i lw = _mm_or_si128(v, _mm_set1_epi8(0x20));
                __m128i in = _mm_and_si128(_mm_cmpgt_epi8(lw, _mm_set1_epi8('a' - 1)), _mm_cmplt_epi8(lw, _mm_set1_epi8('z' + 1)));
                in = _mm_or_si128(in, _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1))));
                in = _mm_or_si128(in, _mm_cmplt_epi8(v, _mm_setzero_si128()));
                unsigned run = (unsigned)__builtin_ctz(~(unsigned)_mm_movemask_epi8(in)); /* 16 when all are */
                q += run;
                if (run < 16)
                    goto word_end;
            }
#endif
            while (q < n && (chcls[(unsigned char)s[q]] & 3))
                q++;
#if defined(__SSE2__)
        word_end:;
#endif
            size_t l = q - p;
            /* a word's class matters when it may follow an anchor or be one */
            const uint16_t *mask = want ? kw_lenmask : kw_anchormask;
            bit = F(K_NONE);
            if (c >= 'a' && c <= 'z' && l <= 10 && (mask[c - 'a'] >> l & 1)) {
                /* (both masks hold only keyword lengths, never 0) */
                const kw *kk = kw_lookup(s + p, l, n - p);
                if (kk) {
                    bit = F(kk->cls);
                    if (anchor_classes >> kk->cls & 1)
                        m = follow[kk->cls];
                }
            }
        } else {
            bit = F_PUNCT;
        }
        if ((want & bit) && bit == F(K_THE)) {
            /* every anchor that "the" may follow ("in the", "on the", "since
             * the", ...) then needs what "the" itself needs: check the next
             * token against that; "the" stays a candidate the same way */
            want = follow[K_THE];
            p1 = p0;
            p0 = (uint32_t)p;
            p = q;
            continue;
        }
        if (want & bit) {
            w->prev_s[0] = a0;
            w->prev_s[1] = a1;
            w->k = ti;
            *pos = a;
            return 1;
        }
        if (m == F_ANY) {
            w->prev_s[0] = p0;
            w->prev_s[1] = p1;
            w->k = ti;
            *pos = p;
            return 1;
        }
        want = m;
        a = p;
        a0 = p0;
        a1 = p1;
        p1 = p0;
        p0 = (uint32_t)p;
        p = q;
    }
    w->prev_s[0] = p0;
    w->prev_s[1] = p1;
    w->k = ti;
    *pos = n;
    return 0;
}

/* Moves *pos past words that cannot be keywords (by first letter and
 * length), for sr__date_find. Keeps the look-behind offsets. Returns 0 at
 * the end of the text. */
static int skip_to_candidate(win *w, size_t *pos)
{
    const char *s = w->s;
    size_t p = *pos, n = w->n;
    for (;;) {
        while (p < n && chcls[(unsigned char)s[p]] == 4)
            p++;
        if (p >= n)
            return 0;
        unsigned char c = (unsigned char)s[p], k = chcls[c];
        if (k == 2)
            break;
        size_t q = p + 1;
        if (k == 1) {
            while (q < n && (chcls[(unsigned char)s[q]] & 3))
            q++;
            size_t l = q - p;
            if (c >= 'a' && c <= 'z' && l <= 10 && (kw_lenmask[c - 'a'] >> l & 1))
                break;
        }
        win_push_prev(w, (uint32_t)p);
        p = q;
    }
    *pos = p;
    return 1;
}

static int K(win *w, int i)
{
    const tok *t = T(w, i);
    return t->kind == TK_WORD ? t->cls : K_NONE;
}
static int P(win *w, int i, char c)
{
    const tok *t = T(w, i);
    return t->kind == TK_PUNCT && t->val == (unsigned char)c;
}
static int word_is(win *w, const tok *t, const char *lit)
{
    size_t l = strlen(lit);
    return t->kind == TK_WORD && t->e - t->s == l && memcmp(w->s + t->s, lit, l) == 0;
}
static int word_in(win *w, const tok *t, const char *const *list)
{
    for (; *list; list++)
        if (word_is(w, t, *list))
            return 1;
    return 0;
}

/* A day number 1..31 at i, unless glued to a word or number by punctuation
 * ("covid-19", "10:30", "1.5"). */
static int day_at(win *w, int i)
{
    const tok *t = T(w, i);
    if (t->kind != TK_NUM || t->ndig > 2 || t->val < 1 || t->val > 31)
        return -1;
    if (t->glue) {
        const tok *p = T(w, i - 1);
        if (p->kind == TK_PUNCT && p->glue && strchr("-/.:,", p->val)) {
            int k = T(w, i - 2)->kind;
            if (k == TK_WORD || k == TK_NUM)
                return -1;
        }
    }
    return t->val;
}
static int year_at(win *w, int i)
{
    const tok *t = T(w, i);
    if (t->kind != TK_NUM || t->ndig != 4 || t->ord || t->val < 1900 || t->val > 2100)
        return -1;
    return t->val;
}
/* A month name at i; *end is past it (and past a '.' after an abbreviation). */
static int month_at(win *w, int i, int *end)
{
    const tok *t = T(w, i);
    if (t->kind != TK_WORD || t->cls != K_MON)
        return -1;
    *end = i + 1;
    if (t->flag && P(w, i + 1, '.') && T(w, i + 1)->glue)
        *end = i + 2;
    return t->val;
}
static int is_may(win *w, int i)
{
    const tok *t = T(w, i);
    return t->kind == TK_WORD && t->cls == K_MON && t->val == 5;
}

/* Words after "may" that show it is the modal verb ("9 may have died"). */
static const char *const modal_next[] = {
    "be", "have", "not", "also", "still", "never", "well", "yet", "soon", "even", "only",
    "already", "now", "further", "eventually", "ultimately", "possibly", "potentially",
    "face", "need", "take", "remain", "die", "lose", "come", "go", "get", "return", "become",
    "rise", "increase", "continue", "include", "affect", "help", "seek", "try", "want", "use",
    "make", "reach", "lead", "cause", "hold", "result", "seem", "appear", "prove", "follow",
    "just", "suffer", "spread", "escalate", "number", "total", "exceed", "top", "live", "stay",
    "flee", "leave", "join", "attack", "strike", "launch", "kill", "target", "survive", "hit", NULL
};
/* Words before "N may" that make N a quantity ("up to 9 may"). */
static const char *const quant_prev[] = {
    "to", "least", "than", "about", "around", "nearly", "almost", "some", "approximately",
    "roughly", "over", "only", "another", "all", "those", "these", "many", "estimated",
    "perhaps", "possibly", "just", NULL
};
/* Units that show "march 3" is a distance or a count, not a date. */
static const char *const unit_next[] = {
    "km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "metres",
    "meters", "m", "hours", "minutes", "times", "per", "percent", "%", NULL
};

/* ---- results ----------------------------------------------------------- */

typedef struct res {
    sr__date a, b;
    int prec, period, skip, monthly; /* monthly: resolved from a month or a year */
} res;

static void set_day(res *r, sr__date d, int prec)
{
    memset(r, 0, sizeof *r);
    r->a = r->b = d;
    r->prec = prec;
}
static void set_range(res *r, sr__date a, sr__date b, int prec)
{
    memset(r, 0, sizeof *r);
    r->a = a;
    r->b = b;
    r->prec = prec;
}
static void set_skip(res *r)
{
    memset(r, 0, sizeof *r);
    r->skip = 1;
}
static int range_prec(sr__date a, sr__date b)
{
    long l = diff_days(a, b);
    return l <= 0 ? 1 : l <= 10 ? 2 : 3;
}
static int since_prec(sr__date a, sr__date b)
{
    long l = diff_days(a, b);
    return l <= 2 ? 1 : l <= 10 ? 2 : 3;
}

/* The year that puts month m, day d on or before pub. */
static int infer_year(sr__date pub, int m, int d)
{
    return (m < pub.m || (m == pub.m && d <= pub.d)) ? pub.y : pub.y - 1;
}

static void set_month(res *r, int y, int m)
{
    set_range(r, mkdate(y, m, 1), mkdate(y, m, sr__month_days(y, m)), 3);
    r->monthly = 1;
}

/* ---- absolute dates ---------------------------------------------------- */

/* "this year" / "last year" after a month without a year ("in march last
 * year"): sets *y and returns the index past it, or 0. */
static int year_words(win *w, int j, sr__date pub, int *y)
{
    int k = K(w, j);
    if ((k != K_THIS && k != K_LAST) || K(w, j + 1) != K_UNIT || T(w, j + 1)->val != U_YEAR)
        return 0;
    *y = k == K_THIS ? pub.y : pub.y - 1;
    return j + 2;
}

/* Numeric dates: 2019-04-22, 2019/04/22, 22/04/2019 (day first; month first
 * only when day first is impossible), 22.04.2019, 22-04-2019. */
static int p_numeric(win *w, int i, res *r)
{
    const tok *t = T(w, i), *s1, *n2, *s2, *n3; /* lexed only as far as needed */
    if (t->ord || (s1 = T(w, i + 1))->kind != TK_PUNCT || !s1->glue ||
        (n2 = T(w, i + 2))->kind != TK_NUM || !n2->glue || n2->ndig > 2 || n2->ord ||
        (s2 = T(w, i + 3))->kind != TK_PUNCT || s2->val != s1->val || !s2->glue ||
        (n3 = T(w, i + 4))->kind != TK_NUM || !n3->glue || n3->ord)
        return 0;
    int y, m, d;
    if (t->ndig == 4 && (s1->val == '-' || s1->val == '/') && n3->ndig <= 2) {
        y = t->val;
        m = n2->val;
        d = n3->val;
    } else if (t->ndig <= 2 && n3->ndig == 4 && strchr("/.-", s1->val)) {
        y = n3->val;
        d = t->val;
        m = n2->val;
        if (!date_valid(y, m, d) && date_valid(y, d, m)) {
            int x = m;
            m = d;
            d = x;
        }
    } else {
        return 0;
    }
    if (y < 1900 || y > 2100 || !date_valid(y, m, d))
        return 0;
    set_day(r, mkdate(y, m, d), 1);
    return i + 5;
}

/* Day-month and month-day forms, single days or "3-4 may" ranges, and
 * "april 2019". flags: A_FULL only complete dates with an explicit year;
 * A_NOQUANT skip the "up to 9 may" test (the caller saw "from 3 to"). */
enum { A_FULL = 1, A_NOQUANT = 2 };
static int p_abs(win *w, int i, sr__date pub, res *r, int flags)
{
    int full = flags & A_FULL;
    const tok *t = T(w, i);
    if (t->kind == TK_NUM) {
        int j = p_numeric(w, i, r);
        if (j)
            return j;
        int d = day_at(w, i), d2 = -1, m, je, y = -1, k;
        if (d < 0)
            return 0;
        j = i + 1;
        if (P(w, j, '-') && T(w, j + 1)->kind == TK_NUM && T(w, j + 1)->ndig <= 2 &&
            T(w, j + 1)->val >= 1 && T(w, j + 1)->val <= 31) {
            d2 = T(w, j + 1)->val;
            j += 2;
        } else if (K(w, j) == K_OF) {
            j++;
        }
        if ((m = month_at(w, j, &je)) < 0)
            return 0;
        j = je;
        if (P(w, j, ',') && year_at(w, j + 1) > 0) {
            y = year_at(w, j + 1);
            j += 2;
        } else if (year_at(w, j) > 0) {
            y = year_at(w, j);
            j++;
        }
        if (y < 0 && !full && (k = year_words(w, j, pub, &y)))
            j = k;
        if (y < 0) {
            if (full)
                return 0;
            if (d2 < 0 && is_may(w, je - 1) && !T(w, je - 1)->flag &&
                (word_in(w, T(w, je), modal_next) ||
                 (!(flags & A_NOQUANT) && word_in(w, T(w, i - 1), quant_prev))))
                return 0;
            y = infer_year(pub, m, d);
        }
        if (!date_valid(y, m, d) || (d2 >= 0 && (d2 <= d || !date_valid(y, m, d2)))) {
            set_skip(r); /* "31 april": a date form, but no such day */
            return j;
        }
        if (d2 >= 0)
            set_range(r, mkdate(y, m, d), mkdate(y, m, d2), range_prec(mkdate(y, m, d), mkdate(y, m, d2)));
        else
            set_day(r, mkdate(y, m, d), 1);
        return j;
    }
    int je, m = month_at(w, i, &je);
    if (m < 0)
        return 0;
    int d = day_at(w, je);
    if (d > 0) {
        int j = je + 1, d2 = -1, y = -1;
        if (P(w, j, '-') && T(w, j + 1)->kind == TK_NUM && T(w, j + 1)->ndig <= 2 &&
            T(w, j + 1)->val >= 1 && T(w, j + 1)->val <= 31) {
            d2 = T(w, j + 1)->val;
            j += 2;
        }
        if (P(w, j, ',') && year_at(w, j + 1) > 0) {
            y = year_at(w, j + 1);
            j += 2;
        } else if (year_at(w, j) > 0) {
            y = year_at(w, j);
            j++;
        }
        int k;
        if (y < 0 && !full && (k = year_words(w, j, pub, &y)))
            j = k;
        if (y < 0) {
            if (full || word_in(w, T(w, j), unit_next))
                return 0;
            y = infer_year(pub, m, d);
        }
        if (!date_valid(y, m, d) || (d2 >= 0 && (d2 <= d || !date_valid(y, m, d2)))) {
            set_skip(r); /* "31 april": a date form, but no such day */
            return j;
        }
        if (d2 >= 0)
            set_range(r, mkdate(y, m, d), mkdate(y, m, d2), range_prec(mkdate(y, m, d), mkdate(y, m, d2)));
        else
            set_day(r, mkdate(y, m, d), 1);
        return j;
    }
    int y = year_at(w, je);
    if (y < 0 || full)
        return 0;
    set_month(r, y, m);
    return je + 1;
}

/* A bare month name, as after "in"/"since": the latest one starting on or
 * before pub, or the given year. */
static int p_month(win *w, int i, sr__date pub, res *r)
{
    int je, m = month_at(w, i, &je);
    if (m < 0 || T(w, i)->flag)
        return 0;
    int y = year_at(w, je), k;
    if (y > 0) {
        set_month(r, y, m);
        return je + 1;
    }
    if (K(w, je) == K_OF && (y = year_at(w, je + 1)) > 0) { /* "in March of 2013" */
        set_month(r, y, m);
        return je + 2;
    }
    if ((k = year_words(w, je, pub, &y))) {
        set_month(r, y, m);
        return k;
    }
    if (m == 5 && word_in(w, T(w, je), modal_next))
        return 0;
    set_month(r, m <= pub.m ? pub.y : pub.y - 1, m);
    return je;
}

/* "early/mid/late april [2019]", "mid-2019", "the end/start/beginning/middle
 * of april". */
static int p_third(win *w, int i, sr__date pub, res *r)
{
    int third, j;
    switch (K(w, i)) {
    case K_EARLY: third = 0; j = i + 1; break;
    case K_MID: third = 1; j = i + 1; break;
    case K_LATE: third = 2; j = i + 1; break;
    case K_THE:
        if (K(w, i + 2) != K_OF)
            return 0;
        switch (K(w, i + 1)) {
        case K_START: third = 0; break;
        case K_MIDDLE: third = 1; break;
        case K_END: third = 2; break;
        default: return 0;
        }
        j = i + 3;
        break;
    default: return 0;
    }
    if (P(w, j, '-'))
        j++;
    int je, m = month_at(w, j, &je);
    if (m < 0) {
        int y = year_at(w, j);
        if (y < 0)
            return 0;
        set_range(r, mkdate(y, third * 4 + 1, 1), mkdate(y, third * 4 + 4, third == 0 ? 30 : 31), 3);
        r->monthly = 1;
        return j + 1;
    }
    if (T(w, j)->flag)
        return 0;
    int y = year_at(w, je);
    if (y < 0) {
        if (m == 5 && word_in(w, T(w, je), modal_next))
            return 0;
        y = infer_year(pub, m, third * 10 + 1);
    } else {
        je++;
    }
    int md = sr__month_days(y, m);
    set_range(r, mkdate(y, m, third * 10 + 1), mkdate(y, m, third == 2 ? md : third * 10 + 10), 2);
    r->monthly = 1;
    return je;
}

/* ---- relative dates ---------------------------------------------------- */

/* "[this|last|next|early|late [on]] saturday [night] [, 20 april 2019]" */
static int p_wday(win *w, int i, sr__date pub, res *r)
{
    int j = i, mode = 0; /* 0 strictly before pub, 1 on or before, 2 future */
    switch (K(w, j)) {
    case K_THIS: mode = 1; j++; break;
    case K_LAST: j++; break;
    case K_NEXT: mode = 2; j++; break;
    case K_EARLY:
    case K_LATE:
        j++;
        if (K(w, j) == K_ON)
            j++;
        break;
    default: break;
    }
    const tok *t = T(w, j);
    if (t->kind != TK_WORD || t->cls != K_WDAY)
        return 0;
    int wd = t->val;
    j++;
    if (K(w, j) == K_PART)
        j++;
    if (mode != 2) {
        int k = j;
        if (P(w, k, ',') || P(w, k, '('))
            k++;
        res r2;
        int ke = p_abs(w, k, pub, &r2, 0);
        if (ke && !r2.skip && date_cmp(r2.a, r2.b) == 0) {
            if (P(w, k - 1, '(') && P(w, ke, ')'))
                ke++;
            *r = r2;
            return ke;
        }
    }
    if (mode == 2) {
        set_skip(r);
        return j;
    }
    int delta = (sr__date_wday(pub) - wd + 7) % 7;
    if (delta == 0 && mode == 0)
        delta = 7;
    set_day(r, add_days(pub, -delta), 1);
    return j;
}

/* today, tonight, this morning, yesterday [evening], last night, the day
 * before yesterday, earlier today, late yesterday; tomorrow (no hit). */
static int p_rel(win *w, int i, sr__date pub, res *r)
{
    int j = i, k = K(w, i);
    if (k == K_EARLIER || k == K_LATER || k == K_EARLY || k == K_LATE) {
        j++;
        k = K(w, j);
        if (k != K_TODAY && k != K_TONIGHT && k != K_YESTERDAY)
            return 0;
    }
    switch (k) {
    case K_TODAY:
    case K_TONIGHT: set_day(r, pub, 1); return j + 1;
    case K_YESTERDAY:
        set_day(r, add_days(pub, -1), 1);
        return K(w, j + 1) == K_PART ? j + 2 : j + 1;
    case K_TOMORROW: set_skip(r); return j + 1;
    case K_THIS:
        if (K(w, j + 1) != K_PART)
            return 0;
        set_day(r, pub, 1);
        return j + 2;
    case K_LAST:
        if (K(w, j + 1) != K_PART || (T(w, j + 1)->val != P_NIGHT && T(w, j + 1)->val != P_EVENING))
            return 0;
        set_day(r, add_days(pub, -1), 1);
        return j + 2;
    case K_THE:
        if (K(w, j + 1) == K_UNIT && T(w, j + 1)->val == U_DAY && K(w, j + 2) == K_BEFORE &&
            K(w, j + 3) == K_YESTERDAY) {
            set_day(r, add_days(pub, -2), 1);
            return j + 4;
        }
        return 0;
    default: return 0;
    }
}

/* The weekend: "last weekend" ends on the last Sunday before pub; otherwise
 * the latest Saturday on or before pub and its Sunday, cut at pub. */
static void weekend(res *r, sr__date pub, int last)
{
    int wd = sr__date_wday(pub);
    sr__date sat;
    if (last) {
        int back = wd == 0 ? 7 : wd; /* to the Sunday strictly before pub */
        sat = add_days(pub, -back - 1);
    } else {
        sat = add_days(pub, -((wd + 1) % 7));
    }
    sr__date sun = add_days(sat, 1);
    if (date_cmp(sun, pub) > 0)
        sun = pub;
    set_range(r, sat, sun, 2);
}

/* [earlier|later] this/last/next week|month|year, this/last weekend. */
static int p_cal(win *w, int i, sr__date pub, res *r)
{
    int j = i, earlier = 0, later = 0;
    if (K(w, j) == K_EARLIER) {
        earlier = 1;
        j++;
    } else if (K(w, j) == K_LATER) {
        later = 1;
        j++;
    }
    int which = K(w, j);
    if (which != K_THIS && which != K_LAST && which != K_NEXT)
        return 0;
    j++;
    if (K(w, j) == K_WEEKEND) {
        if (which == K_NEXT || later)
            set_skip(r);
        else
            weekend(r, pub, which == K_LAST);
        return j + 1;
    }
    if (K(w, j) != K_UNIT)
        return 0;
    int u = T(w, j)->val;
    if (u != U_WEEK && u != U_MONTH && u != U_YEAR)
        return 0;
    j++;
    if (which == K_NEXT || later) {
        set_skip(r);
        return j;
    }
    if (u == U_WEEK) {
        sr__date mon = add_days(pub, -((sr__date_wday(pub) + 6) % 7));
        if (which == K_LAST)
            set_range(r, add_days(mon, -7), add_days(mon, -1), 2);
        else if (earlier)
            set_range(r, date_cmp(mon, pub) == 0 ? add_days(mon, -7) : mon, add_days(pub, -1), 2);
        else
            set_range(r, mon, pub, 2);
    } else if (u == U_MONTH) {
        sr__date first = mkdate(pub.y, pub.m, 1);
        if (which == K_LAST) {
            sr__date p = add_months(first, -1);
            set_month(r, p.y, p.m);
        } else if (earlier) {
            set_range(r, pub.d == 1 ? add_months(first, -1) : first, add_days(pub, -1), 3);
        } else {
            set_range(r, first, pub, 3);
        }
    } else {
        if (which == K_LAST)
            set_range(r, mkdate(pub.y - 1, 1, 1), mkdate(pub.y - 1, 12, 31), 3);
        else
            set_range(r, mkdate(pub.y, 1, 1), pub, 3);
    }
    r->monthly = u != U_WEEK;
    return j;
}

/* A count: digits, a number word, "a few", "a couple of", "several". art:
 * also accept "a"/"an" as one. Returns the index past it, 0 if none. */
static int p_count(win *w, int i, int art, long *nout, int *vague)
{
    const tok *t = T(w, i);
    *vague = 0;
    if (t->kind == TK_NUM) {
        if (t->ord || t->ndig > 4 || t->val < 1)
            return 0;
        *nout = t->val;
        return i + 1;
    }
    if (t->kind != TK_WORD || t->cls != K_NUMW)
        return 0;
    int j = i + 1;
    long v = t->val;
    if (t->flag == 1) { /* a, an */
        const tok *u = T(w, j);
        if (u->kind == TK_WORD && u->cls == K_NUMW && u->flag == 2) {
            v = u->val;
            *vague = u->flag == 2 && u->val != 2;
            j++;
        } else if (!art) {
            return 0;
        }
    }
    if (t->flag == 2 && t->val != 2)
        *vague = 1;
    if (K(w, j) == K_OF && word_is(w, T(w, j - 1), "couple"))
        j++;
    *nout = v;
    return j;
}

static long unit_days(int u, long n)
{
    switch (u) {
    case U_HOUR: return (n + 23) / 24;
    case U_DAY: return n;
    case U_WEEK: return 7 * n;
    case U_FORTNIGHT: return 14 * n;
    default: return 0;
    }
}

/* "two days ago", "a week ago", "24 hours ago" */
static int p_ago(win *w, int i, sr__date pub, res *r)
{
    long n;
    int vague, j = p_count(w, i, 1, &n, &vague);
    if (!j || K(w, j) != K_UNIT || K(w, j + 1) != K_AGO || n > 10000)
        return 0;
    int u = T(w, j)->val;
    if (u == U_HOUR)
        set_day(r, add_days(pub, -(n / 24)), 1);
    else if (u == U_MONTH || u == U_YEAR)
        set_day(r, add_months(pub, -(u == U_YEAR ? 12 * n : n)), 3);
    else
        set_day(r, add_days(pub, -unit_days(u, n)),
                u == U_DAY && !vague ? 1 : unit_days(u, n) <= 14 ? 2 : 3);
    return j + 2;
}

/* "[over|in|during|for|within|throughout] [the] past|last [N] unit",
 * "this past week"; bare "last week" is left to p_cal. */
static int p_period(win *w, int i, sr__date pub, res *r)
{
    int j = i, prep = 0, the = 0, last = 0;
    switch (K(w, j)) {
    case K_OVER: case K_IN: case K_DURING: case K_FOR: case K_WITHIN: case K_THROUGHOUT:
        prep = 1;
        j++;
        break;
    default: break;
    }
    if (K(w, j) == K_THE) {
        the = 1;
        j++;
    }
    if (K(w, j) == K_THIS && K(w, j + 1) == K_PAST) {
        the = 1;
        j += 2;
    } else if (K(w, j) == K_PAST) {
        j++;
    } else if (K(w, j) == K_LAST) {
        last = 1;
        j++;
    } else {
        return 0;
    }
    long n = 1;
    int vague, jn = p_count(w, j, 0, &n, &vague);
    if (jn)
        j = jn;
    if (K(w, j) != K_UNIT || n > 10000)
        return 0;
    if (last && !prep && !the && !jn)
        return 0;
    int u = T(w, j)->val;
    j++;
    memset(r, 0, sizeof *r);
    r->b = pub;
    r->period = 1;
    if (u == U_MONTH || u == U_YEAR || (u == U_DAY && (n == 30 || n == 31))) {
        long months = u == U_YEAR ? 12 * n : u == U_MONTH ? n : 1;
        r->a = add_months(pub, -months);
        r->prec = 3;
    } else {
        long d = unit_days(u, n);
        r->a = add_days(pub, -d);
        if (u == U_WEEK || u == U_FORTNIGHT)
            r->prec = d <= 14 ? 2 : 3;
        else
            r->prec = d <= 2 ? 1 : d <= 10 ? 2 : 3;
    }
    return j;
}

/* "so far this year|month|week" */
static int p_sofar(win *w, int i, sr__date pub, res *r)
{
    if (K(w, i) != K_SO || K(w, i + 1) != K_FAR || K(w, i + 2) != K_THIS || K(w, i + 3) != K_UNIT)
        return 0;
    int u = T(w, i + 3)->val;
    if (u == U_YEAR)
        set_range(r, mkdate(pub.y, 1, 1), pub, 3);
    else if (u == U_MONTH)
        set_range(r, mkdate(pub.y, pub.m, 1), pub, 3);
    else if (u == U_WEEK)
        set_range(r, add_days(pub, -((sr__date_wday(pub) + 6) % 7)), pub, 2);
    else
        return 0;
    r->period = 1;
    return i + 4;
}

static int p_core(win *w, int i, sr__date pub, res *r);

/* "since january", "since the start of the year", "since the beginning of
 * april", "since 2011", "since 3 may", "since saturday". */
static int p_since(win *w, int i, sr__date pub, res *r)
{
    int j = i + 1, end = 0, monthly = 0;
    sr__date a;
    res x;
    if (K(w, j) == K_THE && K(w, j + 1) == K_START && K(w, j + 2) == K_OF) {
        int k = j + 3, u = -1, m, ke, y;
        if (K(w, k) == K_THE && K(w, k + 1) == K_UNIT)
            u = T(w, k + 1)->val;
        else if (K(w, k) == K_THIS && K(w, k + 1) == K_UNIT)
            u = T(w, k + 1)->val;
        if (u == U_YEAR) {
            a = mkdate(pub.y, 1, 1);
            end = k + 2;
        } else if (u == U_MONTH) {
            a = mkdate(pub.y, pub.m, 1);
            end = k + 2;
        } else if (u == U_WEEK) {
            a = add_days(pub, -((sr__date_wday(pub) + 6) % 7));
            end = k + 2;
        } else if ((m = month_at(w, k, &ke)) > 0 && !T(w, k)->flag) {
            if ((y = year_at(w, ke)) > 0)
                ke++;
            else
                y = m <= pub.m ? pub.y : pub.y - 1;
            a = mkdate(y, m, 1);
            end = ke;
        } else if ((y = year_at(w, k)) > 0) {
            a = mkdate(y, 1, 1);
            end = k + 1;
        } else {
            return 0;
        }
        monthly = 1;
    } else if ((end = p_core(w, j, pub, &x)) != 0 || (end = p_month(w, j, pub, &x)) != 0) {
        if (x.skip)
            return 0;
        a = x.a;
        monthly = x.monthly;
    } else if (year_at(w, j) > 0) {
        a = mkdate(year_at(w, j), 1, 1);
        end = j + 1;
        monthly = 1;
    } else {
        return 0;
    }
    if (date_cmp(a, pub) > 0) {
        set_skip(r);
        return end;
    }
    set_range(r, a, pub, monthly ? 3 : since_prec(a, pub));
    r->period = 1;
    return end;
}

/* "between 3 and 5 may", "from 3 to 5 may 2019", "between 30 april and 2
 * may". The first end may be a bare day that takes the second's month. */
static int p_range(win *w, int i, sr__date pub, res *r)
{
    int between = K(w, i) == K_BETWEEN, j = i + 1;
    res a, b;
    int ja = p_abs(w, j, pub, &a, 0), bare = 0;
    if (ja && a.skip)
        return 0;
    if (!ja) {
        if (day_at(w, j) < 0)
            return 0;
        bare = T(w, j)->val;
        ja = j + 1;
    }
    int k = K(w, ja);
    if (between ? k != K_AND : (k != K_TO && k != K_UNTIL && k != K_THROUGH && !P(w, ja, '-')))
        return 0;
    int jb = p_abs(w, ja + 1, pub, &b, A_NOQUANT);
    if (!jb)
        jb = p_wday(w, ja + 1, pub, &b);
    if (!jb || b.skip)
        return 0;
    if (bare) {
        if (date_cmp(b.a, b.b) != 0 || bare >= b.a.d)
            return 0;
        a.a = mkdate(b.a.y, b.a.m, bare);
    }
    if (date_cmp(a.a, b.b) > 0)
        return 0;
    set_range(r, a.a, b.b, range_prec(a.a, b.b));
    return jb;
}

/* "[on|in|during] the night|morning|early hours of X" -> X */
static int p_partof(win *w, int i, sr__date pub, res *r)
{
    int j = i;
    if (K(w, j) != K_THE)
        return 0;
    j++;
    if (K(w, j) == K_EARLY && (K(w, j + 1) == K_UNIT || K(w, j + 1) == K_PART))
        j += 2;
    else if (K(w, j) == K_PART)
        j++;
    else
        return 0;
    if (K(w, j) != K_OF)
        return 0;
    j++;
    int e = p_abs(w, j, pub, r, 0);
    if (!e)
        e = p_wday(w, j, pub, r);
    return e;
}

/* Expressions that need no preposition. */
static int p_core(win *w, int i, sr__date pub, res *r)
{
    const tok *t = T(w, i);
    int e = 0;
    if (t->kind == TK_NUM)
        return (e = p_abs(w, i, pub, r, 0)) ? e : p_ago(w, i, pub, r);
    if (t->kind != TK_WORD)
        return 0;
    switch (t->cls) {
    case K_MON: return p_abs(w, i, pub, r, 0);
    case K_WDAY: return p_wday(w, i, pub, r);
    case K_NUMW: return p_ago(w, i, pub, r);
    case K_TODAY: case K_TONIGHT: case K_YESTERDAY: case K_TOMORROW: return p_rel(w, i, pub, r);
    case K_EARLIER: case K_LATER:
        return (e = p_rel(w, i, pub, r)) ? e : p_cal(w, i, pub, r);
    case K_EARLY: case K_LATE: case K_MID:
        if ((e = p_third(w, i, pub, r)) || (e = p_rel(w, i, pub, r)))
            return e;
        return p_wday(w, i, pub, r);
    case K_THIS: case K_LAST: case K_NEXT:
        if ((e = p_rel(w, i, pub, r)) || (e = p_cal(w, i, pub, r)))
            return e;
        return p_wday(w, i, pub, r);
    case K_THE:
        if ((e = p_rel(w, i, pub, r)) || (e = p_third(w, i, pub, r)))
            return e;
        return p_partof(w, i, pub, r);
    default: return 0;
    }
}

/* One expression starting at token i, prepositions included. */
static int p_expr(win *w, int i, sr__date pub, res *r)
{
    int k = K(w, i), e;
    switch (k) {
    case K_SINCE: return p_since(w, i, pub, r);
    case K_BETWEEN: case K_FROM: return p_range(w, i, pub, r);
    case K_SO: return p_sofar(w, i, pub, r);
    case K_PAST: return p_period(w, i, pub, r);
    case K_ON:
        if ((e = p_partof(w, i + 1, pub, r)) || (e = p_core(w, i + 1, pub, r)))
            return e;
        return 0;
    case K_AT:
        if (K(w, i + 1) == K_THE && K(w, i + 2) == K_WEEKEND) {
            weekend(r, pub, 0);
            return i + 3;
        }
        return 0;
    case K_OVER: case K_FOR: case K_WITHIN: case K_IN: case K_DURING: case K_THROUGHOUT:
        if ((e = p_period(w, i, pub, r)))
            return e;
        if (k == K_FOR || k == K_WITHIN)
            return 0;
        if (K(w, i + 1) == K_THE && K(w, i + 2) == K_WEEKEND) {
            weekend(r, pub, 0);
            return i + 3;
        }
        if (k == K_OVER)
            return 0;
        if ((e = p_partof(w, i + 1, pub, r)) || (e = p_abs(w, i + 1, pub, r, 0)) ||
            (e = p_third(w, i + 1, pub, r)) || (e = p_month(w, i + 1, pub, r)))
            return e;
        if (year_at(w, i + 1) > 0) {
            int y = year_at(w, i + 1);
            set_range(r, mkdate(y, 1, 1), mkdate(y, 12, 31), 3);
            return i + 2;
        }
        return 0;
    case K_THE:
        if ((e = p_period(w, i, pub, r)))
            return e;
        if (K(w, i + 1) == K_WEEKEND) {
            weekend(r, pub, 0);
            return i + 2;
        }
        return p_core(w, i, pub, r);
    case K_THIS: case K_LAST:
        return (e = p_period(w, i, pub, r)) ? e : p_core(w, i, pub, r);
    default: return p_core(w, i, pub, r);
    }
}

/* The class of a word for sr__date_scan_toks: what lexing it would give when
 * it stands alone (its keyword class, SR__DC_NONE for another word of ASCII
 * letters), or SR__DC_UNSURE for a word with other bytes (a digit, a hyphen,
 * a letter beyond ASCII), which the scan must lex itself. */
int sr__date_word_class(const char *w, size_t n)
{
    if (!w || !n)
        return SR__DC_UNSURE;
    for (size_t i = 0; i < n; i++)
        if (w[i] < 'a' || w[i] > 'z')
            return SR__DC_UNSURE;
    const kw *k = kw_find(w, n, n);
    return k ? k->cls : SR__DC_NONE;
}

/* The i-th keyword of the scanner (static storage), NULL past the last: a
 * caller that classes words by a table of its own lists every one of them. */
const char *sr__date_keyword(size_t i)
{
    return i < sizeof kw_names / sizeof kw_names[0] ? kw_names[i] : NULL;
}

int sr__date_scan_toks(const char *s, size_t n, sr__date pub, const sr__tok *toks, uint32_t base,
                       const uint8_t *tc, size_t ntoks, sr__date_hit *hits, int max)
{
    if (!s || !hits || max <= 0)
        return 0;
    if (n > UINT32_MAX - 1)
        n = UINT32_MAX - 1;
    win w;
    w.s = s;
    w.n = n;
    w.prev_s[0] = w.prev_s[1] = UINT32_MAX;
    w.tk = toks;
    w.base = base;
    w.tc = tc;
    w.ntc = toks && tc ? ntoks : 0;
    w.k = 0;
    size_t pos = 0;
    int nh = 0;
    while (nh < max && next_anchor(&w, &pos)) {
        win_start(&w, pos);
        int used = 1;
        res r;
        int e = p_expr(&w, 0, pub, &r);
        if (e > 0) {
            used = e;
            if (!r.skip) {
                sr__date_hit *h = &hits[nh++];
                h->s = w.t[0].s;
                h->e = w.t[e - 1].e;
                h->start = r.a;
                h->end = r.b;
                h->precision = r.prec;
                h->period = r.period;
            }
        }
        if (used >= 2)
            win_push_prev(&w, w.t[used - 2].s);
        win_push_prev(&w, w.t[used - 1].s);
        pos = w.t[used - 1].e;
    }
    return nh;
}

int sr__date_scan(const char *s, size_t n, sr__date pub, sr__date_hit *hits, int max)
{
    return sr__date_scan_toks(s, n, pub, NULL, 0, NULL, 0, hits, max);
}

/* Header lines are short: look at the first 4 KiB, lower-cased. */
#define FIND_CAP 4096

int sr__date_find(const char *s, size_t n, sr__date *out)
{
    if (!s || !out)
        return SR_EINVAL;
    char buf[FIND_CAP];
    if (n > FIND_CAP)
        n = FIND_CAP;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        buf[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    sr__date pub = { 2000, 1, 1 }; /* unused: only full dates are accepted */
    win w;
    w.s = buf;
    w.n = n;
    w.prev_s[0] = w.prev_s[1] = UINT32_MAX;
    w.tk = NULL;
    w.base = 0;
    w.tc = NULL;
    w.ntc = w.k = 0;
    size_t pos = 0;
    while (skip_to_candidate(&w, &pos)) {
        win_start(&w, pos);
        const tok *t0 = T(&w, 0);
        if (t0->kind == TK_NUM || (t0->kind == TK_WORD && t0->cls == K_MON)) {
            res r;
            if (p_abs(&w, 0, pub, &r, A_FULL) && !r.skip && date_cmp(r.a, r.b) == 0) {
                *out = r.a;
                return 0;
            }
        }
        win_push_prev(&w, t0->s);
        pos = t0->e;
    }
    return SR_ENOTFOUND;
}
