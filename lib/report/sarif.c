/*
 * sarif.c - the SARIF 2.1.0 log (OASIS; tests/sarif/ keeps the schema it is
 * checked against), read by code-scanning dashboards and reviewdog.
 *
 * One run; tool.driver names factdiff with one rule per finding kind; one result
 * per finding: its level (error for conflict and disputed, warning for update,
 * note otherwise), its message, the anchor claim as its location (the claim's
 * span as the region, its sentence as the context region), the other claims as
 * related locations, its fingerprint, and an external, accepted suppression
 * with the justification when the acknowledgement file names it. Stale entries
 * of that file are tool notifications of the invocation, placed in the file.
 * Columns count code points (run.columnKind).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/report.h"

#define SARIF_SCHEMA                                                                     \
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"                \
    "sarif-schema-2.1.0.json"
#define FINGERPRINT_NAME "factdiff/v1" /* the fingerprint's version (fingerprint.c) */

/* The member names and values of the log, each spelt once. */
static const char M_ERROR[] = "error", M_WARNING[] = "warning", M_NOTE[] = "note",
                  M_TEXT[] = "text", M_URI[] = "uri", M_SNIPPET[] = "snippet",
                  M_REGION[] = "region", M_ID[] = "id", M_MESSAGE[] = "message",
                  M_KIND[] = "kind", M_EXTERNAL[] = "external", M_STATUS[] = "status",
                  M_ACCEPTED[] = "accepted", M_JUSTIFICATION[] = "justification",
                  M_PROPERTIES[] = "properties", M_FINGERPRINT[] = "fingerprint",
                  M_LEVEL[] = "level", M_LOCATIONS[] = "locations",
                  M_FINGERPRINTS[] = "fingerprints", M_SUPPRESSIONS[] = "suppressions",
                  M_KEY[] = "key", M_NAME[] = "name", M_HELP[] = "help",
                  M_FACTDIFF[] = "factdiff", M_VERSION[] = "version", M_RULES[] = "rules",
                  M_RUNS[] = "runs", M_TOOL[] = "tool", M_DRIVER[] = "driver",
                  M_INVOCATIONS[] = "invocations", M_RESULTS[] = "results";

typedef struct rule_text {
    const char *name, *brief, *help;
} rule_text;

/* One rule per kind, in fd_kind order (a result's ruleIndex is its kind). */
static const rule_text rules[] = {
    {"Conflict", "Sources give figures for one fact that cannot all be true.",
     "Two or more documents give figures for the same fact (same key, side, window and "
     "place) whose intervals do not overlap, even with 'about' widened by 10%. Check "
     "which "
     "figure is right, correct the story, or acknowledge the finding with "
     "'factdiff ack --why TEXT' when the discrepancy is known (a revised count)."},
    {"Disputed", "Named originators give figures for one fact that cannot both hold.",
     "Two originators (organisers and police, a ministry and a monitor) give figures for "
     "the same fact that cannot both be true. Attribute each figure, or acknowledge the "
     "finding with 'factdiff ack --why TEXT'."},
    {"Update", "A later story raises a running total.",
     "A running total (killed, injured, missing...) is higher in a later story: the toll "
     "rose. Not a contradiction; it fails a check only with --fail-on update."},
    {"Compatible", "The figures can all hold: their intervals overlap.",
     "The documents give figures that differ in wording ('at least 400', '400') but can "
     "all be true at once."},
    {"Agreement", "The documents give the same figure.",
     "Two or more documents give the same exact figure for one fact."},
    {"Variant", "One name is spelled differently across documents.",
     "The documents spell one name differently ('Pescov', 'Peskov'); check the "
     "spelling."},
    {"Currencies", "Sums for one fact come in different currencies: not compared.",
     "Two or more documents give sums for the same fact (the same key apart from the "
     "currency, the same side, window, year and place) in different currencies: "
     "'a fine of EUR 1.2 billion', 'a $1.3 billion fine'. The rules give no exchange "
     "rate, so sums are compared only within one currency; the result lists the "
     "claims of each currency. Check the conversion by hand."},
};

_Static_assert(sizeof rules / sizeof *rules == FDP_NKINDS, "a rule for every kind");

static const char *level_of(fdp_finding_kind k) {
    return k == FDP_CONFLICT || k == FDP_DISPUTED ? M_ERROR
           : k == FDP_UPDATE                      ? M_WARNING
                                                  : M_NOTE;
}

// A JSON string from bytes that may hold invalid UTF-8 (each bad byte U+FFFD).
static json_t *text_json(const char *s, size_t n) {
    fdp_buf b = {0};
    fdp_append_valid_utf8(&b, s, n);
    json_t *j = b.data ? json_stringn(b.data, b.len) : n ? NULL : json_string("");
    fdp_buf_free(&b);
    return j;
}

