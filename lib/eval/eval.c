/*
 * eval.c - scores a report against a hand-annotated gold file
 * (docs/gold-format.md).
 *
 * span recall   gold claims whose number phrase we cover byte for byte
 * value recall  gold claims we cover (overlapping span) with the same interval
 * precision     our claims outside neutral spans (dates, names) that match a gold
 *               claim's span and value
 * conflicts     a gold conflict is found when one of our discrepancy findings
 *               holds two claims on its key, from two of its files, that cannot
 *               both hold; precision is the share of our discrepancy findings
 *               that find a gold conflict. (Until 2026-12 any two claims on its
 *               key sufficed, so a finding that lumped other figures with two
 *               agreeing ones counted; that rule is printed beside it.)
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "model/model.h"
#include "rules/rules.h"

/* The member names of gold files (docs/gold-format.md), each spelt once. */
static const char M_CLAIMS[] = "claims", M_CONFLICTS[] = "conflicts", M_FILE[] = "file",
                  M_FILES[] = "files", M_HIGH[] = "high", M_KEY[] = "key",
                  M_LOW[] = "low", M_NEUTRAL[] = "neutral", M_NUMBER[] = "number",
                  M_QUOTE[] = "quote", M_UNIT[] = "unit";

typedef struct gold_claim {
    int doc; /* report document, or -1 */
    size_t start, end;
    json_t *j;
} gold_claim;

typedef struct span {
    int doc;
    size_t start, end;
} span;

static int doc_by_file(const fd_run *r, const char *file) {
    for (size_t i = 0; file && i < r->ndocs; i++)
        if (!strcmp(fdp_basename(r->docs[i]->path), file))
            return (int)i;
    return -1;
}

// Locates a gold claim: its quote in the document, its number inside the quote.
static void locate(const fd_run *r, json_t *c, gold_claim *g) {
    g->j = c;
    g->doc = doc_by_file(r, json_string_value(json_object_get(c, M_FILE)));
    g->start = g->end = 0;
    const char *quote = json_string_value(json_object_get(c, M_QUOTE));
    const char *number = json_string_value(json_object_get(c, M_NUMBER));
    if (g->doc < 0 || !number)
        return;
    const fdp_doc *d = r->docs[g->doc];
    if (!d->text)
        return;
    const char *q = quote ? strstr(d->text, quote) : NULL;
    const char *n = q ? strstr(q, number) : strstr(d->text, number);
    if (!n) {
        g->doc = -1;
        return;
    }
    g->start = (size_t)(n - d->text);
    g->end = g->start + strlen(number);
}

static bool overlaps(int doc, size_t s, size_t e, int doc2, size_t s2, size_t e2) {
    return doc == doc2 && s < e2 && s2 < e;
}

static bool same_number(json_t *gv, bool has, double v) {
    if (json_is_null(gv) || !gv)
        return !has;
    return has && fabs(json_number_value(gv) - v) < 1e-9 * fmax(1, fabs(v));
}

// A gold unit that the rules report as a measure ("years", "percent", "usd") must be
// the claim's unit; any other ("words", "people") is a count. With no rules, every
// gold unit is a count.
static bool value_matches(const fd_run *r, const fdp_claim *c, json_t *g) {
    const char *gu = json_string_value(json_object_get(g, M_UNIT));
    if (!gu)
        return false;
    bool unit_ok = !strcmp(gu, c->unit) || (!strcmp(c->unit, FDP_KIND_COUNT) &&
                                            !fdp_rules_is_measure(r->rules, gu));
    return unit_ok &&
           same_number(json_object_get(g, M_LOW), c->value.has_low, c->value.low) &&
           same_number(json_object_get(g, M_HIGH), c->value.has_high, c->value.high);
}

static double ratio(int a, int b) { return b ? (double)a / b : 1.0; }

static void print_claim(FILE *out, const fd_run *r, const fdp_claim *c) {
    char v[96];
    fdp_format_interval(v, sizeof v, &c->value, fdp_rules_interval_words(r->rules));
    const fdp_doc *d = c->doc;
    fprintf(out, "  %s:%d:%d: \"%.*s\" = %s %s\n", d->path, c->line, c->column,
            (int)(c->end - c->start), d->text + c->start, v, c->unit);
}

