/*
 * report_json.c - the JSON report (docs/report.schema.json), following
 * docs/report-contract.md: documents, claims with byte spans and
 * intervals, findings.
 */
#include <float.h>
#include <math.h>
#include <string.h>

#include "report/report.h"

/* The member names of the report (docs/report.schema.json), each spelt once. */
static const char M_APPROX[] = "approx", M_ATTRIBUTION[] = "attribution",
                  M_BYTE[] = "byte", M_CAUSE[] = "cause", M_CLAIMS[] = "claims",
                  M_CODE[] = "code", M_COLUMN[] = "column", M_COPY_OF[] = "copy_of",
                  M_COUNTED[] = "counted", M_CURRENCIES[] = "currencies",
                  M_DATE[] = "date", M_DATE_FROM[] = "date_from",
                  M_DOC[] = "doc", M_DOCUMENTS[] = "documents", M_END[] = "end",
                  M_ENTITY[] = "entity", M_ERRORS[] = "errors", M_EVENT[] = "event",
                  M_FINDINGS[] = "findings", M_FRAME[] = "frame",
                  M_FINGERPRINT[] = "fingerprint", M_ACKNOWLEDGED[] = "acknowledged",
                  M_JUSTIFICATION[] = "justification", M_STALE[] = "stale_acknowledgements",
                  M_FILE[] = "file",
                  M_HEADLINE[] = "headline", M_HIGH[] = "high",
                  M_HIGH_OPEN[] = "high_open", M_ID[] = "id", M_KEY[] = "key",
                  M_KIND[] = "kind", M_LABEL[] = "label", M_LINE[] = "line",
                  M_LOW[] = "low", M_LOW_OPEN[] = "low_open", M_MENTIONS[] = "mentions",
                  M_MESSAGE[] = "message", M_PATH[] = "path", M_PLACE[] = "place", M_TOPIC[] = "topic",
                  M_PREDICATE[] = "predicate",
                  M_SEPARATOR_UNSURE[] = "separator_unsure", M_SOURCE[] = "source",
                  M_SOURCES[] = "sources", M_START[] = "start", M_SUMMARY[] = "summary",
                  M_TEXT[] = "text", M_UNIT[] = "unit", M_VAGUE[] = "vague",
                  M_VALUE[] = "value", M_WINDOW[] = "window", M_YEAR[] = "year";

// A JSON string from bytes that may hold invalid UTF-8 (bad bytes become
// U+FFFD); json null for NULL; NULL when out of memory (json_pack then fails).
static json_t *str_n(const char *s, size_t n) {
    if (!s)
        return json_null();
    if (fdp_utf8_invalid_at(s, n) == n)
        return json_stringn(s, n);
    fdp_buf b = {0};
    fdp_append_valid_utf8(&b, s, n);
    json_t *j = b.data ? json_stringn(b.data, b.len) : NULL;
    fdp_buf_free(&b);
    return j;
}

static json_t *str(const char *s) { return s ? str_n(s, strlen(s)) : json_null(); }

static const char *error_name(int code) {
    switch (code) {
    case FD_ERR_IO: return "io";
    case FD_ERR_ENCODING: return "encoding";
    case FD_ERR_FORMAT: return "format";
    case FD_ERR_EMPTY: return "empty";
    case FD_ERR_NOMEM: return "nomem";
    default: return "other";
    }
}



/* ---- claims, written straight into a buffer --------------------------------
 * The same bytes jansson writes for the object (JSON_COMPACT |
 * JSON_PRESERVE_ORDER) without building, copying and freeing one per claim,
 * which was a third of `factdiff extract`. Strings are escaped as jansson
 * escapes them (", \, control characters; nothing else), invalid UTF-8 becomes
 * U+FFFD, and a figure that is no whole number is written by jansson itself, so
 * its digits stay jansson's. */

// s[0, n), valid UTF-8, as a JSON string.
static void put_valid_string(fdp_buf *b, const char *s, size_t n) {
    fdp_buf_putc(b, '"');
    size_t run = 0; // bytes copied as they are, not yet appended
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') {
            run++;
            continue;
        }
        fdp_buf_append(b, s + i - run, run);
        run = 0;
        switch (c) {
        case '"': fdp_buf_puts(b, "\\\""); break;
        case '\\': fdp_buf_puts(b, "\\\\"); break;
        case '\b': fdp_buf_puts(b, "\\b"); break;
        case '\f': fdp_buf_puts(b, "\\f"); break;
        case '\n': fdp_buf_puts(b, "\\n"); break;
        case '\r': fdp_buf_puts(b, "\\r"); break;
        case '\t': fdp_buf_puts(b, "\\t"); break;
        default: fdp_buf_printf(b, "\\u%04X", c); break;
        }
    }
    fdp_buf_append(b, s + n - run, run);
    fdp_buf_putc(b, '"');
}

