/*
 * lexicon.c - every word the rules know, in one open-addressing hash table:
 * the extractor asks one question per word token however many kinds of
 * knowledge there are, and each answer is a field of the entry. Built when the
 * rules are finished (after a file, or after a directory of them), read-only
 * afterwards, so one ruleset serves runs on several threads.
 */
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"

void fdp_lexicon_free(fd_ruleset *r) {
    free(r->lex);
    free(r->lex_keys);
    free(r->lex_used);
    r->lex = NULL;
    r->lex_keys = NULL;
    r->lex_used = NULL;
    r->lex_mask = 0;
    r->nlex = 0;
}

static fdp_lex *lex_slot(fdp_lex *tab, size_t mask, const char *w, uint32_t h) {
    for (size_t i = h & mask;; i = (i + 1) & mask)
        if (!tab[i].w || (tab[i].hash == h && !strcmp(tab[i].w, w)))
            return &tab[i];
}

// The entry lex_slot would give, found through the keys.
const fdp_lex *fdp_lex_find(const fd_ruleset *r, const char *w, uint32_t h) {
    if (!r || !r->lex_keys)
        return NULL;
    for (size_t i = h & r->lex_mask;; i = (i + 1) & r->lex_mask) {
        if (!(r->lex_used[i >> 6] >> (i & 63) & 1))
            return NULL;
        const struct fdp_lex_key *k = &r->lex_keys[i];
        if (k->hash == h && (k->held ? fdp_same_word(k->w, w) : !strcmp(k->entry->w, w)))
            return k->entry;
    }
}

// The key of a used slot, from its entry (an unused one stays zeroed).
static void set_key(struct fdp_lex_key *k, const fdp_lex *e) {
    k->entry = e;
    k->hash = e->hash;
    memcpy(k->lists, e->lists, sizeof k->lists);
    k->noun = e->noun;
    k->pred = e->pred;
    k->month = e->month != 0;
    k->starter = e->starter;
    size_t n = strlen(e->w);
    k->held = n < sizeof k->w ? (unsigned char)(n + 1) : 0;
    if (k->held)
        memcpy(k->w, e->w, n + 1);
}

static fdp_lex *entry(fd_ruleset *r, const char *w) {
    uint32_t h = fdp_hash_word(w);
    fdp_lex *e = lex_slot(r->lex, r->lex_mask, w, h);
    if (!e->w) {
        memset(e, 0, sizeof *e);
        e->w = w;
        e->hash = h;
        e->noun = e->pred = -1;
    }
    return e;
}

// Applies one definition of a rule file to its word's entry; a later file's
// definition of the same thing replaces an earlier one.
static void apply(fd_ruleset *r, const struct fdp_lex_def *d) {
    fdp_lex *e = entry(r, d->w);
    switch (d->what) {
    case FDP_DEF_LIST: e->lists[d->i / 64] |= (uint64_t)1 << (d->i % 64); break;
    case FDP_DEF_NUM: e->num = (fdp_num_role)d->i; e->num_value = d->a; break;
    case FDP_DEF_DOZEN: e->dozen = d->a; break;
    case FDP_DEF_HALF: e->half = d->a; break;
    case FDP_DEF_MULT: e->mult = d->a; e->mult_attached = d->i; break;
    case FDP_DEF_VAGUE:
        e->vague_low = d->a;
        e->vague_high = d->b;
        e->vague_of = d->c;
        e->vague_scale = d->i;
        break;
    case FDP_DEF_SEVERAL:
        e->several = d->a;
        e->several_high = d->b;
        e->several_article = d->i;
        break;
    case FDP_DEF_FRACTION: e->fraction = d->i; break;
    case FDP_DEF_UNIT:
        if (r->units[d->i].seq.n == 1) {
            e->unit = &r->units[d->i];
        } else {
            r->units[d->i].next = e->unit_seq;
            e->unit_seq = &r->units[d->i];
        }
        break;
    case FDP_DEF_CURRENCY: e->currency = &r->units[d->i]; break;
    case FDP_DEF_SCALED_UNIT: e->scaled_unit = &r->units[d->i]; break;
    case FDP_DEF_IMPLIED_UNIT: e->implied_unit = &r->units[d->i]; break;
    case FDP_DEF_MONTH: e->month = d->i; break;
    case FDP_DEF_QUAL:
        if (r->quals[d->i].after) {
            r->quals[d->i].next = e->qual_after;
            e->qual_after = &r->quals[d->i];
        } else {
            r->quals[d->i].next = e->qual_before;
            e->qual_before = &r->quals[d->i];
        }
        break;
    case FDP_DEF_PHRASE:
        r->phrases[d->i].next = e->phrase;
        e->phrase = &r->phrases[d->i];
        break;
    case FDP_DEF_SOURCE: e->source = &r->sources[d->i]; break;
    }
}

