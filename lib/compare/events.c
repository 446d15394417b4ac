/*
 * events.c - the events stage: which documents report one event. Claims of
 * different events are never compared.
 *
 * A wire carries many stories at once, so time alone cannot tell them apart.
 * Dated documents are read in date order, those with a scene first (the place
 * a document names most, and more than once). Each joins a story that is still
 * open (its last document at most EVENT_DAYS older, or one of the same main
 * place within LONG_EVENT_DAYS: the reports of a long siege are one story) and
 * is of its scene: the story's scene (its first document's, kept), or another
 * on two of three signs: the document names the story's scene, one lies in the
 * other by the rules' "in", they count a fact in common. So a report from
 * Lebanon on the port blast's toll joins the story of the Beirut blast, and the
 * Morocco earthquake of the same week stays apart. Of several such stories it
 * joins the one naming most of the places it names, then the latest; of none,
 * it starts a story.
 *
 * Then each dated document without a scene joins the open story it has most in
 * common with: the names it names more than once (a name is its entity of the
 * rules, else its spelling), then its fact keys (what would be compared), then
 * any name, then the nearest in time. With nothing in common with any, it
 * joins the latest open story without a scene, or starts one: such documents
 * are told apart by time alone, within EVENT_DAYS of the first (or by their
 * main place, as above). Joining a story of a scene, it changes nothing of it
 * (its days, names and keys), so that an article naming no place neither
 * merges the stories of a week nor keeps one open.
 *
 * An undated document joins the event of its scene it has most in common with
 * by the same measure; undated documents with nothing in common with any form
 * one event together, since a user who gives undated articles side by side
 * means them to be compared.
 *
 * Reads: documents' dates, and what event_docs.c reads of each document (its
 * places, names and fact keys: what its own stages made, so that no run-level
 * stage comes before this one). Writes: doc->event (and, through event_docs.c,
 * doc->scene and doc->scene_name).
 */
#include <stdlib.h>
#include <string.h>

#include "compare/event_docs.h"

typedef fdp_doc_places doc_places; /* (the name this file has for it) */

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

// How many of the places p names are in the set named.
static int places_in(const doc_places *p, const uint64_t *named) {
    int n = 0;
    for (uint32_t i = 0; i < p->nplaces; i++)
        n += set_has(named, p->places[i]);
    return n;
}

/* An event as it is read in date order. */
typedef struct story {
    long first_day, last_day;
    int *names; size_t nnames, capnames; /* the names its documents name, sorted,
                                            once each */
    int *keys; size_t nkeys, capkeys; /* its documents' fact keys, numbered, likewise */
    uint64_t *named;  /* the places its documents name */
    int scene;        /* the scene of its first document, or -1: a story keeps its scene */
    int main_place;   /* the main place of its first document, or -1 */
    long main_day;    /* the last day of a document of that main place */
    long opened;      /* when documents without a scene could first join it, in turn; -1 */
} story;

/* The stories that have a name or a fact key, in the order they came to have it. */
typedef struct posting {
    int *story;
    size_t n, cap;
} posting;

typedef struct story_list {
    story *s; size_t n, cap;
    size_t words; /* of every entity set */
    const fd_ruleset *rules;
    int *merged; size_t capmerged; /* room for merging a document's sets into a story's */
    posting *post;  /* by id: names [0, name_ids), then keys */
    size_t name_ids, ids;
} story_list;

// Sorts ds[0, nd), given in document order, as cmp_dated does: by day, a
// day's documents in document order. A stable counting sort by day when the
// days span few enough (a feed's span a few days a document at most), else
// qsort.
static void sort_dated(dated *ds, size_t nd) {
    long first = ds[0].day, last = ds[0].day;
    for (size_t i = 1; i < nd; i++) {
        first = ds[i].day < first ? ds[i].day : first;
        last = ds[i].day > last ? ds[i].day : last;
    }
    size_t span = (size_t)(last - first) + 1;
    size_t *count = span <= 4 * nd ? calloc(span + 1, sizeof *count) : NULL;
    dated *sorted = count ? malloc(nd * sizeof *sorted) : NULL;
    if (!sorted) {
        free(count);
        qsort(ds, nd, sizeof *ds, cmp_dated);
        return;
    }
    for (size_t i = 0; i < nd; i++)
        count[ds[i].day - first + 1]++;
    for (size_t d = 0; d < span; d++)
        count[d + 1] += count[d];
    for (size_t i = 0; i < nd; i++)
        sorted[count[ds[i].day - first]++] = ds[i];
    memcpy(ds, sorted, nd * sizeof *ds);
    free(count);
    free(sorted);
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
        sort_dated(ds, nd);
    return nd;
}

