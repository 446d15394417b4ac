/*
 * store.c - the SQLite store behind store.h.
 *
 * WAL mode with synchronous=NORMAL: a committed transaction survives the
 * process being killed at any moment (kill -9); only a power cut can take the
 * last ones back. The schema version is PRAGMA user_version, checked on open:
 * a store written by another schema is refused rather than misread.
 */
#include <limits.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

struct fdp_store {
    sqlite3 *db;
    char msg[160]; /* what is wrong with a row, when SQLite found nothing wrong */
};

static const char SCHEMA[] =
    "CREATE TABLE IF NOT EXISTS documents ("
    " id INTEGER PRIMARY KEY, ident TEXT NOT NULL UNIQUE, path TEXT NOT NULL,"
    " format TEXT NOT NULL, origin TEXT, lineno INTEGER NOT NULL DEFAULT 0,"
    " version INTEGER NOT NULL DEFAULT 0, versioncreated TEXT, source TEXT, date TEXT,"
    " day INTEGER NOT NULL, hash TEXT NOT NULL, bytes BLOB NOT NULL, stored TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS documents_hash ON documents(hash);"
    "CREATE INDEX IF NOT EXISTS documents_day ON documents(day);"
    "CREATE TABLE IF NOT EXISTS claims ("
    " doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    " start INTEGER, end INTEGER, line INTEGER, col INTEGER, text TEXT, unit TEXT,"
    " key TEXT, low REAL, high REAL);"
    "CREATE INDEX IF NOT EXISTS claims_doc ON claims(doc);"
    "CREATE INDEX IF NOT EXISTS claims_key ON claims(key);"
    "CREATE TABLE IF NOT EXISTS files ("
    " path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS findings ("
    " fingerprint TEXT PRIMARY KEY, kind TEXT NOT NULL, key TEXT, payload TEXT NOT NULL,"
    " state TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS findings_key ON findings(key);"
    "CREATE TABLE IF NOT EXISTS finding_docs ("
    " fingerprint TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (fingerprint, doc));"
    "CREATE INDEX IF NOT EXISTS finding_docs_doc ON finding_docs(doc);"
    "CREATE TABLE IF NOT EXISTS announcements ("
    " seq INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL, change TEXT NOT NULL,"
    " doc TEXT, at TEXT NOT NULL);";

// The watch's clock: the latest day it has seen, which a canceled story does
// not take back. Created in stores of schema 1 made before it, too.
static const char CLOCK[] =
    "CREATE TABLE IF NOT EXISTS clock (name TEXT PRIMARY KEY, day INTEGER NOT NULL)";

const char *fdp_store_error(const fdp_store *s) {
    return s->msg[0] ? s->msg : sqlite3_errmsg(s->db);
}

/*
 * Prepares sql and binds its parameters from the arguments, one per letter of
 * types: 'T' a text string (NULL binds NULL), 'I' a long long, 'D' a double, 'B' a
 * blob as a pointer and a size_t. NULL when SQLite fails.
 */
static sqlite3_stmt *prepare(fdp_store *s, const char *sql, const char *types, ...) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return NULL;
    va_list ap;
    va_start(ap, types);
    int rc = SQLITE_OK;
    for (int i = 0; types[i] && rc == SQLITE_OK; i++) {
        if (types[i] == 'T') {
            const char *v = va_arg(ap, const char *);
            rc = v ? sqlite3_bind_text(st, i + 1, v, -1, SQLITE_TRANSIENT)
                   : sqlite3_bind_null(st, i + 1);
        } else if (types[i] == 'I') {
            rc = sqlite3_bind_int64(st, i + 1, va_arg(ap, long long));
        } else if (types[i] == 'D') {
            rc = sqlite3_bind_double(st, i + 1, va_arg(ap, double));
        } else {
            const void *p = va_arg(ap, const void *);
            size_t n = va_arg(ap, size_t);
            rc = sqlite3_bind_blob64(st, i + 1, p, n, SQLITE_TRANSIENT);
        }
    }
    va_end(ap);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(st);
        return NULL;
    }
    return st;
}

// Runs a prepared statement that returns no rows, and finalizes it.
static int run(sqlite3_stmt *st) {
    if (!st)
        return FD_ERR_IO;
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : rc == SQLITE_NOMEM ? FD_ERR_NOMEM
                                                                          : FD_ERR_IO;
}

static const char *column_text(sqlite3_stmt *st, int i) {
    return (const char *)sqlite3_column_text(st, i);
}

static int exec(fdp_store *s, const char *sql) {
    return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : FD_ERR_IO;
}

