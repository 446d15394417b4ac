/*
 * html.c - one self-contained HTML page for editors: an overview with the
 * counts, the fact matrix (facts against documents), the texts side by side,
 * then the findings by kind (discrepancies, updates, sums in several currencies,
 * compatible and agreeing facts collapsed), the spelling variants and the
 * documents read.
 *
 * Safe by construction: every piece of article text, headline, source and path
 * goes through fdp_html_esc; the only script and style are the page's own
 * (report.js, report.css, embedded at build time with their SHA-256), and the
 * Content-Security-Policy allows those two and nothing else: no inline event
 * handlers, no remote loads. Everything is readable with script off; the
 * script adds the filters, sorting and the side-by-side choice.
 */
#include <string.h>

#include "report/html.h"
#include "report/report.h"
#include "report_assets.h"

/* ---- findings ------------------------------------------------------------- */

static void claim_block(const fdp_html *h, const fdp_claim *c) {
    FILE *out = h->out;
    const fdp_doc *d = c->doc;
    fputs("<div class=\"quote\"><div class=\"src\"><span class=\"val\">", out);
    fdp_html_figure(h, c);
    fputs("</span>", out);
    if (strcmp(c->unit, "count")) { // the unit the figure was read in: "weeks", "percent"
        fputs(" <span class=\"unit\">(", out);
        fdp_html_esc_str(out, c->unit);
        fputs(")</span>", out);
    }
    fputs(" &middot; ", out);
    fdp_html_esc_str(out, fdp_html_source(d));
    fputs(", ", out);
    fdp_html_date(h, d);
    if (fdp_html_claim_shown(h, c))
        fprintf(out, " &middot; <a href=\"#%s\"><code>", c->id);
    else
        fputs(" &middot; <a><code>", out); // its text is not in the page
    fdp_html_esc_str(out, fdp_basename(d->path));
    fprintf(out, ":%d:%d</code></a>", c->line, c->column);
    if (c->attribution) {
        fputs(" &middot; according to ", out);
        fdp_html_esc_str(out, c->attribution);
    }
    fputs("</div><blockquote>", out);
    fdp_html_esc(out, d->text + c->sent_start, c->start - c->sent_start);
    fputs("<mark>", out);
    fdp_html_esc(out, d->text + c->start, c->end - c->start);
    fputs("</mark>", out);
    fdp_html_esc(out, d->text + c->end, c->sent_end - c->end);
    fputs("</blockquote></div>\n", out);
}

// When a claim was reported, as a day number; undated ones after every date,
// and among them the new level of a total ("has risen to 48") last.
static long when_reported(const fdp_claim *c) {
    return c->doc->date ? fdp_day_number(c->doc->date) : (1L << 30) + c->risen;
}

// The claim of f after `after` in time (date, then document order), or -1:
// an update's figures are listed in the order they were reported.
static int next_in_time(const fdp_finding *f, int after) {
    long at = after < 0 ? -2 : when_reported(f->claims[after]);
    int best = -1;
    long best_day = 0;
    for (int k = 0; k < f->nclaims; k++) {
        long day = when_reported(f->claims[k]);
        bool later = day > at || (day == at && k > after);
        if (later && (best < 0 || day < best_day))
            best = k, best_day = day;
    }
    return best;
}

/* An update's timeline names this many of its figures. */
#define FDP_HTML_TIMELINE 16

static void update_line(const fdp_html *h, const fdp_finding *f) {
    FILE *out = h->out;
    fputs("<p class=\"timeline\">In the order reported: ", out);
    int n = 0;
    for (int k = next_in_time(f, -1); k >= 0 && n < FDP_HTML_TIMELINE;
         k = next_in_time(f, k), n++) {
        const fdp_claim *c = f->claims[k];
        fputs(n ? " &rarr; <b>" : "<b>", out);
        fdp_html_figure(h, c);
        fputs("</b> (", out);
        fdp_html_esc_str(out, fdp_html_source(c->doc));
        fputs(", ", out);
        fdp_html_date(h, c->doc);
        fputs(")", out);
    }
    if (n < f->nclaims)
        fprintf(out, " &rarr; %d more", f->nclaims - n);
    fputs("</p>\n", out);
}

