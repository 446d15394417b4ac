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
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "compare/compare.h"

#define SHINGLE_WORDS 5
#define SAMPLE_MOD 1 /* every shingle: sampling noise exceeded the margin on short texts */
#define COPY_CONTAINMENT 0.18
#define MIN_SAMPLE 6          /* documents with fewer sampled shingles are not judged */
#define COMMON_SHINGLE_DOCS 50 /* a shingle in more documents is boilerplate */

/* Shingles are judged a part at a time, so that a part, not the feed, is held
 * with its documents and its sort's scratch: the part is the top PART_BITS bits
 * of the hash (few parts: each document has a run in each). */
#define PART_BITS 4
#define PARTS (1u << PART_BITS)

/* 8 bytes: a run holds millions. A 32-bit hash is enough, since a chance
 * collision adds one shared shingle to a pair, far below the 18% that makes a
 * copy. */
typedef struct shingle {
    uint32_t hash;
    int doc;
} shingle;

/* Sorts the shingles of one part by hash, keeping the order of equal hashes
 * (least significant digit first, two digits of SORT_BITS below the part's
 * bits): since each document's shingles are gathered after the last one's,
 * equal hashes stay in document order. Each pass moves them between sh and tmp
 * (n each); returns the one that holds them sorted. Linear, where qsort was a
 * fifth of a check. */
#define SORT_BITS ((32 - PART_BITS) / 2)
_Static_assert(2 * SORT_BITS == 32 - PART_BITS, "SORT_BITS: two digits below the part bits");

static shingle *sort_shingles(shingle *sh, shingle *tmp, size_t n) {
    uint32_t count[(1u << SORT_BITS) + 1];
    const uint32_t digit = (1u << SORT_BITS) - 1;
    for (int shift = 0; shift < 2 * SORT_BITS && n > 1; shift += SORT_BITS) {
        memset(count, 0, sizeof count);
        for (size_t i = 0; i < n; i++)
            count[((sh[i].hash >> shift) & digit) + 1]++;
        for (uint32_t b = 0; b < digit; b++)
            count[b + 1] += count[b];
        for (size_t i = 0; i < n; i++)
            tmp[count[(sh[i].hash >> shift) & digit]++] = sh[i];
        shingle *t = sh;
        sh = tmp;
        tmp = t;
    }
    return sh;
}

/* Each byte as shingles hash it: ASCII letters lowercased, digits and any
 * byte of a UTF-8 sequence as they are; 0 for the bytes between words. */
static void fill_word_bytes(unsigned char wb[256]) {
    for (int c = 0; c < 256; c++)
        wb[c] = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80 ? (unsigned char)c
                : c >= 'A' && c <= 'Z'                                       ? (unsigned char)(c + 32)
                                                                             : 0;
}

/* The shingles of every document, by part: each part's hashes (4 bytes each: a
 * check holds one per word of the feed) in document order, and the runs that
 * say whose they are, so that a part is read in one sequential sweep. */
typedef struct doc_run {
    uint32_t doc, count;
} doc_run;

typedef struct part_shingles {
    uint32_t *hash;
    size_t n, cap;
    doc_run *runs;
    size_t nruns, capruns;
} part_shingles;

typedef struct doc_shingles {
    part_shingles part[PARTS];
} doc_shingles;

static unsigned part_of(uint32_t h) { return h >> (32 - PART_BITS); }

// Grows *arr (of *cap elements of elem bytes) by half, for one more; false when out of memory.
static bool grow_half(void **arr, size_t *cap, size_t elem, size_t first) {
    size_t nc = *cap ? *cap + *cap / 2 : first; // 1.5x: less room left unused
    void *p = realloc(*arr, nc * elem);
    if (!p)
        return false;
    *arr = p;
    *cap = nc;
    return true;
}

// One more shingle, hash h, of document doc.
static bool push_hash(doc_shingles *s, uint32_t h, uint32_t doc) {
    part_shingles *p = &s->part[part_of(h)];
    if (p->n == p->cap && !grow_half((void **)&p->hash, &p->cap, sizeof *p->hash, 1024))
        return false;
    if (!p->nruns || p->runs[p->nruns - 1].doc != doc) {
        if (p->nruns == p->capruns &&
            !grow_half((void **)&p->runs, &p->capruns, sizeof *p->runs, 256))
            return false;
        p->runs[p->nruns++] = (doc_run){doc, 0};
    }
    p->hash[p->n++] = h;
    p->runs[p->nruns - 1].count++;
    return true;
}

