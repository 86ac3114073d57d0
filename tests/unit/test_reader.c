/* test_reader.c — unit tests for src/reader.c: plain-text headers and date
 * forms, JSON Lines with bad lines, HTML main-text extraction, RSS and Atom
 * feeds, invalid UTF-8, binary and empty input, format names and detection. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- a collector for documents and diagnostics ------------------------ */

#define MAXD 32
typedef struct gotdoc {
    char *id, *title, *date, *source, *url, *text, *origin;
    size_t len;
    long item;
} gotdoc;
typedef struct col {
    int n, nd, stop_after;
    gotdoc d[MAXD];
    long dline[MAXD];
    char dmsg[MAXD][1100];
    char dorigin[MAXD][256];
} col;

static int on_doc(void *ud, const sr_doc *doc)
{
    col *c = ud;
    assert_non_null(doc->id);
    assert_non_null(doc->title);
    assert_non_null(doc->date);
    assert_non_null(doc->source);
    assert_non_null(doc->url);
    assert_non_null(doc->text);
    assert_non_null(doc->origin);
    if (c->n < MAXD) {
        gotdoc *g = &c->d[c->n];
        g->id = strdup(doc->id);
        g->title = strdup(doc->title);
        g->date = strdup(doc->date);
        g->source = strdup(doc->source);
        g->url = strdup(doc->url);
        g->text = sr__strndup(doc->text, doc->text_len);
        g->origin = strdup(doc->origin);
        g->len = doc->text_len;
        g->item = doc->item;
    }
    c->n++;
    if (c->stop_after && c->n == c->stop_after)
        return 7;
    return 0;
}

static void on_diag(void *ud, const char *origin, long line, const char *msg)
{
    col *c = ud;
    if (c->nd < MAXD) {
        c->dline[c->nd] = line;
        snprintf(c->dmsg[c->nd], sizeof c->dmsg[0], "%s", msg);
        snprintf(c->dorigin[c->nd], sizeof c->dorigin[0], "%s", origin);
    }
    c->nd++;
}

static void col_free(col *c)
{
    for (int i = 0; i < c->n && i < MAXD; i++) {
        gotdoc *g = &c->d[i];
        free(g->id);
        free(g->title);
        free(g->date);
        free(g->source);
        free(g->url);
        free(g->text);
        free(g->origin);
    }
    memset(c, 0, sizeof *c);
}

static int read_str(const char *s, const char *origin, sr_format fmt, const char *defdate, col *c)
{
    sr_read_opts o = {.format = fmt, .default_date = defdate, .diag = on_diag, .diag_ud = c};
    return sr_read_buffer(s, strlen(s), origin, &o, on_doc, c);
}

/* Index of the first diagnostic containing needle, or -1. */
static int diag_has(const col *c, const char *needle)
{
    for (int i = 0; i < c->nd && i < MAXD; i++)
        if (strstr(c->dmsg[i], needle))
            return i;
    return -1;
}

/* ---- plain text -------------------------------------------------------- */

static void test_text_date_forms(void **state)
{
    (void)state;
    const char *forms[] = {"22 April, 2019", "April 22, 2019", "2019-04-22", "22/04/2019",
                           "Monday 22 April 2019"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        char buf[512];
        snprintf(buf, sizeof buf,
                 "Clashes reported near the border\n\n%s\n\nThe army said fighting continued on "
                 "Saturday in the east.\n",
                 forms[i]);
        col c = {0};
        assert_int_equal(read_str(buf, "reports/border-clash.txt", SR_FMT_TEXT, NULL, &c), 0);
        assert_int_equal(c.n, 1);
        assert_string_equal(c.d[0].date, "2019-04-22");
        assert_string_equal(c.d[0].title, "Clashes reported near the border");
        assert_string_equal(c.d[0].id, "border-clash");
        assert_int_equal(c.d[0].item, 0);
        /* the text is the whole file, so offsets point into it */
        assert_int_equal(c.d[0].len, strlen(buf));
        assert_memory_equal(c.d[0].text, buf, strlen(buf));
        assert_int_equal(c.nd, 0);
        col_free(&c);
    }
}

static void test_text_header_fields(void **state)
{
    (void)state;
    const char *buf = "Source: Example Wire\n"
                      "URL: https://example.org/a/1\n"
                      "Date: 3 May 2020\n"
                      "Title:   Two   killed in   market blast \n"
                      "\n"
                      "Body text follows here. It mentions 1 January 2001 which is not the date.\n";
    col c = {0};
    assert_int_equal(read_str(buf, "x/y/report.v2.txt", SR_FMT_TEXT, "1999-01-01", &c), 0);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.d[0].source, "Example Wire");
    assert_string_equal(c.d[0].url, "https://example.org/a/1");
    assert_string_equal(c.d[0].date, "2020-05-03");
    assert_string_equal(c.d[0].title, "Two killed in market blast");
    assert_string_equal(c.d[0].id, "report.v2");
    col_free(&c);
}