// The schema version of an open database: 0 for a new, empty one.
static int schema_version(fdp_store *s, int *version) {
    sqlite3_stmt *st = prepare(s, "PRAGMA user_version", "");
    if (!st || sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return FD_ERR_IO;
    }
    *version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return 0;
}

static int count_of(fdp_store *s, const char *sql) {
    sqlite3_stmt *st = prepare(s, sql, "");
    int n = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

static int has_tables(fdp_store *s) { return count_of(s, "SELECT count(*) FROM sqlite_master"); }

// A store factdiff wrote has tables and indexes only: a trigger or a view in the
// file would run the file's own SQL inside our transactions.
static int has_code(fdp_store *s) {
    return count_of(s, "SELECT count(*) FROM sqlite_master WHERE type IN ('trigger', 'view')");
}

// Creates the schema in a new store, or checks the version of an existing one.
static int prepare_schema(fdp_store *s, const char *path, fd_error *err) {
    int version = 0, tables = has_tables(s);
    if (tables < 0 || schema_version(s, &version) < 0)
        return fdp_error_set(err, FD_ERR_IO, path, 0, 0, 0, "not a factdiff store: %s",
                             fdp_store_error(s));
    if (version == 0 && tables > 0)
        return fdp_error_set(err, FD_ERR_FORMAT, path, 0, 0, 0,
                             "not a factdiff store (an SQLite file with other tables)");
    if (version != 0 && version != FDP_STORE_SCHEMA)
        return fdp_error_set(err, FD_ERR_FORMAT, path, 0, 0, 0,
                             "store schema version %d, this factdiff reads version %d",
                             version, FDP_STORE_SCHEMA);
    if (has_code(s) != 0)
        return fdp_error_set(err, FD_ERR_FORMAT, path, 0, 0, 0,
                             "not a factdiff store (it holds triggers or views)");
    if (version == 0 && (exec(s, "BEGIN") || exec(s, SCHEMA) ||
                         exec(s, "PRAGMA user_version = 1") || exec(s, "COMMIT")))
        return fdp_error_set(err, FD_ERR_IO, path, 0, 0, 0, "cannot create the store: %s",
                             fdp_store_error(s));
    return 0;
}

fdp_store *fdp_store_open(const char *path, bool create, fd_error *err) {
    fdp_error_clear(err);
    fdp_store *s = calloc(1, sizeof *s);
    if (!s) {
        fdp_error_set(err, FD_ERR_NOMEM, path, 0, 0, 0, "%s", fd_strerror(FD_ERR_NOMEM));
        return NULL;
    }
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        fdp_error_set(err, FD_ERR_IO, path, 0, 0, 0, "cannot open the store: %s",
                      s->db ? sqlite3_errmsg(s->db) : fd_strerror(FD_ERR_NOMEM));
        fdp_store_close(s);
        return NULL;
    }
    sqlite3_busy_timeout(s->db, 5000); // a `check --store` may be reading beside us
    // The file may come from anywhere: SQLite's defences against a database
    // crafted to corrupt memory or to run functions from its schema.
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    if (exec(s, "PRAGMA journal_mode=WAL") || exec(s, "PRAGMA synchronous=NORMAL") ||
        exec(s, "PRAGMA foreign_keys=ON")) {
        fdp_error_set(err, FD_ERR_IO, path, 0, 0, 0, "cannot open the store: %s",
                      fdp_store_error(s));
        fdp_store_close(s);
        return NULL;
    }
    if (prepare_schema(s, path, err) < 0) {
        fdp_store_close(s);
        return NULL;
    }
    if (exec(s, CLOCK)) {
        fdp_error_set(err, FD_ERR_IO, path, 0, 0, 0, "cannot open the store: %s",
                      fdp_store_error(s));
        fdp_store_close(s);
        return NULL;
    }
    return s;
}

void fdp_store_close(fdp_store *s) {
    if (!s)
        return;
    sqlite3_close(s->db);
    free(s);
}

int fdp_store_begin(fdp_store *s) { return exec(s, "BEGIN IMMEDIATE"); }
int fdp_store_commit(fdp_store *s) { return exec(s, "COMMIT"); }
void fdp_store_rollback(fdp_store *s) { exec(s, "ROLLBACK"); }

/* ---- documents ------------------------------------------------------------ */

int fdp_store_lookup(fdp_store *s, const char *ident, fdp_doc_version *out) {
    sqlite3_stmt *st = prepare(
        s, "SELECT id, version, versioncreated, hash FROM documents WHERE ident = ?", "T",
        ident);
    if (!st)
        return FD_ERR_IO;
    int rc = sqlite3_step(st);
    int found = rc == SQLITE_ROW;
    if (found) {
        out->id = sqlite3_column_int64(st, 0);
        out->version = sqlite3_column_int64(st, 1);
        const char *vc = column_text(st, 2), *h = column_text(st, 3);
        snprintf(out->versioncreated, sizeof out->versioncreated, "%s", vc ? vc : "");
        snprintf(out->hash, sizeof out->hash, "%s", h ? h : "");
    }
    sqlite3_finalize(st);
    return found || rc == SQLITE_DONE ? found : FD_ERR_IO;
}

