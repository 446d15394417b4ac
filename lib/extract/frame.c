/*
 * frame.c - the claim frame: what a number counts, what happened to it, who
 * says so and over what time, and from these the key of the fact.
 *
 * Key = counted class [/ predicate class] / kind, e.g. "targets/struck/count",
 * "militants/killed/count", "sorties/count" (some classes are events in
 * themselves and take no predicate). Entity, attribution and window are kept
 * apart from the key: the comparator uses them to split groups whose claims
 * name different sides, originators or time windows.
 */
#include <stdlib.h>
#include <string.h>

#include "extract.h"

WORD_LIST(np_stop,
    "and", "or", "but", "to", "in", "on", "at", "for", "from", "with", "by", "as", "that",
    "which", "who", "whom", "whose", "were", "was", "is", "are", "be", "been", "being", "had",
    "have", "has", "will", "would", "could", "should", "may", "might", "can", "did", "do",
    "does", "said", "says", "say", "than", "over", "during", "since", "after", "before",
    "while", "when", "where", "not", "still", "also", "only", "already", "then", "there",
    "here", "more", "most", "all", "per", "ago", "later", "earlier", "according", "into",
    "across", "including", "among", "against", "under", "about", "around", "between",
    "through", "within", "without", "toward", "towards", "out", "up", "down", "off", "last",
    "past", "next", "likely", "this", "it", "they", "he", "she", "we", "i", "you", "them",
    "its", "their", "his", "her", "the", "a", "an", "of", "so", "if", "because", "once",
    "now", "just", "ever", "never", "each", "every", "both", "either", "neither",
    // common irregular past tenses, which end no "-ed" test
    "took", "gave", "made", "went", "came", "got", "began", "fell", "rose", "saw", "ran",
    "held", "fled", "stood", "sent", "kept", "met", "thought", "told", "brought");

static bool is_stop(const token *t) { return tk_in(t, &np_stop); }

static bool is_determiner(const token *t) {
    static const char *const dets[] = {"the", "its", "their", "his", "her", "these", "those",
                                       "our", "a", "an", "such", "them", NULL};
    for (int i = 0; dets[i]; i++)
        if (tk_is(t, dets[i]))
            return true;
    return false;
}

/* The counted noun phrase: tokens [*from, *to], or false if there is none. */
static bool noun_phrase(const fd_ruleset *rules, const sentence *s, const phrase *ph,
                        size_t *from, size_t *to) {
    const token *t = s->t;
    size_t k = ph->np_from;
    if (k > s->last)
        return false;
    // "'several hundred' Islamic State fighters": a closing quote is no boundary
    if (k <= s->last && t[k].type == TK_PUNCT && (t[k].p == '\'' || t[k].p == '"') &&
        k + 1 <= s->last && t[k + 1].type == TK_WORD)
        k++;
    // "dozens of the makeshift bombs", "80 percent of the site", "three weeks of battles"
    if (!ph->adjective && tk_is(&t[k], "of")) {
        k++;
        while (k <= s->last && is_determiner(&t[k]))
            k++;
    }
    size_t start = k, end = k;
    int words = 0;
    for (; k <= s->last && words < 5; k++) {
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
        bool noun = fdp_rules_noun_class(rules, w->w) >= 0;
        if (tk_is(w, "of") && words > 0 && k + 1 <= s->last && t[k + 1].cap) {
            continue; // "Temple of Bel"
        }
        // "446 IS fighters": a capitalised word ("IS") is a name, not the verb "is"
        if (!noun && ((is_stop(w) && !w->cap) ||
                      fdp_rules_predicate(rules, w->w) >= 0))
            break;
        // "filled", "counted": a past tense after the first word ends the phrase
        size_t wl = strlen(w->w);
        if (!noun && words > 0 && wl > 4 && !strcmp(w->w + wl - 2, "ed"))
            break;
        end = k;
        words++;
        // A known head ends the phrase ("people took to the streets"), unless it is
        // a possessive, which modifies what follows ("the country's grain").
        if (noun && !w->possessive && !(k + 2 <= s->last && tk_is(&t[k + 1], "of") && t[k + 2].cap))
            break;
    }
    if (words == 0)
        return false;
    *from = start;
    *to = end;
    return true;
}

// Singular of a folded English noun, good enough for keys: "bombs" -> "bomb".
static void singular(const char *w, char *out, size_t cap) {
    size_t n = strlen(w);
    snprintf(out, cap, "%s", w);
    if (n > 4 && !strcmp(w + n - 3, "ies"))
        snprintf(out, cap, "%.*sy", (int)(n - 3), w);
    else if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u')
        out[n - 1] = '\0';
}

