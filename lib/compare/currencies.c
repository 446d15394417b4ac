/*
 * currencies.c - one fact, sums in several currencies: "a fine of €1.2 billion"
 * in one story, "a $1.3 billion fine" in another.
 *
 * The extractor keys a sum by its currency (".../money/eur", frame.c), so the
 * judge compares sums only within one currency: the rules give no exchange
 * rate, and factdiff invents none. This stage says so where it matters: for
 * each fact whose claims, apart from the currency, have one key and one frame,
 * and that come in two or more currencies from two or more documents, it
 * appends a finding of kind currencies listing the claims of each currency.
 * Its verdict is no verdict: the sums were not compared.
 *
 * 1. Sums: claims whose key ends in "money/<their unit>", grouped by event and
 *    the key without that last part (its stem: "fined/money").
 * 2. Frames: inside a group, claims that name different sides, originators,
 *    time windows, years, causes, places or votes are different facts and are
 *    split apart, by the judge's rules (judge.c: fits, place_of) less one: a
 *    figure in a named place is not told from the whole by a figure of the
 *    whole beside it in its document (a sum is seldom split by places).
 * 3. A finding for each fact that two currencies and two documents give.
 *
 * Reads: claims, doc->event, doc->copy_of. Writes: findings of kind
 * currencies, appended after the judge's, so that no other finding moves.
 */
#include <stdlib.h>
#include <string.h>

#include "compare/compare.h"

#define SUMMARY_CLAIMS 10 /* figures named in a summary; the rest are counted */

typedef const fdp_claim *claim_ref;

/* ---- sums and their stems ------------------------------------------------- */

/* A sum with the length of its key's stem (the key less "/<currency>"). */
typedef struct sum {
    claim_ref c;
    size_t stem;
} sum;

/* The length of c's key without its currency when the key is a sum's
 * ("fined/money/usd": 11), else 0. */
static size_t stem_length(claim_ref c) {
    if (!c->key || !c->unit)
        return 0;
    size_t n = strlen(c->key), u = strlen(c->unit), m = strlen(FDP_KIND_MONEY);
    if (n < m + 1 + u)
        return 0;
    const char *currency = c->key + n - u, *kind = currency - 1 - m;
    if (currency[-1] != '/' || strcmp(currency, c->unit) != 0 ||
        strncmp(kind, FDP_KIND_MONEY, m) != 0 || (kind > c->key && kind[-1] != '/'))
        return 0;
    return n - u - 1;
}

static int cmp_stem(const sum *x, const sum *y) {
    size_t n = x->stem < y->stem ? x->stem : y->stem;
    int c = memcmp(x->c->key, y->c->key, n);
    return c ? c : (x->stem > y->stem) - (x->stem < y->stem);
}

// Event, then stem, then reading order.
static int cmp_sum(const void *a, const void *b) {
    const sum *x = a, *y = b;
    int ex = x->c->doc->event, ey = y->c->doc->event;
    if (ex != ey)
        return ex < ey ? -1 : 1;
    int c = cmp_stem(x, y);
    return c ? c : (x->c->number > y->c->number) - (x->c->number < y->c->number);
}

/* ---- frames: one stem, several facts -------------------------------------- */

/* What a cluster's claims name, one value per frame slot (judge.c: signature). */
typedef struct signature {
    const char *entity, *attribution, *window, *when, *agent, *place, *topic;
    int cls;
} signature;

static bool differ(const char *a, const char *b) { return a && b && strcmp(a, b) != 0; }

static bool same_or_both_null(const char *a, const char *b) {
    return (!a && !b) || (a && b && !strcmp(a, b));
}

// Where a sum was counted, for telling facts apart: NULL for the whole
// ("nationwide") and for the scene of its story (the place its document names
// most), unless its sentence splits the figure by places.
static const char *place_of(const fd_ruleset *rules, claim_ref c) {
    if (!c->place || (rules->labels.whole && !strcmp(c->place, rules->labels.whole)))
        return NULL;
    int scene = c->doc->scene;
    bool at_scene = scene >= 0 && !strcmp(c->place, rules->entities[scene].name);
    return at_scene && !c->place_part ? NULL : c->place;
}

// Whether c may join the cluster of s: a slot named on both sides must agree;
// another year or another place is always another fact.
static bool fits(const fd_ruleset *rules, const signature *s, claim_ref c) {
    return !differ(s->entity, c->entity) && !differ(s->attribution, c->attribution) &&
           !differ(s->window, c->window) && same_or_both_null(s->when, c->when) &&
           !differ(s->agent, c->agent) &&
           same_or_both_null(s->place, place_of(rules, c)) &&
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
    // the narrowest, as the judge keeps it: "passengers" may not join "crew"
    if (s->cls < 0 || (c->cls >= 0 && fdp_rules_class_within(rules, c->cls, s->cls)))
        s->cls = c->cls;
}

