/*
 * factdiff.h - the one public header of libfactdiff.
 *
 * factdiff reads news articles about one event, extracts their numeric claims
 * ("at least 400 fighters", "10-25 percent", "ten months"), groups claims about
 * the same fact and reports where sources agree and where they conflict.
 *
 * Order follows the pipeline: version, errors, rules, normaliser, the run
 * (reading, then the stages of fd_run_check), the read API over its documents,
 * claims and findings, reporters, evaluation.
 *
 * Ownership: every fd_X_new pairs with fd_X_free, which accepts NULL. Getters
 * return borrowed pointers valid until their owner is freed. A returned char *
 * is freed with fd_free().
 *
 * Errors: functions return 0 or a negative fd_status (or NULL); those that take
 * an fd_error * clear it on entry and fill it on failure (it may be NULL).
 * Out of memory is an error like any other: nothing aborts.
 *
 * Threads: the library keeps no mutable global state. A loaded fd_ruleset is
 * read-only and may be shared by any number of runs on any threads; load all
 * its files before the first run uses it. One fd_run is used by one thread at
 * a time; different runs may be checked concurrently. Every other function may
 * be called from any thread.
 */
#ifndef FACTDIFF_H
#define FACTDIFF_H

#include <signal.h>
#include <stdbool.h>
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

/** The library version, e.g. "0.2.0". Static storage. */
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
 * Loads one rule file and merges it into rules. The file names its format
 * ("factdiff_rules": 1) and is checked strictly (docs/rules.schema.json):
 * an unknown member, a wrong type or a word no tokenizer reads as one word is
 * an error. Returns 0, or a negative fd_status with err (if given) naming
 * file:line:column. After FD_ERR_NOMEM the rule set may only be freed.
 */
FD_EXPORT int fd_ruleset_load_file(fd_ruleset *rules, const char *path, fd_error *err);

/**
 * Loads every *.json in dir, sorted by name. A directory holding none is an
 * error (FD_ERR_RULE): a mistyped --rules should not run without rules.
 * Returns 0 or a negative fd_status.
 */
FD_EXPORT int fd_ruleset_load_dir(fd_ruleset *rules, const char *dir, fd_error *err);

/**
 * The rules directory used when none is given: $FACTDIFF_RULES if set, else the
 * installed rules directory (PREFIX/share/factdiff/rules, compiled in) if it
 * exists, else the source tree's rules/ (for the build tree). Static storage or
 * the environment's string.
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
 * key are taken for one name. With the shipped rules (member "name_keys" of
 * rules/names.json), articles are dropped ("al-Raqqa", "Deir ez-Zor", fused
 * "Ezzor"), "Abdel"/"Abdul"/"Abd al-" unified, doubled letters, vowel variants,
 * k/q/c and kh/h folded: "Raqa" and "ar-Raqqah" both give "raka". rules may be
 * NULL, or hold no "name_keys": then no romanisation tables apply, only case
 * folding and keeping letters and digits ("ar-Raqqah" gives "arraqqah").
 * Free the result with fd_free; NULL with err filled on invalid UTF-8.
 */
FD_EXPORT char *fd_name_key(const fd_ruleset *rules, const char *name, size_t len,
                            fd_error *err);

/**
 * The identities check gives names read together, as one document set:
 * keys[i] (n of them, each to free with fd_free) is the name under which check
 * groups names[i], the canonical name of its entity when the alias rules name
 * it ("ISIS", "Daesh" -> "Islamic State"), else a romanisation key, after the
 * unification check applies: equal or close keys (a typo: "Palymra",
 * "Palmyra"), and a surname alone standing for the one full name given with
 * it ("Erdogan", "Recep Tayyip Erdogan"). `factdiff names --key` prints them.
 * names are NUL-terminated UTF-8. Returns 0, or an error code with err filled
 * (invalid UTF-8, out of memory); then every keys[i] is NULL.
 */
FD_EXPORT int fd_name_identities(const fd_ruleset *rules, const char *const *names, size_t n,
                                 char **keys, fd_error *err);

/* ---- a run: documents in, findings out ---------------------------------- */

/**
 * One run of factdiff: it owns the documents read (each with its text, claims,
 * name mentions and errors) and the findings made from them.
 *
 * The stages run in this order, each reading what the ones before produced and
 * writing only its own part: read (fd_run_add_*), then in fd_run_check:
 * tokenize, extract (claims), names (mentions and spelling variants), copies
 * (documents that repeat one wire text), events (which documents report one
 * event) and judge (findings). Reporters only read the result.
 */
