/* utf8.c - UTF-8 decoding and checks, positions, and the punctuation table. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "base/base.h"

size_t fdp_utf8_invalid_at(const char *s, size_t len) {
    size_t i = 0;
    while (i < len) {
        // ASCII, most of any English text, sixteen bytes at a time where SSE2
        // is (every x86-64), else eight
#ifdef __SSE2__
        while (i + 16 <= len &&
               !_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + i))))
            i += 16;
#endif
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            i += 8;
        }
        while (i < len && (unsigned char)s[i] < 0x80)
            i++;
        if (i >= len)
            break;
        size_t at = i;
        if (fdp_utf8_next(s, len, &i) < 0)
            return at;
    }
    return len;
}

int32_t fdp_utf8_next(const char *s, size_t len, size_t *i) {
    const unsigned char *p = (const unsigned char *)s;
    size_t k = *i;
    unsigned c = p[k];
    if (c < 0x80) {
        *i = k + 1;
        return (int32_t)c;
    }
    int n;
    int32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 1; cp = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2; cp = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3; cp = c & 0x07; min = 0x10000;
    } else {
        *i = k + 1;
        return -1;
    }
    if (k + (size_t)n >= len) { // truncated sequence
        *i = k + 1;
        return -1;
    }
    for (int j = 1; j <= n; j++) {
        unsigned cc = p[k + (size_t)j];
        if ((cc & 0xC0) != 0x80) {
            *i = k + 1;
            return -1;
        }
        cp = (cp << 6) | (int32_t)(cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        *i = k + 1;
        return -1;
    }
    *i = k + (size_t)n + 1;
    return cp;
}

void fdp_line_col(const char *s, size_t len, size_t off, int *line, int *column) {
    int ln = 1;
    size_t line_start = 0;
    if (off > len)
        off = len;
    for (size_t i = 0; i < off; i++)
        if (s[i] == '\n') {
            ln++;
            line_start = i + 1;
        }
    // Columns count code points: every byte that does not continue a sequence.
    int col = 1;
    for (size_t i = line_start; i < off; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            col++;
    *line = ln;
    *column = col;
}

char fdp_punct_ascii(int32_t cp) {
    switch (cp) {
    case 0x00A0: case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004:
    case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009: case 0x200A:
    case 0x202F: case 0x205F: case 0x3000: case 0x0009:
        return ' ';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
        return '-';
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC:
    case 0x02BB: case 0x0060: case 0x00B4:
        return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB:
    case 0x00BB:
        return '"';
    default:
        return 0;
    }
}

void fdp_append_valid_utf8(fdp_buf *b, const char *s, size_t len) {
    for (size_t i = 0; i < len;) {
        size_t at = i;
        if (fdp_utf8_next(s, len, &i) < 0)
            fdp_buf_puts(b, "\xEF\xBF\xBD"); // U+FFFD for each bad byte
        else
            fdp_buf_append(b, s + at, i - at);
    }
}

// True for a control character (C0, DEL, C1): never written to a terminal as is.
static bool is_control(int32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp < 0xA0); }

void fdp_fput_text(FILE *out, const char *s, size_t len) {
    for (size_t i = 0; i < len;) {
        size_t at = i;
        int32_t cp = fdp_utf8_next(s, len, &i);
        if (cp < 0)
            fputs("\xEF\xBF\xBD", out); // U+FFFD for each bad byte
        else if (is_control(cp))
            fputc(' ', out);
        else
            fwrite(s + at, 1, i - at, out);
    }
}

size_t fdp_copy_text(char *out, size_t cap, const char *s, size_t len, size_t max_points) {
    size_t n = 0, points = 0;
    for (size_t i = 0; i < len && points < max_points;) {
        size_t at = i;
        int32_t cp = fdp_utf8_next(s, len, &i);
        const char *piece = cp < 0 ? "\xEF\xBF\xBD" : is_control(cp) ? " " : NULL;
        size_t plen = piece ? strlen(piece) : i - at;
        if (n + plen + 1 > cap)
            break; // whole code points only
        memcpy(out + n, piece ? piece : s + at, plen);
        n += plen;
        points++;
    }
    if (cap)
        out[n] = '\0';
    return n;
}

// The code points of s[0, n): the bytes that do not continue a sequence
// (10xxxxxx), counted sixteen or eight at a time. In a word of eight, a byte
// continues one when its bit 7 is set and its bit 6 (moved up by the shift) is
// clear; the multiplication adds the eight 0-or-1 bytes into the top one.
static size_t count_code_points(const char *s, size_t n) {
    const uint64_t high = 0x8080808080808080ull, ones = 0x0101010101010101ull;
    size_t i = 0, points = 0;
#ifdef __SSE2__
    // Sixteen bytes at a time where SSE2 is: a continuation byte is, as a
    // signed byte, below -64; each lane counts those of its column, and the
    // lanes are added up (psadbw) before one could pass 255.
    const __m128i below = _mm_set1_epi8(-64), zero = _mm_setzero_si128();
    while (i + 16 <= n) {
        __m128i lanes = zero;
        size_t from = i;
        for (int k = 0; k < 255 && i + 16 <= n; k++, i += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            lanes = _mm_sub_epi8(lanes, _mm_cmplt_epi8(v, below));
        }
        __m128i sums = _mm_sad_epu8(lanes, zero);
        size_t continuing = (size_t)_mm_cvtsi128_si32(sums) + (size_t)_mm_extract_epi16(sums, 4);
        points += i - from - continuing;
    }
#endif
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t cont = (w & ~(w << 1) & high) >> 7;
        points += 8 - (size_t)((cont * ones) >> 56);
    }
    for (; i < n; i++)
        points += ((unsigned char)s[i] & 0xC0) != 0x80;
    return points;
}

void fdp_cursor_advance(const char *s, fdp_cursor *cu, size_t to) {
    if (cu->off >= to)
        return;
    // memchr finds the newlines; only the line that to is on has its columns
    // counted (a column is a byte that does not continue a UTF-8 sequence), so
    // the lines passed over cost no more than the search.
    const char *p = s + cu->off, *e = s + to, *nl;
    while ((nl = memchr(p, '\n', (size_t)(e - p))) != NULL) {
        cu->line++;
        cu->col = 1;
        p = nl + 1;
    }
    cu->col += (int)count_code_points(p, (size_t)(e - p));
    cu->off = to;
}

bool fdp_is_ignorable(int32_t cp) {
    return cp == 0x00AD || cp == 0x061C || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}