static void score_claims(const fd_run *r, gold_claim *gold, size_t ng, span *neutral,
                         size_t nn, FILE *out, fd_eval_scores *s) {
    s->gold_claims = (int)ng;
    if (out)
        fprintf(out, "missed or wrong (gold claims without a matching claim):\n");
    for (size_t i = 0; i < ng; i++) {
        bool span_hit = false, value_hit = false;
        for (size_t k = 0; k < r->nclaims; k++) {
            const fdp_claim *c = r->claims[k];
            if (!overlaps((int)c->doc->index, c->start, c->end, gold[i].doc, gold[i].start, gold[i].end))
                continue;
            span_hit |= c->start == gold[i].start && c->end == gold[i].end;
            value_hit |= value_matches(r, c, gold[i].j);
        }
        s->span_hits += span_hit;
        s->value_hits += value_hit;
        if (out && (!span_hit || !value_hit))
            fprintf(out, "  %s: \"%s\" (%s)%s%s\n",
                    json_string_value(json_object_get(gold[i].j, M_FILE)),
                    json_string_value(json_object_get(gold[i].j, M_NUMBER)),
                    json_string_value(json_object_get(gold[i].j, M_UNIT)),
                    span_hit ? "" : " [span]", value_hit ? "" : " [value]");
    }
    if (out)
        fprintf(out, "false claims (matching no gold claim):\n");
    for (size_t k = 0; k < r->nclaims; k++) {
        const fdp_claim *c = r->claims[k];
        bool is_neutral = false, good = false;
        for (size_t i = 0; i < nn && !is_neutral; i++)
            is_neutral = overlaps((int)c->doc->index, c->start, c->end, neutral[i].doc, neutral[i].start,
                                  neutral[i].end);
        for (size_t i = 0; i < ng && !good; i++)
            good = overlaps((int)c->doc->index, c->start, c->end, gold[i].doc,
                            gold[i].start, gold[i].end) &&
                   value_matches(r, c, gold[i].j);
        if (is_neutral && !good)
            continue;
        s->found_claims++;
        s->true_claims += good;
        if (out && !good)
            print_claim(out, r, c);
    }
    s->span_recall = ratio(s->span_hits, s->gold_claims);
    s->value_recall = ratio(s->value_hits, s->gold_claims);
    s->precision = ratio(s->true_claims, s->found_claims);
    double p = s->precision, rc = s->value_recall;
    s->f1 = p + rc > 0 ? 2 * p * rc / (p + rc) : 0;
}

// The gold key of our claim c (the gold claim its span overlaps), or NULL.
static const char *gold_key(const fdp_claim *c, gold_claim *gold, size_t ng) {
    for (size_t i = 0; i < ng; i++)
        if (overlaps((int)c->doc->index, c->start, c->end, gold[i].doc, gold[i].start, gold[i].end))
            return json_string_value(json_object_get(gold[i].j, M_KEY));
    return NULL;
}

static bool listed_file(json_t *files, const fdp_claim *c) {
    size_t i;
    json_t *fn;
    json_array_foreach(files, i, fn) {
        if (!strcmp(json_string_value(fn) ? json_string_value(fn) : "", fdp_basename(c->doc->path)))
            return true;
    }
    return false;
}

static fdp_bounds bounds_of(const fd_run *r, const fdp_claim *c) {
    return fdp_widen(&c->value, fdp_rules_unit_base(r->rules, c->unit, NULL));
}

/* True if finding f finds gold conflict gc: two of its claims annotated with
 * gc's key, from two of gc's files, that cannot both hold. A finding that only
 * holds gc's claims beside other figures that conflict does not find it. */
static bool finds(const fd_run *r, const fdp_finding *f, json_t *gc, gold_claim *gold,
                  size_t ng) {
    const char *key = json_string_value(json_object_get(gc, M_KEY));
    json_t *files = json_object_get(gc, M_FILES);
    for (int a = 0; a < f->nclaims && key; a++) {
        const fdp_claim *x = f->claims[a];
        const char *ka = gold_key(x, gold, ng);
        if (!ka || strcmp(ka, key) || !listed_file(files, x))
            continue;
        for (int b = a + 1; b < f->nclaims; b++) {
            const fdp_claim *y = f->claims[b];
            const char *kb = gold_key(y, gold, ng);
            if (kb && !strcmp(kb, key) && y->doc != x->doc && listed_file(files, y) &&
                !fdp_bounds_overlap(bounds_of(r, x), bounds_of(r, y)))
                return true;
        }
    }
    return false;
}

