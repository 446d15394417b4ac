/*
 * event_docs.c - what the events stage knows of each document, read from what
 * its own stages made: the places it names, its main place and scene, its
 * names (an entity of the rules, else a spelling) and its claims' fact keys,
 * all as numbers, so that the stage compares sets of ints (events.c).
 *
 * Reads: mentions' entities and surfaces, claims' keys. Writes: doc->scene,
 * doc->scene_name.
 */
#include <stdlib.h>
#include <string.h>

#include "compare/event_docs.h"

/*
 * The place d names most, as a rules entity (-1 if none), how many times it
 * names it, and the set of the places it names (named, cleared first). ents is
 * scratch room for the document's mentions.
 */
static int main_place(const fd_ruleset *rules, const fdp_doc *d, int *ents, size_t *times,
                      uint64_t *named, size_t words) {
    memset(named, 0, words * sizeof *named);
    size_t n = 0;
    for (size_t i = 0; i < d->nmentions; i++) {
        int e = d->mentions[i].entity;
        if (e >= 0 && rules->entities[e].type == FDP_ENT_PLACE) {
            ents[n++] = e;
            set_add(named, e);
        }
    }
    if (n)
        fdp_sort_ints(ents, n);
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

/* The fact keys of a run, numbered as they are met: sets of keys are then sets
 * of numbers. */
typedef struct key_numbers {
    const char **slots; /* open addressing by fdp_hash */
    uint32_t *hashes;
    int *numbers;
    size_t mask;
    int next;
} key_numbers;

static int key_numbers_room(key_numbers *k, size_t cap) {
    key_numbers grown = {calloc(cap, sizeof *grown.slots), malloc(cap * sizeof *grown.hashes),
                         malloc(cap * sizeof *grown.numbers), cap - 1, k->next};
    if (!grown.slots || !grown.hashes || !grown.numbers) {
        free(grown.slots);
        free(grown.hashes);
        free(grown.numbers);
        return FD_ERR_NOMEM;
    }
    for (size_t i = 0; k->slots && i <= k->mask; i++) {
        if (!k->slots[i])
            continue;
        size_t at = k->hashes[i] & grown.mask;
        while (grown.slots[at])
            at = (at + 1) & grown.mask;
        grown.slots[at] = k->slots[i];
        grown.hashes[at] = k->hashes[i];
        grown.numbers[at] = k->numbers[i];
    }
    free(k->slots);
    free(k->hashes);
    free(k->numbers);
    *k = grown;
    return 0;
}

// A table that grows with the distinct keys, not with the keys met: a run
// names a million names, a few tens of thousands of them distinct.
static int key_numbers_init(key_numbers *k) {
    *k = (key_numbers){0};
    return key_numbers_room(k, 1024);
}

static void key_numbers_free(key_numbers *k) {
    free(k->slots);
    free(k->hashes);
    free(k->numbers);
}

// The number of key, given one when first met, or FD_ERR_NOMEM. The same
// string is most often the same pointer (the run's pool): no compare then.
static int key_number(key_numbers *k, const char *key) {
    uint32_t h = fdp_hash(key);
    size_t at = h & k->mask;
    for (; k->slots[at]; at = (at + 1) & k->mask)
        if (k->slots[at] == key || (k->hashes[at] == h && !strcmp(k->slots[at], key)))
            return k->numbers[at];
    if ((size_t)(k->next + 1) * 4 > (k->mask + 1) * 3) { // three quarters full: grow
        if (key_numbers_room(k, 2 * (k->mask + 1)) < 0)
            return FD_ERR_NOMEM;
        for (at = h & k->mask; k->slots[at];)
            at = (at + 1) & k->mask;
    }
    k->slots[at] = key;
    k->hashes[at] = h;
    k->numbers[at] = k->next++;
    return k->numbers[at];
}

// The sorted names of d's mentions, once each, into p->names, then those it
// names more than once after them (p->salient). A name is its entity of the
// rules, else its spelling, numbered (entities first). 0 or FD_ERR_NOMEM.
static int doc_names(const fdp_doc *d, size_t nentities, key_numbers *spellings, fdp_doc_places *p) {
    int *names = p->names;
    size_t n = 0;
    for (size_t i = 0; i < d->nmentions; i++) {
        const fdp_mention *m = &d->mentions[i];
        int spelling = m->entity >= 0 ? 0 : key_number(spellings, m->surface);
        if (spelling < 0)
            return spelling;
        names[n++] = m->entity >= 0 ? m->entity : (int)nentities + spelling;
    }
    if (n)
        fdp_sort_ints(names, n);
    size_t out = 0, twice = 0;
    for (size_t i = 0; i < n; i++) {
        if (out == 0 || names[out - 1] != names[i])
            names[out++] = names[i];
        else if (twice == 0 || names[n + twice - 1] != names[i])
            names[n + twice++] = names[i]; // behind the n read: never overwrites one unread
    }
    memmove(names + out, names + n, twice * sizeof *names);
    p->nnames = out;
    p->salient = names + out;
    p->nsalient = twice;
    return 0;
}

// Fills p's fact keys: its claims', numbered, sorted (repeats kept). 0 or
// FD_ERR_NOMEM.
static int number_doc_keys(const fdp_doc *d, fdp_doc_places *p, key_numbers *numbers) {
    p->nkeys = 0;
    for (size_t k = 0; k < d->nclaims; k++) {
        if (!d->claims[k].key)
            continue;
        int key = key_number(numbers, d->claims[k].key);
        if (key < 0)
            return key;
        p->keys[p->nkeys++] = key;
    }
    if (p->nkeys)
        fdp_sort_ints(p->keys, p->nkeys);
    return 0;
}

int fdp_read_event_docs(fd_run *r, fdp_event_docs *ed) {
    size_t nentities = r->rules ? r->rules->nentities : 0, words = (nentities + 63) / 64;
    *ed = (fdp_event_docs){.of = calloc(r->ndocs + 1, sizeof *ed->of),
                           .sets = calloc(r->ndocs * words + 1, sizeof *ed->sets),
                           .names = malloc(sizeof *ed->names * (2 * r->nmentions + 1)),
                           .keys = malloc(sizeof *ed->keys * (r->nclaims + 1)),
                           .words = words};
    size_t most = 1;
    for (size_t i = 0; i < r->ndocs; i++)
        if (r->docs[i]->nmentions + 1 > most)
            most = r->docs[i]->nmentions + 1;
    int *ents = malloc(sizeof *ents * most);
    key_numbers numbers = {0}, spellings = {0};
    int rc = key_numbers_init(&numbers);
    if (rc == 0)
        rc = key_numbers_init(&spellings);
    if (rc == 0 && (!ents || !ed->of || !ed->sets || !ed->names || !ed->keys))
        rc = FD_ERR_NOMEM;
    size_t used = 0, nkeys = 0;
    for (size_t i = 0; i < r->ndocs && rc == 0; i++) {
        fdp_doc_places *p = &ed->of[i];
        const fdp_doc *d = r->docs[i];
        p->keys = ed->keys + nkeys;
        p->names = ed->names + used;
        rc = number_doc_keys(d, p, &numbers);
        if (rc == 0)
            rc = doc_names(d, nentities, &spellings, p);
        nkeys += p->nkeys;
        used += p->nnames + p->nsalient;
        p->named = ed->sets + i * words;
        size_t times = 0;
        p->main_place = r->rules ? main_place(r->rules, d, ents, &times, p->named, words) : -1;
        // The scene of a story is the place it names most, if it names it more
        // than once ("in Paris" said once is a part of the story, not its scene).
        p->scene = times >= 2 ? p->main_place : -1;
        r->docs[i]->scene = p->scene;
        r->docs[i]->scene_name = p->scene >= 0 ? r->rules->entities[p->scene].name : NULL;
    }
    free(ents);
    ed->name_ids = nentities + (size_t)spellings.next;
    ed->key_ids = (size_t)numbers.next;
    key_numbers_free(&numbers);
    key_numbers_free(&spellings);
    return rc;
}

void fdp_event_docs_free(fdp_event_docs *ed) {
    free(ed->of);
    free(ed->sets);
    free(ed->names);
    free(ed->keys);
    *ed = (fdp_event_docs){0};
}
