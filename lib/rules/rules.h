/*
 * rules.h - the loaded rule set: entities and their aliases, word classes of
 * counted things and predicates, with hash indexes for lookup. Internal.
 */
#ifndef FD_RULES_H
#define FD_RULES_H

#include <jansson.h>

#include "model/model.h"
#include "normalize/normalize.h"


/* ---- the language: lexicon.c and lang.c --------------------------------- */

/* A token keeps at most FDP_WORD_MAX - 1 bytes of its folded word; a rule word
 * must fit, and a longer text word is marked truncated and matches nothing. */
#define FDP_WORD_MAX 32
/* An alias has at most this many words (hyphens counted). */
#define FDP_ALIAS_WORDS_MAX 32
/* The bits of the filter of aliases' first words (2 KiB: a few hundred first
 * words set about one bit in twenty). */
#define FDP_ALIAS_FILTER_BITS 16384

/* The named word lists of "word_lists" (see docs/rules.schema.json): one bit each in a
 * lexicon entry. The names are in fdp_word_list_names. */
typedef enum fdp_word_list {
    FDP_WL_ABBREVIATIONS,        /* full stop after them ends no sentence: "Mr." */
    FDP_WL_IDENTIFIER_CUES,      /* "Resolution 2254": a capitalised cue makes a name */
    FDP_WL_ONE_ARTICLES,         /* "a", "an" read as the numeral one */
    FDP_WL_NUMBER_JOINERS,       /* "hundred and forty", "four and a half" */
    FDP_WL_NUMBER_SUFFIXES,      /* "21st", "1990s", "5pm": glued, no quantity */
    FDP_WL_CLOCK_LETTERS,        /* "5 p.m.": a letter and a full stop */
    FDP_WL_ERAS,                 /* "200 AD" (capitalised) */
    FDP_WL_RANGE_OPENERS,        /* "between 10 and 25" */
    FDP_WL_RANGE_WORDS,          /* "10 to 25" */
    FDP_WL_RANGE_JOINERS,        /* "between 10 and 25" */
    FDP_WL_PARTITIVES,           /* "dozens of", "a third of", "Temple of Bel" */
    FDP_WL_AGE_WORDS,            /* "ten-year-old" */
    FDP_WL_WINDOW_PREPOSITIONS,  /* "during the last 24 hours" */
    FDP_WL_WINDOW_ALONE,         /* "within 24 hours": a window without a determiner */
    FDP_WL_WINDOW_DETERMINERS,   /* "the", "last", "past" inside a window */
    FDP_WL_OFFSET_WORDS,         /* "two weeks ago": an offset in time */
    FDP_WL_RELATIVE_WORDS,       /* "a year after": with offset words, "a" is one */
    FDP_WL_SPAN_CUES,            /* "for a year": "a" is one before a time unit */
    FDP_WL_NP_STOPS,             /* end a counted noun phrase */
    FDP_WL_DETERMINERS,          /* "dozens of the bombs" */
    FDP_WL_ATTRIBUTION_CUES,     /* "said", "according" */
    FDP_WL_SUPERSEDED_CUES,      /* "previously": the figure is overtaken */
    FDP_WL_SUPERSEDED_OPENERS,   /* "earlier" ... */
    FDP_WL_SUPERSEDED_FOLLOWERS, /* ... "today", "on", "this" */
    FDP_WL_RISE_VERBS,           /* "rose to 135": the figure is the subject's */
    FDP_WL_RISE_LINKS,           /* "to", "at" after a rise verb */
    FDP_WL_CLAUSE_OPENERS,       /* "and dozens of them are missing" */
    FDP_WL_LIST_JOINERS,         /* "446 IS fighters and 57 militants" */
    FDP_WL_REMAINDERS,           /* "10 others" in a list */
    FDP_WL_ENTITY_LINKS,         /* "57 militants from al-Nusra Front" */
    FDP_WL_NAME_PARTICLES,       /* names.c: "Deir ez-Zor", "Abu Bakr" */
    FDP_WL_NOT_NAMES,            /* names.c: capitalised words that start no name */
    FDP_WL_INSTITUTION_WORDS,    /* names.c: "Minister"/"Ministry" are no typo */
    FDP_WL_DURATION_SUFFIXES,    /* "month-long": one of the unit */
    FDP_WL_GO_UP_VERBS,          /* "has gone up to 2,497": "up to" is no bound after them */
    FDP_WL_PLACE_PREPOSITIONS,   /* "119,000 in Paris": a name after them is where it counts */
    FDP_WL_PLACE_SCOPES,         /* "1.09 million nationwide": a count of the whole */
    FDP_WL_WHOLE_NOUNS,          /* "around the nation": a count of the whole */
    FDP_WL_WHOLE_PREPOSITIONS,   /* "across France": a count of the whole */
    FDP_WL_PLACE_NOUNS,          /* "in the city": a place named by a noun */
    FDP_WL_SCOPE_MODIFIERS,      /* "11 other countries", "three new cases": another fact */
    FDP_WL_ONE_COUNTERS,         /* "only one", "all but one": the "one" is a count */
    FDP_WL_GOAL_CUES,            /* "the maximum fine", "set out to clear 20": not an outcome */
    FDP_WL_INCREMENT_CUES,       /* "adding three victims", "another 12": not the total */
    FDP_WL_COMPASS_WORDS,        /* "60 km west of the capital": no part of the key */
    FDP_WL_DISTANCE_LINKS,       /* "of", "from": the place a distance is measured from */
    FDP_WL_DISTANCE_SOURCES,     /* "from": a link that needs no compass word before it */
    FDP_WL_PURPOSE_LINKS,        /* "five months to stop transferring": what the time is for */
    FDP_WL_VOTE_OPTIONS,         /* "Yes", "No": sides only in capitals */
    FDP_WL_VOTE_YES,             /* "in favour", "Yes": a vote's yes side */
    FDP_WL_VOTE_NO,              /* "against", "rejected", "No": a vote's no side */
    FDP_WL_CAPTION_CUES,         /* read.c: "Satellite image taken 3 March": no dateline */
    FDP_WL_CHANGE_OPENERS,       /* "from" 62 to 64 */
    FDP_WL_CHANGE_VERBS,         /* "raising ... from 62 to 64": a change, not a range */
    FDP_WL_TOPIC_NOUNS,          /* "the care referendum": which of several votes */
    FDP_WL_TOPIC_LINKS,          /* "the referendum on family" */
    FDP_WL_TOPIC_SKIPS,          /* "the proposed amendment": no name of a topic */
    FDP_WL_NUMBER_ABBREVIATIONS, /* "No. 5": an abbreviation only before a number */
    FDP_WL_PLACE_RELATIVES,      /* "in the US, where four are ill": the clause is there */
    FDP_WL_SUBSET_PRONOUNS,      /* "627 of them": a part of a figure told before */
    FDP_WL_PLACE_COPULAS,        /* "Dún Laoghaire was the only constituency" */
    FDP_WL_PLACE_SAME,           /* "in the same constituency": the place named last */
    FDP_WL_COUNT_QUALIFIERS,     /* "16 confirmed deaths": how they are known, not what */
    FDP_WL_PLACE_TITLES,         /* "Co Donegal": no part of the place's name */
    FDP_WL_RESPECTIVELY,         /* "80.2% and 84% ... family and care, respectively" */
    FDP_WL_COMPLEMENT_OPENERS,   /* "all" but one: the figure is the rest */
    FDP_WL_COMPLEMENT_CUES,      /* all "but" one, all "except" two */
    FDP_WL_MINUS_WORDS,          /* "minus 0.7 percent": the figure is negative */
    FDP_WL_YEAR_CUES,            /* "in 1650", "the 2003 rally": a four-digit number is a year */
    FDP_WL_MEASURE_ADJECTIVES,   /* "2.1m high": a glued unit letter is the unit, not a scale */
    FDP_WL_ORDINALS,             /* "thirty-second", "two hundred fortieth": no quantity */
    FDP_WL_BOUND_JOINERS,        /* "above 300 and below 450": two bounds of one interval */
    FDP_WL_YEAR_NOUNS,           /* "below 1990 levels", "2019 dollars": a year before them */
    FDP_WL_KIND_LINKS,           /* "658 others 'have' HUS": what follows says their kind */
    FDP_WL_KIND_NOUNS,           /* "the associated 'condition' HUS": the kind is named after */
    FDP_WL_COUNT
} fdp_word_list;

