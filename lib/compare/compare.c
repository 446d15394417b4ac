/*
 * compare.c - the comparator stage: groups claims about the same fact and
 * judges each group with interval logic.
 *
 * 1. Events: documents dated within EVENT_DAYS of each other report one event;
 *    an undated document joins the event it shares most fact keys with. Claims
 *    of different events are never compared.
 * 2. Groups: claims of one event with one key, found by sorting (no all-pairs).
 * 3. Frames: inside a group, claims that name different sides, originators or
 *    time windows are different facts and are split apart.
 * 4. Verdicts: agreement (same exact value), compatible (intervals overlap once
 *    approximations are widened by 10% and vague quantities opened above),
 *    conflict (no overlap), disputed (a conflict between named, different
 *    originators), update (a later story raises the earlier figure).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define EVENT_DAYS 10
#define LONG_EVENT_DAYS 120 /* a siege or a campaign: one place, many weeks */
#define APPROX_TOLERANCE 0.10
#define SUMMARY_CLAIMS 10

/* ---- dates and events ----------------------------------------------------- */

// Days since 1970-01-01 of "YYYY-MM-DD", or -1.
static long day_number(const char *d) {
    if (!d || strlen(d) < 10)
        return -1;
    int y = atoi(d), m = atoi(d + 5), dd = atoi(d + 8);
    if (m < 1 || m > 12 || dd < 1 || dd > 31)
        return -1;
    // Civil-from-days inverse (Howard Hinnant's algorithm).
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

typedef struct dated {
    int doc;
    long day;
} dated;

static int cmp_dated(const void *a, const void *b) {
    const dated *x = a, *y = b;
    return x->day < y->day ? -1 : x->day > y->day ? 1 : x->doc - y->doc;
}

typedef struct key_event {
    const char *key;
    int event;
} key_event;

static int cmp_key_event(const void *a, const void *b) {
    const key_event *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : x->event - y->event;
}

// The event whose documents share most fact keys with document di (claims
// [from, to)), using the sorted index of dated documents' keys; -1 if none.
static int best_event(const fd_report *r, size_t from, size_t to, const key_event *index,
                      size_t n, int *votes, int events) {
    memset(votes, 0, sizeof(int) * (size_t)events);
    for (size_t i = from; i < to; i++) {
        const char *key = r->claims[i].key;
        if (!key)
            continue;
        size_t lo = 0, hi = n;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (strcmp(index[mid].key, key) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t k = lo; k < n && !strcmp(index[k].key, key); k++)
            if (k == lo || index[k].event != index[k - 1].event)
                votes[index[k].event]++;
    }
    int best = -1;
    for (int ev = 0; ev < events; ev++)
        if (votes[ev] > 0 && (best < 0 || votes[ev] > votes[best]))
            best = ev;
    return best;
}

/*
 * The place each document names most, as a rules entity (-1 if none): the scene
 * of its story. Mentions are stored document by document, so one pass with a
 * sort per document does it.
 */
static int *main_places(const fd_report *r) {
    int *place = malloc(sizeof(int) * (r->ndocs + 1));
    int *ents = malloc(sizeof(int) * (r->nmentions + 1));
    if (!place || !ents) {
        free(place);
        free(ents);
        return NULL;
    }
    for (size_t d = 0; d < r->ndocs; d++)
        place[d] = -1;
    for (size_t i = 0; i < r->nmentions;) {
        int doc = r->mentions[i].doc;
        size_t n = 0;
        for (; i < r->nmentions && r->mentions[i].doc == doc; i++) {
            int e = r->mentions[i].entity;
            if (e >= 0 && r->rules->entities[e].type == FDP_ENT_PLACE)
                ents[n++] = e;
        }
        if (n)
            qsort(ents, n, sizeof *ents, fdp_cmp_int);
        size_t best_n = 0;
        for (size_t a = 0; a < n;) {
            size_t b = a;
            while (b < n && ents[b] == ents[a])
                b++;
            if (b - a > best_n) {
                best_n = b - a;
                place[doc] = ents[a];
            }
            a = b;
        }
    }
    free(ents);
    return place;
}

/*
 * Dated documents: sorted by date, a gap of more than EVENT_DAYS starts a new
 * event, unless the document's main place is that of a document of the current
 * event within LONG_EVENT_DAYS: the reports of a long siege are one story. An undated document joins the dated event it shares most fact keys
 * with; undated documents that share none form one event together, since a user
 * who gives undated articles side by side means them to be compared.
 */
static int assign_events(fd_report *r) {
    dated *ds = malloc(sizeof *ds * (r->ndocs + 1));
    if (!ds)
        return FD_ERR_NOMEM;
    size_t nd = 0;
    for (size_t i = 0; i < r->ndocs; i++) {
        r->docs[i].event = -1;
        long day = day_number(r->docs[i].date);
        if (day >= 0)
            ds[nd++] = (dated){(int)i, day};
    }
    int events = 0;
    if (nd)
        qsort(ds, nd, sizeof *ds, cmp_dated);
    int *doc_place = r->nmentions ? main_places(r) : NULL;
    int *place = malloc(sizeof(int) * (nd + 1));
    for (size_t i = 0; place && i < nd; i++)
        place[i] = doc_place ? doc_place[ds[i].doc] : -1;
    free(doc_place);
    size_t event_start = 0;
    for (size_t i = 0; i < nd; i++) {
        bool joins = i > 0 && ds[i].day - ds[i - 1].day <= EVENT_DAYS;
        for (size_t k = event_start; i > 0 && !joins && place && k < i; k++)
            joins = place[i] >= 0 && place[k] == place[i] &&
                    ds[i].day - ds[k].day <= LONG_EVENT_DAYS;
        if (!joins) {
            events++;
            event_start = i;
        }
        r->docs[ds[i].doc].event = events - 1;
    }
    free(place);
    free(ds);
    if (nd == r->ndocs)
        return 0;
    key_event *index = malloc(sizeof *index * (r->nclaims + 1));
    int *votes = malloc(sizeof(int) * ((size_t)events + 1));
    if (!index || !votes) {
        free(index);
        free(votes);
        return FD_ERR_NOMEM;
    }
    size_t n = 0;
    for (size_t i = 0; i < r->nclaims; i++)
        if (r->claims[i].key && r->docs[r->claims[i].doc].event >= 0)
            index[n++] = (key_event){r->claims[i].key, r->docs[r->claims[i].doc].event};
    if (n)
        qsort(index, n, sizeof *index, cmp_key_event);
    // Claims are stored document by document: walk them once.
    int undated_event = -1;
    size_t c = 0;
    for (size_t di = 0; di < r->ndocs; di++) {
        size_t from = c;
        while (c < r->nclaims && r->claims[c].doc == (int)di)
            c++;
        if (r->docs[di].event >= 0)
            continue;
        int ev = events ? best_event(r, from, c, index, n, votes, events) : -1;
        if (ev < 0) {
            if (undated_event < 0)
                undated_event = events;
            ev = undated_event;
        }
        r->docs[di].event = ev;
    }
    free(index);
    free(votes);
    return 0;
}

/* ---- intervals ------------------------------------------------------------ */

// Factor that brings a unit to its comparison base (durations to days, ...).
static double base_factor(const char *unit) {
    static const struct { const char *u; double f; } tab[] = {
        {"years", 365.25}, {"months", 30.44}, {"weeks", 7}, {"days", 1}, {"hours", 1.0 / 24},
        {"minutes", 1.0 / 1440}, {"km", 1}, {"miles", 1.609344}, {"m", 0.001},
        {"hectares", 0.01}, {"acres", 0.004046856}, {NULL, 0}};
    for (int i = 0; unit && tab[i].u; i++)
        if (!strcmp(unit, tab[i].u))
            return tab[i].f;
    return 1;
}

typedef struct bounds {
    double lo, hi;
    bool lo_open, hi_open;
} bounds;

static bounds widen(const fdp_interval *v, const char *unit) {
    double f = base_factor(unit);
    bounds b = {v->has_low ? v->low * f : -INFINITY, v->has_high ? v->high * f : INFINITY,
                v->low_open, v->high_open};
    if (v->approx) {
        b.lo -= fabs(b.lo) * APPROX_TOLERANCE;
        b.hi += fabs(b.hi) * APPROX_TOLERANCE;
        b.lo_open = b.hi_open = false;
    }
    if (v->vague) {
        b.hi = INFINITY;
        b.hi_open = false;
    }
    return b;
}

static bool bounds_overlap(bounds a, bounds b) {
    double lo = fmax(a.lo, b.lo), hi = fmin(a.hi, b.hi);
    bool lo_open = (a.lo == lo && a.lo_open) || (b.lo == lo && b.lo_open);
    bool hi_open = (a.hi == hi && a.hi_open) || (b.hi == hi && b.hi_open);
    // Rounding noise from unit conversion should not split equal values.
    double eps = 1e-9 * fmax(1, fabs(lo));
    if (lo < hi - eps)
        return true;
    return fabs(lo - hi) <= eps && !lo_open && !hi_open;
}

bool fdp_intervals_overlap(const fdp_interval *a, const fdp_interval *b, const char *unit_a,
                           const char *unit_b) {
    return bounds_overlap(widen(a, unit_a), widen(b, unit_b));
}

// Same interval, same reading: "10-25 percent" and "10-25%", "180" and "180".
static bool same_interval(const fdp_interval *a, const fdp_interval *b) {
    return a->has_low == b->has_low && a->has_high == b->has_high &&
           (!a->has_low || a->low == b->low) && (!a->has_high || a->high == b->high) &&
           a->low_open == b->low_open && a->high_open == b->high_open &&
           a->approx == b->approx && a->vague == b->vague;
}

static bool is_definite(const fdp_interval *v) {
    return v->has_low && v->has_high && !v->approx && !v->vague;
}

/* ---- grouping ------------------------------------------------------------- */

static const fd_report *sort_report; // qsort has no context argument in C11

static int cmp_claim_key(const void *a, const void *b) {
    const fdp_claim *x = &sort_report->claims[*(const int *)a];
    const fdp_claim *y = &sort_report->claims[*(const int *)b];
    int ex = sort_report->docs[x->doc].event, ey = sort_report->docs[y->doc].event;
    if (ex != ey)
        return ex - ey;
    int c = strcmp(x->key, y->key);
    return c ? c : *(const int *)a - *(const int *)b;
}

static bool differ(const char *a, const char *b) { return a && b && strcmp(a, b) != 0; }

static fdp_finding *new_finding(fd_report *r) {
    if (r->nfindings == r->capfindings) {
        size_t cap = r->capfindings ? r->capfindings * 2 : 32;
        fdp_finding *p = realloc(r->findings, cap * sizeof *p);
        if (!p)
            return NULL;
        r->findings = p;
        r->capfindings = cap;
    }
    fdp_finding *f = &r->findings[r->nfindings];
    memset(f, 0, sizeof *f);
    return f;
}

static void describe(const fd_report *r, const fdp_claim *c, fdp_buf *b, bool who) {
    char v[96];
    fdp_format_interval(v, sizeof v, &c->value);
    fdp_buf_puts(b, v);
    if (!strcmp(c->unit, "percent"))
        fdp_buf_putc(b, '%');
    else if (strcmp(c->unit, "count") != 0)
        fdp_buf_printf(b, " %s", c->unit);
    if (who && c->attribution)
        fdp_buf_printf(b, " (%s, %s)", c->attribution, fdp_basename(r->docs[c->doc].path));
    else
        fdp_buf_printf(b, " (%s)", fdp_basename(r->docs[c->doc].path));
}

// Orders for the extremes: a larger low (an open low beats a closed one at the
// same value) and a smaller high (likewise) are more restrictive.
static bool lo_above(bounds a, bounds b) {
    return a.lo > b.lo || (a.lo == b.lo && a.lo_open && !b.lo_open);
}
static bool hi_below(bounds a, bounds b) {
    return a.hi < b.hi || (a.hi == b.hi && a.hi_open && !b.hi_open);
}

/*
 * True if two claims from different sides (documents, or originators) cannot both
 * hold. In one dimension
 * that happens exactly when some claim's low lies above another's high, so it
 * is enough to test the two most restrictive lows and the two most restrictive
 * highs, each pair taken from two different documents: O(n), not O(n^2).
 */
static bool any_cross_conflict(const int *side, const bounds *b, int n) {
    int a1 = -1, a2 = -1, b1 = -1, b2 = -1;
    for (int i = 0; i < n; i++)
        if (a1 < 0 || lo_above(b[i], b[a1]))
            a1 = i;
    for (int i = 0; i < n; i++)
        if (side[i] != side[a1] && (a2 < 0 || lo_above(b[i], b[a2])))
            a2 = i;
    for (int i = 0; i < n; i++)
        if (b1 < 0 || hi_below(b[i], b[b1]))
            b1 = i;
    for (int i = 0; i < n; i++)
        if (side[i] != side[b1] && (b2 < 0 || hi_below(b[i], b[b2])))
            b2 = i;
    const int lows[2] = {a1, a2}, highs[2] = {b1, b2};
    for (int x = 0; x < 2; x++)
        for (int y = 0; y < 2; y++) {
            int i = lows[x], j = highs[y];
            if (i < 0 || j < 0 || side[i] == side[j])
                continue;
            if (!bounds_overlap(b[i], b[j]))
                return true;
        }
    return false;
}

// True if the claims' predicate is a running total (a death toll).
static bool cumulative(const fd_report *r, const fdp_claim *c) {
    if (!c->predicate || !r->rules)
        return false;
    for (size_t i = 0; i < r->rules->npredicates; i++)
        if (!strcmp(r->rules->predicates[i].name, c->predicate))
            return r->rules->predicates[i].cumulative;
    return false;
}

/*
 * A discrepancy in a running total is an update when every pair of claims that
 * cannot both hold comes from differently dated documents and the later one is
 * the higher: 135 dead on 5 August, at least 137 on 6 August.
 */
static bool is_update(const fd_report *r, const int *ids, int n, const bounds *b) {
    if (!cumulative(r, &r->claims[ids[0]]))
        return false;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            const fdp_claim *x = &r->claims[ids[i]], *y = &r->claims[ids[j]];
            if (x->doc == y->doc || !lo_above(b[j], b[i]) || bounds_overlap(b[i], b[j]))
                continue;
            // y's figure lies above x's: y must be the later story.
            const char *dx = r->docs[x->doc].date, *dy = r->docs[y->doc].date;
            if (!dx || !dy || strcmp(dy, dx) <= 0)
                return false;
        }
    return true;
}

