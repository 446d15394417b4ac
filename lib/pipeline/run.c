/*
 * run.c - a run of the pipeline: documents are read into it, each going
 * through its own stages as soon as it is read (while its text is at hand),
 * and fd_run_check calls the run's stages in order, each on what the ones
 * before made:
 *
 *   per document:  tokenize -> extract (claims) -> names (mentions, tallied)
 *                  -> notes for the events stage; then its text and claims to
 *                  the spill file (model/spill.c), its mentions let go
 *   per run:       index -> events -> names (clusters, variants, from the tally)
 *   per event:     copies -> judge, then currencies (compare/by_event.c), the
 *                  event's texts and claims back from the spill file for them
 *
 * A document's tokens live only while its own stages run, so memory grows with
 * the stubs of the documents and findings kept, not with their texts, claims
 * or mentions. No stage calls another.
 */
#include <stdlib.h>
#include <string.h>

#include "compare/compare.h"
#include "extract/extractor.h"
#include "names/names.h"
#include "read/read.h"
#include "report/report.h"

static int read_stages(fd_run *run, fdp_doc *d);

fd_run *fd_run_new(const fd_ruleset *rules) {
    fd_run *run = calloc(1, sizeof *run);
    if (run) {
        run->rules = rules;
        run->doc_read = read_stages;
    }
    return run;
}

void fd_run_free(fd_run *run) {
    if (!run)
        return;
    for (size_t i = 0; i < run->ndocs; i++)
        fdp_doc_free(run->docs[i]);
    fdp_run_free_findings(run);
    fdp_run_free_event_notes(run);
    for (size_t i = 0; i < run->nnames; i++)
        free(run->names[i].spellings);
    free(run->names);
    fdp_names_free_tally(run);
    fdp_acks_free(run);
    free(run->docs);
    free(run->claims);
    free(run->mentions);
    fdp_pool_free(&run->strings); // after the documents, whose strings it may hold
    fdp_run_spill_close(run);
    fdp_extractor_free(run->x);
    if (run->toks)
        fdp_doc_tokens_free(run->toks);
    free(run->toks);
    free(run);
}

// The last document read is read too (a failure of its stages: fd_run_check's).
static int spill_last(fd_run *run, int rc) {
    (void)fdp_run_docs_read(run);
    return rc;
}

int fd_run_add_path(fd_run *run, const char *path, const char *source) {
    return run->checked ? FD_ERR_USAGE : spill_last(run, fdp_read_path(run, path, source));
}

int fd_run_add_text(fd_run *run, const char *path, const char *bytes, size_t len,
                    const char *source, const char *date) {
    return run->checked ? FD_ERR_USAGE
                        : spill_last(run, fdp_read_text(run, path, bytes, len, source, date));
}

// The stages of one document, which need its tokens. Its arrays' spare room
// is its caller's to give back (fdp_doc_trim): as it is read, its claims and
// mentions leave right after, and trimming them first was a realloc each.
static int document_stages(fd_run *run, fdp_extractor *x, fdp_doc *d, fdp_doc_tokens *toks) {
    if (d->staged)
        return 0;
    d->staged = true;
    int rc = fdp_doc_text_back(d);
    if (rc == 0)
        rc = fdp_tokenize_doc(run->rules, d, NULL, NULL, toks);
    if (rc == 0)
        rc = fdp_extract_doc(x, d, toks);
    if (rc == 0)
        rc = fdp_find_mentions_pooled(run->rules, d, toks, &run->strings);
    if (rc == 0)
        rc = fdp_run_pool_doc(run, d);
    if (rc == 0)
        rc = fdp_names_gather_doc(run, d);
    fdp_doc_text_away(d);
    return rc;
}