// True if the sorted b[0, nb) holds x. The halving steps depend on nb alone and
// each step's choice is arithmetic, not a branch: which half x lies in
// is a coin toss no predictor learns, and this search runs for every name of a
// document against every story it may join.
static bool sorted_has(const int *b, size_t nb, int x) {
    if (nb == 0)
        return false;
    const int *base = b; // x's place (the first not below it) is in [base, base + len]
    size_t len = nb;
    while (len > 1) {
        size_t half = len / 2;
        base += half & -(size_t)(base[half - 1] < x); // (gcc branches on a ?: here)
        len -= half;
    }
    size_t at = (size_t)(base - b) + (*base < x);
    return at < nb && b[at] == x;
}

// How many of the sorted a[0, na) (repeats counted) are in the sorted b[0, nb).
static size_t count_in(const int *a, size_t na, const int *b, size_t nb) {
    size_t n = 0;
    if (na * 8 < nb) { // a few into many: search each
        for (size_t i = 0; i < na; i++)
            n += sorted_has(b, nb, a[i]);
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
    int signs = names_place(p, s->scene) +
                (lies_in(rules, p->scene, s->scene) || lies_in(rules, s->scene, p->scene));
    return signs == 2 || (signs == 1 && keys_in_common(p, s) > 0); // the dearest sign last
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
    *s = (story){.first_day = day, .last_day = day, .scene = -1, .opened = -1};
    s->named = calloc(l->words + 1, sizeof *s->named);
    if (!s->named) {
        l->n--;
        return NULL;
    }
    return s;
}

static int push_posting(posting *p, int k) {
    if (p->n == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 4;
        int *grown = realloc(p->story, sizeof *grown * cap);
        if (!grown)
            return FD_ERR_NOMEM;
        p->story = grown;
        p->cap = cap;
    }
    p->story[p->n++] = k;
    return 0;
}

// Adds the sorted add[0, n) to the sorted set *set (*count, room *cap) of story
// k, once each, merging in l's room; each new one's id (base + it) is posted.
static int add_to_set(story_list *l, int k, int **set, size_t *count, size_t *cap,
                      const int *add, size_t n, size_t base) {
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
    size_t out = 0, i = 0, a = 0;
    const int *old = *set;
    while (i < *count || a < n) {
        int next = a == n || (i < *count && old[i] <= add[a]) ? old[i] : add[a];
        bool had = i < *count && old[i] == next;
        l->merged[out++] = next;
        while (i < *count && old[i] == next)
            i++;
        while (a < n && add[a] == next)
            a++;
        if (!had && push_posting(&l->post[base + (size_t)next], k) < 0)
            return FD_ERR_NOMEM;
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

static bool no_evidence(evidence e) { return !e.salient && !e.keys && !e.names; }

// -1, 0 or 1 as what a document has in common with a story, e, is weaker than
// most, as strong, stronger. (The counts are made as the stories are found:
// shared_stories, candidates.)
static int weigh_counted(evidence e, evidence most) {
    return e.salient != most.salient ? (e.salient < most.salient ? -1 : 1)
           : e.keys != most.keys     ? (e.keys < most.keys ? -1 : 1)
                                     : (e.names > most.names) - (e.names < most.names);
}

static int join_story(story_list *l, int k, const doc_places *p, long day) {
    story *s = &l->s[k];
    for (uint32_t i = 0; i < p->nplaces; i++)
        set_add(s->named, p->places[i]);
    s->first_day = day < s->first_day ? day : s->first_day;
    // Only a document of a scene keeps a story open: one without would chain the
    // stories of no place of a whole feed, as every day has some.
    if (p->scene >= 0 && day > s->last_day)
        s->last_day = day;
    if (p->main_place >= 0 && p->main_place == s->main_place && day > s->main_day)
        s->main_day = day;
    int rc = add_to_set(l, k, &s->names, &s->nnames, &s->capnames, p->names, p->nnames, 0);
    return rc ? rc
              : add_to_set(l, k, &s->keys, &s->nkeys, &s->capkeys, p->keys, p->nkeys,
                           l->name_ids);
}

/* What a document with a scene is read with: the stories of each scene, the
 * places lying in each place (by the rules' "in"), marks and room. */
typedef struct scene_pass {
    posting *of_scene;   /* by entity: the stories of that scene, as begun */
    size_t *first_child; /* by entity: its children are child[first_child[e], first_child[e + 1]) */
    int *child;
    int *seen; int *cand; size_t room; /* by story */
} scene_pass;

static int children_of_places(const fd_ruleset *rules, scene_pass *sc) {
    size_t n = rules ? rules->nentities : 0;
    sc->first_child = calloc(n + 2, sizeof *sc->first_child);
    sc->child = malloc(sizeof *sc->child * (n + 1));
    sc->of_scene = calloc(n + 1, sizeof *sc->of_scene);
    if (!sc->first_child || !sc->child || !sc->of_scene)
        return FD_ERR_NOMEM;
    for (size_t e = 0; e < n; e++)
        if (rules->entities[e].in >= 0)
            sc->first_child[rules->entities[e].in + 1]++;
    for (size_t e = 0; e < n; e++)
        sc->first_child[e + 1] += sc->first_child[e];
    for (size_t e = 0; e < n; e++) // filled behind the counts, then moved back
        if (rules->entities[e].in >= 0)
            sc->child[sc->first_child[rules->entities[e].in]++] = (int)e;
    memmove(sc->first_child + 1, sc->first_child, sizeof *sc->first_child * n);
    sc->first_child[0] = 0;
    return 0;
}

// Takes the stories of scene e, unseen yet (mark), into sc->cand at *n.
static void take_scene(scene_pass *sc, int e, int mark, size_t *n) {
    const posting *po = &sc->of_scene[e];
    for (size_t k = 0; k < po->n; k++)
        if (sc->seen[po->story[k]] != mark) {
            sc->seen[po->story[k]] = mark;
            sc->cand[(*n)++] = po->story[k];
        }
}

// Takes the stories of the places lying in e, at any depth up to 8 (as lies_in).
static void take_inner(scene_pass *sc, int e, int mark, size_t *n, int depth) {
    for (size_t c = sc->first_child[e]; depth < 8 && c < sc->first_child[e + 1]; c++) {
        take_scene(sc, sc->child[c], mark, n);
        take_inner(sc, sc->child[c], mark, n, depth + 1);
    }
}

// The stories that may be of p's scene: of that scene, of a place it names, of
// a place its scene lies in or that lies in it (no other passes of_its_scene),
// ascending; returns how many.
static size_t scene_candidates(const story_list *l, scene_pass *sc, const doc_places *p,
                               int mark) {
    size_t n = 0;
    take_scene(sc, p->scene, mark, &n);
    for (uint32_t i = 0; i < p->nplaces; i++)
        take_scene(sc, p->places[i], mark, &n);
    for (int a = l->rules->entities[p->scene].in, depth = 0; a >= 0 && depth < 8;
         a = l->rules->entities[a].in, depth++)
        take_scene(sc, a, mark, &n);
    take_inner(sc, p->scene, mark, &n, 0);
    if (n > 1)
        fdp_sort_ints(sc->cand, n);
    return n;
}

// The open story a document with a scene joins, or -1: of those of its scene
// still open (none past LONG_EVENT_DAYS), the one naming most of the places it
// names, then the latest, then the first begun.
static int scene_story(const story_list *l, scene_pass *sc, const doc_places *p, long day,
                       int mark) {
    int best = -1, best_common = -1;
    size_t n = scene_candidates(l, sc, p, mark);
    for (size_t c = 0; c < n; c++) {
        const story *s = &l->s[sc->cand[c]];
        if (day - s->last_day > LONG_EVENT_DAYS || !in_time(s, day, p->main_place) ||
            !of_its_scene(l->rules, s, p))
            continue;
        int common = places_in(p, s->named);
        if (common > best_common ||
            (common == best_common && s->last_day > l->s[best].last_day)) {
            best = sc->cand[c];
            best_common = common;
        }
    }
    return best;
}

// Days from day to the story's nearest document.
static long days_apart(const story *s, long day) {
    return day < s->first_day ? s->first_day - day : day > s->last_day ? day - s->last_day : 0;
}

/* What a document without a scene is read with: the stories opened to such
 * documents in turn, marks of the stories already weighed for it, room. */
typedef struct turn {
    long opened;
    int story;
} turn;

typedef struct sceneless_pass {
    long next_open;  /* the turn the next opened story gets */
    int *seen; turn *cand, *tmp; size_t room; /* by story; cand: the stories to weigh,
                                                 tmp: room for sorting them */
    evidence *common; /* by story: what it has in common with the document */
    int *alone; size_t nalone, capalone; /* the stories begun by such documents, in turn */
} sceneless_pass;

// True if story s is open to a document of day day in main place place: opened,
// not past LONG_EVENT_DAYS, and within EVENT_DAYS of it or of its own place.
static bool open_to(const story *s, long day, int place) {
    return s->opened >= 0 && day - s->last_day <= LONG_EVENT_DAYS &&
           (days_apart(s, day) <= EVENT_DAYS || in_time(s, day, place));
}

#define TURN_RUN 8 /* runs this long are sorted by insertion, then merged */

// Sorts v[0, n) by turn, tmp being room for n more. No two stories share a
// turn, so any sort gives the one order; this one compares inline, where
// qsort called a function for each comparison.
static void sort_turns(turn *v, turn *tmp, size_t n) {
    for (size_t a = 0; a < n; a += TURN_RUN)
        for (size_t i = a + 1; i < n && i < a + TURN_RUN; i++) {
            turn x = v[i];
            size_t j = i;
            for (; j > a && v[j - 1].opened > x.opened; j--)
                v[j] = v[j - 1];
            v[j] = x;
        }
    turn *src = v, *dst = tmp;
    for (size_t width = TURN_RUN; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                dst[k++] = src[j].opened < src[i].opened ? src[j++] : src[i++];
            while (i < mid)
                dst[k++] = src[i++];
            while (j < hi)
                dst[k++] = src[j++];
        }
        turn *t = src;
        src = dst;
        dst = t;
    }
    if (src != v)
        memcpy(v, src, n * sizeof *v);
}

// The open stories sharing a name or a fact key with p, in the turn they were
// opened, into sp->cand (mark: p's own); returns how many. What each has in
// common with p is counted on the way, into sp->common: a story is on the
// posting of each name and key it has, so these are weigh's counts, without a
// search of the story's sets for each of p's names.
static size_t shared_stories(const story_list *l, sceneless_pass *sp, const doc_places *p,
                             long day, int mark) {
    size_t n = 0, salient = 0; // p->salient, a part of p->names, walked beside it
    for (size_t i = 0; i < p->nnames + p->nkeys; i++) {
        bool is_name = i < p->nnames;
        size_t id = is_name ? (size_t)p->names[i] : l->name_ids + (size_t)p->keys[i - p->nnames];
        bool is_salient = is_name && salient < p->nsalient && p->salient[salient] == p->names[i];
        salient += is_salient;
        const posting *po = &l->post[id];
        for (size_t k = 0; k < po->n; k++) {
            int st = po->story[k];
            if (sp->seen[st] != mark) {
                sp->seen[st] = mark;
                sp->common[st] = (evidence){0};
                if (open_to(&l->s[st], day, p->main_place))
                    sp->cand[n++] = (turn){l->s[st].opened, st};
            }
            sp->common[st].salient += is_salient;
            sp->common[st].names += is_name;
            sp->common[st].keys += !is_name;
        }
    }
    if (n > 1)
        sort_turns(sp->cand, sp->tmp, n);
    return n;
}

// The latest open story begun by a document without a scene (its last day is
// its first: the list is in date order), the first of that day; or -1.
static int latest_alone(const story_list *l, const sceneless_pass *sp, const doc_places *p,
                        long day) {
    int best = -1;
    for (size_t j = sp->nalone; j-- > 0;) {
        const story *s = &l->s[sp->alone[j]];
        if (day - s->last_day > LONG_EVENT_DAYS || (best >= 0 && s->last_day < l->s[best].last_day))
            break;
        if (open_to(s, day, p->main_place))
            best = sp->alone[j];
    }
    return best;
}

// The story a document without a scene joins (see the top of the file), or -1.
static int nearest_story(const story_list *l, sceneless_pass *sp, const doc_places *p, long day,
                         int mark) {
    int best = -1;
    evidence most = {0};
    size_t n = shared_stories(l, sp, p, day, mark);
    for (size_t c = 0; c < n; c++) {
        const story *s = &l->s[sp->cand[c].story];
        evidence e = sp->common[sp->cand[c].story];
        int cmp = weigh_counted(e, most);
        if (cmp >= 0 && !no_evidence(e) &&
            (cmp > 0 || days_apart(s, day) < days_apart(&l->s[best], day))) {
            best = sp->cand[c].story;
            most = e;
        }
    }
    return best >= 0 ? best : latest_alone(l, sp, p, day);
}

// Puts dated document ds into story ev, or a new story when ev is -1 (then
// opened at once to documents without a scene, when sp is given).
static int join_or_start(fd_run *r, story_list *l, const dated *ds, const doc_places *p, int ev,
                         sceneless_pass *sp) {
    if (ev < 0) {
        if (!new_story(l, ds->day))
            return FD_ERR_NOMEM;
        ev = (int)l->n - 1;
        l->s[ev].scene = p->scene;
        l->s[ev].main_place = p->main_place;
        l->s[ev].main_day = ds->day;
        if (sp) {
            l->s[ev].opened = sp->next_open++;
            int *alone = FDP_PUSH(sp->alone, sp->nalone, sp->capalone);
            if (!alone)
                return FD_ERR_NOMEM;
            *alone = ev;
        }
    }
    r->docs[ds->doc]->event = ev;
    // A document without a scene only attaches to a story of a scene: what the
    // story is, its days and its names, stays what its scene's documents make it,
    // or stories that draw such documents would grow for months.
    if (p->scene < 0 && l->s[ev].scene >= 0)
        return 0;
    return join_story(l, ev, p, ds->day);
}

// Room in sp for every story of l and one more.
static int sceneless_room(const story_list *l, sceneless_pass *sp) {
    if (l->n + 1 <= sp->room)
        return 0;
    size_t room = 2 * (l->n + 1);
    int *seen = realloc(sp->seen, sizeof *seen * room);
    if (seen)
        sp->seen = seen;
    turn *cand = realloc(sp->cand, sizeof *cand * room);
    if (cand)
        sp->cand = cand;
    turn *tmp = realloc(sp->tmp, sizeof *tmp * room);
    if (tmp)
        sp->tmp = tmp;
    evidence *common = realloc(sp->common, sizeof *common * room);
    if (common)
        sp->common = common;
    if (!seen || !cand || !tmp || !common)
        return FD_ERR_NOMEM;
    for (size_t k = sp->room; k < room; k++)
        sp->seen[k] = -1;
    sp->room = room;
    return 0;
}

// The documents without a scene, in date order (see the top of the file).
static int join_sceneless(fd_run *r, const dated *ds, size_t nd, const doc_places *places,
                          story_list *l) {
    // The stories of scenes began in date order: each is opened to these
    // documents as their dates come within EVENT_DAYS of it.
    sceneless_pass sp = {0};
    size_t scened = l->n, next = 0;
    int rc = 0;
    for (size_t i = 0; i < nd && rc == 0; i++) {
        const doc_places *p = &places[ds[i].doc];
        if (p->scene >= 0)
            continue;
        while (next < scened && l->s[next].first_day - ds[i].day <= EVENT_DAYS)
            l->s[next++].opened = sp.next_open++;
        rc = sceneless_room(l, &sp);
        if (rc == 0)
            rc = join_or_start(r, l, &ds[i], p, nearest_story(l, &sp, p, ds[i].day, (int)i),
                               &sp);
    }
    free(sp.seen);
    free(sp.cand);
    free(sp.tmp);
    free(sp.common);
    free(sp.alone);
    return rc;
}

// Room in sc for every story of l and one more.
static int scene_room(const story_list *l, scene_pass *sc) {
    if (l->n + 1 <= sc->room)
        return 0;
    size_t room = 2 * (l->n + 1);
    int *seen = realloc(sc->seen, sizeof *seen * room);
    if (seen)
        sc->seen = seen;
    int *cand = realloc(sc->cand, sizeof *cand * room);
    if (cand)
        sc->cand = cand;
    if (!seen || !cand)
        return FD_ERR_NOMEM;
    for (size_t k = sc->room; k < room; k++)
        sc->seen[k] = -1;
    sc->room = room;
    return 0;
}

static void scene_pass_free(scene_pass *sc, size_t nentities) {
    for (size_t e = 0; sc->of_scene && e < nentities; e++)
        free(sc->of_scene[e].story);
    free(sc->of_scene);
    free(sc->first_child);
    free(sc->child);
    free(sc->seen);
    free(sc->cand);
}

// The documents with a scene, in date order (see the top of the file).
static int join_scened(fd_run *r, const dated *ds, size_t nd, const doc_places *places,
                       story_list *l) {
    scene_pass sc = {0};
    size_t nentities = r->rules ? r->rules->nentities : 0;
    int rc = children_of_places(r->rules, &sc);
    for (size_t i = 0; i < nd && rc == 0; i++) {
        const doc_places *p = &places[ds[i].doc];
        if (p->scene < 0)
            continue;
        rc = scene_room(l, &sc);
        size_t before = l->n;
        if (rc == 0)
            rc = join_or_start(r, l, &ds[i], p, scene_story(l, &sc, p, ds[i].day, (int)i), NULL);
        if (rc == 0 && l->n > before) { // it began a story of its scene
            rc = push_posting(&sc.of_scene[p->scene], (int)before);
        }
    }
    scene_pass_free(&sc, nentities);
    return rc;
}

// The stories of the dated documents, by index of their first document in
// date order (see the top of the file); places[i] is what is known of
// document i.
static int tell_stories(fd_run *r, const dated *ds, size_t nd, const doc_places *places,
                        story_list *l) {
    int rc = join_scened(r, ds, nd, places, l);
    return rc == 0 ? join_sceneless(r, ds, nd, places, l) : rc;
}

/* For each name and fact key, the stories whose documents have it (ascending):
 * an undated document is weighed only against the stories it has something in
 * common with, not against every story of the run. */
typedef struct story_index {
    size_t *first;  /* by id, names then keys: its stories are of[first[id], first[id + 1]) */
    int *of;
    size_t nnames;  /* ids below it are names; key k is id nnames + k */
    size_t nids;
} story_index;

static size_t highest_id(const int *ids, size_t n, size_t above) {
    for (size_t i = 0; i < n; i++)
        if ((size_t)ids[i] + 1 > above)
            above = (size_t)ids[i] + 1;
    return above;
}

static int index_stories(const story_list *l, story_index *ix) {
    size_t nnames = 0, nkeys = 0, total = 0;
    for (size_t k = 0; k < l->n; k++) {
        nnames = highest_id(l->s[k].names, l->s[k].nnames, nnames);
        nkeys = highest_id(l->s[k].keys, l->s[k].nkeys, nkeys);
        total += l->s[k].nnames + l->s[k].nkeys;
    }
    *ix = (story_index){calloc(nnames + nkeys + 2, sizeof *ix->first),
                        malloc(sizeof *ix->of * (total + 1)), nnames, nnames + nkeys};
    if (!ix->first || !ix->of)
        return FD_ERR_NOMEM;
    for (int pass = 0; pass < 2; pass++) { // count, then fill behind the counts
        for (size_t k = 0; k < l->n; k++) {
            const story *st = &l->s[k];
            for (size_t i = 0; i < st->nnames + st->nkeys; i++) {
                size_t id = i < st->nnames ? (size_t)st->names[i]
                                           : nnames + (size_t)st->keys[i - st->nnames];
                if (pass == 0)
                    ix->first[id + 1]++;
                else
                    ix->of[ix->first[id]++] = (int)k;
            }
        }
        if (pass == 0)
            for (size_t id = 0; id < ix->nids; id++)
                ix->first[id + 1] += ix->first[id];
    }
    // the fill moved each first to the next one's: back by one
    memmove(ix->first + 1, ix->first, sizeof *ix->first * ix->nids);
    ix->first[0] = 0;
    return 0;
}

/* What an undated document is weighed with: by story, the mark of the
 * documents that took it and what it has in common with the one that did
 * last; the stories taken. */
typedef struct undated_pass {
    int *seen;
    evidence *common;
    int *cand;
} undated_pass;

// The stories sharing a name or a key with p, ascending, into up->cand;
// seen[k] == mark tells a story already taken. Returns how many. What each
// has in common with p is counted on the way (as in shared_stories).
static size_t candidates(const story_index *ix, const doc_places *p, undated_pass *up, int mark) {
    size_t n = 0, salient = 0;
    for (size_t i = 0; i < p->nnames + p->nkeys; i++) {
        bool is_name = i < p->nnames;
        size_t id = is_name ? (size_t)p->names[i] : ix->nnames + (size_t)p->keys[i - p->nnames];
        bool is_salient = is_name && salient < p->nsalient && p->salient[salient] == p->names[i];
        salient += is_salient;
        if ((is_name && id >= ix->nnames) || id >= ix->nids)
            continue; // named or counted by no story
        for (size_t k = ix->first[id]; k < ix->first[id + 1]; k++) {
            int st = ix->of[k];
            if (up->seen[st] != mark) {
                up->seen[st] = mark;
                up->common[st] = (evidence){0};
                up->cand[n++] = st;
            }
            up->common[st].salient += is_salient;
            up->common[st].names += is_name;
            up->common[st].keys += !is_name;
        }
    }
    int *cand = up->cand;
    if (n)
        fdp_sort_ints(cand, n);
    return n;
}

// The event of its scene an undated document has most in common with, or -1.
static int best_event(const story_list *l, const story_index *ix, const doc_places *p,
                      undated_pass *up, int mark) {
    int ev = -1;
    evidence most = {0};
    size_t n = candidates(ix, p, up, mark);
    for (size_t c = 0; c < n; c++) {
        const story *s = &l->s[up->cand[c]];
        evidence e = up->common[up->cand[c]];
        if (weigh_counted(e, most) > 0 && !no_evidence(e) && of_its_scene(l->rules, s, p)) {
            ev = up->cand[c];
            most = e;
        }
    }
    return ev;
}

// Places each undated document in the event of its scene it has most in
// common with (see the top of the file).
static int place_undated(fd_run *r, const story_list *l, const doc_places *places) {
    story_index ix;
    undated_pass up = {malloc(sizeof *up.seen * (l->n + 1)),
                       malloc(sizeof *up.common * (l->n + 1)), malloc(sizeof *up.cand * (l->n + 1))};
    int rc = index_stories(l, &ix);
    if (rc == 0 && (!up.seen || !up.common || !up.cand))
        rc = FD_ERR_NOMEM;
    for (size_t k = 0; rc == 0 && k < l->n; k++)
        up.seen[k] = -1;
    int undated_event = -1;
    for (size_t di = 0; rc == 0 && di < r->ndocs; di++) {
        fdp_doc *d = r->docs[di];
        if (d->event >= 0)
            continue;
        int ev = best_event(l, &ix, &places[di], &up, (int)di);
        if (ev < 0) {
            if (undated_event < 0)
                undated_event = (int)l->n;
            ev = undated_event;
        }
        d->event = ev;
    }
    free(ix.first);
    free(ix.of);
    free(up.seen);
    free(up.common);
    free(up.cand);
    return rc;
}

static void free_stories(story_list *l) {
    for (size_t i = 0; l->post && i < l->ids; i++)
        free(l->post[i].story);
    free(l->post);
    for (size_t i = 0; i < l->n; i++) {
        free(l->s[i].named);
        free(l->s[i].names);
        free(l->s[i].keys);
    }
    free(l->s);
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
    fdp_event_docs ed;
    int rc = fdp_read_event_docs(r, &ed);
    story_list l = {.words = ed.words, .rules = r->rules, .name_ids = ed.name_ids,
                    .ids = ed.name_ids + ed.key_ids};
    l.post = rc == 0 ? calloc(l.ids + 1, sizeof *l.post) : NULL;
    dated *ds = malloc(sizeof *ds * (r->ndocs + 1));
    if (rc == 0 && (!l.post || !ds))
        rc = FD_ERR_NOMEM;
    size_t nd = rc == 0 ? dated_documents(r, ds) : 0;
    if (rc == 0)
        rc = tell_stories(r, ds, nd, ed.of, &l);
    if (rc == 0 && nd < r->ndocs)
        rc = place_undated(r, &l, ed.of);
    if (rc == 0)
        rc = number_events(r, ds, nd, l.n);
    free_stories(&l);
    free(l.merged);
    fdp_run_free_event_notes(r); // read once: a run's events are told once
    free(ds);
    return rc;
}
