/*
 * frame.c - the claim frame: what a number counts, what happened to it, who
 * says so and over what time, and from these the key of the fact.
 *
 * Key = counted class [/ predicate class] / kind, e.g. "targets/struck/count",
 * "militants/killed/count", "sorties/count" (some classes are events in
 * themselves and take no predicate). Entity, attribution and window are kept
 * apart from the key: the comparator uses them to split groups whose claims
 * name different sides, originators or time windows.
 *
 * The words it looks for (attribution cues, stop words, rise verbs, ...) are
 * word lists of the rules, read through each token's lexicon entry.
 */
#include <stdlib.h>
#include <string.h>

#include "extract.h"

/* Token windows: how far from the number or the cue each search looks. */
#define OPENING_PLACE_WORDS 5 /* "In Meath east, 45.94%": words before the comma */
#define GOAL_WINDOW 5 /* "the maximum fine is more than": cue to figure, in tokens */
#define NP_MAX_WORDS 5         /* words of a counted noun phrase */
#define SPEAKER_AFTER 10       /* a speaker named up to 10 tokens after "said" */
#define SPEAKER_BEFORE 12      /* ... or 12 before it */
#define SPEAKER_DISTANCE 10    /* an organisation or person this close speaks */
#define PLACE_SPEAKER_DISTANCE 1 /* a place or group only right before: "Moscow said" */
#define SOURCE_DISTANCE 3      /* an unnamed source word: "police estimated" */
#define RISE_LOOKBACK 14       /* "the number of people killed ... rose to 135" */
#define SUBJECT_WINDOW 8       /* the verb after a number opening a clause */
#define PREDICATE_WINDOW 12    /* the nearest predicate, either side */
#define SIDE_WINDOW 4          /* "IS 'loses more than 900 fighters'": the side before */
#define ATTRIBUTION_CARRY 1    /* sentences an attribution carries over */
#define AGENT_CARRY 3          /* sentences a cause carries over */
#define ALIAS_WORDS 8          /* words of the longest alias tried */

static const char *const window_key = "time-window/" FDP_KIND_DURATION;

static const char *label(const char *l) { return l ? l : ""; }

// Appends s as printf's "%s" writes it, a NULL as glibc's does: the frame's
// keys and labels were printed once, and are the same bytes now.
static void put_text(fdp_buf *b, const char *s) { fdp_buf_puts(b, s ? s : "(null)"); }

// Appends word a and a space, then word b and a space when b is not NULL: the
// words a key names its scope by ("627 of them", "other").
static void put_words(fdp_buf *b, const char *a, const char *c) {
    fdp_buf_puts(b, a);
    fdp_buf_putc(b, ' ');
    if (c) {
        fdp_buf_puts(b, c);
        fdp_buf_putc(b, ' ');
    }
}

// The n strings parts[] one after another in out[0, cap), cut to fit as
// snprintf cuts what it writes.
static void copy_parts(char *out, size_t cap, const char *const *parts, size_t n) {
    size_t len = 0;
    for (size_t i = 0; i < n && len + 1 < cap; i++) {
        size_t k = fdp_copy_str(out + len, cap - len, parts[i]);
        len += k < cap - len ? k : cap - len - 1;
    }
}

// True if a word of at least min_length bytes ends with one of the endings.
static bool has_ending(const fdp_ending *e, size_t n, const char *w) {
    size_t wl = strlen(w);
    for (size_t i = 0; i < n; i++) {
        size_t el = strlen(e[i].ending);
        if (wl >= e[i].min_length && wl >= el && !strcmp(w + wl - el, e[i].ending))
            return true;
    }
    return false;
}

/* The end of the counted noun phrase's head search at word k, or false: a stop
 * word, a predicate, or a past tense after the first word ("filled", "counted"). */
static bool ends_phrase(const fd_ruleset *rules, const token *w, bool noun, int words) {
    // "446 IS fighters": a capitalised word ("IS") is a name, not the verb "is"
    if (!noun && ((tk_has(w, FDP_WL_NP_STOPS) && !w->cap) || fdp_predicate_of(w) >= 0))
        return true;
    return !noun && words > 0 && rules && has_ending(rules->past_tense, rules->npast, w->w);
}

// Where the counted noun phrase may start: after a closing quote ("'several
// hundred' Islamic State fighters") and "of the" ("dozens of the makeshift bombs",
// "80 percent of the site", "three weeks of battles").
static size_t noun_phrase_start(const sentence *s, const phrase *ph) {
    const token *t = s->t;
    size_t k = ph->np_from;
    if (k <= s->last && t[k].type == TK_PUNCT && (t[k].p == '\'' || t[k].p == '"') &&
        k + 1 <= s->last && t[k + 1].type == TK_WORD)
        k++;
    if (k <= s->last && !ph->adjective && tk_has(&t[k], FDP_WL_PARTITIVES)) {
        k++;
        while (k <= s->last && tk_has(&t[k], FDP_WL_DETERMINERS))
            k++;
    }
    // "16 confirmed deaths" are deaths: the word says how they are known
    while (k + 1 <= s->last && tk_has(&t[k], FDP_WL_COUNT_QUALIFIERS) && t[k + 1].type == TK_WORD)
        k++;
    return k;
}

/* The counted noun phrase: tokens [*from, *to], or false if there is none. */
static bool noun_phrase(const fd_ruleset *rules, const sentence *s, const phrase *ph,
                        size_t *from, size_t *to) {
    const token *t = s->t;
    if (ph->np_from > s->last)
        return false;
    size_t k = noun_phrase_start(s, ph), start = k, end = k;
    int words = 0;
    for (; k <= s->last && words < NP_MAX_WORDS; k++) {
        const token *w = &t[k];
        if (w->type == TK_PUNCT) {
            // a hyphen inside a compound: "pro-government", "IS-held"
            if (w->p == '-' && w->gap == GAP_NONE && k + 1 <= s->last &&
                t[k + 1].gap == GAP_NONE && t[k + 1].type == TK_WORD && words > 0)
                continue;
            break;
        }
        if (w->type != TK_WORD)
            break;
        bool noun = fdp_noun_of(w) >= 0;
        bool of_name = k + 1 <= s->last && tk_has(w, FDP_WL_PARTITIVES) && t[k + 1].cap;
        if (of_name && words > 0)
            continue; // "Temple of Bel"
        if (ends_phrase(rules, w, noun, words))
            break;
        end = k;
        words++;
        // A known head ends the phrase ("people took to the streets"), unless it is
        // a possessive, which modifies what follows ("the country's grain").
        if (noun && !w->possessive &&
            !(k + 2 <= s->last && tk_has(&t[k + 1], FDP_WL_PARTITIVES) && t[k + 2].cap))
            break;
    }
    if (words == 0)
        return false;
    *from = start;
    *to = end;
    return true;
}

// Singular of a folded noun by the rules' plural endings, good enough for keys:
// "bombs" -> "bomb", "casualties" -> "casualty".
static void singular(const fd_ruleset *rules, const char *w, char *out, size_t cap) {
    size_t n = fdp_copy_str(out, cap, w);
    for (size_t i = 0; rules && i < rules->nplurals; i++) {
        const fdp_ending *e = &rules->plurals[i];
        size_t el = 0;
        while (e->ending[el]) // a few letters: counted here, not by a call
            el++;
        // w's last el bytes are the ending's: the last letter first settles most
        if (n < e->min_length || n <= el || (el && w[n - 1] != e->ending[el - 1]) ||
            memcmp(w + n - el, e->ending, el) != 0)
            continue;
        // "press", "campus": the ending after these letters is no plural
        if (!strchr(e->not_after, w[n - el - 1]) && n - el < cap) {
            out[n - el] = '\0'; // w's stem, then the singular ending
            fdp_copy_str(out + n - el, cap - (n - el), e->replace);
        }
        return;
    }
}

// The counted class of word t, whose singular (singular()) is sg.
static int class_of(const fd_ruleset *rules, const token *t, const char *sg) {
    int c = fdp_noun_of(t);
    return c < 0 && !t->truncated ? fdp_rules_noun_class(rules, sg) : c;
}

/* entity_at for a token k the alias filter lets through: its probe and the
 * words of a possible name, matched as the text writes them, in place. */
static int entity_probe(const fd_ruleset *rules, const char *text, const token *t, size_t k,
                        size_t last, uint32_t h, int *matched) {
    uint32_t first, count;
    if (!fdp_rules_aliases_of(rules, t[k].w, h, &first, &count))
        return -1;
    const char *words[ALIAS_WORDS], *raw[ALIAS_WORDS];
    size_t rawlen[ALIAS_WORDS];
    int n = 0;
    for (size_t j = k; j <= last && n < ALIAS_WORDS && !t[j].truncated; j++, n++) {
        words[n] = t[j].w;
        raw[n] = text + t[j].start;
        rawlen[n] = t[j].end - t[j].start;
    }
    return fdp_rules_match_alias_in(rules, first, count, words, raw, rawlen, n, matched);
}

/* The entity whose alias starts at token k, or -1; short capital aliases ("IS")
 * must appear in capitals. A truncated word ends the words tried. Inline: most
 * words start no alias, and the filter says so with no call. */
static inline int entity_at(const fd_ruleset *rules, const char *text, const token *t,
                            size_t k, size_t last, int *matched) {
    *matched = 0;
    if (k > last || t[k].truncated)
        return -1;
    uint32_t h = tk_hash(&t[k]);
    return fdp_rules_alias_may_start(rules, h) ? entity_probe(rules, text, t, k, last, h, matched)
                                               : -1;
}

/*
 * The speaker of the attribution cue at token cue, or NULL: an organisation or
 * person named within SPEAKER_DISTANCE tokens (appositions put the name far from
 * "said": "the Front, the group that organized the protest, said"), an unnamed
 * source word next to it ("police estimated"), or a place or group directly
 * before it ("Moscow said"); places and groups further off are what the
 * sentence is about.
 */
