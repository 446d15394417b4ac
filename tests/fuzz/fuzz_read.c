/*
 * fuzz_read.c - the readers on arbitrary bytes: the input is written to a file
 * read as plain text, IPTC ninjs (.json) or JSON Lines (.jsonl), the first byte
 * choosing which; the run is checked, the same bytes are read as its
 * acknowledgement file (mostly refused: the reader must refuse them cleanly),
 * and every report written.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "factdiff.h"

static fd_ruleset *rules;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!rules) {
        rules = fd_ruleset_new();
        fd_ruleset_load_dir(rules, fd_default_rules_dir(), NULL);
    }
    static const char *const ext[] = {".txt", ".json", ".jsonl"};
    char path[64];
    snprintf(path, sizeof path, "/tmp/fd_fuzz_read_%ld%s", (long)getpid(),
             ext[size ? data[0] % 3 : 0]);
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    if (size > 1)
        fwrite(data + 1, 1, size - 1, f);
    fclose(f);
    fd_run *r = fd_run_new(rules);
    fd_error err;
    if (r && fd_run_add_path(r, path, NULL) >= 0 && fd_run_check(r, &err) == 0) {
        fd_run_read_acks(r, path, &err);
        FILE *null = fopen("/dev/null", "w");
        if (null) {
            fd_run_write(r, FD_FORMAT_TEXT, null, FD_OPT_VERBOSE);
            fd_run_write(r, FD_FORMAT_JSON, null, 0);
            fd_run_write(r, FD_FORMAT_HTML, null, 0);
            fd_run_write(r, FD_FORMAT_SARIF, null, 0);
            fd_run_write(r, FD_FORMAT_GITHUB, null, 0);
            fd_run_write_names(r, null);
            fclose(null);
        }
    }
    fd_run_free(r);
    unlink(path);
    return 0;
}
