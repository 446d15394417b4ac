/*
 * github.c - GitHub Actions workflow commands, one per finding, which the
 * runner turns into annotations on the lines of the articles:
 *
 *   ::error file=a/004.txt,line=19,col=143,endColumn=146,title=factdiff conflict::...
 *
 * error for conflicts and disputes, warning for updates, notice for the other
 * kinds and for acknowledged findings; a stale acknowledgement is a warning on
 * its line of the acknowledgement file, a document's error an error at its place.
 * Values are escaped as the runner reads them: %, CR and LF in the message, and
 * in a property also ':' and ','.
 */
#include <string.h>

#include "report/report.h"

/* The workflow commands, each spelt once. */
static const char CMD_ERROR[] = "error", CMD_WARNING[] = "warning", CMD_NOTICE[] = "notice";

// Writes s escaped for a workflow command: a property's value when prop.
static void escaped(FILE *out, const char *s, bool prop) {
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '%')
            fputs("%25", out);
        else if (ch == '\r')
            fputs("%0D", out);
        else if (ch == '\n')
            fputs("%0A", out);
        else if (prop && ch == ':')
            fputs("%3A", out);
        else if (prop && ch == ',')
            fputs("%2C", out);
        else if (ch < 0x20 || ch == 0x7f)
            fputc(' ', out); // no article may send the runner a control character
        else
            fputc(ch, out);
    }
}

static const char *command_of(const fdp_finding *f) {
    if (f->ack)
        return CMD_NOTICE;
    return f->kind == FDP_CONFLICT || f->kind == FDP_DISPUTED ? CMD_ERROR
           : f->kind == FDP_UPDATE                            ? CMD_WARNING
                                                              : CMD_NOTICE;
}

// "::CMD file=F,line=L,col=C,endColumn=E,title=T::MESSAGE" (col and endColumn
// when known: col > 0).
static void command(FILE *out, const char *cmd, const char *file, int line, int col,
                    int end_col, const char *title, const char *msg) {
    fprintf(out, "::%s file=", cmd);
    escaped(out, file, true);
    fprintf(out, ",line=%d", line > 0 ? line : 1);
    if (col > 0)
        fprintf(out, ",col=%d,endColumn=%d", col, end_col > col ? end_col : col + 1);
    fputs(",title=", out);
    escaped(out, title, true);
    fputs("::", out);
    escaped(out, msg, false);
    fputc('\n', out);
}

// Returns 0, or FD_ERR_NOMEM when the annotation could not be made.
static int finding(const fdp_finding *f, FILE *out) {
    const fdp_doc *d = f->kind == FDP_VARIANT ? f->anchor_mention->doc : f->anchor->doc;
    size_t start = f->kind == FDP_VARIANT ? f->anchor_mention->start : f->anchor->start;
    size_t end = f->kind == FDP_VARIANT ? f->anchor_mention->end : f->anchor->end;
    int line = 1, col = 1, end_line = 1, end_col = 1;
    bool back = false;
    if (!fdp_doc_text_hold(d, &back))
        return FD_ERR_NOMEM; // (or its text could not be read back)
    fdp_line_col(d->text, d->len, start, &line, &col);
    fdp_line_col(d->text, d->len, end, &end_line, &end_col);
    fdp_doc_text_release(d, back);
    if (end_line != line) // a span across lines: mark from its start
        end_col = col + 1;
    fdp_buf file = {0}, title = {0}, msg = {0};
    fdp_doc_file(d, &file);
    fdp_buf_printf(&title, "factdiff %s%s", fdp_finding_kind_name(f->kind),
                   f->ack ? " (acknowledged)" : "");
    fdp_finding_message(f, &msg);
    fdp_buf_printf(&msg, " [%s]", f->fingerprint);
    if (f->ack)
        fdp_buf_printf(&msg, " acknowledged: %s", f->ack->why);
    bool ok = file.data && title.data && msg.data;
    if (ok)
        command(out, command_of(f), file.data, line, col, end_col, title.data, msg.data);
    fdp_buf_free(&file);
    fdp_buf_free(&title);
    fdp_buf_free(&msg);
    return ok ? 0 : FD_ERR_NOMEM;
}

static int stale(const fd_run *r, const fdp_ack *a, FILE *out) {
    fdp_buf msg = {0};
    fdp_stale_message(a, &msg);
    if (msg.data)
        command(out, CMD_WARNING, r->ack_path, a->line, 0, 0,
                "factdiff stale acknowledgement", msg.data);
    fdp_buf_free(&msg);
    return msg.failed ? FD_ERR_NOMEM : 0;
}

static void doc_errors(const fdp_doc *d, FILE *out) {
    for (int i = 0; i < d->nerrors; i++) {
        const fd_error *e = fdp_doc_error_at(d, (int)i);
        command(out, CMD_ERROR, fdp_error_place(e, d->path), e->line, e->column,
                e->column + 1, "factdiff input error", e->text);
    }
}

int fdp_write_github(const fd_run *r, FILE *out) {
    for (size_t i = 0; i < r->ndocs; i++)
        doc_errors(r->docs[i], out);
    int rc = 0;
    // What fails a check first: the runner shows only the first annotations of a kind.
    for (size_t i = 0; i < r->nfindings && rc == 0; i++)
        if (fdp_finding_is_discrepancy(r->findings[i].kind) && !r->findings[i].ack)
            rc = finding(&r->findings[i], out);
    for (size_t i = 0; i < r->nfindings && rc == 0; i++)
        if (!fdp_finding_is_discrepancy(r->findings[i].kind) || r->findings[i].ack)
            rc = finding(&r->findings[i], out);
    for (size_t i = 0; i < r->nacks && rc == 0; i++)
        if (!r->acks[i].matched)
            rc = stale(r, &r->acks[i], out);
    return rc < 0 ? rc : ferror(out) ? FD_ERR_IO : 0;
}
