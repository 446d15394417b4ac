/*
 * normalize.h - text normalisation: UTF-8 checks and positions, folding for
 * matching, romanisation-aware name keys. Internal: never installed.
 */
#ifndef FD_NORMALIZE_H
#define FD_NORMALIZE_H

#include "base/base.h"

/* ---- normalize.c -------------------------------------------------------- */

/* Appends the matching form of a word (lowercase ASCII; non-ASCII words are
 * case-folded and transliterated to ASCII with ICU) to out. */
void fdp_fold_word(const char *s, size_t len, fdp_buf *out);

/* Damerau-Levenshtein distance of two short ASCII strings. */
int fdp_damerau(const char *a, const char *b);
/* True if two name keys are one name up to a typo or a romanisation variant. */
bool fdp_keys_close(const char *a, const char *b);

/* Splits a name into words, folded (words) and verbatim (raw, may be NULL); a
 * hyphen is a word "-". Returns the count (the caller frees each string), or
 * FD_ERR_NOMEM with nothing to free. */
int fdp_split_words(const char *name, size_t len, char **words, char **raw, int max);

#endif
