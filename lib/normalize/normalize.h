/*
 * normalize.h - text normalisation: UTF-8 checks and positions, folding for
 * matching, romanisation-aware name keys. Internal: never installed.
 */
#ifndef FD_NORMALIZE_H
#define FD_NORMALIZE_H

#include "base/base.h"

/* ---- normalize.c -------------------------------------------------------- */

/* Appends the matching form of a word (lowercase ASCII; non-ASCII words are
 * case-folded and transliterated to ASCII with ICU) to out. */
void fdp_fold_word(const char *s, size_t len, fdp_buf *out);

/* Damerau-Levenshtein distance of two short ASCII strings. */
int fdp_damerau(const char *a, const char *b);
/* True if two name keys are one name up to a typo or a romanisation variant. */
bool fdp_keys_close(const char *a, const char *b);
/* fdp_keys_close of two keys known to differ, of n and m letters. */
bool fdp_keys_near(const char *a, size_t n, const char *b, size_t m);
/* Letters both keys must have to be close without being equal. */
#define FDP_KEYS_CLOSE_MIN 6

/* Splits a name into words, folded (words) and verbatim (raw, may be NULL); a
 * hyphen is a word "-". Returns the count (the caller frees each string), or
 * FD_ERR_NOMEM with nothing to free. */
int fdp_split_words(const char *name, size_t len, char **words, char **raw, int max);

/* ---- romanisation-aware name keys --------------------------------------- */

/* A spelling variant of romanised names: from is written for to ("kh" for "h"). */
typedef struct fdp_spelling_sub {
    const char *from, *to;
} fdp_spelling_sub;

/* A prefix whose linking article is dropped: "abd" + "el", "ul", "al" ("Abdel",
 * "Abdul", "Abdal" are "abd..."). */
typedef struct fdp_joined_prefix {
    const char *prefix;
    const char **links;
    size_t nlinks;
} fdp_joined_prefix;

/*
 * The language tables of name keys: member "name_keys" of the rules
 * (docs/rules.schema.json). The ruleset owns and fills them (lib/rules/lang.c);
 * normalize.c only reads them, so that it never calls the rules. Every string is
 * lowercase ASCII. The capacities are the loader's.
 */
typedef struct fdp_name_key_rules {
    bool loaded;           /* some rule file gave "name_keys" */
    const char **articles; /* "al", "ash", "ez": dropped before a further word */
    size_t narticles, caparticles;
    const char **dropped; /* words no key keeps: "the" */
    size_t ndropped, capdropped;
    const char *fused_vowels;  /* an article fused to a name ("Ezzor"): a vowel, */
    const char *fused_letters; /* then one of these letters doubled ("tdrzsn"), */
    size_t fused_min_length;   /* in a word of at least this many bytes */
    fdp_joined_prefix *prefixes;
    size_t nprefixes, capprefixes;
    fdp_spelling_sub *spellings; /* tried in order at each position of a word */
    size_t nspellings, capspellings;
} fdp_name_key_rules;

/*
 * The romanisation-aware key of a name (fd_name_key in lib/factdiff.h). With
 * rules NULL only case folding and the letters/digits filter apply; with tables,
 * articles and dropped words go, fused articles and joined prefixes are cut,
 * spelling variants fold, then the endings, inner "e" and doubled letters.
 * Returns a malloc'd key, or NULL with err filled (invalid UTF-8, no memory).
 */
char *fdp_name_key(const fdp_name_key_rules *rules, const char *name, size_t len,
                   fd_error *err);

/* The rules' spelling variants by first letter: those starting with the ASCII
 * byte c are among spellings[lo[c], hi[c]) (others there fail at their first
 * letter), so that each letter of a key tries only those. */
typedef struct fdp_spelling_index {
    uint32_t lo[128], hi[128];
} fdp_spelling_index;

/* Indexes the spelling variants of rules (loaded, not NULL), for many keys. */
void fdp_index_spellings(const fdp_name_key_rules *rules, fdp_spelling_index *ix);
/* fdp_name_key with the spelling variants of rules indexed in ix (read only
 * when rules is loaded): a run's thousands of keys index them once. */
char *fdp_name_key_indexed(const fdp_name_key_rules *rules, const fdp_spelling_index *ix,
                           const char *name, size_t len, fd_error *err);

#endif
