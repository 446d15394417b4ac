/*
 * model.c - building and freeing the run's data, and the public read API over
 * it: documents, claims, mentions and findings.
 */
#include <stdlib.h>
#include <string.h>

#include "model/model.h"

/* ---- building ------------------------------------------------------------ */

void fd_run_set_progress(fd_run *run, fd_progress_fn fn, void *ctx) {
    if (!run)
        return;
    run->progress = fn;
    run->progress_ctx = ctx;
}

void fd_run_set_check_progress(fd_run *run, fd_progress_fn fn, void *ctx) {
    if (!run)
        return;
    run->check_progress = fn;
    run->check_progress_ctx = ctx;
}

void fdp_run_progress(fd_run *run, size_t bytes) {
    if (run->progress)
        run->progress(run->progress_ctx, bytes);
}

fdp_doc *fdp_run_new_doc(fd_run *run, const char *path) {
    fdp_doc *d = calloc(1, sizeof *d);
    if (d) {
        fdp_format_id(d->id, sizeof d->id, 'd', run->ndocs + 1);
        d->path = fdp_strdup(path);
        d->event = d->scene = -1;
        d->index = run->ndocs;
    }
    if (d)
        (void)fdp_run_docs_read(run); // (a failure is kept for fd_run_check)
    fdp_doc **slot = d && d->path ? FDP_PUSH(run->docs, run->ndocs, run->capdocs)
                                           : NULL;
    if (!slot) {
        fdp_doc_free(d);
        return NULL;
    }
    *slot = d;
    return d;
}

void fdp_run_drop_docs(fd_run *run) {
    for (size_t i = 0; i < run->ndocs; i++)
        fdp_doc_free(run->docs[i]);
    run->ndocs = run->ndocs_read = 0;
}

int fdp_run_docs_read(fd_run *run) {
    for (; run->doc_read && run->ndocs_read < run->ndocs; run->ndocs_read++) {
        int rc = run->doc_read_rc < 0 ? 0 : run->doc_read(run, run->docs[run->ndocs_read]);
        if (rc < 0)
            run->doc_read_rc = rc;
    }
    return run->doc_read_rc;
}

const fd_error fdp_no_room_error = {.code = FD_ERR_NOMEM, .source = "<memory>",
                                     .text = "out of memory: no room for its errors"};

void fdp_doc_error(fdp_doc *d, int code, int line, int col, size_t pos, const char *fmt,
                   const char *arg) {
    if (d->nerrors >= FDP_MAX_ERRORS || (!d->errors && d->nerrors))
        return; // full, or already reporting that there was no room
    if (!d->errors && !(d->errors = calloc(FDP_MAX_ERRORS, sizeof *d->errors))) {
        d->nerrors = 1; // fdp_no_room_error
        return;
    }
    fd_error *e = &d->errors[d->nerrors++];
    fdp_error_clear(e);
    fdp_error_set(e, code, d->path, line, col, pos, fmt, arg);
}

fdp_claim *fdp_doc_new_claim(fdp_doc *d) {
    fdp_claim *c = FDP_PUSH(d->claims, d->nclaims, d->capclaims);
    if (c) {
        c->doc = d;
        c->cls = -1;
    }
    return c;
}

fdp_mention *fdp_doc_new_mention(fdp_doc *d) {
    // (with room, no call: a check makes a mention per few words of its feed)
    fdp_mention *m = d->nmentions < d->capmentions
                         ? &d->mentions[d->nmentions++]
                         : FDP_PUSH(d->mentions, d->nmentions, d->capmentions);
    if (m)
        *m = (fdp_mention){.doc = d, .entity = -1, .cluster = -1};
    return m;
}

fdp_finding *fdp_run_new_finding(fd_run *run) {
    fdp_finding *f = FDP_PUSH(run->findings, run->nfindings, run->capfindings);
    if (f) {
        f->number = run->nfindings;
        fdp_format_id(f->id, sizeof f->id, 'f', f->number);
    }
    return f;
}