extern const char *const fdp_word_list_names[FDP_WL_COUNT];

/* The 64-bit words of a lexicon entry's word-list bits. */
#define FDP_WL_WORDS ((FDP_WL_COUNT + 63) / 64)

/* What a qualifier does to an interval ("more than": low_open). */
typedef enum fdp_bound {
    FDP_BOUND_NONE, FDP_BOUND_LOW_OPEN, FDP_BOUND_LOW, FDP_BOUND_HIGH, FDP_BOUND_HIGH_OPEN,
    FDP_BOUND_APPROX,
    FDP_BOUND_NEARLY /* "nearly 300": up to a tenth short, never above (a duration: one unit) */
} fdp_bound;

/* The grammar role of a number word. */
typedef enum fdp_num_role {
    FDP_NUM_NONE, FDP_NUM_UNIT, FDP_NUM_TENS, FDP_NUM_HUNDRED, FDP_NUM_SCALE
} fdp_num_role;

/* A sequence of folded words ("more than", "decades - old"); "-" is a hyphen. */
typedef struct fdp_seq {
    const char **words;
    int n;
} fdp_seq;

/* One unit word (or words: "per cent"), with what it reports. */
typedef struct fdp_unit {
    fdp_seq seq;
    const char *unit;  /* reported unit, e.g. "years" (owned by rules->strings) */
    const char *kind;  /* key kind, e.g. "duration" */
    double times;      /* "decades": 10 (reported in years) */
    bool singular;     /* "a month later": the article reads as one before it */
    bool window;       /* "within 24 hours": names a reporting window */
    bool hyphenated;   /* may form "10-month" adjectives */
    bool sign;         /* written as a sign after the number ("%") */
    bool before;       /* may stand before the number: "a magnitude 6.8 quake" */
    bool glued;        /* a unit only against the number: "35C", "2.1m high" */
    bool caps;         /* glued and written in capitals in the rules: only so ("35C", not "5c") */
    const char *split_unit; /* the whole unit a fraction of it is said in: years -> "months" */
    double split_parts;     /* ... and how many of those it holds (12), or 0 */
    const struct fdp_unit *next; /* next multi-word unit with the same first word */
} fdp_unit;

