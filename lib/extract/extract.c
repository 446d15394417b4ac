/*
 * extract.c - the extractor stage: finds number phrases in a document and turns
 * each into a claim with an interval, a unit and a byte span.
 *
 * The text is read paragraph by paragraph (news copy puts one paragraph on a
 * line), tokenized, split into sentences, and scanned for numerals: digits,
 * spelled numbers, "a dozen", vague plurals ("dozens"). Around each numeral the
 * parser takes what an editor would read with it: a qualifier before ("more
 * than", "at least", "nearly"), a range ("10-25"), a scale ("2.5 million") and a
 * unit after ("percent", "-month", "-year-old"). Dates, years, clock times,
 * ordinals and numbers inside names are left out.
 *
 * Spelled numbers are parsed by ICU's rule-based spell-out, on exactly the span
 * of number words found with the lexicon (never on whole texts: a failing
 * parse costs 70 us).
 *
 * Every word the parser knows, and what it means, comes from the rules
 * (rules/numbers.json, units.json, words.json: see docs/rules.schema.json); this file
 * holds the mechanism only. The tokenizer gives each word token its lexicon
 * entry, so a question about a word is a field read.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <unicode/uchar.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

#include "extract/extract.h"
#include "extract/extractor.h"

#define SPELL_CACHE 256 /* a power of two */
#define DECIMAL_STEPS 32 /* the steps of 0 to 31 decimals, computed once */
#define MAX_SENTENCE_TOKENS 400 /* the longest sentence of the gold sets has 214 */

struct fdp_extractor {
    const fd_ruleset *rules;
    UNumberFormat *spell; /* the rules' spell-out, year rules made private */
    // ICU's parse of each distinct spelled span, kept: news repeats "two",
    // "ten", "five years" over and over, and a parse costs microseconds.
    struct spell_entry {
        char text[48];
        double value;
    } cache[SPELL_CACHE];
    double decimal_step[DECIMAL_STEPS]; /* pow(10, -k): the step of a k-th decimal */
    fdp_predicate_memo predicates[FDP_PREDICATE_MEMO]; /* the frames' (frame_state) */
    fdp_buf key, label; /* the frames' scratch (frame_state) */
};

/* ---- the lexicon, through each token's entry ------------------------------ */

// Every word the rules know is one entry of the ruleset's lexicon, looked up
// once per word token by the tokenizer (token.lex); the questions below read it.

#define ERA_WINDOW 2          /* "200 AD", "three centuries AD": tokens after the number */
#define TRAILING_WINDOW 3     /* "200 words or more": tokens after the phrase */
#define LIST_CARRY_WINDOW 6   /* "at least 12 nurses and 8": tokens between list figures */
#define CHANGE_WINDOW 6       /* "raising the retirement age from 62": verb to "from" */
#define IMPLIED_WINDOW 4      /* "the retirement age from 62": noun to figure */
#define ARTICLE_COUNT_WINDOW 3 /* "a nurse was badly hurt": noun to verb */
#define DEFAULT_SPELLOUT "en" /* when the rules name no spell-out locale */

static const fdp_lex *numword(const token *t) {
    return t->lex && t->lex->num ? t->lex : NULL;
}

static const fdp_unit *unit_word(const token *t) { return t->lex ? t->lex->unit : NULL; }

// The unit a sign after a number stands for ("%"), or NULL.
static const fdp_unit *unit_sign(const fdp_extractor *x, const token *t) {
    if (t->type != TK_PUNCT)
        return NULL;
    const fdp_lex *e = fdp_lex_find(x->rules, t->w, fdp_hash_word(t->w));
    return e && e->unit && e->unit->sign ? e->unit : NULL;
}

// The entry of two glued tokens read as one sign, a word and a sign character in
// either order ("NZ$", "°C"), or NULL.
static const fdp_lex *glued_pair(const fdp_extractor *x, const token *a, const token *b) {
    if (b->gap != GAP_NONE || !((a->type == TK_WORD && b->type == TK_PUNCT) ||
                                (a->type == TK_PUNCT && b->type == TK_WORD)))
        return NULL;
    char key[2 * FDP_WORD_MAX];
    size_t la = strlen(a->w), lb = strlen(b->w);
    if (la + lb >= sizeof key)
        return NULL;
    memcpy(key, a->w, la);
    memcpy(key + la, b->w, lb + 1);
    return fdp_lex_find(x->rules, key, fdp_hash_word(key));
}

// The unit of a sign after the number's last token j: "%", "40°C" (the sign
// glued to a letter), a currency's sign ("25 €"); *end gets its last token.
static const fdp_unit *sign_after(const fdp_extractor *x, const sentence *s, size_t j,
                                  size_t *end) {
    const token *n = &s->t[j + 1];
    if (n->type != TK_PUNCT)
        return NULL;
    const fdp_lex *e = j + 2 <= s->last ? glued_pair(x, n, &s->t[j + 2]) : NULL;
    *end = j + 2;
    if (!e || !e->unit || !e->unit->sign) {
        e = fdp_lex_find(x->rules, n->w, fdp_hash_word(n->w));
        *end = j + 1;
    }
    if (e && e->unit && e->unit->sign)
        return e->unit;
    return e && e->currency && n->gap != GAP_MORE ? e->currency : NULL;
}

static bool is_time_unit(const fdp_unit *u) {
    return u && fdp_same_str(u->kind, FDP_KIND_DURATION);
}

static bool is_month(const token *t) { return t->cap && t->lex && t->month; }

static bool is_one(const token *t) { return tk_has(t, FDP_WL_ONE_ARTICLES); }

static double dozen(const token *t) { return t->lex ? t->lex->dozen : 0; }

static double half(const token *t) { return t->lex ? t->lex->half : 0; }

/* True if a claim may start at token t: digits, or a starter word. */
static bool may_start(const token *t) { return t->type == TK_NUM || t->starter; }

/* Multipliers after digits: "2.5 million", "$5bn", "20 lakh"; some only glued. */
static double multiplier(const token *t, bool attached) {
    const fdp_lex *e = t->lex;
    return e && e->mult > 0 && (attached || !e->mult_attached) ? e->mult : 0;
}

/* True if the tokens from k on read the word sequence q ("-" is a hyphen). */
static bool seq_at(const sentence *s, size_t k, const fdp_seq *q) {
    if (k + (size_t)q->n - 1 > s->last)
        return false;
    for (int i = 0; i < q->n; i++) {
        const token *t = &s->t[k + (size_t)i];
        const char *w = q->words[i];
        bool ok = ((w[0] == '-' || w[0] == '/') && !w[1])
                      ? tk_punct(t, w[0])
                      : t->type == TK_WORD && !t->truncated && fdp_same_str(t->w, w);
        if (!ok)
            return false;
    }
    return true;
}

/* ---- qualifiers ----------------------------------------------------------- */

/* The longest qualifier ending just before token i (within the sentence): the
 * rules index qualifiers by their last word. */
static fdp_bound qualifier_before(const sentence *s, size_t i, size_t *qfirst) {
    fdp_bound best = FDP_BOUND_NONE;
    size_t best_len = 0;
    const fdp_lex *e = i > s->first ? s->t[i - 1].lex : NULL;
    for (const fdp_qualifier *q = e ? e->qual_before : NULL; q; q = q->next) {
        size_t n = (size_t)q->seq.n;
        if (n <= best_len || i < s->first + n || !seq_at(s, i - n, &q->seq))
            continue;
        best = q->bound;
        best_len = n;
        *qfirst = i - n;
    }
    // "the toll has gone up to 2,497": after a verb of rising, "up to" is where
    // the figure went, not a bound on it
    const token *verb = best == FDP_BOUND_HIGH && *qfirst > s->first ? &s->t[*qfirst - 1] : NULL;
    if (verb && (tk_has(verb, FDP_WL_RISE_VERBS) || tk_has(verb, FDP_WL_GO_UP_VERBS)))
        return FDP_BOUND_NONE;
    return best;
}

// Durations and ages are said in whole units: "almost four years" is three to four.
static bool whole_units(const phrase *ph) {
    return ph->kind &&
           (fdp_same_str(ph->kind, FDP_KIND_DURATION) || fdp_same_str(ph->kind, FDP_KIND_AGE));
}

static void apply_qualifier(phrase *ph, fdp_bound q) {
    fdp_interval *v = &ph->v;
    ph->bound = q;
    switch (q) {
    case FDP_BOUND_LOW_OPEN: v->has_high = false; v->low_open = true; break;
    case FDP_BOUND_LOW: v->has_high = false; break;
    case FDP_BOUND_HIGH: v->has_low = false; break;
    case FDP_BOUND_HIGH_OPEN: v->has_low = false; v->high_open = true; break;
    case FDP_BOUND_APPROX: v->approx = true; break;
    case FDP_BOUND_NEARLY:
        // the true figure falls short of the number, by up to a tenth or one
        // unit; a fraction of a unit in the whole unit it splits into
        // ("almost half a year": 5 to 6 months)
        if (whole_units(ph) && ph->unit_rule && ph->unit_rule->split_parts > 0 &&
            v->high != floor(v->high)) {
            double parts = ph->unit_rule->split_parts; // the value is in the unit already
            v->low *= parts;
            v->high *= parts;
            ph->step *= parts;
            ph->unit = ph->unit_rule->split_unit;
        }
        v->low = whole_units(ph) ? fmax(0, v->low - 1) : v->low * (1 - FDP_NEARLY_SHORTFALL);
        break;
    case FDP_BOUND_NONE: break;
    }
}

/* Applies the qualifier written before token i ("more than", "nearly") to the
 * phrase's interval and widens its span over it. */
static void take_qualifier(const sentence *s, size_t i, phrase *ph) {
    size_t qf;
    fdp_bound q = qualifier_before(s, i, &qf);
    if (q != FDP_BOUND_NONE) {
        apply_qualifier(ph, q);
        ph->first = qf;
    }
}

/* ---- spelled numbers ------------------------------------------------------ */

// Opens the spell-out parser of the rules' locale with the year rule set made
// private: ICU's stock strict parser reads "twenty three" as the year 2003.
static UNumberFormat *open_spellout(const char *locale) {
    UErrorCode st = U_ZERO_ERROR;
    UNumberFormat *stock = unum_open(UNUM_SPELLOUT, NULL, 0, locale, NULL, &st);
    if (U_FAILURE(st))
        return NULL;
    int32_t n = unum_toPattern(stock, false, NULL, 0, &st);
    st = U_ZERO_ERROR;
    UChar *rules = malloc(sizeof(UChar) * ((size_t)n + 16));
    UNumberFormat *nf = NULL;
    if (rules) {
        unum_toPattern(stock, false, rules + 1, n + 1, &st);
        // "%spellout-numbering-year:" -> "%%spellout-numbering-year:" (private)
        UChar key[32];
        u_uastrcpy(key, "%spellout-numbering-year:");
        UChar *at = U_SUCCESS(st) ? u_strstr(rules + 1, key) : NULL;
        if (at) {
            memmove(rules, rules + 1, (size_t)(at - (rules + 1)) * sizeof(UChar));
            at[-1] = '%';
            UParseError pe;
            nf = unum_open(UNUM_PATTERN_RULEBASED, rules, n + 1, locale, &pe, &st);
            if (U_FAILURE(st))
                nf = NULL;
        }
        free(rules);
    }
    if (nf) {
        unum_close(stock);
        return nf;
    }
    return stock;
}

