/*
 * events.c - the events stage: which documents report one event. Claims of
 * different events are never compared.
 *
 * A wire carries many stories at once, so time alone cannot tell them apart.
 * Dated documents are read in date order, those with a scene first (the place
 * a document names most, and more than once). Each joins a story that is still
 * open (its last document at most EVENT_DAYS older, or one of the same main
 * place within LONG_EVENT_DAYS: the reports of a long siege are one story) and
 * is of its scene: a scene of the story, or another on two of four signs (the
 * story names it; the document names a scene of the story; one lies in the
 * other by the rules' "in"; they count a fact in common). So a report from
 * Lebanon on the port blast's toll joins the story of the Beirut blast, and the
 * Morocco earthquake of the same week stays apart. Of several such stories it
 * joins the one naming most of the places it names, then the latest; of none,
 * it starts a story.
 *
 * Then each dated document without a scene joins the open story it has most in
 * common with: the names it names more than once (clusters of the names
 * stage), then its fact keys (what would be compared), then any name, then the
 * nearest in time. With nothing in common with any, it joins the latest open
 * story without a scene, or starts one: such documents are told apart by time
 * alone, within EVENT_DAYS of the first (or by their main place, as above).
 * Joining a story of a scene, it changes nothing of it (its days, names and
 * keys), so that an article naming no place neither merges the stories of a
 * week nor keeps one open.
 *
 * An undated document joins the event of its scene it has most in common with
 * by the same measure; undated documents with nothing in common with any form
 * one event together, since a user who gives undated articles side by side
 * means them to be compared.
 *
 * Reads: documents' dates, claims' keys, mentions' entities and clusters. Writes:
 * doc->event, doc->scene.
 */
#include <stdlib.h>
#include <string.h>

#include "compare/compare.h"

#define EVENT_DAYS 10
#define LONG_EVENT_DAYS 120 /* a siege or a campaign: one place, many weeks */

typedef struct dated {
    size_t doc;
    long day;
} dated;

static int cmp_dated(const void *a, const void *b) {
    const dated *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    return (x->doc > y->doc) - (x->doc < y->doc);
}

/* Sets of rules entities are bits, words of them long. */
static bool set_has(const uint64_t *bits, int e) { return bits[e / 64] >> (e % 64) & 1; }
static void set_add(uint64_t *bits, int e) { bits[e / 64] |= (uint64_t)1 << (e % 64); }

static int sets_common(const uint64_t *a, const uint64_t *b, size_t words) {
    int n = 0;
    for (size_t w = 0; w < words; w++)
        n += __builtin_popcountll(a[w] & b[w]);
    return n;
}

/* What the events stage knows of a document. */
typedef struct doc_places {
    int main_place; /* the place it names most, or -1 */
    int scene;      /* that place if named more than once, else -1 */
    uint64_t *named; /* the places it names (words of the run's sets) */
    int *names; size_t nnames; /* the name clusters it names, sorted, once each */
    int *salient; size_t nsalient; /* of those, the ones it names more than once */
    int *keys; size_t nkeys; /* its claims' fact keys, numbered, sorted (as often as they come) */
} doc_places;

/* An event as it is read in date order. */
typedef struct story {
    long first_day, last_day;
    int *names; size_t nnames, capnames; /* the name clusters its documents name, sorted,
                                            once each */
    int *keys; size_t nkeys, capkeys; /* its documents' fact keys, numbered, likewise */
    uint64_t *named;  /* the places its documents name */
    int scene;        /* the scene of its first document, or -1: a story keeps its scene */
    int main_place;   /* the main place of its first document, or -1 */
    long main_day;    /* the last day of a document of that main place */
} story;

typedef struct story_list {
    story *s; size_t n, cap;
    size_t words; /* of every entity set */
    const fd_ruleset *rules;
    int *merged; size_t capmerged; /* room for merging a document's sets into a story's */
} story_list;

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
static size_t dated_documents(const fd_run *r, dated *ds) {
    size_t nd = 0;
    for (size_t i = 0; i < r->ndocs; i++) {
        long day = fdp_day_number(r->docs[i]->date);
        if (day >= 0)
            ds[nd++] = (dated){i, day};
    }
    if (nd)
        qsort(ds, nd, sizeof *ds, cmp_dated);
    return nd;
}