// The earlier rule: f holds claims on gold conflict gc's key from two of its files.
static bool finds_lenient(const fd_run *r, const fdp_finding *f, json_t *gc, gold_claim *gold,
                          size_t ng) {
    (void)r;
    const char *key = json_string_value(json_object_get(gc, M_KEY));
    json_t *files = json_object_get(gc, M_FILES);
    int hit_doc = -1;
    for (int k = 0; k < f->nclaims; k++) {
        const fdp_claim *c = f->claims[k];
        const char *gk = gold_key(c, gold, ng);
        if (!gk || !key || strcmp(gk, key) != 0)
            continue;
        bool listed = false;
        size_t i;
        json_t *fn;
        json_array_foreach(files, i, fn) {
            listed |= !strcmp(json_string_value(fn) ? json_string_value(fn) : "",
                              fdp_basename(c->doc->path));
        }
        if (!listed)
            continue;
        if (hit_doc >= 0 && hit_doc != (int)c->doc->index)
            return true;
        hit_doc = (int)c->doc->index;
    }
    return false;
}

typedef bool finder(const fd_run *, const fdp_finding *, json_t *, gold_claim *, size_t);

// True if some discrepancy finding of r finds gold conflict gc.
static bool found(const fd_run *r, json_t *gc, gold_claim *gold, size_t ng, finder *rule) {
    for (size_t k = 0; k < r->nfindings; k++)
        if (fdp_finding_is_discrepancy(r->findings[k].kind) &&
            rule(r, &r->findings[k], gc, gold, ng))
            return true;
    return false;
}

// True if discrepancy finding f finds some gold conflict.
static bool finds_any(const fd_run *r, const fdp_finding *f, json_t *conflicts, gold_claim *gold,
                      size_t ng, finder *rule) {
    size_t i;
    json_t *gc;
    json_array_foreach(conflicts, i, gc) {
        if (rule(r, f, gc, gold, ng))
            return true;
    }
    return false;
}

static void score_conflicts(const fd_run *r, json_t *conflicts, gold_claim *gold, size_t ng,
                            FILE *out, fd_eval_scores *s) {
    s->gold_conflicts = (int)json_array_size(conflicts);
    int lenient_hits = 0, lenient_true = 0;
    size_t i;
    json_t *gc;
    json_array_foreach(conflicts, i, gc) {
        bool hit = found(r, gc, gold, ng, finds);
        s->conflict_hits += hit;
        lenient_hits += found(r, gc, gold, ng, finds_lenient);
        if (out && !hit)
            fprintf(out, "missed conflict: %s\n",
                    json_string_value(json_object_get(gc, M_KEY)));
    }
    for (size_t k = 0; k < r->nfindings; k++) {
        const fdp_finding *f = &r->findings[k];
        if (!fdp_finding_is_discrepancy(f->kind))
            continue;
        s->found_conflicts++;
        bool good = finds_any(r, f, conflicts, gold, ng, finds);
        s->true_conflicts += good;
        lenient_true += finds_any(r, f, conflicts, gold, ng, finds_lenient);
        if (out && !good)
            fprintf(out, "false conflict: %s\n", f->summary);
    }
    // The rule before 2026-12 (the README's first runs): a finding found a gold
    // conflict when it held two of its claims, whatever else it held.
    if (out)
        fprintf(out, "conflicts by the earlier rule (two claims of a gold conflict in a "
                     "finding): recall %.3f (%d/%d), precision %.3f (%d/%d)\n",
                ratio(lenient_hits, s->gold_conflicts), lenient_hits, s->gold_conflicts,
                ratio(lenient_true, s->found_conflicts), lenient_true, s->found_conflicts);
    s->conflict_recall = ratio(s->conflict_hits, s->gold_conflicts);
    s->conflict_precision = ratio(s->true_conflicts, s->found_conflicts);
}

// A gold or thresholds file that jansson could not load: missing (FD_ERR_IO),
// out of memory, or malformed at a place.
static int load_error(fd_error *err, const char *path, const json_error_t *je) {
    if (je->line < 0)
        return fdp_error_set(err, FD_ERR_IO, path, 0, 0, 0, "%s", je->text);
    if (fdp_json_out_of_memory(je))
        return fdp_error_set(err, FD_ERR_NOMEM, path, 0, 0, 0, "out of memory");
    return fdp_error_set(err, FD_ERR_FORMAT, path, je->line, je->column, (size_t)je->position,
                         "%s", je->text);
}