// ICU's parse of a spelled span, through the extractor's cache; -1 when ICU
// does not read the whole span.
static double parse_spelled(fdp_extractor *x, const char *text, size_t len) {
    if (!x->spell)
        return -1;
    uint32_t h = fdp_hash_word(text);
    struct spell_entry *ce = &x->cache[h & (SPELL_CACHE - 1)];
    if (len < sizeof ce->text && !strcmp(ce->text, text))
        return ce->value;
    UChar u[256];
    int32_t ulen = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(u, 256, &ulen, text, (int32_t)len, &st);
    int32_t pos = 0;
    double v = U_SUCCESS(st) ? unum_parseDouble(x->spell, u, ulen, &pos, &st) : -1;
    // ICU stops early without an error: only a parse of the whole span counts.
    if (U_FAILURE(st) || pos != ulen)
        v = -1;
    if (len < sizeof ce->text) {
        memcpy(ce->text, text, len + 1);
        ce->value = v;
    }
    return v;
}

// Appends sep then w to text[0, cap) at len, as snprintf(text + len, cap - len,
// "%s%s", sep, w) would (cut to fit), and returns len plus what it would have
// written: the spelled span, with no printf per word.
static size_t put_cut(char *text, size_t cap, size_t len, const char *sep, const char *w) {
    size_t n = fdp_copy_str(text + len, cap - len, sep);
    size_t at = len + n < cap ? len + n : cap - 1;
    return len + n + fdp_copy_str(text + at, cap - at, w);
}

/*
 * Reads spelled number words from token i: "ten", "twenty-three", "one
 * thousand four hundred and forty-eight". Sets *last to the last token used and
 * returns the value, or -1 when ICU does not parse the whole span.
 */
static double spelled_number(fdp_extractor *x, const sentence *s, size_t i, size_t *last) {
    char text[256];
    size_t len = 0, j = i;
    const fdp_lex *w = numword(&s->t[i]);
    len = put_cut(text, sizeof text, len, "", w->w);
    fdp_num_role prev = w->num;
    while (j + 1 <= s->last && len < 200) {
        const token *n1 = &s->t[j + 1];
        const token *n2 = j + 2 <= s->last ? &s->t[j + 2] : NULL;
        const fdp_lex *nw;
        // "forty-one", and "forty - one" as copy sometimes spaces it
        bool hyphen = tk_punct(n1, '-') && n2 &&
                      ((n1->gap == GAP_NONE && n2->gap == GAP_NONE) ||
                       (n1->gap == GAP_ONE && n2->gap == GAP_ONE));
        if (hyphen && (nw = numword(n2)) && prev == FDP_NUM_TENS && nw->num == FDP_NUM_UNIT &&
            nw->num_value < 10) {
            len = put_cut(text, sizeof text, len, "-", nw->w);
            j += 2;
        } else if ((nw = numword(n1)) &&
                   (n1->gap != GAP_MORE || (prev == FDP_NUM_TENS && nw->num == FDP_NUM_UNIT)) &&
                   (nw->num == FDP_NUM_HUNDRED || nw->num == FDP_NUM_SCALE ||
                    prev == FDP_NUM_HUNDRED || prev == FDP_NUM_SCALE ||
                    (prev == FDP_NUM_TENS && nw->num == FDP_NUM_UNIT && nw->num_value < 10))) {
            // "twenty three" is written with a hyphen for ICU's strict grammar.
            char sep = (prev == FDP_NUM_TENS && nw->num == FDP_NUM_UNIT) ? '-' : ' ';
            len = put_cut(text, sizeof text, len, sep == '-' ? "-" : " ", nw->w);
            j += 1;
        } else if (tk_has(n1, FDP_WL_NUMBER_JOINERS) &&
                   (prev == FDP_NUM_HUNDRED || prev == FDP_NUM_SCALE) && n2 &&
                   (nw = numword(n2)) && nw->num != FDP_NUM_SCALE) {
            len = put_cut(text, sizeof text, put_cut(text, sizeof text, len, " ", n1->w), " ",
                          nw->w);
            j += 2;
        } else {
            break;
        }
        prev = nw->num;
    }
    *last = j;
    return parse_spelled(x, text, len);
}

/* ---- numerals ------------------------------------------------------------- */

static bool is_year_like(const token *t) {
    return t->type == TK_NUM && t->plain && t->int_digits == 4 && t->val >= 1000 &&
           t->val <= 2100;
}

// "2.1m high": a letter that is both a scale and a unit glued to the digits at
// k - 1 ("m"), followed by a word of measure, is the unit; not after a currency
// sign ("$2m long") nor before a compound ("2m long-term").
static bool measure_letter(const sentence *s, size_t k) {
    const token *t = s->t;
    bool sign = k - 1 > s->first && t[k - 2].type == TK_PUNCT && t[k - 1].gap == GAP_NONE;
    bool compound = k + 2 <= s->last && tk_punct(&t[k + 2], '-') && t[k + 2].gap == GAP_NONE;
    return t[k].gap == GAP_NONE && t[k].lex && t[k].lex->unit && t[k].lex->unit->glued &&
           k + 1 <= s->last && tk_has(&t[k + 1], FDP_WL_MEASURE_ADJECTIVES) && !sign &&
           !compound;
}

// A fraction in digits at token k: "1/2", the numerator below a denominator of
// at most 16, all glued and no date after ("1/2/2016"). Its value, or 0.
static double slash_fraction(const sentence *s, size_t k) {
    const token *t = s->t;
    if (k + 2 > s->last || t[k].type != TK_NUM || !t[k].plain || !tk_punct(&t[k + 1], '/') ||
        t[k + 1].gap != GAP_NONE || t[k + 2].type != TK_NUM || t[k + 2].gap != GAP_NONE ||
        !t[k + 2].plain || t[k].val < 1 || t[k].val >= t[k + 2].val || t[k + 2].val > 16)
        return 0;
    if (k + 3 <= s->last && t[k + 3].gap == GAP_NONE && t[k + 3].type == TK_PUNCT &&
        (t[k + 3].p == '/' || t[k + 3].p == '-'))
        return 0;
    return t[k].val / t[k + 2].val;
}

// Digits with an optional multiplier after them: "2.5 million", "5bn", "4 dozen",
// or the fraction of a mixed number: "7 1/2".
static void digits_numeral(const sentence *s, size_t i, size_t *last, double *v) {
    *v = s->t[i].val;
    *last = i;
    if (i + 1 <= s->last) {
        const token *n = &s->t[i + 1];
        double m = multiplier(n, n->gap == GAP_NONE);
        double part = n->gap == GAP_ONE && s->t[i].plain ? slash_fraction(s, i + 1) : 0;
        if (m > 0 && n->gap != GAP_MORE && !measure_letter(s, i + 1)) {
            *v *= m;
            *last = i + 1;
        } else if (dozen(n) > 0 && n->gap != GAP_MORE) {
            *v *= dozen(n);
            *last = i + 1;
        } else if (part > 0) {
            *v += part;
            *last = i + 3;
        }
    }
}

// The step of the last digit of the numeral [i, last] ("3.45": 0.01, "5bn": a
// billion, "twelve": 1), and whether the digits set the precision: a scale or
// decimals make a figure as loose as its last digit.
static double digit_step(const fdp_extractor *x, const sentence *s, size_t i, size_t last,
                         bool *loose) {
    const token *t = &s->t[i];
    *loose = false;
    if (t->type != TK_NUM)
        return 1;
    double step = t->frac_digits < DECIMAL_STEPS ? x->decimal_step[t->frac_digits]
                                                 : pow(10, -t->frac_digits);
    double m = last == i + 1 ? multiplier(&s->t[last], s->t[last].gap == GAP_NONE) : 0;
    *loose = m > 0 || t->frac_digits > 0;
    return m > 0 ? step * m : step;
}

/* "3.4 million" is 3.35-3.45 million, "$5bn" 4.5-5.5 bn, "61%" 60.5-61.5: a
 * scaled, decimal or percentage figure allows half a step of its last digit on
 * either side. Only a figure still read as one exact value: "more than 3.4
 * million" keeps its bound, a range its ends. */
static void apply_precision(phrase *ph) {
    fdp_interval *v = &ph->v;
    bool percent = ph->kind && fdp_same_str(ph->kind, FDP_KIND_PERCENT);
    // A hedge already allows more than half a digit ("about 85%").
    if (ph->step <= 0 || !(ph->loose || percent) || v->vague || v->approx || !v->has_low ||
        !v->has_high || v->low != v->high)
        return;
    v->low -= ph->step / 2;
    v->high += ph->step / 2;
    // Half a step of "3.45 million" is 5,000: the bounds are whole numbers, not
    // 3444999.9999999995 as the binary arithmetic leaves them.
    if (ph->step / 2 >= 1 && ph->step / 2 == floor(ph->step / 2)) {
        v->low = round(v->low);
        v->high = round(v->high);
    }
}

// The article as one before a scale or a dozen: "a dozen", "a hundred".
static bool article_numeral(const sentence *s, size_t i, size_t *last, double *v) {
    if (i + 1 > s->last)
        return false;
    const token *n = &s->t[i + 1];
    const fdp_lex *w = numword(n);
    if (dozen(n) > 0)
        *v = dozen(n);
    else if (w && (w->num == FDP_NUM_HUNDRED || w->num == FDP_NUM_SCALE))
        *v = w->num_value;
    else
        return false;
    *last = i + 1;
    return true;
}

// "half an hour", "half a million"
static bool half_numeral(const sentence *s, size_t i, size_t *last, double *v) {
    if (!(i + 2 <= s->last && is_one(&s->t[i + 1])))
        return false;
    const fdp_lex *sw = numword(&s->t[i + 2]);
    if (sw && sw->num >= FDP_NUM_HUNDRED) {
        *v = sw->num_value * half(&s->t[i]);
        *last = i + 2;
        return true;
    }
    if (dozen(&s->t[i + 2]) > 0) { // "half a dozen"
        *v = dozen(&s->t[i + 2]) * half(&s->t[i]);
        *last = i + 2;
        return true;
    }
    if (unit_word(&s->t[i + 2])) {
        *v = half(&s->t[i]);
        *last = i + 1; // the unit word is read by parse_unit
        return true;
    }
    return false;
}

/*
 * Reads one numeral at token i: digits with an optional scale, spelled words,
 * "a dozen", "a hundred", "half a million". Sets *last and *v; returns false if
 * token i starts no numeral.
 */
static bool parse_numeral(fdp_extractor *x, const sentence *s, size_t i, size_t *last,
                          double *v) {
    const token *t = &s->t[i];
    if (t->type == TK_NUM) {
        digits_numeral(s, i, last, v);
        return true;
    }
    if (t->type != TK_WORD)
        return false;
    if (is_one(t))
        return article_numeral(s, i, last, v);
    if (dozen(t) > 0) {
        *v = dozen(t);
        *last = i;
        return true;
    }
    if (half(t) > 0)
        return half_numeral(s, i, last, v);
    const fdp_lex *w = numword(t);
    if (!w)
        return false;
    // A bare "million" ("Over Million Hongkongers", "million-person") is a round,
    // loose figure; ICU reads scales only after a number.
    if (w->num == FDP_NUM_SCALE) {
        *v = w->num_value;
        *last = i;
        return true;
    }
    double val = spelled_number(x, s, i, last);
    if (val < 0)
        return false;
    if (*last + 1 <= s->last && dozen(&s->t[*last + 1]) > 0) {
        val *= dozen(&s->t[*last + 1]);
        (*last)++;
    }
    *v = val;
    return true;
}

