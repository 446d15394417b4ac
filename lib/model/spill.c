/*
 * spill.c - documents' texts and claims kept in a temporary file between the
 * stages that read them (model.h, "spill.c"). A check holds every document
 * until its report is written, and their texts were a byte per input byte, the
 * largest part; the document's own stages, the copies stage (an event at a
 * time) and the reporters that quote lines read a text, and bring it back for
 * that. Claims, the next largest, go once the document's stages are done and
 * come back an event at a time for the stages that compare them; the JSON
 * report reads them back a document at a time, the other reporters all at once.
 *
 * The file is made in $TMPDIR (else /tmp) and unlinked at once, so that it
 * goes with the process however that ends. Texts are written at its end,
 * NUL included, and read back with pread: the page cache serves what was
 * just written.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/model.h"

// The run's spill file, made on first use; -1 when none can be made (the
// texts stay in memory then: nothing is lost but room).
static int spill_file(fd_run *run) {
    if (run->spill_tried)
        return run->spill_fd;
    run->spill_tried = true;
    const char *dir = getenv("TMPDIR");
    fdp_buf path = {0};
    fdp_buf_printf(&path, "%s/factdiff-spill-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = path.data ? mkstemp(path.data) : -1;
    if (fd >= 0)
        unlink(path.data);
    fdp_buf_free(&path);
    run->spill_fd = fd >= 0 ? fd : -1;
    return run->spill_fd;
}

static bool write_all(int fd, const char *bytes, size_t n, uint64_t at) {
    while (n > 0) {
        ssize_t w = pwrite(fd, bytes, n, (off_t)at);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        bytes += w;
        n -= (size_t)w;
        at += (uint64_t)w;
    }
    return true;
}

static bool read_all(int fd, char *bytes, size_t n, uint64_t at) {
    while (n > 0) {
        ssize_t r = pread(fd, bytes, n, (off_t)at);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        bytes += r;
        n -= (size_t)r;
        at += (uint64_t)r;
    }
    return true;
}

int fdp_run_spill_text(fd_run *run, fdp_doc *d) {
    if (!d->text || d->spilled)
        return 0;
    int fd = spill_file(run);
    if (fd < 0)
        return 0;
    if (!write_all(fd, d->text, d->len + 1, run->spill_end))
        return FD_ERR_IO;
    d->spilled = true;
    d->spill_fd = fd;
    d->text_at = run->spill_end;
    run->spill_end += d->len + 1;
    free(d->text);
    d->text = NULL;
    return 0;
}

// (A document's text is a cache of what the spill file holds: bringing it back
// or letting it go changes nothing a reader of the document can see, so the
// const documents the reporters are given may do both.)
int fdp_doc_text_back(const fdp_doc *d) {
    if (d->text || !d->spilled)
        return 0;
    char *text = malloc(d->len + 1);
    if (!text)
        return FD_ERR_NOMEM;
    if (!read_all(d->spill_fd, text, d->len + 1, d->text_at)) {
        free(text);
        return FD_ERR_IO;
    }
    ((fdp_doc *)d)->text = text;
    return 0;
}

void fdp_doc_text_away(const fdp_doc *d) {
    if (!d->spilled)
        return;
    free(d->text);
    ((fdp_doc *)d)->text = NULL;
}

const char *fdp_doc_text_hold(const fdp_doc *d, bool *back) {
    *back = !d->text && d->spilled;
    return fdp_doc_text_back(d) < 0 ? NULL : d->text;
}

void fdp_doc_text_release(const fdp_doc *d, bool back) {
    if (back)
        fdp_doc_text_away(d);
}

int fdp_run_texts_back(const fd_run *run) {
    for (size_t i = 0; i < run->ndocs; i++) {
        int rc = fdp_doc_text_back(run->docs[i]);
        if (rc < 0)
            return rc;
    }
    return 0;
}

int fdp_run_spill_claims(fd_run *run, fdp_doc *d) {
    if (!d->nclaims || !d->claims || d->claims_spilled || !d->strings_pooled)
        return 0;
    int fd = spill_file(run);
    if (fd < 0)
        return 0;
    size_t bytes = d->nclaims * sizeof *d->claims;
    if (!write_all(fd, (const char *)d->claims, bytes, run->spill_end))
        return FD_ERR_IO;
    d->claims_spilled = true;
    d->spill_fd = fd;
    d->claims_at = run->spill_end;
    run->spill_end += bytes;
    free(d->claims);
    d->claims = NULL;
    d->capclaims = 0;
    return 0;
}

// (Claims, like a text, are a cache of the spill file: see fdp_doc_text_back.)
int fdp_doc_claims_back(const fdp_doc *d) {
    if (d->claims || !d->claims_spilled)
        return 0;
    fdp_claim *claims = malloc(d->nclaims * sizeof *claims);
    if (!claims)
        return FD_ERR_NOMEM;
    if (!read_all(d->spill_fd, (char *)claims, d->nclaims * sizeof *claims, d->claims_at)) {
        free(claims);
        return FD_ERR_IO;
    }
    for (size_t k = 0; k < d->nclaims && d->claims_numbered; k++) {
        claims[k].number = (uint32_t)(d->claim_base + k + 1);
        fdp_format_id(claims[k].id, sizeof claims[k].id, 'c', d->claim_base + k + 1);
    }
    fdp_doc *own = (fdp_doc *)d;
    own->claims = claims;
    own->capclaims = d->nclaims;
    return 0;
}

void fdp_doc_claims_away(const fdp_doc *d) {
    if (!d->claims_spilled)
        return;
    fdp_doc *own = (fdp_doc *)d;
    free(own->claims);
    own->claims = NULL;
    own->capclaims = 0;
}

int fdp_doc_claims_hold(const fdp_doc *d, bool *back) {
    *back = !d->claims && d->claims_spilled;
    return fdp_doc_claims_back(d);
}

void fdp_doc_claims_release(const fdp_doc *d, bool back) {
    if (back)
        fdp_doc_claims_away(d);
}

// Finds again the claims of f by their numbers in run->claims.
static void bind_claims(const fd_run *run, fdp_finding *f) {
    for (int k = 0; k < f->nclaims; k++)
        f->claims[k] = run->claims[f->numbers[k] - 1];
    f->anchor = f->anchor_number ? run->claims[f->anchor_number - 1] : NULL;
    f->claims_away = false;
}

int fdp_run_claims_back(const fd_run *run) {
    if (run->claims)
        return 0;
    for (size_t i = 0; i < run->ndocs; i++) {
        int rc = fdp_doc_claims_back(run->docs[i]);
        if (rc < 0)
            return rc;
    }
    fd_run *own = (fd_run *)run;
    int rc = fdp_view_index(own); // the index over them, with the numbers they have
    for (size_t i = 0; i < run->nfindings && rc == 0; i++)
        if (run->findings[i].claims_away)
            bind_claims(run, &own->findings[i]);
    return rc;
}

void fdp_run_spill_close(fd_run *run) {
    if (run->spill_tried && run->spill_fd >= 0)
        close(run->spill_fd);
    run->spill_tried = false;
}