// How many of the sorted a[0, na) (repeats counted) are in the sorted b[0, nb).
static size_t count_in(const int *a, size_t na, const int *b, size_t nb) {
    size_t n = 0;
    if (na * 8 < nb) { // a few into many: search each
        for (size_t i = 0; i < na; i++) {
            size_t lo = 0, hi = nb;
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (b[mid] < a[i])
                    lo = mid + 1;
                else
                    hi = mid;
            }
            n += lo < nb && b[lo] == a[i];
        }
        return n;
    }
    for (size_t i = 0, k = 0; i < na && k < nb;) {
        if (a[i] == b[k])
            n++, i++; // the next of a may be the same
        else if (a[i] < b[k])
            i++;
        else
            k++;
    }
    return n;
}

// How many of the document's claims have a fact key of the story.
static size_t keys_in_common(const doc_places *p, const story *s) {
    return count_in(p->keys, p->nkeys, s->keys, s->nkeys);
}

// True if place a lies in place b ("Beirut" in "Lebanon"), by the rules' "in".
static bool lies_in(const fd_ruleset *rules, int a, int b) {
    for (int depth = 0; a >= 0 && depth < 8; depth++) { // 8: a loop in the rules ends
        a = rules->entities[a].in;
        if (a == b)
            return true;
    }
    return false;
}

// True if a document (its places p) belongs to story s by what it is about
// (see the top of the file).
static bool of_its_scene(const fd_ruleset *rules, const story *s, const doc_places *p) {
    if (p->scene < 0 || s->scene < 0 || p->scene == s->scene)
        return true;
    // Of another scene, it is the same story on two of three signs: it names the
    // story's scene, one scene lies in the other, they count a fact in common.
    // (That the story names its scene is no sign: a story of many documents
    // names many places.)
    int signs = set_has(p->named, s->scene) +
                (lies_in(rules, p->scene, s->scene) || lies_in(rules, s->scene, p->scene)) +
                (keys_in_common(p, s) > 0);
    return signs >= 2;
}

// True if a document of day day with main place place is still news to story s.
static bool in_time(const story *s, long day, int place) {
    if (day - s->last_day <= EVENT_DAYS)
        return true;
    // the story's own place only: other places its documents name most would
    // let it drift from place to place for months
    return place >= 0 && place == s->main_place && day - s->main_day <= LONG_EVENT_DAYS;
}

static story *new_story(story_list *l, long day) {
    story *s = FDP_PUSH(l->s, l->n, l->cap);
    if (!s)
        return NULL;
    *s = (story){.first_day = day, .last_day = day, .scene = -1};
    s->named = calloc(l->words + 1, sizeof *s->named);
    if (!s->named) {
        l->n--;
        return NULL;
    }
    return s;
}

// Adds the sorted add[0, n) to the sorted set *set (*count, room *cap), once
// each, merging in l's room.
static int add_to_set(story_list *l, int **set, size_t *count, size_t *cap, const int *add,
                      size_t n) {
    if (n == 0)
        return 0; // (and no memcpy of nothing from a NULL room)
    if (*count + n > l->capmerged) {
        size_t want = (*count + n) * 2;
        int *room = realloc(l->merged, sizeof *room * want);
        if (!room)
            return FD_ERR_NOMEM;
        l->merged = room;
        l->capmerged = want;
    }
    size_t out = 0, i = 0, k = 0;
    const int *old = *set;
    while (i < *count || k < n) {
        int next = k == n || (i < *count && old[i] <= add[k]) ? old[i] : add[k];
        l->merged[out++] = next;
        while (i < *count && old[i] == next)
            i++;
        while (k < n && add[k] == next)
            k++;
    }
    if (out > *cap) {
        size_t want = out * 2;
        int *grown = realloc(*set, sizeof *grown * want);
        if (!grown)
            return FD_ERR_NOMEM;
        *set = grown;
        *cap = want;
    }
    memcpy(*set, l->merged, sizeof **set * out);
    *count = out;
    return 0;
}

/* What a document without a scene has in common with a story, by weight:
 * the names it names more than once, then its claims' fact keys (what would be
 * compared), then any name. */
typedef struct evidence {
    size_t salient, keys, names;
} evidence;

// What document p has in common with story s, into *e, weighed against most:
// -1, 0 or 1 as it is weaker, as strong, stronger. The names, the dearest to
// count, are counted only when the rest does not settle it.
static int weigh(const doc_places *p, const story *s, evidence most, evidence *e) {
    *e = (evidence){count_in(p->salient, p->nsalient, s->names, s->nnames),
                    keys_in_common(p, s), 0};
    int c = e->salient != most.salient ? (e->salient < most.salient ? -1 : 1)
            : e->keys != most.keys     ? (e->keys < most.keys ? -1 : 1)
                                       : 0;
    if (c < 0)
        return c; // e stays unfinished: it is never kept
    e->names = count_in(p->names, p->nnames, s->names, s->nnames);
    return c ? c : (e->names > most.names) - (e->names < most.names);
}

