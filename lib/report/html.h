/*
 * html.h - what the parts of the HTML report share: escaping, and the page's
 * view of a run, worked out once (which fact each claim belongs to, the rows
 * of the fact matrix, the documents' order, the distinct sources). Internal
 * to lib/report/html*.c.
 */
#ifndef FD_REPORT_HTML_H
#define FD_REPORT_HTML_H

#include <stdio.h>

#include "model/model.h"

/* Article text beyond this many bytes is shown as its lines with figures only,
 * so a page for thousands of documents stays a few MB. */
#define FDP_HTML_TEXT_BUDGET (400u * 1000u)

/* The page's view of a run; the arrays are the page's own, the rest borrowed. */
typedef struct fdp_html {
    const fd_run *run;
    FILE *out;
    const fdp_finding *
        *fact_of_claim;       /* by claim number - 1: its fact finding, or NULL */
    const fdp_finding **rows; /* fact findings stated by two or more documents (no
                                 currencies findings: their figures have rows) */
    size_t nrows;
    const fdp_doc **docs;  /* by event, then date, then reading order */
    size_t *column_of_doc; /* by doc->index: its place in docs */
    const char **sources;  /* distinct sources, in order of first reading */
    size_t nsources;
    size_t *source_of_doc; /* by doc->index: index into sources */
    bool *full_text;       /* by doc->index: the whole text is in the page */
    int nevents;
    size_t *event_start, *event_end; /* by event: its columns, [start, end) */
    const fdp_claim **scratch;       /* room for the claims of the largest row */
} fdp_html;

/* Works out the page's view of r (written to out). Returns 0 or FD_ERR_NOMEM,
 * after which fdp_html_free is still to be called. */
int fdp_html_init(fdp_html *h, const fd_run *r, FILE *out);
void fdp_html_free(fdp_html *h);

/* Writes s[0, n) escaped for HTML text and attribute values; invalid UTF-8 as U+FFFD. */
void fdp_html_esc(FILE *out, const char *s, size_t n);
void fdp_html_esc_str(FILE *out, const char *s);
/* "s" after a count other than one. */
const char *fdp_html_plural(size_t n);
/* The word a finding's kind is called by in the page ("conflict", "agreement"). */
const char *fdp_html_kind(const fdp_finding *f);
/* Its place in "discrepancy first": conflicts 0, disputes 1, updates 2,
 * compatible 3, agreements 4, currencies 5. */
/* The state and class of a finding a desk has acknowledged (k-acknowledged). */
#define FDP_HTML_ACKNOWLEDGED "acknowledged"
int fdp_html_rank(fdp_finding_kind k);
/* The document's source as the page names it (the file name when unknown). */
const char *fdp_html_source(const fdp_doc *d);
/* The source id ("s3") of a document, into out[16]. */
void fdp_html_source_id(const fdp_html *h, const fdp_doc *d, char out[16]);
/* Writes the ids of the sources behind a finding's claims, space-separated. */
void fdp_html_finding_sources(const fdp_html *h, const fdp_finding *f);
/* Writes "2016-03-27" or "undated" for a document. */
void fdp_html_date(const fdp_html *h, const fdp_doc *d);
/* The event a finding's figures belong to (facts are compared within one). */
int fdp_html_event_of(const fdp_finding *f);
/* Writes a claim's figure as the article wrote it ("at least 400"). */
void fdp_html_figure(const fdp_html *h, const fdp_claim *c);
/* True when c is marked in the texts side by side (a link "#c12" finds it): its
 * document's whole text is in the page, or it is a discrepancy's figure. */
bool fdp_html_claim_shown(const fdp_html *h, const fdp_claim *c);
/* True when c is the latest figure of an update: of the latest date, or, between
 * undated stories, the one written as the new level of the total. */
bool fdp_html_is_latest(const fdp_finding *f, const fdp_claim *c);

/* The parts of the page (html_matrix.c, html_texts.c). */
void fdp_html_matrix(const fdp_html *h);
void fdp_html_texts(const fdp_html *h);

#endif
