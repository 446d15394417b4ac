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

/* What the events stage knows of a document. */
typedef struct fdp_doc_places {
    int main_place; /* the place it names most, or -1 */
    int scene;      /* that place if named more than once, else -1 */
    uint64_t *named; /* the places it names (words of the run's sets) */
    int *names; size_t nnames; /* the names it names (its mentions' entities, else their
                                  spellings, numbered), sorted, once each */
    int *salient; size_t nsalient; /* of those, the ones it names more than once */
    int *keys; size_t nkeys; /* its claims' fact keys, numbered, sorted (as often as they come) */
    size_t names_at, keys_at; /* where names and keys start in the blocks of the notes */
} fdp_doc_places;


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