static json_t *message(const char *text) {
    return text ? json_pack("{s:o}", M_TEXT, text_json(text, strlen(text))) : NULL;
}

// Bytes a URI may hold as they are (RFC 3986 unreserved, and the path's '/').
static bool uri_safe(unsigned char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           (ch >= '0' && ch <= '9') || strchr("-._~/", ch) != NULL;
}

// A file as an artifact location: relative paths stay relative (to where
// factdiff ran, which is the repository for a CI job), an absolute path inside
// the current directory is made relative, any other is a file:// URI.
static json_t *artifact(const char *p) {
    fdp_buf uri = {0};
    char cwd[PATH_MAX];
    size_t n = getcwd(cwd, sizeof cwd) ? strlen(cwd) : 0;
    if (p[0] == '/' && n > 1 && !strncmp(p, cwd, n) && p[n] == '/')
        p += n + 1;
    else if (p[0] == '/')
        fdp_buf_puts(&uri, "file://");
    for (; *p; p++)
        if (uri_safe((unsigned char)*p))
            fdp_buf_putc(&uri, *p);
        else
            fdp_buf_printf(&uri, "%%%02X", (unsigned char)*p);
    json_t *j = uri.data ? json_pack("{s:s}", M_URI, uri.data) : NULL;
    fdp_buf_free(&uri);
    return j;
}

// The file a document stands in (a stream's, for a document read from its line).
static json_t *artifact_uri(const fdp_doc *d) {
    fdp_buf path = {0};
    fdp_doc_file(d, &path);
    json_t *j = path.data ? artifact(path.data) : NULL;
    fdp_buf_free(&path);
    return j;
}

// True when a document's offsets are into its file's bytes: a .txt file, not the
// body text of a ninjs document or of a line of a stream.
static bool offsets_in_file(const fdp_doc *d) {
    const char *dot = strrchr(fdp_basename(d->path), '.');
    return !dot || (strcmp(dot, ".json") != 0 && strncmp(dot, ".jsonl", 6) != 0);
}

// The region [start, end) of the document: lines and code-point columns (the
// end column is the one after it), bytes when they are the file's, and its text.
static json_t *region(const fdp_doc *d, size_t start, size_t end) {
    int l0 = 1, c0 = 1, l1 = 1, c1 = 1;
    fdp_line_col(d->text, d->len, start, &l0, &c0);
    fdp_line_col(d->text, d->len, end, &l1, &c1);
    json_t *r = json_pack("{s:i, s:i, s:i, s:i}", "startLine", l0, "startColumn", c0,
                          "endLine", l1, "endColumn", c1);
    if (r && offsets_in_file(d) &&
        (json_object_set_new(r, "byteOffset", json_integer((json_int_t)start)) != 0 ||
         json_object_set_new(r, "byteLength", json_integer((json_int_t)(end - start))) !=
             0)) {
        json_decref(r);
        return NULL;
    }
    json_t *snip = json_pack("{s:o}", M_TEXT, text_json(d->text + start, end - start));
    if (!r || !snip || json_object_set_new(r, M_SNIPPET, snip) != 0) {
        json_decref(r);
        return NULL;
    }
    return r;
}

static json_t *physical_in(const fdp_doc *d, size_t start, size_t end, size_t ctx_start,
                           size_t ctx_end);

// A place: the span, and around it its sentence (or its line) as the context.
// NULL when out of memory, or when its text cannot be read back.
static json_t *physical(const fdp_doc *d, size_t start, size_t end, size_t ctx_start,
                        size_t ctx_end) {
    bool back = false;
    json_t *p = fdp_doc_text_hold(d, &back) ? physical_in(d, start, end, ctx_start, ctx_end)
                                             : NULL;
    fdp_doc_text_release(d, back);
    return p;
}

static json_t *physical_in(const fdp_doc *d, size_t start, size_t end, size_t ctx_start,
                           size_t ctx_end) {
    if (ctx_end <= ctx_start || ctx_start > start || ctx_end < end) {
        for (ctx_start = start; ctx_start > 0 && d->text[ctx_start - 1] != '\n';)
            ctx_start--;
        for (ctx_end = end; ctx_end < d->len && d->text[ctx_end] != '\n';)
            ctx_end++;
    }
    return json_pack("{s:{s:o, s:o, s:o}}", "physicalLocation", "artifactLocation",
                     artifact_uri(d), M_REGION, region(d, start, end), "contextRegion",
                     region(d, ctx_start, ctx_end));
}

static json_t *claim_location(const fdp_claim *c) {
    return physical(c->doc, c->start, c->end, c->sent_start, c->sent_end);
}

