/*
 * model.h - the data the stages hand on: a run owns its documents and its
 * findings; a document owns its text, its claims, its name mentions and its
 * errors. Internal: the public read API (factdiff.h) gives accessors to it.
 *
 * Who writes what (each field has one writer, every later stage only reads):
 *   read      documents: path, source, date, headline, text, errors
 *   extract   doc->claims (value, unit, frame, key)
 *   names     doc->mentions, run->names_tally (each distinct spelling), run->names (the
 *             names listing); variant findings
 *   copies    doc->copy_of
 *   events    doc->event, doc->scene, doc->scene_name (from run->event_notes, taken as
 *             each document's stages end)
 *   judge     the findings on facts (verdict, anchor, sources, summary)
 *   currencies  the findings on facts whose sums come in several currencies
 *   fingerprint  finding->fingerprint (model/fingerprint.c), after judge
 *   ack       run->acks and run->ack_path, finding->ack (ack/ack.c), after the check
 *   run       run->claims and run->mentions: flat indexes over every document's
 *             claims and mentions, made once after the document stages; and
 *             run->strings, the pool that takes over a document's claim strings
 *             and mention surfaces when its stages end (fdp_run_pool_doc), and the
 *             mentions' keys from the names stage on (fdp_run_pool_keys): their
 *             values never change, only where they are kept; and run->spill, the
 *             temporary file texts, claims and findings' strings wait in between
 *             the stages that read them (model/spill.c): a cache, never a change
 * Reporters (report/) and the evaluation (eval/) read this and nothing else.
 */
#ifndef FD_MODEL_H
#define FD_MODEL_H

#include "base/base.h"

#define FDP_MAX_ERRORS 4
#define FDP_FINGERPRINT_LEN 16 /* hex digits: 64 bits */

typedef fd_interval fdp_interval;
typedef struct fd_doc fdp_doc;
typedef struct fd_claim fdp_claim;
typedef struct fdp_spill fdp_spill;
typedef struct fd_mention fdp_mention;
typedef struct fd_finding fdp_finding;
typedef fd_kind fdp_finding_kind;

/* The kinds under their internal names. */
#define FDP_CONFLICT FD_KIND_CONFLICT
#define FDP_DISPUTED FD_KIND_DISPUTED
#define FDP_UPDATE FD_KIND_UPDATE
#define FDP_COMPATIBLE FD_KIND_COMPATIBLE
#define FDP_AGREEMENT FD_KIND_AGREEMENT
#define FDP_VARIANT FD_KIND_VARIANT
#define FDP_CURRENCIES FD_KIND_CURRENCIES
#define FDP_NKINDS FD_NKINDS /* not a kind: how many there are */

struct fd_claim {
    /* (pointers first, then the interval, then 32-bit offsets and ints, then flags: a run
       holds one per figure of the feed, and holes between fields were a tenth of it; a
       document is at most 256 MiB, so a byte offset fits 32 bits) */
    const fdp_doc *doc;     /* the document holding it */
    const char *unit;       /* static or rules string: count, percent, years, ... */
    char *key;              /* fact key, or NULL */
    char *label;            /* what it counts, for people: "targets struck" */
    char *counted;          /* the counted noun phrase as folded words, or NULL */
    const char *predicate;  /* predicate class (borrowed from the rules), or NULL */
    const char *entity;     /* canonical entity of the counted thing (borrowed), or NULL */
    char *attribution;      /* canonical originator, or NULL */
    char *window;           /* time window, e.g. "24 hours", or NULL */
    char *when;             /* another year the sentence places it in, or NULL */
    char *agent;            /* the cause of a toll: "strikes", "offensive", or NULL */
    char *place;            /* where it was counted: "Paris", "nationwide", or NULL */
    char *topic;            /* which of several votes: "care" (the care referendum), or NULL */
    const char *text;       /* its bytes, the document's [start, end), in the run's pool once
                               its document's stages are done (fdp_run_pool_doc), else NULL:
                               read them with fdp_claim_bytes */
    fdp_interval value;
    uint32_t number;        /* 1-based across the run, in reading order */
    uint32_t start, end;    /* byte span of the number phrase */
    uint32_t kind_at, kind_end; /* the bytes of key naming its kind ("hemolytic uremic
                                   syndrome " of cases), empty if none */
    uint32_t sent_start, sent_end; /* the sentence holding the claim */
    int line, column;
    int cls;                /* its counted class in the rules, or -1 */
    char id[16];            /* "c<number>" */
    bool unsure;            /* "1.448": the reading of the separator is a guess */
    bool is_window;         /* "within 24 hours": the window of other figures */
    bool risen;             /* "the toll has risen to 48": a running total, as it now stands */
    bool place_part;        /* its sentence counts the same thing in another place too
                               ("21 deaths in Germany and one in Sweden"): its place is a
                               part, even if the story's scene */
};

