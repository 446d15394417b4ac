/*
 * ingest.c - the watch engine: one document at a time is read, stored and
 * judged with the open documents of its window, and what its arrival changed
 * is announced.
 *
 * The window holds the documents whose day is within w->window days of the
 * latest one: each is extracted once, when it arrives (or when a restart
 * reloads it from the store). Every arrival re-runs the run-level stages
 * (names, copies, events, judge, fingerprints) over the documents of the
 * window that share a fact key or a name with it, so a story is judged as
 * `check` would judge it beside them. Older documents are closed: their claims
 * stay in the store, out of memory.
 *
 * What is announced: a finding resting on the arriving document whose
 * fingerprint is not announced and open already (FDP_CH_NEW, or FDP_CH_CHANGED when it
 * takes the place of an open finding of the same key on one of its
 * documents), and, when the arrival replaces or cancels a document, each open
 * finding resting on that document that the new judgement no longer makes
 * (FDP_CH_RESOLVED). The lines are written and flushed before the transaction
 * commits: a crash in between announces that document again on restart, and
 * never loses an announcement.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "compare/compare.h"
#include "names/names.h"
#include "pipeline/watch.h"
#include "read/read.h"

#define DEFAULT_WINDOW 10 /* days: as check groups documents into events */
#define MAX_NEIGHBOURS 1000 /* documents an arrival is judged with, at most */

/* ---- the arriving document ------------------------------------------------ */

// FNV-1a over the bytes, as 16 hex digits: the same bytes are stored once.
static void content_hash(const char *bytes, size_t len, char out[17]) {
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)bytes[i]) * 0x100000001b3ull;
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* What a ninjs item says of itself: its uri, version and status. */
typedef struct identity {
    char *uri;
    long long version;
    char versioncreated[40];
    bool canceled;
} identity;

// ninjs 1.x writes FDP_N_VERSION as a string of digits, some feeds as a number.
static long long ninjs_version(json_t *v) {
    if (json_is_integer(v))
        return (long long)json_integer_value(v);
    const char *s = json_string_value(v);
    return s ? strtoll(s, NULL, 10) : 0;
}

static void read_identity(const fdp_arrival *a, identity *id) {
    memset(id, 0, sizeof *id);
    if (!strcmp(a->format, FDP_FMT_TEXT))
        return;
    json_t *o = json_loadb(a->bytes, a->len, 0, NULL);
    if (!json_is_object(o)) {
        json_decref(o);
        return;
    }
    const char *uri = json_string_value(json_object_get(o, FDP_N_URI));
    const char *vc = json_string_value(json_object_get(o, FDP_N_VERSIONCREATED));
    const char *status = json_string_value(json_object_get(o, FDP_N_PUBSTATUS));
    id->uri = uri && *uri ? fdp_strdup(uri) : NULL;
    id->version = ninjs_version(json_object_get(o, FDP_N_VERSION));
    snprintf(id->versioncreated, sizeof id->versioncreated, "%s", vc ? vc : "");
    id->canceled = status && !strcmp(status, FDP_N_CANCELED);
    json_decref(o);
}

// True when the arriving item is a later version than the one stored.
static bool is_newer(const identity *id, const fdp_doc_version *old) {
    if (id->version || old->version)
        return id->version > old->version;
    return strcmp(id->versioncreated, old->versioncreated) > 0;
}

// Reads an arrival (or a stored document) into r, as the read stage read it first.
static int add_arrival(fd_run *r, const fdp_arrival *a) {
    if (!strcmp(a->format, FDP_FMT_TEXT))
        return fdp_read_text(r, a->path, a->bytes, a->len, a->source, a->date);
    if (!strcmp(a->format, FDP_FMT_NINJS))
        return fdp_read_ninjs_doc(r, a->path, a->bytes, a->len, a->source);
    return fdp_read_ninjs_line(r, a->origin ? a->origin : "<stdin>", a->lineno, a->bytes,
                               a->len, a->offset, a->source);
}

