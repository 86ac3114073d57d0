/* test_util.c — the shared helpers: capped buffers refuse to grow past their
 * cap, UTF-8 repair (fast ASCII path and the slow path), whole-file reads with
 * a cap, hashing, error strings. */
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

static void test_strerror(void **state)
{
    (void)state;
    assert_string_equal(sr_strerror(SR_OK), "ok");
    assert_string_equal(sr_strerror(SR_ETOOBIG), "input too large");
    assert_string_equal(sr_strerror(-999), "unknown error");
    for (int e = SR_EEMPTY; e <= SR_OK; e++)
        assert_string_not_equal(sr_strerror(e), "unknown error");
}

static void test_buf_cap(void **state)
{
    (void)state;
    sr__buf b;
    sr__buf_init(&b, 10);
    assert_int_equal(sr__buf_adds(&b, "hello"), 0);
    assert_int_equal(sr__buf_adds(&b, "world"), 0);
    assert_int_equal(b.len, 10);
    assert_string_equal(b.p, "helloworld");
    assert_int_equal(sr__buf_addc(&b, '!'), SR_ETOOBIG);
    assert_int_equal(b.len, 10); /* nothing half-added */
    sr__buf_release(&b);
    assert_null(b.p);
    sr__buf_init(&b, 0);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(sr__buf_printf(&b, "%d,", i), 0);
    assert_true(b.len > 2000);
    assert_int_equal(b.p[b.len], 0);
    char big[1000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = 0;
    size_t before = b.len;
    assert_int_equal(sr__buf_printf(&b, "[%s]", big), 0); /* longer than printf's stack buffer */
    assert_int_equal(b.len, before + 1001);
    sr__buf_release(&b);
}

static void test_utf8_repair(void **state)
{
    (void)state;
    char *out;
    size_t len, bad;
    /* plain ASCII, longer than the 8-byte fast path */
    const char *ascii = "Gunmen killed three civilians in Mandera on Saturday.";
    assert_int_equal(sr__utf8_repair(ascii, strlen(ascii), &out, &len, &bad), 0);
    assert_string_equal(out, ascii);
    assert_int_equal(bad, (size_t)-1);
    free(out);
    /* valid multi-byte text is untouched */
    const char *ok = "Dayr az Zawr \xD8\xAF\xD9\x8A\xD8\xB1 \xE2\x80\x94 caf\xC3\xA9";
    assert_int_equal(sr__utf8_repair(ok, strlen(ok), &out, &len, &bad), 0);
    assert_string_equal(out, ok);
    free(out);
    /* a lone continuation byte, a truncated sequence, an overlong form, a NUL */
    const char in[] = "abcdefghij\x80 x \xE2\x82 y \xC0\xAF z";
    int rep = sr__utf8_repair(in, sizeof in - 1, &out, &len, &bad);
    assert_true(rep >= 4);
    assert_int_equal(bad, 10);
    assert_non_null(strstr(out, "abcdefghij\xEF\xBF\xBD x "));
    for (size_t i = 0; i < len; i++)
        assert_true((unsigned char)out[i] != 0x80 || (i > 0 && (unsigned char)out[i - 1] >= 0x80));
    free(out);
    const char nul[] = "ab\0cd";
    assert_int_equal(sr__utf8_repair(nul, 5, &out, &len, &bad), 1);
    assert_int_equal(bad, 2);
    assert_int_equal(len, 7);
    free(out);
    /* surrogates encoded in UTF-8 are invalid */
    const char sur[] = "\xED\xA0\x80";
    assert_true(sr__utf8_repair(sur, 3, &out, &len, &bad) >= 1);
    assert_int_equal(bad, 0);
    free(out);
}

static void test_read_all_cap(void **state)
{
    (void)state;
    char path[] = "/tmp/sr-util-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    char data[5000];
    memset(data, 'a', sizeof data);
    assert_int_equal(write(fd, data, sizeof data), (ssize_t)sizeof data);
    close(fd);
    char *buf;
    size_t len;
    assert_int_equal(sr__read_all(path, 10000, &buf, &len), 0);
    assert_int_equal(len, sizeof data);
    free(buf);
    assert_int_equal(sr__read_all(path, 4096, &buf, &len), SR_ETOOBIG);
    assert_null(buf);
    unlink(path);
    assert_int_equal(sr__read_all("/nonexistent/sitrep-file", 100, &buf, &len), SR_ENOTFOUND);
}

static void test_hash_and_strings(void **state)
{
    (void)state;
    assert_true(sr__hash64("abc", 3) != sr__hash64("abd", 3));
    assert_int_equal(sr__hash64("", 0), 1469598103934665603ULL);
    char *s = sr__strndup("hello world", 5);
    assert_string_equal(s, "hello");
    free(s);
    assert_null(sr__strdup(NULL));
    char err[8];
    sr__errf(err, sizeof err, "%s", "truncated message");
    assert_string_equal(err, "truncat");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strerror),     cmocka_unit_test(test_buf_cap),
        cmocka_unit_test(test_utf8_repair),  cmocka_unit_test(test_read_all_cap),
        cmocka_unit_test(test_hash_and_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
