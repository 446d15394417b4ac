/*
 * judge.c - the judge stage: groups claims about the same fact and judges each
 * group with interval logic (model/interval.c).
 *
 * 1. Groups: claims of one event with one key, found by sorting (no all-pairs).
 * 2. Frames: inside a group, claims that name different sides, originators or
 *    time windows are different facts and are split apart.
 * 3. Verdicts: agreement (same exact value), compatible (intervals overlap once
 *    approximations are widened by 10% and vague quantities opened above),
 *    conflict (no overlap), disputed (a conflict between named, different
 *    originators), update (a later story raises the earlier figure).
 *
 * Reads: claims, doc->event, doc->copy_of. Writes: findings on facts, each
 * with everything a reporter shows (anchor, documents, sources, summary).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compare/compare.h"

#define SUMMARY_CLAIMS 10 /* figures named in a summary; the rest are counted */
#define MANY_SOURCES 16   /* counting independent sources stops here */
#define SMALL_GROUP 8     /* up to this many claims, the anchor is found pair by pair */

typedef const fdp_claim *claim_ref;

/* ---- grouping ------------------------------------------------------------- */

/* A claim with its sort key: event, then fact key, then reading order (its
 * place in run->claims, plus one, which also finds it again there: a view of
 * one event holds claims numbered across the whole run). 16 bytes: a run sorts
 * millions. */
typedef struct keyed {
    const char *key;
    uint32_t event;
    uint32_t number;
} keyed;

static int cmp_keyed(const void *a, const void *b) {
    const keyed *x = a, *y = b;
    if (x->event != y->event)
        return x->event < y->event ? -1 : 1;
    int c = x->key == y->key ? 0 : strcmp(x->key, y->key); // a checked run's keys are pooled
    return c ? c : (x->number > y->number) - (x->number < y->number);
}

#define NUMBER_RUN 8 /* runs this long are sorted by insertion, then merged */

// Merges the sorted src[lo, mid) and src[mid, hi) into dst[lo, hi), by number.
static void merge_by_number(const claim_ref *src, claim_ref *dst, int lo, int mid, int hi) {
    int i = lo, j = mid, k = lo;
    while (i < mid && j < hi)
        dst[k++] = src[j]->number < src[i]->number ? src[j++] : src[i++];
    while (i < mid)
        dst[k++] = src[i++];
    while (j < hi)
        dst[k++] = src[j++];
}

// Sorts claims by number, reading order (document order, then text order):
// each claim's is its own, so any sort gives one order;
// tmp being room for n more. Mostly they come in reading order already: then a
// pass; else a merge sort inline, where qsort called a function for each
// comparison.
static void sort_by_number(claim_ref *cs, claim_ref *tmp, int n) {
    int i = 1;
    while (i < n && cs[i - 1]->number < cs[i]->number)
        i++;
    if (i == n)
        return;
    for (int a = 0; a < n; a += NUMBER_RUN)
        for (i = a + 1; i < n && i < a + NUMBER_RUN; i++) {
            claim_ref c = cs[i];
            int j = i;
            for (; j > a && cs[j - 1]->number > c->number; j--)
                cs[j] = cs[j - 1];
            cs[j] = c;
        }
    claim_ref *src = cs, *dst = tmp;
    for (int width = NUMBER_RUN; width < n; width *= 2) {
        for (int lo = 0; lo < n; lo += 2 * width)
            merge_by_number(src, dst, lo, lo + width < n ? lo + width : n,
                            lo + 2 * width < n ? lo + 2 * width : n);
        claim_ref *t = src;
        src = dst;
        dst = t;
    }
    if (src != cs)
        memcpy(cs, src, sizeof *cs * (size_t)n);
}

static bool differ(const char *a, const char *b) { return a && b && a != b && strcmp(a, b) != 0; }

/*
 * True if two claims from different sides (documents, or originators) cannot both
 * hold. In one dimension that happens exactly when some claim's low lies above
 * another's high, so it is enough to test the two most restrictive lows and the
 * two most restrictive highs, each pair taken from two different sides: O(n),
 * not O(n^2).
 */
static bool any_cross_conflict(const size_t *side, const fdp_bounds *b, int n) {
    int a1 = -1, a2 = -1, b1 = -1, b2 = -1;
    for (int i = 0; i < n; i++)
        if (a1 < 0 || fdp_lo_above(b[i], b[a1]))
            a1 = i;
    for (int i = 0; i < n; i++)
        if (side[i] != side[a1] && (a2 < 0 || fdp_lo_above(b[i], b[a2])))
            a2 = i;
    for (int i = 0; i < n; i++)
        if (b1 < 0 || fdp_hi_below(b[i], b[b1]))
            b1 = i;
    for (int i = 0; i < n; i++)
        if (side[i] != side[b1] && (b2 < 0 || fdp_hi_below(b[i], b[b2])))
            b2 = i;
    const int lows[2] = {a1, a2}, highs[2] = {b1, b2};
    for (int x = 0; x < 2; x++)
        for (int y = 0; y < 2; y++) {
            int i = lows[x], j = highs[y];
            if (i < 0 || j < 0 || side[i] == side[j])
                continue;
            if (!fdp_bounds_overlap(b[i], b[j]))
                return true;
        }
    return false;
}