static bool no_evidence(evidence e) { return !e.salient && !e.keys && !e.names; }

static int join_story(story_list *l, story *s, const doc_places *p, long day) {
    size_t words = l->words;
    for (size_t w = 0; w < words; w++)
        s->named[w] |= p->named[w];
    s->first_day = day < s->first_day ? day : s->first_day;
    // Only a document of a scene keeps a story open: one without would chain the
    // stories of no place of a whole feed, as every day has some.
    if (p->scene >= 0 && day > s->last_day)
        s->last_day = day;
    if (p->main_place >= 0 && p->main_place == s->main_place && day > s->main_day)
        s->main_day = day;
    int rc = add_to_set(l, &s->names, &s->nnames, &s->capnames, p->names, p->nnames);
    return rc ? rc : add_to_set(l, &s->keys, &s->nkeys, &s->capkeys, p->keys, p->nkeys);
}

// The open story a document with a scene joins, or -1. open lists the stories
// that may still take documents, by index; those past LONG_EVENT_DAYS are
// dropped from it.
static int scene_story(const story_list *l, size_t *open, size_t *nopen, const doc_places *p,
                       long day) {
    int best = -1, best_common = -1;
    size_t kept = 0;
    for (size_t k = 0; k < *nopen; k++) {
        const story *s = &l->s[open[k]];
        if (day - s->last_day > LONG_EVENT_DAYS)
            continue; // no later document can join it: dates only grow
        open[kept++] = open[k];
        if (!in_time(s, day, p->main_place) || !of_its_scene(l->rules, s, p))
            continue;
        int common = sets_common(p->named, s->named, l->words);
        if (common > best_common ||
            (common == best_common && s->last_day > l->s[best].last_day)) {
            best = (int)open[k];
            best_common = common;
        }
    }
    *nopen = kept;
    return best;
}

// Days from day to the story's nearest document.
static long days_apart(const story *s, long day) {
    return day < s->first_day ? s->first_day - day : day > s->last_day ? day - s->last_day : 0;
}

// The story a document without a scene joins (see the top of the file), or
// -1. open as for scene_story.
static int nearest_story(const story_list *l, size_t *open, size_t *nopen, const doc_places *p,
                         long day) {
    int best = -1, sceneless = -1;
    evidence most = {0};
    size_t kept = 0;
    for (size_t k = 0; k < *nopen; k++) {
        const story *s = &l->s[open[k]];
        if (day - s->last_day > LONG_EVENT_DAYS)
            continue; // no later document can join it: dates only grow
        open[kept++] = open[k];
        if (days_apart(s, day) > EVENT_DAYS && !in_time(s, day, p->main_place))
            continue;
        evidence e;
        int c = weigh(p, s, most, &e);
        if (c >= 0 && !no_evidence(e) &&
            (c > 0 || (c == 0 && days_apart(s, day) < days_apart(&l->s[best], day)))) {
            best = (int)open[k];
            most = e;
        }
        if (s->scene < 0 && (sceneless < 0 || s->last_day > l->s[sceneless].last_day))
            sceneless = (int)open[k];
    }
    *nopen = kept;
    return best >= 0 ? best : sceneless;
}

// Puts dated document ds into story ev, or a new story when ev is -1.
static int join_or_start(fd_run *r, story_list *l, const dated *ds, const doc_places *p, int ev,
                         size_t *open, size_t *nopen) {
    if (ev < 0) {
        if (!new_story(l, ds->day))
            return FD_ERR_NOMEM;
        ev = (int)l->n - 1;
        l->s[ev].scene = p->scene;
        l->s[ev].main_place = p->main_place;
        l->s[ev].main_day = ds->day;
        open[(*nopen)++] = (size_t)ev;
    }
    r->docs[ds->doc]->event = ev;
    // A document without a scene only attaches to a story of a scene: what the
    // story is, its days and its names, stays what its scene's documents make it,
    // or stories that draw such documents would grow for months.
    if (p->scene < 0 && l->s[ev].scene >= 0)
        return 0;
    return join_story(l, &l->s[ev], p, ds->day);
}

