/*
 * html_base.c - the HTML report's view of a run, worked out once before any of
 * the page is written, and the escaping every part of the page goes through.
 */
#include <stdlib.h>
#include <string.h>

#include "report/html.h"

void fdp_html_esc(FILE *out, const char *s, size_t n) {
    for (size_t i = 0; s && i < n;) {
        size_t at = i;
        int32_t cp = fdp_utf8_next(s, n, &i);
        if (cp < 0) {
            fputs("\xEF\xBF\xBD", out);
            continue;
        }
        // Control characters (escapes, C1) are no text: a space, as on a terminal.
        if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp < 0xA0)) {
            fputc(' ', out);
            continue;
        }
        switch (i == at + 1 ? s[at] : 0) {
        case '<':
            fputs("&lt;", out);
            break;
        case '>':
            fputs("&gt;", out);
            break;
        case '&':
            fputs("&amp;", out);
            break;
        case '"':
            fputs("&quot;", out);
            break;
        case '\'':
            fputs("&#39;", out);
            break;
        default:
            fwrite(s + at, 1, i - at, out);
        }
    }
}

void fdp_html_esc_str(FILE *out, const char *s) {
    fdp_html_esc(out, s, s ? strlen(s) : 0);
}

const char *fdp_html_plural(size_t n) { return n == 1 ? "" : "s"; }

const char *fdp_html_kind(const fdp_finding *f) {
    return f->ack ? FDP_HTML_ACKNOWLEDGED : fdp_finding_kind_name(f->kind);
}

int fdp_html_rank(fdp_finding_kind k) {
    switch (k) {
    case FDP_CONFLICT:
        return 0;
    case FDP_DISPUTED:
        return 1;
    case FDP_UPDATE:
        return 2;
    case FDP_COMPATIBLE:
        return 3;
    case FDP_AGREEMENT:
        return 4;
    case FDP_CURRENCIES: // a claim's own currency's fact goes first
        return 5;
    default:
        return 6;
    }
}

const char *fdp_html_source(const fdp_doc *d) {
    return d->source ? d->source : fdp_basename(d->path);
}

void fdp_html_source_id(const fdp_html *h, const fdp_doc *d, char out[16]) {
    snprintf(out, 16, "s%zu", h->source_of_doc[d->index] + 1);
}

// Each source once, in the order of the finding's claims.
void fdp_html_finding_sources(const fdp_html *h, const fdp_finding *f) {
    for (int k = 0; k < f->nclaims; k++) {
        size_t s = h->source_of_doc[f->claims[k]->doc->index];
        bool seen = false;
        for (int j = 0; j < k && !seen; j++)
            seen = h->source_of_doc[f->claims[j]->doc->index] == s;
        if (!seen)
            fprintf(h->out, "%ss%zu", k ? " " : "", s + 1);
    }
}

void fdp_html_date(const fdp_html *h, const fdp_doc *d) {
    fdp_html_esc_str(h->out, d->date ? d->date : "undated");
}

void fdp_html_figure(const fdp_html *h, const fdp_claim *c) {
    fdp_html_esc(h->out, fdp_claim_bytes(c), c->end - c->start);
}

int fdp_html_event_of(const fdp_finding *f) {
    return f->nclaims ? f->claims[0]->doc->event : -1;
}

bool fdp_html_claim_shown(const fdp_html *h, const fdp_claim *c) {
    const fdp_finding *f = h->fact_of_claim[c->number - 1];
    return h->full_text[c->doc->index] || (f && fdp_finding_is_discrepancy(f->kind));
}

// Between undated stories an update is the total's new level ("the toll has
// risen to 48"): that figure is the latest.
bool fdp_html_is_latest(const fdp_finding *f, const fdp_claim *c) {
    long day = c->doc->date ? fdp_day_number(c->doc->date) : -1;
    bool dated = false;
    for (int k = 0; k < f->nclaims; k++) {
        const fdp_doc *d = f->claims[k]->doc;
        if (d->date && fdp_day_number(d->date) > day)
            return false;
        dated |= d->date != NULL;
    }
    return dated || c->risen;
}

/* ---- the view ------------------------------------------------------------ */

// Sort keys, so no comparator needs the run (the reporters run in threads).
typedef struct order_key {
    long a, b, c;
    size_t item;
} order_key;

static int cmp_key(const void *pa, const void *pb) {
    const order_key *x = pa, *y = pb;
    if (x->a != y->a)
        return x->a < y->a ? -1 : 1;
    if (x->b != y->b)
        return x->b < y->b ? -1 : 1;
    return x->c < y->c ? -1 : x->c > y->c;
}

// Each event's columns: they stand together, in event order.
static int event_columns(fdp_html *h) {
    size_t n = h->nevents > 0 ? (size_t)h->nevents : 1;
    h->event_start = calloc(n, sizeof *h->event_start);
    h->event_end = calloc(n, sizeof *h->event_end);
    if (!h->event_start || !h->event_end)
        return FD_ERR_NOMEM;
    for (size_t i = h->run->ndocs; i-- > 0;) {
        int ev = h->docs[i]->event;
        if (ev < 0)
            continue;
        if (!h->event_end[ev])
            h->event_end[ev] = i + 1;
        h->event_start[ev] = i;
    }
    return 0;
}