// Adds the sampled shingles of document di to s; returns how many, or
// (size_t)-1 when out of memory. wb: fill_word_bytes.
static size_t shingles_of(const fdp_doc *d, uint32_t di, const unsigned char wb[256],
                          doc_shingles *out) {
    const unsigned char *text = (const unsigned char *)d->text;
    uint64_t w[SHINGLE_WORDS] = {0}; // the last five words' hashes, oldest first
    size_t nw = 0, added = 0;
    _Static_assert(SHINGLE_WORDS == 5, "SHINGLE_WORDS: the hash below reads five words");
    for (size_t i = 0; i < d->len;) {
        while (i < d->len && !wb[text[i]])
            i++;
        if (i >= d->len)
            break;
        uint64_t h = 1469598103934665603ull; // FNV-1a 64 over the lowercased word
        for (unsigned char c; i < d->len && (c = wb[text[i]]) != 0; i++)
            h = (h ^ c) * 1099511628211ull;
        w[0] = w[1], w[1] = w[2], w[2] = w[3], w[3] = w[4], w[4] = h;
        if (++nw < SHINGLE_WORDS)
            continue;
        const uint64_t p = 1099511628211ull;
        uint64_t s = (w[0] * p + 0); // (0 ^ w[0]) * p + 0
        s = (s ^ w[1]) * p + 1;
        s = (s ^ w[2]) * p + 2;
        s = (s ^ w[3]) * p + 3;
        s = (s ^ w[4]) * p + 4;
        if (s % SAMPLE_MOD)
            continue;
        if (!push_hash(out, (uint32_t)(s ^ (s >> 32)), di))
            return (size_t)-1;
        added++;
    }
    return added;
}

static int find(int *parent, int x) {
    while (parent[x] != x)
        x = parent[x] = parent[parent[x]];
    return x;
}

/* Shared shingles per pair of documents, counted in an open-addressing table
 * rather than listed one entry per shingle and sorted. */
typedef struct pair_count {
    uint64_t pair; /* a << 32 | b, a < b; 0: empty (document 0 never pairs as b) */
    uint32_t shared;
} pair_count;

typedef struct pair_table {
    pair_count *slots;
    size_t mask, used;
} pair_table;

// The slot of a pair: every bit of both documents mixed into the low bits (a
// plain multiply left the low bits to b alone, and long probe runs formed).
static size_t pair_slot(uint64_t pair, size_t mask) {
    uint64_t x = pair;
    x ^= x >> 33;
    x *= 0xFF51AFD7ED558CCDull;
    x ^= x >> 33;
    x *= 0xC4CEB9FE1A85EC53ull;
    x ^= x >> 33;
    return (size_t)x & mask;
}

static bool pair_table_grow(pair_table *t) {
    size_t cap = t->slots ? (t->mask + 1) * 2 : 1024;
    pair_count *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; t->slots && i <= t->mask; i++) {
        if (!t->slots[i].pair)
            continue;
        size_t k = pair_slot(t->slots[i].pair, cap - 1);
        while (slots[k].pair)
            k = (k + 1) & (cap - 1);
        slots[k] = t->slots[i];
    }
    free(t->slots);
    t->slots = slots;
    t->mask = cap - 1;
    return true;
}

/* Most pairs of documents that share a shingle share a background line, far
 * fewer shingles than a copy (COPY_CONTAINMENT of the smaller document's): a
 * sketch counts every pair first (two rows of saturating counters; a count is
 * never less than the true one), and only pairs it counts often enough to be
 * a copy go to the exact table, which then holds the candidates alone. */
#define SKETCH_BITS 21
#define SKETCH_SLOTS ((size_t)1 << SKETCH_BITS)

typedef struct pair_sketch {
    uint8_t *rows; /* 2 x SKETCH_SLOTS */
} pair_sketch;

static void sketch_slots(uint64_t pair, size_t *a, size_t *b) {
    uint64_t x = pair * 0x9E3779B97F4A7C15ull;
    *a = (size_t)(x >> (64 - SKETCH_BITS));
    *b = SKETCH_SLOTS + (pair_slot(pair, SKETCH_SLOTS - 1));
}