static const char *speaker_of(const fd_ruleset *rules, const char *text, const sentence *s,
                              size_t cue) {
    const token *t = s->t;
    const char *best = NULL;
    long best_dist = 1 << 30;
    size_t lo = cue > s->first + SPEAKER_BEFORE ? cue - SPEAKER_BEFORE : s->first;
    for (size_t k = lo; k <= s->last && k <= cue + SPEAKER_AFTER; k++) {
        if (t[k].type != TK_WORD || k == cue)
            continue;
        long dist = labs((long)k - (long)cue);
        // after the cue a word is no nearer than its distance, nor are those after
        // it: none of them can be nearer than the speaker kept
        if (k > cue && dist >= best_dist)
            break;
        // the distance first: a word's entry is read only near the cue
        if (dist <= SOURCE_DISTANCE && dist < best_dist && t[k].lex && t[k].lex->source) {
            best = t[k].lex->source->name;
            best_dist = dist;
            continue;
        }
        int matched = 0;
        int e = entity_at(rules, text, t, k, s->last, &matched);
        if (e < 0)
            continue;
        const fdp_entity *ent = &rules->entities[e];
        long end_dist = labs((long)(k + (size_t)matched) - 1 - (long)cue);
        if (end_dist < dist)
            dist = end_dist;
        bool speaker = ent->type == FDP_ENT_ORG || ent->type == FDP_ENT_PERSON || ent->speaks_for;
        // "citing Lebanon's Health Ministry": a place in the possessive names whose
        // institution speaks, not the speaker.
        bool possessive = t[k + (size_t)matched - 1].possessive;
        long reach = speaker ? SPEAKER_DISTANCE : PLACE_SPEAKER_DISTANCE;
        if (!possessive && dist <= reach && dist < best_dist) {
            best = ent->speaks_for ? ent->speaks_for : ent->name;
            best_dist = dist;
        }
        k += (size_t)matched - 1;
    }
    return best;
}

/* The attribution cues of sentence s and their speakers (NULL: none named), in
 * token order, read once per sentence into st->cues; NULL when the sentence
 * holds more cues than the memo keeps. */
static const struct fdp_cue_memo *sentence_cues(const fd_ruleset *rules, const char *text,
                                                const sentence *s, frame_state *st) {
    struct fdp_cue_memo *m = &st->cues;
    if (m->sentence == st->sentence_no && m->t == s->t && m->first == s->first &&
        m->last == s->last)
        return m->n <= FDP_CUES_MAX ? m : NULL;
    // (at and who are read only up to n: they are not cleared)
    m->sentence = st->sentence_no;
    m->t = s->t;
    m->first = s->first;
    m->last = s->last;
    m->n = 0;
    bool cued = sentence_has(s, FDP_WL_ATTRIBUTION_CUES); // asked once: m is written below
    for (size_t k = s->first; cued && k <= s->last; k++) {
        if (!tk_has(&s->t[k], FDP_WL_ATTRIBUTION_CUES))
            continue;
        if (m->n < FDP_CUES_MAX) {
            m->at[m->n] = k;
            m->who[m->n] = speaker_of(rules, text, s, k);
        }
        m->n++;
    }
    return m->n <= FDP_CUES_MAX ? m : NULL;
}

// Keeps who, the speaker of the cue at token k, when no kept one is nearer to
// the claim at tokens [first, last].
static void nearer_speaker(const char *who, size_t k, size_t first, size_t last,
                           const char **best, size_t *best_dist) {
    size_t dist = k < first ? first - k : k > last ? k - last : 0;
    if (who && dist < *best_dist) {
        *best = who;
        *best_dist = dist;
    }
}

/* The originator of the claim at tokens [first, last]: the speaker of the
 * attribution cue nearest to it, or NULL when the sentence names none. */
static const char *attribution(const fd_ruleset *rules, const char *text, const sentence *s,
                               size_t first, size_t last, frame_state *st, bool *has_cue) {
    *has_cue = false;
    if (!rules)
        return NULL;
    const char *best = NULL;
    size_t best_dist = (size_t)-1;
    const struct fdp_cue_memo *m = sentence_cues(rules, text, s, st);
    if (m) {
        *has_cue = m->n > 0;
        for (int c = 0; c < m->n; c++)
            nearer_speaker(m->who[c], m->at[c], first, last, &best, &best_dist);
        return best;
    }
    for (size_t k = s->first; k <= s->last; k++) {
        if (!tk_has(&s->t[k], FDP_WL_ATTRIBUTION_CUES))
            continue;
        *has_cue = true;
        nearer_speaker(speaker_of(rules, text, s, k), k, first, last, &best, &best_dist);
    }
    return best;
}

/* The marks of sentence s (fdp_sentence_marks), read once for all its claims:
 * each claim asked the same of every token of it, a few times over. */
static struct fdp_sentence_marks *sentence_marks(const fd_ruleset *rules, const sentence *s,
                                                 frame_state *st) {
    struct fdp_sentence_marks *m = &st->marks;
    if (m->sentence == st->sentence_no && m->t == s->t && m->first == s->first &&
        m->last == s->last)
        return m;
    // (the extractor marks a sentence as it finds its end: a sentence not read so is
    // marked here)
    fdp_marks_start(m, st->sentence_no, s->t, s->first);
    for (size_t k = s->first; k <= s->last; k++)
        fdp_mark_token(rules, m, &s->t[k], k);
    m->last = s->last;
    return m;
}

// True if the marks m were all kept (not too many to keep).
static bool all_kept(const fdp_marks *m) { return m->n <= FDP_MARKS_MAX; }

// True if the clause around token k holds a figure other than [first, last]:
// "Turnout was 44.36%, a drop from the referendum in 2018 which saw 64%": the
// year is the 64%'s. A year in a clause of no figure ("a 2003 rally, which was
// 500,000"; "fined 746 million euros, or over $800 million, back in 2021")
// dates the figures around it.
static bool punctuation_ends_clause(const token *t) {
    return t->type == TK_PUNCT &&
           (t->p == ',' || t->p == ';' || t->p == ':' || t->p == '(' || t->p == ')');
}

static bool other_figure_in_clause(const sentence *s, size_t k, size_t first, size_t last) {
    size_t from = k, to = k;
    while (from > s->first && !punctuation_ends_clause(&s->t[from - 1]))
        from--;
    while (to < s->last && !punctuation_ends_clause(&s->t[to + 1]))
        to++;
    if (from <= first && last <= to)
        return false; // the claim's own clause
    for (size_t j = from; j <= to; j++)
        if (s->t[j].type == TK_NUM && !fdp_is_year(&s->t[j]) && (j < first || j > last) &&
            !(j > s->first && tk_has(&s->t[j - 1], FDP_WL_IDENTIFIER_CUES))) // "Article 23"
            return true;
    return false;
}

// The sentence's years, from its marks (years) when they were all kept.
static bool year_in(const sentence *s, const phrase *ph, const char *doc_date,
                    const fdp_marks *years, char year[8]) {
    const token *t = s->t;
    bool marked = all_kept(years);
    for (int i = 0, n = marked ? years->n : (int)(s->last - s->first + 1); i < n; i++) {
        size_t k = marked ? years->at[i] : s->first + (size_t)i;
        if ((k >= ph->first && k <= ph->last) || !fdp_is_year(&t[k]) ||
            other_figure_in_clause(s, k, ph->first, ph->last))
            continue;
        // is_year: four digits, a whole number from 1900 to 2100, as "%.0f" writes it
        int y = (int)t[k].val;
        for (int d = 3; d >= 0; d--, y /= 10)
            year[d] = (char)('0' + y % 10);
        year[4] = '\0';
        return !(doc_date && !strncmp(doc_date, year, 4));
    }
    return false;
}

// The class of a cause named in the sentence outside the claim's own words (a
// counted class marked "cause" in the rules: strikes, fighting), nearest first.
// The words of a cause are read from the sentence's marks (causes) when they
// were all kept.
static const char *agent_in(const fd_ruleset *rules, const char *text, const sentence *s,
                            const phrase *ph, size_t own_last, const fdp_marks *causes,
                            char *buf, size_t cap) {
    const char *best = NULL;
    size_t best_dist = (size_t)-1, best_k = 0;
    bool marked = all_kept(causes);
    for (int i = 0, n = marked ? causes->n : (int)(s->last - s->first + 1); i < n; i++) {
        size_t k = marked ? causes->at[i] : s->first + (size_t)i;
        if (k >= ph->first && k <= own_last) // the claim's own words ("dozens of strikes")
            continue;
        int cls = fdp_cause_of(rules, &s->t[k]);
        if (cls < 0)
            continue;
        size_t dist = k < ph->first ? ph->first - k : k - ph->last;
        if (dist < best_dist) {
            best = rules->nouns[cls].name;
            best_dist = dist;
            best_k = k;
        }
    }
    if (!best)
        return NULL;
    // Whose strikes: a group named right before the cause ("an IS bombardment").
    fdp_copy_str(buf, cap, best);
    if (best_k > s->first) {
        int matched;
        int e = entity_at(rules, text, s->t, best_k - 1, best_k - 1, &matched);
        if (e >= 0 && rules->entities[e].type == FDP_ENT_GROUP) {
            const char *parts[] = {best, " ", label(rules->labels.by), " ",
                                   rules->entities[e].name};
            copy_parts(buf, cap, parts, sizeof parts / sizeof *parts);
        }
    }
    return buf;
}

// "Earlier today, the minister announced that 113 people were killed": a figure
// the story itself reports as overtaken is not today's fact.
// A cue before the figure, with no other figure between them: "the toll had
// previously been reported to be 18"; in "climbed to 22, ... adding three to
// the previously confirmed 19" only the 19 is overtaken.
static bool superseded(const sentence *s, const phrase *ph) {
    const token *t = s->t;
    if (!sentence_has(s, FDP_WL_SUPERSEDED_CUES) && !sentence_has(s, FDP_WL_SUPERSEDED_OPENERS))
        return false;
    for (size_t k = ph->first; k-- > s->first;) {
        if (t[k].type == TK_NUM)
            return false;
        if (tk_has(&t[k], FDP_WL_SUPERSEDED_CUES) ||
            (tk_has(&t[k], FDP_WL_SUPERSEDED_OPENERS) && k + 1 <= s->last &&
             (tk_has(&t[k + 1], FDP_WL_SUPERSEDED_FOLLOWERS) || t[k + 1].type == TK_PUNCT)))
            return true;
    }
    return false;
}

