/*
 * ninjs_lite.c - the members of a flat ninjs object read straight from its
 * bytes, without jansson's object model, which was a fifth of a check on a
 * feed of JSON Lines.
 *
 * It reads what the reader needs (body_text, headline, versioncreated,
 * firstcreated, copyrightholder) from an object whose other members it checks
 * and skips. Whatever it does not take on exactly as jansson would (a ninjs 2.x
 * "bodies" array, an infosource, a member of the wrong type, any malformed or
 * unusual JSON: an escaped NUL, a lone surrogate, a number jansson might refuse,
 * deep nesting, invalid UTF-8) makes it give up, and the caller parses the line
 * with jansson, which then reports the error in its own words. So for every
 * line it reads, the fields are the strings jansson would have given.
 */
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "read/read.h"

#define MAX_DEPTH 32        /* deeper values are left to jansson */
#define MAX_INT_DIGITS 18   /* a longer integer may be too big for jansson */

/* A cursor over the object's bytes. */
typedef struct lexer {
    const char *s;
    size_t i, n;
} lexer;

static void skip_space(lexer *x) {
    while (x->i < x->n && (x->s[x->i] == ' ' || x->s[x->i] == '\t' || x->s[x->i] == '\n' ||
                           x->s[x->i] == '\r'))
        x->i++;
}

static int hex4(const char *p) {
    int v = 0;
    for (int k = 0; k < 4; k++) {
        char c = p[k];
        int d = c >= '0' && c <= '9' ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

static void put_utf8(fdp_buf *b, int cp) {
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | cp >> 6);
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | cp >> 12);
        u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | cp >> 18);
        u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
        u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    fdp_buf_append(b, u, n);
}

// "\uXXXX" at x->i (after the backslash and 'u'), with the low half of a
// surrogate pair; the code point, or -1 where jansson would refuse it.
static int unicode_escape(lexer *x) {
    if (x->i + 4 > x->n)
        return -1;
    int cp = hex4(x->s + x->i);
    x->i += 4;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (x->i + 6 > x->n || x->s[x->i] != '\\' || x->s[x->i + 1] != 'u')
            return -1;
        int lo = hex4(x->s + x->i + 2);
        if (lo < 0xDC00 || lo > 0xDFFF)
            return -1;
        x->i += 6;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
        return -1;
    }
    return cp > 0 ? cp : -1; // an escaped NUL is jansson's to refuse
}

// The string at x->i (its opening quote), unescaped into out when out is not
// NULL. False where the string is not plain JSON.
// The index of the first quote, backslash or control byte in s[i, n), or n:
// the bytes of a string copied as they are. A body is most of a line.
static size_t plain_run_end(const char *s, size_t i, size_t n) {
#ifdef __SSE2__
    // Sixteen bytes at a time where SSE2 is (every x86-64): a byte is below
    // 0x20 when the unsigned minimum of it and 0x1F is itself.
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'),
                  below = _mm_set1_epi8(0x1F);
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote),
                                                _mm_cmpeq_epi8(v, backslash)),
                                   _mm_cmpeq_epi8(_mm_min_epu8(v, below), v));
        int mask = _mm_movemask_epi8(hit);
        if (mask)
            return i + (size_t)__builtin_ctz((unsigned)mask);
    }
#endif
    // Eight bytes at a time: a word has a byte below 0x20, a quote or a
    // backslash exactly when one of these three has its high bit set in a
    // byte that had it clear (the classic "has zero byte" test).
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    while (i + 8 <= n) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
        uint64_t hit = ((w - ones * 0x20) | (q - ones) | (b - ones)) & ~w & highs;
        if (hit)
            break;
        i += 8;
    }
    const unsigned char *u = (const unsigned char *)s;
    while (i < n && u[i] >= 0x20 && u[i] != '"' && u[i] != '\\')
        i++;
    return i;
}

