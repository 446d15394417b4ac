/*
 * event_docs.h - what the events stage knows of each document (event_docs.c),
 * for events.c. Internal to the events stage.
 */
#ifndef FD_EVENT_DOCS_H
#define FD_EVENT_DOCS_H

#include "compare/compare.h"

/* Sets of rules entities are bits, words of them long. */
static inline bool set_has(const uint64_t *bits, int e) { return bits[e / 64] >> (e % 64) & 1; }
static inline void set_add(uint64_t *bits, int e) { bits[e / 64] |= (uint64_t)1 << (e % 64); }

/* What the events stage knows of a document: sorted sets of ints (counts and
 * offsets of 32 bits: a run holds one per document). */
typedef struct fdp_doc_places {
    int main_place; /* the place it names most, or -1 */
    int scene;      /* that place if named more than once, else -1 */
    int *places;    /* the places it names (rules entities), sorted, once each: a list, not
                       a set of every place of the rules, which may be many */
    int *names;     /* the names it names (its mentions' entities, else their spellings,
                       numbered), sorted, once each */
    int *salient;   /* of those, the ones it names more than once */
    int *keys;      /* its claims' fact keys, numbered, sorted (as often as they come) */
    uint32_t nplaces, nnames, nsalient, nkeys;
    uint32_t places_at, names_at, keys_at; /* where they start in the blocks of the notes */
} fdp_doc_places;

/* True if the document names place e. */
static inline bool names_place(const fdp_doc_places *p, int e) {
    for (uint32_t i = 0; i < p->nplaces && p->places[i] <= e; i++)
        if (p->places[i] == e)
            return true;
    return false;
}


/* Every document's (borrowed from the run's notes, r->event_notes). */
typedef struct fdp_event_docs {
    const fdp_doc_places *of; /* by document of the run */
    size_t words;             /* the places' sets are words long */
    size_t name_ids, key_ids; /* names are numbered below name_ids, keys below key_ids */
} fdp_event_docs;

/* What is known of every document of r, into ed: the run's notes
 * (fdp_note_event_doc), with the documents not noted yet noted now, in run
 * order (each one's scene set then). 0 or FD_ERR_NOMEM. */
int fdp_read_event_docs(fd_run *r, fdp_event_docs *ed);

#endif
