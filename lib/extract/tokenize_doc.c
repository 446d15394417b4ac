/*
 * tokenize_doc.c - the tokenize stage: a document's paragraphs (news copy puts
 * one paragraph on a line), each tokenized once, for every later stage.
 */
#include <stdlib.h>
#include <string.h>

#include "extract/tokenize.h"

void fdp_doc_tokens_free(fdp_doc_tokens *t) {
    fdp_token_list_free(&t->list);
    free(t->paras);
    t->paras = NULL;
    t->npara = t->cappara = 0;
}

int fdp_tokenize_doc(const fd_ruleset *rules, const fdp_doc *d, fdp_para_filter keep,
                     const void *ctx, fdp_doc_tokens *out) {
    out->list.n = 0;
    out->list.rules = rules;
    out->npara = 0;
    if (d->skip || !d->text)
        return 0;
    int rc = 0;
    for (size_t p = 0; p < d->len && rc == 0;) {
        // memchr's word-at-a-time scan, not a loop a byte: lines are long.
        const char *nl = memchr(d->text + p, '\n', d->len - p);
        size_t e = nl ? (size_t)(nl - d->text) : d->len;
        fdp_para *para = FDP_PUSH(out->paras, out->npara, out->cappara);
        if (!para) {
            rc = FD_ERR_NOMEM;
            break;
        }
        *para = (fdp_para){p, e, out->list.n, 0, false, false};
        para->kept = keep && keep(ctx, d->text, p, e);
        if (!keep || para->kept) {
            rc = fdp_tokenize(d->text, p, e, &out->list);
            para->n = out->list.n - para->first;
            para->tokenized = true;
        }
        p = e + 1;
    }
    return rc;
}