static void test_text_default_date_and_stdin_id(void **state)
{
    (void)state;
    const char *buf = "A headline without any date\n\nSome body text that carries no date at all.\n";
    col c = {0};
    assert_int_equal(read_str(buf, "<stdin>", SR_FMT_TEXT, "2021-06-30", &c), 0);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.d[0].date, "2021-06-30");
    char want[32];
    snprintf(want, sizeof want, "stdin-%08x", (unsigned)(sr__hash64(buf, strlen(buf)) & 0xffffffffu));
    assert_string_equal(c.d[0].id, want);
    assert_string_equal(c.d[0].origin, "<stdin>");
    col_free(&c);
    /* no default: "" */
    assert_int_equal(read_str(buf, "a.txt", SR_FMT_TEXT, NULL, &c), 0);
    assert_string_equal(c.d[0].date, "");
    assert_string_equal(c.d[0].source, "");
    assert_string_equal(c.d[0].url, "");
    col_free(&c);
}

static void test_text_bad_date_line(void **state)
{
    (void)state;
    const char *buf = "Headline\nDate: sometime last spring\n\nBody.\n";
    col c = {0};
    assert_int_equal(read_str(buf, "r.txt", SR_FMT_TEXT, NULL, &c), 0);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.d[0].date, "");
    int k = diag_has(&c, "unrecognised date");
    assert_true(k >= 0);
    assert_int_equal(c.dline[k], 2);
    col_free(&c);
}

static void test_text_long_line_is_not_title(void **state)
{
    (void)state;
    size_t n = 1 << 20;
    char *buf = malloc(n + 1);
    assert_non_null(buf);
    for (size_t i = 0; i < n; i++)
        buf[i] = "word "[i % 5];
    buf[n] = 0;
    col c = {0};
    assert_int_equal(read_str(buf, "big.txt", SR_FMT_TEXT, NULL, &c), 0);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.d[0].title, "");
    assert_int_equal(c.d[0].len, n);
    col_free(&c);
    free(buf);
}

static void test_text_seed_file(void **state)
{
    (void)state;
    const char *path = "../shared/data/samples/is-syria-2019-04-22.txt";
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    long size = ftell(fp);
    fclose(fp);
    col c = {0};
    sr_read_opts o = {.format = SR_FMT_AUTO, .diag = on_diag, .diag_ud = &c};
    assert_int_equal(sr_read_file(path, &o, on_doc, &c), 0);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.d[0].id, "is-syria-2019-04-22");
    assert_string_equal(c.d[0].title, "IS steps up Syria attacks following 'loss of caliphate'");
    assert_string_equal(c.d[0].date, "2019-04-22");
    assert_int_equal((long)c.d[0].len, size);
    assert_string_equal(c.d[0].origin, path);
    col_free(&c);
}

static void test_read_file_missing(void **state)
{
    (void)state;
    col c = {0};
    sr_read_opts o = {.diag = on_diag, .diag_ud = &c};
    assert_int_equal(sr_read_file("tests/no/such/file.txt", &o, on_doc, &c), SR_ENOTFOUND);
    assert_int_equal(c.n, 0);
    assert_int_equal(c.nd, 1);
    assert_string_equal(c.dorigin[0], "tests/no/such/file.txt");
    assert_non_null(strstr(c.dmsg[0], "no such file"));
    col_free(&c);
}

/* ---- JSON Lines -------------------------------------------------------- */

static void test_jsonl_bad_line_in_middle(void **state)
{
    (void)state;
    const char *buf = "{\"id\":\"a1\",\"date\":\"2019-04-20\",\"title\":\"T1\",\"text\":\"First text.\","
                      "\"source\":\"S\",\"url\":\"https://e.org/1\"}\n"
                      "\n"
                      "{\"id\":\"a2\",\"text\":\"broken\n"
                      "{\"id\":\"a3\",\"text\":\"Third text.\"}\n";
    col c = {0};
    assert_int_equal(read_str(buf, "in.jsonl", SR_FMT_JSONL, "2000-01-02", &c), 0);
    assert_int_equal(c.n, 2);
    assert_string_equal(c.d[0].id, "a1");
    assert_string_equal(c.d[0].date, "2019-04-20");
    assert_string_equal(c.d[0].title, "T1");
    assert_string_equal(c.d[0].source, "S");
    assert_string_equal(c.d[0].url, "https://e.org/1");
    assert_string_equal(c.d[0].text, "First text.");
    assert_int_equal(c.d[0].item, 1);
    assert_string_equal(c.d[1].id, "a3");
    assert_string_equal(c.d[1].date, "2000-01-02");
    assert_int_equal(c.d[1].item, 4);
    assert_int_equal(c.nd, 1);
    assert_int_equal(c.dline[0], 3);
    assert_string_equal(c.dorigin[0], "in.jsonl");
    assert_true(strncmp(c.dmsg[0], "invalid JSON: ", 14) == 0);
    assert_non_null(strstr(c.dmsg[0], "; the line was skipped"));
    col_free(&c);
}