// Gives back the room a growable array was given beyond its n elements: the
// document stages are done, and a run holds many documents.
static void trim(void **arr, size_t n, size_t *cap, size_t elem) {
    if (n && n < *cap) {
        void *p = realloc(*arr, n * elem);
        if (p) { // else the array keeps its room: nothing is lost
            *arr = p;
            *cap = n;
        }
    }
}

void fdp_doc_trim(fdp_doc *d) {
    trim((void **)&d->claims, d->nclaims, &d->capclaims, sizeof *d->claims);
    trim((void **)&d->mentions, d->nmentions, &d->capmentions, sizeof *d->mentions);
}

// The run's flat indexes over its documents' claims and mentions; renumber:
// number the claims in the run's reading order. While some documents' claims
// are away (spill.c), there is no index of claims: they are only counted (and
// numbered when they come back).
static int index_run(fd_run *run, bool renumber) {
    size_t nc = 0, nm = 0;
    bool away = false;
    for (size_t i = 0; i < run->ndocs; i++) {
        fdp_doc *d = run->docs[i];
        if (renumber) {
            fdp_doc_trim(d);
            d->claim_base = nc;
            d->claims_numbered = true;
        }
        nc += d->nclaims;
        nm += d->nmentions;
        away |= d->nclaims && !d->claims;
    }
    free(run->claims);
    free(run->mentions);
    run->claims = away ? NULL : malloc(sizeof *run->claims * (nc + 1));
    run->mentions = malloc(sizeof *run->mentions * (nm + 1));
    run->nclaims = run->nmentions = 0;
    if ((!away && !run->claims) || !run->mentions)
        return FD_ERR_NOMEM;
    for (size_t i = 0; i < run->ndocs; i++) {
        fdp_doc *d = run->docs[i];
        if (!d->claims)
            run->nclaims += d->nclaims; // away: numbered as they come back
        for (size_t k = 0; k < d->nclaims && d->claims; k++) {
            if (renumber) {
                d->claims[k].number = run->nclaims + 1;
                fdp_format_id(d->claims[k].id, sizeof d->claims[k].id, 'c', run->nclaims + 1);
            }
            if (run->claims)
                run->claims[run->nclaims] = &d->claims[k];
            run->nclaims++;
        }
        for (size_t k = 0; k < d->nmentions; k++)
            run->mentions[run->nmentions++] = &d->mentions[k];
    }
    return 0;
}

int fdp_run_index(fd_run *run) { return index_run(run, true); }

int fdp_view_index(fd_run *view) { return index_run(view, false); }

void fdp_run_free_findings(fd_run *run) {
    for (size_t i = 0; i < run->nfindings; i++) {
        fdp_finding *f = &run->findings[i];
        fdp_finding_drop_strings(f);
        free(f->mentions);
        free(f->currencies);
    }
    free(run->findings);
    run->findings = NULL;
    run->nfindings = run->capfindings = 0;
}

#define CLAIM_STRINGS 9

// The claim's own strings, as places to read or set.
static void claim_strings(fdp_claim *c, char **at[CLAIM_STRINGS]) {
    char **fields[CLAIM_STRINGS] = {&c->key,  &c->label, &c->counted, &c->attribution, &c->window,
                                    &c->when, &c->agent, &c->place,   &c->topic};
    memcpy(at, fields, sizeof fields);
}

void fdp_doc_drop_claims(fdp_doc *d) {
    fdp_arena_clear(&d->claim_strings); // (pooled strings are the run's: nothing here)
    d->nclaims = 0;
}

void fdp_doc_drop_mentions(fdp_doc *d) {
    for (size_t i = 0; i < d->nmentions; i++) {
        if (!d->surfaces_pooled)
            free(d->mentions[i].surface);
        if (!d->keys_pooled && d->mentions[i].entity < 0) // an entity's key is the rules'
            free(d->mentions[i].key);
    }
    free(d->mentions);
    d->mentions = NULL;
    d->nmentions = d->capmentions = 0;
}

