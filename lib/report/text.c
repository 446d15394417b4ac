/*
 * report_text.c - the terminal report, shaped like a compiler's diagnostics:
 *   path:line:col: conflict: targets struck: 117 here, 120 in 002_x.txt:19:110
 * followed by the line of text with a caret under the number. Colour only when
 * asked (the CLI asks when stdout is a terminal).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct style {
    const char *bold, *red, *yellow, *green, *cyan, *reset;
} style;

static const style plain = {"", "", "", "", "", ""};
static const style ansi = {"\033[1m", "\033[1;31m", "\033[1;33m", "\033[1;32m", "\033[36m",
                           "\033[0m"};

// A claim as the article wrote it ("closer to 240,000", "ten months"), on one
// line, with its originator when the finding is about who says what.
static void value_text(const fd_report *r, const fdp_claim *c, bool who, char *out,
                       size_t cap) {
    const char *text = r->docs[c->doc].text + c->start;
    size_t n = 0;
    for (size_t i = 0; i < c->end - c->start && n + 1 < cap && n < 80; i++) {
        char ch = text[i];
        out[n++] = (ch == '\n' || ch == '\r' || ch == '\t') ? ' ' : ch;
    }
    out[n] = '\0';
    if (who && c->attribution)
        snprintf(out + n, cap - n, " (%s)", c->attribution);
}

#define MAX_EXCERPTS 4 /* places quoted under one diagnostic; the rest are listed */

// How another claim's place is named: its file name when both files share a
// directory (as in the usual run over one folder), else its full path.
static const char *place_name(const fdp_doc *here, const fdp_doc *there) {
    const char *a = fdp_basename(here->path), *b = fdp_basename(there->path);
    size_t da = (size_t)(a - here->path), db = (size_t)(b - there->path);
    if (da == db && !strncmp(here->path, there->path, da))
        return b;
    return there->path;
}

// Prints the claim's line, cut to about 100 code points around it, and a caret.
static void excerpt(const fd_report *r, const fdp_claim *c, FILE *out, const style *st) {
    const fdp_doc *d = &r->docs[c->doc];
    size_t ls = c->start, le = c->end;
    while (ls > 0 && d->text[ls - 1] != '\n')
        ls--;
    while (le < d->len && d->text[le] != '\n')
        le++;
    // Walk back and forward by code points to keep the window readable.
    size_t a = c->start;
    for (int n = 0; a > ls && n < 50; n++) {
        a--;
        while (a > ls && ((unsigned char)d->text[a] & 0xC0) == 0x80)
            a--;
    }
    size_t b = c->end;
    for (int n = 0; b < le && n < 50; n++) {
        b++;
        while (b < le && ((unsigned char)d->text[b] & 0xC0) == 0x80)
            b++;
    }
    fdp_buf line = {0};
    fdp_buf_puts(&line, a > ls ? "    ..." : "    ");
    size_t prefix_cols = a > ls ? 7 : 4;
    fdp_append_valid_utf8(&line, d->text + a, c->start - a);
    fdp_buf_printf(&line, "%s", st->bold);
    fdp_append_valid_utf8(&line, d->text + c->start, c->end - c->start);
    fdp_buf_printf(&line, "%s", st->reset);
    fdp_append_valid_utf8(&line, d->text + c->end, b - c->end);
    if (b < le)
        fdp_buf_puts(&line, "...");
    for (size_t i = 0; i < line.len; i++)
        if (line.data[i] == '\t' || line.data[i] == '\r')
            line.data[i] = ' ';
    size_t col = prefix_cols, width = 0;
    for (size_t i = a; i < c->start; i++)
        col += ((unsigned char)d->text[i] & 0xC0) != 0x80;
    for (size_t i = c->start; i < c->end; i++)
        width += ((unsigned char)d->text[i] & 0xC0) != 0x80;
    fprintf(out, "%s\n%*s%s^", line.data ? line.data : "", (int)col, "", st->green);
    for (size_t i = 1; i < width; i++)
        fputc('~', out);
    fprintf(out, "%s\n", st->reset);
    fdp_buf_free(&line);
}

// The claim the diagnostic is anchored on: the one that overlaps fewest others.
static int anchor_of(const fd_report *r, const fdp_finding *f) {
    int best = f->claims[f->nclaims - 1], best_n = 1 << 30;
    for (int i = f->nclaims - 1; i >= 0; i--) {
        const fdp_claim *a = &r->claims[f->claims[i]];
        int n = 0;
        for (int j = 0; j < f->nclaims; j++) {
            const fdp_claim *b = &r->claims[f->claims[j]];
            n += fdp_intervals_overlap(&a->value, &b->value, a->unit, b->unit);
        }
        if (n < best_n) {
            best = f->claims[i];
            best_n = n;
        }
    }
    return best;
}

// "Palmyra: "Palymra" here, "Palmyra" in 000_x.txt:3:40"
// Mentions of a spelling in its cluster.
static int spelling_count(const fd_report *r, const fdp_mention *m) {
    int n = 0;
    for (size_t i = 0; i < r->nmentions; i++)
        n += r->mentions[i].cluster == m->cluster && !strcmp(r->mentions[i].surface, m->surface);
    return n;
}

