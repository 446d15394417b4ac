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
 * of number words found with the lexicon below (never on whole texts: a failing
 * parse costs 70 us).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include <unicode/uchar.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

#include "extract/extract.h"
#include "extract/extractor.h"

#define SPELL_CACHE 256 /* a power of two */

struct fdp_extractor {
    const fd_ruleset *rules;
    UNumberFormat *spell; /* en spell-out with the year rules made private */
    token_list toks;
    // ICU's parse of each distinct spelled span, kept: news repeats "two",
    // "ten", "five years" over and over, and a parse costs microseconds.
    struct spell_entry {
        char text[48];
        double value;
    } cache[SPELL_CACHE];
};

/* ---- lexicon -------------------------------------------------------------- */

typedef enum { NW_UNIT, NW_TENS, NW_HUNDRED, NW_SCALE } nw_kind;

static const struct numword {
    const char *w;
    double v;
    nw_kind kind;
} numwords[] = {
    {"zero", 0, NW_UNIT}, {"one", 1, NW_UNIT}, {"two", 2, NW_UNIT}, {"three", 3, NW_UNIT},
    {"four", 4, NW_UNIT}, {"five", 5, NW_UNIT}, {"six", 6, NW_UNIT}, {"seven", 7, NW_UNIT},
    {"eight", 8, NW_UNIT}, {"nine", 9, NW_UNIT}, {"ten", 10, NW_UNIT},
    {"eleven", 11, NW_UNIT}, {"twelve", 12, NW_UNIT}, {"thirteen", 13, NW_UNIT},
    {"fourteen", 14, NW_UNIT}, {"fifteen", 15, NW_UNIT}, {"sixteen", 16, NW_UNIT},
    {"seventeen", 17, NW_UNIT}, {"eighteen", 18, NW_UNIT}, {"nineteen", 19, NW_UNIT},
    {"twenty", 20, NW_TENS}, {"thirty", 30, NW_TENS}, {"forty", 40, NW_TENS},
    {"fifty", 50, NW_TENS}, {"sixty", 60, NW_TENS}, {"seventy", 70, NW_TENS},
    {"eighty", 80, NW_TENS}, {"ninety", 90, NW_TENS}, {"hundred", 100, NW_HUNDRED},
    {"thousand", 1e3, NW_SCALE}, {"million", 1e6, NW_SCALE}, {"billion", 1e9, NW_SCALE},
    {"trillion", 1e12, NW_SCALE}, {NULL, 0, 0}};

static const struct numword *numword(const token *t);

/* Multipliers after digits: "2.5 million", "$5bn", "20 lakh". */
static double multiplier(const token *t, bool attached) {
    static const struct { const char *w; double m; bool attached_only; } tab[] = {
        {"thousand", 1e3, false}, {"million", 1e6, false}, {"billion", 1e9, false},
        {"trillion", 1e12, false}, {"mn", 1e6, false}, {"bn", 1e9, false},
        {"m", 1e6, true}, {"k", 1e3, true}, {"lakh", 1e5, false}, {"lakhs", 1e5, false},
        {"crore", 1e7, false}, {"crores", 1e7, false}, {NULL, 0, false}};
    if (t->type != TK_WORD)
        return 0;
    for (int i = 0; tab[i].w; i++)
        if (!strcmp(t->w, tab[i].w) && (attached || !tab[i].attached_only))
            return tab[i].m;
    return 0;
}

/* Vague quantities read as open ranges: "dozens" is 24 or more, "tens" 20 or
 * more ("tens still missing"), "tens of thousands" 20,000 or more. */
static const struct vague {
    const char *w;
    double low;
} vague_words[] = {{"tens", 20}, {"dozens", 24}, {"scores", 40}, {"hundreds", 200}, {"thousands", 2000},
                   {"millions", 2e6}, {"billions", 2e9}, {NULL, 0}};

static const struct vague *vague_word(const token *t);

/* Units after a number: the word, the unit reported, and the key kind. */
static const struct unit {
    const char *w;
    const char *unit;
    const char *kind;
    double factor; /* "decades" are reported in years */
} units[] = {
    {"percent", "percent", "percent", 1}, {"pc", "percent", "percent", 1},
    {"year", "years", "duration", 1}, {"years", "years", "duration", 1},
    {"yr", "years", "duration", 1}, {"yrs", "years", "duration", 1},
    {"month", "months", "duration", 1}, {"months", "months", "duration", 1},
    {"week", "weeks", "duration", 1}, {"weeks", "weeks", "duration", 1},
    {"day", "days", "duration", 1}, {"days", "days", "duration", 1},
    {"hour", "hours", "duration", 1}, {"hours", "hours", "duration", 1},
    {"minute", "minutes", "duration", 1}, {"minutes", "minutes", "duration", 1},
    {"min", "minutes", "duration", 1}, {"mins", "minutes", "duration", 1},
    {"decade", "years", "duration", 10}, {"decades", "years", "duration", 10},
    {"times", "count", "count", 1},
    {"km", "km", "distance", 1}, {"kilometres", "km", "distance", 1},
    {"kilometers", "km", "distance", 1}, {"kilometre", "km", "distance", 1},
    {"kilometer", "km", "distance", 1}, {"miles", "miles", "distance", 1},
    {"mile", "miles", "distance", 1}, {"metres", "m", "distance", 1},
    {"meters", "m", "distance", 1}, {"hectares", "hectares", "area", 1},
    {"acres", "acres", "area", 1}, {"kg", "kg", "weight", 1}, {"tonnes", "tonnes", "weight", 1},
    {"tons", "tonnes", "weight", 1}, {"dollars", "usd", "money", 1},
    {"euros", "eur", "money", 1}, {"magnitude", "magnitude", "magnitude", 1},
    {NULL, NULL, NULL, 0}};