void fdp_doc_clear(fdp_doc *d) {
    fdp_arena_free(&d->claim_strings);
    fdp_doc_drop_mentions(d);
    free(d->claims);
    d->claims = NULL;
    d->nclaims = d->capclaims = 0;
}

// Replaces an owned string by the pool's copy, already interned (so this cannot fail).
static void to_pool(fdp_pool *p, char **s) {
    char *pooled = (char *)fdp_pool_intern(p, *s); // the pool's bytes are never written
    free(*s);
    *s = pooled;
}

// Swaps each string at[k] for its pooled copy pooled[k], freeing those from
// own on (the mentions' surfaces; the claims' are in the document's arena).
static void swap_to_pool(char **const *at, const char *const *pooled, size_t n, size_t own) {
    for (size_t k = 0; k < n; k++) {
        if (k >= own)
            free(*at[k]);
        *at[k] = (char *)pooled[k]; // the pool's bytes are never written
    }
}

// Each claim's bytes, pooled, read in place (a claim's span holds no NUL; were
// one there, the bytes before it): the reporters quote them while the text is
// away (spill.c). Harmless if it stops halfway.
static int pool_claim_bytes(fd_run *run, fdp_doc *d) {
    for (size_t i = 0; i < d->nclaims; i++) {
        fdp_claim *c = &d->claims[i];
        const char *at = d->text + c->start;
        c->text = fdp_pool_intern_n(&run->strings, at, strnlen(at, c->end - c->start));
        if (!c->text)
            return FD_ERR_NOMEM;
    }
    return 0;
}

int fdp_run_pool_doc(fd_run *run, fdp_doc *d) {
    if (d->strings_pooled)
        return 0;
    if (d->text && pool_claim_bytes(run, d) < 0)
        return FD_ERR_NOMEM;
    size_t nm = d->surfaces_pooled ? 0 : d->nmentions; // (those pooled already stay)
    size_t most = d->nclaims * CLAIM_STRINGS + nm, n = 0;
    char ***at = malloc((most + 1) * sizeof *at);
    const char **pooled = malloc((most + 1) * sizeof *pooled);
    int rc = at && pooled ? 0 : FD_ERR_NOMEM;
    // Every string in first, so that a failure leaves d as it was; then the swap.
    // Only the strings there are: most of a claim's nine are NULL.
    for (size_t i = 0; rc == 0 && i < d->nclaims; i++) {
        char **fields[CLAIM_STRINGS];
        claim_strings(&d->claims[i], fields);
        for (int k = 0; k < CLAIM_STRINGS; k++)
            if (*fields[k])
                at[n++] = fields[k];
    }
    size_t own = n;
    for (size_t i = 0; rc == 0 && i < nm; i++)
        if (d->mentions[i].surface)
            at[n++] = &d->mentions[i].surface;
    for (size_t k = 0; rc == 0 && k < n; k++) {
        pooled[k] = fdp_pool_intern(&run->strings, *at[k]);
        rc = pooled[k] ? 0 : FD_ERR_NOMEM;
    }
    if (rc == 0) {
        swap_to_pool(at, pooled, n, own);
        fdp_arena_free(&d->claim_strings);
        d->strings_pooled = d->surfaces_pooled = true;
    }
    free(at);
    free(pooled);
    return rc;
}

int fdp_run_pool_meta(fd_run *run, fdp_doc *d) {
    if (d->meta_pooled)
        return 0;
    const char *source = fdp_pool_intern(&run->strings, d->source),
               *date = fdp_pool_intern(&run->strings, d->date);
    if ((d->source && !source) || (d->date && !date))
        return FD_ERR_NOMEM; // (d unchanged: what was pooled stays unused)
    free(d->source);
    free(d->date);
    d->source = (char *)source; // the pool's bytes are never written
    d->date = (char *)date;
    d->meta_pooled = true;
    return 0;
}