// True if the claim's predicate is a running total (a death toll).
static bool cumulative(const fd_ruleset *rules, claim_ref c) {
    if (!c->predicate || !rules)
        return false;
    for (size_t i = 0; i < rules->npredicates; i++)
        if (!strcmp(rules->predicates[i].name, c->predicate))
            return rules->predicates[i].cumulative;
    return false;
}

/*
 * A discrepancy in a running total is an update when every pair of claims that
 * cannot both hold comes from different documents and the later one is the
 * higher: 135 dead on 5 August, at least 137 on 6 August. Without both dates
 * the higher figure must be written as the total's new level ("the toll has
 * risen to 48").
 */
static bool is_update(const fd_ruleset *rules, const claim_ref *cs, int n, const fdp_bounds *b) {
    if (!cumulative(rules, cs[0]))
        return false;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            claim_ref x = cs[i], y = cs[j];
            if (x->doc == y->doc || !fdp_lo_above(b[j], b[i]) || fdp_bounds_overlap(b[i], b[j]))
                continue;
            // y's figure lies above x's: y must be the later story; undated,
            // it must say the total has risen to it ("the toll has risen to 48").
            const char *dx = x->doc->date, *dy = y->doc->date;
            if (dx && dy ? strcmp(dy, dx) <= 0 : !y->risen)
                return false;
        }
    return true;
}

/* Room for judging n claims: their widened bounds and their sides, and the
 * last unit looked up (a group's claims nearly always share one). */
typedef struct scratch {
    fdp_bounds *b;
    size_t *side;
    const fd_ruleset *rules;
    const char *unit;
    double base;
    double offset; /* the unit's zero on the base: temperatures ("104F" is 40 on 1.8 C) */
} scratch;

// A claim's interval on the comparison base of its unit, hedges widened.
static fdp_bounds widened(scratch *sc, claim_ref c) {
    if (c->unit != sc->unit) {
        sc->unit = c->unit;
        sc->base = fdp_rules_unit_base(sc->rules, c->unit, NULL);
        sc->offset = fdp_rules_unit_offset(sc->rules, c->unit);
    }
    fdp_bounds b = fdp_widen(&c->value, sc->base);
    b.lo += sc->offset;
    b.hi += sc->offset;
    return b;
}

/*
 * "The month-long battle" on 16 October and "80 days" of it on 8 December: the
 * length of something still going on grows with the date of the report. When
 * every report is dated and the lengths, each counted back from its report's
 * date to a start, can share one start (give or take a tenth of the days
 * between the reports), the time elapsed explains the difference and no figure
 * contradicts another. sc->b holds the claims' bounds in days; it is shifted in
 * place.
 */
static bool explained_by_elapsed_time(const claim_ref *cs, int n, scratch *sc) {
    long first = -1, last = -1;
    for (int i = 0; i < n; i++) {
        long day = fdp_day_number(cs[i]->doc->date);
        const char *dim = NULL;
        fdp_rules_unit_base(sc->rules, cs[i]->unit, &dim);
        if (day < 0 || !dim || strcmp(dim, FDP_DIMENSION_TIME) != 0)
            return false;
        first = first < 0 || day < first ? day : first;
        last = day > last ? day : last;
    }
    // the start each implies: the report's day less the length, give or take a
    // tenth of the days between the reports (a length "as of" a report is rarely
    // counted to the day), and a day
    double slack = fmax(1, FDP_APPROX_TOLERANCE * (double)(last - first));
    for (int i = 0; i < n; i++) {
        double day = (double)fdp_day_number(cs[i]->doc->date);
        fdp_bounds b = sc->b[i];
        sc->b[i] = (fdp_bounds){day - b.hi - slack, day - b.lo + slack, false, false};
    }
    return last > first && !any_cross_conflict(sc->side, sc->b, n);
}

// The broadest counted class among the claims: the one every other class of
// theirs stands within (a cluster's classes nest), or -1.
static int broadest_class(const fd_ruleset *rules, const claim_ref *cs, int n) {
    int top = -1;
    for (int i = 0; i < n; i++)
        if (cs[i]->cls >= 0 && (top < 0 || fdp_rules_class_within(rules, top, cs[i]->cls)))
            top = cs[i]->cls;
    return top;
}

/* "20 crew" beside "38 people aboard": a part may be smaller than its whole but
 * never larger, so the figure of a narrower class is open above next to the
 * broader one. Returns whether any was. */
static bool open_narrower(const fd_ruleset *rules, const claim_ref *cs, int n, fdp_bounds *b) {
    int top = broadest_class(rules, cs, n);
    bool any = false;
    for (int i = 0; i < n; i++)
        if (cs[i]->cls >= 0 && cs[i]->cls != top) {
            b[i].hi = INFINITY;
            b[i].hi_open = false;
            any = true;
        }
    return any;
}