static void test_jsonl_field_errors(void **state)
{
    (void)state;
    const char *buf = "{\"text\":\"no id\"}\n"
                      "{\"id\":\"b\"}\n"
                      "{\"id\":\"c\",\"text\":\"x\",\"date\":\"22/04/2019\"}\n"
                      "[1,2]\n"
                      "{\"id\":\"e\",\"text\":\"ok\",\"title\":5}\n";
    col c = {0};
    assert_int_equal(read_str(buf, "f.jsonl", SR_FMT_JSONL, NULL, &c), 0);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.d[0].id, "e");
    assert_string_equal(c.d[0].title, "");
    int k;
    assert_true((k = diag_has(&c, "\"id\"")) >= 0);
    assert_int_equal(c.dline[k], 1);
    assert_true((k = diag_has(&c, "\"text\"")) >= 0);
    assert_int_equal(c.dline[k], 2);
    assert_true((k = diag_has(&c, "not YYYY-MM-DD")) >= 0);
    assert_int_equal(c.dline[k], 3);
    assert_true((k = diag_has(&c, "expected an object")) >= 0);
    assert_int_equal(c.dline[k], 4);
    assert_true((k = diag_has(&c, "must be strings")) >= 0);
    assert_int_equal(c.dline[k], 5);
    col_free(&c);
    /* every line bad: the input as a whole is a parse error */
    assert_int_equal(read_str("{oops\n{\"id\":1}\n", "g.jsonl", SR_FMT_JSONL, NULL, &c), SR_EPARSE);
    assert_int_equal(c.n, 0);
    assert_int_equal(c.nd, 2);
    col_free(&c);
}

static void test_jsonl_long_line_and_stop(void **state)
{
    (void)state;
    size_t n = 6u << 20;
    sr__buf b;
    sr__buf_init(&b, 0);
    assert_int_equal(sr__buf_adds(&b, "{\"id\":\"big\",\"text\":\""), 0);
    for (size_t i = 0; i < n / 16; i++)
        assert_int_equal(sr__buf_adds(&b, "lorem ipsum sit "), 0);
    assert_int_equal(sr__buf_adds(&b, "\"}\r\n{\"id\":\"two\",\"text\":\"t\"}\n{\"id\":\"three\",\"text\":\"t\"}"), 0);
    col c = {0};
    sr_read_opts o = {.format = SR_FMT_JSONL, .diag = on_diag, .diag_ud = &c};
    assert_int_equal(sr_read_buffer(b.p, b.len, "big.jsonl", &o, on_doc, &c), 0);
    assert_int_equal(c.n, 3);
    assert_int_equal(c.d[0].len, n / 16 * 16);
    assert_string_equal(c.d[2].id, "three");
    col_free(&c);
    /* a non-zero callback return stops reading and is returned */
    c.stop_after = 2;
    assert_int_equal(sr_read_buffer(b.p, b.len, "big.jsonl", &o, on_doc, &c), 7);
    assert_int_equal(c.n, 2);
    col_free(&c);
    sr__buf_release(&b);
}

/* Lines are parsed in place when valid and the field buffers are kept from
 * line to line: a short field after a long one, a field absent after a set
 * one, an invalid line between valid ones, metadata with spaces to fold and
 * a bare number at the very end of a buffer with no NUL after it. */
static void test_jsonl_reused_fields(void **state)
{
    (void)state;
    const char *buf = "{\"id\":\"long-id-0001\",\"title\":\"A  long\\ttitle \",\"source\":\"Wire Service\","
                      "\"text\":\"A much longer first text.\"}\n"
                      "{\"id\":\"s\",\"text\":\"B\"}\n"
                      "{\"id\":\"u\",\"title\":\"caf\xc3\",\"text\":\"x\xff\"}\n"
                      "{\"id\":\"e\",\"text\":\"\",\"title\":\" lead\"}\n";
    col c = {0};
    assert_int_equal(read_str(buf, "r.jsonl", SR_FMT_JSONL, NULL, &c), 0);
    assert_int_equal(c.n, 4);
    assert_string_equal(c.d[0].id, "long-id-0001");
    assert_string_equal(c.d[0].title, "A long title");
    assert_string_equal(c.d[0].source, "Wire Service");
    assert_string_equal(c.d[1].id, "s");
    assert_string_equal(c.d[1].text, "B");
    assert_int_equal(c.d[1].len, 1);
    assert_string_equal(c.d[1].title, "");
    assert_string_equal(c.d[1].source, "");
    assert_string_equal(c.d[2].title, "caf\xef\xbf\xbd");
    assert_string_equal(c.d[2].text, "x\xef\xbf\xbd");
    assert_int_equal(c.nd, 1);
    assert_int_equal(c.dline[0], 3);
    assert_string_equal(c.d[3].text, "");
    assert_int_equal(c.d[3].len, 0);
    assert_string_equal(c.d[3].title, "lead");
    col_free(&c);
    /* a line ending in a bare number, the buffer's last byte (no NUL after:
     * a heap copy without terminator, so ASan sees any over-read) */
    const char tail[] = "{\"id\":\"n\",\"text\":\"t\",\"x\":12";
    char *h = malloc(sizeof tail - 1);
    assert_non_null(h);
    memcpy(h, tail, sizeof tail - 1);
    sr_read_opts o = {.format = SR_FMT_JSONL, .diag = on_diag, .diag_ud = &c};
    assert_int_equal(sr_read_buffer(h, sizeof tail - 1, "t.jsonl", &o, on_doc, &c), SR_EPARSE);
    assert_int_equal(c.n, 0);
    assert_int_equal(c.nd, 1);
    col_free(&c);
    free(h);
}

/* The JSON Lines reader's scans (16 bytes at a time with SSE2, then 8, then
 * byte by byte, for the end of a plain run in a string and for bytes that
 * are not clean ASCII): an escape, a non-ASCII letter or an invalid byte at
 * every offset of the text's first windows, with plain text after it, reads
 * as a byte-by-byte reader would. */
