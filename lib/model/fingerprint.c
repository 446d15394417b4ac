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
#include <stdlib.h>
#include <string.h>

#include "model/model.h"

#define FINGERPRINT_TAG "factdiff-fingerprint-1"

// "count [117,117]", "percent [10,25]", "count (80,inf) approx".
static char *figure(const fdp_claim *c) {
    const fdp_interval *v = &c->value;
    fdp_buf b = {0};
    fdp_buf_printf(&b, "%s %c", c->unit ? c->unit : "",
                   v->has_low && !v->low_open ? '[' : '(');
    if (v->has_low)
        fdp_buf_printf(&b, "%.15g", v->low);
    else
        fdp_buf_puts(&b, "-inf");
    if (v->has_high)
        fdp_buf_printf(&b, ",%.15g", v->high);
    else
        fdp_buf_puts(&b, ",inf");
    fdp_buf_putc(&b, v->has_high && !v->high_open ? ']' : ')');
    if (v->approx)
        fdp_buf_puts(&b, " approx");
    if (v->vague)
        fdp_buf_puts(&b, " vague");
    return fdp_buf_take(&b);
}

// The finding's figures (or, for a variant, its spellings), n of them, each a new
// string; NULL when out of memory.
static char **figures(const fdp_finding *f, size_t *n) {
    size_t count = f->kind == FDP_VARIANT ? (size_t)f->nmentions : (size_t)f->nclaims;
    char **out = calloc(count + 1, sizeof *out);
    bool ok = out != NULL;
    for (size_t i = 0; ok && i < count; i++) {
        out[i] = f->kind == FDP_VARIANT ? fdp_strdup(f->mentions[i]->surface)
                                        : figure(f->claims[i]);
        ok = out[i] != NULL;
    }
    *n = count;
    if (!ok && out) {
        for (size_t i = 0; i < count; i++)
            free(out[i]);
        free(out);
        return NULL;
    }
    return out;
}

static uint64_t fnv1a64(uint64_t h, const char *s) {
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static uint64_t hash_line(uint64_t h, const char *s) {
    return fnv1a64(fnv1a64(h, s), "\n");
}

static int fingerprint(fdp_finding *f) {
    size_t n = 0;
    char **fig = figures(f, &n);
    if (!fig)
        return FD_ERR_NOMEM;
    qsort(fig, n, sizeof *fig, fdp_cmp_str);
    uint64_t h = 14695981039346656037ull;
    h = hash_line(h, FINGERPRINT_TAG);
    h = hash_line(h, fdp_finding_kind_name(f->kind));
    h = hash_line(h, f->key ? f->key : "");
    for (size_t i = 0; i < n; i++)
        if (i == 0 || strcmp(fig[i], fig[i - 1]) != 0) // each distinct figure once
            h = hash_line(h, fig[i]);
    for (size_t i = 0; i < n; i++)
        free(fig[i]);
    free(fig);
    snprintf(f->fingerprint, sizeof f->fingerprint, "%016llx", (unsigned long long)h);
    return 0;
}

int fdp_fingerprint_findings(fd_run *run) {
    for (size_t i = 0; i < run->nfindings; i++) {
        int rc = fingerprint(&run->findings[i]);
        if (rc < 0)
            return rc;
    }
    return 0;
}