// The verdict on a cluster of claims from two or more documents (side = doc).
static fdp_finding_kind verdict(const fd_report *r, const int *ids, int n, bounds *b,
                                int *side) {
    bool all_same = true;
    for (int i = 0; i < n; i++) {
        const fdp_claim *a = &r->claims[ids[i]];
        b[i] = widen(&a->value, a->unit);
        side[i] = a->doc;
        if (!is_definite(&a->value) || !same_interval(&a->value, &r->claims[ids[0]].value))
            all_same = false;
    }
    if (any_cross_conflict(side, b, n))
        return is_update(r, ids, n, b) ? FDP_UPDATE : FDP_CONFLICT;
    return all_same ? FDP_AGREEMENT : FDP_COMPATIBLE;
}

// Documents behind the claims, copies of one wire text counted once.
static int independent_sources(const fd_report *r, const int *ids, int n) {
    int count = 0;
    for (int i = 0; i < n; i++) {
        const fdp_doc *d = &r->docs[r->claims[ids[i]].doc];
        int root = d->copy_of >= 0 ? d->copy_of : r->claims[ids[i]].doc;
        bool seen = false;
        for (int j = 0; j < i && !seen; j++) {
            const fdp_doc *e = &r->docs[r->claims[ids[j]].doc];
            seen = (e->copy_of >= 0 ? e->copy_of : r->claims[ids[j]].doc) == root;
        }
        count += !seen;
        if (count > 16)
            break; // enough to say "many"; keeps huge groups linear-ish
    }
    return count;
}

