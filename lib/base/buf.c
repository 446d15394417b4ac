/* buf.c - a growable byte buffer and the string helpers every module needs. */
#include <math.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

// Grows b to hold at least need more bytes plus the terminating NUL.
static bool reserve(fdp_buf *b, size_t need) {
    if (b->failed)
        return false;
    if (b->len + need + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + need + 1)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        // Nothing half-written survives: a failed buffer holds no data, so a
        // caller that checks b->data (or what fdp_buf_take gives) sees the failure.
        free(b->data);
        b->data = NULL;
        b->len = b->cap = 0;
        b->failed = true;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

bool fdp_buf_reserve(fdp_buf *b, size_t n) { return reserve(b, n); }

void fdp_buf_fail(fdp_buf *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = true;
}

void fdp_buf_grow_append(fdp_buf *b, const char *s, size_t n) {
    if (!reserve(b, n))
        return;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}


void fdp_buf_printf(fdp_buf *b, const char *fmt, ...) {
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) { // nothing silently dropped: the buffer says it failed
        fdp_buf_fail(b);
        return;
    }
    if ((size_t)n < sizeof small) {
        fdp_buf_append(b, small, (size_t)n);
        return;
    }
    if (!reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

char *fdp_buf_take(fdp_buf *b) {
    if (b->failed) {
        fdp_buf_free(b);
        return NULL;
    }
    if (!b->data) {
        if (!reserve(b, 0))
            return NULL;
        b->data[0] = '\0'; // an empty buffer gives an empty string
    }
    char *s = b->data;
    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}

void fdp_buf_free(fdp_buf *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = false;
}

bool fdp_room(void **arr, size_t *cap, size_t want, size_t elem) {
    if (want <= *cap)
        return true;
    size_t ncap = *cap ? *cap : 16;
    while (ncap < want && ncap <= SIZE_MAX / 2)
        ncap *= 2;
    if (ncap < want || ncap > SIZE_MAX / elem)
        return false;
    char *p = realloc(*arr, ncap * elem);
    if (!p)
        return false;
    memset(p + *cap * elem, 0, (ncap - *cap) * elem);
    *arr = p;
    *cap = ncap;
    return true;
}

void *fdp_push_slot(void **arr, size_t *n, size_t *cap, size_t elem) {
    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 16;
        if (ncap > SIZE_MAX / elem)
            return NULL;
        void *p = realloc(*arr, ncap * elem);
        if (!p)
            return NULL;
        *arr = p;
        *cap = ncap;
    }
    char *slot = (char *)*arr + *n * elem;
    memset(slot, 0, elem);
    (*n)++;
    return slot;
}

char *fdp_strndup(const char *s, size_t n) {
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *fdp_strdup(const char *s) { return s ? fdp_strndup(s, strlen(s)) : NULL; }

int fdp_cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int fdp_cmp_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

#define INSERTION_SORT_MAX 48
#define MERGE_RUN 16 /* a longer array: runs this long by insertion, then merged */

static inline void insertion_sort_ints(int *a, size_t n) {
    for (size_t i = 1; i < n; i++) {
        int v = a[i];
        size_t j = i;
        for (; j > 0 && a[j - 1] > v; j--)
            a[j] = a[j - 1];
        a[j] = v;
    }
}

// Merges the sorted src[lo, mid) and src[mid, hi) into dst[lo, hi). Which
// side gives the next is a coin toss: taken by arithmetic, not a branch.
static void merge_ints(const int *src, int *dst, size_t lo, size_t mid, size_t hi) {
    size_t i = lo, j = mid, k = lo;
    while (i < mid && j < hi) {
        int x = src[i], y = src[j];
        bool second = y < x;
        dst[k++] = second ? y : x;
        j += second;
        i += !second;
    }
    while (i < mid)
        dst[k++] = src[i++];
    while (j < hi)
        dst[k++] = src[j++];
}

// Equal ints cannot be told apart, so any sort gives the one order; past a
// few, a merge sort inline, where qsort called a function for each comparison.
void fdp_sort_ints(int *a, size_t n) {
    if (n <= INSERTION_SORT_MAX) {
        insertion_sort_ints(a, n);
        return;
    }
    int *tmp = malloc(n * sizeof *tmp);
    if (!tmp) {
        qsort(a, n, sizeof *a, fdp_cmp_int);
        return;
    }
    for (size_t lo = 0; lo < n; lo += MERGE_RUN)
        insertion_sort_ints(a + lo, n - lo < MERGE_RUN ? n - lo : MERGE_RUN);
    int *src = a, *dst = tmp;
    for (size_t width = MERGE_RUN; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            merge_ints(src, dst, lo, mid, hi);
        }
        int *t = src;
        src = dst;
        dst = t;
    }
    if (src != a)
        memcpy(a, src, n * sizeof *a);
    free(tmp);
}

const char *fdp_basename(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

size_t fdp_copy_str(char *out, size_t cap, const char *s) {
    size_t n = strlen(s);
    if (cap) {
        size_t k = n < cap ? n : cap - 1;
        memcpy(out, s, k);
        out[k] = '\0';
    }
    return n;
}

void fdp_format_id(char *out, size_t cap, char prefix, size_t n) {
    char digits[24];
    size_t k = 0, i = 0;
    do {
        digits[k++] = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    if (cap < k + 2) {
        if (cap)
            out[0] = '\0';
        return;
    }
    out[i++] = prefix;
    while (k)
        out[i++] = digits[--k];
    out[i] = '\0';
}

void fdp_format_number(char *out, size_t cap, double v) {
    if (!(fabs(v) < 1e15 && v == floor(v))) {
        char g[24];
        size_t n = fdp_format_g(v, 6, g); // (printf's, without its format parsing)
        if (n && n < cap)
            memcpy(out, g, n + 1);
        else
            snprintf(out, cap, "%.6g", v);
        return;
    }
    // Whole numbers with thousands separators: "5,000", "1,030,000". Digits are
    // made by hand: printf's floating-point path is most of a summary's cost.
    char digits[24];
    size_t n = 0;
    unsigned long long u = (unsigned long long)fabs(v);
    do {
        digits[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    size_t k = 0;
    if (v < 0 && k + 1 < cap)
        out[k++] = '-';
    for (size_t i = n; i-- > 0 && k + 2 < cap;) {
        out[k++] = digits[i];
        if (i > 0 && i % 3 == 0)
            out[k++] = ',';
    }
    out[k] = '\0';
}

long fdp_day_number(const char *d) {
    if (!d || strlen(d) < 10)
        return -1;
    int y = atoi(d), m = atoi(d + 5), dd = atoi(d + 8);
    if (m < 1 || m > 12 || dd < 1 || dd > 31)
        return -1;
    // Civil-from-days inverse (Howard Hinnant's algorithm).
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}