/* A name as written in a document, with its identity and cluster. */
struct fd_mention {
    const fdp_doc *doc;
    uint32_t start, end; /* bytes of the document (at most 256 MiB) */
    char *surface;      /* the bytes as written */
    char *key;          /* entity name (alias hit: the rules' own, borrowed) or
                           romanisation key (the mention's own, or the run's pool's) */
    const char *name;   /* the cluster's display name (borrowed), set by the clustering */
    int line, column;
    int entity;         /* rules entity, or -1 */
    int cluster;        /* set by the clustering */
    int spelling_count; /* mentions of this spelling in its cluster */
};

struct fd_doc {
    size_t index;   /* position in the run */
    char id[12];    /* "d1" (up to "d4294967295") */
    char *path;     /* as given */
    char *source;   /* outlet, or NULL */
    char *date;     /* YYYY-MM-DD or NULL */
    bool date_from_text; /* read from the article's dateline, not metadata */
    char *headline; /* or NULL */
    char *text;     /* the body: original UTF-8 bytes (NUL-terminated copy), or NULL while
                       it is away in the run's spill file (fdp_doc_text_back) */
    size_t len;
    bool spilled;   /* the run's spill file holds its text, at text_at of spill
                       (model/spill.c) */
    struct fdp_spill *spill; /* the run's (borrowed) */
    uint64_t text_at;
    bool claims_spilled; /* the spill file holds its claims too, at claims_at: claims is
                            NULL while they are away (fdp_doc_claims_back) */
    bool claims_numbered; /* claim_base is set: claims read back are numbered from it */
    uint64_t claims_at;
    size_t claim_base;    /* the claims before its own in the run (fdp_run_index) */
    fd_error *errors;  /* its errors, up to FDP_MAX_ERRORS, allocated with the first (a run of
                          many documents has few errors, and an error is 440 bytes); NULL with
                          an error: there was no room for it (fdp_doc_error_at) */
    int nerrors;
    bool skip;      /* unreadable: no claims are extracted */
    fdp_claim *claims; size_t nclaims, capclaims; /* claims: NULL while away (above) */
    fdp_arena claim_strings; /* its claims' strings until they are pooled (strings_pooled) */
    fdp_mention *mentions; size_t nmentions, capmentions;
    const fdp_doc *copy_of; /* first document of its copy group (same wire text), or NULL */
    bool strings_pooled; /* its claims' strings and its mentions' surfaces are the run's
                            (run->strings), not its own: fdp_run_pool_doc */
    bool surfaces_pooled; /* its mentions' surfaces are: with strings_pooled, or from the
                             start (fdp_find_mentions_pooled) */
    bool keys_pooled;    /* its mentions' keys of no entity likewise: fdp_run_pool_keys */
    bool meta_pooled;    /* its source and date likewise: fdp_run_pool_meta */
    bool staged;    /* its own stages (tokens, claims, mentions) have run */
    int event;      /* the event it reports, or -1 */
    int scene;      /* its story's scene: the place it names most and more than once, or -1 */
    const char *scene_name; /* that place's name (borrowed from the rules), or NULL */
};