// The verdict on a cluster of claims from two or more documents (side = document).
static fdp_finding_kind verdict(const fd_ruleset *rules, const claim_ref *cs, int n,
                                scratch *sc) {
    bool all_same = true;
    for (int i = 0; i < n; i++) {
        sc->b[i] = widened(sc, cs[i]);
        sc->side[i] = cs[i]->doc->index;
        if (!fdp_is_definite(&cs[i]->value) || !fdp_same_interval(&cs[i]->value, &cs[0]->value))
            all_same = false;
    }
    if (open_narrower(rules, cs, n, sc->b))
        all_same = false;
    if (any_cross_conflict(sc->side, sc->b, n)) {
        if (is_update(rules, cs, n, sc->b))
            return FDP_UPDATE;
        if (explained_by_elapsed_time(cs, n, sc)) {
            for (int i = 0; i < n; i++)
                sc->b[i] = widened(sc, cs[i]); // the anchor is found on the lengths
            return FDP_COMPATIBLE;
        }
        return FDP_CONFLICT;
    }
    return all_same ? FDP_AGREEMENT : FDP_COMPATIBLE;
}

// Documents behind the claims, copies of one wire text counted once.
static int independent_sources(const claim_ref *cs, int n) {
    int count = 0;
    for (int i = 0; i < n; i++) {
        const fdp_doc *root = cs[i]->doc->copy_of ? cs[i]->doc->copy_of : cs[i]->doc;
        bool seen = false;
        for (int j = 0; j < i && !seen; j++)
            seen = (cs[j]->doc->copy_of ? cs[j]->doc->copy_of : cs[j]->doc) == root;
        count += !seen;
        if (count > MANY_SOURCES)
            break; // enough to say "many"; keeps huge groups linear-ish
    }
    return count;
}

/* Sorted ends of a group's widened intervals, for counting overlaps fast. */
typedef struct ends {
    double *his, *open_his, *los, *open_los;
    size_t nhi, nopen_hi, nlo, nopen_lo;
} ends;

// Sorts v[0..n) ascending, tmp being room for n more: runs of RUN sorted by
// insertion, then merged bottom up. Faster here than qsort's calls through a
// function pointer, for the short arrays of one finding.
#define RUN 8
static void sort_doubles(double *v, double *tmp, size_t n) {
    for (size_t a = 0; a < n; a += RUN)
        for (size_t i = a + 1; i < n && i < a + RUN; i++) {
            double x = v[i];
            size_t j = i;
            for (; j > a && v[j - 1] > x; j--)
                v[j] = v[j - 1];
            v[j] = x;
        }
    double *src = v, *dst = tmp;
    for (size_t width = RUN; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                dst[k++] = src[j] < src[i] ? src[j++] : src[i++];
            while (i < mid)
                dst[k++] = src[i++];
            while (j < hi)
                dst[k++] = src[j++];
        }
        double *t = src;
        src = dst;
        dst = t;
    }
    if (src != v)
        memcpy(v, src, n * sizeof *v);
}

// Number of values in sorted v[0..n) below x (strictly), or at most x. The
// halving steps depend on n alone and each one's choice is arithmetic, not a
// branch: which half x lies in is a coin toss no predictor learns. (One loop
// for each comparison: a step asking which was more than the branch saved.)
static size_t count_below(const double *v, size_t n, double x, bool inclusive) {
    if (n == 0)
        return 0;
    const double *base = v; // the count is in [base - v, base - v + len]
    size_t len = n;
    if (inclusive) {
        for (; len > 1; len -= len / 2)
            base += len / 2 & -(size_t)(base[len / 2 - 1] <= x);
        return (size_t)(base - v) + (*base <= x);
    }
    for (; len > 1; len -= len / 2)
        base += len / 2 & -(size_t)(base[len / 2 - 1] < x);
    return (size_t)(base - v) + (*base < x);
}

// How many of the group's intervals lie wholly below b (they end before it
// starts), by the rule of fdp_bounds_overlap.
static size_t wholly_below(const ends *e, fdp_bounds b) {
    if (b.lo == -INFINITY)
        return 0;
    double eps = 1e-9 * fmax(1, fabs(b.lo));
    size_t before = count_below(e->his, e->nhi, b.lo - eps, false);
    // Touching ends count as apart when either end is open.
    size_t touching = b.lo_open ? count_below(e->his, e->nhi, b.lo + eps, true) - before
                                : count_below(e->open_his, e->nopen_hi, b.lo + eps, true) -
                                      count_below(e->open_his, e->nopen_hi, b.lo - eps, false);
    return before + touching;
}

// Likewise for the intervals wholly above b, on the negated low ends.
static size_t wholly_above(const ends *e, fdp_bounds b) {
    if (b.hi == INFINITY)
        return 0;
    double eps = 1e-9 * fmax(1, fabs(b.hi)), x = -b.hi;
    size_t after = count_below(e->los, e->nlo, x - eps, false);
    size_t touching = b.hi_open ? count_below(e->los, e->nlo, x + eps, true) - after
                                : count_below(e->open_los, e->nopen_lo, x + eps, true) -
                                      count_below(e->open_los, e->nopen_lo, x - eps, false);
    return after + touching;
}

// anchor_of for a few claims (b: their widened bounds): every pair compared.
static claim_ref anchor_of_few(const claim_ref *cs, int n, const fdp_bounds *b) {
    claim_ref best = cs[n - 1];
    int best_n = n + 1;
    for (int i = n - 1; i >= 0; i--) {
        int k = 0;
        for (int j = 0; j < n; j++)
            k += fdp_bounds_overlap(b[i], b[j]);
        if (k < best_n) {
            best = cs[i];
            best_n = k;
        }
    }
    return best;
}

