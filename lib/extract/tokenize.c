/*
 * tokenize.c - paragraph tokenizer for the extractor.
 *
 * Works on the original UTF-8 bytes so every token keeps exact byte offsets.
 * Digits of any script are numbers (u_charDigitValue); digit groups separated by
 * one space of any kind ("1 448", "2 000") are joined afterwards, since news
 * copy uses ASCII spaces, NBSP and U+202F alike as thousands separators.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "tokenize.h"

void fdp_token_list_free(token_list *list) {
    free(list->t);
    list->t = NULL;
    list->n = list->cap = 0;
}

#ifdef __SSE2__
// A token is two cache lines; clear_token's stores are written for that size.
typedef char token_is_128_bytes[sizeof(token) == 128 ? 1 : -1];
#endif

// Zeroes a token. A memset was a call per token, and a copy of a static zero
// token loads each 16 bytes it stores (the compiler makes a loop of stores a
// memset again): eight stores of one zeroed register.
static inline void clear_token(token *t) {
#ifdef __SSE2__
    __m128i zero = _mm_setzero_si128(), *v = (__m128i *)(void *)t;
    _mm_storeu_si128(v, zero);
    _mm_storeu_si128(v + 1, zero);
    _mm_storeu_si128(v + 2, zero);
    _mm_storeu_si128(v + 3, zero);
    _mm_storeu_si128(v + 4, zero);
    _mm_storeu_si128(v + 5, zero);
    _mm_storeu_si128(v + 6, zero);
    _mm_storeu_si128(v + 7, zero);
#else
    static const token zero;
    *t = zero;
#endif
}

static token *push(token_list *l) {
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        token *p = realloc(l->t, cap * sizeof *p);
        if (!p)
            return NULL;
        l->t = p;
        l->cap = cap;
    }
    token *t = &l->t[l->n++];
    clear_token(t);
    return t;
}

// The value of a fraction character ("¾": 0.75), or 0.
static double vulgar_value(int32_t cp) {
    if (cp < 0x80 || u_charType(cp) != U_OTHER_NUMBER)
        return 0;
    double v = u_getNumericValue(cp);
    return v > 0 && v < 1 ? v : 0;
}

// ASCII answers come first everywhere below: English copy is nearly all ASCII,
// and ICU's property lookups are for the rest.
static inline bool is_letter(int32_t cp) {
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    return u_isalpha(cp) || u_hasBinaryProperty(cp, UCHAR_DIACRITIC);
}

static inline int digit_value(int32_t cp) {
    if (cp >= '0' && cp <= '9')
        return cp - '0';
    if (cp < 0x80)
        return -1;
    return u_charDigitValue(cp);
}

static inline bool is_space(int32_t cp) {
    if (cp < 0x80)
        return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n';
    return cp == 0xFEFF || fdp_punct_ascii(cp) == ' ';
}

// fdp_is_ignorable, with no call for ASCII, which holds no format character.
static inline bool is_ignorable(int32_t cp) { return cp >= 0x80 && fdp_is_ignorable(cp); }

static inline int32_t peek(const char *s, size_t end, size_t i, size_t *next) {
    if (i >= end) {
        *next = i;
        return -2;
    }
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        *next = i + 1;
        return c;
    }
    *next = i;
    return fdp_utf8_next(s, end, next);
}

// "1,50,000", "2,00,00,000": lakh and crore grouping, pairs of digits before a
// last group of three.
static bool indian_grouping(const int *sep_pos, int nsep, int nd) {
    if (nd - sep_pos[nsep - 1] != 3 || sep_pos[0] > 2)
        return false;
    for (int k = 1; k < nsep; k++)
        if (sep_pos[k] - sep_pos[k - 1] != 2)
            return false;
    return true;
}

/*
 * parse_digits for the commonest number, ASCII digits only ("2019", "45"): its
 * value read as it reads it, with no code point decoded. False, t untouched,
 * for any other (a separator, another script's digits, more than 64 digits).
 */
static bool plain_ascii_digits(const char *s, size_t a, size_t b, token *t) {
    if (b - a > 64)
        return false;
    for (size_t i = a; i < b; i++)
        if ((unsigned char)(s[i] - '0') > 9)
            return false;
    double v = 0;
    for (size_t i = a; i < b; i++)
        v = v * 10 + (s[i] - '0');
    t->val = v;
    t->int_digits = (int)(b - a);
    t->frac_digits = 0;
    t->plain = true;
    t->dot3 = false;
    return true;
}