// The stories of the dated documents, by index of their first document in
// date order (see the top of the file); places[i] is what is known of
// document i.
static int tell_stories(fd_run *r, const dated *ds, size_t nd, const doc_places *places,
                        story_list *l) {
    size_t *open = malloc(sizeof *open * (nd + 1)), nopen = 0;
    if (!open)
        return FD_ERR_NOMEM;
    int rc = 0;
    for (size_t i = 0; i < nd && rc == 0; i++) {
        const doc_places *p = &places[ds[i].doc];
        if (p->scene >= 0)
            rc = join_or_start(r, l, &ds[i], p, scene_story(l, open, &nopen, p, ds[i].day),
                               open, &nopen);
    }
    // The stories of scenes began in date order: each is opened for the
    // documents without a scene as their dates come within EVENT_DAYS of it.
    size_t scened = l->n, next = 0;
    nopen = 0;
    for (size_t i = 0; i < nd && rc == 0; i++) {
        const doc_places *p = &places[ds[i].doc];
        if (p->scene >= 0)
            continue;
        while (next < scened && l->s[next].first_day - ds[i].day <= EVENT_DAYS)
            open[nopen++] = next++;
        rc = join_or_start(r, l, &ds[i], p, nearest_story(l, open, &nopen, p, ds[i].day), open,
                           &nopen);
    }
    free(open);
    return rc;
}

// Places each undated document in the event of its scene it has most in
// common with (see the top of the file).
static void place_undated(fd_run *r, const story_list *l, const doc_places *places) {
    int undated_event = -1;
    for (size_t di = 0; di < r->ndocs; di++) {
        fdp_doc *d = r->docs[di];
        if (d->event >= 0)
            continue;
        int ev = -1;
        evidence most = {0};
        for (size_t k = 0; k < l->n; k++) {
            evidence e;
            if (weigh(&places[di], &l->s[k], most, &e) > 0 && !no_evidence(e) &&
                of_its_scene(l->rules, &l->s[k], &places[di])) {
                ev = (int)k;
                most = e;
            }
        }
        if (ev < 0) {
            if (undated_event < 0)
                undated_event = (int)l->n;
            ev = undated_event;
        }
        d->event = ev;
    }
}

static void free_stories(story_list *l) {
    for (size_t i = 0; i < l->n; i++) {
        free(l->s[i].named);
        free(l->s[i].names);
        free(l->s[i].keys);
    }
    free(l->s);
}

// The sorted clusters of d's mentions, once each, into names, then those it
// names more than once after them; returns how many there are of each.
static size_t cluster_names(const fdp_doc *d, int *names, size_t *nsalient) {
    size_t n = 0;
    for (size_t i = 0; i < d->nmentions; i++)
        if (d->mentions[i].cluster >= 0)
            names[n++] = d->mentions[i].cluster;
    if (n)
        qsort(names, n, sizeof *names, fdp_cmp_int);
    size_t out = 0, twice = 0;
    for (size_t i = 0; i < n; i++) {
        if (out == 0 || names[out - 1] != names[i])
            names[out++] = names[i];
        else if (twice == 0 || names[n + twice - 1] != names[i])
            names[n + twice++] = names[i]; // behind the n read: never overwrites one unread
    }
    memmove(names + out, names + n, twice * sizeof *names);
    *nsalient = twice;
    return out;
}

/* The fact keys of a run, numbered as they are met: sets of keys are then sets
 * of numbers. */
typedef struct key_numbers {
    const char **slots; /* open addressing by fdp_hash */
    int *numbers;
    size_t mask;
    int next;
} key_numbers;

static int key_numbers_init(key_numbers *k, size_t nclaims) {
    size_t cap = 64;
    while (cap < 2 * nclaims + 2)
        cap *= 2;
    *k = (key_numbers){calloc(cap, sizeof *k->slots), malloc(cap * sizeof *k->numbers),
                       cap - 1, 0};
    return k->slots && k->numbers ? 0 : FD_ERR_NOMEM;
}

// The number of key (given one when first met): room for every claim's key.
static int key_number(key_numbers *k, const char *key) {
    size_t at = fdp_hash(key) & k->mask;
    while (k->slots[at] && strcmp(k->slots[at], key))
        at = (at + 1) & k->mask;
    if (!k->slots[at]) {
        k->slots[at] = key;
        k->numbers[at] = k->next++;
    }
    return k->numbers[at];
}

