/*
 * compare_bench.c - times the comparator on the claims of N synthetic articles
 * (default 25,000, 50,000 and 100,000), to show it groups by key rather than
 * comparing all pairs, and that memory grows linearly with the claims.
 *
 * Each article gets a date in one year, a source, and 10 claims drawn from 500
 * fact keys, 20 originators (or none), a window on some, and values spread
 * around each key's base value so that agreements, compatible figures,
 * conflicts and disputes all occur.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "compare/compare.h"

#define CLAIMS_PER_DOC 10
#define KEYS 500
#define ORIGINATORS 20

static unsigned long long rng = 88172645463325252ull;
static unsigned next_rand(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng >> 11);
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static long rss_kib(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static fd_run *synthesize(const fd_ruleset *rules, int ndocs) {
    static const char *const units[] = {"count", "count", "count", "percent", "days"};
    fd_run *r = fd_run_new(rules);
    r->doc_read = NULL; // claims made here: no document stages, nothing to the spill file
    for (int d = 0; d < ndocs; d++) {
        char path[32], date[16];
        snprintf(path, sizeof path, "synthetic/%06d.txt", d);
        fdp_doc *doc = fdp_run_new_doc(r, path);
        snprintf(date, sizeof date, "2020-%02u-%02u", 1 + next_rand() % 12, 1 + next_rand() % 28);
        doc->date = fdp_strdup(date);
        doc->source = fdp_strdup("synthetic");
        for (int k = 0; k < CLAIMS_PER_DOC; k++) {
            fdp_claim *c = fdp_doc_new_claim(doc);
            unsigned key = next_rand() % KEYS;
            char buf[64];
            snprintf(buf, sizeof buf, "class%u/pred%u/%s", key % 97, key, units[key % 5]);
            // (a claim's strings are its document's, as the frames keep them)
            c->key = fdp_arena_copy(&doc->claim_strings, buf);
            c->label = fdp_arena_copy(&doc->claim_strings, buf);
            c->unit = units[key % 5];
            double base = 10 + key * 7;
            double v = base * (0.9 + (next_rand() % 21) / 100.0);
            c->value.low = c->value.high = (double)(long)v;
            c->value.has_low = c->value.has_high = true;
            c->value.approx = next_rand() % 4 == 0;
            if (next_rand() % 3 == 0) {
                snprintf(buf, sizeof buf, "originator %u", next_rand() % ORIGINATORS);
                c->attribution = fdp_arena_copy(&doc->claim_strings, buf);
            }
            if (next_rand() % 5 == 0)
                c->window = fdp_arena_copy(&doc->claim_strings, "24 hours");
        }
        fdp_run_pool_doc(r, doc); // its strings in the run's pool, as a check's are
    }
    fdp_run_index(r);
    return r;
}

int main(int argc, char **argv) {
    int sizes[8] = {25000, 50000, 100000}, nsizes = 3;
    if (argc > 1) {
        nsizes = 0;
        for (int i = 1; i < argc && nsizes < 8; i++)
            sizes[nsizes++] = atoi(argv[i]);
    }
    fd_ruleset *rules = fd_ruleset_new();
    fd_ruleset_load_dir(rules, fd_default_rules_dir(), NULL);
    printf("%10s %10s %10s %10s %12s %14s\n", "articles", "claims", "findings", "seconds",
           "claims/s", "peak RSS MiB");
    for (int i = 0; i < nsizes; i++) {
        fd_run *r = synthesize(rules, sizes[i]);
        double t = now();
        int rc = fdp_assign_events(r);
        if (rc == 0)
            rc = fdp_judge(r);
        double dt = now() - t;
        printf("%10d %10zu %10zu %10.3f %12.0f %14.1f%s\n", sizes[i], r->nclaims, r->nfindings,
               dt, r->nclaims / dt, rss_kib() / 1024.0, rc ? "  (failed)" : "");
        fd_run_free(r);
    }
    fd_ruleset_free(rules);
    return 0;
}
