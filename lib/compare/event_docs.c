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
 * names it, and the places it names, once each, ascending, into places
 * (*nplaces of them). ents is scratch room for the document's mentions.
 */
static int main_place(const fd_ruleset *rules, const fdp_doc *d, int *ents, size_t *times,
                      int *places, uint32_t *nplaces) {
    size_t n = 0;
    for (size_t i = 0; i < d->nmentions; i++) {
        int e = d->mentions[i].entity;
        if (e >= 0 && rules->entities[e].type == FDP_ENT_PLACE)
            ents[n++] = e;
    }
    if (n)
        fdp_sort_ints(ents, n);
    int place = -1;
    size_t best_n = 0;
    *nplaces = 0;
    for (size_t a = 0; a < n;) {
        size_t b = a;
        while (b < n && ents[b] == ents[a])
            b++;
        places[(*nplaces)++] = ents[a];
        if (b - a > best_n) {
            best_n = b - a;
            place = ents[a];
        }
        a = b;
    }
    *times = best_n;
    return place;
}

/* A pooled string's number by its address (the run's pool holds each string
 * once: one address, one string), in front of the numbering by the bytes:
 * hashing a key's bytes was most of numbering it. Open addressing, at most
 * half full; an empty slot's address is NULL. */
typedef struct by_address {
    const char **at;
    int *numbers;
    size_t mask; /* slots - 1; no slots yet: 0 with at NULL */
    size_t n;
} by_address;

/* The fact keys of a run, numbered as they are met: sets of keys are then sets
 * of numbers. */
typedef struct key_numbers {
    const char **slots; /* open addressing by fdp_hash */
    uint32_t *hashes;
    int *numbers;
    size_t mask;
    int next;
    by_address pooled;
} key_numbers;

static size_t address_slot(const by_address *b, const char *s) {
    uint64_t h = (uint64_t)(uintptr_t)s * 0x9e3779b97f4a7c15ull;
    size_t at = (size_t)(h >> 32) & b->mask;
    while (b->at[at] && b->at[at] != s)
        at = (at + 1) & b->mask;
    return at;
}

// Doubles the slots of b (256 at first), placing each again; FD_ERR_NOMEM.
static int by_address_grow(by_address *b) {
    size_t cap = b->at ? 2 * (b->mask + 1) : 256;
    by_address grown = {calloc(cap, sizeof *grown.at), malloc(cap * sizeof *grown.numbers),
                        cap - 1, b->n};
    if (!grown.at || !grown.numbers) {
        free(grown.at);
        free(grown.numbers);
        return FD_ERR_NOMEM;
    }
    for (size_t i = 0; b->at && i <= b->mask; i++) {
        if (!b->at[i])
            continue;
        size_t at = address_slot(&grown, b->at[i]);
        grown.at[at] = b->at[i];
        grown.numbers[at] = b->numbers[i];
    }
    free(b->at);
    free(b->numbers);
    *b = grown;
    return 0;
}

static int key_numbers_room(key_numbers *k, size_t cap) {
    key_numbers grown = {calloc(cap, sizeof *grown.slots), malloc(cap * sizeof *grown.hashes),
                         malloc(cap * sizeof *grown.numbers), cap - 1, k->next, k->pooled};
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
    free(k->pooled.at);
    free(k->pooled.numbers);
}

