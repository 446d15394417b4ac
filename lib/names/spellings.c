/*
 * spellings.c - the distinct spellings of a run's mentions (spellings.h), and
 * a counting sort of integer keys.
 */
#include <stdlib.h>
#include <string.h>

#include "names/spellings.h"

void fdp_spellings_init(fdp_spellings *sp, const fd_ruleset *rules) {
    *sp = (fdp_spellings){.rules = rules, .keys = rules ? &rules->name_keys : NULL};
    if (sp->keys && sp->keys->loaded)
        fdp_index_spellings(sp->keys, &sp->ix);
}

// Room in sp->key and sp->pooled for spelling id, the new room empty (no key
// computed yet). Both grow alike from one room, kept in sp->capkey; key may
// have grown when pooled fails.
static int key_room(fdp_spellings *sp, size_t id) {
    if (id < sp->capkey)
        return 0; // (nearly every mention's spelling is an old one: no call)
    size_t keys = sp->capkey, pooled = sp->capkey;
    if (!FDP_ROOM(sp->key, keys, id + 1) || !FDP_ROOM(sp->pooled, pooled, id + 1))
        return FD_ERR_NOMEM;
    sp->capkey = keys;
    return 0;
}

// The slot of surface s among the seen ones: where it is, or the empty slot
// where it would go. The address is mixed (its low bits are the pool's
// alignment) and its high bits taken.
static size_t seen_slot(const fdp_spellings *sp, const char *s) {
    uint64_t h = (uint64_t)(uintptr_t)s * 0x9E3779B97F4A7C15u;
    size_t i = (size_t)(h >> 32) & (sp->capseen - 1);
    while (sp->seen[i] && sp->seen[i] != s)
        i = (i + 1) & (sp->capseen - 1);
    return i;
}

// Doubles the seen surfaces' slots (256 at first), placing each again.
static int grow_seen(fdp_spellings *sp) {
    fdp_spellings old = *sp;
    sp->capseen = old.capseen ? 2 * old.capseen : 256;
    sp->seen = calloc(sp->capseen, sizeof *sp->seen);
    sp->seen_id = malloc(sp->capseen * sizeof *sp->seen_id);
    if (!sp->seen || !sp->seen_id) {
        free(sp->seen);
        free(sp->seen_id);
        sp->seen = old.seen, sp->seen_id = old.seen_id, sp->capseen = old.capseen;
        return FD_ERR_NOMEM;
    }
    for (size_t k = 0; k < old.capseen; k++)
        if (old.seen[k]) {
            size_t i = seen_slot(sp, old.seen[k]);
            sp->seen[i] = old.seen[k];
            sp->seen_id[i] = old.seen_id[k];
        }
    free(old.seen);
    free(old.seen_id);
    return 0;
}

// The spelling id of a pooled surface: by its address when seen before, else
// by its bytes (tab), then remembered by its address. Returns FD_ERR_NOMEM.
static long pooled_id(fdp_spellings *sp, const char *surface) {
    if ((sp->nseen + 1) * 2 > sp->capseen && grow_seen(sp) < 0)
        return FD_ERR_NOMEM;
    size_t i = seen_slot(sp, surface);
    if (sp->seen[i])
        return sp->seen_id[i];
    long id = fdp_intern_add(&sp->tab, surface, NULL);
    if (id >= 0) {
        sp->seen[i] = surface;
        sp->seen_id[i] = (uint32_t)id;
        sp->nseen++;
    }
    return id;
}

long fdp_spellings_add(fdp_spellings *sp, const char *surface, bool pooled) {
    long id = pooled ? pooled_id(sp, surface) : fdp_intern_add(&sp->tab, surface, NULL);
    if (id < 0 || key_room(sp, (size_t)id) < 0)
        return FD_ERR_NOMEM; // a new spelling without room for its key: not counted
    return id;
}

long fdp_spellings_find(const fdp_spellings *sp, const char *surface, bool pooled) {
    if (pooled && sp->capseen) {
        size_t i = seen_slot(sp, surface);
        if (sp->seen[i])
            return sp->seen_id[i];
    }
    return fdp_intern_find(&sp->tab, surface);
}

int fdp_spellings_rank(fdp_spellings *sp) {
    free(sp->rank);
    sp->rank = malloc((sp->tab.n + 1) * sizeof *sp->rank);
    return sp->rank ? fdp_intern_ranks(&sp->tab, sp->rank) : FD_ERR_NOMEM;
}

char *fdp_spellings_make_key(const fdp_spellings *sp, const char *s, size_t len) {
    return fdp_name_key_indexed(sp->keys, &sp->ix, s, len, NULL);
}

const char *fdp_spelling_key(fdp_spellings *sp, uint32_t id) {
    if (!sp->key[id]) {
        const char *s = sp->tab.strs[id];
        sp->key[id] = fdp_spellings_make_key(sp, s, strlen(s));
    }
    return sp->key[id];
}

const char *fdp_spelling_pooled_key(fdp_spellings *sp, uint32_t id, fdp_pool *pool) {
    if (!sp->pooled[id]) {
        const char *key = fdp_spelling_key(sp, id);
        sp->pooled[id] = key ? fdp_pool_intern(pool, key) : NULL;
    }
    return sp->pooled[id];
}

void fdp_spellings_free(fdp_spellings *sp) {
    for (size_t id = 0; id < sp->capkey; id++) // the room past the spellings is NULL
        free(sp->key[id]);
    free(sp->key);
    free(sp->pooled);
    free(sp->seen);
    free(sp->seen_id);
    free(sp->rank);
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