typedef struct scratch {
    bounds *b;
    int *side;
} scratch;

// ids are sorted, and claims are stored document by document. kind is the
// verdict to record, or -1 to judge the claims as one fact.
static int add_finding(fd_report *r, const int *ids, int n, scratch *sc, int kind) {
    int docs = 1;
    for (int i = 1; i < n; i++)
        docs += r->claims[ids[i]].doc != r->claims[ids[i - 1]].doc;
    if (docs < 2)
        return 0;
    const fdp_claim *first = &r->claims[ids[0]];
    fdp_finding_kind k = kind >= 0 ? (fdp_finding_kind)kind : verdict(r, ids, n, sc->b, sc->side);
    // A reporting window says which fact a figure is about: two reports with
    // different windows are different reports, not a discrepancy.
    if (fdp_finding_is_discrepancy(k) && first->is_window)
        return 0;
    fdp_finding *f = new_finding(r);
    if (!f)
        return FD_ERR_NOMEM;
    f->kind = k;
    f->sources = independent_sources(r, ids, n);
    f->key = fdp_strdup(first->key);
    // Name the time window in the label: "militants killed within 24 hours" is not
    // the same fact as the battle's whole toll, and a reader should see why.
    const char *window = NULL;
    for (int i = 0; i < n && !window; i++)
        window = r->claims[ids[i]].window;
    fdp_buf lb = {0};
    fdp_buf_puts(&lb, first->label ? first->label : first->key);
    if (window)
        fdp_buf_printf(&lb, " within %s", window);
    f->label = fdp_buf_take(&lb);
    f->claims = malloc(sizeof(int) * (size_t)n);
    fdp_buf s = {0};
    fdp_buf_printf(&s, "%s: ", f->label ? f->label : "");
    // One line an editor can read: the first SUMMARY_CLAIMS figures, then a count.
    for (int i = 0; i < n; i++) {
        if (f->claims)
            f->claims[i] = ids[i];
        if (i >= SUMMARY_CLAIMS)
            continue;
        if (i)
            fdp_buf_puts(&s, fdp_finding_is_discrepancy(f->kind) ? " vs " : ", ");
        describe(r, &r->claims[ids[i]], &s, f->kind == FDP_DISPUTED);
    }
    if (n > SUMMARY_CLAIMS)
        fdp_buf_printf(&s, " and %d more", n - SUMMARY_CLAIMS);
    f->nclaims = n;
    f->summary = fdp_buf_take(&s);
    r->nfindings++;
    if (!f->key || !f->label || !f->claims || !f->summary)
        return FD_ERR_NOMEM;
    return 0;
}

