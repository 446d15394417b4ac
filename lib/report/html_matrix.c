/*
 * html_matrix.c - the fact matrix: one row per fact that two or more documents
 * state, one column per document; each cell holds that document's figures as
 * written, and its class and label say how they stand against the others.
 */
#include <string.h>

#include "report/html.h"

// How a document's figure stands in its finding, in the cell's words.
static const char *cell_state(const fdp_finding *f, const fdp_claim *c) {
    if (f->ack)
        return FDP_HTML_ACKNOWLEDGED;
    switch (f->kind) {
    case FDP_CONFLICT:
        return "conflicts";
    case FDP_DISPUTED:
        return "disputed";
    case FDP_UPDATE:
        return fdp_html_is_latest(f, c) ? "latest" : "updated";
    case FDP_COMPATIBLE:
        return "compatible";
    case FDP_AGREEMENT:
        return "agrees";
    default:
        return "";
    }
}

static void column_head(const fdp_html *h, const fdp_doc *d) {
    FILE *out = h->out;
    char sid[16];
    fdp_html_source_id(h, d, sid);
    fprintf(out,
            "<th scope=\"col\" class=\"doc ev-%c\" data-doc=\"%s\" data-source=\"%s\" "
            "data-event=\"%d\">",
            d->event % 2 ? 'b' : 'a', d->id, sid, d->event + 1);
    fputs("<span class=\"who\">", out);
    fdp_html_esc_str(out, fdp_html_source(d));
    fputs("</span><span class=\"when\">", out);
    fdp_html_date(h, d);
    if (d->event >= 0)
        fprintf(out, "</span><span class=\"ev\">event %d", d->event + 1);
    fputs("</span>", out);
    if (strcmp(fdp_html_source(d), fdp_basename(d->path))) { // else the name says it
        fputs("<code>", out);
        fdp_html_esc_str(out, fdp_basename(d->path));
        fputs("</code>", out);
    }
    fputs("</th>", out);
}

static void head(const fdp_html *h) {
    fputs("<thead><tr><th scope=\"col\" class=\"fact-head\">Fact</th>", h->out);
    for (size_t i = 0; i < h->run->ndocs; i++)
        column_head(h, h->docs[i]);
    fputs("</tr></thead>\n", h->out);
}

// One cell: the figures of claims[0, n), all of one document.
static void cell(const fdp_html *h, const fdp_finding *f, const fdp_claim **claims,
                 size_t n) {
    FILE *out = h->out;
    // Short markup: a matrix of thousands of documents has tens of thousands of
    // cells. The row's class (k-conflict, ...) colours them.
    fprintf(out, "<td data-doc=\"%s\">", claims[0]->doc->id);
    for (size_t k = 0; k < n; k++) {
        fputs(k ? "<br>" : "", out);
        if (fdp_html_claim_shown(h, claims[k]))
            fprintf(out, "<a href=\"#%s\">", claims[k]->id);
        else
            fputs("<a>", out); // its text is not in the page

        fdp_html_figure(h, claims[k]);
        fputs("</a>", out);
    }
    fprintf(out, "<small>%s</small></td>", cell_state(f, claims[n - 1]));
}

// n empty cells as one: a row is mostly empty when many documents are read, and
// its filled cells stand together (the columns go event by event). Those of
// other events than the row's are "out", which the event filter hides.
static void empty_cells(FILE *out, size_t n, bool other_event) {
    const char *cls = other_event ? " class=\"out\"" : "";
    if (n == 1)
        fprintf(out, "<td%s></td>", cls);
    else if (n > 1)
        fprintf(out, "<td%s colspan=\"%zu\"></td>", cls, n);
}

// The empty cells of columns [from, to) in a row of event ev.
static void gap(const fdp_html *h, int ev, size_t from, size_t to) {
    size_t start = ev >= 0 ? h->event_start[ev] : 0,
           end = ev >= 0 ? h->event_end[ev] : to;
    size_t in_from = from > start ? from : start, in_to = to < end ? to : end;
    if (in_from >= in_to) { // none of the row's event
        empty_cells(h->out, to - from, true);
        return;
    }
    empty_cells(h->out, in_from - from, true);
    empty_cells(h->out, in_to - in_from, false);
    empty_cells(h->out, to - in_to, true);
}

// The finding's claims by column (insertion sort: a finding has few claims,
// and it keeps document order within a column).
static void by_column(const fdp_html *h, const fdp_finding *f, const fdp_claim **sorted) {
    for (int k = 0; k < f->nclaims; k++) {
        const fdp_claim *c = f->claims[k];
        size_t col = h->column_of_doc[c->doc->index];
        int j = k;
        while (j > 0 && h->column_of_doc[sorted[j - 1]->doc->index] > col) {
            sorted[j] = sorted[j - 1];
            j--;
        }
        sorted[j] = c;
    }
}

static void row(const fdp_html *h, const fdp_finding *f, const fdp_claim **sorted) {
    FILE *out = h->out;
    int ev = fdp_html_event_of(f);
    fprintf(out,
            "<tr id=\"row-%s\" class=\"k-%s\" data-finding=\"%s\" data-kind=\"%s\" "
            "data-rank=\"%d\" data-docs=\"%d\" data-event=\"%d\" data-sources=\"",
            f->id, fdp_html_kind(f), f->id, fdp_html_kind(f), fdp_html_rank(f->kind),
            f->docs, ev + 1);
    fdp_html_finding_sources(h, f);
    fprintf(out, "\"><th scope=\"row\"><a href=\"#%s\">", f->id);
    fdp_html_esc_str(out, f->label ? f->label : f->key);
    fprintf(out, "</a><span class=\"tag k-%s\">%s</span></th>", fdp_html_kind(f),
            fdp_html_kind(f));
    by_column(h, f, sorted);
    size_t col = 0, n = (size_t)f->nclaims;
    for (size_t k = 0; k < n;) {
        size_t at = h->column_of_doc[sorted[k]->doc->index], first = k;
        while (k < n && h->column_of_doc[sorted[k]->doc->index] == at)
            k++;
        gap(h, ev, col, at);
        cell(h, f, sorted + first, k - first);
        col = at + 1;
    }
    gap(h, ev, col, h->run->ndocs);
    fputs("</tr>\n", out);
}

void fdp_html_matrix(const fdp_html *h) {
    FILE *out = h->out;
    if (!h->nrows) {
        fputs("<p class=\"none\">No fact is stated by two or more documents.</p>\n", out);
        return;
    }
    fputs("<div class=\"matrix-wrap\"><table id=\"fact-matrix\">\n", out);
    head(h);
    fputs("<tbody>\n", out);
    for (size_t i = 0; i < h->nrows; i++)
        row(h, h->rows[i], h->scratch);
    fputs("</tbody></table></div>\n", out);
}