typedef struct fd_run fd_run;

/** A document of a run. Borrowed from its run. */
typedef struct fd_doc fd_doc;
/** A numeric claim of a document. Borrowed from its run. */
typedef struct fd_claim fd_claim;
/** A verdict on one fact, resting on claims of two or more documents. */
typedef struct fd_finding fd_finding;
/** A name as written in a document (variant findings rest on them). */
typedef struct fd_mention fd_mention;

/**
 * A place in a document's original bytes: [byte_off, byte_off + len), on
 * 1-based line and column (the column counts code points). For ninjs
 * documents, offsets are into the body text.
 */
typedef struct fd_span {
    size_t byte_off;
    size_t len;
    int line;
    int column;
} fd_span;

/**
 * The set of true values a claim's words allow. An exact figure has
 * low == high; an unbounded side has has_low or has_high false. approx: the
 * words hedge ("about 80"), widened by 10% when compared; vague: a vague
 * quantity ("dozens"), open above.
 */
typedef struct fd_interval {
    double low, high;
    bool has_low, has_high;
    bool low_open, high_open;
    bool approx, vague;
} fd_interval;

/**
 * A run that will use rules (borrowed: keep them alive until fd_run_free).
 * NULL when out of memory. rules may be NULL (no entities, no word classes).
 */
FD_EXPORT fd_run *fd_run_new(const fd_ruleset *rules);

/**
 * Reads a path into the run: a .txt, .json (IPTC ninjs) or .jsonl file, "-"
 * (JSON Lines on stdin), or a directory (every such file in it, sorted by name;
 * a meta.json there gives source/date per file, gold.json is skipped).
 * source, if not NULL, overrides the source name of every document read.
 * A document that cannot be read is still added, carrying its errors
 * (fd_doc_error). Returns the number of documents added, or a negative
 * fd_status when the run itself could not be updated (out of memory, or the
 * run was already checked).
 */
FD_EXPORT int fd_run_add_path(fd_run *run, const char *path, const char *source);

/**
 * Adds one plain-text document from memory (headline = first non-empty line).
 * bytes are copied; source and date ("YYYY-MM-DD") may be NULL. Returns 0 or a
 * negative fd_status.
 */
FD_EXPORT int fd_run_add_text(fd_run *run, const char *path, const char *bytes, size_t len,
                              const char *source, const char *date);

/**
 * Runs the stages after reading (tokenize, extract, names, copies, events,
 * judge). Call once, after adding documents. err (if given) is cleared first.
 * Returns 0 or a negative fd_status with err filled; after a failure the run
 * holds what the stages finished and may only be freed.
 */
FD_EXPORT int fd_run_check(fd_run *run, fd_error *err);

/** Frees the run and everything it owns. NULL is fine. */
FD_EXPORT void fd_run_free(fd_run *run);

FD_EXPORT size_t fd_run_doc_count(const fd_run *run);
/** Document i (0-based, in reading order), or NULL when i is out of range. */
FD_EXPORT const fd_doc *fd_run_doc(const fd_run *run, size_t i);
/** Claims of every document. */
FD_EXPORT size_t fd_run_claim_count(const fd_run *run);
FD_EXPORT size_t fd_run_finding_count(const fd_run *run);
/**
 * Finding i (0-based), or NULL when i is out of range. Findings come in the
 * order the stages made them: spelling variants, then facts by event and key.
 */
FD_EXPORT const fd_finding *fd_run_finding(const fd_run *run, size_t i);
/** Number of documents that carry at least one error. */
FD_EXPORT size_t fd_run_error_count(const fd_run *run);
/** Number of findings that flag values that cannot all be true (conflict, disputed, update). */
FD_EXPORT size_t fd_run_conflict_count(const fd_run *run);

/* ---- documents ---------------------------------------------------------- */

