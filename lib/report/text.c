/*
 * report_text.c - the terminal report, shaped like a compiler's diagnostics:
 *   path:line:col: conflict: targets struck: 117 here, 120 in 002_x.txt:19:110
 * followed by the line of text with a caret under the number. Colour only when
 * asked (the CLI asks when stdout is a terminal).
 */
#include <stdlib.h>
#include <string.h>

#include "report/report.h"

typedef struct style {
    const char *bold, *red, *yellow, *green, *cyan, *reset;
} style;

static const style plain = {"", "", "", "", "", ""};
static const style ansi = {"\033[1m", "\033[1;31m", "\033[1;33m", "\033[1;32m", "\033[36m",
                           "\033[0m"};

// A claim as the article wrote it ("closer to 240,000", "ten months"), on one
// line, with its originator when the finding is about who says what.
static void value_text(const fdp_claim *c, bool who, char *out, size_t cap) {
    size_t n = fdp_copy_text(out, cap, fdp_claim_bytes(c), c->end - c->start, 80);
    if (who && c->attribution)
        snprintf(out + n, cap - n, " (%s)", c->attribution);
}

#define MAX_EXCERPTS 4 /* places quoted under one diagnostic; the rest are listed */

static void excerpt_of(const fdp_claim *c, FILE *out, const style *st);

// Prints the claim's line, cut to about 100 code points around it, and a caret.
// FD_ERR_NOMEM when its text cannot be read back from the spill file.
static int excerpt(const fdp_claim *c, FILE *out, const style *st) {
    bool back = false;
    if (!fdp_doc_text_hold(c->doc, &back))
        return FD_ERR_NOMEM;
    excerpt_of(c, out, st);
    fdp_doc_text_release(c->doc, back);
    return 0;
}

static void excerpt_of(const fdp_claim *c, FILE *out, const style *st) {
    const fdp_doc *d = c->doc;
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
    // Written straight out, control characters as spaces: no memory needed.
    fputs(a > ls ? "    ..." : "    ", out);
    size_t prefix_cols = a > ls ? 7 : 4;
    fdp_fput_text(out, d->text + a, c->start - a);
    fputs(st->bold, out);
    fdp_fput_text(out, d->text + c->start, c->end - c->start);
    fputs(st->reset, out);
    fdp_fput_text(out, d->text + c->end, b - c->end);
    if (b < le)
        fputs("...", out);
    size_t col = prefix_cols, width = 0;
    for (size_t i = a; i < c->start; i++)
        col += ((unsigned char)d->text[i] & 0xC0) != 0x80;
    for (size_t i = c->start; i < c->end; i++)
        width += ((unsigned char)d->text[i] & 0xC0) != 0x80;
    fprintf(out, "\n%*s%s^", (int)col, "", st->green);
    for (size_t i = 1; i < width; i++)
        fputc('~', out);
    fprintf(out, "%s\n", st->reset);
}

// A path or file name as the terminal gets it: a name may hold any byte but '/'
// and NUL, escapes included, and they are no more let through than the text's.
static void put_name(FILE *out, const char *s) { fdp_fput_text(out, s, strlen(s)); }

// "file:line:col: " in bold, the file's name made inert.
static void place(FILE *out, const style *st, const char *path, int line, int column) {
    fputs(st->bold, out);
    put_name(out, path);
    fprintf(out, ":%d:%d:%s ", line, column, st->reset);
}

// "Palmyra: "Pescov" here, "Peskov" in 004_x.txt:23:289"
static void variant(const fdp_finding *f, FILE *out, const style *st) {
    const fdp_mention *a = f->anchor_mention;
    place(out, st, a->doc->path, a->line, a->column);
    fprintf(out, "%svariant:%s %s: \"%s\" here", st->cyan, st->reset, f->label, a->surface);
    for (int i = 0; i < f->nmentions; i++) {
        const fdp_mention *m = f->mentions[i];
        if (m == a)
            continue;
        fprintf(out, ", \"%s\" in ", m->surface);
        put_name(out, fdp_place_name(a->doc, m->doc));
        fprintf(out, ":%d:%d", m->line, m->column);
    }
}