static json_t *mention_location(const fdp_mention *m) {
    return physical(m->doc, m->start, m->end, 0, 0);
}

// Appends a related location with its id and, when msg is given, its message.
static bool append_related(json_t *arr, json_t *loc, int id, const char *msg,
                           bool has_msg) {
    bool ok = loc && json_object_set_new(loc, M_ID, json_integer(id)) == 0 &&
              (!has_msg || json_object_set_new(loc, M_MESSAGE, message(msg)) == 0);
    if (!ok) {
        json_decref(loc);
        return false;
    }
    return json_array_append_new(arr, loc) == 0;
}

// Every claim but the anchor, each with the figure it gives ("120 here"), or
// every spelling but the anchor's.
static json_t *related(const fdp_finding *f) {
    json_t *arr = json_array();
    bool ok = arr != NULL;
    int id = 1;
    for (int i = 0; ok && i < f->nclaims; i++) {
        const fdp_claim *c = f->claims[i];
        if (c == f->anchor)
            continue;
        fdp_buf b = {0};
        fdp_append_valid_utf8(&b, fdp_claim_bytes(c), c->end - c->start);
        fdp_buf_puts(&b, " here");
        ok = append_related(arr, claim_location(c), id++, b.data, true);
        fdp_buf_free(&b);
    }
    for (int i = 0; ok && i < f->nmentions; i++)
        if (f->mentions[i] != f->anchor_mention)
            ok = append_related(arr, mention_location(f->mentions[i]), id++, NULL, false);
    if (!ok) {
        json_decref(arr);
        return NULL;
    }
    return arr;
}

// An acknowledged finding is suppressed outside the tool: the desk accepted it.
static json_t *suppressions(const fdp_finding *f) {
    if (!f->ack)
        return json_array();
    return json_pack("[{s:s, s:s, s:o, s:{s:s}}]", M_KIND, M_EXTERNAL, M_STATUS,
                     M_ACCEPTED, M_JUSTIFICATION,
                     text_json(f->ack->why, strlen(f->ack->why)), M_PROPERTIES,
                     M_FINGERPRINT, f->ack->fingerprint);
}

static json_t *result(const fdp_finding *f) {
    fdp_buf b = {0};
    fdp_finding_message(f, &b);
    json_t *loc = f->kind == FDP_VARIANT ? mention_location(f->anchor_mention)
                                         : claim_location(f->anchor);
    json_t *r = json_pack(
        "{s:s, s:i, s:s, s:o, s:[o], s:o, s:{s:s}, s:{s:s}, s:o, s:{s:o}}", "ruleId",
        fdp_finding_kind_name(f->kind), "ruleIndex", (int)f->kind, M_LEVEL,
        level_of(f->kind), M_MESSAGE, message(b.data), M_LOCATIONS, loc,
        "relatedLocations", related(f), M_FINGERPRINTS, FINGERPRINT_NAME, f->fingerprint,
        "partialFingerprints", FINGERPRINT_NAME, f->fingerprint, M_SUPPRESSIONS,
        suppressions(f), M_PROPERTIES, M_KEY, f->key ? json_string(f->key) : json_null());
    fdp_buf_free(&b);
    return r;
}

static json_t *rule(fdp_finding_kind k) {
    const rule_text *t = &rules[k];
    return json_pack("{s:s, s:s, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}}", M_ID,
                     fdp_finding_kind_name(k), M_NAME, t->name, "shortDescription",
                     M_TEXT, t->brief, "fullDescription", M_TEXT, t->help, M_HELP, M_TEXT,
                     t->help, "defaultConfiguration", M_LEVEL, level_of(k));
}

static json_t *driver(void) {
    json_t *list = json_array();
    for (int k = 0; list && k < FDP_NKINDS; k++)
        if (json_array_append_new(list, rule((fdp_finding_kind)k)) != 0) {
            json_decref(list);
            list = NULL;
        }
    return json_pack("{s:s, s:s, s:s, s:s, s:o}", M_NAME, M_FACTDIFF, M_VERSION,
                     FD_VERSION_STRING, "semanticVersion", FD_VERSION_STRING,
                     "informationUri", FD_HOMEPAGE_URL, M_RULES, list);
}

// A notification of the invocation at line of file (1 when unknown).
static json_t *notification(const char *level, const char *msg, const char *file,
                            int line) {
    return json_pack("{s:s, s:o, s:[{s:{s:o, s:{s:i}}}]}", M_LEVEL, level, M_MESSAGE,
                     message(msg), M_LOCATIONS, "physicalLocation", "artifactLocation",
                     artifact(file), M_REGION, "startLine", line > 0 ? line : 1);
}