/* What a cluster's claims name: at most one value per frame slot, since every
 * pair of its claims is compatible. */
typedef struct signature {
    const char *entity, *attribution, *window, *when, *agent;
} signature;

static bool same_or_both_null(const char *a, const char *b) {
    return (!a && !b) || (a && b && !strcmp(a, b));
}

// A claim placed in another year ("the 2003 rally") is never a fact of today.
static bool fits(const signature *s, const fdp_claim *c) {
    return !differ(s->entity, c->entity) && !differ(s->attribution, c->attribution) &&
           !differ(s->window, c->window) && same_or_both_null(s->when, c->when) &&
           !differ(s->agent, c->agent);
}

static void absorb(signature *s, const fdp_claim *c) {
    if (!s->entity)
        s->entity = c->entity;
    if (!s->attribution)
        s->attribution = c->attribution;
    if (!s->window)
        s->window = c->window;
    if (!s->agent)
        s->agent = c->agent;
}

/*
 * Two clusters that differ only in who gives the figure (same side, same window,
 * same year) are two originators' accounts of one fact: "organisers say 1.03
 * million, police 240,000". If their figures cannot both hold, that is a dispute,
 * recorded with the claims of both sides, provided they span two documents.
 */
static int dispute(fd_report *r, const int *order, const int *cluster, int n,
                   const signature *sig, int a, int b, int *members, scratch *sc) {
    const signature *x = &sig[a], *y = &sig[b];
    if (!x->attribution || !y->attribution || !strcmp(x->attribution, y->attribution) ||
        differ(x->entity, y->entity) || !same_or_both_null(x->window, y->window) ||
        !same_or_both_null(x->when, y->when) || differ(x->agent, y->agent))
        return 0;
    // The two sides only: unattributed claims that joined a cluster speak for no one.
    int m = 0;
    for (int i = 0; i < n; i++)
        if ((cluster[i] == a || cluster[i] == b) && r->claims[order[i]].attribution)
            members[m++] = order[i];
    qsort(members, (size_t)m, sizeof *members, fdp_cmp_int);
    for (int i = 0; i < m; i++) {
        const fdp_claim *c = &r->claims[members[i]];
        sc->b[i] = widen(&c->value, c->unit);
        sc->side[i] = c->attribution && !strcmp(c->attribution, x->attribution) ? 0 : 1;
    }
    if (!any_cross_conflict(sc->side, sc->b, m))
        return 0;
    return add_finding(r, members, m, sc, FDP_DISPUTED);
}