// True for a byte a JSON string holds as it is and that needs no UTF-8 check:
// printable ASCII but the quote and the backslash. NUL is none, which ends the
// scans of C strings below.
static inline bool plain_byte(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

// "s[0, n)" with one room check: the common case of a string of plain bytes.
static void put_plain_string(fdp_buf *b, const char *s, size_t n) {
    if (b->len + n + 3 > b->cap) {
        fdp_buf_putc(b, '"');
        fdp_buf_append(b, s, n);
        fdp_buf_putc(b, '"');
        return;
    }
    char *p = b->data + b->len;
    *p++ = '"';
    memcpy(p, s, n);
    p += n;
    *p++ = '"';
    *p = '\0';
    b->len = (size_t)(p - b->data);
}

// A JSON string from s[0, n), whose first plain bytes end at byte i: what
// follows is checked for UTF-8 from i on (the ASCII before it decodes alone).
static void put_string_from(fdp_buf *b, const char *s, size_t n, size_t i) {
    if (i == n) {
        put_plain_string(b, s, n);
        return;
    }
    if (fdp_utf8_invalid_at(s + i, n - i) == n - i) {
        put_valid_string(b, s, n);
        return;
    }
    fdp_buf valid = {0};
    fdp_append_valid_utf8(&valid, s, n);
    if (valid.failed)
        fdp_buf_fail(b);
    else
        put_valid_string(b, valid.data ? valid.data : "", valid.len);
    fdp_buf_free(&valid);
}

// True if the eight bytes of w (at s) are all plain: none is at or above 0x80, below
// 0x20, or equal to '"' or '\\', each found as "Bit Twiddling Hacks" finds a
// zero byte: exactly, with no false alarm.
static inline bool plain_word(uint64_t w) {
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    uint64_t q, bs;
    q = w ^ (ones * '"');
    bs = w ^ (ones * '\\');
    uint64_t below_space = (w - ones * 0x20) & ~w;
    return !((w | below_space | ((q - ones) & ~q) | ((bs - ones) & ~bs)) & highs);
}

static inline bool plain_eight(const char *s) {
    uint64_t w;
    memcpy(&w, s, 8);
    return plain_word(w);
}

// How many of the bytes s[0, n) are plain before the first that is not: eight
// at a time while the eight are, the last eight (overlapping those before)
// in one go too, then one at a time from the first eight that are not.
static inline size_t plain_prefix(const char *s, size_t n) {
    size_t i = 0;
    while (i + 8 <= n && plain_eight(s + i))
        i += 8;
    if (i < n && n >= 8 && i + 8 > n && plain_eight(s + n - 8))
        return n;
    while (i < n && plain_byte((unsigned char)s[i]))
        i++;
    return i;
}

// A JSON string from bytes that may hold invalid UTF-8; null for NULL.
static void put_string_n(fdp_buf *b, const char *s, size_t n) {
    if (!s) {
        fdp_buf_puts(b, "null");
        return;
    }
    put_string_from(b, s, n, plain_prefix(s, n));
}

// The bytes a JSON string holds as they are and that need no UTF-8 check, by
// value: plain_byte as a table, for the byte-at-a-time copy of short strings.
static const unsigned char plain_table[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};

#ifdef __SSE2__
// The bytes of v that are not plain, as bits: below a space or from 0x80 (both
// below 0x20 as signed bytes), the quote, the backslash.
static inline unsigned not_plain16(__m128i v) {
    __m128i low = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));
    __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
    __m128i backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
    return (unsigned)_mm_movemask_epi8(_mm_or_si128(low, _mm_or_si128(quote, backslash)));
}
#endif