int fd_eval(const fd_run *r, const char *gold_path, FILE *out, fd_eval_scores *scores,
            fd_error *err) {
    fdp_error_clear(err);
    // gold claims are found by their quotes in the texts and the run's claims,
    // all back from the spill file
    if (fdp_run_texts_back(r) < 0 || fdp_run_claims_back(r) < 0)
        return fdp_error_set(err, FD_ERR_IO, "<run>", 0, 0, 0, "%s", fd_strerror(FD_ERR_IO));
    json_error_t je;
    json_t *root = json_load_file(gold_path, 0, &je);
    if (!root)
        return load_error(err, gold_path, &je);
    json_t *claims = json_object_get(root, M_CLAIMS);
    if (!json_is_array(claims)) { // a gold file without claims would score 1.000
        json_decref(root);
        return fdp_error_set(err, FD_ERR_FORMAT, gold_path, 1, 1, 0,
                             "a gold file holds a \"%s\" array", M_CLAIMS);
    }
    json_t *neutral = json_object_get(root, M_NEUTRAL);
    size_t ng = json_array_size(claims), nn = json_array_size(neutral);
    gold_claim *gold = calloc(ng + 1, sizeof *gold);
    span *spans = calloc(nn + 1, sizeof *spans);
    if (!gold || !spans) {
        free(gold);
        free(spans);
        json_decref(root);
        return fdp_error_set(err, FD_ERR_NOMEM, gold_path, 0, 0, 0, "out of memory");
    }
    for (size_t i = 0; i < ng; i++)
        locate(r, json_array_get(claims, i), &gold[i]);
    for (size_t i = 0; i < nn; i++) {
        gold_claim g;
        locate(r, json_array_get(neutral, i), &g);
        spans[i] = (span){g.doc, g.start, g.end};
    }
    fd_eval_scores s;
    memset(&s, 0, sizeof s);
    score_claims(r, gold, ng, spans, nn, out, &s);
    score_conflicts(r, json_object_get(root, M_CONFLICTS), gold, ng, out, &s);
    if (out)
        fprintf(out,
                "claims: span recall %.3f (%d/%d), value recall %.3f (%d/%d), precision %.3f "
                "(%d/%d), F1 %.3f\nconflicts: recall %.3f (%d/%d), precision %.3f (%d/%d)\n",
                s.span_recall, s.span_hits, s.gold_claims, s.value_recall, s.value_hits,
                s.gold_claims, s.precision, s.true_claims, s.found_claims, s.f1,
                s.conflict_recall, s.conflict_hits, s.gold_conflicts, s.conflict_precision,
                s.true_conflicts, s.found_conflicts);
    if (scores)
        *scores = s;
    free(gold);
    free(spans);
    json_decref(root);
    return 0;
}

int fd_eval_check(const fd_eval_scores *s, const char *thresholds_path, FILE *out,
                  fd_error *err) {
    fdp_error_clear(err);
    json_error_t je;
    json_t *t = json_load_file(thresholds_path, 0, &je);
    if (!t)
        return load_error(err, thresholds_path, &je);
    static const char *const names[] = {"span_recall", "value_recall", "precision", "f1",
                                        "conflict_recall", "conflict_precision", NULL};
    // A misspelt score would never be checked: every member must be one of ours.
    const char *key;
    json_t *value;
    json_object_foreach(t, key, value) {
        bool known = false;
        for (int i = 0; names[i] && !known; i++)
            known = !strcmp(key, names[i]);
        if (!known || !json_is_number(value)) {
            int rc = fdp_error_set(err, FD_ERR_FORMAT, thresholds_path, 1, 1, 0,
                                   "'%s' is no score with a numeric minimum", key);
            json_decref(t);
            return rc;
        }
    }
    const double got[] = {s->span_recall, s->value_recall, s->precision, s->f1,
                          s->conflict_recall, s->conflict_precision};
    int failed = 0;
    for (int i = 0; names[i]; i++) {
        json_t *min = json_object_get(t, names[i]);
        if (json_is_number(min) && got[i] + 1e-9 < json_number_value(min)) {
            failed++;
            if (out)
                fprintf(out, "below threshold: %s %.3f < %.3f\n", names[i], got[i],
                        json_number_value(min));
        }
    }
    json_decref(t);
    return failed;
}