struct fd_finding {
    fdp_finding_kind kind;
    size_t number;  /* 1-based, in the order the stages made them */
    char id[24];    /* "f<number>" */
    char *key;
    char *label;
    char *summary;
    const fdp_claim **claims; /* document order; while claims_away, pointing nowhere */
    int nclaims;
    uint32_t *numbers;        /* its claims' numbers, in the same order, once it leaves the
                                 event that made it (compare/by_event.c), else NULL */
    uint32_t anchor_number;   /* the anchor's, or 0 */
    bool claims_away;         /* its event's claims went back to the spill file: claims and
                                 anchor are found again by number (fdp_run_claims_back) */
    const struct fd_run *run; /* the run holding it, which does that, once numbers is set */
    bool spilled;             /* the spill file holds its numbers, key, label and summary
                                 (spill_len bytes at spill_at): while they are away, all
                                 four and claims are NULL (fdp_finding_back) */
    uint32_t spill_len;
    uint64_t spill_at;
    char *back;               /* brought back: the one block claims, numbers, key, label
                                 and summary are in, or NULL */
    const fdp_claim *anchor;  /* the odd one out, where a diagnostic stands; NULL for variants */
    int docs;                 /* documents behind the claims */
    int sources;              /* independent sources: copies of one text counted once */
    const fdp_mention **mentions; /* variants: one mention per spelling, document order */
    int nmentions;
    const fdp_mention *anchor_mention; /* variants: the rarest spelling */
    const char **currencies;  /* currencies: each currency once (borrowed units), in the
                                 order of its first claim */
    int ncurrencies;
    char fingerprint[FDP_FINGERPRINT_LEN + 1]; /* fingerprint.c: stable across runs */
    const struct fdp_ack *ack; /* the acknowledgement naming it (ack/ack.c), or NULL */
};

/* An entry of the acknowledgement file (ack/ack.c reads and writes them). */
typedef struct fdp_ack {
    char fingerprint[FDP_FINGERPRINT_LEN + 1];
    char *key;       /* the fact key written with it, for people, or NULL */
    char *why;       /* the justification: never empty */
    int line;        /* where the entry stands in the file (its fingerprint's line) */
    bool matched;    /* a finding of this run has its fingerprint */
    json_t *entry;   /* the entry as read: written back as it is */
} fdp_ack;

/* One spelling of a name in the names listing. */
typedef struct fdp_spelling {
    const char *surface;
    size_t count;
    const fdp_mention *first; /* the first place it is written */
} fdp_spelling;

/* One entity of the names listing: most mentioned first. */
typedef struct fdp_name {
    const char *name;
    const char *type;   /* "place", "group", "person", "organisation", "other" or "name" */
    size_t mentions;
    fdp_spelling *spellings; /* by spelling */
    size_t nspellings;
} fdp_name;

struct fd_run {
    const fd_ruleset *rules;
    fdp_doc **docs; size_t ndocs, capdocs;
    const fdp_claim **claims; size_t nclaims;     /* every document's, in reading order;
                                                     claims is NULL while some are away in
                                                     the spill file (fdp_run_claims_back) */
    fdp_mention **mentions; size_t nmentions; /* likewise; the names stage sets their clusters */
    fdp_finding *findings; size_t nfindings, capfindings;
    fdp_name *names; size_t nnames;
    struct fdp_name_tally *names_tally; /* each distinct spelling of the mentions with its
                                           count and first mention (names/tally.h), which
                                           the names stage clusters; the run's */
    fdp_pool strings; /* the strings of the documents' claims and mentions, once their stages
                         are done (fdp_run_pool_doc, fdp_run_pool_keys) */
    bool checked;
    char *ack_path;  /* the acknowledgement file read, or NULL */
    fdp_ack *acks; size_t nacks, capacks;
    fd_progress_fn progress; /* told of every document read, or NULL */
    void *progress_ctx;
    fd_progress_fn check_progress; /* told of every document through its stages, or NULL */
    void *check_progress_ctx;
    bool spill_tried; /* spill is the temporary file the documents' texts and claims are
                         kept in between the stages that read them (model/spill.c), or
                         NULL: none could be made */
    struct fdp_spill *spill;
    /* Told of each document once it is read (fdp_run_docs_read): pipeline/run.c runs its
       own stages then, while its text is at hand, and sends the text to the spill file.
       NULL for a run whose owner runs them (extract's stream, a watch, whose documents
       outlive the run that read them): its texts stay. */
    int (*doc_read)(fd_run *run, fdp_doc *d);
    size_t ndocs_read;        /* the documents handed to doc_read so far */
    int doc_read_rc;          /* its first failure, which fd_run_check returns */
    struct fdp_extractor *x;  /* what doc_read extracts with (pipeline/run.c), or NULL */
    struct fdp_doc_tokens *toks;
    bool no_extractor;        /* none could be made: fd_run_check makes one and says why */
    struct fdp_event_notes *event_notes; /* what the events stage reads of each document,
                                            noted as its stages end (compare/event_docs.c) */
};