// Reads the arrival into a run of its own: one document, or none (a blank line).
static int read_arrival(const fd_ruleset *rules, const fdp_arrival *a, fd_run **out) {
    fd_run *r = fd_run_new(rules);
    if (!r)
        return FD_ERR_NOMEM;
    r->doc_read = NULL; // its stages run here; its document goes on to the window
    int rc = add_arrival(r, a);
    if (rc < 0) {
        fd_run_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

static void report_errors(fd_watch *w, const fdp_doc *d) {
    for (int k = 0; k < d->nerrors; k++) {
        const fd_error *e = fdp_doc_error_at(d, k);
        if (e->line > 0)
            fprintf(w->err, "%s:%d:%d: error: %s (byte %zu)\n", fdp_error_place(e, d->path),
                    e->line, e->column, e->text, e->position);
        else
            fprintf(w->err, "%s: error: %s\n", d->path, e->text);
    }
    fflush(w->err);
}

// The document stages (tokens, claims, name mentions), as run.c runs them.
static int extract(fd_watch *w, fdp_doc *d) {
    int rc = fdp_tokenize_doc(w->rules, d, NULL, NULL, &w->toks);
    if (rc == 0)
        rc = fdp_extract_doc(w->x, d, &w->toks);
    if (rc == 0)
        rc = fdp_find_mentions(w->rules, d, &w->toks);
    return rc;
}

/* ---- the window ----------------------------------------------------------- */

static void live_free(fdp_live *l) {
    fdp_doc_free(l->doc);
    free(l->ident);
}

// Takes d (and a copy of ident) into the window.
static int live_add(fd_watch *w, fdp_doc *d, const char *ident, long day) {
    char *id = fdp_strdup(ident);
    fdp_live *l = id ? FDP_PUSH(w->live, w->nlive, w->caplive) : NULL;
    if (!l) {
        free(id);
        fdp_doc_free(d);
        return FD_ERR_NOMEM;
    }
    *l = (fdp_live){d, id, day};
    return 0;
}

// Removes the document of ident from the window (if it is there).
static void live_remove(fd_watch *w, const char *ident) {
    for (size_t i = 0; i < w->nlive; i++)
        if (!strcmp(w->live[i].ident, ident)) {
            live_free(&w->live[i]);
            memmove(&w->live[i], &w->live[i + 1], (w->nlive - i - 1) * sizeof *w->live);
            w->nlive--;
            return;
        }
}

// Closes the documents older than the window: their claims stay in the store.
static void close_old(fd_watch *w) {
    if (w->max_day < 0) // no dated story yet: none is old
        return;
    long horizon = w->max_day - w->window;
    size_t kept = 0;
    for (size_t i = 0; i < w->nlive; i++) {
        if (w->live[i].day >= 0 && w->live[i].day < horizon)
            live_free(&w->live[i]);
        else
            w->live[kept++] = w->live[i];
    }
    w->nlive = kept;
}

// The day the window counts a document on: its date, else the latest day seen.
static long doc_day(fd_watch *w, const fdp_doc *d) {
    long day = fdp_day_number(d->date);
    return day >= 0 ? day : w->max_day;
}

// A dated day arrives: documents that came before any date take it.
static int advance_days(fd_watch *w, long day) {
    if (day < 0 || day <= w->max_day)
        return 0;
    if (w->max_day < 0) {
        for (size_t i = 0; i < w->nlive; i++)
            if (w->live[i].day < 0)
                w->live[i].day = day;
        int rc = fdp_store_set_undated_day(w->store, day);
        if (rc < 0)
            return rc;
    }
    w->max_day = day;
    close_old(w);
    return fdp_store_set_max_day(w->store, day); // kept for a restart
}

/* ---- judging the window --------------------------------------------------- */

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

// The fact keys and name keys of d, sorted (borrowed from d); NULL when out of memory.
static const char **doc_keys(const fdp_doc *d, size_t *n) {
    const char **keys = malloc(sizeof *keys * (d->nclaims + d->nmentions + 1));
    *n = 0;
    for (size_t i = 0; keys && i < d->nclaims; i++)
        if (d->claims[i].key)
            keys[(*n)++] = d->claims[i].key;
    for (size_t i = 0; keys && i < d->nmentions; i++)
        if (d->mentions[i].key)
            keys[(*n)++] = d->mentions[i].key;
    if (keys && *n)
        qsort(keys, *n, sizeof *keys, cmp_str);
    return keys;
}

static bool shares_key(const fdp_doc *d, const char **keys, size_t n) {
    for (size_t i = 0; i < d->nclaims; i++)
        if (d->claims[i].key && bsearch(&d->claims[i].key, keys, n, sizeof *keys, cmp_str))
            return true;
    for (size_t i = 0; i < d->nmentions; i++)
        if (d->mentions[i].key && bsearch(&d->mentions[i].key, keys, n, sizeof *keys, cmp_str))
            return true;
    return false;
}

/*
 * The documents of the window the arrival of cause can make a finding with:
 * those sharing a fact key or a name with it (and cause itself), the latest
 * MAX_NEIGHBOURS of them. Judging these, not the whole window, keeps the cost
 * of an arrival to the story's own neighbourhood on a desk of thousands of
 * stories a day; a finding that rests on cause rests on claims of its keys or
 * mentions of its names, so it is the same. Fills w->sel with live indexes.
 */
static int select_neighbours(fd_watch *w, const fdp_doc *cause) {
    size_t nkeys = 0;
    const char **keys = doc_keys(cause, &nkeys);
    size_t *sel = realloc(w->sel, sizeof *sel * (w->nlive + 1));
    if (!keys || !sel) {
        free(keys);
        if (sel)
            w->sel = sel;
        return FD_ERR_NOMEM;
    }
    w->sel = sel;
    w->nsel = 0;
    for (size_t i = w->nlive; i-- > 0 && w->nsel < MAX_NEIGHBOURS;)
        if (w->live[i].doc == cause || (nkeys && shares_key(w->live[i].doc, keys, nkeys)))
            w->sel[w->nsel++] = i;
    // Back in arrival order, as check reads documents in the order given.
    for (size_t a = 0, b = w->nsel; a + 1 < b; a++, b--) {
        size_t t = w->sel[a];
        w->sel[a] = w->sel[b - 1];
        w->sel[b - 1] = t;
    }
    free(keys);
    return 0;
}

/*
 * A run over the selected documents of the window (w->sel), borrowed: the
 * run-level stages write only run-level results on them (indexes, clusters,
 * copy_of, event), which the next judgement writes again. detach_window gives
 * them back before the run is freed.
 */
static fd_run *judge_window(fd_watch *w, int *rc) {
    fd_run *r = fd_run_new(w->rules);
    if (r)
        r->doc_read = NULL;
    fdp_doc **docs = malloc(sizeof *docs * (w->nsel + 1));
    if (!r || !docs) {
        fd_run_free(r);
        free(docs);
        *rc = FD_ERR_NOMEM;
        return NULL;
    }
    for (size_t i = 0; i < w->nsel; i++) {
        docs[i] = w->live[w->sel[i]].doc;
        docs[i]->index = i;
    }
    r->docs = docs;
    r->ndocs = r->capdocs = w->nsel;
    r->checked = true;
    *rc = fdp_run_index(r);
    if (*rc == 0)
        *rc = fdp_assign_events(r);
    if (*rc == 0)
        *rc = fdp_cluster_names(r);
    if (*rc == 0)
        *rc = fdp_compare_by_event(r); // as check does
    if (*rc == 0)
        *rc = fdp_fingerprint_findings(r);
    return r;
}

static void detach_window(fd_run *r) {
    if (!r)
        return;
    free(r->docs);
    r->docs = NULL;
    r->ndocs = r->capdocs = 0;
    fd_run_free(r);
}

static bool rests_on(const fd_finding *f, const fdp_doc *d) {
    for (int i = 0; i < f->nclaims; i++)
        if (f->claims[i]->doc == d)
            return true;
    for (int i = 0; i < f->nmentions; i++)
        if (f->mentions[i]->doc == d)
            return true;
    return false;
}

static bool in_run(const fd_run *r, const char *fingerprint) {
    for (size_t i = 0; i < r->nfindings; i++)
        if (!strcmp(r->findings[i].fingerprint, fingerprint))
            return true;
    return false;
}

// The idents of the documents a finding rests on (w's window), each once.
static size_t finding_docs(const fd_watch *w, const fd_finding *f, const char **out) {
    size_t n = 0;
    int total = f->nclaims + f->nmentions;
    for (int i = 0; i < total; i++) {
        const fdp_doc *d = i < f->nclaims ? f->claims[i]->doc : f->mentions[i - f->nclaims]->doc;
        const char *ident = w->live[w->sel[d->index]].ident;
        bool seen = false;
        for (size_t k = 0; k < n && !seen; k++)
            seen = out[k] == ident;
        if (!seen)
            out[n++] = ident;
    }
    return n;
}

/* The open finding a new one takes the place of: same key and kind, on one of
 * its documents, no longer made. A finding of another kind is not changed but
 * resolved (a correction that turns a conflict into an agreement resolves the
 * conflict, and the agreement is new). */
typedef struct replaced {
    const fd_run *run;
    const char *kind;
    char fingerprint[FDP_FINGERPRINT_LEN + 1];
} replaced;

static int find_replaced(void *ctx, const fdp_stored_finding *f) {
    replaced *rp = ctx;
    if (in_run(rp->run, f->fingerprint) || strcmp(f->kind, rp->kind))
        return 0;
    snprintf(rp->fingerprint, sizeof rp->fingerprint, "%s", f->fingerprint);
    return 1;
}

// Stores and announces one finding the arrival made (new or changed).
static int announce_made(fd_watch *w, const fd_run *r, const fd_finding *f,
                         const fdp_doc *cause, const char *ident) {
    const char **docs = malloc(sizeof *docs * ((size_t)(f->nclaims + f->nmentions) + 1));
    json_t *payload = fdp_announcement_json(f, cause);
    char *text = payload ? json_dumps(payload, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    int rc = docs && text ? 0 : FD_ERR_NOMEM;
    size_t nd = rc == 0 ? finding_docs(w, f, docs) : 0;
    replaced rp = {r, fd_kind_name(f->kind), ""};
    for (size_t i = 0; i < nd && rc == 0 && !rp.fingerprint[0]; i++) {
        rc = fdp_store_open_findings(w->store, docs[i], f->key, find_replaced, &rp);
        rc = rc > 0 ? 0 : rc;
    }
    fdp_stored_finding sf = {f->fingerprint, fd_kind_name(f->kind), f->key, text};
    if (rc == 0 && rp.fingerprint[0])
        rc = fdp_store_set_state(w->store, rp.fingerprint, FDP_ST_SUPERSEDED);
    const char *change = rp.fingerprint[0] ? FDP_CH_CHANGED : FDP_CH_NEW;
    if (rc == 0)
        rc = fdp_store_put_finding(w->store, &sf, docs, nd);
    if (rc == 0)
        rc = fdp_store_announce(w->store, f->fingerprint, change, ident);
    if (rc == 0)
        rc = fdp_announce(w, change, payload, rp.fingerprint[0] ? rp.fingerprint : NULL);
    free(text);
    json_decref(payload);
    free(docs);
    return rc;
}

/* The open findings of a replaced or canceled document, collected before any
 * is changed: SQLite should not see rows updated under a statement walking them. */
typedef struct open_one {
    char *fingerprint, *payload;
} open_one;

typedef struct open_list {
    const fd_run *run;
    open_one *items;
    size_t n, cap;
} open_list;

static int collect_open(void *ctx, const fdp_stored_finding *f) {
    open_list *ol = ctx;
    if (ol->run && in_run(ol->run, f->fingerprint))
        return 0;
    open_one *o = FDP_PUSH(ol->items, ol->n, ol->cap);
    if (!o)
        return FD_ERR_NOMEM;
    o->fingerprint = fdp_strdup(f->fingerprint);
    o->payload = fdp_strdup(f->payload);
    return o->fingerprint && o->payload ? 0 : FD_ERR_NOMEM;
}

// Announces as resolved each finding of ident the judgement r no longer makes.
static int announce_resolved(fd_watch *w, const fd_run *r, const char *ident) {
    open_list ol = {r, NULL, 0, 0};
    int rc = fdp_store_open_findings(w->store, ident, NULL, collect_open, &ol);
    for (size_t i = 0; i < ol.n; i++) {
        open_one *o = &ol.items[i];
        json_t *payload = rc == 0 && o->payload ? json_loads(o->payload, 0, NULL) : NULL;
        if (rc == 0 && !payload)
            rc = o->payload ? FD_ERR_FORMAT : FD_ERR_NOMEM;
        if (rc == 0)
            rc = fdp_store_set_state(w->store, o->fingerprint, FDP_ST_RESOLVED);
        if (rc == 0)
            rc = fdp_store_announce(w->store, o->fingerprint, FDP_CH_RESOLVED, ident);
        if (rc == 0)
            rc = fdp_announce(w, FDP_CH_RESOLVED, payload, NULL);
        json_decref(payload);
        free(o->fingerprint);
        free(o->payload);
    }
    free(ol.items);
    return rc;
}

/*
 * Judges the window after the arrival of cause (NULL for a cancellation of
 * ident) and announces what changed; replacing: cause took the place of an
 * earlier version, whose findings may be resolved.
 */
static int rejudge(fd_watch *w, const fdp_doc *cause, const char *ident, bool replacing) {
    // A canceled document makes nothing: what rested on it is resolved.
    int rc = cause ? select_neighbours(w, cause) : 0;
    fd_run *r = cause && rc == 0 ? judge_window(w, &rc) : NULL;
    for (size_t i = 0; r && rc == 0 && cause && i < r->nfindings; i++) {
        const fd_finding *f = &r->findings[i];
        char state[16] = "";
        if (!rests_on(f, cause))
            continue;
        rc = fdp_store_finding_state(w->store, f->fingerprint, state);
        // Announced and open already: it rests on this story too now, so that a
        // correction of the story re-judges it.
        if (rc == 1 && !strcmp(state, FDP_ST_OPEN))
            rc = fdp_store_link_finding(w->store, f->fingerprint, ident);
        else if (rc >= 0)
            rc = announce_made(w, r, f, cause, ident);
    }
    if (rc == 0 && (replacing || !cause))
        rc = announce_resolved(w, r, ident);
    detach_window(r);
    return rc;
}

/* ---- one arrival ---------------------------------------------------------- */

// An arrival that changes nothing: the same bytes again, or an older version.
static int skip(fd_watch *w, const fdp_doc *d, const char *why, bool always) {
    w->skipped++;
    if (always || (w->options & FD_OPT_VERBOSE)) {
        fprintf(w->err, "%s: note: %s\n", d->path, why);
        fflush(w->err);
    }
    return 0;
}

// A canceled item: it leaves the store and the window; its findings are re-judged.
static int cancel(fd_watch *w, const fdp_doc *d, const char *ident, bool found) {
    if (!found)
        return skip(w, d, "canceled, but never stored: skipped", false);
    int rc = fdp_store_delete_doc(w->store, ident);
    if (rc < 0)
        return rc;
    live_remove(w, ident);
    w->ingested++;
    return rejudge(w, NULL, ident, true);
}

/*
 * Stores the document of r (taking it into the window) and judges it, inside
 * the open transaction. ident: the ninjs uri, else the file's path, else (a
 * line of a stream without a uri) its hash.
 */
static int store_and_judge(fd_watch *w, fd_run *r, const fdp_arrival *a, const identity *id,
                           const char *ident, const char *hash) {
    fdp_doc *d = r->docs[0];
    fdp_doc_version old;
    int found = fdp_store_lookup(w->store, ident, &old);
    if (found < 0)
        return found;
    if (found && !strcmp(old.hash, hash) && !id->canceled)
        return skip(w, d, "already stored: skipped", false);
    if (found && id->uri && !is_newer(id, &old))
        return skip(w, d, "not newer than the version stored: skipped", true);
    if (id->canceled)
        return cancel(w, d, ident, found);
    int dup = found ? 0 : fdp_store_has_hash(w->store, hash);
    if (dup != 0)
        return dup < 0 ? dup : skip(w, d, "the same bytes as a stored document: skipped", false);
    int rc = extract(w, d);
    if (rc == 0)
        rc = advance_days(w, fdp_day_number(d->date));
    long day = doc_day(w, d);
    fdp_stored_doc sd = {0, ident, d->path, a->format, a->origin, a->lineno, id->version,
                         id->versioncreated[0] ? id->versioncreated : NULL, a->source,
                         a->date, day, hash, a->bytes, a->len};
    long long rowid = 0;
    if (rc == 0)
        rc = fdp_store_put_doc(w->store, &sd, &rowid);
    if (rc == 0)
        rc = fdp_store_put_claims(w->store, rowid, d);
    if (rc < 0)
        return rc;
    live_remove(w, ident);
    r->ndocs = 0; // d belongs to the window now
    rc = live_add(w, d, ident, day);
    if (rc == 0)
        rc = rejudge(w, d, ident, found);
    // A story dated before the window (a late one) was judged with the window
    // as it came, and is closed now: it is not in the window a restart reloads.
    if (rc == 0)
        close_old(w);
    w->ingested += rc == 0;
    return rc;
}

int fdp_watch_ingest(fd_watch *w, const fdp_arrival *a) {
    fd_run *r = NULL;
    int rc = read_arrival(w->rules, a, &r);
    if (rc < 0)
        return rc;
    fdp_doc *d = r->ndocs ? r->docs[0] : NULL;
    identity id;
    read_identity(a, &id);
    // A cancellation needs no text: a wire's kill notice often has no body, and
    // it must still take the story out of the store.
    bool kill = d && id.canceled && id.uri;
    // A document with an error is reported and counted (the exit status says so);
    // one that was still read (a stray invalid byte) is stored and judged.
    if (d && d->nerrors && !kill) {
        report_errors(w, d);
        w->errors++;
    }
    if (!d || (d->skip && !kill)) { // a blank line, or nothing readable: the watch goes on
        free(id.uri);
        fd_run_free(r);
        return 0;
    }
    char hash[17], hash_ident[24];
    content_hash(a->bytes, a->len, hash);
    snprintf(hash_ident, sizeof hash_ident, "sha:%s", hash);
    const char *ident = id.uri                          ? id.uri
                        : !strcmp(a->format, FDP_FMT_LINE) ? hash_ident
                                                         : d->path;
    rc = fdp_store_begin(w->store);
    if (rc == 0)
        rc = store_and_judge(w, r, a, &id, ident, hash);
    if (rc == 0)
        rc = fdp_store_commit(w->store);
    else
        fdp_store_rollback(w->store);
    if (rc == FD_ERR_IO) { // SQLite's words may quote a hostile file's names
        const char *msg = fdp_store_error(w->store);
        fputs("factdiff: store: ", w->err);
        fdp_fput_text(w->err, msg, strlen(msg));
        fputc('\n', w->err);
    }
    free(id.uri);
    fd_run_free(r);
    return rc;
}

/* ---- opening, restarting -------------------------------------------------- */

// A stored document as it arrived.
static fdp_arrival stored_arrival(const fdp_stored_doc *sd) {
    return (fdp_arrival){sd->path, sd->format, sd->origin, sd->lineno, 0,
                         sd->bytes, sd->len, sd->source, sd->date};
}

// Takes a stored document of the window back in: read and extracted again.
static int reload_one(void *ctx, const fdp_stored_doc *sd) {
    fd_watch *w = ctx;
    fdp_arrival a = stored_arrival(sd);
    fd_run *r = NULL;
    int rc = read_arrival(w->rules, &a, &r);
    if (rc < 0)
        return rc;
    fdp_doc *d = r->ndocs ? r->docs[0] : NULL;
    if (d && !d->skip && (rc = extract(w, d)) == 0) {
        r->ndocs = 0;
        rc = live_add(w, d, sd->ident, sd->day);
    }
    fd_run_free(r);
    return rc;
}

fd_watch *fd_watch_new(const fd_ruleset *rules, const char *store_path, int window_days,
                       fd_error *err) {
    fdp_error_clear(err);
    fd_watch *w = calloc(1, sizeof *w);
    if (!w) {
        fdp_error_set(err, FD_ERR_NOMEM, store_path, 0, 0, 0, "%s", fd_strerror(FD_ERR_NOMEM));
        return NULL;
    }
    *w = (fd_watch){.rules = rules, .window = window_days > 0 ? window_days : DEFAULT_WINDOW,
                    .format = FD_WATCH_JSONL, .out = stdout, .err = stderr, .max_day = -1};
    w->store = fdp_store_open(store_path, true, err);
    w->x = w->store ? fdp_extractor_new(rules, err) : NULL;
    if (!w->x) {
        fd_watch_free(w);
        return NULL;
    }
    w->max_day = fdp_store_max_day(w->store);
    long from = w->max_day >= 0 ? w->max_day - w->window : LONG_MIN;
    int rc = fdp_store_each_doc(w->store, from, reload_one, w);
    if (rc < 0) {
        fdp_error_set(err, rc, store_path, 0, 0, 0, "cannot reload the store: %s",
                      rc == FD_ERR_IO ? fdp_store_error(w->store) : fd_strerror(rc));
        fd_watch_free(w);
        return NULL;
    }
    return w;
}

void fd_watch_output(fd_watch *w, fd_watch_format format, unsigned options, FILE *out,
                     FILE *errout) {
    w->format = format;
    w->options = options;
    w->out = out;
    w->err = errout;
}

unsigned long fd_watch_ingested(const fd_watch *w) { return w->ingested; }
unsigned long fd_watch_error_count(const fd_watch *w) { return w->errors; }

void fd_watch_free(fd_watch *w) {
    if (!w)
        return;
    for (size_t i = 0; i < w->nlive; i++)
        live_free(&w->live[i]);
    free(w->live);
    free(w->sel);
    fdp_doc_tokens_free(&w->toks);
    fdp_extractor_free(w->x);
    fdp_store_close(w->store);
    free(w);
}

/* ---- a stream of ninjs lines ---------------------------------------------- */

int fd_watch_stream(fd_watch *w, FILE *in, const char *name) {
    char *line = NULL;
    size_t cap = 0, offset = 0;
    ssize_t n;
    int lineno = 0, rc = 0;
    errno = 0;
    while (rc == 0 && (n = getline(&line, &cap, in)) >= 0) {
        lineno++;
        size_t len = (size_t)n;
        if (len && line[len - 1] == '\n')
            len--;
        // A byte order mark before the first line is no part of the JSON.
        size_t skip_bom = lineno == 1 && len >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3) ? 3 : 0;
        fdp_arrival a = {NULL, FDP_FMT_LINE, name, lineno, offset + skip_bom,
                         line + skip_bom, len - skip_bom, NULL, NULL};
        rc = fdp_watch_ingest(w, &a);
        offset += (size_t)n;
    }
    // A signal (SIGINT, SIGTERM) interrupts the read: a stop, not a broken stream.
    if (rc == 0 && ferror(in) && errno != EINTR) {
        fprintf(w->err, "%s:%d: error: read error\n", name, lineno + 1);
        rc = FD_ERR_IO;
    }
    free(line);
    return rc;
}

/* ---- check --store -------------------------------------------------------- */

static int add_stored(void *ctx, const fdp_stored_doc *sd) {
    fdp_arrival a = stored_arrival(sd);
    int rc = add_arrival(ctx, &a);
    return rc < 0 ? rc : 0;
}

int fd_run_add_store(fd_run *run, const char *store_path, fd_error *err) {
    fdp_error_clear(err);
    if (run->checked)
        return fdp_error_set(err, FD_ERR_USAGE, store_path, 0, 0, 0,
                             "the run is checked already: add the store before fd_run_check");
    fdp_store *s = fdp_store_open(store_path, false, err);
    if (!s)
        return err ? err->code : FD_ERR_IO;
    size_t before = run->ndocs;
    int rc = fdp_store_each_doc(s, LONG_MIN, add_stored, run);
    if (rc >= 0)
        (void)fdp_run_docs_read(run); // the last one too (a failure: fd_run_check's)
    if (rc < 0)
        fdp_error_set(err, rc, store_path, 0, 0, 0, "cannot read the store: %s",
                      rc == FD_ERR_IO ? fdp_store_error(s) : fd_strerror(rc));
    fdp_store_close(s);
    return rc < 0 ? rc : (int)(run->ndocs - before);
}
