/*
 * extractor.h - the extract stage: the numeric claims of a tokenized document.
 * Internal.
 */
#ifndef FD_EXTRACTOR_H
#define FD_EXTRACTOR_H

#include "extract/tokenize.h"
#include "rules/rules.h"

/* The extractor of one run (it holds ICU's spell-out parser, which one thread
 * at a time may use). NULL with err filled on failure. */
typedef struct fdp_extractor fdp_extractor;
fdp_extractor *fdp_extractor_new(const fd_ruleset *rules, fd_error *err);
void fdp_extractor_free(fdp_extractor *x);

/* Appends the claims of d, read from its tokens, to d->claims. Returns 0 or a
 * negative fd_status. */
int fdp_extract_doc(fdp_extractor *x, fdp_doc *d, const fdp_doc_tokens *toks);

/* True if text[start, end) may hold a claim: an fdp_para_filter for runs that
 * need the claims only (x is the extractor). */
bool fdp_extract_may_hold(const void *x, const char *text, size_t start, size_t end);

#endif