// Enters e, a word that may make a paragraph worth reading, in the filters of
// such words: its hash's bit, and its shape when it starts and ends with ASCII
// letters (a word that does not is never a run of ASCII letters).
static void hold_word(fd_ruleset *r, const fdp_lex *e) {
    r->hold_bloom[e->hash >> 26] |= (uint64_t)1 << (e->hash >> 20 & 63);
    size_t n = strlen(e->w);
    if (n == 0 || n > FDP_HOLD_SHAPE_MAX)
        return;
    unsigned a = (unsigned)((e->w[0] | 32) - 'a'), b = (unsigned)((e->w[n - 1] | 32) - 'a');
    if (a < 26 && b < 26)
        r->hold_shapes[n - 1][a] |= (uint32_t)1 << b;
}

// Which words may start a claim, and which make a paragraph worth reading.
static void derive(fd_ruleset *r) {
    for (size_t i = 0; i <= r->lex_mask; i++) {
        fdp_lex *e = &r->lex[i];
        if (!e->w)
            continue;
        bool measure = e->unit && !e->unit->sign && strcmp(e->unit->kind, FDP_KIND_COUNT) != 0;
        bool number = e->num || e->vague_low > 0 || e->dozen > 0 || e->half > 0;
        // "month-long": a singular time unit may start a claim of one of it
        bool one_unit = e->unit && !e->unit->sign && e->unit->singular &&
                        !strcmp(e->unit->kind, FDP_KIND_DURATION);
        e->starter = number || fdp_lex_in(e, FDP_WL_ONE_ARTICLES) || e->several > 0 || e->phrase || one_unit;
        e->may_hold = number || measure || e->several > 0 || e->fraction > 0;
        // "a nurse was hurt": a running total's verb may make an article a count
        e->toll = e->pred >= 0 && r->predicates[e->pred].cumulative;
    }
    // A vague phrase is read when its first word that is no article appears.
    for (size_t i = 0; i < r->nphrases; i++) {
        const fdp_seq *q = &r->phrases[i].seq;
        int k = 0;
        while (k + 1 < q->n && fdp_lex_in(entry(r, q->words[k]), FDP_WL_ONE_ARTICLES))
            k++;
        entry(r, q->words[k])->may_hold = true;
    }
    memset(r->hold_bloom, 0, sizeof r->hold_bloom);
    memset(r->hold_shapes, 0, sizeof r->hold_shapes);
    for (size_t i = 0; i <= r->lex_mask; i++) {
        const fdp_lex *e = &r->lex[i];
        if (e->w && (e->may_hold || e->toll || fdp_lex_in(e, FDP_WL_ONE_ARTICLES)))
            hold_word(r, e);
    }
}

/* The keys' table has KEY_ROOM slots a word or more: a word's own slot then
 * nearly always settles its lookup (two words of three are found, and the
 * others' slots are empty), so the probe's tests follow the one pattern that
 * a branch predictor can learn. Only the bitmap and the keys of words are
 * ever read, so the empty slots cost memory, not cache. */
#define KEY_ROOM 8