/* "four and a half", "two and a quarter million", "three-and-a-half": a part
 * added to the numeral that ends at *last, and a scale word after it. */
static void and_a_part(const sentence *s, size_t *last, double *v) {
    const token *t = s->t;
    size_t k = *last;
    bool hyphens = k + 1 <= s->last && tk_punct(&t[k + 1], '-') && t[k + 1].gap == GAP_NONE;
    // Nearly every numeral has no "and" after it: one test of that word settles
    // it, before a loop whose exit would fall at no token a predictor learns.
    size_t joiner = hyphens ? k + 2 : k + 1;
    if (joiner > s->last || !tk_has(&t[joiner], FDP_WL_NUMBER_JOINERS))
        return;
    const token *w[3];
    for (int n = 0; n < 3; n++) {
        if (hyphens) { // "three-and-a-half": a glued hyphen before each word
            if (k + 1 > s->last || !tk_punct(&t[k + 1], '-') || t[k + 1].gap != GAP_NONE)
                return;
            k++;
        }
        if (++k > s->last || (hyphens && t[k].gap != GAP_NONE))
            return;
        w[n] = &t[k];
    }
    double part = half(w[2]) > 0                      ? half(w[2])
                  : w[2]->lex && w[2]->lex->fraction ? 1.0 / w[2]->lex->fraction
                                                      : 0;
    if (!tk_has(w[0], FDP_WL_NUMBER_JOINERS) || !is_one(w[1]) || part <= 0)
        return;
    *v += part;
    *last = k;
    const fdp_lex *sc = k + 1 <= s->last && t[k + 1].gap != GAP_MORE ? numword(&t[k + 1]) : NULL;
    if (sc && sc->num == FDP_NUM_SCALE) {
        *v *= sc->num_value;
        *last = k + 1;
    }
}

/* "thirty-second", "two hundred fortieth", "twenty-first": a spelled number
 * that runs into an ordinal word is a rank; *skip gets the ordinal's token. */
static bool ordinal_after(const sentence *s, size_t i, size_t last, size_t *skip) {
    const token *t = s->t;
    size_t k = last + 1;
    if (t[i].type != TK_WORD || k > s->last)
        return false;
    if (tk_punct(&t[k], '-') && t[k].gap == GAP_NONE)
        k++;
    if (k > s->last || t[k].gap == GAP_MORE || !tk_has(&t[k], FDP_WL_ORDINALS))
        return false;
    *skip = k;
    return true;
}

static void set_exact(fdp_interval *v, double x) {
    memset(v, 0, sizeof *v);
    v->low = v->high = x;
    v->has_low = v->has_high = true;
}

// A vague quantity's band: "dozens" 24-99, "several hundred" 300-900.
static void set_vague(fdp_interval *v, double low, double high) {
    memset(v, 0, sizeof *v);
    v->low = low;
    v->high = high;
    v->has_low = v->has_high = v->vague = true;
}

/* ---- units ---------------------------------------------------------------- */

static void take_unit(phrase *ph, const fdp_unit *u) {
    ph->unit_rule = u;
    ph->unit = u->unit;
    ph->kind = u->kind;
    if (u->times != 1) {
        ph->v.low *= u->times;
        ph->v.high *= u->times;
        ph->step *= u->times;
    }
}

// The multi-word unit at token k ("per cent"), or NULL.
static const fdp_unit *unit_words_at(const sentence *s, size_t k) {
    for (const fdp_unit *u = s->t[k].lex ? s->t[k].lex->unit_seq : NULL; u; u = u->next)
        if (seq_at(s, k, &u->seq))
            return u;
    return NULL;
}

// Hyphenated adjectives after token j: "10-month", "2,000-year-old",
// "6.2-magnitude", "million-person". Returns the phrase's new last token.
static size_t hyphen_unit(const sentence *s, size_t j, phrase *ph) {
    const token *t = s->t;
    const fdp_unit *u = unit_word(&t[j + 2]);
    if (u && u->hyphenated) {
        take_unit(ph, u);
        ph->adjective = true;
        size_t end = j + 2;
        if (is_time_unit(u) && end + 2 <= s->last && tk_punct(&t[end + 1], '-') &&
            tk_has(&t[end + 2], FDP_WL_AGE_WORDS)) {
            ph->kind = FDP_KIND_AGE;
            end += 2;
        }
        return end;
    }
    // "million-person", "1,000-strong": the compound is one phrase, and its
    // word is what the number counts.
    if (t[j + 2].type == TK_WORD && !numword(&t[j + 2])) {
        ph->adjective = true;
        ph->np_from = j + 2;
        return j + 2;
    }
    return j;
}

// "6 feet 1 inch", "2 hours 30 minutes": digits in the smaller unit the unit
// splits into, right after it, add to the figure. Returns the phrase's last token.
static size_t take_split(const sentence *s, size_t end, phrase *ph) {
    const token *t = s->t;
    const fdp_unit *u = ph->unit_rule;
    if (!u || !u->split_unit || end + 2 > s->last || t[end + 1].type != TK_NUM ||
        t[end + 1].gap == GAP_MORE)
        return end;
    const fdp_unit *small = unit_word(&t[end + 2]);
    if (!small || !fdp_same_str(small->unit, u->split_unit) || t[end + 2].gap == GAP_MORE)
        return end;
    double add = t[end + 1].val * small->times / u->split_parts;
    ph->v.low += add;
    ph->v.high += add;
    ph->step = 0; // as exact as its smaller unit
    return end + 2;
}

// Reads the unit after token j (the numeral's last token) into ph; returns the
// new last token of the phrase.
static size_t parse_unit(const fdp_extractor *x, const sentence *s, size_t j, phrase *ph) {
    const token *t = s->t;
    ph->unit = FDP_KIND_COUNT;
    ph->kind = FDP_KIND_COUNT;
    if (j + 1 > s->last)
        return j;
    const token *n = &t[j + 1];
    size_t end;
    const fdp_unit *u = sign_after(x, s, j, &end);
    if (u) {
        take_unit(ph, u);
        return end;
    }
    if ((u = unit_words_at(s, j + 1))) {
        take_unit(ph, u);
        return take_split(s, j + (size_t)u->seq.n, ph);
    }
    if (tk_punct(n, '-') && n->gap == GAP_NONE && j + 2 <= s->last && t[j + 2].gap == GAP_NONE)
        return hyphen_unit(s, j, ph);
    u = n->gap != GAP_MORE ? unit_word(n) : NULL;
    if (u && u->glued && (n->gap != GAP_NONE || (u->caps && !n->cap)))
        u = NULL; // "35C" is Celsius, "35 C" a letter, "5c" five cents
    // "2 million pounds": after a scale word, money
    const fdp_lex *last = t[j].lex;
    if (n->lex && n->lex->scaled_unit && n->gap != GAP_MORE && last &&
        (last->mult > 0 || last->num == FDP_NUM_SCALE))
        u = n->lex->scaled_unit;
    if (!u)
        return j;
    take_unit(ph, u);
    end = j + 1;
    if (is_time_unit(u) && end + 1 <= s->last && tk_has(&t[end + 1], FDP_WL_AGE_WORDS))
        ph->kind = FDP_KIND_AGE, end++;
    return take_split(s, end, ph);
}

/* "raising the age from 62 to 64", "the toll rose from 18 to 22": after a verb
 * of change, "from X to Y" is a change, two figures, not a range. */
static bool is_change(const sentence *s, size_t i) {
    const token *t = s->t;
    if (i <= s->first || !tk_has(&t[i - 1], FDP_WL_CHANGE_OPENERS))
        return false;
    for (size_t k = i - 1; k-- > s->first && k + CHANGE_WINDOW >= i;)
        if (tk_has(&t[k], FDP_WL_CHANGE_VERBS) || tk_has(&t[k], FDP_WL_RISE_VERBS))
            return true;
    return false;
}

/* "the retirement age from 62 to 64", "aged 82": a noun just before a bare
 * figure that gives it its unit. The look back passes the first figure of a
 * change ("62 to"), and stops at punctuation or any other figure. */
static void unit_implied(const sentence *s, size_t i, phrase *ph) {
    const token *t = s->t;
    const token *next = ph->last + 1 <= s->last ? &t[ph->last + 1] : NULL;
    if (next && next->lex && next->noun >= 0)
        return; // "aged 82 people": a count of them
    for (size_t k = i; k-- > s->first && k + IMPLIED_WINDOW >= i;) {
        if (t[k].type == TK_PUNCT)
            return;
        if (t[k].type == TK_NUM && !(k + 1 < i && tk_has(&t[k + 1], FDP_WL_RANGE_WORDS)))
            return;
        if (t[k].lex && t[k].lex->implied_unit) {
            const fdp_unit *u = t[k].lex->implied_unit;
            ph->implied_by = k + 1; // the frame keys by it ("retirement age")
            if (fdp_same_str(ph->unit, FDP_KIND_COUNT))
                take_unit(ph, u);
            else if (fdp_same_str(ph->unit, u->unit))
                ph->kind = u->kind; // "from 62 to 65 years": an age in years
            return;
        }
    }
}

// Which end of a change the numeral at i is: "from 62" (the word "from") or
// "to 64" (the word "to"), as 1 + the token of that word; 0 for neither.
static size_t change_end(const sentence *s, size_t i) {
    const token *t = s->t;
    if (is_change(s, i))
        return i; // t[i - 1] is "from"
    if (i >= s->first + 2 && tk_has(&t[i - 1], FDP_WL_RANGE_WORDS) && t[i - 2].type == TK_NUM &&
        is_change(s, i - 2))
        return i;
    return 0;
}

/* "a magnitude 6.8 quake", "magnitude-5.8": a unit that may stand before the
 * number, when none follows it. */
static void unit_before(const sentence *s, size_t i, phrase *ph) {
    const token *t = s->t;
    if (!fdp_same_str(ph->unit, FDP_KIND_COUNT) || i <= s->first)
        return;
    size_t k = i - 1;
    if (tk_punct(&t[k], '-') && t[i].gap == GAP_NONE && k > s->first)
        k--; // "magnitude-5.8"
    const fdp_unit *u = unit_word(&t[k]);
    if (!u || !u->before || (k < i - 1 && t[k + 1].gap != GAP_NONE))
        return;
    take_unit(ph, u);
    ph->first = k;
}

/* The currency written right before token i, or NULL: a sign glued to it
 * ("$5bn", "NZ$40 million"), or a capitalised code a space before it ("EUR 300",
 * "Rs 900 crore", "Rs. 900"). *first (may be NULL) gets the currency's first token. */