static int named_slots(claim_ref c) {
    return !!c->entity + !!c->attribution + !!c->window + !!c->place + !!c->topic;
}

/* One stem group being split into facts. */
typedef struct group {
    const sum *in;      /* the group's sums, in reading order */
    int n;
    claim_ref *order;   /* those naming most first */
    int *cluster;       /* cluster of order[i] */
    signature *sig;     /* per cluster */
    int nclusters;
    claim_ref *members; /* one cluster's claims, in reading order */
} group;

// Places each claim, those naming most first, in the first cluster it fits,
// so that a bare claim joins the cluster it fits rather than bridging two.
static void cluster_group(const fd_ruleset *rules, group *g) {
    int k = 0;
    for (int want = 5; want >= 0; want--)
        for (int i = 0; i < g->n; i++)
            if (named_slots(g->in[i].c) == want)
                g->order[k++] = g->in[i].c;
    g->nclusters = 0;
    for (int i = 0; i < g->n; i++) {
        claim_ref c = g->order[i];
        int cl = 0;
        while (cl < g->nclusters && !fits(rules, &g->sig[cl], c))
            cl++;
        if (cl == g->nclusters)
            g->sig[g->nclusters++] = (signature){
                NULL, NULL, NULL, c->when, NULL, place_of(rules, c), NULL, -1};
        absorb(rules, &g->sig[cl], c);
        g->cluster[i] = cl;
    }
}

/* ---- the finding ----------------------------------------------------------- */

static int cmp_claim_ref(const void *a, const void *b) {
    size_t x = (*(const claim_ref *)a)->number, y = (*(const claim_ref *)b)->number;
    return (x > y) - (x < y);
}

static bool seen_unit(const char *const *units, int n, const char *unit) {
    for (int i = 0; i < n; i++)
        if (!strcmp(units[i], unit))
            return true;
    return false;
}

