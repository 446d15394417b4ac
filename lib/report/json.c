/*
 * report_json.c - the JSON report (docs/report.schema.json), following
 * docs/report-contract.md: documents, claims with byte spans and
 * intervals, findings.
 */
#include <math.h>
#include <string.h>

#include "report/report.h"

/* The member names of the report (docs/report.schema.json), each spelt once. */
static const char M_APPROX[] = "approx", M_ATTRIBUTION[] = "attribution",
                  M_BYTE[] = "byte", M_CAUSE[] = "cause", M_CLAIMS[] = "claims",
                  M_CODE[] = "code", M_COLUMN[] = "column", M_COPY_OF[] = "copy_of",
                  M_COUNTED[] = "counted", M_DATE[] = "date", M_DATE_FROM[] = "date_from",
                  M_DOC[] = "doc", M_DOCUMENTS[] = "documents", M_END[] = "end",
                  M_ENTITY[] = "entity", M_ERRORS[] = "errors", M_EVENT[] = "event",
                  M_FINDINGS[] = "findings", M_FRAME[] = "frame",
                  M_FINGERPRINT[] = "fingerprint", M_ACKNOWLEDGED[] = "acknowledged",
                  M_JUSTIFICATION[] = "justification", M_STALE[] = "stale_acknowledgements",
                  M_FILE[] = "file",
                  M_HEADLINE[] = "headline", M_HIGH[] = "high",
                  M_HIGH_OPEN[] = "high_open", M_ID[] = "id", M_KEY[] = "key",
                  M_KIND[] = "kind", M_LABEL[] = "label", M_LINE[] = "line",
                  M_LOW[] = "low", M_LOW_OPEN[] = "low_open", M_MENTIONS[] = "mentions",
                  M_MESSAGE[] = "message", M_PATH[] = "path", M_PLACE[] = "place", M_TOPIC[] = "topic",
                  M_PREDICATE[] = "predicate",
                  M_SEPARATOR_UNSURE[] = "separator_unsure", M_SOURCE[] = "source",
                  M_SOURCES[] = "sources", M_START[] = "start", M_SUMMARY[] = "summary",
                  M_TEXT[] = "text", M_UNIT[] = "unit", M_VAGUE[] = "vague",
                  M_VALUE[] = "value", M_WINDOW[] = "window", M_YEAR[] = "year";

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
        ok = push(errs, json_pack("{s:s, s:o, s:i, s:i, s:I}", M_CODE, error_name(e->code),
                                  M_MESSAGE, str(e->text), M_LINE, e->line, M_COLUMN,
                                  e->column, M_BYTE, (json_int_t)e->position));
    }
    if (!ok) {
        json_decref(errs);
        return NULL;
    }
    return json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:i, s:o, s:o}", M_ID, d->id, M_PATH,
                     str(d->path), M_SOURCE, str(d->source), M_DATE, str(d->date), M_DATE_FROM,
                     d->date ? json_string(d->date_from_text ? M_TEXT : "metadata") : json_null(),
                     M_HEADLINE, str(d->headline), M_EVENT, d->event, M_COPY_OF,
                     d->copy_of ? json_string(d->copy_of->id) : json_null(),
                     M_ERRORS, errs);
}

static json_t *claim_json(const fd_run *r, size_t i) { return fdp_claim_json(r->claims[i]); }

json_t *fdp_claim_json(const fdp_claim *c) {
    const fdp_doc *d = c->doc;
    const fdp_interval *v = &c->value;
    json_t *value = json_pack("{s:o, s:o, s:b, s:b, s:b, s:b}", M_LOW,
                              num_or_null(v->has_low, v->low), M_HIGH,
                              num_or_null(v->has_high, v->high), M_LOW_OPEN, v->low_open,
                              M_HIGH_OPEN, v->high_open, M_APPROX, v->approx, M_VAGUE, v->vague);
    json_t *frame = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", M_LABEL,
                              str(c->label), M_COUNTED, str(c->counted), M_PREDICATE,
                              str(c->predicate), M_ENTITY, str(c->entity), M_ATTRIBUTION,
                              str(c->attribution), M_WINDOW, str(c->window), M_YEAR,
                              str(c->when), M_CAUSE, str(c->agent), M_PLACE, str(c->place),
                              M_TOPIC, str(c->topic));
    json_t *j = json_pack("{s:s, s:s, s:I, s:I, s:i, s:i, s:o, s:o, s:s, s:o, s:o}", M_ID, c->id,
                     M_DOC, d->id, M_START, (json_int_t)c->start, M_END, (json_int_t)c->end, M_LINE,
                     c->line, M_COLUMN, c->column, M_TEXT,
                     str_n(d->text + c->start, c->end - c->start), M_VALUE, value, M_UNIT,
                     c->unit, M_KEY, str(c->key), M_FRAME, frame);
    if (j && c->unsure && json_object_set_new(j, M_SEPARATOR_UNSURE, json_true()) != 0) {
        json_decref(j);
        return NULL;
    }
    return j;
}

static json_t *mention_json(const fdp_mention *m) {
    return json_pack("{s:s, s:I, s:I, s:i, s:i, s:o}", M_DOC, m->doc->id, M_START,
                     (json_int_t)m->start, M_END, (json_int_t)m->end, M_LINE, m->line, M_COLUMN,
                     m->column, M_TEXT, str(m->surface));
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
    json_t *j = json_pack("{s:s, s:s, s:o, s:o, s:o, s:i, s:o, s:s, s:b}", M_ID, f->id, M_KIND,
                          fdp_finding_kind_name(f->kind), M_KEY, str(f->key), M_LABEL,
                          str(f->label), M_CLAIMS, claims, M_SOURCES, f->sources, M_SUMMARY,
                          str(f->summary), M_FINGERPRINT, f->fingerprint, M_ACKNOWLEDGED,
                          f->ack != NULL);
    if (j && f->ack && json_object_set_new(j, M_JUSTIFICATION, str(f->ack->why)) != 0) {
        json_decref(j);
        return NULL;
    }
    if (j && f->nmentions) {
        json_t *ms = json_array();
        ok = ms != NULL;
        for (int k = 0; ok && k < f->nmentions; k++)
            ok = push(ms, mention_json(f->mentions[k]));
        if (!ok || json_object_set_new(j, M_MENTIONS, ok ? ms : NULL) != 0) {
            if (!ok)
                json_decref(ms);
            json_decref(j);
            return NULL;
        }
    }
    return j;
}

// A stale entry of the acknowledgement file: where it stands and what it named.
static json_t *stale_json(const fd_run *r, size_t i) {
    int line = 0;
    const char *fp = fd_run_stale_ack(r, i, &line);
    const fdp_ack *a = NULL;
    for (size_t k = 0; k < r->nacks && !a; k++)
        if (&r->acks[k].fingerprint[0] == fp)
            a = &r->acks[k];
    return json_pack("{s:o, s:i, s:s, s:o, s:o}", M_FILE, str(r->ack_path), M_LINE, line,
                     M_FINGERPRINT, fp, M_KEY, str(a ? a->key : NULL), M_JUSTIFICATION,
                     str(a ? a->why : NULL));
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
    int rc = write_array(out, M_DOCUMENTS, r, r->ndocs, document_json, false);
    if (rc == 0)
        rc = write_array(out, M_CLAIMS, r, r->nclaims, claim_json, false);
    if (rc == 0)
        rc = write_array(out, M_FINDINGS, r, r->nfindings, finding_json, false);
    if (rc == 0)
        rc = write_array(out, M_STALE, r, fd_run_stale_ack_count(r), stale_json, true);
    fputs("}\n", out);
    return rc;
}
