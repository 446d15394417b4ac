/*
 * report.h - the reporters: they read a checked run (model/model.h) and write
 * it; none computes anything a stage should have. Internal.
 */
#ifndef FD_REPORT_H
#define FD_REPORT_H

#include <jansson.h>

#include "model/model.h"

int fdp_write_text(const fd_run *run, FILE *out, unsigned options);
int fdp_write_names(const fd_run *run, FILE *out);
int fdp_write_json(const fd_run *run, FILE *out);
int fdp_write_html(const fd_run *run, FILE *out);
int fdp_write_sarif(const fd_run *run, FILE *out);
int fdp_write_github(const fd_run *run, FILE *out);

/* ---- message.c: what the diagnostics of every format say ------------------- */

/* How another place is named from here: its file name when both files share a
 * directory (the usual run over one folder), else its full path. */
const char *fdp_place_name(const fdp_doc *here, const fdp_doc *there);
/* A finding's one line, anchored where its diagnostic stands: "targets struck
 * within 24 hours: 117 here, 120 in 002_x.txt:23:139" (variants: "Dmitry Peskov:
 * "Pescov" here, "Peskov" in 004_x.txt:23:289"). Appended to b. */
void fdp_finding_message(const fdp_finding *f, fdp_buf *b);
/* The claims of currency u of a currencies finding, as written: "eur: €1.2bn
 * here, €1.2 billion in 05_x.txt:1:54", the claim here (if of that currency)
 * written "here" and the places named from here's document. Appended to b. */
void fdp_currency_claims(const fdp_finding *f, int u, const fdp_claim *here, fdp_buf *b);
/* A stale acknowledgement's message: "stale acknowledgement 3c1f... (key): no
 * finding has this fingerprint any more; remove it with 'factdiff ack --prune'". */
void fdp_stale_message(const fdp_ack *a, fdp_buf *b);
/* The file a document's places stand in: its path, less the ":LINE" of a
 * document read from one line of a JSON Lines stream. Appended to b. */
void fdp_doc_file(const fdp_doc *d, fdp_buf *b);

/* Appends claim c to b as the report's compact JSON object (json.c), with the
 * document's "path", "source" and "date" after its members when with_doc.
 * b->failed when memory ran out. */
void fdp_write_claim_line(fdp_buf *b, const fdp_claim *c, bool with_doc);
/* The members of a claim line (fdp_write_claim_line, with_doc) that are the
 * same for every claim of one document: its "doc", and its "path", "source"
 * and "date" with the closing brace, written once for all its claims. */
typedef struct fdp_doc_members {
    const fdp_doc *doc; /* the document they were set for, or NULL */
    fdp_buf doc_member, tail;
} fdp_doc_members;
/* Sets m for document d (its buffers reused). */
void fdp_doc_members_set(fdp_doc_members *m, const fdp_doc *d);
void fdp_doc_members_free(fdp_doc_members *m);
/* fdp_write_claim_line(b, c, true), c->doc's members taken from m, set for it. */
void fdp_write_claim_line_of(fdp_buf *b, const fdp_claim *c, const fdp_doc_members *m);
/* A real that is a multiple of 1/1024 and no whole number (2.5, 0.75, -7.25),
 * as jansson writes it ("%.17g"), into out; returns its length, or 0 for any
 * other value, or when "%.17g" would round it (more than 17 digits). */
size_t fdp_json_binary_fraction(double v, char out[40]);
/* Any other real from 1 to 1e15 that is no whole number, as jansson writes it
 * ("%.17g", then ".0" when no fraction digit is left), into out; returns its
 * length, or 0 when it leaves the value to printf: out of that range, or one
 * that rounds up into its whole part. Computed in 128-bit integers where the
 * compiler has them, exactly; else with a long double (0 too near a tie of the
 * 17th digit, or when long double is no wider than double, as under valgrind). */
size_t fdp_json_real_17g(double v, char out[40]);

#endif
