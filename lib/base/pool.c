/*
 * pool.c - a string pool: each distinct string stored once, in large blocks,
 * until the pool is freed. A run keeps its claims' and mentions' strings here
 * once their documents are read: the same few thousand keys, labels and names
 * recur hundreds of thousands of times, and a string malloc'ed on its own costs
 * its header and its rounding besides (a third of a check's memory went there).
 * Its blocks are an arena's, which a document's claims use on their own for
 * their strings until the run pools them.
 */
#include <stdlib.h>

#include "base/base.h"

#define POOL_BLOCK (64 * 1024) /* a string longer than a quarter of this gets its own block */
#define FIRST_BLOCK 1024        /* an arena's first: a document's claims need a few hundred
                                   bytes, and a watch keeps thousands of documents */

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

// Room for n bytes in the arena's blocks, or NULL.
static char *arena_room(fdp_arena *a, size_t n) {
    pool_block *b = a->blocks;
    if (n > POOL_BLOCK / 4) { // its own block, behind the current one
        pool_block *own = new_block(n, b ? b->next : NULL);
        if (!own)
            return NULL;
        if (b)
            b->next = own;
        else
            a->blocks = own;
        own->used = n;
        return own->bytes;
    }
    if (!b || b->cap - b->used < n) {
        // each block twice the last, up to POOL_BLOCK: few blocks for a pool
        size_t cap = !b ? FIRST_BLOCK : b->cap < POOL_BLOCK / 2 ? 2 * b->cap : POOL_BLOCK;
        b = new_block(cap < n ? n : cap, a->blocks);
        if (!b)
            return NULL;
        a->blocks = b;
    }
    char *at = b->bytes + b->used;
    b->used += n;
    return at;
}

char *fdp_arena_copy_n(fdp_arena *a, const char *s, size_t n) {
    char *copy = arena_room(a, n + 1);
    if (copy) {
        memcpy(copy, s, n);
        copy[n] = '\0';
    }
    return copy;
}

char *fdp_arena_copy(fdp_arena *a, const char *s) {
    return s ? fdp_arena_copy_n(a, s, strlen(s)) : NULL;
}

static void free_blocks(pool_block *b) {
    for (pool_block *next; b; b = next) {
        next = b->next;
        free(b);
    }
}

void fdp_arena_clear(fdp_arena *a) {
    pool_block *keep = a->blocks;
    if (!keep)
        return;
    if (keep->cap > POOL_BLOCK) { // one long string's: not worth keeping
        fdp_arena_free(a);
        return;
    }
    free_blocks(keep->next);
    keep->next = NULL;
    keep->used = 0;
}

void fdp_arena_free(fdp_arena *a) {
    free_blocks(a->blocks);
    a->blocks = NULL;
}

static bool pool_grow(fdp_pool *p) {
    size_t cap = p->slots ? (p->mask + 1) * 2 : 1024;
    const char **slots = calloc(cap, sizeof *slots);
    uint64_t *tags = malloc(cap * sizeof *tags);
    if (!slots || !tags) {
        free(slots);
        free(tags);
        return false;
    }
    for (size_t i = 0; p->slots && i <= p->mask; i++) {
        if (!p->slots[i])
            continue;
        size_t k = p->tags[i] & (cap - 1);
        while (slots[k])
            k = (k + 1) & (cap - 1);
        slots[k] = p->slots[i];
        tags[k] = p->tags[i];
    }
    free(p->slots);
    free(p->tags);
    p->slots = slots;
    p->tags = tags;
    p->mask = cap - 1;
    return true;
}

static uint64_t load64(const char *s) {
    uint64_t w;
    memcpy(&w, s, sizeof w);
    return w;
}

static uint64_t load32(const char *s) {
    uint32_t w;
    memcpy(&w, s, sizeof w);
    return w;
}

/* The pool's hash of n bytes, eight at a time, the last eight (or fewer) read
 * in one or two loads that may overlap the ones before: the pool's own hash,
 * its strings are found by it and by nothing else. FNV-1a a byte at a time
 * was a third of interning a claim's strings. */
static uint32_t bytes_hash(const char *s, size_t n) {
    const uint64_t mul = 0x9e3779b97f4a7c15ull;
    uint64_t h = (n + 1) * mul, w;
    if (n >= 8) {
        for (size_t i = 0; i + 8 < n; i += 8) {
            h = (h ^ load64(s + i)) * mul;
            h ^= h >> 29;
        }
        w = load64(s + n - 8);
    } else if (n >= 4)
        w = load32(s) | load32(s + n - 4) << 32;
    else if (n > 0)
        w = (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << 8 |
            (uint64_t)(unsigned char)s[n - 1] << 16;
    else
        w = 0;
    h = (h ^ w) * mul;
    h ^= h >> 32;
    h *= mul;
    return (uint32_t)(h >> 32);
}

// The tag of n bytes of hash h: the hash, and the length above it.
static inline uint64_t tag_of(uint32_t h, size_t n) { return (uint64_t)n << 32 | h; }

// The slot of the n bytes at s (tag t): where they are, or the empty slot
// where they would go. The tag first: a string is compared only with its
// likely equal, of its length, so by memcmp, which reads no byte past either.
static inline __attribute__((always_inline)) size_t
pool_slot(const fdp_pool *p, const char *s, size_t n, uint64_t t) {
    size_t k = t & p->mask;
    while (p->slots[k] && (p->tags[k] != t || memcmp(p->slots[k], s, n) != 0))
        k = (k + 1) & p->mask;
    return k;
}

const char *fdp_pool_intern_n(fdp_pool *p, const char *s, size_t n) {
    if (!s)
        return NULL;
    if (n >= UINT32_MAX) // (the tag holds 32 bits of length)
        return NULL;
    uint64_t t = tag_of(bytes_hash(s, n), n);
    size_t k = p->slots ? pool_slot(p, s, n, t) : 0;
    if (p->slots && p->slots[k])
        return p->slots[k]; // found: no allocation, so a second intern of s cannot fail
    if ((p->used + 1) * 4 > (p->slots ? p->mask + 1 : 0) * 3) {
        if (!pool_grow(p))
            return NULL;
        k = pool_slot(p, s, n, t);
    }
    char *copy = fdp_arena_copy_n(&p->bytes, s, n);
    if (!copy)
        return NULL;
    p->slots[k] = copy;
    p->tags[k] = t;
    p->used++;
    return copy;
}

const char *fdp_pool_intern(fdp_pool *p, const char *s) {
    return s ? fdp_pool_intern_n(p, s, strlen(s)) : NULL;
}

void fdp_pool_free(fdp_pool *p) {
    fdp_arena_free(&p->bytes);
    free(p->slots);
    free(p->tags);
    *p = (fdp_pool){0};
}
