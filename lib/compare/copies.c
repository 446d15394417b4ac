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
 * of one agency recycling background lines under 10%. Two documents are
 * copies when at least COPY_CONTAINMENT of the smaller one's shingles are in
 * the other; shingles found in very many documents (boilerplate such as "Read
 * more on") are skipped.
 *
 * How: the shingles are sorted by hash, a part of the hash space at a time,
 * and only the runs of a hash found in two documents or more are kept (a
 * shingle alone of its hash counts for no pair); those, sorted again by
 * document, are an inverted index, read one document at a time: each document
 * counts what it shares with the later documents of its runs in an array
 * indexed by document, small enough to stay in cache, so that no pair of
 * documents that shares nothing is ever looked at, and a pair's count is exact.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "compare/compare.h"

#define SHINGLE_WORDS 5
#define SAMPLE_MOD 1 /* every shingle: sampling noise exceeded the margin on short texts */
#define COPY_CONTAINMENT 0.18
#define MIN_SAMPLE 6          /* documents with fewer sampled shingles are not judged */
#define COMMON_SHINGLE_DOCS 50 /* a shingle in more documents is boilerplate */

/* Shingles are sorted a part at a time, so that a part, not the feed, is held
 * with its documents and its sort's scratch (what is kept of it, 8 bytes a
 * shared shingle with its place in the index, is held for every part): the
 * part is the top PART_BITS bits of the hash (few parts: each document has a
 * run in each). An event of fewer than ONE_PART_SHINGLES (as its text's
 * length foretells them) is one part: its scratch is small anyway, and each
 * of sixteen parts' sorts cleared and summed its counts, which cost an event
 * of a few thousand shingles more than their sort (a check has hundreds of
 * events). Parts in order are all shingles sorted by hash, so the parts do
 * not change what is kept. */
#define PART_BITS 4
#define PARTS (1u << PART_BITS)
#define ONE_PART_SHINGLES (1u << 15) /* at 1 << 16, its scratch raised a check's peak */

/* 8 bytes: a run holds millions. A 32-bit hash is enough, since a chance
 * collision adds one shared shingle to a pair, far below the 18% that makes a
 * copy. */
typedef struct shingle {
    uint32_t hash;
    int doc;
} shingle;

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
    unsigned part_bits; /* PART_BITS, or 0: one part */
} doc_shingles;

static unsigned nparts(const doc_shingles *s) { return 1u << s->part_bits; }

// (a shift by 32 is undefined: one part is told apart)
static unsigned part_of(const doc_shingles *s, uint32_t h) {
    return s->part_bits ? h >> (32 - s->part_bits) : 0;
}

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

// Room in *arr (of *cap elements of elem bytes) for `want`; false when out of memory.
static bool room_for(void **arr, size_t *cap, size_t elem, size_t first, size_t want) {
    while (*cap < want)
        if (!grow_half(arr, cap, elem, first))
            return false;
    return true;
}

/* Adds document doc's n shingles, hashes h, to their parts: counted by part
 * first, so that each part's room and run are taken once for the document and
 * each shingle is then one store. False when out of memory. */
static bool add_to_parts(doc_shingles *s, uint32_t doc, const uint32_t *h, size_t n) {
    uint32_t count[PARTS] = {0};
    if (s->part_bits)
        for (size_t i = 0; i < n; i++)
            count[part_of(s, h[i])]++;
    else
        count[0] = (uint32_t)n; // (n is at most HASH_BATCH)
    uint32_t *at[PARTS];
    for (unsigned q = 0; q < nparts(s); q++) {
        part_shingles *p = &s->part[q];
        if (!count[q])
            continue;
        if (!room_for((void **)&p->hash, &p->cap, sizeof *p->hash, 1024,
                      p->n + count[q]) ||
            !room_for((void **)&p->runs, &p->capruns, sizeof *p->runs, 256, p->nruns + 1))
            return false;
        p->runs[p->nruns++] = (doc_run){doc, count[q]};
        at[q] = p->hash + p->n;
        p->n += count[q];
    }
    if (!s->part_bits) {
        if (n)
            memcpy(at[0], h, n * sizeof *h);
    } else
        for (size_t i = 0; i < n; i++)
            *at[part_of(s, h[i])]++ = h[i];
    return true;
}