/* ---- model.c ------------------------------------------------------------ */

/* Tells the run's progress hook of one more document read, of bytes bytes. */
void fdp_run_progress(fd_run *run, size_t bytes);
/* A new empty document at the end of the run, or NULL when out of memory. The
 * documents before it are read: they go to run->doc_read (fdp_run_docs_read). */
fdp_doc *fdp_run_new_doc(fd_run *run, const char *path);
/* Frees the run's documents, keeping their array: a stream's run holds a
 * document only until its claims are out (pipeline/stream.c). */
void fdp_run_drop_docs(fd_run *run);
/* Hands every document read and not yet handed to run->doc_read. Returns its
 * first failure (kept in run->doc_read_rc), or 0. */
int fdp_run_docs_read(fd_run *run);
/* The error a document reports when there was no room for its first: out of memory. */
extern const fd_error fdp_no_room_error;
/* Error k of a document, k < nerrors. */
static inline const fd_error *fdp_doc_error_at(const fdp_doc *d, int k) {
    return d->errors ? &d->errors[k] : &fdp_no_room_error;
}
/* The error last recorded on d, to amend, or NULL (none, or no room for it). */
static inline fd_error *fdp_doc_last_error(fdp_doc *d) {
    return d->errors && d->nerrors ? &d->errors[d->nerrors - 1] : NULL;
}

/* Records an error on a document (at most FDP_MAX_ERRORS are kept). With no
 * room for the first, the document reports fdp_no_room_error: it never loses
 * that it has an error. */
void fdp_doc_error(fdp_doc *d, int code, int line, int col, size_t pos, const char *fmt,
                   const char *arg);
/* A new zeroed claim at the end of the document's claims, or NULL. */
fdp_claim *fdp_doc_new_claim(fdp_doc *d);
/* Frees the claims of d (written out already: a stream keeps none), keeping
 * their array for the next ones. */
void fdp_doc_drop_claims(fdp_doc *d);
/* A new mention (entity and cluster -1) at the end of the document's, or NULL. */
fdp_mention *fdp_doc_new_mention(fdp_doc *d);
/* A new zeroed finding at the end of the run's, numbered, or NULL. */
fdp_finding *fdp_run_new_finding(fd_run *run);
/* Gives back the room d's claims and mentions were given beyond their count:
 * done as soon as its stages are, since a run holds many documents. */
void fdp_doc_trim(fdp_doc *d);
/* Builds run->claims and run->mentions over every document. Returns 0 or FD_ERR_NOMEM. */
int fdp_run_index(fd_run *run);
/* The same for a view: a run borrowing some of another's documents (one event),
 * whose claims keep the numbers and ids the whole run gave them. */
int fdp_view_index(fd_run *view);
/* Frees the run's findings and their array. */
void fdp_run_free_findings(fd_run *run);
/* Moves the strings of d's claims and its mentions' surfaces into the run's
 * pool, each distinct string once, after d's own stages: a run holds many
 * documents, whose strings mostly repeat. 0, or FD_ERR_NOMEM with d unchanged. */
int fdp_run_pool_doc(fd_run *run, fdp_doc *d);
/* The same for every mention's key of no entity: those it has are pooled, and
 * those the names stage gives afterwards go straight to the pool (called
 * before it: a copy per mention was a tenth of a check's memory). */
int fdp_run_pool_keys(fd_run *run);
/* Moves d's source and date into the run's pool: a feed's outlets and days
 * are few, its documents many. 0, or FD_ERR_NOMEM with d unchanged. */
int fdp_run_pool_meta(fd_run *run, fdp_doc *d);
/* Frees a document's mentions, once the names tally and the events stage's
 * notes have what they need of them (pipeline/run.c): nothing else of a check
 * reads them. */