/*
 * The claim a diagnostic stands on: the one whose interval overlaps fewest of
 * the others (the latest of those on a tie). Counting by binary search over the
 * sorted ends keeps a group of thousands of claims O(n log n). b holds the
 * claims' widened bounds (the verdict has just made them). NULL when out of
 * memory.
 */
static claim_ref anchor_of(const claim_ref *cs, int n, const fdp_bounds *b) {
    if (n <= SMALL_GROUP)
        return anchor_of_few(cs, n, b);
    ends e = {malloc(sizeof(double) * (size_t)n * 5), NULL, NULL, NULL, 0, 0, 0, 0};
    if (!e.his)
        return NULL;
    double *tmp = e.his + 4 * n;
    e.open_his = e.his + n;
    e.los = e.his + 2 * n;
    e.open_los = e.his + 3 * n;
    for (int i = 0; i < n; i++) {
        e.his[e.nhi++] = b[i].hi;
        e.los[e.nlo++] = -b[i].lo; // negated: "above" becomes "below"
        if (b[i].hi_open)
            e.open_his[e.nopen_hi++] = b[i].hi;
        if (b[i].lo_open)
            e.open_los[e.nopen_lo++] = -b[i].lo;
    }
    sort_doubles(e.his, tmp, e.nhi);
    sort_doubles(e.open_his, tmp, e.nopen_hi);
    sort_doubles(e.los, tmp, e.nlo);
    sort_doubles(e.open_los, tmp, e.nopen_lo);
    claim_ref best = cs[n - 1];
    size_t best_n = (size_t)-1;
    for (int i = n - 1; i >= 0; i--) {
        size_t apart = wholly_below(&e, b[i]) + wholly_above(&e, b[i]);
        size_t k = (size_t)n - apart;
        if (k < best_n) {
            best = cs[i];
            best_n = k;
        }
    }
    free(e.his);
    return best;
}

// "militants killed within 24 hours": the window named, since it is not the
// same fact as the battle's whole toll, and a reader should see why.
// The place too: "people protested in Paris" is not the nationwide count.
static bool is_vote_side(const fd_ruleset *rules, const char *entity) {
    const char *yes = rules->labels.vote_yes, *no = rules->labels.vote_no;
    return entity && ((yes && !strcmp(entity, yes)) || (no && !strcmp(entity, no)));
}

// The words after a label that say which vote, which side and where:
// "share of votes voted (care, no, Donegal)".
static void label_scope(fdp_buf *lb, const char *topic, const char *side, const char *place) {
    const char *parts[] = {topic, side, place};
    int n = 0;
    for (int i = 0; i < 3; i++)
        if (parts[i])
            fdp_buf_printf(lb, "%s%s", n++ ? ", " : " (", parts[i]);
    if (n)
        fdp_buf_puts(lb, ")");
}

static char *finding_label(const fd_ruleset *rules, const claim_ref *cs, int n) {
    const char *window = NULL, *place = NULL, *topic = NULL, *side = NULL;
    for (int i = 0; i < n; i++) {
        if (!window)
            window = cs[i]->window;
        if (!place)
            place = cs[i]->place;
        if (!topic)
            topic = cs[i]->topic;
        if (!side && rules && is_vote_side(rules, cs[i]->entity))
            side = cs[i]->entity;
    }
    // the whole's label when a part stands beside it
    int top = broadest_class(rules, cs, n), first = 0;
    for (int i = 0; i < n && top >= 0; i++)
        if (cs[i]->cls == top) {
            first = i;
            break;
        }
    fdp_buf lb = {0};
    fdp_buf_puts(&lb, cs[first]->label ? cs[first]->label : cs[first]->key);
    label_scope(&lb, topic, side, place);
    if (window)
        fdp_buf_printf(&lb, " within %s", window);
    // "crew within people": say when a part is set beside its whole
    for (int i = 0; i < n && rules && top >= 0; i++)
        if (cs[i]->cls >= 0 && cs[i]->cls != top) {
            fdp_buf_printf(&lb, " (%s within %s)", rules->nouns[cs[i]->cls].label,
                           rules->nouns[top].label);
            break;
        }
    return fdp_buf_take(&lb);
}

// One line an editor can read: the first SUMMARY_CLAIMS figures, then a count.
static char *finding_summary(const fdp_finding *f, const fdp_interval_words *words) {
    fdp_buf s = {0};
    fdp_buf_printf(&s, "%s: ", f->label ? f->label : "");
    for (int i = 0; i < f->nclaims && i < SUMMARY_CLAIMS; i++) {
        if (i)
            fdp_buf_puts(&s, fdp_finding_is_discrepancy(f->kind) ? " vs " : ", ");
        fdp_describe_claim(f->claims[i], &s, f->kind == FDP_DISPUTED, words);
    }
    if (f->nclaims > SUMMARY_CLAIMS)
        fdp_buf_printf(&s, " and %d more", f->nclaims - SUMMARY_CLAIMS);
    return fdp_buf_take(&s);
}