// The entries, built in a table by their words, moved into an array of their
// own, and the keys' table and its bitmap made for them. 0 or FD_ERR_NOMEM.
static int index_entries(fd_ruleset *r) {
    size_t n = 0;
    for (size_t i = 0; i <= r->lex_mask; i++)
        n += r->lex[i].w != NULL;
    size_t cap = 64;
    while (cap < n * KEY_ROOM)
        cap *= 2;
    fdp_lex *dense = malloc((n ? n : 1) * sizeof *dense);
    r->lex_keys = aligned_alloc(_Alignof(struct fdp_lex_key), cap * sizeof *r->lex_keys);
    r->lex_used = calloc(cap / 64, sizeof *r->lex_used);
    if (!dense || !r->lex_keys || !r->lex_used) {
        free(dense);
        return FD_ERR_NOMEM;
    }
    memset(r->lex_keys, 0, cap * sizeof *r->lex_keys);
    size_t k = 0;
    for (size_t i = 0; i <= r->lex_mask; i++)
        if (r->lex[i].w)
            dense[k++] = r->lex[i];
    free(r->lex);
    r->lex = dense;
    r->nlex = n;
    r->lex_mask = cap - 1;
    for (size_t e = 0; e < n; e++) {
        size_t i = dense[e].hash & r->lex_mask;
        while (r->lex_used[i / 64] >> (i % 64) & 1)
            i = (i + 1) & r->lex_mask;
        set_key(&r->lex_keys[i], &dense[e]);
        r->lex_used[i / 64] |= (uint64_t)1 << (i % 64);
    }
    return 0;
}

int fdp_lexicon_build(fd_ruleset *r) {
    fdp_lexicon_free(r);
    size_t n = r->ndefs + r->nnoun_words + r->npred_words + (r->nquals + r->nphrases) * 8;
    size_t cap = 64;
    while (cap < n * 2 + 1)
        cap *= 2;
    r->lex = calloc(cap, sizeof *r->lex);
    if (!r->lex) {
        fdp_lexicon_free(r);
        return FD_ERR_NOMEM;
    }
    r->lex_mask = cap - 1;
    for (size_t i = 0; i < r->nunits; i++)
        r->units[i].next = NULL;
    for (size_t i = 0; i < r->nquals; i++)
        r->quals[i].next = NULL;
    for (size_t i = 0; i < r->nphrases; i++)
        r->phrases[i].next = NULL;
    for (size_t i = 0; i < r->ndefs; i++)
        apply(r, &r->defs[i]);
    // The class of a word is what the class tables answer for it.
    for (size_t i = 0; i < r->nnoun_words; i++)
        entry(r, r->noun_words[i].word)->noun = fdp_rules_noun_class(r, r->noun_words[i].word);
    for (size_t i = 0; i < r->npred_words; i++)
        entry(r, r->pred_words[i].word)->pred = fdp_rules_predicate(r, r->pred_words[i].word);
    derive(r);
    int rc = index_entries(r);
    if (rc < 0)
        fdp_lexicon_free(r);
    return rc;
}

bool fdp_rules_has_word(const fd_ruleset *r, fdp_word_list id, const char *folded) {
    const fdp_lex *e = fdp_lex_find(r, folded, fdp_hash_word(folded));
    return e && fdp_lex_in(e, id);
}

