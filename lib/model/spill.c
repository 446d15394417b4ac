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
 * goes with the process however that ends. Texts (NUL included) and claims
 * are added at its end through a buffer of a megabyte, and read back with
 * pread: the page cache serves what was just written.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/model.h"

#define SPILL_BUFFER (1 << 20) /* bytes written at once: a document is a few KB */

/* The spill file: bytes are added at its end through a buffer and read back
 * with pread, the buffer written out first if they are still in it. */
struct fdp_spill {
    int fd;
    uint64_t end;     /* bytes added, those still in the buffer too */
    uint64_t flushed; /* bytes in the file */
    char *buf;        /* the bytes after flushed, end - flushed of them */
    char *ahead;      /* what a reader from start to end (the JSON report) read last:
                         ahead_len bytes at ahead_at (spill_read_on), or NULL */
    uint64_t ahead_at;
    size_t ahead_len;
};

#define READ_AHEAD (256 * 1024) /* bytes read at once by a reader going forward */

// The run's spill file, made on first use; NULL when none can be made (the
// texts stay in memory then: nothing is lost but room).
static fdp_spill *spill_file(fd_run *run) {
    if (run->spill_tried)
        return run->spill;
    run->spill_tried = true;
    const char *dir = getenv("TMPDIR");
    fdp_buf path = {0};
    fdp_buf_printf(&path, "%s/factdiff-spill-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = path.data ? mkstemp(path.data) : -1;
    if (fd >= 0)
        unlink(path.data);
    fdp_buf_free(&path);
    fdp_spill *sp = fd >= 0 ? calloc(1, sizeof *sp) : NULL;
    char *buf = sp ? malloc(SPILL_BUFFER) : NULL;
    if (!buf) {
        free(sp);
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    *sp = (fdp_spill){.fd = fd, .buf = buf};
    return run->spill = sp;
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

// Writes the buffer out. False on a failure (the buffer is kept).
static bool flush(fdp_spill *sp) {
    size_t held = (size_t)(sp->end - sp->flushed);
    if (held && !write_all(sp->fd, sp->buf, held, sp->flushed))
        return false;
    sp->flushed = sp->end;
    return true;
}

// Adds n bytes at the end of the spill file; their place in *at. False on a
// failure, with nothing added.
static bool spill_add(fdp_spill *sp, const void *bytes, size_t n, uint64_t *at) {
    if ((sp->end - sp->flushed) + n > SPILL_BUFFER && !flush(sp))
        return false;
    *at = sp->end;
    if (n > SPILL_BUFFER) { // (the buffer is empty: flushed above)
        if (!write_all(sp->fd, bytes, n, sp->end))
            return false;
        sp->flushed = sp->end += n;
        return true;
    }
    memcpy(sp->buf + (sp->end - sp->flushed), bytes, n);
    sp->end += n;
    return true;
}

// Reads n bytes at at back (the buffer written out first if they are in it).
static bool spill_read(const fdp_spill *sp, void *bytes, size_t n, uint64_t at) {
    if (at + n > sp->flushed && !flush((fdp_spill *)sp)) // (a cache: see fdp_doc_text_back)
        return false;
    return read_all(sp->fd, bytes, n, at);
}

// The same for a reader going forward through the file (the JSON report
// reads each document's claims, then each finding, in the order they were
// added): served from the last READ_AHEAD bytes read, read at at when they
// do not hold all n.
static bool spill_read_on(const fdp_spill *sp, void *bytes, size_t n, uint64_t at) {
    fdp_spill *own = (fdp_spill *)sp; // (a cache, as spill_read's flush)
    bool held = own->ahead && at >= own->ahead_at && at + n <= own->ahead_at + own->ahead_len;
    if (!held && n < READ_AHEAD) {
        if (!own->ahead && !(own->ahead = malloc(READ_AHEAD)))
            return spill_read(sp, bytes, n, at);
        if (at + n > own->flushed && !flush(own))
            return false;
        uint64_t left = own->flushed - at;
        own->ahead_len = left < READ_AHEAD ? (size_t)left : READ_AHEAD;
        own->ahead_at = at;
        if (!read_all(own->fd, own->ahead, own->ahead_len, at)) {
            own->ahead_len = 0;
            return false;
        }
        held = true;
    }
    if (!held)
        return spill_read(sp, bytes, n, at);
    memcpy(bytes, own->ahead + (at - own->ahead_at), n);
    return true;
}

int fdp_run_spill_text(fd_run *run, fdp_doc *d) {
    if (!d->text || d->spilled)
        return 0;
    fdp_spill *sp = spill_file(run);
    if (!sp)
        return 0;
    if (!spill_add(sp, d->text, d->len + 1, &d->text_at))
        return FD_ERR_IO;
    d->spilled = true;
    d->spill = sp;
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
    if (!spill_read(d->spill, text, d->len + 1, d->text_at)) {
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
    fdp_spill *sp = spill_file(run);
    if (!sp)
        return 0;
    if (!spill_add(sp, d->claims, d->nclaims * sizeof *d->claims, &d->claims_at))
        return FD_ERR_IO;
    d->claims_spilled = true;
    d->spill = sp;
    free(d->claims);
    d->claims = NULL;
    d->capclaims = 0;
    return 0;
}

// d's claims, read back: numbered if the run is.
static void set_claims(fdp_doc *d, fdp_claim *claims) {
    for (size_t k = 0; k < d->nclaims && d->claims_numbered; k++) {
        claims[k].number = (uint32_t)(d->claim_base + k + 1);
        fdp_format_id(claims[k].id, sizeof claims[k].id, 'c', d->claim_base + k + 1);
    }
    d->claims = claims;
    d->capclaims = d->nclaims;
}

// (Claims, like a text, are a cache of the spill file: see fdp_doc_text_back.)
// forward: read by a reader going forward through the file (spill_read_on).
static int claims_back(const fdp_doc *d, bool forward) {
    if (d->claims || !d->claims_spilled)
        return 0;
    fdp_claim *claims = malloc(d->nclaims * sizeof *claims);
    if (!claims)
        return FD_ERR_NOMEM;
    size_t n = d->nclaims * sizeof *claims;
    if (!(forward ? spill_read_on : spill_read)(d->spill, claims, n, d->claims_at)) {
        free(claims);
        return FD_ERR_IO;
    }
    set_claims((fdp_doc *)d, claims);
    return 0;
}

int fdp_doc_claims_back(const fdp_doc *d) { return claims_back(d, false); }

void fdp_doc_claims_away(const fdp_doc *d) {
    if (!d->claims_spilled)
        return;
    fdp_doc *own = (fdp_doc *)d;
    free(own->claims);
    own->claims = NULL;
    own->capclaims = 0;
}

int fdp_doc_back(const fdp_doc *d) {
    size_t tn = d->len + 1, cn = d->nclaims * sizeof *d->claims;
    bool side_by_side = !d->text && d->spilled && !d->claims && d->claims_spilled &&
                        d->text_at + tn == d->claims_at;
    if (!side_by_side)
        return fdp_doc_text_back(d) < 0 ? FD_ERR_IO : fdp_doc_claims_back(d);
    // One read into the text's room, made as large as both (the text goes
    // away again after the copies stage), the claims copied out of it.
    char *text = malloc(tn + cn);
    fdp_claim *claims = malloc(cn);
    int rc = text && claims ? 0 : FD_ERR_NOMEM;
    if (rc == 0 && !spill_read(d->spill, text, tn + cn, d->text_at))
        rc = FD_ERR_IO;
    if (rc < 0) {
        free(text);
        free(claims);
        return rc;
    }
    memcpy(claims, text + tn, cn);
    ((fdp_doc *)d)->text = text;
    set_claims((fdp_doc *)d, claims);
    return 0;
}

int fdp_doc_claims_hold(const fdp_doc *d, bool *back) {
    *back = !d->claims && d->claims_spilled;
    return claims_back(d, true);
}

void fdp_doc_claims_release(const fdp_doc *d, bool back) {
    if (back)
        fdp_doc_claims_away(d);
}

/* A finding in the spill file: its claims' numbers, then its key, label and
 * summary, each with its NUL. */
int fdp_run_spill_finding(fd_run *run, fdp_finding *f) {
    if (f->spilled || !f->claims_away || !f->numbers || !f->key || !f->label || !f->summary)
        return 0;
    fdp_spill *sp = spill_file(run);
    if (!sp)
        return 0;
    size_t numbers = (size_t)f->nclaims * sizeof *f->numbers, key = strlen(f->key) + 1,
           label = strlen(f->label) + 1, summary = strlen(f->summary) + 1;
    size_t n = numbers + key + label + summary;
    char *record = n < UINT32_MAX ? malloc(n) : NULL;
    if (!record)
        return 0; // (kept: nothing is lost but room)
    memcpy(record, f->numbers, numbers);
    memcpy(record + numbers, f->key, key);
    memcpy(record + numbers + key, f->label, label);
    memcpy(record + numbers + key + label, f->summary, summary);
    bool ok = spill_add(sp, record, n, &f->spill_at);
    free(record);
    if (!ok)
        return FD_ERR_IO;
    f->spilled = true;
    f->spill_len = (uint32_t)n;
    fdp_finding_drop_strings(f);
    return 0;
}

// (A finding's strings, like a text, are a cache of the spill file.)
static int finding_back(const fdp_finding *f, bool forward) {
    if (!f->spilled || f->back)
        return 0;
    size_t ptrs = (size_t)f->nclaims * sizeof *f->claims;
    char *block = malloc(ptrs + f->spill_len);
    if (!block)
        return FD_ERR_NOMEM;
    const fdp_spill *sp = f->run->spill;
    if (!(forward ? spill_read_on : spill_read)(sp, block + ptrs, f->spill_len, f->spill_at)) {
        free(block);
        return FD_ERR_IO;
    }
    fdp_finding *own = (fdp_finding *)f;
    own->back = block;
    own->claims = (const fdp_claim **)(void *)block;
    own->numbers = (uint32_t *)(void *)(block + ptrs);
    own->key = block + ptrs + (size_t)f->nclaims * sizeof *f->numbers;
    own->label = own->key + strlen(own->key) + 1;
    own->summary = own->label + strlen(own->label) + 1;
    return 0;
}

int fdp_finding_back(const fdp_finding *f) { return finding_back(f, false); }

void fdp_finding_drop_strings(fdp_finding *f) {
    if (f->back) { // brought back from the spill file, in one block
        free(f->back);
    } else {
        free(f->key);
        free(f->label);
        free(f->summary);
        free(f->claims);
        free(f->numbers);
    }
    f->back = NULL;
    f->claims = NULL;
    f->numbers = NULL;
    f->key = f->label = f->summary = NULL;
}

int fdp_finding_hold(const fdp_finding *f, bool *back) {
    *back = f->spilled && !f->back;
    return finding_back(f, true);
}

void fdp_finding_release(const fdp_finding *f, bool back) {
    if (back)
        fdp_finding_drop_strings((fdp_finding *)f); // (a cache: see finding_back)
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
    for (size_t i = 0; i < run->nfindings && rc == 0; i++) {
        rc = fdp_finding_back(&run->findings[i]);
        if (rc == 0 && run->findings[i].claims_away)
            bind_claims(run, &own->findings[i]);
    }
    return rc;
}

void fdp_run_spill_close(fd_run *run) {
    if (run->spill) {
        close(run->spill->fd);
        free(run->spill->buf);
        free(run->spill->ahead);
        free(run->spill);
    }
    run->spill = NULL;
    run->spill_tried = false;
}
