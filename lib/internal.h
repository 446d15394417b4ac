/*
 * internal.h - types and helpers shared by the library's modules. Never
 * installed; cli/ does not include it (unit tests do).
 */
#ifndef FD_INTERNAL_H
#define FD_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "factdiff.h"

/* ---- buf.c: a growable byte buffer and small string helpers ------------- */

typedef struct fdp_buf {
    char *data; /* always NUL-terminated when non-NULL */
    size_t len, cap;
    bool failed; /* an allocation failed; later appends are no-ops */
} fdp_buf;

void fdp_buf_append(fdp_buf *b, const char *s, size_t n);
void fdp_buf_puts(fdp_buf *b, const char *s);
void fdp_buf_printf(fdp_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void fdp_buf_putc(fdp_buf *b, char c);
/* Takes the buffer's string (caller frees); NULL if an allocation failed. */
char *fdp_buf_take(fdp_buf *b);
void fdp_buf_free(fdp_buf *b);

char *fdp_strdup(const char *s);
char *fdp_strndup(const char *s, size_t n);
/* qsort comparators: char * strings, ints ascending. */
int fdp_cmp_str(const void *a, const void *b);
int fdp_cmp_int(const void *a, const void *b);
/* Pointer to the last path component of path. */
const char *fdp_basename(const char *path);
/* Formats v the way reports show numbers: "1448", "2.5", "1e+06" never. */
void fdp_format_number(char *out, size_t cap, double v);

/* ---- error.c ------------------------------------------------------------ */

/* Fills err (if not NULL and still empty: the first error wins). Returns code. */
int fdp_error_set(fd_error *err, int code, const char *source, int line, int column,
                  size_t position, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* ---- normalize.c -------------------------------------------------------- */

/* Offset of the first invalid UTF-8 byte, or len when the text is valid. */
size_t fdp_utf8_invalid_at(const char *s, size_t len);
/* Decodes one code point at s[*i] (advancing *i); invalid bytes give -1. */
int32_t fdp_utf8_next(const char *s, size_t len, size_t *i);
/* 1-based line and code-point column of byte offset off in s. */
void fdp_line_col(const char *s, size_t len, size_t off, int *line, int *column);
/* Appends s to b, each invalid byte replaced by U+FFFD. */
void fdp_append_valid_utf8(fdp_buf *b, const char *s, size_t len);
/* Maps a punctuation or space code point to its ASCII stand-in, or 0 if none. */
char fdp_punct_ascii(int32_t cp);
/* Appends the matching form of a word (lowercase ASCII; non-ASCII words are
 * case-folded and transliterated to ASCII with ICU) to out. */
void fdp_fold_word(const char *s, size_t len, fdp_buf *out);

/* Damerau-Levenshtein distance of two short ASCII strings. */
int fdp_damerau(const char *a, const char *b);
/* True if two name keys are one name up to a typo or a romanisation variant. */
bool fdp_keys_close(const char *a, const char *b);

/* Splits a name into words, folded (words) and verbatim (raw, may be NULL); a
 * hyphen is a word "-". Returns the count; the caller frees each string. */
int fdp_split_words(const char *name, size_t len, char **words, char **raw, int max);

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

/* ---- the report's data -------------------------------------------------- */

#define FDP_MAX_ERRORS 4

typedef struct fdp_doc {
    char *id;       /* "d1" */
    char *path;     /* as given */
    char *source;   /* outlet, or NULL */
    char *date;     /* YYYY-MM-DD or NULL */
    bool date_from_text; /* read from the article's dateline, not metadata */
    char *headline; /* or NULL */
    char *text;     /* the body: original UTF-8 bytes (NUL-terminated copy) */
    size_t len;
    fd_error errors[FDP_MAX_ERRORS];
    int nerrors;
    bool skip;      /* unreadable: no claims are extracted */
    int event;      /* set by the comparator */
    int copy_of;    /* first document of its copy group (same wire text), or -1 */
} fdp_doc;

typedef struct fdp_interval {
    double low, high;   /* meaningful when has_low / has_high */
    bool has_low, has_high;
    bool low_open, high_open, approx, vague;
} fdp_interval;

typedef struct fdp_claim {
    int doc;                /* index into docs */
    size_t start, end;      /* byte span of the number phrase */
    int line, column;
    fdp_interval value;
    const char *unit;       /* static string: count, percent, years, ... */
    bool unsure;            /* "1.448": the reading of the separator is a guess */
    bool is_window;         /* "within 24 hours": the window of other figures */
    char *key;              /* fact key */
    char *label;            /* what it counts, for people: "targets struck" */
    char *counted;          /* the counted noun phrase as folded words, or NULL */
    const char *predicate;  /* predicate class (borrowed from the rules), or NULL */
    const char *entity;     /* canonical entity of the counted thing (borrowed), or NULL */
    char *attribution;      /* canonical originator, or NULL */
    char *window;           /* time window, e.g. "24 hours", or NULL */
    char *when;             /* another year the sentence places it in, or NULL */
    char *agent;            /* the cause of a toll: "strikes", "offensive", or NULL */
    size_t sent_start, sent_end; /* the sentence holding the claim */
} fdp_claim;

typedef enum fdp_finding_kind {
    FDP_CONFLICT, FDP_DISPUTED, FDP_UPDATE, FDP_COMPATIBLE, FDP_AGREEMENT, FDP_VARIANT
} fdp_finding_kind;

/* A name as written in a document, with its identity and cluster (names.c). */
typedef struct fdp_mention {
    int doc;
    size_t start, end;
    char *surface;  /* the bytes as written */
    char *key;      /* entity name (alias hit) or romanisation key */
    int entity;     /* rules entity, or -1 */
    int cluster;    /* set by the clustering */
} fdp_mention;

typedef struct fdp_finding {
    fdp_finding_kind kind;
    int *mentions;  /* variant findings: one mention of each spelling */
    int nmentions;
    int sources;  /* independent sources: documents, copies of one text counted once */
    char *key;
    char *label;
    int *claims; /* indexes into claims */
    int nclaims;
    char *summary;
} fdp_finding;

struct fd_report {
    const fd_ruleset *rules;
    fdp_doc *docs; size_t ndocs, capdocs;
    fdp_claim *claims; size_t nclaims, capclaims;
    fdp_finding *findings; size_t nfindings, capfindings;
    fdp_mention *mentions; size_t nmentions, capmentions;
    int *by_cluster;          /* mention indexes sorted by cluster, then spelling */
    const char **cluster_name; /* display name of each cluster id (borrowed) */
    bool ran;
};

const char *fdp_finding_kind_name(fdp_finding_kind k);
/* True for kinds that flag values that cannot all be true. */
bool fdp_finding_is_discrepancy(fdp_finding_kind k);
/* Formats a claim's interval for people: "120", "more than 80", "10-25". */
void fdp_format_interval(char *out, size_t cap, const fdp_interval *v);

/* ---- read.c ------------------------------------------------------------- */

fdp_doc *fdp_report_new_doc(fd_report *r, const char *path);
/* Adds the ninjs object on one line of a JSON Lines stream as "path:LINE".
 * Returns 1, 0 for a blank line, or FD_ERR_NOMEM. */
int fdp_add_ninjs_line(fd_report *r, const char *path, int lineno, const char *line,
                       size_t len, size_t line_offset, const char *source);
/* The readable files of a directory, sorted (caller frees each and the array);
 * NULL if it cannot be opened. */
char **fdp_list_dir(const char *dir, size_t *count);

/* ---- extract.c ---------------------------------------------------------- */

typedef struct fdp_extractor fdp_extractor;
fdp_extractor *fdp_extractor_new(const fd_ruleset *rules, fd_error *err);
/* Appends the claims of doc (index di in r) to r. Returns 0 or a negative fd_status. */
int fdp_extract_doc(fdp_extractor *x, fd_report *r, int di);
void fdp_extractor_free(fdp_extractor *x);

/* ---- names.c ------------------------------------------------------------ */

/* Finds name mentions, clusters them across documents, adds variant findings. */
int fdp_find_names(fd_report *r);
/* The display form of a mention's cluster: the entity's name, or the spelling
 * written most often. Borrowed from r. */
const char *fdp_cluster_name(const fd_report *r, int cluster);

/* ---- copies.c ----------------------------------------------------------- */

/* Sets copy_of on documents that are copies of one wire text. */
int fdp_find_copies(fd_report *r);

/* ---- compare.c ---------------------------------------------------------- */

int fdp_compare(fd_report *r);
/* Adds a variant finding resting on mentions ids[0..n) (one per spelling). */
int fdp_add_variant(fd_report *r, const int *ids, int n);
/* True when two intervals can both hold (approx widens by 10%, vague is open above). */
bool fdp_intervals_overlap(const fdp_interval *a, const fdp_interval *b, const char *unit_a,
                           const char *unit_b);

/* ---- reporters ---------------------------------------------------------- */

int fdp_write_text(const fd_report *r, FILE *out, unsigned options);
int fdp_write_json(const fd_report *r, FILE *out);
int fdp_write_html(const fd_report *r, FILE *out);

#endif