// A document just read: its own stages now, while its text is at hand (not
// read back from the spill file later), then what the events stage reads of
// it noted, its text and claims to the spill file (the claims come back an
// event at a time) and its mentions let go (the names stage has tallied them).
// Without an extractor (none could be made) it waits for fd_run_check.
static int read_stages(fd_run *run, fdp_doc *d) {
    if (!run->x && !run->no_extractor) {
        run->x = fdp_extractor_new(run->rules, NULL);
        run->toks = calloc(1, sizeof *run->toks);
        run->no_extractor = !run->x || !run->toks;
    }
    int rc = run->no_extractor ? 0 : document_stages(run, run->x, d, run->toks);
    int noted = rc == 0 && d->staged ? fdp_note_event_doc(run, d) : 1;
    if (noted < 0)
        rc = noted;
    if (rc == 0) // a failure only keeps them in memory
        (void)fdp_run_spill_text(run, d);
    if (rc == 0)
        (void)fdp_run_pool_meta(run, d); // (likewise)
    if (rc == 0 && noted == 0) { // (else the events stage reads them in its turn)
        (void)fdp_run_spill_claims(run, d);
        fdp_doc_drop_mentions(d); // tallied by the names stage, noted for the events stage
    }
    fdp_doc_trim(d); // (what stays in memory)
    return rc;
}

// The stages of the documents whose stages did not run as they were read.
static int remaining_document_stages(fd_run *run, fd_error *err) {
    int rc = fdp_run_docs_read(run);
    fdp_extractor *x = rc < 0 ? NULL : run->x ? run->x : fdp_extractor_new(run->rules, err);
    if (rc == 0 && !x)
        return err && err->code ? err->code : FD_ERR_ICU;
    fdp_doc_tokens own = {0}, *toks = run->toks ? run->toks : &own;
    for (size_t i = 0; i < run->ndocs && rc == 0; i++) {
        rc = document_stages(run, x, run->docs[i], toks);
        fdp_doc_trim(run->docs[i]);
        if (run->check_progress)
            run->check_progress(run->check_progress_ctx, run->docs[i]->len);
    }
    fdp_doc_tokens_free(&own);
    if (x != run->x)
        fdp_extractor_free(x);
    return rc;
}

static int run_stages(fd_run *run, fd_error *err) {
    int rc = remaining_document_stages(run, err);
    if (rc == 0)
        rc = fdp_run_index(run);
    if (rc == 0)
        rc = fdp_assign_events(run); // from each document's own places, names, keys, date
    if (rc == 0)
        rc = fdp_run_pool_keys(run); // before names: the keys it gives go to the pool
    if (rc == 0)
        rc = fdp_cluster_names(run);
    if (rc == 0)
        rc = fdp_compare_by_event(run); // copies, judge, currencies: an event at a time
    if (rc == 0)
        rc = fdp_fingerprint_findings(run);
    return rc;
}

int fd_run_check(fd_run *run, fd_error *err) {
    fdp_error_clear(err);
    if (run->checked)
        return fdp_error_set(err, FD_ERR_USAGE, "<run>", 0, 0, 0, "run already checked");
    run->checked = true;
    int rc = run_stages(run, err);
    if (rc < 0)
        fdp_error_set(err, rc, "<run>", 0, 0, 0, "%s", fd_strerror(rc));
    return rc;
}

int fd_run_write(const fd_run *run, fd_format format, FILE *out, unsigned options) {
    // The JSON report quotes only claims, whose bytes are pooled, and reads
    // them back a document at a time; the others bring back every claim, the
    // text, SARIF and GitHub reports a text for each line they quote, and the
    // HTML report, for an editor's few dozen articles, every text.
    int rc = format == FD_FORMAT_JSON ? 0 : fdp_run_claims_back(run);
    if (rc == 0 && format == FD_FORMAT_HTML)
        rc = fdp_run_texts_back(run);
    if (rc < 0)
        return rc;
    switch (format) {
    case FD_FORMAT_JSON: rc = fdp_write_json(run, out); break;
    case FD_FORMAT_HTML: rc = fdp_write_html(run, out); break;
    case FD_FORMAT_SARIF: rc = fdp_write_sarif(run, out); break;
    case FD_FORMAT_GITHUB: rc = fdp_write_github(run, out); break;
    default: rc = fdp_write_text(run, out, options); break;
    }
    if (rc == 0 && (fflush(out) != 0 || ferror(out)))
        rc = FD_ERR_IO;
    return rc;
}

int fd_run_write_names(const fd_run *run, FILE *out) {
    // The listing is made when first asked for: a check does not need it. (The
    // run is the caller's; what it reports is not changed by the listing.)
    int rc = run->names || !run->checked ? 0 : fdp_list_names((fd_run *)run);
    if (rc == 0)
        rc = fdp_write_names(run, out);
    if (rc == 0 && (fflush(out) != 0 || ferror(out)))
        rc = FD_ERR_IO;
    return rc;
}
