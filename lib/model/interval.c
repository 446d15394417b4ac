/*
 * interval.c - a claim's value as the set of true values its words allow, on
 * the comparison base of its unit, and how two such sets meet.
 *
 * Units are compared on a common base: the caller gives each interval's factor
 * to its base (from the unit rules: three weeks are 21 days). Two claims
 * conflict exactly when no true value fits both. Hedged figures
 * ("about 80") are widened by FDP_APPROX_TOLERANCE on each side before they
 * are compared. A vague quantity ("dozens") holds the band a reader gives it
 * (24-99) but is compared open above, as the gold checker compares it: "dozens"
 * is loose enough to meet "more than 120".
 */
#include <math.h>
#include <string.h>

#include "model/model.h"

fdp_bounds fdp_widen(const fdp_interval *v, double f) {
    fdp_bounds b = {v->has_low ? v->low * f : -INFINITY, v->has_high ? v->high * f : INFINITY,
                    v->low_open, v->high_open};
    if (v->approx) {
        b.lo -= fabs(b.lo) * FDP_APPROX_TOLERANCE;
        b.hi += fabs(b.hi) * FDP_APPROX_TOLERANCE;
        b.lo_open = b.hi_open = false;
    }
    if (v->vague) {
        b.hi = INFINITY;
        b.hi_open = false;
    }
    return b;
}

bool fdp_bounds_overlap(fdp_bounds a, fdp_bounds b) {
    double lo = fmax(a.lo, b.lo), hi = fmin(a.hi, b.hi);
    bool lo_open = (a.lo == lo && a.lo_open) || (b.lo == lo && b.lo_open);
    bool hi_open = (a.hi == hi && a.hi_open) || (b.hi == hi && b.hi_open);
    // Rounding noise from unit conversion should not split equal values.
    double eps = 1e-9 * fmax(1, fabs(lo));
    if (lo < hi - eps)
        return true;
    if (fabs(lo - hi) > eps)
        return false;
    // Touching at one value: a bare figure meets an open bound at that figure,
    // as "500 homes" paraphrases "more than 500 homes"; two open ends do not meet.
    bool a_point = a.lo == a.hi && !a.lo_open, b_point = b.lo == b.hi && !b.lo_open;
    return (!lo_open && !hi_open) || a_point || b_point;
}

bool fdp_intervals_overlap(const fdp_interval *a, const fdp_interval *b, double factor_a,
                           double factor_b) {
    return fdp_bounds_overlap(fdp_widen(a, factor_a), fdp_widen(b, factor_b));
}

bool fdp_same_interval(const fdp_interval *a, const fdp_interval *b) {
    return a->has_low == b->has_low && a->has_high == b->has_high &&
           (!a->has_low || a->low == b->low) && (!a->has_high || a->high == b->high) &&
           a->low_open == b->low_open && a->high_open == b->high_open &&
           a->approx == b->approx && a->vague == b->vague;
}

bool fdp_is_definite(const fdp_interval *v) {
    return v->has_low && v->has_high && !v->approx && !v->vague;
}

bool fdp_lo_above(fdp_bounds a, fdp_bounds b) {
    return a.lo > b.lo || (a.lo == b.lo && a.lo_open && !b.lo_open);
}

bool fdp_hi_below(fdp_bounds a, fdp_bounds b) {
    return a.hi < b.hi || (a.hi == b.hi && a.hi_open && !b.hi_open);
}

// Writes the figure with the word before it ("about 80"), or with the sign
// glued to it ("~80") when there is no word.
/* Writing into out[0, cap) piece by piece, always NUL-terminated and cut
 * where it is full: summaries are made for every finding, and snprintf's
 * format parsing was most of their cost. */
typedef struct piece_writer {
    char *out;
    size_t cap, len;
} piece_writer;

static void put(piece_writer *pw, const char *s) {
    size_t n = strlen(s);
    if (pw->len + n >= pw->cap)
        n = pw->cap > pw->len + 1 ? pw->cap - pw->len - 1 : 0;
    memcpy(pw->out + pw->len, s, n);
    pw->len += n;
    pw->out[pw->len] = '\0';
}

// "more than 80" with the rules' word, else "> 80" as a sign: ">80".
static void with_word(piece_writer *pw, const char *word, const char *sign, const char *figure) {
    put(pw, word ? word : sign);
    if (word)
        put(pw, " ");
    put(pw, figure);
}

void fdp_format_interval(char *out, size_t cap, const fdp_interval *v,
                         const fdp_interval_words *words) {
    static const fdp_interval_words none = {NULL, NULL, NULL, NULL, NULL, NULL};
    const fdp_interval_words *w = words ? words : &none;
    char lo[40] = "", hi[40] = "", range[84] = "";
    if (cap == 0)
        return;
    piece_writer pw = {out, cap, 0}, rw = {range, sizeof range, 0};
    out[0] = '\0';
    if (v->has_low)
        fdp_format_number(lo, sizeof lo, v->low);
    if (v->has_high)
        fdp_format_number(hi, sizeof hi, v->high);
    put(&rw, lo);
    if (v->has_low && v->has_high && v->low != v->high) {
        put(&rw, "-");
        put(&rw, hi);
    }
    if (v->vague && w->vague)
        with_word(&pw, lo, "", w->vague); // "80 or more (vague)"
    else if (v->vague)
        with_word(&pw, NULL, lo, "+");
    else if (v->has_low && v->has_high && !v->approx)
        put(&pw, range);
    else if (v->has_low && v->has_high)
        with_word(&pw, w->approx, "~", range);
    else if (v->has_low)
        with_word(&pw, v->low_open ? w->low_open : w->low, v->low_open ? ">" : ">=", lo);
    else
        with_word(&pw, v->high_open ? w->high_open : w->high, v->high_open ? "<" : "<=", hi);
}

void fdp_describe_claim(const fdp_claim *c, fdp_buf *b, bool who,
                        const fdp_interval_words *words) {
    char v[96];
    fdp_format_interval(v, sizeof v, &c->value, words);
    fdp_buf_puts(b, v);
    if (!strcmp(c->unit, "percent")) {
        fdp_buf_putc(b, '%');
    } else if (strcmp(c->unit, "count") != 0) {
        fdp_buf_putc(b, ' ');
        fdp_buf_puts(b, c->unit);
    }
    fdp_buf_puts(b, " (");
    if (who && c->attribution) {
        fdp_buf_puts(b, c->attribution);
        fdp_buf_puts(b, ", ");
    }
    fdp_buf_puts(b, fdp_basename(c->doc->path));
    fdp_buf_putc(b, ')');
}