// Fills p's fact keys: its claims', numbered, sorted (repeats kept).
static void number_doc_keys(const fdp_doc *d, doc_places *p, key_numbers *numbers) {
    p->nkeys = 0;
    for (size_t k = 0; k < d->nclaims; k++)
        if (d->claims[k].key)
            p->keys[p->nkeys++] = key_number(numbers, d->claims[k].key);
    if (p->nkeys)
        qsort(p->keys, p->nkeys, sizeof *p->keys, fdp_cmp_int);
}

// What is known of every document's places and names: places[i] for
// document i, their sets and names in two blocks (for the caller to free).
static int read_places(fd_run *r, doc_places *places, size_t words, uint64_t **sets,
                       int **names, int **keys) {
    size_t most = 1;
    for (size_t i = 0; i < r->ndocs; i++)
        if (r->docs[i]->nmentions + 1 > most)
            most = r->docs[i]->nmentions + 1;
    int *ents = malloc(sizeof *ents * most);
    *sets = calloc(r->ndocs * words + 1, sizeof **sets);
    *names = malloc(sizeof **names * (2 * r->nmentions + 1));
    *keys = malloc(sizeof **keys * (r->nclaims + 1));
    key_numbers numbers;
    int rc = key_numbers_init(&numbers, r->nclaims);
    if (rc || !ents || !*sets || !*names || !*keys) {
        free(ents);
        free(numbers.slots);
        free(numbers.numbers);
        return FD_ERR_NOMEM;
    }
    size_t used = 0, nkeys = 0;
    for (size_t i = 0; i < r->ndocs; i++) {
        doc_places *p = &places[i];
        const fdp_doc *d = r->docs[i];
        p->keys = *keys + nkeys;
        number_doc_keys(d, p, &numbers);
        nkeys += p->nkeys;
        p->named = *sets + i * words;
        p->names = *names + used;
        p->nnames = cluster_names(r->docs[i], p->names, &p->nsalient);
        p->salient = p->names + p->nnames;
        used += p->nnames + p->nsalient;
        size_t times = 0;
        p->main_place = r->rules ? main_place(r->rules, r->docs[i], ents, &times, p->named, words)
                                 : -1;
        // The scene of a story is the place it names most, if it names it more
        // than once ("in Paris" said once is a part of the story, not its scene).
        p->scene = times >= 2 ? p->main_place : -1;
        r->docs[i]->scene = p->scene;
    }
    free(ents);
    free(numbers.slots);
    free(numbers.numbers);
    return 0;
}

// Numbers the events in date order of their first documents (the undated
// event last), as a reader of the report expects them.
static int number_events(fd_run *r, const dated *ds, size_t nd, size_t nstories) {
    int *number = malloc(sizeof *number * (nstories + 1));
    if (!number)
        return FD_ERR_NOMEM;
    for (size_t i = 0; i <= nstories; i++)
        number[i] = -1;
    int next = 0;
    for (size_t i = 0; i < nd; i++) {
        int ev = r->docs[ds[i].doc]->event;
        if (number[ev] < 0)
            number[ev] = next++;
    }
    for (size_t i = 0; i < r->ndocs; i++) {
        int ev = r->docs[i]->event;
        if (number[ev] < 0) // the undated event
            number[ev] = next++;
        r->docs[i]->event = number[ev];
    }
    free(number);
    return 0;
}

int fdp_assign_events(fd_run *r) {
    for (size_t i = 0; i < r->ndocs; i++)
        r->docs[i]->event = -1;
    story_list l = {.words = r->rules ? (r->rules->nentities + 63) / 64 : 0, .rules = r->rules};
    dated *ds = malloc(sizeof *ds * (r->ndocs + 1));
    doc_places *places = malloc(sizeof *places * (r->ndocs + 1));
    uint64_t *sets = NULL;
    int *names = NULL;
    int *keys = NULL;
    int rc = ds && places ? read_places(r, places, l.words, &sets, &names, &keys) : FD_ERR_NOMEM;
    size_t nd = rc == 0 ? dated_documents(r, ds) : 0;
    if (rc == 0)
        rc = tell_stories(r, ds, nd, places, &l);
    if (rc == 0 && nd < r->ndocs)
        place_undated(r, &l, places);
    if (rc == 0)
        rc = number_events(r, ds, nd, l.n);
    free_stories(&l);
    free(l.merged);
    free(sets);
    free(names);
    free(keys);
    free(places);
    free(ds);
    return rc;
}
