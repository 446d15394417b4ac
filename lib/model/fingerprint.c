/*
 * fingerprint.c - a finding's fingerprint: the identity an acknowledgement is
 * recorded against, so it must survive whatever does not change the finding.
 *
 * What goes in (README "Fingerprints" and docs/report-contract.md say the same):
 * the text
 *
 *   factdiff-fingerprint-1 LF kind LF key LF figure LF figure LF ...
 *
 * where kind is "conflict", "update", ..., key is the fact key, and the figures
 * are the distinct figures the finding's claims assert, each written as
 * "UNIT LOW,HIGH" with its bounds ("[" or "]" closed, "(" or ")" open, "-inf" and
 * "inf" for a side with no bound, numbers as printf's %.15g) and " approx" or
 * " vague" after it when the words hedge, sorted bytewise, each once: "count
 * [117,117]", "count (80,inf) approx". A variant's figures are its spellings as
 * written. The fingerprint is the 64-bit FNV-1a hash of that text, as 16
 * lower-case hex digits.
 *
 * So paths, lines, columns, input order, sources and how many documents repeat a
 * figure are left out: a moved line, a renamed file or one more outlet saying
 * 117 keep the fingerprint; a third figure (130) or another fact makes a new one.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"

#define FINGERPRINT_TAG "factdiff-fingerprint-1"

/* A claim's figure before it is written out: its unit and interval. */
typedef struct figure_ref {
    const char *unit;
    const fdp_interval *v;
} figure_ref;

static int cmp_double(double a, double b) { return (a > b) - (a < b); }

// Orders figures by unit, then bounds and hedges: equal figures end up side by
// side, so each distinct one is written out once (a finding may rest on
// thousands of claims that give a handful of figures).
static int cmp_figure(const void *pa, const void *pb) {
    const figure_ref *a = pa, *b = pb;
    int c = a->unit == b->unit ? 0 : strcmp(a->unit ? a->unit : "", b->unit ? b->unit : "");
    const fdp_interval *x = a->v, *y = b->v;
    if (!c)
        c = (x->has_low - y->has_low) ? x->has_low - y->has_low
                                      : cmp_double(x->low, y->low);
    if (!c)
        c = (x->has_high - y->has_high) ? x->has_high - y->has_high
                                        : cmp_double(x->high, y->high);
    if (!c)
        c = (x->low_open - y->low_open) * 8 + (x->high_open - y->high_open) * 4 +
            (x->approx - y->approx) * 2 + (x->vague - y->vague);
    return c;
}