// True if all of s[0, n) is plain: sixteen bytes at a test, in loads that stay
// within the string (the last one overlapping those before; from each end for
// a string of four to sixteen), a byte at a time below four.
static inline bool all_plain(const char *s, size_t n) {
    if (n < 4) {
        for (size_t i = 0; i < n; i++)
            if (!plain_table[(unsigned char)s[i]])
                return false;
        return true;
    }
    if (n < 8) {
        uint32_t head, tail;
        memcpy(&head, s, 4);
        memcpy(&tail, s + n - 4, 4);
        return plain_word(head | (uint64_t)tail << 32);
    }
#ifdef __SSE2__
    if (n <= 16)
        return !not_plain16(_mm_unpacklo_epi64(_mm_loadl_epi64((const __m128i *)(const void *)s),
                                               _mm_loadl_epi64((const __m128i *)(const void *)(s + n - 8))));
    for (size_t i = 0; i + 16 < n; i += 16)
        if (not_plain16(_mm_loadu_si128((const __m128i *)(const void *)(s + i))))
            return false;
    return !not_plain16(_mm_loadu_si128((const __m128i *)(const void *)(s + n - 16)));
#else
    return plain_prefix(s, n) == n;
#endif
}

// The same for a C string, not NULL. Its end found by strlen, and a string of
// plain bytes (a frame's words, a key: nearly all) checked and copied a block
// at a time, with one room check.
static void put_c_string(fdp_buf *b, const char *s) {
    size_t n = strlen(s);
    if (b->len + n + 3 <= b->cap && all_plain(s, n)) {
        char *p = b->data + b->len;
        p[0] = '"';
        // from 4 to 16 bytes, two moves from the ends, overlapping, not a call
        if (n >= 8 && n <= 16) {
            memcpy(p + 1, s, 8);
            memcpy(p + 1 + n - 8, s + n - 8, 8);
        } else if (n >= 4 && n < 8) {
            memcpy(p + 1, s, 4);
            memcpy(p + 1 + n - 4, s + n - 4, 4);
        } else {
            memcpy(p + 1, s, n);
        }
        p[n + 1] = '"';
        p[n + 2] = '\0';
        b->len += n + 2;
        return;
    }
    put_string_from(b, s, n, plain_prefix(s, n));
}

// A C string, or null for NULL: inline, as most members of a frame are null.
static inline void put_string(fdp_buf *b, const char *s) {
    if (s)
        put_c_string(b, s);
    else
        fdp_buf_append(b, "null", 4);
}

// v in decimal, as printf's %lld writes it, without printf's cost per call:
// two digits at a time.
static const char digit_pairs[] = "00010203040506070809101112131415161718192021222324"
                                  "25262728293031323334353637383940414243444546474849"
                                  "50515253545556575859606162636465666768697071727374"
                                  "75767778798081828384858687888990919293949596979899";

static void put_integer(fdp_buf *b, long long v) {
    const char *pairs = digit_pairs;
    char digits[24];
    size_t n = sizeof digits;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    while (u >= 100) {
        unsigned k = (unsigned)(u % 100) * 2;
        u /= 100;
        digits[--n] = pairs[k + 1];
        digits[--n] = pairs[k];
    }
    if (u >= 10) {
        digits[--n] = pairs[u * 2 + 1];
        digits[--n] = pairs[u * 2];
    } else {
        digits[--n] = (char)('0' + u);
    }
    if (v < 0)
        digits[--n] = '-';
    fdp_buf_append(b, digits + n, sizeof digits - n);
}

// "name": (the member's name, with its comma unless it is the first), with one
// room check; inline, so that the length of a constant name is one too.
static inline __attribute__((always_inline)) void put_name(fdp_buf *b, const char *name,
                                                           bool first) {
    size_t n = strlen(name);
    if (b->len + n + 5 > b->cap) {
        fdp_buf_puts(b, first ? "\"" : ",\"");
        fdp_buf_append(b, name, n);
        fdp_buf_append(b, "\":", 2);
        return;
    }
    char *p = b->data + b->len;
    if (!first)
        *p++ = ',';
    *p++ = '"';
    memcpy(p, name, n);
    p += n;
    *p++ = '"';
    *p++ = ':';
    *p = '\0';
    b->len = (size_t)(p - b->data);
}

// Inline, so that the name's length and the word's are constants.
static inline __attribute__((always_inline)) void put_bool(fdp_buf *b, const char *name,
                                                           bool v) {
    put_name(b, name, false);
    if (v)
        fdp_buf_append(b, "true", 4);
    else
        fdp_buf_append(b, "false", 5);
}