/* A reported unit's place in its dimension, for the comparator. */
typedef struct fdp_unit_base {
    const char *unit, *dimension;
    double in_base; /* how many base units one of this unit is */
    double offset;  /* the base value of this unit's zero: 0, but -160/9 for fahrenheit */
} fdp_unit_base;

typedef struct fdp_qualifier {
    fdp_seq seq;
    fdp_bound bound;
    bool after; /* "200 or more": written after the number */
    const struct fdp_qualifier *next; /* next one with the same indexed word */
} fdp_qualifier;

/* "a handful", "decades-old": a vague quantity written as a phrase. */
typedef struct fdp_vague_phrase {
    fdp_seq seq;
    double low, high;        /* the band a reader gives it: "a handful" 3-9 */
    const char *unit, *kind; /* NULL: a count */
    const struct fdp_vague_phrase *next; /* next one with the same first word */
} fdp_vague_phrase;

/* What a rule says of a word (lang.c records them, lexicon.c applies them). */
typedef enum fdp_def_kind {
    FDP_DEF_LIST,     /* i: word list */
    FDP_DEF_NUM,      /* i: fdp_num_role, a: value */
    FDP_DEF_DOZEN,    /* a: value */
    FDP_DEF_HALF,
    FDP_DEF_MULT,     /* a: factor, i: attached only */
    FDP_DEF_VAGUE,    /* a: low, b: high, c: "of" factor, i: may follow "tens of" */
    FDP_DEF_SEVERAL,  /* a: factor, b: max factor, i: the article joins */
    FDP_DEF_FRACTION, /* i: denominator */
    FDP_DEF_UNIT,     /* i: unit */
    FDP_DEF_IMPLIED_UNIT, /* i: unit a noun gives a bare figure ("age": years) */
    FDP_DEF_CURRENCY, /* i: unit of the currency, for its sign or code before a number */
    FDP_DEF_SCALED_UNIT, /* i: unit the word is after a scale word ("million pounds") */
    FDP_DEF_MONTH,    /* i: 1-12 */
    FDP_DEF_QUAL,     /* i: qualifier (indexed by its last word, or first if after) */
    FDP_DEF_PHRASE,   /* i: vague phrase */
    FDP_DEF_SOURCE    /* i: generic source */
} fdp_def_kind;

/* The kinds of fact keys the extractor itself gives (units give the others). */
#define FDP_KIND_COUNT "count"
#define FDP_KIND_PERCENT "percent"
#define FDP_KIND_DURATION "duration"
#define FDP_KIND_AGE "age"
#define FDP_KIND_MONEY "money"
#define FDP_KIND_OFFSET "offset"

/* The dimension of durations in the unit rules; its base is the day. */
#define FDP_DIMENSION_TIME "time"