// A currencies card (its section says why nothing was compared): for each
// currency a line of its figures as written, with their sources, and the first
// of them quoted.
static void currency_lines(const fdp_html *h, const fdp_finding *f) {
    FILE *out = h->out;
    for (int u = 0; u < f->ncurrencies; u++) {
        const fdp_claim *first = NULL;
        fprintf(out, "<p class=\"currency\"><span class=\"tag k-%s\">", fdp_html_kind(f));
        fdp_html_esc_str(out, f->currencies[u]);
        fputs("</span> ", out);
        for (int k = 0; k < f->nclaims; k++) {
            const fdp_claim *c = f->claims[k];
            if (strcmp(c->unit, f->currencies[u]) != 0)
                continue;
            fputs(first ? ", <b>" : "<b>", out);
            first = first ? first : c;
            fdp_html_figure(h, c);
            fputs("</b> (", out);
            fdp_html_esc_str(out, fdp_html_source(c->doc));
            fputs(")", out);
        }
        fputs("</p>\n", out);
        claim_block(h, first);
    }
}

static bool in_matrix(const fdp_html *h, const fdp_finding *f) {
    for (size_t i = 0; i < h->nrows; i++)
        if (h->rows[i] == f)
            return true;
    return false;
}

/* A card quotes this many of its figures; the matrix row has them all. */
#define FDP_HTML_QUOTES 8

static void card(const fdp_html *h, const fdp_finding *f, bool matrix_row) {
    FILE *out = h->out;
    const char *kind = fdp_html_kind(f);
    fprintf(out,
            "<section class=\"finding k-%s\" id=\"%s\" data-kind=\"%s\" "
            "data-event=\"%d\" data-sources=\"",
            kind, f->id, kind, fdp_html_event_of(f) + 1);
    fdp_html_finding_sources(h, f);
    fprintf(out, "\"><span class=\"kind\">%s</span><span class=\"label\">", kind);
    fdp_html_esc_str(out, f->label ? f->label : f->key);
    fprintf(out, "</span>\n<p class=\"meta\">%d document%s, %d independent source%s",
            f->docs, fdp_html_plural((size_t)f->docs), f->sources,
            fdp_html_plural((size_t)f->sources));
    if (matrix_row)
        fprintf(out, " &middot; <a href=\"#row-%s\">its row in the fact matrix</a>",
                f->id);
    fputs("</p>\n", out);
    if (f->ack) {
        fprintf(out, "<p class=\"ack\">%s, acknowledged: ", fdp_finding_kind_name(f->kind));
        fdp_html_esc_str(out, f->ack->why);
        fputs("</p>\n", out);
    }
    int n = 0;
    if (f->kind == FDP_CURRENCIES) {
        currency_lines(h, f);
        n = f->nclaims; // every figure is named in its currency's line
    } else if (f->kind == FDP_UPDATE) {
        update_line(h, f);
        for (int k = next_in_time(f, -1); k >= 0 && n < FDP_HTML_QUOTES;
             k = next_in_time(f, k), n++)
            claim_block(h, f->claims[k]);
    } else {
        for (; n < f->nclaims && n < FDP_HTML_QUOTES; n++)
            claim_block(h, f->claims[n]);
    }
    if (n < f->nclaims)
        fprintf(out,
                matrix_row
                    ? "<p class=\"meta\">and %d more figure%s: all in its row of the "
                      "fact matrix</p>\n"
                    : "<p class=\"meta\">and %d more figure%s: all in the texts "
                      "above</p>\n",
                f->nclaims - n, fdp_html_plural((size_t)(f->nclaims - n)));
    fputs("</section>\n", out);
}

/* The sections findings go to: a finding a desk has acknowledged stands apart
 * from those that still fail a check. */
typedef enum section {
    DISCREPANCIES,
    UPDATES,
    ACKNOWLEDGED,
    CURRENCIES,
    AGREEING
} section;

static section section_of(const fdp_finding *f) {
    return f->ack                                ? ACKNOWLEDGED
           : f->kind == FDP_UPDATE                 ? UPDATES
           : f->kind == FDP_CURRENCIES             ? CURRENCIES
           : fdp_finding_is_discrepancy(f->kind) ? DISCREPANCIES
                                                 : AGREEING;
}