static const char *currency_before(const fdp_extractor *x, const sentence *s, size_t i,
                                   size_t *first) {
    const token *t = s->t;
    if (i <= s->first)
        return NULL;
    const token *p = &t[i - 1];
    const fdp_lex *e = NULL;
    size_t f = i - 1;
    if (p->type == TK_PUNCT && t[i].gap == GAP_NONE) {
        if (i - 1 > s->first && (e = glued_pair(x, &t[i - 2], p)) && e->currency)
            f = i - 2;
        else
            e = fdp_lex_find(x->rules, p->w, fdp_hash_word(p->w));
    } else if (p->type == TK_WORD && p->cap && t[i].gap == GAP_ONE) {
        e = p->lex;
    } else if (tk_punct(p, '.') && p->gap == GAP_NONE && t[i].gap == GAP_ONE &&
               i - 1 > s->first && t[i - 2].type == TK_WORD && t[i - 2].cap) {
        e = t[i - 2].lex;
        f = i - 2;
    }
    if (!e || !e->currency)
        return NULL;
    if (first)
        *first = f;
    return e->currency->unit;
}

/* ---- what is no quantity -------------------------------------------------- */

/* "at least one", "only one constituency", "all but one", "21 deaths in
 * Germany and one in Sweden": words that count the "one", or a list of counts
 * it ends. */
static bool one_is_counted(const sentence *s, size_t i) {
    const token *t = s->t;
    size_t qf;
    if (i <= s->first)
        return false;
    if (qualifier_before(s, i, &qf) != FDP_BOUND_NONE || tk_has(&t[i - 1], FDP_WL_ONE_COUNTERS))
        return true;
    if (!tk_has(&t[i - 1], FDP_WL_LIST_JOINERS))
        return false;
    // "... and one in Canada in 2000 killed seven": a "one" with figures of its
    // own after it is a pronoun
    for (size_t k = i + 1; k <= s->last && k <= i + LIST_CARRY_WINDOW; k++)
        if (t[k].type == TK_NUM || (t[k].lex && t[k].lex->num))
            return false;
    for (size_t k = i - 1; k-- > s->first && k + LIST_CARRY_WINDOW >= i;)
        if (t[k].type == TK_NUM)
            return true;
    return false;
}

/*
 * True when the numeral at [i, last] sits in code, markup or an identifier, as
 * scraped pages bring along: glued to / _ = # @ ("mfile_1461745", "#212"), a
 * file or host name ("five.css"), a number word alone in quotes ('five'), or a
 * run of seven or more ungrouped digits (news copy groups real counts).
 */
