/*
 * rules.h - the loaded rule set: entities and their aliases, word classes of
 * counted things and predicates, with hash indexes for lookup. Internal.
 */
#ifndef FD_RULES_H
#define FD_RULES_H

#include "normalize/normalize.h"

/* ---- rules.c ------------------------------------------------------------ */

typedef enum fdp_entity_type {
    FDP_ENT_PLACE, FDP_ENT_GROUP, FDP_ENT_PERSON, FDP_ENT_ORG, FDP_ENT_OTHER
} fdp_entity_type;

typedef struct fdp_entity {
    char *name;        /* canonical display name */
    char *slug;        /* for keys: "islamic-state" */
    fdp_entity_type type;
    char *speaks_for;  /* person: the organisation quoted through them, or NULL */
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
    int counted;     /* predicates: the counted class when none is named, or -1 */
    bool cumulative; /* predicates: a running total (a toll), which later reports raise */
    char *counted_name;
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
};

/* Sorts the word tables for lookup; called by the loaders. */
void fdp_ruleset_finish(fd_ruleset *rules);
/* Class index of a folded word in a table, or -1. */
int fdp_rules_noun_class(const fd_ruleset *rules, const char *word);
int fdp_rules_predicate(const fd_ruleset *rules, const char *word);
/* Longest alias starting at words[0..n) (folded; raw = the same words verbatim,
 * or NULL to ignore case): returns its entity (or -1) and the number of words it
 * covers in *matched. */
int fdp_rules_match_alias(const fd_ruleset *rules, char *const *words, char *const *raw,
                          int n, int *matched);

#endif