/* A word of the lexicon with everything the rules say about it. */
typedef struct fdp_lex {
    /* What the tokenizer and the paragraph scan read of every word, first, in
     * one cache line: */
    const char *w;       /* folded word (owned by rules->strings) */
    uint32_t hash;
    int noun, pred;      /* counted / predicate class, or -1 */
    int month;           /* 1-12, or 0 */
    uint64_t lists[FDP_WL_WORDS]; /* bit per fdp_word_list holding it (fdp_lex_in) */
    bool starter;        /* a claim may start at this word */
    bool may_hold;       /* a paragraph holding it may hold a claim */
    bool toll;           /* a running total's verb: after an article, a count of one */
    /* What the readers of a claim ask: */
    fdp_num_role num;    /* number word: its role and value */
    double num_value;
    double dozen;        /* "dozen": 12, else 0 */
    double half;         /* "half a million", "and a half": 0.5, else 0 */
    double mult;         /* multiplier after digits ("bn": 1e9), else 0 */
    bool mult_attached;  /* only glued to the digits ("5m") */
    double vague_low;    /* vague quantity: its band ("dozens": 24-99), else 0 */
    double vague_high;
    double vague_of;     /* "tens of thousands": 10, else 0 */
    bool vague_scale;    /* may follow "tens of" */
    double several;      /* "several hundred": 3 to 9 times the scale, else 0 */
    double several_high;
    bool several_article; /* "a few": the article joins the span */
    int fraction;        /* "third": 3, else 0 */
    /* Pointers into the rules' tables, valid until the rules are loaded into
     * again (the lexicon is rebuilt then), or NULL: */
    const fdp_unit *unit;      /* single-word unit (or a sign after the number) */
    const fdp_unit *unit_seq;  /* first multi-word unit starting here */
    const fdp_unit *implied_unit; /* the unit of a bare figure it governs ("age": years) */
    const fdp_unit *currency;  /* a currency sign or code before a number: its unit */
    const fdp_unit *scaled_unit; /* its unit after a scale word ("2 million pounds": gbp) */
    const fdp_qualifier *qual_before; /* first qualifier ending with this word */
    const fdp_qualifier *qual_after;  /* first trailing qualifier starting with it */
    const fdp_vague_phrase *phrase;   /* first vague phrase starting with it */
    const struct fdp_source *source;  /* a generic source word: its canonical name */
} fdp_lex;

/* True if the word of entry e is in word list id. */
static inline bool fdp_lex_in(const fdp_lex *e, fdp_word_list id) {
    return e->lists[id / 64] >> (id % 64) & 1;
}

/* An unnamed originator ("police", "organizers"), with its canonical name. */
typedef struct fdp_source {
    const char *name;
} fdp_source;

/* Display words of labels and frames (member "labels"). */
typedef struct fdp_labels {
    const char *window;      /* "reporting window" */
    const char *share_of;    /* "share of" */
    const char *time_since;  /* "time since" */
    const char *of;          /* "duration of occupation" */
    const char *by;          /* "strikes by Islamic State" */
    const char *superseded;  /* the "when" of an overtaken figure: "earlier" */
    const char *whole;       /* the place of a count of the whole: "nationwide" */
    const char *vote_yes, *vote_no; /* the sides of a vote, as frames name them */
    const char *time_to;     /* "time to" stop transferring: a time given for something */
    const char *other_kind;  /* "non-": the rest of a thing whose others are of a kind */
    fdp_interval_words interval; /* "about", "more than", ... (member "interval") */
} fdp_labels;

/* An English ending rule (member "inflections"). */
typedef struct fdp_ending {
    const char *ending, *replace, *not_after;
    size_t min_length;
} fdp_ending;

/* ---- rules.c ------------------------------------------------------------ */

typedef enum fdp_entity_type {
    FDP_ENT_PLACE, FDP_ENT_GROUP, FDP_ENT_PERSON, FDP_ENT_ORG, FDP_ENT_OTHER
} fdp_entity_type;

typedef struct fdp_entity {
    char *name;        /* canonical display name */
    char *slug;        /* for keys: "islamic-state" */
    fdp_entity_type type;
    char *speaks_for;  /* person: the organisation quoted through them, or NULL */
    char *in_name;     /* place: the place it lies in ("Beirut" in "Lebanon"), or NULL */
    int in;            /* that place's entity, -1 if none or not loaded */
    char *in_file;     /* the rule file that says so, and the entity's place in its list */
    size_t in_index;
} fdp_entity;

/* One alias: a sequence of folded words (hyphens kept as "-" words). Short
 * all-capital aliases ("IS", "UN") match only in capitals, so that the English
 * word "is" is never the Islamic State. */
typedef struct fdp_alias {
    char **words;
    char **raw;     /* as written in the rule file */
    int nwords;
    bool exact_case; /* it holds a short all-capital word */
    int entity;     /* index into rules->entities */
} fdp_alias;

/* A word class: words that name the same thing ("militants": fighters, jihadists). */
typedef struct fdp_class {
    char *name;      /* key part, e.g. "militants" */
    char *label;     /* display, e.g. "militants" */
    bool standalone; /* an event in itself ("sorties"): no predicate in its key */
    bool cause;      /* counted: names the cause of a toll ("strikes", "fighting") */
    int counted;     /* predicates: the counted class when none is named, or -1 */
    bool cumulative; /* predicates: a running total (a toll), which later reports raise */
    bool sided;      /* a vote: its figures may go to a side, yes or no */
    bool qualified;  /* counted: keyed with what kind it is ("cases of cholera") */
    char *counted_name;
    int within;      /* counted: the broader class ("crew" within "people"), or -1 */
    char *within_name;
} fdp_class;