static bool looks_like_code(const sentence *s, size_t i, size_t last) {
    const token *t = s->t;
    const token *prev = i > s->first ? &t[i - 1] : NULL;
    const token *next = last + 1 <= s->last ? &t[last + 1] : NULL;
    const token *next2 = last + 2 <= s->last ? &t[last + 2] : NULL;
    static const char glue[] = "/_=#@\\<>{}[]|";
    if (prev && t[i].gap == GAP_NONE && prev->type == TK_PUNCT && strchr(glue, prev->p))
        return true;
    // "news%20today": a percent escape of a web address
    if (prev && t[i].gap == GAP_NONE && tk_punct(prev, '%') && prev->gap == GAP_NONE &&
        i >= s->first + 2)
        return true;
    // "192.168.1.1", "2.4.1", "12,14,16,19"; "0958", "0045": no count has a leading zero
    static const double tens[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    if (t[i].type == TK_NUM &&
        (t[i].code || (t[i].plain && t[i].int_digits >= 2 && t[i].int_digits <= 10 &&
                       t[i].val < tens[t[i].int_digits - 1])))
        return true;
    // "Form 10-K", "2021-CV-0123": a short capitalised word glued by a dash
    if (next && next2 && t[i].type == TK_NUM && tk_punct(next, '-') && next->gap == GAP_NONE &&
        next2->gap == GAP_NONE && next2->type == TK_WORD && next2->cap &&
        next2->end - next2->start <= 3 && !next2->lex)
        return true;
    // "221B Baker Street": a capital letter glued, then a name that counts nothing
    // ("1M Marchers" is a count), with no currency before ("$5B Deal")
    const token *a = i + 1 <= s->last ? &t[i + 1] : NULL;
    const token *b = i + 2 <= s->last ? &t[i + 2] : NULL;
    bool sign = prev && prev->type == TK_PUNCT && t[i].gap == GAP_NONE;
    if (a && b && t[i].type == TK_NUM && a->type == TK_WORD && a->cap && a->gap == GAP_NONE &&
        a->end - a->start == 1 && b->type == TK_WORD && b->cap && b->gap == GAP_ONE &&
        !(b->lex && b->noun >= 0) && !sign)
        return true;
    if (next && next->gap == GAP_NONE && next->type == TK_PUNCT &&
        (next->p == '_' || next->p == '=' || next->p == '@'))
        return true;
    if (next && next2 && tk_punct(next, '.') && next->gap == GAP_NONE &&
        next2->gap == GAP_NONE && next2->type == TK_WORD)
        return true;
    // (a quoted word: tested first, which settles it for every number)
    if (t[i].type == TK_WORD && prev && next && prev->type == TK_PUNCT &&
        next->type == TK_PUNCT && (prev->p == '\'' || prev->p == '"') && prev->p == next->p &&
        t[i].gap == GAP_NONE && next->gap == GAP_NONE)
        return true;
    return false;
}

/* "more than 1800 homes", "$1900", "1750 families", "1700-1900 workers",
 * "4500000 barrels": the words that make a four-digit or a long ungrouped number
 * a count. Before it: a bound or a currency; after it, or after the range it
 * opens: a unit or a counted noun. A word before it that makes a year ("in
 * 1650", "the 2003 rally", "since 2014") wins over a noun after it. */
static bool counted_by_context(const fdp_extractor *x, const sentence *s, size_t i,
                               size_t last) {
    const token *t = s->t;
    const token *prev = i > s->first ? &t[i - 1] : NULL;
    size_t qf, k = last + 1;
    // "below 1990 levels", "in 2019 dollars": a year
    if (k <= s->last && tk_has(&t[k], FDP_WL_YEAR_NOUNS))
        return false;
    if (k <= s->last && (unit_word(&t[k]) || unit_sign(x, &t[k])))
        return true;
    // "in 1650", "the 2003 rally"; "order number 88301234", "route 1800": a year, a code
    if (prev && (tk_has(prev, FDP_WL_YEAR_CUES) || tk_has(prev, FDP_WL_IDENTIFIER_CUES)))
        return false;
    fdp_bound q = qualifier_before(s, i, &qf);
    // "over 2020, prices rose", "over 2020 and 2021": a bound on a time, not a count
    const token *n = k <= s->last ? &t[k] : NULL;
    bool years_on = n && (tk_punct(n, ',') ||
                          (k + 1 <= s->last && tk_has(n, FDP_WL_LIST_JOINERS) &&
                           is_year_like(&t[k + 1])));
    if ((q != FDP_BOUND_NONE && q != FDP_BOUND_APPROX && q != FDP_BOUND_NEARLY && !years_on) ||
        currency_before(x, s, i, NULL))
        return true;
    if (k + 1 <= s->last && (tk_punct(&t[k], '-') || tk_has(&t[k], FDP_WL_RANGE_WORDS)) &&
        t[k + 1].type == TK_NUM)
        k += 2; // the end of the range: "1700-1900 workers"
    if (k > s->last || t[k].type != TK_WORD || t[k].cap)
        return false;
    n = &t[k];
    size_t len = strlen(n->w);
    // a counted noun of the rules, or any plural noun that is no stop word
    return (n->lex && n->noun >= 0) || unit_word(n) ||
           (len > 3 && n->w[len - 1] == 's' && !tk_has(n, FDP_WL_NP_STOPS) && !n->possessive);
}

/* "+44 20 7946 0958", "(555) 123-4567", "555-123-4567", "0800 123 4567",
 * "978-3-16-148410-0": groups of digits joined by single spaces or glued dashes,
 * three groups or more with seven digits or more (one group of three or more),
 * or two after a glued "+" or a bracketed area code, are a telephone number or
 * a code. *skip_to gets the last group. */
static bool phone_like(const sentence *s, size_t i, size_t *skip_to) {
    const token *t = s->t;
    if (t[i].type != TK_NUM || !t[i].plain)
        return false;
    const token *p = i > s->first ? &t[i - 1] : NULL;
    if (p && tk_punct(p, '(') && i + 2 <= s->last && tk_punct(&t[i + 1], ')') &&
        t[i + 2].type == TK_NUM && t[i + 2].gap == GAP_ONE)
        return true; // "(555)": the area code
    size_t k = i;
    int groups = 1, digits = t[i].int_digits, widest = t[i].int_digits;
    for (;;) {
        if (k + 1 <= s->last && t[k + 1].type == TK_NUM && t[k + 1].plain &&
            t[k + 1].gap == GAP_ONE)
            k++;
        else if (k + 2 <= s->last && tk_punct(&t[k + 1], '-') && t[k + 1].gap == GAP_NONE &&
                 t[k + 2].type == TK_NUM && t[k + 2].plain && t[k + 2].gap == GAP_NONE)
            k += 2;
        else
            break;
        groups++;
        digits += t[k].int_digits;
        widest = t[k].int_digits > widest ? t[k].int_digits : widest;
    }
    bool plus = p && tk_punct(p, '+') && t[i].gap == GAP_NONE;
    bool area = p && tk_punct(p, ')') && i >= s->first + 3 && t[i - 2].type == TK_NUM &&
                tk_punct(&t[i - 3], '(');
    // a row of small figures ("10 20 30 40") is no number to call: one group has
    // three digits or more
    if (!((groups >= 3 && digits >= 7 && widest >= 3) || ((plus || area) && groups >= 2)))
        return false;
    *skip_to = k;
    return true;
}

/*
 * True when the digits at [i, last] are a date or clock time (27/03/2016,
 * 2016-03-29, 23:34), an ordinal or decade (21st, 1990s, 5pm), or part of a name
 * (F-16, Resolution 2254). *skip_to is set past everything to ignore.
 */
static bool digits_not_a_quantity(const sentence *s, size_t i, size_t last, size_t *skip_to) {
    const token *t = s->t, *cur = &t[i];
    const token *prev = i > s->first ? &t[i - 1] : NULL;
    const token *next = last + 1 <= s->last ? &t[last + 1] : NULL;
    const token *next2 = last + 2 <= s->last ? &t[last + 2] : NULL;
    if (next && next->gap == GAP_NONE && (tk_punct(next, '/') || tk_punct(next, ':')) &&
        next2 && next2->type == TK_NUM && next2->gap == GAP_NONE) {
        size_t k = last + 2;
        while (k + 2 <= s->last && t[k + 1].gap == GAP_NONE &&
               (tk_punct(&t[k + 1], '/') || tk_punct(&t[k + 1], ':')) && t[k + 2].type == TK_NUM)
            k += 2;
        *skip_to = k;
        return true;
    }
    // "3-1", "a 5-4 vote": a score, the second figure below the first
    if (cur->plain && cur->int_digits <= 2 && next && tk_punct(next, '-') &&
        next->gap == GAP_NONE && next2 && next2->type == TK_NUM && next2->plain &&
        next2->gap == GAP_NONE && next2->val < cur->val && last == i) {
        *skip_to = last + 2;
        return true;
    }
    if (is_year_like(cur) && next && tk_punct(next, '-') && next->gap == GAP_NONE && next2 &&
        next2->type == TK_NUM && next2->int_digits == 2) {
        *skip_to = last + 2 + ((last + 4 <= s->last && t[last + 4].type == TK_NUM) ? 2 : 0);
        return true;
    }
    // "23:34", "27/03": glued to the separator ("LIVE: 14 dead" is a label, then a count)
    if (prev && cur->gap == GAP_NONE && (tk_punct(prev, '/') || tk_punct(prev, ':')))
        return true;
    if (next && next->gap == GAP_NONE && tk_has(next, FDP_WL_NUMBER_SUFFIXES)) {
        *skip_to = last + 1;
        return true;
    }
    // "1e308", "4x4", "3d6": digits glued to a word that holds digits itself are an
    // exponent or a code, never a count of 1 or 4.
    if (next && next->gap == GAP_NONE && next->type == TK_WORD && next->alnum) {
        *skip_to = last + 1;
        return true;
    }
    // F-16, Su-24, COVID-19: a capitalised word joined to the digits by a hyphen
    if (prev && cur->gap == GAP_NONE && tk_punct(prev, '-') && i >= s->first + 2 &&
        t[i - 2].type == TK_WORD && t[i - 2].cap && prev->gap == GAP_NONE &&
        !numword(&t[i - 2]))
        return true;
    return prev && prev->type == TK_WORD && prev->cap && tk_has(prev, FDP_WL_IDENTIFIER_CUES);
}

/*
 * True when the numeral at [i, last] is not a quantity: a date, a year, a
 * clock time, an ordinal, part of a name ("F-16", "Resolution 2254"), or "one"
 * used as a determiner. *skip_to is set past everything to ignore.
 */
static bool not_a_quantity(const fdp_extractor *x, const sentence *s, size_t i, size_t last,
                           double v, size_t *skip_to) {
    const token *t = s->t;
    const token *cur = &t[i];
    const token *prev = i > s->first ? &t[i - 1] : NULL;
    const token *next = last + 1 <= s->last ? &t[last + 1] : NULL;
    const token *next2 = last + 2 <= s->last ? &t[last + 2] : NULL;
    *skip_to = last;
    if (phone_like(s, i, skip_to) || looks_like_code(s, i, last))
        return true;
    if (cur->type == TK_NUM && digits_not_a_quantity(s, i, last, skip_to))
        return true;
    // Dates: "March 27", "27 March", "May 2015", "29 Mar 2016", "Sept. 14"
    if (prev && is_month(prev) && cur->type == TK_NUM)
        return true;
    if (prev && tk_punct(prev, '.') && i >= s->first + 2 && is_month(&t[i - 2]) &&
        cur->type == TK_NUM)
        return true;
    if (next && is_month(next) && cur->type == TK_NUM && v >= 1 && v <= 31)
        return true;
    if (next && tk_has(next, FDP_WL_CLOCK_LETTERS) && next2 && tk_punct(next2, '.')) {
        *skip_to = last + 1;
        return true;
    }
    // Years, AD/BC dates ("around 200 AD", "first three centuries AD"); most
    // sentences name no era, and then the tokens after need no look
    if (sentence_has(s, FDP_WL_ERAS))
        for (size_t k = last + 1; k <= s->last && k <= last + ERA_WINDOW; k++)
            if (tk_has(&t[k], FDP_WL_ERAS) && t[k].cap) {
                *skip_to = k;
                return true;
            }
    if (is_year_like(cur) && !counted_by_context(x, s, i, last))
        return true;
    // news copy groups real counts: seven digits or more ungrouped are a code
    // unless the words around them count something ("4500000 barrels")
    if (cur->type == TK_NUM && cur->plain && cur->int_digits >= 7 &&
        !counted_by_context(x, s, i, last))
        return true;
    // "One soldier", "one of the": a determiner, not a count
    if (cur->type == TK_WORD && v == 1 && !(next && unit_word(next)) &&
        !(next && tk_punct(next, '-')) && !one_is_counted(s, i))
        return true;
    return false;
}

/* ---- the phrase readers --------------------------------------------------- */

// A share of [first, last] in percent, the counted noun after it.
static void set_share(phrase *ph, double percent, size_t first, size_t last) {
    set_exact(&ph->v, percent);
    ph->unit = ph->kind = FDP_KIND_PERCENT;
    ph->first = ph->num_first = first;
    ph->num_last = ph->last = last;
    ph->np_from = last + 1;
}

// Each reader below tries one form of number phrase at token i: it returns
// false, touching nothing but ph, when the form is not there; otherwise it fills
// ph and *resume, the last token consumed.

/* "a third of the town", "two thirds", "two-thirds of the roof", "three
 * quarters": shares, in percent. A hyphenated fraction needs no "of" ("a
 * two-thirds majority"). */
static bool read_fraction(const sentence *s, size_t i, phrase *ph, size_t *resume) {
    const token *t = s->t;
    size_t f = i + 1; // the fraction word
    bool hyphen = f + 1 <= s->last && tk_punct(&t[f], '-') && t[f].gap == GAP_NONE &&
                  t[f + 1].gap == GAP_NONE;
    if (hyphen)
        f++;
    int den = f <= s->last && t[f].lex ? t[f].lex->fraction : 0;
    if (!den || !(hyphen || (f + 1 <= s->last && tk_has(&t[f + 1], FDP_WL_PARTITIVES))))
        return false;
    const fdp_lex *nw = numword(&t[i]);
    double num = is_one(&t[i]) ? 1 : nw && nw->num == FDP_NUM_UNIT ? nw->num_value : 0;
    if (num <= 0 || num >= den)
        return false;
    set_share(ph, 100.0 * num / den, i, f);
    *resume = ph->last;
    take_qualifier(s, i, ph);
    return true;
}

/* "2/3 of the members", "¾ of the budget", "nearly 1/4 of the children": a
 * fraction in digits or a fraction character before "of" is a share. */
static bool read_digit_share(const sentence *s, size_t i, phrase *ph, size_t *resume) {
    const token *t = s->t;
    double part = slash_fraction(s, i);
    size_t last = part > 0 ? i + 2 : i;
    if (part <= 0 && t[i].type == TK_NUM && t[i].vulgar && t[i].val < 1)
        part = t[i].val;
    if (part <= 0 || last + 1 > s->last || !tk_has(&t[last + 1], FDP_WL_PARTITIVES))
        return false;
    set_share(ph, 100.0 * part, i, last);
    *resume = ph->last;
    take_qualifier(s, i, ph);
    return true;
}

/* "half the harbour", "half of the roof": a half as a share. "half an hour"
 * is no share (the article makes it a number). */
static bool read_half_share(const sentence *s, size_t i, phrase *ph, size_t *resume) {
    const token *t = s->t;
    if (half(&t[i]) <= 0 || i + 1 > s->last || is_one(&t[i + 1]) ||
        !(tk_has(&t[i + 1], FDP_WL_PARTITIVES) || tk_has(&t[i + 1], FDP_WL_DETERMINERS)))
        return false;
    set_share(ph, 100.0 * half(&t[i]), i, i);
    *resume = ph->last;
    take_qualifier(s, i, ph);
    return true;
}

/* "a handful" (3-9), "several" (3-9), "decades-old" (20-99 years): phrases of
 * rules. A phrase without a unit of its own takes the unit written after it
 * ("several weeks"). */
static bool read_vague_phrase(const fdp_extractor *x, const sentence *s, size_t i, phrase *ph,
                              size_t *resume) {
    const fdp_vague_phrase *p = s->t[i].lex ? s->t[i].lex->phrase : NULL;
    while (p && !seq_at(s, i, &p->seq))
        p = p->next;
    if (!p)
        return false;
    set_vague(&ph->v, p->low, p->high);
    ph->unit = p->unit ? p->unit : FDP_KIND_COUNT;
    ph->kind = p->kind ? p->kind : FDP_KIND_COUNT;
    ph->first = ph->num_first = ph->num_last = i;
    ph->last = i + (size_t)p->seq.n - 1;
    // The numeral ends before a hyphen: "decades-old" is an adjective.
    for (int k = 1; k < p->seq.n && !ph->adjective; k++) {
        ph->adjective = !strcmp(p->seq.words[k], "-");
        if (!ph->adjective)
            ph->num_last = i + (size_t)k;
    }
    if (!p->unit && !ph->adjective)
        ph->last = parse_unit(x, s, ph->last, ph);
    ph->np_from = ph->last + 1;
    *resume = ph->last;
    return true;
}

/* "several hundred", "a few thousand": vague, from three to nine (two to five)
 * times the scale. */
static bool read_several(const fdp_extractor *x, const sentence *s, size_t i, phrase *ph,
                         size_t *resume) {
    const token *t = s->t;
    const fdp_lex *e = t[i].lex;
    // "a couple of thousand": the partitive may stand before the scale
    size_t at = i + 2 <= s->last && tk_has(&t[i + 1], FDP_WL_PARTITIVES) ? i + 2 : i + 1;
    const fdp_lex *scale = at <= s->last ? numword(&t[at]) : NULL;
    double size = scale && scale->num >= FDP_NUM_HUNDRED ? scale->num_value
                  : at <= s->last                        ? dozen(&t[at]) // "a few dozen"
                                                         : 0;
    if (!e || e->several <= 0 || size <= 0)
        return false;
    bool article = e->several_article && i > s->first && is_one(&t[i - 1]);
    set_vague(&ph->v, e->several * size, e->several_high * size);
    ph->first = article ? i - 1 : i;
    ph->num_first = i;
    ph->num_last = at;
    ph->last = parse_unit(x, s, at, ph);
    ph->np_from = ph->last + 1;
    *resume = ph->last;
    return true;
}

/* "dozens", "hundreds", "tens of thousands", "hundreds of thousands". */
static bool read_vague(const fdp_extractor *x, const sentence *s, size_t i, phrase *ph,
                       size_t *resume) {
    const token *t = s->t;
    const fdp_lex *e = t[i].lex;
    if (!e || e->vague_low <= 0)
        return false;
    double low = e->vague_low, high = e->vague_high;
    size_t last = i;
    const fdp_lex *of = i + 2 <= s->last ? t[i + 2].lex : NULL;
    // "tens of thousands": ten times the band of "thousands", up to just below
    // ten times its next step (20,000-99,999)
    if (e->vague_of > 0 && of && of->vague_scale && tk_has(&t[i + 1], FDP_WL_PARTITIVES)) {
        low = e->vague_of * of->vague_low;
        high = e->vague_of * (of->vague_high + 1) - 1;
        last = i + 2;
    }
    set_vague(&ph->v, low, high);
    ph->num_first = ph->first = i;
    ph->num_last = last;
    ph->last = parse_unit(x, s, last, ph);
    ph->np_from = ph->last + 1;
    *resume = ph->last;
    // A bound applies ("more than dozens"); an approximation adds nothing to a
    // vague quantity ("some dozens", "nearly hundreds").
    size_t qf;
    fdp_bound q = qualifier_before(s, i, &qf);
    if (q != FDP_BOUND_NONE && q != FDP_BOUND_APPROX && q != FDP_BOUND_NEARLY) {
        apply_qualifier(ph, q);
        ph->first = qf;
    }
    return true;
}

/* "4-6 million", "between 4 and 6 million", "four to six million": the scale of
 * the second figure [second, last2] (its value v2) is the first's [i, last] too,
 * when the first has none of its own and is below the second's digits. The
 * factor for the first figure: the scale, or 1. */
static double range_scale(const sentence *s, size_t i, size_t last, size_t second, size_t last2,
                          double v2) {
    const token *t = s->t;
    const fdp_lex *sw = t[last2].lex, *fw = t[last].lex;
    double scale = t[second].type == TK_NUM && t[second].val > 0 ? v2 / t[second].val
                   : last2 > second && sw && sw->num == FDP_NUM_SCALE ? sw->num_value
                                                                       : 1;
    if (scale <= 1 || (fw && (fw->num == FDP_NUM_SCALE || fw->mult > 0)))
        return 1;
    double first = t[i].type == TK_NUM ? t[i].val : 0;
    if (t[i].type != TK_NUM && last == i && numword(&t[i]))
        first = numword(&t[i])->num_value; // "four to six million"
    return first > 0 && first < v2 / scale ? scale : 1;
}

/* Ranges: "10-25", "10–25", "10 to 25", "between 10 and 25", "$10bn to $15bn". */
static void read_range(fdp_extractor *x, const sentence *s, size_t i, const char *currency,
                       phrase *ph, size_t *last) {
    const token *t = s->t;
    bool between = i > s->first && tk_has(&t[i - 1], FDP_WL_RANGE_OPENERS);
    if (is_change(s, i))
        return;
    if (*last + 2 > s->last)
        return;
    const token *sep = &t[*last + 1];
    bool dash = tk_punct(sep, '-') && (sep->gap == GAP_NONE || t[*last + 2].gap != GAP_NONE);
    bool word = tk_has(sep, FDP_WL_RANGE_WORDS) || (between && tk_has(sep, FDP_WL_RANGE_JOINERS));
    size_t last2, second = *last + 2;
    double v2;
    // the second number may repeat the currency sign
    for (size_t k = second + 1, cf; currency && k <= s->last && k <= second + 2; k++)
        if (currency_before(x, s, k, &cf) && cf == second) {
            second = k;
            break;
        }
    // a count from 1000 to 2100 may range to another ("1700-1900 workers")
    if ((dash || word) && t[second].type == t[i].type &&
        parse_numeral(x, s, second, &last2, &v2) && v2 > ph->v.low &&
        (!is_year_like(&t[second]) || is_year_like(&t[i]))) {
        ph->v.low *= range_scale(s, i, *last, second, last2, v2);
        ph->v.high = v2;
        ph->num_last = *last = last2;
        if (between)
            ph->first = i - 1;
    }
}

/* Trailing "or more" / "or so", possibly after the counted noun: "200 words or
 * more". The rules index trailing qualifiers by their first word. */
static void read_trailing(const sentence *s, phrase *ph, size_t *resume) {
    const token *t = s->t;
    for (size_t k = ph->last + 1; k <= s->last && k <= ph->last + TRAILING_WINDOW; k++) {
        const fdp_qualifier *q = t[k].lex ? t[k].lex->qual_after : NULL;
        while (q && !seq_at(s, k, &q->seq))
            q = q->next;
        if (q) {
            apply_qualifier(ph, q->bound);
            ph->np_from = ph->last + 1;
            ph->last = k + (size_t)q->seq.n - 1;
            *resume = ph->last;
            return;
        }
        if (t[k].type != TK_WORD)
            return;
    }
}

/* Time windows: "within 24 hours", "during the last 24 hours", "in the past week". */
static void mark_window(const sentence *s, phrase *ph) {
    const token *t = s->t;
    if (!fdp_same_str(ph->kind, FDP_KIND_DURATION) || ph->first <= s->first)
        return;
    size_t k = ph->first - 1;
    while (k > s->first && tk_has(&t[k], FDP_WL_WINDOW_DETERMINERS))
        k--;
    if (k < ph->first - 1 || tk_has(&t[k], FDP_WL_WINDOW_ALONE))
        ph->window = tk_has(&t[k], FDP_WL_WINDOW_PREPOSITIONS);
}

// "5.000 injured": one dot before three digits is a decimal point in English
// copy, but a count of people or things is whole, so there it groups thousands
// (as in most of Europe).
static void read_dot3(const sentence *s, size_t i, phrase *ph) {
    const token *t = s->t;
    if (fdp_same_str(ph->kind, FDP_KIND_COUNT) && t[i].type == TK_NUM && t[i].dot3 &&
        ph->num_last == i) {
        ph->v.low = ph->v.high = t[i].val * 1000;
        ph->step = 0;
        ph->unsure = true; // "1.448 people": most likely 1,448; recorded as a guess
    } else if (t[i].type == TK_NUM && t[i].dot3) {
        ph->unsure = true; // "1.448 km": English decimal, or European 1,448
    }
}

/* "-1.2%", "minus 0.7 percent", "-12C": a minus sign or word before the figure
 * at token k, as 1 + its token, or 0. A dash counts only against the figure and
 * apart from what stands before it ("3-1" and "F-16" hold no minus). */
static size_t minus_before(const sentence *s, size_t k) {
    const token *t = s->t;
    if (k <= s->first)
        return 0;
    const token *p = &t[k - 1];
    if (tk_has(p, FDP_WL_MINUS_WORDS) && t[k].gap != GAP_NONE)
        return k;
    bool alone = p->gap != GAP_NONE || k - 1 == s->first;
    return tk_punct(p, '-') && t[k].gap == GAP_NONE && alone ? k : 0;
}

// The interval of the negated figure: [a, b] becomes [-b, -a].
static void negate(fdp_interval *v) {
    fdp_interval w = *v;
    v->low = -w.high;
    v->has_low = w.has_high;
    v->low_open = w.high_open;
    v->high = -w.low;
    v->has_high = w.has_low;
    v->high_open = w.low_open;
}

static bool read_numeral_phrase(fdp_extractor *x, const sentence *s, size_t i, phrase *ph,
                                size_t *resume);

/* "above 300 and below 450", "more than 60 and less than 70 percent": a lower
 * bound joined to an upper bound that follows it is one interval. */
static void read_upper_bound(fdp_extractor *x, const sentence *s, phrase *ph, size_t *resume) {
    const token *t = s->t;
    size_t j = ph->last + 1, qf, end;
    if (!ph->v.has_low || ph->v.has_high || j + 2 > s->last ||
        !tk_has(&t[j], FDP_WL_BOUND_JOINERS))
        return;
    size_t k = j + 2;
    while (k <= s->last && k <= j + 6 && !may_start(&t[k]))
        k++;
    if (k > s->last || qualifier_before(s, k, &qf) == FDP_BOUND_NONE || qf != j + 1)
        return;
    phrase hi;
    memset(&hi, 0, sizeof hi);
    if (!read_numeral_phrase(x, s, k, &hi, &end) || hi.first != j + 1 || hi.v.has_low ||
        !hi.v.has_high ||
        (!fdp_same_str(hi.unit, ph->unit) && !fdp_same_str(ph->unit, FDP_KIND_COUNT)))
        return;
    ph->v.high = hi.v.high;
    ph->v.has_high = true;
    ph->v.high_open = hi.v.high_open;
    ph->unit = hi.unit;
    ph->kind = hi.kind;
    ph->unit_rule = hi.unit_rule;
    ph->last = hi.last;
    ph->np_from = hi.np_from;
    *resume = end;
}

/* A numeral with what goes with it: currency, range, unit, qualifiers, window. */
static bool read_numeral_phrase(fdp_extractor *x, const sentence *s, size_t i, phrase *ph,
                                size_t *resume) {
    const token *t = s->t;
    size_t last, skip;
    double v;
    if (!parse_numeral(x, s, i, &last, &v))
        return false;
    if (ordinal_after(s, i, last, &skip)) {
        *resume = skip;
        return false;
    }
    and_a_part(s, &last, &v);
    if (not_a_quantity(x, s, i, last, v, &skip)) {
        *resume = skip;
        return false;
    }
    set_exact(&ph->v, v);
    ph->step = digit_step(x, s, i, last, &ph->loose);
    if (numword(&t[i]) && numword(&t[i])->num == FDP_NUM_SCALE && last == i) {
        ph->step = v; // a bare "million" ("million-person"): one digit of precision
        ph->loose = true;
    }
    ph->num_first = i;
    ph->num_last = last;
    ph->first = i;
    size_t cfirst = i;
    const char *currency = currency_before(x, s, i, &cfirst);
    ph->first = cfirst;
    size_t single = last;
    read_range(x, s, i, currency, ph, &last);
    if (last != single)
        ph->step = 0; // a range: its ends are as written
    ph->last = parse_unit(x, s, last, ph);
    if (currency) {
        ph->unit = currency;
        ph->kind = FDP_KIND_MONEY;
    } else {
        unit_before(s, i, ph);
        unit_implied(s, i, ph);
    }
    if (!ph->np_from)
        ph->np_from = ph->last + 1;
    ph->change_word = change_end(s, i);
    read_dot3(s, i, ph);
    *resume = ph->last;
    size_t minus = minus_before(s, ph->first);
    if (minus)
        ph->first = minus - 1;
    take_qualifier(s, ph->first, ph);
    read_trailing(s, ph, resume);
    apply_precision(ph);
    if (minus && last != single)
        ph->v.low = -ph->v.low; // "-5 to 10C": the sign is the low end's
    else if (minus)
        negate(&ph->v);
    read_upper_bound(x, s, ph, resume);
    mark_window(s, ph);
    return true;
}

/* "a month-long battle", "a fortnight-long strike": one of the time unit. */
static bool read_unit_long(const sentence *s, size_t i, phrase *ph, size_t *resume) {
    const token *t = s->t;
    const fdp_unit *u = unit_word(&t[i]);
    if (!is_time_unit(u) || !u->singular || i + 2 > s->last || !tk_punct(&t[i + 1], '-') ||
        t[i + 1].gap != GAP_NONE || t[i + 2].gap != GAP_NONE ||
        !tk_has(&t[i + 2], FDP_WL_DURATION_SUFFIXES))
        return false;
    set_exact(&ph->v, u->times);
    ph->unit = u->unit;
    ph->kind = u->kind;
    ph->adjective = true;
    ph->first = ph->num_first = ph->num_last = i;
    ph->last = i + 2;
    ph->np_from = i + 3;
    *resume = ph->last;
    take_qualifier(s, i, ph);
    return true;
}

/*
 * Parses the number phrase at token i into ph. Returns false if there is none;
 * *resume is the last token consumed either way.
 */
static bool parse_phrase(fdp_extractor *x, const sentence *s, size_t i, phrase *ph,
                         size_t *resume) {
    // A copy of a zeroed phrase, not memset: the compiler makes that a string
    // store (rep stos), slow to start for a struct this small, and it is made
    // once a phrase read is tried.
    static const phrase no_phrase;
    *ph = no_phrase;
    *resume = i;
    return read_fraction(s, i, ph, resume) || read_digit_share(s, i, ph, resume) ||
           read_half_share(s, i, ph, resume) ||
           read_several(x, s, i, ph, resume) ||
           read_vague_phrase(x, s, i, ph, resume) || read_vague(x, s, i, ph, resume) ||
           read_unit_long(s, i, ph, resume) || read_numeral_phrase(x, s, i, ph, resume);
}

/* "a month later", "for a year": the article as the numeral one, with a time unit. */
static bool parse_article_duration(const sentence *s, size_t i, phrase *ph) {
    const token *t = s->t;
    if (!is_one(&t[i]) || i + 1 > s->last)
        return false;
    const fdp_unit *u = unit_word(&t[i + 1]);
    if (!is_time_unit(u) || !u->singular)
        return false;
    const token *after = i + 2 <= s->last ? &t[i + 2] : NULL;
    const token *before = i > s->first ? &t[i - 1] : NULL;
    bool relative = after && (tk_has(after, FDP_WL_OFFSET_WORDS) ||
                              tk_has(after, FDP_WL_RELATIVE_WORDS));
    bool span = before && tk_has(before, FDP_WL_SPAN_CUES);
    if (!relative && !span)
        return false;
    memset(ph, 0, sizeof *ph);
    set_exact(&ph->v, u->times); // "for a decade": ten years
    ph->unit = u->unit;
    ph->kind = u->kind;
    ph->first = ph->num_first = ph->num_last = i;
    ph->last = i + 1;
    ph->np_from = i + 2;
    take_qualifier(s, i, ph);
    return true;
}

/* "a nurse was hurt", "an officer was killed": the article counts one when a
 * counted noun follows it and a running total's verb (killed, injured,
 * missing...) comes within a few words: the text states a count of one. */
static bool parse_article_count(const fdp_extractor *x, const sentence *s, size_t i,
                                phrase *ph) {
    const token *t = s->t;
    const fd_ruleset *r = x->rules;
    if (!r || !is_one(&t[i]) || i + 2 > s->last || !t[i + 1].lex || t[i + 1].noun < 0)
        return false;
    bool counted = false;
    for (size_t k = i + 2; k <= s->last && k <= i + 1 + ARTICLE_COUNT_WINDOW && !counted; k++) {
        int p = t[k].lex ? t[k].pred : -1;
        if (t[k].type != TK_WORD)
            return false;
        counted = p >= 0 && r->predicates[p].cumulative;
    }
    if (!counted)
        return false;
    memset(ph, 0, sizeof *ph);
    set_exact(&ph->v, 1);
    ph->unit = ph->kind = FDP_KIND_COUNT;
    ph->first = ph->num_first = ph->num_last = ph->last = i;
    ph->np_from = i + 1;
    return true;
}

/* ---- driving it over a document ------------------------------------------ */

fdp_extractor *fdp_extractor_new(const fd_ruleset *rules, fd_error *err) {
    fdp_extractor *x = calloc(1, sizeof *x);
    if (!x) {
        fdp_error_set(err, FD_ERR_NOMEM, "<extractor>", 0, 0, 0, "out of memory");
        return NULL;
    }
    x->rules = rules;
    for (int k = 0; k < DECIMAL_STEPS; k++) // pow's own values: the steps are the same bits
        x->decimal_step[k] = pow(10, -k);
    x->spell = open_spellout(rules && rules->spellout_locale ? rules->spellout_locale
                                                             : DEFAULT_SPELLOUT);
    if (!x->spell) {
        free(x);
        fdp_error_set(err, FD_ERR_ICU, "<extractor>", 0, 0, 0,
                      "ICU: cannot open the spell-out rules");
        return NULL;
    }
    return x;
}

void fdp_extractor_free(fdp_extractor *x) {
    if (!x)
        return;
    if (x->spell)
        unum_close(x->spell);
    fdp_buf_free(&x->key);
    fdp_buf_free(&x->label);
    free(x);
}

static int emit(const fd_ruleset *rules, fdp_doc *d, const sentence *s, const phrase *ph,
                frame_state *fs, fdp_cursor *cu) {
    fdp_claim *c = fdp_doc_new_claim(d);
    if (!c)
        return FD_ERR_NOMEM;
    c->start = s->t[ph->first].start;
    c->end = s->t[ph->last].end;
    fdp_cursor_advance(d->text, cu, c->start);
    c->line = cu->line;
    c->column = cu->col;
    c->value = ph->v;
    c->unit = ph->unit;
    c->unsure = ph->unsure;
    c->is_window = ph->window;
    c->sent_start = s->t[s->first].start;
    c->sent_end = s->t[s->last].end;
    return fdp_frame_claim(rules, d, s, ph, fs, c);
}

// "a month later", "two weeks ago": an offset in time, not the duration of
// anything, so it never meets durations in the comparator.
static void mark_offset(const sentence *s, phrase *ph) {
    const token *n = ph->last + 1 <= s->last ? &s->t[ph->last + 1] : NULL;
    if (n && fdp_same_str(ph->kind, FDP_KIND_DURATION) && tk_has(n, FDP_WL_OFFSET_WORDS))
        ph->kind = FDP_KIND_OFFSET;
}

/* "some 60 km (37 miles) west": a conversion in brackets restates the figure
 * before it in another unit of its kind; it joins that claim's span. */
static void take_conversion(fdp_extractor *x, const sentence *s, phrase *ph, size_t *resume) {
    const token *t = s->t;
    size_t open = ph->last + 1;
    if (fdp_same_str(ph->kind, FDP_KIND_COUNT) || open + 2 > s->last || !tk_punct(&t[open], '('))
        return;
    phrase conv;
    size_t end;
    if (!parse_phrase(x, s, open + 1, &conv, &end) || !fdp_same_str(conv.kind, ph->kind) ||
        fdp_same_str(conv.unit, ph->unit) || conv.last + 1 > s->last ||
        !tk_punct(&t[conv.last + 1], ')'))
        return;
    ph->last = conv.last + 1;
    *resume = ph->last;
}

/* "at least 12 nurses and 8 doctors": a bound written before the first figure
 * of a list covers the next one written bare, when only the first one's noun
 * phrase and a list joiner lie between them (no verb, no other punctuation). */
static void carry_bound(const sentence *s, const phrase *prev, phrase *ph) {
    const token *t = s->t;
    fdp_bound b = prev->bound;
    if ((b != FDP_BOUND_LOW && b != FDP_BOUND_LOW_OPEN && b != FDP_BOUND_HIGH &&
         b != FDP_BOUND_HIGH_OPEN) ||
        ph->bound != FDP_BOUND_NONE || ph->v.vague || ph->first <= prev->last + 1 ||
        ph->first - prev->last - 1 > LIST_CARRY_WINDOW || !fdp_same_str(ph->kind, prev->kind) ||
        !tk_has(&t[ph->first - 1], FDP_WL_LIST_JOINERS))
        return;
    // only a noun phrase between: "to suspend transfers and six months" is a clause
    for (size_t k = prev->last + 1; k < ph->first - 1; k++)
        if (t[k].type != TK_WORD || (t[k].lex && t[k].pred >= 0) ||
            tk_has(&t[k], FDP_WL_PURPOSE_LINKS))
            return;
    apply_qualifier(ph, b);
}

/* The tokens of a sentence a claim may start at (may_start), as offsets from its
 * first, in order: found by the scan that finds the sentence's end. */
typedef struct sentence_starts {
    uint16_t at[MAX_SENTENCE_TOKENS];
    size_t n;
} sentence_starts;

static int extract_sentence(fdp_extractor *x, fdp_doc *d, const sentence *s,
                            const sentence_starts *starts, frame_state *fs, fdp_cursor *cu) {
    phrase prev = {0};
    size_t first_claim = d->nclaims;
    if (x->rules)
        fdp_frame_sentence(d, s, fs);
    // next: the first token not yet read (a phrase read consumes up to its resume)
    for (size_t c = 0, next = s->first; c < starts->n; c++) {
        size_t i = s->first + starts->at[c];
        if (i < next)
            continue;
        phrase ph;
        size_t resume = i;
        bool found = parse_article_duration(s, i, &ph) || parse_article_count(x, s, i, &ph);
        if (found)
            resume = ph.last;
        else
            found = parse_phrase(x, s, i, &ph, &resume);
        if (found) {
            mark_offset(s, &ph);
            take_conversion(x, s, &ph, &resume);
            if (prev.kind)
                carry_bound(s, &prev, &ph);
            int rc = emit(x->rules, d, s, &ph, fs, cu);
            if (rc < 0)
                return rc;
            prev = ph;
        }
        next = resume + 1;
    }
    if (x->rules && d->nclaims > first_claim + 1)
        return fdp_frame_sentence_claims(x->rules, s, fs, d->claims + first_claim,
                                         d->nclaims - first_claim);
    return 0;
}

/*
 * The end of the run of ASCII letters at text[i, end): the first byte that is
 * none. Sixteen bytes at first, then eight at a time: a byte is a letter when it is below 0x80 and,
 * with bit 0x20 set, from 'a' to 'z' (each test a sum that cannot carry out of
 * its byte).
 */
static inline size_t letters_end(const char *text, size_t i, size_t end) {
    // Nearly every word ends within 16 bytes: one test finds where.
    if (end - i >= 16) {
        unsigned others = ~fdp_ascii_letters16(text + i) & 0xFFFFu;
        if (others)
            return i + (size_t)__builtin_ctz(others);
        i += 16;
    }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    for (; i + 8 <= end; i += 8) {
        uint64_t w;
        memcpy(&w, text + i, 8);
        uint64_t y = (w & ~highs) | ones * 0x20;
        uint64_t from_a = y + ones * (0x80 - 'a'), past_z = y + ones * (0x80 - 'z' - 1);
        uint64_t other = ~(from_a & ~past_z & ~w) & highs;
        if (other)
            return i + (size_t)__builtin_ctzll(other) / 8;
    }
#endif
    while (i < end && (unsigned char)(((unsigned char)text[i] | 32) - 'a') <= 'z' - 'a')
        i++;
    return i;
}

/*
 * The first byte of text[i, end) that is an ASCII letter or no ASCII at all (a
 * word, or a code point that may be a digit), or end: the spaces and
 * punctuation between words passed sixteen bytes at a test.
 */
static inline size_t word_or_non_ascii(const char *text, size_t i, size_t end) {
#ifdef __SSE2__
    for (; i + 16 <= end; i += 16) {
        unsigned high = (unsigned)_mm_movemask_epi8(
            _mm_loadu_si128((const __m128i *)(const void *)(text + i)));
        unsigned hit = fdp_ascii_letters16(text + i) | high;
        if (hit)
            return i + (size_t)__builtin_ctz(hit);
    }
#endif
    for (; i < end; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c >= 0x80 || (unsigned char)((c | 32) - 'a') < 26)
            break;
    }
    return i;
}