/** The document's id in reports ("d1"). */
FD_EXPORT const char *fd_doc_id(const fd_doc *doc);
/** The path as given ("dir/a.txt", "<stdin>:3", "feed.jsonl:12"). */
FD_EXPORT const char *fd_doc_path(const fd_doc *doc);
/** The outlet, or NULL when unknown. */
FD_EXPORT const char *fd_doc_source(const fd_doc *doc);
/** "YYYY-MM-DD", or NULL when neither metadata nor the dateline gives one. */
FD_EXPORT const char *fd_doc_date(const fd_doc *doc);
FD_EXPORT const char *fd_doc_headline(const fd_doc *doc);
/**
 * The document's original bytes (NUL-terminated; for ninjs, the body text),
 * their length in *len (if given); NULL when the document could not be read.
 */
FD_EXPORT const char *fd_doc_text(const fd_doc *doc, size_t *len);
FD_EXPORT size_t fd_doc_claim_count(const fd_doc *doc);
/** Claim i of the document, in text order, or NULL when out of range. */
FD_EXPORT const fd_claim *fd_doc_claim(const fd_doc *doc, size_t i);
FD_EXPORT size_t fd_doc_error_count(const fd_doc *doc);
/** Error i of the document (source is the document's path), or NULL. */
FD_EXPORT const fd_error *fd_doc_error(const fd_doc *doc, size_t i);
/** The document whose wire text this one repeats, or NULL. */
FD_EXPORT const fd_doc *fd_doc_copy_of(const fd_doc *doc);
/** The event the document reports (0, 1, ...), or -1 before fd_run_check. */
FD_EXPORT int fd_doc_event(const fd_doc *doc);

/* ---- claims ------------------------------------------------------------- */

/** What a claim's frame says besides its value (each may be NULL). */
typedef enum fd_frame_slot {
    FD_FRAME_LABEL,       /* what it counts, for people: "targets struck" */
    FD_FRAME_COUNTED,     /* the counted noun phrase, folded: "islamic state fighters" */
    FD_FRAME_PREDICATE,   /* predicate class: "killed" */
    FD_FRAME_ENTITY,      /* the side the counted thing belongs to: "Islamic State" */
    FD_FRAME_ATTRIBUTION, /* who says so: "Syrian Observatory for Human Rights" */
    FD_FRAME_WINDOW,      /* the time window: "24 hours" */
    FD_FRAME_YEAR,        /* another year the sentence places it in, or "earlier" */
    FD_FRAME_CAUSE,       /* the cause of a toll: "strikes", "offensive by Islamic State" */
    FD_FRAME_PLACE,       /* where it was counted: "Paris", "nationwide" */
    FD_FRAME_TOPIC        /* which of several votes: "care" (the care referendum) */
} fd_frame_slot;

#define FD_CLAIM_SEPARATOR_UNSURE (1u << 0) /* "1.448": grouping or decimal is a guess */
#define FD_CLAIM_WINDOW (1u << 1)           /* "within 24 hours": the window of other figures */

FD_EXPORT const fd_doc *fd_claim_doc(const fd_claim *claim);
/** The claim's id in reports ("c12"). */
FD_EXPORT const char *fd_claim_id(const fd_claim *claim);
/** Where the number phrase stands, its qualifier and unit included. */
FD_EXPORT fd_span fd_claim_span(const fd_claim *claim);
/**
 * The figure as written ("more than 80"): a pointer into the document's text,
 * not NUL-terminated; its length in *len. Print it with "%.*s".
 */
FD_EXPORT const char *fd_claim_text(const fd_claim *claim, size_t *len);
FD_EXPORT fd_interval fd_claim_value(const fd_claim *claim);
/** "count", "percent", "years", "km", "usd", ... Static storage or the rules'. */
FD_EXPORT const char *fd_claim_unit(const fd_claim *claim);
/** The fact key ("targets/struck/count"), or NULL when the claim names no fact. */
FD_EXPORT const char *fd_claim_key(const fd_claim *claim);
FD_EXPORT const char *fd_claim_frame(const fd_claim *claim, fd_frame_slot slot);
/** FD_CLAIM_* bits. */
FD_EXPORT unsigned fd_claim_flags(const fd_claim *claim);

/* ---- findings ----------------------------------------------------------- */

typedef enum fd_kind {
    FD_KIND_CONFLICT,   /* no true value fits every source */
    FD_KIND_DISPUTED,   /* a conflict between named, different originators */
    FD_KIND_UPDATE,     /* a later story raises a running total */
    FD_KIND_COMPATIBLE, /* the intervals overlap */
    FD_KIND_AGREEMENT,  /* the same exact figure */
    FD_KIND_VARIANT,    /* one name spelled differently across documents */
    FD_KIND_CURRENCIES, /* one fact's sums in two or more currencies: not compared, no
                           exchange rate being given */
    /* New kinds go here, above FD_NKINDS: the values above are part of the ABI. */
    FD_NKINDS /* the number of kinds, for arrays and loops over them: not a kind */
} fd_kind;

