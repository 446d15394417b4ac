/*
 * factdiff.h - the one public header of libfactdiff.
 *
 * factdiff reads news articles about one event, extracts their numeric claims
 * ("at least 400 fighters", "10-25 percent", "ten months"), groups claims about
 * the same fact and reports where sources agree and where they conflict.
 *
 * Order follows the pipeline: version, errors, normaliser, rules, report
 * (reading, extraction, comparison), reporters, evaluation.
 *
 * Ownership: every fd_X_new pairs with fd_X_free, which accepts NULL. Getters
 * return borrowed pointers valid until their owner is freed. A returned char *
 * is freed with fd_free().
 */
#ifndef FACTDIFF_H
#define FACTDIFF_H

#include <stddef.h>
#include <stdio.h>

#include "fd_version.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define FD_EXPORT __attribute__((visibility("default")))
#else
#define FD_EXPORT
#endif

/* ---- version ------------------------------------------------------------ */

/** The library version, e.g. "0.1.0". Static storage. */
FD_EXPORT const char *fd_version(void);

/* ---- errors ------------------------------------------------------------- */

typedef enum fd_status {
    FD_OK = 0,
    FD_ERR_NOMEM = -1,    /* out of memory */
    FD_ERR_IO = -2,       /* a file could not be opened or read */
    FD_ERR_ENCODING = -3, /* invalid UTF-8, or binary data */
    FD_ERR_RULE = -4,     /* a rule file is malformed or invalid */
    FD_ERR_ICU = -5,      /* ICU reported a failure */
    FD_ERR_USAGE = -6,    /* bad arguments */
    FD_ERR_FORMAT = -7,   /* malformed input document (JSON) */
    FD_ERR_EMPTY = -8     /* the document has no text */
} fd_status;

/**
 * Where and why something failed; shaped like jansson's json_error_t.
 * line and column are 1-based (column counts code points); 0 when unknown.
 * position is the byte offset into the source. The first error wins.
 */
typedef struct fd_error {
    int code;           /* an fd_status */
    char source[256];   /* file name, "<stdin>" or "<string>" */
    int line;
    int column;
    size_t position;
    char text[160];
} fd_error;

/** A short name for an fd_status code. Static storage. */
FD_EXPORT const char *fd_strerror(int code);

/** Frees a char * returned by this library. NULL is fine. */
FD_EXPORT void fd_free(void *p);

/* ---- rules -------------------------------------------------------------- */

/** A set of alias and claim rules, loaded from JSON files (see README). */
typedef struct fd_ruleset fd_ruleset;

/** An empty rule set, or NULL when out of memory. */
FD_EXPORT fd_ruleset *fd_ruleset_new(void);

/**
 * Loads one rule file and merges it into rules. Returns 0, or a negative
 * fd_status with err (if given) naming file:line:column.
 */
FD_EXPORT int fd_ruleset_load_file(fd_ruleset *rules, const char *path, fd_error *err);

/** Loads every *.json in dir, sorted by name. Returns 0 or a negative fd_status. */
FD_EXPORT int fd_ruleset_load_dir(fd_ruleset *rules, const char *dir, fd_error *err);

/**
 * The rules directory used when none is given: $FACTDIFF_RULES if set, else the
 * source tree's rules/ compiled in. Static storage or the environment's string.
 */
FD_EXPORT const char *fd_default_rules_dir(void);

FD_EXPORT void fd_ruleset_free(fd_ruleset *rules);

/* ---- normaliser --------------------------------------------------------- */

/**
 * Folds text for matching: NFKC case folding (ICU), curly quotes and
 * apostrophes to ASCII, dashes and minus signs to '-', every space character to
 * ' '. Returns a new NUL-terminated UTF-8 string (free with fd_free) and its
 * length in *out_len (if given), or NULL with err filled (invalid UTF-8: the
 * byte offset of the first bad byte).
 */
FD_EXPORT char *fd_fold_text(const char *utf8, size_t len, size_t *out_len, fd_error *err);

/**
 * The canonical form of a name: the canonical name of the entity whose alias it
 * is ("ISIS" -> "Islamic State", "al-Raqqa" -> "Raqqa"), else the folded name.
 * rules may be NULL (folding only). Free the result with fd_free.
 */
FD_EXPORT char *fd_normalize_name(const fd_ruleset *rules, const char *name, size_t len,
                                  fd_error *err);

/**
 * A romanisation-aware key for a name no rule lists: two spellings with the same
 * key are taken for one name. Articles are dropped ("al-Raqqa", "Deir ez-Zor",
 * fused "Ezzor"), "Abdel"/"Abdul"/"Abd al-" unified, doubled letters, vowel
 * variants, k/q/c and kh/h folded: "Raqa" and "ar-Raqqah" both give "raka".
 * Free the result with fd_free; NULL with err filled on invalid UTF-8.
 */