static bool read_string(lexer *x, fdp_buf *out) {
    x->i++; // the quote
    size_t run = x->i;
    while (x->i < x->n) {
        x->i = plain_run_end(x->s, x->i, x->n);
        if (x->i >= x->n)
            break;
        unsigned char c = (unsigned char)x->s[x->i];
        if (c == '"' || c == '\\') {
            if (out)
                fdp_buf_append(out, x->s + run, x->i - run);
            if (c == '"') {
                x->i++;
                return true;
            }
            if (++x->i >= x->n)
                return false;
            // What each escape of one character stands for (0: none), looked
            // up, not searched for: a body's paragraphs are "\n" escapes.
            static const char decoded[128] = {['"'] = '"', ['\\'] = '\\', ['/'] = '/',
                                              ['b'] = '\b', ['f'] = '\f', ['n'] = '\n',
                                              ['r'] = '\r', ['t'] = '\t'};
            unsigned char e = (unsigned char)x->s[x->i++];
            char plain = e < 128 ? decoded[e] : 0;
            if (plain) {
                if (out)
                    fdp_buf_putc(out, plain);
            } else if (e == 'u') {
                int cp = unicode_escape(x);
                if (cp < 0)
                    return false;
                if (out)
                    put_utf8(out, cp);
            } else {
                return false;
            }
            run = x->i;
            continue;
        }
        if (c < 0x20)
            return false; // a raw control character
        x->i++;
    }
    return false;
}

static bool read_literal(lexer *x, const char *word) {
    size_t n = strlen(word);
    if (x->i + n > x->n || memcmp(x->s + x->i, word, n))
        return false;
    x->i += n;
    return true;
}

// An integer or a plain decimal; exponents and long integers are jansson's.
static bool read_number(lexer *x) {
    if (x->s[x->i] == '-')
        x->i++;
    size_t digits = x->i;
    if (x->i < x->n && x->s[x->i] == '0')
        x->i++;
    else
        while (x->i < x->n && x->s[x->i] >= '0' && x->s[x->i] <= '9')
            x->i++;
    if (x->i == digits || x->i - digits > MAX_INT_DIGITS)
        return false;
    if (x->i < x->n && x->s[x->i] == '.') {
        size_t frac = ++x->i;
        while (x->i < x->n && x->s[x->i] >= '0' && x->s[x->i] <= '9')
            x->i++;
        if (x->i == frac)
            return false;
    }
    return !(x->i < x->n && (x->s[x->i] == 'e' || x->s[x->i] == 'E'));
}

static bool skip_value(lexer *x, int depth);

// An array or object at x->i, checked and skipped.
static bool skip_container(lexer *x, int depth) {
    char close = x->s[x->i] == '[' ? ']' : '}';
    x->i++;
    skip_space(x);
    if (x->i < x->n && x->s[x->i] == close) {
        x->i++;
        return true;
    }
    for (;;) {
        if (close == '}') {
            if (x->i >= x->n || x->s[x->i] != '"' || !read_string(x, NULL))
                return false;
            skip_space(x);
            if (x->i >= x->n || x->s[x->i++] != ':')
                return false;
        }
        if (!skip_value(x, depth + 1))
            return false;
        skip_space(x);
        if (x->i >= x->n)
            return false;
        char c = x->s[x->i++];
        if (c == close)
            return true;
        if (c != ',')
            return false;
        skip_space(x);
    }
}

static bool skip_value(lexer *x, int depth) {
    skip_space(x);
    if (x->i >= x->n || depth > MAX_DEPTH)
        return false;
    switch (x->s[x->i]) {
    case '"': return read_string(x, NULL);
    case '{':
    case '[': return skip_container(x, depth);
    case 't': return read_literal(x, "true");
    case 'f': return read_literal(x, "false");
    case 'n': return read_literal(x, "null");
    default: return read_number(x);
    }
}

static bool name_is(const char *name, const char *s, size_t n) {
    return strlen(name) == n && !memcmp(name, s, n);
}

