/*
 * announce.c - the lines `factdiff watch` writes, one per change: a JSON
 * object (--format jsonl) or a compiler-style diagnostic (--format text).
 * Both are made from the announcement's JSON, which the store keeps, so that a
 * finding resolved days later is announced with the claims it had.
 */
#include <stdlib.h>
#include <string.h>

#include "pipeline/watch.h"
#include "report/report.h"

static json_t *place_json(const fdp_doc *d, const char *text, size_t len, int line, int col) {
    return json_pack("{s:s%, s:o, s:s, s:i, s:i}", "text", text, len, "source",
                     d->source ? json_string(d->source) : json_null(), "file", d->path,
                     "line", line, "column", col);
}

// The claims a finding rests on (a variant: one of each spelling), as written.
static json_t *claims_json(const fd_finding *f) {
    json_t *a = json_array();
    for (int i = 0; a && i < f->nclaims; i++) {
        const fdp_claim *c = f->claims[i];
        json_t *j = place_json(c->doc, c->doc->text + c->start, c->end - c->start, c->line,
                               c->column);
        if (!j || json_array_append_new(a, j)) {
            json_decref(a);
            return NULL;
        }
    }
    for (int i = 0; a && i < f->nmentions; i++) {
        const fdp_mention *m = f->mentions[i];
        json_t *j = place_json(m->doc, m->surface, strlen(m->surface), m->line, m->column);
        if (!j || json_array_append_new(a, j)) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

// Where the diagnostic stands: the anchor claim (or the rarest spelling).
static json_t *anchor_json(const fd_finding *f) {
    if (f->anchor)
        return json_pack("{s:s, s:i, s:i}", "file", f->anchor->doc->path, "line",
                         f->anchor->line, "column", f->anchor->column);
    if (f->anchor_mention)
        return json_pack("{s:s, s:i, s:i}", "file", f->anchor_mention->doc->path, "line",
                         f->anchor_mention->line, "column", f->anchor_mention->column);
    return json_null();
}

json_t *fdp_announcement_json(const fd_finding *f, const fdp_doc *cause) {
    fdp_buf msg = {0};
    fdp_finding_message(f, &msg);
    json_t *j = msg.data ? json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o}", "kind",
                                     fd_kind_name(f->kind), "key", f->key, "fingerprint",
                                     f->fingerprint, "summary", f->summary, "message",
                                     msg.data, "document", cause->path, "at", anchor_json(f),
                                     "claims", claims_json(f))
                         : NULL;
    fdp_buf_free(&msg);
    return j;
}

static int write_json_line(const fd_watch *w, json_t *line) {
    char *s = json_dumps(line, JSON_COMPACT | JSON_PRESERVE_ORDER);
    if (!s)
        return FD_ERR_NOMEM;
    int rc = fprintf(w->out, "%s\n", s) < 0 ? FD_ERR_IO : 0;
    free(s);
    return rc;
}

static const char *member(json_t *o, const char *name) {
    const char *s = json_string_value(json_object_get(o, name));
    return s ? s : "";
}

// "004.txt:19:143: conflict: targets struck ...: 117 here, 120 in 002.txt:23:139 [fp]"
static int write_text_line(const fd_watch *w, const char *change, json_t *p,
                           const char *previous) {
    const char *kind = member(p, "kind");
    if (!(w->options & FD_OPT_VERBOSE) && strcmp(kind, "conflict") &&
        strcmp(kind, "disputed") && strcmp(kind, "update"))
        return 0;
    json_t *at = json_object_get(p, "at");
    int rc;
    if (json_is_object(at))
        rc = fprintf(w->out, "%s:%d:%d: ", member(at, "file"),
                     (int)json_integer_value(json_object_get(at, "line")),
                     (int)json_integer_value(json_object_get(at, "column")));
    else
        rc = fprintf(w->out, "%s: ", member(p, "document"));
    if (rc >= 0 && !strcmp(change, "resolved"))
        rc = fprintf(w->out, "resolved: %s no longer: %s [%s]\n", kind, member(p, "message"),
                     member(p, "fingerprint"));
    else if (rc >= 0 && previous)
        rc = fprintf(w->out, "%s (changed, was %s): %s [%s]\n", kind, previous,
                     member(p, "message"), member(p, "fingerprint"));
    else if (rc >= 0)
        rc = fprintf(w->out, "%s: %s [%s]\n", kind, member(p, "message"),
                     member(p, "fingerprint"));
    return rc < 0 ? FD_ERR_IO : 0;
}

int fdp_announce(const fd_watch *w, const char *change, json_t *payload,
                 const char *previous) {
    int rc;
    if (w->format == FD_WATCH_TEXT) {
        rc = write_text_line(w, change, payload, previous);
    } else {
        json_t *line = json_pack("{s:s}", "change", change);
        if (line && previous && json_object_set_new(line, "previous", json_string(previous)))
            rc = FD_ERR_NOMEM;
        rc = line && !json_object_update(line, payload) ? write_json_line(w, line)
                                                        : FD_ERR_NOMEM;
        json_decref(line);
    }
    // At once: a desk reads the line the moment the story lands.
    if (rc == 0 && (fflush(w->out) != 0 || ferror(w->out)))
        rc = FD_ERR_IO;
    return rc;
}