/* A document's hashes go to their parts HASH_BATCH at a time (a wire story
 * has a few hundred: one batch), so that a document of any length needs no
 * more room than that before its parts. */
#define HASH_BATCH 4096

// The *held hashes of batch to their parts, counted in *added; false when out of memory.
static bool flush_batch(doc_shingles *out, uint32_t di, const uint32_t *batch,
                        size_t *held, size_t *added) {
    *added += *held;
    bool ok = add_to_parts(out, di, batch, *held);
    *held = 0;
    return ok;
}

/* A word's hash for shingles: its folded bytes (fill_word_bytes) in blocks of
 * 16, the last zero-padded (one block more when the word fills it), each
 * block's two halves multiplied in at once, then the bits mixed. (It replaced
 * FNV-1a a byte at a time, whose loop ended on a branch no predictor learns;
 * which shingles collide by chance in 32 bits changed with it, not how often.) */
static inline uint64_t word_block(uint64_t x, uint64_t lo, uint64_t hi) {
    return (x ^ lo) * 0xFF51AFD7ED558CCDULL ^ hi * 0xC4CEB9FE1A85EC53ULL;
}
static inline uint64_t word_end(uint64_t x) {
    x ^= x >> 32;
    x *= 0x9FB21C651E98DF25ULL;
    return x ^ x >> 29;
}
#define WORD_SEED 0x9E3779B97F4A7C15ULL

// The hash of the word at text[*at] (a byte wb keeps), a byte at a time; *at
// moves past it.
static uint64_t word_hash_bytes(const unsigned char *text, const unsigned char wb[256],
                                size_t *at) {
    uint64_t x = WORD_SEED;
    size_t i = *at;
    for (;;) {
        unsigned char block[16] = {0};
        size_t n = 0;
        while (n < 16 && wb[text[i]])
            block[n++] = wb[text[i++]];
        uint64_t lo, hi;
        memcpy(&lo, block, 8);
        memcpy(&hi, block + 8, 8);
        x = word_block(x, lo, hi);
        if (n < 16)
            break;
    }
    *at = i;
    return word_end(x);
}

#ifdef __SSE2__
static inline __m128i in_range(__m128i v, char lo, char hi) {
    return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8((char)(lo - 1))),
                         _mm_cmplt_epi8(v, _mm_set1_epi8((char)(hi + 1))));
}

// The bytes of v that wb keeps (ASCII letters and digits, any byte of a UTF-8
// sequence), as a bit mask.
static inline unsigned word_bytes16(__m128i v) {
    __m128i high = _mm_cmplt_epi8(v, _mm_setzero_si128());
    __m128i letters = in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 'z');
    return (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letters, in_range(v, '0', '9')),
                                                    high));
}

// The hash of the n < 16 word bytes at p, folded as wb folds them, the rest of
// the 16 read (within the text) masked off.
static inline uint64_t short_word_hash(const unsigned char *p, unsigned n) {
    const __m128i lane = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    v = _mm_or_si128(v, _mm_and_si128(in_range(v, 'A', 'Z'), _mm_set1_epi8(0x20)));
    v = _mm_and_si128(v, _mm_cmplt_epi8(lane, _mm_set1_epi8((char)n)));
    uint64_t lo = (uint64_t)_mm_cvtsi128_si64(v), hi = (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(v, v));
    return word_end(word_block(WORD_SEED, lo, hi));
}
#endif

/* The next word of text[*at, len): false at the end, else its hash in *h and
 * *at past it. A word of fewer than 16 bytes, with 32 bytes of text from where
 * the search starts, is found and hashed from two loads with no branch on its
 * letters: where a word ends follows no pattern a predictor could learn (a
 * byte at a time, that end cost a mispredicted branch a word). */
static inline bool next_word(const unsigned char *text, size_t len, const unsigned char wb[256],
                             size_t *at, uint64_t *h) {
    size_t i = *at;
#ifdef __SSE2__
    while (i + 32 <= len) {
        unsigned m = word_bytes16(_mm_loadu_si128((const __m128i *)(const void *)(text + i)));
        if (!m) {
            i += 16;
            continue;
        }
        unsigned start = (unsigned)__builtin_ctz(m), after = ~m & 0xFFFFu & (0xFFFFu << start);
        if (!after)
            break; // a word that goes on past these 16 bytes
        unsigned end = (unsigned)__builtin_ctz(after);
        *h = short_word_hash(text + i + start, end - start);
        *at = i + end;
        return true;
    }
#endif
    while (i < len && !wb[text[i]])
        i++;
    if (i >= len)
        return false;
    *h = word_hash_bytes(text, wb, &i);
    *at = i;
    return true;
}

