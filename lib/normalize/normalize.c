/*
 * normalize.c - the normaliser stage: UTF-8 checks, positions, folding text and
 * words for matching, and canonical names through the alias rules.
 *
 * Costly ICU calls run only where needed: punctuation and spaces go through a
 * small table, ASCII words are lowercased in C, and only words holding
 * non-ASCII letters pay for NFKC_Casefold and transliteration (about 3 MB/s
 * over whole texts, so never over whole texts).
 */
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "normalize/normalize.h"





// The transliterator that turns case-folded non-ASCII words into ASCII. ICU's
// transliterators are not safe for concurrent use, so each thread opens its
// own on first use (about 300 us) and closes it when the thread ends; the key
// of that thread-local slot is made once for the process.
static tss_t translit_key;
static bool translit_key_made;
static once_flag translit_once = ONCE_FLAG_INIT;

static void close_translit(void *t) { utrans_close(t); }

static void make_translit_key(void) {
    translit_key_made = tss_create(&translit_key, close_translit) == thrd_success;
}

static UTransliterator *ascii_translit(void) {
    call_once(&translit_once, make_translit_key);
    if (!translit_key_made)
        return NULL;
    UTransliterator *t = tss_get(translit_key);
    if (t)
        return t;
    UChar uid[32];
    u_uastrcpy(uid, "Any-Latin; Latin-ASCII");
    UErrorCode st = U_ZERO_ERROR;
    t = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
    if (U_FAILURE(st))
        return NULL; // folding then keeps the case-folded letters
    if (tss_set(translit_key, t) != thrd_success) {
        utrans_close(t);
        return NULL;
    }
    return t;
}

// What Latin-ASCII makes of a typographic apostrophe, quote or dash, or 0.
static UChar ascii_punct(UChar c) {
    switch (c) {
    case 0x2018: case 0x2019: case 0x201B: case 0x2032: case 0x02BB: case 0x02BC: case 0x02BD:
        return '\'';
    case 0x201C: case 0x201D:
        return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
        return '-';
    default:
        return 0;
    }
}

// Signs the transliterator leaves as they are: cent, pound, currency, yen,
// broken bar, section, not, degree, pilcrow, middle dot; euro, hryvnia, rouble,
// won, shekel, dong (not the rupee sign, which it writes "Rs").
static bool kept_sign(UChar c) {
    return (c >= 0x00A2 && c <= 0x00A7) || c == 0x00AC || c == 0x00B0 || c == 0x00B6 ||
           c == 0x00B7 || c == 0x20AC || c == 0x20B4 || c == 0x20BD || c == 0x20A9 ||
           c == 0x20AA || c == 0x20AB;
}

static bool latin_letter_block(UChar c) {
    return (c >= 0x00C0 && c <= 0x024F) || (c >= 0x1E00 && c <= 0x1EFF);
}

/* Latin letters with accents ("Dún", "Ștefan") and typographic punctuation,
 * folded as the transliterator would without it: its set-up costs about 40 ms
 * a process, and news in English rarely needs more. A letter of a Latin block
 * whose decomposition is an ASCII letter and combining marks is that letter.
 * False (u untouched) when anything else is left: another script, "ø", "ł". */
static bool fold_latin_alone(UChar *u, int32_t *m) {
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
    if (U_FAILURE(st))
        return false;
    for (int32_t i = 0; i < *m; i++) {
        UChar c = u[i], d[8];
        if (c < 0x80 || ascii_punct(c) || kept_sign(c))
            continue;
        if (!latin_letter_block(c))
            return false;
        int32_t n = unorm2_getDecomposition(nfd, c, d, 8, &st);
        if (U_FAILURE(st) || n < 2 || d[0] >= 0x80 || !u_isalpha(d[0]))
            return false;
        for (int32_t j = 1; j < n; j++)
            if (u_charType(d[j]) != U_NON_SPACING_MARK)
                return false;
    }
    int32_t k = 0;
    for (int32_t i = 0; i < *m; i++) {
        UChar c = u[i], d[8];
        if (c < 0x80 || kept_sign(c))
            u[k++] = c;
        else if (ascii_punct(c))
            u[k++] = ascii_punct(c);
        else if (unorm2_getDecomposition(nfd, c, d, 8, &st) > 0)
            u[k++] = d[0];
    }
    *m = k;
    return true;
}