static void test_jsonl_scan_offsets(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
        int bad; /* invalid UTF-8: repaired, one diagnostic */
    } sp[] = {
        {"\\n", "\n", 0},         {"\\\"", "\"", 0},           {"\\\\", "\\", 0},
        {"\\u00e9", "\xc3\xa9", 0}, {"\xc3\xa9", "\xc3\xa9", 0}, {"\xe2\x80\x99", "\xe2\x80\x99", 0},
        {"\xff", "\xef\xbf\xbd", 1}, {"\\/", "/", 0},
    };
    for (size_t k = 0; k < sizeof sp / sizeof sp[0]; k++)
        for (size_t pre = 0; pre < 40; pre++)
            for (size_t post = 0; post < 24; post += 5) {
                char line[160], want[160];
                size_t at = (size_t)snprintf(line, sizeof line, "{\"id\":\"x\",\"text\":\"");
                size_t text_at = at;
                memset(line + at, 'a', pre);
                at += pre;
                at += (size_t)snprintf(line + at, sizeof line - at, "%s", sp[k].in);
                memset(line + at, 'b', post);
                at += post;
                snprintf(line + at, sizeof line - at, "\"}\n");
                memset(want, 'a', pre);
                size_t wl = pre + (size_t)snprintf(want + pre, sizeof want - pre, "%s", sp[k].out);
                memset(want + wl, 'b', post);
                want[wl + post] = 0;
                col c = {0};
                assert_int_equal(read_str(line, "o.jsonl", SR_FMT_JSONL, NULL, &c), 0);
                assert_int_equal(c.n, 1);
                if (strcmp(c.d[0].text, want) != 0)
                    fail_msg("special %zu, %zu before, %zu after: '%s'", k, pre, post, c.d[0].text);
                assert_int_equal(c.d[0].len, strlen(want));
                assert_int_equal(c.nd, sp[k].bad);
                if (sp[k].bad) {
                    char msg[64];
                    snprintf(msg, sizeof msg, "invalid UTF-8 at byte %zu;", text_at + pre);
                    assert_true(diag_has(&c, msg) >= 0);
                }
                col_free(&c);
            }
}

/* The flat JSON Lines parse runs before the UTF-8 check, and a line is
 * checked (and repaired) only when the parse saw a byte from 0x80 up in a
 * key or a string: a valid or invalid byte at every offset of the id, of a
 * field sitrep does not read, and of a key must give what the check first
 * gave (the repaired value, one diagnostic at the right byte). */
static void test_jsonl_utf8_outside_text(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
        int bad;
    } sp[] = {{"\xc3\xa9", "\xc3\xa9", 0}, {"\xff", "\xef\xbf\xbd", 1}, {"\xe2\x80", "\xef\xbf\xbd\xef\xbf\xbd", 1}};
    for (int where = 0; where < 3; where++) /* 0 the id, 1 another field's value, 2 a key */
        for (size_t k = 0; k < sizeof sp / sizeof sp[0]; k++)
            for (size_t pre = 0; pre < 36; pre++) {
                char line[200], mid[80], want[80];
                memset(mid, 'a', pre);
                size_t ml = pre + (size_t)snprintf(mid + pre, sizeof mid - pre, "%sbbb", sp[k].in);
                memset(want, 'a', pre);
                snprintf(want + pre, sizeof want - pre, "%sbbb", sp[k].out);
                size_t at;
                if (where == 0)
                    at = (size_t)snprintf(line, sizeof line, "{\"id\": \"");
                else if (where == 1)
                    at = (size_t)snprintf(line, sizeof line, "{\"id\": \"x\", \"other\": \"");
                else
                    at = (size_t)snprintf(line, sizeof line, "{\"id\": \"x\", \"");
                size_t mid_at = at;
                memcpy(line + at, mid, ml);
                at += ml;
                snprintf(line + at, sizeof line - at, "%s", where == 2 ? "\": 1, \"text\": \"t\"}\n" : "\", \"text\": \"t\"}\n");
                col c = {0};
                assert_int_equal(read_str(line, "o.jsonl", SR_FMT_JSONL, NULL, &c), 0);
                assert_int_equal(c.n, 1);
                assert_string_equal(c.d[0].text, "t");
                if (where == 0)
                    assert_string_equal(c.d[0].id, want);
                else
                    assert_string_equal(c.d[0].id, "x");
                assert_int_equal(c.nd, sp[k].bad);
                if (sp[k].bad) {
                    char msg[64];
                    snprintf(msg, sizeof msg, "invalid UTF-8 at byte %zu;", mid_at + pre);
                    assert_true(diag_has(&c, msg) >= 0);
                }
                col_free(&c);
            }
    /* a byte from 0x80 up outside any string: the line is not flat JSON, and
     * jansson reports it (after the repair's diagnostic when invalid) */
    col c = {0};
    assert_int_equal(read_str("{\"id\": \"x\", \"text\": \"t\", \"n\": 1\xc3\xa9}\n", "o.jsonl", SR_FMT_JSONL, NULL, &c),
                     SR_EPARSE);
    assert_int_equal(c.n, 0);
    assert_int_equal(c.nd, 1);
    assert_true(diag_has(&c, "invalid JSON") == 0);
    col_free(&c);
    assert_int_equal(read_str("{\"id\": \"x\", \"text\": \"t\", \"n\": 1\xff}\n", "o.jsonl", SR_FMT_JSONL, NULL, &c),
                     SR_EPARSE);
    assert_int_equal(c.nd, 2);
    assert_true(diag_has(&c, "invalid UTF-8 at byte 31") == 0);
    assert_true(diag_has(&c, "invalid JSON") == 1);
    col_free(&c);
}