int fdp_run_pool_keys(fd_run *run) {
    for (size_t i = 0; i < run->ndocs; i++) {
        const fdp_doc *d = run->docs[i];
        for (size_t k = 0; k < d->nmentions && !d->keys_pooled; k++)
            if (d->mentions[k].entity < 0 && d->mentions[k].key &&
                !fdp_pool_intern(&run->strings, d->mentions[k].key))
                return FD_ERR_NOMEM;
    }
    for (size_t i = 0; i < run->ndocs; i++) {
        fdp_doc *d = run->docs[i];
        for (size_t k = 0; k < d->nmentions && !d->keys_pooled; k++)
            if (d->mentions[k].entity < 0) // an entity's key is the rules' already
                to_pool(&run->strings, &d->mentions[k].key);
        d->keys_pooled = true;
    }
    return 0;
}

void fdp_doc_free(fdp_doc *d) {
    if (!d)
        return;
    fdp_doc_clear(d);
    free(d->path);
    if (!d->meta_pooled) {
        free(d->source);
        free(d->date);
    }
    free(d->headline);
    free(d->text);
    free(d->errors);
    free(d);
}

const char *fdp_finding_kind_name(fdp_finding_kind k) {
    static const char *const names[] = {"conflict", "disputed", "update",
                                        "compatible", "agreement", "variant",
                                        "currencies"};
    _Static_assert(sizeof names / sizeof *names == FDP_NKINDS, "a name for every kind");
    return (unsigned)k < FDP_NKINDS ? names[k] : "unknown";
}

static const char *plural(size_t n) { return n == 1 ? "" : "s"; }

void fdp_summary(const fd_run *run, fdp_buf *b) {
    size_t k[FDP_NKINDS] = {0}, acked = 0;
    for (size_t i = 0; i < run->nfindings; i++) {
        k[run->findings[i].kind]++;
        acked += run->findings[i].ack != NULL;
    }
    fdp_buf_printf(b, "%zu document%s, %zu claim%s: %zu conflict%s, %zu disputed, %zu update%s, "
                      "%zu agreement%s, %zu compatible",
                   run->ndocs, plural(run->ndocs), run->nclaims, plural(run->nclaims),
                   k[FDP_CONFLICT], plural(k[FDP_CONFLICT]), k[FDP_DISPUTED],
                   k[FDP_UPDATE], plural(k[FDP_UPDATE]), k[FDP_AGREEMENT],
                   plural(k[FDP_AGREEMENT]), k[FDP_COMPATIBLE]);
    if (k[FDP_VARIANT])
        fdp_buf_printf(b, ", %zu name%s spelled differently", k[FDP_VARIANT],
                       plural(k[FDP_VARIANT]));
    if (k[FDP_CURRENCIES])
        fdp_buf_printf(b, ", %zu fact%s in several currencies", k[FDP_CURRENCIES],
                       plural(k[FDP_CURRENCIES]));
    if (acked)
        fdp_buf_printf(b, "; %zu acknowledged", acked);
    size_t stale = fd_run_stale_ack_count(run), errs = fd_run_error_count(run);
    if (stale)
        fdp_buf_printf(b, "; %zu stale acknowledgement%s", stale, plural(stale));
    if (errs)
        fdp_buf_printf(b, "; %zu document%s with errors", errs, plural(errs));
}

void fdp_currencies_head(const fdp_finding *f, fdp_buf *b) {
    fdp_buf_printf(b, "%s in ", f->label ? f->label : f->key);
    for (int u = 0; u < f->ncurrencies; u++)
        fdp_buf_printf(b, "%s%s", u == 0 ? "" : u + 1 < f->ncurrencies ? ", " : " and ",
                       f->currencies[u]);
    // the rules give no exchange rate (rules/units.json), and factdiff invents none
    fdp_buf_puts(b, ", not compared (no exchange rate is given)");
}

