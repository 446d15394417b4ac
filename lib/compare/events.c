/*
 * events.c - the events stage: which documents report one event. Claims of
 * different events are never compared.
 *
 * Dated documents, sorted by date: a gap of more than EVENT_DAYS starts a new
 * event, unless the document's main place (the place it names most) is that of
 * a document of the current event within LONG_EVENT_DAYS: the reports of a
 * long siege are one story. An undated document joins the dated event it
 * shares most fact keys with; undated documents that share none form one event
 * together, since a user who gives undated articles side by side means them to
 * be compared.
 *
 * Reads: documents' dates, claims' keys, mentions' entities. Writes: doc->event.
 */
#include <stdlib.h>
#include <string.h>

#include "compare/compare.h"

#define EVENT_DAYS 10
#define LONG_EVENT_DAYS 120 /* a siege or a campaign: one place, many weeks */


typedef struct dated {
    size_t doc;
    long day;
    int place; /* the document's main place, or -1 */
} dated;

static int cmp_dated(const void *a, const void *b) {
    const dated *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    return (x->doc > y->doc) - (x->doc < y->doc);
}

typedef struct key_event {
    const char *key;
    int event;
} key_event;

static int cmp_key_event(const void *a, const void *b) {
    const key_event *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : x->event - y->event;
}

/*
 * The place a document names most, as a rules entity (-1 if none), and how
 * many times it names it. ents is scratch room for the document's mentions.
 */
static int main_place(const fd_ruleset *rules, const fdp_doc *d, int *ents, size_t *times) {
    size_t n = 0;
    for (size_t i = 0; i < d->nmentions; i++) {
        int e = d->mentions[i].entity;
        if (e >= 0 && rules->entities[e].type == FDP_ENT_PLACE)
            ents[n++] = e;
    }
    if (n)
        qsort(ents, n, sizeof *ents, fdp_cmp_int);
    int place = -1;
    size_t best_n = 0;
    for (size_t a = 0; a < n;) {
        size_t b = a;
        while (b < n && ents[b] == ents[a])
            b++;
        if (b - a > best_n) {
            best_n = b - a;
            place = ents[a];
        }
        a = b;
    }
    *times = best_n;
    return place;
}

// Fills ds with the dated documents, sorted by date; returns their count.
static size_t dated_documents(const fd_run *r, dated *ds, const int *places) {
    size_t nd = 0;
    for (size_t i = 0; i < r->ndocs; i++) {
        long day = fdp_day_number(r->docs[i]->date);
        if (day >= 0)
            ds[nd++] = (dated){i, day, places[i]};
    }
    if (nd)
        qsort(ds, nd, sizeof *ds, cmp_dated);
    return nd;
}

// Events of the dated documents; returns how many there are.
static int chain_dated(fd_run *r, const dated *ds, size_t nd) {
    int events = 0;
    size_t event_start = 0;
    for (size_t i = 0; i < nd; i++) {
        bool joins = i > 0 && ds[i].day - ds[i - 1].day <= EVENT_DAYS;
        for (size_t k = event_start; i > 0 && !joins && k < i; k++)
            joins = ds[i].place >= 0 && ds[k].place == ds[i].place &&
                    ds[i].day - ds[k].day <= LONG_EVENT_DAYS;
        if (!joins) {
            events++;
            event_start = i;
        }
        r->docs[ds[i].doc]->event = events - 1;
    }
    return events;
}

// The event whose documents share most fact keys with document d, using the
// sorted index of dated documents' keys; -1 if none.
static int best_event(const fdp_doc *d, const key_event *index, size_t n, int *votes,
                      int events) {
    memset(votes, 0, sizeof(int) * (size_t)events);
    for (size_t i = 0; i < d->nclaims; i++) {
        const char *key = d->claims[i].key;
        if (!key)
            continue;
        size_t lo = 0, hi = n;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (strcmp(index[mid].key, key) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t k = lo; k < n && !strcmp(index[k].key, key); k++)
            if (k == lo || index[k].event != index[k - 1].event)
                votes[index[k].event]++;
    }
    int best = -1;
    for (int ev = 0; ev < events; ev++)
        if (votes[ev] > 0 && (best < 0 || votes[ev] > votes[best]))
            best = ev;
    return best;
}

// Places each undated document in an event (see the top of the file).
static int place_undated(fd_run *r, int events) {
    key_event *index = malloc(sizeof *index * (r->nclaims + 1));
    int *votes = malloc(sizeof(int) * ((size_t)events + 1));
    if (!index || !votes) {
        free(index);
        free(votes);
        return FD_ERR_NOMEM;
    }
    size_t n = 0;
    for (size_t i = 0; i < r->nclaims; i++)
        if (r->claims[i]->key && r->claims[i]->doc->event >= 0)
            index[n++] = (key_event){r->claims[i]->key, r->claims[i]->doc->event};
    if (n)
        qsort(index, n, sizeof *index, cmp_key_event);
    int undated_event = -1;
    for (size_t di = 0; di < r->ndocs; di++) {
        fdp_doc *d = r->docs[di];
        if (d->event >= 0)
            continue;
        int ev = events ? best_event(d, index, n, votes, events) : -1;
        if (ev < 0) {
            if (undated_event < 0)
                undated_event = events;
            ev = undated_event;
        }
        d->event = ev;
    }
    free(index);
    free(votes);
    return 0;
}

int fdp_assign_events(fd_run *r) {
    size_t most = 1;
    for (size_t i = 0; i < r->ndocs; i++) {
        r->docs[i]->event = -1;
        if (r->docs[i]->nmentions + 1 > most)
            most = r->docs[i]->nmentions + 1;
    }
    dated *ds = malloc(sizeof *ds * (r->ndocs + 1));
    int *ents = malloc(sizeof *ents * most);
    int *places = malloc(sizeof *places * (r->ndocs + 1));
    if (!ds || !ents || !places) {
        free(ds);
        free(ents);
        free(places);
        return FD_ERR_NOMEM;
    }
    // The scene of a story is the place it names most, if it names it more
    // than once ("in Paris" said once is a part of the story, not its scene).
    for (size_t i = 0; i < r->ndocs; i++) {
        size_t times = 0;
        places[i] = r->rules ? main_place(r->rules, r->docs[i], ents, &times) : -1;
        r->docs[i]->scene = times >= 2 ? places[i] : -1;
    }
    size_t nd = dated_documents(r, ds, places);
    int events = chain_dated(r, ds, nd);
    free(ds);
    free(ents);
    free(places);
    return nd == r->ndocs ? 0 : place_undated(r, events);
}