// Each document's errors, as error notifications at their place.
static bool doc_errors(const fd_run *r, json_t *notes) {
    bool ok = true;
    for (size_t i = 0; ok && i < r->ndocs; i++)
        for (int k = 0; ok && k < r->docs[i]->nerrors; k++) {
            const fd_error *e = fdp_doc_error_at(r->docs[i], k);
            json_t *n = notification(M_ERROR, e->text,
                                     fdp_error_place(e, r->docs[i]->path), e->line);
            ok = json_array_append_new(notes, n) == 0;
        }
    return ok;
}

// The invocation: each document's error, and each stale acknowledgement as a
// warning placed in its file.
static json_t *invocation(const fd_run *r) {
    json_t *notes = json_array();
    if (notes && !doc_errors(r, notes)) {
        json_decref(notes);
        notes = NULL;
    }
    for (size_t i = 0; notes && i < r->nacks; i++) {
        const fdp_ack *a = &r->acks[i];
        if (a->matched)
            continue;
        fdp_buf b = {0};
        fdp_stale_message(a, &b);
        json_t *n = notification(M_WARNING, b.data, r->ack_path, a->line);
        fdp_buf_free(&b);
        if (json_array_append_new(notes, n) != 0) {
            json_decref(notes);
            notes = NULL;
        }
    }
    return json_pack("{s:b, s:o}", "executionSuccessful", fd_run_error_count(r) == 0,
                     "toolExecutionNotifications", notes);
}

// Writes the n bytes of s, a value jansson wrote with JSON_INDENT(1) as if it
// stood alone, as it stands at indent spaces: every line after its first
// indented by that many more (a JSON string holds no raw newline).
static bool put_indented(FILE *out, const char *s, size_t n, int indent) {
    for (const char *end = s + n, *nl; s < end; s = nl + 1) {
        nl = memchr(s, '\n', (size_t)(end - s));
        size_t len = nl ? (size_t)(nl - s) : (size_t)(end - s);
        if (fwrite(s, 1, len, out) != len)
            return false;
        if (!nl)
            break;
        if (fprintf(out, "\n%*s", indent, "") < 0)
            return false;
    }
    return true;
}

// The results, one at a time, into the hole of the log (after "results": [, whose
// member stands at indent spaces), as jansson would have written them there.
static int put_results(const fd_run *r, FILE *out, int indent) {
    for (size_t i = 0; i < r->nfindings; i++) {
        json_t *one = result(&r->findings[i]);
        char *text = one ? json_dumps(one, JSON_INDENT(1) | JSON_PRESERVE_ORDER) : NULL;
        json_decref(one);
        if (!text)
            return FD_ERR_NOMEM;
        bool ok = fprintf(out, "%s%*s", i ? ",\n" : "\n", indent + 1, "") >= 0 &&
                  put_indented(out, text, strlen(text), indent + 1);
        free(text);
        if (!ok)
            return FD_ERR_IO;
    }
    return r->nfindings && fprintf(out, "\n%*s", indent, "") < 0 ? FD_ERR_IO : 0;
}

/*
 * The log is written around its results: jansson writes the rest of it with
 * an empty results array, and each result goes into that hole as it is made,
 * so that a run of thousands of findings is never one tree in memory (it was
 * 700 MiB for a 21 MB feed). The bytes are jansson's, as one dump of the whole.
 */
int fdp_write_sarif(const fd_run *r, FILE *out) {
    static const char hole[] = "\"results\": []";
    json_t *log =
        json_pack("{s:s, s:s, s:[{s:{s:o}, s:s, s:[o], s:o}]}", "$schema", SARIF_SCHEMA,
                  M_VERSION, "2.1.0", M_RUNS, M_TOOL, M_DRIVER, driver(), "columnKind",
                  "unicodeCodePoints", M_INVOCATIONS, invocation(r), M_RESULTS, json_array());
    char *frame = log ? json_dumps(log, JSON_INDENT(1) | JSON_PRESERVE_ORDER) : NULL;
    json_decref(log);
    // the last member of the run: no string of the log holds it (quotes are escaped)
    char *at = frame ? strstr(frame, hole) : NULL;
    for (char *next = at; next; next = strstr(next + 1, hole))
        at = next;
    if (!at) {
        free(frame);
        return FD_ERR_NOMEM;
    }
    int indent = 0;
    while (at - indent > frame && at[-indent - 1] == ' ')
        indent++;
    size_t open = (size_t)(at - frame) + sizeof hole - 2; // up to and with the '['
    int rc = fwrite(frame, 1, open, out) == open ? put_results(r, out, indent) : FD_ERR_IO;
    if (rc == 0 && (fputs(at + sizeof hole - 2, out) == EOF || fputc('\n', out) == EOF))
        rc = FD_ERR_IO;
    free(frame);
    return rc;
}