/* The n < 16 ASCII letters at p lowercased into w (16 bytes), NUL-terminated.
 * whole: 16 bytes may be read at p (within the paragraph), and are, folded at
 * once (the bytes past the word are past its NUL), with no loop whose end a
 * branch would have to guess. */
static inline void fold_letters(const char *p, size_t n, bool whole, char w[16]) {
    if (whole) {
        uint64_t half[2];
        memcpy(half, p, sizeof half);
        half[0] |= 0x2020202020202020ULL;
        half[1] |= 0x2020202020202020ULL;
        memcpy(w, half, sizeof half);
    } else {
        for (size_t at = 0; at < n; at++)
            w[at] = (char)(p[at] | 32);
    }
    w[n] = '\0';
}

/*
 * True if text[start, end) may hold a claim: a digit, or a word of the lexicon
 * that can start or carry one (number words, "dozens", "half", time units for
 * "a month later": fdp_lex.may_hold). A plain byte scan, so that paragraphs
 * without numbers, most of a news story, are never tokenized.
 */
static bool may_hold_claims(const fd_ruleset *rules, const char *text, size_t start,
                            size_t end) {
    // Most paragraphs that hold claims hold a digit: a tight loop finds it
    // first, eight bytes at a time (a byte from '0' to '9', exactly, as in
    // "Bit Twiddling Hacks": has a byte between 0x2F and 0x3A).
    const uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL, ones = 0x0101010101010101ULL;
    size_t k = start;
#ifdef __SSE2__
    // sixteen at a time where SSE2 is (every x86-64): a byte less '0' is a
    // digit's value when its unsigned minimum with 9 is itself
    const __m128i zero = _mm_set1_epi8('0'), nine = _mm_set1_epi8(9);
    for (; k + 16 <= end; k += 16) {
        __m128i v = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)(const void *)(text + k)), zero);
        if (_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(v, nine), v)))
            return true;
    }
