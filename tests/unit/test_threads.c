/*
 * test_threads.c - the library from several threads at once: one ruleset,
 * shared; one run per thread over every gold set, each written as a JSON and a
 * text report. Every thread's reports must equal those of a run made alone
 * afterwards. The threads start together from a cold library (nothing run
 * before them), so that anything set up on first use is set up concurrently.
 * Run under ThreadSanitizer by `make test` (build-tsan), where a data race
 * anywhere in the library fails the test. Threads are POSIX ones: TSan does
 * not see threads started by C11's thrd_create.
 */
#include <stdio.h>
#include <pthread.h>

#include "helpers.h"

#define THREADS 4
#define ROUNDS 2

static const char *const sets[] = {FD_SOURCE_DIR "/fixtures/palmyra",
                                   FD_SOURCE_DIR "/fixtures/hongkong-2019",
                                   FD_SOURCE_DIR "/fixtures/beirut-2020",
                                   FD_SOURCE_DIR "/fixtures/kobani-2014"};
#define NSETS (sizeof sets / sizeof *sets)

static fd_ruleset *shared_rules;

// The reports of one set, as one string (caller frees), or NULL on failure.
static char *reports_of(const char *set) {
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    if (!f)
        return NULL;
    fd_run *r = fd_run_new(shared_rules);
    fd_error err;
    int ok = r && fd_run_add_path(r, set, NULL) > 0 && fd_run_check(r, &err) == 0 &&
             fd_run_write(r, FD_FORMAT_JSON, f, 0) == 0 &&
             fd_run_write(r, FD_FORMAT_TEXT, f, FD_OPT_VERBOSE) == 0 &&
             fd_run_write_names(r, f) == 0;
    fd_run_free(r);
    fclose(f);
    if (!ok) {
        free(out);
        return NULL;
    }
    return out;
}

static pthread_barrier_t start;

typedef struct worker {
    int id;
    char *got[ROUNDS][NSETS];
} worker;

static void *work(void *arg) {
    worker *w = arg;
    pthread_barrier_wait(&start);
    for (int round = 0; round < ROUNDS; round++)
        for (size_t k = 0; k < NSETS; k++) {
            size_t s = (k + (size_t)w->id) % NSETS; // threads start on different sets
            w->got[round][s] = reports_of(sets[s]);
        }
    return NULL;
}

START_TEST(parallel_runs_match_a_single_run) {
    shared_rules = test_rules();
    pthread_t t[THREADS];
    static worker w[THREADS];
    ck_assert_int_eq(pthread_barrier_init(&start, NULL, THREADS), 0);
    for (int i = 0; i < THREADS; i++) {
        w[i] = (worker){.id = i};
        ck_assert_int_eq(pthread_create(&t[i], NULL, work, &w[i]), 0);
    }
    for (int i = 0; i < THREADS; i++)
        ck_assert_int_eq(pthread_join(t[i], NULL), 0);
    pthread_barrier_destroy(&start);
    for (size_t s = 0; s < NSETS; s++) {
        char *alone = reports_of(sets[s]);
        ck_assert_ptr_nonnull(alone);
        ck_assert_ptr_nonnull(strstr(alone, "\"findings\""));
        for (int i = 0; i < THREADS; i++)
            for (int round = 0; round < ROUNDS; round++) {
                ck_assert_ptr_nonnull(w[i].got[round][s]);
                ck_assert_msg(!strcmp(w[i].got[round][s], alone),
                              "thread %d, round %d: %s differs from a run alone", i, round,
                              sets[s]);
                free(w[i].got[round][s]);
            }
        free(alone);
    }
    fd_ruleset_free(shared_rules);
}
END_TEST

// The public pure functions, called concurrently, give one answer.
static void *fold_names(void *arg) {
    int *bad = arg;
    for (int i = 0; i < 200; i++) {
        char *k = fd_name_key(shared_rules, "Dayr az-Zawr", 12, NULL);
        const char *town = "Ḥalab \xE2\x80\x93 Alep";
        char *f = fd_fold_text(town, strlen(town), NULL, NULL);
        *bad += !k || strcmp(k, "darzor") != 0 || !f;
        fd_free(k);
        fd_free(f);
    }
    return NULL;
}

START_TEST(name_keys_from_many_threads) {
    shared_rules = test_rules();
    pthread_t t[THREADS];
    int bad[THREADS] = {0};
    for (int i = 0; i < THREADS; i++)
        ck_assert_int_eq(pthread_create(&t[i], NULL, fold_names, &bad[i]), 0);
    for (int i = 0; i < THREADS; i++) {
        ck_assert_int_eq(pthread_join(t[i], NULL), 0);
        ck_assert_int_eq(bad[i], 0);
    }
    fd_ruleset_free(shared_rules);
}
END_TEST

static Suite *suite(void) {
    Suite *s = suite_create("threads");
    TCase *tc = tcase_create("parallel");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, parallel_runs_match_a_single_run);
    tcase_add_test(tc, name_keys_from_many_threads);
    suite_add_tcase(s, tc);
    return s;
}

RUN_SUITE(suite)
