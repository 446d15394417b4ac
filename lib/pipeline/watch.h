/*
 * watch.h - `factdiff watch`: documents arrive one at a time (ingest.c), each
 * is stored and judged with the open documents of its window, and what changed
 * is announced (announce.c); watchdir.c feeds it the files of a directory.
 * Internal.
 */
#ifndef FD_WATCH_H
#define FD_WATCH_H

#include "extract/extractor.h"
#include "store/store.h"

/* The words of the watch's lines, of its store and of the ninjs members it
 * reads: a format, spelt here once for ingest.c, announce.c and watchdir.c. */
#define FDP_W_CHANGE "change"
#define FDP_W_PREVIOUS "previous"
#define FDP_W_KIND "kind"
#define FDP_W_KEY "key"
#define FDP_W_FINGERPRINT "fingerprint"
#define FDP_W_SUMMARY "summary"
#define FDP_W_MESSAGE "message"
#define FDP_W_DOCUMENT "document"
#define FDP_W_AT "at"
#define FDP_W_CLAIMS "claims"
#define FDP_W_TEXT "text"
#define FDP_W_SOURCE "source"
#define FDP_W_FILE "file"
#define FDP_W_LINE "line"
#define FDP_W_COLUMN "column"
#define FDP_CH_NEW "new"
#define FDP_CH_CHANGED "changed"
#define FDP_CH_RESOLVED "resolved"
#define FDP_ST_OPEN "open"
#define FDP_ST_RESOLVED "resolved"
#define FDP_ST_SUPERSEDED "superseded"
#define FDP_FMT_TEXT "text"        /* a .txt file */
#define FDP_FMT_NINJS "ninjs"      /* a ninjs .json file */
#define FDP_FMT_LINE "ninjs-line"  /* one line of ninjs JSON Lines */
#define FDP_N_URI "uri"
#define FDP_N_VERSION "version"
#define FDP_N_VERSIONCREATED "versioncreated"
#define FDP_N_PUBSTATUS "pubstatus"
#define FDP_N_CANCELED "canceled"
#define FDP_META_DOCS "docs"
#define FDP_META_FILE "file"
#define FDP_META_SOURCE "source"
#define FDP_META_DATE "date"

/* A document of the window: extracted once, judged again with every arrival. */
typedef struct fdp_live {
    fdp_doc *doc;
    char *ident;
    long day; /* its date's day number, or the latest day when it came (-1: none yet) */
} fdp_live;

struct fd_watch {
    const fd_ruleset *rules;
    fdp_store *store;
    fdp_extractor *x;
    fdp_doc_tokens toks; /* reused from document to document */
    int window;          /* days after the latest document that stay open */
    fd_watch_format format;
    unsigned options;
    FILE *out, *err;
    fdp_live *live;
    size_t nlive, caplive;
    size_t *sel, nsel; /* the live documents an arrival is judged with */
    long max_day; /* the latest dated day seen, or -1 */
    unsigned long ingested, skipped, errors, announced;
};

/* A document as it arrived: its bytes and where they came from. */
typedef struct fdp_arrival {
    const char *path;   /* the path reports give it */
    const char *format; /* "text", "ninjs" (a .json file) or "ninjs-line" */
    const char *origin; /* ninjs-line: the stream's name */
    int lineno;         /* ninjs-line: the line */
    size_t offset;      /* ninjs-line: the line's byte offset in the stream */
    const char *bytes;
    size_t len;
    const char *source, *date; /* given by a meta.json, or NULL */
} fdp_arrival;

/* Reads, stores, judges and announces one document, in one transaction of the
 * store. An unreadable document is reported to w->err and skipped (0). Returns
 * 0, or a negative fd_status when the watch cannot go on (memory, the store). */
int fdp_watch_ingest(fd_watch *w, const fdp_arrival *a);

/* announce.c: the finding as the JSON object of an announcement, without its
 * "change": kind, key, fingerprint, summary, the document that caused it and
 * its claims (figure as written, source, file, line, column). NULL when out
 * of memory. */
json_t *fdp_announcement_json(const fd_finding *f, const fdp_doc *cause);
/* Writes one announcement: change "new", "changed" or "resolved" of the
 * finding payload (fdp_announcement_json), previous the fingerprint a changed
 * finding replaces (or NULL). Returns 0 or a negative fd_status. */
int fdp_announce(const fd_watch *w, const char *change, json_t *payload,
                 const char *previous);

#endif