/* Adds the sampled shingles of document di to out; returns how many, or
 * (size_t)-1 when out of memory. wb: fill_word_bytes; batch: room for HASH_BATCH. */
static size_t shingles_of(const fdp_doc *d, uint32_t di, const unsigned char wb[256],
                          uint32_t *batch, doc_shingles *out) {
    const unsigned char *text = (const unsigned char *)d->text;
    uint64_t w[SHINGLE_WORDS] = {0}; // the last five words' hashes, oldest first
    size_t nw = 0, added = 0, held = 0;
    _Static_assert(SHINGLE_WORDS == 5, "SHINGLE_WORDS: the hash below reads five words");
    size_t i = 0;
    uint64_t h;
    while (next_word(text, d->len, wb, &i, &h)) {
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
        batch[held++] = (uint32_t)(s ^ (s >> 32));
        if (held == HASH_BATCH && !flush_batch(out, di, batch, &held, &added))
            return (size_t)-1;
    }
    return flush_batch(out, di, batch, &held, &added) ? added : (size_t)-1;
}

static int find(int *parent, int x) {
    while (parent[x] != x)
        x = parent[x] = parent[parent[x]];
    return x;
}

/* What a document needs of a partner to be judged its copy: the fewest shared
 * shingles k with k >= COPY_CONTAINMENT times its sample, as a comparison in
 * doubles gives it, or NOT_JUDGED below MIN_SAMPLE. A pair needs the smaller
 * of the two (the smaller document's), so the test of a pair is two loads and
 * a compare, not a product of doubles. */
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

/* The shingles that can count for a pair of documents, of every part, by hash
 * and then by document: the runs of one hash found in two documents or more
 * (on real news most shingles are in one document alone), and in no more than
 * COMMON_SHINGLE_DOCS places (boilerplate), each shingle of a document that is
 * judged. The first of a run carries RUN_START, and so does the entry after
 * the last run, so that a run is read to its end without its length. */
#define RUN_START 0x80000000u /* above any document's number: they are below INT_MAX */

typedef struct shared_shingles {
    uint32_t *doc; /* n entries and the end mark */
    size_t n, cap;
} shared_shingles;

// Room in *s for `more` entries and the end mark, taken at once when more than
// half again (an event of one part asks for all its shingles' room: grown by
// halves, each step copied what was kept); false when out of memory.
static bool shared_room(shared_shingles *s, size_t more) {
    size_t want = s->n + more + 1;
    if (want <= s->cap)
        return true;
    size_t nc = s->cap + s->cap / 2;
    nc = nc < want ? want : nc;
    nc = nc < 4096 ? 4096 : nc;
    uint32_t *p = realloc(s->doc, nc * sizeof *p);
    if (!p)
        return false;
    s->doc = p;
    s->cap = nc;
    return true;
}

/* Keeps of one part's shingles, sorted by hash (equal hashes in document
 * order), the runs of a hash that can count for a pair. Whether a hash is too
 * common is judged on all its shingles, the unjudged documents' and a
 * document's repeats too, as a pair's count has always skipped them; then the
 * unjudged documents' shingles are left out (they count for no pair), and a
 * run left with one document alone is dropped. False when out of memory. */
static bool keep_shared(const shingle *sh, size_t n, const uint32_t *need,
                        shared_shingles *out) {
    if (!shared_room(out, n))
        return false;
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && sh[j].hash == sh[i].hash;)
            j++;
        if (j - i < 2 || j - i > COMMON_SHINGLE_DOCS || sh[i].doc == sh[j - 1].doc)
            continue;
        size_t start = out->n;
        for (size_t k = i; k < j; k++)
            if (need[sh[k].doc] != NOT_JUDGED)
                out->doc[out->n++] = (uint32_t)sh[k].doc;
        if (out->n - start < 2 || out->doc[start] == out->doc[out->n - 1])
            out->n = start;
        else
            out->doc[start] |= RUN_START;
    }
    return true;
}

