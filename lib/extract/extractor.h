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

/* The claims of d as fdp_extract_doc reads them from fdp_tokenize_doc's tokens
 * (kept by fdp_extract_may_hold), without ever holding the tokens of the
 * whole document: a long paragraph is tokenized in windows of about window
 * bytes (0: 64 KiB; list is the scratch list, reused) and each sentence's
 * claims are handed to sink(ctx, d) as d->claims[0, d->nclaims) once framed;
 * sink writes them and drops them (fdp_doc_drop_claims), so that memory grows
 * with a window, not with the document. Returns 0, sink's first non-zero
 * return, or a negative fd_status. */
int fdp_extract_doc_windowed(fdp_extractor *x, fdp_doc *d, token_list *list, size_t window,
                             int (*sink)(void *ctx, fdp_doc *d), void *ctx);

/* True if text[start, end) may hold a claim: an fdp_para_filter for runs that
 * need the claims only (x is the extractor). */
bool fdp_extract_may_hold(const void *x, const char *text, size_t start, size_t end);

#endif