typedef struct fdp_word_entry {
    char *word;  /* folded word */
    int cls;     /* class index */
} fdp_word_entry;

/* An open-addressing hash index from a word to a range of a sorted table. */
typedef struct fdp_word_index {
    struct fdp_word_slot {
        const char *word; /* borrowed from the table; NULL: empty */
        uint32_t hash;
        uint32_t first, count;
    } *slots;
    size_t mask;
} fdp_word_index;

struct fd_ruleset {
    fdp_entity *entities; size_t nentities, capentities;
    fdp_alias *aliases; size_t naliases, capaliases;
    fdp_class *nouns; size_t nnouns, capnouns;          /* counted-thing classes */
    fdp_word_entry *noun_words; size_t nnoun_words, capnoun_words;
    fdp_class *predicates; size_t npredicates, cappredicates;
    fdp_word_entry *pred_words; size_t npred_words, cappred_words;
    bool sorted;
    fdp_word_index alias_first, noun_index, pred_index;
    /* Bit h % FDP_ALIAS_FILTER_BITS is set for the hash h (fdp_hash_word) of every
     * alias's first word: made by fdp_ruleset_finish, valid while sorted. */
    uint64_t alias_filter[FDP_ALIAS_FILTER_BITS / 64];

    /* The language (lang.c). Every string is owned by strings[]. */
    char **strings; size_t nstrings, capstrings;
    struct fdp_lex_def { /* what the files say of one word, in file order */
        const char *w;
        fdp_def_kind what;
        double a, b, c;
        int i;
    } *defs; size_t ndefs, capdefs;
    fdp_unit *units; size_t nunits, capunits;
    fdp_unit_base *bases; size_t nbases, capbases;
    fdp_qualifier *quals; size_t nquals, capquals;
    fdp_vague_phrase *phrases; size_t nphrases, capphrases;
    fdp_source *sources; size_t nsources, capsources;
    fdp_ending *past_tense; size_t npast, cappast;
    fdp_ending *plurals; size_t nplurals, capplurals;
    struct fdp_stamp { const char *text; size_t len; } *stamps;
    size_t nstamps, capstamps;
    fdp_labels labels;
    fdp_name_key_rules name_keys; /* member "name_keys": tables of fdp_name_key */
    /* Member "kind_spellings": spellings of the words that name a kind
     * ("haemolytic" as "hemolytic"), tried in order at each position. */
    fdp_spelling_sub *kind_spellings;
    size_t nkind_spellings, capkind_spellings;
    const char *spellout_locale; /* ICU locale of spelled numbers */
    bool has_version;            /* the file being loaded named factdiff_rules */
    /* The lexicon: built by fdp_ruleset_finish, read-only afterwards. While
     * it is built, lex is a table by the words' hashes of lex_mask + 1 slots;
     * built, it is the nlex entries in an array, found through their keys
     * (lex_keys, lex_used), a table of lex_mask + 1 slots. */
    fdp_lex *lex;
    size_t nlex;
    size_t lex_mask;
    /* A Bloom filter of the words that may decide that a paragraph is worth
     * reading (fdp_lex.may_hold, .toll, or an article), by the top 12 bits of
     * their hash (fdp_hold_maybe): the paragraph scan looks up no other word. */
    uint64_t hold_bloom[64];
    /* The same words' shapes, when they start and end with ASCII letters:
     * hold_shapes[n - 1][a] has bit b for a word of n bytes (n up to
     * FDP_HOLD_SHAPE_MAX) from letter a to letter b ('a' is 0; fdp_hold_shape_maybe). */
#define FDP_HOLD_SHAPE_MAX 15
    uint32_t hold_shapes[FDP_HOLD_SHAPE_MAX][26];
    /* Slot i's key: a lookup probes and compares these 64 bytes a slot, one
     * cache line holding the word and what the tokenizer copies of its entry,
     * and touches neither the entries of ~200 bytes nor the words' strings,
     * which lie scattered in memory: two words of three in news copy are in
     * the lexicon, so a hit is the common case. */
    struct fdp_lex_key {
        _Alignas(64) char w[22]; /* the word, zero-padded, when held; first, so that
                                    fdp_lex_key_holds reads its last 8 bytes within the key */
        unsigned char held;    /* w holds the word: its length + 1 (else 0, too long:
                                  the entry's) */
        bool month;            /* the entry names a month */
        bool starter;          /* the entry's */
        uint32_t hash;
        uint64_t lists[FDP_WL_WORDS]; /* the entry's, copied */
        const struct fdp_lex *entry;
        int noun, pred;        /* the entry's */
    } *lex_keys;
    /* Bit i set when slot i is used: a word of no rule (one in three of a
     * text) ends its probe at this bitmap (2 KB for 16K slots, in the
     * first-level cache), not at a key. */
    uint64_t *lex_used;
};