/* Sorts the shingles of part p by hash into out, with their documents,
 * keeping the order of equal hashes (least significant digit first, two
 * digits of SORT_BITS below the part's bits): since each document's shingles
 * are stored after the last one's, equal hashes stay in document order. Both
 * digits are counted in one read of the hashes, and the first digit's moves
 * read the hashes and their runs as stored. tmp: as much room as out; count:
 * 2 * SORT_COUNTS. Linear, where qsort was a fifth of a check. */
#define SORT_BITS ((32 - PART_BITS) / 2)
#define SORT_DIGIT ((1u << SORT_BITS) - 1)
#define SORT_COUNTS ((size_t)SORT_DIGIT + 2)
_Static_assert(2 * SORT_BITS == 32 - PART_BITS, "SORT_BITS: two digits below the part bits");

static void sort_part(const part_shingles *p, shingle *out, shingle *tmp,
                      uint32_t *count) {
    uint32_t *low = count, *high = count + SORT_COUNTS;
    memset(count, 0, 2 * SORT_COUNTS * sizeof *count);
    for (size_t i = 0; i < p->n; i++) {
        low[(p->hash[i] & SORT_DIGIT) + 1]++;
        high[(p->hash[i] >> SORT_BITS & SORT_DIGIT) + 1]++;
    }
    for (uint32_t b = 0; b < SORT_DIGIT; b++) {
        low[b + 1] += low[b];
        high[b + 1] += high[b];
    }
    size_t at = 0;
    for (size_t r = 0; r < p->nruns; r++) {
        const doc_run *run = &p->runs[r];
        for (uint32_t k = 0; k < run->count; k++, at++)
            tmp[low[p->hash[at] & SORT_DIGIT]++] = (shingle){p->hash[at], (int)run->doc};
    }
    for (size_t i = 0; i < p->n; i++)
        out[high[tmp[i].hash >> SORT_BITS & SORT_DIGIT]++] = tmp[i];
}

/* A small part (an event's few documents: a check sorts thousands of them)
 * sorts alike in three digits of 10, 9 and 9 bits: clearing and summing two
 * digits of SORT_BITS, 2 x 16K counts, cost more than its sort. Same order:
 * least significant digit first, stable, over the bits below the part's; an
 * event of one part sorts all 32 bits so, in digits of 11, 11 and 10 bits.
 * (Inlined for each: digits known when compiled are a third of the sort's
 * instructions fewer.) */
#define SMALL_PART (1u << 15)
#define SMALL_COUNTS 2050 /* the widest digit's, 2^11, and 2 */
_Static_assert(10 + 9 + 9 == 32 - PART_BITS, "small digits: the bits below the part's");
_Static_assert(3 * SMALL_COUNTS <= 2 * SORT_COUNTS, "small digits: their counts fit");

static inline __attribute__((always_inline)) void
sort_three_digits(const part_shingles *p, shingle *out, shingle *tmp, uint32_t *count,
                  unsigned bits0, unsigned bits1, unsigned bits2) {
    const unsigned s1 = bits0, s2 = bits0 + bits1;
    const uint32_t m0 = (1u << bits0) - 1, m1 = (1u << bits1) - 1, m2 = (1u << bits2) - 1;
    uint32_t *c0 = count, *c1 = count + SMALL_COUNTS, *c2 = count + 2 * SMALL_COUNTS;
    memset(c0, 0, (m0 + 2) * sizeof *count);
    memset(c1, 0, (m1 + 2) * sizeof *count);
    memset(c2, 0, (m2 + 2) * sizeof *count);
    for (size_t i = 0; i < p->n; i++) {
        uint32_t h = p->hash[i];
        c0[(h & m0) + 1]++;
        c1[(h >> s1 & m1) + 1]++;
        c2[(h >> s2 & m2) + 1]++;
    }
    for (uint32_t b = 0; b < m0; b++)
        c0[b + 1] += c0[b];
    for (uint32_t b = 0; b < m1; b++)
        c1[b + 1] += c1[b];
    for (uint32_t b = 0; b < m2; b++)
        c2[b + 1] += c2[b];
    size_t at = 0;
    for (size_t r = 0; r < p->nruns; r++) {
        const doc_run *run = &p->runs[r];
        for (uint32_t k = 0; k < run->count; k++, at++)
            out[c0[p->hash[at] & m0]++] = (shingle){p->hash[at], (int)run->doc};
    }
    for (size_t i = 0; i < p->n; i++)
        tmp[c1[out[i].hash >> s1 & m1]++] = out[i];
    for (size_t i = 0; i < p->n; i++)
        out[c2[tmp[i].hash >> s2 & m2]++] = tmp[i];
}