size_t fdp_json_binary_fraction(double v, char out[40]) {
    // v = m / 1024 exactly, for an integer m: 10 decimals at most, written in
    // full by "%.17g" when its significant digits are 17 or fewer; from 1/1024
    // up, %g writes no exponent. (jansson then changes nothing: the string has
    // its '.'.)
    double a = fabs(v), scaled = a * 1024; // exact: a power of two
    if (!(a >= 1.0 / 1024 && a < 1e15) || scaled != floor(scaled) || a == floor(a))
        return 0;
    uint64_t m = (uint64_t)scaled, whole = m >> 10;
    uint64_t tenths = (m & 1023) * 9765625; // (m % 1024) / 1024 = tenths / 10^10
    char frac[10];
    int nfrac = 10;
    for (int k = 9; k >= 0; k--, tenths /= 10)
        frac[k] = (char)('0' + tenths % 10);
    while (frac[nfrac - 1] == '0')
        nfrac--;
    char ip[20];
    int nip = 0;
    do {
        ip[nip++] = (char)('0' + whole % 10);
        whole /= 10;
    } while (whole);
    if (a >= 1 && nip + nfrac > 17)
        return 0; // %.17g would round it
    size_t n = 0;
    if (v < 0)
        out[n++] = '-';
    while (nip)
        out[n++] = ip[--nip];
    out[n++] = '.';
    memcpy(out + n, frac, (size_t)nfrac);
    return n + (size_t)nfrac;
}

// Writes the digits d[0, 17) with e + 1 before the point as "%.17g" and then
// jansson write them: trailing zeros of the fraction dropped, ".0" when none is
// left; returns the length written to out.
static size_t put_17g_digits(const char d[17], int e, bool negative, char out[40]) {
    int nd = 17;
    while (nd > e + 1 && d[nd - 1] == '0')
        nd--;
    size_t len = 0;
    if (negative)
        out[len++] = '-';
    memcpy(out + len, d, (size_t)e + 1);
    len += (size_t)e + 1;
    out[len++] = '.';
    if (nd == e + 1)
        out[len++] = '0';
    memcpy(out + len, d + e + 1, (size_t)(nd - e - 1));
    return len + (size_t)(nd - e - 1);
}

#if LDBL_MANT_DIG >= 64
// True when long double arithmetic really has its 64-bit mantissa: not so
// under an emulator that computes it as double (valgrind does).
static bool extended_precision(void) {
    volatile long double one = 1.0L;
    return one + LDBL_EPSILON != one;
}
#endif

size_t fdp_json_real_17g(double v, char out[40]) {
    double a = fabs(v);
    if (!(a >= 1 && a < 1e15) || a == floor(a))
        return 0;
    char d[17];
    int e = fdp_exact_digits(a, 17, d);
    if (e >= 0)
        return put_17g_digits(d, e, v < 0, out);
#if LDBL_MANT_DIG >= 64
    // Without an exact product: the 17 significant digits of |v|, as an integer
    // n of value |v| * 10^(16 - e) (e + 1 digits before the point), from one
    // multiplication with a 64-bit mantissa: exact operands, so n's fraction is
    // known to within half an ulp of a number below 2^57, 2^-8; one that near a
    // tie is left to printf.
    static const long double tens[] = {1e0L,  1e1L,  1e2L,  1e3L,  1e4L,  1e5L,
                                       1e6L,  1e7L,  1e8L,  1e9L,  1e10L, 1e11L,
                                       1e12L, 1e13L, 1e14L, 1e15L, 1e16L};
    if (!extended_precision())
        return 0;
    e = 0;
    for (uint64_t whole = (uint64_t)a; whole >= 10; whole /= 10)
        e++;
    long double x = (long double)a * tens[16 - e];
    uint64_t n = (uint64_t)x;
    long double frac = x - (long double)n;
    if (frac > 0.49L && frac < 0.51L)
        return 0;
    if (frac >= 0.5L)
        n++;
    if (n >= 100000000000000000ULL) { // rounded up to a power of ten
        n /= 10;
        e++;
    }
    for (int k = 16; k >= 0; k--, n /= 10)
        d[k] = (char)('0' + n % 10);
    return put_17g_digits(d, e, v < 0, out);
#else
    return 0; // no wider mantissa to round with: printf's
#endif
}

/* ---- a claim's members, most written in runs with one room check ----------
 * A run's writes check no room of their own and go through a cursor p kept
 * in a register (not b->len, read again after every copy), from run_start to
 * end_run, which counts them and writes the NUL. */

#define RUN_ROOM 256 /* bytes a run may write: a few short names, then four integers
                        (20 bytes each at most) or two bounds (64) and four booleans */

