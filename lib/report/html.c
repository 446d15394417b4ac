/*
 * report_html.c - one self-contained HTML page for editors: conflicts first,
 * then agreements, each with the quoted sentences and the number marked; then
 * the documents read. No external assets; every piece of article text escaped.
 */
#include <string.h>

#include "report/report.h"
#include "rules/rules.h"

// Writes s[0, n) escaped for HTML, invalid bytes as U+FFFD; needs no memory.
static void esc(FILE *out, const char *s, size_t n) {
    for (size_t i = 0; s && i < n;) {
        size_t at = i;
        if (fdp_utf8_next(s, n, &i) < 0) {
            fputs("\xEF\xBF\xBD", out);
            continue;
        }
        switch (i == at + 1 ? s[at] : 0) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fwrite(s + at, 1, i - at, out);
        }
    }
}

static void esc_str(FILE *out, const char *s) { esc(out, s, s ? strlen(s) : 0); }

static const char css[] =
    "body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;"
    "background:#f6f6f4;color:#1d1d1b}"
    "header{background:#1d1d1b;color:#fff;padding:18px 28px}"
    "header h1{margin:0;font-size:22px}header p{margin:4px 0 0;color:#cfcfcf}"
    "main{max-width:1000px;margin:0 auto;padding:12px 28px 40px}"
    "h2{font-size:18px;margin:28px 0 10px;border-bottom:1px solid #ddd;padding-bottom:4px}"
    ".finding{background:#fff;border:1px solid #ddd;border-left:6px solid #888;"
    "border-radius:4px;padding:10px 14px;margin:10px 0}"
    ".finding.conflict,.finding.disputed,.finding.update{border-left-color:#c0392b}"
    ".finding.agreement{border-left-color:#2e8b57}.finding.compatible{border-left-color:#3c78b4}"
    ".kind{font-weight:700;text-transform:uppercase;font-size:12px;letter-spacing:.05em}"
    ".conflict .kind,.disputed .kind,.update .kind{color:#c0392b}"
    ".agreement .kind{color:#2e8b57}.compatible .kind{color:#3c78b4}"
    ".label{font-weight:600;font-size:16px;margin-left:6px}"
    ".claim{margin:8px 0 0;padding-left:10px;border-left:2px solid #eee}"
    ".src{font-size:13px;color:#555}.val{font-weight:700}"
    "blockquote{margin:2px 0 0;color:#333}"
    "mark{background:#ffe08a;padding:0 2px;border-radius:2px}"
    "table{border-collapse:collapse;width:100%;background:#fff}"
    "td,th{border:1px solid #ddd;padding:5px 8px;text-align:left;font-size:14px;"
    "vertical-align:top}"
    ".err{color:#c0392b}.summary{font-size:15px}";

static void claim_block(const fd_run *r, const fdp_claim *c, FILE *out) {
    const fdp_doc *d = c->doc;
    char v[96];
    fdp_format_interval(v, sizeof v, &c->value, fdp_rules_interval_words(r->rules));
    fputs("<div class=\"claim\"><div class=\"src\"><span class=\"val\">", out);
    esc_str(out, v);
    fputs(!strcmp(c->unit, "percent") ? "%" : "", out);
    if (strcmp(c->unit, "count") && strcmp(c->unit, "percent")) {
        fputc(' ', out);
        esc_str(out, c->unit);
    }
    fputs("</span> &middot; ", out);
    esc_str(out, d->source ? d->source : "outlet unknown");
    if (d->date) {
        fputs(", ", out);
        esc_str(out, d->date);
    }
    fprintf(out, " &middot; <code>");
    esc_str(out, fdp_basename(d->path));
    fprintf(out, ":%d:%d</code>", c->line, c->column);
    if (c->attribution) {
        fputs(" &middot; according to ", out);
        esc_str(out, c->attribution);
    }
    fputs("</div><blockquote>", out);
    esc(out, d->text + c->sent_start, c->start - c->sent_start);
    fputs("<mark>", out);
    esc(out, d->text + c->start, c->end - c->start);
    fputs("</mark>", out);
    esc(out, d->text + c->end, c->sent_end - c->end);
    fputs("</blockquote></div>\n", out);
}

