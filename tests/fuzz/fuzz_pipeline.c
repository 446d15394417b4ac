/*
 * fuzz_pipeline.c - the whole pipeline on arbitrary bytes: read as a text
 * article, extract, compare against a fixed second article, write every report.
 * The first byte picks options (bit 0: give a date, bit 1: colour).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "factdiff.h"

static fd_ruleset *rules;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!rules) {
        rules = fd_ruleset_new();
        fd_ruleset_load_dir(rules, fd_default_rules_dir(), NULL);
    }
    unsigned opts = size ? data[0] : 0;
    fd_run *r = fd_run_new(rules);
    static const char other[] = "Jets bombed 120 targets near Palmyra, the ministry said.";
    fd_run_add_text(r, "other.txt", other, sizeof other - 1, NULL, "2016-03-27");
    fd_run_add_text(r, "fuzz.txt", (const char *)data, size, NULL,
                       (opts & 1) ? "2016-03-28" : NULL);
    if (fd_run_check(r, NULL) == 0) {
        FILE *null = fopen("/dev/null", "w");
        if (null) {
            fd_run_write(r, FD_FORMAT_TEXT, null, (opts & 2) ? FD_OPT_COLOR | FD_OPT_VERBOSE : 0);
            fd_run_write(r, FD_FORMAT_JSON, null, 0);
            fd_run_write(r, FD_FORMAT_HTML, null, 0);
            fclose(null);
        }
    }
    fd_run_free(r);
    return 0;
}