// Counts one more shingle shared by a pair; returns the pair's count now.
static unsigned sketch_add(pair_sketch *s, uint64_t pair) {
    size_t a, b;
    sketch_slots(pair, &a, &b);
    if (s->rows[a] < UINT8_MAX)
        s->rows[a]++;
    if (s->rows[b] < UINT8_MAX)
        s->rows[b]++;
    return s->rows[a] < s->rows[b] ? s->rows[a] : s->rows[b];
}

static unsigned sketch_count(const pair_sketch *s, uint64_t pair) {
    size_t a, b;
    sketch_slots(pair, &a, &b);
    return s->rows[a] < s->rows[b] ? s->rows[a] : s->rows[b];
}

static uint64_t pair_of(int a, int b) { return (uint64_t)(uint32_t)a << 32 | (uint32_t)b; }

/* What a document needs of a partner to be judged its copy: the fewest shared
 * shingles k with k >= COPY_CONTAINMENT times its sample, as the double
 * comparison below gives it, or NOT_JUDGED below MIN_SAMPLE. A pair needs the
 * smaller of the two (the smaller document's), so the test of a pair is two
 * loads and a compare, not a product of doubles. */
#define NOT_JUDGED UINT32_MAX

static uint32_t need_of(size_t sample) {
    if (sample < MIN_SAMPLE)
        return NOT_JUDGED;
    double t = COPY_CONTAINMENT * (double)sample;
    if (t >= (double)(NOT_JUDGED - 1))
        return NOT_JUDGED - 1;
    uint32_t k = (uint32_t)t;
    while ((double)k < t)
        k++;
    while (k > 0 && (double)(k - 1) >= t)
        k--;
    return k;
}

// True if documents a and b, sharing `shared` shingles by the sketch's count,
// may be copies: both judged (MIN_SAMPLE), and the count, or a counter full
// and so unknown, reaching COPY_CONTAINMENT of the smaller. need: need_of each.
static bool count_may_be_copies(unsigned shared, const uint32_t *need, int a, int b) {
    uint32_t na = need[a], nb = need[b];
    return na != NOT_JUDGED && nb != NOT_JUDGED &&
           (shared == UINT8_MAX || shared >= (na < nb ? na : nb));
}

static bool may_be_copies(const pair_sketch *s, const uint32_t *need, int a, int b) {
    return count_may_be_copies(sketch_count(s, pair_of(a, b)), need, a, b);
}

// Counts one more shingle shared by documents a < b; false when out of memory.
static bool pair_table_add(pair_table *t, int a, int b) {
    if ((t->used + 1) * 2 > (t->slots ? t->mask + 1 : 0) && !pair_table_grow(t))
        return false;
    uint64_t pair = pair_of(a, b);
    size_t k = pair_slot(pair, t->mask);
    while (t->slots[k].pair && t->slots[k].pair != pair)
        k = (k + 1) & t->mask;
    if (!t->slots[k].pair) {
        t->slots[k].pair = pair;
        t->used++;
    }
    t->slots[k].shared++;
    return true;
}

/* A set of shingle hashes: those found in too many documents to judge. */
typedef struct hash_set {
    uint64_t *slots; /* hash | 1 << 32; 0: empty */
    size_t mask, used;
} hash_set;

static bool hash_set_has(const hash_set *s, uint32_t h) {
    uint64_t v = (uint64_t)h | (uint64_t)1 << 32;
    for (size_t k = s->slots ? pair_slot(h, s->mask) : 0; s->slots && s->slots[k]; k = (k + 1) & s->mask)
        if (s->slots[k] == v)
            return true;
    return false;
}

static bool hash_set_add(hash_set *s, uint32_t h) {
    if ((s->used + 1) * 2 > (s->slots ? s->mask + 1 : 0)) {
        size_t cap = s->slots ? (s->mask + 1) * 2 : 256;
        hash_set grown = {calloc(cap, sizeof *grown.slots), cap - 1, 0};
        if (!grown.slots)
            return false;
        for (size_t i = 0; s->slots && i <= s->mask; i++)
            if (s->slots[i])
                hash_set_add(&grown, (uint32_t)s->slots[i]); // room enough: cannot fail
        free(s->slots);
        *s = grown;
    }
    uint64_t v = (uint64_t)h | (uint64_t)1 << 32;
    size_t k = pair_slot(h, s->mask);
    while (s->slots[k] && s->slots[k] != v)
        k = (k + 1) & s->mask;
    s->used += !s->slots[k];
    s->slots[k] = v;
    return true;
}