static int class_of(const fd_ruleset *rules, const char *w) {
    int c = fdp_rules_noun_class(rules, w);
    if (c < 0) {
        char sg[64];
        singular(w, sg, sizeof sg);
        c = fdp_rules_noun_class(rules, sg);
    }
    return c;
}

/* The entity whose alias starts at token k, or -1; short capital aliases ("IS")
 * must appear in capitals. */
static int entity_at(const fd_ruleset *rules, const char *text, const token *t, size_t k,
                     size_t last, int *matched) {
    char *words[8], *raw[8];
    char rawbuf[8][32];
    int n = 0;
    for (size_t j = k; j <= last && n < 8; j++, n++) {
        words[n] = (char *)t[j].w;
        size_t len = t[j].end - t[j].start;
        if (len > 31)
            len = 31;
        memcpy(rawbuf[n], text + t[j].start, len);
        rawbuf[n][len] = '\0';
        raw[n] = rawbuf[n];
    }
    return fdp_rules_match_alias(rules, words, raw, n, matched);
}

WORD_LIST(attribution_cues,
    "according", "said", "says", "say", "told", "reported", "reports", "quoted", "quoting",
    "announced", "claimed", "claims", "estimated", "estimates", "stated", "added", "confirmed",
    "counted", "tallied", "citing", "saying");

static bool is_cue(const token *t) { return tk_in(t, &attribution_cues); }

// Common nouns that stand for an unnamed originator: "analysts said".
WORD_LIST(generic_sources,
    "analysts", "experts", "officials", "sources", "witnesses", "activists", "residents",
    "monitors", "police", "authorities", "medics", "doctors", "organisers", "organizers",
    "organiser", "organizer", "rescuers", "diplomats");

static bool is_generic_source(const token *t) { return tk_in(t, &generic_sources); }

// The canonical name of an unnamed source word: "organizers" and "organisers" meet.
static const char *generic_name(const token *t) {
    if (!strncmp(t->w, "organi", 6))
        return "organisers";
    return t->w;
}

/*
 * The speaker of the attribution cue at token cue, or NULL: an organisation or
 * person named within 10 tokens (appositions put the name far from "said": "the
 * Front, the group that organized the protest, said"), an unnamed source word
 * next to it ("police estimated"), or a place or group directly before it
 * ("Moscow said"); places and groups further off are what the sentence is about.
 */