// The number of key, given one when first met, or FD_ERR_NOMEM. The same
// string is most often the same pointer (the run's pool): no compare then.
static int key_number_of_bytes(key_numbers *k, const char *key) {
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

// key_number_of_bytes, through its address first when key is the run's pool's.
static int key_number(key_numbers *k, const char *key, bool pooled) {
    if (!pooled)
        return key_number_of_bytes(k, key);
    by_address *b = &k->pooled;
    if ((b->n + 1) * 2 > (b->at ? b->mask + 1 : 0) && by_address_grow(b) < 0)
        return FD_ERR_NOMEM;
    size_t at = address_slot(b, key);
    if (b->at[at])
        return b->numbers[at];
    int number = key_number_of_bytes(k, key);
    if (number >= 0) {
        b->at[at] = key;
        b->numbers[at] = number;
        b->n++;
    }
    return number;
}

// The sorted names of d's mentions, once each, into p->names, then those it
// names more than once after them (p->salient). A name is its entity of the
// rules, else its spelling, numbered (entities first). 0 or FD_ERR_NOMEM.
static int doc_names(const fdp_doc *d, size_t nentities, key_numbers *spellings, fdp_doc_places *p) {
    int *names = p->names;
    size_t n = 0;
    for (size_t i = 0; i < d->nmentions; i++) {
        const fdp_mention *m = &d->mentions[i];
        int spelling = m->entity >= 0 ? 0 : key_number(spellings, m->surface, d->surfaces_pooled);
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
    p->nnames = (uint32_t)out;
    p->salient = names + out;
    p->nsalient = (uint32_t)twice;
    return 0;
}

// Fills p's fact keys: its claims', numbered, sorted (repeats kept). 0 or
// FD_ERR_NOMEM.
static int number_doc_keys(const fdp_doc *d, fdp_doc_places *p, key_numbers *numbers) {
    p->nkeys = 0;
    for (size_t k = 0; k < d->nclaims; k++) {
        if (!d->claims[k].key)
            continue;
        int key = key_number(numbers, d->claims[k].key, d->strings_pooled);
        if (key < 0)
            return key;
        p->keys[p->nkeys++] = key;
    }
    if (p->nkeys)
        fdp_sort_ints(p->keys, p->nkeys);
    return 0;
}

/* What is noted of the documents of a run so far (fdp_note_event_doc), in run
 * order: their places, and their names and keys in two growing blocks, with
 * the numbering of keys and spellings met so far. */
typedef struct fdp_event_notes fdp_event_notes;
struct fdp_event_notes {
    fdp_doc_places *of; size_t nof, capof;
    int *places; size_t nplaces, capplaces;
    int *names; size_t nnames, capnames;
    int *keys; size_t nkeys, capkeys;
    int *ents; size_t capents; /* scratch: a document's place entities */
    size_t words, nentities;
    key_numbers numbers, spellings;
};

static void notes_free(fdp_event_notes *en) {
    free(en->of);
    free(en->places);
    free(en->names);
    free(en->keys);
    free(en->ents);
    key_numbers_free(&en->numbers);
    key_numbers_free(&en->spellings);
    free(en);
}

void fdp_run_free_event_notes(fd_run *r) {
    if (r->event_notes)
        notes_free(r->event_notes);
    r->event_notes = NULL;
}

// The run's notes, made empty on first use; NULL when out of memory.
static fdp_event_notes *run_notes(fd_run *r) {
    if (r->event_notes)
        return r->event_notes;
    fdp_event_notes *en = calloc(1, sizeof *en);
    if (!en)
        return NULL;
    en->nentities = r->rules ? r->rules->nentities : 0;
    en->words = (en->nentities + 63) / 64;
    if (key_numbers_init(&en->numbers) < 0 || key_numbers_init(&en->spellings) < 0) {
        notes_free(en);
        return NULL;
    }
    return r->event_notes = en;
}

// Notes d (the next document of the run) into en. 0 or FD_ERR_NOMEM.
static int note_doc(const fd_ruleset *rules, fdp_event_notes *en, fdp_doc *d) {
    if (!FDP_ROOM(en->of, en->capof, en->nof + 1) ||
        !FDP_ROOM(en->places, en->capplaces, en->nplaces + d->nmentions + 1) ||
        !FDP_ROOM(en->names, en->capnames, en->nnames + 2 * d->nmentions + 1) ||
        !FDP_ROOM(en->keys, en->capkeys, en->nkeys + d->nclaims + 1) ||
        !FDP_ROOM(en->ents, en->capents, d->nmentions + 1))
        return FD_ERR_NOMEM;
    fdp_doc_places *p = &en->of[en->nof];
    *p = (fdp_doc_places){.keys = en->keys + en->nkeys, .names = en->names + en->nnames};
    int rc = number_doc_keys(d, p, &en->numbers);
    if (rc == 0)
        rc = doc_names(d, en->nentities, &en->spellings, p);
    if (rc < 0)
        return rc;
    // (the blocks move as they grow: offsets now, pointers once all are noted)
    p->keys_at = (uint32_t)en->nkeys;
    p->names_at = (uint32_t)en->nnames;
    p->places_at = (uint32_t)en->nplaces;
    en->nkeys += p->nkeys;
    en->nnames += p->nnames + p->nsalient;
    size_t times = 0;
    p->main_place =
        rules ? main_place(rules, d, en->ents, &times, en->places + en->nplaces, &p->nplaces)
              : -1;
    en->nplaces += p->nplaces;
    // The scene of a story is the place it names most, if it names it more
    // than once ("in Paris" said once is a part of the story, not its scene).
    p->scene = times >= 2 ? p->main_place : -1;
    d->scene = p->scene;
    d->scene_name = p->scene >= 0 ? rules->entities[p->scene].name : NULL;
    en->nof++;
    return 0;
}

int fdp_note_event_doc(fd_run *r, fdp_doc *d) {
    fdp_event_notes *en = run_notes(r);
    if (!en)
        return FD_ERR_NOMEM;
    if (d->index != en->nof) // not the next: the stage notes it in its turn
        return 1;
    return note_doc(r->rules, en, d);
}

int fdp_read_event_docs(fd_run *r, fdp_event_docs *ed) {
    *ed = (fdp_event_docs){0};
    fdp_event_notes *en = run_notes(r);
    int rc = en ? 0 : FD_ERR_NOMEM;
    for (size_t i = en ? en->nof : 0; i < r->ndocs && rc == 0; i++)
        rc = note_doc(r->rules, en, r->docs[i]);
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < en->nof; i++) {
        fdp_doc_places *p = &en->of[i];
        p->keys = en->keys + p->keys_at;
        p->names = en->names + p->names_at;
        p->salient = p->names + p->nnames;
        p->places = en->places + p->places_at;
    }
    *ed = (fdp_event_docs){.of = en->of, .words = en->words,
                           .name_ids = en->nentities + (size_t)en->spellings.next,
                           .key_ids = (size_t)en->numbers.next};
    return 0;
}