/** "conflict", "disputed", ... Static storage. */
FD_EXPORT const char *fd_kind_name(fd_kind kind);
/** True for kinds that flag values that cannot all be true (conflict, disputed, update). */
FD_EXPORT bool fd_kind_is_discrepancy(fd_kind kind);

FD_EXPORT fd_kind fd_finding_kind(const fd_finding *finding);
/** The finding's id in reports ("f3"). */
FD_EXPORT const char *fd_finding_id(const fd_finding *finding);
/**
 * The fact's key ("targets/struck/count"; variants: "name/Dmitry Peskov";
 * currencies: the key of its sums without the currency, "fined/money").
 */
FD_EXPORT const char *fd_finding_key(const fd_finding *finding);
/** What the fact is, for people: "targets struck within 24 hours". */
FD_EXPORT const char *fd_finding_label(const fd_finding *finding);
/** One line an editor can read. */
FD_EXPORT const char *fd_finding_summary(const fd_finding *finding);
/** Independent sources behind it: copies of one wire text count once. */
FD_EXPORT int fd_finding_sources(const fd_finding *finding);
/**
 * The finding's fingerprint, 16 lower-case hex digits, stable across runs: a
 * hash of its kind, its key and the sorted set of distinct figures its claims
 * assert (a variant: of its spellings), never of paths, lines or input order
 * (README "Fingerprints"). NULL before fd_run_check. Borrowed from the run.
 */
FD_EXPORT const char *fd_finding_fingerprint(const fd_finding *finding);
/**
 * The justification of the acknowledgement that names this finding's
 * fingerprint (fd_run_read_acks), or NULL when none does.
 */
FD_EXPORT const char *fd_finding_acknowledgement(const fd_finding *finding);
FD_EXPORT size_t fd_finding_claim_count(const fd_finding *finding);
/** Claim i the finding rests on (document order), or NULL when out of range. */
FD_EXPORT const fd_claim *fd_finding_claim(const fd_finding *finding, size_t i);
/**
 * The claim a diagnostic is anchored on: the one that overlaps fewest of the
 * others (the odd one out). NULL for variant findings.
 */
FD_EXPORT const fd_claim *fd_finding_anchor(const fd_finding *finding);
FD_EXPORT size_t fd_finding_mention_count(const fd_finding *finding);
/** Variant findings: mention i, one per spelling, in document order; else NULL. */
FD_EXPORT const fd_mention *fd_finding_mention(const fd_finding *finding, size_t i);

FD_EXPORT const fd_doc *fd_mention_doc(const fd_mention *mention);
FD_EXPORT fd_span fd_mention_span(const fd_mention *mention);
/** The name as written (NUL-terminated). */
FD_EXPORT const char *fd_mention_text(const fd_mention *mention);
/** The display name of the entity it names ("Dmitry Peskov"). */
FD_EXPORT const char *fd_mention_name(const fd_mention *mention);

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

/**
 * A progress hook for a person watching a long run: called once for every
 * document read, with the number of input bytes it took (a file's size, a JSON
 * Lines line's length), from the thread that reads. ctx is the caller's.
 */
typedef void (*fd_progress_fn)(void *ctx, size_t bytes);

/** Calls fn for every document the run reads from now on (fn NULL: none). */
FD_EXPORT void fd_run_set_progress(fd_run *run, fd_progress_fn fn, void *ctx);
/**
 * Calls fn for every document fd_run_check has taken through its own stages
 * (tokens, claims, names), with the bytes of its text: most of a check's time,
 * after a read that is quick beside it. The stages across documents (copies,
 * events, judging) follow the last call. fn NULL: none.
 */
FD_EXPORT void fd_run_set_check_progress(fd_run *run, fd_progress_fn fn, void *ctx);

/** fd_extract_stream, calling fn (if not NULL) for every document read. */
FD_EXPORT int fd_extract_stream_progress(const fd_ruleset *rules, const char *const *paths,
                                         int npaths, const char *source, FILE *out,
                                         FILE *errout, fd_progress_fn fn, void *ctx);

