/*
 * store.h - the store of `factdiff watch`: documents (their original bytes,
 * version, source, date and content hash), their claims, the findings that
 * were announced and each announcement, in one SQLite file. Internal: the
 * watch engine (pipeline/ingest.c) is its one user, and nothing here knows of
 * events or verdicts, so another database can stand behind this interface
 * (docs/scale.md).
 *
 * Every call returns 0 (or a count, or 1 for "found") or a negative fd_status;
 * FD_ERR_IO stands for any SQLite failure, whose text fdp_store_error gives.
 */
#ifndef FD_STORE_H
#define FD_STORE_H

#include "model/model.h"

#define FDP_STORE_SCHEMA 1 /* PRAGMA user_version of a factdiff store */

typedef struct fdp_store fdp_store;

/* Opens (creating when create is true) the store at path, in WAL mode, and
 * checks its schema version. NULL with err filled when it cannot. */
fdp_store *fdp_store_open(const char *path, bool create, fd_error *err);
void fdp_store_close(fdp_store *s);
/* SQLite's last error message. Borrowed. */
const char *fdp_store_error(const fdp_store *s);

/* One transaction per document: what a crash interrupts is rolled back. */
int fdp_store_begin(fdp_store *s);
int fdp_store_commit(fdp_store *s);
void fdp_store_rollback(fdp_store *s);

/* A document as stored. Strings may be NULL (source, date, versioncreated). */
typedef struct fdp_stored_doc {
    long long id;
    const char *ident;          /* the ninjs uri, else the path */
    const char *path;           /* the path reports give it */
    const char *format;         /* "text", "ninjs" (a .json file) or "ninjs-line" */
    const char *origin;         /* ninjs-line: the stream ("<stdin>", "feed.jsonl") */
    int lineno;                 /* ninjs-line: its line in the stream */
    long long version;          /* ninjs "version", or 0 */
    const char *versioncreated; /* ninjs "versioncreated" as written, or NULL */
    const char *source, *date;  /* as given to the reader: NULL means its default */
    long day;                   /* the day the window counts it on (-1: none yet) */
    const char *hash;           /* 16 hex digits over the original bytes */
    const char *bytes;          /* the original bytes (a line, for ninjs-line) */
    size_t len;
} fdp_stored_doc;

/* What is stored of a document: its id, version and hash. */
typedef struct fdp_doc_version {
    long long id;
    long long version;
    char versioncreated[40];
    char hash[17];
} fdp_doc_version;

/* 1 with *out filled when a document of that ident is stored, else 0. */
int fdp_store_lookup(fdp_store *s, const char *ident, fdp_doc_version *out);
/* 1 when a document with these bytes (by hash) is stored under any ident. */
int fdp_store_has_hash(fdp_store *s, const char *hash);
/* Stores d, replacing the document of the same ident with its claims; sets
 * *id. */
int fdp_store_put_doc(fdp_store *s, const fdp_stored_doc *d, long long *id);
/* Stores the claims of document id (the extracted document d). */
int fdp_store_put_claims(fdp_store *s, long long id, const fdp_doc *d);
/* Removes the document of that ident and its claims. */
int fdp_store_delete_doc(fdp_store *s, const char *ident);
/* Calls each(ctx, doc) for every document with day >= min_day or no day yet
 * (all of them for LONG_MIN), in the order they were stored; stops at and
 * returns the first non-zero value each returns. */
int fdp_store_each_doc(fdp_store *s, long min_day,
                       int (*each)(void *ctx, const fdp_stored_doc *d), void *ctx);
/* The latest day the watch has seen (fdp_store_set_max_day), or of a document
 * stored, or -1. */
long fdp_store_max_day(fdp_store *s);
/* Records the latest day seen: a canceled story does not take it back. */
int fdp_store_set_max_day(fdp_store *s, long day);
/* Gives every document without a day yet this day. */
int fdp_store_set_undated_day(fdp_store *s, long day);
/* Number of documents stored. */
long long fdp_store_doc_count(fdp_store *s);

/* Files of a watched directory, by path: 1 when it is stored with this size
 * and modification time (read already), else 0. */
int fdp_store_file_known(fdp_store *s, const char *path, long long size, long long mtime);
int fdp_store_put_file(fdp_store *s, const char *path, long long size, long long mtime);

/* A finding as announced: payload is its JSON line without "change". */
typedef struct fdp_stored_finding {
    const char *fingerprint, *kind, *key, *payload;
} fdp_stored_finding;

/* 1 with the state ("open", "resolved", "superseded") in state when the
 * fingerprint was announced, else 0. */
int fdp_store_finding_state(fdp_store *s, const char *fingerprint, char state[16]);
/* Records an open finding and the documents (idents) it rests on. */
int fdp_store_put_finding(fdp_store *s, const fdp_stored_finding *f, const char *const *docs,
                          size_t ndocs);
int fdp_store_set_state(fdp_store *s, const char *fingerprint, const char *state);
/* Records that a finding also rests on document ident. */
int fdp_store_link_finding(fdp_store *s, const char *fingerprint, const char *ident);
/* Calls each(ctx, f) for every open finding resting on document ident (and,
 * when key is not NULL, of that key). Stops at the first non-zero return. */
int fdp_store_open_findings(fdp_store *s, const char *ident, const char *key,
                            int (*each)(void *ctx, const fdp_stored_finding *f), void *ctx);
/* Appends an announcement: change ("new", "changed", "resolved") of a
 * fingerprint, caused by document ident. */
int fdp_store_announce(fdp_store *s, const char *fingerprint, const char *change,
                       const char *ident);

#endif
