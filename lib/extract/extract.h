/*
 * extract.h - what the number-phrase parser (extract.c) hands to the claim
 * frame builder (frame.c). Internal.
 */
#ifndef FD_EXTRACT_H
#define FD_EXTRACT_H

#include "extract/tokenize.h"
#include "rules/rules.h"

/* strcmp(a, b) == 0 where most pairs differ in their first byte (kinds, units,
 * predicate and topic names): that byte is compared inline, strcmp called for
 * the rest, and not at all for one string compared with itself (a claim's kind
 * is most often the very constant it is asked about). */
static inline bool fdp_same_str(const char *a, const char *b) {
    return a == b || (a[0] == b[0] && (a[0] == '\0' || strcmp(a + 1, b + 1) == 0));
}

/* A number phrase found in a sentence: tokens [first, last] are its span. */
typedef struct phrase {
    size_t first, last;       /* the span, qualifier and unit word included */
    size_t num_first, num_last; /* the numeral(s) alone */
    fdp_interval v;
    double step;              /* a step of the last digit written, in the unit: "3.4 million"
                                 0.1 million; 0 when unknown */
    bool loose;               /* the digits set the precision: a scale or decimals */
    fdp_bound bound;          /* the qualifier that bounds it ("at least"), or NONE */
    const fdp_unit *unit_rule; /* the unit's rule, when a unit word was read, or NULL */
    size_t implied_by;        /* 1 + the token of the noun that gives its unit ("age"), or 0 */
    size_t change_word;       /* 1 + the token of "from"/"to" when it is an end of a change, or 0 */
    const char *unit;         /* count, percent, years, months, ... */
    const char *kind;         /* key part: count, percent, duration, age, ... */
    size_t np_from;           /* first token after which the counted noun may start */
    bool adjective;           /* "10-month occupation": the noun follows directly */
    bool window;              /* "within 24 hours": a time window, not a fact of its own */
    bool unsure;              /* "1.448": the separator could group or mark decimals */
} phrase;

typedef struct sentence {
    const token *t;           /* the paragraph's tokens */
    size_t first, last;       /* this sentence: tokens [first, last] */
    /* The word lists some token of it is in (the tokens' lists or'd): a scan of
     * the sentence for a word of a list that is not here finds none. */
    uint64_t lists[FDP_WL_WORDS];
} sentence;

/* True if some token of s is in word list id. */
static inline bool sentence_has(const sentence *s, fdp_word_list id) {
    return s->lists[id / 64] >> (id % 64) & 1;
}

/* Per-document state the frame builder carries from sentence to sentence. */
#define FDP_TOPICS_MAX 8 /* topics a document may name; more are not told apart */
#define FDP_TOPIC_LEN 32
#define FDP_CUES_MAX 16  /* attribution cues of a sentence remembered */

/* The tokens of a sentence that the frame asks about for each of its claims,
 * found once, by the first claim's: its years, the counted words naming a cause,
 * the predicate words and the semicolons, each in token order (a count above
 * FDP_MARKS_MAX: too many kept, read the sentence instead). And its window. */
#define FDP_MARKS_MAX 24
typedef struct fdp_marks {
    size_t at[FDP_MARKS_MAX];
    int n;
} fdp_marks;

/* The predicate classes asked about by their names, a class's own string: the
 * rules' first class of that name (NULL: none) remembered by the name's
 * address, in FDP_PREDICATE_MEMO slots the address picks (name NULL: empty).
 * The extractor keeps them for all its documents. */
#define FDP_PREDICATE_MEMO 16
typedef struct fdp_predicate_memo {
    const char *name;
    const fdp_class *predicate;
} fdp_predicate_memo;

typedef struct frame_state {
    const char *last_attribution; /* the originator named by the previous sentence (the
                                     rules' name, borrowed) */
    int last_attr_sentence;
    char last_agent[96];      /* the cause of the last toll ("strikes") */
    int last_agent_sentence;
    int sentence_no;
    bool out_of_memory;       /* a copy for a claim's frame failed */
    /* Topics: which of several votes ("the care referendum"), learnt from
     * their names and then found in any sentence that names them. */
    char topics[FDP_TOPICS_MAX][FDP_TOPIC_LEN];
    uint32_t topic_hashes[FDP_TOPICS_MAX]; /* each topic's hash, as its words' (token.hash) */
    uint64_t topic_filter;    /* bit hash % 64 of each topic's hash */
    int ntopics;
    int topic_sentence;       /* the sentence the two below were read for */
    int sentence_topic;       /* the one topic it names, -1 none, -2 several */
    int last_topic;           /* the topic of the last sentence that named one, or -1 */
    char last_place[64];      /* the last place a claim was counted in ("the same city") */
    /* The place a sentence is about ("The first constituency to report was
     * Cork South Central"), for its figures after the name and the next
     * sentence's figures that name no place. */
    char told_place[64];
    int told_place_sentence;
    size_t told_place_end;    /* byte offset where the name ends */
    /* The attribution cues of the sentence last asked about and their speakers,
     * read once for all its claims (a sentence with more is read per claim). */
    struct fdp_cue_memo {
        int sentence;         /* its sentence_no, tokens and span */
        const struct token *t;
        size_t first, last;
        int n;
        size_t at[FDP_CUES_MAX];
        const char *who[FDP_CUES_MAX];
    } cues;
    struct fdp_sentence_marks {
        int sentence;         /* its sentence_no, tokens and span, as the cues' */
        const struct token *t;
        size_t first, last;
        fdp_marks years, causes, predicates, semicolons;
        int window;           /* 0: not read yet, 1: none, 2: window_text */
        char window_text[64];
        int title_case;       /* 0: not read yet, 1: no, 2: a headline's capitals */
    } marks;
    /* The predicate classes asked about by name (the extractor's memo). */
    struct fdp_predicate_memo *predicates;
    fdp_arena *strings;       /* where a claim's own strings go: its document's */
    fdp_buf *key, *label;     /* a claim's key and label as they are written (the
                                 extractor's, so that no claim grows a buffer anew) */
} frame_state;