// The cards of one section, in the matrix's order (discrepancy first, the
// facts most documents state first), then those no matrix row holds.
static size_t cards(const fdp_html *h, section which) {
    size_t n = 0;
    for (size_t i = 0; i < h->nrows; i++)
        if (section_of(h->rows[i]) == which) {
            card(h, h->rows[i], true);
            n++;
        }
    for (size_t i = 0; i < h->run->nfindings; i++) {
        const fdp_finding *f = &h->run->findings[i];
        if (f->kind != FDP_VARIANT && section_of(f) == which && !in_matrix(h, f)) {
            card(h, f, false);
            n++;
        }
    }
    if (!n)
        fputs("<p class=\"none\">None.</p>\n", h->out);
    return n;
}

static void variants(const fdp_html *h) {
    FILE *out = h->out;
    size_t n = 0;
    fputs("<ul>\n", out);
    for (size_t i = 0; i < h->run->nfindings; i++) {
        const fdp_finding *f = &h->run->findings[i];
        if (f->kind != FDP_VARIANT)
            continue;
        n++;
        fprintf(out, "<li id=\"%s\"><b>", f->id);
        fdp_html_esc_str(out, f->label);
        fputs("</b>: ", out);
        for (int k = 0; k < f->nmentions; k++) {
            const fdp_mention *m = f->mentions[k];
            fputs(k ? ", <mark>" : "<mark>", out);
            fdp_html_esc_str(out, m->surface);
            fputs("</mark> <span class=\"src\">", out);
            fdp_html_esc_str(out, fdp_basename(m->doc->path));
            fprintf(out, ":%d:%d</span>", m->line, m->column);
        }
        fputs("</li>\n", out);
    }
    fputs("</ul>\n", out);
    if (!n)
        fputs("<p class=\"none\">None.</p>\n", out);
}

/* ---- documents ------------------------------------------------------------ */

static void doc_errors(const fdp_doc *d, FILE *out) {
    for (int k = 0; k < d->nerrors; k++) {
        const fd_error *e = fdp_doc_error_at(d, k);
        fputs("<div class=\"err\">error: <code>", out);
        fdp_html_esc_str(out, fdp_error_place(e, d->path));
        if (e->line > 0)
            fprintf(out, ":%d:%d", e->line, e->column);
        fputs("</code>", out);
        if (e->line > 0)
            fprintf(out, " (byte %zu)", e->position);
        fputs(": ", out);
        fdp_html_esc_str(out, e->text);
        fputs("</div>", out);
    }
}

// True when a document of event ev has a date: its undated ones joined it by
// the facts they share; an event of undated documents only is the undated
// documents that share no fact with a dated one.
static bool event_dated(const fdp_html *h, int ev) {
    for (size_t i = h->event_start[ev]; i < h->event_end[ev]; i++)
        if (h->docs[i]->date)
            return true;
    return false;
}

// Where a document's date came from, or why it has none and what placed it.
static void date_cell(const fdp_html *h, const fdp_doc *d) {
    FILE *out = h->out;
    if (d->date) {
        fdp_html_esc_str(out, d->date);
        fputs(d->date_from_text ? " <span class=\"src\">(from its dateline)</span>"
                                : " <span class=\"src\">(from its metadata)</span>",
              out);
        return;
    }
    fdp_html_date(h, d);
    if (d->skip)
        fputs(" <span class=\"src\">(not read)</span>", out);
    else if (d->event >= 0 && event_dated(h, d->event))
        fprintf(out,
                " <span class=\"src\">(no date in its metadata or dateline: placed in "
                "event %d by the names and facts it shares with it)</span>",
                d->event + 1);
    else
        fputs(" <span class=\"src\">(no date in its metadata or dateline, and no name "
              "or fact shared with a dated document)</span>",
              out);
}