// The places other than the anchor, each quoted, like a compiler's "note:
// previous definition here".
static int notes(const fdp_finding *f, FILE *out, const style *st, bool who) {
    char v[200];
    int shown = 1, rc = 0;
    for (int i = 0; i < f->nclaims && shown < MAX_EXCERPTS && rc == 0; i++) {
        const fdp_claim *c = f->claims[i];
        if (c == f->anchor)
            continue;
        value_text(c, who, v, sizeof v);
        place(out, st, c->doc->path, c->line, c->column);
        fprintf(out, "%snote:%s %s here\n", st->cyan, st->reset, v);
        rc = excerpt(c, out, st);
        shown++;
    }
    if (rc == 0 && f->nclaims > shown)
        fprintf(out, "    (%d more places are named above; the HTML report quotes them all)\n",
                f->nclaims - shown);
    return rc;
}

// "conflict" or "conflict (acknowledged)", coloured as a discrepancy or a note.
static void kind_word(const fdp_finding *f, FILE *out, const style *st) {
    bool bad = fdp_finding_is_discrepancy(f->kind) && !f->ack;
    fprintf(out, "%s%s%s:%s", bad ? st->red : st->cyan, fdp_finding_kind_name(f->kind),
            f->ack ? " (acknowledged)" : "", st->reset);
}

// The end of a diagnostic's line: its fingerprint, as a compiler names its warning
// option, then under an acknowledged finding the reason it was acknowledged.
static void closing(const fdp_finding *f, FILE *out) {
    fprintf(out, " [%s]\n", f->fingerprint);
    if (f->ack) {
        char why[400];
        fdp_copy_text(why, sizeof why, f->ack->why, strlen(f->ack->why), 300);
        fprintf(out, "    acknowledged: %s\n", why);
    }
}

// "a.txt:1:86: currencies: fined (money) in eur and usd, not compared (no exchange
// rate is given) [fp]", then a note for each currency, at its first claim, naming
// the claims of that currency: "a.txt:1:86: note: eur: €1.2bn here, ...".
// Returns 0 or FD_ERR_NOMEM.
static int currencies(const fdp_finding *f, FILE *out, const style *st) {
    fdp_buf b = {0};
    fdp_currencies_head(f, &b);
    if (f->sources < f->docs)
        fdp_buf_printf(&b,
                       " [%d documents, %d independent: copies of one text count once]",
                       f->docs, f->sources);
    if (b.failed)
        return FD_ERR_NOMEM;
    fprintf(out, "%s%s:%d:%d:%s ", st->bold, f->anchor->doc->path, f->anchor->line,
            f->anchor->column, st->reset);
    kind_word(f, out, st);
    fprintf(out, " %s", b.data);
    closing(f, out);
    for (int u = 0; u < f->ncurrencies && !b.failed; u++) {
        const fdp_claim *first = NULL;
        for (int i = 0; i < f->nclaims && !first; i++)
            if (!strcmp(f->claims[i]->unit, f->currencies[u]))
                first = f->claims[i];
        b.len = 0;
        fdp_currency_claims(f, u, first, &b);
        if (!b.failed)
            fprintf(out, "%s%s:%d:%d:%s %snote:%s %s\n", st->bold, first->doc->path,
                    first->line, first->column, st->reset, st->cyan, st->reset, b.data);
    }
    int rc = b.failed ? FD_ERR_NOMEM : 0;
    fdp_buf_free(&b);
    return rc;
}

static int finding(const fdp_finding *f, FILE *out, const style *st) {
    if (f->kind == FDP_VARIANT) {
        variant(f, out, st);
        closing(f, out);
        return 0;
    }
    if (f->kind == FDP_CURRENCIES)
        return currencies(f, out, st);
    const fdp_claim *a = f->anchor;
    bool who = f->kind == FDP_DISPUTED;
    char v[200];
    value_text(a, who, v, sizeof v);
    place(out, st, a->doc->path, a->line, a->column);
    kind_word(f, out, st);
    fprintf(out, " %s: %s here", f->label ? f->label : f->key, v);
    for (int i = 0; i < f->nclaims; i++) {
        const fdp_claim *c = f->claims[i];
        if (c == a)
            continue;
        value_text(c, who, v, sizeof v);
        fprintf(out, ", %s in ", v);
        put_name(out, fdp_place_name(a->doc, c->doc));
        fprintf(out, ":%d:%d", c->line, c->column);
    }
    if (f->sources < f->docs)
        fprintf(out, " [%d documents, %d independent: copies of one text count once]", f->docs,
                f->sources);
    closing(f, out);
    if (!fdp_finding_is_discrepancy(f->kind) || f->ack)
        return 0;
    int rc = excerpt(a, out, st);
    return rc == 0 ? notes(f, out, st, who) : rc;
}

// Listed without --verbose: what fails a check, and the sums nobody compared (a
// reader would otherwise take them for checked).
static bool listed_by_default(const fdp_finding *f) {
    return (fdp_finding_is_discrepancy(f->kind) || f->kind == FDP_CURRENCIES) && !f->ack;
}