_Static_assert(sizeof(struct fdp_lex_key) == 64 || FDP_WL_WORDS > 2,
               "fdp_lex_key: one cache line while the word lists fit in two words");

/* Sorts the word tables for lookup and builds the lexicon; called by the
 * loaders. Returns 0 or FD_ERR_NOMEM. */
int fdp_ruleset_finish(fd_ruleset *rules);
/* Indexes a sorted table of n entries by their words (get(rules, i) is entry
 * i's word): each distinct word maps to the range of entries holding it. Out of
 * memory, the index stays empty and lookups fall back to binary search. */
void fdp_word_index_build(fdp_word_index *ix, size_t n,
                          const char *(*get)(const fd_ruleset *, size_t), const fd_ruleset *rules);
/* The range of entries for word, or false; *known is false when there is no index. */
bool fdp_word_index_find(const fdp_word_index *ix, const char *word, uint32_t *first,
                         uint32_t *count, bool *known);
/* The same for a word whose fdp_hash_word the caller holds (a token's). */
bool fdp_word_index_find_hashed(const fdp_word_index *ix, const char *word, uint32_t h,
                                uint32_t *first, uint32_t *count, bool *known);
/* Class index of a folded word in a table, or -1. */
int fdp_rules_noun_class(const fd_ruleset *rules, const char *word);
int fdp_rules_predicate(const fd_ruleset *rules, const char *word);
/* Longest alias starting at words[0..n) (folded; raw = the same words verbatim,
 * or NULL to ignore case): returns its entity (or -1) and the number of words it
 * covers in *matched. */
int fdp_rules_match_alias(const fd_ruleset *rules, char *const *words, char *const *raw,
                          int n, int *matched);
/* False when no alias starts with a word of hash h (fdp_hash_word of the folded
 * word): one bit of a small filter, cheap enough to ask of every word of a text.
 * True says that one may: fdp_rules_aliases_of tells. */
static inline bool fdp_rules_alias_may_start(const fd_ruleset *rules, uint32_t h) {
    if (!rules || !rules->naliases)
        return false;
    uint32_t bit = h % FDP_ALIAS_FILTER_BITS;
    return !rules->sorted || ((rules->alias_filter[bit / 64] >> (bit % 64)) & 1);
}
/* The aliases whose first word is the folded word w, h its hash (fdp_hash_word:
 * a token's, so that nothing is hashed twice): the range [*first, *first + *count)
 * of rules->aliases. False when none starts with w, or rules is NULL. */
bool fdp_rules_aliases_of(const fd_ruleset *rules, const char *w, uint32_t h, uint32_t *first,
                          uint32_t *count);
/* Longest alias of the range [first, first + count) (fdp_rules_aliases_of of words[0])
 * starting at words[0..n), as fdp_rules_match_alias, the words as written given as
 * raw[k], rawlen[k] bytes, not terminated: the bytes of the text, not a copy (raw
 * NULL ignores case; rawlen NULL: each raw[k] is NUL-terminated). */
int fdp_rules_match_alias_in(const fd_ruleset *rules, uint32_t first, uint32_t count,
                             const char *const *words, const char *const *raw,
                             const size_t *rawlen, int n, int *matched);

/* ---- lexicon.c ---------------------------------------------------------- */

/* False when no word of hash h (fdp_hash_word) is a may_hold, toll or article
 * word of the lexicon; true when one may be. */
static inline bool fdp_hold_maybe(const fd_ruleset *rules, uint32_t h) {
    return rules->hold_bloom[h >> 26] >> (h >> 20 & 63) & 1;
}

/* False when no may_hold, toll or article word of the lexicon has n bytes (1
 * to FDP_HOLD_SHAPE_MAX), starts with the ASCII letter a and ends with b (0 for
 * 'a' or 'A' .. 25); true when one may. */
static inline bool fdp_hold_shape_maybe(const fd_ruleset *rules, size_t n, unsigned a,
                                        unsigned b) {
    return rules->hold_shapes[n - 1][a] >> b & 1;
}

/* The lexicon entry of a folded word with hash h (fdp_hash_word), or NULL. */
const fdp_lex *fdp_lex_find(const fd_ruleset *rules, const char *w, uint32_t h);

