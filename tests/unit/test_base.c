/* test_base.c - the helpers of lib/base: the string pool. */
#include <stdio.h>

#include "helpers.h"

#include "base/base.h"

// Equal strings give one copy, different ones their own; the copy is not the argument.
START_TEST(pool_keeps_each_string_once) {
    fdp_pool p = {0};
    char a[] = "killed/people", b[] = "killed/people";
    const char *x = fdp_pool_intern(&p, a), *y = fdp_pool_intern(&p, b);
    ck_assert_ptr_nonnull(x);
    ck_assert_ptr_eq(x, y);
    ck_assert_ptr_ne(x, a);
    a[0] = 'X'; // the pool's copy does not follow its source
    ck_assert_str_eq(x, "killed/people");
    const char *z = fdp_pool_intern(&p, "killed/civilians");
    ck_assert_ptr_ne(x, z);
    ck_assert_str_eq(z, "killed/civilians");
    ck_assert_ptr_null(fdp_pool_intern(&p, NULL));
    ck_assert_ptr_eq(fdp_pool_intern(&p, ""), fdp_pool_intern(&p, ""));
    fdp_pool_free(&p);
    ck_assert_ptr_null(p.bytes.blocks); // freed is empty again, and usable
    ck_assert_str_eq(fdp_pool_intern(&p, "again"), "again");
    fdp_pool_free(&p);
}
END_TEST

// Through many growths of the table and many blocks, every string keeps its
// first copy; a string longer than a block is kept whole in a block of its own.
START_TEST(pool_grows_and_keeps_its_copies) {
    fdp_pool p = {0};
    enum { N = 20000 };
    static const char *first[N];
    char s[32];
    for (int i = 0; i < N; i++) {
        snprintf(s, sizeof s, "name %d", i);
        first[i] = fdp_pool_intern(&p, s);
        ck_assert_ptr_nonnull(first[i]);
    }
    ck_assert_uint_eq(p.used, N);
    static char big[200000];
    memset(big, 'a', sizeof big - 1);
    const char *long_one = fdp_pool_intern(&p, big);
    ck_assert_ptr_nonnull(long_one);
    ck_assert_uint_eq(strlen(long_one), sizeof big - 1);
    for (int i = N - 1; i >= 0; i--) {
        snprintf(s, sizeof s, "name %d", i);
        ck_assert_ptr_eq(fdp_pool_intern(&p, s), first[i]);
        ck_assert_str_eq(first[i], s);
    }
    ck_assert_ptr_eq(fdp_pool_intern(&p, big), long_one);
    ck_assert_str_eq(fdp_pool_intern(&p, "after the long one"), "after the long one");
    ck_assert_uint_eq(p.used, N + 2);
    fdp_pool_free(&p);
}
END_TEST

// Small arrays sort by insertion, larger by qsort: both give qsort's order, with
// repeats and negatives, at every size around the switch.
// An arena's copies stay whole through many blocks and one longer than a
// block; cleared, it keeps one block and fills it again from its start.
START_TEST(arena_copies_clears_and_frees) {
    fdp_arena a = {0};
    enum { N = 5000 };
    static char *copy[N];
    char s[32];
    for (int i = 0; i < N; i++) {
        int n = snprintf(s, sizeof s, "place %d", i);
        copy[i] = fdp_arena_copy_n(&a, s, (size_t)n);
        ck_assert_ptr_nonnull(copy[i]);
    }
    static char longer[100000];
    memset(longer, 'x', sizeof longer - 1);
    char *big = fdp_arena_copy(&a, longer);
    ck_assert_ptr_nonnull(big);
    ck_assert_uint_eq(strlen(big), sizeof longer - 1);
    for (int i = 0; i < N; i++) {
        snprintf(s, sizeof s, "place %d", i);
        ck_assert_str_eq(copy[i], s);
    }
    ck_assert_ptr_null(fdp_arena_copy(&a, NULL));
    ck_assert_str_eq(fdp_arena_copy_n(&a, "", 0), "");
    fdp_arena_clear(&a);
    ck_assert_ptr_nonnull(a.blocks);
    char *again = fdp_arena_copy(&a, "again"), *more = fdp_arena_copy(&a, "more");
    ck_assert_str_eq(again, "again");
    ck_assert_ptr_eq(more, again + 6); // the kept block, from its start
    fdp_arena_free(&a);
    ck_assert_ptr_null(a.blocks);
    fdp_arena_clear(&a); // (an empty arena: nothing to do)
    ck_assert_ptr_null(a.blocks);
}
END_TEST

START_TEST(ints_sort_as_qsort_sorts_them) {
    unsigned seed = 12345;
    for (size_t n = 0; n < 120; n++) {
        int a[120], b[120];
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            a[i] = b[i] = (int)(seed >> 16) % 41 - 20;
        }
        fdp_sort_ints(a, n);
        qsort(b, n, sizeof *b, fdp_cmp_int);
        ck_assert_mem_eq(a, b, n * sizeof *a);
    }
}
END_TEST

static Suite *suite(void) {
    Suite *s = suite_create("base");
    TCase *tc = tcase_create("pool");
    tcase_add_test(tc, pool_keeps_each_string_once);
    tcase_add_test(tc, pool_grows_and_keeps_its_copies);
    tcase_add_test(tc, arena_copies_clears_and_frees);
    tcase_add_test(tc, ints_sort_as_qsort_sorts_them);
    suite_add_tcase(s, tc);
    return s;
}

RUN_SUITE(suite)
