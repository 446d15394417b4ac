/*
 * stream.c - `factdiff extract`: claims as JSON Lines, one document in memory at
 * a time. Each document is read into a run that holds it only until its claims
 * are out, and goes through the stages that claims need (tokenize, only
 * paragraphs that may hold one, then extract); the run, and the extractor with
 * its ICU spell-out parser, are made once.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "extract/extractor.h"
#include "read/read.h"
#include "report/report.h"

typedef struct streamer {
    const fd_ruleset *rules;
    fd_run *run;         /* the documents read and not yet written out; reused */
    fdp_extractor *x;
    fdp_doc_tokens toks; /* reused from document to document */
    fdp_ninjs_lite lite; /* the line reader's buffers, reused from line to line */
    const char *source;
    FILE *out, *err;
    unsigned long docs, claims;
    char claim_id[24];    /* the last claim's id, "c<claims>" ("c0" before any) */
    size_t claim_id_len;
    int bad;
    fdp_buf lines; /* claim lines not yet written out (write_out), reused */
    fdp_doc_members members; /* of the document whose claims are being written */
    fd_progress_fn progress;
    void *progress_ctx;
} streamer;

static void report_errors(streamer *st, const fdp_doc *d) {
    for (int k = 0; k < d->nerrors; k++) {
        const fd_error *e = fdp_doc_error_at(d, k);
        if (e->line > 0)
            fprintf(st->err, "%s:%d:%d: error: %s (byte %zu)\n", fdp_error_place(e, d->path),
                    e->line, e->column,
                    e->text, e->position);
        else
            fprintf(st->err, "%s: error: %s\n", d->path, e->text);
    }
}

#define WRITE_OUT_BYTES 65536 /* of claim lines gathered before they are written */

// Writes out the claim lines gathered in st->lines, in one write.
static int write_out(streamer *st) {
    if (st->lines.failed)
        return FD_ERR_NOMEM;
    size_t n = st->lines.len;
    st->lines.len = 0;
    return n == 0 || fwrite(st->lines.data, 1, n, st->out) == n ? 0 : FD_ERR_IO;
}

// Counts st->claims up, and its id with it: the id's digits are counted up in
// place, a carry at a time, rather than printed anew for every claim.
static void count_claim(streamer *st) {
    st->claims++;
    size_t k = st->claim_id_len;
    while (k > 1 && st->claim_id[k - 1] == '9')
        st->claim_id[--k] = '0';
    if (k > 1) {
        st->claim_id[k - 1]++;
    } else { // 9...9 became 10...0: one digit more
        st->claim_id[1] = '1';
        st->claim_id[st->claim_id_len++] = '0';
        st->claim_id[st->claim_id_len] = '\0';
    }
}

// Adds one claim as a line of JSON to the lines to write out.
static void write_claim(streamer *st, fdp_claim *c) {
    count_claim(st);
    if (st->claim_id_len < sizeof c->id)
        memcpy(c->id, st->claim_id, st->claim_id_len + 1);
    else
        fdp_format_id(c->id, sizeof c->id, 'c', st->claims); // too long: ""
    if (st->members.doc != c->doc)
        fdp_doc_members_set(&st->members, c->doc);
    fdp_write_claim_line_of(&st->lines, c, &st->members);
    fdp_buf_putc(&st->lines, '\n');
}

// Writes the claims of d read so far, and drops them: a long document's claims
// are never all in memory (fdp_extract_doc_windowed). Their lines go out in
// writes of about WRITE_OUT_BYTES, and at each document's end (flush), not in
// a write a claim.
static int write_claims(void *ctx, fdp_doc *d) {
    streamer *st = ctx;
    for (size_t c = 0; c < d->nclaims && !st->lines.failed; c++)
        write_claim(st, &d->claims[c]);
    fdp_doc_drop_claims(d);
    return st->lines.len >= WRITE_OUT_BYTES || st->lines.failed ? write_out(st) : 0;
}

// Extracts and writes the claims of every document in r, then lets them go.
static int flush(streamer *st, fd_run *r) {
    int rc = 0;
    for (size_t i = 0; i < r->ndocs && rc == 0; i++) {
        fdp_doc *d = r->docs[i];
        st->members.doc = NULL; // a new document may be where an old one was freed
        // Ids count across the whole stream, not within the run that read it.
        fdp_format_id(d->id, sizeof d->id, 'd', ++st->docs);
        if (d->nerrors) {
            report_errors(st, d);
            st->bad++;
        }
        // Tokenized a window at a time, claims written as they come: memory
        // grows with a sentence, not with the document (a 20 MB line).
        if (rc == 0)
            rc = fdp_extract_doc_windowed(st->x, d, &st->toks.list, 0, write_claims, st);
        // A document's claims are out (those read before a failure too) before
        // anything is said of the next one.
        int out = write_out(st);
        rc = rc ? rc : out;
    }
    fdp_run_drop_docs(r);
    return rc;
}

// The run for the next document or two (made on first use, told to report
// progress as the stream does), holding none; NULL when out of memory.
static fd_run *fresh(streamer *st) {
    if (!st->run && (st->run = fd_run_new(st->rules))) {
        st->run->doc_read = NULL; // one document at a time, its stages run here
        fd_run_set_progress(st->run, st->progress, st->progress_ctx);
    }
    return st->run;
}

// A line's length without its newline, as the whole-file reader sees lines.
static size_t line_length(const char *line, ssize_t n) {
    size_t len = (size_t)n;
    return len && line[len - 1] == '\n' ? len - 1 : len;
}