// Case-folds (NFKC_Casefold) and transliterates UTF-8 text to ASCII into u,
// which has room for cap UTF-16 units; returns the length, or -1 on failure.
static int32_t fold_units(const char *s, size_t len, UChar *in, UChar *u, int32_t cap) {
    int32_t n = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8WithSub(in, cap, &n, s, (int32_t)len, 0xFFFD, NULL, &st);
    const UNormalizer2 *nfkc = U_SUCCESS(st) ? unorm2_getNFKCCasefoldInstance(&st) : NULL;
    int32_t m = U_SUCCESS(st) ? unorm2_normalize(nfkc, in, n, u, cap, &st) : 0;
    if (U_SUCCESS(st) && fold_latin_alone(u, &m))
        return m;
    UTransliterator *t = ascii_translit();
    if (U_SUCCESS(st) && t) {
        int32_t limit = m, textlen = m;
        utrans_transUChars(t, u, &textlen, cap, 0, &limit, &st);
        m = textlen;
    }
    return U_SUCCESS(st) ? m : -1;
}

// Case-folds (NFKC_Casefold) and transliterates a UTF-8 word to ASCII,
// appending to out. Short words (nearly all) use the stack; a longer one gets
// room on the heap, so nothing is cut. Falls back to copying the bytes when
// ICU fails.
static void fold_with_icu(const char *s, size_t len, fdp_buf *out) {
    enum { SHORT = 256 };
    UChar in_stack[SHORT], u_stack[SHORT * 4];
    // Folding and transliteration grow text by a few times at most.
    size_t cap = len < SHORT ? SHORT : len + 1;
    UChar *in = len < SHORT ? in_stack : malloc(sizeof(UChar) * cap);
    UChar *u = len < SHORT ? u_stack : malloc(sizeof(UChar) * cap * 4);
    if (!in || !u || len > INT32_MAX / 8) {
        fdp_buf_fail(out);
        if (in != in_stack)
            free(in);
        if (u != u_stack)
            free(u);
        return;
    }
    int32_t m = fold_units(s, len, in, u, (int32_t)cap * 4);
    char utf8_stack[1024], *utf8 = NULL;
    int32_t k = 0;
    UErrorCode st = U_ZERO_ERROR;
    if (m >= 0) {
        u_strToUTF8(NULL, 0, &k, u, m, &st); // preflight: the length only
        st = U_ZERO_ERROR;
        utf8 = k < (int32_t)sizeof utf8_stack ? utf8_stack : malloc((size_t)k + 1);
        if (utf8)
            u_strToUTF8(utf8, k + 1, NULL, u, m, &st);
    }
    if (m < 0 || (utf8 && U_FAILURE(st))) {
        fdp_buf_append(out, s, len);
    } else if (!utf8) {
        fdp_buf_fail(out);
    } else {
        for (int32_t i = 0; i < k; i++)
            utf8[i] = (utf8[i] >= 'A' && utf8[i] <= 'Z') ? (char)(utf8[i] + 32) : utf8[i];
        fdp_buf_append(out, utf8, (size_t)k);
    }
    if (utf8 != utf8_stack)
        free(utf8);
    if (in != in_stack)
        free(in);
    if (u != u_stack)
        free(u);
}

void fdp_fold_word(const char *s, size_t len, fdp_buf *out) {
    bool ascii = true;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80) {
            ascii = false;
            break;
        }
    if (!ascii) {
        fold_with_icu(s, len, out);
        return;
    }
    char low[64]; // lowered a chunk at a time: one append each, not one a byte
    for (size_t i = 0; i < len;) {
        size_t m = 0;
        for (; i < len && m < sizeof low; i++, m++)
            low[m] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
        fdp_buf_append(out, low, m);
    }
}