/*
 * Parses the digits and separators of s[a, b) into a value. The separator rules:
 * with both ',' and '.', the last one is the decimal point; a lone ',' or '.'
 * followed by exactly three digits groups thousands for ',' ("1,448") and is a
 * decimal point for '.' (English copy: "1.448" is rare and ambiguous); groups of
 * three after every separator ("1.448.000") are thousands.
 */
static void parse_digits(const char *s, size_t a, size_t b, token *t) {
    if (plain_ascii_digits(s, a, b, t))
        return;
    int digits[64], nd = 0, seps[16], nsep = 0, sep_pos[16];
    size_t i = a;
    while (i < b && nd < 64) {
        int32_t cp = fdp_utf8_next(s, b, &i);
        int d = digit_value(cp);
        if (d >= 0)
            digits[nd++] = d;
        else if (fdp_is_ignorable(cp))
            continue; // "5\u200b448": no separator
        else if (nsep < 16) {
            seps[nsep] = (cp == 0x066B) ? '.' : (cp == 0x066C || cp == 0x2019) ? '\'' : cp;
            sep_pos[nsep++] = nd;
        }
    }
    int dec_at = nd; // index of the first fractional digit
    if (nsep > 0) {
        int last = seps[nsep - 1];
        bool mixed = false;
        for (int k = 0; k < nsep; k++)
            if (seps[k] != last)
                mixed = true;
        bool groups_of_three = true;
        for (int k = 0; k < nsep; k++) {
            int next = (k + 1 < nsep) ? sep_pos[k + 1] : nd;
            if (next - sep_pos[k] != 3)
                groups_of_three = false;
        }
        if (mixed && last != '\'')
            dec_at = sep_pos[nsep - 1];
        else if (last == '.' && (nsep == 1 || !groups_of_three))
            dec_at = sep_pos[nsep - 1];
        else if (last == ',' && !groups_of_three && nsep == 1)
            dec_at = sep_pos[0]; // "2,5": a decimal comma
        t->code = nsep >= 2 && !mixed && (last == '.' || last == ',') && !groups_of_three &&
                  !(last == ',' && indian_grouping(sep_pos, nsep, nd));
    }
    double v = 0;
    for (int k = 0; k < dec_at; k++)
        v = v * 10 + digits[k];
    double scale = 0.1;
    for (int k = dec_at; k < nd; k++, scale /= 10)
        v += digits[k] * scale;
    t->val = v;
    t->int_digits = dec_at;
    t->frac_digits = (unsigned char)(nd - dec_at); // at most 64 digits are read
    t->plain = nsep == 0;
    t->dot3 = nsep == 1 && seps[0] == '.' && nd - sep_pos[0] == 3 && sep_pos[0] > 0;
}

// Reads a run of letters (with inner apostrophes) or digits from i; returns end.
static size_t scan_word(const char *s, size_t end, size_t i, bool *digits_only, bool *has_digit) {
    size_t j = i, next;
    int32_t cp = peek(s, end, j, &next);
    bool numeric = digit_value(cp) >= 0;
    *digits_only = numeric;
    *has_digit = numeric;
    while (j < end) {
        if (!numeric) {
            // the common case: a run of ASCII letters
            unsigned char b = (unsigned char)s[j];
            if (((b | 32) >= 'a' && (b | 32) <= 'z')) {
                j++;
                continue;
            }
        }
        cp = peek(s, end, j, &next);
        if (numeric) {
            if (digit_value(cp) >= 0) {
                j = next;
                continue;
            }
            // A separator between digits stays inside the number: 1,448 2.5 1'448 ١٬٤٤٨
            bool sep = cp == ',' || cp == '.' || cp == '\'' || cp == 0x2019 || cp == 0x066B ||
                       cp == 0x066C;
            size_t after;
            if ((sep || is_ignorable(cp)) && digit_value(peek(s, end, next, &after)) >= 0) {
                j = next;
                continue;
            }
            break; // "5bn", "21st": the letters become their own token
        }
        if (is_letter(cp) || (digit_value(cp) >= 0)) {
            if (digit_value(cp) >= 0)
                *has_digit = true;
            j = next;
            continue;
        }
        if (cp == '\'' || cp == 0x2019 || is_ignorable(cp)) {
            size_t after;
            if (is_letter(peek(s, end, next, &after))) {
                j = next;
                continue;
            }
        }
        break;
    }
    return j;
}