static void sort_small_part(const part_shingles *p, shingle *out, shingle *tmp,
                            uint32_t *count) {
    sort_three_digits(p, out, tmp, count, 10, 9, 9);
}

// The one part of an event that has one: all 32 bits.
static void sort_whole_part(const part_shingles *p, shingle *out, shingle *tmp,
                            uint32_t *count) {
    sort_three_digits(p, out, tmp, count, 11, 11, 10);
}

/* The shared shingles of every part into *out, a part at a time, sorted, so
 * that only a part is ever held with its documents and its sort's scratch;
 * each part's hashes are freed once read. False when out of memory. */
static bool collect_shared(doc_shingles *s, const uint32_t *need, shared_shingles *out) {
    size_t most = 0;
    for (unsigned p = 0; p < nparts(s); p++)
        most = s->part[p].n > most ? s->part[p].n : most;
    shingle *part = malloc((most + 1) * sizeof *part), *tmp = malloc((most + 1) * sizeof *tmp);
    uint32_t *count = malloc(2 * SORT_COUNTS * sizeof *count);
    // (a part's sort counts in 32 bits: 2^32 shingles of one part are 64 G words of text)
    bool ok = part && tmp && count && most < UINT32_MAX;
    for (unsigned p = 0; p < nparts(s) && ok; p++) {
        if (!s->part_bits)
            sort_whole_part(&s->part[p], part, tmp, count);
        else if (s->part[p].n < SMALL_PART)
            sort_small_part(&s->part[p], part, tmp, count);
        else
            sort_part(&s->part[p], part, tmp, count);
        ok = keep_shared(part, s->part[p].n, need, out);
        free(s->part[p].hash);
        free(s->part[p].runs);
        s->part[p] = (part_shingles){0};
    }
    free(part);
    free(tmp);
    free(count);
    ok = ok && shared_room(out, 0);
    if (ok)
        out->doc[out->n] = RUN_START;
    return ok;
}

/* A shingle's run is at a random place of the index: waiting for it took a
 * quarter of the stage, so the run of the shingle PREFETCH_AHEAD places on is
 * asked for before this one's is read; pos ends with PREFETCH_AHEAD more
 * places, the end mark's, so that no test asks whether there is one. */
#define PREFETCH_AHEAD 16
#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* Each document's shared shingles as positions in s->doc, document after
 * document (a counting sort by document): document d's are at first[d] up to
 * first[d + 1], and PREFETCH_AHEAD places of the end mark after the last.
 * first: nd + 1 entries. NULL when out of memory. */
static uint32_t *by_document(const shared_shingles *s, size_t nd, uint32_t *first) {
    uint32_t *pos = malloc((s->n + PREFETCH_AHEAD) * sizeof *pos);
    if (!pos)
        return NULL;
    for (size_t q = s->n; q < s->n + PREFETCH_AHEAD; q++)
        pos[q] = (uint32_t)s->n; // (only ever prefetched, at the end: never read)
    memset(first, 0, (nd + 1) * sizeof *first);
    for (size_t q = 0; q < s->n; q++)
        first[(s->doc[q] & ~RUN_START) + 1]++;
    for (size_t d = 0; d < nd; d++)
        first[d + 1] += first[d];
    for (size_t q = 0; q < s->n; q++)
        pos[first[s->doc[q] & ~RUN_START]++] = (uint32_t)q;
    // each first[d] has moved on to document d's end, the next one's start
    memmove(first + 1, first, nd * sizeof *first);
    first[0] = 0;
    return pos;
}

/* The document pairs' counts, one document at a time. */
typedef struct copy_join {
    const shared_shingles *sh;
    const uint32_t *pos, *first, *need;
    uint32_t *count; /* per document: shingles shared with the one joined; 0 between */
    uint32_t *met;   /* the documents whose count is not 0 */
    int *parent;
} copy_join;

/* Joins document a with each later document that shares enough of its
 * shingles to be its copy. A pair's count is that of the pairs of their
 * shingles of one hash: a run is in document order, so each of a's shingles
 * meets every later document's of its run after it, and a document's repeats
 * of a shingle count as often as they occur. (a's own repeats are counted
 * too, with no test in the loop that meets them all, and left out after.) */
