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
/* The same, each surface the pool's copy, not one of its own (d->surfaces_pooled),
 * when pool is not NULL and d has no mentions of its own already: a check's
 * run, whose pool takes them over anyway (fdp_run_pool_doc), once the mention
 * scan is done. A document's mentions are found with one pool, or none. */
int fdp_find_mentions_pooled(const fd_ruleset *rules, fdp_doc *d, const fdp_doc_tokens *toks,
                             fdp_pool *pool);

/* Tallies the mentions of d into the run's names tally (run->names_tally):
 * each distinct spelling and entity once, with its count and first mention.
 * Called once d's mentions are made and, if they are to be, pooled
 * (fdp_run_pool_doc); again, it does nothing. No document is gathered once the
 * run is clustered. Returns 0 or FD_ERR_NOMEM. */
int fdp_names_gather_doc(fd_run *run, fdp_doc *d);
/* Clusters every mention of the run, from the tally alone (the documents not
 * gathered yet are, in run order, first), names each cluster, labels every
 * mention in memory (fdp_names_label_doc) and appends a variant finding for
 * each name spelled differently across documents. Returns 0 or FD_ERR_NOMEM. */
int fdp_cluster_names(fd_run *run);
/* Clusters them alike and writes the names listing (run->names), which only
 * `factdiff names` reads: made when it is asked for (fd_run_write_names). The
 * findings and the listing point at the tally's copies of the mentions, valid
 * until the run is freed. */
int fdp_list_names(fd_run *run);
/* Writes the clustering's labels on d's mentions (cluster, name, spelling
 * count, and the key of each that has none: the pool's copy if d's keys are
 * pooled, else its own), as fdp_cluster_names writes them: for a document whose
 * mentions come back after the run was clustered. d must have been gathered.
 * Returns 0, FD_ERR_NOMEM, or FD_ERR_USAGE for a mention the tally never had
 * or a run not clustered yet. */
int fdp_names_label_doc(const fd_run *run, fdp_doc *d);
/* Frees the run's names tally. */
void fdp_names_free_tally(fd_run *run);

#endif
