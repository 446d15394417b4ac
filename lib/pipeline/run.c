/* report.c - the report object: documents, claims, findings; running the pipeline. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

fd_report *fd_report_new(const fd_ruleset *rules) {
    fd_report *r = calloc(1, sizeof *r);
    if (r)
        r->rules = rules;
    return r;
}

void fd_report_free(fd_report *r) {
    if (!r)
        return;
    for (size_t i = 0; i < r->ndocs; i++) {
        fdp_doc *d = &r->docs[i];
        free(d->id);
        free(d->path);
        free(d->source);
        free(d->date);
        free(d->headline);
        free(d->text);
    }
    for (size_t i = 0; i < r->nclaims; i++) {
        fdp_claim *c = &r->claims[i];
        free(c->key);
        free(c->label);
        free(c->counted);
        free(c->attribution);
        free(c->window);
        free(c->when);
        free(c->agent);
    }
    for (size_t i = 0; i < r->nfindings; i++) {
        fdp_finding *f = &r->findings[i];
        free(f->key);
        free(f->label);
        free(f->claims);
        free(f->summary);
        free(f->mentions);
    }
    for (size_t i = 0; i < r->nmentions; i++) {
        free(r->mentions[i].surface);
        free(r->mentions[i].key);
    }
    free(r->mentions);
    free(r->by_cluster);
    free(r->cluster_name);
    free(r->docs);
    free(r->claims);
    free(r->findings);
    free(r);
}

int fd_report_run(fd_report *r, fd_error *err) {
    if (r->ran)
        return fdp_error_set(err, FD_ERR_USAGE, "<report>", 0, 0, 0, "report already run");
    r->ran = true;
    fdp_extractor *x = fdp_extractor_new(r->rules, err);
    if (!x)
        return err ? err->code : FD_ERR_ICU;
    int rc = 0;
    for (size_t i = 0; i < r->ndocs && rc == 0; i++)
        rc = fdp_extract_doc(x, r, (int)i);
    fdp_extractor_free(x);
    if (rc == 0)
        rc = fdp_find_copies(r);
    if (rc == 0)
        rc = fdp_find_names(r); // before comparing: events use the places named
    if (rc == 0)
        rc = fdp_compare(r);
    if (rc < 0)
        fdp_error_set(err, rc, "<report>", 0, 0, 0, "%s", fd_strerror(rc));
    return rc;
}

size_t fd_report_doc_count(const fd_report *r) { return r->ndocs; }
size_t fd_report_claim_count(const fd_report *r) { return r->nclaims; }
size_t fd_report_finding_count(const fd_report *r) { return r->nfindings; }

size_t fd_report_error_count(const fd_report *r) {
    size_t n = 0;
    for (size_t i = 0; i < r->ndocs; i++)
        n += r->docs[i].nerrors > 0;
    return n;
}

size_t fd_report_conflict_count(const fd_report *r) {
    size_t n = 0;
    for (size_t i = 0; i < r->nfindings; i++)
        n += fdp_finding_is_discrepancy(r->findings[i].kind);
    return n;
}

int fd_report_write(const fd_report *r, fd_format format, FILE *out, unsigned options) {
    int rc;
    switch (format) {
    case FD_FORMAT_JSON: rc = fdp_write_json(r, out); break;
    case FD_FORMAT_HTML: rc = fdp_write_html(r, out); break;
    default: rc = fdp_write_text(r, out, options); break;
    }
    if (rc == 0 && (fflush(out) != 0 || ferror(out)))
        rc = FD_ERR_IO;
    return rc;
}

const char *fdp_finding_kind_name(fdp_finding_kind k) {
    static const char *const names[] = {"conflict", "disputed", "update",
                                        "compatible", "agreement", "variant"};
    return names[k];
}

bool fdp_finding_is_discrepancy(fdp_finding_kind k) {
    return k == FDP_CONFLICT || k == FDP_DISPUTED || k == FDP_UPDATE;
}

void fdp_format_interval(char *out, size_t cap, const fdp_interval *v) {
    char lo[40] = "", hi[40] = "";
    if (v->has_low)
        fdp_format_number(lo, sizeof lo, v->low);
    if (v->has_high)
        fdp_format_number(hi, sizeof hi, v->high);
    if (v->vague)
        snprintf(out, cap, "%s or more (vague)", lo);
    else if (v->has_low && v->has_high && v->low == v->high)
        snprintf(out, cap, "%s%s", v->approx ? "about " : "", lo);
    else if (v->has_low && v->has_high)
        snprintf(out, cap, "%s%s-%s", v->approx ? "about " : "", lo, hi);
    else if (v->has_low)
        snprintf(out, cap, "%s %s", v->low_open ? "more than" : "at least", lo);
    else
        snprintf(out, cap, "%s %s", v->high_open ? "fewer than" : "at most", hi);
}