/* Metadata fields (here the title) of every length up to about 40 bytes,
 * whose plain case is tested on two overlapping 8-byte halves (8 to 15
 * bytes) or 16 bytes at a time with SSE2 (16 and more): a space first or last, two spaces,
 * a tab, a control byte or a non-ASCII letter at every offset clean up as a
 * byte-by-byte model says (each run of whitespace and controls one space,
 * none at the ends). */
static void test_meta_offsets(void **state)
{
    (void)state;
    static const char *const specials[] = {" ", "  ", "\\t", " \\u0001 ", "\xc3\xa9", "-", "\\u007f"};
    static const char *const raw[] = {" ", "  ", "\t", " \x01 ", "\xc3\xa9", "-", "\x7f"};
    for (size_t k = 0; k < sizeof specials / sizeof *specials; k++)
        for (size_t len = 0; len <= 40; len += len < 18 ? 1 : 3)
            for (size_t at = 0; at <= len; at++) {
                char title[64], line[256], in[96], want[96];
                for (size_t i = 0; i < len; i++)
                    title[i] = (char)('a' + (i * 5) % 26);
                title[len] = 0;
                /* the decoded field and the model's answer */
                snprintf(in, sizeof in, "%.*s%s%s", (int)at, title, raw[k], title + at);
                size_t o = 0;
                int pend = 0;
                for (const unsigned char *p = (const unsigned char *)in; *p; p++) {
                    if (*p <= ' ' || *p == 0x7f) {
                        pend = o > 0;
                        continue;
                    }
                    if (pend)
                        want[o++] = ' ';
                    pend = 0;
                    want[o++] = (char)*p;
                }
                want[o] = 0;
                snprintf(line, sizeof line, "{\"id\":\"m\",\"title\":\"%.*s%s%s\",\"text\":\"x\"}\n", (int)at, title,
                         specials[k], title + at);
                col c = {0};
                assert_int_equal(read_str(line, "m.jsonl", SR_FMT_JSONL, NULL, &c), 0);
                assert_int_equal(c.n, 1);
                if (strcmp(c.d[0].title, want) != 0)
                    fail_msg("special %zu at %zu of %zu: '%s', want '%s'", k, at, len, c.d[0].title, want);
                col_free(&c);
            }
}

/* ---- HTML -------------------------------------------------------------- */

static const char page[] =
    "<!DOCTYPE html><html><head><title>Page title | Site</title>"
    "<meta property=\"og:title\" content=\"Gunmen attack village\">"
    "<meta property=\"og:site_name\" content=\"Daily Example\">"
    "<meta property=\"article:published_time\" content=\"2019-04-21T08:00:00Z\">"
    "<link rel=\"canonical\" href=\"https://example.org/news/1\">"
    "<script>var menuText = 'SCRIPTTEXT';</script><style>p{color:red}</style></head>"
    "<body><header><a href=/>HEADERTEXT</a></header>"
    "<nav><ul><li>NAVTEXT</li></ul></nav>"
    "<div class=\"main-menu\">MENUTEXT</div>"
    "<div id=\"content\"><article><h1>Gunmen attack village</h1>"
    "<div class=\"share-tools\">SHARETEXT</div>"
    "<p>Gunmen   killed two\n civilians on <b>Saturday</b>.</p>"
    "<p>Police said the attackers fled&nbsp;north.</p>"
    "<aside>ASIDETEXT</aside><div class=\"related-stories\"><p>RELATEDTEXT is a long teaser</p></div>"
    "</article></div>"
    "<div class=\"sidebar\"><p>SIDEBARTEXT with many words to look like an article paragraph of text.</p></div>"
    "<footer>FOOTERTEXT</footer></body></html>";

static void test_html_article(void **state)
{
    (void)state;
    col c = {0};
    assert_int_equal(read_str(page, "news/page-1.html", SR_FMT_AUTO, NULL, &c), 0);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.d[0].title, "Gunmen attack village");
    assert_string_equal(c.d[0].source, "Daily Example");
    assert_string_equal(c.d[0].date, "2019-04-21");
    assert_string_equal(c.d[0].url, "https://example.org/news/1");
    assert_string_equal(c.d[0].id, "page-1");
    assert_string_equal(c.d[0].text, "Gunmen attack village\n\nGunmen killed two civilians on Saturday.\n\n"
                                     "Police said the attackers fled north.");
    const char *junk[] = {"SCRIPTTEXT", "HEADERTEXT", "NAVTEXT", "MENUTEXT", "SHARETEXT",
                          "ASIDETEXT",  "RELATEDTEXT", "SIDEBARTEXT", "FOOTERTEXT", "color"};
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
        assert_null(strstr(c.d[0].text, junk[i]));
    col_free(&c);
}