static void variants(const fd_run *r, FILE *out) {
    size_t n = 0;
    fputs("<ul>\n", out);
    for (size_t i = 0; i < r->nfindings; i++) {
        const fdp_finding *f = &r->findings[i];
        if (f->kind != FDP_VARIANT)
            continue;
        n++;
        fputs("<li><b>", out);
        esc_str(out, f->label);
        fputs("</b>: ", out);
        for (int k = 0; k < f->nmentions; k++) {
            const fdp_mention *m = f->mentions[k];
            fputs(k ? ", <mark>" : "<mark>", out);
            esc_str(out, m->surface);
            fputs("</mark> <span class=\"src\">", out);
            esc_str(out, fdp_basename(m->doc->path));
            fputs("</span>", out);
        }
        fputs("</li>\n", out);
    }
    fputs("</ul>\n", out);
    if (!n)
        fprintf(out, "<p>None.</p>\n");
}

/* The sections of the report: what contradicts, what was updated, what agrees. */
typedef enum section { CONTRADICTIONS, UPDATES, AGREEING } section;

static section section_of(fdp_finding_kind k) {
    return k == FDP_UPDATE ? UPDATES : fdp_finding_is_discrepancy(k) ? CONTRADICTIONS : AGREEING;
}

static void findings(const fd_run *r, FILE *out, section which) {
    size_t n = 0;
    for (size_t i = 0; i < r->nfindings; i++) {
        const fdp_finding *f = &r->findings[i];
        if (section_of(f->kind) != which || f->kind == FDP_VARIANT)
            continue;
        n++;
        const char *kind = fdp_finding_kind_name(f->kind);
        fprintf(out, "<section class=\"finding %s\"><span class=\"kind\">%s</span>", kind, kind);
        fputs("<span class=\"label\">", out);
        esc_str(out, f->label ? f->label : f->key);
        fputs("</span>\n", out);
        for (int k = 0; k < f->nclaims; k++)
            claim_block(r, f->claims[k], out);
        fputs("</section>\n", out);
    }
    if (!n)
        fprintf(out, "<p>None.</p>\n");
}

static void documents(const fd_run *r, FILE *out) {
    fputs("<table><tr><th>Document</th><th>Source</th><th>Date</th><th>Headline</th>"
          "<th>Claims</th></tr>\n", out);
    for (size_t i = 0; i < r->ndocs; i++) {
        const fdp_doc *d = r->docs[i];
        fputs("<tr><td><code>", out);
        esc_str(out, d->path);
        fputs("</code>", out);
        if (d->copy_of) {
            fputs("<div class=\"src\">copy of <code>", out);
            esc_str(out, fdp_basename(d->copy_of->path));
            fputs("</code> (one wire text: one source)</div>", out);
        }
        for (int k = 0; k < d->nerrors; k++) {
            fprintf(out, "<div class=\"err\">error");
            if (d->errors[k].line)
                fprintf(out, " at line %d, column %d", d->errors[k].line, d->errors[k].column);
            fputs(": ", out);
            esc_str(out, d->errors[k].text);
            fputs("</div>", out);
        }
        fputs("</td><td>", out);
        esc_str(out, d->source);
        fputs("</td><td>", out);
        esc_str(out, d->date ? d->date : "unknown");
        fputs("</td><td>", out);
        esc_str(out, d->headline);
        fprintf(out, "</td><td>%zu</td></tr>\n", d->nclaims);
    }
    fputs("</table>\n", out);
}

static size_t agreeing(const fd_run *r) {
    size_t n = 0;
    for (size_t i = 0; i < r->nfindings; i++)
        n += r->findings[i].kind == FDP_AGREEMENT || r->findings[i].kind == FDP_COMPATIBLE;
    return n;
}

int fdp_write_html(const fd_run *r, FILE *out) {
    size_t bad = fd_run_conflict_count(r);
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<title>factdiff report</title>\n<style>", out);
    fputs(css, out);
    fputs("</style></head><body>\n<header><h1>factdiff report</h1>", out);
    fprintf(out, "<p class=\"summary\">%zu documents &middot; %zu claims &middot; %zu "
                 "discrepanc%s &middot; %zu agreeing or compatible facts</p></header>\n<main>\n",
            r->ndocs, r->nclaims, bad, bad == 1 ? "y" : "ies", agreeing(r));
    fputs("<h2>Where the sources conflict</h2>\n", out);
    findings(r, out, CONTRADICTIONS);
    fputs("<h2>Running totals updated between reports</h2>\n", out);
    findings(r, out, UPDATES);
    fputs("<h2>Where the sources agree</h2>\n", out);
    findings(r, out, AGREEING);
    fputs("<h2>Names spelled differently</h2>\n", out);
    variants(r, out);
    fputs("<h2>Documents</h2>\n", out);
    documents(r, out);
    fprintf(out, "<p class=\"src\">factdiff %s</p>\n</main></body></html>\n", FD_VERSION_STRING);
    return 0;
}
