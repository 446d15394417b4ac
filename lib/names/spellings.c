/*
 * spellings.c - the distinct spellings of a run's mentions (spellings.h), and
 * the counting sort that orders mentions by them.
 */
#include <stdlib.h>
#include <string.h>

#include "names/spellings.h"
#include "normalize/normalize.h"

int fdp_spellings_init(fdp_spellings *sp, const fd_ruleset *rules, fdp_mention *const *ms,
                       size_t n) {
    *sp = (fdp_spellings){.rules = rules, .of = malloc((n + 1) * sizeof *sp->of)};
    if (!sp->of)
        return FD_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        long id = fdp_intern_add(&sp->tab, ms[i]->surface, NULL);
        if (id < 0)
            return FD_ERR_NOMEM;
        sp->of[i] = (uint32_t)id;
    }
    size_t ns = sp->tab.n;
    sp->rank = malloc((ns + 1) * sizeof *sp->rank);
    sp->key = calloc(ns + 1, sizeof *sp->key);
    if (!sp->rank || !sp->key)
        return FD_ERR_NOMEM;
    return fdp_intern_ranks(&sp->tab, sp->rank);
}

const char *fdp_spelling_key(fdp_spellings *sp, uint32_t id) {
    if (!sp->key[id]) {
        const char *s = sp->tab.strs[id];
        sp->key[id] = fdp_name_key(sp->rules ? &sp->rules->name_keys : NULL, s, strlen(s), NULL);
    }
    return sp->key[id];
}

void fdp_spellings_free(fdp_spellings *sp) {
    for (size_t id = 0; sp->key && id < sp->tab.n; id++)
        free(sp->key[id]);
    free(sp->key);
    free(sp->rank);
    free(sp->of);
    fdp_intern_free(&sp->tab);
    *sp = (fdp_spellings){0};
}

int fdp_counting_sort(const size_t *in, size_t n, const uint32_t *key, size_t nkeys,
                      size_t *out) {
    size_t *start = calloc(nkeys + 1, sizeof *start);
    if (!start)
        return FD_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        start[key[in[i]] + 1]++;
    for (size_t k = 1; k <= nkeys; k++)
        start[k] += start[k - 1];
    for (size_t i = 0; i < n; i++)
        out[start[key[in[i]]]++] = in[i];
    free(start);
    return 0;
}