/*
 * Splits one key group into clusters of claims whose frames agree, then judges
 * each cluster. Claims naming more (entity, originator, window) are placed
 * first, so that a bare claim joins the cluster it fits rather than bridging two.
 */
static int judge_group(fd_report *r, const int *ids, int n) {
    int *order = malloc(sizeof(int) * (size_t)n * 4);
    signature *sig = malloc(sizeof *sig * (size_t)n);
    scratch sc = {malloc(sizeof(bounds) * (size_t)n), order + 3 * n};
    if (!order || !sig || !sc.b) {
        free(order);
        free(sig);
        free(sc.b);
        return FD_ERR_NOMEM;
    }
    int *cluster = order + n, *members = order + 2 * n;
    int k = 0;
    for (int want = 3; want >= 0; want--)
        for (int i = 0; i < n; i++) {
            const fdp_claim *c = &r->claims[ids[i]];
            if (!!c->entity + !!c->attribution + !!c->window == want)
                order[k++] = ids[i];
        }
    int nclusters = 0;
    for (int i = 0; i < n; i++) {
        const fdp_claim *c = &r->claims[order[i]];
        int cl = 0;
        while (cl < nclusters && !fits(&sig[cl], c))
            cl++;
        if (cl == nclusters)
            sig[nclusters++] = (signature){NULL, NULL, NULL, c->when, NULL};
        absorb(&sig[cl], c);
        cluster[i] = cl;
    }
    int rc = 0;
    for (int cl = 0; cl < nclusters && rc == 0; cl++) {
        int m = 0;
        for (int i = 0; i < n; i++)
            if (cluster[i] == cl)
                members[m++] = order[i];
        qsort(members, (size_t)m, sizeof *members, fdp_cmp_int); // document order, for reading
        rc = add_finding(r, members, m, &sc, -1);
    }
    for (int a = 0; a < nclusters && rc == 0; a++)
        for (int b = a + 1; b < nclusters && rc == 0; b++)
            rc = dispute(r, order, cluster, n, sig, a, b, members, &sc);
    free(order);
    free(sig);
    free(sc.b);
    return rc;
}

