/*
 * by_event.c - the stages that compare documents (copies, judge, currencies),
 * run an event at a time: a fact is judged within one event, so an event's
 * documents are all that each needs, and what a stage holds follows the
 * largest event, not the run (issue 12: the copies stage's shingles and the
 * judge's groups were the peak of a check's memory).
 *
 * Each event gets a view: a run borrowing its documents (in reading order),
 * with its own indexes over their claims and mentions, which keep their
 * numbers across the whole run. Its findings move to the run in the order the
 * stages made them over the whole run before: every event's judge findings,
 * events in order, then every event's currencies findings.
 *
 * An event's claims come back from the spill file for its view and go back
 * after it (model/spill.c): its findings are fingerprinted before, and keep
 * their claims' numbers, which find them again for the reporters that need
 * more than their ids.
 *
 * Reads: doc->event. Writes: what the stages write (doc->copy_of, findings,
 * their fingerprints).
 */
#include <stdlib.h>
#include <string.h>

#include "compare/compare.h"

/* The documents of every event, grouped: event e's are docs[start[e]] up to
 * docs[start[e + 1]], in reading order. */
typedef struct event_docs_list {
    fdp_doc **docs;
    size_t *start;
    size_t nevents;
} event_docs_list;

static void event_list_free(event_docs_list *l) {
    free(l->docs);
    free(l->start);
}

// An event's slot: a document of no event (-1) goes with the last.
static size_t slot_of(const fdp_doc *d, size_t nevents) {
    return d->event < 0 ? nevents - 1 : (size_t)d->event;
}

// Groups the run's documents by event with a counting sort (stable: reading
// order within an event). The documents of no event, if any, come last.
static int group_by_event(const fd_run *run, event_docs_list *l) {
    size_t n = 0;
    for (size_t i = 0; i < run->ndocs; i++)
        if (run->docs[i]->event >= 0 && (size_t)run->docs[i]->event + 1 > n)
            n = (size_t)run->docs[i]->event + 1;
    n++; // the slot of no event
    *l = (event_docs_list){malloc(sizeof *l->docs * (run->ndocs + 1)),
                           calloc(n + 1, sizeof *l->start), n};
    size_t *at = calloc(n + 1, sizeof *at);
    if (!l->docs || !l->start || !at) {
        free(at);
        return FD_ERR_NOMEM;
    }
    for (size_t i = 0; i < run->ndocs; i++)
        l->start[slot_of(run->docs[i], n) + 1]++;
    for (size_t e = 1; e <= n; e++)
        l->start[e] += l->start[e - 1];
    memcpy(at, l->start, sizeof *at * n);
    for (size_t i = 0; i < run->ndocs; i++)
        l->docs[at[slot_of(run->docs[i], n)]++] = run->docs[i];
    free(at);
    return 0;
}

/* A view of one event: a run borrowing its documents, their texts and claims
 * brought back from the spill file (model/spill.c) for it. */
static int open_view(const fd_run *run, fdp_doc **docs, size_t n, fd_run *view) {
    *view = (fd_run){.rules = run->rules, .docs = docs, .ndocs = n, .capdocs = n,
                     .checked = true};
    for (size_t i = 0; i < n; i++) {
        int rc = fdp_doc_back(docs[i]);
        if (rc < 0)
            return rc;
    }
    return fdp_view_index(view);
}

// Frees the view's own, and lets its documents' claims go back to the spill file.
static void close_view(fd_run *view) {
    for (size_t i = 0; i < view->ndocs; i++)
        fdp_doc_claims_away(view->docs[i]);
    free(view->claims);
    free(view->mentions);
    fdp_run_free_findings(view);
}

// Writes down the numbers of f's claims (and anchor), which find them again
// once they went back to the spill file with their event; f->claims_away says
// they will.
static int number_claims(const fd_run *run, fdp_finding *f) {
    f->numbers = malloc(sizeof *f->numbers * ((size_t)f->nclaims + 1));
    if (!f->numbers)
        return FD_ERR_NOMEM;
    for (int k = 0; k < f->nclaims; k++) {
        f->numbers[k] = f->claims[k]->number;
        f->claims_away |= f->claims[k]->doc->claims_spilled;
    }
    f->anchor_number = f->anchor ? f->anchor->number : 0;
    f->run = run;
    return 0;
}

// Moves from's findings to the end of to's, numbered there.
static int move_findings(fd_run *to, fd_run *from) {
    for (size_t i = 0; i < from->nfindings; i++) {
        fdp_finding *f = fdp_run_new_finding(to);
        if (!f)
            return FD_ERR_NOMEM; // the findings not moved are freed with from
        fdp_finding moved = from->findings[i];
        moved.number = f->number;
        memcpy(moved.id, f->id, sizeof moved.id);
        *f = moved;
        from->findings[i] = (fdp_finding){0};
    }
    fdp_run_free_findings(from);
    return 0;
}

// Moves the view's findings to the end of to's (the run's, or those held for
// after it), their fingerprints and claims' numbers set while their claims
// are at hand; then, like the claims, they wait in the spill file.
static int take_findings(fd_run *run, fd_run *to, fd_run *view) {
    int rc = fdp_fingerprint_findings(view);
    for (size_t i = 0; i < view->nfindings && rc == 0; i++)
        rc = number_claims(run, &view->findings[i]);
    for (size_t i = 0; i < view->nfindings && rc == 0; i++)
        rc = fdp_run_spill_finding(run, &view->findings[i]);
    return rc == 0 ? move_findings(to, view) : rc;
}

// Lets the view's texts go (the copies stage was the last to read them).
static void texts_away(const fd_run *view) {
    for (size_t i = 0; i < view->ndocs; i++)
        fdp_doc_text_away(view->docs[i]);
}

// The stages on one event's view: copies and judge, their findings to the
// run's; then currencies, whose findings are held in later.
static int event_stages(fd_run *run, fd_run *view, fd_run *later) {
    int rc = fdp_find_copies(view);
    if (rc == 0)
        rc = fdp_judge(view);
    texts_away(view);
    if (rc == 0)
        rc = take_findings(run, run, view);
    if (rc == 0)
        rc = fdp_note_currencies(view);
    return rc == 0 ? take_findings(run, later, view) : rc;
}

// Events in order, each with its claims brought back once: the run's findings
// then come in the order the stages made them when each ran on the whole run
// (every event's copies and judge, then every event's currencies).
int fdp_compare_by_event(fd_run *run) {
    event_docs_list l;
    fd_run later = {0};
    int rc = group_by_event(run, &l);
    for (size_t e = 0; rc == 0 && e < l.nevents; e++) {
        size_t n = l.start[e + 1] - l.start[e];
        if (n == 0)
            continue;
        fd_run view;
        rc = open_view(run, l.docs + l.start[e], n, &view);
        if (rc == 0)
            rc = event_stages(run, &view, &later);
        close_view(&view);
    }
    if (rc == 0)
        rc = move_findings(run, &later);
    fdp_run_free_findings(&later);
    event_list_free(&l);
    return rc;
}
