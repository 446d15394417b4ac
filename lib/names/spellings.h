/*
 * spellings.h - the distinct spellings of a run's name mentions, for the
 * names tally (tally.c) and the clustering (names.c): each surface once, with
 * its rank in strcmp order and its romanisation key computed at most once. A
 * run writes a few thousand spellings hundreds of thousands of times; with
 * these, its names are sorted and compared by integers. Internal.
 */
#ifndef FD_NAMES_SPELLINGS_H
#define FD_NAMES_SPELLINGS_H

#include "model/model.h"
#include "names/intern.h"
#include "normalize/normalize.h"
#include "rules/rules.h"

typedef struct fdp_spellings {
    const fd_ruleset *rules;
    const fdp_name_key_rules *keys; /* the rules' key tables, or NULL */
    fdp_spelling_index ix;          /* their spelling variants, indexed once */
    fdp_intern tab; /* surface -> spelling id, numbered in the order added; the
                       surfaces are borrowed (the run's pool's, in a tally) */
    uint32_t *rank; /* by spelling id: its place among the spellings in strcmp order
                       (fdp_spellings_rank) */
    char **key;     /* by spelling id: its key (fd_name_key), NULL until asked */
    const char **pooled; /* by spelling id: the pool's copy of its key, or NULL */
    size_t capkey;  /* room in key and pooled */
    /* Surfaces by address, in front of tab: a pooled surface (the run's pool
     * keeps each string once) is its spelling's at every mention, so a
     * spelling is found by its pointer, not by hashing and comparing its bytes.
     * Open addressing, at most half full: cap slots, each a surface or NULL,
     * with its spelling id. */
    const char **seen;
    uint32_t *seen_id;
    size_t capseen, nseen;
} fdp_spellings;

/* Empty spellings (rules may be NULL). */
void fdp_spellings_init(fdp_spellings *sp, const fd_ruleset *rules);
/* The spelling id of surface, adding it if it is new. pooled: surface is the
 * run's pool's (fdp_run_pool_doc), the same pointer at every mention of its
 * spelling, and is looked up by its address first. Returns the id, or
 * FD_ERR_NOMEM. */
long fdp_spellings_add(fdp_spellings *sp, const char *surface, bool pooled);
/* The spelling id of surface (pooled as for fdp_spellings_add), or -1 if it
 * was never added. */
long fdp_spellings_find(const fdp_spellings *sp, const char *surface, bool pooled);
/* Ranks the spellings added so far (sp->rank), anew at each call. Returns 0 or
 * FD_ERR_NOMEM. */
int fdp_spellings_rank(fdp_spellings *sp);
/* The key of spelling id, as fd_name_key gives it, made on the first call and
 * kept (the spellings own it); NULL when out of memory. */
const char *fdp_spelling_key(fdp_spellings *sp, uint32_t id);
/* The key of s (len bytes), a spelling or not, as fd_name_key gives it with
 * the spellings' rules: malloc'd, or NULL when out of memory. */
char *fdp_spellings_make_key(const fdp_spellings *sp, const char *s, size_t len);
/* The pool's copy of the key of spelling id (fdp_pool_intern of
 * fdp_spelling_key), looked up in pool on the first call and kept; NULL when
 * out of memory. */
const char *fdp_spelling_pooled_key(fdp_spellings *sp, uint32_t id, fdp_pool *pool);
void fdp_spellings_free(fdp_spellings *sp);

/*
 * A stable counting sort: writes to out the n indexes (32 bits) of in ordered by
 * key[in[i]] (each below nkeys), those with equal keys in their order in in.
 * Returns 0 or FD_ERR_NOMEM (out is then unspecified).
 */
int fdp_counting_sort(const uint32_t *in, size_t n, const uint32_t *key, size_t nkeys,
                      uint32_t *out);

#endif