static void variant(const fd_report *r, const fdp_finding *f, FILE *out, const style *st) {
    // Anchored on the rarest spelling: "Pescov" here, where the others write "Peskov".
    int ai = f->mentions[0];
    for (int i = 1; i < f->nmentions; i++)
        if (spelling_count(r, &r->mentions[f->mentions[i]]) < spelling_count(r, &r->mentions[ai]))
            ai = f->mentions[i];
    const fdp_mention *a = &r->mentions[ai];
    const fdp_doc *ad = &r->docs[a->doc];
    int line, col;
    fdp_line_col(ad->text, ad->len, a->start, &line, &col);
    fprintf(out, "%s%s:%d:%d:%s %svariant:%s %s: \"%s\" here", st->bold, ad->path, line, col,
            st->reset, st->cyan, st->reset, f->label, a->surface);
    for (int i = 0; i < f->nmentions; i++) {
        if (f->mentions[i] == ai)
            continue;
        const fdp_mention *m = &r->mentions[f->mentions[i]];
        const fdp_doc *d = &r->docs[m->doc];
        fdp_line_col(d->text, d->len, m->start, &line, &col);
        fprintf(out, ", \"%s\" in %s:%d:%d", m->surface, place_name(ad, d), line, col);
    }
    fputc('\n', out);
}

static void finding(const fd_report *r, const fdp_finding *f, FILE *out, const style *st) {
    if (f->kind == FDP_VARIANT) {
        variant(r, f, out, st);
        return;
    }
    int ai = anchor_of(r, f);
    const fdp_claim *a = &r->claims[ai];
    const fdp_doc *ad = &r->docs[a->doc];
    bool bad = fdp_finding_is_discrepancy(f->kind);
    bool who = f->kind == FDP_DISPUTED;
    char v[200];
    value_text(r, a, who, v, sizeof v);
    fprintf(out, "%s%s:%d:%d:%s %s%s:%s %s: %s here", st->bold, ad->path, a->line, a->column,
            st->reset, bad ? st->red : st->cyan, fdp_finding_kind_name(f->kind), st->reset,
            f->label ? f->label : f->key, v);
    for (int i = 0; i < f->nclaims; i++) {
        if (f->claims[i] == ai)
            continue;
        const fdp_claim *c = &r->claims[f->claims[i]];
        value_text(r, c, who, v, sizeof v);
        fprintf(out, ", %s in %s:%d:%d", v, place_name(ad, &r->docs[c->doc]), c->line,
                c->column);
    }
    int docs = 1;
    for (int i = 1; i < f->nclaims; i++)
        docs += r->claims[f->claims[i]].doc != r->claims[f->claims[i - 1]].doc;
    if (f->sources < docs)
        fprintf(out, " [%d documents, %d independent: copies of one text count once]", docs,
                f->sources);
    fputc('\n', out);
    if (!bad)
        return;
    // Like a compiler's "note: previous definition here": the anchor first, then
    // each other place with its own location line.
    excerpt(r, a, out, st);
    int shown = 1;
    for (int i = 0; i < f->nclaims && shown < MAX_EXCERPTS; i++) {
        if (f->claims[i] == ai)
            continue;
        const fdp_claim *c = &r->claims[f->claims[i]];
        value_text(r, c, who, v, sizeof v);
        fprintf(out, "%s%s:%d:%d:%s %snote:%s %s here\n", st->bold, r->docs[c->doc].path,
                c->line, c->column, st->reset, st->cyan, st->reset, v);
        excerpt(r, c, out, st);
        shown++;
    }
    if (f->nclaims > shown)
        fprintf(out, "    (%d more places are named above; the HTML report quotes them all)\n",
                f->nclaims - shown);
}

static void doc_errors(const fdp_doc *d, FILE *out, const style *st) {
    for (int i = 0; i < d->nerrors; i++) {
        const fd_error *e = &d->errors[i];
        fprintf(out, "%s%s", st->bold, d->path);
        if (e->line > 0)
            fprintf(out, ":%d:%d", e->line, e->column);
        fprintf(out, ":%s %serror:%s %s", st->reset, st->red, st->reset, e->text);
        if (e->code == FD_ERR_ENCODING || e->code == FD_ERR_FORMAT)
            fprintf(out, " (byte %zu)", e->position);
        fputc('\n', out);
    }
}