// Which field a member name is, -1 for one to skip, -2 for one to leave to
// jansson (a ninjs 2.x array or an information source).
static int member_of(const fdp_ninjs_lite *f, const char *s, size_t n) {
    for (int k = 0; k < FDP_NINJS_FIELDS; k++)
        if (name_is(f->names[k], s, n))
            return k;
    for (size_t k = 0; f->complex[k]; k++)
        if (name_is(f->complex[k], s, n))
            return -2;
    return -1;
}

// The raw bytes of the string whose first byte is s[i] (after its opening
// quote), up to its closing quote or to n: found by memchr, the quotes that an
// odd run of backslashes escapes passed over.
static size_t raw_string_length(const char *s, size_t i, size_t n) {
    for (size_t at = i; at < n;) {
        const char *q = memchr(s + at, '"', n - at);
        if (!q)
            break;
        size_t end = (size_t)(q - s), k = end;
        while (k > i && s[k - 1] == '\\')
            k--;
        if ((end - k) % 2 == 0)
            return end - i;
        at = end + 1;
    }
    return n - i;
}

// One member "name": value at x->i; 1 read, 0 jansson's to read.
static int read_member(lexer *x, fdp_ninjs_lite *f) {
    if (x->i >= x->n || x->s[x->i] != '"')
        return 0;
    size_t name = x->i + 1;
    if (!read_string(x, NULL))
        return 0;
    // an escape in the name would need unescaping to compare: jansson's then
    int which = member_of(f, x->s + name, x->i - 1 - name);
    if (which == -2 || memchr(x->s + name, '\\', x->i - 1 - name))
        return 0;
    skip_space(x);
    if (x->i >= x->n || x->s[x->i++] != ':')
        return 0;
    skip_space(x);
    if (which < 0)
        return skip_value(x, 1);
    if (x->i >= x->n || x->s[x->i] != '"')
        return 0; // a field of another type: jansson's words for the error
    f->field[which].len = 0;
    f->has[which] = true;
    // Room for the whole string at once (its unescaped bytes are no more than
    // its raw ones): a body grown by doubling was copied a dozen times.
    fdp_buf_reserve(&f->field[which], raw_string_length(x->s, x->i + 1, x->n));
    return read_string(x, &f->field[which]);
}

int fdp_ninjs_lite_read(const char *s, size_t n, fdp_ninjs_lite *f) {
    for (int k = 0; k < FDP_NINJS_FIELDS; k++) {
        f->has[k] = false;
        f->field[k].len = 0;
        if (f->field[k].failed) // memory ran out on a line before: try afresh
            fdp_buf_free(&f->field[k]);
    }
    if (fdp_utf8_invalid_at(s, n) < n)
        return 0;
    lexer x = {s, 0, n};
    skip_space(&x);
    if (x.i >= x.n || x.s[x.i++] != '{')
        return 0;
    skip_space(&x);
    bool empty = x.i < x.n && x.s[x.i] == '}';
    if (empty)
        x.i++;
    while (!empty) {
        if (!read_member(&x, f))
            return 0;
        skip_space(&x);
        if (x.i >= x.n)
            return 0;
        char c = x.s[x.i++];
        if (c == '}')
            break;
        if (c != ',')
            return 0;
        skip_space(&x);
    }
    skip_space(&x);
    if (x.i != x.n)
        return 0; // more after the object: jansson's error
    for (int k = 0; k < FDP_NINJS_FIELDS; k++) {
        // a C string even when empty (the buffer is reused from line to line)
        if (f->has[k])
            fdp_buf_append(&f->field[k], "", 0);
        if (f->field[k].failed)
            return FD_ERR_NOMEM;
    }
    return 1;
}

void fdp_ninjs_lite_free(fdp_ninjs_lite *f) {
    for (int k = 0; k < FDP_NINJS_FIELDS; k++)
        fdp_buf_free(&f->field[k]);
}
