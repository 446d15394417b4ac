/*
 * message.c - the words the machine-read formats (SARIF, GitHub annotations)
 * give each finding: one line, anchored at the place the diagnostic stands.
 */
#include <string.h>

#include "report/report.h"

const char *fdp_place_name(const fdp_doc *here, const fdp_doc *there) {
    const char *a = fdp_basename(here->path), *b = fdp_basename(there->path);
    size_t da = (size_t)(a - here->path), db = (size_t)(b - there->path);
    if (da == db && !strncmp(here->path, there->path, da))
        return b;
    return there->path;
}

// A claim's figure as written, on one line, with its originator when asked.
static void figure(const fdp_claim *c, bool who, fdp_buf *b) {
    char v[200];
    fdp_copy_text(v, sizeof v, fdp_claim_bytes(c), c->end - c->start, 80);
    fdp_buf_puts(b, v);
    if (who && c->attribution)
        fdp_buf_printf(b, " (%s)", c->attribution);
}

static void variant_message(const fdp_finding *f, fdp_buf *b) {
    const fdp_mention *a = f->anchor_mention;
    fdp_buf_printf(b, "%s: \"%s\" here", f->label ? f->label : f->key, a->surface);
    for (int i = 0; i < f->nmentions; i++) {
        const fdp_mention *m = f->mentions[i];
        if (m != a)
            fdp_buf_printf(b, ", \"%s\" in %s:%d:%d", m->surface,
                           fdp_place_name(a->doc, m->doc), m->line, m->column);
    }
}

void fdp_currency_claims(const fdp_finding *f, int u, const fdp_claim *here, fdp_buf *b) {
    fdp_buf_printf(b, "%s: ", f->currencies[u]);
    const char *sep = "";
    for (int i = 0; i < f->nclaims; i++) {
        const fdp_claim *c = f->claims[i];
        if (strcmp(c->unit, f->currencies[u]) != 0)
            continue;
        fdp_buf_puts(b, sep);
        figure(c, false, b);
        if (c == here)
            fdp_buf_puts(b, " here");
        else
            fdp_buf_printf(b, " in %s:%d:%d", fdp_place_name(here->doc, c->doc), c->line,
                           c->column);
        sep = ", ";
    }
}

// "fined (money) in eur and usd, not compared (no exchange rate is given): eur:
// €1.2bn here, ...; usd: $1.3 billion in 01_x.txt:1:21"
static void currencies_message(const fdp_finding *f, fdp_buf *b) {
    fdp_currencies_head(f, b);
    for (int u = 0; u < f->ncurrencies; u++) {
        fdp_buf_puts(b, u ? "; " : ": ");
        fdp_currency_claims(f, u, f->anchor, b);
    }
}

void fdp_finding_message(const fdp_finding *f, fdp_buf *b) {
    if (f->kind == FDP_VARIANT) {
        variant_message(f, b);
        return;
    }
    if (f->kind == FDP_CURRENCIES) {
        currencies_message(f, b);
        return;
    }
    const fdp_claim *a = f->anchor;
    bool who = f->kind == FDP_DISPUTED;
    fdp_buf_printf(b, "%s: ", f->label ? f->label : f->key);
    figure(a, who, b);
    fdp_buf_puts(b, " here");
    for (int i = 0; i < f->nclaims; i++) {
        const fdp_claim *c = f->claims[i];
        if (c == a)
            continue;
        fdp_buf_puts(b, ", ");
        figure(c, who, b);
        fdp_buf_printf(b, " in %s:%d:%d", fdp_place_name(a->doc, c->doc), c->line,
                       c->column);
    }
    if (f->sources < f->docs)
        fdp_buf_printf(b,
                       " [%d documents, %d independent: copies of one text count once]",
                       f->docs, f->sources);
}

void fdp_stale_message(const fdp_ack *a, fdp_buf *b) {
    fdp_buf_printf(b, "stale acknowledgement %s", a->fingerprint);
    if (a->key)
        fdp_buf_printf(b, " (%s)", a->key);
    fdp_buf_puts(b, ": no finding has this fingerprint any more; remove it with "
                    "'factdiff ack --prune'");
}

void fdp_doc_file(const fdp_doc *d, fdp_buf *b) {
    const char *colon = strrchr(d->path, ':');
    size_t n = strlen(d->path);
    if (colon && colon[1] && strspn(colon + 1, "0123456789") == strlen(colon + 1)) {
        size_t k = (size_t)(colon - d->path);
        bool stream = (k >= 6 && !strncmp(colon - 6, ".jsonl", 6)) ||
                      (k == 7 && !strncmp(d->path, "<stdin>", 7));
        if (stream)
            n = k;
    }
    fdp_buf_append(b, d->path, n);
}
