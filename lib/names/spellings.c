/*
 * spellings.c - the distinct spellings of a run's mentions (spellings.h), and
 * the counting sort that orders mentions by them.
 */
#include <stdlib.h>
#include <string.h>

#include "names/spellings.h"
#include "normalize/normalize.h"

int fdp_spellings_init(fdp_spellings *sp, const fd_ruleset *rules, size_t n) {
    *sp = (fdp_spellings){.rules = rules, .of = malloc((n + 1) * sizeof *sp->of)};
    return sp->of ? 0 : FD_ERR_NOMEM;
}

// Room in sp->key for spelling id, the new room empty (no key computed yet).
static int key_room(fdp_spellings *sp, size_t id) {
    if (id < sp->capkey)
        return 0;
    size_t cap = sp->capkey ? 2 * sp->capkey : 256;
    char **key = realloc(sp->key, cap * sizeof *key);
    if (!key)
        return FD_ERR_NOMEM;
    memset(key + sp->capkey, 0, (cap - sp->capkey) * sizeof *key);
    sp->key = key;
    sp->capkey = cap;
    return 0;
}

long fdp_spellings_add(fdp_spellings *sp, size_t i, const char *surface) {
    long id = fdp_intern_add(&sp->tab, surface, NULL);
    if (id < 0 || key_room(sp, (size_t)id) < 0)
        return FD_ERR_NOMEM; // a new spelling without room for its key: not counted
    sp->of[i] = (uint32_t)id;
    return id;
}

int fdp_spellings_rank(fdp_spellings *sp) {
    sp->rank = malloc((sp->tab.n + 1) * sizeof *sp->rank);
    return sp->rank ? fdp_intern_ranks(&sp->tab, sp->rank) : FD_ERR_NOMEM;
}

const char *fdp_spelling_key(fdp_spellings *sp, uint32_t id) {
    if (!sp->key[id]) {
        const char *s = sp->tab.strs[id];
        sp->key[id] = fdp_name_key(sp->rules ? &sp->rules->name_keys : NULL, s, strlen(s), NULL);
    }
    return sp->key[id];
}

void fdp_spellings_free(fdp_spellings *sp) {
    for (size_t id = 0; id < sp->capkey; id++) // the room past the spellings is NULL
        free(sp->key[id]);
    free(sp->key);
    free(sp->rank);
    free(sp->of);
    fdp_intern_free(&sp->tab);
    *sp = (fdp_spellings){0};
}

int fdp_counting_sort(const uint32_t *in, size_t n, const uint32_t *key, size_t nkeys,
                      uint32_t *out) {
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