/*
 * Records a finding on claims cs[0..n) (in reading order). kind is the verdict
 * to record, with sc->b already holding the claims' widened bounds, or -1 to
 * judge the claims as one fact (which makes the bounds). Claims of one
 * document make no finding.
 */
static int add_finding(fd_run *r, const claim_ref *cs, int n, scratch *sc, int kind) {
    int docs = 1;
    for (int i = 1; i < n; i++)
        docs += cs[i]->doc != cs[i - 1]->doc;
    if (docs < 2)
        return 0;
    fdp_finding_kind k = kind >= 0 ? (fdp_finding_kind)kind : verdict(r->rules, cs, n, sc);
    // A reporting window says which fact a figure is about: two reports with
    // different windows are different reports, not a discrepancy.
    if (fdp_finding_is_discrepancy(k) && cs[0]->is_window)
        return 0;
    fdp_finding *f = fdp_run_new_finding(r);
    if (!f)
        return FD_ERR_NOMEM;
    f->kind = k;
    f->docs = docs;
    f->sources = independent_sources(cs, n);
    f->key = fdp_strdup(cs[0]->key);
    f->label = finding_label(r->rules, cs, n);
    f->claims = malloc(sizeof *f->claims * (size_t)n);
    if (!f->key || !f->label || !f->claims)
        return FD_ERR_NOMEM;
    memcpy(f->claims, cs, sizeof *f->claims * (size_t)n);
    f->nclaims = n;
    // Equal exact figures all overlap: the anchor is the last, as anchor_of finds.
    f->anchor = k == FDP_AGREEMENT ? cs[n - 1] : anchor_of(cs, n, sc->b);
    if (!f->anchor)
        return FD_ERR_NOMEM;
    f->summary = finding_summary(f, fdp_rules_interval_words(r->rules));
    return f->summary ? 0 : FD_ERR_NOMEM;
}

/* ---- frames: one key, several facts --------------------------------------- */

/* What a cluster's claims name: at most one value per frame slot, since every
 * pair of its claims is compatible. */
typedef struct signature {
    const char *entity, *attribution, *window, *when, *agent, *place, *topic;
    int cls; /* the narrowest counted class of the cluster, or -1 */
} signature;

static bool same_or_both_null(const char *a, const char *b) {
    return a == b || (a && b && !strcmp(a, b));
}

// The sides of a vote are parts of its total: "1,114,620 voted no" is not the
// "1,525,221 people voted" of another report, so a side does not meet a figure
// that names none. Other entities may be left unnamed ("400 fighters killed").
static bool entities_fit(const fd_ruleset *rules, const char *a, const char *b) {
    if (differ(a, b))
        return false;
    return !a == !b || !is_vote_side(rules, a ? a : b);
}

/* Where a claim was counted, for telling facts apart: NULL for the scene of
 * its story. "12 died in Riverton" is a part of the story's figure, so a count
 * in a named place meets only counts in that place; but a count that names no
 * place, one of the whole ("nationwide") and one in the place the document
 * names most (the siege of Kobani, counted "in Kobani") are all the scene's,
 * unless its sentence splits the count by places ("21 in Germany and one in
 * Sweden"). */
static bool counts_whole(const fd_ruleset *rules, claim_ref c) {
    return !c->place || (rules->labels.whole && !strcmp(c->place, rules->labels.whole));
}

// "119,000 in Paris" beside
// "1.09 million nationwide" in one story is a part of it, though the story
// names Paris most: the scene is the story's figure only where the document
// gives no figure of the whole beside it.
static const char *place_of(const fd_ruleset *rules, claim_ref c, bool doc_counts_whole) {
    if (counts_whole(rules, c))
        return NULL;
    int scene = c->doc->scene;
    bool at_scene = scene >= 0 && !strcmp(c->place, rules->entities[scene].name);
    return at_scene && !c->place_part && !doc_counts_whole ? NULL : c->place;
}

// A claim placed in another year ("the 2003 rally") is never a fact of today.
// place: the claim's place_of.
// (The fields that must be equal are asked first: most clusters fail on them,
// and they cost a pointer comparison where the strings are pooled.)
static bool fits(const fd_ruleset *rules, const signature *s, claim_ref c, const char *place) {
    return same_or_both_null(s->when, c->when) && same_or_both_null(s->place, place) &&
           entities_fit(rules, s->entity, c->entity) && !differ(s->attribution, c->attribution) &&
           !differ(s->window, c->window) && !differ(s->agent, c->agent) &&
           !differ(s->topic, c->topic) &&
           (s->cls < 0 || c->cls < 0 || fdp_rules_classes_nest(rules, s->cls, c->cls));
}

static void absorb(const fd_ruleset *rules, signature *s, claim_ref c) {
    if (!s->entity)
        s->entity = c->entity;
    if (!s->attribution)
        s->attribution = c->attribution;
    if (!s->window)
        s->window = c->window;
    if (!s->agent)
        s->agent = c->agent;

    if (!s->topic)
        s->topic = c->topic;
    // keep the narrowest: "passengers" may not join "crew" through "people"
    if (s->cls < 0 || (c->cls >= 0 && fdp_rules_class_within(rules, c->cls, s->cls)))
        s->cls = c->cls;
}