// Folds s[a, b) into t->w; returns its length. *hash: fdp_hash_word of it.
static size_t fold_into(token *t, const char *s, size_t a, size_t b, uint32_t *hash) {
    // ASCII words (nearly all of English copy) are lowercased in place, curly
    // apostrophes ("Syria’s") included; only words with other letters pay for
    // ICU folding. A word too long for w keeps its head and is marked truncated,
    // so that no rule word ever matches it.
    size_t n = 0;
    for (size_t i = a; i < b; i++) {
        unsigned char c = (unsigned char)s[i];
        if (n + 1 >= sizeof t->w) {
            t->truncated = true;
            break;
        }
        if (c < 0x80) {
            c = (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
            t->w[n++] = (char)c;
        } else if (c == 0xE2 && i + 2 < b && (unsigned char)s[i + 1] == 0x80 &&
                   ((unsigned char)s[i + 2] == 0x99 || (unsigned char)s[i + 2] == 0x98)) {
            t->w[n++] = '\'';
            i += 2;
        } else {
            fdp_buf f = {0};
            fdp_fold_word(s + a, b - a, &f);
            n = f.len < sizeof t->w - 1 ? f.len : sizeof t->w - 1;
            t->truncated = f.len > sizeof t->w - 1 || b - a > 200; // ICU folds 200 bytes
            if (f.data)
                memcpy(t->w, f.data, n);
            fdp_buf_free(&f);
            t->w[n] = '\0';
            *hash = fdp_hash_word_held(t->w, n);
            return n;
        }
    }
    t->w[n] = '\0';
    *hash = fdp_hash_word_held(t->w, n);
    return n;
}

// True if the byte after a run of ASCII letters leaves the word to scan_word
// and fold_into: a digit ("News24"), an apostrophe ("rally's"), any non-ASCII.
static inline bool word_goes_on(unsigned char c) {
    // Tests joined with |, not ||: the byte after a word (a space, a comma, a
    // full stop) follows no pattern a branch could learn, and one branch on
    // the answer, nearly always false, does.
    return (c >= 0x80) | (c == '\'') | ((unsigned char)(c - '0') < 10);
}

/*
 * ascii_word for a word of n < 16 letters at s[i], whose next byte is readable:
 * its 16 bytes are read whole, the letters folded at once (their bit 0x20 set)
 * and the rest zeroed, which ends the string and is the hash's one block.
 */
static size_t short_ascii_word(const char *s, size_t i, size_t n, token *t) {
    if (word_goes_on((unsigned char)s[i + n]))
        return 0;
#ifdef __SSE2__
    const __m128i at = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    __m128i letters = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(s + i)),
                                   _mm_set1_epi8(0x20));
    __m128i kept = _mm_and_si128(letters, _mm_cmplt_epi8(at, _mm_set1_epi8((char)n)));
    _mm_storeu_si128((__m128i *)(void *)t->w, kept);
    uint64_t lo = (uint64_t)_mm_cvtsi128_si64(kept),
             hi = (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(kept, kept));
    t->hash = fdp_hash_word_end(fdp_hash_word_block(FDP_HASH_SEED, lo, hi));
#else
    for (size_t k = 0; k < n; k++)
        t->w[k] = (char)(s[i + k] | 32);
    t->w[n] = '\0';
    t->hash = fdp_hash_word_held(t->w, n);
#endif
    t->truncated = false;
    return i + n;
}

/*
 * The common word, ASCII letters only, read from i in one pass: its end, with
 * t->w folded and t->hash set as fold_into sets them (a word too long for w is
 * cut and marked truncated). 0 when anything but a plain end follows the letters
 * (a digit, an apostrophe, any non-ASCII byte), for scan_word and fold_into.
 */
static size_t ascii_word(const char *s, size_t end, size_t i, token *t) {
    // Nearly every word ends within 16 bytes: one test finds where.
    if (end - i >= 16) {
        unsigned others = ~fdp_ascii_letters16(s + i) & 0xFFFFu;
        if (others)
            return short_ascii_word(s, i, (size_t)__builtin_ctz(others), t);
    }
    // The letters that fit in w, folded and hashed; then any more, only passed.
    size_t j = i, keep = end - i < sizeof t->w - 1 ? end : i + sizeof t->w - 1;
    char *w = t->w;
    for (; j < keep; j++) {
        unsigned char c = (unsigned char)s[j] | 32;
        if ((unsigned char)(c - 'a') > 'z' - 'a')
            break;
        *w++ = (char)c;
    }
    size_t n = j - i;
    if (j == keep)
        while (j < end && (unsigned char)(((unsigned char)s[j] | 32) - 'a') <= 'z' - 'a')
            j++;
    if (j < end && word_goes_on((unsigned char)s[j]))
        return 0;
    t->w[n] = '\0';
    t->truncated = j - i >= sizeof t->w;
    t->hash = fdp_hash_word_held(t->w, n);
    return j;
}