// "ack.json:7: warning: stale acknowledgement 3c1f... (targets/struck/count): ..."
static int stale_acks(const fd_run *r, FILE *out, const style *st) {
    for (size_t i = 0; i < r->nacks; i++) {
        const fdp_ack *a = &r->acks[i];
        if (a->matched)
            continue;
        fdp_buf b = {0};
        fdp_stale_message(a, &b);
        if (!b.data)
            return FD_ERR_NOMEM;
        fputs(st->bold, out);
        put_name(out, r->ack_path);
        fprintf(out, ":%d:%s %swarning:%s %s\n", a->line, st->reset, st->yellow, st->reset,
                b.data);
        fdp_buf_free(&b);
    }
    return 0;
}

static void doc_errors(const fdp_doc *d, FILE *out, const style *st) {
    for (int i = 0; i < d->nerrors; i++) {
        const fd_error *e = fdp_doc_error_at(d, (int)i);
        // A stream's errors stand in its file ("feed.jsonl:3:19"), others in the document.
        fputs(st->bold, out);
        put_name(out, fdp_error_place(e, d->path));
        if (e->line > 0)
            fprintf(out, ":%d:%d", e->line, e->column);
        fprintf(out, ":%s %serror:%s %s", st->reset, st->red, st->reset, e->text);
        if (e->line > 0 && (e->code == FD_ERR_ENCODING || e->code == FD_ERR_FORMAT))
            fprintf(out, " (byte %zu)", e->position);
        fputc('\n', out);
    }
}

// The closing line: what was read and found, in the words of every report.
static int totals(const fd_run *r, const size_t *counts, FILE *out, unsigned options) {
    fdp_buf b = {0};
    fdp_summary(r, &b);
    if (!b.data)
        return FD_ERR_NOMEM;
    fprintf(out, "%s\n", b.data);
    fdp_buf_free(&b);
    size_t acked = 0;
    for (size_t i = 0; i < r->nfindings; i++)
        acked += r->findings[i].ack != NULL;
    if (!(options & FD_OPT_VERBOSE) &&
        (counts[FDP_AGREEMENT] || counts[FDP_COMPATIBLE] || counts[FDP_VARIANT] || acked))
        fprintf(out, "(agreements%s spelling variants%s are listed with --verbose)\n",
                acked ? "," : " and", acked ? " and acknowledged findings" : "");
    return 0;
}

int fdp_write_text(const fd_run *r, FILE *out, unsigned options) {
    const style *st = (options & FD_OPT_COLOR) ? &ansi : &plain;
    for (size_t i = 0; i < r->ndocs; i++)
        doc_errors(r->docs[i], out, st);
    for (size_t i = 0; i < r->ndocs; i++)
        if (r->docs[i]->copy_of) {
            fputs(st->bold, out);
            put_name(out, r->docs[i]->path);
            fprintf(out, ":%s %snote:%s repeats the text of ", st->reset, st->cyan, st->reset);
            put_name(out, fdp_place_name(r->docs[i], r->docs[i]->copy_of));
            fputs(" (a copy of one wire story: one source)\n", out);
        }
    size_t counts[FDP_NKINDS] = {0};
    int rc = 0;
    for (size_t i = 0; i < r->nfindings && rc == 0; i++) {
        const fdp_finding *f = &r->findings[i];
        counts[f->kind]++;
        if (listed_by_default(f) || (options & FD_OPT_VERBOSE))
            rc = finding(f, out, st);
    }
    if (rc == 0)
        rc = stale_acks(r, out, st);
    return rc < 0 ? rc : totals(r, counts, out, options);
}

// "Raqqa [place], 8 mentions: "Raqa" x3 (a.txt:22:102); ..."
int fdp_write_names(const fd_run *r, FILE *out) {
    for (size_t i = 0; i < r->nnames; i++) {
        const fdp_name *n = &r->names[i];
        fprintf(out, "%s [%s], %zu mention%s:", n->name, n->type, n->mentions,
                n->mentions == 1 ? "" : "s");
        for (size_t k = 0; k < n->nspellings; k++) {
            const fdp_spelling *sp = &n->spellings[k];
            fprintf(out, "%s \"%s\" x%zu (", k ? ";" : "", sp->surface, sp->count);
            put_name(out, sp->first->doc->path);
            fprintf(out, ":%d:%d)", sp->first->line, sp->first->column);
        }
        fputc('\n', out);
    }
    return ferror(out) ? FD_ERR_IO : 0;
}