FD_EXPORT char *fd_name_key(const char *name, size_t len, fd_error *err);

/* ---- report: documents, claims, findings -------------------------------- */

/** One run of factdiff: the documents read, their claims and the findings. */
typedef struct fd_report fd_report;

/** A report that will use rules (borrowed: keep them alive). NULL if no memory. */
FD_EXPORT fd_report *fd_report_new(const fd_ruleset *rules);

/**
 * Reads a path into the report: a .txt, .json (IPTC ninjs) or .jsonl file, "-"
 * (JSON Lines on stdin), or a directory (every such file in it, sorted by name;
 * a meta.json there gives source/date per file, gold.json is skipped).
 * source, if not NULL, overrides the source name of every document read.
 * A document that cannot be read is still added, carrying its errors.
 * Returns the number of documents added, or a negative fd_status when the
 * report itself could not be updated (out of memory).
 */
FD_EXPORT int fd_report_add_path(fd_report *r, const char *path, const char *source);

/**
 * Adds one plain-text document from memory (headline = first non-empty line).
 * bytes are copied. Returns 0 or a negative fd_status.
 */
FD_EXPORT int fd_report_add_text(fd_report *r, const char *path, const char *bytes,
                                 size_t len, const char *source, const char *date);

/**
 * Extracts the claims of every document and compares them. Call once, after
 * adding documents. Returns 0 or a negative fd_status (err filled).
 */
FD_EXPORT int fd_report_run(fd_report *r, fd_error *err);

FD_EXPORT size_t fd_report_doc_count(const fd_report *r);
FD_EXPORT size_t fd_report_claim_count(const fd_report *r);
FD_EXPORT size_t fd_report_finding_count(const fd_report *r);
/** Number of documents that carry at least one error. */
FD_EXPORT size_t fd_report_error_count(const fd_report *r);
/** Number of findings that flag values that cannot all be true (conflict, disputed, update). */
FD_EXPORT size_t fd_report_conflict_count(const fd_report *r);

FD_EXPORT void fd_report_free(fd_report *r);

/**
 * Extracts the claims of every document under paths and writes them to out as
 * JSON Lines, one claim per line (the claim fields of the report, plus the
 * document's path, source and date), streaming: one document is in memory at a
 * time, and JSON Lines input is read line by line. Documents that cannot be
 * read are reported to errout as "path:line:column: error: ..." and skipped.
 * Returns the number of documents with errors, or a negative fd_status.
 */
FD_EXPORT int fd_extract_stream(const fd_ruleset *rules, const char *const *paths, int npaths,
                                const char *source, FILE *out, FILE *errout);

/* ---- reporters ---------------------------------------------------------- */

typedef enum fd_format { FD_FORMAT_TEXT, FD_FORMAT_JSON, FD_FORMAT_HTML } fd_format;

#define FD_OPT_COLOR (1u << 0)   /* text: ANSI colours */
#define FD_OPT_VERBOSE (1u << 1) /* text: also list agreements and compatible findings */

/** Writes the report to out. Returns 0 or FD_ERR_IO. */
FD_EXPORT int fd_report_write(const fd_report *r, fd_format format, FILE *out,
                              unsigned options);

/**
 * Writes the names of a run's documents, one entity per line, most mentioned
 * first: its display name, its type, and each spelling with its count and
 * first place ("Raqqa [place] (7 mentions): "Raqa" x2 at a.txt:30:66; ...").
 * Returns 0 or a negative fd_status.
 */
FD_EXPORT int fd_report_write_names(const fd_report *r, FILE *out);

/* ---- evaluation against a gold file ------------------------------------- */

/** Scores of a report against a gold file (../shared/seeds/FORMAT.md). */
typedef struct fd_eval_scores {
    int gold_claims, found_claims, span_hits, value_hits, true_claims;
    double span_recall, value_recall, precision, f1;
    int gold_conflicts, found_conflicts, conflict_hits, true_conflicts;
    double conflict_recall, conflict_precision;
} fd_eval_scores;

/**
 * Scores r against the gold file at gold_path, writing a readable account
 * (scores, misses, false claims) to out if out is not NULL. Gold files name
 * documents by file name; they are matched to the report's documents by the
 * last path component. Returns 0 or a negative fd_status (err filled).
 */
FD_EXPORT int fd_eval(const fd_report *r, const char *gold_path, FILE *out,
                      fd_eval_scores *scores, fd_error *err);

/**
 * Checks scores against minimum values in a JSON file such as
 * {"span_recall": 0.98, "conflict_recall": 0.9}; missing names are not checked.
 * Writes one line per failure to out (if given). Returns the number of scores
 * below their minimum, or a negative fd_status (err filled).
 */
FD_EXPORT int fd_eval_check(const fd_eval_scores *scores, const char *thresholds_path,
                            FILE *out, fd_error *err);

#ifdef __cplusplus
}
#endif
#endif