int fdp_compare(fd_report *r) {
    int rc = assign_events(r);
    if (rc < 0)
        return rc;
    int *ids = malloc(sizeof(int) * (r->nclaims + 1));
    if (!ids)
        return FD_ERR_NOMEM;
    int n = 0;
    for (size_t i = 0; i < r->nclaims; i++)
        if (r->claims[i].key)
            ids[n++] = (int)i;
    sort_report = r;
    if (n)
        qsort(ids, (size_t)n, sizeof *ids, cmp_claim_key);
    for (int i = 0; i < n && rc == 0;) {
        int j = i + 1;
        const fdp_claim *c = &r->claims[ids[i]];
        while (j < n && r->docs[r->claims[ids[j]].doc].event == r->docs[c->doc].event &&
               !strcmp(r->claims[ids[j]].key, c->key))
            j++;
        if (j - i >= 2)
            rc = judge_group(r, ids + i, j - i);
        i = j;
    }
    free(ids);
    return rc;
}

int fdp_add_variant(fd_report *r, const int *ids, int n) {
    fdp_finding *f = new_finding(r);
    if (!f)
        return FD_ERR_NOMEM;
    const char *name = fdp_cluster_name(r, r->mentions[ids[0]].cluster);
    f->kind = FDP_VARIANT;
    f->mentions = malloc(sizeof(int) * (size_t)n);
    fdp_buf key = {0}, s = {0};
    fdp_buf_printf(&key, "name/%s", name);
    fdp_buf_printf(&s, "%s is spelled ", name);
    for (int i = 0; i < n; i++) {
        const fdp_mention *m = &r->mentions[ids[i]];
        if (f->mentions)
            f->mentions[i] = ids[i];
        fdp_buf_printf(&s, "%s\"%s\" (%s)", i ? (i + 1 == n ? " and " : ", ") : "", m->surface,
                       fdp_basename(r->docs[m->doc].path));
    }
    f->nmentions = n;
    f->sources = n;
    f->key = fdp_buf_take(&key);
    f->label = fdp_strdup(name);
    f->summary = fdp_buf_take(&s);
    r->nfindings++;
    return f->mentions && f->key && f->label && f->summary ? 0 : FD_ERR_NOMEM;
}