// JSON Lines, read line by line so that a feed of any length fits in memory.
static int stream_jsonl(streamer *st, const char *path) {
    bool is_stdin = !strcmp(path, "-");
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    const char *name = is_stdin ? "<stdin>" : path;
    if (!f) {
        fprintf(st->err, "%s: error: cannot open\n", path);
        st->bad++;
        return 0;
    }
    char *line = NULL;
    size_t cap = 0, offset = 0;
    ssize_t n;
    int lineno = 0, rc = 0;
    errno = 0;
    while (rc == 0 && (n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        // A byte order mark before the first line is no part of the JSON.
        size_t skip = lineno == 1 && n >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3) ? 3 : 0;
        fd_run *r = fresh(st);
        if (!r)
            rc = FD_ERR_NOMEM;
        else if ((rc = fdp_read_ninjs_line_with(r, &st->lite, name, lineno, line + skip,
                                                line_length(line, n) - skip, offset + skip,
                                                st->source)) >= 0)
            rc = flush(st, r);
        else
            fdp_run_drop_docs(r);
        offset += (size_t)n;
    }
    // getline gives -1 at the end and on failure alike: a stream cut short is no end.
    if (rc == 0 && (ferror(f) || errno == ENOMEM)) {
        rc = errno == ENOMEM ? FD_ERR_NOMEM : FD_ERR_IO;
        fprintf(st->err, "%s:%d: error: %s\n", name, lineno + 1,
                rc == FD_ERR_NOMEM ? "out of memory" : "read error");
    }
    free(line);
    if (!is_stdin)
        fclose(f);
    return rc;
}

static bool ends_with(const char *s, const char *e) {
    size_t n = strlen(s), m = strlen(e);
    return n >= m && !strcmp(s + n - m, e);
}

static int stream_path(streamer *st, const char *path);

// A file of a folder whose meta.json is read once for all its files.
static int stream_file_in(streamer *st, const char *path, const char *name,
                          const fdp_meta *meta) {
    struct stat sb;
    if (ends_with(path, ".jsonl") || (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)))
        return stream_path(st, path);
    fd_run *r = fresh(st);
    if (!r)
        return FD_ERR_NOMEM;
    int rc = fdp_read_file_in(r, path, name, meta, st->source);
    if (rc < 0) {
        fdp_run_drop_docs(r);
        return rc;
    }
    return flush(st, r);
}

static int stream_path(streamer *st, const char *path) {
    struct stat sb;
    if (!strcmp(path, "-") || ends_with(path, ".jsonl"))
        return stream_jsonl(st, path);
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        size_t n = 0;
        int code;
        char **names = fdp_list_dir(path, &n, &code);
        if (!names && code == FD_ERR_NOMEM)
            return FD_ERR_NOMEM;
        if (!names) {
            fprintf(st->err, "%s: error: cannot open directory\n", path);
            st->bad++;
            return 0;
        }
        int rc = 0;
        fdp_meta *meta = fdp_meta_load(NULL, path, &rc); // once for the folder
        for (size_t i = 0; i < n; i++) {
            if (rc == 0) {
                fdp_buf p = {0};
                fdp_buf_printf(&p, "%s%s%s", path, ends_with(path, "/") ? "" : "/", names[i]);
                rc = p.data ? stream_file_in(st, p.data, names[i], meta) : FD_ERR_NOMEM;
                fdp_buf_free(&p);
            }
            free(names[i]);
        }
        free(names);
        fdp_meta_free(meta);
        return rc;
    }
    fd_run *r = fresh(st);
    if (!r)
        return FD_ERR_NOMEM;
    int rc = fdp_read_path(r, path, st->source);
    if (rc < 0) {
        fdp_run_drop_docs(r);
        return rc;
    }
    return flush(st, r);
}

int fd_extract_stream(const fd_ruleset *rules, const char *const *paths, int npaths,
                      const char *source, FILE *out, FILE *errout) {
    return fd_extract_stream_progress(rules, paths, npaths, source, out, errout, NULL, NULL);
}

int fd_extract_stream_progress(const fd_ruleset *rules, const char *const *paths, int npaths,
                               const char *source, FILE *out, FILE *errout,
                               fd_progress_fn fn, void *ctx) {
    fd_error err = {0};
    streamer st = {.rules = rules, .x = fdp_extractor_new(rules, &err), .source = source,
                   .out = out, .err = errout, .progress = fn, .progress_ctx = ctx,
                   .claim_id = "c0", .claim_id_len = 2};
    if (!st.x) {
        fprintf(errout, "factdiff: %s\n", err.text);
        return err.code ? err.code : FD_ERR_ICU;
    }
    int rc = 0;
    for (int i = 0; i < npaths && rc == 0; i++)
        rc = stream_path(&st, paths[i]);
    fd_run_free(st.run);
    fdp_extractor_free(st.x);
    fdp_doc_tokens_free(&st.toks);
    fdp_ninjs_lite_free(&st.lite);
    fdp_buf_free(&st.lines);
    fdp_doc_members_free(&st.members);
    if (rc == 0 && st.docs == 0) { // a wrong path should not pass as "no claims"
        fprintf(errout, "factdiff: no documents to read\n");
        st.bad++;
    }
    if (rc == 0 && (fflush(out) != 0 || ferror(out)))
        rc = FD_ERR_IO;
    return rc < 0 ? rc : st.bad;
}
