/*
 * fuzz_read.c - the readers on arbitrary bytes: the input is written to a file
 * read as plain text, IPTC ninjs (.json) or JSON Lines (.jsonl), the first byte
 * choosing which; the run is checked, the same bytes are read as its
 * acknowledgement file (mostly refused: the reader must refuse them cleanly),
 * and every report written. Each line is also read by the lite ninjs reader
 * and by jansson: whatever the lite reader takes on must be what jansson reads.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <string.h>

#include <jansson.h>

#include "factdiff.h"
#include "read/read.h"

static fd_ruleset *rules;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

// The lite reader against jansson on one line: abort() on any difference.
static void compare_readers(const char *line, size_t n) {
    static const char *const names[FDP_NINJS_FIELDS] = {"body_text", "headline",
                                                        "versioncreated", "firstcreated",
                                                        "copyrightholder"};
    static const char *const complex[] = {"bodies", "headlines", "infosource", "infosources",
                                          NULL};
    fdp_ninjs_lite f = {.names = names, .complex = complex};
    if (fdp_ninjs_lite_read(line, n, &f) == 1) {
        json_t *o = json_loadb(line, n, 0, NULL);
        if (!json_is_object(o))
            abort();
        for (int k = 0; k < FDP_NINJS_FIELDS; k++) {
            json_t *v = json_object_get(o, names[k]);
            if (f.has[k] != (v != NULL) ||
                (v && (!json_is_string(v) || json_string_length(v) != f.field[k].len ||
                       memcmp(json_string_value(v), f.field[k].data, f.field[k].len))))
                abort();
        }
        for (int k = 0; complex[k]; k++)
            if (json_object_get(o, complex[k]))
                abort();
        json_decref(o);
    }
    fdp_ninjs_lite_free(&f);
}

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
    for (size_t i = 1, start = 1; i <= size; i++)
        if (i == size || data[i] == '\n') {
            compare_readers((const char *)data + start, i - start);
            start = i + 1;
        }
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
