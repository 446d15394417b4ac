/*
 * internal.h - the report's data, shared by the library's modules. Never
 * installed; cli/ does not include it.
 */
#ifndef FD_INTERNAL_H
#define FD_INTERNAL_H

#include "base/base.h"
#include "normalize/normalize.h"
#include "rules/rules.h"

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