/* One key group being split: its claims, most named first, and their clusters. */
typedef struct group {
    claim_ref *order;   /* the group's claims, those naming most first */
    int *cluster;       /* cluster of order[i] */
    signature *sig;     /* per cluster */
    int n, nclusters;
    claim_ref *members; /* scratch: one cluster's claims */
    scratch sc;
    const char **place; /* place_of order[i] */
    int *head, *tail;   /* per cluster: the first and last of its members (order indexes) */
    int *next;          /* per order index: the next member of its cluster, or -1 */
    claim_ref *sorting; /* scratch: room for sorting the members */
} group;

// The list of each cluster's members, in order (the group's order indexes): a
// cluster's members are then found without a pass over the whole group, which
// made judging a large event's key groups quadratic.
static void list_members(group *g) {
    for (int cl = 0; cl < g->nclusters; cl++)
        g->head[cl] = g->tail[cl] = -1;
    for (int i = 0; i < g->n; i++) {
        int cl = g->cluster[i];
        g->next[i] = -1;
        if (g->tail[cl] < 0)
            g->head[cl] = i;
        else
            g->next[g->tail[cl]] = i;
        g->tail[cl] = i;
    }
}

// Writes to g->members the claims of clusters a and b (b < 0: a alone) in the
// group's order, those naming an originator alone if attributed; returns how many.
static int members_of(group *g, int a, int b, bool attributed) {
    int m = 0, x = g->head[a], y = b >= 0 ? g->head[b] : -1;
    while (x >= 0 || y >= 0) {
        int i;
        if (y < 0 || (x >= 0 && x < y)) {
            i = x;
            x = g->next[x];
        } else {
            i = y;
            y = g->next[y];
        }
        if (!attributed || g->order[i]->attribution)
            g->members[m++] = g->order[i];
    }
    return m;
}

// Moves cluster b's members into cluster a, the list kept in order.
static void move_members(group *g, int a, int b) {
    int x = g->head[a], y = g->head[b], last = -1;
    g->head[a] = -1;
    while (x >= 0 || y >= 0) {
        int i;
        if (y < 0 || (x >= 0 && x < y)) {
            i = x;
            x = g->next[x];
        } else {
            i = y;
            y = g->next[y];
        }
        g->cluster[i] = a;
        if (last < 0)
            g->head[a] = i;
        else
            g->next[last] = i;
        last = i;
    }
    if (last >= 0)
        g->next[last] = -1;
    g->tail[a] = last;
    g->head[b] = g->tail[b] = -1;
}

static int cmp_claim_doc(const void *a, const void *b) {
    size_t x = (*(const claim_ref *)a)->doc->index, y = (*(const claim_ref *)b)->doc->index;
    return (x > y) - (x < y);
}

// True if c's document gives, beside c, a figure of the whole that c's cannot
// be (the same time, no value in common): "119,000 in Paris" and "1.09 million
// nationwide". wholes[0, nw): the group's claims of the whole, by document.
static bool whole_beside(group *g, claim_ref c, const claim_ref *wholes, int nw) {
    int lo = 0, hi = nw;
    while (lo < hi) { // the first of c's document
        int mid = (lo + hi) / 2;
        if (wholes[mid]->doc->index < c->doc->index)
            lo = mid + 1;
        else
            hi = mid;
    }
    fdp_bounds own = widened(&g->sc, c);
    for (int k = lo; k < nw && wholes[k]->doc == c->doc; k++)
        if (same_or_both_null(wholes[k]->when, c->when) &&
            !fdp_bounds_overlap(own, widened(&g->sc, wholes[k])))
            return true;
    return false;
}

// The place of each claim of the group as facts are told apart (place_of),
// knowing which documents give a figure of the whole beside it. cs: the
// group's claims in reading order.
static void group_places(group *g, const claim_ref *cs) {
    // The claims of the whole are taken in reading order, so nearly always by
    // document already: a pass, not a qsort. (Their order within a document
    // does not matter: whole_beside asks whether any of them is.)
    int nw = 0;
    bool by_doc = true;
    for (int i = 0; i < g->n; i++)
        if (counts_whole(g->sc.rules, cs[i])) {
            by_doc = by_doc && (nw == 0 || g->members[nw - 1]->doc->index <= cs[i]->doc->index);
            g->members[nw++] = cs[i];
        }
    if (!by_doc)
        qsort(g->members, (size_t)nw, sizeof *g->members, cmp_claim_doc);
    for (int i = 0; i < g->n; i++) {
        claim_ref c = g->order[i];
        bool beside = c->place && nw && whole_beside(g, c, g->members, nw);
        g->place[i] = place_of(g->sc.rules, c, beside);
    }
}

/*
 * Two clusters that differ only in who gives the figure (same side, same window,
 * same year) are two originators' accounts of one fact: "organisers say 1.03
 * million, police 240,000". If their figures cannot both hold, that is a dispute,
 * recorded with the claims of both sides, provided they span two documents.
 */
// True if two clusters' signatures differ only in who gives the figure.
static bool only_originators_differ(const signature *x, const signature *y) {
    return x->attribution && y->attribution && strcmp(x->attribution, y->attribution) &&
           !differ(x->entity, y->entity) && same_or_both_null(x->window, y->window) &&
           same_or_both_null(x->when, y->when) && !differ(x->agent, y->agent) &&
           same_or_both_null(x->place, y->place) && !differ(x->topic, y->topic);
}