void fdp_acks_free(fd_run *run) {
    for (size_t i = 0; i < run->nacks; i++) {
        free(run->acks[i].key);
        free(run->acks[i].why);
        json_decref(run->acks[i].entry);
    }
    free(run->acks);
    free(run->ack_path);
    run->acks = NULL;
    run->ack_path = NULL;
    run->nacks = run->capacks = 0;
}

/* ---- the public read API -------------------------------------------------- */

size_t fd_run_doc_count(const fd_run *run) { return run->ndocs; }
size_t fd_run_claim_count(const fd_run *run) { return run->nclaims; }
size_t fd_run_finding_count(const fd_run *run) { return run->nfindings; }

const fd_doc *fd_run_doc(const fd_run *run, size_t i) {
    return i < run->ndocs ? run->docs[i] : NULL;
}

const fd_finding *fd_run_finding(const fd_run *run, size_t i) {
    return i < run->nfindings ? &run->findings[i] : NULL;
}

size_t fd_run_error_count(const fd_run *run) {
    size_t n = 0;
    for (size_t i = 0; i < run->ndocs; i++)
        n += run->docs[i]->nerrors > 0;
    return n;
}

size_t fd_run_conflict_count(const fd_run *run) {
    size_t n = 0;
    for (size_t i = 0; i < run->nfindings; i++)
        n += fdp_finding_is_discrepancy(run->findings[i].kind);
    return n;
}

const char *fd_doc_id(const fd_doc *d) { return d->id; }
const char *fd_doc_path(const fd_doc *d) { return d->path; }
const char *fd_doc_source(const fd_doc *d) { return d->source; }
const char *fd_doc_date(const fd_doc *d) { return d->date; }
const char *fd_doc_headline(const fd_doc *d) { return d->headline; }

const char *fd_doc_text(const fd_doc *d, size_t *len) {
    (void)fdp_doc_text_back(d); // kept from then on (NULL if it cannot be read back)
    if (len)
        *len = d->text ? d->len : 0;
    return d->text;
}

size_t fd_doc_claim_count(const fd_doc *d) { return d->nclaims; }

const fd_claim *fd_doc_claim(const fd_doc *d, size_t i) {
    if (i >= d->nclaims || fdp_doc_claims_back(d) < 0) // kept from then on
        return NULL;
    return &d->claims[i];
}

size_t fd_doc_error_count(const fd_doc *d) { return (size_t)d->nerrors; }

const fd_error *fd_doc_error(const fd_doc *d, size_t i) {
    return i < (size_t)d->nerrors ? fdp_doc_error_at(d, (int)i) : NULL;
}

const fd_doc *fd_doc_copy_of(const fd_doc *d) { return d->copy_of; }
int fd_doc_event(const fd_doc *d) { return d->event; }

const fd_doc *fd_claim_doc(const fd_claim *c) { return c->doc; }

const char *fd_claim_id(const fd_claim *c) { return c->id; }

fd_span fd_claim_span(const fd_claim *c) {
    return (fd_span){c->start, c->end - c->start, c->line, c->column};
}

const char *fd_claim_text(const fd_claim *c, size_t *len) {
    if (len)
        *len = c->end - c->start;
    return fdp_claim_bytes(c);
}

fd_interval fd_claim_value(const fd_claim *c) { return c->value; }
const char *fd_claim_unit(const fd_claim *c) { return c->unit; }
const char *fd_claim_key(const fd_claim *c) { return c->key; }