// A time window stated in the sentence: "within 24 hours", "during the last 24 hours".
static bool window_in(const sentence *s, char *buf, size_t cap) {
    const token *t = s->t;
    if (!sentence_has(s, FDP_WL_WINDOW_PREPOSITIONS))
        return false;
    for (size_t k = s->first; k + 2 <= s->last; k++) {
        if (!tk_has(&t[k], FDP_WL_WINDOW_PREPOSITIONS))
            continue;
        size_t j = k + 1;
        while (j <= s->last && tk_has(&t[j], FDP_WL_WINDOW_DETERMINERS))
            j++;
        if (j + 1 > s->last || t[j].type != TK_NUM)
            continue;
        const fdp_lex *u = t[j + 1].lex;
        if (u && u->unit && u->unit->window) {
            char num[32];
            fdp_format_number(num, sizeof num, t[j].val);
            snprintf(buf, cap, "%s %s", num, u->unit->unit);
            return true;
        }
    }
    return false;
}

// "rose to 48", "has risen to 48", "climbed to": the figure at first is the
// level a running total has now reached.
static bool risen_to(const sentence *s, size_t first) {
    const token *t = s->t;
    return first >= s->first + 2 && tk_has(&t[first - 1], FDP_WL_RISE_LINKS) &&
           tk_has(&t[first - 2], FDP_WL_RISE_VERBS);
}

// After "rose to" / "increased to" the figure belongs to the subject before the
// verb ("the number of people killed ... increased to 135, with 5,000 injured").
static int predicate_of_rise(const sentence *s, size_t first) {
    const token *t = s->t;
    if (!risen_to(s, first))
        return -1;
    size_t v = first - 2;
    for (size_t k = v; k > s->first && v - k < RISE_LOOKBACK; k--) {
        int p = fdp_predicate_of(&t[k - 1]);
        if (p >= 0)
            return p;
    }
    return -1;
}

// A number that opens a clause is its subject: its verb follows ("and dozens of
// them are still missing", "Within 24 hours, around 80 terrorists were killed").
static int predicate_of_subject(const sentence *s, size_t first, size_t last) {
    const token *t = s->t;
    bool opens = first == s->first || tk_punct(&t[first - 1], ',') ||
                 tk_punct(&t[first - 1], ';') || tk_has(&t[first - 1], FDP_WL_CLAUSE_OPENERS);
    for (size_t k = last + 1; opens && k <= s->last && k <= last + SUBJECT_WINDOW; k++) {
        if (t[k].type == TK_NUM || tk_punct(&t[k], ',') || tk_punct(&t[k], ';'))
            break;
        int p = fdp_predicate_of(&t[k]);
        if (p >= 0)
            return p;
    }
    return -1;
}

/* The nearest predicate word in t[lo, hi] outside [first, last], or -1: read
 * from the sentence's marks of them. */
static int marked_predicate_near(const token *t, const fdp_marks *predicates, size_t lo,
                                 size_t hi, size_t first, size_t last) {
    int best = -1;
    size_t best_dist = PREDICATE_WINDOW + 1;
    for (int i = 0; i < predicates->n && predicates->at[i] <= hi; i++) {
        size_t k = predicates->at[i];
        if (k < lo || (k >= first && k <= last))
            continue;
        size_t dist = k < first ? first - k : k - last;
        if (dist < best_dist) {
            best = fdp_predicate_of(&t[k]);
            best_dist = dist;
        }
    }
    return best;
}

/* The predicate class nearest to the phrase (and its noun), within the sentence;
 * after a rise verb, the search looks back from the verb first. The words and
 * semicolons are found in the sentence's marks m when they were all kept. */
static int predicate_near(const sentence *s, size_t first, size_t last,
                          const struct fdp_sentence_marks *m) {
    int best = predicate_of_rise(s, first);
    if (best < 0)
        best = predicate_of_subject(s, first, last);
    if (best >= 0)
        return best;
    const token *t = s->t;
    size_t lo = first > s->first + PREDICATE_WINDOW ? first - PREDICATE_WINDOW : s->first;
    size_t hi = last + PREDICATE_WINDOW < s->last ? last + PREDICATE_WINDOW : s->last;
    if (all_kept(&m->predicates) && all_kept(&m->semicolons)) {
        // a semicolon ends the clause, before the figure and after it
        for (int i = 0; i < m->semicolons.n; i++) {
            size_t k = m->semicolons.at[i];
            if (k >= lo && k < first)
                lo = k + 1;
            else if (k > last && k <= hi)
                hi = k - 1;
            if (k > last)
                break;
        }
        return marked_predicate_near(t, &m->predicates, lo, hi, first, last);
    }
    size_t best_dist = PREDICATE_WINDOW + 1;
    // a semicolon ends the clause: "Rescuers saved 148; 148 remain missing"
    for (size_t k = first; k-- > lo;)
        if (tk_punct(&t[k], ';')) {
            lo = k + 1;
            break;
        }
    for (size_t k = lo; k <= hi; k++) {
        if (tk_punct(&t[k], ';') && k > last)
            break;
        if (k >= first && k <= last)
            continue;
        int p = fdp_predicate_of(&t[k]);
        size_t dist = k < first ? first - k : k - last;
        if (p >= 0 && dist < best_dist) {
            best = p;
            best_dist = dist;
        }
    }
    return best;
}

// The words t[from, to] as a phrase: a space between words, none around
// punctuation ("pro-government forces"); NULL when out of memory.
static char *join_words_long(const token *t, size_t from, size_t to) {
    fdp_buf b = {0};
    for (size_t k = from; k <= to; k++) {
        if (t[k].type == TK_PUNCT) {
            fdp_buf_putc(&b, t[k].p);
            continue;
        }
        if (b.len && !(k > from && t[k - 1].type == TK_PUNCT))
            fdp_buf_putc(&b, ' ');
        fdp_buf_puts(&b, t[k].w);
    }
    return fdp_buf_take(&b);
}

#define JOINED_SMALL 128 /* bytes of a phrase joined on the stack, then copied once */

// The words t[from, to] joined as join_words_long joins them, into small
// (JOINED_SMALL bytes, no NUL): their length, or (size_t)-1 when they do not fit.
static size_t join_small(const token *t, size_t from, size_t to, char *small) {
    size_t len = 0;
    for (size_t k = from; k <= to; k++) {
        if (t[k].type == TK_PUNCT) {
            if (len + 1 >= JOINED_SMALL)
                return (size_t)-1;
            small[len++] = t[k].p;
            continue;
        }
        size_t n = strlen(t[k].w), space = len && !(k > from && t[k - 1].type == TK_PUNCT);
        if (len + space + n >= JOINED_SMALL)
            return (size_t)-1;
        if (space)
            small[len++] = ' ';
        memcpy(small + len, t[k].w, n);
        len += n;
    }
    return len;
}

// The same, joined on the stack and allocated once at its length; a longer one
// as join_words_long joins it. For words read and let go.
static char *join_words(const token *t, size_t from, size_t to) {
    char small[JOINED_SMALL];
    size_t len = join_small(t, from, to, small);
    return len == (size_t)-1 ? join_words_long(t, from, to) : fdp_strndup(small, len);
}

// A copy of the n bytes at s for a claim's frame, in its document's arena (let
// go with the document's claims); a failed copy is recorded.
static char *keep_n(frame_state *st, const char *s, size_t n) {
    char *copy = fdp_arena_copy_n(st->strings, s, n);
    if (!copy)
        st->out_of_memory = true;
    return copy;
}

// The same for a NUL-terminated s (NULL for NULL).
static char *keep(frame_state *st, const char *s) { return s ? keep_n(st, s, strlen(s)) : NULL; }

// keep for a string of its own, s, which is freed (NULL for NULL).
static char *keep_taken(frame_state *st, char *s) {
    char *kept = keep(st, s);
    free(s);
    return kept;
}

// join_words for a claim's frame (its counted phrase: a word or two), kept as
// keep_n keeps it.
static char *join_kept(frame_state *st, const token *t, size_t from, size_t to) {
    char small[JOINED_SMALL];
    size_t len = join_small(t, from, to, small);
    if (len != (size_t)-1)
        return keep_n(st, small, len);
    char *kept = keep_taken(st, join_words_long(t, from, to));
    if (!kept)
        st->out_of_memory = true; // (the join's failure, if not the copy's)
    return kept;
}

// A label an editor can read: "targets struck", "share of site", "duration of
// occupation", "restored (duration)".
static void write_label(const fdp_labels *l, fdp_buf *b, const char *kind, const char *what,
                        const char *verb) {
    bool count = fdp_same_str(kind, FDP_KIND_COUNT);
    const char *measure = fdp_same_str(kind, FDP_KIND_OFFSET) ? label(l->time_since) : kind;
    if (!count && !what) {
        put_text(b, verb);
        fdp_buf_puts(b, " (");
        put_text(b, measure);
        fdp_buf_putc(b, ')');
        return;
    }
    if (fdp_same_str(kind, FDP_KIND_PERCENT)) {
        fdp_buf_puts(b, label(l->share_of));
        fdp_buf_putc(b, ' ');
    } else if (!count) {
        put_text(b, measure);
        fdp_buf_putc(b, ' ');
        put_text(b, label(l->of));
        fdp_buf_putc(b, ' ');
    }
    if (what)
        fdp_buf_puts(b, what);
    if (verb) {
        if (what)
            fdp_buf_putc(b, ' ');
        fdp_buf_puts(b, verb);
    }
}

/* ---- the frame, part by part ---------------------------------------------- */

// The claim's own attribution, else the last one of this sentence or the one
// before: news copy names its source once ("According to the ministry, ...")
// and goes on without it. A sentence with a speaker of its own that we cannot
// name ("..., saying") inherits nothing: someone else is talking.
static int frame_attribution(const fd_ruleset *rules, const fdp_doc *doc, const sentence *s,
                             const phrase *ph, frame_state *st, fdp_claim *c) {
    bool has_cue;
    // a speaker's name is the rules' (speaker_of): the state keeps it, borrowed
    const char *who = attribution(rules, doc->text, s, ph->first, ph->last, st, &has_cue);
    c->attribution = keep(st, who);
    if (who) {
        st->last_attribution = who;
        st->last_attr_sentence = st->sentence_no;
    } else if (!has_cue && st->last_attribution &&
               st->sentence_no - st->last_attr_sentence <= ATTRIBUTION_CARRY) {
        c->attribution = keep(st, st->last_attribution);
    }
    return 0;
}

// Only counts and shares of something that happened have a time of their own;
// "2,750 tonnes of ammonium nitrate, seized in 2014" is a tonnage today.
static inline __attribute__((always_inline)) bool is_event(const phrase *ph) {
    return fdp_same_str(ph->kind, FDP_KIND_COUNT) || fdp_same_str(ph->kind, FDP_KIND_PERCENT);
}