// Columns: event by event (documents of no event last), oldest first, undated
// last within their event, then in reading order.
static int order_docs(fdp_html *h) {
    const fd_run *r = h->run;
    order_key *keys = malloc((r->ndocs ? r->ndocs : 1) * sizeof *keys);
    h->docs = malloc((r->ndocs ? r->ndocs : 1) * sizeof *h->docs);
    h->column_of_doc = malloc((r->ndocs ? r->ndocs : 1) * sizeof *h->column_of_doc);
    if (!keys || !h->docs || !h->column_of_doc) {
        free(keys);
        return FD_ERR_NOMEM;
    }
    for (size_t i = 0; i < r->ndocs; i++) {
        const fdp_doc *d = r->docs[i];
        long day = d->date ? fdp_day_number(d->date) : -1;
        keys[i] = (order_key){d->event < 0 ? 1L << 30 : d->event,
                              day < 0 ? 1L << 30 : day, (long)i, i};
        if (d->event + 1 > h->nevents)
            h->nevents = d->event + 1;
    }
    qsort(keys, r->ndocs, sizeof *keys, cmp_key);
    for (size_t i = 0; i < r->ndocs; i++) {
        h->docs[i] = r->docs[keys[i].item];
        h->column_of_doc[keys[i].item] = i;
    }
    free(keys);
    return event_columns(h);
}

// Rows: the facts two or more documents state, discrepancies first, then the
// facts most documents state.
static int order_rows(fdp_html *h) {
    const fd_run *r = h->run;
    order_key *keys = malloc((r->nfindings ? r->nfindings : 1) * sizeof *keys);
    h->rows = malloc((r->nfindings ? r->nfindings : 1) * sizeof *h->rows);
    if (!keys || !h->rows) {
        free(keys);
        return FD_ERR_NOMEM;
    }
    for (size_t i = 0; i < r->nfindings; i++) {
        const fdp_finding *f = &r->findings[i];
        // a currencies finding gets no row: its figures have theirs, one per currency
        if (f->kind != FDP_VARIANT && f->kind != FDP_CURRENCIES && f->docs >= 2)
            keys[h->nrows++] = (order_key){fdp_html_rank(f->kind), -f->docs, (long)i, i};
    }
    qsort(keys, h->nrows, sizeof *keys, cmp_key);
    size_t most = 1;
    for (size_t i = 0; i < h->nrows; i++) {
        h->rows[i] = &r->findings[keys[i].item];
        most = (size_t)h->rows[i]->nclaims > most ? (size_t)h->rows[i]->nclaims : most;
    }
    free(keys);
    h->scratch = malloc(most * sizeof *h->scratch);
    return h->scratch ? 0 : FD_ERR_NOMEM;
}

static int map_claims(fdp_html *h) {
    const fd_run *r = h->run;
    h->fact_of_claim = calloc(r->nclaims ? r->nclaims : 1, sizeof *h->fact_of_claim);
    if (!h->fact_of_claim)
        return FD_ERR_NOMEM;
    for (size_t i = 0; i < r->nfindings; i++) {
        const fdp_finding *f = &r->findings[i];
        for (int k = 0; k < f->nclaims; k++) {
            size_t n = f->claims[k]->number - 1;
            // A claim in two findings is shown with the one listed first in the page.
            if (n < r->nclaims &&
                (!h->fact_of_claim[n] ||
                 fdp_html_rank(f->kind) < fdp_html_rank(h->fact_of_claim[n]->kind)))
                h->fact_of_claim[n] = f;
        }
    }
    return 0;
}

static int map_sources(fdp_html *h) {
    const fd_run *r = h->run;
    size_t n = r->ndocs ? r->ndocs : 1;
    h->sources = malloc(n * sizeof *h->sources);
    h->source_of_doc = malloc(n * sizeof *h->source_of_doc);
    if (!h->sources || !h->source_of_doc)
        return FD_ERR_NOMEM;
    for (size_t i = 0; i < r->ndocs; i++) {
        const char *s = fdp_html_source(r->docs[i]);
        size_t j = 0;
        while (j < h->nsources && strcmp(h->sources[j], s))
            j++;
        if (j == h->nsources)
            h->sources[h->nsources++] = s;
        h->source_of_doc[i] = j;
    }
    return 0;
}

// Whole texts while they fit the budget, in column order.
static int budget_texts(fdp_html *h) {
    const fd_run *r = h->run;
    h->full_text = calloc(r->ndocs ? r->ndocs : 1, sizeof *h->full_text);
    if (!h->full_text)
        return FD_ERR_NOMEM;
    size_t used = 0;
    for (size_t i = 0; i < r->ndocs; i++) {
        const fdp_doc *d = h->docs[i];
        used += d->len;
        h->full_text[d->index] = used <= FDP_HTML_TEXT_BUDGET;
    }
    return 0;
}

int fdp_html_init(fdp_html *h, const fd_run *r, FILE *out) {
    memset(h, 0, sizeof *h);
    h->run = r;
    h->out = out;
    int rc = order_docs(h);
    if (!rc)
        rc = order_rows(h);
    if (!rc)
        rc = map_claims(h);
    if (!rc)
        rc = map_sources(h);
    if (!rc)
        rc = budget_texts(h);
    return rc;
}

void fdp_html_free(fdp_html *h) {
    free(h->fact_of_claim);
    free(h->rows);
    free(h->docs);
    free(h->column_of_doc);
    free(h->sources);
    free(h->source_of_doc);
    free(h->full_text);
    free(h->scratch);
    free(h->event_start);
    free(h->event_end);
}
