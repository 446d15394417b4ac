/*
 * intern.h - a table of distinct strings for the names stage: each string gets
 * a dense id (0, 1, 2, ... in the order strings are first added), so that a run
 * naming a few thousand names hundreds of thousands of times compares, sorts and
 * memoises by integers. Internal.
 */
#ifndef FD_NAMES_INTERN_H
#define FD_NAMES_INTERN_H

#include <stddef.h>
#include <stdint.h>

/* Open addressing with linear probing; at most half full. The strings are
 * borrowed: they must outlive the table and not change. Zeroed is empty. */
typedef struct fdp_intern {
    uint32_t *slots;   /* cap slots: an id + 1, or 0 for an empty slot */
    size_t cap;        /* a power of two, or 0 before the first string */
    const char **strs; /* by id: the string */
    uint32_t *hashes;  /* by id: its hash (fdp_hash), kept for growing */
    size_t n, capn;    /* ids given; room in strs and hashes */
} fdp_intern;

/* The id of s, adding it if it is new (*added tells which, if not NULL).
 * Returns the id, or FD_ERR_NOMEM with the table unchanged and still usable. */
long fdp_intern_add(fdp_intern *t, const char *s, int *added);
/* The id of s, or -1 if it was never added. */
long fdp_intern_find(const fdp_intern *t, const char *s);
/* Writes to rank[id], for every id, the place of its string among the table's
 * strings in strcmp order (a sort of the distinct strings only). Returns 0 or
 * FD_ERR_NOMEM. */
int fdp_intern_ranks(const fdp_intern *t, uint32_t *rank);
/* Frees the table's arrays (not the strings); the table is empty again. */
void fdp_intern_free(fdp_intern *t);

#endif