// The time window the sentence states (window_in), read once for all its claims.
static const char *sentence_window(const sentence *s, struct fdp_sentence_marks *m) {
    if (!m->window)
        m->window = window_in(s, m->window_text, sizeof m->window_text) ? 2 : 1;
    return m->window == 2 ? m->window_text : NULL;
}

static void frame_time(const fd_ruleset *rules, const fdp_doc *doc, const sentence *s,
                       const phrase *ph, frame_state *st, fdp_claim *c) {
    char year[8];
    struct fdp_sentence_marks *m = sentence_marks(rules, s, st);
    // a sum too: "Amazon's $807 million fine from 2021" is not this year's fine
    bool dated = is_event(ph) || fdp_same_str(ph->kind, FDP_KIND_MONEY);
    if (dated && year_in(s, ph, doc->date, &m->years, year))
        c->when = keep(st, year);
    else if (superseded(s, ph))
        c->when = keep(st, rules ? label(rules->labels.superseded) : "");
    const char *window = ph->window ? NULL : sentence_window(s, m);
    if (window)
        c->window = keep(st, window);
}

// What the noun phrase [np_from, np_to] counts: the class of its head, and the
// entity it names ("Islamic State fighters").
static int frame_counted(const fd_ruleset *rules, const fdp_doc *doc, const sentence *s,
                         const phrase *ph, size_t np_from, size_t np_to, char *head,
                         size_t cap, bool *named, frame_state *st, fdp_claim *c) {
    const token *t = s->t;
    c->counted = join_kept(st, t, np_from, np_to); // NULL: out of memory, seen by the caller
    size_t h = np_to;
    for (size_t k = np_from; k <= np_to; k++)
        if (tk_has(&t[k], FDP_WL_PARTITIVES)) {
            h = k - 1; // "Temple of Bel": the head is "temple"
            *named = true;
            break;
        }
    singular(rules, t[h].w, head, cap);
    int cls = class_of(rules, &t[h], head);
    // "258 Kurdish fighters, 10 others ... and 20 civilians": in a list, "others"
    // is a remainder, a fact of its own; after a verb ("injured more than 5,000
    // others") it means people.
    if (tk_has(&t[h], FDP_WL_REMAINDERS) && ph->first > s->first &&
        (tk_punct(&t[ph->first - 1], ',') || tk_has(&t[ph->first - 1], FDP_WL_LIST_JOINERS)))
        cls = -1;
    for (size_t k = np_from; k <= np_to && !c->entity; k++) {
        int matched;
        int e = entity_at(rules, doc->text, t, k, np_to, &matched);
        if (e >= 0)
            c->entity = rules->entities[e].name;
    }
    return cls;
}

// The side named just before the number, within its own list item ("IS 'loses
// more than 900 fighters'", "446 IS fighters and 57 militants"), or after the noun
// ("57 militants from al-Qaeda affiliate al-Nusra Front").
static void frame_side(const fd_ruleset *rules, const fdp_doc *doc, const sentence *s,
                       const phrase *ph, size_t np_to, fdp_claim *c) {
    const token *t = s->t;
    size_t from = ph->first > s->first + SIDE_WINDOW ? ph->first - SIDE_WINDOW : s->first;
    for (size_t k = ph->first; k > from; k--)
        if (t[k - 1].type == TK_NUM || tk_punct(&t[k - 1], ',') ||
            tk_has(&t[k - 1], FDP_WL_LIST_JOINERS)) {
            from = k;
            break;
        }
    for (size_t k = from; !c->entity && k < ph->first; k++) {
        int matched;
        int e = entity_at(rules, doc->text, t, k, ph->first - 1, &matched);
        if (e >= 0 && rules->entities[e].type == FDP_ENT_GROUP)
            c->entity = rules->entities[e].name;
    }
    if (!c->entity && np_to + 2 <= s->last && tk_has(&t[np_to + 1], FDP_WL_ENTITY_LINKS)) {
        int matched;
        int e = entity_at(rules, doc->text, t, np_to + 2, s->last, &matched);
        if (e >= 0 && rules->entities[e].type != FDP_ENT_PLACE)
            c->entity = rules->entities[e].name;
    }
}

static bool ends_clause(const token *t) {
    return t->type == TK_NUM ||
           (t->type == TK_PUNCT && (t->p == ',' || t->p == ';' || t->p == ':' || t->p == '(' ||
                                    t->p == ')'));
}

// The first token of the clause holding token first.
static size_t clause_start(const sentence *s, size_t first) {
    while (first > s->first && !ends_clause(&s->t[first - 1]))
        first--;
    return first;
}

/* A claim's clause: its words out to the punctuation or the next figure. */
typedef struct clause {
    size_t from, to;
} clause;

static clause clause_of(const sentence *s, const phrase *ph, size_t own_last) {
    clause cl = {clause_start(s, ph->first), own_last};
    while (cl.to < s->last && !ends_clause(&s->t[cl.to + 1]))
        cl.to++;
    return cl;
}

// "the maximum fine is more than 4bn", "police set out to clear 20
// roadblocks", "the toll could rise to 100": a goal, a limit or a forecast in
// the claim's clause, a few words before it, not what happened; or an increment
// ("adding three victims", "another 12"), not the total. The cue, or NULL.
static const token *goal_cue(const sentence *s, const phrase *ph) {
    if (!sentence_has(s, FDP_WL_GOAL_CUES) && !sentence_has(s, FDP_WL_INCREMENT_CUES))
        return NULL;
    size_t from = clause_start(s, ph->first);
    if (from + GOAL_WINDOW < ph->first)
        from = ph->first - GOAL_WINDOW; // close before it, not anywhere in a long clause
    for (size_t k = from; k < ph->first; k++)
        if (tk_has(&s->t[k], FDP_WL_GOAL_CUES) || tk_has(&s->t[k], FDP_WL_INCREMENT_CUES))
            return &s->t[k];
    return NULL;
}

/* "60 km west of the capital", "about 70 kilometers from Marrakech": a
 * distance is keyed by the place it is measured from, never by the compass
 * word. Fills [*from, *to] with the place's words; false if none is named. */
static bool measured_from(const sentence *s, const phrase *ph, size_t *from, size_t *to) {
    const token *t = s->t;
    size_t k = ph->last + 1;
    if (fdp_same_str(ph->kind, FDP_KIND_COUNT) || fdp_same_str(ph->kind, FDP_KIND_PERCENT))
        return false;
    bool compass = false;
    while (k <= s->last && (tk_has(&t[k], FDP_WL_COMPASS_WORDS) || tk_punct(&t[k], '-'))) {
        compass = true;
        k++;
    }
    if (k > s->last || !tk_has(&t[k], FDP_WL_DISTANCE_LINKS) ||
        (!compass && !tk_has(&t[k], FDP_WL_DISTANCE_SOURCES)))
        return false;
    k++;
    while (k <= s->last && tk_has(&t[k], FDP_WL_DETERMINERS))
        k++;
    if (k > s->last || t[k].type != TK_WORD)
        return false;
    *from = *to = k;
    while (t[k].cap && *to + 1 <= s->last && t[*to + 1].type == TK_WORD && t[*to + 1].cap)
        (*to)++; // "Deir ez-Zor", "Dun Laoghaire"
    return true;
}

/* "five months to stop transferring data", "a six-month deadline to stop
 * transferring": the time given to do something is keyed by what is to be
 * done, its verb and the word after it. Writes key and label and returns true,
 * or false when no such purpose follows the claim's words (ending at last). */
static bool purpose_key(const sentence *s, const phrase *ph, size_t last, fdp_buf *key,
                        fdp_buf *lab, const fdp_labels *labels) {
    const token *t = s->t;
    size_t k = last + 1;
    if (!fdp_same_str(ph->kind, FDP_KIND_DURATION) || k + 2 > s->last ||
        !tk_has(&t[k], FDP_WL_PURPOSE_LINKS) || t[k + 1].type != TK_WORD ||
        t[k + 2].type != TK_WORD)
        return false;
    char *what = join_words(t, k + 1, k + 2);
    if (!what)
        return false;
    fdp_buf_printf(key, "to %s/%s", what, ph->kind);
    if (labels->time_to) { // "time to stop transferring"
        put_words(lab, labels->time_to, NULL);
        fdp_buf_puts(lab, what);
    } else {
        write_label(labels, lab, ph->kind, what, NULL);
    }
    free(what);
    return true;
}

/* "raising the retirement age from 62 to 64": a bare figure keys by the noun
 * that gave it its unit, with the word before it, and by the end of a change
 * it is ("from" the old figure, "to" the new one). False when out of memory. */
static bool implied_key(const sentence *s, const phrase *ph, fdp_buf *key, fdp_buf *lab) {
    const token *t = s->t;
    size_t noun = ph->implied_by - 1;
    size_t from = noun > s->first && t[noun - 1].type == TK_WORD && !t[noun - 1].cap &&
                          !tk_has(&t[noun - 1], FDP_WL_DETERMINERS)
                      ? noun - 1
                      : noun;
    char *what = join_words(t, from, noun);
    if (!what)
        return false;
    fdp_buf_puts(key, what);
    if (ph->change_word) {
        fdp_buf_putc(key, ' ');
        fdp_buf_puts(key, t[ph->change_word - 1].w);
    }
    fdp_buf_putc(key, '/');
    put_text(key, ph->kind);
    fdp_buf_puts(lab, what); // the noun names the measure: "retirement age"
    if (ph->change_word) {
        fdp_buf_puts(lab, " (");
        fdp_buf_puts(lab, t[ph->change_word - 1].w);
        fdp_buf_putc(lab, ')');
    }
    free(what);
    return true;
}

#define KIND_WORDS 4 /* words of an of-phrase that say what kind ("of cholera") */

// Words naming a kind, spelled one way: "haemolytic" is written "hemolytic".
static void put_kind(const fd_ruleset *rules, fdp_buf *key, const char *w) {
    while (*w) {
        size_t i = 0;
        const fdp_spelling_sub *sub = rules->kind_spellings;
        while (i < rules->nkind_spellings && strncmp(w, sub[i].from, strlen(sub[i].from)))
            i++;
        if (i < rules->nkind_spellings) {
            fdp_buf_puts(key, sub[i].to);
            w += strlen(sub[i].from);
        } else {
            fdp_buf_putc(key, *w++);
        }
    }
}

