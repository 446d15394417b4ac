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
/* One claim as the report's JSON object (a new reference), or NULL. */
json_t *fdp_claim_json(const fdp_claim *c);

#endif
