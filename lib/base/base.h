/*
 * base.h - the helpers every module uses: a growable byte buffer, string
 * helpers, the fd_error filler, UTF-8 decoding. Internal: never installed.
 */
#ifndef FD_BASE_H
#define FD_BASE_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <jansson.h>

#include "factdiff.h"

/* ---- buf.c: a growable byte buffer and small string helpers ------------- */

typedef struct fdp_buf {
    char *data; /* always NUL-terminated when non-NULL */
    size_t len, cap;
    bool failed; /* an allocation failed: data is NULL, later appends are no-ops */
} fdp_buf;

void fdp_buf_grow_append(fdp_buf *b, const char *s, size_t n);
// Appends n bytes; a failed buffer (cap 0) stays failed. The common case, room
// enough, is inline: the JSON writers append a few bytes at a time.
static inline void fdp_buf_append(fdp_buf *b, const char *s, size_t n) {
    if (b->len + n + 1 > b->cap) {
        fdp_buf_grow_append(b, s, n);
        return;
    }
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}
static inline void fdp_buf_puts(fdp_buf *b, const char *s) { fdp_buf_append(b, s, strlen(s)); }
void fdp_buf_printf(fdp_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline void fdp_buf_putc(fdp_buf *b, char c) { fdp_buf_append(b, &c, 1); }
/* Makes room in b for n more bytes (and the NUL) at once, for a caller that
 * knows how many will come; false when out of memory (b is failed then). */
bool fdp_buf_reserve(fdp_buf *b, size_t n);
/* Marks b failed (out of memory elsewhere), dropping what it holds. */
void fdp_buf_fail(fdp_buf *b);
/* Takes the buffer's string (caller frees); NULL if an allocation failed. */
char *fdp_buf_take(fdp_buf *b);
/* Empties b for reuse, keeping its room (a failed b becomes a new, empty one). */
static inline void fdp_buf_reset(fdp_buf *b) {
    b->len = 0;
    b->failed = false;
    if (b->data)
        b->data[0] = '\0';
}
void fdp_buf_free(fdp_buf *b);

/*
 * The library's two array-growing helpers. fdp_push_slot appends one zeroed
 * element to a growable array: *arr holds *n elements of elem bytes in room
 * for *cap. Returns the new slot (and counts it in *n), or NULL when out of
 * memory, with the array unchanged: FDP_PUSH(d->claims, d->nclaims,
 * d->capclaims). fdp_room makes room in it for want elements at least, the
 * room doubling and the new room zeroed (for an array filled by index, or
 * several at once); false when out of memory, with the array unchanged.
 */
void *fdp_push_slot(void **arr, size_t *n, size_t *cap, size_t elem);
#define FDP_PUSH(arr, n, cap) fdp_push_slot((void **)&(arr), &(n), &(cap), sizeof *(arr))
bool fdp_room(void **arr, size_t *cap, size_t want, size_t elem);
#define FDP_ROOM(arr, cap, want) fdp_room((void **)&(arr), &(cap), (want), sizeof *(arr))

/* strcmp(a, b) == 0 for the short words of rules and tokens, inline: a call
 * to strcmp costs more than the few bytes it compares. */
static inline bool fdp_same_word(const char *a, const char *b) {
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

/* FNV-1a of a NUL-terminated string: the library's string hash (words of the
 * lexicon and rules have fdp_hash_word, rules.h). */
static inline uint32_t fdp_hash(const char *w) {
    uint32_t h = 2166136261u;
    for (; *w; w++)
        h = (h ^ (unsigned char)*w) * 16777619u;
    return h;
}

/* An arena (pool.c): strings copied into large blocks, all let go at once, so
 * that the few short strings of each of a document's claims cost no malloc and
 * no free of their own. Zero-initialised is empty. */
typedef struct fdp_arena {
    struct pool_block *blocks;
} fdp_arena;
/* A NUL-terminated copy of the n bytes at s in a; NULL when out of memory. */
char *fdp_arena_copy_n(fdp_arena *a, const char *s, size_t n);
/* The same for a NUL-terminated s; NULL for NULL. */
char *fdp_arena_copy(fdp_arena *a, const char *s);
/* Lets every copy go, keeping one block for the copies to come. */
void fdp_arena_clear(fdp_arena *a);
void fdp_arena_free(fdp_arena *a);

/* A string pool (pool.c): each distinct string kept once until the pool is
 * freed. Zero-initialised is empty. */
typedef struct fdp_pool {
    fdp_arena bytes; /* the strings themselves */
    const char **slots; /* open addressing over the distinct strings */
    uint64_t *tags; /* each slot's string's hash, and its length above */
    size_t mask, used;
} fdp_pool;
/* The pool's copy of s (NULL for NULL), stored if new; NULL when out of memory.
 * Once s is in, interning it again allocates nothing and cannot fail. */
const char *fdp_pool_intern(fdp_pool *p, const char *s);
/* The same for the n bytes at s, none of them NUL (the copy is NUL-terminated;
 * NULL too for 4 GB or more):
 * a string read in place, never copied on its own first. */
const char *fdp_pool_intern_n(fdp_pool *p, const char *s, size_t n);
void fdp_pool_free(fdp_pool *p);

/* The n significant digits (n at most 17) of a from 1 to 1e15, into d[0, n),
 * rounded as printf's "%.<n>g" rounds them, e + 1 of them before the point;
 * returns e, or -1 when they are left to printf (no 128-bit integers here,
 * fewer than n digits for the whole part and a fraction, or a rounding that
 * carries into the whole part). */
int fdp_exact_digits(double a, int n, char *d);
/* v as printf's "%.<n>g" writes it, into out (room for n + 3 bytes), for |v|
 * from 1 to 1e15 written without an exponent (below 10^n); returns its length,
 * or 0 when it is left to printf. */
size_t fdp_format_g(double v, int n, char *out);

char *fdp_strdup(const char *s);
char *fdp_strndup(const char *s, size_t n);
/* qsort comparators: char * strings, ints ascending. */
int fdp_cmp_str(const void *a, const void *b);
int fdp_cmp_int(const void *a, const void *b);
/* Sorts n ints ascending: a few by insertion (a document's names and keys, tens
 * of them, sorted for every document of a run), more by qsort. */
void fdp_sort_ints(int *a, size_t n);
/* Pointer to the last path component of path. */
const char *fdp_basename(const char *path);

/* Days since 1970-01-01 of a date written "YYYY-MM-DD", or -1. */
long fdp_day_number(const char *date);
/* Writes an id such as "c12" (prefix, then n) into out; "" if it does not fit. */
void fdp_format_id(char *out, size_t cap, char prefix, size_t n);
/* s into out[cap] as snprintf(out, cap, "%s", s) would (cut, always
 * terminated when cap > 0), without printf's cost; returns strlen(s). */
size_t fdp_copy_str(char *out, size_t cap, const char *s);
/* Formats v the way reports show numbers: "1448", "2.5", "1e+06" never. */
void fdp_format_number(char *out, size_t cap, double v);

/* True when jansson failed to parse for want of memory: it says so in 2.14,
 * and some of its allocation failures leave the message empty. */
static inline bool fdp_json_out_of_memory(const json_error_t *je) {
    return json_error_code(je) == json_error_out_of_memory || je->text[0] == '\0';
}

/* ---- error.c ------------------------------------------------------------ */

/* Fills err (if not NULL and still empty: the first error wins). Returns code. */
/* Where a document's error stands: the stream's file for a document read from
 * one line of it ("feed.jsonl", whose line the error gives), else the document. */
const char *fdp_error_place(const fd_error *e, const char *doc_path);
/* Clears err (if not NULL): done on entry to every public call taking one. */
void fdp_error_clear(fd_error *err);
int fdp_error_set(fd_error *err, int code, const char *source, int line, int column,
                  size_t position, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* ---- utf8.c ------------------------------------------------------------- */

/* A place in a text that moves forward only: a document's places cost O(n). */
typedef struct fdp_cursor {
    size_t off;
    int line, col; /* 1-based; the column counts code points */
} fdp_cursor;
/* Moves cu forward to byte to of s, counting lines and code points. */
void fdp_cursor_advance(const char *s, fdp_cursor *cu, size_t to);

/* True for the invisible format characters copy picks up (zero-width space and
 * joiners, soft hyphen, bidi controls, BOM): inside a number or a word they are
 * no boundary ("5\u200b448" is 5448). */
bool fdp_is_ignorable(int32_t cp);
/* Writes article text to a terminal or file: each invalid byte as U+FFFD,
 * each control character (tabs, escapes, C1) as a space, so that no article
 * can move the cursor or retitle a terminal. Needs no memory. */
void fdp_fput_text(FILE *out, const char *s, size_t len);
/* The same into out[0, cap), at most max_points code points, cut only between
 * code points; NUL-terminated. Returns the bytes written. */
size_t fdp_copy_text(char *out, size_t cap, const char *s, size_t len, size_t max_points);

/* Offset of the first invalid UTF-8 byte, or len when the text is valid. */
size_t fdp_utf8_invalid_at(const char *s, size_t len);
/* Decodes one code point at s[*i] (advancing *i); invalid bytes give -1. */
int32_t fdp_utf8_next(const char *s, size_t len, size_t *i);
/* 1-based line and code-point column of byte offset off in s. */
void fdp_line_col(const char *s, size_t len, size_t off, int *line, int *column);
/* Appends s to b, each invalid byte replaced by U+FFFD. */
void fdp_append_valid_utf8(fdp_buf *b, const char *s, size_t len);
/* Maps a punctuation or space code point to its ASCII stand-in, or 0 if none. */
char fdp_punct_ascii(int32_t cp);

/* Bit k set when s[k] is an ASCII letter, for the 16 bytes s[0, 16) (all
 * readable): the word scans find where a run of letters ends with one test
 * instead of a test a byte. */
static inline unsigned fdp_ascii_letters16(const char *s) {
#ifdef __SSE2__
    // A byte is a letter when, with bit 0x20 set, less 'a' it is at most 25
    // (unsigned): its minimum with 25 is then itself. Bytes from 0x80 land
    // above 25, so non-ASCII is no letter.
    __m128i v = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)s),
                             _mm_set1_epi8(0x20));
    __m128i x = _mm_sub_epi8(v, _mm_set1_epi8('a'));
    return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(25)), x));
#else
    unsigned bits = 0;
    for (unsigned k = 0; k < 16; k++)
        bits |= (unsigned)((unsigned char)(((unsigned char)s[k] | 32) - 'a') < 26) << k;
    return bits;
#endif
}

#endif