/* True if key k holds the word w (a buffer of FDP_WORD_MAX bytes, as a token's):
 * the k->held bytes of the word and its NUL compared eight at a time, whatever
 * lies after w's NUL. */
static inline bool fdp_lex_key_holds(const struct fdp_lex_key *k, const char *w) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    // The first n bytes of eight, by n: the bytes past the NUL are not the word's.
    static const uint64_t first[9] = {0,
                                      0xFFULL,
                                      0xFFFFULL,
                                      0xFFFFFFULL,
                                      0xFFFFFFFFULL,
                                      0xFFFFFFFFFFULL,
                                      0xFFFFFFFFFFFFULL,
                                      0xFFFFFFFFFFFFFFULL,
                                      0xFFFFFFFFFFFFFFFFULL};
    size_t n = k->held; // at most sizeof k->w: the last read ends within the key
    uint64_t a, b;
    size_t off = 0;
    for (; n - off > 8; off += 8) {
        memcpy(&a, k->w + off, 8);
        memcpy(&b, w + off, 8);
        if (a != b)
            return false;
    }
    memcpy(&a, k->w + off, 8);
    memcpy(&b, w + off, 8);
    return ((a ^ b) & first[n - off]) == 0;
#else
    return !strcmp(k->w, w);
#endif
}

/* The key of a word held in a buffer of FDP_WORD_MAX bytes (a token's w),
 * with hash h, or NULL; inline: the tokenizer asks it of every word, and
 * copies what it needs of the entry from the key's one cache line. */
static inline const struct fdp_lex_key *fdp_lex_find_key(const fd_ruleset *r, const char *w,
                                                         uint32_t h) {
    if (!r || !r->lex_keys)
        return NULL;
    for (size_t i = h & r->lex_mask;; i = (i + 1) & r->lex_mask) {
        if (!(r->lex_used[i >> 6] >> (i & 63) & 1))
            return NULL;
        const struct fdp_lex_key *k = &r->lex_keys[i];
        if (k->hash == h && (k->held ? fdp_lex_key_holds(k, w) : !strcmp(k->entry->w, w)))
            return k;
    }
}
/* Builds the lexicon from the language definitions; 0 or FD_ERR_NOMEM. */
int fdp_lexicon_build(fd_ruleset *rules);
void fdp_lexicon_free(fd_ruleset *rules);

/* The broadest class counted class cls stands within ("crew" within "people":
 * "people"); cls itself when it stands within none; -1 for -1. */
int fdp_rules_root_class(const fd_ruleset *rules, int cls);
/* True if counted class b is a, or stands within it however far up. */
bool fdp_rules_class_within(const fd_ruleset *rules, int b, int a);
/* True if counted classes a and b are one, or one stands within the other. */
bool fdp_rules_classes_nest(const fd_ruleset *rules, int a, int b);

/* True if the folded word is in word list id. For names.c (FDP_WL_NAME_PARTICLES,
 * FDP_WL_NOT_NAMES, FDP_WL_INSTITUTION_WORDS) and any caller holding a word. */
bool fdp_rules_has_word(const fd_ruleset *rules, fdp_word_list id, const char *folded);
/* The same for the n bytes at w, ASCII-lowercased first (institution words are
 * compared without case): false for words of FDP_WORD_MAX bytes or more. */
bool fdp_rules_has_wordn(const fd_ruleset *rules, fdp_word_list id, const char *w, size_t n);
/* The month (1-12) a word names ("Sept", "march", any case), or 0. For read.c. */
int fdp_rules_month(const fd_ruleset *rules, const char *w, size_t n);
/* True if the line at s (n bytes) starts with a dateline stamp ("Updated",
 * "Last update"), compared with case; *len gets its length. For read.c. */
bool fdp_rules_stamp_at(const fd_ruleset *rules, const char *s, size_t n, size_t *len);
/* The factor that converts a value in a reported unit ("years", "miles") to its
 * dimension's base ("days", "km"): 1 for a unit of no dimension or an unknown
 * one. *dimension (may be NULL) gets the dimension or NULL. For compare.c. */
double fdp_rules_unit_base(const fd_ruleset *rules, const char *unit, const char **dimension);
/* The base value of a reported unit's zero (a value v is v * base + offset on
 * the dimension's base): 0 for all but scales with a zero of their own
 * (fahrenheit on celsius). 0 for an unknown unit. For compare.c. */
double fdp_rules_unit_offset(const fd_ruleset *rules, const char *unit);

/* The words of intervals for people (fdp_format_interval), or NULL for rules NULL. */
const fdp_interval_words *fdp_rules_interval_words(const fd_ruleset *rules);
/* True if unit is a measure the rules report ("years", "percent", "usd"): a unit
 * or currency of theirs, not a count. False for rules NULL. For eval.c. */