#endif
    for (; k + 8 <= end; k += 8) {
        uint64_t w;
        memcpy(&w, text + k, 8);
        uint64_t t = w & low7;
        if (((ones * (127 + 0x3A) - t) & ~w & (t + ones * (127 - 0x2F))) & ~low7)
            return true;
    }
    for (; k < end; k++)
        if ((unsigned char)(text[k] - '0') < 10)
            return true;
    size_t i = start, since_article = ARTICLE_COUNT_WINDOW + 2;
    while ((i = word_or_non_ascii(text, i, end)) < end) {
        unsigned char c = (unsigned char)text[i];
        if (c >= 0x80) {
            size_t j = i;
            int32_t cp = fdp_utf8_next(text, end, &j);
            if (cp > 0 && (u_isdigit(cp) || u_charType(cp) == U_OTHER_NUMBER))
                return true; // digits of any script, "¾"
            i = j;
            continue;
        }
        // The word's end first, and its shape (length, first and last letter)
        // asked of a filter; its folded letters and hash only for the few
        // words that filter lets through.
        size_t from = i;
        i = letters_end(text, i, end);
        char w[16];
        size_t n = i - from;
        if (n >= sizeof w)
            continue;
        if (!rules || n > FDP_HOLD_SHAPE_MAX ||
            !fdp_hold_shape_maybe(rules, n, (unsigned)((c | 32) - 'a'),
                                  (unsigned)((text[i - 1] | 32) - 'a'))) {
            since_article++;
            continue;
        }
        fold_letters(text + from, n, from + sizeof w <= end, w);
        uint32_t h = fdp_hash_word_held(w, n);
        // Most words decide nothing, and the filter says so of nearly all of them.
        if (!fdp_hold_maybe(rules, h)) {
            since_article++;
            continue;
        }
        const fdp_lex *e = fdp_lex_find(rules, w, h);
        if (e && (e->may_hold || (e->toll && since_article <= ARTICLE_COUNT_WINDOW + 1)))
            return true;
        since_article = e && fdp_lex_in(e, FDP_WL_ONE_ARTICLES) ? 0 : since_article + 1;
    }
    return false;
}

