/* helpers.h - shared by the unit tests: rules, one-document reports, lookups. */
#ifndef FD_TEST_HELPERS_H
#define FD_TEST_HELPERS_H

#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

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
static inline fd_report *run_texts(fd_ruleset *rules, const char *const *texts, int n,
                                   const char *const *dates) {
    fd_report *r = fd_report_new(rules);
    for (int i = 0; i < n; i++) {
        char name[32];
        snprintf(name, sizeof name, "doc%d.txt", i + 1);
        ck_assert_int_eq(fd_report_add_text(r, name, texts[i], strlen(texts[i]), NULL,
                                            dates ? dates[i] : NULL),
                         0);
    }
    fd_error err = {0};
    ck_assert_int_eq(fd_report_run(r, &err), 0);
    return r;
}

/* The claim whose text is exactly `text` (in document doc, or any if doc < 0). */
static inline const fdp_claim *claim_with_text(const fd_report *r, int doc, const char *text) {
    for (size_t i = 0; i < r->nclaims; i++) {
        const fdp_claim *c = &r->claims[i];
        const fdp_doc *d = &r->docs[c->doc];
        if ((doc < 0 || c->doc == doc) && c->end - c->start == strlen(text) &&
            !memcmp(d->text + c->start, text, c->end - c->start))
            return c;
    }
    return NULL;
}

/* True if some claim's span overlaps the first occurrence of `text`. */
static inline bool covered(const fd_report *r, int doc, const char *text) {
    const fdp_doc *d = &r->docs[doc];
    const char *at = strstr(d->text, text);
    ck_assert_msg(at != NULL, "test text '%s' not in the document", text);
    size_t s = (size_t)(at - d->text), e = s + strlen(text);
    for (size_t i = 0; i < r->nclaims; i++)
        if (r->claims[i].doc == doc && r->claims[i].start < e && s < r->claims[i].end)
            return true;
    return false;
}

#define NONE NAN
/* Asserts the interval of a claim: NAN means "no bound on that side". */
static inline void check_interval(const fdp_claim *c, double low, double high, bool low_open,
                                  bool approx, bool vague) {
    ck_assert_ptr_nonnull(c);
    if (isnan(low))
        ck_assert(!c->value.has_low);
    else {
        ck_assert(c->value.has_low);
        ck_assert_double_eq_tol(c->value.low, low, 1e-9);
    }
    if (isnan(high))
        ck_assert(!c->value.has_high);
    else {
        ck_assert(c->value.has_high);
        ck_assert_double_eq_tol(c->value.high, high, 1e-9);
    }
    ck_assert_int_eq(c->value.low_open, low_open);
    ck_assert_int_eq(c->value.approx, approx);
    ck_assert_int_eq(c->value.vague, vague);
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