// "1,672 non-hemolytic uremic syndrome cases", "661 cases of hemolytic uremic
// syndrome": the words that say which kind of a qualified thing, before its
// head and in an of-phrase after it, written into the key ("cases of HUS" are
// "HUS cases").
static void write_kind(const fd_ruleset *rules, const sentence *s, size_t np_from,
                       size_t np_to, fdp_buf *key) {
    const token *t = s->t;
    size_t from = np_from;
    while (from < np_to && (tk_has(&t[from], FDP_WL_DETERMINERS) ||
                            tk_has(&t[from], FDP_WL_SCOPE_MODIFIERS)))
        from++;
    if (from < np_to) {
        char *before = join_words(t, from, np_to - 1); // "non-hemolytic uremic syndrome"
        if (before) {
            put_kind(rules, key, before);
            fdp_buf_putc(key, ' ');
        } else {
            fdp_buf_fail(key);
        }
        free(before);
    }
    size_t k = np_to + 1;
    if (k + 1 > s->last || !tk_has(&t[k], FDP_WL_PARTITIVES))
        return;
    // "cases of HUS" are "HUS cases": the kind's words only
    for (size_t n = 0, j = k + 1; j <= s->last && n < KIND_WORDS; j++, n++) {
        if (t[j].type != TK_WORD || tk_has(&t[j], FDP_WL_NP_STOPS) || fdp_predicate_of(&t[j]) >= 0)
            break;
        put_kind(rules, key, t[j].w);
        fdp_buf_putc(key, ' ');
    }
}

// What keeps a figure apart from the plain count of its thing, at the head of
// its key: a part of a figure told before ("627 of them"), another scope ("11
// other countries", "three new cases"), the kind of a qualified thing ("cases
// of cholera"), a goal or an increment, the rest ("all but one"). [np_from,
// np_to]: the counted noun
// phrase, empty when from > to.
static void write_scope(const fd_ruleset *rules, const sentence *s, const phrase *ph,
                        size_t np_from, size_t np_to, int cls, fdp_buf *key, fdp_claim *c) {
    size_t after = ph->last + 1;
    if (after + 1 <= s->last && tk_has(&s->t[after], FDP_WL_PARTITIVES) &&
        tk_has(&s->t[after + 1], FDP_WL_SUBSET_PRONOUNS))
        put_words(key, s->t[after].w, s->t[after + 1].w);
    for (size_t k = np_from; k < np_to; k++)
        if (tk_has(&s->t[k], FDP_WL_SCOPE_MODIFIERS)) {
            put_words(key, s->t[k].w, NULL);
            break;
        }
    c->kind_at = key->len;
    if (np_from <= np_to && cls >= 0 && rules->nouns[cls].qualified)
        write_kind(rules, s, np_from, np_to, key);
    c->kind_end = key->len;
    const token *goal = goal_cue(s, ph);
    if (goal)
        put_words(key, goal->w, NULL);
    // "All but one of the deaths occurred in Germany": the one is the rest,
    // not a count of what the sentence names
    if (ph->first >= s->first + 2 && tk_has(&s->t[ph->first - 1], FDP_WL_COMPLEMENT_CUES) &&
        tk_has(&s->t[ph->first - 2], FDP_WL_COMPLEMENT_OPENERS))
        put_words(key, s->t[ph->first - 2].w, s->t[ph->first - 1].w);
}

#define KIND_LABEL_MAX 128 /* bytes of a label naming a kind, as kept */

// The n bytes of kind words at kind, then the label of their class, in out
// (cut to KIND_LABEL_MAX as snprintf cut it): "hemolytic uremic syndrome cases".
static const char *kind_label(char out[KIND_LABEL_MAX], const char *kind, size_t n,
                              const char *cls_label) {
    n = n < KIND_LABEL_MAX ? n : KIND_LABEL_MAX - 1;
    memcpy(out, kind, n);
    fdp_copy_str(out + n, KIND_LABEL_MAX - n, cls_label);
    return out;
}

// The key and label of a distance measured from the place t[from, to] ("60 km
// west of the capital"). False when out of memory.
static bool measured_key(const fd_ruleset *rules, const token *t, size_t from, size_t to,
                         const phrase *ph, fdp_buf *key, fdp_buf *lab) {
    char *ref = join_words(t, from, to);
    if (!ref)
        return false;
    put_text(key, ref);
    fdp_buf_putc(key, '/');
    put_text(key, ph->kind);
    write_label(&rules->labels, lab, ph->kind, ref, NULL);
    free(ref);
    return true;
}

// Predicate, key and label of a claim that is not a window, written into the
// state's key and label. False when out of memory.
static bool frame_key(const fd_ruleset *rules, const fdp_doc *doc, const sentence *s,
                      const phrase *ph, frame_state *st, fdp_claim *c, size_t *own_last) {
    fdp_buf *key = st->key, *lab = st->label;
    const struct fdp_sentence_marks *m = sentence_marks(rules, s, st);
    size_t np_from = 0, np_to = 0;
    if (measured_from(s, ph, &np_from, &np_to)) {
        *own_last = np_to;
        return measured_key(rules, s->t, np_from, np_to, ph, key, lab);
    }
    bool np = noun_phrase(rules, s, ph, &np_from, &np_to);
    int cls = -1;
    char head[64] = "";
    bool named = false; // "Temple of Bel": the age of a named thing keys by its name
    if (np) {
        *own_last = np_to;
        cls = frame_counted(rules, doc, s, ph, np_from, np_to, head, sizeof head, &named, st, c);
        frame_side(rules, doc, s, ph, np_to, c);
        if (!c->counted)
            return false;
    }
    if (purpose_key(s, ph, np ? np_to : ph->last, key, lab, &rules->labels))
        return true;
    // Events in themselves ("sorties") take no predicate; neither do the
    // duration or age of a named thing ("10-month occupation").
    int pred = -1;
    if (!(cls >= 0 && rules->nouns[cls].standalone) && !(!is_event(ph) && np))
        pred = predicate_near(s, ph->first, np ? np_to : ph->last, m);
    // "119,000 protesters": a noun that names what they did is its own predicate,
    // so the count meets "119,000 people marched"
    if (pred < 0 && np && is_event(ph) && s->t[np_to].lex && s->t[np_to].pred >= 0)
        pred = s->t[np_to].pred;
    if (pred >= 0)
        c->predicate = rules->predicates[pred].name;
    // "40 were killed", "64% voted no": the predicate says what is counted.
    if (cls < 0 && !np && pred >= 0 && is_event(ph))
        cls = rules->predicates[pred].counted;
    // "38 crew" and "38 people aboard": a class standing within a broader one
    // keys by the broadest, so the judge may set them side by side
    c->cls = cls;
    const char *cls_name = cls >= 0 ? rules->nouns[fdp_rules_root_class(rules, cls)].name
                                    : (np ? head : NULL);
    const char *cls_label = cls >= 0 ? rules->nouns[cls].label : (np ? head : NULL);
    if (!cls_name && ph->implied_by)
        return implied_key(s, ph, key, lab);
    if (!cls_name && pred < 0)
        return true;
    named = named && c->counted && fdp_same_str(ph->kind, FDP_KIND_AGE);
    write_scope(rules, s, ph, np ? np_from : 1, np ? np_to : 0, cls, key, c);
    const char *what_key = named ? c->counted : cls_name;
    if (what_key) {
        fdp_buf_puts(key, what_key);
        fdp_buf_putc(key, '/');
    }
    if (pred >= 0) {
        fdp_buf_puts(key, rules->predicates[pred].name);
        fdp_buf_putc(key, '/');
    }
    fdp_buf_puts(key, ph->kind);
    // sums in different currencies are different facts: no rate is known here
    if (fdp_same_str(ph->kind, FDP_KIND_MONEY)) {
        fdp_buf_putc(key, '/');
        put_text(key, ph->unit);
    }
    const char *verb = pred >= 0 ? rules->predicates[pred].label : NULL;
    // "hemolytic uremic syndrome cases": a qualified thing's label names its kind
    const char *what = named ? c->counted : cls_label;
    char kind_what[KIND_LABEL_MAX];
    if (!named && cls_label && c->kind_end > c->kind_at && key->data)
        what = kind_label(kind_what, key->data + c->kind_at, c->kind_end - c->kind_at,
                          cls_label);
    write_label(&rules->labels, lab, ph->kind, what, verb);
    return true;
}

/* ---- place: where a figure was counted ------------------------------------ */

// strlen(w) > 3, without its call: a word's first four bytes.
static bool longer_than_three(const char *w) { return w[0] && w[1] && w[2] && w[3]; }

// "Death Toll in Fight for Kobani Passes 600": in a headline of capitalised
// words a capital letter says nothing of a name.
static bool title_case(const sentence *s) {
    int words = 0, caps = 0;
    for (size_t k = s->first; k <= s->last; k++)
        if (s->t[k].type == TK_WORD && longer_than_three(s->t[k].w)) {
            words++;
            caps += s->t[k].cap;
        }
    return words >= 3 && caps * 4 >= words * 3;
}

// title_case(s), read once for all the names its claims ask about.
static bool sentence_title_case(const fd_ruleset *rules, const sentence *s, frame_state *st) {
    struct fdp_sentence_marks *m = sentence_marks(rules, s, st);
    if (!m->title_case)
        m->title_case = title_case(s) ? 2 : 1;
    return m->title_case == 2;
}

// "E.U.", "U.S.": the last token of an initialism whose first letter is at k.
static size_t initialism_end(const sentence *s, size_t k, size_t to) {
    const token *t = s->t;
    size_t end = k;
    while (end + 2 <= to && tk_punct(&t[end + 1], '.') && t[end + 1].gap == GAP_NONE &&
           t[end + 2].type == TK_WORD && t[end + 2].cap && t[end + 2].gap == GAP_NONE &&
           t[end + 2].end - t[end + 2].start == 1 && t[end].end - t[end].start == 1)
        end += 2;
    if (end > k && end + 1 <= to && tk_punct(&t[end + 1], '.') && t[end + 1].gap == GAP_NONE)
        end++;
    return end;
}