/* ---- watch: a store of claims, fed one document at a time (README "Watch") -- */

/**
 * A watch: documents arrive one at a time; each is stored (SQLite), judged
 * with the documents of its window and every finding it makes new, changes or
 * resolves is announced at once.
 */
typedef struct fd_watch fd_watch;

/** How a watch announces: one JSON object a line, or compiler-style text. */
typedef enum fd_watch_format { FD_WATCH_JSONL, FD_WATCH_TEXT } fd_watch_format;

/**
 * Opens the store at store_path (created when missing; its schema version is
 * checked) and reloads the documents of the window, so that nothing announced
 * before is announced again. window_days: how many days after the latest
 * document an older one stays open for comparison (0: the default, 10). rules
 * are borrowed. Announcements go to stdout, errors to stderr, as JSON Lines,
 * until fd_watch_output says otherwise. NULL with err filled on failure.
 */
FD_EXPORT fd_watch *fd_watch_new(const fd_ruleset *rules, const char *store_path,
                                 int window_days, fd_error *err);

/**
 * Where and how the watch announces: format, options (FD_OPT_VERBOSE: text
 * lists agreements and compatible findings too), out for announcements, errout
 * for documents that cannot be read.
 */
FD_EXPORT void fd_watch_output(fd_watch *w, fd_watch_format format, unsigned options,
                               FILE *out, FILE *errout);

/**
 * Reads ninjs JSON Lines from in (named name in reports, e.g. "<stdin>") until
 * its end, each line a document. A ninjs "uri" seen before with a higher
 * "version" (or a later "versioncreated") replaces the earlier document;
 * "pubstatus": "canceled" removes it; bytes stored already are skipped.
 * Returns 0, or a negative fd_status when the watch cannot go on (a malformed
 * line is reported and skipped).
 */
FD_EXPORT int fd_watch_stream(fd_watch *w, FILE *in, const char *name);

#define FD_WATCH_POLL (1u << 0) /* scan the directory instead of inotify */
#define FD_WATCH_ONCE (1u << 1) /* read what is in it, then return */

/**
 * Watches the directory dir: every article file in it (.txt, .json, .jsonl)
 * not read before, then each file closed after writing or moved in, until
 * *stop becomes non-zero (set it from a signal handler; stop may be NULL) or,
 * with FD_WATCH_ONCE, once what is there is read. With FD_WATCH_POLL, or when
 * inotify is not available, the directory is scanned every poll_ms
 * milliseconds (0: 500) and a file is taken once its size and time stay
 * unchanged over one scan. Returns 0 or a negative fd_status.
 */
FD_EXPORT int fd_watch_dir(fd_watch *w, const char *dir, unsigned flags, int poll_ms,
                           const volatile sig_atomic_t *stop);

/** Documents stored (or canceled) by this watch so far. */
FD_EXPORT unsigned long fd_watch_ingested(const fd_watch *w);
/** Documents this watch could not read (each was reported to errout). */
FD_EXPORT unsigned long fd_watch_error_count(const fd_watch *w);
/** Closes the store and frees the watch. NULL is fine. */
FD_EXPORT void fd_watch_free(fd_watch *w);

/**
 * Adds every document of the store at store_path to the run, as they were
 * read when they arrived (same path, source and date), so that fd_run_check
 * reports on them as if they had been given on the command line. Returns the
 * number of documents added, or a negative fd_status with err filled.
 */
FD_EXPORT int fd_run_add_store(fd_run *run, const char *store_path, fd_error *err);

/* ---- reporters ---------------------------------------------------------- */

/**
 * The report formats: text (compiler-style diagnostics), JSON (docs/report.schema.json),
 * HTML, SARIF 2.1.0 (code-scanning dashboards) and GitHub Actions workflow commands
 * (annotations: "::error file=...,line=...::...").
 */
typedef enum fd_format {
    FD_FORMAT_TEXT,
    FD_FORMAT_JSON,
    FD_FORMAT_HTML,
    FD_FORMAT_SARIF,
    FD_FORMAT_GITHUB
} fd_format;

#define FD_OPT_COLOR (1u << 0)   /* text: ANSI colours */
#define FD_OPT_VERBOSE (1u << 1) /* text: also list agreements and compatible findings */