char *fd_fold_text(const char *utf8, size_t len, size_t *out_len, fd_error *err) {
    fdp_error_clear(err);
    size_t bad = fdp_utf8_invalid_at(utf8, len);
    if (bad < len) {
        int line, col;
        fdp_line_col(utf8, len, bad, &line, &col);
        fdp_error_set(err, FD_ERR_ENCODING, "<string>", line, col, bad,
                      "invalid UTF-8 byte 0x%02X", (unsigned char)utf8[bad]);
        return NULL;
    }
    // Pass 1: the punctuation table (NFKC_Casefold leaves quotes and dashes alone).
    // Runs of ASCII, nearly all of English copy, are copied whole.
    fdp_buf mapped = {0};
    for (size_t i = 0; i < len;) {
        size_t run = i;
        while (run < len && (unsigned char)utf8[run] < 0x80 && utf8[run] != '\t')
            run++;
        if (run > i) {
            fdp_buf_append(&mapped, utf8 + i, run - i);
            i = run;
            continue;
        }
        size_t at = i;
        int32_t cp = fdp_utf8_next(utf8, len, &i);
        char a = fdp_punct_ascii(cp);
        if (a)
            fdp_buf_putc(&mapped, a);
        else
            fdp_buf_append(&mapped, utf8 + at, i - at);
    }
    if (mapped.failed) {
        fdp_buf_free(&mapped);
        fdp_error_set(err, FD_ERR_NOMEM, "<string>", 0, 0, 0, "out of memory");
        return NULL;
    }
    // Pass 2: NFKC_Casefold through UTF-16, which most ICU normalisation APIs need.
    UErrorCode st = U_ZERO_ERROR;
    int32_t n16 = 0;
    u_strFromUTF8(NULL, 0, &n16, mapped.data ? mapped.data : "", (int32_t)mapped.len, &st);
    st = U_ZERO_ERROR;
    UChar *u = malloc(sizeof(UChar) * ((size_t)n16 + 1));
    UChar *f = malloc(sizeof(UChar) * ((size_t)n16 * 3 + 16));
    char *result = NULL;
    if (u && f) {
        u_strFromUTF8(u, n16 + 1, NULL, mapped.data ? mapped.data : "", (int32_t)mapped.len,
                      &st);
        const UNormalizer2 *nfkc = unorm2_getNFKCCasefoldInstance(&st);
        int32_t nf = U_SUCCESS(st) ? unorm2_normalize(nfkc, u, n16, f, n16 * 3 + 16, &st) : 0;
        int32_t n8 = 0;
        if (U_SUCCESS(st)) {
            u_strToUTF8(NULL, 0, &n8, f, nf, &st);
            if (st == U_BUFFER_OVERFLOW_ERROR)
                st = U_ZERO_ERROR;
            result = malloc((size_t)n8 + 1);
            if (result)
                u_strToUTF8(result, n8 + 1, NULL, f, nf, &st);
            if (out_len)
                *out_len = (size_t)n8;
        }
    }
    free(u);
    free(f);
    fdp_buf_free(&mapped);
    if (U_FAILURE(st)) {
        free(result);
        fdp_error_set(err, FD_ERR_ICU, "<string>", 0, 0, 0, "ICU: %s", u_errorName(st));
        return NULL;
    }
    if (!result)
        fdp_error_set(err, FD_ERR_NOMEM, "<string>", 0, 0, 0, "out of memory");
    return result;
}

/* A word of a name as the split reads it: the bytes [at, end) of the name, or a
 * hyphen (any dash), which is a word "-". */
typedef struct word_span {
    size_t at, end;
    bool hyphen;
} word_span;

// The code point at name[*i] (advancing *i) and its ASCII stand-in (*a, or 0),
// as fdp_utf8_next and fdp_punct_ascii give them; ASCII, nearly every byte of
// a name, without a call.
static inline int32_t next_point(const char *name, size_t len, size_t *i, char *a) {
    unsigned char c = (unsigned char)name[*i];
    if (c < 0x80) {
        ++*i;
        *a = c == '\t' ? ' ' : c == '`' ? '\'' : 0; // fdp_punct_ascii's two ASCII cases
        return c;
    }
    int32_t cp = fdp_utf8_next(name, len, i);
    *a = fdp_punct_ascii(cp);
    return cp;
}