// "rally's" and "Syria’s" are looked up as "rally" and "syria"; the span keeps
// the whole word. n: the length of t->w; *hash is kept its hash.
static void strip_possessive(token *t, size_t n, uint32_t *hash) {
    if (n > 3 && t->w[n - 2] == '\'' && t->w[n - 1] == 's') {
        t->w[n - 2] = '\0';
        t->possessive = true;
        *hash = fdp_hash_word_held(t->w, n - 2);
    }
}

// The word's lexicon entry, from its key k (or none), with what the scans
// read of every token copied from the key: its word lists for tk_has, its
// classes and flags.
static void set_lex(token *t, const struct fdp_lex_key *k) {
    t->lex = k ? k->entry : NULL;
    if (k) {
        memcpy(t->lists, k->lists, sizeof t->lists);
        t->noun = k->noun;
        t->pred = k->pred;
        t->month = k->month;
        t->starter = k->starter;
    }
}

// Joins "1 448" and "2 000": a 1-3 digit number, one space, then groups of
// three. True if it joined any (the tokens after moved).
static bool join_digit_groups(token_list *l, size_t base) {
    // Tokens move only after the first join: most paragraphs have none.
    size_t first = base, before = l->n;
    while (first + 1 < l->n && !(l->t[first].type == TK_NUM && l->t[first + 1].type == TK_NUM &&
                                 l->t[first + 1].gap == GAP_ONE))
        first++;
    if (first + 1 >= l->n)
        return false;
    size_t out = first;
    for (size_t i = first; i < l->n; i++) {
        token t = l->t[i];
        if (t.type == TK_NUM && t.plain && t.int_digits <= 3) {
            while (i + 1 < l->n && l->t[i + 1].type == TK_NUM && l->t[i + 1].gap == GAP_ONE &&
                   l->t[i + 1].plain && l->t[i + 1].int_digits == 3 &&
                   !(i + 2 < l->n && l->t[i + 2].type == TK_NUM && l->t[i + 2].gap == GAP_NONE)) {
                t.val = t.val * 1000 + l->t[i + 1].val;
                t.end = l->t[i + 1].end;
                t.int_digits += 3;
                t.plain = false; // grouped: never a year
                i++;
            }
        }
        l->t[out++] = t;
    }
    l->n = out;
    return out != before;
}

static bool is_abbreviation(const token *t) {
    if (t->type != TK_WORD)
        return false;
    if (t->end - t->start == 1 && t->cap)
        return true; // an initial: "John F. Kennedy", "U.S."
    return tk_has(t, FDP_WL_ABBREVIATIONS);
}

// A closing quote or bracket: a sentence's end mark may stand before it.
static bool closes(const token *t) {
    return t->type == TK_PUNCT && (t->p == '"' || t->p == '\'' || t->p == ')');
}

// True if t, after the end mark at token k (and any closing quotes), starts a
// sentence: a capital, digit or quote, unless the full stop ends an
// abbreviation.
static bool starts_after(const token_list *l, size_t base, size_t k, const token *t) {
    const token *end = &l->t[k];
    if (end->p == '.' && k > base && is_abbreviation(&l->t[k - 1]) && end->gap == GAP_NONE)
        return false;
    // "No. 5" is a number; "voted No. The" ends a sentence
    if (end->p == '.' && k > base && tk_has(&l->t[k - 1], FDP_WL_NUMBER_ABBREVIATIONS) &&
        end->gap == GAP_NONE && t->type == TK_NUM)
        return false;
    return (t->type == TK_WORD && t->cap) || t->type == TK_NUM ||
           (t->type == TK_PUNCT && (t->p == '"' || t->p == '\'' || t->p == '('));
}

// Marks the sentence start, if any, after the end mark . ! ? at token k: at
// each token after it (and any closing quotes) with a gap before it that
// starts_after says starts one.
static void mark_after_end(token_list *l, size_t base, size_t k) {
    for (size_t i = k + 1; i < l->n; i++) {
        token *t = &l->t[i];
        if (t->gap != GAP_NONE && starts_after(l, base, k, t))
            t->sent_start = true;
        if (!closes(t))
            break;
    }
}