/** Writes the checked run to out. Returns 0, FD_ERR_IO or FD_ERR_NOMEM. */
FD_EXPORT int fd_run_write(const fd_run *run, fd_format format, FILE *out, unsigned options);

/**
 * Writes the names of a checked run's documents, one entity per line, most
 * mentioned first: its display name, its type, and each spelling with its
 * count and first place ("Raqqa [place], 7 mentions: "Raqa" x2 (a.txt:30:66); ...").
 * The listing is made at the first call (a check does not make it). Not to be
 * called on one run from two threads at once. Returns 0 or a negative fd_status.
 */
FD_EXPORT int fd_run_write_names(const fd_run *run, FILE *out);

/**
 * The run's closing line, in the words every report uses: "5 documents, 54
 * claims: 1 conflict, 0 disputed, 0 updates, 6 agreements, 4 compatible, 6 names
 * spelled differently" (the names when there are any, and likewise ", N facts in
 * several currencies"), then "; N acknowledged", "; N stale acknowledgements"
 * and "; N documents with errors" when there are any. Free with fd_free; NULL
 * when out of memory.
 */
FD_EXPORT char *fd_run_summary(const fd_run *run);

/* ---- acknowledgements (docs/ci.md) --------------------------------------- */

/**
 * Reads the acknowledgement file at path into a checked run: a JSON object
 * {"factdiff_ack": "1", "acknowledged": [ENTRY...]} whose entries each name a
 * "fingerprint" and a non-empty "justification" (plus, for people, "key",
 * "kind", "figures", "files" and "added"). A finding whose fingerprint an entry
 * names is acknowledged (fd_finding_acknowledgement); an entry that names no
 * finding of the run is stale (fd_run_stale_ack). Returns 0, or a negative
 * fd_status with err filled: FD_ERR_IO when the file cannot be read,
 * FD_ERR_FORMAT with path:line:column for malformed JSON or an entry without
 * its fingerprint or justification.
 */
FD_EXPORT int fd_run_read_acks(fd_run *run, const char *path, fd_error *err);

/** The acknowledgement file read into the run, or NULL. Borrowed. */
FD_EXPORT const char *fd_run_ack_path(const fd_run *run);
/** Entries of the acknowledgement file that match no finding of the run. */
FD_EXPORT size_t fd_run_stale_ack_count(const fd_run *run);
/**
 * Stale entry i (0-based, in file order): its fingerprint, with the line where the
 * entry stands in the file in *line (if given); NULL when i is out of range.
 */
FD_EXPORT const char *fd_run_stale_ack(const fd_run *run, size_t i, int *line);

/**
 * Writes the acknowledgement file at path: the entries read with
 * fd_run_read_acks (stale ones dropped when prune is true), then one new entry
 * for each finding not yet acknowledged whose kind is in kinds (bit 1u << kind)
 * or, when nonly > 0, whose fingerprint is among only[0..nonly) (of any kind).
 * Each new entry holds the fingerprint, key, kind, the figures as written, the
 * files, why and the time it was added (UTC). why may be NULL only when nothing
 * is to be added (prune alone). The file is replaced whole (written beside it,
 * then renamed). Returns the number of entries added, or a negative fd_status
 * with err filled: FD_ERR_USAGE when why is missing or empty but entries would be
 * added, or a fingerprint of only names no finding; FD_ERR_IO.
 */
FD_EXPORT int fd_run_write_acks(const fd_run *run, const char *path, const char *why,
                                unsigned kinds, const char *const *only, size_t nonly,
                                bool prune, fd_error *err);

/* ---- evaluation against a gold file ------------------------------------- */

/** Scores of a run against a gold file (docs/gold-format.md). */
typedef struct fd_eval_scores {
    int gold_claims, found_claims, span_hits, value_hits, true_claims;
    double span_recall, value_recall, precision, f1;
    int gold_conflicts, found_conflicts, conflict_hits, true_conflicts;
    double conflict_recall, conflict_precision;
} fd_eval_scores;

/**
 * Scores a checked run against the gold file at gold_path, writing a readable account
 * (scores, misses, false claims) to out if out is not NULL. Gold files name
 * documents by file name; they are matched to the run's documents by the
 * last path component. Returns 0 or a negative fd_status (err filled).
 */
FD_EXPORT int fd_eval(const fd_run *run, const char *gold_path, FILE *out,
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
