/*
 * tally.c - the run's names tally (tally.h): each document's mentions counted
 * into their units as the document gets them, and the labels of the
 * clustering handed back to a document's mentions from its units.
 */
#include <stdlib.h>
#include <string.h>

#include "names/names.h"
#include "names/tally.h"

fdp_name_tally *fdp_tally_of(fd_run *run) {
    if (!run->names_tally) {
        run->names_tally = calloc(1, sizeof *run->names_tally);
        if (run->names_tally)
            fdp_spellings_init(&run->names_tally->sp, run->rules);
    }
    return run->names_tally;
}

void fdp_names_free_tally(fd_run *run) {
    fdp_name_tally *t = run->names_tally;
    if (!t)
        return;
    fdp_spellings_free(&t->sp);
    free(t->head);
    free(t->units);
    free(t->gathered);
    free(t);
    run->names_tally = NULL;
}

// Room in t->head for spelling id, the new room with no unit.
static int head_room(fdp_name_tally *t, size_t id) {
    if (id < t->capspellings)
        return 0; // (nearly every mention's spelling is an old one: no call)
    size_t had = t->capspellings;
    if (!FDP_ROOM(t->head, t->capspellings, id + 1))
        return FD_ERR_NOMEM;
    for (size_t k = had; k < t->capspellings; k++)
        t->head[k] = FDP_NO_UNIT;
    return 0;
}

bool fdp_tally_has_doc(const fdp_name_tally *t, size_t i) {
    return i < t->capgathered && t->gathered[i];
}

// The spelling id of surface s (pooled: the run's pool's). A spelling new to
// the tally is kept as the pool's copy, which outlives every document: a
// pooled surface is that copy already.
static long spelling_of(fd_run *run, fdp_name_tally *t, const char *s, bool pooled) {
    if (pooled)
        return fdp_spellings_add(&t->sp, s, true);
    long id = fdp_spellings_find(&t->sp, s, false);
    if (id >= 0)
        return id;
    const char *copy = fdp_pool_intern(&run->strings, s);
    return copy ? fdp_spellings_add(&t->sp, copy, true) : FD_ERR_NOMEM;
}

// The unit of spelling id naming entity (or -1), or FDP_NO_UNIT.
static uint32_t find_unit(const fdp_name_tally *t, uint32_t id, int entity) {
    uint32_t u = t->head[id];
    while (u != FDP_NO_UNIT && t->units[u].first.entity != entity)
        u = t->units[u].next;
    return u;
}

// The unit of spelling id naming entity, added with no mention if new (last of
// its spelling's). Returns it, or FD_ERR_NOMEM.
static long unit_for(fdp_name_tally *t, uint32_t id, int entity) {
    if (head_room(t, id) < 0)
        return FD_ERR_NOMEM;
    uint32_t u = find_unit(t, id, entity);
    if (u != FDP_NO_UNIT)
        return u;
    if (t->nunits >= FDP_NO_UNIT - 1)
        return FD_ERR_NOMEM; // units are 32-bit ids: no run names four billion names
    fdp_name_unit *unit = FDP_PUSH(t->units, t->nunits, t->capunits);
    if (!unit)
        return FD_ERR_NOMEM;
    *unit = (fdp_name_unit){.spelling = id, .next = FDP_NO_UNIT, .first.entity = entity};
    uint32_t *link = &t->head[id];
    while (*link != FDP_NO_UNIT)
        link = &t->units[*link].next;
    *link = (uint32_t)(t->nunits - 1);
    return *link;
}

// Mention k of d counted into its unit, whose copy of its first mention it
// becomes if it comes first in reading order.
static int tally_mention(fd_run *run, fdp_name_tally *t, const fdp_doc *d, size_t k) {
    const fdp_mention *m = &d->mentions[k];
    long id = spelling_of(run, t, m->surface, d->surfaces_pooled);
    long u = id < 0 ? id : unit_for(t, (uint32_t)id, m->entity);
    if (u < 0)
        return FD_ERR_NOMEM;
    fdp_name_unit *unit = &t->units[u];
    uint64_t at = fdp_mention_at(d, k);
    if (!unit->count || at < unit->first_at) {
        unit->first = *m;
        unit->first.surface = (char *)t->sp.tab.strs[id]; // the pool's bytes, never written
        unit->first.key = NULL; // the clustering's
        unit->first_at = at;
    }
    if (!unit->count || at > unit->last_at)
        unit->last_at = at;
    unit->count++;
    return 0;
}

int fdp_names_gather_doc(fd_run *run, fdp_doc *d) {
    fdp_name_tally *t = fdp_tally_of(run);
    // (the new room of gathered is zeroed: not gathered)
    if (!t || !FDP_ROOM(t->gathered, t->capgathered, d->index + 1))
        return FD_ERR_NOMEM;
    if (t->gathered[d->index])
        return 0;
    // Gathered even if it fails part way: the run fails with it.
    t->gathered[d->index] = true;
    int rc = 0;
    for (size_t k = 0; k < d->nmentions && rc == 0; k++)
        rc = tally_mention(run, t, d, k);
    return rc;
}

const fdp_name_unit *fdp_tally_unit_of(const fdp_name_tally *t, const fdp_doc *d,
                                       const fdp_mention *m) {
    long id = fdp_spellings_find(&t->sp, m->surface, d->surfaces_pooled);
    if (id < 0 || (size_t)id >= t->capspellings)
        return NULL;
    uint32_t u = find_unit(t, (uint32_t)id, m->entity);
    return u == FDP_NO_UNIT ? NULL : &t->units[u];
}

int fdp_names_label_doc(const fd_run *run, fdp_doc *d) {
    const fdp_name_tally *t = run->names_tally;
    for (size_t k = 0; k < d->nmentions; k++) {
        fdp_mention *m = &d->mentions[k];
        const fdp_name_unit *u = t ? fdp_tally_unit_of(t, d, m) : NULL;
        if (!u)
            return FD_ERR_USAGE; // a mention the tally never had
        m->cluster = u->first.cluster;
        m->name = u->first.name;
        m->spelling_count = u->first.spelling_count;
        if (!m->key) {
            // the run's pooled copy when d keeps its keys there (a check: a
            // copy per mention was a tenth of its memory), else its own
            const char *key = d->keys_pooled ? t->sp.pooled[u->spelling] : t->sp.key[u->spelling];
            if (!key)
                return FD_ERR_USAGE; // not clustered yet (with d's keys pooled, if they are)
            m->key = d->keys_pooled ? (char *)key : fdp_strdup(key);
            if (!m->key)
                return FD_ERR_NOMEM;
        }
    }
    return 0;
}