static bool is_end_mark(const token *t) {
    return t->type == TK_PUNCT && (t->p == '.' || t->p == '!' || t->p == '?');
}

/* The end marks of a span as it is tokenized: their tokens' places, so that
 * the sentences are marked from them and not by a test of every token (a
 * sentence's end is a branch no predictor learns). Up to END_MARKS of them; a
 * span with more, or whose tokens moved (digit groups joined), is read whole. */
#define END_MARKS 64
typedef struct end_marks {
    size_t at[END_MARKS];
    size_t n;
    bool all; /* read every token instead */
} end_marks;

// Notes the punctuation token k if it is an end mark, with no branch on that.
static inline void note_end_mark(end_marks *m, const token_list *l, size_t k) {
    m->at[m->n] = k;
    m->n += is_end_mark(&l->t[k]);
    if (m->n == END_MARKS) {
        m->all = true;
        m->n = END_MARKS - 1;
    }
}

// Marks sentence starts since token base: after . ! ? (and closing quotes).
static void mark_sentences(token_list *l, size_t base, const end_marks *m) {
    if (l->n > base)
        l->t[base].sent_start = true;
    if (!m->all) {
        for (size_t e = 0; e < m->n; e++)
            mark_after_end(l, base, m->at[e]);
        return;
    }
    for (size_t k = base; k < l->n; k++)
        if (is_end_mark(&l->t[k]))
            mark_after_end(l, base, k);
}

// A fraction character at bytes [i, next) read into t, the list's last token:
// "¾" is a number of its own, "2½" joins the digits glued before it (t is
// dropped then). Returns where to read on.
static size_t fraction_char(token_list *l, size_t base, token *t, int32_t cp, size_t i,
                            size_t next) {
    double part = vulgar_value(cp);
    token *d = l->n >= base + 2 ? &l->t[l->n - 2] : NULL;
    if (d && t->gap == GAP_NONE && d->type == TK_NUM && d->plain) {
        d->val += part;
        d->end = next;
        d->plain = false;
        d->vulgar = true;
        l->n--;
        return next;
    }
    tk_gap g = t->gap;
    *t = (token){.start = i, .end = next, .type = TK_NUM, .gap = g, .val = part, .vulgar = true};
    return next;
}

// True if the list's last token (since base) is a number one space after a
// number: digit groups join_digit_groups may join.
static inline bool digits_follow(const token_list *l, size_t base) {
    const token *t = &l->t[l->n - 1];
    return l->n >= base + 2 && t->type == TK_NUM && t->gap == GAP_ONE && t[-1].type == TK_NUM;
}

// Reads the word or number token t that starts with code point cp at s[i]
// (from: where its letters or digits start, after a leading '.'); returns its end.
static size_t word_or_number(const token_list *l, token *t, const char *s, size_t end,
                             size_t i, size_t from, int32_t cp) {
    bool digits_only, has_digit;
    size_t j = scan_word(s, end, from, &digits_only, &has_digit);
    t->start = i;
    t->end = j;
    if (digits_only) {
        t->type = TK_NUM;
        parse_digits(s, i, j, t);
        return j;
    }
    t->type = TK_WORD;
    t->alnum = has_digit;
    t->cap = (cp >= 'A' && cp <= 'Z') || (cp >= 0x80 && u_isupper(cp));
    uint32_t h;
    size_t n = fold_into(t, s, i, j, &h);
    strip_possessive(t, n, &h);
    t->hash = h;
    if (l->rules && !t->truncated)
        set_lex(t, fdp_lex_find_key(l->rules, t->w, t->hash));
    return j;
}

// The punctuation token t of code point cp at s[i, next).
static void punct_token(token *t, const char *s, size_t i, size_t next, int32_t cp) {
    t->type = TK_PUNCT;
    t->start = i;
    t->end = next;
    // fdp_punct_ascii's one ASCII case here (a tab is a space) without a call:
    // nearly all punctuation is ASCII.
    char a = cp < 0x80 ? (cp == '`' ? '\'' : 0) : fdp_punct_ascii(cp);
    t->p = a ? a : (cp < 0x80 ? (char)cp : '?');
    t->w[0] = t->p;
    if (t->p == '?' && next - i < sizeof t->w) // "€": its own bytes, for sign rules
        memcpy(t->w, s + i, next - i);
}

