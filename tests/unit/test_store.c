/* test_store.c — unit tests for src/store.c (placeholder until the module lands). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "internal.h"

static void test_strerror(void **state) { (void)state; assert_string_equal(sr_strerror(SR_OK), "ok"); }

int main(void)
{
    const struct CMUnitTest tests[] = { cmocka_unit_test(test_strerror) };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
