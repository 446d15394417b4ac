/* fuzz_normalize.c - folding, name canonicalisation and name keys on arbitrary bytes. */
#include <stdint.h>
#include <stdlib.h>

#include "factdiff.h"

static fd_ruleset *rules;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!rules) {
        rules = fd_ruleset_new();
        fd_ruleset_load_dir(rules, fd_default_rules_dir(), NULL);
    }
    size_t n = 0;
    char *folded = fd_fold_text((const char *)data, size, &n, NULL);
    fd_free(folded);
    char *name = fd_normalize_name(rules, (const char *)data, size, NULL);
    fd_free(name);
    // Name keys with the rules' tables and without any.
    char *key = fd_name_key(rules, (const char *)data, size, NULL);
    fd_free(key);
    key = fd_name_key(NULL, (const char *)data, size, NULL);
    fd_free(key);
    return 0;
}