static void test_html_no_article_most_p(void **state)
{
    (void)state;
    const char *h = "<html><head><title>Fallback title</title>"
                    "<meta name=\"date\" content=\"April 2, 2018\"></head><body>"
                    "<div class=\"teaser\"><p>Short teaser.</p></div>"
                    "<div class=\"story\"><p>The first paragraph of the story is long enough to win.</p>"
                    "<p>The second paragraph adds more words to the same story container.</p></div>"
                    "</body></html>";
    col c = {0};
    assert_int_equal(read_str(h, "s.htm", SR_FMT_AUTO, NULL, &c), 0);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.d[0].title, "Fallback title");
    assert_string_equal(c.d[0].date, "2018-04-02");
    assert_string_equal(c.d[0].text, "The first paragraph of the story is long enough to win.\n\n"
                                     "The second paragraph adds more words to the same story container.");
    col_free(&c);
}

static void test_html_broken(void **state)
{
    (void)state;
    const char *h = "<html><body><p>Gunmen killed <b>two <i>civilians</p><div><p>in Mandera<table><tr><td>"
                    "on Saturday</p></div></b><<<>&bogus; </html></html><p>tail";
    col c = {0};
    assert_int_equal(read_str(h, "broken.html", SR_FMT_HTML, NULL, &c), 0);
    assert_int_equal(c.n, 1);
    assert_non_null(strstr(c.d[0].text, "Gunmen killed two civilians"));
    assert_non_null(strstr(c.d[0].text, "Mandera"));
    col_free(&c);
    /* a fragment with no text at all */
    assert_int_equal(read_str("<html><script>x()</script></html>", "e.html", SR_FMT_HTML, NULL, &c),
                     SR_EEMPTY);
    assert_int_equal(c.n, 0);
    assert_true(diag_has(&c, "no article text") >= 0);
    col_free(&c);
}

/* ---- feeds ------------------------------------------------------------- */

static void test_feed_not_xml(void **state)
{
    (void)state;
    const char *f = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>\n<title>A & B</title>\n"
                    "<item><title>x</title></item></channel>";
    col c = {0};
    assert_int_equal(read_str(f, "bad.rss", SR_FMT_FEED, NULL, &c), SR_EPARSE);
    assert_int_equal(c.n, 0);
    assert_int_equal(c.nd, 1);
    assert_string_equal(c.dorigin[0], "bad.rss");
    assert_true(strncmp(c.dmsg[0], "not an XML feed: ", 17) == 0);
    assert_non_null(strstr(c.dmsg[0], " at line 3"));
    col_free(&c);
    /* plain text forced as a feed */
    assert_int_equal(read_str("just some words\n", "w.xml", SR_FMT_FEED, NULL, &c), SR_EPARSE);
    assert_true(diag_has(&c, "not an XML feed: ") == 0);
    col_free(&c);
    /* well-formed XML that is not a feed */
    assert_int_equal(read_str("<?xml version=\"1.0\"?><note>hi</note>", "n.xml", SR_FMT_FEED, NULL, &c),
                     SR_EPARSE);
    assert_true(diag_has(&c, "root element is <note>") >= 0);
    col_free(&c);
}

static void test_feed_rss(void **state)
{
    (void)state;
    const char *f =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>Example Feed</title>"
        "<link>https://example.org/</link>"
        "<item><title>First item</title><link>https://example.org/1</link><guid>urn:ex:1</guid>"
        "<pubDate>Mon, 22 Apr 2019 10:00:00 GMT</pubDate>"
        "<description>&lt;p&gt;Gunmen killed two civilians.&lt;/p&gt;&lt;p&gt;Police &amp;amp; "
        "army responded.&lt;/p&gt;&lt;script&gt;bad()&lt;/script&gt;</description></item>"
        "<item><title>Second item</title><link>https://example.org/2</link>"
        "<dc:date>2019-04-23T05:00:00+03:00</dc:date><description>short</description>"
        "<content:encoded><![CDATA[<div><p>Full   text of the second item.</p></div>]]></content:encoded>"
        "</item>"
        "<item><title>Headline only</title></item>"
        "</channel></rss>";
    col c = {0};
    assert_int_equal(read_str(f, "feeds/ex.rss", SR_FMT_AUTO, "2001-01-01", &c), 0);
    assert_int_equal(c.n, 3);
    assert_string_equal(c.d[0].id, "urn:ex:1");
    assert_string_equal(c.d[0].title, "First item");
    assert_string_equal(c.d[0].url, "https://example.org/1");
    assert_string_equal(c.d[0].date, "2019-04-22");
    assert_string_equal(c.d[0].source, "Example Feed");
    assert_string_equal(c.d[0].text, "Gunmen killed two civilians.\n\nPolice & army responded.");
    assert_int_equal(c.d[0].item, 1);
    assert_string_equal(c.d[1].id, "https://example.org/2");
    assert_string_equal(c.d[1].date, "2019-04-23");
    assert_string_equal(c.d[1].text, "Full text of the second item.");
    assert_int_equal(c.d[1].item, 2);
    assert_string_equal(c.d[2].id, "feeds/ex.rss#item3");
    assert_string_equal(c.d[2].date, "2001-01-01");
    assert_string_equal(c.d[2].text, "Headline only");
    assert_int_equal(c.d[2].item, 3);
    col_free(&c);
}

