/*
 * test_chaos.c - every allocation fails in turn, in the manner of jansson's
 * test_chaos: the library's own allocations (malloc, calloc, realloc, wrapped
 * at link time with -Wl,--wrap). jansson's are left alone: its parser (2.14)
 * aborts on a failed allocation inside a string (lex_scan_string: assert(0)),
 * so failing them would test jansson, not factdiff.
 *
 * For each n, the nth allocation of a whole check of the Palmyra articles
 * (every report written), of a check of three sentences on a fine in three
 * currencies, or of an extract of the articles, fails. Then every call either reports an
 * error, or, if all of them succeed, the report is exactly the report of a run without
 * failures: nothing is silently lost. The names stage's table of distinct strings
 * (names/intern.h) is tried the same way on its own: the add that meets the failure
 * reports it and the table stays whole. Nothing may crash, and under AddressSanitizer
 * nothing may leak (LeakSanitizer checks at exit).
 *
 * A plain program, not a Check suite (as jansson's API tests are): Check is a
 * static library, whose own allocations the wrapping would fail too.
 *
 * To see where a failing allocation n stands: CHAOS_AT=n gdb tests/test_chaos,
 * then `break chaos_failed` and `run`.
 */
#include <stdio.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "factdiff.h"
#include "names/intern.h"

#ifndef FD_SOURCE_DIR
#define FD_SOURCE_DIR "."
#endif

static int failures;

#define EXPECT(cond, ...)                                                                  \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf(stderr, "test_chaos: " __VA_ARGS__);                                  \
            fputc('\n', stderr);                                                          \
            failures++;                                                                    \
        }                                                                                  \
    } while (0)

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);

static long countdown = -1; /* allocations left before the one that fails; -1: none fails */
static long made;           /* allocations so far */

// Called at the allocation that fails: a place for a breakpoint.
void chaos_failed(void);
__attribute__((noinline)) void chaos_failed(void) { __asm__ volatile(""); }

static bool fail_now(void) {
    made++;
    if (countdown < 0 || countdown-- != 0)
        return false;
    chaos_failed();
    return true;
}

// The failures to try: all of [0, total), or only $CHAOS_AT - 1.
static void chaos_range(long total, long *from, long *to) {
    const char *at = getenv("CHAOS_AT");
    *from = at ? atol(at) - 1 : 0;
    *to = at ? *from + 1 : total;
}

void *__wrap_malloc(size_t size) { return fail_now() ? NULL : __real_malloc(size); }
void *__wrap_calloc(size_t n, size_t size) { return fail_now() ? NULL : __real_calloc(n, size); }
void *__wrap_realloc(void *p, size_t size) {
    return fail_now() ? NULL : __real_realloc(p, size);
}

/* The check of run r, whose documents were read (ok) or not: the report as a
 * string (caller frees), or NULL when some call reported an error. Frees r. */
static char *checked_report(fd_run *r, bool ok) {
    fd_error err;
    ok = ok && fd_run_check(r, &err) == 0;
    // A document that could not be read for want of memory says so.
    for (size_t i = 0; ok && i < fd_run_doc_count(r); i++) {
        const fd_doc *d = fd_run_doc(r, i);
        for (size_t k = 0; k < fd_doc_error_count(d); k++) {
            EXPECT(fd_doc_error(d, k)->code == FD_ERR_NOMEM, "%s: error '%s', not out of memory",
                   fd_doc_path(d), fd_doc_error(d, k)->text);
            ok = false;
        }
    }
    char *out = NULL;
    size_t len = 0;
    if (ok) {
        // The stream is libc's (not wrapped): it holds what the reporters write.
        FILE *f = open_memstream(&out, &len);
        if (!f)
            abort();
        ok = fd_run_write(r, FD_FORMAT_JSON, f, 0) == 0 &&
             fd_run_write(r, FD_FORMAT_TEXT, f, FD_OPT_VERBOSE) == 0 &&
             fd_run_write(r, FD_FORMAT_HTML, f, 0) == 0 &&
             fd_run_write(r, FD_FORMAT_SARIF, f, 0) == 0 &&
             fd_run_write(r, FD_FORMAT_GITHUB, f, 0) == 0 && fd_run_write_names(r, f) == 0;
        fclose(f);
    }
    fd_run_free(r);
    if (!ok) {
        free(out);
        return NULL;
    }
    return out;
}