static int dispute(fd_run *r, group *g, int a, int b) {
    const signature *x = &g->sig[a], *y = &g->sig[b];
    if (!only_originators_differ(x, y))
        return 0;
    // The two sides only: unattributed claims that joined a cluster speak for no one.
    int m = members_of(g, a, b, true);
    sort_by_number(g->members, g->sorting, m);
    for (int i = 0; i < m; i++) {
        claim_ref c = g->members[i];
        g->sc.b[i] = widened(&g->sc, c);
        g->sc.side[i] = c->attribution && !strcmp(c->attribution, x->attribution) ? 0 : 1;
    }
    if (!any_cross_conflict(g->sc.side, g->sc.b, m))
        return 0;
    return add_finding(r, g->members, m, &g->sc, FDP_DISPUTED);
}

/* A running total that later stories raise is one fact, whoever gives it:
 * "67, officials said" on 11 August, "106, police said" on 16 August. Two
 * clusters that differ only in their originators become one when the figures
 * of both, taken by document, are an update; a same-day disagreement stays a
 * dispute. */
static void merge_running_totals(group *g) {
    for (int a = 0; a < g->nclusters; a++)
        for (int b = a + 1; b < g->nclusters; b++) {
            if (!only_originators_differ(&g->sig[a], &g->sig[b]))
                continue;
            int m = members_of(g, a, b, false);
            for (int i = 0; i < m; i++) {
                g->sc.b[i] = widened(&g->sc, g->members[i]);
                g->sc.side[i] = g->members[i]->doc->index;
            }
            if (!any_cross_conflict(g->sc.side, g->sc.b, m) ||
                !is_update(g->sc.rules, g->members, m, g->sc.b))
                continue;
            move_members(g, a, b);
            g->sig[b].attribution = NULL; // empty now: no side of a dispute
        }
}

// Orders the group's claims, those naming most (entity, originator, window,
// place, topic) first, and places each in the first cluster it fits.
static void cluster_group(group *g, const claim_ref *cs) {
    int k = 0;
    for (int want = 5; want >= 0; want--)
        for (int i = 0; i < g->n; i++)
            if (!!cs[i]->entity + !!cs[i]->attribution + !!cs[i]->window + !!cs[i]->place +
                    !!cs[i]->topic ==
                want)
                g->order[k++] = cs[i];
    g->nclusters = 0;
    group_places(g, cs);
    for (int i = 0; i < g->n; i++) {
        claim_ref c = g->order[i];
        int cl = 0;
        while (cl < g->nclusters && !fits(g->sc.rules, &g->sig[cl], c, g->place[i]))
            cl++;
        if (cl == g->nclusters)
            g->sig[g->nclusters++] =
                (signature){NULL, NULL, NULL, c->when, NULL, g->place[i], NULL, -1};
        absorb(g->sc.rules, &g->sig[cl], c);
        g->cluster[i] = cl;
    }
}

/*
 * Splits one key group into clusters of claims whose frames agree, then judges
 * each cluster. Claims naming more are placed first, so that a bare claim joins
 * the cluster it fits rather than bridging two.
 */
static int judge_group(fd_run *r, const claim_ref *cs, int n) {
    group g = {malloc(sizeof(claim_ref) * (size_t)n), malloc(sizeof(int) * (size_t)n),
               malloc(sizeof(signature) * (size_t)n), n, 0,
               malloc(sizeof(claim_ref) * (size_t)n),
               {malloc(sizeof(fdp_bounds) * (size_t)n), malloc(sizeof(size_t) * (size_t)n),
                r->rules, NULL, 1, 0},
               malloc(sizeof(const char *) * (size_t)n), malloc(sizeof(int) * (size_t)n),
               malloc(sizeof(int) * (size_t)n), malloc(sizeof(int) * (size_t)n),
               malloc(sizeof(claim_ref) * (size_t)n)};
    int rc = g.order && g.cluster && g.sig && g.members && g.sc.b && g.sc.side && g.place &&
                     g.head && g.tail && g.next && g.sorting
                 ? 0
                 : FD_ERR_NOMEM;
    if (rc == 0) {
        cluster_group(&g, cs);
        list_members(&g);
        merge_running_totals(&g);
    }
    for (int cl = 0; cl < g.nclusters && rc == 0; cl++) {
        int m = members_of(&g, cl, -1, false);
        sort_by_number(g.members, g.sorting, m); // for reading
        rc = add_finding(r, g.members, m, &g.sc, -1);
    }
    for (int a = 0; a < g.nclusters && rc == 0; a++)
        for (int b = a + 1; b < g.nclusters && rc == 0; b++)
            rc = dispute(r, &g, a, b);
    free(g.order);
    free(g.cluster);
    free(g.sig);
    free(g.members);
    free(g.sc.b);
    free(g.sc.side);
    free(g.place);
    free(g.head);
    free(g.tail);
    free(g.next);
    free(g.sorting);
    return rc;
}

