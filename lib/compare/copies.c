/*
 * copies.c - finds documents that are copies of one wire text (the same
 * paragraphs with small edits), so that three reprints of one AFP story are
 * not counted as three independent confirmations.
 *
 * Each document is reduced to its hashed word 5-grams (shingles) of lowercased
 * words (SAMPLE_MOD could keep a fraction, but on short wire texts sampling
 * noise was larger than the margin between copies and non-copies). Five words
 * survive the small edits of a reprint ("said that", "has increased"); measured
 * on the gold sets, a reprint shares 22% of the smaller text, different stories
 * of one agency recycling background lines under 10%. An
 * inverted index from sampled shingle to documents gives candidate pairs
 * without comparing every pair; shingles found in very many documents
 * (boilerplate such as "Read more on") are skipped. Two documents are copies
 * when at least COPY_CONTAINMENT of the smaller one's shingles are in the other.
 */
#include <stdlib.h>
#include <string.h>

#include "compare/compare.h"

#define SHINGLE_WORDS 5
#define SAMPLE_MOD 1 /* every shingle: sampling noise exceeded the margin on short texts */
#define COPY_CONTAINMENT 0.18
#define MIN_SAMPLE 6          /* documents with fewer sampled shingles are not judged */
#define COMMON_SHINGLE_DOCS 50 /* a shingle in more documents is boilerplate */

/* 8 bytes: a run holds millions. A 32-bit hash is enough, since a chance
 * collision adds one shared shingle to a pair, far below the 18% that makes a
 * copy. */
typedef struct shingle {
    uint32_t hash;
    int doc;
} shingle;

static int cmp_shingle(const void *a, const void *b) {
    const shingle *x = a, *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    return x->doc - y->doc;
}

static bool word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c >= 0x80;
}

// Appends the sampled shingles of one document to *out; returns how many, or
// (size_t)-1 when out of memory.
static size_t shingles_of(const fdp_doc *d, int di, shingle **out, size_t *n, size_t *cap) {
    uint64_t words[SHINGLE_WORDS];
    size_t nw = 0, added = 0;
    for (size_t i = 0; i < d->len;) {
        while (i < d->len && !word_byte((unsigned char)d->text[i]))
            i++;
        if (i >= d->len)
            break;
        uint64_t h = 1469598103934665603ull; // FNV-1a 64 over the lowercased word
        for (; i < d->len && word_byte((unsigned char)d->text[i]); i++) {
            unsigned char c = (unsigned char)d->text[i];
            h = (h ^ (c >= 'A' && c <= 'Z' ? c + 32u : c)) * 1099511628211ull;
        }
        words[nw % SHINGLE_WORDS] = h;
        nw++;
        if (nw < SHINGLE_WORDS)
            continue;
        uint64_t s = 0;
        for (size_t k = 0; k < SHINGLE_WORDS; k++)
            s = (s ^ words[(nw + k) % SHINGLE_WORDS]) * 1099511628211ull + k;
        if (s % SAMPLE_MOD)
            continue;
        if (*n == *cap) {
            size_t nc = *cap ? *cap * 2 : 1024;
            shingle *p = realloc(*out, nc * sizeof *p);
            if (!p)
                return (size_t)-1;
            *out = p;
            *cap = nc;
        }
        (*out)[(*n)++] = (shingle){(uint32_t)(s ^ (s >> 32)), di};
        added++;
    }
    return added;
}

static int find(int *parent, int x) {
    while (parent[x] != x)
        x = parent[x] = parent[parent[x]];
    return x;
}

typedef struct pair_count {
    int a, b, shared;
} pair_count;

static int cmp_pair(const void *x, const void *y) {
    const pair_count *p = x, *q = y;
    return p->a != q->a ? p->a - q->a : p->b - q->b;
}

int fdp_find_copies(fd_run *r) {
    int rc = 0;
    size_t nd = r->ndocs, n = 0, cap = 0;
    shingle *sh = NULL;
    size_t *sample = calloc(nd + 1, sizeof *sample);
    int *parent = malloc(sizeof(int) * (nd + 1));
    if (!sample || !parent) {
        free(sample);
        free(parent);
        return FD_ERR_NOMEM;
    }
    for (size_t i = 0; i < nd; i++) {
        parent[i] = (int)i;
        r->docs[i]->copy_of = NULL;
        if (!r->docs[i]->skip && r->docs[i]->text)
            sample[i] = shingles_of(r->docs[i], (int)i, &sh, &n, &cap);
        if (sample[i] == (size_t)-1) {
            free(sh);
            free(sample);
            free(parent);
            return FD_ERR_NOMEM;
        }
    }
    if (n)
        qsort(sh, n, sizeof *sh, cmp_shingle);
    // Pairs of documents sharing a sampled shingle, one entry per shared shingle.
    pair_count *pairs = NULL;
    size_t np = 0, pcap = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && sh[j].hash == sh[i].hash)
            j++;
        if (j - i <= COMMON_SHINGLE_DOCS)
            for (size_t a = i; a < j; a++)
                for (size_t b = a + 1; b < j; b++) {
                    if (sh[a].doc == sh[b].doc)
                        continue;
                    if (np == pcap) {
                        size_t nc = pcap ? pcap * 2 : 256;
                        pair_count *p = realloc(pairs, nc * sizeof *p);
                        if (!p) {
                            rc = FD_ERR_NOMEM;
                            goto done;
                        }
                        pairs = p;
                        pcap = nc;
                    }
                    pairs[np++] = (pair_count){sh[a].doc, sh[b].doc, 1};
                }
        i = j;
    }
    if (np)
        qsort(pairs, np, sizeof *pairs, cmp_pair);
    for (size_t i = 0; i < np;) {
        size_t j = i;
        while (j < np && pairs[j].a == pairs[i].a && pairs[j].b == pairs[i].b)
            j++;
        size_t small = sample[pairs[i].a] < sample[pairs[i].b] ? sample[pairs[i].a]
                                                               : sample[pairs[i].b];
        if (small >= MIN_SAMPLE && (double)(j - i) >= COPY_CONTAINMENT * (double)small) {
            int ra = find(parent, pairs[i].a), rb = find(parent, pairs[i].b);
            if (ra != rb)
                parent[ra > rb ? ra : rb] = ra < rb ? ra : rb;
        }
        i = j;
    }
    // Each copy points at the first document of its group.
    for (size_t i = 0; i < nd; i++) {
        int root = find(parent, (int)i);
        if (root != (int)i)
            r->docs[i]->copy_of = r->docs[root];
    }
done:
    free(pairs);
    free(sh);
    free(sample);
    free(parent);
    return rc;
}