// The next word of a name from name[*i] (advancing *i past it): false at the
// end. Hyphens are words of their own so that aliases written "al-Raqqa" and
// text tokens "al" "-" "Raqqa" meet; spaces, full stops, commas and quotes
// part words.
static bool next_word(const char *name, size_t len, size_t *i, word_span *w) {
    while (*i < len) {
        size_t at = *i;
        char a;
        int32_t cp = next_point(name, len, i, &a);
        if (cp == ' ' || a == ' ' || cp == '.' || cp == ',' || cp == '"' || a == '"')
            continue;
        if (cp == '-' || a == '-') {
            *w = (word_span){at, *i, true};
            return true;
        }
        size_t end = *i;
        while (end < len) {
            size_t j = end;
            char a2;
            int32_t c2 = next_point(name, len, &j, &a2);
            if (c2 == ' ' || c2 == '-' || c2 == '.' || c2 == ',' || c2 == '"' || a2)
                break;
            end = j;
        }
        *w = (word_span){at, end, false};
        *i = end;
        return true;
    }
    return false;
}

// Splits a name into words: folded into words[], verbatim into raw[] (if given).
// Returns the number of words (at most max).
int fdp_split_words(const char *name, size_t len, char **words, char **raw, int max) {
    int n = 0;
    size_t i = 0;
    for (word_span w; n < max && next_word(name, len, &i, &w); n++) {
        if (w.hyphen) {
            words[n] = fdp_strdup("-");
            if (raw)
                raw[n] = fdp_strdup("-");
            continue;
        }
        fdp_buf f = {0};
        fdp_fold_word(name + w.at, w.end - w.at, &f);
        words[n] = fdp_buf_take(&f);
        if (raw)
            raw[n] = fdp_strndup(name + w.at, w.end - w.at);
    }
    bool complete = true;
    for (int k = 0; k < n; k++)
        complete = complete && words[k] && (!raw || raw[k]);
    if (!complete) { // out of memory: no word list with holes
        for (int k = 0; k < n; k++) {
            free(words[k]);
            if (raw)
                free(raw[k]);
        }
        return FD_ERR_NOMEM;
    }
    return n;
}

/* ---- romanisation-aware name keys --------------------------------------- */

static bool in_list(const char *const *list, size_t n, const char *w) {
    for (size_t i = 0; i < n; i++) // the first letter settles most without a call
        if (list[i][0] == w[0] && !strcmp(w, list[i]))
            return true;
    return false;
}

// "ezzor" -> "zor", "assamir" -> "samir": an article vowel and a sun letter
// doubled at the start (the rules name both; not "l": the article before l is
// not assimilated, and "Allah" is a word).
static const char *strip_fused_article(const fdp_name_key_rules *k, const char *w) {
    if (k->fused_vowels && k->fused_letters && w[0] && strchr(k->fused_vowels, w[0]) &&
        w[1] && w[1] == w[2] && strchr(k->fused_letters, w[1]) &&
        strlen(w) >= k->fused_min_length)
        return w + 2;
    return w;
}

// Abdel / Abdul / Abd al- / Abdal: a joined prefix loses its linking article,
// in place (the first prefix of the rules that the word starts with).
static void cut_joined_prefix(const fdp_name_key_rules *k, char *buf) {
    for (size_t p = 0; p < k->nprefixes; p++) {
        const fdp_joined_prefix *jp = &k->prefixes[p];
        if (jp->prefix[0] && jp->prefix[0] != buf[0])
            continue; // most words fail at the first letter
        size_t pl = strlen(jp->prefix);
        if (strncmp(buf, jp->prefix, pl) != 0)
            continue;
        char *rest = buf + pl;
        for (size_t i = 0; i < jp->nlinks; i++) {
            size_t ll = strlen(jp->links[i]);
            if (!strncmp(rest, jp->links[i], ll)) {
                memmove(rest, rest + ll, strlen(rest + ll) + 1);
                break;
            }
        }
        return;
    }
}

void fdp_index_spellings(const fdp_name_key_rules *k, fdp_spelling_index *ix) {
    memset(ix, 0, sizeof *ix);
    for (size_t j = 0; j < k->nspellings; j++) {
        unsigned char c = (unsigned char)k->spellings[j].from[0];
        if (!c || c >= 128 || j >= UINT32_MAX)
            continue; // an empty or non-ASCII "from" matches no key's letters
        if (!ix->hi[c])
            ix->lo[c] = (uint32_t)j;
        ix->hi[c] = (uint32_t)j + 1;
    }
}

