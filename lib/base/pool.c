/*
 * pool.c - a string pool: each distinct string stored once, in large blocks,
 * until the pool is freed. A run keeps its claims' and mentions' strings here
 * once their documents are read: the same few thousand keys, labels and names
 * recur hundreds of thousands of times, and a string malloc'ed on its own costs
 * its header and its rounding besides (a third of a check's memory went there).
 */
#include <stdlib.h>

#include "base/base.h"

#define POOL_BLOCK (64 * 1024) /* a string longer than a quarter of this gets its own block */

typedef struct pool_block {
    struct pool_block *next;
    size_t used, cap;
    char bytes[];
} pool_block;

static pool_block *new_block(size_t cap, pool_block *next) {
    pool_block *b = malloc(sizeof *b + cap);
    if (b)
        *b = (pool_block){next, 0, cap};
    return b;
}

// Room for n bytes in the pool's blocks, or NULL.
static char *pool_room(fdp_pool *p, size_t n) {
    pool_block *b = p->blocks;
    if (n > POOL_BLOCK / 4) { // its own block, behind the current one
        pool_block *own = new_block(n, b ? b->next : NULL);
        if (!own)
            return NULL;
        if (b)
            b->next = own;
        else
            p->blocks = own;
        own->used = n;
        return own->bytes;
    }
    if (!b || b->cap - b->used < n) {
        b = new_block(POOL_BLOCK, p->blocks);
        if (!b)
            return NULL;
        p->blocks = b;
    }
    char *at = b->bytes + b->used;
    b->used += n;
    return at;
}

static bool pool_grow(fdp_pool *p) {
    size_t cap = p->slots ? (p->mask + 1) * 2 : 1024;
    const char **slots = calloc(cap, sizeof *slots);
    uint32_t *hashes = malloc(cap * sizeof *hashes);
    if (!slots || !hashes) {
        free(slots);
        free(hashes);
        return false;
    }
    for (size_t i = 0; p->slots && i <= p->mask; i++) {
        if (!p->slots[i])
            continue;
        size_t k = p->hashes[i] & (cap - 1);
        while (slots[k])
            k = (k + 1) & (cap - 1);
        slots[k] = p->slots[i];
        hashes[k] = p->hashes[i];
    }
    free(p->slots);
    free(p->hashes);
    p->slots = slots;
    p->hashes = hashes;
    p->mask = cap - 1;
    return true;
}

// The slot of s (hash h): where it is, or the empty slot where it would go.
static size_t pool_slot(const fdp_pool *p, const char *s, uint32_t h) {
    size_t k = h & p->mask;
    while (p->slots[k] && (p->hashes[k] != h || strcmp(p->slots[k], s) != 0))
        k = (k + 1) & p->mask;
    return k;
}

const char *fdp_pool_intern(fdp_pool *p, const char *s) {
    if (!s)
        return NULL;
    uint32_t h = fdp_hash(s);
    size_t k = p->slots ? pool_slot(p, s, h) : 0;
    if (p->slots && p->slots[k])
        return p->slots[k]; // found: no allocation, so a second intern of s cannot fail
    if ((p->used + 1) * 4 > (p->slots ? p->mask + 1 : 0) * 3) {
        if (!pool_grow(p))
            return NULL;
        k = pool_slot(p, s, h);
    }
    size_t n = strlen(s) + 1;
    char *copy = pool_room(p, n);
    if (!copy)
        return NULL;
    memcpy(copy, s, n);
    p->slots[k] = copy;
    p->hashes[k] = h;
    p->used++;
    return copy;
}

void fdp_pool_free(fdp_pool *p) {
    for (pool_block *b = p->blocks, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(p->slots);
    free(p->hashes);
    *p = (fdp_pool){0};
}