int fdp_write_text(const fd_report *r, FILE *out, unsigned options) {
    const style *st = (options & FD_OPT_COLOR) ? &ansi : &plain;
    for (size_t i = 0; i < r->ndocs; i++)
        doc_errors(&r->docs[i], out, st);
    for (size_t i = 0; i < r->ndocs; i++)
        if (r->docs[i].copy_of >= 0)
            fprintf(out, "%s%s:%s %snote:%s repeats the text of %s (a copy of one wire story: "
                         "one source)\n",
                    st->bold, r->docs[i].path, st->reset, st->cyan, st->reset,
                    place_name(&r->docs[i], &r->docs[r->docs[i].copy_of]));
    size_t counts[FDP_VARIANT + 1] = {0};
    for (size_t i = 0; i < r->nfindings; i++) {
        const fdp_finding *f = &r->findings[i];
        counts[f->kind]++;
        if (fdp_finding_is_discrepancy(f->kind) || (options & FD_OPT_VERBOSE))
            finding(r, f, out, st);
    }
    fprintf(out, "%zu document%s, %zu claim%s: %s%zu conflict%s%s, %zu disputed, %zu update%s, "
                 "%zu agreement%s, %zu compatible",
            r->ndocs, r->ndocs == 1 ? "" : "s", r->nclaims, r->nclaims == 1 ? "" : "s",
            counts[FDP_CONFLICT] ? st->red : "", counts[FDP_CONFLICT],
            counts[FDP_CONFLICT] == 1 ? "" : "s", st->reset, counts[FDP_DISPUTED],
            counts[FDP_UPDATE], counts[FDP_UPDATE] == 1 ? "" : "s", counts[FDP_AGREEMENT],
            counts[FDP_AGREEMENT] == 1 ? "" : "s", counts[FDP_COMPATIBLE]);
    size_t errs = fd_report_error_count(r);
    if (counts[FDP_VARIANT])
        fprintf(out, ", %zu name%s spelled differently", counts[FDP_VARIANT],
                counts[FDP_VARIANT] == 1 ? "" : "s");
    if (errs)
        fprintf(out, "; %s%zu document%s with errors%s", st->red, errs, errs == 1 ? "" : "s",
                st->reset);
    fputc('\n', out);
    if (!(options & FD_OPT_VERBOSE) &&
        (counts[FDP_AGREEMENT] || counts[FDP_COMPATIBLE] || counts[FDP_VARIANT]))
        fprintf(out, "(agreements and spelling variants are listed with --verbose)\n");
    return 0;
}

typedef struct cluster_range {
    size_t from, to; /* in r->by_cluster */
} cluster_range;

static const fd_report *names_report; // qsort has no context argument in C11

// Largest cluster first, then by name.
static int cmp_range(const void *a, const void *b) {
    const cluster_range *x = a, *y = b;
    size_t nx = x->to - x->from, ny = y->to - y->from;
    if (nx != ny)
        return nx > ny ? -1 : 1;
    const fd_report *r = names_report;
    return strcmp(fdp_cluster_name(r, r->mentions[r->by_cluster[x->from]].cluster),
                  fdp_cluster_name(r, r->mentions[r->by_cluster[y->from]].cluster));
}

static void write_cluster(const fd_report *r, const cluster_range *c, FILE *out) {
    static const char *const types[] = {"place", "group", "person", "organisation", "other"};
    int entity = -1;
    for (size_t i = c->from; i < c->to && entity < 0; i++)
        entity = r->mentions[r->by_cluster[i]].entity;
    int cl = r->mentions[r->by_cluster[c->from]].cluster;
    size_t total = c->to - c->from;
    fprintf(out, "%s [%s], %zu mention%s:", fdp_cluster_name(r, cl),
            entity >= 0 ? types[r->rules->entities[entity].type] : "name", total,
            total == 1 ? "" : "s");
    // Each spelling (a run of the range), with its count and first place.
    int shown = 0;
    for (size_t i = c->from; i < c->to;) {
        const fdp_mention *m = &r->mentions[r->by_cluster[i]];
        size_t j = i;
        int first = r->by_cluster[i];
        while (j < c->to && !strcmp(r->mentions[r->by_cluster[j]].surface, m->surface)) {
            if (r->by_cluster[j] < first)
                first = r->by_cluster[j];
            j++;
        }
        const fdp_mention *f = &r->mentions[first];
        const fdp_doc *d = &r->docs[f->doc];
        int line, col;
        fdp_line_col(d->text, d->len, f->start, &line, &col);
        fprintf(out, "%s \"%s\" x%zu (%s:%d:%d)", shown++ ? ";" : "", f->surface, j - i, d->path,
                line, col);
        i = j;
    }
    fputc('\n', out);
}

int fd_report_write_names(const fd_report *r, FILE *out) {
    size_t n = r->nmentions;
    if (!n || !r->by_cluster)
        return 0;
    cluster_range *ranges = malloc(sizeof *ranges * n);
    if (!ranges)
        return FD_ERR_NOMEM;
    size_t nr = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        int cl = r->mentions[r->by_cluster[i]].cluster;
        while (j < n && r->mentions[r->by_cluster[j]].cluster == cl)
            j++;
        ranges[nr++] = (cluster_range){i, j};
        i = j;
    }
    names_report = r;
    qsort(ranges, nr, sizeof *ranges, cmp_range);
    for (size_t i = 0; i < nr; i++)
        write_cluster(r, &ranges[i], out);
    free(ranges);
    return ferror(out) ? FD_ERR_IO : 0;
}