// Lowercases the ASCII letters of w[0, n) into buf; false if it does not fit.
static bool lower(const char *w, size_t n, char *buf) {
    if (n >= FDP_WORD_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        buf[i] = (w[i] >= 'A' && w[i] <= 'Z') ? (char)(w[i] + 32) : w[i];
    buf[n] = '\0';
    return true;
}

bool fdp_rules_has_wordn(const fd_ruleset *r, fdp_word_list id, const char *w, size_t n) {
    char buf[FDP_WORD_MAX];
    return lower(w, n, buf) && fdp_rules_has_word(r, id, buf);
}

int fdp_rules_month(const fd_ruleset *r, const char *w, size_t n) {
    char buf[FDP_WORD_MAX];
    const fdp_lex *e = lower(w, n, buf) ? fdp_lex_find(r, buf, fdp_hash_word(buf)) : NULL;
    return e ? e->month : 0;
}

bool fdp_rules_stamp_at(const fd_ruleset *r, const char *s, size_t n, size_t *len) {
    for (size_t i = 0; r && i < r->nstamps; i++)
        if (r->stamps[i].len <= n && !strncmp(s, r->stamps[i].text, r->stamps[i].len)) {
            *len = r->stamps[i].len;
            return true;
        }
    return false;
}

double fdp_rules_unit_base(const fd_ruleset *r, const char *unit, const char **dimension) {
    if (dimension)
        *dimension = NULL;
    for (size_t i = 0; r && unit && i < r->nbases; i++)
        if (!strcmp(r->bases[i].unit, unit)) {
            if (dimension)
                *dimension = r->bases[i].dimension;
            return r->bases[i].in_base;
        }
    return 1;
}

double fdp_rules_unit_offset(const fd_ruleset *r, const char *unit) {
    for (size_t i = 0; r && unit && i < r->nbases; i++)
        if (!strcmp(r->bases[i].unit, unit))
            return r->bases[i].offset;
    return 0;
}

/* ---- word indexes: a word to its range of a sorted table ------------------ */

// Indexes a sorted table by its words: each distinct word maps to the range of
// entries holding it. get(i) gives entry i's word.
void fdp_word_index_build(fdp_word_index *ix, size_t n, const char *(*get)(const fd_ruleset *, size_t),
                        const fd_ruleset *r) {
    free(ix->slots);
    ix->slots = NULL;
    ix->mask = 0;
    size_t cap = 16;
    while (cap < n * 2 + 1)
        cap *= 2;
    ix->slots = calloc(cap, sizeof *ix->slots);
    if (!ix->slots)
        return; // lookups fall back to binary search
    ix->mask = cap - 1;
    for (size_t i = 0; i < n;) {
        const char *w = get(r, i);
        size_t j = i + 1;
        while (j < n && !strcmp(get(r, j), w))
            j++;
        uint32_t h = fdp_hash_word(w);
        size_t k = h & ix->mask;
        while (ix->slots[k].word)
            k = (k + 1) & ix->mask;
        ix->slots[k] = (struct fdp_word_slot){w, h, (uint32_t)i, (uint32_t)(j - i)};
        i = j;
    }
}

// The range of entries for word, or false; *known is false when there is no index.
bool fdp_word_index_find(const fdp_word_index *ix, const char *word, uint32_t *first,
                       uint32_t *count, bool *known) {
    return fdp_word_index_find_hashed(ix, word, fdp_hash_word(word), first, count, known);
}

bool fdp_word_index_find_hashed(const fdp_word_index *ix, const char *word, uint32_t h,
                                uint32_t *first, uint32_t *count, bool *known) {
    *known = ix->slots != NULL;
    if (!*known)
        return false;
    for (size_t k = h & ix->mask; ix->slots[k].word; k = (k + 1) & ix->mask)
        if (ix->slots[k].hash == h && !strcmp(ix->slots[k].word, word)) {
            *first = ix->slots[k].first;
            *count = ix->slots[k].count;
            return true;
        }
    return false;
}

static int lookup(const fdp_word_entry *tab, size_t n, const fdp_word_index *ix,
                  const char *word) {
    uint32_t first, count;
    bool known;
    bool hit = fdp_word_index_find(ix, word, &first, &count, &known);
    if (known)
        return hit ? tab[first].cls : -1;
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(tab[mid].word, word);
        if (c == 0)
            return tab[mid].cls;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

int fdp_rules_noun_class(const fd_ruleset *r, const char *word) {
    return r ? lookup(r->noun_words, r->nnoun_words, &r->noun_index, word) : -1;
}

int fdp_rules_predicate(const fd_ruleset *r, const char *word) {
    return r ? lookup(r->pred_words, r->npred_words, &r->pred_index, word) : -1;
}

const fdp_interval_words *fdp_rules_interval_words(const fd_ruleset *r) {
    return r ? &r->labels.interval : NULL;
}

bool fdp_rules_is_measure(const fd_ruleset *r, const char *unit) {
    for (size_t i = 0; r && unit && i < r->nunits; i++)
        if (!strcmp(r->units[i].unit, unit))
            return strcmp(r->units[i].kind, FDP_KIND_COUNT) != 0;
    return false;
}