bool fdp_rules_is_measure(const fd_ruleset *rules, const char *unit);

/* The lexicon's hash of a word: the word in blocks of 16 bytes, its last
 * block zero-padded (one block more when it fills it), each block two 8-byte
 * halves multiplied in at once, then the bits mixed. A word of fewer than 16
 * bytes is one block, hashed in a fixed number of steps: the tokenizer hashes
 * every word, and a byte-at-a-time hash (FNV) branched on each word's length
 * and waited on a multiply a byte. */
#define FDP_HASH_SEED 0x9E3779B97F4A7C15ULL
static inline uint64_t fdp_hash_word_block(uint64_t x, uint64_t lo, uint64_t hi) {
    return (x ^ lo) * 0xFF51AFD7ED558CCDULL ^ hi * 0xC4CEB9FE1A85EC53ULL;
}
/* The high half of a product depends on every bit below it: the low bits of
 * the blocks, folded onto the high ones, reach all 32 bits kept. */
static inline uint32_t fdp_hash_word_end(uint64_t x) {
    return (uint32_t)((x ^ x >> 32) * 0x9FB21C651E98DF25ULL >> 32);
}
/* The 8 bytes at p, the first n of them (n <= 8) as they are, the rest 0; as
 * a little-endian number. */
static inline uint64_t fdp_hash_word_half(const char *p, size_t n) {
    uint64_t v = 0;
    memcpy(&v, p, n);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}
/* The hash of the n bytes at w (fdp_hash_word of a string of that length). */
static inline uint32_t fdp_hash_word_n(const char *w, size_t n) {
    uint64_t x = FDP_HASH_SEED;
    for (size_t off = 0;; off += 16) {
        size_t left = n - off, first = left < 8 ? left : 8,
               second = left <= 8 ? 0 : left - 8 < 8 ? left - 8 : 8;
        x = fdp_hash_word_block(x, fdp_hash_word_half(w + off, first),
                                fdp_hash_word_half(w + off + first, second));
        if (left < 16)
            return fdp_hash_word_end(x);
    }
}
static inline uint32_t fdp_hash_word(const char *w) { return fdp_hash_word_n(w, strlen(w)); }
/* The same of the n bytes at w, a buffer of 16 bytes or more (a token's w):
 * a word shorter than that is read in two whole halves, the bytes past its
 * end masked off, with no branch on its length. */
static inline uint32_t fdp_hash_word_held(const char *w, size_t n) {
    if (n >= 16)
        return fdp_hash_word_n(w, n);
    uint64_t lo = fdp_hash_word_half(w, 8), hi = fdp_hash_word_half(w + 8, 8);
    size_t second = n > 8 ? n - 8 : 0;
    lo &= n >= 8 ? ~0ULL : (1ULL << (n * 8)) - 1;
    hi &= second >= 8 ? ~0ULL : (1ULL << (second * 8)) - 1;
    return fdp_hash_word_end(fdp_hash_word_block(FDP_HASH_SEED, lo, hi));
}

/* ---- lang.c ------------------------------------------------------------- */

/* Where a loader is in the file, to point errors at the offending value. */
typedef struct fdp_rule_ctx {
    const char *path;
    const char *text;
    size_t len;
    fd_error *err;
    struct fdp_rule_step { const char *key; size_t index; } path_steps[8];
    int depth;
} fdp_rule_ctx;


/* Error FD_ERR_RULE at the value the context's path names (file:line:column). */
int fdp_rule_error(fdp_rule_ctx *c, const char *fmt, const char *what);
/* Error: the member that the path ends at is unknown (points at its name). */
int fdp_rules_unknown_member(fdp_rule_ctx *c, const char *key);
/* Enters member key (or element index when key is NULL) of the current value. */
void fdp_rule_push(fdp_rule_ctx *c, const char *key, size_t index);
void fdp_rule_pop(fdp_rule_ctx *c);
/* The folded form of string value v, which the tokenizer must read as one word,
 * kept by the rules; NULL with *rc < 0 on an error. */
const char *fdp_rules_one_word(fd_ruleset *rules, fdp_rule_ctx *c, json_t *v, int *rc);
/* 0 if obj is an object whose members are all in allowed (NULL-terminated), else
 * an error at the first other member's name. */
int fdp_rules_check_members(fdp_rule_ctx *c, json_t *obj, const char *const *allowed);
/* Loads one language member (number_words, units, ...) of a rule file: 0, a
 * negative fd_status, or 1 if name is no language member. */
int fdp_load_language(fd_ruleset *rules, fdp_rule_ctx *c, const char *name, json_t *value);
/* Frees the language part of the rules. */
void fdp_language_free(fd_ruleset *rules);

#endif