static void documents(const fdp_html *h) {
    FILE *out = h->out;
    fputs("<table class=\"docs\"><thead><tr><th>Document</th><th>Source</th><th>Date</th>"
          "<th>Event</th><th>Headline</th><th>Claims</th></tr></thead><tbody>\n",
          out);
    for (size_t i = 0; i < h->run->ndocs; i++) {
        const fdp_doc *d = h->docs[i];
        fprintf(out, "<tr id=\"doc-%s\"><td><a href=\"#text-%s\"><code>", d->id, d->id);
        fdp_html_esc_str(out, d->path);
        fputs("</code></a>", out);
        if (d->copy_of) {
            fputs("<div class=\"src\">copy of <code>", out);
            fdp_html_esc_str(out, fdp_basename(d->copy_of->path));
            fputs("</code> (one wire text: one source)</div>", out);
        }
        doc_errors(d, out);
        fputs("</td><td>", out);
        fdp_html_esc_str(out, fdp_html_source(d));
        fputs("</td><td>", out);
        date_cell(h, d);
        fputs("</td><td>", out);
        if (d->event >= 0)
            fprintf(out, "%d", d->event + 1);
        fputs("</td><td>", out);
        fdp_html_esc_str(out, d->headline);
        fprintf(out, "</td><td>%zu</td></tr>\n", d->nclaims);
    }
    fputs("</tbody></table>\n", out);
}

/* ---- overview -------------------------------------------------------------- */

// The CLI's closing line, each count a link to its section.
static void counts(const fdp_html *h, FILE *out) {
    size_t k[FDP_NKINDS] = {0};
    for (size_t i = 0; i < h->run->nfindings; i++)
        k[h->run->findings[i].kind]++;
    fprintf(
        out,
        "<p class=\"counts\">%zu document%s, %zu claim%s: <a href=\"#conflicts\">%zu "
        "conflict%s</a>, <a href=\"#conflicts\">%zu disputed</a>, <a href=\"#updates\">"
        "%zu update%s</a>, <a href=\"#agreeing\">%zu agreement%s</a>, "
        "<a href=\"#agreeing\">%zu compatible</a>",
        h->run->ndocs, fdp_html_plural(h->run->ndocs), h->run->nclaims,
        fdp_html_plural(h->run->nclaims), k[FDP_CONFLICT],
        fdp_html_plural(k[FDP_CONFLICT]), k[FDP_DISPUTED], k[FDP_UPDATE],
        fdp_html_plural(k[FDP_UPDATE]), k[FDP_AGREEMENT],
        fdp_html_plural(k[FDP_AGREEMENT]), k[FDP_COMPATIBLE]);
    if (k[FDP_VARIANT])
        fprintf(out, ", <a href=\"#variants\">%zu name%s spelled differently</a>",
                k[FDP_VARIANT], fdp_html_plural(k[FDP_VARIANT]));
    if (k[FDP_CURRENCIES])
        fprintf(out, ", <a href=\"#currencies\">%zu fact%s in several currencies</a>",
                k[FDP_CURRENCIES], fdp_html_plural(k[FDP_CURRENCIES]));
    size_t acked = 0;
    for (size_t i = 0; i < h->run->nfindings; i++)
        acked += h->run->findings[i].ack != NULL;
    if (acked)
        fprintf(out, "; <a href=\"#acknowledged\">%zu acknowledged</a>", acked);
    size_t stale = fd_run_stale_ack_count(h->run);
    if (stale)
        fprintf(out, "; %zu stale acknowledgement%s", stale, fdp_html_plural(stale));
    size_t errs = fd_run_error_count(h->run);
    if (errs)
        fprintf(out,
                "; <a class=\"err\" href=\"#documents\">%zu document%s with errors</a>",
                errs, fdp_html_plural(errs));
    fputs("</p>\n", out);
}

// The scene most of the documents [i, j) of one event have (the events stage's:
// the place a document names most, and more than once), or NULL.
static const char *event_scene(const fdp_html *h, size_t i, size_t j) {
    const char *best = NULL;
    size_t best_n = 0;
    for (size_t a = i; a < j; a++) {
        const fdp_doc *d = h->docs[a];
        size_t n = 0;
        for (size_t b = i; d->scene >= 0 && b < j; b++)
            n += h->docs[b]->scene == d->scene;
        if (n > best_n) {
            best = d->scene_name;
            best_n = n;
        }
    }
    return best;
}

