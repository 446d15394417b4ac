/*
 * names.h - the names stages: the name mentions of each document, then their
 * clusters across the run. Internal.
 */
#ifndef FD_NAMES_H
#define FD_NAMES_H

#include "extract/tokenize.h"
#include "rules/rules.h"

/* Appends the name mentions of a tokenized document to d->mentions (rules may
 * be NULL: capitalised spans only). Returns 0 or FD_ERR_NOMEM. */
int fdp_find_mentions(const fd_ruleset *rules, fdp_doc *d, const fdp_doc_tokens *toks);

/* Clusters every mention of the run (run->mentions must be indexed), names
 * each cluster and appends a variant finding for each name spelled differently
 * across documents. Returns 0 or FD_ERR_NOMEM. */
int fdp_cluster_names(fd_run *run);
/* Clusters them alike and writes the names listing (run->names), which only
 * `factdiff names` reads: made when it is asked for (fd_run_write_names). */
int fdp_list_names(fd_run *run);

#endif