/* One whole check of the Palmyra articles (see checked_report). */
static char *check_palmyra(const fd_ruleset *rules) {
    fd_run *r = fd_run_new(rules);
    return checked_report(
        r, r && fd_run_add_path(r, FD_SOURCE_DIR "/fixtures/palmyra", NULL) == 5);
}

/* A fine in euros, dollars and pounds, one conflict in dollars: the currencies
 * finding in every report (see checked_report). */
static char *check_fine(const fd_ruleset *rules) {
    static const char *const texts[] = {
        "Meta was hit with a fine of \u20ac1.2 billion (\u00a31.04bn) by the regulator.",
        "The social network must pay a $1.3 billion fine, the regulator said.",
        "Meta was fined $2 billion for the data transfers, and \u00a31bn in Britain."};
    fd_run *r = fd_run_new(rules);
    bool ok = r != NULL;
    for (int i = 0; ok && i < 3; i++) {
        char name[16];
        snprintf(name, sizeof name, "fine%d.txt", i + 1);
        ok =
            fd_run_add_text(r, name, texts[i], strlen(texts[i]), NULL, "2023-05-22") == 0;
    }
    return checked_report(r, ok);
}

static fd_ruleset *load_rules(void) {
    fd_ruleset *rules = fd_ruleset_new();
    fd_error err;
    if (!rules || fd_ruleset_load_dir(rules, FD_SOURCE_DIR "/rules", &err) != 0) {
        fprintf(stderr, "test_chaos: cannot load the rules\n");
        exit(1);
    }
    return rules;
}

/* `factdiff extract` on the Palmyra and Beirut articles: the JSON Lines (caller
 * frees), or NULL when the call reported an error or a document it could not
 * read. (Two sets: a document's claims cost a few allocations, too few alone.) */
static char *extract_two_sets(const fd_ruleset *rules) {
    char *out = NULL, *errs = NULL;
    size_t len = 0, elen = 0;
    FILE *f = open_memstream(&out, &len), *e = open_memstream(&errs, &elen);
    if (!f || !e)
        abort();
    const char *paths[] = {FD_SOURCE_DIR "/fixtures/palmyra",
                           FD_SOURCE_DIR "/fixtures/beirut-2020"};
    int rc = fd_extract_stream(rules, paths, 2, NULL, f, e);
    fclose(f);
    fclose(e);
    // Failing, it says why: out of memory, as its status or as a document's error.
    if (rc < 0)
        EXPECT(rc == FD_ERR_NOMEM, "extract returned %d, not FD_ERR_NOMEM", rc);
    else if (rc > 0)
        EXPECT(strstr(errs, "out of memory") != NULL, "extract failed, but not for memory: %s",
               errs);
    free(errs);
    if (rc != 0) {
        free(out);
        return NULL;
    }
    return out;
}

/*
 * Fails every allocation of work in turn: each time, work must report an error
 * (NULL) or give exactly what it gives without failures. what names the work.
 */
static void every_allocation_fails_in_turn(const char *what, char *(*work)(const fd_ruleset *)) {
    fd_ruleset *rules = load_rules();
    made = 0;
    char *expected = work(rules);
    long total = made, from, to, errors = 0;
    if (!expected || total < 100) {
        fprintf(stderr, "test_chaos: %s without failures %s\n", what,
                expected ? "made too few allocations to test" : "failed");
        fprintf(stderr, "test_chaos: (%ld allocations)\n", total);
        exit(1);
    }
    chaos_range(total, &from, &to);
    for (long n = from; n < to; n++) {
        countdown = n;
        char *got = work(rules);
        countdown = -1;
        if (!got) {
            errors++;
            continue;
        }
        EXPECT(!strcmp(got, expected),
               "%s: allocation %ld of %ld failed, every call succeeded, and the output "
               "differs: something was lost without an error",
               what, n + 1, total);
        free(got);
    }
    printf("chaos: %ld allocations in %s; %ld failures reported as errors, %ld recovered "
           "in full\n",
           to - from, what, errors, to - from - errors);
    free(expected);
    fd_ruleset_free(rules);
}