// One line per event: its documents, their dates, its scene, and what sets it apart.
static void events(const fdp_html *h, FILE *out) {
    if (h->nevents > 1)
        fprintf(out,
                "<p><b>%d events</b>: figures are compared only with those of their own "
                "event.</p>\n",
                h->nevents);
    fputs("<ul class=\"events\">\n", out);
    for (size_t i = 0; i < h->run->ndocs;) {
        int ev = h->docs[i]->event;
        size_t j = i, undated = 0, unread = 0;
        const char *first = NULL, *last = NULL;
        for (; j < h->run->ndocs && h->docs[j]->event == ev; j++) {
            const char *date = h->docs[j]->date;
            undated += !date;
            unread += h->docs[j]->skip;
            first = first ? first : date;
            last = date ? date : last;
        }
        fputs("<li>", out);
        fprintf(out, ev >= 0 ? "<b>Event %d</b>: " : "<b>Not read</b>: ", ev + 1);
        fprintf(out, "%zu document%s", j - i, fdp_html_plural(j - i));
        if (first && strcmp(first, last))
            fprintf(out, ", %s to %s", first, last);
        else if (first)
            fprintf(out, ", %s", first);
        const char *scene = event_scene(h, i, j);
        if (scene) {
            fputs(", place: ", out);
            fdp_html_esc_str(out, scene);
        }
        if (undated && first)
            fprintf(out, ", %zu undated (placed by the names and facts they share)", undated);
        else if (undated)
            fputs(", undated", out);
        if (unread)
            fprintf(out, " <span class=\"err\">(%zu not read: see Documents)</span>",
                    unread);
        fputs("</li>\n", out);
        i = j;
    }
    fputs("</ul>\n", out);
}

#define FDP_HTML_LISTED_SOURCES 24

static void sources(const fdp_html *h, FILE *out) {
    fprintf(out, "<p class=\"sources\"><b>%zu source%s</b>: ", h->nsources,
            fdp_html_plural(h->nsources));
    for (size_t i = 0; i < h->nsources && i < FDP_HTML_LISTED_SOURCES; i++) {
        fputs(i ? ", " : "", out);
        fdp_html_esc_str(out, h->sources[i]);
    }
    if (h->nsources > FDP_HTML_LISTED_SOURCES)
        fprintf(out, " and %zu more", h->nsources - FDP_HTML_LISTED_SOURCES);
    fputs("</p>\n", out);
}

static void overview(const fdp_html *h) {
    FILE *out = h->out;
    fputs("<nav id=\"overview\" aria-label=\"Overview\">\n", out);
    counts(h, out);
    events(h, out);
    sources(h, out);
    fputs("<p class=\"toc\"><a href=\"#matrix\">Fact matrix</a> &middot; "
          "<a href=\"#side-by-side-view\">Side by side</a> &middot; "
          "<a href=\"#conflicts\">Conflicts and disputes</a> &middot; "
          "<a href=\"#updates\">Updates</a> &middot; "
          "<a href=\"#acknowledged\">Acknowledged</a> &middot; "
          "<a href=\"#currencies\">Several currencies</a> &middot; "
          "<a href=\"#agreeing\">Compatible and agreements</a> &middot; "
          "<a href=\"#variants\">Spelling variants</a> &middot; "
          "<a href=\"#documents\">Documents</a></p>\n</nav>\n",
          out);
}

// The controls the script shows (hidden without it: they would do nothing).
static void filters(const fdp_html *h) {
    FILE *out = h->out;
    fputs("<form id=\"filters\" class=\"filters\" hidden><fieldset><legend>Show</legend>",
          out);
    const char *kinds[] = {fdp_finding_kind_name(FDP_CONFLICT),
                           fdp_finding_kind_name(FDP_DISPUTED),
                           fdp_finding_kind_name(FDP_UPDATE), FDP_HTML_ACKNOWLEDGED,
                           fdp_finding_kind_name(FDP_CURRENCIES),
                           fdp_finding_kind_name(FDP_COMPATIBLE),
                           fdp_finding_kind_name(FDP_AGREEMENT)};
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        const char *k = kinds[i];
        fprintf(out,
                "<label><input type=\"checkbox\" name=\"kind\" value=\"%s\" checked> "
                "<span class=\"tag k-%s\">%s</span></label>",
                k, k, k);
    }
    fputs("</fieldset><label>Source <select id=\"filter-source\"><option value=\"\">all "
          "sources</option>",
          out);
    for (size_t i = 0; i < h->nsources; i++) {
        fprintf(out, "<option value=\"s%zu\">", i + 1);
        fdp_html_esc_str(out, h->sources[i]);
        fputs("</option>", out);
    }
    fputs("</select></label>", out);
    if (h->nevents > 1) {
        fputs("<label>Event <select id=\"filter-event\"><option value=\"\">all "
              "events</option>",
              out);
        for (int e = 0; e < h->nevents; e++)
            fprintf(out, "<option value=\"%d\">event %d (%zu document%s)</option>", e + 1,
                    e + 1, h->event_end[e] - h->event_start[e],
                    fdp_html_plural(h->event_end[e] - h->event_start[e]));
        fputs("</select></label>", out);
    }
    fputs("<label>Fact <input type=\"search\" id=\"filter-text\" "
          "placeholder=\"killed, targets...\"></label>"
          "<a id=\"view-link\" href=\"#\">link to this view</a></form>\n",
          out);
}

