/*
 * stage_bench.c - the stages' own throughput on a corpus file (one ninjs
 * article per line, as make bench builds it), without reading or writing JSON:
 * the extractor (claims and their frames, 500 articles at a time, so memory
 * stays flat), fd_fold_text over each article (punctuation table, NFKC case
 * folding), and the names pass (mentions and clusters) over 500 articles.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "extract/extractor.h"
#include "names/names.h"

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

// A run whose documents go through no stage as they are read (and keep their
// texts, claims and mentions): the stages timed here are run by hand.
static fd_run *by_hand(const fd_ruleset *rules) {
    fd_run *r = fd_run_new(rules);
    if (r)
        r->doc_read = NULL;
    return r;
}

// False, said on stderr, when a document of r went through its stages or let
// its text go as it was read: the timing would time nothing.
static bool untouched(const fd_run *r) {
    for (size_t i = 0; i < r->ndocs; i++)
        if (r->docs[i]->staged || !r->docs[i]->text) {
            fprintf(stderr, "stage_bench: documents were staged as they were read\n");
            return false;
        }
    return true;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: stage_bench CORPUS.jsonl [extract]\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    // Load every article body first, so that only normalising is timed.
    char **bodies = NULL;
    size_t n = 0, cap = 0, bytes = 0;
    char *line = NULL;
    size_t lcap = 0;
    while (getline(&line, &lcap, f) > 0) {
        json_t *o = json_loads(line, 0, NULL);
        const char *b = json_string_value(json_object_get(o, "body_text"));
        if (b) {
            if (n == cap) {
                cap = cap ? cap * 2 : 1024;
                bodies = realloc(bodies, cap * sizeof *bodies);
            }
            bodies[n++] = fdp_strdup(b);
            bytes += strlen(b);
        }
        json_decref(o);
    }
    free(line);
    fclose(f);

    fd_ruleset *rules = fd_ruleset_new();
    fd_ruleset_load_dir(rules, fd_default_rules_dir(), NULL);

    // The extractor alone, in batches of 500 articles.
    double t = now(), spent = 0;
    size_t claims = 0;
    fdp_extractor *x = fdp_extractor_new(rules, NULL);
    fdp_doc_tokens toks = {0};
    for (size_t from = 0; x && from < n; from += 500) {
        fd_run *r = by_hand(rules);
        for (size_t i = from; i < n && i < from + 500; i++)
            fd_run_add_text(r, "bench.txt", bodies[i], strlen(bodies[i]), NULL, "2016-03-29");
        if (!untouched(r))
            return 1;
        double t0 = now();
        // As `extract` does: only paragraphs that may hold a claim are tokenized.
        for (size_t i = 0; i < r->ndocs; i++) {
            fdp_tokenize_doc(rules, r->docs[i], fdp_extract_may_hold, x, &toks);
            fdp_extract_doc(x, r->docs[i], &toks);
            claims += r->docs[i]->nclaims;
        }
        spent += now() - t0;
        fd_run_free(r);
    }
    fdp_extractor_free(x);
    printf("%-52s %8.3f s %8.1f MB/s (%zu claims)\n",
           "extractor: numbers, intervals, frames", spent, bytes / 1e6 / spent, claims);
    if (argc > 2 && !strcmp(argv[2], "extract")) { // profile the extractor alone
        fdp_doc_tokens_free(&toks);
        fd_ruleset_free(rules);
        for (size_t i = 0; i < n; i++)
            free(bodies[i]);
        free(bodies);
        return 0;
    }

    t = now();
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = 0;
        char *folded = fd_fold_text(bodies[i], strlen(bodies[i]), &len, NULL);
        out += len;
        fd_free(folded);
    }
    double dt = now() - t;
    printf("%-52s %8.3f s %8.1f MB/s\n", "fd_fold_text (punctuation table + NFKC_Casefold)", dt,
           bytes / 1e6 / dt);

    size_t batch = n < 500 ? n : 500, bbytes = 0;
    fd_run *r = by_hand(rules);
    for (size_t i = 0; i < batch; i++) {
        fd_run_add_text(r, "bench.txt", bodies[i], strlen(bodies[i]), NULL, NULL);
        bbytes += strlen(bodies[i]);
    }
    if (!untouched(r))
        return 1;
    t = now();
    for (size_t i = 0; i < r->ndocs; i++) {
        fdp_tokenize_doc(rules, r->docs[i], NULL, NULL, &toks);
        fdp_find_mentions(rules, r->docs[i], &toks);
    }
    fdp_run_index(r);
    fdp_cluster_names(r);
    dt = now() - t;
    printf("%-52s %8.3f s %8.1f MB/s (%zu mentions)\n", "names: mentions and clusters, 500 articles",
           dt, bbytes / 1e6 / dt, r->nmentions);
    fd_run_free(r);
    fdp_doc_tokens_free(&toks);
    fd_ruleset_free(rules);
    for (size_t i = 0; i < n; i++)
        free(bodies[i]);
    free(bodies);
    return out ? 0 : 1;
}