void fdp_doc_drop_mentions(fdp_doc *d);
/* Frees a document's claims and mentions (not the document). */
void fdp_doc_clear(fdp_doc *d);
void fdp_doc_free(fdp_doc *d);

/* The line that closes every report, in the same words everywhere: "5 documents, 54
 * claims: 1 conflict, 0 disputed, 0 updates, 6 agreements, 4 compatible, 6 names
 * spelled differently, 2 facts in several currencies; 1 acknowledged; 1 stale
 * acknowledgement; 2 documents with errors" (the names, the currencies and the parts
 * after ';' only when there are any). Appended to b. */
void fdp_summary(const fd_run *run, fdp_buf *b);
/* The head of a currencies finding's line, in the same words everywhere: "fined
 * (money) in eur, gbp and usd, not compared (no exchange rate is given)".
 * Appended to b. */
void fdp_currencies_head(const fdp_finding *f, fdp_buf *b);
/* Frees the acknowledgement entries read into the run. */
void fdp_acks_free(fd_run *run);

/* A claim's bytes, the document's [start, end): NUL-terminated once pooled. */
static inline const char *fdp_claim_bytes(const fdp_claim *c) {
    return c->text ? c->text : c->doc->text + c->start;
}

/* ---- spill.c: documents' texts in a temporary file ------------------------ */

/* Writes d's text to the run's spill file and frees it, once d is read: a check
 * holds every document, and texts are most of it, but only a few stages read
 * them (the document's own, copies, the reporters that quote lines). Without a
 * spill file (none could be made), d keeps its text.
 * 0, or FD_ERR_IO with d unchanged. */
int fdp_run_spill_text(fd_run *run, fdp_doc *d);
/* Brings d's text back from the spill file, if it is away. 0, FD_ERR_NOMEM or
 * FD_ERR_IO (d->text stays NULL). */
int fdp_doc_text_back(const fdp_doc *d);
/* Frees d's text again if the spill file has a copy. */
void fdp_doc_text_away(const fdp_doc *d);
/* d's text for a moment (a reporter quoting a line): brought back if it is
 * away, *back then set for fdp_doc_text_release to let it go again. NULL when
 * it cannot be read back. */
const char *fdp_doc_text_hold(const fdp_doc *d, bool *back);
void fdp_doc_text_release(const fdp_doc *d, bool back);
/* Brings back the text of every document of the run (the HTML report, the
 * evaluation): 0 or the first failure. */
int fdp_run_texts_back(const fd_run *run);
/* Writes d's claims to the run's spill file and frees them, once d's stages
 * are done and its strings pooled (the structs are written as they are: their
 * strings are the pool's or the rules', and d stays where it is). Without a
 * spill file, or strings not pooled, d keeps them. 0, or FD_ERR_IO with d
 * unchanged. */
int fdp_run_spill_claims(fd_run *run, fdp_doc *d);
/* Brings d's claims back from the spill file, if they are away, numbered if
 * the run is indexed. 0, FD_ERR_NOMEM or FD_ERR_IO (d->claims stays NULL). */
int fdp_doc_claims_back(const fdp_doc *d);
/* Brings back d's text and claims, in one read where they lie side by side.
 * 0, FD_ERR_NOMEM or FD_ERR_IO. */
int fdp_doc_back(const fdp_doc *d);
/* Frees d's claims again if the spill file has them. */
void fdp_doc_claims_away(const fdp_doc *d);
/* d's claims for a moment (the JSON report, writing every document's in turn):
 * brought back if away, read ahead as a reader going forward through the file
 * does, *back set for fdp_doc_claims_release. 0 or the failure of
 * fdp_doc_claims_back. */
int fdp_doc_claims_hold(const fdp_doc *d, bool *back);
void fdp_doc_claims_release(const fdp_doc *d, bool back);
/* Brings back every document's claims for good, with run->claims, and every
 * finding's strings, and finds again the claims of every finding whose claims
 * were away (the reporters but JSON, the API's finding claims): 0 or the
 * first failure. */