/* ---- what the frame asks of a token, and the marks of a sentence -------- */

static inline int fdp_noun_of(const token *t) { return t->lex ? t->noun : -1; }

// "on March 16": a month's name is no verb, whatever else it spells.
static inline int fdp_predicate_of(const token *t) {
    return t->lex && !(t->cap && t->month) ? t->pred : -1;
}

/* A year a claim's sentence may place it in ("the 2003 rally ..., which was
 * 500,000"): four digits, a whole number from 1900 to 2100. */
static inline bool fdp_is_year(const token *y) {
    return y->type == TK_NUM && y->plain && y->int_digits == 4 && y->val >= 1900 &&
           y->val <= 2100;
}

// The counted class of a cause ("strikes", "fighting"): a word of one, or -1.
static inline int fdp_cause_of(const fd_ruleset *rules, const token *t) {
    int cls = fdp_noun_of(t);
    return rules && cls >= 0 && rules->nouns[cls].cause ? cls : -1;
}

static inline void fdp_mark(fdp_marks *m, size_t k) {
    if (m->n < FDP_MARKS_MAX)
        m->at[m->n] = k;
    m->n++;
}

/* Starts the marks m of sentence sentence_no, tokens t from first on (its last
 * is set when its end is known); fdp_mark_token then marks each of its tokens in
 * order, the token t at k. The extractor marks a sentence as it finds its end,
 * the frame any other it is asked about. */
static inline void fdp_marks_start(struct fdp_sentence_marks *m, int sentence_no,
                                   const token *t, size_t first) {
    m->sentence = sentence_no;
    m->t = t;
    m->first = first;
    m->years.n = m->causes.n = m->predicates.n = m->semicolons.n = 0;
    m->window = m->title_case = 0;
}

static inline void fdp_mark_token(const fd_ruleset *rules, struct fdp_sentence_marks *m,
                                  const token *t, size_t k) {
    if (t->type == TK_NUM) {
        if (fdp_is_year(t))
            fdp_mark(&m->years, k);
    } else if (t->type == TK_PUNCT) {
        if (t->p == ';')
            fdp_mark(&m->semicolons, k);
    } else if (t->lex) {
        if (fdp_cause_of(rules, t) >= 0)
            fdp_mark(&m->causes, k);
        if (fdp_predicate_of(t) >= 0)
            fdp_mark(&m->predicates, k);
    }
}

/* Reads what sentence s says for the claims of this and later sentences (the
 * topics it names), before its claims are framed. */
void fdp_frame_sentence(const fdp_doc *doc, const sentence *s, frame_state *st);

/* Fills the frame of claim c (counted thing, predicate, entity, attribution,
 * window, key, label) from its phrase and sentence. Returns 0 or FD_ERR_NOMEM. */
int fdp_frame_claim(const fd_ruleset *rules, const fdp_doc *doc, const sentence *s,
                    const phrase *ph, frame_state *st, fdp_claim *c);

/* After the claims of one sentence (cs, n of them) are framed, what they say
 * of each other: "the toll climbed to 22, adding three victims to the
 * previously confirmed 19": a figure of an earlier report that names nothing it
 * counts is an earlier figure of the sentence's toll, and takes its key; "21
 * deaths in Germany and one in Sweden": a figure split by places is counted in
 * parts (fdp_claim.place_part); "with 80.2% and 84%": a figure listed after
 * another is counted where it is; "... the family and care referendums,
 * respectively": figures take topics in order. Returns 0 or FD_ERR_NOMEM. */
int fdp_frame_sentence_claims(const fd_ruleset *rules, const sentence *s, frame_state *st,
                              fdp_claim *cs, size_t n);

#endif