/*
 * How the pairs are counted: in pass 0 every pair of documents sharing a
 * shingle in the sketch; in pass 1, exactly in *pairs, the pairs that may be
 * copies.
 *
 * hot: the documents of a pair whose count reached a copy's in pass 0, when one
 * of its shingles was counted; pass 1 reads only their shingles. No copy is
 * missed: at the last of its shingles the sketch's count (never below the true
 * one) is its full count, at least a copy's. A pair whose count rose later,
 * through other pairs' counters alone, is no copy. common: the shingles found
 * in more than COMMON_SHINGLE_DOCS documents in pass 0, which pass 1 skips as
 * pass 0 did, though it sees only some of their documents.
 */
typedef struct pair_counting {
    pair_sketch sketch;
    const uint32_t *need; /* need_of each document's sample */
    bool *hot;
    hash_set common;
    pair_table *pairs;
} pair_counting;

// Pass 0 over one part's shingles, sorted by hash. False when out of memory.
static bool sketch_part(const shingle *sh, size_t n, pair_counting *pc) {
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i; j < n && sh[j].hash == sh[i].hash;)
            j++;
        if (j - i > COMMON_SHINGLE_DOCS) {
            if (!hash_set_add(&pc->common, sh[i].hash))
                return false;
            continue;
        }
        for (size_t a = i; a < j; a++)
            for (size_t b = a + 1; b < j; b++) {
                int da = sh[a].doc, db = sh[b].doc;
                if (da != db &&
                    count_may_be_copies(sketch_add(&pc->sketch, pair_of(da, db)), pc->need, da, db))
                    pc->hot[da] = pc->hot[db] = true;
            }
    }
    return true;
}

// Pass 1 over the hot documents' shingles of one part, sorted by hash.
static bool count_part_exactly(const shingle *sh, size_t n, pair_counting *pc) {
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i; j < n && sh[j].hash == sh[i].hash;)
            j++;
        if (j - i < 2 || hash_set_has(&pc->common, sh[i].hash))
            continue;
        for (size_t a = i; a < j; a++)
            for (size_t b = a + 1; b < j; b++) {
                int da = sh[a].doc, db = sh[b].doc;
                if (da != db && may_be_copies(&pc->sketch, pc->need, da, db) &&
                    !pair_table_add(pc->pairs, da, db))
                    return false;
            }
    }
    return true;
}

// Part p's shingles with their documents, in document order, of the hot
// documents alone unless hot is NULL; returns how many.
static size_t gather_part(const part_shingles *p, const bool *hot, shingle *out) {
    size_t n = 0, at = 0;
    for (size_t r = 0; r < p->nruns; r++) {
        const doc_run *run = &p->runs[r];
        if (!hot || hot[run->doc])
            for (uint32_t k = 0; k < run->count; k++)
                out[n++] = (shingle){p->hash[at + k], (int)run->doc};
        at += run->count;
    }
    return n;
}

// Pairs of documents sharing a shingle, with how many they share: counted in
// a sketch, then exactly in *pairs for those that may be copies. A part at a
// time, sorted, so that only a part is ever held with its documents and its
// sort's scratch. False when out of memory.
static bool count_pairs(const doc_shingles *s, size_t nd, const size_t *sample,
                        pair_table *pairs) {
    size_t most = 0;
    for (unsigned p = 0; p < PARTS; p++)
        most = s->part[p].n > most ? s->part[p].n : most;
    uint32_t *need = malloc((nd + 1) * sizeof *need);
    for (size_t i = 0; need && i < nd; i++)
        need[i] = need_of(sample[i]);
    pair_counting pc = {{calloc(2 * SKETCH_SLOTS, 1)}, need, calloc(nd + 1, sizeof(bool)),
                        {0}, pairs};
    shingle *part = malloc((most + 1) * sizeof *part), *tmp = malloc((most + 1) * sizeof *tmp);
    // (a part's sort counts in 32 bits: 2^32 shingles of one part are 64 G words of text)
    bool ok = pc.sketch.rows && need && pc.hot && part && tmp && most < UINT32_MAX;
    for (int pass = 0; pass < 2 && ok; pass++) {
        for (unsigned p = 0; p < PARTS && ok; p++) {
            size_t n = gather_part(&s->part[p], pass ? pc.hot : NULL, part);
            shingle *sorted = sort_shingles(part, tmp, n);
            ok = pass ? count_part_exactly(sorted, n, &pc) : sketch_part(sorted, n, &pc);
        }
    }
    free(pc.sketch.rows);
    free(need);
    free(pc.hot);
    free(pc.common.slots);
    free(part);
    free(tmp);
    return ok;
}