// The cursor of a run at the end of b, with room for it; NULL when out of
// memory (b is failed then: what is left of the claim would be appended to
// nothing).
static inline char *run_start(fdp_buf *b) {
    return b->len + RUN_ROOM + 1 <= b->cap || fdp_buf_reserve(b, RUN_ROOM) ? b->data + b->len
                                                                             : NULL;
}

static inline void end_run(fdp_buf *b, char *p) {
    *p = '\0';
    b->len = (size_t)(p - b->data);
}

// Inline, so that a constant's length is one too.
static inline __attribute__((always_inline)) char *raw(char *p, const char *s, size_t n) {
    memcpy(p, s, n);
    return p + n;
}

static inline __attribute__((always_inline)) char *raw_name(char *p, const char *name,
                                                            bool first) {
    if (!first)
        *p++ = ',';
    *p++ = '"';
    p = raw(p, name, strlen(name));
    *p++ = '"';
    *p++ = ':';
    return p;
}

static inline __attribute__((always_inline)) char *raw_bool(char *p, const char *name, bool v) {
    p = raw_name(p, name, false);
    return v ? raw(p, "true", 4) : raw(p, "false", 5);
}

// v in decimal, as put_integer writes it: its digits counted first, then
// written in place from the last, two at a time.
static char *raw_integer(char *p, long long v) {
    static const unsigned long long tens[] = {
        10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL, 100000000ULL,
        1000000000ULL, 10000000000ULL, 100000000000ULL, 1000000000000ULL, 10000000000000ULL,
        100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL, 100000000000000000ULL,
        1000000000000000000ULL, 10000000000000000000ULL};
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    size_t n = 1;
    while (n < 20 && u >= tens[n - 1])
        n++;
    if (v < 0)
        *p++ = '-';
    char *end = p + n;
    p = end;
    while (u >= 100) {
        unsigned k = (unsigned)(u % 100) * 2;
        u /= 100;
        *--p = digit_pairs[k + 1];
        *--p = digit_pairs[k];
    }
    if (u >= 10) {
        *--p = digit_pairs[u * 2 + 1];
        *--p = digit_pairs[u * 2];
    } else {
        *--p = (char)('0' + u);
    }
    return end;
}

#define BOUND_MAX 64 /* bytes of a bound as written: jansson's at most, as kept */

// A bound as the report writes it: a whole number as an integer, another as
// jansson writes a real, no bound or no finite value as null. NULL when out
// of memory (b, the run's buffer, is failed then).
static char *raw_bound(fdp_buf *b, char *p, bool has, double v) {
    char digits[BOUND_MAX];
    size_t n;
    if (!has || !isfinite(v))
        return raw(p, "null", 4);
    if (v < 9e15 && v > -9e15 && v == floor(v))
        return raw_integer(p, (long long)v);
    // what jansson writes, without printf, else jansson's own
    if (!(n = fdp_json_binary_fraction(v, digits)) && !(n = fdp_json_real_17g(v, digits))) {
        json_t *real = json_real(v);
        n = real ? json_dumpb(real, digits, sizeof digits, JSON_ENCODE_ANY) : 0;
        json_decref(real);
        if (n == 0 || n > sizeof digits) {
            fdp_buf_fail(b);
            return NULL;
        }
    }
    return raw(p, digits, n);
}

// The claim's value, in a run of b. NULL when out of memory (b is failed then).
static char *raw_value(fdp_buf *b, char *p, const fdp_interval *v) {
    *p++ = '{';
    p = raw_name(p, M_LOW, true);
    if (!(p = raw_bound(b, p, v->has_low, v->low)))
        return NULL;
    p = raw_name(p, M_HIGH, false);
    if (!(p = raw_bound(b, p, v->has_high, v->high)))
        return NULL;
    p = raw_bool(p, M_LOW_OPEN, v->low_open);
    p = raw_bool(p, M_HIGH_OPEN, v->high_open);
    p = raw_bool(p, M_APPROX, v->approx);
    p = raw_bool(p, M_VAGUE, v->vague);
    *p++ = '}';
    return p;
}

// "name": then s, or null for NULL: most members of a frame are null, and a
// null one is a run of its own.
static inline __attribute__((always_inline)) void put_member(fdp_buf *b, const char *name,
                                                             bool first, const char *s) {
    if (!s && b->len + strlen(name) + 8 + 1 <= b->cap) {
        end_run(b, raw(raw_name(b->data + b->len, name, first), "null", 4));
        return;
    }
    put_name(b, name, first);
    put_string(b, s);
}