/*
 * Rewrites a lowercase ASCII string in place by the spelling variants of
 * romanised names: first the rules' substitutions (kh/q/c/ck to h/k, "ou"/"oo"/
 * "u" to "o", "ei"/"ey"/"ai"/"aw" to single vowels, "dh"/"th" to "d"/"t", ...),
 * tried in order at each position; then "-ed" endings to "-ad", "-ah"/"-eh" to
 * "a", "e" after the first letter to "i", and doubled letters to one.
 */
static void fold_spelling(const fdp_name_key_rules *k, const fdp_spelling_index *ix,
                          char *s) {
    char out[256];
    size_t n = 0;
    for (size_t i = 0; s[i] && n + 2 < sizeof out;) {
        bool done = false;
        unsigned char c = (unsigned char)s[i];
        size_t lo = c < 128 ? ix->lo[c] : 0, hi = c < 128 ? ix->hi[c] : 0;
        for (size_t j = lo; j < hi && !done; j++) {
            const char *from = k->spellings[j].from;
            if (from[0] != s[i]) // most spellings fail at their first letter
                continue;
            size_t l = 1; // from is a prefix of s + i when it ends first (s ends in NUL)
            while (from[l] && from[l] == s[i + l])
                l++;
            if (!from[l]) {
                for (const char *t = k->spellings[j].to; *t && n + 1 < sizeof out; t++)
                    out[n++] = *t;
                i += l;
                done = true;
            }
        }
        if (!done)
            out[n++] = s[i++];
    }
    out[n] = '\0';
    // "Ahmed"/"Ahmad", "Mohammed"/"Muhammad": a final "-ed" is "-ad".
    if (n > 4 && out[n - 2] == 'e' && out[n - 1] == 'd')
        out[n - 2] = 'a';
    // "-ah", "-eh" endings; "e" before the last consonant ("Idleb"/"Idlib").
    if (n > 3 && out[n - 1] == 'h' && (out[n - 2] == 'a' || out[n - 2] == 'e')) {
        out[n - 2] = 'a';
        out[--n] = '\0';
    }
    for (size_t i = 1; i + 1 < n; i++)
        if (out[i] == 'e')
            out[i] = 'i';
    if (n > 2 && out[n - 1] == 'e')
        out[n - 1] = 'i';
    // doubled letters
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (m == 0 || out[i] != out[m - 1])
            out[m++] = out[i];
    out[m] = '\0';
    strcpy(s, out);
}

// Appends the key of one folded word w to key (k NULL: letters and digits only).
static void key_word(const fdp_name_key_rules *k, const fdp_spelling_index *ix,
                     const char *w, fdp_buf *key) {
    char buf[256];
    const char *from = k ? strip_fused_article(k, w) : w;
    size_t len = 0; // at most 255 bytes of it, as snprintf would keep
    while (from[len] && len + 1 < sizeof buf)
        len++;
    memcpy(buf, from, len);
    buf[len] = '\0';
    if (k)
        cut_joined_prefix(k, buf);
    // keep letters and digits only: "Khamene'i" and "Khamenei" are one spelling
    size_t n = 0;
    for (size_t j = 0; buf[j]; j++)
        if ((buf[j] >= 'a' && buf[j] <= 'z') || (buf[j] >= '0' && buf[j] <= '9'))
            buf[n++] = buf[j];
    buf[n] = '\0';
    if (k)
        fold_spelling(k, ix, buf);
    fdp_buf_puts(key, buf);
}

#define NAME_KEY_WORDS 32 /* words of a name its key reads; the rest are left out */

// Folds the words of a name (at most NAME_KEY_WORDS, as fdp_split_words reads
// them) into one buffer, each NUL-terminated, a hyphen as "-": at[i] is word
// i's offset. One buffer, not a string per word. Returns the count, or
// FD_ERR_NOMEM.
static int fold_name_words(const char *name, size_t len, fdp_buf *all, size_t *at) {
    int n = 0;
    size_t i = 0;
    for (word_span w; n < NAME_KEY_WORDS && next_word(name, len, &i, &w); n++) {
        at[n] = all->len;
        if (w.hyphen)
            fdp_buf_putc(all, '-');
        else
            fdp_fold_word(name + w.at, w.end - w.at, all);
        fdp_buf_putc(all, '\0');
    }
    return all->failed ? FD_ERR_NOMEM : n;
}

