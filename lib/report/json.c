/*
 * report_json.c - the JSON report (docs/report.schema.json), following
 * docs/report-contract.md: documents, claims with byte spans and
 * intervals, findings.
 */
#include <math.h>
#include <string.h>

#include "report/report.h"

// A JSON string from bytes that may hold invalid UTF-8 (bad bytes become
// U+FFFD); json null for NULL; NULL when out of memory (json_pack then fails).
static json_t *str_n(const char *s, size_t n) {
    if (!s)
        return json_null();
    if (fdp_utf8_invalid_at(s, n) == n)
        return json_stringn(s, n);
    fdp_buf b = {0};
    fdp_append_valid_utf8(&b, s, n);
    json_t *j = b.data ? json_stringn(b.data, b.len) : NULL;
    fdp_buf_free(&b);
    return j;
}

static json_t *str(const char *s) { return s ? str_n(s, strlen(s)) : json_null(); }

static json_t *num_or_null(bool has, double v) {
    if (!has)
        return json_null();
    // Check the range before converting: casting 2e26 to an integer is undefined.
    if (v < 9e15 && v > -9e15 && v == floor(v))
        return json_integer((json_int_t)v);
    if (!isfinite(v))
        return json_null();
    return json_real(v); // NULL: out of memory, and json_pack fails
}

// Appends item to arr; false (both released) when either is missing or the
// append fails, as they do when memory runs out.
static bool push(json_t *arr, json_t *item) {
    if (!arr || !item) {
        json_decref(item);
        return false;
    }
    return json_array_append_new(arr, item) == 0;
}

static const char *error_name(int code) {
    switch (code) {
    case FD_ERR_IO: return "io";
    case FD_ERR_ENCODING: return "encoding";
    case FD_ERR_FORMAT: return "format";
    case FD_ERR_EMPTY: return "empty";
    case FD_ERR_NOMEM: return "nomem";
    default: return "other";
    }
}

static json_t *document_json(const fd_run *r, size_t i) {
    const fdp_doc *d = r->docs[i];
    json_t *errs = json_array();
    bool ok = errs != NULL;
    for (int k = 0; ok && k < d->nerrors; k++) {
        const fd_error *e = &d->errors[k];
        ok = push(errs, json_pack("{s:s, s:o, s:i, s:i, s:I}", "code", error_name(e->code),
                                  "message", str(e->text), "line", e->line, "column",
                                  e->column, "byte", (json_int_t)e->position));
    }
    if (!ok) {
        json_decref(errs);
        return NULL;
    }
    return json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:i, s:o, s:o}", "id", d->id, "path",
                     str(d->path), "source", str(d->source), "date", str(d->date), "date_from",
                     d->date ? json_string(d->date_from_text ? "text" : "metadata") : json_null(),
                     "headline", str(d->headline), "event", d->event, "copy_of",
                     d->copy_of ? json_string(d->copy_of->id) : json_null(),
                     "errors", errs);
}

static json_t *claim_json(const fd_run *r, size_t i) { return fdp_claim_json(r->claims[i]); }

json_t *fdp_claim_json(const fdp_claim *c) {
    const fdp_doc *d = c->doc;
    const fdp_interval *v = &c->value;
    json_t *value = json_pack("{s:o, s:o, s:b, s:b, s:b, s:b}", "low",
                              num_or_null(v->has_low, v->low), "high",
                              num_or_null(v->has_high, v->high), "low_open", v->low_open,
                              "high_open", v->high_open, "approx", v->approx, "vague", v->vague);
    json_t *frame = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "label",
                              str(c->label), "counted", str(c->counted), "predicate",
                              str(c->predicate), "entity", str(c->entity), "attribution",
                              str(c->attribution), "window", str(c->window), "year",
                              str(c->when), "cause", str(c->agent));
    json_t *j = json_pack("{s:s, s:s, s:I, s:I, s:i, s:i, s:o, s:o, s:s, s:o, s:o}", "id", c->id,
                     "doc", d->id, "start", (json_int_t)c->start, "end", (json_int_t)c->end, "line",
                     c->line, "column", c->column, "text",
                     str_n(d->text + c->start, c->end - c->start), "value", value, "unit",
                     c->unit, "key", str(c->key), "frame", frame);
    if (j && c->unsure && json_object_set_new(j, "separator_unsure", json_true()) != 0) {
        json_decref(j);
        return NULL;
    }
    return j;
}

static json_t *mention_json(const fdp_mention *m) {
    return json_pack("{s:s, s:I, s:I, s:i, s:i, s:o}", "doc", m->doc->id, "start",
                     (json_int_t)m->start, "end", (json_int_t)m->end, "line", m->line, "column",
                     m->column, "text", str(m->surface));
}

static json_t *finding_json(const fd_run *r, size_t i) {
    const fdp_finding *f = &r->findings[i];
    json_t *claims = json_array();
    bool ok = claims != NULL;
    for (int k = 0; ok && k < f->nclaims; k++)
        ok = push(claims, json_string(f->claims[k]->id));
    if (!ok) {
        json_decref(claims);
        return NULL;
    }
    json_t *j = json_pack("{s:s, s:s, s:o, s:o, s:o, s:i, s:o}", "id", f->id, "kind",
                          fdp_finding_kind_name(f->kind), "key", str(f->key), "label",
                          str(f->label), "claims", claims, "sources", f->sources, "summary",
                          str(f->summary));
    if (j && f->nmentions) {
        json_t *ms = json_array();
        ok = ms != NULL;
        for (int k = 0; ok && k < f->nmentions; k++)
            ok = push(ms, mention_json(f->mentions[k]));
        if (!ok || json_object_set_new(j, "mentions", ok ? ms : NULL) != 0) {
            if (!ok)
                json_decref(ms);
            json_decref(j);
            return NULL;
        }
    }
    return j;
}

typedef json_t *(*item_fn)(const fd_run *, size_t);

// Writes one member holding an array, item by item: the report is never built
// whole in memory, so memory stays flat however many claims there are.
static int write_array(FILE *out, const char *name, const fd_run *r, size_t n, item_fn item,
                       bool last) {
    fprintf(out, " \"%s\": [", name);
    for (size_t i = 0; i < n; i++) {
        json_t *j = item(r, i);
        if (!j)
            return FD_ERR_NOMEM;
        fputs(i ? ",\n  " : "\n  ", out);
        int rc = json_dumpf(j, out, JSON_COMPACT | JSON_PRESERVE_ORDER);
        json_decref(j);
        if (rc != 0)
            return FD_ERR_IO;
    }
    fprintf(out, "%s]%s\n", n ? "\n " : "", last ? "" : ",");
    return 0;
}

int fdp_write_json(const fd_run *r, FILE *out) {
    fprintf(out, "{\n \"factdiff\": \"%s\",\n \"generator\": \"factdiff %s\",\n",
            FD_REPORT_SCHEMA_VERSION, FD_VERSION_STRING);
    int rc = write_array(out, "documents", r, r->ndocs, document_json, false);
    if (rc == 0)
        rc = write_array(out, "claims", r, r->nclaims, claim_json, false);
    if (rc == 0)
        rc = write_array(out, "findings", r, r->nfindings, finding_json, true);
    fputs("}\n", out);
    return rc;
}