// The frame's members one by one, not from a table: each name's length is a
// constant then, and its copy inline.
static void put_frame(fdp_buf *b, const fdp_claim *c) {
    fdp_buf_putc(b, '{');
    put_member(b, M_LABEL, true, c->label);
    put_member(b, M_COUNTED, false, c->counted);
    put_member(b, M_PREDICATE, false, c->predicate);
    put_member(b, M_ENTITY, false, c->entity);
    put_member(b, M_ATTRIBUTION, false, c->attribution);
    put_member(b, M_WINDOW, false, c->window);
    put_member(b, M_YEAR, false, c->when);
    put_member(b, M_CAUSE, false, c->agent);
    put_member(b, M_PLACE, false, c->place);
    put_member(b, M_TOPIC, false, c->topic);
    fdp_buf_putc(b, '}');
}

// The members of a claim from "start" to its frame (and "separator_unsure").
static void put_claim_members(fdp_buf *b, const fdp_claim *c) {
    char *p = run_start(b);
    if (!p)
        return;
    p = raw_integer(raw_name(p, M_START, false), (long long)c->start);
    p = raw_integer(raw_name(p, M_END, false), (long long)c->end);
    p = raw_integer(raw_name(p, M_LINE, false), c->line);
    p = raw_integer(raw_name(p, M_COLUMN, false), c->column);
    end_run(b, raw_name(p, M_TEXT, false));
    put_string_n(b, fdp_claim_bytes(c), c->end - c->start);
    if (!(p = run_start(b)) || !(p = raw_value(b, raw_name(p, M_VALUE, false), &c->value)))
        return;
    end_run(b, raw_name(p, M_UNIT, false));
    put_string(b, c->unit);
    put_member(b, M_KEY, false, c->key);
    put_name(b, M_FRAME, false);
    put_frame(b, c);
    if (c->unsure)
        put_bool(b, M_SEPARATOR_UNSURE, true);
}

static void put_doc_member(fdp_buf *b, const fdp_doc *d) {
    put_name(b, M_DOC, false);
    put_string(b, d->id);
}

static void put_doc_tail(fdp_buf *b, const fdp_doc *d) {
    put_name(b, M_PATH, false);
    put_string(b, d->path);
    put_name(b, M_SOURCE, false);
    put_string(b, d->source);
    put_name(b, M_DATE, false);
    put_string(b, d->date);
}

void fdp_write_claim_line(fdp_buf *b, const fdp_claim *c, bool with_doc) {
    fdp_buf_putc(b, '{');
    put_name(b, M_ID, true);
    put_string(b, c->id);
    put_doc_member(b, c->doc);
    put_claim_members(b, c);
    if (with_doc)
        put_doc_tail(b, c->doc);
    fdp_buf_putc(b, '}');
}

void fdp_doc_members_set(fdp_doc_members *m, const fdp_doc *d) {
    m->doc = d;
    m->doc_member.len = m->tail.len = 0;
    put_doc_member(&m->doc_member, d);
    put_doc_tail(&m->tail, d);
    fdp_buf_putc(&m->tail, '}');
}

void fdp_doc_members_free(fdp_doc_members *m) {
    fdp_buf_free(&m->doc_member);
    fdp_buf_free(&m->tail);
    m->doc = NULL;
}

void fdp_write_claim_line_of(fdp_buf *b, const fdp_claim *c, const fdp_doc_members *m) {
    if (m->doc_member.failed || m->tail.failed) {
        fdp_buf_fail(b);
        return;
    }
    fdp_buf_putc(b, '{');
    put_name(b, M_ID, true);
    put_string(b, c->id);
    fdp_buf_append(b, m->doc_member.data, m->doc_member.len);
    put_claim_members(b, c);
    fdp_buf_append(b, m->tail.data, m->tail.len);
}

/* ---- documents and findings, written the same way ------------------------- */

static void put_int_member(fdp_buf *b, const char *name, long long v) {
    put_name(b, name, false);
    put_integer(b, v);
}

static void put_string_member(fdp_buf *b, const char *name, const char *v) {
    put_name(b, name, false);
    put_string(b, v);
}