int fdp_run_claims_back(const fd_run *run);
/* Writes f's numbers, key, label and summary to the run's spill file and frees
 * them and its claims, once its event's claims are away (compare/by_event.c):
 * a feed's findings are many, their summaries most of them. Without a spill
 * file, or something missing, f keeps them. 0, or FD_ERR_IO with f unchanged. */
int fdp_run_spill_finding(fd_run *run, fdp_finding *f);
/* Brings f's back in one block (its claims pointing nowhere until bound: see
 * fdp_run_claims_back), if they are away. 0, FD_ERR_NOMEM or FD_ERR_IO. */
int fdp_finding_back(const fdp_finding *f);
/* Frees f's claims, numbers, key, label and summary (or the block they were
 * brought back in) and sets them NULL. */
void fdp_finding_drop_strings(fdp_finding *f);
/* f's for a moment (the JSON report, writing every finding in turn): brought
 * back if away, read ahead likewise, *back set for fdp_finding_release to let
 * them go again. */
int fdp_finding_hold(const fdp_finding *f, bool *back);
void fdp_finding_release(const fdp_finding *f, bool back);
/* Closes the run's spill file. */
void fdp_run_spill_close(fd_run *run);

/* ---- fingerprint.c -------------------------------------------------------- */

/* Sets the fingerprint of every finding that has none yet (README
 * "Fingerprints"): a hash of its kind, its key and the sorted set of distinct
 * figures (or spellings) it rests on. */
int fdp_fingerprint_findings(fd_run *run);

/* ---- interval.c: intervals, units and their comparison ------------------- */

/* A claim's interval on the comparison base of its unit, hedges widened. */
typedef struct fdp_bounds {
    double lo, hi;
    bool lo_open, hi_open;
} fdp_bounds;

#define FDP_APPROX_TOLERANCE 0.10 /* "about X" allows X +- 10% */
#define FDP_NEARLY_SHORTFALL 0.10 /* "nearly X" allows [0.9 X, X] */

/* The interval on its unit's base (factor: one unit in base units, from the
 * unit rules), approx widened by 10%, vague opened above. */
fdp_bounds fdp_widen(const fdp_interval *v, double factor);
/* True when two widened intervals share a value. */
bool fdp_bounds_overlap(fdp_bounds a, fdp_bounds b);
/* True when two intervals can both hold, each on its unit's base. */
bool fdp_intervals_overlap(const fdp_interval *a, const fdp_interval *b, double factor_a,
                           double factor_b);
/* Same interval, same reading: "10-25 percent" and "10-25%". */
bool fdp_same_interval(const fdp_interval *a, const fdp_interval *b);
/* Bounded on both sides, and neither hedged nor vague. */
bool fdp_is_definite(const fdp_interval *v);
/* Orders for the extremes: a larger low (an open low beats a closed one at
 * the same value) and a smaller high (likewise) are more restrictive. */
bool fdp_lo_above(fdp_bounds a, fdp_bounds b);
bool fdp_hi_below(fdp_bounds a, fdp_bounds b);
/* The words of intervals for people: the rules' labels ("interval" of member
 * "labels", fdp_rules_interval_words) give them, e.g. "about", "more than",
 * "at least", "fewer than", "at most", "or more (vague)". */
typedef struct fdp_interval_words {
    const char *approx, *low_open, *low, *high_open, *high, *vague;
} fdp_interval_words;
/* Formats a claim's interval for people: "120", "more than 80", "10-25". Where
 * words (or one of them) is NULL, a sign stands for the word: "~80", ">80",
 * ">=80", "<80", "<=80", "80+". */
void fdp_format_interval(char *out, size_t cap, const fdp_interval *v,
                         const fdp_interval_words *words);
/* A claim's figure with its unit and document: "120 (002.txt)". who: name the
 * originator too. words as for fdp_format_interval. */
void fdp_describe_claim(const fdp_claim *c, fdp_buf *b, bool who,
                        const fdp_interval_words *words);

/* True for kinds that flag values that cannot all be true. */
static inline bool fdp_finding_is_discrepancy(fdp_finding_kind k) {
    return k == FDP_CONFLICT || k == FDP_DISPUTED || k == FDP_UPDATE;
}
const char *fdp_finding_kind_name(fdp_finding_kind k);

#endif