static void test_feed_atom(void **state)
{
    (void)state;
    const char *f =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Atom Wire</title>"
        "<entry><title>E1</title><id>tag:ex.org,2019:1</id>"
        "<link rel=\"self\" href=\"https://ex.org/self/1\"/><link rel=\"alternate\" href=\"https://ex.org/1\"/>"
        "<updated>2019-05-02T00:00:00Z</updated><published>2019-05-01T00:00:00Z</published>"
        "<content type=\"html\">&lt;p&gt;One &lt;b&gt;bold&lt;/b&gt; claim.&lt;/p&gt;</content></entry>"
        "<entry><title>E2</title><link href=\"https://ex.org/2\"/><updated>2019-05-03</updated>"
        "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Para one.</p>"
        "<p>Para two.</p></div></content></entry>"
        "<entry><title>E3</title><id>e3</id><summary>Plain &lt;b&gt; text summary</summary></entry>"
        "</feed>";
    col c = {0};
    assert_int_equal(read_str(f, "<stdin>", SR_FMT_AUTO, NULL, &c), 0);
    assert_int_equal(c.n, 3);
    assert_string_equal(c.d[0].id, "tag:ex.org,2019:1");
    assert_string_equal(c.d[0].url, "https://ex.org/1");
    assert_string_equal(c.d[0].date, "2019-05-01");
    assert_string_equal(c.d[0].source, "Atom Wire");
    assert_string_equal(c.d[0].text, "One bold claim.");
    assert_string_equal(c.d[1].id, "https://ex.org/2");
    assert_string_equal(c.d[1].date, "2019-05-03");
    assert_string_equal(c.d[1].text, "Para one.\n\nPara two.");
    assert_string_equal(c.d[2].id, "e3");
    assert_string_equal(c.d[2].date, "");
    assert_string_equal(c.d[2].text, "Plain <b> text summary");
    assert_int_equal(c.d[2].item, 3);
    col_free(&c);
    /* a feed without items holds no document */
    assert_int_equal(read_str("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title></feed>",
                              "e.atom", SR_FMT_AUTO, NULL, &c),
                     SR_EEMPTY);
    assert_true(diag_has(&c, "no <entry>") >= 0);
    col_free(&c);
}

/* ---- input-wide errors -------------------------------------------------- */

static void test_invalid_utf8(void **state)
{
    (void)state;
    const char buf[] = "Title\n\nabc\xff def \xc3\xa9\n";
    col c = {0};
    sr_read_opts o = {.format = SR_FMT_TEXT, .diag = on_diag, .diag_ud = &c};
    assert_int_equal(sr_read_buffer(buf, sizeof buf - 1, "u.txt", &o, on_doc, &c), 0);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.d[0].text, "Title\n\nabc\xef\xbf\xbd def \xc3\xa9\n");
    assert_int_equal(c.nd, 1);
    assert_string_equal(c.dmsg[0], "invalid UTF-8 at byte 10; replaced with U+FFFD");
    col_free(&c);
    /* in JSONL the line is repaired before parsing, so it is still read */
    const char jl[] = "{\"id\":\"x\",\"text\":\"ab\xc3\"}\n";
    o.format = SR_FMT_JSONL;
    assert_int_equal(sr_read_buffer(jl, sizeof jl - 1, "u.jsonl", &o, on_doc, &c), 0);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.d[0].text, "ab\xef\xbf\xbd");
    assert_int_equal(c.dline[0], 1);
    assert_non_null(strstr(c.dmsg[0], "invalid UTF-8 at byte 20"));
    col_free(&c);
    /* and in HTML */
    const char h[] = "<html><body><p>caf\xe9 bombing</p></body></html>";
    o.format = SR_FMT_HTML;
    assert_int_equal(sr_read_buffer(h, sizeof h - 1, "u.html", &o, on_doc, &c), 0);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.d[0].text, "caf\xef\xbf\xbd bombing");
    assert_true(diag_has(&c, "invalid UTF-8 at byte 18") >= 0);
    col_free(&c);
}

static void test_binary_and_empty(void **state)
{
    (void)state;
    const char bin[] = "\x7f" "ELF\x02\x01\x01\x00\x00\x00 some text";
    for (int f = SR_FMT_AUTO; f <= SR_FMT_FEED; f++) {
        col c = {0};
        sr_read_opts o = {.format = (sr_format)f, .diag = on_diag, .diag_ud = &c};
        assert_int_equal(sr_read_buffer(bin, sizeof bin - 1, "a.out", &o, on_doc, &c), SR_EPARSE);
        assert_int_equal(c.n, 0);
        assert_string_equal(c.dmsg[0], "binary file, not a text document; skipped");
        col_free(&c);
        assert_int_equal(read_str(" \n\t\r\n ", "e.txt", (sr_format)f, NULL, &c), SR_EEMPTY);
        assert_int_equal(c.n, 0);
        assert_string_equal(c.dmsg[0], "empty input: no document");
        col_free(&c);
        o.diag_ud = &c;
        assert_int_equal(sr_read_buffer("", 0, "z.txt", &o, on_doc, &c), SR_EEMPTY);
        col_free(&c);
    }
    /* many control bytes without NUL */
    char ctl[100];
    for (int i = 0; i < 100; i++)
        ctl[i] = (i % 2) ? 'a' : '\x01';
    col c = {0};
    sr_read_opts o = {.diag = on_diag, .diag_ud = &c};
    assert_int_equal(sr_read_buffer(ctl, sizeof ctl, "c.txt", &o, on_doc, &c), SR_EPARSE);
    col_free(&c);
    /* bad arguments */
    assert_int_equal(sr_read_buffer(NULL, 5, "x", &o, on_doc, &c), SR_EINVAL);
    assert_int_equal(sr_read_buffer("x", 1, "x", &o, NULL, &c), SR_EINVAL);
}