static const char *speaker_of(const fd_ruleset *rules, const char *text, const sentence *s,
                              size_t cue) {
    const token *t = s->t;
    const char *best = NULL;
    long best_dist = 1 << 30;
    size_t lo = cue > s->first + 12 ? cue - 12 : s->first;
    for (size_t k = lo; k <= s->last && k <= cue + 10; k++) {
        if (t[k].type != TK_WORD || k == cue)
            continue;
        long dist = labs((long)k - (long)cue);
        if (is_generic_source(&t[k]) && dist <= 3 && dist < best_dist) {
            best = generic_name(&t[k]);
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
        if (!possessive && (speaker ? dist <= 10 : dist <= 1) && dist < best_dist) {
            best = ent->speaks_for ? ent->speaks_for : ent->name;
            best_dist = dist;
        }
        k += (size_t)matched - 1;
    }
    return best;
}

/* The originator of the claim at tokens [first, last]: the speaker of the
 * attribution cue nearest to it, or NULL when the sentence names none. */
static char *attribution(const fd_ruleset *rules, const char *text, const sentence *s,
                         size_t first, size_t last, bool *has_cue) {
    *has_cue = false;
    if (!rules)
        return NULL;
    const char *best = NULL;
    size_t best_dist = (size_t)-1;
    for (size_t k = s->first; k <= s->last; k++) {
        if (!is_cue(&s->t[k]))
            continue;
        *has_cue = true;
        const char *who = speaker_of(rules, text, s, k);
        size_t dist = k < first ? first - k : k > last ? k - last : 0;
        if (who && dist < best_dist) {
            best = who;
            best_dist = dist;
        }
    }
    return best ? fdp_strdup(best) : NULL;
}

/*
 * The year a claim's sentence places it in, when that is not the document's own
 * year: "the 2003 rally ..., which was 500,000". NULL for the present.
 */
static char *year_in(const sentence *s, const phrase *ph, const char *doc_date) {
    const token *t = s->t;
    for (size_t k = s->first; k <= s->last; k++) {
        if (k >= ph->first && k <= ph->last)
            continue;
        const token *y = &t[k];
        if (!(y->type == TK_NUM && y->plain && y->int_digits == 4 && y->val >= 1900 &&
              y->val <= 2100))
            continue;
        char year[8];
        snprintf(year, sizeof year, "%.0f", y->val);
        if (doc_date && !strncmp(doc_date, year, 4))
            return NULL;
        return fdp_strdup(year);
    }
    return NULL;
}

// The class of a cause named in the sentence outside the claim's own words:
// "strikes" (airstrikes, bombing) or "offensive" (fighting, battle), nearest first.
static const char *agent_in(const fd_ruleset *rules, const char *text, const sentence *s,
                            const phrase *ph, size_t own_last, char *buf, size_t cap) {
    const char *best = NULL;
    size_t best_dist = (size_t)-1, best_k = 0;
    for (size_t k = s->first; k <= s->last; k++) {
        if (k >= ph->first && k <= own_last) // the claim's own words ("dozens of strikes")
            continue;
        if (s->t[k].type != TK_WORD)
            continue;
        int cls = fdp_rules_noun_class(rules, s->t[k].w);
        if (cls < 0)
            continue;
        const char *name = rules->nouns[cls].name;
        if (strcmp(name, "strikes") != 0 && strcmp(name, "offensive") != 0)
            continue;
        size_t dist = k < ph->first ? ph->first - k : k - ph->last;
        if (dist < best_dist) {
            best = name;
            best_dist = dist;
            best_k = k;
        }
    }
    if (!best)
        return NULL;
    // Whose strikes: a group named right before the cause ("an IS bombardment").
    snprintf(buf, cap, "%s", best);
    if (best_k > s->first) {
        int matched;
        int e = entity_at(rules, text, s->t, best_k - 1, best_k - 1, &matched);
        if (e >= 0 && rules->entities[e].type == FDP_ENT_GROUP)
            snprintf(buf, cap, "%s by %s", best, rules->entities[e].name);
    }
    return buf;
}

// "Earlier today, the minister announced that 113 people were killed": a figure
// the story itself reports as overtaken is not today's fact.
static bool superseded(const sentence *s) {
    for (size_t k = s->first; k <= s->last; k++)
        if (tk_is(&s->t[k], "previously") || tk_is(&s->t[k], "initially") ||
            (tk_is(&s->t[k], "earlier") && k + 1 <= s->last &&
             (tk_is(&s->t[k + 1], "today") || tk_is(&s->t[k + 1], "on") ||
              tk_is(&s->t[k + 1], "this") || s->t[k + 1].type == TK_PUNCT)))
            return true;
    return false;
}

// A time window stated in the sentence: "within 24 hours", "during the last 24 hours".
static char *window_in(const sentence *s) {
    const token *t = s->t;
    for (size_t k = s->first; k + 2 <= s->last; k++) {
        if (!(tk_is(&t[k], "within") || tk_is(&t[k], "during") || tk_is(&t[k], "in") ||
              tk_is(&t[k], "over")))
            continue;
        size_t j = k + 1;
        while (j <= s->last && (tk_is(&t[j], "the") || tk_is(&t[j], "last") ||
                                tk_is(&t[j], "past") || tk_is(&t[j], "previous")))
            j++;
        if (j + 1 > s->last || t[j].type != TK_NUM)
            continue;
        const token *u = &t[j + 1];
        if (tk_is(u, "hours") || tk_is(u, "hour") || tk_is(u, "days") || tk_is(u, "weeks")) {
            char buf[64];
            char num[32];
            fdp_format_number(num, sizeof num, t[j].val);
            const char *unit = tk_is(u, "hour") ? "hours" : u->w;
            snprintf(buf, sizeof buf, "%s %s", num, unit);
            return fdp_strdup(buf);
        }
    }
    return NULL;
}

static const char *const rise_verbs[] = {"increased", "risen", "rose", "climbed", "reached",
                                         "jumped", "grew", "stood", "stands", "topped",
                                         "hit", "soared", "rises", "climbs", NULL};

/* The predicate class nearest to the phrase (and its noun), within the sentence.
 * After "rose to" / "increased to" the figure belongs to the subject before the
 * verb ("the number of people killed ... increased to 135, with 5,000 injured"),
 * so the search looks back from the verb first. */
static int predicate_near(const fd_ruleset *rules, const sentence *s, size_t first,
                          size_t last) {
    const token *t = s->t;
    if (first >= s->first + 2 && (tk_is(&t[first - 1], "to") || tk_is(&t[first - 1], "at"))) {
        size_t v = first - 2;
        bool rise = false;
        for (int i = 0; rise_verbs[i] && !rise; i++)
            rise = tk_is(&t[v], rise_verbs[i]);
        for (size_t k = v; rise && k > s->first && v - k < 14; k--) {
            int p = fdp_rules_predicate(rules, t[k - 1].w);
            if (p >= 0 && t[k - 1].type == TK_WORD)
                return p;
        }
    }
    // A number that opens a clause is its subject: its verb follows ("and dozens
    // of them are still missing", "Within 24 hours, around 80 terrorists were killed").
    bool opens = first == s->first || tk_punct(&t[first - 1], ',') ||
                 tk_punct(&t[first - 1], ';') || tk_is(&t[first - 1], "and") ||
                 tk_is(&t[first - 1], "but") || tk_is(&t[first - 1], "while");
    for (size_t k = last + 1; opens && k <= s->last && k <= last + 8; k++) {
        if (t[k].type == TK_NUM || tk_punct(&t[k], ',') || tk_punct(&t[k], ';'))
            break;
        int p = t[k].type == TK_WORD ? fdp_rules_predicate(rules, t[k].w) : -1;
        if (p >= 0)
            return p;
    }
    int best = -1;
    size_t best_dist = 13;
    size_t lo = first > s->first + 12 ? first - 12 : s->first;
    for (size_t k = lo; k <= s->last && k <= last + 12; k++) {
        if (k >= first && k <= last)
            continue;
        if (t[k].type != TK_WORD)
            continue;
        int p = fdp_rules_predicate(rules, t[k].w);
        if (p < 0)
            continue;
        size_t dist = k < first ? first - k : k - last;
        if (dist < best_dist) {
            best = p;
            best_dist = dist;
        }
    }
    return best;
}

static char *join_words(const token *t, size_t from, size_t to) {
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

// A label an editor can read: "targets struck", "share of site", "duration of
// occupation", "restored (duration)".
static void write_label(fdp_buf *b, const char *kind, const char *what, const char *verb) {
    bool count = !strcmp(kind, "count");
    if (!count && !what) {
        fdp_buf_printf(b, "%s (%s)", verb, !strcmp(kind, "offset") ? "time since" : kind);
        return;
    }
    if (!strcmp(kind, "percent"))
        fdp_buf_puts(b, "share of ");
    else if (!count)
        fdp_buf_printf(b, "%s of ", !strcmp(kind, "offset") ? "time since" : kind);
    if (what)
        fdp_buf_puts(b, what);
    if (verb)
        fdp_buf_printf(b, "%s%s", what ? " " : "", verb);
}

int fdp_frame_claim(const fd_ruleset *rules, const fdp_doc *doc, const sentence *s,
                    const phrase *ph, frame_state *st, fdp_claim *c) {
    const token *t = s->t;
    // The claim's own attribution, else the last one of this sentence or the one
    // before: news copy names its source once ("According to the ministry, ...")
    // and goes on without it.
    // A sentence with a speaker of its own that we cannot name ("..., saying")
    // inherits nothing: someone else is talking.
    bool has_cue;
    c->attribution = attribution(rules, doc->text, s, ph->first, ph->last, &has_cue);
    if (c->attribution) {
        free(st->last_attribution);
        st->last_attribution = fdp_strdup(c->attribution);
        st->last_attr_sentence = st->sentence_no;
    } else if (!has_cue && st->last_attribution &&
               st->sentence_no - st->last_attr_sentence <= 1) {
        c->attribution = fdp_strdup(st->last_attribution);
    }
    // Only counts and shares of something that happened have a time of their own;
    // "2,750 tonnes of ammonium nitrate, seized in 2014" is a tonnage today.
    bool event = !strcmp(ph->kind, "count") || !strcmp(ph->kind, "percent");
    c->when = event ? year_in(s, ph, doc->date) : NULL;
    if (!c->when && superseded(s))
        c->when = fdp_strdup("earlier");
    c->window = ph->window ? NULL : window_in(s);

    size_t own_last = ph->last; // the claim's words: phrase and counted noun
    fdp_buf key = {0}, label = {0};
    if (ph->window) {
        fdp_buf_puts(&key, "time-window/duration");
        fdp_buf_puts(&label, "reporting window");
    } else {
        size_t np_from = 0, np_to = 0;
        bool np = noun_phrase(rules, s, ph, &np_from, &np_to);
        int cls = -1;
        char head[64] = "";
        if (np) {
            own_last = np_to;
            c->counted = join_words(t, np_from, np_to);
            size_t h = np_to;
            for (size_t k = np_from; k <= np_to; k++)
                if (tk_is(&t[k], "of")) {
                    h = k - 1; // "Temple of Bel": the head is "temple"
                    break;
                }
            cls = class_of(rules, t[h].w);
            singular(t[h].w, head, sizeof head);
            // "258 Kurdish fighters, 10 others ... and 20 civilians": in a list,
            // "others" is a remainder, a fact of its own; after a verb ("injured
            // more than 5,000 others") it means people.
            if (tk_is(&t[h], "others") && ph->first > s->first &&
                (tk_punct(&t[ph->first - 1], ',') || tk_is(&t[ph->first - 1], "and")))
                cls = -1;
            for (size_t k = np_from; k <= np_to && !c->entity; k++) {
                int matched;
                int e = entity_at(rules, doc->text, t, k, np_to, &matched);
                if (e >= 0)
                    c->entity = rules->entities[e].name;
            }
            // "IS 'loses more than 900 fighters'": the side named just before the
            // number, within its own list item ("446 IS fighters and 57 militants").
            size_t from = ph->first > s->first + 4 ? ph->first - 4 : s->first;
            for (size_t k = ph->first; k > from; k--)
                if (t[k - 1].type == TK_NUM || tk_punct(&t[k - 1], ',') || tk_is(&t[k - 1], "and")) {
                    from = k;
                    break;
                }
            for (size_t k = from; !c->entity && k < ph->first; k++) {
                int matched;
                int e = entity_at(rules, doc->text, t, k, ph->first - 1, &matched);
                if (e >= 0 && rules->entities[e].type == FDP_ENT_GROUP)
                    c->entity = rules->entities[e].name;
            }
            // "57 militants from al-Qaeda affiliate al-Nusra Front"
            if (!c->entity && np_to + 2 <= s->last &&
                (tk_is(&t[np_to + 1], "from") || tk_is(&t[np_to + 1], "of"))) {
                int matched;
                int e = entity_at(rules, doc->text, t, np_to + 2, s->last, &matched);
                if (e >= 0 && rules->entities[e].type != FDP_ENT_PLACE)
                    c->entity = rules->entities[e].name;
            }
        }
        size_t span_to = np ? np_to : ph->last;
        // Events in themselves ("sorties") take no predicate; neither do the
        // duration or age of a named thing ("10-month occupation").
        bool measure = strcmp(ph->kind, "count") != 0 && strcmp(ph->kind, "percent") != 0;
        int pred = -1;
        if (!(cls >= 0 && rules->nouns[cls].standalone) && !(measure && np))
            pred = predicate_near(rules, s, ph->first, span_to);
        if (pred >= 0)
            c->predicate = rules->predicates[pred].name;
        // "40 were killed": the predicate says what is counted.
        if (cls < 0 && !np && pred >= 0 && !strcmp(ph->kind, "count"))
            cls = rules->predicates[pred].counted;
        const char *cls_name = cls >= 0 ? rules->nouns[cls].name : (np ? head : NULL);
        const char *cls_label = cls >= 0 ? rules->nouns[cls].label : (np ? head : NULL);
        bool named = np && c->counted && strstr(c->counted, " of ");
        if (cls_name || pred >= 0) {
            if (named && !strcmp(ph->kind, "age"))
                fdp_buf_printf(&key, "%s/", c->counted);
            else if (cls_name)
                fdp_buf_printf(&key, "%s/", cls_name);
            if (pred >= 0)
                fdp_buf_printf(&key, "%s/", rules->predicates[pred].name);
            fdp_buf_puts(&key, ph->kind);
            const char *what = (named && !strcmp(ph->kind, "age")) ? c->counted : cls_label;
            const char *verb = pred >= 0 ? rules->predicates[pred].label : NULL;
            write_label(&label, ph->kind, what, verb);
        }
    }
    // The cause of a toll: killed by airstrikes, or in the fighting. A sentence
    // naming none continues the story of the last few ("In addition, 32 civilians
    // have also been killed" after "The bombing campaign has killed 553 people").
    if (c->predicate && event) {
        char cause[96];
        const char *agent = agent_in(rules, doc->text, s, ph, own_last, cause, sizeof cause);
        if (agent) {
            c->agent = fdp_strdup(agent);
            snprintf(st->last_agent, sizeof st->last_agent, "%s", agent);
            st->last_agent_sentence = st->sentence_no;
        } else if (st->last_agent[0] && st->sentence_no - st->last_agent_sentence <= 3) {
            c->agent = fdp_strdup(st->last_agent);
        }
    }
    if (key.len) {
        c->key = fdp_buf_take(&key);
        c->label = fdp_buf_take(&label);
        if (!c->key || !c->label)
            return FD_ERR_NOMEM;
    } else {
        fdp_buf_free(&key);
        fdp_buf_free(&label);
    }
    return 0;
}