/* ---- the page -------------------------------------------------------------- */

/* The page's own style sheet and script by their hashes, and nothing else: no
 * other script, no inline event handler, no request anywhere. */
#define FDP_HTML_CSP                                                                     \
    "default-src 'none'; script-src '" FDP_REPORT_JS_HASH                                \
    "'; style-src '" FDP_REPORT_CSS_HASH                                                 \
    "'; img-src 'none'; base-uri 'none'; form-action 'none'"

static void head(FILE *out) {
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"" FDP_HTML_CSP "\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<title>factdiff report</title>\n<style>",
          out);
    fputs(fdp_report_css, out);
    fputs("</style></head>\n", out);
}

static void sections(const fdp_html *h) {
    FILE *out = h->out;
    fputs("<section id=\"matrix\"><h2>Fact matrix</h2>\n<p class=\"hint\">One row per "
          "fact that two or more documents state, one column per document. Each cell "
          "holds the figure as the article wrote it and how it stands against the "
          "others. A figure links to its place in the text.<span class=\"js-only\"> "
          "Click a row to read its documents side by side.</span></p>\n",
          out);
    fdp_html_matrix(h);
    fputs(
        "</section>\n<section id=\"side-by-side-view\"><h2>Side by side</h2>\n"
        "<p class=\"hint\">Every figure is marked; its colour says how its fact stands."
        "<span class=\"js-only\"> Choose documents below, or click a row of the fact "
        "matrix.</span></p>\n"
        "<form id=\"picker\" class=\"picker\" hidden></form>\n",
        out);
    fdp_html_texts(h);
    fputs("</section>\n<section id=\"conflicts\"><h2>Conflicts and disputes</h2>\n", out);
    cards(h, DISCREPANCIES);
    fputs(
        "</section>\n<section id=\"updates\"><h2>Updates: running totals raised by later "
        "reports</h2>\n",
        out);
    cards(h, UPDATES);
    fputs("</section>\n<section id=\"acknowledged\"><h2>Acknowledged: looked at by the "
          "desk, not failing a check</h2>\n",
          out);
    cards(h, ACKNOWLEDGED);
    fputs("</section>\n<section id=\"currencies\"><h2>Sums in several currencies: not "
          "compared</h2>\n<p class=\"hint\">Facts whose sums the documents give in "
          "different currencies. No exchange rate is given, so factdiff compares sums "
          "only within one currency (the other sections); check the conversion by "
          "hand.</p>\n",
          out);
    cards(h, CURRENCIES);
    fputs(
        "</section>\n<details id=\"agreeing\"><summary><h2>Compatible and agreements</h2>"
        "</summary>\n",
        out);
    cards(h, AGREEING);
    fputs("</details>\n<section id=\"variants\"><h2>Names spelled differently</h2>\n",
          out);
    variants(h);
    fputs("</section>\n<section id=\"documents\"><h2>Documents</h2>\n", out);
    documents(h);
    fputs("</section>\n", out);
}

int fdp_write_html(const fd_run *r, FILE *out) {
    fdp_html h;
    int rc = fdp_html_init(&h, r, out);
    if (rc) {
        fdp_html_free(&h);
        return rc;
    }
    head(out);
    fputs("<body>\n<header><h1>factdiff report</h1></header>\n<main>\n", out);
    overview(&h);
    filters(&h);
    sections(&h);
    fprintf(out, "<p class=\"src\">factdiff %s</p>\n</main>\n<script>",
            FD_VERSION_STRING);
    fputs(fdp_report_js, out);
    fputs("</script></body></html>\n", out);
    fdp_html_free(&h);
    return ferror(out) ? FD_ERR_IO : 0;
}