static void doc_shingles_free(doc_shingles *s) {
    for (unsigned p = 0; p < PARTS; p++) {
        free(s->part[p].hash);
        free(s->part[p].runs);
    }
}

// The shingles of every document into *s, and each one's count into sample.
static int shingle_documents(const fd_run *r, doc_shingles *s, size_t *sample) {
    unsigned char wb[256];
    fill_word_bytes(wb);
    if (r->ndocs >= INT_MAX)
        return FD_ERR_NOMEM; // (2 G documents: a shingle names its document in an int)
    // Each part's room taken at once for about a shingle per five bytes of text, its
    // share: sixteen arrays grown side by side left the heap in pieces.
    size_t bytes = 0;
    for (size_t i = 0; i < r->ndocs; i++)
        bytes += r->docs[i]->skip ? 0 : r->docs[i]->len;
    for (unsigned p = 0; p < PARTS; p++) {
        part_shingles *ps = &s->part[p];
        ps->cap = bytes / 5 / PARTS + 1024;
        ps->hash = malloc(ps->cap * sizeof *ps->hash);
        if (!ps->hash)
            return FD_ERR_NOMEM;
    }
    for (size_t i = 0; i < r->ndocs; i++) {
        if (!r->docs[i]->skip && r->docs[i]->text)
            sample[i] = shingles_of(r->docs[i], (uint32_t)i, wb, s);
        if (sample[i] == (size_t)-1)
            return FD_ERR_NOMEM;
    }
    // the room grown by halves given back before the parts' sort buffers are taken
    for (unsigned p = 0; p < PARTS; p++) {
        part_shingles *ps = &s->part[p];
        uint32_t *h = ps->n ? realloc(ps->hash, ps->n * sizeof *h) : NULL;
        doc_run *runs = ps->nruns ? realloc(ps->runs, ps->nruns * sizeof *runs) : NULL;
        if (h) // else each keeps its room: nothing is lost
            ps->hash = h, ps->cap = ps->n;
        if (runs)
            ps->runs = runs, ps->capruns = ps->nruns;
    }
    return 0;
}

int fdp_find_copies(fd_run *r) {
    size_t nd = r->ndocs;
    doc_shingles sh = {0};
    pair_table pairs = {0};
    size_t *sample = calloc(nd + 1, sizeof *sample);
    int *parent = malloc(sizeof(int) * (nd + 1));
    int rc = sample && parent ? shingle_documents(r, &sh, sample) : FD_ERR_NOMEM;
    if (rc == 0 && !count_pairs(&sh, nd, sample, &pairs))
        rc = FD_ERR_NOMEM;
    doc_shingles_free(&sh);
    for (size_t i = 0; rc == 0 && i < nd; i++) {
        parent[i] = (int)i;
        r->docs[i]->copy_of = NULL;
    }
    for (size_t i = 0; rc == 0 && pairs.slots && i <= pairs.mask; i++) {
        if (!pairs.slots[i].pair)
            continue;
        int a = (int)(pairs.slots[i].pair >> 32), b = (int)(uint32_t)pairs.slots[i].pair;
        size_t small = sample[a] < sample[b] ? sample[a] : sample[b];
        if (small >= MIN_SAMPLE && (double)pairs.slots[i].shared >= COPY_CONTAINMENT * (double)small) {
            int ra = find(parent, a), rb = find(parent, b);
            if (ra != rb)
                parent[ra > rb ? ra : rb] = ra < rb ? ra : rb;
        }
    }
    // Each copy points at the first document of its group.
    for (size_t i = 0; rc == 0 && i < nd; i++) {
        int root = find(parent, (int)i);
        if (root != (int)i)
            r->docs[i]->copy_of = r->docs[root];
    }
    free(pairs.slots);
    free(sample);
    free(parent);
    return rc;
}
