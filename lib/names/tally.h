/*
 * tally.h - the names of a run, tallied as its documents get their mentions:
 * each distinct unit (a spelling, with the entity it names or none) once, with
 * its count of mentions and a copy of its first one. All the clustering
 * decides (names.c) depends on these alone, so a run's memory for it grows with
 * the distinct spellings, not with the mentions, and the mentions themselves
 * need not stay in memory until the run is clustered. Internal.
 */
#ifndef FD_NAMES_TALLY_H
#define FD_NAMES_TALLY_H

#include "names/spellings.h"

#define FDP_NO_UNIT UINT32_MAX

/* One unit of the tally. */
typedef struct fdp_name_unit {
    fdp_mention first; /* its first mention in reading order, copied: its surface is
                          its spelling's (the run's pool's), its key set by the
                          clustering, which labels it as every mention of the unit */
    uint64_t first_at, last_at; /* where its first and last mentions are in reading
                                   order (fdp_mention_at) */
    size_t count;      /* its mentions */
    uint32_t spelling; /* its spelling id */
    uint32_t next;     /* the next unit of its spelling, or FDP_NO_UNIT */
} fdp_name_unit;

typedef struct fdp_name_tally {
    fdp_spellings sp;      /* the units' spellings, their keys made once */
    uint32_t *head;        /* by spelling id: its first unit */
    fdp_name_unit *units;  /* in the order first met; they do not move once the run is
                              clustered: findings and the listing point at them */
    size_t nunits, capunits, capspellings;
    bool *gathered;        /* by document index: its mentions are tallied */
    size_t capgathered;
} fdp_name_tally;

/* Where mention k of document d is in reading order (run->mentions order):
 * documents in run order, each one's mentions in order. */
static inline uint64_t fdp_mention_at(const fdp_doc *d, size_t k) {
    return (uint64_t)d->index << 32 | (uint64_t)k;
}

/* The run's tally (run->names_tally), made empty if it has none; NULL when out
 * of memory. */
fdp_name_tally *fdp_tally_of(fd_run *run);
/* The unit of mention m of document d in tally t, or NULL if it was never
 * tallied. */
const fdp_name_unit *fdp_tally_unit_of(const fdp_name_tally *t, const fdp_doc *d,
                                       const fdp_mention *m);
/* True if t tallied the mentions of the document at index i of its run. */
bool fdp_tally_has_doc(const fdp_name_tally *t, size_t i);

#endif