const char *fd_claim_frame(const fd_claim *c, fd_frame_slot slot) {
    switch (slot) {
    case FD_FRAME_LABEL: return c->label;
    case FD_FRAME_COUNTED: return c->counted;
    case FD_FRAME_PREDICATE: return c->predicate;
    case FD_FRAME_ENTITY: return c->entity;
    case FD_FRAME_ATTRIBUTION: return c->attribution;
    case FD_FRAME_WINDOW: return c->window;
    case FD_FRAME_YEAR: return c->when;
    case FD_FRAME_CAUSE: return c->agent;
    case FD_FRAME_PLACE: return c->place;
    case FD_FRAME_TOPIC: return c->topic;
    }
    return NULL;
}

unsigned fd_claim_flags(const fd_claim *c) {
    return (c->unsure ? FD_CLAIM_SEPARATOR_UNSURE : 0u) | (c->is_window ? FD_CLAIM_WINDOW : 0u);
}

const char *fd_run_ack_path(const fd_run *run) { return run->ack_path; }

size_t fd_run_stale_ack_count(const fd_run *run) {
    size_t n = 0;
    for (size_t i = 0; i < run->nacks; i++)
        n += !run->acks[i].matched;
    return n;
}

const char *fd_run_stale_ack(const fd_run *run, size_t i, int *line) {
    for (size_t k = 0; k < run->nacks; k++)
        if (!run->acks[k].matched && i-- == 0) {
            if (line)
                *line = run->acks[k].line;
            return run->acks[k].fingerprint;
        }
    return NULL;
}

char *fd_run_summary(const fd_run *run) {
    fdp_buf b = {0};
    fdp_summary(run, &b);
    return fdp_buf_take(&b);
}

const char *fd_kind_name(fd_kind kind) { return fdp_finding_kind_name(kind); }
bool fd_kind_is_discrepancy(fd_kind kind) { return fdp_finding_is_discrepancy(kind); }

fd_kind fd_finding_kind(const fd_finding *f) { return f->kind; }
const char *fd_finding_id(const fd_finding *f) { return f->id; }
// (A finding's strings are brought back from the spill file when first asked
// for, and kept.)
const char *fd_finding_key(const fd_finding *f) { return fdp_finding_back(f) ? NULL : f->key; }
const char *fd_finding_label(const fd_finding *f) {
    return fdp_finding_back(f) ? NULL : f->label;
}
const char *fd_finding_summary(const fd_finding *f) {
    return fdp_finding_back(f) ? NULL : f->summary;
}
int fd_finding_sources(const fd_finding *f) { return f->sources; }
const char *fd_finding_fingerprint(const fd_finding *f) {
    return f->fingerprint[0] ? f->fingerprint : NULL;
}
const char *fd_finding_acknowledgement(const fd_finding *f) { return f->ack ? f->ack->why : NULL; }
size_t fd_finding_claim_count(const fd_finding *f) { return (size_t)f->nclaims; }

// A finding's claims, found again if its event's went back to the spill file
// (they stay from then on, with every claim of the run).
static bool claims_at_hand(const fd_finding *f) {
    return !f->claims_away || fdp_run_claims_back(f->run) == 0;
}

const fd_claim *fd_finding_claim(const fd_finding *f, size_t i) {
    return i < (size_t)f->nclaims && claims_at_hand(f) ? f->claims[i] : NULL;
}

const fd_claim *fd_finding_anchor(const fd_finding *f) {
    return claims_at_hand(f) ? f->anchor : NULL;
}
size_t fd_finding_mention_count(const fd_finding *f) { return (size_t)f->nmentions; }

const fd_mention *fd_finding_mention(const fd_finding *f, size_t i) {
    return i < (size_t)f->nmentions ? f->mentions[i] : NULL;
}

const fd_doc *fd_mention_doc(const fd_mention *m) { return m->doc; }

fd_span fd_mention_span(const fd_mention *m) {
    return (fd_span){m->start, m->end - m->start, m->line, m->column};
}

const char *fd_mention_text(const fd_mention *m) { return m->surface; }
const char *fd_mention_name(const fd_mention *m) { return m->name ? m->name : m->surface; }