static int cmp_size(const void *a, const void *b) {
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

// Documents behind the claims (cs in reading order, so a document's are
// together), and independent sources: copies of one wire text counted once,
// by sorting the first document of each one's copy group (a fact of a feed may
// have thousands of claims). Returns 0 or FD_ERR_NOMEM.
static int count_documents(const claim_ref *cs, int n, int *docs, int *sources) {
    size_t *roots = malloc(sizeof *roots * (size_t)n);
    if (!roots)
        return FD_ERR_NOMEM;
    *docs = *sources = 0;
    for (int i = 0; i < n; i++)
        if (!i || cs[i]->doc != cs[i - 1]->doc) {
            const fdp_doc *d = cs[i]->doc;
            roots[(*docs)++] = d->copy_of ? d->copy_of->index : d->index;
        }
    qsort(roots, (size_t)*docs, sizeof *roots, cmp_size);
    for (int i = 0; i < *docs; i++)
        *sources += !i || roots[i] != roots[i - 1];
    free(roots);
    return 0;
}

// "fined (money)", and the window and place the judge's label would name.
static char *fact_label(const claim_ref *cs, int n) {
    const char *label = NULL, *window = NULL, *place = NULL;
    for (int i = 0; i < n; i++) {
        label = label ? label : cs[i]->label;
        window = window ? window : cs[i]->window;
        place = place ? place : cs[i]->place;
    }
    fdp_buf b = {0};
    fdp_buf_puts(&b, label ? label : cs[0]->key);
    if (place)
        fdp_buf_printf(&b, " (%s)", place);
    if (window)
        fdp_buf_printf(&b, " within %s", window);
    return fdp_buf_take(&b);
}

/* One line an editor can read: "fined (money) in eur, gbp and usd, not compared
 * (no exchange rate is given): 1,150,000,000-1,250,000,000 eur (02.txt), ...;
 * 500,000,000-1,500,000,000 gbp (03.txt)", currency by currency. */
static char *summary(const fdp_finding *f, const fdp_interval_words *words) {
    fdp_buf s = {0};
    fdp_currencies_head(f, &s);
    fdp_buf_puts(&s, ": ");
    int shown = 0;
    for (int u = 0; u < f->ncurrencies; u++)
        for (int i = 0, first = 1; i < f->nclaims; i++) {
            if (strcmp(f->claims[i]->unit, f->currencies[u]) != 0)
                continue;
            if (shown < SUMMARY_CLAIMS) {
                fdp_buf_puts(&s, !shown ? "" : first ? "; " : ", ");
                fdp_describe_claim(f->claims[i], &s, false, words);
            }
            shown++;
            first = 0;
        }
    if (shown > SUMMARY_CLAIMS)
        fdp_buf_printf(&s, " and %d more", shown - SUMMARY_CLAIMS);
    return fdp_buf_take(&s);
}

// The currencies of cs[0..n), each once, in the order of their first claim,
// into units (room for n). Returns how many.
static int currencies_of(const claim_ref *cs, int n, const char **units) {
    int k = 0;
    for (int i = 0; i < n; i++)
        if (!seen_unit(units, k, cs[i]->unit))
            units[k++] = cs[i]->unit;
    return k;
}

/*
 * Records a currencies finding on the claims cs[0..n) of one fact (reading
 * order, stem the length of their key's stem) when they come in two or more
 * currencies from two or more documents. Returns 0 or FD_ERR_NOMEM.
 */
static int add_finding(fd_run *r, const claim_ref *cs, int n, size_t stem) {
    int docs, sources;
    if (count_documents(cs, n, &docs, &sources) < 0)
        return FD_ERR_NOMEM;
    const char **units = malloc(sizeof *units * (size_t)n);
    if (!units)
        return FD_ERR_NOMEM;
    int nunits = currencies_of(cs, n, units);
    if (docs < 2 || nunits < 2) {
        free(units);
        return 0;
    }
    fdp_finding *f = fdp_run_new_finding(r);
    if (!f) {
        free(units);
        return FD_ERR_NOMEM;
    }
    f->kind = FDP_CURRENCIES;
    f->currencies = units;
    f->ncurrencies = nunits;
    f->docs = docs;
    f->sources = sources;
    f->key = fdp_strndup(cs[0]->key, stem);
    f->label = fact_label(cs, n);
    f->claims = malloc(sizeof *f->claims * (size_t)n);
    if (!f->key || !f->label || !f->claims)
        return FD_ERR_NOMEM;
    memcpy(f->claims, cs, sizeof *f->claims * (size_t)n);
    f->nclaims = n;
    f->anchor = cs[0]; // no figure is the odd one out: the first stands for them
    f->summary = summary(f, fdp_rules_interval_words(r->rules));
    return f->summary ? 0 : FD_ERR_NOMEM;
}

// Splits one stem group into facts and records a finding for each fact that
// two currencies and two documents give.
static int note_group(fd_run *r, const sum *in, int n) {
    group g = {in,
               n,
               malloc(sizeof(claim_ref) * (size_t)n),
               malloc(sizeof(int) * (size_t)n),
               malloc(sizeof(signature) * (size_t)n),
               0,
               malloc(sizeof(claim_ref) * (size_t)n)};
    int rc = g.order && g.cluster && g.sig && g.members ? 0 : FD_ERR_NOMEM;
    if (rc == 0)
        cluster_group(r->rules, &g);
    for (int cl = 0; cl < g.nclusters && rc == 0; cl++) {
        int m = 0;
        for (int i = 0; i < n; i++)
            if (g.cluster[i] == cl)
                g.members[m++] = g.order[i];
        qsort(g.members, (size_t)m, sizeof *g.members, cmp_claim_ref);
        rc = add_finding(r, g.members, m, in[0].stem);
    }
    free(g.order);
    free(g.cluster);
    free(g.sig);
    free(g.members);
    return rc;
}

// True when the group in[0..n) holds sums in two currencies at least.
static bool mixed(const sum *in, int n) {
    for (int i = 1; i < n; i++)
        if (strcmp(in[i].c->unit, in[0].c->unit) != 0)
            return true;
    return false;
}

int fdp_note_currencies(fd_run *r) {
    sum *sums = malloc(sizeof *sums * (r->nclaims + 1));
    if (!sums)
        return FD_ERR_NOMEM;
    size_t n = 0;
    for (size_t i = 0; i < r->nclaims; i++) {
        size_t stem = stem_length(r->claims[i]);
        if (stem)
            sums[n++] = (sum){r->claims[i], stem};
    }
    if (n)
        qsort(sums, n, sizeof *sums, cmp_sum);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0;) {
        size_t j = i + 1;
        while (j < n && sums[j].c->doc->event == sums[i].c->doc->event &&
               cmp_stem(&sums[j], &sums[i]) == 0)
            j++;
        if (mixed(sums + i, (int)(j - i)))
            rc = note_group(r, sums + i, (int)(j - i));
        i = j;
    }
    free(sums);
    return rc;
}