// The name at k, if it may be a place: a place of the rules ("Germany", its
// canonical name), or a run of capitalised words that opens no sentence and is
// no month ("Dun Laoghaire"), or an initialism ("E.U."), as written; *last: its
// last token. NULL: none.
static char *place_name_at(const fd_ruleset *rules, const fdp_doc *doc, const sentence *s,
                           size_t k, size_t to, frame_state *st, size_t *last) {
    const token *t = s->t;
    // "Co Donegal" is Donegal
    while (k + 1 <= to && tk_has(&t[k], FDP_WL_PLACE_TITLES) && t[k + 1].type == TK_WORD &&
           t[k + 1].cap)
        k++;
    int matched;
    int e = entity_at(rules, doc->text, t, k, to, &matched);
    if (e >= 0) {
        *last = k + (size_t)(matched > 0 ? matched - 1 : 0);
        return rules->entities[e].type == FDP_ENT_PLACE ? keep(st, rules->entities[e].name)
                                                         : NULL;
    }
    if (t[k].type != TK_WORD || !t[k].cap || t[k].sent_start || (t[k].lex && t[k].month) ||
        sentence_title_case(rules, s, st))
        return NULL;
    size_t end = initialism_end(s, k, to);
    if (end == k) {
        while (end + 2 <= to && tk_punct(&t[end + 1], '-') && t[end + 1].gap == GAP_NONE &&
               t[end + 2].cap)
            end += 2; // "Cavan-Monaghan"
        while (end + 1 <= to && t[end + 1].type == TK_WORD && t[end + 1].cap)
            end++;
    }
    *last = end;
    return keep_n(st, doc->text + t[k].start, t[end].end - t[k].start);
}

/* The place a preposition of place at k names, up to token to: the whole
 * ("across France", "around the nation": the rules' label), a place noun
 * after a determiner ("in the city"), or a name ("in the United States",
 * "in Paris"). NULL: none. */
static char *place_after(const fd_ruleset *rules, const fdp_doc *doc, const sentence *s,
                         size_t k, size_t to, frame_state *st) {
    const token *t = s->t;
    size_t n = k + 1;
    if (tk_has(&t[n], FDP_WL_DETERMINERS) && n + 1 <= to)
        n++;
    if (tk_has(&t[n], FDP_WL_WHOLE_NOUNS) || tk_has(&t[k], FDP_WL_WHOLE_PREPOSITIONS))
        return keep(st, label(rules->labels.whole));
    if (n > k + 1 && tk_has(&t[n], FDP_WL_PLACE_NOUNS))
        return keep(st, t[n].w); // a part, not the whole
    size_t last = n;
    char *name = place_name_at(rules, doc, s, n, to, st, &last);
    // "in E.U. countries": the countries of a union are a whole
    if (name && last + 1 <= to && tk_has(&t[last + 1], FDP_WL_WHOLE_NOUNS))
        return keep(st, label(rules->labels.whole)); // (name stays in the arena, unused)
    return name;
}

/* "In Meath east, 45.94% turned out": a place that opens the sentence before a
 * comma places the figures after it, unless their own clause names one. */
static void opening_place(const fd_ruleset *rules, const fdp_doc *doc, const sentence *s,
                          const phrase *ph, frame_state *st, fdp_claim *c) {
    const token *t = s->t;
    size_t k = s->first, comma = 0;
    if (!tk_has(&t[k], FDP_WL_PLACE_PREPOSITIONS))
        return;
    for (size_t j = k + 2; j <= s->last && j <= k + OPENING_PLACE_WORDS + 1 && !comma; j++)
        if (tk_punct(&t[j], ','))
            comma = j;
    if (!comma || ph->first < comma)
        return;
    c->place = place_after(rules, doc, s, k, comma - 1, st); // "Across the country, ..."
}

/* "in the United States, where four people are infected": a clause that
 * opens with "where" is in the place the words just before it name. */
static void relative_place(const fd_ruleset *rules, const fdp_doc *doc, const sentence *s,
                           clause cl, frame_state *st, fdp_claim *c) {
    const token *t = s->t;
    size_t w = cl.from;
    if (!tk_has(&t[w], FDP_WL_PLACE_RELATIVES) || w < s->first + 2)
        return;
    size_t end = tk_punct(&t[w - 1], ',') ? w - 2 : w - 1;
    for (size_t j = end; j > s->first && j + OPENING_PLACE_WORDS > end; j--)
        if (tk_has(&t[j - 1], FDP_WL_PLACE_PREPOSITIONS)) {
            c->place = place_after(rules, doc, s, j - 1, end, st);
            return;
        }
}

/* "The Cork north-west constituency saw 44.67%": a name with a place noun
 * after it, before the figure in its clause, is where the figure was counted. */
static char *named_place_before(const fdp_doc *doc, const sentence *s, const phrase *ph,
                                clause cl, frame_state *st) {
    const token *t = s->t;
    if (!sentence_has(s, FDP_WL_PLACE_NOUNS))
        return NULL;
    for (size_t k = ph->first; k > cl.from + 1; k--) {
        size_t noun = k - 1;
        if (!tk_has(&t[noun], FDP_WL_PLACE_NOUNS) || t[noun].cap)
            continue;
        // the words of the name: capitalised, compass words, hyphens ("Cork
        // north-west", "Cavan-Monaghan")
        size_t from = noun;
        while (from > cl.from &&
               ((t[from - 1].type == TK_WORD &&
                 (t[from - 1].cap || tk_has(&t[from - 1], FDP_WL_COMPASS_WORDS))) ||
                (tk_punct(&t[from - 1], '-') && t[from - 1].gap == GAP_NONE)))
            from--;
        while (from < noun && (!t[from].cap || tk_has(&t[from], FDP_WL_DETERMINERS) ||
                               tk_has(&t[from], FDP_WL_PLACE_PREPOSITIONS)))
            from++;
        if (from == noun)
            return NULL;
        return keep_n(st, doc->text + t[from].start, t[noun - 1].end - t[from].start);
    }
    return NULL;
}

/* "Dún Laoghaire was the solitary constituency that ...": a name that opens
 * the sentence and is said to be a place ("constituency", "city"): its tokens
 * [from, to]. */
static bool subject_place_span(const sentence *s, size_t *from, size_t *to) {
    const token *t = s->t;
    size_t end = s->first;
    if (t[end].type != TK_WORD || !t[end].cap || tk_has(&t[end], FDP_WL_DETERMINERS))
        return false;
    while (end + 1 <= s->last && t[end + 1].type == TK_WORD && t[end + 1].cap)
        end++;
    if (end + 2 > s->last || !tk_has(&t[end + 1], FDP_WL_PLACE_COPULAS))
        return false;
    for (size_t k = end + 2; k <= s->last && k <= end + 1 + OPENING_PLACE_WORDS; k++)
        if (tk_has(&t[k], FDP_WL_PLACE_NOUNS)) {
            *from = s->first;
            *to = end;
            return true;
        }
    return false;
}

/* "The first constituency in the country to report back was Cork South
 * Central": a place noun in the subject, then a copula and a name, with no
 * figure between. */
static bool complement_place_span(const sentence *s, size_t *from, size_t *to) {
    const token *t = s->t;
    size_t k = s->first, noun = 0;
    if (!tk_has(&t[k], FDP_WL_DETERMINERS))
        return false;
    for (size_t j = k + 1; j <= s->last && j <= k + OPENING_PLACE_WORDS && !noun; j++)
        if (tk_has(&t[j], FDP_WL_PLACE_NOUNS) && !t[j].cap)
            noun = j;
    for (size_t j = noun + 1; noun && j < s->last && j <= noun + SPEAKER_BEFORE; j++) {
        if (t[j].type == TK_NUM)
            return false;
        if (!tk_has(&t[j], FDP_WL_PLACE_COPULAS))
            continue;
        size_t end = j + 1;
        if (t[end].type != TK_WORD || !t[end].cap || tk_has(&t[end], FDP_WL_DETERMINERS))
            return false;
        while (end + 1 <= s->last && t[end + 1].type == TK_WORD && t[end + 1].cap)
            end++;
        *from = j + 1;
        *to = end;
        return true;
    }
    return false;
}

static char *subject_place(const fdp_doc *doc, const sentence *s, frame_state *st) {
    size_t from, to;
    if (!subject_place_span(s, &from, &to))
        return NULL;
    return keep_n(st, doc->text + s->t[from].start, s->t[to].end - s->t[from].start);
}

// Once per sentence: the place it says it is about, if it says one.
static void learn_told_place(const fdp_doc *doc, const sentence *s, frame_state *st) {
    size_t from, to;
    if (!subject_place_span(s, &from, &to) && !complement_place_span(s, &from, &to))
        return;
    size_t len = s->t[to].end - s->t[from].start;
    if (len >= sizeof st->told_place)
        return;
    memcpy(st->told_place, doc->text + s->t[from].start, len);
    st->told_place[len] = '\0';
    st->told_place_sentence = st->sentence_no;
    st->told_place_end = s->t[to].end;
}

/* The place a sentence named as what it is about, for a figure after the
 * name or in the next sentence: "... was Cork South Central, which voted
 * against it. In total, 61.3% of voters rejected the wording." */
static char *told_place(const fdp_claim *c, frame_state *st) {
    if (!st->told_place[0])
        return NULL;
    bool here = st->told_place_sentence == st->sentence_no && c->start >= st->told_place_end;
    bool next = st->told_place_sentence + 1 == st->sentence_no;
    return here || next ? keep(st, st->told_place) : NULL;
}

/* "declined in the same constituency, with a 57.79% opposition vote": the
 * place named last, in this sentence or one before. */
static char *same_place(const sentence *s, frame_state *st) {
    const token *t = s->t;
    if (!sentence_has(s, FDP_WL_PLACE_SAME) || !sentence_has(s, FDP_WL_PLACE_NOUNS))
        return NULL;
    for (size_t k = s->first; k + 1 <= s->last; k++)
        if (tk_has(&t[k], FDP_WL_PLACE_SAME) && tk_has(&t[k + 1], FDP_WL_PLACE_NOUNS))
            return st->last_place[0] ? keep(st, st->last_place) : NULL;
    return NULL;
}

/* "1.09 million nationwide, including 119,000 in Paris": the place a claim's
 * own clause names after it, with a preposition of place before a name, or a
 * word of the whole ("nationwide", "across the country"), which the rules'
 * label names. */