/*
 * Tokenizes s[start, end) onto l. gap: the gap as the scan begins (GAP_MORE at
 * a paragraph's start; GAP_NONE when a word of the same paragraph has just
 * ended, so that the spaces after it count as they would have).
 */
static int tokenize_span(const char *s, size_t start, size_t end, token_list *l, tk_gap gap) {
    size_t base = l->n;
    size_t i = start;
    bool groups = false; // a number one space after a number: join_digit_groups has work
    end_marks marks;
    marks.n = 0;
    marks.all = false;
    while (i < end) {
        // The two commonest cases first, with no code point decoded: an ASCII
        // space, and a word of ASCII letters.
        unsigned char c = (unsigned char)s[i];
        if (c == ' ') {
            gap = gap == GAP_NONE ? GAP_ONE : GAP_MORE;
            i++;
            continue;
        }
        bool ascii_letter = (unsigned char)((c | 32) - 'a') < 26;
        size_t next = i + 1;
        int32_t cp = c;
        if (!ascii_letter) {
            cp = peek(s, end, i, &next);
            if (cp < 0 || is_space(cp)) {
                // Invalid bytes act as spaces: the reader has already reported them.
                bool one = gap == GAP_NONE && cp >= 0 && cp != '\n' && cp != '\r';
                gap = one ? GAP_ONE : GAP_MORE;
                i = next;
                continue;
            }
        }
        token *t = push(l);
        if (!t)
            return FD_ERR_NOMEM;
        t->gap = gap;
        gap = GAP_NONE;
        size_t plain_end = ascii_letter ? ascii_word(s, end, i, t) : 0;
        if (plain_end) {
            t->start = i;
            t->end = plain_end;
            t->type = TK_WORD;
            t->cap = c <= 'Z';
            if (l->rules && !t->truncated)
                set_lex(t, fdp_lex_find_key(l->rules, t->w, t->hash));
            i = plain_end;
            // The space after a word, the commonest byte of all, read here
            // rather than by another turn of the loop, and with no branch: a
            // word is followed by a space or by punctuation in no set order.
            // (s[end] may be read: the text goes on, or ends in its NUL.)
            bool space = (i < end) & (s[i] == ' ');
            gap = space ? GAP_ONE : gap;
            i += space;
            continue;
        }
        bool wordish = ascii_letter || is_letter(cp) || digit_value(cp) >= 0;
        if (!wordish && cp >= 0x80 && vulgar_value(cp) > 0) {
            i = fraction_char(l, base, t, cp, i, next);
            groups = groups || digits_follow(l, base);
            continue;
        }
        size_t after;
        // ".5 percent": a decimal point with no digit before it, apart from any word
        bool leading_dot = !wordish && cp == '.' && t->gap != GAP_NONE &&
                           digit_value(peek(s, end, next, &after)) >= 0;
        if (wordish || leading_dot) {
            i = word_or_number(l, t, s, end, i, leading_dot ? next : i, cp);
            groups = groups || digits_follow(l, base);
            continue;
        }
        punct_token(t, s, i, next, cp);
        note_end_mark(&marks, l, l->n - 1);
        i = next;
    }
    if (groups && join_digit_groups(l, base))
        marks.all = true; // (tokens moved)
    mark_sentences(l, base, &marks);
    return 0;
}

int fdp_tokenize(const char *s, size_t start, size_t end, token_list *l) {
    return tokenize_span(s, start, end, l, GAP_MORE);
}

size_t fdp_tokenize_cut(const char *s, size_t from, size_t end) {
    for (size_t i = from; i < end; i++) {
        if (s[i] != ' ' && s[i] != '\t')
            continue;
        size_t at = i; // back to the start of the code point before the space
        while (at > 0 && ((unsigned char)s[at - 1] & 0xC0) == 0x80 && i - at < 4)
            at--;
        size_t next;
        if (at > 0 && is_letter(peek(s, i, at - 1, &next)) && next == i)
            return i;
    }
    return end;
}

int fdp_tokenize_more(const char *s, size_t start, size_t end, token_list *l) {
    size_t base = l->n;
    int rc = tokenize_span(s, start, end, l, GAP_NONE);
    // A word ends just before start: the first token follows it, within its sentence.
    if (rc == 0 && l->n > base)
        l->t[base].sent_start = false;
    return rc;
}