/* A distinct key and its id, for ranking the keys by name. */
typedef struct named_key {
    const char *key;
    uint32_t id;
} named_key;

static int cmp_named_key(const void *a, const void *b) {
    return strcmp(((const named_key *)a)->key, ((const named_key *)b)->key);
}

// Stable counting sort of n from src into dst by by[i] (each below nvalues).
static void count_sort(const keyed *src, keyed *dst, size_t n, const uint32_t *by,
                       uint32_t *count, size_t nvalues) {
    memset(count, 0, (nvalues + 1) * sizeof *count);
    for (size_t i = 0; i < n; i++)
        count[by[i] + 1]++;
    for (size_t v = 0; v < nvalues; v++)
        count[v + 1] += count[v];
    for (size_t i = 0; i < n; i++)
        dst[count[by[i]]++] = src[i];
}

// Gives each claim's key its id among the distinct keys (in *ids), the distinct
// keys in named[0, *u); false when out of memory.
static bool key_ids(const keyed *ks, size_t n, uint32_t *ids, named_key *named, size_t *u) {
    size_t cap = 1;
    while (cap < 2 * n)
        cap <<= 1;
    size_t mask = cap - 1;
    uint32_t *slot = calloc(cap, sizeof *slot); // id + 1, 0: empty
    uint32_t *hash = malloc((n + 1) * sizeof *hash);
    bool ok = slot && hash;
    for (size_t i = 0; ok && i < n; i++) {
        uint32_t h = fdp_hash(ks[i].key);
        size_t k = h & mask;
        for (; slot[k]; k = (k + 1) & mask) {
            const named_key *e = &named[slot[k] - 1];
            if (hash[slot[k] - 1] == h && (e->key == ks[i].key || !strcmp(e->key, ks[i].key)))
                break;
        }
        if (!slot[k]) {
            named[*u] = (named_key){ks[i].key, (uint32_t)*u};
            hash[(*u)++] = h;
            slot[k] = (uint32_t)*u;
        }
        ids[i] = slot[k] - 1;
    }
    free(slot);
    free(hash);
    return ok;
}

/*
 * Sorts ks, given in reading order, as cmp_keyed orders them (event, key,
 * reading order): a run names a few thousand facts hundreds of thousands of
 * times, so the distinct keys are sorted by name, and the claims by two stable
 * counting sorts, by the key's rank then by event. qsort does it when memory
 * is short or the events are not a small range (from the lowest: a view of
 * one event holds that event's number, however high).
 */
static void sort_keyed(keyed *ks, size_t n) {
    uint32_t lowest = UINT32_MAX;
    for (size_t i = 0; i < n; i++)
        lowest = ks[i].event < lowest ? ks[i].event : lowest;
    uint64_t events = 0; // (64 bits: a document of no event is UINT32_MAX here)
    for (size_t i = 0; i < n; i++)
        events = ks[i].event - lowest >= events ? (uint64_t)(ks[i].event - lowest) + 1 : events;
    uint32_t *by = malloc((n + 1) * sizeof *by), *rank = malloc((n + 1) * sizeof *rank);
    uint32_t *count = events <= n ? malloc((2 * n + 2) * sizeof *count) : NULL;
    named_key *named = malloc((n + 1) * sizeof *named);
    keyed *tmp = malloc((n + 1) * sizeof *tmp);
    size_t u = 0;
    bool ok = by && rank && count && named && tmp && n < UINT32_MAX &&
              key_ids(ks, n, by, named, &u);
    if (ok) {
        qsort(named, u, sizeof *named, cmp_named_key);
        for (size_t k = 0; k < u; k++)
            rank[named[k].id] = (uint32_t)k;
        for (size_t i = 0; i < n; i++)
            by[i] = rank[by[i]];
        count_sort(ks, tmp, n, by, count, u);
        for (size_t i = 0; i < n; i++)
            by[i] = tmp[i].event - lowest;
        count_sort(tmp, ks, n, by, count, (size_t)events);
    } else {
        qsort(ks, n, sizeof *ks, cmp_keyed);
    }
    free(by);
    free(rank);
    free(count);
    free(named);
    free(tmp);
}

int fdp_judge(fd_run *r) {
    keyed *ks = malloc(sizeof *ks * (r->nclaims + 1));
    claim_ref *cs = malloc(sizeof *cs * (r->nclaims + 1));
    if (!ks || !cs) {
        free(ks);
        free(cs);
        return FD_ERR_NOMEM;
    }
    size_t n = 0;
    for (size_t i = 0; i < r->nclaims; i++)
        if (r->claims[i]->key)
            ks[n++] = (keyed){r->claims[i]->key, (uint32_t)r->claims[i]->doc->event,
                              (uint32_t)(i + 1)};
    if (n)
        sort_keyed(ks, n);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0;) {
        size_t j = i + 1;
        while (j < n && ks[j].event == ks[i].event &&
               (ks[j].key == ks[i].key || !strcmp(ks[j].key, ks[i].key)))
            j++;
        for (size_t k = i; k < j; k++)
            cs[k - i] = r->claims[ks[k].number - 1];
        if (j - i >= 2)
            rc = judge_group(r, cs, (int)(j - i));
        i = j;
    }
    free(ks);
    free(cs);
    return rc;
}
