/*
 * fuzz_rules.c - rule loading on arbitrary bytes: the input is loaded as a rule
 * file; whatever loads is then used for a check of two short reports, so that a
 * strange but valid rule set is exercised too.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "factdiff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char path[64];
    snprintf(path, sizeof path, "/tmp/fd_fuzz_rules_%ld.json", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    fd_ruleset *rules = fd_ruleset_new();
    fd_error err;
    if (rules && fd_ruleset_load_file(rules, path, &err) == 0) {
        static const char a[] = "Jets bombed 120 targets near Palmyra, the ministry said.";
        static const char b[] = "About 117 targets were struck in 24 hours, officials said.";
        fd_run *r = fd_run_new(rules);
        if (r && fd_run_add_text(r, "a.txt", a, sizeof a - 1, NULL, "2016-03-27") == 0 &&
            fd_run_add_text(r, "b.txt", b, sizeof b - 1, NULL, "2016-03-27") == 0 &&
            fd_run_check(r, &err) == 0) {
            FILE *null = fopen("/dev/null", "w");
            if (null) {
                fd_run_write(r, FD_FORMAT_TEXT, null, FD_OPT_VERBOSE);
                fd_run_write(r, FD_FORMAT_JSON, null, 0);
                fclose(null);
            }
        }
        fd_run_free(r);
    }
    fd_ruleset_free(rules);
    unlink(path);
    return 0;
}
