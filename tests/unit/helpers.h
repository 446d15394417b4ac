/*
 * helpers.h - shared by the unit tests: rules, runs over texts, and lookups,
 * all through the public read API. Tests of one internal module include that
 * module's header themselves.
 */
#ifndef FD_TEST_HELPERS_H
#define FD_TEST_HELPERS_H

#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "factdiff.h"
#include "model/model.h"

#ifndef FD_SOURCE_DIR
#define FD_SOURCE_DIR "."
#endif

static inline fd_ruleset *test_rules(void) {
    fd_ruleset *r = fd_ruleset_new();
    fd_error err = {0};
    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(fd_ruleset_load_dir(r, FD_SOURCE_DIR "/rules", &err), 0);
    return r;
}

/* A report over the given texts (one document each), already run. */
static inline fd_run *run_texts(fd_ruleset *rules, const char *const *texts, int n,
                                   const char *const *dates) {
    fd_run *r = fd_run_new(rules);
    for (int i = 0; i < n; i++) {
        char name[32];
        snprintf(name, sizeof name, "doc%d.txt", i + 1);
        ck_assert_int_eq(fd_run_add_text(r, name, texts[i], strlen(texts[i]), NULL,
                                            dates ? dates[i] : NULL),
                         0);
    }
    fd_error err;
    ck_assert_int_eq(fd_run_check(r, &err), 0);
    return r;
}

/* The claim whose text is exactly `text` (in document doc, or any if doc < 0). */
static inline const fd_claim *claim_with_text(const fd_run *r, int doc, const char *text) {
    for (size_t d = 0; d < fd_run_doc_count(r); d++) {
        const fd_doc *dd = fd_run_doc(r, d);
        for (size_t i = 0; (doc < 0 || (size_t)doc == d) && i < fd_doc_claim_count(dd); i++) {
            const fd_claim *c = fd_doc_claim(dd, i);
            size_t n;
            const char *t = fd_claim_text(c, &n);
            if (n == strlen(text) && !memcmp(t, text, n))
                return c;
        }
    }
    return NULL;
}

/* True if some claim's span overlaps the first occurrence of `text`. */
static inline bool covered(const fd_run *r, int doc, const char *text) {
    const fd_doc *d = fd_run_doc(r, (size_t)doc);
    const char *body = fd_doc_text(d, NULL);
    const char *at = strstr(body, text);
    ck_assert_msg(at != NULL, "test text '%s' not in the document", text);
    size_t s = (size_t)(at - body), e = s + strlen(text);
    for (size_t i = 0; i < fd_doc_claim_count(d); i++) {
        fd_span sp = fd_claim_span(fd_doc_claim(d, i));
        if (sp.byte_off < e && s < sp.byte_off + sp.len)
            return true;
    }
    return false;
}

/* The first finding on key, or NULL. */
static inline const fd_finding *finding_for(const fd_run *r, const char *key) {
    for (size_t i = 0; i < fd_run_finding_count(r); i++)
        if (!strcmp(fd_finding_key(fd_run_finding(r, i)), key))
            return fd_run_finding(r, i);
    return NULL;
}

/* The first finding of a kind, or NULL. */
static inline const fd_finding *finding_of_kind(const fd_run *r, fd_kind kind) {
    for (size_t i = 0; i < fd_run_finding_count(r); i++)
        if (fd_finding_kind(fd_run_finding(r, i)) == kind)
            return fd_run_finding(r, i);
    return NULL;
}

#define NONE NAN
/* Asserts the interval of a claim: NAN means "no bound on that side". */
static inline void check_interval(const fd_claim *claim, double low, double high,
                                  bool low_open, bool approx, bool vague) {
    ck_assert_ptr_nonnull(claim);
    fd_interval v = fd_claim_value(claim);
    if (isnan(low))
        ck_assert(!v.has_low);
    else {
        ck_assert(v.has_low);
        ck_assert_double_eq_tol(v.low, low, 1e-9);
    }
    if (isnan(high))
        ck_assert(!v.has_high);
    else {
        ck_assert(v.has_high);
        ck_assert_double_eq_tol(v.high, high, 1e-9);
    }
    ck_assert_int_eq(v.low_open, low_open);
    ck_assert_int_eq(v.approx, approx);
    ck_assert_int_eq(v.vague, vague);
}

#define RUN_SUITE(make)                                                                    \
    int main(void) {                                                                       \
        SRunner *sr = srunner_create(make());                                              \
        srunner_run_all(sr, CK_NORMAL);                                                    \
        int failed = srunner_ntests_failed(sr);                                            \
        srunner_free(sr);                                                                  \
        return failed ? EXIT_FAILURE : EXIT_SUCCESS;                                       \
    }

#endif