static void frame_place(const fd_ruleset *rules, const fdp_doc *doc, const sentence *s,
                        const phrase *ph, clause cl, frame_state *st, fdp_claim *c) {
    const token *t = s->t;
    size_t from = cl.from, to = cl.to;
    bool worded = sentence_has(s, FDP_WL_PLACE_SCOPES) || sentence_has(s, FDP_WL_PLACE_PREPOSITIONS);
    // Before the figure only a word of the whole counts: "the outbreak in
    // Germany rose to 22" places the outbreak, not the count.
    for (size_t k = from; worded && k <= to && !c->place; k++) {
        if (tk_has(&t[k], FDP_WL_PLACE_SCOPES)) {
            c->place = keep(st, label(rules->labels.whole));
            return;
        }
        if (k > ph->last && tk_has(&t[k], FDP_WL_PLACE_PREPOSITIONS) && k + 1 <= to)
            c->place = place_after(rules, doc, s, k, to, st);
    }
    if (!c->place)
        relative_place(rules, doc, s, cl, st, c);
    if (!c->place)
        opening_place(rules, doc, s, ph, st, c);
    if (!c->place)
        c->place = named_place_before(doc, s, ph, cl, st);
    if (!c->place)
        c->place = subject_place(doc, s, st);
    if (!c->place)
        c->place = same_place(s, st);
    if (!c->place)
        c->place = told_place(c, st);
    const char *whole = rules->labels.whole;
    if (c->place && !(whole && !strcmp(c->place, whole)))
        fdp_copy_str(st->last_place, sizeof st->last_place, c->place);
}

static bool is_quote(const token *t) {
    return t->type == TK_PUNCT && (t->p == '\'' || t->p == '"');
}

// The first predicate class of the rules named name, or NULL. A claim's
// predicate is a class's own name: the extractor remembers each by its address
// (st->predicates), for all claims that ask (the classes' names lie far apart).
static const fdp_class *predicate_named(const fd_ruleset *rules, frame_state *st,
                                        const char *name) {
    fdp_predicate_memo *m = &st->predicates[((uintptr_t)name / 8) % FDP_PREDICATE_MEMO];
    if (name != m->name) {
        m->name = name;
        m->predicate = NULL;
        for (size_t i = 0; i < rules->npredicates && !m->predicate; i++)
            if (fdp_same_str(rules->predicates[i].name, name))
                m->predicate = &rules->predicates[i];
    }
    return m->predicate;
}

// A vote's figure ("votes", "voted"), whose words may name a side; "a protest
// against the law" names none.
static bool sided(const fd_ruleset *rules, frame_state *st, const fdp_claim *c) {
    if (c->cls >= 0 && rules->nouns[fdp_rules_root_class(rules, c->cls)].sided)
        return true;
    const fdp_class *p = c->predicate ? predicate_named(rules, st, c->predicate) : NULL;
    return p && p->sided;
}

/* The side token k names, if any: "in favour", "against", "No" in capitals or
 * quotes, or "no" right after a verb ("voted no"); "no fewer than" and "yes, he
 * said" name no option. */
static const char *option_at(const fd_ruleset *rules, const sentence *s, size_t k) {
    const token *t = &s->t[k];
    if (tk_has(t, FDP_WL_VOTE_OPTIONS)) {
        bool quoted = k > s->first && t->gap == GAP_NONE && is_quote(&s->t[k - 1]);
        bool after_verb = k > s->first && fdp_predicate_of(&s->t[k - 1]) >= 0;
        if (!(t->cap && !t->sent_start) && !quoted && !after_verb)
            return NULL;
    }
    if (tk_has(t, FDP_WL_VOTE_YES))
        return rules->labels.vote_yes;
    if (tk_has(t, FDP_WL_VOTE_NO))
        return rules->labels.vote_no;
    return NULL;
}

/* "67.69% voted No", "a Yes vote of 32.3%", "393,053 voters in favour": the
 * side a share or count of votes went to is its side (the rules' labels
 * "vote_yes", "vote_no"). The side after the figure is looked for first, up to
 * a comma or the next figure ("487,564 in favour compared to 1,021,546
 * against"), then the side before it, back to the previous figure. */
static void frame_option(const fd_ruleset *rules, const sentence *s, const phrase *ph,
                         clause cl, frame_state *st, fdp_claim *c) {
    if (c->entity || !sided(rules, st, c))
        return;
    for (size_t k = ph->last + 1; k <= cl.to && !c->entity; k++) {
        if (s->t[k].type == TK_NUM || tk_punct(&s->t[k], ','))
            break;
        c->entity = option_at(rules, s, k);
    }
    for (size_t k = ph->first; k > cl.from && !c->entity; k--) {
        if (s->t[k - 1].type == TK_NUM)
            break;
        c->entity = option_at(rules, s, k - 1);
    }
}

/* ---- topic: which of several votes ----------------------------------------- */

// A word that may name a topic: "care", "abortion"; not "the", "proposed",
// "40th", another topic noun, a side or a verb ("rejecting proposals on care").
static bool may_name_topic(const token *t) {
    return t->type == TK_WORD && !t->alnum && !t->truncated && strlen(t->w) >= 3 &&
           strlen(t->w) < FDP_TOPIC_LEN && !tk_has(t, FDP_WL_DETERMINERS) &&
           !tk_has(t, FDP_WL_TOPIC_SKIPS) && !tk_has(t, FDP_WL_TOPIC_NOUNS) &&
           !tk_has(t, FDP_WL_VOTE_YES) && !tk_has(t, FDP_WL_VOTE_NO) && fdp_predicate_of(t) < 0;
}

// The topic word token t names, or -1: its hash (the word's, kept with the
// topic) settles nearly every comparison.
static inline __attribute__((always_inline)) int topic_index(const frame_state *st,
                                                            const token *t) {
    if (!(st->topic_filter >> (t->hash % 64) & 1)) // no topic's hash has its bit
        return -1;
    for (int i = 0; i < st->ntopics; i++)
        if (st->topic_hashes[i] == t->hash && fdp_same_str(st->topics[i], t->w))
            return i;
    return -1;
}

static void learn_topic(frame_state *st, const token *t) {
    if (topic_index(st, t) < 0 && st->ntopics < FDP_TOPICS_MAX) {
        st->topic_hashes[st->ntopics] = t->hash;
        st->topic_filter |= 1ULL << (t->hash % 64);
        fdp_copy_str(st->topics[st->ntopics++], FDP_TOPIC_LEN, t->w);
    }
}

// "the care referendum", "the 'family' amendment", "the family and care
// referendums", "the referendum on family": the names a topic noun at k gives.
static void learn_topics_at(const sentence *s, size_t k, frame_state *st) {
    const token *t = s->t;
    size_t j = k;
    while (j > s->first && is_quote(&t[j - 1]))
        j--;
    if (j > s->first && may_name_topic(&t[j - 1])) {
        learn_topic(st, &t[j - 1]);
        if (j - 1 >= s->first + 2 && tk_has(&t[j - 2], FDP_WL_LIST_JOINERS) &&
            may_name_topic(&t[j - 3]))
            learn_topic(st, &t[j - 3]);
        return;
    }
    if (k + 1 > s->last || !tk_has(&t[k + 1], FDP_WL_TOPIC_LINKS))
        return;
    for (j = k + 2; j <= s->last && (tk_has(&t[j], FDP_WL_DETERMINERS) || is_quote(&t[j])); j++)
        ;
    if (j <= s->last && may_name_topic(&t[j]))
        learn_topic(st, &t[j]);
}

// The one topic named in s[from, to]: its index, -1 if none, -2 if several.
static int topic_in(const sentence *s, size_t from, size_t to, const frame_state *st) {
    int found = -1;
    for (size_t k = from; k <= to; k++) {
        int i = s->t[k].type == TK_WORD ? topic_index(st, &s->t[k]) : -1;
        if (i >= 0 && found >= 0 && i != found)
            return -2;
        if (i >= 0)
            found = i;
    }
    return found;
}

// Once per sentence: learn the topics it names, and the one it names.
void fdp_frame_sentence(const fdp_doc *doc, const sentence *s, frame_state *st) {
    if (st->topic_sentence == st->sentence_no)
        return;
    st->topic_sentence = st->sentence_no;
    learn_told_place(doc, s, st);
    if (sentence_has(s, FDP_WL_TOPIC_NOUNS))
        for (size_t k = s->first; k <= s->last; k++)
            if (tk_has(&s->t[k], FDP_WL_TOPIC_NOUNS))
                learn_topics_at(s, k, st);
    int named = st->ntopics ? topic_in(s, s->first, s->last, st) : -1;
    st->sentence_topic = named;
    if (named != -1)
        st->last_topic = named; // -2: several; the next sentence carries none
}

/* Which of several votes a vote's figure belongs to: the one topic named
 * after it, up to the next figure ("78% rejected the family amendment and 81%
 * did the same for the care proposal"), else before it, back to the last
 * figure; else the one its sentence names; else, if its sentence names none,
 * the topic of the last sentence that named one. */
static void frame_topic(const fd_ruleset *rules, const sentence *s, const phrase *ph,
                        frame_state *st, fdp_claim *c) {
    if (!st->ntopics || !sided(rules, st, c)) // most documents name no topic
        return;
    size_t from = ph->first, to = ph->last;
    while (from > s->first && s->t[from - 1].type != TK_NUM)
        from--;
    while (to < s->last && s->t[to + 1].type != TK_NUM)
        to++;
    int topic = ph->last < to ? topic_in(s, ph->last + 1, to, st) : -1;
    if (topic == -1 && from < ph->first)
        topic = topic_in(s, from, ph->first - 1, st);
    if (topic == -1)
        topic = st->sentence_topic == -1 ? st->last_topic : st->sentence_topic;
    if (topic >= 0)
        c->topic = keep(st, st->topics[topic]);
}

// The cause of a toll: killed by airstrikes, or in the fighting. A sentence
// naming none continues the story of the last few ("In addition, 32 civilians
// have also been killed" after "The bombing campaign has killed 553 people").
static void frame_cause(const fd_ruleset *rules, const fdp_doc *doc, const sentence *s,
                        const phrase *ph, size_t own_last, frame_state *st, fdp_claim *c) {
    if (!c->predicate || !is_event(ph))
        return;
    char cause[96];
    const char *agent = agent_in(rules, doc->text, s, ph, own_last,
                                 &sentence_marks(rules, s, st)->causes, cause, sizeof cause);
    if (agent) {
        c->agent = keep(st, agent);
        fdp_copy_str(st->last_agent, sizeof st->last_agent, agent);
        st->last_agent_sentence = st->sentence_no;
    } else if (st->last_agent[0] && st->sentence_no - st->last_agent_sentence <= AGENT_CARRY) {
        c->agent = keep(st, st->last_agent);
    }
}