// v as printf's %.15g writes it; whole numbers (most figures) and fractions
// from 1 to 1e15 without printf, which was most of the cost on a run of many
// findings.
static void put_number(fdp_buf *b, double v) {
    if (!(v == floor(v) && fabs(v) < 1e15)) {
        char g[24];
        size_t n = fdp_format_g(v, 15, g);
        if (n)
            fdp_buf_append(b, g, n);
        else
            fdp_buf_printf(b, "%.15g", v);
        return;
    }
    char digits[24];
    size_t n = sizeof digits;
    unsigned long long u = (unsigned long long)fabs(v);
    do {
        digits[--n] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        digits[--n] = '-';
    fdp_buf_append(b, digits + n, sizeof digits - n);
}

// "count [117,117]", "percent [10,25]", "count (80,inf) approx", appended to b.
static void put_figure(fdp_buf *b, const figure_ref *f) {
    const fdp_interval *v = f->v;
    fdp_buf_puts(b, f->unit ? f->unit : ""); // (not printf: a run has many figures)
    fdp_buf_putc(b, ' ');
    fdp_buf_putc(b, v->has_low && !v->low_open ? '[' : '(');
    if (v->has_low)
        put_number(b, v->low);
    else
        fdp_buf_puts(b, "-inf");
    fdp_buf_putc(b, ',');
    if (v->has_high)
        put_number(b, v->high);
    else
        fdp_buf_puts(b, "inf");
    fdp_buf_putc(b, v->has_high && !v->high_open ? ']' : ')');
    if (v->approx)
        fdp_buf_puts(b, " approx");
    if (v->vague)
        fdp_buf_puts(b, " vague");
}

/* Room reused from finding to finding: the figures are written one after
 * another into text, each ended by its NUL (a string each was a malloc and a
 * free per figure), and found by their offsets, then their addresses. */
typedef struct scratch {
    figure_ref *refs;
    char **strs;
    size_t *offs;
    size_t cap;
    fdp_buf text;
} scratch;

static bool make_room(scratch *sc, size_t n) {
    if (n <= sc->cap)
        return true;
    figure_ref *refs = realloc(sc->refs, n * sizeof *refs);
    if (refs)
        sc->refs = refs;
    char **strs = realloc(sc->strs, n * sizeof *strs);
    if (strs)
        sc->strs = strs;
    size_t *offs = realloc(sc->offs, n * sizeof *offs);
    if (offs)
        sc->offs = offs;
    if (!refs || !strs || !offs)
        return false;
    sc->cap = n;
    return true;
}

// The finding's distinct figures written out (or, for a variant, its
// spellings), n of them in sc->strs, each in sc->text; FD_ERR_NOMEM.
static int figures(const fdp_finding *f, scratch *sc, size_t *n) {
    bool variant = f->kind == FDP_VARIANT;
    size_t count = variant ? (size_t)f->nmentions : (size_t)f->nclaims;
    *n = 0;
    if (!make_room(sc, count + 1))
        return FD_ERR_NOMEM;
    for (size_t i = 0; !variant && i < count; i++)
        sc->refs[i] = (figure_ref){f->claims[i]->unit, &f->claims[i]->value};
    if (!variant)
        qsort(sc->refs, count, sizeof *sc->refs, cmp_figure);
    sc->text.len = 0;
    for (size_t i = 0; i < count; i++) {
        if (!variant && i > 0 && cmp_figure(&sc->refs[i], &sc->refs[i - 1]) == 0)
            continue;
        sc->offs[(*n)++] = sc->text.len;
        if (variant)
            fdp_buf_puts(&sc->text, f->mentions[i]->surface);
        else
            put_figure(&sc->text, &sc->refs[i]);
        fdp_buf_append(&sc->text, "", 1); // its NUL, kept: the next starts after it
    }
    if (sc->text.failed)
        return FD_ERR_NOMEM;
    // (the text has moved as it grew: addresses once it is all written)
    for (size_t i = 0; i < *n; i++)
        sc->strs[i] = sc->text.data + sc->offs[i];
    return 0;
}

static uint64_t fnv1a64(uint64_t h, const char *s) {
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static uint64_t hash_line(uint64_t h, const char *s) {
    return fnv1a64(fnv1a64(h, s), "\n");
}

// h as 16 lower-case hex digits and a NUL into out (printf's "%016llx", without printf).
static void put_hex(char out[FDP_FINGERPRINT_LEN + 1], uint64_t h) {
    _Static_assert(FDP_FINGERPRINT_LEN == 16, "FDP_FINGERPRINT_LEN: the hex digits of 64 bits");
    for (int i = FDP_FINGERPRINT_LEN - 1; i >= 0; i--, h >>= 4)
        out[i] = "0123456789abcdef"[h & 15];
    out[FDP_FINGERPRINT_LEN] = '\0';
}

static int fingerprint(fdp_finding *f, scratch *sc) {
    size_t n = 0;
    int rc = figures(f, sc, &n);
    char **fig = sc->strs;
    if (rc == 0) {
        qsort(fig, n, sizeof *fig, fdp_cmp_str);
        uint64_t h = 14695981039346656037ull;
        h = hash_line(h, FINGERPRINT_TAG);
        h = hash_line(h, fdp_finding_kind_name(f->kind));
        h = hash_line(h, f->key ? f->key : "");
        for (size_t i = 0; i < n; i++)
            if (i == 0 || strcmp(fig[i], fig[i - 1]) != 0) // each distinct figure once
                h = hash_line(h, fig[i]);
        put_hex(f->fingerprint, h);
    }
    return rc;
}

int fdp_fingerprint_findings(fd_run *run) {
    scratch sc = {0};
    int rc = 0;
    for (size_t i = 0; i < run->nfindings && rc == 0; i++)
        if (!run->findings[i].fingerprint[0]) // (those of an event are set as it is judged)
            rc = fingerprint(&run->findings[i], &sc);
    free(sc.refs);
    free(sc.strs);
    free(sc.offs);
    fdp_buf_free(&sc.text);
    return rc;
}