static void test_doc_over_cap(void **state)
{
    (void)state;
    size_t n = SR_MAX_DOC_BYTES + 10;
    char *buf = malloc(n);
    assert_non_null(buf);
    memset(buf, 'a', n);
    buf[100] = ' ';
    col c = {0};
    sr_read_opts o = {.format = SR_FMT_TEXT, .diag = on_diag, .diag_ud = &c};
    assert_int_equal(sr_read_buffer(buf, n, "huge.txt", &o, on_doc, &c), SR_ETOOBIG);
    assert_int_equal(c.n, 0);
    assert_true(diag_has(&c, "over the 64 MB cap") >= 0);
    col_free(&c);
    free(buf);
}

/* ---- names and detection ------------------------------------------------ */

static void test_format_names_and_detection(void **state)
{
    (void)state;
    assert_int_equal(sr_format_parse("text"), SR_FMT_TEXT);
    assert_int_equal(sr_format_parse("jsonl"), SR_FMT_JSONL);
    assert_int_equal(sr_format_parse("HTML"), SR_FMT_HTML);
    assert_int_equal(sr_format_parse("rss"), SR_FMT_FEED);
    assert_int_equal(sr_format_parse("atom"), SR_FMT_FEED);
    assert_int_equal(sr_format_parse("feed"), SR_FMT_FEED);
    assert_int_equal(sr_format_parse("auto"), SR_FMT_AUTO);
    assert_int_equal(sr_format_parse("pdf"), -1);
    assert_int_equal(sr_format_parse(NULL), -1);

    const char *t = "plain words";
    assert_int_equal(sr_format_detect(t, strlen(t), "a.jsonl"), SR_FMT_JSONL);
    assert_int_equal(sr_format_detect(t, strlen(t), "dir.v1/a.NDJSON"), SR_FMT_JSONL);
    assert_int_equal(sr_format_detect(t, strlen(t), "a.htm"), SR_FMT_HTML);
    assert_int_equal(sr_format_detect(t, strlen(t), "a.atom"), SR_FMT_FEED);
    assert_int_equal(sr_format_detect(t, strlen(t), "a.xml"), SR_FMT_FEED);
    assert_int_equal(sr_format_detect(t, strlen(t), "a.rss"), SR_FMT_FEED);
    assert_int_equal(sr_format_detect(t, strlen(t), "a.txt"), SR_FMT_TEXT);
    assert_int_equal(sr_format_detect(t, strlen(t), NULL), SR_FMT_TEXT);

    const struct {
        const char *s;
        sr_format f;
    } sniff[] = {
        {"  \n{\"id\":1}", SR_FMT_JSONL},
        {"<?xml version=\"1.0\"?><rss>", SR_FMT_FEED},
        {"<rss version=\"2.0\">", SR_FMT_FEED},
        {"\xEF\xBB\xBF<feed xmlns=\"x\">", SR_FMT_FEED},
        {"<!DOCTYPE html><p>x", SR_FMT_HTML},
        {"<HTML><body>", SR_FMT_HTML},
        {"<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">", SR_FMT_HTML},
        {"<?xml version=\"1.0\"?><whatever/>", SR_FMT_FEED},
        {"Headline\n22 April 2019\n", SR_FMT_TEXT},
        {"<3 this report", SR_FMT_TEXT},
    };
    for (size_t i = 0; i < sizeof sniff / sizeof sniff[0]; i++)
        assert_int_equal(sr_format_detect(sniff[i].s, strlen(sniff[i].s), "<stdin>"), sniff[i].f);
    /* unknown extension: content decides */
    assert_int_equal(sr_format_detect("<rss>", 5, "feed.php"), SR_FMT_FEED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_date_forms),
        cmocka_unit_test(test_text_header_fields),
        cmocka_unit_test(test_text_default_date_and_stdin_id),
        cmocka_unit_test(test_text_bad_date_line),
        cmocka_unit_test(test_text_long_line_is_not_title),
        cmocka_unit_test(test_text_seed_file),
        cmocka_unit_test(test_read_file_missing),
        cmocka_unit_test(test_jsonl_bad_line_in_middle),
        cmocka_unit_test(test_jsonl_field_errors),
        cmocka_unit_test(test_jsonl_long_line_and_stop),
        cmocka_unit_test(test_jsonl_reused_fields),
        cmocka_unit_test(test_jsonl_scan_offsets),
        cmocka_unit_test(test_meta_offsets),
        cmocka_unit_test(test_html_article),
        cmocka_unit_test(test_html_no_article_most_p),
        cmocka_unit_test(test_html_broken),
        cmocka_unit_test(test_feed_not_xml),
        cmocka_unit_test(test_feed_rss),
        cmocka_unit_test(test_feed_atom),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_jsonl_utf8_outside_text),
        cmocka_unit_test(test_binary_and_empty),
        cmocka_unit_test(test_doc_over_cap),
        cmocka_unit_test(test_format_names_and_detection),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