static void join_copies_of(uint32_t a, copy_join *j) {
    const uint32_t *doc = j->sh->doc;
    size_t nmet = 0;
    for (uint32_t k = j->first[a]; k < j->first[a + 1]; k++) {
        PREFETCH(&doc[j->pos[k + PREFETCH_AHEAD] + 1]); // (at most just past the end mark)
        for (size_t r = j->pos[k] + 1; !(doc[r] & RUN_START); r++) {
            uint32_t b = doc[r];
            if (!j->count[b]++)
                j->met[nmet++] = b;
        }
    }
    for (size_t k = 0; k < nmet; k++) {
        uint32_t b = j->met[k], need = j->need[a] < j->need[b] ? j->need[a] : j->need[b];
        if (b != a && j->count[b] >= need) {
            int ra = find(j->parent, (int)a), rb = find(j->parent, (int)b);
            if (ra != rb)
                j->parent[ra > rb ? ra : rb] = ra < rb ? ra : rb;
        }
        j->count[b] = 0;
    }
}

/* Joins in parent (each document its own on entry) the documents that are
 * copies: a pair is when both are judged (MIN_SAMPLE) and the shingles they
 * share are at least COPY_CONTAINMENT of the smaller one's. Frees the parts'
 * hashes of *s as it reads them. False when out of memory. */
static bool join_copies(doc_shingles *s, size_t nd, const size_t *sample, int *parent) {
    shared_shingles sh = {0};
    uint32_t *need = malloc((nd + 1) * sizeof *need);
    for (size_t i = 0; need && i < nd; i++)
        need[i] = need_of(sample[i]);
    bool ok = need && collect_shared(s, need, &sh) && sh.n < RUN_START;
    uint32_t *first = ok ? malloc((nd + 1) * sizeof *first) : NULL;
    uint32_t *pos = first ? by_document(&sh, nd, first) : NULL;
    copy_join j = {&sh, pos, first, need, NULL, NULL, parent};
    j.count = calloc(nd + 1, sizeof *j.count);
    j.met = malloc((nd + 1) * sizeof *j.met);
    ok = pos && j.count && j.met;
    for (size_t a = 0; ok && a < nd; a++)
        join_copies_of((uint32_t)a, &j);
    free(j.count);
    free(j.met);
    free(pos);
    free(first);
    free(sh.doc);
    free(need);
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
    s->part_bits = bytes / 5 < ONE_PART_SHINGLES ? 0 : PART_BITS;
    for (unsigned p = 0; p < nparts(s); p++) {
        part_shingles *ps = &s->part[p];
        ps->cap = bytes / 5 / nparts(s) + 1024;
        ps->hash = malloc(ps->cap * sizeof *ps->hash);
        if (!ps->hash)
            return FD_ERR_NOMEM;
    }
    uint32_t *batch = malloc(HASH_BATCH * sizeof *batch);
    if (!batch)
        return FD_ERR_NOMEM;
    for (size_t i = 0; i < r->ndocs; i++) {
        if (!r->docs[i]->skip && r->docs[i]->text)
            sample[i] = shingles_of(r->docs[i], (uint32_t)i, wb, batch, s);
        if (sample[i] == (size_t)-1) {
            free(batch);
            return FD_ERR_NOMEM;
        }
    }
    free(batch);
    // the room grown by halves given back before the parts' sort buffers are taken
    for (unsigned p = 0; p < nparts(s); p++) {
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
    size_t *sample = calloc(nd + 1, sizeof *sample);
    int *parent = malloc(sizeof(int) * (nd + 1));
    int rc = sample && parent ? shingle_documents(r, &sh, sample) : FD_ERR_NOMEM;
    for (size_t i = 0; rc == 0 && i < nd; i++) {
        parent[i] = (int)i;
        r->docs[i]->copy_of = NULL;
    }
    if (rc == 0 && !join_copies(&sh, nd, sample, parent))
        rc = FD_ERR_NOMEM;
    doc_shingles_free(&sh);
    // Each copy points at the first document of its group.
    for (size_t i = 0; rc == 0 && i < nd; i++) {
        int root = find(parent, (int)i);
        if (root != (int)i)
            r->docs[i]->copy_of = r->docs[root];
    }
    free(sample);
    free(parent);
    return rc;
}