static const struct unit *unit_word(const token *t);

static bool is_time_unit(const struct unit *u) { return u && !strcmp(u->kind, "duration"); }

static const char *const months[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", NULL};

/*
 * The lexicon: every word above in one open-addressing hash table, so that the
 * scan asks one question per word token however many tables there are. Built
 * once, on the first extractor; read-only afterwards.
 */
typedef struct lex_entry {
    const char *w;
    uint32_t hash;
    const struct numword *num;
    const struct vague *vague;
    const struct unit *unit;
    bool month;
    bool starter; /* a claim may start at this word */
} lex_entry;

#define LEX_SLOTS 512 /* a power of two, well above the ~130 words */
static lex_entry lexicon[LEX_SLOTS];

static lex_entry *lex_slot(const char *w, uint32_t h) {
    for (uint32_t i = h & (LEX_SLOTS - 1);; i = (i + 1) & (LEX_SLOTS - 1))
        if (!lexicon[i].w || (lexicon[i].hash == h && !strcmp(lexicon[i].w, w)))
            return &lexicon[i];
}

static lex_entry *lex_add(const char *w) {
    uint32_t h = fdp_hash_word(w);
    lex_entry *e = lex_slot(w, h);
    e->w = w;
    e->hash = h;
    return e;
}

static void build_lexicon(void) {
    static bool built;
    if (built)
        return;
    built = true;
    for (int i = 0; numwords[i].w; i++)
        lex_add(numwords[i].w)->num = &numwords[i];
    for (int i = 0; vague_words[i].w; i++)
        lex_add(vague_words[i].w)->vague = &vague_words[i];
    for (int i = 0; units[i].w; i++)
        lex_add(units[i].w)->unit = &units[i];
    for (int i = 0; months[i]; i++)
        lex_add(months[i])->month = true;
    for (int i = 0; numwords[i].w; i++)
        lex_add(numwords[i].w)->starter = true;
    for (int i = 0; vague_words[i].w; i++)
        lex_add(vague_words[i].w)->starter = true;
    static const char *const others[] = {"a", "an", "one", "dozen", "half", "decades",
                                         "several", "few", NULL};
    for (int i = 0; others[i]; i++)
        lex_add(others[i])->starter = true;
}


static const lex_entry *lex(const token *t) {
    if (t->type != TK_WORD)
        return NULL;
    const lex_entry *e = lex_slot(t->w, t->hash);
    return e->w ? e : NULL;
}

/* True if a claim may start at token t: digits, or a starter word. */
static bool may_start(const token *t) {
    if (t->type == TK_NUM)
        return true;
    const lex_entry *e = lex(t);
    return e && e->starter;
}

static const struct numword *numword(const token *t) {
    const lex_entry *e = lex(t);
    return e ? e->num : NULL;
}

static const struct vague *vague_word(const token *t) {
    const lex_entry *e = lex(t);
    return e ? e->vague : NULL;
}

static const struct unit *unit_word(const token *t) {
    const lex_entry *e = lex(t);
    return e ? e->unit : NULL;
}

static bool is_month(const token *t) {
    const lex_entry *e = t->cap ? lex(t) : NULL;
    return e && e->month;
}

/* Capitalised words after which a number is a name or an identifier. */
static const char *const id_words[] = {
    "resolution", "article", "flight", "route", "highway", "chapter", "section", "page",
    "room", "level", "phase", "boeing", "airbus", "terminal", "gate", "platform", "no",
    "number", "unit", "sector", "paragraph", "protocol", "category", "windows", "version",
    "apollo", "channel", "bus", "train", "district", "ward", "block", "camp", NULL};

static bool in_list(const token *t, const char *const *list) {
    for (int i = 0; t->type == TK_WORD && list[i]; i++)
        if (!strcmp(t->w, list[i]))
            return true;
    return false;
}

/* ---- qualifiers ----------------------------------------------------------- */

typedef enum { Q_NONE, Q_LOW_OPEN, Q_LOW, Q_HIGH, Q_HIGH_OPEN, Q_APPROX } qual;

static const struct qualifier {
    const char *words[4];
    qual q;
} qualifiers[] = {
    {{"more", "than"}, Q_LOW_OPEN}, {{"over"}, Q_LOW_OPEN}, {{"above"}, Q_LOW_OPEN},
    {{"just", "over"}, Q_LOW_OPEN}, {{"in", "excess", "of"}, Q_LOW_OPEN},
    {{"upwards", "of"}, Q_LOW}, {{"at", "least"}, Q_LOW}, {{"no", "fewer", "than"}, Q_LOW},
    {{"no", "less", "than"}, Q_LOW}, {{"a", "minimum", "of"}, Q_LOW},
    {{"as", "many", "as"}, Q_HIGH}, {{"as", "much", "as"}, Q_HIGH}, {{"up", "to"}, Q_HIGH},
    {{"at", "most"}, Q_HIGH}, {{"no", "more", "than"}, Q_HIGH},
    {{"a", "maximum", "of"}, Q_HIGH}, {{"fewer", "than"}, Q_HIGH_OPEN},
    {{"less", "than"}, Q_HIGH_OPEN}, {{"under"}, Q_HIGH_OPEN}, {{"below"}, Q_HIGH_OPEN},
    {{"just", "under"}, Q_HIGH_OPEN}, {{"nearly"}, Q_APPROX}, {{"almost"}, Q_APPROX},
    {{"close", "to"}, Q_APPROX}, {{"around"}, Q_APPROX}, {{"about"}, Q_APPROX},
    {{"some"}, Q_APPROX}, {{"roughly"}, Q_APPROX}, {{"approximately"}, Q_APPROX},
    {{"an", "estimated"}, Q_APPROX}, {{"the", "estimated"}, Q_APPROX}, {{"circa"}, Q_APPROX},
    {{"closer", "to"}, Q_APPROX}, {{"nearer", "to"}, Q_APPROX},
    {{"approx"}, Q_APPROX}, {{"nigh", "on"}, Q_APPROX}, {{NULL}, Q_NONE}};

/* The longest qualifier ending just before token i (within the sentence). */
static qual qualifier_before(const sentence *s, size_t i, size_t *qfirst) {
    qual best = Q_NONE;
    size_t best_len = 0;
    for (int q = 0; qualifiers[q].words[0]; q++) {
        size_t n = 0;
        while (n < 4 && qualifiers[q].words[n])
            n++;
        if (n <= best_len || i < s->first + n)
            continue;
        bool ok = true;
        for (size_t k = 0; k < n && ok; k++)
            ok = tk_is(&s->t[i - n + k], qualifiers[q].words[k]);
        if (ok) {
            best = qualifiers[q].q;
            best_len = n;
            *qfirst = i - n;
        }
    }
    return best;
}

static void apply_qualifier(fdp_interval *v, qual q);

/* Applies the qualifier written before token i ("more than", "nearly") to the
 * phrase's interval and widens its span over it. */
static void take_qualifier(const sentence *s, size_t i, phrase *ph) {
    size_t qf;
    qual q = qualifier_before(s, i, &qf);
    if (q != Q_NONE) {
        apply_qualifier(&ph->v, q);
        ph->first = qf;
    }
}

static void apply_qualifier(fdp_interval *v, qual q) {
    switch (q) {
    case Q_LOW_OPEN: v->has_high = false; v->low_open = true; break;
    case Q_LOW: v->has_high = false; break;
    case Q_HIGH: v->has_low = false; break;
    case Q_HIGH_OPEN: v->has_low = false; v->high_open = true; break;
    case Q_APPROX: v->approx = true; break;
    case Q_NONE: break;
    }
}

/* ---- spelled numbers ------------------------------------------------------ */

// Opens the English spell-out parser with the year rule set made private, so that
// "twenty three" is not read as the year 2003 (see ../shared/icu/README.md 2.1).
static UNumberFormat *open_spellout(void) {
    UErrorCode st = U_ZERO_ERROR;
    UNumberFormat *stock = unum_open(UNUM_SPELLOUT, NULL, 0, "en", NULL, &st);
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
            nf = unum_open(UNUM_PATTERN_RULEBASED, rules, n + 1, "en", &pe, &st);
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

/*
 * Reads spelled number words from token i: "ten", "twenty-three", "one
 * thousand four hundred and forty-eight". Sets *last to the last token used and
 * returns the value, or -1 when ICU does not parse the whole span.
 */
static double spelled_number(fdp_extractor *x, const sentence *s, size_t i, size_t *last) {
    char text[256];
    size_t len = 0, j = i;
    const struct numword *w = numword(&s->t[i]);
    len += (size_t)snprintf(text, sizeof text, "%s", w->w);
    nw_kind prev = w->kind;
    while (j + 1 <= s->last && len < 200) {
        const token *n1 = &s->t[j + 1];
        const token *n2 = j + 2 <= s->last ? &s->t[j + 2] : NULL;
        const struct numword *nw;
        if (tk_punct(n1, '-') && n1->gap == GAP_NONE && n2 && n2->gap == GAP_NONE &&
            (nw = numword(n2)) && prev == NW_TENS && nw->kind == NW_UNIT && nw->v < 10) {
            len += (size_t)snprintf(text + len, sizeof text - len, "-%s", nw->w);
            j += 2;
        } else if ((nw = numword(n1)) && n1->gap != GAP_MORE &&
                   (nw->kind == NW_HUNDRED || nw->kind == NW_SCALE || prev == NW_HUNDRED ||
                    prev == NW_SCALE || (prev == NW_TENS && nw->kind == NW_UNIT && nw->v < 10))) {
            // "twenty three" is written with a hyphen for ICU's strict grammar.
            char sep = (prev == NW_TENS && nw->kind == NW_UNIT) ? '-' : ' ';
            len += (size_t)snprintf(text + len, sizeof text - len, "%c%s", sep, nw->w);
            j += 1;
        } else if (tk_is(n1, "and") && (prev == NW_HUNDRED || prev == NW_SCALE) && n2 &&
                   (nw = numword(n2)) && nw->kind != NW_SCALE) {
            len += (size_t)snprintf(text + len, sizeof text - len, " and %s", nw->w);
            j += 2;
        } else {
            break;
        }
        prev = nw->kind;
    }
    *last = j;
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

/* ---- the phrase parser ---------------------------------------------------- */

static bool is_year_like(const token *t) {
    return t->type == TK_NUM && t->plain && t->int_digits == 4 && t->val >= 1000 &&
           t->val <= 2100;
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
        *v = t->val;
        *last = i;
        if (i + 1 <= s->last) {
            const token *n = &s->t[i + 1];
            double m = multiplier(n, n->gap == GAP_NONE);
            if (m > 0 && n->gap != GAP_MORE) {
                *v *= m;
                *last = i + 1;
            }
        }
        return true;
    }
    if (t->type != TK_WORD)
        return false;
    if ((tk_is(t, "a") || tk_is(t, "an")) && i + 1 <= s->last) {
        const token *n = &s->t[i + 1];
        const struct numword *w = numword(n);
        if (tk_is(n, "dozen")) {
            *v = 12;
            *last = i + 1;
            return true;
        }
        if (w && (w->kind == NW_HUNDRED || w->kind == NW_SCALE)) {
            *v = w->v;
            *last = i + 1;
            return true;
        }
        return false;
    }
    if (tk_is(t, "dozen")) {
        *v = 12;
        *last = i;
        return true;
    }
    // "half an hour", "half a million"
    if (tk_is(t, "half") && i + 2 <= s->last && (tk_is(&s->t[i + 1], "a") ||
                                                 tk_is(&s->t[i + 1], "an"))) {
        const struct numword *sw = numword(&s->t[i + 2]);
        if (sw && sw->kind >= NW_HUNDRED) {
            *v = sw->v / 2;
            *last = i + 2;
            return true;
        }
        if (unit_word(&s->t[i + 2])) {
            *v = 0.5;
            *last = i + 1; // the unit word is read by parse_unit
            return true;
        }
        return false;
    }
    const struct numword *w = numword(t);
    if (!w)
        return false;
    // A bare "million" ("Over Million Hongkongers", "million-person") is a round,
    // loose figure; ICU reads scales only after a number.
    if (w->kind == NW_SCALE) {
        *v = w->v;
        *last = i;
        return true;
    }
    double val = spelled_number(x, s, i, last);
    if (val < 0)
        return false;
    if (*last + 1 <= s->last && tk_is(&s->t[*last + 1], "dozen")) {
        val *= 12;
        (*last)++;
    }
    *v = val;
    return true;
}

static void set_exact(fdp_interval *v, double x) {
    memset(v, 0, sizeof *v);
    v->low = v->high = x;
    v->has_low = v->has_high = true;
}

// Reads the unit after token j (the numeral's last token) into ph; returns the
// new last token of the phrase.
static size_t parse_unit(const sentence *s, size_t j, phrase *ph) {
    const token *t = s->t;
    ph->unit = "count";
    ph->kind = "count";
    if (j + 1 > s->last)
        return j;
    const token *n = &t[j + 1];
    if (tk_punct(n, '%')) {
        ph->unit = ph->kind = "percent";
        return j + 1;
    }
    if (tk_is(n, "per") && j + 2 <= s->last && tk_is(&t[j + 2], "cent")) {
        ph->unit = ph->kind = "percent";
        return j + 2;
    }
    // Hyphenated adjectives: "10-month", "2,000-year-old", "three-week", "6.2-magnitude".
    if (tk_punct(n, '-') && n->gap == GAP_NONE && j + 2 <= s->last &&
        t[j + 2].gap == GAP_NONE) {
        const struct unit *u = unit_word(&t[j + 2]);
        if (u && strcmp(u->w, "times") != 0) {
            ph->unit = u->unit;
            ph->kind = u->kind;
            ph->adjective = true;
            if (u->factor != 1) {
                ph->v.low *= u->factor;
                ph->v.high *= u->factor;
            }
            size_t end = j + 2;
            if (is_time_unit(u) && end + 2 <= s->last && tk_punct(&t[end + 1], '-') &&
                tk_is(&t[end + 2], "old")) {
                ph->kind = "age";
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
    const struct unit *u = n->gap != GAP_MORE ? unit_word(n) : NULL;
    if (u) {
        ph->unit = u->unit;
        ph->kind = u->kind;
        if (u->factor != 1) {
            ph->v.low *= u->factor;
            ph->v.high *= u->factor;
        }
        size_t end = j + 1;
        if (is_time_unit(u) && end + 1 <= s->last && tk_is(&t[end + 1], "old"))
            ph->kind = "age", end++;
        return end;
    }
    return j;
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
    if (next && next->gap == GAP_NONE && next->type == TK_PUNCT &&
        (next->p == '_' || next->p == '=' || next->p == '@'))
        return true;
    if (next && next2 && tk_punct(next, '.') && next->gap == GAP_NONE &&
        next2->gap == GAP_NONE && next2->type == TK_WORD)
        return true;
    if (prev && next && prev->type == TK_PUNCT && next->type == TK_PUNCT &&
        (prev->p == '\'' || prev->p == '"') && prev->p == next->p &&
        t[i].gap == GAP_NONE && next->gap == GAP_NONE && t[i].type == TK_WORD)
        return true;
    if (t[i].type == TK_NUM && t[i].plain && t[i].int_digits >= 7)
        return true;
    return false;
}

/*
 * True when the numeral at [i, last] is not a quantity: a date, a year, a
 * clock time, an ordinal, part of a name ("F-16", "Resolution 2254"), or "one"
 * used as a determiner. *skip_to is set past everything to ignore.
 */
static bool not_a_quantity(const sentence *s, size_t i, size_t last, double v,
                           size_t *skip_to) {
    const token *t = s->t;
    const token *cur = &t[i];
    const token *prev = i > s->first ? &t[i - 1] : NULL;
    const token *next = last + 1 <= s->last ? &t[last + 1] : NULL;
    const token *next2 = last + 2 <= s->last ? &t[last + 2] : NULL;
    *skip_to = last;
    if (looks_like_code(s, i, last))
        return true;
    if (cur->type == TK_NUM) {
        // 27/03/2016, 2016-03-29, 23:34, 24/7
        if (next && next->gap == GAP_NONE && (tk_punct(next, '/') || tk_punct(next, ':')) &&
            next2 && next2->type == TK_NUM && next2->gap == GAP_NONE) {
            size_t k = last + 2;
            while (k + 2 <= s->last && t[k + 1].gap == GAP_NONE &&
                   (tk_punct(&t[k + 1], '/') || tk_punct(&t[k + 1], ':')) &&
                   t[k + 2].type == TK_NUM)
                k += 2;
            *skip_to = k;
            return true;
        }
        if (is_year_like(cur) && next && tk_punct(next, '-') && next->gap == GAP_NONE &&
            next2 && next2->type == TK_NUM && next2->int_digits == 2) {
            *skip_to = last + 2 + ((last + 4 <= s->last && t[last + 4].type == TK_NUM) ? 2 : 0);
            return true;
        }
        if (prev && prev->gap == GAP_NONE && (tk_punct(prev, '/') || tk_punct(prev, ':')))
            return true;
        // 21st, 3rd, 1990s, 5pm
        if (next && next->gap == GAP_NONE && next->type == TK_WORD &&
            (tk_is(next, "st") || tk_is(next, "nd") || tk_is(next, "rd") || tk_is(next, "th") ||
             tk_is(next, "s") || tk_is(next, "am") || tk_is(next, "pm"))) {
            *skip_to = last + 1;
            return true;
        }
        // F-16, Su-24, COVID-19: a capitalised word joined to the digits by a hyphen
        if (prev && cur->gap == GAP_NONE && tk_punct(prev, '-') && i >= s->first + 2 &&
            t[i - 2].type == TK_WORD && t[i - 2].cap && prev->gap == GAP_NONE &&
            !numword(&t[i - 2]))
            return true;
        if (prev && prev->type == TK_WORD && prev->cap && in_list(prev, id_words))
            return true;
    }
    // Dates: "March 27", "27 March", "May 2015", "29 Mar 2016"
    if (prev && is_month(prev) && cur->type == TK_NUM)
        return true;
    if (next && is_month(next) && cur->type == TK_NUM && v >= 1 && v <= 31)
        return true;
    if (next && (tk_is(next, "a.m") || tk_is(next, "p.m") ||
                 ((tk_is(next, "a") || tk_is(next, "p")) && next2 && tk_punct(next2, '.')))) {
        *skip_to = last + 1;
        return true;
    }
    // Years, AD/BC dates ("around 200 AD", "first three centuries AD")
    for (size_t k = last + 1; k <= s->last && k <= last + 2; k++)
        if (t[k].type == TK_WORD && (!strcmp(t[k].w, "ad") || !strcmp(t[k].w, "bc")) &&
            t[k].cap) {
            *skip_to = k;
            return true;
        }
    if (is_year_like(cur) && !(next && (unit_word(next) || tk_punct(next, '%'))))
        return true;
    // "One soldier", "one of the": a determiner, not a count
    if (cur->type == TK_WORD && v == 1 && !(next && unit_word(next)) &&
        !(next && tk_punct(next, '-')))
        return true;
    return false;
}

/* The currency of a sign written right before token i ("$5bn"), or NULL. */
static const char *currency_before(const sentence *s, size_t i) {
    if (i <= s->first || s->t[i].gap != GAP_NONE || s->t[i - 1].type != TK_PUNCT)
        return NULL;
    const char *w = s->t[i - 1].w;
    if (w[0] == '$')
        return "usd";
    // Multi-byte signs are stored as '?': look at the bytes themselves.
    return NULL;
}

/*
 * Parses the number phrase at token i into ph. Returns false if there is none;
 * *resume is the last token consumed either way.
 */
static bool parse_phrase(fdp_extractor *x, const sentence *s, size_t i, phrase *ph,
                         size_t *resume) {
    const token *t = s->t;
    memset(ph, 0, sizeof *ph);
    *resume = i;
    const struct vague *vg = vague_word(&t[i]);
    size_t last;
    double v;
    // "a third of the town", "two thirds", "three quarters": shares, in percent
    static const struct { const char *w; double den; } fractions[] = {
        {"third", 3}, {"thirds", 3}, {"quarter", 4}, {"quarters", 4}, {NULL, 0}};
    for (int f = 0; fractions[f].w && i + 1 <= s->last; f++) {
        if (!tk_is(&t[i + 1], fractions[f].w) || !(i + 2 <= s->last && tk_is(&t[i + 2], "of")))
            continue;
        double num = (tk_is(&t[i], "a") || tk_is(&t[i], "one")) ? 1
                     : numword(&t[i]) && numword(&t[i])->kind == NW_UNIT ? numword(&t[i])->v
                                                                          : 0;
        if (num <= 0 || num >= fractions[f].den)
            break;
        set_exact(&ph->v, 100.0 * num / fractions[f].den);
        ph->unit = ph->kind = "percent";
        ph->first = ph->num_first = i;
        ph->num_last = ph->last = i + 1;
        ph->np_from = i + 2;
        *resume = ph->last;
        take_qualifier(s, i, ph);
        return true;
    }
    // "a handful": a few, two or more
    if (tk_is(&t[i], "a") && i + 1 <= s->last && tk_is(&t[i + 1], "handful")) {
        memset(&ph->v, 0, sizeof ph->v);
        ph->v.low = 2;
        ph->v.has_low = ph->v.vague = true;
        ph->unit = ph->kind = "count";
        ph->first = ph->num_first = i;
        ph->num_last = ph->last = i + 1;
        ph->np_from = i + 2;
        *resume = ph->last;
        return true;
    }
    // "several hundred", "a few thousand": vague, from three (two) times the scale
    if ((tk_is(&t[i], "several") || tk_is(&t[i], "few")) && i + 1 <= s->last &&
        numword(&t[i + 1]) && numword(&t[i + 1])->kind >= NW_HUNDRED) {
        memset(&ph->v, 0, sizeof ph->v);
        bool a_few = tk_is(&t[i], "few") && i > s->first && tk_is(&t[i - 1], "a");
        ph->v.low = (tk_is(&t[i], "several") ? 3 : 2) * numword(&t[i + 1])->v;
        ph->v.has_low = ph->v.vague = true;
        ph->first = a_few ? i - 1 : i;
        ph->num_first = i;
        ph->num_last = i + 1;
        ph->last = parse_unit(s, i + 1, ph);
        ph->np_from = ph->last + 1;
        *resume = ph->last;
        return true;
    }
    if (vg) {
        // "dozens", "hundreds", "tens of thousands", "hundreds of thousands"
        double low = vg->low;
        last = i;
        if (tk_is(&t[i], "tens") || tk_is(&t[i], "hundreds")) {
            if (i + 2 <= s->last && tk_is(&t[i + 1], "of") && vague_word(&t[i + 2]) &&
                vague_word(&t[i + 2])->low >= 2000) {
                low = (tk_is(&t[i], "tens") ? 10 : 100) * vague_word(&t[i + 2])->low;
                last = i + 2;
            }
        }
        memset(&ph->v, 0, sizeof ph->v);
        ph->v.low = low;
        ph->v.has_low = true;
        ph->v.vague = true;
        ph->num_first = i;
        ph->num_last = last;
        ph->first = i;
        ph->last = parse_unit(s, last, ph);
        ph->np_from = ph->last + 1;
        *resume = ph->last;
        // A bound applies ("more than dozens"); an approximation adds nothing to a
        // vague quantity ("some dozens").
        size_t qf;
        qual q = qualifier_before(s, i, &qf);
        if (q != Q_NONE && q != Q_APPROX) {
            apply_qualifier(&ph->v, q);
            ph->first = qf;
        }
        return true;
    }
    if (tk_is(&t[i], "decades") && i + 2 <= s->last && tk_punct(&t[i + 1], '-') &&
        tk_is(&t[i + 2], "old")) {
        memset(&ph->v, 0, sizeof ph->v);
        ph->v.low = 20;
        ph->v.has_low = ph->v.vague = true;
        ph->unit = "years";
        ph->kind = "age";
        ph->adjective = true;
        ph->first = ph->num_first = ph->num_last = i;
        ph->last = i + 2;
        ph->np_from = i + 3;
        *resume = i + 2;
        return true;
    }
    if (!parse_numeral(x, s, i, &last, &v))
        return false;
    size_t skip;
    if (not_a_quantity(s, i, last, v, &skip)) {
        *resume = skip;
        return false;
    }
    // "four and a half hours"
    if (last + 3 <= s->last && tk_is(&t[last + 1], "and") && tk_is(&t[last + 2], "a") &&
        tk_is(&t[last + 3], "half")) {
        v += 0.5;
        last += 3;
    }
    set_exact(&ph->v, v);
    if (numword(&t[i]) && numword(&t[i])->kind == NW_SCALE && last == i)
        ph->v.approx = true; // a bare "million"
    ph->num_first = i;
    ph->num_last = last;
    ph->first = i;
    const char *currency = currency_before(s, i);
    if (currency)
        ph->first = i - 1;
    // Ranges: "10-25", "10–25", "10 to 25", "between 10 and 25"
    bool between = i > s->first && tk_is(&t[i - 1], "between");
    if (last + 2 <= s->last) {
        const token *sep = &t[last + 1];
        bool dash = tk_punct(sep, '-') && (sep->gap == GAP_NONE || t[last + 2].gap != GAP_NONE);
        bool word = tk_is(sep, "to") || (between && tk_is(sep, "and"));
        size_t last2;
        double v2;
        // "$10bn to $15bn": the second number may repeat the currency sign
        size_t second = last + 2;
        if (currency && second + 1 <= s->last && currency_before(s, second + 1))
            second++;
        if ((dash || word) && t[second].type == t[i].type &&
            parse_numeral(x, s, second, &last2, &v2) && v2 > v &&
            !is_year_like(&t[second])) {
            ph->v.high = v2;
            ph->num_last = last = last2;
            if (between)
                ph->first = i - 1;
        }
    }
    ph->last = parse_unit(s, last, ph);
    if (currency) {
        ph->unit = currency;
        ph->kind = "money";
    }
    if (!ph->np_from)
        ph->np_from = ph->last + 1;
    // "5.000 injured": one dot before three digits is a decimal point in English
    // copy, but a count of people or things is whole, so there it groups
    // thousands (as in most of Europe).
    if (!strcmp(ph->kind, "count") && t[i].type == TK_NUM && t[i].dot3 && ph->num_last == i) {
        ph->v.low = ph->v.high = t[i].val * 1000;
        ph->unsure = true; // "1.448 people": most likely 1,448; recorded as a guess
    } else if (t[i].type == TK_NUM && t[i].dot3) {
        ph->unsure = true; // "1.448 km": English decimal, or European 1,448
    }
    *resume = ph->last;
    take_qualifier(s, ph->first, ph);
    // Trailing "or more" / "or so" / "-plus", possibly after the counted noun:
    // "200 words or more".
    for (size_t k = ph->last + 1; k <= s->last && k <= ph->last + 3; k++) {
        if (tk_is(&t[k], "or") && k + 1 <= s->last &&
            (tk_is(&t[k + 1], "more") || tk_is(&t[k + 1], "so") || tk_is(&t[k + 1], "fewer") ||
             tk_is(&t[k + 1], "less"))) {
            if (tk_is(&t[k + 1], "so"))
                ph->v.approx = true;
            else if (tk_is(&t[k + 1], "more"))
                ph->v.has_high = false;
            else
                ph->v.has_low = false;
            ph->np_from = ph->last + 1;
            ph->last = k + 1;
            *resume = ph->last;
            break;
        }
        if (t[k].type != TK_WORD)
            break;
    }
    // Time windows: "within 24 hours", "during the last 24 hours", "in the past week"
    if (!strcmp(ph->kind, "duration") && ph->first > s->first) {
        size_t k = ph->first - 1;
        while (k > s->first && (tk_is(&t[k], "the") || tk_is(&t[k], "last") ||
                                tk_is(&t[k], "past") || tk_is(&t[k], "previous")))
            k--;
        if (k < ph->first - 1 || tk_is(&t[k], "within"))
            ph->window = tk_is(&t[k], "within") || tk_is(&t[k], "during") ||
                         tk_is(&t[k], "in") || tk_is(&t[k], "over");
    }
    return true;
}

/* "a month later", "for a year": the article as the numeral one, with a time unit. */
static bool parse_article_duration(const sentence *s, size_t i, phrase *ph) {
    const token *t = s->t;
    if (!(tk_is(&t[i], "a") || tk_is(&t[i], "an")) || i + 1 > s->last)
        return false;
    const struct unit *u = unit_word(&t[i + 1]);
    if (!is_time_unit(u) || u->factor != 1 || t[i + 1].w[strlen(t[i + 1].w) - 1] == 's')
        return false;
    const token *after = i + 2 <= s->last ? &t[i + 2] : NULL;
    const token *before = i > s->first ? &t[i - 1] : NULL;
    bool relative = after && (tk_is(after, "later") || tk_is(after, "ago") ||
                              tk_is(after, "earlier") || tk_is(after, "after") ||
                              tk_is(after, "before"));
    bool span = before && (tk_is(before, "for") || tk_is(before, "within") ||
                           tk_is(before, "nearly") || tk_is(before, "almost") ||
                           tk_is(before, "than"));
    if (!relative && !span)
        return false;
    memset(ph, 0, sizeof *ph);
    set_exact(&ph->v, 1);
    ph->unit = u->unit;
    ph->kind = u->kind;
    ph->first = ph->num_first = ph->num_last = i;
    ph->last = i + 1;
    ph->np_from = i + 2;
    take_qualifier(s, i, ph);
    return true;
}

/* ---- driving it over a document ------------------------------------------ */

static once_flag lexicon_once = ONCE_FLAG_INIT;

fdp_extractor *fdp_extractor_new(const fd_ruleset *rules, fd_error *err) {
    fdp_extractor *x = calloc(1, sizeof *x);
    if (!x) {
        fdp_error_set(err, FD_ERR_NOMEM, "<extractor>", 0, 0, 0, "out of memory");
        return NULL;
    }
    x->rules = rules;
    call_once(&lexicon_once, build_lexicon);
    x->spell = open_spellout();
    if (!x->spell) {
        free(x);
        fdp_error_set(err, FD_ERR_ICU, "<extractor>", 0, 0, 0,
                      "ICU: cannot open the English spell-out rules");
        return NULL;
    }
    return x;
}

void fdp_extractor_free(fdp_extractor *x) {
    if (!x)
        return;
    if (x->spell)
        unum_close(x->spell);
    fdp_token_list_free(&x->toks);
    free(x);
}

// Line and column tracking that moves forward only, so a document costs O(n).
typedef struct cursor {
    size_t off;
    int line, col;
} cursor;

static void advance(const char *s, cursor *cu, size_t to) {
    for (; cu->off < to; cu->off++) {
        unsigned char c = (unsigned char)s[cu->off];
        if (c == '\n') {
            cu->line++;
            cu->col = 1;
        } else if ((c & 0xC0) != 0x80) {
            cu->col++;
        }
    }
}

static int emit(const fd_ruleset *rules, fdp_doc *d, const sentence *s, const phrase *ph,
                frame_state *fs, cursor *cu) {
    fdp_claim *c = fdp_doc_new_claim(d);
    if (!c)
        return FD_ERR_NOMEM;
    c->start = s->t[ph->first].start;
    c->end = s->t[ph->last].end;
    advance(d->text, cu, c->start);
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
    if (n && !strcmp(ph->kind, "duration") &&
        (tk_is(n, "later") || tk_is(n, "ago") || tk_is(n, "earlier")))
        ph->kind = "offset";
}

static int extract_sentence(fdp_extractor *x, fdp_doc *d, const sentence *s, frame_state *fs,
                            cursor *cu) {
    for (size_t i = s->first; i <= s->last; i++) {
        if (!may_start(&s->t[i]))
            continue;
        phrase ph;
        size_t resume = i;
        bool found = parse_article_duration(s, i, &ph);
        if (found)
            resume = ph.last;
        else
            found = parse_phrase(x, s, i, &ph, &resume);
        if (found) {
            mark_offset(s, &ph);
            int rc = emit(x->rules, d, s, &ph, fs, cu);
            if (rc < 0)
                return rc;
        }
        i = resume;
    }
    return 0;
}

/*
 * True if text[start, end) may hold a claim: a digit, or a word of the lexicon
 * that can start or carry one (number words, "dozens", "half", time units for
 * "a month later"). A plain byte scan, so that paragraphs without numbers,
 * most of a news story, are never tokenized.
 */
static bool may_hold_claims(const char *text, size_t start, size_t end) {
    // Most paragraphs that hold claims hold a digit: a tight loop finds it first.
    for (size_t i = start; i < end; i++)
        if ((unsigned char)(text[i] - '0') < 10)
            return true;
    size_t i = start;
    while (i < end) {
        unsigned char c = (unsigned char)text[i];
        if (c >= '0' && c <= '9')
            return true;
        if (c >= 0x80) {
            size_t j = i;
            int32_t cp = fdp_utf8_next(text, end, &j);
            if (cp > 0 && u_isdigit(cp))
                return true;
            i = j;
            continue;
        }
        if (!((c | 32) >= 'a' && (c | 32) <= 'z')) {
            i++;
            continue;
        }
        char w[16];
        size_t n = 0;
        uint32_t h = 2166136261u;
        while (i < end && (((unsigned char)text[i] | 32) >= 'a' && ((unsigned char)text[i] | 32) <= 'z')) {
            char lc = (char)(text[i] | 32);
            if (n < sizeof w - 1)
                w[n] = lc;
            n++;
            h = (h ^ (unsigned char)lc) * 16777619u;
            i++;
        }
        if (n >= sizeof w)
            continue;
        w[n] = '\0';
        const lex_entry *e = lex_slot(w, h);
        if (e->w && (e->num || e->vague || (e->unit && strcmp(e->unit->kind, "count") != 0)))
            return true;
        if (!strcmp(w, "dozen") || !strcmp(w, "half") || !strcmp(w, "decades") ||
            !strcmp(w, "several") || !strcmp(w, "handful") || !strncmp(w, "third", 5) ||
            !strncmp(w, "quarter", 7))
            return true;
    }
    return false;
}

bool fdp_extract_may_hold(const void *x, const char *text, size_t start, size_t end) {
    (void)x;
    return may_hold_claims(text, start, end);
}

int fdp_extract_doc(fdp_extractor *x, fdp_doc *d, const fdp_doc_tokens *toks) {
    if (d->skip || !d->text)
        return 0;
    frame_state fs = {NULL, -10, "", -10, 0};
    cursor cu = {0, 1, 1};
    int rc = 0;
    for (size_t p = 0; p < toks->npara && rc == 0; p++) {
        const fdp_para *para = &toks->paras[p];
        if (!para->tokenized || !may_hold_claims(d->text, para->start, para->end)) {
            // Sentences go by unread: an attribution is not carried across them.
            // A blank line is no sentence.
            bool blank = true;
            for (size_t k = para->start; k < para->end && blank; k++)
                blank = d->text[k] == ' ' || d->text[k] == '\t' || d->text[k] == '\r';
            if (!blank)
                fs.sentence_no += 2;
            continue;
        }
        const token *t = toks->list.t + para->first;
        for (size_t i = 0; rc == 0 && i < para->n;) {
            size_t j = i;
            while (j + 1 < para->n && !t[j + 1].sent_start)
                j++;
            sentence s = {t, i, j};
            fs.sentence_no++;
            rc = extract_sentence(x, d, &s, &fs, &cu);
            i = j + 1;
        }
    }
    free(fs.last_attribution);
    return rc;
}
