/*
 * compare.h - the comparator's stages, run in this order on a run whose
 * documents are read, extracted and named (see model/model.h for who writes
 * what). Internal.
 */
#ifndef FD_COMPARE_H
#define FD_COMPARE_H

#include "model/model.h"
#include "rules/rules.h"

/* copies.c: sets doc->copy_of on documents that repeat one wire text. */
int fdp_find_copies(fd_run *run);

/* events.c: sets doc->event: which documents report one event. */
int fdp_assign_events(fd_run *run);

/* event_docs.c: notes what the events stage reads of d (its places, names and
 * fact keys, as numbers; its scene), once its own stages are done: the stage
 * then needs no claim or mention of it. Only the next document of the run is
 * noted (1 returned for another: the stage notes it in its turn). 0, 1 or
 * FD_ERR_NOMEM. */
int fdp_note_event_doc(fd_run *run, fdp_doc *d);
/* Frees what was noted (done by the events stage once it has read it). */
void fdp_run_free_event_notes(fd_run *run);

/* judge.c: groups the claims of one event and key into facts and appends a
 * finding with its verdict for each fact that two documents report. */
int fdp_judge(fd_run *run);

/* currencies.c: after the judge, appends a finding of kind currencies for each
 * fact whose sums, keyed by currency, come in two or more currencies from two
 * or more documents: those sums were not compared (no exchange rate is given). */
int fdp_note_currencies(fd_run *run);

/* by_event.c: copies, judge and currencies, as above, run an event at a time
 * (after the events stage), so that they hold one event's documents, not the
 * run's. The findings come in the same order as the stages run on the whole. */
int fdp_compare_by_event(fd_run *run);

#endif
