/*
 * html_texts.c - the documents' texts next to each other (the side-by-side
 * view): one column per document, a paragraph per line of the article, every
 * claim marked with the fact it belongs to. The page's script narrows it to the
 * documents chosen; without script every column is there to read.
 */
#include <string.h>

#include "report/html.h"

static void mark(const fdp_html *h, const fdp_claim *c) {
    FILE *out = h->out;
    const fdp_finding *f = h->fact_of_claim[c->number - 1];
    if (f)
        fprintf(out, "<mark class=\"claim k-%s\" id=\"%s\" data-finding=\"%s\">",
                fdp_html_kind(f), c->id, f->id);
    else
        fprintf(out, "<mark class=\"claim\" id=\"%s\">", c->id);
    fdp_html_figure(h, c);
    fputs("</mark>", out);
}

// Writes text[from, to) as one paragraph, marking the claims that lie wholly in
// it; *next is the first claim not yet written, and moves past this line's.
static void paragraph(const fdp_html *h, const fdp_doc *d, size_t from, size_t to,
                      size_t *next, bool cut) {
    FILE *out = h->out;
    fputs(cut ? "<p class=\"cut\">" : "<p>", out); // cut: text before it was left out
    size_t at = from;
    for (size_t k = *next; k < d->nclaims && d->claims[k].start < to; k++) {
        const fdp_claim *c = &d->claims[k];
        *next = k + 1;
        if (c->start < at || c->end > to) // overlapping or across lines: left as text
            continue;
        fdp_html_esc(out, d->text + at, c->start - at);
        mark(h, c);
        at = c->end;
    }
    fdp_html_esc(out, d->text + at, to - at);
    fputs("</p>\n", out);
}

static bool blank(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!strchr(" \t\r\f\v", s[i]))
            return false;
    return true;
}

// The article line by line.
static void lines(const fdp_html *h, const fdp_doc *d) {
    size_t next = 0;
    for (size_t from = 0; d->text && from < d->len;) {
        const char *nl = memchr(d->text + from, '\n', d->len - from);
        size_t to = nl ? (size_t)(nl - d->text) : d->len;
        while (next < d->nclaims && d->claims[next].start < from)
            next++;
        if (!blank(d->text + from, to - from))
            paragraph(h, d, from, to, &next, false);
        from = to + 1;
    }
}

// Past the page's text budget: only the sentences holding a discrepancy's
// figure (what an editor compares), each marked as cut from its text.
static void sentences(const fdp_html *h, const fdp_doc *d) {
    FILE *out = h->out;
    size_t done = 0, next = 0;
    for (size_t k = 0; k < d->nclaims; k++) {
        const fdp_claim *c = &d->claims[k];
        const fdp_finding *f = h->fact_of_claim[c->number - 1];
        if (!f || !fdp_finding_is_discrepancy(f->kind) || c->sent_start < done)
            continue;
        for (next = k; next > 0 && d->claims[next - 1].start >= c->sent_start;)
            next--;
        paragraph(h, d, c->sent_start, c->sent_end, &next, true);
        done = c->sent_end;
    }
    fputs("<p class=\"gap\">[Only the sentences with the figures of a discrepancy are "
          "shown: "
          "the whole texts would make this page too big.]</p>\n",
          out);
}

static void article(const fdp_html *h, const fdp_doc *d) {
    FILE *out = h->out;
    char sid[16];
    fdp_html_source_id(h, d, sid);
    fprintf(
        out,
        "<article class=\"doc-text\" id=\"text-%s\" data-doc=\"%s\" data-source=\"%s\">"
        "<header><span class=\"who\">",
        d->id, d->id, sid);
    fdp_html_esc_str(out, fdp_html_source(d));
    fputs("</span> &middot; <span class=\"when\">", out);
    fdp_html_date(h, d);
    fputs("</span>", out);
    if (d->event >= 0)
        fprintf(out, " &middot; event %d", d->event + 1);
    if (strcmp(fdp_html_source(d), fdp_basename(d->path))) { // else the name says it
        fputs(" &middot; <code>", out);
        fdp_html_esc_str(out, fdp_basename(d->path));
        fputs("</code>", out);
    }
    fputs("</header>\n<div class=\"body\">\n", out);
    if (d->skip || !d->text)
        fputs("<p class=\"err\">Not read: see its errors under Documents.</p>\n", out);
    else if (h->full_text[d->index])
        lines(h, d);
    else
        sentences(h, d);
    fputs("</div></article>\n", out);
}

void fdp_html_texts(const fdp_html *h) {
    fputs("<div class=\"side-by-side\" id=\"side-by-side\">\n", h->out);
    for (size_t i = 0; i < h->run->ndocs; i++)
        article(h, h->docs[i]);
    fputs("</div>\n", h->out);
}