// Loading a rule file: every failure is an error naming the file, or a full load.
static void every_allocation_of_a_rule_load_fails_in_turn(void) {
    const char *path = FD_SOURCE_DIR "/rules/claims.json";
    made = 0;
    fd_ruleset *whole = fd_ruleset_new();
    fd_error err;
    if (!whole || fd_ruleset_load_file(whole, path, &err) != 0)
        exit(1);
    long total = made, from, to;
    chaos_range(total, &from, &to);
    for (long n = from; n < to; n++) {
        countdown = n;
        fd_ruleset *rules = fd_ruleset_new();
        int rc = rules ? fd_ruleset_load_file(rules, path, &err) : FD_ERR_NOMEM;
        countdown = -1;
        if (rules)
            EXPECT(rc == 0 || (rc == FD_ERR_NOMEM && err.code == FD_ERR_NOMEM),
                   "allocation %ld of a rule load: it returned %d (%s)", n + 1, rc, err.text);
        fd_ruleset_free(rules);
    }
    fd_ruleset_free(whole);
}

/*
 * The names stage's table of distinct strings (names/intern.h): each allocation
 * of a table of 3,000 strings fails in turn. The add that meets the failure
 * says so and leaves the table as it was; added again, the string gets the id
 * it would have had, and the table ends whole: every string found at its id.
 */
static void every_allocation_of_a_string_table_fails_in_turn(void) {
    enum { N = 3000 };
    static char strs[N][16];
    for (int i = 0; i < N; i++)
        snprintf(strs[i], sizeof strs[i], "Name %d", i);
    made = 0;
    fdp_intern whole = {0};
    for (int i = 0; i < N; i++)
        if (fdp_intern_add(&whole, strs[i], NULL) != i)
            exit(1);
    fdp_intern_free(&whole);
    long total = made, from, to;
    chaos_range(total, &from, &to);
    for (long n = from; n < to; n++) {
        countdown = n;
        fdp_intern t = {0};
        int failed = 0;
        for (int i = 0; i < N; i++) {
            size_t before = t.n;
            long id = fdp_intern_add(&t, strs[i], NULL);
            if (id == FD_ERR_NOMEM) {
                failed++;
                EXPECT(t.n == before && fdp_intern_find(&t, strs[i]) == -1,
                       "string table, allocation %ld: a failed add changed the table", n + 1);
                id = fdp_intern_add(&t, strs[i], NULL);
            }
            EXPECT(id == i, "string table, allocation %ld: \"%s\" got id %ld, not %d", n + 1,
                   strs[i], id, i);
        }
        countdown = -1;
        EXPECT(failed == 1, "string table, allocation %ld: %d adds failed, not one", n + 1,
               failed);
        for (int i = 0; i < N; i++)
            EXPECT(fdp_intern_find(&t, strs[i]) == i,
                   "string table, allocation %ld: \"%s\" lost", n + 1, strs[i]);
        fdp_intern_free(&t);
    }
    printf("chaos: %ld allocations of a table of %d strings, each failure reported\n",
           to - from, N);
}

int main(void) {
    every_allocation_of_a_rule_load_fails_in_turn();
    every_allocation_of_a_string_table_fails_in_turn();
    every_allocation_fails_in_turn("a check of Palmyra", check_palmyra);
    every_allocation_fails_in_turn("a check of a fine in three currencies", check_fine);
    every_allocation_fails_in_turn("an extract of Palmyra and Beirut", extract_two_sets);
    return failures ? EXIT_FAILURE : EXIT_SUCCESS;
}
