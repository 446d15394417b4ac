/*
 * intern.c - the names stage's table of distinct strings (intern.h).
 */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "names/intern.h"

// FNV-1a's low bits alone spread short, similar names ("Raqa", "Raqqa") poorly:
// the slot is taken from the hash after a finaliser that mixes every bit down.
static size_t slot_of(uint32_t h, size_t cap) {
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    h ^= h >> 16;
    return h & (cap - 1);
}

// The slot holding s (hash h), or the empty slot where it would go.
static size_t probe(const fdp_intern *t, const char *s, uint32_t h) {
    size_t i = slot_of(h, t->cap);
    while (t->slots[i]) {
        uint32_t id = t->slots[i] - 1;
        if (t->hashes[id] == h && !strcmp(t->strs[id], s))
            break;
        i = (i + 1) & (t->cap - 1);
    }
    return i;
}

long fdp_intern_find(const fdp_intern *t, const char *s) {
    if (!t->cap)
        return -1;
    size_t i = probe(t, s, fdp_hash(s));
    return t->slots[i] ? (long)t->slots[i] - 1 : -1;
}

// Doubles the slots (64 at first) and places every id again.
static int grow_slots(fdp_intern *t) {
    size_t cap = t->cap ? 2 * t->cap : 64;
    uint32_t *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return FD_ERR_NOMEM;
    for (size_t id = 0; id < t->n; id++) {
        size_t i = slot_of(t->hashes[id], cap);
        while (slots[i])
            i = (i + 1) & (cap - 1);
        slots[i] = (uint32_t)id + 1;
    }
    free(t->slots);
    t->slots = slots;
    t->cap = cap;
    return 0;
}

// Room for one more id in strs and hashes; either may have moved when the
// other fails, and the table is still whole.
static int grow_ids(fdp_intern *t) {
    size_t capn = t->capn ? 2 * t->capn : 64;
    const char **strs = realloc(t->strs, capn * sizeof *strs);
    if (!strs)
        return FD_ERR_NOMEM;
    t->strs = strs;
    uint32_t *hashes = realloc(t->hashes, capn * sizeof *hashes);
    if (!hashes)
        return FD_ERR_NOMEM;
    t->hashes = hashes;
    t->capn = capn;
    return 0;
}

long fdp_intern_add(fdp_intern *t, const char *s, int *added) {
    uint32_t h = fdp_hash(s);
    if (added)
        *added = 0;
    if (t->cap) {
        size_t i = probe(t, s, h);
        if (t->slots[i])
            return (long)t->slots[i] - 1;
    }
    if (t->n >= UINT32_MAX - 1)
        return FD_ERR_NOMEM; // ids are 32 bits: no run names four billion names
    if ((t->n + 1) * 2 > t->cap && grow_slots(t) < 0)
        return FD_ERR_NOMEM;
    if (t->n == t->capn && grow_ids(t) < 0)
        return FD_ERR_NOMEM;
    size_t i = probe(t, s, h);
    t->strs[t->n] = s;
    t->hashes[t->n] = h;
    t->slots[i] = (uint32_t)++t->n;
    if (added)
        *added = 1;
    return (long)t->n - 1;
}

void fdp_intern_free(fdp_intern *t) {
    free(t->slots);
    free(t->strs);
    free(t->hashes);
    *t = (fdp_intern){0};
}

typedef struct ranked {
    const char *s;
    uint32_t id;
} ranked;

// strcmp order; the first bytes, which settle most pairs, compared without a call.
static int cmp_ranked(const void *a, const void *b) {
    const unsigned char *x = (const unsigned char *)((const ranked *)a)->s;
    const unsigned char *y = (const unsigned char *)((const ranked *)b)->s;
    if (*x != *y)
        return *x < *y ? -1 : 1;
    return strcmp((const char *)x, (const char *)y);
}

int fdp_intern_ranks(const fdp_intern *t, uint32_t *rank) {
    ranked *order = malloc((t->n + 1) * sizeof *order);
    if (!order)
        return FD_ERR_NOMEM;
    for (size_t id = 0; id < t->n; id++)
        order[id] = (ranked){t->strs[id], (uint32_t)id};
    if (t->n) // distinct strings: no two compare equal, the order is total
        qsort(order, t->n, sizeof *order, cmp_ranked);
    for (size_t i = 0; i < t->n; i++)
        rank[order[i].id] = (uint32_t)i;
    free(order);
    return 0;
}