bool fdp_extract_may_hold(const void *x, const char *text, size_t start, size_t end) {
    return may_hold_claims(((const fdp_extractor *)x)->rules, text, start, end);
}

#define FRAME_STATE_INIT {NULL, -10, "", -10, 0, false, {""}, {0}, 0, 0, 0, -1, -1, "", "", -10, 0, {0}, {0}, NULL, NULL, NULL, NULL}

// The frames' state at the start of document d.
static frame_state frame_state_of(fdp_extractor *x, fdp_doc *d) {
    frame_state fs = FRAME_STATE_INIT;
    fs.predicates = x->predicates;
    fs.strings = &d->claim_strings;
    fs.key = &x->key;
    fs.label = &x->label;
    return fs;
}

// A paragraph no claim is read from: its sentences go by unread, so that an
// attribution is not carried across them. A blank line is no sentence.
static void pass_paragraph(const char *text, size_t start, size_t end, frame_state *fs) {
    bool blank = true;
    for (size_t k = start; k < end && blank; k++)
        blank = text[k] == ' ' || text[k] == '\t' || text[k] == '\r';
    if (!blank)
        fs->sentence_no += 2;
}

// The sentence that starts at token i of t[0, n), with the word lists of its
// tokens, the tokens a claim may start at into starts, and the marks the frame
// asks of its claims (fs->marks), the sentence being fs->sentence_no: all of it
// read in one scan of its tokens.
static sentence sentence_at(const fd_ruleset *rules, const token *t, size_t i, size_t n,
                            sentence_starts *starts, frame_state *fs) {
    // The frame reads a claim's whole sentence: a line with no full stop (a
    // table, a feed's junk) is cut into sentences of bounded length, which
    // keeps extraction linear. News sentences are far shorter.
    sentence s = {t, i, i, {0}};
    size_t end = n - i > MAX_SENTENCE_TOKENS ? i + MAX_SENTENCE_TOKENS : n;
    size_t j = i, found = 0;
    struct fdp_sentence_marks *m = &fs->marks;
    fdp_marks_start(m, fs->sentence_no, t, i);
    for (;; j++) {
        for (size_t w = 0; w < FDP_WL_WORDS; w++)
            s.lists[w] |= t[j].lists[w];
        // A claim may start at digits (the test fdp_mark_token makes too) or at a
        // starter word; which words are starters follows no pattern a predictor
        // learns, so a word's offset is written always and kept by its flag.
        starts->at[found] = (uint16_t)(j - i);
        found += t[j].type == TK_NUM ? 1 : t[j].starter;
        fdp_mark_token(rules, m, &t[j], j);
        if (j + 1 >= end || t[j + 1].sent_start)
            break;
    }
    s.last = m->last = j;
    starts->n = found;
    return s;
}

int fdp_extract_doc(fdp_extractor *x, fdp_doc *d, const fdp_doc_tokens *toks) {
    if (d->skip || !d->text)
        return 0;
    frame_state fs = frame_state_of(x, d);
    fdp_cursor cu = {0, 1, 1};
    sentence_starts starts;
    int rc = 0;
    for (size_t p = 0; p < toks->npara && rc == 0; p++) {
        const fdp_para *para = &toks->paras[p];
        if (!para->tokenized || !para->n ||
            !(para->kept || may_hold_claims(x->rules, d->text, para->start, para->end))) {
            pass_paragraph(d->text, para->start, para->end, &fs);
            continue;
        }
        const token *t = toks->list.t + para->first;
        cu = fdp_para_cursor(toks, p); // (the claims before are on lines before)
        for (size_t i = 0; rc == 0 && i < para->n;) {
            fs.sentence_no++;
            sentence s = sentence_at(x->rules, t, i, para->n, &starts, &fs);
            rc = extract_sentence(x, d, &s, &starts, &fs, &cu);
            i = s.last + 1;
        }
    }
    return rc;
}

/* ---- one long document in windows (factdiff extract) ---------------------- */

#define WINDOW_BYTES 65536 /* of a paragraph tokenized at a time, by default */
#define KEEP_BEHIND 64     /* tokens kept before the sentence being read */
#define LOOKAHEAD 64       /* tokens read after the longest sentence it can be */

/* A paragraph being read in windows: its tokens from the sentence before the
 * one being read on, never the whole paragraph's. */
typedef struct para_window {
    const char *text;
    size_t start, pos, end; /* the paragraph; pos: where tokenizing goes on */
    size_t window;          /* bytes tokenized at a time (up to the next cut) */
    token_list *list;
    size_t i;               /* the next sentence's first token in list */
    sentence_starts *starts; /* the scratch list of the sentence being read */
} para_window;

/*
 * Drops the tokens read long ago, then tokenizes on (a window at a time, cut
 * where a word ends) until the next sentence is known whole, with LOOKAHEAD
 * tokens after it, or the paragraph is all read. The tokens are exactly those
 * of the whole paragraph (fdp_tokenize_more).
 */
static int refill(para_window *w) {
    token_list *l = w->list;
    if (w->pos >= w->end || l->n - w->i >= MAX_SENTENCE_TOKENS + LOOKAHEAD)
        return 0;
    size_t drop = w->i > KEEP_BEHIND ? w->i - KEEP_BEHIND : 0;
    if (drop) { // (an empty list may have no array yet)
        memmove(l->t, l->t + drop, (l->n - drop) * sizeof *l->t);
        l->n -= drop;
        w->i -= drop;
    }
    while (w->pos < w->end && l->n - w->i < MAX_SENTENCE_TOKENS + LOOKAHEAD) {
        size_t cut = fdp_tokenize_cut(w->text, w->pos + w->window, w->end);
        int rc = w->pos == w->start ? fdp_tokenize(w->text, w->pos, cut, l)
                                    : fdp_tokenize_more(w->text, w->pos, cut, l);
        if (rc < 0)
            return rc;
        w->pos = cut;
    }
    return 0;
}

// The claims of one paragraph text[start, end), sentence by sentence, each
// sentence's claims handed to sink as soon as they are framed.
static int extract_paragraph_windowed(fdp_extractor *x, fdp_doc *d, para_window *w,
                                      frame_state *fs, fdp_cursor *cu,
                                      int (*sink)(void *ctx, fdp_doc *d), void *ctx) {
    int rc = refill(w);
    if (rc == 0 && w->list->n == 0) {
        pass_paragraph(d->text, w->start, w->end, fs);
        return 0;
    }
    while (rc == 0 && w->i < w->list->n) {
        fs->sentence_no++;
        sentence s = sentence_at(x->rules, w->list->t, w->i, w->list->n, w->starts, fs);
        size_t j = s.last;
        rc = extract_sentence(x, d, &s, w->starts, fs, cu);
        if (rc == 0 && d->nclaims)
            rc = sink(ctx, d);
        w->i = j + 1;
        if (rc == 0)
            rc = refill(w);
    }
    return rc;
}

int fdp_extract_doc_windowed(fdp_extractor *x, fdp_doc *d, token_list *list, size_t window,
                             int (*sink)(void *ctx, fdp_doc *d), void *ctx) {
    if (d->skip || !d->text)
        return 0;
    frame_state fs = frame_state_of(x, d);
    fdp_cursor cu = {0, 1, 1};
    sentence_starts starts;
    int rc = 0;
    list->rules = x->rules;
    // Paragraphs as fdp_tokenize_doc cuts them: one a line.
    int line = 1;
    for (size_t p = 0; p < d->len && rc == 0; line++) {
        const char *nl = memchr(d->text + p, '\n', d->len - p);
        size_t e = nl ? (size_t)(nl - d->text) : d->len;
        if (!may_hold_claims(x->rules, d->text, p, e)) {
            pass_paragraph(d->text, p, e, &fs);
        } else {
            // The cursor at the line's start, as fdp_cursor_advance would move it
            // there (the claims before are on lines before): this loop has
            // counted the lines, and their newlines are not searched for again.
            cu = (fdp_cursor){p, line, 1};
            list->n = 0;
            para_window w = {d->text, p, p, e, window ? window : WINDOW_BYTES, list, 0, &starts};
            rc = extract_paragraph_windowed(x, d, &w, &fs, &cu, sink, ctx);
        }
        p = e + 1;
    }
    return rc;
}