static void put_error(fdp_buf *b, const fd_error *e) {
    fdp_buf_putc(b, '{');
    put_name(b, M_CODE, true);
    put_string(b, error_name(e->code));
    put_string_member(b, M_MESSAGE, e->text);
    put_int_member(b, M_LINE, e->line);
    put_int_member(b, M_COLUMN, e->column);
    put_int_member(b, M_BYTE, (long long)e->position);
    fdp_buf_putc(b, '}');
}

static void put_document(fdp_buf *b, const fd_run *r, size_t i) {
    const fdp_doc *d = r->docs[i];
    fdp_buf_putc(b, '{');
    put_name(b, M_ID, true);
    put_string(b, d->id);
    put_string_member(b, M_PATH, d->path);
    put_string_member(b, M_SOURCE, d->source);
    put_string_member(b, M_DATE, d->date);
    put_string_member(b, M_DATE_FROM, d->date ? (d->date_from_text ? M_TEXT : "metadata") : NULL);
    put_string_member(b, M_HEADLINE, d->headline);
    put_int_member(b, M_EVENT, d->event);
    put_string_member(b, M_COPY_OF, d->copy_of ? d->copy_of->id : NULL);
    put_name(b, M_ERRORS, false);
    fdp_buf_putc(b, '[');
    for (int k = 0; k < d->nerrors; k++) {
        if (k)
            fdp_buf_putc(b, ',');
        put_error(b, fdp_doc_error_at(d, k));
    }
    fdp_buf_puts(b, "]}");
}

static void put_mention(fdp_buf *b, const fdp_mention *m) {
    fdp_buf_putc(b, '{');
    put_name(b, M_DOC, true);
    put_string(b, m->doc->id);
    put_int_member(b, M_START, (long long)m->start);
    put_int_member(b, M_END, (long long)m->end);
    put_int_member(b, M_LINE, m->line);
    put_int_member(b, M_COLUMN, m->column);
    put_string_member(b, M_TEXT, m->surface);
    fdp_buf_putc(b, '}');
}

// The id of f's claim k, from its number while its claims are away (spill.c):
// the report needs no more of them than their ids.
static void put_claim_id(fdp_buf *b, const fdp_finding *f, int k) {
    if (!f->claims_away) {
        put_string(b, f->claims[k]->id);
        return;
    }
    char id[sizeof f->claims[k]->id];
    fdp_format_id(id, sizeof id, 'c', f->numbers[k]);
    put_string(b, id);
}

static void put_finding_members(fdp_buf *b, const fdp_finding *f) {
    fdp_buf_putc(b, '{');
    put_name(b, M_ID, true);
    put_string(b, f->id);
    put_string_member(b, M_KIND, fdp_finding_kind_name(f->kind));
    put_string_member(b, M_KEY, f->key);
    put_string_member(b, M_LABEL, f->label);
    put_name(b, M_CLAIMS, false);
    fdp_buf_putc(b, '[');
    for (int k = 0; k < f->nclaims; k++) {
        if (k)
            fdp_buf_putc(b, ',');
        put_claim_id(b, f, k);
    }
    fdp_buf_putc(b, ']');
    put_int_member(b, M_SOURCES, f->sources);
    put_string_member(b, M_SUMMARY, f->summary);
    put_string_member(b, M_FINGERPRINT, f->fingerprint);
    put_bool(b, M_ACKNOWLEDGED, f->ack != NULL);
    if (f->ack)
        put_string_member(b, M_JUSTIFICATION, f->ack->why);
    if (f->ncurrencies) { // in the order of their first claim
        put_name(b, M_CURRENCIES, false);
        fdp_buf_putc(b, '[');
        for (int k = 0; k < f->ncurrencies; k++) {
            if (k)
                fdp_buf_putc(b, ',');
            put_string(b, f->currencies[k]);
        }
        fdp_buf_putc(b, ']');
    }
    if (f->nmentions) {
        put_name(b, M_MENTIONS, false);
        fdp_buf_putc(b, '[');
        for (int k = 0; k < f->nmentions; k++) {
            if (k)
                fdp_buf_putc(b, ',');
            put_mention(b, f->mentions[k]);
        }
        fdp_buf_putc(b, ']');
    }
    fdp_buf_putc(b, '}');
}

// Finding i, its strings back from the spill file for the moment (spill.c;
// one that cannot be read back fails the report, as out of memory).
static void put_finding(fdp_buf *b, const fd_run *r, size_t i) {
    const fdp_finding *f = &r->findings[i];
    bool back = false;
    if (fdp_finding_hold(f, &back) < 0) {
        fdp_buf_fail(b);
        return;
    }
    put_finding_members(b, f);
    fdp_finding_release(f, back);
}