int fdp_store_has_hash(fdp_store *s, const char *hash) {
    sqlite3_stmt *st = prepare(s, "SELECT 1 FROM documents WHERE hash = ?", "T", hash);
    if (!st)
        return FD_ERR_IO;
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : FD_ERR_IO;
}

int fdp_store_put_doc(fdp_store *s, const fdp_stored_doc *d, long long *id) {
    int rc = fdp_store_delete_doc(s, d->ident);
    if (rc < 0)
        return rc;
    rc = run(prepare(s,
                     "INSERT INTO documents (ident, path, format, origin, lineno, version,"
                     " versioncreated, source, date, day, hash, bytes, stored) VALUES"
                     " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, datetime('now'))",
                     "TTTTIITTTITB", d->ident, d->path, d->format, d->origin,
                     (long long)d->lineno, d->version, d->versioncreated, d->source, d->date,
                     (long long)d->day, d->hash, (const void *)d->bytes, d->len));
    *id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

int fdp_store_put_claims(fdp_store *s, long long id, const fdp_doc *d) {
    int rc = 0;
    for (size_t i = 0; i < d->nclaims && rc == 0; i++) {
        const fdp_claim *c = &d->claims[i];
        rc = run(prepare(s,
                         "INSERT INTO claims (doc, start, end, line, col, text, unit, key,"
                         " low, high) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         "IIIIIBTTDD", id, (long long)c->start, (long long)c->end,
                         (long long)c->line, (long long)c->column,
                         (const void *)fdp_claim_bytes(c), c->end - c->start, c->unit,
                         c->key, c->value.has_low ? c->value.low : -1e308,
                         c->value.has_high ? c->value.high : 1e308));
    }
    return rc;
}

int fdp_store_delete_doc(fdp_store *s, const char *ident) {
    return run(prepare(s, "DELETE FROM documents WHERE ident = ?", "T", ident));
}

// The row of a documents query as a stored document (valid until the next step).
static fdp_stored_doc row_doc(sqlite3_stmt *st) {
    return (fdp_stored_doc){
        .id = sqlite3_column_int64(st, 0), .ident = column_text(st, 1),
        .path = column_text(st, 2), .format = column_text(st, 3),
        .origin = column_text(st, 4), .lineno = sqlite3_column_int(st, 5),
        .version = sqlite3_column_int64(st, 6), .versioncreated = column_text(st, 7),
        .source = column_text(st, 8), .date = column_text(st, 9),
        .day = (long)sqlite3_column_int64(st, 10), .hash = column_text(st, 11),
        .bytes = sqlite3_column_blob(st, 12), .len = (size_t)sqlite3_column_bytes(st, 12)};
}

// The columns factdiff never leaves NULL are there (a file edited by hand, or
// by an attacker, may have dropped NOT NULL); else says which row lacks one,
// by the column's name in the query of row_doc.
static bool whole_doc(fdp_store *s, sqlite3_stmt *st, const fdp_stored_doc *d) {
    const int required[] = {1, 2, 3, 11}; // ident, path, format, hash
    const char *value[] = {d->ident, d->path, d->format, d->hash};
    for (size_t i = 0; i < sizeof required / sizeof *required; i++)
        if (!value[i]) {
            snprintf(s->msg, sizeof s->msg, "document %lld of the store has no %s", d->id,
                     sqlite3_column_name(st, required[i]));
            return false;
        }
    return true;
}

int fdp_store_each_doc(fdp_store *s, long min_day,
                       int (*each)(void *ctx, const fdp_stored_doc *d), void *ctx) {
    sqlite3_stmt *st =
        prepare(s,
                "SELECT id, ident, path, format, origin, lineno, version, versioncreated,"
                " source, date, day, hash, bytes FROM documents WHERE day >= ? OR day < 0"
                " ORDER BY id",
                "I", min_day == LONG_MIN ? (long long)LLONG_MIN : (long long)min_day);
    if (!st)
        return FD_ERR_IO;
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        fdp_stored_doc d = row_doc(st);
        if (!d.bytes) // SQLite gives NULL for an empty blob
            d.bytes = "";
        rc = whole_doc(s, st, &d) ? each(ctx, &d) : FD_ERR_IO;
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = FD_ERR_IO;
    sqlite3_finalize(st);
    return rc;
}

long fdp_store_max_day(fdp_store *s) {
    sqlite3_stmt *st = prepare(s,
                               "SELECT max(d) FROM (SELECT max(day) AS d FROM documents"
                               " UNION ALL SELECT day FROM clock WHERE name = 'latest')",
                               "");
    long day = -1;
    if (st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        day = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return day >= 0 ? day : -1; // a file may say anything: a day is a count from 1970 or none
}

int fdp_store_set_max_day(fdp_store *s, long day) {
    return run(prepare(s, "INSERT OR REPLACE INTO clock (name, day) VALUES ('latest', ?)", "I",
                       (long long)day));
}

int fdp_store_set_undated_day(fdp_store *s, long day) {
    return run(prepare(s, "UPDATE documents SET day = ? WHERE day < 0", "I", (long long)day));
}

long long fdp_store_doc_count(fdp_store *s) {
    sqlite3_stmt *st = prepare(s, "SELECT count(*) FROM documents", "");
    long long n = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

/* ---- files of a watched directory ----------------------------------------- */

int fdp_store_file_known(fdp_store *s, const char *path, long long size, long long mtime) {
    sqlite3_stmt *st = prepare(s, "SELECT 1 FROM files WHERE path = ? AND size = ? AND mtime = ?",
                               "TII", path, size, mtime);
    if (!st)
        return FD_ERR_IO;
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : FD_ERR_IO;
}

int fdp_store_put_file(fdp_store *s, const char *path, long long size, long long mtime) {
    return run(prepare(s, "INSERT OR REPLACE INTO files (path, size, mtime) VALUES (?, ?, ?)",
                       "TII", path, size, mtime));
}

/* ---- findings and announcements ------------------------------------------- */

int fdp_store_finding_state(fdp_store *s, const char *fingerprint, char state[16]) {
    sqlite3_stmt *st =
        prepare(s, "SELECT state FROM findings WHERE fingerprint = ?", "T", fingerprint);
    if (!st)
        return FD_ERR_IO;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        snprintf(state, 16, "%s", column_text(st, 0) ? column_text(st, 0) : "");
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : FD_ERR_IO;
}

int fdp_store_put_finding(fdp_store *s, const fdp_stored_finding *f, const char *const *docs,
                          size_t ndocs) {
    int rc = run(prepare(s,
                         "INSERT OR REPLACE INTO findings (fingerprint, kind, key, payload,"
                         " state) VALUES (?, ?, ?, ?, 'open')",
                         "TTTT", f->fingerprint, f->kind, f->key, f->payload));
    if (rc == 0)
        rc = run(prepare(s, "DELETE FROM finding_docs WHERE fingerprint = ?", "T",
                         f->fingerprint));
    for (size_t i = 0; i < ndocs && rc == 0; i++)
        rc = run(prepare(s, "INSERT OR IGNORE INTO finding_docs (fingerprint, doc) VALUES (?, ?)",
                         "TT", f->fingerprint, docs[i]));
    return rc;
}

int fdp_store_set_state(fdp_store *s, const char *fingerprint, const char *state) {
    return run(prepare(s, "UPDATE findings SET state = ? WHERE fingerprint = ?", "TT", state,
                       fingerprint));
}

int fdp_store_link_finding(fdp_store *s, const char *fingerprint, const char *ident) {
    return run(prepare(s, "INSERT OR IGNORE INTO finding_docs (fingerprint, doc) VALUES (?, ?)",
                       "TT", fingerprint, ident));
}

int fdp_store_open_findings(fdp_store *s, const char *ident, const char *key,
                            int (*each)(void *ctx, const fdp_stored_finding *f), void *ctx) {
    sqlite3_stmt *st = prepare(s,
                               "SELECT f.fingerprint, f.kind, f.key, f.payload FROM findings f"
                               " JOIN finding_docs d ON d.fingerprint = f.fingerprint"
                               " WHERE d.doc = ? AND f.state = 'open'"
                               " AND (?2 IS NULL OR f.key = ?2) ORDER BY f.rowid",
                               "TT", ident, key);
    if (!st)
        return FD_ERR_IO;
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        fdp_stored_finding f = {column_text(st, 0), column_text(st, 1), column_text(st, 2),
                                column_text(st, 3)};
        rc = each(ctx, &f);
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = FD_ERR_IO;
    sqlite3_finalize(st);
    return rc;
}

int fdp_store_announce(fdp_store *s, const char *fingerprint, const char *change,
                       const char *ident) {
    return run(prepare(s,
                       "INSERT INTO announcements (fingerprint, change, doc, at)"
                       " VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
                       "TTT", fingerprint, change, ident));
}