char *fdp_name_key(const fdp_name_key_rules *k, const char *name, size_t len,
                   fd_error *err) {
    fdp_spelling_index ix;
    if (k && k->loaded)
        fdp_index_spellings(k, &ix);
    return fdp_name_key_indexed(k, &ix, name, len, err);
}

char *fdp_name_key_indexed(const fdp_name_key_rules *k, const fdp_spelling_index *ix,
                           const char *name, size_t len, fd_error *err) {
    fdp_error_clear(err);
    if (fdp_utf8_invalid_at(name, len) < len) {
        fdp_error_set(err, FD_ERR_ENCODING, "<string>", 0, 0, fdp_utf8_invalid_at(name, len),
                      "invalid UTF-8 in name");
        return NULL;
    }
    if (k && !k->loaded)
        k = NULL;
    fdp_buf all = {0};
    size_t at[NAME_KEY_WORDS];
    int n = fold_name_words(name, len, &all, at);
    if (n < 0) {
        fdp_buf_free(&all);
        fdp_error_set(err, FD_ERR_NOMEM, "<string>", 0, 0, 0, "out of memory");
        return NULL;
    }
    fdp_buf key = {0};
    for (int i = 0; i < n; i++) {
        const char *w = all.data + at[i];
        bool hyphen_after = i + 1 < n && !strcmp(all.data + at[i + 1], "-");
        if (!strcmp(w, "-"))
            continue;
        // the article, before a hyphen or a further word: "al-Raqqa", "Al Qaryatain"
        if (k && in_list(k->articles, k->narticles, w) && i + 1 < n &&
            (hyphen_after || n > 1))
            continue;
        if (k && in_list(k->dropped, k->ndropped, w))
            continue;
        key_word(k, ix, w, &key);
    }
    fdp_buf_free(&all);
    char *out = fdp_buf_take(&key);
    if (!out)
        fdp_error_set(err, FD_ERR_NOMEM, "<string>", 0, 0, 0, "out of memory");
    return out;
}

int fdp_damerau(const char *a, const char *b) {
    size_t n = strlen(a), m = strlen(b);
    if (n > 63 || m > 63)
        return (int)(n > m ? n - m : m - n) + 64;
    int d[64][64];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            int cost = a[i - 1] != b[j - 1];
            int best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < best)
                best = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1; // a transposition: Palmyra / Palymra
            d[i][j] = best;
        }
    return d[n][m];
}

static bool vowel(char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

// Letters that romanisations exchange: vowels among themselves, Russian g for
// Ukrainian h (Lugansk / Luhansk), j for y (Benjamin / Binyamin).
static bool exchangeable(char x, char y) {
    return (vowel(x) && vowel(y)) || (x == 'g' && y == 'h') || (x == 'h' && y == 'g') ||
           (x == 'j' && y == 'i') || (x == 'i' && y == 'j');
}

/*
 * True if two keys are one name up to a typo or a romanisation variant: equal,
 * or, for names of six letters or more that share their first letter, one edit
 * apart, where the edit is a transposition (Palmyra / Palymra), a dropped letter
 * (Misrata / Misurata), or inside the name an exchange of letters romanisations
 * exchange (Nasrallah / Nasrullah). A different consonant (Gambia / Zambia,
 * Iceland / Ireland) or ending (Navalny / Navalnaya) is a different name.
 */
bool fdp_keys_close(const char *a, const char *b) {
    return !strcmp(a, b) || fdp_keys_near(a, strlen(a), b, strlen(b));
}

bool fdp_keys_near(const char *a, size_t n, const char *b, size_t m) {
    if ((n < m ? n : m) < FDP_KEYS_CLOSE_MIN || a[0] != b[0])
        return false;
    if (n == m) {
        size_t i = 0;
        while (a[i] == b[i])
            i++;
        if (i + 1 < n && a[i] == b[i + 1] && a[i + 1] == b[i] && !strcmp(a + i + 2, b + i + 2))
            return true; // transposition
        return i + 1 < n && exchangeable(a[i], b[i]) && !strcmp(a + i + 1, b + i + 1);
    }
    if (n + 1 != m && m + 1 != n)
        return false;
    const char *lng = n > m ? a : b, *sht = n > m ? b : a;
    size_t i = 0;
    while (sht[i] && sht[i] == lng[i])
        i++;
    return !strcmp(sht + i, lng + i + 1); // one letter dropped
}
