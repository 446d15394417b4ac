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
    return json_pack("{s:s%, s:o, s:s, s:i, s:i}", FDP_W_TEXT, text, len, FDP_W_SOURCE,
                     d->source ? json_string(d->source) : json_null(), FDP_W_FILE, d->path,
                     FDP_W_LINE, line, FDP_W_COLUMN, col);
}

// The claims a finding rests on (a variant: one of each spelling), as written.
static json_t *claims_json(const fd_finding *f) {
    json_t *a = json_array();
    for (int i = 0; a && i < f->nclaims; i++) {
        const fdp_claim *c = f->claims[i];
        json_t *j = place_json(c->doc, fdp_claim_bytes(c), c->end - c->start, c->line,
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
        return json_pack("{s:s, s:i, s:i}", FDP_W_FILE, f->anchor->doc->path, FDP_W_LINE,
                         f->anchor->line, FDP_W_COLUMN, f->anchor->column);
    if (f->anchor_mention)
        return json_pack("{s:s, s:i, s:i}", FDP_W_FILE, f->anchor_mention->doc->path, FDP_W_LINE,
                         f->anchor_mention->line, FDP_W_COLUMN, f->anchor_mention->column);
    return json_null();
}

json_t *fdp_announcement_json(const fd_finding *f, const fdp_doc *cause) {
    fdp_buf msg = {0};
    fdp_finding_message(f, &msg);
    json_t *j = msg.data ? json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o}", FDP_W_KIND,
                                     fd_kind_name(f->kind), FDP_W_KEY, f->key, FDP_W_FINGERPRINT,
                                     f->fingerprint, FDP_W_SUMMARY, f->summary, FDP_W_MESSAGE,
                                     msg.data, FDP_W_DOCUMENT, cause->path, FDP_W_AT, anchor_json(f),
                                     FDP_W_CLAIMS, claims_json(f))
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

static bool is_discrepancy(const char *kind) {
    for (fd_kind k = FD_KIND_CONFLICT; k < FD_NKINDS; k++)
        if (!strcmp(kind, fd_kind_name(k)))
            return fd_kind_is_discrepancy(k);
    return false;
}

// A member of the announcement as the terminal gets it: file names and the
// message quote what came in (and the store's payloads may come from anywhere).
static void put_member(const fd_watch *w, json_t *o, const char *name) {
    const char *s = member(o, name);
    fdp_fput_text(w->out, s, strlen(s));
}

// "004.txt:19:143: conflict: targets struck ...: 117 here, 120 in 002.txt:23:139 [fp]"
static int write_text_line(const fd_watch *w, const char *change, json_t *p,
                           const char *previous) {
    const char *kind = member(p, FDP_W_KIND);
    if (!(w->options & FD_OPT_VERBOSE) && !is_discrepancy(kind))
        return 0;
    json_t *at = json_object_get(p, FDP_W_AT);
    put_member(w, json_is_object(at) ? at : p, json_is_object(at) ? FDP_W_FILE : FDP_W_DOCUMENT);
    if (json_is_object(at))
        fprintf(w->out, ":%d:%d", (int)json_integer_value(json_object_get(at, FDP_W_LINE)),
                (int)json_integer_value(json_object_get(at, FDP_W_COLUMN)));
    fputs(!strcmp(change, FDP_CH_RESOLVED) ? ": resolved: " : ": ", w->out);
    put_member(w, p, FDP_W_KIND);
    if (!strcmp(change, FDP_CH_RESOLVED)) {
        fputs(" no longer", w->out);
    } else if (previous) {
        fputs(" (changed, was ", w->out);
        fdp_fput_text(w->out, previous, strlen(previous));
        fputc(')', w->out);
    }
    fputs(": ", w->out);
    put_member(w, p, FDP_W_MESSAGE);
    fputs(" [", w->out);
    put_member(w, p, FDP_W_FINGERPRINT);
    return fputs("]\n", w->out) < 0 ? FD_ERR_IO : 0;
}

int fdp_announce(const fd_watch *w, const char *change, json_t *payload,
                 const char *previous) {
    int rc;
    if (w->format == FD_WATCH_TEXT) {
        rc = write_text_line(w, change, payload, previous);
    } else {
        json_t *line = json_pack("{s:s}", FDP_W_CHANGE, change);
        bool built = line && !(previous && json_object_set_new(line, FDP_W_PREVIOUS,
                                                               json_string(previous))) &&
                     !json_object_update(line, payload);
        rc = built ? write_json_line(w, line) : FD_ERR_NOMEM;
        json_decref(line);
    }
    // At once: a desk reads the line the moment the story lands.
    if (rc == 0 && (fflush(w->out) != 0 || ferror(w->out)))
        rc = FD_ERR_IO;
    return rc;
}