int fdp_frame_claim(const fd_ruleset *rules, const fdp_doc *doc, const sentence *s,
                    const phrase *ph, frame_state *st, fdp_claim *c) {
    c->risen = risen_to(s, ph->first);
    frame_attribution(rules, doc, s, ph, st, c);
    frame_time(rules, doc, s, ph, st, c);
    size_t own_last = ph->last; // the claim's words: phrase and counted noun
    fdp_buf *key = st->key, *lab = st->label;
    fdp_buf_reset(key);
    fdp_buf_reset(lab);
    if (ph->window) {
        fdp_buf_puts(key, window_key);
        fdp_buf_puts(lab, rules ? label(rules->labels.window) : "");
    } else if (rules) {
        if (!frame_key(rules, doc, s, ph, st, c, &own_last))
            st->out_of_memory = true;
    }
    if (rules) {
        frame_cause(rules, doc, s, ph, own_last, st, c);
        clause cl = clause_of(s, ph, own_last);
        frame_place(rules, doc, s, ph, cl, st, c);
        frame_option(rules, s, ph, cl, st, c);
        frame_topic(rules, s, ph, st, c);
    }
    if (key->failed || lab->failed)
        st->out_of_memory = true;
    else if (key->len) {
        c->key = keep_n(st, key->data, key->len);
        c->label = keep_n(st, lab->len ? lab->data : "", lab->len);
    }
    return st->out_of_memory ? FD_ERR_NOMEM : 0;
}

static bool is_toll(const fd_ruleset *rules, frame_state *st, const fdp_claim *c) {
    const fdp_class *p = c->key && c->predicate ? predicate_named(rules, st, c->predicate) : NULL;
    return p && p->cumulative;
}

#define PLACE_SPLIT_REACH 8 /* claims of one sentence compared for split places */

// "21 deaths in Germany and one in Sweden": figures of one thing in two places.
static void mark_place_parts(const fd_ruleset *rules, fdp_claim *cs, size_t n) {
    const char *whole = rules->labels.whole;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n && j <= i + PLACE_SPLIT_REACH; j++) {
            fdp_claim *a = &cs[i], *b = &cs[j];
            if (!a->key || !b->key || !a->place || !b->place || strcmp(a->key, b->key) ||
                !strcmp(a->place, b->place) || (whole && (!strcmp(a->place, whole) ||
                                                           !strcmp(b->place, whole))))
                continue;
            a->place_part = b->place_part = true;
        }
}

// True if only a list joiner stands between two figures: "80.2% and 84%".
static bool listed_together(const sentence *s, const fdp_claim *a, const fdp_claim *b) {
    size_t between = 0;
    for (size_t k = s->first; k <= s->last; k++) {
        const token *t = &s->t[k];
        if (t->start < a->end || t->end > b->start)
            continue;
        if (!tk_punct(t, ',') && !tk_has(t, FDP_WL_LIST_JOINERS))
            return false;
        between++;
    }
    return between > 0;
}

// "with 80.2% and 84%": a figure listed after another, naming no place of
// its own, is counted where the first is.
static void carry_places(fdp_claim *cs, size_t n, const sentence *s) {
    for (size_t i = 1; i < n; i++) {
        fdp_claim *a = &cs[i - 1], *b = &cs[i];
        if (b->place || !a->place || !listed_together(s, a, b))
            continue;
        b->place = a->place; // (a claim's strings are never written: they may be shared)
    }
}

// "80.2% and 84% voting against the family and care referendums,
// respectively": the figures take the topics in the order named.
static int topics_respectively(const fd_ruleset *rules, const sentence *s,
                               frame_state *st, fdp_claim *cs, size_t n) {
    int order[FDP_TOPICS_MAX], named = 0;
    bool respectively = false;
    if (!sentence_has(s, FDP_WL_RESPECTIVELY)) // nothing to do, asked with no scan
        return 0;
    for (size_t k = s->first; k <= s->last; k++) {
        respectively |= tk_has(&s->t[k], FDP_WL_RESPECTIVELY);
        int i = s->t[k].type == TK_WORD ? topic_index(st, &s->t[k]) : -1;
        bool seen = false;
        for (int j = 0; j < named && i >= 0; j++)
            seen |= order[j] == i;
        if (i >= 0 && !seen && named < FDP_TOPICS_MAX)
            order[named++] = i;
    }
    size_t sided_claims = 0;
    for (size_t i = 0; i < n; i++)
        sided_claims += sided(rules, st, &cs[i]);
    if (!respectively || named < 2 || sided_claims != (size_t)named)
        return 0;
    for (size_t i = 0, j = 0; i < n; i++) {
        if (!sided(rules, st, &cs[i]))
            continue;
        cs[i].topic = keep(st, st->topics[order[j++]]);
        if (!cs[i].topic)
            return FD_ERR_NOMEM;
    }
    return 0;
}

#define KIND_NOUN_REACH 3 /* "have the associated condition HUS": words before the kind noun */

// The first token of s starting at or after byte b.
static size_t token_from(const sentence *s, size_t b) {
    size_t k = s->first;
    while (k <= s->last && s->t[k].start < b)
        k++;
    return k;
}

/* "... and 658 others have the associated condition haemolytic uraemic
 * syndrome (HUS)": the kind of thing the others are, after a link word right
 * after them and any kind noun; its words [*from, *to]. */
static bool kind_after(const sentence *s, size_t link, size_t *from, size_t *to) {
    const token *t = s->t;
    if (link > s->last || !tk_has(&t[link], FDP_WL_KIND_LINKS))
        return false;
    size_t j = link + 1;
    while (j <= s->last && tk_has(&t[j], FDP_WL_DETERMINERS))
        j++;
    for (size_t k = j; k <= s->last && k < j + KIND_NOUN_REACH; k++)
        if (tk_has(&t[k], FDP_WL_KIND_NOUNS)) {
            j = k + 1;
            break;
        }
    size_t end = j;
    while (end <= s->last && end < j + KIND_WORDS && t[end].type == TK_WORD &&
           !tk_has(&t[end], FDP_WL_NP_STOPS) && fdp_predicate_of(&t[end]) < 0)
        end++;
    *from = j;
    *to = end - 1;
    return end > j;
}

// "hemolytic uremic syndrome cases": the kind words of key, [at, end), then the
// label of their class.
static char *label_of_kind(const char *key, size_t at, size_t end, const char *cls_label) {
    fdp_buf b = {0};
    fdp_buf_printf(&b, "%.*s%s", (int)(end - at), key + at, cls_label);
    return fdp_buf_take(&b);
}

// The key of c with its kind words replaced by prefix and the kind [from, to].
static char *key_of_kind(const fd_ruleset *rules, const fdp_claim *c, const char *prefix,
                         const sentence *s, size_t from, size_t to, size_t *kind_end) {
    fdp_buf key = {0};
    fdp_buf_printf(&key, "%.*s%s", (int)c->kind_at, c->key, prefix);
    for (size_t k = from; k <= to; k++) {
        put_kind(rules, &key, s->t[k].w);
        fdp_buf_putc(&key, ' ');
    }
    *kind_end = key.len;
    fdp_buf_puts(&key, c->key + c->kind_end);
    return fdp_buf_take(&key);
}

/* "1,605 cases of EHEC infection have been recorded and 658 others have the
 * associated condition HUS": others listed after a qualified thing, with a
 * kind of their own, are that thing of that kind ("HUS cases"), and the first
 * figure counts the rest ("non-HUS cases"). */
static int others_of_a_kind(const fd_ruleset *rules, const sentence *s, frame_state *st,
                            fdp_claim *cs, size_t n) {
    const char *rest = rules->labels.other_kind;
    // none without a remainder word ("others") and a list joiner, asked with no scan
    if (!sentence_has(s, FDP_WL_REMAINDERS) || !sentence_has(s, FDP_WL_LIST_JOINERS))
        return 0;
    for (size_t i = 1; i < n && rest; i++) {
        fdp_claim *a = &cs[i - 1], *b = &cs[i];
        // the claims' own fields first: the tokens are found only for a pair they allow
        if (!a->key || a->cls < 0 || !rules->nouns[a->cls].qualified || b->cls >= 0 ||
            strcmp(a->unit, b->unit))
            continue;
        size_t first = token_from(s, b->start), noun = token_from(s, b->end), from, to;
        if (first == s->first || noun > s->last ||
            !tk_has(&s->t[first - 1], FDP_WL_LIST_JOINERS) ||
            !tk_has(&s->t[noun], FDP_WL_REMAINDERS) || !kind_after(s, noun + 1, &from, &to))
            continue;
        size_t a_end, b_end;
        const char *cls_label = rules->nouns[a->cls].label;
        char *a_key = keep_taken(st, key_of_kind(rules, a, rest, s, from, to, &a_end));
        char *b_key = keep_taken(st, key_of_kind(rules, a, "", s, from, to, &b_end));
        char *a_label =
            a_key ? keep_taken(st, label_of_kind(a_key, a->kind_at, a_end, cls_label)) : NULL;
        char *b_label =
            b_key ? keep_taken(st, label_of_kind(b_key, a->kind_at, b_end, cls_label)) : NULL;
        if (!a_label || !b_label)
            return FD_ERR_NOMEM;
        b->key = b_key;
        b->label = b_label;
        b->cls = a->cls;
        b->predicate = a->predicate;
        b->kind_at = a->kind_at;
        b->kind_end = b_end;
        a->key = a_key;
        a->label = a_label;
        a->kind_end = a_end;
    }
    return 0;
}

int fdp_frame_sentence_claims(const fd_ruleset *rules, const sentence *s, frame_state *st,
                              fdp_claim *cs, size_t n) {
    carry_places(cs, n, s);
    int rc = others_of_a_kind(rules, s, st, cs, n);
    if (rc == 0)
        rc = topics_respectively(rules, s, st, cs, n);
    if (rc < 0)
        return rc;
    const fdp_claim *toll = NULL;
    for (size_t i = 0; i < n && !toll; i++)
        if (is_toll(rules, st, &cs[i]) && !cs[i].when)
            toll = &cs[i];
    const char *earlier = rules->labels.superseded;
    for (size_t i = 0; i < n && toll && earlier; i++) {
        fdp_claim *c = &cs[i];
        if (c->key || !c->when || strcmp(c->when, earlier) || strcmp(c->unit, toll->unit))
            continue;
        c->key = toll->key; // (shared, as carry_places shares places)
        c->label = toll->label;
        c->predicate = toll->predicate;
        c->cls = toll->cls;
    }
    mark_place_parts(rules, cs, n);
    return 0;
}