// A stale entry of the acknowledgement file: where it stands and what it named.
static json_t *stale_json(const fd_run *r, size_t i) {
    int line = 0;
    const char *fp = fd_run_stale_ack(r, i, &line);
    const fdp_ack *a = NULL;
    for (size_t k = 0; k < r->nacks && !a; k++)
        if (&r->acks[k].fingerprint[0] == fp)
            a = &r->acks[k];
    return json_pack("{s:o, s:i, s:s, s:o, s:o}", M_FILE, str(r->ack_path), M_LINE, line,
                     M_FINGERPRINT, fp, M_KEY, str(a ? a->key : NULL), M_JUSTIFICATION,
                     str(a ? a->why : NULL));
}

typedef json_t *(*item_fn)(const fd_run *, size_t);

// Writes one member holding an array, item by item: the report is never built
// whole in memory, so memory stays flat however many claims there are.
static int write_array(FILE *out, const char *name, const fd_run *r, size_t n, item_fn item,
                       bool last) {
    fprintf(out, " \"%s\": [", name);
    for (size_t i = 0; i < n; i++) {
        json_t *j = item(r, i);
        if (!j)
            return FD_ERR_NOMEM;
        fputs(i ? ",\n  " : "\n  ", out);
        int rc = json_dumpf(j, out, JSON_COMPACT | JSON_PRESERVE_ORDER);
        json_decref(j);
        if (rc != 0)
            return FD_ERR_IO;
    }
    fprintf(out, "%s]%s\n", n ? "\n " : "", last ? "" : ",");
    return 0;
}

typedef void (*line_fn)(fdp_buf *b, const fd_run *r, size_t i);

// The claims member: every document's claims in reading order, one a line,
// each document's brought back from the spill file for the moment (spill.c).
static int write_claims(FILE *out, const fd_run *r, fdp_buf *b) {
    fprintf(out, " \"%s\": [", M_CLAIMS);
    size_t n = 0;
    for (size_t i = 0; i < r->ndocs; i++) {
        const fdp_doc *d = r->docs[i];
        bool back = false;
        int rc = d->nclaims ? fdp_doc_claims_hold(d, &back) : 0;
        for (size_t k = 0; k < d->nclaims && rc == 0; k++, n++) {
            b->len = 0;
            fdp_buf_puts(b, n ? ",\n  " : "\n  ");
            fdp_write_claim_line(b, &d->claims[k], false);
            if (b->failed)
                rc = FD_ERR_NOMEM;
            else if (fwrite(b->data, 1, b->len, out) != b->len)
                rc = FD_ERR_IO;
        }
        fdp_doc_claims_release(d, back);
        if (rc < 0)
            return rc;
    }
    fprintf(out, "%s],\n", n ? "\n " : "");
    return 0;
}

// An array of the report, one item a line, each written straight into b: the
// same bytes as jansson's compact dump, without an object per item.
static int write_lines(FILE *out, const char *name, const fd_run *r, size_t n, line_fn item,
                       bool last, fdp_buf *b) {
    fprintf(out, " \"%s\": [", name);
    for (size_t i = 0; i < n; i++) {
        b->len = 0;
        fdp_buf_puts(b, i ? ",\n  " : "\n  ");
        item(b, r, i);
        if (b->failed)
            return FD_ERR_NOMEM;
        if (fwrite(b->data, 1, b->len, out) != b->len)
            return FD_ERR_IO;
    }
    fprintf(out, "%s]%s\n", n ? "\n " : "", last ? "" : ",");
    return 0;
}

int fdp_write_json(const fd_run *r, FILE *out) {
    fprintf(out, "{\n \"factdiff\": \"%s\",\n \"generator\": \"factdiff %s\",\n",
            FD_REPORT_SCHEMA_VERSION, FD_VERSION_STRING);
    fdp_buf line = {0};
    int rc = write_lines(out, M_DOCUMENTS, r, r->ndocs, put_document, false, &line);
    if (rc == 0)
        rc = write_claims(out, r, &line);
    if (rc == 0)
        rc = write_lines(out, M_FINDINGS, r, r->nfindings, put_finding, false, &line);
    fdp_buf_free(&line);
    if (rc == 0)
        rc = write_array(out, M_STALE, r, fd_run_stale_ack_count(r), stale_json, true);
    fputs("}\n", out);
    return rc;
}
